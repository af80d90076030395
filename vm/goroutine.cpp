// Goroutines of an mgo program (vm/goroutine.h).
//
// Go's newproc copies the go statement's arguments into the new goroutine's
// first frame and queues it; so does go_start, with a GoStart record in
// between because the runtime starts goroutines as fn(void*). The new
// goroutine takes a Thread (a few KiB: VM stacks start small and grow by
// copying; an ended goroutine's is reused), runs the call to completion
// with execute(), and exits.
//
// Which goroutine runs which Thread: the runtime's g has a `user` word that
// holds the Thread, and current_thread() reads it through getg().
#include "vm/goroutine.h"

#include <cstring>

#include "runtime/malloc.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "vm/api.h"
#include "vm/interp_util.h"
#include "vm/thread.h"

namespace mgo::vm {

namespace {

// What go_start hands the new goroutine. Heap-allocated like a Defer, since
// it holds Go values the collector will have to see.
struct GoStart {
  rt::ObjHeader hdr;
  Closure* fn;
  Module* module;
  Creator creator;
  int64_t nargs;
  Slot args[];
};

// Threads of ended goroutines, kept for the next goroutines started on the
// same M, as Go keeps dead g's with their stacks (gfput/gfget): a new
// Thread costs three allocations and a zeroed slot stack, a quarter of
// what starting and ending a goroutine costs (bench/conc/spawn). Only
// Threads whose stacks never grew are kept (Thread::reset), about 1 KiB
// each, at most kCachedThreads per M.
constexpr int kCachedThreads = 64;

struct ThreadCache {
  Thread* free[kCachedThreads];
  int n = 0;
};

// The running M's cache. Opaque to the optimiser on purpose (noipa: not
// inlined, and not found `const` either, which would let two calls
// around a park be merged): a goroutine may resume on another M after any
// park, so no caller may reuse a TLS address computed before one.
[[gnu::noipa]] ThreadCache& thread_cache() {
  thread_local ThreadCache cache;
  return cache;
}

Thread* new_thread() {
  ThreadCache& c = thread_cache();
  return c.n > 0 ? c.free[--c.n] : new Thread;
}

void free_thread(Thread* t) {
  ThreadCache& c = thread_cache();
  if (c.n < kCachedThreads && t->reset()) {
    c.free[c.n++] = t;
  } else {
    delete t;
  }
}

// The top of every goroutine but main: one Go call, then goexit.
void goroutine_main(void* arg) {
  auto* s = static_cast<GoStart*>(arg);
  rt::g* gp = rt::getg();
  Thread* t = new_thread();
  gp->user = t;
  t->module = s->module;
  t->goid = gp->goid;
  t->preempt = &gp->preempt;
  t->creator = s->creator;
  ensure_stack(*t, size_t(s->nargs));
  std::memcpy(t->stack, s->args, sizeof(Slot) * size_t(s->nargs));
  run_call(*t, s->fn, 0);
  gp->user = nullptr;
  free_thread(t);
}

struct MainStart {
  Module* module;
};

void main_goroutine(void* arg) {
  auto* ms = static_cast<MainStart*>(arg);
  rt::g* gp = rt::getg();
  auto* t = new Thread;
  gp->user = t;
  t->module = ms->module;
  t->goid = gp->goid;
  t->preempt = &gp->preempt;
  for (Proto* p : ms->module->init_sequence) {
    run_call(*t, p->closure, 0);
    if (t->goexited) {  // runtime.Goexit in an init or main: the rest run on
      gp->user = nullptr;
      delete t;
      rt::Goexit();
    }
  }
  exit_program(0);
}

// A goroutine that has not started yet: its function, at the line where
// it is declared (Go prints the entry pc's line), and its creator.
std::string unstarted_frames(const GoStart& s) {
  const Proto* p = s.fn->proto;
  int line = p->info && p->info->node ? p->info->node->pos.line : line_at(p, p->code.data());
  return p->name + (p->nparams > 0 ? "(...)\n\t" : "()\n\t") + p->file + ":" + std::to_string(line) +
         "\n" + created_by_string(s.creator);
}

// The runtime's goroutine dumps (deadlock, fatal errors) print each
// goroutine's frames from its Thread. One still running on another thread
// (it did not yield to freezetheworld) has frames in motion: Go prints no
// stack for it either.
void print_frames(rt::g* gp) {
  auto* t = static_cast<Thread*>(gp->user);
  if (!t) {
    if (gp->fn == goroutine_main && gp->arg) write_stderr(unstarted_frames(*static_cast<GoStart*>(gp->arg)));
    return;
  }
  if (gp != rt::getg() && gp->atomicstatus.load(std::memory_order_acquire) == rt::_Grunning) {
    write_stderr("\tgoroutine running on other thread; stack unavailable\n" + created_by_string(t->creator));
    return;
  }
  write_stderr(frames_string(*t, t->frames, 100));
}

}  // namespace

Thread& current_thread() { return *static_cast<Thread*>(rt::getg()->user); }

namespace {
Module* the_module = nullptr;  // the program's (one per process)
}  // namespace

void go_start_detached(Closure* fn, const char* creator) {
  auto* s = rt::alloc_object<GoStart>(rt::ObjKind::Other);
  s->fn = fn;
  s->creator.native = creator;
  s->module = the_module;
  rt::newproc(goroutine_main, s);
}

void go_start(Thread& parent, Closure* fn, const Slot* args, int nargs) {
  if (!fn) fatal_error(parent, "go of nil func value");
  auto* s = rt::alloc_object<GoStart>(rt::ObjKind::Other, sizeof(Slot) * size_t(nargs));
  s->fn = fn;
  s->module = parent.module;
  const Frame& top = parent.frames.back();
  s->creator = {top.proto, top.pc, parent.goid, nullptr};
  s->nargs = nargs;
  std::memcpy(s->args, args, sizeof(Slot) * size_t(nargs));
  rt::newproc(goroutine_main, s);
}

void run_program(Module* mod) {
  rt::set_frame_printer(print_frames);
  rt::set_exit_hook(flush_stdout);
  // The runtime's panics ("send on closed channel") are Go panics of the
  // running goroutine (plainError implements runtime.Error); its fatal
  // errors print the goroutine's VM frames.
  rt::set_panic_handler([](const char* msg) { throw GoPanic{plain_error_value(msg, true)}; });
  rt::set_fatal_handler([](const char* msg) { fatal_error(current_thread(), msg); });
  static MainStart ms;
  ms.module = mod;
  the_module = mod;
  rt::run_main(main_goroutine, &ms);
  // run_main returns only once main has returned, and main exits the
  // process; getting here means the scheduler stopped without it.
  exit_program(0);
}

}  // namespace mgo::vm

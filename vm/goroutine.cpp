// Goroutines of an mgo program (vm/goroutine.h).
//
// Go's newproc copies the go statement's arguments into the new goroutine's
// first frame and queues it; so does go_start (start_goroutine), into the
// new g's Thread: its VM state (a few KiB: VM stacks start small and grow
// by copying). The goroutine runs the call to completion with execute(),
// and exits.
//
// Which goroutine runs which Thread: the runtime's g has a `user` word that
// holds the Thread, and current_thread() reads it through getg(). A dead g
// keeps its Thread, reset, for the next goroutine the runtime starts on it.
#include "vm/goroutine.h"

#include <cstring>

#include "runtime/panic.h"
#include "runtime/proc.h"
#include "vm/api.h"
#include "vm/interp_util.h"
#include "vm/thread.h"

namespace mgo::vm {

namespace {

// The top of every goroutine but main: one Go call, then goexit. go_start
// has set up the g's Thread (gp->user) with the call's arguments; arg is
// the func value.
void goroutine_main(void* arg) {
  rt::g* gp = rt::getg();
  auto* t = static_cast<Thread*>(gp->user);
  run_call(*t, static_cast<Closure*>(arg), 0);
  // The Thread stays with the dead g for its next goroutine, as the g's
  // stack does (gfput/gfget), unless its stacks grew (Thread::reset).
  if (!t->reset()) {
    gp->user = nullptr;
    delete t;
  }
}

// Go's newproc: a new goroutine calling fn with nargs arguments. Like Go's
// newproc1, which copies the arguments into the new goroutine's first
// frame, this copies them into the bottom of the g's Thread (the one its
// last goroutine left, or a new one): the func value travels in g's arg,
// the arguments on the slot stack, so starting a goroutine allocates
// nothing once dead g's are there to reuse.
void start_goroutine(Closure* fn, Module* module, const Creator& creator, const Slot* args, int nargs) {
  rt::g* newg = rt::newproc1(goroutine_main, fn);
  auto* t = static_cast<Thread*>(newg->user);
  if (!t) newg->user = t = new Thread;
  t->module = module;
  t->goid = newg->goid;
  t->preempt = &newg->preempt;
  t->creator = creator;
  ensure_stack(*t, size_t(nargs));
  if (nargs > 0) std::memcpy(t->stack, args, sizeof(Slot) * size_t(nargs));
  rt::newproc_start(newg);
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
  // Locked to its thread during the package inits, as Go's runtime.main
  // locks it (dumps say so); main.main is the last of the sequence.
  gp->lockedm = true;
  for (Proto* p : ms->module->init_sequence) {
    if (p == ms->module->main) gp->lockedm = false;
    run_call(*t, p->closure, 0);
    if (t->goexited) {  // runtime.Goexit in an init or main: the rest run on
      gp->lockedm = false;
      gp->user = nullptr;
      delete t;
      rt::Goexit();
    }
  }
  exit_program(0);
}

// A goroutine that has not started yet: its function, at the line where
// it is declared (Go prints the entry pc's line), and its creator.
std::string unstarted_frames(const Closure* fn, const Creator& creator) {
  const Proto* p = fn->proto;
  int line = p->info && p->info->node ? p->info->node->pos.line : line_at(p, p->code.data());
  return p->name + (p->nparams > 0 ? "(...)\n\t" : "()\n\t") + p->file + ":" + std::to_string(line) +
         "\n" + created_by_string(creator);
}

// The runtime's goroutine dumps (deadlock, fatal errors) print each
// goroutine's frames from its Thread. One still running on another thread
// (it did not yield to freezetheworld) has frames in motion: Go prints no
// stack for it either.
void print_frames(rt::g* gp) {
  auto* t = static_cast<Thread*>(gp->user);
  if (!t) return;
  if (gp != rt::getg() && gp->atomicstatus.load(std::memory_order_acquire) == rt::_Grunning) {
    write_stderr("\tgoroutine running on other thread; stack unavailable\n" + created_by_string(t->creator));
    return;
  }
  if (t->frames.empty()) {
    if (gp->fn == goroutine_main && gp->arg) write_stderr(unstarted_frames(static_cast<Closure*>(gp->arg), t->creator));
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
  start_goroutine(fn, the_module, Creator{nullptr, nullptr, 0, creator}, nullptr, 0);
}

void go_start(Thread& parent, Closure* fn, const Slot* args, int nargs) {
  if (!fn) fatal_error(parent, "go of nil func value");
  const Frame& top = parent.frames.back();
  start_goroutine(fn, parent.module, Creator{top.proto, top.pc, parent.goid, nullptr}, args, nargs);
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

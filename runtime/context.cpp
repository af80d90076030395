// Context switches with sanitizer announcements. See context.h.
//
// The pairing ASan requires: the side that leaves calls
// __sanitizer_start_switch_fiber naming the destination stack (and a place
// to keep its own fake stack, or nullptr when it leaves for good); the side
// that arrives calls __sanitizer_finish_switch_fiber with the fake stack it
// saved when it left (nullptr for a fresh start). TSan only needs
// __tsan_switch_to_fiber before every switch.
#include "runtime/context.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define MGO_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#define MGO_TSAN 1
#endif

extern "C" {
void mgo_gogo(mgo::rt::gobuf* buf);
void mgo_gosave_gogo(mgo::rt::gobuf* save, mgo::rt::gobuf* next);
void mgo_mcall(mgo::rt::gobuf* save, void (*fn)(void*), void* arg, uintptr_t sp);
void mgo_systemstack(void (*fn)(void*), void* arg, uintptr_t sp);
void mgo_gostart();
[[noreturn]] void mgo_goentry(void* ctxt);
}

namespace mgo::rt {
namespace {

// Sanitizer hooks; empty in plain builds.
inline void leaving(Context* from, Context* to, bool for_good) {
#ifdef MGO_TSAN
  // A context left for good (g0 in execute, a goroutine in goexit) has a
  // shadow call stack full of frames that will never return: drop its
  // fiber, and start the next entry (g0's next mcall, the g's reuse) on a
  // fresh one. Otherwise TSan's shadow stack for g0 overflows.
  if (!to->tsan_fiber) to->tsan_fiber = __tsan_create_fiber(0);
  __tsan_switch_to_fiber(to->tsan_fiber, 0);
  if (for_good && from->tsan_fiber && !from->tsan_thread_fiber) {
    __tsan_destroy_fiber(from->tsan_fiber);
    from->tsan_fiber = nullptr;
  }
#endif
#ifdef MGO_ASAN
  __sanitizer_start_switch_fiber(for_good ? nullptr : &from->asan_fake_stack,
                                 reinterpret_cast<const void*>(to->stack.lo), to->stack.size());
#endif
  (void)from, (void)to, (void)for_good;
}

inline void arrived(void* fake_stack) {
#ifdef MGO_ASAN
  const void* old_bottom;
  size_t old_size;
  __sanitizer_finish_switch_fiber(fake_stack, &old_bottom, &old_size);
#endif
  (void)fake_stack;
}

}  // namespace

void context_arrived_fresh() { arrived(nullptr); }

namespace {

// What context_mcall runs on the other stack: announce the arrival, then
// the caller's function.
struct McallFrame {
  void (*fn)(void*);
  void* arg;
};

void mcall_trampoline(void* p) {
  context_arrived_fresh();
  auto* f = static_cast<McallFrame*>(p);
  f->fn(f->arg);
  std::fputs("fatal error: mcall function returned\n", stderr);
  std::abort();
}

// Top of a stack, 16-byte aligned, leaving `reserve` bytes above.
uintptr_t stack_top(const Stack& s, size_t reserve = 0) {
  return (s.hi - reserve) & ~uintptr_t(15);
}

}  // namespace

void context_init(Context* ctx, Stack stack, void (*entry)(void*), void* arg) {
  ctx->stack = stack;
  ctx->entry = entry;
  ctx->entry_arg = arg;
  ctx->sched.sp = stack_top(stack);
  ctx->sched.pc = reinterpret_cast<uintptr_t>(&mgo_gostart);
  ctx->sched.ctxt = ctx;
#ifdef MGO_ASAN
  ctx->asan_fake_stack = nullptr;
  // A reused stack still carries the redzone poison of frames its last
  // goroutine never returned from (context_mcall in goexit1, ...). Frames
  // of the next goroutine that ASan does not instrument (its own runtime
  // in __asan_handle_no_return, libgcc) would trip over it: start clean.
  __asan_unpoison_memory_region(reinterpret_cast<void*>(stack.lo), stack.size());
#endif
#ifdef MGO_TSAN
  if (!ctx->tsan_fiber) ctx->tsan_fiber = __tsan_create_fiber(0);
#endif
}

extern "C" void* __libc_stack_end;  // glibc: the top of the main thread's stack, set by _start

Stack thread_stack() {
  // The main thread's stack grows on demand up to RLIMIT_STACK below where
  // the kernel put argv; pthread_getattr_np finds the same bounds by parsing
  // /proc/self/maps with sscanf, ~120K instructions and a file read on the
  // path of every start-up.
  if (getpid() == gettid()) {
    rlimit rl{};
    getrlimit(RLIMIT_STACK, &rl);
    size_t limit = rl.rlim_cur == RLIM_INFINITY ? size_t(8) << 20 : size_t(rl.rlim_cur);
    uintptr_t page = uintptr_t(sysconf(_SC_PAGESIZE));
    uintptr_t hi = (reinterpret_cast<uintptr_t>(__libc_stack_end) + page - 1) & ~(page - 1);
    return Stack{hi - limit, hi};
  }
  pthread_attr_t attr;
  void* addr = nullptr;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
  }
  auto lo = reinterpret_cast<uintptr_t>(addr);
  return Stack{lo, lo + size};
}

void context_init_thread(Context* ctx) {
  // A thread's stack never moves, and an M describes its thread twice
  // (mstart_ctx and g0).
  thread_local Stack own{};
  if (own.hi == 0) own = thread_stack();
  ctx->stack.lo = own.lo;
  ctx->stack.hi = own.hi;
#ifdef MGO_TSAN
  ctx->tsan_fiber = __tsan_get_current_fiber();
  ctx->tsan_thread_fiber = true;
#endif
}

void context_destroy(Context* ctx) {
#ifdef MGO_TSAN
  if (ctx->tsan_fiber && !ctx->tsan_thread_fiber) __tsan_destroy_fiber(ctx->tsan_fiber);
  ctx->tsan_fiber = nullptr;
#endif
  (void)ctx;
}

void context_switch(Context* from, Context* to) {
  leaving(from, to, false);
  mgo_gosave_gogo(&from->sched, &to->sched);
  arrived(from->asan_fake_stack);
}

void context_exit(Context* from, Context* to) {
  leaving(from, to, true);
  mgo_gogo(&to->sched);
  __builtin_unreachable();
}

void context_mcall(Context* from, Context* on, void (*fn)(void*), void* arg, bool exiting) {
  // The frame lives on our own stack, which stays intact until `from` is
  // resumed (or, when exiting, until fn has read it and freed the stack).
  McallFrame frame{fn, arg};
  leaving(from, on, exiting);
  mgo_mcall(&from->sched, &mcall_trampoline, &frame, stack_top(on->stack, 0));
  arrived(from->asan_fake_stack);
}

namespace {

// What context_systemstack runs on the other stack. ASan is told about both
// crossings; TSan is not: the same logical thread goes on running.
struct SystemstackFrame {
  void (*fn)(void*);
  void* arg;
  Stack back;  // the stack to return to
};

void systemstack_trampoline(void* p) {
  auto* f = static_cast<SystemstackFrame*>(p);
  arrived(nullptr);
  f->fn(f->arg);
#ifdef MGO_ASAN
  void* fake = nullptr;
  __sanitizer_start_switch_fiber(&fake, reinterpret_cast<const void*>(f->back.lo), f->back.size());
#endif
}

}  // namespace

void context_systemstack(Context* from, Context* on, void (*fn)(void*), void* arg) {
  // Runs below on's saved sp when on is parked in the scheduler; on's stack
  // above that point belongs to it and must not be overwritten. 256 bytes
  // spare the red zone and the saved registers.
  uintptr_t sp = on->sched.sp ? (on->sched.sp - 256) & ~uintptr_t(15) : stack_top(on->stack);
#ifdef MGO_ASAN
  void* fake = nullptr;
  __sanitizer_start_switch_fiber(&fake, reinterpret_cast<const void*>(on->stack.lo), on->stack.size());
#endif
  SystemstackFrame frame{fn, arg, from->stack};
  mgo_systemstack(&systemstack_trampoline, &frame, sp);
#ifdef MGO_ASAN
  arrived(fake);
#endif
}

}  // namespace mgo::rt

// Entry of every fresh context (called by mgo_gostart).
extern "C" void mgo_goentry(void* ctxt) {
  auto* ctx = static_cast<mgo::rt::Context*>(ctxt);
  mgo::rt::context_arrived_fresh();
  ctx->entry(ctx->entry_arg);
  std::fputs("fatal error: goroutine entry returned\n", stderr);
  std::abort();
}

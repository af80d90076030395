// The front end's stack floor. See nesting.h.
#include "lang/nesting.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <exception>

#include "runtime/context.h"

namespace mgo {
namespace {

// What must stay free below the floor: the deepest stretch of a walk
// between two checks, and the unwinder that carries NestingTooDeep back up.
// Sanitizer frames are several times larger.
#if defined(__SANITIZE_ADDRESS__)
constexpr uintptr_t kMargin = uintptr_t(1) << 20;
#else
constexpr uintptr_t kMargin = uintptr_t(256) << 10;
#endif

#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kDeepStack = size_t(64) << 20;
#else
constexpr size_t kDeepStack = size_t(1) << 30;
#endif

uintptr_t floor_of(uintptr_t lo, uintptr_t hi) { return lo + std::min(kMargin, (hi - lo) / 2); }

}  // namespace

thread_local uintptr_t t_nesting_floor = 0;

void nesting_too_deep(Pos pos) { throw NestingTooDeep{pos}; }

// A thread that never set its stack (the unit tests, any caller but `mgo`)
// gets its own stack's bounds, once: too slow to find for every check.
void nesting_floor_slow(Pos pos) {
  rt::Stack own = rt::thread_stack();
  t_nesting_floor = floor_of(own.lo, own.hi);
  check_nesting(pos);
}

NestingStack::NestingStack(uintptr_t lo, uintptr_t hi) : saved_(t_nesting_floor) {
  t_nesting_floor = floor_of(lo, hi);
}

void on_deep_stack(void (*fn)(void*), void* arg) {
  size_t page = size_t(sysconf(_SC_PAGESIZE));
  void* mem = mmap(nullptr, kDeepStack, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (mem == MAP_FAILED) return fn(arg);  // the thread's own stack, still guarded
  mprotect(mem, page, PROT_NONE);         // a guard page under the floor
  auto lo = reinterpret_cast<uintptr_t>(mem);
  struct Job {
    void (*fn)(void*);
    void* arg;
    rt::Stack stack;
    std::exception_ptr err;
  } job{fn, arg, {lo + page, lo + kDeepStack}, {}};
  rt::Context self, deep;
  rt::context_init_thread(&self);
  deep.stack = job.stack;
  auto run = [](void* p) {
    auto* j = static_cast<Job*>(p);
    NestingStack on(j->stack.lo, j->stack.hi);
    try {
      j->fn(j->arg);
    } catch (...) {  // no exception may unwind across the stack switch
      j->err = std::current_exception();
    }
  };
  rt::context_systemstack(&self, &deep, run, &job);
  munmap(mem, kDeepStack);
  if (job.err) std::rethrow_exception(job.err);
}

}  // namespace mgo

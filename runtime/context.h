// Machine contexts: the layer under gogo, mcall and systemstack.
//
// A Context is a gobuf (Go's saved sp/pc/g) plus what the sanitizers must
// be told about its stack. Every stack switch in mgo goes through the
// functions below, which announce it to AddressSanitizer
// (__sanitizer_start/finish_switch_fiber) and ThreadSanitizer
// (__tsan_switch_to_fiber) in sanitizer builds and compile to a bare call
// of the assembly (asm_amd64.S) otherwise.
//
// Contract: a Context is resumed by at most one thread at a time, and only
// after it has been saved (a goroutine is either running on exactly one M
// or parked; the scheduler guarantees it, as Go's does).
#pragma once

#include <cstddef>
#include <cstdint>

#include "runtime/asm_offsets.h"
#include "runtime/stack.h"

namespace mgo::rt {

struct g;

struct gobuf {
  uintptr_t sp = 0;     // saved stack pointer; the saved registers sit there
  uintptr_t pc = 0;     // where to resume: mgo_resume, or mgo_gostart
  g* gp = nullptr;      // the goroutine this context belongs to
  void* ctxt = nullptr; // fresh contexts only: the entry's StartInfo
};
static_assert(offsetof(gobuf, sp) == GOBUF_SP);
static_assert(offsetof(gobuf, pc) == GOBUF_PC);
static_assert(offsetof(gobuf, gp) == GOBUF_G);
static_assert(offsetof(gobuf, ctxt) == GOBUF_CTXT);
static_assert(sizeof(gobuf) == GOBUF_SIZE);

struct Context {
  // What a switch touches first (one cache line), the sanitizers' after.
  gobuf sched;
  Stack stack;                      // the stack this context runs on
  void (*entry)(void*) = nullptr;   // fresh contexts: what to run
  void* entry_arg = nullptr;
  void* tsan_fiber = nullptr;       // TSan: the fiber of this context (made lazily)
  bool tsan_thread_fiber = false;   // TSan: the OS thread's own fiber (never destroyed)
  void* asan_fake_stack = nullptr;  // ASan: fake frames saved while switched out
};

// Prepares ctx to run entry(arg) on `stack` when first resumed. entry must
// never return: it ends by context_exit.
void context_init(Context* ctx, Stack stack, void (*entry)(void*), void* arg);

// The bounds of the calling OS thread's stack (the main thread's as far
// as RLIMIT_STACK lets it grow).
Stack thread_stack();

// Describes the calling OS thread's own stack (an M's g0) as a Context.
void context_init_thread(Context* ctx);

// Releases what the sanitizers hold for a finished context.
void context_destroy(Context* ctx);

// Saves the running context into `from` and resumes `to`. Returns when
// something resumes `from`.
void context_switch(Context* from, Context* to);

// Resumes `to` for good: the running context `from` has finished and is
// never resumed (its stack may be reused as soon as `to` runs).
[[noreturn]] void context_exit(Context* from, Context* to);

// Go's mcall: saves the running context into `from`, then runs fn(arg) on
// the stack of `on` (from its top, discarding whatever `on` was doing). fn
// must not return; it ends by resuming some context. `exiting` says `from`
// is finished and will never be resumed (goexit), so the sanitizers can
// release what they keep for it.
void context_mcall(Context* from, Context* on, void (*fn)(void*), void* arg,
                   bool exiting = false);

// Go's systemstack: the running context `from` runs fn(arg) on the stack of
// `on` (below on's saved sp: `on` must be parked) and comes back.
void context_systemstack(Context* from, Context* on, void (*fn)(void*), void* arg);

// Announces to the sanitizers that a context has just started running on a
// fresh stack (called by the entry trampolines; exposed for the scheduler).
void context_arrived_fresh();

// The current stack pointer (for bounds checks).
inline uintptr_t current_sp() {
  return reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
}

}  // namespace mgo::rt

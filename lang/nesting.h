// How deep the front end may recurse before it stops with an error.
//
// The parser, the checker and the compiler walk the syntax tree
// recursively, so 10,000 nested parentheses, blocks or `[]` in a type, or a
// sum of 100,000 terms, make their native recursion that deep. Go's
// compiler recurses the same way on a goroutine stack that grows to 1 GB,
// and compiles such files. Ours cannot grow, so two things replace growth:
//
//  - `mgo` runs the front end on a large stack of its own (on_deep_stack),
//    reserved, not committed, so deep input compiles as under Go and
//    shallow input costs nothing;
//  - every recursive walk calls check_nesting(pos) at each level. When the
//    stack is nearly spent it throws NestingTooDeep, and the phase's entry
//    point (parse_file, check_program, compile_program) reports
//    "exceeded max nesting depth" at pos, the words of Go's go/parser (which
//    limits nesting to 100,000 levels) for the limit gc does not have.
//
// The check compares an address with a floor: a few instructions per node.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lang/ast.h"

namespace mgo {

// Thrown when the native stack is nearly exhausted; never escapes the
// front end's entry points.
struct NestingTooDeep {
  Pos pos;
};
inline constexpr const char* kNestingTooDeep = "exceeded max nesting depth";

// The lowest stack address the front end may use on this thread (0: not yet
// known; nesting_floor_slow finds the thread's stack).
extern thread_local uintptr_t t_nesting_floor;
[[noreturn]] void nesting_too_deep(Pos pos);
void nesting_floor_slow(Pos pos);

inline void check_nesting(Pos pos) {
  char here;
  auto sp = reinterpret_cast<uintptr_t>(&here);
  if (sp < t_nesting_floor) [[unlikely]] nesting_too_deep(pos);
  if (t_nesting_floor == 0) [[unlikely]] nesting_floor_slow(pos);
}

// While alive, the front end on this thread runs on the stack [lo, hi).
class NestingStack {
 public:
  NestingStack(uintptr_t lo, uintptr_t hi);
  ~NestingStack() { t_nesting_floor = saved_; }
  NestingStack(const NestingStack&) = delete;
  NestingStack& operator=(const NestingStack&) = delete;

 private:
  uintptr_t saved_;
};

// Runs fn(arg) on a stack of its own: 1 GB, as Go's goroutine stacks may
// grow to, reserved and not committed (the kernel backs only the pages it
// touches, a few dozen for an ordinary program), switched to on this thread
// (runtime/context.h), so allocation caches and thread-locals stay as they
// are. ASan warns when an exception unwinds more than 64 MB of stack, so its
// builds stop there. What fn throws is thrown here.
void on_deep_stack(void (*fn)(void*), void* arg);
template <class F>
void on_deep_stack(F&& f) {
  on_deep_stack([](void* p) { (*static_cast<std::remove_reference_t<F>*>(p))(); }, &f);
}

}  // namespace mgo

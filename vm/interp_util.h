// Helpers shared by the interpreter loop (interp.cpp) and the runtime
// support code (support.cpp): the slow paths the loop calls out to.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/utf8.h"
#include "vm/thread.h"

namespace mgo::vm {


// Go's float -> integer conversions on amd64 (out of range gives MinInt64).
inline int64_t float_to_int(double d) {
  if (!(d > -9223372036854775808.0 && d < 9223372036854775808.0)) return INT64_MIN;
  return int64_t(d);
}
inline uint64_t float_to_uint(double d) {
  if (d != d) return uint64_t(1) << 63;
  if (d < 9223372036854775808.0) return uint64_t(float_to_int(d));
  double e = d - 9223372036854775808.0;
  if (!(e < 9223372036854775808.0)) return uint64_t(1) << 63;
  return uint64_t(int64_t(e)) ^ (uint64_t(1) << 63);
}

// A failed x.(T): panics with a *runtime.TypeAssertionError.
// `src` is how Go names x's static type ("interface {}", "main.Shape").
[[noreturn]] void panic_assert(const Type* have, const Type* want, std::string_view src);
// Finds package runtime's error types in the checked program.
void bind_runtime_types(Program* prog);

// The shared proto of method values (ProtoKind::Bound).
Proto* bound_proto();
// The value panic(nil) panics with (*runtime.PanicNilError, Go 1.21).
Slot panic_nil_error_value();

// print/println of one value; kind: PrintKind; flags: 1 space before, 2 newline after.
enum PrintKind : uint16_t { kPrintBool, kPrintInt, kPrintUint, kPrintFloat, kPrintString,
                            kPrintPointer, kPrintIface, kPrintSlice, kPrintNil, kPrintNone };
void print_value(uint16_t kind, Slot v, uint16_t flags);

// Go's "goroutine stack exceeds 1000000000-byte limit" fatal error.
[[noreturn]] void stack_overflow(Thread& t);

// Starts a panic (or continues one propagating out of a nested execute)
// and unwinds to the next deferred call. False when no frame above
// stop_depth is left to run.
bool start_panic(Thread& t, Slot value, size_t stop_depth);
// A deferred call run by panic unwinding returned: recover, or keep
// unwinding. False when no frame above stop_depth is left.
bool after_panic_defer(Thread& t, Panic* p, size_t stop_depth);

// The line of the instruction before `pc` in proto p (the one executing).
int line_at(const Proto* p, const Instr* pc);

}  // namespace mgo::vm

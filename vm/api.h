// What native code (stdlib/) may ask of the VM.
//
// A native function is a C++ function bound to a Go declaration without a
// body (`func Index(s, substr string) int` in stdlib/go/strings.go). The VM
// calls it with its arguments in args[0..nparams) in register representation
// (vm/value.h; a method's receiver first; a variadic parameter as one slice)
// and it writes its results to args[0..nresults), overwriting the arguments.
// An aggregate argument points to storage the native must not keep; an
// aggregate result must be fresh storage (alloc_slots).
//
// A native reports a Go panic by throwing GoPanic; the VM catches it at the
// call and unwinds the goroutine as for `panic(value)`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vm/value.h"

namespace mgo::vm {

struct Thread;  // the VM state of one goroutine (vm/thread.h)

using NativeFn = void (*)(Thread& t, Slot* args);

struct NativeEntry {
  // Go's symbol name: "strings.Index", "strings.(*Builder).WriteString",
  // "time.Duration.String", "math/rand.Intn".
  const char* name;
  NativeFn fn;
};

// A Go panic in flight out of native code. `value` is an interface value
// (Iface*, register representation): what recover() returns.
struct GoPanic {
  Slot value;
};

// runtime.Goexit travels as a GoPanic with this value: deferred calls run,
// recover() returns nil, and the goroutine ends quietly. Natives that catch
// GoPanic must rethrow it.
Slot goexit_value();
inline bool is_goexit(const GoPanic& p) { return p.value == goexit_value(); }

// Panics with a runtime error (a runtime.Error whose Error() is
// "runtime error: " + msg), e.g. "index out of range [5] with length 3".
[[noreturn]] void panic_runtime_error(std::string msg);
// Panics with an error value whose Error() is exactly msg, and which is not
// a runtime.Error (e.g. "sync: negative WaitGroup counter").
[[noreturn]] void panic_plain_error(std::string msg);
// Panics with a string value (like panic("msg")).
[[noreturn]] void panic_string(std::string msg);
// A fatal error: prints "fatal error: msg" and the goroutine dump, exit 2.
[[noreturn]] void fatal_error(Thread& t, std::string_view msg);

// Native code that recurses as deep as a value nests (==, map hashing and
// fmt through interfaces: x = T{x} a million times) calls this at each
// level. A goroutine's native stack is small and has no guard page
// (runtime/stack.h); where Go's would grow, ours ends in Go's fatal "stack
// overflow" instead of a write into the neighbouring stack.
void check_native_stack();

// Calls a Go func value (a Closure*, not nil) with nargs arguments in
// args[0..nargs); its results replace them in args[0..nresults). args must
// have room for max(nargs, nresults) slots. A panic propagates as GoPanic.
void call_func(Thread& t, Slot fn, Slot* args, int nargs, int nresults);

// The arguments of a native that calls back into Go (call_func, directly or
// through fmt's String/Error calls). The goroutine's VM stack grows by
// copying (vm/thread.h), so the callback may move it: such a native must not
// use `args` after the call; it writes its results through get(), which
// gives their address now.
class NativeArgs {
 public:
  NativeArgs(Thread& t, Slot* args);
  Slot* get() const;

 private:
  Thread& t_;
  size_t index_;
};

// The method `name` in the method set of dynamic type t (as an interface
// method table would find it: promoted methods and pointer receivers
// included). nullptr if t has no such method. The returned func value takes
// the receiver (register representation of a t value) as its first argument.
Slot find_method(const Type* t, std::string_view name);

// Standard output and error of the program, buffered (stdout is flushed at
// exit, before a panic message, and when the program reads stdin).
void write_stdout(std::string_view bytes);
void write_stderr(std::string_view bytes);
void flush_stdout();

// Ends the program with this exit status (os.Exit): flushes stdout and
// exits at once, running no deferred calls.
[[noreturn]] void exit_program(int code);

// os.Args as the program sees them.
const std::vector<std::string>& program_args();

}  // namespace mgo::vm

// How the runtime reports what the user's program did wrong (Go's panic.go).
//
// The runtime does not know the VM, so it raises Go's run-time panics and
// fatal errors through handlers the embedder installs:
//
// - panic_plain(msg): Go's panic(plainError(msg)) — "send on closed
//   channel", "close of nil channel", "sync: negative WaitGroup counter".
//   The VM's handler turns it into a Go panic of the running goroutine
//   (deferred calls run, recover works); it must not return. The default
//   prints `panic: msg` and the goroutine header, and exits with status 2.
// - fatal(msg): Go's fatal(msg) — an unrecoverable error caused by the
//   program ("sync: unlock of unlocked mutex", "concurrent map writes").
//   Prints `fatal error: msg`, the running goroutine, exit status 2.
// - throw_(msg): Go's throw — the runtime itself is broken. Prints
//   `fatal error: msg` and aborts (a core dump is what we want then).
#pragma once

namespace mgo::rt {

using PanicHandler = void (*)(const char* msg);  // must not return
void set_panic_handler(PanicHandler h);
[[noreturn]] void panic_plain(const char* msg);

using FatalHandler = void (*)(const char* msg);  // must not return
void set_fatal_handler(FatalHandler h);
[[noreturn]] void fatal(const char* msg);

[[noreturn]] void throw_(const char* msg);

// Runs before the runtime ends the process for a fatal error or a deadlock
// (the VM flushes the program's buffered stdout there).
void set_exit_hook(void (*hook)());
void run_exit_hook();

}  // namespace mgo::rt

#include "runtime/panic.h"

#include <cstdio>
#include <cstdlib>

#include "runtime/proc.h"

namespace mgo::rt {
namespace {

PanicHandler panic_handler = nullptr;
FatalHandler fatal_handler = nullptr;
void (*exit_hook)() = nullptr;

// The running goroutine's header, as Go prints it under a panic or a fatal
// error (only the failing goroutine: GOTRACEBACK=single).
[[noreturn]] void die(const char* prefix, const char* msg) {
  run_exit_hook();
  std::fprintf(stderr, "%s%s\n", prefix, msg);
  if (g* gp = getg()) {
    std::fputc('\n', stderr);
    dump_goroutine(gp);
  }
  std::fflush(stderr);
  std::_Exit(2);
}

}  // namespace

void set_panic_handler(PanicHandler h) { panic_handler = h; }
void set_fatal_handler(FatalHandler h) { fatal_handler = h; }

void set_exit_hook(void (*hook)()) { exit_hook = hook; }

void run_exit_hook() {
  if (exit_hook) exit_hook();
  std::fflush(stdout);
}

void panic_plain(const char* msg) {
  if (panic_handler) panic_handler(msg);
  die("panic: ", msg);
}

void fatal(const char* msg) {
  if (fatal_handler) fatal_handler(msg);
  die("fatal error: ", msg);
}

void throw_(const char* msg) {
  std::fprintf(stderr, "fatal error: %s\n", msg);
  std::abort();
}

}  // namespace mgo::rt

// The natives of package runtime (stdlib/go/runtime.go): the program's view
// of the scheduler it runs on (runtime/proc.h).
#include <unistd.h>

#include "runtime/proc.h"
#include "stdlib/registry.h"
#include "vm/api.h"
#include "vm/compiler.h"
#include "vm/thread.h"

namespace mgo::vm {

namespace {

void Gosched(Thread&, Slot*) { rt::Gosched(); }

void NumGoroutine(Thread&, Slot* args) { args[0] = Slot(rt::gcount()); }

void NumCPU(Thread&, Slot* args) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  args[0] = Slot(n > 0 ? n : 1);
}

void GOMAXPROCS(Thread&, Slot* args) { args[0] = Slot(rt::GOMAXPROCS(int32_t(int64_t(args[0])))); }

// Unwinds the goroutine like a panic that recover cannot stop (Go's Goexit
// is a _panic with goexit set, too); execute() ends the goroutine's call.
void Goexit(Thread&, Slot*) { throw GoPanic{goexit_value()}; }

struct Sentinel {
  rt::ObjHeader hdr;
};

}  // namespace

Slot goexit_value() {
  static Sentinel goexit;
  return from_ptr(&goexit);
}

NativeFn find_any_native(const std::string& symbol) {
  if (symbol == "runtime.Gosched") return Gosched;
  if (symbol == "runtime.NumGoroutine") return NumGoroutine;
  if (symbol == "runtime.NumCPU") return NumCPU;
  if (symbol == "runtime.GOMAXPROCS") return GOMAXPROCS;
  if (symbol == "runtime.Goexit") return Goexit;
  return stdlib::find_native(symbol);
}

}  // namespace mgo::vm

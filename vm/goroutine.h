// Goroutines of an mgo program: each one, main included, is a runtime g
// (runtime/proc.h) with its own native stack, on which execute() runs the
// goroutine's own Thread (its VM frames and slot stack).
#pragma once

#include <cstdint>

#include "vm/value.h"

namespace mgo::vm {

struct Thread;
struct Module;

// Runs package initialisation and main.main as goroutine 1 on the runtime's
// scheduler (GOMAXPROCS from the environment); never returns: the program
// exits when main.main returns, as Go's does, whatever other goroutines do.
[[noreturn]] void run_program(Module* mod);

// `go fn(args...)`: the func value and its nargs arguments, already
// evaluated by the caller (args points into the caller's frame), become a
// new runnable goroutine. Go's newproc.
void go_start(Thread& parent, Closure* fn, const Slot* args, int nargs);

// A goroutine calling fn() started by the runtime rather than by a go
// statement (time.AfterFunc's timer); may run on the scheduler's stack.
// `creator` is the Go function that Go's traces name ("created by
// time.goFunc"); it has no goroutine, as Go's timers run on g0.
void go_start_detached(Closure* fn, const char* creator);

}  // namespace mgo::vm

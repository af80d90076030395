// The scheduler's interface: what the VM and the runtime's other parts
// (channels, select, timers, semaphores) call. See proc.cpp for how it works.
#pragma once

#include <cstdint>

#include "runtime/runtime2.h"

namespace mgo::rt {

// Runs fn(arg) as the main goroutine (goid 1) on `nprocs` P's (0: the
// GOMAXPROCS environment variable, else the number of CPUs); the calling
// thread becomes m0. Returns when the main goroutine has returned and every
// M has stopped; goroutines still parked then are discarded, as a Go
// process's exit ends them. (A goroutine that never yields keeps its M
// running and run_main waits for it: the VM's goroutines always yield.)
// Deadlock (every goroutine blocked forever, no timer pending) calls the
// deadlock handler. Reads GODEBUG (schedtrace=N, scheddetail=1: sysmon
// prints Go's SCHED lines to stderr every N ms).
void run_main(void (*fn)(void*), void* arg, int nprocs = 0);

// The running goroutine (g0 of the M when on the scheduler's stack).
g* getg();

// Starts fn(arg) as a new goroutine; it runs before the caller's next
// time slice ends if a P is free (it goes to runnext). Returns the new g.
// Must be called from a goroutine.
g* newproc(void (*fn)(void*), void* arg);

// newproc in two steps (Go's newproc1, then the queueing): newproc1 makes
// the goroutine, _Grunnable but on no queue yet, so the caller may set it
// up (the VM copies the go statement's arguments into its g's state);
// newproc_start queues it as newproc does. Nothing else may come between.
g* newproc1(void (*fn)(void*), void* arg);
void newproc_start(g* newg);

// What Go's runtime does when the first finalizer is set (createfing: the
// os package's init sets one on each standard file): it starts the
// finalizer goroutine. mgo runs no finalizers, so no goroutine starts, but
// the goid Go's would take is set aside, once, so that the goroutines of
// a program that imports os number as in Go's dumps. From a goroutine.
void createfing();

// Parks the running goroutine (Go's gopark). On the scheduler's stack, with
// the goroutine already _Gwaiting, unlockf(gp, lock) runs; if it returns
// false the goroutine is resumed at once instead. Typically unlockf
// releases the lock that protects the wait queue the goroutine has put
// itself on, so a waker can find it only after it is fully parked.
// Reasons should be unique and descriptive: they show in goroutine dumps.
void gopark(bool (*unlockf)(g*, void*), void* lock, waitReason reason);

// Makes a goroutine parked by gopark runnable again (Go's goready): it
// goes to the current P's runnext, so it runs next on this CPU.
void goready(g* gp);

// Yields the processor: the goroutine goes to the global run queue
// (Go's Gosched).
void Gosched();

// Preemption (Go's sysmon + stack-guard check, made cooperative): sysmon
// sets gp->preempt on a goroutine that has run 10 ms without a scheduling
// point. Long-running code (the VM at loop back-edges and function entry;
// C++ tests in their busy loops) polls preempt_requested() and, when it is
// set, calls goschedguarded(): the goroutine goes to the global run queue
// (Go's gopreempt_m) and the flag is cleared when it runs again.
//
// getg() stays out of line on purpose: a goroutine may resume on another
// thread, and an inlined TLS access could be computed once and reused
// across the switch.
inline bool preempt_requested() { return getg()->preempt.load(std::memory_order_relaxed); }
void goschedguarded();

// Blocking native calls (reading stdin, ...) go between entersyscall and
// exitsyscall (Go's). In between, the goroutine's P is in _Psyscall: if
// the call blocks, sysmon hands the P to another M so the other goroutines
// run. exitsyscall takes the old P back if it is still free, else an idle
// one, else queues the goroutine and waits in the scheduler. Between the
// two, the code must not touch the runtime (no gopark, goready, newproc,
// timers): it has no P. run_main waits for M's in a syscall to come back.
void entersyscall();
void exitsyscall();

// Sets the number of P's (runtime.GOMAXPROCS): n <= 0 only reports it.
// Stops the world (every goroutine asked to yield at its next poll), then
// resizes. Returns the previous setting. Must be called from a goroutine.
int32_t GOMAXPROCS(int32_t n);

// Ends the running goroutine (its deferred calls are the VM's business
// and have run by now). goexit1 is a goroutine's normal end; Goexit is
// runtime.Goexit, which on the main goroutine leaves the program running
// without it (Go's "no goroutines (main called runtime.Goexit)" when the
// rest are done).
[[noreturn]] void goexit1();
[[noreturn]] void Goexit();

// Number of P's, and of goroutines that have not exited.
int32_t gomaxprocs();
int32_t gcount();

// Whether sync.Mutex may spin (Go's sync_runtime_canSpin): iter < 4, a
// multicore machine, another P running (not idle, not spinning: the holder
// may be on it), and nothing queued on ours.
bool sync_runtime_canSpin(int iter);

// Monotonic clock in nanoseconds.
int64_t nanotime();

// Sleeping (time.Sleep) and timers: see time.h.

// Called (on the scheduler's stack, with the scheduler's lock held) when
// every goroutine is blocked and nothing can wake one. The default prints
// Go's "fatal error: all goroutines are asleep - deadlock!" with a dump of
// every goroutine and exits with status 2.
using DeadlockHandler = void (*)();
void set_deadlock_handler(DeadlockHandler h);

// Prints "goroutine N [status]:" for every goroutine, with frames from the
// frame printer if one is set (the VM prints its own frames).
using FramePrinter = void (*)(g* gp);
void set_frame_printer(FramePrinter f);
// With `skip` (a goroutine the caller has printed already), every other
// one, each after a blank line.
void dump_goroutines(g* skip = nullptr);
// Stops the scheduler where it stands before a fatal error's dump (Go's
// freezetheworld): no m starts another goroutine, and running ones are
// asked to yield at their next poll, so the frames a dump reads stay put.
// Best effort, as Go's: one that never polls (a long native call) is
// still running after it, and its stack must not be read.
void freezetheworld();
// One goroutine's header and frames (a panic prints only the failing one).
void dump_goroutine(g* gp);

// "chan receive", "running", "runnable", ... as goroutine dumps print it.
const char* gstatus_string(g* gp);

}  // namespace mgo::rt

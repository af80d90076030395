// Timers (Go's runtime/time.go, Go 1.19's design): time.Sleep, and what the
// VM builds time.After/NewTimer/NewTicker/AfterFunc on.
//
// Every P keeps its timers in a 4-ary min-heap ordered by `when`, under
// the P's timersLock. A timer is added to the heap of the P that adds it;
// the P's own M runs the due ones from schedule() (checkTimers), and an
// idle M steals another P's due timers the way it steals goroutines. An M
// with nothing to do sleeps exactly until the earliest timer of all P's
// (findRunnable's netpoll(delay): a futex sleep with a timeout).
//
// Stopping or changing a timer does not touch the heap (which belongs to
// another P, maybe running): the timer's status word records it
// (timerDeleted, timerModifiedEarlier/Later) and the owner P fixes its heap
// when it next looks. That is Go's status machine, kept whole: it is what
// lets deltimer/modtimer run without any P's lock.
//
// Where a timer's f runs: on an M's scheduler stack (g0), with a P held
// (the timer's own P, or the P of an M stealing its timers) and no timer
// lock held. So f may call goready, newproc, addtimer/modtimer/deltimer and
// take a channel's lock for a non-blocking send, but must never block
// (no gopark: there is no goroutine to park).
//
// Lifetime: a timer's memory must stay valid while it may be in a heap:
// from addtimer/modtimer until deltimer has returned AND the owner P has
// dropped it, which happens lazily. The VM keeps its timers in
// collector-managed objects, and the heaps are roots (as in Go). When
// run_main returns, every heap is emptied and its timers reset to
// timerNoStatus, so a timer may outlive the scheduler.
#pragma once

#include <atomic>
#include <cstdint>

namespace mgo::rt {

struct p;

// Timer status values (Go's), with who may move between them.
enum : uint32_t {
  timerNoStatus = 0,     // not in a heap
  timerWaiting,          // in some P's heap, waiting for when
  timerRunning,          // f running (its P's timersLock held)
  timerDeleted,          // stopped, still in the heap: the P will drop it
  timerRemoving,         // being dropped from the heap
  timerRemoved,          // dropped from the heap
  timerModifying,        // modtimer/deltimer owns it for a moment
  timerModifiedEarlier,  // in a heap at the old when; nextwhen is earlier
  timerModifiedLater,    // in a heap at the old when; nextwhen is later
  timerMoving,           // being moved in its heap or to another P's
};

constexpr int64_t maxWhen = INT64_MAX;

struct timer {
  p* pp = nullptr;           // the heap it is in (set while in a heap)
  // Fire at when (nanotime), then every period if period > 0, calling
  // f(arg, seq) (see the header comment for where f runs).
  int64_t when = 0;
  int64_t period = 0;
  void (*f)(void* arg, uintptr_t seq) = nullptr;
  void* arg = nullptr;
  uintptr_t seq = 0;
  int64_t nextwhen = 0;      // when to set `when` to, for timerModified*
  std::atomic<uint32_t> status{timerNoStatus};
};

// Puts the running goroutine to sleep for ns nanoseconds (time.Sleep):
// a timer readies it, it waits in "sleep". Must be called from a goroutine.
void timeSleep(int64_t ns);

// Adds a new timer (status timerNoStatus) to the current P's heap. Must be
// called with a P (a goroutine, or a timer's f).
void addtimer(timer* t);
// Stops t: returns whether it was pending (so this call stopped it).
bool deltimer(timer* t);
// Sets t's when, period, f, arg, seq, whatever its state (adding it if it
// is not in a heap). Returns whether it was pending before.
bool modtimer(timer* t, int64_t when, int64_t period, void (*f)(void*, uintptr_t), void* arg,
              uintptr_t seq);
// modtimer with t's own period, f, arg and seq.
bool resettimer(timer* t, int64_t when);

// ---- for the scheduler (proc.cpp)

// Runs pp's due timers. now: the time if the caller has it, else 0.
// Returns the time used, when the next timer of pp is due (0: none), and
// whether any timer ran. Called with the current M's P held.
struct CheckTimersResult {
  int64_t now;
  int64_t pollUntil;
  bool ran;
};
CheckTimersResult checkTimers(p* pp, int64_t now);

// When pp's earliest timer is due, read without its lock; 0: none.
int64_t nobarrierWakeTime(p* pp);

// Earliest due time of any timer on any of the n P's (maxWhen: none).
int64_t timeSleepUntil(p* const* allp, int32_t n);

// Moves the timers of a P that is being destroyed into pp's heap (both
// timersLocks held, the world stopped).
void moveTimers(p* pp, p* dying);

// Empties pp's heap at the end of a run (see Lifetime above).
void dropTimers(p* pp);

// What to do when a timer due at `when` has been added or moved earlier:
// wake the M sleeping for timers if it sleeps too long, or start one
// (Go's wakeNetPoller, in proc.cpp).
void wakeNetPoller(int64_t when);

}  // namespace mgo::rt

// The scheduler's data structures: g, m, p and schedt (Go's runtime2.go).
//
// A g is a goroutine: a stack, a saved context and a status. An m is an OS
// thread; it runs goroutines only while it holds a p. A p is a processor:
// the right to run Go code, with its own queue of runnable goroutines.
// There are GOMAXPROCS p's; m's are created as needed (at most one per p
// runs Go code at a time, more may sleep in syscalls or idle lists).
//
// Read this file beside Go's runtime2.go: names, states and invariants are
// Go's. Where mgo differs it says so.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/context.h"
#include "runtime/lock.h"

namespace mgo::rt {

struct m;
struct p;
struct timer;  // time.h

// ---------------------------------------------------------------- g status
// Who owns a goroutine's stack in each state, as in Go.
enum : uint32_t {
  // Just allocated, not yet initialised.
  _Gidle = 0,
  // On a run queue. Not executing user code; the stack is not owned.
  _Grunnable = 1,
  // Executing user code. The stack is owned by this goroutine; it has an M
  // and a P (gp->m, gp->m->p are valid).
  _Grunning = 2,
  // In a blocking native call (entersyscall). Has an M but not
  // necessarily a P; the stack is owned.
  _Gsyscall = 3,
  // Blocked in the runtime (gopark), recorded somewhere (a channel's wait
  // queue, a timer, a semaphore) so it can be readied. Not on a run queue.
  // The stack is not owned, except that a channel operation may read or
  // write parts of it under the channel lock.
  _Gwaiting = 4,
  // Finished (or never started): on a free list, its stack kept for reuse.
  _Gdead = 6,
};

// Why a goroutine is waiting: Go's waitReason, printed in goroutine dumps.
enum class waitReason : uint8_t {
  zero,
  chanReceiveNilChan,
  chanSendNilChan,
  selectNoCases,
  select_,
  chanReceive,
  chanSend,
  sleep,
  syncMutexLock,
  syncRWMutexRLock,
  syncRWMutexLock,
  syncWaitGroupWait,
  syncCondWait,
  semacquire,
  ioWait,
  preempted,
  panicWait,
  gcAssistWait,
  garbageCollection,
};
// Go's strings: "chan receive", "sync.WaitGroup.Wait", ...
const char* waitReasonString(waitReason r);

// ---------------------------------------------------------------- g
// Laid out by use: a goroutine started on one CPU and run on another (work
// stealing) moves its g between their caches, so what newproc1, execute,
// goexit0 and gfget/gfput touch shares one cache line, and the context the
// switch reads the next one. The rest is for parked goroutines.
struct alignas(64) g {
  std::atomic<uint32_t> atomicstatus{_Gidle};
  std::atomic<bool> preempt{false};    // asked to yield at the next poll
  waitReason waitreason = waitReason::zero;
  g* schedlink = nullptr;              // run queues, free lists
  int64_t goid = 0;
  m* mp = nullptr;                     // the M running it (while running)
  void (*fn)(void*) = nullptr;         // the goroutine's function
  void* arg = nullptr;
  // Free for the VM: its per-goroutine state. Kept when the g dies, as
  // its stack is, so the next goroutine on this g reuses it.
  void* user = nullptr;
  int64_t parentgoid = 0;              // "created by ... in goroutine N"

  Context ctx;                         // sched (saved context) + stack

  // About when it blocked: 0 from gopark until sysmon next stamps the
  // waiting goroutines (stampWaiting; Go stamps them at a GC), for the
  // dump's "N minutes". Sysmon writes it while others may park the g.
  std::atomic<int64_t> waitsince{0};
  void* param = nullptr;               // passed by the waker (channel ops)
  // Channel waits (chan.cpp, select.cpp): the sudogs this goroutine waits
  // with (select: one per case, in lock order), and whether a waker has
  // already won the select (Go's selectDone, CAS 0 -> 1 by the waker).
  struct sudog* waiting = nullptr;
  std::atomic<uint32_t> selectDone{0};
  timer* sleeptimer = nullptr;         // Go's gp.timer: timeSleep's, made on first use
  // Go's gp.lockedm != 0, which dumps show as ", locked to thread". mgo
  // has no LockOSThread: only the main goroutine is locked, while it runs
  // the package inits (runtime.main locks it then). Its owner writes it.
  bool lockedm = false;
};
static_assert(offsetof(g, ctx) == 64, "g's first line: the fields every goroutine's start and end touch");

// ---------------------------------------------------------------- m
// A note: a one-shot wake-up for a sleeping M (Go's note, on a futex).
struct note {
  std::atomic<uint32_t> key{0};
  void sleep();   // until wakeup; then clear
  // Go's notetsleep: sleeps until wakeup or ns nanoseconds (ns < 0: no
  // limit). Returns whether it was woken; the note is cleared either way
  // (a wakeup racing with the timeout may be lost: callers of tsleep treat
  // a wakeup as a hint and look at the world again).
  bool tsleep(int64_t ns);
  void wakeup();
};

struct m {
  int64_t id = 0;
  g g0;                                // the M's scheduling stack: its OS thread's
  // The goroutine it runs now. Atomic because sysmon reads it (preemptone)
  // while the M changes it (stored with release, so sysmon may touch the g
  // it loads); a stale read just preempts a goroutine that has yielded.
  std::atomic<g*> curg{nullptr};
  p* pp = nullptr;                     // attached P (nullptr when idle or in syscall)
  p* oldp = nullptr;                   // the P it held before entersyscall
  uint32_t syscalltick = 0;            // its P's syscalltick at entersyscall
  p* nextp = nullptr;                  // P to take when woken
  bool spinning = false;               // looking for work with a P but none yet
  note park;                           // sleeps here when idle
  m* schedlink = nullptr;              // sched.midle list
  Context mstart_ctx;                  // where mstart returns when the scheduler stops
  // gopark's arguments, handed to park_m on g0.
  bool (*waitunlockf)(g*, void*) = nullptr;
  void* waitlock = nullptr;
  std::thread thread;                  // not for m0 (the thread that called run)
  uint32_t fastrand = 0;
};

// ---------------------------------------------------------------- p
enum : uint32_t { _Pidle = 0, _Prunning = 1, _Psyscall = 2, _Pgcstop = 3, _Pdead = 4 };

// What sysmon saw of a P at its last look (Go's sysmontick).
struct sysmontick {
  uint32_t schedtick = 0;
  int64_t schedwhen = 0;
  uint32_t syscalltick = 0;
  int64_t syscallwhen = 0;
};

struct p {
  int32_t id = 0;
  // _Prunning <-> _Psyscall <-> _Pidle race between the M in a syscall
  // (exitsyscall), sysmon (retake) and stopTheWorld: changed by CAS there.
  std::atomic<uint32_t> status{_Pidle};
  p* link = nullptr;                   // sched.pidle list
  // Counters sysmon compares between its looks (relaxed atomics: only
  // "has it changed" matters).
  std::atomic<uint32_t> schedtick{0};  // incremented on every scheduler call
  std::atomic<uint32_t> syscalltick{0};  // incremented on every system call
  sysmontick sysmon;                   // sysmon's own, read only by it
  // Back-link to its M (nullptr when idle or in a syscall); sysmon reads it.
  std::atomic<m*> mp{nullptr};
  // The local run queue, lock-free: only the owner P adds at the tail;
  // the owner and thieves take from the head with CAS.
  std::atomic<uint32_t> runqhead{0};
  std::atomic<uint32_t> runqtail{0};
  std::atomic<g*> runq[256];
  // The next goroutine to run, ahead of runq: a goroutine readied by the
  // running one (a channel hand-off) runs next, in the current time slice,
  // which keeps the pair on one CPU (Go's locality trick).
  std::atomic<g*> runnext{nullptr};
  // Dead g's with stacks, for reuse (gfget/gfput). The count is read
  // without the owner's knowledge by gcount (relaxed: an estimate, exact
  // when nothing is starting or ending).
  g* gFree = nullptr;
  std::atomic<int32_t> gFreeCount{0};
  // Goids [goidcache, goidcacheend) are this P's to give (Go's batches:
  // no shared counter per go statement, and dumps number goroutines as
  // Go's do, 17 and on for the first made on a second P).
  int64_t goidcache = 0;
  int64_t goidcacheend = 0;
  StackCache stackcache;               // stacks for the goroutines it starts

  // Timers (time.cpp), Go's per-P 4-ary heap ordered by when.
  mutex timersLock;                    // protects timers
  std::vector<timer*> timers;
  // when of timers[0], 0 if none: read without the lock (nobarrierWakeTime).
  std::atomic<int64_t> timer0When{0};
  // Earliest nextwhen of a timer modified earlier (timerModifiedEarlier)
  // that has not been moved in the heap yet; 0 if none.
  std::atomic<int64_t> timerModifiedEarliest{0};
  std::atomic<int32_t> numTimers{0};      // len(timers), readable without the lock
  std::atomic<int32_t> deletedTimers{0};  // timerDeleted ones still in the heap
};

// ---------------------------------------------------------------- schedt
struct schedt {
  // The last goid handed out, in batches of kGoidCacheBatch to a P's
  // goidcache (newproc1); on a cache line of its own, away from the lock.
  alignas(64) std::atomic<int64_t> goidgen{0};
  alignas(64) mutex lock;  // protects everything below but the atomics (a spinning lock, Go's)

  m* midle = nullptr;                  // idle M's waiting for work
  int32_t nmidle = 0;
  int64_t mnext = 0;                   // M ids
  p* pidle = nullptr;                  // idle P's
  std::atomic<int32_t> npidle{0};
  std::atomic<int32_t> nmspinning{0};

  g* runqhead = nullptr;               // global run queue
  g* runqtail = nullptr;
  // Its length: written under lock, read without it as a hint (Go reads
  // sched.runqsize racily too) so that schedule need not take the lock
  // to find the global queue empty.
  std::atomic<int32_t> runqsize{0};

  g* gFree = nullptr;                  // global cache of dead g's
  std::atomic<int32_t> ngFree{0};      // read without the lock as a hint
  std::atomic<int32_t> allglen{0};     // len(allgs), for gcount

  std::atomic<bool> stopping{false};   // the main goroutine has exited
  int32_t nmsys = 0;                   // system M's (sysmon), not counted by checkdead
  // Go counts M's locked to a goroutine here; mgo uses it only for
  // sysmon's retake, which counts as one more running M (incidlelocked).
  int32_t nmidlelocked = 0;

  // The M that sleeps until the next timer (Go's netpoll(delay)): lastpoll
  // is 0 while one does, and pollUntil is when it will wake up.
  std::atomic<int64_t> lastpoll{0};
  std::atomic<int64_t> pollUntil{0};
  note pollnote;                       // netpollBreak wakes that M here

  // sysmon sleeps on sysmonnote while every P is idle (sysmonwait set).
  std::atomic<bool> sysmonwait{false};
  note sysmonnote;

  // Stop the world (procresize, GOMAXPROCS): gcwaiting asks every P to
  // stop; stopwait counts the P's still to stop (under lock); the last
  // one wakes stopnote.
  std::atomic<bool> gcwaiting{false};
  int32_t stopwait = 0;
  note stopnote;
};

}  // namespace mgo::rt

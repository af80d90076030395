// The goroutine scheduler (Go's proc.go), in C++.
//
// Design, as Go's: goroutines (g) are multiplexed onto OS threads (m); an m
// runs Go code only while it holds a processor (p), and there are
// GOMAXPROCS p's. Each p has a local run queue; a global queue catches the
// overflow. An m that finds no work "spins" for a while, stealing from
// other p's, then gives its p back and sleeps on a futex (stopm). Work
// appearing while a p is idle wakes a spinning m (wakep). At most half of
// the busy p's worth of m's spin at once, so idle cores don't burn CPU.
//
// Stack discipline, as Go's: each m has a g0 whose stack is the m's OS
// thread stack. schedule() and everything it calls runs on g0; a goroutine
// enters the scheduler with mcall(fn), which saves its context and runs
// fn(gp) at the top of the g0 stack (discarding g0's previous frames: g0 is
// never resumed, it always starts over). execute() resumes a goroutine's
// saved context and abandons g0's frames the same way.
//
// Rejected alternatives: one OS thread per goroutine (no: 8 KiB+ kernel
// stacks, microsecond futex hand-offs, and the teaching value is Go's
// design); a single global run queue with a lock (contended at 2+ P's, and
// loses runnext's locality); ucontext (a syscall per switch: sigprocmask).
//
// Invariant (Go's): if there is a runnable goroutine and an idle p, some m
// is spinning or running. Whoever makes work ready calls wakep(); a
// spinning m that finds work and stops spinning calls wakep() for the rest
// (resetspinning); an m that stops spinning re-checks every queue once
// before sleeping.
//
// Timers (time.cpp) live in per-P heaps; findRunnable runs the due ones.
// An m with nothing to do sleeps until the earliest timer of every P: Go
// blocks that m in netpoll(delay); mgo has no network poller, so the same
// m sleeps on a futex with a timeout (sched.pollnote) and netpollBreak
// wakes it early. One m at most sleeps that way (sched.lastpoll is 0 while
// it does); the others sleep in stopm without a timeout.
//
// sysmon (below) is a thread without a p: it asks goroutines that have run
// for 10 ms to yield (gp->preempt, which the VM polls) and hands the p of
// an m blocked in a system call (entersyscall) to another m.
#include "runtime/proc.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <new>
#include <string>
#include <vector>

#include "runtime/context.h"
#include "runtime/panic.h"
#include "runtime/sema.h"
#include "runtime/stack.h"
#include "runtime/time.h"

namespace mgo::rt {
namespace {

// At most this many P's. Go 1.19 has no limit, but a fixed array lets m's
// without a p read allp while procresize changes the count (see allp).
constexpr int32_t kMaxGomaxprocs = 1024;

// sysmon's thresholds (Go's).
constexpr int64_t forcePreemptNS = 10 * 1000 * 1000;  // a time slice: 10 ms
constexpr int64_t forcegcperiod = 2 * 60 * 1000000000LL;

schedt sched;
// The P's: allp[0..gomaxprocs) are in use. An entry is written once, before
// ngomaxprocs is raised over it (a P destroyed by procresize is kept, as Go
// keeps it, and reused if the count grows again). So a reader that loads
// ngomaxprocs (acquire) may read allp[i] below it without a lock, maybe
// seeing a P that has just been destroyed: harmless, as in Go.
p* allp[kMaxGomaxprocs];
std::atomic<int32_t> ngomaxprocs{0};
int32_t newprocs = 0;           // GOMAXPROCS's request to startTheWorld
std::vector<m*> allm;           // every m, under sched.lock
// Every g ever made, and the blocks they are carved from (kGBlock each: a
// g is cache-line aligned, and an aligned new of each one costs glibc
// several times a plain malloc; the blocks go at teardown), under allglock
// (Go's): a new g must not wait for the scheduler's lock. Taken after
// sched.lock where both are held.
mutex allglock;
std::vector<g*> allgs;
constexpr size_t kGBlock = 128;
std::vector<g*> gblocks;
size_t gblockused = kGBlock;  // in the last block
g* main_g = nullptr;
// P0's schedtick when main.main starts in Go 1.19 (see run_main).
constexpr uint32_t kMainStartSchedtick = 5;
// Goids a P takes from sched.goidgen at a time (Go's _GoidCacheBatch).
constexpr int64_t kGoidCacheBatch = 16;
// Goids of the goroutines Go's runtime.main starts before main.main
// (forcegchelper 2, bgsweep 3, bgscavenge 4; see run_main).
constexpr int64_t kGoRuntimeGoroutines = 3;
bool main_started = false;
std::atomic<bool> fingCreated{false};  // createfing has run
DeadlockHandler deadlock_handler = nullptr;
FramePrinter frame_printer = nullptr;
int64_t starttime = 0;          // schedtrace's origin (sysmon only)

thread_local g* tls_g = nullptr;  // Go keeps g in a register (R14) / TLS

// GODEBUG settings (Go's debug.schedtrace, debug.scheddetail).
struct {
  int32_t schedtrace = 0;
  int32_t scheddetail = 0;
} debug;

// Serializes stopTheWorld callers (Go's worldsema): a goroutine waiting for
// it parks, so its M stays free to stop its P for the caller that has it.
struct {
  mutex lock;
  bool held = false;
  std::deque<g*> waiters;
} worldsema;

int32_t gomaxprocs_now() { return ngomaxprocs.load(std::memory_order_acquire); }

// ---------------------------------------------------------------- helpers

void casgstatus(g* gp, uint32_t oldval, uint32_t newval) {
  uint32_t want = oldval;
  if (!gp->atomicstatus.compare_exchange_strong(want, newval, std::memory_order_acq_rel)) {
    std::fprintf(stderr, "runtime: casgstatus: goroutine %lld from %u to %u, status is %u\n",
                 static_cast<long long>(gp->goid), oldval, newval, want);
    throw_("casgstatus: bad incoming values");
  }
}

uint32_t fastrand(m* mp) {  // xorshift32, per m
  uint32_t x = mp->fastrand;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  mp->fastrand = x;
  return x;
}

void acquirep(m* mp, p* pp) {
  mp->pp = pp;
  pp->mp.store(mp, std::memory_order_release);  // sysmon reads mp's fields
  pp->status.store(_Prunning);
}

p* releasep(m* mp) {
  p* pp = mp->pp;
  mp->pp = nullptr;
  pp->mp.store(nullptr, std::memory_order_relaxed);
  pp->status.store(_Pidle);
  return pp;
}

// sched.lock must be held for the four list operations.
void pidleput(p* pp) {
  pp->link = sched.pidle;
  sched.pidle = pp;
  sched.npidle.fetch_add(1, std::memory_order_relaxed);
}

p* pidleget() {
  p* pp = sched.pidle;
  if (pp) {
    sched.pidle = pp->link;
    sched.npidle.fetch_sub(1, std::memory_order_relaxed);
  }
  return pp;
}

void mput(m* mp) {
  mp->schedlink = sched.midle;
  sched.midle = mp;
  sched.nmidle++;
}

m* mget() {
  m* mp = sched.midle;
  if (mp) {
    sched.midle = mp->schedlink;
    sched.nmidle--;
  }
  return mp;
}

// ---------------------------------------------------------------- run queues

// Puts a batch of n g's linked through schedlink on the global queue.
// sched.lock must be held.
void globrunqputbatch(g* head, g* tail, int32_t n) {
  tail->schedlink = nullptr;
  if (sched.runqtail) sched.runqtail->schedlink = head; else sched.runqhead = head;
  sched.runqtail = tail;
  sched.runqsize.store(sched.runqsize.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

void globrunqput(g* gp) { globrunqputbatch(gp, gp, 1); }

// At the head of the global queue (procresize: a destroyed P's goroutines
// keep their turn). sched.lock must be held.
void globrunqputhead(g* gp) {
  gp->schedlink = sched.runqhead;
  sched.runqhead = gp;
  if (!sched.runqtail) sched.runqtail = gp;
  sched.runqsize.store(sched.runqsize.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

bool runqempty(p* pp) {
  // runnext is checked last: a g moving from runnext to runq in runqput
  // is seen in one place or the other.
  uint32_t head = pp->runqhead.load(std::memory_order_acquire);
  uint32_t tail = pp->runqtail.load(std::memory_order_acquire);
  return head == tail && pp->runnext.load(std::memory_order_acquire) == nullptr;
}

// Moves half of the full local queue, and gp, to the global queue.
bool runqputslow(p* pp, g* gp, uint32_t h, uint32_t t) {
  g* batch[129];
  uint32_t n = (t - h) / 2;
  for (uint32_t i = 0; i < n; ++i) batch[i] = pp->runq[(h + i) % 256].load(std::memory_order_relaxed);
  if (!pp->runqhead.compare_exchange_strong(h, h + n, std::memory_order_release)) return false;
  batch[n] = gp;
  for (uint32_t i = 0; i < n; ++i) batch[i]->schedlink = batch[i + 1];
  std::lock_guard<mutex> lk(sched.lock);
  globrunqputbatch(batch[0], batch[n], int32_t(n + 1));
  return true;
}

// Puts gp on pp's local queue (at runnext if next). Only pp's owner calls it.
void runqput(p* pp, g* gp, bool next) {
  if (next) {
    gp = pp->runnext.exchange(gp, std::memory_order_acq_rel);
    if (!gp) return;  // the old runnext (if any) goes to the tail
  }
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    if (t - h < 256) {
      pp->runq[t % 256].store(gp, std::memory_order_relaxed);
      pp->runqtail.store(t + 1, std::memory_order_release);
      return;
    }
    if (runqputslow(pp, gp, h, t)) return;
  }
}

// Takes a g from pp's local queue. inheritTime: it came from runnext and
// should share the current time slice.
g* runqget(p* pp, bool* inheritTime) {
  g* next = pp->runnext.load(std::memory_order_acquire);
  if (next && pp->runnext.compare_exchange_strong(next, nullptr, std::memory_order_acq_rel)) {
    *inheritTime = true;
    return next;
  }
  *inheritTime = false;
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    if (t == h) return nullptr;
    g* gp = pp->runq[h % 256].load(std::memory_order_relaxed);
    if (pp->runqhead.compare_exchange_strong(h, h + 1, std::memory_order_release)) return gp;
  }
}

// Copies half of pp's runnable g's into batch (a ring starting at
// batchHead). Called by a thief; pp may be running concurrently.
uint32_t runqgrab(p* pp, std::atomic<g*>* batch, uint32_t batchHead, bool stealRunNextG) {
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_acquire);
    uint32_t n = t - h;
    n = n - n / 2;
    if (n == 0) {
      if (!stealRunNextG) return 0;
      g* next = pp->runnext.load(std::memory_order_acquire);
      if (!next) return 0;
      // pp is about to run next itself, most likely: give it a moment
      // (Go sleeps 3 us) so a hand-off pair is not torn apart.
      if (pp->status.load(std::memory_order_relaxed) == _Prunning) usleep(3);
      if (!pp->runnext.compare_exchange_strong(next, nullptr, std::memory_order_acq_rel)) continue;
      batch[batchHead % 256].store(next, std::memory_order_relaxed);
      return 1;
    }
    if (n > 128) continue;  // read h and t inconsistently: retry
    for (uint32_t i = 0; i < n; ++i) {
      g* gp = pp->runq[(h + i) % 256].load(std::memory_order_relaxed);
      batch[(batchHead + i) % 256].store(gp, std::memory_order_relaxed);
    }
    if (pp->runqhead.compare_exchange_strong(h, h + n, std::memory_order_release)) return n;
  }
}

// Steals half of p2's queue into pp's; returns one of the stolen g's.
g* runqsteal(p* pp, p* p2, bool stealRunNextG) {
  uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
  uint32_t n = runqgrab(p2, pp->runq, t, stealRunNextG);
  if (n == 0) return nullptr;
  n--;
  g* gp = pp->runq[(t + n) % 256].load(std::memory_order_relaxed);
  if (n == 0) return gp;
  pp->runqtail.store(t + n, std::memory_order_release);
  return gp;
}

// Takes a batch from the global queue: one to return, the rest into pp's
// local queue. sched.lock must be held.
g* globrunqget(p* pp, int32_t max) {
  int32_t size = sched.runqsize.load(std::memory_order_relaxed);
  if (size == 0) return nullptr;
  int32_t n = size / gomaxprocs_now() + 1;
  if (n > size) n = size;
  if (max > 0 && n > max) n = max;
  if (n > 128) n = 128;
  sched.runqsize.store(size - n, std::memory_order_relaxed);
  g* gp = sched.runqhead;
  sched.runqhead = gp->schedlink;
  for (int32_t i = 1; i < n; ++i) {
    g* g1 = sched.runqhead;
    sched.runqhead = g1->schedlink;
    runqput(pp, g1, false);
  }
  if (!sched.runqhead) sched.runqtail = nullptr;
  return gp;
}

// ---------------------------------------------------------------- m's

void mstart(m* mp);
void schedule();
void sysmon(m* mp);

m* allocm() {
  m* mp = new m;
  std::lock_guard<mutex> lk(sched.lock);
  mp->id = ++sched.mnext;
  mp->fastrand = uint32_t(mp->id * 0x9E3779B9u) | 1;
  allm.push_back(mp);
  return mp;
}

void newm(p* pp, bool spinning) {
  m* mp = allocm();
  mp->nextp = pp;
  mp->spinning = spinning;
  // mp is in allm already, and teardown reads every m's thread under
  // sched.lock (an m may start another just as the run ends): assign it
  // under the lock too.
  std::lock_guard<mutex> lk(sched.lock);
  mp->thread = std::thread(mstart, mp);
}

// Starts an m to run pp (an idle p if nullptr). spinning: the caller has
// already counted the new m in sched.nmspinning.
void startm(p* pp, bool spinning) {
  std::unique_lock<mutex> lk(sched.lock);
  if (sched.stopping.load(std::memory_order_acquire)) {
    // The run is over; give back what the caller handed us.
    if (pp) pidleput(pp);
    lk.unlock();
    if (spinning) sched.nmspinning.fetch_sub(1, std::memory_order_acq_rel);
    return;
  }
  if (!pp) {
    pp = pidleget();
    if (!pp) {
      lk.unlock();
      if (spinning) sched.nmspinning.fetch_sub(1, std::memory_order_acq_rel);
      return;
    }
  }
  m* nmp = mget();
  lk.unlock();
  if (!nmp) {
    newm(pp, spinning);
    return;
  }
  nmp->spinning = spinning;
  nmp->nextp = pp;
  nmp->park.wakeup();
}

// Tries to get one more m spinning, if a p is idle and none spins yet.
void wakep() {
  if (sched.npidle.load(std::memory_order_acquire) == 0) return;
  int32_t zero = 0;
  if (sched.nmspinning.load(std::memory_order_acquire) != 0 ||
      !sched.nmspinning.compare_exchange_strong(zero, 1, std::memory_order_acq_rel))
    return;
  startm(nullptr, true);
}

void resetspinning(m* mp) {
  mp->spinning = false;
  int32_t n = sched.nmspinning.fetch_sub(1, std::memory_order_acq_rel) - 1;
  if (n < 0) throw_("findrunnable: negative nmspinning");
  // The thief found work; there may be more, so wake another to look.
  if (n == 0 && sched.npidle.load(std::memory_order_acquire) > 0) wakep();
}

void checkdead();

// Puts mp to sleep until startm hands it a p (or the scheduler stops).
void stopm(m* mp) {
  {
    std::lock_guard<mutex> lk(sched.lock);
    // stop_the_scheduler wakes only the m's already idle: one still on its
    // way here must not go to sleep after that.
    if (sched.stopping.load(std::memory_order_acquire)) return;
    mput(mp);
    checkdead();
  }
  mp->park.sleep();
  if (mp->nextp) {
    acquirep(mp, mp->nextp);
    mp->nextp = nullptr;
  }
}

// Hands off pp (whose m is in a syscall, or gone idle) to another m if
// there is work for it, else puts it on the idle list (Go's handoffp).
void handoffp(p* pp) {
  // If it has local work, or there is global work, start it straight away.
  if (!runqempty(pp)) {
    startm(pp, false);
    return;
  }
  {
    std::unique_lock<mutex> lk(sched.lock);
    if (sched.runqsize.load(std::memory_order_relaxed) != 0) {
      lk.unlock();
      startm(pp, false);
      return;
    }
  }
  // No local work: if no m is spinning or idle-with-a-p... try to get one
  // spinning (without it, a goroutine readied elsewhere could wait).
  int32_t zero = 0;
  if (sched.nmspinning.load() + sched.npidle.load() == 0 &&
      sched.nmspinning.compare_exchange_strong(zero, 1)) {
    startm(pp, true);
    return;
  }
  std::unique_lock<mutex> lk(sched.lock);
  if (sched.gcwaiting.load()) {
    // The world is stopping: this P stops here.
    pp->status.store(_Pgcstop);
    if (--sched.stopwait == 0) sched.stopnote.wakeup();
    return;
  }
  if (sched.runqsize.load(std::memory_order_relaxed) != 0) {
    lk.unlock();
    startm(pp, false);
    return;
  }
  // If this is the last running P and no m sleeps for the timers, one
  // must: start an m (it will find no work and become that sleeper).
  if (sched.npidle.load() == gomaxprocs_now() - 1 && sched.lastpoll.load() != 0) {
    lk.unlock();
    startm(pp, false);
    return;
  }
  int64_t when = nobarrierWakeTime(pp);
  pidleput(pp);
  lk.unlock();
  if (when != 0) wakeNetPoller(when);
}

// ---------------------------------------------------------------- sleeping for timers

// mgo's netpoll(delay): no network poller, only the timers to wait for.
// Sleeps delay ns (< 0: until woken) unless netpollBreak comes first.
void netpoll(int64_t delay) { sched.pollnote.tsleep(delay); }

// Wakes the m sleeping in netpoll (a new timer is due earlier).
void netpollBreak() { sched.pollnote.wakeup(); }

// Earliest timer of every P, or pollUntil if earlier (Go's checkTimersNoP).
int64_t checkTimersNoP(int64_t pollUntil) {
  int32_t n = gomaxprocs_now();
  for (int32_t i = 0; i < n; ++i) {
    int64_t w = nobarrierWakeTime(allp[i]);
    if (w != 0 && (pollUntil == 0 || w < pollUntil)) pollUntil = w;
  }
  return pollUntil;
}

// ---------------------------------------------------------------- stop the world

void gcstopm(m* mp);

// ---------------------------------------------------------------- schedule

struct StealResult {
  g* gp = nullptr;
  bool inheritTime = false;
  int64_t now = 0;
  int64_t pollUntil = 0;  // earliest timer seen on other P's (0: none)
  bool newWork = false;   // ran timers (or the world is stopping): look again
};

// Looks in every other p's queue (4 rounds, random order); in the last
// round also runs their due timers and steals runnext (Go's stealWork).
StealResult stealWork(m* mp, int64_t now) {
  StealResult r;
  r.now = now;
  p* pp = mp->pp;
  int32_t n = gomaxprocs_now();
  constexpr int stealTries = 4;
  for (int i = 0; i < stealTries; ++i) {
    bool stealTimersOrRunNextG = i == stealTries - 1;
    uint32_t start = fastrand(mp);
    for (int32_t k = 0; k < n; ++k) {
      if (sched.gcwaiting.load(std::memory_order_relaxed)) {
        r.newWork = true;  // the world is stopping: go back to the top
        return r;
      }
      p* p2 = allp[(start + k) % n];
      if (p2 == pp) continue;
      // Run p2's due timers (its m may be busy in a long goroutine): the
      // goroutines they ready land on our queue.
      if (stealTimersOrRunNextG) {
        CheckTimersResult c = checkTimers(p2, r.now);
        r.now = c.now;
        if (c.pollUntil != 0 && (r.pollUntil == 0 || c.pollUntil < r.pollUntil))
          r.pollUntil = c.pollUntil;
        if (c.ran) {
          if (g* gp = runqget(pp, &r.inheritTime)) {
            r.gp = gp;
            return r;
          }
          r.newWork = true;
        }
      }
      if (!runqempty(p2)) {
        if (g* gp = runqsteal(pp, p2, stealTimersOrRunNextG)) {
          r.gp = gp;
          r.inheritTime = false;
          return r;
        }
      }
    }
  }
  return r;
}

// Finds a runnable goroutine for mp, sleeping until there is one; nullptr
// when the scheduler is stopping (Go's findRunnable).
g* findRunnable(m* mp, bool* inheritTime) {
top:
  if (sched.stopping.load(std::memory_order_acquire)) return nullptr;
  p* pp = mp->pp;
  if (sched.gcwaiting.load()) {
    gcstopm(mp);
    goto top;
  }
  *inheritTime = false;
  // Due timers first: they may make goroutines runnable.
  CheckTimersResult ct = checkTimers(pp, 0);
  int64_t now = ct.now;
  int64_t pollUntil = ct.pollUntil;
  // Every 61st tick, take from the global queue first, so two goroutines
  // that keep readying each other cannot starve it. The size is read
  // without the lock, as Go does: a goroutine queued just now is found at
  // the next look (whoever queued it called wakep). Without the test, a
  // hand-off pair (runnext, which keeps schedtick still) took the lock on
  // every switch.
  if (pp->schedtick.load(std::memory_order_relaxed) % 61 == 0 &&
      sched.runqsize.load(std::memory_order_relaxed) > 0) {
    std::lock_guard<mutex> lk(sched.lock);
    if (g* gp = globrunqget(pp, 1)) return gp;
  }
  if (g* gp = runqget(pp, inheritTime)) return gp;
  if (sched.runqsize.load(std::memory_order_relaxed) != 0) {
    std::lock_guard<mutex> lk(sched.lock);
    if (g* gp = globrunqget(pp, 0)) return gp;
  }
  // Spin: steal from other p's, unless enough m's spin already.
  {
    int32_t busy = gomaxprocs_now() - sched.npidle.load(std::memory_order_acquire);
    if (mp->spinning || 2 * sched.nmspinning.load(std::memory_order_acquire) < busy) {
      if (!mp->spinning) {
        mp->spinning = true;
        sched.nmspinning.fetch_add(1, std::memory_order_acq_rel);
      }
      StealResult r = stealWork(mp, now);
      now = r.now;
      if (r.gp) {
        *inheritTime = r.inheritTime;
        return r.gp;
      }
      if (r.newWork) goto top;  // timers ran: maybe something is runnable now
      if (r.pollUntil != 0 && (pollUntil == 0 || r.pollUntil < pollUntil)) pollUntil = r.pollUntil;
    }
  }
  // Nothing: give the p back.
  {
    std::unique_lock<mutex> lk(sched.lock);
    if (sched.stopping.load(std::memory_order_acquire)) return nullptr;
    if (sched.gcwaiting.load()) {
      lk.unlock();
      goto top;
    }
    if (g* gp = globrunqget(pp, 0)) return gp;
    releasep(mp);
    pidleput(pp);
  }
  bool wasSpinning = mp->spinning;
  if (mp->spinning) {
    mp->spinning = false;
    if (sched.nmspinning.fetch_sub(1, std::memory_order_acq_rel) - 1 < 0)
      throw_("findrunnable: negative nmspinning");
    // Someone may have queued work after our last look but before we
    // stopped counting as spinning (so they did not wakep): look again.
    int32_t n = gomaxprocs_now();
    for (int32_t i = 0; i < n; ++i) {
      if (!runqempty(allp[i])) {
        std::unique_lock<mutex> lk(sched.lock);
        p* np = pidleget();
        lk.unlock();
        if (np) {
          acquirep(mp, np);
          mp->spinning = true;
          sched.nmspinning.fetch_add(1, std::memory_order_acq_rel);
          goto top;
        }
        break;
      }
    }
    // And the timers of every P: one of them must be waited for.
    pollUntil = checkTimersNoP(pollUntil);
  }
  // Sleep until the next timer, if no other m does (Go's netpoll(delay)).
  if (pollUntil != 0 && sched.lastpoll.exchange(0) != 0) {
    sched.pollUntil.store(pollUntil);
    if (mp->pp) throw_("findrunnable: netpoll with p");
    if (mp->spinning) throw_("findrunnable: netpoll with spinning");
    now = nanotime();
    int64_t delay = pollUntil - now;
    if (delay < 0) delay = 0;
    netpoll(delay);
    sched.pollUntil.store(0);
    sched.lastpoll.store(now);
    if (sched.stopping.load(std::memory_order_acquire)) return nullptr;
    p* np;
    {
      std::lock_guard<mutex> lk(sched.lock);
      np = pidleget();
    }
    if (np) {
      // Run the timers (ours to find at the top, or stolen).
      acquirep(mp, np);
      if (wasSpinning) {
        mp->spinning = true;
        sched.nmspinning.fetch_add(1, std::memory_order_acq_rel);
      }
      goto top;
    }
    // No P: the busy ones run their timers in schedule().
  } else if (pollUntil != 0) {
    // Another m sleeps for the timers: make sure it wakes in time for ours.
    int64_t pollerPollUntil = sched.pollUntil.load();
    if (pollerPollUntil == 0 || pollerPollUntil > pollUntil) netpollBreak();
  }
  stopm(mp);
  goto top;
}

void mexit(m* mp);
void goentry(void* arg);

// Runs gp on the current m. Never returns (g0's frames are abandoned).
[[noreturn]] void execute(m* mp, g* gp, bool inheritTime) {
  if (!gp->ctx.stack.lo) {
    // Its first run: a stack from the P's cache, held until goexit0. (Go
    // gives a goroutine its stack in newproc; taking it here instead means
    // goroutines queued faster than they run hold no stack meanwhile, and
    // the stack a goroutine just freed on this CPU is the next one's.)
    context_init(&gp->ctx, mp->pp->stackcache.alloc(), goentry, gp);
    gp->ctx.sched.gp = gp;
  }
  mp->curg.store(gp, std::memory_order_release);  // sysmon touches gp (preemptone)
  gp->mp = mp;
  casgstatus(gp, _Grunnable, _Grunning);
  gp->preempt.store(false, std::memory_order_relaxed);
  // A new time slice (sysmon preempts when schedtick stays put 10 ms).
  if (!inheritTime) {
    p* pp = mp->pp;
    pp->schedtick.store(pp->schedtick.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
  tls_g = gp;
  context_exit(&mp->g0.ctx, &gp->ctx);
}

// One round of scheduling: find a runnable goroutine and run it.
void schedule() {
  m* mp = getg()->mp;
  bool inheritTime = false;
  g* gp = findRunnable(mp, &inheritTime);
  if (!gp) mexit(mp);
  if (mp->spinning) resetspinning(mp);
  execute(mp, gp, inheritTime);
}

void schedule_entry(void*) { schedule(); }

// The scheduler is stopping: leave the scheduling loop through mstart.
void mexit(m* mp) {
  if (mp->pp) {
    std::lock_guard<mutex> lk(sched.lock);
    pidleput(releasep(mp));
  }
  tls_g = nullptr;
  context_exit(&mp->g0.ctx, &mp->mstart_ctx);
}

// An m's life: make this thread's stack its g0, then schedule until the
// scheduler stops.
void mstart(m* mp) {
  mp->g0.mp = mp;
  mp->g0.goid = 0;
  tls_g = &mp->g0;
  context_init_thread(&mp->mstart_ctx);
  context_init_thread(&mp->g0.ctx);
  // g0 is entered afresh on every mcall: it gets fibers of its own (see
  // leaving() in context.cpp), not the thread's, which mstart_ctx keeps.
  mp->g0.ctx.tsan_fiber = nullptr;
  mp->g0.ctx.tsan_thread_fiber = false;
  // g0 starts over below this frame every time (mcall): leave room for it.
  mp->g0.ctx.stack.hi = (current_sp() - 512) & ~uintptr_t(15);
  if (mp->nextp) {
    acquirep(mp, mp->nextp);
    mp->nextp = nullptr;
  }
  context_mcall(&mp->mstart_ctx, &mp->g0.ctx, schedule_entry, nullptr);
}

// ---------------------------------------------------------------- goroutines

void mcall(void (*fn)(void*), bool exiting = false) {
  g* gp = getg();
  m* mp = gp->mp;
  tls_g = &mp->g0;
  context_mcall(&gp->ctx, &mp->g0.ctx, fn, gp, exiting);
}

void dropg(m* mp) {
  mp->curg.load(std::memory_order_relaxed)->mp = nullptr;
  mp->curg.store(nullptr, std::memory_order_relaxed);
}

void park_m(void* arg) {
  g* gp = static_cast<g*>(arg);
  m* mp = getg()->mp;
  casgstatus(gp, _Grunning, _Gwaiting);
  dropg(mp);
  if (auto fn = mp->waitunlockf) {
    bool ok = fn(gp, mp->waitlock);
    mp->waitunlockf = nullptr;
    mp->waitlock = nullptr;
    if (!ok) {
      casgstatus(gp, _Gwaiting, _Grunnable);
      execute(mp, gp, true);
    }
  }
  schedule();
}

// The running goroutine goes to the global queue; its M schedules.
[[noreturn]] void goschedImpl(g* gp) {
  m* mp = getg()->mp;
  casgstatus(gp, _Grunning, _Grunnable);
  dropg(mp);
  {
    std::lock_guard<mutex> lk(sched.lock);
    globrunqput(gp);
  }
  schedule();
  __builtin_unreachable();
}

void gosched_m(void* arg) { goschedImpl(static_cast<g*>(arg)); }

// A preempted goroutine yields the same way (Go's gopreempt_m; Go's
// tracer tells the two apart, mgo has no tracer).
void gopreempt_m(void* arg) { goschedImpl(static_cast<g*>(arg)); }

// Dead g's go on the p's free list (Go's gfput); past 64, half move to
// the global list. (Their stacks went back to the P's cache in goexit0.)
// (gFreeCount is written only by pp's owner; gcount reads it racily.)
void gfput(p* pp, g* gp) {
  gp->schedlink = pp->gFree;
  pp->gFree = gp;
  int32_t n = pp->gFreeCount.load(std::memory_order_relaxed) + 1;
  pp->gFreeCount.store(n, std::memory_order_relaxed);
  if (n < 64) return;
  std::lock_guard<mutex> lk(sched.lock);
  for (; n >= 32; --n) {
    g* g1 = pp->gFree;
    pp->gFree = g1->schedlink;
    g1->schedlink = sched.gFree;
    sched.gFree = g1;
    sched.ngFree++;
  }
  pp->gFreeCount.store(n, std::memory_order_relaxed);
}

g* gfget(p* pp) {
  int32_t n = pp->gFreeCount.load(std::memory_order_relaxed);
  if (!pp->gFree && sched.ngFree.load(std::memory_order_relaxed) > 0) {
    std::lock_guard<mutex> lk(sched.lock);
    for (; n < 32 && sched.gFree; ++n) {
      g* g1 = sched.gFree;
      sched.gFree = g1->schedlink;
      sched.ngFree--;
      g1->schedlink = pp->gFree;
      pp->gFree = g1;
    }
  }
  g* gp = pp->gFree;
  if (gp) {
    pp->gFree = gp->schedlink;
    n--;
  }
  pp->gFreeCount.store(n, std::memory_order_relaxed);
  return gp;
}

// Moves all of pp's dead g's to the global list. sched.lock held.
void gfpurge(p* pp) {
  pp->gFreeCount.store(0, std::memory_order_relaxed);
  while (g* gp = pp->gFree) {
    pp->gFree = gp->schedlink;
    gp->schedlink = sched.gFree;
    sched.gFree = gp;
    sched.ngFree++;
  }
}

void stop_the_scheduler() {
  sched.stopping.store(true, std::memory_order_release);
  std::lock_guard<mutex> lk(sched.lock);
  while (m* mp = mget()) mp->park.wakeup();
  netpollBreak();
  sched.sysmonnote.wakeup();
  sched.stopnote.wakeup();
}

void goexit0(void* arg) {
  g* gp = static_cast<g*>(arg);
  m* mp = getg()->mp;
  casgstatus(gp, _Grunning, _Gdead);
  dropg(mp);
  gp->fn = nullptr;
  gp->arg = nullptr;  // (not user: the VM's state stays for the g's next life)
  // We run on g0: the stack is free to go (execute gives the g another).
  mp->pp->stackcache.free(gp->ctx.stack);
  gp->ctx.stack = {};
  gp->waitreason = waitReason::zero;
  if (gp == main_g) stop_the_scheduler();
  gfput(mp->pp, gp);
  schedule();
}

// Every goroutine starts here, on its own stack.
void goentry(void* arg) {
  g* gp = static_cast<g*>(arg);
  gp->fn(gp->arg);
  goexit1();
}

// ---------------------------------------------------------------- system calls

// entersyscall found sysmon asleep (every P was idle): wake it, so it can
// hand our P away if the call blocks.
void entersyscall_sysmon() {
  std::lock_guard<mutex> lk(sched.lock);
  if (sched.sysmonwait.load()) {
    sched.sysmonwait.store(false);
    sched.sysmonnote.wakeup();
  }
}

// entersyscall during a stop of the world: our P counts as stopped.
void entersyscall_gcwait(m* mp) {
  p* pp = mp->oldp;
  std::lock_guard<mutex> lk(sched.lock);
  if (sched.stopwait > 0) {
    uint32_t s = _Psyscall;
    if (pp->status.compare_exchange_strong(s, _Pgcstop)) {
      pp->syscalltick.fetch_add(1, std::memory_order_relaxed);
      if (--sched.stopwait == 0) sched.stopnote.wakeup();
    }
  }
}

// Takes an idle P after a syscall (Go's exitsyscallfast_pidle).
bool exitsyscallfast_pidle(m* mp) {
  p* pp;
  {
    std::lock_guard<mutex> lk(sched.lock);
    pp = pidleget();
    if (pp && sched.sysmonwait.load()) {
      sched.sysmonwait.store(false);
      sched.sysmonnote.wakeup();
    }
  }
  if (!pp) return false;
  acquirep(mp, pp);
  return true;
}

// Gets a P back without going through the scheduler if it can: the old one
// if sysmon has not taken it, else an idle one.
bool exitsyscallfast(m* mp, p* oldp) {
  uint32_t s = _Psyscall;
  if (oldp && oldp->status.load() == _Psyscall && oldp->status.compare_exchange_strong(s, _Pidle)) {
    acquirep(mp, oldp);  // Go's wirep
    return true;
  }
  if (sched.npidle.load() > 0) return exitsyscallfast_pidle(mp);
  return false;
}

// exitsyscall's slow path, on g0: no P to be had quickly. Take an idle one
// or queue the goroutine globally and sleep.
void exitsyscall0(void* arg) {
  g* gp = static_cast<g*>(arg);
  m* mp = getg()->mp;
  casgstatus(gp, _Gsyscall, _Grunnable);
  dropg(mp);
  p* pp;
  {
    std::lock_guard<mutex> lk(sched.lock);
    pp = pidleget();
    if (!pp) {
      globrunqput(gp);
    } else if (sched.sysmonwait.load()) {
      sched.sysmonwait.store(false);
      sched.sysmonnote.wakeup();
    }
  }
  if (pp) {
    acquirep(mp, pp);
    execute(mp, gp, false);
  }
  stopm(mp);
  schedule();  // never returns
}

// ---------------------------------------------------------------- sysmon

// Adds v to the M's checkdead counts as idle (Go's incidlelocked; Go also
// counts M's locked to a goroutine, mgo has no LockOSThread).
void incidlelocked(int32_t v) {
  std::lock_guard<mutex> lk(sched.lock);
  sched.nmidlelocked += v;
  if (v > 0) checkdead();
}

// Asks the goroutine running on pp to yield at its next poll.
bool preemptone(p* pp) {
  m* mp = pp->mp.load(std::memory_order_acquire);
  if (!mp) return false;
  g* gp = mp->curg.load(std::memory_order_acquire);
  if (!gp || gp == &mp->g0) return false;
  gp->preempt.store(true, std::memory_order_relaxed);
  return true;
}

// Asks every running goroutine to yield (stopTheWorld).
bool preemptall() {
  bool res = false;
  int32_t n = gomaxprocs_now();
  for (int32_t i = 0; i < n; ++i) {
    p* pp = allp[i];
    if (pp->status.load() != _Prunning) continue;
    if (preemptone(pp)) res = true;
  }
  return res;
}

// Preempts goroutines that have run 10 ms; takes P's from m's that have
// been in a syscall a while (20 us to 10 ms, as sysmon's period). Returns
// how many P's it took.
uint32_t retake(int64_t now) {
  uint32_t n = 0;
  int32_t np = gomaxprocs_now();
  for (int32_t i = 0; i < np; ++i) {
    p* pp = allp[i];
    sysmontick& pd = pp->sysmon;
    uint32_t s = pp->status.load();
    bool sysretake = false;
    if (s == _Prunning || s == _Psyscall) {
      // Preempt G if it's running for too long.
      uint32_t t = pp->schedtick.load(std::memory_order_relaxed);
      if (pd.schedtick != t) {
        pd.schedtick = t;
        pd.schedwhen = now;
      } else if (pd.schedwhen + forcePreemptNS <= now) {
        preemptone(pp);
        // In case of syscall, preemptone() doesn't work: the P is retaken below.
        sysretake = true;
      }
    }
    if (s == _Psyscall) {
      // Retake P from syscall if it's there for more than 1 sysmon tick.
      uint32_t t = pp->syscalltick.load(std::memory_order_relaxed);
      if (!sysretake && pd.syscalltick != t) {
        pd.syscalltick = t;
        pd.syscallwhen = now;
        continue;
      }
      // Don't retake it if there is nothing to do for it (and someone is
      // spinning or idle to pick up new work), unless it has sat 10 ms.
      if (runqempty(pp) && sched.nmspinning.load() + sched.npidle.load() > 0 &&
          pd.syscallwhen + 10 * 1000 * 1000 > now)
        continue;
      // Count one more M as running (Go's incidlelocked(-1)) before the
      // CAS: otherwise the M we retake from can exit the syscall, find no
      // P, go idle and have checkdead report a deadlock while handoffp
      // has yet to put the P to use.
      incidlelocked(-1);
      uint32_t want = _Psyscall;
      if (pp->status.compare_exchange_strong(want, _Pidle)) {
        n++;
        pp->syscalltick.fetch_add(1, std::memory_order_relaxed);
        handoffp(pp);
      }
      incidlelocked(1);
    }
  }
  return n;
}

void schedtrace(bool detailed);

// The system monitor: runs on its own thread, without a P.
// How often sysmon stamps the waiting goroutines' waitsince: a dump's "N
// minutes" is at most this much short.
constexpr int64_t waitstampperiod = 1000000000LL;

// Gives each goroutine that is waiting and not stamped yet its waitsince
// (Go's markroot does this at every GC, with the GC's start time, so that
// gopark need not read the clock). The g may wake and park again meanwhile:
// it then gets a stamp a little early, never one from an older wait, since
// gopark zeroes it and only a zero is replaced.
void stampWaiting(int64_t now) {
  std::lock_guard<mutex> lk(allglock);
  for (g* gp : allgs) {
    if (gp->atomicstatus.load(std::memory_order_relaxed) != _Gwaiting) continue;
    int64_t unstamped = 0;
    gp->waitsince.compare_exchange_strong(unstamped, now, std::memory_order_relaxed);
  }
}

void sysmon(m* mp) {
  (void)mp;
  int64_t lasttrace = 0;
  int64_t laststamp = 0;
  // How many cycles in succession we had not woken somebody. Go starts at
  // 0: 50 sleeps of 20 us in the program's first millisecond, before the
  // doubling. mgo starts as if that millisecond had passed: when the
  // goroutines fill the machine's CPUs, every wake-up takes a CPU from a
  // running M, and on a 2-vCPU guest those ~60 wake-ups in 10 ms cost a
  // goroutine 20% of its speed (a 7.5 ms goroutine took 9.5). A P in a
  // syscall that sysmon retakes still restarts the 20 us polling (idle = 0).
  int idle = 51;
  uint32_t delay = 10;  // doubled to 20 us before the first sleep
  while (!sched.stopping.load(std::memory_order_acquire)) {
    if (idle == 0) {
      delay = 20;  // start with a 20 us sleep...
    } else if (idle > 50) {
      delay *= 2;  // start doubling the sleep after 1 ms...
    }
    if (delay > 10 * 1000) delay = 10 * 1000;  // up to 10 ms
    usleep(delay);

    // Every P idle (or the world stopped): nothing to preempt or retake
    // until a timer fires or a syscall starts. Sleep until then.
    int64_t now = nanotime();
    if (debug.schedtrace <= 0 &&
        (sched.gcwaiting.load() || sched.npidle.load() == gomaxprocs_now())) {
      std::unique_lock<mutex> lk(sched.lock);
      if (!sched.stopping.load() &&
          (sched.gcwaiting.load() || sched.npidle.load() == gomaxprocs_now())) {
        bool syscallWake = false;
        int64_t next = timeSleepUntil(allp, gomaxprocs_now());
        if (next > now) {
          sched.sysmonwait.store(true);
          lk.unlock();
          // Whoever waits now may wait all along this sleep: stamp them.
          laststamp = now;
          stampWaiting(now);
          int64_t sleep = forcegcperiod / 2;
          if (next - now < sleep) sleep = next - now;
          syscallWake = sched.sysmonnote.tsleep(sleep);
          lk.lock();
          sched.sysmonwait.store(false);
        }
        if (syscallWake) {
          idle = 0;
          delay = 20;
        }
      }
    }
    now = nanotime();
    if (retake(now) != 0) idle = 0; else idle++;
    if (now - laststamp >= waitstampperiod) {
      laststamp = now;
      stampWaiting(now);
    }
    if (debug.schedtrace > 0 && lasttrace + int64_t(debug.schedtrace) * 1000000 <= now) {
      lasttrace = now;
      schedtrace(debug.scheddetail > 0);
    }
  }
}

void sysmon_main(m* mp) {
  tls_g = nullptr;  // sysmon runs no Go code: it has no g at all
  sysmon(mp);
}

// ---------------------------------------------------------------- stop the world

// An m found the world stopping: stop its P and sleep (Go's gcstopm).
void gcstopm(m* mp) {
  if (!sched.gcwaiting.load()) throw_("gcstopm: not waiting for gc");
  if (mp->spinning) {
    mp->spinning = false;
    // OK to just drop nmspinning here: startTheWorld wakes m's as needed.
    if (sched.nmspinning.fetch_sub(1) - 1 < 0) throw_("gcstopm: negative nmspinning");
  }
  p* pp = releasep(mp);
  {
    std::lock_guard<mutex> lk(sched.lock);
    pp->status.store(_Pgcstop);
    if (--sched.stopwait == 0) sched.stopnote.wakeup();
  }
  stopm(mp);
}

// Stops every P but the caller's: running goroutines are asked to yield,
// P's in syscalls and idle ones are taken (Go's stopTheWorldWithSema).
void stopTheWorldWithSema() {
  m* mp = getg()->mp;
  bool wait;
  {
    std::lock_guard<mutex> lk(sched.lock);
    sched.stopwait = gomaxprocs_now();
    sched.gcwaiting.store(true);
    preemptall();
    // Stop the current P.
    mp->pp->status.store(_Pgcstop);  // Pgcstop is only diagnostic
    sched.stopwait--;
    // Try to retake all P's in Psyscall status.
    int32_t n = gomaxprocs_now();
    for (int32_t i = 0; i < n; ++i) {
      p* pp = allp[i];
      uint32_t s = _Psyscall;
      if (pp->status.load() == _Psyscall && pp->status.compare_exchange_strong(s, _Pgcstop)) {
        pp->syscalltick.fetch_add(1, std::memory_order_relaxed);
        sched.stopwait--;
      }
    }
    // Stop idle P's.
    while (p* pp = pidleget()) {
      pp->status.store(_Pgcstop);
      sched.stopwait--;
    }
    wait = sched.stopwait > 0;
  }
  // Wait for the remaining P's to stop voluntarily: every 100 us, ask
  // again (a goroutine may have started between preemptall and now).
  if (wait) {
    for (;;) {
      if (sched.stopnote.tsleep(100 * 1000)) {
        std::lock_guard<mutex> lk(sched.lock);
        if (sched.stopwait == 0) break;
      }
      if (sched.stopping.load()) break;
      preemptall();
    }
  }
  std::lock_guard<mutex> lk(sched.lock);
  if (sched.stopwait != 0 && !sched.stopping.load()) throw_("stopTheWorld: not stopped");
}

// Moves pp's goroutines to the global queue, its timers to the current
// P, its dead g's to the global list (Go's p.destroy). World stopped,
// sched.lock held.
void destroyp(p* pp, p* plocal) {
  // Move all runnable goroutines to the global queue, keeping their order.
  while (pp->runqhead.load() != pp->runqtail.load()) {
    uint32_t t = pp->runqtail.load() - 1;
    pp->runqtail.store(t);
    globrunqputhead(pp->runq[t % 256].load(std::memory_order_relaxed));
  }
  if (g* next = pp->runnext.exchange(nullptr)) globrunqputhead(next);
  if (pp->numTimers.load() > 0) {
    // The world is stopped, but sysmon and m's without a P read the heads
    // of the heaps: take both locks (the one place two are held: no
    // deadlock risk).
    plocal->timersLock.lock();
    pp->timersLock.lock();
    moveTimers(plocal, pp);
    pp->timersLock.unlock();
    plocal->timersLock.unlock();
  }
  gfpurge(pp);
  pp->stackcache.drain();
  pp->status.store(_Pdead);
}

// Changes the number of P's to nprocs (Go's procresize). World stopped,
// sched.lock held. Returns the P's that have work, linked by link, for
// startTheWorld to start m's on.
p* procresize(int32_t nprocs) {
  int32_t old = gomaxprocs_now();
  m* mp = getg()->mp;
  // Initialize new P's.
  for (int32_t i = old; i < nprocs; ++i) {
    if (!allp[i]) {
      allp[i] = new p;
      allp[i]->id = i;
    }
    allp[i]->status.store(_Pgcstop);
  }
  p* cur = mp->pp;
  if (cur && cur->id < nprocs) {
    // Continue to use the current P.
    cur->status.store(_Prunning);
  } else {
    // Release the current P and acquire allp[0].
    if (cur) cur->mp.store(nullptr, std::memory_order_relaxed);
    mp->pp = nullptr;
    p* p0 = allp[0];
    p0->mp.store(nullptr, std::memory_order_relaxed);
    acquirep(mp, p0);
  }
  // Release resources from unused P's (the objects stay: an m in a
  // syscall may still point at one as its oldp).
  for (int32_t i = nprocs; i < old; ++i) destroyp(allp[i], mp->pp);
  ngomaxprocs.store(nprocs, std::memory_order_release);
  p* runnablePs = nullptr;
  for (int32_t i = nprocs - 1; i >= 0; --i) {
    p* pp = allp[i];
    if (pp == mp->pp) continue;
    pp->status.store(_Pidle);
    if (runqempty(pp)) {
      pidleput(pp);
    } else {
      pp->link = runnablePs;
      runnablePs = pp;
    }
  }
  return runnablePs;
}

// Restarts the world, with newprocs P's if GOMAXPROCS asked (Go's
// startTheWorldWithSema).
void startTheWorldWithSema() {
  p* p1;
  {
    std::lock_guard<mutex> lk(sched.lock);
    int32_t n = gomaxprocs_now();
    if (newprocs != 0) {
      n = newprocs;
      newprocs = 0;
    }
    p1 = procresize(n);
    sched.gcwaiting.store(false);
    if (sched.sysmonwait.load()) {
      sched.sysmonwait.store(false);
      sched.sysmonnote.wakeup();
    }
  }
  // Start an m on each P with work (Go hands each an idle m it took in
  // procresize; startm does the same here, out of the lock).
  while (p1) {
    p* pp = p1;
    p1 = p1->link;
    startm(pp, false);
  }
  // Wake another m in case there is much work in queues (or the global
  // queue): if there is none, it parks again.
  wakep();
}

void worldsemaAcquire() {
  worldsema.lock.lock();
  if (!worldsema.held) {
    worldsema.held = true;
    worldsema.lock.unlock();
    return;
  }
  worldsema.waiters.push_back(getg());
  // semrelease hands ownership over to us before readying us.
  gopark(parkunlock_c, &worldsema.lock, waitReason::semacquire);
}

void worldsemaRelease() {
  worldsema.lock.lock();
  g* next = nullptr;
  if (worldsema.waiters.empty()) {
    worldsema.held = false;
  } else {
    next = worldsema.waiters.front();
    worldsema.waiters.pop_front();
  }
  worldsema.lock.unlock();
  if (next) goready(next);
}

// ---------------------------------------------------------------- schedtrace

// schedtrace reads other threads' fields without their owners' locks, as
// Go's does ("we must be careful while reading data from P's, M's and
// G's"): the numbers are a snapshot for humans. Those reads go through
// this, so that ThreadSanitizer does not report them.
template <class T>
__attribute__((no_sanitize("thread"))) T racyRead(const T& v) {
  return v;
}

// Go's schedtrace: one line of counts, [run queue lengths]; with detail,
// a line per P, M and G. Called by sysmon every schedtrace ms.
__attribute__((no_sanitize("thread"))) void schedtrace(bool detailed) {
  int64_t now = nanotime();
  if (starttime == 0) starttime = now;
  std::lock_guard<mutex> lk(sched.lock);
  int32_t n = gomaxprocs_now();
  std::fprintf(stderr,
               "SCHED %lldms: gomaxprocs=%d idleprocs=%d threads=%d spinningthreads=%d "
               "idlethreads=%d runqueue=%d",
               static_cast<long long>((now - starttime) / 1000000), n, sched.npidle.load(),
               int(allm.size()), sched.nmspinning.load(), sched.nmidle, sched.runqsize.load());
  if (detailed) {
    std::fprintf(stderr, " gcwaiting=%d nmidlelocked=%d stopwait=%d sysmonwait=%d\n",
                 int(sched.gcwaiting.load()), sched.nmidlelocked, sched.stopwait,
                 int(sched.sysmonwait.load()));
  }
  for (int32_t i = 0; i < n; ++i) {
    p* pp = allp[i];
    m* mp = pp->mp.load(std::memory_order_relaxed);
    uint32_t h = pp->runqhead.load();
    uint32_t t = pp->runqtail.load();
    if (detailed) {
      std::fprintf(stderr,
                   "  P%d: status=%u schedtick=%u syscalltick=%u m=%lld runqsize=%u gfreecnt=%d "
                   "timerslen=%d\n",
                   i, pp->status.load(), pp->schedtick.load(), pp->syscalltick.load(),
                   static_cast<long long>(mp ? racyRead(mp->id) : -1), t - h,
                   pp->gFreeCount.load(std::memory_order_relaxed), pp->numTimers.load());
    } else {
      // [len1 len2 len3 len4]
      std::fputc(' ', stderr);
      if (i == 0) std::fputc('[', stderr);
      std::fprintf(stderr, "%u", t - h);
      if (i == n - 1) std::fputs("]\n", stderr);
    }
  }
  if (!detailed) return;
  // Newest first, as Go's allm list.
  for (auto it = allm.rbegin(); it != allm.rend(); ++it) {
    m* mp = *it;
    p* pp = racyRead(mp->pp);
    g* gp = mp->curg.load(std::memory_order_relaxed);
    // Go's m.blocked: asleep on a note. mgo reports the idle m's.
    bool blocked = false;
    for (m* i = sched.midle; i; i = i->schedlink) blocked = blocked || i == mp;
    std::fprintf(stderr,
                 "  M%lld: p=%d curg=%lld mallocing=0 throwing=0 preemptoff= locks=0 dying=0 "
                 "spinning=%s blocked=%s lockedg=-1\n",
                 static_cast<long long>(mp->id), pp ? racyRead(pp->id) : -1,
                 static_cast<long long>(gp ? racyRead(gp->goid) : -1),
                 racyRead(mp->spinning) ? "true" : "false", blocked ? "true" : "false");
  }
  std::lock_guard<mutex> glk(allglock);
  for (g* gp : allgs) {
    m* mp = racyRead(gp->mp);
    std::fprintf(stderr, "  G%lld: status=%u(%s) m=%lld lockedm=-1\n",
                 static_cast<long long>(racyRead(gp->goid)), gp->atomicstatus.load(),
                 waitReasonString(racyRead(gp->waitreason)),
                 static_cast<long long>(mp ? racyRead(mp->id) : -1));
  }
}

}  // namespace

// ---------------------------------------------------------------- public

g* getg() { return tls_g; }

int32_t gomaxprocs() { return gomaxprocs_now(); }
// Go's gcount: every g made, less the dead ones on the free lists. Read
// without locks (an estimate while goroutines start and end elsewhere),
// so that starting and ending a goroutine touch no shared counter.
int32_t gcount() {
  int32_t n = sched.allglen.load(std::memory_order_relaxed) - sched.ngFree.load(std::memory_order_relaxed);
  int32_t np = gomaxprocs_now();
  for (int32_t i = 0; i < np; ++i) n -= allp[i]->gFreeCount.load(std::memory_order_relaxed);
  return n < 1 ? 1 : n;
}

int64_t nanotime() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}


// The next goid of pp's batch. Go's batches: a P takes kGoidCacheBatch
// ids at once, so goroutines made on one P number consecutively and a
// second P's start at 17.
int64_t newgoid(p* pp) {
  if (pp->goidcache == pp->goidcacheend) {
    pp->goidcache = sched.goidgen.fetch_add(kGoidCacheBatch, std::memory_order_relaxed) + 1;
    pp->goidcacheend = pp->goidcache + kGoidCacheBatch;
  }
  return pp->goidcache++;
}

void createfing() {
  if (!fingCreated.exchange(true)) newgoid(getg()->mp->pp);
}

g* newproc1(void (*fn)(void*), void* arg) {
  g* self = getg();
  p* pp = self->mp->pp;
  g* newg = gfget(pp);
  if (!newg) {
    std::lock_guard<mutex> lk(allglock);
    if (gblockused == kGBlock) {
      gblocks.push_back(static_cast<g*>(::operator new(sizeof(g) * kGBlock, std::align_val_t(alignof(g)))));
      gblockused = 0;
    }
    newg = new (gblocks.back() + gblockused++) g;
    allgs.push_back(newg);
    sched.allglen.store(int32_t(allgs.size()), std::memory_order_relaxed);
  } else {
    casgstatus(newg, _Gdead, _Gidle);
  }
  newg->fn = fn;
  newg->arg = arg;
  newg->goid = newgoid(pp);
  newg->parentgoid = self->goid;
  newg->preempt.store(false, std::memory_order_relaxed);
  casgstatus(newg, _Gidle, _Grunnable);
  return newg;
}

void newproc_start(g* newg) {
  runqput(getg()->mp->pp, newg, true);
  if (main_started) wakep();
}

g* newproc(void (*fn)(void*), void* arg) {
  g* newg = newproc1(fn, arg);
  newproc_start(newg);
  return newg;
}

void gopark(bool (*unlockf)(g*, void*), void* lock, waitReason reason) {
  g* gp = getg();
  m* mp = gp->mp;
  mp->waitlock = lock;
  mp->waitunlockf = unlockf;
  gp->waitreason = reason;
  // No clock read here (it was 5% of a channel hand-off): sysmon stamps
  // the waiting goroutines later, as Go's GC does (stampWaiting).
  gp->waitsince.store(0, std::memory_order_relaxed);
  mcall(park_m);
}

void goready(g* gp) {
  m* mp = getg()->mp;
  casgstatus(gp, _Gwaiting, _Grunnable);
  gp->waitreason = waitReason::zero;
  runqput(mp->pp, gp, true);
  wakep();
}

bool sync_runtime_canSpin(int iter) {
  // sync.Mutex is cooperative, so we are conservative with spinning.
  // Spin only few times and only if running on a multicore machine and
  // GOMAXPROCS>1 and there is at least one other running P and local runq
  // is empty.
  constexpr int active_spin = 4;
  static const long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  if (iter >= active_spin || ncpu <= 1 ||
      gomaxprocs_now() <= sched.npidle.load(std::memory_order_relaxed) +
                              sched.nmspinning.load(std::memory_order_relaxed) + 1)
    return false;
  g* gp = getg();  // none outside run_main (a Mutex used before the scheduler runs)
  return gp && gp->mp && gp->mp->pp && runqempty(gp->mp->pp);
}

void Gosched() { mcall(gosched_m); }

void goschedguarded() { mcall(gopreempt_m); }

void goexit1() {
  mcall(goexit0, /*exiting=*/true);
  __builtin_unreachable();
}

void Goexit() {
  // The main goroutine leaving this way does not end the program (only
  // main returning does): the others run on, and checkdead reports when
  // none is left. Forgetting main_g keeps goexit0 from stopping.
  if (getg() == main_g) main_g = nullptr;
  goexit1();
}

void entersyscall() {
  g* gp = getg();
  m* mp = gp->mp;
  casgstatus(gp, _Grunning, _Gsyscall);
  if (sched.sysmonwait.load()) entersyscall_sysmon();
  p* pp = mp->pp;
  mp->syscalltick = pp->syscalltick.load(std::memory_order_relaxed);
  pp->mp.store(nullptr, std::memory_order_relaxed);
  mp->oldp = pp;
  mp->pp = nullptr;
  // From here on sysmon may take pp (retake) and another m run it.
  pp->status.store(_Psyscall);
  if (sched.gcwaiting.load()) entersyscall_gcwait(mp);
}

void exitsyscall() {
  g* gp = getg();
  m* mp = gp->mp;
  p* oldp = mp->oldp;
  mp->oldp = nullptr;
  if (exitsyscallfast(mp, oldp)) {
    // There's a cpu for us, so we can run.
    p* pp = mp->pp;
    pp->syscalltick.fetch_add(1, std::memory_order_relaxed);
    casgstatus(gp, _Gsyscall, _Grunning);
    return;
  }
  // Wait in the scheduler until a P is free (the goroutine is queued).
  mcall(exitsyscall0);
  // Scheduled again: on some m, with a P.
  p* pp = getg()->mp->pp;
  pp->syscalltick.fetch_add(1, std::memory_order_relaxed);
}

int32_t GOMAXPROCS(int32_t n) {
  int32_t ret = gomaxprocs_now();
  if (n > kMaxGomaxprocs) n = kMaxGomaxprocs;
  if (n <= 0 || n == ret) return ret;
  worldsemaAcquire();
  stopTheWorldWithSema();
  // newprocs is read by startTheWorld under sched.lock.
  {
    std::lock_guard<mutex> lk(sched.lock);
    newprocs = n;
  }
  startTheWorldWithSema();
  worldsemaRelease();
  return ret;
}

void set_deadlock_handler(DeadlockHandler h) { deadlock_handler = h; }
void set_frame_printer(FramePrinter f) { frame_printer = f; }

const char* gstatus_string(g* gp) {
  switch (gp->atomicstatus.load(std::memory_order_relaxed)) {
    case _Grunnable: return "runnable";
    case _Grunning: return "running";
    case _Gsyscall: return "syscall";
    case _Gwaiting:
      return gp->waitreason != waitReason::zero ? waitReasonString(gp->waitreason) : "waiting";
    case _Gdead: return "dead";
    default: return "idle";
  }
}

void dump_goroutine(g* gp) {
  uint32_t st = gp->atomicstatus.load(std::memory_order_relaxed);
  std::fprintf(stderr, "goroutine %lld [%s", static_cast<long long>(gp->goid), gstatus_string(gp));
  int64_t since = gp->waitsince.load(std::memory_order_relaxed);
  int64_t minutes = st == _Gwaiting && since != 0 ? (nanotime() - since) / 60000000000LL : 0;
  if (minutes >= 1) std::fprintf(stderr, ", %lld minutes", static_cast<long long>(minutes));
  if (gp->lockedm) std::fputs(", locked to thread", stderr);
  std::fputs("]:\n", stderr);
  if (frame_printer) frame_printer(gp);
}

void freezetheworld() {
  // Go's freezetheworld, without sched.lock (the dying goroutine may hold
  // it): gcwaiting alone makes every m stop at its next schedule (gcstopm),
  // and preemptall asks running goroutines to get there. Tried a few
  // times, since a goroutine may start between the two.
  for (int i = 0; i < 5; ++i) {
    sched.gcwaiting.store(true);
    if (!preemptall()) break;
    usleep(1000);
  }
  usleep(1000);
  preemptall();
  usleep(1000);
}

void dump_goroutines(g* skip) {
  std::lock_guard<mutex> lk(allglock);
  bool first = skip == nullptr;
  for (g* gp : allgs) {
    uint32_t st = gp->atomicstatus.load(std::memory_order_relaxed);
    if (st == _Gdead || st == _Gidle || gp == skip) continue;
    if (!first) std::fputc('\n', stderr);
    first = false;
    dump_goroutine(gp);
  }
}

void wakeNetPoller(int64_t when) {
  if (sched.lastpoll.load() == 0) {
    // An m sleeps for the timers: wake it if it would sleep past when.
    int64_t pollerPollUntil = sched.pollUntil.load();
    if (pollerPollUntil == 0 || pollerPollUntil > when) netpollBreak();
  } else {
    // No m sleeps for the timers: get one going (it will find no work
    // and sleep until the timer; or take the timer from a busy P).
    wakep();
  }
}

namespace {

void default_deadlock() {
  run_exit_hook();
  std::fputs("fatal error: all goroutines are asleep - deadlock!\n\n", stderr);
  dump_goroutines();
  std::fflush(stderr);
  std::_Exit(2);
}

// Called with sched.lock held when an m goes idle: if every m is idle
// (sysmon aside), and no timer is pending, no goroutine can ever run again.
void checkdead() {
  if (sched.stopping.load(std::memory_order_acquire)) return;
  int32_t run = int32_t(allm.size()) - sched.nmidle - sched.nmidlelocked - sched.nmsys;
  if (run > 0) return;
  int32_t waiting = 0;
  allglock.lock();
  for (g* gp : allgs) {
    uint32_t st = gp->atomicstatus.load(std::memory_order_relaxed);
    if (st == _Gwaiting) waiting++;
    if (st == _Grunnable || st == _Grunning || st == _Gsyscall) {
      std::fprintf(stderr, "runtime: checkdead: goroutine %lld in status %u\n",
                   static_cast<long long>(gp->goid), st);
      throw_("checkdead: runnable g");
    }
  }
  allglock.unlock();
  // Only possible once main has called Goexit: nobody is left at all.
  if (waiting == 0) {
    run_exit_hook();
    std::fputs("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n", stderr);
    std::fflush(stderr);
    std::_Exit(2);
  }
  // There are no goroutines running, so we can look at the P's: a pending
  // timer will wake someone.
  int32_t n = gomaxprocs_now();
  for (int32_t i = 0; i < n; ++i)
    if (allp[i]->numTimers.load() > 0) return;
  (deadlock_handler ? deadlock_handler : default_deadlock)();
}

int default_nprocs() {
  if (const char* env = std::getenv("GOMAXPROCS")) {
    int n = std::atoi(env);
    if (n > 0) return n < kMaxGomaxprocs ? n : kMaxGomaxprocs;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? int(n < kMaxGomaxprocs ? n : kMaxGomaxprocs) : 1;
}

// GODEBUG=name=value,name=value (Go's parsedebugvars, for the two
// scheduler settings; others are ignored, as Go ignores unknown ones).
void parsedebugvars() {
  debug.schedtrace = 0;
  debug.scheddetail = 0;
  const char* env = std::getenv("GODEBUG");
  if (!env) return;
  for (const char* s = env; *s;) {
    const char* end = std::strchr(s, ',');
    size_t len = end ? size_t(end - s) : std::strlen(s);
    const char* eq = static_cast<const char*>(std::memchr(s, '=', len));
    if (eq) {
      std::string key(s, eq), val(eq + 1, s + len);
      int v = std::atoi(val.c_str());
      if (key == "schedtrace") debug.schedtrace = v;
      if (key == "scheddetail") debug.scheddetail = v;
    }
    s += len;
    if (*s == ',') ++s;
  }
}

void reset_scheduler(int nprocs) {
  sched.goidgen.store(0);
  fingCreated.store(false);
  sched.midle = nullptr;
  sched.nmidle = 0;
  sched.mnext = 0;
  sched.pidle = nullptr;
  sched.npidle.store(0);
  sched.nmspinning.store(0);
  sched.runqhead = sched.runqtail = nullptr;
  sched.runqsize.store(0);
  sched.stopping.store(false);
  sched.nmsys = 0;
  sched.nmidlelocked = 0;
  sched.lastpoll.store(nanotime());
  sched.pollUntil.store(0);
  sched.pollnote.key.store(0);
  sched.sysmonwait.store(false);
  sched.sysmonnote.key.store(0);
  sched.gcwaiting.store(false);
  sched.stopwait = 0;
  sched.stopnote.key.store(0);
  newprocs = 0;
  starttime = 0;
  parsedebugvars();
  for (int i = 0; i < nprocs; ++i) {
    allp[i] = new p;
    allp[i]->id = i;
  }
  ngomaxprocs.store(nprocs);
  for (int i = nprocs - 1; i >= 1; --i) pidleput(allp[i]);
}

// Waits for every m's thread to end (an m may start another just before it
// ends, so look again until a pass finds none), then frees everything.
void teardown() {
  for (;;) {
    std::vector<m*> ms;
    {
      std::lock_guard<mutex> lk(sched.lock);
      for (m* mp : allm)
        if (mp->thread.joinable()) ms.push_back(mp);
    }
    if (ms.empty()) break;
    for (m* mp : ms) mp->thread.join();
  }
  for (m* mp : allm) {
    context_destroy(&mp->g0.ctx);
    if (mp->id != 0) delete mp;
  }
  allm.clear();
  for (p*& pp : allp) {
    if (!pp) continue;
    dropTimers(pp);
    pp->stackcache.drain();
    delete pp;
    pp = nullptr;
  }
  ngomaxprocs.store(0);
  for (g* gp : allgs) {
    context_destroy(&gp->ctx);
    if (gp->ctx.stack.lo) stackfree(gp->ctx.stack);
    delete gp->sleeptimer;
    gp->~g();
  }
  allgs.clear();
  for (g* b : gblocks) ::operator delete(b, std::align_val_t(alignof(g)));
  gblocks.clear();
  gblockused = kGBlock;
  // Goroutines dropped while parked on a semaphore are gone with their
  // stacks: forget their waiter records before the next run_main.
  semtable_reset();
  sched.gFree = nullptr;
  sched.ngFree.store(0);
  sched.allglen.store(0);
  main_g = nullptr;
  main_started = false;
}

}  // namespace

void run_main(void (*fn)(void*), void* arg, int nprocs) {
  reset_scheduler(nprocs > 0 ? (nprocs < kMaxGomaxprocs ? nprocs : kMaxGomaxprocs)
                             : default_nprocs());
  m* m0 = new m;
  m0->id = 0;
  m0->fastrand = 0x2545F491u;
  allm.push_back(m0);
  m0->g0.mp = m0;
  tls_g = &m0->g0;
  acquirep(m0, allp[0]);
  // Go's runtime.main runs its own goroutines (forcegchelper, bgsweep,
  // bgscavenge) before main.main, and they take five time slices on P0.
  // Start the count there: the global queue's turn comes every 61st tick
  // (findRunnable), so a program at GOMAXPROCS=1 whose goroutines Gosched
  // then interleaves as Go 1.19's does (measured with a probe that finds
  // the ticks at which the global queue jumps ahead of runnext).
  allp[0]->schedtick.store(kMainStartSchedtick, std::memory_order_relaxed);
  main_g = newproc(fn, arg);
  // Those goroutines also take goids 2 to 4 from P0's batch; mgo has no
  // such goroutines (its sysmon is a bare M, and there is no collector's
  // goroutine), but skips their ids so that the user's goroutines number
  // from 5, as in Go's dumps.
  for (int64_t i = 0; i < kGoRuntimeGoroutines; ++i) newgoid(allp[0]);
  main_started = true;
  m0->pp = nullptr;  // mstart acquires it again through nextp
  allp[0]->mp.store(nullptr);
  m0->nextp = allp[0];
  // sysmon: an m of its own, without a p (Go starts it from runtime.main).
  {
    m* smp = allocm();
    std::lock_guard<mutex> lk(sched.lock);
    sched.nmsys++;
    smp->thread = std::thread(sysmon_main, smp);
  }
  mstart(m0);
  tls_g = nullptr;
  teardown();
  delete m0;
}

// ---------------------------------------------------------------- notes

// Notes sleep on their key with the futex system call directly (not
// std::atomic::wait, which cannot time out, and whose notify may skip the
// system call for waiters it did not register).
namespace {
long futex(std::atomic<uint32_t>* addr, int op, uint32_t val, const timespec* ts) {
  return syscall(SYS_futex, reinterpret_cast<uint32_t*>(addr), op, val, ts, nullptr, 0);
}
}  // namespace

void note::sleep() {
  while (key.exchange(0, std::memory_order_acquire) == 0) futex(&key, FUTEX_WAIT_PRIVATE, 0, nullptr);
}

bool note::tsleep(int64_t ns) {
  if (ns < 0) {
    sleep();
    return true;
  }
  int64_t deadline = nanotime() + ns;
  for (;;) {
    if (key.exchange(0, std::memory_order_acquire) != 0) return true;
    int64_t left = deadline - nanotime();
    if (left <= 0) return false;
    timespec ts{time_t(left / 1000000000), long(left % 1000000000)};
    futex(&key, FUTEX_WAIT_PRIVATE, 0, &ts);
  }
}

void note::wakeup() {
  key.store(1, std::memory_order_release);
  futex(&key, FUTEX_WAKE_PRIVATE, 1, nullptr);
}

const char* waitReasonString(waitReason r) {
  switch (r) {
    case waitReason::zero: return "";
    case waitReason::chanReceiveNilChan: return "chan receive (nil chan)";
    case waitReason::chanSendNilChan: return "chan send (nil chan)";
    case waitReason::selectNoCases: return "select (no cases)";
    case waitReason::select_: return "select";
    case waitReason::chanReceive: return "chan receive";
    case waitReason::chanSend: return "chan send";
    case waitReason::sleep: return "sleep";
    case waitReason::syncMutexLock: return "sync.Mutex.Lock";
    case waitReason::syncRWMutexRLock: return "sync.RWMutex.RLock";
    case waitReason::syncRWMutexLock: return "sync.RWMutex.Lock";
    case waitReason::syncWaitGroupWait: return "sync.WaitGroup.Wait";
    case waitReason::syncCondWait: return "sync.Cond.Wait";
    case waitReason::semacquire: return "semacquire";
    case waitReason::ioWait: return "IO wait";
    case waitReason::preempted: return "preempted";
    case waitReason::panicWait: return "panicwait";
    case waitReason::gcAssistWait: return "GC assist wait";
    case waitReason::garbageCollection: return "garbage collection";
  }
  return "unknown";
}

}  // namespace mgo::rt

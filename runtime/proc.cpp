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
#include "runtime/proc.h"

#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "runtime/context.h"
#include "runtime/panic.h"
#include "runtime/stack.h"

namespace mgo::rt {
namespace {

schedt sched;
std::vector<p*> allp;           // GOMAXPROCS p's, for the life of a run
std::vector<m*> allm;           // every m, under sched.lock
std::vector<g*> allgs;          // every g ever made, under sched.lock
int32_t ngomaxprocs = 0;
std::atomic<int32_t> ngcount{0};  // goroutines not dead
g* main_g = nullptr;
bool main_started = false;
DeadlockHandler deadlock_handler = nullptr;
FramePrinter frame_printer = nullptr;

thread_local g* tls_g = nullptr;  // Go keeps g in a register (R14) / TLS

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
  pp->mp = mp;
  pp->status.store(_Prunning, std::memory_order_relaxed);
}

p* releasep(m* mp) {
  p* pp = mp->pp;
  mp->pp = nullptr;
  pp->mp = nullptr;
  pp->status.store(_Pidle, std::memory_order_relaxed);
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
  sched.runqsize += n;
}

void globrunqput(g* gp) { globrunqputbatch(gp, gp, 1); }

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
  std::lock_guard<std::mutex> lk(sched.lock);
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
  if (sched.runqsize == 0) return nullptr;
  int32_t n = sched.runqsize / ngomaxprocs + 1;
  if (n > sched.runqsize) n = sched.runqsize;
  if (max > 0 && n > max) n = max;
  if (n > 128) n = 128;
  sched.runqsize -= n;
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

void newm(p* pp, bool spinning) {
  m* mp = new m;
  {
    std::lock_guard<std::mutex> lk(sched.lock);
    mp->id = ++sched.mnext;
    allm.push_back(mp);
  }
  mp->fastrand = uint32_t(mp->id * 0x9E3779B9u) | 1;
  mp->nextp = pp;
  mp->spinning = spinning;
  mp->thread = std::thread(mstart, mp);
}

// Starts an m to run pp (an idle p if nullptr). spinning: the caller has
// already counted the new m in sched.nmspinning.
void startm(p* pp, bool spinning) {
  std::unique_lock<std::mutex> lk(sched.lock);
  if (sched.stopping.load(std::memory_order_acquire)) {
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
    std::lock_guard<std::mutex> lk(sched.lock);
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

// ---------------------------------------------------------------- schedule

// Looks in every other p's queue (4 rounds, random order); steals runnext
// only in the last round.
g* stealWork(m* mp) {
  p* pp = mp->pp;
  int32_t n = ngomaxprocs;
  for (int i = 0; i < 4; ++i) {
    bool stealRunNextG = i == 3;
    uint32_t start = fastrand(mp);
    for (int32_t k = 0; k < n; ++k) {
      p* p2 = allp[(start + k) % n];
      if (p2 == pp) continue;
      if (!runqempty(p2)) {
        if (g* gp = runqsteal(pp, p2, stealRunNextG)) return gp;
      }
    }
  }
  return nullptr;
}

// Finds a runnable goroutine for mp, sleeping until there is one; nullptr
// when the scheduler is stopping.
g* findRunnable(m* mp, bool* inheritTime) {
top:
  if (sched.stopping.load(std::memory_order_acquire)) return nullptr;
  p* pp = mp->pp;
  *inheritTime = false;
  // Every 61st tick, take from the global queue first, so two goroutines
  // that keep readying each other cannot starve it.
  if (pp->schedtick % 61 == 0) {
    std::lock_guard<std::mutex> lk(sched.lock);
    if (g* gp = globrunqget(pp, 1)) return gp;
  }
  if (g* gp = runqget(pp, inheritTime)) return gp;
  {
    std::lock_guard<std::mutex> lk(sched.lock);
    if (g* gp = globrunqget(pp, 0)) return gp;
  }
  // Spin: steal from other p's, unless enough m's spin already.
  int32_t busy = ngomaxprocs - sched.npidle.load(std::memory_order_acquire);
  if (mp->spinning || 2 * sched.nmspinning.load(std::memory_order_acquire) < busy) {
    if (!mp->spinning) {
      mp->spinning = true;
      sched.nmspinning.fetch_add(1, std::memory_order_acq_rel);
    }
    if (g* gp = stealWork(mp)) return gp;
  }
  // Nothing: give the p back and sleep.
  {
    std::unique_lock<std::mutex> lk(sched.lock);
    if (sched.stopping.load(std::memory_order_acquire)) return nullptr;
    if (g* gp = globrunqget(pp, 0)) return gp;
    releasep(mp);
    pidleput(pp);
  }
  if (mp->spinning) {
    mp->spinning = false;
    if (sched.nmspinning.fetch_sub(1, std::memory_order_acq_rel) - 1 < 0)
      throw_("findrunnable: negative nmspinning");
    // Someone may have queued work after our last look but before we
    // stopped counting as spinning (so they did not wakep): look again.
    for (p* p2 : allp) {
      if (!runqempty(p2)) {
        std::unique_lock<std::mutex> lk(sched.lock);
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
  }
  stopm(mp);
  goto top;
}

void mexit(m* mp);

// Runs gp on the current m. Never returns (g0's frames are abandoned).
[[noreturn]] void execute(m* mp, g* gp, bool inheritTime) {
  mp->curg = gp;
  gp->mp = mp;
  casgstatus(gp, _Grunnable, _Grunning);
  gp->preempt.store(false, std::memory_order_relaxed);
  if (!inheritTime) mp->pp->schedtick++;
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
    std::lock_guard<std::mutex> lk(sched.lock);
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
  mp->curg->mp = nullptr;
  mp->curg = nullptr;
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

void gosched_m(void* arg) {
  g* gp = static_cast<g*>(arg);
  m* mp = getg()->mp;
  casgstatus(gp, _Grunning, _Grunnable);
  dropg(mp);
  {
    std::lock_guard<std::mutex> lk(sched.lock);
    globrunqput(gp);
  }
  schedule();
}

// Dead g's keep their stacks and go on the p's free list (Go's gfput);
// past 64, half move to the global list.
void gfput(p* pp, g* gp) {
  gp->schedlink = pp->gFree;
  pp->gFree = gp;
  if (++pp->gFreeCount < 64) return;
  std::lock_guard<std::mutex> lk(sched.lock);
  while (pp->gFreeCount >= 32) {
    g* g1 = pp->gFree;
    pp->gFree = g1->schedlink;
    pp->gFreeCount--;
    g1->schedlink = sched.gFree;
    sched.gFree = g1;
    sched.ngFree++;
  }
}

g* gfget(p* pp) {
  if (!pp->gFree && sched.ngFree.load(std::memory_order_relaxed) > 0) {
    std::lock_guard<std::mutex> lk(sched.lock);
    while (pp->gFreeCount < 32 && sched.gFree) {
      g* g1 = sched.gFree;
      sched.gFree = g1->schedlink;
      sched.ngFree--;
      g1->schedlink = pp->gFree;
      pp->gFree = g1;
      pp->gFreeCount++;
    }
  }
  g* gp = pp->gFree;
  if (gp) {
    pp->gFree = gp->schedlink;
    pp->gFreeCount--;
  }
  return gp;
}

void stop_the_scheduler() {
  sched.stopping.store(true, std::memory_order_release);
  std::lock_guard<std::mutex> lk(sched.lock);
  while (m* mp = mget()) mp->park.wakeup();
}

void goexit0(void* arg) {
  g* gp = static_cast<g*>(arg);
  m* mp = getg()->mp;
  casgstatus(gp, _Grunning, _Gdead);
  ngcount.fetch_sub(1, std::memory_order_relaxed);
  dropg(mp);
  gp->fn = nullptr;
  gp->arg = nullptr;
  gp->user = nullptr;
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

}  // namespace

// ---------------------------------------------------------------- public

g* getg() { return tls_g; }

int32_t gomaxprocs() { return ngomaxprocs; }
int32_t gcount() { return ngcount.load(std::memory_order_relaxed); }

int64_t nanotime() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

g* newproc(void (*fn)(void*), void* arg) {
  g* self = getg();
  m* mp = self->mp;
  p* pp = mp->pp;
  g* newg = gfget(pp);
  if (!newg) {
    newg = new g;
    newg->ctx.stack = stackalloc();
    std::lock_guard<std::mutex> lk(sched.lock);
    allgs.push_back(newg);
  } else {
    casgstatus(newg, _Gdead, _Gidle);
  }
  context_init(&newg->ctx, newg->ctx.stack, goentry, newg);
  newg->ctx.sched.gp = newg;
  newg->fn = fn;
  newg->arg = arg;
  newg->goid = sched.goidgen.fetch_add(1, std::memory_order_relaxed) + 1;
  newg->parentgoid = self->goid;
  newg->preempt.store(false, std::memory_order_relaxed);
  casgstatus(newg, _Gidle, _Grunnable);
  ngcount.fetch_add(1, std::memory_order_relaxed);
  runqput(pp, newg, true);
  if (main_started) wakep();
  return newg;
}

void gopark(bool (*unlockf)(g*, void*), void* lock, waitReason reason) {
  g* gp = getg();
  m* mp = gp->mp;
  mp->waitlock = lock;
  mp->waitunlockf = unlockf;
  gp->waitreason = reason;
  gp->waitsince = nanotime();
  mcall(park_m);
}

void goready(g* gp) {
  m* mp = getg()->mp;
  casgstatus(gp, _Gwaiting, _Grunnable);
  gp->waitreason = waitReason::zero;
  runqput(mp->pp, gp, true);
  wakep();
}

void Gosched() { mcall(gosched_m); }

void goexit1() {
  mcall(goexit0, /*exiting=*/true);
  __builtin_unreachable();
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
  int64_t minutes = st == _Gwaiting ? (nanotime() - gp->waitsince) / 60000000000LL : 0;
  if (minutes >= 1) std::fprintf(stderr, ", %lld minutes", static_cast<long long>(minutes));
  std::fputs("]:\n", stderr);
  if (frame_printer) frame_printer(gp);
}

void dump_goroutines() {
  // allgs only grows; the caller holds sched.lock or has stopped the world.
  bool first = true;
  for (g* gp : allgs) {
    uint32_t st = gp->atomicstatus.load(std::memory_order_relaxed);
    if (st == _Gdead || st == _Gidle) continue;
    if (!first) std::fputc('\n', stderr);
    first = false;
    dump_goroutine(gp);
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

// Called with sched.lock held when an m goes idle: if every m is idle, no
// goroutine can ever run again (no timers or I/O can wake one yet).
void checkdead() {
  if (sched.stopping.load(std::memory_order_acquire)) return;
  int32_t run = int32_t(allm.size()) - sched.nmidle;
  if (run > 0) return;
  for (g* gp : allgs) {
    uint32_t st = gp->atomicstatus.load(std::memory_order_relaxed);
    if (st == _Grunnable || st == _Grunning || st == _Gsyscall) {
      std::fprintf(stderr, "runtime: checkdead: goroutine %lld in status %u\n",
                   static_cast<long long>(gp->goid), st);
      throw_("checkdead: runnable g");
    }
  }
  (deadlock_handler ? deadlock_handler : default_deadlock)();
}

int default_nprocs() {
  if (const char* env = std::getenv("GOMAXPROCS")) {
    int n = std::atoi(env);
    if (n > 0) return n;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? int(n) : 1;
}

void reset_scheduler(int nprocs) {
  sched.goidgen.store(0);
  sched.midle = nullptr;
  sched.nmidle = 0;
  sched.mnext = 0;
  sched.pidle = nullptr;
  sched.npidle.store(0);
  sched.nmspinning.store(0);
  sched.runqhead = sched.runqtail = nullptr;
  sched.runqsize = 0;
  sched.stopping.store(false);
  ngomaxprocs = nprocs;
  allp.clear();
  for (int i = 0; i < nprocs; ++i) {
    p* pp = new p;
    pp->id = i;
    allp.push_back(pp);
  }
  for (int i = nprocs - 1; i >= 1; --i) pidleput(allp[i]);
}

// Waits for every m's thread to end (an m may start another just before it
// ends, so look again until a pass finds none), then frees everything.
void teardown() {
  for (;;) {
    std::vector<m*> ms;
    {
      std::lock_guard<std::mutex> lk(sched.lock);
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
  for (g* gp : allgs) {
    context_destroy(&gp->ctx);
    stackfree(gp->ctx.stack);
    delete gp;
  }
  allgs.clear();
  sched.gFree = nullptr;
  sched.ngFree.store(0);
  for (p* pp : allp) delete pp;
  allp.clear();
  ngcount.store(0);
  main_g = nullptr;
  main_started = false;
}

}  // namespace

void run_main(void (*fn)(void*), void* arg, int nprocs) {
  reset_scheduler(nprocs > 0 ? nprocs : default_nprocs());
  m* m0 = new m;
  m0->id = 0;
  m0->fastrand = 0x2545F491u;
  allm.push_back(m0);
  m0->g0.mp = m0;
  tls_g = &m0->g0;
  acquirep(m0, allp[0]);
  main_g = newproc(fn, arg);
  main_started = true;
  m0->pp = nullptr;  // mstart acquires it again through nextp
  allp[0]->mp = nullptr;
  m0->nextp = allp[0];
  mstart(m0);
  tls_g = nullptr;
  teardown();
  delete m0;
}

// ---------------------------------------------------------------- notes

void note::sleep() {
  while (key.load(std::memory_order_acquire) == 0) key.wait(0, std::memory_order_acquire);
  key.store(0, std::memory_order_relaxed);
}

void note::wakeup() {
  key.store(1, std::memory_order_release);
  key.notify_one();
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

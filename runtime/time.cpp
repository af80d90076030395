// Timers: Go's runtime/time.go (1.19) in C++. See time.h for the design.
//
// What differs from Go and why:
// - No acquirem/releasem around status changes: Go uses them so that a
//   goroutine holding timerModifying cannot be preempted asynchronously
//   (and spin a waiter forever). mgo's preemption is cooperative: nothing
//   between two status stores can switch goroutines.
// - No netpollGenericInit, no race-detector contexts: mgo has no network
//   poller (the M sleeping for timers waits on a futex, see proc.cpp) and
//   no -race yet.
// - No timerpMask: checkTimers reads timer0When, which is as cheap.
#include "runtime/time.h"

#include <sched.h>

#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/runtime2.h"

namespace mgo::rt {
namespace {

[[noreturn]] void badTimer() { throw_("timer data corruption"); }

void osyield() { sched_yield(); }

bool cas(timer* t, uint32_t from, uint32_t to) {
  return t->status.compare_exchange_strong(from, to);
}

// Moves t at index i of the heap up to its place; returns where it went.
size_t siftupTimer(std::vector<timer*>& h, size_t i) {
  if (i >= h.size()) badTimer();
  timer* tmp = h[i];
  int64_t when = tmp->when;
  if (when <= 0) badTimer();
  while (i > 0) {
    size_t parent = (i - 1) / 4;
    if (when >= h[parent]->when) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = tmp;
  return i;
}

// Moves t at index i down to its place, comparing with its four children.
void siftdownTimer(std::vector<timer*>& h, size_t i) {
  size_t n = h.size();
  if (i >= n) badTimer();
  timer* tmp = h[i];
  int64_t when = tmp->when;
  if (when <= 0) badTimer();
  for (;;) {
    size_t c = i * 4 + 1;  // left child
    size_t c3 = c + 2;     // mid child
    if (c >= n) break;
    int64_t w = h[c]->when;
    if (c + 1 < n && h[c + 1]->when < w) {
      w = h[c + 1]->when;
      c++;
    }
    if (c3 < n) {
      int64_t w3 = h[c3]->when;
      if (c3 + 1 < n && h[c3 + 1]->when < w3) {
        w3 = h[c3 + 1]->when;
        c3++;
      }
      if (w3 < w) {
        w = w3;
        c = c3;
      }
    }
    if (w >= when) break;
    h[i] = h[c];
    i = c;
  }
  h[i] = tmp;
}

void updateTimer0When(p* pp) {
  pp->timer0When.store(pp->timers.empty() ? 0 : pp->timers[0]->when);
}

// Lowers timerModifiedEarliest to nextwhen if it is earlier (or unset).
void updateTimerModifiedEarliest(p* pp, int64_t nextwhen) {
  for (;;) {
    int64_t old = pp->timerModifiedEarliest.load();
    if (old != 0 && old < nextwhen) return;
    if (pp->timerModifiedEarliest.compare_exchange_strong(old, nextwhen)) return;
  }
}

// Adds t to pp's heap. timersLock held.
void doaddtimer(p* pp, timer* t) {
  if (t->pp) throw_("doaddtimer: P already set in timer");
  t->pp = pp;
  pp->timers.push_back(t);
  siftupTimer(pp->timers, pp->timers.size() - 1);
  if (t == pp->timers[0]) pp->timer0When.store(t->when);
  pp->numTimers.fetch_add(1);
}

// Removes timer i from pp's heap; returns the smallest index whose timer
// changed (the caller's loop over the heap resumes there). timersLock held.
size_t dodeltimer(p* pp, size_t i) {
  std::vector<timer*>& h = pp->timers;
  if (h[i]->pp != pp) throw_("dodeltimer: wrong P");
  h[i]->pp = nullptr;
  size_t last = h.size() - 1;
  if (i != last) h[i] = h[last];
  h.pop_back();
  size_t smallestChanged = i;
  if (i != last) {
    smallestChanged = siftupTimer(h, i);
    siftdownTimer(h, i);
  }
  if (i == 0) updateTimer0When(pp);
  if (pp->numTimers.fetch_sub(1) - 1 == 0) pp->timerModifiedEarliest.store(0);
  return smallestChanged;
}

// Removes the heap's first timer. timersLock held.
void dodeltimer0(p* pp) {
  std::vector<timer*>& h = pp->timers;
  if (h[0]->pp != pp) throw_("dodeltimer0: wrong P");
  h[0]->pp = nullptr;
  size_t last = h.size() - 1;
  if (last > 0) h[0] = h[last];
  h.pop_back();
  if (last > 0) siftdownTimer(h, 0);
  updateTimer0When(pp);
  if (pp->numTimers.fetch_sub(1) - 1 == 0) pp->timerModifiedEarliest.store(0);
}

// The head timer t, deleted, which the caller has moved to timerRemoving:
// off the heap. timersLock held.
void removeDeletedHead(p* pp, timer* t) {
  dodeltimer0(pp);
  if (!cas(t, timerRemoving, timerRemoved)) badTimer();
  pp->deletedTimers.fetch_sub(1);
}

// The head timer t, modified, which the caller has moved to timerMoving:
// back into the heap at its new time. timersLock held.
void moveModifiedHead(p* pp, timer* t) {
  t->when = t->nextwhen;
  dodeltimer0(pp);
  doaddtimer(pp, t);
  if (!cas(t, timerMoving, timerWaiting)) badTimer();
}

// Drops deleted timers and moves modified ones at the head of pp's heap,
// so that the first timer is a waiting one (addtimer calls it, keeping the
// heap from filling with the dead). timersLock held.
void cleantimers(p* pp) {
  for (;;) {
    if (pp->timers.empty()) return;
    timer* t = pp->timers[0];
    if (t->pp != pp) throw_("cleantimers: bad p");
    uint32_t s = t->status.load();
    switch (s) {
      case timerDeleted:
        if (!cas(t, s, timerRemoving)) continue;
        removeDeletedHead(pp, t);
        break;
      case timerModifiedEarlier:
      case timerModifiedLater:
        if (!cas(t, s, timerMoving)) continue;
        moveModifiedHead(pp, t);
        break;
      default:
        return;  // the head is waiting, or busy with someone else
    }
  }
}

// If a timer was modified to be earlier, put every modified timer of pp's
// heap at its new place (the earlier one may be due now). timersLock held.
void adjusttimers(p* pp, int64_t now) {
  int64_t first = pp->timerModifiedEarliest.load();
  if (first == 0 || first > now) return;
  // We are going to clear all timerModifiedEarlier timers.
  pp->timerModifiedEarliest.store(0);

  std::vector<timer*> moved;
  std::vector<timer*>& h = pp->timers;
  for (size_t i = 0; i < h.size(); ++i) {
    timer* t = h[i];
    if (t->pp != pp) throw_("adjusttimers: bad p");
    uint32_t s = t->status.load();
    switch (s) {
      case timerDeleted:
        if (cas(t, s, timerRemoving)) {
          size_t changed = dodeltimer(pp, i);
          if (!cas(t, timerRemoving, timerRemoved)) badTimer();
          pp->deletedTimers.fetch_sub(1);
          i = changed - 1;  // look at index `changed` again (wraps from 0: fine, ++i)
        }
        break;
      case timerModifiedEarlier:
      case timerModifiedLater:
        if (cas(t, s, timerMoving)) {
          t->when = t->nextwhen;
          // Take it out; put it back after the loop, so the loop does
          // not see it twice.
          size_t changed = dodeltimer(pp, i);
          moved.push_back(t);
          i = changed - 1;
        }
        break;
      case timerWaiting:
        break;
      case timerModifying:
        osyield();  // wait for the modification to finish, look again
        --i;
        break;
      default:
        badTimer();
    }
  }
  for (timer* t : moved) {
    doaddtimer(pp, t);
    if (!cas(t, timerMoving, timerWaiting)) badTimer();
  }
}

// Runs the first timer of pp's heap. timersLock held; it is released
// while f runs (see time.h: f may add timers, ready goroutines).
void runOneTimer(p* pp, timer* t, int64_t now) {
  auto f = t->f;
  void* arg = t->arg;
  uintptr_t seq = t->seq;
  if (t->period > 0) {
    // Leave in heap but adjust next time to fire (skipping missed periods).
    int64_t delta = t->when - now;
    t->when += t->period * (1 + -delta / t->period);
    if (t->when < 0) t->when = maxWhen;  // overflow
    siftdownTimer(pp->timers, 0);
    if (!cas(t, timerRunning, timerWaiting)) badTimer();
    updateTimer0When(pp);
  } else {
    dodeltimer0(pp);
    if (!cas(t, timerRunning, timerNoStatus)) badTimer();
  }
  pp->timersLock.unlock();
  f(arg, seq);
  pp->timersLock.lock();
}

// Looks at the first timer of pp's heap: runs it if due (returns 0), else
// returns when it is due (-1: the heap became empty). timersLock held.
int64_t runtimer(p* pp, int64_t now) {
  for (;;) {
    timer* t = pp->timers[0];
    if (t->pp != pp) throw_("runtimer: bad p");
    uint32_t s = t->status.load();
    switch (s) {
      case timerWaiting:
        if (t->when > now) return t->when;  // not ready to run
        if (!cas(t, s, timerRunning)) continue;
        runOneTimer(pp, t, now);
        return 0;
      case timerDeleted:
        if (!cas(t, s, timerRemoving)) continue;
        removeDeletedHead(pp, t);
        if (pp->timers.empty()) return -1;
        break;
      case timerModifiedEarlier:
      case timerModifiedLater:
        if (!cas(t, s, timerMoving)) continue;
        moveModifiedHead(pp, t);
        break;
      case timerModifying:
        osyield();  // wait for the modification to complete
        break;
      default:
        badTimer();
    }
  }
}

// Rebuilds pp's heap without its deleted timers (many deleted timers would
// otherwise linger until they reach the top). timersLock held.
void clearDeletedTimers(p* pp) {
  // We are going to clear all timerModifiedEarlier timers.
  pp->timerModifiedEarliest.store(0);
  int32_t cdel = 0;
  size_t to = 0;
  bool changedHeap = false;
  std::vector<timer*>& h = pp->timers;
  for (size_t from = 0; from < h.size(); ++from) {
    timer* t = h[from];
    for (bool done = false; !done;) {
      uint32_t s = t->status.load();
      switch (s) {
        case timerWaiting:
          if (changedHeap) {
            h[to] = t;
            siftupTimer(h, to);
          }
          to++;
          done = true;
          break;
        case timerModifiedEarlier:
        case timerModifiedLater:
          if (cas(t, s, timerMoving)) {
            t->when = t->nextwhen;
            h[to] = t;
            siftupTimer(h, to);
            to++;
            changedHeap = true;
            if (!cas(t, timerMoving, timerWaiting)) badTimer();
            done = true;
          }
          break;
        case timerDeleted:
          if (cas(t, s, timerRemoving)) {
            t->pp = nullptr;
            cdel++;
            if (!cas(t, timerRemoving, timerRemoved)) badTimer();
            changedHeap = true;
            done = true;
          }
          break;
        case timerModifying:
          osyield();  // loop until modification complete
          break;
        default:
          badTimer();
      }
    }
  }
  h.resize(to);
  pp->deletedTimers.fetch_sub(cdel);
  pp->numTimers.fetch_sub(cdel);
  updateTimer0When(pp);
}

// The P of the running goroutine (or of the M running a timer's f).
p* currentP() {
  p* pp = getg()->mp->pp;
  if (!pp) throw_("timer operation without a P");
  return pp;
}

// timeSleep's unlockf: the goroutine is parked now, so the timer may fire.
bool resetForSleep(g*, void* ut) {
  timer* t = static_cast<timer*>(ut);
  resettimer(t, t->nextwhen);
  return true;
}

// A sleeping goroutine's timer function.
void goroutineReady(void* arg, uintptr_t) { goready(static_cast<g*>(arg)); }

}  // namespace

void timeSleep(int64_t ns) {
  if (ns <= 0) return;
  g* gp = getg();
  timer* t = gp->sleeptimer;
  if (!t) {
    t = new timer;  // freed with the g (teardown)
    gp->sleeptimer = t;
  }
  t->f = goroutineReady;
  t->arg = gp;
  t->nextwhen = nanotime() + ns;
  if (t->nextwhen < 0) t->nextwhen = maxWhen;  // overflow
  // The timer is set by resetForSleep, after the goroutine is parked: set
  // before, it could fire and goready a goroutine still running.
  gopark(resetForSleep, t, waitReason::sleep);
}

void addtimer(timer* t) {
  // when must be positive: a negative value would wrap in runtimer's
  // comparisons, and 0 means "no timer" in timer0When.
  if (t->when <= 0) throw_("timer when must be positive");
  if (t->period < 0) throw_("timer period must be non-negative");
  if (t->status.load() != timerNoStatus) throw_("addtimer called with initialized timer");
  t->status.store(timerWaiting);
  int64_t when = t->when;
  p* pp = currentP();
  pp->timersLock.lock();
  cleantimers(pp);
  doaddtimer(pp, t);
  pp->timersLock.unlock();
  wakeNetPoller(when);
}

bool deltimer(timer* t) {
  for (;;) {
    uint32_t s = t->status.load();
    switch (s) {
      case timerWaiting:
      case timerModifiedLater:
      case timerModifiedEarlier: {
        // Prevent the timer from running, and tell its P to drop it.
        // (A timerModifiedEarlier one keeps timerModifiedEarliest set: the
        // P's adjusttimers will find a deleted timer then, which is fine.)
        if (!cas(t, s, timerModifying)) break;
        p* tpp = t->pp;
        if (!cas(t, timerModifying, timerDeleted)) badTimer();
        tpp->deletedTimers.fetch_add(1);
        return true;  // it was pending: we stopped it
      }
      case timerDeleted:
      case timerRemoving:
      case timerRemoved:
      case timerNoStatus:
        return false;  // already run, stopped, or never added
      case timerRunning:
      case timerMoving:
      case timerModifying:
        osyield();  // someone else has it for a moment
        break;
      default:
        badTimer();
    }
  }
}

bool modtimer(timer* t, int64_t when, int64_t period, void (*f)(void*, uintptr_t), void* arg,
              uintptr_t seq) {
  if (when <= 0) throw_("timer when must be positive");
  if (period < 0) throw_("timer period must be non-negative");
  bool wasRemoved = false;
  bool pending = false;
  for (bool owned = false; !owned;) {
    uint32_t s = t->status.load();
    switch (s) {
      case timerWaiting:
      case timerModifiedEarlier:
      case timerModifiedLater:
        if (cas(t, s, timerModifying)) {
          pending = true;  // timer not yet run
          owned = true;
        }
        break;
      case timerNoStatus:
      case timerRemoved:
        // Not in a heap: we put it in ours below.
        if (cas(t, s, timerModifying)) {
          wasRemoved = true;
          pending = false;  // timer already run or stopped
          owned = true;
        }
        break;
      case timerDeleted:
        // Still in its P's heap: revive it there.
        if (cas(t, s, timerModifying)) {
          t->pp->deletedTimers.fetch_sub(1);
          pending = false;  // timer already stopped
          owned = true;
        }
        break;
      case timerRunning:
      case timerRemoving:
      case timerMoving:
      case timerModifying:
        osyield();  // someone else has it for a moment
        break;
      default:
        badTimer();
    }
  }
  t->period = period;
  t->f = f;
  t->arg = arg;
  t->seq = seq;
  if (wasRemoved) {
    t->when = when;
    p* pp = currentP();
    pp->timersLock.lock();
    doaddtimer(pp, t);
    pp->timersLock.unlock();
    if (!cas(t, timerModifying, timerWaiting)) badTimer();
    wakeNetPoller(when);
  } else {
    // The timer is in some other P's heap, so we can't change its when
    // there: record nextwhen and let that P move it.
    t->nextwhen = when;
    uint32_t newStatus = when < t->when ? timerModifiedEarlier : timerModifiedLater;
    p* tpp = t->pp;
    if (newStatus == timerModifiedEarlier) updateTimerModifiedEarliest(tpp, when);
    if (!cas(t, timerModifying, newStatus)) badTimer();
    if (newStatus == timerModifiedEarlier) wakeNetPoller(when);
  }
  return pending;
}

bool resettimer(timer* t, int64_t when) { return modtimer(t, when, t->period, t->f, t->arg, t->seq); }

namespace {
CheckTimersResult checkTimersSlow(p* pp, int64_t now, int64_t next);
}

CheckTimersResult checkTimers(p* pp, int64_t now) {
  // If it's not yet time for the first timer, or the first adjusted
  // timer, then there is nothing to do.
  int64_t next = nobarrierWakeTime(pp);
  if (next == 0) return {now, 0, false};  // no timers to run or adjust
  return checkTimersSlow(pp, now, next);
}

namespace {
// The rest of checkTimers, out of line: schedule calls checkTimers on
// every switch, and most P's have no timers (this part's register saves
// were most of its cost).
[[gnu::noinline]] CheckTimersResult checkTimersSlow(p* pp, int64_t now, int64_t next) {
  if (now == 0) now = nanotime();
  p* own = getg()->mp->pp;
  if (now < next) {
    // Next timer is not ready to run, but keep going if we would clear
    // deleted timers (only our own P: see below).
    if (pp != own || pp->deletedTimers.load() <= pp->numTimers.load() / 4) return {now, next, false};
  }
  int64_t pollUntil = 0;
  bool ran = false;
  pp->timersLock.lock();
  if (!pp->timers.empty()) {
    adjusttimers(pp, now);
    while (!pp->timers.empty()) {
      // runtimer may temporarily unlock timersLock (to run f).
      int64_t tw = runtimer(pp, now);
      if (tw != 0) {
        if (tw > 0) pollUntil = tw;
        break;
      }
      ran = true;
    }
  }
  // If this is the local P, and there are a lot of deleted timers, clear
  // them out. (Only the local P: another P's M may be racing to do the same.)
  if (pp == own && pp->deletedTimers.load() > int32_t(pp->timers.size() / 4)) clearDeletedTimers(pp);
  pp->timersLock.unlock();
  return {now, pollUntil, ran};
}
}  // namespace

int64_t nobarrierWakeTime(p* pp) {
  int64_t next = pp->timer0When.load();
  int64_t nextAdj = pp->timerModifiedEarliest.load();
  if (next == 0 || (nextAdj != 0 && nextAdj < next)) next = nextAdj;
  return next;
}

int64_t timeSleepUntil(p* const* allp, int32_t n) {
  int64_t next = maxWhen;
  for (int32_t i = 0; i < n; ++i) {
    int64_t w = allp[i]->timer0When.load();
    if (w != 0 && w < next) next = w;
    w = allp[i]->timerModifiedEarliest.load();
    if (w != 0 && w < next) next = w;
  }
  return next;
}

void moveTimers(p* pp, p* dying) {
  for (timer* t : dying->timers) {
    for (bool done = false; !done;) {
      uint32_t s = t->status.load();
      switch (s) {
        case timerWaiting:
          if (!cas(t, s, timerMoving)) continue;
          t->pp = nullptr;
          doaddtimer(pp, t);
          if (!cas(t, timerMoving, timerWaiting)) badTimer();
          done = true;
          break;
        case timerModifiedEarlier:
        case timerModifiedLater:
          if (!cas(t, s, timerMoving)) continue;
          t->when = t->nextwhen;
          t->pp = nullptr;
          doaddtimer(pp, t);
          if (!cas(t, timerMoving, timerWaiting)) badTimer();
          done = true;
          break;
        case timerDeleted:
          if (!cas(t, s, timerRemoved)) continue;
          t->pp = nullptr;
          done = true;  // drop it
          break;
        case timerModifying:
          osyield();  // loop until the modification is complete
          break;
        default:
          badTimer();
      }
    }
  }
  dying->timers.clear();
  dying->numTimers.store(0);
  dying->deletedTimers.store(0);
  dying->timer0When.store(0);
  dying->timerModifiedEarliest.store(0);
}

void dropTimers(p* pp) {
  for (timer* t : pp->timers) {
    t->pp = nullptr;
    t->status.store(timerNoStatus);
  }
  pp->timers.clear();
  pp->numTimers.store(0);
  pp->deletedTimers.store(0);
  pp->timer0When.store(0);
  pp->timerModifiedEarliest.store(0);
}

}  // namespace mgo::rt

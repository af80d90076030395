// Go's sync package (src/sync/*.go) on mgo's semaphores. Read beside Go's
// files; the comments here explain what is not obvious there.
#include "runtime/sync.h"

#include "runtime/panic.h"
#include "runtime/proc.h"

namespace mgo::rt {
namespace {

// Go's active_spin / active_spin_cnt (proc.go): a Mutex is cooperative,
// so it spins a few rounds of 30 PAUSEs at most, and only when
// sync_runtime_canSpin (proc.cpp: it needs the scheduler's counts) says
// another P is running and ours has nothing waiting.
constexpr int active_spin_cnt = 30;

bool runtime_canSpin(int iter) { return sync_runtime_canSpin(iter); }

void runtime_doSpin() {
  for (int i = 0; i < active_spin_cnt; ++i) __builtin_ia32_pause();
}

}  // namespace

// ---------------------------------------------------------------- Mutex

bool Mutex::TryLock() {
  int32_t old = state_.load(std::memory_order_relaxed);
  if (old & (mutexLocked | mutexStarving)) return false;
  // There may be a goroutine waiting for the mutex, but we are running now
  // and can try to grab it before it wakes up.
  return state_.compare_exchange_strong(old, old | mutexLocked, std::memory_order_acquire);
}

void Mutex::lockSlow() {
  int64_t waitStartTime = 0;
  bool starving = false;
  bool awoke = false;  // we were woken by Unlock (and own mutexWoken)
  int iter = 0;
  int32_t old = state_.load(std::memory_order_relaxed);
  for (;;) {
    // Spin while it is locked in normal mode (in starvation mode ownership
    // is handed to a waiter, so spinning cannot win). Setting mutexWoken
    // tells Unlock not to wake a sleeper: we are about to take it.
    if ((old & (mutexLocked | mutexStarving)) == mutexLocked && runtime_canSpin(iter)) {
      if (!awoke && (old & mutexWoken) == 0 && (old >> mutexWaiterShift) != 0 &&
          state_.compare_exchange_strong(old, old | mutexWoken, std::memory_order_relaxed)) {
        awoke = true;
      }
      runtime_doSpin();
      iter++;
      old = state_.load(std::memory_order_relaxed);
      continue;
    }
    int32_t nw = old;
    // Don't grab a starving mutex: arrivals must queue.
    if ((old & mutexStarving) == 0) nw |= mutexLocked;
    if ((old & (mutexLocked | mutexStarving)) != 0) nw += 1 << mutexWaiterShift;
    // Switch to starvation mode, unless the mutex is free by now (Unlock
    // expects waiters in starvation mode: with none it would be wrong).
    if (starving && (old & mutexLocked) != 0) nw |= mutexStarving;
    if (awoke) {
      // We were woken, so we reset the flag either way.
      if ((nw & mutexWoken) == 0) throw_("sync: inconsistent mutex state");
      nw &= ~mutexWoken;
    }
    if (state_.compare_exchange_strong(old, nw, std::memory_order_acquire, std::memory_order_relaxed)) {
      if ((old & (mutexLocked | mutexStarving)) == 0) break;  // locked it with the CAS
      // A waiter that has waited before goes to the front of the queue.
      bool queueLifo = waitStartTime != 0;
      if (waitStartTime == 0) waitStartTime = nanotime();
      semacquire1(&sema_, queueLifo, waitReason::syncMutexLock);
      starving = starving || nanotime() - waitStartTime > starvationThresholdNs;
      old = state_.load(std::memory_order_acquire);
      if ((old & mutexStarving) != 0) {
        // Handed to us in starvation mode: the state still says unlocked
        // with us counted as a waiter. Fix both in one add.
        if ((old & (mutexLocked | mutexWoken)) != 0 || (old >> mutexWaiterShift) == 0)
          throw_("sync: inconsistent mutex state");
        int32_t delta = mutexLocked - (1 << mutexWaiterShift);
        // Leave starvation mode if we did not wait long or are the last
        // waiter: staying in it would hand the lock around forever.
        if (!starving || (old >> mutexWaiterShift) == 1) delta -= mutexStarving;
        state_.fetch_add(delta, std::memory_order_acquire);
        break;
      }
      awoke = true;
      iter = 0;
    }
    // (A failed CAS reloaded old.)
  }
}

void Mutex::unlockSlow(int32_t nw) {
  if (((nw + mutexLocked) & mutexLocked) == 0) fatal("sync: unlock of unlocked mutex");
  if ((nw & mutexStarving) == 0) {
    int32_t old = nw;
    for (;;) {
      // No waiters, or someone already woken or the mutex already taken
      // again (in normal mode the new owner will deal with the waiters).
      if ((old >> mutexWaiterShift) == 0 || (old & (mutexLocked | mutexWoken | mutexStarving)) != 0)
        return;
      // Take a waiter off the count and wake it, with mutexWoken set.
      nw = (old - (1 << mutexWaiterShift)) | mutexWoken;
      if (state_.compare_exchange_strong(old, nw, std::memory_order_release, std::memory_order_relaxed)) {
        semrelease1(&sema_, false);
        return;
      }
    }
  }
  // Starvation mode: hand ownership to the first waiter and yield to it.
  // mutexLocked stays clear; the waiter sets it. Arrivals see
  // mutexStarving and queue instead of taking the mutex.
  semrelease1(&sema_, true);
}

// ---------------------------------------------------------------- RWMutex

void RWMutex::RLock() {
  // A pending writer made readerCount negative: wait for it.
  if (readerCount_.fetch_add(1, std::memory_order_acquire) + 1 < 0)
    semacquire1(&readerSem_, false, waitReason::syncRWMutexRLock);
}

bool RWMutex::TryRLock() {
  for (;;) {
    int32_t c = readerCount_.load(std::memory_order_relaxed);
    if (c < 0) return false;
    if (readerCount_.compare_exchange_weak(c, c + 1, std::memory_order_acquire)) return true;
  }
}

void RWMutex::RUnlock() {
  int32_t r = readerCount_.fetch_sub(1, std::memory_order_release) - 1;
  if (r < 0) rUnlockSlow(r);  // a writer is pending
}

void RWMutex::rUnlockSlow(int32_t r) {
  if (r + 1 == 0 || r + 1 == -rwmutexMaxReaders) fatal("sync: RUnlock of unlocked RWMutex");
  // The last reader the writer waits for wakes it.
  if (readerWait_.fetch_sub(1, std::memory_order_acq_rel) - 1 == 0) semrelease1(&writerSem_, false);
}

void RWMutex::Lock() {
  // First resolve competition with other writers.
  w_.Lock();
  // Announce to readers there is a pending writer; r (the count before):
  // readers still in.
  int32_t r = readerCount_.fetch_sub(rwmutexMaxReaders, std::memory_order_acq_rel);
  // Wait for them (those that already left decrement readerWait first).
  if (r != 0 && readerWait_.fetch_add(r, std::memory_order_acq_rel) + r != 0)
    semacquire1(&writerSem_, false, waitReason::syncRWMutexLock);
}

bool RWMutex::TryLock() {
  if (!w_.TryLock()) return false;
  int32_t zero = 0;
  if (!readerCount_.compare_exchange_strong(zero, -rwmutexMaxReaders, std::memory_order_acquire)) {
    w_.Unlock();
    return false;
  }
  return true;
}

void RWMutex::Unlock() {
  // Announce to readers there is no active writer.
  int32_t r = readerCount_.fetch_add(rwmutexMaxReaders, std::memory_order_release) + rwmutexMaxReaders;
  if (r >= rwmutexMaxReaders) fatal("sync: Unlock of unlocked RWMutex");
  // Unblock the readers that queued behind us.
  for (int32_t i = 0; i < r; ++i) semrelease1(&readerSem_, false);
  // Allow other writers.
  w_.Unlock();
}

// ---------------------------------------------------------------- WaitGroup

void WaitGroup::Add(int64_t delta) {
  uint64_t state = state_.fetch_add(uint64_t(delta) << 32, std::memory_order_acq_rel) + (uint64_t(delta) << 32);
  int32_t v = int32_t(state >> 32);  // counter
  uint32_t w = uint32_t(state);      // waiters
  if (v < 0) panic_plain("sync: negative WaitGroup counter");
  if (w != 0 && delta > 0 && v == int32_t(delta))
    panic_plain("sync: WaitGroup misuse: Add called concurrently with Wait");
  if (v > 0 || w == 0) return;
  // The counter reached 0 with waiters. Nobody may change the state now:
  // Adds must not happen concurrently with Wait, and Wait does not add
  // waiters while the counter is 0. Reset the waiters and wake them.
  if (state_.load(std::memory_order_relaxed) != state)
    panic_plain("sync: WaitGroup misuse: Add called concurrently with Wait");
  state_.store(0, std::memory_order_relaxed);
  for (; w != 0; w--) semrelease1(&sema_, false);
}

void WaitGroup::Wait() {
  for (;;) {
    uint64_t state = state_.load(std::memory_order_acquire);
    if (int32_t(state >> 32) == 0) return;
    // Count ourselves as a waiter.
    if (state_.compare_exchange_weak(state, state + 1, std::memory_order_acq_rel)) {
      semacquire1(&sema_, false, waitReason::syncWaitGroupWait);
      // Add reset the state before waking us; a non-zero state means the
      // group was reused (Add) before this Wait returned.
      if (state_.load(std::memory_order_relaxed) != 0)
        panic_plain("sync: WaitGroup is reused before previous Wait has returned");
      return;
    }
  }
}

// ---------------------------------------------------------------- Once

void Once::doSlow(void (*f)(void*), void* arg) {
  m_.Lock();
  // Unlock (and mark done) even if f panics: Go's deferred calls. A
  // panicking f counts as done, so later Do calls do not run it again.
  struct Guard {
    Once* o;
    bool ran = false;
    ~Guard() {
      if (ran) o->done_.store(1, std::memory_order_release);
      o->m_.Unlock();
    }
  } guard{this};
  if (done_.load(std::memory_order_relaxed) == 0) {
    guard.ran = true;
    f(arg);
  }
}

// ---------------------------------------------------------------- Cond

Locker locker(Mutex* m) {
  return {m, [](void* l) { static_cast<Mutex*>(l)->Lock(); },
          [](void* l) { static_cast<Mutex*>(l)->Unlock(); }};
}
Locker locker(RWMutex* rw) {
  return {rw, [](void* l) { static_cast<RWMutex*>(l)->Lock(); },
          [](void* l) { static_cast<RWMutex*>(l)->Unlock(); }};
}
Locker rlocker(RWMutex* rw) {
  return {rw, [](void* l) { static_cast<RWMutex*>(l)->RLock(); },
          [](void* l) { static_cast<RWMutex*>(l)->RUnlock(); }};
}

void Cond::Wait() {
  // The ticket is taken while L is held, so a Signal after our Unlock is
  // not lost: it notifies this ticket even before we sleep on it.
  uint32_t t = notifyListAdd(&notify_);
  L.unlock(L.l);
  notifyListWait(&notify_, t);
  L.lock(L.l);
}

}  // namespace mgo::rt

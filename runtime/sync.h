// Go's sync package for goroutines: Mutex, RWMutex, WaitGroup, Once, Cond
// (src/sync/{mutex,rwmutex,waitgroup,once,cond}.go), on the semaphores of
// sema.h. Read beside Go's files: the algorithms, state words and names are
// Go's. As in Go, the zero value of each is ready to use, none may be
// copied once used, and the blocking operations must run on a goroutine
// (they park it; they never block the M).
//
// Misuse is reported as Go reports it: rt::fatal for an unlock of an
// unlocked lock (unrecoverable in Go), rt::panic_plain for WaitGroup's
// misuse panics.
#pragma once

#include <atomic>
#include <cstdint>
#include <type_traits>

#include "runtime/sema.h"

namespace mgo::rt {

// sync.Mutex: mutual exclusion with Go's two modes.
//
// Normal mode: waiters queue FIFO, but a woken waiter competes with
// goroutines just arriving (which are running already and usually win).
// A waiter that has waited more than 1 ms switches the mutex to starvation
// mode: Unlock then hands the mutex straight to the first waiter, and
// arrivals queue at the tail without spinning. The last waiter, or one that
// waited less than 1 ms, switches back to normal mode.
class Mutex {
 public:
  // state: mutexLocked | mutexWoken | mutexStarving | waiters << mutexWaiterShift
  static constexpr int32_t mutexLocked = 1;
  static constexpr int32_t mutexWoken = 2;
  static constexpr int32_t mutexStarving = 4;
  static constexpr int mutexWaiterShift = 3;
  static constexpr int64_t starvationThresholdNs = 1000000;

  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() {
    int32_t old = 0;
    if (state_.compare_exchange_strong(old, mutexLocked, std::memory_order_acquire)) return;
    lockSlow();
  }
  bool TryLock();
  void Unlock() {
    int32_t n = state_.fetch_sub(mutexLocked, std::memory_order_release) - mutexLocked;
    if (n != 0) unlockSlow(n);
  }

  // The state word, for tests and dumps.
  int32_t state() const { return state_.load(std::memory_order_relaxed); }

 private:
  void lockSlow();
  void unlockSlow(int32_t n);

  std::atomic<int32_t> state_{0};
  uint32_t sema_ = 0;
};

// sync.RWMutex: any number of readers or one writer. A blocked Lock keeps
// new readers out (readerCount goes negative), so writers are not starved.
class RWMutex {
 public:
  static constexpr int32_t rwmutexMaxReaders = 1 << 30;

  RWMutex() = default;
  RWMutex(const RWMutex&) = delete;
  RWMutex& operator=(const RWMutex&) = delete;

  void RLock();
  bool TryRLock();
  void RUnlock();
  void Lock();
  bool TryLock();
  void Unlock();

 private:
  void rUnlockSlow(int32_t r);

  Mutex w_;                             // held by a writer, pending or active
  uint32_t writerSem_ = 0;              // the writer waits here for readers to leave
  uint32_t readerSem_ = 0;              // readers wait here for the writer to leave
  std::atomic<int32_t> readerCount_{0}; // readers; minus rwmutexMaxReaders while a writer is pending
  std::atomic<int32_t> readerWait_{0};  // readers the pending writer still waits for
};

// sync.WaitGroup: waits for a counter to reach zero.
class WaitGroup {
 public:
  WaitGroup() = default;
  WaitGroup(const WaitGroup&) = delete;
  WaitGroup& operator=(const WaitGroup&) = delete;

  void Add(int64_t delta);
  void Done() { Add(-1); }
  void Wait();

 private:
  // High 32 bits: the counter; low 32 bits: the number of waiters.
  std::atomic<uint64_t> state_{0};
  uint32_t sema_ = 0;
};

// sync.Once: f runs once, and every Do returns only after it has finished.
// An f that panics (throws) still counts as done, as in Go.
class Once {
 public:
  Once() = default;
  Once(const Once&) = delete;
  Once& operator=(const Once&) = delete;

  void Do(void (*f)(void*), void* arg) {
    // Fast path: done is set only after f returned, so seeing it (acquire)
    // means f's effects are visible.
    if (done_.load(std::memory_order_acquire) == 0) doSlow(f, arg);
  }
  template <class F>
  void Do(F&& f) {
    Do([](void* p) { (*static_cast<std::remove_reference_t<F>*>(p))(); }, &f);
  }
  bool done() const { return done_.load(std::memory_order_acquire) != 0; }

 private:
  void doSlow(void (*f)(void*), void* arg);

  std::atomic<uint32_t> done_{0};
  Mutex m_;
};

// Go's sync.Locker interface, as a pair of functions: Cond's L.
struct Locker {
  void* l = nullptr;
  void (*lock)(void*) = nullptr;
  void (*unlock)(void*) = nullptr;
};
Locker locker(Mutex* m);
Locker locker(RWMutex* rw);
Locker rlocker(RWMutex* rw);  // rw.RLocker(): RLock/RUnlock

// sync.Cond: goroutines wait for an event, with L held around the check.
class Cond {
 public:
  explicit Cond(Locker l) : L(l) {}
  Cond(const Cond&) = delete;
  Cond& operator=(const Cond&) = delete;

  // Unlocks L, waits for Signal/Broadcast, locks L again.
  void Wait();
  void Signal() { notifyListNotifyOne(&notify_); }
  void Broadcast() { notifyListNotifyAll(&notify_); }

  Locker L;

 private:
  notifyList notify_;
};

// Go's sync/atomic on plain memory (int32_t, int64_t, uint32_t, uint64_t,
// uintptr_t, pointers): every operation sequentially consistent, as Go's
// memory model makes them; Add wraps around on overflow and returns the
// new value, as Go's AddInt32 and friends do.
namespace syncatomic {

template <class T>
T Load(T* addr) { return std::atomic_ref<T>(*addr).load(std::memory_order_seq_cst); }

template <class T>
void Store(T* addr, T v) { std::atomic_ref<T>(*addr).store(v, std::memory_order_seq_cst); }

template <class T>
T Swap(T* addr, T v) { return std::atomic_ref<T>(*addr).exchange(v, std::memory_order_seq_cst); }

template <class T>
bool CompareAndSwap(T* addr, T old, T nw) {
  return std::atomic_ref<T>(*addr).compare_exchange_strong(old, nw, std::memory_order_seq_cst);
}

template <class T>
T Add(T* addr, T delta) {
  static_assert(std::is_integral_v<T>, "Add is for integers");
  using U = std::make_unsigned_t<T>;
  // Atomic arithmetic wraps; the new value is computed unsigned so that
  // it wraps too instead of overflowing.
  T old = std::atomic_ref<T>(*addr).fetch_add(delta, std::memory_order_seq_cst);
  return T(U(old) + U(delta));
}

}  // namespace syncatomic

}  // namespace mgo::rt

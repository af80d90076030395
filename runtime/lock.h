// The runtime's own mutex (Go's lock_futex.go): a futex word, not a
// pthread mutex.
//
// Why not std::mutex: gopark's unlockf releases the lock that protected a
// wait queue on the M's g0, not on the goroutine that took it (a channel
// receive locks on g, then unlocks on g0 after the goroutine is parked).
// pthread mutexes, and ThreadSanitizer's model of them, require the owner to
// unlock. This lock has no owner; acquire/release on the word give the
// happens-before edges TSan needs.
#pragma once

#include <atomic>
#include <cstdint>

namespace mgo::rt {

struct mutex {
  // 0 unlocked, 1 locked, 2 locked with sleepers (Go's mutex_* states).
  std::atomic<uint32_t> key{0};

  void lock() {
    uint32_t v = 0;
    if (key.compare_exchange_strong(v, 1, std::memory_order_acquire)) return;
    lock_slow(v);
  }
  void unlock() {
    if (key.exchange(0, std::memory_order_release) == 2) key.notify_one();
  }

 private:
  void lock_slow(uint32_t v) {
    // Spin a little: critical sections in the runtime are short.
    for (int i = 0; i < 64; ++i) {
      v = 0;
      if (key.compare_exchange_weak(v, 1, std::memory_order_acquire)) return;
      __builtin_ia32_pause();
    }
    // Then sleep, marking the word so unlock knows to wake someone.
    while (key.exchange(2, std::memory_order_acquire) != 0) key.wait(2, std::memory_order_relaxed);
  }
};

// gopark unlock function for a mutex: releases it once the goroutine is parked.
inline bool parkunlock_c(struct g*, void* lk) {
  static_cast<mutex*>(lk)->unlock();
  return true;
}

}  // namespace mgo::rt

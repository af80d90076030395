// Helpers for the runtime's scheduler tests:
// running a lambda as the main goroutine, and a wait group on
// gopark/goready (sync.WaitGroup proper is built on semaphores, in sync.*).
#pragma once

#include <mutex>
#include <utility>

#include "runtime/lock.h"
#include "runtime/proc.h"

namespace mgo::rt::testutil {

// Runs body() as the main goroutine on nprocs P's.
template <class F>
void run(int nprocs, F&& body) {
  struct Box {
    F* f;
  } box{&body};
  run_main([](void* p) { (*static_cast<Box*>(p)->f)(); }, &box, nprocs);
}

// done() may be called from a goroutine or from a timer's f (it only
// takes a runtime mutex and calls goready).
struct WaitGroup {
  mutex mu;
  int count = 0;
  g* waiter = nullptr;

  void add(int n) {
    std::lock_guard<mutex> lk(mu);
    count += n;
  }
  void done() {
    g* w = nullptr;
    {
      std::lock_guard<mutex> lk(mu);
      if (--count == 0) std::swap(w, waiter);
    }
    if (w) goready(w);
  }
  void wait() {
    mu.lock();
    if (count == 0) {
      mu.unlock();
      return;
    }
    waiter = getg();
    gopark(parkunlock_c, &mu, waitReason::syncWaitGroupWait);
  }
};

constexpr int64_t kMillisecond = 1000 * 1000;

// How long a test's busy loop waits for what it needs (another goroutine
// to run, the world to stop) before giving up: the test has failed then.
constexpr int64_t kGiveUp = 10 * 1000 * kMillisecond;

}  // namespace mgo::rt::testutil

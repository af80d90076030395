// sync.Mutex, RWMutex, WaitGroup, Once, Cond (runtime/sync.h) with plain C++
// goroutines. Every concurrency test runs with 1, 2, 4 and 8 P's; the
// misuse errors are checked in a child process (exact stderr, status 2).
#include "runtime/sync.h"

#include <gtest/gtest.h>

#include "runtime_testutil.h"

#include <atomic>
#include <string>
#include <vector>

#include "runtime/panic.h"
#include "runtime/proc.h"

namespace {

using namespace mgo::rt;
using mgo::rt::testutil::run;

#if defined(__SANITIZE_THREAD__)
constexpr int kWorkers = 40;
constexpr int kIters = 200;
#else
constexpr int kWorkers = 200;
constexpr int kIters = 2000;
#endif

class Sync : public ::testing::TestWithParam<int> {};

template <class F>
g* go(F* f) {
  return newproc([](void* p) { (*static_cast<F*>(p))(); }, f);
}

void waitParked(g* gp, waitReason r) {
  while (gp->atomicstatus.load() != _Gwaiting || gp->waitreason != r) Gosched();
}

// ---------------------------------------------------------------- Mutex

// Many goroutines increment a plain counter under the mutex: the total is
// exact and no two are ever inside at once.
TEST_P(Sync, MutexCounter) {
  struct Ctx {
    Mutex mu;
    int64_t counter = 0;
    std::atomic<int> inside{0};
    std::atomic<bool> overlap{false};
    WaitGroup wg;
  } c;
  struct W {
    Ctx* c;
    void operator()() {
      for (int i = 0; i < kIters; ++i) {
        c->mu.Lock();
        if (c->inside.fetch_add(1) != 0) c->overlap = true;
        c->counter++;
        if (i % 64 == 0) Gosched();  // hold it across a switch now and then
        c->inside.fetch_sub(1);
        c->mu.Unlock();
      }
      c->wg.Done();
    }
  } w{&c};
  run(GetParam(), [&] {
    c.wg.Add(kWorkers);
    for (int i = 0; i < kWorkers; ++i) go(&w);
    c.wg.Wait();
  });
  EXPECT_EQ(c.counter, int64_t(kWorkers) * kIters);
  EXPECT_FALSE(c.overlap.load());
  EXPECT_EQ(c.mu.state(), 0);
}

TEST_P(Sync, MutexTryLock) {
  Mutex mu;
  run(GetParam(), [&] {
    EXPECT_TRUE(mu.TryLock());
    EXPECT_FALSE(mu.TryLock());
    mu.Unlock();
    mu.Lock();
    EXPECT_FALSE(mu.TryLock());
    mu.Unlock();
  });
  EXPECT_EQ(mu.state(), 0);
}

// A waiter that has waited over 1 ms and still loses the mutex to a
// barging goroutine switches it to starvation mode; from then on Unlock
// hands the mutex to it, ahead of the goroutine that unlocked and asks
// again at once.
TEST_P(Sync, MutexStarvationMode) {
  struct Ctx {
    Mutex mu;
    std::vector<char> log;  // who held the mutex, in order (written under it)
    g* waiter = nullptr;
  } c;
  struct W {
    Ctx* c;
    void operator()() {
      c->mu.Lock();
      c->log.push_back('W');
      c->mu.Unlock();
    }
  } w{&c};
  bool engaged = false;
  run(GetParam(), [&] {
    c.mu.Lock();
    for (int attempt = 0; attempt < 20 && !engaged; ++attempt) {
      c.log.clear();
      if (!c.waiter) c.waiter = go(&w);
      waitParked(c.waiter, waitReason::syncMutexLock);
      // Hold on until the waiter has waited well over the 1 ms threshold
      // (it is parked already: count from now, with the precise clock
      // the Mutex uses; waitsince is only tick-accurate).
      int64_t parked = nanotime();
      while (nanotime() - parked < 3 * Mutex::starvationThresholdNs) Gosched();
      // Unlock wakes it; lock again before it gets there (normal mode lets
      // us barge in). On several P's it may win the race: then try again.
      c.mu.Unlock();
      c.mu.Lock();
      if (!c.log.empty()) {  // it won: start over with a new waiter
        c.waiter = nullptr;
        continue;
      }
      // It woke, lost, and must now put the mutex in starvation mode.
      int64_t deadline = nanotime() + 5000000000LL;
      while ((c.mu.state() & Mutex::mutexStarving) == 0 && nanotime() < deadline) Gosched();
      ASSERT_NE(c.mu.state() & Mutex::mutexStarving, 0) << "starvation mode never engaged";
      engaged = true;
      // Hand-off: our own Lock right after Unlock must come second.
      c.mu.Unlock();
      c.mu.Lock();
      c.log.push_back('M');
    }
    c.mu.Unlock();
  });
  ASSERT_TRUE(engaged);
  EXPECT_EQ(std::string(c.log.begin(), c.log.end()), "WM");
  EXPECT_EQ(c.mu.state(), 0);  // the last waiter left starvation mode
}

// Go's TestMutexFairness: a goroutine that keeps re-taking the mutex
// cannot starve another that wants it ten times.
TEST_P(Sync, MutexFairness) {
  struct Ctx {
    Mutex mu;
    std::atomic<bool> stop{false};
    WaitGroup wg;
  } c;
  struct Hog {
    Ctx* c;
    void operator()() {
      while (!c->stop.load()) {
        c->mu.Lock();
        int64_t t = nanotime();
        while (nanotime() - t < 100000) Gosched();  // hold it ~100 us
        c->mu.Unlock();
      }
      c->wg.Done();
    }
  } hog{&c};
  struct Other {
    Ctx* c;
    void operator()() {
      for (int i = 0; i < 10; ++i) {
        int64_t t = nanotime();
        while (nanotime() - t < 100000) Gosched();
        c->mu.Lock();
        c->mu.Unlock();
      }
      c->stop = true;
      c->wg.Done();
    }
  } other{&c};
  run(GetParam(), [&] {
    c.wg.Add(2);
    go(&hog);
    go(&other);
    c.wg.Wait();
  });
  EXPECT_TRUE(c.stop.load());
}

// ---------------------------------------------------------------- RWMutex

// Every reader gets in while the others are still inside: readers share.
TEST_P(Sync, RWMutexReadersShare) {
  constexpr int kReaders = 8;
  struct Ctx {
    RWMutex rw;
    std::atomic<int> inside{0};
    WaitGroup wg;
  } c;
  struct R {
    Ctx* c;
    void operator()() {
      c->rw.RLock();
      c->inside.fetch_add(1);
      while (c->inside.load() < kReaders) Gosched();  // all of them at once
      c->rw.RUnlock();
      c->wg.Done();
    }
  } r{&c};
  run(GetParam(), [&] {
    c.wg.Add(kReaders);
    for (int i = 0; i < kReaders; ++i) go(&r);
    c.wg.Wait();
  });
  EXPECT_EQ(c.inside.load(), kReaders);
}

// Writers exclude readers and each other; readers see only whole writes.
TEST_P(Sync, RWMutexWriterExcludes) {
  struct Ctx {
    RWMutex rw;
    std::atomic<int> readers{0};
    std::atomic<int> writers{0};
    std::atomic<bool> bad{false};
    int64_t a = 0, b = 0;  // a == b outside writes
    int64_t writes = 0;
    WaitGroup wg;
  } c;
  struct Reader {
    Ctx* c;
    void operator()() {
      for (int i = 0; i < kIters / 4; ++i) {
        c->rw.RLock();
        c->readers.fetch_add(1);
        if (c->writers.load() != 0 || c->a != c->b) c->bad = true;
        if (i % 16 == 0) Gosched();
        c->readers.fetch_sub(1);
        c->rw.RUnlock();
      }
      c->wg.Done();
    }
  } reader{&c};
  struct Writer {
    Ctx* c;
    void operator()() {
      for (int i = 0; i < kIters / 20; ++i) {
        c->rw.Lock();
        if (c->writers.fetch_add(1) != 0 || c->readers.load() != 0) c->bad = true;
        c->a++;
        if (i % 4 == 0) Gosched();
        c->b++;
        c->writes++;
        c->writers.fetch_sub(1);
        c->rw.Unlock();
      }
      c->wg.Done();
    }
  } writer{&c};
  constexpr int kWriters = kWorkers / 20;
  run(GetParam(), [&] {
    c.wg.Add(kWorkers / 2 + kWriters);
    for (int i = 0; i < kWorkers / 2; ++i) {
      go(&reader);
      if (i % 10 == 0) go(&writer);
    }
    c.wg.Wait();
  });
  EXPECT_FALSE(c.bad.load());
  EXPECT_EQ(c.writes, int64_t(kWriters) * (kIters / 20));
  EXPECT_EQ(c.a, c.writes);
}

// A pending writer holds off new readers (no writer starvation), and the
// parked goroutines show Go's wait reasons.
TEST_P(Sync, RWMutexPendingWriterBlocksReaders) {
  struct Ctx {
    RWMutex rw;
    std::vector<char> log;
  } c;
  struct Writer {
    Ctx* c;
    void operator()() {
      c->rw.Lock();
      c->log.push_back('W');
      c->rw.Unlock();
    }
  } writer{&c};
  struct Reader {
    Ctx* c;
    void operator()() {
      c->rw.RLock();
      c->log.push_back('R');  // readers after the writer: one at a time here
      c->rw.RUnlock();
    }
  } reader{&c};
  run(GetParam(), [&] {
    c.rw.RLock();
    g* w = go(&writer);
    waitParked(w, waitReason::syncRWMutexLock);
    EXPECT_STREQ(gstatus_string(w), "sync.RWMutex.Lock");
    EXPECT_FALSE(c.rw.TryRLock());
    g* r = go(&reader);
    waitParked(r, waitReason::syncRWMutexRLock);
    EXPECT_STREQ(gstatus_string(r), "sync.RWMutex.RLock");
    c.rw.RUnlock();  // the writer goes, then the reader
    c.rw.Lock();     // and we after both (the reader has RUnlocked by then)
    c.rw.Unlock();
    EXPECT_TRUE(c.rw.TryLock());
    c.rw.Unlock();
  });
  EXPECT_EQ(std::string(c.log.begin(), c.log.end()), "WR");
}

// ---------------------------------------------------------------- WaitGroup

// Wait returns only after every Done, for every waiter; the group can be
// reused after Wait returned.
TEST_P(Sync, WaitGroupWaitsForAll) {
  struct Ctx {
    WaitGroup wg;
    WaitGroup waiters;
    std::atomic<int> done{0};
    std::atomic<int> sawAll{0};
  } c;
  struct Worker {
    Ctx* c;
    void operator()() {
      Gosched();
      c->done.fetch_add(1);
      c->wg.Done();
    }
  } worker{&c};
  struct Waiter {
    Ctx* c;
    void operator()() {
      c->wg.Wait();
      if (c->done.load() == kWorkers) c->sawAll.fetch_add(1);
      c->waiters.Done();
    }
  } waiter{&c};
  run(GetParam(), [&] {
    for (int round = 0; round < 3; ++round) {
      c.done = 0;
      c.sawAll = 0;
      c.wg.Add(kWorkers);
      c.waiters.Add(4);
      for (int i = 0; i < 4; ++i) go(&waiter);
      for (int i = 0; i < kWorkers; ++i) go(&worker);
      c.wg.Wait();
      EXPECT_EQ(c.done.load(), kWorkers);
      c.waiters.Wait();
      EXPECT_EQ(c.sawAll.load(), 4);
    }
    c.wg.Wait();  // counter zero: returns at once
  });
}

// The embedder's panic handler must not return: these tests throw and
// catch on the goroutine, the way the VM's panics unwind.
struct GoPanic {
  std::string msg;
};
[[noreturn]] void throwing_panic(const char* msg) { throw GoPanic{msg}; }

struct PanicHandlerScope {
  PanicHandlerScope() { set_panic_handler(throwing_panic); }
  ~PanicHandlerScope() { set_panic_handler(nullptr); }
};

TEST_P(Sync, WaitGroupNegativeCounterPanics) {
  PanicHandlerScope scope;
  std::string got;
  WaitGroup wg;
  run(GetParam(), [&] {
    wg.Add(1);
    wg.Done();
    try {
      wg.Done();
    } catch (const GoPanic& p) {
      got = p.msg;
    }
  });
  EXPECT_EQ(got, "sync: negative WaitGroup counter");
}

// Add before a woken Wait has returned: the waiter panics. Only one P, so
// that the waiter (readied onto our P) cannot run before our Add.
TEST(SyncMisuse, WaitGroupReusedBeforeWaitReturned) {
  PanicHandlerScope scope;
  struct Ctx {
    WaitGroup wg;
    std::string got;
  } c;
  struct Waiter {
    Ctx* c;
    void operator()() {
      try {
        c->wg.Wait();
      } catch (const GoPanic& p) {
        c->got = p.msg;
      }
    }
  } waiter{&c};
  run(1, [&] {
    c.wg.Add(1);
    g* w = go(&waiter);
    waitParked(w, waitReason::syncWaitGroupWait);
    c.wg.Done();   // wakes the waiter (it is runnable, not running yet)
    c.wg.Add(1);   // reuse too early
    while (c.got.empty()) Gosched();
  });
  EXPECT_EQ(c.got, "sync: WaitGroup is reused before previous Wait has returned");
}

// ---------------------------------------------------------------- Once

TEST_P(Sync, OnceRunsOnce) {
  struct Ctx {
    Once once;
    std::atomic<int> calls{0};
    int value = 0;  // written by f, read by every caller after Do
    std::atomic<int> sawValue{0};
    WaitGroup wg;
  } c;
  struct W {
    Ctx* c;
    void operator()() {
      c->once.Do([this] {
        c->calls.fetch_add(1);
        Gosched();  // the others must wait for f, not skip it
        c->value = 42;
      });
      if (c->value == 42) c->sawValue.fetch_add(1);
      c->wg.Done();
    }
  } w{&c};
  run(GetParam(), [&] {
    c.wg.Add(kWorkers);
    for (int i = 0; i < kWorkers; ++i) go(&w);
    c.wg.Wait();
  });
  EXPECT_EQ(c.calls.load(), 1);
  EXPECT_EQ(c.sawValue.load(), kWorkers);
  EXPECT_TRUE(c.once.done());
}

// An f that panics counts as done (Go's Once), and the mutex is released.
TEST_P(Sync, OncePanickingFCountsAsDone) {
  Once once;
  int calls = 0;
  bool caught = false;
  run(GetParam(), [&] {
    try {
      once.Do([&] {
        calls++;
        throw GoPanic{"boom"};
      });
    } catch (const GoPanic&) {
      caught = true;
    }
    once.Do([&] { calls++; });
  });
  EXPECT_TRUE(caught);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(once.done());
}

// ---------------------------------------------------------------- Cond

// Signal wakes exactly one waiter, Broadcast all that remain.
TEST_P(Sync, CondSignalAndBroadcast) {
  constexpr int kN = 6;
  struct Ctx {
    Mutex mu;
    Cond cond{locker(&mu)};
    int waiting = 0;  // under mu
    std::atomic<int> woken{0};
  } c;
  struct W {
    Ctx* c;
    void operator()() {
      c->mu.Lock();
      c->waiting++;
      c->cond.Wait();
      c->woken.fetch_add(1);
      c->mu.Unlock();
    }
  } w{&c};
  std::vector<g*> gs;
  run(GetParam(), [&] {
    for (int i = 0; i < kN; ++i) gs.push_back(go(&w));
    for (;;) {
      c.mu.Lock();
      int n = c.waiting;
      c.mu.Unlock();
      if (n == kN) break;
      Gosched();
    }
    // Each signal wakes one: wait for it, and for the rest to be parked.
    for (int k = 1; k <= 3; ++k) {
      c.cond.Signal();
      while (c.woken.load() < k) Gosched();
      int parked;
      do {
        parked = 0;
        for (g* gp : gs)
          if (gp->atomicstatus.load() == _Gwaiting && gp->waitreason == waitReason::syncCondWait) parked++;
        Gosched();
      } while (parked < kN - k && c.woken.load() == k);
      ASSERT_EQ(c.woken.load(), k);
      ASSERT_EQ(parked, kN - k);
    }
    c.cond.Broadcast();
    while (c.woken.load() < kN) Gosched();
    c.cond.Signal();  // nobody waits: a no-op
  });
  EXPECT_EQ(c.woken.load(), kN);
}

// A bounded queue on two Conds: every item arrives exactly once.
TEST_P(Sync, CondProducerConsumer) {
  constexpr int kProducers = 4, kConsumers = 4;
  constexpr int kItems = kIters;  // per producer
  struct Ctx {
    Mutex mu;
    Cond notEmpty{locker(&mu)};
    Cond notFull{locker(&mu)};
    std::vector<int> q;  // at most 8
    std::vector<int> seen = std::vector<int>(kProducers * kItems, 0);
    int consumed = 0;
    WaitGroup wg;
  } c;
  struct Producer {
    Ctx* c;
    int id;
    void operator()() {
      for (int i = 0; i < kItems; ++i) {
        c->mu.Lock();
        while (c->q.size() >= 8) c->notFull.Wait();
        c->q.push_back(id * kItems + i);
        c->notEmpty.Signal();
        c->mu.Unlock();
      }
      c->wg.Done();
    }
  };
  struct Consumer {
    Ctx* c;
    void operator()() {
      for (;;) {
        c->mu.Lock();
        while (c->q.empty() && c->consumed < kProducers * kItems) c->notEmpty.Wait();
        if (c->q.empty()) {  // all consumed
          c->mu.Unlock();
          break;
        }
        int v = c->q.back();
        c->q.pop_back();
        c->seen[v]++;
        if (++c->consumed == kProducers * kItems) c->notEmpty.Broadcast();
        c->notFull.Signal();
        c->mu.Unlock();
      }
      c->wg.Done();
    }
  } consumer{&c};
  std::vector<Producer> producers;
  for (int i = 0; i < kProducers; ++i) producers.push_back(Producer{&c, i});
  run(GetParam(), [&] {
    c.wg.Add(kProducers + kConsumers);
    for (int i = 0; i < kConsumers; ++i) go(&consumer);
    for (auto& p : producers) go(&p);
    c.wg.Wait();
  });
  EXPECT_EQ(c.consumed, kProducers * kItems);
  for (int i = 0; i < kProducers * kItems; ++i) ASSERT_EQ(c.seen[i], 1) << i;
}

// ---------------------------------------------------------------- sync/atomic

// Goroutines add, CAS-increment and swap on shared words: nothing is lost.
TEST_P(Sync, AtomicsUnderContention) {
  struct Ctx {
    int64_t added = 0;
    uint32_t cased = 0;
    int32_t token = 0;  // swapped between 0 and 1: whoever gets 0 owns it
    int64_t owned = 0;  // written only by the owner
    WaitGroup wg;
  } c;
  struct W {
    Ctx* c;
    void operator()() {
      for (int i = 0; i < kIters; ++i) {
        syncatomic::Add<int64_t>(&c->added, 2);
        uint32_t v;
        do v = syncatomic::Load(&c->cased);
        while (!syncatomic::CompareAndSwap(&c->cased, v, v + 1));
        if (syncatomic::Swap(&c->token, 1) == 0) {
          c->owned++;
          syncatomic::Store(&c->token, 0);
        }
        if (i % 100 == 0) Gosched();
      }
      c->wg.Done();
    }
  } w{&c};
  run(GetParam(), [&] {
    c.wg.Add(kWorkers / 4);
    for (int i = 0; i < kWorkers / 4; ++i) go(&w);
    c.wg.Wait();
  });
  EXPECT_EQ(c.added, int64_t(2) * (kWorkers / 4) * kIters);
  EXPECT_EQ(c.cased, uint32_t((kWorkers / 4) * kIters));
  EXPECT_GT(c.owned, 0);
  EXPECT_EQ(c.token, 0);
}

TEST(SyncAtomic, GoSemantics) {
  int32_t i32 = INT32_MAX;
  EXPECT_EQ(syncatomic::Add<int32_t>(&i32, 1), INT32_MIN);  // wraps, returns the new value
  uint64_t u64 = 0;
  EXPECT_EQ(syncatomic::Add<uint64_t>(&u64, ~uint64_t(0)), ~uint64_t(0));  // Go's AddUint64(&x, ^uint64(0)): x-1
  EXPECT_FALSE(syncatomic::CompareAndSwap<uint64_t>(&u64, 0, 5));
  EXPECT_TRUE(syncatomic::CompareAndSwap<uint64_t>(&u64, ~uint64_t(0), 5));
  EXPECT_EQ(syncatomic::Swap<uint64_t>(&u64, 7), 5u);
  EXPECT_EQ(syncatomic::Load(&u64), 7u);
  int x = 1, y = 2;
  int* p = &x;
  EXPECT_EQ(syncatomic::Swap(&p, &y), &x);
  EXPECT_TRUE(syncatomic::CompareAndSwap(&p, &y, &x));
  EXPECT_EQ(syncatomic::Load(&p), &x);
}

INSTANTIATE_TEST_SUITE_P(P, Sync, ::testing::Values(1, 2, 4, 8));

// ---------------------------------------------------------------- misuse

// Go's fatal errors: exact first line, the running goroutine, status 2.
TEST(SyncFatal, UnlockOfUnlockedMutex) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_main([](void*) {
    Mutex mu;
    mu.Unlock();
  }, nullptr, 2),
              ::testing::ExitedWithCode(2),
              "^fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 \\[running\\]:\n");
}

TEST(SyncFatal, RUnlockOfUnlockedRWMutex) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_main([](void*) {
    RWMutex rw;
    rw.RUnlock();
  }, nullptr, 2),
              ::testing::ExitedWithCode(2), "^fatal error: sync: RUnlock of unlocked RWMutex\n");
}

TEST(SyncFatal, UnlockOfUnlockedRWMutex) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_main([](void*) {
    RWMutex rw;
    rw.Unlock();
  }, nullptr, 2),
              ::testing::ExitedWithCode(2), "^fatal error: sync: Unlock of unlocked RWMutex\n");
}

// With the default handler a negative counter is Go's unrecovered panic.
TEST(SyncFatal, NegativeWaitGroupCounterUnrecovered) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_main([](void*) {
    WaitGroup wg;
    wg.Add(-1);
  }, nullptr, 2),
              ::testing::ExitedWithCode(2),
              "^panic: sync: negative WaitGroup counter\n\ngoroutine 1 \\[running\\]:\n");
}

// Blocked forever on sync primitives: the deadlock dump names each wait.
TEST(SyncFatal, DeadlockShowsSyncWaitReasons) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_main([](void*) {
    static Mutex mu;
    static WaitGroup wg;
    mu.Lock();
    wg.Add(1);
    newproc([](void*) { mu.Lock(); }, nullptr);
    wg.Wait();
  }, nullptr, 2),
              ::testing::ExitedWithCode(2),
              "^fatal error: all goroutines are asleep - deadlock!\n\n"
              "goroutine 1 \\[sync.WaitGroup.Wait\\]:\n\ngoroutine 5 \\[sync.Mutex.Lock\\]:\n");
}

}  // namespace

// Semaphores (runtime/sema.h): FIFO order, LIFO re-queueing, hand-off,
// addresses sharing a semtable root, counting under contention. Every test
// runs with 1, 2, 4 and 8 P's.
#include "runtime/sema.h"

#include <gtest/gtest.h>

#include "runtime_testutil.h"

#include <atomic>
#include <cstring>
#include <vector>

#include "runtime/lock.h"
#include "runtime/proc.h"

namespace {

using namespace mgo::rt;
using mgo::rt::testutil::run;

#if defined(__SANITIZE_THREAD__)
constexpr int kWorkers = 50;
constexpr int kRounds = 50;
#else
constexpr int kWorkers = 200;
constexpr int kRounds = 500;
#endif

class Sema : public ::testing::TestWithParam<int> {};

// Starts a goroutine running f (which must outlive it).
template <class F>
g* go(F* f) {
  return newproc([](void* p) { (*static_cast<F*>(p))(); }, f);
}

// Yields until n goroutines are queued on addr (they are parked or about
// to be: the root's lock orders a release after the park).
void waitQueued(uint32_t* addr, uint32_t n) {
  while (semawaiters(addr) != n) Gosched();
}

// Waiters are woken in the order they queued.
TEST_P(Sema, FIFOOrder) {
  constexpr int kN = 20;
  uint32_t sema = 0;
  uint32_t done = 0;  // each woken waiter releases this once
  std::vector<int> order;
  struct W {
    uint32_t* sema;
    uint32_t* done;
    std::vector<int>* order;
    int id;
    void operator()() {
      semacquire(sema);
      order->push_back(id);  // woken one at a time: no race
      semrelease(done);
    }
  };
  std::vector<W> ws;
  for (int i = 0; i < kN; ++i) ws.push_back(W{&sema, &done, &order, i});
  run(GetParam(), [&] {
    for (int i = 0; i < kN; ++i) {
      go(&ws[i]);
      waitQueued(&sema, uint32_t(i + 1));
    }
    for (int i = 0; i < kN; ++i) {
      semrelease(&sema);
      semacquire(&done);
    }
  });
  ASSERT_EQ(order.size(), size_t(kN));
  for (int i = 0; i < kN; ++i) EXPECT_EQ(order[i], i);
}

// A lifo waiter goes ahead of those already queued.
TEST_P(Sema, LIFOGoesFirst) {
  uint32_t sema = 0;
  uint32_t done = 0;
  std::vector<int> order;
  struct W {
    uint32_t* sema;
    uint32_t* done;
    std::vector<int>* order;
    int id;
    bool lifo;
    void operator()() {
      semacquire1(sema, lifo, waitReason::syncMutexLock);
      order->push_back(id);
      semrelease(done);
    }
  };
  W ws[] = {{&sema, &done, &order, 0, false}, {&sema, &done, &order, 1, false},
            {&sema, &done, &order, 2, true}, {&sema, &done, &order, 3, false},
            {&sema, &done, &order, 4, true}};
  run(GetParam(), [&] {
    for (int i = 0; i < 5; ++i) {
      go(&ws[i]);
      waitQueued(&sema, uint32_t(i + 1));
    }
    for (int i = 0; i < 5; ++i) {
      semrelease(&sema);
      semacquire(&done);
    }
  });
  EXPECT_EQ(order, (std::vector<int>{4, 2, 0, 1, 3}));
}

// Addresses 251*8 bytes apart share a semtable root: releasing one wakes
// only its own waiters, in their own order.
TEST_P(Sema, AddressesSharingARoot) {
  constexpr int kStride = 251 * 2;  // uint32_t's: 251 * 8 bytes
  std::vector<uint32_t> mem(3 * kStride + 1, 0);
  uint32_t* a[3] = {&mem[0], &mem[kStride], &mem[2 * kStride]};
  uint32_t done = 0;
  std::vector<int> order;
  struct W {
    uint32_t* sema;
    uint32_t* done;
    std::vector<int>* order;
    int id;
    void operator()() {
      semacquire(sema);
      order->push_back(id);
      semrelease(done);
    }
  };
  std::vector<W> ws;
  for (int i = 0; i < 9; ++i) ws.push_back(W{a[i % 3], &done, &order, i});
  run(GetParam(), [&] {
    for (int i = 0; i < 9; ++i) {
      go(&ws[i]);
      waitQueued(a[i % 3], uint32_t(i / 3 + 1));
    }
    // Middle address first, then the last, then the first.
    for (int k : {1, 2, 0}) {
      for (int j = 0; j < 3; ++j) {
        semrelease(a[k]);
        semacquire(&done);
      }
      EXPECT_EQ(semawaiters(a[k]), 0u);
    }
  });
  EXPECT_EQ(order, (std::vector<int>{1, 4, 7, 2, 5, 8, 0, 3, 6}));
}

// With handoff, the ticket goes to the waiter: the releaser, asking for it
// again at once, must wait its turn.
TEST_P(Sema, HandoffGivesTheTicketAway) {
  uint32_t sema = 0;
  std::vector<int> order;
  struct W {
    uint32_t* sema;
    std::vector<int>* order;
    void operator()() {
      semacquire(sema);
      order->push_back(1);
      semrelease(sema);
    }
  } w{&sema, &order};
  run(GetParam(), [&] {
    go(&w);
    waitQueued(&sema, 1);
    semrelease1(&sema, true);
    semacquire(&sema);
    order.push_back(0);
  });
  EXPECT_EQ(order, (std::vector<int>{1, 0}));
}

// A parked waiter shows the wait reason it was given.
TEST_P(Sema, WaitReason) {
  uint32_t sema = 0;
  struct W {
    uint32_t* sema;
    void operator()() { semacquire1(sema, false, waitReason::syncWaitGroupWait); }
  } w{&sema};
  run(GetParam(), [&] {
    g* gp = go(&w);
    waitQueued(&sema, 1);
    while (gp->atomicstatus.load() != _Gwaiting) Gosched();
    EXPECT_STREQ(gstatus_string(gp), "sync.WaitGroup.Wait");
    semrelease(&sema);
  });
}

// A counting semaphore with k tickets admits at most k goroutines at once,
// and every acquire is matched: the count ends where it started.
TEST_P(Sema, CountingUnderContention) {
  constexpr uint32_t kTickets = 3;
  struct Ctx {
    uint32_t sema = kTickets;
    uint32_t done = 0;
    std::atomic<int> inside{0};
    std::atomic<int> maxInside{0};
    std::atomic<int> entries{0};
  } c;
  struct W {
    Ctx* c;
    void operator()() {
      for (int i = 0; i < kRounds / 10; ++i) {
        semacquire(&c->sema);
        int n = c->inside.fetch_add(1) + 1;
        int m = c->maxInside.load();
        while (n > m && !c->maxInside.compare_exchange_weak(m, n)) {
        }
        c->entries.fetch_add(1);
        if (i % 3 == 0) Gosched();
        c->inside.fetch_sub(1);
        semrelease(&c->sema);
      }
      semrelease(&c->done);
    }
  } w{&c};
  run(GetParam(), [&] {
    for (int i = 0; i < kWorkers; ++i) go(&w);
    for (int i = 0; i < kWorkers; ++i) semacquire(&c.done);
  });
  EXPECT_EQ(c.entries.load(), kWorkers * (kRounds / 10));
  EXPECT_LE(c.maxInside.load(), int(kTickets));
  EXPECT_EQ(c.sema, kTickets);
}

// notifyList: a notify between Add and Wait is not lost; NotifyOne wakes
// tickets in order, NotifyAll every one handed out.
TEST_P(Sema, NotifyListTickets) {
  notifyList l;
  mutex orderLock;  // NotifyAll wakes several at once
  std::vector<int> order;
  uint32_t done = 0;
  struct W {
    notifyList* l;
    uint32_t t;
    mutex* orderLock;
    std::vector<int>* order;
    uint32_t* done;
    void operator()() {
      notifyListWait(l, t);
      orderLock->lock();
      order->push_back(int(t));
      orderLock->unlock();
      semrelease(done);
    }
  };
  std::vector<W> ws;
  run(GetParam(), [&] {
    uint32_t t0 = notifyListAdd(&l);
    notifyListNotifyOne(&l);  // before the wait: must not sleep
    notifyListWait(&l, t0);
    ws.reserve(4);
    for (int i = 0; i < 4; ++i) ws.push_back(W{&l, notifyListAdd(&l), &orderLock, &order, &done});
    // Start them in reverse: the list is in arrival order, tickets are not.
    std::vector<g*> gs;
    for (int i = 3; i >= 0; --i) gs.push_back(go(&ws[i]));
    for (g* gp : gs)
      while (gp->atomicstatus.load() != _Gwaiting) Gosched();
    notifyListNotifyOne(&l);
    semacquire(&done);
    notifyListNotifyOne(&l);
    semacquire(&done);
    notifyListNotifyAll(&l);
    semacquire(&done);
    semacquire(&done);
    notifyListNotifyAll(&l);  // nobody left: a no-op
  });
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order[0], 1);
  EXPECT_EQ(order[1], 2);
  EXPECT_EQ(order[2] + order[3], 3 + 4);
}

INSTANTIATE_TEST_SUITE_P(P, Sema, ::testing::Values(1, 2, 4, 8));

// A goroutine still waiting when run_main ends stays queued in the
// process-wide semtable, with its sudog in a freed stack, until
// semtable_reset forgets it.
TEST(SemaTable, ResetForgetsDiscardedWaiters) {
  static uint32_t sema = 0;
  run_main([](void*) {
    newproc([](void*) { semacquire(&sema); }, nullptr);
    waitQueued(&sema, 1);
  }, nullptr, 1);
  // run_main's teardown discards the goroutine and forgets its waiter
  // record (semtable_reset), which pointed into the freed stack.
  EXPECT_EQ(semawaiters(&sema), 0u);
  // And the semaphore works again.
  run_main([](void*) {
    semrelease(&sema);
    semacquire(&sema);
  }, nullptr, 2);
  EXPECT_EQ(sema, 0u);
}

}  // namespace

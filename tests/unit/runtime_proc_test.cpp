// The scheduler, with plain C++ functions as goroutines. Every test runs
// with 1, 2, 4 and 8 P's (marl's habit): bugs in stealing, spinning and
// wake-ups show up only at some counts.
#include "runtime/proc.h"

#include "runtime/lock.h"

#include <gtest/gtest.h>

#include "runtime_testutil.h"

#include <atomic>
#include <mutex>
#include <vector>

namespace {

using namespace mgo::rt;
using namespace mgo::rt::testutil;

// TSan counts every goroutine's fiber as a thread, and dies past 8128.
// TSan also makes every switch ~1000x slower: fewer rounds there.
#if defined(__SANITIZE_THREAD__)
constexpr int kManyGoroutines = 1000;
constexpr int kPingPongRounds = 1000;
#else
constexpr int kManyGoroutines = 50000;
constexpr int kPingPongRounds = 20000;
#endif

class Procs : public ::testing::TestWithParam<int> {};

TEST_P(Procs, ManyGoroutinesAllRun) {
  constexpr int kN = kManyGoroutines;
  std::atomic<int> ran{0};
  struct Ctx {
    std::atomic<int>* ran;
    WaitGroup wg;
  } ctx{&ran, {}};
  run(GetParam(), [&] {
    EXPECT_EQ(gomaxprocs(), GetParam());
    ctx.wg.add(kN);
    for (int i = 0; i < kN; ++i) {
      newproc([](void* p) {
        auto* c = static_cast<Ctx*>(p);
        c->ran->fetch_add(1);
        c->wg.done();
      }, &ctx);
    }
    ctx.wg.wait();
  });
  EXPECT_EQ(ran.load(), kN);
}

// Two goroutines hand a token back and forth with park/ready, like an
// unbuffered channel: every hand-off must arrive exactly once, in order.
struct PingPong {
  mutex mu;
  g* parked[2] = {nullptr, nullptr};
  bool token[2] = {false, false};
  int rounds = 0;
  std::vector<int> log;
  WaitGroup wg;

  void pass(int to) {
    g* w = nullptr;
    {
      std::lock_guard<mutex> lk(mu);
      token[to] = true;
      std::swap(w, parked[to]);
    }
    if (w) goready(w);
  }
  void take(int me) {
    mu.lock();
    while (!token[me]) {
      parked[me] = getg();
      gopark(parkunlock_c, &mu, waitReason::chanReceive);
      mu.lock();
    }
    token[me] = false;
    mu.unlock();
  }
  static void player(int me, PingPong* pp) {
    for (int i = 0; i < pp->rounds; ++i) {
      pp->take(me);
      pp->log.push_back(me);  // only the token holder writes
      pp->pass(1 - me);
    }
    pp->wg.done();
  }
};

TEST_P(Procs, PingPongHandOff) {
  PingPong pp;
  pp.rounds = kPingPongRounds;
  run(GetParam(), [&] {
    pp.wg.add(2);
    newproc([](void* p) { PingPong::player(0, static_cast<PingPong*>(p)); }, &pp);
    newproc([](void* p) { PingPong::player(1, static_cast<PingPong*>(p)); }, &pp);
    pp.pass(0);
    pp.wg.wait();
  });
  ASSERT_EQ(pp.log.size(), size_t(2 * pp.rounds));
  for (size_t i = 0; i < pp.log.size(); ++i) ASSERT_EQ(pp.log[i], int(i % 2)) << i;
}

// With Gosched, goroutines sharing one P take turns.
TEST_P(Procs, GoschedLetsOthersRun) {
  std::atomic<int> turns{0};
  struct Ctx {
    std::atomic<int>* turns;
    WaitGroup wg;
  } ctx{&turns, {}};
  run(GetParam(), [&] {
    ctx.wg.add(4);
    for (int i = 0; i < 4; ++i) {
      newproc([](void* p) {
        auto* c = static_cast<Ctx*>(p);
        for (int k = 0; k < 1000; ++k) {
          c->turns->fetch_add(1);
          Gosched();
        }
        c->wg.done();
      }, &ctx);
    }
    ctx.wg.wait();
  });
  EXPECT_EQ(turns.load(), 4000);
}

// Two goroutines that wait for each other by spinning can only both finish
// if they run in parallel: proves a second P really runs on another thread.
TEST_P(Procs, ParallelOnTwoPs) {
  if (GetParam() < 2) GTEST_SKIP() << "needs 2 P's";
  std::atomic<int> phase{0};
  struct Ctx {
    std::atomic<int>* phase;
    WaitGroup wg;
  } ctx{&phase, {}};
  run(GetParam(), [&] {
    ctx.wg.add(2);
    auto spinner = [](void* p) {
      auto* c = static_cast<Ctx*>(p);
      int me = c->phase->fetch_add(1);
      (void)me;
      while (c->phase->load() < 2) {
      }
      c->wg.done();
    };
    newproc(spinner, &ctx);
    newproc(spinner, &ctx);
    ctx.wg.wait();
  });
  EXPECT_EQ(phase.load(), 2);
}

// A goroutine tree: each goroutine starts two children until kTreeDepth.
#if defined(__SANITIZE_THREAD__)
constexpr int kTreeDepth = 9;
#else
constexpr int kTreeDepth = 10;
#endif
struct Tree {
  std::atomic<int> nodes{0};
  WaitGroup wg;
};
struct Node {
  Tree* t;
  int depth;
};
void grow(void* p) {
  auto* n = static_cast<Node*>(p);
  n->t->nodes.fetch_add(1);
  if (n->depth < kTreeDepth) {
    n->t->wg.add(2);
    newproc(grow, new Node{n->t, n->depth + 1});
    newproc(grow, new Node{n->t, n->depth + 1});
  }
  Tree* t = n->t;
  delete n;
  t->wg.done();
}

TEST_P(Procs, GoroutinesStartGoroutines) {
  Tree t;
  run(GetParam(), [&] {
    t.wg.add(1);
    newproc(grow, new Node{&t, 0});
    t.wg.wait();
  });
  EXPECT_EQ(t.nodes.load(), (1 << (kTreeDepth + 1)) - 1);
}

// Parked goroutines cost about a page of stack each and wake up fine.
TEST_P(Procs, ManyParkedThenWoken) {
  constexpr int kN = kManyGoroutines;
  struct Ctx {
    mutex mu;
    std::vector<g*> parked;
    WaitGroup started, finished;
  } ctx;
  run(GetParam(), [&] {
    ctx.started.add(kN);
    ctx.finished.add(kN);
    for (int i = 0; i < kN; ++i) {
      newproc([](void* p) {
        auto* c = static_cast<Ctx*>(p);
        c->mu.lock();
        c->parked.push_back(getg());
        c->started.done();
        gopark(parkunlock_c, &c->mu, waitReason::chanReceive);
        c->finished.done();
      }, &ctx);
    }
    ctx.started.wait();
    // Every goroutine is parked or about to be (the lock orders it).
    std::vector<g*> all;
    {
      std::lock_guard<mutex> lk(ctx.mu);
      all = ctx.parked;
    }
    ASSERT_EQ(all.size(), size_t(kN));
    for (g* gp : all) {
      // Wait until it is really parked (its unlockf ran).
      ctx.mu.lock();
      ctx.mu.unlock();
      while (gp->atomicstatus.load() != _Gwaiting) Gosched();
      goready(gp);
    }
    ctx.finished.wait();
  });
}

INSTANTIATE_TEST_SUITE_P(P, Procs, ::testing::Values(1, 2, 4, 8));

// Deadlock: every goroutine blocked, nothing to wake one. Go's message and
// dump on stderr, exit status 2 (checked in a child process).
TEST(RuntimeDeadlock, AllGoroutinesAsleep) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      run_main([](void*) {
        gopark(nullptr, nullptr, waitReason::chanReceive);
      }, nullptr, 2),
      ::testing::ExitedWithCode(2),
      "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[chan receive\\]:\n");
}

TEST(RuntimeDeadlock, DumpShowsEveryGoroutine) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      run_main([](void*) {
        newproc([](void*) { gopark(nullptr, nullptr, waitReason::selectNoCases); }, nullptr);
        gopark(nullptr, nullptr, waitReason::syncWaitGroupWait);
      }, nullptr, 1),
      ::testing::ExitedWithCode(2),
      "goroutine 1 \\[sync.WaitGroup.Wait\\]:\n\ngoroutine 5 \\[select \\(no cases\\)\\]:\n");
}

// Goids as Go gives them: 1 for main, 2 to 4 skipped (runtime.main's
// goroutines in Go), then P0's batch of 16 and the next batches in turn;
// createfing sets one aside, once.
TEST(Goid, NumberedAsGoOnOneP) {
  std::vector<int64_t> ids;
  run(1, [&] {
    auto noop = [](void*) {};
    ids.push_back(getg()->goid);
    for (int i = 0; i < 20; ++i) ids.push_back(newproc(noop, nullptr)->goid);
    createfing();
    createfing();
    ids.push_back(newproc(noop, nullptr)->goid);
  });
  std::vector<int64_t> want{1};
  for (int64_t id = 5; id < 25; ++id) want.push_back(id);
  want.push_back(26);  // 25 is the finalizer goroutine's
  EXPECT_EQ(ids, want);
}

// A goroutine made on a second P takes its id from that P's own batch.
TEST(Goid, SecondPTakesItsOwnBatch) {
  struct Ctx {
    p* mainp = nullptr;
    std::atomic<int64_t> childid{0};
    std::atomic<bool> otherp{false};
  } ctx;
  run(2, [&] {
    ctx.mainp = getg()->mp->pp;
    // main spins without yielding, so the goroutine can only run on the
    // other P, whose M wakep starts.
    g* a = newproc([](void* c) {
      auto* x = static_cast<Ctx*>(c);
      x->otherp.store(getg()->mp->pp != x->mainp);
      x->childid.store(newproc([](void*) {}, nullptr)->goid);
    }, &ctx);
    EXPECT_EQ(a->goid, 5);
    while (ctx.childid.load() == 0) {
    }
  });
  EXPECT_TRUE(ctx.otherp.load());
  EXPECT_EQ(ctx.childid.load(), 17);
}

}  // namespace

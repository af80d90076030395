// GOMAXPROCS(n) at run time: the world is stopped (running goroutines
// yield at their next preemption poll), the P's are resized, and the
// goroutines, run queues and timers of removed P's carry on elsewhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

#include "runtime/proc.h"
#include "runtime/time.h"
#include "tests/unit/runtime_testutil.h"

namespace {

using namespace mgo::rt;
using testutil::kGiveUp;
using testutil::kMillisecond;
using testutil::run;
using testutil::WaitGroup;

class Procresize : public ::testing::TestWithParam<int> {};

// Workers of three kinds (busy and polling, yielding, sleeping) run while
// GOMAXPROCS goes from the test's count to 4, to 2, to 1 and back: each
// keeps making progress, and GOMAXPROCS returns the previous setting.
TEST_P(Procresize, ChangeWhileGoroutinesRun) {
  constexpr int kWorkers = 9;
  struct Ctx {
    std::atomic<bool> stop{false};
    std::atomic<int64_t> progress[kWorkers] = {};
    WaitGroup wg;
  } ctx;
  struct Arg {
    Ctx* c;
    int id;
  } args[kWorkers];
  std::vector<int32_t> prev;
  std::vector<int32_t> now;
  int64_t stw = 0;  // the longest GOMAXPROCS call
  run(GetParam(), [&] {
    ctx.wg.add(kWorkers);
    for (int i = 0; i < kWorkers; ++i) {
      args[i] = {&ctx, i};
      newproc([](void* p) {
        auto* a = static_cast<Arg*>(p);
        while (!a->c->stop.load()) {
          a->c->progress[a->id].fetch_add(1);
          switch (a->id % 3) {
            case 0:
              if (preempt_requested()) goschedguarded();
              break;
            case 1:
              Gosched();
              break;
            case 2:
              // Not shorter: under TSan a switch takes ~1 ms, and sleepers
              // always due would keep runnext full (readied by checkTimers
              // at every schedule, inheriting the time slice), so the
              // global queue, where the Gosched workers wait, would be
              // served only when sysmon's preemption breaks the chain.
              timeSleep(2 * kMillisecond);
              break;
          }
        }
        a->c->wg.done();
      }, &args[i]);
    }
    for (int32_t n : {4, 2, 1, 3}) {
      int64_t before[kWorkers];
      for (int i = 0; i < kWorkers; ++i) before[i] = ctx.progress[i].load();
      int64_t t0 = nanotime();
      prev.push_back(GOMAXPROCS(n));
      now.push_back(gomaxprocs());
      stw = std::max(stw, nanotime() - t0);
      // Every worker moves on under the new setting.
      int64_t giveUp = nanotime() + kGiveUp;
      auto allMoved = [&] {
        for (int i = 0; i < kWorkers; ++i)
          if (ctx.progress[i].load() <= before[i] + 2) return false;
        return true;
      };
      while (!allMoved() && nanotime() < giveUp) timeSleep(kMillisecond);
      for (int i = 0; i < kWorkers; ++i)
        EXPECT_GT(ctx.progress[i].load(), before[i] + 2) << "worker " << i << " at " << n;
    }
    prev.push_back(GOMAXPROCS(0));
    ctx.stop = true;
    ctx.wg.wait();
  });
  EXPECT_EQ(prev, (std::vector<int32_t>{GetParam(), 4, 2, 1, 3}));
  EXPECT_EQ(now, (std::vector<int32_t>{4, 2, 1, 3}));
  // Stopping the world waits for a busy goroutine's next poll: about a
  // time slice (10 ms). The bound only catches a hang.
  EXPECT_LT(stw, kGiveUp);
  RecordProperty("max_gomaxprocs_ns", std::to_string(stw));
}

// After growing from one P to two, two goroutines that can only finish
// together (each spins until the other has started) run in parallel.
TEST(ProcresizeGrow, NewPRunsInParallel) {
  std::atomic<int> phase{0};
  WaitGroup wg;
  struct Ctx {
    std::atomic<int>* phase;
    WaitGroup* wg;
  } ctx{&phase, &wg};
  int32_t was = 0;
  run(1, [&] {
    was = GOMAXPROCS(2);
    wg.add(2);
    auto spinner = [](void* p) {
      auto* c = static_cast<Ctx*>(p);
      c->phase->fetch_add(1);
      while (c->phase->load() < 2) {
      }
      c->wg->done();
    };
    newproc(spinner, &ctx);
    newproc(spinner, &ctx);
    wg.wait();
  });
  EXPECT_EQ(was, 1);
  EXPECT_EQ(phase.load(), 2);
}

// Timers in the heaps of P's that GOMAXPROCS removes move to a remaining
// P and fire there, on time, none lost.
TEST_P(Procresize, TimersOfRemovedPsStillFire) {
  constexpr int kN = 32;
  struct Ctx {
    std::vector<timer> timers = std::vector<timer>(kN);
    std::atomic<int> fired{0};
    std::atomic<bool> early{false};
    WaitGroup added, firedWg;
  } ctx;
  run(GetParam(), [&] {
    GOMAXPROCS(8);
    ctx.added.add(kN);
    ctx.firedWg.add(kN);
    // Goroutines add the timers on whatever P they run on.
    for (int i = 0; i < kN; ++i) {
      ctx.timers[i].arg = &ctx;
      ctx.timers[i].seq = uintptr_t(i);
      ctx.timers[i].f = [](void* a, uintptr_t seq) {
        auto* c = static_cast<Ctx*>(a);
        if (nanotime() < c->timers[seq].when) c->early = true;
        c->fired.fetch_add(1);
        c->firedWg.done();
      };
      newproc([](void* a) {
        auto* t = static_cast<timer*>(a);
        auto* c = static_cast<Ctx*>(t->arg);
        // Spread over the P's: yield a few times first.
        for (int k = 0; k < 3; ++k) Gosched();
        t->when = nanotime() + 20 * kMillisecond;
        addtimer(t);
        c->added.done();
      }, &ctx.timers[i]);
    }
    ctx.added.wait();
    EXPECT_EQ(GOMAXPROCS(1), 8);
    ctx.firedWg.wait();
  });
  EXPECT_EQ(ctx.fired.load(), kN);
  EXPECT_FALSE(ctx.early.load());
}

INSTANTIATE_TEST_SUITE_P(P, Procresize, ::testing::Values(1, 2, 4, 8));

}  // namespace

// sysmon: preemption of long-running goroutines (they poll
// preempt_requested(), as the VM does at loop back-edges), and
// GODEBUG=schedtrace's lines (Go's format, checked in a child process).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/proc.h"
#include "runtime/time.h"
#include "tests/unit/runtime_testutil.h"

namespace {

using namespace mgo::rt;
using testutil::kGiveUp;
using testutil::kMillisecond;
using testutil::run;
using testutil::WaitGroup;

class Preempt : public ::testing::TestWithParam<int> {};

// Two goroutines that never block, each in a loop that polls for
// preemption: both make progress, also on one P, where only sysmon's
// preemption lets them take turns.
TEST_P(Preempt, BusyLoopsTakeTurns) {
  struct Ctx {
    std::atomic<int> last{-1};
    std::atomic<int> switches{0};
    std::atomic<int> preempted{0};
    std::atomic<bool> gaveUp{false};
    WaitGroup wg;
  } ctx;
  struct Arg {
    Ctx* c;
    int id;
  } args[2] = {{&ctx, 0}, {&ctx, 1}};
  run(GetParam(), [&] {
    ctx.wg.add(2);
    for (Arg& a : args) {
      newproc([](void* p) {
        auto* a = static_cast<Arg*>(p);
        Ctx* c = a->c;
        int64_t giveUp = nanotime() + kGiveUp;
        while (c->switches.load() < 6) {
          int prev = c->last.exchange(a->id);
          if (prev != a->id && prev != -1) c->switches.fetch_add(1);
          if (preempt_requested()) {
            c->preempted.fetch_add(1);
            goschedguarded();
          }
          if (nanotime() > giveUp) {
            c->gaveUp = true;
            break;
          }
        }
        c->wg.done();
      }, &a);
    }
    ctx.wg.wait();
  });
  EXPECT_FALSE(ctx.gaveUp.load()) << "the busy goroutines did not take turns";
  EXPECT_GE(ctx.switches.load(), 6);
  // On one P, every switch was a preemption.
  if (GetParam() == 1) {
    EXPECT_GE(ctx.preempted.load(), 5);
  }
}

// A goroutine sleeping while another spins is woken in time: the spinner
// is preempted, the scheduler runs the due timer.
TEST_P(Preempt, BusyLoopDoesNotStarveSleeper) {
  std::atomic<bool> done{false}, gaveUp{false};
  int64_t late = 0;
  WaitGroup wg;
  struct Ctx {
    std::atomic<bool>* done;
    std::atomic<bool>* gaveUp;
    WaitGroup* wg;
  } ctx{&done, &gaveUp, &wg};
  run(GetParam(), [&] {
    wg.add(GetParam());
    // As many spinners as P's: the sleeper has no P to itself.
    for (int i = 0; i < GetParam(); ++i) {
      newproc([](void* p) {
        auto* c = static_cast<Ctx*>(p);
        int64_t giveUp = nanotime() + kGiveUp;
        while (!c->done->load()) {
          if (preempt_requested()) goschedguarded();
          if (nanotime() > giveUp) {
            *c->gaveUp = true;
            break;
          }
        }
        c->wg->done();
      }, &ctx);
    }
    Gosched();  // let the spinners start
    int64_t deadline = nanotime() + 20 * kMillisecond;
    timeSleep(20 * kMillisecond);
    late = nanotime() - deadline;
    done = true;
    wg.wait();
  });
  EXPECT_FALSE(gaveUp.load());
  EXPECT_GE(late, 0);
  // A time slice is 10 ms and sysmon looks every 10 ms at worst: the
  // sleeper should be late by ~20 ms; the bound only catches starvation.
  EXPECT_LT(late, 1000 * kMillisecond);
}

INSTANTIATE_TEST_SUITE_P(P, Preempt, ::testing::Values(1, 2, 4, 8));

// gopark does not read the clock: a waiting goroutine's waitsince stays 0
// until sysmon stamps the waiting goroutines, once a second and before it
// sleeps with every P idle (Go's GC stamps them). A dump then prints how
// many minutes the goroutine has waited, as Go's does.
TEST(WaitSince, SysmonStampsWaitingGoroutines) {
  struct Ctx {
    mutex mu;
    g* waiter = nullptr;
    bool woken = false;
    int64_t parked_after = 0;
    int64_t stamp = 0;
    int64_t read_at = 0;
    std::string dump;
  } c;
  run(2, [&] {
    c.parked_after = nanotime();
    c.waiter = newproc([](void* p) {
      auto* c = static_cast<Ctx*>(p);
      c->mu.lock();
      while (!c->woken) {
        gopark(parkunlock_c, &c->mu, waitReason::chanReceive);
        c->mu.lock();
      }
      c->mu.unlock();
    }, &c);
    while (c.waiter->atomicstatus.load() != _Gwaiting) Gosched();
    // This goroutine sleeps too: every P goes idle, and sysmon stamps
    // before it sleeps.
    int64_t giveUp = nanotime() + kGiveUp;
    while (c.waiter->waitsince.load() == 0 && nanotime() < giveUp) timeSleep(10 * kMillisecond);
    c.stamp = c.waiter->waitsince.load();
    c.read_at = nanotime();
    c.waiter->waitsince.store(c.read_at - 150LL * 1000 * kMillisecond);  // 2.5 minutes ago
    testing::internal::CaptureStderr();
    dump_goroutine(c.waiter);
    c.dump = testing::internal::GetCapturedStderr();
    c.mu.lock();
    c.woken = true;
    c.mu.unlock();
    goready(c.waiter);
  });
  EXPECT_GE(c.stamp, c.parked_after);
  EXPECT_LE(c.stamp, c.read_at);
  EXPECT_EQ(c.dump.rfind("goroutine ", 0), 0u) << c.dump;
  EXPECT_NE(c.dump.find(" [chan receive, 2 minutes]:\n"), std::string::npos) << c.dump;
}

// GODEBUG=schedtrace=10: sysmon prints Go's SCHED line every 10 ms,
// starting at 0ms, with one run queue length per P.
TEST(Schedtrace, PrintsGoLines) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        setenv("GODEBUG", "schedtrace=10", 1);
        run_main([](void*) { timeSleep(100 * kMillisecond); }, nullptr, 2);
        std::fflush(stderr);
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(0),
      "^SCHED 0ms: gomaxprocs=2 idleprocs=[0-2] threads=[0-9]+ spinningthreads=[0-9]+ "
      "idlethreads=[0-9]+ runqueue=[0-9]+ \\[[0-9]+ [0-9]+\\]\n"
      "SCHED [1-9][0-9]*ms: gomaxprocs=2 idleprocs=[0-2] threads=[0-9]+ spinningthreads=[0-9]+ "
      "idlethreads=[0-9]+ runqueue=[0-9]+ \\[[0-9]+ [0-9]+\\]\n");
}

// scheddetail=1 adds the stop-the-world counters and a line per P, M and G.
TEST(Schedtrace, DetailLines) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        setenv("GODEBUG", "scheddetail=1,schedtrace=10", 1);
        run_main([](void*) { timeSleep(100 * kMillisecond); }, nullptr, 2);
        std::fflush(stderr);
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(0),
      "^SCHED 0ms: gomaxprocs=2 idleprocs=[0-2] threads=[0-9]+ spinningthreads=[0-9]+ "
      "idlethreads=[0-9]+ runqueue=[0-9]+ gcwaiting=0 nmidlelocked=0 stopwait=0 sysmonwait=0\n"
      "  P0: status=[0-4] schedtick=[0-9]+ syscalltick=[0-9]+ m=-?[0-9]+ runqsize=[0-9]+ "
      "gfreecnt=[0-9]+ timerslen=[0-9]+\n"
      "  P1: status=[0-4] schedtick=[0-9]+ syscalltick=[0-9]+ m=-?[0-9]+ runqsize=[0-9]+ "
      "gfreecnt=[0-9]+ timerslen=[0-9]+\n"
      "(  M[0-9]+: p=-?[0-9]+ curg=-?[0-9]+ mallocing=0 throwing=0 preemptoff= locks=0 dying=0 "
      "spinning=(true|false) blocked=(true|false) lockedg=-1\n)+"
      "  G1: status=[0-9]\\([a-z ]*\\) m=-?[0-9]+ lockedm=-1\n"
      "SCHED [1-9]");
}

}  // namespace

// entersyscall/exitsyscall: a goroutine blocked in a real system call
// (read on a pipe) gives up its P, so the others keep running, even with
// one P; and coming back it finds a P again (its own, an idle one, or a
// turn through the global queue).
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>

#include "runtime/proc.h"
#include "runtime/time.h"
#include "tests/unit/runtime_testutil.h"

namespace {

using namespace mgo::rt;
using testutil::kGiveUp;
using testutil::kMillisecond;
using testutil::run;
using testutil::WaitGroup;

class Syscalls : public ::testing::TestWithParam<int> {};

// The reader blocks in read(2) inside entersyscall/exitsyscall; the writer
// can only run (on one P) if sysmon hands the reader's P to another M. The
// writer then keeps the P busy, so the reader's exitsyscall finds no P and
// queues itself.
TEST_P(Syscalls, BlockedSyscallDoesNotStopOthers) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  struct Ctx {
    int rfd, wfd;
    std::atomic<bool> inSyscall{false}, readerDone{false}, gaveUp{false};
    std::atomic<int> writerSteps{0};
    char got = 0;
    WaitGroup wg;
  } ctx;
  ctx.rfd = fds[0];
  ctx.wfd = fds[1];
  run(GetParam(), [&] {
    ctx.wg.add(2);
    newproc([](void* p) {  // reader
      auto* c = static_cast<Ctx*>(p);
      c->inSyscall = true;
      entersyscall();
      char b = 0;
      ssize_t n = read(c->rfd, &b, 1);
      exitsyscall();
      EXPECT_EQ(n, 1);
      c->got = b;
      c->readerDone = true;
      c->wg.done();
    }, &ctx);
    newproc([](void* p) {  // writer
      auto* c = static_cast<Ctx*>(p);
      int64_t giveUp = nanotime() + kGiveUp;
      // Make sure the reader is blocked before we write.
      while (!c->inSyscall.load()) Gosched();
      timeSleep(5 * kMillisecond);
      for (int i = 0; i < 100; ++i) {
        c->writerSteps.fetch_add(1);
        Gosched();
      }
      EXPECT_EQ(write(c->wfd, "x", 1), 1);
      // Stay busy until the reader is back (it must get a P from us).
      while (!c->readerDone.load()) {
        if (nanotime() > giveUp) {
          c->gaveUp = true;
          break;
        }
        Gosched();
      }
      c->wg.done();
    }, &ctx);
    ctx.wg.wait();
  });
  close(fds[0]);
  close(fds[1]);
  EXPECT_FALSE(ctx.gaveUp.load());
  EXPECT_EQ(ctx.writerSteps.load(), 100);
  EXPECT_EQ(ctx.got, 'x');
}

// Many short system calls racing with sysmon's retake and with goroutines
// that keep the P's busy: every call comes back, with a P.
TEST_P(Syscalls, ShortSyscallsRaceWithRetake) {
#if defined(__SANITIZE_THREAD__)
  constexpr int kCalls = 300;
#else
  constexpr int kCalls = 3000;
#endif
  struct Ctx {
    std::atomic<int> calls{0}, yields{0};
    std::atomic<bool> stop{false};
    WaitGroup callers, others;
  } ctx;
  run(GetParam(), [&] {
    ctx.callers.add(4);
    ctx.others.add(2);
    for (int i = 0; i < 4; ++i) {
      newproc([](void* p) {
        auto* c = static_cast<Ctx*>(p);
        for (int k = 0; k < kCalls; ++k) {
          entersyscall();
          if (k % 16 == 0) usleep(50);  // now and then, long enough to be retaken
          else getppid();
          exitsyscall();
          c->calls.fetch_add(1);
        }
        c->callers.done();
      }, &ctx);
    }
    for (int i = 0; i < 2; ++i) {
      newproc([](void* p) {
        auto* c = static_cast<Ctx*>(p);
        while (!c->stop.load()) {
          c->yields.fetch_add(1);
          Gosched();
        }
        c->others.done();
      }, &ctx);
    }
    ctx.callers.wait();
    ctx.stop = true;
    ctx.others.wait();
  });
  EXPECT_EQ(ctx.calls.load(), 4 * kCalls);
}

INSTANTIATE_TEST_SUITE_P(P, Syscalls, ::testing::Values(1, 2, 4, 8));

}  // namespace

// A million goroutines created, parked and woken (issue 3): every one is
// created, parks on one channel (counted in its wait queue), and is woken
// by closing the channel; every one must then run to its end.
//
// Cost, measured on the 2-core machine under a load average of 9: a peak
// RSS of 4.2 GB (4.2 KiB per parked goroutine: a stack page, the g, the
// sudog on that page), 10-14 s per P count in a fresh process (ctest runs
// each alone), most of it the kernel faulting in a million stack pages. Sanitizer builds run 100,000 instead (ASan's shadow and fake
// stacks multiply the memory and the time), and TSan none at all: it counts
// every goroutine's fiber as a thread and dies past 8128
// (Procs.ManyParkedThenWoken in runtime_proc_test covers 1000 there).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <vector>

#include "runtime/chan.h"
#include "runtime/proc.h"
#include "runtime_chan_testutil.h"
#include "runtime_testutil.h"

namespace {

using namespace mgo::rt;
using namespace mgo::rt::testutil;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

struct Parked {
  hchan* ch = nullptr;
  std::atomic<long> started{0};
  std::vector<uint8_t> woken;  // woken[i]: goroutine i got the close (own byte each)
  WaitGroup finished;
};
Parked* parked;  // the goroutines' shared state (their arg is their index)

void sleeper(void* arg) {
  auto i = reinterpret_cast<intptr_t>(arg);
  parked->started.fetch_add(1, std::memory_order_relaxed);
  int64_t v = -1;  // the close must zero it
  auto [selected, ok] = chanrecv(parked->ch, &v, true);  // parks: nobody sends
  if (selected && !ok && v == 0) parked->woken[size_t(i)] = 1;
  parked->finished.done();
}

// Starts n goroutines that park on one channel, checks that all n are
// parked, closes the channel and checks that every one of them ran on.
void parkThenWakeAll(int nprocs, long n) {
  Parked st;
  st.woken.assign(size_t(n), 0);
  parked = &st;
  long waiting = -1, live = -1, liveAfter = -1;
  auto t0 = std::chrono::steady_clock::now();
  run(nprocs, [&] {
    st.ch = makechan(sizeof(int64_t), 0);
    st.finished.add(int(n));
    for (long i = 0; i < n; ++i) newproc(sleeper, reinterpret_cast<void*>(intptr_t(i)));
    // Every goroutine counts itself, then enqueues and parks under the
    // channel lock: wait for both.
    while (st.started.load(std::memory_order_relaxed) < n) Gosched();
    wait_for_waiters(st.ch, /*senders=*/false, int(n));
    waiting = waiters(st.ch, false);
    live = gcount();  // the n sleepers and us
    closechan(st.ch);
    st.finished.wait();
    // done() is each sleeper's last act: let them exit.
    while (gcount() > 1) Gosched();
    liveAfter = gcount();
  });
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ info ] %ld goroutines on %d P's: created, parked, woken in %.2f s\n", n, nprocs, secs);
  parked = nullptr;
  EXPECT_EQ(waiting, n) << "goroutines parked on the channel";
  EXPECT_EQ(live, n + 1) << "live goroutines while parked";
  EXPECT_EQ(liveAfter, 1) << "live goroutines after the wake-up";
  long ran = 0;
  for (uint8_t w : st.woken) ran += w;
  EXPECT_EQ(ran, n) << "goroutines that got the close and ran to the end";
}

class ParkedGoroutines : public ::testing::TestWithParam<int> {};

TEST_P(ParkedGoroutines, Million) {
  if (kSanitized)
    GTEST_SKIP() << "a million goroutines need ~4.3 GiB plain and far more under a sanitizer: "
                    "HundredThousand runs under ASan instead";
  parkThenWakeAll(GetParam(), 1000000);
}

TEST_P(ParkedGoroutines, HundredThousand) {
#if defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "TSan counts each goroutine's fiber as a thread and dies past 8128; "
                  "Procs.ManyParkedThenWoken parks 1000 under TSan";
#endif
  parkThenWakeAll(GetParam(), 100000);
}

INSTANTIATE_TEST_SUITE_P(P, ParkedGoroutines, ::testing::Values(1, 2, 4, 8));

}  // namespace

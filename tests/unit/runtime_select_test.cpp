// select (runtime/select.h) with plain C++ functions as goroutines: our
// own versions of what Go's chan_test.go checks of select. Every
// scheduling test runs with 1, 2, 4 and 8 P's.
#include "runtime/select.h"

#include "runtime/panic.h"
#include "runtime/proc.h"

#include <gtest/gtest.h>

#include "runtime_chan_testutil.h"

#include <atomic>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace mgo::rt;
using namespace mgo::rt::testutil;

#if defined(__SANITIZE_THREAD__)
constexpr int kScale = 40;
#else
constexpr int kScale = 1;
#endif

class Select : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override { set_panic_handler(throw_panic); }
  void TearDown() override { set_panic_handler(nullptr); }
};

// select with default: -1 when nothing is ready, else the ready case.
TEST_P(Select, Default) {
  run(GetParam(), [] {
    hchan* a = makechan(8, 0);
    hchan* b = makechan(8, 1);
    int64_t out = 9, in = 0;
    scase cases[2] = {{b, &out}, {a, &in}};  // send on b, receive from a
    // b has room: the send is ready.
    EXPECT_EQ(selectgo(cases, 1, 1, false), std::make_pair(0, false));
    EXPECT_EQ(chanlen(b), 1);
    // b full, a has no sender: nothing.
    cases[0] = {b, &out};
    cases[1] = {a, &in};
    EXPECT_EQ(selectgo(cases, 1, 1, false).first, -1);
    // Only receives, from a closed channel: ready, ok false, zeroed.
    closechan(a);
    in = 5;
    scase r[1] = {{a, &in}};
    EXPECT_EQ(selectgo(r, 0, 1, false), std::make_pair(0, false));
    EXPECT_EQ(in, 0);
    // Nothing but nil channels: never ready.
    scase nils[3] = {{nullptr, &out}, {nullptr, &in}, {nullptr, nullptr}};
    EXPECT_EQ(selectgo(nils, 1, 2, false).first, -1);
    // No cases at all.
    EXPECT_EQ(selectgo(nullptr, 0, 0, false).first, -1);
  });
}

// Nil channels are never chosen, whatever their position, blocking or not.
TEST_P(Select, NilChannelsIgnored) {
  run(GetParam(), [] {
    hchan* c = makechan(8, 0);
    WaitGroup wg;
    wg.add(1);
    const int kN = 200;
    go([&] {
      for (int i = 0; i < kN; ++i) send(c, i);
      wg.done();
    });
    for (int i = 0; i < kN; ++i) {
      int64_t v = -1, dummy = 0;
      scase cases[4] = {{nullptr, &dummy}, {nullptr, &dummy}, {c, &v}, {nullptr, &dummy}};
      // One nil send, then three receives of which one is real.
      auto [chosen, ok] = selectgo(cases, 1, 3, true);
      ASSERT_EQ(chosen, 2);
      ASSERT_TRUE(ok);
      ASSERT_EQ(v, i);
    }
    wg.wait();
  });
}

// A goroutine selecting on both ends of one channel (Go's TestSelfSelect):
// on an unbuffered channel it must never receive its own value.
TEST_P(Select, BothEndsOfOneChannel) {
  const int kRounds = 1000 / kScale;
  for (int cap : {0, 10}) {
    std::atomic<int> self_receives{0}, sends{0}, recvs{0};
    run(GetParam(), [&] {
      hchan* c = makechan(8, cap);
      WaitGroup wg;
      wg.add(2);
      for (int p = 0; p < 2; ++p) {
        go([&, p] {
          for (int i = 0; i < kRounds; ++i) {
            int64_t out = p, in = -1;
            scase cases[2] = {{c, &out}, {c, &in}};
            auto [chosen, ok] = selectgo(cases, 1, 1, true);
            if (chosen == 0) {
              sends++;
            } else {
              recvs++;
              if (cap == 0 && in == p) self_receives++;
            }
          }
          wg.done();
        });
      }
      wg.wait();
    });
    EXPECT_EQ(self_receives.load(), 0) << "cap " << cap;
    EXPECT_EQ(sends.load() + recvs.load(), 2 * kRounds);
    if (cap == 0) {
      EXPECT_EQ(sends.load(), recvs.load());
    }
  }
}

// Chi-square statistic of counts against a uniform distribution.
double chi_square(const std::vector<int>& counts) {
  double total = 0;
  for (int c : counts) total += c;
  double expect = total / counts.size(), chi = 0;
  for (int c : counts) chi += (c - expect) * (c - expect) / expect;
  return chi;
}

// Every ready case has the same chance (Go's TestSelectFairness): over
// many selects with k always-ready cases, the choices pass a chi-square
// test of uniformity. The critical values are for p = 1e-6 (a flaky
// failure once in a million runs), df = k - 1.
TEST_P(Select, FairnessAmongReadyCases) {
  const int kTrials = 40000 / kScale;
  run(GetParam(), [&] {
    for (int k : {2, 4}) {
      // Receives from closed channels are always ready.
      std::vector<hchan*> chans;
      for (int i = 0; i < k; ++i) {
        chans.push_back(makechan(8, 0));
        closechan(chans.back());
      }
      std::vector<int> counts(k);
      for (int t = 0; t < kTrials; ++t) {
        std::vector<scase> cases;
        for (hchan* c : chans) cases.push_back({c, nullptr});
        auto [chosen, ok] = selectgo(cases.data(), 0, k, true);
        ASSERT_GE(chosen, 0);
        ASSERT_LT(chosen, k);
        counts[chosen]++;
      }
      double critical = k == 2 ? 23.93 : 30.66;
      EXPECT_LT(chi_square(counts), critical) << "k=" << k;
    }
    // Sends and receives mixed: two sends with buffer room, two receives
    // with buffered values, all ready every time.
    hchan* s1 = makechan(8, 1);
    hchan* s2 = makechan(8, 1);
    hchan* r1 = makechan(8, 1);
    hchan* r2 = makechan(8, 1);
    std::vector<int> counts(4);
    for (int t = 0; t < kTrials; ++t) {
      if (chanlen(r1) == 0) send(r1, 1);
      if (chanlen(r2) == 0) send(r2, 2);
      if (chanlen(s1) == 1) recv(s1);
      if (chanlen(s2) == 1) recv(s2);
      int64_t a = 1, b = 2, x, y;
      scase cases[4] = {{s1, &a}, {s2, &b}, {r1, &x}, {r2, &y}};
      counts[selectgo(cases, 2, 2, true).first]++;
    }
    EXPECT_LT(chi_square(counts), 30.66);
  });
}

// Many goroutines selecting over shared channels (buffered and not) in
// both directions (Go's TestSelectStress): every value arrives once.
TEST_P(Select, StressNoLossNoDuplication) {
  constexpr int kChans = 4, kSenders = 4, kReceivers = 4;
  const int kPerSender = 4000 / kScale;
  std::vector<std::atomic<int>> seen(kSenders * kPerSender);
  std::atomic<int64_t> sum{0};
  std::atomic<int> count{0}, bogus{0};
  run(GetParam(), [&] {
    hchan* chans[kChans] = {makechan(8, 0), makechan(8, 0), makechan(8, 1), makechan(8, 16)};
    WaitGroup senders, receivers;
    senders.add(kSenders);
    receivers.add(kReceivers);
    for (int s = 0; s < kSenders; ++s) {
      go([&, s] {
        for (int i = 0; i < kPerSender; ++i) {
          int64_t v = int64_t(s) * kPerSender + i;
          // Send on whichever channel is ready first; some senders use a
          // plain send now and then, which must mix with the selects.
          if (s == 0 && i % 7 == 0) {
            send(chans[i % kChans], v);
            continue;
          }
          scase cases[kChans];
          for (int k = 0; k < kChans; ++k) cases[k] = {chans[k], &v};
          selectgo(cases, kChans, 0, true);
        }
        senders.done();
      });
    }
    for (int r = 0; r < kReceivers; ++r) {
      go([&, r] {
        hchan* mine[kChans];
        for (int k = 0; k < kChans; ++k) mine[k] = chans[k];
        int open = kChans;
        while (open > 0) {
          int64_t vals[kChans];
          scase cases[kChans];
          for (int k = 0; k < kChans; ++k) cases[k] = {mine[k], &vals[k]};
          auto [chosen, ok] = selectgo(cases, 0, kChans, true);
          if (!ok) {  // closed and drained: stop selecting on it
            mine[chosen] = nullptr;
            open--;
            continue;
          }
          int64_t v = vals[chosen];
          if (v < 0 || v >= int64_t(seen.size())) {
            bogus++;
            continue;
          }
          seen[v]++;
          sum += v;
          count++;
        }
        receivers.done();
      });
    }
    senders.wait();
    for (hchan* c : chans) closechan(c);
    receivers.wait();
  });
  int64_t n = int64_t(kSenders) * kPerSender;
  EXPECT_EQ(bogus.load(), 0);
  ASSERT_EQ(count.load(), n);
  ASSERT_EQ(sum.load(), n * (n - 1) / 2);
  for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i].load(), 1) << "value " << i;
}

// Two selects meet on an unbuffered channel: one parks, the other finds
// its sudog in pass 1 and must win its selectDone.
TEST_P(Select, SelectMeetsSelect) {
  const int kN = 2000 / kScale;
  std::vector<int64_t> got;
  run(GetParam(), [&] {
    hchan* c = makechan(8, 0);
    hchan* quiet1 = makechan(8, 0);
    hchan* quiet2 = makechan(8, 0);
    WaitGroup wg;
    wg.add(1);
    go([&] {
      for (int i = 0; i < kN; ++i) {
        int64_t v = i, dummy = 0;
        scase cases[2] = {{c, &v}, {quiet1, &dummy}};
        selectgo(cases, 2, 0, true);
      }
      wg.done();
    });
    for (int i = 0; i < kN; ++i) {
      int64_t v = -1, dummy;
      scase cases[2] = {{quiet2, &dummy}, {c, &v}};
      auto [chosen, ok] = selectgo(cases, 0, 2, true);
      EXPECT_EQ(chosen, 1);
      EXPECT_TRUE(ok);
      got.push_back(v);
    }
    wg.wait();
    // The losing cases left nothing behind on the quiet channels.
    EXPECT_EQ(waiters(quiet1, true), 0);
    EXPECT_EQ(waiters(quiet2, false), 0);
  });
  ASSERT_EQ(got.size(), size_t(kN));
  for (int i = 0; i < kN; ++i) ASSERT_EQ(got[i], i);
}

// The same channel twice among the receive cases: locked once, and either
// case may fire.
TEST_P(Select, DuplicateChannel) {
  const int kN = 2000 / kScale;
  int counts[3] = {0, 0, 0};
  run(GetParam(), [&] {
    hchan* c = makechan(8, 0);
    hchan* d = makechan(8, 4);
    WaitGroup wg;
    wg.add(1);
    go([&] {
      for (int i = 0; i < kN; ++i) send(i % 2 ? c : d, i);
      wg.done();
    });
    int64_t sum = 0;
    for (int i = 0; i < kN; ++i) {
      int64_t v[3] = {-1, -1, -1};
      scase cases[3] = {{c, &v[0]}, {d, &v[1]}, {c, &v[2]}};
      auto [chosen, ok] = selectgo(cases, 0, 3, true);
      ASSERT_TRUE(ok);
      counts[chosen]++;
      sum += v[chosen];
    }
    wg.wait();
    EXPECT_EQ(sum, int64_t(kN) * (kN - 1) / 2);
  });
  EXPECT_EQ(counts[0] + counts[2], kN / 2);
  EXPECT_GT(counts[0], 0);
  EXPECT_GT(counts[2], 0);
}

// close wakes goroutines parked in select: receivers with ok false and a
// zeroed element, senders with a panic; their other cases' sudogs are
// taken off the quiet channel.
TEST_P(Select, CloseWakesSelects) {
  const int kN = 50 / kScale;
  std::atomic<int> recv_woken{0}, send_panicked{0}, bad{0};
  run(GetParam(), [&] {
    hchan* quiet = makechan(8, 0);  // nobody ever sends on it
    hchan* cr = makechan(8, 0);
    hchan* cs = makechan(8, 0);
    WaitGroup wg;
    wg.add(2 * kN);
    for (int i = 0; i < kN; ++i) {
      go([&] {
        int64_t v = 99, q = 0;
        scase cases[2] = {{quiet, &q}, {cr, &v}};
        auto [chosen, ok] = selectgo(cases, 0, 2, true);
        if (chosen != 1 || ok || v != 0) bad++;
        recv_woken++;
        wg.done();
      });
      go([&] {
        int64_t v = 1, q = 0;
        scase cases[2] = {{cs, &v}, {quiet, &q}};
        std::string msg = panics([&] { selectgo(cases, 1, 1, true); });
        if (msg == "send on closed channel") send_panicked++;
        wg.done();
      });
    }
    wait_for_waiters(cr, false, kN);
    wait_for_waiters(cs, true, kN);
    EXPECT_EQ(waiters(quiet, false), 2 * kN);
    EXPECT_EQ(recv_woken.load() + send_panicked.load(), 0);
    closechan(cr);
    closechan(cs);
    wg.wait();
    EXPECT_EQ(waiters(quiet, false), 0);
  });
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(recv_woken.load(), kN);
  EXPECT_EQ(send_panicked.load(), kN);
}

// More cases than fit on the stack (the heap path), one ready at a time.
TEST_P(Select, ManyCases) {
  constexpr int kChans = 40;
  run(GetParam(), [&] {
    std::vector<hchan*> chans;
    for (int i = 0; i < kChans; ++i) chans.push_back(makechan(8, 0));
    WaitGroup wg;
    wg.add(1);
    go([&] {
      for (int i = 0; i < kChans; ++i) send(chans[(i * 7) % kChans], i);
      wg.done();
    });
    for (int i = 0; i < kChans; ++i) {
      std::vector<int64_t> vals(kChans, -1);
      std::vector<scase> cases;
      for (int k = 0; k < kChans; ++k) cases.push_back({chans[k], &vals[k]});
      auto [chosen, ok] = selectgo(cases.data(), 0, kChans, true);
      ASSERT_EQ(chosen, (i * 7) % kChans);
      ASSERT_TRUE(ok);
      ASSERT_EQ(vals[chosen], i);
      for (hchan* c : chans) ASSERT_EQ(waiters(c, false), 0);
    }
    wg.wait();
  });
}

// A send case on a closed channel panics when chosen in pass 1; a select
// that has a nil send case and a closed one still panics.
TEST_P(Select, SendOnClosedPanics) {
  run(GetParam(), [] {
    hchan* c = makechan(8, 3);
    closechan(c);
    int64_t v = 1;
    scase cases[2] = {{nullptr, &v}, {c, &v}};
    EXPECT_EQ(panics([&] { selectgo(cases, 2, 0, false); }), "send on closed channel");
    scase again[1] = {{c, &v}};
    EXPECT_EQ(panics([&] { selectgo(again, 1, 0, true); }), "send on closed channel");
  });
}

// A blocked select is parked with Go's wait reason.
TEST_P(Select, ParkedWithSelectReason) {
  run(GetParam(), [] {
    hchan* c = makechan(8, 0);
    struct Ctx {
      hchan* c = nullptr;
      g* gp = nullptr;
      WaitGroup done;
    } ctx;
    ctx.c = c;
    ctx.done.add(1);
    newproc([](void* p) {
      auto* x = static_cast<Ctx*>(p);
      x->gp = getg();
      int64_t v;
      scase cases[2] = {{x->c, &v}, {nullptr, nullptr}};
      selectgo(cases, 0, 2, true);
      x->done.done();
    }, &ctx);
    wait_for_waiters(c, false, 1);
    while (ctx.gp->atomicstatus.load() != _Gwaiting) Gosched();
    EXPECT_STREQ(gstatus_string(ctx.gp), "select");
    send(c, 1);
    ctx.done.wait();
  });
}

// Two send cases on one channel (Go's TestPseudoRandomSend): the received
// values show both chosen about equally often.
TEST_P(Select, PseudoRandomSend) {
  const int kN = 4000 / kScale;
  std::vector<int> counts(2);
  run(GetParam(), [&] {
    for (int cap : {0, 4}) {
      hchan* c = makechan(8, cap);
      WaitGroup wg;
      wg.add(1);
      go([&] {
        for (int i = 0; i < kN; ++i) counts[recv(c).first]++;
        wg.done();
      });
      for (int i = 0; i < kN; ++i) {
        int64_t zero = 0, one = 1;
        scase cases[2] = {{c, &zero}, {c, &one}};
        selectgo(cases, 2, 0, true);
      }
      wg.wait();
    }
  });
  EXPECT_EQ(counts[0] + counts[1], 2 * kN);
  EXPECT_LT(chi_square(counts), 23.93);
}

// A non-blocking select must see a case ready when, at every moment, one
// is (Go's TestNonblockSelectRace): c1 is drained only after c2 is filled.
TEST_P(Select, NonBlockingSelectRace) {
  const int kN = 1000 / kScale;
  std::atomic<int> missed{0};
  run(GetParam(), [&] {
    for (int i = 0; i < kN; ++i) {
      hchan* c1 = makechan(8, 1);
      hchan* c2 = makechan(8, 1);
      send(c1, 1);
      WaitGroup wg;
      wg.add(1);
      go([&, c1, c2] {
        scase cases[2] = {{c1, nullptr}, {c2, nullptr}};
        if (selectgo(cases, 0, 2, false).first < 0) missed++;
        wg.done();
      });
      send(c2, 1);
      chanrecv(c1, nullptr, false);
      wg.wait();
    }
  });
  EXPECT_EQ(missed.load(), 0);
}

// A select receiving from a full buffer with a sender parked gets the head
// of the buffer; the sender's value joins the tail (recv's rotation).
TEST_P(Select, RecvFromFullBufferWithWaitingSender) {
  run(GetParam(), [] {
    hchan* c = makechan(8, 2);
    hchan* quiet = makechan(8, 0);
    send(c, 0);
    send(c, 1);
    WaitGroup wg;
    wg.add(1);
    go([&] {
      send(c, 2);
      send(c, 3);
      wg.done();
    });
    wait_for_waiters(c, true, 1);
    for (int i = 0; i < 4; ++i) {
      int64_t v = -1, q;
      scase cases[2] = {{quiet, &q}, {c, &v}};
      auto [chosen, ok] = selectgo(cases, 0, 2, true);
      EXPECT_EQ(chosen, 1);
      EXPECT_TRUE(ok);
      EXPECT_EQ(v, i);
    }
    wg.wait();
  });
}

// close racing with senders and receivers, plain and in select: every send
// that returned was received exactly once; every other send panicked.
TEST_P(Select, CloseRacesWithSendsAndReceives) {
  const int kSenders = 4, kReceivers = 3;
  const int kMax = 3000 / kScale;
  for (int cap : {0, 1, 8}) {
    std::vector<std::atomic<int>> sent(kSenders * kMax), got(kSenders * kMax);
    std::atomic<int> panicked{0}, bad{0}, received{0};
    run(GetParam(), [&] {
      hchan* c = makechan(8, cap);
      hchan* quiet = makechan(8, 0);
      WaitGroup wg;
      wg.add(kSenders + kReceivers);
      for (int s = 0; s < kSenders; ++s) {
        go([&, s] {
          std::string msg = panics([&] {
            for (int i = 0; i < kMax; ++i) {
              int64_t v = int64_t(s) * kMax + i, q = 0;
              if (i % 2) {
                chansend(c, &v, true);
              } else {
                scase cases[2] = {{c, &v}, {quiet, &q}};
                selectgo(cases, 1, 1, true);
              }
              sent[v]++;
            }
          });
          if (msg == "send on closed channel") panicked++;
          else if (!msg.empty()) bad++;
          wg.done();
        });
      }
      for (int r = 0; r < kReceivers; ++r) {
        go([&, r] {
          for (int n = 0;; ++n) {
            int64_t v = -1, q;
            bool ok;
            if ((n + r) % 2) {
              ok = chanrecv(c, &v, true).second;
            } else {
              scase cases[2] = {{quiet, &q}, {c, &v}};
              auto [chosen, rok] = selectgo(cases, 0, 2, true);
              ok = chosen == 1 && rok;
            }
            if (!ok) break;
            if (v < 0 || v >= int64_t(got.size())) {
              bad++;
              continue;
            }
            got[v]++;
            // The receiver that takes the (kMax/2)th value closes the
            // channel under everybody's feet. The senders have 4 * kMax
            // values to send, far more than go through around the close:
            // each is still sending, so each panics.
            if (++received == kMax / 2) closechan(c);
          }
          wg.done();
        });
      }
      wg.wait();
      EXPECT_EQ(waiters(quiet, false), 0);
    });
    EXPECT_EQ(bad.load(), 0) << "cap " << cap;
    EXPECT_EQ(panicked.load(), kSenders) << "cap " << cap;
    for (size_t i = 0; i < sent.size(); ++i) ASSERT_EQ(got[i].load(), sent[i].load()) << "value " << i << " cap " << cap;
  }
}

// select over channels of different element sizes (0, 8 and 40 bytes):
// each case copies its own channel's elemsize into its own elem.
TEST_P(Select, MixedElementSizes) {
  struct Big {
    int64_t a[5];
  };
  const int kN = 1000 / kScale;
  std::atomic<int> bad{0};
  int counts[3] = {0, 0, 0};
  run(GetParam(), [&] {
    hchan* z = makechan(0, 0);
    hchan* w = makechan(8, 1);
    hchan* b = makechan(sizeof(Big), 0);
    WaitGroup wg;
    wg.add(1);
    go([&] {
      for (int i = 0; i < kN; ++i) {
        switch (i % 3) {
          case 0: chansend(z, nullptr, true); break;
          case 1: send(w, i); break;
          default: {
            Big v;
            for (int k = 0; k < 5; ++k) v.a[k] = i + k;
            chansend(b, &v, true);
          }
        }
      }
      wg.done();
    });
    for (int i = 0; i < kN; ++i) {
      // Guards around each element catch a copy of the wrong size.
      struct {
        int64_t before = 7;
        int64_t word = -1;
        int64_t after = 7;
        Big big{};
        int64_t tail = 7;
      } x;
      scase cases[3] = {{z, nullptr}, {w, &x.word}, {b, &x.big}};
      auto [chosen, ok] = selectgo(cases, 0, 3, true);
      if (!ok || x.before != 7 || x.after != 7 || x.tail != 7) bad++;
      if (chosen == 2)
        for (int k = 1; k < 5; ++k)
          if (x.big.a[k] != x.big.a[0] + k) bad++;
      counts[chosen]++;
    }
    wg.wait();
  });
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(counts[0], (kN + 2) / 3);
  EXPECT_EQ(counts[1], (kN + 1) / 3);
  EXPECT_EQ(counts[2], kN / 3);
}

INSTANTIATE_TEST_SUITE_P(P, Select, ::testing::Values(1, 2, 4, 8));

void deadlock_on(void (*fn)(void*)) { run_main(fn, nullptr, 2); }

TEST(SelectDeadlock, EmptySelect) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(deadlock_on([](void*) { block(); }), ::testing::ExitedWithCode(2),
              "^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[select \\(no cases\\)\\]:\n$");
}

TEST(SelectDeadlock, SelectOnQuietChannels) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(deadlock_on([](void*) {
                hchan* a = makechan(8, 0);
                hchan* b = makechan(8, 0);
                int64_t v = 1, w;
                scase cases[2] = {{b, &v}, {a, &w}};
                selectgo(cases, 1, 1, true);
              }),
              ::testing::ExitedWithCode(2),
              "^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[select\\]:\n$");
}

// Go: a select whose channels are all nil parks as "select", forever.
TEST(SelectDeadlock, OnlyNilChannels) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(deadlock_on([](void*) {
                int64_t v = 1;
                scase cases[2] = {{nullptr, &v}, {nullptr, &v}};
                selectgo(cases, 1, 1, true);
              }),
              ::testing::ExitedWithCode(2),
              "^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[select\\]:\n$");
}

}  // namespace

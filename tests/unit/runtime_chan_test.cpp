// Channels (runtime/chan.h) with plain C++ functions as goroutines: our own
// versions of what Go's chan_test.go checks. Every scheduling test runs
// with 1, 2, 4 and 8 P's.
#include "runtime/chan.h"

#include "runtime/panic.h"
#include "runtime/proc.h"

#include <gtest/gtest.h>

#include "runtime_chan_testutil.h"

#include <atomic>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace mgo::rt;
using namespace mgo::rt::testutil;

// TSan counts every goroutine's fiber as a thread and makes switches ~1000x
// slower (about a millisecond a switch): fewer goroutines and rounds there.
#if defined(__SANITIZE_THREAD__)
constexpr int kScale = 40;
#else
constexpr int kScale = 1;
#endif

class Chan : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override { set_panic_handler(throw_panic); }
  void TearDown() override { set_panic_handler(nullptr); }
};

// Outside the scheduler: makechan's checks and len/cap.
TEST(ChanBasic, MakeLenCap) {
  set_panic_handler(throw_panic);
  for (int64_t n : {0, 1, 7, 1000}) {
    hchan* c = makechan(8, n);
    EXPECT_EQ(chancap(c), n);
    EXPECT_EQ(chanlen(c), 0);
  }
  EXPECT_EQ(chancap(nullptr), 0);
  EXPECT_EQ(chanlen(nullptr), 0);
  EXPECT_EQ(panics([] { makechan(8, -1); }), "makechan: size out of range");
  EXPECT_EQ(panics([] { makechan(8, int64_t(1) << 62); }), "makechan: size out of range");
  EXPECT_EQ(panics([] { makechan(8, (int64_t(1) << 45) + 1); }), "makechan: size out of range");
  // Zero-size elements need no buffer, however many.
  EXPECT_EQ(chancap(makechan(0, int64_t(1) << 62)), int64_t(1) << 62);
  EXPECT_EQ(panics([] { closechan(nullptr); }), "close of nil channel");
  set_panic_handler(nullptr);
}

// len and cap through sends, receives and close (Go's TestLen-like checks).
TEST_P(Chan, LenCapThroughSendsAndClose) {
  run(GetParam(), [] {
    hchan* c = makechan(8, 5);
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(chanlen(c), i);
      send(c, i);
    }
    EXPECT_EQ(chanlen(c), 5);
    EXPECT_EQ(chancap(c), 5);
    closechan(c);
    // A closed channel still gives its buffered values, in order, then
    // zero values with ok == false, forever.
    for (int i = 0; i < 5; ++i) {
      auto [v, ok] = recv(c);
      EXPECT_EQ(v, i);
      EXPECT_TRUE(ok);
      EXPECT_EQ(chanlen(c), 4 - i);
    }
    for (int i = 0; i < 3; ++i) {
      auto [v, ok] = recv(c);
      EXPECT_EQ(v, 0);
      EXPECT_FALSE(ok);
      int64_t w = 42;
      auto [selected, received] = chanrecv(c, &w, false);
      EXPECT_TRUE(selected);
      EXPECT_FALSE(received);
      EXPECT_EQ(w, 0);
    }
    EXPECT_EQ(chanlen(c), 0);
    EXPECT_EQ(chanrecv(c, nullptr, true), std::make_pair(true, false));
  });
}

// Many senders and receivers on every buffer size: nothing lost, nothing
// duplicated, each sender's values in order as each receiver sees them.
TEST_P(Chan, ManySendersReceiversEveryBufferSize) {
  constexpr int kSenders = 4, kReceivers = 4;
  const int kPerSender = 2000 / kScale;
  for (int cap : {0, 1, 2, 3, 4, 5, 7, 8, 16, 31, 64, 1000}) {
    std::vector<std::atomic<int>> seen(kSenders * kPerSender);
    std::atomic<int64_t> sum{0};
    std::atomic<int> count{0}, out_of_order{0};
    run(GetParam(), [&] {
      hchan* c = makechan(8, cap);
      WaitGroup senders, receivers;
      senders.add(kSenders);
      receivers.add(kReceivers);
      for (int s = 0; s < kSenders; ++s) {
        go([&, s] {
          for (int i = 0; i < kPerSender; ++i) send(c, int64_t(s) * kPerSender + i);
          senders.done();
        });
      }
      for (int r = 0; r < kReceivers; ++r) {
        go([&] {
          std::vector<int64_t> last(kSenders, -1);
          for (;;) {
            auto [v, ok] = recv(c);
            if (!ok) break;
            if (v < 0 || v >= int64_t(seen.size())) {
              out_of_order++;
              continue;
            }
            seen[v]++;
            sum += v;
            count++;
            int s = int(v / kPerSender);
            if (v <= last[s]) out_of_order++;
            last[s] = v;
          }
          receivers.done();
        });
      }
      senders.wait();
      closechan(c);
      receivers.wait();
      EXPECT_EQ(chanlen(c), 0);
    });
    int64_t n = int64_t(kSenders) * kPerSender;
    ASSERT_EQ(count.load(), n) << "cap " << cap;
    ASSERT_EQ(sum.load(), n * (n - 1) / 2) << "cap " << cap;
    ASSERT_EQ(out_of_order.load(), 0) << "cap " << cap;
    for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i].load(), 1) << "value " << i << " cap " << cap;
  }
}

// One sender, one receiver: strict FIFO on every buffer size.
TEST_P(Chan, FifoOneSenderOneReceiver) {
  const int kN = 5000 / kScale;
  for (int cap : {0, 1, 2, 10, 100}) {
    std::vector<int64_t> got;
    run(GetParam(), [&] {
      hchan* c = makechan(8, cap);
      WaitGroup wg;
      wg.add(1);
      go([&] {
        for (int i = 0; i < kN; ++i) send(c, i * 3);
        closechan(c);
        wg.done();
      });
      for (;;) {
        auto [v, ok] = recv(c);
        if (!ok) break;
        got.push_back(v);
      }
      wg.wait();
    });
    ASSERT_EQ(got.size(), size_t(kN)) << "cap " << cap;
    for (int i = 0; i < kN; ++i) ASSERT_EQ(got[i], i * 3) << "cap " << cap;
  }
}

// Closing wakes every parked receiver, each with the zero value and
// ok == false (its variable is overwritten, not left alone).
TEST_P(Chan, CloseWakesEveryReceiver) {
  const int kN = 100 / kScale;
  std::atomic<int> woke{0}, bad{0};
  run(GetParam(), [&] {
    for (int cap : {0, 3}) {
      hchan* c = makechan(8, cap);
      int before = woke.load();
      WaitGroup wg;
      wg.add(kN);
      for (int i = 0; i < kN; ++i) {
        go([&] {
          int64_t v = 12345;
          auto [selected, ok] = chanrecv(c, &v, true);
          if (!selected || ok || v != 0) bad++;
          woke++;
          wg.done();
        });
      }
      wait_for_waiters(c, false, kN);
      EXPECT_EQ(woke.load(), before);
      closechan(c);
      wg.wait();
      EXPECT_EQ(waiters(c, false), 0);
    }
  });
  EXPECT_EQ(woke.load(), 2 * kN);
  EXPECT_EQ(bad.load(), 0);
}

// Closing wakes every parked sender, and each panics.
TEST_P(Chan, CloseWakesEverySenderWhichPanics) {
  const int kN = 100 / kScale;
  std::atomic<int> panicked{0};
  run(GetParam(), [&] {
    for (int cap : {0, 2}) {
      hchan* c = makechan(8, cap);
      for (int i = 0; i < cap; ++i) send(c, 7);  // fill it so senders wait
      WaitGroup wg;
      wg.add(kN);
      for (int i = 0; i < kN; ++i) {
        go([&, i] {
          std::string msg = panics([&] { send(c, i); });
          if (msg == "send on closed channel") panicked++;
          wg.done();
        });
      }
      wait_for_waiters(c, true, kN);
      closechan(c);
      wg.wait();
      EXPECT_EQ(waiters(c, true), 0);
      // The buffered values survive the close; the senders' do not.
      for (int i = 0; i < cap; ++i) EXPECT_EQ(recv(c), std::make_pair(int64_t(7), true));
      EXPECT_EQ(recv(c), std::make_pair(int64_t(0), false));
    }
  });
  EXPECT_EQ(panicked.load(), 2 * kN);
}

// Go's run-time panics on misuse, with Go's messages.
TEST_P(Chan, Panics) {
  run(GetParam(), [] {
    hchan* c = makechan(8, 1);
    closechan(c);
    EXPECT_EQ(panics([&] { send(c, 1); }), "send on closed channel");
    EXPECT_EQ(panics([&] { int64_t v = 1; chansend(c, &v, false); }), "send on closed channel");
    EXPECT_EQ(panics([&] { closechan(c); }), "close of closed channel");
    EXPECT_EQ(panics([&] { closechan(nullptr); }), "close of nil channel");
    EXPECT_EQ(panics([&] { makechan(8, -5); }), "makechan: size out of range");
    // A channel stays usable after a panic released its lock.
    EXPECT_EQ(recv(c), std::make_pair(int64_t(0), false));
  });
}

// Non-blocking send and receive (select with one case and default).
TEST_P(Chan, NonBlocking) {
  run(GetParam(), [] {
    int64_t v = 5;
    // Unbuffered, nobody waiting: neither can go.
    hchan* u = makechan(8, 0);
    EXPECT_FALSE(chansend(u, &v, false));
    EXPECT_EQ(chanrecv(u, &v, false), std::make_pair(false, false));
    EXPECT_EQ(v, 5);
    // Buffered: send until full, receive until empty.
    hchan* b = makechan(8, 2);
    EXPECT_TRUE(chansend(b, &v, false));
    v = 6;
    EXPECT_TRUE(chansend(b, &v, false));
    EXPECT_FALSE(chansend(b, &v, false));
    EXPECT_EQ(chanrecv(b, &v, false), std::make_pair(true, true));
    EXPECT_EQ(v, 5);
    EXPECT_EQ(chanrecv(b, &v, false), std::make_pair(true, true));
    EXPECT_EQ(v, 6);
    EXPECT_EQ(chanrecv(b, &v, false), std::make_pair(false, false));
    // Nil channels: never ready.
    EXPECT_FALSE(chansend(nullptr, &v, false));
    EXPECT_EQ(chanrecv(nullptr, &v, false), std::make_pair(false, false));
    // A parked receiver takes a non-blocking send directly.
    int64_t got = 0;
    WaitGroup wg;
    wg.add(1);
    go([&] {
      got = recv(u).first;
      wg.done();
    });
    wait_for_waiters(u, false, 1);
    v = 77;
    EXPECT_TRUE(chansend(u, &v, false));
    wg.wait();
    EXPECT_EQ(got, 77);
    // And a parked sender gives to a non-blocking receive.
    wg.add(1);
    go([&] {
      send(u, 88);
      wg.done();
    });
    wait_for_waiters(u, true, 1);
    EXPECT_EQ(chanrecv(u, &v, false), std::make_pair(true, true));
    EXPECT_EQ(v, 88);
    wg.wait();
  });
}

// Non-blocking operations racing with blocking ones (Go's
// TestNonblockRecvRace): a non-blocking receive on a channel that is
// closed must succeed, never report "not ready".
TEST_P(Chan, NonBlockingRecvOnClosedRace) {
  const int kN = 1000 / kScale;
  std::atomic<int> failures{0};
  run(GetParam(), [&] {
    for (int i = 0; i < kN; ++i) {
      hchan* c = makechan(8, 1);
      send(c, 1);
      WaitGroup wg;
      wg.add(1);
      go([&, c] {
        int64_t v;
        if (!chanrecv(c, &v, false).first) failures++;
        wg.done();
      });
      closechan(c);
      // Drain so the receiver may find it closed and empty, or the value.
      chanrecv(c, nullptr, false);
      wg.wait();
    }
  });
  EXPECT_EQ(failures.load(), 0);
}

// Receiving from a full buffer with a sender waiting: the receiver gets the
// head, the sender's value goes to the tail (Go's recv rotation).
TEST_P(Chan, FullBufferWithWaitingSendersKeepsOrder) {
  run(GetParam(), [] {
    hchan* c = makechan(8, 3);
    for (int i = 0; i < 3; ++i) send(c, i);
    WaitGroup wg;
    wg.add(1);
    go([&] {
      for (int i = 3; i < 6; ++i) send(c, i);
      wg.done();
    });
    wait_for_waiters(c, true, 1);
    for (int i = 0; i < 6; ++i) {
      EXPECT_EQ(recv(c), std::make_pair(int64_t(i), true));
      EXPECT_LE(chanlen(c), 3);
    }
    wg.wait();
    EXPECT_EQ(chanlen(c), 0);
  });
}

// Waiters are served in the order they parked (waitq is a FIFO): the
// i'th receiver to park gets the i'th value, the i'th sender to park
// delivers i'th.
TEST_P(Chan, WaitersServedInArrivalOrder) {
  const int kN = 200 / kScale;
  std::vector<int64_t> got(kN, -1);
  std::vector<int64_t> order;
  run(GetParam(), [&] {
    hchan* c = makechan(8, 0);
    WaitGroup wg;
    wg.add(kN);
    for (int i = 0; i < kN; ++i) {
      go([&, i] {
        got[i] = recv(c).first;
        wg.done();
      });
      wait_for_waiters(c, false, i + 1);
    }
    for (int i = 0; i < kN; ++i) send(c, i);
    wg.wait();
    wg.add(kN);
    for (int i = 0; i < kN; ++i) {
      go([&, i] {
        send(c, i);
        wg.done();
      });
      wait_for_waiters(c, true, i + 1);
    }
    for (int i = 0; i < kN; ++i) order.push_back(recv(c).first);
    wg.wait();
  });
  for (int i = 0; i < kN; ++i) ASSERT_EQ(got[i], i);
  for (int i = 0; i < kN; ++i) ASSERT_EQ(order[i], i);
}

// chan struct{}: elemsize 0, no buffer memory, ep may be null.
TEST_P(Chan, ZeroSizeElements) {
  const int kN = 2000 / kScale;
  for (int cap : {0, 1, 5}) {
    std::atomic<int> got{0};
    run(GetParam(), [&] {
      hchan* c = makechan(0, cap);
      EXPECT_EQ(c->buf, nullptr);
      WaitGroup wg;
      wg.add(4);
      for (int s = 0; s < 2; ++s) {
        go([&] {
          for (int i = 0; i < kN; ++i) chansend(c, nullptr, true);
          wg.done();
        });
        go([&] {
          for (int i = 0; i < kN; ++i)
            if (chanrecv(c, nullptr, true).second) got++;
          wg.done();
        });
      }
      wg.wait();
      closechan(c);
      EXPECT_EQ(chanrecv(c, nullptr, true), std::make_pair(true, false));
    });
    EXPECT_EQ(got.load(), 2 * kN) << "cap " << cap;
  }
}

// A 40-byte element (a struct of five 8-byte slots) is copied whole: no
// torn values through hand-offs and the buffer.
TEST_P(Chan, LargeElements) {
  struct Elem {
    int64_t a[5];
  };
  static_assert(sizeof(Elem) == 40);
  const int kN = 2000 / kScale;
  for (int cap : {0, 1, 7}) {
    std::atomic<int> bad{0}, got{0};
    run(GetParam(), [&] {
      hchan* c = makechan(sizeof(Elem), cap);
      WaitGroup wg;
      wg.add(4);
      for (int s = 0; s < 2; ++s) {
        go([&, s] {
          for (int i = 0; i < kN; ++i) {
            Elem e;
            for (int k = 0; k < 5; ++k) e.a[k] = (int64_t(s) << 32) + i * 5 + k;
            chansend(c, &e, true);
          }
          wg.done();
        });
        go([&] {
          for (int i = 0; i < kN; ++i) {
            Elem e;
            std::memset(&e, 0xff, sizeof e);
            chanrecv(c, &e, true);
            for (int k = 1; k < 5; ++k)
              if (e.a[k] != e.a[0] + k) bad++;
            got++;
          }
          wg.done();
        });
      }
      wg.wait();
      // Closed: the whole 40 bytes are zeroed.
      closechan(c);
      Elem e;
      std::memset(&e, 0xff, sizeof e);
      EXPECT_EQ(chanrecv(c, &e, true), std::make_pair(true, false));
      for (int k = 0; k < 5; ++k) EXPECT_EQ(e.a[k], 0);
    });
    EXPECT_EQ(bad.load(), 0) << "cap " << cap;
    EXPECT_EQ(got.load(), 2 * kN) << "cap " << cap;
  }
}

// An unbuffered ping-pong: each round trip is two direct hand-offs.
TEST_P(Chan, UnbufferedPingPong) {
  const int kRounds = 20000 / kScale;
  int64_t last = -1;
  run(GetParam(), [&] {
    hchan* ping = makechan(8, 0);
    hchan* pong = makechan(8, 0);
    WaitGroup wg;
    wg.add(1);
    go([&] {
      for (;;) {
        auto [v, ok] = recv(ping);
        if (!ok) break;
        send(pong, v + 1);
      }
      wg.done();
    });
    int64_t v = 0;
    for (int i = 0; i < kRounds; ++i) {
      send(ping, v);
      v = recv(pong).first;
    }
    closechan(ping);
    // Main's frame (ping, pong) dies when main returns: wait for the
    // helper, which may not have seen the close yet.
    wg.wait();
    last = v;
  });
  EXPECT_EQ(last, kRounds);
}

// A goroutine blocked on a nil channel stays blocked, with Go's wait
// reasons; the program still ends when main returns. (Plain newproc with
// a context on main's stack: the blocked goroutines never return, so
// nothing they own may be on the heap, or LeakSanitizer complains.)
struct NilCtx {
  g* sender = nullptr;
  g* receiver = nullptr;
  WaitGroup started;
};

TEST_P(Chan, NilChannelBlocksForever) {
  run(GetParam(), [] {
    NilCtx ctx;
    ctx.started.add(2);
    newproc([](void* p) {
      auto* c = static_cast<NilCtx*>(p);
      c->sender = getg();
      c->started.done();
      send(nullptr, 1);
      ADD_FAILURE() << "send on nil channel returned";
    }, &ctx);
    newproc([](void* p) {
      auto* c = static_cast<NilCtx*>(p);
      c->receiver = getg();
      c->started.done();
      recv(nullptr);
      ADD_FAILURE() << "receive from nil channel returned";
    }, &ctx);
    ctx.started.wait();
    while (ctx.sender->atomicstatus.load() != _Gwaiting || ctx.receiver->atomicstatus.load() != _Gwaiting)
      Gosched();
    EXPECT_STREQ(gstatus_string(ctx.sender), "chan send (nil chan)");
    EXPECT_STREQ(gstatus_string(ctx.receiver), "chan receive (nil chan)");
  });
}

INSTANTIATE_TEST_SUITE_P(P, Chan, ::testing::Values(1, 2, 4, 8));

// Deadlock: every goroutine blocked on a channel. Go's message, the
// goroutine's header with its wait reason, exit status 2 (in a child
// process; the regex is anchored: stderr must be exactly this).
void deadlock_on(void (*fn)(void*)) { run_main(fn, nullptr, 2); }

TEST(ChanDeadlock, ReceiveWithNobodyElse) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(deadlock_on([](void*) { recv(makechan(8, 0)); }), ::testing::ExitedWithCode(2),
              "^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[chan receive\\]:\n$");
}

TEST(ChanDeadlock, SendWithNobodyElse) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(deadlock_on([](void*) {
                hchan* c = makechan(8, 1);
                send(c, 1);
                send(c, 2);
              }),
              ::testing::ExitedWithCode(2),
              "^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[chan send\\]:\n$");
}

TEST(ChanDeadlock, NilChannel) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(deadlock_on([](void*) { recv(nullptr); }), ::testing::ExitedWithCode(2),
              "^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[chan receive \\(nil chan\\)\\]:\n$");
  EXPECT_EXIT(deadlock_on([](void*) { send(nullptr, 1); }), ::testing::ExitedWithCode(2),
              "^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[chan send \\(nil chan\\)\\]:\n$");
}

// Two goroutines each waiting for the other.
TEST(ChanDeadlock, TwoGoroutinesWaitingOnEachOther) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(deadlock_on([](void*) {
                hchan* a = makechan(8, 0);
                hchan* b = makechan(8, 0);
                go([a, b] {
                  recv(a);
                  send(b, 1);
                });
                recv(b);
              }),
              ::testing::ExitedWithCode(2),
              "^fatal error: all goroutines are asleep - deadlock!\n\n"
              "goroutine 1 \\[chan receive\\]:\n\ngoroutine 5 \\[chan receive\\]:\n$");
}

// Without a handler, a run-time panic prints Go's header and exits 2.
TEST(ChanDeadlock, DefaultPanicOnSendToClosed) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(deadlock_on([](void*) {
                hchan* c = makechan(8, 0);
                closechan(c);
                send(c, 1);
              }),
              ::testing::ExitedWithCode(2), "^panic: send on closed channel\n\ngoroutine 1 \\[running\\]:\n$");
}

}  // namespace

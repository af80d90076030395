// The context-switch layer under the scheduler: contexts ping-pong, mcall
// runs on the other stack, systemstack comes back, stacks are pooled, and
// many parked contexts cost about one page each.
#include "runtime/context.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

using mgo::rt::Context;

struct PingPong {
  Context main, co;
  std::vector<std::string> log;
  int rounds = 0;
};

void pingpong_entry(void* p) {
  auto* pp = static_cast<PingPong*>(p);
  for (int i = 0; i < pp->rounds; ++i) {
    pp->log.push_back("co " + std::to_string(i));
    mgo::rt::context_switch(&pp->co, &pp->main);
  }
  pp->log.push_back("co done");
  mgo::rt::context_exit(&pp->co, &pp->main);
}

TEST(RuntimeContext, PingPongKeepsCalleeSavedState) {
  PingPong pp;
  pp.rounds = 3;
  mgo::rt::context_init_thread(&pp.main);
  mgo::rt::Stack s = mgo::rt::stackalloc();
  mgo::rt::context_init(&pp.co, s, pingpong_entry, &pp);
  // Locals live in callee-saved registers across the switches at -O2; the
  // same arithmetic without switches must give the same result.
  long a = 1, b = 2, c = 3, wa = 1, wb = 2, wc = 3;
  for (int i = 0; i <= pp.rounds; ++i) {
    mgo::rt::context_switch(&pp.main, &pp.co);
    pp.log.push_back("main " + std::to_string(i));
    a += b, b += c, c += a;
    wa += wb, wb += wc, wc += wa;
  }
  EXPECT_EQ(a, wa);
  EXPECT_EQ(b, wb);
  EXPECT_EQ(c, wc);
  std::vector<std::string> want = {"co 0", "main 0", "co 1", "main 1", "co 2", "main 2", "co done", "main 3"};
  EXPECT_EQ(pp.log, want);
  mgo::rt::context_destroy(&pp.co);
  mgo::rt::stackfree(s);
}

TEST(RuntimeContext, FloatingPointSurvivesSwitches) {
  PingPong pp;
  pp.rounds = 100;
  mgo::rt::context_init_thread(&pp.main);
  mgo::rt::Stack s = mgo::rt::stackalloc();
  mgo::rt::context_init(&pp.co, s, pingpong_entry, &pp);
  double x = 1.0;
  for (int i = 0; i <= pp.rounds; ++i) {
    x = x * 1.5 + 0.25;
    mgo::rt::context_switch(&pp.main, &pp.co);
    x = x / 1.5;
  }
  double want = 1.0;
  for (int i = 0; i <= 100; ++i) want = (want * 1.5 + 0.25) / 1.5;
  EXPECT_DOUBLE_EQ(x, want);
  mgo::rt::context_destroy(&pp.co);
  mgo::rt::stackfree(s);
}

struct McallTest {
  Context main, g0, co;
  uintptr_t fn_sp = 0;
  bool ran = false;
};

void mcall_fn(void* p) {
  auto* t = static_cast<McallTest*>(p);
  t->fn_sp = mgo::rt::current_sp();
  t->ran = true;
  // Like park_m: the goroutine is saved; go back to main without resuming it.
  mgo::rt::context_exit(&t->g0, &t->main);
}

void mcall_entry(void* p) {
  auto* t = static_cast<McallTest*>(p);
  mgo::rt::context_mcall(&t->co, &t->g0, mcall_fn, t);
  // Resumed by main after mcall_fn switched away.
  mgo::rt::context_exit(&t->co, &t->main);
}

TEST(RuntimeContext, McallRunsOnTheOtherStack) {
  McallTest t;
  mgo::rt::context_init_thread(&t.main);
  mgo::rt::Stack g0s = mgo::rt::stackalloc(), cos = mgo::rt::stackalloc();
  t.g0.stack = g0s;
  mgo::rt::context_init(&t.g0, g0s, nullptr, nullptr);
  mgo::rt::context_init(&t.co, cos, mcall_entry, &t);
  mgo::rt::context_switch(&t.main, &t.co);
  ASSERT_TRUE(t.ran);
  EXPECT_GE(t.fn_sp, g0s.lo);
  EXPECT_LT(t.fn_sp, g0s.hi);
  mgo::rt::context_switch(&t.main, &t.co);  // resume after the mcall; it exits to main
  mgo::rt::context_destroy(&t.co);
  mgo::rt::context_destroy(&t.g0);
  mgo::rt::stackfree(g0s);
  mgo::rt::stackfree(cos);
}

struct SysTest {
  Context self, sys;
  uintptr_t sp = 0;
};

void record_sp(void* p) { static_cast<SysTest*>(p)->sp = mgo::rt::current_sp(); }

TEST(RuntimeContext, SystemstackComesBack) {
  SysTest t;
  mgo::rt::context_init_thread(&t.self);
  mgo::rt::Stack s = mgo::rt::stackalloc();
  mgo::rt::context_init(&t.sys, s, nullptr, nullptr);
  t.sys.sched.sp = 0;  // not parked anywhere: use the top
  mgo::rt::context_systemstack(&t.self, &t.sys, record_sp, &t);
  EXPECT_GE(t.sp, s.lo);
  EXPECT_LT(t.sp, s.hi);
  mgo::rt::context_destroy(&t.sys);
  mgo::rt::stackfree(s);
}

TEST(RuntimeContext, StacksAreReused) {
  mgo::rt::Stack a = mgo::rt::stackalloc();
  mgo::rt::stackfree(a);
  mgo::rt::Stack b = mgo::rt::stackalloc();
  EXPECT_EQ(a.lo, b.lo);
  EXPECT_EQ(b.size(), mgo::rt::kStackSize);
  mgo::rt::stackfree(b);
}

// Many parked contexts: each is created, runs, parks (switches back) and
// stays parked; then all are resumed to finish. Checks the stack pool's
// mappings stay few (one per 1024 stacks) however many are parked.
struct Parked {
  Context* main;
  Context self;
  int state = 0;
};

void parked_entry(void* p) {
  auto* k = static_cast<Parked*>(p);
  k->state = 1;
  mgo::rt::context_switch(&k->self, k->main);
  k->state = 2;
  mgo::rt::context_exit(&k->self, k->main);
}

TEST(RuntimeContext, ManyParkedContexts) {
#if defined(__SANITIZE_THREAD__)
  constexpr int kN = 2000;  // TSan counts each fiber as a thread (limit 8128)
#else
  constexpr int kN = 20000;
#endif
  Context main;
  mgo::rt::context_init_thread(&main);
  std::vector<std::unique_ptr<Parked>> ks;
  std::vector<mgo::rt::Stack> stacks;
  size_t mapped_before = mgo::rt::stacks_mapped();
  for (int i = 0; i < kN; ++i) {
    ks.push_back(std::make_unique<Parked>());
    ks.back()->main = &main;
    stacks.push_back(mgo::rt::stackalloc());
    mgo::rt::context_init(&ks.back()->self, stacks.back(), parked_entry, ks.back().get());
    mgo::rt::context_switch(&main, &ks.back()->self);
    ASSERT_EQ(ks.back()->state, 1);
  }
  EXPECT_LE(mgo::rt::stacks_mapped() - mapped_before, size_t(kN / 1024 + 2) * 1024);
  for (auto& k : ks) {
    mgo::rt::context_switch(&main, &k->self);
    ASSERT_EQ(k->state, 2);
    mgo::rt::context_destroy(&k->self);
  }
  for (auto s : stacks) mgo::rt::stackfree(s);
}

}  // namespace

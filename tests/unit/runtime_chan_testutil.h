// Helpers shared by the channel and select tests: `go`, Go's run-time
// panics as a C++ exception, plain send/recv of int64s, and a white-box look
// at a channel's wait queues.
#pragma once

#include <string>
#include <utility>

#include "runtime/chan.h"
#include "runtime_testutil.h"

namespace mgo::rt::testutil {

// Starts f() as a goroutine (Go's `go f()`); the goroutine owns its copy.
template <class F>
void go(F f) {
  newproc([](void* p) {
    auto* fp = static_cast<F*>(p);
    (*fp)();
    delete fp;
  }, new F(std::move(f)));
}

// Go's run-time panics, as a C++ exception the goroutine can catch: the
// tests' stand-in for the VM's panic handler.
struct GoPanic {
  std::string msg;
};
[[noreturn]] inline void throw_panic(const char* msg) { throw GoPanic{msg}; }

// Runs op, returns the message it panicked with ("" if none).
template <class F>
std::string panics(F op) {
  try {
    op();
  } catch (const GoPanic& p) {
    return p.msg;
  }
  return "";
}

inline void send(hchan* c, int64_t v) { chansend(c, &v, true); }

inline std::pair<int64_t, bool> recv(hchan* c) {
  int64_t v = -1;
  bool ok = chanrecv(c, &v, true).second;
  return {v, ok};
}

// Waiters on c's queue (white box): lets a test know a goroutine is parked
// (or about to be: it enqueues and parks under the lock) without sleeping.
inline int waiters(hchan* c, bool senders) {
  std::lock_guard<mutex> lk(c->lock);
  int n = 0;
  for (sudog* sg = (senders ? c->sendq : c->recvq).first.load(); sg; sg = sg->next) n++;
  return n;
}
inline void wait_for_waiters(hchan* c, bool senders, int n) {
  while (waiters(c, senders) < n) Gosched();
}

}  // namespace mgo::rt::testutil

// Natives of package time (stdlib/go/time.go) on the runtime's timers
// (runtime/time.h). A Go Timer's runtimeTimer field holds the runtime's
// timer; when it fires, its f runs on the scheduler's stack with a P held
// (runtime/time.h) and either sends the time on the timer's channel without
// blocking (Go's sendTime) or starts the AfterFunc function in a goroutine
// (Go's goFunc).
#include <time.h>

#include "runtime/chan.h"
#include "runtime/proc.h"
#include "runtime/time.h"
#include "stdlib/natives.h"
#include "vm/goroutine.h"

namespace mgo::stdlib {

namespace {

constexpr int kTimerSlots = 8;  // Go's runtimeTimer fields, one slot each
static_assert(sizeof(rt::timer) <= kTimerSlots * sizeof(Slot));

rt::timer* timer_at(Slot p) { return vm::as_ptr<rt::timer>(p); }

// The fields of time.Time (stdlib/go/time.go) for the instant now: seconds
// since January 1, year 1 UTC, nanoseconds, the monotonic clock reading.
struct TimeNow {
  int64_t sec, nsec, mono;
};

TimeNow time_now() {
  constexpr int64_t kUnixToInternal = (1969 * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * 86400LL;
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return {int64_t(ts.tv_sec) + kUnixToInternal, int64_t(ts.tv_nsec), rt::nanotime()};
}

// time.Now() as the channel carries it: {sec, nsec, mono, local}, a slot each.
void sendTime(void* c, uintptr_t) {
  TimeNow n = time_now();
  Slot t[4] = {Slot(n.sec), Slot(n.nsec), Slot(n.mono), from_bool(true)};
  rt::chansend(static_cast<rt::hchan*>(c), t, /*block=*/false);
}

void goFunc(void* fn, uintptr_t) { vm::go_start_detached(static_cast<vm::Closure*>(fn), "time.goFunc"); }

void now(Thread&, Slot* a) {
  TimeNow n = time_now();
  a[0] = Slot(n.sec);
  a[1] = Slot(n.nsec);
  a[2] = Slot(n.mono);
}

// func zone(sec int64) (name string, offset int): the C library's local
// zone (TZ, else /etc/localtime), which is where Go's time.Local comes from.
void zone(Thread&, Slot* a) {
  time_t sec = time_t(arg_int(a[0]));
  tm local;
  localtime_r(&sec, &local);
  a[0] = vm::make_string(local.tm_zone ? local.tm_zone : "UTC");
  a[1] = from_int(local.tm_gmtoff);
}

// Go's runtime.startNano: taken while the program loads, one before the
// first reading a program can make, so "m=" is always positive.
const int64_t kStartNano = rt::nanotime() - 1;

void startNano(Thread&, Slot* a) { a[0] = Slot(kStartNano); }

void Sleep(Thread&, Slot* a) {
  int64_t d = arg_int(a[0]);
  if (d > 0) rt::timeSleep(d);
}

// Go's when(): now + d, saturating.
void when(Thread&, Slot* a) {
  int64_t d = arg_int(a[0]);
  int64_t t = rt::nanotime();
  if (d <= 0) {
    a[0] = Slot(t);
    return;
  }
  int64_t w = t + d;
  a[0] = Slot(w < 0 ? rt::maxWhen : w);
}

// startTimer(r, when, period, c, f)
void startTimer(Thread&, Slot* a) {
  rt::timer* t = timer_at(a[0]);
  t->when = arg_int(a[1]);
  t->period = arg_int(a[2]);
  if (a[3]) {
    t->f = sendTime;
    t->arg = vm::as_ptr<void>(a[3]);
  } else {
    t->f = goFunc;
    t->arg = vm::as_ptr<void>(a[4]);
  }
  t->seq = 0;
  rt::addtimer(t);
}

void stopTimer(Thread&, Slot* a) { a[0] = from_bool(rt::deltimer(timer_at(a[0]))); }

void resetTimer(Thread&, Slot* a) { a[0] = from_bool(rt::resettimer(timer_at(a[0]), arg_int(a[1]))); }

void modTimer(Thread&, Slot* a) {
  rt::timer* t = timer_at(a[0]);
  rt::modtimer(t, arg_int(a[1]), arg_int(a[2]), t->f, t->arg, t->seq);
}

const vm::NativeEntry kNatives[] = {
    {"time.now", now},
    {"time.Sleep", Sleep},
    {"time.zone", zone},
    {"time.startNano", startNano},
    {"time.when", when},
    {"time.startTimer", startTimer},
    {"time.stopTimer", stopTimer},
    {"time.resetTimer", resetTimer},
    {"time.modTimer", modTimer},
};

}  // namespace

std::span<const vm::NativeEntry> time_natives() { return kNatives; }

}  // namespace mgo::stdlib

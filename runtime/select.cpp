// The select statement (Go's select.go), in C++.
//
// selectgo, as Go's:
//   0. shuffle the cases with a channel into a random poll order, and sort
//      them by channel address into the lock order;
//   1. lock every channel (in lock order, each once) and look, in poll
//      order, for a case that can go on at once; do it and unlock;
//   2. otherwise (and if blocking) put a sudog on every channel's queue and
//      park; selparkcommit releases the locks once the goroutine is parked.
//      The first waker to win gp->selectDone (see waitq::dequeue) completes
//      its case, sets gp->param to that case's sudog and readies us;
//   3. lock everything again, take the other sudogs off their queues, and
//      report the case the waker completed.
//
// Locking in address order is what lets two selects over the same
// channels (and a select beside plain channel operations) never deadlock.
#include "runtime/select.h"

#include <algorithm>
#include <memory>

#include "runtime/panic.h"
#include "runtime/proc.h"

namespace mgo::rt {
namespace {

// Selects with at most this many cases keep their orders and sudogs on the
// goroutine's stack; larger ones allocate them.
constexpr int kInlineCases = 8;

// Go's fastrandn: uniform in [0, n), from the running M's generator (the
// same xorshift state the scheduler steals with; only this M touches it).
uint32_t fastrandn(uint32_t n) {
  m* mp = getg()->mp;
  uint32_t x = mp->fastrand;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  mp->fastrand = x;
  return uint32_t((uint64_t(x) * n) >> 32);
}

// Locks every channel of the cases in lock order; a channel present in
// several cases is adjacent to itself there and is locked once.
void sellock(scase* scases, const int32_t* lockorder, int n) {
  hchan* c = nullptr;
  for (int i = 0; i < n; ++i) {
    hchan* c0 = scases[lockorder[i]].c;
    if (c0 != c) {
      c = c0;
      c->lock.lock();
    }
  }
}

// Unlocks in reverse lock order. Nothing may touch scases after the last
// unlock: once parked (selparkcommit) a waker may resume the goroutine,
// whose stack holds them.
void selunlock(scase* scases, const int32_t* lockorder, int n) {
  for (int i = n - 1; i >= 0; --i) {
    hchan* c = scases[lockorder[i]].c;
    if (i > 0 && c == scases[lockorder[i - 1]].c) continue;  // unlocked at i-1
    c->lock.unlock();
  }
}

// selunlock as the unlockf that send/recv call before readying a partner.
struct selunlockArg {
  scase* scases;
  const int32_t* lockorder;
  int n;
};
void selunlockf(void* arg) {
  auto* a = static_cast<selunlockArg*>(arg);
  selunlock(a->scases, a->lockorder, a->n);
}

// gopark's unlockf for a select: the goroutine is parked; release every
// channel lock. It walks gp->waiting (the sudogs in lock order), not the
// cases: after a channel is unlocked the goroutine may be readied, and
// only sudogs of channels still locked may be touched (their fields,
// waitlink included, are guarded by their channel's lock).
bool selparkcommit(g* gp, void*) {
  hchan* lastc = nullptr;
  for (sudog* sg = gp->waiting; sg; sg = sg->waitlink) {
    if (sg->c != lastc && lastc) lastc->lock.unlock();
    lastc = sg->c;
  }
  if (lastc) lastc->lock.unlock();
  return true;
}

// Storage for the poll and lock orders (and the sudogs, when parking):
// on the stack for small selects.
template <class T, int N>
struct SmallArray {
  T inline_[N];
  std::unique_ptr<T[]> heap_;
  T* data;
  explicit SmallArray(int n) : data(n <= N ? inline_ : (heap_.reset(new T[n]), heap_.get())) {}
  void release() { heap_.reset(); }
};

// Passes 2 and 3: enqueue a sudog on every channel (all locked, in lock
// order), park, and once woken take the sudogs off again. Returns the
// index of the case the waker completed, and its sudog's success flag.
// Leaves every channel unlocked.
std::pair<int, bool> selectpark(scase* scases, int nsends, const int32_t* lockorder, int norder) {
  g* gp = getg();
  if (gp->waiting) throw_("gp.waiting != nil");
  SmallArray<sudog, kInlineCases> sgs(norder);

  // Pass 2: one sudog per case, enqueued on its channel; gp->waiting links
  // them in lock order for selparkcommit and pass 3.
  sudog** nextp = &gp->waiting;
  for (int i = 0; i < norder; ++i) {
    int casi = lockorder[i];
    scase* cas = &scases[casi];
    sudog* sg = &sgs.data[i];
    *sg = sudog{};
    sg->gp = gp;
    sg->isSelect = true;
    sg->elem = cas->elem;
    sg->c = cas->c;
    *nextp = sg;
    nextp = &sg->waitlink;
    if (casi < nsends) cas->c->sendq.enqueue(sg); else cas->c->recvq.enqueue(sg);
  }
  gp->param = nullptr;
  gopark(selparkcommit, nullptr, waitReason::select_);

  sellock(scases, lockorder, norder);

  // The winner set selectDone; no other waker can see our sudogs any more
  // (they are all behind locks we hold), so reset it for the next select.
  gp->selectDone.store(0, std::memory_order_relaxed);
  sudog* sg = static_cast<sudog*>(gp->param);
  gp->param = nullptr;

  // Pass 3: dequeue from the channels that did not fire, or they would
  // pile up sudogs on quiet channels; find the case that did.
  int casi = -1;
  bool caseSuccess = false;
  sudog* sglist = gp->waiting;
  for (sudog* sg1 = gp->waiting; sg1; sg1 = sg1->waitlink) {
    sg1->isSelect = false;
    sg1->elem = nullptr;
    sg1->c = nullptr;
  }
  gp->waiting = nullptr;
  for (int i = 0; i < norder; ++i) {
    int casei = lockorder[i];
    scase* k = &scases[casei];
    if (sg == sglist) {
      // Already dequeued by the goroutine that woke us.
      casi = casei;
      caseSuccess = sglist->success;
    } else if (casei < nsends) {
      k->c->sendq.dequeueSudoG(sglist);
    } else {
      k->c->recvq.dequeueSudoG(sglist);
    }
    sudog* sgnext = sglist->waitlink;
    sglist->waitlink = nullptr;
    sglist = sgnext;
  }
  if (casi < 0) throw_("selectgo: bad wakeup");
  selunlock(scases, lockorder, norder);
  return {casi, caseSuccess};
}

}  // namespace

std::pair<int, bool> selectgo(scase* scases, int nsends, int nrecvs, bool block) {
  int ncases = nsends + nrecvs;
  SmallArray<int32_t, 2 * kInlineCases> order(2 * ncases);
  int32_t* pollorder = order.data;
  int32_t* lockorder = order.data + ncases;

  // A random permutation of the cases that have a channel (inside-out
  // Fisher-Yates): every ready case gets the same chance in pass 1.
  int norder = 0;
  for (int i = 0; i < ncases; ++i) {
    scase* cas = &scases[i];
    if (!cas->c) {  // a nil channel: never ready, never locked
      cas->elem = nullptr;
      continue;
    }
    uint32_t j = fastrandn(uint32_t(norder + 1));
    pollorder[norder] = pollorder[j];
    pollorder[j] = i;
    norder++;
  }

  // The lock order: by channel address. Starting from the poll order
  // leaves cases on one channel in random order among themselves. (Go
  // heap-sorts for a bounded stack; std::sort's recursion is logarithmic.)
  std::copy(pollorder, pollorder + norder, lockorder);
  std::sort(lockorder, lockorder + norder, [scases](int32_t a, int32_t b) {
    return reinterpret_cast<uintptr_t>(scases[a].c) < reinterpret_cast<uintptr_t>(scases[b].c);
  });

  sellock(scases, lockorder, norder);
  selunlockArg unlockArg{scases, lockorder, norder};

  // Pass 1: look for a case that can go on now.
  for (int n = 0; n < norder; ++n) {
    int casi = pollorder[n];
    scase* cas = &scases[casi];
    hchan* c = cas->c;
    if (casi >= nsends) {
      if (sudog* sg = c->sendq.dequeue()) {
        // A sender is waiting.
        recv(c, sg, cas->elem, selunlockf, &unlockArg);
        return {casi, true};
      }
      if (c->qcount.load(std::memory_order_relaxed) > 0) {
        // A value in the buffer.
        uint8_t* qp = chanbuf(c, c->recvx);
        if (cas->elem) typedmemmove(c, cas->elem, qp);
        typedmemclr(c, qp);
        if (++c->recvx == c->dataqsiz) c->recvx = 0;
        c->qcount.store(c->qcount.load(std::memory_order_relaxed) - 1, std::memory_order_release);
        selunlock(scases, lockorder, norder);
        return {casi, true};
      }
      if (c->closed.load(std::memory_order_relaxed) != 0) {
        // Closed and drained: the zero value, ok false.
        selunlock(scases, lockorder, norder);
        if (cas->elem) typedmemclr(c, cas->elem);
        return {casi, false};
      }
    } else {
      if (c->closed.load(std::memory_order_relaxed) != 0) {
        selunlock(scases, lockorder, norder);
        order.release();
        panic_plain("send on closed channel");
      }
      if (sudog* sg = c->recvq.dequeue()) {
        // A receiver is waiting.
        send(c, sg, cas->elem, selunlockf, &unlockArg);
        return {casi, false};
      }
      if (c->qcount.load(std::memory_order_relaxed) < c->dataqsiz) {
        // Room in the buffer.
        typedmemmove(c, chanbuf(c, c->sendx), cas->elem);
        if (++c->sendx == c->dataqsiz) c->sendx = 0;
        c->qcount.store(c->qcount.load(std::memory_order_relaxed) + 1, std::memory_order_release);
        selunlock(scases, lockorder, norder);
        return {casi, false};
      }
    }
  }

  if (!block) {
    selunlock(scases, lockorder, norder);
    return {-1, false};
  }

  auto [casi, success] = selectpark(scases, nsends, lockorder, norder);
  if (casi < nsends) {
    if (!success) {  // woken by close: the send panics
      order.release();
      panic_plain("send on closed channel");
    }
    return {casi, false};
  }
  return {casi, success};
}

void block() {
  gopark(nullptr, nullptr, waitReason::selectNoCases);  // forever
  throw_("unreachable");
}

}  // namespace mgo::rt

// Channels (Go's chan.go), in C++.
//
// Invariants, as Go's:
//   at least one of c->sendq and c->recvq is empty, except for an
//   unbuffered channel with a single goroutine blocked on it for both
//   sending and receiving in a select (then the queues hold only its own
//   sudogs, which never match each other);
//   for a buffered channel: qcount > 0 implies recvq is empty, and
//   qcount < dataqsiz implies sendq is empty.
//
// A goroutine that must wait puts a sudog on the channel's queue and parks
// with gopark(parkunlock_c, &c->lock): the lock is released on g0 only
// once the goroutine is _Gwaiting, so a partner that finds the sudog can
// goready it at once. The partner does the whole operation (copying the
// element to or from the sleeper's ep under the lock), sets sg->success
// and gp->param, releases the lock and readies the sleeper, which only
// has to look at what happened.
#include "runtime/chan.h"

#include <new>

#include "runtime/panic.h"
#include "runtime/proc.h"

namespace mgo::rt {

namespace {

// Go's maxAlloc on linux/amd64 (48-bit addresses): the most one allocation
// may ask for. A buffer beyond it is "out of range", not "out of memory".
constexpr uint64_t maxAlloc = uint64_t(1) << 48;
constexpr uint64_t maxElemSize = uint64_t(1) << 16;

// Go's hchanSize: the header rounded up to 8 (maxAlign), so the buffer
// that follows it is aligned for any element.
constexpr size_t hchanSize = (sizeof(hchan) + 7) & ~size_t(7);

void unlockchan(void* c) { static_cast<hchan*>(c)->lock.unlock(); }

// Go's full(c): a send would block. Lock-free: fields are read atomically
// (see the fast path in chansend).
bool full(hchan* c) {
  if (c->dataqsiz == 0) return c->recvq.first.load(std::memory_order_relaxed) == nullptr;
  return c->qcount.load(std::memory_order_relaxed) == c->dataqsiz;
}

// Go's empty(c): a receive would block (were the channel open).
bool empty(hchan* c) {
  if (c->dataqsiz == 0) return c->sendq.first.load(std::memory_order_acquire) == nullptr;
  return c->qcount.load(std::memory_order_acquire) == 0;
}

}  // namespace

// ---------------------------------------------------------------- waitq

void waitq::enqueue(sudog* sgp) {
  sgp->next = nullptr;
  sudog* x = last;
  if (!x) {
    sgp->prev = nullptr;
    first.store(sgp, std::memory_order_relaxed);
    last = sgp;
    return;
  }
  sgp->prev = x;
  x->next = sgp;
  last = sgp;
}

sudog* waitq::dequeue() {
  for (;;) {
    sudog* sgp = first.load(std::memory_order_relaxed);
    if (!sgp) return nullptr;
    sudog* y = sgp->next;
    if (!y) {
      first.store(nullptr, std::memory_order_relaxed);
      last = nullptr;
    } else {
      y->prev = nullptr;
      first.store(y, std::memory_order_relaxed);
      sgp->next = nullptr;  // marks it removed (see dequeueSudoG)
    }
    // A select's goroutine waits on several channels at once. Between a
    // waker on another channel winning it and the goroutine taking every
    // channel lock to take its other sudogs off (selectgo's pass 3), its
    // sudog may still sit here: selectDone says someone else won, so drop
    // this sudog and look at the next.
    if (sgp->isSelect) {
      uint32_t zero = 0;
      if (!sgp->gp->selectDone.compare_exchange_strong(zero, 1, std::memory_order_acq_rel)) continue;
    }
    return sgp;
  }
}

void waitq::dequeueSudoG(sudog* sgp) {
  sudog* x = sgp->prev;
  sudog* y = sgp->next;
  if (x) {
    if (y) {  // in the middle
      x->next = y;
      y->prev = x;
      sgp->next = nullptr;
      sgp->prev = nullptr;
      return;
    }
    x->next = nullptr;  // at the end
    last = x;
    sgp->prev = nullptr;
    return;
  }
  if (y) {  // at the start
    y->prev = nullptr;
    first.store(y, std::memory_order_relaxed);
    sgp->next = nullptr;
    return;
  }
  // x == y == nullptr: either the only element, or already removed by
  // dequeue. first tells which.
  if (first.load(std::memory_order_relaxed) == sgp) {
    first.store(nullptr, std::memory_order_relaxed);
    last = nullptr;
  }
}

// ---------------------------------------------------------------- make

hchan* makechan(size_t elemsize, int64_t size, const mgo::Type* elemtype) {
  if (elemsize >= maxElemSize) throw_("makechan: invalid channel element type");
  // Go: overflow of elemsize*size, more than maxAlloc, or size < 0.
  unsigned __int128 mem = static_cast<unsigned __int128>(elemsize) * static_cast<uint64_t>(size);
  if (size < 0 || mem > maxAlloc - hchanSize) panic_plain("makechan: size out of range");

  ObjHeader* h = mallocgc(hchanSize + size_t(mem), ObjKind::Chan, elemtype);
  ObjHeader hdr = *h;
  hchan* c = new (h) hchan();
  c->hdr = hdr;
  c->elemsize = elemsize;
  c->dataqsiz = uint64_t(size);
  if (mem != 0) c->buf = reinterpret_cast<uint8_t*>(c) + hchanSize;
  return c;
}

// ---------------------------------------------------------------- send

bool chansend(hchan* c, const void* ep, bool block) {
  if (!c) {
    if (!block) return false;
    gopark(nullptr, nullptr, waitReason::chanSendNilChan);
    throw_("unreachable");
  }

  // Fast path: a failed non-blocking send, seen without the lock. We read
  // "not closed", then "not ready for sending"; since a closed channel
  // never becomes ready for sending again, there was a moment between the
  // two reads when the channel was open and full: the send fails then.
  if (!block && c->closed.load(std::memory_order_relaxed) == 0 && full(c)) return false;

  c->lock.lock();

  if (c->closed.load(std::memory_order_relaxed) != 0) {
    c->lock.unlock();
    panic_plain("send on closed channel");
  }

  if (sudog* sg = c->recvq.dequeue()) {
    // A receiver is waiting: hand the value straight to it, past the
    // buffer (which is empty, or it would not be waiting).
    send(c, sg, ep, unlockchan, c);
    return true;
  }

  if (c->qcount.load(std::memory_order_relaxed) < c->dataqsiz) {
    // Room in the buffer.
    typedmemmove(c, chanbuf(c, c->sendx), ep);
    if (++c->sendx == c->dataqsiz) c->sendx = 0;
    c->qcount.store(c->qcount.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    c->lock.unlock();
    return true;
  }

  if (!block) {
    c->lock.unlock();
    return false;
  }

  // Block: some receiver will take the value from our sudog and wake us.
  g* gp = getg();
  sudog mysg;
  mysg.elem = const_cast<void*>(ep);
  mysg.gp = gp;
  mysg.isSelect = false;
  mysg.c = c;
  gp->waiting = &mysg;
  gp->param = nullptr;
  c->sendq.enqueue(&mysg);
  gopark(parkunlock_c, &c->lock, waitReason::chanSend);

  // Someone woke us: a receiver (success) or closechan.
  if (gp->waiting != &mysg) throw_("G waiting list is corrupted");
  gp->waiting = nullptr;
  bool closed = !mysg.success;
  gp->param = nullptr;
  if (closed) {
    if (c->closed.load(std::memory_order_relaxed) == 0) throw_("chansend: spurious wakeup");
    panic_plain("send on closed channel");
  }
  return true;
}

// send: a send on channel c, whose buffer is empty, to a receiver sg
// already taken off recvq. c is locked; unlockf releases it.
void send(hchan* c, sudog* sg, const void* ep, void (*unlockf)(void*), void* arg) {
  if (sg->elem) {
    // Straight into the receiver's variable (Go's sendDirect): the
    // receiver is parked, and c's lock keeps its sudog in place.
    typedmemmove(c, sg->elem, ep);
    sg->elem = nullptr;
  }
  g* gp = sg->gp;
  unlockf(arg);
  gp->param = sg;
  sg->success = true;
  goready(gp);
}

// ---------------------------------------------------------------- receive

std::pair<bool, bool> chanrecv(hchan* c, void* ep, bool block) {
  if (!c) {
    if (!block) return {false, false};
    gopark(nullptr, nullptr, waitReason::chanReceiveNilChan);
    throw_("unreachable");
  }

  // Fast path: a failed non-blocking receive, without the lock.
  if (!block && empty(c)) {
    // "Empty, then not closed" means there was a moment when the channel
    // was empty and open: the receive fails then.
    if (c->closed.load(std::memory_order_acquire) == 0) return {false, false};
    // Closed: a closed channel never gets a new value, so empty now means
    // empty for good (acquire on closed makes the last sends visible).
    if (empty(c)) {
      if (ep) typedmemclr(c, ep);
      return {true, false};
    }
  }

  c->lock.lock();

  if (c->closed.load(std::memory_order_relaxed) != 0) {
    if (c->qcount.load(std::memory_order_relaxed) == 0) {
      c->lock.unlock();
      if (ep) typedmemclr(c, ep);
      return {true, false};
    }
    // Closed but the buffer still has values: they come out first.
  } else if (sudog* sg = c->sendq.dequeue()) {
    // A sender is waiting. Unbuffered: take its value directly. Buffered
    // (then the buffer is full): take the head of the buffer, and the
    // sender's value goes to the tail.
    recv(c, sg, ep, unlockchan, c);
    return {true, true};
  }

  if (c->qcount.load(std::memory_order_relaxed) > 0) {
    uint8_t* qp = chanbuf(c, c->recvx);
    if (ep) typedmemmove(c, ep, qp);
    typedmemclr(c, qp);  // drop what it referenced (for the collector)
    if (++c->recvx == c->dataqsiz) c->recvx = 0;
    c->qcount.store(c->qcount.load(std::memory_order_relaxed) - 1, std::memory_order_release);
    c->lock.unlock();
    return {true, true};
  }

  if (!block) {
    c->lock.unlock();
    return {false, false};
  }

  // Block: some sender will put its value in *ep and wake us.
  g* gp = getg();
  sudog mysg;
  mysg.elem = ep;
  mysg.gp = gp;
  mysg.isSelect = false;
  mysg.c = c;
  gp->waiting = &mysg;
  gp->param = nullptr;
  c->recvq.enqueue(&mysg);
  gopark(parkunlock_c, &c->lock, waitReason::chanReceive);

  // Someone woke us: a sender (success) or closechan (ep zeroed).
  if (gp->waiting != &mysg) throw_("G waiting list is corrupted");
  gp->waiting = nullptr;
  bool success = mysg.success;
  gp->param = nullptr;
  return {true, success};
}

// recv: a receive on channel c from a sender sg already taken off sendq.
// c is locked; unlockf releases it.
void recv(hchan* c, sudog* sg, void* ep, void (*unlockf)(void*), void* arg) {
  if (c->dataqsiz == 0) {
    // Straight from the sender's variable (Go's recvDirect).
    if (ep) typedmemmove(c, ep, sg->elem);
  } else {
    // The buffer is full. Take the head; the sender's value goes into the
    // slot just freed, which is the new tail: head and tail both advance
    // by one and stay equal.
    uint8_t* qp = chanbuf(c, c->recvx);
    if (ep) typedmemmove(c, ep, qp);
    typedmemmove(c, qp, sg->elem);
    if (++c->recvx == c->dataqsiz) c->recvx = 0;
    c->sendx = c->recvx;
  }
  sg->elem = nullptr;
  g* gp = sg->gp;
  unlockf(arg);
  gp->param = sg;
  sg->success = true;
  goready(gp);
}

// ---------------------------------------------------------------- close

void closechan(hchan* c) {
  if (!c) panic_plain("close of nil channel");

  c->lock.lock();
  if (c->closed.load(std::memory_order_relaxed) != 0) {
    c->lock.unlock();
    panic_plain("close of closed channel");
  }
  // Release: a lock-free receive that sees closed also sees every value
  // sent before the close (see chanrecv's fast path).
  c->closed.store(1, std::memory_order_release);

  // Collect every waiter (through schedlink, free while it waits), and
  // ready them once the lock is released.
  g* glist = nullptr;

  // Receivers get the zero value and ok == false.
  while (sudog* sg = c->recvq.dequeue()) {
    if (sg->elem) {
      typedmemclr(c, sg->elem);
      sg->elem = nullptr;
    }
    g* gp = sg->gp;
    gp->param = sg;
    sg->success = false;
    gp->schedlink = glist;
    glist = gp;
  }
  // Senders panic when they resume.
  while (sudog* sg = c->sendq.dequeue()) {
    sg->elem = nullptr;
    g* gp = sg->gp;
    gp->param = sg;
    sg->success = false;
    gp->schedlink = glist;
    glist = gp;
  }
  c->lock.unlock();

  while (g* gp = glist) {
    glist = gp->schedlink;
    gp->schedlink = nullptr;
    goready(gp);
  }
}

// ---------------------------------------------------------------- len, cap

int64_t chanlen(hchan* c) {
  if (!c) return 0;
  return int64_t(c->qcount.load(std::memory_order_relaxed));
}

int64_t chancap(hchan* c) {
  if (!c) return 0;
  return int64_t(c->dataqsiz);
}

}  // namespace mgo::rt

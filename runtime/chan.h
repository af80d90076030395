// Channels (Go's chan.go): hchan, sudog, waitq and the operations the VM
// calls for make(chan T, n), c <- v, <-c, v, ok := <-c, close(c), len and
// cap. select is in select.h, on the same structures.
//
// Elements are byte blobs of `elemsize` bytes (a VM value of several 8-byte
// slots is copied as one block); an element moves with memcpy, and
// elemsize 0 (chan struct{}) moves nothing. Every operation takes and gives
// a pointer to the element: `ep` points to the caller's memory (a VM
// register, a stack slot), never into the channel. While the caller is
// parked, a partner on another thread reads or writes *ep directly, so ep
// must stay put until the operation returns: a VM stack that grows by
// copying is safe, since it moves only while its own goroutine runs.
//
// Read chan.cpp beside Go's chan.go: the algorithm and the names are Go's.
// A blocked sender or receiver waits on the channel's queue as a sudog; a
// partner finding it there copies the element straight to or from the
// sleeper's ep (no trip through the buffer) and readies it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/runtime2.h"

namespace mgo::rt {

struct hchan;

// A goroutine waiting on a channel (Go's sudog). One goroutine can wait on
// many channels (select: one sudog per case), and one channel has many
// waiters, so the queue links live here, not in g.
//
// mgo's sudogs live on the waiting goroutine's own stack (Go allocates them
// from a cache because Go stacks move; ours never do). A sudog is on a
// queue only while its goroutine is parked, and is off every queue before
// the goroutine's chansend/chanrecv/selectgo returns.
struct sudog {
  g* gp = nullptr;          // the waiting goroutine
  sudog* next = nullptr;    // the channel's queue (guarded by c->lock)
  sudog* prev = nullptr;
  void* elem = nullptr;     // data element; may point to the waiter's stack, may be null
  bool isSelect = false;    // gp is in select: wakers must win gp->selectDone first
  // Whether the waker completed the operation (true) or the goroutine was
  // woken because the channel was closed (false).
  bool success = false;
  sudog* waitlink = nullptr;  // gp->waiting list (select: in lock order)
  hchan* c = nullptr;         // the channel it waits on
};

// A FIFO of waiting sudogs (Go's waitq). first is atomic only so that the
// lock-free non-blocking fast paths may peek at it; it is written under
// the channel lock.
struct waitq {
  std::atomic<sudog*> first{nullptr};
  sudog* last = nullptr;

  void enqueue(sudog* sgp);
  // Removes and returns the first sudog whose goroutine can still be
  // woken: a select's sudog is skipped (and dropped) if another case of
  // that select has already won (gp->selectDone).
  sudog* dequeue();
  // Removes sgp wherever it is; nothing if it has already been dequeued.
  void dequeueSudoG(sudog* sgp);
};

// The channel (Go's hchan). Allocated by mallocgc as one object (ObjKind
// Chan); the ring buffer of dataqsiz elements follows it in memory.
struct hchan {
  ObjHeader hdr;                       // for the collector; hdr.type: the element type if given
  std::atomic<uint64_t> qcount{0};     // elements in the buffer (len); written under lock
  uint64_t dataqsiz = 0;               // buffer size in elements (cap)
  uint8_t* buf = nullptr;              // the ring buffer (nullptr when it holds no bytes)
  uint64_t elemsize = 0;               // bytes per element
  std::atomic<uint32_t> closed{0};     // written under lock (release), read lock-free (acquire)
  uint64_t sendx = 0;                  // send index into buf
  uint64_t recvx = 0;                  // receive index into buf
  waitq recvq;                         // blocked receivers
  waitq sendq;                         // blocked senders
  // Protects every field above (but dataqsiz, elemsize, buf) and the
  // sudogs on recvq/sendq. Taken on a goroutine, possibly released on g0
  // by gopark's unlockf: hence rt::mutex.
  mutex lock;
};

// ---------------------------------------------------------------- the VM's API

// make(chan T, size): a channel of `size` elements of `elemsize` bytes
// (elemtype goes in the object header for the collector; may be null).
// Panics "makechan: size out of range" (Go's plainError) for a negative
// size or a buffer larger than Go allows; elemsize must be < 64 KiB (the
// checker rejects larger element types, as Go's compiler does).
hchan* makechan(size_t elemsize, int64_t size, const mgo::Type* elemtype = nullptr);

// c <- *ep. With block, returns true once sent (parking the goroutine with
// waitReason chanSend while it must wait). Without block (select with one
// case and default, as Go's selectnbsend) returns false instead of
// waiting. A nil c blocks forever (waitReason chanSendNilChan), or returns
// false without block. Panics "send on closed channel" if c is closed, or
// gets closed while the sender waits.
bool chansend(hchan* c, const void* ep, bool block);

// v, ok := <-c into *ep (ep null: the value is discarded). Returns
// (selected, received): selected is false only for a non-blocking receive
// that would have had to wait (Go's selectnbrecv); received is false when
// the channel is closed and drained, and then *ep is zeroed. Blocking
// parks with waitReason chanReceive. A nil c blocks forever (waitReason
// chanReceiveNilChan), or returns (false, false) without block.
std::pair<bool, bool> chanrecv(hchan* c, void* ep, bool block);

// close(c). Wakes every waiting receiver (with zero values, ok false) and
// every waiting sender (which then panics). Panics "close of nil channel"
// and "close of closed channel".
void closechan(hchan* c);

// len(c) and cap(c); 0 for a nil channel.
int64_t chanlen(hchan* c);
int64_t chancap(hchan* c);

// ---------------------------------------------------------------- for select.cpp

// The i'th slot of the ring buffer.
inline uint8_t* chanbuf(hchan* c, uint64_t i) { return c->buf + i * c->elemsize; }

// Go's send/recv: complete an operation with a sudog taken off the
// channel's queue, with c locked; unlockf(arg) releases the lock(s) before
// the partner is readied. send copies *ep to the receiver (c's buffer is
// empty); recv takes the sender's value (c's buffer, if any, is full: the
// receiver gets the head of the buffer and the sender's value goes to the
// tail).
void send(hchan* c, sudog* sg, const void* ep, void (*unlockf)(void*), void* arg);
void recv(hchan* c, sudog* sg, void* ep, void (*unlockf)(void*), void* arg);

// Go's typedmemmove / typedmemclr for one element (elemsize 0: nothing;
// memcpy with a null pointer would be undefined even for 0 bytes). Most
// of mgo's elements are one 8-byte VM slot: those move inline, not through
// a libc call of a size known only at run time.
inline void typedmemmove(hchan* c, void* dst, const void* src) {
  if (c->elemsize == 8) {
    uint64_t v;
    std::memcpy(&v, src, 8);
    std::memcpy(dst, &v, 8);
  } else if (c->elemsize != 0) {
    std::memmove(dst, src, c->elemsize);
  }
}

inline void typedmemclr(hchan* c, void* ptr) {
  if (c->elemsize != 0) std::memset(ptr, 0, c->elemsize);
}

}  // namespace mgo::rt

// Semaphores for goroutines (Go's sema.go): the sleeping half of the sync
// package. Mutex, RWMutex and WaitGroup (sync.h) spin and CAS on their own
// state words and come here only to block or to wake a blocked goroutine.
//
// A semaphore is any uint32_t in memory, counting available "tickets".
// semacquire takes one, parking the goroutine until one is released;
// semrelease adds one and wakes a waiter. Waiters are kept outside the
// word, in a hash table keyed by its address (semtable), so a semaphore is
// four bytes and its zero value needs no initialisation, as in Go.
//
// notifyList is the ticket-based wait list under sync.Cond.
#pragma once

#include <atomic>
#include <cstdint>

#include "runtime/lock.h"
#include "runtime/runtime2.h"

namespace mgo::rt {

// A goroutine waiting on a semaphore or a notifyList: the part of Go's
// sudog that sema.go uses. It lives in the parked goroutine's frame (our
// stacks never move, so no sudog cache is needed); whoever dequeues it
// must not touch it after goready, when that frame may be gone. (Channels
// have their own sudog, with an element pointer and select state.)
struct semaSudog {
  g* gp = nullptr;
  uint32_t* elem = nullptr;      // the semaphore's address
  semaSudog* next = nullptr;     // semaRoot: next distinct address; notifyList: next waiter
  semaSudog* prev = nullptr;
  semaSudog* waitlink = nullptr; // semaRoot: next waiter on the same address
  semaSudog* waittail = nullptr; // semaRoot: last waiter on the same address (head only)
  uint32_t ticket = 0;           // sema: 1 = the releaser handed the ticket over;
                                 // notifyList: the waiter's ticket number
};

// Takes one ticket from *addr, parking the goroutine (with `reason`) until
// one is available. lifo: queue at the head of addr's waiters rather than
// the tail (sync.Mutex re-queues a waiter that has already waited there, so
// it is next). Must be called on a goroutine.
void semacquire1(uint32_t* addr, bool lifo, waitReason reason);
inline void semacquire(uint32_t* addr) { semacquire1(addr, false, waitReason::semacquire); }

// Adds one ticket to *addr and readies the first waiter, if any. handoff:
// give the ticket straight to that waiter (no goroutine that comes along
// can take it first) and yield so it runs now: sync.Mutex's starvation mode.
void semrelease1(uint32_t* addr, bool handoff);
inline void semrelease(uint32_t* addr) { semrelease1(addr, false); }

// Goroutines parked on addr now (for tests and dumps; racy by nature).
uint32_t semawaiters(uint32_t* addr);

// Forgets every waiter. For the end of run_main only, when no goroutine
// runs: goroutines it discards while they wait on a semaphore are still
// queued in the (process-wide) semtable, their sudogs in freed stacks, and
// a later run_main would trip over them. (Go needs no such thing: its
// process ends with its main goroutine.)
void semtable_reset();

// Go's notifyList: a ticket-based list of waiters for sync.Cond. A waiter
// takes a ticket (notifyListAdd) while it holds the Cond's lock, drops the
// lock, then waits for that ticket (notifyListWait); notify wakes tickets
// in order. Because the ticket is taken under the lock, a notify that
// happens between the unlock and the wait is not lost.
struct notifyList {
  std::atomic<uint32_t> wait{0};   // next ticket to hand out
  std::atomic<uint32_t> notify{0}; // next ticket to be notified
  mutex lock;
  semaSudog* head = nullptr;
  semaSudog* tail = nullptr;
};

uint32_t notifyListAdd(notifyList* l);
void notifyListWait(notifyList* l, uint32_t t);
void notifyListNotifyOne(notifyList* l);
void notifyListNotifyAll(notifyList* l);

}  // namespace mgo::rt

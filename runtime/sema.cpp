// Semaphores (Go's sema.go). Read beside it: the names are Go's.
//
// Waiters are found through semtable, a fixed hash table of semaRoots keyed
// by the semaphore's address. Each root keeps, under its lock, the waiters
// of every address that hashes to it: one list entry per distinct address
// (linked by next/prev), and behind each entry that address's waiters in
// FIFO order (waitlink, with waittail at the head). Go keeps the distinct
// addresses in a treap so a root with thousands of contended addresses
// stays O(log n); with 251 roots and the handful of hot semaphores an mgo
// program has, a linear list is as fast and much shorter.
//
// The counter is the semaphore itself and is changed only by atomic ops;
// root.nwait lets semrelease skip the lock when nobody waits. The race
// between a waiter deciding to sleep and a releaser deciding nobody
// sleeps is closed as in Go: the waiter increments nwait under the root
// lock and then tries the counter once more; a releaser increments the
// counter first and then reads nwait.
#include "runtime/sema.h"

#include "runtime/proc.h"

namespace mgo::rt {
namespace {

struct semaRoot {
  mutex lock;
  semaSudog* head = nullptr;       // one entry per distinct waited-on address
  std::atomic<uint32_t> nwait{0};  // waiters; read without the lock

  void queue(uint32_t* addr, semaSudog* s, bool lifo);
  semaSudog* dequeue(uint32_t* addr);
};

// Go's semTabSize: a prime, so addresses with a common stride spread out.
constexpr uintptr_t semTabSize = 251;

struct alignas(64) semTableEntry {  // one root per cache line: no false sharing
  semaRoot root;
};
semTableEntry semtable[semTabSize];

semaRoot* rootFor(uint32_t* addr) {
  return &semtable[(reinterpret_cast<uintptr_t>(addr) >> 3) % semTabSize].root;
}

// Takes a ticket if one is there, without blocking.
bool cansemacquire(uint32_t* addr) {
  std::atomic_ref<uint32_t> v(*addr);
  for (;;) {
    uint32_t n = v.load(std::memory_order_acquire);
    if (n == 0) return false;
    if (v.compare_exchange_weak(n, n - 1, std::memory_order_acquire)) return true;
  }
}

// Adds s, for the running goroutine, to addr's waiters. Lock held.
void semaRoot::queue(uint32_t* addr, semaSudog* s, bool lifo) {
  s->gp = getg();
  s->elem = addr;
  s->next = s->prev = nullptr;
  s->waitlink = s->waittail = nullptr;
  s->ticket = 0;
  for (semaSudog* t = head; t; t = t->next) {
    if (t->elem != addr) continue;
    if (lifo) {
      // s takes t's place as the entry for addr, with t's list behind it.
      s->next = t->next;
      s->prev = t->prev;
      if (s->next) s->next->prev = s;
      if (s->prev) s->prev->next = s; else head = s;
      s->waitlink = t;
      s->waittail = t->waittail ? t->waittail : t;
      t->next = t->prev = nullptr;
      t->waittail = nullptr;
    } else {
      // Behind the last waiter for addr.
      if (t->waittail) t->waittail->waitlink = s; else t->waitlink = s;
      t->waittail = s;
    }
    return;
  }
  // First waiter for addr: a new entry at the front.
  s->next = head;
  if (head) head->prev = s;
  head = s;
}

// Removes and returns the first waiter for addr, or nullptr. Lock held.
semaSudog* semaRoot::dequeue(uint32_t* addr) {
  semaSudog* s = head;
  while (s && s->elem != addr) s = s->next;
  if (!s) return nullptr;
  if (semaSudog* t = s->waitlink) {
    // The next waiter becomes the entry for addr.
    t->next = s->next;
    t->prev = s->prev;
    if (t->next) t->next->prev = t;
    if (t->prev) t->prev->next = t; else head = t;
    t->waittail = s->waittail == t ? nullptr : s->waittail;
  } else {
    if (s->next) s->next->prev = s->prev;
    if (s->prev) s->prev->next = s->next; else head = s->next;
  }
  s->next = s->prev = nullptr;
  s->waitlink = s->waittail = nullptr;
  return s;
}

// Go's less(a, b) for wrapping ticket numbers.
bool less(uint32_t a, uint32_t b) { return int32_t(a - b) < 0; }

}  // namespace

void semacquire1(uint32_t* addr, bool lifo, waitReason reason) {
  if (cansemacquire(addr)) return;  // easy case
  semaSudog s;                      // lives in this frame while we are parked
  semaRoot* root = rootFor(addr);
  for (;;) {
    root->lock.lock();
    // Counted in nwait first, so a release after our next look sees us.
    root->nwait.fetch_add(1, std::memory_order_seq_cst);
    if (cansemacquire(addr)) {
      root->nwait.fetch_sub(1, std::memory_order_relaxed);
      root->lock.unlock();
      return;
    }
    root->queue(addr, &s, lifo);
    gopark(parkunlock_c, &root->lock, reason);
    // Woken: either handed the ticket (s.ticket) or told to compete for it.
    // Someone else took it: wait again (where lifo says, as Go does).
    if (s.ticket != 0 || cansemacquire(addr)) return;
  }
}

void semrelease1(uint32_t* addr, bool handoff) {
  semaRoot* root = rootFor(addr);
  std::atomic_ref<uint32_t>(*addr).fetch_add(1, std::memory_order_seq_cst);
  // Easy case: nobody waits. (A waiter that counted itself after this load
  // will see the ticket we just added before it sleeps.)
  if (root->nwait.load(std::memory_order_seq_cst) == 0) return;
  root->lock.lock();
  if (root->nwait.load(std::memory_order_relaxed) == 0) {
    root->lock.unlock();
    return;
  }
  semaSudog* s = root->dequeue(addr);
  if (s) root->nwait.fetch_sub(1, std::memory_order_relaxed);
  root->lock.unlock();
  if (!s) return;
  // s lives on the waiter's stack: read what we need before goready.
  g* gp = s->gp;
  bool handedOff = handoff && cansemacquire(addr);
  if (handedOff) s->ticket = 1;
  goready(gp);
  // Direct hand-off: the waiter is in our P's runnext; let it run now
  // (Go's goyield; Gosched is the nearest our scheduler has).
  if (handedOff) Gosched();
}

uint32_t semawaiters(uint32_t* addr) {
  semaRoot* root = rootFor(addr);
  root->lock.lock();
  uint32_t n = 0;
  for (semaSudog* t = root->head; t; t = t->next) {
    if (t->elem != addr) continue;
    for (semaSudog* w = t; w; w = w->waitlink) ++n;
  }
  root->lock.unlock();
  return n;
}

void semtable_reset() {
  for (semTableEntry& e : semtable) {
    e.root.lock.lock();
    e.root.head = nullptr;
    e.root.nwait.store(0, std::memory_order_relaxed);
    e.root.lock.unlock();
  }
}

// ---------------------------------------------------------------- notifyList

uint32_t notifyListAdd(notifyList* l) {
  return l->wait.fetch_add(1, std::memory_order_seq_cst);
}

void notifyListWait(notifyList* l, uint32_t t) {
  l->lock.lock();
  // Already notified (notify ran between our Add and now): no wait.
  if (less(t, l->notify.load(std::memory_order_relaxed))) {
    l->lock.unlock();
    return;
  }
  semaSudog s;
  s.gp = getg();
  s.ticket = t;
  if (l->tail) l->tail->next = &s; else l->head = &s;
  l->tail = &s;
  gopark(parkunlock_c, &l->lock, waitReason::syncCondWait);
}

void notifyListNotifyAll(notifyList* l) {
  // Fast path: no waiters since the last notify.
  if (l->wait.load(std::memory_order_seq_cst) == l->notify.load(std::memory_order_seq_cst)) return;
  l->lock.lock();
  semaSudog* s = l->head;
  l->head = l->tail = nullptr;
  // Every ticket handed out so far counts as notified, including those of
  // waiters that have not reached notifyListWait yet.
  l->notify.store(l->wait.load(std::memory_order_seq_cst), std::memory_order_seq_cst);
  l->lock.unlock();
  while (s) {
    semaSudog* next = s->next;  // before goready: s dies with the waiter's frame
    goready(s->gp);
    s = next;
  }
}

void notifyListNotifyOne(notifyList* l) {
  if (l->wait.load(std::memory_order_seq_cst) == l->notify.load(std::memory_order_seq_cst)) return;
  l->lock.lock();
  uint32_t t = l->notify.load(std::memory_order_relaxed);
  if (t == l->wait.load(std::memory_order_seq_cst)) {
    l->lock.unlock();
    return;
  }
  // Ticket t is notified whether or not its waiter is on the list yet (if
  // not, notifyListWait will see it and not sleep).
  l->notify.store(t + 1, std::memory_order_seq_cst);
  for (semaSudog *p = nullptr, *s = l->head; s; p = s, s = s->next) {
    if (s->ticket != t) continue;
    semaSudog* n = s->next;
    if (p) p->next = n; else l->head = n;
    if (!n) l->tail = p;
    l->lock.unlock();
    goready(s->gp);
    return;
  }
  l->lock.unlock();
}

}  // namespace mgo::rt

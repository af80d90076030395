// Natives of packages sync and sync/atomic (stdlib/go/sync.go,
// stdlib/go/sync/atomic.go) on the runtime's sync objects (runtime/sync.h).
//
// A Go sync.Mutex is a struct of a few slots; the runtime's Mutex lives in
// those bytes (its zero bits are an unlocked mutex, as Go's). The receiver
// is the register representation of *Mutex: a Slot* to the struct's first
// slot, which is 16-byte aligned or at a slot boundary (8 bytes): enough for
// the runtime objects, whose members are at most 8 bytes wide.
#include <atomic>

#include "runtime/sema.h"
#include "runtime/sync.h"
#include "stdlib/natives.h"

namespace mgo::stdlib {

namespace {

template <class T, int kSlots>
T* in_slots(Slot p) {
  static_assert(sizeof(T) <= kSlots * sizeof(Slot) && alignof(T) <= alignof(Slot));
  return vm::as_ptr<T>(p);
}

// Go 1.19's field layouts in slots: Mutex{state, sema} 2, RWMutex 6,
// WaitGroup{noCopy, state1, state2} 2, notifyList 5.
rt::Mutex* mutex(Slot p) { return in_slots<rt::Mutex, 2>(p); }
rt::RWMutex* rwmutex(Slot p) { return in_slots<rt::RWMutex, 6>(p); }
rt::WaitGroup* waitgroup(Slot p) { return in_slots<rt::WaitGroup, 2>(p); }
rt::notifyList* notifylist(Slot p) { return in_slots<rt::notifyList, 5>(p); }

void MutexLock(Thread&, Slot* a) { mutex(a[0])->Lock(); }
void MutexTryLock(Thread&, Slot* a) { a[0] = from_bool(mutex(a[0])->TryLock()); }
void MutexUnlock(Thread&, Slot* a) { mutex(a[0])->Unlock(); }
void RLock(Thread&, Slot* a) { rwmutex(a[0])->RLock(); }
void TryRLock(Thread&, Slot* a) { a[0] = from_bool(rwmutex(a[0])->TryRLock()); }
void RUnlock(Thread&, Slot* a) { rwmutex(a[0])->RUnlock(); }
void RWLock(Thread&, Slot* a) { rwmutex(a[0])->Lock(); }
void RWTryLock(Thread&, Slot* a) { a[0] = from_bool(rwmutex(a[0])->TryLock()); }
void RWUnlock(Thread&, Slot* a) { rwmutex(a[0])->Unlock(); }
void WGAdd(Thread&, Slot* a) { waitgroup(a[0])->Add(arg_int(a[1])); }
void WGWait(Thread&, Slot* a) { waitgroup(a[0])->Wait(); }

std::atomic_ref<Slot> slot_at(Slot p) { return std::atomic_ref<Slot>(*vm::as_ptr<Slot>(p)); }

void onceDone(Thread&, Slot* a) { a[0] = from_bool(slot_at(a[0]).load(std::memory_order_acquire) != 0); }
void setOnceDone(Thread&, Slot* a) { slot_at(a[0]).store(1, std::memory_order_release); }

void nlAdd(Thread&, Slot* a) { a[0] = rt::notifyListAdd(notifylist(a[0])); }
void nlWait(Thread&, Slot* a) { rt::notifyListWait(notifylist(a[0]), uint32_t(a[1])); }
void nlOne(Thread&, Slot* a) { rt::notifyListNotifyOne(notifylist(a[0])); }
void nlAll(Thread&, Slot* a) { rt::notifyListNotifyAll(notifylist(a[0])); }

// ---- sync/atomic. A narrow integer lives in its slot extended to 64 bits
// (signed: sign-extended, unsigned: zero-extended); so does every result.
Slot sext32(Slot v) { return Slot(int64_t(int32_t(uint32_t(v)))); }
Slot zext32(Slot v) { return Slot(uint32_t(v)); }
Slot same(Slot v) { return v; }

template <Slot (*Norm)(Slot)>
void Add(Thread&, Slot* a) {
  auto s = slot_at(a[0]);
  Slot old = s.load(std::memory_order_relaxed), nv;
  do {
    nv = Norm(old + a[1]);
  } while (!s.compare_exchange_weak(old, nv, std::memory_order_seq_cst));
  a[0] = nv;
}
void Load(Thread&, Slot* a) { a[0] = slot_at(a[0]).load(std::memory_order_seq_cst); }
void Store(Thread&, Slot* a) { slot_at(a[0]).store(a[1], std::memory_order_seq_cst); }
void Swap(Thread&, Slot* a) { a[0] = slot_at(a[0]).exchange(a[1], std::memory_order_seq_cst); }
void CompareAndSwap(Thread&, Slot* a) {
  Slot old = a[1];
  a[0] = from_bool(slot_at(a[0]).compare_exchange_strong(old, a[2], std::memory_order_seq_cst));
}

const vm::NativeEntry kNatives[] = {
    {"sync.(*Mutex).Lock", MutexLock},
    {"sync.(*Mutex).TryLock", MutexTryLock},
    {"sync.(*Mutex).Unlock", MutexUnlock},
    {"sync.(*RWMutex).RLock", RLock},
    {"sync.(*RWMutex).TryRLock", TryRLock},
    {"sync.(*RWMutex).RUnlock", RUnlock},
    {"sync.(*RWMutex).Lock", RWLock},
    {"sync.(*RWMutex).TryLock", RWTryLock},
    {"sync.(*RWMutex).Unlock", RWUnlock},
    {"sync.(*WaitGroup).Add", WGAdd},
    {"sync.(*WaitGroup).Wait", WGWait},
    {"sync.onceDone", onceDone},
    {"sync.setOnceDone", setOnceDone},
    {"sync.notifyListAdd", nlAdd},
    {"sync.notifyListWait", nlWait},
    {"sync.notifyListNotifyOne", nlOne},
    {"sync.notifyListNotifyAll", nlAll},
    {"sync/atomic.AddInt32", Add<sext32>},
    {"sync/atomic.AddInt64", Add<same>},
    {"sync/atomic.AddUint32", Add<zext32>},
    {"sync/atomic.AddUint64", Add<same>},
    {"sync/atomic.AddUintptr", Add<same>},
    {"sync/atomic.LoadInt32", Load},
    {"sync/atomic.LoadInt64", Load},
    {"sync/atomic.LoadUint32", Load},
    {"sync/atomic.LoadUint64", Load},
    {"sync/atomic.LoadUintptr", Load},
    {"sync/atomic.StoreInt32", Store},
    {"sync/atomic.StoreInt64", Store},
    {"sync/atomic.StoreUint32", Store},
    {"sync/atomic.StoreUint64", Store},
    {"sync/atomic.StoreUintptr", Store},
    {"sync/atomic.SwapInt32", Swap},
    {"sync/atomic.SwapInt64", Swap},
    {"sync/atomic.SwapUint32", Swap},
    {"sync/atomic.SwapUint64", Swap},
    {"sync/atomic.SwapUintptr", Swap},
    {"sync/atomic.CompareAndSwapInt32", CompareAndSwap},
    {"sync/atomic.CompareAndSwapInt64", CompareAndSwap},
    {"sync/atomic.CompareAndSwapUint32", CompareAndSwap},
    {"sync/atomic.CompareAndSwapUint64", CompareAndSwap},
    {"sync/atomic.CompareAndSwapUintptr", CompareAndSwap},
};

}  // namespace

std::span<const vm::NativeEntry> sync_natives() { return kNatives; }

}  // namespace mgo::stdlib

// Native stacks for goroutines (Go's stackalloc/stackfree, simplified).
//
// Every goroutine needs its own native stack, because mgo switches
// goroutines by switching stacks. Goroutines are cheap only if those stacks
// are: a million parked goroutines must fit in memory and in the kernel's
// limit on mappings (vm.max_map_count, 65,530 by default).
//
// So stacks are carved out of large slabs mapped with MAP_NORESERVE: the
// kernel commits a page only when it is first touched, a parked goroutine
// costs only the pages its stack really used, and a whole slab is one
// mapping. Freed stacks go on a free list and are reused as they are (their
// touched pages stay resident: mapping and first-touching a fresh page costs
// microseconds, reuse costs nothing).
//
// There are no guard pages (each would split the slab into more mappings):
// code that may recurse deeply on a goroutine stack checks the bounds
// explicitly (see stack_check) or moves to the g0 stack (systemstack).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mgo::rt {

// A stack occupies [lo, hi); it grows down from hi.
struct Stack {
  uintptr_t lo = 0;
  uintptr_t hi = 0;
  size_t size() const { return hi - lo; }
};

// The size of every goroutine stack: address space, not memory (a parked
// goroutine costs the pages it touched). Big enough for the VM's natives
// (fmt, strconv, sort) and a few hundred nested callbacks from native code
// into Go (vm::call_func checks how much is left).
inline constexpr size_t kStackSize = size_t(256) << 10;

// Returns a stack of kStackSize bytes. Thread-safe.
Stack stackalloc();
// Returns s to the pool. Thread-safe.
void stackfree(Stack s);

// A P's own stacks (Go's per-P stackcache): goroutines start and end on a
// P many times a second, and a stack is needed only from a goroutine's
// first run to its end (execute and goexit0 in proc.cpp), so taking one
// here and giving it back takes no lock, and the one freed last, still
// warm in this CPU's cache, goes out first. Only the P's owner touches it.
struct StackCache {
  static constexpr int kSize = 32;
  Stack stacks[kSize];
  int n = 0;
  Stack alloc();       // refills half of it from the pool when empty
  void free(Stack s);  // spills half of it to the pool when full
  void drain();        // gives every stack back to the pool
};

// Stacks handed out and not yet freed, and stacks mapped in total.
size_t stacks_in_use();
size_t stacks_mapped();

}  // namespace mgo::rt

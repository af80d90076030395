#include "runtime/stack.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace mgo::rt {
namespace {

// One slab holds this many stacks (64 MiB of address space per mapping: a
// million goroutines need 4,096 mappings, well under vm.max_map_count).
constexpr size_t kStacksPerSlab = (size_t(64) << 20) / kStackSize;

struct StackPool {
  std::mutex lock;
  std::vector<Stack> free;  // LIFO: the most recently freed stack is warm
  size_t in_use = 0;
  size_t mapped = 0;

  void grow() {  // lock held
    size_t bytes = kStackSize * kStacksPerSlab;
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
      std::fputs("fatal error: runtime: cannot allocate goroutine stack\n", stderr);
      std::exit(2);
    }
    auto base = reinterpret_cast<uintptr_t>(p);
    // Push in reverse so the first stacks handed out are the lowest ones.
    for (size_t i = kStacksPerSlab; i-- > 0;) {
      uintptr_t lo = base + i * kStackSize;
      free.push_back(Stack{lo, lo + kStackSize});
    }
    mapped += kStacksPerSlab;
  }
};

StackPool& pool() {
  static StackPool* p = new StackPool;  // never destroyed: goroutines may outlive statics
  return *p;
}

}  // namespace

Stack stackalloc() {
  StackPool& p = pool();
  std::lock_guard<std::mutex> g(p.lock);
  if (p.free.empty()) p.grow();
  Stack s = p.free.back();
  p.free.pop_back();
  ++p.in_use;
  return s;
}

void stackfree(Stack s) {
  StackPool& p = pool();
  std::lock_guard<std::mutex> g(p.lock);
  p.free.push_back(s);
  --p.in_use;
}

Stack StackCache::alloc() {
  if (n == 0) {
    StackPool& p = pool();
    std::lock_guard<std::mutex> g(p.lock);
    while (n < kSize / 2) {
      if (p.free.empty()) p.grow();
      stacks[n++] = p.free.back();
      p.free.pop_back();
      ++p.in_use;
    }
  }
  return stacks[--n];
}

void StackCache::free(Stack s) {
  if (n == kSize) {
    StackPool& p = pool();
    std::lock_guard<std::mutex> g(p.lock);
    // The older half goes (the bottom of the stack of stacks): the newer
    // ones are the warm ones.
    for (int i = 0; i < kSize / 2; ++i) p.free.push_back(stacks[i]);
    p.in_use -= kSize / 2;
    for (int i = kSize / 2; i < kSize; ++i) stacks[i - kSize / 2] = stacks[i];
    n = kSize / 2;
  }
  stacks[n++] = s;
}

void StackCache::drain() {
  StackPool& p = pool();
  std::lock_guard<std::mutex> g(p.lock);
  for (int i = 0; i < n; ++i) p.free.push_back(stacks[i]);
  p.in_use -= size_t(n);
  n = 0;
}

size_t stacks_in_use() {
  StackPool& p = pool();
  std::lock_guard<std::mutex> g(p.lock);
  return p.in_use;
}

size_t stacks_mapped() {
  StackPool& p = pool();
  std::lock_guard<std::mutex> g(p.lock);
  return p.mapped;
}

}  // namespace mgo::rt

// Bump allocation from large zeroed chunks, one current chunk per thread.
//
// This is the allocation fast path the collector will later sit behind: a
// per-thread cache handing out memory without locks (Go's mcache). Freed
// memory is not reused yet: there is no collector, so nothing is freed.
// Chunks come from mmap, which hands out zero pages, so no memset is needed.
//
// Page faults: first touching a fresh 4 KiB page costs a kernel entry and a
// page clear; an allocation-heavy program (1 M small strings) spent a third
// of its time there. Every chunk after a thread's first is 2 MiB aligned
// and marked MADV_HUGEPAGE, so the kernel backs it with transparent huge
// pages where it can: one fault per 2 MiB instead of 512. The first chunk
// keeps small pages, so a small program's resident set does not grow by
// whole huge pages it never uses.
#include "runtime/malloc.h"

#include <sys/mman.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace mgo::rt {
namespace {

constexpr size_t kChunkBytes = size_t(4) << 20;  // 4 MiB
constexpr size_t kHugePage = size_t(2) << 20;
constexpr size_t kLargeBytes = size_t(256) << 10;  // larger objects get their own mapping

// Bytes handed out by threads' retired chunks and by large objects; each
// thread adds its current chunk's share when it takes the next one, so the
// fast path has no atomic operation.
std::atomic<uint64_t> g_allocated{0};

struct MCache {
  char* next = nullptr;
  char* end = nullptr;
  char* start = nullptr;  // of the current chunk
  bool huge = false;      // chunks after the first use huge pages
};
thread_local MCache t_cache;

[[noreturn]] void out_of_memory() {
  std::fputs("fatal error: runtime: out of memory\n", stderr);
  std::exit(2);
}

char* map_zeroed(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) out_of_memory();
  return static_cast<char*>(p);
}

// A chunk of `bytes` (a multiple of kHugePage) aligned to kHugePage, for
// transparent huge pages: map one huge page more, then unmap the ends.
char* map_huge(size_t bytes) {
  char* raw = map_zeroed(bytes + kHugePage);
  auto addr = reinterpret_cast<uintptr_t>(raw);
  char* chunk = raw + ((kHugePage - addr % kHugePage) % kHugePage);
  if (chunk > raw) munmap(raw, size_t(chunk - raw));
  size_t tail = size_t(raw + kHugePage - chunk);
  if (tail) munmap(chunk + bytes, tail);
  madvise(chunk, bytes, MADV_HUGEPAGE);  // advice: failure only means small pages
  return chunk;
}

__attribute__((noinline)) void refill(MCache& c) {
  if (c.start) g_allocated.fetch_add(uint64_t(c.next - c.start), std::memory_order_relaxed);
  c.start = c.next = c.huge ? map_huge(kChunkBytes) : map_zeroed(kChunkBytes);
  c.end = c.next + kChunkBytes;
  c.huge = true;
}

}  // namespace

ObjHeader* mallocgc(size_t bytes, ObjKind kind, const mgo::Type* type) {
  size_t need = (bytes + 15) & ~size_t(15);
  if (need < sizeof(ObjHeader)) need = sizeof(ObjHeader);
  char* mem;
  if (need >= kLargeBytes) [[unlikely]] {
    mem = need >= 2 * kHugePage ? map_huge((need + kHugePage - 1) & ~(kHugePage - 1)) : map_zeroed(need);
    g_allocated.fetch_add(need, std::memory_order_relaxed);
  } else {
    MCache& c = t_cache;
    if (size_t(c.end - c.next) < need) [[unlikely]] refill(c);
    mem = c.next;
    c.next += need;
  }
  auto* h = reinterpret_cast<ObjHeader*>(mem);
  h->type = type;
  h->size = need > UINT32_MAX ? UINT32_MAX : uint32_t(need);
  h->kind = kind;
  return h;
}

uint64_t heap_allocated_bytes() {
  const MCache& c = t_cache;
  return g_allocated.load(std::memory_order_relaxed) + uint64_t(c.next - c.start);
}

}  // namespace mgo::rt

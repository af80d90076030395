// Bump allocation from large zeroed chunks, one current chunk per thread.
//
// This is the allocation fast path the collector will later sit behind: a
// per-thread cache handing out memory without locks (Go's mcache). Freed
// memory is not reused yet: there is no collector, so nothing is freed.
// Chunks come from mmap, which hands out zero pages, so no memset is needed.
#include "runtime/malloc.h"

#include <sys/mman.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace mgo::rt {
namespace {

constexpr size_t kChunkBytes = size_t(4) << 20;  // 4 MiB
constexpr size_t kLargeBytes = size_t(256) << 10;  // larger objects get their own mapping

std::atomic<uint64_t> g_allocated{0};

struct MCache {
  char* next = nullptr;
  char* end = nullptr;
};
thread_local MCache t_cache;

char* map_zeroed(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    std::fputs("fatal error: runtime: out of memory\n", stderr);
    std::exit(2);
  }
  return static_cast<char*>(p);
}

}  // namespace

ObjHeader* mallocgc(size_t bytes, ObjKind kind, const mgo::Type* type) {
  size_t need = (bytes + 15) & ~size_t(15);
  if (need < sizeof(ObjHeader)) need = sizeof(ObjHeader);
  char* mem;
  if (need >= kLargeBytes) {
    mem = map_zeroed(need);
  } else {
    MCache& c = t_cache;
    if (size_t(c.end - c.next) < need) {
      c.next = map_zeroed(kChunkBytes);
      c.end = c.next + kChunkBytes;
    }
    mem = c.next;
    c.next += need;
  }
  g_allocated.fetch_add(need, std::memory_order_relaxed);
  auto* h = reinterpret_cast<ObjHeader*>(mem);
  h->type = type;
  h->size = need > UINT32_MAX ? UINT32_MAX : uint32_t(need);
  h->kind = kind;
  return h;
}

uint64_t heap_allocated_bytes() { return g_allocated.load(std::memory_order_relaxed); }

}  // namespace mgo::rt

// Races. Go detects a map used by two goroutines at once with its
// hashWriting flag (runtime/map.go) and reports Go's fatal errors; the
// detection is best-effort, and a race it misses may leave Go's map
// corrupted. mgo must never crash, so beside Go's checks this file keeps the
// VM's memory safe whatever the interleaving:
//
// - Writers exclude each other. A write takes m->flags with an atomic
//   exchange (WriteGuard): a second writer sees the flag already set and
//   reports `concurrent map writes` before touching anything, and never
//   clears the flag it did not set. So at most one write is ever inside the
//   map, and the code below a WriteGuard is sequential code. (A plain
//   load/check/store, as Go's xor, would let two writers in: two grows, two
//   appends at the same entry number, an index filled past its load factor
//   so a probe never ends.) The cost is one locked instruction per write.
// - Readers (find, iteration, fmt's map_for_each) check the flag first, as
//   Go does, and may still run beside one writer. They load m->table once
//   and use only that table's own sizes (capacity, used, index_mask), so a
//   table replaced under them stays self-consistent; the writer never moves
//   an entry inside a table (growth and compaction build a new one) and
//   never frees one (the collector may, once no goroutine can reach it:
//   a reader mid-operation is not at a safepoint). Within a table every
//   index keeps at least half its buckets empty and buckets only go from
//   empty to an entry number to deleted (or back to empty in clear), so a
//   probe always ends. A reader may see an entry being deleted half zeroed:
//   every slot holds either a valid value or zero (a valid zero value), as
//   slots are stored and copied whole (relaxed atomics; never memset or
//   memcpy, whose rep stosb/movsb may go byte by byte, on slots another
//   goroutine may be reading or storing).
// - Publication: a new entry's slots are written before its bucket (release)
//   and before `used` (release); a new table is complete before m->table
//   (release). Readers load those with acquire (plain loads on x86-64), so
//   what they reach is initialised.
//
// What a reader returns may still be a racy value (the zero value of an
// entry being inserted, an old value, a struct value whose fields come from
// two stores): Go gives no more. The value of m[k] = v is stored by the VM
// after map_insert returns (as Go's mapassign returns a pointer), so it may
// land in a table a racing writer has just replaced: lost, not misplaced.

#include "vm/map.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <random>

#include "runtime/panic.h"
#include "vm/api.h"

namespace mgo::vm {
namespace {

constexpr uint32_t kDeleted = 0xffffffffu;
constexpr uint32_t kHashWriting = 1;  // m->flags: a write is in progress

template <class T>
inline T load_relaxed(T& x) { return std::atomic_ref<T>(x).load(std::memory_order_relaxed); }
template <class T>
inline T load_acquire(T& x) { return std::atomic_ref<T>(x).load(std::memory_order_acquire); }
template <class T>
inline void store_relaxed(T& x, T v) { std::atomic_ref<T>(x).store(v, std::memory_order_relaxed); }
template <class T>
inline void store_release(T& x, T v) { std::atomic_ref<T>(x).store(v, std::memory_order_release); }

// Each thread draws seeds from its own generator (a shared one would be a
// data race between goroutines creating maps or iterators).
uint64_t fresh_seed() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng();
}

[[noreturn, gnu::noinline, gnu::cold]] void map_fatal(const char* what) { rt::fatal(what); }

// Holds m's write flag for one write (Go's h.flags ^= hashWriting and back).
// The loser of two writers dies in the constructor, so its destructor never
// clears the winner's flag.
class WriteGuard {
 public:
  explicit WriteGuard(Map* m) : flags_(m->flags) {
    if (flags_.exchange(kHashWriting, std::memory_order_acquire) & kHashWriting)
      map_fatal("concurrent map writes");
  }
  ~WriteGuard() { flags_.store(0, std::memory_order_release); }
  WriteGuard(const WriteGuard&) = delete;
  WriteGuard& operator=(const WriteGuard&) = delete;

 private:
  std::atomic_ref<uint32_t> flags_;
};

// Go's `if h.flags&hashWriting != 0 { fatal(...) }` at the start of a read.
inline void check_not_writing(Map* m, const char* what) {
  if (load_relaxed(m->flags) & kHashWriting) [[unlikely]]
    map_fatal(what);
}

inline MapTable* table_of(Map* m) { return load_acquire(m->table); }

inline int64_t stride(const Map* m) { return m->stride; }
inline Slot* entry(const Map* m, const MapTable* t, int64_t i) { return t->entries + i * stride(m); }
// The hash word of a live entry is never 0 (0 marks a tombstone).
inline Slot hash_word(uint64_t h) { return h | 1; }

// Loads of the bytes [p, p+n) for short keys without a call to memcpy or
// memcmp of a variable size (which the map's string keys, mostly words of a
// few bytes, spent more on than on hashing): n <= 8 bytes as one word, by
// two overlapping loads (n >= 4) or three single bytes (n <= 3), which
// together cover every byte.
inline uint64_t load4(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint64_t short_word(const char* p, size_t n) {
  if (n >= 4) return load4(p) | load4(p + n - 4) << 32;
  if (n == 0) return 0;
  return uint64_t(uint8_t(p[0])) | uint64_t(uint8_t(p[n >> 1])) << 8 | uint64_t(uint8_t(p[n - 1])) << 16;
}

// The hash of a string key: the length, then words of eight bytes, the last
// (short) one read as short_word reads it.
inline uint64_t hash_string_key(std::string_view s, uint64_t seed) {
  uint64_t h = seed ^ (uint64_t(s.size()) * 0x9e3779b97f4a7c15ULL);
  const char* p = s.data();
  size_t n = s.size();
  for (; n > 8; p += 8, n -= 8) {
    h = (h ^ load8(p)) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
  }
  return hash_mix(h, n == 8 ? load8(p) : short_word(p, n));
}

inline bool bytes_equal(const char* a, const char* b, size_t n) {
  if (n <= 8) return short_word(a, n) == short_word(b, n);
  for (; n > 8; a += 8, b += 8, n -= 8)
    if (load8(a) != load8(b)) return false;
  return load8(a + n - 8) == load8(b + n - 8);  // the last 8 bytes, overlapping
}

// Bucket positions and stored hash words both use hash_word(h).
uint64_t key_hash(const Map* m, Slot key) {
  switch (m->key_class) {
    case KeyClass::String: return hash_word(hash_string_key(str_view(key), m->seed));
    case KeyClass::Bits: return hash_word(hash_mix(m->seed, key));
    case KeyClass::Generic: break;
  }
  return hash_word(hash_value(m->key, key, m->seed));
}

// Keys of other types (floats, interfaces, structs, arrays). A one-slot key
// is read whole; a struct or array key is read by values_equal field by
// field, each slot whole on x86-64 (aligned 8-byte loads), though not
// through atomics. Out of line, so key_equal stays small enough to inline.
[[gnu::noinline]] bool generic_key_equal(const Map* m, Slot* k, Slot key) {
  Slot stored = m->key->is_aggregate() ? from_ptr(k) : load_relaxed(*k);
  return values_equal(m->key, stored, key);
}

// Whether the stored key at k (its slots) equals `key` (register form).
// The stored key is read slot by slot, whole (it may be being deleted).
inline bool key_equal(const Map* m, Slot* k, Slot key) {
  switch (m->key_class) {
    case KeyClass::Bits: return load_relaxed(*k) == key;
    case KeyClass::String: {
      Slot ks = load_relaxed(*k);
      if (ks == key) return true;  // the same String object (or both "")
      auto *a = as_ptr<String>(ks), *b = as_ptr<String>(key);
      return a && b && a->len == b->len && bytes_equal(a->data, b->data, size_t(a->len));
    }
    case KeyClass::Generic: break;
  }
  return generic_key_equal(m, k, key);
}

KeyClass key_class_of(const Type* key) {
  switch (key->underlying()->kind) {
    case Kind::String: return KeyClass::String;
    case Kind::Float32: case Kind::Float64:  // +0 == -0, NaN != NaN
    case Kind::Interface: case Kind::Struct: case Kind::Array:
      return KeyClass::Generic;
    default: return KeyClass::Bits;
  }
}

// A new, empty table of `cap` entries and `buckets` index buckets, in the
// numbering of `epoch`. Not yet visible to anyone.
MapTable* new_table(const Map* m, int64_t cap, int64_t buckets, uint32_t epoch) {
  auto* t = rt::alloc_object<MapTable>(rt::ObjKind::Map);
  auto* e = rt::mallocgc(sizeof(rt::ObjHeader) + sizeof(Slot) * size_t(cap * stride(m)), rt::ObjKind::Map);
  auto* i = rt::mallocgc(sizeof(rt::ObjHeader) + sizeof(uint32_t) * size_t(buckets), rt::ObjKind::Map);
  t->capacity = cap;
  t->entries = reinterpret_cast<Slot*>(e + 1);
  t->index = reinterpret_cast<uint32_t*>(i + 1);
  t->index_mask = uint64_t(buckets - 1);
  t->epoch = epoch;
  return t;
}

// Readers may be probing t's index: the bucket is published after the entry.
inline void index_put(MapTable* t, uint64_t h, int64_t e) {
  for (uint64_t i = (h >> 1) & t->index_mask;; i = (i + 1) & t->index_mask) {
    if (load_relaxed(t->index[i]) == 0) {
      store_release(t->index[i], uint32_t(e + 1));
      return;
    }
  }
}

// Zeroes n slots a reader may be reading, one whole slot at a time.
void zero_slots_atomically(Slot* p, int64_t n) {
  for (int64_t j = 0; j < n; j++) store_relaxed(p[j], Slot(0));
}

// Copies n slots out of a table whose value slots a goroutine may still be
// storing into (MAPSET stores the value after map_insert has returned and
// released the flag, as Go's mapassign): whole slots, as memcpy (rep movsb)
// does not promise, so a slot copied mid-store is the old or the new value.
void copy_slots_atomically(Slot* dst, Slot* src, int64_t n) {
  for (int64_t j = 0; j < n; j++) dst[j] = load_relaxed(src[j]);
}

// Fills nt (not yet published) from t: the same entry numbers when growing;
// live entries only, renumbered, when compacting (iterators translate
// through nt->renumber).
void copy_entries(const Map* m, MapTable* t, MapTable* nt) {
  int64_t used = t->used, s = stride(m);
  copy_slots_atomically(nt->entries, t->entries, used * s);
  nt->used = used;
  nt->renumber = t->renumber;
  nt->renumber_len = t->renumber_len;
}

void compact_entries(const Map* m, MapTable* t, MapTable* nt) {
  int64_t used = t->used, s = stride(m), n = 0;
  auto* h = rt::mallocgc(sizeof(rt::ObjHeader) + sizeof(int64_t) * size_t(used + 1), rt::ObjKind::Raw);
  auto* renumber = reinterpret_cast<int64_t*>(h + 1);
  for (int64_t e = 0; e < used; e++) {
    renumber[e] = n;
    Slot* src = entry(m, t, e);
    if (!src[0]) continue;
    copy_slots_atomically(entry(m, nt, n), src, s);
    n++;
  }
  renumber[used] = n;
  nt->used = n;
  nt->renumber = renumber;
  nt->renumber_len = used + 1;
}

// Makes room for one more entry: a larger table, or a compacted one when
// tombstones outnumber live entries. The old table is left untouched for
// readers still in it. Returns the table to insert into.
MapTable* grow(Map* m, MapTable* t) {
  if (t->used < t->capacity) return t;
  bool compact = m->count * 2 < t->used;
  int64_t cap = compact ? t->capacity : t->capacity * 2;
  int64_t buckets = int64_t(t->index_mask + 1);
  while (buckets < cap * 2) buckets *= 2;
  MapTable* nt = new_table(m, cap, buckets, compact ? t->epoch + 1 : t->epoch);
  if (compact) compact_entries(m, t, nt);
  else copy_entries(m, t, nt);
  for (int64_t e = 0; e < nt->used; e++) {
    Slot hw = entry(m, nt, e)[0];
    if (hw) index_put(nt, hw, e);
  }
  store_release(m->table, nt);
  return nt;
}

// The table's fields are read into locals first: the acquire load of each
// bucket would otherwise make the compiler reload them on every probe.
int64_t find_entry(const Map* m, MapTable* t, Slot key, uint64_t h) {
  Slot hw = hash_word(h);
  uint32_t* index = t->index;
  uint64_t mask = t->index_mask;
  Slot* entries = t->entries;
  int64_t s = stride(m);
  for (uint64_t i = (h >> 1) & mask;; i = (i + 1) & mask) {
    uint32_t x = load_acquire(index[i]);
    if (x == 0) return -1;
    if (x == kDeleted) continue;
    Slot* e = entries + (int64_t(x) - 1) * s;
    if (load_relaxed(e[0]) == hw && key_equal(m, e + 1, key)) return int64_t(x) - 1;
  }
}

}  // namespace

// Absent keys of aggregate type read as this area (read-only, so one for
// all threads; initialised once, thread-safely). Larger values get their
// own zeroed storage.
Slot* zero_slots(int64_t n) {
  constexpr int64_t kShared = 1024;
  static Slot* const zeros = alloc_slots(kShared);
  return n <= kShared ? zeros : alloc_slots(n);
}

Map* map_new(const Type* t, int64_t hint) {
  const Type* u = t->underlying();
  auto* m = rt::alloc_object<Map>(rt::ObjKind::Map, 0, t);
  m->key = u->key;
  m->val = u->elem;
  m->ks = u->key->slots();
  m->vs = u->elem->slots();
  m->stride = 1 + m->ks + m->vs;
  m->key_class = key_class_of(m->key);
  m->seed = fresh_seed();
  int64_t cap = 8;
  while (cap < hint) cap *= 2;
  m->table = new_table(m, cap, cap * 2, 0);
  return m;
}

Slot* map_find(Map* m, Slot key) {
  if (!m || load_relaxed(m->count) == 0) {
    if (m) key_hash(m, key);  // Go hashes anyway: an unhashable key panics
    return nullptr;
  }
  check_not_writing(m, "concurrent map read and map write");
  MapTable* t = table_of(m);
  int64_t e = find_entry(m, t, key, key_hash(m, key));
  return e < 0 ? nullptr : entry(m, t, e) + 1 + m->ks;
}

Slot* map_insert(Map* m, Slot key) {
  if (!m) panic_plain_error("assignment to entry in nil map");
  uint64_t h = key_hash(m, key);  // before the flag: hashing may panic
  WriteGuard w(m);
  MapTable* t = table_of(m);
  int64_t e = find_entry(m, t, key, h);
  if (e >= 0) return entry(m, t, e) + 1 + m->ks;
  t = grow(m, t);
  e = t->used;
  Slot* p = entry(m, t, e);  // beyond `used` and in no bucket: no reader sees it yet
  p[0] = hash_word(h);
  store_value(m->key, p + 1, key);
  index_put(t, h, e);
  store_release(t->used, e + 1);
  store_relaxed(m->count, m->count + 1);
  return p + 1 + m->ks;
}

void map_delete(Map* m, Slot key) {
  if (!m || load_relaxed(m->count) == 0) {
    if (m) key_hash(m, key);  // Go hashes anyway: an unhashable key panics
    return;
  }
  uint64_t h = key_hash(m, key);
  WriteGuard w(m);
  MapTable* t = table_of(m);
  Slot hw = hash_word(h);
  for (uint64_t i = (h >> 1) & t->index_mask;; i = (i + 1) & t->index_mask) {
    uint32_t x = t->index[i];
    if (x == 0) return;
    if (x == kDeleted) continue;
    Slot* p = entry(m, t, int64_t(x) - 1);
    if (p[0] == hw && key_equal(m, p + 1, key)) {
      zero_slots_atomically(p, stride(m));
      store_relaxed(t->index[i], kDeleted);
      store_relaxed(m->count, m->count - 1);
      return;
    }
  }
}

void map_clear(Map* m) {
  if (!m) return;
  WriteGuard w(m);
  MapTable* t = table_of(m);
  zero_slots_atomically(t->entries, t->used * stride(m));
  for (uint64_t i = 0; i <= t->index_mask; i++) store_relaxed(t->index[i], 0u);
  store_relaxed(m->count, int64_t(0));
  // Keep `used` so live iterators skip the cleared entries; compaction later
  // renumbers.
}

MapIter* map_iter_new(Map* m) {
  auto* it = rt::alloc_object<MapIter>(rt::ObjKind::Other);
  it->m = m;
  if (!m) return it;
  MapTable* t = table_of(m);
  it->epoch = t->epoch;
  int64_t used = load_acquire(t->used);
  if (used > 0) {
    it->start = int64_t(fresh_seed() % uint64_t(used));
    it->next = it->start;
  }
  return it;
}

namespace {

// Translates an iterator's entry numbers into t's numbering (after a
// compaction; t may have grown since, keeping the compaction's renumber).
void catch_up(MapIter* it, const MapTable* t) {
  if (it->epoch == t->epoch) return;
  if (it->epoch + 1 == t->epoch && t->renumber) {
    const int64_t* r = t->renumber;
    int64_t last = t->renumber_len - 1;
    it->start = r[std::min(it->start, last)];
    it->next = r[std::min(it->next, last)];
  } else {
    it->start = it->next = 0;  // lost track: end the iteration
    it->wrapped = true;
  }
  it->epoch = t->epoch;
}

}  // namespace

bool map_iter_next(MapIter* it, Slot** key, Slot** val) {
  Map* m = it->m;
  if (!m) return false;
  check_not_writing(m, "concurrent map iteration and map write");
  MapTable* t = table_of(m);
  catch_up(it, t);
  int64_t used = load_acquire(t->used);
  for (;;) {
    // Bounded by this table's `used` in both passes, whatever start says.
    int64_t end = it->wrapped ? std::min(it->start, used) : used;
    if (it->next >= end) {
      if (it->wrapped) return false;
      it->wrapped = true;
      it->next = 0;
      continue;
    }
    Slot* p = entry(m, t, it->next++);
    if (!load_relaxed(p[0])) continue;
    *key = p + 1;
    *val = p + 1 + m->ks;
    return true;
  }
}

int64_t map_len(Slot m) {
  auto* p = as_ptr<Map>(m);
  return p ? load_relaxed(p->count) : 0;
}

void map_for_each(Slot m, void (*fn)(void* ctx, Slot key, Slot value), void* ctx) {
  auto* p = as_ptr<Map>(m);
  if (!p) return;
  MapTable* t = table_of(p);
  int64_t used = load_acquire(t->used);
  for (int64_t e = 0; e < used; e++) {
    check_not_writing(p, "concurrent map iteration and map write");  // Go's mapiternext
    Slot* q = entry(p, t, e);
    if (!load_relaxed(q[0])) continue;
    fn(ctx, load_value(p->key, q + 1), load_value(p->val, q + 1 + p->ks));
  }
}

}  // namespace mgo::vm

#include "vm/map.h"

#include <cstring>
#include <random>

#include "vm/api.h"

namespace mgo::vm {
namespace {

constexpr uint32_t kDeleted = 0xffffffffu;

uint64_t fresh_seed() {
  static std::mt19937_64 rng{std::random_device{}()};
  return rng();
}

inline int64_t stride(const Map* m) { return 1 + m->ks + m->vs; }
inline Slot* entry(const Map* m, int64_t i) { return m->entries + i * stride(m); }
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

// Whether the stored key at k (its slots) equals `key` (register form).
inline bool key_equal(const Map* m, const Slot* k, Slot key) {
  switch (m->key_class) {
    case KeyClass::Bits: return *k == key;
    case KeyClass::String: {
      if (*k == key) return true;  // the same String object (or both "")
      auto *a = as_ptr<String>(*k), *b = as_ptr<String>(key);
      return a && b && a->len == b->len && bytes_equal(a->data, b->data, size_t(a->len));
    }
    case KeyClass::Generic: break;
  }
  return values_equal(m->key, load_value(m->key, const_cast<Slot*>(k)), key);
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

void alloc_index(Map* m, int64_t buckets) {
  auto* h = rt::mallocgc(sizeof(rt::ObjHeader) + sizeof(uint32_t) * size_t(buckets), rt::ObjKind::Map);
  m->index = reinterpret_cast<uint32_t*>(h + 1);
  m->index_mask = uint64_t(buckets - 1);
}

void index_put(Map* m, uint64_t h, int64_t e) {
  for (uint64_t i = (h >> 1) & m->index_mask;; i = (i + 1) & m->index_mask) {
    if (m->index[i] == 0) {
      m->index[i] = uint32_t(e + 1);
      return;
    }
  }
}

void alloc_entries(Map* m, int64_t cap) {
  auto* h = rt::mallocgc(sizeof(rt::ObjHeader) + sizeof(Slot) * size_t(cap * stride(m)), rt::ObjKind::Map);
  Slot* fresh = reinterpret_cast<Slot*>(h + 1);
  if (m->entries) std::memcpy(fresh, m->entries, sizeof(Slot) * size_t(m->used * stride(m)));
  m->entries = fresh;
  m->capacity = cap;
}

void rebuild_index(Map* m, int64_t buckets) {
  alloc_index(m, buckets);
  for (int64_t e = 0; e < m->used; e++) {
    Slot hw = entry(m, e)[0];
    if (hw) index_put(m, hw, e);
  }
}

// Drops tombstones, renumbering entries (iterators translate via renumber).
void compact(Map* m) {
  auto* renumber = new std::vector<int64_t>(size_t(m->used) + 1);
  int64_t n = 0, s = stride(m);
  for (int64_t e = 0; e < m->used; e++) {
    (*renumber)[size_t(e)] = n;
    Slot* src = entry(m, e);
    if (!src[0]) continue;
    if (n != e) std::memmove(entry(m, n), src, sizeof(Slot) * size_t(s));
    n++;
  }
  (*renumber)[size_t(m->used)] = n;
  std::memset(entry(m, n), 0, sizeof(Slot) * size_t((m->used - n) * s));
  m->used = n;
  delete m->renumber;
  m->renumber = renumber;
  m->epoch++;
}

// Makes room for one more entry.
void grow(Map* m) {
  if (m->used < m->capacity) return;
  if (m->count * 2 < m->used) {
    compact(m);
  } else {
    alloc_entries(m, m->capacity * 2);
  }
  int64_t buckets = int64_t(m->index_mask + 1);
  while (buckets < m->capacity * 2) buckets *= 2;
  rebuild_index(m, buckets);
}

int64_t find_entry(const Map* m, Slot key, uint64_t h) {
  Slot hw = hash_word(h);
  for (uint64_t i = (h >> 1) & m->index_mask;; i = (i + 1) & m->index_mask) {
    uint32_t x = m->index[i];
    if (x == 0) return -1;
    if (x == kDeleted) continue;
    Slot* e = entry(m, int64_t(x) - 1);
    if (e[0] == hw && key_equal(m, e + 1, key)) return int64_t(x) - 1;
  }
}

}  // namespace

Slot* zero_slots(int64_t n) {
  static Slot* zeros = nullptr;
  static int64_t nzeros = 0;
  if (n > nzeros) {
    nzeros = n < 1024 ? 1024 : n;
    zeros = alloc_slots(nzeros);
  }
  return zeros;
}

Map* map_new(const Type* t, int64_t hint) {
  const Type* u = t->underlying();
  auto* m = rt::alloc_object<Map>(rt::ObjKind::Map, 0, t);
  m->key = u->key;
  m->val = u->elem;
  m->ks = u->key->slots();
  m->vs = u->elem->slots();
  m->key_class = key_class_of(m->key);
  m->seed = fresh_seed();
  int64_t cap = 8;
  while (cap < hint) cap *= 2;
  alloc_entries(m, cap);
  alloc_index(m, cap * 2);
  return m;
}

Slot* map_find(Map* m, Slot key) {
  if (!m || m->count == 0) {
    if (m) key_hash(m, key);  // Go hashes anyway: an unhashable key panics
    return nullptr;
  }
  int64_t e = find_entry(m, key, key_hash(m, key));
  return e < 0 ? nullptr : entry(m, e) + 1 + m->ks;
}

Slot* map_insert(Map* m, Slot key) {
  if (!m) panic_plain_error("assignment to entry in nil map");
  uint64_t h = key_hash(m, key);
  int64_t e = find_entry(m, key, h);
  if (e >= 0) return entry(m, e) + 1 + m->ks;
  grow(m);
  e = m->used++;
  Slot* p = entry(m, e);
  p[0] = hash_word(h);
  store_value(m->key, p + 1, key);
  index_put(m, h, e);
  m->count++;
  return p + 1 + m->ks;
}

void map_delete(Map* m, Slot key) {
  if (!m || m->count == 0) {
    if (m) key_hash(m, key);  // Go hashes anyway: an unhashable key panics
    return;
  }
  uint64_t h = key_hash(m, key);
  Slot hw = hash_word(h);
  for (uint64_t i = (h >> 1) & m->index_mask;; i = (i + 1) & m->index_mask) {
    uint32_t x = m->index[i];
    if (x == 0) return;
    if (x == kDeleted) continue;
    Slot* p = entry(m, int64_t(x) - 1);
    if (p[0] == hw && key_equal(m, p + 1, key)) {
      std::memset(p, 0, sizeof(Slot) * size_t(stride(m)));
      m->index[i] = kDeleted;
      m->count--;
      return;
    }
  }
}

void map_clear(Map* m) {
  if (!m) return;
  std::memset(m->entries, 0, sizeof(Slot) * size_t(m->used * stride(m)));
  std::memset(m->index, 0, sizeof(uint32_t) * size_t(m->index_mask + 1));
  m->count = 0;
  // Keep `used` so live iterators skip the cleared entries; compaction later
  // renumbers.
}

MapIter* map_iter_new(Map* m) {
  auto* it = rt::alloc_object<MapIter>(rt::ObjKind::Other);
  it->m = m;
  it->epoch = m ? m->epoch : 0;
  if (m && m->used > 0) {
    it->start = int64_t(fresh_seed() % uint64_t(m->used));
    it->next = it->start;
  }
  return it;
}

namespace {

// Translates an iterator's entry numbers after a compaction.
void catch_up(MapIter* it) {
  Map* m = it->m;
  if (it->epoch == m->epoch) return;
  if (it->epoch + 1 == m->epoch && m->renumber) {
    auto& r = *m->renumber;
    auto tr = [&](int64_t e) { return e < int64_t(r.size()) ? r[size_t(e)] : m->used; };
    it->start = tr(it->start);
    it->next = tr(it->next);
  } else {
    it->start = it->next = m->used;  // lost track: end the iteration
    it->wrapped = true;
  }
  it->epoch = m->epoch;
}

}  // namespace

bool map_iter_next(MapIter* it, Slot** key, Slot** val) {
  Map* m = it->m;
  if (!m) return false;
  catch_up(it);
  for (;;) {
    if (!it->wrapped && it->next >= m->used) {
      it->wrapped = true;
      it->next = 0;
    }
    if (it->wrapped && it->next >= it->start) return false;
    Slot* p = entry(m, it->next++);
    if (!p[0]) continue;
    *key = p + 1;
    *val = p + 1 + m->ks;
    return true;
  }
}

int64_t map_len(Slot m) {
  auto* p = as_ptr<Map>(m);
  return p ? p->count : 0;
}

void map_for_each(Slot m, void (*fn)(void* ctx, Slot key, Slot value), void* ctx) {
  auto* p = as_ptr<Map>(m);
  if (!p) return;
  for (int64_t e = 0; e < p->used; e++) {
    Slot* q = entry(p, e);
    if (!q[0]) continue;
    fn(ctx, load_value(p->key, q + 1), load_value(p->val, q + 1 + p->ks));
  }
}

}  // namespace mgo::vm

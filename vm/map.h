// Go maps: hash maps keyed by any comparable type (vm/value.h hashing).
//
// Layout: an entry array in insertion order (hash word, key slots, value
// slots), plus an open-addressing index of entry numbers. Deleting leaves a
// tombstone (hash word 0) so entry numbers stay stable, which is what makes
// iteration tolerant of deletion and insertion during a range loop: an
// iterator walks entry numbers from a random start, wrapping around, and
// skips tombstones, so entries deleted before being reached are never
// produced. Growing keeps entry numbers; only compaction (when tombstones
// outnumber live entries) renumbers, and bumps `epoch` so iterators notice
// and translate their position through `renumber`.
#pragma once

#include <cstdint>
#include <vector>

#include "vm/value.h"

namespace mgo::vm {

// How a map compares and hashes its keys: strings and plain bits (ints,
// bools, pointers, channels) take inline fast paths; everything else
// (floats, interfaces, structs, arrays) goes through values_equal/hash_value.
enum class KeyClass : uint8_t { Generic, Bits, String };

struct Map {
  rt::ObjHeader hdr;
  const Type* key;
  const Type* val;
  int32_t ks, vs;      // slots per key / value
  KeyClass key_class;
  int64_t count;       // live entries (len)
  int64_t used;        // entries used, tombstones included
  int64_t capacity;    // entries allocated
  Slot* entries;       // capacity * (1 + ks + vs) slots
  uint32_t* index;     // index_size buckets: entry number + 1, 0 empty, kDeleted
  uint64_t index_mask;
  uint64_t seed;
  uint32_t epoch;
  std::vector<int64_t>* renumber;  // old entry number -> new, after the last compaction
};

struct MapIter {
  rt::ObjHeader hdr;
  Map* m;
  int64_t start;   // random first entry number
  int64_t next;    // next entry number to look at
  bool wrapped;    // passed the end and restarted at 0
  uint32_t epoch;
};

// `t` is the map type (Kind::Map underlying).
Map* map_new(const Type* t, int64_t hint);
// Pointer to the value slots for key, or nullptr.
Slot* map_find(Map* m, Slot key);
// Pointer to the value slots for key, inserting a zero value if absent.
// Panics (GoPanic) on a nil map.
Slot* map_insert(Map* m, Slot key);
void map_delete(Map* m, Slot key);
void map_clear(Map* m);

MapIter* map_iter_new(Map* m);
// Advances; on success sets *key/*val to pointers to the entry's slots.
bool map_iter_next(MapIter* it, Slot** key, Slot** val);

// A zeroed, read-only area of at least n slots (zero values of absent keys).
Slot* zero_slots(int64_t n);

}  // namespace mgo::vm

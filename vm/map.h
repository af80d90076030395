// Go maps: hash maps keyed by any comparable type (vm/value.h hashing).
//
// Layout: an entry array in insertion order (hash word, key slots, value
// slots), plus an open-addressing index of entry numbers, both reached
// through one MapTable. Deleting leaves a tombstone (hash word 0) so entry
// numbers stay stable, which is what makes iteration tolerant of deletion
// and insertion during a range loop: an iterator walks entry numbers from a
// random start, wrapping around, and skips tombstones, so entries deleted
// before being reached are never produced. Growing keeps entry numbers; only
// compaction (when tombstones outnumber live entries) renumbers, and its
// table says how (`epoch`, `renumber`), so iterators translate their
// position.
//
// Maps under data races (Go's hashWriting; see map.cpp, "Races"): a write
// (insert, delete, clear) holds the map's write flag, taken by an atomic
// exchange, so two writes never overlap: the second is Go's `fatal error:
// concurrent map writes` before it touches anything. Reads and iteration
// check the flag first (`concurrent map read and map write`, `concurrent map
// iteration and map write`), as Go does; that check can miss, so readers are
// written to be safe beside one writer: they load the table once and stay
// inside it, and nothing a reader can reach is ever moved or freed.
#pragma once

#include <cstdint>

#include "vm/value.h"

namespace mgo::vm {

// How a map compares and hashes its keys: strings and plain bits (ints,
// bools, pointers, channels) take inline fast paths; everything else
// (floats, interfaces, structs, arrays) goes through values_equal/hash_value.
enum class KeyClass : uint8_t { Generic, Bits, String };

// A map's storage. A new table replaces the old one when the map grows or
// compacts; the old one is left as it is (readers may still walk it) for
// the collector. Within a table, the only changes are: entries appended at
// `used` (then `used` published), buckets going from 0 to an entry number
// or to deleted, entries zeroed (delete, clear), and value slots stored.
struct MapTable {
  rt::ObjHeader hdr;
  int64_t capacity;     // entries allocated
  int64_t used;         // entries used, tombstones included (<= capacity)
  Slot* entries;        // capacity * (1 + ks + vs) slots
  uint32_t* index;      // index_mask + 1 buckets: entry number + 1, 0 empty, kDeleted
  uint64_t index_mask;
  uint32_t epoch;       // compactions before this table
  int64_t* renumber;    // made by compaction: old entry number -> new
  int64_t renumber_len; // old used + 1 (the last maps "past the end")
};

struct Map {
  rt::ObjHeader hdr;
  const Type* key;
  const Type* val;
  int32_t ks, vs;      // slots per key / value
  int32_t stride;      // slots per entry: 1 (hash word) + ks + vs
  KeyClass key_class;
  uint32_t flags;      // hashWriting while a write is in progress (atomic)
  int64_t count;       // live entries (len; atomic)
  uint64_t seed;
  MapTable* table;     // atomic: a reader loads it once per operation
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

// How Go values are laid out in memory and in VM registers.
//
// A register (and every inline memory location) is one 64-bit Slot, untyped:
// the compiler knows each slot's type, the VM never tests a tag.
//
//   bool, ints, uintptr  the value, sign- or zero-extended to 64 bits; the VM
//                        truncates after arithmetic on narrow types
//   float64, float32     IEEE bits of a double (float32 values are kept
//                        rounded to float32 precision)
//   string               String* (nullptr is "")
//   pointer *T           Slot* to the first slot of the pointee (may point
//                        into the middle of a heap object)
//   slice                Slice* (nullptr is the nil slice)
//   map                  Map* (nullptr is the nil map)
//   func                 Closure* (nullptr is the nil func)
//   interface            Iface* (nullptr is the nil interface)
//   chan                 runtime hchan* (nullptr is the nil chan)
//   struct, array        INLINE in memory: Type::slots() consecutive slots.
//                        In a register: a Slot* to storage holding the value.
//                        That storage may be shared (a variable, a field), so
//                        every operation that binds a value to a new home
//                        (assignment, parameter passing, storing into a
//                        field/element/map/interface/closure cell) copies the
//                        slots. A pointer to a struct and a struct "value" in
//                        a register therefore have the same representation.
//
// Zero values are all-zero bits in every case, so zeroed memory (mallocgc)
// is a valid zero value of any type.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "runtime/malloc.h"

namespace mgo {
struct Type;
}

namespace mgo::vm {

using Slot = uint64_t;

struct String {
  rt::ObjHeader hdr;
  int64_t len;
  char data[];  // len bytes, not NUL-terminated
};

struct Slice {
  rt::ObjHeader hdr;
  Slot* data;  // first element, inside an rt::ObjKind::Array object
  int64_t len;
  int64_t cap;
};

struct Iface {
  rt::ObjHeader hdr;
  const Type* type;  // dynamic type, never nullptr (a nil interface is nullptr)
  Slot data[];       // type->slots() slots holding the value inline
};

struct Proto;  // a compiled function (vm/program.h)

struct Closure {
  rt::ObjHeader hdr;
  Proto* proto;
  uint32_t nfree;
  Slot free[];  // captured variables: each a Slot* to the variable's heap cell
};

struct Map;  // vm/map.h

// ---- conversions between slots and C++ values
template <class T>
inline T* as_ptr(Slot s) { return reinterpret_cast<T*>(static_cast<uintptr_t>(s)); }
inline Slot from_ptr(const void* p) { return static_cast<Slot>(reinterpret_cast<uintptr_t>(p)); }
inline double as_f64(Slot s) { double d; std::memcpy(&d, &s, 8); return d; }
inline Slot from_f64(double d) { Slot s; std::memcpy(&s, &d, 8); return s; }

// ---- strings
inline std::string_view str_view(Slot s) {
  auto* p = as_ptr<String>(s);
  return p ? std::string_view(p->data, size_t(p->len)) : std::string_view();
}
Slot make_string(std::string_view bytes);  // "" gives 0 (no allocation)

// ---- slices and arrays
// A new backing array of `cap` elements of `elem` (zeroed) and a slice of it.
Slice* make_slice(const Type* elem, int64_t len, int64_t cap);
// Slot storage for n slots (zeroed): struct/array boxes and variable cells.
Slot* alloc_slots(int64_t n, const Type* type = nullptr);

// ---- aggregates
// Copies a value of type t from the register representation `v` into
// memory at `dst` (t->slots() slots): for aggregates v points to the source
// storage, otherwise v is the value itself.
void store_value(const Type* t, Slot* dst, Slot v);
// The register representation of a value of type t stored at `src`: for
// aggregates, src itself (NOT a copy); otherwise *src.
inline Slot load_value(const Type* t, Slot* src);
// A fresh copy of an aggregate value: new storage holding v's slots.
Slot copy_aggregate(const Type* t, Slot v);

// The size Go's gc compiler gives a value of type t on amd64 (unsafe.Sizeof):
// append's capacity growth rounds to Go's size classes in these units.
int64_t go_sizeof(const Type* t);

// ---- interfaces
// Boxes a value (register representation) of dynamic type t.
Slot box_iface(const Type* t, Slot v);
// The value held by a non-nil interface, in register representation (for
// aggregates, a pointer into the immutable box: copy before mutating).
Slot unbox_iface(Slot iface);

// ---- equality and hashing of values of any comparable type (Go's ==)
bool values_equal(const Type* t, Slot a, Slot b);
uint64_t hash_value(const Type* t, Slot v, uint64_t seed);

// The two hashes hash_value is built from, inline so that maps with string
// or plain-bits keys (ints, pointers, ...) skip its type dispatch.
// hash_mix: splitmix64's finalizer over the running hash.
inline uint64_t hash_mix(uint64_t h, uint64_t v) {
  uint64_t z = h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
// A string's bytes, eight at a time (map keys are mostly short words).
inline uint64_t hash_string(std::string_view s, uint64_t seed) {
  uint64_t h = seed ^ (uint64_t(s.size()) * 0x9e3779b97f4a7c15ULL);
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
  }
  uint64_t w = 0;
  if (n) std::memcpy(&w, p, n);
  return hash_mix(h, w);
}

}  // namespace mgo::vm

#include "lang/types.h"

namespace mgo::vm {
inline Slot load_value(const Type* t, Slot* src) {
  return t->is_aggregate() ? from_ptr(src) : *src;
}
}  // namespace mgo::vm

namespace mgo::vm {
// ---- maps (vm/map.cpp): what native code needs; the VM's opcodes use more.
int64_t map_len(Slot m);  // 0 for the nil map
// Calls fn(ctx, key, value) for every entry, keys and values in register
// representation, in unspecified order. fn must not modify the map.
void map_for_each(Slot m, void (*fn)(void* ctx, Slot key, Slot value), void* ctx);
}  // namespace mgo::vm

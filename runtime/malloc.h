// The one allocation interface for mgo values (Go's mallocgc).
//
// Every heap object a Go program can reach starts with an ObjHeader, so the
// collector (a later issue) can find its size, its kind and its mark bits
// without knowing who allocated it. Nothing else in mgo allocates Go values:
// no `new`, `malloc` or std containers hold them.
//
// Memory returned by mallocgc is zeroed (Go's zero values are all-zero bits
// in mgo's layout too) and 16-byte aligned.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mgo {
struct Type;
}

namespace mgo::rt {

// What an object is, for the collector and for debugging dumps.
enum class ObjKind : uint8_t {
  Raw,      // slots with no pointer map yet (cells, struct/array boxes)
  String,   // vm::String: bytes, no pointers
  Slice,    // vm::Slice header
  Array,    // backing store of slices (slots)
  Map,      // vm::Map and its buckets
  Iface,    // vm::Iface box
  Closure,  // vm::Closure
  Chan,     // hchan (runtime/chan)
  Other,
};

struct ObjHeader {
  const mgo::Type* type;  // element/value type when known, else nullptr
  uint32_t size;          // total bytes including this header
  ObjKind kind;
  uint8_t gcbits;         // mark bits (collector)
  uint16_t flags;
};
static_assert(sizeof(ObjHeader) == 16);

// Allocates an object of `bytes` bytes IN TOTAL, the ObjHeader included
// (so bytes >= sizeof(ObjHeader)), zeroed, with the header filled in with
// the given kind and type; returns a pointer to the header. The object's
// payload starts at header + 1.
ObjHeader* mallocgc(size_t bytes, ObjKind kind, const mgo::Type* type = nullptr);

// Typed shorthand: allocates a T (which must start with its ObjHeader) plus
// `extra` trailing bytes for its flexible array member.
template <class T>
T* alloc_object(ObjKind kind, size_t extra = 0, const mgo::Type* type = nullptr) {
  return reinterpret_cast<T*>(mallocgc(sizeof(T) + extra, kind, type));
}

// Bytes handed out so far (for GODEBUG=gctrace and tests): by every thread's
// earlier chunks and large objects, and by the calling thread's current chunk.
uint64_t heap_allocated_bytes();

}  // namespace mgo::rt

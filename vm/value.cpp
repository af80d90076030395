// Go values in mgo's layout (vm/value.h): allocation, copying, boxing,
// equality and hashing.
#include "vm/value.h"

#include <cmath>
#include <functional>
#include <random>

#include "vm/api.h"

namespace mgo::vm {

Slot make_string(std::string_view bytes) {
  if (bytes.empty()) return 0;
  auto* s = rt::alloc_object<String>(rt::ObjKind::String, bytes.size());
  s->len = int64_t(bytes.size());
  std::memcpy(s->data, bytes.data(), bytes.size());
  return from_ptr(s);
}

Slot* alloc_slots(int64_t n, const Type* type) {
  if (n <= 0) n = 1;  // distinct storage even for empty structs and arrays
  auto* h = rt::mallocgc(sizeof(rt::ObjHeader) + sizeof(Slot) * size_t(n), rt::ObjKind::Raw, type);
  return reinterpret_cast<Slot*>(h + 1);
}

Slice* make_slice(const Type* elem, int64_t len, int64_t cap) {
  auto* s = rt::alloc_object<Slice>(rt::ObjKind::Slice, 0, elem);
  int64_t n = cap * elem->slots();
  auto* h = rt::mallocgc(sizeof(rt::ObjHeader) + sizeof(Slot) * size_t(n > 0 ? n : 1), rt::ObjKind::Array, elem);
  s->data = reinterpret_cast<Slot*>(h + 1);
  s->len = len;
  s->cap = cap;
  return s;
}

void store_value(const Type* t, Slot* dst, Slot v) {
  if (t->is_aggregate()) {
    std::memmove(dst, as_ptr<Slot>(v), sizeof(Slot) * size_t(t->slots()));
  } else {
    *dst = v;
  }
}

namespace {
int64_t align_up(int64_t n, int64_t a) { return a > 1 ? (n + a - 1) / a * a : n; }

int64_t go_alignof(const Type* t) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Bool: case Kind::Int8: case Kind::Uint8: return 1;
    case Kind::Int16: case Kind::Uint16: return 2;
    case Kind::Int32: case Kind::Uint32: case Kind::Float32: return 4;
    case Kind::Array: return go_alignof(u->elem);
    case Kind::Struct: {
      int64_t a = 1;
      for (const auto& f : u->fields) a = std::max(a, go_alignof(f.type));
      return a;
    }
    default: return 8;
  }
}
}  // namespace

int64_t go_sizeof(const Type* t) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Bool: case Kind::Int8: case Kind::Uint8: return 1;
    case Kind::Int16: case Kind::Uint16: return 2;
    case Kind::Int32: case Kind::Uint32: case Kind::Float32: return 4;
    case Kind::String: case Kind::Interface: return 16;
    case Kind::Slice: return 24;
    case Kind::Array: return u->len * go_sizeof(u->elem);
    case Kind::Struct: {
      int64_t off = 0;
      for (const auto& f : u->fields) off = align_up(off, go_alignof(f.type)) + go_sizeof(f.type);
      return align_up(off, go_alignof(t));
    }
    default: return 8;
  }
}

Slot copy_aggregate(const Type* t, Slot v) {
  int n = t->slots();
  Slot* p = alloc_slots(n, t);
  std::memcpy(p, as_ptr<Slot>(v), sizeof(Slot) * size_t(n));
  return from_ptr(p);
}

Slot box_iface(const Type* t, Slot v) {
  int n = t->slots();
  auto* b = rt::alloc_object<Iface>(rt::ObjKind::Iface, sizeof(Slot) * size_t(n), t);
  b->type = t;
  store_value(t, b->data, v);
  return from_ptr(b);
}

Slot unbox_iface(Slot iface) {
  auto* b = as_ptr<Iface>(iface);
  return load_value(b->type, b->data);
}

namespace {

// Go's message for == on interfaces holding values of an incomparable type.
[[noreturn]] void panic_uncomparable(const Type* t) {
  panic_runtime_error("comparing uncomparable type " + t->str());
}

}  // namespace

bool values_equal(const Type* t, Slot a, Slot b) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Float32:
    case Kind::Float64:
      return as_f64(a) == as_f64(b);
    case Kind::String:
      return str_view(a) == str_view(b);
    case Kind::Interface: {
      auto *x = as_ptr<Iface>(a), *y = as_ptr<Iface>(b);
      if (!x || !y) return x == y;
      if (x->type != y->type) return false;
      if (!x->type->comparable()) panic_uncomparable(x->type);
      check_native_stack();
      return values_equal(x->type, unbox_iface(a), unbox_iface(b));
    }
    case Kind::Struct: {
      auto *p = as_ptr<Slot>(a), *q = as_ptr<Slot>(b);
      for (const StructField& f : u->fields) {
        if (f.name == "_") continue;
        if (!values_equal(f.type, load_value(f.type, p + f.offset), load_value(f.type, q + f.offset)))
          return false;
      }
      return true;
    }
    case Kind::Array: {
      auto *p = as_ptr<Slot>(a), *q = as_ptr<Slot>(b);
      int es = u->elem->slots();
      for (int64_t i = 0; i < u->len; i++) {
        if (!values_equal(u->elem, load_value(u->elem, p + i * es), load_value(u->elem, q + i * es)))
          return false;
      }
      return true;
    }
    default:
      return a == b;
  }
}

namespace {

uint64_t random_hash() {
  static std::mt19937_64 rng{std::random_device{}()};
  return rng();
}

}  // namespace

uint64_t hash_value(const Type* t, Slot v, uint64_t seed) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Float32:
    case Kind::Float64: {
      double d = as_f64(v);
      if (d == 0) return hash_mix(seed, 0);       // +0 and -0 are equal keys
      if (std::isnan(d)) return hash_mix(seed, random_hash());  // NaN never equals itself
      return hash_mix(seed, v);
    }
    case Kind::String: {
      return hash_string(str_view(v), seed);
    }
    case Kind::Interface: {
      auto* x = as_ptr<Iface>(v);
      if (!x) return hash_mix(seed, 0);
      if (!x->type->comparable()) panic_runtime_error("hash of unhashable type " + x->type->str());
      check_native_stack();
      return hash_value(x->type, unbox_iface(v), hash_mix(seed, from_ptr(x->type)));
    }
    case Kind::Struct: {
      auto* p = as_ptr<Slot>(v);
      uint64_t h = seed;
      for (const StructField& f : u->fields) {
        if (f.name == "_") continue;
        h = hash_value(f.type, load_value(f.type, p + f.offset), h);
      }
      return h;
    }
    case Kind::Array: {
      auto* p = as_ptr<Slot>(v);
      uint64_t h = seed;
      int es = u->elem->slots();
      for (int64_t i = 0; i < u->len; i++) h = hash_value(u->elem, load_value(u->elem, p + i * es), h);
      return h;
    }
    default:
      return hash_mix(seed, v);
  }
}

}  // namespace mgo::vm

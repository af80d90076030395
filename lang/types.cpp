// Types: interning (identity is pointer equality), printing, Go's
// assignability/convertibility rules, field and method lookup, and
// interface satisfaction.
#include "lang/types.h"

#include <algorithm>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace mgo {

// ---------------------------------------------------------------- queries

bool Type::is_integer() const {
  Kind k = ukind();
  return (k >= Kind::Int && k <= Kind::Uintptr) || k == Kind::UntypedInt ||
         k == Kind::UntypedRune;
}

bool Type::is_unsigned() const {
  Kind k = ukind();
  return k >= Kind::Uint && k <= Kind::Uintptr;
}

bool Type::is_float() const {
  Kind k = ukind();
  return k == Kind::Float32 || k == Kind::Float64 || k == Kind::UntypedFloat;
}

bool Type::is_numeric() const { return is_integer() || is_float(); }

bool Type::is_string() const {
  Kind k = ukind();
  return k == Kind::String || k == Kind::UntypedString;
}

bool Type::is_boolean() const {
  Kind k = ukind();
  return k == Kind::Bool || k == Kind::UntypedBool;
}

int Type::bits() const {
  switch (ukind()) {
    case Kind::Int8: case Kind::Uint8: return 8;
    case Kind::Int16: case Kind::Uint16: return 16;
    case Kind::Int32: case Kind::Uint32: case Kind::Float32: return 32;
    case Kind::Int: case Kind::Uint: case Kind::Int64: case Kind::Uint64:
    case Kind::Uintptr: case Kind::Float64: return 64;
    default: return 0;
  }
}

int Type::slots() const {
  if (slots_ >= 0) return slots_;
  const Type* u = underlying();
  if (!u) return 1;  // incomplete named type (only while checking)
  int64_t n = 1;  // the checker rejects types over INT32_MAX (Checker::sized)
  if (u->kind == Kind::Struct) {
    n = 0;
    for (auto& f : u->fields) n += f.type ? f.type->slots() : 1;
  } else if (u->kind == Kind::Array) {
    n = int64_t(std::min<__int128>(__int128(u->len) * (u->elem ? u->elem->slots() : 1), INT64_MAX));
  } else if (u->kind == Kind::Tuple) {
    n = 0;
    for (auto* t : u->results) n += t->slots();
  }
  slots_ = int(std::min<int64_t>(n, INT32_MAX));
  return slots_;
}

bool Type::comparable() const {
  const Type* u = underlying();
  if (!u) return false;
  switch (u->kind) {
    case Kind::Slice: case Kind::Map: case Kind::Func: case Kind::Tuple: case Kind::Invalid:
      return false;
    case Kind::Struct:
      for (auto& f : u->fields)
        if (!f.type->comparable()) return false;
      return true;
    case Kind::Array: return u->elem->comparable();
    default: return true;
  }
}

// ---------------------------------------------------------------- printing

namespace {

const char* basic_name(Kind k) {
  switch (k) {
    case Kind::Invalid: return "invalid type";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Int8: return "int8";
    case Kind::Int16: return "int16";
    case Kind::Int32: return "int32";
    case Kind::Int64: return "int64";
    case Kind::Uint: return "uint";
    case Kind::Uint8: return "uint8";
    case Kind::Uint16: return "uint16";
    case Kind::Uint32: return "uint32";
    case Kind::Uint64: return "uint64";
    case Kind::Uintptr: return "uintptr";
    case Kind::Float32: return "float32";
    case Kind::Float64: return "float64";
    case Kind::String: return "string";
    case Kind::UnsafePointer: return "unsafe.Pointer";
    case Kind::UntypedBool: return "untyped bool";
    case Kind::UntypedInt: return "untyped int";
    case Kind::UntypedRune: return "untyped rune";
    case Kind::UntypedFloat: return "untyped float";
    case Kind::UntypedString: return "untyped string";
    case Kind::UntypedNil: return "untyped nil";
    default: return nullptr;
  }
}

// One printer for both styles: reflect's (%T) and types2's (errors).
struct TypeWriter {
  bool errors_style;
  const Package* local;
  std::string out;

  void write(const Type* t);
  void write_tuple(const std::vector<const Type*>& ts, const std::vector<std::string>& names,
                   bool variadic);
  void write_signature(const Type* t);
};

// types2 writes each parameter's name when it has one: "(a int, b int)".
void TypeWriter::write_tuple(const std::vector<const Type*>& ts,
                             const std::vector<std::string>& names, bool variadic) {
  out += '(';
  for (size_t i = 0; i < ts.size(); i++) {
    if (i) out += ", ";
    if (i < names.size() && !names[i].empty()) {
      out += names[i];
      out += ' ';
    }
    if (variadic && i + 1 == ts.size() && ts[i]->kind == Kind::Slice) {
      out += "...";
      write(ts[i]->elem);
    } else {
      write(ts[i]);
    }
  }
  out += ')';
}

void TypeWriter::write_signature(const Type* t) {
  write_tuple(t->params, t->param_names, t->variadic);
  if (t->results.empty()) return;
  out += ' ';
  bool named = !t->result_names.empty() && !t->result_names[0].empty();
  if (t->results.size() == 1 && !named) {
    write(t->results[0]);
    return;
  }
  write_tuple(t->results, t->result_names, false);
}

void TypeWriter::write(const Type* t) {
  if (!t) {
    out += "<nil>";
    return;
  }
  if (t->spelling_) {
    out += t->spelling_;
    return;
  }
  if (const char* b = basic_name(t->kind)) {
    out += b;
    return;
  }
  switch (t->kind) {
    case Kind::Named: {
      Object* o = t->obj;
      if (o && o->pkg && o->pkg != local && !o->pkg->name.empty()) {
        out += o->pkg->name;
        out += '.';
      }
      out += o ? o->name : "?";
      return;
    }
    case Kind::Pointer: out += '*'; write(t->elem); return;
    case Kind::Slice: out += "[]"; write(t->elem); return;
    case Kind::Array:
      out += '[' + std::to_string(t->len) + ']';
      write(t->elem);
      return;
    case Kind::Map:
      out += "map[";
      write(t->key);
      out += ']';
      write(t->elem);
      return;
    case Kind::Chan:
      out += t->dir == ChanDir::Recv ? "<-chan " : t->dir == ChanDir::Send ? "chan<- " : "chan ";
      if (t->dir != ChanDir::Send && t->elem->kind == Kind::Chan && t->elem->dir == ChanDir::Recv) {
        out += '(';
        write(t->elem);
        out += ')';
      } else {
        write(t->elem);
      }
      return;
    case Kind::Func: out += "func"; write_signature(t); return;
    case Kind::Tuple: write_tuple(t->results, t->result_names, false); return;
    case Kind::Struct: {
      if (t->fields.empty()) {
        out += errors_style ? "struct{}" : "struct {}";
        return;
      }
      out += errors_style ? "struct{" : "struct { ";
      for (size_t i = 0; i < t->fields.size(); i++) {
        if (i) out += "; ";
        auto& f = t->fields[i];
        if (f.embedded) {
          write(f.type);
        } else {
          out += f.name;
          out += ' ';
          write(f.type);
        }
        if (!f.tag.empty()) out += " " + f.tag;
      }
      out += errors_style ? "}" : " }";
      return;
    }
    case Kind::Interface: {
      if (t->imethods.empty()) {
        out += errors_style ? "interface{}" : "interface {}";
        return;
      }
      out += errors_style ? "interface{" : "interface { ";
      for (size_t i = 0; i < t->imethods.size(); i++) {
        if (i) out += "; ";
        out += t->imethods[i].name;
        write_signature(t->imethods[i].sig);
      }
      out += errors_style ? "}" : " }";
      return;
    }
    default: out += "?"; return;
  }
}

}  // namespace

std::string Type::str() const {
  TypeWriter w{false, nullptr, {}};
  w.write(canon_);  // a canonical type has only canonical parts
  return w.out;
}

std::string type_string(const Type* t, const Package* local) {
  TypeWriter w{true, local, {}};
  w.write(t);
  return w.out;
}

// ---------------------------------------------------------------- interning

struct TypeTable::Impl {
  std::mutex mu;
  std::deque<Type> store;
  std::unordered_map<std::string, const Type*> interned;
  const Type* basics[int(Kind::Tuple) + 1] = {};
  const Type* empty_iface = nullptr;
  const Type* byte_type = nullptr;
  const Type* rune_type = nullptr;
  const Type* any_type = nullptr;
  Type* error_type = nullptr;

  Type* fresh(Kind k) {
    store.emplace_back();
    Type* t = &store.back();
    t->kind = k;
    return t;
  }
};

namespace {

// Interning keys. A key spells a type's structure so that two types get
// the same key iff they are the same type: a component type is its
// pointer's 8 raw bytes (printing it with snprintf's "%p" cost 0.7M of
// the 15M instructions of an empty program's start-up), so a list of
// them is preceded by its length, and the names in a key are identifiers
// (no ':', '*' or ')') or come after their length.
void put_ptr(std::string& key, const void* p) {
  key.append(reinterpret_cast<const char*>(&p), sizeof p);
}

void put_ptrs(std::string& key, const std::vector<const Type*>& ts) {
  key += std::to_string(ts.size());
  key += ':';
  for (auto* t : ts) put_ptr(key, t);
}

// "<prefix><p>": the key of a type made of one other type.
std::string ptr_key(std::string prefix, const void* p) {
  put_ptr(prefix, p);
  return prefix;
}

// Room for a key of n pointers and a few more characters: growing the
// key pointer by pointer reallocated it every other time.
std::string key_with_room(const char* prefix, size_t n) {
  std::string key;
  key.reserve(16 + sizeof(void*) * n);
  key += prefix;
  return key;
}

// Whether any parameter is named; when none is, the names need not be kept
// at all and are dropped.
bool any_named(std::vector<std::string>& names) {
  for (auto& n : names)
    if (!n.empty()) return true;
  names.clear();
  return false;
}

// Parameter names as part of an interning key: "N" and each name after
// its length; nothing for an empty list.
void put_names(std::string& key, const std::vector<std::string>& names) {
  if (names.empty()) return;
  key += 'N';
  for (auto& n : names) {
    key += std::to_string(n.size());
    key += ':';
    key += n;
  }
}

bool all_canonical(const std::vector<const Type*>& ts) {
  for (auto* t : ts)
    if (canonical(t) != t) return false;
  return true;
}

std::vector<const Type*> canonical_all(const std::vector<const Type*>& ts) {
  std::vector<const Type*> out;
  out.reserve(ts.size());
  for (auto* t : ts) out.push_back(canonical(t));
  return out;
}

}  // namespace

TypeTable& TypeTable::get() {
  static TypeTable table;
  return table;
}

TypeTable::TypeTable() : impl_(new Impl) {
  for (int k = int(Kind::Invalid); k <= int(Kind::UntypedNil); k++) {
    Type* t = impl_->fresh(Kind(k));
    t->slots_ = 1;
    impl_->basics[k] = t;
  }
  auto alias = [&](const Type* canon, const char* name) {
    Type* t = impl_->fresh(canon->kind);
    t->canon_ = canon;
    t->spelling_ = name;
    t->slots_ = 1;
    return t;
  };
  impl_->byte_type = alias(impl_->basics[int(Kind::Uint8)], "byte");
  impl_->rune_type = alias(impl_->basics[int(Kind::Int32)], "rune");
  impl_->empty_iface = interface({});
  impl_->any_type = alias(impl_->empty_iface, "any");
}

const Type* TypeTable::Byte() { return impl_->byte_type; }
const Type* TypeTable::Rune() { return impl_->rune_type; }
const Type* TypeTable::Any() { return impl_->any_type; }

const Type* TypeTable::basic(Kind k) {
  if (int(k) > int(Kind::UntypedNil)) return impl_->basics[0];
  return impl_->basics[int(k)];
}

// Looks `key` up, or makes the type with `fill` under the lock. `canon`:
// the canonical variant when the new type is a spelled one (made by the
// caller before taking the lock), nullptr when it is canonical itself.
template <class F>
const Type* TypeTable::intern(const std::string& key, Kind k, const Type* canon, F fill) {
  Impl* impl = impl_;
  std::lock_guard<std::mutex> lock(impl->mu);
  auto it = impl->interned.find(key);
  if (it != impl->interned.end()) return it->second;
  Type* t = impl->fresh(k);
  if (canon) t->canon_ = canon;
  fill(t);
  impl->interned.emplace(key, t);
  return t;
}

const Type* TypeTable::pointer(const Type* elem) {
  const Type* canon = canonical(elem) != elem ? pointer(canonical(elem)) : nullptr;
  return intern(ptr_key("P", elem), Kind::Pointer, canon, [&](Type* t) {
    t->elem = elem;
    t->slots_ = 1;
  });
}

const Type* TypeTable::slice(const Type* elem) {
  const Type* canon = canonical(elem) != elem ? slice(canonical(elem)) : nullptr;
  return intern(ptr_key("S", elem), Kind::Slice, canon, [&](Type* t) {
    t->elem = elem;
    t->slots_ = 1;
  });
}

const Type* TypeTable::array(const Type* elem, int64_t len) {
  const Type* canon = canonical(elem) != elem ? array(canonical(elem), len) : nullptr;
  return intern(ptr_key("A" + std::to_string(len) + ",", elem), Kind::Array, canon,
                [&](Type* t) {
                  t->elem = elem;
                  t->len = len;
                });
}

const Type* TypeTable::map(const Type* key, const Type* value) {
  const Type* canon = canonical(key) != key || canonical(value) != value
                          ? map(canonical(key), canonical(value))
                          : nullptr;
  return intern(ptr_key(ptr_key("M", key), value), Kind::Map, canon, [&](Type* t) {
    t->key = key;
    t->elem = value;
    t->slots_ = 1;
  });
}

const Type* TypeTable::chan(ChanDir dir, const Type* elem) {
  const Type* canon = canonical(elem) != elem ? chan(dir, canonical(elem)) : nullptr;
  return intern(ptr_key("C" + std::to_string(int(dir)), elem), Kind::Chan, canon,
                [&](Type* t) {
                  t->dir = dir;
                  t->elem = elem;
                  t->slots_ = 1;
                });
}

const Type* TypeTable::func(std::vector<const Type*> params, std::vector<const Type*> results,
                            bool variadic, std::vector<std::string> param_names,
                            std::vector<std::string> result_names) {
  std::string key = key_with_room(variadic ? "F." : "F", params.size() + results.size());
  put_ptrs(key, params);
  put_ptrs(key, results);
  bool named = any_named(param_names);
  named |= any_named(result_names);  // (both lists are looked at)
  if (named) {
    key += '(';
    put_names(key, param_names);
    key += ')';
    put_names(key, result_names);
  }
  bool spelled = named || !all_canonical(params) || !all_canonical(results);
  const Type* canon =
      spelled ? func(canonical_all(params), canonical_all(results), variadic) : nullptr;
  return intern(key, Kind::Func, canon, [&](Type* t) {
    t->params = std::move(params);
    t->results = std::move(results);
    t->param_names = std::move(param_names);
    t->result_names = std::move(result_names);
    t->variadic = variadic;
    t->slots_ = 1;
  });
}

const Type* TypeTable::tuple(std::vector<const Type*> elems, std::vector<std::string> names) {
  std::string key = key_with_room("T", elems.size());
  put_ptrs(key, elems);
  bool named = any_named(names);
  put_names(key, names);
  bool spelled = named || !all_canonical(elems);
  const Type* canon = spelled ? tuple(canonical_all(elems)) : nullptr;
  return intern(key, Kind::Tuple, canon, [&](Type* t) {
    t->results = std::move(elems);
    t->result_names = std::move(names);
  });
}

const Type* TypeTable::structure(std::vector<StructField> fields) {
  std::string key = "R";
  bool spelled = false;
  std::vector<StructField> cfields = fields;
  for (auto& f : fields) {
    key += f.name + (f.embedded ? "*" : ":");
    put_ptr(key, f.type);
    key += std::to_string(f.tag.size()) + ":" + f.tag + ";";
  }
  for (auto& f : cfields) {
    spelled |= canonical(f.type) != f.type;
    f.type = canonical(f.type);
  }
  const Type* canon = spelled ? structure(std::move(cfields)) : nullptr;
  return intern(key, Kind::Struct, canon, [&](Type* t) {
    // Saturating: a struct over INT32_MAX slots is made, then refused by
    // the checker (Checker::sized).
    int64_t off = 0;
    for (auto& f : fields) {
      f.offset = int(std::min<int64_t>(off, INT32_MAX));
      off += f.type ? f.type->slots() : 1;
    }
    t->fields = std::move(fields);
  });
}

const Type* TypeTable::interface(std::vector<Method> methods) {
  std::sort(methods.begin(), methods.end(),
            [](const Method& a, const Method& b) { return a.name < b.name; });
  std::string key = "I";
  for (auto& m : methods) {
    key += m.name;
    key += ':';
    put_ptr(key, m.sig);
  }
  bool spelled = false;
  std::vector<Method> cmethods = methods;
  for (auto& m : cmethods) {
    spelled |= canonical(m.sig) != m.sig;
    m.sig = canonical(m.sig);
  }
  const Type* canon = spelled ? interface(std::move(cmethods)) : nullptr;
  return intern(key, Kind::Interface, canon, [&](Type* t) {
    t->imethods = std::move(methods);
    t->slots_ = 1;
  });
}

Type* TypeTable::named(Object* obj) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  Type* t = impl_->fresh(Kind::Named);
  t->obj = obj;
  return t;
}

void TypeTable::set_underlying(Type* named, const Type* underlying) {
  named->underlying_ = underlying ? underlying->underlying() : nullptr;
  named->slots_ = -1;
}

void TypeTable::canonicalize_named(Type* named) {
  named->underlying_ = canonical(named->underlying_);
  for (Object* m : named->methods) m->type = canonical(m->type);
}

const Type* TypeTable::EmptyInterface() { return impl_->empty_iface; }

const Type* TypeTable::Error() {
  if (impl_->error_type) return impl_->error_type;
  static Object error_obj;
  error_obj.kind = ObjKind::TypeName;
  error_obj.name = "error";
  Type* t = named(&error_obj);
  error_obj.type = t;
  const Type* sig = func({}, {String()}, false);
  set_underlying(t, interface({Method{"Error", sig, {}}}));
  impl_->error_type = t;
  return t;
}

// ---------------------------------------------------------------- rules

const Type* default_type(const Type* t) {
  if (!t) return t;
  switch (t->kind) {
    case Kind::UntypedBool: return types().Bool();
    case Kind::UntypedInt: return types().Int();
    case Kind::UntypedRune: return types().Rune();
    case Kind::UntypedFloat: return types().Float64();
    case Kind::UntypedString: return types().String();
    default: return t;
  }
}

static bool untyped_assignable(const Type* v, const Type* to) {
  const Type* u = to->underlying();
  if (u->kind == Kind::Interface) return u->imethods.empty() || v->kind == Kind::UntypedNil;
  switch (v->kind) {
    case Kind::UntypedBool: return u->is_boolean();
    case Kind::UntypedInt: case Kind::UntypedRune: case Kind::UntypedFloat:
      return u->is_numeric();
    case Kind::UntypedString: return u->is_string();
    case Kind::UntypedNil: {
      Kind k = u->kind;
      return k == Kind::Pointer || k == Kind::Func || k == Kind::Slice || k == Kind::Map ||
             k == Kind::Chan || k == Kind::Interface || k == Kind::UnsafePointer;
    }
    default: return false;
  }
}

bool assignable(const Type* v, const Type* to) {
  if (!v || !to) return false;
  if (identical(v, to)) return true;
  if (v->kind == Kind::Invalid || to->kind == Kind::Invalid) return true;
  if (v->is_untyped()) return untyped_assignable(v, to);
  const Type* vu = v->underlying();
  const Type* tu = to->underlying();
  if (identical(vu, tu) && (!v->is_named() || !to->is_named())) return true;
  if (tu->kind == Kind::Interface && implements(v, to)) return true;
  if (vu->kind == Kind::Chan && vu->dir == ChanDir::Both && tu->kind == Kind::Chan &&
      identical(vu->elem, tu->elem) && (!v->is_named() || !to->is_named()))
    return true;
  return false;
}

bool convertible(const Type* from, const Type* to) {
  if (assignable(from, to)) return true;
  const Type* fu = from->underlying();
  const Type* tu = to->underlying();
  if (identical(fu, tu)) return true;
  if (fu->kind == Kind::Pointer && tu->kind == Kind::Pointer && !from->is_named() &&
      !to->is_named() && identical(fu->elem->underlying(), tu->elem->underlying()))
    return true;
  if (fu->is_numeric() && tu->is_numeric()) return true;
  if (tu->kind == Kind::String) {
    if (fu->is_integer() || fu->is_string()) return true;
    if (fu->kind == Kind::Slice) {
      Kind e = fu->elem->ukind();
      return e == Kind::Uint8 || e == Kind::Int32;
    }
  }
  if (fu->is_string() && tu->kind == Kind::Slice) {
    Kind e = tu->elem->ukind();
    return e == Kind::Uint8 || e == Kind::Int32;
  }
  if (fu->kind == Kind::Slice) {
    if (tu->kind == Kind::Array) return identical(fu->elem, tu->elem);
    if (tu->kind == Kind::Pointer && tu->elem->ukind() == Kind::Array)
      return identical(fu->elem, tu->elem->underlying()->elem);
  }
  return false;
}

// ---------------------------------------------------------------- lookup

namespace {

struct Embedded {
  const Type* type;          // the (dereferenced) type to search
  std::vector<int> index;    // path of field indices to reach it
  std::vector<bool> derefs;  // one entry per selection so far, plus "is the current value a pointer"
  bool indirect;
  bool multiples;
};

}  // namespace

namespace {

// Go's strings.EqualFold for the ASCII letters (identifiers in other
// scripts compare exactly).
bool equal_fold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

Selection lookup_field_or_method(const Type* T, std::string_view name, bool fold_case) {
  auto same = [&](std::string_view n) { return fold_case ? equal_fold(n, name) : n == name; };
  Selection sel;
  if (!T || name == "_") return sel;
  bool is_ptr = false;
  const Type* typ = T;
  if (T->kind == Kind::Pointer) {
    typ = T->elem;
    is_ptr = true;
    if (typ->is_interface()) return sel;
  } else if (T->kind == Kind::Named && T->underlying() && T->ukind() == Kind::Pointer) {
    // A named pointer type has no methods, but its pointee's fields are selectable.
    typ = T->underlying()->elem;
    is_ptr = true;
  }
  std::vector<Embedded> current{{typ, {}, {is_ptr}, is_ptr, false}};
  std::vector<const Type*> seen;
  while (!current.empty()) {
    std::vector<Embedded> next;
    bool found = false;
    // Records a match at this depth: the path to it and the dereferences on
    // the way (for a method, the last step is the receiver's). False when a
    // second match, or a match reached twice, makes the selector ambiguous.
    auto take = [&](const Embedded& e, decltype(sel.kind) kind, int i) {
      if (found || e.multiples) {
        sel = Selection();
        sel.kind = Selection::Ambiguous;
        return false;
      }
      found = true;
      sel.kind = kind;
      sel.path = e.index;
      sel.path.push_back(i);
      sel.indirect = e.indirect;
      if (kind == Selection::FieldVal) {
        sel.derefs = e.derefs;
      } else {
        sel.derefs.assign(e.derefs.begin(), e.derefs.end() - 1);
        sel.recv_is_ptr = e.derefs.back();
      }
      return true;
    };
    for (auto& e : current) {
      const Type* t = e.type;
      if (t->kind == Kind::Named) {
        if (std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
        seen.push_back(t);
        for (size_t i = 0; i < t->methods.size(); i++) {
          if (!same(t->methods[i]->name)) continue;
          if (!take(e, Selection::MethodVal, int(i))) return sel;
          sel.name = t->methods[i]->name;
          sel.method = t->methods[i];
          sel.type = t->methods[i]->type;
          break;
        }
        t = t->underlying();
        if (!t) continue;
      }
      if (t->kind == Kind::Struct) {
        for (size_t i = 0; i < t->fields.size(); i++) {
          auto& f = t->fields[i];
          if (same(f.name)) {
            if (!take(e, Selection::FieldVal, int(i))) return sel;
            sel.name = f.name;
            sel.type = f.type;
            sel.method = nullptr;
            continue;
          }
          if (!found && f.embedded && f.type) {
            const Type* ft = f.type;
            bool p = ft->kind == Kind::Pointer;
            if (p) ft = ft->elem;
            Embedded n{ft, e.index, e.derefs, e.indirect || p, e.multiples};
            n.index.push_back(int(i));
            n.derefs.push_back(p);
            next.push_back(std::move(n));
          }
        }
      } else if (t->kind == Kind::Interface) {
        for (size_t i = 0; i < t->imethods.size(); i++) {
          if (!same(t->imethods[i].name)) continue;
          if (!take(e, Selection::MethodVal, int(i))) return sel;
          sel.name = t->imethods[i].name;
          sel.type = t->imethods[i].sig;
          sel.iface_method = true;
        }
      }
    }
    if (found) return sel;
    // Consolidate: the same type reached twice at one depth makes its
    // members ambiguous (Go's consolidateMultiples).
    std::vector<Embedded> merged;
    for (auto& n : next) {
      bool dup = false;
      for (auto& m : merged)
        if (identical(m.type, n.type)) {
          m.multiples = true;
          dup = true;
        }
      if (!dup) merged.push_back(std::move(n));
    }
    current = std::move(merged);
  }
  return sel;
}

namespace {

std::mutex g_impl_mu;
std::unordered_map<std::string, std::pair<bool, std::string>>& impl_cache() {
  static std::unordered_map<std::string, std::pair<bool, std::string>> cache;
  return cache;
}

bool compute_implements(const Type* t, const Type* iface, std::string* why) {
  const Type* it = iface->underlying();
  if (t->is_interface()) {
    const Type* tu = t->underlying();
    for (auto& m : it->imethods) {
      auto found = std::find_if(tu->imethods.begin(), tu->imethods.end(),
                                [&](const Method& x) { return x.name == m.name; });
      if (found == tu->imethods.end()) return *why = "missing method " + m.name, false;
      if (!identical(found->sig, m.sig)) return *why = "wrong type for method " + m.name, false;
    }
    return true;
  }
  for (auto& m : it->imethods) {
    Selection sel = lookup_field_or_method(t, m.name);
    if (sel.kind != Selection::MethodVal) return *why = "missing method " + m.name, false;
    if (!identical(sel.type, m.sig)) return *why = "wrong type for method " + m.name, false;
    if (sel.method && sel.method->recv_ptr && !sel.indirect)
      return *why = "method " + m.name + " has pointer receiver", false;
  }
  return true;
}

}  // namespace

bool implements(const Type* t, const Type* iface, std::string* missing) {
  if (!t || !iface || !iface->is_interface()) return false;
  t = canonical(t);
  iface = canonical(iface);
  if (t == iface) return true;
  std::string key;
  put_ptr(key, t);
  put_ptr(key, iface);
  {
    std::lock_guard<std::mutex> lock(g_impl_mu);
    auto it = impl_cache().find(key);
    if (it != impl_cache().end()) {
      if (missing) *missing = it->second.second;
      return it->second.first;
    }
  }
  std::string why;
  bool ok = compute_implements(t, iface, &why);
  // Named types still being checked may gain methods; cache only complete answers.
  bool complete = !(t->is_named() && !t->underlying_);
  if (complete) {
    std::lock_guard<std::mutex> lock(g_impl_mu);
    impl_cache().emplace(key, std::make_pair(ok, why));
  }
  if (missing) *missing = why;
  return ok;
}

// ---------------------------------------------------------------- objects

bool Object::exported() const {
  if (name.empty()) return false;
  unsigned char c = name[0];
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  // Non-ASCII: decode the first rune and treat Latin-1/Greek/Cyrillic upper
  // case ranges as exported (enough for identifiers seen in practice).
  uint32_t r = 0;
  if ((c & 0xE0) == 0xC0 && name.size() >= 2) r = ((c & 0x1F) << 6) | (name[1] & 0x3F);
  if ((r >= 0xC0 && r <= 0xDE && r != 0xD7) || (r >= 0x391 && r <= 0x3A9) ||
      (r >= 0x410 && r <= 0x42F))
    return true;
  return false;
}

Object* Scope::lookup_local(std::string_view name) const {
  if (names.empty()) return nullptr;  // most block scopes: no hashing
  auto it = names.find(name);
  return it == names.end() ? nullptr : it->second;
}

Object* Scope::lookup(std::string_view name) const {
  for (const Scope* s = this; s; s = s->parent)
    if (Object* o = s->lookup_local(name)) return o;
  return nullptr;
}

}  // namespace mgo

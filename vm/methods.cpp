// Method lookup at run time: interface method calls and method values find
// the func value implementing a method for a dynamic type. Methods reached
// through embedded fields, or needing a dereference first, get a small
// generated wrapper proto that adjusts the receiver and calls the method.
#include <map>
#include <mutex>

#include "lang/types.h"
#include "runtime/panic.h"
#include "vm/interp_util.h"
#include "vm/program.h"

namespace mgo::vm {

Proto* bound_proto() {
  static Proto* p = [] {
    auto* q = new Proto();
    q->kind = ProtoKind::Bound;
    q->name = "method value";
    return q;
  }();
  return p;
}

namespace {

struct Emitter {
  Proto* p;
  void emit(uint16_t op, int a, int b = 0, int c = 0) {
    p->code.push_back(Instr{op, uint16_t(a), uint16_t(b), uint16_t(c)});
    p->lines.push_back(0);
  }
  int konst(Slot v) {
    p->consts.push_back(v);
    return int(p->consts.size()) - 1;
  }
};

Closure* closure_for(Proto* p) {
  if (!p->closure) {
    auto* c = rt::alloc_object<Closure>(rt::ObjKind::Closure);
    c->proto = p;
    p->closure = c;
  }
  return p->closure;
}

// A wrapper taking a receiver of type t and calling the method `sel`
// selects, with the receiver adjusted along the embedding path.
Proto* make_wrapper(const Type* t, const Selection& sel, std::string_view name) {
  auto* p = new Proto();
  const Type* sig = sel.type;
  p->name = (sel.method && sel.method->info) ? sel.method->info->name : std::string(name);
  if (sel.method && sel.method->info) p->file = static_cast<Proto*>(sel.method->info->code)->file;
  p->nparams = 1 + int(sig->params.size());
  p->nresults = int(sig->results.size());
  p->nregs = std::max(p->nparams, p->nresults) + 2;
  Emitter e{p};
  // R0 walks from the receiver to the method's receiver.
  const Type* cur = t;
  bool is_ptr = t->ukind() == Kind::Pointer;
  if (is_ptr) cur = t->underlying()->elem;
  int off = 0;
  bool have_value_scalar = !is_ptr && !t->is_aggregate();
  for (size_t k = 0; k + 1 < sel.path.size(); k++) {
    const StructField& f = cur->underlying()->fields[size_t(sel.path[k])];
    off += f.offset;
    if (f.type->ukind() == Kind::Pointer) {
      e.emit(OP_LOAD, 0, 0, off);
      off = 0;
      cur = f.type->underlying()->elem;
      is_ptr = true;
    } else {
      cur = f.type;
    }
  }
  if (sel.iface_method) {
    // The interface to call through: the receiver itself for a method
    // expression of an interface type (io.Writer.Write), else the embedded
    // interface field the path ends at.
    if (!t->is_interface()) e.emit(OP_LOAD, 0, 0, off);
    p->caches.push_back(InlineCache{});
    e.emit(OP_CALLI, 0, e.konst(make_string(name)), 0);
  } else {
    Object* mo = sel.method;
    if (have_value_scalar) {
      // The receiver is the value itself (a named scalar type).
    } else if (mo->recv_ptr || mo->recv->is_aggregate()) {
      e.emit(OP_ADDR, 0, 0, off);
    } else {
      e.emit(OP_LOAD, 0, 0, off);
    }
    e.emit(OP_CALL, 0, e.konst(from_ptr(closure_for(static_cast<Proto*>(mo->info->code)))), 0);
  }
  e.emit(OP_RET, 0, p->nresults);
  return p;
}

}  // namespace

const MethodEntry* find_method_entry(const Type* t, std::string_view name) {
  static std::mutex mu;
  // std::map: entries never move, so the pointers handed out stay valid.
  static std::map<std::pair<const Type*, std::string>, MethodEntry, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto key = std::make_pair(t, std::string(name));
  auto it = cache.find(key);
  if (it != cache.end()) return &it->second;
  Selection sel = lookup_field_or_method(t, name);
  Slot fn = 0;
  if (sel.kind == Selection::MethodVal) {
    Object* mo = sel.method;
    bool direct = !sel.iface_method && sel.path.size() == 1 && mo && mo->info && mo->info->code &&
                  mo->recv_ptr == (t->ukind() == Kind::Pointer);
    if (direct) {
      fn = from_ptr(closure_for(static_cast<Proto*>(mo->info->code)));
    } else if (sel.iface_method || (mo && mo->info && mo->info->code)) {
      fn = from_ptr(closure_for(make_wrapper(t, sel, name)));
    } else {
      // The checker compiles a library method only when a call can reach it
      // (PendingBodies in lang/checker.h): one that a call found anyway is
      // mgo's bug, which must not become a call through a null closure.
      std::string msg = "internal error: method " + std::string(name) + " of " + type_string(t, nullptr) +
                        " was thought unreachable and not compiled";
      rt::fatal(msg.c_str());
    }
  }
  return &cache.emplace(key, MethodEntry{t, fn}).first->second;
}

Slot find_method(const Type* t, std::string_view name) { return find_method_entry(t, name)->fn; }

}  // namespace mgo::vm

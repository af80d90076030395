// Type expressions: names, composite type literals, signatures.
#include "lang/checker.h"
#include "lang/nesting.h"

namespace mgo {

const Type* Checker::type_expr(Expr* e) {
  if (!e) return types().invalid();
  const Type* t = type_expr_internal(e);
  if (!t) t = types().invalid();
  e->mode = t->kind == Kind::Invalid ? Mode::Invalid : Mode::TypeExpr;
  e->type = t;
  return t;
}

// A named type whose underlying type is not known yet (it is being
// declared), or an array of one: using it by value is a recursive type.
bool Checker::is_incomplete(const Type* t) {
  while (t && t->kind == Kind::Array) t = t->elem;
  return t && t->kind == Kind::Named && !t->underlying_;
}

int64_t Checker::array_length(Expr* e) {
  expr(e);
  if (!is_valid(e)) return -1;
  if (e->mode != Mode::Constant) {
    error(e->pos, "array length " + expr_str(e) + " (" +
                      (e->mode == Mode::Variable ? "variable" : "value") + " of type " +
                      type_str(e->type) + ") must be constant");
    return -1;
  }
  __int128 n;
  if (!e->type->is_integer() && !(e->type->is_untyped() && const_to_int(*e->cval, &n))) {
    error(e->pos, "array length " + operand_string(e) + " must be integer");
    return -1;
  }
  if (!const_to_int(*e->cval, &n) || n < 0 || n > (__int128(1) << 40)) {
    error(e->pos, "invalid array length " + expr_str(e));
    return -1;
  }
  if (e->type->is_untyped()) convert_untyped(e, types().Int());
  return int64_t(n);
}

const Type* Checker::type_expr_internal(Expr* e) {
  check_nesting(e->pos);
  TypeTable& tt = types();
  switch (e->kind) {
    case NodeKind::Ident:
    case NodeKind::SelectorExpr: {
      expr_or_type(e);
      if (e->mode == Mode::Invalid) return tt.invalid();
      if (e->mode != Mode::TypeExpr) {
        error(e->pos, expr_str(e) + " is not a type");
        return tt.invalid();
      }
      return e->type;
    }
    case NodeKind::ParenExpr: return type_expr(static_cast<ParenExpr*>(e)->x);
    case NodeKind::StarExpr: {
      const Type* elem = type_expr(static_cast<StarExpr*>(e)->x);
      return elem->kind == Kind::Invalid ? elem : tt.pointer(elem);
    }
    case NodeKind::ArrayType: {
      auto* at = static_cast<ArrayType*>(e);
      if (!at->len) {
        const Type* elem = type_expr(at->elt);
        return elem->kind == Kind::Invalid ? elem : tt.slice(elem);
      }
      if (at->len->kind == NodeKind::Ellipsis) {
        error(at->len->pos, "invalid use of [...] array (outside a composite literal)");
        type_expr(at->elt);
        return tt.invalid();
      }
      int64_t n = array_length(at->len);
      const Type* elem = type_expr(at->elt);
      if (n < 0 || elem->kind == Kind::Invalid) return tt.invalid();
      if (is_incomplete(elem)) {
        error(elem->obj->pos, "invalid recursive type " + elem->obj->name);
        return tt.invalid();
      }
      return sized(tt.array(elem, n), std::min<__int128>(__int128(n) * elem->slots(), INT64_MAX), e->pos);
    }
    case NodeKind::MapType: {
      auto* mt = static_cast<MapType*>(e);
      const Type* k = type_expr(mt->key);
      const Type* v = type_expr(mt->value);
      if (k->kind == Kind::Invalid || v->kind == Kind::Invalid) return tt.invalid();
      if (!is_incomplete(k) && !k->comparable()) {
        error(mt->key->pos, "invalid map key type " + type_str(k));
        return tt.invalid();
      }
      return tt.map(k, v);
    }
    case NodeKind::ChanType: {
      auto* ct = static_cast<ChanType*>(e);
      const Type* v = type_expr(ct->value);
      return v->kind == Kind::Invalid ? v : tt.chan(ct->dir, v);
    }
    case NodeKind::FuncType:
      return func_type(static_cast<FuncType*>(e), nullptr, nullptr, nullptr);
    case NodeKind::StructType: return struct_type(static_cast<StructType*>(e));
    case NodeKind::InterfaceType: return interface_type(static_cast<InterfaceType*>(e));
    case NodeKind::Ellipsis:
      error(e->pos, "invalid use of ...");
      return tt.invalid();
    case NodeKind::IndexExpr:
      error(e->pos, "generic types are not supported by mgo");
      return tt.invalid();
    default:
      expr(e);
      if (is_valid(e)) error(e->pos, expr_str(e) + " is not a type");
      return tt.invalid();
  }
}

const Type* Checker::struct_type(StructType* st) {
  std::vector<StructField> fields;
  std::set<std::string> names;
  bool bad = false;
  for (Field* f : st->fields.list) {
    if (!f) continue;
    const Type* t = type_expr(f->type);
    if (t->kind == Kind::Invalid) bad = true;
    if (is_incomplete(t)) {
      const Type* n = t;
      while (n->kind == Kind::Array) n = n->elem;
      error(n->obj->pos, "invalid recursive type " + n->obj->name);
      bad = true;
    }
    auto add = [&](const std::string& name, Pos pos, bool embedded) {
      if (name != "_" && !names.insert(name).second) {
        error(pos, name + " redeclared");
        bad = true;
      }
      StructField sf;
      sf.name = name;
      sf.type = t;
      sf.embedded = embedded;
      sf.tag = f->tag;
      sf.pos = pos;
      Object tmp;
      tmp.name = name;
      sf.exported = tmp.exported();
      fields.push_back(sf);
    };
    if (f->names.empty()) {
      const Type* base = t->kind == Kind::Pointer ? t->elem : t;
      if (t->kind != Kind::Invalid && base->kind != Kind::Named && !(base->kind <= Kind::UnsafePointer)) {
        error(f->type->pos, "embedded field type must be a type name");
        bad = true;
      }
      if (t->kind == Kind::Pointer && base->is_named() && base->underlying_ &&
          (base->ukind() == Kind::Pointer || base->ukind() == Kind::Interface)) {
        error(f->type->pos, "embedded field type cannot be a pointer to an interface");
        bad = true;
      }
      std::string name = base->kind == Kind::Named && base->obj ? base->obj->name : type_string(base, nullptr);
      add(name, f->type->pos, true);
    } else {
      for (Ident* id : f->names) add(id->name, id->pos, false);
    }
  }
  if (bad) return types().invalid();
  int64_t slots = 0;
  for (const StructField& f : fields) slots += f.type->slots();
  return sized(types().structure(std::move(fields)), slots, st->pos);
}

// An array or struct type of `slots` 64-bit slots (Type::slots: every
// scalar takes one), or invalid after an error. mgo counts slots in 32
// bits; gc's own limit is 1 PB (cmd/compile's types.MaxWidth = 1<<50 bytes).
// Element and field types were checked here before, so the products and
// sums stay far from overflowing.
const Type* Checker::sized(const Type* t, int64_t slots, Pos pos) {
  if (slots <= INT32_MAX) return t;
  if (slots > (int64_t(1) << 47))
    error(pos, "type " + type_str(t) + " larger than address space");
  else
    error(pos, "type " + type_str(t) + " of more than " + std::to_string(INT32_MAX) +
                   " words is not supported by mgo");
  return types().invalid();
}

const Type* Checker::interface_type(InterfaceType* it) {
  std::vector<Method> methods;
  auto add = [&](const std::string& name, const Type* sig, Pos pos) {
    for (auto& m : methods)
      if (m.name == name) {
        if (!identical(m.sig, sig)) error(pos, "duplicate method " + name);
        return;
      }
    methods.push_back(Method{name, sig, pos});
  };
  for (Field* f : it->methods.list) {
    if (!f) continue;
    if (!f->names.empty()) {
      auto* ft = f->type && f->type->kind == NodeKind::FuncType ? static_cast<FuncType*>(f->type) : nullptr;
      const Type* sig = ft ? func_type(ft, nullptr, nullptr, nullptr) : type_expr(f->type);
      if (sig->kind == Kind::Func) add(f->names[0]->name, sig, f->names[0]->pos);
      continue;
    }
    const Type* emb = type_expr(f->type);
    if (emb->kind == Kind::Invalid) continue;
    if (is_incomplete(emb)) {
      error(emb->obj->pos, "invalid recursive type " + emb->obj->name);
      continue;
    }
    if (!emb->is_interface()) {
      error(f->type->pos, "cannot use " + type_str(emb) + " as interface (type sets are not supported by mgo)");
      continue;
    }
    for (auto& m : emb->underlying()->imethods) add(m.name, m.sig, f->type->pos);
  }
  return types().interface(std::move(methods));
}

// Resolves a signature; with `params`/`results` given, also makes one
// Object per parameter and result (named or not) for a function body.
const Type* Checker::func_type(FuncType* ft, std::vector<Object*>* params,
                               std::vector<Object*>* results, bool* named_results) {
  std::vector<const Type*> ps, rs;
  std::vector<std::string> pnames, rnames;  // for messages: "func(b byte) rune"
  bool variadic = false;
  bool bad = false;
  auto walk = [&](FieldList& list, std::vector<const Type*>& out, std::vector<std::string>& names,
                  std::vector<Object*>* objs, bool is_result) {
    size_t total = 0;
    for (Field* f : list.list)
      if (f) total += f->names.empty() ? 1 : f->names.size();
    out.reserve(total);
    names.reserve(total);
    if (objs) objs->reserve(objs->size() + total);
    for (size_t i = 0; i < list.list.size(); i++) {
      Field* f = list.list[i];
      if (!f) continue;
      Expr* te = f->type;
      bool dots = te && te->kind == NodeKind::Ellipsis;
      if (dots) {
        if (is_result || i + 1 != list.list.size() || f->names.size() > 1)
          error(te->pos, "can only use ... with final parameter in list");
        te = static_cast<Ellipsis*>(te)->elt;
        variadic = true;
      }
      const Type* t = type_expr(te);
      if (t->kind == Kind::Invalid) bad = true;
      if (dots) t = types().slice(t);
      if (dots && f->type) {
        f->type->type = t;
        f->type->mode = Mode::TypeExpr;
      }
      size_t n = f->names.empty() ? 1 : f->names.size();
      for (size_t k = 0; k < n; k++) {
        out.push_back(t);
        Ident* id = f->names.empty() ? nullptr : f->names[k];
        names.push_back(id ? id->name : "");
        if (!objs) continue;
        auto* o = make<Object>();
        o->kind = ObjKind::Var;
        o->name = id ? id->name : "";
        o->pos = id ? id->pos : f->pos;
        o->type = t;
        o->pkg = pkg_;
        o->is_param = true;
        o->is_result = is_result;
        o->used = true;
        if (id) id->obj = o;
        objs->push_back(o);
        if (is_result && id && named_results) *named_results = true;
      }
    }
  };
  walk(ft->params, ps, pnames, params, false);
  walk(ft->results, rs, rnames, results, true);
  if (bad) return types().invalid();
  return types().func(std::move(ps), std::move(rs), variadic, std::move(pnames), std::move(rnames));
}

}  // namespace mgo

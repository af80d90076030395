// Composite literals and function literals (closures).
#include <set>

#include "lang/checker.h"

namespace mgo {

// An element of a composite literal: a nested literal with an elided type
// takes `t` (or T for an elided &T{...} when t is *T).
void Checker::elem_value(Expr* v, const Type* t, const std::string& context) {
  if (!v) return;
  if (v->kind == NodeKind::CompositeLit && !static_cast<CompositeLit*>(v)->typ) {
    composite_lit(static_cast<CompositeLit*>(v), t);
    if (is_valid(v) && !identical(v->type, t)) assignment(v, t, context);
    return;
  }
  expr(v);
  assignment(v, t, context);
}

void Checker::composite_lit(CompositeLit* e, const Type* hint) {
  const Type* t = nullptr;
  bool elided_ptr = false;
  if (e->typ) {
    auto* at = e->typ->kind == NodeKind::ArrayType ? static_cast<ArrayType*>(e->typ) : nullptr;
    if (at && at->len && at->len->kind == NodeKind::Ellipsis) {
      const Type* elem = type_expr(at->elt);
      if (elem->kind == Kind::Invalid) {
        for (Expr* x : e->elts) {
          Expr* v = x && x->kind == NodeKind::KeyValueExpr ? static_cast<KeyValueExpr*>(x)->value : x;
          if (v && !(v->kind == NodeKind::CompositeLit && !static_cast<CompositeLit*>(v)->typ)) expr(v);
        }
        return;
      }
      int64_t n = array_lit(e, elem, -1);
      t = sized(types().array(elem, n), std::min<__int128>(__int128(n) * elem->slots(), INT64_MAX), e->pos);
      if (t->kind == Kind::Invalid) return;
      at->mode = Mode::TypeExpr;
      at->type = t;
      e->mode = Mode::Value;
      e->type = t;
      return;
    }
    t = type_expr(e->typ);
  } else if (hint) {
    t = hint;
    if (t->ukind() == Kind::Pointer) {
      // []*T{{...}} stands for []*T{&T{...}}.
      t = t->underlying()->elem;
      elided_ptr = true;
    }
  } else {
    error(e->pos, "invalid composite literal type: missing type");
    return;
  }
  if (t->kind == Kind::Invalid) {
    for (Expr* x : e->elts) {
      Expr* v = x && x->kind == NodeKind::KeyValueExpr ? static_cast<KeyValueExpr*>(x)->value : x;
      if (v && !(v->kind == NodeKind::CompositeLit && !static_cast<CompositeLit*>(v)->typ)) expr(v);
    }
    return;
  }
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Struct: struct_lit(e, t); break;
    case Kind::Array: array_lit(e, u->elem, u->len); break;
    case Kind::Slice: array_lit(e, u->elem, -1); break;
    case Kind::Map: map_lit(e, t); break;
    default:
      error(e->pos, "invalid composite literal type " + type_str(t));
      return;
  }
  e->mode = Mode::Value;
  e->type = elided_ptr ? types().pointer(t) : t;
}

void Checker::struct_lit(CompositeLit* e, const Type* t) {
  const auto& fields = t->underlying()->fields;
  if (e->elts.empty()) return;
  bool keyed = e->elts[0] && e->elts[0]->kind == NodeKind::KeyValueExpr;
  e->indices.assign(e->elts.size(), -1);
  if (keyed) {
    std::set<int> seen;
    for (size_t i = 0; i < e->elts.size(); i++) {
      Expr* x = e->elts[i];
      if (!x) continue;
      if (x->kind != NodeKind::KeyValueExpr) {
        error(x->pos, "mixture of field:value and value elements in struct literal");
        expr(x);
        continue;
      }
      auto* kv = static_cast<KeyValueExpr*>(x);
      if (kv->key->kind != NodeKind::Ident) {
        error(kv->key->pos, "invalid field name " + expr_str(kv->key) + " in struct literal");
        elem_value(kv->value, types().invalid(), "struct literal");
        continue;
      }
      const std::string& name = static_cast<Ident*>(kv->key)->name;
      int idx = -1;
      for (size_t k = 0; k < fields.size(); k++)
        if (fields[k].name == name) idx = int(k);
      if (idx < 0) {
        error(kv->key->pos, "unknown field " + name + " in struct literal of type " + type_str(t));
        if (!(kv->value->kind == NodeKind::CompositeLit && !static_cast<CompositeLit*>(kv->value)->typ))
          expr(kv->value);
        continue;
      }
      if (t->is_named() && t->obj->pkg != pkg_ && !fields[idx].exported) {
        error(kv->key->pos, "cannot refer to unexported field " + name + " in struct literal of type " + type_str(t));
        continue;
      }
      if (!seen.insert(idx).second) {
        error(kv->key->pos, "duplicate field name " + name + " in struct literal");
        continue;
      }
      e->indices[i] = idx;
      kv->key->mode = Mode::Value;
      kv->key->type = fields[idx].type;
      elem_value(kv->value, fields[idx].type, "struct literal");
    }
    return;
  }
  for (size_t i = 0; i < e->elts.size(); i++) {
    Expr* x = e->elts[i];
    if (!x) continue;
    if (x->kind == NodeKind::KeyValueExpr) {
      error(x->pos, "mixture of field:value and value elements in struct literal");
      expr(static_cast<KeyValueExpr*>(x)->value);
      continue;
    }
    if (i >= fields.size()) {
      error(x->pos, "too many values in struct literal of type " + type_str(t));
      expr(x);
      return;
    }
    if (t->is_named() && t->obj->pkg != pkg_ && !fields[i].exported) {
      error(x->pos, "implicit assignment to unexported field " + fields[i].name + " in struct literal of type " + type_str(t));
    }
    e->indices[i] = int64_t(i);
    elem_value(x, fields[i].type, "struct literal");
  }
  if (e->elts.size() < fields.size())
    error(e->rbrace.valid() ? e->rbrace : e->pos, "too few values in struct literal of type " + type_str(t));
}

// Array and slice literals: resolves element indices; returns the length
// (largest index + 1).
int64_t Checker::array_lit(CompositeLit* e, const Type* elem, int64_t length) {
  int64_t idx = 0, max = 0;
  std::set<int64_t> seen;
  e->indices.clear();
  for (Expr* x : e->elts) {
    if (!x) continue;
    Expr* v = x;
    if (x->kind == NodeKind::KeyValueExpr) {
      auto* kv = static_cast<KeyValueExpr*>(x);
      int64_t k;
      expr(kv->key);
      if (is_valid(kv->key)) {
        if (kv->key->mode != Mode::Constant) {
          error(kv->key->pos, "index " + expr_str(kv->key) + " must be integer constant");
        } else {
          // Re-check as an index (conversions, negative values).
          if (check_index(kv->key, length, false, &k) && k >= 0) idx = k;
        }
      }
      v = kv->value;
    } else if (length >= 0 && idx >= length) {
      error(x->pos, "index " + std::to_string(idx) + " is out of bounds (>= " + std::to_string(length) + ")");
    }
    if (!seen.insert(idx).second)
      error(x->pos, "duplicate index " + std::to_string(idx) + " in array or slice literal");
    e->indices.push_back(idx);
    elem_value(v, elem, "array or slice literal");
    idx++;
    if (idx > max) max = idx;
  }
  return max;
}

void Checker::map_lit(CompositeLit* e, const Type* t) {
  const Type* u = t->underlying();
  std::set<std::string> keys;
  for (Expr* x : e->elts) {
    if (!x) continue;
    if (x->kind != NodeKind::KeyValueExpr) {
      error(x->pos, "missing key in map literal");
      expr(x);
      continue;
    }
    auto* kv = static_cast<KeyValueExpr*>(x);
    elem_value(kv->key, u->key, "map literal");
    if (is_valid(kv->key) && kv->key->mode == Mode::Constant && !u->key->is_interface()) {
      std::string k = const_string(*kv->key->cval);
      if (!keys.insert(k).second) error(kv->key->pos, "duplicate key " + expr_str(kv->key) + " in map literal");
    }
    elem_value(kv->value, u->elem, "map literal");
  }
}

void Checker::func_lit(FuncLit* e) {
  auto* info = make<FuncInfo>();
  info->node = e;
  info->pkg = pkg_;
  info->parent = fn_;
  FuncInfo* namer = fn_ ? fn_ : var_init_fn_;
  if (!namer) {
    if (!var_init_fn_) {
      var_init_fn_ = make<FuncInfo>();
      var_init_fn_->name = pkg_->path + ".init";
      var_init_fn_->pkg = pkg_;
    }
    namer = var_init_fn_;
  }
  int n = ++closure_counter_[namer];
  bool nested = namer->node && namer->node->kind == NodeKind::FuncLit;
  info->name = namer->name + (nested ? "." : ".func") + std::to_string(n);
  if (fn_) fn_->closures.push_back(info);
  const Type* sig = func_type(e->ftype, &info->params, &info->results, &info->named_results);
  info->sig = sig;
  for (Object* p : info->params) p->owner = info;
  for (Object* r : info->results) r->owner = info;
  e->info = info;
  if (sig->kind == Kind::Invalid) return;
  e->mode = Mode::Value;
  e->type = sig;
  auto* sig_scope = make<Scope>();
  sig_scope->parent = scope_;
  func_body(info, e->ftype, e->body, sig_scope);
}

// Checks a function body with its parameters in `sig_scope`.
void Checker::func_body(FuncInfo* info, FuncType* ft, BlockStmt* body, Scope* sig_scope) {
  if (!body) return;
  FuncInfo* saved_fn = fn_;
  const Type* saved_sig = fn_sig_;
  Scope* saved_scope = scope_;
  auto saved_labels = std::move(labels_);
  auto saved_used = std::move(used_labels_);
  labels_.clear();
  used_labels_.clear();
  fn_ = info;
  fn_sig_ = info->sig;
  for (Object* p : info->params)
    if (!p->name.empty() && p->name != "_") sig_scope->names[p->name] = p;
  for (Object* r : info->results)
    if (!r->name.empty() && r->name != "_") {
      if (sig_scope->lookup_local(r->name)) error(r->pos, r->name + " redeclared in this block");
      sig_scope->names[r->name] = r;
    }
  scope_ = sig_scope;
  labels(body);
  BranchCtx ctx;
  stmt_list(body->list, ctx);
  report_unused(sig_scope);
  for (auto& [name, ls] : labels_)
    if (!used_labels_.count(name)) error(ls->label->pos, "label " + name + " defined and not used");
  if (fn_sig_ && fn_sig_->kind == Kind::Func && !fn_sig_->results.empty() &&
      !is_terminating_list(body->list))
    error(body->rbrace.valid() ? body->rbrace : body->pos, "missing return");
  fn_ = saved_fn;
  fn_sig_ = saved_sig;
  scope_ = saved_scope;
  labels_ = std::move(saved_labels);
  used_labels_ = std::move(saved_used);
}

}  // namespace mgo

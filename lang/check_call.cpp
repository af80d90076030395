// Calls, conversions and selectors.
#include "lang/checker.h"
#include "runtime/utf8.h"

namespace mgo {

static std::string summary(Checker& c, const std::vector<const Type*>& ts, bool variadic) {
  std::string s = "(";
  for (size_t i = 0; i < ts.size(); i++) {
    if (i) s += ", ";
    const Type* t = ts[i];
    if (t->is_untyped()) {
      if (t->is_numeric()) s += "number";
      else s += type_string(t, c.pkg_).substr(8);  // drop "untyped "
    } else if (variadic && i + 1 == ts.size() && t->kind == Kind::Slice) {
      s += "..." + c.type_str(t->elem);
    } else {
      s += c.type_str(t);
    }
  }
  return s + ")";
}

void Checker::call(CallExpr* e) {
  raw_expr(e->fun, nullptr, false);
  Expr* f = e->fun;
  switch (f->mode) {
    case Mode::Invalid:
      for (Expr* a : e->args) multi_expr(a);
      return;
    case Mode::TypeExpr:
      e->call_kind = CallKind::Conversion;
      conversion(e, f->type);
      return;
    case Mode::Builtin: {
      Object* obj = nullptr;
      Expr* g = f;
      while (g->kind == NodeKind::ParenExpr) g = static_cast<ParenExpr*>(g)->x;
      if (g->kind == NodeKind::Ident) obj = static_cast<Ident*>(g)->obj;
      e->call_kind = CallKind::Builtin;
      e->builtin = obj ? obj->builtin : Builtin::None;
      builtin_call(e, e->builtin);
      return;
    }
    case Mode::Package:
      single_value(f);
      return;
    default: break;
  }
  if (f->type->ukind() != Kind::Func) {
    error(f->pos, "invalid operation: cannot call non-function " + operand_string(f));
    for (Expr* a : e->args) multi_expr(a);
    return;
  }
  const Type* sig = f->type->underlying();
  Expr* g = f;
  while (g->kind == NodeKind::ParenExpr) g = static_cast<ParenExpr*>(g)->x;
  e->call_kind = g->kind == NodeKind::SelectorExpr &&
                         static_cast<SelectorExpr*>(g)->sel_kind == SelKind::MethodVal
                     ? CallKind::Method
                     : CallKind::Func;
  arguments(e, sig, expr_str(f));
  if (sig->results.empty()) {
    e->mode = Mode::NoValue;
    e->type = types().tuple({});
  } else if (sig->results.size() == 1) {
    e->mode = Mode::Value;
    e->type = sig->results[0];
  } else {
    e->mode = Mode::Value;
    e->type = types().tuple(sig->results, sig->result_names);
  }
}

void Checker::arguments(CallExpr* e, const Type* sig, const std::string& fname) {
  std::vector<const Type*> arg_types;
  std::vector<Expr*> args = e->args;
  bool spread = false;
  if (args.size() == 1 && !e->has_ellipsis) {
    multi_expr(args[0]);
    if (!is_valid(args[0])) return;
    if (args[0]->type->kind == Kind::Tuple) {
      spread = true;
      e->spread_tuple = true;
      arg_types = args[0]->type->results;
    } else {
      arg_types.push_back(args[0]->type);
    }
  } else {
    bool ok = true;
    for (Expr* a : args) {
      expr(a);
      if (!is_valid(a)) ok = false;
      arg_types.push_back(a->type);
    }
    if (!ok) return;
  }
  const auto& params = sig->params;
  size_t nargs = arg_types.size(), np = params.size();
  if (e->has_ellipsis) {
    if (!sig->variadic) {
      error(args.back()->pos, "have (...) in call to non-variadic " + fname);
      error(args.back()->pos, "cannot use ... in call to non-variadic " + fname);
      return;
    }
  }
  bool count_ok = sig->variadic && !e->has_ellipsis ? nargs + 1 >= np : nargs == np;
  if (!count_ok) {
    std::string want = summary(*this, params, sig->variadic);
    std::string have = summary(*this, arg_types, false);
    if (nargs < np) {
      // types2: at the last argument, or at the call when there is none.
      Pos at = args.empty() ? e->pos : args.back()->pos;
      error(at, "not enough arguments in call to " + fname + "\n\thave " + have + "\n\twant " + want);
    } else {
      Pos at = spread ? args[0]->pos : args[np]->pos;
      error(at, "too many arguments in call to " + fname + "\n\thave " + have + "\n\twant " + want);
    }
    return;
  }
  std::string context = "argument to " + fname;
  for (size_t i = 0; i < nargs; i++) {
    const Type* pt;
    if (sig->variadic && i + 1 >= np) {
      pt = e->has_ellipsis ? params.back() : params.back()->elem;
    } else {
      pt = params[i];
    }
    if (spread) {
      if (!assignable(arg_types[i], pt)) {
        error(args[0]->pos, "cannot use " + expr_str(args[0]) + " (value of type " +
                                type_str(arg_types[i]) + ") as " + type_str(pt) + " value in " + context);
      }
      continue;
    }
    assignment(args[i], pt, context);
  }
}

void Checker::conversion(CallExpr* e, const Type* t) {
  if (e->args.size() != 1 || e->has_ellipsis) {
    for (Expr* a : e->args) expr(a);
    if (e->args.empty())
      error(e->rparen.valid() ? e->rparen : e->pos, "missing argument in conversion to " + type_str(t));
    else if (e->args.size() > 1)
      error(e->args[1]->pos, "too many arguments in conversion to " + type_str(t));
    else
      error(e->pos, "invalid use of ... in conversion to " + type_str(t));
    return;
  }
  Expr* x = e->args[0];
  expr(x);
  if (!is_valid(x) || t->kind == Kind::Invalid) return;
  const Type* u = t->underlying();
  bool basic_target = u->kind >= Kind::Bool && u->kind <= Kind::String;
  if (x->mode == Mode::Constant && basic_target) {
    Constant out;
    std::string why;
    if (u->kind == Kind::String && x->type->is_integer()) {
      // string(rune constant) is a constant string.
      std::string s;
      __int128 v = x->cval->i;
      rt::encoderune(s, v < 0 || v > 0x10FFFF ? -1 : int64_t(v));
      default_untyped(x);
      e->mode = Mode::Constant;
      e->type = t;
      e->cval = make_string_const(s);
      return;
    }
    bool numeric_ok = x->type->is_numeric() && u->is_numeric();
    bool same_family = numeric_ok || (x->type->is_string() && u->is_string()) ||
                       (x->type->is_boolean() && u->is_boolean());
    if (same_family && representable(*x->cval, t, &out, &why)) {
      if (x->type->is_untyped()) update_type(x, t);
      e->mode = Mode::Constant;
      e->type = t;
      e->cval = intern_const(out);
      return;
    }
    if (same_family) {
      // types2 (go.dev/issue/63563): an integer constant converted to an
      // integer type can only overflow; other failures name no cause.
      if (x->type->is_integer() && u->is_integer())
        error(x->pos, "constant " + const_string(*x->cval) + " overflows " + type_str(t));
      else
        error(x->pos, "cannot convert " + operand_string(x) + " to type " + type_str(t));
      return;
    }
  }
  if (x->type->is_untyped()) {
    if (x->type->kind == Kind::UntypedNil) {
      std::string why;
      if (!implicit_type_ok(x, t, &why)) {
        error(x->pos, "cannot convert nil to type " + type_str(t));
        return;
      }
    } else if (std::string why; x->mode != Mode::Constant && basic_target && implicit_type_ok(x, t, &why)) {
      update_type(x, t);
    } else {
      default_untyped(x);
    }
  }
  if (!is_valid(x)) return;
  if (x->type->kind != Kind::UntypedNil && !convertible(x->type, t)) {
    error(x->pos, "cannot convert " + operand_string(x) + " to type " + type_str(t));
    return;
  }
  e->mode = Mode::Value;
  e->type = t;
}

// x.sel: qualified identifier, field, method value or method expression.
void Checker::selector(SelectorExpr* e) {
  const std::string& name = e->sel->name;
  if (e->x->kind == NodeKind::Ident) {
    auto* id = static_cast<Ident*>(e->x);
    Object* o = scope_ ? scope_->lookup(id->name) : nullptr;
    if (o && o->kind == ObjKind::PkgName) {
      id->obj = o;
      id->mode = Mode::Package;
      used_pkgs_.insert(o);
      Package* p = o->imported;
      Object* m = p->scope->lookup_local(name);
      if (!m || !m->exported()) {
        if (m && !m->exported())
          error(e->sel->pos, "name " + name + " not exported by package " + p->name);
        else
          error(e->sel->pos, "undefined: " + id->name + "." + name);
        return;
      }
      e->sel->obj = m;
      e->sel_kind = SelKind::Qualified;
      use_object(m);
      switch (m->kind) {
        case ObjKind::Const:
          e->mode = Mode::Constant;
          e->type = m->type;
          e->cval = m->val;
          break;
        case ObjKind::TypeName: e->mode = Mode::TypeExpr; e->type = m->type; break;
        case ObjKind::Var: e->mode = Mode::Variable; e->type = m->type; break;
        case ObjKind::Func:
          use_func(m);
          e->mode = Mode::Value;
          e->type = m->type;
          break;
        default: return;
      }
      if (!e->type || e->type->kind == Kind::Invalid) invalidate(e);
      e->sel->mode = e->mode;
      e->sel->type = e->type;
      e->sel->cval = e->cval;
      return;
    }
  }
  expr_or_type(e->x);
  Expr* x = e->x;
  if (!is_valid(x)) return;
  if (x->type->is_untyped()) default_untyped(x);
  Selection sel = lookup_field_or_method(x->type, name);
  if (x->mode == Mode::TypeExpr) {
    if (sel.kind != Selection::MethodVal) {
      error(e->sel->pos, expr_str(e) + " undefined (type " + type_str(x->type) + " has no method " + name + ")");
      return;
    }
    if (!sel.iface_method && sel.method->recv_ptr && !sel.indirect) {
      error(e->pos, "invalid method expression " + expr_str(e) + " (needs pointer receiver (*" +
                        type_str(x->type) + ")." + name + ")");
      return;
    }
    std::vector<const Type*> ps{x->type};
    for (auto* p : sel.type->params) ps.push_back(p);
    e->sel_kind = SelKind::MethodExpr;
    e->path = sel.path;
    e->derefs = sel.derefs;
    e->iface_method = sel.iface_method;
    e->sel->obj = sel.method;
    if (sel.iface_method) {
      use_method_name(name);
    } else {
      record_dep(sel.method);
      use_func(sel.method);
    }
    // types2 names the receiver parameter when the method's parameters are
    // named, so that the message never mixes named and unnamed ones.
    std::vector<std::string> pnames;
    const auto& mnames = sel.type->param_names;
    if (!mnames.empty() && !mnames[0].empty()) {
      std::string rname;
      FuncDecl* fd = sel.method ? sel.method->decl : nullptr;
      if (fd && fd->recv && !fd->recv->list.empty() && fd->recv->list[0] &&
          !fd->recv->list[0]->names.empty())
        rname = fd->recv->list[0]->names[0]->name;
      pnames.push_back(rname.empty() ? "_" : rname);
      pnames.insert(pnames.end(), mnames.begin(), mnames.end());
    }
    e->mode = Mode::Value;
    e->type = types().func(ps, sel.type->results, sel.type->variadic, std::move(pnames),
                           sel.type->result_names);
    return;
  }
  if (sel.kind == Selection::NotFound || sel.kind == Selection::Ambiguous) {
    if (sel.kind == Selection::Ambiguous) {
      error(e->sel->pos, "ambiguous selector " + expr_str(e));
      return;
    }
    const Type* t = x->type;
    if (t->kind == Kind::Pointer && t->elem->is_interface()) {
      error(e->sel->pos, expr_str(e) + " undefined (type " + type_str(t) +
                             " is pointer to interface, not interface)");
      return;
    }
    std::string why = "type " + type_str(t) + " has no field or method " + name;
    // Go's lookupError: a field or method whose name differs only in case.
    Selection alt = lookup_field_or_method(t, name, true);
    if (alt.kind == Selection::FieldVal || alt.kind == Selection::MethodVal)
      why += std::string(", but does have ") + (alt.kind == Selection::FieldVal ? "field " : "method ") +
             std::string(alt.name);
    error(e->sel->pos, expr_str(e) + " undefined (" + why + ")");
    return;
  }
  e->path = sel.path;
  e->derefs = sel.derefs;
  bool through_ptr = false;
  for (bool d : sel.derefs) through_ptr = through_ptr || d;
  if (sel.kind == Selection::FieldVal) {
    e->sel_kind = SelKind::FieldVal;
    e->mode = x->mode == Mode::Variable || through_ptr ? Mode::Variable : Mode::Value;
    e->type = sel.type;
    return;
  }
  e->sel_kind = SelKind::MethodVal;
  e->sel->obj = sel.method;
  e->iface_method = sel.iface_method;
  e->mode = Mode::Value;
  e->type = sel.type;
  if (sel.iface_method) {
    use_method_name(name);
    return;
  }
  record_dep(sel.method);
  use_func(sel.method);
  if (sel.method->recv_ptr && !sel.recv_is_ptr) {
    if (x->mode != Mode::Variable && !through_ptr) {
      error(e->sel->pos, "cannot call pointer method " + name + " on " + type_str(x->type));
      invalidate(e);
      return;
    }
    e->implicit_addr = true;
    if (!through_ptr) mark_addr(x);
  } else if (!sel.method->recv_ptr && sel.recv_is_ptr) {
    e->implicit_deref = true;
  }
}

}  // namespace mgo

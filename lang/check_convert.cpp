// Untyped values meeting their context (types2's implicitTypeAndValue,
// convertUntyped, updateExprType), assignability checks, and the operand
// and expression printers used in error messages.
#include <cmath>

#include "lang/ast_dump.h"
#include "lang/checker.h"

namespace mgo {

// Is constant c representable as a value of basic type t? On success *out
// holds c converted to t's representation; on failure *why is "truncated",
// "overflows" or "" (wrong kind).
bool Checker::representable(const Constant& c, const Type* t, Constant* out, std::string* why) {
  *out = c;
  why->clear();
  const Type* u = t->underlying();
  if (!u) return false;
  Kind k = u->kind;
  if (k == Kind::Bool || k == Kind::UntypedBool) return c.kind == ConstKind::Bool;
  if (k == Kind::String || k == Kind::UntypedString) return c.kind == ConstKind::String;
  bool numeric = c.kind == ConstKind::Int || c.kind == ConstKind::Float;
  if (!numeric) return false;
  if (u->is_integer()) {
    __int128 v;
    if (!const_to_int(c, &v)) {
      *why = "truncated";
      return false;
    }
    out->kind = ConstKind::Int;
    out->i = v;
    out->f = 0;
    if (k == Kind::UntypedInt || k == Kind::UntypedRune) return true;
    int bits = u->bits();
    __int128 lo, hi;
    if (u->is_unsigned()) {
      lo = 0;
      hi = bits >= 64 ? (__int128)UINT64_MAX : ((__int128)1 << bits) - 1;
    } else {
      lo = -((__int128)1 << (bits - 1));
      hi = ((__int128)1 << (bits - 1)) - 1;
    }
    if (v < lo || v > hi) {
      *why = "overflows";
      return false;
    }
    return true;
  }
  if (u->is_float()) {
    long double f = const_to_float(c);
    out->kind = ConstKind::Float;
    out->i = 0;
    if (k == Kind::Float32) {
      float g = float(f);
      if (std::isinf(g)) return *why = "overflows", false;
      out->f = g;
    } else if (k == Kind::Float64) {
      double g = double(f);
      if (std::isinf(g)) return *why = "overflows", false;
      out->f = g;
    } else {
      out->f = f;
    }
    return true;
  }
  return false;
}

static int untyped_rank(Kind k) {
  switch (k) {
    case Kind::UntypedInt: return 1;
    case Kind::UntypedRune: return 2;
    case Kind::UntypedFloat: return 3;
    default: return 0;
  }
}

// Works out the type an untyped expression takes in a context of type
// `target` (types2's implicitTypeAndValue); stores it in *final.
static bool implicit_type(Checker& c, Expr* e, const Type* target, const Type** final,
                          std::string* why) {
  *final = target;
  why->clear();
  const Type* et = e->type;
  if (target->is_untyped()) {
    // Both untyped: numeric kinds merge to the larger one.
    if (identical(et, target)) return true;
    int a = untyped_rank(et->kind), b = untyped_rank(target->kind);
    if (a && b) {
      *final = a > b ? et : target;
      return true;
    }
    return false;
  }
  const Type* u = target->underlying();
  if (!u) return false;
  if (u->kind <= Kind::String && u->kind != Kind::Invalid) {
    if (e->mode == Mode::Constant) {
      Constant out;
      return c.representable(*e->cval, target, &out, why);
    }
    // Non-constant untyped values: comparison results and untyped shifts.
    if (et->kind == Kind::UntypedBool) return u->is_boolean();
    if (untyped_rank(et->kind)) return u->is_numeric();
    if (et->kind == Kind::UntypedString) return u->is_string();
    return false;
  }
  if (u->kind == Kind::Interface) {
    if (et->kind == Kind::UntypedNil) {
      *final = et;
      return true;
    }
    if (!u->imethods.empty()) return false;  // only nil converts to a non-empty interface
    *final = default_type(et);
    return true;
  }
  if (et->kind == Kind::UntypedNil) {
    Kind k = u->kind;
    *final = et;
    return k == Kind::Pointer || k == Kind::Func || k == Kind::Slice || k == Kind::Map ||
           k == Kind::Chan || k == Kind::UnsafePointer;
  }
  return false;
}

bool Checker::implicit_type_ok(Expr* e, const Type* target, std::string* why) {
  const Type* final;
  return implicit_type(*this, e, target, &final, why);
}

// Gives the untyped expression e the type `target` (or reports why not,
// with types2's invalidConversion texts).
bool Checker::convert_untyped(Expr* e, const Type* target) {
  if (!is_valid(e) || !e->type->is_untyped() || !target || target->kind == Kind::Invalid) return true;
  const Type* final;
  std::string why;
  if (!implicit_type(*this, e, target, &final, &why)) {
    // types2's convertUntyped names the target's underlying type.
    const Type* u = target->underlying() ? target->underlying() : target;
    if (why == "truncated")
      error(e->pos, operand_string(e) + " truncated to " + type_str(u));
    else if (why == "overflows")
      error(e->pos, operand_string(e) + " overflows " + type_str(u));
    else if (e->type->kind == Kind::UntypedNil)
      error(e->pos, "cannot convert nil to type " + type_str(u));
    else
      error(e->pos, "cannot convert " + operand_string(e) + " to type " + type_str(u));
    invalidate(e);
    return false;
  }
  update_type(e, final);
  return true;
}

// Sets the final type of an untyped expression and of the untyped operands
// it was computed from (types2's updateExprType).
void Checker::update_type(Expr* e, const Type* t) {
  if (!e || !e->type || !e->type->is_untyped() || e->type->kind == Kind::UntypedNil) return;
  if (t->kind == Kind::UntypedNil) return;
  // Already of type t, and so are its operands: without this, matching the
  // operands of each `+` in 1 + 1 + ... + 1 walked the whole sum below it.
  if (e->type == t) return;
  switch (e->kind) {
    case NodeKind::ParenExpr: update_type(static_cast<ParenExpr*>(e)->x, t); break;
    case NodeKind::UnaryExpr: {
      auto* u = static_cast<UnaryExpr*>(e);
      if (u->op != Op::Arrow && u->op != Op::And) update_type(u->x, t);
      break;
    }
    case NodeKind::BinaryExpr: {
      auto* b = static_cast<BinaryExpr*>(e);
      if (b->op >= Op::Eql && b->op <= Op::Geq) break;  // operands typed on their own
      if (b->op == Op::Shl || b->op == Op::Shr) {
        if (e->mode != Mode::Constant && !t->is_untyped() && !t->is_integer()) {
          error(b->x->pos, "invalid operation: shifted operand " + expr_str(b->x) + " (type " +
                               type_str(t) + ") must be integer");
        }
        update_type(b->x, t);
        break;
      }
      update_type(b->x, t);
      update_type(b->y, t);
      break;
    }
    default: break;
  }
  if (e->cval && !t->is_untyped() && !t->is_interface()) {
    Constant out;
    std::string why;
    if (representable(*e->cval, t, &out, &why)) e->cval = intern_const(out);
  } else if (e->cval && t->is_untyped()) {
    Constant out;
    std::string why;
    if (representable(*e->cval, t, &out, &why)) e->cval = intern_const(out);
  }
  e->type = t;
}

void Checker::default_untyped(Expr* e) {
  if (!is_valid(e) || !e->type->is_untyped() || e->type->kind == Kind::UntypedNil) return;
  convert_untyped(e, default_type(e->type));
}

static bool is_nil_type(const Type* t) { return t->kind == Kind::UntypedNil; }

static bool nilable(const Type* t) {
  switch (t->ukind()) {
    case Kind::Pointer: case Kind::Slice: case Kind::Map: case Kind::Chan: case Kind::Func:
    case Kind::Interface: case Kind::UnsafePointer: return true;
    default: return false;
  }
}

// types2's mayConvert for operands that are not interfaces.
static bool match_kinds(const Type* xt, const Type* yt) {
  if (xt->is_boolean() != yt->is_boolean()) return false;
  if (xt->is_string() != yt->is_string()) return false;
  if (is_nil_type(xt)) return nilable(yt) || is_nil_type(yt);
  if (is_nil_type(yt)) return nilable(xt);
  return xt->ukind() != Kind::Pointer && yt->ukind() != Kind::Pointer;
}

// Converts an untyped operand of a binary operation to the other operand's
// type where Go allows it (types2's matchTypes). False: the operand kinds
// cannot mix (the caller reports mismatched types).
bool Checker::match_types(Expr* x, Expr* y) {
  const Type* xt = x->type;
  const Type* yt = y->type;
  if (!xt->is_untyped() && !yt->is_untyped()) return true;
  // Paired with an interface, an untyped operand takes its default type
  // (or fails to convert, for a non-empty interface).
  bool may_convert = xt->is_interface() || yt->is_interface();
  if (!may_convert && !match_kinds(xt, yt)) return false;
  if (!convert_untyped(x, yt)) return true;
  convert_untyped(y, x->type);
  return true;
}

// Checks that e can be assigned to a variable of type t (nullptr: e keeps
// its own type, untyped values take their default type) and gives untyped
// values their final type. `context`: "assignment", "argument to f", ...
bool Checker::assignment(Expr* e, const Type* t, const std::string& context) {
  if (!is_valid(e)) return false;
  switch (e->mode) {
    case Mode::Constant: case Mode::Variable: case Mode::MapIndex: case Mode::Value:
    case Mode::CommaOk:
      break;
    default:
      single_value(e);
      return false;
  }
  if (e->type->kind == Kind::Tuple) {
    error(e->pos, "multiple-value " + expr_str(e) + " (value of type " + type_str(e->type) +
                      ") in single-value context");
    invalidate(e);
    return false;
  }
  if (t && t->kind == Kind::Invalid) return false;
  if (e->type->is_untyped()) {
    const Type* target = t;
    if (!t || (t->is_interface() && e->type->kind != Kind::UntypedNil)) {
      if (!t && e->type->kind == Kind::UntypedNil) {
        error(e->pos, "use of untyped nil in " + context);
        invalidate(e);
        return false;
      }
      target = default_type(e->type);
    }
    const Type* final;
    std::string why;
    if (!implicit_type(*this, e, target, &final, &why)) {
      std::string msg;
      if (e->type->kind == Kind::UntypedNil)
        msg = "cannot use nil as " + type_str(target) + " value in " + context;
      else
        msg = "cannot use " + operand_string(e) + " as " + type_str(target) + " value in " + context;
      if (why == "truncated") msg += " (truncated)";
      else if (why == "overflows") msg += " (overflows)";
      error(e->pos, msg);
      invalidate(e);
      return false;
    }
    update_type(e, final);
  }
  if (!t) return true;
  if (assignable(e->type, t)) return true;
  std::string msg = "cannot use " + operand_string(e) + " as " + type_str(t) + " value in " + context;
  std::string why;
  if (t->is_interface() && !implements(e->type, t, &why)) {
    msg += ": " + type_str(e->type) + " does not implement " + type_str(t) + " (" + why + ")";
  } else if (e->type->is_interface() && !t->is_interface() && implements(t, e->type)) {
    msg += ": need type assertion";
  }
  error(e->pos, msg);
  return false;
}

// ---------------------------------------------------------------- printing

std::string Checker::operand_string(Expr* e) {
  std::string ex = expr_str(e);
  if (e->type && e->type->kind == Kind::UntypedNil) return "nil";
  std::string s = ex + " (";
  bool has_type = false;
  switch (e->mode) {
    case Mode::Invalid: case Mode::NoValue: case Mode::Builtin: case Mode::TypeExpr: break;
    default:
      if (e->type && e->type->is_untyped()) {
        s += type_string(e->type, pkg_) + " ";
      } else if (e->type) {
        has_type = true;
      }
  }
  switch (e->mode) {
    case Mode::Invalid: s += "invalid operand"; break;
    case Mode::NoValue: s += "no value"; break;
    case Mode::Builtin: s += "built-in"; break;
    case Mode::TypeExpr: s += "type"; break;
    case Mode::Constant: s += "constant"; break;
    case Mode::Variable: s += "variable"; break;
    case Mode::MapIndex: s += "map index expression"; break;
    case Mode::Value: s += "value"; break;
    case Mode::CommaOk: s += "comma, ok expression"; break;
    case Mode::Package: s += "package"; break;
  }
  if (e->mode == Mode::Constant && e->cval) {
    std::string v = const_string(*e->cval);
    if (v != ex) s += " " + v;
  }
  if (has_type) {
    if (e->type->kind != Kind::Invalid) {
      s += " of type " + type_str(e->type);
    } else {
      s += " with invalid type";
    }
  }
  return s + ")";
}

// How error messages quote code (Go's types2 ExprString): the AST's printer.
std::string Checker::expr_str(Expr* e) { return expr_string(e); }

}  // namespace mgo

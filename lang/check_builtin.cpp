// Builtin function calls (types2's builtins.go).
#include "lang/checker.h"

namespace mgo {

static const char* builtin_name(Builtin b) {
  switch (b) {
    case Builtin::Append: return "append"; case Builtin::Cap: return "cap";
    case Builtin::Clear: return "clear"; case Builtin::Close: return "close";
    case Builtin::Copy: return "copy"; case Builtin::Delete: return "delete";
    case Builtin::Len: return "len"; case Builtin::Make: return "make";
    case Builtin::Max: return "max"; case Builtin::Min: return "min";
    case Builtin::New: return "new"; case Builtin::Panic: return "panic";
    case Builtin::Print: return "print"; case Builtin::Println: return "println";
    case Builtin::Recover: return "recover"; default: return "?";
  }
}

bool Checker::builtin_args(CallExpr* e, size_t min, size_t max, const char* name) {
  size_t n = e->args.size();
  if (n >= min && n <= max) return true;
  std::string call = expr_str(e);
  if (n < min) {
    error(e->rparen.valid() ? e->rparen : e->pos,
          "not enough arguments for " + call + " (expected " + std::to_string(min) + ", found " +
              std::to_string(n) + ")");
  } else {
    error(e->args[max]->pos, "too many arguments for " + call + " (expected " + std::to_string(max) +
                                 ", found " + std::to_string(n) + ")");
  }
  for (Expr* a : e->args) raw_expr(a, nullptr, true);
  return false;
}

// Does e contain a function call or channel receive? (len/cap of such an
// array expression is not constant.)
static bool has_call_or_recv(Expr* e) {
  if (!e) return false;
  switch (e->kind) {
    case NodeKind::CallExpr: {
      auto* c = static_cast<CallExpr*>(e);
      return c->call_kind != CallKind::Conversion && c->call_kind != CallKind::Builtin
                 ? true
                 : has_call_or_recv(c->args.empty() ? nullptr : c->args[0]);
    }
    case NodeKind::UnaryExpr:
      return static_cast<UnaryExpr*>(e)->op == Op::Arrow || has_call_or_recv(static_cast<UnaryExpr*>(e)->x);
    case NodeKind::ParenExpr: return has_call_or_recv(static_cast<ParenExpr*>(e)->x);
    case NodeKind::SelectorExpr: return has_call_or_recv(static_cast<SelectorExpr*>(e)->x);
    case NodeKind::IndexExpr:
      return has_call_or_recv(static_cast<IndexExpr*>(e)->x) || has_call_or_recv(static_cast<IndexExpr*>(e)->index);
    case NodeKind::StarExpr: return has_call_or_recv(static_cast<StarExpr*>(e)->x);
    case NodeKind::BinaryExpr:
      return has_call_or_recv(static_cast<BinaryExpr*>(e)->x) || has_call_or_recv(static_cast<BinaryExpr*>(e)->y);
    default: return false;
  }
}

void Checker::builtin_call(CallExpr* e, Builtin b) {
  TypeTable& tt = types();
  const char* name = builtin_name(b);
  auto& args = e->args;
  if (e->has_ellipsis && b != Builtin::Append) {
    error(e->pos, std::string("invalid operation: invalid use of ... with built-in ") + name);
    for (Expr* a : args) expr(a);
    return;
  }
  switch (b) {
    case Builtin::Len: case Builtin::Cap: {
      if (!builtin_args(e, 1, 1, name)) return;
      Expr* x = args[0];
      expr(x);
      if (!is_valid(x)) return;
      const Type* u = x->type->underlying();
      if (u->kind == Kind::Pointer && u->elem->ukind() == Kind::Array) u = u->elem->underlying();
      bool ok = false;
      const Constant* val = nullptr;
      switch (u->kind) {
        case Kind::String: case Kind::UntypedString:
          ok = b == Builtin::Len;
          if (x->mode == Mode::Constant) val = make_int_const(__int128(x->cval->s.size()));
          if (x->type->is_untyped()) convert_untyped(x, tt.String());
          break;
        case Kind::Array:
          ok = true;
          if (!has_call_or_recv(x)) val = make_int_const(u->len);
          break;
        case Kind::Slice: case Kind::Chan: ok = true; break;
        case Kind::Map: ok = b == Builtin::Len; break;
        default: break;
      }
      if (!ok) {
        error(x->pos, "invalid argument: " + operand_string(x) + " for " + name);
        return;
      }
      e->type = tt.Int();
      e->mode = val ? Mode::Constant : Mode::Value;
      e->cval = val;
      return;
    }
    case Builtin::Append: {
      if (args.empty()) {
        error(e->rparen.valid() ? e->rparen : e->pos, "not enough arguments for append() (expected 1, found 0)");
        return;
      }
      Expr* s = args[0];
      expr(s);
      if (!is_valid(s)) {
        for (size_t i = 1; i < args.size(); i++) expr(args[i]);
        return;
      }
      if (s->type->kind == Kind::UntypedNil) {
        error(s->pos, "first argument to append must be a typed slice; have untyped nil");
        return;
      }
      const Type* st = s->type;
      if (st->ukind() != Kind::Slice) {
        error(s->pos, "invalid argument: " + operand_string(s) + " (first argument to append must be a slice)");
        return;
      }
      const Type* elem = st->underlying()->elem;
      e->mode = Mode::Value;
      e->type = st;
      if (e->has_ellipsis) {
        if (args.size() != 2) {
          error(e->pos, "can only use ... with final argument in list");
          return;
        }
        Expr* y = args[1];
        expr(y);
        if (!is_valid(y)) return;
        if (elem->ukind() == Kind::Uint8 && y->type->is_string()) {
          if (y->type->is_untyped()) convert_untyped(y, tt.String());
          return;
        }
        assignment(y, st, "argument to append");
        return;
      }
      for (size_t i = 1; i < args.size(); i++) {
        expr(args[i]);
        assignment(args[i], elem, "argument to append");
      }
      return;
    }
    case Builtin::Copy: {
      if (!builtin_args(e, 2, 2, name)) return;
      expr(args[0]);
      expr(args[1]);
      if (!is_valid(args[0]) || !is_valid(args[1])) return;
      const Type* dst = args[0]->type->underlying();
      const Type* src = args[1]->type->underlying();
      e->mode = Mode::Value;
      e->type = tt.Int();
      if (dst->kind != Kind::Slice) {
        error(args[0]->pos, "invalid argument: copy expects slice arguments; found " +
                                operand_string(args[0]) + " and " + operand_string(args[1]));
        invalidate(e);
        return;
      }
      if (src->is_string() && dst->elem->ukind() == Kind::Uint8) {
        if (args[1]->type->is_untyped()) convert_untyped(args[1], tt.String());
        return;
      }
      if (src->kind != Kind::Slice) {
        error(args[0]->pos, "invalid argument: copy expects slice arguments; found " +
                                operand_string(args[0]) + " and " + operand_string(args[1]));
        invalidate(e);
        return;
      }
      if (!identical(dst->elem, src->elem)) {
        error(args[0]->pos, "invalid argument: arguments to copy " + operand_string(args[0]) + " and " +
                                operand_string(args[1]) + " have different element types " +
                                type_str(dst->elem) + " and " + type_str(src->elem));
        invalidate(e);
      }
      return;
    }
    case Builtin::Delete: {
      if (!builtin_args(e, 2, 2, name)) return;
      expr(args[0]);
      expr(args[1]);
      if (!is_valid(args[0]) || !is_valid(args[1])) return;
      if (args[0]->type->ukind() != Kind::Map) {
        error(args[0]->pos, "invalid argument: " + operand_string(args[0]) + " is not a map");
        return;
      }
      assignment(args[1], args[0]->type->underlying()->key, "argument to delete");
      e->mode = Mode::NoValue;
      e->type = tt.tuple({});
      return;
    }
    case Builtin::Make: {
      if (args.empty()) {
        error(e->rparen.valid() ? e->rparen : e->pos, "not enough arguments for make() (expected 1, found 0)");
        return;
      }
      // As Go's checker: the sizes are evaluated only once the type and the
      // count are right (else a variable used only there is "not used").
      const Type* t = type_expr(args[0]);
      if (t->kind == Kind::Invalid) return;
      size_t min = 1;
      switch (t->ukind()) {
        case Kind::Slice: min = 2; break;
        case Kind::Map: case Kind::Chan: break;
        default:
          error(args[0]->pos, "invalid argument: cannot make " + expr_str(args[0]) + "; type must be slice, map, or channel");
          return;
      }
      size_t max = t->ukind() == Kind::Slice ? 3 : 2;
      if (args.size() < min || args.size() > max) {
        error(e->pos, "invalid operation: " + expr_str(e) + " expects " + std::to_string(min) +
                          (max > min ? " or " + std::to_string(max) : "") + " arguments; found " +
                          std::to_string(args.size()));
        return;
      }
      for (size_t i = 1; i < args.size(); i++) {
        int64_t v;
        check_index(args[i], -1, false, &v);
      }
      if (args.size() == 3 && args[1]->mode == Mode::Constant && args[2]->mode == Mode::Constant &&
          args[1]->cval->i > args[2]->cval->i) {
        error(args[1]->pos, "invalid argument: length and capacity swapped");
        return;
      }
      e->mode = Mode::Value;
      e->type = t;
      return;
    }
    case Builtin::New: {
      if (!builtin_args(e, 1, 1, name)) return;
      const Type* t = type_expr(args[0]);
      if (t->kind == Kind::Invalid) return;
      e->mode = Mode::Value;
      e->type = tt.pointer(t);
      return;
    }
    case Builtin::Panic: {
      if (!builtin_args(e, 1, 1, name)) return;
      expr(args[0]);
      assignment(args[0], tt.EmptyInterface(), "argument to panic");
      e->mode = Mode::NoValue;
      e->type = tt.tuple({});
      return;
    }
    case Builtin::Print: case Builtin::Println: {
      for (Expr* a : args) expr(a);
      // As types2: the first invalid argument leaves the call invalid, so
      // println(println(println())) reports the innermost call only.
      for (Expr* a : args) {
        if (is_valid(a)) assignment(a, nullptr, std::string("argument to built-in ") + name);
        if (!is_valid(a)) return;
      }
      e->mode = Mode::NoValue;
      e->type = tt.tuple({});
      return;
    }
    case Builtin::Recover: {
      if (!builtin_args(e, 0, 0, name)) return;
      if (fn_) fn_->has_recover = true;
      e->mode = Mode::Value;
      e->type = tt.EmptyInterface();
      return;
    }
    case Builtin::Min: case Builtin::Max: {
      if (args.empty()) {
        error(e->rparen.valid() ? e->rparen : e->pos,
              std::string("not enough arguments for ") + name + "() (expected 1, found 0)");
        return;
      }
      bool ok = true;
      for (Expr* a : args) {
        expr(a);
        if (!is_valid(a)) ok = false;
      }
      if (!ok) return;
      // Fold pairwise like a binary operation: untyped operands meet typed ones.
      Expr* acc = args[0];
      for (Expr* a : args) {
        if (!(a->type->is_numeric() || a->type->is_string())) {
          error(a->pos, "invalid argument: " + operand_string(a) + " cannot be ordered");
          return;
        }
      }
      const Type* t = acc->type;
      for (size_t i = 1; i < args.size(); i++) {
        Expr* a = args[i];
        if (t->is_untyped() && !a->type->is_untyped()) t = a->type;
        else if (t->is_untyped() && a->type->is_untyped()) {
          int ra = a->type->kind == Kind::UntypedFloat ? 3 : a->type->kind == Kind::UntypedRune ? 2 : 1;
          int rt = t->kind == Kind::UntypedFloat ? 3 : t->kind == Kind::UntypedRune ? 2 : 1;
          if (ra > rt) t = a->type;
        }
      }
      for (Expr* a : args) {
        if (a->type->is_untyped()) {
          if (!convert_untyped(a, t)) return;
        } else if (!identical(a->type, t)) {
          error(a->pos, "invalid argument: mismatched types " + type_str(t) + " (previous argument) and " +
                            type_str(a->type) + " (type of " + expr_str(a) + ")");
          return;
        }
      }
      bool all_const = true;
      for (Expr* a : args) all_const = all_const && a->mode == Mode::Constant;
      e->type = t;
      if (!all_const) {
        e->mode = Mode::Value;
        return;
      }
      const Constant* best = args[0]->cval;
      for (Expr* a : args) {
        bool less = const_compare(Op::Lss, *a->cval, *best);
        if (b == Builtin::Min ? less : const_compare(Op::Gtr, *a->cval, *best)) best = a->cval;
      }
      e->mode = Mode::Constant;
      e->cval = best;
      return;
    }
    case Builtin::Clear: {
      if (!builtin_args(e, 1, 1, name)) return;
      expr(args[0]);
      if (!is_valid(args[0])) return;
      Kind k = args[0]->type->ukind();
      if (k != Kind::Map && k != Kind::Slice) {
        error(args[0]->pos, "invalid argument: " + operand_string(args[0]) + " (argument must be (or constrained by) map or slice)");
        return;
      }
      e->mode = Mode::NoValue;
      e->type = tt.tuple({});
      return;
    }
    case Builtin::Close: {
      if (!builtin_args(e, 1, 1, name)) return;
      expr(args[0]);
      if (!is_valid(args[0])) return;
      const Type* u = args[0]->type->underlying();
      if (u->kind != Kind::Chan) {
        error(args[0]->pos, "invalid operation: cannot close non-channel " + operand_string(args[0]));
        return;
      }
      if (u->dir == ChanDir::Recv) {
        error(args[0]->pos, "invalid operation: cannot close receive-only channel " + operand_string(args[0]));
        return;
      }
      e->mode = Mode::NoValue;
      e->type = tt.tuple({});
      return;
    }
    default:
      error(e->pos, "complex numbers are not supported by mgo");
      return;
  }
}

}  // namespace mgo

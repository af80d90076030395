// Expressions: identifiers, literals, operators, index/slice, assertions.
#include <cmath>
#include <cstdlib>

#include "lang/checker.h"
#include "lang/nesting.h"
#include "runtime/utf8.h"

namespace mgo {

// ---------------------------------------------------------------- entry points

// Checks e; a multi-value call is allowed only if allow_tuple.
void Checker::raw_expr(Expr* e, const Type* hint, bool allow_tuple) {
  if (!e) return;
  e->mode = Mode::Invalid;
  e->type = types().invalid();
  e->cval = nullptr;
  expr_internal(e, hint);
  if (!e->type) e->type = types().invalid();
  if (e->mode == Mode::Invalid) e->type = types().invalid();
  if (!allow_tuple && e->mode != Mode::Invalid && e->mode != Mode::NoValue &&
      e->type->kind == Kind::Tuple) {
    error(e->pos, "multiple-value " + expr_str(e) + " (value of type " + type_str(e->type) +
                      ") in single-value context");
    invalidate(e);
  }
}

// A single value (not a type, not void, not a builtin name).
void Checker::expr(Expr* e, const Type* hint) {
  raw_expr(e, hint, false);
  single_value(e);
}

bool Checker::single_value(Expr* e) {
  if (!e) return false;
  switch (e->mode) {
    case Mode::NoValue:
      error(e->pos, expr_str(e) + " (no value) used as value");
      invalidate(e);
      return false;
    case Mode::Builtin:
      error(e->pos, expr_str(e) + " (built-in) must be called");
      invalidate(e);
      return false;
    case Mode::TypeExpr:
      error(e->pos, expr_str(e) + " (type) is not an expression");
      invalidate(e);
      return false;
    case Mode::Package:
      error(e->pos, "use of package " + expr_str(e) + " without selector");
      invalidate(e);
      return false;
    default: return e->mode != Mode::Invalid;
  }
}

void Checker::multi_expr(Expr* e) {
  raw_expr(e, nullptr, true);
  if (e->mode != Mode::Invalid && e->type->kind == Kind::Tuple) return;
  single_value(e);
}

void Checker::expr_or_type(Expr* e, const Type* hint) {
  raw_expr(e, hint, false);
  if (e->mode == Mode::TypeExpr) return;
  single_value(e);
}

void Checker::expr_internal(Expr* e, const Type* hint) {
  check_nesting(e->pos);
  switch (e->kind) {
    case NodeKind::BadExpr: return;
    case NodeKind::Ident: ident(static_cast<Ident*>(e)); return;
    case NodeKind::BasicLit: basic_lit(static_cast<BasicLit*>(e)); return;
    case NodeKind::CompositeLit: composite_lit(static_cast<CompositeLit*>(e), hint); return;
    case NodeKind::FuncLit: func_lit(static_cast<FuncLit*>(e)); return;
    case NodeKind::ParenExpr: {
      auto* p = static_cast<ParenExpr*>(e);
      raw_expr(p->x, hint, false);
      e->mode = p->x->mode;
      e->type = p->x->type;
      e->cval = p->x->cval;
      return;
    }
    case NodeKind::SelectorExpr: selector(static_cast<SelectorExpr*>(e)); return;
    case NodeKind::IndexExpr: index_expr(static_cast<IndexExpr*>(e)); return;
    case NodeKind::SliceExpr: slice_expr(static_cast<SliceExpr*>(e)); return;
    case NodeKind::TypeAssertExpr: type_assert(static_cast<TypeAssertExpr*>(e)); return;
    case NodeKind::CallExpr: call(static_cast<CallExpr*>(e)); return;
    case NodeKind::StarExpr: star(static_cast<StarExpr*>(e)); return;
    case NodeKind::UnaryExpr: unary(static_cast<UnaryExpr*>(e)); return;
    case NodeKind::BinaryExpr: binary(static_cast<BinaryExpr*>(e)); return;
    case NodeKind::KeyValueExpr:
      error(e->pos, "unexpected key:value expression");
      return;
    case NodeKind::Ellipsis:
      error(e->pos, "invalid use of ...");
      return;
    case NodeKind::ArrayType: case NodeKind::StructType: case NodeKind::FuncType:
    case NodeKind::InterfaceType: case NodeKind::MapType: case NodeKind::ChanType: {
      const Type* t = type_expr_internal(e);
      if (t->kind != Kind::Invalid) {
        e->mode = Mode::TypeExpr;
        e->type = t;
      }
      return;
    }
    default:
      error(e->pos, "invalid expression");
      return;
  }
}

// ---------------------------------------------------------------- identifiers

// The variable at the root of an addressable expression (x, x.f, x[i] of an
// array, ...) has its address taken: the compiler keeps it in a heap cell.
void Checker::mark_addr(Expr* e) {
  while (e) {
    if (e->kind == NodeKind::ParenExpr) {
      e = static_cast<ParenExpr*>(e)->x;
    } else if (e->kind == NodeKind::SelectorExpr) {
      auto* s = static_cast<SelectorExpr*>(e);
      if (s->sel_kind != SelKind::FieldVal) return;
      for (bool d : s->derefs)
        if (d) return;  // reached through a pointer: the variable itself is not addressed
      e = s->x;
    } else if (e->kind == NodeKind::IndexExpr) {
      auto* ix = static_cast<IndexExpr*>(e);
      if (!ix->x->type || ix->x->type->ukind() != Kind::Array) return;
      e = ix->x;
    } else {
      break;
    }
  }
  if (e && e->kind == NodeKind::Ident && static_cast<Ident*>(e)->obj &&
      static_cast<Ident*>(e)->obj->kind == ObjKind::Var)
    static_cast<Ident*>(e)->obj->addr_taken = true;
}

void Checker::capture(Object* obj) {
  // A local variable of an enclosing function: every function between the
  // current one and the owner gets it as a free variable.
  obj->captured = true;
  for (FuncInfo* f = fn_; f && f != obj->owner; f = f->parent) {
    bool have = false;
    for (Object* v : f->free_vars)
      if (v == obj) have = true;
    if (!have) f->free_vars.push_back(obj);
  }
}

void Checker::ident(Ident* id) {
  if (id->name == "_") {
    error(id->pos, "cannot use _ as value");
    return;
  }
  Object* obj = scope_ ? scope_->lookup(id->name) : universe()->lookup(id->name);
  if (!obj) {
    error(id->pos, "undefined: " + id->name);
    return;
  }
  id->obj = obj;
  obj_decl(obj);
  switch (obj->kind) {
    case ObjKind::PkgName:
      used_pkgs_.insert(obj);
      id->mode = Mode::Package;
      return;
    case ObjKind::Const:
      if (obj->pkg == nullptr && obj->name == "iota") {
        if (iota_ < 0) {
          error(id->pos, "cannot use iota outside constant declaration");
          return;
        }
        id->mode = Mode::Constant;
        id->type = types().basic(Kind::UntypedInt);
        id->cval = make_int_const(iota_);
        return;
      }
      record_dep(obj);
      if (!obj->val || !obj->type || obj->type->kind == Kind::Invalid) return;
      id->mode = Mode::Constant;
      id->type = obj->type;
      id->cval = obj->val;
      return;
    case ObjKind::TypeName:
      if (obj->pkg == nullptr && (obj->name == "complex64" || obj->name == "complex128")) {
        error(id->pos, "complex numbers are not supported by mgo");
        return;
      }
      if (!obj->type || obj->type->kind == Kind::Invalid) return;
      id->mode = Mode::TypeExpr;
      id->type = obj->type;
      return;
    case ObjKind::Var:
      obj->used = true;
      record_dep(obj);
      if (obj->owner && fn_ && obj->owner != fn_) capture(obj);
      if (!obj->type || obj->type->kind == Kind::Invalid) return;
      id->mode = Mode::Variable;
      id->type = obj->type;
      return;
    case ObjKind::Func:
      record_dep(obj);
      use_func(obj);
      if (!obj->type || obj->type->kind == Kind::Invalid) return;
      id->mode = Mode::Value;
      id->type = obj->type;
      return;
    case ObjKind::Builtin:
      if (obj->builtin == Builtin::None) {
        error(id->pos, "complex numbers are not supported by mgo");
        return;
      }
      id->mode = Mode::Builtin;
      id->type = types().invalid();
      return;
    case ObjKind::Nil:
      id->mode = Mode::Value;
      id->type = types().UntypedNil();
      return;
    default:
      error(id->pos, "undefined: " + id->name);
      return;
  }
}

// ---------------------------------------------------------------- literals

namespace {


int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one UTF-8 sequence at s[i]; advances i.
uint32_t decode_utf8(const std::string& s, size_t& i) {
  unsigned char c = s[i];
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  uint32_t r = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; k++) r = (r << 6) | (s[i + k] & 0x3F);
  i += n;
  return r;
}

// Decodes the escapes of an interpreted string or rune literal body.
// Byte escapes (\x, octal) append raw bytes; others append UTF-8.
bool unquote_body(const std::string& body, std::string& out, std::vector<uint32_t>* runes) {
  for (size_t i = 0; i < body.size();) {
    if (body[i] != '\\') {
      size_t start = i;
      uint32_t r = decode_utf8(body, i);
      out.append(body, start, i - start);
      if (runes) runes->push_back(r);
      continue;
    }
    if (++i >= body.size()) return false;
    char c = body[i++];
    uint32_t v = 0;
    switch (c) {
      case 'a': v = 7; break;
      case 'b': v = 8; break;
      case 'f': v = 12; break;
      case 'n': v = 10; break;
      case 'r': v = 13; break;
      case 't': v = 9; break;
      case 'v': v = 11; break;
      case '\\': v = '\\'; break;
      case '\'': v = '\''; break;
      case '"': v = '"'; break;
      case 'x': case 'u': case 'U': {
        int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        for (int k = 0; k < n; k++) {
          if (i >= body.size() || hexval(body[i]) < 0) return false;
          v = v * 16 + hexval(body[i++]);
        }
        if (c == 'x') {
          out += char(v);
          if (runes) runes->push_back(v);
          continue;
        }
        rt::encoderune(out, v);
        if (runes) runes->push_back(v);
        continue;
      }
      default:
        if (c >= '0' && c <= '7') {
          v = c - '0';
          for (int k = 0; k < 2; k++) {
            if (i >= body.size() || body[i] < '0' || body[i] > '7') return false;
            v = v * 8 + (body[i++] - '0');
          }
          out += char(v);
          if (runes) runes->push_back(v);
          continue;
        }
        return false;
    }
    out += char(v);
    if (runes) runes->push_back(v);
  }
  return true;
}

bool parse_int_lit(std::string s, __int128* out) {
  std::string digits;
  for (char c : s)
    if (c != '_') digits += c;
  int base = 10;
  size_t i = 0;
  if (digits.size() > 1 && digits[0] == '0') {
    char p = digits[1] | 0x20;
    if (p == 'x') base = 16, i = 2;
    else if (p == 'b') base = 2, i = 2;
    else if (p == 'o') base = 8, i = 2;
    else base = 8, i = 1;
  }
  __int128 v = 0;
  for (; i < digits.size(); i++) {
    int d = hexval(digits[i]);
    if (d < 0 || d >= base) return false;
    if (__builtin_mul_overflow(v, (__int128)base, &v)) return false;
    if (__builtin_add_overflow(v, (__int128)d, &v)) return false;
  }
  *out = v;
  return true;
}

}  // namespace

void Checker::basic_lit(BasicLit* lit) {
  TypeTable& tt = types();
  switch (lit->lit) {
    case LitKind::Int: {
      __int128 v;
      if (!parse_int_lit(lit->raw, &v)) {
        error(lit->pos, "integer constant overflow");  // mgo keeps 128 bits
        return;
      }
      lit->mode = Mode::Constant;
      lit->type = tt.basic(Kind::UntypedInt);
      lit->cval = make_int_const(v);
      return;
    }
    case LitKind::Float: {
      std::string s;
      for (char c : lit->raw)
        if (c != '_') s += c;
      long double f = std::strtold(s.c_str(), nullptr);
      if (!std::isfinite(f)) {
        error(lit->pos, "constant overflow");
        return;
      }
      lit->mode = Mode::Constant;
      lit->type = tt.basic(Kind::UntypedFloat);
      lit->cval = make_float_const(f);
      return;
    }
    case LitKind::Imag:
      error(lit->pos, "complex numbers are not supported by mgo");
      return;
    case LitKind::Char: {
      std::string body = lit->raw.size() >= 2 ? lit->raw.substr(1, lit->raw.size() - 2) : "";
      std::string out;
      std::vector<uint32_t> runes;
      if (!unquote_body(body, out, &runes) || runes.size() != 1) {
        error(lit->pos, "invalid rune literal " + lit->raw);
        return;
      }
      lit->mode = Mode::Constant;
      lit->type = tt.basic(Kind::UntypedRune);
      lit->cval = make_int_const(runes[0]);
      return;
    }
    case LitKind::String: {
      std::string out;
      if (!lit->raw.empty() && lit->raw[0] == '`') {
        for (size_t i = 1; i + 1 < lit->raw.size(); i++)
          if (lit->raw[i] != '\r') out += lit->raw[i];
      } else if (!unquote_body(lit->raw.size() >= 2 ? lit->raw.substr(1, lit->raw.size() - 2) : "",
                               out, nullptr)) {
        error(lit->pos, "invalid string literal");
        return;
      }
      lit->mode = Mode::Constant;
      lit->type = tt.basic(Kind::UntypedString);
      lit->cval = make_string_const(std::move(out));
      return;
    }
  }
}

// ---------------------------------------------------------------- operators

static const char* opstr(Op op) {
  switch (op) {
    case Op::Add: return "+"; case Op::Sub: return "-"; case Op::Mul: return "*";
    case Op::Quo: return "/"; case Op::Rem: return "%"; case Op::And: return "&";
    case Op::Or: return "|"; case Op::Xor: return "^"; case Op::Shl: return "<<";
    case Op::Shr: return ">>"; case Op::AndNot: return "&^"; case Op::LAnd: return "&&";
    case Op::LOr: return "||"; case Op::Eql: return "=="; case Op::Neq: return "!=";
    case Op::Lss: return "<"; case Op::Leq: return "<="; case Op::Gtr: return ">";
    case Op::Geq: return ">="; case Op::Not: return "!"; case Op::Arrow: return "<-";
    case Op::Inc: return "++"; case Op::Dec: return "--"; default: return "?";
  }
}

// Go's operator predicates (types2 unaryOpPredicates / binaryOpPredicates).
static bool op_allowed(Op op, const Type* t) {
  switch (op) {
    case Op::Add: return t->is_numeric() || t->is_string();
    case Op::Sub: case Op::Mul: case Op::Quo: return t->is_numeric();
    case Op::Rem: case Op::And: case Op::Or: case Op::Xor: case Op::AndNot:
      return t->is_integer();
    case Op::LAnd: case Op::LOr: case Op::Not: return t->is_boolean();
    default: return false;
  }
}

// Re-checks a typed constant against its type after an operation
// (types2's overflow): "x (constant 200 of type int8) overflows int8".
static bool fits(Checker& c, Expr* e) {
  if (e->mode != Mode::Constant || e->type->is_untyped()) return true;
  Constant out;
  std::string why;
  if (c.representable(*e->cval, e->type, &out, &why)) {
    e->cval = intern_const(out);
    return true;
  }
  c.error(e->pos, c.operand_string(e) + " overflows " + c.type_str(e->type));
  c.invalidate(e);
  return false;
}

void Checker::unary(UnaryExpr* e) {
  if (e->op == Op::And) {
    Expr* x = e->x;
    while (x && x->kind == NodeKind::ParenExpr) x = static_cast<ParenExpr*>(x)->x;
    if (x && x->kind == NodeKind::CompositeLit) {
      expr(e->x);
      if (!is_valid(e->x)) return;
      e->mode = Mode::Value;
      e->type = types().pointer(e->x->type);
      return;
    }
    expr(e->x);
    if (!is_valid(e->x)) return;
    if (e->x->mode != Mode::Variable) {
      error(e->pos, "invalid operation: cannot take address of " + operand_string(e->x));
      return;
    }
    mark_addr(e->x);
    e->mode = Mode::Value;
    e->type = types().pointer(e->x->type);
    return;
  }
  expr(e->x);
  Expr* x = e->x;
  if (!is_valid(x)) return;
  if (e->op == Op::Arrow) {
    const Type* u = x->type->underlying();
    if (u->kind != Kind::Chan) {
      error(x->pos, "invalid operation: cannot receive from non-channel " + operand_string(x));
      return;
    }
    if (u->dir == ChanDir::Send) {
      error(x->pos, "invalid operation: cannot receive from send-only channel " + operand_string(x));
      return;
    }
    e->mode = Mode::CommaOk;
    e->type = u->elem;
    return;
  }
  if (!op_allowed(e->op, x->type)) {
    // types2 reports at the operand, not at the operator.
    error(x->pos, std::string("invalid operation: operator ") + opstr(e->op) + " not defined on " +
                      operand_string(x));
    return;
  }
  e->type = x->type;
  if (x->mode != Mode::Constant) {
    e->mode = Mode::Value;
    return;
  }
  Constant r = *x->cval;
  if (e->op == Op::Sub) {
    if (r.kind == ConstKind::Int) r.i = -r.i;
    else if (r.f != 0) r.f = -r.f;  // exact constants: -0.0 is 0
  } else if (e->op == Op::Not) {
    r.b = !r.b;
  } else if (e->op == Op::Xor) {
    if (x->type->is_unsigned()) {
      int bits = x->type->bits();
      unsigned __int128 mask = bits >= 128 ? ~(unsigned __int128)0 : (((unsigned __int128)1 << bits) - 1);
      r.i = (__int128)(((unsigned __int128)r.i ^ mask) & mask);
    } else {
      r.i = ~r.i;
    }
  }
  e->mode = Mode::Constant;
  e->cval = intern_const(r);
  fits(*this, e);
}

void Checker::binary(BinaryExpr* e) {
  if (e->op == Op::Shl || e->op == Op::Shr) {
    shift(e);
    return;
  }
  expr(e->x);
  expr(e->y);
  Expr* x = e->x;
  Expr* y = e->y;
  if (!is_valid(x) || !is_valid(y)) return;
  bool is_cmp = e->op >= Op::Eql && e->op <= Op::Geq;
  if (!match_types(x, y) && !is_cmp) {
    if (!is_valid(x) || !is_valid(y)) return;
    error(x->pos, "invalid operation: " + expr_str(e) + " (mismatched types " + type_str(x->type) +
                      " and " + type_str(y->type) + ")");
    return;
  }
  if (!is_valid(x) || !is_valid(y)) return;
  if (is_cmp) {
    comparison(e);
    return;
  }
  if (!identical(x->type, y->type)) {
    if (x->type->kind != Kind::Invalid && y->type->kind != Kind::Invalid)
      error(x->pos, "invalid operation: " + expr_str(e) + " (mismatched types " + type_str(x->type) +
                        " and " + type_str(y->type) + ")");
    return;
  }
  if (!op_allowed(e->op, x->type)) {
    error(x->pos, std::string("invalid operation: operator ") + opstr(e->op) + " not defined on " +
                      operand_string(x));
    return;
  }
  if ((e->op == Op::Quo || e->op == Op::Rem) && (x->mode == Mode::Constant || x->type->is_integer()) &&
      y->mode == Mode::Constant) {
    const Constant& c = *y->cval;
    if ((c.kind == ConstKind::Int && c.i == 0) || (c.kind == ConstKind::Float && c.f == 0)) {
      error(y->pos, "invalid operation: division by zero");
      return;
    }
  }
  e->type = x->type;
  if (x->mode == Mode::Constant && y->mode == Mode::Constant) {
    Constant r;
    std::string err;
    bool integer = x->type->is_integer();
    if (!const_binary(e->op, *x->cval, *y->cval, integer, &r, &err)) {
      error(e->op_pos.valid() ? e->op_pos : e->pos, err == "division by zero" ? "invalid operation: division by zero" : err);
      return;
    }
    if (x->type->is_untyped() && r.kind == ConstKind::Float && x->type->kind != Kind::UntypedFloat &&
        e->op != Op::Quo) {
      // int op int stays int
    }
    e->mode = Mode::Constant;
    e->cval = intern_const(r);
    fits(*this, e);
    return;
  }
  e->mode = Mode::Value;
}

void Checker::shift(BinaryExpr* e) {
  expr(e->x);
  expr(e->y);
  Expr* x = e->x;
  Expr* y = e->y;
  if (!is_valid(x) || !is_valid(y)) return;
  __int128 xv = 0;
  bool x_int_const = x->mode == Mode::Constant && const_to_int(*x->cval, &xv);
  if (!(x->type->is_integer() || (x->type->is_untyped() && x_int_const))) {
    error(x->pos, "invalid operation: shifted operand " + operand_string(x) + " must be integer");
    return;
  }
  __int128 yv = 0;
  if (y->mode == Mode::Constant) {
    if (!const_to_int(*y->cval, &yv) || (!y->type->is_integer() && !y->type->is_untyped())) {
      error(y->pos, "invalid operation: shift count " + operand_string(y) + " must be integer");
      return;
    }
    if (yv < 0) {
      error(y->pos, "invalid operation: negative shift count " + operand_string(y));
      return;
    }
    if (y->type->is_untyped()) convert_untyped(y, types().basic(Kind::Uint));
  } else if (y->type->is_untyped()) {
    if (!convert_untyped(y, types().basic(Kind::Uint))) return;
  } else if (!y->type->is_integer()) {
    error(y->pos, "invalid operation: shift count " + operand_string(y) + " must be integer");
    return;
  }
  if (x->mode == Mode::Constant) {
    if (y->mode == Mode::Constant) {
      if (yv > 1023 - 1 + 52) {
        error(y->pos, "invalid operation: invalid shift count " + operand_string(y));
        return;
      }
      Constant c;
      c.kind = ConstKind::Int;
      c.i = xv;
      Constant r;
      std::string err;
      if (!const_shift(e->op, c, uint64_t(yv), &r, &err)) {
        error(e->op_pos.valid() ? e->op_pos : e->pos, err);
        return;
      }
      e->type = x->type->is_untyped() && !x->type->is_integer() ? types().basic(Kind::UntypedInt) : x->type;
      if (x->type->kind == Kind::UntypedFloat) {
        e->type = types().basic(Kind::UntypedInt);
        convert_untyped(x, e->type);
      }
      e->mode = Mode::Constant;
      e->cval = intern_const(r);
      fits(*this, e);
      return;
    }
    if (x->type->is_untyped()) {
      // The untyped lhs takes its type from the context of the whole shift
      // (update_type checks that it is an integer then).
      e->mode = Mode::Value;
      e->type = x->type->kind == Kind::UntypedFloat ? types().basic(Kind::UntypedInt) : x->type;
      if (x->type->kind == Kind::UntypedFloat) e->type = x->type;
      return;
    }
  }
  if (!x->type->is_integer()) {
    error(x->pos, "invalid operation: shifted operand " + operand_string(x) + " must be integer");
    return;
  }
  e->mode = Mode::Value;
  e->type = x->type;
}

static std::string incomparable_cause(Checker& c, const Type* t) {
  switch (t->ukind()) {
    case Kind::Slice: return "slice can only be compared to nil";
    case Kind::Func: return "func can only be compared to nil";
    case Kind::Map: return "map can only be compared to nil";
    default: break;
  }
  // A struct or array containing an incomparable type.
  const Type* u = t->underlying();
  if (u->kind == Kind::Struct) {
    for (auto& f : u->fields)
      if (!f.type->comparable())
        return "struct containing " + c.type_str(f.type) + " cannot be compared";
  }
  if (u->kind == Kind::Array && !u->elem->comparable())
    return c.type_str(t) + " cannot be compared";
  return "cannot compare";
}

static bool has_nil(const Type* t) {
  switch (t->ukind()) {
    case Kind::Pointer: case Kind::Slice: case Kind::Map: case Kind::Chan: case Kind::Func:
    case Kind::Interface: case Kind::UntypedNil: case Kind::UnsafePointer:
      return true;
    default: return false;
  }
}

void Checker::comparison(BinaryExpr* e) {
  Expr* x = e->x;
  Expr* y = e->y;
  Expr* err_op = x;
  std::string cause;
  bool ok = assignable(x->type, y->type) || assignable(y->type, x->type);
  bool xnil = x->type->kind == Kind::UntypedNil, ynil = y->type->kind == Kind::UntypedNil;
  if (!ok) {
    // types2: "Report the error on the 2nd operand since we only know after
    // seeing the 2nd operand whether we have a type mismatch."
    err_op = y;
    cause = "mismatched types " + type_str(x->type) + " and " + type_str(y->type);
  } else if (e->op == Op::Eql || e->op == Op::Neq) {
    if (xnil || ynil) {
      const Type* t = xnil ? y->type : x->type;
      if (!has_nil(t)) {
        err_op = y;
        cause = "mismatched types " + type_str(x->type) + " and " + type_str(y->type);
        ok = false;
      }
    } else if (!x->type->comparable()) {
      cause = incomparable_cause(*this, x->type);
      ok = false;
    } else if (!y->type->comparable()) {
      err_op = y;
      cause = incomparable_cause(*this, y->type);
      ok = false;
    }
  } else {
    auto ordered = [](const Type* t) { return t->is_numeric() || t->is_string(); };
    if (!ordered(x->type)) {
      cause = std::string("operator ") + opstr(e->op) + " not defined on " + operand_string(x);
      ok = false;
    } else if (!ordered(y->type)) {
      err_op = y;
      cause = std::string("operator ") + opstr(e->op) + " not defined on " + operand_string(y);
      ok = false;
    }
  }
  if (!ok) {
    error(err_op->pos, "invalid operation: " + expr_str(e) + " (" + cause + ")");
    return;
  }
  e->type = types().basic(Kind::UntypedBool);
  if (x->mode == Mode::Constant && y->mode == Mode::Constant) {
    e->mode = Mode::Constant;
    e->cval = make_bool_const(const_compare(e->op, *x->cval, *y->cval));
    default_untyped(x);
    default_untyped(y);
    return;
  }
  e->mode = Mode::Value;
  default_untyped(x);
  default_untyped(y);
}

// ---------------------------------------------------------------- pointers, index, slice

void Checker::star(StarExpr* e) {
  expr_or_type(e->x);
  Expr* x = e->x;
  if (!is_valid(x)) return;
  if (x->mode == Mode::TypeExpr) {
    e->mode = Mode::TypeExpr;
    e->type = types().pointer(x->type);
    return;
  }
  if (x->type->kind == Kind::UntypedNil) {
    error(x->pos, "invalid operation: cannot indirect nil");
    return;
  }
  if (x->type->ukind() != Kind::Pointer) {
    error(x->pos, "invalid operation: cannot indirect " + operand_string(x));
    return;
  }
  e->mode = Mode::Variable;
  e->type = x->type->underlying()->elem;
}

// Checks an index operand: an integer (or untyped constant representable as
// int), not negative, and below `length` when that is known (>= 0).
bool Checker::check_index(Expr* e, int64_t length, bool allow_equal, int64_t* value) {
  expr(e);
  if (!is_valid(e)) return false;
  *value = -1;
  if (e->type->is_untyped()) {
    if (e->mode == Mode::Constant) {
      __int128 v;
      if (!const_to_int(*e->cval, &v)) {
        error(e->pos, "invalid argument: index " + operand_string(e) + " truncated to int");
        return false;
      }
    }
    if (!convert_untyped(e, types().Int())) return false;
  }
  if (!e->type->is_integer()) {
    error(e->pos, "invalid argument: index " + operand_string(e) + " must be integer");
    return false;
  }
  if (e->mode != Mode::Constant) return true;
  __int128 v = e->cval->i;
  if (v < 0) {
    error(e->pos, "invalid argument: index " + operand_string(e) + " must not be negative");
    return false;
  }
  if (length >= 0 && (allow_equal ? v > length : v >= length)) {
    error(e->pos, "invalid argument: index " + expr_str(e) + " out of bounds [0:" +
                      std::to_string(allow_equal ? length + 1 : length) + "]");
    return false;
  }
  *value = int64_t(v);
  return true;
}

void Checker::index_expr(IndexExpr* e) {
  expr_or_type(e->x);
  Expr* x = e->x;
  if (!is_valid(x)) {
    if (e->index) expr(e->index);
    return;
  }
  if (x->mode == Mode::TypeExpr) {
    error(e->pos, "generic types are not supported by mgo");
    return;
  }
  const Type* u = x->type->underlying();
  int64_t v;
  switch (u->kind) {
    case Kind::String: case Kind::UntypedString: {
      int64_t len = x->mode == Mode::Constant ? int64_t(x->cval->s.size()) : -1;
      if (!check_index(e->index, len, false, &v)) return;
      if (x->type->is_untyped()) convert_untyped(x, types().String());
      e->mode = Mode::Value;
      e->type = types().Byte();
      if (x->mode == Mode::Constant && v >= 0) {
        // Indexing a constant string gives a byte value (not a constant).
      }
      return;
    }
    case Kind::Array:
      if (!check_index(e->index, u->len, false, &v)) return;
      e->mode = x->mode == Mode::Variable ? Mode::Variable : Mode::Value;
      e->type = u->elem;
      return;
    case Kind::Pointer:
      if (u->elem->ukind() == Kind::Array) {
        if (!check_index(e->index, u->elem->underlying()->len, false, &v)) return;
        e->mode = Mode::Variable;
        e->type = u->elem->underlying()->elem;
        return;
      }
      break;
    case Kind::Slice:
      if (!check_index(e->index, -1, false, &v)) return;
      e->mode = Mode::Variable;
      e->type = u->elem;
      return;
    case Kind::Map:
      expr(e->index);
      if (!is_valid(e->index)) return;
      if (!assignment(e->index, u->key, "map index")) return;
      e->mode = Mode::MapIndex;
      e->type = u->elem;
      return;
    case Kind::Func:
      error(e->pos, "generic functions are not supported by mgo");
      return;
    default: break;
  }
  error(x->pos, "invalid operation: cannot index " + operand_string(x));
  if (e->index) expr(e->index);
}

void Checker::slice_expr(SliceExpr* e) {
  expr(e->x);
  Expr* x = e->x;
  if (!is_valid(x)) return;
  const Type* u = x->type->underlying();
  int64_t length = -1;
  const Type* result = nullptr;
  switch (u->kind) {
    case Kind::String: case Kind::UntypedString:
      if (e->slice3) {
        error(e->pos, "invalid operation: 3-index slice of string");
        return;
      }
      if (x->mode == Mode::Constant) length = int64_t(x->cval->s.size());
      if (x->type->is_untyped()) convert_untyped(x, types().String());
      result = x->type;
      break;
    case Kind::Array:
      if (x->mode != Mode::Variable) {
        error(e->pos, "invalid operation: " + expr_str(x) + " (slice of unaddressable value)");
        return;
      }
      length = u->len;
      result = types().slice(u->elem);
      break;
    case Kind::Pointer:
      if (u->elem->ukind() == Kind::Array) {
        length = u->elem->underlying()->len;
        result = types().slice(u->elem->underlying()->elem);
      }
      break;
    case Kind::Slice: result = x->type; break;
    default: break;
  }
  if (!result) {
    error(x->pos, "cannot slice " + operand_string(x));
    return;
  }
  int64_t vals[3] = {-1, -1, -1};
  Expr* idx[3] = {e->low, e->high, e->max};
  bool ok = true;
  for (int i = 0; i < 3; i++)
    if (idx[i] && !check_index(idx[i], length, true, &vals[i])) ok = false;
  if (!ok) return;
  // Constant indices must be non-decreasing.
  for (int i = 0; i < 3; i++)
    for (int j = i + 1; j < 3; j++)
      if (vals[i] >= 0 && vals[j] >= 0 && vals[i] > vals[j]) {
        error(idx[j]->pos, "invalid slice indices: " + std::to_string(vals[j]) + " < " + std::to_string(vals[i]));
        return;
      }
  e->mode = Mode::Value;
  e->type = result;
}

void Checker::type_assert(TypeAssertExpr* e) {
  expr(e->x);
  Expr* x = e->x;
  if (!e->typ) {
    error(e->pos, "invalid syntax tree: use of .(type) outside type switch");
    return;
  }
  const Type* t = type_expr(e->typ);
  if (!is_valid(x) || t->kind == Kind::Invalid) return;
  if (!x->type->is_interface()) {
    error(x->pos, "invalid operation: " + operand_string(x) + " is not an interface");
    return;
  }
  if (!t->is_interface()) {
    std::string why;
    if (!implements(t, x->type, &why)) {
      error(e->pos, "impossible type assertion: " + expr_str(e) + "\n\t" + type_str(t) +
                             " does not implement " + type_str(x->type) + " (" + why + ")");
      return;
    }
  }
  e->mode = Mode::CommaOk;
  e->type = t;
}

}  // namespace mgo

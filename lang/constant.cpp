// Constant arithmetic (Go's go/constant, simplified to 128-bit integers and
// long double floats). Overflow beyond 128 bits is reported as Go reports
// overflow of its 512-bit untyped integers.
#include "lang/constant.h"

#include <cmath>
#include <cstdio>
#include <deque>
#include <mutex>

#include "lang/ast.h"

namespace mgo {

namespace {

std::mutex g_const_mu;
std::deque<Constant>& const_pool() {
  static std::deque<Constant> pool;
  return pool;
}

std::string int128_string(__int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
  std::string s;
  while (u) {
    s.insert(s.begin(), char('0' + int(u % 10)));
    u /= 10;
  }
  return neg ? "-" + s : s;
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  return out + "\"";
}

std::string float_string(long double f) {
  // go/constant prints floats with %.6g, keeping integral values short.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6Lg", f);
  std::string s = buf;
  // C prints 1e+100, Go prints 1e+100 as well; trim "e+05" to "e+05" (same).
  return s;
}

}  // namespace

const Constant* intern_const(const Constant& c) {
  std::lock_guard<std::mutex> lock(g_const_mu);
  const_pool().push_back(c);
  // Go's constants are exact numbers: there is no negative zero (-0.0 and
  // 0.0 * -1 are 0); only run-time float arithmetic makes one.
  if (c.kind == ConstKind::Float && c.f == 0) const_pool().back().f = 0;
  return &const_pool().back();
}

const Constant* make_bool_const(bool b) {
  Constant c;
  c.kind = ConstKind::Bool;
  c.b = b;
  return intern_const(c);
}

const Constant* make_string_const(std::string s) {
  Constant c;
  c.kind = ConstKind::String;
  c.s = std::move(s);
  return intern_const(c);
}

const Constant* make_int_const(__int128 i) {
  Constant c;
  c.kind = ConstKind::Int;
  c.i = i;
  return intern_const(c);
}

const Constant* make_float_const(long double f) {
  Constant c;
  c.kind = ConstKind::Float;
  c.f = f;
  return intern_const(c);
}

std::string const_string(const Constant& c) {
  switch (c.kind) {
    case ConstKind::Bool: return c.b ? "true" : "false";
    case ConstKind::String: {
      std::string q = quote(c.s);
      // go/constant shortens long strings to 72 characters.
      if (q.size() > 72) q = q.substr(0, 72 - 3) + "...";
      return q;
    }
    case ConstKind::Int: return int128_string(c.i);
    case ConstKind::Float: return float_string(c.f);
  }
  return "?";
}

bool const_to_int(const Constant& c, __int128* out) {
  if (c.kind == ConstKind::Int) {
    *out = c.i;
    return true;
  }
  if (c.kind != ConstKind::Float) return false;
  if (!std::isfinite(c.f) || std::trunc(c.f) != c.f) return false;
  if (std::fabs(c.f) >= 1.7e38L) return false;
  *out = (__int128)c.f;
  return true;
}

long double const_to_float(const Constant& c) {
  return c.kind == ConstKind::Float ? c.f : (long double)c.i;
}

namespace {

bool int_binary(Op op, __int128 a, __int128 b, __int128* r, std::string* err) {
  switch (op) {
    case Op::Add:
      if (__builtin_add_overflow(a, b, r)) return *err = "constant addition overflow", false;
      return true;
    case Op::Sub:
      if (__builtin_sub_overflow(a, b, r)) return *err = "constant subtraction overflow", false;
      return true;
    case Op::Mul:
      if (__builtin_mul_overflow(a, b, r)) return *err = "constant multiplication overflow", false;
      return true;
    case Op::Quo:
      if (b == 0) return *err = "division by zero", false;
      *r = a / b;
      return true;
    case Op::Rem:
      if (b == 0) return *err = "division by zero", false;
      *r = a % b;
      return true;
    case Op::And: *r = a & b; return true;
    case Op::Or: *r = a | b; return true;
    case Op::Xor: *r = a ^ b; return true;
    case Op::AndNot: *r = a & ~b; return true;
    default: return *err = "invalid constant operation", false;
  }
}

bool float_binary(Op op, long double a, long double b, long double* r, std::string* err) {
  switch (op) {
    case Op::Add: *r = a + b; break;
    case Op::Sub: *r = a - b; break;
    case Op::Mul: *r = a * b; break;
    case Op::Quo:
      if (b == 0) return *err = "division by zero", false;
      *r = a / b;
      break;
    default: return *err = "invalid constant operation", false;
  }
  if (!std::isfinite(*r)) return *err = "constant overflow", false;
  return true;
}

}  // namespace

bool const_binary(Op op, const Constant& x, const Constant& y, bool integer,
                  Constant* out, std::string* err) {
  *out = Constant();
  if (x.kind == ConstKind::String && y.kind == ConstKind::String) {
    if (op != Op::Add) return *err = "invalid constant operation", false;
    out->kind = ConstKind::String;
    out->s = x.s + y.s;
    return true;
  }
  if (x.kind == ConstKind::Bool && y.kind == ConstKind::Bool) {
    out->kind = ConstKind::Bool;
    if (op == Op::LAnd) out->b = x.b && y.b;
    else if (op == Op::LOr) out->b = x.b || y.b;
    else return *err = "invalid constant operation", false;
    return true;
  }
  if (x.kind == ConstKind::Int && y.kind == ConstKind::Int && (integer || op != Op::Quo)) {
    out->kind = ConstKind::Int;
    return int_binary(op, x.i, y.i, &out->i, err);
  }
  if (integer) {
    __int128 a, b;
    if (!const_to_int(x, &a) || !const_to_int(y, &b)) return *err = "truncated", false;
    out->kind = ConstKind::Int;
    return int_binary(op, a, b, &out->i, err);
  }
  out->kind = ConstKind::Float;
  return float_binary(op, const_to_float(x), const_to_float(y), &out->f, err);
}

bool const_compare(Op op, const Constant& x, const Constant& y) {
  int c = 0;
  if (x.kind == ConstKind::String) {
    c = x.s < y.s ? -1 : x.s > y.s ? 1 : 0;
  } else if (x.kind == ConstKind::Bool) {
    c = x.b == y.b ? 0 : 1;
  } else if (x.kind == ConstKind::Int && y.kind == ConstKind::Int) {
    c = x.i < y.i ? -1 : x.i > y.i ? 1 : 0;
  } else {
    long double a = const_to_float(x), b = const_to_float(y);
    c = a < b ? -1 : a > b ? 1 : 0;
  }
  switch (op) {
    case Op::Eql: return c == 0;
    case Op::Neq: return c != 0;
    case Op::Lss: return c < 0;
    case Op::Leq: return c <= 0;
    case Op::Gtr: return c > 0;
    case Op::Geq: return c >= 0;
    default: return false;
  }
}

bool const_shift(Op op, const Constant& x, uint64_t n, Constant* out, std::string* err) {
  __int128 v;
  if (!const_to_int(x, &v)) return *err = "truncated", false;
  *out = Constant();
  out->kind = ConstKind::Int;
  if (op == Op::Shr) {
    out->i = n >= 127 ? (v < 0 ? -1 : 0) : v >> n;
    return true;
  }
  if (v == 0) return out->i = 0, true;
  if (n >= 127) return *err = "constant shift overflow", false;
  __int128 r = v << n;
  if ((r >> n) != v) return *err = "constant shift overflow", false;
  out->i = r;
  return true;
}

}  // namespace mgo

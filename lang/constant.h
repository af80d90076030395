// Compile-time constant values (Go's go/constant, simplified).
//
// Untyped integer constants need more than 64 bits in Go (1<<100>>98 is a
// valid constant expression); mgo keeps integers as signed 128-bit values and
// reports "constant overflow" beyond that. Floats are kept as long double.
// After checking, every Expr::cval has been converted to the expression's
// final type, so the compiler reads it with the accessor matching that type.
#pragma once

#include <cstdint>
#include <string>

namespace mgo {

enum class ConstKind : uint8_t { Bool, String, Int, Float };

struct Constant {
  ConstKind kind = ConstKind::Int;
  bool b = false;
  std::string s;
  __int128 i = 0;
  long double f = 0;

  // Accessors for the compiler and the checker.
  bool as_bool() const { return b; }
  const std::string& as_string() const { return s; }
  // Integer constants (and float constants with integral value) as int64 /
  // uint64 two's complement bits.
  int64_t as_int64() const { return kind == ConstKind::Float ? int64_t(f) : int64_t(i); }
  uint64_t as_uint64() const { return kind == ConstKind::Float ? uint64_t(f) : uint64_t(i); }
  double as_float64() const { return kind == ConstKind::Float ? double(f) : double(i); }
};

// ---- constant arithmetic (lang/constant.cpp), used by the checker.
// Values are immutable once made; make_* intern them for the process.
const Constant* make_bool_const(bool b);
const Constant* make_string_const(std::string s);
const Constant* make_int_const(__int128 i);
const Constant* make_float_const(long double f);
const Constant* intern_const(const Constant& c);

// Go's constant.String(): 300, 1.5, 1e+100, "abc" (quoted), true.
std::string const_string(const Constant& c);
// Integer value of c if it is an integer or an integral float.
bool const_to_int(const Constant& c, __int128* out);
long double const_to_float(const Constant& c);
// The result of a binary arithmetic operator (+ - * / % & | ^ &^) on two
// constants of the same family; `integer` selects truncated division.
// Returns false and sets *err ("division by zero", "constant addition
// overflow", ...) on failure.
enum class Op : uint8_t;
bool const_binary(Op op, const Constant& x, const Constant& y, bool integer,
                  Constant* out, std::string* err);
bool const_compare(Op op, const Constant& x, const Constant& y);
bool const_shift(Op op, const Constant& x, uint64_t n, Constant* out, std::string* err);

}  // namespace mgo

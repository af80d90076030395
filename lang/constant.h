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

}  // namespace mgo

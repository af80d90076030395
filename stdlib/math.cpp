// math: the natives of package math. The transcendental functions are Go's
// own algorithms (stdlib/gomath.cpp), so results agree with Go to the last
// bit; the C library serves where it is exact (Sqrt, Floor, Mod, ...), with
// Go's special cases where C's differ (Max/Min with NaN and signed zeros,
// Round half away from zero).
#include <cmath>
#include <cstring>

#include "stdlib/gomath.h"
#include "stdlib/natives.h"

namespace mgo::stdlib {

namespace {

double f(Slot s) { return vm::as_f64(s); }

#define UNARY(NAME, EXPR) \
  void NAME(Thread&, Slot* a) { double x = f(a[0]); a[0] = vm::from_f64(EXPR); }
#define BINARY(NAME, EXPR) \
  void NAME(Thread&, Slot* a) { double x = f(a[0]), y = f(a[1]); a[0] = vm::from_f64(EXPR); }

UNARY(Sqrt, std::sqrt(x))
UNARY(Abs, std::fabs(x))
UNARY(Floor, std::floor(x))
UNARY(Ceil, std::ceil(x))
UNARY(Trunc, std::trunc(x))
UNARY(Round, std::round(x))
UNARY(RoundToEven, std::nearbyint(x))
UNARY(Log, gomath::Log(x))
UNARY(Log2, gomath::Log2(x))
UNARY(Log10, gomath::Log10(x))
UNARY(Log1p, gomath::Log1p(x))
UNARY(Exp, gomath::Exp(x))
UNARY(Exp2, gomath::Exp2(x))
UNARY(Expm1, gomath::Expm1(x))
UNARY(Sin, gomath::Sin(x))
UNARY(Cos, gomath::Cos(x))
UNARY(Tan, gomath::Tan(x))
UNARY(Asin, gomath::Asin(x))
UNARY(Acos, gomath::Acos(x))
UNARY(Atan, gomath::Atan(x))
UNARY(Sinh, gomath::Sinh(x))
UNARY(Cosh, gomath::Cosh(x))
UNARY(Tanh, gomath::Tanh(x))
UNARY(Cbrt, gomath::Cbrt(x))
BINARY(Pow, gomath::Pow(x, y))
BINARY(Mod, std::fmod(x, y))
BINARY(Remainder, std::remainder(x, y))
BINARY(Atan2, gomath::Atan2(x, y))
BINARY(Hypot, gomath::Hypot(x, y))
BINARY(Copysign, std::copysign(x, y))
#undef UNARY
#undef BINARY

// Nextafter: Go returns x (not y, as C does) when x == y, which differs for
// Nextafter(0, -0).
void Nextafter(Thread&, Slot* a) {
  double x = f(a[0]), y = f(a[1]);
  double r = (std::isnan(x) || std::isnan(y)) ? NAN : x == y ? x : std::nextafter(x, y);
  a[0] = vm::from_f64(r);
}

// Max: +Inf beats NaN, NaN beats the rest, +0 beats -0.
void Max(Thread&, Slot* a) {
  double x = f(a[0]), y = f(a[1]);
  double r;
  if (std::isinf(x) && x > 0) r = x;
  else if (std::isinf(y) && y > 0) r = y;
  else if (std::isnan(x) || std::isnan(y)) r = NAN;
  else if (x == 0 && x == y) r = std::signbit(x) ? y : x;
  else r = x > y ? x : y;
  a[0] = vm::from_f64(r);
}

void Min(Thread&, Slot* a) {
  double x = f(a[0]), y = f(a[1]);
  double r;
  if (std::isinf(x) && x < 0) r = x;
  else if (std::isinf(y) && y < 0) r = y;
  else if (std::isnan(x) || std::isnan(y)) r = NAN;
  else if (x == 0 && x == y) r = std::signbit(x) ? x : y;
  else r = x < y ? x : y;
  a[0] = vm::from_f64(r);
}

// FMA: C's fma is the one-rounding x*y+z that Go's is.
void FMA(Thread&, Slot* a) { a[0] = vm::from_f64(std::fma(f(a[0]), f(a[1]), f(a[2]))); }

void Dim(Thread&, Slot* a) {
  double v = f(a[0]) - f(a[1]);
  a[0] = vm::from_f64(v <= 0 ? 0 : v);
}

void Float64bits(Thread&, Slot*) {}      // same bits
void Float64frombits(Thread&, Slot*) {}  // same bits

void Float32bits(Thread&, Slot* a) {
  float x = static_cast<float>(f(a[0]));
  uint32_t b;
  std::memcpy(&b, &x, 4);
  a[0] = b;
}

void Float32frombits(Thread&, Slot* a) {
  auto b = static_cast<uint32_t>(a[0]);
  float x;
  std::memcpy(&x, &b, 4);
  a[0] = vm::from_f64(x);
}

void Modf(Thread&, Slot* a) {
  double frac = 0;
  double ip = gomath::Modf(f(a[0]), &frac);
  a[0] = vm::from_f64(ip);
  a[1] = vm::from_f64(frac);
}

void Frexp(Thread&, Slot* a) {
  int64_t e = 0;
  double frac = gomath::Frexp(f(a[0]), &e);
  a[0] = vm::from_f64(frac);
  a[1] = from_int(e);
}

void Ldexp(Thread&, Slot* a) {
  a[0] = vm::from_f64(gomath::Ldexp(f(a[0]), arg_int(a[1])));
}

const vm::NativeEntry kNatives[] = {
    {"math.Sqrt", Sqrt},       {"math.Pow", Pow},
    {"math.Abs", Abs},         {"math.Floor", Floor},
    {"math.Ceil", Ceil},       {"math.Trunc", Trunc},
    {"math.Round", Round},     {"math.RoundToEven", RoundToEven},
    {"math.Mod", Mod},         {"math.Remainder", Remainder},
    {"math.Max", Max},         {"math.Min", Min},
    {"math.Dim", Dim},         {"math.Log", Log},
    {"math.Log2", Log2},       {"math.Log10", Log10},
    {"math.Log1p", Log1p},     {"math.Exp", Exp},
    {"math.Exp2", Exp2},       {"math.Expm1", Expm1},
    {"math.Sin", Sin},         {"math.Cos", Cos},
    {"math.Tan", Tan},         {"math.Asin", Asin},
    {"math.Acos", Acos},       {"math.Atan", Atan},
    {"math.Atan2", Atan2},     {"math.Sinh", Sinh},
    {"math.Cosh", Cosh},       {"math.Tanh", Tanh},
    {"math.Hypot", Hypot},     {"math.Cbrt", Cbrt},
    {"math.Copysign", Copysign}, {"math.Float64bits", Float64bits},
    {"math.Float64frombits", Float64frombits}, {"math.Float32bits", Float32bits},
    {"math.Float32frombits", Float32frombits}, {"math.Modf", Modf},
    {"math.Frexp", Frexp},     {"math.Ldexp", Ldexp},
    {"math.Nextafter", Nextafter}, {"math.FMA", FMA},
};

}  // namespace

std::span<const vm::NativeEntry> math_natives() { return kNatives; }

}  // namespace mgo::stdlib

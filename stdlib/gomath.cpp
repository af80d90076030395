// Go 1.19's math package in C++ (see gomath.h for why). Each function keeps
// Go's name, structure and evaluation order: a reordered sum or a fused
// multiply-add changes the last bit. Go's constant expressions (4/Pi, 1/Ln10)
// are exact before the one rounding to float64, so they appear here as
// hexadecimal literals of the rounded value rather than as C++ divisions.
#include "stdlib/gomath.h"

#include <bit>
#include <cmath>
#include <initializer_list>
#include <limits>

namespace mgo::gomath {

namespace {

constexpr double kPi = 0x1.921fb54442d18p+1;
constexpr double kPi2 = 0x1.921fb54442d18p+0;     // Pi/2
constexpr double kPi4 = 0x1.921fb54442d18p-1;     // Pi/4
constexpr double k3Pi4 = 0x1.2d97c7f3321d2p+1;    // 3*Pi/4
constexpr double k4OverPi = 0x1.45f306dc9c883p+0; // 4/Pi
constexpr double kInvLn10 = 0x1.bcb7b1526e50ep-2; // 1/Ln10
constexpr double kInvLn2 = 0x1.71547652b82fep+0;  // 1/Ln2
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSmallestNormal = 0x1p-1022;

// Go's math.NaN() bits.
const double kNaN = std::bit_cast<double>(uint64_t{0x7FF8000000000001});

constexpr uint64_t kMask = 0x7FF;
constexpr int kShift = 64 - 11 - 1;
constexpr int kBias = 1023;

uint64_t bits(double x) { return std::bit_cast<uint64_t>(x); }
double from_bits(uint64_t b) { return std::bit_cast<double>(b); }
bool is_inf(double x, int sign) {
  return (sign >= 0 && x > std::numeric_limits<double>::max()) ||
         (sign <= 0 && x < -std::numeric_limits<double>::max());
}

// int64(x) as amd64's CVTTSD2SQ computes it: out-of-range and NaN give
// math.MinInt64 (C++ leaves that undefined).
int64_t to_int64(double x) {
  if (!(x >= -0x1p63 && x < 0x1p63)) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(x);
}

// normalize returns a normal number y and exponent exp satisfying
// x == y × 2**exp. It assumes x is finite and non-zero.
double normalize(double x, int64_t* exp) {
  if (std::fabs(x) < kSmallestNormal) {
    *exp = -52;
    return x * static_cast<double>(uint64_t{1} << 52);
  }
  *exp = 0;
  return x;
}

}  // namespace

// ---- frexp.go, ldexp.go, modf.go

double Frexp(double f, int64_t* exp) {
  *exp = 0;
  if (f == 0 || std::isinf(f) || std::isnan(f)) return f;
  f = normalize(f, exp);
  uint64_t x = bits(f);
  *exp += static_cast<int64_t>((x >> kShift) & kMask) - kBias + 1;
  x &= ~(kMask << kShift);
  x |= uint64_t{-1 + kBias} << kShift;
  return from_bits(x);
}

double Ldexp(double frac, int64_t exp) {
  if (frac == 0 || std::isinf(frac) || std::isnan(frac)) return frac;
  int64_t e = 0;
  frac = normalize(frac, &e);
  // Go's int arithmetic wraps; do it in uint64 to keep that defined.
  auto add = [](int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  };
  exp = add(exp, e);
  uint64_t x = bits(frac);
  exp = add(exp, static_cast<int64_t>((x >> kShift) & kMask) - kBias);
  if (exp < -1075) return std::copysign(0.0, frac);  // underflow
  if (exp > 1023) return frac < 0 ? -kInf : kInf;    // overflow
  double m = 1;
  if (exp < -1022) {  // denormal
    exp += 53;
    m = 0x1p-53;
  }
  x &= ~(kMask << kShift);
  x |= static_cast<uint64_t>(exp + kBias) << kShift;
  return m * from_bits(x);
}

double Modf(double f, double* frac) {
  if (f < 1) {
    if (f < 0) {
      double ip = Modf(-f, frac);
      *frac = -*frac;
      return -ip;
    }
    if (f == 0) {
      *frac = f;  // -0, -0 for -0
      return f;
    }
    *frac = f;
    return 0;
  }
  uint64_t x = bits(f);
  uint64_t e = ((x >> kShift) & kMask) - kBias;
  if (e < 64 - 12) x &= ~((uint64_t{1} << (64 - 12 - e)) - 1);
  double ip = from_bits(x);
  *frac = f - ip;
  return ip;
}

// ---- exp_amd64.s: archExp, the path taken on CPUs with AVX and FMA (all
// current amd64 machines). The reduction and Horner steps are fused
// multiply-adds there, so they are std::fma here.

double Exp(double x) {
  constexpr double LOG2E = 1.4426950408889634073599246810018920;
  constexpr double LN2U = 0.69314718055966295651160180568695068359375;
  constexpr double LN2L = 0.28235290563031577122588448175013436025525412068e-12;
  constexpr double Overflow = 7.09782712893384e+02;
  constexpr double kTaylor[] = {
      0.5, 1.0, 2.0, 1.6666666666666666667e-1, 4.1666666666666666667e-2,
      8.3333333333333333333e-3, 1.3888888888888888889e-3,
      1.9841269841269841270e-4, 2.4801587301587301587e-5,
  };
  if (std::isnan(x) || std::isinf(x)) return x < 0 ? 0 : x;  // notFinite
  if (x > Overflow) return kInf;
  // CVTSD2SL rounds to nearest even and gives INT32_MIN when out of range.
  double kf = std::nearbyint(LOG2E * x);
  int32_t k = (kf >= -0x1p31 && kf < 0x1p31) ? static_cast<int32_t>(kf)
                                              : std::numeric_limits<int32_t>::min();
  double fk = k;
  x = std::fma(-fk, LN2U, x);
  x = std::fma(-fk, LN2L, x);
  x *= 0.0625;  // reduce argument
  double p = kTaylor[8];
  for (int i : {7, 6, 5, 4, 3, 0, 1}) p = std::fma(p, x, kTaylor[i]);
  x *= p;
  // Square (e^(x/16)) four times: e' = e * (e + 2) on e - 1.
  for (int i = 0; i < 3; i++) x *= x + 2.0;
  x = std::fma(x, x + 2.0, 1.0);
  // ldexp: return fr * 2**exponent
  int64_t be = int64_t{k} + 0x3FF;
  if (be <= 0) {  // denormal
    if (be < -52) return 0;
    x *= from_bits(static_cast<uint64_t>(be + 0x3FE) << 52);
    be = 1;
  } else if (be >= 0x7FF) {
    return kInf;
  }
  return x * from_bits(static_cast<uint64_t>(be) << 52);
}

// ---- exp.go

namespace {

// expmulti returns e**r × 2**k where r = hi - lo and |r| ≤ ln(2)/2.
double expmulti(double hi, double lo, int64_t k) {
  constexpr double P1 = 1.66666666666666657415e-01;
  constexpr double P2 = -2.77777777770155933842e-03;
  constexpr double P3 = 6.61375632143793436117e-05;
  constexpr double P4 = -1.65339022054652515390e-06;
  constexpr double P5 = 4.13813679705723846039e-08;
  double r = hi - lo;
  double t = r * r;
  double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  double y = 1 - ((lo - (r * c) / (2 - c)) - hi);
  return Ldexp(y, k);
}

}  // namespace

double Exp2(double x) {
  constexpr double Ln2Hi = 6.93147180369123816490e-01;
  constexpr double Ln2Lo = 1.90821492927058770002e-10;
  constexpr double Overflow = 1.0239999999999999e+03;
  constexpr double Underflow = -1.0740e+03;
  if (std::isnan(x) || is_inf(x, 1)) return x;
  if (is_inf(x, -1)) return 0;
  if (x > Overflow) return kInf;
  if (x < Underflow) return 0;
  int64_t k = 0;
  if (x > 0) k = static_cast<int64_t>(x + 0.5);
  else if (x < 0) k = static_cast<int64_t>(x - 0.5);
  double t = x - static_cast<double>(k);
  double hi = t * Ln2Hi;
  double lo = -t * Ln2Lo;
  return expmulti(hi, lo, k);
}

// ---- expm1.go

double Expm1(double x) {
  constexpr double Othreshold = 7.09782712893383973096e+02;
  constexpr double Ln2X56 = 3.88162421113569373274e+01;
  constexpr double Ln2HalfX3 = 1.03972077083991796413e+00;
  constexpr double Ln2Half = 3.46573590279972654709e-01;
  constexpr double Ln2Hi = 6.93147180369123816490e-01;
  constexpr double Ln2Lo = 1.90821492927058770002e-10;
  constexpr double InvLn2 = 1.44269504088896338700e+00;
  constexpr double Tiny = 0x1p-54;
  constexpr double Q1 = -3.33333333333331316428e-02;
  constexpr double Q2 = 1.58730158725481460165e-03;
  constexpr double Q3 = -7.93650757867487942473e-05;
  constexpr double Q4 = 4.00821782732936239552e-06;
  constexpr double Q5 = -2.01099218183624371326e-07;
  if (is_inf(x, 1) || std::isnan(x)) return x;
  if (is_inf(x, -1)) return -1;
  double absx = x;
  bool sign = false;
  if (x < 0) {
    absx = -absx;
    sign = true;
  }
  if (absx >= Ln2X56) {  // if |x| >= 56 * ln2
    if (sign) return -1;
    if (absx >= Othreshold) return kInf;
  }
  double c = 0;
  int64_t k = 0;
  if (absx > Ln2Half) {  // if |x| > 0.5 * ln2
    double hi, lo;
    if (absx < Ln2HalfX3) {  // and |x| < 1.5 * ln2
      if (!sign) {
        hi = x - Ln2Hi;
        lo = Ln2Lo;
        k = 1;
      } else {
        hi = x + Ln2Hi;
        lo = -Ln2Lo;
        k = -1;
      }
    } else {
      k = static_cast<int64_t>(sign ? InvLn2 * x - 0.5 : InvLn2 * x + 0.5);
      double t = static_cast<double>(k);
      hi = x - t * Ln2Hi;  // t * Ln2Hi is exact here
      lo = t * Ln2Lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (absx < Tiny) {  // when |x| < 2**-54, return x
    return x;
  }
  // x is now in primary range
  double hfx = 0.5 * x;
  double hxs = x * hfx;
  double r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  double t = 3 - r1 * hfx;
  double e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);  // c is 0
  e = (x * (e - c) - c);
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  if (k <= -2 || k > 56) {  // suffice to return exp(x)-1
    double y = 1 - (e - x);
    y = from_bits(bits(y) + (static_cast<uint64_t>(k) << 52));  // add k to y's exponent
    return y - 1;
  }
  if (k < 20) {
    double tk = from_bits(0x3ff0000000000000 - (0x20000000000000 >> k));  // t=1-2**-k
    double y = tk - (e - x);
    return from_bits(bits(y) + (static_cast<uint64_t>(k) << 52));
  }
  t = from_bits(static_cast<uint64_t>(0x3ff - k) << 52);  // 2**-k
  double y = x - (e + t);
  y++;
  return from_bits(bits(y) + (static_cast<uint64_t>(k) << 52));
}

// ---- log_amd64.s: archLog. Its frexp reads the exponent field directly, so
// subnormal arguments come out wrong, as they do in Go.

double Log(double x) {
  constexpr double HSqrt2 = 7.07106781186547524401e-01;
  constexpr double Ln2Hi = 6.93147180369123816490e-01;
  constexpr double Ln2Lo = 1.90821492927058770002e-10;
  constexpr double L1 = 6.666666666666735130e-01;
  constexpr double L2 = 3.999999999940941908e-01;
  constexpr double L3 = 2.857142874366239149e-01;
  constexpr double L4 = 2.222219843214978396e-01;
  constexpr double L5 = 1.818357216161805012e-01;
  constexpr double L6 = 1.531383769920937332e-01;
  constexpr double L7 = 1.479819860511658591e-01;
  uint64_t b = bits(x);
  if ((b & ~(uint64_t{1} << 63)) == 0) return -kInf;
  if (static_cast<int64_t>(b) < 0) return kNaN;
  if (b >= 0x7FF0000000000000) return x;  // +Inf or NaN
  double f1 = from_bits((b & 0x000FFFFFFFFFFFFF) | 0x3FE0000000000000);
  double k = static_cast<double>(static_cast<int32_t>((b >> 52) & 0x7FF) - 0x3FE);
  // CMPSD ... NLT: the adjustment is taken unless HSqrt2 < f1.
  if (!(HSqrt2 < f1)) {
    k -= 1;
    f1 *= 2;
  }
  double f = f1 - 1;
  double s = f / (2.0 + f);
  double s2 = s * s;
  double s4 = s2 * s2;
  double t1 = s2 * (((L7 * s4 + L5) * s4 + L3) * s4 + L1);
  double t2 = s4 * ((L6 * s4 + L4) * s4 + L2);
  double R = t1 + t2;
  double hfsq = 0.5 * f * f;
  return k * Ln2Hi - ((hfsq - (s * (R + hfsq) + k * Ln2Lo)) - f);
}

// ---- log10.go

double Log10(double x) { return Log(x) * kInvLn10; }

double Log2(double x) {
  int64_t exp = 0;
  double frac = Frexp(x, &exp);
  // Make sure exact powers of two give an exact answer.
  // Don't depend on Log(0.5)*(1/Ln2)+exp being exactly exp-1.
  if (frac == 0.5) return static_cast<double>(exp - 1);
  return Log(frac) * kInvLn2 + static_cast<double>(exp);
}

// ---- log1p.go

double Log1p(double x) {
  constexpr double Sqrt2M1 = 4.142135623730950488017e-01;
  constexpr double Sqrt2HalfM1 = -2.928932188134524755992e-01;
  constexpr double Small = 0x1p-29;
  constexpr double Tiny = 0x1p-54;
  constexpr double Two53 = 0x1p53;
  constexpr double Ln2Hi = 6.93147180369123816490e-01;
  constexpr double Ln2Lo = 1.90821492927058770002e-10;
  constexpr double Lp1 = 6.666666666666735130e-01;
  constexpr double Lp2 = 3.999999999940941908e-01;
  constexpr double Lp3 = 2.857142874366239149e-01;
  constexpr double Lp4 = 2.222219843214978396e-01;
  constexpr double Lp5 = 1.818357216161805012e-01;
  constexpr double Lp6 = 1.531383769920937332e-01;
  constexpr double Lp7 = 1.479819860511658591e-01;
  if (x < -1 || std::isnan(x)) return kNaN;  // includes -Inf
  if (x == -1) return -kInf;
  if (is_inf(x, 1)) return kInf;
  double absx = std::fabs(x);
  double f = 0;
  uint64_t iu = 0;
  int64_t k = 1;
  if (absx < Sqrt2M1) {  //  |x| < Sqrt(2)-1
    if (absx < Small) {  // |x| < 2**-29
      if (absx < Tiny) return x;
      return x - x * x * 0.5;
    }
    if (x > Sqrt2HalfM1) {  // Sqrt(2)/2-1 < x
      // (Sqrt(2)/2-1) < x < (Sqrt(2)-1)
      k = 0;
      f = x;
      iu = 1;
    }
  }
  double c = 0;
  if (k != 0) {
    double u;
    if (absx < Two53) {
      u = 1.0 + x;
      iu = bits(u);
      k = static_cast<int64_t>((iu >> 52) - 1023);
      // correction term
      if (k > 0) c = 1.0 - (u - x);
      else c = x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      iu = bits(u);
      k = static_cast<int64_t>((iu >> 52) - 1023);
      c = 0;
    }
    iu &= 0x000fffffffffffff;
    if (iu < 0x0006a09e667f3bcd) {  // mantissa of Sqrt(2)
      u = from_bits(iu | 0x3ff0000000000000);  // normalize u
    } else {
      k++;
      u = from_bits(iu | 0x3fe0000000000000);  // normalize u/2
      iu = (0x0010000000000000 - iu) >> 2;
    }
    f = u - 1.0;  // Sqrt(2)/2 < u < Sqrt(2)
  }
  double hfsq = 0.5 * f * f;
  double fk = static_cast<double>(k);
  if (iu == 0) {  // |f| < 2**-20
    if (f == 0) {
      if (k == 0) return 0;
      c += fk * Ln2Lo;
      return fk * Ln2Hi + c;
    }
    double R = hfsq * (1.0 - 0.66666666666666666 * f);  // avoid division
    if (k == 0) return f - R;
    return fk * Ln2Hi - ((R - (fk * Ln2Lo + c)) - f);
  }
  double s = f / (2.0 + f);
  double z = s * s;
  double R = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
  if (k == 0) return f - (hfsq - s * (hfsq + R));
  return fk * Ln2Hi - ((hfsq - (s * (hfsq + R) + (fk * Ln2Lo + c))) - f);
}

// ---- pow.go

namespace {

bool is_odd_int(double x) {
  double xf = 0;
  double xi = Modf(x, &xf);
  return xf == 0 && (to_int64(xi) & 1) == 1;
}

}  // namespace

double Pow(double x, double y) {
  if (y == 0 || x == 1) return 1;
  if (y == 1) return x;
  if (std::isnan(x) || std::isnan(y)) return kNaN;
  if (x == 0) {
    if (y < 0) return is_odd_int(y) ? std::copysign(kInf, x) : kInf;
    if (y > 0) return is_odd_int(y) ? x : 0;
  } else if (is_inf(y, 0)) {
    if (x == -1) return 1;
    if ((std::fabs(x) < 1) == is_inf(y, 1)) return 0;
    return kInf;
  } else if (is_inf(x, 0)) {
    if (is_inf(x, -1)) return Pow(1 / x, -y);  // Pow(-0, -y)
    if (y < 0) return 0;
    if (y > 0) return kInf;
  } else if (y == 0.5) {
    return std::sqrt(x);
  } else if (y == -0.5) {
    return 1 / std::sqrt(x);
  }
  double yf = 0;
  double yi = Modf(std::fabs(y), &yf);
  if (yf != 0 && x < 0) return kNaN;
  if (yi >= 0x1p63) {
    // yi is a large even int that will lead to overflow (or underflow to 0)
    // for all x except -1 (x == 1 was handled earlier)
    if (x == -1) return 1;
    if ((std::fabs(x) < 1) == (y > 0)) return 0;
    return kInf;
  }
  // ans = a1 * 2**ae (= 1 for now).
  double a1 = 1.0;
  int64_t ae = 0;
  // ans *= x**yf
  if (yf != 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Exp(yf * Log(x));
  }
  // ans *= x**yi by repeated squaring, tracking the exponent separately.
  int64_t xe = 0;
  double x1 = Frexp(x, &xe);
  for (int64_t i = static_cast<int64_t>(yi); i != 0; i >>= 1) {
    if (xe < -(1 << 12) || (1 << 12) < xe) {
      // catastrophic overflow: let Ldexp handle it
      ae += xe;
      break;
    }
    if ((i & 1) == 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < .5) {
      x1 += x1;
      xe--;
    }
  }
  // ans = a1 * 2**ae; if y < 0 { ans = 1 / ans } without overflowing.
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return Ldexp(a1, ae);
}

// ---- cbrt.go

double Cbrt(double x) {
  constexpr uint64_t B1 = 715094163;  // (682-0.03306235651)*2**20
  constexpr uint64_t B2 = 696219795;  // (664-0.03306235651)*2**20
  constexpr double C = 5.42857142857142815906e-01;
  constexpr double D = -7.05306122448979611050e-01;
  constexpr double E = 1.41428571428571436819e+00;
  constexpr double F = 1.60714285714285720630e+00;
  constexpr double G = 3.57142857142857150787e-01;
  if (x == 0 || std::isnan(x) || std::isinf(x)) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  // rough cbrt to 5 bits
  double t = from_bits(bits(x) / 3 + (B1 << 32));
  if (x < kSmallestNormal) {
    // subnormal number
    t = 0x1p54;
    t *= x;
    t = from_bits(bits(t) / 3 + (B2 << 32));
  }
  // new cbrt to 23 bits
  double r = t * t / x;
  double s = C + r * t;
  t *= G + F / (s + E + D / s);
  // chop to 22 bits, make larger than cbrt(x)
  t = from_bits((bits(t) & (uint64_t{0xFFFFFFFFC} << 28)) + (uint64_t{1} << 30));
  // one step newton iteration to 53 bits with error less than 0.667ulps
  s = t * t;  // t*t is exact
  r = x / s;
  double w = t + t;
  r = (r - t) / (w + r);  // r-s is exact
  t = t + t * r;
  return sign ? -t : t;
}

// ---- hypot_amd64.s: archHypot, max * sqrt(1 + (min/max)**2)

double Hypot(double p, double q) {
  constexpr uint64_t kPosInf = 0x7FF0000000000000;
  uint64_t bp = bits(p) & ~(uint64_t{1} << 63);
  uint64_t bq = bits(q) & ~(uint64_t{1} << 63);
  if (bp >= kPosInf || bq >= kPosInf) {
    if (bp == kPosInf || bq == kPosInf) return kInf;
    return kNaN;
  }
  if ((bp | bq) == 0) return 0;
  double x0 = from_bits(bp), x1 = from_bits(bq);
  double hi = x0 > x1 ? x0 : x1;  // MAXSD
  double lo = x1 < x0 ? x1 : x0;  // MINSD
  lo /= hi;
  lo *= lo;
  lo += 1.0;
  return hi * std::sqrt(lo);
}

// ---- sin.go, tan.go, trig_reduce.go

namespace {

constexpr double kPI4A = 7.85398125648498535156e-1;   // Pi/4 split into three parts
constexpr double kPI4B = 3.77489470793079817668e-8;
constexpr double kPI4C = 2.69515142907905952645e-15;
constexpr double kReduceThreshold = 1 << 29;

constexpr double kSin[] = {
    1.58962301576546568060e-10, -2.50507477628578072866e-8,
    2.75573136213857245213e-6,  -1.98412698295895385996e-4,
    8.33333333332211858878e-3,  -1.66666666666666307295e-1,
};
constexpr double kCos[] = {
    -1.13585365213876817300e-11, 2.08757008419747316778e-9,
    -2.75573141792967388112e-7,  2.48015872888517045348e-5,
    -1.38888888888730564116e-3,  4.16666666666665929218e-2,
};

// mPi4 is the binary digits of 4/pi as a uint64 array.
constexpr uint64_t kMPi4[] = {
    0x0000000000000001, 0x45f306dc9c882a53, 0xf84eafa3ea69bb81, 0xb6c52b3278872083,
    0xfca2c757bd778ac3, 0x6e48dc74849ba5c0, 0x0c925dd413a32439, 0xfc3bd63962534e7d,
    0xd1046bea5d768909, 0xd338e04d68befc82, 0x7323ac7306a673e9, 0x3908bf177bf25076,
    0x3ff12fffbc0b301f, 0xde5e2316b414da3e, 0xda6cfd9e4f96136e, 0x9e8c7ecd3cbfd45a,
    0xea4f758fd7cbe2f6, 0x7a0e73ef14a525d4, 0xd7f6bf623f1aba10, 0xac06608df8f6d757,
};

// trigReduce implements Payne-Hanek range reduction by Pi/4 for
// x >= reduceThreshold: j is the octant and z the remainder (times Pi/4).
double trig_reduce(double x, uint64_t* j) {
  *j = 0;
  if (x < kPi4) return x;
  using u128 = unsigned __int128;
  uint64_t ix = bits(x);
  int exp = static_cast<int>((ix >> kShift) & kMask) - kBias - kShift;
  ix &= ~(kMask << kShift);
  ix |= uint64_t{1} << kShift;
  unsigned digit = static_cast<unsigned>(exp + 61) / 64;
  unsigned bitshift = static_cast<unsigned>(exp + 61) % 64;
  // Go's shifts by 64 give 0; C++'s are undefined.
  auto shl = [](uint64_t v, unsigned s) { return s >= 64 ? 0 : v << s; };
  auto shr = [](uint64_t v, unsigned s) { return s >= 64 ? 0 : v >> s; };
  uint64_t z0 = shl(kMPi4[digit], bitshift) | shr(kMPi4[digit + 1], 64 - bitshift);
  uint64_t z1 = shl(kMPi4[digit + 1], bitshift) | shr(kMPi4[digit + 2], 64 - bitshift);
  uint64_t z2 = shl(kMPi4[digit + 2], bitshift) | shr(kMPi4[digit + 3], 64 - bitshift);
  // Multiply mantissa by the digits and extract the upper two digits (hi, lo).
  uint64_t z2hi = static_cast<uint64_t>((u128{z2} * ix) >> 64);
  u128 z1p = u128{z1} * ix;
  uint64_t z1hi = static_cast<uint64_t>(z1p >> 64), z1lo = static_cast<uint64_t>(z1p);
  uint64_t z0lo = z0 * ix;
  uint64_t lo = z1lo + z2hi;
  uint64_t c = lo < z1lo ? 1 : 0;
  uint64_t hi = z0lo + z1hi + c;
  // The top 3 bits of hi give j.
  *j = hi >> 61;
  // Extract the fraction and find its magnitude.
  hi = hi << 3 | lo >> 61;
  unsigned lz = static_cast<unsigned>(std::countl_zero(hi));
  uint64_t e = static_cast<uint64_t>(kBias - (lz + 1));
  // Clear implicit mantissa bit and shift into place.
  hi = shl(hi, lz + 1) | shr(lo, 64 - (lz + 1));
  hi >>= 64 - kShift;
  // Include the exponent and convert to a float.
  hi |= e << kShift;
  double z = from_bits(hi);
  // Map zeros to origin.
  if ((*j & 1) == 1) {
    (*j)++;
    *j &= 7;
    z--;
  }
  // Multiply the fractional part by pi/4.
  return z * kPi4;
}

// The octant j and remainder z of x >= 0, as sin, cos and tan compute them.
double reduce_octant(double x, uint64_t* j) {
  if (x >= kReduceThreshold) return trig_reduce(x, j);
  *j = static_cast<uint64_t>(x * k4OverPi);  // integer part of x/(Pi/4)
  double y = static_cast<double>(*j);
  // map zeros to origin
  if ((*j & 1) == 1) {
    (*j)++;
    y++;
  }
  return ((x - y * kPI4A) - y * kPI4B) - y * kPI4C;  // Extended precision modular arithmetic
}

double sin_poly(double z, double zz) {
  return z + z * zz * ((((((kSin[0] * zz) + kSin[1]) * zz + kSin[2]) * zz + kSin[3]) * zz + kSin[4]) * zz + kSin[5]);
}

double cos_poly(double zz) {
  return 1.0 - 0.5 * zz + zz * zz * ((((((kCos[0] * zz) + kCos[1]) * zz + kCos[2]) * zz + kCos[3]) * zz + kCos[4]) * zz + kCos[5]);
}

}  // namespace

double Cos(double x) {
  if (std::isnan(x) || std::isinf(x)) return kNaN;
  bool sign = false;
  x = std::fabs(x);
  uint64_t j = 0;
  double z = reduce_octant(x, &j);
  j &= 7;  // octant modulo 2Pi radians (360 degrees)
  if (j > 3) {
    j -= 4;
    sign = !sign;
  }
  if (j > 1) sign = !sign;
  double zz = z * z;
  double y = (j == 1 || j == 2) ? sin_poly(z, zz) : cos_poly(zz);
  return sign ? -y : y;
}

double Sin(double x) {
  if (x == 0 || std::isnan(x)) return x;  // return ±0 || NaN()
  if (std::isinf(x)) return kNaN;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  uint64_t j = 0;
  double z = reduce_octant(x, &j);
  j &= 7;  // octant modulo 2Pi radians (360 degrees)
  // reflect in x axis
  if (j > 3) {
    sign = !sign;
    j -= 4;
  }
  double zz = z * z;
  double y = (j == 1 || j == 2) ? cos_poly(zz) : sin_poly(z, zz);
  return sign ? -y : y;
}

double Tan(double x) {
  constexpr double P[] = {
      -1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7,
  };
  constexpr double Q[] = {
      1.00000000000000000000e0,  1.36812963470692954678e4,  -1.32089234440210967447e6,
      2.50083801823357915839e7, -5.38695755929454629881e7,
  };
  if (x == 0 || std::isnan(x)) return x;  // return ±0 || NaN()
  if (std::isinf(x)) return kNaN;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  uint64_t j = 0;
  double z = reduce_octant(x, &j);  // tan.go does not reduce j modulo 8
  double zz = z * z;
  double y = z;
  if (zz > 1e-14) {
    y = z + z * (zz * (((P[0] * zz) + P[1]) * zz + P[2]) /
                 ((((zz + Q[1]) * zz + Q[2]) * zz + Q[3]) * zz + Q[4]));
  }
  if ((j & 2) == 2) y = -1 / y;
  return sign ? -y : y;
}

// ---- atan.go, asin.go, atan2.go

namespace {

// xatan evaluates a series valid in the range [0, 0.66].
double xatan(double x) {
  constexpr double P0 = -8.750608600031904122785e-01;
  constexpr double P1 = -1.615753718733365076637e+01;
  constexpr double P2 = -7.500855792314704667340e+01;
  constexpr double P3 = -1.228866684490136173410e+02;
  constexpr double P4 = -6.485021904942025371773e+01;
  constexpr double Q0 = +2.485846490142306297962e+01;
  constexpr double Q1 = +1.650270098316988542046e+02;
  constexpr double Q2 = +4.328810604912902668951e+02;
  constexpr double Q3 = +4.853903996359136964868e+02;
  constexpr double Q4 = +1.945506571482613964425e+02;
  double z = x * x;
  z = z * ((((P0 * z + P1) * z + P2) * z + P3) * z + P4) /
      (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
  z = x * z + x;
  return z;
}

// satan reduces its argument (known to be positive) to the range [0, 0.66]
// and calls xatan.
double satan(double x) {
  constexpr double Morebits = 6.123233995736765886130e-17;  // pi/2 = PIO2 + Morebits
  constexpr double Tan3pio8 = 2.41421356237309504880;       // tan(3*pi/8)
  if (x <= 0.66) return xatan(x);
  if (x > Tan3pio8) return kPi2 - xatan(1 / x) + Morebits;
  return kPi4 + xatan((x - 1) / (x + 1)) + 0.5 * Morebits;
}

}  // namespace

double Atan(double x) {
  if (x == 0) return x;
  if (x > 0) return satan(x);
  return -satan(-x);
}

double Asin(double x) {
  if (x == 0) return x;  // special case
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x > 1) return kNaN;  // special case
  double temp = std::sqrt(1 - x * x);
  if (x > 0.7) temp = kPi2 - satan(temp / x);
  else temp = satan(x / temp);
  return sign ? -temp : temp;
}

double Acos(double x) { return kPi2 - Asin(x); }

double Atan2(double y, double x) {
  if (std::isnan(y) || std::isnan(x)) return kNaN;
  if (y == 0) {
    if (x >= 0 && !std::signbit(x)) return std::copysign(0.0, y);
    return std::copysign(kPi, y);
  }
  if (x == 0) return std::copysign(kPi2, y);
  if (std::isinf(x)) {
    if (is_inf(x, 1)) return std::isinf(y) ? std::copysign(kPi4, y) : std::copysign(0.0, y);
    return std::isinf(y) ? std::copysign(k3Pi4, y) : std::copysign(kPi, y);
  }
  if (std::isinf(y)) return std::copysign(kPi2, y);
  double q = Atan(y / x);
  if (x < 0) {
    if (q <= 0) return q + kPi;
    return q - kPi;
  }
  return q;
}

// ---- sinh.go, tanh.go

double Sinh(double x) {
  // The coefficients are #2029 from Hart & Cheney. (20.36D)
  constexpr double P0 = -0.6307673640497716991184787251e+6;
  constexpr double P1 = -0.8991272022039509355398013511e+5;
  constexpr double P2 = -0.2894211355989563807284660366e+4;
  constexpr double P3 = -0.2630563213397497062819489e+2;
  constexpr double Q0 = -0.6307673640497716991212077277e+6;
  constexpr double Q1 = 0.1521517378790019070696485176e+5;
  constexpr double Q2 = -0.173678953558233699533450911e+3;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double temp;
  if (x > 21) {
    temp = Exp(x) * 0.5;
  } else if (x > 0.5) {
    double ex = Exp(x);
    temp = (ex - 1 / ex) * 0.5;
  } else {
    double sq = x * x;
    temp = (((P3 * sq + P2) * sq + P1) * sq + P0) * x;
    temp = temp / (((sq + Q2) * sq + Q1) * sq + Q0);
  }
  return sign ? -temp : temp;
}

double Cosh(double x) {
  x = std::fabs(x);
  if (x > 21) return Exp(x) * 0.5;
  double ex = Exp(x);
  return (ex + 1 / ex) * 0.5;
}

double Tanh(double x) {
  constexpr double P[] = {
      -9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3,
  };
  constexpr double Q[] = {
      1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3,
  };
  constexpr double MAXLOG = 8.8029691931113054295988e+01;  // log(2**127)
  double z = std::fabs(x);
  if (z > 0.5 * MAXLOG) return x < 0 ? -1 : 1;
  if (z >= 0.625) {
    double s = Exp(2 * z);
    z = 1 - 2 / (s + 1);
    return x < 0 ? -z : z;
  }
  if (x == 0) return x;
  double s = x * x;
  return x + x * s * ((P[0] * s + P[1]) * s + P[2]) / (((s + Q[0]) * s + Q[1]) * s + Q[2]);
}

}  // namespace mgo::gomath

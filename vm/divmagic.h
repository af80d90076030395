// Signed division by a constant without a divide instruction: the
// multiply-high-and-shift of Hacker's Delight (2nd ed., section 10-4), the
// same rewrite Go's compiler applies to x / c and x % c (cmd/compile's
// magic.go). A hardware 64-bit idiv costs tens of cycles; this costs a
// multiply, a few shifts and adds. Used by the DIVK/REMK opcodes, whose
// divisor is a small positive constant.
#pragma once

#include <bit>
#include <cstdint>

namespace mgo::vm {

struct DivMagic {
  int64_t mul;  // the magic multiplier
  int shift;
};

// The magic numbers for a divisor d with 2 <= d < 2^62.
constexpr DivMagic signed_div_magic(int64_t d) {
  const uint64_t two63 = uint64_t(1) << 63;
  const uint64_t ad = uint64_t(d);
  const uint64_t anc = two63 - 1 - two63 % ad;  // |nc|, the largest multiple-of-d minus one
  int p = 63;
  uint64_t q1 = two63 / anc, r1 = two63 - q1 * anc;
  uint64_t q2 = two63 / ad, r2 = two63 - q2 * ad;
  uint64_t delta = 0;
  do {
    p++;
    q1 *= 2;
    r1 *= 2;
    if (r1 >= anc) { q1++; r1 -= anc; }
    q2 *= 2;
    r2 *= 2;
    if (r2 >= ad) { q2++; r2 -= ad; }
    delta = ad - r2;
  } while (q1 < delta || (q1 == delta && r1 == 0));
  return {int64_t(q2 + 1), p - 64};
}

// n / d truncated towards zero (Go's and C's), given d's magic numbers.
inline int64_t div_by_magic(int64_t n, int64_t mul, int shift) {
  int64_t q = int64_t((__int128(mul) * __int128(n)) >> 64);
  if (mul < 0) q += n;  // the multiplier wrapped past 2^63: add n back
  q >>= shift;
  return q + int64_t(uint64_t(q) >> 63);  // round towards zero for negative n
}

// The divisibility test x % d == 0 for signed x without a division:
// Hacker's Delight (2nd ed.) 10-17, the rewrite Go's compiler applies to
// x%c == 0 (cmd/compile's sdivisible). With d = d0 * 2^k, d0 odd, m the
// inverse of d0 mod 2^64 and a = floor((2^63-1)/d0) with its low k bits
// cleared: d divides x iff RotRight(x*m + a, k) <= 2a >> k. One multiply,
// an add, a rotate and a compare instead of a multiply-high, shifts, a
// multiply and a subtract. For d >= 2 that is not a power of two: with
// d0 = 1, x = MinInt64 lies below -a and the test answers false.
struct DivisibleMagic {
  uint64_t mul;  // m
  uint64_t add;  // a
  uint64_t max;  // 2a >> k
  int rot;       // k
};

constexpr DivisibleMagic signed_divisible_magic(int64_t d) {
  uint64_t ud = uint64_t(d);
  int k = std::countr_zero(ud);
  uint64_t d0 = ud >> k;
  uint64_t m = d0;  // Newton's iteration doubles the correct low bits: 3, 6, 12, 24, 48, 96
  for (int i = 0; i < 5; i++) m *= 2 - m * d0;
  uint64_t a = ((~uint64_t(0) >> 1) / d0) & ~((uint64_t(1) << k) - 1);
  return {m, a, (2 * a) >> k, k};
}

inline bool divisible_by_magic(int64_t x, uint64_t mul, uint64_t add, uint64_t max, int rot) {
  return std::rotr(uint64_t(x) * mul + add, rot) <= max;
}

}  // namespace mgo::vm

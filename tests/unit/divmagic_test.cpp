// vm/divmagic.h against the hardware: division and divisibility by a
// constant give exactly what / and % give, for divisors and dividends
// around every edge (small, powers of two and their neighbours, extremes).
#include <gtest/gtest.h>

#include <climits>
#include <vector>

#include "vm/divmagic.h"

namespace mgo::vm {
namespace {

std::vector<int64_t> edge_values() {
  std::vector<int64_t> v;
  for (int64_t x = -300; x <= 300; x++) v.push_back(x);
  for (int s = 1; s < 63; s++) {
    int64_t p = int64_t(1) << s;
    for (int64_t d = -2; d <= 2; d++) {
      v.push_back(p + d);
      v.push_back(-p + d);
    }
  }
  for (int64_t d = 0; d < 40; d++) {
    v.push_back(INT64_MAX - d);
    v.push_back(INT64_MIN + d);
  }
  uint64_t lcg = 1;
  for (int n = 0; n < 2000; n++) {
    lcg = lcg * 6364136223846793005u + 1442695040888963407u;
    v.push_back(int64_t(lcg));
  }
  return v;
}

std::vector<int64_t> divisors() {
  std::vector<int64_t> v;
  for (int64_t d = 2; d <= 130; d++) v.push_back(d);
  for (int64_t d : {1000, 1024, 3000, 32767, 65536, 1000000007, 1103515245}) v.push_back(d);
  for (int s = 2; s < 63; s++) {
    v.push_back((int64_t(1) << s) - 1);
    v.push_back(int64_t(1) << s);
    v.push_back((int64_t(1) << s) + 1);
  }
  v.push_back(INT64_MAX);
  return v;
}

TEST(DivMagic, DivisionMatchesHardware) {
  auto xs = edge_values();
  for (int64_t d : divisors()) {
    if (d >= (int64_t(1) << 62)) continue;  // signed_div_magic's range
    DivMagic mg = signed_div_magic(d);
    for (int64_t x : xs) ASSERT_EQ(div_by_magic(x, mg.mul, mg.shift), x / d) << x << " / " << d;
  }
}

TEST(DivMagic, DivisibilityMatchesHardware) {
  auto xs = edge_values();
  for (int64_t d : divisors()) {
    if ((d & (d - 1)) == 0) continue;  // powers of two: not in the test's domain
    DivisibleMagic dm = signed_divisible_magic(d);
    for (int64_t x : xs)
      ASSERT_EQ(divisible_by_magic(x, dm.mul, dm.add, dm.max, dm.rot), x % d == 0) << x << " % " << d;
  }
}

}  // namespace
}  // namespace mgo::vm

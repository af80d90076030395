// strconv's formatting, parsing and quoting against go1.19's outputs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include "stdlib/strconv.h"

namespace mgo::stdlib {
namespace {

TEST(StrconvTest, FormatFloatFormats) {
  EXPECT_EQ(format_float(3.0, 'f', -1, 64), "3");
  EXPECT_EQ(format_float(1e21, 'f', -1, 64), "1000000000000000000000");
  EXPECT_EQ(format_float(0.000001234, 'e', 3, 64), "1.234e-06");
  EXPECT_EQ(format_float(1e100, 'E', -1, 64), "1E+100");
  EXPECT_EQ(format_float(123.456, 'g', 4, 64), "123.5");
  EXPECT_EQ(format_float(100, 'g', 3, 64), "100");
  EXPECT_EQ(format_float(1, 'g', 3, 64), "1");
  EXPECT_EQ(format_float(0.5, 'f', 0, 64), "0");
  EXPECT_EQ(format_float(1.005, 'f', 2, 64), "1.00");
  EXPECT_EQ(format_float(-1.5, 'G', -1, 64), "-1.5");
  EXPECT_EQ(format_float(std::nan(""), 'g', -1, 64), "NaN");
  EXPECT_EQ(format_float(-HUGE_VAL, 'e', 3, 64), "-Inf");
  EXPECT_EQ(format_float(16777217.0, 'g', -1, 32), "1.6777216e+07");
  EXPECT_EQ(format_float(1.5, 'x', 3, 64), "0x1.800p+00");
}

TEST(StrconvTest, ShortestRoundTrips) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 20000; i++) {
    uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, 8);
    if (!std::isfinite(d)) continue;
    for (char f : {'g', 'e', 'f'}) {
      std::string s = format_float(d, f, -1, 64);
      double back;
      ASSERT_EQ(parse_float(s, 64, &back), ParseStatus::Ok) << s;
      ASSERT_EQ(back, d) << s;
    }
  }
}

TEST(StrconvTest, ParseInt) {
  int64_t v;
  EXPECT_EQ(parse_int("-42", 10, 64, &v), ParseStatus::Ok);
  EXPECT_EQ(v, -42);
  EXPECT_EQ(parse_int("0x_1F", 0, 64, &v), ParseStatus::Ok);
  EXPECT_EQ(v, 31);
  EXPECT_EQ(parse_int("1_000", 10, 64, &v), ParseStatus::Syntax);
  EXPECT_EQ(parse_int("9223372036854775808", 10, 64, &v), ParseStatus::Range);
  EXPECT_EQ(v, INT64_MAX);
  EXPECT_EQ(parse_int("-129", 10, 8, &v), ParseStatus::Range);
  EXPECT_EQ(v, -128);
  EXPECT_EQ(parse_int("", 10, 64, &v), ParseStatus::Syntax);
  EXPECT_EQ(parse_int("12", 1, 64, &v), ParseStatus::BadBase);
  EXPECT_EQ(parse_int("12", 10, 65, &v), ParseStatus::BadBitSize);
  uint64_t u;
  EXPECT_EQ(parse_uint("18446744073709551615", 10, 64, &u), ParseStatus::Ok);
  EXPECT_EQ(u, UINT64_MAX);
  EXPECT_EQ(parse_uint("-1", 10, 64, &u), ParseStatus::Syntax);
}

TEST(StrconvTest, ParseFloat) {
  double d;
  EXPECT_EQ(parse_float("1e400", 64, &d), ParseStatus::Range);
  EXPECT_TRUE(std::isinf(d));
  EXPECT_EQ(parse_float("1e-400", 64, &d), ParseStatus::Ok);
  EXPECT_EQ(d, 0);
  EXPECT_EQ(parse_float("-Inf", 64, &d), ParseStatus::Ok);
  EXPECT_TRUE(std::isinf(d) && d < 0);
  EXPECT_EQ(parse_float("nan", 64, &d), ParseStatus::Ok);
  EXPECT_EQ(parse_float("0x1p-2", 64, &d), ParseStatus::Ok);
  EXPECT_EQ(d, 0.25);
  EXPECT_EQ(parse_float("1.5e", 64, &d), ParseStatus::Syntax);
  EXPECT_EQ(parse_float(".5", 64, &d), ParseStatus::Ok);
  EXPECT_EQ(d, 0.5);
  EXPECT_EQ(parse_float("abc", 64, &d), ParseStatus::Syntax);
  EXPECT_EQ(parse_float("3.4e39", 32, &d), ParseStatus::Range);
}

TEST(StrconvTest, Quote) {
  EXPECT_EQ(quote("hello\n\"x\"\t\\"), "\"hello\\n\\\"x\\\"\\t\\\\\"");
  EXPECT_EQ(quote("h\xC3\xA9\x01\xFF"), "\"h\xC3\xA9\\x01\\xff\"");
  EXPECT_EQ(quote_with("h\xC3\xA9", '"', true, false), "\"h\\u00e9\"");
  EXPECT_EQ(quote("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");
  EXPECT_EQ(quote_with("\xF0\x9F\x98\x80", '"', true, false), "\"\\U0001f600\"");
  EXPECT_EQ(quote_rune('\'', false), "'\\''");
  EXPECT_EQ(quote_rune(0x263A, false), "'\xE2\x98\xBA'");
  EXPECT_EQ(quote("\xC2\xAD"), "\"\\u00ad\"");
  std::string out;
  EXPECT_TRUE(unquote("\"a\\tb\\u00e9\"", &out));
  EXPECT_EQ(out, "a\tb\xC3\xA9");
  EXPECT_TRUE(unquote("`raw\\n`", &out));
  EXPECT_EQ(out, "raw\\n");
  EXPECT_TRUE(unquote("'x'", &out));
  EXPECT_FALSE(unquote("'xy'", &out));
  EXPECT_FALSE(unquote("\"abc", &out));
}

// Base 10 takes the two-digits-per-step path; the others the general loop.
TEST(StrconvTest, FormatIntMatchesGo) {
  EXPECT_EQ(format_int(0, 10), "0");
  EXPECT_EQ(format_int(7, 10), "7");
  EXPECT_EQ(format_int(10, 10), "10");
  EXPECT_EQ(format_int(99, 10), "99");
  EXPECT_EQ(format_int(100, 10), "100");
  EXPECT_EQ(format_int(-1, 10), "-1");
  EXPECT_EQ(format_int(-10, 10), "-10");
  EXPECT_EQ(format_int(-105, 10), "-105");
  EXPECT_EQ(format_int(INT64_MAX, 10), "9223372036854775807");
  EXPECT_EQ(format_int(INT64_MIN, 10), "-9223372036854775808");
  EXPECT_EQ(format_uint(UINT64_MAX, 10), "18446744073709551615");
  EXPECT_EQ(format_uint(10000000000000000000ull, 10), "10000000000000000000");
  EXPECT_EQ(format_int(INT64_MIN, 2), "-1" + std::string(63, '0'));
  EXPECT_EQ(format_int(-255, 16), "-ff");
  EXPECT_EQ(format_uint(UINT64_MAX, 36), "3w5e11264sgsf");
  EXPECT_EQ(format_uint(0, 36), "0");
  for (int64_t v = -100000; v <= 100000; v += 7)
    EXPECT_EQ(format_int(v, 10), std::to_string(v));
  uint64_t u = 1;
  for (int i = 0; i < 64; i++, u = u * 3 + 1) EXPECT_EQ(format_uint(u, 10), std::to_string(u));
}

}  // namespace
}  // namespace mgo::stdlib

// Diagnostics print as Go's compiler prints errors: sorted by position, the
// first error per line only, at most ten, then "too many errors".
#include "lang/diag.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace {

std::string printed(const mgo::Diagnostics& d) {
  char* buf = nullptr;
  size_t len = 0;
  std::FILE* f = open_memstream(&buf, &len);
  d.print(f);
  std::fclose(f);
  std::string s(buf, len);
  std::free(buf);
  return s;
}

TEST(Diagnostics, SortedByPosition) {
  mgo::Diagnostics d;
  d.error("a.mgo", {7, 2}, "second");
  d.error("a.mgo", {3, 14}, "first");
  EXPECT_EQ(printed(d), "a.mgo:3:14: first\na.mgo:7:2: second\n");
}

TEST(Diagnostics, OneSyntaxErrorPerLine) {
  mgo::Diagnostics d;
  d.error("a.mgo", {3, 9}, "syntax error: unexpected newline");
  d.error("a.mgo", {3, 2}, "syntax error: unexpected name x");
  EXPECT_EQ(printed(d), "a.mgo:3:2: syntax error: unexpected name x\n");
}

TEST(Diagnostics, DifferentErrorsOnOneLineAllShow) {
  mgo::Diagnostics d;
  d.error("a.mgo", {3, 9}, "cannot convert b");
  d.error("a.mgo", {3, 2}, "cannot convert a");
  d.error("a.mgo", {3, 2}, "cannot convert a");
  EXPECT_EQ(printed(d), "a.mgo:3:2: cannot convert a\na.mgo:3:9: cannot convert b\n");
}

TEST(Diagnostics, AtMostTen) {
  mgo::Diagnostics d;
  for (int line = 1; line <= 12; ++line) d.error("a.mgo", {line, 1}, "e");
  std::string out = printed(d);
  EXPECT_NE(out.find("a.mgo:10:1: e\n"), std::string::npos);
  EXPECT_EQ(out.find("a.mgo:11:1: e\n"), std::string::npos);
  EXPECT_NE(out.find("a.mgo:10:1: e\na.mgo:10:1: too many errors\n"), std::string::npos);
}

TEST(Diagnostics, ColumnsFromTwoHundredFiftyFiveOnAreLeftOut) {
  // cmd/compile keeps a column in 8 bits and prints none that saturates.
  mgo::Diagnostics d;
  d.error("a.mgo", {4, 254}, "undefined: x");
  d.error("a.mgo", {5, 255}, "undefined: y");
  d.error("a.mgo", {6, 70007}, "missing return");
  EXPECT_EQ(printed(d), "a.mgo:4:254: undefined: x\na.mgo:5: undefined: y\na.mgo:6: missing return\n");
}

}  // namespace

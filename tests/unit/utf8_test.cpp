// runtime/utf8.h against Go's unicode/utf8 behaviour.
#include "runtime/utf8.h"

#include <gtest/gtest.h>

namespace {

using mgo::rt::decoderune;
using mgo::rt::encoderune;

std::string enc(int64_t r) {
  std::string s;
  encoderune(s, r);
  return s;
}

TEST(Utf8, EncodesEachLength) {
  EXPECT_EQ(enc('a'), "a");
  EXPECT_EQ(enc(0xE9), "\xC3\xA9");
  EXPECT_EQ(enc(0x4E16), "\xE4\xB8\x96");
  EXPECT_EQ(enc(0x1F600), "\xF0\x9F\x98\x80");
}

TEST(Utf8, InvalidRunesBecomeRuneError) {
  EXPECT_EQ(enc(-1), "\xEF\xBF\xBD");
  EXPECT_EQ(enc(0xD800), "\xEF\xBF\xBD");
  EXPECT_EQ(enc(0x110000), "\xEF\xBF\xBD");
}

TEST(Utf8, DecodesAsGo) {
  int w = -1;
  EXPECT_EQ(decoderune("", &w), 0xFFFD);
  EXPECT_EQ(w, 0);
  EXPECT_EQ(decoderune("\xE4\xB8\x96x", &w), 0x4E16);
  EXPECT_EQ(w, 3);
  EXPECT_EQ(decoderune("\xC0\x80", &w), 0xFFFD);  // overlong
  EXPECT_EQ(w, 1);
  EXPECT_EQ(decoderune("\xED\xA0\x80", &w), 0xFFFD);  // surrogate
  EXPECT_EQ(w, 1);
  EXPECT_EQ(decoderune("\xF0\x9F\x98", &w), 0xFFFD);  // truncated
  EXPECT_EQ(w, 1);
  EXPECT_EQ(decoderune("\xF4\x90\x80\x80", &w), 0xFFFD);  // above MaxRune
  EXPECT_EQ(w, 1);
}

}  // namespace

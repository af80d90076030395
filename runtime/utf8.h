// UTF-8 encoding and decoding with Go's rules (Go's runtime/utf8.go, and
// unicode/utf8's DecodeRuneInString): the one implementation every part of
// mgo uses (literals in the checker, string conversions and range in the VM,
// fmt/strconv/strings in the stdlib).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mgo::rt {

inline constexpr int32_t runeError = 0xFFFD;  // utf8.RuneError
inline constexpr int32_t maxRune = 0x10FFFF;  // utf8.MaxRune
inline constexpr int32_t runeSelf = 0x80;     // below this a byte is a rune

// Appends the UTF-8 encoding of r; an invalid rune (negative, a surrogate,
// above maxRune) is encoded as runeError, as Go's string(rune) does.
inline void encoderune(std::string& out, int64_t r) {
  if (r < 0 || r > maxRune || (r >= 0xD800 && r <= 0xDFFF)) r = runeError;
  if (r < 0x80) {
    out += char(r);
  } else if (r < 0x800) {
    out += char(0xC0 | (r >> 6));
    out += char(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += char(0xE0 | (r >> 12));
    out += char(0x80 | ((r >> 6) & 0x3F));
    out += char(0x80 | (r & 0x3F));
  } else {
    out += char(0xF0 | (r >> 18));
    out += char(0x80 | ((r >> 12) & 0x3F));
    out += char(0x80 | ((r >> 6) & 0x3F));
    out += char(0x80 | (r & 0x3F));
  }
}

// Decodes the first rune of s, setting *width to the bytes it used. Empty s
// gives (runeError, 0); an invalid or overlong encoding or a surrogate gives
// (runeError, 1), exactly as utf8.DecodeRuneInString.
inline int32_t decoderune(std::string_view s, int* width) {
  if (s.empty()) {
    *width = 0;
    return runeError;
  }
  auto b = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  uint8_t c0 = b(0);
  *width = 1;
  if (c0 < 0x80) return c0;
  auto cont = [&](size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    if (!cont(1)) return runeError;
    *width = 2;
    return int32_t(c0 & 0x1F) << 6 | (b(1) & 0x3F);
  }
  if (c0 >= 0xE0 && c0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return runeError;
    int32_t r = int32_t(c0 & 0x0F) << 12 | int32_t(b(1) & 0x3F) << 6 | (b(2) & 0x3F);
    if (r < 0x800 || (r >= 0xD800 && r <= 0xDFFF)) return runeError;
    *width = 3;
    return r;
  }
  if (c0 >= 0xF0 && c0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return runeError;
    int32_t r = int32_t(c0 & 0x07) << 18 | int32_t(b(1) & 0x3F) << 12 |
                int32_t(b(2) & 0x3F) << 6 | (b(3) & 0x3F);
    if (r < 0x10000 || r > maxRune) return runeError;
    *width = 4;
    return r;
  }
  return runeError;
}

}  // namespace mgo::rt

// strconv: Go's number formatting, parsing and quoting.
//
// Float formatting takes decimal digits from {fmt} (shortest round-trip
// digits, or correctly rounded fixed digits) and lays them out exactly as
// Go's strconv/ftoa.go does (fmtE, fmtF, %g's exponent rule, fmtB, fmtX).
#include "stdlib/strconv.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "stdlib/natives.h"

namespace mgo::stdlib {

namespace {

// A decimal d[0] d[1] ... × 10^(dp - nd): digits without leading or
// trailing zeros; an empty d is zero.
struct Decimal {
  std::string d;
  int dp = 0;
  int nd() const { return static_cast<int>(d.size()); }
};

// Parses {fmt}'s output ("1.5e-07", "123.25", "0.001", "5e-324") into digits.
Decimal parse_fmt_digits(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  int exp = 0;
  if (size_t e = s.find_first_of("eE"); e != std::string_view::npos) {
    exp = std::atoi(std::string(s.substr(e + 1)).c_str());
    s = s.substr(0, e);
  }
  Decimal dec;
  size_t dot = s.find('.');
  std::string_view ip = s.substr(0, dot);
  std::string_view fp = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  dec.d = std::string(ip) + std::string(fp);
  dec.dp = static_cast<int>(ip.size()) + exp;
  size_t lead = 0;
  while (lead < dec.d.size() && dec.d[lead] == '0') lead++;
  dec.d.erase(0, lead);
  dec.dp -= static_cast<int>(lead);
  while (!dec.d.empty() && dec.d.back() == '0') dec.d.pop_back();
  if (dec.d.empty()) dec.dp = 0;
  return dec;
}

Decimal shortest_digits(double v, int bit_size) {
  if (bit_size == 32) return parse_fmt_digits(fmt::format("{}", std::fabs(static_cast<float>(v))));
  return parse_fmt_digits(fmt::format("{}", std::fabs(v)));
}

// v rounded to n significant digits (n >= 1).
Decimal fixed_digits(double v, int n) {
  return parse_fmt_digits(fmt::format("{:.{}e}", std::fabs(v), n - 1));
}

// %e: -d.ddddde±dd
std::string fmt_e(bool neg, const Decimal& d, int prec, char fmtc) {
  std::string out;
  if (neg) out += '-';
  out += d.nd() == 0 ? '0' : d.d[0];
  if (prec > 0) {
    out += '.';
    int i = 1;
    int m = std::min(d.nd(), prec + 1);
    if (i < m) {
      out.append(d.d, size_t(i), size_t(m - i));
      i = m;
    }
    for (; i <= prec; i++) out += '0';
  }
  out += fmtc;
  int exp = d.nd() == 0 ? 0 : d.dp - 1;
  out += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  if (exp < 10) out += '0';
  out += std::to_string(exp);
  return out;
}

// %f: -ddddd.ddddd
std::string fmt_f(bool neg, const Decimal& d, int prec) {
  std::string out;
  if (neg) out += '-';
  if (d.dp > 0) {
    int m = std::min(d.nd(), d.dp);
    out.append(d.d, 0, size_t(m));
    for (; m < d.dp; m++) out += '0';
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (int i = 1; i <= prec; i++) {
      int j = d.dp + i - 1;
      out += (0 <= j && j < d.nd()) ? d.d[size_t(j)] : '0';
    }
  }
  return out;
}

// %g with Go's choice between %e and %f.
std::string fmt_g(bool neg, const Decimal& d, int prec, bool shortest, char fmtc) {
  int eprec = prec;
  if (eprec > d.nd() && d.nd() >= d.dp) eprec = d.nd();
  if (shortest) eprec = 6;
  int exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > d.nd()) prec = d.nd();
    return fmt_e(neg, d, prec - 1, fmtc == 'g' ? 'e' : 'E');
  }
  if (prec > d.dp) prec = d.nd();
  return fmt_f(neg, d, std::max(prec - d.dp, 0));
}

struct FloatBits {
  uint64_t mant;
  int exp;  // value = mant × 2^(exp - mantbits)
  bool neg;
  int mantbits;
};

FloatBits float_bits(double v, int bit_size) {
  FloatBits fb{};
  if (bit_size == 32) {
    float f = static_cast<float>(v);
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    fb.neg = bits >> 31;
    fb.mantbits = 23;
    int e = int(bits >> 23) & 0xFF;
    fb.mant = bits & ((1u << 23) - 1);
    if (e == 0) e++; else fb.mant |= 1u << 23;
    fb.exp = e - 127;
  } else {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    fb.neg = bits >> 63;
    fb.mantbits = 52;
    int e = int(bits >> 52) & 0x7FF;
    fb.mant = bits & ((uint64_t(1) << 52) - 1);
    if (e == 0) e++; else fb.mant |= uint64_t(1) << 52;
    fb.exp = e - 1023;
  }
  return fb;
}

// %b: -ddddp±ddd (decimal mantissa, binary exponent)
std::string fmt_b(const FloatBits& fb) {
  std::string out = fb.neg ? "-" : "";
  out += std::to_string(fb.mant);
  out += 'p';
  int exp = fb.exp - fb.mantbits;
  out += exp >= 0 ? '+' : '-';
  out += std::to_string(exp < 0 ? -exp : exp);
  return out;
}

// %x: -0x1.yyyyyyp±dd (hexadecimal mantissa, binary exponent)
std::string fmt_x(FloatBits fb, int prec, char fmtc) {
  uint64_t mant = fb.mant;
  int exp = fb.exp;
  if (mant == 0) exp = 0;
  mant <<= 60 - fb.mantbits;
  while (mant != 0 && (mant & (uint64_t(1) << 60)) == 0) {
    mant <<= 1;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    unsigned shift = unsigned(prec * 4);
    uint64_t extra = (mant << shift) & ((uint64_t(1) << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (uint64_t(1) << 59)) mant++;
    mant <<= 60 - shift;
    if (mant & (uint64_t(1) << 61)) {
      mant >>= 1;
      exp++;
    }
  }
  const char* hex = fmtc == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out = fb.neg ? "-" : "";
  out += '0';
  out += fmtc;
  out += char('0' + ((mant >> 60) & 1));
  mant <<= 4;
  if (prec < 0 && mant != 0) {
    out += '.';
    for (; mant != 0; mant <<= 4) out += hex[(mant >> 60) & 15];
  } else if (prec > 0) {
    out += '.';
    for (int i = 0; i < prec; i++, mant <<= 4) out += hex[(mant >> 60) & 15];
  }
  out += fmtc == 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  std::string digits = std::to_string(exp);
  if (digits.size() < 2) digits.insert(0, "0");
  return out + digits;
}

}  // namespace

std::string format_float(double v, char fmtc, int prec, int bit_size) {
  if (bit_size == 32) v = static_cast<float>(v);
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  bool neg = std::signbit(v);
  switch (fmtc) {
    case 'b': return fmt_b(float_bits(v, bit_size));
    case 'x': case 'X': return fmt_x(float_bits(v, bit_size), prec, fmtc);
    default: break;
  }
  bool shortest = prec < 0;
  Decimal d;
  if (shortest) {
    d = shortest_digits(v, bit_size);
    switch (fmtc) {
      case 'e': case 'E': prec = std::max(d.nd() - 1, 0); break;
      case 'f': prec = std::max(d.nd() - d.dp, 0); break;
      case 'g': case 'G': prec = d.nd(); break;
      default: break;
    }
  } else {
    switch (fmtc) {
      case 'e': case 'E': d = fixed_digits(v, prec + 1); break;
      case 'f': {
        std::string s = fmt::format("{:.{}f}", std::fabs(v), prec);
        return (neg ? "-" : "") + s;
      }
      case 'g': case 'G':
        if (prec == 0) prec = 1;
        d = fixed_digits(v, prec);
        break;
      default: break;
    }
  }
  switch (fmtc) {
    case 'e': case 'E': return fmt_e(neg, d, prec, fmtc);
    case 'f': return fmt_f(neg, d, prec);
    case 'g': case 'G': return fmt_g(neg, d, prec, shortest, fmtc);
    default: return std::string("%") + fmtc;  // Go's answer for an unknown format
  }
}

namespace {

// Go's strconv/itoa.go smallsString: the two digits of 00..99.
constexpr char kSmallsString[] =
    "00010203040506070809"
    "10111213141516171819"
    "20212223242526272829"
    "30313233343536373839"
    "40414243444546474849"
    "50515253545556575859"
    "60616263646566676869"
    "70717273747576777879"
    "80818283848586878889"
    "90919293949596979899";

// Room for any uint64 in base 2 plus a sign.
constexpr size_t kIntBufSize = 65;

// Go's formatBits: writes v (negated first when neg) right-aligned so that
// it ends at `end` and returns where it starts. Base 10 divides by a
// constant and takes two digits per step, as Go does; other bases keep the
// general loop.
char* format_bits(char* end, uint64_t v, int base, bool neg) {
  if (neg) v = uint64_t(0) - v;
  char* p = end;
  if (base == 10) {
    while (v >= 100) {
      unsigned is = unsigned(v % 100) * 2;
      v /= 100;
      p -= 2;
      p[0] = kSmallsString[is];
      p[1] = kSmallsString[is + 1];
    }
    unsigned is = unsigned(v) * 2;
    *--p = kSmallsString[is + 1];
    if (v >= 10) *--p = kSmallsString[is];
    if (neg) *--p = '-';
    return p;
  }
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  do {
    *--p = digits[v % unsigned(base)];
    v /= unsigned(base);
  } while (v);
  if (neg) *--p = '-';
  return p;
}

// The Go string of v in base (2..36), made straight from a stack buffer.
Slot int_string(uint64_t v, int base, bool neg) {
  char buf[kIntBufSize];
  char* end = buf + kIntBufSize;
  char* p = format_bits(end, v, base, neg);
  return vm::make_string(std::string_view(p, size_t(end - p)));
}

}  // namespace

std::string format_uint(uint64_t v, int base) {
  if (base < 2 || base > 36) base = 10;
  char buf[kIntBufSize];
  char* end = buf + kIntBufSize;
  char* p = format_bits(end, v, base, false);
  return std::string(p, size_t(end - p));
}

std::string format_int(int64_t v, int base) {
  if (base < 2 || base > 36) base = 10;
  char buf[kIntBufSize];
  char* end = buf + kIntBufSize;
  char* p = format_bits(end, uint64_t(v), base, v < 0);
  return std::string(p, size_t(end - p));
}

// ---------------------------------------------------------------- quoting
namespace {

void append_hex(std::string& out, uint32_t v, int digits) {
  static const char hex[] = "0123456789abcdef";
  for (int s = (digits - 1) * 4; s >= 0; s -= 4) out += hex[(v >> s) & 15];
}

// Go's isInGraphicList: the non-ASCII spaces IsGraphic accepts beyond IsPrint.
bool in_graphic_list(int32_t r) {
  switch (r) {
    case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x202F:
    case 0x205F: case 0x3000:
      return true;
    default:
      return false;
  }
}

void append_escaped_rune(std::string& out, int32_t r, char quote, bool ascii_only,
                         bool graphic_only) {
  if (r == quote || r == '\\') {
    out += '\\';
    out += static_cast<char>(r);
    return;
  }
  if (ascii_only) {
    if (r < 0x80 && is_print(r)) {
      out += static_cast<char>(r);
      return;
    }
  } else if (is_print(r) || (graphic_only && in_graphic_list(r))) {
    rt::encoderune(out, r);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    out += "\\x";
    append_hex(out, uint32_t(r), 2);
    return;
  }
  if (rune_len(r) < 0) r = kRuneError;
  if (r < 0x10000) {
    out += "\\u";
    append_hex(out, uint32_t(r), 4);
  } else {
    out += "\\U";
    append_hex(out, uint32_t(r), 8);
  }
}

}  // namespace

std::string quote_with(std::string_view s, char quote, bool ascii_only, bool graphic_only) {
  std::string out;
  out.reserve(s.size() + 2);
  out += quote;
  for (size_t i = 0; i < s.size();) {
    int w = 1;
    int32_t r = static_cast<unsigned char>(s[i]);
    if (r >= 0x80) r = rt::decoderune(s.substr(i), &w);
    if (w == 1 && r == kRuneError) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(s[i]), 2);
    } else {
      append_escaped_rune(out, r, quote, ascii_only, graphic_only);
    }
    i += size_t(w);
  }
  out += quote;
  return out;
}

std::string quote(std::string_view s) { return quote_with(s, '"', false, false); }

std::string quote_rune(int32_t r, bool ascii_only) {
  if (rune_len(r) < 0) r = kRuneError;
  std::string out = "'";
  append_escaped_rune(out, r, '\'', ascii_only, false);
  out += '\'';
  return out;
}

bool can_backquote(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int w = 1;
    int32_t r = static_cast<unsigned char>(s[i]);
    if (r >= 0x80) r = rt::decoderune(s.substr(i), &w);
    i += size_t(w);
    if (w > 1) {
      if (r == 0xFEFF) return false;
      continue;
    }
    if (r == kRuneError) return false;
    if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
  }
  return true;
}

namespace {

int unhex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go's UnquoteChar: decodes one character or escape at the front of s.
bool unquote_char(std::string_view& s, char quote, std::string& out) {
  auto c = static_cast<unsigned char>(s[0]);
  if (c == quote && (quote == '\'' || quote == '"')) return false;
  if (c >= 0x80) {
    int w;
    int32_t r = rt::decoderune(s, &w);
    rt::encoderune(out, r);
    s.remove_prefix(size_t(w));
    return true;
  }
  if (c != '\\') {
    out += static_cast<char>(c);
    s.remove_prefix(1);
    return true;
  }
  if (s.size() <= 1) return false;
  char e = s[1];
  s.remove_prefix(2);
  switch (e) {
    case 'a': out += '\a'; return true;
    case 'b': out += '\b'; return true;
    case 'f': out += '\f'; return true;
    case 'n': out += '\n'; return true;
    case 'r': out += '\r'; return true;
    case 't': out += '\t'; return true;
    case 'v': out += '\v'; return true;
    case 'x': case 'u': case 'U': {
      size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      if (s.size() < n) return false;
      int32_t v = 0;
      for (size_t j = 0; j < n; j++) {
        int x = unhex(s[j]);
        if (x < 0) return false;
        v = (v << 4) | x;
      }
      s.remove_prefix(n);
      if (e == 'x') {
        out += static_cast<char>(v);
        return true;
      }
      if (rune_len(v) < 0) return false;
      rt::encoderune(out, v);
      return true;
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      int v = e - '0';
      if (s.size() < 2) return false;
      for (size_t j = 0; j < 2; j++) {
        int x = s[j] - '0';
        if (x < 0 || x > 7) return false;
        v = (v << 3) | x;
      }
      s.remove_prefix(2);
      if (v > 255) return false;
      out += static_cast<char>(v);
      return true;
    }
    case '\\': out += '\\'; return true;
    case '\'': case '"':
      if (e != quote) return false;
      out += e;
      return true;
    default:
      return false;
  }
}

}  // namespace

bool unquote(std::string_view s, std::string* out) {
  if (s.size() < 2) return false;
  char q = s[0];
  if (q != s.back()) return false;
  std::string_view body = s.substr(1, s.size() - 2);
  out->clear();
  if (q == '`') {
    if (body.find('`') != std::string_view::npos) return false;
    for (char c : body)
      if (c != '\r') *out += c;
    return true;
  }
  if (q != '"' && q != '\'') return false;
  if (body.find('\n') != std::string_view::npos) return false;
  while (!body.empty()) {
    if (!unquote_char(body, q, *out)) return false;
    if (q == '\'' && !body.empty()) return false;  // a rune literal holds one character
  }
  if (q == '\'' && out->empty()) return false;
  return true;
}

// ---------------------------------------------------------------- parsing
namespace {

char lower(char c) { return static_cast<char>(c | 0x20); }

// Go's underscoreOK: underscores only between digits (or after a base prefix).
bool underscore_ok(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); i++) {
    char c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

}  // namespace

ParseStatus parse_uint(std::string_view s, int base, int bit_size, uint64_t* out) {
  *out = 0;
  if (s.empty()) return ParseStatus::Syntax;
  bool base0 = base == 0;
  std::string_view s0 = s;
  if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && lower(s[1]) == 'b') { base = 2; s.remove_prefix(2); }
      else if (s.size() >= 3 && lower(s[1]) == 'o') { base = 8; s.remove_prefix(2); }
      else if (s.size() >= 3 && lower(s[1]) == 'x') { base = 16; s.remove_prefix(2); }
      else { base = 8; s.remove_prefix(1); }
    }
  } else if (base < 2 || base > 36) {
    return ParseStatus::BadBase;
  }
  if (bit_size == 0) bit_size = 64;
  else if (bit_size < 0 || bit_size > 64) return ParseStatus::BadBitSize;
  uint64_t cutoff = UINT64_MAX / uint64_t(base) + 1;
  uint64_t max_val = bit_size == 64 ? UINT64_MAX : (uint64_t(1) << bit_size) - 1;
  bool underscores = false;
  uint64_t n = 0;
  for (char c : s) {
    unsigned d;
    if (c == '_' && base0) { underscores = true; continue; }
    if (c >= '0' && c <= '9') d = unsigned(c - '0');
    else if (lower(c) >= 'a' && lower(c) <= 'z') d = unsigned(lower(c) - 'a' + 10);
    else return ParseStatus::Syntax;
    if (d >= unsigned(base)) return ParseStatus::Syntax;
    if (n >= cutoff) { *out = max_val; return ParseStatus::Range; }
    n *= uint64_t(base);
    uint64_t n1 = n + d;
    if (n1 < n || n1 > max_val) { *out = max_val; return ParseStatus::Range; }
    n = n1;
  }
  if (underscores && !underscore_ok(s0)) return ParseStatus::Syntax;
  *out = n;
  return ParseStatus::Ok;
}

ParseStatus parse_int(std::string_view s, int base, int bit_size, int64_t* out) {
  *out = 0;
  if (s.empty()) return ParseStatus::Syntax;
  bool neg = false;
  if (s[0] == '+') s.remove_prefix(1);
  else if (s[0] == '-') { neg = true; s.remove_prefix(1); }
  uint64_t un;
  ParseStatus st = parse_uint(s, base, bit_size, &un);
  if (st != ParseStatus::Ok && st != ParseStatus::Range) return st;
  if (bit_size == 0) bit_size = 64;
  uint64_t cutoff = uint64_t(1) << (bit_size - 1);
  if (!neg && un >= cutoff) { *out = int64_t(cutoff - 1); return ParseStatus::Range; }
  if (neg && un > cutoff) { *out = -int64_t(cutoff - 1) - 1; return ParseStatus::Range; }
  *out = neg ? int64_t(uint64_t(0) - un) : int64_t(un);
  return ParseStatus::Ok;
}

namespace {

bool equal_fold_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// Checks Go's float syntax (decimal or hex mantissa, optional exponent,
// underscores per underscoreOK) and returns it without sign or underscores.
bool clean_float_syntax(std::string_view s, std::string* out, bool* hex) {
  if (s.find('_') != std::string_view::npos && !underscore_ok(s)) return false;
  *hex = s.size() > 2 && s[0] == '0' && lower(s[1]) == 'x';
  size_t i = *hex ? 2 : 0;
  bool digits = false, dot = false;
  out->clear();
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c == '_') continue;
    bool is_digit = (c >= '0' && c <= '9') || (*hex && lower(c) >= 'a' && lower(c) <= 'f');
    if (is_digit) { digits = true; *out += c; continue; }
    if (c == '.' && !dot) { dot = true; *out += c; continue; }
    break;
  }
  if (!digits) return false;
  if (i < s.size()) {
    char e = lower(s[i]);
    if (e != (*hex ? 'p' : 'e')) return false;
    *out += e;
    i++;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) *out += s[i++];
    bool edigits = false;
    for (; i < s.size(); i++) {
      if (s[i] == '_') continue;
      if (s[i] < '0' || s[i] > '9') return false;
      *out += s[i];
      edigits = true;
    }
    if (!edigits) return false;
  } else if (*hex) {
    return false;  // Go requires the p exponent in hexadecimal floats
  }
  return true;
}

}  // namespace

ParseStatus parse_float(std::string_view s, int bit_size, double* out) {
  *out = 0;
  bool neg = false;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (equal_fold_ascii(body, "inf") || equal_fold_ascii(body, "infinity")) {
    *out = neg ? -HUGE_VAL : HUGE_VAL;
    return ParseStatus::Ok;
  }
  if (equal_fold_ascii(body, "nan") && body.size() == s.size()) {
    *out = std::nan("");
    return ParseStatus::Ok;
  }
  std::string clean;
  bool hex;
  if (!clean_float_syntax(body, &clean, &hex)) return ParseStatus::Syntax;
  auto format = hex ? std::chars_format::hex : std::chars_format::general;
  double v = 0;
  std::errc ec;
  if (bit_size == 32) {
    float f = 0;
    ec = std::from_chars(clean.data(), clean.data() + clean.size(), f, format).ec;
    v = f;
  } else {
    ec = std::from_chars(clean.data(), clean.data() + clean.size(), v, format).ec;
  }
  if (ec == std::errc::result_out_of_range) {
    // Overflow is an error (±Inf); underflow quietly gives zero, as in Go.
    std::string c = (hex ? "0x" : "") + clean;
    double approx = std::strtod(c.c_str(), nullptr);
    if (std::isinf(approx) || std::fabs(approx) > (bit_size == 32 ? 3.4028234663852886e38 : 1.7976931348623157e308)) {
      *out = neg ? -HUGE_VAL : HUGE_VAL;
      return ParseStatus::Range;
    }
    v = bit_size == 32 ? static_cast<float>(approx) : approx;
  } else if (ec != std::errc()) {
    return ParseStatus::Syntax;
  }
  *out = neg ? -v : v;
  return ParseStatus::Ok;
}

bool parse_bool(std::string_view s, bool* out) {
  for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"})
    if (s == t) { *out = true; return true; }
  for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"})
    if (s == f) { *out = false; return true; }
  return false;
}

// ---------------------------------------------------------------- natives
namespace {

void Itoa(Thread&, Slot* a) {
  int64_t v = arg_int(a[0]);
  a[0] = int_string(uint64_t(v), 10, v < 0);
}

void FormatInt(Thread&, Slot* a) {
  int64_t base = arg_int(a[1]);
  if (base < 2 || base > 36) vm::panic_string("strconv: illegal AppendInt/FormatInt base");
  int64_t v = arg_int(a[0]);
  a[0] = int_string(uint64_t(v), int(base), v < 0);
}

void FormatUint(Thread&, Slot* a) {
  int64_t base = arg_int(a[1]);
  if (base < 2 || base > 36) vm::panic_string("strconv: illegal AppendInt/FormatInt base");
  a[0] = int_string(a[0], int(base), false);
}

void FormatFloat(Thread&, Slot* a) {
  a[0] = vm::make_string(format_float(vm::as_f64(a[0]), static_cast<char>(a[1]),
                                      int(arg_int(a[2])), int(arg_int(a[3]))));
}

// func parseInt(s string, base int, bitSize int) (int64, int)
void parseInt(Thread&, Slot* a) {
  int64_t v;
  ParseStatus st = parse_int(arg_str(a[0]), int(arg_int(a[1])), int(arg_int(a[2])), &v);
  a[0] = from_int(v);
  a[1] = from_int(int64_t(st));
}

// func parseUint(s string, base int, bitSize int) (uint64, int)
void parseUint(Thread&, Slot* a) {
  uint64_t v;
  ParseStatus st = parse_uint(arg_str(a[0]), int(arg_int(a[1])), int(arg_int(a[2])), &v);
  a[0] = v;
  a[1] = from_int(int64_t(st));
}

// func parseFloat(s string, bitSize int) (float64, int)
void parseFloat(Thread&, Slot* a) {
  double v;
  ParseStatus st = parse_float(arg_str(a[0]), int(arg_int(a[1])), &v);
  a[0] = vm::from_f64(v);
  a[1] = from_int(int64_t(st));
}

void Quote(Thread&, Slot* a) { a[0] = vm::make_string(quote(arg_str(a[0]))); }
void QuoteToASCII(Thread&, Slot* a) { a[0] = vm::make_string(quote_with(arg_str(a[0]), '"', true, false)); }
void QuoteToGraphic(Thread&, Slot* a) { a[0] = vm::make_string(quote_with(arg_str(a[0]), '"', false, true)); }
void QuoteRune(Thread&, Slot* a) { a[0] = vm::make_string(quote_rune(int32_t(a[0]), false)); }
void QuoteRuneToASCII(Thread&, Slot* a) { a[0] = vm::make_string(quote_rune(int32_t(a[0]), true)); }
void CanBackquote(Thread&, Slot* a) { a[0] = from_bool(can_backquote(arg_str(a[0]))); }
void IsPrint(Thread&, Slot* a) { a[0] = from_bool(is_print(int32_t(a[0]))); }

// func unquote(s string) (string, bool)
void unquote_native(Thread&, Slot* a) {
  std::string out;
  bool ok = unquote(arg_str(a[0]), &out);
  a[0] = ok ? vm::make_string(out) : 0;
  a[1] = from_bool(ok);
}

const vm::NativeEntry kNatives[] = {
    {"strconv.Itoa", Itoa},
    {"strconv.FormatInt", FormatInt},
    {"strconv.FormatUint", FormatUint},
    {"strconv.FormatFloat", FormatFloat},
    {"strconv.parseInt", parseInt},
    {"strconv.parseUint", parseUint},
    {"strconv.parseFloat", parseFloat},
    {"strconv.Quote", Quote},
    {"strconv.QuoteToASCII", QuoteToASCII},
    {"strconv.QuoteToGraphic", QuoteToGraphic},
    {"strconv.QuoteRune", QuoteRune},
    {"strconv.QuoteRuneToASCII", QuoteRuneToASCII},
    {"strconv.CanBackquote", CanBackquote},
    {"strconv.IsPrint", IsPrint},
    {"strconv.unquote", unquote_native},
};

}  // namespace

std::span<const vm::NativeEntry> strconv_natives() { return kNatives; }

}  // namespace mgo::stdlib

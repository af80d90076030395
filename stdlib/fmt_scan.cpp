// fmt's scanning: Sscan, Sscanln and Sscanf over a string (the io.Reader
// forms in fmt.go read their input first and come here). Follows Go's
// fmt/scan.go for the common operand kinds and its error texts.
#include <cmath>

#include "lang/types.h"
#include "stdlib/natives.h"
#include "stdlib/strconv.h"

namespace mgo::stdlib {

namespace {

// A scan failure: Go's scanError, carrying the error text.
struct ScanError {
  std::string msg;
};

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '\n'; }

class Scanner {
 public:
  Scanner(std::string_view s, bool nl_is_space) : s_(s), nl_is_space_(nl_is_space) {}

  size_t pos() const { return pos_; }
  bool at_eof() const { return pos_ >= s_.size(); }
  char peek() const { return s_[pos_]; }

  // Go's SkipSpace: newlines end the input for Scanln (an error there).
  void skip_space() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\n') {
        if (nl_is_space_) { pos_++; continue; }
        throw ScanError{"unexpected newline"};
      }
      if (c == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') { pos_++; continue; }
      if (!is_space_byte(c)) return;
      pos_++;
    }
  }

  // The next run of bytes accepted by ok (after optional space skipping).
  template <class F>
  std::string_view take(F ok) {
    size_t start = pos_;
    while (pos_ < s_.size() && ok(s_[pos_])) pos_++;
    return s_.substr(start, pos_ - start);
  }

  std::string_view token() {
    return take([](char c) { return !is_space_byte(c); });
  }

  // Scans one operand of the pointer type held by `target` with verb.
  void scan_one(Slot target, int32_t verb, int width);

  // Sscanln: after the operands only space may precede the newline.
  void check_line_end() {
    while (pos_ < s_.size() && s_[pos_] != '\n' && is_space_byte(s_[pos_])) pos_++;
    if (pos_ < s_.size() && s_[pos_] != '\n') throw ScanError{"expected newline"};
  }

  void match_literal(char c) {
    if (pos_ >= s_.size()) throw ScanError{"unexpected EOF"};
    if (s_[pos_] != c) throw ScanError{"input does not match format"};
    pos_++;
  }

  void skip_blanks() {
    while (pos_ < s_.size() && s_[pos_] != '\n' && is_space_byte(s_[pos_])) pos_++;
  }

 private:
  std::string_view limit(std::string_view tok, int width) {
    if (width > 0 && tok.size() > size_t(width)) {
      pos_ -= tok.size() - size_t(width);
      tok = tok.substr(0, size_t(width));
    }
    return tok;
  }
  int64_t scan_int(int32_t verb, int bits, int width);
  uint64_t scan_uint(int32_t verb, int bits, int width);
  double scan_float(int bits, int width);
  bool scan_bool();

  std::string_view s_;
  size_t pos_ = 0;
  bool nl_is_space_;
};

int verb_base(int32_t verb) {
  switch (verb) {
    case 'b': return 2;
    case 'o': return 8;
    case 'x': case 'X': return 16;
    case 'v': return 0;
    default: return 10;
  }
}

int64_t Scanner::scan_int(int32_t verb, int bits, int width) {
  skip_space();
  if (at_eof()) throw ScanError{"unexpected EOF"};
  size_t start = pos_;
  if (peek() == '+' || peek() == '-') pos_++;
  int base = verb_base(verb);
  auto digit = [base](char c) {
    if (c == '_') return base == 0;
    if (base == 2) return c == '0' || c == '1';
    if (base == 8) return c >= '0' && c <= '7';
    if (base == 16 || base == 0) return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == 'x' || c == 'X' || c == 'o' || c == 'O';
    return c >= '0' && c <= '9';
  };
  if (at_eof() || (!(peek() >= '0' && peek() <= '9') && !(base == 16 && std::isxdigit(static_cast<unsigned char>(peek()))))) {
    throw ScanError{"expected integer"};
  }
  take(digit);
  std::string_view tok = limit(s_.substr(start, pos_ - start), width);
  int64_t v;
  ParseStatus st = parse_int(tok, base, 64, &v);
  if (st == ParseStatus::Syntax) throw ScanError{"expected integer"};
  if (st != ParseStatus::Ok) throw ScanError{"integer overflow on token " + std::string(tok)};
  if (bits < 64) {
    int64_t x = int64_t(uint64_t(v) << (64 - bits)) >> (64 - bits);
    if (x != v) throw ScanError{"integer overflow on token " + std::string(tok)};
  }
  return v;
}

uint64_t Scanner::scan_uint(int32_t verb, int bits, int width) {
  skip_space();
  if (at_eof()) throw ScanError{"unexpected EOF"};
  size_t start = pos_;
  if (peek() == '+') pos_++;
  if (at_eof() || !std::isxdigit(static_cast<unsigned char>(peek()))) throw ScanError{"expected integer"};
  take([](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; });
  std::string_view tok = limit(s_.substr(start, pos_ - start), width);
  uint64_t v;
  ParseStatus st = parse_uint(tok.substr(tok[0] == '+' ? 1 : 0), verb_base(verb), 64, &v);
  if (st == ParseStatus::Syntax) throw ScanError{"expected integer"};
  if (st != ParseStatus::Ok || (bits < 64 && (v >> bits) != 0))
    throw ScanError{"unsigned integer overflow on token " + std::string(tok)};
  return v;
}

double Scanner::scan_float(int bits, int width) {
  skip_space();
  if (at_eof()) throw ScanError{"unexpected EOF"};
  std::string_view tok = limit(take([](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '+' || c == '-' || c == '_';
  }), width);
  double v;
  ParseStatus st = parse_float(tok, bits, &v);
  if (st != ParseStatus::Ok) {
    throw ScanError{"strconv.ParseFloat: parsing " + quote(tok) + ": " +
                    (st == ParseStatus::Range ? "value out of range" : "invalid syntax")};
  }
  return v;
}

bool Scanner::scan_bool() {
  skip_space();
  if (at_eof()) throw ScanError{"unexpected EOF"};
  std::string_view tok = token();
  bool b;
  if (!parse_bool(tok, &b)) throw ScanError{"syntax error scanning boolean"};
  return b;
}

void Scanner::scan_one(Slot target, int32_t verb, int width) {
  auto* i = vm::as_ptr<vm::Iface>(target);
  if (!i || i->type->ukind() != Kind::Pointer || i->data[0] == 0) {
    throw ScanError{"can't scan type: " + (i ? i->type->str() : std::string("<nil>"))};
  }
  const Type* elem = i->type->underlying()->elem;
  auto* dst = vm::as_ptr<Slot>(i->data[0]);
  Kind k = elem->ukind();
  switch (k) {
    case Kind::Bool: *dst = scan_bool(); return;
    case Kind::Int: case Kind::Int8: case Kind::Int16: case Kind::Int32: case Kind::Int64:
      if (verb == 'c') {
        if (at_eof()) throw ScanError{"unexpected EOF"};
        int w;
        int32_t r = rt::decoderune(s_.substr(pos_), &w);
        pos_ += size_t(w);
        *dst = Slot(int64_t(r));
        return;
      }
      *dst = Slot(scan_int(verb, elem->bits(), width));
      return;
    case Kind::Uint: case Kind::Uint8: case Kind::Uint16: case Kind::Uint32: case Kind::Uint64:
    case Kind::Uintptr:
      *dst = scan_uint(verb, elem->bits(), width);
      return;
    case Kind::Float32: *dst = vm::from_f64(double(float(scan_float(32, width)))); return;
    case Kind::Float64: *dst = vm::from_f64(scan_float(64, width)); return;
    case Kind::String: {
      skip_space();
      if (at_eof()) throw ScanError{"unexpected EOF"};
      *dst = vm::make_string(limit(token(), width));
      return;
    }
    case Kind::Slice:
      if (elem->underlying()->elem->ukind() == Kind::Uint8) {
        skip_space();
        if (at_eof()) throw ScanError{"unexpected EOF"};
        *dst = new_byte_slice(limit(token(), width));
        return;
      }
      [[fallthrough]];
    default:
      throw ScanError{"can't scan type: " + i->type->str()};
  }
}

struct ScanResult {
  int64_t n = 0;
  std::string err;
};

ScanResult scan_operands(Scanner& sc, const vm::Slice* a, bool nl_is_space) {
  ScanResult r;
  int64_t n = a ? a->len : 0;
  try {
    for (int64_t i = 0; i < n; i++) {
      if (i == 0) {
        // Go reports EOF (not unexpected EOF) when the input holds nothing.
        sc.skip_space();
        if (sc.at_eof()) throw ScanError{"EOF"};
      }
      sc.scan_one(a->data[i], 'v', 0);
      r.n++;
    }
    if (!nl_is_space) sc.check_line_end();
  } catch (const ScanError& e) {
    r.err = e.msg;
  }
  return r;
}

// func scanString(s string, a []any, nlIsSpace bool) (int, int, string)
void scanString(Thread&, Slot* a) {
  Scanner sc(arg_str(a[0]), a[2] != 0);
  ScanResult r = scan_operands(sc, vm::as_ptr<vm::Slice>(a[1]), a[2] != 0);
  a[0] = from_int(r.n);
  a[1] = from_int(int64_t(sc.pos()));
  a[2] = vm::make_string(r.err);
}

// Sscanf's loop: literal text must match, spaces match any space, verbs scan.
ScanResult scanf_operands(Scanner& sc, std::string_view format, const vm::Slice* a) {
  ScanResult r;
  int64_t n = a ? a->len : 0;
  int64_t arg = 0;
  try {
    for (size_t i = 0; i < format.size();) {
      char c = format[i];
      if (c != '%') {
        if (is_space_byte(c)) {
          while (i < format.size() && is_space_byte(format[i]) && format[i] != '\n') i++;
          sc.skip_blanks();
          continue;
        }
        sc.match_literal(c);
        i++;
        continue;
      }
      i++;
      int width = 0;
      while (i < format.size() && format[i] >= '0' && format[i] <= '9') width = width * 10 + (format[i++] - '0');
      if (i >= format.size()) throw ScanError{"too few operands for format '%'"};
      int32_t verb = static_cast<unsigned char>(format[i++]);
      if (verb == '%') {
        sc.skip_blanks();
        sc.match_literal('%');
        continue;
      }
      if (arg >= n) throw ScanError{std::string("too few operands for format '%") + char(verb) + "'"};
      if (verb != 'c' && arg == 0 && (sc.skip_blanks(), sc.at_eof())) throw ScanError{"unexpected EOF"};
      sc.scan_one(a->data[arg++], verb, width);
      r.n++;
    }
    if (arg < n) throw ScanError{"too many operands"};
  } catch (const ScanError& e) {
    r.err = e.msg;
  }
  return r;
}

// func scanfString(s string, format string, a []any) (int, int, string)
void scanfString(Thread&, Slot* a) {
  Scanner sc(arg_str(a[0]), false);
  ScanResult r = scanf_operands(sc, arg_str(a[1]), vm::as_ptr<vm::Slice>(a[2]));
  a[0] = from_int(r.n);
  a[1] = from_int(int64_t(sc.pos()));
  a[2] = vm::make_string(r.err);
}

const vm::NativeEntry kNatives[] = {
    {"fmt.scanString", scanString},
    {"fmt.scanfString", scanfString},
};

}  // namespace

std::span<const vm::NativeEntry> fmt_scan_natives() { return kNatives; }

}  // namespace mgo::stdlib

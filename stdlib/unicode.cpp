// unicode and unicode/utf8: rune classes from Go's own tables
// (stdlib/unicode_tables.cpp, generated) and UTF-8 per Go's rules.
#include "lang/types.h"
#include "stdlib/natives.h"
#include "stdlib/unicode_tables.h"

namespace mgo::stdlib {

namespace unicode_tables {

bool in_table(const RangeTable& t, int32_t r) {
  int lo = 0, hi = t.n;
  while (lo < hi) {
    int m = lo + (hi - lo) / 2;
    if (r < t.ranges[m].lo) hi = m;
    else if (r > t.ranges[m].hi) lo = m + 1;
    else return true;
  }
  return false;
}

int32_t to_case(CaseKind kind, int32_t r) {
  if (r < 0 || r > kMaxRune) return r;
  int lo = 0, hi = NumCaseRanges;
  while (lo < hi) {
    int m = lo + (hi - lo) / 2;
    const CaseRange& cr = CaseRanges[m];
    if (r < cr.lo) { hi = m; continue; }
    if (r > cr.hi) { lo = m + 1; continue; }
    int32_t delta = cr.delta[kind];
    if (delta > kMaxRune) {
      // UpperLower: alternating pairs starting with an upper-case letter.
      return cr.lo + (((r - cr.lo) & ~1) | (kind == kLowerCase ? 1 : 0));
    }
    return r + delta;
  }
  return r;
}

int32_t simple_fold(int32_t r) {
  if (r < 0 || r > kMaxRune) return r;
  // Consult the orbit exceptions, then the default of a one- or two-element
  // class: ToLower(r) if different, else ToUpper(r).
  int lo = 0, hi = NumFoldOrbit;
  while (lo < hi) {
    int m = lo + (hi - lo) / 2;
    if (FoldOrbit[m].from < r) lo = m + 1;
    else hi = m;
  }
  if (lo < NumFoldOrbit && FoldOrbit[lo].from == r) return FoldOrbit[lo].to;
  if (int32_t l = to_case(kLowerCase, r); l != r) return l;
  return to_case(kUpperCase, r);
}

}  // namespace unicode_tables

namespace ut = unicode_tables;

bool is_space(int32_t r) {
  if (r < 0x100) return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
  return ut::in_table(ut::Space, r);
}
bool is_print(int32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  return ut::in_table(ut::Print, r);
}
bool is_letter(int32_t r) {
  if (r < 0x80) return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
  return ut::in_table(ut::Letter, r);
}
bool is_digit(int32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return ut::in_table(ut::Digit, r);
}
int32_t to_upper(int32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  return ut::to_case(ut::kUpperCase, r);
}
int32_t to_lower(int32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  return ut::to_case(ut::kLowerCase, r);
}
int32_t to_title(int32_t r) {
  if (r < 0x80) return to_upper(r);
  return ut::to_case(ut::kTitleCase, r);
}

namespace {

int32_t rune_arg(Slot s) { return int32_t(s); }

#define TABLE_PRED(NAME, TABLE) \
  void NAME(Thread&, Slot* a) { a[0] = from_bool(ut::in_table(ut::TABLE, rune_arg(a[0]))); }
TABLE_PRED(IsNumber, Number)
TABLE_PRED(IsUpper, Upper)
TABLE_PRED(IsLower, Lower)
TABLE_PRED(IsTitle, Title)
TABLE_PRED(IsPunct, Punct)
TABLE_PRED(IsControl, Control)
TABLE_PRED(IsGraphic, Graphic)
TABLE_PRED(IsMark, Mark)
TABLE_PRED(IsSymbol, Symbol)
#undef TABLE_PRED

void IsLetter(Thread&, Slot* a) { a[0] = from_bool(is_letter(rune_arg(a[0]))); }
void IsDigit(Thread&, Slot* a) { a[0] = from_bool(is_digit(rune_arg(a[0]))); }
void IsSpace(Thread&, Slot* a) { a[0] = from_bool(is_space(rune_arg(a[0]))); }
void IsPrint(Thread&, Slot* a) { a[0] = from_bool(is_print(rune_arg(a[0]))); }
void ToUpper(Thread&, Slot* a) { a[0] = Slot(int64_t(to_upper(rune_arg(a[0])))); }
void ToLower(Thread&, Slot* a) { a[0] = Slot(int64_t(to_lower(rune_arg(a[0])))); }
void ToTitle(Thread&, Slot* a) { a[0] = Slot(int64_t(to_title(rune_arg(a[0])))); }
void SimpleFold(Thread&, Slot* a) { a[0] = Slot(int64_t(ut::simple_fold(rune_arg(a[0])))); }

// The exported range tables (unicode.go's newTable): ids come from the
// generated block of unicode.go, so an unknown id is an mgo bug.
const ut::GoRangeTable& go_table(Slot id) {
  int64_t i = arg_int(id);
  if (i < 0 || i >= ut::NumGoTables) vm::panic_runtime_error("unicode: no range table " + std::to_string(i));
  return ut::GoTables[i];
}

// func tableSizes(id int) (n16, n32, latinOffset int)
void tableSizes(Thread&, Slot* a) {
  const ut::GoRangeTable& t = go_table(a[0]);
  a[0] = from_int(t.n16);
  a[1] = from_int(t.n32);
  a[2] = from_int(t.latin_offset);
}

// func fillTable(id int, r16 []Range16, r32 []Range32): the slices have the
// table's lengths; each element is three inline slots (Lo, Hi, Stride).
void fillTable(Thread&, Slot* a) {
  const ut::GoRangeTable& t = go_table(a[0]);
  auto* r16 = vm::as_ptr<vm::Slice>(a[1]);
  auto* r32 = vm::as_ptr<vm::Slice>(a[2]);
  for (int64_t i = 0; r16 && i < r16->len && i < t.n16; i++) {
    Slot* e = r16->data + 3 * i;
    e[0] = t.r16[i].lo;
    e[1] = t.r16[i].hi;
    e[2] = t.r16[i].stride;
  }
  for (int64_t i = 0; r32 && i < r32->len && i < t.n32; i++) {
    Slot* e = r32->data + 3 * i;
    e[0] = t.r32[i].lo;
    e[1] = t.r32[i].hi;
    e[2] = t.r32[i].stride;
  }
}

// ---------------------------------------------------------------- utf8
void RuneLen(Thread&, Slot* a) { a[0] = from_int(rune_len(rune_arg(a[0]))); }
void RuneCountInString(Thread&, Slot* a) { a[0] = from_int(rune_count(arg_str(a[0]))); }
void RuneCount(Thread&, Slot* a) { a[0] = from_int(rune_count(byte_slice_bytes(a[0]))); }
void ValidString(Thread&, Slot* a) { a[0] = from_bool(valid_utf8(arg_str(a[0]))); }
void Valid(Thread&, Slot* a) { a[0] = from_bool(valid_utf8(byte_slice_bytes(a[0]))); }

void DecodeRuneInString(Thread&, Slot* a) {
  int w;
  int32_t r = rt::decoderune(arg_str(a[0]), &w);
  a[0] = Slot(int64_t(r));
  a[1] = from_int(w);
}

// The first (at most 4) bytes of a []byte, enough to decode one rune.
std::string head_bytes(Slot s, bool last) {
  auto* sl = vm::as_ptr<vm::Slice>(s);
  std::string out;
  if (!sl) return out;
  int64_t n = std::min<int64_t>(sl->len, 4);
  int64_t start = last ? sl->len - n : 0;
  for (int64_t i = 0; i < n; i++) out += static_cast<char>(sl->data[start + i]);
  return out;
}

void DecodeRune(Thread&, Slot* a) {
  int w;
  int32_t r = rt::decoderune(head_bytes(a[0], false), &w);
  a[0] = Slot(int64_t(r));
  a[1] = from_int(w);
}

void DecodeLastRuneInString(Thread&, Slot* a) {
  int w;
  int32_t r = decode_last_rune(arg_str(a[0]), &w);
  a[0] = Slot(int64_t(r));
  a[1] = from_int(w);
}

void DecodeLastRune(Thread&, Slot* a) {
  int w;
  int32_t r = decode_last_rune(head_bytes(a[0], true), &w);
  a[0] = Slot(int64_t(r));
  a[1] = from_int(w);
}

// func EncodeRune(p []byte, r rune) int: panics like Go when p is too short.
void EncodeRune(Thread&, Slot* a) {
  std::string enc;
  rt::encoderune(enc, rune_arg(a[1]));
  auto* p = vm::as_ptr<vm::Slice>(a[0]);
  int64_t len = p ? p->len : 0;
  if (len < int64_t(enc.size()))
    vm::panic_runtime_error("index out of range [" + std::to_string(len) + "] with length " +
                            std::to_string(len));
  for (size_t i = 0; i < enc.size(); i++) p->data[i] = static_cast<unsigned char>(enc[i]);
  a[0] = from_int(int64_t(enc.size()));
}

// func encodeRune(r rune) string: for AppendRune.
void encodeRune(Thread&, Slot* a) {
  std::string enc;
  rt::encoderune(enc, rune_arg(a[0]));
  a[0] = vm::make_string(enc);
}

void FullRuneInString(Thread&, Slot* a) {
  std::string_view s = arg_str(a[0]);
  int w;
  int32_t r = rt::decoderune(s, &w);
  // Invalid means complete (it decodes as an error of width 1) unless the
  // bytes are a valid prefix cut short.
  bool full = !(r == kRuneError && w == 1 && !s.empty() && s.size() < 4 &&
                static_cast<unsigned char>(s[0]) >= 0xC2 && static_cast<unsigned char>(s[0]) <= 0xF4);
  if (full || s.empty()) {
    a[0] = from_bool(!s.empty());
    return;
  }
  // Check whether the present continuation bytes are all plausible.
  int need = static_cast<unsigned char>(s[0]) >= 0xF0 ? 4 : static_cast<unsigned char>(s[0]) >= 0xE0 ? 3 : 2;
  bool prefix = true;
  for (size_t i = 1; i < s.size(); i++)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) prefix = false;
  a[0] = from_bool(!(prefix && int(s.size()) < need));
}

const vm::NativeEntry kNatives[] = {
    {"unicode.IsLetter", IsLetter},
    {"unicode.IsDigit", IsDigit},
    {"unicode.IsNumber", IsNumber},
    {"unicode.IsSpace", IsSpace},
    {"unicode.IsUpper", IsUpper},
    {"unicode.IsLower", IsLower},
    {"unicode.IsTitle", IsTitle},
    {"unicode.IsPunct", IsPunct},
    {"unicode.IsControl", IsControl},
    {"unicode.IsPrint", IsPrint},
    {"unicode.IsGraphic", IsGraphic},
    {"unicode.IsMark", IsMark},
    {"unicode.IsSymbol", IsSymbol},
    {"unicode.ToUpper", ToUpper},
    {"unicode.ToLower", ToLower},
    {"unicode.ToTitle", ToTitle},
    {"unicode.SimpleFold", SimpleFold},
    {"unicode.tableSizes", tableSizes},
    {"unicode.fillTable", fillTable},
    {"unicode/utf8.RuneLen", RuneLen},
    {"unicode/utf8.RuneCountInString", RuneCountInString},
    {"unicode/utf8.RuneCount", RuneCount},
    {"unicode/utf8.ValidString", ValidString},
    {"unicode/utf8.Valid", Valid},
    {"unicode/utf8.DecodeRuneInString", DecodeRuneInString},
    {"unicode/utf8.DecodeRune", DecodeRune},
    {"unicode/utf8.DecodeLastRuneInString", DecodeLastRuneInString},
    {"unicode/utf8.DecodeLastRune", DecodeLastRune},
    {"unicode/utf8.EncodeRune", EncodeRune},
    {"unicode/utf8.encodeRune", encodeRune},
    {"unicode/utf8.FullRuneInString", FullRuneInString},
};

}  // namespace

std::span<const vm::NativeEntry> unicode_natives() { return kNatives; }

}  // namespace mgo::stdlib

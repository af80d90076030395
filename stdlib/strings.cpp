// strings: searching, splitting, case mapping, trimming, and the Builder's
// buffer.
//
// Builder keeps its bytes in a vm::String object allocated with spare
// capacity (the object's size records it) whose len is the bytes written so
// far. String() hands out that very object, in O(1), and marks it shared;
// the next write copies into a fresh buffer, so a string once returned never
// changes. Struct slots of Builder (stdlib/go/strings.go): addr, buf, shared.
#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "lang/types.h"
#include "stdlib/natives.h"
#include "stdlib/unicode_tables.h"

namespace mgo::stdlib {

namespace {

// ---------------------------------------------------------------- Builder
enum BuilderSlot { kAddr = 0, kBuf = 1, kShared = 2 };

int64_t buffer_cap(const vm::String* s) {
  return s ? int64_t(s->hdr.size) - int64_t(sizeof(vm::String)) : 0;
}

void copy_check(Slot* b) {
  if (b[kAddr] == 0) b[kAddr] = vm::from_ptr(b);
  else if (b[kAddr] != vm::from_ptr(b))
    vm::panic_string("strings: illegal use of non-zero Builder copied by value");
}

// Makes room for n more bytes in an unshared buffer and returns it.
vm::String* builder_reserve(Slot* b, int64_t n) {
  auto* s = vm::as_ptr<vm::String>(b[kBuf]);
  int64_t len = s ? s->len : 0;
  if (s && !b[kShared] && len + n <= buffer_cap(s)) return s;
  int64_t cap = std::max({2 * buffer_cap(s), len + n, int64_t(16)});
  auto* fresh = rt::alloc_object<vm::String>(rt::ObjKind::String, size_t(cap));
  if (s) std::memcpy(fresh->data, s->data, size_t(len));
  fresh->len = len;
  b[kBuf] = vm::from_ptr(fresh);
  b[kShared] = 0;
  return fresh;
}

void builder_append(Slot* b, std::string_view bytes) {
  copy_check(b);
  if (bytes.empty()) return;
  vm::String* s = builder_reserve(b, int64_t(bytes.size()));
  std::memcpy(s->data + s->len, bytes.data(), bytes.size());
  s->len += int64_t(bytes.size());
}

Slot* builder(Slot recv) {
  if (recv == 0) vm::panic_runtime_error("invalid memory address or nil pointer dereference");
  return vm::as_ptr<Slot>(recv);
}

void Builder_String(Thread&, Slot* a) {
  Slot* b = builder(a[0]);
  auto* s = vm::as_ptr<vm::String>(b[kBuf]);
  if (s && s->len == 0) s = nullptr;
  if (s) b[kShared] = 1;
  a[0] = vm::from_ptr(s);
}

void Builder_Len(Thread&, Slot* a) {
  auto* s = vm::as_ptr<vm::String>(builder(a[0])[kBuf]);
  a[0] = from_int(s ? s->len : 0);
}

void Builder_Cap(Thread&, Slot* a) {
  Slot* b = builder(a[0]);
  a[0] = from_int(buffer_cap(vm::as_ptr<vm::String>(b[kBuf])));
}

void Builder_Reset(Thread&, Slot* a) {
  Slot* b = builder(a[0]);
  b[kAddr] = b[kBuf] = b[kShared] = 0;
}

void Builder_Grow(Thread&, Slot* a) {
  Slot* b = builder(a[0]);
  copy_check(b);
  int64_t n = arg_int(a[1]);
  if (n < 0) vm::panic_string("strings.Builder.Grow: negative count");
  auto* s = vm::as_ptr<vm::String>(b[kBuf]);
  if (!s || buffer_cap(s) - s->len < n) builder_reserve(b, n);
}

void Builder_Write(Thread&, Slot* a) {
  std::string bytes = byte_slice_bytes(a[1]);
  builder_append(builder(a[0]), bytes);
  a[0] = from_int(int64_t(bytes.size()));
  a[1] = 0;
}

void Builder_WriteByte(Thread&, Slot* a) {
  char c = static_cast<char>(a[1]);
  builder_append(builder(a[0]), std::string_view(&c, 1));
  a[0] = 0;
}

void Builder_WriteRune(Thread&, Slot* a) {
  std::string enc;
  rt::encoderune(enc, int32_t(a[1]));
  builder_append(builder(a[0]), enc);
  a[0] = from_int(int64_t(enc.size()));
  a[1] = 0;
}

// The hot path of string building loops: an unshared buffer of this very
// Builder (copy check passed before) with room for s is appended to in
// place; anything else goes through builder_append.
void Builder_WriteString(Thread&, Slot* a) {
  std::string_view s = arg_str(a[1]);
  Slot* b = builder(a[0]);
  auto* buf = vm::as_ptr<vm::String>(b[kBuf]);
  if (buf && !s.empty() && b[kAddr] == vm::from_ptr(b) && !b[kShared] &&
      buf->len + int64_t(s.size()) <= buffer_cap(buf)) {
    std::memcpy(buf->data + buf->len, s.data(), s.size());
    buf->len += int64_t(s.size());
  } else {
    builder_append(b, s);
  }
  a[0] = from_int(int64_t(s.size()));
  a[1] = 0;
}

// ---------------------------------------------------------------- searching
int64_t index_of(std::string_view s, std::string_view sub) {
  size_t i = s.find(sub);
  return i == std::string_view::npos ? -1 : int64_t(i);
}

int64_t last_index_of(std::string_view s, std::string_view sub) {
  size_t i = s.rfind(sub);
  return i == std::string_view::npos ? -1 : int64_t(i);
}

int64_t index_rune(std::string_view s, int32_t r) {
  if (r >= 0 && r < 0x80) return index_of(s, std::string_view(reinterpret_cast<const char*>(&r), 1));
  if (r == kRuneError) {
    for (size_t i = 0; i < s.size();) {
      int w;
      if (rt::decoderune(s.substr(i), &w) == kRuneError) return int64_t(i);
      i += size_t(w);
    }
    return -1;
  }
  if (rune_len(r) < 0) return -1;
  std::string enc;
  rt::encoderune(enc, r);
  return index_of(s, enc);
}

bool rune_in(std::string_view chars, int32_t r) {
  for (size_t i = 0; i < chars.size();) {
    int w;
    int32_t c = rt::decoderune(chars.substr(i), &w);
    if (c == r) return true;
    i += size_t(w);
  }
  return false;
}

int64_t index_any(std::string_view s, std::string_view chars) {
  if (chars.empty()) return -1;
  for (size_t i = 0; i < s.size();) {
    int w;
    int32_t r = rt::decoderune(s.substr(i), &w);
    if (rune_in(chars, r)) return int64_t(i);
    i += size_t(w);
  }
  return -1;
}

int64_t last_index_any(std::string_view s, std::string_view chars) {
  if (chars.empty()) return -1;
  for (size_t i = s.size(); i > 0;) {
    int w;
    int32_t r = decode_last_rune(s.substr(0, i), &w);
    i -= size_t(w);
    if (rune_in(chars, r)) return int64_t(i);
  }
  return -1;
}

int64_t count(std::string_view s, std::string_view sub) {
  if (sub.empty()) return rune_count(s) + 1;
  int64_t n = 0;
  for (size_t i = s.find(sub); i != std::string_view::npos; i = s.find(sub, i + sub.size())) n++;
  return n;
}

void Contains(Thread&, Slot* a) { a[0] = from_bool(index_of(arg_str(a[0]), arg_str(a[1])) >= 0); }
void ContainsRune(Thread&, Slot* a) { a[0] = from_bool(index_rune(arg_str(a[0]), int32_t(a[1])) >= 0); }
void ContainsAny(Thread&, Slot* a) { a[0] = from_bool(index_any(arg_str(a[0]), arg_str(a[1])) >= 0); }
void HasPrefix(Thread&, Slot* a) { a[0] = from_bool(arg_str(a[0]).starts_with(arg_str(a[1]))); }
void HasSuffix(Thread&, Slot* a) { a[0] = from_bool(arg_str(a[0]).ends_with(arg_str(a[1]))); }
void Index(Thread&, Slot* a) { a[0] = from_int(index_of(arg_str(a[0]), arg_str(a[1]))); }
void IndexByte(Thread&, Slot* a) {
  char c = static_cast<char>(a[1]);
  a[0] = from_int(index_of(arg_str(a[0]), std::string_view(&c, 1)));
}
void IndexRune(Thread&, Slot* a) { a[0] = from_int(index_rune(arg_str(a[0]), int32_t(a[1]))); }
void IndexAny(Thread&, Slot* a) { a[0] = from_int(index_any(arg_str(a[0]), arg_str(a[1]))); }
void LastIndex(Thread&, Slot* a) { a[0] = from_int(last_index_of(arg_str(a[0]), arg_str(a[1]))); }
void LastIndexByte(Thread&, Slot* a) {
  char c = static_cast<char>(a[1]);
  a[0] = from_int(last_index_of(arg_str(a[0]), std::string_view(&c, 1)));
}
void LastIndexAny(Thread&, Slot* a) { a[0] = from_int(last_index_any(arg_str(a[0]), arg_str(a[1]))); }
void Count(Thread&, Slot* a) { a[0] = from_int(count(arg_str(a[0]), arg_str(a[1]))); }
void Compare(Thread&, Slot* a) {
  int c = arg_str(a[0]).compare(arg_str(a[1]));
  a[0] = from_int(c < 0 ? -1 : c > 0 ? 1 : 0);
}

// Go's EqualFold: runes are equal under simple case folding when one is
// reached from the other along its unicode.SimpleFold orbit.
bool equal_fold(std::string_view s, std::string_view t) {
  size_t i = 0, j = 0;
  while (i < s.size() && j < t.size()) {
    int ws, wt;
    int32_t sr = rt::decoderune(s.substr(i), &ws);
    int32_t tr = rt::decoderune(t.substr(j), &wt);
    i += size_t(ws);
    j += size_t(wt);
    if (tr == sr) continue;
    // Make sr < tr to simplify what follows.
    if (tr < sr) std::swap(sr, tr);
    // Fast check for ASCII.
    if (tr < 0x80) {
      // ASCII only, sr/tr must be upper/lower case
      if ('A' <= sr && sr <= 'Z' && tr == sr + 'a' - 'A') continue;
      return false;
    }
    // General case. SimpleFold(x) returns the next equivalent rune > x
    // or wraps around to smaller values.
    int32_t r = unicode_tables::simple_fold(sr);
    while (r != sr && r < tr) r = unicode_tables::simple_fold(r);
    if (r == tr) continue;
    return false;
  }
  // One string is empty. Are both?
  return i == s.size() && j == t.size();
}
void EqualFold(Thread&, Slot* a) { a[0] = from_bool(equal_fold(arg_str(a[0]), arg_str(a[1]))); }

// ---------------------------------------------------------------- splitting
// Go's explode: s split into UTF-8 sequences, at most n pieces (n < 0: all).
std::vector<std::string> explode(std::string_view s, int64_t n) {
  int64_t l = rune_count(s);
  if (n < 0 || n > l) n = l;
  std::vector<std::string> out;
  for (int64_t i = 0; i < n - 1; i++) {
    int w;
    rt::decoderune(s, &w);
    out.emplace_back(s.substr(0, size_t(w)));
    s.remove_prefix(size_t(w));
  }
  if (n > 0) out.emplace_back(s);
  return out;
}

// Go's genSplit: sep_save bytes of sep stay with each piece (SplitAfter).
Slot gen_split(std::string_view s, std::string_view sep, size_t sep_save, int64_t n) {
  if (n == 0) return 0;
  if (sep.empty()) return new_string_slice(explode(s, n));
  if (n < 0) n = count(s, sep) + 1;
  std::vector<std::string> out;
  out.reserve(size_t(std::min<int64_t>(n, int64_t(s.size()) + 1)));
  while (int64_t(out.size()) < n - 1) {
    size_t m = s.find(sep);
    if (m == std::string_view::npos) break;
    out.emplace_back(s.substr(0, m + sep_save));
    s.remove_prefix(m + sep.size());
  }
  out.emplace_back(s);
  return new_string_slice(out);
}

void Split(Thread&, Slot* a) { a[0] = gen_split(arg_str(a[0]), arg_str(a[1]), 0, -1); }
void SplitN(Thread&, Slot* a) { a[0] = gen_split(arg_str(a[0]), arg_str(a[1]), 0, arg_int(a[2])); }
void SplitAfter(Thread&, Slot* a) {
  a[0] = gen_split(arg_str(a[0]), arg_str(a[1]), arg_str(a[1]).size(), -1);
}
void SplitAfterN(Thread&, Slot* a) {
  a[0] = gen_split(arg_str(a[0]), arg_str(a[1]), arg_str(a[1]).size(), arg_int(a[2]));
}

// Go's asciiSpace: the bytes below 0x80 that unicode.IsSpace accepts.
constexpr std::array<bool, 128> kAsciiSpace = [] {
  std::array<bool, 128> t{};
  for (unsigned char c : {'\t', '\n', '\v', '\f', '\r', ' '}) t[c] = true;
  return t;
}();

// Calls emit(field) for each maximal run of non-space code points of s, as
// Go's Fields splits: ASCII bytes by table, everything else decoded and
// checked with unicode.IsSpace (an invalid byte decodes to U+FFFD, which
// is no space, so it stays in its field).
template <typename F>
void for_each_field(std::string_view s, F emit) {
  const char* p = s.data();
  size_t n = s.size();
  size_t start = 0;
  bool in_field = false;
  for (size_t i = 0; i < n;) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    size_t w = 1;
    bool space;
    if (c < 0x80) {
      space = kAsciiSpace[c];
    } else {
      int iw = 1;
      space = is_space(rt::decoderune(s.substr(i), &iw));
      w = size_t(iw);
    }
    if (space) {
      if (in_field) emit(std::string_view(p + start, i - start));
      in_field = false;
    } else if (!in_field) {
      start = i;
      in_field = true;
    }
    i += w;
  }
  if (in_field) emit(std::string_view(p + start, n - start));
}

// The number of fields of s when s is all ASCII (else -1): the non-space
// bytes that follow a space or start s. No branch per byte: word lengths are
// irregular, so a branch at each boundary would mostly mispredict.
int64_t count_ascii_fields(std::string_view s) {
  int64_t n = 0;
  unsigned prev_space = 1, high = 0;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    high |= c;
    unsigned space = kAsciiSpace[c & 0x7f];
    n += prev_space & (space ^ 1);
    prev_space = space;
  }
  return high & 0x80 ? -1 : n;
}

// Counts the fields first so that the []string is allocated once at its
// final size (never nil, like Go's make([]string, n)), then makes each
// element straight from its bytes.
void Fields(Thread&, Slot* a) {
  std::string_view s = arg_str(a[0]);
  int64_t n = count_ascii_fields(s);
  if (n < 0) {
    n = 0;
    for_each_field(s, [&n](std::string_view) { n++; });
  }
  vm::Slice* out = vm::make_slice(types().String(), n, n);
  int64_t i = 0;
  for_each_field(s, [out, &i](std::string_view f) { out->data[i++] = vm::make_string(f); });
  a[0] = vm::from_ptr(out);
}

void Join(Thread&, Slot* a) {
  auto* elems = vm::as_ptr<vm::Slice>(a[0]);
  std::string_view sep = arg_str(a[1]);
  std::string out;
  for (int64_t i = 0; elems && i < elems->len; i++) {
    if (i > 0) out += sep;
    out += vm::str_view(elems->data[i]);
  }
  a[0] = vm::make_string(out);
}

void Repeat(Thread&, Slot* a) {
  std::string_view s = arg_str(a[0]);
  int64_t n = arg_int(a[1]);
  if (n < 0) vm::panic_string("strings: negative Repeat count");
  if (s.empty() || n == 0) {
    a[0] = 0;
    return;
  }
  if (int64_t(s.size()) > (int64_t(1) << 40) / n)
    vm::panic_string("strings: Repeat output length overflow");
  std::string out;
  out.reserve(s.size() * size_t(n));
  for (int64_t i = 0; i < n; i++) out += s;
  a[0] = vm::make_string(out);
}

std::string replace(std::string_view s, std::string_view old, std::string_view repl, int64_t n) {
  if (old == repl || n == 0) return std::string(s);
  int64_t m = count(s, old);
  if (m == 0) return std::string(s);
  if (n < 0 || m < n) n = m;
  std::string out;
  size_t start = 0;
  for (int64_t i = 0; i < n; i++) {
    size_t j = start;
    if (old.empty()) {
      if (i > 0) {
        int w;
        rt::decoderune(s.substr(start), &w);
        j += size_t(w);
      }
    } else {
      j = s.find(old, start);
    }
    out += s.substr(start, j - start);
    out += repl;
    start = j + old.size();
  }
  out += s.substr(start);
  return out;
}

void Replace(Thread&, Slot* a) {
  a[0] = vm::make_string(replace(arg_str(a[0]), arg_str(a[1]), arg_str(a[2]), arg_int(a[3])));
}
void ReplaceAll(Thread&, Slot* a) {
  a[0] = vm::make_string(replace(arg_str(a[0]), arg_str(a[1]), arg_str(a[2]), -1));
}

// ---------------------------------------------------------------- case
template <class F>
Slot map_runes(std::string_view s, F f) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(f(c));
      i++;
      continue;
    }
    int w;
    int32_t r = rt::decoderune(s.substr(i), &w);
    rt::encoderune(out, f(r));
    i += size_t(w);
  }
  return vm::make_string(out);
}

void ToUpper(Thread&, Slot* a) { a[0] = map_runes(arg_str(a[0]), to_upper); }
void ToLower(Thread&, Slot* a) { a[0] = map_runes(arg_str(a[0]), to_lower); }
void ToTitle(Thread&, Slot* a) { a[0] = map_runes(arg_str(a[0]), to_title); }

// Title (deprecated in Go): upper-cases letters that begin words.
void Title(Thread&, Slot* a) {
  bool prev_sep = true;
  a[0] = map_runes(arg_str(a[0]), [&](int32_t r) {
    bool sep = !(is_letter(r) || is_digit(r) || r == '_');
    if (r >= 0x80) sep = is_space(r);
    int32_t out = prev_sep ? to_title(r) : r;
    prev_sep = sep;
    return out;
  });
}

// ---------------------------------------------------------------- trimming
std::string_view trim_left_set(std::string_view s, std::string_view cutset) {
  while (!s.empty()) {
    int w;
    int32_t r = rt::decoderune(s, &w);
    if (!rune_in(cutset, r)) break;
    s.remove_prefix(size_t(w));
  }
  return s;
}

std::string_view trim_right_set(std::string_view s, std::string_view cutset) {
  while (!s.empty()) {
    int w;
    int32_t r = decode_last_rune(s, &w);
    if (!rune_in(cutset, r)) break;
    s.remove_suffix(size_t(w));
  }
  return s;
}

std::string_view trim_space(std::string_view s) {
  while (!s.empty()) {
    int w;
    if (!is_space(rt::decoderune(s, &w))) break;
    s.remove_prefix(size_t(w));
  }
  while (!s.empty()) {
    int w;
    if (!is_space(decode_last_rune(s, &w))) break;
    s.remove_suffix(size_t(w));
  }
  return s;
}

// Results that are substrings of an argument are fresh strings (natives
// may not return views into their arguments' storage).
void TrimSpace(Thread&, Slot* a) { a[0] = vm::make_string(trim_space(arg_str(a[0]))); }
void Trim(Thread&, Slot* a) {
  a[0] = vm::make_string(trim_right_set(trim_left_set(arg_str(a[0]), arg_str(a[1])), arg_str(a[1])));
}
void TrimLeft(Thread&, Slot* a) { a[0] = vm::make_string(trim_left_set(arg_str(a[0]), arg_str(a[1]))); }
void TrimRight(Thread&, Slot* a) { a[0] = vm::make_string(trim_right_set(arg_str(a[0]), arg_str(a[1]))); }
void TrimPrefix(Thread&, Slot* a) {
  std::string_view s = arg_str(a[0]), p = arg_str(a[1]);
  if (!p.empty() && s.starts_with(p)) a[0] = vm::make_string(s.substr(p.size()));
}
void TrimSuffix(Thread&, Slot* a) {
  std::string_view s = arg_str(a[0]), p = arg_str(a[1]);
  if (!p.empty() && s.ends_with(p)) a[0] = vm::make_string(s.substr(0, s.size() - p.size()));
}

const vm::NativeEntry kNatives[] = {
    {"strings.(*Builder).String", Builder_String},
    {"strings.(*Builder).Len", Builder_Len},
    {"strings.(*Builder).Cap", Builder_Cap},
    {"strings.(*Builder).Reset", Builder_Reset},
    {"strings.(*Builder).Grow", Builder_Grow},
    {"strings.(*Builder).Write", Builder_Write},
    {"strings.(*Builder).WriteByte", Builder_WriteByte},
    {"strings.(*Builder).WriteRune", Builder_WriteRune},
    {"strings.(*Builder).WriteString", Builder_WriteString},
    {"strings.Contains", Contains},
    {"strings.ContainsRune", ContainsRune},
    {"strings.ContainsAny", ContainsAny},
    {"strings.HasPrefix", HasPrefix},
    {"strings.HasSuffix", HasSuffix},
    {"strings.Index", Index},
    {"strings.IndexByte", IndexByte},
    {"strings.IndexRune", IndexRune},
    {"strings.IndexAny", IndexAny},
    {"strings.LastIndex", LastIndex},
    {"strings.LastIndexByte", LastIndexByte},
    {"strings.LastIndexAny", LastIndexAny},
    {"strings.Split", Split},
    {"strings.SplitN", SplitN},
    {"strings.SplitAfter", SplitAfter},
    {"strings.SplitAfterN", SplitAfterN},
    {"strings.Join", Join},
    {"strings.Fields", Fields},
    {"strings.Repeat", Repeat},
    {"strings.Replace", Replace},
    {"strings.ReplaceAll", ReplaceAll},
    {"strings.ToUpper", ToUpper},
    {"strings.ToLower", ToLower},
    {"strings.ToTitle", ToTitle},
    {"strings.Title", Title},
    {"strings.TrimSpace", TrimSpace},
    {"strings.Trim", Trim},
    {"strings.TrimLeft", TrimLeft},
    {"strings.TrimRight", TrimRight},
    {"strings.TrimPrefix", TrimPrefix},
    {"strings.TrimSuffix", TrimSuffix},
    {"strings.Count", Count},
    {"strings.EqualFold", EqualFold},
    {"strings.Compare", Compare},
};

}  // namespace

std::span<const vm::NativeEntry> strings_natives() { return kNatives; }

}  // namespace mgo::stdlib

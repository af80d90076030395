// Helpers shared by the natives: []byte and []string values, UTF-8 in Go's
// rules, and method-set queries on runtime types.
#include "stdlib/natives.h"

#include "lang/types.h"

namespace mgo::stdlib {

Slot new_byte_slice(std::string_view b, bool nil_if_empty) {
  if (b.empty() && nil_if_empty) return 0;
  int64_t n = static_cast<int64_t>(b.size());
  vm::Slice* s = vm::make_slice(types().Uint8(), n, n);
  for (int64_t i = 0; i < n; i++) s->data[i] = static_cast<unsigned char>(b[i]);
  return vm::from_ptr(s);
}

std::string byte_slice_bytes(Slot s) {
  auto* sl = vm::as_ptr<vm::Slice>(s);
  std::string out;
  if (!sl) return out;
  out.resize(size_t(sl->len));
  for (int64_t i = 0; i < sl->len; i++) out[size_t(i)] = static_cast<char>(sl->data[i]);
  return out;
}

Slot new_string_slice(std::span<const std::string> elems) {
  int64_t n = static_cast<int64_t>(elems.size());
  vm::Slice* s = vm::make_slice(types().String(), n, n);
  for (int64_t i = 0; i < n; i++) s->data[i] = vm::make_string(elems[size_t(i)]);
  return vm::from_ptr(s);
}

Slot new_int_slice(std::span<const int64_t> elems) {
  int64_t n = static_cast<int64_t>(elems.size());
  vm::Slice* s = vm::make_slice(types().Int(), n, n);
  for (int64_t i = 0; i < n; i++) s->data[i] = static_cast<Slot>(elems[size_t(i)]);
  return vm::from_ptr(s);
}

// ---------------------------------------------------------------- UTF-8
// Go's unicode/utf8 decoder: the first byte's class bounds the second byte,
// so overlong encodings and surrogates are rejected as Go rejects them.
int32_t decode_rune(std::string_view s, int* width) {
  size_t n = s.size();
  if (n == 0) { *width = 0; return kRuneError; }
  auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) { *width = 1; return b0; }
  int need;
  int32_t r;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) { need = 1; r = b0 & 0x1F; }
  else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2; r = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3; r = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else { *width = 1; return kRuneError; }
  if (n < size_t(need) + 1) { *width = 1; return kRuneError; }
  for (int i = 1; i <= need; i++) {
    auto b = static_cast<unsigned char>(s[size_t(i)]);
    if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) { *width = 1; return kRuneError; }
    r = (r << 6) | (b & 0x3F);
  }
  *width = need + 1;
  return r;
}

int32_t decode_last_rune(std::string_view s, int* width) {
  if (s.empty()) { *width = 0; return kRuneError; }
  size_t end = s.size();
  size_t start = end - 1;
  if (static_cast<unsigned char>(s[start]) < 0x80) { *width = 1; return static_cast<unsigned char>(s[start]); }
  size_t lim = end >= 4 ? end - 4 : 0;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
  int w;
  int32_t r = decode_rune(s.substr(start), &w);
  if (start + size_t(w) != end) { *width = 1; return kRuneError; }
  *width = w;
  return r;
}

int rune_len(int32_t r) {
  if (r < 0) return -1;
  if (r < 0x80) return 1;
  if (r < 0x800) return 2;
  if (r >= 0xD800 && r <= 0xDFFF) return -1;
  if (r < 0x10000) return 3;
  if (r <= kMaxRune) return 4;
  return -1;
}

void append_rune(std::string& out, int32_t r) {
  if (rune_len(r) < 0) r = kRuneError;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

int64_t rune_count(std::string_view s) {
  int64_t n = 0;
  for (size_t i = 0; i < s.size(); n++) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { i++; continue; }
    int w;
    decode_rune(s.substr(i), &w);
    i += size_t(w);
  }
  return n;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { i++; continue; }
    int w;
    if (decode_rune(s.substr(i), &w) == kRuneError && w == 1) return false;
    i += size_t(w);
  }
  return true;
}

}  // namespace mgo::stdlib

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

int32_t decode_last_rune(std::string_view s, int* width) {
  if (s.empty()) { *width = 0; return kRuneError; }
  size_t end = s.size();
  size_t start = end - 1;
  if (static_cast<unsigned char>(s[start]) < 0x80) { *width = 1; return static_cast<unsigned char>(s[start]); }
  size_t lim = end >= 4 ? end - 4 : 0;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
  int w;
  int32_t r = rt::decoderune(s.substr(start), &w);
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


int64_t rune_count(std::string_view s) {
  int64_t n = 0;
  for (size_t i = 0; i < s.size(); n++) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { i++; continue; }
    int w;
    rt::decoderune(s.substr(i), &w);
    i += size_t(w);
  }
  return n;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { i++; continue; }
    int w;
    if (rt::decoderune(s.substr(i), &w) == kRuneError && w == 1) return false;
    i += size_t(w);
  }
  return true;
}

}  // namespace mgo::stdlib

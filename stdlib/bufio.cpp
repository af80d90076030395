// bufio: the byte searches under Scanner's split functions and Reader.
#include "stdlib/natives.h"

namespace mgo::stdlib {

namespace {

// func indexByte(b []byte, c byte) int
void indexByte(Thread&, Slot* a) {
  auto* s = vm::as_ptr<vm::Slice>(a[0]);
  Slot c = a[1] & 0xFF;
  int64_t found = -1;
  for (int64_t i = 0; s && i < s->len; i++) {
    if (s->data[i] == c) {
      found = i;
      break;
    }
  }
  a[0] = from_int(found);
}

// Decodes the rune at data[i] (a []byte of slots).
int32_t rune_at(const vm::Slice* s, int64_t i, int* width) {
  char buf[4];
  int64_t n = std::min<int64_t>(4, s->len - i);
  for (int64_t k = 0; k < n; k++) buf[k] = static_cast<char>(s->data[i + k]);
  return rt::decoderune(std::string_view(buf, size_t(n)), width);
}

// func wordBounds(data []byte) (start, end, width int)
void wordBounds(Thread&, Slot* a) {
  auto* s = vm::as_ptr<vm::Slice>(a[0]);
  int64_t len = s ? s->len : 0;
  int64_t start = 0;
  int w = 0;
  while (start < len) {
    if (!is_space(rune_at(s, start, &w))) break;
    start += w;
  }
  int64_t end = -1;
  for (int64_t i = start; i < len; i += w) {
    if (is_space(rune_at(s, i, &w))) {
      end = i;
      break;
    }
  }
  a[0] = from_int(start);
  a[1] = from_int(end);
  a[2] = from_int(end >= 0 ? w : 0);
}

const vm::NativeEntry kNatives[] = {
    {"bufio.indexByte", indexByte},
    {"bufio.wordBounds", wordBounds},
};

}  // namespace

std::span<const vm::NativeEntry> bufio_natives() { return kNatives; }

// io has no natives; its table is empty.
std::span<const vm::NativeEntry> io_natives() { return {}; }

}  // namespace mgo::stdlib

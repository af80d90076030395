// What the native halves of the standard packages share: each package's
// table of natives (collected by registry.cpp) and helpers for moving bytes
// and strings between C++ and Go's register representation (vm/value.h).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/utf8.h"
#include "vm/api.h"

namespace mgo::stdlib {

using vm::Slot;
using vm::Thread;

// One table per native file; registry.cpp indexes them all by symbol.
std::span<const vm::NativeEntry> fmt_natives();
std::span<const vm::NativeEntry> fmt_scan_natives();
std::span<const vm::NativeEntry> strings_natives();
std::span<const vm::NativeEntry> strconv_natives();
std::span<const vm::NativeEntry> math_natives();
std::span<const vm::NativeEntry> sort_natives();
std::span<const vm::NativeEntry> errors_natives();
std::span<const vm::NativeEntry> os_natives();
std::span<const vm::NativeEntry> bufio_natives();
std::span<const vm::NativeEntry> unicode_natives();
std::span<const vm::NativeEntry> rand_natives();
std::span<const vm::NativeEntry> io_natives();
std::span<const vm::NativeEntry> sync_natives();
std::span<const vm::NativeEntry> time_natives();
std::span<const vm::NativeEntry> context_natives();

// Every native symbol of every table (for tests).
std::vector<std::string_view> all_native_names();

// ---- arguments and results
inline std::string_view arg_str(Slot s) { return vm::str_view(s); }
inline int64_t arg_int(Slot s) { return static_cast<int64_t>(s); }
inline Slot from_int(int64_t v) { return static_cast<Slot>(v); }
inline Slot from_bool(bool b) { return b ? 1 : 0; }

// ---- []byte: one slot per byte (vm/value.h: an element takes its slots)
// A fresh []byte holding b (nil for an empty b when nil_if_empty).
Slot new_byte_slice(std::string_view b, bool nil_if_empty = false);
// The bytes of a []byte value.
std::string byte_slice_bytes(Slot s);
inline int64_t slice_len(Slot s) {
  auto* sl = vm::as_ptr<vm::Slice>(s);
  return sl ? sl->len : 0;
}
// A fresh []string / []int.
Slot new_string_slice(std::span<const std::string> elems);
Slot new_int_slice(std::span<const int64_t> elems);

// ---- UTF-8 (Go's unicode/utf8 rules: invalid bytes decode as U+FFFD width 1);
// decoding and encoding are rt::decoderune / rt::encoderune (runtime/utf8.h).
constexpr int32_t kRuneError = 0xFFFD;
constexpr int32_t kMaxRune = 0x10FFFF;
// Decodes the last rune of s.
int32_t decode_last_rune(std::string_view s, int* width);
int rune_len(int32_t r);  // -1 when r is not a valid rune
int64_t rune_count(std::string_view s);
bool valid_utf8(std::string_view s);

// ---- unicode predicates (stdlib/unicode.cpp, Go's tables)
bool is_space(int32_t r);
bool is_print(int32_t r);  // Go's strconv.IsPrint / unicode.IsPrint
bool is_letter(int32_t r);
bool is_digit(int32_t r);
int32_t to_upper(int32_t r);
int32_t to_lower(int32_t r);
int32_t to_title(int32_t r);

}  // namespace mgo::stdlib

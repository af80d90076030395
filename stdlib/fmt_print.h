// fmt's formatting engine (Go's fmt/print.go and fmt/format.go): Printf's
// verbs, flags, widths and precisions, and Print's rules for every kind of
// value, walking values by their runtime Type (lang/types.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stdlib/natives.h"

namespace mgo::stdlib {

// A value being printed: its type (nullptr: a nil interface) and its
// register representation. can_iface is false below an unexported struct
// field, where Go's reflection may not call methods.
struct FmtValue {
  const Type* type = nullptr;
  Slot v = 0;
  bool can_iface = true;
};

// The value held by an interface slot (Iface*, possibly nil).
FmtValue unbox_arg(Slot iface);

class Printer {
 public:
  // t is needed to call String()/Error() methods; it may be null in tests
  // that print only values without methods.
  explicit Printer(Thread* t) : thread_(t) {}

  void do_printf(std::string_view format, const FmtValue* args, size_t n);
  void do_print(const FmtValue* args, size_t n);
  void do_println(const FmtValue* args, size_t n);

  // For Errorf: accept %w, and record which arguments it wrapped.
  void allow_wrap() { wrap_errs_ = true; }
  const std::vector<int64_t>& wrapped() const { return wrapped_; }
  bool reordered() const { return reordered_; }

  const std::string& str() const { return buf_; }

 private:
  struct Flags {
    bool wid_present = false, prec_present = false, minus = false, plus = false, sharp = false,
         space = false, zero = false, plus_v = false, sharp_v = false;
  };

  // ---- fmt/format.go: padding and the formatting of basic values
  void write_padding(int n);
  void pad(std::string_view s);
  void fmt_boolean(bool v);
  void fmt_unicode(uint64_t u);
  void fmt_integer(uint64_t u, int base, bool is_signed, int32_t verb, const char* digits);
  std::string_view truncate(std::string_view s) const;
  void fmt_s(std::string_view s);
  void fmt_sbx(std::string_view s, const char* digits);
  void fmt_q(std::string_view s);
  void fmt_c(uint64_t c);
  void fmt_qc(uint64_t c);
  void fmt_float_basic(double v, int size, int32_t verb, int prec);

  // ---- fmt/print.go: verbs by kind, methods, and values
  void bad_verb(int32_t verb);
  void fmt_bool(bool v, int32_t verb);
  void fmt_0x64(uint64_t v, bool leading0x);
  void fmt_int(uint64_t v, bool is_signed, int32_t verb);
  void fmt_float(double v, int size, int32_t verb);
  void fmt_string(std::string_view v, int32_t verb);
  void fmt_bytes(std::string_view v, bool is_nil, int32_t verb, const std::string& type_string,
                 const FmtValue& value);
  void fmt_pointer(const FmtValue& value, int32_t verb);
  bool handle_methods(int32_t verb);
  bool call_string_method(std::string_view method, int32_t verb);
  void print_arg(const FmtValue& arg, int32_t verb);
  void print_value(const FmtValue& value, int32_t verb, int depth);
  void print_map(const FmtValue& value, int32_t verb, int depth);
  void print_struct(const FmtValue& value, int32_t verb, int depth);
  void print_list(const FmtValue& value, int32_t verb, int depth);
  bool print_basic(const FmtValue& value, int32_t verb);

  // ---- doPrintf's helpers
  bool arg_number(int& arg_num, std::string_view format, size_t& i, size_t num_args);
  void write_rune(int32_t r);

  Thread* thread_;
  std::string buf_;
  Flags f_;
  int wid_ = 0, prec_ = 0;
  FmtValue arg_;      // p.arg: the operand, as an interface holds it
  FmtValue value_;    // p.value: the value being printed by print_value
  bool have_arg_ = false;
  bool have_value_ = false;
  bool erroring_ = false, panicking_ = false, wrap_errs_ = false;
  bool reordered_ = false, good_arg_num_ = true;
  std::vector<int64_t> wrapped_;
};

}  // namespace mgo::stdlib

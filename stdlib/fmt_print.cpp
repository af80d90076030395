// fmt's formatting engine: a C++ rendering of Go's fmt/print.go (pp) and
// fmt/format.go (fmt), following Go's control flow function by function so
// every corner (bad verbs, missing and extra operands, %!v(PANIC=...), the
// zero flag's interplay with signs) prints what Go prints.
#include "stdlib/fmt_print.h"

#include <algorithm>
#include <cmath>

#include "lang/types.h"
#include "stdlib/strconv.h"

namespace mgo::stdlib {

namespace {

const char kLdigits[] = "0123456789abcdefx";
const char kUdigits[] = "0123456789ABCDEFX";

bool too_large(int64_t x) { return x > 1000000 || x < -1000000; }

// Go's parsenum: a decimal number at format[start..end).
bool parsenum(std::string_view s, size_t start, size_t end, int* num, size_t* newi) {
  *num = 0;
  bool isnum = false;
  if (start >= end) {
    *newi = end;
    return false;
  }
  size_t i = start;
  for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
    if (too_large(*num)) {
      *num = 0;
      *newi = end;
      return false;
    }
    *num = *num * 10 + (s[i] - '0');
    isnum = true;
  }
  *newi = i;
  return isnum;
}

const Type* stringer_type() {
  static const Type* t = types().interface(
      {Method{"String", types().func({}, {types().String()}, false), Pos{}}});
  return t;
}

const Type* gostringer_type() {
  static const Type* t = types().interface(
      {Method{"GoString", types().func({}, {types().String()}, false), Pos{}}});
  return t;
}

bool is_int_kind(Kind k) { return k >= Kind::Int && k <= Kind::Int64; }
bool is_uint_kind(Kind k) { return k >= Kind::Uint && k <= Kind::Uintptr; }

// Sign-extends an integer slot of kind k (the VM keeps narrow ints extended,
// but be robust to stale high bits).
int64_t int_value(Kind k, Slot v) {
  switch (k) {
    case Kind::Int8: return int8_t(v);
    case Kind::Int16: return int16_t(v);
    case Kind::Int32: return int32_t(v);
    default: return int64_t(v);
  }
}

uint64_t uint_value(Kind k, Slot v) {
  switch (k) {
    case Kind::Uint8: return uint8_t(v);
    case Kind::Uint16: return uint16_t(v);
    case Kind::Uint32: return uint32_t(v);
    default: return v;
  }
}

// The address %p and %v print for reference kinds.
uint64_t pointer_value(const FmtValue& v) {
  if (v.type->ukind() == Kind::Slice) {
    auto* s = vm::as_ptr<vm::Slice>(v.v);
    return s ? vm::from_ptr(s->data) : 0;
  }
  return v.v;
}

// fmtsort's compare: the order Go prints map keys in.
int compare_values(const Type* t, Slot a, Slot b);

int compare_aggregate_elems(const Type* elem, const Slot* a, const Slot* b, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    int64_t off = i * elem->slots();
    if (int c = compare_values(elem, vm::load_value(elem, const_cast<Slot*>(a + off)),
                               vm::load_value(elem, const_cast<Slot*>(b + off))))
      return c;
  }
  return 0;
}

int compare_values(const Type* t, Slot a, Slot b) {
  const Type* u = t->underlying();
  Kind k = u->kind;
  if (is_int_kind(k)) {
    int64_t x = int_value(k, a), y = int_value(k, b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (is_uint_kind(k) || k == Kind::Pointer || k == Kind::Chan || k == Kind::UnsafePointer) {
    uint64_t x = is_uint_kind(k) ? uint_value(k, a) : a, y = is_uint_kind(k) ? uint_value(k, b) : b;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  switch (k) {
    case Kind::String: {
      int c = vm::str_view(a).compare(vm::str_view(b));
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case Kind::Float32: case Kind::Float64: {
      double x = vm::as_f64(a), y = vm::as_f64(b);
      if (x < y) return -1;
      if (x > y) return 1;
      if (std::isnan(x) && !std::isnan(y)) return -1;
      if (!std::isnan(x) && std::isnan(y)) return 1;
      return 0;
    }
    case Kind::Bool:
      return a == b ? 0 : (a == 0 ? -1 : 1);
    case Kind::Struct:
      for (const StructField& f : u->fields) {
        Slot* pa = vm::as_ptr<Slot>(a) + f.offset;
        Slot* pb = vm::as_ptr<Slot>(b) + f.offset;
        if (int c = compare_values(f.type, vm::load_value(f.type, pa), vm::load_value(f.type, pb)))
          return c;
      }
      return 0;
    case Kind::Array:
      return compare_aggregate_elems(u->elem, vm::as_ptr<Slot>(a), vm::as_ptr<Slot>(b), u->len);
    case Kind::Interface: {
      auto* x = vm::as_ptr<vm::Iface>(a);
      auto* y = vm::as_ptr<vm::Iface>(b);
      if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
      // Go orders different dynamic types by their descriptors' addresses;
      // mgo orders them by name, which is at least deterministic.
      if (x->type != y->type) {
        int c = x->type->str().compare(y->type->str());
        if (c != 0) return c < 0 ? -1 : 1;
        return x->type < y->type ? -1 : 1;
      }
      return compare_values(x->type, vm::unbox_iface(a), vm::unbox_iface(b));
    }
    default:
      return 0;
  }
}

struct MapEntry {
  Slot key, value;
};

void collect_entry(void* ctx, Slot key, Slot value) {
  static_cast<std::vector<MapEntry>*>(ctx)->push_back({key, value});
}

}  // namespace

FmtValue unbox_arg(Slot iface) {
  auto* i = vm::as_ptr<vm::Iface>(iface);
  if (!i) return {};
  return {i->type, vm::unbox_iface(iface), true};
}

// ================================================================ format.go

void Printer::write_padding(int n) {
  if (n <= 0) return;
  buf_.append(size_t(n), f_.zero ? '0' : ' ');
}

void Printer::pad(std::string_view s) {
  if (!f_.wid_present || wid_ == 0) {
    buf_ += s;
    return;
  }
  int width = wid_ - int(rune_count(s));
  if (!f_.minus) {
    write_padding(width);
    buf_ += s;
  } else {
    buf_ += s;
    write_padding(width);
  }
}

void Printer::fmt_boolean(bool v) { pad(v ? "true" : "false"); }

void Printer::fmt_unicode(uint64_t u) {
  int prec = 4;
  if (f_.prec_present && prec_ > 4) prec = prec_;
  std::string digits;
  uint64_t x = u;
  do {
    digits.insert(digits.begin(), kUdigits[x & 0xF]);
    x >>= 4;
    prec--;
  } while (x);
  std::string out = "U+";
  if (prec > 0) out.append(size_t(prec), '0');
  out += digits;
  if (f_.sharp && u <= uint64_t(kMaxRune) && is_print(int32_t(u))) {
    out += " '";
    rt::encoderune(out, int32_t(u));
    out += '\'';
  }
  bool old_zero = f_.zero;
  f_.zero = false;
  pad(out);
  f_.zero = old_zero;
}

void Printer::fmt_integer(uint64_t u, int base, bool is_signed, int32_t verb, const char* digits) {
  bool negative = is_signed && int64_t(u) < 0;
  if (negative) u = uint64_t(0) - u;
  int prec = 0;
  if (f_.prec_present) {
    prec = prec_;
    if (prec == 0 && u == 0) {
      bool old_zero = f_.zero;
      f_.zero = false;
      write_padding(wid_);
      f_.zero = old_zero;
      return;
    }
  } else if (f_.zero && f_.wid_present) {
    prec = wid_;
    if (negative || f_.plus || f_.space) prec--;  // leave room for the sign
  }
  std::string num;  // built backwards
  switch (base) {
    case 10: do { num += char('0' + u % 10); u /= 10; } while (u); break;
    case 16: do { num += digits[u & 0xF]; u >>= 4; } while (u); break;
    case 8: do { num += char('0' + (u & 7)); u >>= 3; } while (u); break;
    default: do { num += char('0' + (u & 1)); u >>= 1; } while (u); break;
  }
  while (int(num.size()) < prec) num += '0';
  if (f_.sharp) {
    switch (base) {
      case 2: num += "b0"; break;
      case 8: if (num.back() != '0') num += '0'; break;
      case 16: num += digits[16]; num += '0'; break;
      default: break;
    }
  }
  if (verb == 'O') num += "o0";
  if (negative) num += '-';
  else if (f_.plus) num += '+';
  else if (f_.space) num += ' ';
  std::reverse(num.begin(), num.end());
  bool old_zero = f_.zero;
  f_.zero = false;
  pad(num);
  f_.zero = old_zero;
}

std::string_view Printer::truncate(std::string_view s) const {
  if (!f_.prec_present) return s;
  int n = prec_;
  for (size_t i = 0; i < s.size();) {
    if (--n < 0) return s.substr(0, i);
    int w = 1;
    if (static_cast<unsigned char>(s[i]) >= 0x80) rt::decoderune(s.substr(i), &w);
    i += size_t(w);
  }
  return s;
}

void Printer::fmt_s(std::string_view s) { pad(truncate(s)); }

void Printer::fmt_sbx(std::string_view s, const char* digits) {
  int length = int(s.size());
  if (f_.prec_present && prec_ < length) length = prec_;
  int width = 2 * length;
  if (width > 0) {
    if (f_.space) {
      if (f_.sharp) width *= 2;
      width += length - 1;
    } else if (f_.sharp) {
      width += 2;
    }
  } else {
    if (f_.wid_present) write_padding(wid_);
    return;
  }
  if (f_.wid_present && wid_ > width && !f_.minus) write_padding(wid_ - width);
  if (f_.sharp) {
    buf_ += '0';
    buf_ += digits[16];
  }
  for (int i = 0; i < length; i++) {
    if (f_.space && i > 0) {
      buf_ += ' ';
      if (f_.sharp) {
        buf_ += '0';
        buf_ += digits[16];
      }
    }
    auto c = static_cast<unsigned char>(s[size_t(i)]);
    buf_ += digits[c >> 4];
    buf_ += digits[c & 0xF];
  }
  if (f_.wid_present && wid_ > width && f_.minus) write_padding(wid_ - width);
}

void Printer::fmt_q(std::string_view s) {
  s = truncate(s);
  if (f_.sharp && can_backquote(s)) {
    pad("`" + std::string(s) + "`");
    return;
  }
  pad(quote_with(s, '"', f_.plus, false));
}

void Printer::fmt_c(uint64_t c) {
  int32_t r = c > uint64_t(kMaxRune) ? kRuneError : int32_t(c);
  std::string out;
  rt::encoderune(out, r);
  pad(out);
}

void Printer::fmt_qc(uint64_t c) {
  int32_t r = c > uint64_t(kMaxRune) ? kRuneError : int32_t(c);
  pad(quote_rune(r, f_.plus));
}

void Printer::fmt_float_basic(double v, int size, int32_t verb, int prec) {
  if (f_.prec_present) prec = prec_;
  std::string num = format_float(v, char(verb), prec, size);
  if (num[0] != '-' && num[0] != '+') num.insert(num.begin(), '+');
  if (f_.space && num[0] == '+' && !f_.plus) num[0] = ' ';
  if (num[1] == 'I' || num[1] == 'N') {
    bool old_zero = f_.zero;
    f_.zero = false;
    if (num[1] == 'N' && !f_.space && !f_.plus) num.erase(0, 1);
    pad(num);
    f_.zero = old_zero;
    return;
  }
  if (f_.sharp && verb != 'b') {
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') digits = prec == -1 ? 6 : prec;
    std::string tail;
    bool has_point = false, saw_nonzero = false;
    for (size_t i = 1; i < num.size(); i++) {
      char c = num[i];
      if (c == '.') {
        has_point = true;
      } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
        tail = num.substr(i);
        num.resize(i);
        break;
      } else {
        if (c != '0') saw_nonzero = true;
        if (saw_nonzero) digits--;
      }
    }
    if (!has_point) {
      if (num.size() == 2 && num[1] == '0') digits--;  // a leading 0 counts as a digit
      num += '.';
    }
    while (digits-- > 0) num += '0';
    num += tail;
  }
  if (f_.plus || num[0] != '+') {
    if (f_.zero && f_.wid_present && wid_ > int(num.size())) {
      buf_ += num[0];
      write_padding(wid_ - int(num.size()));
      buf_.append(num, 1);
      return;
    }
    pad(num);
    return;
  }
  pad(std::string_view(num).substr(1));
}

// ================================================================ print.go

void Printer::write_rune(int32_t r) { rt::encoderune(buf_, r); }

void Printer::bad_verb(int32_t verb) {
  erroring_ = true;
  buf_ += "%!";
  write_rune(verb);
  buf_ += '(';
  if (have_arg_ && arg_.type) {
    buf_ += arg_.type->str();
    buf_ += '=';
    print_arg(arg_, 'v');
  } else if (have_value_ && value_.type) {
    buf_ += value_.type->str();
    buf_ += '=';
    print_value(value_, 'v', 0);
  } else {
    buf_ += "<nil>";
  }
  buf_ += ')';
  erroring_ = false;
}

void Printer::fmt_bool(bool v, int32_t verb) {
  if (verb == 't' || verb == 'v') fmt_boolean(v);
  else bad_verb(verb);
}

void Printer::fmt_0x64(uint64_t v, bool leading0x) {
  bool sharp = f_.sharp;
  f_.sharp = leading0x;
  fmt_integer(v, 16, false, 'v', kLdigits);
  f_.sharp = sharp;
}

void Printer::fmt_int(uint64_t v, bool is_signed, int32_t verb) {
  switch (verb) {
    case 'v':
      if (f_.sharp_v && !is_signed) fmt_0x64(v, true);
      else fmt_integer(v, 10, is_signed, verb, kLdigits);
      break;
    case 'd': fmt_integer(v, 10, is_signed, verb, kLdigits); break;
    case 'b': fmt_integer(v, 2, is_signed, verb, kLdigits); break;
    case 'o': case 'O': fmt_integer(v, 8, is_signed, verb, kLdigits); break;
    case 'x': fmt_integer(v, 16, is_signed, verb, kLdigits); break;
    case 'X': fmt_integer(v, 16, is_signed, verb, kUdigits); break;
    case 'c': fmt_c(v); break;
    case 'q': fmt_qc(v); break;
    case 'U': fmt_unicode(v); break;
    default: bad_verb(verb);
  }
}

void Printer::fmt_float(double v, int size, int32_t verb) {
  switch (verb) {
    case 'v': fmt_float_basic(v, size, 'g', -1); break;
    case 'b': case 'g': case 'G': case 'x': case 'X': fmt_float_basic(v, size, verb, -1); break;
    case 'f': case 'e': case 'E': fmt_float_basic(v, size, verb, 6); break;
    case 'F': fmt_float_basic(v, size, 'f', 6); break;
    default: bad_verb(verb);
  }
}

void Printer::fmt_string(std::string_view v, int32_t verb) {
  switch (verb) {
    case 'v':
      if (f_.sharp_v) fmt_q(v);
      else fmt_s(v);
      break;
    case 's': fmt_s(v); break;
    case 'x': fmt_sbx(v, kLdigits); break;
    case 'X': fmt_sbx(v, kUdigits); break;
    case 'q': fmt_q(v); break;
    default: bad_verb(verb);
  }
}

void Printer::fmt_bytes(std::string_view v, bool is_nil, int32_t verb,
                        const std::string& type_string, const FmtValue& value) {
  switch (verb) {
    case 'v': case 'd':
      if (f_.sharp_v) {
        buf_ += type_string;
        if (is_nil) {
          buf_ += "(nil)";
          return;
        }
        buf_ += '{';
        for (size_t i = 0; i < v.size(); i++) {
          if (i > 0) buf_ += ", ";
          fmt_0x64(static_cast<unsigned char>(v[i]), true);
        }
        buf_ += '}';
      } else {
        buf_ += '[';
        for (size_t i = 0; i < v.size(); i++) {
          if (i > 0) buf_ += ' ';
          fmt_integer(static_cast<unsigned char>(v[i]), 10, false, verb, kLdigits);
        }
        buf_ += ']';
      }
      break;
    case 's': fmt_s(v); break;
    case 'x': fmt_sbx(v, kLdigits); break;
    case 'X': fmt_sbx(v, kUdigits); break;
    case 'q': fmt_q(v); break;
    default: {
      // Go prints the slice element by element, each with the bad verb.
      FmtValue plain = value;
      plain.can_iface = false;
      print_list(plain, verb, 0);
    }
  }
}

void Printer::fmt_pointer(const FmtValue& value, int32_t verb) {
  switch (value.type->ukind()) {
    case Kind::Chan: case Kind::Func: case Kind::Map: case Kind::Pointer: case Kind::Slice:
    case Kind::UnsafePointer:
      break;
    default:
      bad_verb(verb);
      return;
  }
  uint64_t u = pointer_value(value);
  switch (verb) {
    case 'v':
      if (f_.sharp_v) {
        buf_ += '(';
        buf_ += value.type->str();
        buf_ += ")(";
        if (u == 0) buf_ += "nil";
        else fmt_0x64(u, true);
        buf_ += ')';
      } else if (u == 0) {
        pad("<nil>");
      } else {
        fmt_0x64(u, !f_.sharp);
      }
      break;
    case 'p': fmt_0x64(u, !f_.sharp); break;
    case 'b': case 'o': case 'd': case 'x': case 'X': fmt_int(u, false, verb); break;
    default: bad_verb(verb);
  }
}

// Calls arg_'s String/Error/GoString method and prints its result; a panic
// in the method prints as Go's catchPanic does.
bool Printer::call_string_method(std::string_view method, int32_t verb) {
  Slot fn = vm::find_method(arg_.type, method);
  if (!fn || !thread_) return false;
  FmtValue arg = arg_;
  Slot recv = arg.type->is_aggregate() ? vm::copy_aggregate(arg.type, arg.v) : arg.v;
  Slot args[1] = {recv};
  try {
    vm::call_func(*thread_, fn, args, 1, 1);
  } catch (const vm::GoPanic& p) {
    if (vm::is_goexit(p)) throw;  // recover() sees nil during Goexit: not fmt's to catch
    if (arg.type->ukind() == Kind::Pointer && arg.v == 0) {
      buf_ += "<nil>";
      return true;
    }
    if (panicking_) throw;
    Flags old = f_;
    f_ = Flags{};
    buf_ += "%!";
    write_rune(verb);
    buf_ += "(PANIC=";
    buf_ += method;
    buf_ += " method: ";
    panicking_ = true;
    print_arg(unbox_arg(p.value), 'v');
    panicking_ = false;
    buf_ += ')';
    f_ = old;
    return true;
  }
  std::string s(vm::str_view(args[0]));
  if (method == "GoString") fmt_s(s);
  else fmt_string(s, verb);
  return true;
}

bool Printer::handle_methods(int32_t verb) {
  if (erroring_) return false;
  if (verb == 'w') {
    if (!arg_.type || !implements(arg_.type, types().Error()) || !wrap_errs_) {
      bad_verb(verb);
      return true;
    }
    verb = 'v';
  }
  if (!arg_.type) return false;
  if (f_.sharp_v) {
    if (implements(arg_.type, gostringer_type())) return call_string_method("GoString", verb);
    return false;
  }
  switch (verb) {
    case 'v': case 's': case 'x': case 'X': case 'q':
      if (implements(arg_.type, types().Error())) return call_string_method("Error", verb);
      if (implements(arg_.type, stringer_type())) return call_string_method("String", verb);
      return false;
    default:
      return false;
  }
}

// Prints values of unnamed basic types and []byte, as printArg's type
// switch does; false for everything else.
bool Printer::print_basic(const FmtValue& a, int32_t verb) {
  const Type* t = a.type;
  if (t->is_named()) return false;
  Kind k = t->kind;
  if (k == Kind::Bool) fmt_bool(a.v != 0, verb);
  else if (k == Kind::Float32) fmt_float(vm::as_f64(a.v), 32, verb);
  else if (k == Kind::Float64) fmt_float(vm::as_f64(a.v), 64, verb);
  else if (is_int_kind(k)) fmt_int(uint64_t(int_value(k, a.v)), true, verb);
  else if (is_uint_kind(k)) fmt_int(uint_value(k, a.v), false, verb);
  else if (k == Kind::String) fmt_string(vm::str_view(a.v), verb);
  else if (k == Kind::Slice && t->elem->kind == Kind::Uint8)
    fmt_bytes(byte_slice_bytes(a.v), a.v == 0, verb, "[]byte", a);
  else return false;
  return true;
}

void Printer::print_arg(const FmtValue& arg, int32_t verb) {
  arg_ = arg;
  have_arg_ = true;
  have_value_ = false;
  if (!arg.type) {
    if (verb == 'T' || verb == 'v') pad("<nil>");
    else bad_verb(verb);
    return;
  }
  if (verb == 'T') {
    fmt_s(arg.type->str());
    return;
  }
  if (verb == 'p') {
    fmt_pointer(arg, 'p');
    return;
  }
  if (print_basic(arg, verb)) return;
  if (!handle_methods(verb)) print_value(arg, verb, 0);
}

void Printer::print_value(const FmtValue& value, int32_t verb, int depth) {
  vm::check_native_stack();
  if (depth > 0 && value.type && value.can_iface) {
    arg_ = value;
    if (value.type->is_interface()) {
      arg_ = unbox_arg(value.v);
      arg_.can_iface = true;
    }
    have_arg_ = true;
    if (handle_methods(verb)) return;
  }
  have_arg_ = false;
  arg_ = {};
  value_ = value;
  have_value_ = true;
  if (!value.type) {
    if (depth == 0) buf_ += "<invalid reflect.Value>";
    else if (verb == 'v') buf_ += "<nil>";
    else bad_verb(verb);
    return;
  }
  const Type* u = value.type->underlying();
  Kind k = u->kind;
  if (k == Kind::Bool) fmt_bool(value.v != 0, verb);
  else if (is_int_kind(k)) fmt_int(uint64_t(int_value(k, value.v)), true, verb);
  else if (is_uint_kind(k)) fmt_int(uint_value(k, value.v), false, verb);
  else if (k == Kind::Float32) fmt_float(vm::as_f64(value.v), 32, verb);
  else if (k == Kind::Float64) fmt_float(vm::as_f64(value.v), 64, verb);
  else if (k == Kind::String) fmt_string(vm::str_view(value.v), verb);
  else if (k == Kind::Map) print_map(value, verb, depth);
  else if (k == Kind::Struct) print_struct(value, verb, depth);
  else if (k == Kind::Interface) {
    auto* i = vm::as_ptr<vm::Iface>(value.v);
    if (!i) {
      if (f_.sharp_v) {
        buf_ += value.type->str();
        buf_ += "(nil)";
      } else {
        buf_ += "<nil>";
      }
    } else {
      FmtValue inner = unbox_arg(value.v);
      inner.can_iface = value.can_iface;
      print_value(inner, verb, depth + 1);
    }
  } else if (k == Kind::Array || k == Kind::Slice) {
    print_list(value, verb, depth);
  } else if (k == Kind::Pointer) {
    if (depth == 0 && value.v != 0) {
      Kind ek = u->elem->ukind();
      if (ek == Kind::Array || ek == Kind::Slice || ek == Kind::Struct || ek == Kind::Map) {
        buf_ += '&';
        FmtValue elem{u->elem, vm::load_value(u->elem, vm::as_ptr<Slot>(value.v)), value.can_iface};
        print_value(elem, verb, depth + 1);
        return;
      }
    }
    fmt_pointer(value, verb);
  } else if (k == Kind::Chan || k == Kind::Func || k == Kind::UnsafePointer) {
    fmt_pointer(value, verb);
  } else {
    buf_ += '?';
    buf_ += value.type->str();
    buf_ += '?';
  }
}

void Printer::print_map(const FmtValue& value, int32_t verb, int depth) {
  const Type* u = value.type->underlying();
  if (f_.sharp_v) {
    buf_ += value.type->str();
    if (value.v == 0) {
      buf_ += "(nil)";
      return;
    }
    buf_ += '{';
  } else {
    buf_ += "map[";
  }
  std::vector<MapEntry> entries;
  entries.reserve(size_t(vm::map_len(value.v)));
  vm::map_for_each(value.v, collect_entry, &entries);
  std::stable_sort(entries.begin(), entries.end(), [&](const MapEntry& a, const MapEntry& b) {
    return compare_values(u->key, a.key, b.key) < 0;
  });
  for (size_t i = 0; i < entries.size(); i++) {
    if (i > 0) buf_ += f_.sharp_v ? ", " : " ";
    print_value({u->key, entries[i].key, value.can_iface}, verb, depth + 1);
    buf_ += ':';
    print_value({u->elem, entries[i].value, value.can_iface}, verb, depth + 1);
  }
  buf_ += f_.sharp_v ? '}' : ']';
}

void Printer::print_struct(const FmtValue& value, int32_t verb, int depth) {
  const Type* u = value.type->underlying();
  if (f_.sharp_v) buf_ += value.type->str();
  buf_ += '{';
  auto* base = vm::as_ptr<Slot>(value.v);
  for (size_t i = 0; i < u->fields.size(); i++) {
    const StructField& f = u->fields[i];
    if (i > 0) buf_ += f_.sharp_v ? ", " : " ";
    if ((f_.plus_v || f_.sharp_v) && !f.name.empty()) {
      buf_ += f.name;
      buf_ += ':';
    }
    FmtValue field{f.type, vm::load_value(f.type, base + f.offset), value.can_iface && f.exported};
    // getField: a non-nil interface field prints as the value it holds.
    if (f.type->is_interface() && field.v != 0) {
      bool can = field.can_iface;
      field = unbox_arg(field.v);
      field.can_iface = can;
    }
    print_value(field, verb, depth + 1);
  }
  buf_ += '}';
}

void Printer::print_list(const FmtValue& value, int32_t verb, int depth) {
  const Type* u = value.type->underlying();
  const Type* elem = u->elem;
  Slot* data;
  int64_t len;
  if (u->kind == Kind::Slice) {
    auto* s = vm::as_ptr<vm::Slice>(value.v);
    data = s ? s->data : nullptr;
    len = s ? s->len : 0;
  } else {
    data = vm::as_ptr<Slot>(value.v);
    len = u->len;
  }
  int es = elem->slots();
  if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') && elem->ukind() == Kind::Uint8) {
    std::string bytes(size_t(len), '\0');
    for (int64_t i = 0; i < len; i++) bytes[size_t(i)] = static_cast<char>(data[i]);
    fmt_bytes(bytes, value.v == 0, verb, value.type->str(), value);
    return;
  }
  if (f_.sharp_v) {
    buf_ += value.type->str();
    if (u->kind == Kind::Slice && value.v == 0) {
      buf_ += "(nil)";
      return;
    }
    buf_ += '{';
    for (int64_t i = 0; i < len; i++) {
      if (i > 0) buf_ += ", ";
      print_value({elem, vm::load_value(elem, data + i * es), value.can_iface}, verb, depth + 1);
    }
    buf_ += '}';
  } else {
    buf_ += '[';
    for (int64_t i = 0; i < len; i++) {
      if (i > 0) buf_ += ' ';
      print_value({elem, vm::load_value(elem, data + i * es), value.can_iface}, verb, depth + 1);
    }
    buf_ += ']';
  }
}

// ================================================================ doPrintf

namespace {

// Go's intFromArg: an int operand for '*'.
bool int_from_arg(const FmtValue* a, size_t n, int& arg_num, int* num) {
  *num = 0;
  if (size_t(arg_num) >= n) return false;
  const FmtValue& v = a[arg_num];
  bool is_int = false;
  if (v.type) {
    Kind k = v.type->ukind();
    if (is_int_kind(k)) {
      *num = int(int_value(k, v.v));
      is_int = true;
    } else if (is_uint_kind(k)) {
      uint64_t x = uint_value(k, v.v);
      if (int64_t(x) >= 0 && x <= uint64_t(INT32_MAX)) {
        *num = int(x);
        is_int = true;
      } else {
        *num = 1 << 30;  // too large either way
        is_int = true;
      }
    }
    if (is_int && k != Kind::Int && is_int_kind(k)) {
      // int64 values that do not fit in int are fine on 64-bit targets.
    }
  }
  arg_num++;
  if (too_large(*num)) {
    *num = 0;
    is_int = false;
  }
  return is_int;
}

// Go's parseArgNumber: "[n]" at the front of format.
bool parse_arg_number(std::string_view format, int* index, size_t* wid) {
  if (format.size() < 3) {
    *index = 0;
    *wid = 1;
    return false;
  }
  for (size_t i = 1; i < format.size(); i++) {
    if (format[i] == ']') {
      int width;
      size_t newi;
      bool ok = parsenum(format, 1, i, &width, &newi);
      if (!ok || newi != i) {
        *index = 0;
        *wid = i + 1;
        return false;
      }
      *index = width - 1;
      *wid = i + 1;
      return true;
    }
  }
  *index = 0;
  *wid = 1;
  return false;
}

}  // namespace

bool Printer::arg_number(int& arg_num, std::string_view format, size_t& i, size_t num_args) {
  if (format.size() <= i || format[i] != '[') return false;
  reordered_ = true;
  int index;
  size_t wid;
  bool ok = parse_arg_number(format.substr(i), &index, &wid);
  if (ok && 0 <= index && size_t(index) < num_args) {
    arg_num = index;
    i += wid;
    return true;
  }
  good_arg_num_ = false;
  i += wid;
  return ok;
}

void Printer::do_printf(std::string_view format, const FmtValue* a, size_t n) {
  size_t end = format.size();
  int arg_num = 0;
  bool after_index = false;
  reordered_ = false;
  for (size_t i = 0; i < end;) {
    good_arg_num_ = true;
    size_t lasti = i;
    while (i < end && format[i] != '%') i++;
    if (i > lasti) buf_ += format.substr(lasti, i - lasti);
    if (i >= end) break;
    i++;  // skip %
    f_ = Flags{};
    bool simple_done = false;
    for (; i < end; i++) {
      char c = format[i];
      if (c == '#') f_.sharp = true;
      else if (c == '0') f_.zero = !f_.minus;
      else if (c == '+') f_.plus = true;
      else if (c == '-') { f_.minus = true; f_.zero = false; }
      else if (c == ' ') f_.space = true;
      else {
        // Fast path for a simple verb with no width, precision or index.
        if ('a' <= c && c <= 'z' && size_t(arg_num) < n) {
          if (c == 'w') wrapped_.push_back(arg_num);
          if (c == 'v' || c == 'w') {
            f_.sharp_v = f_.sharp;
            f_.sharp = false;
            f_.plus_v = f_.plus;
            f_.plus = false;
          }
          print_arg(a[arg_num], c);
          arg_num++;
          i++;
          simple_done = true;
        }
        break;
      }
    }
    if (simple_done) continue;

    after_index = arg_number(arg_num, format, i, n);
    if (i < end && format[i] == '*') {
      i++;
      f_.wid_present = int_from_arg(a, n, arg_num, &wid_);
      if (!f_.wid_present) buf_ += "%!(BADWIDTH)";
      if (wid_ < 0) {
        wid_ = -wid_;
        f_.minus = true;
        f_.zero = false;
      }
      after_index = false;
    } else {
      f_.wid_present = parsenum(format, i, end, &wid_, &i);
      if (after_index && f_.wid_present) good_arg_num_ = false;
    }

    if (i + 1 < end && format[i] == '.') {
      i++;
      if (after_index) good_arg_num_ = false;
      after_index = arg_number(arg_num, format, i, n);
      if (i < end && format[i] == '*') {
        i++;
        f_.prec_present = int_from_arg(a, n, arg_num, &prec_);
        if (prec_ < 0) {
          prec_ = 0;
          f_.prec_present = false;
        }
        if (!f_.prec_present) buf_ += "%!(BADPREC)";
        after_index = false;
      } else {
        f_.prec_present = parsenum(format, i, end, &prec_, &i);
        if (!f_.prec_present) {
          prec_ = 0;
          f_.prec_present = true;
        }
      }
    }

    if (!after_index) after_index = arg_number(arg_num, format, i, n);

    if (i >= end) {
      buf_ += "%!(NOVERB)";
      break;
    }

    int32_t verb = static_cast<unsigned char>(format[i]);
    int size = 1;
    if (verb >= 0x80) verb = rt::decoderune(format.substr(i), &size);
    i += size_t(size);

    if (verb == '%') {
      buf_ += '%';
    } else if (!good_arg_num_) {
      buf_ += "%!";
      write_rune(verb);
      buf_ += "(BADINDEX)";
    } else if (size_t(arg_num) >= n) {
      buf_ += "%!";
      write_rune(verb);
      buf_ += "(MISSING)";
    } else {
      if (verb == 'w') wrapped_.push_back(arg_num);
      if (verb == 'v' || verb == 'w') {
        f_.sharp_v = f_.sharp;
        f_.sharp = false;
        f_.plus_v = f_.plus;
        f_.plus = false;
      }
      print_arg(a[arg_num], verb);
      arg_num++;
    }
  }

  if (!reordered_ && size_t(arg_num) < n) {
    f_ = Flags{};
    buf_ += "%!(EXTRA ";
    for (size_t k = size_t(arg_num); k < n; k++) {
      if (k > size_t(arg_num)) buf_ += ", ";
      if (!a[k].type) {
        buf_ += "<nil>";
      } else {
        buf_ += a[k].type->str();
        buf_ += '=';
        print_arg(a[k], 'v');
      }
    }
    buf_ += ')';
  }
}

void Printer::do_print(const FmtValue* a, size_t n) {
  bool prev_string = false;
  for (size_t i = 0; i < n; i++) {
    bool is_string = a[i].type && a[i].type->ukind() == Kind::String;
    if (i > 0 && !is_string && !prev_string) buf_ += ' ';
    print_arg(a[i], 'v');
    prev_string = is_string;
  }
}

void Printer::do_println(const FmtValue* a, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i > 0) buf_ += ' ';
    print_arg(a[i], 'v');
  }
  buf_ += '\n';
}

// ================================================================ natives
namespace {

std::vector<FmtValue> unbox_args(Slot slice) {
  std::vector<FmtValue> out;
  auto* s = vm::as_ptr<vm::Slice>(slice);
  if (!s) return out;
  out.reserve(size_t(s->len));
  for (int64_t i = 0; i < s->len; i++) out.push_back(unbox_arg(s->data[i]));
  return out;
}

std::string sprintf(Thread& t, Slot format, Slot args) {
  std::vector<FmtValue> a = unbox_args(args);
  Printer p(&t);
  p.do_printf(vm::str_view(format), a.data(), a.size());
  return p.str();
}

std::string sprint(Thread& t, Slot args, bool ln) {
  std::vector<FmtValue> a = unbox_args(args);
  Printer p(&t);
  if (ln) p.do_println(a.data(), a.size());
  else p.do_print(a.data(), a.size());
  return p.str();
}

// The results go through NativeArgs: String and Error methods called while
// formatting may move the goroutine's stack (vm/api.h).
void Sprintf(Thread& t, Slot* a) {
  vm::NativeArgs args(t, a);
  std::string s = sprintf(t, a[0], a[1]);
  args.get()[0] = vm::make_string(s);
}
void Sprint(Thread& t, Slot* a) {
  vm::NativeArgs args(t, a);
  std::string s = sprint(t, a[0], false);
  args.get()[0] = vm::make_string(s);
}
void Sprintln(Thread& t, Slot* a) {
  vm::NativeArgs args(t, a);
  std::string s = sprint(t, a[0], true);
  args.get()[0] = vm::make_string(s);
}

// Print, Println and Printf go straight to the VM's stdout buffer.
void print_result(const vm::NativeArgs& args, const std::string& s) {
  vm::write_stdout(s);
  Slot* a = args.get();
  a[0] = from_int(int64_t(s.size()));
  a[1] = 0;
}

void Printf(Thread& t, Slot* a) {
  vm::NativeArgs args(t, a);
  print_result(args, sprintf(t, a[0], a[1]));
}
void Print(Thread& t, Slot* a) {
  vm::NativeArgs args(t, a);
  print_result(args, sprint(t, a[0], false));
}
void Println(Thread& t, Slot* a) {
  vm::NativeArgs args(t, a);
  print_result(args, sprint(t, a[0], true));
}

// func errorf(format string, a []any) (string, []int): the message and the
// operands %w wrapped, sorted and deduplicated as Go 1.20's Errorf does.
void errorf(Thread& t, Slot* a) {
  vm::NativeArgs res(t, a);
  std::vector<FmtValue> args = unbox_args(a[1]);
  Printer p(&t);
  p.allow_wrap();
  p.do_printf(vm::str_view(a[0]), args.data(), args.size());
  std::vector<int64_t> w = p.wrapped();
  if (p.reordered()) std::sort(w.begin(), w.end());
  w.erase(std::unique(w.begin(), w.end()), w.end());
  Slot msg = vm::make_string(p.str());
  Slot wrapped = new_int_slice(w);
  res.get()[0] = msg;
  res.get()[1] = wrapped;
}

const vm::NativeEntry kNatives[] = {
    {"fmt.Sprintf", Sprintf}, {"fmt.Sprint", Sprint}, {"fmt.Sprintln", Sprintln},
    {"fmt.Printf", Printf},   {"fmt.Print", Print},   {"fmt.Println", Println},
    {"fmt.errorf", errorf},
};

}  // namespace

std::span<const vm::NativeEntry> fmt_natives() { return kNatives; }

}  // namespace mgo::stdlib

// The VM's runtime support: threads and calls from C++, panics and their
// report, runtime error values, method lookup, output, print/println.
#include <unistd.h>

#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <span>
#include <string>

#include "runtime/proc.h"
#include "vm/goroutine.h"
#include "vm/interp_util.h"
#include "vm/run.h"
#include "vm/thread.h"

namespace mgo::vm {

// ---------------------------------------------------------------- output

namespace {

std::string& stdout_buffer() {
  static std::string buf;
  return buf;
}

// Goroutines on several threads print at once; each write is whole, as
// Go's writes to os.Stdout are. Never held across a goroutine switch.
std::mutex stdout_mu;

void flush_locked() {
  std::string& b = stdout_buffer();
  size_t off = 0;
  while (off < b.size()) {
    ssize_t n = ::write(1, b.data() + off, b.size() - off);
    if (n <= 0) break;
    off += size_t(n);
  }
  b.clear();
}

std::vector<std::string>& args_storage() {
  static std::vector<std::string> args;
  return args;
}

}  // namespace

void write_stdout(std::string_view bytes) {
  std::lock_guard<std::mutex> lk(stdout_mu);
  std::string& b = stdout_buffer();
  b.append(bytes);
  if (b.size() >= (64 << 10)) flush_locked();
}

void flush_stdout() {
  std::lock_guard<std::mutex> lk(stdout_mu);
  flush_locked();
}

void write_stderr(std::string_view bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(2, bytes.data() + off, bytes.size() - off);
    if (n <= 0) break;
    off += size_t(n);
  }
}

namespace {

// Only the first goroutine to die reports and exits: another that fails at
// the same moment (the second loser of a map race, a panic beside a fatal
// error) would interleave its report with the first, so it waits for the
// exit instead, blocking its thread (Go's startpanic_m does the same); so
// does main returning, or os.Exit, meanwhile: the report is never cut short.
std::atomic<bool> dying{false};

void start_dying() {
  if (dying.exchange(true))
    for (;;) pause();
}

}  // namespace

[[noreturn]] void exit_program(int code) {
  if (dying.load()) for (;;) pause();
  flush_stdout();
  std::_Exit(code);
}

const std::vector<std::string>& program_args() { return args_storage(); }

// ---------------------------------------------------------------- threads

namespace {

constexpr size_t kStackBytes = 1000000000;  // Go's maximum goroutine stack
// 512 bytes: enough for a goroutine that never calls deeply, which is most
// of them; every parked goroutine pays it (issue 4: at most 6 KiB each).
constexpr size_t kInitialSlots = 64;
// Of those, the slots a new goroutine may use before grow_stack is asked
// for more (Thread::stack_cap): grow_stack raises it within the allocation
// without moving anything. So stack_cap is a high-water mark kept off the
// interpreter's call path, and reset zeroes only what was used: 128 bytes
// for a goroutine like most, not the whole allocation (bench/conc/spawn).
constexpr size_t kFirstSlots = 16;

Slot* alloc_slots_zeroed(size_t n) {
  auto* p = static_cast<Slot*>(std::calloc(n, sizeof(Slot)));
  if (!p) {
    std::fputs("fatal error: runtime: out of memory\n", stderr);
    std::_Exit(2);
  }
  return p;
}

// Moves the slot stack to fresh storage of `cap` slots (Go's copystack).
// Frames hold indices, so only raw pointers held across the move go stale.
void copystack(Thread& t, size_t cap) {
  Slot* old = t.stack;
  Slot* s = alloc_slots_zeroed(cap);
  std::memcpy(s, old, sizeof(Slot) * std::min(cap, t.stack_cap));
  t.stack = s;
  t.stack_cap = cap;
  t.stack_alloc = cap;
  std::free(old);
}

}  // namespace

Thread::Thread() {
  stack = alloc_slots_zeroed(kInitialSlots);
  stack_alloc = kInitialSlots;
  stack_cap = kFirstSlots;
  // Slots and frames share Go's 1 GB: a frame record costs its size.
  stack_limit = kStackBytes / sizeof(Slot) / 2;
  max_frames = kStackBytes / 2 / sizeof(Frame);
}

Thread::~Thread() { std::free(stack); }

bool Thread::reset() {
  if (stack_alloc != kInitialSlots || frames.capacity() > FrameStack::kInitialCap) return false;
  std::memset(stack, 0, sizeof(Slot) * stack_cap);
  stack_cap = kFirstSlots;
  frames.clear();
  panic = nullptr;
  crossing = nullptr;
  module = nullptr;
  goid = 0;
  preempt = nullptr;
  goexited = false;
  printing_panics = false;
  creator = {};
  native_floor = 0;
  return true;
}

void grow_stack(Thread& t, size_t top) {
  if (top > t.stack_limit || t.frames.size() >= t.max_frames) stack_overflow(t);
  if (t.frames.full()) t.frames.reserve(t.frames.size() + 1);
  if (top > t.stack_cap) {
    size_t cap = t.stack_cap * 2;
    while (cap < top) cap *= 2;
    cap = std::min(cap, t.stack_limit);
    if (cap <= t.stack_alloc) {
      t.stack_cap = cap;  // already allocated, and zero
    } else {
      copystack(t, cap);
    }
  }
}

NativeArgs::NativeArgs(Thread& t, Slot* args) : t_(t), index_(size_t(args - t.stack)) {}
Slot* NativeArgs::get() const { return t_.stack + index_; }


bool push_call(Thread& t, Closure* fn, size_t base, uint8_t flags) {
  if (!fn) panic_runtime_error("invalid memory address or nil pointer dereference");
  for (;;) {
    Proto* p = fn->proto;
    if (p->kind == ProtoKind::Native) {
      size_t saved = t.native_floor;
      size_t end = base + size_t(std::max(p->nparams, p->nresults));
      ensure_stack(t, end);
      if (end > t.native_floor) t.native_floor = end;
      try {
        p->native(t, t.stack + base);
      } catch (...) {
        t.native_floor = saved;
        throw;
      }
      t.native_floor = saved;
      return false;
    }
    if (p->kind == ProtoKind::Bound) {
      auto* target = as_ptr<Closure>(fn->free[0]);
      int n = target->proto->nparams;
      ensure_stack(t, base + size_t(n));
      Slot* args = t.stack + base;
      if (n > 1) std::memmove(args + 1, args, sizeof(Slot) * size_t(n - 1));
      args[0] = fn->free[1];
      fn = target;
      continue;
    }
    ensure_stack(t, base + size_t(p->nregs));
    t.frames.push_back(Frame{p, p->code.data(), fn, nullptr, base, flags, nullptr});
    return true;
  }
}

// What a native may still use below a check: a callback's execute(), fmt's
// buffers, the unwinder.
constexpr uintptr_t kNativeReserve = 64 << 10;

void check_native_stack() {
  auto sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  rt::g* gp = rt::getg();
  // Off the goroutine's stack (g0, the front end's): nothing to check.
  if (gp && sp >= gp->ctx.stack.lo && sp - gp->ctx.stack.lo < kNativeReserve) [[unlikely]]
    stack_overflow(current_thread());
}

void call_func(Thread& t, Slot fn, Slot* args, int nargs, int nresults) {
  // Each callback nests execute() on the goroutine's native stack, which
  // has no guard page (runtime/stack.h): past the reserve, it is Go's stack
  // overflow rather than a write into the neighbouring stack.
  auto sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (sp - rt::getg()->ctx.stack.lo < kNativeReserve) stack_overflow(t);
  size_t base = t.top();
  size_t width = size_t(std::max(nargs, nresults));
  // A native called from the loop may pass a pointer into the stack (its own
  // arguments): stay above it, and find it again after the stack moves.
  bool in_stack = args >= t.stack && args < t.stack + t.stack_cap;
  size_t at = in_stack ? size_t(args - t.stack) : 0;
  if (in_stack && at + width > base) base = at + width;
#ifdef MGO_STACK_MOVE_DEBUG
  // Every callback moves the stack: stale Slot* across call_func show up
  // under AddressSanitizer as use-after-free (as Go's stack-copy debugging).
  copystack(t, std::max(t.stack_cap, base + width));
#endif
  ensure_stack(t, base + width);
  std::memmove(t.stack + base, in_stack ? t.stack + at : args, sizeof(Slot) * size_t(nargs));
  if (push_call(t, as_ptr<Closure>(fn), base, kFrameNativeEntry)) execute(t, t.frames.size() - 1);
  std::memmove(in_stack ? t.stack + at : args, t.stack + base, sizeof(Slot) * size_t(nresults));
}

int line_at(const Proto* p, const Instr* pc) {
  if (!p || p->lines.empty()) return 0;
  ptrdiff_t i = pc - p->code.data() - 1;
  if (i < 0) i = 0;
  if (size_t(i) >= p->lines.size()) i = ptrdiff_t(p->lines.size()) - 1;
  return p->lines[size_t(i)];
}

// ---------------------------------------------------------------- runtime errors

namespace {

struct RuntimeTypes {
  const Type* error_string = nullptr;     // runtime.errorString: "runtime error: " + s
  const Type* plain_error = nullptr;      // runtime.plainError (a runtime.Error)
  const Type* text_error = nullptr;       // runtime.textError (not a runtime.Error)
  const Type* assertion_error = nullptr;  // *runtime.TypeAssertionError
  const Type* panic_nil = nullptr;        // *runtime.PanicNilError
};

RuntimeTypes& rtypes() {
  static RuntimeTypes r;
  return r;
}

const Type* find_type(Package* pkg, const char* name) {
  if (!pkg || !pkg->scope) return nullptr;
  Object* o = pkg->scope->lookup_local(name);
  return o && o->kind == ObjKind::TypeName ? o->type : nullptr;
}

}  // namespace

void bind_runtime_types(Program* prog) {
  for (Package* p : prog->packages) {
    if (p->path != "runtime") continue;
    RuntimeTypes& r = rtypes();
    r.error_string = find_type(p, "errorString");
    r.plain_error = find_type(p, "plainError");
    r.text_error = find_type(p, "textError");
    if (const Type* t = find_type(p, "TypeAssertionError")) r.assertion_error = types().pointer(t);
    if (const Type* t = find_type(p, "PanicNilError")) r.panic_nil = types().pointer(t);
  }
}

Slot string_iface(std::string_view s) { return box_iface(types().String(), make_string(s)); }

Slot runtime_error_value(std::string_view msg) {
  const Type* t = rtypes().error_string;
  if (!t) return string_iface("runtime error: " + std::string(msg));
  return box_iface(t, make_string(msg));
}

Slot plain_error_value(std::string_view msg, bool runtime_error) {
  const Type* t = runtime_error ? rtypes().plain_error : rtypes().text_error;
  if (!t) return string_iface(msg);
  return box_iface(t, make_string(msg));
}

Slot type_assertion_error_value(std::string msg) {
  const Type* pt = rtypes().assertion_error;
  if (!pt) return string_iface(msg);
  Slot* obj = alloc_slots(pt->elem->slots());
  obj[0] = make_string(msg);  // TypeAssertionError{msg string}
  return box_iface(pt, from_ptr(obj));
}

Slot panic_nil_error_value() {
  const Type* pt = rtypes().panic_nil;
  if (!pt) return string_iface("panic called with nil argument");
  return box_iface(pt, from_ptr(alloc_slots(pt->elem->slots())));
}

[[noreturn]] void panic_runtime_error(std::string msg) { throw GoPanic{runtime_error_value(msg)}; }
[[noreturn]] void panic_plain_error(std::string msg) {
  // Go's plainError values (nil map writes, channel misuse) are runtime.Errors.
  throw GoPanic{plain_error_value(msg, true)};
}
[[noreturn]] void panic_string(std::string msg) { throw GoPanic{string_iface(msg)}; }

void panic_assert(const Type* have, const Type* want, std::string_view src) {
  std::string msg = "interface conversion: ";
  if (!have) {
    msg += (want->is_interface() ? std::string("interface") : std::string(src)) + " is nil, not " +
           want->str();
  } else if (want->is_interface()) {
    std::string missing;
    implements(have, want, &missing);
    msg += have->str() + " is not " + want->str() + ": " + missing;
  } else {
    msg += std::string(src) + " is " + have->str() + ", not " + want->str();
  }
  throw GoPanic{type_assertion_error_value(msg)};
}

// ---------------------------------------------------------------- panics

namespace {

// The frames a panic starting now shows in its trace. Go runs a deferred
// call on top of the frames of the panic that called it and frees them
// only when it recovers, so a panic raised inside such a call shows that
// panic's frames below the deferred call's own; mgo has popped them while
// unwinding, and takes them from that panic's trace.
std::vector<Frame> panic_frames(const Thread& t) {
  for (size_t k = t.frames.size(); k-- > 0;) {
    const Frame& f = t.frames[k];
    if (!(f.flags & kFramePanicDefer) || !f.panic) continue;
    std::vector<Frame> trace = f.panic->trace;
    trace.insert(trace.end(), t.frames.begin() + ptrdiff_t(k), t.frames.end());
    return trace;
  }
  return std::vector<Frame>(t.frames.begin(), t.frames.end());
}

// Runs the next deferred call of the top frame, or pops frames that have
// none. True when a VM frame was pushed to run.
bool unwind(Thread& t, size_t stop_depth) {
  for (;;) {
    if (t.frames.size() <= stop_depth) return false;
    Frame& top = t.frames.back();
    if (Defer* d = top.defers) {
      top.defers = d->link;
      size_t base = t.top();
      ensure_stack(t, base + size_t(d->nargs));
      std::memcpy(t.stack + base, d->args, sizeof(Slot) * size_t(d->nargs));
      try {
        if (push_call(t, d->fn, base, kFramePanicDefer)) {
          t.frames.back().panic = t.panic;
          return true;
        }
      } catch (GoPanic& p) {
        // A native deferred call panicked: the new panic replaces this one.
        t.panic->aborted = true;
        // Go runs it on top of the frames where the panic it runs for
        // started, so those are the new panic's frames.
        Panic* np = new Panic{p.value, t.panic, false, false, is_goexit(p), t.panic->trace};
        t.panic = np;
      }
      continue;
    }
    if ((top.flags & kFramePanicDefer) && top.panic) top.panic->aborted = true;
    t.frames.pop_back();
  }
}

// Drops a recovered panic and the panics it had aborted.
void forget_recovered(Thread& t, Panic* p) {
  t.panic = p->link;
  while (t.panic && t.panic->aborted) t.panic = t.panic->link;
}

}  // namespace

bool start_panic(Thread& t, Slot value, size_t stop_depth) {
  if (t.crossing && t.crossing->value == value) {
    // The panic that left a callback continues here, with its history.
    t.crossing->link = t.panic;
    t.panic = t.crossing;
    t.crossing = nullptr;
  } else {
    t.crossing = nullptr;
    t.panic = new Panic{value, t.panic, false, false, value == goexit_value(), panic_frames(t)};
  }
  return unwind(t, stop_depth);
}

bool after_panic_defer(Thread& t, Panic* p, size_t stop_depth) {
  if (p && p->recovered) {
    forget_recovered(t, p);
    // The frame whose deferred call recovered returns normally: its
    // epilogue runs the remaining deferred calls and returns its results.
    Frame& f = t.frames.back();
    f.pc = f.proto->code.data() + f.proto->defer_ret_pc;
    return true;
  }
  return unwind(t, stop_depth);
}

// ---------------------------------------------------------------- panic report

namespace {

std::string call_string_method(Slot iface, const char* name) {
  Slot fn = find_method(as_ptr<Iface>(iface)->type, name);
  Slot args[1] = {unbox_iface(iface)};
  call_func(current_thread(), fn, args, 1, 1);
  return std::string(str_view(args[0]));
}

std::string format_float(double d) {
  if (d != d) return "NaN";
  if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.6e", d);
  // C prints at least two exponent digits; Go's print always three.
  std::string s = buf;
  size_t e = s.find('e');
  std::string exp = s.substr(e + 2);
  while (exp.size() < 3) exp = "0" + exp;
  return s.substr(0, e + 2) + exp;
}

bool has_method(const Type* t, const char* name, const Type* want_result) {
  Selection sel = lookup_field_or_method(t, name);
  if (sel.kind != Selection::MethodVal || !sel.type) return false;
  if (sel.method && sel.method->recv_ptr && t->kind != Kind::Pointer && !sel.indirect) return false;
  const Type* sig = sel.type;
  return sig->params.empty() && sig->results.size() == 1 && sig->results[0] == want_result;
}

// Go's printpanicval.
std::string panic_value_string(Slot v) {
  auto* x = as_ptr<Iface>(v);
  if (!x) return "nil";
  const Type* t = x->type;
  if (has_method(t, "Error", types().String())) return call_string_method(v, "Error");
  if (has_method(t, "String", types().String())) return call_string_method(v, "String");
  Slot d = unbox_iface(v);
  std::string val;
  switch (t->ukind()) {
    case Kind::String: val = std::string(str_view(d)); break;
    case Kind::Bool: val = d ? "true" : "false"; break;
    case Kind::Int: case Kind::Int8: case Kind::Int16: case Kind::Int32: case Kind::Int64:
      val = std::to_string(int64_t(d)); break;
    case Kind::Uint: case Kind::Uint8: case Kind::Uint16: case Kind::Uint32: case Kind::Uint64:
    case Kind::Uintptr:
      val = std::to_string(uint64_t(d)); break;
    case Kind::Float32: case Kind::Float64: val = format_float(as_f64(d)); break;
    default: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "(%s) %p", t->str().c_str(), as_ptr<void>(d));
      return buf;
    }
  }
  if (!t->is_named()) return val;
  if (t->ukind() == Kind::String) return t->str() + "(\"" + val + "\")";
  return t->str() + "(" + val + ")";
}

void print_panics(Panic* p, std::string& out) {
  // Goexit is not a panic: a panic in a deferred call it runs prints alone.
  Panic* older = p->link;
  while (older && older->goexit) older = older->link;
  if (older) {
    print_panics(older, out);
    out += "\t";
  }
  out += "panic: " + panic_value_string(p->value);
  if (p->recovered) out += " [recovered]";
  out += "\n";
}

bool is_nil_deref(Slot v) {
  auto* x = as_ptr<Iface>(v);
  return x && x->type == rtypes().error_string &&
         str_view(x->data[0]) == "invalid memory address or nil pointer dereference";
}

// A panic's trace says nothing of a locked thread: runtime.main's deferred
// unlock has run by then. A fatal error runs no deferred calls (locked).
std::string trace_string(const Thread& t, std::span<const Frame> frames, size_t limit,
                         bool locked = false) {
  return "goroutine " + std::to_string(t.goid) + (locked ? " [running, locked to thread]:\n" : " [running]:\n") +
         frames_string(t, frames, limit);
}

}  // namespace

std::string frames_string(const Thread& t, std::span<const Frame> frames, size_t limit) {
  std::string out;
  size_t shown = 0;
  for (size_t k = frames.size(); k-- > 0;) {
    const Frame& f = frames[k];
    if (shown++ == limit) {
      out += "...additional frames elided...\n";
      break;
    }
    bool args = f.proto->nparams > 0;
    out += f.proto->name + (args ? "(...)\n" : "()\n");
    out += "\t" + f.proto->file + ":" + std::to_string(line_at(f.proto, f.pc)) + "\n";
  }
  return out + created_by_string(t.creator);
}

std::string created_by_string(const Creator& c) {
  if (c.proto)
    return "created by " + c.proto->name + " in goroutine " + std::to_string(c.goid) + "\n\t" +
           c.proto->file + ":" + std::to_string(line_at(c.proto, c.pc)) + "\n";
  // Go prints the creator's line in its own source tree; mgo's runtime
  // function has none, so the trace stops at the name.
  if (c.native) return std::string("created by ") + c.native + "\n";
  return "";
}

void run_call(Thread& t, Closure* fn, size_t base) {
  try {
    if (push_call(t, fn, base, kFrameNativeEntry)) execute(t, 0);
  } catch (GoPanic& p) {
    // A native function called with no Go frame below it panicked.
    if (is_goexit(p)) return;
    t.panic = new Panic{p.value, nullptr, false, false, false, {}};
    die_of_panic(t);
  }
}

namespace {

// A fatal error prints every goroutine, the failing one first (Go's
// dopanic_m with GOTRACEBACK's "all", which throws force); the others are
// frozen first so their frames hold still. `what` ends in a newline.
[[noreturn]] void die_fatal(Thread& t, const std::string& what, std::span<const Frame> frames) {
  start_dying();
  flush_stdout();
  write_stderr("fatal error: " + what + "\n" + trace_string(t, frames, 100, rt::getg()->lockedm));
  rt::freezetheworld();
  rt::dump_goroutines(rt::getg());
  std::_Exit(2);
}

// What Go's preprintpanics says of a value recovered from a panic in an
// Error or String method: a string itself, else its type.
std::string panic_in_print_string(Slot v) {
  auto* x = as_ptr<Iface>(v);
  if (x && x->type == types().String()) return std::string(str_view(unbox_iface(v)));
  return "type " + (x ? x->type->str() : std::string("nil"));
}

}  // namespace

void die_of_panic(Thread& t) {
  Panic* p = t.panic;
  std::string msg;
  // Go's preprintpanics: the values' Error and String methods run before
  // anything is printed, and a panic in one is a fatal error, shown where
  // it happened, above the frames of the panic being printed.
  t.printing_panics = true;
  try {
    print_panics(p, msg);
  } catch (GoPanic& e) {
    t.printing_panics = false;
    std::vector<Frame> frames = p->trace;
    if (Panic* inner = t.crossing) frames.insert(frames.end(), inner->trace.begin(), inner->trace.end());
    t.crossing = nullptr;
    std::string what = "panic while printing panic value: " + panic_in_print_string(e.value) + "\n";
    if (is_nil_deref(e.value)) what += "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n";
    die_fatal(t, what, frames);
  }
  t.printing_panics = false;
  start_dying();
  flush_stdout();
  if (is_nil_deref(p->value))
    msg += "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n";
  msg += "\n" + trace_string(t, p->trace, 100);
  write_stderr(msg);
  std::_Exit(2);
}

void stack_overflow(Thread& t) {
  start_dying();
  flush_stdout();
  std::string msg =
      "runtime: goroutine stack exceeds 1000000000-byte limit\n"
      "fatal error: stack overflow\n\n";
  msg += trace_string(t, t.frames, 100, rt::getg()->lockedm);
  write_stderr(msg);
  rt::freezetheworld();
  rt::dump_goroutines(rt::getg());
  std::_Exit(2);
}

void fatal_error(Thread& t, std::string_view what) {
  die_fatal(t, std::string(what) + "\n", t.frames);
}

// ---------------------------------------------------------------- print/println

void print_value(uint16_t kind, Slot v, uint16_t flags) {
  std::string s = (flags & 1) ? " " : "";
  char buf[64];
  switch (kind) {
    case kPrintBool: s += v ? "true" : "false"; break;
    case kPrintInt: s += std::to_string(int64_t(v)); break;
    case kPrintUint: s += std::to_string(v); break;
    case kPrintFloat: s += format_float(as_f64(v)); break;
    case kPrintString: s += str_view(v); break;
    case kPrintPointer:
      std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
      s += buf;
      break;
    case kPrintIface: {
      auto* x = as_ptr<Iface>(v);
      std::snprintf(buf, sizeof buf, "(0x%" PRIx64 ",0x%" PRIx64 ")",
                    x ? from_ptr(x->type) : 0, x ? from_ptr(x->data) : 0);
      s += buf;
      break;
    }
    case kPrintSlice: {
      auto* sl = as_ptr<Slice>(v);
      std::snprintf(buf, sizeof buf, "[%" PRId64 "/%" PRId64 "]0x%" PRIx64, sl ? sl->len : 0,
                    sl ? sl->cap : 0, sl ? from_ptr(sl->data) : 0);
      s += buf;
      break;
    }
    case kPrintNil: s += "nil"; break;
    default: break;
  }
  if (flags & 2) s += "\n";
  flush_stdout();
  write_stderr(s);
}


// ---------------------------------------------------------------- running

int run_main(Module* mod, const std::vector<std::string>& args) {
  args_storage() = args;
  run_program(mod);
}

}  // namespace mgo::vm

// The interpreter loop: one flat function, one case per opcode (Lua's
// luaV_execute). VM-to-VM calls push a Frame and continue in the same loop;
// only native -> VM callbacks (call_func) enter execute() recursively.
//
// Panics: every runtime error and every native panic is a C++ GoPanic thrown
// inside the loop; the catch at the bottom turns it into a Go panic (a Panic
// record) and unwinds frames by running their deferred calls as ordinary VM
// frames flagged kFramePanicDefer. A panic leaving a nested execute() (from
// call_func) is rethrown to the native that called it.
//
// Build switches: MGO_SWITCH_DISPATCH compiles a plain switch instead of
// computed goto (for compilers without labels-as-values); MGO_TRACE_VM
// prints every instruction executed. Both must keep compiling:
//   cmake -S . -B build-switch -DCMAKE_CXX_FLAGS="-DMGO_SWITCH_DISPATCH -DMGO_TRACE_VM"
//   cmake --build build-switch --target mgo
#include <cmath>
#include <cstdio>

#include "vm/divmagic.h"
#include "runtime/proc.h"
#include "vm/chan_ops.h"
#include "vm/goroutine.h"
#include "vm/interp_util.h"
#include "vm/map.h"
#include "vm/thread.h"

namespace mgo::vm {

namespace {

// Go's bounds-check texts.
[[noreturn]] void panic_index(int64_t i, int64_t len) {
  if (i < 0) panic_runtime_error("index out of range [" + std::to_string(i) + "]");
  panic_runtime_error("index out of range [" + std::to_string(i) + "] with length " +
                      std::to_string(len));
}
[[noreturn]] void panic_nil() {
  panic_runtime_error("invalid memory address or nil pointer dereference");
}
[[noreturn]] void panic_divide() { panic_runtime_error("integer divide by zero"); }

// s[low:high:max] bounds, as Go checks them (max first, then high, then low).
void check_slice_bounds(int64_t low, int64_t high, int64_t max, int64_t cap, bool three,
                        bool is_string_or_len) {
  const char* what = is_string_or_len ? "length" : "capacity";
  if (three) {
    if (uint64_t(max) > uint64_t(cap))
      panic_runtime_error("slice bounds out of range [::" + std::to_string(max) + "] with " +
                          what + " " + std::to_string(cap));
    if (uint64_t(high) > uint64_t(max))
      panic_runtime_error("slice bounds out of range [:" + std::to_string(high) + ":" +
                          std::to_string(max) + "]");
    if (uint64_t(low) > uint64_t(high))
      panic_runtime_error("slice bounds out of range [" + std::to_string(low) + ":" +
                          std::to_string(high) + ":]");
    return;
  }
  if (uint64_t(high) > uint64_t(cap))
    panic_runtime_error("slice bounds out of range [:" + std::to_string(high) + "] with " + what +
                        " " + std::to_string(cap));
  if (uint64_t(low) > uint64_t(high))
    panic_runtime_error("slice bounds out of range [" + std::to_string(low) + ":" +
                        std::to_string(high) + "]");
}

// Go's min for floats: NaN if either is NaN, and -0 below +0.
double go_min(double a, double b) {
  if (a != a || b != b) return a != a ? a : b;
  if (a == 0 && b == 0) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

Slot slice_of(Slot* data, int64_t esz, int64_t low, int64_t high, int64_t max) {
  auto* s = rt::alloc_object<Slice>(rt::ObjKind::Slice);
  s->data = data + low * esz;
  s->len = high - low;
  s->cap = max - low;
  return from_ptr(s);
}

// Go's malloc size classes (runtime/sizeclasses.go), for growslice's rounding.
constexpr int64_t kSizeClasses[] = {
    0,    8,    16,   24,   32,   48,   64,   80,   96,   112,  128,  144,  160,  176,
    192,  208,  224,  240,  256,  288,  320,  352,  384,  416,  448,  480,  512,  576,
    640,  704,  768,  896,  1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072,
    3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880,
    12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

int64_t roundupsize(int64_t size) {
  if (size <= 32768) {
    for (int64_t c : kSizeClasses)
      if (c >= size) return c;
  }
  return (size + 8191) / 8192 * 8192;
}

// Go 1.22's growslice: the new capacity, in elements of Go size esize bytes.
int64_t grow_cap(int64_t old_cap, int64_t needed, int64_t esize) {
  int64_t newcap = old_cap;
  int64_t doubled = old_cap + old_cap;
  if (needed > doubled) {
    newcap = needed;
  } else if (old_cap < 256) {
    newcap = doubled;
  } else {
    while (0 < newcap && newcap < needed) newcap += (newcap + 3 * 256) >> 2;
    if (newcap <= 0) newcap = needed;
  }
  if (esize == 0) return newcap;
  return roundupsize(newcap * esize) / esize;
}

// Appends n elements (es slots each) copied from src; returns the new slice.
Slot append_slots(const Type* elem, Slot s, const Slot* src, int64_t n) {
  auto* old = as_ptr<Slice>(s);
  int64_t len = old ? old->len : 0, cap = old ? old->cap : 0;
  int64_t es = elem->slots();
  if (n == 0) return s;
  Slice* out;
  if (len + n <= cap) {
    out = rt::alloc_object<Slice>(rt::ObjKind::Slice);
    out->data = old->data;
    out->cap = cap;
  } else {
    out = make_slice(elem, 0, grow_cap(cap, len + n, go_sizeof(elem)));
    if (len) std::memcpy(out->data, old->data, sizeof(Slot) * size_t(len * es));
  }
  std::memmove(out->data + len * es, src, sizeof(Slot) * size_t(n * es));
  out->len = len + n;
  return from_ptr(out);
}

Slot string_to_bytes(Slot str) {
  std::string_view v = str_view(str);
  Slice* s = make_slice(types().Uint8(), int64_t(v.size()), int64_t(v.size()));
  for (size_t i = 0; i < v.size(); i++) s->data[i] = uint8_t(v[i]);
  return from_ptr(s);
}

Slot bytes_to_string(Slot sl) {
  auto* s = as_ptr<Slice>(sl);
  if (!s || s->len == 0) return 0;
  std::string b(size_t(s->len), '\0');
  for (int64_t i = 0; i < s->len; i++) b[size_t(i)] = char(s->data[i]);
  return make_string(b);
}

Slot string_to_runes(Slot str) {
  std::string_view v = str_view(str);
  std::vector<int32_t> rs;
  for (size_t i = 0; i < v.size();) {
    int w;
    rs.push_back(rt::decoderune(v.substr(i), &w));
    i += size_t(w);
  }
  Slice* s = make_slice(types().Int32(), int64_t(rs.size()), int64_t(rs.size()));
  for (size_t i = 0; i < rs.size(); i++) s->data[i] = Slot(int64_t(rs[i]));
  return from_ptr(s);
}

Slot runes_to_string(Slot sl) {
  auto* s = as_ptr<Slice>(sl);
  std::string b;
  for (int64_t i = 0; s && i < s->len; i++) rt::encoderune(b, int64_t(s->data[i]));
  return make_string(b);
}

Slot rune_to_string(int64_t r) {
  std::string b;
  rt::encoderune(b, r);
  return make_string(b);
}

Slot concat(Slot a, Slot b) {
  if (!a) return b;
  if (!b) return a;
  auto *x = as_ptr<String>(a), *y = as_ptr<String>(b);
  auto* s = rt::alloc_object<String>(rt::ObjKind::String, size_t(x->len + y->len));
  s->len = x->len + y->len;
  std::memcpy(s->data, x->data, size_t(x->len));
  std::memcpy(s->data + x->len, y->data, size_t(y->len));
  return from_ptr(s);
}

Slot new_defer(Closure* fn, const Slot* args, int64_t n, Defer* link) {
  auto* d = rt::alloc_object<Defer>(rt::ObjKind::Other, sizeof(Slot) * size_t(n));
  d->fn = fn;
  d->nargs = n;
  d->link = link;
  std::memcpy(d->args, args, sizeof(Slot) * size_t(n));
  return from_ptr(d);
}

Slot bind_method(Slot fn, Slot recv) {
  auto* c = rt::alloc_object<Closure>(rt::ObjKind::Closure, 2 * sizeof(Slot));
  c->proto = bound_proto();
  c->nfree = 2;
  c->free[0] = fn;
  c->free[1] = recv;
  return from_ptr(c);
}

Slot make_closure(Proto* p, const Slot* cells, int n) {
  auto* c = rt::alloc_object<Closure>(rt::ObjKind::Closure, sizeof(Slot) * size_t(n));
  c->proto = p;
  c->nfree = uint32_t(n);
  std::memcpy(c->free, cells, sizeof(Slot) * size_t(n));
  return from_ptr(c);
}

int64_t copy_slice(Slot dst, Slot src, int64_t es, bool from_string) {
  auto* d = as_ptr<Slice>(dst);
  if (!d) return 0;
  if (from_string) {
    std::string_view v = str_view(src);
    int64_t n = std::min<int64_t>(d->len, int64_t(v.size()));
    for (int64_t i = 0; i < n; i++) d->data[i] = uint8_t(v[size_t(i)]);
    return n;
  }
  auto* s = as_ptr<Slice>(src);
  if (!s) return 0;
  int64_t n = std::min(d->len, s->len);
  std::memmove(d->data, s->data, sizeof(Slot) * size_t(n * es));
  return n;
}

}  // namespace

// MGO_TRACE_VM: print every instruction executed (a debugging build).
#ifdef MGO_TRACE_VM
#define TRACE()                                                                          \
  std::fprintf(stderr, "%s %4d %-8s %d %d %d  R[a]=%llx\n", f->proto->name.c_str(),      \
               int(pc - 1 - f->proto->code.data()), opcode_name(i.op), i.a, i.b, i.c,   \
               (unsigned long long)R[i.a])
#else
#define TRACE() ((void)0)
#endif

#ifdef MGO_SWITCH_DISPATCH
#define VMCASE(name) case OP_##name:
#define NEXT continue
#else
#define VMCASE(name) L_##name:
#define NEXT                \
  do {                      \
    i = *pc++;              \
    TRACE();                \
    goto* kLabels[i.op];    \
  } while (0)
#endif

#define LOAD_FRAME()                   \
  do {                                 \
    f = &t.frames.back();              \
    pc = f->pc;                        \
    R = t.stack + f->base;             \
    K = f->proto->consts.data();       \
  } while (0)

// Go's preemption check, made cooperative: sysmon sets the goroutine's
// preempt flag after 10 ms on the CPU (runtime/proc.h); loops poll it at
// their back-edges and calls at function entry, so `for {}` cannot starve
// the other goroutines even on one P.
#define PREEMPT_POLL()                                                  \
  do {                                                                  \
    if (preempt->load(std::memory_order_relaxed)) [[unlikely]] {        \
      f->pc = pc;                                                       \
      rt::goschedguarded();                                             \
    }                                                                   \
  } while (0)

// A taken jump; a backward one is a loop's back-edge and polls.
#define JUMP(off)                  \
  do {                             \
    int o_ = (off);                \
    pc += o_;                      \
    if (o_ < 0) PREEMPT_POLL();    \
  } while (0)

#define RA R[i.a]
#define RB R[i.b]
#define RC R[i.c]
#define SA int64_t(R[i.a])
#define SB int64_t(R[i.b])
#define SC int64_t(R[i.c])
#define FB as_f64(R[i.b])
#define FC as_f64(R[i.c])
#define EXTRA (*pc++)

void execute(Thread& t, size_t stop_depth) {
#ifndef MGO_SWITCH_DISPATCH
  static void* const kLabels[] = {
#define OP(name, fmt, flags, doc) &&L_##name,
#include "vm/opcodes.def"
#undef OP
  };
#endif
  Frame* f = nullptr;
  const Instr* pc = nullptr;
  Slot* R = nullptr;
  const Slot* K = nullptr;
  Instr i;
  Closure* callee = nullptr;
  size_t call_base = 0;
  const std::atomic<bool>* const preempt = t.preempt;
  for (;;) {
    try {
      LOAD_FRAME();
#ifdef MGO_SWITCH_DISPATCH
      for (;;) {
        i = *pc++;
        TRACE();
        switch (i.op) {
#else
      {
        {
          NEXT;
#endif
          VMCASE(MOVE) { RA = RB; NEXT; }
          VMCASE(LOADK) { RA = K[i.bx()]; NEXT; }
          VMCASE(LOADI) { RA = Slot(int64_t(i.sbx())); NEXT; }
          VMCASE(LOADZ) { RA = 0; NEXT; }
          VMCASE(GETFREE) { RA = f->cl->free[i.b]; NEXT; }
          VMCASE(GLOAD) { RA = *t.module->globals[i.bx()]; NEXT; }
          VMCASE(GSTORE) { *t.module->globals[i.bx()] = RA; NEXT; }
          VMCASE(GADDR) { RA = from_ptr(t.module->globals[i.bx()]); NEXT; }

          VMCASE(ADD) { RA = RB + RC; NEXT; }
          VMCASE(SUB) { RA = RB - RC; NEXT; }
          VMCASE(MUL) { RA = RB * RC; NEXT; }
          VMCASE(DIV) {
            if (RC == 0) panic_divide();
            if (SC == -1) RA = Slot(0) - RB;  // MinInt64 / -1 wraps, as in Go
            else RA = Slot(SB / SC);
            NEXT;
          }
          VMCASE(REM) {
            if (RC == 0) panic_divide();
            if (SC == -1) RA = 0;
            else RA = Slot(SB % SC);
            NEXT;
          }
          VMCASE(DIVU) { if (RC == 0) panic_divide(); RA = RB / RC; NEXT; }
          VMCASE(REMU) { if (RC == 0) panic_divide(); RA = RB % RC; NEXT; }
          VMCASE(AND) { RA = RB & RC; NEXT; }
          VMCASE(OR) { RA = RB | RC; NEXT; }
          VMCASE(XOR) { RA = RB ^ RC; NEXT; }
          VMCASE(ANDNOT) { RA = RB & ~RC; NEXT; }
          VMCASE(SHL) { RA = RC >= 64 ? 0 : RB << RC; NEXT; }
          VMCASE(SHR) { RA = Slot(SB >> (RC >= 64 ? 63 : RC)); NEXT; }
          VMCASE(SHRU) { RA = RC >= 64 ? 0 : RB >> RC; NEXT; }
          VMCASE(CHKSHIFT) {
            if (SA < 0) panic_runtime_error("negative shift amount");
            NEXT;
          }
          VMCASE(ADDI) { RA = RB + Slot(int64_t(i.sc())); NEXT; }
          VMCASE(MULK) { RA = RB * K[i.c]; NEXT; }
          VMCASE(ANDK) { RA = RB & K[i.c]; NEXT; }
          VMCASE(ORK) { RA = RB | K[i.c]; NEXT; }
          VMCASE(XORK) { RA = RB ^ K[i.c]; NEXT; }
          VMCASE(SHLI) { RA = RB << i.c; NEXT; }
          VMCASE(SHRI) { RA = Slot(SB >> i.c); NEXT; }
          VMCASE(SHRUI) { RA = RB >> i.c; NEXT; }
          // Signed division by 2^C: add 2^C - 1 to negative dividends, then shift.
          VMCASE(DIVP2) {
            int64_t n = SB;
            RA = Slot((n + int64_t(uint64_t(n >> 63) >> (64 - i.c))) >> i.c);
            NEXT;
          }
          VMCASE(REMP2) {
            int64_t n = SB;
            int64_t q = (n + int64_t(uint64_t(n >> 63) >> (64 - i.c))) >> i.c;
            RA = Slot(n - int64_t(uint64_t(q) << i.c));
            NEXT;
          }
          VMCASE(DIVK) {
            Instr x = EXTRA;
            RA = Slot(div_by_magic(SB, int64_t(K[i.c]), x.b));
            NEXT;
          }
          VMCASE(REMK) {
            Instr x = EXTRA;
            int64_t n = SB;
            RA = Slot(n - div_by_magic(n, int64_t(K[i.c]), x.b) * int64_t(x.a));
            NEXT;
          }
          VMCASE(NEG) { RA = Slot(0) - RB; NEXT; }
          VMCASE(BNOT) { RA = ~RB; NEXT; }
          VMCASE(NOT) { RA = RB ^ 1; NEXT; }
          VMCASE(SEXT8) { RA = Slot(int64_t(int8_t(RA))); NEXT; }
          VMCASE(SEXT16) { RA = Slot(int64_t(int16_t(RA))); NEXT; }
          VMCASE(SEXT32) { RA = Slot(int64_t(int32_t(RA))); NEXT; }
          VMCASE(ZEXT8) { RA = uint8_t(RA); NEXT; }
          VMCASE(ZEXT16) { RA = uint16_t(RA); NEXT; }
          VMCASE(ZEXT32) { RA = uint32_t(RA); NEXT; }

          VMCASE(ADDF) { RA = from_f64(FB + FC); NEXT; }
          VMCASE(SUBF) { RA = from_f64(FB - FC); NEXT; }
          VMCASE(MULF) { RA = from_f64(FB * FC); NEXT; }
          VMCASE(DIVF) { RA = from_f64(FB / FC); NEXT; }
          VMCASE(NEGF) { RA = from_f64(-FB); NEXT; }
          VMCASE(SQRTF) { RA = from_f64(std::sqrt(FB)); NEXT; }
          VMCASE(ABSF) { RA = from_f64(std::fabs(FB)); NEXT; }
          VMCASE(MINF) { RA = from_f64(go_min(FB, FC)); NEXT; }
          VMCASE(MAXF) { RA = from_f64(-go_min(-FB, -FC)); NEXT; }
          VMCASE(ROUND32) { RA = from_f64(double(float(as_f64(RA)))); NEXT; }

          VMCASE(EQ) { RA = RB == RC; NEXT; }
          VMCASE(NE) { RA = RB != RC; NEXT; }
          VMCASE(LT) { RA = SB < SC; NEXT; }
          VMCASE(LE) { RA = SB <= SC; NEXT; }
          VMCASE(LTU) { RA = RB < RC; NEXT; }
          VMCASE(LEU) { RA = RB <= RC; NEXT; }
          VMCASE(EQF) { RA = FB == FC; NEXT; }
          VMCASE(NEF) { RA = FB != FC; NEXT; }
          VMCASE(LTF) { RA = FB < FC; NEXT; }
          VMCASE(LEF) { RA = FB <= FC; NEXT; }
          VMCASE(EQS) { RA = str_view(RB) == str_view(RC); NEXT; }
          VMCASE(LTS) { RA = str_view(RB) < str_view(RC); NEXT; }
          VMCASE(LES) { RA = str_view(RB) <= str_view(RC); NEXT; }
          VMCASE(EQV) {
            Instr x = EXTRA;
            RA = values_equal(as_ptr<Type>(K[x.a]), RB, RC);
            NEXT;
          }

          VMCASE(JMP) { JUMP(i.sbx()); NEXT; }
          VMCASE(JT) { if (RA) JUMP(i.sbx()); NEXT; }
          VMCASE(JF) { if (!RA) JUMP(i.sbx()); NEXT; }
          VMCASE(JEQ) { if (RA == RB) JUMP(i.sc()); NEXT; }
          VMCASE(JNE) { if (RA != RB) JUMP(i.sc()); NEXT; }
          VMCASE(JLT) { if (SA < SB) JUMP(i.sc()); NEXT; }
          VMCASE(JLE) { if (SA <= SB) JUMP(i.sc()); NEXT; }
          VMCASE(JLTU) { if (RA < RB) JUMP(i.sc()); NEXT; }
          VMCASE(JLEU) { if (RA <= RB) JUMP(i.sc()); NEXT; }
          VMCASE(JEQI) { if (SA == i.sb()) JUMP(i.sc()); NEXT; }
          VMCASE(JNEI) { if (SA != i.sb()) JUMP(i.sc()); NEXT; }
          VMCASE(JLTI) { if (SA < i.sb()) JUMP(i.sc()); NEXT; }
          VMCASE(JLEI) { if (SA <= i.sb()) JUMP(i.sc()); NEXT; }
          VMCASE(JGTI) { if (SA > i.sb()) JUMP(i.sc()); NEXT; }
          VMCASE(JGEI) { if (SA >= i.sb()) JUMP(i.sc()); NEXT; }
          VMCASE(JEQK) { if (RA == K[i.b]) JUMP(i.sc()); NEXT; }
          VMCASE(JNEK) { if (RA != K[i.b]) JUMP(i.sc()); NEXT; }
          VMCASE(JLTK) { if (SA < int64_t(K[i.b])) JUMP(i.sc()); NEXT; }
          VMCASE(JLEK) { if (SA <= int64_t(K[i.b])) JUMP(i.sc()); NEXT; }
          VMCASE(JGTK) { if (SA > int64_t(K[i.b])) JUMP(i.sc()); NEXT; }
          VMCASE(JGEK) { if (SA >= int64_t(K[i.b])) JUMP(i.sc()); NEXT; }
          VMCASE(FORLT) {
            if (int64_t(++RA) < SB) {
              pc += i.sc();
              PREEMPT_POLL();
            }
            NEXT;
          }
          VMCASE(FORLTK) {
            if (int64_t(++RA) < int64_t(K[i.b])) {
              pc += i.sc();
              PREEMPT_POLL();
            }
            NEXT;
          }
// An accumulation fused with the loop step that follows it; the step's
// operands are in the data word and its offset counts from the data word.
#define ARITH_FORLT(arith, limit)                       \
  {                                                     \
    arith;                                              \
    Instr x = *pc;                                      \
    if (int64_t(++R[x.a]) < int64_t(limit)) {           \
      pc += x.sc();                                     \
      PREEMPT_POLL();                                   \
    } else {                                            \
      pc++;                                             \
    }                                                   \
    NEXT;                                               \
  }
          VMCASE(ADDFORLT) ARITH_FORLT(RA = RB + RC, R[x.b])
          VMCASE(ADDFORLTK) ARITH_FORLT(RA = RB + RC, K[x.b])
          VMCASE(ADDIFORLT) ARITH_FORLT(RA = RB + Slot(int64_t(i.sc())), R[x.b])
          VMCASE(ADDIFORLTK) ARITH_FORLT(RA = RB + Slot(int64_t(i.sc())), K[x.b])
          VMCASE(ADDFFORLT) ARITH_FORLT(RA = from_f64(FB + FC), R[x.b])
          VMCASE(ADDFFORLTK) ARITH_FORLT(RA = from_f64(FB + FC), K[x.b])
#undef ARITH_FORLT
          // The jump offset counts from the data word (patch_to's "after the jump").
          VMCASE(JREMEQ) {
            Instr x = *pc;
            int64_t n = SA;
            int64_t r = n - div_by_magic(n, int64_t(K[i.b]), x.b) * int64_t(x.a);
            // A branch, not a select: pc must not wait on the division.
            if (r == int16_t(x.c)) JUMP(i.sc());
            else pc++;
            NEXT;
          }
          VMCASE(JREMNE) {
            Instr x = *pc;
            int64_t n = SA;
            int64_t r = n - div_by_magic(n, int64_t(K[i.b]), x.b) * int64_t(x.a);
            // A branch, not a select: pc must not wait on the division.
            if (r != int16_t(x.c)) JUMP(i.sc());
            else pc++;
            NEXT;
          }
          VMCASE(JDIVBY) {
            const Slot* k = K + i.b;
            if (divisible_by_magic(SA, k[0], k[1], k[2], 0)) JUMP(i.sc());
            NEXT;
          }
          VMCASE(JNDIVBY) {
            const Slot* k = K + i.b;
            if (!divisible_by_magic(SA, k[0], k[1], k[2], 0)) JUMP(i.sc());
            NEXT;
          }
          VMCASE(JDIVBYE) {
            const Slot* k = K + i.b;
            if (divisible_by_magic(SA, k[0], k[1], k[2], int(k[3]))) JUMP(i.sc());
            NEXT;
          }
          VMCASE(JNDIVBYE) {
            const Slot* k = K + i.b;
            if (!divisible_by_magic(SA, k[0], k[1], k[2], int(k[3]))) JUMP(i.sc());
            NEXT;
          }
          VMCASE(JLTF) { if (as_f64(RA) < as_f64(RB)) JUMP(i.sc()); NEXT; }
          VMCASE(JLEF) { if (as_f64(RA) <= as_f64(RB)) JUMP(i.sc()); NEXT; }
          VMCASE(JNLTF) { if (!(as_f64(RA) < as_f64(RB))) JUMP(i.sc()); NEXT; }
          VMCASE(JNLEF) { if (!(as_f64(RA) <= as_f64(RB))) JUMP(i.sc()); NEXT; }

          VMCASE(CONCAT) { RA = concat(RB, RC); NEXT; }
          VMCASE(LENS) { auto* s = as_ptr<String>(RB); RA = s ? Slot(s->len) : 0; NEXT; }
          VMCASE(INDEXS) {
            auto* s = as_ptr<String>(RB);
            int64_t n = s ? s->len : 0;
            if (RC >= uint64_t(n)) panic_index(SC, n);
            RA = uint8_t(s->data[RC]);
            NEXT;
          }
          VMCASE(SLICES) {
            Instr x = EXTRA;
            std::string_view v = str_view(RB);
            int64_t n = int64_t(v.size());
            int64_t lo = (x.a & 1) ? int64_t(R[i.c]) : 0;
            int64_t hi = (x.a & 2) ? int64_t(R[i.c + 1]) : n;
            check_slice_bounds(lo, hi, n, n, false, true);
            RA = make_string(v.substr(size_t(lo), size_t(hi - lo)));
            NEXT;
          }

          VMCASE(LOAD) {
            Slot* p = as_ptr<Slot>(RB);
            if (!p) panic_nil();
            RA = p[i.c];
            NEXT;
          }
          VMCASE(STORE) {
            Slot* p = as_ptr<Slot>(RA);
            if (!p) panic_nil();
            p[i.b] = RC;
            NEXT;
          }
          VMCASE(ADDR) {
            Slot* p = as_ptr<Slot>(RB);
            if (!p) panic_nil();
            RA = from_ptr(p + i.c);
            NEXT;
          }
          VMCASE(NILCHK) { if (!RA) panic_nil(); NEXT; }
          VMCASE(ALLOC) { RA = from_ptr(alloc_slots(i.bx())); NEXT; }
          VMCASE(COPY) {
            if (!RA || !RB) panic_nil();
            std::memmove(as_ptr<Slot>(RA), as_ptr<Slot>(RB), sizeof(Slot) * i.c);
            NEXT;
          }
          VMCASE(DUP) {
            if (!RB) panic_nil();
            Slot* p = alloc_slots(i.c);
            std::memcpy(p, as_ptr<Slot>(RB), sizeof(Slot) * i.c);
            RA = from_ptr(p);
            NEXT;
          }
          VMCASE(COPYX) {
            Instr x = EXTRA;
            if (!RA || !RB) panic_nil();
            std::memmove(as_ptr<Slot>(RA), as_ptr<Slot>(RB), sizeof(Slot) * x.bx());
            NEXT;
          }
          VMCASE(DUPX) {
            Instr x = EXTRA;
            if (!RB) panic_nil();
            Slot* p = alloc_slots(x.bx());
            std::memcpy(p, as_ptr<Slot>(RB), sizeof(Slot) * x.bx());
            RA = from_ptr(p);
            NEXT;
          }
          VMCASE(ZERO) { std::memset(as_ptr<Slot>(RA), 0, sizeof(Slot) * i.b); NEXT; }

          VMCASE(LENSL) { auto* s = as_ptr<Slice>(RB); RA = s ? Slot(s->len) : 0; NEXT; }
          VMCASE(CAPSL) { auto* s = as_ptr<Slice>(RB); RA = s ? Slot(s->cap) : 0; NEXT; }
          VMCASE(INDEXSL) {
            auto* s = as_ptr<Slice>(RB);
            int64_t n = s ? s->len : 0;
            if (RC >= uint64_t(n)) panic_index(SC, n);
            RA = s->data[RC];
            NEXT;
          }
          VMCASE(SETSL) {
            auto* s = as_ptr<Slice>(RA);
            int64_t n = s ? s->len : 0;
            if (RB >= uint64_t(n)) panic_index(SB, n);
            s->data[RB] = RC;
            NEXT;
          }
          VMCASE(ADDRSL) {
            Instr x = EXTRA;
            auto* s = as_ptr<Slice>(RB);
            int64_t n = s ? s->len : 0;
            if (RC >= uint64_t(n)) panic_index(SC, n);
            RA = from_ptr(s->data + RC * x.a);
            NEXT;
          }
          VMCASE(INDEXAR) {
            Instr x = EXTRA;
            if (RC >= x.bx()) panic_index(SC, x.bx());
            RA = as_ptr<Slot>(RB)[RC];
            NEXT;
          }
          VMCASE(SETAR) {
            Instr x = EXTRA;
            if (RB >= x.bx()) panic_index(SB, x.bx());
            as_ptr<Slot>(RA)[RB] = RC;
            NEXT;
          }
          VMCASE(ADDRAR) {
            Instr x = EXTRA;
            uint32_t len = uint32_t(x.a) | uint32_t(x.c) << 16;
            if (!RB) panic_nil();
            if (RC >= len) panic_index(SC, len);
            RA = from_ptr(as_ptr<Slot>(RB) + RC * x.b);
            NEXT;
          }
          VMCASE(SLICESL) {
            Instr x = EXTRA;
            auto* s = as_ptr<Slice>(RB);
            int64_t len = s ? s->len : 0, cap = s ? s->cap : 0;
            int64_t lo = (x.a & 1) ? int64_t(R[i.c]) : 0;
            int64_t hi = (x.a & 2) ? int64_t(R[i.c + 1]) : len;
            int64_t mx = (x.a & 4) ? int64_t(R[i.c + 2]) : cap;
            check_slice_bounds(lo, hi, mx, cap, x.a & 4, false);
            RA = s ? slice_of(s->data, x.b, lo, hi, mx) : 0;  // slicing nil gives nil
            NEXT;
          }
          VMCASE(SLICEAR) {
            Instr x = EXTRA;
            Slot* p = as_ptr<Slot>(RB);
            if (!p) panic_nil();
            int64_t n = x.c;
            int64_t lo = (x.a & 1) ? int64_t(R[i.c]) : 0;
            int64_t hi = (x.a & 2) ? int64_t(R[i.c + 1]) : n;
            int64_t mx = (x.a & 4) ? int64_t(R[i.c + 2]) : n;
            check_slice_bounds(lo, hi, mx, n, x.a & 4, true);
            RA = slice_of(p, x.b, lo, hi, mx);
            NEXT;
          }
          VMCASE(MAKESL) {
            Instr x = EXTRA;
            const Type* elem = as_ptr<Type>(K[x.a]);
            int64_t len = SB, cap = x.b ? SC : len;
            if (len < 0 || len > (int64_t(1) << 40)) panic_runtime_error("makeslice: len out of range");
            if (cap < len || cap > (int64_t(1) << 40)) panic_runtime_error("makeslice: cap out of range");
            RA = from_ptr(make_slice(elem, len, cap));
            NEXT;
          }
          VMCASE(APPEND) {
            Instr x = EXTRA;
            RA = append_slots(as_ptr<Type>(K[x.a]), RB, &R[i.c], x.b);
            NEXT;
          }
          VMCASE(APPENDSL) {
            Instr x = EXTRA;
            const Type* elem = as_ptr<Type>(K[x.a]);
            if (x.b) {
              Slot bytes = string_to_bytes(RC);
              auto* s = as_ptr<Slice>(bytes);
              RA = append_slots(elem, RB, s->data, s->len);
            } else {
              auto* s = as_ptr<Slice>(RC);
              RA = s ? append_slots(elem, RB, s->data, s->len) : RB;
            }
            NEXT;
          }
          VMCASE(COPYSL) {
            Instr x = EXTRA;
            RA = Slot(copy_slice(RB, RC, x.a, x.b));
            NEXT;
          }

          VMCASE(MAKEMAP) { RA = from_ptr(map_new(as_ptr<Type>(K[i.bx()]), 0)); NEXT; }
          // Map operations save pc: a race on the map is a fatal error
          // (map.cpp), whose trace shows this line.
          VMCASE(MAPGET) {
            f->pc = pc;
            Map* m = as_ptr<Map>(RB);
            Slot* v = map_find(m, RC);
            const Type* vt = m ? m->val : nullptr;
            if (v) RA = load_value(vt, v);
            else RA = (vt && vt->is_aggregate()) ? from_ptr(zero_slots(vt->slots())) : 0;
            NEXT;
          }
          VMCASE(MAPGET2) {
            f->pc = pc;
            Map* m = as_ptr<Map>(RB);
            Slot* v = map_find(m, RC);
            const Type* vt = m ? m->val : nullptr;
            Slot key_ok = v != nullptr;
            if (v) RA = load_value(vt, v);
            else RA = (vt && vt->is_aggregate()) ? from_ptr(zero_slots(vt->slots())) : 0;
            R[i.a + 1] = key_ok;
            NEXT;
          }
          VMCASE(MAPSET) {
            f->pc = pc;
            Map* m = as_ptr<Map>(RA);
            Slot* v = map_insert(m, RB);
            store_value(m->val, v, RC);
            NEXT;
          }
          VMCASE(MAPREF) {
            f->pc = pc;
            RA = from_ptr(map_insert(as_ptr<Map>(RB), RC));
            NEXT;
          }
          VMCASE(MAPDEL) {
            f->pc = pc;
            map_delete(as_ptr<Map>(RA), RB);
            NEXT;
          }
          VMCASE(LENMAP) { RA = Slot(map_len(RB)); NEXT; }
          VMCASE(MAPCLEAR) {
            f->pc = pc;
            map_clear(as_ptr<Map>(RA));
            NEXT;
          }
          VMCASE(MAPITER) { RA = from_ptr(map_iter_new(as_ptr<Map>(RB))); NEXT; }
          VMCASE(MAPNEXT) {
            f->pc = pc;
            auto* it = as_ptr<MapIter>(RA);
            Slot *k, *v;
            if (!map_iter_next(it, &k, &v)) {
              pc += i.sc();
            } else {
              R[i.b] = load_value(it->m->key, k);
              R[i.b + 1] = load_value(it->m->val, v);
            }
            NEXT;
          }

          VMCASE(I2F) { RA = from_f64(double(SB)); NEXT; }
          VMCASE(U2F) { RA = from_f64(double(RB)); NEXT; }
          VMCASE(F2I) { RA = Slot(float_to_int(FB)); NEXT; }
          VMCASE(F2U) { RA = float_to_uint(FB); NEXT; }
          VMCASE(RUNE2S) { RA = rune_to_string(SB); NEXT; }
          VMCASE(BYTES2S) { RA = bytes_to_string(RB); NEXT; }
          VMCASE(S2BYTES) { RA = string_to_bytes(RB); NEXT; }
          VMCASE(RUNES2S) { RA = runes_to_string(RB); NEXT; }
          VMCASE(S2RUNES) { RA = string_to_runes(RB); NEXT; }
          VMCASE(STRNEXT) {
            std::string_view v = str_view(RA);
            int w;
            R[i.b] = Slot(int64_t(rt::decoderune(v.substr(size_t(RC)), &w)));
            R[i.b + 1] = Slot(w);
            NEXT;
          }

          VMCASE(BOX) { RA = box_iface(as_ptr<Type>(K[i.c]), RB); NEXT; }
          VMCASE(ASSERT) {
            const Type* want = as_ptr<Type>(K[i.c]);
            auto* x = as_ptr<Iface>(RB);
            if (!x || x->type != want) panic_assert(x ? x->type : nullptr, want, str_view(K[i.c + 1]));
            RA = unbox_iface(RB);
            NEXT;
          }
          VMCASE(ASSERT2) {
            const Type* want = as_ptr<Type>(K[i.c]);
            auto* x = as_ptr<Iface>(RB);
            bool ok = x && x->type == want;
            RA = ok ? unbox_iface(RB) : (want->is_aggregate() ? from_ptr(alloc_slots(want->slots())) : 0);
            R[i.a + 1] = ok;
            NEXT;
          }
          VMCASE(ASSERTI) {
            const Type* want = as_ptr<Type>(K[i.c]);
            auto* x = as_ptr<Iface>(RB);
            if (!x || !implements(x->type, want))
              panic_assert(x ? x->type : nullptr, want, str_view(K[i.c + 1]));
            RA = RB;
            NEXT;
          }
          VMCASE(ASSERTI2) {
            const Type* want = as_ptr<Type>(K[i.c]);
            auto* x = as_ptr<Iface>(RB);
            bool ok = x && implements(x->type, want);
            RA = ok ? RB : 0;
            R[i.a + 1] = ok;
            NEXT;
          }
          VMCASE(ISNILI) { RA = RB == 0; NEXT; }

          VMCASE(CLOSURE) {
            Proto* p = as_ptr<Proto>(K[i.b]);
            RA = make_closure(p, &R[i.c], int(p->info ? p->info->free_vars.size() : 0));
            NEXT;
          }
          VMCASE(CALL) {
            callee = as_ptr<Closure>(K[i.bx()]);
            call_base = f->base + i.a;
            goto do_call;
          }
          VMCASE(CALLV) {
            callee = as_ptr<Closure>(RB);
            if (!callee) panic_nil();
            call_base = f->base + i.a;
            goto do_call;
          }
          VMCASE(CALLI) {
            auto* x = as_ptr<Iface>(RA);
            if (!x) panic_nil();
            InlineCache& ic = f->proto->caches[i.c];
            const MethodEntry* me = ic.entry.load(std::memory_order_acquire);
            if (!me || me->type != x->type) [[unlikely]] {
              me = find_method_entry(x->type, str_view(K[i.b]));
              ic.entry.store(me, std::memory_order_release);
            }
            RA = unbox_iface(RA);
            callee = as_ptr<Closure>(me->fn);
            call_base = f->base + i.a;
            goto do_call;
          }
          VMCASE(METHOD) {
            auto* x = as_ptr<Iface>(RB);
            if (!x) panic_nil();
            Slot recv = unbox_iface(RB);
            if (x->type->is_aggregate()) recv = copy_aggregate(x->type, recv);
            RA = find_method(x->type, str_view(K[i.c]));
            R[i.a + 1] = recv;
            NEXT;
          }
          VMCASE(BIND) { RA = bind_method(RB, RC); NEXT; }
          VMCASE(RET) {
            // Results to R[0..B): a loop, not memmove (usually one slot).
            if (i.a) {
              const Slot* src = R + i.a;
              for (int n = 0; n < i.b; ++n) R[n] = src[n];
            }
            if (f->flags) [[unlikely]] {
              uint8_t flags = f->flags;
              Panic* p = f->panic;
              t.frames.pop_back();
              if (flags & kFrameNativeEntry) return;
              if (!after_panic_defer(t, p, stop_depth)) goto exhausted;
            } else {
              t.frames.pop_back();
            }
            LOAD_FRAME();
            NEXT;
          }
          VMCASE(RUNDEFER) {
            Defer* d = f->defers;
            if (!d) {
              ++pc;  // over the jump back
              NEXT;
            }
            f->defers = d->link;
            size_t nb = f->base + size_t(f->proto->nregs);
            ensure_stack(t, nb + size_t(d->nargs));
            std::memcpy(t.stack + nb, d->args, sizeof(Slot) * size_t(d->nargs));
            f->pc = pc;  // it returns to the next instruction, a jump back here
            push_call(t, d->fn, nb, 0);
            // A native deferred call has run (and may have moved the
            // stacks); a Go one is the new top frame. Either way: reload.
            LOAD_FRAME();
            NEXT;
          }
          VMCASE(MAKECHAN) { RA = makechan_op(RB, i.c); NEXT; }
          VMCASE(SEND) {
            f->pc = pc;  // a parked goroutine's dump shows where it waits
            send_op(RA, &RB, i.c);
            NEXT;
          }
          VMCASE(RECV) {
            f->pc = pc;
            recv_op(RB, &RA, i.c, nullptr);
            NEXT;
          }
          VMCASE(RECV2) {
            f->pc = pc;
            recv_op(RB, &RA, i.c, &R[i.a + 1]);
            NEXT;
          }
          VMCASE(CLOSE) { close_op(RA); NEXT; }
          VMCASE(LENCH) { RA = Slot(chanlen_op(RB)); NEXT; }
          VMCASE(CAPCH) { RA = Slot(chancap_op(RB)); NEXT; }
          VMCASE(SELECT) {
            f->pc = pc;
            select_op(&RA, as_ptr<SelectInfo>(K[i.bx()]));
            NEXT;
          }
          VMCASE(GO) {
            f->pc = pc;
            go_start(t, as_ptr<Closure>(RB), &RA, i.c);
            NEXT;
          }
          VMCASE(DEFER) {
            auto* fn = as_ptr<Closure>(RB);
            f->defers = as_ptr<Defer>(new_defer(fn, &RA, i.c, f->defers));
            NEXT;
          }
          VMCASE(PANIC) {
            f->pc = pc;
            throw GoPanic{RA ? RA : panic_nil_error_value()};
          }
          VMCASE(RECOVER) {
            Panic* p = t.panic;
            if ((f->flags & kFramePanicDefer) && p && f->panic == p && !p->recovered && !p->aborted &&
                !p->goexit) {
              p->recovered = true;
              RA = p->value;
            } else {
              RA = 0;
            }
            NEXT;
          }
          VMCASE(RTERR) { panic_runtime_error(std::string(str_view(K[i.bx()]))); }
          VMCASE(PRINT) { print_value(i.b, RA, i.c); NEXT; }

        do_call : {
          Proto* p = callee->proto;
          f->pc = pc;
          if (p->kind == ProtoKind::Bytecode) [[likely]] {
            ensure_stack(t, call_base + size_t(p->nregs));
            f = t.frames.push_uninit();
            f->proto = p;
            f->pc = pc = p->code.data();
            f->cl = callee;
            f->defers = nullptr;
            f->base = call_base;
            f->flags = 0;
            f->panic = nullptr;
            R = t.stack + call_base;
            K = p->consts.data();
            PREEMPT_POLL();
            NEXT;
          }
          if (p->kind == ProtoKind::Native) {
            ensure_stack(t, call_base + size_t(std::max(p->nparams, p->nresults)));
            p->native(t, t.stack + call_base);
            // It may have called back into Go, growing (moving) the stacks.
            LOAD_FRAME();
            NEXT;
          }
          // Bound method value: the receiver becomes the first argument.
          auto* target = as_ptr<Closure>(callee->free[0]);
          int n = target->proto->nparams;
          ensure_stack(t, call_base + size_t(n));
          Slot* args = t.stack + call_base;
          if (n > 1) std::memmove(args + 1, args, sizeof(Slot) * size_t(n - 1));
          args[0] = callee->free[1];
          callee = target;
          goto do_call;
        }
#ifdef MGO_SWITCH_DISPATCH
        }
      }
#else
        }
      }
#endif
    } catch (GoPanic& p) {
      if (!t.frames.empty() && t.frames.size() > stop_depth) t.frames.back().pc = pc;
      if (!start_panic(t, p.value, stop_depth)) goto exhausted;
    }
  }
exhausted:
  // The panic unwound every frame this execute() owns. (A panic in an
  // Error or String method that die_of_panic called crosses back to it.)
  if (stop_depth == 0 && !t.printing_panics) {
    if (!t.panic->goexit) die_of_panic(t);
    t.panic = nullptr;  // runtime.Goexit: the goroutine's call is over
    t.goexited = true;
    return;
  }
  Panic* p = t.panic;
  t.panic = p->link;
  t.crossing = p;
  throw GoPanic{p->value};
}

}  // namespace mgo::vm

// The VM state of one goroutine.
//
// Frames are windows into one slot stack: a callee's frame starts at its
// first argument in the caller's frame (Lua's convention). Frames record
// their position as an index (`base`), never as a pointer, because the slot
// stack grows by copying, as Go's goroutine stacks do: it starts small (a
// goroutine that never calls deeply costs 512 bytes of slots) and doubles when a
// call would not fit, up to Go's 1 GB limit. So nothing may keep a Slot*
// into the stack across anything that can run Go code: the interpreter
// reloads its register pointer after every call, and a native that calls
// back into Go (call_func) re-derives its arguments (NativeArgs, vm/api.h).
// Nothing else points into the stack: structs and arrays live in heap
// storage (vm/value.h) and captured variables in heap cells.
#pragma once

#include <cstddef>
#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "vm/program.h"

namespace mgo::vm {

// A deferred call: a func value and its arguments, evaluated at the defer
// statement. Heap allocated (ObjKind::Other), linked newest first.
struct Defer {
  rt::ObjHeader hdr;
  Defer* link;
  Closure* fn;
  int64_t nargs;
  Slot args[];
};

enum FrameFlags : uint8_t {
  kFramePanicDefer = 1,  // a deferred call run by panic unwinding (recover may work)
  kFrameNativeEntry = 2, // entered from native code (call_func): returning leaves execute()
};

struct Frame {
  Proto* proto;
  const Instr* pc;  // saved while the frame is not running (next instruction)
  Closure* cl;      // the func value running (free variables)
  Defer* defers;
  size_t base;      // index of R[0] in the slot stack
  uint8_t flags;
  struct Panic* panic;  // kFramePanicDefer: the panic this deferred call runs for
};

// The call stack of frames. A std::vector did this until the interpreter
// loop grew past GCC's inlining budget for huge functions: push_back then
// became an out-of-line call on every Go call (spectralnorm 0.24 -> 0.37 s).
// The hot operations here are forced inline; only growth is out of line.
class FrameStack {
 public:
  static constexpr size_t kInitialCap = 8;  // frame records at the first push
  FrameStack() = default;
  FrameStack(const FrameStack&) = delete;
  FrameStack& operator=(const FrameStack&) = delete;
  ~FrameStack() { delete[] data_; }

  [[gnu::always_inline]] void push_back(const Frame& f) {
    if (size_ == cap_) [[unlikely]] grow();
    data_[size_++] = f;
  }
  // The interpreter's call: a new top frame whose fields the caller fills
  // in (cheaper than building a Frame and copying it). Only when !full().
  [[gnu::always_inline]] Frame* push_uninit() { return &data_[size_++]; }
  [[gnu::always_inline]] bool full() const { return size_ == cap_; }
  [[gnu::always_inline]] void pop_back() { --size_; }
  [[gnu::always_inline]] Frame& back() { return data_[size_ - 1]; }
  [[gnu::always_inline]] const Frame& back() const { return data_[size_ - 1]; }
  [[gnu::always_inline]] size_t size() const { return size_; }
  [[gnu::always_inline]] bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }
  size_t capacity() const { return cap_; }
  Frame& operator[](size_t i) { return data_[i]; }
  const Frame& operator[](size_t i) const { return data_[i]; }
  const Frame* begin() const { return data_; }
  const Frame* end() const { return data_ + size_; }
  const Frame* data() const { return data_; }
  void reserve(size_t n) {
    while (cap_ < n) grow();
  }

 private:
  [[gnu::noinline]] void grow() {
    size_t cap = cap_ ? cap_ * 2 : kInitialCap;
    Frame* d = new Frame[cap];
    for (size_t i = 0; i < size_; ++i) d[i] = data_[i];
    delete[] data_;
    data_ = d;
    cap_ = cap;
  }
  Frame* data_ = nullptr;
  size_t size_ = 0;
  size_t cap_ = 0;
};

// A panic in flight (Go's _panic). Newest first.
struct Panic {
  Slot value;          // an interface value (Iface*)
  Panic* link;         // the panic this one interrupted, if any
  bool recovered = false;
  bool aborted = false;  // a newer panic unwound the deferred call running for it
  bool goexit = false;   // runtime.Goexit: runs deferred calls, recover sees nil
  std::vector<Frame> trace;  // the goroutine's frames when it started
};

// Where a goroutine came from, as tracebacks print it: the function with
// the `go` statement, the pc just after it and its goroutine; or, when no
// go statement started it, the runtime function that did ("time.goFunc").
struct Creator {
  const Proto* proto = nullptr;
  const Instr* pc = nullptr;
  int64_t goid = 0;
  const char* native = nullptr;
};

struct Thread {
  Thread();
  ~Thread();
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;
  // Makes the Thread of a goroutine that has ended as good as new (zeroed
  // slots, no frames, no panic), for the next goroutine (vm/goroutine.cpp).
  // False, changing nothing, when its stacks grew past their first sizes:
  // such a Thread is freed rather than kept. A field added below must be
  // reset there too.
  bool reset();

  Slot* stack;                  // slots [0, stack_alloc), moved when it grows
  // In slots: how many the frames may use (ensure_stack's limit), at most
  // stack_alloc. It only grows while the goroutine runs, so it is also the
  // most it has used: the slots above it are still zero (Thread::reset).
  size_t stack_cap;
  size_t stack_alloc;           // in slots: the allocation
  size_t stack_limit;           // in slots: the most it may grow to
  size_t max_frames;            // frames the same 1 GB allows
  FrameStack frames;
  Panic* panic = nullptr;       // the panic chain, newest first
  // A panic leaving a nested execute() (a callback from native code) as a
  // GoPanic: taken off the chain while native code unwinds, put back when
  // the VM below catches the same value (a native may also swallow it).
  Panic* crossing = nullptr;
  Module* module = nullptr;
  int64_t goid = 0;             // the runtime g's id, for traces
  // The g's preempt flag (set by sysmon), polled by the interpreter.
  const std::atomic<bool>* preempt = nullptr;
  bool goexited = false;        // runtime.Goexit ended its call
  bool printing_panics = false; // die_of_panic runs the values' Error/String methods
  Creator creator;               // for "created by main.main in goroutine 1"

  // Slots in use by a native running above the top frame (a deferred
  // native call): callbacks it makes must start above them.
  size_t native_floor = 0;

  // The first free slot above the top frame (and any native running there).
  size_t top() const {
    size_t t = frames.empty() ? 0 : frames.back().base + size_t(frames.back().proto->nregs);
    return t > native_floor ? t : native_floor;
  }
};

// The running goroutine's Thread (vm/goroutine.cpp).
Thread& current_thread();

// Calls func value fn with its arguments at stack[base ..] as the bottom of
// a goroutine (package init, main.main, a `go` call) and runs it to the end;
// an unrecovered panic ends the program.
void run_call(Thread& t, Closure* fn, size_t base);

// The goroutine's frames as tracebacks print them, newest first (at most
// `limit`), then "created by ..." for a goroutine started by `go`.
std::string frames_string(const Thread& t, std::span<const Frame> frames, size_t limit);
// Its "created by" lines alone (empty for main).
std::string created_by_string(const Creator& c);

// Runs frames until the frame count drops back to `stop_depth`.
void execute(Thread& t, size_t stop_depth);

// Makes room for a call whose frame ends at slot `top` (and for one more
// frame record): grows the slot stack (moving it) and the frame stack, or
// dies of Go's "stack overflow" past the 1 GB limit.
void grow_stack(Thread& t, size_t top);
// As grow_stack, only when needed.
inline void ensure_stack(Thread& t, size_t top) {
  if (top > t.stack_cap || t.frames.full()) [[unlikely]] grow_stack(t, top);
}

// Pushes a frame calling func value fn with its arguments already at
// stack[base ..]; native functions run immediately. Returns false when fn
// was native (nothing pushed).
bool push_call(Thread& t, Closure* fn, size_t base, uint8_t flags);

// Prints the unrecovered panic chain and the trace (flushing stdout first)
// and exits with status 2.
[[noreturn]] void die_of_panic(Thread& t);

// Builds runtime error values (package runtime's types) as interface values.
Slot runtime_error_value(std::string_view msg);
Slot plain_error_value(std::string_view msg, bool runtime_error);
Slot type_assertion_error_value(std::string msg);
Slot string_iface(std::string_view s);

}  // namespace mgo::vm

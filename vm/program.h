// Compiled code: instructions, protos (compiled functions) and the module.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "lang/types.h"
#include "vm/api.h"
#include "vm/value.h"

namespace mgo::vm {

enum Opcode : uint16_t {
#define OP(name, fmt, flags, doc) OP_##name,
#include "vm/opcodes.def"
#undef OP
  OP__COUNT
};

// One 64-bit instruction (see vm/opcodes.def for the operand conventions).
struct Instr {
  uint16_t op = 0, a = 0, b = 0, c = 0;
  int16_t sb() const { return int16_t(b); }
  int16_t sc() const { return int16_t(c); }
  uint32_t bx() const { return uint32_t(b) | uint32_t(c) << 16; }
  int32_t sbx() const { return int32_t(bx()); }
};
static_assert(sizeof(Instr) == 8);

// The name and operand format of every opcode (generated from opcodes.def).
const char* opcode_name(uint16_t op);
const char* opcode_format(uint16_t op);
const char* opcode_doc(uint16_t op);

// A method resolved for a dynamic type (find_method_entry): immutable, and
// never freed, so goroutines may share it without locks.
struct MethodEntry {
  const Type* type;
  Slot fn;
};

// The inline cache of one CALLI: the method last resolved there. One atomic
// pointer, because goroutines on other threads run the same code: a pair of
// fields updated separately could pair one type with another's method.
struct InlineCache {
  std::atomic<const MethodEntry*> entry{nullptr};
  InlineCache() = default;
  InlineCache(const InlineCache& o) : entry(o.entry.load(std::memory_order_relaxed)) {}
};

// The entry for method `name` of dynamic type t (find_method's, vm/api.h).
const MethodEntry* find_method_entry(const Type* t, std::string_view name);

enum class ProtoKind : uint8_t {
  Bytecode,  // code below
  Native,    // native: a stdlib function bound by symbol name
  Bound,     // a method value: free[0] the target func value, free[1] the receiver
};

// A compiled function.
struct Proto {
  ProtoKind kind = ProtoKind::Bytecode;
  std::string name;              // Go's symbol name, as traces print it
  FuncInfo* info = nullptr;      // nullptr for synthesized protos
  std::vector<Instr> code;
  std::vector<Slot> consts;
  std::vector<int32_t> lines;    // source line of each instruction (parallel to code)
  std::string file;              // absolute path of the source file
  int nregs = 0;                 // frame size in slots
  int nparams = 0;               // argument slots (the receiver counts)
  int nresults = 0;
  // Registers that may hold references (for the collector), one bit per
  // register. Coarse: every register not proven scalar is marked.
  std::vector<bool> ref_regs;
  // Where a frame resumes after one of its deferred calls recovered a panic:
  // the RUNDEFER of its epilogue, which then returns the named results.
  int defer_ret_pc = -1;
  std::vector<InlineCache> caches;  // CALLI inline caches (instruction C)
  NativeFn native = nullptr;     // ProtoKind::Native
  Closure* closure = nullptr;    // the one func value of a function without free variables
};

// The whole compiled program.
struct Module {
  std::vector<Proto*> protos;
  // Package-level variables: one heap cell (slots() slots) each, addressed
  // by index so the REPL can add and rebind globals later.
  std::vector<Slot*> globals;
  std::vector<const Type*> global_types;
  // Package initialisation, in order: var_inits and init() bodies of each
  // package, then main.main.
  std::vector<Proto*> init_sequence;
  Proto* main = nullptr;
  std::vector<std::string> files;
  Program* program = nullptr;
};

}  // namespace mgo::vm

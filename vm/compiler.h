// The bytecode compiler's internals (vm/compile*.cpp). Everyone else uses
// vm/run.h.
//
// Register allocation is a stack, as in Lua's lcode.c: local variables take
// registers in scope order, temporaries live above them and are released at
// the end of each statement. A call's arguments are placed at the top of the
// stack so the callee's frame starts there.
//
// Where a variable lives (VarLoc):
//   Reg   a scalar in its register
//   Mem   the register holds a pointer to the variable's storage: the heap
//         cell of a captured or address-taken scalar, or the storage of any
//         struct/array variable (whose register representation is that
//         pointer anyway, see vm/value.h)
//   Free  a variable of an enclosing function: closure.free[index] points to
//         its storage
//   Global  module->globals[index]
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/ast.h"
#include "lang/constant.h"
#include "lang/diag.h"
#include "lang/types.h"
#include "vm/program.h"

namespace mgo::vm {

// Sets the line that emitted instructions are attributed to (for traces
// and the disassembler) for the life of a scope, then restores it.
struct LineScope {
  int& line;
  int saved;
  LineScope(int& l, Pos p) : line(l), saved(l) {
    if (p.valid()) line = p.line;
  }
  ~LineScope() { line = saved; }
};

struct VarLoc {
  enum Kind : uint8_t { Reg, Mem, Free, Global } kind = Reg;
  int index = 0;  // register, free index or global index
};

// Where an assignment stores (Go's addressable operands, map entries, _).
struct LValue {
  enum Kind : uint8_t { Blank, Reg, Ptr, Global, SliceElem, ArrayElem, MapEntry } kind = Blank;
  const Type* type = nullptr;
  int r1 = 0, r2 = 0;  // Reg: register. Ptr: pointer register (r1) + slot offset (off).
                       // SliceElem: slice, index. ArrayElem: array storage, index. MapEntry: map, key.
  int off = 0;
  int64_t len = 0;     // ArrayElem: array length
};

// The fused step-and-test (FORLT/FORLTK) at the bottom of a counting loop.
// A statement whose end is immediately followed by the step (the last one
// of the body, and then recursively the last of its branches) is in tail
// position: where it would jump to its end, it emits a copy of the step
// instead, saving a JMP per iteration (Lua has no such thing; CPython's
// compiler does the same for jumps to a loop's back edge).
struct LoopStep {
  uint16_t op;          // FORLT or FORLTK
  int i_reg, lim;       // its operands
  int body_start;       // where the step jumps while i < lim
  int line;             // the post statement's line
  std::vector<int>* exits;  // jumps to after the loop (a copy is followed by one)
};

struct CompileError {
  Pos pos;
  std::string msg;
};

class Compiler;

// Thrown when a compare-and-branch's target is beyond its 16-bit offset:
// the function is compiled again with long_jumps_ (Compiler::compile_proto).
struct JumpTooFar {};

// Compiles one function body.
class FuncCompiler {
 public:
  FuncCompiler(Compiler& c, Proto* p, FuncInfo* info);
  void compile_body();
  void compile_var_inits(Package* pkg);  // the package initialiser

  // Long-jump mode, for functions longer than a 16-bit offset reaches: every
  // compare-and-branch jumps by one over a JMP (whose offset is 32 bits) to
  // a JMP to its target, and the forms that keep their offset elsewhere
  // (JREMEQ/JREMNE, the fused loop steps) are not used. Ordinary functions
  // never pay for it.
  bool long_jumps_ = false;

  // ---- emission
  int emit(uint16_t op, int a = 0, int b = 0, int c = 0);
  int emit_bx(uint16_t op, int a, uint32_t bx);
  // COPY and DUP of n slots: COPYX and DUPX, with n in a data word, for
  // values past 16-bit operands (an [100000]int).
  void emit_copy(int dst, int src, int n);
  void emit_dup(int dst, int src, int n);
  int emit_jump(uint16_t op = OP_JMP, int a = 0);     // sBx forms; patch later
  int emit_cjump(uint16_t op, int a, int b);          // sC forms; patch later (the returned index)
  void patch_here(int at);
  void patch_to(int at, int target);
  void patch_list_here(std::vector<int>& l);
  int here() const { return int(p_->code.size()); }
  int konst(Slot v);
  int konst_type(const Type* t) { return konst(from_ptr(t)); }
  int konst_string(std::string_view s);
  int konst_assert(const Type* want, const Type* src);

  // ---- registers
  int alloc(int n = 1);
  int top() const { return nactive_; }
  void set_top(int t) { nactive_ = t; }

  // ---- expressions (compile_expr.cpp)
  // Compiles e into register dst; returns true if the value is fresh
  // storage nobody else refers to (so binding it needs no copy).
  bool expr_to(Expr* e, int dst);
  // The register holding e's value: a local's own register when possible.
  int expr_any(Expr* e);
  // expr_any, or a copy in a fresh register while snapshot_ is set (the
  // left side of a tuple assignment must not see the assignments).
  int operand(Expr* e);
  // True if compiling e into dst writes dst only after every read, so dst
  // may be a variable e itself reads.
  bool writes_dst_last(Expr* e);
  // Compiles e converted to type `to` (boxing into interfaces) into dst.
  void expr_conv(Expr* e, const Type* to, int dst);
  void convert_reg(int reg, const Type* from, const Type* to, int dst);
  void load_const(const Constant* c, const Type* t, int dst);
  bool call_to(CallExpr* e, int base);  // results at base...
  bool intrinsic(Object* fn, CallExpr* e, int base);
  void builtin_call(CallExpr* e, int dst);
  void conversion(CallExpr* e, int dst);
  void binary(BinaryExpr* e, int dst);
  void unary(UnaryExpr* e, int dst);
  void selector(SelectorExpr* e, int dst);
  void index_expr(IndexExpr* e, int dst);
  void slice_expr(SliceExpr* e, int dst);
  bool composite(CompositeLit* e, int dst);
  void func_lit(FuncLit* e, int dst);
  void type_assert(TypeAssertExpr* e, int dst);
  void address_of(Expr* x, int dst);
  void method_receiver(SelectorExpr* se, Object* mo, int dst, bool copy);
  void load_var(Object* obj, int dst);
  int var_ptr(Object* obj);  // register holding a pointer to a Mem/Free/Global variable
  // Walks a field selection path; returns the register holding a pointer to
  // the struct containing the last field and sets *off to its slot offset.
  int field_base(SelectorExpr* e, int* off);
  void arith(Op op, const Type* t, int dst, int x, int y);
  bool arith_const(Op op, const Type* t, int dst, int x, Expr* k, Expr* xe = nullptr);
  void map_entry_ref(LValue& lv);
  void truncate(const Type* t, int reg);
  // Places a call's arguments at base.. (conversions, variadic packing).
  int place_args(CallExpr* e, const Type* sig, int base, int first);
  void cond_jump(Expr* e, bool jump_if, std::vector<int>& jumps);
  bool rem_branch(Expr* lhs, Op op, Expr* rhs, std::vector<int>& jumps);
  void compare(Op op, Expr* x, Expr* y, int dst);

  // ---- statements (compile.cpp)
  void stmt(Stmt* s);
  void block(const std::vector<Stmt*>& list, const struct LoopStep* tail = nullptr);
  void assign(AssignStmt* s);
  void define(AssignStmt* s);
  void op_assign(AssignStmt* s);
  void inc_dec(IncDecStmt* s);
  void decl_stmt(DeclStmt* s);
  void if_stmt(IfStmt* s, const struct LoopStep* tail);
  void for_stmt(ForStmt* s);
  void emit_step(const LoopStep& st, bool then_exit);  // then_exit: a copy, followed by a jump out
  uint16_t counting_loop(ForStmt* s, int* i_reg, int* lim);
  void range_stmt(RangeStmt* s);
  void switch_stmt(SwitchStmt* s);
  void type_switch(TypeSwitchStmt* s);
  void return_stmt(ReturnStmt* s);
  void branch(BranchStmt* s);
  void call_later(Pos pos, CallExpr* call, uint16_t op);
  void send_stmt(SendStmt* s);
  void select_stmt(SelectStmt* s);
  // The element code of channel type u (vm/chan_ops.h).
  static int chan_elem_code(const Type* u);
  void call_later_builtin(Pos pos, CallExpr* call, uint16_t op);
  LValue lvalue(Expr* e);
  void store(const LValue& lv, int val, const Type* val_type, bool fresh);
  void load_lvalue(const LValue& lv, int dst);
  void declare_var(Object* obj, int reg);  // binds obj to a fresh location holding reg's value
  int new_local(Object* obj);               // a register for obj, zero valued
  void fresh_iteration_copy(Object* obj);   // Go 1.22: a new cell for the next iteration
  void return_via_epilogue();
  void emit_rundefer();
  void epilogue();
  LValue result_lvalue(size_t i);
  void prologue();

  [[noreturn]] void unsupported(Pos pos, const std::string& what);

  Compiler& c_;
  Proto* p_;
  FuncInfo* info_;
  int nactive_ = 0;
  int line_ = 0;
  int last_label_ = -1;  // the highest pc any jump targets so far
  std::unordered_map<const Object*, VarLoc> vars_;
  std::unordered_map<const Object*, int> free_index_;
  std::unordered_map<std::string, int> string_consts_;
  std::unordered_map<Slot, int> consts_;  // konst() interning by bits
  std::vector<int> result_regs_;  // named/hidden result variables (functions with defers)
  std::vector<int> epilogue_jumps_;
  struct Target {
    Stmt* stmt;
    std::vector<int> breaks, continues;
    int continue_pc = -1;
  };
  std::vector<Target> targets_;
  // Receives a select has already done: `<-c` of a chosen case compiles to
  // a move from (value register, ok register).
  std::unordered_map<const Expr*, std::pair<int, int>> received_;
  std::vector<int>* fallthrough_ = nullptr;
  bool snapshot_ = false;
};

class Compiler {
 public:
  Compiler(Program* prog, Diagnostics& diags) : prog_(prog), diags_(diags) {}
  Module* run();

  Proto* proto_of(FuncInfo* fi);
  // Compiles fi's body into p (pkg: the initialiser of pkg's variables
  // instead), again in long-jump mode if its branches do not fit.
  void compile_proto(Proto* p, FuncInfo* fi, Package* pkg = nullptr);
  Closure* closure_of(FuncInfo* fi);
  int global_index(Object* obj);
  const std::string& file_of(Package* pkg);

  Program* prog_;
  Diagnostics& diags_;
  Module* mod_ = nullptr;
  std::unordered_map<const Object*, int> globals_;
  std::string current_file_;
  std::string current_filename_;  // as the diagnostics name it
  int deferwraps_ = 0;
};

// How print/println prints a value of type t (interp_util.h PrintKind).
uint16_t print_kind(const Type* t);

// Methods take their receiver as the first argument, named or not.
bool is_method(const FuncInfo* fi);

// Binds a native declaration: package runtime's own natives first, then the
// stdlib registry. nullptr if none.
NativeFn find_any_native(const std::string& symbol);

}  // namespace mgo::vm

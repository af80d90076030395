// The compiler from checked ASTs to bytecode: the program, functions and
// statements. Expressions are in compile_expr.cpp.
#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include <unordered_set>

#include "lang/nesting.h"
#include "stdlib/registry.h"
#include "vm/chan_ops.h"
#include "vm/compiler.h"
#include "vm/interp_util.h"
#include "vm/run.h"

namespace mgo::vm {

bool is_method(const FuncInfo* fi) {
  return fi->recv || (fi->node && fi->node->kind == NodeKind::FuncDecl &&
                      static_cast<const FuncDecl*>(fi->node)->recv);
}

// ---------------------------------------------------------------- FuncCompiler basics

FuncCompiler::FuncCompiler(Compiler& c, Proto* p, FuncInfo* info) : c_(c), p_(p), info_(info) {
  if (info)
    for (size_t i = 0; i < info->free_vars.size(); i++) free_index_[info->free_vars[i]] = int(i);
}

void FuncCompiler::unsupported(Pos pos, const std::string& what) {
  throw CompileError{pos, what + " is not supported by mgo"};
}

int FuncCompiler::emit(uint16_t op, int a, int b, int c) {
  // Operands are 16 bits: register numbers are capped by alloc, but
  // constant-table indexes are not (LOADK's 32-bit bx aside), nor are a
  // field's offset or an element's size in slots (whole-value copies have
  // COPYX and DUPX), so none of them may wrap around.
  auto fits = [](int v) { return v >= INT16_MIN && v <= UINT16_MAX; };
  if (!fits(a) || !fits(b) || !fits(c))
    throw CompileError{Pos{line_, 1},
                       "more than 65,535 constants in a function, or a field or element more than "
                       "65,535 words into a value, is not supported by mgo"};
  p_->code.push_back(Instr{op, uint16_t(a), uint16_t(b), uint16_t(c)});
  p_->lines.push_back(line_);
  return here() - 1;
}

int FuncCompiler::emit_bx(uint16_t op, int a, uint32_t bx) {
  return emit(op, a, int(bx & 0xffff), int(bx >> 16));
}

void FuncCompiler::emit_copy(int dst, int src, int n) {
  if (n <= UINT16_MAX) {
    emit(OP_COPY, dst, src, n);
  } else {
    emit(OP_COPYX, dst, src);
    emit_bx(0, 0, uint32_t(n));  // data word: X.bx the slots
  }
}

void FuncCompiler::emit_dup(int dst, int src, int n) {
  if (n <= UINT16_MAX) {
    emit(OP_DUP, dst, src, n);
  } else {
    emit(OP_DUPX, dst, src);
    emit_bx(0, 0, uint32_t(n));
  }
}

int FuncCompiler::emit_jump(uint16_t op, int a) { return emit(op, a, 0, 0); }
int FuncCompiler::emit_cjump(uint16_t op, int a, int b) {
  if (!long_jumps_) return emit(op, a, b, 0);
  emit(op, a, b, 1);  // taken: to the long jump
  emit(OP_JMP, 0, 1, 0);  // not taken: over it
  return emit_jump();
}

void FuncCompiler::patch_to(int at, int target) {
  last_label_ = std::max(last_label_, target);
  Instr& in = p_->code[size_t(at)];
  int off = target - (at + 1);
  const char* fmt = opcode_format(in.op);
  if (std::string(fmt).find("sC") != std::string::npos) {
    if (off < INT16_MIN || off > INT16_MAX) throw JumpTooFar{};
    in.c = uint16_t(int16_t(off));
  } else {
    in.b = uint16_t(uint32_t(off) & 0xffff);
    in.c = uint16_t(uint32_t(off) >> 16);
  }
}

void FuncCompiler::patch_here(int at) { patch_to(at, here()); }

void FuncCompiler::patch_list_here(std::vector<int>& l) {
  for (int at : l) patch_here(at);
  l.clear();
}

int FuncCompiler::konst(Slot v) {
  auto it = consts_.find(v);
  if (it != consts_.end()) return it->second;
  p_->consts.push_back(v);
  int k = int(p_->consts.size()) - 1;
  consts_.emplace(v, k);
  return k;
}

int FuncCompiler::konst_string(std::string_view s) {
  auto it = string_consts_.find(std::string(s));
  if (it != string_consts_.end()) return it->second;
  p_->consts.push_back(make_string(s));
  int k = int(p_->consts.size()) - 1;
  string_consts_.emplace(std::string(s), k);
  return k;
}

int FuncCompiler::konst_assert(const Type* want, const Type* src) {
  // Two consecutive constants, as ASSERT* reads them: the type, then how a
  // failed assertion names the operand's static type.
  int k = int(p_->consts.size());
  p_->consts.push_back(from_ptr(want));
  p_->consts.push_back(make_string(src->str()));
  return k;
}

int FuncCompiler::alloc(int n) {
  int r = nactive_;
  nactive_ += n;
  if (nactive_ > 60000) throw CompileError{Pos{line_, 1}, "a function with this many registers is not supported by mgo"};
  if (nactive_ > p_->nregs) p_->nregs = nactive_;
  return r;
}

// ---------------------------------------------------------------- variables

int FuncCompiler::new_local(Object* obj) {
  int r = alloc();
  const Type* t = obj->type;
  if (t->is_aggregate()) {
    emit_bx(OP_ALLOC, r, uint32_t(t->slots()));
    vars_[obj] = {VarLoc::Mem, r};
  } else if (obj->captured || obj->addr_taken) {
    emit_bx(OP_ALLOC, r, 1);
    vars_[obj] = {VarLoc::Mem, r};
  } else {
    emit(OP_LOADZ, r);
    vars_[obj] = {VarLoc::Reg, r};
  }
  return r;
}

void FuncCompiler::declare_var(Object* obj, int reg) {
  // reg holds the initial value (register representation, already a copy
  // the variable may own when `reg` was marked fresh by the caller).
  const Type* t = obj->type;
  if (t->is_aggregate()) {
    vars_[obj] = {VarLoc::Mem, reg};
  } else if (obj->captured || obj->addr_taken) {
    int cell = alloc();
    emit_bx(OP_ALLOC, cell, 1);
    emit(OP_STORE, cell, 0, reg);
    emit(OP_MOVE, reg, cell);
    vars_[obj] = {VarLoc::Mem, reg};
    set_top(cell);
  } else {
    vars_[obj] = {VarLoc::Reg, reg};
  }
}

void FuncCompiler::fresh_iteration_copy(Object* obj) {
  auto it = vars_.find(obj);
  if (it == vars_.end() || it->second.kind != VarLoc::Mem) return;
  int r = it->second.index;
  int n = obj->type->is_aggregate() ? obj->type->slots() : 1;
  emit_dup(r, r, n);
}

// ---------------------------------------------------------------- lvalues

LValue FuncCompiler::lvalue(Expr* e) {
  LValue lv;
  lv.type = e->type;
  while (e->kind == NodeKind::ParenExpr) e = static_cast<ParenExpr*>(e)->x;
  switch (e->kind) {
    case NodeKind::Ident: {
      auto* id = static_cast<Ident*>(e);
      if (id->name == "_" || !id->obj) return LValue{};
      Object* obj = id->obj;
      lv.type = obj->type;
      if (obj->is_global) {
        lv.kind = LValue::Global;
        lv.r1 = c_.global_index(obj);
        return lv;
      }
      auto it = vars_.find(obj);
      if (it != vars_.end() && it->second.kind == VarLoc::Reg) {
        lv.kind = LValue::Reg;
        lv.r1 = it->second.index;
        return lv;
      }
      lv.kind = LValue::Ptr;
      lv.r1 = var_ptr(obj);
      return lv;
    }
    case NodeKind::SelectorExpr: {
      auto* se = static_cast<SelectorExpr*>(e);
      if (se->sel_kind == SelKind::Qualified) {
        Object* obj = se->sel->obj;
        lv.kind = LValue::Global;
        lv.r1 = c_.global_index(obj);
        lv.type = obj->type;
        return lv;
      }
      int off = 0;
      lv.kind = LValue::Ptr;
      lv.r1 = field_base(se, &off);
      lv.off = off;
      return lv;
    }
    case NodeKind::StarExpr: {
      auto* st = static_cast<StarExpr*>(e);
      lv.kind = LValue::Ptr;
      lv.r1 = alloc();
      expr_to(st->x, lv.r1);
      emit(OP_NILCHK, lv.r1);
      return lv;
    }
    case NodeKind::IndexExpr: {
      auto* ix = static_cast<IndexExpr*>(e);
      const Type* xt = ix->x->type->underlying();
      if (xt->kind == Kind::Map) {
        lv.kind = LValue::MapEntry;
        lv.r1 = operand(ix->x);
        lv.r2 = alloc();
        expr_conv(ix->index, xt->key, lv.r2);
        return lv;
      }
      if (xt->kind == Kind::Slice) {
        lv.kind = LValue::SliceElem;
        lv.r1 = operand(ix->x);
        lv.r2 = operand(ix->index);
        return lv;
      }
      if (xt->kind == Kind::Pointer) xt = xt->elem->underlying();
      if (xt->kind == Kind::Array) {
        lv.kind = LValue::ArrayElem;
        lv.r1 = alloc();
        // A pointer to an array, or an array's storage (its register form).
        expr_to(ix->x, lv.r1);
        if (ix->x->type->ukind() == Kind::Pointer) emit(OP_NILCHK, lv.r1);
        lv.r2 = operand(ix->index);
        lv.len = xt->len;
        return lv;
      }
      break;
    }
    default:
      break;
  }
  unsupported(e->pos, "this assignment target");
}

void FuncCompiler::store(const LValue& lv, int val, const Type* vt, bool fresh) {
  const Type* t = lv.type;
  int v = val;
  if (t && vt && t != vt && t->is_interface() && !vt->is_interface()) {
    v = alloc();
    convert_reg(val, vt, t, v);
  }
  bool agg = t && t->is_aggregate();
  int n = agg ? t->slots() : 1;
  switch (lv.kind) {
    case LValue::Blank:
      return;
    case LValue::Reg:
      emit(OP_MOVE, lv.r1, v);
      return;
    case LValue::Ptr:
      if (!agg) {
        emit(OP_STORE, lv.r1, lv.off, v);
      } else if (lv.off == 0) {
        emit_copy(lv.r1, v, n);
      } else {
        int a = alloc();
        emit(OP_ADDR, a, lv.r1, lv.off);
        emit_copy(a, v, n);
      }
      return;
    case LValue::Global:
      if (!agg) {
        emit_bx(OP_GSTORE, v, uint32_t(lv.r1));
      } else {
        int a = alloc();
        emit_bx(OP_GADDR, a, uint32_t(lv.r1));
        emit_copy(a, v, n);
      }
      return;
    case LValue::SliceElem:
      if (!agg) {
        emit(OP_SETSL, lv.r1, lv.r2, v);
      } else {
        int a = alloc();
        emit(OP_ADDRSL, a, lv.r1, lv.r2);
        emit(0, n);  // data word: element slots (X.a)
        emit_copy(a, v, n);
      }
      return;
    case LValue::ArrayElem:
      if (!agg) {
        emit(OP_SETAR, lv.r1, lv.r2, v);
        emit(0, 0, int(lv.len & 0xffff), int(lv.len >> 16));  // X.bx: the length
      } else {
        int a = alloc();
        emit(OP_ADDRAR, a, lv.r1, lv.r2);
        emit(0, int(lv.len & 0xffff), n, int(lv.len >> 16));
        emit_copy(a, v, n);
      }
      return;
    case LValue::MapEntry:
      emit(OP_MAPSET, lv.r1, lv.r2, v);
      return;
  }
  (void)fresh;
}

void FuncCompiler::load_lvalue(const LValue& lv, int dst) {
  const Type* t = lv.type;
  bool agg = t->is_aggregate();
  switch (lv.kind) {
    case LValue::Blank: return;
    case LValue::Reg: emit(OP_MOVE, dst, lv.r1); return;
    case LValue::Ptr:
      emit(agg ? OP_ADDR : OP_LOAD, dst, lv.r1, lv.off);
      return;
    case LValue::Global:
      emit_bx(agg ? OP_GADDR : OP_GLOAD, dst, uint32_t(lv.r1));
      return;
    case LValue::SliceElem:
      if (agg) {
        emit(OP_ADDRSL, dst, lv.r1, lv.r2);
        emit(0, t->slots());
      } else {
        emit(OP_INDEXSL, dst, lv.r1, lv.r2);
      }
      return;
    case LValue::ArrayElem:
      if (agg) {
        emit(OP_ADDRAR, dst, lv.r1, lv.r2);
        emit(0, int(lv.len & 0xffff), t->slots(), int(lv.len >> 16));
      } else {
        emit(OP_INDEXAR, dst, lv.r1, lv.r2);
        emit(0, 0, int(lv.len & 0xffff), int(lv.len >> 16));
      }
      return;
    case LValue::MapEntry:
      emit(OP_MAPGET, dst, lv.r1, lv.r2);
      return;
  }
}

// ---------------------------------------------------------------- statements


void FuncCompiler::block(const std::vector<Stmt*>& list, const LoopStep* tail) {
  for (size_t k = 0; k < list.size(); k++) {
    if (k + 1 == list.size() && tail && list[k]->kind == NodeKind::IfStmt) {
      // Only an if statement has a jump to its end to replace.
      if (list[k]->pos.valid()) line_ = list[k]->pos.line;
      int mark = top();
      if_stmt(static_cast<IfStmt*>(list[k]), tail);
      set_top(mark);
      continue;
    }
    stmt(list[k]);
  }
}

void FuncCompiler::stmt(Stmt* s) {
  if (!s) return;
  check_nesting(s->pos);
  if (s->pos.valid()) line_ = s->pos.line;
  int mark = top();
  switch (s->kind) {
    case NodeKind::EmptyStmt:
      break;
    case NodeKind::ExprStmt: {
      Expr* x = static_cast<ExprStmt*>(s)->x;
      int r = alloc();
      if (x->kind == NodeKind::CallExpr) {
        call_to(static_cast<CallExpr*>(x), r);
      } else {
        expr_to(x, r);
      }
      set_top(mark);
      break;
    }
    case NodeKind::AssignStmt: {
      auto* a = static_cast<AssignStmt*>(s);
      if (a->tok == AssignTok::Define) {
        define(a);
        return;  // keeps the new variables' registers
      }
      if (a->tok == AssignTok::OpAssign) op_assign(a);
      else assign(a);
      set_top(mark);
      break;
    }
    case NodeKind::IncDecStmt:
      inc_dec(static_cast<IncDecStmt*>(s));
      set_top(mark);
      break;
    case NodeKind::DeclStmt:
      decl_stmt(static_cast<DeclStmt*>(s));
      return;
    case NodeKind::BlockStmt:
      block(static_cast<BlockStmt*>(s)->list);
      set_top(mark);
      break;
    case NodeKind::IfStmt:
      if_stmt(static_cast<IfStmt*>(s), nullptr);
      set_top(mark);
      break;
    case NodeKind::ForStmt:
      for_stmt(static_cast<ForStmt*>(s));
      set_top(mark);
      break;
    case NodeKind::RangeStmt:
      range_stmt(static_cast<RangeStmt*>(s));
      set_top(mark);
      break;
    case NodeKind::SwitchStmt:
      switch_stmt(static_cast<SwitchStmt*>(s));
      set_top(mark);
      break;
    case NodeKind::TypeSwitchStmt:
      type_switch(static_cast<TypeSwitchStmt*>(s));
      set_top(mark);
      break;
    case NodeKind::ReturnStmt:
      return_stmt(static_cast<ReturnStmt*>(s));
      set_top(mark);
      break;
    case NodeKind::BranchStmt:
      branch(static_cast<BranchStmt*>(s));
      break;
    case NodeKind::LabeledStmt:
      stmt(static_cast<LabeledStmt*>(s)->stmt);
      set_top(mark);
      break;
    case NodeKind::DeferStmt:
      call_later(s->pos, static_cast<DeferStmt*>(s)->call, OP_DEFER);
      set_top(mark);
      break;
    case NodeKind::GoStmt:
      call_later(s->pos, static_cast<GoStmt*>(s)->call, OP_GO);
      set_top(mark);
      break;
    case NodeKind::SendStmt:
      send_stmt(static_cast<SendStmt*>(s));
      set_top(mark);
      break;
    case NodeKind::SelectStmt:
      select_stmt(static_cast<SelectStmt*>(s));
      set_top(mark);
      break;
    default:
      unsupported(s->pos, "this statement");
  }
}

void FuncCompiler::assign(AssignStmt* s) {
  if (s->lhs.size() == 1 && s->rhs.size() == 1) {
    LValue lv = lvalue(s->lhs[0]);
    if (lv.kind == LValue::Reg) {
      // Straight into the variable's register when the expression writes
      // its destination only after reading everything it needs.
      int t = writes_dst_last(s->rhs[0]) ? lv.r1 : alloc();
      expr_conv(s->rhs[0], lv.type, t);
      if (t != lv.r1) emit(OP_MOVE, lv.r1, t);
      return;
    }
    int v = expr_any(s->rhs[0]);
    store(lv, v, s->rhs[0]->type, false);
    return;
  }
  // Go evaluates index operands and pointers on the left before assigning
  // anything: snapshot them (`i, a[i] = 1, 7` indexes with the old i) when
  // one of the targets is a register variable they might read.
  std::vector<LValue> lvs;
  snapshot_ = false;
  for (Expr* l : s->lhs) {
    Expr* u = l;
    while (u->kind == NodeKind::ParenExpr) u = static_cast<ParenExpr*>(u)->x;
    if (u->kind == NodeKind::Ident) {
      auto it = vars_.find(static_cast<Ident*>(u)->obj);
      if (it != vars_.end() && it->second.kind == VarLoc::Reg) snapshot_ = true;
    }
  }
  for (Expr* l : s->lhs) lvs.push_back(lvalue(l));
  snapshot_ = false;
  std::vector<int> vals;
  std::vector<const Type*> vtypes;
  if (s->rhs.size() == 1) {
    // a, b = f() / v, ok = m[k] / x.(T) / <-c
    Expr* r = s->rhs[0];
    int base = alloc(int(s->lhs.size()));
    if (r->kind == NodeKind::CallExpr && !r->comma_ok) {
      call_to(static_cast<CallExpr*>(r), base);
      const Type* tt = r->type;
      for (size_t i = 0; i < s->lhs.size(); i++) {
        vals.push_back(base + int(i));
        vtypes.push_back(tt->kind == Kind::Tuple ? tt->results[i] : tt);
      }
    } else {
      expr_to(r, base);
      vals = {base, base + 1};
      vtypes = {r->type, types().Bool()};
    }
  } else {
    for (Expr* r : s->rhs) {
      int v = alloc();
      expr_to(r, v);
      if (r->type && r->type->is_aggregate()) emit_dup(v, v, r->type->slots());
      vals.push_back(v);
      vtypes.push_back(r->type);
    }
  }
  for (size_t i = 0; i < lvs.size(); i++) store(lvs[i], vals[i], vtypes[i], true);
}

void FuncCompiler::define(AssignStmt* s) {
  size_t n = s->lhs.size();
  std::vector<int> regs(n);
  std::vector<const Type*> vtypes(n);
  int base = alloc(int(n));
  int mark = top();
  if (s->rhs.size() == 1 && n > 1) {
    Expr* r = s->rhs[0];
    if (r->kind == NodeKind::CallExpr && !r->comma_ok) {
      int cb = alloc(int(n));
      call_to(static_cast<CallExpr*>(r), cb);
      for (size_t i = 0; i < n; i++) {
        emit(OP_MOVE, base + int(i), cb + int(i));
        vtypes[i] = r->type->results[i];
      }
    } else {
      int cb = alloc(2);
      expr_to(r, cb);
      emit(OP_MOVE, base, cb);
      emit(OP_MOVE, base + 1, cb + 1);
      vtypes = {r->type, types().Bool()};
    }
    // The values may live in shared storage (an interface box, a map entry,
    // a callee's variable): the new variables own copies.
    for (size_t i = 0; i < n; i++)
      if (vtypes[i] && vtypes[i]->is_aggregate()) emit_dup(base + int(i), base + int(i), vtypes[i]->slots());
    set_top(mark);
  } else {
    // Straight into the new registers: nothing on the right can refer to them.
    for (size_t i = 0; i < n; i++) {
      int t = base + int(i);
      bool fresh = false;
      auto* id = static_cast<Ident*>(s->lhs[i]);
      const Type* target = id->obj ? id->obj->type : s->rhs[i]->type;
      if (target && target->is_interface() && !s->rhs[i]->type->is_interface()) {
        expr_conv(s->rhs[i], target, t);
        fresh = true;
      } else {
        fresh = expr_to(s->rhs[i], t);
      }
      vtypes[i] = target;
      if (s->rhs[i]->type && s->rhs[i]->type->is_aggregate() && !fresh)
        emit_dup(t, t, s->rhs[i]->type->slots());
    }
    set_top(mark);
  }
  // Bind: new variables take their register; redeclared ones are assigned.
  for (size_t i = 0; i < n; i++) {
    auto* id = static_cast<Ident*>(s->lhs[i]);
    bool is_new = i < s->is_new.size() ? s->is_new[i] : true;
    if (!id->obj || id->name == "_") continue;
    if (is_new) {
      int r = base + int(i);
      const Type* t = id->obj->type;
      if (t->is_aggregate() && vtypes[i] && !vtypes[i]->is_aggregate()) {
        // cannot happen for well-typed programs
      }
      if (t->is_interface() && vtypes[i] && !vtypes[i]->is_interface()) convert_reg(r, vtypes[i], t, r);
      declare_var(id->obj, r);
    } else {
      int m2 = top();
      LValue lv = lvalue(id);
      store(lv, base + int(i), vtypes[i], true);
      set_top(m2);
    }
  }
}

// m[k] op= y and m[k]++ on a scalar value look the key up once (MAPREF,
// Go's mapassign) and update the entry through the pointer, instead of a
// MAPGET and a MAPSET. Only when nothing between the insertion and the store
// can panic or touch the map: y is a constant or a variable (evaluated after
// the load, as before), and the operator cannot fail at run time (a constant
// divisor or shift count is checked by the type checker).
void FuncCompiler::map_entry_ref(LValue& lv) {
  int p = alloc();
  emit(OP_MAPREF, p, lv.r1, lv.r2);
  lv.kind = LValue::Ptr;
  lv.r1 = p;
  lv.off = 0;
}

namespace {
bool op_assign_via_ref(const LValue& lv, Op op, Expr* y) {
  if (lv.kind != LValue::MapEntry || lv.type->is_aggregate()) return false;
  bool konst = y->mode == Mode::Constant;
  while (y->kind == NodeKind::ParenExpr) y = static_cast<ParenExpr*>(y)->x;
  if (!konst && y->kind != NodeKind::Ident) return false;
  bool may_panic = op == Op::Quo || op == Op::Rem || op == Op::Shl || op == Op::Shr;
  return konst || !may_panic;
}
}  // namespace

void FuncCompiler::op_assign(AssignStmt* s) {
  LValue lv = lvalue(s->lhs[0]);
  Expr* y = s->rhs[0];
  if (op_assign_via_ref(lv, s->op, y)) map_entry_ref(lv);
  // A register variable is updated in place; other places through a temporary.
  bool in_place = lv.kind == LValue::Reg;
  int cur = in_place ? lv.r1 : alloc();
  if (!in_place) load_lvalue(lv, cur);
  const Type* t = lv.type;
  if (t->is_integer() && y->mode == Mode::Constant && arith_const(s->op, t, cur, cur, y)) {
    if (!in_place) store(lv, cur, t, true);
    return;
  }
  int yr = expr_any(y);
  if (s->op == Op::Add && t->is_string()) {
    emit(OP_CONCAT, cur, cur, yr);
  } else {
    if ((s->op == Op::Shl || s->op == Op::Shr) && !y->type->is_unsigned() && y->mode != Mode::Constant)
      emit(OP_CHKSHIFT, yr);
    arith(s->op, t, cur, cur, yr);
  }
  if (!in_place) store(lv, cur, t, true);
}

void FuncCompiler::inc_dec(IncDecStmt* s) {
  LValue lv = lvalue(s->x);
  const Type* t = lv.type;
  if (lv.kind == LValue::MapEntry) map_entry_ref(lv);
  int cur = lv.kind == LValue::Reg ? lv.r1 : alloc();
  if (lv.kind != LValue::Reg) load_lvalue(lv, cur);
  if (t->is_float()) {
    int one = alloc();
    emit_bx(OP_LOADK, one, uint32_t(konst(from_f64(1.0))));
    emit(s->op == Op::Inc ? OP_ADDF : OP_SUBF, cur, cur, one);
    if (t->ukind() == Kind::Float32) emit(OP_ROUND32, cur);
  } else {
    emit(OP_ADDI, cur, cur, s->op == Op::Inc ? 1 : int(uint16_t(int16_t(-1))));
    truncate(t, cur);
  }
  if (lv.kind != LValue::Reg) store(lv, cur, t, true);
}

void FuncCompiler::decl_stmt(DeclStmt* s) {
  GenDecl* gd = s->decl;
  if (gd->tok != DeclTok::Var) return;  // const and type declarations need no code
  for (Node* n : gd->specs) {
    auto* vs = static_cast<ValueSpec*>(n);
    size_t nn = vs->names.size();
    if (vs->values.empty()) {
      for (Ident* id : vs->names) {
        if (!id->obj || id->name == "_") continue;
        new_local(id->obj);
      }
      continue;
    }
    // Like :=, every name is new.
    AssignStmt a(vs->pos, AssignTok::Define);
    for (Ident* id : vs->names) a.lhs.push_back(id);
    a.rhs = vs->values;
    a.is_new.assign(nn, true);
    define(&a);
  }
}

void FuncCompiler::if_stmt(IfStmt* s, const LoopStep* tail) {
  stmt(s->init);
  std::vector<int> to_else;
  cond_jump(s->cond, false, to_else);
  int mark = top();
  block(s->body->list, tail);
  set_top(mark);
  if (!s->else_) {
    patch_list_here(to_else);
    return;
  }
  if (tail) {
    // The end of this if is the loop step: step here instead of jumping
    // there; when the loop ends, leave it.
    emit_step(*tail, true);
    patch_list_here(to_else);
    if (s->else_->kind == NodeKind::IfStmt) {
      if (s->else_->pos.valid()) line_ = s->else_->pos.line;
      if_stmt(static_cast<IfStmt*>(s->else_), tail);
    } else {
      block(static_cast<BlockStmt*>(s->else_)->list, tail);
    }
    set_top(mark);
    return;
  }
  int to_end = emit_jump();
  patch_list_here(to_else);
  stmt(s->else_);
  patch_here(to_end);
}

// The fused forms of an accumulation followed by the step (opcodes.def).
uint16_t arith_step_op(uint16_t arith, uint16_t step) {
  bool k = step == OP_FORLTK;
  switch (arith) {
    case OP_ADD: return k ? OP_ADDFORLTK : OP_ADDFORLT;
    case OP_ADDI: return k ? OP_ADDIFORLTK : OP_ADDIFORLT;
    case OP_ADDF: return k ? OP_ADDFFORLTK : OP_ADDFFORLT;
    default: return 0;
  }
}

void FuncCompiler::emit_step(const LoopStep& st, bool then_exit) {
  LineScope ls(line_, Pos{st.line, 1});
  // Fuse with the instruction before when nothing jumps to the step itself
  // (every jump to here is patched by now: continues, an if's end) and the
  // offset fits the data word.
  int prev = here() - 1;
  int off = st.body_start - (prev + 1);
  uint16_t fused = !long_jumps_ && prev >= st.body_start && last_label_ < here() && off >= INT16_MIN
                       ? arith_step_op(p_->code[size_t(prev)].op, st.op) : 0;
  if (fused) {
    p_->code[size_t(prev)].op = fused;
    emit(0, st.i_reg, st.lim, int(uint16_t(int16_t(off))));
  } else {
    patch_to(emit_cjump(st.op, st.i_reg, st.lim), st.body_start);
  }
  if (then_exit) st.exits->push_back(emit_jump());
}

namespace {
// Variables declared by a for loop's init statement.
std::vector<Object*> init_vars(Stmt* init) {
  std::vector<Object*> out;
  if (init && init->kind == NodeKind::AssignStmt) {
    auto* a = static_cast<AssignStmt*>(init);
    if (a->tok == AssignTok::Define)
      for (Expr* l : a->lhs)
        if (l->kind == NodeKind::Ident && static_cast<Ident*>(l)->obj)
          out.push_back(static_cast<Ident*>(l)->obj);
  }
  return out;
}
}  // namespace

namespace {
bool is_int64_kind(const Type* t) {
  Kind k = t ? t->ukind() : Kind::Invalid;
  return k == Kind::Int || k == Kind::Int64;
}
Object* ident_obj(Expr* e) {
  while (e && e->kind == NodeKind::ParenExpr) e = static_cast<ParenExpr*>(e)->x;
  return e && e->kind == NodeKind::Ident ? static_cast<Ident*>(e)->obj : nullptr;
}
}  // namespace

// A counting loop `for ...; i < n; i++` where i is an int variable in a
// register and n a constant or another int variable in a register: the
// post statement and the condition become one FORLT/FORLTK. Returns the
// instruction to emit (0 if the loop has another shape) and sets *lim.
uint16_t FuncCompiler::counting_loop(ForStmt* s, int* i_reg, int* lim) {
  if (!s->cond || !s->post || s->post->kind != NodeKind::IncDecStmt) return 0;
  auto* inc = static_cast<IncDecStmt*>(s->post);
  Expr* c = s->cond;
  while (c->kind == NodeKind::ParenExpr) c = static_cast<ParenExpr*>(c)->x;
  if (inc->op != Op::Inc || c->kind != NodeKind::BinaryExpr) return 0;
  auto* b = static_cast<BinaryExpr*>(c);
  Object* iv = ident_obj(inc->x);
  if (b->op != Op::Lss || !iv || ident_obj(b->x) != iv || !is_int64_kind(inc->x->type)) return 0;
  auto reg_of = [&](Object* o) {
    auto it = vars_.find(o);
    return it != vars_.end() && it->second.kind == VarLoc::Reg ? it->second.index : -1;
  };
  *i_reg = reg_of(iv);
  if (*i_reg < 0) return 0;
  if (b->y->mode == Mode::Constant && b->y->cval) {
    *lim = konst(Slot(b->y->cval->as_int64()));
    return *lim <= UINT16_MAX ? OP_FORLTK : 0;
  }
  Object* nv = ident_obj(b->y);
  *lim = nv && nv != iv && is_int64_kind(b->y->type) ? reg_of(nv) : -1;
  return *lim >= 0 ? OP_FORLT : 0;
}

void FuncCompiler::for_stmt(ForStmt* s) {
  stmt(s->init);
  std::vector<Object*> loop_vars = init_vars(s->init);
  int i_reg = 0, lim = 0;
  // (Go 1.22's per-iteration copies exist only for variables in memory.)
  bool copies = false;
  for (Object* v : loop_vars) {
    auto it = vars_.find(v);
    copies |= it != vars_.end() && it->second.kind == VarLoc::Mem;
  }
  if (uint16_t fused = copies ? 0 : counting_loop(s, &i_reg, &lim)) {
    // Shape: test once on entry, then the fused step-and-test at the bottom.
    std::vector<int> exits;
    cond_jump(s->cond, false, exits);
    int body_start = here();
    targets_.push_back(Target{s, {}, {}, -1});
    int mark = top();
    LoopStep step{fused, i_reg, lim, body_start, s->post->pos.line, &exits};
    block(s->body->list, &step);
    set_top(mark);
    Target tg = targets_.back();
    targets_.pop_back();
    patch_list_here(tg.continues);
    emit_step(step, false);
    patch_list_here(exits);
    patch_list_here(tg.breaks);
    return;
  }
  // Loop shape: jump to the condition at the bottom, so each iteration runs
  // one compare-and-branch.
  int to_cond = s->cond ? emit_jump() : -1;
  int body_start = here();
  targets_.push_back(Target{s, {}, {}, -1});
  int mark = top();
  block(s->body->list);
  set_top(mark);
  Target tg = targets_.back();
  targets_.pop_back();
  patch_list_here(tg.continues);
  for (Object* v : loop_vars) fresh_iteration_copy(v);
  stmt(s->post);
  set_top(mark);
  if (s->cond) {
    patch_here(to_cond);
    std::vector<int> back;
    cond_jump(s->cond, true, back);
    for (int j : back) patch_to(j, body_start);
  } else {
    int j = emit_jump();
    patch_to(j, body_start);
  }
  patch_list_here(tg.breaks);
}

void FuncCompiler::branch(BranchStmt* s) {
  if (s->tok == BranchTok::Fallthrough) {
    if (fallthrough_) fallthrough_->push_back(emit_jump());
    return;
  }
  if (s->tok == BranchTok::Goto) unsupported(s->pos, "goto");
  Stmt* target = s->target;
  for (auto it = targets_.rbegin(); it != targets_.rend(); ++it) {
    bool match = target ? it->stmt == target : true;
    if (!target && s->tok == BranchTok::Continue) {
      NodeKind k = it->stmt->kind;
      match = k == NodeKind::ForStmt || k == NodeKind::RangeStmt;
    }
    if (!match) continue;
    if (s->tok == BranchTok::Break) it->breaks.push_back(emit_jump());
    else it->continues.push_back(emit_jump());
    return;
  }
  unsupported(s->pos, "this branch statement");
}

void FuncCompiler::return_stmt(ReturnStmt* s) {
  const Type* sig = info_ ? info_->sig : nullptr;
  size_t nres = sig ? sig->results.size() : 0;
  bool via_epilogue = info_ && info_->has_defer;
  if (s->results.empty()) {
    if (via_epilogue) {
      return_via_epilogue();
      return;
    }
    // Named results without defers: return their current values.
    int base = alloc(int(nres));
    for (size_t i = 0; i < nres; i++) load_var(info_->results[i], base + int(i));
    emit(OP_RET, base, int(nres));
    return;
  }
  // return x of a register variable of the result's own (non-interface)
  // type: RET straight from x's register, no MOVE.
  if (!via_epilogue && nres == 1 && s->results.size() == 1) {
    Expr* r = s->results[0];
    while (r->kind == NodeKind::ParenExpr) r = static_cast<ParenExpr*>(r)->x;
    auto it = r->kind == NodeKind::Ident ? vars_.find(static_cast<Ident*>(r)->obj) : vars_.end();
    if (it != vars_.end() && it->second.kind == VarLoc::Reg && r->type == sig->results[0] &&
        !r->type->is_interface() && !r->type->is_aggregate()) {
      emit(OP_RET, it->second.index, 1);
      return;
    }
  }
  int base = alloc(int(nres));
  if (s->results.size() == 1 && nres > 1) {
    call_to(static_cast<CallExpr*>(s->results[0]), base);
    const Type* tt = s->results[0]->type;
    for (size_t i = 0; i < nres; i++) convert_reg(base + int(i), tt->results[i], sig->results[i], base + int(i));
  } else {
    for (size_t i = 0; i < nres; i++) expr_conv(s->results[i], sig->results[i], base + int(i));
  }
  if (via_epilogue) {
    for (size_t i = 0; i < nres; i++) {
      int m = top();
      LValue lv = result_lvalue(i);
      store(lv, base + int(i), sig->results[i], false);
      set_top(m);
    }
    return_via_epilogue();
    return;
  }
  emit(OP_RET, base, int(nres));
}

LValue FuncCompiler::result_lvalue(size_t i) {
  Object* obj = info_->results[i];
  LValue lv;
  lv.type = obj->type;
  VarLoc loc = vars_.at(obj);
  if (loc.kind == VarLoc::Reg) {
    lv.kind = LValue::Reg;
    lv.r1 = loc.index;
  } else {
    lv.kind = LValue::Ptr;
    lv.r1 = loc.index;
  }
  return lv;
}

void FuncCompiler::range_stmt(RangeStmt* s) {
  const Type* xt = s->x->type->underlying();
  bool define = s->tok == AssignTok::Define;
  auto obj_of = [](Expr* e) -> Object* {
    if (!e || e->kind != NodeKind::Ident) return nullptr;
    auto* id = static_cast<Ident*>(e);
    return id->name == "_" ? nullptr : id->obj;
  };
  // Assigns the iteration values (registers k, v) to the loop variables:
  // fresh variables per iteration for :=, stores for =.
  auto bind = [&](int k, const Type* kt, int v, const Type* vt) {
    Expr* targets[2] = {s->key, s->value};
    int regs[2] = {k, v};
    const Type* ts[2] = {kt, vt};
    for (int j = 0; j < 2; j++) {
      Expr* e = targets[j];
      if (!e || regs[j] < 0) continue;
      if (define) {
        Object* obj = obj_of(e);
        if (!obj) continue;
        int r;
        auto it = vars_.find(obj);
        if (it == vars_.end()) {
          r = new_local(obj);
        } else {
          r = it->second.index;
        }
        VarLoc loc = vars_[obj];
        if (loc.kind == VarLoc::Reg) {
          emit(OP_MOVE, r, regs[j]);
        } else if (obj->type->is_aggregate()) {
          emit_dup(r, regs[j], obj->type->slots());
        } else {
          emit_bx(OP_ALLOC, r, 1);  // a new variable each iteration (Go 1.22)
          emit(OP_STORE, r, 0, regs[j]);
        }
      } else {
        int m = top();
        LValue lv = lvalue(e);
        store(lv, regs[j], ts[j], false);
        set_top(m);
      }
    }
  };
  // Pre-declare := variables so their registers sit below the loop's temporaries.
  if (define) {
    for (Expr* e : {s->key, s->value})
      if (Object* obj = obj_of(e)) new_local(obj);
  }
  int mark0 = top();
  targets_.push_back(Target{s, {}, {}, -1});
  int loop_top, exit_jump = -1;
  std::vector<int> exits;
  auto body = [&]() {
    int m = top();
    block(s->body->list);
    set_top(m);
  };
  // The body of a range over an integer, slice or array, ended by the
  // counting loop's step; the exits are patched below with the breaks.
  auto body_stepping = [&](const LoopStep& step) {
    int m = top();
    block(s->body->list, &step);
    set_top(m);
    patch_list_here(targets_.back().continues);
    emit_step(step, false);
    exits.push_back(exit_jump);
  };
  if (xt->kind == Kind::Chan) {
    // for v := range c: receive until the channel is closed and drained.
    int c = alloc();
    expr_to(s->x, c);
    int v = alloc(2);
    loop_top = here();
    emit(OP_RECV2, v, c, chan_elem_code(xt));
    exit_jump = emit_jump(OP_JF, v + 1);
    bind(v, xt->elem, -1, nullptr);
    body();
    patch_list_here(targets_.back().continues);
    int j = emit_jump();
    patch_to(j, loop_top);
    patch_here(exit_jump);
  } else if (xt->kind == Kind::Map) {
    int m = expr_any(s->x);
    int it = alloc();
    emit(OP_MAPITER, it, m);
    int kv = alloc(2);
    loop_top = here();
    exit_jump = emit_cjump(OP_MAPNEXT, it, kv);
    bind(kv, xt->key, s->value ? kv + 1 : -1, xt->elem);
    body();
    patch_list_here(targets_.back().continues);
    int j = emit_jump();
    patch_to(j, loop_top);
    patch_here(exit_jump);
  } else if (xt->kind == Kind::String) {
    int str = alloc();
    expr_to(s->x, str);
    int len = alloc(), i = alloc(), rw = alloc(2);
    emit(OP_LENS, len, str);
    emit(OP_LOADZ, i);
    loop_top = here();
    exit_jump = emit_cjump(OP_JLE, len, i);
    emit(OP_STRNEXT, str, rw, i);
    bind(i, types().Int(), s->value ? rw : -1, types().Int32());
    body();
    patch_list_here(targets_.back().continues);
    emit(OP_ADD, i, i, rw + 1);
    int j = emit_jump();
    patch_to(j, loop_top);
    patch_here(exit_jump);
  } else if (xt->is_integer() && xt->is_unsigned()) {
    // (A uint64 bound may exceed MaxInt64: no signed FORLT.)
    int n = alloc();
    expr_to(s->x, n);
    int i = alloc();
    emit(OP_LOADZ, i);
    loop_top = here();
    exit_jump = emit_cjump(OP_JLEU, n, i);
    bind(i, s->x->type, -1, nullptr);
    body();
    patch_list_here(targets_.back().continues);
    emit(OP_ADDI, i, i, 1);
    int j = emit_jump();
    patch_to(j, loop_top);
    patch_here(exit_jump);
  } else if (xt->is_integer()) {
    // As a counting loop: test once on entry, then the fused step-and-test
    // (FORLT) at the bottom, which branches in the body may copy.
    int n = alloc();
    expr_to(s->x, n);
    int i = alloc();
    emit(OP_LOADZ, i);
    exit_jump = emit_cjump(OP_JLE, n, i);
    LoopStep step{OP_FORLT, i, n, here(), s->pos.line, &exits};
    bind(i, s->x->type, -1, nullptr);
    body_stepping(step);
  } else {
    // Slices, arrays and pointers to arrays.
    bool is_ptr = xt->kind == Kind::Pointer;
    const Type* at = is_ptr ? xt->elem->underlying() : xt;
    const Type* et = at->elem;
    int x = alloc();
    bool slice = at->kind == Kind::Slice;
    if (slice || is_ptr) {
      expr_to(s->x, x);
    } else {
      // Ranging over an array value ranges over a copy (only needed for values).
      bool fresh = expr_to(s->x, x);
      if (s->value && !fresh) emit_dup(x, x, at->slots());
    }
    int len = alloc(), i = alloc(), v = alloc();
    if (slice) emit(OP_LENSL, len, x);
    else emit_bx(OP_LOADK, len, uint32_t(konst(Slot(at->len))));
    if (is_ptr && s->value) emit(OP_NILCHK, x);
    emit(OP_LOADZ, i);
    exit_jump = emit_cjump(OP_JLE, len, i);
    LoopStep step{OP_FORLT, i, len, here(), s->pos.line, &exits};
    if (s->value) {
      bool agg = et->is_aggregate();
      if (slice) {
        if (agg) {
          emit(OP_ADDRSL, v, x, i);
          emit(0, et->slots());
        } else {
          emit(OP_INDEXSL, v, x, i);
        }
      } else {
        if (agg) {
          emit(OP_ADDRAR, v, x, i);
          emit(0, int(at->len & 0xffff), et->slots(), int(at->len >> 16));
        } else {
          emit(OP_INDEXAR, v, x, i);
          emit(0, 0, int(at->len & 0xffff), int(at->len >> 16));
        }
      }
    }
    bind(i, types().Int(), s->value ? v : -1, et);
    body_stepping(step);
  }
  patch_list_here(exits);
  patch_list_here(targets_.back().breaks);
  targets_.pop_back();
  set_top(mark0);
}

void FuncCompiler::switch_stmt(SwitchStmt* s) {
  stmt(s->init);
  int tag = -1;
  const Type* tt = nullptr;
  if (s->tag) {
    tag = alloc();
    expr_to(s->tag, tag);
    tt = s->tag->type;
  }
  auto& clauses = s->body->list;
  std::vector<std::vector<int>> to_body(clauses.size());
  int default_idx = -1;
  for (size_t k = 0; k < clauses.size(); k++) {
    auto* cc = static_cast<CaseClause*>(clauses[k]);
    if (cc->is_default || cc->list.empty()) {
      default_idx = int(k);
      continue;
    }
    for (Expr* e : cc->list) {
      int m = top();
      LineScope ls(line_, e->pos);
      if (!s->tag) {
        cond_jump(e, true, to_body[k]);
      } else {
        int v = alloc();
        int res = alloc();
        if (tt->is_interface() && !e->type->is_interface()) {
          expr_conv(e, tt, v);
        } else {
          expr_to(e, v);
        }
        // tag == v, typed by the tag's type.
        const Type* u = tt->underlying();
        if (u->kind == Kind::Interface || u->kind == Kind::Struct || u->kind == Kind::Array) {
          emit(OP_EQV, res, tag, v);
          emit(0, konst_type(tt));
          to_body[k].push_back(emit_jump(OP_JT, res));
        } else if (u->is_string()) {
          emit(OP_EQS, res, tag, v);
          to_body[k].push_back(emit_jump(OP_JT, res));
        } else if (u->is_float()) {
          emit(OP_EQF, res, tag, v);
          to_body[k].push_back(emit_jump(OP_JT, res));
        } else {
          to_body[k].push_back(emit_cjump(OP_JEQ, tag, v));
        }
      }
      set_top(m);
    }
  }
  int to_default = emit_jump();
  targets_.push_back(Target{s, {}, {}, -1});
  std::vector<int> fall;
  std::vector<int> ends;
  for (size_t k = 0; k < clauses.size(); k++) {
    auto* cc = static_cast<CaseClause*>(clauses[k]);
    patch_list_here(to_body[k]);
    patch_list_here(fall);
    if (int(k) == default_idx) patch_here(to_default);
    int m = top();
    std::vector<int>* saved = fallthrough_;
    fallthrough_ = &fall;
    block(cc->body);
    fallthrough_ = saved;
    set_top(m);
    bool falls = !cc->body.empty() && cc->body.back()->kind == NodeKind::BranchStmt &&
                 static_cast<BranchStmt*>(cc->body.back())->tok == BranchTok::Fallthrough;
    if (!falls) ends.push_back(emit_jump());
  }
  if (default_idx < 0) patch_here(to_default);
  patch_list_here(ends);
  patch_list_here(targets_.back().breaks);
  targets_.pop_back();
}

void FuncCompiler::type_switch(TypeSwitchStmt* s) {
  stmt(s->init);
  Expr* xe = nullptr;
  if (s->assign->kind == NodeKind::AssignStmt) {
    xe = static_cast<AssignStmt*>(s->assign)->rhs[0];
  } else {
    xe = static_cast<ExprStmt*>(s->assign)->x;
  }
  xe = static_cast<TypeAssertExpr*>(xe)->x;
  int x = alloc();
  expr_to(xe, x);
  auto& clauses = s->body->list;
  std::vector<std::vector<int>> to_body(clauses.size());
  int default_idx = -1;
  int tmp = alloc(2);
  for (size_t k = 0; k < clauses.size(); k++) {
    auto* cc = static_cast<CaseClause*>(clauses[k]);
    if (cc->is_default || cc->list.empty()) {
      default_idx = int(k);
      continue;
    }
    for (Expr* e : cc->list) {
      if (e->type == nullptr || e->type->kind == Kind::UntypedNil ||
          (e->kind == NodeKind::Ident && static_cast<Ident*>(e)->name == "nil" && e->mode != Mode::TypeExpr)) {
        emit(OP_ISNILI, tmp, x);
        to_body[k].push_back(emit_jump(OP_JT, tmp));
        continue;
      }
      const Type* t = e->type;
      emit(t->is_interface() ? OP_ASSERTI2 : OP_ASSERT2, tmp, x, konst_assert(t, xe->type));
      to_body[k].push_back(emit_jump(OP_JT, tmp + 1));
    }
  }
  int to_default = emit_jump();
  targets_.push_back(Target{s, {}, {}, -1});
  std::vector<int> ends;
  for (size_t k = 0; k < clauses.size(); k++) {
    auto* cc = static_cast<CaseClause*>(clauses[k]);
    patch_list_here(to_body[k]);
    if (int(k) == default_idx) patch_here(to_default);
    int m = top();
    if (Object* v = cc->implicit) {
      int r = alloc();
      const Type* t = v->type;
      if (t->is_interface()) {
        emit(OP_MOVE, r, x);
      } else {
        emit(OP_ASSERT, r, x, konst_assert(t, xe->type));
        if (t->is_aggregate()) emit_dup(r, r, t->slots());
      }
      declare_var(v, r);
    }
    block(cc->body);
    set_top(m);
    ends.push_back(emit_jump());
  }
  if (default_idx < 0) patch_here(to_default);
  patch_list_here(ends);
  patch_list_here(targets_.back().breaks);
  targets_.pop_back();
}

// `defer f(x)` and `go f(x)`: the func value and the arguments are evaluated
// now, the call happens later (OP_DEFER) or on a new goroutine (OP_GO).
void FuncCompiler::call_later(Pos pos, CallExpr* call, uint16_t op) {
  if (call->call_kind == CallKind::Builtin) {
    call_later_builtin(pos, call, op);
    return;
  }
  if (call->call_kind == CallKind::Conversion) unsupported(pos, op == OP_GO ? "go of a conversion" : "defer of a conversion");
  int fn = alloc();
  int base = top();
  int nargs = 0;
  const Type* sig = call->fun->type->underlying();
  if (call->call_kind == CallKind::Method) {
    auto* se = static_cast<SelectorExpr*>(call->fun);
    // The method value's func and receiver, evaluated now.
    expr_to(se, fn);
    nargs = place_args(call, sig, top(), 0);
  } else {
    expr_to(call->fun, fn);
    nargs = place_args(call, sig, base, 0);
  }
  emit(op, base, fn, nargs);
}

// `defer println(x)`, `go delete(m, k)`, `defer panic(v)`, `defer recover()`:
// the arguments are evaluated now and a small synthesized function (Go's
// deferwrap / gowrap) applies the builtin to them later.
void FuncCompiler::call_later_builtin(Pos pos, CallExpr* call, uint16_t later) {
  auto* w = new Proto();
  w->name = (info_ ? info_->name : std::string("init")) + (later == OP_GO ? ".gowrap" : ".deferwrap") +
            std::to_string(++c_.deferwraps_);
  w->file = p_->file.empty() ? c_.current_file_ : p_->file;
  c_.mod_->protos.push_back(w);
  auto op = [&](uint16_t o, int a = 0, int b = 0, int c = 0) {
    w->code.push_back(Instr{o, uint16_t(a), uint16_t(b), uint16_t(c)});
    w->lines.push_back(line_);
  };
  int base = alloc(int(call->args.size()) + 1);
  int n = int(call->args.size());
  switch (call->builtin) {
    case Builtin::Print:
    case Builtin::Println: {
      bool ln = call->builtin == Builtin::Println;
      for (int k = 0; k < n; k++) {
        expr_to(call->args[size_t(k)], base + k);
        int flags = (ln && k > 0 ? 1 : 0) | (ln && k + 1 == n ? 2 : 0);
        op(OP_PRINT, k, print_kind(call->args[size_t(k)]->type), flags);
      }
      if (ln && n == 0) {
        op(OP_LOADZ, 0);
        op(OP_PRINT, 0, kPrintString, 2);
      }
      break;
    }
    case Builtin::Delete:
      expr_to(call->args[0], base);
      expr_conv(call->args[1], call->args[0]->type->underlying()->key, base + 1);
      op(OP_MAPDEL, 0, 1);
      break;
    case Builtin::Panic:
      expr_conv(call->args[0], types().EmptyInterface(), base);
      op(OP_PANIC, 0);
      break;
    case Builtin::Close:
      expr_to(call->args[0], base);
      op(OP_CLOSE, 0);
      break;
    case Builtin::Recover:
      n = 0;  // recover() called by defer itself is not called by a deferred function: nil
      break;
    default:
      unsupported(pos, later == OP_GO ? "go of this builtin" : "defer of this builtin");
  }
  op(OP_RET, 0, 0);
  w->nparams = n;
  w->nregs = std::max(n, 1) + 1;
  auto* c = rt::alloc_object<Closure>(rt::ObjKind::Closure);
  c->proto = w;
  w->closure = c;
  int fn = alloc();
  emit_bx(OP_LOADK, fn, uint32_t(konst(from_ptr(c))));
  emit(later, base, fn, n);
}

// ---------------------------------------------------------------- channels

int FuncCompiler::chan_elem_code(const Type* u) {
  return elem_code(u->elem->is_aggregate(), u->elem->slots());
}

void FuncCompiler::send_stmt(SendStmt* s) {
  const Type* ct = s->chan->type->underlying();
  // Operands straight from their variables' registers where they can be
  // (chansend copies the value): evaluating the value cannot reassign a
  // register variable, since closures capture variables in cells. A value
  // that needs boxing, or an aggregate (a zero one is materialised in its
  // register), goes through a fresh register.
  int c = expr_any(s->chan);
  const Type* et = ct->elem;
  int v;
  if (!et->is_aggregate() && (!et->is_interface() || s->value->type->is_interface())) {
    v = expr_any(s->value);
  } else {
    v = alloc();
    expr_conv(s->value, et, v);
  }
  emit(OP_SEND, c, v, chan_elem_code(ct));
}

// select: every channel operand and send value is evaluated once, in source
// order; OP_SELECT (Go's selectgo) picks a ready case; then the chosen case's
// receive assignment (evaluated only now, as the spec says) and body run.
void FuncCompiler::select_stmt(SelectStmt* s) {
  struct Case {
    CommClause* cc;
    Expr* chan;
    Expr* value;      // send
    UnaryExpr* recv;  // receive
  };
  std::vector<Case> sends, recvs;
  CommClause* dflt = nullptr;
  for (Stmt* st : s->body->list) {
    auto* cc = static_cast<CommClause*>(st);
    if (!cc->comm) {
      dflt = cc;
    } else if (cc->comm->kind == NodeKind::SendStmt) {
      auto* ss = static_cast<SendStmt*>(cc->comm);
      sends.push_back(Case{cc, ss->chan, ss->value, nullptr});
    } else {
      Expr* rx = cc->comm->kind == NodeKind::ExprStmt ? static_cast<ExprStmt*>(cc->comm)->x
                                                      : static_cast<AssignStmt*>(cc->comm)->rhs[0];
      while (rx->kind == NodeKind::ParenExpr) rx = static_cast<ParenExpr*>(rx)->x;
      auto* ue = static_cast<UnaryExpr*>(rx);
      recvs.push_back(Case{cc, ue->x, nullptr, ue});
    }
  }
  // selectgo's order: sends first, then receives.
  std::vector<Case> cases = sends;
  cases.insert(cases.end(), recvs.begin(), recvs.end());
  int n = int(cases.size());
  int base = alloc(2 + 2 * n);
  auto* si = new_select_info(int(sends.size()), int(recvs.size()), dflt == nullptr);
  for (Stmt* st : s->body->list) {
    for (int k = 0; k < n; k++) {
      if (cases[size_t(k)].cc != st) continue;
      const Case& c = cases[size_t(k)];
      LineScope ls(line_, c.chan->pos);
      const Type* ct = c.chan->type->underlying();
      expr_to(c.chan, base + 2 + 2 * k);
      if (c.value) expr_conv(c.value, ct->elem, base + 3 + 2 * k);
      si->ec[k] = uint16_t(chan_elem_code(ct));
    }
  }
  {
    // A one-case select is that case's send or receive (vm/chan_ops.cpp),
    // and Go's traces give it the case's line.
    LineScope ls(line_, n == 1 ? cases[0].cc->comm->pos : s->pos);
    emit_bx(OP_SELECT, base, uint32_t(konst(from_ptr(si))));
  }
  targets_.push_back(Target{s, {}, {}, -1});
  std::vector<int> ends;
  for (int k = 0; k < n; k++) {
    const Case& c = cases[size_t(k)];
    int skip = emit_cjump(OP_JNEI, base, k);
    int m = top();
    if (c.recv && c.cc->comm->kind == NodeKind::AssignStmt) {
      received_[c.recv] = {base + 3 + 2 * k, base + 1};
      stmt(c.cc->comm);
      received_.erase(c.recv);
    }
    block(c.cc->body);
    set_top(m);
    ends.push_back(emit_jump());
    patch_here(skip);
  }
  if (dflt) {
    int m = top();
    block(dflt->body);
    set_top(m);
  }
  patch_list_here(ends);
  patch_list_here(targets_.back().breaks);
  targets_.pop_back();
}

// ---------------------------------------------------------------- function bodies

namespace {

// The variable an assignment to `e` writes into, when e is the variable
// itself or a part of it stored inline (a field, an array element).
Object* assigned_root(Expr* e) {
  for (;;) {
    switch (e->kind) {
      case NodeKind::ParenExpr: e = static_cast<ParenExpr*>(e)->x; continue;
      case NodeKind::Ident: return static_cast<Ident*>(e)->obj;
      case NodeKind::SelectorExpr: {
        auto* se = static_cast<SelectorExpr*>(e);
        if (se->sel_kind != SelKind::FieldVal) return nullptr;
        for (bool d : se->derefs)
          if (d) return nullptr;  // through a pointer: not the variable's own storage
        e = se->x;
        continue;
      }
      case NodeKind::IndexExpr: {
        auto* ix = static_cast<IndexExpr*>(e);
        if (ix->x->type->ukind() != Kind::Array) return nullptr;
        e = ix->x;
        continue;
      }
      default: return nullptr;
    }
  }
}

void collect_assigned(Stmt* s, std::unordered_set<const Object*>& out);

void collect_assigned_list(const std::vector<Stmt*>& l, std::unordered_set<const Object*>& out) {
  for (Stmt* s : l) collect_assigned(s, out);
}

// Every variable some statement of the body assigns to (or into).
void collect_assigned(Stmt* s, std::unordered_set<const Object*>& out) {
  if (!s) return;
  auto add = [&](Expr* e) {
    if (e)
      if (Object* o = assigned_root(e)) out.insert(o);
  };
  switch (s->kind) {
    case NodeKind::AssignStmt:
      for (Expr* l : static_cast<AssignStmt*>(s)->lhs) add(l);
      break;
    case NodeKind::IncDecStmt: add(static_cast<IncDecStmt*>(s)->x); break;
    case NodeKind::RangeStmt: {
      auto* r = static_cast<RangeStmt*>(s);
      if (r->tok == AssignTok::Assign) {
        add(r->key);
        add(r->value);
      }
      collect_assigned_list(r->body->list, out);
      break;
    }
    case NodeKind::BlockStmt: collect_assigned_list(static_cast<BlockStmt*>(s)->list, out); break;
    case NodeKind::LabeledStmt: collect_assigned(static_cast<LabeledStmt*>(s)->stmt, out); break;
    case NodeKind::IfStmt: {
      auto* i = static_cast<IfStmt*>(s);
      collect_assigned(i->init, out);
      collect_assigned_list(i->body->list, out);
      collect_assigned(i->else_, out);
      break;
    }
    case NodeKind::ForStmt: {
      auto* f = static_cast<ForStmt*>(s);
      collect_assigned(f->init, out);
      collect_assigned(f->post, out);
      collect_assigned_list(f->body->list, out);
      break;
    }
    case NodeKind::SwitchStmt: {
      auto* w = static_cast<SwitchStmt*>(s);
      collect_assigned(w->init, out);
      for (Stmt* c : w->body->list) collect_assigned_list(static_cast<CaseClause*>(c)->body, out);
      break;
    }
    case NodeKind::TypeSwitchStmt: {
      auto* w = static_cast<TypeSwitchStmt*>(s);
      collect_assigned(w->init, out);
      for (Stmt* c : w->body->list) collect_assigned_list(static_cast<CaseClause*>(c)->body, out);
      break;
    }
    case NodeKind::SelectStmt:
      for (Stmt* c : static_cast<SelectStmt*>(s)->body->list) {
        collect_assigned(static_cast<CommClause*>(c)->comm, out);
        collect_assigned_list(static_cast<CommClause*>(c)->body, out);
      }
      break;
    default:
      break;
  }
}

}  // namespace

void FuncCompiler::prologue() {
  // Aggregate parameters are copied on entry (value semantics) unless the
  // body never writes into them and nothing can reach them by address.
  std::unordered_set<const Object*> assigned;
  auto* body = info_->node->kind == NodeKind::FuncDecl ? static_cast<FuncDecl*>(info_->node)->body
                                                       : static_cast<FuncLit*>(info_->node)->body;
  collect_assigned_list(body->list, assigned);
  // Parameters arrive in R[0..nparams); the receiver first.
  std::vector<Object*> params;
  if (is_method(info_)) params.push_back(info_->recv);  // may be nullptr: func (T) M()
  for (Object* o : info_->params) params.push_back(o);
  alloc(int(params.size()));
  for (size_t i = 0; i < params.size(); i++) {
    Object* o = params[i];
    int r = int(i);
    if (!o) continue;
    const Type* t = o->type;
    if (t->is_aggregate()) {
      if (o->captured || o->addr_taken || assigned.count(o)) emit_dup(r, r, t->slots());
      vars_[o] = {VarLoc::Mem, r};
    } else if (o->captured || o->addr_taken) {
      int m = top();
      declare_var(o, r);
      set_top(m);
    } else {
      vars_[o] = {VarLoc::Reg, r};
    }
  }
  // Unnamed results are only ever set by `return x`, which places x itself
  // (no defers to read them in between): no zeroing on entry.
  bool result_vars = info_->named_results || info_->has_defer;
  for (Object* o : info_->results) {
    if (result_vars) new_local(o);
    else alloc();
  }
}

// Each return runs the deferred calls itself, so that a trace taken in
// one shows the frame at that return's line, as Go's does (a shared
// RUNDEFER showed the last return's line for all of them); then it jumps
// to the epilogue's loads of the results.
void FuncCompiler::return_via_epilogue() {
  emit_rundefer();
  epilogue_jumps_.push_back(emit_jump());
}

// RUNDEFER, and the jump back to it that each deferred call returns to:
// the frame's saved pc is then the instruction after the one that called,
// as for every call, and a trace reads the return's line from it.
void FuncCompiler::emit_rundefer() {
  int at = emit(OP_RUNDEFER);
  patch_to(emit_jump(), at);
}

// A panic recovered in a deferred call resumes at defer_ret_pc, which
// runs the remaining deferred calls; the returns join after it.
void FuncCompiler::epilogue() {
  p_->defer_ret_pc = here();
  emit_rundefer();
  patch_list_here(epilogue_jumps_);
  size_t n = info_->results.size();
  int base = alloc(int(n));
  for (size_t i = 0; i < n; i++) load_var(info_->results[i], base + int(i));
  emit(OP_RET, base, int(n));
}

void FuncCompiler::compile_body() {
  auto* body = info_->node->kind == NodeKind::FuncDecl
                   ? static_cast<FuncDecl*>(info_->node)->body
                   : static_cast<FuncLit*>(info_->node)->body;
  line_ = info_->node->pos.line;
  p_->file = c_.current_file_;
  prologue();
  block(body->list);
  if (info_->has_defer) {
    // Falling off the end returns at the closing brace.
    if (body->rbrace.valid()) line_ = body->rbrace.line;
    return_via_epilogue();
    epilogue();
  } else {
    size_t n = info_->results.size();
    if (n == 0 || info_->named_results) {
      if (body->rbrace.valid()) line_ = body->rbrace.line;
      int base = alloc(int(n));
      for (size_t i = 0; i < n; i++) load_var(info_->results[i], base + int(i));
      emit(OP_RET, base, int(n));
    } else {
      emit(OP_RET, 0, 0);  // unreachable: the checker requires a terminating statement
    }
  }
}

void FuncCompiler::compile_var_inits(Package* pkg) {
  for (auto& vi : pkg->var_inits) {
    if (!vi.rhs) continue;
    if (vi.lhs.empty()) continue;
    line_ = vi.rhs->pos.line;
    int mark = top();
    if (vi.lhs.size() == 1) {
      Object* o = vi.lhs[0];
      int v = alloc();
      expr_conv(vi.rhs, o->type, v);
      LValue lv;
      lv.kind = o->name == "_" ? LValue::Blank : LValue::Global;
      lv.type = o->type;
      if (lv.kind == LValue::Global) lv.r1 = c_.global_index(o);
      store(lv, v, o->type, false);
    } else {
      int base = alloc(int(vi.lhs.size()));
      if (vi.rhs->kind == NodeKind::CallExpr && !vi.rhs->comma_ok) {
        call_to(static_cast<CallExpr*>(vi.rhs), base);
      } else {
        expr_to(vi.rhs, base);
      }
      for (size_t i = 0; i < vi.lhs.size(); i++) {
        Object* o = vi.lhs[i];
        if (o->name == "_") continue;
        LValue lv;
        lv.kind = LValue::Global;
        lv.type = o->type;
        lv.r1 = c_.global_index(o);
        const Type* vt = vi.rhs->type->kind == Kind::Tuple ? vi.rhs->type->results[i]
                                                           : (i == 0 ? vi.rhs->type : types().Bool());
        store(lv, base + int(i), vt, false);
      }
    }
    set_top(mark);
  }
  emit(OP_RET, 0, 0);
}

// ---------------------------------------------------------------- the program

int Compiler::global_index(Object* obj) {
  auto it = globals_.find(obj);
  if (it != globals_.end()) return it->second;
  int idx = int(mod_->globals.size());
  mod_->globals.push_back(alloc_slots(obj->type->slots(), obj->type));
  mod_->global_types.push_back(obj->type);
  globals_[obj] = idx;
  obj->index = idx;
  return idx;
}

void Compiler::compile_proto(Proto* p, FuncInfo* fi, Package* pkg) {
  size_t nprotos = mod_->protos.size();
  int nwraps = deferwraps_;
  for (bool long_jumps : {false, true}) {
    try {
      FuncCompiler fc(*this, p, fi);
      fc.long_jumps_ = long_jumps;
      if (pkg) fc.compile_var_inits(pkg);
      else fc.compile_body();
      return;
    } catch (JumpTooFar&) {
      // Start again from an empty proto. Synthesized protos (deferwraps)
      // the first attempt made go too; those of function literals stay,
      // compiled, as fi->code caches them.
      p->code.clear();
      p->consts.clear();
      p->lines.clear();
      p->caches.clear();
      p->defer_ret_pc = -1;
      p->nregs = std::max(p->nparams, p->nresults);
      auto synthesized = [](Proto* q) { return q->info == nullptr; };
      mod_->protos.erase(std::remove_if(mod_->protos.begin() + long(nprotos), mod_->protos.end(), synthesized),
                         mod_->protos.end());
      deferwraps_ = nwraps;
    }
  }
  // Long-jump mode has no 16-bit offsets left to overflow.
  throw CompileError{fi && fi->node ? fi->node->pos : Pos{}, "internal error: long jumps do not fit"};
}

Proto* Compiler::proto_of(FuncInfo* fi) {
  if (fi->code) return static_cast<Proto*>(fi->code);
  // The checker found no way to call it; a reference means it missed one.
  if (!fi->reachable) throw CompileError{fi->node ? fi->node->pos : Pos{}, "internal error: " + fi->name + " was thought unreachable"};
  auto* p = new Proto();
  p->info = fi;
  p->name = fi->name;
  p->nparams = int(fi->params.size()) + (is_method(fi) ? 1 : 0);
  p->nresults = int(fi->results.size());
  p->nregs = std::max(p->nparams, p->nresults);
  p->file = current_file_;
  fi->code = p;
  mod_->protos.push_back(p);
  if (fi->native) {
    p->kind = ProtoKind::Native;
    std::string sym = fi->name;
    if (fi->pkg && fi->pkg->path != fi->pkg->name && sym.compare(0, fi->pkg->name.size(), fi->pkg->name) == 0)
      sym = fi->pkg->path + sym.substr(fi->pkg->name.size());
    p->native = find_any_native(sym);
    if (!p->native) throw CompileError{fi->node ? fi->node->pos : Pos{}, "internal error: no native implementation of " + sym};
  }
  if (fi->free_vars.empty()) closure_of(fi);
  return p;
}

Closure* Compiler::closure_of(FuncInfo* fi) {
  Proto* p = proto_of(fi);
  if (!p->closure) {
    auto* c = rt::alloc_object<Closure>(rt::ObjKind::Closure);
    c->proto = p;
    c->nfree = 0;
    p->closure = c;
  }
  return p->closure;
}

namespace {

std::string absolute(const std::string& f) {
  std::error_code ec;
  auto p = std::filesystem::absolute(f, ec);
  return ec ? f : p.lexically_normal().string();
}

void collect(FuncInfo* fi, std::vector<FuncInfo*>& out) {
  out.push_back(fi);
  for (FuncInfo* c : fi->closures) collect(c, out);
}

}  // namespace

Module* Compiler::run() {
  mod_ = new Module();
  mod_->program = prog_;
  bind_runtime_types(prog_);
  for (Package* pkg : prog_->packages) {
    std::string fname = pkg->files.empty() ? pkg->path + ".go" : pkg->files[0]->filename;
    current_filename_ = fname;
    // A standard package's frames name a file in its Go directory, as Go's
    // traces do: package context's one file is $GOROOT/src/context/context.go.
    std::string base = pkg->path.substr(pkg->path.rfind('/') + 1);
    current_file_ = pkg == prog_->main ? absolute(fname) : "$GOROOT/src/" + pkg->path + "/" + base + ".go";
    mod_->files.push_back(current_file_);
    std::vector<FuncInfo*> funcs;
    for (FuncInfo* fi : pkg->funcs) {
      if (fi->reachable) collect(fi, funcs);
    }
    for (FuncInfo* fi : funcs) proto_of(fi);
    for (Object* g : pkg->globals) global_index(g);
    for (FuncInfo* fi : funcs) {
      if (fi->native || !proto_of(fi)->code.empty()) continue;
      try {
        compile_proto(proto_of(fi), fi);
      } catch (CompileError& e) {
        diags_.error(fname, e.pos, e.msg);
      }
    }
    // The package initialiser (its variables in dependency order), then
    // its init functions: the main goroutine calls each, as Go's runtime
    // does, so a trace in one does not show the initialiser below it.
    auto* init = new Proto();
    init->name = pkg->path + ".init";
    init->file = current_file_;
    mod_->protos.push_back(init);
    try {
      compile_proto(init, nullptr, pkg);
    } catch (CompileError& e) {
      diags_.error(fname, e.pos, e.msg);
    }
    auto* c = rt::alloc_object<Closure>(rt::ObjKind::Closure);
    c->proto = init;
    init->closure = c;
    mod_->init_sequence.push_back(init);
    for (FuncInfo* fi : pkg->inits) mod_->init_sequence.push_back(closure_of(fi)->proto);
  }
  if (prog_->main) {
    Object* m = prog_->main->scope ? prog_->main->scope->lookup_local("main") : nullptr;
    if (m && m->info) {
      mod_->main = proto_of(m->info);
      mod_->init_sequence.push_back(mod_->main);
    }
  }
  for (Proto* p : mod_->protos) {
    p->ref_regs.assign(size_t(p->nregs), true);
    if (p->nregs < p->nresults) p->nregs = p->nresults;
    p->nregs += 1;
  }
  if (diags_.has_errors()) return nullptr;
  return mod_;
}

Module* compile_program(Program* prog, Diagnostics& diags) {
  std::string fname = prog->main && !prog->main->files.empty() ? prog->main->files[0]->filename : "";
  try {
    Compiler c(prog, diags);
    return c.run();
  } catch (CompileError& e) {
    diags.error(fname, e.pos, e.msg);
  } catch (const NestingTooDeep& e) {
    diags.error(fname, e.pos, kNestingTooDeep);
  }
  return nullptr;
}

}  // namespace mgo::vm

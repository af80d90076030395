// The compiler, expressions: each is compiled into a destination register.
#include <climits>

#include "lang/nesting.h"
#include "vm/compiler.h"
#include "vm/divmagic.h"
#include "vm/interp_util.h"

namespace mgo::vm {

namespace {


Expr* unparen(Expr* e) {
  while (e->kind == NodeKind::ParenExpr) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

bool is_signed_int(const Type* t) {
  switch (t->ukind()) {
    case Kind::Int: case Kind::Int8: case Kind::Int16: case Kind::Int32: case Kind::Int64:
      return true;
    default:
      return false;
  }
}

bool is_float_kind(const Type* t) {
  Kind k = t->ukind();
  return k == Kind::Float32 || k == Kind::Float64;
}

}  // namespace

// ---------------------------------------------------------------- constants and variables

void FuncCompiler::load_const(const Constant* c, const Type* t, int dst) {
  const Type* u = t->underlying();
  if (u->kind == Kind::Interface) {
    // An untyped constant converted to an interface: box its default type.
    const Type* dt = nullptr;
    switch (c->kind) {
      case ConstKind::Bool: dt = types().Bool(); break;
      case ConstKind::String: dt = types().String(); break;
      case ConstKind::Int: dt = types().Int(); break;
      case ConstKind::Float: dt = types().Float64(); break;
    }
    load_const(c, dt, dst);
    emit(OP_BOX, dst, dst, konst_type(dt));
    return;
  }
  Slot v = 0;
  if (u->is_string()) {
    if (c->s.empty()) {
      emit(OP_LOADZ, dst);
    } else {
      emit_bx(OP_LOADK, dst, uint32_t(konst(make_string(c->s))));
    }
    return;
  }
  if (u->is_boolean()) {
    v = c->as_bool() ? 1 : 0;
  } else if (is_float_kind(u)) {
    double d = c->as_float64();
    if (u->kind == Kind::Float32) d = double(float(d));
    if (d == 0) d = 0;  // Go's constants have no negative zero
    v = from_f64(d);
  } else if (u->is_unsigned()) {
    v = c->as_uint64();
  } else {
    v = Slot(c->as_int64());
  }
  int64_t sv = int64_t(v);
  if (!is_float_kind(u) && sv >= INT32_MIN && sv <= INT32_MAX) {
    emit_bx(OP_LOADI, dst, uint32_t(int32_t(sv)));
  } else {
    emit_bx(OP_LOADK, dst, uint32_t(konst(v)));
  }
}

int FuncCompiler::var_ptr(Object* obj) {
  if (obj->is_global) {
    int r = alloc();
    emit_bx(OP_GADDR, r, uint32_t(c_.global_index(obj)));
    return r;
  }
  auto it = vars_.find(obj);
  if (it != vars_.end()) {
    if (it->second.kind == VarLoc::Mem) return it->second.index;
    throw CompileError{obj->pos, "internal error: address of a register variable " + obj->name};
  }
  auto fi = free_index_.find(obj);
  if (fi == free_index_.end()) throw CompileError{obj->pos, "internal error: unknown variable " + obj->name};
  int r = alloc();
  emit(OP_GETFREE, r, fi->second);
  return r;
}

void FuncCompiler::load_var(Object* obj, int dst) {
  const Type* t = obj->type;
  if (obj->is_global) {
    emit_bx(t->is_aggregate() ? OP_GADDR : OP_GLOAD, dst, uint32_t(c_.global_index(obj)));
    return;
  }
  auto it = vars_.find(obj);
  if (it != vars_.end() && it->second.kind == VarLoc::Reg) {
    if (it->second.index != dst) emit(OP_MOVE, dst, it->second.index);
    return;
  }
  int m = top();
  int p = var_ptr(obj);
  if (t->is_aggregate()) {
    if (p != dst) emit(OP_MOVE, dst, p);
  } else {
    emit(OP_LOAD, dst, p, 0);
  }
  set_top(m);
}

// ---------------------------------------------------------------- expressions

bool FuncCompiler::writes_dst_last(Expr* e) {
  e = unparen(e);
  if (e->mode == Mode::Constant) return true;
  if (e->kind == NodeKind::BinaryExpr) {
    Op op = static_cast<BinaryExpr*>(e)->op;
    return op != Op::LAnd && op != Op::LOr;  // these write the first operand early
  }
  if (e->kind == NodeKind::CallExpr) {
    // Real calls may run in place at dst, placing arguments there first.
    auto* c = static_cast<CallExpr*>(e);
    if (c->call_kind == CallKind::Conversion) return true;
    return c->call_kind == CallKind::Builtin && c->builtin != Builtin::Min && c->builtin != Builtin::Max;
  }
  return e->kind == NodeKind::Ident || e->kind == NodeKind::UnaryExpr ||
         e->kind == NodeKind::IndexExpr || e->kind == NodeKind::SelectorExpr ||
         e->kind == NodeKind::StarExpr || e->kind == NodeKind::SliceExpr;
}

int FuncCompiler::operand(Expr* e) {
  if (!snapshot_) return expr_any(e);
  int r = alloc();
  expr_to(e, r);
  return r;
}

int FuncCompiler::expr_any(Expr* e) {
  Expr* u = unparen(e);
  if (u->kind == NodeKind::Ident && u->mode != Mode::Constant) {
    Object* obj = static_cast<Ident*>(u)->obj;
    if (obj && obj->kind == ObjKind::Var && !obj->is_global) {
      auto it = vars_.find(obj);
      if (it != vars_.end() && (it->second.kind == VarLoc::Reg || obj->type->is_aggregate()))
        return it->second.index;
    }
  }
  int r = alloc();
  expr_to(e, r);
  return r;
}

void FuncCompiler::expr_conv(Expr* e, const Type* to, int dst) {
  if (e->mode == Mode::Constant && to->is_interface()) {
    LineScope ls(line_, e->pos);
    load_const(e->cval, e->type->is_interface() ? to : e->type, dst);
    if (!e->type->is_interface()) emit(OP_BOX, dst, dst, konst_type(e->type));
    return;
  }
  expr_to(e, dst);
  if (e->type) convert_reg(dst, e->type, to, dst);
}

void FuncCompiler::convert_reg(int reg, const Type* from, const Type* to, int dst) {
  if (to && from && to->is_interface() && !from->is_interface() && from->kind != Kind::UntypedNil) {
    emit(OP_BOX, dst, reg, konst_type(from));
  } else if (reg != dst) {
    emit(OP_MOVE, dst, reg);
  }
}

bool FuncCompiler::expr_to(Expr* e, int dst) {
  check_nesting(e->pos);
  LineScope ls(line_, e->pos);
  if (e->mode == Mode::Constant && e->cval) {
    load_const(e->cval, e->type, dst);
    return false;
  }
  switch (e->kind) {
    case NodeKind::ParenExpr:
      return expr_to(static_cast<ParenExpr*>(e)->x, dst);
    case NodeKind::Ident: {
      auto* id = static_cast<Ident*>(e);
      Object* obj = id->obj;
      if (!obj || obj->kind == ObjKind::Nil || (e->type && e->type->kind == Kind::UntypedNil)) {
        emit(OP_LOADZ, dst);
        return false;
      }
      if (obj->kind == ObjKind::Func) {
        emit_bx(OP_LOADK, dst, uint32_t(konst(from_ptr(c_.closure_of(obj->info)))));
        return false;
      }
      if (obj->kind == ObjKind::Var) {
        load_var(obj, dst);
        return false;
      }
      unsupported(e->pos, "this identifier");
    }
    case NodeKind::FuncLit:
      func_lit(static_cast<FuncLit*>(e), dst);
      return false;
    case NodeKind::CompositeLit:
      return composite(static_cast<CompositeLit*>(e), dst);
    case NodeKind::SelectorExpr:
      selector(static_cast<SelectorExpr*>(e), dst);
      return false;
    case NodeKind::IndexExpr:
      index_expr(static_cast<IndexExpr*>(e), dst);
      return false;
    case NodeKind::SliceExpr:
      slice_expr(static_cast<SliceExpr*>(e), dst);
      return false;
    case NodeKind::TypeAssertExpr:
      type_assert(static_cast<TypeAssertExpr*>(e), dst);
      return false;
    case NodeKind::CallExpr: {
      auto* call = static_cast<CallExpr*>(e);
      if (call->call_kind == CallKind::Conversion) {
        conversion(call, dst);
        return false;
      }
      if (call->call_kind == CallKind::Builtin) {
        builtin_call(call, dst);
        return false;
      }
      // Call in place when dst is the top register (no temporaries above it).
      int base = dst + 1 == top() ? dst : alloc();
      call_to(call, base);
      if (base != dst) emit(OP_MOVE, dst, base);
      return false;
    }
    case NodeKind::StarExpr: {
      auto* st = static_cast<StarExpr*>(e);
      int p = expr_any(st->x);
      if (e->type->is_aggregate()) {
        emit(OP_NILCHK, p);
        if (p != dst) emit(OP_MOVE, dst, p);
      } else {
        emit(OP_LOAD, dst, p, 0);
      }
      return false;
    }
    case NodeKind::UnaryExpr:
      unary(static_cast<UnaryExpr*>(e), dst);
      return false;
    case NodeKind::BinaryExpr:
      binary(static_cast<BinaryExpr*>(e), dst);
      return false;
    default:
      unsupported(e->pos, "this expression");
  }
}

// ---------------------------------------------------------------- operators

void FuncCompiler::truncate(const Type* t, int reg) {
  switch (t->ukind()) {
    case Kind::Int8: emit(OP_SEXT8, reg); break;
    case Kind::Int16: emit(OP_SEXT16, reg); break;
    case Kind::Int32: emit(OP_SEXT32, reg); break;
    case Kind::Uint8: emit(OP_ZEXT8, reg); break;
    case Kind::Uint16: emit(OP_ZEXT16, reg); break;
    case Kind::Uint32: emit(OP_ZEXT32, reg); break;
    case Kind::Float32: emit(OP_ROUND32, reg); break;
    default: break;
  }
}

void FuncCompiler::arith(Op op, const Type* t, int dst, int x, int y) {
  if (is_float_kind(t)) {
    uint16_t o = op == Op::Add ? OP_ADDF : op == Op::Sub ? OP_SUBF : op == Op::Mul ? OP_MULF : OP_DIVF;
    emit(o, dst, x, y);
    truncate(t, dst);
    return;
  }
  if (op == Op::Add && t->is_string()) {
    emit(OP_CONCAT, dst, x, y);
    return;
  }
  bool sgn = is_signed_int(t);
  uint16_t o = OP_ADD;
  switch (op) {
    case Op::Add: o = OP_ADD; break;
    case Op::Sub: o = OP_SUB; break;
    case Op::Mul: o = OP_MUL; break;
    case Op::Quo: o = sgn ? OP_DIV : OP_DIVU; break;
    case Op::Rem: o = sgn ? OP_REM : OP_REMU; break;
    case Op::And: o = OP_AND; break;
    case Op::Or: o = OP_OR; break;
    case Op::Xor: o = OP_XOR; break;
    case Op::AndNot: o = OP_ANDNOT; break;
    case Op::Shl: o = OP_SHL; break;
    case Op::Shr: o = sgn ? OP_SHR : OP_SHRU; break;
    default: unsupported({}, "this operator");
  }
  emit(o, dst, x, y);
  // Narrow results wrap: re-extend (division of narrow signed values can
  // overflow too: int8(-128) / -1).
  if (op != Op::And && op != Op::Or && op != Op::AndNot && op != Op::Shr) truncate(t, dst);
  else if (op == Op::Xor || op == Op::Shr) truncate(t, dst);
}

// x op k for an integer constant k, in an immediate form: ADDI for + and -
// within int16, SHLI/SHRI/SHRUI for shifts by 0..63, MULK/ANDK/ORK/XORK
// with k from the constant table, DIVP2/REMP2 for signed / and % by a power
// of two (a shift), DIVK/REMK for signed / and % by 3..32767 (a multiply
// instead of a divide, vm/divmagic.h). x is register x, or expression xe compiled
// here once the form is known. False (nothing emitted) when no form applies.
bool FuncCompiler::arith_const(Op op, const Type* t, int dst, int x, Expr* k_expr, Expr* xe) {
  int64_t k = k_expr->cval->as_int64();
  auto operand_x = [&] { return xe ? expr_any(xe) : x; };
  if ((op == Op::Add || op == Op::Sub) && k >= INT16_MIN + 1 && k <= INT16_MAX) {
    if (op == Op::Sub) k = -k;
    emit(OP_ADDI, dst, operand_x(), int(uint16_t(int16_t(k))));
    truncate(t, dst);
    return true;
  }
  if ((op == Op::Shl || op == Op::Shr) && k >= 0 && k < 64) {
    // (The count's own type does not matter: it is a non-negative constant.)
    uint16_t o = op == Op::Shl ? OP_SHLI : is_signed_int(t) ? OP_SHRI : OP_SHRUI;
    emit(o, dst, operand_x(), int(k));
    if (op == Op::Shl) truncate(t, dst);  // right shifts stay in range
    return true;
  }
  if (op == Op::Mul || op == Op::And || op == Op::Or || op == Op::Xor) {
    int kc = konst(Slot(k));
    if (kc > UINT16_MAX) return false;
    uint16_t o = op == Op::Mul ? OP_MULK : op == Op::And ? OP_ANDK : op == Op::Or ? OP_ORK : OP_XORK;
    emit(o, dst, operand_x(), kc);
    // k is t's constant, extended as t's values are: &, | and ^ of two
    // extended values are extended; a product wraps.
    if (op == Op::Mul) truncate(t, dst);
    return true;
  }
  if ((op == Op::Quo || op == Op::Rem) && is_signed_int(t) && k >= 2 && k <= (int64_t(1) << 62) &&
      (k & (k - 1)) == 0) {
    emit(op == Op::Quo ? OP_DIVP2 : OP_REMP2, dst, operand_x(), std::countr_zero(uint64_t(k)));
    return true;  // as for DIVK: no wrap-around
  }
  if ((op == Op::Quo || op == Op::Rem) && is_signed_int(t) && k >= 2 && k <= INT16_MAX) {
    DivMagic mg = signed_div_magic(k);
    int xr = operand_x();
    emit(op == Op::Quo ? OP_DIVK : OP_REMK, dst, xr, konst(Slot(mg.mul)));
    emit(0, int(k), mg.shift);
    return true;  // |x / k| <= |x| and |x % k| < k: no narrow-type wrap-around
  }
  return false;
}

void FuncCompiler::compare(Op op, Expr* x, Expr* y, int dst) {
  const Type* t = x->type;
  // Mixed interface/concrete comparisons compare as interfaces.
  if (y->type && y->type->is_interface() && !t->is_interface()) t = y->type;
  const Type* u = t->underlying();
  bool xnil = x->type->kind == Kind::UntypedNil, ynil = y->type->kind == Kind::UntypedNil;
  if (xnil || ynil) {
    int r = expr_any(xnil ? y : x);
    int z = alloc();
    emit(OP_LOADZ, z);
    emit(op == Op::Eql ? OP_EQ : OP_NE, dst, r, z);
    return;
  }
  int a = alloc(), b = alloc();
  expr_conv(x, t, a);
  expr_conv(y, t, b);
  if (u->kind == Kind::Interface || u->kind == Kind::Struct || u->kind == Kind::Array) {
    emit(OP_EQV, dst, a, b);
    emit(0, konst_type(t));
    if (op == Op::Neq) emit(OP_NOT, dst, dst);
    return;
  }
  bool swap = op == Op::Gtr || op == Op::Geq;
  if (swap) std::swap(a, b);
  Op o = op == Op::Gtr ? Op::Lss : op == Op::Geq ? Op::Leq : op;
  uint16_t code;
  if (u->is_string()) {
    code = o == Op::Eql || o == Op::Neq ? OP_EQS : o == Op::Lss ? OP_LTS : OP_LES;
  } else if (is_float_kind(u)) {
    code = o == Op::Eql ? OP_EQF : o == Op::Neq ? OP_NEF : o == Op::Lss ? OP_LTF : OP_LEF;
  } else if (u->is_unsigned()) {
    code = o == Op::Eql ? OP_EQ : o == Op::Neq ? OP_NE : o == Op::Lss ? OP_LTU : OP_LEU;
  } else {
    code = o == Op::Eql ? OP_EQ : o == Op::Neq ? OP_NE : o == Op::Lss ? OP_LT : OP_LE;
  }
  emit(code, dst, a, b);
  if (u->is_string() && o == Op::Neq) emit(OP_NOT, dst, dst);
}

void FuncCompiler::binary(BinaryExpr* e, int dst) {
  switch (e->op) {
    case Op::LAnd:
    case Op::LOr: {
      std::vector<int> done;
      expr_to(e->x, dst);
      done.push_back(emit_jump(e->op == Op::LAnd ? OP_JF : OP_JT, dst));
      expr_to(e->y, dst);
      patch_list_here(done);
      return;
    }
    case Op::Eql: case Op::Neq: case Op::Lss: case Op::Leq: case Op::Gtr: case Op::Geq: {
      int m = top();
      compare(e->op, e->x, e->y, dst);
      set_top(m);
      return;
    }
    default:
      break;
  }
  const Type* t = e->type;
  int m = top();
  if (t->is_integer() && e->y->mode == Mode::Constant && arith_const(e->op, t, dst, -1, e->y, e->x)) {
    set_top(m);
    return;
  }
  int x = expr_any(e->x);
  int y = expr_any(e->y);
  if ((e->op == Op::Shl || e->op == Op::Shr) && !e->y->type->is_unsigned() && e->y->mode != Mode::Constant)
    emit(OP_CHKSHIFT, y);
  arith(e->op, t, dst, x, y);
  set_top(m);
}

void FuncCompiler::unary(UnaryExpr* e, int dst) {
  int m = top();
  switch (e->op) {
    case Op::Add:
      expr_to(e->x, dst);
      break;
    case Op::Sub: {
      int x = expr_any(e->x);
      emit(is_float_kind(e->type) ? OP_NEGF : OP_NEG, dst, x);
      truncate(e->type, dst);
      break;
    }
    case Op::Not: {
      int x = expr_any(e->x);
      emit(OP_NOT, dst, x);
      break;
    }
    case Op::Xor: {
      int x = expr_any(e->x);
      emit(OP_BNOT, dst, x);
      truncate(e->type, dst);
      break;
    }
    case Op::And:
      address_of(e->x, dst);
      break;
    case Op::Arrow: {
      // A select case's receive has happened already (select_stmt).
      auto pre = received_.find(e);
      if (pre != received_.end()) {
        emit(OP_MOVE, dst, pre->second.first);
        if (e->comma_ok) emit(OP_MOVE, dst + 1, pre->second.second);
        break;
      }
      int c = expr_any(e->x);
      emit(e->comma_ok ? OP_RECV2 : OP_RECV, dst, c, chan_elem_code(e->x->type->underlying()));
      break;
    }
    default:
      unsupported(e->pos, "this unary operator");
  }
  set_top(m);
}

void FuncCompiler::address_of(Expr* x, int dst) {
  x = unparen(x);
  int m = top();
  switch (x->kind) {
    case NodeKind::CompositeLit: {
      bool agg = x->type->is_aggregate();
      if (agg) {
        composite(static_cast<CompositeLit*>(x), dst);
      } else {
        int v = alloc();
        composite(static_cast<CompositeLit*>(x), v);
        emit_bx(OP_ALLOC, dst, 1);
        emit(OP_STORE, dst, 0, v);
      }
      break;
    }
    case NodeKind::Ident: {
      Object* obj = static_cast<Ident*>(x)->obj;
      int p = var_ptr(obj);
      if (p != dst) emit(OP_MOVE, dst, p);
      break;
    }
    case NodeKind::SelectorExpr: {
      auto* se = static_cast<SelectorExpr*>(x);
      if (se->sel_kind == SelKind::Qualified) {
        emit_bx(OP_GADDR, dst, uint32_t(c_.global_index(se->sel->obj)));
        break;
      }
      int off = 0;
      int base = field_base(se, &off);
      emit(OP_ADDR, dst, base, off);
      break;
    }
    case NodeKind::IndexExpr: {
      LValue lv = lvalue(x);
      if (lv.kind == LValue::SliceElem) {
        emit(OP_ADDRSL, dst, lv.r1, lv.r2);
        emit(0, lv.type->slots());
      } else if (lv.kind == LValue::ArrayElem) {
        emit(OP_ADDRAR, dst, lv.r1, lv.r2);
        emit(0, int(lv.len & 0xffff), lv.type->slots(), int(lv.len >> 16));
      } else {
        unsupported(x->pos, "taking this address");
      }
      break;
    }
    case NodeKind::StarExpr: {
      expr_to(static_cast<StarExpr*>(x)->x, dst);
      emit(OP_NILCHK, dst);
      break;
    }
    default:
      unsupported(x->pos, "taking this address");
  }
  set_top(m);
}

// ---------------------------------------------------------------- conditions

// x % k == c / != c (signed x, constant k >= 2): a divisibility test
// JDIVBY/JNDIVBY when c is 0 and k is not a power of two (Go's sdivisibleOK
// excludes them too: with an odd part of 1 the test fails at MinInt64),
// else (2 <= k <= 32767, c within int16) one fused JREMEQ/JREMNE. False
// (nothing emitted) otherwise.
bool FuncCompiler::rem_branch(Expr* lhs, Op op, Expr* rhs, std::vector<int>& jumps) {
  if (op != Op::Eql && op != Op::Neq) return false;
  lhs = unparen(lhs);
  if (lhs->kind != NodeKind::BinaryExpr || rhs->mode != Mode::Constant) return false;
  auto* r = static_cast<BinaryExpr*>(lhs);
  if (r->op != Op::Rem || !is_signed_int(r->type) || r->y->mode != Mode::Constant) return false;
  int64_t k = r->y->cval->as_int64(), c = rhs->cval->as_int64();
  if (c == 0 && k >= 2 && (k & (k - 1)) != 0 && p_->consts.size() + 4 <= UINT16_MAX + 1) {
    // Divisibility: consecutive constants, as JDIVBY* read them.
    DivisibleMagic dm = signed_divisible_magic(k);
    int kb = int(p_->consts.size());
    p_->consts.insert(p_->consts.end(), {Slot(dm.mul), Slot(dm.add), Slot(dm.max), Slot(dm.rot)});
    int x = expr_any(r->x);
    uint16_t code = dm.rot ? (op == Op::Eql ? OP_JDIVBYE : OP_JNDIVBYE)
                           : (op == Op::Eql ? OP_JDIVBY : OP_JNDIVBY);
    jumps.push_back(emit_cjump(code, x, kb));
    return true;
  }
  if (k < 2 || k > INT16_MAX || c < INT16_MIN || c > INT16_MAX) return false;
  if (long_jumps_) return false;  // JREMEQ/JREMNE: the data word must follow the jump itself
  DivMagic mg = signed_div_magic(k);
  int x = expr_any(r->x);
  jumps.push_back(emit_cjump(op == Op::Eql ? OP_JREMEQ : OP_JREMNE, x, konst(Slot(mg.mul))));
  emit(0, int(k), mg.shift, int(uint16_t(int16_t(c))));
  return true;
}

void FuncCompiler::cond_jump(Expr* e, bool jump_if, std::vector<int>& jumps) {
  check_nesting(e->pos);
  LineScope ls(line_, e->pos);
  e = unparen(e);
  int m = top();
  if (e->mode == Mode::Constant && e->cval) {
    if (e->cval->as_bool() == jump_if) jumps.push_back(emit_jump());
    return;
  }
  if (e->kind == NodeKind::UnaryExpr && static_cast<UnaryExpr*>(e)->op == Op::Not) {
    cond_jump(static_cast<UnaryExpr*>(e)->x, !jump_if, jumps);
    return;
  }
  if (e->kind == NodeKind::BinaryExpr) {
    auto* b = static_cast<BinaryExpr*>(e);
    if (b->op == Op::LAnd || b->op == Op::LOr) {
      bool is_and = b->op == Op::LAnd;
      if (is_and != jump_if) {
        // (x && y) jumping if false: either false jumps. (x || y) if true: either true jumps.
        cond_jump(b->x, jump_if, jumps);
        cond_jump(b->y, jump_if, jumps);
      } else {
        std::vector<int> skip;
        cond_jump(b->x, !jump_if, skip);
        cond_jump(b->y, jump_if, jumps);
        patch_list_here(skip);
      }
      return;
    }
    const Type* xt = b->x->type;
    bool ints = xt && xt->is_integer() && b->y->type && b->y->type->is_integer() &&
                b->y->type->kind != Kind::UntypedNil;
    bool floats = xt && is_float_kind(xt) && b->y->type && is_float_kind(b->y->type);
    bool relational = b->op == Op::Eql || b->op == Op::Neq || b->op == Op::Lss || b->op == Op::Leq ||
                      b->op == Op::Gtr || b->op == Op::Geq;
    if (relational && ints) {
      bool uns = xt->is_unsigned();
      Op op = b->op;
      if (!jump_if) {
        // Negate: for integers !(x < y) == (x >= y).
        op = op == Op::Eql ? Op::Neq : op == Op::Neq ? Op::Eql : op == Op::Lss ? Op::Geq
             : op == Op::Leq ? Op::Gtr : op == Op::Gtr ? Op::Leq : Op::Lss;
      }
      if (rem_branch(b->x, op, b->y, jumps)) {
        set_top(m);
        return;
      }
      int x = expr_any(b->x);
      if (!uns && b->y->mode == Mode::Constant && b->y->cval->as_int64() >= INT16_MIN &&
          b->y->cval->as_int64() <= INT16_MAX) {
        int k = int(uint16_t(int16_t(b->y->cval->as_int64())));
        uint16_t code = op == Op::Eql ? OP_JEQI : op == Op::Neq ? OP_JNEI : op == Op::Lss ? OP_JLTI
                        : op == Op::Leq ? OP_JLEI : op == Op::Gtr ? OP_JGTI : OP_JGEI;
        jumps.push_back(emit_cjump(code, x, k));
        set_top(m);
        return;
      }
      // A constant beyond int16 (a loop bound of 10^8) from the constant
      // table, not reloaded into a register every time.
      if (b->y->mode == Mode::Constant && (!uns || op == Op::Eql || op == Op::Neq)) {
        int k = konst(Slot(b->y->cval->as_int64()));
        if (k <= UINT16_MAX) {
          uint16_t code = op == Op::Eql ? OP_JEQK : op == Op::Neq ? OP_JNEK : op == Op::Lss ? OP_JLTK
                          : op == Op::Leq ? OP_JLEK : op == Op::Gtr ? OP_JGTK : OP_JGEK;
          jumps.push_back(emit_cjump(code, x, k));
          set_top(m);
          return;
        }
      }
      int y = expr_any(b->y);
      if (op == Op::Gtr || op == Op::Geq) {
        std::swap(x, y);
        op = op == Op::Gtr ? Op::Lss : Op::Leq;
      }
      uint16_t code = op == Op::Eql ? OP_JEQ : op == Op::Neq ? OP_JNE
                      : op == Op::Lss ? (uns ? OP_JLTU : OP_JLT) : (uns ? OP_JLEU : OP_JLE);
      jumps.push_back(emit_cjump(code, x, y));
      set_top(m);
      return;
    }
    if (relational && floats && b->op != Op::Eql && b->op != Op::Neq) {
      int x = expr_any(b->x);
      int y = expr_any(b->y);
      Op op = b->op;
      if (op == Op::Gtr || op == Op::Geq) {
        std::swap(x, y);
        op = op == Op::Gtr ? Op::Lss : Op::Leq;
      }
      uint16_t code = op == Op::Lss ? (jump_if ? OP_JLTF : OP_JNLTF) : (jump_if ? OP_JLEF : OP_JNLEF);
      jumps.push_back(emit_cjump(code, x, y));
      set_top(m);
      return;
    }
  }
  int r = expr_any(e);
  jumps.push_back(emit_jump(jump_if ? OP_JT : OP_JF, r));
  set_top(m);
}

// ---------------------------------------------------------------- selectors, index, slice

int FuncCompiler::field_base(SelectorExpr* e, int* off) {
  // The value x is a pointer or an aggregate (whose register form is a
  // pointer to its storage): either way, a pointer to struct storage.
  // A variable's own register serves as the base until an embedded
  // pointer must be loaded, which goes to a temporary.
  int cur;
  bool owned = false;
  Expr* x = unparen(e->x);
  if (x->type->is_aggregate() || x->type->ukind() == Kind::Pointer) {
    cur = operand(x);
  } else {
    cur = alloc();
    owned = true;
    expr_to(x, cur);
  }
  auto load_ptr = [&](int o) {
    int dst = owned ? cur : alloc();
    emit(OP_LOAD, dst, cur, o);
    cur = dst;
    owned = true;
  };
  const Type* t = x->type;
  int o = 0;
  size_t nfields = e->sel_kind == SelKind::FieldVal ? e->path.size() : e->path.size() - 1;
  for (size_t k = 0; k < nfields; k++) {
    if (t->ukind() == Kind::Pointer) {
      if (k > 0) {
        load_ptr(o);  // the embedded pointer field
        o = 0;
      }
      t = t->underlying()->elem;
    }
    const StructField& f = t->underlying()->fields[size_t(e->path[k])];
    if (k + 1 < nfields || e->sel_kind != SelKind::FieldVal) {
      o += f.offset;
      t = f.type;
      continue;
    }
    o += f.offset;
  }
  if (e->sel_kind != SelKind::FieldVal && t->ukind() == Kind::Pointer && nfields > 0) {
    load_ptr(o);
    o = 0;
  }
  *off = o;
  return cur;
}

namespace {
// The method object a MethodVal/MethodExpr selector resolves to.
Object* method_object(SelectorExpr* e) {
  Selection sel = lookup_field_or_method(e->x->type, e->sel->name);
  if (e->sel_kind == SelKind::MethodExpr) {
    const Type* t = e->x->type;
    sel = lookup_field_or_method(t, e->sel->name);
  }
  return sel.method;
}
}  // namespace

// The receiver of a static method call or method value x.M: walks embedded
// fields, then takes &x or *x as the method's receiver needs. With `copy`,
// a value receiver is copied (method values bind a copy).
void FuncCompiler::method_receiver(SelectorExpr* se, Object* mo, int dst, bool copy) {
  int m = top();
  const Type* rt_ = mo->recv;
  if (se->path.size() > 1) {
    int off = 0;
    int b = field_base(se, &off);
    if (mo->recv_ptr || rt_->is_aggregate()) emit(OP_ADDR, dst, b, off);
    else emit(OP_LOAD, dst, b, off);
  } else if (se->implicit_addr) {
    address_of(se->x, dst);
  } else {
    expr_to(se->x, dst);
    if (se->implicit_deref) {
      if (rt_->is_aggregate()) emit(OP_NILCHK, dst);
      else emit(OP_LOAD, dst, dst, 0);
    }
  }
  if (copy && !mo->recv_ptr && rt_->is_aggregate()) emit_dup(dst, dst, rt_->slots());
  set_top(m);
}

void FuncCompiler::selector(SelectorExpr* e, int dst) {
  int m = top();
  switch (e->sel_kind) {
    case SelKind::Qualified: {
      Object* obj = e->sel->obj;
      if (obj->kind == ObjKind::Func) {
        emit_bx(OP_LOADK, dst, uint32_t(konst(from_ptr(c_.closure_of(obj->info)))));
      } else {
        load_var(obj, dst);
      }
      break;
    }
    case SelKind::FieldVal: {
      int off = 0;
      int base = field_base(e, &off);
      emit(e->type->is_aggregate() ? OP_ADDR : OP_LOAD, dst, base, off);
      break;
    }
    case SelKind::MethodVal: {
      if (e->iface_method) {
        int x = alloc();
        if (e->path.size() > 1) {
          int off = 0;
          int b = field_base(e, &off);
          emit(OP_LOAD, x, b, off);
        } else {
          expr_to(e->x, x);
        }
        int pair = alloc(2);
        emit(OP_METHOD, pair, x, konst_string(e->sel->name));
        emit(OP_BIND, dst, pair, pair + 1);
        break;
      }
      Object* mo = method_object(e);
      if (!mo) unsupported(e->pos, "this method value");
      int fn = alloc(), recv = alloc();
      emit_bx(OP_LOADK, fn, uint32_t(konst(from_ptr(c_.closure_of(mo->info)))));
      method_receiver(e, mo, recv, true);  // evaluated and copied now
      emit(OP_BIND, dst, fn, recv);
      break;
    }
    case SelKind::MethodExpr: {
      // T.M / (*T).M: a func taking the receiver first, adjusted as an
      // interface call on a T / *T would adjust it.
      Slot fn = find_method(e->x->type, e->sel->name);
      if (!fn) unsupported(e->pos, "this method expression");
      emit_bx(OP_LOADK, dst, uint32_t(konst(fn)));
      break;
    }
    default:
      unsupported(e->pos, "this selector");
  }
  set_top(m);
}

void FuncCompiler::index_expr(IndexExpr* e, int dst) {
  int m = top();
  const Type* xt = e->x->type->underlying();
  if (xt->kind == Kind::Map) {
    int mr = expr_any(e->x);
    int k = alloc();
    expr_conv(e->index, xt->key, k);
    emit(e->comma_ok ? OP_MAPGET2 : OP_MAPGET, dst, mr, k);
  } else if (xt->kind == Kind::String) {
    int s = expr_any(e->x);
    int i = expr_any(e->index);
    emit(OP_INDEXS, dst, s, i);
  } else {
    LValue lv = lvalue(e);
    load_lvalue(lv, dst);
  }
  set_top(m);
}

void FuncCompiler::slice_expr(SliceExpr* e, int dst) {
  int m = top();
  const Type* xt = e->x->type->underlying();
  int bounds = alloc(3);
  int flags = 0;
  if (e->low) { expr_to(e->low, bounds); flags |= 1; }
  if (e->high) { expr_to(e->high, bounds + 1); flags |= 2; }
  if (e->max) { expr_to(e->max, bounds + 2); flags |= 4; }
  // Go evaluates the operand first; bounds have no side effects that could
  // observe the order in practice except calls, which stay in source order
  // relative to each other.
  if (xt->kind == Kind::String) {
    int s = expr_any(e->x);
    emit(OP_SLICES, dst, s, bounds);
    emit(0, flags);
  } else if (xt->kind == Kind::Slice) {
    int s = expr_any(e->x);
    emit(OP_SLICESL, dst, s, bounds);
    emit(0, flags, xt->elem->slots());
  } else {
    const Type* at = xt->kind == Kind::Pointer ? xt->elem->underlying() : xt;
    int a = alloc();
    expr_to(e->x, a);  // an array's register form is its storage
    emit(OP_SLICEAR, dst, a, bounds);
    emit(0, flags, at->elem->slots(), int(at->len));
  }
  set_top(m);
}

void FuncCompiler::type_assert(TypeAssertExpr* e, int dst) {
  int m = top();
  int x = expr_any(e->x);
  const Type* t = e->type;
  int kt = konst_assert(t, e->x->type);
  uint16_t op = t->is_interface() ? (e->comma_ok ? OP_ASSERTI2 : OP_ASSERTI)
                                  : (e->comma_ok ? OP_ASSERT2 : OP_ASSERT);
  emit(op, dst, x, kt);
  set_top(m);
}

// ---------------------------------------------------------------- literals

void FuncCompiler::func_lit(FuncLit* e, int dst) {
  int m = top();
  FuncInfo* fi = e->info;
  Proto* p = c_.proto_of(fi);
  // Literals outside any function (package variable initialisers) are not
  // in Package::funcs: compile them when first met.
  if (p->code.empty()) c_.compile_proto(p, fi);
  int n = int(fi->free_vars.size());
  int cells = alloc(n > 0 ? n : 1);
  for (int k = 0; k < n; k++) {
    int mm = top();
    int r = var_ptr(fi->free_vars[size_t(k)]);
    if (r != cells + k) emit(OP_MOVE, cells + k, r);
    set_top(mm);
  }
  if (n == 0) {
    emit_bx(OP_LOADK, dst, uint32_t(konst(from_ptr(c_.closure_of(fi)))));
  } else {
    emit(OP_CLOSURE, dst, konst(from_ptr(p)), cells);
  }
  set_top(m);
}

bool FuncCompiler::composite(CompositeLit* e, int dst) {
  int m = top();
  const Type* t = e->type;
  if (t->ukind() == Kind::Pointer) t = t->underlying()->elem;  // elided &T in nested literals
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Struct: {
      int s = alloc();
      emit_bx(OP_ALLOC, s, uint32_t(t->slots()));
      for (size_t k = 0; k < e->elts.size(); k++) {
        Expr* v = e->elts[k];
        if (v->kind == NodeKind::KeyValueExpr) v = static_cast<KeyValueExpr*>(v)->value;
        const StructField& f = u->fields[size_t(e->indices.size() > k ? e->indices[k] : int64_t(k))];
        int mm = top();
        int r = alloc();
        expr_conv(v, f.type, r);
        LValue lv;
        lv.kind = LValue::Ptr;
        lv.r1 = s;
        lv.off = f.offset;
        lv.type = f.type;
        store(lv, r, f.type, true);
        set_top(mm);
      }
      emit(OP_MOVE, dst, s);
      break;
    }
    case Kind::Array:
    case Kind::Slice: {
      const Type* et = u->elem;
      int64_t len = u->kind == Kind::Array ? u->len : 0;
      for (int64_t ix : e->indices) len = std::max(len, ix + 1);
      if (u->kind == Kind::Slice && e->indices.empty()) len = int64_t(e->elts.size());
      int s = alloc();
      int idx = alloc();
      if (u->kind == Kind::Array) {
        emit_bx(OP_ALLOC, s, uint32_t(t->slots()));
      } else {
        int lr = alloc();
        emit_bx(OP_LOADK, lr, uint32_t(konst(Slot(len))));
        emit(OP_MAKESL, s, lr, lr);
        emit(0, konst_type(et), 0);
      }
      for (size_t k = 0; k < e->elts.size(); k++) {
        Expr* v = e->elts[k];
        if (v->kind == NodeKind::KeyValueExpr) v = static_cast<KeyValueExpr*>(v)->value;
        int64_t ix = e->indices.size() > k ? e->indices[k] : int64_t(k);
        int mm = top();
        int r = alloc();
        expr_conv(v, et, r);
        emit_bx(OP_LOADK, idx, uint32_t(konst(Slot(ix))));
        LValue lv;
        lv.kind = u->kind == Kind::Array ? LValue::ArrayElem : LValue::SliceElem;
        lv.r1 = s;
        lv.r2 = idx;
        lv.len = len;
        lv.type = et;
        store(lv, r, et, true);
        set_top(mm);
      }
      emit(OP_MOVE, dst, s);
      break;
    }
    case Kind::Map: {
      int mr = alloc();
      emit_bx(OP_MAKEMAP, mr, uint32_t(konst_type(t)));
      for (Expr* el : e->elts) {
        auto* kv = static_cast<KeyValueExpr*>(el);
        int mm = top();
        int k = alloc(), v = alloc();
        expr_conv(kv->key, u->key, k);
        expr_conv(kv->value, u->elem, v);
        emit(OP_MAPSET, mr, k, v);
        set_top(mm);
      }
      emit(OP_MOVE, dst, mr);
      break;
    }
    default:
      unsupported(e->pos, "this composite literal");
  }
  set_top(m);
  return true;
}

// ---------------------------------------------------------------- calls

int FuncCompiler::place_args(CallExpr* e, const Type* sig, int base, int first) {
  // Arguments go to base + first ...; returns the number of argument slots.
  const auto& params = sig->params;
  size_t np = params.size();
  std::vector<std::pair<int, const Type*>> vals;  // precomputed (spread tuple)
  if (e->spread_tuple && e->args.size() == 1) {
    auto* inner = static_cast<CallExpr*>(e->args[0]);
    const Type* tt = inner->type;
    size_t n = tt->kind == Kind::Tuple ? tt->results.size() : 1;
    // Above the argument area, which the packed/converted values fill.
    int need = base + first + int(std::max(np, n)) + 1;
    if (top() < need) alloc(need - top());
    int tb = alloc(int(std::max<size_t>(n, 1)));
    call_to(inner, tb);
    for (size_t k = 0; k < n; k++)
      vals.push_back({tb + int(k), tt->kind == Kind::Tuple ? tt->results[k] : tt});
  }
  size_t nargs = vals.empty() ? e->args.size() : vals.size();
  auto arg_to = [&](size_t k, const Type* to, int dst) {
    if (!vals.empty()) convert_reg(vals[k].first, vals[k].second, to, dst);
    else expr_conv(e->args[k], to, dst);
  };
  int slot = base + first;
  auto ensure = [&](int r) {
    if (top() <= r) alloc(r - top() + 1);
  };
  if (sig->variadic && !e->has_ellipsis) {
    size_t fixed = np - 1;
    for (size_t k = 0; k < fixed; k++) {
      ensure(slot + int(k));
      arg_to(k, params[k], slot + int(k));
    }
    int sr = slot + int(fixed);
    ensure(sr);
    const Type* et = params[np - 1]->underlying()->elem;
    int64_t extra = int64_t(nargs) - int64_t(fixed);
    if (extra <= 0) {
      emit(OP_LOADZ, sr);
    } else {
      int lr = alloc(), idx = alloc(), v = alloc();
      emit_bx(OP_LOADK, lr, uint32_t(konst(Slot(extra))));
      emit(OP_MAKESL, sr, lr, lr);
      emit(0, konst_type(et), 0);
      for (int64_t k = 0; k < extra; k++) {
        arg_to(fixed + size_t(k), et, v);
        emit_bx(OP_LOADK, idx, uint32_t(konst(Slot(k))));
        LValue lv;
        lv.kind = LValue::SliceElem;
        lv.r1 = sr;
        lv.r2 = idx;
        lv.type = et;
        store(lv, v, et, true);
      }
    }
    set_top(sr + 1);
    return first + int(np);
  }
  for (size_t k = 0; k < nargs; k++) {
    ensure(slot + int(k));
    arg_to(k, params[k], slot + int(k));
    set_top(slot + int(k) + 1);
  }
  return first + int(nargs);
}

// Standard functions compiled to one instruction (math.Sqrt in nbody's
// inner loop would otherwise be a native call).
bool FuncCompiler::intrinsic(Object* fn, CallExpr* e, int base) {
  if (!fn->pkg || fn->pkg->path != "math" || e->args.size() != 1 || e->spread_tuple) return false;
  uint16_t op;
  if (fn->name == "Sqrt") op = OP_SQRTF;
  else if (fn->name == "Abs") op = OP_ABSF;
  else return false;
  alloc();
  expr_conv(e->args[0], types().Float64(), base);
  emit(op, base, base);
  return true;
}

bool FuncCompiler::call_to(CallExpr* e, int base) {
  LineScope ls(line_, e->pos);
  if (e->call_kind == CallKind::Builtin) {
    builtin_call(e, base);
    return false;
  }
  if (e->call_kind == CallKind::Conversion) {
    conversion(e, base);
    return false;
  }
  Expr* fun = unparen(e->fun);
  const Type* sig = fun->type->underlying();
  set_top(base);
  if (e->call_kind == CallKind::Method) {
    auto* se = static_cast<SelectorExpr*>(fun);
    if (se->iface_method) {
      alloc();
      if (se->path.size() > 1) {
        // A method of an interface embedded in a struct: load that field.
        int m = top(), off = 0;
        int b = field_base(se, &off);
        emit(OP_LOAD, base, b, off);
        set_top(m);
      } else {
        expr_to(se->x, base);
      }
      place_args(e, sig, base, 1);
      int cache = int(p_->caches.size());
      p_->caches.push_back(InlineCache{});
      emit(OP_CALLI, base, konst_string(se->sel->name), cache);
    } else {
      Object* mo = method_object(se);
      if (!mo) unsupported(e->pos, "this method call");
      alloc();
      method_receiver(se, mo, base, false);
      place_args(e, sig, base, 1);
      emit_bx(OP_CALL, base, uint32_t(konst(from_ptr(c_.closure_of(mo->info)))));
    }
  } else {
    Object* fobj = nullptr;
    if (fun->kind == NodeKind::Ident) fobj = static_cast<Ident*>(fun)->obj;
    if (fun->kind == NodeKind::SelectorExpr && static_cast<SelectorExpr*>(fun)->sel_kind == SelKind::Qualified)
      fobj = static_cast<SelectorExpr*>(fun)->sel->obj;
    if (fobj && fobj->kind == ObjKind::Func && fobj->info && intrinsic(fobj, e, base)) {
      // done: a single instruction
    } else if (fobj && fobj->kind == ObjKind::Func && fobj->info) {
      place_args(e, sig, base, 0);
      emit_bx(OP_CALL, base, uint32_t(konst(from_ptr(c_.closure_of(fobj->info)))));
    } else {
      int fn = alloc();
      expr_to(fun, fn);
      // Arguments above the func value, then moved down to base.
      int ab = top();
      int n = place_args(e, sig, ab, 0);
      int fr = alloc();
      emit(OP_MOVE, fr, fn);
      for (int k = 0; k < n; k++) emit(OP_MOVE, base + k, ab + k);
      emit(OP_CALLV, base, fr);
    }
  }
  size_t nres = sig->results.size();
  set_top(base + int(std::max<size_t>(nres, 1)));
  return false;
}

// ---------------------------------------------------------------- conversions

void FuncCompiler::conversion(CallExpr* e, int dst) {
  int m = top();
  const Type* to = e->type;
  Expr* x = e->args[0];
  const Type* from = x->type;
  const Type* tu = to->underlying();
  const Type* fu = from->underlying();
  if (to->is_interface()) {
    expr_conv(x, to, dst);
    set_top(m);
    return;
  }
  int r = expr_any(x);
  if (tu->is_integer() && fu->is_integer()) {
    if (r != dst) emit(OP_MOVE, dst, r);
    truncate(to, dst);
  } else if (is_float_kind(tu) && fu->is_integer()) {
    emit(fu->is_unsigned() ? OP_U2F : OP_I2F, dst, r);
    truncate(to, dst);
  } else if (tu->is_integer() && is_float_kind(fu)) {
    emit(tu->is_unsigned() ? OP_F2U : OP_F2I, dst, r);
    truncate(to, dst);
  } else if (is_float_kind(tu) && is_float_kind(fu)) {
    if (r != dst) emit(OP_MOVE, dst, r);
    truncate(to, dst);
  } else if (tu->kind == Kind::String && fu->is_integer()) {
    emit(OP_RUNE2S, dst, r);
  } else if (tu->kind == Kind::String && fu->kind == Kind::Slice) {
    emit(fu->elem->ukind() == Kind::Uint8 ? OP_BYTES2S : OP_RUNES2S, dst, r);
  } else if (tu->kind == Kind::Slice && fu->kind == Kind::String) {
    emit(tu->elem->ukind() == Kind::Uint8 ? OP_S2BYTES : OP_S2RUNES, dst, r);
  } else {
    // Same underlying type (named <-> unnamed), pointers, etc.: no change.
    if (r != dst) emit(OP_MOVE, dst, r);
    if (to->is_aggregate()) emit_dup(dst, dst, to->slots());
  }
  set_top(m);
}

// ---------------------------------------------------------------- builtins

uint16_t print_kind(const Type* t) {
  const Type* u = t->underlying();
  if (t->kind == Kind::UntypedNil) return kPrintNil;
  if (u->is_boolean()) return kPrintBool;
  if (u->is_integer()) return u->is_unsigned() ? kPrintUint : kPrintInt;
  if (is_float_kind(u)) return kPrintFloat;
  if (u->is_string()) return kPrintString;
  if (u->kind == Kind::Interface) return kPrintIface;
  if (u->kind == Kind::Slice) return kPrintSlice;
  return kPrintPointer;
}

void FuncCompiler::builtin_call(CallExpr* e, int dst) {
  int m = top();
  auto& args = e->args;
  switch (e->builtin) {
    case Builtin::Len:
    case Builtin::Cap: {
      const Type* t = args[0]->type->underlying();
      if (t->kind == Kind::Pointer) t = t->elem->underlying();
      if (t->kind == Kind::Array) {
        emit_bx(OP_LOADK, dst, uint32_t(konst(Slot(t->len))));
        break;
      }
      int r = expr_any(args[0]);
      if (t->kind == Kind::String) emit(OP_LENS, dst, r);
      else if (t->kind == Kind::Map) emit(OP_LENMAP, dst, r);
      else if (t->kind == Kind::Slice) emit(e->builtin == Builtin::Len ? OP_LENSL : OP_CAPSL, dst, r);
      else if (t->kind == Kind::Chan) emit(e->builtin == Builtin::Len ? OP_LENCH : OP_CAPCH, dst, r);
      else unsupported(e->pos, "len/cap of this type");
      break;
    }
    case Builtin::Append: {
      const Type* st = e->type;
      const Type* et = st->underlying()->elem;
      int s = alloc();
      expr_to(args[0], s);
      if (e->has_ellipsis) {
        int o = expr_any(args[1]);
        emit(OP_APPENDSL, dst, s, o);
        emit(0, konst_type(et), args[1]->type->underlying()->kind == Kind::String ? 1 : 0);
        break;
      }
      size_t n = args.size() - 1;
      if (n == 0) {
        emit(OP_MOVE, dst, s);
        break;
      }
      // Elements are copied inline (aggregates by slots) into a run of slots.
      int es = et->slots();
      int vals = alloc(int(n) * es);
      for (size_t k = 0; k < n; k++) {
        int mm = top();
        int v = alloc();
        expr_conv(args[k + 1], et, v);
        if (et->is_aggregate()) {
          // Spread the aggregate's slots into the run: copy through storage.
          for (int q = 0; q < es; q++) emit(OP_LOAD, vals + int(k) * es + q, v, q);
        } else {
          emit(OP_MOVE, vals + int(k), v);
        }
        set_top(mm);
      }
      emit(OP_APPEND, dst, s, vals);
      emit(0, konst_type(et), int(n));
      break;
    }
    case Builtin::Copy: {
      int d = expr_any(args[0]);
      int s = expr_any(args[1]);
      bool str = args[1]->type->underlying()->kind == Kind::String;
      emit(OP_COPYSL, dst, d, s);
      emit(0, str ? 1 : args[0]->type->underlying()->elem->slots(), str ? 1 : 0);
      break;
    }
    case Builtin::Close:
      emit(OP_CLOSE, expr_any(args[0]));
      break;
    case Builtin::Delete: {
      int mr = expr_any(args[0]);
      int k = alloc();
      expr_conv(args[1], args[0]->type->underlying()->key, k);
      emit(OP_MAPDEL, mr, k);
      break;
    }
    case Builtin::Clear: {
      const Type* t = args[0]->type->underlying();
      int r = expr_any(args[0]);
      if (t->kind == Kind::Map) {
        emit(OP_MAPCLEAR, r);
      } else {
        // clear(slice): zero its elements.
        int len = alloc();
        emit(OP_LENSL, len, r);
        int lp = alloc(), idx = alloc();
        emit(OP_LOADZ, idx);
        int top_pc = here();
        int exit = emit_cjump(OP_JLE, len, idx);
        const Type* et = t->elem;
        emit(OP_ADDRSL, lp, r, idx);
        emit(0, et->slots());
        emit(OP_ZERO, lp, et->slots());
        emit(OP_ADDI, idx, idx, 1);
        int j = emit_jump();
        patch_to(j, top_pc);
        patch_here(exit);
      }
      break;
    }
    case Builtin::Make: {
      const Type* t = e->type;
      const Type* u = t->underlying();
      if (u->kind == Kind::Map) {
        emit_bx(OP_MAKEMAP, dst, uint32_t(konst_type(t)));
      } else if (u->kind == Kind::Slice) {
        int l = alloc(), c = alloc();
        expr_to(args[1], l);
        if (args.size() > 2) expr_to(args[2], c);
        emit(OP_MAKESL, dst, l, c);
        emit(0, konst_type(u->elem), args.size() > 2 ? 1 : 0);
      } else {
        int n = alloc();
        if (args.size() > 1) expr_to(args[1], n);
        else emit(OP_LOADZ, n);
        emit(OP_MAKECHAN, dst, n, chan_elem_code(u));
      }
      break;
    }
    case Builtin::New: {
      const Type* t = e->type->underlying()->elem;
      emit_bx(OP_ALLOC, dst, uint32_t(t->slots()));
      break;
    }
    case Builtin::Panic: {
      int v = alloc();
      expr_conv(args[0], types().EmptyInterface(), v);
      emit(OP_PANIC, v);
      break;
    }
    case Builtin::Recover:
      emit(OP_RECOVER, dst);
      break;
    case Builtin::Print:
    case Builtin::Println: {
      bool ln = e->builtin == Builtin::Println;
      for (size_t k = 0; k < args.size(); k++) {
        int mm = top();
        int v = expr_any(args[k]);
        uint16_t kind = print_kind(args[k]->type);
        int flags = (ln && k > 0 ? 1 : 0) | (ln && k + 1 == args.size() ? 2 : 0);
        emit(OP_PRINT, v, kind, flags);
        set_top(mm);
      }
      if (ln && args.empty()) {
        int z = alloc();
        emit(OP_LOADZ, z);
        emit(OP_PRINT, z, kPrintString, 2);
      }
      break;
    }
    case Builtin::Min:
    case Builtin::Max: {
      const Type* t = e->type;
      expr_to(args[0], dst);
      for (size_t k = 1; k < args.size(); k++) {
        int mm = top();
        int v = expr_any(args[k]);
        std::vector<int> keep;
        const Type* u = t->underlying();
        bool is_min = e->builtin == Builtin::Min;
        if (is_float_kind(u)) {
          emit(is_min ? OP_MINF : OP_MAXF, dst, dst, v);
          set_top(mm);
          continue;
        } else if (u->is_string()) {
          int c = alloc();
          emit(OP_LES, c, is_min ? dst : v, is_min ? v : dst);
          keep.push_back(emit_jump(OP_JT, c));
        } else {
          uint16_t op = u->is_unsigned() ? OP_JLEU : OP_JLE;
          keep.push_back(emit_cjump(op, is_min ? dst : v, is_min ? v : dst));
        }
        emit(OP_MOVE, dst, v);
        patch_list_here(keep);
        set_top(mm);
      }
      break;
    }
    default:
      unsupported(e->pos, "this builtin");
  }
  set_top(m);
}

}  // namespace mgo::vm

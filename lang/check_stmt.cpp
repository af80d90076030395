// Statements: assignments, control flow, labels, and the terminating
// statement analysis behind "missing return".
#include <algorithm>

#include "lang/checker.h"
#include "lang/nesting.h"

namespace mgo {

void Checker::open_scope() {
  auto* s = make<Scope>();
  s->parent = scope_;
  scope_ = s;
}

void Checker::report_unused(Scope* s) {
  std::vector<Object*> unused;
  for (auto& [name, obj] : s->names)
    if (obj->kind == ObjKind::Var && !obj->used && !obj->is_param && !obj->is_global) unused.push_back(obj);
  std::sort(unused.begin(), unused.end(), [](Object* a, Object* b) {
    return a->pos.line != b->pos.line ? a->pos.line < b->pos.line : a->pos.col < b->pos.col;
  });
  for (Object* o : unused) error(o->pos, "declared and not used: " + o->name);
}

void Checker::close_scope() {
  report_unused(scope_);
  scope_ = scope_->parent;
}

void Checker::block(BlockStmt* b, BranchCtx ctx) {
  if (!b) return;
  open_scope();
  stmt_list(b->list, ctx);
  close_scope();
}

void Checker::stmt_list(const std::vector<Stmt*>& list, BranchCtx ctx) {
  // Only the last statement of a case clause may be a fallthrough; trailing
  // empty statements do not count.
  size_t last = list.size();
  while (last > 0 && list[last - 1] && list[last - 1]->kind == NodeKind::EmptyStmt) last--;
  for (size_t i = 0; i < list.size(); i++) {
    BranchCtx c = ctx;
    if (i + 1 != last) c.fallthrough_ok = false;
    stmt(list[i], c);
  }
}

void Checker::stmt(Stmt* s, BranchCtx ctx) {
  if (!s) return;
  check_nesting(s->pos);
  BranchCtx inner = ctx;
  inner.fallthrough_ok = false;
  switch (s->kind) {
    case NodeKind::BadStmt: case NodeKind::EmptyStmt: return;
    case NodeKind::DeclStmt: {
      auto* d = static_cast<DeclStmt*>(s);
      if (d->decl) local_decl(d->decl);
      return;
    }
    case NodeKind::LabeledStmt: {
      auto* l = static_cast<LabeledStmt*>(s);
      stmt(l->stmt, ctx);
      return;
    }
    case NodeKind::ExprStmt: expr_stmt(static_cast<ExprStmt*>(s)); return;
    case NodeKind::SendStmt: {
      auto* ss = static_cast<SendStmt*>(s);
      expr(ss->chan);
      expr(ss->value);
      if (!is_valid(ss->chan) || !is_valid(ss->value)) return;
      const Type* u = ss->chan->type->underlying();
      if (u->kind != Kind::Chan) {
        error(s->pos, "invalid operation: cannot send to non-channel " + operand_string(ss->chan));
        return;
      }
      if (u->dir == ChanDir::Recv) {
        error(s->pos, "invalid operation: cannot send to receive-only channel " + operand_string(ss->chan));
        return;
      }
      assignment(ss->value, u->elem, "send");
      return;
    }
    case NodeKind::IncDecStmt: {
      auto* st = static_cast<IncDecStmt*>(s);
      expr(st->x);
      if (!is_valid(st->x)) return;
      if (!st->x->type->is_numeric()) {
        error(st->x->pos, "invalid operation: " + expr_str(st->x) + (st->op == Op::Inc ? "++" : "--") +
                              " (non-numeric type " + type_str(st->x->type) + ")");
        return;
      }
      if (st->x->mode != Mode::Variable && st->x->mode != Mode::MapIndex)
        error(st->x->pos, "cannot assign to " + expr_str(st->x) + " (neither addressable nor a map index expression)");
      return;
    }
    case NodeKind::AssignStmt: assign_stmt(static_cast<AssignStmt*>(s)); return;
    case NodeKind::GoStmt: call_stmt(static_cast<GoStmt*>(s)->call, "go"); return;
    case NodeKind::DeferStmt:
      if (fn_) fn_->has_defer = true;
      call_stmt(static_cast<DeferStmt*>(s)->call, "defer");
      return;
    case NodeKind::ReturnStmt: return_stmt(static_cast<ReturnStmt*>(s)); return;
    case NodeKind::BranchStmt: branch_stmt(static_cast<BranchStmt*>(s), ctx); return;
    case NodeKind::BlockStmt: block(static_cast<BlockStmt*>(s), inner); return;
    case NodeKind::IfStmt: if_stmt(static_cast<IfStmt*>(s), inner); return;
    case NodeKind::SwitchStmt: switch_stmt(static_cast<SwitchStmt*>(s), inner); return;
    case NodeKind::TypeSwitchStmt: type_switch_stmt(static_cast<TypeSwitchStmt*>(s), inner); return;
    case NodeKind::SelectStmt: select_stmt(static_cast<SelectStmt*>(s), inner); return;
    case NodeKind::ForStmt: for_stmt(static_cast<ForStmt*>(s), inner); return;
    case NodeKind::RangeStmt: range_stmt(static_cast<RangeStmt*>(s), inner); return;
    default: error(s->pos, "invalid statement"); return;
  }
}

void Checker::expr_stmt(ExprStmt* s) {
  Expr* x = s->x;
  if (!x) return;
  raw_expr(x, nullptr, true);
  if (!is_valid(x)) return;
  Expr* y = x;
  while (y->kind == NodeKind::ParenExpr) y = static_cast<ParenExpr*>(y)->x;
  bool ok = false;
  if (y->kind == NodeKind::CallExpr) {
    auto* c = static_cast<CallExpr*>(y);
    if (c->call_kind == CallKind::Builtin) {
      switch (c->builtin) {
        case Builtin::Copy: case Builtin::Panic: case Builtin::Print: case Builtin::Println:
        case Builtin::Recover: case Builtin::Close: case Builtin::Delete: case Builtin::Clear:
          ok = true;
          break;
        default: break;
      }
    } else {
      ok = c->call_kind != CallKind::Conversion;
    }
  } else if (y->kind == NodeKind::UnaryExpr && static_cast<UnaryExpr*>(y)->op == Op::Arrow) {
    ok = true;
  }
  if (ok) return;
  if (x->mode == Mode::TypeExpr) {
    error(x->pos, expr_str(x) + " (type) is not an expression");
    return;
  }
  if (x->mode == Mode::Builtin) {
    error(x->pos, expr_str(x) + " (built-in) must be called");
    return;
  }
  if (x->type->is_untyped() && x->mode != Mode::Constant) default_untyped(x);
  error(x->pos, operand_string(x) + " is not used");
}

void Checker::call_stmt(CallExpr* c, const char* what) {
  if (!c) return;
  if (c->not_a_call) {
    error(c->pos, std::string("expression in ") + what + " must be function call");
    expr(c->fun);  // Go's check.use: what it names is used
    return;
  }
  raw_expr(c, nullptr, true);
  if (!is_valid(c)) return;
  if (c->call_kind == CallKind::Conversion) {
    error(c->pos, std::string(what) + " requires function call, not conversion " + operand_string(c));
    return;
  }
  if (c->call_kind == CallKind::Builtin) {
    switch (c->builtin) {
      case Builtin::Copy: case Builtin::Panic: case Builtin::Print: case Builtin::Println:
      case Builtin::Recover: case Builtin::Close: case Builtin::Delete: case Builtin::Clear:
        return;
      default:
        error(c->pos, std::string(what) + " discards result of " + operand_string(c));
        return;
    }
  }
}

// ---------------------------------------------------------------- assignments

// The type of an assignment's left operand (nullptr for the blank
// identifier); reports non-assignable operands.
const Type* Checker::assign_lhs(Expr* e) {
  if (e->kind == NodeKind::Ident && static_cast<Ident*>(e)->name == "_") {
    static_cast<Ident*>(e)->obj = nullptr;
    e->mode = Mode::Variable;
    e->type = nullptr;
    return nullptr;
  }
  // Assigning to a variable is not a use of it.
  Object* v = nullptr;
  bool was_used = false;
  if (e->kind == NodeKind::Ident && scope_) {
    v = scope_->lookup(static_cast<Ident*>(e)->name);
    if (v && v->kind == ObjKind::Var) was_used = v->used;
    else v = nullptr;
  }
  expr(e);
  if (v) v->used = was_used;
  if (!is_valid(e)) return types().invalid();
  if (e->mode == Mode::Variable || e->mode == Mode::MapIndex) return e->type;
  if (e->kind == NodeKind::SelectorExpr) {
    auto* se = static_cast<SelectorExpr*>(e);
    if (se->x->mode == Mode::MapIndex) {
      error(e->pos, "cannot assign to struct field " + expr_str(e) + " in map");
      return types().invalid();
    }
  }
  error(e->pos, "cannot assign to " + expr_str(e) + " (neither addressable nor a map index expression)");
  return types().invalid();
}

// One value of an n-to-n assignment. A multi-value call there is an
// assignment mismatch when it is the only value (x := f()), as Go reports
// it, and a multi-value call in a single-value context among several.
bool Checker::single_rhs(Expr* r, size_t nlhs) {
  raw_expr(r, nullptr, nlhs == 1);
  if (is_valid(r) && r->mode != Mode::NoValue && r->type->kind == Kind::Tuple) {
    std::vector<Expr*> one{r};
    assign_mismatch(nlhs, one, r->pos);
    invalidate(r);
    return false;
  }
  return single_value(r);
}

void Checker::assign_mismatch(size_t nlhs, std::vector<Expr*>& rhs, Pos pos) {
  std::string vars = std::to_string(nlhs) + (nlhs == 1 ? " variable" : " variables");
  if (rhs.size() == 1 && rhs[0]->kind == NodeKind::CallExpr && is_valid(rhs[0])) {
    size_t n = rhs[0]->type->kind == Kind::Tuple ? rhs[0]->type->results.size() : 1;
    // types2 names the called function (call.Fun), not the call.
    Expr* fun = static_cast<CallExpr*>(rhs[0])->fun;
    error(rhs[0]->pos, "assignment mismatch: " + vars + " but " + expr_str(fun) + " returns " +
                           std::to_string(n) + (n == 1 ? " value" : " values"));
    return;
  }
  error(rhs.empty() ? pos : rhs[0]->pos, "assignment mismatch: " + vars + " but " + std::to_string(rhs.size()) +
                                             (rhs.size() == 1 ? " value" : " values"));
}

// Checks the right side of an n-to-1 assignment (multi-value call or comma-ok
// expression); fills the value types. False after reporting a mismatch.
bool Checker::unpack_rhs(std::vector<Expr*>& rhs, size_t nlhs, Pos pos, bool is_define,
                         std::vector<const Type*>* out) {
  Expr* r = rhs[0];
  multi_expr(r);
  if (!is_valid(r)) return false;
  if (r->type->kind == Kind::Tuple) {
    if (r->type->results.size() != nlhs) {
      assign_mismatch(nlhs, rhs, pos);
      return false;
    }
    *out = r->type->results;
    return true;
  }
  if (nlhs == 2 && (r->mode == Mode::CommaOk || r->mode == Mode::MapIndex)) {
    r->comma_ok = true;
    *out = {r->type, types().basic(Kind::UntypedBool)};
    return true;
  }
  assign_mismatch(nlhs, rhs, pos);
  return false;
}

void Checker::assign_vars(std::vector<Expr*>& lhs, std::vector<Expr*>& rhs, Pos pos) {
  std::vector<const Type*> lt;
  for (Expr* l : lhs) lt.push_back(assign_lhs(l));
  if (lhs.size() == rhs.size()) {
    bool ok = true;
    for (size_t i = 0; i < lhs.size(); i++) {
      if (!single_rhs(rhs[i], lhs.size()) || (lt[i] && lt[i]->kind == Kind::Invalid)) {
        ok = false;
        continue;
      }
      ok &= assignment(rhs[i], lt[i], "assignment");
    }
    // No follow-on "declared and not used" for any variable assigned here
    // (types2's assignVars).
    if (!ok)
      for (Expr* l : lhs)
        if (l->kind == NodeKind::Ident && static_cast<Ident*>(l)->obj) static_cast<Ident*>(l)->obj->used = true;
    return;
  }
  if (rhs.size() != 1) {
    for (Expr* r : rhs) multi_expr(r);
    assign_mismatch(lhs.size(), rhs, pos);
    return;
  }
  std::vector<const Type*> vt;
  if (!unpack_rhs(rhs, lhs.size(), pos, false, &vt)) return;
  for (size_t i = 0; i < lhs.size(); i++) {
    if (!lt[i] || lt[i]->kind == Kind::Invalid) continue;
    const Type* v = vt[i]->is_untyped() ? default_type(vt[i]) : vt[i];
    if (vt[i]->kind == Kind::UntypedBool && lt[i]->is_boolean()) v = lt[i];
    if (!assignable(v, lt[i]))
      error(rhs[0]->pos, "cannot use " + expr_str(rhs[0]) + " (value of type " + type_str(v) + ") as " +
                             type_str(lt[i]) + " value in assignment");
  }
}

// Initialises `lhs` (types set: declared; nullptr: inferred) from `rhs`.
// As types2's initVars, a failed initialisation marks every variable of
// the declaration used: x := undefined reports no "declared and not used".
void Checker::init_vars(std::vector<Object*>& lhs, std::vector<Expr*>& rhs, Pos pos,
                        const char* context) {
  auto set_invalid = [&] {
    for (Object* o : lhs) {
      if (!o->type) o->type = types().invalid();
      o->used = true;
    }
  };
  if (lhs.size() == rhs.size()) {
    bool ok = true;
    for (size_t i = 0; i < lhs.size(); i++) {
      Object* o = lhs[i];
      if (!single_rhs(rhs[i], lhs.size())) {
        if (!o->type) o->type = types().invalid();
        ok = false;
        continue;
      }
      if (o->type) {
        ok &= assignment(rhs[i], o->type, context);
        continue;
      }
      if (!assignment(rhs[i], nullptr, context)) {
        o->type = types().invalid();
        ok = false;
        continue;
      }
      o->type = rhs[i]->type;
    }
    if (!ok) set_invalid();
    return;
  }
  if (rhs.size() != 1) {
    for (Expr* r : rhs) multi_expr(r);
    assign_mismatch(lhs.size(), rhs, rhs.empty() ? pos : rhs[0]->pos);
    set_invalid();
    return;
  }
  std::vector<const Type*> vt;
  if (!unpack_rhs(rhs, lhs.size(), pos, true, &vt)) {
    set_invalid();
    return;
  }
  for (size_t i = 0; i < lhs.size(); i++) {
    Object* o = lhs[i];
    const Type* v = vt[i]->is_untyped() ? default_type(vt[i]) : vt[i];
    if (o->type) {
      if (vt[i]->kind == Kind::UntypedBool && o->type->is_boolean()) continue;
      if (!assignable(v, o->type))
        error(rhs[0]->pos, "cannot use " + expr_str(rhs[0]) + " (value of type " + type_str(v) + ") as " +
                               type_str(o->type) + " value in " + context);
      continue;
    }
    o->type = v;
  }
}

void Checker::short_var_decl(AssignStmt* s) {
  std::vector<Object*> objs;       // one per lhs: new object, existing var, or nullptr
  std::vector<Object*> new_objs;
  std::vector<Ident*> new_ids;
  std::set<std::string> seen;
  s->is_new.assign(s->lhs.size(), false);
  bool bad = false;
  for (size_t i = 0; i < s->lhs.size(); i++) {
    Expr* l = s->lhs[i];
    if (!l || l->kind != NodeKind::Ident) {
      error(l ? l->pos : s->pos, "non-name " + expr_str(l) + " on left side of :=");
      if (l) expr(l);  // as Go's useLHS: the variables in it are used
      objs.push_back(nullptr);
      bad = true;
      continue;
    }
    auto* id = static_cast<Ident*>(l);
    if (id->name != "_" && !seen.insert(id->name).second) {
      error(id->pos, id->name + " repeated on left side of :=");
      objs.push_back(nullptr);
      bad = true;
      continue;
    }
    Object* existing = id->name == "_" ? nullptr : scope_->lookup_local(id->name);
    if (existing) {
      id->obj = existing;
      if (existing->kind != ObjKind::Var) {
        error(id->pos, "cannot assign to " + id->name);
        objs.push_back(nullptr);
        continue;
      }
      objs.push_back(existing);
      id->mode = Mode::Variable;
      id->type = existing->type;
      continue;
    }
    Object* o = new_object(ObjKind::Var, id);
    o->owner = fn_;
    if (id->name == "_") {
      id->obj = nullptr;
      o->used = true;
    } else {
      s->is_new[i] = true;
      new_objs.push_back(o);
      new_ids.push_back(id);
    }
    objs.push_back(o);
  }
  if (new_objs.empty() && !bad) error(s->tok_pos.valid() ? s->tok_pos : s->pos, "no new variables on left side of :=");
  // Existing variables keep their types; new ones are inferred.
  std::vector<Object*> targets;
  std::vector<const Type*> saved;
  for (size_t i = 0; i < objs.size(); i++) {
    Object* o = objs[i];
    if (!o) {
      o = make<Object>();
      o->kind = ObjKind::Var;
      o->type = types().invalid();
    }
    targets.push_back(o);
  }
  // init_vars infers types for objects without one (the new ones).
  for (size_t i = 0; i < targets.size(); i++)
    if (s->is_new[i] || (objs[i] && objs[i]->name == "_" && !objs[i]->type)) targets[i]->type = nullptr;
  init_vars(targets, s->rhs, s->pos, "assignment");
  for (size_t i = 0; i < s->lhs.size(); i++)
    if (s->lhs[i] && s->lhs[i]->kind == NodeKind::Ident && targets[i]->type) {
      s->lhs[i]->type = targets[i]->type;
      s->lhs[i]->mode = Mode::Variable;
    }
  for (size_t i = 0; i < new_objs.size(); i++) declare(scope_, new_ids[i], new_objs[i]);
}

void Checker::assign_stmt(AssignStmt* s) {
  switch (s->tok) {
    case AssignTok::Define: short_var_decl(s); return;
    case AssignTok::Assign: assign_vars(s->lhs, s->rhs, s->pos); return;
    case AssignTok::OpAssign: {
      if (s->lhs.size() != 1 || s->rhs.size() != 1) {
        error(s->pos, std::string("assignment operation ") + " requires single-valued expressions");
        return;
      }
      // x op= y is checked as the binary operation x op y assigned to x.
      auto* bin = make<BinaryExpr>(s->lhs[0]->pos, s->op, s->tok_pos, s->lhs[0], s->rhs[0]);
      binary(bin);
      if (!is_valid(bin)) return;
      Expr* x = s->lhs[0];
      if (x->mode != Mode::Variable && x->mode != Mode::MapIndex) {
        if (x->kind == NodeKind::SelectorExpr && static_cast<SelectorExpr*>(x)->x->mode == Mode::MapIndex)
          error(x->pos, "cannot assign to struct field " + expr_str(x) + " in map");
        else
          error(x->pos, "cannot assign to " + expr_str(x) + " (neither addressable nor a map index expression)");
        return;
      }
      assignment(bin, x->type, "assignment");
      // The rhs's final type is the lhs type (or uint for shift counts).
      if (s->rhs[0]->type && s->rhs[0]->type->is_untyped()) default_untyped(s->rhs[0]);
      return;
    }
  }
}

// ---------------------------------------------------------------- control flow

static void check_cond(Checker& c, Expr* cond, const char* what) {
  c.expr(cond);
  if (!c.is_valid(cond)) return;
  if (!cond->type->is_boolean()) {
    c.error(cond->pos, std::string("non-boolean condition in ") + what + " statement");
    return;
  }
  c.default_untyped(cond);
}

void Checker::if_stmt(IfStmt* s, BranchCtx ctx) {
  open_scope();
  stmt(s->init, ctx);
  if (s->cond) check_cond(*this, s->cond, "if");
  block(s->body, ctx);
  stmt(s->else_, ctx);
  close_scope();
}

void Checker::for_stmt(ForStmt* s, BranchCtx ctx) {
  open_scope();
  stmt(s->init, ctx);
  if (s->cond) check_cond(*this, s->cond, "for");
  if (s->post && s->post->kind == NodeKind::AssignStmt &&
      static_cast<AssignStmt*>(s->post)->tok == AssignTok::Define)
    error(s->post->pos, "cannot declare in post statement of for loop");
  else
    stmt(s->post, ctx);
  BranchCtx body = ctx;
  body.breakable = s;
  body.loop = s;
  block(s->body, body);
  close_scope();
}

void Checker::range_stmt(RangeStmt* s, BranchCtx ctx) {
  open_scope();
  expr(s->x);
  const Type* kt = nullptr;
  const Type* vt = nullptr;
  Expr* x = s->x;
  bool ok = is_valid(x);
  bool one_var = false;
  if (ok) {
    if (x->type->is_untyped()) default_untyped(x);
    const Type* u = x->type->underlying();
    if (u->kind == Kind::Pointer && u->elem->ukind() == Kind::Array) u = u->elem->underlying();
    switch (u->kind) {
      case Kind::String: kt = types().Int(); vt = types().Rune(); break;
      case Kind::Array: case Kind::Slice: kt = types().Int(); vt = u->elem; break;
      case Kind::Map: kt = u->key; vt = u->elem; break;
      case Kind::Chan:
        kt = u->elem;
        one_var = true;
        if (u->dir == ChanDir::Send) {
          error(x->pos, "cannot range over " + operand_string(x) + ": receive from send-only channel");
          ok = false;
        }
        break;
      case Kind::Func:
        error(x->pos, "range over functions is not supported by mgo");
        ok = false;
        break;
      default:
        if (u->is_integer()) {
          kt = x->type;
          one_var = true;
        } else {
          error(x->pos, "cannot range over " + operand_string(x));
          ok = false;
        }
    }
    if (ok && one_var && s->value) {
      error(s->value->pos, "range over " + operand_string(x) + " permits only one iteration variable");
      ok = false;
    }
  }
  Expr* vars[2] = {s->key, s->value};
  const Type* vtypes[2] = {kt, vt};
  if (s->tok == AssignTok::Define) {
    std::vector<std::pair<Ident*, Object*>> decls;
    for (int i = 0; i < 2; i++) {
      Expr* v = vars[i];
      if (!v) continue;
      if (v->kind != NodeKind::Ident) {
        error(v->pos, "non-name " + expr_str(v) + " on left side of :=");
        continue;
      }
      auto* id = static_cast<Ident*>(v);
      Object* o = new_object(ObjKind::Var, id);
      o->owner = fn_;
      o->type = ok && vtypes[i] ? vtypes[i] : types().invalid();
      id->mode = Mode::Variable;
      id->type = o->type;
      if (id->name == "_") {
        id->obj = nullptr;
        continue;
      }
      decls.push_back({id, o});
    }
    for (auto& [id, o] : decls) declare(scope_, id, o);
  } else {
    for (int i = 0; i < 2; i++) {
      Expr* v = vars[i];
      if (!v) continue;
      const Type* lt = assign_lhs(v);
      if (!ok || !lt || lt->kind == Kind::Invalid || !vtypes[i]) continue;
      if (!assignable(vtypes[i], lt))
        error(v->pos, "cannot use " + expr_str(v) + " (value of type " + type_str(vtypes[i]) + ") as " +
                          type_str(lt) + " value in range clause");
    }
  }
  BranchCtx body = ctx;
  body.breakable = s;
  body.loop = s;
  block(s->body, body);
  close_scope();
}

void Checker::switch_stmt(SwitchStmt* s, BranchCtx ctx) {
  open_scope();
  stmt(s->init, ctx);
  Expr* tag = s->tag;
  if (tag) {
    expr(tag);
    default_untyped(tag);
    if (is_valid(tag) && !tag->type->comparable() && tag->type->kind != Kind::UntypedNil) {
      error(tag->pos, "cannot switch on " + operand_string(tag));
      invalidate(tag);
    }
  }
  std::vector<std::pair<std::string, Pos>> seen;
  Pos first_default;
  std::vector<Stmt*> empty;
  std::vector<Stmt*>& clauses = s->body ? s->body->list : empty;
  for (size_t ci = 0; ci < clauses.size(); ci++) {
    if (!clauses[ci] || clauses[ci]->kind != NodeKind::CaseClause) continue;
    auto* cc = static_cast<CaseClause*>(clauses[ci]);
    if (cc->is_default) multiple_defaults(cc->pos, first_default);
    for (Expr* x : cc->list) {
      expr(x);
      if (!is_valid(x)) continue;
      if (!tag) {
        if (!x->type->is_boolean()) {
          error(x->pos, "invalid case " + expr_str(x) + " in switch (mismatched types " + type_str(x->type) + " and bool)");
          continue;
        }
        default_untyped(x);
      } else if (is_valid(tag)) {
        bool matched = match_types(x, tag);
        if (!is_valid(x)) continue;
        if (!matched && x->type->is_untyped() && tag->type->is_interface()) {
          default_untyped(x);
          matched = true;
        }
        if (!matched || !(assignable(x->type, tag->type) || assignable(tag->type, x->type))) {
          error(x->pos, "invalid case " + expr_str(x) + " in switch on " + expr_str(tag) +
                            " (mismatched types " + type_str(x->type) + " and " + type_str(tag->type) + ")");
          continue;
        }
        if (x->type->is_untyped()) default_untyped(x);
      }
      if (x->mode == Mode::Constant) {
        std::string key = const_string(*x->cval) + "/" + x->type->str();
        auto it = std::find_if(seen.begin(), seen.end(), [&](auto& p) { return p.first == key; });
        if (it != seen.end()) {
          // types2 prints the case as an operand: "1 (constant of type int)".
          error(x->pos, "duplicate case " + operand_string(x) + " in expression switch\n\t" +
                            pos_string(it->second) + ": previous case");
          continue;
        }
        seen.push_back({key, x->pos});
      }
    }
    BranchCtx body = ctx;
    body.breakable = s;
    body.fallthrough_ok = ci + 1 < clauses.size();
    open_scope();
    stmt_list(cc->body, body);
    close_scope();
  }
  close_scope();
}

void Checker::type_switch_stmt(TypeSwitchStmt* s, BranchCtx ctx) {
  open_scope();
  stmt(s->init, ctx);
  Ident* lhs = nullptr;
  TypeAssertExpr* ta = nullptr;
  if (s->assign && s->assign->kind == NodeKind::AssignStmt) {
    auto* as = static_cast<AssignStmt*>(s->assign);
    if (!as->lhs.empty() && as->lhs[0]->kind == NodeKind::Ident) lhs = static_cast<Ident*>(as->lhs[0]);
    if (!as->rhs.empty() && as->rhs[0]->kind == NodeKind::TypeAssertExpr)
      ta = static_cast<TypeAssertExpr*>(as->rhs[0]);
    as->is_new.assign(as->lhs.size(), false);
  } else if (s->assign && s->assign->kind == NodeKind::ExprStmt) {
    Expr* x = static_cast<ExprStmt*>(s->assign)->x;
    if (x && x->kind == NodeKind::TypeAssertExpr) ta = static_cast<TypeAssertExpr*>(x);
  }
  if (lhs && lhs->name == "_") {
    error(lhs->pos, "no new variable on left side of :=");
    lhs = nullptr;
  }
  const Type* xt = nullptr;
  if (ta) {
    expr(ta->x);
    if (is_valid(ta->x)) {
      if (!ta->x->type->is_interface()) {
        error(ta->x->pos, operand_string(ta->x) + " is not an interface");
      } else {
        xt = ta->x->type;
        ta->mode = Mode::Value;
        ta->type = xt;
      }
    }
  }
  bool any_used = false;
  std::vector<std::pair<const Type*, Pos>> seen;
  Pos first_nil, first_default;
  std::vector<Stmt*> empty;
  std::vector<Stmt*>& clauses = s->body ? s->body->list : empty;
  for (Stmt* st : clauses) {
    if (!st || st->kind != NodeKind::CaseClause) continue;
    auto* cc = static_cast<CaseClause*>(st);
    if (cc->is_default) multiple_defaults(cc->pos, first_default);
    const Type* single = nullptr;
    for (Expr* x : cc->list) {
      if (x->kind == NodeKind::Ident && static_cast<Ident*>(x)->name == "nil" &&
          scope_->lookup("nil") == universe()->lookup("nil")) {
        x->mode = Mode::Value;
        x->type = types().UntypedNil();
        static_cast<Ident*>(x)->obj = universe()->lookup("nil");
        if (first_nil.valid())
          error(x->pos, "duplicate case nil in type switch\n\t" + pos_string(first_nil) + ": previous case");
        else
          first_nil = x->pos;
        single = cc->list.size() == 1 ? nullptr : nullptr;
        continue;
      }
      const Type* t = type_expr(x);
      if (t->kind == Kind::Invalid) continue;
      if (xt && !t->is_interface()) {
        std::string why;
        if (!implements(t, xt, &why)) {
          error(x->pos, "impossible type switch case: " + expr_str(ta->x) + " (" +
                            (ta->x->mode == Mode::Variable ? "variable" : "value") + " of type " + type_str(xt) +
                            ") cannot have dynamic type " + type_str(t) + " (" + why + ")");
          continue;
        }
      }
      auto prev = std::find_if(seen.begin(), seen.end(), [&](auto& u) { return identical(u.first, t); });
      if (prev != seen.end())
        error(x->pos, "duplicate case " + type_str(t) + " in type switch\n\t" + pos_string(prev->second) +
                          ": previous case");
      seen.push_back({t, x->pos});
      if (cc->list.size() == 1) single = t;
    }
    open_scope();
    Object* implicit = nullptr;
    if (lhs) {
      implicit = make<Object>();
      implicit->kind = ObjKind::Var;
      implicit->name = lhs->name;
      implicit->pos = lhs->pos;
      implicit->pkg = pkg_;
      implicit->owner = fn_;
      implicit->type = single ? single : (xt ? xt : types().invalid());
      scope_->names[lhs->name] = implicit;
      cc->implicit = implicit;
    }
    BranchCtx body = ctx;
    body.breakable = s;
    stmt_list(cc->body, body);
    if (implicit) {
      any_used = any_used || implicit->used;
      implicit->used = true;  // reported once for the switch, below
    }
    close_scope();
  }
  if (lhs && !any_used) error(lhs->pos, "declared and not used: " + lhs->name);
  close_scope();
}

// Go's "multiple defaults (first at file:line:col)", for switches and selects.
void Checker::multiple_defaults(Pos pos, Pos& first) {
  if (first.valid()) error(pos, "multiple defaults (first at " + pos_string(first) + ")");
  else first = pos;
}

void Checker::select_stmt(SelectStmt* s, BranchCtx ctx) {
  Pos first_default;
  std::vector<Stmt*> empty;
  std::vector<Stmt*>& clauses = s->body ? s->body->list : empty;
  for (Stmt* st : clauses) {
    if (!st || st->kind != NodeKind::CommClause) continue;
    auto* cc = static_cast<CommClause*>(st);
    open_scope();
    if (!cc->comm) {
      multiple_defaults(cc->pos, first_default);
    } else {
      // The communication must be a send or a receive.
      Stmt* c = cc->comm;
      Expr* recv = nullptr;
      if (c->kind == NodeKind::ExprStmt) recv = static_cast<ExprStmt*>(c)->x;
      else if (c->kind == NodeKind::AssignStmt && static_cast<AssignStmt*>(c)->rhs.size() == 1)
        recv = static_cast<AssignStmt*>(c)->rhs[0];
      Expr* r = recv;
      while (r && r->kind == NodeKind::ParenExpr) r = static_cast<ParenExpr*>(r)->x;
      bool is_recv = r && r->kind == NodeKind::UnaryExpr && static_cast<UnaryExpr*>(r)->op == Op::Arrow;
      if (c->kind != NodeKind::SendStmt && !is_recv) {
        // Go checks nothing more of this clause, body included.
        error(c->pos, "select case must be send or receive (possibly with assignment)");
        close_scope();
        continue;
      }
      stmt(c, ctx);
    }
    BranchCtx body = ctx;
    body.breakable = s;
    stmt_list(cc->body, body);
    close_scope();
  }
}

// ---------------------------------------------------------------- branches and labels

static void collect_labels(Stmt* s, std::vector<LabeledStmt*>& out) {
  if (!s) return;
  check_nesting(s->pos);
  switch (s->kind) {
    case NodeKind::LabeledStmt:
      out.push_back(static_cast<LabeledStmt*>(s));
      collect_labels(static_cast<LabeledStmt*>(s)->stmt, out);
      return;
    case NodeKind::BlockStmt:
      for (Stmt* x : static_cast<BlockStmt*>(s)->list) collect_labels(x, out);
      return;
    case NodeKind::IfStmt:
      collect_labels(static_cast<IfStmt*>(s)->body, out);
      collect_labels(static_cast<IfStmt*>(s)->else_, out);
      return;
    case NodeKind::ForStmt: collect_labels(static_cast<ForStmt*>(s)->body, out); return;
    case NodeKind::RangeStmt: collect_labels(static_cast<RangeStmt*>(s)->body, out); return;
    case NodeKind::SwitchStmt: collect_labels(static_cast<SwitchStmt*>(s)->body, out); return;
    case NodeKind::TypeSwitchStmt: collect_labels(static_cast<TypeSwitchStmt*>(s)->body, out); return;
    case NodeKind::SelectStmt: collect_labels(static_cast<SelectStmt*>(s)->body, out); return;
    case NodeKind::CaseClause:
      for (Stmt* x : static_cast<CaseClause*>(s)->body) collect_labels(x, out);
      return;
    case NodeKind::CommClause:
      for (Stmt* x : static_cast<CommClause*>(s)->body) collect_labels(x, out);
      return;
    default: return;
  }
}

void Checker::labels(BlockStmt* body) {
  std::vector<LabeledStmt*> all;
  collect_labels(body, all);
  for (LabeledStmt* l : all) {
    if (!l->label || l->label->name == "_") continue;
    if (labels_.count(l->label->name)) {
      error(l->label->pos, "label " + l->label->name + " already defined");
      continue;
    }
    labels_[l->label->name] = l;
  }
}

static Ident* stmt_label(Stmt* s) {
  switch (s->kind) {
    case NodeKind::ForStmt: return static_cast<ForStmt*>(s)->label;
    case NodeKind::RangeStmt: return static_cast<RangeStmt*>(s)->label;
    case NodeKind::SwitchStmt: return static_cast<SwitchStmt*>(s)->label;
    case NodeKind::TypeSwitchStmt: return static_cast<TypeSwitchStmt*>(s)->label;
    case NodeKind::SelectStmt: return static_cast<SelectStmt*>(s)->label;
    default: return nullptr;
  }
}

void Checker::branch_stmt(BranchStmt* s, BranchCtx ctx) {
  switch (s->tok) {
    case BranchTok::Goto:
      error(s->pos, "goto is not supported by mgo");
      if (s->label) used_labels_.insert(s->label->name);
      return;
    case BranchTok::Fallthrough:
      if (!ctx.fallthrough_ok) {
        if (ctx.breakable && ctx.breakable->kind == NodeKind::TypeSwitchStmt)
          error(s->pos, "cannot fallthrough in type switch");
        else
          error(s->pos, "fallthrough statement out of place");
      }
      return;
    case BranchTok::Break: case BranchTok::Continue: break;
  }
  bool is_break = s->tok == BranchTok::Break;
  if (!s->label) {
    Stmt* t = is_break ? ctx.breakable : ctx.loop;
    if (!t) {
      error(s->pos, is_break ? "break is not in a loop, switch, or select" : "continue is not in a loop");
      return;
    }
    s->target = t;
    return;
  }
  const std::string& name = s->label->name;
  auto it = labels_.find(name);
  if (it == labels_.end()) {
    error(s->label->pos, std::string(is_break ? "break" : "continue") + " label not defined: " + name);
    return;
  }
  used_labels_.insert(name);
  Stmt* target = it->second->stmt;
  // The label must belong to an enclosing statement: one of the ctx chain.
  // We approximate "enclosing" by requiring the labelled statement to be the
  // current loop/breakable or to contain this branch (checked by position).
  bool ok_kind = target && (is_break ? (target->kind == NodeKind::ForStmt || target->kind == NodeKind::RangeStmt ||
                                        target->kind == NodeKind::SwitchStmt || target->kind == NodeKind::TypeSwitchStmt ||
                                        target->kind == NodeKind::SelectStmt)
                                     : (target->kind == NodeKind::ForStmt || target->kind == NodeKind::RangeStmt));
  Ident* l = ok_kind ? stmt_label(target) : nullptr;
  bool encloses = ok_kind && (l == nullptr || l->name == name);
  if (encloses && target) {
    // target must start before the branch (it encloses it).
    encloses = target->pos.line < s->pos.line ||
               (target->pos.line == s->pos.line && target->pos.col < s->pos.col);
  }
  if (!encloses) {
    error(s->label->pos, std::string("invalid ") + (is_break ? "break" : "continue") + " label " + name);
    return;
  }
  s->target = target;
}

void Checker::return_stmt(ReturnStmt* s) {
  if (!fn_sig_ || fn_sig_->kind != Kind::Func) {
    for (Expr* r : s->results) multi_expr(r);
    return;
  }
  const auto& want = fn_sig_->results;
  if (s->results.empty()) {
    if (!want.empty() && !(fn_ && fn_->named_results)) {
      error(s->pos, "not enough return values\n\thave ()\n\twant " + [&] {
        std::string w = "(";
        for (size_t i = 0; i < want.size(); i++) w += (i ? ", " : "") + type_str(want[i]);
        return w + ")";
      }());
    }
    return;
  }
  std::vector<const Type*> have;
  bool spread = false;
  if (s->results.size() == 1 && want.size() != 1) {
    multi_expr(s->results[0]);
    if (!is_valid(s->results[0])) return;
    if (s->results[0]->type->kind == Kind::Tuple) {
      have = s->results[0]->type->results;
      spread = true;
    } else {
      have.push_back(s->results[0]->type);
    }
  } else {
    bool ok = true;
    for (Expr* r : s->results) {
      expr(r);
      if (!is_valid(r)) ok = false;
      have.push_back(r->type);
    }
    if (!ok) return;
  }
  if (have.size() != want.size()) {
    auto sum = [&](const std::vector<const Type*>& ts) {
      std::string w = "(";
      for (size_t i = 0; i < ts.size(); i++) {
        if (i) w += ", ";
        w += ts[i]->is_untyped() ? (ts[i]->is_numeric() ? "number" : type_str(ts[i]).substr(8)) : type_str(ts[i]);
      }
      return w + ")";
    };
    // types2's returnError: at the first extra value, or else at the last one.
    Pos at = spread ? s->results[0]->pos
                    : s->results[have.size() > want.size() ? want.size() : s->results.size() - 1]->pos;
    error(at, std::string(have.size() < want.size() ? "not enough" : "too many") + " return values\n\thave " +
                  sum(have) + "\n\twant " + sum(want));
    return;
  }
  if (spread) {
    for (size_t i = 0; i < want.size(); i++)
      if (!assignable(have[i], want[i]))
        error(s->results[0]->pos, "cannot use " + expr_str(s->results[0]) + " (value of type " +
                                      type_str(have[i]) + ") as " + type_str(want[i]) + " value in return statement");
    return;
  }
  for (size_t i = 0; i < want.size(); i++) assignment(s->results[i], want[i], "return statement");
}

// ---------------------------------------------------------------- terminating statements

bool Checker::has_break_list(const std::vector<Stmt*>& list, Stmt* target, bool implicit) {
  for (Stmt* s : list)
    if (has_break(s, target, implicit)) return true;
  return false;
}

// Is there a break referring to `target` inside s?
bool Checker::has_break(Stmt* s, Stmt* target, bool implicit) {
  if (!s) return false;
  switch (s->kind) {
    case NodeKind::BranchStmt: {
      auto* b = static_cast<BranchStmt*>(s);
      return b->tok == BranchTok::Break && b->target == target;
    }
    case NodeKind::LabeledStmt: return has_break(static_cast<LabeledStmt*>(s)->stmt, target, implicit);
    case NodeKind::BlockStmt: return has_break_list(static_cast<BlockStmt*>(s)->list, target, implicit);
    case NodeKind::IfStmt: {
      auto* i = static_cast<IfStmt*>(s);
      return has_break(i->body, target, implicit) || has_break(i->else_, target, implicit);
    }
    case NodeKind::CaseClause: return has_break_list(static_cast<CaseClause*>(s)->body, target, implicit);
    case NodeKind::CommClause: return has_break_list(static_cast<CommClause*>(s)->body, target, implicit);
    case NodeKind::ForStmt: return has_break(static_cast<ForStmt*>(s)->body, target, implicit);
    case NodeKind::RangeStmt: return has_break(static_cast<RangeStmt*>(s)->body, target, implicit);
    case NodeKind::SwitchStmt: return has_break(static_cast<SwitchStmt*>(s)->body, target, implicit);
    case NodeKind::TypeSwitchStmt: return has_break(static_cast<TypeSwitchStmt*>(s)->body, target, implicit);
    case NodeKind::SelectStmt: return has_break(static_cast<SelectStmt*>(s)->body, target, implicit);
    default: return false;
  }
}

bool Checker::is_terminating_list(const std::vector<Stmt*>& list) {
  for (size_t i = list.size(); i > 0; i--) {
    Stmt* s = list[i - 1];
    if (s && s->kind == NodeKind::EmptyStmt) continue;
    return is_terminating(s, nullptr);
  }
  return false;
}

static bool clause_terminates(Checker& c, const std::vector<Stmt*>& body) {
  size_t n = body.size();
  while (n > 0 && body[n - 1] && body[n - 1]->kind == NodeKind::EmptyStmt) n--;
  if (n > 0 && body[n - 1] && body[n - 1]->kind == NodeKind::BranchStmt &&
      static_cast<BranchStmt*>(body[n - 1])->tok == BranchTok::Fallthrough)
    return true;
  return c.is_terminating_list(body);
}

bool Checker::is_terminating(Stmt* s, Ident* label) {
  if (!s) return false;
  switch (s->kind) {
    case NodeKind::ReturnStmt: return true;
    case NodeKind::BranchStmt: {
      auto t = static_cast<BranchStmt*>(s)->tok;
      return t == BranchTok::Goto || t == BranchTok::Fallthrough;
    }
    case NodeKind::ExprStmt: {
      Expr* x = static_cast<ExprStmt*>(s)->x;
      while (x && x->kind == NodeKind::ParenExpr) x = static_cast<ParenExpr*>(x)->x;
      return x && x->kind == NodeKind::CallExpr && static_cast<CallExpr*>(x)->builtin == Builtin::Panic;
    }
    case NodeKind::BlockStmt: return is_terminating_list(static_cast<BlockStmt*>(s)->list);
    case NodeKind::LabeledStmt: return is_terminating(static_cast<LabeledStmt*>(s)->stmt, static_cast<LabeledStmt*>(s)->label);
    case NodeKind::IfStmt: {
      auto* i = static_cast<IfStmt*>(s);
      return i->else_ && is_terminating(i->body, nullptr) && is_terminating(i->else_, nullptr);
    }
    case NodeKind::ForStmt: {
      auto* f = static_cast<ForStmt*>(s);
      return !f->cond && !has_break(f->body, s, true);
    }
    case NodeKind::SwitchStmt: case NodeKind::TypeSwitchStmt: {
      BlockStmt* body = s->kind == NodeKind::SwitchStmt ? static_cast<SwitchStmt*>(s)->body
                                                        : static_cast<TypeSwitchStmt*>(s)->body;
      if (!body) return false;
      bool has_default = false;
      for (Stmt* c : body->list) {
        if (!c || c->kind != NodeKind::CaseClause) return false;
        auto* cc = static_cast<CaseClause*>(c);
        if (cc->is_default) has_default = true;
        if (!clause_terminates(*this, cc->body) || has_break_list(cc->body, s, true)) return false;
      }
      return has_default;
    }
    case NodeKind::SelectStmt: {
      auto* sel = static_cast<SelectStmt*>(s);
      if (!sel->body) return false;
      for (Stmt* c : sel->body->list) {
        if (!c || c->kind != NodeKind::CommClause) return false;
        auto* cc = static_cast<CommClause*>(c);
        if (!is_terminating_list(cc->body) || has_break_list(cc->body, s, true)) return false;
      }
      return true;
    }
    default: return false;
  }
}

}  // namespace mgo

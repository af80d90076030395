// parse_file, and the parts of parsing that are easier in C++ than in the
// grammar: resolving parameter lists, telling type switches from
// expression switches, header checks, and syntax errors in Go's words.
#include "lang/parse.h"

#include <algorithm>
#include <new>

#include "lang/ast_dump.h"
#include "lang/decl_index.h"
#include "lang/nesting.h"
#include "lang/parse_state.h"
#include "parser.hpp"
#include "parser_fast.hpp"

namespace mgo {

ParseState::ParseState(const std::string& fname, std::string_view src, Diagnostics& d, File* f,
                       int line)
    : filename(fname),
      diags(d),
      file(f),
      lexer(src, [this](Pos p, std::string msg) { error(p, std::move(msg)); }, line),
      errors_before(d.count()) {}

std::string literal_text(const Token& t) {
  std::string_view s = t.text;
  if (s.size() >= 2) s = s.substr(1, s.size() - 2);
  return std::string(s);
}

Expr* ParseState::basic_lit(const Token& t) {
  LitKind k = LitKind::Int;
  switch (t.tok) {
    case Tok::Float: k = LitKind::Float; break;
    case Tok::Imag: k = LitKind::Imag; break;
    case Tok::Char: k = LitKind::Char; break;
    case Tok::String: k = LitKind::String; break;
    default: break;
  }
  std::string raw(t.text);
  // Go drops carriage returns from raw strings (spec: "Carriage return
  // characters ('\r') inside raw string literals are discarded").
  if (!raw.empty() && raw[0] == '`') raw.erase(std::remove(raw.begin(), raw.end(), '\r'), raw.end());
  return make<BasicLit>(t.pos, k, std::move(raw));
}

// `<-chan T` in an expression arrives as a receive from the type `chan T`:
// re-associate it as Go's parser does (unaryExpr in syntax/parser.go).
Expr* ParseState::unary(const Token& op, Expr* x) {
  if (op.op != Op::Arrow || x->kind != NodeKind::ChanType) {
    return make<UnaryExpr>(op.pos, op.op, x);
  }
  ChanDir dir = ChanDir::Send;
  Expr* t = x;
  while (dir == ChanDir::Send && t->kind == NodeKind::ChanType) {
    auto* c = static_cast<ChanType*>(t);
    dir = c->dir;
    if (dir == ChanDir::Recv) syntax(op.pos, "syntax error: unexpected <-, expected chan");
    c->dir = ChanDir::Recv;
    t = c->value;
  }
  if (dir == ChanDir::Send) syntax(op.pos, "syntax error: unexpected <-, expected chan");
  x->pos = op.pos;
  return x;
}

// Resolves `(a, b int, c string)` vs `(int, string)`: if any entry has a
// name, every entry without one must be a lone name taking the type of the
// next named entry (Go's parser.paramList).
FieldList ParseState::param_list(Pos open, std::vector<ParamEntry>& entries, Pos close) {
  FieldList l;
  l.opening = open;
  l.closing = close;
  l.list.reserve(entries.size());
  bool named = std::any_of(entries.begin(), entries.end(), [](auto& e) { return e.name; });
  if (!named) {
    for (auto& e : entries) l.list.push_back(make<Field>(e.pos, e.type));
    return l;
  }
  Expr* typ = nullptr;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->name) {
      typ = it->type;
    } else if (it->type->kind == NodeKind::Ident && typ) {
      it->name = static_cast<Ident*>(it->type);
      it->type = typ;
    } else {
      syntax(it->pos, "syntax error: mixed named and unnamed parameters");
      it->name = make<Ident>(it->pos, "_");
      if (!typ) typ = it->type;
      it->type = typ;
    }
  }
  for (auto& e : entries) {
    if (!l.list.empty() && l.list.back()->type == e.type) {
      l.list.back()->names.push_back(e.name);
      continue;
    }
    Field* f = make<Field>(e.pos, e.type);
    f->names.push_back(e.name);
    l.list.push_back(f);
  }
  return l;
}

Expr* ParseState::complit(Expr* type, const Token& lbrace, std::vector<Expr*>& elts,
                          const Token& rbrace) {
  if (type && lbrace.tok == Tok::LBrace) {
    // Only a type name (possibly parenthesized) may precede a plain "{";
    // Go's parser would have ended the expression before it.
    Expr* t = type;
    while (t->kind == NodeKind::ParenExpr) t = static_cast<ParenExpr*>(t)->x;
    bool ok = t->kind == NodeKind::Ident || t->kind == NodeKind::SelectorExpr ||
              t->kind == NodeKind::ArrayType || t->kind == NodeKind::MapType ||
              t->kind == NodeKind::StructType;
    if (!ok) syntax(lbrace.pos, "syntax error: unexpected { at end of statement");
  }
  auto* c = make<CompositeLit>(type ? type->pos : lbrace.pos, type);
  c->elts = std::move(elts);
  c->lbrace = lbrace.pos;
  c->rbrace = rbrace.pos;
  return c;
}

Expr* ParseState::slice3(Pos pos, Expr* x, Expr* lo, Expr* hi, const Token& colon2, Expr* max,
                         const Token& rbrack) {
  auto* s = make<SliceExpr>(pos, x);
  s->low = lo;
  s->high = hi;
  s->max = max;
  s->slice3 = true;
  if (!hi) {
    error(colon2.pos, "middle index required in 3-index slice");
  } else if (!max) {
    error(rbrack.pos, "final index required in 3-index slice");
  }
  return s;
}

Stmt* ParseState::assign(std::vector<Expr*>& lhs, const Token& tok, AssignTok kind,
                         std::vector<Expr*>& rhs) {
  auto* a = make<AssignStmt>(lhs.front()->pos, kind);
  a->lhs = std::move(lhs);
  a->rhs = std::move(rhs);
  a->tok_pos = tok.pos;
  if (kind == AssignTok::OpAssign) a->op = tok.op;
  return a;
}

CallExpr* ParseState::call_stmt(Expr* x, const char* what) {
  if (x->kind == NodeKind::CallExpr) return static_cast<CallExpr*>(x);
  if (x->kind == NodeKind::ParenExpr)
    error(x->pos, std::string("expression in ") + what + " must not be parenthesized");
  auto* c = make<CallExpr>(x->pos, x);
  c->not_a_call = true;
  return c;
}

// The position Go gives a simple statement in "cannot use ... as value".
static Pos simple_stmt_pos(const Stmt* s) {
  if (s->kind == NodeKind::AssignStmt) return static_cast<const AssignStmt*>(s)->tok_pos;
  if (s->kind == NodeKind::IncDecStmt) return static_cast<const IncDecStmt*>(s)->op_pos;
  return s->pos;
}

Expr* ParseState::if_cond(const Token& kw, Stmt* init, const Token* semi, Stmt* s,
                          BlockStmt* body) {
  if (!s) {
    if (semi && semi->text == "newline") {
      syntax(semi->pos, "syntax error: unexpected newline, expected { after if clause");
    } else {
      syntax(body->pos, "syntax error: missing condition in if statement");
    }
    return make<BadExpr>(body->pos);
  }
  if (s->kind != NodeKind::ExprStmt) {
    syntax(simple_stmt_pos(s), "syntax error: cannot use " + stmt_string(s) + " as value");
    return make<BadExpr>(s->pos);
  }
  return static_cast<ExprStmt*>(s)->x;
}

Expr* ParseState::for_cond(const Token& kw, Stmt* s) {
  if (!s) return nullptr;
  if (s->kind != NodeKind::ExprStmt) {
    syntax(simple_stmt_pos(s), "syntax error: cannot use " + stmt_string(s) + " as value");
    return make<BadExpr>(s->pos);
  }
  return static_cast<ExprStmt*>(s)->x;
}

Stmt* ParseState::for_post(Stmt* s) {
  if (s && s->kind == NodeKind::AssignStmt &&
      static_cast<AssignStmt*>(s)->tok == AssignTok::Define) {
    syntax(s->pos, "syntax error: cannot declare in post statement of for loop");
  }
  return s;
}

Stmt* ParseState::make_for(const Token& kw, Stmt* init, Expr* cond, Stmt* post, BlockStmt* body) {
  auto* f = make<ForStmt>(kw.pos);
  f->init = init;
  f->cond = cond;
  f->post = post;
  f->body = body;
  return f;
}

Stmt* ParseState::range(const Token& kw, std::vector<Expr*>& lhs, const Token& tok,
                        AssignTok kind, Expr* x, BlockStmt* body) {
  auto* r = make<RangeStmt>(kw.pos);
  if (lhs.size() > 2) {
    error(lhs[2]->pos, "range clause permits at most two iteration variables");
  }
  r->key = lhs.size() > 0 ? lhs[0] : nullptr;
  r->value = lhs.size() > 1 ? lhs[1] : nullptr;
  r->tok = kind;
  r->tok_pos = tok.pos;
  r->x = x;
  r->body = body;
  return r;
}

// The x.(type) of a type switch guard `x.(type)` or `v := x.(type)`, or
// nullptr if `s` is not a guard.
static TypeAssertExpr* type_guard(Stmt* s) {
  Expr* x = nullptr;
  if (s->kind == NodeKind::ExprStmt) {
    x = static_cast<ExprStmt*>(s)->x;
  } else if (s->kind == NodeKind::AssignStmt) {
    auto* a = static_cast<AssignStmt*>(s);
    if (a->tok == AssignTok::Define && a->lhs.size() == 1 && a->rhs.size() == 1 &&
        a->lhs[0]->kind == NodeKind::Ident) {
      x = a->rhs[0];
    }
  }
  if (!x || x->kind != NodeKind::TypeAssertExpr) return nullptr;
  auto* t = static_cast<TypeAssertExpr*>(x);
  return t->typ ? nullptr : t;
}

Stmt* ParseState::make_switch(const Token& kw, Stmt* init, Stmt* tag, BlockStmt* body) {
  if (tag) {
    if (TypeAssertExpr* g = type_guard(tag)) {
      type_guards.erase(g);
      auto* ts = make<TypeSwitchStmt>(kw.pos);
      ts->init = init;
      ts->assign = tag;
      ts->body = body;
      return ts;
    }
  }
  auto* s = make<SwitchStmt>(kw.pos);
  s->init = init;
  s->body = body;
  if (tag && tag->kind != NodeKind::ExprStmt) {
    syntax(simple_stmt_pos(tag), "syntax error: cannot use " + stmt_string(tag) + " as value");
  } else if (tag) {
    s->tag = static_cast<ExprStmt*>(tag)->x;
  }
  return s;
}

BlockStmt* ParseState::clause_block(const Token& lbrace, std::vector<Stmt*>& clauses,
                                    const Token& rbrace) {
  auto* b = make<BlockStmt>(lbrace.pos);
  b->list = std::move(clauses);
  b->rbrace = rbrace.pos;
  return b;
}

void ParseState::set_label(Ident* label, Stmt* s) {
  switch (s->kind) {
    case NodeKind::ForStmt: static_cast<ForStmt*>(s)->label = label; break;
    case NodeKind::RangeStmt: static_cast<RangeStmt*>(s)->label = label; break;
    case NodeKind::SwitchStmt: static_cast<SwitchStmt*>(s)->label = label; break;
    case NodeKind::TypeSwitchStmt: static_cast<TypeSwitchStmt*>(s)->label = label; break;
    case NodeKind::SelectStmt: static_cast<SelectStmt*>(s)->label = label; break;
    default: break;
  }
}

GenDecl* ParseState::gen_decl(const Token& kw, std::vector<Node*>& specs) {
  DeclTok t = DeclTok::Var;
  switch (kw.tok) {
    case Tok::Import: t = DeclTok::Import; break;
    case Tok::Const: t = DeclTok::Const; break;
    case Tok::Type: t = DeclTok::Type; break;
    default: break;
  }
  auto* d = make<GenDecl>(kw.pos, t);
  d->specs = std::move(specs);
  for (size_t i = 0; i < d->specs.size(); i++) {
    if (d->specs[i]->kind == NodeKind::ValueSpec) static_cast<ValueSpec*>(d->specs[i])->iota = int(i);
  }
  return d;
}

void ParseState::add_decl(Decl* d) {
  file->decls.push_back(d);
  auto* g = d->kind == NodeKind::GenDecl ? static_cast<GenDecl*>(d) : nullptr;
  if (g && g->tok == DeclTok::Import) {
    for (Node* n : g->specs) file->imports.push_back(static_cast<ImportSpec*>(n));
  }
}

void ParseState::lazy_body(FuncDecl* fd, const Token& body) {
  fd->lazy_begin = uint32_t(int64_t(lexer.offset(body.text.data())) + source_offset);
  fd->lazy_end = uint32_t(fd->lazy_begin + body.text.size());
  fd->lazy_lbrace = body.pos;
}

void ParseState::end_of_file() {
  for (TypeAssertExpr* g : type_guards) {
    error(g->pos, "use of .(type) outside type switch");
  }
}

std::string ParseState::stmt_string(const Stmt* s) {
  switch (s->kind) {
    case NodeKind::AssignStmt: {
      auto* a = static_cast<const AssignStmt*>(s);
      auto list = [](const std::vector<Expr*>& v) {
        std::string r;
        for (size_t i = 0; i < v.size(); i++) r += (i ? ", " : "") + expr_string(v[i]);
        return r;
      };
      std::string op = a->tok == AssignTok::Define ? ":="
                       : a->tok == AssignTok::Assign ? "="
                                                     : std::string(op_string(a->op)) + "=";
      return list(a->lhs) + " " + op + " " + list(a->rhs);
    }
    case NodeKind::IncDecStmt: {
      auto* i = static_cast<const IncDecStmt*>(s);
      return expr_string(i->x) + (i->op == Op::Inc ? "++" : "--");
    }
    case NodeKind::SendStmt: {
      auto* x = static_cast<const SendStmt*>(s);
      return expr_string(x->chan) + " <- " + expr_string(x->value);
    }
    case NodeKind::ExprStmt: return expr_string(static_cast<const ExprStmt*>(s)->x);
    default: return "statement";
  }
}

// ---------------------------------------------------------------- syntax errors

namespace {

bool starts_expression(Tok t) {
  switch (t) {
    case Tok::Name: case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char:
    case Tok::String: case Tok::LParen: case Tok::LBrack: case Tok::Func: case Tok::Add:
    case Tok::Sub: case Tok::Not: case Tok::Xor: case Tok::Mul: case Tok::And:
    case Tok::Arrow: case Tok::Chan: case Tok::Map: case Tok::Struct: case Tok::Interface:
      return true;
    default:
      return false;
  }
}

// Tokens that only continue an expression; Go's "expected" lists never
// mention them.
bool continues_expression(Tok t) {
  switch (t) {
    case Tok::Add: case Tok::Sub: case Tok::Mul: case Tok::Quo: case Tok::Rem: case Tok::And:
    case Tok::Or: case Tok::Xor: case Tok::Shl: case Tok::Shr: case Tok::AndNot: case Tok::LAnd:
    case Tok::LOr: case Tok::Eql: case Tok::Neq: case Tok::Lss: case Tok::Leq: case Tok::Gtr:
    case Tok::Geq: case Tok::Period: case Tok::LParen: case Tok::LBrack: case Tok::LBrace:
    case Tok::Comma: case Tok::Inc: case Tok::Dec: case Tok::AssignOp: case Tok::Arrow:
    case Tok::Assign: case Tok::Define:
      return true;
    default:
      return false;
  }
}

bool is_decl_keyword(Tok t) {
  return t == Tok::Const || t == Tok::Var || t == Tok::Type || t == Tok::Func ||
         t == Tok::Import || t == Tok::EOF_;
}

// "a", "a or b", "a, b or c" (Go's style).
std::string or_list(const std::vector<std::string>& items) {
  std::string r;
  for (size_t i = 0; i < items.size(); i++) {
    if (i > 0) r += i + 1 == items.size() ? " or " : ", ";
    r += items[i];
  }
  return r;
}

// Nesting of braces before the lookahead token (a "}" made up by error
// recovery is not the lexer's, and depth() accounts for it).
int depth_before(const ParseState& ps) {
  int d = ps.depth();
  if (ps.la.text.data() != ps.lexer.last().text.data()) return d;
  Tok t = ps.la.tok;
  if (t == Tok::LBrace || t == Tok::Body) d--;
  if (t == Tok::RBrace) d++;
  return d;
}

// Generic declarations are reported as unsupported rather than as syntax
// errors: `func F[` and `type L[T any`.
const char* generics_message(const ParseState& ps, Pos* pos) {
  const Lexer& lx = ps.lexer;
  if (depth_before(ps) != 0) return nullptr;
  Tok la = lx.back(0).tok;
  if (la == Tok::LBrack && lx.back(1).tok == Tok::Name &&
      (lx.back(2).tok == Tok::Func || lx.back(2).tok == Tok::RParen)) {
    *pos = lx.back(0).pos;
    return "generic functions are not supported by mgo";
  }
  Tok before = lx.back(4).tok;
  if ((la == Tok::Name || la == Tok::Comma || la == Tok::Tilde || la == Tok::Interface ||
       la == Tok::Mul || la == Tok::LBrack) &&
      lx.back(1).tok == Tok::Name && lx.back(2).tok == Tok::LBrack &&
      lx.back(3).tok == Tok::Name &&
      (before == Tok::Type || before == Tok::LParen || before == Tok::Semi)) {
    *pos = lx.back(2).pos;
    return "generic types are not supported by mgo";
  }
  return nullptr;
}

}  // namespace

std::string syntax_error_message(ParseState& ps, const std::vector<Tok>& expected, Pos* pos,
                                 ErrKind* kind) {
  const Lexer& lx = ps.lexer;
  const Token& la = ps.la;
  *pos = la.pos;
  *kind = ErrKind::Stmt;
  if (const char* g = generics_message(ps, pos)) return g;
  auto has = [&](Tok t) { return std::find(expected.begin(), expected.end(), t) != expected.end(); };
  // After an error, a syntax error at the end of the file is only noise
  // (Go's parser drops it too).
  bool at_eof = la.tok == Tok::EOF_ || (la.tok == Tok::Semi && la.text == "EOF");
  if (at_eof && ps.has_errors()) return "";
  std::string tok = token_description(la);
  std::string unexpected = "syntax error: unexpected " + tok;
  int depth = depth_before(ps);

  bool top_level = !expected.empty() && depth == 0 &&
                   std::all_of(expected.begin(), expected.end(), is_decl_keyword);
  if (top_level || (depth == 0 && expected.size() == 1 && expected[0] == Tok::Semi))
    *kind = ErrKind::Top;
  if (top_level) {
    auto* fd = ps.file->decls.empty() || ps.file->decls.back()->kind != NodeKind::FuncDecl
                   ? nullptr
                   : static_cast<FuncDecl*>(ps.file->decls.back());
    bool after_bodiless = fd && !fd->body && !fd->lazy_body();
    if (la.tok == Tok::LBrace && after_bodiless) {
      return "syntax error: unexpected semicolon or newline before {";
    }
    return "syntax error: non-declaration statement outside function body";
  }
  if (depth == 0 && expected.size() == 1 && expected[0] == Tok::Semi && ps.file->package_name) {
    return unexpected + " after top level declaration";
  }
  if (has(Tok::Body) && la.tok != Tok::Body) {
    return unexpected + ", expected { after " + tok_name(lx.header_keyword()) + " clause";
  }
  bool stmt_start = has(Tok::If) && has(Tok::For) && has(Tok::Name);
  if (stmt_start && has(Tok::RBrace)) {
    if (!has(Tok::Case)) *kind = ErrKind::Close;
    return unexpected + (has(Tok::Case) ? ", expected case or default or }" : ", expected }");
  }
  *kind = ErrKind::Expr;
  if (has(Tok::Name) && has(Tok::Int) && has(Tok::LParen) && !starts_expression(la.tok) &&
      !has(la.tok)) {
    return unexpected + ", expected expression";
  }
  if (has(Tok::Comma) && has(Tok::RParen)) {
    return unexpected + (has(Tok::Ellipsis) ? " in argument list" : " in parameter list") +
           "; possibly missing comma or )";
  }
  if (has(Tok::Comma) && has(Tok::RBrace) && !has(Tok::Semi)) {
    return unexpected + " in composite literal; possibly missing comma or }";
  }
  if (has(Tok::Semi) && has(Tok::RBrace) && has(Tok::String)) {
    return unexpected + " in struct type; possibly missing semicolon or newline or }";
  }
  *kind = ErrKind::Stmt;
  if (has(Tok::Semi) && has(Tok::RBrace)) return unexpected + " at end of statement";
  if (has(Tok::RBrack) && has(Tok::Colon)) return unexpected + ", expected comma, : or ]";
  if (expected.size() == 2 && has(Tok::Name) && has(Tok::LParen)) return unexpected + ", expected name or (";
  // paramDeclOrNil: a token that cannot start a parameter.
  if (has(Tok::RParen) && has(Tok::Ellipsis) && has(Tok::Name) && !has(Tok::Comma))
    return unexpected + ", expected )";
  // fileOrNil: a declaration not followed by ";" (the tokens that could
  // continue its last expression are not mentioned).
  if (depth == 0 && has(Tok::Semi) && ps.file->package_name &&
      std::all_of(expected.begin(), expected.end(),
                  [](Tok t) { return t == Tok::Semi || continues_expression(t); })) {
    *kind = ErrKind::Top;
    return unexpected + " after top level declaration";
  }
  std::vector<std::string> names;
  for (Tok t : expected) {
    if (continues_expression(t) && expected.size() > 1) continue;
    std::string n = tok_name(t);
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  if (names.empty() || names.size() > 4) return unexpected;
  return unexpected + ", expected " + or_list(names);
}

// ---------------------------------------------------------------- error recovery
// Go's parser goes on after a syntax error (syntax/parser.go): it skips
// tokens with advance(followlist) and resumes in the construct it was
// parsing. parser.y's error rules say where mgo resumes; this says how far
// it skips first, with Go's follow lists.

namespace {

// Go's stopset: keywords that start a statement, where skipping inside a
// function stops.
bool in_stopset(Tok t) {
  switch (t) {
    case Tok::Break: case Tok::Const: case Tok::Continue: case Tok::Defer:
    case Tok::Fallthrough: case Tok::For: case Tok::Go: case Tok::Goto: case Tok::If:
    case Tok::Return: case Tok::Select: case Tok::Switch: case Tok::Type: case Tok::Var:
      return true;
    default:
      return false;
  }
}

bool is_closer(Tok t) { return t == Tok::RParen || t == Tok::RBrack || t == Tok::RBrace; }

bool ends_stmt(Tok t) {
  return t == Tok::Semi || t == Tok::RBrace || t == Tok::Case || t == Tok::Default;
}

}  // namespace

void ParseState::syntax_error_at(const Token& tok, ErrKind kind) {
  err_kind = kind;
  err_tok = tok;
}

Token ParseState::pull() {
  if (!pending.empty()) {
    Token t = pending.front();
    pending.pop_front();
    return t;
  }
  return lexer.next();
}

void ParseState::skip(Recovery r) {
  Token cur = err_tok;  // Go's current token when it reported the error
  // The same token failing recovery after recovery would loop: move on.
  if (cur.pos.line == stuck_pos.line && cur.pos.col == stuck_pos.col) {
    if (++stuck >= 3 && cur.tok != Tok::EOF_) {
      cur = pull();
      stuck = 0;
    }
  } else {
    stuck_pos = cur.pos;
    stuck = 0;
  }
  bool in_func = depth() > 0;  // Go's fnest > 0
  auto advance = [&](auto follows) {
    while (cur.tok != Tok::EOF_ && !follows(cur.tok) && !(in_func && in_stopset(cur.tok)))
      cur = pull();
  };
  switch (r) {
    case Recovery::None: return;
    case Recovery::Top:
      // fileOrNil: advance(_Import, _Const, _Type, _Var, _Func), outside
      // any function.
      while (cur.tok != Tok::EOF_ && !is_decl_keyword(cur.tok)) cur = pull();
      depth_offset = -lexer.brace_depth();
      pending.push_front(cur);
      return;
    case Recovery::List:
      // list: advance(_Rparen, _Rbrack, _Rbrace); the list's own closer ends it.
      advance(is_closer);
      if (cur.tok != list_close) pending.push_front(cur);
      return;
    case Recovery::Want:
      if (err_kind == ErrKind::Expr) {
        // The operand's advance(_Rparen, _Rbrack, _Rbrace) came first, then
        // want(tok) at the token it stopped at.
        advance(is_closer);
        if (cur.tok == list_close) return;  // the wanted token itself
        if (cur.tok != Tok::EOF_)
          syntax(cur.pos, "syntax error: unexpected " + token_description(cur) + ", expected " +
                              tok_name(list_close));
      }
      if (cur.tok != Tok::EOF_) cur = pull();  // advance(): one token
      pending.push_front(cur);
      return;
    case Recovery::Body:
      // blockStmt: advance(_Name, _Rbrace), then the statements.
      advance([](Tok t) { return t == Tok::Name || t == Tok::RBrace; });
      pending.push_front(cur);
      return;
    case Recovery::Stmt:
      break;
  }
  if (err_kind == ErrKind::Close) {
    // want(_Rbrace) skips the offending token; the block ends there.
    if (cur.tok != Tok::EOF_) cur = pull();
    pending.push_front(cur);
    Token rbrace;
    rbrace.tok = Tok::RBrace;
    rbrace.pos = err_tok.pos;
    rbrace.text = "}";
    pending.push_front(rbrace);
    depth_offset--;
    return;
  }
  if (err_kind == ErrKind::Expr) {
    // operand/list: advance(_Rparen, _Rbrack, _Rbrace); then the statement
    // is over and stmtList wants its end.
    advance(is_closer);
    if (cur.tok != Tok::EOF_ && cur.tok != Tok::Semi && cur.tok != Tok::RBrace)
      syntax(cur.pos, "syntax error: unexpected " + token_description(cur) + " at end of statement");
  }
  // stmtList: advance(_Semi, _Rbrace, _Case, _Default); got(_Semi).
  advance(ends_stmt);
  if (cur.tok != Tok::Semi) pending.push_front(cur);
}

Token ParseState::next_token(bool* recover) {
  *recover = false;
  if (recovering != Recovery::None) {
    Recovery r = recovering;
    recovering = Recovery::None;
    skip(r);
    // Skipping ran into the end of the file inside a construct: Go's parser
    // unwinds silently from there (no error at EOF after the first).
    if (r != Recovery::Top && !pending.empty() && pending.front().tok == Tok::EOF_)
      throw ParseAbort{};
    *recover = true;
    Token t;
    t.pos = err_tok.pos;
    return t;
  }
  Token t;
  if (syntax_lines >= 10) {  // Go stops at 10 errors ("too many errors")
    t.pos = la.pos;
    t.tok = Tok::EOF_;
  } else {
    t = pull();
  }
  la = t;
  return t;
}

namespace {

// Runs the parser over ps, with Bison's LAC or without (see parse_twice).
void run_parser(ParseState& ps, bool lac) {
  if (lac) {
    yy::Parser parser(ps);
    parser.parse();
  } else {
    ps.first_try = true;
    yy_fast::Parser parser(ps);
    parser.parse();
  }
}

// Calls parse(diags, lac), which runs run_parser, twice if need be; what
// the parser throws becomes an error.
//
// Bison's LAC (lang/parser.y) checks each lookahead before the parser
// reduces on it, so that a syntax error lists exactly the tokens Go's
// parser would expect; that is a tenth of parsing. Without LAC the parser
// builds the same tree and reports the same errors as long as Bison finds
// no syntax error. So it goes first, its errors set aside until it is done;
// at a syntax error it gives up (ParseAgain) and parse runs again with LAC.
template <class F>
void parse_twice(const std::string& filename, Diagnostics& diags, F parse) {
  try {
    Diagnostics first;
    try {
      parse(first, false);
    } catch (const ParseAgain&) {
      parse(diags, true);
      return;
    }
    for (const Diagnostic& e : first.list()) diags.error(e.filename, e.pos, e.msg);
  } catch (const ParseAbort&) {
    // Error recovery reached the end of the file; the errors are reported.
  } catch (const NestingTooDeep& e) {
    diags.error(filename, e.pos, kNestingTooDeep);
  } catch (const std::bad_alloc&) {
    diags.error(filename, Pos{1, 1}, "out of memory while parsing");
  } catch (const std::exception& e) {
    diags.error(filename, Pos{1, 1}, std::string("internal error while parsing: ") + e.what());
  }
}

}  // namespace

std::unique_ptr<File> parse_file(const std::string& filename, std::string_view src,
                                 Diagnostics& diags, ParseOptions opts) {
  if (opts.lazy_decls) opts.lazy_bodies = true;
  // lazy_decls: the parser sees only the package clause and the imports;
  // the declarations after them are indexed. Text the index does not
  // understand is parsed whole, the ordinary way, for its errors.
  std::vector<LazyDecl> lazy;
  size_t parsed_end = src.size();
  bool indexed = opts.lazy_decls && index_decls(src, &lazy, &parsed_end);
  if (!indexed) parsed_end = src.size();
  auto file = std::make_unique<File>();
  parse_twice(filename, diags, [&](Diagnostics& d, bool lac) {
    if (lac) file = std::make_unique<File>();  // the first try's is dropped
    file->filename = filename;
    if (opts.lazy_bodies) file->source = src;
    // The lexer needs a NUL after the text (its sentinel): keep a copy.
    std::string text(src.substr(0, parsed_end));
    ParseState ps(filename, text, d, file.get());
    if (opts.lazy_bodies) ps.lexer.lazy_bodies();
    run_parser(ps, lac);
  });
  if (indexed) file->lazy_decls = std::move(lazy);
  return file;
}

namespace {

// Parses the bytes [begin, end) of a lazily parsed file, which start at
// `at`, with the grammar's rule that the first token `start` selects: the
// text alone, after as many spaces as it has bytes before it on its line and
// from its line on, so that positions come out as in the file (and a lazy
// body's offsets, through source_offset). A text with a syntax error is
// parsed twice (see parse_twice); the nodes of the first try stay in the
// arena, unused. `done` gets the ParseState of a parse without errors.
template <class F>
void parse_fragment(File* file, Pos at, uint32_t begin, uint32_t end, Tok start,
                    Diagnostics& diags, F done) {
  parse_twice(file->filename, diags, [&](Diagnostics& d, bool lac) {
    std::string text(at.col - 1, ' ');
    text += file->source.substr(begin, end - begin);
    ParseState ps(file->filename, text, d, file, at.line);
    ps.source_offset = int64_t(begin) - (at.col - 1);
    ps.lexer.lazy_bodies();
    Token t;
    t.tok = start;
    ps.pending.push_back(t);
    run_parser(ps, lac);
    if (!ps.has_errors()) done(ps);
  });
}

}  // namespace

BlockStmt* parse_func_body(File* file, FuncDecl* fd, Diagnostics& diags) {
  if (!fd->lazy_body()) return fd->body;
  parse_fragment(file, fd->lazy_lbrace, fd->lazy_begin, fd->lazy_end, Tok::BodyStart, diags,
                 [&](ParseState& ps) { fd->body = ps.parsed_body; });
  return fd->body;
}

// Nothing of the file's parse carries over to a declaration's tree but the
// text (a const group's iota is counted within its GenDecl).
Decl* parse_decl(File* file, LazyDecl* ld, Diagnostics& diags) {
  if (ld->decl) return ld->decl;
  parse_fragment(file, ld->pos, ld->begin, ld->end, Tok::DeclStart, diags,
                 [&](ParseState& ps) { ld->decl = ps.parsed_decl; });
  return ld->decl;
}

}  // namespace mgo

// AST helpers: operator names, the test dump, and Go's expression strings.
#include <string>

#include "lang/ast.h"
#include "lang/ast_dump.h"
#include "lang/nesting.h"

namespace mgo {

Arena::~Arena() {
  for (auto it = others_.rbegin(); it != others_.rend(); ++it) it->dtor(it->ptr);
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) (*it)->~Node();
}

// A new block: 64 KiB (a stdlib package's syntax tree takes a few), or one
// of its own for a larger object.
void* Arena::allocate_slow(size_t size) {
  constexpr size_t kBlock = 64 << 10;
  // Growing nodes_ from empty copied it a dozen times per file.
  if (blocks_.empty()) nodes_.reserve(4096);
  size_t cap = size > kBlock / 4 ? size : kBlock;
  size_t n = (cap + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
  blocks_.push_back(std::make_unique_for_overwrite<std::max_align_t[]>(n));
  char* p = reinterpret_cast<char*>(blocks_.back().get());
  if (cap == kBlock) {
    block_ = p;
    cap_ = cap;
    used_ = size;
  }
  return p;
}

const char* op_string(Op op) {
  switch (op) {
    case Op::None: return "";
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Quo: return "/";
    case Op::Rem: return "%";
    case Op::And: return "&";
    case Op::Or: return "|";
    case Op::Xor: return "^";
    case Op::Shl: return "<<";
    case Op::Shr: return ">>";
    case Op::AndNot: return "&^";
    case Op::LAnd: return "&&";
    case Op::LOr: return "||";
    case Op::Eql: return "==";
    case Op::Neq: return "!=";
    case Op::Lss: return "<";
    case Op::Leq: return "<=";
    case Op::Gtr: return ">";
    case Op::Geq: return ">=";
    case Op::Not: return "!";
    case Op::Arrow: return "<-";
    case Op::Inc: return "++";
    case Op::Dec: return "--";
  }
  return "?";
}

namespace {

// ---------------------------------------------------------------- dump
// One function per node family; `out` accumulates the text.
class Dumper {
 public:
  std::string out;
  bool positions = false;

  void node(const Node* n) {
    if (!n) {
      out += "nil";
      return;
    }
    switch (n->kind) {
      case NodeKind::BadExpr: out += "(bad)"; break;
      case NodeKind::Ident: out += static_cast<const Ident*>(n)->name; break;
      case NodeKind::BasicLit: out += static_cast<const BasicLit*>(n)->raw; break;
      case NodeKind::Field: field(static_cast<const Field*>(n)); break;
      default:
        out += "(";
        body(n);
        out += ")";
    }
    at(n->pos);
  }

 private:
  // "@line:col" in a dump with positions.
  void at(Pos p) {
    if (!positions) return;
    out += "@" + std::to_string(p.line) + ":" + std::to_string(p.col);
  }
  // A position other than the node's: " name@line:col".
  void pos(const char* name, Pos p) {
    if (!positions) return;
    word(name);
    at(p);
  }
  void list(const char* head, const std::vector<Expr*>& v) { open(head); for (auto* e : v) sp(e); close(); }
  void slist(const char* head, const std::vector<Stmt*>& v) { open(head); for (auto* s : v) sp(s); close(); }
  void open(const char* head) { out += " ("; out += head; }
  void close() { out += ")"; }
  void sp(const Node* n) { out += " "; node(n); }
  void word(const std::string& w) { out += " "; out += w; }

  // A field list's fields and the positions of its brackets.
  void members(const FieldList& l) {
    for (auto* f : l.list) sp(f);
    pos("opening", l.opening);
    pos("closing", l.closing);
  }
  void fields(const char* head, const FieldList& l) {
    open(head);
    members(l);
    close();
  }
  void field(const Field* f) {
    out += "(field";
    for (auto* n : f->names) sp(n);
    sp(f->type);
    if (!f->tag.empty()) word(f->tag);
    out += ")";
  }

  void body(const Node* n);
  void expr(const Node* n);
  void stmt(const Node* n);
  void decl(const Node* n);
};

void Dumper::body(const Node* n) {
  if (n->kind <= NodeKind::ChanType) return expr(n);
  if (n->kind <= NodeKind::RangeStmt) return stmt(n);
  decl(n);
}

void Dumper::expr(const Node* n) {
  switch (n->kind) {
    case NodeKind::CompositeLit: {
      auto* c = static_cast<const CompositeLit*>(n);
      out += "complit";
      sp(c->typ);
      for (auto* e : c->elts) sp(e);
      pos("lbrace", c->lbrace);
      pos("rbrace", c->rbrace);
      return;
    }
    case NodeKind::FuncLit: {
      auto* f = static_cast<const FuncLit*>(n);
      out += "funclit";
      sp(f->ftype);
      sp(f->body);
      return;
    }
    case NodeKind::ParenExpr: out += "paren"; sp(static_cast<const ParenExpr*>(n)->x); return;
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<const SelectorExpr*>(n);
      out += "sel";
      sp(s->x);
      sp(s->sel);
      return;
    }
    case NodeKind::IndexExpr: {
      auto* i = static_cast<const IndexExpr*>(n);
      out += "index";
      sp(i->x);
      sp(i->index);
      return;
    }
    case NodeKind::SliceExpr: {
      auto* s = static_cast<const SliceExpr*>(n);
      out += s->slice3 ? "slice3" : "slice";
      sp(s->x);
      sp(s->low);
      sp(s->high);
      if (s->slice3) sp(s->max);
      return;
    }
    case NodeKind::TypeAssertExpr: {
      auto* t = static_cast<const TypeAssertExpr*>(n);
      out += "assert";
      sp(t->x);
      if (t->typ) sp(t->typ); else word("type");
      return;
    }
    case NodeKind::CallExpr: {
      auto* c = static_cast<const CallExpr*>(n);
      out += "call";
      sp(c->fun);
      for (auto* a : c->args) sp(a);
      if (c->has_ellipsis) word("...");
      pos("lparen", c->lparen);
      pos("rparen", c->rparen);
      return;
    }
    case NodeKind::StarExpr: out += "star"; sp(static_cast<const StarExpr*>(n)->x); return;
    case NodeKind::UnaryExpr: {
      auto* u = static_cast<const UnaryExpr*>(n);
      out += op_string(u->op);
      sp(u->x);
      return;
    }
    case NodeKind::BinaryExpr: {
      auto* b = static_cast<const BinaryExpr*>(n);
      out += op_string(b->op);
      sp(b->x);
      sp(b->y);
      pos("op", b->op_pos);
      return;
    }
    case NodeKind::KeyValueExpr: {
      auto* kv = static_cast<const KeyValueExpr*>(n);
      out += "kv";
      sp(kv->key);
      sp(kv->value);
      return;
    }
    case NodeKind::Ellipsis: out += "..."; sp(static_cast<const Ellipsis*>(n)->elt); return;
    case NodeKind::ArrayType: {
      auto* a = static_cast<const ArrayType*>(n);
      out += "array";
      sp(a->len);
      sp(a->elt);
      return;
    }
    case NodeKind::StructType:
      out += "struct";
      members(static_cast<const StructType*>(n)->fields);
      return;
    case NodeKind::FuncType: {
      auto* f = static_cast<const FuncType*>(n);
      out += "functype";
      fields("params", f->params);
      fields("results", f->results);
      return;
    }
    case NodeKind::InterfaceType:
      out += "interface";
      members(static_cast<const InterfaceType*>(n)->methods);
      return;
    case NodeKind::MapType: {
      auto* m = static_cast<const MapType*>(n);
      out += "map";
      sp(m->key);
      sp(m->value);
      return;
    }
    case NodeKind::ChanType: {
      auto* c = static_cast<const ChanType*>(n);
      out += c->dir == ChanDir::Both ? "chan" : c->dir == ChanDir::Send ? "chan<-" : "<-chan";
      sp(c->value);
      return;
    }
    default: out += "?"; return;
  }
}

void Dumper::stmt(const Node* n) {
  switch (n->kind) {
    case NodeKind::BadStmt: out += "badstmt"; return;
    case NodeKind::DeclStmt: out += "declstmt"; sp(static_cast<const DeclStmt*>(n)->decl); return;
    case NodeKind::EmptyStmt: out += "empty"; return;
    case NodeKind::LabeledStmt: {
      auto* l = static_cast<const LabeledStmt*>(n);
      out += "label";
      sp(l->label);
      sp(l->stmt);
      return;
    }
    case NodeKind::ExprStmt: out += "expr"; sp(static_cast<const ExprStmt*>(n)->x); return;
    case NodeKind::SendStmt: {
      auto* s = static_cast<const SendStmt*>(n);
      out += "send";
      sp(s->chan);
      sp(s->value);
      return;
    }
    case NodeKind::IncDecStmt: {
      auto* s = static_cast<const IncDecStmt*>(n);
      out += op_string(s->op);
      sp(s->x);
      pos("op", s->op_pos);
      return;
    }
    case NodeKind::AssignStmt: {
      auto* a = static_cast<const AssignStmt*>(n);
      out += a->tok == AssignTok::Define ? ":=" : a->tok == AssignTok::Assign ? "=" : std::string(op_string(a->op)) + "=";
      list("lhs", a->lhs);
      list("rhs", a->rhs);
      pos("tok", a->tok_pos);
      return;
    }
    case NodeKind::GoStmt: out += "go"; sp(static_cast<const GoStmt*>(n)->call); return;
    case NodeKind::DeferStmt: out += "defer"; sp(static_cast<const DeferStmt*>(n)->call); return;
    case NodeKind::ReturnStmt: out += "return"; for (auto* e : static_cast<const ReturnStmt*>(n)->results) sp(e); return;
    case NodeKind::BranchStmt: {
      auto* b = static_cast<const BranchStmt*>(n);
      const char* names[] = {"break", "continue", "goto", "fallthrough"};
      out += names[int(b->tok)];
      if (b->label) sp(b->label);
      return;
    }
    case NodeKind::BlockStmt: {
      auto* b = static_cast<const BlockStmt*>(n);
      out += "block";
      for (auto* s : b->list) sp(s);
      pos("rbrace", b->rbrace);
      return;
    }
    case NodeKind::IfStmt: {
      auto* i = static_cast<const IfStmt*>(n);
      out += "if";
      sp(i->init);
      sp(i->cond);
      sp(i->body);
      if (i->else_) sp(i->else_);
      return;
    }
    case NodeKind::CaseClause: {
      auto* c = static_cast<const CaseClause*>(n);
      out += c->is_default ? "default" : "case";
      if (!c->is_default) list("list", c->list);
      for (auto* s : c->body) sp(s);
      pos("colon", c->colon);
      return;
    }
    case NodeKind::SwitchStmt: {
      auto* s = static_cast<const SwitchStmt*>(n);
      out += "switch";
      if (s->label) word("label=" + s->label->name);
      sp(s->init);
      sp(s->tag);
      sp(s->body);
      return;
    }
    case NodeKind::TypeSwitchStmt: {
      auto* s = static_cast<const TypeSwitchStmt*>(n);
      out += "typeswitch";
      if (s->label) word("label=" + s->label->name);
      sp(s->init);
      sp(s->assign);
      sp(s->body);
      return;
    }
    case NodeKind::CommClause: {
      auto* c = static_cast<const CommClause*>(n);
      out += c->comm ? "comm" : "default";
      if (c->comm) sp(c->comm);
      for (auto* s : c->body) sp(s);
      pos("colon", c->colon);
      return;
    }
    case NodeKind::SelectStmt: {
      auto* s = static_cast<const SelectStmt*>(n);
      out += "select";
      if (s->label) word("label=" + s->label->name);
      sp(s->body);
      return;
    }
    case NodeKind::ForStmt: {
      auto* f = static_cast<const ForStmt*>(n);
      out += "for";
      if (f->label) word("label=" + f->label->name);
      sp(f->init);
      sp(f->cond);
      sp(f->post);
      sp(f->body);
      return;
    }
    case NodeKind::RangeStmt: {
      auto* r = static_cast<const RangeStmt*>(n);
      out += "range";
      if (r->label) word("label=" + r->label->name);
      sp(r->key);
      sp(r->value);
      word(r->tok == AssignTok::Define ? ":=" : "=");
      sp(r->x);
      sp(r->body);
      pos("tok", r->tok_pos);
      return;
    }
    default: out += "?"; return;
  }
}

void Dumper::decl(const Node* n) {
  switch (n->kind) {
    case NodeKind::ImportSpec: {
      auto* s = static_cast<const ImportSpec*>(n);
      out += "import";
      if (s->name) sp(s->name);
      word("\"" + s->path + "\"");
      pos("path", s->path_pos);
      return;
    }
    case NodeKind::ValueSpec: {
      auto* s = static_cast<const ValueSpec*>(n);
      out += "spec";
      if (s->iota) word("iota=" + std::to_string(s->iota));
      for (auto* id : s->names) sp(id);
      sp(s->type);
      for (auto* v : s->values) sp(v);
      return;
    }
    case NodeKind::TypeSpec: {
      auto* s = static_cast<const TypeSpec*>(n);
      out += s->alias ? "alias" : "type";
      sp(s->name);
      sp(s->type);
      return;
    }
    case NodeKind::GenDecl: {
      auto* d = static_cast<const GenDecl*>(n);
      const char* names[] = {"import", "const", "type", "var"};
      out += names[int(d->tok)];
      for (auto* s : d->specs) sp(s);
      return;
    }
    case NodeKind::FuncDecl: {
      auto* f = static_cast<const FuncDecl*>(n);
      out += "func";
      if (f->recv) fields("recv", *f->recv);
      sp(f->name);
      sp(f->ftype);
      if (f->body) sp(f->body);
      return;
    }
    case NodeKind::File: {
      auto* f = static_cast<const File*>(n);
      out += "file";
      sp(f->package_name);
      for (auto* d : f->decls) sp(d);
      return;
    }
    default: out += "?"; return;
  }
}

// ---------------------------------------------------------------- expr_string
void write_expr(std::string& out, const Expr* e);

void write_list(std::string& out, const std::vector<Expr*>& v) {
  for (size_t i = 0; i < v.size(); i++) {
    if (i) out += ", ";
    write_expr(out, v[i]);
  }
}

void write_fields(std::string& out, const FieldList& l, const char* sep) {
  for (size_t i = 0; i < l.list.size(); i++) {
    if (i) out += sep;
    const Field* f = l.list[i];
    for (size_t j = 0; j < f->names.size(); j++) out += (j ? ", " : "") + f->names[j]->name;
    if (!f->names.empty()) out += " ";
    write_expr(out, f->type);
  }
}

void write_signature(std::string& out, const FuncType* f) {
  out += "(";
  write_fields(out, f->params, ", ");
  out += ")";
  if (f->results.list.empty()) return;
  out += " ";
  bool paren = f->results.list.size() > 1 || !f->results.list[0]->names.empty();
  if (paren) out += "(";
  write_fields(out, f->results, ", ");
  if (paren) out += ")";
}

void write_expr(std::string& out, const Expr* e) {
  if (!e) return;
  check_nesting(e->pos);
  switch (e->kind) {
    case NodeKind::Ident: out += static_cast<const Ident*>(e)->name; return;
    case NodeKind::BasicLit: out += static_cast<const BasicLit*>(e)->raw; return;
    case NodeKind::CompositeLit: {  // Go: T{} when empty, T{…} otherwise
      auto* c = static_cast<const CompositeLit*>(e);
      write_expr(out, c->typ);
      out += c->elts.empty() ? "{}" : "{…}";
      return;
    }
    case NodeKind::FuncLit: out += "func"; write_signature(out, static_cast<const FuncLit*>(e)->ftype); out += " {…}"; return;
    case NodeKind::ParenExpr: out += "("; write_expr(out, static_cast<const ParenExpr*>(e)->x); out += ")"; return;
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<const SelectorExpr*>(e);
      write_expr(out, s->x);
      out += "." + s->sel->name;
      return;
    }
    case NodeKind::IndexExpr: {
      auto* i = static_cast<const IndexExpr*>(e);
      write_expr(out, i->x);
      out += "[";
      write_expr(out, i->index);
      out += "]";
      return;
    }
    case NodeKind::SliceExpr: {
      auto* s = static_cast<const SliceExpr*>(e);
      write_expr(out, s->x);
      out += "[";
      write_expr(out, s->low);
      out += ":";
      write_expr(out, s->high);
      if (s->slice3) { out += ":"; write_expr(out, s->max); }
      out += "]";
      return;
    }
    case NodeKind::TypeAssertExpr: {
      auto* t = static_cast<const TypeAssertExpr*>(e);
      write_expr(out, t->x);
      out += ".(";
      if (t->typ) write_expr(out, t->typ); else out += "type";
      out += ")";
      return;
    }
    case NodeKind::CallExpr: {
      auto* c = static_cast<const CallExpr*>(e);
      write_expr(out, c->fun);
      out += "(";
      write_list(out, c->args);
      if (c->has_ellipsis) out += "...";
      out += ")";
      return;
    }
    case NodeKind::StarExpr: out += "*"; write_expr(out, static_cast<const StarExpr*>(e)->x); return;
    case NodeKind::UnaryExpr: {
      auto* u = static_cast<const UnaryExpr*>(e);
      out += op_string(u->op);
      write_expr(out, u->x);
      return;
    }
    case NodeKind::BinaryExpr: {
      auto* b = static_cast<const BinaryExpr*>(e);
      write_expr(out, b->x);
      out += std::string(" ") + op_string(b->op) + " ";
      write_expr(out, b->y);
      return;
    }
    case NodeKind::KeyValueExpr: {
      auto* kv = static_cast<const KeyValueExpr*>(e);
      write_expr(out, kv->key);
      out += ": ";
      write_expr(out, kv->value);
      return;
    }
    case NodeKind::Ellipsis: out += "..."; write_expr(out, static_cast<const Ellipsis*>(e)->elt); return;
    case NodeKind::ArrayType: {
      auto* a = static_cast<const ArrayType*>(e);
      out += "[";
      if (a->len && a->len->kind == NodeKind::Ellipsis) out += "..."; else write_expr(out, a->len);
      out += "]";
      write_expr(out, a->elt);
      return;
    }
    case NodeKind::StructType: out += "struct{"; write_fields(out, static_cast<const StructType*>(e)->fields, "; "); out += "}"; return;
    case NodeKind::FuncType: out += "func"; write_signature(out, static_cast<const FuncType*>(e)); return;
    case NodeKind::InterfaceType: {
      auto* it = static_cast<const InterfaceType*>(e);
      if (it->methods.list.empty()) { out += "interface{}"; return; }
      out += "interface{…}";
      return;
    }
    case NodeKind::MapType: {
      auto* m = static_cast<const MapType*>(e);
      out += "map[";
      write_expr(out, m->key);
      out += "]";
      write_expr(out, m->value);
      return;
    }
    case NodeKind::ChanType: {
      auto* c = static_cast<const ChanType*>(e);
      out += c->dir == ChanDir::Both ? "chan " : c->dir == ChanDir::Send ? "chan<- " : "<-chan ";
      write_expr(out, c->value);
      return;
    }
    default: out += "_"; return;
  }
}

}  // namespace

std::string dump(const Node* n, bool positions) {
  Dumper d;
  d.positions = positions;
  d.node(n);
  return d.out;
}

std::string expr_string(const Expr* e) {
  std::string out;
  write_expr(out, e);
  return out;
}

}  // namespace mgo

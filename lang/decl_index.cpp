// index_decls: a lazy_decls parse's look at the declarations it skips. The
// lexer (with lazy bodies, so a function body is one token) is run over the
// file without the parser: lexing is about a quarter of what parsing and
// building the tree cost, and the declarations of an imported
// standard-library package are mostly never named.
#include "lang/decl_index.h"

#include <string>

#include "lang/lexer.h"

namespace mgo {

namespace {

class Indexer {
 public:
  Indexer(std::string_view src, std::string_view text)
      : src_(src), text_(text), lexer_(text, [this](Pos, std::string) { ok_ = false; }) {
    lexer_.lazy_bodies();
  }

  bool run(std::vector<LazyDecl>* out, size_t* prefix_end) {
    *prefix_end = src_.size();
    if (next().tok != Tok::Package || next().tok != Tok::Name || next().tok != Tok::Semi)
      return false;
    for (;;) {
      Token kw = next();
      switch (kw.tok) {
        case Tok::EOF_: return ok_;
        case Tok::Import:
          if (!out->empty()) return false;  // imports must come first
          read_to_end(&kw);
          break;
        case Tok::Const: case Tok::Var: case Tok::Type: case Tok::Func: {
          if (out->empty()) *prefix_end = offset(kw);
          out->push_back(decl(kw));
          break;
        }
        default: return false;
      }
      if (!ok_) return false;
    }
  }

 private:
  Token next() { return lexer_.next(); }
  uint32_t offset(const Token& t) const { return uint32_t(t.text.data() - text_.data()); }
  void add_name(LazyDecl& d, const Token& t) {
    d.names.push_back(LazyDecl::Name{src_.substr(offset(t), t.text.size()), t.pos});
  }

  // Brackets of every kind nest; a declaration ends at a ";" outside them.
  void track(const Token& t) {
    switch (t.tok) {
      case Tok::LParen: case Tok::LBrack: case Tok::LBrace: case Tok::Body: depth_++; break;
      case Tok::RParen: case Tok::RBrack: case Tok::RBrace:
        if (--depth_ < 0) ok_ = false;
        break;
      default: break;
    }
  }

  // Reads to the ";" that ends the declaration at top level; *last: its
  // last token before it.
  void read_to_end(Token* last) {
    for (Token t = next(); ok_ && !(t.tok == Tok::Semi && depth_ == 0); t = next()) {
      if (t.tok == Tok::EOF_) ok_ = false;
      track(t);
      if (t.tok != Tok::Semi) *last = t;
    }
  }

  LazyDecl decl(const Token& kw) {
    LazyDecl d;
    d.kind = kw.tok == Tok::Const ? LazyDecl::Const
             : kw.tok == Tok::Var ? LazyDecl::Var
             : kw.tok == Tok::Type ? LazyDecl::Type
                                   : LazyDecl::Func;
    d.begin = offset(kw);
    d.pos = kw.pos;
    Token last = kw;  // the last token of the declaration so far
    if (d.kind == LazyDecl::Func) {
      func_names(d, &last);
    } else {
      spec_names(d, &last);
    }
    d.end = offset(last) + uint32_t(last.text.size());
    return d;
  }

  // `func Name ...` or `func (r *T) Name ...`, to the end of the declaration.
  void func_names(LazyDecl& d, Token* last) {
    Token t = next();
    if (t.tok == Tok::LParen) {
      // The receiver: its base type is the last name in its parentheses.
      track(t);
      for (t = next(); ok_ && depth_ > 0; t = next()) {
        if (t.tok == Tok::EOF_) ok_ = false;
        if (t.tok == Tok::Name) d.recv = src_.substr(offset(t), t.text.size());
        track(t);
      }
    }
    if (t.tok != Tok::Name) {
      ok_ = false;
      return;
    }
    add_name(d, t);
    *last = t;
    read_to_end(last);
  }

  // The names of a const, var or type declaration, single or a group: the
  // names at the start of each spec (one for a type spec), to the end of the
  // declaration.
  void spec_names(LazyDecl& d, Token* last) {
    bool group = false;
    bool name_next = true;  // a name now starts a spec
    bool list = false;      // after a spec's name: "," and another name may follow
    for (Token t = next(); ok_; t = next()) {
      if (t.tok == Tok::EOF_) {
        ok_ = false;
        return;
      }
      if (t.tok == Tok::Semi && depth_ == 0) return;
      if (name_next) {
        name_next = false;
        if (t.tok == Tok::LParen && !group && d.names.empty()) {
          group = true;
          name_next = true;
          track(t);
          *last = t;
          continue;
        }
        if (t.tok == Tok::Name) {
          add_name(d, t);
          list = d.kind != LazyDecl::Type;
          *last = t;
          continue;
        }
      }
      if (list) {
        list = false;
        if (t.tok == Tok::Comma) {
          name_next = true;
          *last = t;
          continue;
        }
      }
      track(t);
      if (t.tok == Tok::Semi) {
        if (group && depth_ == 1) name_next = true;
        continue;  // not the end of the declaration's text
      }
      *last = t;
    }
  }

  std::string_view src_;
  std::string_view text_;  // src_'s copy that the lexer reads
  Lexer lexer_;
  bool ok_ = true;
  int depth_ = 0;
};

}  // namespace

bool index_decls(std::string_view src, std::vector<LazyDecl>* out, size_t* prefix_end) {
  std::string text(src);  // the lexer needs a NUL after the text (its sentinel)
  Indexer ix(src, text);
  return ix.run(out, prefix_end);
}

}  // namespace mgo

// State shared by the Bison parser (lang/parser.y) and lang/parse.cpp while
// one file is parsed. Internal to the front end.
#pragma once

#include <deque>
#include <string>
#include <unordered_set>
#include <vector>

#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/lexer.h"

namespace mgo {

// One entry of a parameter list before names and types are told apart (Go's
// parser does the same: `func(a, b int)` and `func(int, string)` look alike
// until the end of the list).
struct ParamEntry {
  Pos pos;
  Ident* name = nullptr;  // set when the entry was `name Type`
  Expr* type = nullptr;   // the type, or the lone name/type of the entry
};

// Error recovery (see "Error recovery" in lang/parser.y). What kind of error
// was reported decides how far Go's parser skips; which grammar rule catches
// the error decides where parsing resumes.
enum class ErrKind : uint8_t {
  Top,    // at top level: Go skips to the next declaration keyword
  Expr,   // "expected expression", "possibly missing comma or )": skips to a
          // closing bracket or a statement keyword
  Stmt,   // "at end of statement" and the rest: skips to the statement's end
  Close,  // "expected }" where a statement may start: Go's want(}) skips
          // one token and the block ends there
};
enum class Recovery : uint8_t { None, Top, Stmt, List, Want, Body };
// Thrown through the parser when error recovery reaches the end of the file.
struct ParseAbort {};
// Thrown through the parser without LAC at a syntax error (see parse_file).
struct ParseAgain {};

struct ParseState {
  // src's first line is line `line` of the file.
  ParseState(const std::string& fname, std::string_view src, Diagnostics& d, File* f,
             int line = 1);

  std::string filename;
  Diagnostics& diags;
  File* file;
  Lexer lexer;
  bool syntax_error = false;  // one syntax error per file is reported
  size_t errors_before;       // diags.count() when this file's parse began
  bool has_errors() const { return diags.count() > errors_before; }
  bool seen_non_import = false;
  bool ellipsis = false;  // the call arguments just parsed ended in "..."
  BlockStmt* parsed_body = nullptr;  // parse_func_body's result
  Decl* parsed_decl = nullptr;       // parse_decl's result
  // Where the lexer's text begins in File::source (parse_decl's text is a
  // declaration's, after spaces): a lazy body's offsets are the file's.
  int64_t source_offset = 0;
  bool first_try = false;  // the parser without LAC: see parse_file
  // x.(type) expressions not (yet) used as a type switch guard.
  std::unordered_set<TypeAssertExpr*> type_guards;

  template <class T, class... Args>
  T* make(Args&&... args) {
    return file->arena.make<T>(std::forward<Args>(args)...);
  }

  // A list for the parser's semantic values (yy::Value), in the arena.
  template <class T>
  std::vector<T>* list() {
    return make<std::vector<T>>();
  }
  template <class T>
  std::vector<T>* list(T first) {
    auto* l = list<T>();
    l->push_back(first);
    return l;
  }

  void error(Pos pos, std::string msg) { diags.error(filename, pos, std::move(msg)); }
  // Reports a syntax error (msg is complete, with its "syntax error: "
  // prefix where Go prints one; empty: nothing to report). Diagnostics
  // keeps one syntax error per line, as Go does.
  void syntax(Pos pos, const std::string& msg) {
    syntax_error = true;
    if (msg.empty()) return;
    error(pos, msg);
    if (msg.rfind("syntax error", 0) == 0 && pos.line != last_syntax_line) {
      last_syntax_line = pos.line;
      syntax_lines++;
    }
  }

  // ---- error recovery
  ErrKind err_kind = ErrKind::Stmt;  // of the error being recovered from
  Token err_tok;                     // the lookahead when it was detected
  Recovery recovering = Recovery::None;  // set by the grammar's error rules
  Tok list_close = Tok::RParen;          // Recovery::List: the list's closing token
  std::deque<Token> pending;  // tokens to deliver before the lexer's next ones
  int depth_offset = 0;       // brace depth correction after synthesized "}"
  int last_syntax_line = 0;
  int syntax_lines = 0;       // lines with a syntax error; Go stops at 10
  Token la;                   // the last token handed to the parser
  Pos stuck_pos;              // err_tok position of the last recovery
  int stuck = 0;              // recoveries in a row at stuck_pos
  // Called by the parser for each syntax error it detects.
  void syntax_error_at(const Token& la, ErrKind kind);
  // Called by an error rule's action: skip as Go would, then let the rule
  // go on (the parser reads Tok::EOF_ with *recover set: its RECOVER token).
  void recover(Recovery r, Tok close = Tok::RParen) {
    recovering = r;
    list_close = close;
  }
  // The parser's token source: a pending recovery's skip, then pending
  // tokens, then the lexer. *recover: deliver the RECOVER token.
  Token next_token(bool* recover);
  int depth() const { return lexer.brace_depth() + depth_offset; }

 private:
  Token pull();
  void skip(Recovery r);

 public:

  Ident* ident(const Token& t) { return make<Ident>(t.pos, std::string(t.text)); }
  Expr* binary(const Token& op, Expr* x, Expr* y) {
    return make<BinaryExpr>(x->pos, op.op, op.pos, x, y);
  }
  Expr* unary(const Token& op, Expr* x);
  Expr* basic_lit(const Token& t);
  FieldList param_list(Pos open, std::vector<ParamEntry>& entries, Pos close);
  FieldList* make_field_list(const FieldList& l) { return make<FieldList>(l); }
  Expr* complit(Expr* type, const Token& lbrace, std::vector<Expr*>& elts, const Token& rbrace);
  Expr* slice3(Pos pos, Expr* x, Expr* lo, Expr* hi, const Token& colon2, Expr* max,
               const Token& rbrack);
  // A "{" lexed as Tok::Body that turned out to open a literal: the header
  // goes on, so the next "{" opens the body again.
  void fix_lbrace(const Token& lbrace) {
    if (lbrace.tok == Tok::Body) lexer.expect_body();
  }
  bool take_ellipsis() { bool e = ellipsis; ellipsis = false; return e; }
  Stmt* assign(std::vector<Expr*>& lhs, const Token& tok, AssignTok kind, std::vector<Expr*>& rhs);
  CallExpr* call_stmt(Expr* x, const char* what);
  Expr* if_cond(const Token& kw, Stmt* init, const Token* semi, Stmt* s, BlockStmt* body);
  Expr* for_cond(const Token& kw, Stmt* s);
  Stmt* for_post(Stmt* s);
  Stmt* make_for(const Token& kw, Stmt* init, Expr* cond, Stmt* post, BlockStmt* body);
  Stmt* range(const Token& kw, std::vector<Expr*>& lhs, const Token& tok, AssignTok kind,
              Expr* x, BlockStmt* body);
  Stmt* make_switch(const Token& kw, Stmt* init, Stmt* tag, BlockStmt* body);
  BlockStmt* clause_block(const Token& lbrace, std::vector<Stmt*>& clauses, const Token& rbrace);
  void add_decl(Decl* d);
  // Records the skipped body of fd (a Tok::FuncBody token).
  void lazy_body(FuncDecl* fd, const Token& body);
  void set_label(Ident* label, Stmt* s);
  GenDecl* gen_decl(const Token& kw, std::vector<Node*>& specs);
  std::string stmt_string(const Stmt* s);
  void end_of_file();
};

// Renders a syntax error in Go's words from the lookahead token and the
// tokens the parser would have accepted.
// *kind says how Go's parser recovers from it.
std::string syntax_error_message(ParseState& ps, const std::vector<Tok>& expected, Pos* pos,
                                 ErrKind* kind);

// The raw text of a string literal token, decoded later by the checker:
// carriage returns are removed from raw strings, as Go does.
std::string literal_text(const Token& t);

}  // namespace mgo

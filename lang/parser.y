// The grammar of mgo: Go's syntax (without generics), for Bison's LALR(1)
// C++ skeleton. Actions build the AST of lang/ast.h through ParseState
// (lang/parse_state.h); lang/parse.cpp drives the parse.
//
// Two places where Go's grammar is not LALR(1), and what we do:
//  - A "{" after an expression in an if/for/switch header opens the body,
//    not a composite literal (`if x == T{} {` must be written with (T{})).
//    The lexer returns such a "{" as BODY (old gc's LBODY, see Lexer::
//    expect_body); a composite literal of a named type accepts only a plain
//    "{", one of an array, slice, map or struct type accepts both and then
//    tells the lexer to expect the body again.
//  - Parameter lists: `(a, b int)` and `(int, string)` are only told apart at
//    their end, so entries are collected first and resolved by
//    ParseState::param_list, as Go's parser does.
//
// Error recovery: Go's parser reports a syntax error, skips tokens
// (advance(followlist)) and goes on, up to 10 errors, one per line. Here an
// `error` rule catches the error in the innermost construct that has one
// (argument list, composite literal, statement list, top level), its
// *_recover action asks ParseState to skip as Go would (ParseState::skip:
// how far depends on the error, see ErrKind), and the RECOVER token the
// lexer side then returns lets the rule complete; yyerrok lets the next
// error be reported at once. The AST of a file with syntax errors is never
// checked.
%require "3.8"
%language "c++"
%skeleton "lalr1.cc"
%define api.namespace {mgo::yy}
%define api.parser.class {Parser}
%define api.value.type {mgo::yy::Value}
%define api.location.type {mgo::Pos}
%define parse.error custom
// LAC makes the lists of expected tokens in syntax errors exact. The build
// also makes a parser without it (lang/parser_fast.cmake), which parse_file
// tries first: see parse_twice in lang/parse.cpp.
%define parse.lac full
%locations
%param {mgo::ParseState& ps}
// The error rules of statement lists: at a list's start, `error` is shifted
// (the intended reading) rather than an empty statement reduced first; one
// such conflict per state that opens a statement list.
%expect 9

%code requires {
#include <type_traits>
#include <vector>
#include "lang/ast.h"
#include "lang/lexer.h"
#include "lang/parse_state.h"

namespace mgo::yy {
// A semantic value. Every alternative is trivially copyable, so the
// parser's stack moves plain words: with Bison's variants each shift and
// reduction switched over the symbol's type to move and destroy the value,
// a third of parsing (and parsing is most of start-up, which parses the
// stdlib packages a program imports). Lists live in the file's arena
// (ParseState::list); a rule's $$ is whatever its action sets, so every
// %empty rule of a typed symbol sets one.
union Value {
  Value() : expr(nullptr) {}
  Token tok;
  Expr* expr;
  FuncType* ftype;
  FieldList* fields;
  ParamEntry param;
  std::vector<ParamEntry>* params;
  std::vector<Expr*>* exprs;
  Stmt* stmt;
  std::vector<Stmt*>* stmts;
  BlockStmt* block;
  std::vector<Ident*>* idents;
  Node* node;
  std::vector<Node*>* nodes;
  GenDecl* gen;
  FuncDecl* func;
};
static_assert(std::is_trivially_copyable_v<Value>);
}  // namespace mgo::yy
}

%code {
namespace mgo::yy {
int yylex(Value* value, Pos* pos, ParseState& ps);
}
// A rule's position is its first symbol's (Go's Pos()).
#define YYLLOC_DEFAULT(Cur, Rhs, N) \
  do { (Cur) = (N) ? YYRHSLOC(Rhs, 1) : YYRHSLOC(Rhs, 0); } while (0)
using namespace mgo;
}

%token <tok> NAME INT FLOAT IMAG CHAR STRING
%token <tok> BREAK CASE CHAN CONST CONTINUE DEFAULT DEFER ELSE FALLTHROUGH
%token <tok> FOR FUNC GO GOTO IF IMPORT INTERFACE MAP PACKAGE RANGE RETURN
%token <tok> SELECT STRUCT SWITCH TYPE VAR
%token <tok> ADD SUB MUL QUO REM AND OR XOR SHL SHR ANDNOT
%token <tok> LAND LOR EQL NEQ LSS LEQ GTR GEQ
%token <tok> ASSIGN_OP ARROW INC DEC ASSIGN DEFINE NOT TILDE ELLIPSIS
%token <tok> LPAREN RPAREN LBRACK RBRACK LBRACE RBRACE COMMA PERIOD COLON SEMI BODY
// A top-level function's body skipped by a lazy parse (Tok::FuncBody).
%token <tok> FUNC_BODY
// Returned once after an error rule's skip (never by the lexer itself).
%token RECOVER
// Tok::BodyStart: parse_func_body's first token, to parse one function body.
%token BODY_START
// Tok::DeclStart: parse_decl's first token, to parse one top-level declaration.
%token DECL_START

// Shift wins over these reductions, as Go's parser is greedy:
// a signature takes a following result type (`func() (int)`), a function or
// literal type takes a following "{" as its body or literal.
%precedence NO_RESULT
%precedence NO_BRACE
%precedence LPAREN LBRACK ARROW LBRACE BODY PERIOD
%left LOR
%left LAND
%left EQL NEQ LSS LEQ GTR GEQ
%left ADD SUB OR XOR
%left MUL QUO REM SHL SHR AND ANDNOT

%type <expr> expr unary_expr primary_expr operand opt_expr elem
%type <expr> type type_np type_na type_name lit_type array_type map_type chan_type_expr
%type <expr> struct_type interface_type func_type result_type embedded
%type <ftype> signature
%type <fields> params result
%type <params> param_list
%type <param> param
%type <exprs> expr_list elts elt_list call_args arg_list
%type <expr> elt func_lit
%type <tok> lbrace ocomma tag
%type <stmt> stmt simple_stmt opt_simple stmt_opt if_stmt else_opt for_stmt
%type <stmt> switch_stmt select_stmt decl_stmt labeled_stmt
%type <stmt> case_clause comm_clause
%type <stmts> stmt_list case_clauses comm_clauses
%type <block> block body
%type <idents> ident_list
%type <node> import_spec const_spec var_spec type_spec field iface_elem
%type <nodes> import_specs const_specs var_specs type_specs
%type <nodes> fields iface_elems
%type <nodes> import_specs_list const_specs_list var_specs_list type_specs_list
%type <nodes> fields_list iface_elems_list
%type <gen> import_decl const_decl var_decl type_decl gen_decl
%type <func> func_decl

%start start

%%

// A file, or what a lazy parse skipped: (parse_func_body) the body of one
// of its functions, or (parse_decl) one of its top-level declarations. The
// lexer ends such a text with the ";" its last token gets.
start:
    file
  | BODY_START block SEMI { ps.parsed_body = $2; ps.end_of_file(); }
  | DECL_START gen_decl SEMI { ps.parsed_decl = $2; ps.end_of_file(); }
  | DECL_START func_decl SEMI { ps.parsed_decl = $2; ps.end_of_file(); }
  ;

file:
    package_clause SEMI top_decls { ps.end_of_file(); }
  ;

package_clause:
    PACKAGE NAME { ps.file->package_name = ps.ident($2); }
  ;

top_decls:
    %empty
  | top_decls top_decl SEMI
  | top_decls error top_recover RECOVER
  ;

// ---------------------------------------------------------------- error recovery
// Each runs right after the parser shifts `error` (a default reduction, so
// the offending lookahead is still unread by the rule and is dropped here:
// ParseState::skip starts from it).
top_recover:
    %empty { ps.recover(Recovery::Top); yyclearin; yyerrok; }
  ;

stmt_recover:
    %empty { ps.recover(Recovery::Stmt); yyclearin; yyerrok; }
  ;

paren_recover:
    %empty { ps.recover(Recovery::List, Tok::RParen); yyclearin; yyerrok; }
  ;

brace_recover:
    %empty { ps.recover(Recovery::List, Tok::RBrace); yyclearin; yyerrok; }
  ;

// Go's want(tok): skip the offending token and go on as if tok were there.
want_recover:
    %empty { ps.recover(Recovery::Want, Tok::RParen); yyclearin; yyerrok; }
  ;

colon_recover:
    %empty { ps.recover(Recovery::Want, Tok::Colon); yyclearin; yyerrok; }
  ;

// Go's blockStmt without its "{": skip to a name or "}", then the body.
body_recover:
    %empty { ps.recover(Recovery::Body); yyclearin; yyerrok; }
  ;

top_decl:
    import_decl {
      if (ps.seen_non_import) ps.error($1->pos, "syntax error: imports must appear before other declarations");
      ps.add_decl($1);
    }
  | gen_decl { ps.seen_non_import = true; ps.add_decl($1); }
  | func_decl { ps.seen_non_import = true; ps.add_decl($1); }
  ;

gen_decl:
    const_decl { $$ = $1; }
  | var_decl { $$ = $1; }
  | type_decl { $$ = $1; }
  ;

// ---------------------------------------------------------------- declarations
import_decl:
    IMPORT import_spec { std::vector<Node*> v{$2}; $$ = ps.gen_decl($1, v); }
  | IMPORT LPAREN import_specs RPAREN { $$ = ps.gen_decl($1, *$3); }
  ;

import_specs:
    %empty { $$ = ps.list<Node*>(); }
  | import_specs_list osemi { $$ = $1; }
  ;

import_specs_list:
    import_spec { $$ = ps.list<Node*>($1); }
  | import_specs_list SEMI import_spec { $$ = $1; $$->push_back($3); }
  ;

import_spec:
    STRING {
      auto* s = ps.make<ImportSpec>($1.pos);
      s->path = literal_text($1); s->path_pos = $1.pos; $$ = s;
    }
  | NAME STRING {
      auto* s = ps.make<ImportSpec>($1.pos);
      s->name = ps.ident($1); s->path = literal_text($2); s->path_pos = $2.pos; $$ = s;
    }
  | PERIOD STRING {
      auto* s = ps.make<ImportSpec>($1.pos);
      s->name = ps.make<Ident>($1.pos, "."); s->path = literal_text($2); s->path_pos = $2.pos; $$ = s;
    }
  ;

const_decl:
    CONST const_spec { std::vector<Node*> v{$2}; $$ = ps.gen_decl($1, v); }
  | CONST LPAREN const_specs RPAREN { $$ = ps.gen_decl($1, *$3); }
  ;

const_specs:
    %empty { $$ = ps.list<Node*>(); }
  | const_specs_list osemi { $$ = $1; }
  ;

const_specs_list:
    const_spec { $$ = ps.list<Node*>($1); }
  | const_specs_list SEMI const_spec { $$ = $1; $$->push_back($3); }
  ;

const_spec:
    ident_list { auto* s = ps.make<ValueSpec>(@1); s->names = std::move(*$1); $$ = s; }
  | ident_list type { auto* s = ps.make<ValueSpec>(@1); s->names = std::move(*$1); s->type = $2; $$ = s; }
  | ident_list ASSIGN expr_list {
      auto* s = ps.make<ValueSpec>(@1); s->names = std::move(*$1); s->values = std::move(*$3); $$ = s;
    }
  | ident_list type ASSIGN expr_list {
      auto* s = ps.make<ValueSpec>(@1); s->names = std::move(*$1); s->type = $2; s->values = std::move(*$4); $$ = s;
    }
  ;

var_decl:
    VAR var_spec { std::vector<Node*> v{$2}; $$ = ps.gen_decl($1, v); }
  | VAR LPAREN var_specs RPAREN { $$ = ps.gen_decl($1, *$3); }
  ;

var_specs:
    %empty { $$ = ps.list<Node*>(); }
  | var_specs_list osemi { $$ = $1; }
  ;

var_specs_list:
    var_spec { $$ = ps.list<Node*>($1); }
  | var_specs_list SEMI var_spec { $$ = $1; $$->push_back($3); }
  ;

var_spec:
    ident_list type { auto* s = ps.make<ValueSpec>(@1); s->names = std::move(*$1); s->type = $2; $$ = s; }
  | ident_list ASSIGN expr_list {
      auto* s = ps.make<ValueSpec>(@1); s->names = std::move(*$1); s->values = std::move(*$3); $$ = s;
    }
  | ident_list type ASSIGN expr_list {
      auto* s = ps.make<ValueSpec>(@1); s->names = std::move(*$1); s->type = $2; s->values = std::move(*$4); $$ = s;
    }
  ;

type_decl:
    TYPE type_spec { std::vector<Node*> v{$2}; $$ = ps.gen_decl($1, v); }
  | TYPE LPAREN type_specs RPAREN { $$ = ps.gen_decl($1, *$3); }
  ;

type_specs:
    %empty { $$ = ps.list<Node*>(); }
  | type_specs_list osemi { $$ = $1; }
  ;

type_specs_list:
    type_spec { $$ = ps.list<Node*>($1); }
  | type_specs_list SEMI type_spec { $$ = $1; $$->push_back($3); }
  ;

type_spec:
    NAME type { $$ = ps.make<TypeSpec>($1.pos, ps.ident($1), $2); }
  | NAME ASSIGN type {
      auto* s = ps.make<TypeSpec>($1.pos, ps.ident($1), $3); s->alias = true; $$ = s;
    }
  ;

ident_list:
    NAME { $$ = ps.list<Ident*>(ps.ident($1)); }
  | ident_list COMMA NAME { $$ = $1; $$->push_back(ps.ident($3)); }
  ;

func_decl:
    FUNC NAME signature {
      $$ = ps.make<FuncDecl>($1.pos, ps.ident($2), $3);
    }
  | FUNC NAME signature block {
      $$ = ps.make<FuncDecl>($1.pos, ps.ident($2), $3); $$->body = $4;
    }
  | FUNC NAME signature FUNC_BODY {
      $$ = ps.make<FuncDecl>($1.pos, ps.ident($2), $3); ps.lazy_body($$, $4);
    }
  | FUNC params NAME signature {
      $$ = ps.make<FuncDecl>($1.pos, ps.ident($3), $4);
      $$->recv = $2;
    }
  | FUNC params NAME signature block {
      $$ = ps.make<FuncDecl>($1.pos, ps.ident($3), $4); $$->body = $5;
      $$->recv = $2;
    }
  | FUNC params NAME signature FUNC_BODY {
      $$ = ps.make<FuncDecl>($1.pos, ps.ident($3), $4); ps.lazy_body($$, $5);
      $$->recv = $2;
    }
  ;

signature:
    params %prec NO_RESULT { $$ = ps.make<FuncType>(@1); $$->params = std::move(*$1); }
  | params result {
      $$ = ps.make<FuncType>(@1); $$->params = std::move(*$1); $$->results = std::move(*$2);
    }
  ;

result:
    params { $$ = $1; }
  | result_type {
      $$ = ps.make<FieldList>(); $$->opening = @1; $$->closing = @1;
      $$->list.push_back(ps.make<Field>(@1, $1));
    }
  ;

params:
    LPAREN RPAREN { $$ = ps.make<FieldList>(); $$->opening = $1.pos; $$->closing = $2.pos; }
  | LPAREN param_list ocomma RPAREN { $$ = ps.make<FieldList>(ps.param_list($1.pos, *$2, $4.pos)); }
  ;

param_list:
    param { $$ = ps.list<ParamEntry>($1); }
  | param_list COMMA param { $$ = $1; $$->push_back($3); }
  ;

param:
    type { $$ = ParamEntry{@1, nullptr, $1}; }
  | NAME type { $$ = ParamEntry{$1.pos, ps.ident($1), $2}; }
  | NAME ELLIPSIS type {
      $$ = ParamEntry{$1.pos, ps.ident($1), ps.make<Ellipsis>($2.pos, $3)};
    }
  | ELLIPSIS type { $$ = ParamEntry{$1.pos, nullptr, ps.make<Ellipsis>($1.pos, $2)}; }
  ;

ocomma:
    %empty { $$ = Token{}; }
  | COMMA { $$ = $1; }
  ;

osemi:
    %empty
  | SEMI
  ;

// ---------------------------------------------------------------- types
// type_na: a type that does not start with "<-" (the element of `chan T`:
// `chan <-chan int` would be read `chan<- (chan int)`, as Go does);
// type_np: a type that is not parenthesized (a result type).
type:
    type_np { $$ = $1; }
  | LPAREN type RPAREN { $$ = ps.make<ParenExpr>($1.pos, $2); }
  ;

type_np:
    type_na { $$ = $1; }
  | ARROW CHAN type { $$ = ps.make<ChanType>($1.pos, ChanDir::Recv, $3); }
  ;

type_na:
    type_name { $$ = $1; }
  | MUL type { $$ = ps.make<StarExpr>($1.pos, $2); }
  | lit_type { $$ = $1; }
  | CHAN type_na { $$ = ps.make<ChanType>($1.pos, ChanDir::Both, $2); }
  | CHAN LPAREN type RPAREN { $$ = ps.make<ChanType>($1.pos, ChanDir::Both, ps.make<ParenExpr>($2.pos, $3)); }
  | CHAN ARROW type { $$ = ps.make<ChanType>($1.pos, ChanDir::Send, $3); }
  | func_type { $$ = $1; }
  | interface_type { $$ = $1; }
  ;

result_type:
    type_np { $$ = $1; }
  ;

type_name:
    NAME %prec NO_RESULT { $$ = ps.ident($1); }
  | NAME PERIOD NAME { $$ = ps.make<SelectorExpr>($1.pos, ps.ident($1), ps.ident($3)); }
  ;

// Types that may introduce a composite literal.
lit_type:
    array_type { $$ = $1; }
  | map_type { $$ = $1; }
  | struct_type { $$ = $1; }
  ;

array_type:
    LBRACK expr RBRACK type { $$ = ps.make<ArrayType>($1.pos, $2, $4); }
  | LBRACK ELLIPSIS RBRACK type {
      $$ = ps.make<ArrayType>($1.pos, ps.make<Ellipsis>($2.pos, nullptr), $4);
    }
  | LBRACK RBRACK type { $$ = ps.make<ArrayType>($1.pos, nullptr, $3); }
  ;

map_type:
    MAP LBRACK type RBRACK type { $$ = ps.make<MapType>($1.pos, $3, $5); }
  ;

func_type:
    FUNC signature { $$ = $2; $2->pos = $1.pos; }
  ;

struct_type:
    STRUCT lbrace fields RBRACE {
      auto* t = ps.make<StructType>($1.pos);
      t->fields.opening = $2.pos; t->fields.closing = $4.pos;
      for (Node* n : *$3) t->fields.list.push_back(static_cast<Field*>(n));
      ps.fix_lbrace($2); $$ = t;
    }
  ;

fields:
    %empty { $$ = ps.list<Node*>(); }
  | fields_list osemi { $$ = $1; }
  ;

fields_list:
    field { $$ = ps.list<Node*>($1); }
  | fields_list SEMI field { $$ = $1; $$->push_back($3); }
  ;

field:
    ident_list type tag {
      auto* f = ps.make<Field>(@1, $2); f->names = std::move(*$1); f->tag = std::string($3.text); $$ = f;
    }
  | embedded tag { auto* f = ps.make<Field>(@1, $1); f->tag = std::string($2.text); $$ = f; }
  ;

embedded:
    type_name { $$ = $1; }
  | MUL type_name { $$ = ps.make<StarExpr>($1.pos, $2); }
  ;

tag:
    %empty { $$ = Token{}; }
  | STRING { $$ = $1; }
  ;

interface_type:
    INTERFACE lbrace iface_elems RBRACE {
      auto* t = ps.make<InterfaceType>($1.pos);
      t->methods.opening = $2.pos; t->methods.closing = $4.pos;
      for (Node* n : *$3) t->methods.list.push_back(static_cast<Field*>(n));
      ps.fix_lbrace($2); $$ = t;
    }
  ;

iface_elems:
    %empty { $$ = ps.list<Node*>(); }
  | iface_elems_list osemi { $$ = $1; }
  ;

iface_elems_list:
    iface_elem { $$ = ps.list<Node*>($1); }
  | iface_elems_list SEMI iface_elem { $$ = $1; $$->push_back($3); }
  ;

iface_elem:
    NAME signature {
      auto* f = ps.make<Field>($1.pos, $2); f->names.push_back(ps.ident($1)); $$ = f;
    }
  | type_name { $$ = ps.make<Field>(@1, $1); }
  ;

lbrace:
    LBRACE { $$ = $1; }
  | BODY { $$ = $1; }
  ;

// ---------------------------------------------------------------- expressions
expr:
    unary_expr { $$ = $1; }
  | expr LOR expr { $$ = ps.binary($2, $1, $3); }
  | expr LAND expr { $$ = ps.binary($2, $1, $3); }
  | expr EQL expr { $$ = ps.binary($2, $1, $3); }
  | expr NEQ expr { $$ = ps.binary($2, $1, $3); }
  | expr LSS expr { $$ = ps.binary($2, $1, $3); }
  | expr LEQ expr { $$ = ps.binary($2, $1, $3); }
  | expr GTR expr { $$ = ps.binary($2, $1, $3); }
  | expr GEQ expr { $$ = ps.binary($2, $1, $3); }
  | expr ADD expr { $$ = ps.binary($2, $1, $3); }
  | expr SUB expr { $$ = ps.binary($2, $1, $3); }
  | expr OR expr { $$ = ps.binary($2, $1, $3); }
  | expr XOR expr { $$ = ps.binary($2, $1, $3); }
  | expr MUL expr { $$ = ps.binary($2, $1, $3); }
  | expr QUO expr { $$ = ps.binary($2, $1, $3); }
  | expr REM expr { $$ = ps.binary($2, $1, $3); }
  | expr SHL expr { $$ = ps.binary($2, $1, $3); }
  | expr SHR expr { $$ = ps.binary($2, $1, $3); }
  | expr AND expr { $$ = ps.binary($2, $1, $3); }
  | expr ANDNOT expr { $$ = ps.binary($2, $1, $3); }
  ;

unary_expr:
    primary_expr { $$ = $1; }
  | ADD unary_expr { $$ = ps.unary($1, $2); }
  | SUB unary_expr { $$ = ps.unary($1, $2); }
  | NOT unary_expr { $$ = ps.unary($1, $2); }
  | XOR unary_expr { $$ = ps.unary($1, $2); }
  | AND unary_expr { $$ = ps.unary($1, $2); }
  | ARROW unary_expr { $$ = ps.unary($1, $2); }
  | MUL unary_expr { $$ = ps.make<StarExpr>($1.pos, $2); }
  ;

primary_expr:
    operand { $$ = $1; }
  | primary_expr PERIOD NAME { $$ = ps.make<SelectorExpr>(@1, $1, ps.ident($3)); }
  | primary_expr PERIOD LPAREN type RPAREN { $$ = ps.make<TypeAssertExpr>(@1, $1, $4); }
  | primary_expr PERIOD LPAREN TYPE RPAREN {
      auto* g = ps.make<TypeAssertExpr>(@1, $1, nullptr);
      ps.type_guards.insert(g); $$ = g;
    }
  | primary_expr LBRACK expr RBRACK { $$ = ps.make<IndexExpr>(@1, $1, $3); }
  | primary_expr LBRACK opt_expr COLON opt_expr RBRACK {
      auto* s = ps.make<SliceExpr>(@1, $1); s->low = $3; s->high = $5; $$ = s;
    }
  | primary_expr LBRACK opt_expr COLON opt_expr COLON opt_expr RBRACK {
      $$ = ps.slice3(@1, $1, $3, $5, $4, $7, $8);
    }
  | primary_expr LPAREN call_args RPAREN {
      auto* c = ps.make<CallExpr>(@1, $1);
      c->lparen = $2.pos; c->rparen = $4.pos;
      c->args = std::move(*$3); c->has_ellipsis = ps.take_ellipsis(); $$ = c;
    }
  | primary_expr LPAREN error paren_recover RECOVER { $$ = ps.make<BadExpr>(@1); }
  | primary_expr LBRACE elts RBRACE { $$ = ps.complit($1, $2, *$3, $4); }
  | primary_expr LBRACE error brace_recover RECOVER { $$ = ps.make<BadExpr>(@1); }
  | lit_type lbrace elts RBRACE { $$ = ps.complit($1, $2, *$3, $4); ps.fix_lbrace($2); }
  | lit_type lbrace error brace_recover RECOVER { $$ = ps.make<BadExpr>(@1); ps.fix_lbrace($2); }
  ;

operand:
    INT { $$ = ps.basic_lit($1); }
  | FLOAT { $$ = ps.basic_lit($1); }
  | IMAG { $$ = ps.basic_lit($1); }
  | CHAR { $$ = ps.basic_lit($1); }
  | STRING { $$ = ps.basic_lit($1); }
  | NAME { $$ = ps.ident($1); }
  | LPAREN expr RPAREN { $$ = ps.make<ParenExpr>($1.pos, $2); }
  | LPAREN expr error want_recover RECOVER { $$ = ps.make<ParenExpr>($1.pos, $2); }
  | func_lit { $$ = $1; }
  | func_type %prec NO_BRACE { $$ = $1; }
  | lit_type %prec NO_BRACE { $$ = $1; }
  | chan_type_expr { $$ = $1; }
  | interface_type { $$ = $1; }
  ;

// Channel types in expressions; `<-chan T` is a receive applied to `chan T`
// there and ParseState::unary turns it into the type.
chan_type_expr:
    CHAN type_na { $$ = ps.make<ChanType>($1.pos, ChanDir::Both, $2); }
  | CHAN ARROW type { $$ = ps.make<ChanType>($1.pos, ChanDir::Send, $3); }
  ;

func_lit:
    func_type lbrace stmt_list RBRACE {
      auto* b = ps.make<BlockStmt>($2.pos); b->list = std::move(*$3); b->rbrace = $4.pos;
      $$ = ps.make<FuncLit>(@1, static_cast<FuncType*>($1), b);
      ps.fix_lbrace($2);
    }
  ;

call_args:
    %empty { $$ = ps.list<Expr*>(); ps.ellipsis = false; }
  | arg_list ocomma { $$ = $1; ps.ellipsis = false; }
  | arg_list ELLIPSIS ocomma { $$ = $1; ps.ellipsis = true; }
  ;

arg_list:
    expr { $$ = ps.list<Expr*>($1); }
  | arg_list COMMA expr { $$ = $1; $$->push_back($3); }
  ;

opt_expr:
    %empty { $$ = nullptr; }
  | expr { $$ = $1; }
  ;

expr_list:
    expr { $$ = ps.list<Expr*>($1); }
  | expr_list COMMA expr { $$ = $1; $$->push_back($3); }
  ;

elts:
    %empty { $$ = ps.list<Expr*>(); }
  | elt_list ocomma { $$ = $1; }
  ;

elt_list:
    elt { $$ = ps.list<Expr*>($1); }
  | elt_list COMMA elt { $$ = $1; $$->push_back($3); }
  ;

elt:
    elem { $$ = $1; }
  | elem COLON elem { $$ = ps.make<KeyValueExpr>($1->pos, $1, $3); }
  ;

// An element, or a composite literal whose type is elided.
elem:
    expr { $$ = $1; }
  | LBRACE elts RBRACE { $$ = ps.complit(nullptr, $1, *$2, $3); }
  | LBRACE error brace_recover RECOVER { $$ = ps.make<BadExpr>($1.pos); }
  ;

// ---------------------------------------------------------------- statements
stmt_list:
    stmt_opt { $$ = ps.list<Stmt*>(); if ($1) $$->push_back($1); }
  | stmt_list SEMI stmt_opt { $$ = $1; if ($3) $$->push_back($3); }
  | error stmt_recover RECOVER stmt_opt { $$ = ps.list<Stmt*>(); if ($4) $$->push_back($4); }
  | stmt_list error stmt_recover RECOVER stmt_opt { $$ = $1; if ($5) $$->push_back($5); }
  ;

stmt_opt:
    %empty { $$ = nullptr; }
  | stmt { $$ = $1; }
  ;

stmt:
    decl_stmt { $$ = $1; }
  | simple_stmt { $$ = $1; }
  | labeled_stmt { $$ = $1; }
  | GO expr { $$ = ps.make<GoStmt>($1.pos, ps.call_stmt($2, "go")); }
  | DEFER expr { $$ = ps.make<DeferStmt>($1.pos, ps.call_stmt($2, "defer")); }
  | RETURN { $$ = ps.make<ReturnStmt>($1.pos); }
  | RETURN expr_list { auto* r = ps.make<ReturnStmt>($1.pos); r->results = std::move(*$2); $$ = r; }
  | BREAK { $$ = ps.make<BranchStmt>($1.pos, BranchTok::Break, nullptr); }
  | BREAK NAME { $$ = ps.make<BranchStmt>($1.pos, BranchTok::Break, ps.ident($2)); }
  | CONTINUE { $$ = ps.make<BranchStmt>($1.pos, BranchTok::Continue, nullptr); }
  | CONTINUE NAME { $$ = ps.make<BranchStmt>($1.pos, BranchTok::Continue, ps.ident($2)); }
  | GOTO NAME { $$ = ps.make<BranchStmt>($1.pos, BranchTok::Goto, ps.ident($2)); }
  | FALLTHROUGH { $$ = ps.make<BranchStmt>($1.pos, BranchTok::Fallthrough, nullptr); }
  | block { $$ = $1; }
  | if_stmt { $$ = $1; }
  | for_stmt { $$ = $1; }
  | switch_stmt { $$ = $1; }
  | select_stmt { $$ = $1; }
  ;

decl_stmt:
    const_decl { $$ = ps.make<DeclStmt>($1->pos, $1); }
  | var_decl { $$ = ps.make<DeclStmt>($1->pos, $1); }
  | type_decl { $$ = ps.make<DeclStmt>($1->pos, $1); }
  ;

labeled_stmt:
    NAME COLON stmt_opt {
      Ident* l = ps.ident($1);
      Stmt* s = $3 ? $3 : ps.make<EmptyStmt>($2.pos);
      ps.set_label(l, s);
      $$ = ps.make<LabeledStmt>($1.pos, l, s);
    }
  ;

simple_stmt:
    expr { $$ = ps.make<ExprStmt>(@1, $1); }
  | expr ARROW expr { $$ = ps.make<SendStmt>(@1, $1, $3); }
  | expr INC { auto* s = ps.make<IncDecStmt>(@1, $1, Op::Inc); s->op_pos = $2.pos; $$ = s; }
  | expr DEC { auto* s = ps.make<IncDecStmt>(@1, $1, Op::Dec); s->op_pos = $2.pos; $$ = s; }
  | expr_list ASSIGN expr_list { $$ = ps.assign(*$1, $2, AssignTok::Assign, *$3); }
  | expr_list DEFINE expr_list { $$ = ps.assign(*$1, $2, AssignTok::Define, *$3); }
  | expr ASSIGN_OP expr {
      std::vector<Expr*> l{$1}, r{$3};
      $$ = ps.assign(l, $2, AssignTok::OpAssign, r);
    }
  ;

opt_simple:
    %empty { $$ = nullptr; }
  | simple_stmt { $$ = $1; }
  ;

block:
    LBRACE stmt_list RBRACE {
      $$ = ps.make<BlockStmt>($1.pos); $$->list = std::move(*$2); $$->rbrace = $3.pos;
    }
  ;

// The body of an if, for, switch or select statement.
body:
    BODY stmt_list RBRACE {
      $$ = ps.make<BlockStmt>($1.pos); $$->list = std::move(*$2); $$->rbrace = $3.pos;
    }
  | error body_recover RECOVER stmt_list RBRACE {
      $$ = ps.make<BlockStmt>(@3); $$->list = std::move(*$4); $$->rbrace = $5.pos;
    }
  ;

if_stmt:
    IF opt_simple body else_opt {
      $$ = ps.make<IfStmt>($1.pos, nullptr, ps.if_cond($1, nullptr, nullptr, $2, $3), $3, $4);
    }
  | IF opt_simple SEMI opt_simple body else_opt {
      $$ = ps.make<IfStmt>($1.pos, $2, ps.if_cond($1, $2, &$3, $4, $5), $5, $6);
    }
  ;

else_opt:
    %empty { $$ = nullptr; }
  | ELSE if_stmt { $$ = $2; }
  | ELSE block { $$ = $2; }
  ;

for_stmt:
    FOR opt_simple body { $$ = ps.make_for($1, nullptr, ps.for_cond($1, $2), nullptr, $3); }
  | FOR opt_simple SEMI opt_expr SEMI opt_simple body {
      $$ = ps.make_for($1, $2, $4, ps.for_post($6), $7);
    }
  | FOR RANGE expr body {
      auto* r = ps.make<RangeStmt>($1.pos); r->x = $3; r->body = $4; r->tok_pos = $2.pos; $$ = r;
    }
  | FOR expr_list ASSIGN RANGE expr body { $$ = ps.range($1, *$2, $3, AssignTok::Assign, $5, $6); }
  | FOR expr_list DEFINE RANGE expr body { $$ = ps.range($1, *$2, $3, AssignTok::Define, $5, $6); }
  ;

switch_stmt:
    SWITCH opt_simple BODY case_clauses RBRACE {
      $$ = ps.make_switch($1, nullptr, $2, ps.clause_block($3, *$4, $5));
    }
  | SWITCH opt_simple SEMI opt_simple BODY case_clauses RBRACE {
      $$ = ps.make_switch($1, $2, $4, ps.clause_block($5, *$6, $7));
    }
  ;

case_clauses:
    %empty { $$ = ps.list<Stmt*>(); }
  | case_clauses case_clause { $$ = $1; $$->push_back($2); }
  ;

case_clause:
    CASE expr_list COLON stmt_list {
      auto* c = ps.make<CaseClause>($1.pos); c->list = std::move(*$2); c->colon = $3.pos; c->body = std::move(*$4); $$ = c;
    }
  | CASE error colon_recover RECOVER stmt_list {
      auto* c = ps.make<CaseClause>($1.pos); c->body = std::move(*$5); $$ = c;
    }
  | DEFAULT COLON stmt_list {
      auto* c = ps.make<CaseClause>($1.pos); c->is_default = true; c->colon = $2.pos; c->body = std::move(*$3); $$ = c;
    }
  ;

select_stmt:
    SELECT BODY comm_clauses RBRACE {
      auto* s = ps.make<SelectStmt>($1.pos); s->body = ps.clause_block($2, *$3, $4); $$ = s;
    }
  ;

comm_clauses:
    %empty { $$ = ps.list<Stmt*>(); }
  | comm_clauses comm_clause { $$ = $1; $$->push_back($2); }
  ;

comm_clause:
    CASE simple_stmt COLON stmt_list {
      auto* c = ps.make<CommClause>($1.pos); c->comm = $2; c->colon = $3.pos; c->body = std::move(*$4); $$ = c;
    }
  | DEFAULT COLON stmt_list {
      auto* c = ps.make<CommClause>($1.pos); c->colon = $2.pos; c->body = std::move(*$3); $$ = c;
    }
  ;

%%

namespace mgo::yy {

// Bison's token kind for each lexer token.
static Parser::token_kind_type to_token(Tok t) {
  using T = Parser::token;
  switch (t) {
    case Tok::EOF_: return T::YYEOF;
    case Tok::Semi: return T::SEMI;
    case Tok::Name: return T::NAME;
    case Tok::Int: return T::INT;
    case Tok::Float: return T::FLOAT;
    case Tok::Imag: return T::IMAG;
    case Tok::Char: return T::CHAR;
    case Tok::String: return T::STRING;
    case Tok::Break: return T::BREAK;
    case Tok::Case: return T::CASE;
    case Tok::Chan: return T::CHAN;
    case Tok::Const: return T::CONST;
    case Tok::Continue: return T::CONTINUE;
    case Tok::Default: return T::DEFAULT;
    case Tok::Defer: return T::DEFER;
    case Tok::Else: return T::ELSE;
    case Tok::Fallthrough: return T::FALLTHROUGH;
    case Tok::For: return T::FOR;
    case Tok::Func: return T::FUNC;
    case Tok::Go: return T::GO;
    case Tok::Goto: return T::GOTO;
    case Tok::If: return T::IF;
    case Tok::Import: return T::IMPORT;
    case Tok::Interface: return T::INTERFACE;
    case Tok::Map: return T::MAP;
    case Tok::Package: return T::PACKAGE;
    case Tok::Range: return T::RANGE;
    case Tok::Return: return T::RETURN;
    case Tok::Select: return T::SELECT;
    case Tok::Struct: return T::STRUCT;
    case Tok::Switch: return T::SWITCH;
    case Tok::Type: return T::TYPE;
    case Tok::Var: return T::VAR;
    case Tok::Add: return T::ADD;
    case Tok::Sub: return T::SUB;
    case Tok::Mul: return T::MUL;
    case Tok::Quo: return T::QUO;
    case Tok::Rem: return T::REM;
    case Tok::And: return T::AND;
    case Tok::Or: return T::OR;
    case Tok::Xor: return T::XOR;
    case Tok::Shl: return T::SHL;
    case Tok::Shr: return T::SHR;
    case Tok::AndNot: return T::ANDNOT;
    case Tok::LAnd: return T::LAND;
    case Tok::LOr: return T::LOR;
    case Tok::Eql: return T::EQL;
    case Tok::Neq: return T::NEQ;
    case Tok::Lss: return T::LSS;
    case Tok::Leq: return T::LEQ;
    case Tok::Gtr: return T::GTR;
    case Tok::Geq: return T::GEQ;
    case Tok::AssignOp: return T::ASSIGN_OP;
    case Tok::Arrow: return T::ARROW;
    case Tok::Inc: return T::INC;
    case Tok::Dec: return T::DEC;
    case Tok::Assign: return T::ASSIGN;
    case Tok::Define: return T::DEFINE;
    case Tok::Not: return T::NOT;
    case Tok::Tilde: return T::TILDE;
    case Tok::Ellipsis: return T::ELLIPSIS;
    case Tok::LParen: return T::LPAREN;
    case Tok::RParen: return T::RPAREN;
    case Tok::LBrack: return T::LBRACK;
    case Tok::RBrack: return T::RBRACK;
    case Tok::LBrace: return T::LBRACE;
    case Tok::RBrace: return T::RBRACE;
    case Tok::Comma: return T::COMMA;
    case Tok::Period: return T::PERIOD;
    case Tok::Colon: return T::COLON;
    case Tok::Body: return T::BODY;
    case Tok::FuncBody: return T::FUNC_BODY;
    case Tok::BodyStart: return T::BODY_START;
    case Tok::DeclStart: return T::DECL_START;
  }
  return T::YYEOF;
}

int yylex(Value* value, Pos* pos, ParseState& ps) {
  bool recover;
  Token t = ps.next_token(&recover);
  *pos = t.pos;
  if (recover) return Parser::token::RECOVER;
  value->tok = t;
  return to_token(t.tok);
}

// The lexer token for a Bison symbol (for "expected ..." lists); EOF_ for
// symbols that are not tokens.
static Tok to_tok(Parser::symbol_kind_type k) {
  using S = Parser::symbol_kind;
  switch (k) {
    case S::S_SEMI: return Tok::Semi;
    case S::S_NAME: return Tok::Name;
    case S::S_INT: case S::S_FLOAT: case S::S_IMAG: case S::S_CHAR: return Tok::Int;
    case S::S_STRING: return Tok::String;
    case S::S_BREAK: return Tok::Break;
    case S::S_CASE: return Tok::Case;
    case S::S_CHAN: return Tok::Chan;
    case S::S_CONST: return Tok::Const;
    case S::S_CONTINUE: return Tok::Continue;
    case S::S_DEFAULT: return Tok::Default;
    case S::S_DEFER: return Tok::Defer;
    case S::S_ELSE: return Tok::Else;
    case S::S_FALLTHROUGH: return Tok::Fallthrough;
    case S::S_FOR: return Tok::For;
    case S::S_FUNC: return Tok::Func;
    case S::S_GO: return Tok::Go;
    case S::S_GOTO: return Tok::Goto;
    case S::S_IF: return Tok::If;
    case S::S_IMPORT: return Tok::Import;
    case S::S_INTERFACE: return Tok::Interface;
    case S::S_MAP: return Tok::Map;
    case S::S_PACKAGE: return Tok::Package;
    case S::S_RANGE: return Tok::Range;
    case S::S_RETURN: return Tok::Return;
    case S::S_SELECT: return Tok::Select;
    case S::S_STRUCT: return Tok::Struct;
    case S::S_SWITCH: return Tok::Switch;
    case S::S_TYPE: return Tok::Type;
    case S::S_VAR: return Tok::Var;
    case S::S_ADD: return Tok::Add;
    case S::S_SUB: return Tok::Sub;
    case S::S_MUL: return Tok::Mul;
    case S::S_QUO: return Tok::Quo;
    case S::S_REM: return Tok::Rem;
    case S::S_AND: return Tok::And;
    case S::S_OR: return Tok::Or;
    case S::S_XOR: return Tok::Xor;
    case S::S_SHL: return Tok::Shl;
    case S::S_SHR: return Tok::Shr;
    case S::S_ANDNOT: return Tok::AndNot;
    case S::S_LAND: return Tok::LAnd;
    case S::S_LOR: return Tok::LOr;
    case S::S_EQL: return Tok::Eql;
    case S::S_NEQ: return Tok::Neq;
    case S::S_LSS: return Tok::Lss;
    case S::S_LEQ: return Tok::Leq;
    case S::S_GTR: return Tok::Gtr;
    case S::S_GEQ: return Tok::Geq;
    case S::S_ASSIGN_OP: return Tok::AssignOp;
    case S::S_ARROW: return Tok::Arrow;
    case S::S_INC: return Tok::Inc;
    case S::S_DEC: return Tok::Dec;
    case S::S_ASSIGN: return Tok::Assign;
    case S::S_DEFINE: return Tok::Define;
    case S::S_NOT: return Tok::Not;
    case S::S_TILDE: return Tok::Tilde;
    case S::S_ELLIPSIS: return Tok::Ellipsis;
    case S::S_LPAREN: return Tok::LParen;
    case S::S_RPAREN: return Tok::RParen;
    case S::S_LBRACK: return Tok::LBrack;
    case S::S_RBRACK: return Tok::RBrack;
    case S::S_LBRACE: return Tok::LBrace;
    case S::S_RBRACE: return Tok::RBrace;
    case S::S_COMMA: return Tok::Comma;
    case S::S_PERIOD: return Tok::Period;
    case S::S_COLON: return Tok::Colon;
    case S::S_BODY: return Tok::Body;
    case S::S_FUNC_BODY: return Tok::FuncBody;
    default: return Tok::EOF_;
  }
}

void Parser::report_syntax_error(const context& ctx) const {
  // Without LAC (parser_fast.cpp) the expected tokens are not exact: the
  // file is parsed again with it (see parse_file).
  if (ps.first_try) throw ParseAgain{};
  symbol_kind_type buf[128];
  int n = ctx.expected_tokens(buf, 128);
  std::vector<Tok> expected;
  for (int i = 0; i < n; i++) {
    if (buf[i] == symbol_kind::S_YYEOF) expected.push_back(Tok::EOF_);
    else if (Tok t = to_tok(buf[i]); t != Tok::EOF_) expected.push_back(t);
  }
  Pos pos = ctx.location();
  ErrKind kind;
  std::string msg = syntax_error_message(ps, expected, &pos, &kind);
  ps.syntax(pos, msg);
  ps.syntax_error_at(ps.la, kind);
}

void Parser::error(const location_type& loc, const std::string& msg) {
  ps.syntax(loc, "syntax error: " + msg);
}

}  // namespace mgo::yy

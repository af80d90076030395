// The abstract syntax tree of an mgo source file.
//
// Ownership: every node is allocated from an Arena and lives as long as it.
// The parser (lang/parser.y) builds the tree; the checker (lang/check*.cpp)
// annotates it in place (the fields under "set by the checker"); the compiler
// (vm/compile*.cpp) reads only annotated trees. A field the checker sets is
// never read before checking succeeds, so the compiler may trust it.
//
// Shapes follow Go's go/ast closely so a reader who knows go/ast finds the
// same names: BinaryExpr, CallExpr, CompositeLit, RangeStmt, TypeSwitchStmt...
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace mgo {

struct Type;       // lang/types.h
struct Object;     // lang/types.h
struct Constant;   // lang/constant.h
struct FuncInfo;   // lang/types.h
struct Node;

// A position in a source file. Lines and columns count from 1; the column
// counts bytes, as Go's compiler does.
struct Pos {
  int line = 0;
  int col = 0;
  bool valid() const { return line > 0; }
};

// Owns every node of one parsed file (and everything the checker allocates
// for it). Nodes are never freed individually: they are carved from large
// blocks (one malloc per node was a fifth of start-up, which parses and
// checks the stdlib packages a program imports), and the arena runs their
// destructors when it dies: a syntax node's through Node's virtual
// destructor, anything else's through a function kept beside it (no
// destructor depends on another object of the arena).
class Arena {
 public:
  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(alignof(T) <= alignof(std::max_align_t));
    T* raw = new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
    if constexpr (std::is_base_of_v<Node, T>) {
      nodes_.push_back(raw);
    } else if constexpr (!std::is_trivially_destructible_v<T>) {
      others_.push_back(Other{raw, [](void* q) { static_cast<T*>(q)->~T(); }});
    }
    return raw;
  }
  // Calls f(Node*) for every syntax node made here, in allocation order.
  template <class F>
  void for_each_node(F f) const {
    for (Node* n : nodes_) f(n);
  }
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

 private:
  struct Other {
    void* ptr;
    void (*dtor)(void*);
  };
  // size bytes aligned to align (at most alignof(std::max_align_t)).
  void* allocate(size_t size, size_t align) {
    size_t at = (used_ + align - 1) & ~(align - 1);
    if (at + size > cap_) return allocate_slow(size);
    used_ = at + size;
    return block_ + at;
  }
  void* allocate_slow(size_t size);
  std::vector<Node*> nodes_;
  std::vector<Other> others_;
  std::vector<std::unique_ptr<std::max_align_t[]>> blocks_;
  char* block_ = nullptr;  // the block being carved
  size_t used_ = 0, cap_ = 0;
};

// ---------------------------------------------------------------- tokens
// Operators as they appear in expressions and assignments.
enum class Op : uint8_t {
  None,
  Add, Sub, Mul, Quo, Rem,           // + - * / %
  And, Or, Xor, Shl, Shr, AndNot,    // & | ^ << >> &^
  LAnd, LOr,                         // && ||
  Eql, Neq, Lss, Leq, Gtr, Geq,      // == != < <= > >=
  Not,                               // ! (unary)
  Arrow,                             // <- (unary receive)
  Inc, Dec,                          // ++ -- (IncDecStmt only)
};
const char* op_string(Op op);  // "+", "&^", "<-", ...

// ---------------------------------------------------------------- nodes
enum class NodeKind : uint8_t {
  // expressions
  BadExpr, Ident, BasicLit, CompositeLit, FuncLit, ParenExpr, SelectorExpr,
  IndexExpr, SliceExpr, TypeAssertExpr, CallExpr, StarExpr, UnaryExpr,
  BinaryExpr, KeyValueExpr, Ellipsis,
  // type expressions
  ArrayType, StructType, FuncType, InterfaceType, MapType, ChanType,
  // statements
  BadStmt, DeclStmt, EmptyStmt, LabeledStmt, ExprStmt, SendStmt, IncDecStmt,
  AssignStmt, GoStmt, DeferStmt, ReturnStmt, BranchStmt, BlockStmt, IfStmt,
  CaseClause, SwitchStmt, TypeSwitchStmt, CommClause, SelectStmt, ForStmt,
  RangeStmt,
  // declarations
  ImportSpec, ValueSpec, TypeSpec, GenDecl, FuncDecl,
  Field, File,
};

struct Node {
  NodeKind kind;
  Pos pos;  // position of the node's first token (Go's Pos())
  explicit Node(NodeKind k, Pos p = {}) : kind(k), pos(p) {}
  virtual ~Node() = default;
};

// Every kind from BadExpr to ChanType is an Expr (a cheaper test than
// dynamic_cast, which cost 0.8M instructions at every start-up).
inline bool is_expr(NodeKind k) { return k < NodeKind::BadStmt; }

// How the checker classified an expression (Go's types2 operand modes).
enum class Mode : uint8_t {
  Invalid,   // error already reported
  NoValue,   // call of a function without results
  Builtin,   // name of a builtin function (len, append, ...)
  TypeExpr,  // the expression denotes a type
  Constant,  // compile-time constant; Expr::cval holds the value
  Variable,  // addressable value (can appear on the left of =, can take &)
  MapIndex,  // m[k]: assignable but not addressable
  Value,     // any other computed value
  CommaOk,   // value that may be used in a 2-value assignment (v, ok :=)
  Package,   // a package name (only as the X of a qualified SelectorExpr)
};

struct Expr : Node {
  using Node::Node;
  // ---- set by the checker
  Mode mode = Mode::Invalid;
  // The expression's type. For an untyped constant this is the type it was
  // finally given by its context (default type when the context is untyped,
  // e.g. `x := 1` gives int). Never an untyped type after checking, except
  // for the untyped nil, which has Type::untyped_nil and mode Value.
  const Type* type = nullptr;
  // Set iff mode == Constant: the value, already representable in `type`.
  const Constant* cval = nullptr;
  // True if this expression is used in a comma-ok context (v, ok := m[k],
  // x.(T), <-ch); the compiler then produces two results.
  bool comma_ok = false;
};

struct Stmt : Node {
  using Node::Node;
};

struct Decl : Node {
  using Node::Node;
};

struct BlockStmt;
struct FuncType;
struct FieldList;

struct BadExpr : Expr {
  BadExpr(Pos p) : Expr(NodeKind::BadExpr, p) {}
};

struct Ident : Expr {
  std::string name;
  // ---- set by the checker: the object this identifier denotes or declares.
  // nullptr for the blank identifier `_` on the left side of a definition.
  Object* obj = nullptr;
  Ident(Pos p, std::string n) : Expr(NodeKind::Ident, p), name(std::move(n)) {}
};

enum class LitKind : uint8_t { Int, Float, Imag, Char, String };

struct BasicLit : Expr {
  LitKind lit;
  std::string raw;  // source text, e.g. "0x_1F", "'\\n'", "`raw`"
  BasicLit(Pos p, LitKind k, std::string r)
      : Expr(NodeKind::BasicLit, p), lit(k), raw(std::move(r)) {}
};

struct FuncLit : Expr {
  FuncType* ftype;
  BlockStmt* body;
  // ---- set by the checker
  FuncInfo* info = nullptr;
  FuncLit(Pos p, FuncType* t, BlockStmt* b)
      : Expr(NodeKind::FuncLit, p), ftype(t), body(b) {}
};

struct CompositeLit : Expr {
  Expr* typ;  // may be nullptr for elided types inside another literal
  std::vector<Expr*> elts;  // KeyValueExpr or plain expressions
  Pos lbrace, rbrace;
  // ---- set by the checker
  // For struct literals: the field index (in Type::fields) of each element,
  // parallel to elts. For arrays and slices: the index of each element
  // (explicit keys resolved, implicit ones counted). For maps: unused.
  std::vector<int64_t> indices;
  CompositeLit(Pos p, Expr* t) : Expr(NodeKind::CompositeLit, p), typ(t) {}
};

struct ParenExpr : Expr {
  Expr* x;
  ParenExpr(Pos p, Expr* e) : Expr(NodeKind::ParenExpr, p), x(e) {}
};

// What a SelectorExpr x.sel turned out to be (Go's types2.Selection).
enum class SelKind : uint8_t {
  None,
  Qualified,   // pkg.Name: sel->obj is the package member
  FieldVal,    // x.f  (field, possibly promoted through embedded fields)
  MethodVal,   // x.M  (method value or the callee of a method call)
  MethodExpr,  // T.M or (*T).M: a function whose first parameter is the receiver
};

struct SelectorExpr : Expr {
  Expr* x;
  Ident* sel;
  // ---- set by the checker
  SelKind sel_kind = SelKind::None;
  // The path through embedded fields, Go's Selection.Index(): for FieldVal,
  // each entry is a field index, the last one the selected field. For
  // MethodVal/MethodExpr, all but the last entry are the embedded fields to
  // walk; the last entry is the method's index in its receiver base type's
  // method list (Type::methods of the named type that declares it, or the
  // interface's method index when the receiver is an interface).
  std::vector<int> path;
  // One entry per FIELD selection in `path` (path.size() entries for a
  // FieldVal, path.size()-1 for a MethodVal/MethodExpr, whose last entry is
  // the method): whether the value reached before that step is a pointer to
  // dereference first. derefs[0] refers to x itself (true for p.f with p *T).
  std::vector<bool> derefs;
  // For MethodVal: the method's receiver is a pointer (*T) and x (after the
  // path) is an addressable T, so &x is taken implicitly; or the receiver is
  // a value (T) and x is *T, so *x is taken implicitly.
  bool implicit_addr = false;
  bool implicit_deref = false;
  // For MethodVal on an interface value: true (dynamic dispatch).
  bool iface_method = false;
  SelectorExpr(Pos p, Expr* e, Ident* s)
      : Expr(NodeKind::SelectorExpr, p), x(e), sel(s) {}
};

struct IndexExpr : Expr {
  Expr* x;
  Expr* index;
  IndexExpr(Pos p, Expr* e, Expr* i) : Expr(NodeKind::IndexExpr, p), x(e), index(i) {}
};

struct SliceExpr : Expr {
  Expr* x;
  Expr* low = nullptr;  // each may be nullptr
  Expr* high = nullptr;
  Expr* max = nullptr;
  bool slice3 = false;
  SliceExpr(Pos p, Expr* e) : Expr(NodeKind::SliceExpr, p), x(e) {}
};

struct TypeAssertExpr : Expr {
  Expr* x;
  Expr* typ;  // nullptr for x.(type) in a type switch
  TypeAssertExpr(Pos p, Expr* e, Expr* t)
      : Expr(NodeKind::TypeAssertExpr, p), x(e), typ(t) {}
};

// Which builtin a CallExpr calls (set by the checker).
enum class Builtin : uint8_t {
  None, Append, Cap, Clear, Close, Copy, Delete, Len, Make, Max, Min, New,
  Panic, Print, Println, Recover,
};

enum class CallKind : uint8_t {
  None,
  Conversion,  // T(x): fun denotes a type
  Builtin,     // len(x) etc.: see CallExpr::builtin
  Func,        // call of a function value (including top-level functions)
  Method,      // x.M(...): fun is a SelectorExpr with sel_kind MethodVal
};

struct CallExpr : Expr {
  Expr* fun;
  std::vector<Expr*> args;
  bool has_ellipsis = false;  // f(xs...)
  // `go x` or `defer x` where x is no call: the parser wraps x (fun) for
  // the checker, which reports it, as Go's type checker does.
  bool not_a_call = false;
  Pos lparen, rparen;
  // ---- set by the checker
  CallKind call_kind = CallKind::None;
  Builtin builtin = Builtin::None;
  // For a call f(g()) where g returns several values that become f's
  // arguments: true. The compiler spreads g's results.
  bool spread_tuple = false;
  CallExpr(Pos p, Expr* f) : Expr(NodeKind::CallExpr, p), fun(f) {}
};

struct StarExpr : Expr {  // *x: dereference, or pointer type
  Expr* x;
  StarExpr(Pos p, Expr* e) : Expr(NodeKind::StarExpr, p), x(e) {}
};

struct UnaryExpr : Expr {  // + - ! ^ & <-
  Op op;  // Add, Sub, Not, Xor, And (address-of), Arrow (receive)
  Expr* x;
  UnaryExpr(Pos p, Op o, Expr* e) : Expr(NodeKind::UnaryExpr, p), op(o), x(e) {}
};

struct BinaryExpr : Expr {
  Op op;
  Pos op_pos;
  Expr* x;
  Expr* y;
  BinaryExpr(Pos p, Op o, Pos opp, Expr* a, Expr* b)
      : Expr(NodeKind::BinaryExpr, p), op(o), op_pos(opp), x(a), y(b) {}
};

struct KeyValueExpr : Expr {
  Expr* key;
  Expr* value;
  KeyValueExpr(Pos p, Expr* k, Expr* v)
      : Expr(NodeKind::KeyValueExpr, p), key(k), value(v) {}
};

struct Ellipsis : Expr {  // ...T in a parameter list, or [...]T in an array type
  Expr* elt;  // nullptr in [...]T
  Ellipsis(Pos p, Expr* e) : Expr(NodeKind::Ellipsis, p), elt(e) {}
};

// ---------------------------------------------------------------- type expressions
struct Field : Node {  // one entry of a FieldList: `a, b int`, `T` (embedded), `string`
  std::vector<Ident*> names;  // empty for anonymous parameters/embedded fields
  Expr* type;
  std::string tag;  // struct tag text (kept, meaning not supported)
  Field(Pos p, Expr* t) : Node(NodeKind::Field, p), type(t) {}
};

struct FieldList {
  Pos opening, closing;
  std::vector<Field*> list;
  // number of entries counting each name separately (Go's NumFields)
  int num_fields() const {
    int n = 0;
    for (auto* f : list) n += f->names.empty() ? 1 : int(f->names.size());
    return n;
  }
};

struct ArrayType : Expr {  // [N]T, [...]T (len is an Ellipsis), []T (len nullptr)
  Expr* len;
  Expr* elt;
  ArrayType(Pos p, Expr* l, Expr* e) : Expr(NodeKind::ArrayType, p), len(l), elt(e) {}
};

struct StructType : Expr {
  FieldList fields;
  StructType(Pos p) : Expr(NodeKind::StructType, p) {}
};

struct FuncType : Expr {
  FieldList params;
  FieldList results;  // empty list when the function has no results
  FuncType(Pos p) : Expr(NodeKind::FuncType, p) {}
};

struct InterfaceType : Expr {
  // Methods: names has one entry and type is a FuncType.
  // Embedded interfaces: names empty and type is the interface's name.
  FieldList methods;
  InterfaceType(Pos p) : Expr(NodeKind::InterfaceType, p) {}
};

struct MapType : Expr {
  Expr* key;
  Expr* value;
  MapType(Pos p, Expr* k, Expr* v) : Expr(NodeKind::MapType, p), key(k), value(v) {}
};

enum class ChanDir : uint8_t { Both, Send, Recv };

struct ChanType : Expr {
  ChanDir dir;
  Expr* value;
  ChanType(Pos p, ChanDir d, Expr* v) : Expr(NodeKind::ChanType, p), dir(d), value(v) {}
};

// ---------------------------------------------------------------- statements
struct BadStmt : Stmt {
  BadStmt(Pos p) : Stmt(NodeKind::BadStmt, p) {}
};

struct GenDecl;
struct DeclStmt : Stmt {
  GenDecl* decl;
  DeclStmt(Pos p, GenDecl* d) : Stmt(NodeKind::DeclStmt, p), decl(d) {}
};

struct EmptyStmt : Stmt {
  EmptyStmt(Pos p) : Stmt(NodeKind::EmptyStmt, p) {}
};

struct LabeledStmt : Stmt {
  Ident* label;
  Stmt* stmt;
  LabeledStmt(Pos p, Ident* l, Stmt* s) : Stmt(NodeKind::LabeledStmt, p), label(l), stmt(s) {}
};

struct ExprStmt : Stmt {
  Expr* x;
  ExprStmt(Pos p, Expr* e) : Stmt(NodeKind::ExprStmt, p), x(e) {}
};

struct SendStmt : Stmt {
  Expr* chan;
  Expr* value;
  SendStmt(Pos p, Expr* c, Expr* v) : Stmt(NodeKind::SendStmt, p), chan(c), value(v) {}
};

struct IncDecStmt : Stmt {
  Expr* x;
  Op op;  // Inc or Dec
  Pos op_pos;  // of "++"/"--" (Go's position for the statement in messages)
  IncDecStmt(Pos p, Expr* e, Op o) : Stmt(NodeKind::IncDecStmt, p), x(e), op(o) {}
};

enum class AssignTok : uint8_t { Assign, Define, OpAssign };  // = := op=

struct AssignStmt : Stmt {
  std::vector<Expr*> lhs;
  AssignTok tok;
  Op op = Op::None;  // for OpAssign: Add for +=, etc.
  Pos tok_pos;
  std::vector<Expr*> rhs;
  // ---- set by the checker: for :=, which lhs identifiers are new
  // declarations (the others are assignments to existing variables).
  std::vector<bool> is_new;
  AssignStmt(Pos p, AssignTok t) : Stmt(NodeKind::AssignStmt, p), tok(t) {}
};

struct GoStmt : Stmt {
  CallExpr* call;
  GoStmt(Pos p, CallExpr* c) : Stmt(NodeKind::GoStmt, p), call(c) {}
};

struct DeferStmt : Stmt {
  CallExpr* call;
  DeferStmt(Pos p, CallExpr* c) : Stmt(NodeKind::DeferStmt, p), call(c) {}
};

struct ReturnStmt : Stmt {
  std::vector<Expr*> results;
  ReturnStmt(Pos p) : Stmt(NodeKind::ReturnStmt, p) {}
};

enum class BranchTok : uint8_t { Break, Continue, Goto, Fallthrough };

struct BranchStmt : Stmt {
  BranchTok tok;
  Ident* label;  // may be nullptr
  // ---- set by the checker: the statement this break/continue refers to
  // (a ForStmt, RangeStmt, SwitchStmt, TypeSwitchStmt or SelectStmt).
  Stmt* target = nullptr;
  BranchStmt(Pos p, BranchTok t, Ident* l) : Stmt(NodeKind::BranchStmt, p), tok(t), label(l) {}
};

struct BlockStmt : Stmt {
  std::vector<Stmt*> list;
  Pos rbrace;
  BlockStmt(Pos p) : Stmt(NodeKind::BlockStmt, p) {}
};

struct IfStmt : Stmt {
  Stmt* init = nullptr;
  Expr* cond;
  BlockStmt* body;
  Stmt* else_ = nullptr;  // nullptr, IfStmt or BlockStmt
  IfStmt(Pos p, Stmt* i, Expr* c, BlockStmt* b, Stmt* e)
      : Stmt(NodeKind::IfStmt, p), init(i), cond(c), body(b), else_(e) {}
};

struct CaseClause : Stmt {  // case x, y: / default:  (in switch and type switch)
  std::vector<Expr*> list;  // empty for default
  bool is_default = false;
  std::vector<Stmt*> body;
  Pos colon;
  // ---- set by the checker (type switches with a bound variable only):
  // the variable implicitly declared in this clause, typed as Go specifies
  // (the case type for single-type cases, the switch operand's type otherwise).
  Object* implicit = nullptr;
  CaseClause(Pos p) : Stmt(NodeKind::CaseClause, p) {}
};

struct SwitchStmt : Stmt {
  Stmt* init = nullptr;
  Expr* tag = nullptr;  // nullptr for `switch { ... }`
  BlockStmt* body;      // list of CaseClause
  Ident* label = nullptr;  // set by the parser when the switch is labelled
  SwitchStmt(Pos p) : Stmt(NodeKind::SwitchStmt, p) {}
};

struct TypeSwitchStmt : Stmt {
  Stmt* init = nullptr;
  // `x := y.(type)` (an AssignStmt with Define) or `y.(type)` (an ExprStmt);
  // the right side is a TypeAssertExpr with typ == nullptr.
  Stmt* assign;
  BlockStmt* body;  // list of CaseClause; a `nil` case has an Ident "nil"
  Ident* label = nullptr;
  TypeSwitchStmt(Pos p) : Stmt(NodeKind::TypeSwitchStmt, p) {}
};

struct CommClause : Stmt {  // case send/recv: / default:  (in select)
  Stmt* comm = nullptr;  // SendStmt, ExprStmt(<-c), AssignStmt(v[, ok] = / := <-c); nullptr = default
  std::vector<Stmt*> body;
  Pos colon;
  CommClause(Pos p) : Stmt(NodeKind::CommClause, p) {}
};

struct SelectStmt : Stmt {
  BlockStmt* body;  // list of CommClause
  Ident* label = nullptr;
  SelectStmt(Pos p) : Stmt(NodeKind::SelectStmt, p) {}
};

struct ForStmt : Stmt {
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body;
  Ident* label = nullptr;
  ForStmt(Pos p) : Stmt(NodeKind::ForStmt, p) {}
};

struct RangeStmt : Stmt {
  Expr* key = nullptr;    // may be nullptr
  Expr* value = nullptr;  // may be nullptr
  AssignTok tok = AssignTok::Assign;  // Define for :=, Assign for = (or no vars)
  Pos tok_pos;
  Expr* x;
  BlockStmt* body;
  Ident* label = nullptr;
  RangeStmt(Pos p) : Stmt(NodeKind::RangeStmt, p) {}
};

// ---------------------------------------------------------------- declarations
struct ImportSpec : Node {
  Ident* name = nullptr;  // local name, `.`, `_`, or nullptr
  std::string path;       // unquoted
  Pos path_pos;
  ImportSpec(Pos p) : Node(NodeKind::ImportSpec, p) {}
};

struct ValueSpec : Node {  // one line of a var or const declaration
  std::vector<Ident*> names;
  Expr* type = nullptr;
  std::vector<Expr*> values;
  // For const specs with an omitted expression list, the parser copies
  // nothing; the checker repeats the previous spec's expressions with this
  // spec's iota.
  int iota = 0;  // index of the spec within its GenDecl (set by the parser)
  ValueSpec(Pos p) : Node(NodeKind::ValueSpec, p) {}
};

struct TypeSpec : Node {
  Ident* name;
  bool alias = false;  // type A = B
  Expr* type;
  TypeSpec(Pos p, Ident* n, Expr* t) : Node(NodeKind::TypeSpec, p), name(n), type(t) {}
};

enum class DeclTok : uint8_t { Import, Const, Type, Var };

struct GenDecl : Decl {
  DeclTok tok;
  std::vector<Node*> specs;  // ImportSpec, ValueSpec or TypeSpec
  GenDecl(Pos p, DeclTok t) : Decl(NodeKind::GenDecl, p), tok(t) {}
};

struct FuncDecl : Decl {
  FieldList* recv = nullptr;  // nullptr for functions; one Field for methods
  Ident* name;
  FuncType* ftype;
  BlockStmt* body = nullptr;  // nullptr: declared without body (native, stdlib only),
                              // or its body is not parsed yet (lazy_body())
  // A body that a lazy parse (ParseOptions::lazy_bodies) skipped: the
  // source's bytes [lazy_begin, lazy_end), from its "{" at lazy_lbrace to
  // its "}". parse_func_body parses it into body.
  uint32_t lazy_begin = 0, lazy_end = 0;
  Pos lazy_lbrace;
  bool lazy_body() const { return !body && lazy_end > lazy_begin; }
  // ---- set by the checker
  FuncInfo* info = nullptr;
  FuncDecl(Pos p, Ident* n, FuncType* t) : Decl(NodeKind::FuncDecl, p), name(n), ftype(t) {}
};

// A top-level const, var, type or func declaration that a lazy parse
// (ParseOptions::lazy_decls) found but did not parse: what it declares and
// where its text is. parse_decl parses it when the checker first needs it.
struct LazyDecl {
  enum Kind : uint8_t { Const, Var, Type, Func } kind = Func;
  uint32_t begin = 0, end = 0;  // the source's bytes, from the keyword to its last token
  Pos pos;                      // the keyword's
  struct Name {
    std::string_view name;  // into File::source
    Pos pos;
  };
  // Every name it declares, in order (each spec's names for a group); for
  // a method, its own name.
  std::vector<Name> names;
  // A method's receiver base type name (T of `func (r *T) M()`); empty for
  // everything else.
  std::string_view recv;
  Decl* decl = nullptr;  // parse_decl's result: a GenDecl or a FuncDecl
};

struct File : Node {
  std::string filename;  // as given on the command line (used in messages)
  Ident* package_name = nullptr;
  std::vector<ImportSpec*> imports;
  std::vector<Decl*> decls;  // GenDecl and FuncDecl in source order, imports included
  // A lazy_decls parse puts only the imports in decls, and every other
  // top-level declaration here, in source order.
  std::vector<LazyDecl> lazy_decls;
  // The source text, kept by a lazy parse only (its function bodies are
  // parsed from it later, see FuncDecl::lazy_body): it must outlive the File.
  std::string_view source;
  Arena arena;  // owns every node above
  File() : Node(NodeKind::File) {}
};

}  // namespace mgo

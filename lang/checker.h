// The type checker's internals (Go's types2.Checker, simplified). Only the
// lang/check*.cpp files include this; everyone else uses lang/check.h.
//
// Flow: check_program -> check_package (main, and each import recursively):
//   1. collect_objects: every package-level name gets an Object and a
//      DeclInfo; methods are remembered by receiver base type name.
//   2. resolve every object lazily (obj_decl), with white/grey/black
//      colouring for cycle detection, as types2's objDecl does.
//   3. check function bodies (after all package-level declarations).
//   A standard-library package is lazy: it parses and declares a function or
//   type only when checked code names it (use_object), and checks only the
//   bodies the program can reach: its init functions, the functions and
//   methods checked code names (use_func), and the methods of its declared
//   types that an interface method call of their name may reach
//   (use_method_name), transitively.
//   4. compute the package variable initialisation order.
// When the whole program checks without errors, canonicalize() replaces every
// spelled type (lang/types.h, "Spelling") the compiler can reach by its
// canonical variant.
//
// Untyped expressions: an expression is checked bottom-up and may end with an
// untyped type; the context then gives it its final type with
// `convert_untyped`, which walks down the untyped subtree and rewrites
// Expr::type and Expr::cval (types2's updateExprType).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "lang/ast.h"
#include "lang/check.h"
#include "lang/constant.h"
#include "lang/diag.h"
#include "lang/types.h"

namespace mgo {

// What a package-level object was declared by.
struct DeclInfo {
  enum Kind { Const, Var, TypeDecl, Func } kind = Var;
  File* file = nullptr;
  Expr* typ = nullptr;   // declared type (const, var)
  Expr* init = nullptr;  // initialiser (const, var); for `var a, b = f()` shared
  int iota = 0;
  std::vector<Object*> lhs;  // var: all objects of a multi-value spec
  TypeSpec* tspec = nullptr;
  FuncDecl* fdecl = nullptr;
  // A lazy package's type or function whose declaration is not parsed yet:
  // obj_decl parses it first (parse_lazy), which sets tspec or fdecl.
  LazyDecl* lazy = nullptr;
  int order = 0;  // declaration order in the package
  // Package-level vars and funcs this declaration refers to.
  std::vector<Object*> deps;
};

enum class Color : uint8_t { White, Grey, Black };

// Every Object and FuncInfo the checkers of one program made, so that
// canonicalize() can reach them all.
struct MadeObjects {
  std::vector<Object*> objects;
  std::vector<FuncInfo*> funcs;
};

// Where a break/continue may go.
struct BranchCtx {
  Stmt* breakable = nullptr;  // innermost for/switch/select
  Stmt* loop = nullptr;       // innermost for/range
  bool fallthrough_ok = false;
};

class Checker;

// Function bodies of standard-library packages that some checked code can
// call and that are not checked yet (Checker::use_func), and the checker of
// every package, which keeps the package's scopes and declarations so that
// its bodies can be checked after the package itself. Shared by the
// checkers of one program.
//
// A method of a standard-library type is reachable when checked code calls
// it directly, or when its name is one that code may call dynamically (Go's
// linker keeps methods the same way, by name and signature): the name of an
// interface method that checked code selects, or one the VM and the natives
// call (fmt's and the panic report's String, Error and GoString).
struct PendingBodies {
  std::deque<FuncDecl*> work;
  std::map<Package*, std::unique_ptr<Checker>> checkers;
  std::set<std::string, std::less<>> dynamic_names{"Error", "GoString", "String"};
  // The methods of declared library types not reachable yet, by name.
  std::map<std::string, std::vector<Object*>, std::less<>> methods_waiting;
};

// Process-lifetime storage for what the checker allocates (objects,
// scopes, FuncInfos, imported files): Types refer to Objects and live for
// the process.
Arena& checker_arena();

class Checker {
 public:
  explicit Checker(Diagnostics& diags) : diags_(diags) {}
  Program* run(File* main);

  // ---- check.cpp: packages and imports
  Package* import_package(const std::string& path, Pos pos);
  void check_package(Package* pkg, File* file);
  void check_imports(File* file);
  void check_unused_imports();
  void canonicalize(MadeObjects& made);  // check_canon.cpp
  void error(Pos pos, const std::string& msg);
  // "file:line:col", as Go's continuation lines and "first at" name a position.
  std::string pos_string(Pos pos) const;
  void multiple_defaults(Pos pos, Pos& first);
  void error_in(File* f, Pos pos, const std::string& msg);
  template <class T, class... A>
  T* make(A&&... args);

  // ---- check_decl.cpp: package-level and local declarations
  void collect_objects(File* file);
  void collect_decl(Decl* decl, int& order);
  void collect_lazy(LazyDecl* ld, int& order);
  bool parse_lazy(Object* obj, DeclInfo* d);
  void collect_value_spec(GenDecl* gd, ValueSpec* vs, ValueSpec*& last_const, int& order);
  void collect_func(FuncDecl* fd, int order);
  Object* new_object(ObjKind kind, Ident* name);
  Object* new_object(ObjKind kind, std::string_view name, Pos pos);
  void declare(Scope* s, Ident* id, Object* obj);
  void declare(Scope* s, std::string_view name, Pos pos, Object* obj);
  void obj_decl(Object* obj);
  void const_decl(Object* obj, Expr* typ, Expr* init, int iota);
  void var_decl(Object* obj, DeclInfo* d);
  void var_decl_multi(std::vector<Object*> lhs, Expr* typ, std::vector<Expr*>& values, Pos pos);
  void type_decl(Object* obj, TypeSpec* ts);
  void collect_methods(Object* tobj);
  void method_decl(Object* mobj);
  void func_decl(Object* obj);
  void local_decl(GenDecl* gd);
  void check_func_bodies();
  void use_object(Object* obj);
  void use_func(Object* obj);
  void use_method_name(const std::string& name);
  void check_body(FuncDecl* fd);
  void check_pending_bodies();
  void init_order();
  std::vector<Object*> value_deps(Object* obj);
  std::vector<Object*> init_path(Object* from, Object* to, std::set<Object*>& seen);
  void init_cycle_error(const std::vector<Object*>& cycle);
  void emit_var_init(Object* obj, std::set<DeclInfo*>& emitted);
  void record_dep(Object* obj);
  void cycle_error(Object* obj);
  bool values_only_cycle(Object* obj);
  std::string func_name(FuncDecl* fd, const Type* recv_base, bool ptr);

  // ---- check_typexpr.cpp: type expressions
  const Type* type_expr(Expr* e);
  const Type* type_expr_internal(Expr* e);
  const Type* struct_type(StructType* st);
  const Type* interface_type(InterfaceType* it);
  const Type* func_type(FuncType* ft, std::vector<Object*>* params,
                        std::vector<Object*>* results, bool* named_results);
  int64_t array_length(Expr* e);
  const Type* sized(const Type* t, int64_t slots, Pos pos);
  bool is_incomplete(const Type* t);

  // ---- check_expr.cpp: expressions
  void expr(Expr* e, const Type* hint = nullptr);
  void expr_or_type(Expr* e, const Type* hint = nullptr);
  void multi_expr(Expr* e);
  void raw_expr(Expr* e, const Type* hint, bool allow_tuple);
  void expr_internal(Expr* e, const Type* hint);
  void ident(Ident* id);
  void mark_addr(Expr* e);
  void basic_lit(BasicLit* lit);
  void unary(UnaryExpr* e);
  void binary(BinaryExpr* e);
  void shift(BinaryExpr* e);
  void comparison(BinaryExpr* e);
  void star(StarExpr* e);
  void index_expr(IndexExpr* e);
  void slice_expr(SliceExpr* e);
  void type_assert(TypeAssertExpr* e);
  bool single_value(Expr* e);
  void invalidate(Expr* e) { e->mode = Mode::Invalid; e->type = types().invalid(); e->cval = nullptr; }
  bool is_valid(Expr* e) const { return e && e->mode != Mode::Invalid; }
  int64_t constant_index(Expr* e, int64_t max, bool* ok);
  bool check_index(Expr* e, int64_t length, bool allow_equal, int64_t* value);

  // ---- check_convert.cpp: untyped conversions and assignability
  bool convert_untyped(Expr* e, const Type* target);
  void update_type(Expr* e, const Type* t);
  void default_untyped(Expr* e);
  bool representable(const Constant& c, const Type* t, Constant* out, std::string* why);
  bool match_types(Expr* x, Expr* y);
  bool assignment(Expr* e, const Type* t, const std::string& context);
  bool implicit_type_ok(Expr* e, const Type* target, std::string* why);
  std::string operand_string(Expr* e);
  std::string type_str(const Type* t) { return type_string(t, pkg_); }
  std::string expr_str(Expr* e);

  // ---- check_call.cpp: calls, selectors, conversions, builtins
  void call(CallExpr* e);
  void conversion(CallExpr* e, const Type* t);
  void arguments(CallExpr* e, const Type* sig, const std::string& fname);
  void selector(SelectorExpr* e);
  void builtin_call(CallExpr* e, Builtin b);
  bool builtin_args(CallExpr* e, size_t min, size_t max, const char* name);

  // ---- check_lit.cpp: composite and function literals
  void composite_lit(CompositeLit* e, const Type* hint);
  void struct_lit(CompositeLit* e, const Type* t);
  int64_t array_lit(CompositeLit* e, const Type* elem, int64_t length);
  void map_lit(CompositeLit* e, const Type* t);
  void elem_value(Expr* v, const Type* t, const std::string& context);
  void func_lit(FuncLit* e);
  void func_body(FuncInfo* info, FuncType* ft, BlockStmt* body, Scope* sig_scope);
  void capture(Object* obj);

  // ---- check_stmt.cpp: statements
  void stmt_list(const std::vector<Stmt*>& list, BranchCtx ctx);
  void stmt(Stmt* s, BranchCtx ctx);
  void block(BlockStmt* b, BranchCtx ctx);
  void open_scope();
  void close_scope();
  void report_unused(Scope* s);
  void assign_stmt(AssignStmt* s);
  void short_var_decl(AssignStmt* s);
  void assign_vars(std::vector<Expr*>& lhs, std::vector<Expr*>& rhs, Pos pos);
  const Type* assign_lhs(Expr* e);
  void init_vars(std::vector<Object*>& lhs, std::vector<Expr*>& rhs, Pos pos,
                 const char* context);
  bool unpack_rhs(std::vector<Expr*>& rhs, size_t nlhs, Pos pos, bool is_define,
                  std::vector<const Type*>* types);
  bool single_rhs(Expr* r, size_t nlhs);
  void assign_mismatch(size_t nlhs, std::vector<Expr*>& rhs, Pos pos);
  void if_stmt(IfStmt* s, BranchCtx ctx);
  void for_stmt(ForStmt* s, BranchCtx ctx);
  void range_stmt(RangeStmt* s, BranchCtx ctx);
  void switch_stmt(SwitchStmt* s, BranchCtx ctx);
  void type_switch_stmt(TypeSwitchStmt* s, BranchCtx ctx);
  void select_stmt(SelectStmt* s, BranchCtx ctx);
  void branch_stmt(BranchStmt* s, BranchCtx ctx);
  void return_stmt(ReturnStmt* s);
  void expr_stmt(ExprStmt* s);
  void call_stmt(CallExpr* c, const char* what);
  void labels(BlockStmt* body);
  bool is_terminating(Stmt* s, Ident* label);
  bool is_terminating_list(const std::vector<Stmt*>& list);
  bool has_break(Stmt* s, Stmt* target, bool implicit);
  bool has_break_list(const std::vector<Stmt*>& list, Stmt* target, bool implicit);

  // ---- state
  Diagnostics& diags_;
  Program* prog_ = nullptr;
  // Shared by the checkers of every package of one program.
  std::map<std::string, Package*>* packages_ = nullptr;
  std::set<std::string>* importing_ = nullptr;  // import cycle detection
  MadeObjects* made_ = nullptr;  // shared like packages_
  PendingBodies* pending_ = nullptr;  // shared like packages_
  // A standard-library package: it declares only what checked code names
  // (use_object) and checks only the bodies the program can reach
  // (use_func); the compiler compiles only those. The main package is
  // checked whole, so that every error in it is reported.
  bool lazy_ = false;
  CheckOptions opts_;
  Package* pkg_ = nullptr;
  File* file_ = nullptr;
  std::unordered_map<Object*, DeclInfo*> decls_;
  std::unordered_map<Object*, Color> color_;
  std::vector<Object*> obj_path_;
  std::vector<Object*> pkg_objects_;  // in declaration order
  // Each receiver base type name's method objects, in source order.
  std::map<std::string, std::vector<Object*>, std::less<>> methods_by_type_;
  std::vector<FuncDecl*> func_decls_;
  std::vector<std::pair<Object*, FuncDecl*>> method_objs_;
  std::set<Object*> used_pkgs_;
  std::vector<Object*> pkgname_objs_;
  DeclInfo* cur_decl_ = nullptr;
  int iota_ = -1;

  // current function
  FuncInfo* fn_ = nullptr;
  const Type* fn_sig_ = nullptr;
  Scope* scope_ = nullptr;
  Scope* file_scope_ = nullptr;
  std::map<FuncInfo*, int> closure_counter_;
  int init_closures_ = 0;
  FuncInfo* var_init_fn_ = nullptr;  // "main.init" pseudo function for closures in var initialisers
  std::vector<Scope*> func_scopes_;  // scopes opened in the current function (for unused checks)
  std::map<std::string, LabeledStmt*> labels_;
  std::set<std::string> used_labels_;
};

template <class T, class... A>
T* Checker::make(A&&... args) {
  T* p = checker_arena().make<T>(std::forward<A>(args)...);
  if (made_) {
    if constexpr (std::is_same_v<T, Object>) made_->objects.push_back(p);
    if constexpr (std::is_same_v<T, FuncInfo>) made_->funcs.push_back(p);
  }
  return p;
}

}  // namespace mgo

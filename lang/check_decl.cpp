// Package-level declarations: collecting objects, resolving them lazily with
// cycle detection (types2's objDecl), methods, and local declarations.
#include <algorithm>

#include "lang/checker.h"
#include "lang/parse.h"

namespace mgo {

Object* Checker::new_object(ObjKind kind, Ident* name) {
  Object* o = new_object(kind, name ? std::string_view(name->name) : "_", name ? name->pos : Pos{});
  if (name) name->obj = o;
  return o;
}

Object* Checker::new_object(ObjKind kind, std::string_view name, Pos pos) {
  auto* o = make<Object>();
  o->kind = kind;
  o->name = name;
  o->pos = pos;
  o->pkg = pkg_;
  return o;
}

void Checker::declare(Scope* s, Ident* id, Object* obj) {
  if (id) declare(s, id->name, id->pos, obj);
}

void Checker::declare(Scope* s, std::string_view name, Pos pos, Object* obj) {
  if (name == "_") return;
  if (s->lookup_local(name)) {
    error(pos, std::string(name) + " redeclared in this block");
    return;
  }
  s->names[std::string(name)] = obj;
}

void Checker::collect_value_spec(GenDecl* gd, ValueSpec* vs, ValueSpec*& last_const,
                                 int& order) {
  bool is_const = gd->tok == DeclTok::Const;
  if (is_const && (vs->type || !vs->values.empty())) last_const = vs;
  ValueSpec* src = is_const ? last_const : vs;
  std::vector<Object*> lhs;
  for (size_t i = 0; i < vs->names.size(); i++) {
    Ident* id = vs->names[i];
    Object* obj = new_object(is_const ? ObjKind::Const : ObjKind::Var, id);
    obj->is_global = !is_const;
    auto* d = make<DeclInfo>();
    d->kind = is_const ? DeclInfo::Const : DeclInfo::Var;
    d->file = file_;
    d->order = order++;
    d->iota = vs->iota;
    if (src) {
      d->typ = src->type;
      if (i < src->values.size()) d->init = src->values[i];
    }
    decls_[obj] = d;
    declare(pkg_->scope, id, obj);
    pkg_objects_.push_back(obj);
    if (!is_const) pkg_->globals.push_back(obj);
    lhs.push_back(obj);
  }
  if (is_const) {
    if (!src && !vs->names.empty()) error(vs->pos, "missing init expr for const declaration");
    return;
  }
  // var a, b = f(): every object shares the one initialiser.
  if (vs->values.size() == 1 && vs->names.size() > 1) {
    for (Object* o : lhs) {
      decls_[o]->init = vs->values[0];
      decls_[o]->lhs = lhs;
    }
  }
}

static std::string recv_base_name(Expr* e) {
  while (e) {
    if (e->kind == NodeKind::StarExpr) e = static_cast<StarExpr*>(e)->x;
    else if (e->kind == NodeKind::ParenExpr) e = static_cast<ParenExpr*>(e)->x;
    else break;
  }
  if (e && e->kind == NodeKind::Ident) return static_cast<Ident*>(e)->name;
  return "";
}

void Checker::collect_func(FuncDecl* fd, int order) {
  if (!fd->name || !fd->ftype) return;
  Object* obj = new_object(ObjKind::Func, fd->name);
  obj->decl = fd;
  auto* d = make<DeclInfo>();
  d->kind = DeclInfo::Func;
  d->file = file_;
  d->fdecl = fd;
  d->order = order;
  decls_[obj] = d;
  func_decls_.push_back(fd);
  if (fd->recv) {
    std::string base;
    if (!fd->recv->list.empty() && fd->recv->list[0]) base = recv_base_name(fd->recv->list[0]->type);
    methods_by_type_[base].push_back(obj);
    method_objs_.push_back({obj, fd});
    return;
  }
  if (fd->name->name == "init") {
    if (!fd->ftype->params.list.empty() || !fd->ftype->results.list.empty())
      error(fd->name->pos, "func init must have no arguments and no return values");
    pkg_objects_.push_back(obj);
    return;
  }
  if (fd->name->name == "main" && pkg_->name == "main" &&
      (!fd->ftype->params.list.empty() || !fd->ftype->results.list.empty()))
    error(fd->name->pos, "func main must have no arguments and no return values");
  declare(pkg_->scope, fd->name, obj);
  pkg_objects_.push_back(obj);
}

void Checker::collect_objects(File* file) {
  int order = 0;
  for (Decl* decl : file->decls) collect_decl(decl, order);
  for (LazyDecl& ld : file->lazy_decls) collect_lazy(&ld, order);
}

void Checker::collect_decl(Decl* decl, int& order) {
  if (!decl) return;
  if (decl->kind == NodeKind::FuncDecl) {
    collect_func(static_cast<FuncDecl*>(decl), order++);
    return;
  }
  auto* gd = static_cast<GenDecl*>(decl);
  ValueSpec* last_const = nullptr;
  for (Node* spec : gd->specs) {
    if (!spec) continue;
    if (spec->kind == NodeKind::ValueSpec) {
      collect_value_spec(gd, static_cast<ValueSpec*>(spec), last_const, order);
    } else if (spec->kind == NodeKind::TypeSpec) {
      auto* ts = static_cast<TypeSpec*>(spec);
      Object* obj = new_object(ObjKind::TypeName, ts->name);
      auto* d = make<DeclInfo>();
      d->kind = DeclInfo::TypeDecl;
      d->file = file_;
      d->tspec = ts;
      d->order = order++;
      decls_[obj] = d;
      declare(pkg_->scope, ts->name, obj);
      pkg_objects_.push_back(obj);
    }
  }
}

// A declaration of a lazy package that the parser skipped (lazy_decls).
// Constants and variables are declared at once (their initialisers run
// whether or not code names them), and so are init functions; a type or
// function gets its objects from the parser's index and is parsed when
// obj_decl first resolves it, that is, when code names it.
void Checker::collect_lazy(LazyDecl* ld, int& order) {
  bool init = ld->kind == LazyDecl::Func && ld->recv.empty() && ld->names.size() == 1 &&
              ld->names[0].name == "init";
  if (ld->kind == LazyDecl::Const || ld->kind == LazyDecl::Var || init) {
    collect_decl(parse_decl(file_, ld, diags_), order);
    return;
  }
  bool func = ld->kind == LazyDecl::Func;
  for (const LazyDecl::Name& n : ld->names) {
    Object* obj = new_object(func ? ObjKind::Func : ObjKind::TypeName, n.name, n.pos);
    auto* d = make<DeclInfo>();
    d->kind = func ? DeclInfo::Func : DeclInfo::TypeDecl;
    d->file = file_;
    d->lazy = ld;
    d->order = order++;
    decls_[obj] = d;
    if (func && !ld->recv.empty()) {
      methods_by_type_[std::string(ld->recv)].push_back(obj);
      continue;
    }
    declare(pkg_->scope, n.name, n.pos, obj);
    pkg_objects_.push_back(obj);
  }
}

// Parses the declaration of obj, collected by collect_lazy, and attaches
// its nodes to the objects made for it (a type group's to all of them).
// False after a syntax error, which parse_decl has reported.
bool Checker::parse_lazy(Object* obj, DeclInfo* d) {
  LazyDecl* ld = d->lazy;
  Decl* decl = parse_decl(file_, ld, diags_);
  d->lazy = nullptr;
  if (!decl) return false;
  if (decl->kind == NodeKind::FuncDecl) {
    auto* fd = static_cast<FuncDecl*>(decl);
    fd->name->obj = obj;
    obj->decl = fd;
    d->fdecl = fd;
    return true;
  }
  for (Node* spec : static_cast<GenDecl*>(decl)->specs) {
    auto* ts = static_cast<TypeSpec*>(spec);
    Object* tobj = pkg_->scope->lookup_local(ts->name->name);
    auto it = tobj ? decls_.find(tobj) : decls_.end();
    if (it == decls_.end() || (tobj != obj && it->second->lazy != ld)) continue;  // redeclared
    ts->name->obj = tobj;
    it->second->tspec = ts;
    it->second->lazy = nullptr;
  }
  return d->tspec != nullptr;
}

// Reports a cycle through the objects on obj_path_ from obj.
void Checker::cycle_error(Object* obj) {
  if (obj->kind == ObjKind::TypeName) {
    error(obj->pos, "invalid recursive type " + obj->name);
  } else if (obj->kind == ObjKind::Func) {
    return;  // recursion through function bodies is fine
  } else {
    error(obj->pos, "initialization cycle or invalid recursive reference to " + obj->name);
  }
}

// Whether the cycle through obj on obj_path_ is made of constants and
// variables only: types2's validCycle leaves those to the initialisation
// order, which reports them with the whole path.
bool Checker::values_only_cycle(Object* obj) {
  auto it = std::find(obj_path_.begin(), obj_path_.end(), obj);
  for (; it != obj_path_.end(); ++it)
    if ((*it)->kind != ObjKind::Const && (*it)->kind != ObjKind::Var) return false;
  return true;
}

// Resolves a package-level object (types2's objDecl).
void Checker::obj_decl(Object* obj) {
  auto dit = decls_.find(obj);
  if (dit == decls_.end()) return;  // local or imported: already resolved
  Color& c = color_[obj];
  if (c == Color::Black) return;
  if (c == Color::Grey) {
    // A type name may refer to itself through its type's structure; that is
    // checked where the type is built. Anything else is a cycle.
    if (obj->kind == ObjKind::TypeName && obj->type) return;
    if (obj->kind == ObjKind::Func) return;
    if (!values_only_cycle(obj)) cycle_error(obj);
    if (!obj->type) obj->type = types().invalid();
    return;
  }
  DeclInfo* d = dit->second;
  if (d->lazy && !parse_lazy(obj, d)) {
    c = Color::Black;
    obj->type = types().invalid();
    return;
  }
  c = Color::Grey;
  // Save the context of whatever declaration or body triggered this one.
  DeclInfo* saved_decl = cur_decl_;
  Scope* saved_scope = scope_;
  int saved_iota = iota_;
  FuncInfo* saved_fn = fn_;
  scope_ = file_scope_;
  cur_decl_ = d;
  iota_ = -1;
  fn_ = nullptr;
  obj_path_.push_back(obj);
  switch (d->kind) {
    case DeclInfo::Const: const_decl(obj, d->typ, d->init, d->iota); break;
    case DeclInfo::Var: var_decl(obj, d); break;
    case DeclInfo::TypeDecl: type_decl(obj, d->tspec); break;
    case DeclInfo::Func:
      if (d->fdecl->recv) method_decl(obj);
      else func_decl(obj);
      break;
  }
  obj_path_.pop_back();
  color_[obj] = Color::Black;
  cur_decl_ = saved_decl;
  scope_ = saved_scope;
  iota_ = saved_iota;
  fn_ = saved_fn;
}

void Checker::const_decl(Object* obj, Expr* typ, Expr* init, int iota) {
  const Type* t = nullptr;
  if (typ) {
    t = type_expr(typ);
    Kind k = t->ukind();
    if (k != Kind::Invalid && (k < Kind::Bool || k > Kind::String)) {
      error(typ->pos, "invalid constant type " + type_str(t));
      t = types().invalid();
    }
  }
  obj->type = types().invalid();
  if (!init) {
    if (typ || true) {
      // missing init already reported (or extra names in a repeated spec)
    }
    return;
  }
  int saved = iota_;
  iota_ = iota;
  expr(init);
  iota_ = saved;
  if (!is_valid(init)) return;
  if (init->mode != Mode::Constant) {
    error(init->pos, expr_str(init) + " (" + (init->mode == Mode::Variable ? "variable" : "value") +
                         " of type " + type_str(init->type) + ") is not constant");
    return;
  }
  if (t && t->kind != Kind::Invalid) {
    if (!assignment(init, t, "constant declaration")) return;
  }
  obj->type = init->type;
  obj->val = init->cval;
  // An untyped constant keeps its untyped type in the object; uses convert it.
  if (!t) {
    obj->type = init->type;
  }
}

void Checker::var_decl(Object* obj, DeclInfo* d) {
  if (!d->lhs.empty()) {
    // var a, b = f(): resolve all objects of the spec together.
    for (Object* o : d->lhs) color_[o] = Color::Grey;
    std::vector<Expr*> values{d->init};
    var_decl_multi(d->lhs, d->typ, values, d->init ? d->init->pos : obj->pos);
    for (Object* o : d->lhs) {
      color_[o] = Color::Black;
      decls_[o]->deps = d->deps;  // the shared initialiser's references
    }
    return;
  }
  const Type* t = d->typ ? type_expr(d->typ) : nullptr;
  if (!d->init) {
    obj->type = t ? t : types().invalid();
    if (!t) error(obj->pos, "missing init expr for variable declaration");
    return;
  }
  // Closures in package variable initialisers belong to "init".
  if (!var_init_fn_) {
    var_init_fn_ = make<FuncInfo>();
    var_init_fn_->name = pkg_->path + ".init";
    var_init_fn_->pkg = pkg_;
  }
  fn_ = nullptr;
  expr(d->init, t);
  if (t) {
    obj->type = t;
    assignment(d->init, t, "variable declaration");
  } else {
    if (is_valid(d->init) && d->init->type->kind == Kind::UntypedNil) {
      error(d->init->pos, "use of untyped nil in variable declaration");
      invalidate(d->init);
    }
    assignment(d->init, nullptr, "variable declaration");
    obj->type = is_valid(d->init) ? d->init->type : types().invalid();
  }
}

void Checker::var_decl_multi(std::vector<Object*> lhs, Expr* typ, std::vector<Expr*>& values,
                             Pos pos) {
  const Type* t = typ ? type_expr(typ) : nullptr;
  for (Object* o : lhs) o->type = t;
  init_vars(lhs, values, pos, "variable declaration");
  for (Object* o : lhs)
    if (!o->type) o->type = types().invalid();
}

std::string Checker::func_name(FuncDecl* fd, const Type* recv_base, bool ptr) {
  std::string prefix = pkg_->path + ".";
  if (!recv_base) return prefix + fd->name->name;
  std::string tname = recv_base->obj ? recv_base->obj->name : "?";
  if (ptr) return prefix + "(*" + tname + ")." + fd->name->name;
  return prefix + tname + "." + fd->name->name;
}

void Checker::func_decl(Object* obj) {
  FuncDecl* fd = obj->decl;
  auto* info = make<FuncInfo>();
  info->name = func_name(fd, nullptr, false);
  info->node = fd;
  info->pkg = pkg_;
  info->native = fd->body == nullptr && !fd->lazy_body();
  info->reachable = !lazy_ || info->native;
  obj->type = func_type(fd->ftype, &info->params, &info->results, &info->named_results);
  info->sig = obj->type;
  for (Object* p : info->params) p->owner = info;
  for (Object* r : info->results) r->owner = info;
  obj->info = info;
  fd->info = info;
  if (fd->name->name == "init") {
    // Go numbers a package's init functions in source order (main.init.0,
    // main.init.1); plain main.init is the initialiser of its variables.
    info->name += "." + std::to_string(pkg_->inits.size());
    pkg_->inits.push_back(info);
  }
  pkg_->funcs.push_back(info);
  if (!fd->body && pkg_->name == "main")
    error(fd->name->pos, "missing function body");
}

void Checker::type_decl(Object* obj, TypeSpec* ts) {
  if (ts->alias) {
    obj->type = types().invalid();
    obj->type = type_expr(ts->type);
    return;
  }
  Type* named = types().named(obj);
  obj->type = named;
  const Type* u = type_expr(ts->type);
  if (!u || u->kind == Kind::Invalid || is_incomplete(u)) {
    if (u && is_incomplete(u) && u->kind == Kind::Named && u == named)
      error(obj->pos, "invalid recursive type " + obj->name);
    types().set_underlying(named, types().invalid());
  } else {
    types().set_underlying(named, u);
  }
  collect_methods(obj);
}

// Declares the methods of the named type `tobj` (receiver checks, duplicate
// names); their signatures are resolved right away so lookups can see them.
void Checker::collect_methods(Object* tobj) {
  auto it = methods_by_type_.find(tobj->name);
  if (it == methods_by_type_.end()) return;
  auto* named = const_cast<Type*>(tobj->type);
  for (Object* m : it->second) {
    if (named->kind != Kind::Named || named->ukind() == Kind::Pointer ||
        named->ukind() == Kind::Interface) {
      continue;  // reported by method_decl as an invalid receiver
    }
    const std::string& name = m->name;
    if (name == "_") continue;
    bool dup = false;
    for (Object* other : named->methods)
      if (other->name == name) dup = true;
    if (dup) {
      error(m->pos, "method " + tobj->name + "." + name + " already declared");
      continue;
    }
    if (named->ukind() == Kind::Struct) {
      for (auto& f : named->underlying()->fields)
        if (f.name == name) {
          error(m->pos, "field and method with the same name " + name);
          dup = true;
        }
      if (dup) continue;
    }
    m->recv = named;
    named->methods.push_back(m);
  }
  for (Object* m : it->second) {
    obj_decl(m);
    if (!lazy_) continue;  // every method is checked and compiled
    if (pending_->dynamic_names.count(m->name)) use_func(m);
    else pending_->methods_waiting[m->name].push_back(m);
  }
}

void Checker::method_decl(Object* obj) {
  FuncDecl* fd = obj->decl;
  auto* info = make<FuncInfo>();
  info->node = fd;
  info->pkg = pkg_;
  info->native = fd->body == nullptr && !fd->lazy_body();
  info->reachable = !lazy_ || info->native;
  obj->info = info;
  fd->info = info;
  obj->type = types().invalid();
  // The receiver.
  Field* rf = fd->recv->list.empty() ? nullptr : fd->recv->list[0];
  const Type* rt = rf ? type_expr(rf->type) : types().invalid();
  bool ptr = rt->kind == Kind::Pointer;
  const Type* base = ptr ? rt->elem : rt;
  bool ok = base->kind == Kind::Named && base->obj && base->obj->pkg == pkg_ &&
            base->ukind() != Kind::Pointer && base->ukind() != Kind::Interface;
  if (rt->kind != Kind::Invalid && !ok) {
    std::string why = base->kind == Kind::Named && base->ukind() == Kind::Pointer
                          ? "pointer or interface type"
                      : base->kind == Kind::Named && base->ukind() == Kind::Interface
                          ? "pointer or interface type"
                          : "basic or unnamed type";
    if (base->kind != Kind::Named) why = "basic or unnamed type";
    error(rf ? rf->type->pos : fd->pos, "invalid receiver type " + type_str(rt) + " (" + why + ")");
  }
  obj->recv = ok ? base : nullptr;
  obj->recv_ptr = ptr;
  info->name = func_name(fd, ok ? base : nullptr, ptr);
  auto* recv = make<Object>();
  recv->kind = ObjKind::Var;
  recv->name = rf && !rf->names.empty() ? rf->names[0]->name : "_";
  recv->pos = rf && !rf->names.empty() ? rf->names[0]->pos : fd->pos;
  recv->type = rt;
  recv->pkg = pkg_;
  recv->is_param = true;
  recv->owner = info;
  recv->used = true;
  if (rf && !rf->names.empty()) rf->names[0]->obj = recv;
  info->recv = recv;
  obj->type = func_type(fd->ftype, &info->params, &info->results, &info->named_results);
  info->sig = obj->type;
  for (Object* p : info->params) p->owner = info;
  for (Object* r : info->results) r->owner = info;
  pkg_->funcs.push_back(info);
}

// Function bodies are checked after every package-level declaration, in
// source order (types2 delays them the same way). A standard-library
// package checks only the bodies the program can reach: its init
// functions, each function or method that checked code names (use_func),
// and each method of a type it declares that interfaces or the VM may call
// by its name (collect_methods, use_method_name).
void Checker::check_func_bodies() {
  if (!lazy_) {
    for (FuncDecl* fd : func_decls_) check_body(fd);
    return;
  }
  for (FuncDecl* fd : func_decls_) {
    if (!fd->recv && fd->name->name == "init") use_func(fd->name->obj);
  }
  check_pending_bodies();
}

// A package-level object of another package, named by checked code. A lazy
// package declares its functions and types when they are first named: here,
// by the package's own checker, which kept the package's scopes.
void Checker::use_object(Object* obj) {
  if (!obj || obj->pkg == pkg_) return;
  auto it = pending_->checkers.find(obj->pkg);
  if (it != pending_->checkers.end()) it->second->obj_decl(obj);
}

// A reference to the function or method `obj`, declared already (obj_decl
// or use_object): if a lazy package has not checked its body, the body is
// now reachable.
void Checker::use_func(Object* obj) {
  if (!obj || obj->kind != ObjKind::Func || !obj->info || obj->info->reachable) return;
  obj->info->reachable = true;
  pending_->work.push_back(obj->decl);
}

// Checked code selects the interface method `name`: any type's method of
// that name may be called through it.
void Checker::use_method_name(const std::string& name) {
  if (!pending_->dynamic_names.insert(name).second) return;
  auto it = pending_->methods_waiting.find(name);
  if (it == pending_->methods_waiting.end()) return;
  for (Object* m : it->second) use_func(m);
  pending_->methods_waiting.erase(it);
}

void Checker::check_pending_bodies() {
  while (!pending_->work.empty()) {
    FuncDecl* fd = pending_->work.front();
    pending_->work.pop_front();
    pending_->checkers.at(fd->info->pkg)->check_body(fd);
  }
}

void Checker::check_body(FuncDecl* fd) {
  Object* obj = fd->name->obj;
  if (fd->lazy_body()) parse_func_body(file_, fd, diags_);
  if (!obj || !fd->info || !fd->body) return;
  cur_decl_ = decls_[obj];
  scope_ = file_scope_;
  auto* sig_scope = make<Scope>();
  sig_scope->parent = file_scope_;
  if (fd->info->recv && fd->info->recv->name != "_") sig_scope->names[fd->info->recv->name] = fd->info->recv;
  fn_ = fd->info;
  func_body(fd->info, fd->ftype, fd->body, sig_scope);
  fn_ = nullptr;
  cur_decl_ = nullptr;
}

void Checker::record_dep(Object* obj) {
  if (!cur_decl_ || !obj || obj->pkg != pkg_) return;
  if (obj->kind != ObjKind::Var && obj->kind != ObjKind::Func && obj->kind != ObjKind::Const) return;
  if (obj->kind == ObjKind::Var && !obj->is_global) return;
  if (std::find(cur_decl_->deps.begin(), cur_decl_->deps.end(), obj) == cur_decl_->deps.end())
    cur_decl_->deps.push_back(obj);
}

// The package-level values (variables and constants) that `obj`'s
// declaration refers to directly or through the functions and methods it
// refers to (types2's dependencyGraph with function nodes removed).
std::vector<Object*> Checker::value_deps(Object* obj) {
  std::vector<Object*> out;
  std::set<Object*> seen_funcs;
  std::vector<Object*> work;
  auto push_deps = [&](Object* o) {
    auto it = decls_.find(o);
    if (it == decls_.end()) return;
    for (auto d = it->second->deps.rbegin(); d != it->second->deps.rend(); ++d) work.push_back(*d);
  };
  push_deps(obj);
  while (!work.empty()) {
    Object* o = work.back();
    work.pop_back();
    if (o->kind == ObjKind::Func) {
      if (seen_funcs.insert(o).second) push_deps(o);
    } else if (std::find(out.begin(), out.end(), o) == out.end()) {
      out.push_back(o);
    }
  }
  return out;
}

// A path of references from `from` to `to` (types2's findPath, which
// tries the dependencies in declaration order), returned backwards: to, ...,
// the first object after `from`.
std::vector<Object*> Checker::init_path(Object* from, Object* to, std::set<Object*>& seen) {
  if (!seen.insert(from).second) return {};
  auto it = decls_.find(from);
  if (it == decls_.end()) return {};
  std::vector<Object*> deps = it->second->deps;
  auto order = [&](Object* o) {
    auto d = decls_.find(o);
    return d == decls_.end() ? -1 : d->second->order;
  };
  std::stable_sort(deps.begin(), deps.end(), [&](Object* a, Object* b) { return order(a) < order(b); });
  for (Object* d : deps) {
    if (d == to) return {d};
    std::vector<Object*> p = init_path(d, to, seen);
    if (!p.empty()) {
      p.push_back(d);
      return p;
    }
  }
  return {};
}

// types2's report of an initialisation cycle: each reference along the
// cycle, with the referring object's position.
void Checker::init_cycle_error(const std::vector<Object*>& cycle) {
  auto file_of = [&](Object* o) {
    auto d = decls_.find(o);
    return d == decls_.end() ? file_ : d->second->file;
  };
  Object* obj = cycle[0];
  if (cycle.size() == 1) {
    error_in(file_of(obj), obj->pos, "initialization cycle: " + obj->name + " refers to itself");
    return;
  }
  std::string msg = "initialization cycle for " + obj->name;
  for (size_t j = cycle.size(); j-- > 0;) {
    Object* next = cycle[j];
    File* f = file_of(obj);
    msg += "\n\t" + (f ? f->filename : std::string("?")) + ":" + std::to_string(obj->pos.line) + ":" +
           std::to_string(obj->pos.col) + ": " + obj->name + " refers to " + next->name;
    obj = next;
  }
  error_in(file_of(cycle[0]), cycle[0]->pos, msg);
}

// Go's initialisation order (spec "Package initialization", types2's
// initOrder): repeatedly the earliest variable in declaration order that
// depends on no uninitialised variable, dependencies through functions and
// methods included. A variable without an initialiser is uninitialised
// until its turn comes. Constants take part to report cycles but go before
// every variable, so no variable waits for one.
void Checker::init_order() {
  struct Node {
    Object* obj;
    int order;
    std::vector<Object*> succ;  // the values it depends on
    std::vector<Node*> pred;    // the values depending on it
    int ndeps = 0;
  };
  std::vector<Node> nodes;
  for (Object* o : pkg_objects_)
    if (o->kind == ObjKind::Var || o->kind == ObjKind::Const) nodes.push_back({o, decls_[o]->order, value_deps(o), {}, 0});
  std::map<Object*, Node*> by_obj;
  for (Node& n : nodes) by_obj[n.obj] = &n;
  for (Node& n : nodes)
    for (Object* s : n.succ) {
      auto it = by_obj.find(s);
      if (it == by_obj.end()) continue;
      n.ndeps++;
      it->second->pred.push_back(&n);
    }
  // The priority queue of types2: constants first (go.dev/issue/66575), then
  // fewest dependencies left, then earliest.
  auto key = [](Node* n) {
    return std::make_tuple(n->obj->kind != ObjKind::Const, n->ndeps, n->order, n);
  };
  auto less = [&](Node* a, Node* b) { return key(a) < key(b); };
  std::set<Node*, decltype(less)> queue(less);
  for (Node& n : nodes) queue.insert(&n);
  std::set<DeclInfo*> emitted;
  while (!queue.empty()) {
    Node* n = *queue.begin();
    queue.erase(queue.begin());
    if (n->ndeps > 0) {
      // n is in a cycle, waits for one (reported from a node on it), or is
      // a constant waiting for a variable (const c = len(v)): it goes now.
      std::set<Object*> seen;
      std::vector<Object*> cycle = init_path(n->obj, n->obj, seen);
      if (!cycle.empty()) init_cycle_error(cycle);
    }
    for (Node* p : n->pred) {
      if (!queue.count(p)) continue;
      queue.erase(p);
      p->ndeps--;
      queue.insert(p);
    }
    emit_var_init(n->obj, emitted);
  }
}

// Appends obj's initialisation to the package's list, once per declaration
// (`var a, b = f()` initialises both with one call).
void Checker::emit_var_init(Object* obj, std::set<DeclInfo*>& emitted) {
  DeclInfo* d = decls_[obj];
  if (obj->kind != ObjKind::Var || !d->init) return;
  DeclInfo* first = d->lhs.empty() ? d : decls_[d->lhs[0]];
  if (!emitted.insert(first).second) return;
  Package::VarInit vi;
  vi.lhs = d->lhs.empty() ? std::vector<Object*>{obj} : d->lhs;
  vi.rhs = d->init;
  pkg_->var_inits.push_back(vi);
}

// Local const, var and type declarations, in order.
void Checker::local_decl(GenDecl* gd) {
  ValueSpec* last_const = nullptr;
  for (Node* spec : gd->specs) {
    if (!spec) continue;
    if (spec->kind == NodeKind::TypeSpec) {
      auto* ts = static_cast<TypeSpec*>(spec);
      Object* obj = new_object(ObjKind::TypeName, ts->name);
      declare(scope_, ts->name, obj);
      type_decl(obj, ts);
      continue;
    }
    if (spec->kind != NodeKind::ValueSpec) continue;
    auto* vs = static_cast<ValueSpec*>(spec);
    if (gd->tok == DeclTok::Const) {
      if (vs->type || !vs->values.empty()) last_const = vs;
      std::vector<Object*> objs;
      for (size_t i = 0; i < vs->names.size(); i++) {
        Object* obj = new_object(ObjKind::Const, vs->names[i]);
        Expr* init = last_const && i < last_const->values.size() ? last_const->values[i] : nullptr;
        if (!last_const) error(vs->pos, "missing init expr for const declaration");
        const_decl(obj, last_const ? last_const->type : nullptr, init, vs->iota);
        objs.push_back(obj);
      }
      // Declared after the whole spec: `const x = x` refers to an outer x.
      for (size_t i = 0; i < objs.size(); i++) declare(scope_, vs->names[i], objs[i]);
      continue;
    }
    std::vector<Object*> objs;
    for (Ident* id : vs->names) {
      Object* obj = new_object(ObjKind::Var, id);
      obj->owner = fn_;
      objs.push_back(obj);
    }
    if (vs->values.empty()) {
      const Type* t = vs->type ? type_expr(vs->type) : types().invalid();
      for (Object* o : objs) o->type = t;
    } else {
      var_decl_multi(objs, vs->type, vs->values, vs->pos);
    }
    for (size_t i = 0; i < objs.size(); i++) declare(scope_, vs->names[i], objs[i]);
  }
}

}  // namespace mgo

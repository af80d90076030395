// The checker's entry point: packages, imports, and error reporting.
#include <mutex>

#include "lang/checker.h"
#include "lang/nesting.h"
#include "lang/parse.h"
#include "stdlib/registry.h"

namespace mgo {

Arena& checker_arena() {
  static Arena* arena = new Arena;  // never freed: types refer into it
  return *arena;
}

void Checker::error_in(File* f, Pos pos, const std::string& msg) {
  diags_.error(f ? f->filename : std::string("?"), pos, msg);
}

void Checker::error(Pos pos, const std::string& msg) { error_in(file_, pos, msg); }

std::string Checker::pos_string(Pos pos) const {
  return (file_ ? file_->filename : std::string("?")) + ":" + std::to_string(pos.line) + ":" +
         std::to_string(pos.col);
}

// Checks the package at `path` (once per program) and returns it, or
// nullptr after reporting why it cannot be imported.
Package* Checker::import_package(const std::string& path, Pos pos) {
  auto it = packages_->find(path);
  if (it != packages_->end()) return it->second;
  if (path == "unsafe") {
    error(pos, "package unsafe is not supported by mgo");
    return nullptr;
  }
  if (importing_->count(path)) {
    error(pos, "import cycle not allowed");
    return nullptr;
  }
  const stdlib::StdPackage* sp = stdlib::find_package(path);
  if (!sp) {
    error(pos, "package " + path + " is not in std");
    return nullptr;
  }
  // The VM makes values of runtime's types itself (vm/support.cpp): they
  // must be declared whether or not Go code names them.
  bool lazy = !opts_.whole_library && path != "runtime";
  // A lazy package's declarations are parsed when code names them
  // (obj_decl), its bodies when they become reachable (check_body).
  ParseOptions popts{.lazy_bodies = !opts_.whole_library, .lazy_decls = lazy};
  std::unique_ptr<File> parsed = parse_file(path + ".go", sp->source, diags_, popts);
  if (!parsed || diags_.has_errors()) return nullptr;
  File* file = parsed.release();  // owned by the Program for the process
  auto* pkg = make<Package>();
  pkg->path = path;
  importing_->insert(path);
  auto& sub = pending_->checkers[pkg];
  sub = std::make_unique<Checker>(diags_);
  sub->prog_ = prog_;
  sub->packages_ = packages_;
  sub->importing_ = importing_;
  sub->made_ = made_;
  sub->pending_ = pending_;
  sub->opts_ = opts_;
  sub->lazy_ = lazy;
  sub->check_package(pkg, file);
  importing_->erase(path);
  (*packages_)[path] = pkg;
  prog_->packages.push_back(pkg);
  return pkg;
}

void Checker::check_imports(File* file) {
  for (ImportSpec* spec : file->imports) {
    if (!spec) continue;
    Package* imp = import_package(spec->path, spec->path_pos.valid() ? spec->path_pos : spec->pos);
    if (!imp) continue;
    pkg_->imports.push_back(imp);
    std::string name = spec->name ? spec->name->name : imp->name;
    if (name == "_") continue;
    if (name == ".") {
      error(spec->name->pos, "dot imports are not supported by mgo");
      continue;
    }
    auto* obj = make<Object>();
    obj->kind = ObjKind::PkgName;
    obj->name = name;
    obj->imported = imp;
    obj->pkg = pkg_;
    obj->pos = spec->name ? spec->name->pos : spec->pos;
    // Remember how the import was written for the "imported and not used" text.
    obj->decl = nullptr;
    if (Object* prev = file_scope_->lookup_local(name)) {
      (void)prev;
      error(obj->pos, name + " redeclared in this block");
      continue;
    }
    file_scope_->names[name] = obj;
    if (spec->name) spec->name->obj = obj;
    pkgname_objs_.push_back(obj);
  }
}

void Checker::check_unused_imports() {
  for (Object* o : pkgname_objs_) {
    if (used_pkgs_.count(o)) continue;
    const std::string& path = o->imported->path;
    std::string last = path.substr(path.rfind('/') + 1);
    if (o->name != o->imported->name && o->name != last)
      error(o->pos, "\"" + path + "\" imported as " + o->name + " and not used");
    else
      error(o->pos, "\"" + path + "\" imported and not used");
  }
}

void Checker::check_package(Package* pkg, File* file) {
  pkg_ = pkg;
  file_ = file;
  pkg->files.push_back(file);
  pkg->name = file->package_name ? file->package_name->name : "main";
  if (pkg->path.empty()) pkg->path = pkg->name;
  pkg->scope = make<Scope>();
  pkg->scope->parent = universe();
  file_scope_ = make<Scope>();
  file_scope_->parent = pkg->scope;
  check_imports(file);
  collect_objects(file);
  for (Object* obj : pkg_objects_) {
    // A lazy package declares a function or type when code first names it
    // (use_object), and a type's methods with it.
    bool named_later = obj->kind == ObjKind::TypeName || (obj->kind == ObjKind::Func && obj->name != "init");
    if (lazy_ && named_later) continue;
    obj_decl(obj);
  }
  if (!lazy_) {
    for (auto& [mobj, fd] : method_objs_) {
      (void)fd;
      obj_decl(mobj);
    }
  }
  check_func_bodies();
  init_order();
  // A lazy package may use an import only in bodies not checked yet.
  if (!lazy_) check_unused_imports();
  pkg->checked = true;
}

Program* Checker::run(File* main) {
  prog_ = new Program;
  std::map<std::string, Package*> packages;
  std::set<std::string> importing;
  MadeObjects made;
  PendingBodies pending;
  packages_ = &packages;
  importing_ = &importing;
  made_ = &made;
  pending_ = &pending;
  file_ = main;
  // The VM takes runtime.Error's concrete types from package runtime, so it
  // is always part of the program.
  if (stdlib::find_package("runtime")) import_package("runtime", Pos{});
  if (main->package_name && main->package_name->name != "main") {
    error(main->package_name->pos, "package " + main->package_name->name +
                                       " is not a main package");
    return nullptr;
  }
  auto* pkg = make<Package>();
  pkg->path = "main";
  check_package(pkg, main);
  check_pending_bodies();  // the library functions main's code reaches
  packages["main"] = pkg;
  prog_->packages.push_back(pkg);
  prog_->main = pkg;
  Object* m = pkg->scope->lookup_local("main");
  if (!m || m->kind != ObjKind::Func) {
    error(Pos{}, "function main is undeclared in the main package");
  } else if (m->type && (!m->type->params.empty() || !m->type->results.empty())) {
    error(m->pos, "func main must have no arguments and no return values");
  }
  if (diags_.has_errors()) return nullptr;
  canonicalize(made);
  return prog_;
}

Program* check_program(File* main, Diagnostics& diags, CheckOptions opts) {
  if (!main) return nullptr;
  Checker c(diags);
  c.opts_ = opts;
  try {
    return c.run(main);
  } catch (const NestingTooDeep& e) {
    diags.error(main->filename, e.pos, kNestingTooDeep);
    return nullptr;
  }
}

}  // namespace mgo

// After a program checks cleanly: every type the compiler, the VM and the
// stdlib can reach becomes canonical (lang/types.h, "Spelling"). Spelled
// variants (byte, rune, any, named parameters) only serve the checker's
// messages; past this point type identity is pointer equality again and
// reflect-style printing (%T) shows Go's run-time names ([]uint8, int32).
#include "lang/checker.h"

namespace mgo {

void Checker::canonicalize(MadeObjects& made) {
  for (Package* p : prog_->packages)
    for (File* f : p->files)
      f->arena.for_each_node([](Node* n) {
        if (!is_expr(n->kind)) return;
        auto* e = static_cast<Expr*>(n);
        e->type = canonical(e->type);
      });
  for (Object* o : made.objects) {
    // A type declaration's named type keeps its underlying type's spelling
    // while checking; drop it now (its methods are objects of their own).
    if (o->kind == ObjKind::TypeName && o->type && o->type->is_named() && o->type->obj == o)
      types().canonicalize_named(const_cast<Type*>(o->type));
    o->type = canonical(o->type);
  }
  for (FuncInfo* fi : made.funcs) fi->sig = canonical(fi->sig);
}

}  // namespace mgo

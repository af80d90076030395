// The universe scope: Go's predeclared identifiers.
#include <mutex>

#include "lang/constant.h"
#include "lang/types.h"

namespace mgo {

namespace {

Object* predeclare(Scope* s, ObjKind kind, const char* name, const Type* t) {
  auto* o = new Object;  // lives for the process, like every Type
  o->kind = kind;
  o->name = name;
  o->type = t;
  s->names[name] = o;
  return o;
}

void declare_types(Scope* s) {
  TypeTable& tt = types();
  struct {
    const char* name;
    Kind kind;
  } basics[] = {
      {"bool", Kind::Bool},       {"int", Kind::Int},         {"int8", Kind::Int8},
      {"int16", Kind::Int16},     {"int32", Kind::Int32},     {"int64", Kind::Int64},
      {"uint", Kind::Uint},       {"uint8", Kind::Uint8},     {"uint16", Kind::Uint16},
      {"uint32", Kind::Uint32},   {"uint64", Kind::Uint64},   {"uintptr", Kind::Uintptr},
      {"float32", Kind::Float32}, {"float64", Kind::Float64}, {"string", Kind::String},
  };
  for (auto& b : basics) predeclare(s, ObjKind::TypeName, b.name, tt.basic(b.kind));
  // The aliases print as written in messages, so they are spelled variants.
  predeclare(s, ObjKind::TypeName, "byte", tt.Byte());
  predeclare(s, ObjKind::TypeName, "rune", tt.Rune());
  Object* err = predeclare(s, ObjKind::TypeName, "error", tt.Error());
  // TypeTable::Error made its own object; point the type at the scope's one
  // is not needed: both carry the name "error" and no package.
  (void)err;
  predeclare(s, ObjKind::TypeName, "any", tt.Any());
  // Present so that using them reports "not supported" instead of "undefined".
  predeclare(s, ObjKind::TypeName, "complex64", tt.invalid());
  predeclare(s, ObjKind::TypeName, "complex128", tt.invalid());
}

void declare_values(Scope* s) {
  TypeTable& tt = types();
  predeclare(s, ObjKind::Const, "true", tt.basic(Kind::UntypedBool))->val = make_bool_const(true);
  predeclare(s, ObjKind::Const, "false", tt.basic(Kind::UntypedBool))->val =
      make_bool_const(false);
  predeclare(s, ObjKind::Const, "iota", tt.basic(Kind::UntypedInt))->val = make_int_const(0);
  predeclare(s, ObjKind::Nil, "nil", tt.UntypedNil());
  struct {
    const char* name;
    Builtin b;
  } builtins[] = {
      {"append", Builtin::Append}, {"cap", Builtin::Cap},         {"clear", Builtin::Clear},
      {"close", Builtin::Close},   {"copy", Builtin::Copy},       {"delete", Builtin::Delete},
      {"len", Builtin::Len},       {"make", Builtin::Make},       {"max", Builtin::Max},
      {"min", Builtin::Min},       {"new", Builtin::New},         {"panic", Builtin::Panic},
      {"print", Builtin::Print},   {"println", Builtin::Println}, {"recover", Builtin::Recover},
      {"complex", Builtin::None},  {"real", Builtin::None},       {"imag", Builtin::None},
  };
  for (auto& b : builtins)
    predeclare(s, ObjKind::Builtin, b.name, tt.invalid())->builtin = b.b;
}

}  // namespace

Scope* universe() {
  static Scope* scope = [] {
    auto* s = new Scope;
    declare_types(s);
    declare_values(s);
    return s;
  }();
  return scope;
}

}  // namespace mgo

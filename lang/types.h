// Types and objects: what the checker knows about every name and value.
//
// Invariants the rest of mgo relies on:
//  * Every unnamed composite type (slice, array, pointer, map, chan, func
//    signature, struct, interface, tuple) is made through TypeTable, which
//    returns the one Type* for each distinct structure. Named types are
//    distinct by declaration.
//  * Spelling. types2's messages print a type the way the program wrote it:
//    `byte` and `rune` (identical to uint8 and int32), `any` (identical to
//    interface{}), and parameter names in signatures (`func(b byte) rune`).
//    So a type may exist in several *spelled* variants, each its own Type
//    whose `canon_` points to the one *canonical* Type (uint8, int32,
//    interface{}, unnamed parameters; composites of canonical components).
//    Go's type identity is identical(a, b), i.e. a->canon_ == b->canon_;
//    for canonical types it is pointer equality. Spelled types exist only
//    while checking: check_program hands the compiler an AST, objects and
//    named types whose types are all canonical, so the VM and stdlib (and
//    fmt's %T, which prints []uint8 for a []byte as Go's reflect does) only
//    ever see canonical types and may compare them with ==.
//  * Types live for the whole process (the REPL keeps defining more), and the
//    VM and stdlib use them directly as runtime type descriptors: an
//    interface value carries a `const Type*`, fmt walks a Type to print a
//    value, maps hash keys by Type.
//  * Every value has a slot layout (see vm/value.h): scalars, strings,
//    pointers, slices, maps, chans, funcs and interfaces take one 64-bit slot;
//    a struct takes the sum of its fields' slots, an array len * elem slots.
//    Type::slots() gives it; Field::offset gives a field's slot offset.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lang/ast.h"

namespace mgo {

struct Constant;
struct Object;
struct Package;
struct FuncInfo;

enum class Kind : uint8_t {
  Invalid,
  // basic types (Go's predeclared types)
  Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64,
  Uintptr, Float32, Float64, String, UnsafePointer,
  // untyped constant kinds
  UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedString, UntypedNil,
  // composite
  Array, Slice, Struct, Pointer, Func, Interface, Map, Chan,
  Named,  // a defined type; see Type::underlying
  Tuple,  // the result list of a multi-value call
};

// A struct field. (Named StructField because ast.h's Field, a node of the
// syntax tree, lives in the same namespace.)
struct StructField {
  std::string name;  // for an embedded field, the type's name (T for *T)
  const Type* type = nullptr;
  bool embedded = false;
  bool exported = false;
  std::string tag;
  int offset = 0;  // in slots from the start of the struct
  Pos pos;
};

struct Method {  // a method of an interface type
  std::string name;
  const Type* sig = nullptr;  // Kind::Func, without receiver
  Pos pos;
};

struct Type {
  Kind kind = Kind::Invalid;

  // The canonical variant of this type (see "Spelling" above): itself for a
  // canonical type. Named types are always canonical.
  const Type* canon_ = this;
  // byte, rune, any: the name the spelled variant prints as in messages.
  const char* spelling_ = nullptr;

  // Array, Slice, Pointer, Map (value), Chan: element type.
  const Type* elem = nullptr;
  // Map: key type.
  const Type* key = nullptr;
  // Array: length.
  int64_t len = 0;
  // Chan: direction.
  ChanDir dir = ChanDir::Both;
  // Struct: fields in declaration order.
  std::vector<StructField> fields;
  // Func: parameter and result types; variadic means the last param is a
  // slice []T written ...T. Tuple: `results` holds the element types.
  std::vector<const Type*> params;
  std::vector<const Type*> results;
  bool variadic = false;
  // Func, Tuple (spelled variants only): parameter and result names as
  // declared, printed by types2 (`func(a int, b int) (n int, err error)`);
  // empty when the list is unnamed.
  std::vector<std::string> param_names;
  std::vector<std::string> result_names;
  // Interface: the complete method set (embedded interfaces flattened),
  // sorted by name. Method indices used by the compiler and the VM refer to
  // this order.
  std::vector<Method> imethods;

  // Named: the declaring object (its name and package), the underlying type
  // (never Named), and the declared methods, in declaration order, each an
  // Object of kind Func whose `recv_ptr` says if the receiver is *T.
  Object* obj = nullptr;
  const Type* underlying_ = nullptr;
  std::vector<Object*> methods;

  // ---- queries
  const Type* canonical() const { return canon_; }
  bool is_canonical() const { return canon_ == this; }
  // The underlying type: itself for unnamed types.
  const Type* underlying() const { return kind == Kind::Named ? underlying_ : this; }
  // Invalid for a named type whose underlying type is not known yet.
  Kind ukind() const {
    const Type* u = underlying();
    return u ? u->kind : Kind::Invalid;
  }
  bool is_named() const { return kind == Kind::Named; }
  bool is_untyped() const { return kind >= Kind::UntypedBool && kind <= Kind::UntypedNil; }
  bool is_integer() const;   // including untyped int and rune
  bool is_unsigned() const;
  bool is_float() const;     // float32, float64, untyped float
  bool is_numeric() const;
  bool is_string() const;    // string or untyped string
  bool is_boolean() const;
  bool is_interface() const { return ukind() == Kind::Interface; }
  bool is_empty_interface() const { return is_interface() && underlying()->imethods.empty(); }
  // Size in bits of an integer or float kind (int and uint are 64).
  int bits() const;
  // Number of 64-bit slots a value of this type occupies when stored inline
  // in memory (struct fields, array elements, heap cells).
  int slots() const;
  // True if values of this type are stored as a pointer to storage they own
  // (structs and arrays): the VM copies that storage on every assignment.
  bool is_aggregate() const {
    Kind k = ukind();
    return k == Kind::Struct || k == Kind::Array;
  }
  // Go's comparability (== allowed) and whether it may be a map key.
  bool comparable() const;
  // How Go's %T and panics print the type: "int", "[]string", "main.Point",
  // "*main.Node", "map[string]int", "func(int) string", "interface {}",
  // "struct { X int }", "chan<- int". Prints the canonical variant ("[]uint8"
  // for []byte), as Go's reflect does.
  std::string str() const;

  // ---- caches (filled lazily, thread-safe after checking)
  mutable int slots_ = -1;
};

// Makes and interns every type. One per process.
class TypeTable {
 public:
  static TypeTable& get();

  const Type* basic(Kind k);  // predeclared and untyped kinds
  const Type* invalid() { return basic(Kind::Invalid); }
  const Type* pointer(const Type* elem);
  const Type* slice(const Type* elem);
  const Type* array(const Type* elem, int64_t len);
  const Type* map(const Type* key, const Type* value);
  const Type* chan(ChanDir dir, const Type* elem);
  // With names (as declared, "" for unnamed), the result is a spelled
  // variant that prints them; identical to the unnamed signature.
  const Type* func(std::vector<const Type*> params, std::vector<const Type*> results,
                   bool variadic, std::vector<std::string> param_names = {},
                   std::vector<std::string> result_names = {});
  const Type* tuple(std::vector<const Type*> elems, std::vector<std::string> names = {});
  const Type* structure(std::vector<StructField> fields);
  const Type* interface(std::vector<Method> methods);  // sorts by name
  // A new named type; its underlying type and methods are filled in later
  // by the checker (set_underlying may be called once). While checking, the
  // underlying type keeps its spelling; canonicalize_named drops it once the
  // program is checked.
  Type* named(Object* obj);
  void set_underlying(Type* named, const Type* underlying);
  void canonicalize_named(Type* named);

  // Shorthands for the predeclared types.
  const Type* Bool() { return basic(Kind::Bool); }
  const Type* Int() { return basic(Kind::Int); }
  const Type* Int64() { return basic(Kind::Int64); }
  const Type* Uint8() { return basic(Kind::Uint8); }
  const Type* Int32() { return basic(Kind::Int32); }
  // The spelled predeclared aliases: identical to uint8, int32, interface{}.
  const Type* Byte();
  const Type* Rune();
  const Type* Any();
  const Type* Float64() { return basic(Kind::Float64); }
  const Type* String() { return basic(Kind::String); }
  const Type* EmptyInterface();  // interface{} / any
  const Type* Error();           // the predeclared `error` (a Named type)
  const Type* UntypedNil() { return basic(Kind::UntypedNil); }

 private:
  TypeTable();
  template <class F>
  const Type* intern(const std::string& key, Kind k, const Type* canon, F fill);
  struct Impl;
  Impl* impl_;
};

inline TypeTable& types() { return TypeTable::get(); }

// Go's type identity: the same canonical type.
inline bool identical(const Type* a, const Type* b) {
  return a == b || (a && b && a->canon_ == b->canon_);
}
// The canonical variant of t (nullptr stays nullptr).
inline const Type* canonical(const Type* t) { return t ? t->canon_ : t; }

// Go's assignability and conversion rules.
bool assignable(const Type* value, const Type* to);
bool convertible(const Type* from, const Type* to);
// The default type of an untyped kind (UntypedInt -> int, UntypedRune -> rune
// (spelled; identical to int32), UntypedFloat -> float64, ...); t itself when
// typed.
const Type* default_type(const Type* t);

// How types2's error messages print a type: like Type::str, except that
// types of package `local` are not qualified ("T", not "main.T"), the empty
// interface prints as "interface{}" / "any" and structs as "struct{x int}",
// and spelled variants print as written ("[]byte", "func(b byte) rune").
std::string type_string(const Type* t, const Package* local);

// The result of looking up x.name (Go's types.LookupFieldOrMethod).
struct Selection {
  enum Kind : uint8_t { NotFound, FieldVal, MethodVal, Ambiguous } kind = NotFound;
  // Field indices through embedded fields; for a field the last entry is
  // the field itself; for a method the last entry is the method's index in
  // its named type's `methods` (or in the interface's imethods).
  std::vector<int> path;
  // derefs[i]: before the i-th field selection the value is a pointer that
  // must be dereferenced (derefs[0] refers to x itself). One entry per field
  // selection: path.size() for fields, path.size() - 1 for methods.
  std::vector<bool> derefs;
  const Type* type = nullptr;  // field type or method signature (no receiver)
  Object* method = nullptr;    // declared method (nullptr for interface methods)
  bool iface_method = false;   // method of an interface type
  // For methods: the receiver base after walking the path is a pointer.
  bool recv_is_ptr = false;
  // A field or method was found through an embedded pointer or x is a pointer.
  bool indirect = false;
  std::string_view name;       // the name found (differs from the one looked up only in case)
};
// fold_case: names match whatever their letters' case (Go's foldCase), for
// the "but does have method Foo" hint of a failed selector.
Selection lookup_field_or_method(const Type* t, std::string_view name, bool fold_case = false);

// Does T implement interface `iface`? On failure, *missing (if given) says
// why, in types2's words: "missing method M", "method M has pointer receiver",
// "wrong type for method M". Thread-safe; memoized.
bool implements(const Type* t, const Type* iface, std::string* missing = nullptr);

// ---------------------------------------------------------------- objects
enum class ObjKind : uint8_t { Bad, Const, TypeName, Var, Func, PkgName, Builtin, Nil, Label };

struct Object {
  ObjKind kind = ObjKind::Bad;
  std::string name;
  const Type* type = nullptr;  // for TypeName: the type it denotes
  Pos pos;
  Package* pkg = nullptr;      // declaring package (nullptr for the universe)

  // Const
  const Constant* val = nullptr;

  // Var
  bool is_global = false;  // package-level variable
  bool is_param = false;   // parameter or named result of `owner`
  bool is_result = false;  // named result of `owner`
  bool used = false;       // for "declared and not used"
  // Set when a closure (FuncLit) other than `owner` refers to this variable:
  // the compiler then keeps it in a heap cell shared with the closures.
  bool captured = false;
  // Set when its address is taken (&x, or x.M() with a pointer-receiver
  // method on an addressable x): the compiler keeps it in a heap cell.
  bool addr_taken = false;
  // The function (declaration or literal) declaring this local variable;
  // nullptr for globals.
  FuncInfo* owner = nullptr;

  // Func (functions and methods)
  FuncDecl* decl = nullptr;
  FuncInfo* info = nullptr;
  const Type* recv = nullptr;  // methods: the receiver's base named type T
  bool recv_ptr = false;       // methods: receiver is *T

  // Builtin
  Builtin builtin = Builtin::None;

  // PkgName
  Package* imported = nullptr;

  // Free for the compiler: index of a global variable's slot, or a
  // function's index in the program. -1 until the compiler sets it.
  int index = -1;

  bool exported() const;  // first letter upper case (Unicode Lu)
};

// Everything the compiler needs to know about one function body: a FuncDecl
// (function or method) or a FuncLit (closure).
struct FuncInfo {
  // Go's symbol name, as traces print it: "main.main", "main.fib",
  // "main.(*Stack).Push", "main.Point.String", "main.main.func1", and for
  // a closure inside a closure "main.main.func1.1".
  std::string name;
  const Type* sig = nullptr;       // Kind::Func, receiver not included
  Object* recv = nullptr;          // receiver variable (methods), may be unnamed
  std::vector<Object*> params;     // one Object per parameter (unnamed ones too, with name "_" or "")
  std::vector<Object*> results;    // one Object per result (named or not)
  bool named_results = false;
  FuncInfo* parent = nullptr;      // enclosing function, for closures
  // Variables of enclosing functions this function refers to (directly, or
  // because a closure nested in it does), in first-use order. The compiler
  // passes these as the closure's captured cells.
  std::vector<Object*> free_vars;
  std::vector<FuncInfo*> closures;  // FuncLits directly inside, in source order
  Node* node = nullptr;            // FuncDecl or FuncLit
  Package* pkg = nullptr;
  bool has_defer = false;
  bool has_recover = false;        // calls the recover builtin directly
  bool native = false;             // declared without a body (stdlib natives)
  // False for a standard-library function no code of the program can call
  // (nothing refers to it by name, and it is not a method, which interfaces
  // reach dynamically): its body is never checked or compiled. Go's linker
  // drops such functions the same way (cmd/link's deadcode).
  bool reachable = true;
  void* code = nullptr;            // free for the compiler/VM (its compiled Proto)
};

// A scope maps names to objects; lookups walk to the parent. (Hashed:
// checking fmt and sync at every start-up looks up 3,000 names, and a
// std::map's string compares cost twice as much.) Nothing may depend on
// the order of `names`.
struct Scope {
  struct NameHash {
    using is_transparent = void;
    // FNV-1a: names are short, and std::hash's murmur cost 53 instructions
    // a lookup.
    size_t operator()(std::string_view s) const {
      uint64_t h = 14695981039346656037ull;
      for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
      return h;
    }
  };
  Scope* parent = nullptr;
  std::unordered_map<std::string, Object*, NameHash, std::equal_to<>> names;
  Object* lookup_local(std::string_view name) const;
  Object* lookup(std::string_view name) const;  // walks parents
};

struct Package {
  std::string path;  // "main", "fmt", "math/rand"
  std::string name;  // "main", "fmt", "rand"
  Scope* scope = nullptr;
  std::vector<File*> files;
  // Package-level variable initialisation in Go's dependency order: each
  // entry assigns `rhs` (nullptr: zero value) to `lhs` (one object, or
  // several for `var a, b = f()`).
  struct VarInit {
    std::vector<Object*> lhs;
    Expr* rhs = nullptr;
  };
  std::vector<VarInit> var_inits;
  std::vector<FuncInfo*> inits;      // func init() bodies, in source order
  std::vector<FuncInfo*> funcs;      // every top-level function and method
  std::vector<Object*> globals;      // every package-level variable
  std::vector<Package*> imports;     // packages this one imports
  bool checked = false;
};

// The whole program: packages in dependency order (imported before
// importers), main last.
struct Program {
  std::vector<Package*> packages;
  Package* main = nullptr;
};

// The universe scope: predeclared types, constants (true, false, iota, nil),
// and builtin functions.
Scope* universe();

}  // namespace mgo

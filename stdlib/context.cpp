// context: the two questions package context (stdlib/go/context.go) asks
// about a dynamic type, which Go's answers through internal/reflectlite.
#include "lang/types.h"
#include "stdlib/natives.h"

namespace mgo::stdlib {

namespace {

const vm::Iface* iface(Slot s) { return vm::as_ptr<vm::Iface>(s); }

// func typeString(v any) string: the type's name as %T prints it
// ("*context.cancelCtx", "main.key"). Callers never pass nil.
void typeString(Thread&, Slot* a) {
  const vm::Iface* v = iface(a[0]);
  a[0] = vm::make_string(v ? v->type->str() : "<nil>");
}

// func isComparable(v any) bool: whether == on values of v's dynamic type
// is defined (false for slices, maps, functions and structs holding them).
void isComparable(Thread&, Slot* a) {
  const vm::Iface* v = iface(a[0]);
  a[0] = from_bool(!v || v->type->comparable());
}

const vm::NativeEntry kNatives[] = {
    {"context.typeString", typeString},
    {"context.isComparable", isComparable},
};

}  // namespace

std::span<const vm::NativeEntry> context_natives() { return kNatives; }

}  // namespace mgo::stdlib

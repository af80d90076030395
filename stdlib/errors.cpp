// errors: the natives errors.As and errors.Is need to inspect types.
#include "lang/types.h"
#include "stdlib/natives.h"

namespace mgo::stdlib {

namespace {

const vm::Iface* iface(Slot s) { return vm::as_ptr<vm::Iface>(s); }

// func isComparable(v error) bool
void isComparable(Thread&, Slot* a) {
  const vm::Iface* v = iface(a[0]);
  a[0] = from_bool(!v || v->type->comparable());
}

// func checkAsTarget(target any)
void checkAsTarget(Thread&, Slot* a) {
  const vm::Iface* target = iface(a[0]);
  if (!target) vm::panic_string("errors: target cannot be nil");
  const Type* t = target->type;
  if (t->ukind() != Kind::Pointer || target->data[0] == 0)
    vm::panic_string("errors: target must be a non-nil pointer");
  const Type* elem = t->underlying()->elem;
  if (!elem->is_interface() && !mgo::implements(elem, types().Error()))
    vm::panic_string("errors: *target must be interface or implement error");
}

// func asAssign(err error, target any) bool
void asAssign(Thread&, Slot* a) {
  const vm::Iface* err = iface(a[0]);
  const vm::Iface* target = iface(a[1]);
  const Type* elem = target->type->underlying()->elem;
  auto* dst = vm::as_ptr<Slot>(target->data[0]);
  if (elem->is_interface()) {
    if (!mgo::implements(err->type, elem)) {
      a[0] = 0;
      return;
    }
    *dst = a[0];  // every interface value is the same Iface* whatever its static type
  } else {
    if (err->type != elem) {
      a[0] = 0;
      return;
    }
    vm::store_value(elem, dst, vm::unbox_iface(a[0]));
  }
  a[0] = 1;
}

const vm::NativeEntry kNatives[] = {
    {"errors.isComparable", isComparable},
    {"errors.checkAsTarget", checkAsTarget},
    {"errors.asAssign", asAssign},
};

}  // namespace

std::span<const vm::NativeEntry> errors_natives() { return kNatives; }

}  // namespace mgo::stdlib

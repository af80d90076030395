// sort: the natives behind sort.Slice (length and element swap of any slice
// held in an interface) and the fast paths for []int, []string, []float64.
#include <algorithm>
#include <cmath>

#include "lang/types.h"
#include "stdlib/natives.h"

namespace mgo::stdlib {

namespace {

// The slice held by x; panics as Go's reflectlite.Swapper does otherwise.
vm::Slice* held_slice(Slot x) {
  auto* i = vm::as_ptr<vm::Iface>(x);
  if (!i) vm::panic_plain_error("reflect: call of Swapper on zero Value");
  if (i->type->ukind() != Kind::Slice)
    vm::panic_plain_error("reflect: call of Swapper on " + i->type->underlying()->str() + " Value");
  return vm::as_ptr<vm::Slice>(vm::unbox_iface(x));
}

void sliceLen(Thread&, Slot* a) {
  vm::Slice* s = held_slice(a[0]);
  a[0] = from_int(s ? s->len : 0);
}

void swapElems(Thread&, Slot* a) {
  auto* iface = vm::as_ptr<vm::Iface>(a[0]);
  vm::Slice* s = held_slice(a[0]);
  int64_t i = arg_int(a[1]), j = arg_int(a[2]);
  int64_t len = s ? s->len : 0;
  if (uint64_t(i) >= uint64_t(len) || uint64_t(j) >= uint64_t(len))
    vm::panic_plain_error("reflect: slice index out of range");
  int es = iface->type->underlying()->elem->slots();
  std::swap_ranges(s->data + i * es, s->data + (i + 1) * es, s->data + j * es);
}

template <class Less>
void sort_slots(Slot x, Less less) {
  auto* s = vm::as_ptr<vm::Slice>(x);
  if (s) std::sort(s->data, s->data + s->len, less);
}

void sortInts(Thread&, Slot* a) {
  sort_slots(a[0], [](Slot p, Slot q) { return int64_t(p) < int64_t(q); });
}

void sortStrings(Thread&, Slot* a) {
  sort_slots(a[0], [](Slot p, Slot q) { return vm::str_view(p) < vm::str_view(q); });
}

void sortFloat64s(Thread&, Slot* a) {
  sort_slots(a[0], [](Slot p, Slot q) {
    double x = vm::as_f64(p), y = vm::as_f64(q);
    return x < y || (std::isnan(x) && !std::isnan(y));
  });
}

const vm::NativeEntry kNatives[] = {
    {"sort.sliceLen", sliceLen},
    {"sort.swapElems", swapElems},
    {"sort.sortInts", sortInts},
    {"sort.sortStrings", sortStrings},
    {"sort.sortFloat64s", sortFloat64s},
};

}  // namespace

std::span<const vm::NativeEntry> sort_natives() { return kNatives; }

}  // namespace mgo::stdlib

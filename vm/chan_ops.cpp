#include "vm/chan_ops.h"

#include <cstdlib>
#include <vector>

#include "runtime/chan.h"
#include "runtime/select.h"
#include "vm/api.h"

namespace mgo::vm {

namespace {

rt::hchan* chan_of(Slot c) { return as_ptr<rt::hchan>(c); }

// Where the element of a register lives: the register itself for a scalar,
// the storage it points to for an aggregate.
void* elem_addr(Slot* reg, int ec) {
  if (ec == 0) return reg;
  if (*reg == 0) *reg = from_ptr(alloc_slots(ec - 1));  // a zero value not yet materialised
  return as_ptr<Slot>(*reg);
}

size_t elem_bytes(int ec) { return ec == 0 ? sizeof(Slot) : size_t(ec - 1) * sizeof(Slot); }

}  // namespace

SelectInfo* new_select_info(int nsends, int nrecvs, bool block) {
  size_t n = size_t(nsends + nrecvs);
  auto* si = static_cast<SelectInfo*>(std::calloc(1, sizeof(SelectInfo) + n * sizeof(uint16_t)));
  si->nsends = nsends;
  si->nrecvs = nrecvs;
  si->block = block;
  return si;
}

Slot makechan_op(Slot size, int ec) { return from_ptr(rt::makechan(elem_bytes(ec), int64_t(size))); }

void send_op(Slot c, Slot* v, int ec) { rt::chansend(chan_of(c), elem_addr(v, ec), true); }

void recv_op(Slot c, Slot* dst, int ec, Slot* ok) {
  // A fresh home for a received aggregate: the value is the receiver's own.
  if (ec) *dst = from_ptr(alloc_slots(ec - 1));
  bool received = rt::chanrecv(chan_of(c), elem_addr(dst, ec), true).second;
  if (ok) *ok = received;
}

void close_op(Slot c) { rt::closechan(chan_of(c)); }
int64_t chanlen_op(Slot c) { return rt::chanlen(chan_of(c)); }
int64_t chancap_op(Slot c) { return rt::chancap(chan_of(c)); }

void select_op(Slot* R, const SelectInfo* si) {
  int n = si->nsends + si->nrecvs;
  if (n == 0 && si->block) rt::block();  // select {}
  rt::scase small[8];
  std::vector<rt::scase> big;
  rt::scase* cases = small;
  if (n > 8) {
    big.resize(size_t(n));
    cases = big.data();
  }
  for (int k = 0; k < n; k++) {
    Slot* val = &R[3 + 2 * k];
    int ec = si->ec[k];
    if (k >= si->nsends && ec) *val = from_ptr(alloc_slots(ec - 1));
    cases[k] = rt::scase{chan_of(R[2 + 2 * k]), elem_addr(val, ec)};
  }
  auto [chosen, recv_ok] = rt::selectgo(cases, si->nsends, si->nrecvs, si->block);
  R[0] = Slot(int64_t(chosen));
  R[1] = recv_ok;
}

}  // namespace mgo::vm

#include "vm/chan_ops.h"

#include <cstdlib>
#include <memory>
#include <tuple>

#include "runtime/select.h"
#include "vm/api.h"

namespace mgo::vm {

namespace {

rt::hchan* chan_of(Slot c) { return as_ptr<rt::hchan>(c); }

size_t elem_bytes(int ec) { return ec == 0 ? sizeof(Slot) : size_t(ec - 1) * sizeof(Slot); }

// Selects with at most this many cases build their case array on the
// native stack; larger ones allocate it.
constexpr int kInlineCases = 8;

// Fills cases[] from the registers (case k: channel R[2+2k], value or
// destination R[3+2k]), runs selectgo and writes the chosen case and the
// received ok to R[0] and R[1].
void run_select(Slot* R, const SelectInfo* si, rt::scase* cases) {
  int nsends = si->nsends, n = nsends + si->nrecvs;
  for (int k = 0; k < n; k++) {
    Slot* val = &R[3 + 2 * k];
    int ec = si->ec[k];
    void* ep = val;
    if (ec) ep = k < nsends ? send_aggregate_addr(val, ec) : recv_aggregate_addr(val, ec);
    cases[k] = rt::scase{chan_of(R[2 + 2 * k]), ep};
  }
  auto [chosen, recv_ok] = rt::selectgo(cases, nsends, si->nrecvs, si->block);
  R[0] = Slot(int64_t(chosen));
  R[1] = recv_ok;
}

// A select of one case is what Go's compiler makes a plain send or receive
// (walkSelectCases), and one case beside a default selectnbsend or
// selectnbrecv: no selectgo, with its locking of every case and its
// shuffled poll order (~520 instructions a turn of a ctx.Done() poll).
// So a nil channel's wait reason is "chan receive (nil chan)", not "select".
void run_single(Slot* R, const SelectInfo* si) {
  Slot* val = &R[3];
  int ec = si->ec[0];
  rt::hchan* c = chan_of(R[2]);
  bool selected, received = false;
  if (si->nsends) {
    selected = rt::chansend(c, ec ? send_aggregate_addr(val, ec) : val, si->block);
  } else {
    std::tie(selected, received) = rt::chanrecv(c, ec ? recv_aggregate_addr(val, ec) : val, si->block);
  }
  R[0] = Slot(int64_t(selected ? 0 : -1));
  R[1] = received;
}

}  // namespace

void* send_aggregate_addr(Slot* v, int ec) {
  if (*v == 0) *v = from_ptr(alloc_slots(ec - 1));  // a zero value not yet materialised
  return as_ptr<Slot>(*v);
}

void* recv_aggregate_addr(Slot* dst, int ec) {
  *dst = from_ptr(alloc_slots(ec - 1));
  return as_ptr<Slot>(*dst);
}

SelectInfo* new_select_info(int nsends, int nrecvs, bool block) {
  size_t n = size_t(nsends + nrecvs);
  auto* si = static_cast<SelectInfo*>(std::calloc(1, sizeof(SelectInfo) + n * sizeof(uint16_t)));
  si->nsends = nsends;
  si->nrecvs = nrecvs;
  si->block = block;
  return si;
}

Slot makechan_op(Slot size, int ec) { return from_ptr(rt::makechan(elem_bytes(ec), int64_t(size))); }

void close_op(Slot c) { rt::closechan(chan_of(c)); }
int64_t chanlen_op(Slot c) { return rt::chanlen(chan_of(c)); }
int64_t chancap_op(Slot c) { return rt::chancap(chan_of(c)); }

void select_op(Slot* R, const SelectInfo* si) {
  int n = si->nsends + si->nrecvs;
  if (n == 0 && si->block) rt::block();  // select {}
  if (n == 1) {
    run_single(R, si);
    return;
  }
  if (n <= kInlineCases) {
    rt::scase cases[kInlineCases];
    run_select(R, si, cases);
    return;
  }
  auto cases = std::make_unique<rt::scase[]>(size_t(n));
  run_select(R, si, cases.get());
}

}  // namespace mgo::vm

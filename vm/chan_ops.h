// Channel operations of the VM (OP_MAKECHAN ... OP_SELECT) on the runtime's
// channels (runtime/chan.h, runtime/select.h).
//
// A channel element is the value's register representation: one slot for a
// scalar, or the slots of an aggregate, copied by value (the register holds
// a pointer to the aggregate's storage, vm/value.h). Operations describe the
// element type by `ec`: 0 for a scalar, 1 + slots for an aggregate (so
// struct{} is 1: zero bytes a element).
#pragma once

#include <cstdint>

#include "runtime/chan.h"
#include "vm/value.h"

namespace mgo::vm {

// What the compiler knows about one select statement (a constant, K[Bx] of
// OP_SELECT): the cases as selectgo wants them, sends first, then receives;
// case k's channel is in R[A+2+2k] and its value (send) or destination
// (receive) in R[A+3+2k].
struct SelectInfo {
  int32_t nsends = 0;
  int32_t nrecvs = 0;
  bool block = true;          // no default case
  uint16_t ec[1];             // per case: the element code (ncases entries)
};
SelectInfo* new_select_info(int nsends, int nrecvs, bool block);

// The element code of a type: 0 scalar, 1 + slots aggregate.
inline int elem_code(bool aggregate, int slots) { return aggregate ? 1 + slots : 0; }

// Where an aggregate element lives (out of line: the rare case). A sent
// value not yet materialised (a zero register) gets zeroed storage; a
// received one always gets fresh storage, since the value is the
// receiver's own.
void* send_aggregate_addr(Slot* v, int ec);
void* recv_aggregate_addr(Slot* dst, int ec);

Slot makechan_op(Slot size, int ec);

// Send and receive are inline: with a scalar element (the usual case) the
// interpreter calls chansend/chanrecv directly, on the register itself;
// a call through an out-of-line wrapper cost 12 (send) and 25 (receive)
// instructions of the ~400 a buffered channel item costs.
inline void send_op(Slot c, Slot* v, int ec) {
  rt::chansend(as_ptr<rt::hchan>(c), ec == 0 ? v : send_aggregate_addr(v, ec), true);
}

inline void recv_op(Slot c, Slot* dst, int ec, Slot* ok) {
  bool received = rt::chanrecv(as_ptr<rt::hchan>(c), ec == 0 ? dst : recv_aggregate_addr(dst, ec), true).second;
  if (ok) *ok = received;
}

void close_op(Slot c);
int64_t chanlen_op(Slot c);
int64_t chancap_op(Slot c);
// R[0] := chosen case (-1: default), R[1] := received ok.
void select_op(Slot* R, const SelectInfo* si);

}  // namespace mgo::vm

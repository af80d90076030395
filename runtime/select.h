// The select statement (Go's select.go).
//
// The VM lowers a select as Go's compiler does:
//   select {}                          -> block()
//   one case, no default               -> chansend / chanrecv (block)
//   one case and default               -> chansend / chanrecv (non-blocking)
//   anything else                      -> selectgo
// (selectgo handles the first three as well, only more slowly.)
#pragma once

#include <utility>

#include "runtime/chan.h"

namespace mgo::rt {

// One case of a select (Go's scase): the channel (nil: the case is never
// chosen) and the element: for a send, the value to send; for a receive,
// where to store the received value (null: discard it).
struct scase {
  hchan* c;
  void* elem;
};

// Runs a select over cases[0, nsends + nrecvs): the nsends send cases
// first, then the nrecvs receive cases, in any order the VM likes (the
// chosen index tells which). Each ready case has the same chance of being
// chosen, whatever its position. Without block (a select with default),
// returns -1 if no case is ready; with block, parks with waitReason
// select_ until one is. Returns (the chosen case's index, and for a
// receive whether a value was received: false when its channel was closed
// and drained, with *elem zeroed). A send case on a closed channel panics
// "send on closed channel" when chosen. cases' elements must stay valid
// until selectgo returns; cases itself may be modified (nil channels'
// elems are cleared, as Go does).
std::pair<int, bool> selectgo(scase* cases, int nsends, int nrecvs, bool block);

// select {}: parks the goroutine forever (waitReason selectNoCases).
[[noreturn]] void block();

}  // namespace mgo::rt

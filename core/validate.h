// Protocol sense for events that come from outside (a recording file): one
// check of an event against the state the events before it built. The fold,
// the checker and the simulator trust the journal; this is what makes that
// trust safe for a journal read from a file.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "journal.h"
#include "large_memory.h"

namespace radeau {

// What validateEvent remembers of the events before the one it checks.
struct EventContext {
  int nodes = 0;
  uint32_t writes_known = 0;   // write texts stored (ids 1..writes_known may appear)
  uint32_t max_write = 0;      // the last ClientWrite so far
  uint64_t carried_total = 0;  // entries in Journal::carried
  uint32_t carried_cursor = 0; // where the next carrying message's entries start
  std::array<uint32_t, kMaxNodes> term{};
  std::array<uint32_t, kMaxNodes> log_len{};
  std::array<bool, kMaxNodes> crashed{};
  std::array<std::array<Seq, 2>, kMaxNodes> timer;  // running TimerStarted per node and kind
  // Per seq: 1 = a MessageSent not yet delivered or dropped. In large
  // blocks, reserved by a reader that knows the event count: grown from
  // nothing, its copies and fresh small pages were a tenth of the page
  // faults of a ten-million-event load (issue 19).
  std::vector<uint8_t, LargeAllocator<uint8_t>> sent;
  // Carried payloads whose writes are known, by where the journal stores
  // them: stored entries never move or change and max_write never goes down,
  // so a payload checked once stays good, and a grown one (a run, see
  // Journal) needs only its new entries. An installSnapshot re-sent every
  // heartbeat made that loop 88 % of validating ten million events.
  struct CheckedPayload {
    const Entry* first = nullptr;
    uint32_t count = 0;
  };
  std::array<CheckedPayload, 64> checked_payloads{};

  EventContext(int node_count, uint32_t writes, uint64_t carried);
};

// The part of validateEvent that needs no journal: a MessageSent `m` (its
// `e` entries at `carried`; null: what it carries is not looked at) in a
// cluster of `nodes`: sender and receiver
// exist, the type is known, the entry count within limits, a snapshot's
// index and last term agree with what it carries. validateEvent runs it on
// every MessageSent; a live node runs it on every peer message (app/node/
// peer_check.h), so both hold a message to the same rules.
std::string validateMessage(const Event& m, const Entry* carried, int nodes);

// Empty when `e`, the event that would follow `j`, makes sense after the
// events of `j`; otherwise why not. On success the context has taken `e` in.
std::string validateEvent(const Journal& j, const Event& e, EventContext& ctx);

// Takes in an event already known to be valid (a branch's inherited prefix).
void noteEvent(const Journal& j, const Event& e, EventContext& ctx);
// The same for an event already in the journal at `seq` (a shared prefix).
void noteEvent(Seq seq, const Event& e, EventContext& ctx);

}  // namespace radeau

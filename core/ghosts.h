// Ghosts: entries a node held and then lost (truncated, overwritten, or wiped
// by a restart without persistence, which the simulator records as a
// truncation to 0). Views draw them at their index so nothing vanishes
// without a trace. Pure: derived from the journal alone.
#pragma once

#include <array>
#include <map>
#include <utility>
#include <vector>

#include "core/journal.h"

namespace radeau {

struct Ghost {
  NodeId node = kNoNode;
  uint32_t index = 0;   // 1-based log index the entry was removed from
  Entry entry;          // what was there (term, write id)
  Time removed_us = 0;  // when it was removed
  Seq removed = kNoSeq; // the LogTruncated event
  bool acked = false;   // its write had been acknowledged by `end` (the no-op never)
  bool operator==(const Ghost&) const = default;
};

// Ghosts of events [0, end) of `journal`, by node then index. A ghost lasts
// from its removal to the end unless the same entry comes back at that index;
// a later removal at the same index replaces it (the latest loss is shown).
std::vector<Ghost> ghostsAt(const Journal& journal, Seq end);

// The ghosts at any position of a growing journal, read once: a window
// playing a long recording cannot afford to read the journal from its start
// on every frame (ghostsAt does, with an index of its own). A query costs the
// ghosts removed before the position, not the events.
class GhostIndex {
 public:
  // Reads the events appended since the last call (a journal only grows), up to `end`.
  void sync(const Journal& journal, Seq end = kNoSeq);
  Seq eventsRead() const { return read_; }
  // Equal to ghostsAt(journal, end) for end <= eventsRead().
  std::vector<Ghost> at(Seq end) const;

 private:
  struct Life {
    Ghost ghost;           // its `acked` is filled in by at()
    Seq until = kNoSeq;    // the event that ends it (the entry back, or a later loss there)
  };
  Seq read_ = 0;
  std::array<std::vector<Entry>, kMaxNodes> logs_;
  std::map<std::pair<NodeId, uint32_t>, size_t> open_;  // (node, index) -> its current life
  std::vector<Life> lives_;                              // in the order of their removal
  std::vector<Seq> first_ack_;                           // by write id (kNoSeq: never acknowledged)
};

// The ghost of `node` at `index` among `ghosts`, or nullptr.
const Ghost* findGhost(const std::vector<Ghost>& ghosts, NodeId node, uint32_t index);

}  // namespace radeau

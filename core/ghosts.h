// Ghosts: entries a node held and then lost (truncated, overwritten, or wiped
// by a restart without persistence, which the simulator records as a
// truncation to 0). Views draw them at their index so nothing vanishes
// without a trace. Pure: derived from the journal alone.
#pragma once

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

// The ghost of `node` at `index` among `ghosts`, or nullptr.
const Ghost* findGhost(const std::vector<Ghost>& ghosts, NodeId node, uint32_t index);

}  // namespace radeau

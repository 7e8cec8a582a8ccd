// Something done to the cluster from outside at a given instant: a client
// write or a fault. Scripts, the CLI's soak schedules and the GUI all act
// through this one type, so every input of a run is a list of Actions.
#pragma once

#include <string>
#include <vector>

#include "concepts.h"
#include "event.h"

namespace radeau {

enum class ActionKind : uint8_t {
  Write,       // node, text
  Crash,       // node
  Restart,     // node
  Cut,         // node, peer
  Heal,        // node, peer
  Isolate,     // node
  Partition,   // groups
  HealAll,
  Timeout,     // node: force its election timer to end now
  Drop,        // node, peer: drop the messages in flight on that link (both ways)
  DropMessage, // message: drop one message in flight (seq of its MessageSent)
  SetConcepts, // concepts
  // --- added later: new kinds go last, recordings store kinds by number ----
  Resend,      // node, text: the client of the latest write of that text resends it
               // there (same write, same identity) unless it was acknowledged
  Read,        // node, text = the key
  AddNodes,    // groups[0] = the nodes to add; node = the node asked (kNoNode: the leader)
  RemoveNodes, // groups[0] = the nodes to remove; node = the node asked (kNoNode: the leader)
};
inline constexpr ActionKind kLastActionKind = ActionKind::RemoveNodes;

struct Action {
  Time time_us = 0;
  ActionKind kind = ActionKind::Write;
  NodeId node = kNoNode;
  NodeId peer = kNoNode;
  std::string text{};                      // Write; Read: the key
  std::vector<std::vector<NodeId>> groups{};  // Partition
  Seq message = kNoSeq;                    // DropMessage
  Concepts concepts{};                     // SetConcepts
  int line = 0;                            // script line, for messages (0 = not from a script)

  bool operator==(const Action&) const = default;
};

}  // namespace radeau

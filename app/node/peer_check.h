// A peer's message is input like any other: a buggy or compromised node holds
// the cluster token. Before the node logic sees a message, it is checked
// against the protocol (ranges, counts, what the message carries) and against
// this node's own state. A message that fails is dropped, which Raft always
// tolerates: the network may lose any message.
#pragma once

#include <string>
#include <vector>

#include "core/concepts.h"
#include "core/event.h"
#include "core/state.h"

namespace radeau::node {

// `m`: the message as received (node = sender, peer = this node, sub = type,
// e = entries.size()); `self`: this node's state. Empty if acceptable,
// otherwise why not (no text from the message itself, only numbers).
std::string checkPeerMessage(const Event& m, const std::vector<Entry>& entries, const NodeState& self,
                             Concepts concepts, int node_count);

}  // namespace radeau::node

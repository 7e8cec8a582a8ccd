// Questions about a live (or simulated) cluster's state that the window, the
// tests and the benchmark ask alike.
#pragma once

#include <optional>

#include "core/state.h"

namespace radeau::live {

// The leader that a majority of its configuration follows in its current
// term: alive, leader, and a majority of the alive members of its
// configuration (itself included) at its term naming it. Without membership
// changes the configuration is the whole cluster.
inline std::optional<NodeId> agreedLeader(const ClusterState& s) {
  for (int l = 0; l < s.node_count; ++l) {
    const NodeState& x = s.nodes[size_t(l)];
    if (!x.alive || x.role != Role::Leader) continue;
    int followers = 0;
    for (int m = 0; m < s.node_count; ++m) {
      const NodeState& y = s.nodes[size_t(m)];
      if (x.isMember(NodeId(m)) && y.alive && y.leader == l && y.term == x.term) ++followers;
    }
    if (followers >= x.majority()) return NodeId(l);
  }
  return std::nullopt;
}

// Safety findings (two leaders, lost entries...) recorded so far.
inline int safetyFindings(const ClusterState& s, const Journal& j) {
  int count = 0;
  for (Seq f : s.findings)
    if (isSafetyFinding(j[f].findingKind())) ++count;
  return count;
}

}  // namespace radeau::live

// Invariant checker: watches every event as it is applied and reports what the
// presenter should see as a failure (../shared/CHAPTERS.md, "What the checker
// calls a failure"). Its own memory is a fold of the journal too, so it can be
// rebuilt at any point for a branch.
#pragma once

#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "event.h"
#include "journal.h"
#include "state.h"

namespace radeau {

class Checker {
 public:
  // Called with the state just before `e` is applied (to see what it removes).
  void before(const ClusterState& s, const Event& e, std::vector<Event>& findings);
  // Called with the state just after `e` is applied.
  void after(const ClusterState& s, const Event& e, std::vector<Event>& findings);
  // End of run: writes that were never answered.
  void finish(const ClusterState& s, std::vector<Event>& findings);

 private:
  using Key = std::tuple<uint8_t, uint8_t, uint8_t, uint32_t, uint32_t>;
  void report(std::vector<Event>& out, FindingKind k, NodeId node, NodeId peer, uint32_t term,
              uint32_t index, uint32_t write);
  void checkTwoLeaders(const ClusterState& s, NodeId n, std::vector<Event>& out);
  void checkAllLeaderPairs(const ClusterState& s, std::vector<Event>& out);

  std::map<uint32_t, NodeId> leader_of_term_;
  std::vector<uint16_t> holders_;        // by write id: how many logs hold it
  std::vector<Entry> committed_;         // by index-1: the entry first seen committed
  std::vector<uint8_t> committed_known_;
  std::set<Key> reported_;
  // (node, index) of entries a state machine recognised as duplicates, until
  // the commit that applies past them.
  std::set<std::pair<NodeId, uint32_t>> recognised_;
};

}  // namespace radeau

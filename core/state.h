// The cluster's state as a fold of the journal: apply(state, event) is the only
// way it changes, in the simulator, in replay and in the GUI alike.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "concepts.h"
#include "cow_vector.h"
#include "config.h"
#include "event.h"
#include "journal.h"

namespace radeau {

struct TimerState {
  Seq started = kNoSeq;  // seq of its TimerStarted; kNoSeq when not running
  Time start_us = 0;
  Time deadline_us = 0;
  bool running() const { return started != kNoSeq; }
  bool operator==(const TimerState&) const = default;
};

struct NodeState {
  bool alive = true;
  Role role = Role::Follower;
  uint32_t term = 0;
  NodeId voted_for = kNoNode;
  uint16_t votes = 0;         // bit per voter, while candidate
  bool pre_candidate = false; // a candidacy asking pre-votes: its own vote is not counted yet
  // The peers whose messages reached it since its election timer started
  // (check-quorum counts them): a bit per peer.
  uint16_t heard_since_election_timer = 0;
  NodeId leader = kNoNode;    // the leader it last heard from
  CowVector<Entry> log;       // index i is log[i-1]; copies share it until one changes
  uint32_t commit = 0;
  // Entries up to snapshot_index are compacted: kept here so logs stay
  // comparable, but the node can no longer send them one by one.
  uint32_t snapshot_index = 0;
  uint32_t snapshot_term = 0;
  std::array<uint32_t, kMaxNodes> next_index{};
  std::array<uint32_t, kMaxNodes> match_index{};
  TimerState election;
  TimerState heartbeat;
  // Client reads this node was given and has not answered yet (read-index
  // and lease hold them until a majority confirms the leader).
  uint32_t reads_waiting = 0;
  // The configuration this node goes by (rung 16): the latest configuration
  // entry of its own log, in force from the moment it is appended (Raft
  // dissertation 4.1), else the initial one; a bit per member.
  uint16_t members = 0;
  uint32_t config_index = 0;  // that entry's index, 0 = the initial configuration

  uint32_t lastIndex() const { return uint32_t(log.size()); }
  uint32_t lastTerm() const { return log.empty() ? 0 : log.back().term; }
  int voteCount() const { return __builtin_popcount(votes); }
  bool isMember(NodeId n) const { return n < kMaxNodes && (members & (1u << n)); }
  int memberCount() const { return __builtin_popcount(members); }
  // A strict majority of my configuration, not of the cluster.
  int majority() const { return memberCount() / 2 + 1; }
  // Yes answers so far, the node's own included: a pre-candidate's own yes is implicit.
  int yesCount() const { return voteCount() + (pre_candidate ? 1 : 0); }
  TimerState& timer(TimerKind k) { return k == TimerKind::Election ? election : heartbeat; }
  const TimerState& timer(TimerKind k) const { return k == TimerKind::Election ? election : heartbeat; }
  bool operator==(const NodeState&) const = default;
};

struct InFlight {
  Seq sent = kNoSeq;  // seq of the MessageSent
  Time sent_us = 0;
  Time deliver_us = 0;
  NodeId from = kNoNode;
  NodeId to = kNoNode;
  bool operator==(const InFlight&) const = default;
};

// Given: the text of an `init` entry, which no client asked for and nobody answered.
enum class WriteStatus : uint8_t { Pending, Acked, Failed, Given };

struct ClusterState {
  Time now_us = 0;
  Seq applied = 0;            // number of events folded in
  Concepts concepts;
  int node_count = 0;
  std::array<NodeState, kMaxNodes> nodes{};
  std::array<uint16_t, kMaxNodes> cut{};     // bit p set in cut[n]: link n-p is cut
  std::array<uint8_t, kMaxNodes> group{};    // partition group of each node
  std::vector<InFlight> in_flight;            // ordered by seq
  CowVector<WriteStatus> writes;              // by write id
  CowVector<Seq> findings;                    // seqs of Finding events so far
  uint16_t initial_members = 0;               // the configuration before any change (rung 16)
  // By write id: the log index where some node first appended it, with
  // kAppendedElsewhere once a node appends it at another index (a resent or
  // duplicated write). Entries are copied at their index, so without that bit
  // a log holds a write at most once, there, and the lookup below is O(1)
  // instead of a scan of the log at every applied entry.
  CowVector<uint32_t> write_index;
  static constexpr uint32_t kAppendedElsewhere = 0x8000'0000u;

  static ClusterState initial(const ClusterConfig& config);
  bool linkUp(NodeId a, NodeId b) const {
    return !(cut[a] & (1u << b)) && group[a] == group[b];
  }
  // A strict majority of the whole cluster (every node, spares included);
  // a node counts with NodeState::majority(), its own configuration's.
  int majority() const { return node_count / 2 + 1; }
  // The client-sessions lookup: the index (1-based) of the first of node n's
  // first `before` entries that carries `write`, 0 if none. A write is one
  // client's request, its id the pair (client, serial number): among applied
  // entries this is the state machine's session table, which answered it there.
  uint32_t firstIndexOf(NodeId n, uint32_t write, uint32_t before) const;
  const InFlight* findInFlight(Seq sent) const;
  bool operator==(const ClusterState&) const = default;
};

// The pure fold step. `seq` is the event's index in its journal.
void apply(ClusterState& state, const Event& e, Seq seq);

// Folds journal events [0, end) onto a fresh state.
ClusterState fold(const ClusterConfig& config, const Journal& journal, Seq end);

}  // namespace radeau

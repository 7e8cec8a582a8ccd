#include "state.h"

#include <algorithm>
#include <cassert>

namespace radeau {

ClusterState ClusterState::initial(const ClusterConfig& config) {
  ClusterState s;
  s.concepts = config.concepts;
  s.node_count = config.nodeCount();
  s.initial_members = config.initialMembers();
  for (NodeState& n : s.nodes) n.members = s.initial_members;
  s.writes.push_back(WriteStatus::Acked);  // id 0: the no-op
  s.writes.resize(1 + initWriteTexts(config).size(), WriteStatus::Given);
  return s;
}

uint32_t ClusterState::firstIndexOf(NodeId n, uint32_t write, uint32_t before) const {
  const std::vector<Entry>& log = nodes[n].log;
  const uint32_t end = std::min<uint32_t>(before, uint32_t(log.size()));
  // Every entry enters a log by apply()'s LogAppended, which indexes its
  // write (configurations aside): a write beyond the index is in no log. A
  // live leader asks this of every new client write (its ids are sparse and
  // new), and the scan below made each one cost the whole log.
  if (write != 0 && !isConfigWrite(write) && write >= write_index.size()) return 0;
  if (write < write_index.size() && !(write_index[write] & kAppendedElsewhere)) {
    const uint32_t at = write_index[write];
    return at != 0 && at <= end && log[at - 1].write == write ? at : 0;
  }
  for (uint32_t i = 0; i < end; ++i)
    if (log[i].write == write) return i + 1;
  return 0;
}

const InFlight* ClusterState::findInFlight(Seq sent) const {
  auto it = std::lower_bound(in_flight.begin(), in_flight.end(), sent,
                             [](const InFlight& m, Seq s) { return m.sent < s; });
  return it != in_flight.end() && it->sent == sent ? &*it : nullptr;
}

namespace {
void removeInFlight(ClusterState& s, Seq sent) {
  auto it = std::lower_bound(s.in_flight.begin(), s.in_flight.end(), sent,
                             [](const InFlight& m, Seq q) { return m.sent < q; });
  if (it != s.in_flight.end() && it->sent == sent) s.in_flight.erase(it);
}
}  // namespace

void apply(ClusterState& s, const Event& e, Seq seq) {
  s.now_us = e.time_us;
  s.applied = seq + 1;
  NodeState* n = e.node < kMaxNodes ? &s.nodes[e.node] : nullptr;
  switch (e.kind) {
    case EventKind::MessageSent:
      s.in_flight.push_back({seq, e.time_us, e.at_us(), e.node, e.peer});
      break;
    case EventKind::MessageDelivered:
      // The delivery names its sender itself: a live node's journal has no MessageSent of its peers.
      if (e.peer < kMaxNodes) n->heard_since_election_timer |= uint16_t(1u << e.peer);
      removeInFlight(s, e.ref);
      break;
    case EventKind::MessageDropped:
      removeInFlight(s, e.ref);
      break;
    case EventKind::TimerStarted:
      n->timer(e.timerKind()) = {seq, e.time_us, e.at_us()};
      if (e.timerKind() == TimerKind::Election) n->heard_since_election_timer = 0;
      break;
    case EventKind::TimerCancelled:
    case EventKind::TimerFired:
      n->timer(e.timerKind()) = {};
      break;
    case EventKind::RoleChanged:
      n->role = e.role();
      n->votes = 0;
      n->pre_candidate = n->role == Role::Candidate && (e.flags & kFlagPreCandidate);
      if (n->role == Role::Leader) {
        n->next_index.fill(n->lastIndex() + 1);
        n->match_index.fill(0);
      }
      break;
    case EventKind::TermChanged: n->term = e.term; break;
    case EventKind::Voted: n->voted_for = e.peer; break;
    case EventKind::VoteCounted: n->votes |= uint16_t(1u << e.peer); break;
    case EventKind::LeaderHeard: n->leader = e.peer; break;
    case EventKind::LogAppended:
      assert(e.index() == n->log.size() + 1);
      n->log.push_back({e.term, e.write()});
      if (isConfigWrite(e.write())) {
        // A configuration takes effect as soon as it is in the log.
        n->members = configMembers(e.write());
        n->config_index = e.index();
        break;
      }
      // An entry naming a write this journal never saw given (a live peer's,
      // a node's own files) makes it known, as pending. size_t: see ClientWrite.
      if (s.writes.size() <= e.write()) s.writes.resize(size_t(e.write()) + 1, WriteStatus::Pending);
      if (e.write() != 0) {
        if (s.write_index.size() <= e.write()) s.write_index.resize(size_t(e.write()) + 1, 0);
        uint32_t& at = s.write_index[e.write()];
        if (at == 0) at = e.index();
        else if (at != e.index()) at |= ClusterState::kAppendedElsewhere;
      }
      break;
    case EventKind::LogTruncated:
      n->log.resize(std::min<size_t>(n->log.size(), e.length()));
      n->commit = std::min(n->commit, e.length());
      if (n->snapshot_index > e.length()) n->snapshot_index = n->snapshot_term = 0;
      if (n->config_index > n->log.size()) {
        // The configuration entry is gone: the one before it is back.
        n->members = s.initial_members;
        n->config_index = 0;
        for (size_t i = n->log.size(); i-- > 0;)
          if (isConfigWrite(n->log[i].write)) {
            n->members = configMembers(n->log[i].write);
            n->config_index = uint32_t(i + 1);
            break;
          }
      }
      break;
    case EventKind::CommitAdvanced: n->commit = e.index(); break;
    case EventKind::ProgressUpdated:
      n->next_index[e.peer] = e.nextIndex();
      n->match_index[e.peer] = e.matchIndex();
      break;
    case EventKind::ClientWrite:
      // size_t: `e.write() + 1` in 32 bits wraps to 0 for a (forged) id 0xFFFFFFFF.
      // Ids above kMaxWriteId are refused where they enter (peers, files).
      if (s.writes.size() <= e.write()) s.writes.resize(size_t(e.write()) + 1, WriteStatus::Pending);
      // The client resends a write that failed: it waits for an answer again.
      if (e.attempt() > 0 && s.writes[e.write()] == WriteStatus::Failed) s.writes[e.write()] = WriteStatus::Pending;
      break;
    case EventKind::WriteForwarded: break;
    case EventKind::WriteAcked:
      if (e.write() < s.writes.size()) s.writes[e.write()] = WriteStatus::Acked;
      break;
    case EventKind::WriteFailed:
      if (e.write() < s.writes.size()) s.writes[e.write()] = WriteStatus::Failed;
      break;
    case EventKind::Crashed: {
      // Volatile state is gone; what persistence keeps (term, vote, log) stays
      // here and the simulator records its loss explicitly when it is off.
      NodeState& x = *n;
      x.alive = false;
      x.role = Role::Follower;
      x.votes = 0;
      x.pre_candidate = false;
      x.heard_since_election_timer = 0;
      x.leader = kNoNode;
      x.commit = 0;
      x.next_index.fill(0);
      x.match_index.fill(0);
      x.election = {};
      x.heartbeat = {};
      x.reads_waiting = 0;  // a client's read the node was holding is lost with it
      break;
    }
    case EventKind::Restarted: n->alive = true; break;
    case EventKind::LinkCut:
      s.cut[e.node] |= uint16_t(1u << e.peer);
      s.cut[e.peer] |= uint16_t(1u << e.node);
      break;
    case EventKind::LinkHealed:
      s.cut[e.node] &= uint16_t(~(1u << e.peer));
      s.cut[e.peer] &= uint16_t(~(1u << e.node));
      break;
    case EventKind::Isolated:
      for (int p = 0; p < s.node_count; ++p) {
        if (p == e.node) continue;
        s.cut[e.node] |= uint16_t(1u << p);
        s.cut[p] |= uint16_t(1u << e.node);
      }
      break;
    case EventKind::Partitioned:
      for (int p = 0; p < s.node_count; ++p) s.group[p] = uint8_t(e.partitionGroup(NodeId(p)));
      break;
    case EventKind::HealedAll:
      s.cut.fill(0);
      s.group.fill(0);
      break;
    case EventKind::TimeoutForced: break;
    case EventKind::ConceptsChanged: s.concepts = Concepts(e.conceptBits()); break;
    case EventKind::Finding: s.findings.push_back(seq); break;
    case EventKind::SnapshotTaken:
      n->snapshot_index = e.index();
      n->snapshot_term = e.term;
      break;
    // The state machine is a function of the committed log: skipping an entry
    // changes nothing here (the session table is ClusterState::firstIndexOf).
    case EventKind::DuplicateRecognised: break;
    case EventKind::ClientRead: ++n->reads_waiting; break;
    case EventKind::ReadAnswered:
    case EventKind::ReadFailed:
      if (n->reads_waiting > 0) --n->reads_waiting;
      break;
    // A change takes effect when its entry is appended (LogAppended).
    case EventKind::ConfigChangeAsked:
    case EventKind::ConfigChangeRefused: break;
  }
}

ClusterState fold(const ClusterConfig& config, const Journal& journal, Seq end) {
  ClusterState s = ClusterState::initial(config);
  auto events = journal.events().reader(0);  // in order: no rank per event
  for (Seq i = 0; i < end && i < journal.size(); ++i) apply(s, events.next(), i);
  return s;
}

}  // namespace radeau

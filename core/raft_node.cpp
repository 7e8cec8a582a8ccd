#include "raft_node.h"

#include <algorithm>
#include <bit>

#include "limits.h"
#include "rng.h"

namespace radeau {

namespace {
uint16_t bit(NodeId n) { return uint16_t(1u << n); }
// A committed write's client is answered: unanswered, or told that a resend
// failed while an earlier copy was on its way (the answer that counts is the
// last). Without resends a write that failed never reaches a log.
bool awaitsAnswer(WriteStatus s) { return s == WriteStatus::Pending || s == WriteStatus::Failed; }
}  // namespace

uint32_t storedDelay(Time us) { return uint32_t(std::clamp<Time>(us, 0, limits::kMaxTimingUs)); }

// ---------------------------------------------------------------------------
// Life of the process

void RaftNode::boot() {
  if (has(Concept::EveryoneLeader)) {
    becomeLeader();
  } else if (!usesElectionTimer()) {
    // Leader by decree: the first node leads, everybody knows it.
    if (id_ == 0) becomeLeader();
    else hearLeader(0);
  } else {
    startElectionTimer();
  }
}

void RaftNode::restore(uint32_t term, NodeId voted_for, const std::vector<Entry>& log) {
  if (term) setTerm(term);
  if (voted_for != kNoNode) vote(voted_for);
  for (const Entry& e : log) appendEntry(e);
}

void RaftNode::crash() {
  const NodeState& x = self();
  cancelTimer(TimerKind::Election);
  cancelTimer(TimerKind::Heartbeat);
  record(Event{.kind = EventKind::Crashed, .node = id_});
  if (!has(Concept::Persistence)) {
    // Nothing was on disk: the term, the vote and the log die with the process.
    if (x.term) setTerm(0);
    if (x.voted_for != kNoNode) vote(kNoNode);
    if (!x.log.empty()) truncate(0);
  }
}

void RaftNode::rulesChanged() {
  const NodeState& x = self();
  if (!x.alive) return;
  if (x.role != Role::Leader && usesElectionTimer() && !x.election.running()) startElectionTimer();
  if (!usesElectionTimer() && x.election.running()) cancelTimer(TimerKind::Election);
  if (x.role == Role::Leader && has(Concept::Replication) && !x.heartbeat.running()) startHeartbeatTimer();
  if (x.role == Role::Leader && has(Concept::CheckQuorum) && !x.election.running()) startElectionTimer();
  if (x.role == Role::Leader && !has(Concept::CheckQuorum) && x.election.running()) cancelTimer(TimerKind::Election);
}

// ---------------------------------------------------------------------------
// Timers

void RaftNode::startElectionTimer() {
  cancelTimer(TimerKind::Election);
  const ClusterConfig& config = host_->config();
  const Seq seq = Seq(host_->journal().size());
  const Time timeout = drawRange(config.seed, seq, DrawSalt::ElectionTimeout, config.timing.election_min_us,
                                 config.timing.election_max_us);
  record(Event{.dt_us = storedDelay(localToReal(timeout, config.timing, id_)), .kind = EventKind::TimerStarted,
               .node = id_, .sub = uint8_t(TimerKind::Election)});
}

void RaftNode::startHeartbeatTimer() {
  cancelTimer(TimerKind::Heartbeat);
  const Timing& timing = host_->config().timing;
  record(Event{.dt_us = storedDelay(localToReal(timing.heartbeat_us, timing, id_)), .kind = EventKind::TimerStarted,
               .node = id_, .sub = uint8_t(TimerKind::Heartbeat)});
}

void RaftNode::cancelTimer(TimerKind k) {
  const TimerState& t = self().timer(k);
  if (t.running()) record(Event{.ref = t.started, .kind = EventKind::TimerCancelled, .node = id_, .sub = uint8_t(k)});
}

void RaftNode::timerFired(TimerKind kind) {
  if (kind == TimerKind::Election && self().role == Role::Leader) {
    if (has(Concept::CheckQuorum)) checkQuorum();
  } else if (kind == TimerKind::Election) {
    electionTimeout();
  } else if (self().role == Role::Leader) {
    broadcastLogRequests();
    startHeartbeatTimer();
  }
}

// ---------------------------------------------------------------------------
// Roles, terms, votes

void RaftNode::setTerm(uint32_t term) { record(Event{.term = term, .kind = EventKind::TermChanged, .node = id_}); }

void RaftNode::vote(NodeId candidate) {
  record(Event{.term = self().term, .kind = EventKind::Voted, .node = id_, .peer = candidate});
}

void RaftNode::hearLeader(NodeId leader) {
  if (self().leader != leader) record(Event{.kind = EventKind::LeaderHeard, .node = id_, .peer = leader});
}

void RaftNode::electionTimeout() {
  const NodeState& x = self();
  if (!x.alive || x.role == Role::Leader) return;
  if (!has(Concept::Election)) {
    becomeLeader();  // leader-timeout: no vote, I simply take over
    return;
  }
  if (!has(Concept::PreVote) || !has(Concept::Terms) || host_->state().majority() <= 1) return campaign();
  // Pre-vote (Raft dissertation 9.6, etcd's campaignPreElection): first ask
  // whether I could win the next term, without raising mine. A pre-candidate
  // of my current term until a majority says yes; nobody's term or vote changes.
  record(Event{.term = x.term, .kind = EventKind::RoleChanged, .node = id_,
               .sub = uint8_t(Role::Candidate), .flags = kFlagPreCandidate});
  hearLeader(kNoNode);
  startElectionTimer();
  for (int p = 0; p < host_->state().node_count; ++p) {
    if (p == id_) continue;
    send(NodeId(p), make::preVoteRequest(x.lastIndex(), x.lastTerm()), x.term + 1);  // the term I would take
  }
}

void RaftNode::campaign() {
  const NodeState& x = self();
  if (has(Concept::Terms)) setTerm(x.term + 1);
  record(Event{.term = x.term, .kind = EventKind::RoleChanged, .node = id_, .sub = uint8_t(Role::Candidate)});
  hearLeader(kNoNode);
  vote(id_);
  record(make::voteCounted(id_, id_, 1));
  startElectionTimer();
  if (1 >= host_->state().majority()) {
    becomeLeader();
    return;
  }
  for (int p = 0; p < host_->state().node_count; ++p) {
    if (p == id_) continue;
    send(NodeId(p), make::voteRequest(x.lastIndex(), x.lastTerm()));
  }
}

// Check-quorum (etcd's checkQuorum): every election timeout a leader counts
// the followers it heard from since the last check; without a majority it is
// cut off and steps down, so clients that reach it are sent elsewhere.
void RaftNode::checkQuorum() {
  // The fold keeps who reached me since the timer started (deliveries name
  // their sender: a live node's journal holds no MessageSent of its peers).
  const int answered = std::popcount(uint16_t(self().heard_since_election_timer & ~bit(id_))) + 1;
  if (answered >= host_->state().majority()) return startElectionTimer();
  becomeFollower();
  hearLeader(kNoNode);
}

void RaftNode::becomeLeader() {
  const NodeState& x = self();
  cancelTimer(TimerKind::Election);
  record(Event{.term = x.term, .kind = EventKind::RoleChanged, .node = id_, .sub = uint8_t(Role::Leader)});
  hearLeader(id_);
  if (has(Concept::LeaderNoop)) appendEntry({has(Concept::EntryTerms) ? x.term : 0, 0});
  if (has(Concept::Replication)) {
    broadcastLogRequests();
    startHeartbeatTimer();
  }
  if (has(Concept::CheckQuorum)) startElectionTimer();
  if (has(Concept::Commit)) advanceCommit();
}

void RaftNode::becomeFollower() {
  const NodeState& x = self();
  // A leader's election timer is check-quorum's: a follower draws its own.
  const bool was_leader = x.role == Role::Leader && x.election.running();
  // A deposed leader cannot confirm the reads it holds: their clients go elsewhere.
  if (x.role == Role::Leader) failReads(FailReason::NotLeader);
  if (x.role != Role::Follower)
    record(Event{.term = x.term, .kind = EventKind::RoleChanged, .node = id_, .sub = uint8_t(Role::Follower)});
  cancelTimer(TimerKind::Heartbeat);
  if (usesElectionTimer() && (!x.election.running() || was_leader)) startElectionTimer();
}

// Central term handling: a higher term makes the receiver update and follow.
bool RaftNode::observeTerm(uint32_t term) {
  if (!has(Concept::Terms)) return false;
  const NodeState& x = self();
  if (term <= x.term) return false;
  bool was_leading = x.role != Role::Follower;
  setTerm(term);
  if (x.voted_for != kNoNode) vote(kNoNode);
  becomeFollower();
  return was_leading;
}

// ---------------------------------------------------------------------------
// Messages

Seq RaftNode::send(NodeId to, Event m) { return send(to, m, self().term); }

Seq RaftNode::send(NodeId to, Event m, uint32_t term) {
  m.node = id_;
  m.peer = to;
  m.term = term;
  return host_->send(m);
}

void RaftNode::receive(const Event& m) {
  switch (m.msgType()) {
    case MsgType::VoteRequest: onVoteRequest(m); break;
    case MsgType::VoteResponse: onVoteResponse(m); break;
    case MsgType::LogRequest: onLogRequest(m); break;
    case MsgType::LogResponse: onLogResponse(m); break;
    case MsgType::InstallSnapshot: onInstallSnapshot(m); break;
    case MsgType::PreVoteRequest: onPreVoteRequest(m); break;
    case MsgType::PreVoteResponse: onPreVoteResponse(m); break;
    case MsgType::ClientWrite: {
      // A late network duplicate of a write whose client was already answered
      // (failed, or acknowledged) is ignored: that request is over. A write
      // this node never heard of (a live peer's) is still pending.
      const std::vector<WriteStatus>& writes = host_->state().writes;
      if (m.write() >= writes.size() || writes[m.write()] == WriteStatus::Pending) handleWrite(m.write(), true);
      break;
    }
  }
}

void RaftNode::onVoteRequest(const Event& m) {
  if (!has(Concept::Election)) return;
  NodeId c = m.node;
  observeTerm(m.term);
  const NodeState& x = self();
  // Without terms nothing tells which election is newer: a candidate that
  // hears another candidate gives its own candidacy up (as a higher term
  // would make it), forgets its vote, and answers like any follower. Without
  // this, two candidates that voted for themselves block each other forever.
  if (!has(Concept::Terms) && x.role == Role::Candidate && c != id_) {
    vote(kNoNode);
    becomeFollower();
  }
  bool grant = true;
  if (has(Concept::StaleTermRejection) && m.term < x.term) grant = false;
  if (x.role == Role::Leader) grant = false;
  if (x.voted_for != kNoNode && x.voted_for != c) grant = false;
  if (grant && has(Concept::LogLengthVote)) grant = upToDate(m);
  if (grant) {
    if (x.voted_for != c) vote(c);
    if (x.role == Role::Follower && usesElectionTimer()) startElectionTimer();
  }
  send(c, make::voteResponse(grant));
}

// The candidate must be at least as up to date: by (last term, length) once
// entries carry terms, by length alone before that.
bool RaftNode::upToDate(const Event& m) const {
  const NodeState& x = self();
  return has(Concept::EntryTerms)
             ? (m.lastLogTerm() > x.lastTerm() || (m.lastLogTerm() == x.lastTerm() && m.lastLogIndex() >= x.lastIndex()))
             : m.lastLogIndex() >= x.lastIndex();
}

// A pre-vote changes nobody's term nor vote. I say yes only to a term above
// mine, from a log as up to date as mine, and only if I no longer hear a
// leader: a node that follows a live leader does not help depose it.
void RaftNode::onPreVoteRequest(const Event& m) {
  if (!has(Concept::Election)) return;
  const NodeState& x = self();
  const bool grant = m.term > x.term && x.role != Role::Leader && (x.leader == kNoNode || x.leader == m.node) &&
                     (!has(Concept::LogLengthVote) || upToDate(m));
  send(m.node, make::preVoteResponse(grant), grant ? m.term : x.term);
}

void RaftNode::onPreVoteResponse(const Event& m) {
  const NodeState& x = self();
  if (!m.granted()) {
    observeTerm(m.term);  // a refusal carries the voter's term
    return;
  }
  if (x.role != Role::Candidate || !x.pre_candidate || m.term != x.term + 1 || (x.votes & bit(m.node))) return;
  Event counted = make::voteCounted(id_, m.node, uint32_t(x.yesCount() + 1));
  counted.flags = kFlagPreCandidate;
  record(counted);
  if (x.yesCount() >= host_->state().majority()) campaign();
}

void RaftNode::onVoteResponse(const Event& m) {
  if (observeTerm(m.term)) return;
  const NodeState& x = self();
  if (x.role != Role::Candidate || !m.granted()) return;
  if (has(Concept::Terms) && m.term != x.term) return;  // an answer to an older candidacy
  if (x.votes & bit(m.node)) return;
  if (x.pre_candidate) return;  // a pre-candidacy counts pre-votes only
  record(make::voteCounted(id_, m.node, uint32_t(x.voteCount() + 1)));
  if (x.voteCount() >= host_->state().majority()) becomeLeader();
}

// What logRequests and snapshots share: term handling, and whether this node
// follows the sender. Answers a refusal itself.
bool RaftNode::followLeader(const Event& m) {
  NodeId leader = m.node;
  observeTerm(m.term);
  const NodeState& x = self();
  if ((has(Concept::StaleTermRejection) && m.term < x.term) || x.role == Role::Leader) {
    // A stale leader, or another leader I do not follow.
    send(leader, make::logResponse(false, 0));
    return false;
  }
  if (x.role == Role::Candidate) becomeFollower();
  // Without terms, a vote lasts until the election it was for is over.
  if (!has(Concept::Terms) && x.voted_for != kNoNode) vote(kNoNode);
  hearLeader(leader);
  if (usesElectionTimer()) startElectionTimer();
  return true;
}

void RaftNode::onInstallSnapshot(const Event& m) {
  const Journal& journal = host_->journal();
  // A snapshot must carry what it claims (validateEvent refuses such files;
  // this keeps a bad journal from reading past the carried table).
  const uint32_t index = m.snapshotIndex(), count = m.carriedCount();
  if (index > count || uint64_t(m.carriedOffset()) + count > journal.carried().size() ||
      (index > 0 && journal.carriedEntries(m)[index - 1].term != m.snapshotTerm()))
    return;
  if (!followLeader(m)) return;
  const NodeState& x = self();
  if (index > x.commit) {
    // If my log already holds the snapshot's last entry, the prefix is the
    // same (Log Matching) and my suffix stays; otherwise the snapshot replaces
    // my log. Entries equal to the snapshot's are the snapshot: they stay.
    bool have_it = index <= x.lastIndex() && x.log[index - 1].term == m.snapshotTerm();
    if (!have_it) {
      const Entry* entries = journal.carriedEntries(m);
      uint32_t common = 0;
      while (common < count && common < x.lastIndex() && x.log[common] == entries[common]) ++common;
      if (common < x.lastIndex()) truncate(common);
      for (uint32_t i = common; i < count; ++i) appendEntry(entries[i]);
    }
    record(make::snapshotTaken(id_, index, m.snapshotTerm()));
    commitTo(index);
  }
  send(m.node, make::logResponse(true, index));
}

void RaftNode::onLogRequest(const Event& m) {
  NodeId leader = m.node;
  if (!followLeader(m)) return;
  const NodeState& x = self();
  auto respond = [&](bool success, uint32_t match) {
    send(leader, make::logResponse(success, match));
  };

  const Entry* entries = host_->journal().carriedEntries(m);
  uint32_t count = m.carriedCount();
  uint32_t match = 0;
  if (!has(Concept::IncrementalReplication)) {
    // Naive replication: the leader's whole log becomes mine. With entry
    // terms I keep the shared prefix and delete only a conflicting suffix, so
    // an old, shorter logRequest arriving late cannot shorten my log.
    uint32_t common = 0;
    while (common < count && common < x.lastIndex() && x.log[common] == entries[common]) ++common;
    bool conflict = common < count && common < x.lastIndex();
    if (conflict || (!has(Concept::EntryTerms) && common < x.lastIndex())) truncate(common);
    for (uint32_t i = common; i < count; ++i) appendEntry(entries[i]);
    match = count;
  } else {
    uint32_t prev = m.prevLogIndex();
    if (prev > x.lastIndex() || (prev > 0 && x.log[prev - 1].term != m.prevLogTerm())) return respond(false, x.lastIndex());
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t index = prev + 1 + i;
      if (index <= x.lastIndex()) {
        // With entry terms a different term marks a conflict: keep the shared
        // prefix, delete the suffix. Without them nothing tells, so I keep mine.
        if (!has(Concept::EntryTerms) || x.log[index - 1].term == entries[i].term) continue;
        truncate(index - 1);
      }
      appendEntry(entries[i]);
    }
    match = prev + count;
  }
  if (has(Concept::Commit) && m.leaderCommit() > x.commit) {
    uint32_t target = std::min(m.leaderCommit(), match);
    if (target > x.commit) commitTo(target);
  }
  respond(true, match);
}

void RaftNode::onLogResponse(const Event& m) {
  if (observeTerm(m.term)) return;
  const NodeState& x = self();
  if (x.role != Role::Leader) return;
  if (has(Concept::Terms) && m.term != x.term) return;
  NodeId f = m.node;
  if (m.success()) {
    uint32_t match = std::max(x.match_index[f], m.matchIndex());
    if (match != x.match_index[f] || x.next_index[f] != match + 1)
      record(make::progressUpdated(id_, f, match + 1, match));
    if (has(Concept::Commit)) advanceCommit();
  } else if (has(Concept::IncrementalReplication)) {
    uint32_t next = std::max(1u, std::min(x.next_index[f] - 1, m.matchIndex() + 1));
    if (next != x.next_index[f])
      record(make::progressUpdated(id_, f, next, x.match_index[f]));
  }
  serveReads();
}

void RaftNode::replicateNow() {
  const NodeState& x = self();
  if (!x.alive || x.role != Role::Leader) return;
  for (int p = 0; p < host_->state().node_count; ++p)
    if (p != id_ && (!has(Concept::IncrementalReplication) || x.next_index[p] <= x.lastIndex())) sendLogRequest(NodeId(p));
}

void RaftNode::broadcastLogRequests() {
  for (int p = 0; p < host_->state().node_count; ++p)
    if (p != id_) sendLogRequest(NodeId(p));
}

void RaftNode::sendLogRequest(NodeId peer) {
  const NodeState& x = self();
  // What the follower misses is compacted: it gets the snapshot instead.
  if (has(Concept::Snapshots) && x.next_index[peer] <= x.snapshot_index) return sendSnapshot(peer);
  uint32_t prev = 0;
  if (has(Concept::IncrementalReplication)) prev = std::min(x.next_index[peer] - 1, x.lastIndex());
  uint32_t count = x.lastIndex() - prev;
  send(peer, make::logRequest(prev, prev > 0 ? x.log[prev - 1].term : 0, has(Concept::Commit) ? x.commit : 0,
                              host_->carry(x.log.data() + prev, count), count));
}

void RaftNode::sendSnapshot(NodeId peer) {
  const NodeState& x = self();
  // Never more than the log holds, whatever a journal said of the snapshot.
  const uint32_t index = std::min<uint32_t>(x.snapshot_index, uint32_t(x.log.size()));
  const uint32_t term = index == x.snapshot_index ? x.snapshot_term : x.log[index - 1].term;
  send(peer, make::installSnapshot(index, term, x.commit, host_->carry(x.log.data(), index), index));
}

// ---------------------------------------------------------------------------
// Log, commit, client writes

void RaftNode::appendEntry(Entry entry) {
  record(make::logAppended(id_, self().lastIndex() + 1, entry.term, entry.write));
}

void RaftNode::truncate(uint32_t length) { record(make::logTruncated(id_, length)); }

void RaftNode::handleWrite(uint32_t w, bool forwarded) {
  const NodeState& x = self();
  if (x.role == Role::Leader && has(Concept::ClientSessions)) {
    // A client resends a write my state machine already applied (its answer
    // was lost, or came too late): the session table answers it again, and
    // nothing is appended.
    if (const uint32_t first = host_->state().firstIndexOf(id_, w, x.commit)) {
      const std::vector<WriteStatus>& writes = host_->state().writes;
      if (w < writes.size() && awaitsAnswer(writes[w])) record(make::writeAcked(id_, first, x.log[first - 1].term, w));
      return;
    }
  }
  if (x.role == Role::Leader || !has(Concept::Forwarding)) {
    // A leader appends; without forwarding any node takes the write itself.
    uint32_t term = has(Concept::EntryTerms) ? x.term : 0;
    appendEntry({term, w});
    if (!has(Concept::Commit)) {
      record(make::writeAcked(id_, x.lastIndex(), term, w));
    } else if (x.role == Role::Leader) {
      advanceCommit();
    }
    return;
  }
  if (forwarded) {
    record(make::writeFailed(id_, FailReason::NotLeader, w));
    return;
  }
  if (x.leader == kNoNode || x.leader == id_) {
    record(make::writeFailed(id_, FailReason::NoLeader, w));
    return;
  }
  NodeId leader = x.leader;
  record(make::writeForwarded(id_, leader, w));
  send(leader, make::forwardedWrite(w));
}

void RaftNode::advanceCommit() {
  const NodeState& x = self();
  const ClusterState& s = host_->state();
  for (uint32_t index = x.lastIndex(); index > x.commit; --index) {
    // Without current-term-commit, replicas of an older term's entry count too
    // (the Figure 8 mistake of the Raft paper).
    if (has(Concept::CurrentTermCommit) && x.log[index - 1].term != x.term) break;
    int replicas = 1;
    for (int p = 0; p < s.node_count; ++p)
      if (p != id_ && x.match_index[p] >= index) ++replicas;
    if (replicas >= s.majority()) {
      commitTo(index);
      return;
    }
  }
}

void RaftNode::commitTo(uint32_t index) {
  const NodeState& x = self();
  uint32_t old = x.commit;
  // Client sessions (Raft dissertation 6.3): the state machine applies the
  // newly committed entries in order; one whose write (client, serial
  // number) its session table already holds is a client's resend or a
  // network duplicate: it is recognised and not applied a second time.
  if (has(Concept::ClientSessions))
    for (uint32_t i = old; i < index && i < x.lastIndex(); ++i)
      if (const uint32_t w = x.log[i].write; w != 0)
        if (const uint32_t first = host_->state().firstIndexOf(id_, w, i)) record(make::duplicateRecognised(id_, i + 1, w, first));
  record(make::commitAdvanced(id_, index));
  if (x.role == Role::Leader) {
    // The leader answers the clients whose writes are now committed (a
    // duplicate's client from the session table: where it was applied).
    const std::vector<WriteStatus>& writes = host_->state().writes;
    for (uint32_t i = old; i < index; ++i) {
      const Entry e = x.log[i];
      if (e.write == 0 || e.write >= writes.size() || !awaitsAnswer(writes[e.write])) continue;
      const uint32_t first = has(Concept::ClientSessions) ? host_->state().firstIndexOf(id_, e.write, i + 1) : i + 1;
      record(make::writeAcked(id_, first, x.log[first - 1].term, e.write));
    }
    serveReads();
  }
  maybeSnapshot();
}

void RaftNode::maybeSnapshot() {
  const NodeState& x = self();
  if (!has(Concept::Snapshots) || x.commit < x.snapshot_index + host_->config().timing.snapshot_entries) return;
  record(make::snapshotTaken(id_, x.commit, x.log[x.commit - 1].term));
}

// ---------------------------------------------------------------------------
// Linearizable reads (rung 15, Raft dissertation 6.4, etcd's ReadIndex and
// ReadOnlyLeaseBased). Without either flag a leader answers from its own
// state: a deposed leader that does not know it answers with an old value.

void RaftNode::clientRead(Seq read) {
  const NodeState& x = self();
  if (x.role != Role::Leader) {
    record(make::readFailed(id_, read, x.leader == kNoNode || x.leader == id_ ? FailReason::NoLeader : FailReason::NotLeader));
    return;
  }
  if ((!has(Concept::ReadIndex) && !has(Concept::Lease)) || host_->state().majority() <= 1) return answerRead(read);
  if (has(Concept::Lease) && committedInMyTerm() && leaseHolds()) return answerRead(read);
  // Read-index: the read waits at my commit index until a majority has
  // answered heartbeats sent from now on. Ask now, not at the next heartbeat.
  if (has(Concept::Replication)) broadcastLogRequests();
}

std::vector<Seq> RaftNode::readsWaiting() const {
  const Journal& j = host_->journal();
  const uint32_t waiting = self().reads_waiting;
  std::vector<Seq> reads, answered;
  for (size_t s = j.size(); s-- > 0 && reads.size() < waiting;) {
    const Event& e = j[Seq(s)];
    if (e.node != id_) continue;
    if (e.kind == EventKind::Crashed) break;
    if (e.kind == EventKind::ReadAnswered || e.kind == EventKind::ReadFailed) answered.push_back(e.ref);
    if (e.kind == EventKind::ClientRead && std::find(answered.begin(), answered.end(), Seq(s)) == answered.end())
      reads.push_back(Seq(s));
  }
  std::reverse(reads.begin(), reads.end());
  return reads;
}

// A follower that answers me in my term, after the read began, was not
// following anyone newer then: no other leader could have committed a write
// I have not seen. A simulated delivery names the answer's MessageSent, whose
// place in the journal says when the follower answered; a live one does not,
// and its arrival stands for it.
bool RaftNode::readConfirmed(Seq read) const {
  const Journal& j = host_->journal();
  const NodeState& x = self();
  uint16_t heard = bit(id_);
  for (size_t s = j.size(); s-- > read + 1;) {
    const Event& e = j[Seq(s)];
    if (e.node != id_ || e.kind != EventKind::MessageDelivered || e.peer >= kMaxNodes) continue;
    if (e.ref == kNoSeq) {
      heard |= bit(e.peer);  // live: the delivery came after the read
      continue;
    }
    if (e.ref >= j.size() || e.ref <= read) continue;
    const Event& m = j[e.ref];
    if (m.msgType() == MsgType::LogResponse && m.term == x.term) heard |= bit(e.peer);
  }
  return std::popcount(heard) >= host_->state().majority();
}

// A follower that heard my heartbeat will not help elect anyone else for an
// election timeout (pre-vote, check-quorum). So for that long after I sent a
// heartbeat a majority answered, nobody else can lead: I may answer alone.
// Times are the real ones; each node measures its timeouts with its own clock
// (Timing::clock_permille), and the lease is safe only while those agree.
bool RaftNode::leaseHolds() const {
  const Journal& j = host_->journal();
  const ClusterState& st = host_->state();
  const NodeState& x = self();
  std::array<Time, kMaxNodes> sent{};
  sent.fill(-1);
  sent[id_] = st.now_us;
  for (size_t s = j.size(); s-- > 0;) {
    const Event& e = j[Seq(s)];
    if (e.node != id_) continue;
    if (e.kind == EventKind::RoleChanged) break;  // my leadership began here
    if (e.kind != EventKind::MessageDelivered || e.peer >= kMaxNodes || sent[e.peer] >= 0) continue;
    if (e.ref >= j.size() || !j[e.ref].isMessage(MsgType::LogResponse) || j[e.ref].term != x.term) continue;
    // The logRequest it answers: the follower's delivery just before its answer.
    for (size_t r = e.ref, steps = 0; r-- > 0 && steps < 64; ++steps) {
      const Event& d = j[Seq(r)];
      if (d.node != e.peer || d.kind != EventKind::MessageDelivered || d.ref >= j.size()) continue;
      if (j[d.ref].isMessage(MsgType::LogRequest) && j[d.ref].node == id_) sent[e.peer] = j[d.ref].time_us;
      break;
    }
  }
  std::sort(sent.begin(), sent.end(), std::greater<>());
  const Time start = sent[size_t(st.majority() - 1)];
  if (start < 0) return false;
  const Timing& t = host_->config().timing;
  return st.now_us < start + localToReal(t.election_min_us * 9 / 10, t, id_);
}

// Before a new leader commits an entry of its own term, its commit index may
// be behind a write the previous leader acknowledged (leader-noop fixes it).
bool RaftNode::committedInMyTerm() const {
  const NodeState& x = self();
  if (!has(Concept::EntryTerms)) return true;
  return x.commit > 0 && x.commit <= x.log.size() && x.log[x.commit - 1].term == x.term;
}

void RaftNode::serveReads() {
  const NodeState& x = self();
  if (x.reads_waiting == 0 || x.role != Role::Leader || !committedInMyTerm()) return;
  const bool lease = has(Concept::Lease) && leaseHolds();
  for (Seq r : readsWaiting())
    if (lease || readConfirmed(r)) answerRead(r);
}

void RaftNode::failReads(FailReason why) {
  const NodeState& x = self();
  if (x.reads_waiting == 0) return;
  for (Seq r : readsWaiting()) record(make::readFailed(id_, r, why));
}

// The value is the last committed write of the key in my log.
void RaftNode::answerRead(Seq read) {
  const NodeState& x = self();
  const Journal& j = host_->journal();
  const std::string key = j[read].readKey();
  uint32_t index = 0, write = 0;
  for (uint32_t i = std::min<uint32_t>(x.commit, x.lastIndex()); i > 0 && index == 0; --i) {
    const uint32_t w = x.log[i - 1].write;
    if (w == 0) continue;
    const std::string_view text = host_->writeText(w);
    if (text.substr(0, text.find('=')) == key) {
      index = i;
      write = w;
    }
  }
  record(make::readAnswered(id_, read, x.term, index, write, x.commit));
}

}  // namespace radeau

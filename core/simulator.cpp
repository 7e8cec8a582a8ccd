#include "simulator.h"

#include <algorithm>
#include <cassert>

#include "limits.h"
#include "rng.h"

namespace radeau {

namespace {
uint16_t bit(NodeId n) { return uint16_t(1u << n); }
}  // namespace

// ---------------------------------------------------------------------------
// Construction, the loop and record

Simulator::Simulator(ClusterConfig config) : config_(std::move(config)) {
  state_ = ClusterState::initial(config_);
  journal_.reserve(1024);
  start();
}

Simulator Simulator::resume(ClusterConfig config, const Journal& journal, Seq end) {
  Simulator sim;
  sim.config_ = std::move(config);
  sim.state_ = ClusterState::initial(sim.config_);
  // Copy the prefix and refold it through the checker so its memory matches.
  const Journal& src = journal;
  sim.journal_ = Journal();
  // Only the writes the prefix made: the future adds its own again, with the same ids.
  uint32_t prefix_writes = uint32_t(initWriteTexts(sim.config_).size());
  for (Seq i = 0; i < end && i < src.size(); ++i)
    if (src[i].kind == EventKind::ClientWrite) prefix_writes = std::max(prefix_writes, src[i].b);
  for (uint32_t w = 1; w <= prefix_writes && w < src.writes().size(); ++w) sim.journal_.addWrite(src.writes()[w]);
  for (Seq i = 0; i < end && i < src.size(); ++i) {
    Event e = src[i];
    if (carriesEntries(e) && e.e > 0)
      // A duplicate shares its original's entries, as when send() made it.
      e.d = (e.flags & kFlagDuplicate) && e.ref < i ? sim.journal_[e.ref].d
                                                     : sim.journal_.appendCarried(src.carriedEntries(src[i]), e.e);
    sim.recorder_.replay(sim.journal_, sim.state_, e);
  }
  sim.rebuildQueue();
  return sim;
}

void Simulator::rebuildQueue() {
  queue_ = {};
  for (const InFlight& m : state_.in_flight) queue_.push({m.deliver_us, m.sent});
  for (int n = 0; n < state_.node_count; ++n)
    for (TimerKind k : {TimerKind::Election, TimerKind::Heartbeat}) {
      const TimerState& t = state_.nodes[n].timer(k);
      if (t.running()) queue_.push({t.deadline_us, t.started});
    }
}

Seq Simulator::record(Event e) {
  // A timing of 1us over 24 hours, say: stop with an error, not with the OOM
  // killer. (Live nodes run for as long as they are up: not bounded here.)
  if (!transport_) {
    if (journal_.size() >= limits::kMaxEventsPerBranch)
      throw limits::Exceeded("the simulation reached " + std::to_string(limits::kMaxEventsPerBranch) +
                             " events in one branch, the most Radeau keeps (see the README's Limits)");
    if (e.kind == EventKind::MessageSent && state_.in_flight.size() >= limits::kMaxInFlight)
      throw limits::Exceeded("the simulation has " + std::to_string(limits::kMaxInFlight) +
                             " messages in flight at once, the most Radeau keeps (is the heartbeat much shorter "
                             "than the latency?)");
  }
  e.time_us = state_.now_us;
  Seq seq = recorder_.record(journal_, state_, e);
  if (e.kind == EventKind::MessageSent && !transport_) queue_.push({e.at_us(), seq});
  else if (e.kind == EventKind::TimerStarted) queue_.push({e.at_us(), seq});
  return seq;
}

void Simulator::schedule(Action action) {
  // Keep order by time, stable: insert after every action with time <= this one.
  auto it = std::upper_bound(actions_.begin() + long(next_action_), actions_.end(), action.time_us,
                             [](Time t, const Action& a) { return t < a.time_us; });
  actions_.insert(it, std::move(action));
}

void Simulator::schedule(const std::vector<Action>& actions) {
  for (const Action& a : actions) schedule(a);
}

void Simulator::act(const Action& action) {
  Action a = action;
  a.time_us = state_.now_us;
  perform(a);
}

bool Simulator::step(Time horizon) {
  bool have_action = next_action_ < actions_.size();
  Time action_time = have_action ? actions_[next_action_].time_us : 0;
  // Drop stale occurrences (delivered or dropped messages, stopped timers).
  while (!queue_.empty()) {
    const Occurrence& o = queue_.top();
    const Event& src = journal_[o.seq];
    bool live = src.kind == EventKind::MessageSent
                    ? state_.findInFlight(o.seq) != nullptr
                    : state_.nodes[src.node].timer(src.timerKind()).started == o.seq;
    if (live) break;
    queue_.pop();
  }
  bool have_occ = !queue_.empty();
  if (!have_action && !have_occ) return false;
  // At equal times, inputs go first: what the presenter does at t happens at t.
  if (have_action && (!have_occ || action_time <= queue_.top().time_us)) {
    if (action_time > horizon) return false;
    Action a = actions_[next_action_++];
    state_.now_us = std::max(state_.now_us, a.time_us);
    perform(a);
    return true;
  }
  Occurrence o = queue_.top();
  if (o.time_us > horizon) return false;
  queue_.pop();
  state_.now_us = std::max(state_.now_us, o.time_us);
  if (journal_[o.seq].kind == EventKind::MessageSent) deliver(o.seq);
  else timerFired(o.seq);
  return true;
}

void Simulator::runUntil(Time t) {
  while (step(t)) {
  }
  state_.now_us = std::max(state_.now_us, t);
}

void Simulator::finish() {
  std::vector<Event> found;
  recorder_.finish(state_, found);
  for (Event& f : found) record(f);
}

// ---------------------------------------------------------------------------
// Start-up and actions

void Simulator::start() {
  // The texts of init entries take the first write ids (config.h).
  for (const std::string& text : initWriteTexts(config_)) journal_.addWrite({text, kNoNode, 0});
  for (int i = 0; i < state_.node_count; ++i) {
    NodeId n = NodeId(i);
    if (size_t(i) < config_.init.size() && config_.init[i]) {
      const InitialNodeState& init = *config_.init[i];
      if (init.term) setTerm(n, init.term);
      if (init.voted_for != kNoNode) vote(n, init.voted_for);
      for (size_t k = 0; k < init.log_terms.size(); ++k) {
        const std::string text = k < init.log_texts.size() ? init.log_texts[k] : std::string();
        appendEntry(n, {init.log_terms[k], initWriteId(config_, text)});
      }
    }
  }
  for (int i = 0; i < state_.node_count; ++i) bootNode(NodeId(i));
}

// The role a node takes when it (re)starts.
void Simulator::bootNode(NodeId n) {
  if (has(Concept::EveryoneLeader)) {
    becomeLeader(n);
  } else if (!usesElectionTimer()) {
    // Leader by decree: the first node leads, everybody knows it.
    if (n == 0) becomeLeader(n);
    else hearLeader(n, 0);
  } else {
    startElectionTimer(n);
  }
}

void Simulator::perform(const Action& a) {
  auto valid = [&](NodeId x) { return x < state_.node_count; };
  switch (a.kind) {
    case ActionKind::Write:
      if (valid(a.node)) clientWrite(a.node, a.text);
      break;
    case ActionKind::Crash:
      if (valid(a.node)) crash(a.node);
      break;
    case ActionKind::Restart:
      if (valid(a.node)) restart(a.node);
      break;
    case ActionKind::Cut:
      if (valid(a.node) && valid(a.peer) && a.node != a.peer) {
        Event e{.kind = EventKind::LinkCut, .node = a.node, .peer = a.peer};
        record(e);
        dropInFlight([](const ClusterState&, const InFlight& m, NodeId x, NodeId y) {
          return (m.from == x && m.to == y) || (m.from == y && m.to == x);
        }, a.node, a.peer, DropReason::LinkCut);
      }
      break;
    case ActionKind::Heal:
      if (valid(a.node) && valid(a.peer)) record(Event{.kind = EventKind::LinkHealed, .node = a.node, .peer = a.peer});
      break;
    case ActionKind::Isolate:
      if (valid(a.node)) {
        record(Event{.kind = EventKind::Isolated, .node = a.node});
        dropInFlight([](const ClusterState&, const InFlight& m, NodeId x, NodeId) {
          return m.from == x || m.to == x;
        }, a.node, kNoNode, DropReason::LinkCut);
      }
      break;
    case ActionKind::Partition: {
      Event e{.kind = EventKind::Partitioned};
      std::vector<uint8_t> group(size_t(state_.node_count), 0);
      // Nodes not named in any group share one group of their own.
      uint8_t rest = uint8_t(std::min<size_t>(a.groups.size(), 7));
      std::fill(group.begin(), group.end(), rest);
      for (size_t g = 0; g < a.groups.size() && g < 8; ++g)
        for (NodeId x : a.groups[g]) if (valid(x)) group[x] = uint8_t(g);
      for (int i = 0; i < state_.node_count; ++i) e.a |= uint32_t(group[size_t(i)]) << (3 * i);
      record(e);
      dropInFlight([](const ClusterState& s, const InFlight& m, NodeId, NodeId) {
        return !s.linkUp(m.from, m.to);
      }, kNoNode, kNoNode, DropReason::LinkCut);
      break;
    }
    case ActionKind::HealAll:
      record(Event{.kind = EventKind::HealedAll});
      break;
    case ActionKind::Timeout:
      if (!valid(a.node)) break;
      record(Event{.kind = EventKind::TimeoutForced, .node = a.node});
      if (state_.nodes[a.node].alive && state_.nodes[a.node].election.running())
        timerFired(state_.nodes[a.node].election.started);
      break;
    case ActionKind::Drop:
      if (valid(a.node) && valid(a.peer))
        dropInFlight([](const ClusterState&, const InFlight& m, NodeId x, NodeId y) {
          return (m.from == x && m.to == y) || (m.from == y && m.to == x);
        }, a.node, a.peer, DropReason::Manual);
      break;
    case ActionKind::DropMessage:
      if (state_.findInFlight(a.message)) dropMessage(a.message, DropReason::Manual);
      break;
    case ActionKind::SetConcepts:
      changeConcepts(a.concepts);
      break;
  }
}

void Simulator::dropInFlight(bool (*match)(const ClusterState&, const InFlight&, NodeId, NodeId),
                             NodeId a, NodeId b, DropReason reason) {
  std::vector<Seq> victims;
  for (const InFlight& m : state_.in_flight)
    if (match(state_, m, a, b)) victims.push_back(m.sent);
  for (Seq s : victims) dropMessage(s, reason);
}

void Simulator::dropMessage(Seq sent, DropReason reason) {
  const Event m = journal_[sent];
  record(Event{.ref = sent, .kind = EventKind::MessageDropped, .node = m.peer, .peer = m.node,
             .sub = uint8_t(reason)});
  // A forwarded write that never arrives fails at the follower that sent it:
  // when no copy of it (the original or a network duplicate) was delivered
  // and none is still on its way.
  if (m.msgType() == MsgType::ClientWrite && state_.writes[m.a] == WriteStatus::Pending) {
    const Seq original = (m.flags & kFlagDuplicate) ? m.ref : sent;
    bool arrives = false;
    for (Seq s = original; s < journal_.size() && !arrives; ++s) {
      const Event& x = journal_[s];
      const bool copy = s == original || (x.kind == EventKind::MessageSent && (x.flags & kFlagDuplicate) &&
                                          x.ref == original);
      if (copy && state_.findInFlight(s)) arrives = true;
      if (x.kind == EventKind::MessageDelivered && x.ref < s &&
          (x.ref == original || ((journal_[x.ref].flags & kFlagDuplicate) && journal_[x.ref].ref == original)))
        arrives = true;
    }
    if (!arrives)
      record(Event{.b = m.a, .kind = EventKind::WriteFailed, .node = m.node, .sub = uint8_t(FailReason::Undelivered)});
  }
}

void Simulator::clientWrite(NodeId n, const std::string& text) {
  uint32_t w = journal_.addWrite({text, n, state_.now_us});
  record(Event{.b = w, .kind = EventKind::ClientWrite, .node = n});
  if (!state_.nodes[n].alive) {
    record(Event{.b = w, .kind = EventKind::WriteFailed, .node = n, .sub = uint8_t(FailReason::NodeDown)});
    return;
  }
  handleWrite(n, w, false);
}

void Simulator::crash(NodeId n) {
  NodeState& x = state_.nodes[n];
  if (!x.alive) return;
  cancelTimer(n, TimerKind::Election);
  cancelTimer(n, TimerKind::Heartbeat);
  record(Event{.kind = EventKind::Crashed, .node = n});
  if (!has(Concept::Persistence)) {
    // Nothing was on disk: the term, the vote and the log die with the process.
    if (x.term) setTerm(n, 0);
    if (x.voted_for != kNoNode) vote(n, kNoNode);
    if (!x.log.empty()) truncate(n, 0);
  }
}

void Simulator::restart(NodeId n) {
  if (state_.nodes[n].alive) return;
  record(Event{.kind = EventKind::Restarted, .node = n});
  bootNode(n);
}

void Simulator::changeConcepts(Concepts c) {
  record(Event{.a = c.bits(), .kind = EventKind::ConceptsChanged});
  // Start the timers the new rules need; stop the ones they no longer have.
  for (int i = 0; i < state_.node_count; ++i) {
    NodeId n = NodeId(i);
    const NodeState& x = state_.nodes[n];
    if (!x.alive) continue;
    if (x.role != Role::Leader && usesElectionTimer() && !x.election.running()) startElectionTimer(n);
    if (!usesElectionTimer() && x.election.running()) cancelTimer(n, TimerKind::Election);
    if (x.role == Role::Leader && has(Concept::Replication) && !x.heartbeat.running()) startHeartbeatTimer(n);
  }
}

// ---------------------------------------------------------------------------
// Timers

// A delay as stored in Event::dt_us. Timing values are bounded by the parsers
// (limits::kMaxTimingUs < 2^32), so this only guards a config built in code.
uint32_t Simulator::dtOf(Time us) { return uint32_t(std::clamp<Time>(us, 0, limits::kMaxTimingUs)); }

void Simulator::startElectionTimer(NodeId n) {
  cancelTimer(n, TimerKind::Election);
  Seq seq = Seq(journal_.size());
  Time timeout = drawRange(config_.seed, seq, DrawSalt::ElectionTimeout, config_.timing.election_min_us,
                           config_.timing.election_max_us);
  record(Event{.dt_us = dtOf(timeout), .kind = EventKind::TimerStarted, .node = n,
             .sub = uint8_t(TimerKind::Election)});
}

void Simulator::startHeartbeatTimer(NodeId n) {
  cancelTimer(n, TimerKind::Heartbeat);
  record(Event{.dt_us = dtOf(config_.timing.heartbeat_us), .kind = EventKind::TimerStarted, .node = n,
             .sub = uint8_t(TimerKind::Heartbeat)});
}

void Simulator::cancelTimer(NodeId n, TimerKind k) {
  const TimerState& t = state_.nodes[n].timer(k);
  if (t.running()) record(Event{.ref = t.started, .kind = EventKind::TimerCancelled, .node = n, .sub = uint8_t(k)});
}

void Simulator::timerFired(Seq started) {
  const Event& st = journal_[started];
  NodeId n = st.node;
  TimerKind k = st.timerKind();
  record(Event{.ref = started, .kind = EventKind::TimerFired, .node = n, .sub = uint8_t(k)});
  if (k == TimerKind::Election) {
    electionTimeout(n);
  } else if (state_.nodes[n].role == Role::Leader) {
    broadcastLogRequests(n);
    startHeartbeatTimer(n);
  }
}

// ---------------------------------------------------------------------------
// Roles, terms, votes

void Simulator::setTerm(NodeId n, uint32_t term) {
  record(Event{.term = term, .kind = EventKind::TermChanged, .node = n});
}

void Simulator::vote(NodeId n, NodeId candidate) {
  record(Event{.term = state_.nodes[n].term, .kind = EventKind::Voted, .node = n, .peer = candidate});
}

void Simulator::hearLeader(NodeId n, NodeId leader) {
  if (state_.nodes[n].leader != leader) record(Event{.kind = EventKind::LeaderHeard, .node = n, .peer = leader});
}

void Simulator::electionTimeout(NodeId n) {
  NodeState& x = state_.nodes[n];
  if (!x.alive || x.role == Role::Leader) return;
  if (!has(Concept::Election)) {
    becomeLeader(n);  // leader-timeout: no vote, I simply take over
    return;
  }
  if (has(Concept::Terms)) setTerm(n, x.term + 1);
  record(Event{.term = x.term, .kind = EventKind::RoleChanged, .node = n, .sub = uint8_t(Role::Candidate)});
  hearLeader(n, kNoNode);
  vote(n, n);
  record(Event{.a = 1, .kind = EventKind::VoteCounted, .node = n, .peer = n});
  startElectionTimer(n);
  if (1 >= state_.majority()) {
    becomeLeader(n);
    return;
  }
  for (int p = 0; p < state_.node_count; ++p) {
    if (p == n) continue;
    send(n, NodeId(p), MsgType::VoteRequest, Event{.a = x.lastIndex(), .b = x.lastTerm()});
  }
}

void Simulator::becomeLeader(NodeId n) {
  NodeState& x = state_.nodes[n];
  cancelTimer(n, TimerKind::Election);
  record(Event{.term = x.term, .kind = EventKind::RoleChanged, .node = n, .sub = uint8_t(Role::Leader)});
  hearLeader(n, n);
  if (has(Concept::LeaderNoop)) appendEntry(n, {has(Concept::EntryTerms) ? x.term : 0, 0});
  if (has(Concept::Replication)) {
    broadcastLogRequests(n);
    startHeartbeatTimer(n);
  }
  if (has(Concept::Commit)) advanceCommit(n);
}

void Simulator::becomeFollower(NodeId n) {
  NodeState& x = state_.nodes[n];
  if (x.role != Role::Follower)
    record(Event{.term = x.term, .kind = EventKind::RoleChanged, .node = n, .sub = uint8_t(Role::Follower)});
  cancelTimer(n, TimerKind::Heartbeat);
  if (usesElectionTimer() && !x.election.running()) startElectionTimer(n);
}

// Central term handling: a higher term makes the receiver update and follow.
bool Simulator::observeTerm(NodeId n, uint32_t term) {
  if (!has(Concept::Terms)) return false;
  NodeState& x = state_.nodes[n];
  if (term <= x.term) return false;
  bool was_leading = x.role != Role::Follower;
  setTerm(n, term);
  if (x.voted_for != kNoNode) vote(n, kNoNode);
  becomeFollower(n);
  return was_leading;
}

// ---------------------------------------------------------------------------
// Messages

Seq Simulator::send(NodeId from, NodeId to, MsgType type, Event m) {
  m.kind = EventKind::MessageSent;
  m.node = from;
  m.peer = to;
  m.sub = uint8_t(type);
  m.term = state_.nodes[from].term;
  Seq seq = Seq(journal_.size());
  m.dt_us = dtOf(drawRange(config_.seed, seq, DrawSalt::Latency, config_.timing.latency_min_us,
                           config_.timing.latency_max_us));
  if (drawChance(config_.seed, seq, DrawSalt::Loss, config_.network.loss)) m.flags |= kFlagLost;
  bool duplicate = drawChance(config_.seed, seq, DrawSalt::Duplicate, config_.network.duplicate);
  record(m);
  if (transport_) {
    const Event& sent = journal_[seq];
    const Entry* carried = carriesEntries(sent) ? journal_.carriedEntries(sent) : nullptr;
    if (std::optional<DropReason> reason = transport_(seq, sent, carried)) dropMessage(seq, *reason);
    return seq;
  }
  if (!state_.linkUp(from, to)) {
    dropMessage(seq, DropReason::LinkCut);
    return seq;
  }
  if (duplicate) {
    Event copy = m;
    Seq cs = Seq(journal_.size());
    copy.dt_us = uint32_t(drawRange(config_.seed, cs, DrawSalt::DupLatency, config_.timing.latency_min_us,
                                    config_.timing.latency_max_us));
    copy.flags = uint8_t(kFlagDuplicate | (drawChance(config_.seed, cs, DrawSalt::Loss, config_.network.loss) ? kFlagLost : 0));
    copy.ref = seq;
    record(copy);
  }
  return seq;
}

void Simulator::deliver(Seq sent) {
  const Event m = journal_[sent];
  NodeId to = m.peer;
  if (m.flags & kFlagLost) return dropMessage(sent, DropReason::Loss);
  if (!state_.nodes[to].alive) return dropMessage(sent, DropReason::ReceiverDown);
  if (!state_.linkUp(m.node, to)) return dropMessage(sent, DropReason::LinkCut);
  record(Event{.ref = sent, .kind = EventKind::MessageDelivered, .node = to, .peer = m.node});
  switch (m.msgType()) {
    case MsgType::VoteRequest: onVoteRequest(to, m); break;
    case MsgType::VoteResponse: onVoteResponse(to, m); break;
    case MsgType::LogRequest: onLogRequest(to, m); break;
    case MsgType::LogResponse: onLogResponse(to, m); break;
    case MsgType::InstallSnapshot: onInstallSnapshot(to, m); break;
    case MsgType::ClientWrite:
      // A late network duplicate of a write whose client was already answered
      // (failed, or acknowledged) is ignored: that request is over.
      if (state_.writes[m.a] == WriteStatus::Pending) handleWrite(to, m.a, true);
      break;
  }
}

void Simulator::onVoteRequest(NodeId n, const Event& m) {
  if (!has(Concept::Election)) return;
  NodeId c = m.node;
  observeTerm(n, m.term);
  NodeState& x = state_.nodes[n];
  // Without terms nothing tells which election is newer: a candidate that
  // hears another candidate gives its own candidacy up (as a higher term
  // would make it), forgets its vote, and answers like any follower. Without
  // this, two candidates that voted for themselves block each other forever.
  if (!has(Concept::Terms) && x.role == Role::Candidate && c != n) {
    vote(n, kNoNode);
    becomeFollower(n);
  }
  bool grant = true;
  if (has(Concept::StaleTermRejection) && m.term < x.term) grant = false;
  if (x.role == Role::Leader) grant = false;
  if (x.voted_for != kNoNode && x.voted_for != c) grant = false;
  if (grant && has(Concept::LogLengthVote)) {
    // The candidate must be at least as up to date: by (last term, length)
    // once entries carry terms, by length alone before that.
    bool up_to_date = has(Concept::EntryTerms)
                          ? (m.b > x.lastTerm() || (m.b == x.lastTerm() && m.a >= x.lastIndex()))
                          : m.a >= x.lastIndex();
    grant = up_to_date;
  }
  if (grant) {
    if (x.voted_for != c) vote(n, c);
    if (x.role == Role::Follower && usesElectionTimer()) startElectionTimer(n);
  }
  send(n, c, MsgType::VoteResponse, Event{.a = grant ? 1u : 0u});
}

void Simulator::onVoteResponse(NodeId n, const Event& m) {
  if (observeTerm(n, m.term)) return;
  NodeState& x = state_.nodes[n];
  if (x.role != Role::Candidate || !m.a) return;
  if (has(Concept::Terms) && m.term != x.term) return;  // an answer to an older candidacy
  if (x.votes & bit(m.node)) return;
  record(Event{.a = uint32_t(x.voteCount() + 1), .kind = EventKind::VoteCounted, .node = n, .peer = m.node});
  if (x.voteCount() >= state_.majority()) becomeLeader(n);
}

// What logRequests and snapshots share: term handling, and whether this node
// follows the sender. Answers a refusal itself.
bool Simulator::followLeader(NodeId n, const Event& m) {
  NodeId leader = m.node;
  observeTerm(n, m.term);
  NodeState& x = state_.nodes[n];
  if ((has(Concept::StaleTermRejection) && m.term < x.term) || x.role == Role::Leader) {
    // A stale leader, or another leader I do not follow.
    send(n, leader, MsgType::LogResponse, Event{.a = 0, .b = 0});
    return false;
  }
  if (x.role == Role::Candidate) becomeFollower(n);
  // Without terms, a vote lasts until the election it was for is over.
  if (!has(Concept::Terms) && x.voted_for != kNoNode) vote(n, kNoNode);
  hearLeader(n, leader);
  if (usesElectionTimer()) startElectionTimer(n);
  return true;
}

void Simulator::onInstallSnapshot(NodeId n, const Event& m) {
  // A snapshot must carry what it claims (validateEvent refuses such files;
  // this keeps a bad journal from reading past the carried table).
  if (m.a > m.e || uint64_t(m.d) + m.e > journal_.carried().size() ||
      (m.a > 0 && journal_.carriedEntries(m)[m.a - 1].term != m.b))
    return;
  if (!followLeader(n, m)) return;
  NodeState& x = state_.nodes[n];
  uint32_t index = m.a;
  if (index > x.commit) {
    // If my log already holds the snapshot's last entry, the prefix is the
    // same (Log Matching) and my suffix stays; otherwise the snapshot replaces
    // my log. Entries equal to the snapshot's are the snapshot: they stay.
    bool have_it = index <= x.lastIndex() && x.log[index - 1].term == m.b;
    if (!have_it) {
      const Entry* entries = journal_.carriedEntries(m);
      uint32_t common = 0;
      while (common < m.e && common < x.lastIndex() && x.log[common] == entries[common]) ++common;
      if (common < x.lastIndex()) truncate(n, common);
      for (uint32_t i = common; i < m.e; ++i) appendEntry(n, entries[i]);
    }
    record(Event{.term = m.b, .a = index, .kind = EventKind::SnapshotTaken, .node = n});
    commitTo(n, index);
  }
  send(n, m.node, MsgType::LogResponse, Event{.a = 1, .b = index});
}

void Simulator::onLogRequest(NodeId n, const Event& m) {
  NodeId leader = m.node;
  if (!followLeader(n, m)) return;
  NodeState& x = state_.nodes[n];
  auto respond = [&](bool success, uint32_t match) {
    send(n, leader, MsgType::LogResponse, Event{.a = success ? 1u : 0u, .b = match});
  };

  const Entry* entries = journal_.carriedEntries(m);
  uint32_t count = m.e;
  uint32_t match = 0;
  if (!has(Concept::IncrementalReplication)) {
    // Naive replication: the leader's whole log becomes mine. With entry
    // terms I keep the shared prefix and delete only a conflicting suffix, so
    // an old, shorter logRequest arriving late cannot shorten my log.
    uint32_t common = 0;
    while (common < count && common < x.lastIndex() && x.log[common] == entries[common]) ++common;
    bool conflict = common < count && common < x.lastIndex();
    if (conflict || (!has(Concept::EntryTerms) && common < x.lastIndex())) truncate(n, common);
    for (uint32_t i = common; i < count; ++i) appendEntry(n, entries[i]);
    match = count;
  } else {
    uint32_t prev = m.a;
    if (prev > x.lastIndex() || (prev > 0 && x.log[prev - 1].term != m.b))
      return respond(false, x.lastIndex());
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t index = prev + 1 + i;
      if (index <= x.lastIndex()) {
        // With entry terms a different term marks a conflict: keep the shared
        // prefix, delete the suffix. Without them nothing tells, so I keep mine.
        if (!has(Concept::EntryTerms) || x.log[index - 1].term == entries[i].term) continue;
        truncate(n, index - 1);
      }
      appendEntry(n, entries[i]);
    }
    match = prev + count;
  }
  if (has(Concept::Commit) && m.c > x.commit) {
    uint32_t target = std::min(m.c, match);
    if (target > x.commit) commitTo(n, target);
  }
  respond(true, match);
}

void Simulator::onLogResponse(NodeId n, const Event& m) {
  if (observeTerm(n, m.term)) return;
  NodeState& x = state_.nodes[n];
  if (x.role != Role::Leader) return;
  if (has(Concept::Terms) && m.term != x.term) return;
  NodeId f = m.node;
  if (m.a) {
    uint32_t match = std::max(x.match_index[f], m.b);
    if (match != x.match_index[f] || x.next_index[f] != match + 1)
      record(Event{.a = match + 1, .b = match, .kind = EventKind::ProgressUpdated, .node = n, .peer = f});
    if (has(Concept::Commit)) advanceCommit(n);
  } else if (has(Concept::IncrementalReplication)) {
    uint32_t next = std::max(1u, std::min(x.next_index[f] - 1, m.b + 1));
    if (next != x.next_index[f])
      record(Event{.a = next, .b = x.match_index[f], .kind = EventKind::ProgressUpdated, .node = n, .peer = f});
  }
}

void Simulator::broadcastLogRequests(NodeId n) {
  for (int p = 0; p < state_.node_count; ++p)
    if (p != n) sendLogRequest(n, NodeId(p));
}

void Simulator::sendLogRequest(NodeId n, NodeId peer) {
  const NodeState& x = state_.nodes[n];
  // What the follower misses is compacted: it gets the snapshot instead.
  if (has(Concept::Snapshots) && x.next_index[peer] <= x.snapshot_index) return sendSnapshot(n, peer);
  uint32_t prev = 0;
  if (has(Concept::IncrementalReplication)) prev = std::min(x.next_index[peer] - 1, x.lastIndex());
  uint32_t count = x.lastIndex() - prev;
  Event m;
  m.a = prev;
  m.b = prev > 0 ? x.log[prev - 1].term : 0;
  m.c = has(Concept::Commit) ? x.commit : 0;
  m.d = journal_.appendCarried(x.log.data() + prev, count);
  m.e = count;
  send(n, peer, MsgType::LogRequest, m);
}

// ---------------------------------------------------------------------------
// Log, commit, client writes

void Simulator::appendEntry(NodeId n, Entry entry) {
  record(Event{.term = entry.term, .a = state_.nodes[n].lastIndex() + 1, .b = entry.write,
             .kind = EventKind::LogAppended, .node = n});
}

void Simulator::truncate(NodeId n, uint32_t length) {
  record(Event{.a = length, .kind = EventKind::LogTruncated, .node = n});
}

void Simulator::handleWrite(NodeId n, uint32_t w, bool forwarded) {
  NodeState& x = state_.nodes[n];
  if (x.role == Role::Leader || !has(Concept::Forwarding)) {
    // A leader appends; without forwarding any node takes the write itself.
    uint32_t term = has(Concept::EntryTerms) ? x.term : 0;
    appendEntry(n, {term, w});
    if (!has(Concept::Commit)) {
      record(Event{.term = term, .a = x.lastIndex(), .b = w, .kind = EventKind::WriteAcked, .node = n});
    } else if (x.role == Role::Leader) {
      advanceCommit(n);
    }
    return;
  }
  if (forwarded) {
    record(Event{.b = w, .kind = EventKind::WriteFailed, .node = n, .sub = uint8_t(FailReason::NotLeader)});
    return;
  }
  if (x.leader == kNoNode || x.leader == n) {
    record(Event{.b = w, .kind = EventKind::WriteFailed, .node = n, .sub = uint8_t(FailReason::NoLeader)});
    return;
  }
  NodeId leader = x.leader;
  record(Event{.b = w, .kind = EventKind::WriteForwarded, .node = n, .peer = leader});
  send(n, leader, MsgType::ClientWrite, Event{.a = w});
}

void Simulator::advanceCommit(NodeId n) {
  const NodeState& x = state_.nodes[n];
  for (uint32_t index = x.lastIndex(); index > x.commit; --index) {
    // Without current-term-commit, replicas of an older term's entry count too
    // (the Figure 8 mistake of the Raft paper).
    if (has(Concept::CurrentTermCommit) && x.log[index - 1].term != x.term) break;
    int replicas = 1;
    for (int p = 0; p < state_.node_count; ++p)
      if (p != n && x.match_index[p] >= index) ++replicas;
    if (replicas >= state_.majority()) {
      commitTo(n, index);
      return;
    }
  }
}

void Simulator::commitTo(NodeId n, uint32_t index) {
  const NodeState& x = state_.nodes[n];
  uint32_t old = x.commit;
  record(Event{.a = index, .kind = EventKind::CommitAdvanced, .node = n});
  if (x.role == Role::Leader) {
    // The leader answers the clients whose writes are now committed.
    for (uint32_t i = old; i < index; ++i) {
      const Entry e = x.log[i];
      if (e.write != 0 && e.write < state_.writes.size() && state_.writes[e.write] == WriteStatus::Pending)
        record(Event{.term = e.term, .a = i + 1, .b = e.write, .kind = EventKind::WriteAcked, .node = n});
    }
  }
  maybeSnapshot(n);
}

void Simulator::maybeSnapshot(NodeId n) {
  const NodeState& x = state_.nodes[n];
  if (!has(Concept::Snapshots) || x.commit < x.snapshot_index + config_.timing.snapshot_entries) return;
  record(Event{.term = x.log[x.commit - 1].term, .a = x.commit, .kind = EventKind::SnapshotTaken, .node = n});
}

void Simulator::sendSnapshot(NodeId n, NodeId peer) {
  const NodeState& x = state_.nodes[n];
  Event m;
  // Never more than the log holds, whatever a journal said of the snapshot.
  const uint32_t index = std::min<uint32_t>(x.snapshot_index, uint32_t(x.log.size()));
  m.a = index;
  m.b = index == x.snapshot_index ? x.snapshot_term : x.log[index - 1].term;
  m.c = x.commit;
  m.d = journal_.appendCarried(x.log.data(), index);
  m.e = index;
  send(n, peer, MsgType::InstallSnapshot, m);
}

// ---------------------------------------------------------------------------
// Live mode (one node per process, see simulator.h)

Simulator Simulator::live(ClusterConfig config, NodeId local, Transport transport) {
  assert(local < config.nodeCount() && transport);
  Simulator sim;
  sim.config_ = std::move(config);
  sim.state_ = ClusterState::initial(sim.config_);
  sim.local_ = local;
  sim.transport_ = std::move(transport);
  return sim;
}

void Simulator::liveRestore(uint32_t term, NodeId voted_for, const std::vector<Entry>& log) {
  if (term) setTerm(local_, term);
  if (voted_for != kNoNode) vote(local_, voted_for);
  for (const Entry& e : log) {
    if (e.write >= state_.writes.size()) state_.writes.resize(size_t(e.write) + 1, WriteStatus::Pending);
    appendEntry(local_, e);
  }
}

void Simulator::liveBoot() { bootNode(local_); }

Seq Simulator::liveReceive(const Event& msg, const Entry* carried, std::optional<DropReason> drop) {
  Event m = msg;
  m.kind = EventKind::MessageSent;
  m.peer = local_;
  // A dropped message changes nothing here: not even the write ids it names.
  if (drop)
    return record(Event{.kind = EventKind::MessageDropped, .node = local_, .peer = m.node, .sub = uint8_t(*drop)});
  // Write ids from other nodes: this node learns them as pending, like the
  // cluster's ClientWrite would have told it (its own ids come from liveClientWrite).
  auto know = [&](uint32_t w) {
    if (w >= state_.writes.size()) state_.writes.resize(size_t(w) + 1, WriteStatus::Pending);
  };
  if (m.msgType() == MsgType::LogRequest || m.msgType() == MsgType::InstallSnapshot) {
    m.d = journal_.appendCarried(carried, m.e);
    for (uint32_t i = 0; i < m.e; ++i) know(carried[i].write);
  } else {
    m.d = m.e = 0;
  }
  if (m.msgType() == MsgType::ClientWrite) know(m.a);
  Seq seq = record(Event{.kind = EventKind::MessageDelivered, .node = local_, .peer = m.node});
  switch (m.msgType()) {
    case MsgType::VoteRequest: onVoteRequest(local_, m); break;
    case MsgType::VoteResponse: onVoteResponse(local_, m); break;
    case MsgType::LogRequest: onLogRequest(local_, m); break;
    case MsgType::LogResponse: onLogResponse(local_, m); break;
    case MsgType::InstallSnapshot: onInstallSnapshot(local_, m); break;
    case MsgType::ClientWrite: handleWrite(local_, m.a, true); break;
  }
  return seq;
}

void Simulator::liveClientWrite(uint32_t write, const std::string& text) {
  assert(write >= journal_.writes().size());
  while (journal_.writes().size() < write) journal_.addWrite({});
  journal_.addWrite({text, local_, state_.now_us});
  record(Event{.b = write, .kind = EventKind::ClientWrite, .node = local_});
  handleWrite(local_, write, false);
}

}  // namespace radeau

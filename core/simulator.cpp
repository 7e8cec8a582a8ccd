#include "simulator.h"

#include <algorithm>
#include <cassert>

#include "limits.h"
#include "rng.h"

namespace radeau {

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
  // Share the prefix and refold it through the checker so its memory matches.
  const Journal& src = journal;
  end = std::min<Seq>(end, Seq(src.size()));
  // Only the writes the prefix made: the future adds its own again, with the same ids.
  uint32_t prefix_writes = uint32_t(initWriteTexts(sim.config_).size());
  for (Seq i = 0; i < end; ++i)
    if (src[i].kind == EventKind::ClientWrite) prefix_writes = std::max(prefix_writes, src[i].write());
  // The prefix's carried entries are the source's first ones when its events
  // refer to them in order, as in every journal a simulation or a reader made:
  // then the prefix is shared (issue 19). Otherwise each event's entries are
  // copied again, renumbered in order.
  size_t carried = 0;
  bool in_order = true;
  for (Seq i = 0; i < end && in_order; ++i) {
    const Event& e = src[i];
    if (!carriesEntries(e) || e.carriedCount() == 0) continue;
    if ((e.flags & kFlagDuplicate) && e.ref < i) {
      in_order = e.carriedOffset() == src[e.ref].carriedOffset();
    } else {
      in_order = e.carriedOffset() == carried;
      carried += e.carriedCount();
    }
  }
  const size_t writes = std::min<size_t>(size_t(prefix_writes) + 1, src.writes().size());
  if (in_order) {
    sim.journal_ = Journal::sharePrefix(src, end, carried, writes);
    for (Seq i = 0; i < end; ++i) sim.recorder_.replayShared(sim.journal_, sim.state_, i);
  } else {
    sim.journal_ = Journal::sharePrefix(src, 0, 0, writes);
    for (Seq i = 0; i < end; ++i) {
      Event e = src[i];
      if (carriesEntries(e) && e.carriedCount() > 0)
        // A duplicate shares its original's entries, as when send() made it.
        e.setCarried((e.flags & kFlagDuplicate) && e.ref < i
                         ? sim.journal_[e.ref].carriedOffset()
                         : sim.journal_.appendCarried(src.carriedEntries(src[i]), e.carriedCount()),
                     e.carriedCount());
      sim.recorder_.replay(sim.journal_, sim.state_, e);
    }
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
    if (size_t(i) < config_.init.size() && config_.init[i]) {
      const InitialNodeState& init = *config_.init[i];
      std::vector<Entry> log;
      for (size_t k = 0; k < init.log_terms.size(); ++k) {
        const std::string text = k < init.log_texts.size() ? init.log_texts[k] : std::string();
        log.push_back({init.log_terms[k], initWriteId(config_, text)});
      }
      node(NodeId(i)).restore(init.term, init.voted_for, log);
    }
  }
  for (int i = 0; i < state_.node_count; ++i) node(NodeId(i)).boot();
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
      Event e = make::partitioned();
      std::vector<uint8_t> group(size_t(state_.node_count), 0);
      // Nodes not named in any group share one group of their own.
      uint8_t rest = uint8_t(std::min<size_t>(a.groups.size(), 7));
      std::fill(group.begin(), group.end(), rest);
      for (size_t g = 0; g < a.groups.size() && g < 8; ++g)
        for (NodeId x : a.groups[g]) if (valid(x)) group[x] = uint8_t(g);
      for (int i = 0; i < state_.node_count; ++i) e.setPartitionGroup(NodeId(i), group[size_t(i)]);
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
        timerFired(state_.nodes[a.node].election.started);  // as if it fired now
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
    case ActionKind::Resend:
      if (valid(a.node)) resend(a.node, a.text);
      break;
    case ActionKind::Read:
      if (valid(a.node)) clientRead(a.node, a.text);
      break;
    case ActionKind::AddNodes:
    case ActionKind::RemoveNodes:
      changeConfig(a);
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
  if (m.msgType() == MsgType::ClientWrite && state_.writes[m.write()] == WriteStatus::Pending) {
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
      record(make::writeFailed(m.node, FailReason::Undelivered, m.write()));
  }
}

void Simulator::clientWrite(NodeId n, const std::string& text) {
  uint32_t w = journal_.addWrite({text, n, state_.now_us});
  record(make::clientWrite(n, w));
  if (!state_.nodes[n].alive) {
    record(make::writeFailed(n, FailReason::NodeDown, w));
    return;
  }
  node(n).clientWrite(w);
}

// A client that got no answer sends its write again: the same write (the
// same client and serial number), to `n`. One that was acknowledged is not
// resent; one that failed, or is still pending, is.
void Simulator::resend(NodeId n, const std::string& text) {
  // The last write of this text a client made, and its next attempt number:
  // indexes brought up to date with what the journal gained since the last
  // resend (it only grows), instead of a scan of the whole journal per resend,
  // which made a long soak quadratic (issue 19's ten million events).
  for (; resend_writes_scanned_ < journal_.writes().size(); ++resend_writes_scanned_) {
    const ClientWriteInfo& x = journal_.writes()[resend_writes_scanned_];
    if (resend_writes_scanned_ > 0 && x.origin != kNoNode) last_write_of_text_[x.text] = uint32_t(resend_writes_scanned_);
  }
  for (; resend_events_scanned_ < journal_.size(); ++resend_events_scanned_) {
    const Event& e = journal_[Seq(resend_events_scanned_)];
    if (e.kind != EventKind::ClientWrite) continue;
    if (next_attempt_.size() <= e.write()) next_attempt_.resize(size_t(e.write()) + 1, 0);
    next_attempt_[e.write()] = std::max(next_attempt_[e.write()], e.attempt() + 1);
  }
  const auto found = last_write_of_text_.find(text);
  const uint32_t w = found == last_write_of_text_.end() ? 0 : found->second;
  if (w == 0 || w >= state_.writes.size() || state_.writes[w] == WriteStatus::Acked) return;
  const uint32_t attempt = std::max<uint32_t>(1, w < next_attempt_.size() ? next_attempt_[w] : 0);
  record(make::clientWrite(n, w, attempt));
  if (!state_.nodes[n].alive) {
    record(make::writeFailed(n, FailReason::NodeDown, w));
    return;
  }
  node(n).clientWrite(w);
}

void Simulator::clientRead(NodeId n, const std::string& key) {
  const Seq read = record(make::clientRead(n, key));
  if (!state_.nodes[n].alive) {
    record(make::readFailed(n, read, FailReason::NodeDown));
    return;
  }
  node(n).clientRead(read);
}

// A configuration change is asked of a node, by default of the leader: the
// live leader of the highest term (the lowest id on a tie), else nobody.
void Simulator::changeConfig(const Action& a) {
  uint16_t nodes = 0;
  for (const auto& g : a.groups)
    for (NodeId x : g)
      if (x < state_.node_count) nodes |= uint16_t(1u << x);
  NodeId asked = a.node < state_.node_count ? a.node : kNoNode;
  if (a.node == kNoNode)
    for (int i = 0; i < state_.node_count; ++i) {
      const NodeState& n = state_.nodes[size_t(i)];
      if (n.alive && n.role == Role::Leader && (asked == kNoNode || n.term > state_.nodes[asked].term)) asked = NodeId(i);
    }
  const bool add = a.kind == ActionKind::AddNodes;
  const Seq ask = record(make::configChangeAsked(asked, add ? nodes : 0, add ? 0 : nodes));
  if (asked == kNoNode) record(make::configChangeRefused(kNoNode, ask, ConfigRefusal::NoLeader));
  else if (!state_.nodes[asked].alive) record(make::configChangeRefused(asked, ask, ConfigRefusal::NodeDown));
  else node(asked).changeConfig(ask);
}

void Simulator::crash(NodeId n) {
  if (state_.nodes[n].alive) node(n).crash();
}

void Simulator::restart(NodeId n) {
  if (state_.nodes[n].alive) return;
  record(Event{.kind = EventKind::Restarted, .node = n});
  node(n).boot();
}

void Simulator::changeConcepts(Concepts c) {
  record(make::conceptsChanged(c.bits()));
  for (int i = 0; i < state_.node_count; ++i) node(NodeId(i)).rulesChanged();
}

// ---------------------------------------------------------------------------
// The clock and the network around the nodes

void Simulator::timerFired(Seq started) {
  const Event& st = journal_[started];
  const NodeId n = st.node;
  const TimerKind k = st.timerKind();
  record(Event{.ref = started, .kind = EventKind::TimerFired, .node = n, .sub = uint8_t(k)});
  node(n).timerFired(k);
}

// ---------------------------------------------------------------------------
// Messages

Seq Simulator::send(Event m) {
  const NodeId from = m.node, to = m.peer;
  Seq seq = Seq(journal_.size());
  m.dt_us = storedDelay(drawRange(config_.seed, seq, DrawSalt::Latency, config_.timing.latency_min_us,
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
    copy.dt_us = storedDelay(drawRange(config_.seed, cs, DrawSalt::DupLatency, config_.timing.latency_min_us,
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
  node(to).receive(m);
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
  node(local_).restore(term, voted_for, log);
}

void Simulator::liveBoot() { node(local_).boot(); }

Seq Simulator::liveReceive(const Event& msg, const Entry* carried, std::optional<DropReason> drop) {
  Event m = msg;
  m.kind = EventKind::MessageSent;
  m.peer = local_;
  // A dropped message changes nothing here: not even the write ids it names.
  if (drop)
    return record(Event{.kind = EventKind::MessageDropped, .node = local_, .peer = m.node, .sub = uint8_t(*drop)});
  // Write ids from other nodes become known to this node as the entries
  // naming them are appended (apply(), state.cpp), and a forwarded write it
  // never heard of is pending (RaftNode::receive).
  if (carriesEntries(m)) m.setCarried(journal_.appendCarried(carried, m.carriedCount()), m.carriedCount());
  else m.setCarried(0, 0);
  Seq seq = record(Event{.kind = EventKind::MessageDelivered, .node = local_, .peer = m.node});
  node(local_).receive(m);
  return seq;
}

void Simulator::liveReplicate() { node(local_).replicateNow(); }

void Simulator::liveClientWrite(uint32_t write, const std::string& text) {
  assert(write >= journal_.writes().size());
  while (journal_.writes().size() < write) journal_.addWrite({});
  journal_.addWrite({text, local_, state_.now_us});
  record(make::clientWrite(local_, write));
  node(local_).clientWrite(write);
}

void Simulator::liveClientResend(uint32_t write, uint32_t attempt) {
  assert(write > 0 && attempt > 0);
  record(make::clientWrite(local_, write, attempt));
  node(local_).clientWrite(write);
}

Seq Simulator::liveClientRead(const std::string& key) {
  const Seq read = record(make::clientRead(local_, key));
  node(local_).clientRead(read);
  return read;
}

std::string_view Simulator::writeText(uint32_t w) const {
  if (w < journal_.writes().size() && !journal_.writes()[w].text.empty()) return journal_.writes()[w].text;
  if (live_texts_)
    if (const std::string* t = live_texts_(w)) return *t;
  return {};
}

}  // namespace radeau

#include "merge.h"

#include <algorithm>

#include "core/validate.h"

namespace radeau::live {

JournalMerger::JournalMerger(ClusterConfig config, Time epoch_us)
    : config_(std::move(config)), epoch_us_(epoch_us), ctx_(config_.nodeCount(), 0, 0) {
  state_ = ClusterState::initial(config_);
}

void JournalMerger::hello(NodeId n, NodeHello h) {
  Item it;
  it.kind = Item::Kind::Hello;
  it.hello = std::move(h);
  queues_[n].push_back(std::move(it));
}

void JournalMerger::events(NodeId n, std::vector<WireEvent> events) {
  for (WireEvent& w : events) {
    Item it;
    it.event = std::move(w);
    queues_[n].push_back(std::move(it));
  }
}

void JournalMerger::ended(NodeId n) {
  Item it;
  it.kind = Item::Kind::End;
  queues_[n].push_back(std::move(it));
}

size_t JournalMerger::waiting() const {
  size_t total = 0;
  for (const auto& q : queues_) total += q.size();
  return total;
}

Seq JournalMerger::append(Event e, Time t_us) {
  noteEvent(journal_, e, ctx_);  // validateEvent's memory follows every event, checked or not
  return commit(e, t_us);
}

Seq JournalMerger::commit(Event e, Time t_us) {
  last_us_ = std::max(last_us_, t_us - epoch_us_);
  e.time_us = last_us_;
  return recorder_.record(journal_, state_, e);
}

Seq JournalMerger::record(Event e, Time now_us) { return append(e, now_us); }

bool JournalMerger::pump(std::string& error) {
  bool ok = true;
  for (bool progress = true; progress;) {
    progress = false;
    for (int n = 0; n < state_.node_count; ++n) {
      auto& q = queues_[n];
      while (!q.empty()) {
        Outcome o = process(NodeId(n), q.front(), error);
        blocked_[n] = o == Outcome::Blocked;
        if (blocked_[n]) break;
        blocked_since_us_[n] = -1;
        give_up_[n] = false;
        if (o == Outcome::Invalid) {
          ok = false;
          broken_[n] = true;
        }
        q.pop_front();
        progress = true;
      }
    }
  }
  return ok;
}

JournalMerger::Outcome JournalMerger::process(NodeId n, Item& item, std::string& error) {
  switch (item.kind) {
    case Item::Kind::Hello:
      broken_[n] = false;
      mergeHello(n, item.hello);
      return Outcome::Merged;
    case Item::Kind::End:
      mergeEnd(n);
      return Outcome::Merged;
    case Item::Kind::Event:
      if (broken_[n]) return Outcome::Merged;  // ignored until the next hello
      return mergeEvent(n, item.event, error);
  }
  return Outcome::Merged;
}

uint32_t JournalMerger::mapWrite(uint32_t w, NodeId n, Time t, const std::string* text) {
  if (!isClientWrite(w)) return w;  // a no-op, or a configuration entry: the same in every journal
  auto it = writes_.find(w);
  if (it != writes_.end()) return it->second;
  // A write from before this recording (an old data directory): known only by id.
  NodeId origin = NodeId((w - 1) % kMaxNodes);
  if (origin >= state_.node_count) origin = n;
  // Its text, if a node kept it in its files (issue 14: texts are in the WAL).
  uint32_t merged = journal_.addWrite({text ? *text : "(written before this recording)", origin, t - epoch_us_});
  writes_[w] = merged;
  append(make::clientWrite(origin, merged), t);
  return merged;
}

void JournalMerger::mergeHello(NodeId n, const NodeHello& h) {
  inc_[n] = h.inc;
  Time t = last_us_ + epoch_us_;
  const NodeState& x = state_.nodes[n];
  if (x.term != h.term) append(Event{.term = h.term, .kind = EventKind::TermChanged, .node = n}, t);
  if (x.voted_for != h.voted_for)
    append(Event{.term = h.term, .kind = EventKind::Voted, .node = n, .peer = h.voted_for}, t);
  std::vector<Entry> log = h.log;
  for (Entry& e : log) {
    auto text = h.texts.find(e.write);
    e.write = mapWrite(e.write, n, t, text == h.texts.end() ? nullptr : &text->second);
  }
  size_t common = 0;
  while (common < log.size() && common < x.log.size() && x.log[common] == log[common]) ++common;
  if (x.log.size() > common) append(make::logTruncated(n, uint32_t(common)), t);
  for (size_t i = common; i < log.size(); ++i)
    append(make::logAppended(n, uint32_t(i + 1), log[i].term, log[i].write), t);
  if (!x.alive) append(Event{.kind = EventKind::Restarted, .node = n}, t);
}

void JournalMerger::mergeEnd(NodeId n) {
  ended_.insert({n, inc_[n]});
  if (!state_.nodes[n].alive) return;
  Time t = last_us_ + epoch_us_;
  append(Event{.kind = EventKind::Crashed, .node = n}, t);
  std::vector<InFlight> victims;
  for (const InFlight& m : state_.in_flight)
    if (m.to == n) victims.push_back(m);
  for (const InFlight& m : victims)
    append(Event{.ref = m.sent, .kind = EventKind::MessageDropped, .node = n, .peer = m.from,
                 .sub = uint8_t(DropReason::ReceiverDown)}, t);
}

void JournalMerger::sweep(Time now_us, Time max_flight_us) {
  Time now = std::max(last_us_, now_us - epoch_us_);
  // Timed from the first sweep that sees a stream blocked (pump() has no clock).
  for (int n = 0; n < kMaxNodes; ++n) {
    if (!blocked_[n]) continue;
    if (blocked_since_us_[n] < 0) blocked_since_us_[n] = now;
    else if (now - blocked_since_us_[n] > max_flight_us) give_up_[n] = true;
  }
  std::vector<InFlight> victims;
  for (const InFlight& m : state_.in_flight)
    if (now - m.sent_us > max_flight_us) victims.push_back(m);
  for (const InFlight& m : victims) {
    DropReason why = state_.nodes[m.to].alive ? (state_.linkUp(m.from, m.to) ? DropReason::Loss : DropReason::LinkCut)
                                              : DropReason::ReceiverDown;
    append(Event{.ref = m.sent, .kind = EventKind::MessageDropped, .node = m.to, .peer = m.from, .sub = uint8_t(why)},
           now_us);
  }
}

JournalMerger::Outcome JournalMerger::mergeEvent(NodeId n, WireEvent& w, std::string& error) {
  Event e = w.event;
  const int count = state_.node_count;
  auto bad = [&](const std::string& why) {
    error = config_.names[n] + ": event " + std::to_string(w.local) + ": " + why;
    return Outcome::Invalid;
  };
  auto node_ok = [&](NodeId x) { return x < count; };
  // Who may record what: a node speaks for itself, and for the drop of its own sends.
  bool own = e.node == n || (e.kind == EventKind::MessageDropped && e.peer == n && node_ok(e.node));
  if (!own) return bad("names node " + std::to_string(e.node));
  // Protocol sense is core's validateEvent, on the event with merged ids and
  // refs (so ids are mapped first); what is checked here is only the merge's own.
  const Time t = e.time_us;
  auto merge = [&](bool remember_seq = false) {
    ctx_.writes_known = uint32_t(journal_.writes().size() - 1);
    ctx_.carried_total = journal_.carried().size();
    if (std::string why = validateEvent(journal_, e, ctx_); !why.empty()) return bad(why);
    Seq seq = commit(e, t);
    if (remember_seq) seqs_[n][key(inc_[n], w.local)] = seq;  // deliveries and timer stops name it
    return Outcome::Merged;
  };
  switch (e.kind) {
    case EventKind::Finding:
    case EventKind::Crashed:
    case EventKind::Restarted:
    case EventKind::LinkCut:
    case EventKind::LinkHealed:
    case EventKind::Isolated:
    case EventKind::Partitioned:
    case EventKind::HealedAll:
    case EventKind::ConceptsChanged:
      return Outcome::Merged;  // the observer's to record, not a node's
    case EventKind::MessageSent: {
      if (e.peer == n) return bad("sends a message to itself");
      e.ref = kNoSeq;
      if (carriesEntries(e)) {
        for (Entry& en : w.carried) en.write = mapWrite(en.write, n, t);
        e.setCarried(journal_.appendCarried(w.carried.data(), w.carried.size()), uint32_t(w.carried.size()));
      } else {
        e.setCarried(0, 0);
      }
      if (e.msgType() == MsgType::ClientWrite) e.setWrite(mapWrite(e.write(), n, t));
      return merge(true);
    }
    case EventKind::MessageDelivered:
    case EventKind::MessageDropped: {
      if (!node_ok(e.peer) || !node_ok(e.node)) return bad("bad message reference");
      NodeId sender = e.peer;
      if (e.ref != kNoSeq) {
        auto it = seqs_[sender].find(key(w.src_inc, e.ref));
        if (it != seqs_[sender].end()) {
          e.ref = it->second;
        } else if (ended_.count({sender, w.src_inc}) || w.src_inc == 0 || give_up_[n]) {
          e.ref = kNoSeq;  // its sender died before telling us, or never sent it: no arrow
        } else {
          return Outcome::Blocked;  // the send is still on its way to us
        }
      }
      bool flying = e.ref != kNoSeq && state_.findInFlight(e.ref);
      if (flying) return merge();
      if (e.kind == EventKind::MessageDropped) return Outcome::Merged;  // already dropped here
      append(e, t);  // no arrow, or swept as lost before it arrived: the delivery is still a fact
      return Outcome::Merged;
    }
    case EventKind::TimerStarted:
      return merge(true);
    case EventKind::TimerCancelled:
    case EventKind::TimerFired: {
      auto it = seqs_[n].find(key(inc_[n], e.ref));
      if (it != seqs_[n].end()) {
        e.ref = it->second;
        return merge();
      }
      if (e.sub > uint8_t(TimerKind::Heartbeat)) return bad("corrupt sub " + std::to_string(e.sub));
      e.ref = kNoSeq;  // a timer started before this stream: no arc
      append(e, t);
      return Outcome::Merged;
    }
    case EventKind::LogAppended:
    case EventKind::WriteForwarded:
      e.setWrite(mapWrite(e.write(), n, t));
      break;
    case EventKind::ClientWrite: {
      if (e.attempt() > 0) {  // a resend: the same write, already known (or known only by id)
        e.setWrite(mapWrite(e.write(), n, t, &w.text));
        break;
      }
      uint32_t merged = journal_.addWrite({w.text, n, t - epoch_us_});
      writes_[e.write()] = merged;
      e.setWrite(merged);
      break;
    }
    case EventKind::DuplicateRecognised:
      e.setWrite(mapWrite(e.write(), n, t));
      break;
    case EventKind::ClientRead:
      return merge(true);  // its answer names it
    case EventKind::ReadAnswered:
    case EventKind::ReadFailed: {
      auto it = seqs_[n].find(key(inc_[n], e.ref));
      if (it == seqs_[n].end()) return bad("answers a read it was not given (event " + std::to_string(e.ref) + ")");
      e.ref = it->second;
      if (e.kind == EventKind::ReadAnswered && e.write() != 0) e.setWrite(mapWrite(e.write(), n, t));
      break;
    }
    case EventKind::ConfigChangeAsked:
      return merge(true);  // its refusal names it
    case EventKind::ConfigChangeRefused: {
      auto it = seqs_[n].find(key(inc_[n], e.ref));
      if (it == seqs_[n].end()) return bad("refuses a configuration change it was not asked (event " + std::to_string(e.ref) + ")");
      e.ref = it->second;
      break;
    }
    case EventKind::WriteAcked:
    case EventKind::WriteFailed:
      e.setWrite(mapWrite(e.write(), n, t));
      // A second leader acking an entry the first already acked: one answer is enough.
      if (e.write() < state_.writes.size() && state_.writes[e.write()] != WriteStatus::Pending) return Outcome::Merged;
      break;
    default:
      break;
  }
  return merge();
}

}  // namespace radeau::live

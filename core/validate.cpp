#include "validate.h"

#include <algorithm>

#include "limits.h"

namespace radeau {

namespace {

std::string num(uint64_t v) { return std::to_string(v); }

// Keeps the context in step with an event (valid or already checked).
void take(Seq seq, const Event& e, EventContext& c) {
  const NodeId n = e.node;
  switch (e.kind) {
    case EventKind::MessageSent:
      if (c.sent.size() <= seq) c.sent.resize(size_t(seq) + 1, 0);
      c.sent[seq] = 1;
      if (carriesEntries(e) && e.carriedCount() > 0)
        c.carried_cursor = std::max(c.carried_cursor, e.carriedOffset() + e.carriedCount());
      break;
    case EventKind::MessageDelivered:
    case EventKind::MessageDropped:
      if (e.ref < c.sent.size()) c.sent[e.ref] = 0;
      break;
    case EventKind::TimerStarted: c.timer[n][e.sub & 1] = seq; break;
    case EventKind::TimerCancelled:
    case EventKind::TimerFired: c.timer[n][e.sub & 1] = kNoSeq; break;
    case EventKind::TermChanged: c.term[n] = e.term; break;
    case EventKind::LogAppended: c.log_len[n] = e.index(); break;
    case EventKind::LogTruncated: c.log_len[n] = std::min(c.log_len[n], e.length()); break;
    case EventKind::ClientWrite: c.max_write = std::max(c.max_write, e.write()); break;  // a resend: not above
    case EventKind::Crashed:
      c.crashed[n] = true;
      c.timer[n] = {kNoSeq, kNoSeq};  // the fold forgets a crashed node's timers too
      break;
    case EventKind::Restarted: c.crashed[n] = false; break;
    default: break;
  }
}

}  // namespace

EventContext::EventContext(int node_count, uint32_t writes, uint64_t carried)
    : nodes(node_count), writes_known(writes), carried_total(carried) {
  for (auto& t : timer) t = {kNoSeq, kNoSeq};
}

std::string validateMessage(const Event& m, const Entry* carried, int nodes) {
  auto known = [&](NodeId x, const char* role) -> std::string {
    if (x < nodes) return {};
    return std::string("unknown node ") + (x == kNoNode ? "(none)" : num(x)) + " as " + role + " (the cluster has " +
           num(uint64_t(nodes)) + " nodes)";
  };
  if (std::string why = known(m.node, "sender"); !why.empty()) return why;
  if (std::string why = known(m.peer, "receiver"); !why.empty()) return why;
  if (m.sub > uint8_t(kLastMsgType)) return "corrupt sub " + num(m.sub);
  if (!carriesEntries(m)) return {};
  const uint32_t count = m.carriedCount();
  if (count > limits::kMaxEntriesPerMessage)
    return "carries " + num(count) + " entries (at most " + num(limits::kMaxEntriesPerMessage) + ")";
  if (m.msgType() == MsgType::InstallSnapshot) {
    const uint32_t index = m.snapshotIndex();
    if (index > count) return "installSnapshot claims " + num(index) + " entries but carries " + num(count);
    if (carried && index > 0 && carried[index - 1].term != m.snapshotTerm())
      return "installSnapshot's last included term " + num(m.snapshotTerm()) + " is not its entry's term " +
             num(carried[index - 1].term);
  }
  return {};
}

void noteEvent(const Journal& j, const Event& e, EventContext& ctx) { noteEvent(Seq(j.size()), e, ctx); }

void noteEvent(Seq seq, const Event& e, EventContext& ctx) {
  if (e.node < kMaxNodes || e.node == kNoNode) take(seq, e, ctx);
}

std::string validateEvent(const Journal& j, const Event& e, EventContext& c) {
  const Seq seq = Seq(j.size());
  std::string why;
  auto bad = [&](std::string msg) {
    if (why.empty()) why = std::move(msg);
    return false;
  };
  auto node = [&](NodeId x, const char* role, bool optional) {
    if (optional && x == kNoNode) return true;
    if (x >= c.nodes)
      return bad(std::string("unknown node ") + (x == kNoNode ? "(none)" : num(x)) + " as " + role +
                 " (the cluster has " + num(uint64_t(c.nodes)) + " nodes)");
    return true;
  };
  // The event `ref` points to, unpacked once (the journal stores events packed).
  Event r;
  auto refTo = [&](EventKind k, const char* name) {
    if (e.ref == kNoSeq || e.ref >= seq) return bad(std::string("ref does not point to a ") + name);
    r = j[e.ref];
    return r.kind == k || bad(std::string("ref does not point to a ") + name);
  };
  auto write = [&](uint32_t w) { return (w != 0 && w <= c.max_write) || bad("unknown client write " + num(w)); };
  // A configuration entry (rung 16) names a non-empty set of this cluster's nodes.
  auto configEntry = [&](uint32_t w) { return isConfigWrite(w) && (configMembers(w) >> c.nodes) == 0; };
  auto entryWrite = [&](uint32_t w) {
    if (!isConfigWrite(w)) return write(w);
    return configEntry(w) || bad("a configuration entry names nodes beyond the " + num(uint64_t(c.nodes)) + " nodes");
  };
  auto subMax = [&](unsigned m) { return e.sub <= m || bad("corrupt sub " + num(e.sub)); };
  auto crashed = [&](NodeId x) { return x < c.nodes && c.crashed[x]; };

  bool ok = true;
  switch (e.kind) {
    case EventKind::MessageSent: {
      const bool carries = carriesEntries(e);
      const bool in_table = !carries || uint64_t(e.carriedOffset()) + e.carriedCount() <= c.carried_total;
      // Everything that reads a payload reads it at one place (carriedEntries):
      // entries stored apart (a file's pieces cut inside a payload) would be
      // read past the first piece's storage.
      const bool in_one_piece =
          !carries || !in_table || e.carriedCount() == 0 || j.carriedContiguous(e.carriedOffset()) >= e.carriedCount();
      const Entry* carried = carries && in_table && in_one_piece ? j.carriedEntries(e) : nullptr;
      if (std::string m = validateMessage(e, carried, c.nodes); !m.empty()) {
        ok = bad(std::move(m));
        break;
      }
      if (!in_table) {
        ok = bad("carries entries beyond the carried table");
        break;
      }
      if (!in_one_piece) {
        ok = bad("carries entries that are not stored as one payload");
        break;
      }
      if (e.ref != kNoSeq) ok = refTo(EventKind::MessageSent, "MessageSent");
      if (ok && carried) {
        const uint32_t count = e.carriedCount();
        EventContext::CheckedPayload& memo =
            c.checked_payloads[(uintptr_t(carried) / sizeof(Entry) * 0x9E3779B97F4A7C15ull) >> 58];
        for (uint32_t i = memo.first == carried ? std::min(memo.count, count) : 0; ok && i < count; ++i)
          if (carried[i].write > c.max_write && !configEntry(carried[i].write))
            ok = bad("carries an entry of unknown client write " + num(carried[i].write));
        if (ok && (memo.first != carried || count > memo.count)) memo = {carried, count};
      }
      if (ok && e.msgType() == MsgType::ClientWrite) ok = write(e.write());
      break;
    }
    case EventKind::MessageDelivered:
    case EventKind::MessageDropped:
      ok = node(e.node, "receiver", false) && node(e.peer, "sender", false) &&
           refTo(EventKind::MessageSent, "MessageSent") &&
           (e.kind == EventKind::MessageDelivered || subMax(unsigned(DropReason::Manual)));
      if (ok && (r.peer != e.node || r.node != e.peer))
        ok = bad("message " + num(e.ref) + " from node " + num(r.node) + " to node " + num(r.peer) +
                 " reaches node " + num(e.node) + " from node " + num(e.peer));
      if (ok && (e.ref >= c.sent.size() || !c.sent[e.ref]))
        ok = bad("message " + num(e.ref) + " was already delivered or dropped");
      break;
    case EventKind::TimerStarted:
      ok = node(e.node, "node", false) && subMax(1);
      break;
    case EventKind::TimerCancelled:
    case EventKind::TimerFired:
      ok = node(e.node, "node", false) && subMax(1) && refTo(EventKind::TimerStarted, "TimerStarted");
      if (ok && (r.node != e.node || r.sub != e.sub))
        ok = bad("node " + num(e.node) + " stops a timer of node " + num(r.node));
      if (ok && c.timer[e.node][e.sub] != e.ref) ok = bad("timer " + num(e.ref) + " is not running");
      break;
    case EventKind::RoleChanged:
      ok = node(e.node, "node", false) && subMax(unsigned(Role::Leader));
      if (ok && e.role() == Role::Leader && crashed(e.node)) ok = bad("node " + num(e.node) + " leads while crashed");
      break;
    case EventKind::TermChanged:
      ok = node(e.node, "node", false);
      // Only a crash without persistence loses a term (the node restarts from 0).
      if (ok && e.term < c.term[e.node] && !crashed(e.node))
        ok = bad("node " + num(e.node) + "'s term goes down from " + num(c.term[e.node]) + " to " + num(e.term));
      break;
    case EventKind::Crashed:
    case EventKind::Restarted:
    case EventKind::Isolated:
    case EventKind::TimeoutForced:
      ok = node(e.node, "node", false);
      break;
    case EventKind::Voted:
    case EventKind::LeaderHeard:
      ok = node(e.node, "node", false) && node(e.peer, "peer", true);
      break;
    case EventKind::VoteCounted:
      ok = node(e.node, "node", false) && node(e.peer, "peer", false);
      if (ok && e.votes() > uint32_t(c.nodes))
        ok = bad("counts " + num(e.votes()) + " votes in a cluster of " + num(uint64_t(c.nodes)) + " nodes");
      break;
    case EventKind::LinkCut:
    case EventKind::LinkHealed:
    case EventKind::ProgressUpdated:
      ok = node(e.node, "node", false) && node(e.peer, "peer", false);
      break;
    case EventKind::LogAppended:
      ok = node(e.node, "node", false);
      if (ok && e.index() != uint64_t(c.log_len[e.node]) + 1)
        ok = bad("appends index " + num(e.index()) + " to a log of " + num(c.log_len[e.node]) + " entries");
      if (ok && e.write() != 0) ok = entryWrite(e.write());
      break;
    case EventKind::LogTruncated:
      ok = node(e.node, "node", false);
      break;
    case EventKind::CommitAdvanced:
      ok = node(e.node, "node", false);
      if (ok && e.index() > c.log_len[e.node])
        ok = bad("commits index " + num(e.index()) + " beyond a log of " + num(c.log_len[e.node]) + " entries");
      break;
    case EventKind::ClientWrite:
      ok = node(e.node, "node", false);
      if (ok && e.attempt() > 0 && (e.write() == 0 || e.write() > c.max_write))
        ok = bad("client resends write " + num(e.write()) + ", which no client wrote before");
      else if (ok && e.attempt() == 0 && (e.write() != uint64_t(c.max_write) + 1 || e.write() > c.writes_known))
        ok = bad("client write " + num(e.write()) + " is not the next stored write text");
      break;
    case EventKind::WriteForwarded:
      ok = node(e.node, "node", false) && node(e.peer, "peer", false) && write(e.write());
      break;
    case EventKind::WriteAcked:
      ok = node(e.node, "node", false) && write(e.write());
      break;
    case EventKind::WriteFailed:
      ok = node(e.node, "node", false) && subMax(unsigned(FailReason::Undelivered)) && write(e.write());
      break;
    case EventKind::Partitioned:
    case EventKind::HealedAll:
      break;
    case EventKind::ConceptsChanged:
      if (e.conceptBits() >> kConceptCount) ok = bad("unknown concept bits");
      break;
    case EventKind::Finding:
      ok = node(e.node, "node", true) && node(e.peer, "peer", true) && subMax(unsigned(kLastFindingKind));
      break;
    case EventKind::DuplicateRecognised:
      ok = node(e.node, "node", false) && write(e.write());
      if (ok && (e.index() > c.log_len[e.node] || e.firstIndex() == 0 || e.firstIndex() >= e.index()))
        ok = bad("recognises index " + num(e.index()) + " as a duplicate of index " + num(e.firstIndex()) +
                 " in a log of " + num(c.log_len[e.node]) + " entries");
      break;
    case EventKind::SnapshotTaken:
      ok = node(e.node, "node", false);
      if (ok && e.index() > c.log_len[e.node])
        ok = bad("snapshot up to index " + num(e.index()) + " beyond a log of " + num(c.log_len[e.node]) + " entries");
      break;
    case EventKind::ClientRead:
      ok = node(e.node, "node", false);
      break;
    case EventKind::ReadAnswered:
      ok = node(e.node, "node", false) && refTo(EventKind::ClientRead, "ClientRead") &&
           (e.write() == 0 || write(e.write()));
      break;
    case EventKind::ReadFailed:
      ok = node(e.node, "node", false) && subMax(unsigned(FailReason::Undelivered)) &&
           refTo(EventKind::ClientRead, "ClientRead");
      break;
    case EventKind::ConfigChangeAsked:
      ok = node(e.node, "node", true);
      if (ok && ((e.added() | e.removed()) >> c.nodes) != 0) ok = bad("a configuration change names unknown nodes");
      break;
    case EventKind::ConfigChangeRefused:
      ok = node(e.node, "node", true) && subMax(unsigned(kLastConfigRefusal)) &&
           refTo(EventKind::ConfigChangeAsked, "ConfigChangeAsked");
      break;
    default:
      ok = bad("unknown event kind " + num(uint8_t(e.kind)));
      break;
  }
  if (!ok) return why;
  take(Seq(j.size()), e, c);
  return {};
}

}  // namespace radeau

#include "format.h"

#include <algorithm>
#include <cstdio>

namespace radeau {

std::string_view roleName(Role r) {
  switch (r) {
    case Role::Follower: return "follower";
    case Role::Candidate: return "candidate";
    case Role::Leader: return "leader";
  }
  return "?";
}

std::string_view messageName(MsgType t) {
  switch (t) {
    case MsgType::VoteRequest: return "voteRequest";
    case MsgType::VoteResponse: return "voteResponse";
    case MsgType::LogRequest: return "logRequest";
    case MsgType::LogResponse: return "logResponse";
    case MsgType::ClientWrite: return "clientWrite";
    case MsgType::InstallSnapshot: return "installSnapshot";
  }
  return "?";
}

std::string_view timerName(TimerKind k) { return k == TimerKind::Election ? "election" : "heartbeat"; }

std::string_view dropReasonText(DropReason r) {
  switch (r) {
    case DropReason::Loss: return "lost by the network";
    case DropReason::LinkCut: return "link cut";
    case DropReason::ReceiverDown: return "receiver is down";
    case DropReason::Manual: return "dropped by the presenter";
  }
  return "?";
}

std::string_view failReasonText(FailReason r) {
  switch (r) {
    case FailReason::NodeDown: return "the node is down";
    case FailReason::NoLeader: return "no leader known";
    case FailReason::NotLeader: return "not the leader";
    case FailReason::Undelivered: return "the forwarded write never reached the leader";
  }
  return "?";
}

std::string_view eventKindName(EventKind k) {
  static constexpr std::string_view names[] = {
      "MessageSent", "MessageDelivered", "MessageDropped", "TimerStarted", "TimerCancelled",
      "TimerFired", "RoleChanged", "TermChanged", "Voted", "VoteCounted", "LeaderHeard",
      "LogAppended", "LogTruncated", "CommitAdvanced", "ProgressUpdated", "ClientWrite",
      "WriteForwarded", "WriteAcked", "WriteFailed", "Crashed", "Restarted", "LinkCut",
      "LinkHealed", "Isolated", "Partitioned", "HealedAll", "TimeoutForced", "ConceptsChanged",
      "Finding", "SnapshotTaken"};
  static_assert(std::size(names) == kEventKindCount);
  return names[size_t(k)];
}

size_t snapshotKeys(const Journal& journal, const Entry* entries, size_t count) {
  // The state machine is a key-value store: "x=1" then "x=2" leave one key.
  std::vector<std::string> keys;
  for (size_t i = 0; i < count; ++i) {
    if (entries[i].write == 0 || entries[i].write >= journal.writes().size()) continue;
    const std::string& text = journal.writes()[entries[i].write].text;
    std::string key = text.substr(0, text.find('='));
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys.size();
}

std::string formatTime(Time us) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%06llds", (long long)(us / 1'000'000), (long long)(us % 1'000'000));
  return buf;
}

std::string EventFormatter::name(NodeId n) const {
  if (n == kNoNode) return "nobody";
  if (n < names_.size()) return names_[n];
  return "node" + std::to_string(int(n));
}

std::string EventFormatter::writeText(uint32_t write) const {
  if (write == 0) return "no-op";
  if (write >= journal_.writes().size()) return "write#" + std::to_string(write);
  return "\"" + journal_.writes()[write].text + "\"";
}

std::string EventFormatter::message(const Event& m) const {
  std::string s(messageName(m.msgType()));
  s += " term " + std::to_string(m.term);
  switch (m.msgType()) {
    case MsgType::VoteRequest:
      s += ", last entry " + std::to_string(m.a) + " (term " + std::to_string(m.b) + ")";
      break;
    case MsgType::VoteResponse: s += m.a ? ", granted" : ", refused"; break;
    case MsgType::LogRequest: {
      if (m.a) s += ", after " + std::to_string(m.a) + " (term " + std::to_string(m.b) + ")";
      s += ", " + std::to_string(m.e) + (m.e == 1 ? " entry" : " entries");
      if (m.c) s += ", commit " + std::to_string(m.c);
      if (m.e) {
        s += " [";
        const Entry* en = journal_.carriedEntries(m);
        uint32_t shown = m.e > 4 ? 4 : m.e;
        for (uint32_t i = 0; i < shown; ++i) {
          if (i) s += ' ';
          s += std::to_string(m.a + 1 + i) + ":" + writeText(en[i].write);
        }
        if (shown < m.e) s += " …";
        s += "]";
      }
      break;
    }
    case MsgType::LogResponse:
      s += m.a ? ", success, has " + std::to_string(m.b) : ", refused, has " + std::to_string(m.b);
      break;
    case MsgType::ClientWrite: s += ", " + writeText(m.a); break;
    case MsgType::InstallSnapshot: {
      size_t keys = snapshotKeys(journal_, journal_.carriedEntries(m), m.e);
      s += ", up to " + std::to_string(m.a) + " (term " + std::to_string(m.b) + "), " + std::to_string(keys) +
           (keys == 1 ? " key" : " keys") + " instead of " + std::to_string(m.e) + " entries";
      if (m.c) s += ", commit " + std::to_string(m.c);
      break;
    }
  }
  return s;
}

std::string EventFormatter::finding(const Event& e) const {
  const std::string idx = std::to_string(e.a);
  switch (e.findingKind()) {
    case FindingKind::TwoLeaders:
      if (e.term == 0) return "2 leaders at once: " + name(e.node) + " and " + name(e.peer);
      return "2 leaders in term " + std::to_string(e.term) + ": " + name(e.node) + " and " + name(e.peer);
    case FindingKind::LogDivergence:
      return "logs diverge at index " + idx + ": " + name(e.node) + " and " + name(e.peer) + " hold different entries";
    case FindingKind::AckedWriteLost:
      return "acknowledged write " + writeText(e.b) + " lost: no node holds it any more (last removed from " +
             name(e.node) + " at index " + idx + ")";
    case FindingKind::CommittedEntryLost:
      return "committed entry " + idx + " (term " + std::to_string(e.term) + ", " + writeText(e.b) +
             ") overwritten on " + name(e.node);
    case FindingKind::CommitMismatch:
      return name(e.node) + " committed a different entry at index " + idx + " (term " +
             std::to_string(e.term) + ", " + writeText(e.b) + ")";
    case FindingKind::WriteFailed:
      return "write " + writeText(e.b) + " failed on " + name(e.node);
    case FindingKind::WriteNeverAcked: {
      NodeId origin = e.b < journal_.writes().size() ? journal_.writes()[e.b].origin : kNoNode;
      return "write " + writeText(e.b) + " to " + name(origin) + " was never acknowledged";
    }
  }
  return "?";
}

std::string EventFormatter::text(const Event& e) const {
  const std::string n = name(e.node), p = name(e.peer);
  switch (e.kind) {
    case EventKind::MessageSent: {
      std::string s = n + " → " + p + ": " + message(e);
      if (e.flags & kFlagDuplicate) s += " (duplicate)";
      if (e.flags & kFlagLost) s += " (will be lost)";
      return s + ", arrives at " + formatTime(e.at_us());
    }
    case EventKind::MessageDelivered:
      return p + " → " + n + ": " + std::string(messageName(journal_[e.ref].msgType())) + " #" +
             std::to_string(e.ref) + " delivered";
    case EventKind::MessageDropped:
      return p + " → " + n + ": " + std::string(messageName(journal_[e.ref].msgType())) + " #" +
             std::to_string(e.ref) + " dropped (" + std::string(dropReasonText(e.dropReason())) + ")";
    case EventKind::TimerStarted:
      return n + ": " + std::string(timerName(e.timerKind())) + " timer started, " +
             std::to_string(e.dt_us / 1000) + "ms, ends at " + formatTime(e.at_us());
    case EventKind::TimerCancelled: return n + ": " + std::string(timerName(e.timerKind())) + " timer cancelled";
    case EventKind::TimerFired: return n + ": " + std::string(timerName(e.timerKind())) + " timer fired";
    case EventKind::RoleChanged:
      return n + " becomes " + std::string(roleName(e.role())) + " (term " + std::to_string(e.term) + ")";
    case EventKind::TermChanged: return n + ": term " + std::to_string(e.term);
    case EventKind::Voted:
      if (e.peer == kNoNode) return n + ": vote cleared";
      return n + " votes for " + p + " (term " + std::to_string(e.term) + ")";
    case EventKind::VoteCounted:
      return n + ": vote from " + p + ", " + std::to_string(e.a) + (e.a == 1 ? " vote" : " votes");
    case EventKind::LeaderHeard:
      if (e.peer == kNoNode) return n + ": knows no leader";
      return n + ": leader is " + p;
    case EventKind::LogAppended:
      return n + ": appends " + std::to_string(e.a) + " (term " + std::to_string(e.term) + ", " + writeText(e.b) + ")";
    case EventKind::LogTruncated: return n + ": log truncated to " + std::to_string(e.a);
    case EventKind::CommitAdvanced: return n + ": commits up to " + std::to_string(e.a);
    case EventKind::ProgressUpdated:
      return n + ": " + p + " next " + std::to_string(e.a) + ", match " + std::to_string(e.b);
    case EventKind::ClientWrite: return "client writes " + writeText(e.b) + " to " + n;
    case EventKind::WriteForwarded: return n + " forwards " + writeText(e.b) + " to " + p;
    case EventKind::WriteAcked:
      return n + " acknowledges " + writeText(e.b) + " at index " + std::to_string(e.a);
    case EventKind::WriteFailed:
      return "write " + writeText(e.b) + " fails on " + n + " (" + std::string(failReasonText(e.failReason())) + ")";
    case EventKind::Crashed: return n + " crashes";
    case EventKind::Restarted: return n + " restarts";
    case EventKind::LinkCut: return "link " + n + " - " + p + " cut";
    case EventKind::LinkHealed: return "link " + n + " - " + p + " healed";
    case EventKind::Isolated: return n + " isolated";
    case EventKind::Partitioned: {
      std::string s = "partition:";
      for (uint32_t g = 0; g < 8; ++g) {
        std::string group;
        for (size_t i = 0; i < names_.size(); ++i)
          if (partitionGroup(e, NodeId(i)) == g) group += (group.empty() ? " " : ", ") + names_[i];
        if (group.empty()) continue;
        if (s.size() > 10) s += " |";
        s += group;
      }
      return s;
    }
    case EventKind::HealedAll: return "network healed";
    case EventKind::TimeoutForced: return n + ": election timer forced to end";
    case EventKind::ConceptsChanged: return "concepts: " + describeConcepts(Concepts(e.a));
    case EventKind::Finding: return "CHECKER: " + finding(e);
    case EventKind::SnapshotTaken:
      return n + ": snapshot up to " + std::to_string(e.a) + " (term " + std::to_string(e.term) + ")";
  }
  return "?";
}

std::string EventFormatter::line(const Event& e, Seq seq) const {
  char head[48];
  std::snprintf(head, sizeof head, "%12s #%-6u ", formatTime(e.time_us).c_str(), seq);
  return head + text(e);
}

}  // namespace radeau

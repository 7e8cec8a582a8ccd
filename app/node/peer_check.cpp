#include "peer_check.h"

#include "core/validate.h"

namespace radeau::node {

namespace {
std::string n(uint64_t v) { return std::to_string(v); }
constexpr uint64_t kMaxLogIndex = 1u << 30;  // far beyond any live run; keeps index + count in 32 bits

// With these concepts on, an honest leader never contradicts a committed
// entry. With one off (a teaching configuration), overwriting committed
// entries is the very lesson, so it is not refused.
bool committedIsPermanent(Concepts c) {
  for (Concept k : {Concept::Persistence, Concept::Election, Concept::LogLengthVote, Concept::Terms,
                    Concept::StaleTermRejection, Concept::EntryTerms, Concept::Commit, Concept::CurrentTermCommit})
    if (!c.has(k)) return false;
  return true;
}

// First committed entry of `self` that `entries` (placed after index `prev`) contradict, or 0.
uint32_t contradictsCommitted(const NodeState& self, uint32_t prev, const std::vector<Entry>& entries) {
  for (size_t i = 0; i < entries.size(); ++i) {
    uint64_t index = uint64_t(prev) + 1 + i;
    if (index > self.commit || index > self.lastIndex()) break;
    if (self.log[index - 1].term != entries[i].term) return uint32_t(index);
  }
  return 0;
}
}  // namespace

std::string checkPeerMessage(const Event& m, const std::vector<Entry>& entries, const NodeState& self,
                             Concepts concepts, int node_count) {
  if (m.carriedCount() != entries.size())
    return "declares " + n(m.carriedCount()) + " entries, carries " + n(entries.size());
  // What any message must satisfy, in a recording as from a peer: core's rules.
  if (std::string why = validateMessage(m, entries.data(), node_count); !why.empty()) return why;
  // What only a live node checks: a peer speaks for itself, to another node,
  // in ranges its own state can hold, without contradicting what it committed.
  if (m.node == m.peer) return "sender " + n(m.node) + " is not a peer";
  if (m.term > kMaxTerm) return "term " + n(m.term) + " is out of range (at most " + n(kMaxTerm) + ")";
  const bool terms = concepts.has(Concept::Terms);
  for (size_t i = 0; i < entries.size(); ++i) {
    // A client write, or a configuration entry (rung 16) naming this cluster's nodes only.
    const uint32_t w = entries[i].write;
    if (isConfigWrite(w) && (configMembers(w) >> node_count) != 0)
      return "entry " + n(i + 1) + " is a configuration of nodes beyond the " + n(uint64_t(node_count)) + " of the cluster";
    if (w > kMaxWriteId && !isConfigWrite(w)) return "entry " + n(i + 1) + " names write id " + n(w) + ", out of range";
    if (terms && entries[i].term > m.term)
      return "entry " + n(i + 1) + " has term " + n(entries[i].term) + ", above the message's term " + n(m.term);
  }
  const bool guard_commit = committedIsPermanent(concepts);
  switch (m.msgType()) {
    case MsgType::VoteRequest:
    case MsgType::PreVoteRequest:
      if (terms && m.lastLogTerm() > m.term)
        return "last log term " + n(m.lastLogTerm()) + " above the candidate's term " + n(m.term);
      break;
    case MsgType::VoteResponse:
    case MsgType::PreVoteResponse:
      if (m.granted() > 1) return "vote answer " + n(m.granted()) + " is neither 0 nor 1";
      break;
    case MsgType::LogRequest:
      if (uint64_t(m.prevLogIndex()) + entries.size() > kMaxLogIndex)
        return "previous index " + n(m.prevLogIndex()) + " and " + n(entries.size()) +
               " entries run past the largest index";
      if (terms && m.prevLogTerm() > m.term)
        return "previous term " + n(m.prevLogTerm()) + " above the message's term " + n(m.term);
      if (guard_commit && concepts.has(Concept::IncrementalReplication)) {
        if (uint32_t i = contradictsCommitted(self, m.prevLogIndex(), entries))
          return "entry " + n(i) + " contradicts this node's committed entry " + n(i);
      }
      break;
    case MsgType::LogResponse:
      if (m.success() > 1) return "success flag " + n(m.success()) + " is neither 0 nor 1";
      // A follower cannot hold more of my log than I have.
      if (m.success() == 1 && self.role == Role::Leader && m.term == self.term && m.matchIndex() > self.lastIndex())
        return "claims to match index " + n(m.matchIndex()) + ", beyond this leader's log of " + n(self.lastIndex());
      break;
    case MsgType::ClientWrite:
      // Write ids are 1 + origin + kMaxNodes * k: the forwarder is the origin.
    {
      const uint32_t w = m.write();
      if (w == 0 || w > kMaxWriteId) return "write id " + n(w) + " is out of range (1.." + n(kMaxWriteId) + ")";
      if ((w - 1) % kMaxNodes != m.node)
        return "write id " + n(w) + " belongs to node " + n((w - 1) % kMaxNodes) + ", not to its sender";
      if (!entries.empty()) return "a forwarded write carries no entries";
      break;
    }
    case MsgType::InstallSnapshot: {
      // A live node's snapshot of index i carries exactly the i compacted
      // entries (core allows more: a recording's may carry the log beyond);
      // the last one's term is the snapshot's (validateMessage).
      const uint32_t index = m.snapshotIndex(), term = m.snapshotTerm();
      if (index == 0) return "snapshot of index 0";
      if (entries.size() != index) return "snapshot of index " + n(index) + " carries " + n(entries.size()) + " entries";
      if (terms && term > m.term) return "snapshot term " + n(term) + " above the message's term " + n(m.term);
      if (guard_commit) {
        if (uint32_t i = contradictsCommitted(self, 0, entries))
          return "snapshot entry " + n(i) + " contradicts this node's committed entry " + n(i);
      }
      break;
    }
  }
  return {};
}

}  // namespace radeau::node

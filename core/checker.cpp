#include "checker.h"

#include <algorithm>

namespace radeau {

void Checker::report(std::vector<Event>& out, FindingKind k, NodeId node, NodeId peer,
                     uint32_t term, uint32_t index, uint32_t write) {
  if (k == FindingKind::TwoLeaders || k == FindingKind::LogDivergence) {
    if (peer != kNoNode && peer < node) std::swap(node, peer);
  }
  Key key{uint8_t(k), node, peer, term, index};
  if (k == FindingKind::AckedWriteLost || k == FindingKind::WriteFailed ||
      k == FindingKind::WriteNeverAcked || k == FindingKind::AppliedTwice)
    key = Key{uint8_t(k), 0, 0, 0, write};
  if (!reported_.insert(key).second) return;
  out.push_back(make::finding(k, node, peer, term, index, write));
}

void Checker::checkTwoLeaders(const ClusterState& s, NodeId n, std::vector<Event>& out) {
  const NodeState& x = s.nodes[n];
  if (!x.alive || x.role != Role::Leader) return;
  if (s.concepts.has(Concept::Terms)) {
    auto [it, fresh] = leader_of_term_.emplace(x.term, n);
    if (!fresh && it->second != n) report(out, FindingKind::TwoLeaders, n, it->second, x.term, 0, 0);
    return;
  }
  // Without terms every leader is in term 0: two leaders that can talk to
  // each other (or to the same followers through the same network) at once.
  for (int m = 0; m < s.node_count; ++m) {
    const NodeState& y = s.nodes[m];
    if (m == n || !y.alive || y.role != Role::Leader || !s.linkUp(n, NodeId(m))) continue;
    report(out, FindingKind::TwoLeaders, n, NodeId(m), 0, 0, 0);
    return;
  }
}

void Checker::checkAllLeaderPairs(const ClusterState& s, std::vector<Event>& out) {
  if (s.concepts.has(Concept::Terms)) return;
  for (int n = 0; n < s.node_count; ++n) checkTwoLeaders(s, NodeId(n), out);
}

void Checker::before(const ClusterState& s, const Event& e, std::vector<Event>& out) {
  switch (e.kind) {
    case EventKind::LogTruncated: {
      const NodeState& x = s.nodes[e.node];
      for (size_t i = e.length(); i < x.log.size(); ++i) {
        const Entry& removed = x.log[i];
        uint32_t index = uint32_t(i + 1);
        if (i < committed_known_.size() && committed_known_[i] && committed_[i] == removed)
          report(out, FindingKind::CommittedEntryLost, e.node, kNoNode, removed.term, index,
                 removed.write);
        if (removed.write == 0 || removed.write >= holders_.size() || removed.write >= s.writes.size()) continue;
        if (--holders_[removed.write] == 0 && s.writes[removed.write] == WriteStatus::Acked)
          report(out, FindingKind::AckedWriteLost, e.node, kNoNode, removed.term, index, removed.write);
      }
      break;
    }
    case EventKind::CommitAdvanced: {
      const NodeState& x = s.nodes[e.node];
      if (committed_.size() < e.index()) {
        committed_.resize(e.index());
        committed_known_.resize(e.index(), 0);
      }
      for (uint32_t i = x.commit; i < e.index() && i < x.log.size(); ++i) {
        // The state machine applies each newly committed entry: one client
        // write applied a second time ("x+=1" twice) unless recognised.
        const uint32_t w = x.log[i].write;
        if (isClientWrite(w) && s.firstIndexOf(e.node, w, i) && !recognised_.erase({e.node, i + 1}))
          report(out, FindingKind::AppliedTwice, e.node, kNoNode, x.log[i].term, i + 1, w);
        if (!committed_known_[i]) {
          committed_known_[i] = 1;
          committed_[i] = x.log[i];
        } else if (!(committed_[i] == x.log[i])) {
          report(out, FindingKind::CommitMismatch, e.node, kNoNode, x.log[i].term, i + 1, x.log[i].write);
        }
      }
      // A recognition this commit did not reach covers nothing later.
      recognised_.erase(recognised_.lower_bound({e.node, 0}), recognised_.upper_bound({e.node, e.index()}));
      break;
    }
    default: break;
  }
}

namespace {
// The key a write sets: "x=1" and "x=2" both set x (as the snapshot counts keys).
std::string_view writeKey(const Journal& j, uint32_t w) {
  if (w == 0 || w >= j.writes().size()) return {};
  std::string_view text = j.writes()[w].text;
  return text.substr(0, text.find('='));
}
}  // namespace

void Checker::after(const Journal& j, const ClusterState& s, const Event& e, std::vector<Event>& out) {
  switch (e.kind) {
    case EventKind::RoleChanged:
      if (e.role() == Role::Leader) {
        checkTwoLeaders(s, e.node, out);
      } else {
        // A leader that stepped down can be part of a new "two leaders" later.
        // Only the two-leaders findings are looked at, and only without terms
        // (the only case that forgets one): every finding reported so far,
        // once per role change, made a long run quadratic (issue 19).
        if (s.concepts.has(Concept::Terms)) break;
        const uint8_t two = uint8_t(FindingKind::TwoLeaders);
        for (auto it = reported_.lower_bound(Key{two, 0, 0, 0, 0});
             it != reported_.end() && std::get<0>(*it) == two;) {
          const auto& [k, a, b, term, idx] = *it;
          bool mine = term == 0 && (a == e.node || b == e.node);
          it = mine ? reported_.erase(it) : std::next(it);
        }
      }
      break;
    case EventKind::LinkHealed:
    case EventKind::HealedAll:
    case EventKind::Restarted:
      checkAllLeaderPairs(s, out);
      break;
    case EventKind::LogAppended: {
      if (isClientWrite(e.write())) {
        if (holders_.size() <= e.write()) holders_.resize(e.write() + 1, 0);
        ++holders_[e.write()];
      }
      // Without commit every entry counts; with commit, diverging uncommitted
      // suffixes are normal Raft and only committed entries are compared.
      if (s.concepts.has(Concept::Commit)) break;
      // With entry terms, entries of different terms at one index are what
      // the conflict rule repairs (chapter 9); only the same term with
      // different content breaks the Log Matching property.
      const Entry mine{e.term, e.write()};
      const bool by_term = s.concepts.has(Concept::EntryTerms);
      for (int m = 0; m < s.node_count; ++m) {
        if (m == e.node) continue;
        const auto& log = s.nodes[m].log;
        if (log.size() >= e.index() && !(log[e.index() - 1] == mine) && (!by_term || log[e.index() - 1].term == e.term))
          report(out, FindingKind::LogDivergence, e.node, NodeId(m), 0, e.index(), 0);
      }
      break;
    }
    case EventKind::WriteFailed:
      report(out, FindingKind::WriteFailed, e.node, kNoNode, 0, 0, e.write());
      break;
    case EventKind::DuplicateRecognised: recognised_.insert({e.node, e.index()}); break;
    case EventKind::WriteAcked:
      acked_.push_back({s.applied - 1, e.index(), e.write()});
      break;
    case EventKind::ReadAnswered: {
      // Linearizability: a read that began after a write of its key was
      // acknowledged must see that write (or a later one), whoever answers.
      if (e.ref >= j.size() || j[e.ref].kind != EventKind::ClientRead) break;
      const std::string key = j[e.ref].readKey();
      const Acked* missed = nullptr;
      for (const Acked& a : acked_) {
        if (a.seq >= e.ref) break;
        if (a.index > e.index() && writeKey(j, a.write) == key && (!missed || a.index > missed->index)) missed = &a;
      }
      if (missed) report(out, FindingKind::StaleRead, e.node, kNoNode, e.term, missed->index, missed->write);
      break;
    }
    default: break;
  }
}

void Checker::finish(const ClusterState& s, std::vector<Event>& out) {
  for (uint32_t w = 1; w < s.writes.size(); ++w)
    if (s.writes[w] == WriteStatus::Pending) report(out, FindingKind::WriteNeverAcked, kNoNode, kNoNode, 0, 0, w);
}

}  // namespace radeau

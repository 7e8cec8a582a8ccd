// One RaftNode stepped alone, in the manner of etcd's raft_paper_test.go: the
// node is given one message or one timer, and the test reads what it
// recorded and what it sent (its outbox). One test per claim of sections
// 5.1-5.4 and Figure 2 of the Raft paper, under full Raft. No network, no
// clock, no other node runs: the peers are only the senders of the messages
// the test hands in.
#include <QtTest>
#include <optional>
#include <vector>

#include "core/raft_node.h"
#include "core/recorder.h"

using namespace radeau;

namespace {

// The world around one node: a journal, the cluster's fold, and an outbox.
class Host : public NodeHost {
 public:
  // The paper's Raft by default (sections 5.1-5.4): full Raft without rung
  // 13's pre-vote and check-quorum, which have tests of their own below.
  explicit Host(int nodes, std::vector<std::optional<InitialNodeState>> init = {},
                Concepts concepts = Concepts::full().without(Concept::PreVote).without(Concept::CheckQuorum)) {
    config_.names = defaultNames(nodes);
    config_.concepts = concepts;
    config_.init = std::move(init);
    config_.init.resize(size_t(nodes));
    state_ = ClusterState::initial(config_);
    for (const std::string& text : initWriteTexts(config_)) journal_.addWrite({text, kNoNode, 0});
    for (int i = 0; i < nodes; ++i)
      if (const auto& s = config_.init[size_t(i)]) {
        std::vector<Entry> log;
        for (uint32_t t : s->log_terms) log.push_back({t, 0});
        RaftNode(NodeId(i), *this).restore(s->term, s->voted_for, log);
      }
  }
  const ClusterConfig& config() const override { return config_; }
  const ClusterState& state() const override { return state_; }
  const Journal& journal() const override { return journal_; }
  Seq record(Event e) override {
    e.time_us = state_.now_us;
    return recorder_.record(journal_, state_, e);
  }
  uint32_t carry(const Entry* entries, uint32_t count) override { return journal_.appendCarried(entries, count); }
  Seq send(Event m) override {
    const Seq seq = record(m);
    outbox_.push_back(journal_[seq]);
    return seq;
  }

  // A message from `from` to `to`, as its sender would have sent it.
  // `m` is a make:: message; a logRequest or snapshot carries `entries`.
  Event message(NodeId from, NodeId to, uint32_t term, Event m, const std::vector<Entry>& entries = {}) {
    m.node = from;
    m.peer = to;
    m.term = term;
    if (carriesEntries(m)) m.setCarried(carry(entries.data(), uint32_t(entries.size())), uint32_t(entries.size()));
    return m;
  }
  // Hands `m` to its addressee, as the network would: recorded delivered, then stepped.
  void deliver(const Event& m) {
    record(Event{.kind = EventKind::MessageDelivered, .node = m.peer, .peer = m.node});
    RaftNode(m.peer, *this).receive(m);
  }
  // The same, with its MessageSent recorded first, as a run has it: rules
  // that read who answered from the journal (pre-vote, check-quorum) see it.
  void deliverSent(Event m) {
    const Seq sent = record(m);
    record(Event{.ref = sent, .kind = EventKind::MessageDelivered, .node = m.peer, .peer = m.node});
    RaftNode(m.peer, *this).receive(m);
  }
  // A client writes `text` to node n.
  void write(NodeId n, const std::string& text) {
    const uint32_t w = journal_.addWrite({text, n, state_.now_us});
    record(make::clientWrite(n, w));
    RaftNode(n, *this).clientWrite(w);
  }
  void fire(NodeId n, TimerKind k) { RaftNode(n, *this).timerFired(k); }
  void replicateNow(NodeId n) { RaftNode(n, *this).replicateNow(); }
  // What `n` sent since the last take, and forget it.
  std::vector<Event> take() { return std::exchange(outbox_, {}); }
  // Events `n` recorded of `kind` since `from`.
  std::vector<Event> recorded(NodeId n, EventKind kind, Seq from = 0) const {
    std::vector<Event> out;
    for (Seq i = from; i < journal_.size(); ++i)
      if (journal_[i].kind == kind && journal_[i].node == n) out.push_back(journal_[i]);
    return out;
  }
  Seq mark() const { return Seq(journal_.size()); }
  const NodeState& node(NodeId n) const { return state_.nodes[n]; }
  const Entry* carried(const Event& m) const { return journal_.carriedEntries(m); }

 private:
  ClusterConfig config_;
  Journal journal_;
  ClusterState state_;
  Recorder recorder_;
  std::vector<Event> outbox_;
};

std::optional<InitialNodeState> at(uint32_t term, std::vector<uint32_t> log = {}, NodeId voted = kNoNode) {
  InitialNodeState s;
  s.term = term;
  s.log_terms = std::move(log);
  s.voted_for = voted;
  return s;
}

// Node 0 made leader of its term by winning an election with `voters`' votes.
void elect(Host& h, int voters) {
  h.fire(0, TimerKind::Election);
  const uint32_t term = h.node(0).term;
  h.take();
  for (int v = 1; v <= voters; ++v) h.deliver(h.message(NodeId(v), 0, term, make::voteResponse(true)));
  QCOMPARE(h.node(0).role, Role::Leader);
  h.take();
}

}  // namespace

class TestRaftNode : public QObject {
  Q_OBJECT
 private slots:
  // §5.1: a request with a stale term is rejected.
  void staleTermVoteRequestRefused() {
    Host h(3, {at(3)});
    h.deliver(h.message(1, 0, 2, make::voteRequest(0, 0)));
    const auto out = h.take();
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(out[0].msgType(), MsgType::VoteResponse);
    QCOMPARE(out[0].peer, NodeId(1));
    QCOMPARE(out[0].granted(), 0u);      // refused
    QCOMPARE(out[0].term, 3u);   // and the voter's term tells the candidate why
    QCOMPARE(h.node(0).voted_for, kNoNode);
  }
  void staleTermLogRequestRefused() {
    Host h(3, {at(3, {1})});
    h.deliver(h.message(1, 0, 2, make::logRequest(1, 1, 0, 0, 0), {{2, 0}}));
    const auto out = h.take();
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(out[0].msgType(), MsgType::LogResponse);
    QCOMPARE(out[0].success(), 0u);
    QCOMPARE(h.node(0).lastIndex(), 1u);  // the stale leader's entry was not taken
  }

  // §5.1: a server that sees a larger term takes it; a leader or candidate steps down.
  void largerTermAdopted() {
    Host h(3, {at(1)});
    const Seq from = h.mark();
    h.deliver(h.message(1, 0, 3, make::logRequest(0, 0, 0, 0, 0)));
    QCOMPARE(h.node(0).term, 3u);
    QCOMPARE(h.recorded(0, EventKind::TermChanged, from).size(), size_t(1));
    const auto out = h.take();
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(out[0].success(), 1u);
    QCOMPARE(out[0].term, 3u);
  }
  void leaderStepsDownOnLargerTerm() {
    Host h(3, {at(1)});
    elect(h, 1);
    QCOMPARE(h.node(0).term, 2u);
    h.deliver(h.message(2, 0, 5, make::logResponse(false, 0)));
    QCOMPARE(h.node(0).role, Role::Follower);
    QCOMPARE(h.node(0).term, 5u);
    QVERIFY(!h.node(0).heartbeat.running());  // a follower sends no heartbeats
  }

  // §5.2: an election timeout makes a candidate of the next term, voting for
  // itself, asking every other server in parallel with its last entry.
  void electionTimeoutStartsCandidacy() {
    Host h(5, {at(4, {1, 4})});
    h.fire(0, TimerKind::Election);
    const NodeState& x = h.node(0);
    QCOMPARE(x.role, Role::Candidate);
    QCOMPARE(x.term, 5u);
    QCOMPARE(x.voted_for, NodeId(0));
    QVERIFY(x.election.running());  // a new timeout for a split vote
    const auto out = h.take();
    QCOMPARE(out.size(), size_t(4));
    std::vector<NodeId> to;
    for (const Event& m : out) {
      QCOMPARE(m.msgType(), MsgType::VoteRequest);
      QCOMPARE(m.term, 5u);
      QCOMPARE(m.lastLogIndex(), 2u);
      QCOMPARE(m.lastLogTerm(), 4u);
      to.push_back(m.peer);
    }
    QCOMPARE(to, (std::vector<NodeId>{1, 2, 3, 4}));
  }

  // §5.2: at most one vote per term, first come first served.
  void oneVotePerTerm() {
    Host h(3, {at(1)});
    h.deliver(h.message(1, 0, 2, make::voteRequest(0, 0)));
    QCOMPARE(h.take().at(0).granted(), 1u);
    QCOMPARE(h.node(0).voted_for, NodeId(1));
    h.deliver(h.message(2, 0, 2, make::voteRequest(0, 0)));
    QCOMPARE(h.take().at(0).granted(), 0u);
    QCOMPARE(h.node(0).voted_for, NodeId(1));
    h.deliver(h.message(1, 0, 2, make::voteRequest(0, 0)));  // the same candidate asking again
    QCOMPARE(h.take().at(0).granted(), 1u);
  }

  // §5.2: a majority of votes (its own counted) makes a leader, which at once
  // tells every other server (an empty logRequest, after its no-op entry).
  void majorityElects() {
    Host h(5);
    h.fire(0, TimerKind::Election);
    const uint32_t term = h.node(0).term;
    h.take();
    h.deliver(h.message(1, 0, term, make::voteResponse(true)));
    QCOMPARE(h.node(0).role, Role::Candidate);  // 2 of 5
    h.deliver(h.message(1, 0, term, make::voteResponse(true)));
    QCOMPARE(h.node(0).role, Role::Candidate);  // the same voter twice still counts once
    h.deliver(h.message(2, 0, term, make::voteResponse(false)));
    QCOMPARE(h.node(0).role, Role::Candidate);  // a refusal is no vote
    h.deliver(h.message(3, 0, term, make::voteResponse(true)));
    QCOMPARE(h.node(0).role, Role::Leader);  // 3 of 5
    const auto out = h.take();
    QCOMPARE(out.size(), size_t(4));
    for (const Event& m : out) QCOMPARE(m.msgType(), MsgType::LogRequest);
    QVERIFY(h.node(0).heartbeat.running());
  }

  // §5.2: a candidate that hears a leader of its own term (or newer) follows it.
  void candidateFollowsLegitimateLeader() {
    Host h(3, {at(2)});
    h.fire(0, TimerKind::Election);
    QCOMPARE(h.node(0).term, 3u);
    h.take();
    h.deliver(h.message(1, 0, 3, make::logRequest(0, 0, 0, 0, 0)));
    QCOMPARE(h.node(0).role, Role::Follower);
    QCOMPARE(h.node(0).leader, NodeId(1));
    QCOMPARE(h.take().at(0).success(), 1u);
  }

  // §5.4.1: a vote only for a candidate whose log is at least as up to date
  // (last term first, then length).
  void electionRestriction() {
    Host h(3, {at(2, {1, 2})});
    h.deliver(h.message(1, 0, 3, make::voteRequest(5, 1)));  // longer, older last term
    QCOMPARE(h.take().at(0).granted(), 0u);
    h.deliver(h.message(1, 0, 3, make::voteRequest(1, 2)));  // same last term, shorter
    QCOMPARE(h.take().at(0).granted(), 0u);
    h.deliver(h.message(2, 0, 3, make::voteRequest(2, 2)));  // as up to date
    QCOMPARE(h.take().at(0).granted(), 1u);
  }

  // §5.3: the consistency check: no entry at prevLogIndex with prevLogTerm, no append.
  void consistencyCheckRefuses() {
    Host h(3, {at(2, {1})});
    h.deliver(h.message(1, 0, 2, make::logRequest(2, 2, 0, 0, 0), {{2, 0}}));
    auto out = h.take();
    QCOMPARE(out.at(0).success(), 0u);
    QCOMPARE(out.at(0).matchIndex(), 1u);  // where the leader may try again from
    QCOMPARE(h.node(0).lastIndex(), 1u);
    h.deliver(h.message(1, 0, 2, make::logRequest(1, 2, 0, 0, 0), {{2, 0}}));  // index 1 has term 1, not 2
    QCOMPARE(h.take().at(0).success(), 0u);
    QCOMPARE(h.node(0).lastIndex(), 1u);
  }

  // §5.3: a conflicting entry and all that follow it are deleted; the new ones appended.
  void conflictingSuffixReplaced() {
    Host h(3, {at(3, {1, 2, 2})});
    h.deliver(h.message(1, 0, 3, make::logRequest(1, 1, 0, 0, 0), {{3, 0}}));
    const auto out = h.take();
    QCOMPARE(out.at(0).success(), 1u);
    QCOMPARE(out.at(0).matchIndex(), 2u);  // matches up to index 2
    const NodeState& x = h.node(0);
    QCOMPARE(x.lastIndex(), 2u);
    QCOMPARE(x.log[0].term, 1u);
    QCOMPARE(x.log[1].term, 3u);
  }
  // ...but entries already there with the same term are kept (a late, shorter request does not shorten the log).
  void matchingEntriesKept() {
    Host h(3, {at(2, {1, 2, 2})});
    h.deliver(h.message(1, 0, 2, make::logRequest(0, 0, 0, 0, 0), {{1, 0}}));
    QCOMPARE(h.take().at(0).success(), 1u);
    QCOMPARE(h.node(0).lastIndex(), 3u);
  }

  // Figure 2: a follower's commit index becomes min(leaderCommit, index of its last new entry).
  void followerCommitFollowsLeader() {
    Host h(3, {at(2, {1, 1, 1})});
    h.deliver(h.message(1, 0, 2, make::logRequest(1, 1, 5, 0, 0), {{1, 0}}));
    QCOMPARE(h.node(0).commit, 2u);  // not 5: only what this request vouched for
  }

  // §5.4.2: a leader does not commit an older term's entry by counting
  // replicas; an entry of its own term, once on a majority, commits it and all before.
  void onlyCurrentTermCommitsByCount() {
    Host h(3, {at(2, {2})});
    elect(h, 1);  // term 3, a no-op at index 2
    const uint32_t term = h.node(0).term;
    QCOMPARE(h.node(0).lastIndex(), 2u);
    h.deliver(h.message(1, 0, term, make::logResponse(true, 1)));  // has index 1 (term 2)
    QCOMPARE(h.node(0).commit, 0u);
    h.deliver(h.message(1, 0, term, make::logResponse(true, 2)));  // has the no-op
    QCOMPARE(h.node(0).commit, 2u);
  }

  // §5.3: a leader's heartbeat carries what each follower misses (from its
  // next index) and backs off by one entry when refused.
  void leaderSendsWhatFollowerMisses() {
    Host h(3, {at(1, {1, 1})});
    elect(h, 1);  // term 2, no-op at index 3
    const uint32_t term = h.node(0).term;
    h.deliver(h.message(1, 0, term, make::logResponse(false, 0)));  // refused: its log is empty
    h.fire(0, TimerKind::Heartbeat);
    bool seen = false;
    for (const Event& m : h.take())
      if (m.peer == 1) {
        seen = true;
        QCOMPARE(m.msgType(), MsgType::LogRequest);
        QCOMPARE(m.prevLogIndex(), 0u);  // from the start
        QCOMPARE(m.carriedCount(), 3u);  // all three entries
        QCOMPARE(h.carried(m)[2].term, term);
      }
    QVERIFY(seen);
  }

  // Live nodes: a leader sends a new entry at once (replicateNow), only to the
  // followers that miss something, and a follower sends nothing.
  void replicateNowSendsOnlyWhatIsMissing() {
    Host h(3, {at(1)});
    elect(h, 1);  // term 2, no-op at index 1
    const uint32_t term = h.node(0).term;
    h.deliver(h.message(1, 0, term, make::logResponse(true, 1)));  // node 1 has the no-op
    h.deliver(h.message(2, 0, term, make::logResponse(true, 1)));  // so has node 2
    h.take();
    h.replicateNow(0);
    QVERIFY(h.take().empty());  // nobody misses anything: no message
    h.write(0, "x=1");
    QVERIFY(h.take().empty());  // appended, not sent: the heartbeat or replicateNow sends it
    h.replicateNow(0);
    const auto out = h.take();
    QCOMPARE(out.size(), size_t(2));
    for (const Event& m : out) {
      QCOMPARE(m.msgType(), MsgType::LogRequest);
      QCOMPARE(m.prevLogIndex(), 1u);
      QCOMPARE(m.carriedCount(), 1u);
      QCOMPARE(h.carried(m)[0].term, term);
    }
    h.replicateNow(1);  // a follower
    QVERIFY(h.take().empty());
  }

  // Rung 13, pre-vote: a timeout asks "could I win term+1?" and changes
  // nobody's term nor vote, its own included.
  void preVoteTimeoutKeepsTermAndVote() {
    Host h(3, {at(2, {2})}, Concepts::full());
    h.fire(0, TimerKind::Election);
    QCOMPARE(h.node(0).role, Role::Candidate);
    QCOMPARE(h.node(0).term, 2u);
    QCOMPARE(h.node(0).voted_for, kNoNode);
    QVERIFY(h.node(0).pre_candidate);
    QCOMPARE(h.node(0).yesCount(), 1);  // its own yes, without a vote
    QVERIFY(h.node(0).election.running());
    const auto out = h.take();
    QCOMPARE(out.size(), size_t(2));
    for (const Event& m : out) {
      QCOMPARE(m.msgType(), MsgType::PreVoteRequest);
      QCOMPARE(m.term, 3u);  // the term it would take
      QCOMPARE(m.lastLogIndex(), 1u);
      QCOMPARE(m.lastLogTerm(), 2u);
    }
  }
  // A majority of yes (its own and one more of three) starts the real election.
  void preVoteMajorityStartsElection() {
    Host h(3, {at(2)}, Concepts::full());
    h.fire(0, TimerKind::Election);
    h.take();
    h.deliverSent(h.message(1, 0, 3, make::preVoteResponse(true)));
    QCOMPARE(h.node(0).term, 3u);
    QCOMPARE(h.node(0).voted_for, NodeId(0));
    QVERIFY(!h.node(0).pre_candidate);
    QCOMPARE(h.node(0).yesCount(), 1);  // a new count: its own vote in the new term
    const auto out = h.take();
    QCOMPARE(out.size(), size_t(2));
    for (const Event& m : out) {
      QCOMPARE(m.msgType(), MsgType::VoteRequest);
      QCOMPARE(m.term, 3u);
    }
  }
  // A node that still hears its leader says no, and its term does not move;
  // one that knows no leader says yes, still without taking the term.
  void preVoteRefusedWhileLeaderHeard() {
    Host h(3, {at(1), at(1)}, Concepts::full());
    h.deliver(h.message(2, 0, 1, make::logRequest(0, 0, 0, 0, 0)));  // node 2 leads term 1
    h.take();
    h.deliver(h.message(1, 0, 2, make::preVoteRequest(0, 0)));
    auto out = h.take();
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(out[0].msgType(), MsgType::PreVoteResponse);
    QCOMPARE(out[0].granted(), 0u);
    QCOMPARE(out[0].term, 1u);
    QCOMPARE(h.node(0).term, 1u);
    QCOMPARE(h.node(0).leader, NodeId(2));

    h.deliver(h.message(0, 1, 2, make::preVoteRequest(0, 0)));  // node 1 heard no leader
    out = h.take();
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(out[0].granted(), 1u);
    QCOMPARE(out[0].term, 2u);  // the request's term: a yes for that term
    QCOMPARE(h.node(1).term, 1u);
    QCOMPARE(h.node(1).voted_for, kNoNode);
  }
  // A refused pre-vote of a higher term makes the pre-candidate follow that term.
  void preVoteRefusalCarriesHigherTerm() {
    Host h(3, {at(1)}, Concepts::full());
    h.fire(0, TimerKind::Election);
    h.take();
    h.deliverSent(h.message(1, 0, 4, make::preVoteResponse(false)));
    QCOMPARE(h.node(0).term, 4u);
    QCOMPARE(h.node(0).role, Role::Follower);
    QVERIFY(h.take().empty());
  }

  // Rung 13, check-quorum: a leader that heard no majority during an election
  // timeout steps down and forgets it led; a client is then told no leader is
  // known instead of waiting.
  void checkQuorumStepsDownWithoutMajority() {
    Host h(3, {at(1)}, Concepts::full().without(Concept::PreVote));
    elect(h, 1);
    QVERIFY(h.node(0).election.running());  // the leader's check-quorum timer
    h.fire(0, TimerKind::Election);
    QCOMPARE(h.node(0).role, Role::Follower);
    QCOMPARE(h.node(0).term, 2u);
    QCOMPARE(h.node(0).leader, kNoNode);
    QVERIFY(!h.node(0).heartbeat.running());
    QVERIFY(h.node(0).election.running());  // a follower's own timer now
    h.write(0, "x=1");
    const auto failed = h.recorded(0, EventKind::WriteFailed);
    QCOMPARE(failed.size(), size_t(1));
    QCOMPARE(failed[0].failReason(), FailReason::NoLeader);
    QCOMPARE(h.node(0).lastIndex(), 1u);  // only the no-op: the write was not taken
  }
  void checkQuorumStaysWithMajority() {
    Host h(3, {at(1)}, Concepts::full().without(Concept::PreVote));
    elect(h, 1);
    h.deliverSent(h.message(1, 0, 2, make::logResponse(true, 1)));
    h.take();
    h.fire(0, TimerKind::Election);
    QCOMPARE(h.node(0).role, Role::Leader);
    QVERIFY(h.node(0).election.running());  // the next check
    // An answer from before that check does not count for the next one.
    h.fire(0, TimerKind::Election);
    QCOMPARE(h.node(0).role, Role::Follower);
  }
  // Without the flag a leader has no election timer: a cut-off leader stays.
  void withoutCheckQuorumLeaderKeepsNoTimer() {
    Host h(3, {at(1)});
    elect(h, 1);
    QVERIFY(!h.node(0).election.running());
  }
};

QTEST_GUILESS_MAIN(TestRaftNode)
#include "test_raft_node.moc"

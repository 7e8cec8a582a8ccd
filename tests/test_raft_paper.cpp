// One test per claim of sections 5.1 to 5.4 of the Raft paper ("In Search of
// an Understandable Consensus Algorithm", Ongaro & Ousterhout), in the spirit
// of etcd-io/raft's raft_paper_test.go: each test sets a cluster up with a
// scenario script, acts (forced election timeouts, writes, faults), and checks
// the journal (events, messages) and the folded state (roles, terms, logs).
//
// Most scripts use "quiet" timing: election timeouts of 10 to 20 s, so no
// node times out on its own during the test and every election is one the
// test forces with `timeout NODE`; latency is a fixed 10 ms, so message order
// is fixed by the script alone.
#include <QtTest>

#include <algorithm>
#include <set>

#include "support/cluster.h"

using namespace radeau;
using namespace radeau::test;

namespace {

constexpr const char* kQuiet = "timing election 10s..20s heartbeat 50ms latency 10ms\n";
constexpr const char* kPaperRaft = "concepts full -pre-vote -check-quorum\n";

QString qs(const std::string& s) { return QString::fromStdString(s); }

// The paper's Raft unless a test names its rules: rung 13's pre-vote and
// check-quorum (tests in test_raft_node and test_ladder) are not in sections 5.1-5.4.
std::string script(std::initializer_list<std::string_view> lines) {
  std::string s;
  bool concepts = false;
  for (std::string_view l : lines) {
    concepts |= l.substr(0, 9) == "concepts ";
    s += l;
    s += '\n';
  }
  return concepts ? s : kPaperRaft + s;
}

// The message a delivery event refers to.
Event deliveredMessage(const Journal& j, const Event& delivered) { return j[delivered.ref]; }

// Last MessageDelivered to `node` strictly before `before`.
Seq lastDeliveryTo(const Journal& j, NodeId node, Seq before) {
  for (Seq i = before; i-- > 0;)
    if (j[i].kind == EventKind::MessageDelivered && j[i].node == node) return i;
  return kNoSeq;
}

// The response `from` sent to `to` for the request delivered at `delivered`:
// the first message of `type` from `from` to `to` after it.
Seq responseAfter(const Journal& j, MsgType type, NodeId from, NodeId to, Seq delivered) {
  return firstEvent(j, sentMessage(type, from, to), delivered);
}

}  // namespace

// Parses a script into a Cluster named `var`, failing the test on a script error.
#define CLUSTER(var, text)                                                   \
  std::string var##_error;                                                   \
  auto var##_opt = makeCluster((text), var##_error);                         \
  QVERIFY2(var##_opt.has_value(), var##_error.c_str());                      \
  Cluster& var = *var##_opt

// QVERIFY with the cluster's state in the message.
#define CHECK(cond, c) QVERIFY2((cond), (std::string(#cond) + "\n" + (c).describe() + (c).findings()).c_str())

class TestRaftPaper : public QObject {
  Q_OBJECT

 private slots:
  // 5.1 terms
  void higherTermMakesAnyNodeFollower_data();
  void higherTermMakesAnyNodeFollower();
  void staleTermRequestIsRejected();
  // 5.2 leader election
  void serversStartAsFollowers();
  void followerThatHearsNothingStartsElection();
  void candidateWithoutWinnerStartsNewElection();
  void electionInOneRound_data();
  void electionInOneRound();
  void candidateRefusedByMajorityStaysCandidate();
  void followerVote_data();
  void followerVote();
  void atMostOneVotePerTermFirstComeFirstServed();
  void candidateStepsDownForLeaderOfItsTerm();
  void leaderHeartbeatsKeepFollowers();
  void electionTimeoutsAreRandomized();
  void randomizedTimeoutsResolveSplitVotes();
  // 5.3 log replication
  void leaderAppendsClientWriteAndReplicatesIt();
  void followerForwardsWriteToLeader();
  void entryCommittedOnceOnMajority_data();
  void entryCommittedOnceOnMajority();
  void leaderCommitReachesFollowers();
  void leaderCommitsPrecedingEntries();
  void followerRejectsMismatchAndLeaderBacksOff();
  void leaderRepairsFollowerLogsFigure7();
  void reorderedLogRequestsNeverTruncateMatchingEntries();
  // 5.4 safety
  void voteRequestCarriesLastEntry();
  void electionRestriction_data();
  void electionRestriction();
  void leaderCountsReplicasOnlyForCurrentTerm_data();
  void leaderCountsReplicasOnlyForCurrentTerm();
  void figure8_data();
  void figure8();
  void leaderAppendsNoopOfItsTerm_data();
  void leaderAppendsNoopOfItsTerm();
  // Figure 2: persistent state
  void persistentStateSurvivesRestart_data();
  void persistentStateSurvivesRestart();
};

// ---------------------------------------------------------------------------
// 5.1: "If one server's current term is smaller than the other's, then it
// updates its current term to the larger value. If a candidate or leader
// discovers that its term is out of date, it immediately reverts to follower."

void TestRaftPaper::higherTermMakesAnyNodeFollower_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<int>("role");  // Jean-Pierre's role just before the higher term reaches it
  QTest::addColumn<int>("oldTerm");
  QTest::addColumn<int>("newTerm");
  // Michel starts at term 5: his voteRequest (term 6) reaches a follower at term 0.
  QTest::newRow("follower") << qs(script({"nodes 3", kQuiet, "init Michel term 5", "at 1s timeout Michel",
                                          "until 2s"}))
                            << int(Role::Follower) << 0 << 6;
  // Jean-Pierre, isolated, is a candidate of term 1 when Michel's term-6 voteRequest arrives.
  QTest::newRow("candidate") << qs(script({"nodes 3", kQuiet, "init Michel term 5", "at 0.5s isolate Jean-Pierre",
                                           "at 0.6s timeout Jean-Pierre", "at 0.8s heal",
                                           "at 1s timeout Michel", "until 2s"}))
                             << int(Role::Candidate) << 1 << 6;
  // Jean-Pierre leads term 1; isolated, the others elect Michel in term 2; healed, he hears term 2.
  QTest::newRow("leader") << qs(script({"nodes 3", kQuiet, "at 0.5s timeout Jean-Pierre",
                                        "at 0.8s isolate Jean-Pierre", "at 0.9s timeout Michel",
                                        "at 1s heal", "until 2s"}))
                          << int(Role::Leader) << 1 << 2;
}

void TestRaftPaper::higherTermMakesAnyNodeFollower() {
  QFETCH(QString, text);
  QFETCH(int, role);
  QFETCH(int, oldTerm);
  QFETCH(int, newTerm);
  // Set up: Jean-Pierre in `role` at `oldTerm`, just before the higher term arrives.
  CLUSTER(c, text.toStdString());
  const NodeId jp = c.id("Jean-Pierre");
  // Everything up to the action that sends the higher term (the last one).
  c.runUntil(c.scenario.actions.back().time_us - 1);
  CHECK(int(c.node("Jean-Pierre").role) == role, c);
  CHECK(int(c.node("Jean-Pierre").term) == oldTerm, c);
  // Act: run one occurrence at a time until Jean-Pierre's term changes.
  const Seq mark = Seq(c.journal().size());
  while (firstEvent(c.journal(), kindOn(EventKind::TermChanged, jp), mark) == kNoSeq)
    QVERIFY2(c.sim->step(c.scenario.until_us), "Jean-Pierre never saw a higher term");
  // Check: the change came from a delivered message of the higher term, and
  // once that message is handled Jean-Pierre is a follower of that term.
  const Seq changed = firstEvent(c.journal(), kindOn(EventKind::TermChanged, jp), mark);
  QCOMPARE(int(c.journal()[changed].term), newTerm);
  const Seq delivery = lastDeliveryTo(c.journal(), jp, changed);
  QVERIFY(delivery != kNoSeq && delivery >= mark);
  QCOMPARE(int(deliveredMessage(c.journal(), c.journal()[delivery]).term), newTerm);
  const NodeState& x = c.node("Jean-Pierre");
  QCOMPARE(x.role, Role::Follower);
  QCOMPARE(int(x.term), newTerm);
  if (Role(role) != Role::Follower) {
    const Seq stepped = firstEvent(c.journal(), roleChange(jp, Role::Follower), changed);
    QVERIFY(stepped != kNoSeq);
    QCOMPARE(int(c.journal()[stepped].term), newTerm);
    QCOMPARE(x.heartbeat.running(), false);
  }
  // The vote of the old term does not carry over into the new one.
  const Seq voted = firstEvent(c.journal(), kindOn(EventKind::Voted, jp), changed);
  if (voted != kNoSeq) QVERIFY(c.journal()[voted].peer != jp);
}

// 5.1: "If a server receives a request with a stale term number, it rejects the request."
void TestRaftPaper::staleTermRequestIsRejected() {
  // Set up: Michel leads term 1, is isolated, takes a write on his own; the
  // others elect Jean-Pierre in term 2. Then only the Michel-Sophie link heals.
  CLUSTER(c, script({"nodes 3", kQuiet, "at 0.1s timeout Michel", "at 1s isolate Michel",
                     "at 1.1s write Michel \"stale\"", "at 1.2s timeout Jean-Pierre",
                     "at 1.5s heal Michel Sophie", "until 2s"}));
  const NodeId michel = c.id("Michel"), sophie = c.id("Sophie");
  c.runUntil(1'499'999);
  CHECK(c.node("Michel").role == Role::Leader && c.node("Michel").term == 1, c);
  CHECK(c.node("Jean-Pierre").role == Role::Leader && c.node("Jean-Pierre").term == 2, c);
  const std::vector<Entry> sophie_log = c.node("Sophie").log;
  const Seq mark = Seq(c.journal().size());
  // Act.
  c.run();
  // Check: Michel's term-1 logRequest reached Sophie (term 2) ...
  const Journal& j = c.journal();
  Seq stale = kNoSeq;
  for (Seq s : findEvents(j, kindOn(EventKind::MessageDelivered, sophie), mark)) {
    const Event& m = deliveredMessage(j, j[s]);
    if (m.node == michel && m.msgType() == MsgType::LogRequest && m.term == 1) {
      stale = s;
      break;
    }
  }
  QVERIFY2(stale != kNoSeq, c.transcript(mark).c_str());
  // ... and she refused it with her term, without touching her log or her timer.
  const Seq answer = responseAfter(j, MsgType::LogResponse, sophie, michel, stale);
  QVERIFY(answer != kNoSeq);
  QCOMPARE(j[answer].success(), 0u);
  QCOMPARE(j[answer].term, 2u);
  for (Seq s = stale + 1; s < answer; ++s) {
    QVERIFY2(j[s].node != sophie || (j[s].kind != EventKind::LogAppended && j[s].kind != EventKind::LogTruncated &&
                                     j[s].kind != EventKind::TimerStarted && j[s].kind != EventKind::LeaderHeard),
             c.transcript(stale, answer + 1).c_str());
  }
  CHECK(c.node("Sophie").leader == c.id("Jean-Pierre"), c);
  // The stale write never reached Sophie; Michel, told term 2, stepped down.
  const uint32_t stale_write = 1;
  QCOMPARE(qs(j.writes()[stale_write].text), QString("stale"));
  for (Seq s : findEvents(j, kindOn(EventKind::LogAppended, sophie))) QVERIFY(j[s].write() != stale_write);
  QVERIFY(sophie_log.size() <= c.node("Sophie").log.size());
  CHECK(c.node("Michel").role == Role::Follower && c.node("Michel").term == 2, c);
  CHECK(liveLeaders(c.state()) == std::vector<NodeId>{c.id("Jean-Pierre")}, c);
}

// ---------------------------------------------------------------------------
// 5.2: "When servers start up, they begin as followers."
void TestRaftPaper::serversStartAsFollowers() {
  CLUSTER(c, script({"nodes 5", "timing election 150ms..300ms heartbeat 50ms latency 10ms",
                     "at 100ms timeout Michel", "at 1s crash Michel", "at 1.2s restart Michel", "until 1.2s"}));
  // Check at time 0: every node a follower of term 0 with a running election timer.
  for (int i = 0; i < 5; ++i) {
    const NodeState& n = c.state().nodes[size_t(i)];
    QVERIFY(n.alive);
    QCOMPARE(n.role, Role::Follower);
    QCOMPARE(n.term, 0u);
    QCOMPARE(n.voted_for, kNoNode);
    QVERIFY(n.log.empty());
    QVERIFY(n.election.running());
    QVERIFY(n.election.deadline_us >= 150'000 && n.election.deadline_us <= 300'000);
  }
  QCOMPARE(countEvents(c.journal(), kindIs(EventKind::RoleChanged)), size_t(0));
  // A server that restarts begins as a follower too, even if it led before.
  c.runUntil(999'999);
  CHECK(c.node("Michel").role == Role::Leader, c);
  c.run();
  const NodeState& m = c.node("Michel");
  CHECK(m.alive && m.role == Role::Follower && m.election.running() && !m.heartbeat.running(), c);
}

// 5.2: "If a follower receives no communication over a period of time called
// the election timeout, then it ... begins an election ... it increments its
// current term and transitions to candidate state. It then votes for itself
// and issues RequestVote RPCs in parallel to each of the other servers."
void TestRaftPaper::followerThatHearsNothingStartsElection() {
  CLUSTER(c, script({"nodes 3", "timing election 150ms..300ms heartbeat 50ms latency 10ms", "until 1s"}));
  // Set up: the node with the earliest election deadline is the first to time out.
  NodeId first = kNoNode;
  Time deadline = 0;
  for (int i = 0; i < 3; ++i) {
    const TimerState& t = c.state().nodes[size_t(i)].election;
    if (first == kNoNode || t.deadline_us < deadline) {
      first = NodeId(i);
      deadline = t.deadline_us;
    }
  }
  // Act: run until someone becomes candidate.
  while (firstEvent(c.journal(), kindIs(EventKind::RoleChanged)) == kNoSeq) QVERIFY(c.sim->step(1'000'000));
  // Check the exact sequence of that node's election start.
  const Journal& j = c.journal();
  const Seq fired = firstEvent(j, kindIs(EventKind::TimerFired));
  QCOMPARE(j[fired].node, first);
  QCOMPARE(j[fired].time_us, deadline);
  QCOMPARE(j[fired].timerKind(), TimerKind::Election);
  const Seq term = firstEvent(j, kindOn(EventKind::TermChanged, first), fired);
  const Seq cand = firstEvent(j, roleChange(first, Role::Candidate), fired);
  const Seq voted = firstEvent(j, kindOn(EventKind::Voted, first), fired);
  QVERIFY(term != kNoSeq && cand != kNoSeq && voted != kNoSeq);
  QVERIFY(term < cand && cand < voted);
  QCOMPARE(j[term].term, 1u);
  QCOMPARE(j[cand].term, 1u);
  QCOMPARE(j[voted].peer, first);
  QCOMPARE(j[voted].term, 1u);
  c.runUntil(deadline);  // the rest of that instant
  std::set<NodeId> asked;
  for (Seq s : findEvents(j, sentMessage(MsgType::VoteRequest, first), fired)) {
    QCOMPARE(j[s].term, 1u);
    QCOMPARE(j[s].time_us, deadline);  // in parallel, at once
    QCOMPARE(j[s].lastLogIndex(), 0u);
    QCOMPARE(j[s].lastLogTerm(), 0u);
    asked.insert(j[s].peer);
  }
  QCOMPARE(asked.size(), size_t(2));
  QVERIFY(!asked.count(first));
  const NodeState& n = c.state().nodes[first];
  QCOMPARE(n.role, Role::Candidate);
  QCOMPARE(n.voted_for, first);
  QCOMPARE(n.voteCount(), 1);
  QVERIFY(n.election.running());  // a new timeout for this election
}

// 5.2: "[If] many followers become candidates at the same time ... each
// candidate will time out and start a new election by incrementing its term
// and initiating another round of RequestVote RPCs."
void TestRaftPaper::candidateWithoutWinnerStartsNewElection() {
  CLUSTER(c, script({"nodes 3", "timing election 150ms..300ms heartbeat 50ms latency 10ms",
                     "at 0s isolate Michel", "until 2s"}));
  const NodeId michel = c.id("Michel");
  c.run();
  const Journal& j = c.journal();
  const std::vector<Seq> candidacies = findEvents(j, roleChange(michel, Role::Candidate));
  QVERIFY2(candidacies.size() >= 4, c.transcript().c_str());
  for (size_t k = 0; k < candidacies.size(); ++k) {
    const Event& e = j[candidacies[k]];
    QCOMPARE(e.term, uint32_t(k + 1));  // one more term each time
    // It started exactly when the timer started by the previous candidacy ended.
    if (k > 0) {
      const Seq timer = firstEvent(j, [&](const Event& x) {
        return x.kind == EventKind::TimerStarted && x.node == michel && x.timerKind() == TimerKind::Election;
      }, candidacies[k - 1]);
      QCOMPARE(e.time_us, j[timer].at_us());
    }
    // A fresh round of voteRequests, each dropped at once: the links are cut.
    const auto requests = findEvents(j, [&](const Event& x) {
      return x.kind == EventKind::MessageSent && x.node == michel && x.msgType() == MsgType::VoteRequest &&
             x.term == e.term;
    });
    QCOMPARE(requests.size(), size_t(2));
  }
  QCOMPARE(countEvents(j, roleChange(michel, Role::Leader)), size_t(0));
  QCOMPARE(c.node("Michel").role, Role::Candidate);
}

// 5.2: "A candidate wins an election if it receives votes from a majority of
// the servers in the full cluster for the same term."
void TestRaftPaper::electionInOneRound_data() {
  QTest::addColumn<int>("nodes");
  QTest::addColumn<int>("crashed");  // peers down before the election
  QTest::addColumn<bool>("wins");
  QTest::newRow("1 node") << 1 << 0 << true;
  QTest::newRow("3 nodes, all up") << 3 << 0 << true;
  QTest::newRow("3 nodes, 1 down") << 3 << 1 << true;
  QTest::newRow("3 nodes, 2 down") << 3 << 2 << false;
  QTest::newRow("5 nodes, all up") << 5 << 0 << true;
  QTest::newRow("5 nodes, 2 down") << 5 << 2 << true;
  QTest::newRow("5 nodes, 3 down") << 5 << 3 << false;
  QTest::newRow("5 nodes, 4 down") << 5 << 4 << false;
  QTest::newRow("4 nodes, 2 down (half is no majority)") << 4 << 2 << false;
}

void TestRaftPaper::electionInOneRound() {
  QFETCH(int, nodes);
  QFETCH(int, crashed);
  QFETCH(bool, wins);
  std::string text = "nodes " + std::to_string(nodes) + "\n" + kQuiet + kPaperRaft;
  const auto& names = defaultNodeNames();
  for (int k = 0; k < crashed; ++k) text += "at 0s crash " + names[size_t(nodes - 1 - k)] + "\n";
  text += "at 1s timeout Michel\nuntil 1.5s\n";
  CLUSTER(c, text);
  c.run();
  const NodeState& m = c.node("Michel");
  const int majority = nodes / 2 + 1;
  CHECK(m.term == 1, c);
  CHECK(m.role == (wins ? Role::Leader : Role::Candidate), c);
  // Votes counted: one per live node, until the majority made it leader.
  const auto counted = findEvents(c.journal(), kindOn(EventKind::VoteCounted, c.id("Michel")));
  QCOMPARE(int(counted.size()), wins ? majority : nodes - crashed);
  if (wins) {
    QCOMPARE(c.journal()[counted.back()].votes(), uint32_t(majority));
    QVERIFY(counted.back() < firstEvent(c.journal(), roleChange(c.id("Michel"), Role::Leader)));
  }
  QCOMPARE(int(liveLeaders(c.state()).size()), wins ? 1 : 0);
}

// 5.2: the third outcome: "a candidate neither wins nor loses the election"
// — refused by a majority, it stays candidate until its timeout.
void TestRaftPaper::candidateRefusedByMajorityStaysCandidate() {
  CLUSTER(c, script({"nodes 3", kQuiet, "init Jean-Pierre term 1 voted Jean-Pierre",
                     "init Sophie term 1 voted Jean-Pierre", "at 1s timeout Michel", "until 1.5s"}));
  c.run();
  const Journal& j = c.journal();
  const NodeId michel = c.id("Michel");
  const auto answers = findEvents(j, [&](const Event& e) {
    return e.kind == EventKind::MessageSent && e.msgType() == MsgType::VoteResponse && e.peer == michel;
  });
  QCOMPARE(answers.size(), size_t(2));
  for (Seq s : answers) QCOMPARE(j[s].granted(), 0u);
  CHECK(c.node("Michel").role == Role::Candidate && c.node("Michel").term == 1, c);
  CHECK(c.node("Michel").voteCount() == 1, c);
  CHECK(c.node("Jean-Pierre").voted_for == c.id("Jean-Pierre") && c.node("Sophie").voted_for == c.id("Jean-Pierre"), c);
}

// 5.2: "Each server will vote for at most one candidate in a given term, on a
// first-come-first-served basis." (etcd's TestFollowerVote)
void TestRaftPaper::followerVote_data() {
  QTest::addColumn<QString>("votedBefore");
  QTest::addColumn<bool>("grants");
  QTest::newRow("not voted yet") << "none" << true;
  QTest::newRow("voted for the same candidate") << "Michel" << true;
  QTest::newRow("voted for another") << "Jean-Pierre" << false;
}

void TestRaftPaper::followerVote() {
  QFETCH(QString, votedBefore);
  QFETCH(bool, grants);
  // Set up: Sophie is in term 1 with a persisted vote; Michel's election is for term 1.
  CLUSTER(c, script({"nodes 3", kQuiet, "init Sophie term 1 voted " + votedBefore.toStdString(),
                     "init Jean-Pierre term 1 voted Jean-Pierre", "at 1s timeout Michel", "until 1.5s"}));
  // Act.
  c.run();
  // Check Sophie's answer and her vote.
  const Journal& j = c.journal();
  const auto answer = findEvents(j, sentMessage(MsgType::VoteResponse, c.id("Sophie"), c.id("Michel")));
  QCOMPARE(answer.size(), size_t(1));
  QCOMPARE(j[answer[0]].term, 1u);
  QCOMPARE(j[answer[0]].granted(), grants ? 1u : 0u);
  const NodeId expected_vote = grants ? c.id("Michel") : c.id("Jean-Pierre");
  CHECK(c.node("Sophie").voted_for == expected_vote, c);
  CHECK(c.node("Michel").role == (grants ? Role::Leader : Role::Candidate), c);
}

void TestRaftPaper::atMostOneVotePerTermFirstComeFirstServed() {
  // Set up: Michel and Jean-Pierre both start an election for term 1 at the
  // same instant; Michel's voteRequest is sent first so it reaches Sophie first.
  CLUSTER(c, script({"nodes 3", kQuiet, "at 1s timeout Michel", "at 1s timeout Jean-Pierre", "until 1.5s"}));
  c.run();
  const Journal& j = c.journal();
  const NodeId michel = c.id("Michel"), jp = c.id("Jean-Pierre"), sophie = c.id("Sophie");
  // Sophie voted once in term 1: for the first candidate who asked.
  const auto votes = findEvents(j, [&](const Event& e) {
    return e.kind == EventKind::Voted && e.node == sophie && e.peer != kNoNode;
  });
  QCOMPARE(votes.size(), size_t(1));
  QCOMPARE(j[votes[0]].peer, michel);
  QCOMPARE(j[votes[0]].term, 1u);
  const auto to_michel = findEvents(j, sentMessage(MsgType::VoteResponse, sophie, michel));
  const auto to_jp = findEvents(j, sentMessage(MsgType::VoteResponse, sophie, jp));
  QCOMPARE(to_michel.size(), size_t(1));
  QCOMPARE(to_jp.size(), size_t(1));
  QVERIFY(to_michel[0] < to_jp[0]);
  QCOMPARE(j[to_michel[0]].granted(), 1u);
  QCOMPARE(j[to_jp[0]].granted(), 0u);
  // Each candidate voted for itself, so each refuses the other.
  QCOMPARE(j[findEvents(j, sentMessage(MsgType::VoteResponse, michel, jp))[0]].granted(), 0u);
  QCOMPARE(j[findEvents(j, sentMessage(MsgType::VoteResponse, jp, michel))[0]].granted(), 0u);
  // One leader for term 1.
  CHECK(liveLeaders(c.state()) == std::vector<NodeId>{michel}, c);
  QCOMPARE(countEvents(j, [](const Event& e) {
    return e.kind == EventKind::RoleChanged && e.role() == Role::Leader && e.term == 1;
  }), size_t(1));
}

// 5.2: "While waiting for votes, a candidate may receive an AppendEntries RPC
// from another server claiming to be leader. If the leader's term is at least
// as large as the candidate's current term, then the candidate recognizes the
// leader as legitimate and returns to follower state."
void TestRaftPaper::candidateStepsDownForLeaderOfItsTerm() {
  CLUSTER(c, script({"nodes 3", kQuiet, "at 1s timeout Michel", "at 1s timeout Jean-Pierre", "until 1.5s"}));
  c.run();
  const Journal& j = c.journal();
  const NodeId michel = c.id("Michel"), jp = c.id("Jean-Pierre");
  const Seq cand = firstEvent(j, roleChange(jp, Role::Candidate));
  const Seq back = firstEvent(j, roleChange(jp, Role::Follower), cand);
  QVERIFY2(cand != kNoSeq && back != kNoSeq, c.transcript().c_str());
  QCOMPARE(j[back].term, 1u);  // same term: no term change, a step down
  QCOMPARE(countEvents(j, kindOn(EventKind::TermChanged, jp), cand), size_t(0));
  // What made him step down: Michel's logRequest of term 1.
  const Seq delivery = lastDeliveryTo(j, jp, back);
  const Event& m = deliveredMessage(j, j[delivery]);
  QCOMPARE(m.msgType(), MsgType::LogRequest);
  QCOMPARE(m.node, michel);
  QCOMPARE(m.term, 1u);
  CHECK(c.node("Jean-Pierre").role == Role::Follower && c.node("Jean-Pierre").leader == michel, c);
  // He accepted it: a successful logResponse.
  const Seq answer = responseAfter(j, MsgType::LogResponse, jp, michel, delivery);
  QCOMPARE(j[answer].success(), 1u);
}

// 5.2: "A server remains in follower state as long as it receives valid RPCs
// from a leader or candidate. Leaders send periodic heartbeats ... to all
// followers in order to maintain their authority."
void TestRaftPaper::leaderHeartbeatsKeepFollowers() {
  for (uint64_t seed : {1, 2, 3, 4, 5}) {
    CLUSTER(c, script({"nodes 3", "seed " + std::to_string(seed),
                       "timing election 150ms..300ms heartbeat 50ms latency 10ms", "until 5s"}));
    c.run();
    const Journal& j = c.journal();
    const auto leaders = findEvents(j, [](const Event& e) {
      return e.kind == EventKind::RoleChanged && e.role() == Role::Leader;
    });
    QVERIFY2(leaders.size() == 1, (c.transcript() + " seed " + std::to_string(seed)).c_str());
    const NodeId leader = j[leaders[0]].node;
    const Time elected = j[leaders[0]].time_us;
    const std::string why = "seed " + std::to_string(seed);
    // Nobody's election timer fired after the leader was elected.
    QVERIFY2(countEvents(j, [](const Event& e) {
      return e.kind == EventKind::TimerFired && e.timerKind() == TimerKind::Election;
    }, leaders[0]) == 0, why.c_str());
    // A logRequest to every follower every heartbeat, mostly empty.
    for (int p = 0; p < 3; ++p) {
      if (p == leader) continue;
      const auto beats = findEvents(j, sentMessage(MsgType::LogRequest, leader, NodeId(p)));
      const int expected = int((5'000'000 - elected) / 50'000) + 1;
      QVERIFY2(std::abs(int(beats.size()) - expected) <= 1,
               qPrintable(QString("seed %1: %2 heartbeats, expected %3").arg(seed).arg(beats.size()).arg(expected)));
      size_t empty = 0;
      for (Seq s : beats) empty += j[s].carriedCount() == 0;
      QVERIFY2(empty >= beats.size() - 2, why.c_str());
      // Each one restarts the follower's election timer.
      const auto restarts = findEvents(j, [&](const Event& e) {
        return e.kind == EventKind::TimerStarted && e.node == p && e.timerKind() == TimerKind::Election;
      }, leaders[0]);
      QVERIFY2(restarts.size() + 1 >= beats.size(), why.c_str());
    }
    QVERIFY2(c.state().nodes[leader].role == Role::Leader, why.c_str());
  }
}

// 5.2: "Raft uses randomized election timeouts ... chosen randomly from a
// fixed interval (e.g., 150–300ms)."
void TestRaftPaper::electionTimeoutsAreRandomized() {
  std::vector<uint32_t> draws;
  int first_round_ties = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    CLUSTER(c, script({"nodes 5", "seed " + std::to_string(seed),
                       "timing election 150ms..300ms heartbeat 50ms latency 10ms", "at 1s crash Michel",
                       "at 1s crash Jean-Pierre", "at 1.5s restart Michel", "until 3s"}));
    std::set<Time> first_deadlines;
    for (int i = 0; i < 5; ++i) first_deadlines.insert(c.state().nodes[size_t(i)].election.deadline_us);
    first_round_ties += first_deadlines.size() < 5;
    c.run();
    for (Seq s : findEvents(c.journal(), [](const Event& e) {
           return e.kind == EventKind::TimerStarted && e.timerKind() == TimerKind::Election;
         }))
      draws.push_back(c.journal()[s].dt_us);
  }
  QVERIFY(draws.size() > 500);
  for (uint32_t d : draws) QVERIFY2(d >= 150'000 && d <= 300'000, qPrintable(QString::number(d)));
  std::set<uint32_t> distinct(draws.begin(), draws.end());
  QVERIFY(distinct.size() > draws.size() * 9 / 10);
  // Spread over the whole interval: every 15 ms bucket is used.
  std::set<uint32_t> buckets;
  for (uint32_t d : draws) buckets.insert(std::min<uint32_t>((d - 150'000) / 15'000, 9));
  QCOMPARE(buckets.size(), size_t(10));
  QVERIFY(first_round_ties <= 2);
}

// 5.2: "randomized election timeouts ... ensure that split votes are rare and
// that they are resolved quickly."
void TestRaftPaper::randomizedTimeoutsResolveSplitVotes() {
  int extra_rounds_total = 0;
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    // Set up a split vote: 4 nodes in two halves, one candidate in each, both
    // for term 1, each gets its partner's vote: 2 of 4, no majority.
    CLUSTER(c, script({"nodes 4", "seed " + std::to_string(seed),
                       "timing election 150ms..300ms heartbeat 50ms latency 10ms",
                       "at 0s partition Michel Jean-Pierre | Sophie Paul", "at 1ms timeout Michel",
                       "at 1ms timeout Sophie", "at 50ms heal", "until 2s"}));
    c.runUntil(49'000);
    const std::string why = "seed " + std::to_string(seed) + "\n" + c.describe();
    QVERIFY2(c.node("Michel").role == Role::Candidate && c.node("Sophie").role == Role::Candidate, why.c_str());
    QVERIFY2(c.node("Michel").voteCount() == 2 && c.node("Sophie").voteCount() == 2, why.c_str());
    c.run();
    const Journal& j = c.journal();
    // Nobody won term 1; one leader in the end, elected well within the run.
    const auto won = findEvents(j, [](const Event& e) {
      return e.kind == EventKind::RoleChanged && e.role() == Role::Leader;
    });
    QVERIFY2(!won.empty(), (why + c.transcript()).c_str());
    QVERIFY2(j[won[0]].term >= 2, why.c_str());
    QVERIFY2(j[won[0]].time_us < 1'000'000, why.c_str());
    QVERIFY2(liveLeaders(c.state()).size() == 1, (why + c.describe()).c_str());
    extra_rounds_total += int(j[won[0]].term) - 2;
  }
  // Mostly the very next round decides.
  QVERIFY2(extra_rounds_total <= 10, qPrintable(QString::number(extra_rounds_total)));
}

// ---------------------------------------------------------------------------
// 5.3: "The leader appends the command to its log as a new entry, then issues
// AppendEntries RPCs in parallel to each of the other servers to replicate the
// entry ... [it] includes the index and term of the entry in its log that
// immediately precedes the new entries."
void TestRaftPaper::leaderAppendsClientWriteAndReplicatesIt() {
  CLUSTER(c, script({"nodes 3", kQuiet, "at 0.1s timeout Michel", "at 1s write Michel \"x=1\"", "until 2s"}));
  const NodeId michel = c.id("Michel");
  c.runUntil(999'999);
  CHECK(c.node("Michel").role == Role::Leader && c.node("Michel").commit == 1, c);  // its no-op
  const Seq mark = Seq(c.journal().size());
  c.run();
  const Journal& j = c.journal();
  // Appended at once, at index 2 with the leader's term.
  const Seq write = firstEvent(j, kindIs(EventKind::ClientWrite), mark);
  const Seq appended = firstEvent(j, kindOn(EventKind::LogAppended, michel), mark);
  QCOMPARE(j[appended].time_us, j[write].time_us);
  QCOMPARE(j[appended].index(), 2u);
  QCOMPARE(j[appended].term, 1u);
  QCOMPARE(j[appended].write(), j[write].write());
  // The next logRequest to each follower carries it, after entry 1 of term 1.
  for (const char* f : {"Jean-Pierre", "Sophie"}) {
    const Seq req = firstEvent(j, sentMessage(MsgType::LogRequest, michel, c.id(f)), appended);
    QVERIFY(req != kNoSeq);
    QCOMPARE(j[req].prevLogIndex(), 1u);
    QCOMPARE(j[req].prevLogTerm(), 1u);
    QCOMPARE(j[req].leaderCommit(), 1u);
    QCOMPARE(j[req].carriedCount(), 1u);
    QCOMPARE(carried(j, j[req])[0], (Entry{1, j[write].write()}));
    // The follower appends it at the same index.
    const Seq got = firstEvent(j, kindOn(EventKind::LogAppended, c.id(f)), req);
    QCOMPARE(j[got].index(), 2u);
    QCOMPARE(j[got].write(), j[write].write());
  }
  // Replicated on a majority: committed and acknowledged by the leader.
  const Seq ack = firstEvent(j, kindIs(EventKind::WriteAcked), mark);
  QVERIFY(ack != kNoSeq);
  QCOMPARE(j[ack].node, michel);
  QCOMPARE(j[ack].index(), 2u);
  for (const char* n : {"Michel", "Jean-Pierre", "Sophie"})
    QCOMPARE(qs(logText(c.node(n), j)), QString("1:no-op 1:x=1"));
  QCOMPARE(c.state().findings.size(), size_t(0));
}

// A client write to a follower is passed on to the leader (forwarding).
void TestRaftPaper::followerForwardsWriteToLeader() {
  CLUSTER(c, script({"nodes 3", kQuiet, "at 0.1s timeout Michel", "at 1s write Sophie \"y\"", "until 2s"}));
  c.run();
  const Journal& j = c.journal();
  const Seq fwd = firstEvent(j, kindIs(EventKind::WriteForwarded));
  QVERIFY(fwd != kNoSeq);
  QCOMPARE(j[fwd].node, c.id("Sophie"));
  QCOMPARE(j[fwd].peer, c.id("Michel"));
  const Seq appended = firstEvent(j, kindOn(EventKind::LogAppended, c.id("Michel")), fwd);
  QCOMPARE(j[appended].write(), j[fwd].write());
  QVERIFY(firstEvent(j, kindIs(EventKind::WriteAcked), fwd) != kNoSeq);
  for (const char* n : {"Michel", "Jean-Pierre", "Sophie"}) QCOMPARE(qs(logText(c.node(n), j)), QString("1:no-op 1:y"));
}

// 5.3: "A log entry is committed once the leader that created the entry has
// replicated it on a majority of the servers."
void TestRaftPaper::entryCommittedOnceOnMajority_data() {
  QTest::addColumn<int>("nodes");
  QTest::addColumn<int>("crashed");
  QTest::addColumn<bool>("committed");
  QTest::newRow("1 node") << 1 << 0 << true;
  QTest::newRow("3 nodes") << 3 << 0 << true;
  QTest::newRow("3 nodes, 1 down") << 3 << 1 << true;
  QTest::newRow("3 nodes, 2 down") << 3 << 2 << false;
  QTest::newRow("5 nodes, 2 down") << 5 << 2 << true;
  QTest::newRow("5 nodes, 3 down") << 5 << 3 << false;
}

void TestRaftPaper::entryCommittedOnceOnMajority() {
  QFETCH(int, nodes);
  QFETCH(int, crashed);
  QFETCH(bool, committed);
  std::string text = "nodes " + std::to_string(nodes) + "\n" + kQuiet + kPaperRaft + "at 0.1s timeout Michel\n";
  for (int k = 0; k < crashed; ++k) text += "at 0.5s crash " + defaultNodeNames()[size_t(nodes - 1 - k)] + "\n";
  text += "at 1s write Michel \"x\"\nuntil 3s\n";
  CLUSTER(c, text);
  c.runUntil(999'999);
  CHECK(c.node("Michel").role == Role::Leader && c.node("Michel").commit == 1, c);
  const Seq mark = Seq(c.journal().size());
  c.run();
  const Journal& j = c.journal();
  CHECK(c.node("Michel").lastIndex() == 2, c);
  CHECK(c.node("Michel").commit == (committed ? 2u : 1u), c);
  QCOMPARE(countEvents(j, kindIs(EventKind::WriteAcked), mark), size_t(committed ? 1 : 0));
  QCOMPARE(countEvents(j, kindOn(EventKind::CommitAdvanced, c.id("Michel")), mark), size_t(committed ? 1 : 0));
  if (committed) {
    // Committed exactly when the majority-th replica was known, not before.
    const Seq commit = firstEvent(j, kindOn(EventKind::CommitAdvanced, c.id("Michel")), mark);
    int replicas = 1;
    for (Seq s : findEvents(j, kindOn(EventKind::ProgressUpdated, c.id("Michel")), mark))
      if (s < commit && j[s].matchIndex() >= 2) ++replicas;
    QCOMPARE(replicas, nodes / 2 + 1);
  }
}

// 5.3: "The leader keeps track of the highest index it knows to be committed,
// and it includes that index in future AppendEntries RPCs ... Once a follower
// learns that a log entry is committed, it applies the entry."
void TestRaftPaper::leaderCommitReachesFollowers() {
  CLUSTER(c, script({"nodes 5", kQuiet, "at 0.1s timeout Michel", "at 1s write Michel \"a\"",
                     "at 1s write Michel \"b\"", "until 2s"}));
  const NodeId michel = c.id("Michel");
  c.run();
  const Journal& j = c.journal();
  const Seq leader_commit = firstEvent(j, [&](const Event& e) {
    return e.kind == EventKind::CommitAdvanced && e.node == michel && e.index() == 3;
  });
  QVERIFY(leader_commit != kNoSeq);
  for (int p = 1; p < 5; ++p) {
    const NodeId f = NodeId(p);
    // The first logRequest after the leader's commit carries it ...
    const Seq req = firstEvent(j, sentMessage(MsgType::LogRequest, michel, f), leader_commit);
    QCOMPARE(j[req].leaderCommit(), 3u);
    // ... and the follower commits to it on receipt, never beyond what the leader had committed.
    const Seq got = firstEvent(j, [&](const Event& e) {
      return e.kind == EventKind::CommitAdvanced && e.node == f && e.index() == 3;
    });
    QVERIFY(got > req);
    for (Seq s : findEvents(j, kindOn(EventKind::CommitAdvanced, f))) {
      uint32_t leader_had = 0;
      for (Seq t : findEvents(j, kindOn(EventKind::CommitAdvanced, michel)))
        if (t < s) leader_had = j[t].index();
      QVERIFY(j[s].index() <= leader_had);
    }
    QCOMPARE(c.state().nodes[f].commit, 3u);
  }
}

// 5.3: "When the leader commits an entry, it also commits all preceding
// entries in the leader's log, including entries created by previous leaders."
void TestRaftPaper::leaderCommitsPrecedingEntries() {
  CLUSTER(c, script({"nodes 3", kQuiet, "init Michel term 2 log 1 2", "init Jean-Pierre term 2 log 1",
                     "init Sophie term 2", "at 0.1s timeout Michel", "until 1s"}));
  const NodeId michel = c.id("Michel");
  c.run();
  const Journal& j = c.journal();
  const auto commits = findEvents(j, kindOn(EventKind::CommitAdvanced, michel));
  QCOMPARE(commits.size(), size_t(1));
  QCOMPARE(j[commits[0]].index(), 3u);  // entries 1 and 2 (terms 1, 2) with the no-op of term 3
  for (const char* n : {"Michel", "Jean-Pierre", "Sophie"}) {
    QCOMPARE(qs(logTerms(c.node(n))), QString("1 2 3"));
    QCOMPARE(c.node(n).commit, 3u);
  }
}

// 5.3: "If the follower does not find an entry in its log with the same index
// and term, then it refuses the new entries ... After a rejection, the leader
// decrements nextIndex and retries the AppendEntries RPC."
void TestRaftPaper::followerRejectsMismatchAndLeaderBacksOff() {
  CLUSTER(c, script({"nodes 3", kQuiet, "init Michel term 3 log 1 1 3 3", "init Jean-Pierre term 2 log 1 2",
                     "init Sophie term 3 log 1 1 3 3", "at 0.1s timeout Michel", "until 2s"}));
  const NodeId michel = c.id("Michel"), jp = c.id("Jean-Pierre");
  c.run();
  const Journal& j = c.journal();
  // The logRequests to Jean-Pierre and his answers, in order, until the first success.
  struct Exchange { uint32_t prev, prev_term; bool ok; uint32_t has; };
  std::vector<Exchange> ex;
  for (Seq s : findEvents(j, sentMessage(MsgType::LogRequest, michel, jp))) {
    Seq d = firstEvent(j, [&](const Event& e) { return e.kind == EventKind::MessageDelivered && e.ref == s; }, s);
    QVERIFY(d != kNoSeq);
    Seq r = responseAfter(j, MsgType::LogResponse, jp, michel, d);
    ex.push_back({j[s].prevLogIndex(), j[s].prevLogTerm(), j[r].success() == 1, j[r].matchIndex()});
    if (j[r].success()) break;
    // A refused logRequest changes nothing in his log.
    for (Seq k = d; k < r; ++k) QVERIFY(j[k].node != jp || (j[k].kind != EventKind::LogAppended &&
                                                            j[k].kind != EventKind::LogTruncated));
  }
  QVERIFY2(ex.size() == 3, c.transcript().c_str());
  // prev 4 (term 3): he has only 2 entries. prev 2 (term 1): his entry 2 is of term 2. prev 1: match.
  QCOMPARE(ex[0].prev, 4u);
  QCOMPARE(ex[0].prev_term, 3u);
  QVERIFY(!ex[0].ok);
  QCOMPARE(ex[0].has, 2u);
  QCOMPARE(ex[1].prev, 2u);
  QCOMPARE(ex[1].prev_term, 1u);
  QVERIFY(!ex[1].ok);
  QCOMPARE(ex[2].prev, 1u);
  QCOMPARE(ex[2].prev_term, 1u);
  QVERIFY(ex[2].ok);
  QCOMPARE(ex[2].has, 5u);
  // The leader's nextIndex for him went 5 -> 3 -> 2, then to 6 with match 5.
  std::vector<uint32_t> next;
  for (Seq s : findEvents(j, kindOn(EventKind::ProgressUpdated, michel)))
    if (j[s].peer == jp) next.push_back(j[s].nextIndex());
  QCOMPARE(next, (std::vector<uint32_t>{3, 2, 6}));
  // Conflict: his entry 2 (term 2) and what followed it deleted, the leader's appended.
  const auto truncs = findEvents(j, kindOn(EventKind::LogTruncated, jp));
  QCOMPARE(truncs.size(), size_t(1));
  QCOMPARE(j[truncs[0]].length(), 1u);
  QCOMPARE(qs(logTerms(c.node("Jean-Pierre"))), QString("1 1 3 3 4"));
  QCOMPARE(c.node("Jean-Pierre").log, c.node("Michel").log);
  QCOMPARE(c.state().findings.size(), size_t(0));
}

// 5.3, Figure 7: the leader of term 8 brings every follower's log in line
// with its own, deleting conflicting entries and adding missing ones.
void TestRaftPaper::leaderRepairsFollowerLogsFigure7() {
  CLUSTER(c, script({"nodes Leader A B C D E F", kQuiet,
                     "init Leader term 7 log 1 1 1 4 4 5 5 6 6 6",
                     "init A term 7 log 1 1 1 4 4 5 5 6 6",
                     "init B term 7 log 1 1 1 4",
                     "init C term 7 log 1 1 1 4 4 5 5 6 6 6 6",
                     "init D term 7 log 1 1 1 4 4 5 5 6 6 6 7 7",
                     "init E term 7 log 1 1 1 4 4 4 4",
                     "init F term 7 log 1 1 1 2 2 2 3 3 3 3 3",
                     "at 0.1s timeout Leader", "at 1.5s write Leader \"x\"", "until 3s"}));
  const NodeId leader = c.id("Leader");
  c.run();
  const Journal& j = c.journal();
  // Elected in term 8 by A, B, E, F; C and D hold more up-to-date logs and refuse.
  const Seq won = firstEvent(j, roleChange(leader, Role::Leader));
  QVERIFY(won != kNoSeq);
  QCOMPARE(j[won].term, 8u);
  for (const char* f : {"A", "B", "C", "D", "E", "F"}) {
    const auto answer = findEvents(j, sentMessage(MsgType::VoteResponse, c.id(f), leader));
    QCOMPARE(answer.size(), size_t(1));
    const bool refuses = std::string(f) == "C" || std::string(f) == "D";
    QVERIFY2(j[answer[0]].granted() == (refuses ? 0u : 1u), f);
  }
  // Every log ends equal to the leader's: its ten entries, its no-op and the write.
  QCOMPARE(qs(logTerms(c.node("Leader"))), QString("1 1 1 4 4 5 5 6 6 6 8 8"));
  for (const char* f : {"A", "B", "C", "D", "E", "F"}) {
    QVERIFY2(c.node(f).log == c.node("Leader").log, (std::string(f) + "\n" + c.describe()).c_str());
    QCOMPARE(c.node(f).commit, 12u);
  }
  // Only the conflicting suffixes were deleted: the shared prefix stays.
  const std::vector<std::pair<const char*, std::vector<uint32_t>>> truncations = {
      {"A", {}}, {"B", {}}, {"C", {10}}, {"D", {10}}, {"E", {5}}, {"F", {3}}};
  for (const auto& [f, expected] : truncations) {
    std::vector<uint32_t> got;
    for (Seq s : findEvents(j, kindOn(EventKind::LogTruncated, c.id(f)))) got.push_back(j[s].length());
    QVERIFY2(got == expected, f);
  }
  QCOMPARE(c.state().findings.size(), size_t(0));
}

// 5.3 (and etcd's TestFollowerAppendEntries): entries a follower already
// holds with the same term are kept; only a conflict deletes. Duplicated and
// reordered logRequests from the one leader must never shorten a log.
void TestRaftPaper::reorderedLogRequestsNeverTruncateMatchingEntries() {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::string text = script({"nodes 3", "seed " + std::to_string(seed),
                               "timing election 10s..20s heartbeat 20ms latency 1ms..120ms",
                               "network duplicate 0.3", "at 0.1s timeout Michel"});
    for (int k = 0; k < 30; ++k)
      text += "at " + std::to_string(500 + 30 * k) + "ms write Michel \"w" + std::to_string(k) + "\"\n";
    text += "until 3s\n";
    CLUSTER(c, text);
    c.run();
    const std::string why = "seed " + std::to_string(seed) + "\n" + c.describe();
    QVERIFY2(countEvents(c.journal(), kindIs(EventKind::LogTruncated)) == 0, why.c_str());
    QVERIFY2(c.node("Jean-Pierre").log == c.node("Michel").log && c.node("Sophie").log == c.node("Michel").log,
             why.c_str());
    QVERIFY2(c.node("Michel").lastIndex() == 31 && c.node("Michel").commit == 31, why.c_str());
    QVERIFY2(c.state().findings.empty(), (why + c.findings()).c_str());
  }
}

// ---------------------------------------------------------------------------
// 5.4.1: "The RequestVote RPC includes information about the candidate's log."
void TestRaftPaper::voteRequestCarriesLastEntry() {
  CLUSTER(c, script({"nodes 3", kQuiet, "init Michel term 4 log 1 1 2 4", "at 1s timeout Michel", "until 1s"}));
  c.run();
  const Journal& j = c.journal();
  const auto requests = findEvents(j, sentMessage(MsgType::VoteRequest, c.id("Michel")));
  QCOMPARE(requests.size(), size_t(2));
  for (Seq s : requests) {
    QCOMPARE(j[s].term, 5u);
    QCOMPARE(j[s].lastLogIndex(), 4u);
    QCOMPARE(j[s].lastLogTerm(), 4u);
  }
}

// 5.4.1: "the voter denies its vote if its own log is more up-to-date than
// that of the candidate ... If the logs have last entries with different
// terms, then the log with the later term is more up-to-date. If the logs end
// with the same term, then whichever log is longer is more up-to-date."
void TestRaftPaper::electionRestriction_data() {
  QTest::addColumn<QString>("voter");
  QTest::addColumn<QString>("candidate");
  QTest::addColumn<bool>("grants");
  QTest::newRow("both empty") << "" << "" << true;
  QTest::newRow("same last term, same length") << "1" << "1" << true;
  QTest::newRow("same last term, candidate longer") << "1" << "1 1" << true;
  QTest::newRow("same last term, voter longer") << "1 1" << "1" << false;
  QTest::newRow("candidate empty, voter not") << "1" << "" << false;
  QTest::newRow("candidate later last term") << "1" << "2" << true;
  QTest::newRow("candidate later last term, longer") << "1" << "1 2" << true;
  QTest::newRow("candidate later last term, shorter") << "1 1" << "2" << true;
  QTest::newRow("voter later last term") << "2" << "1" << false;
  QTest::newRow("voter later last term, candidate longer") << "2" << "1 1" << false;
  QTest::newRow("voter later last term and longer") << "2 2" << "1" << false;
}

void TestRaftPaper::electionRestriction() {
  QFETCH(QString, voter);
  QFETCH(QString, candidate);
  QFETCH(bool, grants);
  // Two nodes: the candidate needs the voter's vote to win.
  CLUSTER(c, script({"nodes Cand Voter", kQuiet, "init Cand term 2 log " + candidate.toStdString(),
                     "init Voter term 2 log " + voter.toStdString(), "at 1s timeout Cand", "until 1.5s"}));
  const NodeId cand = c.id("Cand"), v = c.id("Voter");
  const std::vector<Entry> voter_log = c.node("Voter").log;
  c.run();
  const Journal& j = c.journal();
  const auto answer = findEvents(j, sentMessage(MsgType::VoteResponse, v, cand));
  QCOMPARE(answer.size(), size_t(1));
  QCOMPARE(j[answer[0]].granted(), grants ? 1u : 0u);
  CHECK(c.node("Voter").voted_for == (grants ? cand : kNoNode), c);
  CHECK(c.node("Cand").role == (grants ? Role::Leader : Role::Candidate), c);
  CHECK(c.node("Voter").term == 3, c);  // the term is adopted either way
  if (!grants) CHECK(c.node("Voter").log == voter_log, c);
}

// 5.4.2: "Raft never commits log entries from previous terms by counting
// replicas. Only log entries from the leader's current term are committed by
// counting replicas." Without the no-op, the leader of term 3 sees entry 2
// (term 2) on all three nodes and still does not commit it; a write of term
// 3 commits it along. Without the rule it commits entry 2 at once.
void TestRaftPaper::leaderCountsReplicasOnlyForCurrentTerm_data() {
  QTest::addColumn<QString>("concepts");
  QTest::addColumn<bool>("rule");
  QTest::newRow("with current-term-commit") << "full -pre-vote -check-quorum -leader-noop" << true;
  QTest::newRow("without (the Figure 8 mistake)") << "full -pre-vote -check-quorum -leader-noop -current-term-commit" << false;
}

void TestRaftPaper::leaderCountsReplicasOnlyForCurrentTerm() {
  QFETCH(QString, concepts);
  QFETCH(bool, rule);
  CLUSTER(c, script({"nodes 3", "concepts " + concepts.toStdString(), kQuiet, "init Michel term 2 log 1 2",
                     "init Jean-Pierre term 2 log 1 2", "init Sophie term 2 log 1", "at 0.1s timeout Michel",
                     "at 1s write Michel \"x\"", "until 2s"}));
  const NodeId michel = c.id("Michel");
  c.runUntil(999'999);
  CHECK(c.node("Michel").role == Role::Leader && c.node("Michel").term == 3, c);
  // Entry 2 is on every node: a majority, and more.
  CHECK(c.node("Sophie").log == c.node("Michel").log && c.node("Michel").match_index[c.id("Sophie")] == 2, c);
  CHECK(c.node("Michel").match_index[c.id("Jean-Pierre")] == 2, c);
  const auto early = findEvents(c.journal(), kindOn(EventKind::CommitAdvanced, michel));
  if (rule) {
    QCOMPARE(early.size(), size_t(0));
    CHECK(c.node("Michel").commit == 0, c);
  } else {
    QCOMPARE(early.size(), size_t(1));
    QCOMPARE(c.journal()[early[0]].index(), 2u);
  }
  const Seq mark = Seq(c.journal().size());
  c.run();
  // The write of term 3, once replicated, commits everything before it too.
  const auto late = findEvents(c.journal(), kindOn(EventKind::CommitAdvanced, michel), mark);
  QCOMPARE(late.size(), size_t(1));
  QCOMPARE(c.journal()[late[0]].index(), 3u);
  for (const char* n : {"Michel", "Jean-Pierre", "Sophie"}) QCOMPARE(c.node(n).commit, 3u);
}

// 5.4.2, Figure 8: with the rule, an entry of an older term that a leader
// replicated on a majority can still be overwritten by a later leader, but it
// was never committed; without it, it was, and a committed entry is lost.
// (e): once an entry of the leader's term is on a majority, no node lacking
// it can win.
void TestRaftPaper::figure8_data() {
  QTest::addColumn<QString>("concepts");
  QTest::addColumn<bool>("replicateCurrentTerm");  // (e): S1's term-4 entry reaches a majority before it crashes
  QTest::addColumn<bool>("committedOld");           // S1 commits entry 2 (term 2)
  QTest::addColumn<bool>("s5Wins");
  QTest::addColumn<bool>("violation");
  QTest::newRow("(c)(d) without current-term-commit")
      << "full -pre-vote -check-quorum -leader-noop -current-term-commit" << false << true << true << true;
  QTest::newRow("(c)(d) with current-term-commit") << "full -pre-vote -check-quorum -leader-noop" << false << false << true << false;
  QTest::newRow("(e) with current-term-commit") << "full -pre-vote -check-quorum -leader-noop" << true << true << false << false;
}

void TestRaftPaper::figure8() {
  QFETCH(QString, concepts);
  QFETCH(bool, replicateCurrentTerm);
  QFETCH(bool, committedOld);
  QFETCH(bool, s5Wins);
  QFETCH(bool, violation);
  // (a)/(b): S1 holds entry 2 of term 2, S5 entry 2 of term 3; S1 is cut
  // from S4 and S5 and wins term 4 with S2 and S3, replicating entry 2 to them.
  CLUSTER(c, script({"nodes S1 S2 S3 S4 S5", "concepts " + concepts.toStdString(), kQuiet,
                     "init S1 term 3 log 1 2", "init S2 term 3 log 1", "init S3 term 3 log 1",
                     "init S4 term 3 log 1", "init S5 term 3 log 1 3", "at 0s cut S1 S4", "at 0s cut S1 S5",
                     "at 0.1s timeout S1", "at 0.5s write S1 \"x\"",
                     replicateCurrentTerm ? "at 0.7s crash S1" : "at 0.5s crash S1",
                     // (d): S5 runs for term 4 (refused by S2, S3 who voted S1), then term 5.
                     "at 1s timeout S5", "at 1.5s timeout S5", "until 3s"}));
  const NodeId s1 = c.id("S1"), s5 = c.id("S5");
  c.runUntil(499'999);
  CHECK(c.node("S1").role == Role::Leader && c.node("S1").term == 4, c);
  CHECK(logTerms(c.node("S2")) == "1 2" && logTerms(c.node("S3")) == "1 2", c);
  c.run();
  const Journal& j = c.journal();
  uint32_t s1_commit = 0;
  for (Seq s : findEvents(j, kindOn(EventKind::CommitAdvanced, s1))) s1_commit = std::max(s1_commit, j[s].index());
  QCOMPARE(s1_commit >= 2, committedOld);
  if (replicateCurrentTerm) QCOMPARE(s1_commit, 3u);
  const bool s5_won = firstEvent(j, roleChange(s5, Role::Leader)) != kNoSeq;
  QCOMPARE(s5_won, s5Wins);
  if (s5Wins) {
    // S5 (term 5) overwrote entry 2 on S2 and S3 with its term-3 entry.
    CHECK(logTerms(c.node("S2")) == "1 3" && logTerms(c.node("S3")) == "1 3", c);
  } else {
    CHECK(logTerms(c.node("S2")) == "1 2 4" && logTerms(c.node("S3")) == "1 2 4", c);
    CHECK(c.node("S5").role == Role::Candidate, c);
  }
  size_t safety = 0;
  bool lost_committed = false;
  for (Seq f : c.state().findings) {
    safety += isSafetyFinding(j[f].findingKind());
    if (j[f].findingKind() == FindingKind::CommittedEntryLost && j[f].index() == 2 && j[f].term == 2) lost_committed = true;
  }
  QVERIFY2((safety > 0) == violation, c.findings().c_str());
  QCOMPARE(lost_committed, violation);
}

// 8 / 5.4.2 (and chapter 11): a new leader appends an empty entry of its term
// at once, so entries of earlier terms get committed without waiting for a write.
void TestRaftPaper::leaderAppendsNoopOfItsTerm_data() {
  QTest::addColumn<QString>("concepts");
  QTest::addColumn<bool>("noop");
  QTest::newRow("full") << "full -pre-vote -check-quorum" << true;
  QTest::newRow("without leader-noop") << "full -pre-vote -check-quorum -leader-noop" << false;
}

void TestRaftPaper::leaderAppendsNoopOfItsTerm() {
  QFETCH(QString, concepts);
  QFETCH(bool, noop);
  CLUSTER(c, script({"nodes 3", "concepts " + concepts.toStdString(), kQuiet, "init Michel term 4 log 1 2 2",
                     "init Jean-Pierre term 4 log 1 2 2", "init Sophie term 4 log 1", "at 0.1s timeout Michel",
                     "until 1s"}));
  const NodeId michel = c.id("Michel");
  c.run();
  const Journal& j = c.journal();
  const Seq won = firstEvent(j, roleChange(michel, Role::Leader));
  QVERIFY(won != kNoSeq);
  const Seq appended = firstEvent(j, kindOn(EventKind::LogAppended, michel), won);
  if (noop) {
    QVERIFY(appended != kNoSeq);
    QCOMPARE(j[appended].time_us, j[won].time_us);
    QCOMPARE(j[appended].index(), 4u);
    QCOMPARE(j[appended].term, 5u);
    QCOMPARE(j[appended].write(), 0u);  // no client write: a no-op
    for (const char* n : {"Michel", "Jean-Pierre", "Sophie"}) {
      QCOMPARE(qs(logTerms(c.node(n))), QString("1 2 2 5"));
      QCOMPARE(c.node(n).commit, 4u);
    }
  } else {
    QCOMPARE(appended, kNoSeq);
    for (const char* n : {"Michel", "Jean-Pierre", "Sophie"}) {
      QCOMPARE(qs(logTerms(c.node(n))), QString("1 2 2"));
      QCOMPARE(c.node(n).commit, 0u);  // nothing of term 5 to count replicas for
    }
  }
}

// Figure 2: "Persistent state on all servers (updated on stable storage
// before responding to RPCs): currentTerm, votedFor, log[]". The rest
// (commitIndex, role, nextIndex...) is volatile.
void TestRaftPaper::persistentStateSurvivesRestart_data() {
  QTest::addColumn<QString>("concepts");
  QTest::addColumn<bool>("persists");
  QTest::newRow("full") << "full -pre-vote -check-quorum" << true;
  QTest::newRow("without persistence") << "full -pre-vote -check-quorum -persistence" << false;
}

void TestRaftPaper::persistentStateSurvivesRestart() {
  QFETCH(QString, concepts);
  QFETCH(bool, persists);
  CLUSTER(c, script({"nodes 3", "concepts " + concepts.toStdString(), kQuiet, "at 0.1s timeout Michel",
                     "at 0.5s write Michel \"x\"", "at 1s crash Jean-Pierre", "at 1.2s restart Jean-Pierre",
                     "until 1.2s"}));
  c.runUntil(999'999);
  const NodeState before = c.node("Jean-Pierre");
  CHECK(before.term == 1 && before.voted_for == c.id("Michel") && before.lastIndex() == 2 && before.commit == 2, c);
  c.run();
  const NodeState& after = c.node("Jean-Pierre");
  QVERIFY(after.alive);
  QCOMPARE(after.role, Role::Follower);
  QCOMPARE(after.commit, 0u);
  QCOMPARE(after.leader, kNoNode);
  if (persists) {
    QCOMPARE(after.term, before.term);
    QCOMPARE(after.voted_for, before.voted_for);
    QCOMPARE(after.log, before.log);
  } else {
    QCOMPARE(after.term, 0u);
    QCOMPARE(after.voted_for, kNoNode);
    QVERIFY(after.log.empty());
  }
}

QTEST_GUILESS_MAIN(TestRaftPaper)
#include "test_raft_paper.moc"

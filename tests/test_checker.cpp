// The invariant checker: each finding kind is raised in a minimal situation
// and not raised in the matching healthy one. Unit cases feed hand-made
// events through the Recorder exactly as the simulator does (before, append, apply,
// after; findings become events too); scenario cases run the ladder's
// demonstrations through the simulator.
#include <QtTest>
#include <set>

#include "core/recorder.h"
#include "core/state_json.h"
#include "support/cluster.h"

using namespace radeau;
using namespace radeau::test;

namespace {

constexpr NodeId M = 0, J = 1, S = 2;  // Michel, Jean-Pierre, Sophie

Concepts spec(const char* text) {
  std::string error;
  auto c = parseConcepts(text, Concepts::full(), error);
  if (!c) qFatal("bad concepts in test: %s", error.c_str());
  return *c;
}

// A checker fed by hand, through the same Recorder the simulator uses.
class Feed {
 public:
  Feed(int nodes, Concepts concepts) {
    config_.names = defaultNames(nodes);
    config_.concepts = concepts;
    state_ = ClusterState::initial(config_);
  }

  void push(Event e) { recorder_.record(journal_, state_, e); }

  void term(NodeId n, uint32_t t) { push(Event{.term = t, .kind = EventKind::TermChanged, .node = n}); }
  void role(NodeId n, Role r) {
    push(Event{.term = state_.nodes[n].term, .kind = EventKind::RoleChanged, .node = n, .sub = uint8_t(r)});
  }
  void leader(NodeId n, uint32_t t) {
    if (t != state_.nodes[n].term) term(n, t);
    role(n, Role::Leader);
  }
  uint32_t clientWrite(NodeId n, const std::string& text) {
    const uint32_t w = journal_.addWrite({text, n, 0});
    push(make::clientWrite(n, w));
    return w;
  }
  void append(NodeId n, uint32_t t, uint32_t write) {
    push(make::logAppended(n, state_.nodes[n].lastIndex() + 1, t, write));
  }
  void ack(NodeId n, uint32_t write) {
    push(make::writeAcked(n, 0, 0, write));
  }
  void ackAt(NodeId n, uint32_t index, uint32_t write) { push(make::writeAcked(n, index, 1, write)); }
  Seq read(NodeId n, const std::string& key) {
    push(make::clientRead(n, key));
    for (Seq s = Seq(journal_.size()); s-- > 0;)
      if (journal_[s].kind == EventKind::ClientRead) return s;
    return kNoSeq;
  }
  void answer(NodeId n, Seq read, uint32_t index, uint32_t write) {
    push(make::readAnswered(n, read, 1, index, write, index));
  }
  void commit(NodeId n, uint32_t index) { push(make::commitAdvanced(n, index)); }
  void truncate(NodeId n, uint32_t length) { push(make::logTruncated(n, length)); }
  void cut(NodeId a, NodeId b) { push(Event{.kind = EventKind::LinkCut, .node = a, .peer = b}); }
  void heal(NodeId a, NodeId b) { push(Event{.kind = EventKind::LinkHealed, .node = a, .peer = b}); }
  void healAll() { push(Event{.kind = EventKind::HealedAll}); }
  void partition(std::initializer_list<NodeId> group1) {
    Event e = make::partitioned();
    for (NodeId n : group1) e.setPartitionGroup(n, 1);  // the rest group 0
    push(e);
  }
  void crash(NodeId n) { push(Event{.kind = EventKind::Crashed, .node = n}); }
  void restart(NodeId n) { push(Event{.kind = EventKind::Restarted, .node = n}); }
  void failed(NodeId n, uint32_t write) {
    push(make::writeFailed(n, FailReason::NodeDown, write));
  }
  void finish() {
    std::vector<Event> found;
    recorder_.finish(state_, found);
    for (const Event& f : found) push(f);
  }

  std::vector<Event> findings(FindingKind k) const {
    std::vector<Event> out;
    for (Seq f : state_.findings)
      if (journal_[f].findingKind() == k) out.push_back(journal_[f]);
    return out;
  }
  size_t total() const { return state_.findings.size(); }
  std::string text(const Event& f) const { return EventFormatter(config_.names, journal_).finding(f); }
  std::string all() const {
    std::string s;
    for (Seq f : state_.findings) s += text(journal_[f]) + "\n";
    return s.empty() ? "(no finding)" : s;
  }

 private:
  ClusterConfig config_;
  ClusterState state_;
  Recorder recorder_;
  Journal journal_;
};

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

#define CLUSTER(var, text)                                    \
  std::string var##_error;                                    \
  auto var##_opt = runScript((text), var##_error);            \
  QVERIFY2(var##_opt.has_value(), var##_error.c_str());       \
  Cluster& var = *var##_opt

class TestChecker : public QObject {
  Q_OBJECT

 private slots:
  // two leaders
  void twoLeadersInOneTerm();
  void leadersOfDifferentTermsAreFine();
  void twoLeadersInOneTermEvenApart();
  void twoLeadersAtOnceWithoutTermsOnlyWhenTheyCanTalk();
  void twoLeadersAtOnceAcrossPartitions();
  void crashedOrSteppedDownLeaderDoesNotCount();
  // log divergence
  void logDivergenceWithoutCommit();
  void sameEntriesDoNotDiverge();
  void divergentUncommittedSuffixIsNormalWithCommit();
  void entryTermsDivergenceIsBySameTerm();
  // lost writes and entries
  void acknowledgedWriteLost();
  void acknowledgedWriteHeldElsewhereOrPendingIsFine();
  void committedEntryLost();
  void uncommittedOrOtherEntryRemovedIsFine();
  void commitMismatch();
  void sameCommittedEntryIsFine();
  void writeAppliedTwice();
  void recognisedOrReappliedAfterACrashIsFine();
  // availability
  void writeFailed();
  void writeNeverAcknowledged();
  // linearizable reads (rung 15)
  void staleRead();
  void readAfterOrOfAnotherKeyIsFine();
  // the ladder's demonstrations, end to end
  void everyoneIsLeaderScenario();
  void writeOnFollowerWithoutForwardingScenario();
  void leaderTimeoutCutScenario();
  void healthyFullRaftScenario();
  void findingsAreSafetyOrAvailability();
  void everyFindingKindHasOneNameThatReadsBack();
};

// ---------------------------------------------------------------------------
void TestChecker::twoLeadersInOneTerm() {
  Feed f(3, Concepts::full());
  f.leader(M, 2);
  QCOMPARE(f.total(), size_t(0));
  f.leader(J, 2);
  const auto found = f.findings(FindingKind::TwoLeaders);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].term, 2u);
  QCOMPARE(found[0].node, M);
  QCOMPARE(found[0].peer, J);
  QCOMPARE(qs(f.text(found[0])), QString("2 leaders in term 2: Michel and Jean-Pierre"));
  // Reported once, however often it is seen again.
  f.role(J, Role::Follower);
  f.leader(J, 2);
  QCOMPARE(f.findings(FindingKind::TwoLeaders).size(), size_t(1));
}

void TestChecker::leadersOfDifferentTermsAreFine() {
  Feed f(3, Concepts::full());
  f.leader(M, 2);
  f.leader(J, 3);  // Michel has not heard yet: two leaders at once, in two terms, is allowed
  f.leader(S, 4);
  f.role(M, Role::Follower);
  f.leader(M, 5);
  QVERIFY2(f.total() == 0, f.all().c_str());
}

// With terms the rule is about the term, not about who can talk to whom.
void TestChecker::twoLeadersInOneTermEvenApart() {
  Feed f(3, Concepts::full());
  f.partition({M});
  f.leader(M, 4);
  f.leader(J, 4);
  QCOMPARE(f.findings(FindingKind::TwoLeaders).size(), size_t(1));
}

// Without terms every leader is in term 0: two leaders at once are a failure
// when they can reach each other, not while a cut separates them.
void TestChecker::twoLeadersAtOnceWithoutTermsOnlyWhenTheyCanTalk() {
  Feed f(3, spec("chapter 4"));
  f.leader(M, 0);
  f.cut(M, J);
  f.cut(M, S);
  f.leader(J, 0);
  QVERIFY2(f.total() == 0, f.all().c_str());
  f.heal(M, S);  // Michel and Jean-Pierre still cannot talk directly
  QVERIFY2(f.total() == 0, f.all().c_str());
  f.heal(M, J);
  auto found = f.findings(FindingKind::TwoLeaders);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].term, 0u);
  QCOMPARE(qs(f.text(found[0])), QString("2 leaders at once: Michel and Jean-Pierre"));
  // Once one stepped down, the same pair can be reported again later.
  f.role(J, Role::Follower);
  f.leader(J, 0);
  QCOMPARE(f.findings(FindingKind::TwoLeaders).size(), size_t(2));
}

void TestChecker::twoLeadersAtOnceAcrossPartitions() {
  Feed f(3, spec("chapter 4"));
  f.partition({M});
  f.leader(M, 0);
  f.leader(J, 0);
  QVERIFY2(f.total() == 0, f.all().c_str());
  f.healAll();
  QCOMPARE(f.findings(FindingKind::TwoLeaders).size(), size_t(1));
  // Everyone-leader (chapter 2): all leaders from the start, all linked.
  Feed g(3, spec("chapter 2"));
  g.leader(M, 0);
  g.leader(J, 0);
  g.leader(S, 0);
  QCOMPARE(g.findings(FindingKind::TwoLeaders).size(), size_t(2));
}

void TestChecker::crashedOrSteppedDownLeaderDoesNotCount() {
  Feed f(3, spec("chapter 4"));
  f.leader(M, 0);
  f.crash(M);
  f.leader(J, 0);
  QVERIFY2(f.total() == 0, f.all().c_str());
  f.restart(M);  // comes back as a follower
  QVERIFY2(f.total() == 0, f.all().c_str());
  f.role(J, Role::Follower);
  f.leader(S, 0);
  QVERIFY2(f.total() == 0, f.all().c_str());
}

// ---------------------------------------------------------------------------
void TestChecker::logDivergenceWithoutCommit() {
  Feed f(3, spec("chapter 2"));
  const uint32_t a = f.clientWrite(M, "A"), b = f.clientWrite(J, "B");
  f.append(M, 0, a);
  f.append(J, 0, b);
  const auto found = f.findings(FindingKind::LogDivergence);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].index(), 1u);
  QCOMPARE(found[0].node, M);
  QCOMPARE(found[0].peer, J);
  QCOMPARE(qs(f.text(found[0])), QString("logs diverge at index 1: Michel and Jean-Pierre hold different entries"));
}

void TestChecker::sameEntriesDoNotDiverge() {
  Feed f(3, spec("chapter 3"));
  const uint32_t a = f.clientWrite(M, "A");
  f.append(M, 0, a);
  f.append(J, 0, a);
  f.append(S, 0, a);
  const uint32_t b = f.clientWrite(M, "B");
  f.append(M, 0, b);  // longer, not different
  QVERIFY2(f.total() == 0, f.all().c_str());
}

// With commit, followers holding different uncommitted entries is normal
// Raft: only committed entries are compared.
void TestChecker::divergentUncommittedSuffixIsNormalWithCommit() {
  Feed f(3, Concepts::full());
  const uint32_t a = f.clientWrite(M, "A"), b = f.clientWrite(J, "B");
  f.append(M, 1, a);
  f.append(J, 2, b);
  QVERIFY2(f.total() == 0, f.all().c_str());
}

// With entry terms (chapter 9, before commit), entries of different terms at
// one index are what the conflict rule repairs; the same term with different
// content at one index breaks the Log Matching property.
void TestChecker::entryTermsDivergenceIsBySameTerm() {
  Feed f(3, spec("chapter 9"));
  const uint32_t a = f.clientWrite(M, "A"), b = f.clientWrite(J, "B"), c = f.clientWrite(S, "C");
  f.append(M, 1, a);
  f.append(J, 2, b);
  QVERIFY2(f.total() == 0, f.all().c_str());
  f.append(S, 2, c);
  const auto found = f.findings(FindingKind::LogDivergence);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].node, J);
  QCOMPARE(found[0].peer, S);
}

// ---------------------------------------------------------------------------
void TestChecker::acknowledgedWriteLost() {
  Feed f(3, spec("chapter 3"));
  const uint32_t w = f.clientWrite(J, "X");
  f.append(J, 0, w);
  f.ack(J, w);
  f.truncate(J, 0);  // the leader's logRequest overwrote it
  const auto found = f.findings(FindingKind::AckedWriteLost);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].write(), w);
  QCOMPARE(found[0].index(), 1u);
  QCOMPARE(found[0].node, J);
  QCOMPARE(qs(f.text(found[0])),
           QString("acknowledged write \"X\" lost: no node holds it any more (last removed from Jean-Pierre at index 1)"));
}

void TestChecker::acknowledgedWriteHeldElsewhereOrPendingIsFine() {
  Feed f(3, spec("chapter 3"));
  const uint32_t w = f.clientWrite(M, "X");
  f.append(M, 0, w);
  f.append(J, 0, w);
  f.ack(M, w);
  f.truncate(J, 0);  // Michel still holds it
  const uint32_t p = f.clientWrite(S, "P");
  f.append(S, 0, w);
  f.append(S, 0, p);
  f.truncate(S, 1);  // never acknowledged: nothing was promised
  QVERIFY2(f.total() == 0, f.all().c_str());
  // Once the last holder drops the acknowledged one, it is lost.
  f.truncate(M, 0);
  QCOMPARE(f.findings(FindingKind::AckedWriteLost).size(), size_t(0));
  f.truncate(S, 0);
  QCOMPARE(f.findings(FindingKind::AckedWriteLost).size(), size_t(1));
}

void TestChecker::committedEntryLost() {
  Feed f(3, Concepts::full());
  const uint32_t w = f.clientWrite(M, "X");
  f.append(M, 1, 0);
  f.append(M, 1, w);
  f.append(J, 1, 0);
  f.append(J, 1, w);
  f.commit(M, 2);
  f.commit(J, 2);
  f.truncate(J, 1);
  const auto found = f.findings(FindingKind::CommittedEntryLost);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].node, J);
  QCOMPARE(found[0].index(), 2u);
  QCOMPARE(found[0].term, 1u);
  QCOMPARE(qs(f.text(found[0])), QString("committed entry 2 (term 1, \"X\") overwritten on Jean-Pierre"));
}

void TestChecker::uncommittedOrOtherEntryRemovedIsFine() {
  Feed f(3, Concepts::full());
  const uint32_t x = f.clientWrite(M, "X"), y = f.clientWrite(S, "Y");
  f.append(M, 1, x);
  f.append(J, 1, x);
  f.commit(M, 1);
  f.append(M, 2, 0);  // uncommitted
  f.truncate(M, 1);
  f.append(S, 2, y);  // Sophie's index 1 is not the committed entry
  f.truncate(S, 0);
  QVERIFY2(f.total() == 0, f.all().c_str());
}

void TestChecker::commitMismatch() {
  Feed f(3, Concepts::full());
  const uint32_t x = f.clientWrite(M, "X"), y = f.clientWrite(J, "Y");
  f.append(M, 1, x);
  f.commit(M, 1);
  f.append(J, 2, y);
  f.commit(J, 1);
  const auto found = f.findings(FindingKind::CommitMismatch);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].node, J);
  QCOMPARE(found[0].index(), 1u);
  QCOMPARE(found[0].term, 2u);
  QCOMPARE(found[0].write(), y);
  QCOMPARE(qs(f.text(found[0])), QString("Jean-Pierre committed a different entry at index 1 (term 2, \"Y\")"));
}

// Rung 14: one client write in a log twice, both committed: the state
// machine applied it twice. Reported once per write, on the first node.
void TestChecker::writeAppliedTwice() {
  Feed f(3, spec("full -client-sessions"));
  const uint32_t x = f.clientWrite(M, "x+=1");
  for (NodeId n : {M, J}) {
    f.append(n, 1, x);
    f.append(n, 1, x);
  }
  f.commit(M, 1);
  QCOMPARE(f.total(), size_t(0));  // once is fine
  f.commit(M, 2);
  f.commit(J, 2);
  const auto found = f.findings(FindingKind::AppliedTwice);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].node, M);
  QCOMPARE(found[0].index(), 2u);
  QCOMPARE(found[0].write(), x);
  QVERIFY(isSafetyFinding(FindingKind::AppliedTwice));
  QCOMPARE(qs(f.text(found[0])), QString("write \"x+=1\" applied twice by Michel's state machine (again at index 2)"));
  QCOMPARE(f.total(), size_t(1));
}

void TestChecker::recognisedOrReappliedAfterACrashIsFine() {
  Feed f(3, Concepts::full());
  const uint32_t x = f.clientWrite(M, "x+=1"), y = f.clientWrite(M, "y=2");
  f.append(M, 1, x);
  f.append(M, 1, y);
  f.append(M, 1, x);
  // The session table recognised index 3 before the commit that reaches it.
  f.push(make::duplicateRecognised(M, 3, x, 1));
  f.commit(M, 3);
  QCOMPARE(f.all(), std::string("(no finding)"));
  // A restarted node rebuilds its state machine from its log: applying the
  // same entries again is not applying them twice (the recognition again).
  f.crash(M);
  f.restart(M);
  f.commit(M, 2);
  f.push(make::duplicateRecognised(M, 3, x, 1));
  f.commit(M, 3);
  QCOMPARE(f.all(), std::string("(no finding)"));
  // A recognition of another index does not cover this one.
  f.append(M, 1, y);
  f.push(make::duplicateRecognised(M, 3, x, 1));
  f.commit(M, 4);
  QCOMPARE(f.findings(FindingKind::AppliedTwice).size(), size_t(1));
}

void TestChecker::sameCommittedEntryIsFine() {
  Feed f(3, Concepts::full());
  const uint32_t x = f.clientWrite(M, "X");
  for (NodeId n : {M, J, S}) {
    f.append(n, 1, 0);
    f.append(n, 1, x);
  }
  f.commit(M, 2);
  f.commit(J, 1);
  f.commit(J, 2);
  f.commit(S, 2);
  // A crash forgets the commit index; committing again is no mismatch.
  f.crash(S);
  f.restart(S);
  f.commit(S, 2);
  QVERIFY2(f.total() == 0, f.all().c_str());
}

// ---------------------------------------------------------------------------
void TestChecker::writeFailed() {
  Feed f(3, Concepts::full());
  const uint32_t w = f.clientWrite(S, "X");
  f.failed(S, w);
  const auto found = f.findings(FindingKind::WriteFailed);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].write(), w);
  QCOMPARE(qs(f.text(found[0])), QString("write \"X\" failed on Sophie"));
  // Through the simulator: a write to a crashed node fails; to a live leader it does not.
  CLUSTER(c, "nodes 3\ntiming election 10s..20s heartbeat 50ms latency 10ms\nat 100ms timeout Michel\n"
             "at 300ms crash Sophie\nat 500ms write Sophie \"down\"\nat 600ms write Michel \"up\"\nuntil 1s\n");
  const auto failures = findEvents(c.journal(), findingOf(FindingKind::WriteFailed));
  QCOMPARE(failures.size(), size_t(1));
  QCOMPARE(qs(c.journal().writes()[c.journal()[failures[0]].write()].text), QString("down"));
  QCOMPARE(c.state().findings.size(), size_t(1));
}

void TestChecker::writeNeverAcknowledged() {
  // A leader cut off from the majority takes a write it can never commit.
  CLUSTER(c, "nodes 3\nconcepts full -pre-vote -check-quorum\ntiming election 10s..20s heartbeat 50ms latency 10ms\nat 100ms timeout Michel\n"
             "at 300ms isolate Michel\nat 500ms write Michel \"stuck\"\nat 600ms timeout Sophie\n"
             "at 700ms write Sophie \"fine\"\nuntil 1s\n");
  const auto never = findEvents(c.journal(), findingOf(FindingKind::WriteNeverAcked));
  QCOMPARE(never.size(), size_t(1));
  const Event& e = c.journal()[never[0]];
  QCOMPARE(qs(c.journal().writes()[e.write()].text), QString("stuck"));
  QCOMPARE(e.time_us, Time(1'000'000));  // reported when the run ends
  EventFormatter fmt(c.scenario.config.names, c.journal());
  QCOMPARE(qs(fmt.finding(e)), QString("write \"stuck\" to Michel was never acknowledged"));
  QVERIFY2(c.state().findings.size() == 1, c.findings().c_str());
}

// ---------------------------------------------------------------------------
// Chapter 2: write A on node 1 and B on node 2: three leaders at once, logs differ at index 1.
void TestChecker::everyoneIsLeaderScenario() {
  CLUSTER(c, "nodes 3\nconcepts chapter 2\nat 100ms write Michel \"A\"\nat 200ms write Jean-Pierre \"B\"\nuntil 1s\n");
  const Journal& j = c.journal();
  QCOMPARE(countEvents(j, findingOf(FindingKind::TwoLeaders)), size_t(2));
  for (Seq s : findEvents(j, findingOf(FindingKind::TwoLeaders))) QCOMPARE(j[s].time_us, Time(0));
  const auto div = findEvents(j, findingOf(FindingKind::LogDivergence));
  QCOMPARE(div.size(), size_t(1));
  QCOMPARE(j[div[0]].index(), 1u);
  QCOMPARE(j[div[0]].time_us, Time(200'000));
  QVERIFY2(c.state().findings.size() == 3, c.findings().c_str());
}

// Chapter 3 before forwarding: a write on a follower is acknowledged, then
// the leader's next logRequest overwrites it. On the leader it is kept.
void TestChecker::writeOnFollowerWithoutForwardingScenario() {
  {
    CLUSTER(c, "nodes 3\nconcepts chapter 3 -forwarding\nat 100ms write Jean-Pierre \"X\"\nuntil 1s\n");
    const auto lost = findEvents(c.journal(), findingOf(FindingKind::AckedWriteLost));
    QVERIFY2(lost.size() == 1, c.findings().c_str());
    QCOMPARE(c.journal()[lost[0]].node, c.id("Jean-Pierre"));
    QVERIFY(c.node("Jean-Pierre").log.empty());
  }
  {
    CLUSTER(c, "nodes 3\nconcepts chapter 3 -forwarding\nat 100ms write Michel \"X\"\nuntil 1s\n");
    QVERIFY2(c.state().findings.empty(), c.findings().c_str());
    QCOMPARE(c.node("Sophie").log.size(), size_t(1));
  }
}

// Chapter 4: cut the leader from the others, another takes over: not a
// finding while they cannot reach each other; once healed, two leaders at once.
void TestChecker::leaderTimeoutCutScenario() {
  std::string error;
  auto c = makeCluster("nodes 3\nconcepts chapter 4\nseed 3\n"
                       "timing election 150ms..300ms heartbeat 50ms latency 10ms\n"
                       "at 100ms timeout Michel\nat 1s isolate Michel\nat 2s heal\nuntil 3s\n",
                       error);
  QVERIFY2(c.has_value(), error.c_str());
  c->runUntil(1'999'999);
  const std::string why = c->describe() + c->findings();
  QVERIFY2(c->node("Michel").role == Role::Leader, why.c_str());
  QVERIFY2(liveLeaders(c->state()).size() == 2, why.c_str());
  QVERIFY2(c->state().findings.empty(), why.c_str());
  c->run();
  const auto two = findEvents(c->journal(), findingOf(FindingKind::TwoLeaders));
  QVERIFY2(two.size() == 1, c->findings().c_str());
  QCOMPARE(c->journal()[two[0]].time_us, Time(2'000'000));
  QVERIFY(c->journal()[two[0]].node == c->id("Michel") || c->journal()[two[0]].peer == c->id("Michel"));
}

void TestChecker::healthyFullRaftScenario() {
  CLUSTER(c, std::string(defaultScenarioText()));
  QVERIFY2(c.state().findings.empty(), c.findings().c_str());
}

void TestChecker::findingsAreSafetyOrAvailability() {
  for (FindingKind k : {FindingKind::TwoLeaders, FindingKind::LogDivergence, FindingKind::AckedWriteLost,
                        FindingKind::CommittedEntryLost, FindingKind::CommitMismatch})
    QVERIFY2(isSafetyFinding(k), std::string(findingKindName(k)).c_str());
  QVERIFY(!isSafetyFinding(FindingKind::WriteFailed));
  QVERIFY(!isSafetyFinding(FindingKind::WriteNeverAcked));
}

// One table names the kinds for the JSON export, scripts and talks: every kind
// has a name, distinct, that reads back as that kind, and the old JSON
// spellings still read.
void TestChecker::everyFindingKindHasOneNameThatReadsBack() {
  std::set<std::string_view> seen;
  for (int i = 0; i <= int(kLastFindingKind); ++i) {
    const FindingKind k = FindingKind(i);
    const std::string_view name = findingKindName(k);
    QVERIFY2(name != "?", std::to_string(i).c_str());
    QVERIFY2(seen.insert(name).second, std::string(name).c_str());
    QCOMPARE(findingKindFromName(name), std::optional<FindingKind>(k));
    QVERIFY2(findingKindNames().find(std::string(name)) != std::string::npos, std::string(name).c_str());
  }
  QCOMPARE(findingKindName(FindingKind::AckedWriteLost), std::string_view("acked-write-lost"));
  QCOMPARE(findingKindFromName("acknowledged-write-lost"), std::optional<FindingKind>(FindingKind::AckedWriteLost));
  QCOMPARE(findingKindFromName("write-never-acknowledged"), std::optional<FindingKind>(FindingKind::WriteNeverAcked));
  QCOMPARE(findingKindFromName("acked"), std::nullopt);
  // The JSON export says the scripts' names.
  CLUSTER(c, "nodes Michel\nconcepts chapter 1 -persistence\nat 500ms write Michel \"A\"\n"
             "at 1s crash Michel\nat 1.5s restart Michel\nuntil 2s\n");
  const std::string json = stateToJson(c.scenario.config, c.journal(), c.state(), false);
  QVERIFY2(json.find("\"kind\": \"acked-write-lost\"") != std::string::npos, json.c_str());
}

// A read that began after a write of its key was acknowledged must not
// return an older value, whoever answers it.
void TestChecker::staleRead() {
  Feed f(3, spec("full"));
  const uint32_t w1 = f.clientWrite(J, "x=1");
  f.ackAt(J, 2, w1);
  const uint32_t w2 = f.clientWrite(M, "x=2");
  f.ackAt(M, 4, w2);
  const Seq r = f.read(J, "x");
  f.answer(J, r, 2, w1);
  const auto found = f.findings(FindingKind::StaleRead);
  QCOMPARE(found.size(), size_t(1));
  QCOMPARE(found[0].node, J);
  QCOMPARE(found[0].write(), w2);
  QCOMPARE(found[0].index(), 4u);
  QCOMPARE(qs(f.text(found[0])),
           QString("stale read: Jean-Pierre's answer is older than \"x=2\", acknowledged before the read (index 4)"));
  QVERIFY(isSafetyFinding(FindingKind::StaleRead));
}

void TestChecker::readAfterOrOfAnotherKeyIsFine() {
  Feed f(3, spec("full"));
  const uint32_t w1 = f.clientWrite(J, "x=1");
  f.ackAt(J, 2, w1);
  const Seq r = f.read(J, "x");  // began before "x=2" was acknowledged: either value is right
  const uint32_t w2 = f.clientWrite(M, "x=2");
  f.ackAt(M, 4, w2);
  f.answer(J, r, 2, w1);
  const uint32_t y = f.clientWrite(M, "y=1");
  f.ackAt(M, 5, y);
  const Seq ry = f.read(J, "x");  // y is another key; x=2 is what it must see
  f.answer(J, ry, 4, w2);
  const Seq none = f.read(S, "z");  // never written
  f.answer(S, none, 0, 0);
  QVERIFY2(f.findings(FindingKind::StaleRead).empty(), f.all().c_str());
}

QTEST_GUILESS_MAIN(TestChecker)
#include "test_checker.moc"

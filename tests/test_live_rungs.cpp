// Rungs 13–15 with real node processes on loopback (issue 15, live part):
// pre-vote keeps a rejoining node from deposing the leader, a read-index read
// returns the latest committed value after a leader change, and a client's
// resend is recognised by client sessions and applied once. Every wait is on
// the merged journal or an answer, with a bound; no sleeps.
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include "support/live_support.h"
#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"

using namespace radeau;
using namespace radeau::live;

namespace {
const QString kNode = test::kNodeBinary;

// Events of `kind` at `node` in the merged journal from `from` on.
int countFrom(const Journal& j, Seq from, EventKind kind, NodeId node) {
  int n = 0;
  for (Seq s = from; s < j.size(); ++s) n += j[s].kind == kind && j[s].node == node;
  return n;
}
}  // namespace

class TestLiveRungs : public QObject {
  Q_OBJECT
  // Full Raft without the lease: reads go through read-index (a round of
  // heartbeats a majority answers), the rule under test.
  LiveCluster cluster_;
  QElapsedTimer clock_;

  struct Answer {
    bool ok = false;
    QString detail;
    uint32_t write = 0;
  };
  // No "applied twice" finding in the merged journal, and no safety finding at all.
  bool noWriteAppliedTwice() {
    const Journal& j = cluster_.journal();
    for (Seq f : cluster_.state().findings)
      if (j[f].findingKind() == FindingKind::AppliedTwice) return false;
    return safetyFindings(cluster_.state(), j) == 0;
  }
  std::optional<Answer> write(int node, const QString& text, uint32_t resend = 0, int timeout_ms = 5000) {
    QSignalSpy spy(&cluster_, &LiveCluster::writeAnswered);
    const qint64 id = cluster_.clientWrite(node, text, resend);
    if (id < 0) return std::nullopt;
    const QList<QVariant>* a = test::answerTo(spy, id, timeout_ms);
    if (!a) return std::nullopt;
    return Answer{a->at(1).toBool(), a->at(2).toString(), cluster_.writeId(id)};
  }
  struct ReadAnswer {
    bool ok = false;
    QString value, detail;
  };
  std::optional<ReadAnswer> read(int node, const QString& key, int timeout_ms = 5000) {
    QSignalSpy spy(&cluster_, &LiveCluster::readAnswered);
    const qint64 id = cluster_.clientRead(node, key);
    if (id < 0) return std::nullopt;
    if (!QTest::qWaitFor([&] { return !spy.isEmpty(); }, timeout_ms)) return std::nullopt;
    if (spy.first().at(0).toLongLong() != id) return std::nullopt;
    return ReadAnswer{spy.first().at(1).toBool(), spy.first().at(2).toString(), spy.first().at(3).toString()};
  }
  void waitForLeader() {
    QTRY_VERIFY2_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), qPrintable(test::describeCluster(cluster_)),
                              10000);
  }

 private slots:
  void initTestCase() {
    LiveCluster::Options o;
    o.nodes = 3;
    o.node_binary = kNode;
    o.concepts = Concepts::full().without(Concept::Lease);
    QVERIFY(o.concepts.has(Concept::PreVote) && o.concepts.has(Concept::CheckQuorum) &&
            o.concepts.has(Concept::ClientSessions) && o.concepts.has(Concept::ReadIndex));
    QString error;
    QVERIFY2(cluster_.start(o, &error), qPrintable(error));
    waitForLeader();
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.isUp(0) && cluster_.isUp(1) && cluster_.isUp(2), 5000);
  }
  void init() { clock_.start(); }
  void cleanup() {
    qInfo("%s: %lld ms", QTest::currentTestFunction(), clock_.elapsed());
    if (!QTest::currentTestFailed()) return;
    // The next test starts from a whole cluster.
    cluster_.healAll();
    for (int n = 0; n < cluster_.nodeCount(); ++n)
      if (!cluster_.isUp(n) && cluster_.processId(n) == 0) cluster_.restart(n);
    if (!QTest::qWaitFor([&] { return cluster_.isUp(0) && cluster_.isUp(1) && cluster_.isUp(2); }, 10000))
      qWarning("the cluster is not whole again:%s", qPrintable(test::describeCluster(cluster_)));
  }

  // (a) Rung 13: a follower cut off times out again and again, but as a
  // pre-candidate its term does not grow; back, it follows the leader, whose
  // term and leadership are unchanged.
  void preVoteRejoinDoesNotDisruptTheLeader() {
    waitForLeader();
    const NodeId leader = *agreedLeader(cluster_.state());
    const uint32_t term = cluster_.state().nodes[leader].term;
    const NodeId lone = NodeId((leader + 1) % 3);
    // A majority follows the leader; on a loaded machine the third node may
    // still be on its way there: start once all three follow it.
    auto allFollow = [&] {
      for (NodeId n = 0; n < 3; ++n) {
        const NodeState& x = cluster_.state().nodes[n];
        if (x.term != term || (n != leader && (x.role != Role::Follower || x.leader != leader))) return false;
      }
      return cluster_.state().nodes[leader].role == Role::Leader;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(allFollow(), qPrintable(test::describeCluster(cluster_)), 10000);
    const Seq cut = Seq(cluster_.journal().size());
    cluster_.isolate(lone);
    // Three election timeouts of its own: each a pre-vote nobody hears.
    QTRY_VERIFY2_WITH_TIMEOUT(countFrom(cluster_.journal(), cut, EventKind::TimerFired, lone) >= 3 &&
                                  countFrom(cluster_.journal(), cut, EventKind::RoleChanged, lone) >= 1,
                              qPrintable(test::describeCluster(cluster_)), 10000);
    QCOMPARE(cluster_.state().nodes[lone].term, term);
    QVERIFY(cluster_.state().nodes[lone].role != Role::Leader);
    QCOMPARE(countFrom(cluster_.journal(), cut, EventKind::TermChanged, lone), 0);
    // Back: it hears the leader's heartbeats again and follows it.
    const Seq healed = Seq(cluster_.journal().size());
    cluster_.healAll();
    auto follows = [&] {
      const NodeState& x = cluster_.state().nodes[lone];
      int heard = 0;
      const Journal& j = cluster_.journal();
      for (Seq s = healed; s < j.size(); ++s)
        heard += j[s].kind == EventKind::MessageDelivered && j[s].node == lone && j[s].peer == leader;
      return heard >= 3 && x.role == Role::Follower && x.leader == leader;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(follows(), qPrintable(test::describeCluster(cluster_)), 10000);
    // The leader never changed: same node, same term, nobody's term grew.
    QVERIFY(agreedLeader(cluster_.state()) == std::optional<NodeId>(leader));
    for (NodeId n = 0; n < 3; ++n) QCOMPARE(cluster_.state().nodes[n].term, term);
    for (NodeId n = 0; n < 3; ++n) QCOMPARE(countFrom(cluster_.journal(), cut, EventKind::TermChanged, n), 0);
    const auto w = write(leader, QStringLiteral("after-rejoin=1"));
    QVERIFY(w && w->ok);
    QCOMPARE(safetyFindings(cluster_.state(), cluster_.journal()), 0);
  }

  // (b) Rung 15: x=1, the leader killed, a new leader, x=2; a read of x at
  // the new leader, confirmed by a majority's answers, returns "x=2".
  void readIndexReturnsTheLatestValueAfterALeaderChange() {
    waitForLeader();
    const NodeId first = *agreedLeader(cluster_.state());
    const auto one = write(first, QStringLiteral("x=1"));
    QVERIFY2(one && one->ok, qPrintable(test::describeCluster(cluster_)));
    const auto before = read(first, QStringLiteral("x"));
    QVERIFY(before && before->ok);
    QCOMPARE(before->value, QStringLiteral("x=1"));
    QVERIFY(cluster_.crash(first));
    auto other = [&] {
      auto l = agreedLeader(cluster_.state());
      return l && *l != first;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(other(), qPrintable(test::describeCluster(cluster_)), 10000);
    const NodeId second = *agreedLeader(cluster_.state());
    const auto two = write(second, QStringLiteral("x=2"));
    QVERIFY2(two && two->ok, qPrintable(test::describeCluster(cluster_)));
    const Seq asked = Seq(cluster_.journal().size());
    const auto after = read(second, QStringLiteral("x"));
    QVERIFY2(after && after->ok, after ? qPrintable(after->detail) : "no answer");
    QCOMPARE(after->value, QStringLiteral("x=2"));
    // Read-index: the leader answered once a majority answered it after the read began.
    const Journal& j = cluster_.journal();
    Seq question = kNoSeq, answer = kNoSeq;
    for (Seq s = asked; s < j.size(); ++s) {
      if (j[s].kind == EventKind::ClientRead && j[s].node == second && question == kNoSeq) question = s;
      if (j[s].kind == EventKind::ReadAnswered && j[s].node == second && j[s].ref == question) answer = s;
    }
    QVERIFY(question != kNoSeq && answer != kNoSeq);
    QCOMPARE(j[question].readKey(), std::string("x"));
    QCOMPARE(j.writes()[j[answer].write()].text, std::string("x=2"));
    int confirmations = 0;
    for (Seq s = question; s < answer; ++s)
      confirmations += j[s].kind == EventKind::MessageDelivered && j[s].node == second;
    QVERIFY2(confirmations >= 1, "answered before any follower answered");
    // The same read from the command line (radeau-node read).
    QProcess cli;
    cli.start(kNode, {QStringLiteral("read"), QStringLiteral("--to"), QStringLiteral("127.0.0.1:%1").arg(cluster_.clientPort(second)),
                      QStringLiteral("--token-file"), cluster_.tokenFile(), QStringLiteral("x")});
    QVERIFY(cli.waitForFinished(10000));
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(cli.readAllStandardOutput().startsWith("x=2 (index "), "radeau-node read did not print x=2");
    // A follower does not answer reads: it sends the client to the leader.
    const NodeId follower = NodeId(3 - first - second);
    const auto refused = read(follower, QStringLiteral("x"));
    QVERIFY(refused && !refused->ok);
    // A write given to a follower and forwarded: the leader knows its text
    // (it travels with the forwarded write), so its reads find the key.
    const auto forwarded = write(follower, QStringLiteral("y=5"));
    QVERIFY2(forwarded && forwarded->ok, qPrintable(test::describeCluster(cluster_)));
    const auto y = read(second, QStringLiteral("y"));
    QVERIFY(y && y->ok);
    QCOMPARE(y->value, QStringLiteral("y=5"));
    QVERIFY(cluster_.restart(first));
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.isUp(first), 10000);
    waitForLeader();
    QCOMPARE(safetyFindings(cluster_.state(), cluster_.journal()), 0);
  }

  // (c) Rung 14: the client's answer is lost and it sends the same write
  // again (same id): the session table recognises it; nothing is applied twice.
  void aResendIsRecognisedAndAppliedOnce() {
    waitForLeader();
    const NodeId leader = *agreedLeader(cluster_.state());
    const auto first = write(leader, QStringLiteral("c+=1"));
    QVERIFY2(first && first->ok, qPrintable(test::describeCluster(cluster_)));
    QVERIFY(first->write != 0);
    const auto again = write(leader, QStringLiteral("c+=1"), first->write);
    QVERIFY2(again && again->ok, again ? qPrintable(again->detail) : "no answer");
    QCOMPARE(again->write, first->write);
    QCOMPARE(again->detail, first->detail);  // the same index and term: where it was applied
    // Sent to a follower, the resend is answered there too, from the same entry.
    const NodeId follower = NodeId((leader + 1) % 3);
    const auto elsewhere = write(follower, QStringLiteral("c+=1"), first->write);
    QVERIFY2(elsewhere && elsewhere->ok, elsewhere ? qPrintable(elsewhere->detail) : "no answer");
    QCOMPARE(elsewhere->detail, first->detail);
    // The same resend from the command line (radeau-node write --resend).
    QProcess cli;
    cli.start(kNode, {QStringLiteral("write"), QStringLiteral("--to"), QStringLiteral("127.0.0.1:%1").arg(cluster_.clientPort(leader)),
                      QStringLiteral("--token-file"), cluster_.tokenFile(), QStringLiteral("--resend"),
                      QString::number(first->write), QStringLiteral("c+=1")});
    QVERIFY(cli.waitForFinished(10000));
    QCOMPARE(cli.exitCode(), 0);
    const QString printed = QString::fromUtf8(cli.readAllStandardOutput()).trimmed();
    QCOMPARE(printed, QStringLiteral("acknowledged: write %1, %2").arg(first->write).arg(QString(first->detail).replace(QStringLiteral(" term"), QStringLiteral(", term"))));
    // A resend must repeat the write: another text under its id is refused.
    const auto forged = write(leader, QStringLiteral("c+=100"), first->write);
    QVERIFY(forged && !forged->ok);
    QVERIFY2(forged->detail.contains(QStringLiteral("a resend repeats the same write")), qPrintable(forged->detail));
    // In the merged journal: the resends are the same write, and every log
    // holds it once among its applied entries.
    const Journal& j = cluster_.journal();
    uint32_t merged = 0;
    int resends = 0;
    for (const Event& e : j.events())
      if (e.kind == EventKind::ClientWrite && j.writes()[e.write()].text == "c+=1") {
        if (e.attempt() == 0) merged = e.write();
        else resends += e.write() == merged;
      }
    QVERIFY(merged != 0);
    QCOMPARE(resends, 3);
    const auto settled = [&] {
      for (NodeId n = 0; n < 3; ++n) {
        const NodeState& x = cluster_.state().nodes[n];
        int applied = 0;
        for (uint32_t i = 0; i < x.commit && i < x.lastIndex(); ++i) applied += x.log[i].write == merged;
        if (applied != 1) return false;
      }
      return true;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(settled(), qPrintable(test::describeCluster(cluster_)), 5000);
    QVERIFY(noWriteAppliedTwice());
  }

  // (d) A write's id comes at once (accepted{id,write}), before its answer:
  // a client whose answer is late resends it by that id. The leader cut off
  // takes a write it cannot commit (no answer yet); back, the client's resend
  // through it is answered and applied once.
  void aWriteIsResendableBeforeItsAnswer() {
    waitForLeader();
    const NodeId leader = *agreedLeader(cluster_.state());
    cluster_.isolate(leader);
    QSignalSpy spy(&cluster_, &LiveCluster::writeAnswered);
    const qint64 first = cluster_.clientWrite(leader, QStringLiteral("early+=1"));
    QVERIFY(first >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.writeId(first) != 0, 5000);
    const uint32_t id = cluster_.writeId(first);
    bool answered = false;
    for (const QList<QVariant>& a : spy) answered |= a.at(0).toLongLong() == first;
    QVERIFY2(!answered, "the id came with the answer, not before it");
    cluster_.healAll();
    waitForLeader();
    const auto again = write(leader, QStringLiteral("early+=1"), id, 10000);
    QVERIFY2(again && again->ok, again ? qPrintable(again->detail) : qPrintable(test::describeCluster(cluster_)));
    QCOMPARE(again->write, id);
    // Committed everywhere; applied once: if the first try was still in the
    // log, the resend's copy is recognised by the session table (no
    // "applied twice" finding).
    const Journal& j = cluster_.journal();
    uint32_t merged = 0;
    for (const Event& e : j.events())
      if (e.kind == EventKind::ClientWrite && e.attempt() == 0 && j.writes()[e.write()].text == "early+=1") merged = e.write();
    QVERIFY(merged != 0);
    const auto committed = [&] {
      for (NodeId n = 0; n < 3; ++n)
        if (cluster_.state().firstIndexOf(n, merged, cluster_.state().nodes[n].commit) == 0) return false;
      return true;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(committed(), qPrintable(test::describeCluster(cluster_)), 5000);
    QVERIFY(noWriteAppliedTwice());
  }

  void cleanupTestCase() { cluster_.stop(); }
};

QTEST_GUILESS_MAIN(TestLiveRungs)
#include "test_live_rungs.moc"

// Partitions, cuts and forced timeouts enforced by the real nodes' transports.
#include <QSignalSpy>
#include <QElapsedTimer>
#include <QtTest>

#include "support/live_support.h"
#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"

using namespace radeau;
using namespace radeau::live;

namespace {
const QString kNode = test::kNodeBinary;


// Leaders per partition group: (node, term) of every alive leader.
std::vector<std::pair<NodeId, uint32_t>> leaders(const ClusterState& s) {
  std::vector<std::pair<NodeId, uint32_t>> out;
  for (int i = 0; i < s.node_count; ++i)
    if (s.nodes[size_t(i)].alive && s.nodes[size_t(i)].role == Role::Leader) out.push_back({NodeId(i), s.nodes[size_t(i)].term});
  return out;
}
}  // namespace

class TestLivePartition : public QObject {
  Q_OBJECT
  LiveCluster cluster_;

  bool write(int node, const QString& text, int timeout_ms = 5000) {
    QSignalSpy spy(&cluster_, &LiveCluster::writeAnswered);
    qint64 id = cluster_.clientWrite(node, text);
    if (id < 0) return false;
    if (!QTest::qWaitFor([&] { return spy.count() > 0; }, timeout_ms)) return false;
    return spy.first().at(0).toLongLong() == id && spy.first().at(1).toBool();
  }

 private slots:
  void initTestCase() {
    LiveCluster::Options o;
    o.nodes = 3;
    o.node_binary = kNode;
    QString error;
    QVERIFY2(cluster_.start(o, &error), qPrintable(error));
    QTRY_VERIFY2_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), qPrintable(test::describeCluster(cluster_)), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.isUp(0) && cluster_.isUp(1) && cluster_.isUp(2), 5000);
  }

  void partitionGivesExpectedLeaders() {
    NodeId old = *agreedLeader(cluster_.state());
    uint32_t old_term = cluster_.state().nodes[old].term;
    std::vector<NodeId> rest;
    for (NodeId n = 0; n < 3; ++n)
      if (n != old) rest.push_back(n);
    cluster_.partition({{old}, rest});
    QCOMPARE(cluster_.state().group[old] == cluster_.state().group[rest[0]], false);
    // The majority side elects a leader of a newer term; the old one, alone,
    // hears no majority and steps down (check-quorum, rung 13).
    auto split = [&] {
          auto l = leaders(cluster_.state());
          bool majority_leader = false, old_still = false;
          for (auto [n, t] : l) {
            if (n != old && t > old_term) majority_leader = true;
            if (n == old) old_still = true;
          }
          return majority_leader && !old_still;
        };
    QTRY_VERIFY2_WITH_TIMEOUT(split(), qPrintable(test::describeCluster(cluster_)), 10000);
    NodeId fresh = kNoNode;
    for (auto [n, t] : leaders(cluster_.state()))
      if (n != old) fresh = n;
    // The majority commits; the isolated old leader cannot.
    QVERIFY(write(fresh, QStringLiteral("majority=1")));
    QSignalSpy spy(&cluster_, &LiveCluster::writeAnswered);
    const Seq asked = Seq(cluster_.journal().size());
    qint64 stale = cluster_.clientWrite(old, QStringLiteral("minority=1"));
    QVERIFY(stale >= 0);
    // Each heartbeat of the old leader is a chance to replicate and commit:
    // after ten of them (its clock, not the test's), still no answer.
    auto heartbeats = [&] {
      int n = 0;
      const Journal& j = cluster_.journal();
      for (Seq s = asked; s < j.size(); ++s)
        n += j[s].kind == EventKind::TimerFired && j[s].node == old && j[s].timerKind() == TimerKind::Heartbeat;
      return n;
    };
    // With check-quorum it is no leader any more: the write is refused at
    // once (the client told to go elsewhere), never acknowledged.
    QVERIFY2(QTest::qWaitFor([&] { return heartbeats() >= 10 || !spy.isEmpty(); }, 10000),
             qPrintable(test::describeCluster(cluster_)));
    for (const QList<QVariant>& answer : spy)
      QVERIFY2(!answer.at(1).toBool(), "a node without a majority acknowledged a write");
    uint32_t old_commit = cluster_.state().nodes[old].commit;
    // Heal: one leader, the newest; the old one steps down and its uncommitted write is replaced.
    cluster_.healAll();
    auto healed = [&] {
          auto l = agreedLeader(cluster_.state());
          if (!l || *l == old) return false;
          const NodeState& x = cluster_.state().nodes[old];
          return x.role == Role::Follower && x.log == cluster_.state().nodes[*l].log;
        };
    QTRY_VERIFY2_WITH_TIMEOUT(healed(), qPrintable(test::describeCluster(cluster_)), 10000);
    QVERIFY(cluster_.state().nodes[old].commit >= old_commit);
    QCOMPARE(leaders(cluster_.state()).size(), size_t(1));
  }

  void cutLinkAndForcedTimeout() {
    NodeId l = *agreedLeader(cluster_.state());
    NodeId f = NodeId((l + 1) % 3);
    cluster_.cut(l, f);
    // Messages on the cut link are dropped by the nodes' transports (LinkCut).
    Seq from = Seq(cluster_.journal().size());
    auto dropped = [&] {
          const Journal& j = cluster_.journal();
          for (Seq s = from; s < j.size(); ++s)
            if (j[s].kind == EventKind::MessageDropped && j[s].dropReason() == DropReason::LinkCut) return true;
          return false;
        };
    QTRY_VERIFY_WITH_TIMEOUT(dropped(), 5000);
    cluster_.heal(l, f);
    QTRY_VERIFY_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), 10000);
    // A forced timeout on a follower makes it ask for a pre-vote at once
    // (rung 13): its term does not move while the others still hear the leader.
    l = *agreedLeader(cluster_.state());
    f = NodeId((l + 1) % 3);
    const Seq before_force = Seq(cluster_.journal().size());
    cluster_.forceTimeout(f);
    auto asked = [&] {
      const Journal& j = cluster_.journal();
      for (Seq s = before_force; s < j.size(); ++s)
        if (j[s].isMessage(MsgType::PreVoteRequest) && j[s].node == f) return true;
      return false;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(asked(), qPrintable(test::describeCluster(cluster_)), 5000);
    bool forced = false;
    for (const Event& e : cluster_.journal().events()) forced |= e.kind == EventKind::TimeoutForced && e.node == f;
    QVERIFY(forced);
    QTRY_VERIFY_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), 10000);
  }

  void freezeStopsTheClocks() {
    QTRY_VERIFY_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), 10000);
    cluster_.setFrozen(true);
    // Let the batches already on their way arrive: wait until the journal has
    // not grown for 200 ms (on a loaded machine they may take a while).
    size_t before = cluster_.journal().size();
    QElapsedTimer quiet;
    quiet.start();
    QVERIFY(QTest::qWaitFor([&] {
      if (cluster_.journal().size() != before) before = cluster_.journal().size(), quiet.restart();
      return quiet.elapsed() >= 200;
    }, 5000));
    QTest::qWait(500);  // two election timeouts: nothing may happen (an absence takes its time to show)
    QCOMPARE(cluster_.journal().size(), before);
    cluster_.setFrozen(false);
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.journal().size() > before, 2000);
    QVERIFY(write(*agreedLeader(cluster_.state()), QStringLiteral("thawed=1")));
  }

  void checkerIsClean() {
    QCOMPARE(safetyFindings(cluster_.state(), cluster_.journal()), 0);
    QVERIFY(fold(cluster_.config(), cluster_.journal(), Seq(cluster_.journal().size())) == cluster_.state());
  }

  void cleanupTestCase() { cluster_.stop(); }
};

QTEST_GUILESS_MAIN(TestLivePartition)
#include "test_live_partition.moc"

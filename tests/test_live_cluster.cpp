// A live cluster of real radeau-node processes on loopback: election, kill -9
// of the leader, restart from the files with every acknowledged write, and a
// merged journal that folds, passes the checker and continues in simulation.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "support/live_support.h"
#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"
#include "core/format.h"
#include "core/recorder.h"
#include "core/simulator.h"

using namespace radeau;
using namespace radeau::live;

namespace {
const QString kNode = test::kNodeBinary;


bool logHoldsWrite(const NodeState& x, const Journal& j, const QString& text) {
  for (const Entry& e : x.log)
    if (e.write && QString::fromStdString(j.writes()[e.write].text) == text) return true;
  return false;
}
}  // namespace

class TestLiveCluster : public QObject {
  Q_OBJECT
  LiveCluster cluster_;
  NodeId first_leader_ = kNoNode;
  uint32_t first_term_ = 0;
  QStringList acked_;

  // Writes through `node`'s client port and waits for every answer.
  bool writeAll(int node, const QStringList& texts) {
    QSignalSpy spy(&cluster_, &LiveCluster::writeAnswered);
    for (const QString& t : texts)
      if (cluster_.clientWrite(node, t) < 0) return false;
    if (!QTest::qWaitFor([&] { return spy.count() >= texts.size(); }, 10000)) return false;
    for (const auto& args : spy)
      if (!args.at(1).toBool()) {
        qWarning() << "write failed:" << args.at(2).toString();
        return false;
      }
    acked_ += texts;
    return true;
  }

 private slots:
  void initTestCase() {
    QVERIFY2(QFileInfo::exists(kNode), qPrintable(kNode));
    LiveCluster::Options o;
    o.nodes = 3;
    o.node_binary = kNode;
    QString error;
    QVERIFY2(cluster_.start(o, &error), qPrintable(error));
  }

  void electsOneLeader() {
    QTRY_VERIFY2_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), qPrintable(test::describeCluster(cluster_)), 10000);
    first_leader_ = *agreedLeader(cluster_.state());
    first_term_ = cluster_.state().nodes[first_leader_].term;
    QVERIFY(first_term_ >= 1);
    // Real processes sent real messages: every vote request was delivered or dropped by a node.
    int sent = 0, delivered = 0;
    for (const Event& e : cluster_.journal().events()) {
      sent += e.kind == EventKind::MessageSent;
      delivered += e.kind == EventKind::MessageDelivered && e.ref != kNoSeq;
    }
    QVERIFY(sent > 0 && delivered > 0);
    // Writes to the leader and, forwarded, through a follower.
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.isUp(0) && cluster_.isUp(1) && cluster_.isUp(2), 5000);
    QVERIFY(writeAll(first_leader_, {"x=1", "y=2", "z=3"}));
    QVERIFY(writeAll((first_leader_ + 1) % 3, {"w=4"}));
  }

  void killLeaderGivesNewLeader() {
    QVERIFY(first_leader_ != kNoNode);
    QVERIFY(cluster_.crash(first_leader_));
    // crash() waits a bounded time for the process and its stream to end: on
    // a starved machine its Crashed event is merged a little later (once the
    // stream's earlier events are), so the test waits for the event.
    QTRY_VERIFY_WITH_TIMEOUT(!cluster_.state().nodes[first_leader_].alive, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!cluster_.isUp(first_leader_), 15000);
    QTRY_VERIFY2_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value() && *agreedLeader(cluster_.state()) != first_leader_,
                              qPrintable(test::describeCluster(cluster_)), 10000);
    NodeId leader = *agreedLeader(cluster_.state());
    QVERIFY(cluster_.state().nodes[leader].term > first_term_);
    QVERIFY(writeAll(leader, {"after=1", "after=2"}));
  }

  void restartedNodeKeepsAckedEntriesAndCatchesUp() {
    QSignalSpy started(&cluster_, &LiveCluster::nodeStarted);
    QVERIFY(cluster_.restart(first_leader_));
    QTRY_VERIFY2_WITH_TIMEOUT(cluster_.isUp(first_leader_), qPrintable(test::describeCluster(cluster_)), 10000);
    // What it read from its files: the state just at its Restarted event.
    const Journal& j = cluster_.journal();
    Seq restarted = kNoSeq;
    for (Seq s = 0; s < j.size(); ++s)
      if (j[s].kind == EventKind::Restarted && j[s].node == first_leader_) restarted = s;
    QVERIFY(restarted != kNoSeq);
    ClusterState at = fold(cluster_.config(), j, restarted + 1);
    for (const char* t : {"x=1", "y=2", "z=3", "w=4"})
      QVERIFY2(logHoldsWrite(at.nodes[first_leader_], j, QString::fromLatin1(t)), t);
    QVERIFY(at.nodes[first_leader_].term >= first_term_);
    // No recovery event removed anything: its files held what the cluster saw.
    for (Seq s = restarted; s > 0 && j[s - 1].kind != EventKind::Crashed; --s)
      QVERIFY(!(j[s - 1].kind == EventKind::LogTruncated && j[s - 1].node == first_leader_));
    // It catches up: the leader's log and commit.
    auto caught_up = [&] {
          auto l = agreedLeader(cluster_.state());
          if (!l) return false;
          const NodeState& x = cluster_.state().nodes[first_leader_];
          const NodeState& y = cluster_.state().nodes[*l];
          return x.log == y.log && x.commit == y.commit && logHoldsWrite(x, cluster_.journal(), "after=2");
        };
    QTRY_VERIFY2_WITH_TIMEOUT(caught_up(), qPrintable(test::describeCluster(cluster_)), 10000);
  }

  void killUnderLoadLosesNoAckedWrite() {
    QTRY_VERIFY_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), 10000);
    NodeId leader = *agreedLeader(cluster_.state());
    QSignalSpy spy(&cluster_, &LiveCluster::writeAnswered);
    std::map<qint64, QString> texts;
    for (int i = 0; i < 300; ++i) {
      QString t = QStringLiteral("load=%1").arg(i);
      qint64 id = cluster_.clientWrite(leader, t);
      QVERIFY(id >= 0);
      texts[id] = t;
    }
    // kill -9 while answers are still coming.
    QTRY_VERIFY2_WITH_TIMEOUT(spy.count() >= 20, qPrintable(test::describeCluster(cluster_) + QString::number(spy.count())), 10000);
    QVERIFY(cluster_.crash(leader));
    QStringList acked;
    for (const auto& args : spy)
      if (args.at(1).toBool()) acked << texts[args.at(0).toLongLong()];
    QVERIFY(!acked.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), 10000);
    NodeId next = *agreedLeader(cluster_.state());
    for (const QString& t : acked) QVERIFY2(logHoldsWrite(cluster_.state().nodes[next], cluster_.journal(), t), qPrintable(t));
    // The killed leader's own files hold every write it acknowledged.
    QVERIFY(cluster_.restart(leader));
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.isUp(leader), 10000);
    const Journal& j = cluster_.journal();
    Seq restarted = kNoSeq;
    for (Seq s = 0; s < j.size(); ++s)
      if (j[s].kind == EventKind::Restarted && j[s].node == leader) restarted = s;
    QVERIFY(restarted != kNoSeq);
    ClusterState at = fold(cluster_.config(), j, restarted + 1);
    for (const QString& t : acked) QVERIFY2(logHoldsWrite(at.nodes[leader], j, t), qPrintable(t));
  }

  void mergedJournalPassesTheChecker() {
    // Let a little more happen, then stop the processes: the journal stays, complete.
    const size_t before = cluster_.journal().size();
    QVERIFY(QTest::qWaitFor([&] { return cluster_.journal().size() > before; }, 5000));
    cluster_.stop();
    const Journal& j = cluster_.journal();
    const ClusterState& s = cluster_.state();
    QCOMPARE(safetyFindings(s, j), 0);
    // The fold of the merged journal is the state the observer holds.
    QVERIFY(fold(cluster_.config(), j, Seq(j.size())) == s);
    // A fresh checker over the journal finds nothing either.
    for (const Event& f : Recorder::check(cluster_.config(), j)) QVERIFY2(!isSafetyFinding(f.findingKind()), "safety finding on a refold");
    // Deliveries point at their MessageSent (sender -> receiver), time never goes back.
    Time last = 0;
    for (Seq i = 0; i < j.size(); ++i) {
      const Event& e = j[i];
      QVERIFY(e.time_us >= last);
      last = e.time_us;
      if (e.kind == EventKind::MessageDelivered && e.ref != kNoSeq) {
        QVERIFY(e.ref < i);
        QCOMPARE(j[e.ref].kind, EventKind::MessageSent);
        QCOMPARE(j[e.ref].node, e.peer);
        QCOMPARE(j[e.ref].peer, e.node);
      }
    }
    // Saved as a .radeau recording and reopened as a normal one: the same journal.
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("live.radeau"));
    std::string error;
    QVERIFY2(cluster_.save(path, error), error.c_str());
    std::unique_ptr<Run> run = loadRun(path, error);
    QVERIFY2(run, error.c_str());
    QCOMPARE(run->journal(0).canonicalBytes(), cluster_.recording().journals[0].canonicalBytes());
    // From the live past, a branch continues in simulation, safely.
    Simulator sim = Simulator::resume(cluster_.config(), j, Seq(j.size()));
    sim.runUntil(sim.now() + 3'000'000);
    QCOMPARE(safetyFindings(sim.state(), sim.journal()), 0);
    QVERIFY(agreedLeader(sim.state()).has_value());
  }

  void cleanupTestCase() {
    if (qEnvironmentVariableIsSet("RADEAU_LIVE_DUMP")) {
      EventFormatter f(cluster_.config().names, cluster_.journal());
      for (Seq i = 0; i < cluster_.journal().size(); ++i)
        std::printf("%s\n", f.line(cluster_.journal()[i], i).c_str());
    }
    cluster_.stop();
    QVERIFY(!cluster_.isUp(0));
  }
};

QTEST_GUILESS_MAIN(TestLiveCluster)
#include "test_live_cluster.moc"

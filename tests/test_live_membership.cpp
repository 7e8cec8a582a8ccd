// Rung 16 with real node processes on loopback (issue 15, live part): a node
// process added to a running 3-node cluster starts empty, catches up from the
// leader and counts in the majority; a node removed stops counting and its
// process is stopped once the change commits. Every wait is on the merged
// journal or an answer, with a bound; no sleeps.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include "support/live_support.h"
#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"

using namespace radeau;
using namespace radeau::live;

namespace {
const QString kNode = test::kNodeBinary;
constexpr uint16_t bit(int n) { return uint16_t(1u << n); }
}  // namespace

class TestLiveMembership : public QObject {
  Q_OBJECT
  QElapsedTimer clock_;

  struct Answer {
    bool ok = false;
    QString detail;
  };
  static std::optional<Answer> write(LiveCluster& c, int node, const QString& text, int timeout_ms = 5000) {
    QSignalSpy spy(&c, &LiveCluster::writeAnswered);
    const qint64 id = c.clientWrite(node, text);
    if (id < 0) return std::nullopt;
    const QList<QVariant>* a = test::answerTo(spy, id, timeout_ms);
    if (!a) return std::nullopt;
    return Answer{a->at(1).toBool(), a->at(2).toString()};
  }
  // The answer to a membership change of `node`: (ok, event).
  static std::optional<std::pair<bool, quint32>> waitMembership(QSignalSpy& spy, int node, int timeout_ms = 10000) {
    const QList<QVariant>* a = test::answerTo(spy, node, timeout_ms);  // membershipAnswered names the node first
    if (!a) return std::nullopt;
    return std::pair{a->at(2).toBool(), a->at(3).value<quint32>()};
  }
  // The leader followed by a majority of its configuration, all of whose
  // members are up: a settled cluster to start from.
  static std::optional<NodeId> settledLeader(const LiveCluster& c) {
    auto l = agreedLeader(c.state());
    if (!l) return std::nullopt;
    const NodeState& x = c.state().nodes[*l];
    for (int n = 0; n < c.nodeCount(); ++n)
      if (x.isMember(NodeId(n)) && !c.isUp(n)) return std::nullopt;
    return l;
  }
  static bool start(LiveCluster& c, int nodes, int spares) {
    LiveCluster::Options o;
    o.nodes = nodes;
    o.spares = spares;
    o.node_binary = kNode;
    QString error;
    if (!c.start(o, &error)) {
      qWarning("cannot start: %s", qPrintable(error));
      return false;
    }
    return true;
  }

 private slots:
  void init() { clock_.start(); }
  void cleanup() { qInfo("%s: %lld ms", QTest::currentTestFunction(), clock_.elapsed()); }

  // A 4th node process joins 3 running ones: it starts empty, the leader adds
  // it (a configuration entry), it catches up, and then it counts: with one
  // original follower crashed, a write commits only because the new node
  // acknowledges it (3 of 4), the leader's majority being 3.
  void anAddedNodeCatchesUpAndCountsInTheMajority() {
    LiveCluster c;
    QVERIFY(start(c, 3, 1));
    QCOMPARE(c.nodeCount(), 4);
    QCOMPARE(c.config().initialMembers(), uint16_t(0b0111));
    QTRY_VERIFY2_WITH_TIMEOUT(settledLeader(c).has_value(), qPrintable(test::describeCluster(c)), 10000);
    QVERIFY(!c.isUp(3) && c.processId(3) == 0);  // a spare has no process until it is added
    const NodeId leader = *settledLeader(c);
    for (int i = 0; i < 3; ++i) {
      const auto w = write(c, leader, QStringLiteral("k%1=%1").arg(i));
      QVERIFY2(w && w->ok, qPrintable(test::describeCluster(c)));
    }
    QCOMPARE(c.state().nodes[leader].majority(), 2);

    QSignalSpy answered(&c, &LiveCluster::membershipAnswered);
    QVERIFY(c.addNode(3));
    const auto added = waitMembership(answered, 3);
    QVERIFY2(added && added->first, qPrintable(test::describeCluster(c)));
    QVERIFY(c.isUp(3));
    // The change is the leader's entry, and it committed.
    const Journal& j = c.journal();
    QVERIFY(added->second < j.size());
    const Event& entry = j[added->second];
    QCOMPARE(entry.kind, EventKind::LogAppended);
    QCOMPARE(entry.write(), configWrite(0b1111));
    QCOMPARE(c.members(), uint16_t(0b1111));
    // It caught up: its log holds every entry the leader has committed.
    auto caughtUp = [&] {
      const NodeState& x = c.state().nodes[3];
      const NodeState& l = c.state().nodes[leader];
      if (x.lastIndex() < l.commit || l.commit < 4) return false;
      for (uint32_t i = 0; i < l.commit; ++i)
        if (!(x.log[i] == l.log[i])) return false;
      return x.leader == leader && x.isMember(3);
    };
    QTRY_VERIFY2_WITH_TIMEOUT(caughtUp(), qPrintable(test::describeCluster(c)), 10000);
    QCOMPARE(c.state().nodes[leader].majority(), 3);
    QCOMPARE(c.state().nodes[leader].memberCount(), 4);

    // It counts: a follower of the first three crashed, the write needs the
    // leader, the other follower and the new node.
    const NodeId gone = NodeId(leader == 0 ? 1 : 0);
    QVERIFY(c.crash(gone));
    const Seq before = Seq(c.journal().size());
    const auto w = write(c, leader, QStringLiteral("after-add=1"));
    QVERIFY2(w && w->ok, qPrintable(test::describeCluster(c)));
    // The new node's acknowledgement reached the leader before the commit.
    const Journal& k = c.journal();
    Seq acked = kNoSeq, committed = kNoSeq;
    uint32_t index = 0;
    for (Seq s = before; s < k.size(); ++s) {
      const Event& e = k[s];
      if (e.kind == EventKind::LogAppended && e.node == leader && index == 0 &&
          k.writes()[e.write()].text == "after-add=1")
        index = e.index();
      if (index && acked == kNoSeq && e.kind == EventKind::MessageDelivered && e.node == leader && e.peer == 3 &&
          e.ref != kNoSeq && k[e.ref].msgType() == MsgType::LogResponse && k[e.ref].success() &&
          k[e.ref].matchIndex() >= index)
        acked = s;
      if (index && committed == kNoSeq && e.kind == EventKind::CommitAdvanced && e.node == leader && e.index() >= index)
        committed = s;
    }
    QVERIFY(index != 0 && committed != kNoSeq);
    QVERIFY2(acked != kNoSeq && acked < committed, "committed without the new node's acknowledgement");
    QCOMPARE(safetyFindings(c.state(), c.journal()), 0);
    c.stop();
  }

  // A node removed from a 4-node cluster: once the change commits its process
  // is stopped and the majority is 2 of 3: with another follower crashed, a
  // write still commits (2 of the 4 would not have been a majority).
  void aRemovedNodeStopsAndNoLongerCounts() {
    LiveCluster c;
    QVERIFY(start(c, 4, 0));
    QTRY_VERIFY2_WITH_TIMEOUT(settledLeader(c).has_value(), qPrintable(test::describeCluster(c)), 10000);
    const NodeId leader = *settledLeader(c);
    const auto first = write(c, leader, QStringLiteral("a=1"));
    QVERIFY2(first && first->ok, qPrintable(test::describeCluster(c)));
    QCOMPARE(c.state().nodes[leader].majority(), 3);
    const NodeId removed = NodeId((leader + 1) % 4), crashed = NodeId((leader + 2) % 4);

    QSignalSpy answered(&c, &LiveCluster::membershipAnswered);
    QVERIFY(c.removeNode(removed));
    const auto out = waitMembership(answered, removed);
    QVERIFY2(out && out->first, qPrintable(test::describeCluster(c)));
    QCOMPARE(c.journal()[out->second].write(), configWrite(uint16_t(0b1111 & ~bit(removed))));
    QCOMPARE(c.processId(removed), 0);  // stopped
    QVERIFY(!c.state().nodes[removed].alive);
    QCOMPARE(c.members(), uint16_t(0b1111 & ~bit(removed)));
    QCOMPARE(c.state().nodes[leader].majority(), 2);

    QVERIFY(c.crash(crashed));
    const auto w = write(c, leader, QStringLiteral("a=2"));
    QVERIFY2(w && w->ok, qPrintable(test::describeCluster(c)));

    // A change that changes nothing is refused by the leader, with the core's reason.
    const auto again = [&] {
      QSignalSpy spy(&c, &LiveCluster::membershipAnswered);
      c.removeNode(removed);  // already out
      return waitMembership(spy, removed);
    }();
    QVERIFY(again && !again->first);
    QCOMPARE(c.journal()[again->second].kind, EventKind::ConfigChangeRefused);
    QCOMPARE(c.journal()[again->second].configRefusal(), ConfigRefusal::NoChange);
    QCOMPARE(safetyFindings(c.state(), c.journal()), 0);
    c.stop();
  }
};

QTEST_GUILESS_MAIN(TestLiveMembership)
#include "test_live_membership.moc"

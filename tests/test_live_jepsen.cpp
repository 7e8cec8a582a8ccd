// A Jepsen-style run against live nodes (issue 14), bounded for CI: clients
// write keys of a key-value store through the leader's client port while a
// nemesis kills the leader with SIGKILL, restarts it, and isolates the next
// leader, for RADEAU_JEPSEN_SECONDS (default 6) seconds on loopback. Then
// every fault is healed and the history is checked:
//  - every acknowledged write is in every node's final log, at the index and
//    term its acknowledgement gave, and in every node's WAL on disk;
//  - the history is linearizable: the committed log is a total order of the
//    writes that respects real time (a write acknowledged before another was
//    invoked comes first), holds no write twice and nothing nobody wrote;
//    writes that failed or got no answer may be in it or not;
//  - the final value of each key (the fold of the committed log) is the
//    value of its last write in that order;
//  - the merged journal has no safety finding.
// A longer run: RADEAU_JEPSEN_SECONDS=300 build/bin/test-live-jepsen.
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "support/live_support.h"
#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"
#include "app/node/wal.h"

using namespace radeau;
using namespace radeau::live;

namespace {

constexpr int kKeys = 5;
constexpr int kWindow = 32;  // writes outstanding at once
constexpr int kNemesisMs = 600;
constexpr int kClientTimeoutMs = 1000;

struct Op {
  QString text;                 // "k<key>=<n>": unique per op
  qint64 invoke_ns = 0;
  qint64 complete_ns = -1;      // -1: no answer yet
  enum class Result { Pending, Acked, Failed } result = Result::Pending;
  uint32_t index = 0, term = 0;  // from the acknowledgement
};

// Linearizability of a write-only history against the order the log gives:
// `position[i]` is op i's place in the committed log (nullopt: absent). Every
// acknowledged op must be present; for ops A, B both present, A answered
// before B was invoked means A comes first. Empty if so, otherwise why not.
QString checkLinearizable(const std::vector<Op>& ops, const std::vector<std::optional<size_t>>& position) {
  for (size_t i = 0; i < ops.size(); ++i)
    if (ops[i].result == Op::Result::Acked && !position[i])
      return QStringLiteral("acknowledged write '%1' is not in the committed log").arg(ops[i].text);
  // Sweep by invocation time, holding the latest position among ops answered before it.
  std::vector<size_t> by_invoke, by_complete;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (!position[i]) continue;
    by_invoke.push_back(i);
    if (ops[i].complete_ns >= 0) by_complete.push_back(i);
  }
  std::sort(by_invoke.begin(), by_invoke.end(), [&](size_t a, size_t b) { return ops[a].invoke_ns < ops[b].invoke_ns; });
  std::sort(by_complete.begin(), by_complete.end(),
            [&](size_t a, size_t b) { return ops[a].complete_ns < ops[b].complete_ns; });
  size_t done = 0;
  std::optional<size_t> latest;  // op answered so far with the largest position
  for (size_t i : by_invoke) {
    while (done < by_complete.size() && ops[by_complete[done]].complete_ns < ops[i].invoke_ns) {
      size_t c = by_complete[done++];
      if (!latest || *position[c] > *position[*latest]) latest = c;
    }
    if (latest && *position[i] < *position[*latest])
      return QStringLiteral("'%1' was answered before '%2' was invoked, but comes after it in the log")
          .arg(ops[*latest].text, ops[i].text);
  }
  return {};
}

}  // namespace

class TestLiveJepsen : public QObject {
  Q_OBJECT

 private slots:
  // The checker itself, on hand-made histories.
  void checkerFindsRealTimeViolations() {
    std::vector<Op> ops(3);
    ops[0] = {QStringLiteral("k0=0"), 0, 10, Op::Result::Acked};
    ops[1] = {QStringLiteral("k1=1"), 20, 30, Op::Result::Acked};
    ops[2] = {QStringLiteral("k2=2"), 5, -1, Op::Result::Failed};
    QCOMPARE(checkLinearizable(ops, {0, 1, std::nullopt}), QString());
    QCOMPARE(checkLinearizable(ops, {0, 2, 1}), QString());  // concurrent with both: anywhere
    QVERIFY(checkLinearizable(ops, {1, 0, std::nullopt}).contains("comes after"));
    QVERIFY(checkLinearizable(ops, {0, std::nullopt, 1}).contains("not in the committed log"));
    ops[1].invoke_ns = 8;  // overlaps op 0: either order
    QCOMPARE(checkLinearizable(ops, {1, 0, std::nullopt}), QString());
  }

  void acknowledgedWritesSurviveKillsAndPartitions() {
    const int seconds = qEnvironmentVariableIsSet("RADEAU_JEPSEN_SECONDS")
                            ? std::max(1, qEnvironmentVariableIntValue("RADEAU_JEPSEN_SECONDS"))
                            : 6;
    LiveCluster cluster;
    LiveCluster::Options o;
    o.nodes = 3;
    o.node_binary = test::kNodeBinary;
    QString error;
    QVERIFY2(cluster.start(o, &error), qPrintable(error));
    QVERIFY2(QTest::qWaitFor([&] {
      return agreedLeader(cluster.state()).has_value() && cluster.isUp(0) && cluster.isUp(1) && cluster.isUp(2);
    }, 15000), qPrintable(test::describeCluster(cluster)));

    // --- Clients ------------------------------------------------------------
    QElapsedTimer clock;
    clock.start();
    std::vector<Op> ops;
    std::map<qint64, size_t> in_flight;  // request id -> op
    std::vector<int> next_value(kKeys, 0);
    bool running = true;
    auto sendSome = [&] {
      std::optional<NodeId> leader = agreedLeader(cluster.state());
      if (!running || !leader) return;
      while (in_flight.size() < size_t(kWindow)) {
        const int key = int(ops.size() % kKeys);
        Op op;
        op.text = QStringLiteral("k%1=%2").arg(key).arg(next_value[size_t(key)]);
        op.invoke_ns = clock.nsecsElapsed();
        const qint64 id = cluster.clientWrite(*leader, op.text);
        if (id < 0) return;  // its client port is not connected (yet)
        ++next_value[size_t(key)];
        in_flight[id] = ops.size();
        ops.push_back(op);
      }
    };
    connect(&cluster, &LiveCluster::writeAnswered, this, [&](qint64 id, bool ok, const QString& detail) {
      auto it = in_flight.find(id);
      if (it == in_flight.end()) return;
      Op& op = ops[it->second];
      in_flight.erase(it);
      op.complete_ns = clock.nsecsElapsed();
      op.result = ok ? Op::Result::Acked : Op::Result::Failed;
      if (ok) {  // "index I term T"
        const QStringList w = detail.split(QLatin1Char(' '));
        if (w.size() == 4) op.index = w[1].toUInt(), op.term = w[3].toUInt();
      }
      sendSome();
    });
    // The pulse gives up on writes unanswered for kClientTimeoutMs (they stay
    // indeterminate: a write held by an isolated leader may never be
    // answered) and sends again when no leader was agreed or its client port
    // was not connected.
    QTimer pulse;
    connect(&pulse, &QTimer::timeout, this, [&] {
      const qint64 now = clock.nsecsElapsed();
      for (auto it = in_flight.begin(); it != in_flight.end();)
        it = now - ops[it->second].invoke_ns > qint64(kClientTimeoutMs) * 1'000'000 ? in_flight.erase(it) : std::next(it);
      sendSome();
    });
    pulse.start(20);

    // --- Nemesis: kill the leader, restart it, isolate the next one, heal ---
    int kills = 0, isolations = 0, step = 0;
    std::optional<int> down, isolated;
    QTimer nemesis;
    connect(&nemesis, &QTimer::timeout, this, [&] {
      std::optional<NodeId> leader = agreedLeader(cluster.state());
      switch (step % 4) {
        case 0:
          if (!leader) return;  // wait for one
          down = *leader;
          cluster.crash(*down);
          ++kills;
          break;
        case 1:
          cluster.restart(*down);
          break;
        case 2:
          if (!leader) return;
          isolated = *leader;
          cluster.isolate(*isolated);
          ++isolations;
          break;
        case 3:
          cluster.healAll();
          break;
      }
      ++step;
    });
    // The run lasts as many nemesis steps as fit in `seconds` (each waits for
    // an agreed leader where it needs one, hence the deadline's margin).
    const int steps = std::max(4, seconds * 1000 / kNemesisMs);
    nemesis.start(kNemesisMs);
    QVERIFY2(QTest::qWaitFor([&] { return step >= steps; }, seconds * 3000 + 20000),
             qPrintable(test::describeCluster(cluster)));
    nemesis.stop();
    running = false;
    pulse.stop();

    // --- Heal everything and let every node catch up -------------------------
    cluster.healAll();
    for (int i = 0; i < cluster.nodeCount(); ++i)
      if (!cluster.processId(i)) cluster.restart(i);
    QVERIFY2(test::clusterCommits(cluster, QStringLiteral("final")), qPrintable(test::describeCluster(cluster)));
    const Journal& j = cluster.journal();
    auto caughtUp = [&] {
      const ClusterState& s = cluster.state();
      for (int i = 0; i < s.node_count; ++i) {
        const NodeState& x = s.nodes[size_t(i)];
        if (!cluster.isUp(i) || x.commit != s.nodes[0].commit || x.log.size() < x.commit) return false;
        for (uint32_t k = 0; k < x.commit; ++k)
          if (!(x.log[k] == s.nodes[0].log[k])) return false;
      }
      const NodeState& first = s.nodes[0];
      for (uint32_t k = 0; k < first.commit; ++k)
        if (first.log[k].write && j.writes()[first.log[k].write].text == "final") return true;
      return false;
    };
    QVERIFY2(QTest::qWaitFor(caughtUp, 15000), qPrintable(test::describeCluster(cluster)));

    // --- Check -----------------------------------------------------------------
    const NodeState& x = cluster.state().nodes[0];
    std::map<std::string, size_t> place;  // text -> position in the committed log
    std::vector<std::string> committed;
    for (uint32_t k = 0; k < x.commit; ++k) {
      const Entry& e = x.log[k];
      if (!e.write) continue;  // a leader's no-op
      const std::string& text = j.writes()[e.write].text;
      QVERIFY2(place.emplace(text, k).second, ("written twice: " + text).c_str());
      committed.push_back(text);
    }
    std::map<std::string, size_t> op_of;
    for (size_t i = 0; i < ops.size(); ++i) op_of[ops[i].text.toStdString()] = i;
    for (const std::string& t : committed)
      QVERIFY2(t == "final" || op_of.count(t), ("in the log but never written: " + t).c_str());
    std::vector<std::optional<size_t>> position(ops.size());
    // Writes without an answer (given up, or still out) are indeterminate.
    int acked = 0, failed = 0, unanswered = 0;
    for (size_t i = 0; i < ops.size(); ++i) {
      auto it = place.find(ops[i].text.toStdString());
      if (it != place.end()) position[i] = it->second;
      if (ops[i].result == Op::Result::Acked) {
        ++acked;
        // At the index and term its acknowledgement gave.
        QVERIFY2(it != place.end() && it->second + 1 == ops[i].index && x.log[it->second].term == ops[i].term,
                 qPrintable(QStringLiteral("'%1' acknowledged at index %2 term %3").arg(ops[i].text).arg(ops[i].index).arg(ops[i].term)));
      } else {
        ++(ops[i].result == Op::Result::Failed ? failed : unanswered);
      }
    }
    const QString why = checkLinearizable(ops, position);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    // The key-value store: each key's final value is its last write in the log.
    std::map<int, QString> store;
    for (const std::string& t : committed) {
      const QString w = QString::fromStdString(t);
      if (w.startsWith(QLatin1Char('k'))) store[w.mid(1, w.indexOf(QLatin1Char('=')) - 1).toInt()] = w;
    }
    for (const auto& [key, last] : store) {
      auto it = std::find_if(committed.rbegin(), committed.rend(), [&](const std::string& t) {
        return QString::fromStdString(t).startsWith(QStringLiteral("k%1=").arg(key));
      });
      QCOMPARE(QString::fromStdString(*it), last);
    }
    // Every acknowledged write is on every node's disk.
    for (int n = 0; n < cluster.nodeCount(); ++n) {
      QVERIFY2(QTest::qWaitFor([&] {
        QFile f(cluster.dataDir(n) + QStringLiteral("/wal"));
        if (!f.open(QIODevice::ReadOnly)) return false;
        node::Persisted p;
        size_t valid = 0;
        std::string note, werror;
        if (!node::readWal(f.readAll().toStdString(), p, valid, note, werror, 3)) return false;
        std::set<std::string> texts;
        for (const auto& [w, text] : p.texts) texts.insert(text);
        for (const Op& op : ops)
          if (op.result == Op::Result::Acked && !texts.count(op.text.toStdString())) return false;
        return true;
      }, 5000), qPrintable(QStringLiteral("node %1's WAL lacks an acknowledged write").arg(n)));
    }
    QCOMPARE(safetyFindings(cluster.state(), j), 0);
    qInfo("%d writes: %d acknowledged, %d failed, %d unanswered; %d kills, %d isolations in %d s; anomalies: 0",
          int(ops.size()), acked, failed, unanswered, kills, isolations, seconds);
    QVERIFY(acked > 0 && kills > 0 && isolations > 0);
    cluster.stop();
  }
};

QTEST_GUILESS_MAIN(TestLiveJepsen)
#include "test_live_jepsen.moc"

// radeau-node --delay-ms: every message waits its own latency draw before it
// is sent, so a real cluster on loopback runs at a pace a person can follow.
// Without it, loopback delivers in well under a millisecond.
#include <QtTest>

#include "support/live_support.h"
#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"
#include "app/node/node.h"

using namespace radeau;
using namespace radeau::live;

namespace {
// (send -> delivery) delays of every delivered message, and the draws the senders recorded.
struct Flights {
  std::vector<Time> delivered_after_us;
  std::vector<Time> drawn_us;
};
Flights flights(const Journal& j) {
  Flights f;
  for (const Event& e : j.events()) {
    if (e.kind == EventKind::MessageSent) f.drawn_us.push_back(e.dt_us);
    if (e.kind == EventKind::MessageDelivered && e.ref < j.size()) f.delivered_after_us.push_back(e.time_us - j[e.ref].time_us);
  }
  return f;
}

// Starts 3 nodes with fast timers, waits for a leader and 20 deliveries.
Flights run(const QStringList& extra) {
  LiveCluster c;
  LiveCluster::Options o;
  o.nodes = 3;
  o.node_binary = test::kNodeBinary;
  o.extra_node_args = QStringList{"--election-ms", "300-600", "--heartbeat-ms", "100"} + extra;
  QString error;
  if (!c.start(o, &error)) qFatal("%s", qPrintable(error));
  (void)QTest::qWaitFor([&] { return agreedLeader(c.state()) && flights(c.journal()).delivered_after_us.size() >= 20; }, 8000);
  Flights f = flights(c.journal());
  c.stop();
  return f;
}
}  // namespace

class TestLiveDelay : public QObject {
  Q_OBJECT
 private slots:
  void parsesTheOption() {
    using node::NodeOptions;
    const QStringList base{"--name", "a", "--peers", "a=127.0.0.1:1,b=127.0.0.1:2", "--data-dir", "/tmp/x", "--token", "12345678"};
    NodeOptions o;
    QString error;
    QVERIFY2(node::parseNodeOptions(base + QStringList{"--delay-ms", "150-300", "--seed", "7"}, o, error), qPrintable(error));
    QVERIFY(o.delay_sends);
    QCOMPARE(o.timing.latency_min_us, Time(150'000));
    QCOMPARE(o.timing.latency_max_us, Time(300'000));
    QVERIFY(o.seeded);
    QCOMPARE(o.seed, uint64_t(7));
    NodeOptions plain;
    QVERIFY(node::parseNodeOptions(base, plain, error));
    QVERIFY(!plain.delay_sends);
    for (const char* bad : {"300-150", "abc", "-5", "1-20000"}) {
      NodeOptions x;
      QVERIFY2(!node::parseNodeOptions(base + QStringList{"--delay-ms", bad}, x, error), bad);
      QVERIFY(error.contains("--delay-ms"));
    }
    // How often a node compacts: the talk's 8 by default, any count up to the scripts' bound.
    QCOMPARE(plain.timing.snapshot_entries, 8u);
    NodeOptions rare;
    QVERIFY2(node::parseNodeOptions(base + QStringList{"--snapshot-entries=10000"}, rare, error), qPrintable(error));
    QCOMPARE(rare.timing.snapshot_entries, 10'000u);
    for (const char* bad : {"0", "x", "-1", "1000001"}) {
      NodeOptions x;
      QVERIFY2(!node::parseNodeOptions(base + QStringList{"--snapshot-entries", bad}, x, error), bad);
      QVERIFY(error.contains("--snapshot-entries"));
    }
  }

  void delaysEveryDelivery() {
    Flights f = run({"--delay-ms", "80-120"});
    QVERIFY2(f.delivered_after_us.size() >= 20, qPrintable(QString::number(f.delivered_after_us.size())));
    for (Time d : f.drawn_us) QVERIFY2(d >= 80'000 && d <= 120'000, qPrintable(QString::number(d)));
    // Each message left its sender only after its draw, so it is delivered no
    // sooner. Measured on the merged journal, whose times are kept
    // non-decreasing in arrival order: a send merged late (a loaded machine)
    // gets a later time, so a few can look shorter. Most must not.
    std::vector<Time> d = f.delivered_after_us;
    std::sort(d.begin(), d.end());
    size_t early = size_t(std::count_if(d.begin(), d.end(), [](Time x) { return x < 79'000; }));
    QVERIFY2(early * 10 <= d.size(), qPrintable(QStringLiteral("%1 of %2 early, first %3").arg(early).arg(d.size()).arg(d.front())));
    QVERIFY2(d[d.size() / 2] >= 80'000, qPrintable(QString::number(d[d.size() / 2])));
    QVERIFY2(d.back() < 400'000, qPrintable(QString::number(d.back())));
  }

  void withoutItLoopbackIsFast() {
    Flights f = run({});
    QVERIFY(f.delivered_after_us.size() >= 20);
    std::vector<Time> d = f.delivered_after_us;
    std::sort(d.begin(), d.end());
    QVERIFY2(d[d.size() / 2] < 20'000, qPrintable(QString::number(d[d.size() / 2])));  // the median: no delay
  }
};

QTEST_GUILESS_MAIN(TestLiveDelay)
#include "test_live_delay.moc"

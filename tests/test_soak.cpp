// Soak: full Raft survives thousands of random fault schedules (crashes,
// restarts, partitions, cut links, loss, duplication, latency spikes, forced
// timeouts, client writes) with no safety violation; and the checker catches
// deliberately broken variants within a bounded number of runs. Every finding
// is printed with the seed and the command that reproduces it.
#include <QtTest>

#include <set>

#include <algorithm>
#include <chrono>

#include "core/concepts.h"
#include "core/simulator.h"
#include "core/soak.h"

using namespace radeau;

namespace {

QString reproduce(uint64_t seed, const SoakOptions& o) {
  return QString("radeau-cli soak --runs 1 --seed %1 --nodes %2 --concepts \"%3\"")
      .arg(seed)
      .arg(o.nodes)
      .arg(QString::fromStdString(describeConcepts(o.concepts)));
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

class TestSoak : public QObject {
  Q_OBJECT

 private slots:
  void fullRaftSurvivesRandomSchedules_data();
  void fullRaftSurvivesRandomSchedules();
  void fullRaftRecoversOnceFaultsEnd();
  void clientAnswersMatchTheLogs();
  void brokenVariantIsCaught_data();
  void brokenVariantIsCaught();
};

void TestSoak::fullRaftSurvivesRandomSchedules_data() {
  QTest::addColumn<int>("nodes");
  QTest::addColumn<int>("runs");
  QTest::newRow("5 nodes") << 5 << 2000;
  QTest::newRow("3 nodes") << 3 << 1000;
  QTest::newRow("7 nodes") << 7 << 500;
}

void TestSoak::fullRaftSurvivesRandomSchedules() {
  QFETCH(int, nodes);
  QFETCH(int, runs);
  SoakOptions o;
  o.nodes = nodes;
  const auto start = std::chrono::steady_clock::now();
  size_t events = 0;
  int failed = 0;
  QString report;
  for (uint64_t seed = 1; seed <= uint64_t(runs); ++seed) {
    SoakResult r = runSoak(seed, o);
    events += r.events;
    QVERIFY2(r.events > 500, qPrintable(QString("seed %1: only %2 events").arg(seed).arg(r.events)));
    if (r.violations.empty()) continue;
    if (++failed <= 5) {
      report += QString("\nseed %1: %2 violation(s); reproduce with: %3").arg(seed).arg(r.violations.size()).arg(reproduce(seed, o));
      for (const std::string& v : r.violations) report += "\n    " + QString::fromStdString(v);
      if (failed == 1) report += "\n" + QString::fromStdString(soakScript(soakSchedule(seed, o)));
    }
  }
  qInfo("%d runs of full Raft on %d nodes: %zu events, %d with violations, %.2f s", runs, nodes, events, failed,
        secondsSince(start));
  QVERIFY2(failed == 0, qPrintable(QString("%1 of %2 runs violated safety:").arg(failed).arg(runs) + report));
}

// Liveness: once every node is up and every link healed (the end of each
// schedule), full Raft settles: one leader in the highest term, equal logs,
// everything committed. Runs with message loss (a lost heartbeat can start an
// election at any instant) or latency spikes beyond the election timeout are
// left out: there, "settled at this instant" is not a property of Raft.
void TestSoak::fullRaftRecoversOnceFaultsEnd() {
  SoakOptions o;
  int checked = 0;
  for (uint64_t seed = 1; seed <= 2000; ++seed) {
    SoakRun run = soakSchedule(seed, o);
    if (run.config.network.loss > 0 || run.config.timing.latency_max_us > 100'000) continue;
    ++checked;
    Simulator sim(run.config);
    sim.schedule(run.actions);
    sim.runUntil(run.until_us + 1'000'000);
    const ClusterState& s = sim.state();
    const QString where = QString("seed %1: ").arg(seed);
    int leaders = 0;
    NodeId leader = kNoNode;
    uint32_t highest = 0;
    for (int i = 0; i < s.node_count; ++i) {
      const NodeState& n = s.nodes[size_t(i)];
      QVERIFY2(n.alive, qPrintable(where + "a node is down"));
      highest = std::max(highest, n.term);
      if (n.role == Role::Leader) {
        ++leaders;
        leader = NodeId(i);
      }
    }
    QVERIFY2(leaders == 1, qPrintable(where + QString("%1 leaders").arg(leaders)));
    const NodeState& l = s.nodes[leader];
    QVERIFY2(l.term == highest, qPrintable(where + "the leader is not in the highest term"));
    for (int i = 0; i < s.node_count; ++i) {
      QVERIFY2(s.nodes[size_t(i)].log == l.log, qPrintable(where + QString("node %1's log differs").arg(i)));
      QVERIFY2(s.nodes[size_t(i)].commit == l.lastIndex(), qPrintable(where + QString("node %1 has not committed all").arg(i)));
    }
  }
  QVERIFY(checked > 500);
}

// What clients are told matches what the logs hold: every committed entry's
// write was acknowledged, and a write reported failed never enters a log.
void TestSoak::clientAnswersMatchTheLogs() {
  SoakOptions o;
  size_t failed_writes = 0, duplicated = 0;
  for (uint64_t seed = 1; seed <= 2000; ++seed) {
    SoakRun run = soakSchedule(seed, o);
    Simulator sim(run.config);
    sim.schedule(run.actions);
    sim.runUntil(run.until_us);
    const ClusterState& s = sim.state();
    const Journal& j = sim.journal();
    const QString where = QString("seed %1 (%2): ").arg(seed).arg(reproduce(seed, o));
    for (int i = 0; i < s.node_count; ++i) {
      const NodeState& n = s.nodes[size_t(i)];
      std::vector<uint32_t> seen;
      for (uint32_t k = 0; k < n.log.size(); ++k) {
        const uint32_t w = n.log[k].write;
        if (w == 0) continue;
        if (std::find(seen.begin(), seen.end(), w) != seen.end()) ++duplicated;
        seen.push_back(w);
        if (k < n.commit)
          QVERIFY2(s.writes[w] == WriteStatus::Acked,
                   qPrintable(where + QString("write \"%1\" committed at index %2 but %3")
                                          .arg(QString::fromStdString(j.writes()[w].text))
                                          .arg(k + 1)
                                          .arg(s.writes[w] == WriteStatus::Failed ? "reported failed" : "never acknowledged")));
      }
    }
    // A resent write (rung 14) may be told a resend failed while an earlier
    // copy was appended somewhere: then that copy must not have stayed (a
    // committed one is acknowledged, checked above). A write never resent
    // that failed never entered a log at all.
    std::set<uint32_t> resent;
    for (Seq e = 0; e < j.size(); ++e)
      if (j[e].kind == EventKind::ClientWrite && j[e].attempt() > 0) resent.insert(j[e].write());
    for (Seq e = 0; e < j.size(); ++e) {
      if (j[e].kind != EventKind::LogAppended || j[e].write() == 0 || resent.count(j[e].write())) continue;
      QVERIFY2(s.writes[j[e].write()] != WriteStatus::Failed,
               qPrintable(where + QString("write \"%1\" reported failed, yet appended (event #%2)")
                                      .arg(QString::fromStdString(j.writes()[j[e].write()].text))
                                      .arg(e)));
    }
    for (uint32_t w = 1; w < s.writes.size(); ++w) failed_writes += s.writes[w] == WriteStatus::Failed;
  }
  qInfo("%zu failed writes; %zu log entries repeating a write of the same log", failed_writes, duplicated);
  QVERIFY(failed_writes > 100);
}

// Each row removes rules full Raft needs; the soak must find a safety
// violation within `bound` seeds (1, 2, 3...). The runs each needed were
// measured when the test was written: see the comments.
void TestSoak::brokenVariantIsCaught_data() {
  QTest::addColumn<QString>("spec");
  QTest::addColumn<int>("bound");
  // First caught at seed 45; 130 of seeds 1..3000 (1 run in 23).
  // Without pre-vote and check-quorum (rung 13): with them, fewer elections
  // and no stale leader left running make the mistake rarer than 1000 seeds.
  QTest::newRow("-stale-term-rejection") << "full -stale-term-rejection -pre-vote -check-quorum" << 1000;
  // First caught at seed 8; 1215 of seeds 1..3000 (2 runs in 5).
  QTest::newRow("-log-length-vote") << "full -log-length-vote" << 1000;
  // First caught at seed 1; 2212 of seeds 1..3000 (3 runs in 4).
  QTest::newRow("-persistence") << "full -persistence" << 1000;
  // First caught at seed 7; 512 of seeds 1..3000 (1 run in 6).
  QTest::newRow("-entry-terms -current-term-commit") << "full -entry-terms -current-term-commit" << 1000;
  // Rare: the Figure 8 sequence needs a leader that commits an old-term entry,
  // crashes, and a rival with a later-term entry elected. First caught at seed
  // 189, then 2961, 6211...: 11 of seeds 1..20000, about 1 run in 1800.
  // Deterministic, so seed 189 always catches it, but a change to the
  // simulator or the schedules can move it beyond the bound: the scripted
  // Figure 8 test in test_raft_paper is the reliable check of this rule.
  // Rung 14: a client's resend, or the network's copy of a forwarded write,
  // appended again and applied twice. First caught at seed 2; 755 of seeds
  // 1..3000 (1 run in 4), with the soak's resends.
  QTest::newRow("-client-sessions") << "full -client-sessions" << 1000;
  QTest::newRow("-current-term-commit -leader-noop") << "full -current-term-commit -leader-noop -pre-vote -check-quorum" << 3000;
}

void TestSoak::brokenVariantIsCaught() {
  QFETCH(QString, spec);
  QFETCH(int, bound);
  std::string error;
  auto concepts = parseConcepts(spec.toStdString(), Concepts::full(), error);
  QVERIFY2(concepts.has_value(), error.c_str());
  SoakOptions o;
  o.concepts = *concepts;
  const auto start = std::chrono::steady_clock::now();
  for (uint64_t seed = 1; seed <= uint64_t(bound); ++seed) {
    SoakResult r = runSoak(seed, o);
    if (r.violations.empty()) continue;
    QString found = QString("%1: caught at seed %2 (%3 runs, %4 s); reproduce with: %5")
                        .arg(spec)
                        .arg(seed)
                        .arg(seed)
                        .arg(secondsSince(start), 0, 'f', 2)
                        .arg(reproduce(seed, o));
    for (const std::string& v : r.violations) found += "\n    " + QString::fromStdString(v);
    qInfo("%s", qPrintable(found));
    return;
  }
  QFAIL(qPrintable(QString("%1: no violation in seeds 1..%2 (%3 s)").arg(spec).arg(bound).arg(secondsSince(start))));
}

QTEST_GUILESS_MAIN(TestSoak)
#include "test_soak.moc"

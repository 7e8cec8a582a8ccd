// Ghosts of removed entries (core/ghosts.h) on the prepared scenarios: a lost
// acknowledged write leaves an acknowledged ghost at its index; runs that lose
// nothing leave none.
#include <QtTest>

#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <fstream>
#include <sstream>

#include "core/ghosts.h"
#include "support/cluster.h"

using namespace radeau;
using namespace radeau::test;

namespace {
std::string scenarioText(const std::string& prefix) {
  namespace fs = std::filesystem;
  for (const auto& f : fs::directory_iterator(fs::path(RADEAU_SOURCE_DIR) / "recordings" / "scenarios")) {
    if (f.path().filename().string().rfind(prefix + "-", 0) != 0) continue;
    std::ifstream in(f.path());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  qFatal("no scenario %s", prefix.c_str());
}

Cluster run(const std::string& prefix) {
  std::string error;
  auto c = runScript(scenarioText(prefix), error);
  if (!c) qFatal("%s: %s", prefix.c_str(), error.c_str());
  return std::move(*c);
}

std::string describe(const Cluster& c, const std::vector<Ghost>& gs) {
  std::string out;
  for (const Ghost& g : gs)
    out += c.scenario.config.names[g.node] + "[" + std::to_string(g.index) + "]=t" + std::to_string(g.entry.term) + ":" +
           c.journal().writes()[g.entry.write].text + (g.acked ? " acked" : "") + "; ";
  return out;
}

// The definition of ghosts, written as plainly as possible (a map by node and
// index, the journal read from its start): the oracle the index is checked against.
std::vector<Ghost> scanGhosts(const Journal& journal, Seq end) {
  std::array<std::vector<Entry>, kMaxNodes> logs;
  std::map<std::pair<NodeId, uint32_t>, Ghost> ghosts;
  std::set<uint32_t> acked;
  for (Seq s = 0; s < end && s < journal.size(); ++s) {
    const Event& e = journal[s];
    if (e.node >= kMaxNodes) continue;
    auto& log = logs[e.node];
    if (e.kind == EventKind::LogAppended) {
      log.push_back(Entry{e.term, e.write()});
      auto it = ghosts.find({e.node, uint32_t(log.size())});
      if (it != ghosts.end() && it->second.entry == log.back()) ghosts.erase(it);
    } else if (e.kind == EventKind::LogTruncated) {
      for (uint32_t i = e.length(); i < log.size(); ++i) ghosts[{e.node, i + 1}] = Ghost{e.node, i + 1, log[i], e.time_us, s, false};
      if (e.length() < log.size()) log.resize(e.length());
    } else if (e.kind == EventKind::WriteAcked) {
      acked.insert(e.write());
    }
  }
  std::vector<Ghost> out;
  for (auto& [key, g] : ghosts) {
    g.acked = g.entry.write != 0 && acked.count(g.entry.write);
    out.push_back(g);
  }
  return out;
}

// The write id a script calls `text`.
uint32_t writeId(const Cluster& c, const std::string& text) {
  const auto& w = c.journal().writes();
  for (uint32_t i = 1; i < w.size(); ++i)
    if (w[i].text == text) return i;
  return 0;
}
}  // namespace

class TestGhosts : public QObject {
  Q_OBJECT
 private slots:
  void noGhostsWhenNothingIsLost_data() {
    QTest::addColumn<QString>("scenario");
    QTest::newRow("01a") << "01a";
    QTest::newRow("03a") << "03a";
  }
  void noGhostsWhenNothingIsLost() {
    QFETCH(QString, scenario);
    Cluster c = run(scenario.toStdString());
    const auto gs = ghostsAt(c.journal(), Seq(c.journal().size()));
    QVERIFY2(gs.empty(), describe(c, gs).c_str());
  }

  // A crash without persistence wipes the log (a truncation to 0 on restart).
  void restartWithoutPersistenceLeavesAGhost() {
    Cluster c = run("01b");
    const auto gs = ghostsAt(c.journal(), Seq(c.journal().size()));
    const Ghost* g = findGhost(gs, c.id("Michel"), 1);
    QVERIFY2(g, describe(c, gs).c_str());
    QCOMPARE(g->entry.write, writeId(c, "A"));
    QVERIFY(g->acked);
    QVERIFY(g->removed_us >= 1'000'000);  // not before the crash
    // Before the crash nothing is a ghost yet.
    const Seq crash = firstEvent(c.journal(), kindIs(EventKind::Crashed));
    QVERIFY(ghostsAt(c.journal(), crash).empty());
  }

  void lostAckedWritesLeaveAckedGhosts_data() {
    QTest::addColumn<QString>("scenario");
    QTest::newRow("05b") << "05b";
    QTest::newRow("07b") << "07b";
  }
  void lostAckedWritesLeaveAckedGhosts() {
    QFETCH(QString, scenario);
    Cluster c = run(scenario.toStdString());
    const Seq lost = firstEvent(c.journal(), findingOf(FindingKind::AckedWriteLost));
    QVERIFY2(lost != kNoSeq, c.findings().c_str());
    const Event& f = c.journal()[lost];
    const auto gs = ghostsAt(c.journal(), lost + 1);
    // Every node that held the lost write keeps its ghost at the finding's index.
    int ghosts_of_write = 0;
    for (const Ghost& g : gs) {
      if (g.entry.write != f.write()) continue;
      ++ghosts_of_write;
      QCOMPARE(g.index, f.index());
      QVERIFY(g.acked);
      QVERIFY(g.removed < lost);
      // No node holds the write there any more: the ghost marks a real loss.
      const auto& log = c.state().nodes[g.node].log;
      QVERIFY(log.size() < g.index || !(log[g.index - 1] == g.entry));
    }
    QVERIFY2(ghosts_of_write > 0, describe(c, gs).c_str());
    // They last to the end of the run (the write never comes back).
    const auto at_end = ghostsAt(c.journal(), Seq(c.journal().size()));
    QVERIFY(std::any_of(at_end.begin(), at_end.end(), [&](const Ghost& g) { return g.entry.write == f.write(); }));
  }

  // The window asks the index (read once, extended as the journal grows):
  // it answers as the plain definition at every position of every prepared
  // scenario, read in three pieces (prefix journals) as a live branch grows,
  // and so does ghostsAt.
  void theIndexAnswersAsTheScanAtEveryPosition() {
    namespace fs = std::filesystem;
    int scenarios = 0, with_ghosts = 0;
    for (const auto& f : fs::directory_iterator(fs::path(RADEAU_SOURCE_DIR) / "recordings" / "scenarios")) {
      if (f.path().extension() != ".radeau-script") continue;
      const std::string prefix = f.path().filename().string().substr(0, 3);
      Cluster c = run(prefix);
      const Journal& j = c.journal();
      const size_t n = j.size();
      GhostIndex index;
      const Journal first = Journal::sharePrefix(j, n / 3, j.carriedSize(), j.writes().size());
      index.sync(first);
      QCOMPARE(size_t(index.eventsRead()), n / 3);
      const size_t two = 2 * n / 3;
      const Journal second = Journal::sharePrefix(j, two, j.carriedSize(), j.writes().size());
      index.sync(second);
      index.sync(j);
      ++scenarios;
      if (!ghostsAt(j, Seq(n)).empty()) ++with_ghosts;
      // The projection reads only as far as it is asked (a recording opened
      // at its start reads nothing ahead): an index read up to each position
      // in turn answers the same.
      GhostIndex lazy;
      for (Seq end = 0; end <= n; ++end) {
        const auto want = scanGhosts(j, end);
        QVERIFY(ghostsAt(j, end) == want);
        const auto got = index.at(end);
        if (got != want)
          QFAIL(qPrintable(QString::fromStdString(prefix + " at " + std::to_string(end) + ": index " + describe(c, got) +
                                                  " scan " + describe(c, want))));
        lazy.sync(j, end);
        QCOMPARE(size_t(lazy.eventsRead()), size_t(end));
        if (lazy.at(end) != want)
          QFAIL(qPrintable(QString::fromStdString(prefix + " at " + std::to_string(end) + ": read so far " +
                                                  describe(c, lazy.at(end)) + " scan " + describe(c, want))));
      }
    }
    QVERIFY(scenarios >= 50);
    QVERIFY2(with_ghosts >= 5, std::to_string(with_ghosts).c_str());  // the comparison saw real ghosts
  }

  // An entry that comes back at its index is no ghost any more.
  void anEntryThatComesBackIsNoGhost() {
    Journal j;
    j.append(make::at(1, make::logAppended(0, 1, 1, 0)));
    j.append(make::at(2, make::logTruncated(0, 0)));
    QCOMPARE(ghostsAt(j, 2).size(), size_t(1));
    QVERIFY(!ghostsAt(j, 2)[0].acked);  // a no-op is never an acknowledged write
    j.append(make::at(3, make::logAppended(0, 1, 1, 0)));
    QVERIFY(ghostsAt(j, 3).empty());
    // A different entry at the index overwrites: the ghost stays.
    j.append(make::at(4, make::logTruncated(0, 0)));
    j.append(make::at(5, make::logAppended(0, 1, 2, 0)));
    const auto gs = ghostsAt(j, 5);
    QCOMPARE(gs.size(), size_t(1));
    QCOMPARE(gs[0].entry.term, 1u);
    QCOMPARE(gs[0].removed_us, Time(4));
  }
};

QTEST_APPLESS_MAIN(TestGhosts)
#include "test_ghosts.moc"

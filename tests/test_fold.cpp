// Fold equivalence: folding the journal from scratch reproduces the
// simulator's state exactly — at the end of a run, at intermediate times, and
// after every single step — for many seeds, fault schedules and concept sets.
// And a simulator rebuilt from a journal prefix continues it byte for byte.
#include <QtTest>

#include "core/concepts.h"
#include "core/soak.h"
#include "support/cluster.h"

using namespace radeau;
using namespace radeau::test;

namespace {

// The fold of the whole journal against the simulator's state. The simulator
// clock may stand after the last event (runUntil sets it): that instant is
// not an event, so it is compared separately.
std::string foldMismatch(const Simulator& sim) {
  ClusterState folded = fold(sim.config(), sim.journal(), Seq(sim.journal().size()));
  ClusterState live = sim.state();
  if (folded.now_us > live.now_us) return "fold is ahead of the simulator clock";
  if (!sim.journal().empty() && folded.now_us != sim.journal().back().time_us) return "fold time is not the last event's";
  live.now_us = folded.now_us;
  if (folded == live) return {};
  return stateDiff(live, folded);
}

std::string where(uint64_t seed, const SoakOptions& o, Time t) {
  return "seed " + std::to_string(seed) + ", concepts " + describeConcepts(o.concepts) + ", " +
         std::to_string(o.nodes) + " nodes, at " + formatTime(t) + ": ";
}

}  // namespace

class TestFold : public QObject {
  Q_OBJECT

 private slots:
  void foldEqualsSimulatorForManySeeds();
  void foldEqualsSimulatorAtIntermediateTimes();
  void foldEqualsSimulatorAfterEveryStep();
  void foldEqualsSimulatorForEveryChapter();
  void foldOfScriptsWithInitAndConceptChanges();
  void foldOfPrefixIsIndependentOfWhatFollows();
  void resumedSimulatorContinuesIdentically();
  void sessionLookupAgreesWithAScanOfTheLog();
};

void TestFold::foldEqualsSimulatorForManySeeds() {
  SoakOptions o;
  size_t events = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    SoakRun run = soakSchedule(seed, o);
    Simulator sim(run.config);
    sim.schedule(run.actions);
    sim.runUntil(run.until_us);
    sim.finish();
    events += sim.journal().size();
    const std::string diff = foldMismatch(sim);
    QVERIFY2(diff.empty(), (where(seed, o, sim.now()) + diff).c_str());
  }
  QVERIFY(events > 200'000);
}

void TestFold::foldEqualsSimulatorAtIntermediateTimes() {
  SoakOptions o;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    SoakRun run = soakSchedule(seed, o);
    Simulator sim(run.config);
    sim.schedule(run.actions);
    // Run to t, compare, continue: every 250 ms and at odd instants.
    for (Time t = 0; t <= run.until_us; t += 250'000 + Time(seed % 7) * 1'111) {
      sim.runUntil(t);
      const std::string diff = foldMismatch(sim);
      QVERIFY2(diff.empty(), (where(seed, o, t) + diff).c_str());
    }
  }
}

// The strongest form: after each occurrence the simulator processes, the
// incremental fold (apply of just the new events) equals its state.
void TestFold::foldEqualsSimulatorAfterEveryStep() {
  SoakOptions o;
  for (uint64_t seed = 1; seed <= 25; ++seed) {
    SoakRun run = soakSchedule(seed, o);
    Simulator sim(run.config);
    sim.schedule(run.actions);
    ClusterState folded = ClusterState::initial(run.config);
    Seq done = 0;
    size_t steps = 0;
    do {
      const Journal& j = sim.journal();
      for (; done < j.size(); ++done) apply(folded, j[done], done);
      ClusterState live = sim.state();
      live.now_us = folded.now_us;
      if (!(live == folded))
        QFAIL((where(seed, o, sim.now()) + "after step " + std::to_string(steps) + ":\n" + stateDiff(live, folded))
                  .c_str());
      ++steps;
    } while (sim.step(run.until_us));
    QVERIFY(steps > 100);
  }
}

// Every rung of the ladder (its concept flags and node count) folds exactly,
// including the lower rungs' rules (everyone-leader, leader by decree, ...).
void TestFold::foldEqualsSimulatorForEveryChapter() {
  for (const Chapter& ch : chapters()) {
    SoakOptions o;
    o.nodes = ch.node_count;
    o.concepts = ch.concepts;
    for (uint64_t seed = 1; seed <= 20; ++seed) {
      SoakRun run = soakSchedule(seed, o);
      Simulator sim(run.config);
      sim.schedule(run.actions);
      for (Time t = 500'000; t <= run.until_us; t += 500'000) {
        sim.runUntil(t);
        const std::string diff = foldMismatch(sim);
        QVERIFY2(diff.empty(), ("chapter " + std::to_string(ch.number) + ", " + where(seed, o, t) + diff).c_str());
      }
    }
  }
}

void TestFold::foldOfScriptsWithInitAndConceptChanges() {
  const char* text = R"(nodes 5
concepts chapter 3
timing election 150ms..300ms heartbeat 50ms latency 5ms..15ms
network loss 0.05 duplicate 0.05
init Michel term 3 voted Michel log 1 2 3
init Sophie term 2 log 1 2
at 300ms write Jean-Pierre "a"
at 600ms concepts +leader-timeout
at 700ms crash Michel
at 1.2s concepts +election +terms +log-length-vote
at 1.5s restart Michel
at 1.6s write Paul "b"
at 2s concepts full
at 2.2s partition Michel Jean-Pierre | Sophie Paul Luc
at 2.5s write Luc "c"
at 3s heal
at 3.1s timeout Michel
until 4s
)";
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    std::string error;
    auto c = makeCluster("seed " + std::to_string(seed) + "\n" + text, error);
    QVERIFY2(c.has_value(), error.c_str());
    for (Time t = 0; t <= 4'000'000; t += 100'000) {
      c->runUntil(t);
      const std::string diff = foldMismatch(*c->sim);
      QVERIFY2(diff.empty(), ("seed " + std::to_string(seed) + " at " + formatTime(t) + ": " + diff).c_str());
    }
    QVERIFY(countEvents(c->journal(), kindIs(EventKind::ConceptsChanged)) == 3);
  }
}

// A prefix folds to the same state whether or not more events follow it.
void TestFold::foldOfPrefixIsIndependentOfWhatFollows() {
  SoakOptions o;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SoakRun run = soakSchedule(seed, o);
    Simulator half(run.config), whole(run.config);
    half.schedule(run.actions);
    whole.schedule(run.actions);
    half.runUntil(run.until_us / 2);
    whole.runUntil(run.until_us);
    const Seq n = Seq(half.journal().size());
    ClusterState a = fold(run.config, half.journal(), n);
    ClusterState b = fold(run.config, whole.journal(), n);
    QVERIFY2(a == b, ("seed " + std::to_string(seed) + ":\n" + stateDiff(a, b)).c_str());
  }
}

// Simulator::resume rebuilds a simulator from a journal prefix (state,
// checker, pending deliveries and timers from the fold). Continued with the
// remaining inputs, it writes exactly the journal of the uninterrupted run.
void TestFold::resumedSimulatorContinuesIdentically() {
  SoakOptions o;
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    SoakRun run = soakSchedule(seed, o);
    Simulator whole(run.config);
    whole.schedule(run.actions);
    whole.runUntil(run.until_us);
    whole.finish();
    for (Time cut : {Time(0), Time(777'777), Time(2'500'000)}) {
      Simulator first(run.config);
      first.schedule(run.actions);
      first.runUntil(cut);
      Simulator resumed = Simulator::resume(run.config, first.journal(), Seq(first.journal().size()));
      ClusterState expected = first.state();
      expected.now_us = resumed.state().now_us;
      QVERIFY2(resumed.state() == expected,
               ("seed " + std::to_string(seed) + " resumed at " + formatTime(cut) + ":\n" +
                stateDiff(expected, resumed.state()))
                   .c_str());
      for (const Action& a : run.actions)
        if (a.time_us > cut) resumed.schedule(a);
      resumed.runUntil(run.until_us);
      resumed.finish();
      const std::string x = whole.journal().canonicalBytes(), y = resumed.journal().canonicalBytes();
      if (x != y) {
        Seq i = 0;
        while (i < whole.journal().size() && i < resumed.journal().size() &&
               whole.journal()[i] == resumed.journal()[i])
          ++i;
        EventFormatter fw(run.config.names, whole.journal()), fr(run.config.names, resumed.journal());
        std::string detail = "journals differ from event #" + std::to_string(i) + " (" +
                             std::to_string(whole.journal().size()) + " vs " +
                             std::to_string(resumed.journal().size()) + " events)";
        if (i < whole.journal().size() && i < resumed.journal().size()) {
          const Event& w = whole.journal()[i];
          const Event& r = resumed.journal()[i];
          detail += "\n  uninterrupted: " + fw.line(w, i) + " (" + describeFields(w) + ")" +
                    "\n  resumed:       " + fr.line(r, i) + " (" + describeFields(r) + ")";
        } else if (x.size() != y.size() || whole.journal().size() == resumed.journal().size()) {
          detail = "journals have the same events but different side tables (carried entries or writes)";
        }
        QFAIL(("seed " + std::to_string(seed) + " resumed at " + formatTime(cut) + ": " + detail).c_str());
      }
    }
  }
}

// ClusterState::firstIndexOf answers from the write's first index unless the
// write was ever appended at another index: it must agree with a plain scan of
// the node's log, for writes held once, held twice, truncated and re-appended.
void TestFold::sessionLookupAgreesWithAScanOfTheLog() {
  ClusterConfig config;
  config.names = {"Michel", "Jean-Pierre"};
  ClusterState s = ClusterState::initial(config);
  Seq seq = 0;
  auto append = [&](NodeId n, uint32_t term, uint32_t write) {
    apply(s, make::logAppended(n, s.nodes[n].lastIndex() + 1, term, write), seq++);
  };
  auto scan = [&](NodeId n, uint32_t write, uint32_t before) -> uint32_t {
    const auto& log = s.nodes[n].log;
    for (uint32_t i = 0; i < before && i < log.size(); ++i)
      if (log[i].write == write) return i + 1;
    return 0;
  };
  auto agree = [&](const char* when) {
    for (NodeId n = 0; n < 2; ++n)
      for (uint32_t w = 0; w <= 5; ++w)
        for (uint32_t before = 0; before <= 6; ++before)
          QVERIFY2(s.firstIndexOf(n, w, before) == scan(n, w, before),
                   qPrintable(QString("%1: node %2, write %3, before %4").arg(when).arg(n).arg(w).arg(before)));
  };
  append(0, 1, 1);
  append(0, 1, 2);
  append(1, 1, 1);  // copied at the same index: still held once
  agree("copied");
  QCOMPARE(s.firstIndexOf(1, 1, 5), 1u);
  append(1, 1, 2);
  append(1, 2, 2);  // a resend appended again, at index 3: held twice
  agree("held twice");
  QCOMPARE(s.firstIndexOf(1, 2, 5), 2u);
  apply(s, make::logTruncated(1, 1), seq++);
  append(1, 2, 3);
  append(1, 2, 2);
  agree("truncated and re-appended");
  QCOMPARE(s.firstIndexOf(1, 2, 5), 3u);
  QCOMPARE(s.firstIndexOf(0, 2, 5), 2u);
}

QTEST_GUILESS_MAIN(TestFold)
#include "test_fold.moc"

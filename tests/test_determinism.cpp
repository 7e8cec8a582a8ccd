// Determinism: one seed and one script fix the journal byte for byte
// (Journal::canonicalBytes()); another seed gives another run; every random
// draw is a pure function of (seed, seq) and is stored in the event that used it.
#include <QtTest>

#include <sstream>

#include "app/cli/cli.h"
#include "core/rng.h"
#include "core/soak.h"
#include "support/cluster.h"

using namespace radeau;
using namespace radeau::test;

namespace {

// Scripts without a seed line: the seed is given separately.
const char* kLossy = R"(nodes 5
concepts full
timing election 150ms..300ms heartbeat 50ms latency 1ms..60ms
network loss 0.2 duplicate 0.2
at 400ms write Michel "a"
at 500ms write Sophie "b"
at 800ms crash Jean-Pierre
at 900ms write Paul "c"
at 1s partition Michel Luc | Jean-Pierre Sophie Paul
at 1.2s write Sophie "d"
at 1.5s heal
at 1.6s restart Jean-Pierre
at 1.7s timeout Luc
at 1.8s drop Michel Sophie
at 2s write Luc "e"
until 3s
)";

const char* kLeaderTimeout = R"(nodes 3
concepts chapter 4
timing election 150ms..300ms heartbeat 50ms latency 10ms..20ms
network duplicate 0.1
at 300ms write Michel "A"
at 500ms cut Michel Jean-Pierre
at 500ms cut Michel Sophie
at 1s write Michel "B"
at 1s write Jean-Pierre "C"
at 1.5s heal Michel Jean-Pierre
at 1.5s heal Michel Sophie
until 2.5s
)";

const char* kFigure7 = R"(nodes L A B C D E F
timing election 150ms..300ms heartbeat 50ms latency 5ms..25ms
network loss 0.05 duplicate 0.05
init L term 7 log 1 1 1 4 4 5 5 6 6 6
init A term 7 log 1 1 1 4 4 5 5 6 6
init B term 7 log 1 1 1 4
init C term 7 log 1 1 1 4 4 5 5 6 6 6 6
init D term 7 log 1 1 1 4 4 5 5 6 6 6 7 7
init E term 7 log 1 1 1 4 4 4 4
init F term 7 log 1 1 1 2 2 2 3 3 3 3 3
at 1s write C "x"
at 1.2s crash C
until 3s
)";

struct Named {
  const char* name;
  std::string text;
};

std::vector<Named> scripts() {
  std::string def(defaultScenarioText());
  // The default script fixes its own seed: drop that line so the test sets it.
  size_t at = def.find("\nseed ");
  if (at != std::string::npos) def.erase(at + 1, def.find('\n', at + 1) - at);
  return {{"default", def}, {"lossy", kLossy}, {"leader-timeout", kLeaderTimeout}, {"figure 7", kFigure7}};
}

// Runs `text` with `seed` to its end; the journal's canonical bytes.
std::string runBytes(const std::string& text, uint64_t seed, std::string* error = nullptr) {
  ScriptError e;
  auto sc = parseScenario(text, "det.radeau", e);
  if (!sc) {
    if (error) *error = e.toString();
    return {};
  }
  sc->config.seed = seed;
  Simulator sim(sc->config);
  sim.schedule(sc->actions);
  sim.runUntil(sc->until_us);
  sim.finish();
  return sim.journal().canonicalBytes();
}

std::string soakBytes(uint64_t seed) {
  SoakRun run = soakSchedule(seed, SoakOptions{});
  Simulator sim(run.config);
  sim.schedule(run.actions);
  sim.runUntil(run.until_us);
  return sim.journal().canonicalBytes();
}

// Where two byte strings first differ, for messages.
std::string firstDifference(const std::string& x, const std::string& y) {
  size_t i = 0;
  while (i < x.size() && i < y.size() && x[i] == y[i]) ++i;
  return "sizes " + std::to_string(x.size()) + " and " + std::to_string(y.size()) + ", first difference at byte " +
         std::to_string(i) + " (event " + std::to_string(i / 44) + ")";
}

}  // namespace

class TestDeterminism : public QObject {
  Q_OBJECT

 private slots:
  void sameSeedSameJournal_data();
  void sameSeedSameJournal();
  void differentSeedsDiffer_data();
  void differentSeedsDiffer();
  void soakSchedulesAreDeterministic();
  void interleavedSimulatorsShareNothing();
  void drawsArePureAndRecorded();
  void cliTranscriptIsStable();
  void canonicalComparisonWithoutTheBytes();
};

// Journal::sameCanonicalBytes answers canonicalBytes() == canonicalBytes()
// without making them (3 GB each at ten million events: verify, bench-replay),
// and canonicalSize() is their length.
void TestDeterminism::canonicalComparisonWithoutTheBytes() {
  auto simulate = [](uint64_t seed) {
    SoakRun run = soakSchedule(seed, SoakOptions{});
    auto sim = std::make_unique<Simulator>(run.config);
    sim->schedule(run.actions);
    sim->runUntil(run.until_us);
    return sim;
  };
  for (uint64_t seed : {uint64_t(3), uint64_t(11)}) {
    auto a = simulate(seed), b = simulate(seed), c = simulate(seed + 1);
    const Journal &ja = a->journal(), &jb = b->journal(), &jc = c->journal();
    const Journal half = Journal::sharePrefix(ja, ja.size() / 2, ja.carriedSize(), ja.writes().size());
    const std::string bytes = ja.canonicalBytes();
    QCOMPARE(ja.canonicalSize(), bytes.size());
    QCOMPARE(half.canonicalSize(), half.canonicalBytes().size());
    QVERIFY(ja.sameCanonicalBytes(jb));
    QVERIFY(jb.sameCanonicalBytes(ja));
    QCOMPARE(ja.sameCanonicalBytes(jc), bytes == jc.canonicalBytes());
    QVERIFY(!ja.sameCanonicalBytes(jc));
    QVERIFY(!ja.sameCanonicalBytes(half));
    QVERIFY(!half.sameCanonicalBytes(ja));
    QVERIFY(half.sameCanonicalBytes(half));
  }
}

void TestDeterminism::sameSeedSameJournal_data() {
  QTest::addColumn<QString>("text");
  for (const Named& s : scripts()) QTest::newRow(s.name) << QString::fromStdString(s.text);
}

void TestDeterminism::sameSeedSameJournal() {
  QFETCH(QString, text);
  const std::string t = text.toStdString();
  for (uint64_t seed : {uint64_t(1), uint64_t(42), uint64_t(7'777), uint64_t(0xFFFF'FFFF'FFFF'FFFFull)}) {
    std::string error;
    const std::string a = runBytes(t, seed, &error);
    QVERIFY2(error.empty(), error.c_str());
    const std::string b = runBytes(t, seed);
    QVERIFY2(a.size() > 1000, qPrintable(QString("seed %1: only %2 bytes").arg(seed).arg(a.size())));
    QVERIFY2(a == b, ("seed " + std::to_string(seed) + ": journals differ: " + firstDifference(a, b)).c_str());
  }
}

void TestDeterminism::differentSeedsDiffer_data() { sameSeedSameJournal_data(); }

void TestDeterminism::differentSeedsDiffer() {
  QFETCH(QString, text);
  const std::string t = text.toStdString();
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const std::string a = runBytes(t, seed);
    const std::string b = runBytes(t, seed + 1);
    QVERIFY2(a != b, ("seeds " + std::to_string(seed) + " and " + std::to_string(seed + 1) +
                      " gave the same journal").c_str());
  }
}

void TestDeterminism::soakSchedulesAreDeterministic() {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    const std::string a = soakBytes(seed);
    const std::string b = soakBytes(seed);
    QVERIFY2(a == b, ("soak seed " + std::to_string(seed) + ": journals differ: " + firstDifference(a, b)).c_str());
    QVERIFY2(a != soakBytes(seed + 1000), ("soak seed " + std::to_string(seed) + " equals seed +1000").c_str());
    // The schedule itself, as a script, is stable too.
    SoakOptions o;
    QVERIFY2(soakScript(soakSchedule(seed, o)) == soakScript(soakSchedule(seed, o)),
             ("soak seed " + std::to_string(seed)).c_str());
  }
  // In time order, as a recording stores its actions: a late resend used to
  // land after the final heal and restarts ("times go backwards" on reading).
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    SoakOptions o;
    o.reads = o.membership = seed % 2 == 0;
    const SoakRun run = soakSchedule(seed, o);
    for (size_t i = 1; i < run.actions.size(); ++i)
      QVERIFY2(run.actions[i - 1].time_us <= run.actions[i].time_us,
               ("soak seed " + std::to_string(seed) + ": action " + std::to_string(i) + " goes back in time").c_str());
  }
}

// No hidden global state: two simulators advanced in lockstep, one event at a
// time each, give the same journals as when each runs alone.
void TestDeterminism::interleavedSimulatorsShareNothing() {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    ScriptError e;
    auto sc = parseScenario(kLossy, "det.radeau", e);
    QVERIFY2(sc.has_value(), e.toString().c_str());
    sc->config.seed = seed;
    ClusterConfig other = sc->config;
    other.seed = seed + 100;
    Simulator x(sc->config), y(other);
    x.schedule(sc->actions);
    y.schedule(sc->actions);
    bool more = true;
    while (more) {
      bool a = x.step(sc->until_us), b = y.step(sc->until_us);
      more = a || b;
    }
    const std::string alone_x = runBytes(kLossy, seed), alone_y = runBytes(kLossy, seed + 100);
    // runBytes calls finish(): do the same here.
    x.runUntil(sc->until_us);
    y.runUntil(sc->until_us);
    x.finish();
    y.finish();
    QVERIFY2(x.journal().canonicalBytes() == alone_x, ("seed " + std::to_string(seed)).c_str());
    QVERIFY2(y.journal().canonicalBytes() == alone_y, ("seed " + std::to_string(seed + 100)).c_str());
  }
}

// Every random draw is a function of (seed, seq of the event, salt) and its
// result is in the event: election timeouts in dt_us, latencies in dt_us,
// loss and duplication in the flags.
void TestDeterminism::drawsArePureAndRecorded() {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    ScriptError e;
    auto sc = parseScenario(kLossy, "det.radeau", e);
    QVERIFY2(sc.has_value(), e.toString().c_str());
    sc->config.seed = seed;
    Simulator sim(sc->config);
    sim.schedule(sc->actions);
    sim.runUntil(sc->until_us);
    const Journal& j = sim.journal();
    const ClusterConfig& c = sc->config;
    const Timing& t = c.timing;
    size_t timers = 0, messages = 0, lost = 0, duplicates = 0;
    for (Seq s = 0; s < j.size(); ++s) {
      const Event& ev = j[s];
      const std::string where = "seed " + std::to_string(seed) + ", event #" + std::to_string(s);
      if (ev.kind == EventKind::TimerStarted && ev.timerKind() == TimerKind::Election) {
        ++timers;
        QVERIFY2(ev.dt_us == uint32_t(drawRange(seed, s, DrawSalt::ElectionTimeout, t.election_min_us,
                                                t.election_max_us)),
                 where.c_str());
      } else if (ev.kind == EventKind::MessageSent) {
        ++messages;
        const bool dup = ev.flags & kFlagDuplicate;
        duplicates += dup;
        const bool is_lost = ev.flags & kFlagLost;
        lost += is_lost;
        QVERIFY2(ev.dt_us == uint32_t(drawRange(seed, s, dup ? DrawSalt::DupLatency : DrawSalt::Latency,
                                                t.latency_min_us, t.latency_max_us)),
                 where.c_str());
        QVERIFY2(is_lost == drawChance(seed, s, DrawSalt::Loss, c.network.loss), where.c_str());
        if (dup) {
          QVERIFY2(ev.ref < s && drawChance(seed, ev.ref, DrawSalt::Duplicate, c.network.duplicate),
                   where.c_str());
        }
        // A lost message is dropped for loss, never delivered.
        if (is_lost) {
          Seq fate = firstEvent(j, [&](const Event& x) {
            return (x.kind == EventKind::MessageDelivered || x.kind == EventKind::MessageDropped) && x.ref == s;
          }, s);
          if (fate != kNoSeq)
            QVERIFY2(j[fate].kind == EventKind::MessageDropped &&
                         (j[fate].dropReason() == DropReason::Loss || j[fate].dropReason() == DropReason::LinkCut ||
                          j[fate].dropReason() == DropReason::Manual),
                     where.c_str());
        }
      }
    }
    QVERIFY2(timers > 10 && messages > 100, ("seed " + std::to_string(seed)).c_str());
    // Loss 0.2, duplication 0.2: both happen, at about those rates.
    QVERIFY2(lost > messages / 10 && lost < messages * 3 / 10, ("seed " + std::to_string(seed)).c_str());
    QVERIFY2(duplicates > messages / 20 && duplicates < messages * 3 / 10, ("seed " + std::to_string(seed)).c_str());
  }
}

// The command-line transcript, through the one formatter, is stable too.
void TestDeterminism::cliTranscriptIsStable() {
  for (const char* seed : {"1", "99"}) {
    std::ostringstream out1, err1, out2, err2;
    const cli::Args args = {"run", "--default", "--transcript", "--seed", seed};
    QVERIFY2(cli::main(args, out1, err1) == 0, (std::string("seed ") + seed + ": " + err1.str()).c_str());
    QVERIFY2(cli::main(args, out2, err2) == 0, (std::string("seed ") + seed + ": " + err2.str()).c_str());
    QVERIFY2(out1.str() == out2.str(), (std::string("seed ") + seed).c_str());
    QVERIFY2(out1.str().size() > 10'000, (std::string("seed ") + seed).c_str());
  }
  std::ostringstream a, b, e;
  cli::main({"run", "--default", "--transcript", "--seed", "1"}, a, e);
  cli::main({"run", "--default", "--transcript", "--seed", "2"}, b, e);
  QVERIFY2(a.str() != b.str(), "seeds 1 and 2 gave the same transcript");
}

QTEST_GUILESS_MAIN(TestDeterminism)
#include "test_determinism.moc"

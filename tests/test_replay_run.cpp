// Run: the branch tree. Forking shares the prefix, keeps the old future, and
// a fork with no new action reproduces the original future byte for byte.
#include <QtTest>

#include <limits>
#include <set>

#include "core/sanitize.h"
#include "core/script.h"
#include "core/soak.h"
#include "support/cluster.h"
#include "replay/branch_lookup.h"
#include "replay/recording_file.h"
#include "replay/run.h"

using namespace radeau;

namespace {

using test::defaultScenario;

QByteArray at(uint64_t seed, Time t) {
  return QStringLiteral("seed %1, instant %2 us").arg(seed).arg(t).toUtf8();
}

bool samePrefix(const Journal& a, const Journal& b, Seq n) {
  if (a.size() < n || b.size() < n) return false;
  for (Seq i = 0; i < n; ++i)
    if (!(a[i] == b[i])) return false;
  return true;
}

Action crash(NodeId n) {
  Action a;
  a.kind = ActionKind::Crash;
  a.node = n;
  return a;
}

}  // namespace

class TestReplayRun : public QObject {
  Q_OBJECT
 private slots:
  // --branch B, for `state` and `render` alike: a name, else a number; a name wins.
  void branchByNameElseNumber() {
    const std::vector<std::string> names = {"main", "2", "what if"};
    QCOMPARE(findBranch(names, "what if"), std::optional<int>(2));
    QCOMPARE(findBranch(names, "0"), std::optional<int>(0));
    QCOMPARE(findBranch(names, "2"), std::optional<int>(1));  // the branch named "2", not number 2
    QCOMPARE(findBranch(names, "3"), std::nullopt);
    QCOMPARE(findBranch(names, "99999999999"), std::nullopt);
    QCOMPARE(findBranch(names, ""), std::nullopt);
    QCOMPARE(findBranch(names, "-1"), std::nullopt);
    QCOMPARE(branchesList({"main", "a\x1b[31m"}), std::string("0 \"main\", 1 \"a") + sanitizeText("\x1b[31m") + "\"");
  }
  void forkWithoutActionReproducesTheFuture_data() {
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<bool>("soak");
    QTest::newRow("default script") << quint64(42) << false;
    // Soak schedules: loss, duplicates, latency spikes, crashes, partitions, writes.
    for (quint64 seed : {1ull, 2ull, 7ull, 13ull, 21ull}) QTest::newRow(qPrintable(QString("soak %1").arg(seed))) << seed << true;
  }
  void forkWithoutActionReproducesTheFuture() {
    QFETCH(quint64, seed);
    QFETCH(bool, soak);
    ClusterConfig config;
    std::vector<Action> inputs;
    Time until = 0;
    if (soak) {
      SoakOptions o;
      o.duration_us = 3'000'000;
      SoakRun sr = soakSchedule(seed, o);
      config = sr.config;
      inputs = sr.actions;
      until = sr.until_us;
    } else {
      Scenario s = defaultScenario();
      config = s.config;
      inputs = s.actions;
      until = s.until_us;
    }
    Run run(config, inputs, until);
    const std::string original = run.journal(0).canonicalBytes();
    const Journal& j = run.journal(0);
    // Instants: the start, between events, exactly at events, just before the end.
    std::vector<Time> instants = {0, 1, until / 3, until / 2 + 12'345, until - 1};
    for (Seq k : {Seq(10), Seq(j.size() / 4), Seq(j.size() / 2), Seq(j.size() - 3)}) instants.push_back(j[k].time_us);
    for (Time t : instants) {
      int id = run.fork(0, t);
      QCOMPARE(run.branch(id).parent, 0);
      QCOMPARE(run.branch(id).fork_seq, run.projection(0).positionAt(t));
      QCOMPARE(run.endTime(id), run.endTime(0));
      QVERIFY2(run.journal(id).canonicalBytes() == original, at(seed, t).constData());
    }
    // Forking a fork: still the same future.
    int child = run.fork(1, until / 2);
    int grandchild = run.fork(child, until * 3 / 4);
    QVERIFY2(run.journal(grandchild).canonicalBytes() == original, at(seed, until * 3 / 4).constData());
    // The original is untouched by all of this.
    QVERIFY(run.journal(0).canonicalBytes() == original);
  }

  void actingInThePastForksAndKeepsTheOldFuture() {
    Scenario s = defaultScenario();
    Run run(s.config, s.actions, s.until_us);
    const std::string original = run.journal(0).canonicalBytes();
    QCOMPARE(run.branchCount(), 1);
    QCOMPARE(run.branch(0).name, std::string("main"));

    const Time t = 1'200'000;
    int b1 = run.act(0, t, crash(2));
    QCOMPARE(b1, 1);
    QCOMPARE(run.branchCount(), 2);
    const Branch& br = run.branch(b1);
    QCOMPARE(br.name, std::string("branch 1"));
    QCOMPARE(br.parent, 0);
    QCOMPARE(br.fork_time_us, t);
    const Seq fork = run.projection(0).positionAt(t);
    QCOMPARE(br.fork_seq, fork);
    QCOMPARE(br.actions.size(), size_t(1));
    QCOMPARE(br.actions[0].time_us, t);
    // The prefix is shared; the future differs (the crash is there, at t); the old one is kept.
    const Journal& nj = run.journal(b1);
    QVERIFY(samePrefix(nj, run.journal(0), fork));
    QVERIFY(nj.size() > fork);
    QCOMPARE(nj[fork].kind, EventKind::TimerCancelled);  // crashing stops the node's timers first
    bool crashed = false;
    for (Seq i = fork; i < nj.size() && nj[i].time_us == t; ++i) crashed |= nj[i].kind == EventKind::Crashed && nj[i].node == 2;
    QVERIFY(crashed);
    QVERIFY(run.journal(0).canonicalBytes() == original);
    QCOMPARE(run.endTime(b1), run.endTime(0));
    QVERIFY(!run.projection(b1).stateAt(s.until_us - 1).nodes[2].alive == false ||
            run.projection(b1).stateAt(t).nodes[2].alive == false);
    QVERIFY(!run.projection(b1).stateAt(t).nodes[2].alive);
    QVERIFY(run.projection(0).stateAt(t).nodes[2].alive);

    // A second fork, from the first fork's past: automatic names go on.
    int b2 = run.act(b1, 2'000'000, crash(3));
    QCOMPARE(b2, 2);
    QCOMPARE(run.branch(b2).name, std::string("branch 2"));
    QCOMPARE(run.branch(b2).parent, b1);
    QVERIFY(samePrefix(run.journal(b2), run.journal(b1), run.branch(b2).fork_seq));
    run.renameBranch(b2, "sans Paul ni Sophie");
    QCOMPARE(run.branch(b2).name, std::string("sans Paul ni Sophie"));
    QCOMPARE(run.branch(0).name, std::string("main"));
  }

  // Issue 18: crash + crash + timeout at one pause make one alternative future,
  // equal to the branch made with all of them at once; a later instant forks again.
  void actionsAtOneInstantJoinOneBranch() {
    Scenario s = defaultScenario();
    Run run(s.config, s.actions, s.until_us);
    const Time t = 1'200'000;
    const int b = run.act(0, t, crash(2));
    QCOMPARE(run.act(b, t, crash(3)), b);
    Action timeout;
    timeout.kind = ActionKind::Timeout;
    timeout.node = 0;
    QCOMPARE(run.act(b, t, timeout), b);
    QCOMPARE(run.branchCount(), 2);
    QCOMPARE(run.branch(b).actions.size(), size_t(3));
    const ClusterState after = run.projection(b).stateAt(t);
    QVERIFY(!after.nodes[2].alive);
    QVERIFY(!after.nodes[3].alive);
    // The same journal as one branch described with the three actions.
    std::vector<Branch> described{run.branch(0), run.branch(b)};
    Run rebuilt(s.config, s.actions, s.until_us, described);
    QVERIFY(rebuilt.journal(1).canonicalBytes() == run.journal(b).canonicalBytes());
    // Another instant is another alternative.
    QCOMPARE(run.act(b, t + 100'000, crash(1)), 2);
    // A branch that has children is not rewritten under them.
    QCOMPARE(run.act(b, t, crash(4)), 3);
  }

  // Issue 18: Step ▶ at the edge simulates the next occurrence.
  void stepOneAtTheEdgeSimulatesTheNextOccurrence() {
    Scenario s = defaultScenario();
    Run run(s.config, s.actions, 0);
    size_t size = run.journal(0).size();
    Time end = run.endTime(0);
    for (int i = 0; i < 20; ++i) {
      QVERIFY(run.stepOne(0));
      QVERIFY(run.journal(0).size() > size);
      QVERIFY(run.endTime(0) >= end);
      QCOMPARE(run.endTime(0), run.journal(0).back().time_us);
      size = run.journal(0).size();
      end = run.endTime(0);
    }
    // Stepping is simulating: the same journal as a run extended to that instant.
    Run longer(s.config, s.actions, end);
    QVERIFY(samePrefix(longer.journal(0), run.journal(0), Seq(run.journal(0).size())));
  }

  void actingAtTheEndContinuesTheBranch() {
    Scenario s = defaultScenario();
    Run run(s.config, s.actions, 2'000'000);
    size_t before = run.journal(0).size();
    Action w;
    w.kind = ActionKind::Write;
    w.node = 1;
    w.text = "late";
    int id = run.act(0, 2'500'000, w);
    QCOMPARE(id, 0);
    QCOMPARE(run.branchCount(), 1);
    QCOMPARE(run.endTime(0), Time(2'500'000));
    QCOMPARE(run.branch(0).actions.size(), size_t(1));
    const Journal& j = run.journal(0);
    QVERIFY(j.size() > before);
    QCOMPARE(j.back().time_us, Time(2'500'000));
    QCOMPARE(j.writes().back().text, std::string("late"));
    // The projection follows.
    QCOMPARE(run.projection(0).stateAfter(Seq(j.size())), fold(s.config, j, Seq(j.size())));
  }

  void extendingEqualsSimulatingLonger() {
    Scenario s = defaultScenario();
    Run short_run(s.config, s.actions, 1'000'000);
    short_run.extend(0, 2'500'000);
    short_run.extend(0, 2'400'000);  // never backwards
    short_run.extend(0, 4'000'000);
    Run long_run(s.config, s.actions, 4'000'000);
    QCOMPARE(short_run.endTime(0), Time(4'000'000));
    QVERIFY(short_run.journal(0).canonicalBytes() == long_run.journal(0).canonicalBytes());
  }

  void rebuildingFromDescriptionsReproducesEveryBranch() {
    // What `verify` relies on: config + inputs + each branch's actions and end.
    SoakOptions o;
    o.duration_us = 3'000'000;
    SoakRun sr = soakSchedule(9, o);
    Run run(sr.config, sr.actions, sr.until_us);
    int b1 = run.act(0, 1'000'000, crash(0));
    Action heal;
    heal.kind = ActionKind::HealAll;
    run.act(b1, run.endTime(b1) + 200'000, heal);  // continues b1
    Action t;
    t.kind = ActionKind::Timeout;
    t.node = 4;
    int b2 = run.act(b1, 2'000'000, t);
    run.extend(0, 3'500'000);
    std::vector<Branch> branches;
    for (int i = 0; i < run.branchCount(); ++i) branches.push_back(run.branch(i));
    Run again(sr.config, sr.actions, sr.until_us, branches);
    QCOMPARE(again.branchCount(), 3);
    for (int i = 0; i < 3; ++i)
      QVERIFY2(again.journal(i).canonicalBytes() == run.journal(i).canonicalBytes(),
               qPrintable(QString("seed 9, branch %1").arg(i)));
    QCOMPARE(again.branch(b2).name, std::string("branch 2"));
  }

  void aLoadedBranchContinuesLikeTheOriginal() {
    Scenario s = defaultScenario();
    Run run(s.config, s.actions, 2'000'000);
    int b1 = run.act(0, 1'000'000, crash(1));
    Run loaded_from(s.config, s.actions, 2'000'000);
    std::string error;
    auto rec = decodeRecording(encodeRecording(recordingOf(run)), error);
    QVERIFY2(rec.has_value(), error.c_str());
    auto loaded = runFromRecording(std::move(*rec));
    const Projection& before = loaded->projection(b1);
    loaded->extend(b1, 3'000'000);
    run.extend(b1, 3'000'000);
    QVERIFY(loaded->journal(b1).canonicalBytes() == run.journal(b1).canonicalBytes());
    QCOMPARE(&loaded->projection(b1), &before);  // the same object, still valid
    const Journal& j = loaded->journal(b1);
    QCOMPARE(before.stateAfter(Seq(j.size())), fold(s.config, j, Seq(j.size())));
    // Acting in a loaded branch's past forks from the stored journal.
    int b2 = loaded->act(b1, 1'500'000, crash(2));
    int b2o = run.act(b1, 1'500'000, crash(2));
    QVERIFY(loaded->journal(b2).canonicalBytes() == run.journal(b2o).canonicalBytes());
  }

  // Issue 19: the journal stores events packed (28 bytes, slots 2..4 in an
  // overflow row, sub and flags in one byte). Every kind, extreme field
  // values, overflow rows at chunk and rank boundaries, and sub, flags or
  // times that do not fit (a forged file, a long pause) read back equal through operator[], back(),
  // iteration and a shared prefix.
  void packedEventsRoundTrip() {
    std::vector<Event> in;
    const size_t n = 3 * PackedEvents::kChunk + 200;
    for (size_t i = 0; i < n; ++i) {
      Event e;
      e.time_us = i == 0 ? std::numeric_limits<Time>::min() : i + 1 == n ? std::numeric_limits<Time>::max() : Time(i * 7);
      // Times the record cannot hold as an offset from its block's first
      // event: 2^32 us and more later (then back), before it, and 2^32 - 1 later.
      if (i % 700 == 5) e.time_us += Time(1) << 33;
      if (i % 64 == 0 && i % 3 == 0) e.time_us += 1000;  // the events after it in the block are earlier
      if (i % 901 == 7) e.time_us = Time(i / 64 * 64 * 7) + Time(0xFFFFFFFFll);
      e.kind = EventKind(i % kEventKindCount);
      e.dt_us = i % 3 == 0 ? 0xFFFFFFFFu : uint32_t(i);
      e.ref = i % 5 == 0 ? kNoSeq : Seq(i / 2);
      e.term = i % 7 == 0 ? 0xFFFFFFFFu : uint32_t(i % 9);
      e.node = NodeId(i % 11 == 0 ? kNoNode : i % kMaxNodes);
      e.peer = NodeId(i % 13 == 0 ? 0xFE : (i + 1) % kMaxNodes);
      e.sub = uint8_t(i % 32);
      e.flags = uint8_t(i % 8);
      if (i % 997 == 0) e.sub = uint8_t(32 + i % 200);  // does not fit in 5 bits
      if (i % 1009 == 0) e.flags = 0xFF;                  // nor in 3
      for (int k = 0; k < 5; ++k) e.slot[k] = (i * 31 + size_t(k)) % 4 == 0 ? 0xFFFFFFFFu : uint32_t(i * (k + 1));
      // Overflow slots: on every third event, around each chunk and rank edge, and on none of some blocks.
      const size_t in_chunk = i % PackedEvents::kChunk;
      const bool edge = in_chunk < 2 || in_chunk + 2 >= PackedEvents::kChunk || i % 64 == 0 || i % 64 == 63;
      const bool quiet = (i / 64) % 5 == 3;
      if (quiet || (!edge && i % 3 != 0)) e.slot[2] = e.slot[3] = e.slot[4] = 0;
      else if (i % 2) e.slot[2] = e.slot[3] = 0, e.slot[4] = 1;  // a single non-zero slot still overflows
      in.push_back(e);
    }
    Journal j;
    for (size_t i = 0; i < n; ++i) {
      QCOMPARE(j.append(in[i]), Seq(i));
      QVERIFY(j.back() == in[i]);
    }
    QCOMPARE(j.size(), n);
    for (size_t i = 0; i < n; ++i) QVERIFY2(j[Seq(i)] == in[i], qPrintable(QString::number(i)));
    size_t i = 0;
    for (const Event& e : j.events()) QVERIFY2(e == in[i++], qPrintable(QString::number(i)));
    QCOMPARE(i, n);
    QVERIFY(j.events().overflowRows() > n / 4);
    QVERIFY(j.events().contentBytes() < n * sizeof(Event));
    // Prefixes of every kind of boundary keep exactly their events, and appending to one leaves the source alone.
    for (size_t cut : {size_t(0), size_t(1), size_t(63), size_t(64), size_t(65), PackedEvents::kChunk - 1,
                       PackedEvents::kChunk, PackedEvents::kChunk + 1, 2 * PackedEvents::kChunk + 64, n - 1, n}) {
      Journal p = Journal::sharePrefix(j, cut, 0, 1);
      QCOMPARE(p.size(), cut);
      for (size_t k = 0; k < cut; ++k) QVERIFY2(p[Seq(k)] == in[k], qPrintable(QString("%1 of %2").arg(k).arg(cut)));
      for (size_t k = cut; k < n; ++k) p.append(in[n - 1 - (k - cut)]);
      for (size_t k = cut; k < n; ++k) QVERIFY(p[Seq(k)] == in[n - 1 - (k - cut)]);
      for (size_t k = 0; k < n; ++k) QVERIFY(j[Seq(k)] == in[k]);
    }
    // indexOf finds an event by value.
    QCOMPARE(j.indexOf(in[4100]), int64_t(4100));
    Event missing = in[4100];
    missing.slot[4] ^= 1;
    QCOMPARE(j.indexOf(missing), int64_t(-1));
  }

  // Issue 19: a forked branch shares its parent's prefix instead of copying
  // it. Ten forks of a 1,000,000-event branch, each acting near the end, hold
  // less than 1.2x the memory of the branch alone (bytes of journal storage,
  // what branches share counted once: Run::journalBytes, not the process RSS).
  void forksShareTheirParentsPrefix() {
    Scenario s = defaultScenario();
    const Time trial_us = 20'000'000;
    const size_t trial_events = Run(s.config, s.actions, trial_us).journal(0).size();
    const Time until = Time(double(trial_us) * 1'050'000.0 / double(trial_events));
    Run run(s.config, s.actions, until);
    const Journal& main = run.journal(0);
    QVERIFY2(main.size() >= 1'000'000, qPrintable(QString::number(main.size())));
    const size_t single = run.journalBytes();
    // Events are stored packed (core/packed_events.h): 28 bytes each, plus an
    // overflow row for those with slots 2..4, which forks share as well.
    QVERIFY(single >= main.size() * sizeof(PackedEvents::Record));
    QVERIFY(main.events().overflowRows() > main.size() / 100);
    const std::string original = main.canonicalBytes();
    std::vector<int> forks;
    for (int k = 0; k < 10; ++k) forks.push_back(run.act(0, until - Time(k + 1) * 100'000, crash(NodeId(k % 5))));
    size_t unshared = 0;
    for (int b = 0; b < run.branchCount(); ++b) unshared += run.journal(b).contentBytes();
    const size_t shared = run.journalBytes();
    QVERIFY2(double(shared) < 1.2 * double(single),
             qPrintable(QString("%1 bytes for 11 branches, %2 for one").arg(shared).arg(single)));
    QVERIFY(unshared > 10 * single);  // what copies would have cost
    // Every fork's overflow rows are mostly its parent's: each block counted once.
    std::set<const void*> blocks;
    size_t block_bytes = 0;
    for (int b = 0; b < run.branchCount(); ++b)
      run.journal(b).events().forEachChunk([&](const void* id, size_t bytes) {
        if (blocks.insert(id).second) block_bytes += bytes;
      });
    QVERIFY2(double(block_bytes) < 1.2 * double(main.events().contentBytes()),
             qPrintable(QString("%1 event bytes for 11 branches, %2 for one").arg(block_bytes).arg(main.events().contentBytes())));
    // Each fork is still complete: the parent's prefix, then its own future.
    QVERIFY(run.journal(0).canonicalBytes() == original);
    for (int b : forks) {
      const Journal& j = run.journal(b);
      const Seq fork = run.branch(b).fork_seq;
      QVERIFY(samePrefix(j, main, fork));
      QVERIFY(j.size() > fork);
      QCOMPARE(run.projection(b).stateAfter(Seq(j.size())), fold(s.config, j, Seq(j.size())));
      QCOMPARE(run.projection(b).stateAfter(fork), run.projection(0).stateAfter(fork));
    }
    // A fork rebuilt from its description (as `verify` does) is byte-identical.
    std::vector<Branch> branches = {run.branch(0), run.branch(forks.back())};
    branches[1].parent = 0;
    Run rebuilt(s.config, s.actions, until, branches);
    QVERIFY(rebuilt.journal(1).canonicalBytes() == run.journal(forks.back()).canonicalBytes());
  }

  // Issue 19: identical carried payloads are stored once. A follower that
  // stays down is sent the same installSnapshot every heartbeat: the journal
  // refers to its entries again and again and stores them once.
  void identicalCarriedPayloadsAreStoredOnce() {
    std::string text = "nodes A B C\nconcepts chapter 12\nseed 1\ntiming snapshot 8\nat 400ms crash C\n";
    for (int w = 0; w < 20; ++w) text += "at " + std::to_string(500 + 50 * w) + "ms write A \"x=" + std::to_string(w) + "\"\n";
    text += "until 20s\n";
    ScriptError err;
    auto sc = parseScenario(text, "resent", err);
    QVERIFY2(sc, err.message.c_str());
    Run run(sc->config, sc->actions, sc->until_us);
    const Journal& j = run.journal(0);
    std::set<std::vector<Entry>, bool (*)(const std::vector<Entry>&, const std::vector<Entry>&)> distinct(
        [](const std::vector<Entry>& a, const std::vector<Entry>& b) {
          return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](const Entry& x, const Entry& y) {
            return std::pair(x.term, x.write) < std::pair(y.term, y.write);
          });
        });
    size_t snapshots_to_c = 0, referred = 0;
    std::vector<Entry> last_snapshot;
    for (Seq i = 0; i < j.size(); ++i) {
      const Event& e = j[i];
      if (!carriesEntries(e) || e.carriedCount() == 0 || (e.flags & kFlagDuplicate)) continue;
      std::vector<Entry> payload(j.carriedEntries(e), j.carriedEntries(e) + e.carriedCount());
      referred += payload.size();
      if (e.msgType() == MsgType::InstallSnapshot && e.peer == 2) {
        if (payload == last_snapshot) ++snapshots_to_c;
        last_snapshot = payload;
      }
      distinct.insert(std::move(payload));
    }
    QVERIFY2(snapshots_to_c >= 100, qPrintable(QString::number(snapshots_to_c)));  // ~20 s of heartbeats
    size_t distinct_entries = 0;
    for (const auto& p : distinct) distinct_entries += p.size();
    QCOMPARE(j.carriedSize(), referred);
    // At most once each (a payload that extends an earlier one may share it: see below).
    QVERIFY(j.carriedStored() <= distinct_entries);
    QVERIFY(j.carriedStored() * 20 < j.carriedSize());
    // A recording stores them once too once loaded, and reads back the same journal.
    std::string error;
    auto rec = decodeRecording(encodeRecording(recordingOf(run)), error);
    QVERIFY2(rec.has_value(), error.c_str());
    auto loaded = runFromRecording(std::move(*rec));
    QVERIFY(loaded->journal(0).canonicalBytes() == j.canonicalBytes());
    QVERIFY(loaded->journal(0).carriedStored() <= distinct_entries);
    // A branch forked late shares them, and stores its own new ones once.
    const size_t single = run.journalBytes();
    const int b = run.act(0, 15'000'000, crash(1));
    QVERIFY(run.journal(b).carriedStored() <= distinct_entries + 2 * 2048);
    // Counted once: the fork costs less than a copy (its events are mostly
    // copied here, the prefix being shorter than one chunk, not the carried entries).
    QVERIFY2(run.journalBytes() < 2 * single,
             qPrintable(QString("%1 bytes for two branches, %2 for one (%3 events)")
                            .arg(run.journalBytes()).arg(single).arg(j.size())));
  }

  // The journal's carried table by hand: ranges read back as appended,
  // copies and prefixes keep reading theirs while the source grows.
  void carriedRangesReadBackAsAppended() {
    Journal j;
    const Entry a[3] = {{1, 1}, {1, 2}, {2, 3}}, b[2] = {{3, 4}, {3, 5}};
    std::vector<Entry> big(5000);
    for (size_t i = 0; i < big.size(); ++i) big[i] = {uint32_t(i / 100), uint32_t(i)};
    QCOMPARE(j.appendCarried(a, 3), 0u);
    QCOMPARE(j.appendCarried(b, 2), 3u);
    QCOMPARE(j.appendCarried(a, 3), 5u);
    QCOMPARE(j.appendCarried(a, 0), 8u);
    QCOMPARE(j.appendCarried(big.data(), big.size()), 8u);
    QCOMPARE(j.appendCarried(big.data(), big.size()), 5008u);
    QCOMPARE(j.carriedSize(), size_t(10008));
    QCOMPARE(j.carriedStored(), size_t(5005));
    const Journal prefix = Journal::sharePrefix(j, 0, 5, 1);
    Journal copy = j;
    for (int k = 0; k < 3000; ++k) j.appendCarried(b, 1 + k % 2);
    copy.appendCarried(a + 1, 2);
    std::vector<Entry> expected = {a[0], a[1], a[2], b[0], b[1], a[0], a[1], a[2]};
    expected.insert(expected.end(), big.begin(), big.end());
    expected.insert(expected.end(), big.begin(), big.end());
    std::vector<Entry> head = j.carried().toVector(0);
    head.resize(expected.size());
    QVERIFY(head == expected);
    QCOMPARE(j.carried()[10008], b[0]);
    QCOMPARE(j.carried()[10009], b[0]);
    QCOMPARE(j.carried()[10010], b[1]);
    QCOMPARE(prefix.carriedSize(), size_t(5));
    QVERIFY(prefix.carried().toVector() == std::vector<Entry>(expected.begin(), expected.begin() + 5));
    expected.push_back(a[1]);
    expected.push_back(a[2]);
    QVERIFY(copy.carried().toVector() == expected);
    QCOMPARE(*copy.carriedAt(10008), a[1]);
    QCOMPARE(copy.carriedAt(20000)->term, 0u);  // outside the table: nothing to read
  }

  // A payload that grows (an installSnapshot to a follower that stays down
  // while writes go on, a whole log re-sent) is stored about once, not once
  // per size, even with other ranges stored between; copies that go on with
  // different entries each keep reading their own.
  void growingCarriedPayloadsAreStoredAboutOnce() {
    std::vector<Entry> log(20000), other(20000);
    for (size_t i = 0; i < log.size(); ++i) {
      log[i] = {uint32_t(1 + i / 1000), uint32_t(i)};
      other[i] = i < 15000 ? log[i] : Entry{99, uint32_t(i)};
    }
    const Entry small[2] = {{7, 1}, {7, 2}};
    Journal j;
    std::vector<std::pair<uint32_t, std::vector<Entry>>> expected;  // offset, entries
    auto append = [&](Journal& into, const Entry* first, size_t count, auto& record) {
      record.push_back({into.appendCarried(first, count), std::vector<Entry>(first, first + count)});
    };
    size_t referred = 0, rounds = 0;
    for (size_t n = 300; n <= 15000; n += 7, ++rounds) {
      append(j, log.data(), n, expected);  // the snapshot, one entry... seven entries longer each time
      append(j, log.data() + n - 3, 3, expected);  // a logRequest's suffix
      append(j, small, 1 + n % 2, expected);
      referred += n;
    }
    QVERIFY(j.carriedSize() >= referred);
    // The last size is 15,000 entries: its copies grow geometrically (about
    // 4.5x it in all at most), plus the three-entry suffixes, each new.
    QVERIFY2(j.carriedStored() <= 5 * 15000 + 3 * rounds + 2048 && j.carriedStored() * 100 < referred,
             qPrintable(QString("%1 stored for %2 referred").arg(j.carriedStored()).arg(referred)));
    auto readsBack = [](const Journal& jj, const auto& record) {
      for (const auto& [offset, entries] : record) {
        if (jj.carriedContiguous(offset) < entries.size()) return false;
        if (!std::equal(entries.begin(), entries.end(), jj.carriedAt(offset))) return false;
      }
      return true;
    };
    QVERIFY(readsBack(j, expected));
    // A copy shares the run but may not write after it: the source and the
    // copy go on with different entries and each reads its own.
    Journal copy = j;
    auto copy_expected = expected;
    for (size_t n = 15007; n <= 20000; n += 7) {
      append(j, log.data(), n, expected);
      append(copy, other.data(), n, copy_expected);
    }
    QVERIFY(readsBack(j, expected));
    QVERIFY(readsBack(copy, copy_expected));
    // A branch made of a prefix reads its part and writes its own after it.
    Journal prefix = Journal::sharePrefix(j, 0, expected[30].first, 1);
    std::vector<std::pair<uint32_t, std::vector<Entry>>> prefix_expected(expected.begin(), expected.begin() + 30);
    append(prefix, other.data(), 16000, prefix_expected);
    QVERIFY(readsBack(prefix, prefix_expected));
    QVERIFY(readsBack(j, expected));
  }

  // The same in a run: a follower down while 600 writes go on is sent a
  // growing installSnapshot every heartbeat; the run and its recording read
  // back store its entries about once.
  void growingSnapshotsInARunAreStoredAboutOnce() {
    std::string text = "nodes A B C\nconcepts chapter 12\nseed 3\ntiming snapshot 8\nat 400ms crash C\n";
    const int writes = 600;
    for (int w = 0; w < writes; ++w)
      text += "at " + std::to_string(500 + 20 * w) + "ms write A \"x=" + std::to_string(w) + "\"\n";
    text += "until 20s\n";
    ScriptError err;
    auto sc = parseScenario(text, "growing", err);
    QVERIFY2(sc, err.message.c_str());
    Run run(sc->config, sc->actions, sc->until_us);
    const Journal& j = run.journal(0);
    size_t snapshots = 0, longest = 0;
    for (Seq i = 0; i < j.size(); ++i) {
      const Event e = j[i];
      if (!e.isMessage(MsgType::InstallSnapshot)) continue;
      ++snapshots;
      longest = std::max<size_t>(longest, e.carriedCount());
    }
    QVERIFY2(longest >= size_t(writes) && snapshots >= 100, qPrintable(QString("%1 snapshots, the longest %2").arg(snapshots).arg(longest)));
    // Geometric copies of the snapshot (at most ~4.5x the longest), and the
    // entries sent to the live follower, each once.
    const size_t bound = 5 * longest + 2 * 2048;
    QVERIFY2(j.carriedStored() <= bound && j.carriedStored() * 10 < j.carriedSize(), qPrintable(QString("%1 stored for %2 referred").arg(j.carriedStored()).arg(j.carriedSize())));
    std::string error;
    auto rec = decodeRecording(encodeRecording(recordingOf(run)), error);
    QVERIFY2(rec.has_value(), error.c_str());
    auto loaded = runFromRecording(std::move(*rec));
    QVERIFY(loaded->journal(0).sameCanonicalBytes(j));
    QVERIFY2(loaded->journal(0).carriedStored() <= bound, qPrintable(QString::number(loaded->journal(0).carriedStored())));
  }
};

QTEST_GUILESS_MAIN(TestReplayRun)
#include "test_replay_run.moc"

// Bounds on what an input may ask for (issue 14, core/limits.h): time values
// and run lengths, the events and messages a simulation may pile up, files
// read, numbers too large for their type, and the guard around main() that
// turns an escaped exception into a message and exit status 2.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <sstream>

#include "app/cli/cli.h"
#include "support/cli_support.h"
#include "core/config.h"
#include "core/expect.h"
#include "core/file_read.h"
#include "core/format.h"
#include "core/limits.h"
#include "core/script.h"
#include "core/simulator.h"
#include "core/talk.h"
#include "core/validate.h"
#include "replay/recording_file.h"
#include "replay/run.h"

using namespace radeau;

namespace {

std::string scriptError(const std::string& text) {
  ScriptError err;
  auto s = parseScenario(text, "s.radeau-script", err);
  return s ? std::string() : err.toString();
}

using Result = test::CliResult;
using test::cliRun;

}  // namespace

class TestBounds : public QObject {
  Q_OBJECT
 private slots:
  void negativeTimesPrintWithOneSign() {
    QCOMPARE(formatTime(-500'000), std::string("-0.500000s"));
    QCOMPARE(formatTime(-1'250'000), std::string("-1.250000s"));
    QCOMPARE(formatTime(1'250'000), std::string("1.250000s"));
    QCOMPARE(formatTime(std::numeric_limits<Time>::min()), std::string("-9223372036854.775808s"));
  }

  void timingValuesFitTheirThirtyTwoBits() {
    // 4296s would wrap to a 131ms timer in Event::dt_us: a located error instead.
    QCOMPARE(scriptError("nodes 3\ntiming election 4295s..4296s\n"),
             std::string("s.radeau-script:2:17: timing value 4295.000000s is too long (at most 3600.000000s)"));
    QCOMPARE(scriptError("nodes 3\ntiming heartbeat 3601s\n"),
             std::string("s.radeau-script:2:18: timing value 3601.000000s is too long (at most 3600.000000s)"));
    QCOMPARE(scriptError("nodes 3\ntiming latency 10ms..7200s\n"),
             std::string("s.radeau-script:2:16: timing value 7200.000000s is too long (at most 3600.000000s)"));
    QCOMPARE(scriptError("nodes 3\ntiming election 3600s..3600s heartbeat 1s latency 3600s\n"), std::string());
    QVERIFY(timingValueProblem(limits::kMaxTimingUs).empty());
    QVERIFY(!timingValueProblem(limits::kMaxTimingUs + 1).empty());
    QVERIFY(!timingValueProblem(-1).empty());
    Timing t;
    t.latency_max_us = Time(1) << 40;
    QVERIFY(!timingProblem(t).empty());
  }

  void echoedInputIsSanitised() {
    // A carriage return inside a name must not make 'Mi\rchel' print as 'Michel'.
    QCOMPARE(scriptError("nodes 3\nat 1s crash Mi\rchel\n"),
             std::string("s.radeau-script:2:13: unknown node 'Mi\\rchel' (nodes: Michel, Jean-Pierre, Sophie)"));
  }

  void untilIsBounded() {
    QCOMPARE(scriptError("nodes 3\nuntil 1000000000000s\n"),
             std::string("s.radeau-script:2:7: a run of 1000000000000.000000s is too long (at most 86400.000000s)"));
    QCOMPARE(scriptError("nodes 3\nuntil 86400s\n"), std::string());
    Result r = cliRun({"run", "--default", "--until", "100000000s"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.find("--until: a run of 100000000.000000s is too long") != std::string::npos, r.err.c_str());
  }

  void hugeNumbersInExpectationsAreLocatedErrors() {
    QCOMPARE(scriptError("nodes 3\nuntil 2s\nexpect leaders 99999999999999999999\n"),
             std::string("s.radeau-script:3:16: number '99999999999999999999' is too large (at most 4294967295)"));
    QCOMPARE(scriptError("nodes 3\nuntil 2s\nexpect at 1s leaders 1\n"), std::string());
  }

  void hugeNumbersInExpectationsAreErrorsNotExceptions() {
    ScriptError err;
    auto s = parseScenario("nodes 3\nuntil 1s\n", "s", err);
    QVERIFY2(s, err.toString().c_str());
    Run run(s->config, s->actions, s->until_us);
    auto results = checkExpectations({"leaders 99999999999999999999", "at 99999999999999999999s leaders 1"},
                                     s->config, run.journal(0), run.projection(0).stateAt(run.endTime(0)));
    QCOMPARE(int(results.size()), 2);
    QVERIFY(!results[0].met);
    QVERIFY2(results[0].detail.find("too large") != std::string::npos, results[0].detail.c_str());
    QVERIFY(!results[1].met);
  }

  void talksAreBounded() {
    auto talkError = [](const std::string& text) {
      TalkError err;
      auto t = parseTalk(text, "t.radeau-talk", err);
      return t ? std::string() : err.message;
    };
    const std::string step = "title T\nopen x.radeau\ncaption C\n";
    QCOMPARE(talkError("talk T\nstep a\n" + step + "pause 100000s\n"),
             std::string("pause a run of 100000.000000s is too long (at most 86400.000000s)"));
    std::string many = "talk T\n";
    for (uint64_t i = 0; i <= limits::kMaxTalkSteps; ++i) many += "step s" + std::to_string(i) + "\n" + step;
    QCOMPARE(talkError(many), std::string("more than 10000 steps"));
  }

  void messagesInFlightAreBounded() {
    // A 1us heartbeat with 10ms of latency: 20,000 messages in flight per
    // follower; it used to run (quadratically) until memory ran out.
    ScriptError err;
    auto s = parseScenario("nodes 3\ntiming heartbeat 1us latency 10ms\nuntil 60s\n", "s", err);
    QVERIFY2(s, err.toString().c_str());
    QElapsedTimer clock;
    clock.start();
    try {
      Run run(s->config, s->actions, s->until_us);
      QFAIL("the run should have stopped at the limit");
    } catch (const limits::Exceeded& e) {
      QVERIFY2(std::string(e.what()).find("messages in flight") != std::string::npos, e.what());
    }
    QVERIFY2(clock.elapsed() < 20'000, QByteArray::number(clock.elapsed()));
  }

  void onlyRegularFilesAreRead() {
    std::string content, error;
    QVERIFY(!readBoundedFile("/dev/zero", content, error));
    QVERIFY2(error == "cannot read /dev/zero: not a regular file", error.c_str());
    QVERIFY(!readBoundedFile("/nonexistent/x\x1b[2J", content, error));
    QVERIFY2(error.find("\\x1b[2J") != std::string::npos, error.c_str());  // the path sanitised
    QTemporaryDir dir;
    const std::string path = dir.filePath("small.txt").toStdString();
    {
      std::ofstream f(path);
      f << "nodes 3\n";
    }
    QVERIFY2(readBoundedFile(path, content, error), error.c_str());
    QCOMPARE(content, std::string("nodes 3\n"));
    for (const char* cmd : {"info", "verify", "check"}) {
      Result r = cliRun({cmd, "/dev/zero"});
      QCOMPARE(r.code, 2);
      QVERIFY2(r.err.find("not a regular file") != std::string::npos, r.err.c_str());
    }
  }

  // validateEvent checks a carried payload once, by where it is stored; a
  // payload grown in place (the same stored start, more entries) still has
  // its new entries checked.
  void grownCarriedPayloadsHaveTheirNewEntriesChecked() {
    Journal j;
    EventContext ctx(3, 0, 0);
    ctx.max_write = 300;
    std::vector<Entry> log;
    for (uint32_t i = 1; i <= 300; ++i) log.push_back({1, i});
    const uint32_t first = j.appendCarried(log.data(), log.size());
    auto send = [&](uint32_t offset, uint32_t count) {
      Event e = make::logRequest(0, 0, 0, offset, count);
      e.node = 0;
      e.peer = 1;
      ctx.carried_total = j.carriedSize();
      std::string why = validateEvent(j, e, ctx);
      if (why.empty()) j.append(e);
      return why;
    };
    QCOMPARE(send(first, 300), std::string());
    log.push_back({1, 999});  // a write no client made
    const uint32_t grown = j.appendCarried(log.data(), log.size());
    QCOMPARE(j.carriedAt(grown), j.carriedAt(first));  // stored in place after the first payload
    QCOMPARE(send(grown, 300), std::string());        // its checked part
    QCOMPARE(send(grown, 301), std::string("carries an entry of unknown client write 999"));
    ctx.max_write = 999;
    QCOMPARE(send(grown, 301), std::string());
  }

  // A payload is read at one place: a message whose entries span two stored
  // pieces (a hostile file's pieces cut inside a payload, the second stored
  // once elsewhere) is refused, not read past the first piece's storage.
  void carriedPayloadsAreStoredInOnePiece() {
    Journal j;
    EventContext ctx(3, 0, 0);
    ctx.max_write = 10;
    const std::vector<Entry> a{{1, 1}, {1, 2}, {1, 3}}, b{{2, 4}, {2, 5}};
    const uint32_t at_b = j.appendCarried(b.data(), b.size());
    const uint32_t at_a = j.appendCarried(a.data(), a.size());
    const uint32_t again_b = j.appendCarried(b.data(), b.size());  // identical: stored once, before `a`
    QCOMPARE(j.carriedAt(again_b), j.carriedAt(at_b));
    QCOMPARE(j.carriedContiguous(at_a), size_t(3));
    auto send = [&](uint32_t offset, uint32_t count) {
      Event e = make::logRequest(0, 0, 0, offset, count);
      e.node = 0;
      e.peer = 1;
      ctx.carried_total = j.carriedSize();
      return validateEvent(j, e, ctx);
    };
    QCOMPARE(send(at_a, 3), std::string());
    QCOMPARE(send(again_b, 2), std::string());
    QCOMPARE(send(at_a + 1, 4), std::string("carries entries that are not stored as one payload"));
    QCOMPARE(send(at_a, 6), std::string("carries entries beyond the carried table"));
  }

  // A snapshot's label counts its keys; one re-sent while the log grows is
  // counted from where the last count ended (core/format.cpp), and must give
  // what counting all of it gives.
  void snapshotKeysOfAGrowingPayload() {
    Journal j;
    std::vector<Entry> log;
    for (uint32_t i = 1; i <= 300; ++i) {
      const uint32_t w = j.addWrite({(i % 3 == 0 ? "y+=" : "x=") + std::to_string(i), 0, 0});
      log.push_back({1, w});
    }
    log.push_back({1, 0});  // a no-op: no key
    const uint32_t first = j.appendCarried(log.data(), log.size());
    const Entry* stored = j.carriedAt(first);
    QCOMPARE(snapshotKeys(j, stored, 301), size_t(2));
    log.push_back({2, j.addWrite({"z=1", 1, 0})});
    const uint32_t grown = j.appendCarried(log.data(), log.size());
    QCOMPARE(j.carriedAt(grown), stored);  // stored in place after the first payload: counted on from it
    QCOMPARE(snapshotKeys(j, stored, 302), size_t(3));
    QCOMPARE(snapshotKeys(j, stored, 2), size_t(1));  // shorter than what was counted: afresh
    QCOMPARE(snapshotKeys(j, stored, 302), size_t(3));
    // Another journal's payload, the same length: its own keys.
    Journal other;
    std::vector<Entry> other_log;
    for (uint32_t i = 1; i <= 302; ++i) other_log.push_back({1, other.addWrite({"k" + std::to_string(i % 7) + "=1", 0, 0})});
    const uint32_t at = other.appendCarried(other_log.data(), other_log.size());
    QCOMPARE(snapshotKeys(other, other.carriedAt(at), 302), size_t(7));
  }

  void validateEventKeepsProtocolSense() {
    // A hand-made journal: node 0 sends to node 1; only node 1 may receive it, once.
    Journal j;
    EventContext ctx(3, 0, 0);
    auto add = [&](Event e) {
      std::string why = validateEvent(j, e, ctx);
      if (why.empty()) j.append(e);
      return why;
    };
    QCOMPARE(add(Event{.kind = EventKind::MessageSent, .node = 0, .peer = 1}), std::string());
    QCOMPARE(add(Event{.ref = 0, .kind = EventKind::MessageDelivered, .node = 2, .peer = 0}),
             std::string("message 0 from node 0 to node 1 reaches node 2 from node 0"));
    QCOMPARE(add(Event{.ref = 0, .kind = EventKind::MessageDelivered, .node = 1, .peer = 0}), std::string());
    QCOMPARE(add(Event{.ref = 0, .kind = EventKind::MessageDropped, .node = 1, .peer = 0}),
             std::string("message 0 was already delivered or dropped"));
    QCOMPARE(add(Event{.term = 3, .kind = EventKind::TermChanged, .node = 1}), std::string());
    QCOMPARE(add(Event{.term = 2, .kind = EventKind::TermChanged, .node = 1}),
             std::string("node 1's term goes down from 3 to 2"));
    // Without persistence a crash loses the term: that is allowed.
    QCOMPARE(add(Event{.kind = EventKind::Crashed, .node = 1}), std::string());
    QCOMPARE(add(Event{.kind = EventKind::RoleChanged, .node = 1, .sub = uint8_t(Role::Leader)}),
             std::string("node 1 leads while crashed"));
    QCOMPARE(add(Event{.term = 0, .kind = EventKind::TermChanged, .node = 1}), std::string());
    QCOMPARE(add(Event{.kind = EventKind::TimerStarted, .node = 0}), std::string());
    const Seq timer = Seq(j.size() - 1);
    QCOMPARE(add(Event{.ref = timer, .kind = EventKind::TimerFired, .node = 2}),
             std::string("node 2 stops a timer of node 0"));
    QCOMPARE(add(Event{.ref = timer, .kind = EventKind::TimerFired, .node = 0}), std::string());
    QCOMPARE(add(Event{.ref = timer, .kind = EventKind::TimerCancelled, .node = 0}),
             std::string("timer " + std::to_string(timer) + " is not running"));
    QCOMPARE(add(make::voteCounted(0, 1, 4)),
             std::string("counts 4 votes in a cluster of 3 nodes"));
  }

  void simulatorSurvivesJournalsThatBypassTheReader() {
    // What the reader now refuses crashed the window's paths (acting in the
    // past, playing on): SEGV in Checker::before on unknown write ids, a heap
    // overflow in Simulator::sendSnapshot. The simulator guards itself too.
    ScriptError err;
    auto sc = parseScenario(defaultScenarioText(), "default", err);
    QVERIFY(sc);
    Run base(sc->config, sc->actions, 4'000'000);
    const Recording good = recordingOf(base);
    auto variant = [&](auto edit_carried, auto edit_event) {
      Recording r = good;
      const Journal& j = good.journals[0];
      std::vector<Entry> carried = j.carried().toVector();
      for (Entry& e : carried) edit_carried(e);
      Journal out;
      for (size_t w = 1; w < j.writes().size(); ++w) out.addWrite(j.writes()[w]);
      out.appendCarried(carried.data(), carried.size());
      for (Seq i = 0; i < j.size(); ++i) {
        Event e = j[i];
        edit_event(e);
        out.append(e);
      }
      r.journals[0] = out;
      return runFromRecording(std::move(r));
    };
    std::vector<std::unique_ptr<Run>> runs;
    runs.push_back(variant([](Entry& e) { e.write = 999; }, [](Event&) {}));
    runs.push_back(variant([](Entry&) {}, [](Event& e) {
      if (e.kind == EventKind::MessageSent && e.msgType() == MsgType::LogRequest) {
        e.sub = uint8_t(MsgType::InstallSnapshot);
        setFieldBits(e, EventField::S0, e.carriedCount() + 1000);  // its snapshot index
      }
    }));
    runs.push_back(variant([](Entry&) {}, [](Event& e) {
      if (e.kind == EventKind::SnapshotTaken) e = make::at(e.time_us, make::snapshotTaken(e.node, e.index() + 1000, e.term));
    }));
    Action crash;
    crash.kind = ActionKind::Crash;
    crash.node = 4;
    for (auto& run : runs) {
      for (Time t = 100'000; t < 4'000'000; t += 300'000) {
        int b = run->act(0, t, crash);
        run->extend(b, 5'000'000);
      }
      run->extend(0, 5'000'000);
      QVERIFY(run->branchCount() > 1);
    }
  }

  void guardedMainTurnsAnEscapedExceptionIntoExitTwo() {
    // The real program: an input that makes the simulation give up (a
    // limits::Exceeded thrown deep inside) ends with a message and status 2.
    QTemporaryDir dir;
    const QString script = dir.filePath("flood.radeau-script");
    {
      QFile f(script);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("nodes 3\ntiming heartbeat 1us latency 10ms\nuntil 60s\n");
    }
    QProcess cli;
    cli.start(QStringLiteral(RADEAU_BINARY_DIR "/bin/radeau-cli"), {"run", script});
    QVERIFY(cli.waitForFinished(60'000));
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli.exitCode(), 2);
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(err.startsWith("radeau-cli: the simulation has 10000 messages in flight"), qPrintable(err));
  }
};

QTEST_GUILESS_MAIN(TestBounds)
#include "test_bounds.moc"

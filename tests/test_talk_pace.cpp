// The pace of a talk (core/talk_pace.h): `speed` lines parse or say where
// they are wrong; the profile fast-forwards quiet stretches, slows held
// events down and obeys speed lines; and the author's talk, played with the
// clicker on a fake clock, never makes the room wait more than 8 s between
// two clicks while every vote, overwrite and finding stays on screen 1.5 s.
#include <QFile>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "core/talk.h"
#include "core/talk_pace.h"
#include "replay/playhead.h"
#include "replay/talk_player.h"

using namespace radeau;

namespace {
const QString kTalk = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/talk.radeau-talk");
constexpr double kTickS = 1.0 / 60;  // the fake clock's tick, as the playhead's timer
constexpr double kMaxWaitS = 8.0;
constexpr double kMinHoldS = 1.5;

Event at(Time t, EventKind kind, NodeId node = 0) {
  Event e;
  e.time_us = t;
  e.kind = kind;
  e.node = node;
  return e;
}
Event voteReply(Time t, Time flight_us, bool granted) {
  Event e = make::at(t, make::voteResponse(granted));
  e.node = 1;
  e.peer = 0;
  e.dt_us = uint32_t(flight_us);
  return e;
}
}  // namespace

class TestTalkPace : public QObject {
  Q_OBJECT
 private slots:
  void speedLinesParse() {
    TalkError err;
    auto talk = parseTalk("step a\ntitle A\nopen a\nspeed 0.25x from 2.85s to 3s\nspeed 8x\nspeed 32x from 0ms to 10ms\n",
                          "t.talk", err);
    QVERIFY2(talk, err.toString().c_str());
    const auto& sp = talk->steps[0].speeds;
    QCOMPARE(sp.size(), size_t(3));
    QCOMPARE(sp[0].factor, 0.25);
    QCOMPARE(sp[0].from_us, Time(2'850'000));
    QCOMPARE(sp[0].to_us, Time(3'000'000));
    QCOMPARE(sp[0].line, 4);
    QCOMPARE(sp[1].factor, 8.0);
    QCOMPARE(sp[1].to_us, Time(-1));  // the whole step
    QCOMPARE(sp[2].factor, 32.0);
  }

  void badSpeedLinesSayWhere_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("message");
    const QString usage = " (speed FACTORx [from TIME to TIME], e.g. 'speed 0.25x from 2.85s to 3s')";
    QTest::newRow("no x") << "speed 8" << "t.talk:4:7: malformed speed '8'" + usage;
    QTest::newRow("not a number") << "speed fastx" << "t.talk:4:7: malformed speed 'fastx'" + usage;
    QTest::newRow("too fast") << "speed 64x" << "t.talk:4:7: speed 64x is out of range (0.01x to 32x)";
    QTest::newRow("too slow") << "speed 0.001x" << "t.talk:4:7: speed 0.001x is out of range (0.01x to 32x)";
    QTest::newRow("zero") << "speed 0x" << "t.talk:4:7: speed 0x is out of range (0.01x to 32x)";
    QTest::newRow("negative") << "speed -2x" << "t.talk:4:7: speed -2x is out of range (0.01x to 32x)";
    QTest::newRow("no from") << "speed 2x at 1s" << "t.talk:4:10: expected 'from' after the factor, got 'at'" + usage;
    QTest::newRow("bad from") << "speed 2x from soon to 3s" << "t.talk:4:15: malformed time 'soon' (e.g. 2.85s or 600ms)";
    QTest::newRow("no to") << "speed 2x from 1s" << "t.talk:4:15: expected 'to TIME' after the start time" + usage;
    QTest::newRow("bad to") << "speed 2x from 1s to later" << "t.talk:4:21: malformed time 'later' (e.g. 2.85s or 600ms)";
    QTest::newRow("backwards") << "speed 2x from 3s to 1s" << "t.talk:4:21: the stretch must end after it starts (3s to 1s)";
    QTest::newRow("trailing") << "speed 2x from 1s to 3s please" << "t.talk:4:24: unexpected 'please' after the stretch" + usage;
    QTest::newRow("empty") << "speed" << "t.talk:4: 'speed' needs a value";
  }
  void badSpeedLinesSayWhere() {
    QFETCH(QString, line);
    QFETCH(QString, message);
    TalkError err;
    auto talk = parseTalk(("step a\ntitle A\nopen a\n" + line + "\n").toStdString(), "t.talk", err);
    QVERIFY(!talk);
    QCOMPARE(QString::fromStdString(err.toString()), message);
  }

  void onlyRemovingTruncationsAreOverwrites() {
    PaceNotability n;
    const Event append = make::logAppended(2, 3, 0, 0);
    QVERIFY(n.classify(append) == Notability::None);
    const Event same = make::logTruncated(2, 3);  // keeps all three: nothing overwritten
    QVERIFY(n.classify(same) == Notability::None);
    const Event cut = make::logTruncated(2, 1);
    QVERIFY(n.classify(cut) == Notability::Held);
    QVERIFY(n.classify(at(0, EventKind::LogTruncated, 3)) == Notability::None);  // another node, empty log
    // The same overwrite again (a log flipping between two leaders): only notable.
    QVERIFY(n.classify(append) == Notability::None);
    QVERIFY(n.classify(cut) == Notability::Notable);
    QVERIFY(n.classify(voteReply(0, 5000, false)) == Notability::Held);  // refused votes count too
    QVERIFY(n.classify(at(0, EventKind::Finding)) == Notability::Held);
    QVERIFY(n.classify(at(0, EventKind::Crashed)) == Notability::Notable);
    QVERIFY(n.classify(at(0, EventKind::WriteAcked)) == Notability::Notable);
    QVERIFY(n.classify(at(0, EventKind::TimerStarted)) == Notability::None);
  }

  void quietStretchesFastForwardAndVotesSlowDown() {
    // A crash at 100ms, a vote reply flying 1.0s to 1.008s, nothing else until 3s.
    std::vector<Event> ev{at(100'000, EventKind::Crashed), voteReply(1'000'000, 8'000, true)};
    const PaceProfile p = PaceProfile::build(ev, 3'000'000, {}, {});
    // Around the crash: 1x. Between it and the vote: fast-forward.
    QCOMPARE(p.rateAt(100'000), 1.0);
    QCOMPARE(p.rateAt(500'000), 8.0);
    QCOMPARE(QString::fromStdString(paceText(p.rateAt(500'000))), QStringLiteral("⏩ 8×"));
    QVERIFY(paceText(1.0).empty());
    // The vote reply's 10ms on screen (its 8ms flight, at least hold_span) take 1.5s of wall time.
    QCOMPARE(p.held().size(), size_t(1));
    QVERIFY(p.held()[0].kind == HeldItem::Kind::Vote);
    QCOMPARE(p.wallSeconds(1'000'000, 1'010'000), 1.5);
    QVERIFY(p.rateAt(1'004'000) < 0.1);
    // Quiet after the vote too, up to the end, and long: faster, so that it takes 1.5 s.
    QVERIFY(p.rateAt(2'500'000) > 8.0);
    QVERIFY(std::abs(p.wallSeconds(p.segmentAt(2'500'000).from_us, 3'000'000) - 1.5) < 1e-9);
    // 3s of virtual time at 1x would be 30s; here it is a few seconds.
    QVERIFY(p.wallSeconds(0, 3'000'000) < 8.0);
    // advance() and wallSeconds() agree.
    for (Time t : {Time(0), Time(90'000), Time(999'000), Time(1'005'000)}) {
      const double w = p.wallSeconds(t, 2'000'000);
      QVERIFY(std::abs(p.advance(double(t), w) - 2'000'000.0) < 1e-3);
    }
  }

  void pausesAndSpeedLinesShapeThePace() {
    std::vector<Event> ev{at(100'000, EventKind::Crashed), voteReply(1'000'000, 8'000, true)};
    // A pause in the quiet stretch is approached at 1x.
    PaceProfile p = PaceProfile::build(ev, 3'000'000, {600'000}, {});
    QCOMPARE(p.rateAt(590'000), 1.0);
    QCOMPARE(p.rateAt(400'000), 8.0);
    // The author's lines win over both fast-forward and slow motion; later lines last.
    p = PaceProfile::build(ev, 3'000'000, {},
                           {TalkSpeed{0.5, 300'000, 700'000, 1}, TalkSpeed{4, 990'000, 1'100'000, 2},
                            TalkSpeed{2, 1'050'000, 1'200'000, 3}});
    QCOMPARE(p.rateAt(500'000), 0.5);
    QVERIFY(p.segmentAt(500'000).why == PaceSegment::Why::Speed);
    QCOMPARE(p.rateAt(1'004'000), 4.0);
    QCOMPARE(p.rateAt(1'060'000), 2.0);
    QVERIFY(p.rateAt(1'500'000) > 8.0);
    // A speed line without a stretch covers the whole step, and only it: 1x past the end.
    p = PaceProfile::build(ev, 3'000'000, {}, {TalkSpeed{3, 0, -1, 1}});
    QCOMPARE(p.rateAt(0), 3.0);
    QCOMPARE(p.rateAt(2'999'999), 3.0);
    QCOMPARE(p.rateAt(3'500'000), 1.0);
    // Same inputs, same profile.
    const PaceProfile q = PaceProfile::build(ev, 3'000'000, {}, {TalkSpeed{3, 0, -1, 1}});
    QCOMPARE(q.segments().size(), p.segments().size());
    for (size_t k = 0; k < q.segments().size(); ++k) {
      QCOMPARE(q.segments()[k].from_us, p.segments()[k].from_us);
      QCOMPARE(q.segments()[k].rate, p.segments()[k].rate);
    }
  }

  // The whole author's talk with the clicker: "next" at each stop, the
  // playhead driven by a fake clock (no waiting). Measures every wait
  // between two clicks and how long each held event is on screen.
  void authorsTalkIsPaced() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QString error;
    QVERIFY2(player.load(kTalk, error), qPrintable(error));
    double max_wait = 0, min_hold = 1e9, total_wall = 0;
    QString max_wait_at, min_hold_at;
    int clicks = 0, pauses = 0, held = 0;
    QStringList failures;
    for (int step = 0; step < player.stepCount(); ++step) {
      if (step > 0) {
        player.next();  // at the end of the step: the next one
        QCOMPARE(player.current(), step);
      }
      const TalkStep& s = *player.step();
      const PaceProfile& profile = player.paceProfile();
      const Time end = player.run()->endTime(0);
      struct Tick {
        Time before, after;
      };
      std::vector<Tick> trace;
      std::vector<Time> stops;                     // where playback stopped
      Time from = 0;
      QString from_label = QStringLiteral("start");
      while (true) {
        player.next();
        ++clicks;
        double wall = 0;
        for (int guard = 0; playhead.playing() && guard < 100'000; ++guard) {
          const Time before = playhead.time();
          playhead.advanceWall(kTickS);
          wall += kTickS;
          trace.push_back({before, playhead.time()});
        }
        QVERIFY2(!playhead.playing(), "playback never stopped");
        const Time to = playhead.time();
        stops.push_back(to);
        // The player follows its profile: the fake clock agrees with it to a tick.
        const double exact = profile.wallSeconds(from, to);
        QVERIFY2(std::abs(wall - exact) <= kTickS + 1e-6,
                 qPrintable(QStringLiteral("%1: %2 s played, profile says %3 s").arg(QString::fromStdString(s.id)).arg(wall).arg(exact)));
        total_wall += exact;
        const int k = player.nextPause() - 1;
        const bool at_pause = k >= 0 && k < int(player.pauseTimes().size()) && player.pauseTimes()[size_t(k)] == to;
        if (at_pause) ++pauses;
        const QString to_label = at_pause ? QString::fromStdString(s.pauses[size_t(player.pauseSource(k))].label.en) : QStringLiteral("end");
        const QString where = QStringLiteral("%1: %2 → %3").arg(QString::fromStdString(s.id), from_label, to_label);
        if (exact > max_wait) {
          max_wait = exact;
          max_wait_at = where;
        }
        if (qEnvironmentVariableIsSet("RADEAU_PACE_VERBOSE")) {
          QString why;
          for (const PaceSegment& g : profile.segments())
            if (g.from_us < to && g.from_us >= from - 200'000)
              why += QStringLiteral(" %1ms:%2%3").arg(double(g.from_us) / 1000).arg(g.rate).arg("nfhs"[int(g.why)]);
          qInfo("%6.2f s  %s  [%s]", exact, qPrintable(where), qPrintable(why));
        }
        if (exact > kMaxWaitS) failures << QStringLiteral("wait %1 s at %2").arg(exact, 0, 'f', 2).arg(where);
        from = to;
        from_label = to_label;
        if (to >= end) break;
      }
      // Each held event: the wall time the playhead spent inside its span,
      // unbounded when playback stopped there (the presenter talks over it).
      const Journal& j = player.run()->journal(0);
      for (const HeldItem& h : profile.held()) {
        ++held;
        const bool stopped = std::any_of(stops.begin(), stops.end(), [&](Time t) { return t >= h.from_us && t < h.to_us; });
        if (stopped) continue;
        double on_screen = 0;
        for (const Tick& t : trace)  // a tick during which it was on screen
          if (t.after >= h.from_us && t.before < h.to_us) on_screen += kTickS;
        const QString what = QStringLiteral("%1: %2 #%3 at %4 ms")
                                 .arg(QString::fromStdString(s.id), heldKindName(h.kind))
                                 .arg(h.seq)
                                 .arg(double(j[h.seq].time_us) / 1000.0);
        if (on_screen < min_hold) {
          min_hold = on_screen;
          min_hold_at = what;
        }
        if (on_screen < kMinHoldS - kTickS) failures << QStringLiteral("%1 on screen only %2 s").arg(what).arg(on_screen, 0, 'f', 2);
      }
    }
    qInfo("author's talk: %d steps, %d clicks, %d pauses, %.0f s of playback; max wait %.2f s (%s); "
          "%d votes/overwrites/findings, min hold %.2f s when not paused (%s)",
          player.stepCount(), clicks, pauses, total_wall, max_wait, qPrintable(max_wait_at), held, min_hold,
          qPrintable(min_hold_at));
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
  }
};

QTEST_GUILESS_MAIN(TestTalkPace)
#include "test_talk_pace.moc"

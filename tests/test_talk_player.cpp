// The talk player: steps open their script or recording, playback stops at
// the scheduled pauses, next / previous / replay move through the talk.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/script.h"
#include "replay/playhead.h"
#include "replay/recording_file.h"
#include "replay/talk_player.h"

#include "support/test_support.h"

using namespace radeau;

namespace {
// Chapter 1 without persistence: the crash at 700ms loses the acknowledged write.
const char* kLostWrite =
    "nodes Michel\n"
    "concepts chapter 1 -persistence\n"
    "seed 1\n"
    "at 300ms write Michel \"A\"\n"
    "at 700ms crash Michel\n"
    "until 1s\n";
const char* kQuiet =
    "nodes 3\n"
    "concepts full\n"
    "seed 2\n"
    "at 400ms write Michel \"x=1\"\n"
    "until 800ms\n";

using radeau::test::writeFile;
}  // namespace

class TestTalkPlayer : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    QVERIFY(dir_.isValid());
    writeFile(dir_.filePath("lost-write.radeau-script"), kLostWrite);
    // The second step opens a recording, as prepared talks do.
    ScriptError err;
    auto sc = parseScenario(kQuiet, "quiet", err);
    QVERIFY2(sc, err.toString().c_str());
    Run run(sc->config, sc->actions, sc->until_us);
    std::string error;
    QVERIFY2(saveRecording(run, dir_.filePath("quiet.radeau"), error), error.c_str());
    writeFile(dir_.filePath("talk.radeau-talk"),
              "talk Test | Essai\n"
              "step one\n"
              "title Two leaders | Deux leaders\n"
              "open lost-write.radeau-script\n"
              "pause finding\n"
              "pause 200ms First | Premier\n"
              "step two\n"
              "title Quiet | Calme\n"
              "open quiet.radeau\n");
  }

  void opensTheFirstStepPaused() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QSignalSpy steps(&player, &TalkPlayer::stepChanged);
    QString error;
    QVERIFY2(player.load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    QCOMPARE(player.stepCount(), 2);
    QCOMPARE(player.current(), 0);
    QCOMPARE(steps.count(), 1);
    QCOMPARE(playhead.run(), player.run());
    QCOMPARE(playhead.time(), Time(0));
    QVERIFY(!playhead.playing());
    // The finding pause is the instant of the first checker finding: the crash at 700ms.
    QCOMPARE(player.pauseTimes(), (std::vector<Time>{200'000, 700'000}));
    // Each instant knows the pause line it comes from (for its label).
    QCOMPARE(player.step()->pauses[size_t(player.pauseSource(0))].label.in(Language::French), std::string("Premier"));
    QVERIFY(player.step()->pauses[size_t(player.pauseSource(1))].kind == TalkPause::Kind::FirstFinding);
  }

  void playbackStopsAtEachPauseAndGoesOnWithNext() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QString error;
    QVERIFY2(player.load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    QSignalSpy paused(&player, &TalkPlayer::paused);

    player.next();
    QVERIFY(playhead.playing());
    playhead.seek(350'000);  // as if playing had gone past the first pause
    QCOMPARE(paused.count(), 1);
    QCOMPARE(paused.at(0).at(0).toInt(), 0);
    QVERIFY(!playhead.playing());
    QCOMPARE(playhead.time(), Time(200'000));

    player.next();  // on to the finding
    QVERIFY(playhead.playing());
    playhead.seek(900'000);
    QCOMPARE(paused.count(), 2);
    QCOMPARE(playhead.time(), Time(700'000));
    QVERIFY(!playhead.state().findings.empty());

    player.next();  // no pause left: plays to the end of the step
    QVERIFY(playhead.playing());
    playhead.toEnd();
    playhead.pause();
    QCOMPARE(paused.count(), 2);
    QCOMPARE(player.current(), 0);

    player.next();  // at the end: the next step
    QCOMPARE(player.current(), 1);
    QCOMPARE(playhead.time(), Time(0));
    QVERIFY(player.pauseTimes().empty());
    QVERIFY(player.run()->journal(0).size() > 10);
  }

  void secondNextWhilePlayingJumpsToTheNextPause() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QString error;
    QVERIFY2(player.load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    QSignalSpy paused(&player, &TalkPlayer::paused);
    player.next();
    QVERIFY(playhead.playing());
    playhead.advanceWall(0.05);  // a moment of playing, still before the first pause
    QVERIFY(playhead.time() > 0 && playhead.time() < 200'000);
    player.next();  // impatient: straight to the pause
    QCOMPARE(paused.count(), 1);
    QCOMPARE(playhead.time(), Time(200'000));
    QVERIFY(!playhead.playing());
    player.next();
    player.next();  // again, to the finding
    QCOMPARE(paused.count(), 2);
    QCOMPARE(playhead.time(), Time(700'000));
    player.next();
    player.next();  // no pause left: to the end, stopped there
    QVERIFY(!playhead.playing());
    QCOMPARE(playhead.time(), player.run()->endTime(0));
    QCOMPARE(player.current(), 0);
    player.next();  // then the next step, as always
    QCOMPARE(player.current(), 1);
  }

  void paceDrivesPlaybackAndIsShown() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QString error;
    QVERIFY2(player.load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    QSignalSpy pace(&player, &TalkPlayer::paceChanged);
    QVERIFY(player.paceText().isEmpty());  // paused: nothing to show
    // Step one: Michel is leader at 0 (1x around it), then quiet until the
    // pause at 200ms: fast-forwarded.
    QCOMPARE(player.paceProfile().rateAt(0), 1.0);
    QCOMPARE(player.paceProfile().rateAt(50'000), 8.0);
    player.next();
    QVERIFY(player.paceText().isEmpty());  // 1x: nothing to say
    playhead.advanceWall(0.15);  // 15ms at 1x
    QCOMPARE(playhead.time(), Time(15'000));
    QCOMPARE(player.paceText(), QStringLiteral("⏩ 8×"));
    QCOMPARE(pace.count(), 1);
    QCOMPARE(pace.at(0).at(0).toString(), QStringLiteral("⏩ 8×"));
    // A tenth of a wall second at 8x: 80ms of virtual time, not 10ms.
    playhead.advanceWall(0.1);
    QCOMPARE(playhead.time(), Time(95'000));
    // Stopped at the pause: the indicator goes away.
    playhead.advanceWall(1.0);
    QCOMPARE(playhead.time(), Time(200'000));
    QVERIFY(player.paceText().isEmpty());
    QCOMPARE(pace.last().at(0).toString(), QString());
  }

  void previousAndReplayStartOver() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QString error;
    QVERIFY2(player.load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    QVERIFY2(player.open(1, error), qPrintable(error));
    playhead.seek(500'000);
    player.replay();
    QCOMPARE(player.current(), 1);
    QCOMPARE(playhead.time(), Time(0));
    player.previous();
    QCOMPARE(player.current(), 0);
    // Pauses are armed again from the start.
    player.next();
    playhead.seek(300'000);
    QCOMPARE(playhead.time(), Time(200'000));
  }

  void brokenTalksSayWhere() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QString error;
    writeFile(dir_.filePath("bad.radeau-talk"), "step one\ntitle One\nopen lost-write.radeau-script\npause soon\n");
    QVERIFY(!player.load(dir_.filePath("bad.radeau-talk"), error));
    QVERIFY2(error.endsWith("bad.radeau-talk:4: malformed pause 'soon' (a time such as 600ms, 'finding' or 'end')"),
             qPrintable(error));
    QCOMPARE(player.current(), -1);

    writeFile(dir_.filePath("missing.radeau-talk"), "step lost\ntitle Lost\nopen nowhere.radeau-script\n");
    QVERIFY(!player.load(dir_.filePath("missing.radeau-talk"), error));
    QVERIFY2(error.startsWith("step 'lost' (line 1): ") && error.contains("nowhere.radeau-script"), qPrintable(error));
    QCOMPARE(playhead.run(), nullptr);
  }

 private:
  QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestTalkPlayer)
#include "test_talk_player.moc"

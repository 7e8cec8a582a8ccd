// Playhead: stepping, notable jumps, speed clamping, branch switching, play
// and pause with no timer left running when idle.
#include <QSignalSpy>
#include <QtTest>

#include "core/script.h"
#include "support/cluster.h"
#include "replay/playhead.h"
#include "replay/run.h"

using namespace radeau;

namespace {

using test::defaultScenario;

}  // namespace

class TestReplayPlayhead : public QObject {
  Q_OBJECT
  std::unique_ptr<Run> run_;

 private slots:
  void init() {
    Scenario s = defaultScenario();
    run_ = std::make_unique<Run>(s.config, s.actions, s.until_us);
  }

  void startsPausedAndIdle() {
    Playhead p(run_.get());
    QCOMPARE(p.branch(), 0);
    QCOMPARE(p.time(), Time(0));
    QVERIFY(!p.playing());
    QVERIFY(!p.timerActive());
    QCOMPARE(p.speed(), 1.0);
    // The boot events (timers started) are at instant 0: included.
    Seq boot = 0;
    while (run_->journal(0)[boot].time_us == 0) ++boot;
    QVERIFY(boot > 0);
    QCOMPARE(p.position(), boot);
  }

  void speedIsClamped() {
    Playhead p(run_.get());
    QSignalSpy spy(&p, &Playhead::speedChanged);
    p.setSpeed(10);
    QCOMPARE(p.speed(), 4.0);
    p.setSpeed(4.0);  // unchanged: no signal
    p.setSpeed(0.001);
    QCOMPARE(p.speed(), 0.05);
    p.setSpeed(-3);
    p.setSpeed(0.5);
    QCOMPARE(p.speed(), 0.5);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.at(0).at(0).toDouble(), 4.0);
    QCOMPARE(spy.at(1).at(0).toDouble(), 0.05);
    QCOMPARE(spy.at(2).at(0).toDouble(), 0.5);
  }

  void stepsFromEventToEvent() {
    Playhead p(run_.get());
    const Journal& j = run_->journal(0);
    QSignalSpy moved(&p, &Playhead::moved);
    // At 0 the events of instant 0 are already included: stepping goes to the next instant.
    Time first_later = 0;
    for (const Event& e : j.events())
      if (e.time_us > 0) { first_later = e.time_us; break; }
    p.stepForward();
    QCOMPARE(p.time(), first_later);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.last().at(0).toInt(), 0);
    QCOMPARE(moved.last().at(1).toLongLong(), qint64(first_later));
    Seq pos = p.position();
    QVERIFY(pos > 0 && j[pos - 1].time_us == first_later && (pos == j.size() || j[pos].time_us > first_later));
    p.stepForward();
    Time second = p.time();
    QVERIFY(second > first_later);
    p.stepBackward();
    QCOMPARE(p.time(), first_later);
    p.stepBackward();
    QCOMPARE(p.time(), Time(0));
    p.stepBackward();
    QCOMPARE(p.time(), Time(0));
    // Seeks clamp to the branch.
    p.seek(-5);
    QCOMPARE(p.time(), Time(0));
    p.seek(run_->endTime(0) + 1'000'000);
    QCOMPARE(p.time(), run_->endTime(0));
    p.stepForward();
    QCOMPARE(p.time(), run_->endTime(0));
    p.seekToEvent(500);
    QCOMPARE(p.time(), j[500].time_us);
    QVERIFY(p.position() > 500);
    QCOMPARE(p.state(), run_->projection(0).stateAt(j[500].time_us));
  }

  void jumpsToNotableEvents() {
    Playhead p(run_.get());
    const Journal& j = run_->journal(0);
    std::vector<Time> notable;
    for (const Event& e : j.events())
      if (isNotable(e) && (notable.empty() || notable.back() != e.time_us)) notable.push_back(e.time_us);
    QVERIFY(notable.size() >= 3);  // a leader, the crash, another leader, the restart
    p.nextNotable();
    QCOMPARE(p.time(), notable[0]);
    p.nextNotable();
    QCOMPARE(p.time(), notable[1]);
    p.nextNotable();
    QCOMPARE(p.time(), notable[2]);
    p.previousNotable();
    QCOMPARE(p.time(), notable[1]);
    // The crash of Michel at 1.5s is one of them.
    QVERIFY(std::find(notable.begin(), notable.end(), Time(1'500'000)) != notable.end());
    p.toEnd();
    p.previousNotable();
    QCOMPARE(p.time(), notable.back() == run_->endTime(0) ? notable[notable.size() - 2] : notable.back());
    // Kinds.
    Event e;
    e.kind = EventKind::RoleChanged;
    e.sub = uint8_t(Role::Leader);
    QVERIFY(isNotable(e));
    e.sub = uint8_t(Role::Candidate);
    QVERIFY(!isNotable(e));
    for (EventKind k : {EventKind::Crashed, EventKind::Restarted, EventKind::Partitioned, EventKind::LinkCut,
                        EventKind::HealedAll, EventKind::Finding}) {
      e.kind = k;
      QVERIFY(isNotable(e));
    }
    for (EventKind k : {EventKind::MessageSent, EventKind::TimerFired, EventKind::LogAppended}) {
      e.kind = k;
      QVERIFY(!isNotable(e));
    }
  }

  void playsAndPausesWithoutIdleTimer() {
    Playhead p(run_.get());
    QSignalSpy playing(&p, &Playhead::playingChanged);
    QSignalSpy moved(&p, &Playhead::moved);
    p.setSpeed(4);
    p.play();
    QVERIFY(p.playing());
    QVERIFY(p.timerActive());
    QCOMPARE(playing.count(), 1);
    QTest::qWait(250);
    p.pause();
    QVERIFY(!p.playing());
    QVERIFY(!p.timerActive());
    QCOMPARE(playing.count(), 2);
    QCOMPARE(playing.last().at(0).toBool(), false);
    // 4x = 400 ms of virtual time per second: about 100 ms in 250 ms (generous bounds for a loaded machine).
    QVERIFY2(p.time() > 20'000 && p.time() <= 4 * Playhead::kVirtualUsPerWallSecond,
             QByteArray::number(qlonglong(p.time())).constData());
    QVERIFY(moved.count() >= 2);
    Time paused_at = p.time();
    QTest::qWait(100);
    QCOMPARE(p.time(), paused_at);
    p.togglePlay();
    QVERIFY(p.playing());
    p.togglePlay();
    QVERIFY(!p.playing() && !p.timerActive());
  }

  void stopsAtTheEndUnlessLive() {
    Playhead p(run_.get());
    QSignalSpy playing(&p, &Playhead::playingChanged);
    Time end = run_->endTime(0);
    p.seek(end - 3'000);
    p.setSpeed(4);
    p.play();
    QTRY_VERIFY_WITH_TIMEOUT(!p.playing(), 2000);
    QCOMPARE(p.time(), end);
    QVERIFY(!p.timerActive());
    QCOMPARE(playing.count(), 2);
    p.play();  // at the end, not live: nothing to play
    QVERIFY(!p.playing() && !p.timerActive());
    // Live: the branch grows as it plays.
    p.setLive(true);
    QVERIFY(p.live());
    size_t events = run_->journal(0).size();
    p.play();
    QTRY_VERIFY_WITH_TIMEOUT(p.time() > end + 20'000, 3000);
    p.pause();
    QVERIFY(run_->endTime(0) >= p.time());
    QVERIFY(run_->journal(0).size() > events);
    QCOMPARE(p.state(), run_->projection(0).stateAt(p.time()));
  }

  void switchesBranchesAndActs() {
    Playhead p(run_.get());
    QSignalSpy branches(&p, &Playhead::branchesChanged);
    QSignalSpy moved(&p, &Playhead::moved);
    p.seek(1'200'000);
    Action c;
    c.kind = ActionKind::Crash;
    c.node = 2;
    int id = p.act(c);  // in the past: a new branch, which becomes current
    QCOMPARE(id, 1);
    QCOMPARE(p.branch(), 1);
    QCOMPARE(branches.count(), 1);
    QCOMPARE(moved.last().at(0).toInt(), 1);
    QCOMPARE(p.time(), Time(1'200'000));
    QVERIFY(!p.state().nodes[2].alive);
    p.setBranch(0);
    QCOMPARE(p.branch(), 0);
    QCOMPARE(p.time(), Time(1'200'000));  // the same instant on the other timeline
    QVERIFY(p.state().nodes[2].alive);
    QCOMPARE(moved.last().at(0).toInt(), 0);
    p.setBranch(7);  // no such branch: ignored
    QCOMPARE(p.branch(), 0);
    // A shorter branch: the instant is clamped to its end.
    Run short_run(run_->config(), run_->inputs(), 4'000'000);
    int b = short_run.act(0, 1'000'000, c);
    QVERIFY(b == 1);
    Playhead q(&short_run);
    q.seek(3'000'000);
    q.setBranch(1);
    QCOMPARE(q.time(), std::min<Time>(3'000'000, short_run.endTime(1)));
    // Acting at the end of a branch continues it: no new branch.
    q.toEnd();
    Action w;
    w.kind = ActionKind::Write;
    w.node = 0;
    w.text = "fin";
    QSignalSpy qb(&q, &Playhead::branchesChanged);
    QCOMPARE(q.act(w), 1);
    QCOMPARE(qb.count(), 0);
    QCOMPARE(short_run.branchCount(), 2);
  }

  // Playing on into a run that hits a bound (core/limits.h) stops there with a
  // message instead of an exception through the event loop.
  void playingOnStopsAtALimit() {
    ScriptError err;
    auto s = parseScenario("nodes 3\ntiming heartbeat 1us latency 10ms\nuntil 1ms\n", "flood", err);
    QVERIFY2(s, err.toString().c_str());
    Run run(s->config, s->actions, s->until_us);
    Playhead p(&run);
    QSignalSpy limit(&p, &Playhead::limitReached);
    p.setLive(true);
    p.seek(run.endTime(0));
    p.play();
    for (int i = 0; i < 200 && limit.isEmpty(); ++i) p.advanceWall(1.0);
    QCOMPARE(limit.count(), 1);
    QVERIFY2(limit.at(0).at(0).toString().contains("messages in flight"), qPrintable(limit.at(0).at(0).toString()));
    QVERIFY(!p.playing());
    QVERIFY(!p.live());
    QCOMPARE(p.time(), Time(run.endTime(0)));
  }
};

QTEST_GUILESS_MAIN(TestReplayPlayhead)
#include "test_replay_playhead.moc"

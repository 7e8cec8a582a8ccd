// The window driving a live cluster of real radeau-node processes (File >
// Live cluster): a leader in the frame, crash and restart from the window,
// client writes acknowledged, a cut link that drops messages, save and reopen,
// acting in the past continuing in simulation, and no process left behind.
// Set RADEAU_SCREENSHOT_DIR to also save screenshots (messages in flight, after a crash).
#include <QtTest>

#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>

#include <csignal>

#include "app/gui/live_session.h"
#include "app/gui/main_window.h"
#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
bool processExists(qint64 pid) { return pid > 0 && ::kill(pid_t(pid), 0) == 0; }

bool logHolds(const NodeState& x, const Journal& j, const std::string& text) {
  for (const Entry& e : x.log)
    if (e.write && e.write < j.writes().size() && j.writes()[e.write].text == text) return true;
  return false;
}

QString describe(const ClusterState& s) {
  QString t;
  for (int i = 0; i < s.node_count; ++i) {
    const NodeState& x = s.nodes[size_t(i)];
    t += QStringLiteral(" [%1 %2 term %3 role %4 log %5]").arg(i).arg(x.alive ? "up" : "down").arg(x.term)
             .arg(int(x.role)).arg(x.log.size());
  }
  return t;
}
}  // namespace

class TestGuiLive : public QObject {
  Q_OBJECT
  std::unique_ptr<MainWindow> w_;
  QTemporaryDir dir_;
  NodeId leader_ = kNoNode;

  LiveSession& session() { return *w_->liveSession(); }
  std::vector<qint64> pids() {
    std::vector<qint64> p;
    for (int i = 0; session().cluster() && i < session().cluster()->nodeCount(); ++i)
      p.push_back(session().cluster()->processId(i));
    return p;
  }
  // Nodes start one at a time (each once the previous one has said which port
  // it bound): waits until every process runs and its stream is connected.
  bool allUp() {
    return QTest::qWaitFor([this] {
      const live::LiveCluster* c = session().cluster();
      if (!c) return false;
      for (int i = 0; i < c->nodeCount(); ++i)
        if (!c->isUp(i)) return false;
      return true;
    }, 20000);
  }
  std::optional<NodeId> leader() { return live::agreedLeader(w_->frame().state); }
  void shot(const QString& name) {
    QString d = qEnvironmentVariable("RADEAU_SCREENSHOT_DIR");
    if (d.isEmpty()) return;
    QCoreApplication::processEvents();
    w_->grab().save(d + "/" + name, "PNG");
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    w_ = std::make_unique<MainWindow>();
    w_->setInteractive(false);
    w_->setDiscardAllowed(true);
    w_->resize(1920, 1080);
    w_->show();
    QVERIFY(w_->action("liveCluster"));
    QVERIFY(w_->action("freeze") && w_->action("freeze")->isCheckable() && !w_->action("freeze")->isEnabled());
    LiveSession::Choice c;
    c.nodes = 3;
    QVERIFY2(session().start(c), qPrintable(w_->lastError()));
    QVERIFY(session().active());
    connect(session().cluster(), &live::LiveCluster::problem, this, [](const QString& t) { qWarning() << "live:" << t; });
    QVERIFY(w_->action("freeze")->isEnabled());
    QVERIFY2(allUp(), qPrintable(describe(w_->frame().state)));
    for (qint64 p : pids()) QVERIFY(processExists(p));
  }

  void dialogChoosesNodesAndRules() {
    LiveClusterDialog d(w_.get());
    auto* nodes = d.findChild<QSpinBox*>("nodes");
    auto* spares = d.findChild<QSpinBox*>("spares");
    auto* rules = d.findChild<QComboBox*>();
    QVERIFY(nodes && spares && rules);
    QCOMPARE(nodes->minimum(), 3);
    QCOMPARE(nodes->maximum(), 7);
    QCOMPARE(nodes->maximum() + spares->maximum(), kMaxNodes);
    LiveSession::Choice c = d.choice();
    QCOMPARE(c.nodes, 3);
    QCOMPARE(c.spares, 0);
    spares->setValue(1);
    QCOMPARE(d.choice().spares, 1);
    spares->setValue(0);
    QVERIFY(c.concepts == Concepts::full());
    QVERIFY(c.presentation_pace);
    rules->setCurrentIndex(1);  // the first chapter
    QCOMPARE(nodes->value(), std::clamp(chapters().front().node_count, 3, 7));
    nodes->setValue(5);
    c = d.choice();
    QCOMPARE(c.nodes, 5);
    QVERIFY(c.concepts == chapters().front().concepts);
    if (QString dir = qEnvironmentVariable("RADEAU_SCREENSHOT_DIR"); !dir.isEmpty()) {
      d.show();
      QCoreApplication::processEvents();
      d.grab().save(dir + "/live-dialog.png", "PNG");
    }
  }

  void showsALeaderAtRealTime() {
    // Real time: one virtual second per wall second, following the head.
    QCOMPARE(w_->playhead()->timeScale(), Time(1'000'000));
    QVERIFY(w_->playhead()->playing());
    QTRY_VERIFY2_WITH_TIMEOUT(leader().has_value(), qPrintable(describe(w_->frame().state)), 10000);
    leader_ = *leader();
    QVERIFY(session().atHead());
    auto* badge = w_->findChild<QLabel*>("liveBadge");
    QVERIFY(badge && badge->isVisible());
    QVERIFY2(badge->text().contains("LIVE") && badge->text().contains("3 processes"), qPrintable(badge->text()));
    // Presentation pace: messages are in flight long enough to be drawn as arrows.
    QTRY_VERIFY_WITH_TIMEOUT(!w_->frame().state.in_flight.empty(), 15000);
    shot("live-in-flight.png");
    const Journal& j = w_->run()->journal(0);
    // Delivered after the 150-300 ms transport delay (a few may look shorter:
    // merged times stay non-decreasing, so a send merged late gets a later time).
    int delivered = 0, slow = 0;
    for (const Event& e : j.events())
      if (e.kind == EventKind::MessageDelivered && e.ref < j.size()) {
        ++delivered;
        slow += e.time_us - j[e.ref].time_us >= 140'000;
      }
    QVERIFY(delivered > 0);
    QVERIFY2(slow * 10 >= delivered * 9, qPrintable(QStringLiteral("%1 of %2").arg(slow).arg(delivered)));
  }

  void crashFromTheWindowKillsTheProcess() {
    QVERIFY(leader_ != kNoNode);
    qint64 pid = session().cluster()->processId(leader_);
    QVERIFY(processExists(pid));
    w_->toggleCrash(leader_);  // at the head: a real SIGKILL
    QVERIFY(!processExists(pid));
    // Its Crashed is merged once its stream's earlier events are (at once, unless one waits for its send).
    QTRY_VERIFY_WITH_TIMEOUT(!w_->frame().state.nodes[leader_].alive, 15000);
    QCOMPARE(w_->run()->branchCount(), 1);  // no simulated branch
    shot("live-after-crash.png");
    QTRY_VERIFY2_WITH_TIMEOUT(leader().has_value() && *leader() != leader_, qPrintable(describe(w_->frame().state)), 10000);
  }

  void restartRecoversItsLog() {
    const size_t before = w_->frame().state.nodes[leader_].log.size();
    QVERIFY(before >= 1);  // at least the no-op it wrote as leader
    w_->toggleCrash(leader_);  // restart
    QTRY_VERIFY_WITH_TIMEOUT(w_->frame().state.nodes[leader_].alive, 15000);
    QVERIFY(processExists(session().cluster()->processId(leader_)));
    QVERIFY2(w_->frame().state.nodes[leader_].log.size() >= before, qPrintable(describe(w_->frame().state)));
    // The status bar says what the process recovered from its files.
    QTRY_VERIFY_WITH_TIMEOUT(w_->statusBar()->currentMessage().contains("recovered term"), 15000);
  }

  void clientWriteIsAcknowledged() {
    QTRY_VERIFY_WITH_TIMEOUT(leader().has_value(), 15000);
    NodeId l = *leader();
    QSignalSpy spy(&session(), &LiveSession::writeAnswered);
    w_->writeTo(l, "hello");
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 8000);
    QVERIFY2(spy.at(0).at(0).toBool(), qPrintable(spy.at(0).at(1).toString()));
    QVERIFY(session().lastAnswer().contains("acknowledged"));
    QVERIFY2(w_->statusBar()->currentMessage().contains("acknowledged"), qPrintable(w_->statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(logHolds(w_->frame().state.nodes[l], *w_->frame().journal, "hello"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(w_->frame().state.in_flight.size() >= 2, 15000);
    shot("live-cluster.png");
    QCOMPARE(w_->run()->branchCount(), 1);
  }

  // Read (R) on a live cluster goes through the node's client port; the
  // answer is in the status bar and the journal (rung 15).
  void clientReadIsAnswered() {
    QTRY_VERIFY_WITH_TIMEOUT(leader().has_value(), 15000);
    NodeId l = *leader();
    QSignalSpy wrote(&session(), &LiveSession::writeAnswered);
    w_->writeTo(l, "k=7");
    QTRY_COMPARE_WITH_TIMEOUT(wrote.count(), 1, 8000);
    QVERIFY2(wrote.at(0).at(0).toBool(), qPrintable(wrote.at(0).at(1).toString()));
    QSignalSpy spy(&session(), &LiveSession::readAnswered);
    w_->readAt(l, "k");
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 8000);
    QVERIFY2(spy.at(0).at(0).toBool(), qPrintable(spy.at(0).at(1).toString()));
    QVERIFY2(session().lastAnswer().contains("“k=7”"), qPrintable(session().lastAnswer()));
    QVERIFY2(w_->statusBar()->currentMessage().contains("“k=7”"), qPrintable(w_->statusBar()->currentMessage()));
    auto answered = [&] {
      const Journal& j = *w_->frame().journal;
      for (const Event& e : j.events())
        if (e.kind == EventKind::ReadAnswered && e.node == l && e.ref < j.size() && j[e.ref].readKey() == "k")
          return j.writes()[e.write()].text == "k=7";
      return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(answered(), 15000);
    QCOMPARE(w_->run()->branchCount(), 1);
  }

  void pausingTheViewKeepsRecording() {
    w_->playhead()->pause();
    const Time t = w_->playhead()->time();
    const size_t events = w_->run()->journal(0).size();
    // The cluster goes on (its journal grows) while the view stays where it was paused.
    QTRY_VERIFY_WITH_TIMEOUT(w_->run()->journal(0).size() > events, 15000);
    QCOMPARE(w_->playhead()->time(), t);
    // The run's end follows the cluster on its pulse timer: on a loaded machine
    // the pulse may come late, so wait for it rather than assume it came.
    QTRY_VERIFY_WITH_TIMEOUT(w_->run()->endTime(0) >= t + 500'000, 15000);
    QVERIFY(!session().atHead());
    QTRY_VERIFY_WITH_TIMEOUT(w_->findChild<QLabel*>("liveBadge")->text().contains("still recording"), 15000);
    w_->action("toEnd")->trigger();  // back to the head, following again
    QVERIFY(session().atHead());
    QVERIFY(w_->playhead()->playing());
  }

  void cutLinkDropsItsMessages() {
    QTRY_VERIFY_WITH_TIMEOUT(leader().has_value(), 15000);
    NodeId l = *leader(), f = NodeId((l + 1) % 3);
    const Seq from = Seq(w_->run()->journal(0).size());
    w_->toggleLink(l, f);
    QVERIFY(w_->frame().state.cut[l] & (1u << f));
    auto dropped = [&] {
      const Journal& j = w_->run()->journal(0);
      for (Seq i = from; i < j.size(); ++i)
        if (j[i].kind == EventKind::MessageDropped && j[i].dropReason() == DropReason::LinkCut &&
            ((j[i].node == f && j[i].peer == l) || (j[i].node == l && j[i].peer == f)))
          return true;
      return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(dropped(), 15000);
    w_->toggleLink(l, f);  // heal
    QVERIFY(!(w_->frame().state.cut[l] & (1u << f)));
  }

  void freezePausesTheClocks() {
    QAction* freeze = w_->action("freeze");
    freeze->setChecked(true);
    QVERIFY(session().cluster()->frozen());
    QVERIFY(!w_->playhead()->playing());
    const Time t = session().cluster()->nowUs();
    QTest::qWait(300);
    QCOMPARE(session().cluster()->nowUs(), t);
    freeze->setChecked(false);
    QVERIFY(!session().cluster()->frozen());
    QVERIFY(w_->playhead()->playing());
  }

  void saveThenReopenGivesTheSameJournal() {
    const QString path = dir_.filePath("live.radeau");
    const std::string before = w_->run()->journal(0).canonicalBytes();
    QVERIFY2(w_->saveRecording(path), qPrintable(w_->lastError()));
    QVERIFY(session().active());  // saving does not stop the processes
    MainWindow other;
    other.setInteractive(false);
    QVERIFY2(other.openRecording(path), qPrintable(other.lastError()));
    QVERIFY(other.run()->journal(0).canonicalBytes() == before);
    QVERIFY(!other.liveSession()->active());
  }

  void actingInThePastContinuesInSimulation() {
    std::vector<qint64> p = pids();
    w_->playhead()->pause();
    w_->playhead()->seek(std::max<Time>(0, session().cluster()->nowUs() - 3'000'000));
    QVERIFY(!session().atHead());
    w_->isolate(0);  // not interactive: takes the offer to continue in simulation
    QVERIFY(!session().active());
    for (qint64 x : p) QVERIFY(!processExists(x));
    QCOMPARE(w_->run()->branchCount(), 2);
    QCOMPARE(w_->playhead()->branch(), 1);
    QCOMPARE(w_->run()->branch(1).parent, 0);
    QVERIFY(!w_->run()->followed(0));
    QCOMPARE(w_->run()->branch(1).actions.size(), size_t(1));
    QCOMPARE(w_->run()->branch(1).actions[0].kind, ActionKind::Isolate);
    auto* badge = w_->findChild<QLabel*>("liveBadge");
    QVERIFY(badge->text().contains("stopped"));
  }

  // Cluster › Add to / Remove from the configuration on a live cluster with
  // a spare: the spare's process starts, the leader adds it, the window says
  // so; removed again, its process stops once the change commits.
  void addingAndRemovingASpareFromTheWindow() {
    LiveSession::Choice c;
    c.nodes = 3;
    c.spares = 1;
    c.presentation_pace = false;
    QVERIFY2(session().start(c), qPrintable(w_->lastError()));
    live::LiveCluster* cluster = session().cluster();
    QCOMPARE(cluster->nodeCount(), 4);
    QTRY_VERIFY2_WITH_TIMEOUT(leader().has_value() && cluster->isUp(0) && cluster->isUp(1) && cluster->isUp(2),
                              qPrintable(describe(w_->frame().state)), 20000);
    QCOMPARE(cluster->processId(3), 0);
    QSignalSpy answered(cluster, &live::LiveCluster::membershipAnswered);
    w_->addNode(3);
    QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, 15000);
    QVERIFY2(answered.at(0).at(2).toBool(), qPrintable(w_->statusBar()->currentMessage()));
    QVERIFY(cluster->isUp(3));
    QVERIFY2(w_->statusBar()->currentMessage().contains("is in the configuration"),
             qPrintable(w_->statusBar()->currentMessage()));
    QCOMPARE(cluster->members(), uint16_t(0b1111));
    shot("live-spare-added.png");
    w_->removeNode(3);
    QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 2, 15000);
    QVERIFY2(answered.at(1).at(2).toBool(), qPrintable(w_->statusBar()->currentMessage()));
    QCOMPARE(cluster->processId(3), 0);
    QVERIFY2(w_->statusBar()->currentMessage().contains("out of the configuration"),
             qPrintable(w_->statusBar()->currentMessage()));
    // Removing it again changes nothing: the leader's refusal, in the window's words.
    w_->removeNode(3);
    QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 3, 15000);
    QVERIFY(!answered.at(2).at(2).toBool());
    QVERIFY2(!w_->statusBar()->currentMessage().isEmpty(), "no refusal shown");
    QCOMPARE(live::safetyFindings(cluster->state(), cluster->journal()), 0);
  }

  void openingAnotherDocumentStopsTheProcesses() {
    LiveSession::Choice c;
    c.nodes = 3;
    c.presentation_pace = false;
    QVERIFY2(session().start(c), qPrintable(w_->lastError()));
    QCOMPARE(w_->run()->branchCount(), 1);
    QVERIFY2(allUp(), qPrintable(describe(w_->frame().state)));
    std::vector<qint64> p = pids();
    for (qint64 x : p) QVERIFY(processExists(x));
    w_->startDefault();
    for (qint64 x : p) QVERIFY(!processExists(x));
    QCOMPARE(w_->playhead()->timeScale(), Playhead::kVirtualUsPerWallSecond);
  }

  void closingStopsEveryProcess() {
    LiveSession::Choice c;
    c.nodes = 5;
    c.presentation_pace = false;
    QVERIFY2(session().start(c), qPrintable(w_->lastError()));
    QVERIFY2(allUp(), qPrintable(describe(w_->frame().state)));
    std::vector<qint64> p = pids();
    QCOMPARE(p.size(), size_t(5));
    for (qint64 x : p) QVERIFY(processExists(x));
    QVERIFY(w_->close());
    for (qint64 x : p) QVERIFY(!processExists(x));
    w_.reset();
  }
};

QTEST_MAIN(TestGuiLive)
#include "test_gui_live.moc"

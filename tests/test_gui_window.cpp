// The main window, offscreen: loading scenarios and recordings, scrubbing,
// acting from menus and clicks, branches, findings, files and the keyboard.
// Set RADEAU_SCREENSHOT_DIR to also save screenshots at telling instants.
#include <QSignalSpy>
#include <QtTest>

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsItem>
#include <QGraphicsView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QStatusBar>
#include <QDialog>
#include <QScreen>
#include <QWindow>

#include "app/gui/cluster_view.h"
#include "app/gui/concepts_panel.h"
#include "app/gui/dialogs.h"
#include "app/gui/help.h"
#include "app/render/language.h"
#include "app/gui/log_view.h"
#include "app/gui/document.h"
#include "app/gui/main_window.h"
#include "app/gui/models.h"
#include "app/render/theme.h"
#include "app/gui/timeline.h"
#include "core/format.h"

using namespace radeau;
using namespace radeau::gui;

namespace {

// Chapter 5 (election without terms) on five nodes: Paul leads, then is cut
// off with Luc; the majority elects Sophie; writes on both sides diverge.
constexpr const char* kPartition = R"(title The candidate: the old leader cut off
nodes 5
concepts chapter 5
seed 3
at 400ms write Michel "A"
at 700ms partition Paul Luc | Michel Jean-Pierre Sophie
at 1.2s write Luc "B"
at 1.3s write Michel "C"
until 2s
)";

Seq firstEvent(const Journal& j, auto pred) {
  for (Seq i = 0; i < j.size(); ++i)
    if (pred(j[i])) return i;
  return kNoSeq;
}

// The middle of the flight of the first message sent after `after`.
Time midFlight(const Journal& j, Time after) {
  for (Seq i = 0; i < j.size(); ++i)
    if (j[i].kind == EventKind::MessageSent && j[i].time_us > after && j[i].dt_us > 0)
      return j[i].time_us + Time(j[i].dt_us / 2);
  return after;
}

int nodeByName(const MainWindow& w, const char* name) {
  auto id = w.run()->config().nodeByName(name);
  return id ? int(*id) : -1;
}

}  // namespace

class TestGuiWindow : public QObject {
  Q_OBJECT

 private slots:
  void init() {
    window_ = std::make_unique<MainWindow>();
    window_->setInteractive(false);
    window_->resize(1600, 1000);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
  }
  void cleanup() { window_.reset(); }

  void loadsAScenario();
  void loadErrorNamesTheLine();
  void movingTheSliderChangesStatesAndMessages();
  void messagePositionsArePureFunctionsOfTime();
  void clickingTheTimelineSeeks();
  void nodeContextActionCrashesTheNode();
  void clickingALinkCutsItAndItsMessagesDrop();
  void clickingAMessageSelectsIt();
  void actingInThePastCreatesABranch();
  void clusterMenuAddsAndRemovesNodes();
  void savingAndLoadingGivesTheSameJournal();
  void steppingBackBeforeAFindingRemovesItsBanner();
  void modelsPassTheTester();
  void journalRowClickSeeks();
  void journalFilters();
  void journalFilterKeepsThePlayheadRow();
  void journalTimeColumnFitsTheLastTime();
  void keyboardDrivesThePlayhead();
  void keyboardActsOnTheSelectedNode();
  void readActionReadsAKey();
  void idleWindowHasNoTimer();
  void partialRepaintsLeaveNoStaleRegion();
  void unsavedWorkIsNotDiscarded();
  void defaultClusterRunsLive();
  void stepAtTheEdgeSimulates();
  void questionMarkListsTheKeys();
  void theLegendIsPaintedByThePaintingCode();
  void selectedNodesAndPCutThemOff();
  void thePartitionDialogTakesKeys();
  void screenshots();
  void helpScreenshots();

 private:
  std::unique_ptr<MainWindow> window_;
};

void TestGuiWindow::loadsAScenario() {
  MainWindow& w = *window_;
  QVERIFY2(w.loadScenarioText(kPartition, "partition.txt"), qPrintable(w.lastError()));
  QCOMPARE(w.frame().state.node_count, 5);
  QCOMPARE(w.playhead()->time(), Time(0));
  QCOMPARE(w.journalModel()->rowCount(), int(w.run()->journal(0).size()));
  QCOMPARE(w.nodeModel()->rowCount(), 5);
  QCOMPARE(w.clusterView()->picture().nodes.size(), size_t(5));
  QCOMPARE(w.clusterView()->picture().nodes[0].name, QStringLiteral("Michel"));
  QVERIFY(w.windowTitle().contains("The candidate"));
}

void TestGuiWindow::loadErrorNamesTheLine() {
  MainWindow& w = *window_;
  QTemporaryDir dir;
  QString path = dir.filePath("bad.txt");
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write("nodes 3\nat 1s explode Michel\n");
  f.close();
  QVERIFY(!w.openFile(path));
  QVERIFY2(w.lastError().contains("bad.txt:2"), qPrintable(w.lastError()));
  QVERIFY(w.lastError().contains("explode"));
  // A damaged recording: the reader's message.
  QString rec = dir.filePath("bad.radeau");
  QFile g(rec);
  QVERIFY(g.open(QIODevice::WriteOnly));
  g.write("\xd9\xd9\xf7garbage");
  g.close();
  QVERIFY(!w.openRecording(rec));
  QVERIFY2(!w.lastError().isEmpty(), "a load error names what is wrong");
  QVERIFY(w.run() == nullptr || w.frame().valid());
}

void TestGuiWindow::movingTheSliderChangesStatesAndMessages() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  const int paul = nodeByName(w, "Paul");
  w.playhead()->seek(100'000);
  QCOMPARE(w.clusterView()->picture().nodes[size_t(paul)].role, Role::Follower);
  QCOMPARE(w.nodeModel()->index(paul, NodeTableModel::RoleCol).data().toString(), QStringLiteral("follower"));
  w.playhead()->seek(600'000);
  QCOMPARE(w.clusterView()->picture().nodes[size_t(paul)].role, Role::Leader);
  QCOMPARE(w.nodeModel()->index(paul, NodeTableModel::RoleCol).data().toString(), QStringLiteral("leader"));
  // Back again: exact.
  w.playhead()->seek(100'000);
  QCOMPARE(w.clusterView()->picture().nodes[size_t(paul)].role, Role::Follower);
  // Mid-flight of a message: there are message items in the scene.
  w.playhead()->seek(midFlight(w.run()->journal(0), 500'000));
  QVERIFY(w.clusterView()->visibleMessageCount() > 0);
  QCOMPARE(w.clusterView()->visibleMessageCount(), int(w.frame().state.in_flight.size()));
}

void TestGuiWindow::messagePositionsArePureFunctionsOfTime() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  const Journal& j = w.run()->journal(0);
  Seq s = firstEvent(j, [](const Event& e) {
    return e.kind == EventKind::MessageSent && e.msgType() == MsgType::LogRequest && e.time_us > 300'000;
  });
  QVERIFY(s != kNoSeq);
  const Event& m = j[s];
  Time t1 = m.time_us + (m.at_us() - m.time_us) / 4, t2 = m.time_us + 3 * (m.at_us() - m.time_us) / 4;
  w.playhead()->seek(t1);
  QGraphicsItem* item = w.clusterView()->messageItem(s);
  QVERIFY(item);
  QRectF r1 = item->sceneBoundingRect();
  auto find = [&] {
    for (const MessageGlyph& g : w.clusterView()->picture().messages)
      if (g.sent == s) return g;
    return MessageGlyph{};
  };
  MessageGlyph g1 = find();
  QVERIFY(std::abs(g1.progress - 0.25) < 0.01);
  w.playhead()->seek(t2);
  MessageGlyph g2 = find();
  QVERIFY(std::abs(g2.progress - 0.75) < 0.01);
  QVERIFY(g1.head != g2.head);
  QVERIFY(w.clusterView()->messageItem(s)->sceneBoundingRect() != r1);
  // Scrubbing back gives the same picture as before.
  w.playhead()->seek(t1);
  QCOMPARE(find().head, g1.head);
  // After delivery it is gone.
  w.playhead()->seek(m.at_us() + 1);
  QVERIFY(!w.clusterView()->messageItem(s));
}

void TestGuiWindow::clickingTheTimelineSeeks() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  Timeline* tl = w.timeline();
  TimeMap m = tl->map();
  QPoint at(int(m.x(1'000'000)), tl->height() / 2);
  QTest::mouseClick(tl, Qt::LeftButton, {}, at);
  QVERIFY(std::abs(w.playhead()->time() - m.t(at.x())) <= 1);
  QVERIFY(std::abs(w.playhead()->time() - 1'000'000) < Time(m.usPerPixel()) + 1);
  QCOMPARE(w.timeline()->time(), w.playhead()->time());
  // The timeline marks the leader change and the partition.
  bool leader = false, fault = false;
  for (const TimelineMark& k : tl->marks()) {
    leader |= k.kind == MarkKind::LeaderElected;
    fault |= k.kind == MarkKind::NetworkFault;
  }
  QVERIFY(leader && fault);
}

void TestGuiWindow::nodeContextActionCrashesTheNode() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  w.playhead()->toEnd();
  const int sophie = nodeByName(w, "Sophie");
  QVERIFY(w.frame().state.nodes[size_t(sophie)].alive);
  std::unique_ptr<QMenu> menu(w.nodeMenu(NodeId(sophie)));
  QAction* crash = menu->findChild<QAction*>("nodeCrash");
  QVERIFY(crash);
  QCOMPARE(crash->text(), QStringLiteral("&Crash"));
  crash->trigger();
  QVERIFY(!w.frame().state.nodes[size_t(sophie)].alive);
  QVERIFY(!w.clusterView()->picture().nodes[size_t(sophie)].alive);
  QCOMPARE(w.nodeModel()->index(sophie, NodeTableModel::RoleCol).data().toString(), QStringLiteral("crashed"));
  QVERIFY(w.isDirty());
  // The same menu now offers to restart it.
  std::unique_ptr<QMenu> again(w.nodeMenu(NodeId(sophie)));
  QCOMPARE(again->findChild<QAction*>("nodeCrash")->text(), QStringLiteral("&Restart"));
}

void TestGuiWindow::clickingALinkCutsItAndItsMessagesDrop() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  // Before the partition, at an instant where Paul's logRequest to Sophie flies.
  const int paul = nodeByName(w, "Paul"), sophie = nodeByName(w, "Sophie");
  const Journal& j = w.run()->journal(0);
  Seq s = firstEvent(j, [&](const Event& e) {
    return e.kind == EventKind::MessageSent && e.node == paul && e.peer == sophie && e.time_us > 300'000;
  });
  QVERIFY(s != kNoSeq);
  Time t = (j[s].time_us + j[s].at_us()) / 2;
  w.playhead()->seek(t);
  QVERIFY(w.frame().state.findInFlight(s));
  // Click in the middle of the link, away from the message arrows.
  QGraphicsItem* link = w.clusterView()->linkItem(paul, sophie);
  QVERIFY(link);
  QPointF a = nodeCentre(paul, 5), b = nodeCentre(sophie, 5);
  QPointF mid = a + (b - a) * 0.3;
  QPoint at = w.clusterView()->mapFromScene(mid);
  QTest::mouseClick(w.clusterView()->viewport(), Qt::LeftButton, {}, at);
  // Acting in the past: a branch where the link is cut at t.
  QCOMPARE(w.run()->branchCount(), 2);
  QCOMPARE(w.playhead()->branch(), 1);
  QVERIFY(!w.frame().state.linkUp(NodeId(paul), NodeId(sophie)));
  const Journal& k = w.run()->journal(1);
  Seq drop = firstEvent(k, [&](const Event& e) { return e.kind == EventKind::MessageDropped && e.ref == s; });
  QVERIFY2(drop != kNoSeq, "the message in flight on the cut link is dropped");
  QCOMPARE(k[drop].dropReason(), DropReason::LinkCut);
  // It fades where it died, with a cross.
  bool dead = false;
  for (const MessageGlyph& g : w.clusterView()->picture().messages) dead |= g.sent == s && g.dead;
  QVERIFY(dead);
  // The link is drawn cut; a later message on it is dropped too.
  QVERIFY(!w.clusterView()->picture().links.empty());
  w.playhead()->seek(t + 200'000);
  Seq later = kNoSeq;
  for (Seq i = drop + 1; i < k.size(); ++i)
    if (k[i].kind == EventKind::MessageSent && ((k[i].node == paul && k[i].peer == sophie) ||
                                                 (k[i].node == sophie && k[i].peer == paul))) {
      later = i;
      break;
    }
  if (later != kNoSeq) {
    Seq d = firstEvent(k, [&](const Event& e) { return e.kind == EventKind::MessageDropped && e.ref == later; });
    QVERIFY(d != kNoSeq);
  }
  // Clicking again heals it (a second action, on the branch's head or a new branch).
  w.playhead()->toEnd();
  QVERIFY(w.frame().state.cut[size_t(paul)] & (1u << sophie));
  // A point of the link that no label or message covers at this instant.
  QPoint free_at;
  for (double f = 0.25; f <= 0.75 && free_at.isNull(); f += 0.05) {
    const QPoint p = w.clusterView()->mapFromScene(a + (b - a) * f);
    if (w.clusterView()->itemAt(p) == w.clusterView()->linkItem(paul, sophie)) free_at = p;
  }
  QVERIFY(!free_at.isNull());
  QTest::mouseClick(w.clusterView()->viewport(), Qt::LeftButton, {}, free_at);
  QVERIFY(!(w.frame().state.cut[size_t(paul)] & (1u << sophie)));
}

void TestGuiWindow::clickingAMessageSelectsIt() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  w.playhead()->seek(midFlight(w.run()->journal(0), 500'000));
  QVERIFY(!w.clusterView()->picture().messages.empty());
  const MessageGlyph g = w.clusterView()->picture().messages.front();
  QSignalSpy spy(w.clusterView(), &ClusterView::messageClicked);
  QPoint at = w.clusterView()->mapFromScene((g.head + g.tail) / 2);
  QTest::mouseClick(w.clusterView()->viewport(), Qt::LeftButton, {}, at);
  QCOMPARE(spy.count(), 1);
  // Whichever message is on top there, its details are offered; drop the first one.
  Seq clicked = Seq(spy.at(0).at(0).toUInt());
  QVERIFY(w.frame().state.findInFlight(clicked));
  for (QWidget* top : QApplication::topLevelWidgets())
    if (top->inherits("QMessageBox")) top->close();
  w.dropMessage(clicked);
  QVERIFY(!w.frame().state.findInFlight(clicked));
  const Journal& k = *w.frame().journal;
  Seq d = firstEvent(k, [&](const Event& e) { return e.kind == EventKind::MessageDropped && e.ref == clicked; });
  QVERIFY(d != kNoSeq);
  QCOMPARE(k[d].dropReason(), DropReason::Manual);
}

// Rung 16: Cluster › Add to the configuration asks the leader; the spare
// catches up and counts in the leader's majority; Remove takes it out again.
void TestGuiWindow::clusterMenuAddsAndRemovesNodes() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText("nodes Michel Jean-Pierre Sophie Paul\nmembers Michel Jean-Pierre Sophie\n"
                             "concepts full\nseed 3\nat 100ms timeout Michel\nat 400ms write Michel \"x=1\"\nuntil 3s\n",
                             "spare.txt"));
  const NodeId michel = NodeId(nodeByName(w, "Michel")), paul = NodeId(nodeByName(w, "Paul"));
  w.playhead()->seek(1'000'000);
  QVERIFY(w.frame().state.nodes[michel].role == Role::Leader);
  QCOMPARE(w.frame().state.nodes[michel].memberCount(), 3);
  // The Cluster menu offers Paul, outside, to be added, and not to be removed.
  auto entry = [&](const QString& menu, const QString& node) -> QAction* {
    for (QAction* m : w.menuBar()->actions()) {
      if (!m->menu() || !m->text().contains(QStringLiteral("Cluster"))) continue;
      emit m->menu()->aboutToShow();
      for (QAction* sub : m->menu()->actions())
        if (sub->menu() && sub->text().remove(u'&') == menu)
          for (QAction* a : sub->menu()->actions())
            if (a->text().endsWith(node)) return a;
    }
    return nullptr;
  };
  QAction* add = entry(QStringLiteral("Add to the configuration"), QStringLiteral("Paul"));
  QAction* remove = entry(QStringLiteral("Remove from the configuration"), QStringLiteral("Paul"));
  QVERIFY(add && remove);
  QVERIFY(add->isEnabled());
  QVERIFY(!remove->isEnabled());
  add->trigger();
  w.playhead()->seek(2'000'000);
  const NodeState& leader = w.frame().state.nodes[michel];
  QCOMPARE(leader.memberCount(), 4);
  QCOMPARE(leader.majority(), 3);
  QVERIFY(leader.isMember(paul));
  QCOMPARE(w.frame().state.nodes[paul].lastIndex(), leader.lastIndex());  // caught up
  w.removeNode(paul);
  w.playhead()->seek(2'500'000);
  QCOMPARE(w.frame().state.nodes[michel].memberCount(), 3);
}

void TestGuiWindow::actingInThePastCreatesABranch() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  const size_t main_size = w.run()->journal(0).size();
  w.playhead()->seek(500'000);
  w.writeTo(NodeId(nodeByName(w, "Sophie")), "Z");
  QCOMPARE(w.run()->branchCount(), 2);
  QCOMPARE(w.playhead()->branch(), 1);
  QCOMPARE(w.playhead()->time(), Time(500'000));
  QCOMPARE(w.branchBox()->count(), 2);
  QCOMPARE(w.branchBox()->currentIndex(), 1);
  QCOMPARE(w.run()->branch(1).fork_time_us, Time(500'000));
  // A second action at the same pause joins that branch (issue 18) and the view follows it.
  w.toggleCrash(NodeId(nodeByName(w, "Michel")));
  QCOMPARE(w.run()->branchCount(), 2);
  QCOMPARE(w.playhead()->branch(), 1);
  QCOMPARE(w.run()->branch(1).actions.size(), size_t(2));
  QVERIFY(!w.frame().state.nodes[size_t(nodeByName(w, "Michel"))].alive);
  QVERIFY(w.statusBar()->currentMessage().startsWith(QStringLiteral("Added to branch")));
  // The old future stays reachable and untouched.
  QCOMPARE(w.run()->journal(0).size(), main_size);
  w.branchBox()->setCurrentIndex(0);
  QCOMPARE(w.playhead()->branch(), 0);
  // The timeline of the main branch shows where the branch forks.
  QCOMPARE(w.journalModel()->rowCount(), int(main_size));
  w.branchBox()->setCurrentIndex(1);
  QCOMPARE(w.journalModel()->rowCount(), int(w.run()->journal(1).size()));
  // The write is in branch 1's journal, not in main's.
  auto hasZ = [](const Journal& j) {
    for (const auto& wr : j.writes())
      if (wr.text == "Z") return true;
    return false;
  };
  QVERIFY(hasZ(w.run()->journal(1)));
  QVERIFY(!hasZ(w.run()->journal(0)));
}

void TestGuiWindow::savingAndLoadingGivesTheSameJournal() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  w.playhead()->seek(900'000);
  w.isolate(NodeId(nodeByName(w, "Michel")));  // a branch, so that branches are saved too
  QCOMPARE(w.run()->branchCount(), 2);
  QTemporaryDir dir;
  QString path = dir.filePath("run.radeau");
  QVERIFY2(w.saveRecording(path), qPrintable(w.lastError()));
  QVERIFY(!w.isDirty());
  std::vector<std::string> before;
  for (int b = 0; b < w.run()->branchCount(); ++b) before.push_back(w.run()->journal(b).canonicalBytes());
  QVERIFY(w.openFile(path));
  QCOMPARE(w.filePath(), path);
  QCOMPARE(w.run()->branchCount(), 2);
  for (int b = 0; b < w.run()->branchCount(); ++b) QVERIFY(w.run()->journal(b).canonicalBytes() == before[size_t(b)]);
  QCOMPARE(w.journalModel()->rowCount(), int(w.run()->journal(0).size()));
}

void TestGuiWindow::steppingBackBeforeAFindingRemovesItsBanner() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  const Journal& j = w.run()->journal(0);
  Seq f = firstEvent(j, [](const Event& e) { return e.kind == EventKind::Finding && isSafetyFinding(e.findingKind()); });
  QVERIFY(f != kNoSeq);
  w.playhead()->seek(j[f].time_us - 1);
  QVERIFY(w.findingBanner()->isHidden());
  w.playhead()->stepForward();
  QCOMPARE(w.playhead()->time(), j[f].time_us);
  QVERIFY(w.findingBanner()->isVisible());
  EventFormatter fmt(w.run()->config().names, j);
  // The banner shows the latest finding at this instant, in the presenter's words.
  const Event* latest = w.frame().latestFinding();
  QVERIFY(latest && latest->time_us == j[f].time_us);
  QVERIFY2(w.findingBanner()->text().contains(QString::fromStdString(fmt.finding(*latest))),
           qPrintable(w.findingBanner()->text()));
  QVERIFY(w.findingBanner()->text().contains("logs diverge at index"));
  // The nodes involved are highlighted.
  QVERIFY(w.clusterView()->picture().nodes[latest->node].in_finding);
  QVERIFY(w.clusterView()->picture().nodes[latest->peer].in_finding);
  // A mark on the timeline.
  bool marked = false;
  for (const TimelineMark& k : w.timeline()->marks()) marked |= k.kind == MarkKind::Finding && k.time_us == j[f].time_us;
  QVERIFY(marked);
  w.playhead()->stepBackward();
  QVERIFY(w.playhead()->time() < j[f].time_us);
  QVERIFY(w.findingBanner()->isHidden());
  for (const NodeGlyph& g : w.clusterView()->picture().nodes) QVERIFY(!g.in_finding);
}

void TestGuiWindow::modelsPassTheTester() {
  MainWindow& w = *window_;
  QAbstractItemModelTester t1(w.nodeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
  QAbstractItemModelTester t2(w.journalModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
  QAbstractItemModelTester t3(w.journalFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  for (Time t : {Time(0), Time(250'000), Time(1'300'000), Time(100'000), Time(2'000'000)}) w.playhead()->seek(t);
  w.journalFilter()->setCategory(EventCategory::Findings);
  w.journalFilter()->setNode(2);
  w.playhead()->seek(500'000);
  w.writeTo(0);  // a new branch: the journal model resets
  w.journalFilter()->setNode(-1);
  w.journalFilter()->setCategory(EventCategory::All);
  // Live growth appends rows.
  w.newCluster([] {
    ClusterConfig c;
    c.names = defaultNames(3);
    return c;
  }());
  int before = w.journalModel()->rowCount();
  w.playhead()->setLive(true);
  w.run()->extend(0, 400'000);
  w.playhead()->seek(400'000);
  QVERIFY(w.journalModel()->rowCount() > before);
  QVERIFY(w.journalModel()->index(0, JournalModel::TextCol).data().toString().size() > 0);
}

// A long run's times (hours in milliseconds) are not cut short in the journal.
void TestGuiWindow::journalTimeColumnFitsTheLastTime() {
  MainWindow& w = *window_;
  QTableView* v = w.journalView();
  auto fits = [v](Time t) {
    const QString text = QString::number(double(t) / 1000.0, 'f', 3);
    return v->columnWidth(JournalModel::TimeCol) > v->fontMetrics().horizontalAdvance(text);
  };
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  const int short_width = v->columnWidth(JournalModel::TimeCol);
  QVERIFY(fits(w.run()->endTime(0)));
  QVERIFY(w.loadScenarioText("nodes 3\nseed 3\nat 1s write Michel \"x=1\"\nuntil 12000s\n", "long.txt"));
  w.playhead()->seek(w.run()->endTime(0));
  QApplication::processEvents();
  QVERIFY(w.run()->endTime(0) >= Time(11'000'000'000));  // "11000000.000": eleven digits and the decimals
  QVERIFY2(fits(w.run()->endTime(0)), qPrintable(QString::number(v->columnWidth(JournalModel::TimeCol))));
  QVERIFY(v->columnWidth(JournalModel::TimeCol) > short_width);
}

void TestGuiWindow::journalRowClickSeeks() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  QTableView* v = w.journalView();
  const Journal& j = w.run()->journal(0);
  int row = 40;
  QModelIndex idx = w.journalFilter()->index(row, JournalModel::TextCol);
  v->scrollTo(idx);
  QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, v->visualRect(idx).center());
  QCOMPARE(w.playhead()->time(), j[Seq(row)].time_us);
  QVERIFY(w.journalModel()->position() > Seq(row));
  // The text comes from the shared formatter.
  EventFormatter fmt(w.run()->config().names, j);
  QCOMPARE(idx.data().toString(), QString::fromStdString(fmt.text(j[Seq(row)])));
}

void TestGuiWindow::journalFilters() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  JournalFilter* f = w.journalFilter();
  int all = f->rowCount();
  f->setCategory(EventCategory::Findings);
  QVERIFY(f->rowCount() > 0 && f->rowCount() < all);
  for (int r = 0; r < f->rowCount(); ++r)
    QCOMPARE(f->index(r, 0).data(JournalModel::kKindRole).toInt(), int(EventKind::Finding));
  f->setCategory(EventCategory::All);
  f->setNode(nodeByName(w, "Luc"));
  QVERIFY(f->rowCount() < all);
  for (int r = 0; r < f->rowCount(); ++r) {
    Seq s = Seq(f->index(r, 0).data(JournalModel::kSeqRole).toULongLong());
    const Event& e = w.run()->journal(0)[s];
    QVERIFY(e.node == nodeByName(w, "Luc") || e.peer == nodeByName(w, "Luc"));
    // Rows map both ways, and the row shown for a position is the last at or before it.
    QCOMPARE(f->mapFromSource(f->mapToSource(f->index(r, 1))), f->index(r, 1));
    QCOMPARE(f->rowAtOrBefore(s + 1), r);
    if (r + 1 < f->rowCount()) {
      const Seq next = Seq(f->index(r + 1, 0).data(JournalModel::kSeqRole).toULongLong());
      QCOMPARE(f->rowAtOrBefore(next), r);
      if (next > s + 1) QVERIFY(!f->mapFromSource(w.journalModel()->index(int(s + 1), 0)).isValid());
    }
  }
  // A limit cuts the filtered rows at a position (talk mode), and lifting it brings them back.
  const int filtered = f->rowCount();
  const Seq middle = Seq(f->index(filtered / 2, 0).data(JournalModel::kSeqRole).toULongLong());
  f->setLimit(middle);
  QCOMPARE(f->rowCount(), filtered / 2);
  f->setLimit(std::numeric_limits<Seq>::max());
  QCOMPARE(f->rowCount(), filtered);
  f->setNode(-1);
  QCOMPARE(f->rowCount(), all);
}

// Choosing a node in the journal panel keeps the playhead's row in view
// (the filter's new rows were laid out after the scroll to it: the view
// stayed where the longer list had clamped it, at its end).
void TestGuiWindow::journalFilterKeepsThePlayheadRow() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  QTableView* v = w.journalView();
  QVERIFY(v->isVisible());
  JournalFilter* f = w.journalFilter();
  // Late in the run: the whole journal's view is scrolled further than the filtered rows reach.
  w.playhead()->seek(w.run()->endTime(0) * 17 / 20);
  QComboBox* nodes = nullptr;
  for (QComboBox* c : w.findChildren<QComboBox*>())
    if (c->count() > 1 && c->itemData(0).toInt() == -1 && c->itemData(1).toInt() == 0) nodes = c;
  QVERIFY(nodes);
  nodes->setCurrentIndex(nodes->findData(nodeByName(w, "Luc")));
  QCOMPARE(f->node(), nodeByName(w, "Luc"));
  const int expected = f->rowAtOrBefore(w.frame().position());
  QVERIFY(expected > 0 && expected < f->rowCount() - v->viewport()->height() / v->rowHeight(0));
  const int shown = v->rowAt(v->viewport()->height() / 2);
  QVERIFY2(std::abs(shown - expected) <= 1, qPrintable(QStringLiteral("row %1 shown, %2 expected").arg(shown).arg(expected)));
}

void TestGuiWindow::keyboardDrivesThePlayhead() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  w.activateWindow();
  w.clusterView()->setFocus();
  QTest::keyClick(&w, Qt::Key_End);
  QCOMPARE(w.playhead()->time(), w.run()->endTime(0));
  QTest::keyClick(&w, Qt::Key_Home);
  QCOMPARE(w.playhead()->time(), Time(0));
  QTest::keyClick(&w, Qt::Key_Right);
  Time t1 = w.playhead()->time();
  const Journal& j = w.run()->journal(0);
  QCOMPARE(t1, j[firstEvent(j, [](const Event& e) { return e.time_us > 0; })].time_us);
  QTest::keyClick(&w, Qt::Key_PageDown);  // next notable: the first leader
  QVERIFY(w.playhead()->time() > t1);
  QVERIFY(isNotable(w.run()->journal(0)[w.playhead()->position() - 1]) ||
          w.frame().state.nodes[nodeByName(w, "Paul")].role == Role::Leader);
  Time t2 = w.playhead()->time();
  QTest::keyClick(&w, Qt::Key_Left);
  QVERIFY(w.playhead()->time() < t2);
  QTest::keyClick(&w, Qt::Key_Space);
  QVERIFY(w.playhead()->playing());
  QTest::keyClick(&w, Qt::Key_Space);
  QVERIFY(!w.playhead()->playing());
  QTest::keyClick(&w, Qt::Key_BracketRight);
  QCOMPARE(w.playhead()->speed(), 2.0);
}

void TestGuiWindow::keyboardActsOnTheSelectedNode() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  w.activateWindow();
  QTest::keyClick(&w, Qt::Key_End);
  QTest::keyClick(&w, Qt::Key_3);  // Sophie
  QCOMPARE(w.clusterView()->selectedNode(), 2);
  QTest::keyClick(&w, Qt::Key_C);
  QVERIFY(!w.frame().state.nodes[2].alive);
  QTest::keyClick(&w, Qt::Key_C);
  QVERIFY(w.frame().state.nodes[2].alive);
  size_t writes = w.frame().journal->writes().size();
  QTest::keyClick(&w, Qt::Key_W);
  QCOMPARE(w.frame().journal->writes().size(), writes + 1);
  QTest::keyClick(&w, Qt::Key_I);
  QVERIFY(!w.frame().state.linkUp(2, 0));
  QTest::keyClick(&w, Qt::Key_H);
  QVERIFY(w.frame().state.linkUp(2, 0));
}

// Read (R, the node menu, Act › Read a key at): a client read of a key at a
// node, answered in the journal as in a script's `read` line (rung 15).
void TestGuiWindow::readActionReadsAKey() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(R"(title read
nodes Michel Jean-Pierre Sophie
concepts chapter 15 -lease
seed 5
at 700ms write Jean-Pierre "x=1"
until 1.5s
)", "read.txt"));
  QVERIFY(w.action("read"));
  QCOMPARE(w.action("read")->shortcut(), QKeySequence(Qt::Key_R));
  w.activateWindow();
  QTest::keyClick(&w, Qt::Key_End);
  const NodeId leader = NodeId(nodeByName(w, "Jean-Pierre"));
  QCOMPARE(w.frame().state.nodes[leader].role, Role::Leader);
  // A key that is not one is refused before anything happens.
  const size_t before = w.frame().journal->size();
  w.readAt(leader, QStringLiteral("x=1"));
  QVERIFY2(w.statusBar()->currentMessage().startsWith(QStringLiteral("Cannot read")), qPrintable(w.statusBar()->currentMessage()));
  QCOMPARE(w.frame().journal->size(), before);
  w.readAt(leader, QStringLiteral("x"));
  const Journal& j = w.run()->journal(w.playhead()->branch());
  const Seq read = firstEvent(j, [&](const Event& e) { return e.kind == EventKind::ClientRead && e.node == leader; });
  QVERIFY(read != kNoSeq);
  QCOMPARE(j[read].readKey(), std::string("x"));
  // Read-index: answered once a majority confirmed the leader, a moment later
  // (the run simulated on, as playing past its end with L does).
  w.run()->extend(w.playhead()->branch(), j[read].time_us + 300'000);
  const Journal& k = w.run()->journal(w.playhead()->branch());
  const Seq answer = firstEvent(k, [&](const Event& e) { return e.kind == EventKind::ReadAnswered && e.ref == read; });
  QVERIFY(answer != kNoSeq);
  QCOMPARE(k.writes()[k[answer].write()].text, std::string("x=1"));
}

void TestGuiWindow::idleWindowHasNoTimer() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  w.playhead()->play();
  QVERIFY(w.playhead()->timerActive());
  QTest::qWait(60);
  QVERIFY(w.playhead()->time() > 0);
  w.playhead()->pause();
  QVERIFY(!w.playhead()->timerActive());
  // No widget of the window runs a timer of its own.
  Time t = w.playhead()->time();
  QTest::qWait(50);
  QCOMPARE(w.playhead()->time(), t);
  for (QTimer* timer : w.findChildren<QTimer*>()) QVERIFY2(!timer->isActive(), qPrintable(timer->objectName()));
}

// A playing window repaints only what moves (issue 19: a calm window): the
// timer rings' changed stretch, the timeline's strip, the table cells whose
// look changed. After many ticks, what the window shows (its backing store,
// built from those partial paints) is what a full paint draws.
void TestGuiWindow::partialRepaintsLeaveNoStaleRegion() {
  MainWindow& w = *window_;
  w.startDefault();
  QCoreApplication::processEvents();
  w.playhead()->play();  // its own timer may tick too: only the pictures are compared
  for (int i = 0; i < 240; ++i) {  // four seconds at 60 Hz: elections, heartbeats, messages
    w.playhead()->advanceWall(1.0 / 60);
    QCoreApplication::processEvents();
  }
  w.playhead()->pause();
  QVERIFY(w.playhead()->time() > 300'000);
  // Pausing relabels the play button: its layout and repaint are posted events.
  for (int i = 0; i < 3; ++i) QCoreApplication::processEvents();
  const QImage shown = w.windowHandle()->screen()->grabWindow(w.winId()).toImage().convertToFormat(QImage::Format_RGB32);
  const QImage full = w.grab().toImage().convertToFormat(QImage::Format_RGB32);
  QCOMPARE(shown.size(), full.size());
  // Antialiased edges stroked in pieces may differ by a few levels; a stale
  // region differs by far more.
  int stale = 0;
  QRect where;
  for (int y = 0; y < full.height(); ++y) {
    const QRgb* a = reinterpret_cast<const QRgb*>(shown.constScanLine(y));
    const QRgb* b = reinterpret_cast<const QRgb*>(full.constScanLine(y));
    for (int x = 0; x < full.width(); ++x) {
      const int d = std::max({std::abs(qRed(a[x]) - qRed(b[x])), std::abs(qGreen(a[x]) - qGreen(b[x])),
                              std::abs(qBlue(a[x]) - qBlue(b[x]))});
      if (d > 40) {
        ++stale;
        where |= QRect(x, y, 1, 1);
      }
    }
  }
  if (stale > 20) {
    shown.save(QDir::temp().filePath(QStringLiteral("radeau-shown.png")));
    full.save(QDir::temp().filePath(QStringLiteral("radeau-full.png")));
  }
  QVERIFY2(stale <= 20, qPrintable(QStringLiteral("%1 stale pixels in (%2,%3 %4x%5)")
                                       .arg(stale).arg(where.x()).arg(where.y()).arg(where.width()).arg(where.height())));
}

void TestGuiWindow::unsavedWorkIsNotDiscarded() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  w.playhead()->toEnd();
  QVERIFY(!w.isWindowModified());
  QSignalSpy dirty(w.document(), &Document::dirtyChanged);
  w.writeTo(0);
  QVERIFY(w.isDirty());
  // The document says so once, and the title shows it ([*] in the title).
  QCOMPARE(dirty.count(), 1);
  QVERIFY(w.isWindowModified());
  w.writeTo(1);
  QCOMPARE(dirty.count(), 1);
  w.action("defaultCluster")->trigger();  // asks; not interactive: refused
  QCOMPARE(w.run()->config().concepts, *parseConcepts("chapter 5", Concepts::full(), *new std::string));
  QVERIFY(w.isDirty());
  w.setDiscardAllowed(true);
  w.action("defaultCluster")->trigger();
  QVERIFY(!w.isDirty());
  QCOMPARE(w.run()->config().concepts, Concepts::full());
}

void TestGuiWindow::defaultClusterRunsLive() {
  MainWindow& w = *window_;
  w.startDefault();
  QCOMPARE(w.frame().state.node_count, 5);
  QVERIFY(w.playhead()->live());
  // Start calm (issue 18): paused at 0 with a hint, until Space.
  QVERIFY(!w.playhead()->playing());
  QCOMPARE(w.playhead()->time(), Time(0));
  QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("Space")), qPrintable(w.statusBar()->currentMessage()));
  QTest::keyClick(&w, Qt::Key_Space);
  QVERIFY(w.playhead()->playing());
  // The hint is gone once it plays: "Paused at 0 s" under a running cluster misleads the room.
  QVERIFY2(!w.statusBar()->currentMessage().contains(QStringLiteral("Space")), qPrintable(w.statusBar()->currentMessage()));
  QTRY_VERIFY_WITH_TIMEOUT(w.playhead()->time() > 20'000, 5000);
  QVERIFY(w.run()->endTime(0) >= w.playhead()->time());
  w.playhead()->pause();
  // Acting at the head of a live run continues the same branch.
  w.writeTo(0, "live");
  QCOMPARE(w.run()->branchCount(), 1);
}

// Step ▶ at the edge of the paused default cluster simulates the next occurrence.
void TestGuiWindow::stepAtTheEdgeSimulates() {
  MainWindow& w = *window_;
  w.startDefault();
  Time last = w.playhead()->time();
  size_t events = w.run()->journal(0).size();
  for (int i = 0; i < 5; ++i) {
    QTest::keyClick(&w, Qt::Key_Right);
    QVERIFY(w.run()->journal(0).size() > events);
    QVERIFY(w.playhead()->time() > last || i > 0);
    QCOMPARE(w.playhead()->time(), w.run()->endTime(0));
    events = w.run()->journal(0).size();
    last = w.playhead()->time();
  }
  QVERIFY(last > 0);
  QVERIFY(!w.playhead()->playing());
}

// "?" lists every key, read from the window's actions: a key changed in the
// code shows changed in the list.
void TestGuiWindow::questionMarkListsTheKeys() {
  MainWindow& w = *window_;
  w.startDefault();
  w.action("crash")->setShortcut(QKeySequence(Qt::Key_X));
  QTest::keyClick(&w, Qt::Key_Question);
  QDialog* d = nullptr;
  QTRY_VERIFY((d = w.findChild<QDialog*>(QStringLiteral("keysDialog"))) != nullptr);
  const QString list = d->findChild<QLabel*>(QStringLiteral("keysList"))->text();
  QVERIFY2(list.contains(QStringLiteral("Space — ▶  Play")), qPrintable(list));
  QVERIFY2(list.contains(QStringLiteral("X — Crash or restart the selected node")), qPrintable(list));
  QVERIFY(!list.contains(QStringLiteral("C — Crash")));
  QVERIFY(list.contains(QStringLiteral("? / F1 — Keys and legend…")));
  if (const QString dir = qEnvironmentVariable("RADEAU_SCREENSHOT_DIR"); !dir.isEmpty())
    d->grab().save(dir + QStringLiteral("/keys.png"));
  QVERIFY2(d->sizeHint().height() <= 720, QByteArray::number(d->sizeHint().height()).constData());  // fits 1280×720
  d->close();
}

namespace {
// The colour each legend item must show: its role's colour from Theme, the
// one the cluster view, the log panel or the timeline paints it in.
std::vector<QColor> legendColours(LegendItem item) {
  switch (item) {
    case LegendItem::ElectionTimer: return {Theme::current().electionTimer()};
    case LegendItem::HeartbeatTimer: return {Theme::current().heartbeatTimer(), Theme::current().role(Role::Leader)};
    case LegendItem::CandidateVotes: return {Theme::current().role(Role::Candidate)};
    case LegendItem::CrashedNode: return {Theme::current().crashed()};
    case LegendItem::Message: return {Theme::current().message(MsgType::VoteRequest, false)};
    case LegendItem::DroppedMessage: return {Theme::current().message(MsgType::VoteRequest, false), Theme::current().cut()};
    case LegendItem::CutLink:
    case LegendItem::PartitionedLink:
    case LegendItem::FaultMark: return {Theme::current().cut()};
    case LegendItem::Committed: return {Theme::current().term(1)};
    case LegendItem::Uncommitted: return {Theme::current().term(2).darker(170)};
    case LegendItem::EntryTerms: return {Theme::current().term(1), Theme::current().term(2)};
    case LegendItem::LeaderMark: return {Theme::current().role(Role::Leader)};
    case LegendItem::CrashMark: return {Theme::current().ink()};
    case LegendItem::RestartMark: return {Theme::current().mutedInk()};
    case LegendItem::HealMark: return {Theme::current().heal()};
    case LegendItem::FindingMark: return {Theme::current().danger()};
    case LegendItem::ForkMark: return {Theme::current().fork()};
  }
  return {};
}

int pixelsNear(const QImage& image, const QColor& c) {
  int n = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) {
      const QColor p = image.pixelColor(x, y);
      if (std::abs(p.red() - c.red()) + std::abs(p.green() - c.green()) + std::abs(p.blue() - c.blue()) <= 24) ++n;
    }
  return n;
}
}  // namespace

// "?" shows the legend next to the keys; each item is painted live by the
// view's, log panel's or timeline's own code: it shows its role's colour from
// Theme in each scheme (a picture could not follow the scheme), with a caption.
void TestGuiWindow::theLegendIsPaintedByThePaintingCode() {
  MainWindow& w = *window_;
  w.startDefault();
  QTest::keyClick(&w, Qt::Key_Question);
  QDialog* d = nullptr;
  QTRY_VERIFY((d = w.findChild<QDialog*>(QStringLiteral("keysDialog"))) != nullptr);
  QVERIFY(QTest::qWaitForWindowExposed(d));
  QCOMPARE(d->findChildren<QWidget*>(QRegularExpression(QStringLiteral("^legend-"))).size(), qsizetype(legendItems().size()));
  for (Scheme scheme : {Scheme::Light, Scheme::Dark}) {
    Theme::setCurrent(scheme);
    for (LegendItem item : legendItems()) {
      auto* icon = d->findChild<QWidget*>(QStringLiteral("legend-") + legendKey(item));
      QVERIFY2(icon && icon->isVisible(), qPrintable(legendKey(item)));
      const QImage image = icon->grab().toImage().convertToFormat(QImage::Format_RGB32);
      for (const QColor& c : legendColours(item)) {
        const int n = pixelsNear(image, c);
        QVERIFY2(n >= 8, qPrintable(QString("%1 in %2: %3 pixels of %4").arg(legendKey(item), Theme::schemeName(scheme)).arg(n).arg(c.name())));
      }
      auto* caption = d->findChild<QLabel*>(QStringLiteral("caption-") + legendKey(item));
      QVERIFY2(caption && caption->isVisible() && caption->text() == legendCaption(item) && caption->text().size() > 10,
               qPrintable(legendKey(item)));
    }
  }
  Theme::setCurrent(Scheme::Light);
  const QSize hint = d->sizeHint();
  QVERIFY2(hint.width() <= 1280 && hint.height() <= 720, qPrintable(QString("%1x%2").arg(hint.width()).arg(hint.height())));
  d->close();
}

// Click, Shift+click and a rubber band select nodes; P cuts exactly the links
// between them and the rest, as an action (in the past: a new branch).
void TestGuiWindow::selectedNodesAndPCutThemOff() {
  MainWindow& w = *window_;
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  w.activateWindow();
  const Time at = 400'000;
  w.playhead()->seek(at);
  ClusterView* v = w.clusterView();
  const int n = w.frame().state.node_count;
  QCOMPARE(n, 5);
  auto click = [&](int node, Qt::KeyboardModifiers m) {
    QTest::mouseClick(v->viewport(), Qt::LeftButton, m, v->mapFromScene(nodeCentre(node, n)));
  };
  click(1, {});
  QCOMPARE(v->selectedNodes(), std::vector<int>({1}));
  click(3, Qt::ShiftModifier);
  QCOMPARE(v->selectedNodes(), std::vector<int>({1, 3}));
  click(3, Qt::ShiftModifier);  // Shift+click again: out
  QCOMPARE(v->selectedNodes(), std::vector<int>({1}));
  click(1, {});
  // A rubber band from an empty spot around the top node (0) selects it alone;
  // with Shift it adds to the selection.
  const QPointF top = nodeCentre(0, n);
  auto band = [&](QPointF from, QPointF to, Qt::KeyboardModifiers m) {
    QTest::mousePress(v->viewport(), Qt::LeftButton, m, v->mapFromScene(from));
    QTest::mouseMove(v->viewport(), v->mapFromScene((from + to) / 2));
    QTest::mouseRelease(v->viewport(), Qt::LeftButton, m, v->mapFromScene(to));
  };
  band(top + QPointF(-140, -115), top + QPointF(140, 90), {});
  QCOMPARE(v->selectedNodes(), std::vector<int>({0}));
  click(3, Qt::ShiftModifier);
  QCOMPARE(v->selectedNodes(), std::vector<int>({0, 3}));
  const std::vector<int> side = v->selectedNodes();
  QCOMPARE(w.run()->branchCount(), 1);
  QTest::keyClick(&w, Qt::Key_P);
  // One action in the past: a branch, whose journal says which node went where.
  QCOMPARE(w.run()->branchCount(), 2);
  QCOMPARE(w.playhead()->branch(), 1);
  const Journal& k = w.run()->journal(1);
  Seq p = firstEvent(k, [&](const Event& e) { return e.kind == EventKind::Partitioned && e.time_us == at; });
  QVERIFY(p != kNoSeq);
  auto inside = [&](int i) { return std::find(side.begin(), side.end(), i) != side.end(); };
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b) {
      const bool same = k[p].partitionGroup(NodeId(a)) == k[p].partitionGroup(NodeId(b));
      QVERIFY2(same == (inside(a) == inside(b)), qPrintable(QString("%1-%2").arg(a).arg(b)));
      if (a != b) QCOMPARE(w.frame().state.linkUp(NodeId(a), NodeId(b)), inside(a) == inside(b));
    }
  // No other fault came with it.
  for (Seq i = p + 1; i < k.size(); ++i) QVERIFY(!isFaultOrAction(k[i].kind) || k[i].time_us > at);
}

// The dialog remains for precise work: 1–9 tick the boxes, the text is large.
void TestGuiWindow::thePartitionDialogTakesKeys() {
  PartitionDialog d({"Michel", "Paul", "Sophie", "Luc", "Jean-Pierre"});
  d.show();
  QVERIFY(QTest::qWaitForWindowExposed(&d));
  QTest::keyClick(&d, Qt::Key_2);
  QTest::keyClick(&d, Qt::Key_4);
  QTest::keyClick(&d, Qt::Key_5);
  QTest::keyClick(&d, Qt::Key_5);  // again: unticked
  QVERIFY(d.nodeBox(1)->isChecked() && d.nodeBox(3)->isChecked() && !d.nodeBox(4)->isChecked());
  QCOMPARE(d.groups(), (std::vector<std::vector<NodeId>>{{1, 3}, {0, 2, 4}}));
  QVERIFY(d.nodeBox(0)->font().pixelSize() >= 20);
  QVERIFY(d.font().pixelSize() >= 20);
}

// The help overlay, the Rules tab and the partition dialog in both languages
// and schemes at 1280×720 (RADEAU_SCREENSHOT_DIR): help-en-light.png…
void TestGuiWindow::helpScreenshots() {
  const QString dir = qEnvironmentVariable("RADEAU_SCREENSHOT_DIR");
  if (dir.isEmpty()) QSKIP("set RADEAU_SCREENSHOT_DIR to save screenshots");
  window_.reset();
  for (Language l : {Language::English, Language::French})
    for (Scheme scheme : {Scheme::Light, Scheme::Dark}) {
      installLanguage(l);
      const QString tag = QString("%1-%2").arg(l == Language::French ? "fr" : "en", Theme::schemeName(scheme));
      MainWindow w;
      w.setInteractive(false);
      w.setScheme(scheme);
      w.resize(1280, 720);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
      w.playhead()->seek(1'250'000);
      w.clusterView()->setSelectedNodes({0, 3});
      w.action("showRules")->trigger();
      QCoreApplication::processEvents();
      QVERIFY(w.grab().save(dir + "/window-rules-" + tag + ".png"));
      {  // the Rules tab whole (the window scrolls it)
        ConceptsPanel rules;
        rules.setFont(Theme::font(TextRole::Panel));
        rules.showConcepts(w.frame().state.concepts);
        rules.resize(460, rules.sizeHint().height());
        QVERIFY(rules.grab().save(dir + "/rules-" + tag + ".png"));
      }
      QTest::keyClick(&w, Qt::Key_Question);
      QDialog* d = nullptr;
      QTRY_VERIFY((d = w.findChild<QDialog*>(QStringLiteral("keysDialog"))) != nullptr);
      d->resize(d->sizeHint());
      QCoreApplication::processEvents();
      QVERIFY(d->grab().save(dir + "/help-" + tag + ".png"));
      d->close();
      PartitionDialog p(w.run()->config().names, &w);
      p.show();
      QTest::keyClick(&p, Qt::Key_2);
      QCoreApplication::processEvents();
      QVERIFY(p.grab().save(dir + "/partition-" + tag + ".png"));
    }
  installLanguage(Language::English);
  Theme::setCurrent(Scheme::Light);
}

void TestGuiWindow::screenshots() {
  QString dir = qEnvironmentVariable("RADEAU_SCREENSHOT_DIR");
  if (dir.isEmpty()) QSKIP("set RADEAU_SCREENSHOT_DIR to save screenshots");
  MainWindow& w = *window_;
  w.resize(1920, 1080);
  QVERIFY(w.loadScenarioText(kPartition, "partition.txt"));
  const Journal& j = w.run()->journal(0);
  auto shot = [&](const QString& name) {
    QCoreApplication::processEvents();
    QVERIFY(w.grab().save(dir + "/" + name, "PNG", 0));
  };
  // An election: the first candidate, votes flying.
  Seq c = firstEvent(j, [](const Event& e) { return e.kind == EventKind::VoteCounted; });
  QVERIFY(c != kNoSeq);
  w.playhead()->seek(j[c].time_us + 8'000);
  shot("election.png");
  // Two leaders after the partition.
  w.playhead()->seek(1'250'000);
  shot("partition-two-leaders.png");
  Seq f = firstEvent(j, [](const Event& e) { return e.kind == EventKind::Finding && isSafetyFinding(e.findingKind()); });
  QVERIFY(f != kNoSeq);
  w.playhead()->seek(j[f].time_us + 2'000);
  shot("divergence-finding.png");
}

QTEST_MAIN(TestGuiWindow)
#include "test_gui_window.moc"

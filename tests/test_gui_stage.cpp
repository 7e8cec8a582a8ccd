// The stage as the back row sees it: every pause of every step of the
// author's talk, laid out at 1920x1080, 1280x720 and 1024x768 by the stage's
// own painter, must keep every node and log row on screen and every text at
// or above its floor (StageFloors, proportional to the screen's height); the
// nodes stand still within a step; the caption band keeps its height; in
// talk mode nothing after the playhead is listed; the clicker's "previous"
// goes back one pause; acting live shows the off-script badge; the title
// follows the step.
#include <QApplication>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>
#include <map>


#include "app/gui/cluster_view.h"
#include "app/render/frame.h"
#include "app/gui/main_window.h"
#include "app/gui/models.h"
#include "app/gui/presenter.h"
#include "app/gui/stage_view.h"
#include "app/gui/timeline.h"
#include "replay/talk_player.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
const QString kTalk = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/talk.radeau-talk");

struct Smallest {
  double message = 1e9, name = 1e9, role = 1e9, term = 1e9, term_caption = 1e9, entry = 1e9, entry_term = 1e9;
  QString message_at, name_at, role_at, entry_at;
};
void least(double& m, QString& at, double v, const QString& where) {
  if (v > 0 && v < m) {
    m = v;
    at = where;
  }
}
void least(double& m, double v) {
  if (v > 0) m = std::min(m, v);
}
}  // namespace

class TestGuiStage : public QObject {
  Q_OBJECT
 private slots:
  void everyPauseIsLegibleAtEverySize_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("1920x1080") << QSize(1920, 1080);
    QTest::newRow("1280x720") << QSize(1280, 720);
    QTest::newRow("1024x768") << QSize(1024, 768);
  }
  void everyPauseIsLegibleAtEverySize() {
    QFETCH(QSize, size);
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(kTalk, error), qPrintable(error));
    presenter->notesWindow()->hide();
    QVERIFY(window.stageLayout());  // the default in a talk
    window.resize(size);
    window.show();
    QApplication::processEvents();
    QCOMPARE(window.size(), size);
    TalkPlayer* player = presenter->player();
    Playhead* playhead = window.playhead();
    StageView* stage = window.stageView();
    const double k = size.height() / 1080.0;
    Smallest s;
    int pauses = 0;
    int caption_h = -1;
    for (int i = 0; i < player->stepCount(); ++i) {
      QVERIFY2(player->open(i, error), qPrintable(error));
      const QString id = QString::fromStdString(player->step()->id);
      std::vector<QPointF> centres;
      QRectF logs;
      const std::vector<Time> times = player->pauseTimes();
      for (size_t p = 0; p < times.size(); ++p) {
        player->next();  // as the clicker; the seek stands in for the wall clock
        playhead->seek(times[p]);
        QApplication::processEvents();
        const QString where = QStringLiteral("%1 p%2").arg(id).arg(p + 1);
        ++pauses;
        // The stage and its bands within the window, the bands of a fixed height.
        const QRect on_screen(stage->mapTo(&window, QPoint(0, 0)), stage->size());
        QVERIFY2(window.rect().contains(on_screen), qPrintable(where + ": the stage is off screen"));
        if (caption_h < 0) caption_h = window.captionLabel()->height();
        QVERIFY2(window.captionLabel()->isVisible() && window.captionLabel()->height() == caption_h,
                 qPrintable(where + ": the caption band changed height"));
        const StageMetrics m = stage->metrics();
        QVERIFY2(m.banner_px >= 24 * k - 1, qPrintable(where + QStringLiteral(": the finding's text is %1 px").arg(m.banner_px)));
        // The node table, when the step asks for it, whole and on screen.
        if (auto* table = window.findChild<QTableView*>("stageTable"); table && table->isVisible()) {
          const QRect t(table->mapTo(&window, QPoint(0, 0)), table->size());
          QVERIFY2(window.rect().contains(t), qPrintable(where + ": the node table is off screen"));
          QVERIFY2(t.bottom() < on_screen.top() || t.top() > on_screen.bottom(), qPrintable(where + ": the table covers the stage"));
          const int rows = table->model()->rowCount();
          QVERIFY2(table->rowViewportPosition(rows - 1) + table->rowHeight(rows - 1) <= table->viewport()->height(),
                   qPrintable(where + ": a row of the node table is cut"));
        }
        QVERIFY2(m.nodes_inside, qPrintable(where + ": a node is off screen"));
        QVERIFY2(m.rows_inside, qPrintable(where + ": a log row is off screen"));
        QVERIFY2(m.nodes_apart, qPrintable(where + ": two nodes' badges or names run into each other"));
        QVERIFY2(m.banner_clear, qPrintable(where + ": the finding's band covers the logs or a node"));
        // Nothing moves between the clicks of a step.
        if (p == 0) {
          centres = m.node_centres;
          logs = m.layout.logs;
        } else {
          QVERIFY2(m.node_centres == centres, qPrintable(where + ": the nodes moved within the step"));
          QVERIFY2(m.layout.logs == logs, qPrintable(where + ": the logs moved within the step"));
        }
        least(s.message, s.message_at, m.message_px, where);
        least(s.name, s.name_at, m.name_px, where);
        least(s.role, s.role_at, m.role_px, where);
        least(s.entry, s.entry_at, m.entry_px, where);
        least(s.term, m.term_px);
        least(s.term_caption, m.term_caption_px);
        least(s.entry_term, m.entry_term_px);
      }
    }
    QVERIFY(pauses > 100);
    std::printf("stage %dx%d (floors x %.3f), smallest over %d pauses: message %.1f (%s), name %.1f (%s), "
                "role %.1f (%s), term %.1f, 'term' word %.1f, entry %.1f (%s), entry term %.1f px\n",
                size.width(), size.height(), k, pauses, s.message, qPrintable(s.message_at), s.name, qPrintable(s.name_at),
                s.role, qPrintable(s.role_at), s.term, s.term_caption, s.entry, qPrintable(s.entry_at), s.entry_term);
    const double slack = 0.5;  // pixel rounding of font sizes
    QVERIFY2(s.message >= StageFloors::message * k - slack, qPrintable(QStringLiteral("message label %1 px at %2").arg(s.message).arg(s.message_at)));
    QVERIFY2(s.name >= StageFloors::name * k - slack, qPrintable(QStringLiteral("node name %1 px at %2").arg(s.name).arg(s.name_at)));
    QVERIFY2(s.role >= StageFloors::role * k - slack, qPrintable(QStringLiteral("role badge %1 px at %2").arg(s.role).arg(s.role_at)));
    QVERIFY2(s.term >= StageFloors::role * k - slack, qPrintable(QStringLiteral("term %1 px").arg(s.term)));
    QVERIFY2(s.entry >= StageFloors::entry * k - slack, qPrintable(QStringLiteral("entry text %1 px at %2").arg(s.entry).arg(s.entry_at)));
  }

  // --- the clicker and the talk mode, on a small talk ----------------------
  void init() {
    QVERIFY(dir_.isValid());
    auto write = [this](const QString& name, const QByteArray& text) {
      QFile f(dir_.filePath(name));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(text);
    };
    write("lost.radeau-script",
          "nodes Michel\nconcepts chapter 1 -persistence\nseed 1\n"
          "at 300ms write Michel \"A\"\nat 700ms crash Michel\nuntil 1s\n");
    write("quiet.radeau-script", "nodes 3\nconcepts full\nseed 2\nuntil 500ms\n");
    write("talk.radeau-talk",
          "step quiet\ntitle Quiet | Calme\nopen quiet.radeau-script\npause 100ms Early\npause end Nothing breaks | Rien ne casse\nstage table\n"
          "step lost\ntitle Lost | Perdue\nopen lost.radeau-script\n"
          "pause 200ms Before the write | Avant l'écriture\npause 400ms Written\npause finding Gone\npause end\n");
  }

  // Plays the current step to pause k as the clicker does (the seek stands in for the wall clock).
  static void toPause(TalkPlayer* player, Playhead* playhead, int k) {
    player->next();
    playhead->seek(player->pauseTimes()[size_t(k)]);
  }

  void previousGoesBackOnePauseThenOneStep() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    TalkPlayer* player = presenter->player();
    Playhead* playhead = window.playhead();
    player->setDoublePressMs(0);  // every press a first press
    QVERIFY(player->open(1, error));
    const std::vector<Time> t = player->pauseTimes();
    QCOMPARE(int(t.size()), 4);
    toPause(player, playhead, 0);
    toPause(player, playhead, 1);
    toPause(player, playhead, 2);
    QCOMPARE(playhead->time(), t[2]);
    QVERIFY(window.captionLabel()->text().contains("Gone"));
    player->previous();  // a mis-click costs one pause, not the step
    QCOMPARE(player->current(), 1);
    QCOMPARE(playhead->time(), t[1]);
    QVERIFY(!playhead->playing());
    QVERIFY2(window.captionLabel()->text().contains("Written"), qPrintable(window.captionLabel()->text()));
    QVERIFY(presenter->notesPause()->text().startsWith("pause 2/4"));
    QVERIFY2(presenter->notesPause()->text().contains("next: Gone"), qPrintable(presenter->notesPause()->text()));
    // "next" goes on from there to the pause that was undone.
    toPause(player, playhead, 2);
    QCOMPARE(playhead->time(), t[2]);
    player->previous();
    player->previous();
    QCOMPARE(playhead->time(), t[0]);
    player->previous();  // before the first pause: the step's start
    QCOMPARE(player->current(), 1);
    QCOMPARE(playhead->time(), Time(0));
    player->previous();  // at the step's start: the previous step
    QCOMPARE(player->current(), 0);
    // Pressed twice quickly: the previous step at once.
    player->setDoublePressMs(60'000);
    QVERIFY(player->open(1, error));
    toPause(player, playhead, 0);
    toPause(player, playhead, 1);
    player->previous();
    QCOMPARE(player->current(), 1);
    QCOMPARE(playhead->time(), t[0]);
    player->previous();
    QCOMPARE(player->current(), 0);
  }

  void actingLiveShowsTheBadgeAndDropsPreparedLabels() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    TalkPlayer* player = presenter->player();
    Playhead* playhead = window.playhead();
    QVERIFY(player->open(1, error));
    toPause(player, playhead, 0);
    QVERIFY(presenter->liveBadge()->isHidden());
    QVERIFY(window.captionLabel()->text().contains("Before the write"));
    window.toggleCrash(NodeId(0));  // live, at the pause: a branch of the presenter's own
    QVERIFY(playhead->branch() != 0);
    QVERIFY(player->offScript());
    QVERIFY(!presenter->liveBadge()->isHidden());
    QVERIFY(presenter->liveBadge()->text().contains("LIVE"));
    QVERIFY2(!window.captionLabel()->text().contains("Before the write"), qPrintable(window.captionLabel()->text()));
    QVERIFY(presenter->notesPause()->text().contains("LIVE"));
    // Playing on: the prepared pause's label is not shown, the finding pause does not stop.
    toPause(player, playhead, 1);
    QVERIFY2(!window.captionLabel()->text().contains("Written"), qPrintable(window.captionLabel()->text()));
    // Backspace: the prepared run again, the badge gone.
    presenter->backToPreparedRun();
    QCOMPARE(playhead->branch(), 0);
    QVERIFY(presenter->liveBadge()->isHidden());
    QVERIFY(!player->offScript());
  }

  // A run that ends without a safety finding ends on the green banner with the
  // step's lesson (its `pause end` label); a failing step never shows it.
  void theEndOfASafeStepSaysItsLesson() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    Playhead* playhead = window.playhead();
    playhead->seek(100'000);
    QVERIFY(!window.frame().no_violation);
    playhead->toEnd();
    QVERIFY(window.frame().no_violation);
    QCOMPARE(QString::fromStdString(window.frame().lesson), QStringLiteral("Nothing breaks"));
    QVERIFY(presenter->player()->open(1, error));  // "lost": its end has a safety finding
    playhead->toEnd();
    QVERIFY(!window.frame().no_violation);
  }

  void theTitleFollowsTheStep() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    QVERIFY2(window.windowTitle().contains("Quiet"), qPrintable(window.windowTitle()));
    QVERIFY(presenter->player()->open(1, error));
    QVERIFY2(window.windowTitle().contains("Lost") && !window.windowTitle().contains("Quiet"), qPrintable(window.windowTitle()));
    presenter->player()->previous();
    presenter->player()->previous();
    QVERIFY2(window.windowTitle().contains("Quiet"), qPrintable(window.windowTitle()));
  }

  void nothingAfterThePlayheadIsListed() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    TalkPlayer* player = presenter->player();
    Playhead* playhead = window.playhead();
    QVERIFY(player->open(1, error));
    QVERIFY(window.talkMode());
    // The finding exists in the run, but not yet on screen.
    playhead->seek(player->pauseTimes()[0]);
    const Seq position = window.frame().position();
    QVERIFY(position < window.frame().journal->size());
    JournalFilter* rows = window.journalFilter();
    for (int r = 0; r < rows->rowCount(); ++r)
      QVERIFY(Seq(rows->index(r, 0).data(JournalModel::kSeqRole).toULongLong()) < position);
    for (const TimelineMark& m : window.timeline()->visibleMarks()) QVERIFY(m.time_us <= playhead->time());
    bool finding_ahead = false;
    for (const TimelineMark& m : window.timeline()->marks()) finding_ahead |= m.kind == MarkKind::Finding;
    QVERIFY(finding_ahead);  // the timeline knows it, and does not draw it
    bool finding_shown = false;
    for (const TimelineMark& m : window.timeline()->visibleMarks()) finding_shown |= m.kind == MarkKind::Finding;
    QVERIFY(!finding_shown);
    // At the end everything is there.
    playhead->seek(window.run()->endTime(0));
    QCOMPARE(Seq(rows->rowCount()), window.frame().position());
    finding_shown = false;
    for (const TimelineMark& m : window.timeline()->visibleMarks()) finding_shown |= m.kind == MarkKind::Finding;
    QVERIFY(finding_shown);
  }

  void theStageTableShowsOnlyWhereAStepAsks() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    window.resize(1280, 720);
    window.show();
    QApplication::processEvents();
    auto* table = window.findChild<QTableView*>("stageTable");
    QVERIFY(table);
    QVERIFY(table->isVisible());  // step 1 says "stage table"
    QVERIFY(presenter->player()->open(1, error));
    QVERIFY(!table->isVisible());
    // S (View > Stage layout) gives the editor back, and the stage again.
    window.setStageLayout(false);
    QVERIFY(!window.stageView()->isVisible());
    QVERIFY(window.clusterView()->isVisible());
    window.setStageLayout(true);
    QVERIFY(window.stageView()->isVisible());
    QVERIFY(!window.clusterView()->isVisible());
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestGuiStage)
#include "test_gui_stage.moc"

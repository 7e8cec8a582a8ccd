// Presentation mode in the window: the clicker's keys drive the talk, the
// caption follows the step, B blacks the screen, the notes window shows the
// step's notes and what comes next.
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QtTest>

#include "app/gui/main_window.h"
#include "app/gui/presenter.h"
#include "app/gui/stage_view.h"
#include "replay/playhead.h"

#include "support/test_support.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
using radeau::test::writeFile;
}  // namespace

class TestGuiPresenter : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    QVERIFY(dir_.isValid());
    writeFile(dir_.filePath("lost.radeau-script"),
              "nodes Michel\nconcepts chapter 1 -persistence\nseed 1\n"
              "at 300ms write Michel \"A\"\nat 700ms crash Michel\nuntil 1s\n");
    writeFile(dir_.filePath("quiet.radeau-script"), "nodes 3\nconcepts full\nseed 2\nuntil 500ms\n");
    writeFile(dir_.filePath("talk.radeau-talk"),
              "talk Test | Essai\n"
              "step one\n"
              "title The write is lost | L'écriture est perdue\n"
              "caption Crash, and the log is empty. | On éteint, le log est vide.\n"
              "notes Say it slowly. | Le dire lentement.\n"
              "open lost.radeau-script\n"
              "pause 200ms Before the write | Avant l'écriture\n"
              "pause finding\n"
              "step two\n"
              "title Three nodes | Trois nœuds\n"
              "open quiet.radeau-script\n");
  }

  // On stage (a talk's default) the stage paints the finding in its own band.
  static bool findingShown(MainWindow& window) {
    if (!window.stageLayout()) return window.findingBanner()->isVisible();
    return window.stageView()->isVisible() && window.frame().latestFinding() && !window.findingBanner()->isVisible();
  }

  void clickerKeysDriveTheTalk() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::French);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    Playhead* playhead = window.playhead();
    QCOMPARE(window.run(), presenter->player()->run());
    QVERIFY(window.captionLabel()->isVisible());
    QVERIFY2(window.captionLabel()->text().contains("1/2") &&
                 window.captionLabel()->text().contains(QStringLiteral("L'écriture est perdue")),
             qPrintable(window.captionLabel()->text()));

    QTest::keyClick(&window, Qt::Key_PageDown);  // play on to the first pause
    QVERIFY(playhead->playing());
    playhead->seek(400'000);
    QVERIFY(!playhead->playing());
    QCOMPARE(playhead->time(), Time(200'000));
    QVERIFY2(window.captionLabel()->text().contains(QStringLiteral("Avant l'écriture")),
             qPrintable(window.captionLabel()->text()));

    QTest::keyClick(&window, Qt::Key_Right);  // on to the finding
    playhead->seek(900'000);
    QCOMPARE(playhead->time(), Time(700'000));
    QVERIFY(findingShown(window));

    QTest::keyClick(&window, Qt::Key_Space);  // to the end of the step
    playhead->toEnd();
    playhead->pause();
    QTest::keyClick(&window, Qt::Key_PageDown);  // the next step
    QCOMPARE(presenter->player()->current(), 1);
    QVERIFY(window.captionLabel()->text().contains("2/2"));
    QCOMPARE(window.run()->config().nodeCount(), 3);

    QTest::keyClick(&window, Qt::Key_PageUp);  // back to step one, from its start
    QCOMPARE(presenter->player()->current(), 0);
    QCOMPARE(playhead->time(), Time(0));

    QVERIFY(!presenter->blackScreen());
    QTest::keyClick(&window, Qt::Key_B);
    QVERIFY(presenter->blackScreen());
    QTest::keyClick(&window, Qt::Key_Period);
    QVERIFY(!presenter->blackScreen());
  }

  void fastForwardIsShownOnScreen() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    Playhead* playhead = window.playhead();
    QLabel* pace = presenter->paceLabel();
    QVERIFY(!pace->isVisible());
    QTest::keyClick(&window, Qt::Key_PageDown);
    playhead->advanceWall(0.15);  // past Michel's start as leader, into the quiet stretch
    QVERIFY(pace->isVisible());
    QCOMPARE(pace->text(), QStringLiteral("⏩ 8×"));
    QVERIFY(window.rect().contains(pace->geometry()));
    QVERIFY(pace->font().pixelSize() >= 28);  // read from the back row
    playhead->advanceWall(2.0);  // stopped at the pause: gone
    QCOMPARE(playhead->time(), Time(200'000));
    QVERIFY(!pace->isVisible());
  }

  void backspaceComesBackToThePreparedRun() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    Playhead* playhead = window.playhead();
    QTest::keyClick(&window, Qt::Key_PageDown);
    playhead->seek(400'000);
    QCOMPARE(playhead->time(), Time(200'000));  // the first pause, before the write

    window.toggleCrash(0);  // the presenter takes over: Michel crashes before the write
    QCOMPARE(window.run()->branchCount(), 2);
    QCOMPARE(playhead->branch(), 1);
    QTest::keyClick(&window, Qt::Key_Backspace);
    QCOMPARE(playhead->branch(), 0);
    QCOMPARE(playhead->time(), Time(200'000));
    QCOMPARE(window.run(), presenter->player()->run());
    // The prepared run goes on from there: the next pause is its finding.
    QTest::keyClick(&window, Qt::Key_Right);
    playhead->seek(900'000);
    QCOMPARE(playhead->branch(), 0);
    QCOMPARE(playhead->time(), Time(700'000));
    QVERIFY(findingShown(window));

    // The Talk menu offers the same, from a live branch played on.
    playhead->seek(300'000);
    window.toggleCrash(0);
    QCOMPARE(playhead->branch(), 2);
    QAction* back = nullptr;
    for (QAction* m : window.menuBar()->actions())
      if (m->menu())
        for (QAction* a : m->menu()->actions())
          if (a->objectName() == "talkBackToPrepared") back = a;
    QVERIFY2(back, "no 'Back to the prepared run' in the Talk menu");
    back->trigger();
    QCOMPARE(playhead->branch(), 0);
    QCOMPARE(playhead->time(), Time(300'000));
  }

  void notesShowTheStepAndWhatComesNext() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    QWidget* notes = presenter->notesWindow();
    QVERIFY(notes->isVisible());
    QString all;
    for (QLabel* l : notes->findChildren<QLabel*>()) all += l->text() + "\n";
    QVERIFY2(all.contains("Say it slowly.") && all.contains("Next: Three nodes") && all.contains("1/2"),
             qPrintable(all));
  }

  void aBrokenTalkNamesTheLine() {
    MainWindow window;
    window.setInteractive(false);
    writeFile(dir_.filePath("bad.radeau-talk"), "step one\ntitle One\nopen lost.radeau-script\nwhatever 1\n");
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY(!presenter->load(dir_.filePath("bad.radeau-talk"), error));
    QVERIFY2(error.contains("bad.radeau-talk:4: unknown key 'whatever'"), qPrintable(error));
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestGuiPresenter)
#include "test_gui_presenter.moc"

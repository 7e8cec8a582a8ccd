// "Find a failure for these rules…" in the window (issue 16): the presenter
// unticks a safety flag, asks for a failure, and gets the shortened run as a
// new document, paused just before the finding, with a caption naming it;
// Cancel (or nothing found) leaves the document untouched. The search runs in
// a worker thread: the tests wait on its `finished` signal.
// Set RADEAU_SCREENSHOT_DIR to also save screenshots.
#include <QSignalSpy>
#include <QtTest>

#include <QCheckBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QStatusBar>
#include <optional>

#include "app/gui/concepts_panel.h"
#include "app/gui/document.h"
#include "app/gui/find_failure.h"
#include "app/gui/main_window.h"
#include "app/render/language.h"
#include "core/finding_names.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
ClusterConfig cluster(const char* spec) {
  ClusterConfig c;
  c.names = defaultNames(5);
  std::string error;
  c.concepts = *parseConcepts(spec, Concepts::full(), error);
  return c;
}

// The first finding of the branch's journal, or none (a copy: the journal stores events packed).
std::optional<Event> firstFinding(const Journal& j) {
  for (Seq i = 0; i < j.size(); ++i)
    if (j[i].kind == EventKind::Finding) return j[i];
  return std::nullopt;
}

void screenshot(QWidget* w, const char* name) {
  if (const QString dir = qEnvironmentVariable("RADEAU_SCREENSHOT_DIR"); !dir.isEmpty())
    w->grab().save(dir + QStringLiteral("/") + QString::fromLatin1(name));
}
}  // namespace

class TestGuiFind : public QObject {
  Q_OBJECT

 private slots:
  // The talk's gesture: untick `persistence` in the Rules tab, press the button.
  void findsAFailureAndOpensItPausedBeforeIt() {
    MainWindow w;
    w.setInteractive(false);
    w.setDiscardAllowed(true);  // unticking the flag acted on the run: it may be replaced
    w.newCluster(cluster("full"));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ConceptsPanel* rules = w.conceptsPanel();
    rules->flagBox(Concept::Persistence)->click();
    QVERIFY(!w.frame().state.concepts.has(Concept::Persistence));
    const Run* before = w.run();
    screenshot(rules, "find-failure-rules.png");

    QSignalSpy finished(w.findFailure(), &FindFailure::finished);
    rules->findFailureButton()->click();
    QVERIFY(w.findFailure()->running());
    QVERIFY(w.findFailure()->progressDialog());
    QVERIFY(finished.wait(60'000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished[0][0].toBool(), true);
    QVERIFY(!w.findFailure()->running());

    // A new document: the same rules, the same nodes, clean.
    QVERIFY(w.run() != before);
    QVERIFY(!w.run()->config().concepts.has(Concept::Persistence));
    QCOMPARE(w.run()->config().concepts, Concepts::full().without(Concept::Persistence));
    QVERIFY(w.run()->config().nodeCount() <= 5);
    QVERIFY(!w.isDirty());
    // Paused just before the finding: it is in the run, not yet on screen.
    const std::optional<Event> f = firstFinding(w.run()->journal(w.playhead()->branch()));
    QVERIFY(f);
    QVERIFY(!w.playhead()->playing());
    QCOMPARE(w.playhead()->time(), f->time_us - 1);
    QVERIFY(w.playhead()->state().findings.empty());
    w.playhead()->stepForward();
    QVERIFY(!w.playhead()->state().findings.empty());
    w.playhead()->seek(f->time_us - 1);
    // The caption names the finding and the rule taken away.
    const QString caption = w.captionLabel()->text();
    QVERIFY(w.captionLabel()->isVisible());
    QVERIFY2(caption.contains(QString::fromLatin1(findingKindName(f->findingKind()).data())), qPrintable(caption));
    QVERIFY2(caption.contains(QStringLiteral("persistence")), qPrintable(caption));
    screenshot(&w, "find-failure-opened.png");

    // Another document takes the caption away.
    w.newCluster(cluster("full"));
    QVERIFY(w.captionLabel()->text().isEmpty());
    QVERIFY(!w.captionLabel()->isVisible());
  }

  // Cancel while searching full Raft (which has nothing to find): the run,
  // its journal, the playhead and the caption are as they were.
  void cancelLeavesTheDocumentUntouched() {
    MainWindow w;
    w.setInteractive(false);
    w.newCluster(cluster("full"));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.playhead()->seek(500'000);
    const Run* run = w.run();
    const size_t events = w.run()->journal(0).size();
    const int branches = w.run()->branchCount();
    const Time at = w.playhead()->time();
    const QString title = w.document()->title();

    // From the Cluster menu this time.
    QAction* find = w.action(QStringLiteral("findFailure"));
    QVERIFY(find);
    QVERIFY(w.menuBar()->findChildren<QMenu*>().size() > 0);
    bool inClusterMenu = false;
    for (QMenu* m : w.menuBar()->findChildren<QMenu*>())
      if (m->actions().contains(find)) inClusterMenu = true;
    QVERIFY(inClusterMenu);
    QSignalSpy finished(w.findFailure(), &FindFailure::finished);
    find->trigger();
    QVERIFY(w.findFailure()->running());
    QProgressDialog* dialog = w.findFailure()->progressDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(w.findFailure()->attemptsSoFar() > 0);  // the worker is searching
    QTRY_VERIFY(dialog->labelText().contains(QStringLiteral("schedule")));
    QVERIFY2(dialog->labelText().contains(QStringLiteral("small schedule")), qPrintable(dialog->labelText()));  // which search
    screenshot(dialog, "find-failure-progress.png");
    auto* cancel = dialog->findChild<QPushButton*>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished[0][0].toBool(), false);
    QVERIFY(!w.findFailure()->running());

    QCOMPARE(w.run(), run);
    QCOMPARE(w.run()->journal(0).size(), events);
    QCOMPARE(w.run()->branchCount(), branches);
    QCOMPARE(w.playhead()->time(), at);
    QCOMPARE(w.document()->title(), title);
    QVERIFY(!w.isDirty());
    QVERIFY(w.captionLabel()->text().isEmpty());
  }

  // Nothing found within the budget: the document stays, the status bar says so.
  void nothingFoundLeavesTheDocument() {
    MainWindow w;
    w.setInteractive(false);
    w.newCluster(cluster("full"));
    const Run* run = w.run();
    w.findFailure()->setBudgetSeconds(0.3);
    QSignalSpy finished(w.findFailure(), &FindFailure::finished);
    w.findFailure()->start();
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished[0][0].toBool(), false);
    QCOMPARE(w.run(), run);
    QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("No failure found")),
             qPrintable(w.statusBar()->currentMessage()));
  }

  // The same in French, for the eye (RADEAU_SCREENSHOT_DIR): the progress
  // dialog while searching, the window once the failure is open.
  void frenchScreenshots() {
    if (qEnvironmentVariable("RADEAU_SCREENSHOT_DIR").isEmpty()) QSKIP("set RADEAU_SCREENSHOT_DIR to save screenshots");
    installLanguage(Language::French);
    {
      MainWindow w;
      w.setInteractive(false);
      w.newCluster(cluster("full -entry-terms -current-term-commit"));
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      screenshot(w.conceptsPanel(), "find-failure-rules-fr.png");
      QSignalSpy finished(w.findFailure(), &FindFailure::finished);
      w.findFailure()->start();
      QTRY_VERIFY(finished.count() > 0 || w.findFailure()->attemptsSoFar() > 0);
      if (QProgressDialog* d = w.findFailure()->progressDialog()) screenshot(d, "find-failure-progress-fr.png");
      QVERIFY(finished.count() > 0 || finished.wait(60'000));
      QCOMPARE(finished[0][0].toBool(), true);
      screenshot(&w, "find-failure-opened-fr.png");
    }
    installLanguage(Language::English);
  }

  // The opened document's title (the found script's title line, whose
  // comments are in the same language) and the status line speak the
  // window's language: English in an English window, French in a French one.
  void openedDocumentInTheWindowsLanguage_data() {
    QTest::addColumn<bool>("french");
    QTest::newRow("English") << false;
    QTest::newRow("French") << true;
  }
  void openedDocumentInTheWindowsLanguage() {
    QFETCH(bool, french);
    QVERIFY(installLanguage(french ? Language::French : Language::English));
    {
      MainWindow w;
      w.setInteractive(false);
      w.newCluster(cluster("full -persistence"));
      QSignalSpy finished(w.findFailure(), &FindFailure::finished);
      w.findFailure()->start();
      QVERIFY(finished.wait(60'000));
      QCOMPARE(finished[0][0].toBool(), true);
      const QString title = w.document()->title();
      const QString status = w.statusBar()->currentMessage();
      if (french) {
        QVERIFY2(title.contains(QString::fromUtf8("full -persistence\u00a0: committed-entry-lost (trouv\u00e9 par recherche "
                                                  "syst\u00e9matique)")),
                 qPrintable(title));
        QVERIFY2(status.startsWith(QString::fromUtf8("Trouv\u00e9e par la recherche syst\u00e9matique")), qPrintable(status));
        QVERIFY2(w.captionLabel()->text().startsWith(QStringLiteral("<b>Sans ")), qPrintable(w.captionLabel()->text()));
      } else {
        QVERIFY2(title.contains(QStringLiteral("full -persistence: committed-entry-lost (found by systematic search)")),
                 qPrintable(title));
        QVERIFY2(status.startsWith(QStringLiteral("Found by the systematic search")), qPrintable(status));
      }
    }
    QVERIFY(installLanguage(Language::English));
  }

  // Closing the window mid-search stops the worker and waits for it.
  void windowGoneMidSearch() {
    auto w = std::make_unique<MainWindow>();
    w->setInteractive(false);
    w->newCluster(cluster("full"));
    w->findFailure()->start();
    QTRY_VERIFY(w->findFailure()->attemptsSoFar() > 0);
    w.reset();  // must neither hang (30 s budget) nor touch the window after it is gone
  }

  // Unsaved work the presenter will not give up: no search starts.
  void unsavedWorkKeptMeansNoSearch() {
    MainWindow w;
    w.setInteractive(false);  // and no discard allowed
    w.newCluster(cluster("full -persistence"));
    w.writeTo(0);
    QVERIFY(w.isDirty());
    w.findFailure()->start();
    QVERIFY(!w.findFailure()->running());
    QVERIFY(w.isDirty());
  }
};

QTEST_MAIN(TestGuiFind)
#include "test_gui_find.moc"

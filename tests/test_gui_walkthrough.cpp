// The walk-through: every pause of every step saved as a projector-sized
// PNG named NN-STEP-pK.png, with the caption of that pause on screen; a
// directory that cannot be written is a clear error.
#include <QImage>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

#include "app/gui/main_window.h"
#include "app/gui/presenter.h"
#include "app/gui/walkthrough.h"

#include "support/test_support.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
using radeau::test::writeFile;
}  // namespace

class TestGuiWalkthrough : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    QVERIFY(dir_.isValid());
    writeFile(dir_.filePath("lost.radeau-script"),
              "nodes Michel\nconcepts chapter 1 -persistence\nseed 1\n"
              "at 300ms write Michel \"A\"\nat 700ms crash Michel\nuntil 1s\n");
    writeFile(dir_.filePath("quiet.radeau-script"), "nodes 3\nconcepts full\nseed 2\nuntil 500ms\n");
    writeFile(dir_.filePath("talk.radeau-talk"),
              "step lost\ntitle Lost | Perdue\nopen lost.radeau-script\n"
              "pause 200ms Before the write | Avant l'écriture\npause finding\npause end\n"
              "step quiet\ntitle Quiet | Calme\nopen quiet.radeau-script\npause end\n");
  }

  void savesEveryPauseAtTheProjectorSize() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    const QString out = dir_.filePath("shots");
    QCOMPARE(walkThrough(window, *presenter, out, error), 4);
    const QStringList names = QDir(out).entryList({"*-p*.png"}, QDir::Files, QDir::Name);
    QCOMPARE(names, (QStringList{"01-lost-p1.png", "01-lost-p2.png", "01-lost-p3.png", "02-quiet-p1.png"}));
    for (const QString& n : names) QCOMPARE(QImage(QDir(out).filePath(n)).size(), kWalkthroughSize);
    QVERIFY(QFile::exists(QDir(out).filePath("01-lost-notes.png")));
    // It played as the clicker does: the last step, at its end.
    QCOMPARE(presenter->player()->current(), 1);
    QCOMPARE(window.playhead()->time(), window.run()->endTime(0));
  }

  void theCaptionOfEachPauseIsOnScreen() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::French);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    QStringList captions;
    connect(presenter->player(), &TalkPlayer::paused, this,
            [&] { captions << window.captionLabel()->text(); }, Qt::QueuedConnection);
    QVERIFY(walkThrough(window, *presenter, dir_.filePath("fr"), error) > 0);
    QCoreApplication::processEvents();
    QVERIFY2(!captions.isEmpty() && captions.first().contains(QStringLiteral("Avant l'écriture")),
             qPrintable(captions.join('\n')));
  }

  void anUnwritableDirectoryIsAnError() {
    MainWindow window;
    window.setInteractive(false);
    auto* presenter = new PresenterMode(&window, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir_.filePath("talk.radeau-talk"), error), qPrintable(error));
    writeFile(dir_.filePath("a-file"), "not a directory");
    QCOMPARE(walkThrough(window, *presenter, dir_.filePath("a-file/shots"), error), -1);
    QVERIFY2(error.contains("a-file/shots"), qPrintable(error));
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestGuiWalkthrough)
#include "test_gui_walkthrough.moc"

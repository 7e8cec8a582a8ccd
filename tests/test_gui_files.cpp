// Files in the window (issue 17): the Open dialog shows all three of Radeau's
// file types, Save adds ".radeau" to a bare name, a talk opens in
// presentation mode from the window, and a failed open keeps the document.
#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "app/gui/file_types.h"
#include "app/gui/main_window.h"
#include "app/gui/presenter.h"
#include "replay/shipped_files.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
// The patterns of a dialog filter such as "Talks (*.radeau-talk)".
QStringList patternsOf(const QString& filter) {
  const auto m = QRegularExpression(QStringLiteral("\\(([^)]*)\\)")).match(filter);
  return m.hasMatch() ? m.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts) : QStringList();
}

bool matchesAny(const QStringList& patterns, const QString& name) {
  for (const QString& p : patterns)
    if (QRegularExpression::fromWildcard(p, Qt::CaseInsensitive).match(name).hasMatch()) return true;
  return false;
}

// Answers the next file dialog with `path` once it shows (event-driven, with a deadline).
void answerNextFileDialog(const QString& path) {
  auto* poll = new QTimer(qApp);
  auto* deadline = new QElapsedTimer;
  deadline->start();
  QObject::connect(poll, &QTimer::timeout, [poll, deadline, path] {
    if (auto* d = qobject_cast<QFileDialog*>(QApplication::activeModalWidget())) {
      d->selectFile(path);
      QMetaObject::invokeMethod(d, "accept");  // a protected slot
    } else if (deadline->elapsed() < 10'000) {
      return;
    }
    poll->deleteLater();
    delete deadline;
  });
  poll->start(10);
}
}  // namespace

class TestGuiFiles : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }  // recent files stay out of the user's settings

  void init() {
    window_ = std::make_unique<MainWindow>();
    window_->setInteractive(false);
    window_->resize(1280, 720);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
  }
  void cleanup() { window_.reset(); }

  void openFilterShowsAllThreeTypes() {
    const QStringList filters = openFileFilter().split(QStringLiteral(";;"));
    const QStringList first = patternsOf(filters.first());  // the default filter
    for (const char* name : {"demo.radeau", "05b-candidate.radeau-script", "talk.radeau-talk"})
      QVERIFY2(matchesAny(first, QString::fromLatin1(name)), name);
    QVERIFY(!matchesAny(first, QStringLiteral("notes.txt")));
    bool talks = false, scripts = false;
    for (const QString& f : filters) {
      talks |= patternsOf(f) == QStringList{QStringLiteral("*.radeau-talk")};
      scripts |= patternsOf(f) == QStringList{QStringLiteral("*.radeau-script")};
    }
    QVERIFY(talks && scripts);
  }

  void fileTypesBySuffix() {
    QCOMPARE(fileTypeOf(QStringLiteral("a/B.RADEAU")), FileType::Recording);
    QCOMPARE(fileTypeOf(QStringLiteral("x.radeau-script")), FileType::Script);
    QCOMPARE(fileTypeOf(QStringLiteral("x.radeau-talk")), FileType::Talk);
    QCOMPARE(fileTypeOf(QStringLiteral("x.radeau.bak")), FileType::Other);
    QCOMPARE(withRecordingSuffix(QStringLiteral("/t/demo")), QStringLiteral("/t/demo.radeau"));
    QCOMPARE(withRecordingSuffix(QStringLiteral("/t/demo.radeau")), QStringLiteral("/t/demo.radeau"));
    QCOMPARE(withRecordingSuffix(QString()), QString());  // a cancelled dialog stays cancelled
  }

  // Through the real Save as… action and its dialog: "demo" is saved as demo.radeau.
  void saveWithoutSuffixAddsIt() {
    QTemporaryDir dir;
    window_->startDefault();
    answerNextFileDialog(dir.filePath(QStringLiteral("demo")));
    window_->action(QStringLiteral("saveAs"))->trigger();
    QVERIFY2(QFileInfo::exists(dir.filePath(QStringLiteral("demo.radeau"))), qPrintable(window_->lastError()));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("demo"))));
    QVERIFY(window_->openFile(dir.filePath(QStringLiteral("demo.radeau"))));  // and it is a recording
  }

  void talkOpensInPresentationMode() {
    const QString talk = shippedRecordingsDir() + QStringLiteral("/talk.radeau-talk");
    QVERIFY2(QFileInfo::exists(talk), qPrintable(talk));
    QVERIFY(!window_->findChild<PresenterMode*>());
    QVERIFY2(window_->openFile(talk), qPrintable(window_->lastError()));
    auto* presenter = window_->findChild<PresenterMode*>();
    QVERIFY(presenter);
    QCOMPARE(presenter->player()->current(), 0);
    QVERIFY(window_->run());
    // A second talk in the same window is refused with a reason.
    QVERIFY(!window_->openFile(talk));
    QVERIFY(window_->lastError().contains(QStringLiteral("already presents")));
  }

  // A talk that does not parse leaves no presenter behind, and the window's keys work as before.
  void brokenTalkKeepsTheWindow() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.radeau-talk"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("talk T | T\nstep s\nbogus line\n");
    f.close();
    window_->startDefault();
    const auto keys = window_->action(QStringLiteral("play"))->shortcuts();
    QVERIFY(!keys.isEmpty());
    const Run* before = window_->run();
    QVERIFY(!window_->openFile(path));
    QVERIFY2(window_->lastError().contains(QStringLiteral("broken.radeau-talk")), qPrintable(window_->lastError()));
    QVERIFY(!window_->findChild<PresenterMode*>());
    QCOMPARE(window_->action(QStringLiteral("play"))->shortcuts(), keys);
    QCOMPARE(window_->run(), before);  // the document the user had is kept
  }

  // The same for a damaged recording and a script with a mistake: the window
  // keeps what it showed (no fall back to the default cluster) and says why.
  void failedOpenKeepsTheDocument_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("why");
    QTest::newRow("damaged recording") << "damaged.radeau" << QByteArray("\xd9\xd9\xf7garbage")
                                       << "damaged.radeau: byte 0";
    QTest::newRow("script mistake") << "bad.radeau-script" << QByteArray("nodes 3\nat 1s explode Michel\n")
                                    << "bad.radeau-script:2:7: unknown action 'explode'";
  }
  void failedOpenKeepsTheDocument() {
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, why);
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    const QString prepared = radeau::shippedRecordingsDir() + QStringLiteral("/01a-one-node-write.radeau");
    QVERIFY2(window_->openFile(prepared), qPrintable(window_->lastError()));
    const Run* before = window_->run();
    const QString title = window_->windowTitle();
    QVERIFY(!window_->openFile(path));
    QVERIFY2(window_->lastError().contains(why), qPrintable(window_->lastError()));
    QCOMPARE(window_->run(), before);
    QCOMPARE(window_->windowTitle(), title);
  }

 private:
  std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(TestGuiFiles)
#include "test_gui_files.moc"

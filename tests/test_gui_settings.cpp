// What the window remembers (app/gui/settings.h): defaults, bounds, the
// migration of the keys older versions wrote, and the window's recent files
// going through it (talks included). Settings live in a private folder.
#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "replay/shipped_files.h"

using namespace radeau::gui;

class TestGuiSettings : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
  }

  void defaultsWhenNothingIsStored() {
    QSettings store(dir_.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
    const UserSettings s = UserSettings::load(store);
    QCOMPARE(s.theme, QStringLiteral("light"));
    QVERIFY(s.recent_files.isEmpty());
  }

  void oldKeysMoveToTodaysNames() {
    QSettings store(dir_.filePath(QStringLiteral("old.ini")), QSettings::IniFormat);
    store.setValue(QStringLiteral("theme"), QStringLiteral("dark"));
    store.setValue(QStringLiteral("recentFiles"), QStringList{QStringLiteral("/a.radeau"), QStringLiteral("/b.radeau-talk")});
    const UserSettings s = UserSettings::load(store);
    QCOMPARE(s.theme, QStringLiteral("dark"));
    QCOMPARE(s.recent_files, (QStringList{QStringLiteral("/a.radeau"), QStringLiteral("/b.radeau-talk")}));
    QVERIFY(!store.contains(QStringLiteral("theme")));
    QVERIFY(!store.contains(QStringLiteral("recentFiles")));
    QCOMPARE(store.value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
    // A key already under today's name wins over an old one left behind.
    store.setValue(QStringLiteral("theme"), QStringLiteral("light"));
    QCOMPARE(UserSettings::load(store).theme, QStringLiteral("dark"));
    QVERIFY(!store.contains(QStringLiteral("theme")));
  }

  void nonsenseIsBounded() {
    QSettings store(dir_.filePath(QStringLiteral("bad.ini")), QSettings::IniFormat);
    store.setValue(QStringLiteral("view/theme"), QStringLiteral("purple"));
    QStringList many;
    for (int i = 0; i < 50; ++i) many << QStringLiteral("/f%1.radeau").arg(i % 20);
    many.insert(3, QString());
    store.setValue(QStringLiteral("files/recent"), many);
    const UserSettings s = UserSettings::load(store);
    QCOMPARE(s.theme, QStringLiteral("light"));
    QCOMPARE(s.recent_files.size(), UserSettings::kMaxRecent);
    QStringList unique = s.recent_files;
    QCOMPARE(unique.removeDuplicates(), 0);
    QVERIFY(!s.recent_files.contains(QString()));
  }

  void saveThenLoadGivesTheSame() {
    QSettings store(dir_.filePath(QStringLiteral("round.ini")), QSettings::IniFormat);
    UserSettings s;
    s.theme = QStringLiteral("dark");
    for (int i = 0; i < 10; ++i) s.addRecent(dir_.filePath(QStringLiteral("f%1.radeau").arg(i)));
    s.addRecent(dir_.filePath(QStringLiteral("f5.radeau")));  // again: moves to the front, once
    QCOMPARE(s.recent_files.size(), UserSettings::kMaxRecent);
    QCOMPARE(s.recent_files.front(), dir_.filePath(QStringLiteral("f5.radeau")));
    QCOMPARE(s.recent_files.count(dir_.filePath(QStringLiteral("f5.radeau"))), 1);
    s.save(store);
    const UserSettings back = UserSettings::load(store);
    QCOMPARE(back.theme, s.theme);
    QCOMPARE(back.recent_files, s.recent_files);
  }

  // The window's File › Open recent reads and writes through UserSettings, talks included.
  void windowRemembersWhatItOpened() {
    MainWindow window;
    window.setInteractive(false);
    const QString talk = radeau::shippedRecordingsDir() + QStringLiteral("/talk.radeau-talk");
    const QString rec = radeau::shippedRecordingsDir() + QStringLiteral("/01a-one-node-write.radeau");
    QVERIFY2(window.openFile(rec), qPrintable(window.lastError()));
    QVERIFY2(window.openFile(talk), qPrintable(window.lastError()));
    {  // written under today's key, not the old one (which load() would migrate)
      QSettings store;
      QVERIFY(store.contains(QStringLiteral("files/recent")));
      QVERIFY(!store.contains(QStringLiteral("recentFiles")));
    }
    const QStringList recent = UserSettings::load().recent_files;
    QVERIFY(recent.size() >= 2);
    QCOMPARE(recent[0], QFileInfo(talk).absoluteFilePath());
    QCOMPARE(recent[1], QFileInfo(rec).absoluteFilePath());
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestGuiSettings)
#include "test_gui_settings.moc"

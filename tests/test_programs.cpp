// The three programs as a user starts them (issue 17): --version, one table of
// exit codes (0 ok, 1 found something, 2 usage or input error), --opt=value,
// unknown options refused with a message, and mistakes on radeau's command
// line refused instead of ignored. Runs the built binaries.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/version.h"

namespace {
struct Ran {
  int code = -1;
  QString out, err;
};

Ran runProgram(const QString& name, const QStringList& args) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(RADEAU_BINARY_DIR "/bin/") + name, args);
  Ran r;
  if (!p.waitForFinished(30'000)) {
    p.kill();
    p.waitForFinished();
    r.err = QStringLiteral("(did not finish within 30 s)");
    return r;
  }
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

QString describe(const Ran& r) { return QStringLiteral("exit %1, stdout '%2', stderr '%3'").arg(r.code).arg(r.out, r.err); }
}  // namespace

class TestPrograms : public QObject {
  Q_OBJECT
 private slots:
  void versionOnAllThree_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("name");
    QTest::newRow("radeau") << "radeau" << "Radeau";
    QTest::newRow("radeau-cli") << "radeau-cli" << "radeau-cli";
    QTest::newRow("radeau-node") << "radeau-node" << "radeau-node";
  }
  void versionOnAllThree() {
    QFETCH(QString, program);
    QFETCH(QString, name);
    const Ran r = runProgram(program, {QStringLiteral("--version")});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QCOMPARE(r.out.trimmed(), name + QLatin1Char(' ') + QLatin1String(radeau::version()));
  }

  void unknownOptionIsUsageError_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("args");
    QTest::newRow("radeau") << "radeau" << QStringList{"--bogus"};
    QTest::newRow("radeau-cli run") << "radeau-cli" << QStringList{"run", "--default", "--bogus"};
    QTest::newRow("radeau-cli run --bogus=1") << "radeau-cli" << QStringList{"run", "--default", "--bogus=1"};
    QTest::newRow("radeau-node") << "radeau-node" << QStringList{"--bogus"};
    QTest::newRow("radeau-node write") << "radeau-node" << QStringList{"write", "--to", "127.0.0.1:1", "--token", "t", "--bogus", "x=1"};
  }
  void unknownOptionIsUsageError() {
    QFETCH(QString, program);
    QFETCH(QStringList, args);
    const Ran r = runProgram(program, args);
    QVERIFY2(r.code == 2, qPrintable(describe(r)));
    QVERIFY2(r.err.contains(QStringLiteral("bogus")), qPrintable(describe(r)));  // names what it refused
  }

  // `radeau-node write` once took unknown flags as part of the text; "--" still allows a text starting with "-".
  void nodeWriteTextAfterDoubleDash() {
    const Ran r = runProgram(QStringLiteral("radeau-node"),
                             {"write", "--to", "127.0.0.1:1", "--token", "t", "--", "--not-an-option"});
    QCOMPARE(r.code, 1);  // got as far as connecting (nothing listens on port 1)
    QVERIFY2(r.err.contains(QStringLiteral("cannot connect")), qPrintable(describe(r)));
  }

  void cliOptionWithEquals() {
    const Ran spaced = runProgram(QStringLiteral("radeau-cli"), {"run", "--default", "--seed", "7", "--until", "1s", "--transcript"});
    const Ran equals = runProgram(QStringLiteral("radeau-cli"), {"run", "--default", "--seed=7", "--until=1s", "--transcript"});
    QVERIFY2(spaced.code == 0, qPrintable(describe(spaced)));
    QVERIFY2(equals.code == 0, qPrintable(describe(equals)));
    QCOMPARE(equals.out, spaced.out);
    const Ran other = runProgram(QStringLiteral("radeau-cli"), {"run", "--default", "--seed=8", "--until=1s", "--transcript"});
    QVERIFY(other.out != spaced.out);  // the value after '=' is really used
    const Ran flag = runProgram(QStringLiteral("radeau-cli"), {"run", "--default", "--transcript=yes"});
    QCOMPARE(flag.code, 2);
    QVERIFY2(flag.err.contains(QStringLiteral("takes no value")), qPrintable(describe(flag)));
  }

  // radeau's command line: mistakes are refused, not silently ignored.
  void windowCommandLineMistakes_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("walkthrough without talk") << QStringList{"--walkthrough", "/tmp/x"} << "--walkthrough needs a talk";
    QTest::newRow("two files") << QStringList{"a.radeau", "b.radeau"} << "one file at a time";
    QTest::newRow("size without walkthrough") << QStringList{"--size", "1280x720"} << "--size goes with --walkthrough";
    QTest::newRow("missing file") << QStringList{"/nonexistent/demo.radeau-script"} << "/nonexistent/demo.radeau-script";
    QTest::newRow("missing talk") << QStringList{"/nonexistent/talk.radeau-talk"} << "/nonexistent/talk.radeau-talk";
  }
  void windowCommandLineMistakes() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Ran r = runProgram(QStringLiteral("radeau"), args);
    QVERIFY2(r.code == 2, qPrintable(describe(r)));
    QVERIFY2(r.err.contains(message), qPrintable(describe(r)));
  }

  // The window's --help speaks the language asked (the translator is installed before the options are described).
  void windowHelpInTheUsersLanguage() {
    const Ran fr = runProgram(QStringLiteral("radeau"), {"--help", "--lang", "fr"});
    QVERIFY2(fr.code == 0, qPrintable(describe(fr)));
    QVERIFY2(fr.out.contains(QStringLiteral("Ouvrir une présentation à sa première étape.")), qPrintable(fr.out));
    const Ran en = runProgram(QStringLiteral("radeau"), {"--help", "--lang", "en"});
    QVERIFY2(en.out.contains(QStringLiteral("Open a talk file at its first step.")), qPrintable(en.out));
  }
};

QTEST_GUILESS_MAIN(TestPrograms)
#include "test_programs.moc"

// The three programs as a user starts them (issue 17): --version, one table of
// exit codes (0 ok, 1 found something, 2 usage or input error), --opt=value,
// unknown options refused with a message, and mistakes on radeau's command
// line refused instead of ignored. Runs the built binaries.
#include <QProcess>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/version.h"

namespace {
struct Ran {
  int code = -1;
  QString out, err;
};

// The locale variables a program reads its language from (gettext's order).
const QStringList kLocaleVariables{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};

// Runs a built program in an English environment (whatever the tester's own
// locale) plus `extra_env` ("NAME=VALUE").
Ran runProgram(const QString& name, const QStringList& args, const QStringList& extra_env = {}) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  for (const QString& v : kLocaleVariables) env.remove(v);
  env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
  for (const QString& e : extra_env) env.insert(e.section(QLatin1Char('='), 0, 0), e.section(QLatin1Char('='), 1));
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
    QTest::newRow("radeau-node read") << "radeau-node" << QStringList{"read", "--to", "127.0.0.1:1", "--token", "t", "--bogus", "x"};
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

  // A read's key is checked before anything is sent, as the node would check it.
  void nodeReadRefusesAKeyThatIsNotOne() {
    const Ran r = runProgram(QStringLiteral("radeau-node"), {"read", "--to", "127.0.0.1:1", "--token", "t", "x=1"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("not '='")), qPrintable(describe(r)));
    const Ran ok = runProgram(QStringLiteral("radeau-node"), {"read", "--to", "127.0.0.1:1", "--token", "t", "x"});
    QCOMPARE(ok.code, 1);  // got as far as connecting
    QVERIFY2(ok.err.contains(QStringLiteral("cannot connect")), qPrintable(describe(ok)));
    const Ran zero = runProgram(QStringLiteral("radeau-node"), {"write", "--to", "127.0.0.1:1", "--token", "t", "--resend", "0", "x=1"});
    QCOMPARE(zero.code, 2);
    const Ran resend = runProgram(QStringLiteral("radeau-node"), {"read", "--to", "127.0.0.1:1", "--token", "t", "--resend", "3", "x"});
    QCOMPARE(resend.code, 2);  // a read is not resent
    QVERIFY2(resend.err.contains(QStringLiteral("resend")), qPrintable(describe(resend)));
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

  // A slide speaks the language asked: the finding's banner is core's words,
  // which the render library takes from the language main installed.
  void slidesInTheUsersLanguage() {
    QTemporaryDir dir;
    const QString rec = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/14a-without-sessions-retried-write-applied-twice.radeau");
    QString svg[2];
    const char* langs[2] = {"en", "fr"};
    for (int i = 0; i < 2; ++i) {
      const QString out = dir.filePath(QStringLiteral("slide-%1.svg").arg(langs[i]));
      const Ran r = runProgram(QStringLiteral("radeau-cli"), {"render", rec, "--at", "0.62s", "--lang", langs[i], "-o", out});
      QVERIFY2(r.code == 0, qPrintable(describe(r)));
      QFile f(out);
      QVERIFY(f.open(QIODevice::ReadOnly));
      svg[i] = QString::fromUtf8(f.readAll());
    }
    QVERIFY2(svg[0].contains(QStringLiteral("applied twice")), "the English slide names the finding");
    QVERIFY2(svg[1].contains(QStringLiteral("appliquée deux fois")), "the French slide names it in French");
    QVERIFY(!svg[1].contains(QStringLiteral("applied twice")));
  }

  // radeau-cli and radeau-node too (issue 17): --lang, else the environment's
  // locale. `french` is a word the English help cannot hold, `english` one of
  // the English help; French typography keeps a no-break space before ':'.
  void cliAndNodeHelpInTheUsersLanguage_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("french");
    QTest::addColumn<QString>("english");
    const QString cli = QStringLiteral("radeau-cli"), node = QStringLiteral("radeau-node");
    QTest::newRow("cli --help --lang fr") << cli << QStringList{"--help", "--lang", "fr"} << QStringList{}
                                          << "Les options prennent leur valeur" << "Options take their value";
    QTest::newRow("cli --lang=fr --help") << cli << QStringList{"--lang=fr", "--help"} << QStringList{}
                                          << "Les options prennent leur valeur" << "Options take their value";
    QTest::newRow("cli run --help, LANG=fr") << cli << QStringList{"run", "--help"} << QStringList{"LANG=fr_FR.UTF-8"}
                                             << "Simule un script de scénario" << "Simulates a scenario script";
    QTest::newRow("cli help state, LANGUAGE=fr") << cli << QStringList{"help", "state"} << QStringList{"LANGUAGE=fr:en"}
                                                 << "les minuteurs en cours" << "the running timers";
    QTest::newRow("cli render --help, LC_MESSAGES=fr") << cli << QStringList{"render", "--help"}
                                                       << QStringList{"LC_MESSAGES=fr_CA.UTF-8"}
                                                       << "diapositive" << "as a slide";
    QTest::newRow("node --help --lang fr") << node << QStringList{"--help", "--lang", "fr"} << QStringList{}
                                           << "dans son propre processus" << "One Raft node as a process";
    QTest::newRow("node --help, LANG=fr") << node << QStringList{"--help"} << QStringList{"LANG=fr_FR.UTF-8"}
                                          << "dans son propre processus" << "One Raft node as a process";
  }
  void cliAndNodeHelpInTheUsersLanguage() {
    QFETCH(QString, program);
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(QString, french);
    QFETCH(QString, english);
    const Ran fr = runProgram(program, args, env);
    QVERIFY2(fr.code == 0, qPrintable(describe(fr)));
    QVERIFY2(fr.out.contains(french), qPrintable(fr.out));
    QVERIFY2(!fr.out.contains(english), qPrintable(fr.out));
    QVERIFY2(fr.out.contains(QStringLiteral("utilisation\u00a0:")), qPrintable(fr.out));
    // English when asked, whatever the environment, and by default.
    const Ran asked = runProgram(program, args + QStringList{"--lang", "en"}, env);
    QStringList without_lang = args;  // the same command line without its --lang
    for (qsizetype i = without_lang.indexOf(QStringLiteral("--lang")); i >= 0; i = without_lang.indexOf(QStringLiteral("--lang")))
      without_lang.remove(i, 2);
    without_lang.removeAll(QStringLiteral("--lang=fr"));
    const Ran plain = runProgram(program, without_lang);
    for (const Ran& en : {asked, plain}) {
      QVERIFY2(en.code == 0, qPrintable(describe(en)));
      QVERIFY2(en.out.contains(english), qPrintable(en.out));
      QVERIFY2(!en.out.contains(french) && !en.out.contains(QStringLiteral("utilisation")), qPrintable(en.out));
    }
  }

  // Usage errors follow the language too; an unknown --lang is a usage error.
  void usageErrorsInTheUsersLanguage_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("french");
    QTest::addColumn<QString>("english");
    QTest::newRow("cli unknown option") << "radeau-cli" << QStringList{"run", "--default", "--bogus"}
                                        << QStringLiteral("radeau-cli run: option «\u00a0--bogus\u00a0» inconnue")
                                        << "radeau-cli run: unknown option '--bogus'";
    QTest::newRow("cli missing value") << "radeau-cli" << QStringList{"run", "--default", "--seed"}
                                       << "radeau-cli run: l'option --seed demande une valeur"
                                       << "radeau-cli run: option --seed needs a value";
    QTest::newRow("cli unknown command") << "radeau-cli" << QStringList{"frobnicate"}
                                         << QStringLiteral("radeau-cli: commande «\u00a0frobnicate\u00a0» inconnue")
                                         << "radeau-cli: unknown command 'frobnicate'";
    QTest::newRow("node missing option") << "radeau-node" << QStringList{"--name", "a"}
                                         << "radeau-node: --peers est obligatoire" << "radeau-node: --peers is required";
    QTest::newRow("window walkthrough without talk")
        << "radeau" << QStringList{"--walkthrough", "/tmp/x"}
        << "radeau: --walkthrough demande un talk (--talk FICHIER) (voir --help)"
        << "radeau: --walkthrough needs a talk (--talk FILE) (see --help)";
    QTest::newRow("window two files") << "radeau" << QStringList{"a.radeau", "b.radeau"}
                                      << QStringLiteral("radeau: un fichier à la fois (reçu 2)")
                                      << "radeau: one file at a time (got 2)";
  }
  void usageErrorsInTheUsersLanguage() {
    QFETCH(QString, program);
    QFETCH(QStringList, args);
    QFETCH(QString, french);
    QFETCH(QString, english);
    const Ran fr = runProgram(program, args, {"LANG=fr_FR.UTF-8"});
    QVERIFY2(fr.code == 2, qPrintable(describe(fr)));
    QVERIFY2(fr.err.contains(french), qPrintable(describe(fr)));
    const Ran en = runProgram(program, args);
    QVERIFY2(en.code == 2, qPrintable(describe(en)));
    QVERIFY2(en.err.contains(english), qPrintable(describe(en)));
  }

  void unknownLanguageIsUsageError() {
    for (const QString& program : {QStringLiteral("radeau-cli"), QStringLiteral("radeau-node")}) {
      const Ran r = runProgram(program, {"--help", "--lang", "klingon"});
      QVERIFY2(r.code == 2, qPrintable(describe(r)));
      QVERIFY2(r.err.contains(QStringLiteral("unknown language 'klingon' for --lang")), qPrintable(describe(r)));
    }
  }
};

QTEST_GUILESS_MAIN(TestPrograms)
#include "test_programs.moc"

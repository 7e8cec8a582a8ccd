// radeau-cli, called in-process (radeau::cli::main): usage errors and their
// exit code 2, --help, the transcript through the one formatter, the state
// JSON, --check, script errors with their location, soak, and the "done
// when" scenario of issue 2.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <fstream>
#include <sstream>

#include "app/cli/cli.h"
#include "support/cli_support.h"
#include "core/concepts.h"
#include "core/format.h"
#include "core/script.h"
#include "core/simulator.h"
#include "core/state_json.h"

using namespace radeau;

namespace {

using Result = test::CliResult;
using test::cliRun;

QString qs(const std::string& s) { return QString::fromStdString(s); }

std::string describe(const cli::Args& args, const Result& r) {
  std::string a;
  for (const auto& x : args) a += " " + x;
  return "radeau-cli" + a + "\nexit " + std::to_string(r.code) + "\nstdout:\n" + r.out.substr(0, 3000) +
         "\nstderr:\n" + r.err;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l)) out.push_back(l);
  return out;
}

QJsonObject readJson(const QString& path, QString& error) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    error = "cannot open " + path;
    return {};
  }
  QJsonParseError pe;
  QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
  if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
    error = "bad JSON: " + pe.errorString();
    return {};
  }
  return doc.object();
}

// The 5-node scenario of issue 2's "done when": full Raft, the leader
// crashes, a partition cuts the cluster and heals, the old leader comes
// back. Michel leads by construction: his timeout is forced before anyone's
// can end (150 ms). Writes go only to nodes that can reach a leader.
// Without check-quorum (rung 13): Paul, elected by 2 live nodes of 5, keeps
// "a=4" and "b=5" until the heal and every write lands; with it he steps down
// and they are refused at once (the client told to go elsewhere), rung 13's point.
const char* kDoneWhen = R"(# issue 2, done when: a leader crash and a partition that heals
title Leader crash and healed partition
nodes Michel Jean-Pierre Sophie Paul Luc
concepts full -pre-vote -check-quorum
seed 42
timing election 150ms..300ms heartbeat 50ms latency 10ms..20ms
at 100ms timeout Michel
at 500ms write Michel "x=1"
at 600ms write Sophie "y=2"
at 1s crash Michel
at 1.8s write Jean-Pierre "z=3"
at 2s partition Jean-Pierre Sophie | Paul Luc Michel
at 2.8s write Paul "a=4"
at 2.9s write Luc "b=5"
at 3.5s heal
at 4s restart Michel
at 4.5s write Sophie "c=6"
until 6s
)";

}  // namespace

class TestCli : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void usageErrors_data();
  void usageErrors();
  void help();
  void runDefaultPrintsSummary();
  void transcriptIsTheFormatterOutput();
  void transcriptSpeaksOnlyTheRungsWords();
  void stateJsonHasTheDocumentedShape();
  void stateJsonUnwritablePath();
  void checkExitCode_data();
  void checkExitCode();
  void scriptErrorsAreLocated_data();
  void scriptErrorsAreLocated();
  void seedAndUntilOptions();
  void soakCommand();
  void chaptersCommand();
  void doneWhenScenario();

 private:
  QString write(const QString& name, const std::string& text);
  QTemporaryDir dir_;
};

QString TestCli::write(const QString& name, const std::string& text) {
  QString path = dir_.filePath(name);
  std::ofstream f(path.toStdString(), std::ios::binary);
  f << text;
  return path;
}

void TestCli::initTestCase() { QVERIFY(dir_.isValid()); }

void TestCli::usageErrors_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("message");  // the first line of stderr
  QTest::newRow("no command") << QStringList{} << "radeau-cli: run and inspect Radeau Raft simulations";
  QTest::newRow("unknown command") << QStringList{"frobnicate"} << "radeau-cli: unknown command 'frobnicate'";
  QTest::newRow("unknown option") << QStringList{"run", "--default", "--bogus"}
                                  << "radeau-cli run: unknown option '--bogus'";
  QTest::newRow("missing script") << QStringList{"run"} << "radeau-cli run: expected one SCRIPT (or --default)";
  QTest::newRow("two scripts") << QStringList{"run", "a.radeau", "b.radeau"}
                               << "radeau-cli run: expected one SCRIPT (or --default)";
  QTest::newRow("unreadable script") << QStringList{"run", "/nonexistent/x.radeau"}
                                     << "radeau-cli run: cannot read /nonexistent/x.radeau: No such file or directory";
  QTest::newRow("bad --seed") << QStringList{"run", "--default", "--seed", "abc"}
                              << "radeau-cli run: --seed expects a non-negative integer, got 'abc'";
  QTest::newRow("negative --seed") << QStringList{"run", "--default", "--seed", "-5"}
                                   << "radeau-cli run: --seed expects a non-negative integer, got '-5'";
  QTest::newRow("--seed too large") << QStringList{"run", "--default", "--seed", "99999999999999999999999"}
                                    << "radeau-cli run: --seed is too large: '99999999999999999999999'";
  QTest::newRow("--seed without value") << QStringList{"run", "--default", "--seed"}
                                        << "radeau-cli run: option --seed needs a value";
  QTest::newRow("bad --until") << QStringList{"run", "--default", "--until", "5"}
                               << "radeau-cli run: malformed duration '5' for --until (use us, ms or s, e.g. 2.5s)";
  QTest::newRow("bad --until unit") << QStringList{"run", "--default", "--until", "3h"}
                                    << "radeau-cli run: malformed duration '3h' for --until (use us, ms or s, e.g. 2.5s)";
  QTest::newRow("--until without value") << QStringList{"run", "--default", "--until"}
                                         << "radeau-cli run: option --until needs a value";
  QTest::newRow("soak bad --runs") << QStringList{"soak", "--runs", "many"}
                                   << "radeau-cli soak: --runs expects a non-negative integer, got 'many'";
  QTest::newRow("soak --nodes 0") << QStringList{"soak", "--nodes", "0"}
                                  << "radeau-cli soak: --nodes must be between 1 and 9, got 0";
  QTest::newRow("soak --nodes 10") << QStringList{"soak", "--nodes", "10"}
                                   << "radeau-cli soak: --nodes must be between 1 and 9, got 10";
  QTest::newRow("soak bad --concepts") << QStringList{"soak", "--concepts", "full -bogus"}
                                       << "radeau-cli soak: --concepts: unknown concept 'bogus'";
  QTest::newRow("soak stray argument") << QStringList{"soak", "extra"}
                                       << "radeau-cli soak: unexpected argument 'extra'";
  QTest::newRow("soak unknown option") << QStringList{"soak", "--fast"} << "radeau-cli soak: unknown option '--fast'";
  QTest::newRow("chapters argument") << QStringList{"chapters", "5"} << "radeau-cli chapters: takes no argument";
}

void TestCli::usageErrors() {
  QFETCH(QStringList, args);
  QFETCH(QString, message);
  cli::Args a;
  for (const QString& s : args) a.push_back(s.toStdString());
  Result r = cliRun(a);
  QVERIFY2(r.code == 2, describe(a, r).c_str());
  QVERIFY2(!r.err.empty(), describe(a, r).c_str());
  QCOMPARE(qs(lines(r.err)[0]), message);
  QVERIFY2(r.out.empty(), describe(a, r).c_str());
  // Usage mistakes (not bad input files) show the usage too.
  if (args.isEmpty() || args[0] == "frobnicate") QVERIFY(r.err.find("usage:") != std::string::npos);
}

void TestCli::help() {
  for (const char* flag : {"--help", "-h", "help"}) {
    Result r = cliRun({flag});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.empty());
    QVERIFY(r.out.find("usage:") != std::string::npos);
    for (const char* cmd : {"radeau-cli run SCRIPT", "--state-json FILE", "--check", "radeau-cli soak --runs N",
                            "radeau-cli chapters", "radeau-cli --help"})
      QVERIFY2(r.out.find(cmd) != std::string::npos, cmd);
  }
  // Each command's own help: `radeau-cli COMMAND --help` or `radeau-cli help COMMAND`.
  for (const char* cmd : {"run", "soak", "chapters", "record", "info", "state", "export", "check", "verify", "render"}) {
    for (const cli::Args& a : {cli::Args{cmd, "--help"}, cli::Args{cmd, "-h"}, cli::Args{"help", cmd}}) {
      Result r = cliRun(a);
      QCOMPARE(r.code, 0);
      QVERIFY(r.err.empty());
      QVERIFY2(r.out.rfind(std::string("usage: radeau-cli ") + cmd, 0) == 0, r.out.c_str());
      QVERIFY2(r.out.find("Exit status") != std::string::npos, r.out.c_str());
    }
  }
  // After "--", "--help" is an argument (a file name), not a request for help.
  Result r = cliRun({"info", "--", "--help"});
  QCOMPARE(r.code, 2);
  // --lang (chosen by the program's main) is accepted before the command and by every command.
  QCOMPARE(cliRun({"--lang", "en", "chapters"}).code, 0);
  QCOMPARE(cliRun({"chapters", "--lang=en"}).code, 0);
}

void TestCli::runDefaultPrintsSummary() {
  Result r = cliRun({"run", "--default"});
  QVERIFY2(r.code == 0, describe({"run", "--default"}, r).c_str());
  auto l = lines(r.out);
  QVERIFY(l.size() >= 8);
  QCOMPARE(qs(l[0]), QString("== Elect, write, crash, recover"));
  QVERIFY(l[1].rfind("seed 42, concepts full, ", 0) == 0);
  for (const char* n : {"  Michel: ", "  Jean-Pierre: ", "  Sophie: ", "  Paul: ", "  Luc: "})
    QVERIFY2(r.out.find(n) != std::string::npos, n);
  QVERIFY(r.out.find("checker: ") != std::string::npos);
}

// --transcript prints one line per event, exactly the formatter's lines.
void TestCli::transcriptIsTheFormatterOutput() {
  Result r = cliRun({"run", "--default", "--transcript"});
  QCOMPARE(r.code, 0);
  ScriptError e;
  auto sc = parseScenario(defaultScenarioText(), "(built-in default)", e);
  QVERIFY2(sc.has_value(), e.toString().c_str());
  Simulator sim(sc->config);
  sim.schedule(sc->actions);
  sim.runUntil(sc->until_us);
  sim.finish();
  EventFormatter fmt(sc->config.names, sim.journal());
  auto out = lines(r.out);
  const Journal& j = sim.journal();
  QVERIFY2(out.size() > j.size(), "fewer lines than events");
  for (Seq i = 0; i < j.size(); ++i)
    QVERIFY2(out[i] == fmt.line(j[i], i), ("line " + std::to_string(i) + ":\n" + out[i] + "\n" + fmt.line(j[i], i)).c_str());
  QCOMPARE(qs(out[j.size()]), QString("== Elect, write, crash, recover"));
  // The transcript names messages in the author's words.
  for (const char* word : {"voteRequest", "voteResponse", "logRequest", "logResponse", "becomes leader", "crashes"})
    QVERIFY2(r.out.find(word) != std::string::npos, word);
}

// Issue 12: what a rung has not introduced is not shown (core/vocabulary.h).
// Rung 3 says nothing of terms or nextIndex/matchIndex; terms come with rung
// 7, entry terms with 9, "next N, match M" with 10; a flag switched on in the
// middle of a run changes the words from that event on.
void TestCli::transcriptSpeaksOnlyTheRungsWords() {
  auto transcript = [](const char* script) {
    const std::string path = std::string(RADEAU_SOURCE_DIR "/recordings/scenarios/") + script + ".radeau-script";
    Result r = cliRun({"run", path, "--transcript"});
    return r.out;
  };
  const QRegularExpression term("\\bterm\\b"), progress("\\bnext \\d+, match \\d+"),
      entry_term("appends \\d+ \\(term \\d+, "), length("last entry \\d+");
  auto has = [](const std::string& text, const QRegularExpression& re) { return qs(text).contains(re); };
  const std::string early = transcript("03a-write-on-leader-replicated");
  QVERIFY(early.find("logResponse, success") != std::string::npos);
  QVERIFY2(!has(early, term) && !has(early, progress) && early.find("match") == std::string::npos, early.c_str());
  QVERIFY(early.find("Jean-Pierre holds 1 entry") != std::string::npos);  // what the leader learnt, in rung 3's words
  const std::string candidate = transcript("05b-candidate-lagging-node-elected");
  QVERIFY(!has(candidate, term) && !has(candidate, length) && candidate.find("votes for") != std::string::npos);
  QVERIFY(has(transcript("06a-log-length-vote-lagging-node-refused"), length));
  const std::string terms = transcript("07a-terms-reconnect-old-leader-steps-down");
  QVERIFY(has(terms, term) && !has(terms, entry_term) && !has(terms, progress));
  QVERIFY(has(transcript("09c-entry-terms-unshared-entries-deleted"), entry_term));
  const std::string incremental = transcript("10b-incremental-only-missing-entries");
  QVERIFY(has(incremental, progress) && has(incremental, entry_term));
  QVERIFY(!has(transcript("10a-whole-log-every-heartbeat"), progress));
  // A flag switched on mid-run: its words from the ConceptsChanged on.
  const QString script = write("mid-run.radeau", "nodes Michel Jean-Pierre Sophie\nconcepts chapter 3\nseed 1\n"
                                                 "at 300ms concepts chapter 7\nuntil 1s\n");
  Result r = cliRun({"run", script.toStdString(), "--transcript"});
  QCOMPARE(r.code, 0);
  const size_t change = r.out.find("concepts: chapter 7");
  QVERIFY(change != std::string::npos);
  QVERIFY(!has(r.out.substr(0, change), term));
  QVERIFY(has(r.out.substr(change), term));
}

void TestCli::stateJsonHasTheDocumentedShape() {
  const std::string text = R"(nodes Michel Jean-Pierre Sophie
seed 3
timing election 150ms..300ms heartbeat 50ms latency 10ms
at 100ms timeout Michel
at 500ms write Michel "x=1"
at 600ms write Sophie "say \"hi\""
at 1s crash Sophie
at 1.2s write Sophie "lost"
until 2s
)";
  const QString script = write("state.radeau", text);
  const QString json = dir_.filePath("state.json");
  cli::Args args = {"run", script.toStdString(), "--state-json", json.toStdString()};
  Result r = cliRun(args);
  QVERIFY2(r.code == 0, describe(args, r).c_str());
  QString error;
  QJsonObject o = readJson(json, error);
  QVERIFY2(error.isEmpty(), qPrintable(error));
  QCOMPARE(o.value("time_us").toInteger(), qint64(2'000'000));
  const QJsonArray nodes = o.value("nodes").toArray();
  QCOMPARE(nodes.size(), 3);
  const QStringList names = {"Michel", "Jean-Pierre", "Sophie"};
  for (int i = 0; i < 3; ++i) {
    const QJsonObject n = nodes[i].toObject();
    for (const char* key : {"name", "alive", "role", "term", "votedFor", "commitIndex", "log"})
      QVERIFY2(n.contains(key), key);
    QCOMPARE(n.value("name").toString(), names[i]);
    QCOMPARE(n.value("term").toInt(), 1);
    QVERIFY(n.value("votedFor").toString() == "Michel");
  }
  const QJsonObject michel = nodes[0].toObject(), sophie = nodes[2].toObject();
  QCOMPARE(michel.value("alive").toBool(), true);
  QCOMPARE(michel.value("role").toString(), QString("leader"));
  QCOMPARE(nodes[1].toObject().value("role").toString(), QString("follower"));
  QCOMPARE(sophie.value("alive").toBool(), false);
  QCOMPARE(sophie.value("role").toString(), QString("follower"));
  QCOMPARE(michel.value("commitIndex").toInt(), 3);
  QCOMPARE(sophie.value("commitIndex").toInt(), 0);  // volatile: lost in the crash
  const QJsonArray log = michel.value("log").toArray();
  QCOMPARE(log.size(), 3);
  QCOMPARE(log[0].toObject().value("term").toInt(), 1);
  QVERIFY(log[0].toObject().value("value").isNull());  // the leader's no-op
  QCOMPARE(log[1].toObject().value("value").toString(), QString("x=1"));
  QCOMPARE(log[2].toObject().value("value").toString(), QString("say \"hi\""));
  QCOMPARE(sophie.value("log").toArray(), log);  // persisted through the crash
  // The write to the crashed node failed: a finding (availability, not safety).
  const QJsonArray v = o.value("violations").toArray();
  QCOMPARE(v.size(), 1);
  const QJsonObject f = v[0].toObject();
  QCOMPARE(f.value("kind").toString(), QString("write-failed"));
  QCOMPARE(f.value("time_us").toInteger(), qint64(1'200'000));
  QCOMPARE(f.value("detail").toString(), QString("write \"lost\" failed on Sophie"));
  // votedFor is null when a node voted for nobody.
  const QString json2 = dir_.filePath("state2.json");
  const QString script2 = write("novote.radeau", "nodes 2\nuntil 100ms\n");
  QCOMPARE(cliRun({"run", script2.toStdString(), "--state-json", json2.toStdString()}).code, 0);
  o = readJson(json2, error);
  QVERIFY2(error.isEmpty(), qPrintable(error));
  QVERIFY(o.value("nodes").toArray()[0].toObject().value("votedFor").isNull());
  QCOMPARE(o.value("violations").toArray().size(), 0);
}

void TestCli::stateJsonUnwritablePath() {
  cli::Args args = {"run", "--default", "--state-json", "/nonexistent-dir/state.json"};
  Result r = cliRun(args);
  QVERIFY2(r.code == 2, describe(args, r).c_str());
  QVERIFY2(r.err.rfind("radeau-cli run: cannot write /nonexistent-dir/state.json", 0) == 0, r.err.c_str());
}

void TestCli::checkExitCode_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("flag");
  QTest::addColumn<int>("code");
  const QString everyone = "nodes 3\nconcepts chapter 2\nat 100ms write Michel \"A\"\nat 200ms write Jean-Pierre \"B\"\nuntil 1s\n";
  const QString healthy = "nodes 3\nconcepts full\nat 1s write Michel \"A\"\nuntil 3s\n";
  // Full Raft, a write on the minority side: never answered, but nothing unsafe.
  const QString minority = "nodes 3\nconcepts full\nat 1s isolate Michel\nat 1.5s write Michel \"A\"\nuntil 3s\n";
  QTest::newRow("chapter 2, two writers, --check") << everyone << "--check" << 1;
  QTest::newRow("chapter 2, two writers, no --check") << everyone << "" << 0;
  QTest::newRow("full Raft, --check") << healthy << "--check" << 0;
  QTest::newRow("full Raft, minority write, --check") << minority << "--check" << 0;
  QTest::newRow("full Raft, minority write, --check-availability") << minority << "--check-availability" << 1;
}

void TestCli::checkExitCode() {
  QFETCH(QString, text);
  QFETCH(QString, flag);
  QFETCH(int, code);
  const QString script = write("check.radeau", text.toStdString());
  cli::Args args = {"run", script.toStdString()};
  if (!flag.isEmpty()) args.push_back(flag.toStdString());
  Result r = cliRun(args);
  QVERIFY2(r.code == code, describe(args, r).c_str());
  if (text.contains("isolate")) {
    // The minority write is reported either way; only the exit status differs.
    QVERIFY2(r.out.find("checker: 1.500000s write \"A\" failed on Michel") != std::string::npos,
             r.out.c_str());
    if (code == 1)
      QVERIFY2(r.err.find("0 of them safety (seed 1)") != std::string::npos, r.err.c_str());
  } else if (code == 1) {
    QVERIFY2(r.err.find("safety problem(s)") != std::string::npos && r.err.find("(seed 1)") != std::string::npos,
             r.err.c_str());
    QVERIFY(r.out.find("checker: 0.000000s 2 leaders at once: Michel and Jean-Pierre") != std::string::npos);
    QVERIFY(r.out.find("logs diverge at index 1: Michel and Jean-Pierre hold different entries") != std::string::npos);
  } else if (flag.isEmpty()) {
    QVERIFY(r.out.find("checker: ") != std::string::npos);
  } else {
    QVERIFY(r.out.find("checker: no finding") != std::string::npos);
  }
}

void TestCli::scriptErrorsAreLocated_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("where");    // ":line:column" after the file name
  QTest::addColumn<QString>("message");
  QTest::newRow("unknown node") << "nodes 3\nat 1s crash Bob\n" << ":2:13"
                                << "unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie)";
  QTest::newRow("time backwards") << "nodes 3\nat 2s crash Michel\nat 1s crash Sophie\n" << ":3:4"
                                  << "time goes backwards: 1s is before 2s";
  QTest::newRow("unknown concept") << "nodes 3\nconcepts full -bogus\n" << ":2:15" << "unknown concept 'bogus'";
  QTest::newRow("unknown command") << "nodes 3\n\nfly away\n" << ":3:1" << "unknown command 'fly'";
  // A typo in an expectation is a script error (exit 2), not an outcome that did not happen (exit 1).
  QTest::newRow("expect typo") << "nodes 3\nuntil 1s\nexpect leader Michel\nexpect no-findng\n" << ":4:8"
                               << "in 'expect': unknown check 'no-findng' (see recordings/scenarios/README.md)";
  QTest::newRow("expect unknown node") << "nodes 3\nexpect at 500ms role Bob leader\n" << ":2:22"
                                       << "in 'expect': unknown node 'Bob'";
}

void TestCli::scriptErrorsAreLocated() {
  QFETCH(QString, text);
  QFETCH(QString, where);
  QFETCH(QString, message);
  const QString script = write("bad.radeau", text.toStdString());
  cli::Args args = {"run", script.toStdString(), "--check"};
  Result r = cliRun(args);
  QVERIFY2(r.code == 2, describe(args, r).c_str());
  QCOMPARE(qs(r.err), script + where + ": " + message + "\n");
  QVERIFY(r.out.empty());  // a script with an error does not run
}

void TestCli::seedAndUntilOptions() {
  Result a = cliRun({"run", "--default", "--seed", "7", "--until", "1.5s"});
  QCOMPARE(a.code, 0);
  QVERIFY2(a.out.find("seed 7, concepts full, ") != std::string::npos, a.out.c_str());
  QVERIFY2(a.out.find(" events up to 1.500000s") != std::string::npos, a.out.c_str());
  // --until cuts the transcript there.
  Result t = cliRun({"run", "--default", "--transcript", "--until", "250ms"});
  QCOMPARE(t.code, 0);
  for (const std::string& l : lines(t.out)) {
    if (l.rfind("== ", 0) == 0) break;
    const double secs = std::stod(l.substr(0, l.find('s')));
    QVERIFY2(secs <= 0.25, l.c_str());
  }
}

void TestCli::soakCommand() {
  Result ok = cliRun({"soak", "--runs", "30", "--seed", "5"});
  QVERIFY2(ok.code == 0, ok.out.c_str());
  QVERIFY2(ok.out.rfind("30 runs (seeds 5..34), ", 0) == 0, ok.out.c_str());
  QVERIFY(ok.out.find(", 0 with violations, ") != std::string::npos);
  // A broken variant: each violation printed with its seed and the command that reproduces it.
  Result bad = cliRun({"soak", "--runs", "3", "--concepts", "full -persistence"});
  QVERIFY2(bad.code == 1, bad.out.c_str());
  QVERIFY2(bad.out.find("seed 1: ") != std::string::npos, bad.out.c_str());
  QVERIFY(bad.out.find("reproduce with: radeau-cli soak --runs 1 --seed 1 --nodes 5 --concepts \"full -persistence\"") !=
          std::string::npos);
  QVERIFY(bad.out.find("committed entry") != std::string::npos);
  // The printed command does reproduce it.
  Result again = cliRun({"soak", "--runs", "1", "--seed", "1", "--nodes", "5", "--concepts", "full -persistence"});
  QCOMPARE(again.code, 1);
  QVERIFY(again.out.find("seed 1: ") != std::string::npos);
}

void TestCli::chaptersCommand() {
  Result r = cliRun({"chapters"});
  QCOMPARE(r.code, 0);
  QVERIFY(r.out.rfind("1. One node (one-node), 1 node", 0) == 0);
  QVERIFY(r.out.find("\n11. Commit (commit), 5 nodes") != std::string::npos);
  // Each flag's rule, once, under the rung that adds it (the Rules tab's words).
  for (int i = 0; i < kConceptCount; ++i) {
    const std::string line = std::string(conceptName(Concept(i))) + ": " + std::string(conceptDescription(Concept(i))) + "\n";
    QVERIFY2(r.out.find(line) != std::string::npos && r.out.find(line) == r.out.rfind(line), line.c_str());
  }
  QVERIFY(r.out.find("adds: election\n      election: A node whose timer fires") != std::string::npos);
  // A soak line that reproduces: the faults a flag needs go with its spec.
  QVERIFY(r.out.find("soak: \"full -membership\" --membership\n") != std::string::npos);
  QVERIFY(r.out.find("soak: \"full -read-index -lease -check-quorum\" --reads\n") != std::string::npos);
}

// Issue 2, "done when": a 5-node full-Raft script with a leader crash and a
// partition that heals ends with exactly one leader in the highest term,
// every live node's log equal, and no violation.
void TestCli::doneWhenScenario() {
  const QString script = write("done-when.radeau", kDoneWhen);
  // Michel does lead when he crashes.
  const QString before = dir_.filePath("before.json");
  QCOMPARE(cliRun({"run", script.toStdString(), "--until", "999ms", "--state-json", before.toStdString()}).code, 0);
  QString error;
  QJsonObject o = readJson(before, error);
  QVERIFY2(error.isEmpty(), qPrintable(error));
  QCOMPARE(o.value("nodes").toArray()[0].toObject().value("role").toString(), QString("leader"));
  // The whole run, checked.
  const QString json = dir_.filePath("done-when.json");
  cli::Args args = {"run", script.toStdString(), "--check", "--transcript", "--state-json", json.toStdString()};
  Result r = cliRun(args);
  QVERIFY2(r.code == 0, describe(args, r).c_str());
  QVERIFY(r.out.find("Michel crashes") != std::string::npos);
  QVERIFY(r.out.find("partition: Jean-Pierre, Sophie | Michel, Paul, Luc") != std::string::npos);
  o = readJson(json, error);
  QVERIFY2(error.isEmpty(), qPrintable(error));
  QCOMPARE(o.value("violations").toArray().size(), 0);
  const QJsonArray nodes = o.value("nodes").toArray();
  QCOMPARE(nodes.size(), 5);
  int leaders = 0, leader_term = -1, highest = 0;
  QJsonArray log;
  bool first_live = true;
  for (const QJsonValue& v : nodes) {
    const QJsonObject n = v.toObject();
    highest = std::max(highest, n.value("term").toInt());
    QVERIFY2(n.value("alive").toBool(), qPrintable(n.value("name").toString()));
    if (n.value("role").toString() == "leader") {
      ++leaders;
      leader_term = n.value("term").toInt();
    }
    if (first_live) log = n.value("log").toArray();
    QVERIFY2(n.value("log").toArray() == log, qPrintable(n.value("name").toString() + " has another log"));
    first_live = false;
  }
  QCOMPARE(leaders, 1);
  QCOMPARE(leader_term, highest);
  QVERIFY2(highest >= 2, "the crash must have caused a new election");
  // Every write made it into the common log.
  QStringList values;
  for (const QJsonValue& e : log)
    if (!e.toObject().value("value").isNull()) values << e.toObject().value("value").toString();
  QCOMPARE(values, (QStringList{"x=1", "y=2", "z=3", "a=4", "b=5", "c=6"}));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"

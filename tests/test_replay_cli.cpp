// radeau-cli's recording commands: record, info, state, export, check, verify.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <sstream>

#include "app/cli/cli.h"
#include "support/cli_support.h"
#include "core/script.h"
#include "core/state_json.h"
#include "replay/recording_file.h"
#include "replay/run.h"

using namespace radeau;

namespace {

using Result = test::CliResult;
Result runCli(const std::vector<std::string>& args) { return test::cliRun(args); }

QJsonObject parse(const std::string& text) {
  QJsonParseError e;
  QJsonDocument d = QJsonDocument::fromJson(QByteArray::fromStdString(text), &e);
  if (d.isNull()) qWarning("bad JSON: %s", qPrintable(e.errorString()));
  return d.object();
}

// What `run --state-json` and `state --json` have in common: `state` adds the
// messages in flight, the timers and each node's votes and leader; `run`
// ends its run at T, so its checker adds the writes still unanswered then.
QJsonObject common(QJsonObject o) {
  o.remove("messages");
  o.remove("timers");
  QJsonArray nodes;
  for (const QJsonValue& v : o["nodes"].toArray()) {
    QJsonObject n = v.toObject();
    n.remove("votes");
    n.remove("leader");
    nodes.append(n);
  }
  o["nodes"] = nodes;
  QJsonArray violations;
  for (const QJsonValue& v : o["violations"].toArray())
    if (v.toObject()["kind"].toString() != "write-never-acked") violations.append(v);
  o["violations"] = violations;
  return o;
}

std::string readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll().toStdString();
}

void writeText(const QString& path, const std::string& text) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  f.write(text.data(), qint64(text.size()));
}

}  // namespace

class TestReplayCli : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string path(const char* name) { return dir_.filePath(name).toStdString(); }

 private slots:
  void recordThenStateEqualsRun() {
    std::string rec = path("default.radeau");
    Result r = runCli({"record", "--default", "-o", rec});
    QVERIFY2(r.code == 0, r.err.c_str());
    QVERIFY(r.out.find("bytes/event") != std::string::npos);
    for (const char* t : {"0ms", "350ms", "1s", "1.5s", "1.712345s", "2.6s", "4s"}) {
      std::string json = path("run.json");
      Result a = runCli({"run", "--default", "--until", t, "--quiet", "--state-json", json});
      QVERIFY2(a.code == 0, a.err.c_str());
      Result b = runCli({"state", rec, "--at", t, "--json"});
      QVERIFY2(b.code == 0, b.err.c_str());
      QJsonObject from_run = parse(readAll(QString::fromStdString(json)));
      QJsonObject from_state = parse(b.out);
      QVERIFY(!from_run.isEmpty() && !from_state.isEmpty());
      QVERIFY(from_state.contains("messages") && from_state.contains("timers"));
      QVERIFY2(common(from_run) == common(from_state),
               qPrintable(QString("at %1 (seed 42):\nrun:   %2\nstate: %3")
                              .arg(t, QJsonDocument(common(from_run)).toJson(QJsonDocument::Compact),
                                   QJsonDocument(common(from_state)).toJson(QJsonDocument::Compact))));
    }
    // Between two events the messages in flight and timers are those of that instant.
    Result mid = runCli({"state", rec, "--at", "1.0051s", "--json"});
    QJsonObject m = parse(mid.out);
    QCOMPARE(m["time_us"].toInteger(), 1'005'100);
    QVERIFY(!m["messages"].toArray().isEmpty());
    for (const QJsonValue& v : m["messages"].toArray()) {
      QVERIFY(v.toObject()["sent_us"].toInteger() <= 1'005'100);
      QVERIFY(v.toObject()["deliver_us"].toInteger() >= 1'005'100);
    }
    // Rung 13's check-quorum gives the leader an election timer of its own: 6, not 5.
    QCOMPARE(m["timers"].toArray().size(), 6);
  }

  void stateAtAnEventOfABranch() {
    ScriptError err;
    auto s = parseScenario(defaultScenarioText(), "default", err);
    Run run(s->config, s->actions, s->until_us);
    Action c;
    c.kind = ActionKind::Crash;
    c.node = 3;
    run.act(0, 1'100'000, c);
    run.renameBranch(1, "Paul tombe");
    std::string rec = path("branches.radeau");
    std::string error;
    QVERIFY2(saveRecording(run, QString::fromStdString(rec), error), error.c_str());
    Seq n = run.branch(1).fork_seq + 20;
    std::string expected = stateToJson(run.config(), run.journal(1), run.projection(1).stateAfter(n + 1), true);
    for (const char* b : {"1", "Paul tombe"}) {
      Result r = runCli({"state", rec, "--event", std::to_string(n), "--branch", b, "--json"});
      QVERIFY2(r.code == 0, r.err.c_str());
      QCOMPARE(r.out, expected);
    }
    Result text = runCli({"state", rec, "--event", "10"});
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.find("messages in flight") != std::string::npos);
    Result info = runCli({"info", rec});
    QCOMPARE(info.code, 0);
    QVERIFY2(info.out.find("branches: 2") != std::string::npos, info.out.c_str());
    QVERIFY(info.out.find("\"Paul tombe\": forked from 0 \"main\" at 1.100000s") != std::string::npos);
    QVERIFY(info.out.find("5 nodes (Michel, Jean-Pierre, Sophie, Paul, Luc)") != std::string::npos);
    Result v = runCli({"verify", rec});
    QVERIFY2(v.code == 0, (v.out + v.err).c_str());
    QVERIFY(v.out.find("reproduced byte for byte") != std::string::npos);
    // Branch errors.
    Result nob = runCli({"state", rec, "--at", "1s", "--branch", "nope"});
    QCOMPARE(nob.code, 2);
    QVERIFY(nob.err.find("no branch 'nope' (branches: 0 \"main\", 1 \"Paul tombe\")") != std::string::npos);
    Result far = runCli({"state", rec, "--event", "99999999"});
    QCOMPARE(far.code, 2);
    QVERIFY(far.err.find("past the branch's last event") != std::string::npos);
  }

  void exportIsReadableJson() {
    std::string rec = path("export.radeau");
    QCOMPARE(runCli({"record", "--default", "--until", "1s", "-o", rec}).code, 0);
    Result r = runCli({"export", rec, "--json"});
    QVERIFY2(r.code == 0, r.err.c_str());
    QJsonObject o = parse(r.out);
    QCOMPARE(o["seed"].toInteger(), 42);
    QJsonArray branches = o["branches"].toArray();
    QCOMPARE(branches.size(), 1);
    QJsonArray events = branches[0].toObject()["events"].toArray();
    std::string error;
    auto loaded = loadRecordingFile(QString::fromStdString(rec), error);
    QVERIFY(loaded);
    QCOMPARE(size_t(events.size()), loaded->journals[0].size());
    QJsonObject e0 = events[0].toObject();
    QVERIFY(!e0["kind"].toString().isEmpty());
    QVERIFY(!e0["text"].toString().isEmpty());
    QCOMPARE(e0["seq"].toInt(), 0);
    // One event per line: diff-friendly.
    QVERIFY(std::count(r.out.begin(), r.out.end(), '\n') > events.size());
    // JSON is the default; every branch key in one style (snake_case, units last).
    Result plain = runCli({"export", rec});
    QVERIFY2(plain.code == 0, plain.err.c_str());
    QCOMPARE(plain.out, r.out);
    const QJsonObject b0 = branches[0].toObject();
    for (const char* key : {"id", "name", "parent", "fork_seq", "fork_time_us", "end_us", "actions", "events"})
      QVERIFY2(b0.contains(QLatin1String(key)), key);
    for (const QString& key : b0.keys()) QVERIFY2(key == key.toLower(), qPrintable(key));
  }

  // The actions export --json lists are script lines (formatAction): each
  // parses back, with the recording's nodes, to the recorded input.
  void exportedActionsAreScriptLines() {
    std::string script = path("actions.radeau-script");
    writeText(QString::fromStdString(script),
              "nodes Michel Jean-Pierre Sophie\n"
              "at 300ms write Michel \"say \\\"hi\\\"\"\n"
              "at 400ms partition Michel | Jean-Pierre Sophie\n"
              "at 500ms heal\n"
              "at 600ms cut Michel Sophie\n"
              "at 700ms heal Michel Sophie\n"
              "at 800ms concepts -persistence\n"
              "until 1s\n");
    std::string rec = path("actions.radeau");
    Result made = runCli({"record", script, "-o", rec});
    QVERIFY2(made.code == 0, made.err.c_str());
    Result r = runCli({"export", rec, "--json"});
    QVERIFY2(r.code == 0, r.err.c_str());
    QJsonObject o = parse(r.out);
    std::string nodes = "nodes";
    for (const QJsonValue& n : o["nodes"].toArray()) {
      nodes += ' ';  // appended: GCC 12 warns (-Wrestrict, falsely) about " " + std::string
      nodes += n.toString().toStdString();
    }
    const QJsonArray inputs = o["inputs"].toArray();
    QCOMPARE(inputs.size(), 6);
    ScriptError error;
    auto original = parseScenario(readAll(QString::fromStdString(script)), "actions", error);
    QVERIFY(original);
    for (qsizetype i = 0; i < inputs.size(); ++i) {
      const std::string line = inputs[i].toString().toStdString();
      auto one = parseScenario(nodes + "\n" + line + "\n", "export", error);
      QVERIFY2(one, (line + ": " + error.toString()).c_str());
      QVERIFY2(one->actions.size() == 1, line.c_str());
      Action a = one->actions[0], want = original->actions[size_t(i)];
      a.line = want.line = 0;
      QVERIFY2(a == want, line.c_str());
    }
  }

  void checkReportsSafetyFindings() {
    std::string ok = path("ok.radeau");
    QCOMPARE(runCli({"record", "--default", "-o", ok}).code, 0);
    Result r = runCli({"check", ok});
    QVERIFY2(r.code == 0, (r.out + r.err).c_str());
    QVERIFY(r.out.find("no safety finding") != std::string::npos);
    // Everyone is leader: two leaders at once, a safety finding.
    QString script = dir_.filePath("everyone.txt");
    writeText(script, "nodes 3\nconcepts chapter 2\nseed 3\nat 100ms write Michel \"a\"\nuntil 500ms\n");
    std::string bad = path("everyone.radeau");
    Result rec = runCli({"record", script.toStdString(), "-o", bad});
    QVERIFY2(rec.code == 0, rec.err.c_str());
    Result c = runCli({"check", bad});
    QCOMPARE(c.code, 1);
    QVERIFY2(c.out.find("SAFETY") != std::string::npos && c.out.find("two-leaders") != std::string::npos,
             c.out.c_str());
    QVERIFY(c.err.find("safety finding") != std::string::npos);
  }

  void verifyNoticesADifference() {
    ScriptError err;
    auto s = parseScenario(defaultScenarioText(), "default", err);
    Run run(s->config, s->actions, 2'000'000);
    Recording rec = recordingOf(run);
    rec.config.seed = 43;  // the journal no longer follows from the stored inputs
    std::string file = path("tampered.radeau");
    writeText(QString::fromStdString(file), encodeRecording(rec).toStdString());
    Result v = runCli({"verify", file});
    QCOMPARE(v.code, 1);
    QVERIFY2(v.out.find("DIFFERS from event #") != std::string::npos, v.out.c_str());
    QVERIFY(v.err.find("seed 43") != std::string::npos);
  }

  void usageAndInputErrors() {
    std::string rec = path("u.radeau");
    QCOMPARE(runCli({"record", "--default", "--until", "300ms", "-o", rec}).code, 0);
    struct Case {
      std::vector<std::string> args;
      const char* message;
    };
    std::vector<Case> cases = {
        {{"record", "--default"}, "expected -o FILE.radeau"},
        {{"record", "-o", rec}, "expected one SCRIPT"},
        {{"record", "--default", "-o", rec, "--until", "soon"}, "malformed duration 'soon'"},
        {{"record", "--default", "-o", path("nodir/x.radeau")}, "cannot write"},
        {{"info"}, "expected a recording FILE"},
        {{"info", rec, rec}, "expected one recording FILE"},
        {{"info", path("missing.radeau")}, "cannot read"},
        {{"state", rec}, "give exactly one of --at T or --event N"},
        {{"state", rec, "--at", "1s", "--event", "3"}, "give exactly one of --at T or --event N"},
        {{"state", rec, "--at", "later"}, "malformed duration 'later'"},
        // What the user typed goes back to their terminal cleaned: an escape is shown, not sent.
        {{"state", rec, "--at", "la\x1bter"}, "malformed duration 'la\\x1bter' for --at"},
        {{"state", rec, "--event", "-3"}, "--event expects a non-negative integer, got '-3'"},
        {{"state", rec, "--event", "x"}, "--event expects a non-negative integer"},
        {{"state", rec, "--at"}, "option --at needs a value"},
        {{"check", rec, "--fast"}, "unknown option '--fast'"},
        {{"verify"}, "expected a recording FILE"},
        {{"export", rec, "--csv"}, "unknown option '--csv'"},
    };
    for (const Case& c : cases) {
      Result r = runCli(c.args);
      std::string line;
      for (const auto& a : c.args) line += a + " ";
      QVERIFY2(r.code == 2, (line + "→ " + std::to_string(r.code)).c_str());
      QVERIFY2(r.err.find(c.message) != std::string::npos, (line + "→ " + r.err).c_str());
    }
    // A damaged file: exit 2, the file and the byte named.
    std::string damaged = RADEAU_SOURCE_DIR "/tests/data/damaged/time-backwards.radeau";
    for (const char* cmd : {"info", "check", "verify"}) {
      Result r = runCli({cmd, damaged});
      QCOMPARE(r.code, 2);
      QVERIFY2(r.err.find("time-backwards.radeau: byte ") != std::string::npos &&
                   r.err.find("time goes backwards") != std::string::npos,
               r.err.c_str());
    }
  }
};

QTEST_GUILESS_MAIN(TestReplayCli)
#include "test_replay_cli.moc"

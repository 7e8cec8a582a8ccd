// `radeau-cli find` (issue 16): the search finds a failure when a safety rule
// is removed, the shrinker's result still fails and no single action can be
// removed from it, full Raft yields "no failure found", and the written
// script is one `radeau-cli run` reproduces.
#include <QtTest>

#include <QTemporaryDir>

#include <fstream>
#include <sstream>

#include "app/cli/cli.h"
#include "core/concepts.h"
#include "core/config.h"
#include "core/find.h"

using namespace radeau;

namespace {
const char* kNoTerms = "full -terms -stale-term-rejection -entry-terms -current-term-commit -pre-vote";

FindOptions optionsFor(const char* spec) {
  FindOptions o;
  std::string error;
  auto c = parseConcepts(spec, Concepts::full(), error);
  if (c) o.soak.concepts = *c;
  o.max_attempts = 50;
  o.max_seconds = 0;
  return o;
}
}  // namespace

class TestFind : public QObject {
  Q_OBJECT

 private slots:
  void shrunkScheduleIsMinimal_data() {
    QTest::addColumn<QString>("spec");
    QTest::newRow("terms") << QString(kNoTerms);
    QTest::newRow("persistence") << QString("full -persistence");
    QTest::newRow("log-length-vote") << QString("full -log-length-vote -pre-vote -check-quorum");
  }
  void shrunkScheduleIsMinimal() {
    QFETCH(QString, spec);
    FindOptions o = optionsFor(spec.toUtf8().constData());
    FindResult r = findFailure(o);
    QVERIFY2(r.found, "no failure within 50 schedules");
    QVERIFY(r.run.actions.size() <= r.original_actions);
    QVERIFY(r.minimal);  // findFailure's own re-check agrees with the one below
    QVERIFY(scheduleFails(r.run, r.kind));
    for (size_t i = 0; i < r.run.actions.size(); ++i) {
      SoakRun t = r.run;
      t.actions.erase(t.actions.begin() + long(i));
      QVERIFY2(!scheduleFails(t, r.kind), qPrintable(QString("removing action %1 still fails").arg(i)));
    }
  }

  // The shrinker's later steps: the result is re-checked (minimal), writes
  // are named A, B, C, and on the entry-terms flag it reaches a story as
  // short as the hand-written one (09b: 3 actions, 3 nodes).
  void shrunkScriptIsShortAndPlain() {
    FindOptions o = optionsFor("full -entry-terms -current-term-commit");
    FindResult r = findFailure(o);
    QVERIFY(r.found);
    QVERIFY(r.minimal);
    QVERIFY(r.finding_us > 0 && r.finding_us <= r.run.until_us);
    QVERIFY2(!r.finding.empty(), "the checker's words for the finding");
    QVERIFY2(r.run.actions.size() <= 3, qPrintable(QString::number(r.run.actions.size())));
    QVERIFY2(r.run.config.names.size() <= 3, qPrintable(QString::number(r.run.config.names.size())));
    QCOMPARE(r.run.config.network.loss, 0.0);
    QCOMPARE(r.run.config.network.duplicate, 0.0);
    char next = 'A';
    for (const Action& a : r.run.actions)
      if (a.kind == ActionKind::Write) QCOMPARE(a.text, std::string(1, next++));
    std::string script = findScript(r, "full -entry-terms -current-term-commit");
    QVERIFY(script.find("# The checker: ") != std::string::npos);
    QVERIFY(script.find("makes the failure disappear") != std::string::npos);
  }

  // Any node can go, not only the last: the ones after it take the ids (and
  // the default names) before, in every action and partition.
  void withoutNodeRenamesTheNodesAfter() {
    SoakRun run;
    run.config.names = defaultNames(4);
    auto act = [](ActionKind k, NodeId n, NodeId p = kNoNode) {
      Action a;
      a.kind = k;
      a.node = n;
      a.peer = p;
      return a;
    };
    run.actions = {act(ActionKind::Crash, 1), act(ActionKind::Crash, 2), act(ActionKind::Cut, 0, 3),
                   act(ActionKind::Cut, 1, 2)};
    Action part;
    part.kind = ActionKind::Partition;
    part.groups = {{0, 1}, {2, 3}};
    run.actions.push_back(part);
    part.groups = {{1}, {0, 2, 3}};
    run.actions.push_back(part);
    auto t = withoutNode(run, 1);
    QVERIFY(t);
    QCOMPARE(t->config.names, defaultNames(3));
    QCOMPARE(t->actions.size(), size_t(3));  // the crash of 1, the cut 1-2 and the partition {1} | ... go
    QCOMPARE(t->actions[0].node, NodeId(1));  // was 2
    QCOMPARE(t->actions[1].node, NodeId(0));
    QCOMPARE(t->actions[1].peer, NodeId(2));  // was 3
    QCOMPARE(t->actions[2].groups, (std::vector<std::vector<NodeId>>{{0}, {1, 2}}));
    run.config.names = {"a", "b", "c", "d"};
    QCOMPARE(withoutNode(run, 0)->config.names, (std::vector<std::string>{"b", "c", "d"}));
    QVERIFY(!withoutNode(run, 4));
    run.config.names = {"a"};
    QVERIFY(!withoutNode(run, 0));
  }

  void sameSeedSameScript() {
    FindOptions o = optionsFor(kNoTerms);
    QCOMPARE(findScript(findFailure(o), kNoTerms), findScript(findFailure(o), kNoTerms));
  }

  void cancelStopsTheSearch() {
    std::atomic<bool> stop{true};
    FindOptions o = optionsFor("full");
    o.cancel = &stop;
    FindResult r = findFailure(o);
    QVERIFY(!r.found);
    QVERIFY(r.cancelled);
    QCOMPARE(r.attempts, uint64_t(0));
  }

  void fullRaftFindsNothing() {
    std::ostringstream out, err;
    int rc = cli::main({"find", "--concepts", "full", "--budget", "30", "--quiet"}, out, err);
    QCOMPARE(rc, 0);
    QVERIFY2(out.str().find("no failure found") != std::string::npos, out.str().c_str());
    QVERIFY(out.str().find("seed 1") != std::string::npos);
  }

  void removedFlagGivesAScriptRunReproduces() {
    QTemporaryDir dir;
    std::string path = (dir.path() + "/demo.radeau-script").toStdString();
    std::ostringstream out, err;
    int rc = cli::main({"find", "--concepts", kNoTerms, "--budget", "50", "--quiet", "-o", path}, out, err);
    QCOMPARE(rc, 1);
    QVERIFY2(out.str().find("seed ") != std::string::npos, out.str().c_str());
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    QVERIFY(text.str().find("expect finding ") != std::string::npos);
    QVERIFY(text.str().find("\ntitle ") != std::string::npos);
    std::ostringstream runOut, runErr;
    QCOMPARE(cli::main({"run", path}, runOut, runErr), 0);
    QVERIFY2(runOut.str().find("the demonstrated outcome happened") != std::string::npos, runOut.str().c_str());
  }

  // The script's first comment is a command that writes the same script again.
  void foundByCommandRewritesTheScript() {
    QTemporaryDir dir;
    const std::string a = (dir.path() + "/a.radeau-script").toStdString(), b = (dir.path() + "/b.radeau-script").toStdString();
    std::ostringstream out, err;
    QCOMPARE(cli::main({"find", "--concepts", kNoTerms, "--budget", "50", "--quiet", "-o", a}, out, err), 1);
    auto read = [](const std::string& path) {
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    };
    const std::string first = read(a);
    const std::string seed = first.substr(first.find("--seed ") + 7, first.find(" --budget") - first.find("--seed ") - 7);
    const std::string kind = first.substr(first.find("--finding ") + 10, first.find(" --seed") - first.find("--finding ") - 10);
    const std::string command = std::string("# Found by: radeau-cli find --concepts \"") + kNoTerms + "\" --finding " + kind +
                                " --seed " + seed + " --budget 1\n";
    QVERIFY2(first.rfind(command, 0) == 0, first.c_str());
    QCOMPARE(cli::main({"find", "--concepts", kNoTerms, "--finding", kind, "--seed", seed, "--budget", "1", "--quiet", "-o", b},
                       out, err),
             1);
    QCOMPARE(read(b), first);
  }

  // A kind the checker reports only when the run ends (a write never
  // answered): found, shrunk, and reproduced by `run`, also on full Raft.
  void findingFoundAtTheEnd() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/w.radeau-script").toStdString();
    std::ostringstream out, err;
    QCOMPARE(cli::main({"find", "--finding", "write-never-acked", "--budget", "200", "--quiet", "-o", path}, out, err), 1);
    std::ostringstream runOut, runErr;
    QCOMPARE(cli::main({"run", path}, runOut, runErr), 0);
    QVERIFY2(runOut.str().find("the demonstrated outcome happened") != std::string::npos, runOut.str().c_str());
  }

  void usageErrors() {
    std::ostringstream out, err;
    QCOMPARE(cli::main({"find", "--budget", "soon"}, out, err), 2);
    QCOMPARE(cli::main({"find", "--finding", "nonsense"}, out, err), 2);
    QCOMPARE(cli::main({"find", "extra"}, out, err), 2);
  }
};

QTEST_GUILESS_MAIN(TestFind)
#include "test_find.moc"

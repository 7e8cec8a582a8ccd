// `radeau-cli find` (issue 16): the search finds a failure when a safety rule
// is removed, the shrinker's result still fails and no single action can be
// removed from it, full Raft yields "no failure found", and the written
// script is one `radeau-cli run` reproduces. Both searches: the random one
// (the soak's schedules) and the systematic one (every small schedule up to
// a bound), alone and in turn.
#include <QtTest>

#include <QTemporaryDir>

#include <fstream>
#include <set>
#include <sstream>

#include "app/cli/cli.h"
#include "core/concepts.h"
#include "core/config.h"
#include "core/find.h"
#include "core/finding_names.h"

using namespace radeau;

namespace {
const char* kNoTerms = "full -terms -stale-term-rejection -entry-terms -current-term-commit -pre-vote";

FindOptions optionsFor(const char* spec, FindStrategy strategy = FindStrategy::Random, uint64_t attempts = 50) {
  FindOptions o;
  std::string error;
  auto c = parseConcepts(spec, Concepts::full(), error);
  if (c) o.soak.concepts = *c;
  o.strategy = strategy;
  o.max_attempts = attempts;
  o.max_seconds = 0;
  return o;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The words of a command line, "..." kept together.
std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::string w;
  bool quoted = false, any = false;
  for (char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
      any = true;
    } else if (ch == ' ' && !quoted) {
      if (any || !w.empty()) out.push_back(w);
      w.clear();
      any = false;
    } else {
      w += ch;
    }
  }
  if (any || !w.empty()) out.push_back(w);
  return out;
}
}  // namespace

class TestFind : public QObject {
  Q_OBJECT

 private slots:
  void shrunkScheduleIsMinimal_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("strategy");
    QTest::addColumn<int>("attempts");
    const int random = int(FindStrategy::Random), systematic = int(FindStrategy::Systematic);
    QTest::newRow("terms") << QString(kNoTerms) << random << 50;
    QTest::newRow("persistence") << QString("full -persistence") << random << 50;
    QTest::newRow("log-length-vote") << QString("full -log-length-vote -pre-vote -check-quorum") << random << 50;
    QTest::newRow("systematic terms") << QString(kNoTerms) << systematic << 200;
    QTest::newRow("systematic log-length-vote") << QString("full -log-length-vote") << systematic << 10'000;
  }
  void shrunkScheduleIsMinimal() {
    QFETCH(QString, spec);
    QFETCH(int, strategy);
    QFETCH(int, attempts);
    FindOptions o = optionsFor(spec.toUtf8().constData(), FindStrategy(strategy), uint64_t(attempts));
    FindResult r = findFailure(o);
    QVERIFY2(r.found, "no failure within the budget");
    QCOMPARE(int(r.strategy), strategy);
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
    // Rung 16: the initial configuration and the nodes a change names follow.
    SoakRun m;
    m.config.names = defaultNames(4);
    m.config.members = 0b0111;  // the fourth waits outside
    Action add;
    add.kind = ActionKind::AddNodes;
    add.groups = {{1, 3}};
    m.actions = {add};
    add.groups = {{1}};
    m.actions.push_back(add);
    auto u = withoutNode(m, 1);
    QVERIFY(u);
    QCOMPARE(u->config.members, uint16_t(0b011));
    QCOMPARE(u->actions.size(), size_t(1));  // the change naming only node 1 goes
    QCOMPARE(u->actions[0].groups, (std::vector<std::vector<NodeId>>{{2}}));
    QCOMPARE(withoutNode(m, 3)->config.members, uint16_t(0));  // no spare left: everyone is a member
    run.config.names = {"a", "b", "c", "d"};
    QCOMPARE(withoutNode(run, 0)->config.names, (std::vector<std::string>{"b", "c", "d"}));
    QVERIFY(!withoutNode(run, 4));
    run.config.names = {"a"};
    QVERIFY(!withoutNode(run, 0));
  }

  // The systematic search: depth 1, then 2, each candidate an ordinary
  // action list of that many actions in time order, ranks counted from 1,
  // and the same enumeration every time.
  void systematicSchedulesDeepen() {
    FindOptions o = optionsFor("full", FindStrategy::Systematic);
    o.systematic_depth = 2;
    SystematicSchedules a(o), b(o);
    QCOMPARE(a.config().nodeCount(), 3);
    QCOMPARE(a.config().network.loss, 0.0);
    QCOMPARE(a.config().timing.latency_min_us, a.config().timing.latency_max_us);
    const size_t first = a.choices({}).size();
    QVERIFY2(first > 20 && first < 200, qPrintable(QString::number(first)));
    bool dropped = false;
    for (const Action& c : a.choices({})) dropped |= c.kind == ActionKind::Drop;
    QVERIFY2(dropped, "a message in flight can be dropped");
    uint64_t n = 0;
    size_t depth1 = 0;
    while (auto r = a.next()) {
      auto other = b.next();
      QVERIFY(other);
      QCOMPARE(other->actions, r->actions);
      ++n;
      QCOMPARE(a.rank(), n);
      QCOMPARE(r->actions.size(), size_t(a.depth()));
      if (a.depth() == 1) ++depth1;
      for (size_t i = 1; i < r->actions.size(); ++i) QVERIFY(r->actions[i - 1].time_us < r->actions[i].time_us);
      QVERIFY(r->until_us > r->actions.back().time_us);
    }
    QVERIFY(!b.next());
    QCOMPARE(depth1, first);
    QVERIFY(n > first * 10);
    QCOMPARE(a.exploredDepth(), 2);
  }

  // Full Raft: nothing in the bounded space (every schedule of up to 2 choices).
  void systematicFullRaftFindsNothing() {
    FindOptions o = optionsFor("full", FindStrategy::Systematic, UINT64_MAX);
    o.systematic_depth = 2;
    FindResult r = findFailure(o);
    QVERIFY(!r.found);
    QVERIFY(r.exhausted);
    QCOMPARE(r.systematic_depth, 2);
    QVERIFY(r.attempts > 1000);
  }

  // The systematic search alone finds a removed safety flag's failure within
  // a small budget, and gives the same script twice.
  void systematicAloneFindsAndIsDeterministic() {
    QTemporaryDir dir;
    const std::string a = (dir.path() + "/a.radeau-script").toStdString(), b = (dir.path() + "/b.radeau-script").toStdString();
    for (const std::string& path : {a, b}) {
      std::ostringstream out, err;
      QCOMPARE(cli::main({"find", "--concepts", "full -log-length-vote", "--strategy", "systematic", "--budget", "5000",
                          "--quiet", "-o", path},
                         out, err),
               1);
      QVERIFY2(out.str().find("by the systematic search") != std::string::npos, out.str().c_str());
    }
    const std::string script = readFile(a);
    QCOMPARE(readFile(b), script);
    QVERIFY2(script.find("--strategy systematic") != std::string::npos, script.c_str());
    QVERIFY(script.find("(found by systematic search)") != std::string::npos);
    std::ostringstream runOut, runErr;
    QCOMPARE(cli::main({"run", a}, runOut, runErr), 0);
    QVERIFY2(runOut.str().find("the demonstrated outcome happened") != std::string::npos, runOut.str().c_str());
  }

  // The default (both): the small schedules first, so an easy flag's story
  // comes from the systematic search; a hard one from the random search.
  void bothTakesTheSmallSchedulesFirst() {
    FindResult easy = findFailure(optionsFor("full -persistence", FindStrategy::Both, 1000));
    QVERIFY(easy.found);
    QCOMPARE(easy.strategy, FindStrategy::Systematic);
    FindResult hard = findFailure(optionsFor("full -current-term-commit -leader-noop -pre-vote -check-quorum",
                                             FindStrategy::Both, 20'000));
    QVERIFY(hard.found);
    QCOMPARE(hard.strategy, FindStrategy::Random);
    QVERIFY(hard.attempts > 6000);  // after every schedule of up to 2 choices
  }

  // The script in French for a French window: comments and title, not the keywords.
  void scriptInFrench() {
    FindResult r = findFailure(optionsFor("full -persistence", FindStrategy::Systematic, 1000));
    QVERIFY(r.found);
    const std::string en = findScript(r, "full -persistence");
    const std::string fr = findScript(r, "full -persistence", Language::French);
    QVERIFY2(en.find("# Found by: radeau-cli find") == 0, en.c_str());
    QVERIFY2(fr.find("# Trouv\u00e9 par\u00a0: radeau-cli find") == 0, fr.c_str());
    QVERIFY2(fr.find("title full -persistence\u00a0: committed-entry-lost (trouv\u00e9 par recherche syst\u00e9matique)\n") !=
                 std::string::npos,
             fr.c_str());
    QVERIFY2(fr.find("# Le v\u00e9rificateur\u00a0: ") != std::string::npos, fr.c_str());
    QVERIFY(fr.find("The checker") == std::string::npos);
    // The same schedule below the header.
    QCOMPARE(fr.substr(fr.find("expect finding")), en.substr(en.find("expect finding")));
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/fr.radeau-script").toStdString();
    std::ofstream(path) << fr;
    std::ostringstream runOut, runErr;
    QCOMPARE(cli::main({"run", path}, runOut, runErr), 0);
    QVERIFY2(runOut.str().find("the demonstrated outcome happened") != std::string::npos, runOut.str().c_str());
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
    int rc = cli::main({"find", "--concepts", kNoTerms, "--budget", "200", "--quiet", "-o", path}, out, err);
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

  // The script's first comment is a command that writes the same script
  // again, for a failure of either search.
  void foundByCommandRewritesTheScript_data() {
    QTest::addColumn<QString>("strategy");
    QTest::newRow("random") << QString("random");
    QTest::newRow("systematic") << QString("systematic");
  }
  void foundByCommandRewritesTheScript() {
    QFETCH(QString, strategy);
    QTemporaryDir dir;
    const std::string a = (dir.path() + "/a.radeau-script").toStdString(), b = (dir.path() + "/b.radeau-script").toStdString();
    std::ostringstream out, err;
    QCOMPARE(cli::main({"find", "--concepts", kNoTerms, "--strategy", strategy.toStdString(), "--budget", "200", "--quiet",
                        "-o", a},
                       out, err),
             1);
    const std::string first = readFile(a);
    const std::string prefix = "# Found by: radeau-cli ";
    QVERIFY2(first.rfind(prefix, 0) == 0, first.c_str());
    std::vector<std::string> args = words(first.substr(prefix.size(), first.find('\n') - prefix.size()));
    QCOMPARE(args[0], std::string("find"));
    QCOMPARE(args[2], std::string(kNoTerms));
    QVERIFY2(first.find("--strategy " + strategy.toStdString() + " ") != std::string::npos, first.c_str());
    args.insert(args.end(), {"--quiet", "-o", b});
    QCOMPARE(cli::main(args, out, err), 1);
    QCOMPARE(readFile(b), first);
  }

  // A kind the checker reports only when the run ends (a write never
  // answered): found, shrunk, and reproduced by `run`, also on full Raft
  // (by the systematic search: a write, then its leader's follower crashes).
  void findingFoundAtTheEnd() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/w.radeau-script").toStdString();
    std::ostringstream out, err;
    QCOMPARE(cli::main({"find", "--finding", "write-never-acked", "--budget", "10000", "--quiet", "-o", path}, out, err), 1);
    std::ostringstream runOut, runErr;
    QCOMPARE(cli::main({"run", path}, runOut, runErr), 0);
    QVERIFY2(runOut.str().find("the demonstrated outcome happened") != std::string::npos, runOut.str().c_str());
  }

  // Rungs 14 and 15: without client-sessions or read-index the search makes
  // the clients that break them (resends, reads, an isolated leader); the
  // shrunk script still fails, no single removal keeps it failing (checked
  // here), it keeps the actions of that kind, and `run` reproduces it.
  void clientRungsFoundAndShrunk_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("action");  // an ActionKind the story needs
    QTest::newRow("client-sessions") << QString("full -client-sessions") << QString("systematic")
                                     << QString("applied-twice") << int(ActionKind::Resend);
    QTest::newRow("read-index") << QString("full -read-index -lease -check-quorum") << QString("both")
                                << QString("stale-read") << int(ActionKind::Read);
    // The random schedules' writes are w1, w2...: reads and resends follow their new names.
    QTest::newRow("client-sessions, random") << QString("full -client-sessions") << QString("random")
                                             << QString("applied-twice") << int(ActionKind::Write);
    QTest::newRow("read-index, random") << QString("full -read-index -lease -check-quorum") << QString("random")
                                        << QString("stale-read") << int(ActionKind::Read);
    QTest::newRow("read-index, systematic") << QString("full -read-index -lease -check-quorum") << QString("systematic")
                                            << QString("stale-read") << int(ActionKind::Read);
    // Rung 16: the random schedules change the configuration, as the soak's --membership.
    QTest::newRow("membership, random") << QString("full -membership") << QString("random")
                                        << QString("committed-entry-lost") << int(ActionKind::RemoveNodes);
  }
  void clientRungsFoundAndShrunk() {
    QFETCH(QString, spec);
    QFETCH(QString, strategy);
    QFETCH(QString, kind);
    QFETCH(int, action);
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/c.radeau-script").toStdString();
    std::ostringstream out, err;
    QCOMPARE(cli::main({"find", "--concepts", spec.toStdString(), "--strategy", strategy.toStdString(), "--budget",
                        "20000", "--quiet", "-o", path},
                       out, err),
             1);
    QVERIFY2(out.str().find("failure found: " + kind.toStdString()) == 0, out.str().c_str());
    const std::string script = readFile(path);
    QVERIFY2(script.find("expect finding " + kind.toStdString() + "\n") != std::string::npos, script.c_str());
    std::ostringstream runOut, runErr;
    QCOMPARE(cli::main({"run", path}, runOut, runErr), 0);
    QVERIFY2(runOut.str().find("the demonstrated outcome happened") != std::string::npos, runOut.str().c_str());

    FindOptions o = optionsFor(spec.toUtf8().constData(), *findStrategyFromName(strategy.toStdString()), 20000);
    FindResult r = findFailure(o);
    QVERIFY(r.found);
    QCOMPARE(std::string(findingKindName(r.kind)), kind.toStdString());
    QVERIFY(r.minimal);
    QVERIFY(scheduleFails(r.run, r.kind));
    for (size_t i = 0; i < r.run.actions.size(); ++i) {
      SoakRun t = r.run;
      t.actions.erase(t.actions.begin() + long(i));
      QVERIFY2(!scheduleFails(t, r.kind), qPrintable(QString("removing action %1 still fails").arg(i)));
    }
    QVERIFY2(r.run.actions.size() <= 5, qPrintable(QString::fromStdString(findScript(r, spec.toStdString()))));
    bool needed = false;
    std::set<std::string> written;
    for (const Action& a : r.run.actions) {
      needed |= a.kind == ActionKind(action);
      if (a.kind == ActionKind::Write) written.insert(a.text);
      // Reads and resends name a write of the script (renamed with it).
      if (a.kind == ActionKind::Read || a.kind == ActionKind::Resend) QVERIFY2(written.count(a.text), a.text.c_str());
    }
    QVERIFY(needed);
  }

  // The search's client actions only where the rules let them break
  // something: full Raft's systematic choices are the ones they were.
  void clientActionsOnlyWhereTheyMatter() {
    auto kinds = [](const char* spec) {
      SystematicSchedules s(optionsFor(spec, FindStrategy::Systematic));
      Action w;
      w.time_us = 500'000;
      w.kind = ActionKind::Write;
      w.node = 0;
      w.text = "A";
      std::set<ActionKind> out;
      for (const Action& a : s.choices({w})) out.insert(a.kind);
      return out;
    };
    const auto full = kinds("full");
    QVERIFY(!full.count(ActionKind::Read) && !full.count(ActionKind::Resend) && !full.count(ActionKind::Isolate));
    QVERIFY(kinds("full -client-sessions").count(ActionKind::Resend));
    const auto reads = kinds("full -read-index -lease -check-quorum");
    QVERIFY(reads.count(ActionKind::Isolate) && !reads.count(ActionKind::Resend));
    // Reads are probes after the last choice: every node, twice.
    FindOptions o = optionsFor("full -read-index -lease -check-quorum", FindStrategy::Systematic);
    o.systematic_depth = 2;
    SystematicSchedules s(o);
    bool probed = false;
    while (auto r = s.next()) {
      size_t reads = 0, writes = 0;
      for (const Action& a : r->actions) {
        reads += a.kind == ActionKind::Read;
        writes += a.kind == ActionKind::Write;
      }
      QCOMPARE(reads, writes ? size_t(2 * 3) : size_t(0));
      QCOMPARE(r->actions.size(), size_t(s.depth()) + reads);
      probed |= reads > 0;
    }
    QVERIFY(probed);
  }

  void usageErrors() {
    std::ostringstream out, err;
    QCOMPARE(cli::main({"find", "--budget", "soon"}, out, err), 2);
    QCOMPARE(cli::main({"find", "--finding", "nonsense"}, out, err), 2);
    QCOMPARE(cli::main({"find", "extra"}, out, err), 2);
    QCOMPARE(cli::main({"find", "--strategy", "clever"}, out, err), 2);
    QVERIFY(err.str().find("--strategy") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestFind)
#include "test_find.moc"

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
#include "core/find.h"

using namespace radeau;

namespace {
const char* kNoTerms = "full -terms -stale-term-rejection -entry-terms -current-term-commit";

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
    QTest::newRow("log-length-vote") << QString("full -log-length-vote");
  }
  void shrunkScheduleIsMinimal() {
    QFETCH(QString, spec);
    FindOptions o = optionsFor(spec.toUtf8().constData());
    FindResult r = findFailure(o);
    QVERIFY2(r.found, "no failure within 50 schedules");
    QVERIFY(r.run.actions.size() <= r.original_actions);
    QVERIFY(scheduleFails(r.run, r.kind));
    for (size_t i = 0; i < r.run.actions.size(); ++i) {
      SoakRun t = r.run;
      t.actions.erase(t.actions.begin() + long(i));
      QVERIFY2(!scheduleFails(t, r.kind), qPrintable(QString("removing action %1 still fails").arg(i)));
    }
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

  void usageErrors() {
    std::ostringstream out, err;
    QCOMPARE(cli::main({"find", "--budget", "soon"}, out, err), 2);
    QCOMPARE(cli::main({"find", "--finding", "nonsense"}, out, err), 2);
    QCOMPARE(cli::main({"find", "extra"}, out, err), 2);
  }
};

QTEST_GUILESS_MAIN(TestFind)
#include "test_find.moc"

// The core formatter in French (issue 6): the words (resources/glossary.tsv:
// term, follower, commit… are the words a French developer says) the audience reads in the
// French window (finding banner, journal, roles, chapters) come from core's
// one formatter with a Language; English stays the default and unchanged.
#include <QtTest>
#include <set>

#include "core/concepts.h"
#include "core/format.h"
#include "support/cluster.h"

using namespace radeau;
using namespace radeau::test;

namespace {
// A run with elections, writes, a crash, a cut and a partition: most event kinds.
const char* kBusy =
    "nodes Michel Jean-Pierre Sophie\nconcepts full\nseed 7\n"
    "at 600ms write Michel \"x=1\"\nat 900ms crash Sophie\nat 1200ms restart Sophie\n"
    "at 1500ms cut Michel Jean-Pierre\nat 1800ms heal Michel Jean-Pierre\n"
    "at 2000ms partition Michel | Jean-Pierre Sophie\nat 2600ms heal\nuntil 3s\n";
}  // namespace

class TestFormatFrench : public QObject {
  Q_OBJECT
 private slots:
  void findingsInFrenchAndEnglish() {
    Journal j;
    const std::vector<std::string> names = {"Michel", "Jean-Pierre", "Sophie"};
    const Event two = make::finding(FindingKind::TwoLeaders, 0, 2, 3, 0, 0);
    QCOMPARE(EventFormatter(names, j).finding(two), std::string("2 leaders in term 3: Michel and Sophie"));
    QCOMPARE(EventFormatter(names, j, Language::English).text(two),
             std::string("CHECKER: 2 leaders in term 3: Michel and Sophie"));
    QCOMPARE(EventFormatter(names, j, Language::French).finding(two),
             std::string("2 leaders au term 3\u00a0: Michel et Sophie"));
    QCOMPARE(EventFormatter(names, j, Language::French).text(two),
             std::string("VÉRIFICATEUR\u00a0: 2 leaders au term 3\u00a0: Michel et Sophie"));
    const Event diverge = make::finding(FindingKind::LogDivergence, 1, 2, 0, 4, 0);
    QCOMPARE(EventFormatter(names, j).finding(diverge),
             std::string("logs diverge at index 4: Jean-Pierre and Sophie hold different entries"));
    QCOMPARE(EventFormatter(names, j, Language::French).finding(diverge),
             std::string("les logs divergent à l'index 4\u00a0: Jean-Pierre et Sophie ont des entrées différentes"));
  }

  void rolesChaptersAndProblems() {
    QCOMPARE(roleName(Role::Follower), std::string_view("follower"));
    QCOMPARE(roleName(Role::Candidate, Language::French), std::string_view("candidate"));
    QCOMPARE(timerName(TimerKind::Election), std::string_view("election"));
    QCOMPARE(failReasonText(FailReason::NoLeader, Language::French), std::string_view("aucun leader connu"));
    QCOMPARE(chapterTitle(chapters()[4], Language::French), std::string_view("La candidate"));
    QCOMPARE(chapterTitle(chapters()[4], Language::English), std::string_view("The candidate"));
    for (const Chapter& ch : chapters()) QVERIFY(!chapterTitle(ch, Language::French).empty());
    QCOMPARE(conceptsProblem(Concepts::none().with(Concept::Terms)), std::string("terms needs election"));
    QCOMPARE(conceptsProblem(Concepts::none().with(Concept::Terms), Language::French),
             std::string("terms a besoin de election"));
  }

  // Every flag has its one-line rule in both languages (the Rules tab and
  // `radeau-cli chapters` show it): a flag added without one fails here.
  void everyFlagHasADescription() {
    std::set<std::string_view> seen;
    for (int i = 0; i < kConceptCount; ++i) {
      const Concept c = Concept(i);
      const QString name = QString::fromUtf8(conceptName(c).data(), qsizetype(conceptName(c).size()));
      const std::string_view en = conceptDescription(c), fr = conceptDescription(c, Language::French);
      QVERIFY2(en.size() > 20, qPrintable("no English description for " + name));
      QVERIFY2(fr.size() > 20, qPrintable("no French description for " + name));
      QVERIFY2(en != fr, qPrintable("French description of " + name + " is the English one"));
      QVERIFY2(en.find('\n') == std::string_view::npos, qPrintable(name + " takes more than one line"));
      QVERIFY2(seen.insert(en).second && seen.insert(fr).second, qPrintable(name + " repeats another flag's description"));
    }
    QCOMPARE(conceptDescription(Concept::Election), conceptDescription(Concept::Election, Language::English));
  }

  // Every event of a busy run reads differently in French, node names stay as
  // written, and the English default is the explicit English.
  void aWholeRunInFrench() {
    std::string error;
    auto c = makeCluster(kBusy, error);
    QVERIFY2(c, error.c_str());
    c->run();
    const Journal& j = c->journal();
    const auto& names = c->scenario.config.names;
    EventFormatter en(names, j), en2(names, j, Language::English), fr(names, j, Language::French);
    std::set<EventKind> kinds;
    for (Seq i = 0; i < j.size(); ++i) {
      const Event& e = j[i];
      QCOMPARE(en.text(e), en2.text(e));
      const std::string f = fr.text(e);
      QVERIFY2(f != en.text(e), f.c_str());
      for (const char* english : {" becomes ", " votes for ", " timer ", " delivered", " entries", " crashes",
                                  " restarts", " healed", "client writes", " acknowledges "})
        QVERIFY2(f.find(english) == std::string::npos, (f + " has '" + english + "'").c_str());
      if (e.node < names.size()) QVERIFY2(f.find(names[e.node]) != std::string::npos || e.kind == EventKind::HealedAll, f.c_str());
      kinds.insert(e.kind);
    }
    QVERIFY2(kinds.size() >= 15, qPrintable(QString::number(kinds.size())));
  }
};

QTEST_MAIN(TestFormatFrench)
#include "test_format_french.moc"

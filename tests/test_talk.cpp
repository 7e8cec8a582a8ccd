// The talk file: steps, bilingual texts, pauses, and located errors.
#include <QtTest>

#include "core/talk.h"

using namespace radeau;

class TestTalk : public QObject {
  Q_OBJECT
 private slots:
  void readsStepsInOrder() {
    const char* text =
        "# my talk\n"
        "talk Raft, one concept at a time | Raft, un concept à la fois\n"
        "step one-node\n"
        "  title One node | Un seul nœud\n"
        "  concept persistence\n"
        "  open scenarios/01a.radeau-script\n"
        "  caption A write is acknowledged. | On écrit, ça marche.\n"
        "  notes First paragraph | Premier paragraphe\n"
        "  notes Second | Second\n"
        "  pause finding\n"
        "  pause 1.5s Late | Tard\n"
        "  pause 600ms The write is acknowledged | L'écriture est acquittée\n"
        "step two\n"
        "  title Same in both\n"
        "  open b.radeau\n";
    TalkError err;
    auto talk = parseTalk(text, "t.talk", err);
    QVERIFY2(talk, err.toString().c_str());
    QCOMPARE(talk->title.in(Language::English), std::string("Raft, one concept at a time"));
    QCOMPARE(talk->title.in(Language::French), std::string("Raft, un concept à la fois"));
    QCOMPARE(talk->steps.size(), size_t(2));
    const TalkStep& s = talk->steps[0];
    QCOMPARE(s.id, std::string("one-node"));
    QCOMPARE(s.line, 3);
    QCOMPARE(s.source, std::string("scenarios/01a.radeau-script"));
    QCOMPARE(s.caption.in(Language::French), std::string("On écrit, ça marche."));
    QCOMPARE(s.notes.en, std::string("First paragraph\nSecond"));
    // Timed pauses first, in time order, then the finding pause.
    QCOMPARE(s.pauses.size(), size_t(3));
    QCOMPARE(s.pauses[0].at_us, Time(600'000));
    QCOMPARE(s.pauses[0].label.in(Language::French), std::string("L'écriture est acquittée"));
    QCOMPARE(s.pauses[1].at_us, Time(1'500'000));
    QVERIFY(s.pauses[2].kind == TalkPause::Kind::FirstFinding);
    QCOMPARE(talk->steps[1].title.in(Language::French), std::string("Same in both"));
  }

  void aFindingPauseMayNameItsKind() {
    const char* text =
        "step a\ntitle A\nopen a\n"
        "pause finding acked-write-lost The write is gone | L'écriture a disparu\n"
        "pause finding two-leaders\n"
        "pause finding Back up, empty log | Rallumé, log vide\n";
    TalkError err;
    auto talk = parseTalk(text, "t.talk", err);
    QVERIFY2(talk, err.toString().c_str());
    const auto& p = talk->steps[0].pauses;
    QCOMPARE(p.size(), size_t(3));
    QVERIFY(p[0].finding == FindingKind::AckedWriteLost);
    QCOMPARE(p[0].label.in(Language::French), std::string("L'écriture a disparu"));
    QVERIFY(p[1].finding == FindingKind::TwoLeaders);
    QVERIFY(p[1].label.empty());
    // Without a kind: the first finding of any kind, and the whole text is the label.
    QVERIFY(!p[2].finding);
    QCOMPARE(p[2].label.en, std::string("Back up, empty log"));
  }

  void stageTableIsPerStep() {
    TalkError err;
    auto talk = parseTalk("step a\ntitle A\nopen a\nstage table\nstep b\ntitle B\nopen b\n", "t.talk", err);
    QVERIFY2(talk, err.toString().c_str());
    QVERIFY(talk->steps[0].stage_table);
    QVERIFY(!talk->steps[1].stage_table);
    QVERIFY(!talk->steps[0].stage_sent);
    auto sent = parseTalk("step a\ntitle A\nopen a\nstage sent\nstage table\nstep b\ntitle B\nopen b\n", "t.talk", err);
    QVERIFY(sent);
    QVERIFY(sent->steps[0].stage_sent && sent->steps[0].stage_table);
    QVERIFY(!sent->steps[1].stage_sent);
  }

  void errorsNameTheLine_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << "# nothing\n" << "t.talk: a talk needs at least one 'step'";
    QTest::newRow("key before step") << "title x\n" << "t.talk:1: 'title' must follow a 'step' line";
    QTest::newRow("unknown key") << "step a\ntitle A\nopen a\nfrobnicate x\n"
                                 << "t.talk:4: unknown key 'frobnicate' (talk, step, title, concept, open, caption, notes, pause, speed, stage)";
    QTest::newRow("unknown stage option") << "step a\ntitle A\nopen a\nstage journal\n"
                                          << "t.talk:4:7: unknown stage option 'journal' (stage table, stage sent)";
    QTest::newRow("stage sent and more") << "step a\ntitle A\nopen a\nstage sent 3\n"
                                         << "t.talk:4:12: unexpected '3' after 'stage sent'";
    QTest::newRow("stage table and more") << "step a\ntitle A\nopen a\nstage table please\n"
                                          << "t.talk:4:13: unexpected 'please' after 'stage table'";
    QTest::newRow("no open") << "step a\ntitle A\nstep b\ntitle B\nopen b\n"
                             << "t.talk:1: step 'a' has no 'open' line";
    QTest::newRow("no open at end") << "step a\ntitle A\n" << "t.talk:1: step 'a' has no 'open' line";
    QTest::newRow("no title") << "step a\nopen a\n" << "t.talk:1: step 'a' has no 'title' line";
    QTest::newRow("bad pause") << "step a\ntitle A\nopen a\npause soon\n"
                               << "t.talk:4: malformed pause 'soon' (a time such as 600ms, 'finding' or 'end')";
    QTest::newRow("unknown finding kind") << "step a\ntitle A\nopen a\npause finding two-leader Oops\n"
                                          << "t.talk:4: unknown finding kind 'two-leader' (two-leaders, log-divergence, "
                                             "acked-write-lost, committed-entry-lost, commit-mismatch, write-failed, "
                                             "write-never-acked, applied-twice)";
    QTest::newRow("duplicate") << "step a\ntitle A\nopen a\nstep a\n" << "t.talk:4: duplicate step 'a' (first at line 1)";
    QTest::newRow("two opens") << "step a\ntitle A\nopen a\nopen b\n" << "t.talk:4: step 'a' already opens a";
    QTest::newRow("step with spaces") << "step a b\n" << "t.talk:1: 'step' needs one identifier without spaces, e.g. 'step one-node'";
    QTest::newRow("empty value") << "step a\ntitle\n" << "t.talk:2: 'title' needs a value";
  }
  void errorsNameTheLine() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    TalkError err;
    auto talk = parseTalk(text.toStdString(), "t.talk", err);
    QVERIFY(!talk);
    QCOMPARE(QString::fromStdString(err.toString()), message);
  }
};

QTEST_APPLESS_MAIN(TestTalk)
#include "test_talk.moc"

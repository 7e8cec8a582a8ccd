// The author's talk itself (recordings/talk.radeau-talk): it parses, every
// step opens its prepared recording, every demonstration script is in it
// exactly once and in ladder order, both languages are written everywhere,
// the pauses lie inside their runs, a ❌ step stops at its checker finding
// and a ✅ one has none, and the clicker's "next" walks every pause in order.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QtTest>
#include <algorithm>

#include "core/talk.h"
#include "replay/playhead.h"
#include "replay/talk_player.h"

using namespace radeau;

namespace {
const QString kRecordings = QStringLiteral(RADEAU_SOURCE_DIR "/recordings");
const QString kTalk = kRecordings + QStringLiteral("/talk.radeau-talk");

// The demonstration scripts, by name without extension, in ladder order
// (their names are numbered by rung).
QStringList demonstrations() {
  QStringList names = QDir(kRecordings + "/scenarios").entryList({"*.radeau-script"}, QDir::Files, QDir::Name);
  for (QString& n : names) n.chop(QStringLiteral(".radeau-script").size());
  return names;
}

// A script's "# outcome:" line: works, fails or costs.
QString outcome(const QString& demonstration) {
  QFile f(kRecordings + "/scenarios/" + demonstration + ".radeau-script");
  if (!f.open(QIODevice::ReadOnly)) return {};
  while (!f.atEnd()) {
    const QString line = QString::fromUtf8(f.readLine()).trimmed();
    if (line.startsWith("# outcome:")) return line.mid(10).trimmed();
  }
  return {};
}

// Whether a script's failure is a write still unanswered when its run ends:
// `radeau-cli run` checks that at the end, an open-ended prepared recording
// never does, so such a step stops at a time, not at a finding (13c).
bool failsAtTheEnd(const QString& demonstration) {
  QFile f(kRecordings + "/scenarios/" + demonstration + ".radeau-script");
  return f.open(QIODevice::ReadOnly) && QString::fromUtf8(f.readAll()).contains("\nexpect finding write-never-acked");
}

// The demonstration a step opens: its recording (or script) name without extension.
QString demonstrationOf(const TalkStep& s) {
  QString name = QFileInfo(QString::fromStdString(s.source)).fileName();
  for (const char* ext : {".radeau-script", ".radeau"})
    if (name.endsWith(ext)) name.chop(int(strlen(ext)));
  return name;
}

bool bilingual(const BilingualText& t) { return !t.en.empty() && !t.fr.empty() && t.en != t.fr; }

Talk readTalk() {
  QFile f(kTalk);
  if (!f.open(QIODevice::ReadOnly)) return {};
  TalkError error;
  auto talk = parseTalk(f.readAll().toStdString(), kTalk.toStdString(), error);
  if (!talk) qWarning("%s", error.toString().c_str());
  return talk ? *talk : Talk{};
}
}  // namespace

class TestTalkFile : public QObject {
  Q_OBJECT
 private slots:
  void parsesWithBothLanguages() {
    const Talk talk = readTalk();
    QVERIFY2(!talk.steps.empty(), "recordings/talk.radeau-talk does not parse");
    QVERIFY(bilingual(talk.title));
    for (const TalkStep& s : talk.steps) {
      const QByteArray where = QByteArray("step '") + s.id.c_str() + "' (line " + QByteArray::number(s.line) + ")";
      QVERIFY2(bilingual(s.title), where + ": title needs English | Français");
      QVERIFY2(bilingual(s.caption), where + ": caption needs English | Français");
      QVERIFY2(bilingual(s.notes), where + ": notes need English | Français");
      QVERIFY2(bilingual(s.adds), where + ": concept needs English | Français");
      for (const TalkPause& p : s.pauses) {
        if (p.kind == TalkPause::Kind::At) QVERIFY2(bilingual(p.label), where + ": a timed pause needs a label in both languages");
        else if (!p.label.empty()) QVERIFY2(bilingual(p.label), where + ": a pause label needs both languages");
      }
      // Read in two seconds: "NN/35 · title — caption" holds on one line of
      // the window at 1920 px (about 116 characters), in both languages.
      for (Language l : {Language::English, Language::French}) {
        const int chars = QString::fromStdString(s.title.in(l) + " — " + s.caption.in(l)).size() + 8;
        QVERIFY2(chars <= 116, where + ": title and caption too long for one line (" + QByteArray::number(chars) +
                                   " characters in " + (l == Language::French ? "French" : "English") + ")");
      }
    }
  }

  void everyDemonstrationOnceInLadderOrder() {
    const Talk talk = readTalk();
    const QStringList scripts = demonstrations();
    QCOMPARE(scripts.size(), 51);
    QStringList opened;
    for (const TalkStep& s : talk.steps) opened << demonstrationOf(s);
    for (const QString& d : scripts)
      QVERIFY2(opened.count(d) == 1, qPrintable(d + " must be in the talk exactly once (it is there " +
                                                QString::number(opened.count(d)) + " times)"));
    // Nothing else, in the ladder's order.
    QCOMPARE(opened, scripts);
  }

  void everyStepOpensWithItsPausesInsideItsRun() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QString error;
    QVERIFY2(player.load(kTalk, error), qPrintable(error));
    for (int i = 0; i < player.stepCount(); ++i) {
      QVERIFY2(player.open(i, error), qPrintable(error));
      const TalkStep& s = *player.step();
      const QByteArray where = QByteArray("step '") + s.id.c_str() + "'";
      QVERIFY2(QString::fromStdString(s.source).endsWith(".radeau"), where + ": opens its prepared recording");
      const Time end = player.run()->endTime(0);
      for (const TalkPause& p : s.pauses)
        if (p.kind == TalkPause::Kind::At)
          QVERIFY2(p.at_us > 0 && p.at_us < end, where + ": pause at " + QByteArray::number(qint64(p.at_us)) +
                                                     " us outside the run (0.." + QByteArray::number(qint64(end)) + ")");
      QVERIFY2(!s.pauses.empty() && s.pauses.back().kind == TalkPause::Kind::End, where + ": ends with 'pause end'");
      // Every pause is its own instant (two on one instant would stop only once).
      QCOMPARE(int(player.pauseTimes().size()), int(s.pauses.size()));
    }
  }

  void failingStepsStopAtTheirFinding() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QString error;
    QVERIFY2(player.load(kTalk, error), qPrintable(error));
    for (int i = 0; i < player.stepCount(); ++i) {
      QVERIFY2(player.open(i, error), qPrintable(error));
      const TalkStep& s = *player.step();
      const QString result = outcome(demonstrationOf(s));
      const QByteArray where = QByteArray("step '") + s.id.c_str() + "' (" + result.toUtf8() + ")";
      QVERIFY2(result == "works" || result == "fails" || result == "costs" || result == "leaves",
               where + ": script has no '# outcome:'");
      const bool has_finding_pause = std::any_of(s.pauses.begin(), s.pauses.end(),
                                                 [](const TalkPause& p) { return p.kind == TalkPause::Kind::FirstFinding; });
      const Journal& j = player.run()->journal(0);
      auto finding = std::find_if(j.events().begin(), j.events().end(),
                                  [](const Event& e) { return e.kind == EventKind::Finding; });
      // A step that "leaves" a problem to a later rung stops at that finding, as a ❌ does.
      if (result == "fails" && failsAtTheEnd(demonstrationOf(s))) {
        QVERIFY2(!has_finding_pause, where + ": its finding comes only when a checked run ends");
      } else if (result == "fails" || result == "leaves") {
        QVERIFY2(has_finding_pause, where + ": a ❌ step needs 'pause finding'");
        QVERIFY2(finding != j.events().end(), where + ": the run has no finding");
        // Each finding pause is an instant where the checker reports (of its kind).
        int stops = 0;
        for (int k = 0; k < int(player.pauseTimes().size()); ++k) {
          const TalkPause& p = s.pauses[size_t(player.pauseSource(k))];
          if (p.kind != TalkPause::Kind::FirstFinding) continue;
          const Time t = player.pauseTimes()[size_t(k)];
          QVERIFY2(t > 0, where + ": a finding at the very start is not a pause (the step opens there)");
          QVERIFY2(std::any_of(j.events().begin(), j.events().end(), [&](const Event& e) {
                     return e.kind == EventKind::Finding && e.time_us == t && (!p.finding || e.findingKind() == *p.finding);
                   }),
                   where + ": playback does not stop at a finding");
          ++stops;
        }
        QVERIFY2(stops > 0, where + ": its finding pause never happens");
      } else {
        QVERIFY2(!has_finding_pause, where + ": a step that works has no finding to stop at");
        // A step that works may show a write failing safely (05c), never a safety finding.
        QVERIFY2(std::none_of(j.events().begin(), j.events().end(),
                              [](const Event& e) {
                                return e.kind == EventKind::Finding && isSafetyFinding(e.findingKind());
                              }),
                 where + ": the checker finds something in a step that works");
      }
    }
  }

  void nextWalksEveryPauseInOrder() {
    Playhead playhead(nullptr);
    TalkPlayer player(&playhead);
    QString error;
    QVERIFY2(player.load(kTalk, error), qPrintable(error));
    QSignalSpy paused(&player, &TalkPlayer::paused);
    for (int i = 0; i < player.stepCount(); ++i) {
      QCOMPARE(player.current(), i);
      QCOMPARE(playhead.time(), Time(0));
      const std::vector<Time> times = player.pauseTimes();
      const Time end = player.run()->endTime(0);
      for (size_t k = 0; k < times.size(); ++k) {
        paused.clear();
        player.next();
        QVERIFY(playhead.playing());
        playhead.seek(end);  // the wall clock, fast: playback must still stop at the pause
        QVERIFY2(!playhead.playing(), qPrintable(QStringLiteral("step %1 went past pause %2").arg(i + 1).arg(k + 1)));
        QCOMPARE(playhead.time(), times[k]);
        QCOMPARE(paused.count(), 1);
        QCOMPARE(paused.at(0).at(0).toInt(), int(k));
      }
      QCOMPARE(playhead.time(), end);
      player.next();  // at the end of the step: the next one
    }
    QCOMPARE(player.current(), player.stepCount() - 1);
  }
};

QTEST_MAIN(TestTalkFile)
#include "test_talk_file.moc"

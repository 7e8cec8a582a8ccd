// Golden transcripts of every demonstration: what `radeau-cli run SCRIPT
// --transcript` prints for each recordings/scenarios/NAME.radeau-script is
// committed as tests/data/transcripts/NAME.txt. A change of behaviour shows
// as a readable diff of events, not as "the recording is stale".
//
// After a deliberate change, rewrite them and read the diff before committing:
//   RADEAU_REWRITE_TRANSCRIPTS=1 build/bin/test-transcripts
#include <QDir>
#include <QFile>
#include <QtTest>
#include <sstream>

#include "app/cli/cli.h"

namespace {

const QString kScenarios = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/scenarios");
const QString kGoldens = QStringLiteral(RADEAU_SOURCE_DIR "/tests/data/transcripts");

QStringList lines(const QByteArray& text) {
  QStringList l = QString::fromUtf8(text).split(QLatin1Char('\n'));
  if (!l.isEmpty() && l.last().isEmpty()) l.removeLast();
  return l;
}

// The first line that differs, with two lines of context on either side.
QString firstDifference(const QByteArray& expected, const QByteArray& actual) {
  const QStringList e = lines(expected), a = lines(actual);
  qsizetype i = 0;
  while (i < e.size() && i < a.size() && e[i] == a[i]) ++i;
  QString out = QStringLiteral("first difference at line %1 (golden %2 lines, now %3):\n").arg(i + 1).arg(e.size()).arg(a.size());
  for (qsizetype k = std::max<qsizetype>(0, i - 2); k < i; ++k) out += QStringLiteral("  ") + e[k] + QLatin1Char('\n');
  for (qsizetype k = i; k < std::min(e.size(), i + 3); ++k) out += QStringLiteral("- ") + e[k] + QLatin1Char('\n');
  for (qsizetype k = i; k < std::min(a.size(), i + 3); ++k) out += QStringLiteral("+ ") + a[k] + QLatin1Char('\n');
  return out;
}

}  // namespace

class TestTranscripts : public QObject {
  Q_OBJECT
 private slots:
  void everyScenarioHasItsGolden() {
    // Both ways: a new demonstration needs its transcript, a removed one takes it along.
    QStringList scripts, goldens;
    for (const QString& f : QDir(kScenarios).entryList({QStringLiteral("*.radeau-script")}, QDir::Files))
      scripts << f.chopped(int(std::strlen(".radeau-script")));
    for (const QString& f : QDir(kGoldens).entryList({QStringLiteral("*.txt")}, QDir::Files)) goldens << f.chopped(4);
    QVERIFY(scripts.size() >= 35);
    if (!qEnvironmentVariableIsSet("RADEAU_REWRITE_TRANSCRIPTS")) QCOMPARE(goldens, scripts);
  }

  void transcript_data() {
    QTest::addColumn<QString>("stem");
    for (const QString& f : QDir(kScenarios).entryList({QStringLiteral("*.radeau-script")}, QDir::Files))
      QTest::newRow(qPrintable(f)) << f.chopped(int(std::strlen(".radeau-script")));
  }
  void transcript() {
    QFETCH(QString, stem);
    // Run from the source tree so that the file name printed is the same on every machine.
    QVERIFY(QDir::setCurrent(QStringLiteral(RADEAU_SOURCE_DIR)));
    const std::string script = "recordings/scenarios/" + stem.toStdString() + ".radeau-script";
    std::ostringstream out, err;
    const int rc = radeau::cli::run({script, "--transcript"}, out, err);
    const QByteArray actual = QByteArray::fromStdString(out.str());
    const QString golden = kGoldens + QLatin1Char('/') + stem + QStringLiteral(".txt");
    if (qEnvironmentVariableIsSet("RADEAU_REWRITE_TRANSCRIPTS")) {
      QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1: %2").arg(rc).arg(QString::fromStdString(err.str()))));
      QVERIFY(QDir().mkpath(kGoldens));
      QFile f(golden);
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      QCOMPARE(f.write(actual), actual.size());
      return;
    }
    QFile f(golden);
    QVERIFY2(f.open(QIODevice::ReadOnly),
             qPrintable(golden + QStringLiteral(" is missing: RADEAU_REWRITE_TRANSCRIPTS=1 build/bin/test-transcripts")));
    const QByteArray expected = f.readAll();
    if (expected != actual) {
      // The run's own summary line names its seed ("seed 7, concepts ...").
      QString seed;
      for (const QString& l : lines(actual))
        if (l.startsWith(QStringLiteral("seed "))) seed = l.section(QLatin1Char(','), 0, 0);
      QFAIL(qPrintable(QStringLiteral("%1 (%2, %3): the run differs from its golden transcript; %4"
                                      "if the change is meant: RADEAU_REWRITE_TRANSCRIPTS=1 build/bin/test-transcripts, then read the diff")
                           .arg(stem, QString::fromStdString(script), seed, firstDifference(expected, actual))));
    }
    // The demonstrations' own `expect` lines hold (1 would be a broken demonstration).
    QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1: %2").arg(rc).arg(QString::fromStdString(err.str()))));
  }
};

QTEST_GUILESS_MAIN(TestTranscripts)
#include "test_transcripts.moc"

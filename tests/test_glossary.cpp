// The French the audience reads follows one glossary (resources/glossary.tsv):
// the talk, the window's translation and core's formatter use the author's
// words (follower, term, heartbeat, commit…) and French typography (no-break
// space before : ; ? ! and inside « », decimal commas). The checker itself is
// tested on bad texts so that it cannot pass by finding nothing.
#include <QtTest>

#include <QFile>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include "core/concepts.h"
#include "core/format.h"

using namespace radeau;

namespace {

struct Forbidden {
  QRegularExpression pattern;
  QString use;  // the glossary's French word
};

struct Text {
  QString where;  // "file:line"
  QString french;
  // Command-line help (radeau-cli, radeau-node): its numbers are what the user
  // types ("--at 2.5s"; the parser takes a decimal point, not a comma).
  bool typed_numbers = false;
};

QString readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll());
}

std::vector<Forbidden> loadGlossary(QString& error) {
  std::vector<Forbidden> out;
  const QString path = QStringLiteral(RADEAU_SOURCE_DIR "/resources/glossary.tsv");
  const QString text = readAll(path);
  if (text.isEmpty()) error = "cannot read " + path;
  int line = 0;
  for (const QString& l : text.split('\n')) {
    ++line;
    if (l.startsWith('#') || l.trimmed().isEmpty()) continue;
    const QStringList cols = l.split('\t');
    if (cols.size() < 3 || cols[0] != "word") {
      error = QString("%1:%2: expected word<TAB>english<TAB>french<TAB>forbidden").arg(path).arg(line);
      return out;
    }
    if (cols.size() < 4 || cols[3].trimmed().isEmpty()) continue;
    QRegularExpression re("(?<![\\w-])(" + cols[3].trimmed() + ")(?![\\w-])",
                          QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    if (!re.isValid()) {
      error = QString("%1:%2: bad pattern: %3").arg(path).arg(line).arg(re.errorString());
      return out;
    }
    out.push_back({re, cols[2]});
  }
  return out;
}

// What is wrong with one French text; empty when it is right.
QStringList problems(const QString& french, const std::vector<Forbidden>& glossary, bool typed_numbers = false) {
  QStringList out;
  for (const Forbidden& f : glossary) {
    auto m = f.pattern.match(french);
    if (m.hasMatch()) out << QString("'%1' (say: %2)").arg(m.captured(1), f.use);
  }
  static const QRegularExpression space_before(" [:;?!]");
  if (french.contains(space_before)) out << "plain space before : ; ? ! (use a no-break space)";
  static const QRegularExpression open_quote("«(?![\\x{00a0}\\x{202f}])");
  static const QRegularExpression close_quote("(?<![\\x{00a0}\\x{202f}])»");
  if (french.contains(open_quote) || french.contains(close_quote)) out << "« » without no-break spaces";
  static const QRegularExpression decimal_point("\\b\\d+\\.\\d+\\s?(s|ms|µs|%|×|x)(?!\\w)");
  if (!typed_numbers && french.contains(decimal_point)) out << "decimal point in a French number (use a comma)";
  return out;
}

// The French half of the talk's "English | Français" lines.
std::vector<Text> talkTexts() {
  std::vector<Text> out;
  const QString path = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/talk.radeau-talk");
  const QStringList lines = readAll(path).split('\n');
  for (int i = 0; i < lines.size(); ++i) {
    const QString& l = lines[i];
    if (l.startsWith('#')) continue;
    const int bar = l.indexOf(" | ");
    if (bar < 0) continue;
    out.push_back({QString("talk.radeau-talk:%1").arg(i + 1), l.mid(bar + 3)});
  }
  return out;
}

std::vector<Text> translationTexts() {
  std::vector<Text> out;
  QFile f(QStringLiteral(RADEAU_SOURCE_DIR "/resources/radeau_fr.ts"));
  if (!f.open(QIODevice::ReadOnly)) return out;
  QXmlStreamReader xml(&f);
  QString context;
  while (!xml.atEnd()) {
    if (xml.readNext() != QXmlStreamReader::StartElement) continue;
    if (xml.name() == QLatin1String("name")) context = xml.readElementText();
    if (xml.name() == QLatin1String("translation")) {
      const qint64 line = xml.lineNumber();
      const bool command_line = context == QLatin1String("radeau::cli") || context == QLatin1String("radeau::node");
      out.push_back({QString("radeau_fr.ts:%1").arg(line), xml.readElementText(), command_line});
    }
  }
  return out;
}

std::vector<Text> formatterTexts() {
  std::vector<Text> out;
  int i = 0;
  for (std::string_view p : formatterPhrases(Language::French))
    out.push_back({QString("core/format.cpp phrase %1").arg(i++), QString::fromUtf8(p.data(), qsizetype(p.size()))});
  for (int c = 0; c < kConceptCount; ++c) {
    std::string_view d = conceptDescription(Concept(c), Language::French);
    out.push_back({QString("core/concepts.cpp %1").arg(QString::fromUtf8(conceptName(Concept(c)).data())),
                   QString::fromUtf8(d.data(), qsizetype(d.size()))});
  }
  return out;
}

}  // namespace

class TestGlossary : public QObject {
  Q_OBJECT

 private slots:
  void glossaryLoads() {
    QString error;
    auto g = loadGlossary(error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(g.size() >= 6);
  }

  // The checker finds what it must: a forbidden word, each typography fault.
  void checkerCatchesBadFrench_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    QTest::newRow("forbidden word") << QString("Sophie passe au mandat 3") << "'mandat'";
    QTest::newRow("plural forbidden word") << QString("les suiveurs acquittent") << "'suiveurs'";
    QTest::newRow("plain space before colon") << QString("Michel : leader") << "plain space";
    QTest::newRow("plain space before ?") << QString("Que reste-t-il ?") << "plain space";
    QTest::newRow("quote without no-break") << QString("« A » est perdue") << "« »";
    QTest::newRow("decimal point") << QString("un timeout de 0.5 s") << "decimal point";
  }
  void checkerCatchesBadFrench() {
    QFETCH(QString, text);
    QFETCH(QString, problem);
    QString error;
    const auto g = loadGlossary(error);
    const QStringList found = problems(text, g);
    QVERIFY2(!found.isEmpty() && found.join(' ').contains(problem), qPrintable(text + " -> " + found.join("; ")));
  }
  void checkerAcceptsGoodFrench() {
    QString error;
    const auto g = loadGlossary(error);
    const QString good = QString::fromUtf8("Le follower passe au term 3\u00a0: «\u00a0A\u00a0» est commitée en 0,5 s\u00a0!");
    QVERIFY2(problems(good, g).isEmpty(), qPrintable(problems(good, g).join("; ")));
    // Words that only contain a forbidden one are fine.
    QVERIFY(problems(QString::fromUtf8("sa candidature, une validité"), g).isEmpty());
  }

  void talkFollowsGlossary() { checkAll(talkTexts(), 100); }
  void translationFollowsGlossary() { checkAll(translationTexts(), 100); }
  void formatterFollowsGlossary() { checkAll(formatterTexts(), 50); }

 private:
  void checkAll(const std::vector<Text>& texts, size_t at_least) {
    QVERIFY2(texts.size() >= at_least, qPrintable(QString("only %1 French texts read").arg(texts.size())));
    QString error;
    const auto g = loadGlossary(error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList report;
    for (const Text& t : texts)
      for (const QString& p : problems(t.french, g, t.typed_numbers)) report << t.where + ": " + p + ": " + t.french.left(80);
    QVERIFY2(report.isEmpty(), qPrintable(QString("%1 problem(s):\n").arg(report.size()) + report.join('\n')));
  }
};

QTEST_GUILESS_MAIN(TestGlossary)
#include "test_glossary.moc"

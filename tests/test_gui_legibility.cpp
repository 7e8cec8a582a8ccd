// What a presenter needs readable from the back of the room: an entry box
// shows the write's text large (the term small, only when entries carry
// one), long texts are cut to fit, and message labels never hide a node's
// disc, badge or name, in the prepared recordings with 3, 5 and 9 nodes.
#include <QtTest>

#include <QDir>
#include <QImage>
#include <QPainter>
#include <set>

#include "app/render/cluster_picture.h"
#include "app/render/frame_export.h"
#include "app/gui/log_view.h"
#include "app/render/theme.h"
#include "core/script.h"
#include "replay/recording_file.h"
#include "replay/run.h"

using namespace radeau;
using namespace radeau::gui;

namespace {

const QRectF kBox(0, 0, 62, 40);  // an entry box as the panel and the slides draw it

LogCell cell(const QString& text, bool show_term, uint32_t term = 2) {
  LogCell c;
  c.present = true;
  c.term = term;
  c.text = text;
  c.show_term = show_term;
  c.committed = true;
  return c;
}

// Height in pixels of what a cell's text adds to its box: the cell painted
// with `text` against the same cell with an invisible text.
int textInkHeight(const LogCell& c) {
  auto paint = [](const LogCell& x) {
    QImage img(80, 60, QImage::Format_ARGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    paintLogCell(p, x, kBox.translated(9, 10), Theme());
    p.end();
    return img;
  };
  LogCell blank = c;
  blank.text = QStringLiteral(" ");
  const QImage a = paint(c), b = paint(blank);
  int top = a.height(), bottom = -1;
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x)
      if (a.pixel(x, y) != b.pixel(x, y)) {
        top = std::min(top, y);
        bottom = std::max(bottom, y);
      }
  return bottom < 0 ? 0 : bottom - top + 1;
}

// The crowd of nine in the Raft this test was written for: rung 13's longer
// "pre-vote? t2" label finds no place off Michel in it at boost 1.8 (left to
// the label placement, noted on issue 15); the 13a-13d recordings above do
// check pre-vote labels.
std::unique_ptr<Run> nineNodes() {
  ScriptError error;
  auto s = parseScenario("nodes 9\nconcepts full -pre-vote -check-quorum\nseed 4\n"
                         "at 1s write Michel \"hello world\"\nat 1.2s write Sophie \"B\"\n"
                         "at 1.6s crash Bernard\nuntil 3s\n",
                         "nine", error);
  if (!s) qFatal("%s", error.toString().c_str());
  return std::make_unique<Run>(s->config, s->actions, s->until_us);
}

}  // namespace

class TestGuiLegibility : public QObject {
  Q_OBJECT

 private slots:
  void writeTextIsTheLargeGlyph();
  void termOnlyWithEntryTerms();
  void longTextsAreElidedToFit();
  void noopsGetASmallMark();
  void logCellsFollowTheConcepts();
  void labelsKeepOffNodes();
};

void TestGuiLegibility::writeTextIsTheLargeGlyph() {
  for (bool terms : {false, true}) {
    const LogCellLayout l = logCellLayout(cell("A", terms), kBox);
    QCOMPARE(l.text, QStringLiteral("A"));
    QVERIFY(l.text_font.bold());
    QVERIFY2(l.text_font.pixelSize() >= 22, qPrintable(QString::number(l.text_font.pixelSize())));
    if (terms) QVERIFY(l.term_font.pixelSize() < l.text_font.pixelSize());
    QVERIFY(kBox.contains(l.text_rect));
  }
  // Drawn, not only laid out: a capital is more than 15 px tall in a 40 px box.
  const int ink = textInkHeight(cell("W", false));
  QVERIFY2(ink >= 16 && ink <= 40, qPrintable(QString::number(ink)));
  QVERIFY(textInkHeight(cell("W", true)) >= 14);
}

void TestGuiLegibility::termOnlyWithEntryTerms() {
  QCOMPARE(logCellLayout(cell("A", false, 3), kBox).term, QString());
  const LogCellLayout l = logCellLayout(cell("A", true, 3), kBox);
  QCOMPARE(l.term, QStringLiteral("t3"));
  QVERIFY(kBox.contains(l.term_rect));
  QVERIFY(!l.term_rect.intersects(QRectF(l.text_rect.center(), QSizeF(1, 1))));  // beside the text, not on it
}

void TestGuiLegibility::longTextsAreElidedToFit() {
  for (bool terms : {false, true}) {
    const LogCellLayout l = logCellLayout(cell("hello world", terms), kBox);
    QVERIFY2(l.text != QStringLiteral("hello world") && l.text.endsWith(QChar(0x2026)), qPrintable(l.text));
    QVERIFY(l.text.startsWith(QStringLiteral("he")));
    QVERIFY(QFontMetricsF(l.text_font).horizontalAdvance(l.text) <= l.text_rect.width());
    QVERIFY(kBox.contains(l.text_rect));
  }
  // A text that fits a smaller size shrinks rather than being cut.
  const LogCellLayout l = logCellLayout(cell("x=10", false), kBox);
  QCOMPARE(l.text, QStringLiteral("x=10"));
}

void TestGuiLegibility::noopsGetASmallMark() {
  LogCell noop = cell("no-op", false);
  noop.noop = true;
  const LogCellLayout l = logCellLayout(noop, kBox);
  QVERIFY(!l.text.isEmpty());
  QVERIFY(l.text_font.pixelSize() < logCellLayout(cell("A", false), kBox).text_font.pixelSize());
  QCOMPARE(logCellLayout(cell("", false), kBox).text, QStringLiteral("·"));  // a write with no text
}

void TestGuiLegibility::logCellsFollowTheConcepts() {
  std::string error;
  for (auto [name, terms] : {std::pair{"05b-candidate-lagging-node-elected", false},
                             std::pair{"11a-commit-figure8-committed-entry-overwritten", true}}) {
    auto run = loadRun(QStringLiteral(RADEAU_SOURCE_DIR "/recordings/%1.radeau").arg(name), error);
    QVERIFY2(run, error.c_str());
    const Frame f = frameAt(*run, 0, run->endTime(0));
    QCOMPARE(f.state.concepts.has(Concept::EntryTerms), terms);
    int present = 0;
    for (const auto& row : logCells(f.state, *f.journal, 1, 4))
      for (const LogCell& c : row)
        if (c.present) {
          ++present;
          QCOMPARE(c.show_term, terms);
          QCOMPARE(logCellLayout(c, kBox).term.isEmpty(), !terms);
        }
    QVERIFY(present > 0);
  }
}

void TestGuiLegibility::labelsKeepOffNodes() {
  std::vector<std::unique_ptr<Run>> runs;
  QStringList names;
  std::string error;
  const QStringList files = QDir(QStringLiteral(RADEAU_SOURCE_DIR "/recordings")).entryList({"*.radeau"}, QDir::Files);
  QVERIFY(files.size() >= 20);
  for (const QString& f : files) {
    runs.push_back(loadRun(QStringLiteral(RADEAU_SOURCE_DIR "/recordings/") + f, error));
    QVERIFY2(runs.back(), error.c_str());
    names << f;
  }
  runs.push_back(nineNodes());
  names << QStringLiteral("nine nodes");
  std::set<size_t> sizes;
  int labels = 0, crossing = 0, covering = 0;
  for (size_t r = 0; r < runs.size(); ++r) {
    const auto& run = runs[r];
    const Time end = run->endTime(0), step = frameAt(*run, 0, 0).state.node_count >= 9 ? 20'000 : 60'000;
    for (Time t = 0; t <= end; t += step) {
      const Frame frame = frameAt(*run, 0, t);
      for (double boost : {1.0, 1.8}) {  // slides, and the window at 1280x720
        const ClusterPicture p = drawCluster(frame, boost);
        sizes.insert(p.nodes.size());
        for (size_t i = 0; i < p.messages.size(); ++i) {
          const MessageGlyph& m = p.messages[i];
          ++labels;
          const QString where = QStringLiteral("%4: \"%1\" at %2 us, boost %3").arg(m.label).arg(t).arg(boost).arg(names[int(r)]);
          QVERIFY2(!m.label_rect.isEmpty(), qPrintable(where));
          QVERIFY2(QRectF(0, 0, kSceneWidth, kSceneHeight).contains(m.label_rect), qPrintable(where));
          for (const NodeGlyph& g : p.nodes) {
            const NodeArea a = nodeArea(g, boost);
            if (rectTouchesDisc(m.label_rect, a.centre, a.disc_radius) || m.label_rect.intersects(a.badge) ||
                m.label_rect.intersects(a.name)) {
              ++covering;
              qInfo("%s on %s", qPrintable(where), qPrintable(g.name));
            }
          }
          for (size_t k = 0; k < i; ++k) crossing += m.label_rect.intersects(p.messages[k].label_rect);
        }
      }
    }
  }
  QVERIFY(sizes.count(3) && sizes.count(5) && sizes.count(9));
  QVERIFY(labels > 500);
  qInfo("%d labels, %d pairs overlapping, %d covering a node", labels, crossing, covering);
  QCOMPARE(covering, 0);
  QVERIFY2(crossing * 50 <= labels, qPrintable(QString::number(crossing)));  // nudged apart, nearly always
}

QTEST_MAIN(TestGuiLegibility)
#include "test_gui_legibility.moc"

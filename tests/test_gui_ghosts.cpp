// Ghosts and the "no violation" end on the slide painter (frame_export), the
// code the window's logs and the stage share: a lost acknowledged write is
// painted at its index, outlined in the finding colour; a run that ends with
// no safety finding ends on the green banner, and a finding never does.
#include <QtTest>

#include <QDir>
#include <QGuiApplication>
#include <QImage>

#include "app/render/frame_export.h"
#include "app/render/theme.h"
#include "replay/recording_file.h"
#include "replay/run.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
std::unique_ptr<Run> prepared(const QString& prefix) {
  const QDir dir(QStringLiteral(RADEAU_SOURCE_DIR "/recordings"));
  const QStringList found = dir.entryList({prefix + QStringLiteral("-*.radeau")}, QDir::Files);
  if (found.size() != 1) qFatal("no single recording %s", qPrintable(prefix));
  std::string error;
  auto rec = loadRecordingFile(dir.filePath(found.front()), error);
  if (!rec) qFatal("%s", error.c_str());
  return runFromRecording(std::move(*rec));
}

Time firstFindingTime(const Run& run, FindingKind kind) {
  for (const Event& e : run.journal(0).events())
    if (e.kind == EventKind::Finding && e.findingKind() == kind) return e.time_us;
  return -1;
}

bool near(QColor a, QColor b, int tolerance = 24) {
  return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
         std::abs(a.blue() - b.blue()) <= tolerance;
}

int pixelsNear(const QImage& image, const QRectF& box, QColor colour, int tolerance = 24) {
  int n = 0;
  const QRect r = box.toAlignedRect().intersected(image.rect());
  for (int y = r.top(); y <= r.bottom(); ++y)
    for (int x = r.left(); x <= r.right(); ++x) n += near(image.pixelColor(x, y), colour, tolerance);
  return n;
}

int pixelsDiffering(const QImage& a, const QImage& b, const QRectF& box) {
  int n = 0;
  const QRect r = box.toAlignedRect().intersected(a.rect());
  for (int y = r.top(); y <= r.bottom(); ++y)
    for (int x = r.left(); x <= r.right(); ++x) n += a.pixel(x, y) != b.pixel(x, y);
  return n;
}
}  // namespace

class TestGuiGhosts : public QObject {
  Q_OBJECT
 private slots:
  void lostAckedWriteIsPaintedAsAGhost_data() {
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<bool>("dark");
    QTest::newRow("05b light") << "05b" << false;
    QTest::newRow("05b dark") << "05b" << true;
    QTest::newRow("01b light") << "01b" << false;
    QTest::newRow("07b light") << "07b" << false;
  }
  void lostAckedWriteIsPaintedAsAGhost() {
    QFETCH(QString, scenario);
    QFETCH(bool, dark);
    const Theme theme(dark ? Scheme::Dark : Scheme::Light);
    auto run = prepared(scenario);
    const Time lost = firstFindingTime(*run, FindingKind::AckedWriteLost);
    QVERIFY(lost >= 0);
    for (Time t : {lost, run->endTime(0)}) {  // at the loss and still at the end
      const Frame frame = frameAt(*run, 0, t);
      const Event* f = frame.latestFinding();
      QVERIFY(f);
      const auto boxes = frameGhostBoxes(kDefaultExportSize, frame);
      const auto acked = std::find_if(boxes.begin(), boxes.end(), [](const GhostBox& g) { return g.acked; });
      QVERIFY2(acked != boxes.end(), "no acknowledged ghost painted");
      if (t == lost) QCOMPARE(acked->index, f->index());  // the index the finding banner names
      QVERIFY(QRectF(QPointF(0, 0), QSizeF(kDefaultExportSize)).contains(acked->box));
      const QImage with = frameImage(frame, {}, theme);
      Frame bare = frame;
      bare.ghosts.clear();
      const QImage without = frameImage(bare, {}, theme);
      // Painted: the box differs from the same slide without ghosts, and is outlined in the finding colour.
      QVERIFY(pixelsDiffering(with, without, acked->box) > int(acked->box.width() * acked->box.height() / 4));
      QVERIFY2(pixelsNear(with, acked->box, theme.danger()) > int(acked->box.width()),
               "the acknowledged write's ghost is not outlined in the finding colour");
      QVERIFY(!frame.no_violation);
    }
  }

  void cleanEndShowsTheGreenBanner_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
  }
  void cleanEndShowsTheGreenBanner() {
    QFETCH(bool, dark);
    const Theme theme(dark ? Scheme::Dark : Scheme::Light);
    auto run = prepared(QStringLiteral("01a"));
    Frame end = frameAt(*run, 0, run->endTime(0));
    QVERIFY(end.no_violation);
    QVERIFY(end.ghosts.empty());
    end.lesson = "\"A\" survives";
    const FrameLayout l = frameLayout(kDefaultExportSize, end);
    QVERIFY(!l.banner.isEmpty());
    const QImage image = frameImage(end, {}, theme);
    QVERIFY(pixelsNear(image, l.banner, theme.passed(), 6) > int(l.banner.width() * l.banner.height() / 2));
    QVERIFY(Theme::contrast(theme.passed(), theme.onPassed()) >= 4.5);
    // Before the end: no banner at all.
    const Frame mid = frameAt(*run, 0, run->endTime(0) / 2);
    QVERIFY(!mid.no_violation);
    QVERIFY(frameLayout(kDefaultExportSize, mid).banner.isEmpty());
  }

  void findingNeverShowsTheGreenBanner() {
    const Theme theme;
    auto run = prepared(QStringLiteral("05b"));
    const Time lost = firstFindingTime(*run, FindingKind::AckedWriteLost);
    for (Time t : {lost, run->endTime(0)}) {
      const Frame frame = frameAt(*run, 0, t);
      QVERIFY(!frame.no_violation);
      const FrameLayout l = frameLayout(kDefaultExportSize, frame);
      const QImage image = frameImage(frame, {}, theme);
      QCOMPARE(pixelsNear(image, l.banner, theme.passed(), 6), 0);
      QVERIFY(pixelsNear(image, l.banner, theme.danger(), 6) > int(l.banner.width() * l.banner.height() / 2));
    }
  }
};

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  TestGuiGhosts t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_gui_ghosts.moc"

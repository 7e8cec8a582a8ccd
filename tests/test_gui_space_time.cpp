// The space-time view (issue 18): the same messages as the journal, nothing
// after the playhead, and a click seeks.
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <array>

#include "app/gui/main_window.h"
#include "app/gui/space_time.h"
#include "app/render/theme.h"
#include "replay/playhead.h"
#include "replay/recording_file.h"
#include "replay/run.h"
#include "support/cli_support.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
const QString kRecording = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/05b-candidate-lagging-node-elected.radeau");
const QString kLossy = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/06b-log-length-vote-reconnect-two-leaders.radeau");

std::unique_ptr<Run> load(const QString& path) {
  std::string error;
  auto run = loadRun(path, error);
  if (!run) qFatal("%s", error.c_str());
  return run;
}

SpaceTimeScene wholeRun(const Run& run, Time now) {
  return buildSpaceTime(run.config(), run.journal(0), run.projection(0).stateAt(0), 0, run.endTime(0) + 1, now);
}
}  // namespace

class TestGuiSpaceTime : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  // Over the whole run, one arrow per message sent, per kind; one cross per drop.
  void sameMessagesAsTheJournal_data() {
    QTest::addColumn<QString>("path");
    QTest::newRow("05b") << kRecording;
    QTest::newRow("06b") << kLossy;
  }
  void sameMessagesAsTheJournal() {
    QFETCH(QString, path);
    auto run = load(path);
    const Journal& j = run->journal(0);
    std::array<int, int(kLastMsgType) + 1> sent{}, drawn{};
    int drops = 0, crosses = 0;
    for (const Event& e : j.events()) {
      if (e.kind == EventKind::MessageSent) ++sent[e.sub];
      if (e.kind == EventKind::MessageDropped) ++drops;
    }
    const SpaceTimeScene s = wholeRun(*run, run->endTime(0) + 1);
    for (const auto& a : s.arrows) {
      ++drawn[size_t(a.type)];
      crosses += a.dropped;
      QVERIFY(a.arrived != a.dropped || (!a.arrived && !a.dropped));
    }
    QCOMPARE(drawn, sent);
    QCOMPARE(crosses, drops);
    QVERIFY(std::accumulate(sent.begin(), sent.end(), 0) > 10);
  }

  // A window in the middle: the messages in flight at its start are there, and nothing after `now`.
  void nothingAfterThePlayhead() {
    auto run = load(kRecording);
    const Time from = run->endTime(0) / 3, now = run->endTime(0) / 2, to = run->endTime(0);
    const SpaceTimeScene s = buildSpaceTime(run->config(), run->journal(0), run->projection(0).stateAt(from), from, to, now);
    QVERIFY(!s.arrows.empty());
    for (const auto& a : s.arrows) {
      QVERIFY(a.sent_us <= now);
      QVERIFY(a.end_us <= now);
      QVERIFY(a.end_us >= from || a.sent_us < from);
    }
    for (const auto& seg : s.segments) QVERIFY(seg.to_us <= now);
    // The leader's stretch is on its lane: 05b elects someone before its middle.
    const ClusterState at_now = run->projection(0).stateAt(now);
    for (int n = 0; n < at_now.node_count; ++n)
      if (at_now.nodes[size_t(n)].role == Role::Leader) {
        bool shown = false;
        for (const auto& seg : s.segments) shown |= seg.node == n && seg.role == Role::Leader && seg.to_us == now;
        QVERIFY(shown);
      }
  }

  // In the window: F4 shows it, it follows the playhead, a click on an arrow seeks to its send.
  void inTheWindowAClickSeeks() {
    MainWindow w;
    w.setInteractive(false);
    w.resize(1600, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openFile(kRecording));
    w.playhead()->seek(w.run()->endTime(0));
    QTest::keyClick(&w, Qt::Key_F4);
    SpaceTimeView* v = w.spaceTimeView();
    QTRY_VERIFY(v->isVisible());
    v->setSpan(200'000);  // zoomed in: messages of 10-20 ms become slanted arrows
    if (const QString dir = qEnvironmentVariable("RADEAU_SCREENSHOT_DIR"); !dir.isEmpty())
      w.grab().save(dir + QStringLiteral("/space-time.png"));
    QCOMPARE(v->scene().now_us, w.playhead()->time());
    QVERIFY(!v->scene().arrows.empty());
    // The arrow whose middle is farthest from any other arrow's: click its middle.
    const auto& arrows = v->scene().arrows;
    const SpaceTimeScene::Arrow* target = nullptr;
    for (const auto& a : arrows)
      if (a.arrived && v->xOf(a.deliver_us) - v->xOf(a.sent_us) > 8 && a.sent_us > v->scene().from_us) target = &a;
    QVERIFY(target);
    const Time sent = target->sent_us;
    const QPointF mid((v->xOf(target->sent_us) + v->xOf(target->deliver_us)) / 2, (v->yOf(target->from) + v->yOf(target->to)) / 2);
    QTest::mouseClick(v, Qt::LeftButton, {}, mid.toPoint());
    // The click picks the nearest arrow: its send time, whichever of the arrows crossing there it is.
    bool on_a_send = false;
    for (const auto& a : arrows) on_a_send |= a.sent_us == w.playhead()->time();
    QVERIFY2(on_a_send, qPrintable(QString::number(w.playhead()->time())));
    QVERIFY(w.playhead()->time() <= sent + (v->scene().to_us - v->scene().from_us) / 10);
    // A click on an empty place of the plot seeks to that instant.
    const QRectF plot = v->plotArea();
    QTest::mouseClick(v, Qt::LeftButton, {}, QPoint(int(plot.left() + 2), int(plot.bottom() - 1)));
    QVERIFY(std::abs(w.playhead()->time() - v->scene().from_us) < (v->scene().to_us - v->scene().from_us) / 50 ||
            w.playhead()->time() < sent);
    // The wheel zooms in time.
    const Time span = v->span();
    QWheelEvent wheel(QPointF(100, 100), v->mapToGlobal(QPointF(100, 100)), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(v, &wheel);
    QVERIFY(v->span() < span);
  }

  // radeau-cli render --space-time SPAN: the diagram of the span before --at, as a slide.
  void renderSlide() {
    QTemporaryDir dir;
    const std::string png = dir.filePath(QStringLiteral("st.png")).toStdString();
    const std::string svg = dir.filePath(QStringLiteral("st.svg")).toStdString();
    const std::string rec = kRecording.toStdString();
    auto r = test::cliRun({"render", rec, "--at", "3.2s", "--space-time=0.6s", "--size", "1280x720", "-o", png});
    QVERIFY2(r.code == 0, r.err.c_str());
    QImage image(QString::fromStdString(png));
    QCOMPARE(image.size(), QSize(1280, 720));
    // Not blank: the leader's colour is on the slide (its stretch on a lane).
    int leader_pixels = 0;
    const QRgb leader = Theme::current().role(Role::Leader).rgb();
    for (int y = 0; y < image.height(); y += 2)
      for (int x = 0; x < image.width(); x += 2) leader_pixels += (image.pixel(x, y) & 0xFFFFFF) == (leader & 0xFFFFFF);
    QVERIFY2(leader_pixels > 200, QByteArray::number(leader_pixels).constData());
    r = test::cliRun({"render", rec, "--at", "3.2s", "--space-time", "0.6s", "-o", svg});
    QVERIFY2(r.code == 0, r.err.c_str());
    QFile f(QString::fromStdString(svg));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("Jean-Pierre"));  // names as real text
    r = test::cliRun({"render", rec, "--at", "3.2s", "--space-time", "soon", "-o", png});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.find("--space-time") != std::string::npos, r.err.c_str());
  }
};

QTEST_MAIN(TestGuiSpaceTime)
#include "test_gui_space_time.moc"

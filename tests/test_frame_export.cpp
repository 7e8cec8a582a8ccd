// Export for slides: a frame painted to PNG and SVG by the window's own
// drawing code, `radeau-cli render` headless with its errors, and the
// window's File > Export actions.
#include <QtTest>

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include <sstream>

#include "app/cli/cli.h"
#include "support/cli_support.h"
#include "app/render/cluster_picture.h"
#include "app/render/frame_export.h"
#include "app/gui/main_window.h"
#include "app/render/theme.h"
#include "core/script.h"
#include "replay/recording_file.h"
#include "replay/run.h"

using namespace radeau;
using namespace radeau::gui;

namespace {

// Three nodes, full Raft: one leader within the first second, then a crash.
constexpr const char* kScript = R"(title Export test
nodes Michel Jean-Pierre Sophie
seed 7
at 1.5s crash Michel
at 1.5s crash Jean-Pierre
at 1.5s crash Sophie
until 2s
)";

using test::CliResult;
CliResult runCli(const cli::Args& args) { return test::cliRun(args); }

std::unique_ptr<Run> scriptRun() {
  ScriptError error;
  auto s = parseScenario(kScript, "export.radeau-script", error);
  if (!s) qFatal("%s", error.toString().c_str());
  return std::make_unique<Run>(s->config, s->actions, s->until_us);
}

// The first instant (10 ms steps) with exactly one live leader, and it.
std::pair<Time, int> firstLeader(const Run& run) {
  for (Time t = 0; t <= run.endTime(0); t += 10'000) {
    ClusterState s = run.projection(0).stateAt(t);
    int leader = -1, leaders = 0;
    for (int i = 0; i < s.node_count; ++i)
      if (s.nodes[size_t(i)].alive && s.nodes[size_t(i)].role == Role::Leader) leader = i, ++leaders;
    if (leaders == 1) return {t + 50'000, leader};  // a little later: no "just elected" transition
  }
  return {-1, -1};
}

bool near(QColor a, QColor b, int tolerance = 40) {
  return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) <= tolerance;
}

// A point of node n's disc clear of its term text, in the image.
QPoint discPoint(const FrameLayout& l, int n, int count) {
  QPointF c = nodeCentre(n, count) + QPointF(-0.6 * kNodeRadius, 0.45 * kNodeRadius);
  return l.toImage(c).toPoint();
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestFrameExport : public QObject {
  Q_OBJECT
 private slots:
  void pngHasTheSizeAndTheLeaderColourWhereTheLeaderIs();
  void twoInstantsGiveDifferentImages();
  void sameInputGivesByteIdenticalPng();
  void svgIsValidVectorWithEveryNodeName();
  void findingIsOnTheSlide();
  void partsNeitherOverlapNorLeaveTheSlide();
  void cliRendersRecordingsAndScripts();
  void cliRendersTheBranchAskedByNameOrNumber();
  void cliErrorsNameWhatIsWrong_data();
  void cliErrorsNameWhatIsWrong();
  void windowExportActionWritesTheFile();
};

void TestFrameExport::pngHasTheSizeAndTheLeaderColourWhereTheLeaderIs() {
  auto run = scriptRun();
  auto [t, leader] = firstLeader(*run);
  QVERIFY2(leader >= 0, "the script elects a leader");
  const Frame frame = frameAt(*run, 0, t);
  for (QSize size : {kDefaultExportSize, QSize(1280, 720), QSize(1000, 1000)}) {
    QImage image = QImage::fromData(framePng(frame, {"Export test", {}}, Theme(), size), "PNG");
    QCOMPARE(image.size(), size);
    const FrameLayout l = frameLayout(size, frame);
    for (int n = 0; n < 3; ++n) {
      const QColor seen = image.pixelColor(discPoint(l, n, 3));
      const bool is_leader = n == leader;
      QVERIFY2(near(seen, Theme().role(Role::Leader)) == is_leader,
               qPrintable(QStringLiteral("node %1 at %2x%3: %4 (leader %5)")
                              .arg(n).arg(size.width()).arg(size.height()).arg(seen.name()).arg(leader)));
      if (!is_leader) QVERIFY2(near(seen, Theme().role(Role::Follower)), qPrintable(seen.name()));
    }
  }
}

void TestFrameExport::twoInstantsGiveDifferentImages() {
  auto run = scriptRun();
  auto [t, leader] = firstLeader(*run);
  QVERIFY(leader >= 0);
  QImage before = frameImage(frameAt(*run, 0, 0), {}, Theme());
  QImage during = frameImage(frameAt(*run, 0, t), {}, Theme());
  QImage crashed = frameImage(frameAt(*run, 0, 1'800'000), {}, Theme());
  QVERIFY(before != during);
  QVERIFY(during != crashed);
  // After the crash the leader's disc is grey, no longer the leader's colour.
  const FrameLayout l = frameLayout(kDefaultExportSize, frameAt(*run, 0, 1'800'000));
  QVERIFY(!near(crashed.pixelColor(discPoint(l, leader, 3)), Theme().role(Role::Leader)));
}

void TestFrameExport::sameInputGivesByteIdenticalPng() {
  auto a = scriptRun(), b = scriptRun();
  auto [t, leader] = firstLeader(*a);
  QVERIFY(leader >= 0);
  const QByteArray first = framePng(frameAt(*a, 0, t), {"x", {}}, Theme());
  QVERIFY(first.startsWith("\x89PNG"));
  QCOMPARE(framePng(frameAt(*a, 0, t), {"x", {}}, Theme()), first);
  QCOMPARE(framePng(frameAt(*b, 0, t), {"x", {}}, Theme()), first);  // a fresh run of the same script
}

void TestFrameExport::svgIsValidVectorWithEveryNodeName() {
  auto run = scriptRun();
  auto [t, leader] = firstLeader(*run);
  const QByteArray svg = frameSvg(frameAt(*run, 0, t), {"Export test", {}}, Theme());
  QSvgRenderer renderer(svg);
  QVERIFY(renderer.isValid());
  QCOMPARE(renderer.defaultSize(), kDefaultExportSize);
  for (const char* name : {"Michel", "Jean-Pierre", "Sophie"}) {
    // The name drawn as text under the node and in the logs: at least twice.
    QVERIFY2(svg.count(QByteArray(">") + name + "<") >= 2, name);
  }
  QVERIFY(svg.contains("<text"));
  QVERIFY2(!svg.contains("<image"), "no raster pictures: every part is vector");
}

void TestFrameExport::findingIsOnTheSlide() {
  // Chapter 5 and a forced election of the lagging node: logs diverge.
  QString path = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/05b-candidate-lagging-node-elected.radeau");
  std::string error;
  auto run = loadRun(path, error);
  QVERIFY2(run, error.c_str());
  const Journal& j = run->journal(0);
  Seq finding = kNoSeq;
  for (Seq i = 0; i < j.size() && finding == kNoSeq; ++i)
    if (j[i].kind == EventKind::Finding) finding = i;
  QVERIFY(finding != kNoSeq);
  const Frame frame = frameAt(*run, 0, j[finding].time_us);
  QVERIFY(frame.latestFinding());
  const FrameLayout l = frameLayout(kDefaultExportSize, frame);
  QVERIFY(!l.banner.isEmpty());
  QVERIFY(l.banner.bottom() <= l.cluster.top() && l.banner.bottom() <= l.logs.top());
  QImage image = frameImage(frame, {}, Theme());
  const QColor banner = image.pixelColor(l.banner.topLeft().toPoint() + QPoint(8, int(l.banner.height() / 2)));
  const bool safety = isSafetyFinding(frame.latestFinding()->findingKind());
  QVERIFY2(near(banner, safety ? Theme().danger() : Theme().warning()), qPrintable(banner.name()));
  // An instant before the first finding: no banner, the cluster takes its room.
  const Frame earlier = frameAt(*run, 0, j[finding].time_us - 1);
  QVERIFY(!earlier.latestFinding());
  QVERIFY(frameLayout(kDefaultExportSize, earlier).banner.isEmpty());
}

void TestFrameExport::partsNeitherOverlapNorLeaveTheSlide() {
  // 3, 5 and 9 nodes, short and long logs, with and without a finding, at several shapes.
  std::vector<std::unique_ptr<Run>> runs;
  runs.push_back(scriptRun());
  for (const char* name : {"05b-candidate-lagging-node-elected", "11a-commit-figure8-committed-entry-overwritten",
                           "12b-snapshot-lagging-follower-catches-up"}) {
    std::string error;
    runs.push_back(loadRun(QStringLiteral(RADEAU_SOURCE_DIR "/recordings/%1.radeau").arg(name), error));
    QVERIFY2(runs.back(), error.c_str());
  }
  {
    ScriptError error;
    auto s = parseScenario("nodes 9\nseed 4\nat 1s write Michel \"x\"\nuntil 2s\n", "nine", error);
    QVERIFY(s);
    runs.push_back(std::make_unique<Run>(s->config, s->actions, s->until_us));
  }
  bool saw_beside = false, saw_bottom = false;
  for (const auto& run : runs)
    for (Time t : {Time(0), run->endTime(0) / 2, run->endTime(0)})
      for (QSize size : {kDefaultExportSize, QSize(1280, 720), QSize(1000, 1000), QSize(1080, 1920)}) {
        const Frame frame = frameAt(*run, 0, t);
        const FrameLayout l = frameLayout(size, frame);
        (l.logs_beside ? saw_beside : saw_bottom) = true;
        const QRectF slide(QPointF(0, 0), QSizeF(size));
        const QString where = QStringLiteral("%1 nodes at %2 us, %3x%4").arg(frame.state.node_count).arg(t)
                                  .arg(size.width()).arg(size.height());
        std::vector<QRectF> parts{l.header, l.cluster, l.logs};
        if (!l.banner.isEmpty()) parts.push_back(l.banner);
        for (size_t i = 0; i < parts.size(); ++i) {
          QVERIFY2(slide.adjusted(-0.5, -0.5, 0.5, 0.5).contains(parts[i]), qPrintable(where));
          for (size_t j = i + 1; j < parts.size(); ++j) {
            const QRectF both = parts[i] & parts[j];
            QVERIFY2(both.width() < 1 || both.height() < 1, qPrintable(where));
          }
        }
        QVERIFY2(l.cluster.height() > size.height() * 0.25, qPrintable(where));  // the cluster stays the subject
      }
  QVERIFY(saw_beside && saw_bottom);
}

void TestFrameExport::cliRendersRecordingsAndScripts() {
  QTemporaryDir dir;
  const std::string rec = RADEAU_SOURCE_DIR "/recordings/04b-leader-timeout-cut-two-leaders.radeau";
  const std::string png = dir.filePath("frame.png").toStdString(), svg = dir.filePath("frame.svg").toStdString();
  CliResult r = runCli({"render", rec, "--at", "2.5s", "--size", "800x450", "-o", png});
  QVERIFY2(r.code == 0, r.err.c_str());
  QVERIFY(r.out.find("frame.png") != std::string::npos);
  QImage image(QString::fromStdString(png));
  QCOMPARE(image.size(), QSize(800, 450));
  const QByteArray first = readAll(QString::fromStdString(png));
  r = runCli({"render", rec, "--at", "2.5s", "--size", "800x450", "-o", png});
  QCOMPARE(r.code, 0);
  QCOMPARE(readAll(QString::fromStdString(png)), first);  // byte-identical again

  // The dark theme: the background is the dark scheme's, and the window's scheme is left alone.
  const std::string dark = dir.filePath("dark.png").toStdString();
  r = runCli({"render", rec, "--at", "2.5s", "--size", "800x450", "--theme", "dark", "-o", dark});
  QVERIFY2(r.code == 0, r.err.c_str());
  QCOMPARE(Theme::current().scheme(), Scheme::Light);
  QVERIFY(near(QImage(QString::fromStdString(dark)).pixelColor(2, 2), Theme(Scheme::Dark).background(), 6));
  QVERIFY(near(image.pixelColor(2, 2), Theme().background(), 6));

  r = runCli({"render", rec, "--at", "2500ms", "--branch", "main", "-o", svg});
  QVERIFY2(r.code == 0, r.err.c_str());
  QVERIFY(QSvgRenderer(QString::fromStdString(svg)).isValid());

  const std::string script = dir.filePath("s.radeau-script").toStdString();
  {
    QFile f(QString::fromStdString(script));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kScript);
  }
  r = runCli({"render", script, "--at", "1s", "-o", png});
  QVERIFY2(r.code == 0, r.err.c_str());
  QCOMPARE(QImage(QString::fromStdString(png)).size(), kDefaultExportSize);
  QVERIFY(!QFileInfo::exists(dir.filePath("frame.png.tmp-radeau")));
}

void TestFrameExport::cliRendersTheBranchAskedByNameOrNumber() {
  // Crash Michel at 0.5 s on a branch: after the fork the two branches look different.
  auto run = scriptRun();
  Action crash;
  crash.kind = ActionKind::Crash;
  crash.node = 0;
  QCOMPARE(run->act(0, 500'000, crash), 1);
  QCOMPARE(run->branchCount(), 2);
  QTemporaryDir dir;
  const QString rec = dir.filePath("branches.radeau");
  std::string error;
  QVERIFY2(saveRecording(*run, rec, error), error.c_str());
  auto render = [&](const std::string& b, const char* out) {
    const std::string path = dir.filePath(out).toStdString();
    CliResult r = runCli({"render", rec.toStdString(), "--at", "1s", "--branch", b, "--size", "640x360", "-o", path});
    if (r.code != 0) qWarning("%s", r.err.c_str());
    return readAll(QString::fromStdString(path));
  };
  const QByteArray main = render("main", "main.png"), zero = render("0", "zero.png");
  const QByteArray named = render(run->branch(1).name, "named.png"), one = render("1", "one.png");
  QVERIFY(!main.isEmpty() && !named.isEmpty());
  QCOMPARE(zero, main);
  QCOMPARE(one, named);
  QVERIFY(main != named);
  CliResult r = runCli({"render", rec.toStdString(), "--at", "1s", "--branch", "2", "-o", "x.png"});
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.find("no branch '2' (branches: 0 \"main\", 1 \"") != std::string::npos, r.err.c_str());
}

void TestFrameExport::cliErrorsNameWhatIsWrong_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("message");
  const QString rec = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/04b-leader-timeout-cut-two-leaders.radeau");
  const QString damaged = QStringLiteral(RADEAU_SOURCE_DIR "/tests/data/damaged/event-count-lies.radeau");
  QFile expected(QStringLiteral(RADEAU_SOURCE_DIR "/tests/data/damaged/event-count-lies.expected"));
  QVERIFY(expected.open(QIODevice::ReadOnly));
  const QString damaged_message = QString::fromUtf8(expected.readAll()).trimmed();
  QTest::newRow("unknown branch") << QStringList{rec, "--at", "1s", "--branch", "nope", "-o", "OUT.png"}
                                  << "--branch: no branch 'nope' (branches: 0 \"main\")";
  QTest::newRow("past the end") << QStringList{rec, "--at", "99s", "-o", "OUT.png"} << "--at 99s is past the end of branch 0";
  QTest::newRow("unknown extension") << QStringList{rec, "--at", "1s", "-o", "OUT.jpg"}
                                     << "-o OUT.jpg: unknown extension '.jpg' (use .png or .svg)";
  QTest::newRow("no extension") << QStringList{rec, "--at", "1s", "-o", "OUT"} << "unknown extension (none)";
  QTest::newRow("malformed time") << QStringList{rec, "--at", "soon", "-o", "OUT.png"} << "malformed duration 'soon' for --at";
  QTest::newRow("no time") << QStringList{rec, "-o", "OUT.png"} << "expected --at T";
  QTest::newRow("no output") << QStringList{rec, "--at", "1s"} << "expected -o OUT.png or -o OUT.svg";
  QTest::newRow("bad size") << QStringList{rec, "--at", "1s", "--size", "big", "-o", "OUT.png"}
                            << "--size expects WIDTHxHEIGHT";
  QTest::newRow("bad theme") << QStringList{rec, "--at", "1s", "--theme", "pink", "-o", "OUT.png"}
                             << "--theme expects light or dark, got 'pink'";
  QTest::newRow("missing input") << QStringList{"/nonexistent/x.radeau", "--at", "1s", "-o", "OUT.png"}
                                 << "/nonexistent/x.radeau";
  QTest::newRow("damaged recording") << QStringList{damaged, "--at", "1s", "-o", "OUT.png"} << damaged_message;
  QTest::newRow("script error") << QStringList{RADEAU_SOURCE_DIR "/tests/data/damaged/empty.expected", "--at", "1s", "-o", "OUT.png"}
                                << "empty.expected:1";
  QTest::newRow("unwritable output") << QStringList{rec, "--at", "1s", "-o", "/nonexistent-dir/OUT.png"}
                                     << "cannot write /nonexistent-dir/OUT.png";
}

void TestFrameExport::cliErrorsNameWhatIsWrong() {
  QFETCH(QStringList, args);
  QFETCH(QString, message);
  cli::Args a{"render"};
  for (const QString& s : args) a.push_back(s.toStdString());
  CliResult r = runCli(a);
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.rfind("radeau-cli render: ", 0) == 0 || r.err.find(".expected:") != std::string::npos, r.err.c_str());
  QVERIFY2(QString::fromStdString(r.err).contains(message), qPrintable("stderr: " + QString::fromStdString(r.err)));
  QVERIFY(!QFileInfo::exists("OUT.png") && !QFileInfo::exists("OUT.jpg"));
}

void TestFrameExport::windowExportActionWritesTheFile() {
  MainWindow window;
  window.setInteractive(false);
  window.resize(1400, 900);
  window.show();
  QVERIFY(window.loadScenarioText(kScript, "export.radeau-script"));
  window.playhead()->seek(1'000'000);
  QTemporaryDir dir;
  for (const char* name : {"exportPng", "exportSvg"}) {
    QAction* action = window.action(name);
    QVERIFY2(action, name);
    QMenu* file = window.menuBar()->actions().value(0)->menu();  // File, the first menu
    QVERIFY(file && file->actions().contains(action));
    const QString path = dir.filePath(QStringLiteral("window-") + name);  // the dialog adds the extension
    bool answered = false;
    QTimer::singleShot(0, this, [&] {
      auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
      if (!dialog) return;
      dialog->selectFile(path);
      static_cast<QDialog*>(dialog)->accept();  // QFileDialog::accept through the public QDialog slot
      answered = true;
    });
    action->trigger();
    QVERIFY(answered);
    const bool png = QByteArray(name) == "exportPng";
    const QString written = path + (png ? ".png" : ".svg");
    QVERIFY2(QFileInfo::exists(written), qPrintable(window.lastError()));
    if (png) QCOMPARE(QImage(written).size(), kDefaultExportSize);
    else QVERIFY(QSvgRenderer(written).isValid());
  }
}

QTEST_MAIN(TestFrameExport)
#include "test_frame_export.moc"

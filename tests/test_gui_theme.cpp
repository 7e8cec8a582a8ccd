// Light and dark presentation themes (issue 6): switching repaints every view
// in the new colours, the choice is remembered, and role colours stay
// distinct from each other and from the background in both schemes.
#include <QAction>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QGraphicsItem>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "app/gui/cluster_view.h"
#include "app/render/cluster_picture.h"
#include "app/gui/log_view.h"
#include "app/gui/settings.h"
#include "app/gui/main_window.h"
#include "app/gui/presenter.h"
#include "app/render/theme.h"
#include "app/gui/timeline.h"
#include "replay/playhead.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
const QString kRecording = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/05b-candidate-lagging-node-elected.radeau");

// CIE L*a*b* distance of two colours (CIE76): above ~20 they read as different hues.
double deltaE(const QColor& x, const QColor& y) {
  auto lab = [](const QColor& c, double out[3]) {
    auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const double r = lin(c.redF()), g = lin(c.greenF()), b = lin(c.blueF());
    const double X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, Y = 0.2126 * r + 0.7152 * g + 0.0722 * b,
                 Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116; };
    out[0] = 116 * f(Y) - 16;
    out[1] = 500 * (f(X) - f(Y));
    out[2] = 200 * (f(Y) - f(Z));
  };
  double a[3], b[3];
  lab(x, a);
  lab(y, b);
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

bool near(QColor a, QColor b) {
  return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 12;
}
}  // namespace

class TestGuiTheme : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }  // settings stay out of the user's
  void init() {
    Theme::setCurrent(Scheme::Light);
    QSettings().clear();  // the stored theme, under any key
  }
  void cleanup() { Theme::setCurrent(Scheme::Light); }

  void roleColoursStayDistinctAndReadableInBothSchemes() {
    for (Scheme s : {Scheme::Light, Scheme::Dark}) {
      Theme::setCurrent(s);
      const QString scheme = Theme::schemeName(s);
      const Role roles[] = {Role::Follower, Role::Candidate, Role::Leader};
      for (Role r : roles) {
        const double against_background = Theme::contrast(Theme::current().role(r), Theme::current().background());
        QVERIFY2(against_background >= 3.0, qPrintable(QString("%1: role %2 has %3:1 on the background")
                                                            .arg(scheme).arg(int(r)).arg(against_background)));
        const double text = Theme::contrast(Theme::current().roleInk(r), Theme::current().role(r));
        QVERIFY2(text >= 3.0, qPrintable(QString("%1: text on role %2 has %3:1").arg(scheme).arg(int(r)).arg(text)));
        for (Role o : roles)
          if (o != r)
            QVERIFY2(deltaE(Theme::current().role(r), Theme::current().role(o)) > 20,
                     qPrintable(QString("%1: roles %2 and %3 look alike").arg(scheme).arg(int(r)).arg(int(o))));
      }
      QVERIFY(Theme::contrast(Theme::current().ink(), Theme::current().background()) >= 7.0);
      QVERIFY(Theme::contrast(Theme::current().ink(), Theme::current().panel()) >= 7.0);
      QVERIFY(Theme::contrast(Theme::current().mutedInk(), Theme::current().panel()) >= 4.5);
      QVERIFY(Theme::contrast(Theme::current().onDanger(), Theme::current().danger()) >= 3.0);   // the banner: large bold text
      QVERIFY(Theme::contrast(Theme::current().onWarning(), Theme::current().warning()) >= 3.0);
      for (uint32_t t = 0; t < 9; ++t) QVERIFY(Theme::contrast(Theme::current().termInk(), Theme::current().term(t)) >= 4.5);
      for (MsgType m : {MsgType::VoteRequest, MsgType::LogRequest, MsgType::LogResponse, MsgType::ClientWrite,
                        MsgType::InstallSnapshot})
        QVERIFY2(Theme::contrast(Theme::current().message(m, false), Theme::current().background()) >= 2.0,
                 qPrintable(QString("%1: message %2").arg(scheme).arg(int(m))));
    }
  }

  void switchingToDarkRepaintsTheWindow() {
    MainWindow w;
    w.setInteractive(false);
    QVERIFY(w.openRecording(kRecording));
    w.resize(1600, 960);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.playhead()->toEnd();
    w.refresh();
    QVERIFY(near(w.palette().color(QPalette::Window), QColor(0xFB, 0xFA, 0xF7)));
    // A corner of the cluster picture is background, away from nodes and arrows.
    const QImage light_view = w.clusterView()->grab().toImage();
    const QColor light_corner = light_view.pixelColor(5, 5);
    const QImage light_logs = w.logView()->grab().toImage();
    const QImage light_timeline = w.timeline()->grab().toImage();
    QVERIFY2(near(light_corner, Theme::current().background()), qPrintable(light_corner.name()));

    QSignalSpy changed(&w, &MainWindow::schemeChanged);
    QAction* dark = w.action(QStringLiteral("darkTheme"));
    QVERIFY(dark && dark->isCheckable() && !dark->isChecked());
    dark->trigger();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(Theme::current().scheme(), Scheme::Dark);
    QVERIFY(dark->isChecked());
    QCOMPARE(UserSettings::load().theme, QStringLiteral("dark"));

    QCOMPARE(w.palette().color(QPalette::Window), Theme::current().background());
    QVERIFY(Theme::contrast(w.palette().color(QPalette::Window), QColor(0xFB, 0xFA, 0xF7)) > 10);
    const QColor dark_corner = w.clusterView()->grab().toImage().pixelColor(5, 5);
    QVERIFY2(near(dark_corner, QColor(0x15, 0x18, 0x1D)), qPrintable(dark_corner.name()));
    QVERIFY(w.logView()->grab().toImage() != light_logs);
    QVERIFY(w.timeline()->grab().toImage() != light_timeline);
    const QColor log_background = w.logView()->grab().toImage().pixelColor(2, 2);
    QVERIFY2(near(log_background, Theme::current().panel()), qPrintable(log_background.name()));
    // The banner's text stays readable on its fill.
    const QPalette banner = w.findingBanner()->palette();
    QVERIFY(Theme::contrast(banner.color(QPalette::WindowText), banner.color(QPalette::Window)) >= 3.0);

    dark->trigger();  // and back
    QCOMPARE(Theme::current().scheme(), Scheme::Light);
    const QColor back = w.clusterView()->grab().toImage().pixelColor(5, 5);
    QVERIFY2(near(back, light_corner), qPrintable(back.name()));
    QCOMPARE(UserSettings::load().theme, QStringLiteral("light"));
  }

  void thePresenterNotesFollowTheScheme() {
    QTemporaryDir dir;
    QFile script(dir.filePath("quiet.radeau-script"));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("nodes 3\nconcepts full\nseed 2\nuntil 300ms\n");
    script.close();
    QFile talk(dir.filePath("talk.radeau-talk"));
    QVERIFY(talk.open(QIODevice::WriteOnly));
    talk.write("talk T\nstep one\ntitle One\nopen quiet.radeau-script\n");
    talk.close();
    MainWindow w;
    w.setInteractive(false);
    auto* presenter = new PresenterMode(&w, Language::English);
    QString error;
    QVERIFY2(presenter->load(dir.filePath("talk.radeau-talk"), error), qPrintable(error));
    w.setScheme(Scheme::Dark);
    QWidget* notes = presenter->notesWindow();
    QCOMPARE(notes->palette().color(QPalette::Window), Theme::current().background());
    const QImage shot = notes->grab().toImage();
    QVERIFY2(near(shot.pixelColor(2, 2), Theme::current().background()), qPrintable(shot.pixelColor(2, 2).name()));
    QVERIFY(Theme::contrast(notes->findChild<QLabel*>()->palette().color(QPalette::WindowText), Theme::current().background()) >= 7);
  }

  void namesGrowWhenTheClusterViewIsSmall() {
    MainWindow w;
    w.setInteractive(false);
    QVERIFY(w.openRecording(kRecording));
    ClusterView view;
    view.showFrame(w.frame());
    view.resize(1400, 900);  // scene at 1:1
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const double large = view.nodeItem(0)->boundingRect().height();
    view.resize(420, 270);  // a 1280x720 window's cluster: scale 0.3
    QCoreApplication::processEvents();
    const double small = view.nodeItem(0)->boundingRect().height();
    QVERIFY2(small > large * 1.15, qPrintable(QString("%1 vs %2").arg(small).arg(large)));
  }

  void schemeNamesAreTheCommandLineValues() {
    Scheme s = Scheme::Light;
    QVERIFY(Theme::schemeFromName("dark", &s));
    QCOMPARE(s, Scheme::Dark);
    QVERIFY(Theme::schemeFromName("light", &s));
    QCOMPARE(s, Scheme::Light);
    QVERIFY(!Theme::schemeFromName("sepia", &s));
    QCOMPARE(Theme::schemeName(Scheme::Dark), QStringLiteral("dark"));
  }

  // Issue 17: fonts from the theme, one family and a scale. At the default base
  // every role keeps the size the window and slides were tuned with; changing
  // the base scales every role (and the fonts built from them) together.
  void changingTheBaseScalesEveryTextRole() {
    struct Restore {
      ~Restore() { Theme::setTextBasePx(Theme::kDefaultTextBasePx); }
    } restore;
    QCOMPARE(Theme::textBasePx(), Theme::kDefaultTextBasePx);
    QCOMPARE(Theme::nominalPx(TextRole::Body), Theme::kDefaultTextBasePx);
    std::vector<int> nominal;
    for (int i = 0; i < kTextRoleCount; ++i) {
      const auto r = TextRole(i);
      nominal.push_back(Theme::nominalPx(r));
      QVERIFY2(nominal.back() >= 12 && nominal.back() <= 60, qPrintable(QString::number(i)));
      QCOMPARE(Theme::px(r), nominal.back());
      QCOMPARE(Theme::px(r, 1.5), int(std::lround(nominal.back() * 1.5)));
      const QFont f = Theme::font(r, true);
      QCOMPARE(f.family(), Theme::fontFamily());
      QCOMPARE(f.pixelSize(), nominal.back());
      QVERIFY(f.bold());
    }
    const int names = nameFont(1).pixelSize(), badges = roleBadgeFont(1).pixelSize(), labels = messageLabelPx(1);
    Theme::setTextBasePx(2 * Theme::kDefaultTextBasePx);
    for (int i = 0; i < kTextRoleCount; ++i) {
      QCOMPARE(Theme::px(TextRole(i)), 2 * nominal[size_t(i)]);
      QCOMPARE(Theme::font(TextRole(i)).pixelSize(), 2 * nominal[size_t(i)]);
      QCOMPARE(Theme::font(TextRole(i)).family(), Theme::fontFamily());
    }
    QCOMPARE(nameFont(1).pixelSize(), 2 * names);  // the picture's own helpers follow the scale
    QCOMPARE(roleBadgeFont(1).pixelSize(), 2 * badges);
    QCOMPARE(messageLabelPx(1), 2 * labels);
    Theme::setTextBasePx(13);  // smaller: every role shrinks in the same proportion
    for (int i = 0; i < kTextRoleCount; ++i)
      QVERIFY(std::abs(Theme::px(TextRole(i)) - nominal[size_t(i)] * 13.0 / 17) <= 0.5);
    Theme::setTextBasePx(1000);  // bounded
    QCOMPARE(Theme::textBasePx(), 64);
  }

  // No font size or family is written anywhere but the theme's scale: a text
  // takes a role (Theme::font(TextRole…)), or a size computed from its box
  // (Theme::fittedFont(expression)), never a number.
  void noFontLiteralOutsideTheTheme() {
    // (Plain strings: moc does not read raw string literals.)
    const QRegularExpression literal(QStringLiteral(
        "Theme::(font|fittedFont)\\(\\s*[0-9]"                 // a number for a size
        "|set(Pixel|Point)Size(F)?\\("                          // a size set by hand
        "|QFont\\s*\\w*\\s*[({]\\s*(QStringLiteral\\()?\""      // a family by hand
        "|QFont\\([^)]*,\\s*[0-9]|DejaVu|font-size|font-family"));  // in a style sheet
    QStringList found;
    int files = 0;
    for (const char* dir : {"app/render", "app/gui", "app/cli", "app/node", "app/i18n"}) {
      QDirIterator it(QStringLiteral(RADEAU_SOURCE_DIR "/") + QLatin1String(dir), {"*.cpp", "*.h"}, QDir::Files);
      while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(QLatin1String("/theme.cpp"))) continue;  // the scale itself
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        ++files;
        int line_no = 0;
        for (const QByteArray& line : f.readAll().split('\n')) {
          ++line_no;
          const QString text = QString::fromUtf8(line);
          if (text.trimmed().startsWith(QLatin1String("//"))) continue;
          if (literal.match(text).hasMatch())
            found << QStringLiteral("%1:%2: %3").arg(path).arg(line_no).arg(text.trimmed());
        }
      }
    }
    QVERIFY(files > 40);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
  }
};

QTEST_MAIN(TestGuiTheme)
#include "test_gui_theme.moc"

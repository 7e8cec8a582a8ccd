// Radeau's window: `radeau` starts the built-in default cluster running live;
// `radeau FILE` opens a recording (.radeau) or a scenario script, and a talk
// (.radeau-talk, as a double-click does) in presentation mode;
// `radeau --talk FILE [--lang en|fr]` opens a talk at its first step;
// `--walkthrough DIR` with it saves every pause as a PNG and quits.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <optional>

#include "core/top_level.h"
#include "app/render/language.h"
#include "app/i18n/i18n.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "app/gui/presenter.h"
#include "app/gui/walkthrough.h"
#include "core/version.h"

namespace {
int usageError(const QString& message) {
  qCritical("radeau: %s", qPrintable(QCoreApplication::translate("main", "%1 (see --help)").arg(message)));
  return 2;
}

bool isTalkFile(const QString& path) { return path.endsWith(QStringLiteral(".radeau-talk"), Qt::CaseInsensitive); }

// The command line, described in the installed language.
void describeOptions(QCommandLineParser& cli) {
  cli.setApplicationDescription(QCoreApplication::translate("main", "Radeau: the Raft consensus algorithm, one concept at a time"));
  cli.addHelpOption();
  cli.addVersionOption();
  cli.addPositionalArgument(QStringLiteral("file"),
                            QCoreApplication::translate("main", "A recording (.radeau), a scenario script (.radeau-script) or a talk (.radeau-talk)."));
  cli.addOption({QStringLiteral("talk"), QCoreApplication::translate("main", "Open a talk file at its first step."), QStringLiteral("talk")});
  cli.addOption({QStringLiteral("lang"), QCoreApplication::translate("main", "The window, captions and notes in en or fr (default: the system's)."),
                 QStringLiteral("lang")});
  cli.addOption({QStringLiteral("theme"), QCoreApplication::translate("main", "Colours: light or dark (default: the last one chosen in View)."),
                 QStringLiteral("theme")});
  cli.addOption({QStringLiteral("walkthrough"),
                 QCoreApplication::translate("main", "With --talk: save the window at every pause as DIR/NN-STEP-pK.png (1920x1080), then quit."),
                 QStringLiteral("dir")});
  cli.addOption({QStringLiteral("size"), QCoreApplication::translate("main", "With --walkthrough: the screen's size, e.g. 1280x720 (default 1920x1080)."),
                 QStringLiteral("WxH")});
}

int run(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Radeau"));
  QApplication::setApplicationName(QStringLiteral("Radeau"));
  QApplication::setApplicationVersion(QString::fromLatin1(radeau::version()));
  QApplication::setDesktopFileName(QStringLiteral("org.radeau.Radeau"));  // the icon and name in the dock
  // The language decides the help's too: a first pass reads --lang, the
  // translator is installed, then the options are described in it.
  QString error;
  std::optional<radeau::Language> language;
  {
    QCommandLineParser first;
    describeOptions(first);
    first.parse(app.arguments());  // errors are reported by the real pass
    language = radeau::gui::languageFromArgs(first.value(QStringLiteral("lang")), radeau::i18n::environmentLocale(), &error);
  }
  if (language && !radeau::gui::installLanguage(*language))
    qWarning("radeau: the %s translation did not load; the window stays in English",
             qPrintable(radeau::gui::languageCode(*language)));
  QCommandLineParser cli;
  describeOptions(cli);
  const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
  const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")});
  // parse(), not process(): an unknown option is a usage error (exit 2) in all three programs.
  if (!cli.parse(app.arguments())) return usageError(cli.errorText());
  if (cli.isSet(help)) cli.showHelp(0);
  if (cli.isSet(version)) cli.showVersion();
  // Language and colours come first: every widget is built in them.
  if (!language) {
    qCritical("radeau: %s", qPrintable(error));
    return 2;
  }
  radeau::gui::Scheme scheme = radeau::gui::Scheme::Light;
  radeau::gui::Theme::schemeFromName(radeau::gui::UserSettings::load().theme, &scheme);
  if (cli.isSet(QStringLiteral("theme")) && !radeau::gui::Theme::schemeFromName(cli.value(QStringLiteral("theme")), &scheme)) {
    qCritical("radeau: %s", qPrintable(QCoreApplication::translate("main", "unknown theme '%1' for --theme: use light or dark")
                                           .arg(cli.value(QStringLiteral("theme")))));
    return 2;
  }
  radeau::gui::Theme::setCurrent(scheme);

  // Usage mistakes are refused, not ignored: a stray option would otherwise
  // leave the presenter with a window that does not do what was asked.
  const QStringList files = cli.positionalArguments();
  QString talk = cli.value(QStringLiteral("talk"));
  if (files.size() > 1)
    return usageError(QCoreApplication::translate("main", "one file at a time (got %1)").arg(files.size()));
  if (!files.isEmpty() && isTalkFile(files.at(0))) {
    if (!talk.isEmpty())
      return usageError(QCoreApplication::translate("main", "give the talk once, as FILE or with --talk"));
    talk = files.at(0);
  } else if (!files.isEmpty() && !talk.isEmpty()) {
    return usageError(QCoreApplication::translate("main", "--talk opens its own recordings; do not give another FILE"));
  }
  if (cli.isSet(QStringLiteral("walkthrough")) && talk.isEmpty())
    return usageError(QCoreApplication::translate("main", "--walkthrough needs a talk (--talk FILE)"));
  if (cli.isSet(QStringLiteral("size")) && !cli.isSet(QStringLiteral("walkthrough")))
    return usageError(QCoreApplication::translate("main", "--size goes with --walkthrough"));

  radeau::gui::MainWindow window;
  if (!talk.isEmpty()) {
    auto* presenter = new radeau::gui::PresenterMode(&window, *language);
    if (!presenter->load(talk, error)) {
      qCritical("radeau: %s", qPrintable(error));
      if (!cli.isSet(QStringLiteral("walkthrough")) && QGuiApplication::platformName() != QStringLiteral("offscreen"))
        QMessageBox::critical(nullptr, QStringLiteral("Radeau"), error);  // a double-click has no terminal
      return 2;
    }
    if (cli.isSet(QStringLiteral("walkthrough"))) {
      QSize size = radeau::gui::kWalkthroughSize;
      if (cli.isSet(QStringLiteral("size"))) {
        const QStringList wh = cli.value(QStringLiteral("size")).split(QLatin1Char('x'));
        bool ok_w = false, ok_h = false;
        if (wh.size() == 2) size = QSize(wh[0].toInt(&ok_w), wh[1].toInt(&ok_h));
        if (!ok_w || !ok_h || size.width() < 320 || size.height() < 240 || size.width() > 8192 || size.height() > 8192) {
          qCritical("radeau: %s", qPrintable(QCoreApplication::translate(
                                      "main", "malformed --size '%1' (WxH, e.g. 1280x720, from 320x240 to 8192x8192)")
                                      .arg(cli.value(QStringLiteral("size")))));
          return 2;
        }
      }
      const int saved = radeau::gui::walkThrough(window, *presenter, cli.value(QStringLiteral("walkthrough")), error, size);
      if (saved < 0) {
        qCritical("radeau: %s", qPrintable(QCoreApplication::translate("main", "walk-through: %1").arg(error)));
        return 1;
      }
      qInfo("radeau: %d screenshots in %s", saved, qPrintable(cli.value(QStringLiteral("walkthrough"))));
      return 0;
    }
  } else if (files.isEmpty()) {
    window.startDefault();
  } else {
    window.setInteractive(false);  // one message below, not a dialog and then another
    const bool opened = window.openFile(files.at(0));
    window.setInteractive(true);
    if (!opened) {
      qCritical("radeau: %s", qPrintable(window.lastError()));
      if (QGuiApplication::platformName() != QStringLiteral("offscreen"))  // a double-click has no terminal
        QMessageBox::critical(nullptr, QStringLiteral("Radeau"), window.lastError());
      return 2;
    }
  }
  window.showMaximized();
  return QApplication::exec();
}
}  // namespace

int main(int argc, char** argv) {
  return radeau::guarded("radeau", [&] { return run(argc, argv); });
}

// Radeau's window: `radeau` starts the built-in default cluster running live;
// `radeau FILE` opens a recording (.radeau) or a scenario script;
// `radeau --talk FILE [--lang en|fr]` opens a talk at its first step;
// `--walkthrough DIR` with it saves every pause as a PNG and quits.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>

#include "core/top_level.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/presenter.h"
#include "app/gui/walkthrough.h"

namespace {
int run(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Radeau"));
  QApplication::setApplicationName(QStringLiteral("Radeau"));
  QCommandLineParser cli;
  cli.setApplicationDescription(QStringLiteral("Radeau: the Raft consensus algorithm, one concept at a time"));
  cli.addHelpOption();
  cli.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A recording (.radeau) or a scenario script."));
  cli.addOption({QStringLiteral("talk"), QStringLiteral("Open a talk file at its first step."), QStringLiteral("talk")});
  cli.addOption({QStringLiteral("lang"),
                 QCoreApplication::translate("main", "The window, captions and notes in en or fr (default: the system's)."),
                 QStringLiteral("lang")});
  cli.addOption({QStringLiteral("theme"),
                 QCoreApplication::translate("main", "Colours: light or dark (default: the last one chosen in View)."),
                 QStringLiteral("theme")});
  cli.addOption({QStringLiteral("walkthrough"),
                 QStringLiteral("With --talk: save the window at every pause as DIR/NN-STEP-pK.png (1920x1080), then quit."),
                 QStringLiteral("dir")});
  cli.addOption({QStringLiteral("size"),
                 QStringLiteral("With --walkthrough: the screen's size, e.g. 1280x720 (default 1920x1080)."),
                 QStringLiteral("WxH")});
  cli.process(app);

  // Language and colours come first: every widget is built in them.
  QString error;
  const auto language = radeau::gui::languageFromArgs(cli.value(QStringLiteral("lang")), QLocale().name(), &error);
  if (!language) {
    qCritical("radeau: %s", qPrintable(error));
    return 2;
  }
  if (!radeau::gui::installLanguage(*language))
    qWarning("radeau: the %s translation did not load; the window stays in English",
             qPrintable(radeau::gui::languageCode(*language)));
  radeau::gui::Scheme scheme = radeau::gui::Scheme::Light;
  radeau::gui::Theme::schemeFromName(QSettings().value(QStringLiteral("theme")).toString(), &scheme);
  if (cli.isSet(QStringLiteral("theme")) && !radeau::gui::Theme::schemeFromName(cli.value(QStringLiteral("theme")), &scheme)) {
    qCritical("radeau: %s", qPrintable(QCoreApplication::translate("main", "unknown theme '%1' for --theme: use light or dark")
                                           .arg(cli.value(QStringLiteral("theme")))));
    return 2;
  }
  radeau::gui::Theme::setScheme(scheme);

  radeau::gui::MainWindow window;
  const QStringList files = cli.positionalArguments();
  if (cli.isSet(QStringLiteral("talk"))) {
    auto* presenter = new radeau::gui::PresenterMode(&window, *language);
    if (!presenter->load(cli.value(QStringLiteral("talk")), error)) {
      if (cli.isSet(QStringLiteral("walkthrough"))) qCritical("radeau: %s", qPrintable(error));  // no one to click
      else QMessageBox::critical(nullptr, QStringLiteral("Radeau"), error);
      return 2;
    }
    if (cli.isSet(QStringLiteral("walkthrough"))) {
      QSize size = radeau::gui::kWalkthroughSize;
      if (cli.isSet(QStringLiteral("size"))) {
        const QStringList wh = cli.value(QStringLiteral("size")).split(QLatin1Char('x'));
        bool ok_w = false, ok_h = false;
        if (wh.size() == 2) size = QSize(wh[0].toInt(&ok_w), wh[1].toInt(&ok_h));
        if (!ok_w || !ok_h || size.width() < 320 || size.height() < 240 || size.width() > 8192 || size.height() > 8192) {
          qCritical("radeau: malformed --size '%s' (WxH, e.g. 1280x720, from 320x240 to 8192x8192)",
                    qPrintable(cli.value(QStringLiteral("size"))));
          return 2;
        }
      }
      const int saved = radeau::gui::walkThrough(window, *presenter, cli.value(QStringLiteral("walkthrough")), error, size);
      if (saved < 0) {
        qCritical("radeau: walkthrough: %s", qPrintable(error));
        return 1;
      }
      qInfo("radeau: %d screenshots in %s", saved, qPrintable(cli.value(QStringLiteral("walkthrough"))));
      return 0;
    }
  } else if (files.isEmpty() || !window.openFile(files.at(0))) {
    window.startDefault();
  }
  window.showMaximized();
  return QApplication::exec();
}
}  // namespace

int main(int argc, char** argv) {
  return radeau::guarded("radeau", [&] { return run(argc, argv); });
}

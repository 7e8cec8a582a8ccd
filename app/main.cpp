// Radeau's window: `radeau` starts the built-in default cluster running live;
// `radeau FILE` opens a recording (.radeau) or a scenario script;
// `radeau --talk FILE [--lang en|fr]` opens a talk at its first step;
// `--walkthrough DIR` with it saves every pause as a PNG and quits.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include "app/gui/main_window.h"
#include "app/gui/presenter.h"
#include "app/gui/walkthrough.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Radeau"));
  QApplication::setApplicationName(QStringLiteral("Radeau"));
  QCommandLineParser cli;
  cli.setApplicationDescription(QStringLiteral("Radeau: the Raft consensus algorithm, one concept at a time"));
  cli.addHelpOption();
  cli.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A recording (.radeau) or a scenario script."));
  cli.addOption({QStringLiteral("talk"), QStringLiteral("Open a talk file at its first step."), QStringLiteral("talk")});
  cli.addOption({QStringLiteral("lang"), QStringLiteral("Captions and notes in en or fr (default: the system's)."),
                 QStringLiteral("lang")});
  cli.addOption({QStringLiteral("walkthrough"),
                 QStringLiteral("With --talk: save the window at every pause as DIR/NN-STEP-pK.png (1920x1080), then quit."),
                 QStringLiteral("dir")});
  cli.process(app);

  radeau::gui::MainWindow window;
  const QString lang = cli.isSet(QStringLiteral("lang")) ? cli.value(QStringLiteral("lang")) : QLocale().name().left(2);
  const radeau::Language language = lang == QStringLiteral("fr") ? radeau::Language::French : radeau::Language::English;
  const QStringList files = cli.positionalArguments();
  if (cli.isSet(QStringLiteral("talk"))) {
    auto* presenter = new radeau::gui::PresenterMode(&window, language);
    QString error;
    if (!presenter->load(cli.value(QStringLiteral("talk")), error)) {
      if (cli.isSet(QStringLiteral("walkthrough"))) qCritical("radeau: %s", qPrintable(error));  // no one to click
      else QMessageBox::critical(nullptr, QStringLiteral("Radeau"), error);
      return 2;
    }
    if (cli.isSet(QStringLiteral("walkthrough"))) {
      const int saved = radeau::gui::walkThrough(window, *presenter, cli.value(QStringLiteral("walkthrough")), error);
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

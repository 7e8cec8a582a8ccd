// Radeau's window: `radeau` starts the built-in default cluster running live;
// `radeau FILE` opens a recording (.radeau) or a scenario script.
#include <QApplication>

#include "app/gui/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Radeau"));
  QApplication::setApplicationName(QStringLiteral("Radeau"));
  radeau::gui::MainWindow window;
  const QStringList args = QApplication::arguments();
  if (args.size() < 2 || !window.openFile(args.at(1))) window.startDefault();
  window.showMaximized();
  return QApplication::exec();
}

// Benchmark (not a test): the CPU the window uses while it plays the default
// cluster at 1x for 10 s, and while it is paused (issue 19: a calm window).
// Target: <= 10 % of a core playing, 0 % paused. Also prints, for the time
// played, which widgets were painted, how often, how large and for how long:
// where to look when the figure grows.
//   QT_QPA_PLATFORM=offscreen build/bin/bench-window-cpu [SECONDS]
#include <QApplication>
#include <QElapsedTimer>
#include <QPaintEvent>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <sys/resource.h>

#include "app/gui/main_window.h"
#include "replay/playhead.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Times every paint event while `counting`, by widget (class, name, parent's class).
class CountingApplication : public QApplication {
 public:
  using QApplication::QApplication;
  struct Paints {
    long count = 0;
    double pixels = 0, ms = 0;
  };
  std::map<std::string, Paints> paints;
  bool counting = false;

  bool notify(QObject* receiver, QEvent* event) override {
    if (!counting || event->type() != QEvent::Paint) return QApplication::notify(receiver, event);
    auto* widget = qobject_cast<QWidget*>(receiver);
    std::string name = receiver->metaObject()->className();
    if (!receiver->objectName().isEmpty()) name += " '" + receiver->objectName().toStdString() + "'";
    if (widget && widget->parentWidget()) {
      const QWidget* parent = widget->parentWidget();
      name += std::string(" in ") + parent->metaObject()->className();
      if (!parent->objectName().isEmpty()) name += " '" + parent->objectName().toStdString() + "'";
    }
    double pixels = 0;
    for (const QRect& r : static_cast<QPaintEvent*>(event)->region()) pixels += double(r.width()) * r.height();
    QElapsedTimer clock;
    clock.start();
    const bool done = QApplication::notify(receiver, event);
    Paints& p = paints[name];
    ++p.count;
    p.pixels += pixels;
    p.ms += double(clock.nsecsElapsed()) / 1e6;
    return done;
  }
};

// Runs the event loop for `seconds` of wall time; returns the share of a core used.
double measure(double seconds) {
  const double cpu0 = cpuSeconds();
  QElapsedTimer wall;
  wall.start();
  QEventLoop loop;
  QTimer::singleShot(int(seconds * 1000), &loop, &QEventLoop::quit);
  loop.exec();
  return (cpuSeconds() - cpu0) / (double(wall.nsecsElapsed()) / 1e9);
}
}  // namespace

int main(int argc, char** argv) {
  CountingApplication app(argc, argv);
  const double seconds = argc > 1 ? std::atof(argv[1]) : 10.0;
  MainWindow w;
  w.setInteractive(false);
  w.resize(1920, 1080);
  w.show();
  w.startDefault();
  measure(1.0);  // settle: first paints, fonts
  w.playhead()->play();
  app.counting = true;
  const double playing = measure(seconds);
  app.counting = false;
  const Time reached = w.playhead()->time();
  w.playhead()->pause();
  measure(0.5);
  const double paused = measure(seconds / 2);
  std::vector<std::pair<std::string, CountingApplication::Paints>> rows(app.paints.begin(), app.paints.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.ms > b.second.ms; });
  std::printf("paints while playing %.0f s, the ten longest in all:\n", seconds);
  for (size_t i = 0; i < rows.size() && i < 10; ++i)
    std::printf("  %5ld paints, %7.0f px each, %6.1f ms in all: %s\n", rows[i].second.count,
                rows[i].second.pixels / double(std::max(1L, rows[i].second.count)), rows[i].second.ms, rows[i].first.c_str());
  std::printf("window 1920x1080, default cluster at 1x: %.1f %% of a core playing (%.1f s of cluster time), "
              "%.1f %% paused (targets <= 10 %%, 0 %%)\n",
              playing * 100, double(reached) / 1e6, paused * 100);
  return 0;
}

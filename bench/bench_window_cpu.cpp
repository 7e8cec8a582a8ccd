// Benchmark (not a test): the CPU the window uses while it plays the default
// cluster at 1x for 10 s, and while it is paused (issue 19: a calm window).
// Target: <= 10 % of a core playing, 0 % paused.
//   QT_QPA_PLATFORM=offscreen build/bin/bench-window-cpu [SECONDS]
#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>
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
  QApplication app(argc, argv);
  const double seconds = argc > 1 ? std::atof(argv[1]) : 10.0;
  MainWindow w;
  w.setInteractive(false);
  w.resize(1920, 1080);
  w.show();
  w.startDefault();
  measure(1.0);  // settle: first paints, fonts
  w.playhead()->play();
  const double playing = measure(seconds);
  const Time reached = w.playhead()->time();
  w.playhead()->pause();
  measure(0.5);
  const double paused = measure(seconds / 2);
  std::printf("window 1920x1080, default cluster at 1x: %.1f %% of a core playing (%.1f s of cluster time), "
              "%.1f %% paused (targets <= 10 %%, 0 %%)\n",
              playing * 100, double(reached) / 1e6, paused * 100);
  return 0;
}

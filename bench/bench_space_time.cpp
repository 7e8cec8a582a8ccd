// Benchmark (not a test): the space-time view (issue 18) on a 1 M-event run
// (5 nodes, full Raft, a soak schedule of faults and writes, as bench-replay):
// state at the window's start + scene + paint at 1200x420, at several zooms,
// over random playhead positions. Target: at most 8 ms per frame.
//   QT_QPA_PLATFORM=offscreen build/bin/bench-space-time [EVENTS] [SEED]
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include "app/render/space_time_paint.h"
#include "bench/long_run.h"
#include "replay/run.h"

using namespace radeau;
using namespace radeau::gui;

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const size_t target = argc > 1 ? size_t(std::strtoull(argv[1], nullptr, 10)) : 1'000'000;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 7;
  const bench::LongRun made = bench::makeLongRun(target, seed);
  const Run& run = *made.run;
  const Time end = run.endTime(0);
  std::printf("run: %zu events over %.1f s (seed %llu)\n", run.journal(0).size(), double(end) / 1e6,
              (unsigned long long)seed);
  QImage image(1200, 420, QImage::Format_ARGB32_Premultiplied);
  std::mt19937_64 rng(seed);
  for (Time span : {Time(100'000), Time(1'000'000), Time(10'000'000), Time(60'000'000)}) {
    std::vector<double> ms;
    size_t arrows = 0;
    for (int i = 0; i < 60; ++i) {
      const Time now = span + Time(rng() % uint64_t(end - span));
      QElapsedTimer t;
      t.start();
      const Time from = std::max<Time>(0, now - span * 85 / 100);
      const SpaceTimeScene s =
          buildSpaceTime(run.config(), run.journal(0), run.projection(0).stateAt(from), from, from + span, now);
      QPainter p(&image);
      paintSpaceTime(p, QRectF(image.rect()), s, run.config(), gui::Theme());
      p.end();
      ms.push_back(double(t.nsecsElapsed()) / 1e6);
      arrows += s.arrows.size();
    }
    std::sort(ms.begin(), ms.end());
    std::printf("span %6.1f s: median %.2f ms, max %.2f ms per frame, %zu arrows on average (target <= 8 ms) %s\n",
                double(span) / 1e6, ms[ms.size() / 2], ms.back(), arrows / ms.size(), ms[ms.size() / 2] <= 8 ? "ok" : "OVER");
  }
  return 0;
}

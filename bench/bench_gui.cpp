// Benchmark (not a test): scene update plus paint of the cluster view and the
// logs at one playhead instant, with 9 nodes, 200 messages in flight and
// 1,000-entry logs. Target: at most 4 ms per frame.
//   QT_QPA_PLATFORM=offscreen build/bin/bench-gui
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/render/cluster_picture.h"
#include "app/gui/cluster_view.h"
#include "app/render/frame.h"
#include "app/gui/log_view.h"
#include "app/gui/models.h"
#include "replay/projection.h"

using namespace radeau;
using namespace radeau::gui;

namespace {

// A synthetic journal: 9 nodes, node 0 leader of term 7, every log 1,000
// entries long (terms rising, one divergent tail), then 200 messages sent
// over 20 ms, all in flight at the measured instants.
Journal makeJournal(const ClusterConfig& config) {
  Journal j;
  const int n = config.nodeCount();
  auto ev = [&](Time t, EventKind k, NodeId node) {
    Event e;
    e.time_us = t;
    e.kind = k;
    e.node = node;
    return e;
  };
  Time t = 1000;
  for (int i = 0; i < n; ++i) {
    Event e = ev(t, EventKind::TermChanged, NodeId(i));
    e.term = 7;
    j.append(e);
  }
  Event lead = ev(t, EventKind::RoleChanged, 0);
  lead.sub = uint8_t(Role::Leader);
  lead.term = 7;
  j.append(lead);
  for (int k = 1; k <= 1000; ++k) {
    uint32_t w = j.addWrite({"x=" + std::to_string(k), 0, t});
    for (int i = 0; i < n; ++i) {
      // A divergent tail on the last node.
      j.append(make::at(t, make::logAppended(NodeId(i), uint32_t(k), uint32_t(1 + k / 150), (i == 8 && k > 990) ? 0 : w)));
    }
    t += 100;
  }
  for (int i = 0; i < n; ++i) {
    j.append(make::at(t, make::commitAdvanced(NodeId(i), 980)));
    Event timer = ev(t, EventKind::TimerStarted, NodeId(i));
    timer.sub = uint8_t(i == 0 ? TimerKind::Heartbeat : TimerKind::Election);
    timer.dt_us = 200'000;
    j.append(timer);
  }
  for (int m = 0; m < 200; ++m) {
    // Payloads as the labels read them: half granted or successful, up to three entries.
    Event e = make::at(t + m * 100, make::message(MsgType(m % 5), m % 2, 0, 0, 0, uint32_t(m % 4)));
    e.node = NodeId(m % n);
    e.peer = NodeId((m % n + 1 + m / n % (n - 1)) % n);
    e.term = 7;
    e.dt_us = 40'000;
    j.append(e);
  }
  return j;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  ClusterConfig config;
  config.names = defaultNames(9);
  Journal journal = makeJournal(config);
  Projection projection(config, journal);
  const Time t0 = journal.back().time_us + 1;

  ClusterView view;
  view.resize(1150, 700);
  LogView logs;
  logs.resize(1900, 560);
  NodeTableModel table;
  QImage scene_image(view.size(), QImage::Format_ARGB32_Premultiplied);
  QImage log_image(logs.size(), QImage::Format_ARGB32_Premultiplied);

  Frame frame;
  frame.config = &config;
  frame.journal = &journal;
  frame.time_us = t0;
  frame.state = projection.stateAt(t0);
  frame.before = projection.stateAt(t0 - kRecentUs);
  std::printf("bench-gui: %d nodes, %zu messages in flight, logs of %u entries, %zu events\n",
              frame.state.node_count, frame.state.in_flight.size(), frame.state.nodes[0].lastIndex(), journal.size());

  const int frames = 300;
  std::vector<double> update_paint, projection_ms;
  QElapsedTimer clock;
  qint64 parts[4] = {0, 0, 0, 0};
  for (int i = 0; i < frames + 20; ++i) {
    Time t = t0 + (i % 100) * 100;  // the messages move between frames
    clock.start();
    frame.time_us = t;
    frame.state = projection.stateAt(t);
    frame.before = projection.stateAt(t - kRecentUs);
    double proj = double(clock.nsecsElapsed()) / 1e6;
    clock.start();
    QElapsedTimer part;
    part.start();
    view.showFrame(frame);
    parts[0] += part.nsecsElapsed();
    part.restart();
    {
      QPainter p(&scene_image);
      view.render(&p);
    }
    parts[1] += part.nsecsElapsed();
    part.restart();
    logs.showFrame(frame);
    table.showFrame(frame);
    parts[2] += part.nsecsElapsed();
    part.restart();
    {
      QPainter p(&log_image);
      logs.render(&p);
    }
    parts[3] += part.nsecsElapsed();
    double ms = double(clock.nsecsElapsed()) / 1e6;
    if (i >= 20) {  // warm-up frames excluded
      update_paint.push_back(ms);
      projection_ms.push_back(proj);
    }
  }
  double sum = 0;
  for (double v : update_paint) sum += v;
  std::printf("scene update + paint (cluster view %dx%d + logs %dx%d): mean %.2f ms, median %.2f ms, p95 %.2f ms "
              "over %d frames (target <= 4 ms)\n",
              view.width(), view.height(), logs.width(), logs.height(), sum / double(update_paint.size()),
              percentile(update_paint, 0.5), percentile(update_paint, 0.95), frames);
  std::printf("projection of the instant (two states from checkpoints): median %.2f ms\n", percentile(projection_ms, 0.5));
  const double n = frames + 20;
  std::printf("parts (mean ms): cluster update %.2f, cluster paint %.2f, logs+table update %.2f, logs paint %.2f\n",
              double(parts[0]) / n / 1e6, double(parts[1]) / n / 1e6, double(parts[2]) / n / 1e6,
              double(parts[3]) / n / 1e6);
  std::printf("messages drawn: %d\n", view.visibleMessageCount());

  // Label placement alone, with many messages in flight between 5 nodes: it
  // must stay near-linear (a grid of placed labels, a bounded search).
  for (int count : {500, 5000, 20000}) {
    ClusterPicture picture;
    for (int i = 0; i < 5; ++i) {
      NodeGlyph g;
      g.centre = nodeCentre(i, 5);
      picture.nodes.push_back(g);
    }
    for (int i = 0; i < count; ++i) {
      MessageGlyph m;
      m.from = NodeId(i % 5);
      m.to = NodeId((i / 5 + 1 + i) % 5 == i % 5 ? (i + 1) % 5 : (i / 5 + 1 + i) % 5);
      QPointF start, end;
      messagePath(int(m.from), int(m.to), 5, start, end);
      m.tail = start;
      m.head = start + (end - start) * (double(i % 97) / 97.0);
      m.label = QStringLiteral("log t%1 +%2").arg(i % 9).arg(i % 4);
      picture.messages.push_back(m);
    }
    QElapsedTimer t;
    t.start();
    placeMessageLabels(picture);
    std::printf("label placement, %d messages: %.1f ms\n", count, double(t.nsecsElapsed()) / 1e6);
  }
  return 0;
}

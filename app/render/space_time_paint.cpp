#include "app/render/space_time_paint.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "app/render/cluster_picture.h"
#include "app/render/frame_export.h"
#include "app/render/theme.h"
#include "core/time_index.h"
#include "replay/run.h"

namespace radeau::gui {

SpaceTimeScene buildSpaceTime(const ClusterConfig& config, const Journal& journal, const ClusterState& at_from,
                              Time from_us, Time to_us, Time now_us) {
  SpaceTimeScene s;
  s.from_us = from_us;
  s.to_us = std::max(to_us, from_us + 1);
  s.now_us = now_us;
  s.node_count = std::min(config.nodeCount(), kMaxNodes);
  const Time end = std::clamp(now_us, from_us, s.to_us);  // nothing after the playhead
  const auto& ev = journal.events();
  const size_t begin = eventsUpTo(journal, from_us), stop = eventsUpTo(journal, end);

  std::unordered_map<Seq, Time> dropped_at;
  for (size_t i = begin; i < stop; ++i)
    if (ev[i].kind == EventKind::MessageDropped) dropped_at[ev[i].ref] = ev[i].time_us;
  auto addArrow = [&](Seq seq) {
    if (seq >= journal.size()) return;
    const Event& m = journal[seq];
    if (m.kind != EventKind::MessageSent || m.node >= s.node_count || m.peer >= s.node_count) return;
    SpaceTimeScene::Arrow a;
    a.sent = seq;
    a.type = m.msgType();
    a.refused = messageRefused(m);
    a.from = m.node;
    a.to = m.peer;
    a.sent_us = m.time_us;
    a.deliver_us = m.at_us();
    if (auto d = dropped_at.find(seq); d != dropped_at.end()) {
      a.dropped = true;
      a.end_us = d->second;
    } else if (m.at_us() <= end) {
      a.arrived = true;
      a.end_us = m.at_us();
    } else {
      a.end_us = end;  // still flying at the playhead
    }
    s.arrows.push_back(a);
  };
  for (const InFlight& f : at_from.in_flight) addArrow(f.sent);
  for (size_t i = begin; i < stop; ++i)
    if (ev[i].kind == EventKind::MessageSent) addArrow(Seq(i));

  // Lanes: one segment per stretch of role and liveness.
  std::vector<SpaceTimeScene::Segment> open(size_t(s.node_count));
  for (int n = 0; n < s.node_count; ++n) {
    const NodeState& x = at_from.nodes[size_t(n)];
    open[size_t(n)] = {NodeId(n), x.role, x.alive, from_us, from_us};
  }
  auto change = [&](NodeId n, Time t, Role role, bool alive) {
    auto& seg = open[n];
    if (seg.role == role && seg.alive == alive) return;
    seg.to_us = t;
    if (seg.to_us > seg.from_us) s.segments.push_back(seg);
    seg = {n, role, alive, t, t};
  };
  for (size_t i = begin; i < stop; ++i) {
    const Event& e = ev[i];
    if (e.node >= s.node_count && e.kind != EventKind::Finding) continue;
    switch (e.kind) {
      case EventKind::RoleChanged: change(e.node, e.time_us, e.role(), open[e.node].alive); break;
      case EventKind::Crashed: change(e.node, e.time_us, open[e.node].role, false); break;
      case EventKind::Restarted: change(e.node, e.time_us, Role::Follower, true); break;
      case EventKind::TermChanged: s.terms.push_back({e.node, e.time_us, e.term, Seq(i)}); break;
      case EventKind::Finding: s.findings.push_back({e.node, e.time_us, uint32_t(e.sub), Seq(i)}); break;
      default: break;
    }
  }
  for (auto& seg : open) {
    seg.to_us = end;
    if (seg.to_us > seg.from_us) s.segments.push_back(seg);
  }
  return s;
}

namespace {
constexpr double kNamesPx = 150;  // the left margin with the node names
constexpr double kTopPx = 30, kBottomPx = 30;
}  // namespace

QRectF spaceTimePlot(const QRectF& area, double k) {
  return area.adjusted(kNamesPx * k, kTopPx * k, -16 * k, -kBottomPx * k);
}
double spaceTimeX(const QRectF& plot, const SpaceTimeScene& s, Time t) {
  return plot.left() + plot.width() * double(t - s.from_us) / double(s.to_us - s.from_us);
}
double spaceTimeY(const QRectF& plot, const SpaceTimeScene& s, NodeId n) {
  const double lanes = std::max(1, s.node_count);
  return plot.top() + plot.height() * (double(n) + 0.5) / lanes;
}
QPointF spaceTimeArrowEnd(const QRectF& plot, const SpaceTimeScene& s, const SpaceTimeScene::Arrow& a) {
  const QPointF from(spaceTimeX(plot, s, a.sent_us), spaceTimeY(plot, s, a.from));
  const QPointF to(spaceTimeX(plot, s, a.deliver_us), spaceTimeY(plot, s, a.to));
  const Time span = std::max<Time>(1, a.deliver_us - a.sent_us);
  const double f = std::clamp(double(a.end_us - a.sent_us) / double(span), 0.0, 1.0);
  return from + (to - from) * f;
}

namespace {
// A readable step for time ticks: 1, 2 or 5 times a power of ten.
Time tickStep(Time span) {
  Time step = 1;
  while (step * 10 <= span / 4) step *= 10;
  if (step * 5 <= span / 4) return step * 5;
  if (step * 2 <= span / 4) return step * 2;
  return step;
}
QString timeText(Time t) {
  if (t % 1'000'000 == 0) return QStringLiteral("%1 s").arg(t / 1'000'000);
  if (t % 1'000 == 0) return QStringLiteral("%1 s").arg(double(t) / 1e6, 0, 'f', t % 100'000 == 0 ? 1 : 3);
  return QStringLiteral("%1 ms").arg(double(t) / 1e3, 0, 'f', 3);
}
}  // namespace

void paintSpaceTime(QPainter& p, const QRectF& area, const SpaceTimeScene& s, const ClusterConfig& config,
                    const Theme& theme, double k) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(area, theme.panel());
  const QRectF plot = spaceTimePlot(area, k);
  auto px = [k](double v) { return int(std::lround(v * k)); };
  // What has not happened yet is left empty, shaded.
  const double now_x = std::clamp(spaceTimeX(plot, s, s.now_us), plot.left(), plot.right());
  if (now_x < plot.right()) p.fillRect(QRectF(now_x, plot.top(), plot.right() - now_x, plot.height()), theme.faint());

  // Time ticks.
  p.setFont(Theme::font(TextRole::SpaceTimeTick, false, k));
  const Time step = tickStep(s.to_us - s.from_us);
  for (Time t = (s.from_us / step + 1) * step; t < s.to_us; t += step) {
    const double x = spaceTimeX(plot, s, t);
    p.setPen(QPen(theme.stripe(), 1));
    p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    p.setPen(theme.mutedInk());
    p.drawText(QRectF(x - 60 * k, plot.bottom() + 4 * k, 120 * k, (kBottomPx - 6) * k), Qt::AlignHCenter | Qt::AlignTop, timeText(t));
  }

  // Lanes: names, then the role and liveness stretches.
  p.setFont(Theme::font(TextRole::SpaceTimeName, true, k));
  for (int n = 0; n < s.node_count; ++n) {
    const double y = spaceTimeY(plot, s, NodeId(n));
    p.setPen(theme.ink());
    const QString name = n < int(config.names.size()) ? QString::fromStdString(config.names[size_t(n)]) : QString();
    p.drawText(QRectF(area.left() + 8 * k, y - 14 * k, (kNamesPx - 16) * k, 28 * k), Qt::AlignVCenter | Qt::AlignRight,
               p.fontMetrics().elidedText(name, Qt::ElideRight, px(kNamesPx - 16)));
  }
  for (const auto& seg : s.segments) {
    const double y = spaceTimeY(plot, s, seg.node);
    QPen pen(theme.mutedInk(), 2 * k);
    if (!seg.alive) pen = QPen(theme.crashed(), 2 * k, Qt::DotLine);
    else if (seg.role == Role::Candidate) pen = QPen(theme.role(Role::Candidate), 5 * k);
    else if (seg.role == Role::Leader) pen = QPen(theme.role(Role::Leader), 9 * k);
    pen.setCapStyle(Qt::FlatCap);
    p.setPen(pen);
    p.drawLine(QPointF(spaceTimeX(plot, s, seg.from_us), y), QPointF(spaceTimeX(plot, s, seg.to_us), y));
  }

  // Messages: arrows from send to delivery; a dropped one ends in a cross.
  // Lines go in one batch per colour; zoomed out (many arrows), without
  // antialiasing or heads, which nobody could see at that scale anyway.
  const bool detailed = s.arrows.size() <= 800;
  p.setRenderHint(QPainter::Antialiasing, detailed);
  std::vector<std::pair<QRgb, QVector<QLineF>>> batches;
  auto batchOf = [&](const QColor& c) -> QVector<QLineF>& {
    for (auto& [rgb, lines] : batches)
      if (rgb == c.rgba()) return lines;
    batches.push_back({c.rgba(), {}});
    return batches.back().second;
  };
  QVector<QLineF> crosses;
  std::vector<std::pair<QRgb, QPainterPath>> head_paths;
  for (const auto& a : s.arrows) {
    const QPointF from(spaceTimeX(plot, s, a.sent_us), spaceTimeY(plot, s, a.from));
    const QPointF end = spaceTimeArrowEnd(plot, s, a);
    const QColor colour = theme.message(a.type, a.refused);
    batchOf(colour).push_back(QLineF(from, end));
    if (a.dropped) {
      crosses.push_back(QLineF(end + QPointF(-6, -6) * k, end + QPointF(6, 6) * k));
      crosses.push_back(QLineF(end + QPointF(-6, 6) * k, end + QPointF(6, -6) * k));
    } else if (a.arrived && detailed) {
      const QPointF d = end - from;
      const double len = std::hypot(d.x(), d.y());
      if (len <= 4) continue;
      const QPointF u = d / len, n(-u.y(), u.x());
      QPainterPath* path = nullptr;
      for (auto& [rgb, hp] : head_paths)
        if (rgb == colour.rgba()) path = &hp;
      if (!path) path = &head_paths.emplace_back(colour.rgba(), QPainterPath()).second;
      path->moveTo(end);
      path->lineTo(end - u * 10 * k + n * 5 * k);
      path->lineTo(end - u * 10 * k - n * 5 * k);
      path->closeSubpath();
    }
  }
  for (const auto& [rgb, lines] : batches) {
    p.setPen(QPen(QColor::fromRgba(rgb), 2 * k));
    p.drawLines(lines);
  }
  for (const auto& [rgb, path] : head_paths) p.fillPath(path, QColor::fromRgba(rgb));
  p.setPen(QPen(theme.danger(), 2.5 * k));
  p.drawLines(crosses);
  p.setRenderHint(QPainter::Antialiasing);

  // Term changes above the lanes, findings across them.
  p.setFont(Theme::font(TextRole::SpaceTimeTerm, true, k));
  p.setPen(theme.ink());
  for (const auto& t : s.terms) {
    const double x = spaceTimeX(plot, s, t.time_us), y = spaceTimeY(plot, s, t.node);
    p.drawText(QRectF(x - 30 * k, y - 30 * k, 60 * k, 18 * k), Qt::AlignCenter, QStringLiteral("t%1").arg(t.value));
  }
  for (const auto& f : s.findings) {
    const double x = spaceTimeX(plot, s, f.time_us);
    p.setPen(QPen(theme.danger(), 2 * k, Qt::DashLine));
    p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    QPainterPath diamond;
    diamond.moveTo(x, plot.top() - 14 * k);
    diamond.lineTo(x + 8 * k, plot.top() - 6 * k);
    diamond.lineTo(x, plot.top() + 2 * k);
    diamond.lineTo(x - 8 * k, plot.top() - 6 * k);
    diamond.closeSubpath();
    p.fillPath(diamond, theme.danger());
  }
  // The playhead.
  p.setPen(QPen(theme.ink(), 2 * k));
  p.drawLine(QPointF(now_x, plot.top() - 4 * k), QPointF(now_x, plot.bottom() + 4 * k));
  p.restore();
}

}  // namespace radeau::gui

// --- slides ------------------------------------------------------------------

namespace radeau::gui {

bool exportSpaceTime(const Run& run, int branch, Time from_us, Time to_us, const QString& title, const QString& path,
                     const QSize& size, const Theme& theme, QString& error) {
  const SpaceTimeScene scene = buildSpaceTime(run.config(), run.journal(branch), run.projection(branch).stateAt(from_us),
                                              from_us, to_us, to_us);
  const QString span = QStringLiteral("%1 – %2 s").arg(double(from_us) / 1e6, 0, 'f', 3).arg(double(to_us) / 1e6, 0, 'f', 3);
  return exportPainting(path, size, title, QStringLiteral("Radeau, space-time ") + span, theme, [&](QPainter& p) {
    const double band = std::max(40.0, size.height() * 0.08);
    p.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), theme.background());
    p.setPen(theme.ink());
    p.setFont(Theme::fittedFont(int(band * 0.5), true));
    p.drawText(QRectF(20, 0, size.width() - 40, band), Qt::AlignVCenter | Qt::AlignLeft, title);
    p.setFont(Theme::fittedFont(int(band * 0.4)));
    p.drawText(QRectF(20, 0, size.width() - 40, band), Qt::AlignVCenter | Qt::AlignRight, span);
    // Texts and strokes grow with the slide: a 1080 p slide draws them twice the window's size.
    paintSpaceTime(p, QRectF(0, band, size.width(), size.height() - band), scene, run.config(), theme,
                   size.height() / 540.0);
  }, error);
}

}  // namespace radeau::gui


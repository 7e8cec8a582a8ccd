#include "app/render/cluster_paint.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QHash>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPixmap>
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "app/render/theme.h"

namespace radeau::gui {

namespace {

// A picture drawn once at the painter's device scale and then blitted 1:1:
// labels and the static parts of nodes do not change between most frames.
// `draw` paints in item coordinates inside `box`. Vectors (slides, SVG) and
// rotated painters draw directly.
template <typename Draw>
void drawCached(QPainter* p, const QString& key, const QRectF& box, PaintMode mode, const Theme& theme, Draw draw) {
  static QHash<QString, QPixmap> cache;
  const QTransform& t = p->worldTransform();
  const qreal scale = std::max(0.05, std::sqrt(std::abs(t.determinant()))) * p->device()->devicePixelRatioF();
  if (t.isRotating() || mode == PaintMode::Vectors) {
    draw(p);
    return;
  }
  // The scheme is part of the key: switching it redraws every picture.
  const QString full = key + QStringLiteral("@%1%2").arg(scale, 0, 'f', 3).arg(theme.dark() ? 'd' : 'l');
  auto it = cache.find(full);
  if (it == cache.end()) {
    if (cache.size() > 3000) cache.clear();
    QPixmap pm((box.size() * scale).toSize() + QSize(2, 2));
    pm.fill(Qt::transparent);
    QPainter q(&pm);
    q.setRenderHint(QPainter::Antialiasing);
    q.setRenderHint(QPainter::TextAntialiasing);
    q.scale(scale, scale);
    q.translate(-box.topLeft());
    draw(&q);
    q.end();
    pm.setDevicePixelRatio(p->device()->devicePixelRatioF());
    it = cache.insert(full, pm);
  }
  // Blit at whole device pixels.
  QPointF device = t.map(box.topLeft());
  p->save();
  p->resetTransform();
  p->drawPixmap(QPointF(std::round(device.x()), std::round(device.y())), *it);
  p->restore();
}

double nameWidth(const NodeGlyph& g, double boost) { return nameLine(g, boost) + 10; }

// What does not move between frames: the disc, the term or role letter, the cross, the badge and the name.
void paintNodeStatic(QPainter* p, const NodeGlyph& g, double boost, const Theme& theme) {
  const double R = kNodeRadius;
  QColor fill = g.alive ? theme.role(g.role) : theme.crashed();
  // Outside the configuration (rung 16): faded, its outline dashed.
  if (g.outside) p->setOpacity(0.45);
  p->setPen(QPen(theme.ink(), g.role == Role::Leader && g.alive ? 6 : 3, g.outside ? Qt::DashLine : Qt::SolidLine));
  p->setBrush(fill);
  p->drawEllipse(QPointF(0, 0), R, R);

  QColor ink = g.alive ? theme.roleInk(g.role) : theme.ink();
  p->setPen(ink);
  if (g.show_terms) {
    p->setFont(Theme::font(TextRole::TermWord, true));
    p->drawText(QRectF(-R, -R + 12, 2 * R, 22), Qt::AlignCenter, QCoreApplication::translate("radeau::gui::ClusterView", "term"));
    // "12" fits the disc at the term's size; a long run's "8665" is made
    // smaller to fit inside the ring rather than spill over it.
    QFont number = Theme::font(TextRole::TermNumber, true);
    const QString term = QString::number(g.term);
    const double room = 2 * R - 24, width = QFontMetricsF(number).horizontalAdvance(term);
    if (width > room) number = Theme::fittedFont(std::max(8, int(number.pixelSize() * room / width)), true);
    p->setFont(number);
    p->drawText(QRectF(-R, -R + 28, 2 * R, 70), Qt::AlignCenter, term);
  } else if (g.alive) {  // a crashed node has no role: its cross alone
    p->setFont(Theme::font(TextRole::RoleLetter, true));
    // The role's initial in the window's language: L, C, F / L, C, S.
    QString letter = g.role == Role::Leader      ? QCoreApplication::translate("radeau::gui::ClusterView", "L", "leader's initial")
                     : g.role == Role::Candidate ? QCoreApplication::translate("radeau::gui::ClusterView", "C", "candidate's initial")
                                                 : QCoreApplication::translate("radeau::gui::ClusterView", "F", "follower's initial");
    p->drawText(QRectF(-R, -R, 2 * R, 2 * R), Qt::AlignCenter, letter);
  }
  if (!g.alive) {
    p->setPen(QPen(theme.ink(), 8, Qt::SolidLine, Qt::RoundCap));
    const double k = R * 0.62;
    p->drawLine(QPointF(-k, -k), QPointF(k, k));
    p->drawLine(QPointF(-k, k), QPointF(k, -k));
  }

  // Role badge on the top of the circle.
  QString badge = roleBadge(g);
  QFont bf = roleBadgeFont(boost);  // grows with the names on stage
  QFontMetricsF bm(bf);
  double bw = bm.horizontalAdvance(badge) + 20;
  const double bh = 28 * roleBadgeScale(boost);
  QRectF br(-bw / 2, -R - 2 - bh, bw, bh);
  p->setPen(QPen(g.alive ? theme.ink() : theme.mutedInk(), 2));
  p->setBrush(g.alive ? (g.role == Role::Follower ? theme.panel() : theme.role(g.role)) : theme.crashed());
  p->drawRoundedRect(br, 14, 14);
  p->setFont(bf);
  p->setPen(g.alive ? theme.roleInk(g.role) : theme.ink());
  if (g.alive && g.role == Role::Follower) p->setPen(theme.ink());
  p->drawText(br, Qt::AlignCenter, badge);

  // The name, large, under the node.
  const double k = boost, w = nameWidth(g, boost);
  QFont nf = nameFont(k);  // as nodeArea measures it
  p->setFont(nf);
  p->setPen(g.alive ? theme.ink() : theme.mutedInk());
  QString name = QFontMetricsF(nf).elidedText(g.name, Qt::ElideRight, w - 10);
  p->drawText(QRectF(-w / 2, R + 14, w, 46 * k), Qt::AlignCenter, name);
}

QPointF unitOf(const MessageGlyph& g) {
  const QPointF d = g.head - g.tail;
  const double len = std::hypot(d.x(), d.y());
  return len > 0 ? d / len : QPointF(1, 0);
}

// The box the chips span: they trail the arrow's head along its path.
QRectF chipTrain(const MessageGlyph& g) {
  const QPointF u = unitOf(g);
  const double n = double(g.chip_terms.size()) + (g.entries > g.chip_terms.size() ? 1.5 : 0);
  return QRectF(g.head, g.head - u * (24 + n * (kChipSide + kChipGap))).normalized();
}

// One chip per carried entry, in its term's colour: 10a's whole log and
// 10b's single entry differ from the back row, not in a 24 px word.
void paintChips(QPainter* p, const MessageGlyph& g, const Theme& theme) {
  const QColor colour = theme.message(g.type, g.refused);
  const QPointF u = unitOf(g);
  const double step = kChipSide + kChipGap;
  // Chips trail the head along the path flown so far, never over the sender
  // (its disc, term and name): the ones that do not fit yet join the "+N".
  // The path's first stretch passes the sender's name: chips keep off it.
  const double flown = std::hypot(g.head.x() - g.start.x(), g.head.y() - g.start.y()) - 1.6 * kNodeRadius;
  const size_t fit = flown < 24 + kChipSide ? 0 : size_t((flown - 24 - kChipSide) / step) + 1;
  size_t drawn = std::min(fit, g.chip_terms.size());
  if (g.entries > drawn && drawn > 0) --drawn;  // room for the "+N" within the same stretch
  if (g.progress < 0.4) return;  // just left: the train would sit on the sender's name; the label says "log N"
  for (size_t i = 0; i < drawn; ++i) {
    const QPointF c = g.head - u * (24 + kChipSide / 2 + double(i) * step);
    p->setPen(QPen(colour, 3));
    p->setBrush(theme.term(g.chip_terms[i]));
    p->drawRoundedRect(QRectF(c.x() - kChipSide / 2, c.y() - kChipSide / 2, kChipSide, kChipSide), 4, 4);
  }
  if (g.entries > drawn && fit > 0) {  // "+N" after the last chip, once there is room
    const QPointF c = g.head - u * (24 + kChipSide / 2 + double(drawn) * step + step * 0.6);
    const QString more = QStringLiteral("+%1").arg(g.entries - uint32_t(drawn));
    const QFont f = Theme::fittedFont(std::max(Theme::px(TextRole::TermWord), g.label_px - 4), true);
    const double w = QFontMetricsF(f).horizontalAdvance(more) + 10, h = f.pixelSize() * 1.3;
    const QRectF box(c.x() - w / 2, c.y() - h / 2, w, h);
    p->setPen(QPen(colour, 2));
    p->setBrush(theme.labelFill());
    p->drawRoundedRect(box, 6, 6);
    p->setFont(f);
    p->setPen(theme.ink());
    p->drawText(box, Qt::AlignCenter, more);
  }
}

}  // namespace

QRectF nodeBounds(const NodeGlyph& g, double boost) {
  const double R = kNodeRadius;
  const double bh = 28 * roleBadgeScale(boost);
  return QRectF(-nameWidth(g, boost) / 2, -R - 12 - bh, nameWidth(g, boost), 2 * R + 36 + bh + 76 * boost);
}

QPainterPath nodeShape(double boost) {
  QPainterPath p;
  p.addEllipse(QPointF(0, 0), kNodeRadius + 20, kNodeRadius + 20);
  p.addRect(-120, kNodeRadius + 14, 240, 46 * boost);  // the name
  return p;
}

namespace {
// The stretches of a ring of radius `r` (and half width `half_width`) that
// `rects` reach, as angles (Qt's: degrees counterclockwise from 3 o'clock, y
// down), merged; false when they reach all of it. The ring is taken in steps:
// a step counts when a rectangle, widened by what the step's piece of ring
// spans around its middle, holds that middle. A rectangle holding the centre
// (a message leaving the node) reaches only the part of the ring inside it.
bool ringStretches(const QList<QRectF>& rects, double r, double half_width, std::vector<std::pair<double, double>>& out) {
  constexpr int kSteps = 90;
  constexpr double kStep = 360.0 / kSteps;
  const double reach = half_width + r * std::sin(kStep / 2 * std::numbers::pi / 180) + 1;
  std::array<bool, kSteps> hit{};
  for (const QRectF& c : rects) {
    if (c.isEmpty()) continue;
    const QRectF wide = c.adjusted(-reach, -reach, reach, reach);
    if (!wide.intersects(QRectF(-r - reach, -r - reach, 2 * (r + reach), 2 * (r + reach)))) continue;
    for (int k = 0; k < kSteps; ++k) {
      const double rad = k * kStep * std::numbers::pi / 180;
      if (!hit[size_t(k)] && wide.contains(QPointF(r * std::cos(rad), -r * std::sin(rad)))) hit[size_t(k)] = true;
    }
  }
  if (std::all_of(hit.begin(), hit.end(), [](bool h) { return h; })) return false;
  // Runs of steps, a run through step 0 joined with the one ending at the last step.
  int start = 0;
  while (hit[size_t(start)]) ++start;  // a step not hit exists
  out.clear();
  for (int i = 1; i < kSteps;) {
    if (!hit[size_t((start + i) % kSteps)]) {
      ++i;
      continue;
    }
    int j = i;
    while (hit[size_t((start + j + 1) % kSteps)]) ++j;  // stops at `start` at the latest
    const double turn = (start + i) * kStep >= 360 ? 360 : 0;
    out.push_back({(start + i) * kStep - kStep / 2 - turn, (start + j) * kStep + kStep / 2 - turn});
    i = j + 1;
  }
  return true;
}
}  // namespace

void paintNode(QPainter& painter, const NodeGlyph& g, double boost, bool selected, PaintMode mode, const Theme& theme,
               const QRectF* exposed) {
  QPainter* p = &painter;
  const double R = kNodeRadius;
  p->setRenderHint(QPainter::Antialiasing);
  if (g.in_finding) {
    QColor ring = theme.danger();
    ring.setAlpha(200);
    p->setPen(QPen(ring, 10));
    p->setBrush(Qt::NoBrush);
    p->drawEllipse(QPointF(0, 0), R + 27, R + 27);
  }
  if (selected) {
    QPen pen(theme.ink(), 3, Qt::DashLine);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    p->drawEllipse(QPointF(0, 0), R + 36, R + 36);
  }
  // Timers: a ring that empties clockwise from the top.
  auto arc = [&](double left, const QColor& colour) {
    const double r = R + 13;
    QRectF box(-r, -r, 2 * r, 2 * r);
    const int span = int(std::lround(left * 360 * 16));  // drawn clockwise from the top
    // The stretches of ring being repainted, from the painter's clip (a tick's
    // few rectangles): a rectangle within the disc or away from the ring needs no ring.
    std::vector<std::pair<double, double>> merged;
    bool whole = !exposed;
    if (!whole) {
      // The device's exposed region (the widget's system clip), in the node's coordinates.
      QList<QRectF> rects;
      const QRegion device = p->paintEngine() ? p->paintEngine()->systemClip() : QRegion();
      bool invertible = false;
      const QTransform back = p->deviceTransform().inverted(&invertible);
      if (device.isEmpty() || !invertible || back.isRotating()) rects.push_back(*exposed);
      else
        for (const QRect& c : device) rects.push_back(back.mapRect(QRectF(c)) & *exposed);
      whole = !ringStretches(rects, r, 4.5 + 2, merged);
    }
    if (!whole) {
      for (const auto& [lo, hi] : merged) {
        const int a16 = int(std::floor(lo * 16)), b16 = int(std::ceil(hi * 16));
        p->setPen(QPen(theme.faint(), 9, Qt::SolidLine, Qt::FlatCap));
        p->setBrush(Qt::NoBrush);
        p->drawArc(box, a16, b16 - a16);
        if (span <= 0) continue;
        p->setPen(QPen(colour, 9, Qt::SolidLine, Qt::FlatCap));
        const int arc_lo = 90 * 16 - span, arc_hi = 90 * 16;
        for (int turn = -1; turn <= 1; ++turn) {
          const int from = std::max(a16 + turn * 360 * 16, arc_lo), to = std::min(b16 + turn * 360 * 16, arc_hi);
          if (to > from) p->drawArc(box, from, to - from);
        }
      }
      return;
    }
    p->setPen(QPen(theme.faint(), 9, Qt::SolidLine, Qt::FlatCap));
    p->setBrush(Qt::NoBrush);
    p->drawEllipse(box);
    p->setPen(QPen(colour, 9, Qt::SolidLine, Qt::FlatCap));
    p->drawArc(box, 90 * 16, -span);
  };
  if (g.alive && g.election_left >= 0) arc(g.election_left, theme.electionTimer());
  else if (g.alive && g.heartbeat_left >= 0) arc(g.heartbeat_left, theme.heartbeatTimer());

  const QString key = QStringLiteral("node|%1|%2|%3|%4|%5|%6|%7|%8").arg(g.name).arg(int(g.role)).arg(int(g.alive))
                          .arg(g.term).arg(int(g.show_terms)).arg(g.votes).arg(g.majority).arg(int(g.pre_candidate)) +
                      QStringLiteral("|%1|%2|%3|%4|%5").arg(boost, 0, 'f', 2).arg(g.name_room, 0, 'f', 1).arg(int(g.outside))
                          .arg(int(g.catching_up)).arg(g.members);
  const double bh = 28 * roleBadgeScale(boost);
  drawCached(p, key, QRectF(-nameWidth(g, boost) / 2, -R - 6 - bh, nameWidth(g, boost), 2 * R + 26 + bh + 76 * boost), mode,
             theme, [&g, boost, &theme](QPainter* q) { paintNodeStatic(q, g, boost, theme); });
}

QRectF linkBounds(const LinkGlyph& g) { return QRectF(g.p1, g.p2).normalized().adjusted(-24, -24, 24, 24); }

QPainterPath linkShape(const LinkGlyph& g) {
  QPainterPath path(g.p1);
  path.lineTo(g.p2);
  QPainterPathStroker s;
  s.setWidth(24);
  return s.createStroke(path);
}

void paintLink(QPainter& painter, const LinkGlyph& g, const Theme& theme) {
  QPainter* p = &painter;
  p->setRenderHint(QPainter::Antialiasing);
  if (g.up) {
    p->setPen(QPen(theme.link(), 3));
    p->drawLine(g.p1, g.p2);
    return;
  }
  // Cut links have their own style (slate, dashed, scissors): the finding
  // colours stay for findings.
  p->setPen(QPen(theme.cut(), g.partitioned ? 3 : 5, Qt::DashLine, Qt::FlatCap));
  p->drawLine(g.p1, g.p2);
  if (g.partitioned) return;  // the partition is drawn by the dashes alone: fewer marks
  QPointF m = (g.p1 + g.p2) / 2;
  p->setPen(QPen(theme.cut(), 4));
  p->setBrush(theme.panel());
  p->drawEllipse(m, 20, 20);
  p->setPen(theme.cut());
  p->setFont(Theme::font(TextRole::LinkCut, true));
  p->drawText(QRectF(m.x() - 20, m.y() - 20, 40, 40), Qt::AlignCenter, QStringLiteral("✂"));
}

QRectF messageBounds(const MessageGlyph& g) {
  QRectF r = QRectF(g.tail, g.head).normalized().adjusted(-16, -16, 16, 16).united(g.label_rect.adjusted(-2, -2, 2, 2));
  if (!g.chip_terms.empty()) r |= chipTrain(g).adjusted(-kChipSide, -kChipSide, kChipSide, kChipSide);
  return r;
}

void paintMessage(QPainter& painter, const MessageGlyph& g, PaintMode mode, const Theme& theme) {
  QPainter* p = &painter;
  const QColor colour = theme.message(g.type, g.refused);
  p->setRenderHint(QPainter::Antialiasing);
  const QPointF u = unitOf(g);
  QPointF n(-u.y(), u.x());
  QPointF base = g.head - u * 18;
  if (!g.chip_terms.empty()) paintChips(p, g, theme);
  // Square and flat caps: Qt's raster engine draws such lines directly; a
  // round cap sends each through the general stroker (two thirds of painting
  // a crowded frame, issue 19).
  p->setPen(QPen(colour, 6, Qt::SolidLine, Qt::SquareCap));
  p->drawLine(g.tail, base);
  QPointF tri[3] = {g.head, base + n * 10, base - n * 10};
  p->setPen(Qt::NoPen);
  p->setBrush(colour);
  p->drawPolygon(tri, 3);
  const QRectF lr = g.label_rect;  // placed off the nodes by placeMessageLabels (cluster_picture.cpp)
  // A label slid away from its arrow (off a node) keeps a thin line to it.
  const QPointF mid = (g.head + g.tail) / 2;
  const QPointF near(std::clamp(mid.x(), lr.left(), lr.right()), std::clamp(mid.y(), lr.top(), lr.bottom()));
  if (std::hypot(near.x() - mid.x(), near.y() - mid.y()) > 24) {
    p->setPen(QPen(colour, 2, Qt::DotLine, Qt::FlatCap));
    p->drawLine(mid, near);
  }
  drawCached(p, QStringLiteral("msg|%1|%2|%3").arg(colour.rgb()).arg(g.label_px).arg(g.label), lr.adjusted(-2, -2, 2, 2),
             mode, theme, [&g, lr, &theme, colour](QPainter* q) {
               q->setPen(QPen(colour, 2));
               q->setBrush(theme.labelFill());
               q->drawRoundedRect(lr, 8, 8);
               q->setPen(theme.ink());
               q->setFont(Theme::fittedFont(g.label_px, true));
               q->drawText(lr, Qt::AlignCenter, g.label);
             });
  if (g.dead) {  // lost on the network: the network's colour, not a finding's
    p->setPen(QPen(theme.cut(), 6, Qt::SolidLine, Qt::SquareCap));
    const QPointF c = g.head;
    p->drawLine(c + QPointF(-12, -12), c + QPointF(12, 12));
    p->drawLine(c + QPointF(-12, 12), c + QPointF(12, -12));
  }
}

void paintClusterPicture(QPainter& p, const ClusterPicture& picture, const Theme& theme, double name_boost) {
  for (const LinkGlyph& g : picture.links) {
    p.save();
    paintLink(p, g, theme);
    p.restore();
  }
  for (const NodeGlyph& g : picture.nodes) {
    p.save();
    p.translate(g.centre);
    paintNode(p, g, name_boost, false, PaintMode::Vectors, theme);
    p.restore();
  }
  for (const MessageGlyph& g : picture.messages) {
    p.save();
    p.setOpacity(p.opacity() * g.opacity);
    paintMessage(p, g, PaintMode::Vectors, theme);
    p.restore();
  }
}

}  // namespace radeau::gui

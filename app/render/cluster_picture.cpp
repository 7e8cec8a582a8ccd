#include "app/render/cluster_picture.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QHash>
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "app/render/language.h"
#include "app/render/theme.h"
#include "core/format.h"

namespace radeau::gui {

QPointF nodeCentre(int n, int count, NodeEllipse ellipse) {
  const QPointF c(kSceneWidth / 2, kSceneHeight / 2 - 10);
  if (count <= 1) return c;
  const double rx = ellipse.rx, ry = ellipse.ry;
  double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * n / count;
  if (count == 2) angle = n == 0 ? std::numbers::pi : 0;  // side by side
  return {c.x() + rx * std::cos(angle), c.y() + ry * std::sin(angle)};
}

void messagePath(int from, int to, int count, QPointF& start, QPointF& end, NodeEllipse ellipse) {
  QPointF a = nodeCentre(from, count, ellipse), b = nodeCentre(to, count, ellipse);
  QPointF d = b - a;
  double len = std::hypot(d.x(), d.y());
  if (len < 1) {
    start = end = a;
    return;
  }
  QPointF u = d / len;
  QPointF right(-u.y(), u.x());
  const double offset = 11, trim = kNodeRadius + 14;
  start = a + u * trim + right * offset;
  end = b - u * trim + right * offset;
}

bool messageRefused(const Event& sent) {
  return ((sent.msgType() == MsgType::VoteResponse || sent.msgType() == MsgType::PreVoteResponse) && !sent.granted()) ||
         (sent.msgType() == MsgType::LogResponse && !sent.success());
}

QString messageLabel(const Event& sent, const Journal& journal, Concepts concepts) {
  // The words are core's (format.cpp), in the window's language: one owner for the journal and the picture.
  return QString::fromStdString(messageLabelText(sent, journal, concepts, language()));
}

namespace {

double fractionLeft(const TimerState& t, Time now) {
  if (!t.running()) return -1;
  Time span = std::max<Time>(1, t.deadline_us - t.start_us);
  return std::clamp(double(t.deadline_us - now) / double(span), 0.0, 1.0);
}

MessageGlyph glyph(const Event& sent, Seq seq, const Journal& journal, int count, double progress, Concepts concepts,
                   NodeEllipse ellipse) {
  MessageGlyph m;
  m.sent = seq;
  m.type = sent.msgType();
  m.from = sent.node;
  m.to = sent.peer;
  m.progress = std::clamp(progress, 0.0, 1.0);
  QPointF s, e;
  messagePath(sent.node, sent.peer, count, s, e, ellipse);
  QPointF d = e - s;
  double len = std::hypot(d.x(), d.y());
  QPointF u = len > 0 ? d / len : QPointF(1, 0);
  m.head = s + d * m.progress;
  m.start = s;
  double arrow = std::min(46.0, std::max(18.0, len * m.progress));
  m.tail = m.head - u * arrow;
  m.refused = messageRefused(sent);
  m.label = messageLabel(sent, journal, concepts);
  if (m.type == MsgType::LogRequest && sent.carriedCount() > 0 &&
      size_t(sent.carriedOffset()) + sent.carriedCount() <= journal.carried().size()) {
    m.entries = sent.carriedCount();
    const Entry* carried = journal.carriedEntries(sent);
    for (uint32_t i = 0; i < std::min<uint32_t>(sent.carriedCount(), kMaxChips); ++i) m.chip_terms.push_back(carried[i].term);
  }
  return m;
}

}  // namespace

ClusterPicture drawCluster(const Frame& f, double name_boost, NodeEllipse ellipse) {
  ClusterPicture p;
  p.ellipse = ellipse;
  if (!f.valid()) return p;
  const ClusterState& s = f.state;
  const Journal& j = *f.journal;
  const int n = s.node_count;
  const Time t = f.time_us;

  NodeId hot1 = kNoNode, hot2 = kNoNode;
  if (const Event* fe = f.latestFinding()) {
    hot1 = fe->node;
    hot2 = fe->peer;
  }
  // Membership (rung 16): only drawn in a run that has spares or a change.
  const uint16_t all = uint16_t((1u << n) - 1);
  bool membership_shown = (s.initial_members & all) != all;
  // What counts: the configurations of the live leaders (two, in 16a), else each node's own.
  const NodeState* leader = nullptr;
  uint16_t leaders_members = 0;
  for (int i = 0; i < n; ++i) {
    const NodeState& x = s.nodes[size_t(i)];
    membership_shown |= x.config_index > 0;
    if (x.alive && x.role == Role::Leader) {
      leaders_members |= x.members;
      if (!leader || x.term > leader->term) leader = &x;
    }
  }
  p.nodes.reserve(size_t(n));
  for (int i = 0; i < n; ++i) {
    const NodeState& ns = s.nodes[size_t(i)];
    NodeGlyph g;
    g.id = NodeId(i);
    g.centre = nodeCentre(i, n, ellipse);
    g.name = i < int(f.config->names.size()) ? QString::fromStdString(f.config->names[size_t(i)])
                                             : QCoreApplication::translate("radeau::gui::ClusterView", "node %1").arg(i);
    g.role = ns.role;
    g.alive = ns.alive;
    g.term = ns.term;
    g.votes = ns.yesCount();
    g.pre_candidate = ns.pre_candidate;
    g.majority = ns.majority();  // of its own configuration (rung 16)
    if (membership_shown) {
      const uint16_t counts = leader ? leaders_members : ns.members;
      g.outside = !(counts & (1u << i));
      g.catching_up = leader && !g.outside && &ns != leader && ns.alive && ns.role == Role::Follower &&
                      ns.lastIndex() < leader->commit;
      if (ns.alive && ns.role == Role::Leader) g.members = ns.memberCount();
    }
    g.election_left = fractionLeft(ns.election, t);
    g.heartbeat_left = fractionLeft(ns.heartbeat, t);
    g.in_finding = (i == hot1 || i == hot2);
    g.show_terms = s.concepts.has(Concept::Terms);
    g.name_room = n <= 3 ? 3.0 : 1.4;
    p.nodes.push_back(g);
  }
  for (int a = 0; a < n; ++a)
    for (int b = a + 1; b < n; ++b) {
      LinkGlyph l;
      l.a = NodeId(a);
      l.b = NodeId(b);
      l.p1 = nodeCentre(a, n, ellipse);
      l.p2 = nodeCentre(b, n, ellipse);
      l.up = s.linkUp(l.a, l.b);
      l.partitioned = !l.up && !(s.cut[size_t(a)] & (1u << b));
      p.links.push_back(l);
    }

  p.messages.reserve(s.in_flight.size() + 8);
  for (const InFlight& m : s.in_flight) {
    const Event& sent = j[m.sent];
    Time span = std::max<Time>(1, m.deliver_us - m.sent_us);
    p.messages.push_back(glyph(sent, m.sent, j, n, double(t - m.sent_us) / double(span), s.concepts, ellipse));
  }
  // Messages dropped within the fade window: where they died, fading out;
  // only the latest few of each link, so a cut-off leader's heartbeats do not pile up.
  std::array<uint8_t, size_t(kMaxNodes * kMaxNodes)> remnants{};
  for (Seq i = s.applied; i-- > 0;) {
    const Event& e = j[i];
    if (e.time_us <= t - kRemnantFadeUs) break;
    if (e.kind != EventKind::MessageDropped || e.ref >= j.size()) continue;
    const Event& sent = j[e.ref];
    if (sent.node < kMaxNodes && sent.peer < kMaxNodes) {
      uint8_t& shown = remnants[size_t(std::min(sent.node, sent.peer) * kMaxNodes + std::max(sent.node, sent.peer))];
      if (shown >= kRemnantsPerLink) continue;
      ++shown;
    }
    Time span = std::max<Time>(1, sent.at_us() - sent.time_us);
    MessageGlyph g = glyph(sent, e.ref, j, n, double(e.time_us - sent.time_us) / double(span), s.concepts, ellipse);
    g.dead = true;
    g.opacity = std::clamp(1.0 - double(t - e.time_us) / double(kRemnantFadeUs), 0.15, 1.0);
    p.messages.push_back(g);
  }
  placeMessageLabels(p, name_boost);
  return p;
}

QString roleBadge(const NodeGlyph& g) {
  if (!g.alive) return QCoreApplication::translate("radeau::gui::ClusterView", "DOWN");
  switch (g.role) {
    case Role::Follower:
      if (g.outside) return QCoreApplication::translate("radeau::gui::ClusterView", "OUTSIDE", "not in the configuration");
      if (g.catching_up)
        return QCoreApplication::translate("radeau::gui::ClusterView", "CATCHING UP", "a member that lacks committed entries");
      return QCoreApplication::translate("radeau::gui::ClusterView", "FOLLOWER");
    // The votes it has of the majority it needs, in the badge: a line under
    // the name would run into the badge of the node below on a crowded stage.
    case Role::Candidate:
      if (g.pre_candidate)
        return QCoreApplication::translate("radeau::gui::ClusterView", "PRE-CANDIDATE %1/%2",
                                           "pre-votes received (its own included) / votes needed")
            .arg(g.votes)
            .arg(g.majority);
      return QCoreApplication::translate("radeau::gui::ClusterView", "CANDIDATE %1/%2", "votes received / votes needed")
          .arg(g.votes)
          .arg(g.majority);
    case Role::Leader:
      if (g.members > 0)
        return QCoreApplication::translate("radeau::gui::ClusterView", "♛ LEADER %1/%2",
                                           "the majority it counts / the nodes of its configuration")
            .arg(g.majority)
            .arg(g.members);
      return QCoreApplication::translate("radeau::gui::ClusterView", "♛ LEADER");
  }
  return {};
}

QFont nameFont(double name_boost) { return Theme::font(TextRole::NodeName, true, name_boost); }

double nameLine(const NodeGlyph& g, double name_boost) { return 300 * std::min(name_boost, g.name_room) - 10; }

double roleBadgeScale(double name_boost) { return 1 + 1.4 * (name_boost - 1); }

QFont roleBadgeFont(double name_boost) { return Theme::font(TextRole::RoleBadge, true, roleBadgeScale(name_boost)); }

namespace {
// Text widths, measured once per font and text: the picture is rebuilt at
// every tick of a playing window and its labels and names rarely change, so
// shaping them again each frame was a tenth of the window's CPU (issue 19: a
// calm window). Bounded: cleared when it grows past a few thousand texts.
double advanceOf(const QFont& font, const QString& text) {
  // Keyed by the font itself: QFont::key() spelled the font out as text at every call.
  thread_local QHash<std::pair<QFont, QString>, double> widths;  // per thread: fonts are measured on the thread that paints
  std::pair<QFont, QString> key{font, text};
  if (auto it = widths.constFind(key); it != widths.constEnd()) return *it;
  if (widths.size() > 4096) widths.clear();
  const double w = QFontMetricsF(font).horizontalAdvance(text);
  widths.insert(key, w);
  return w;
}
}  // namespace

// The same boxes NodeItem::paintStatic draws in (cluster_view.cpp), around the
// text actually written rather than the whole line it may use.
NodeArea nodeArea(const NodeGlyph& g, double k) {
  const double R = kNodeRadius;
  NodeArea a;
  a.centre = g.centre;
  a.disc_radius = R + (g.in_finding ? 32 : 18);
  const double bw = advanceOf(roleBadgeFont(k), roleBadge(g)) + 20;
  const double bh = 28 * roleBadgeScale(k);
  a.badge = QRectF(-bw / 2, -R - 2 - bh, bw, bh).translated(g.centre);
  double w = std::min(nameLine(g, k), advanceOf(nameFont(k), g.name)) + 8;
  a.name = QRectF(-w / 2, R + 14, w, 46 * k).translated(g.centre);
  return a;
}

// Labels grow less than names: there are many of them on a small picture.
int messageLabelPx(double name_boost) { return Theme::px(TextRole::MessageLabel, 1 + (name_boost - 1) * 0.6); }

QFont messageLabelFont(double name_boost) { return Theme::fittedFont(messageLabelPx(name_boost), true); }

QSizeF messageLabelSize(const QString& label, double name_boost) {
  const double px = messageLabelPx(name_boost);
  return QSizeF(advanceOf(messageLabelFont(name_boost), label) + 0.7 * px, 1.5 * px);
}

bool rectTouchesDisc(const QRectF& r, const QPointF& c, double radius) {
  const double x = std::clamp(c.x(), r.left(), r.right()), y = std::clamp(c.y(), r.top(), r.bottom());
  const double dx = c.x() - x, dy = c.y() - y;
  return dx * dx + dy * dy < radius * radius;  // squared: asked for every candidate spot and node
}

namespace {

// The same product QRectF::intersected gives for rectangles of positive size
// (all of them here), without its out-of-line normalisation: placement asks
// this for every candidate spot against every node's badge and name.
double overlapArea(const QRectF& a, const QRectF& b) {
  const double w = std::min(a.right(), b.right()) - std::max(a.left(), b.left());
  const double h = std::min(a.bottom(), b.bottom()) - std::max(a.top(), b.top());
  return w > 0 && h > 0 ? w * h : 0;
}

// Placed labels by scene cell, so that a candidate is compared with the labels
// near it only: placement stays near-linear in the messages in flight.
class LabelGrid {
 public:
  static constexpr double kCell = 64;
  static constexpr int kColumns = int(kSceneWidth / kCell) + 1, kRows = int(kSceneHeight / kCell) + 1;

  void add(const QRectF& r) {
    const int id = int(rects_.size());
    rects_.push_back(r);
    stamp_.push_back(0);
    forCells(r, [&](std::vector<int>& cell) { cell.push_back(id); });
  }
  // The area of r under placed labels; once it is positive and past `enough`
  // the rest is not summed (the caller only needs to know that much).
  double overlap(const QRectF& r, double enough = 1e300) {
    ++query_;
    double sum = 0;
    forCells(r, [&](std::vector<int>& cell) {
      if (sum > 0 && sum > enough) return;
      for (int id : cell)
        if (stamp_[size_t(id)] != query_) {
          stamp_[size_t(id)] = query_;
          sum += overlapArea(r, rects_[size_t(id)]);
          if (sum > 0 && sum > enough) return;
        }
    });
    return sum;
  }

 private:
  template <class F>
  void forCells(const QRectF& r, F&& f) {
    auto clampTo = [](double v, int n) { return std::clamp(int(std::floor(v / kCell)), 0, n - 1); };
    const int x0 = clampTo(r.left(), kColumns), x1 = clampTo(r.right(), kColumns);
    const int y0 = clampTo(r.top(), kRows), y1 = clampTo(r.bottom(), kRows);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) f(cells_[size_t(y * kColumns + x)]);
  }
  std::vector<std::vector<int>> cells_ = std::vector<std::vector<int>>(size_t(kColumns * kRows));
  std::vector<QRectF> rects_;
  std::vector<unsigned> stamp_;
  unsigned query_ = 0;
};

}  // namespace

void placeMessageLabels(ClusterPicture& picture, double name_boost) {
  const int count = int(picture.nodes.size());
  struct Area : NodeArea {
    QRectF bounds;  // the disc, badge and name together
  };
  std::vector<Area> areas;
  for (const NodeGlyph& g : picture.nodes) {
    Area a{nodeArea(g, name_boost), {}};
    const double r = a.disc_radius;
    a.bounds = QRectF(a.centre.x() - r, a.centre.y() - r, 2 * r, 2 * r).united(a.badge).united(a.name);
    areas.push_back(a);
  }
  LabelGrid placed;
  const QRectF scene(4, 4, kSceneWidth - 8, kSceneHeight - 8);
  // Past this many labels the picture is a crowd anyway: the rest take their
  // usual spot without a search, so thousands of messages cost little.
  constexpr size_t kSearched = 400;
  size_t searched = 0;
  constexpr double kGap = 4;  // between a label and what it must not cover
  // Labels slide along the message's whole path, on its right (where the
  // arrow is drawn) or, failing that, its left; `side` is the centre's offset.
  constexpr double kSides[] = {22, 44, -22, -44, 70, -70, 100, -100, 140, -140, 190, -190};  // far ones for crowded short links
  constexpr int kSteps = 24;
  for (MessageGlyph& m : picture.messages) {
    const QSizeF size = messageLabelSize(m.label, name_boost);
    m.label_px = messageLabelPx(name_boost);
    QPointF d = m.head - m.tail;
    double len = std::hypot(d.x(), d.y());
    QPointF u = len > 0 ? d / len : QPointF(1, 0);
    QPointF right(-u.y(), u.x());
    const QPointF wanted = (m.head + m.tail) / 2 + right * 22;
    QPointF start = m.tail, end = m.head;
    if (m.from < count && m.to < count) messagePath(int(m.from), int(m.to), count, start, end, picture.ellipse);
    auto at = [&size](QPointF c) { return QRectF(c.x() - size.width() / 2, c.y() - size.height() / 2, size.width(), size.height()); };
    QRectF best = at(wanted);
    double best_cost = 1e300;
    bool best_free = false;
    if (searched++ >= kSearched) {
      m.label_rect = best;
      continue;
    }
    for (double side : kSides) {
      // Every spot on this side costs at least its penalty: past a free spot
      // as cheap, the side cannot win and is not walked.
      const double side_penalty = (side < 0 ? 40 : 0) + (std::abs(side) - 22) * 2;
      if (best_free && side_penalty >= best_cost) continue;
      for (int i = 0; i <= kSteps + 1; ++i) {
        // The first candidate is the usual spot, then points along the path.
        QPointF c = i == 0 ? wanted : start + (end - start) * (double(i - 1) / kSteps) + right * side;
        if (i == 0 && side != kSides[0]) continue;
        const double dx = c.x() - wanted.x(), dy = c.y() - wanted.y();
        const double away = std::sqrt(dx * dx + dy * dy) + side_penalty;
        // A free spot already found at least as near: this one cannot win (its
        // cost is at least `away`), so it is not measured against the nodes
        // and labels. The same choice, far fewer tests: most labels find their
        // usual spot free at once (issue 19: a calm window).
        if (best_free && away >= best_cost) continue;
        const QRectF r = at(c);
        const QRectF grown = r.adjusted(-kGap, -kGap, kGap, kGap);
        double on_nodes = scene.contains(r) ? 0 : 1e5;  // how much of a node it would hide
        for (const Area& a : areas) {
          if (overlapArea(grown, a.bounds) == 0) continue;  // most nodes are far from a spot
          if (rectTouchesDisc(grown, a.centre, a.disc_radius)) on_nodes += r.width() * r.height();
          on_nodes += overlapArea(grown, a.badge) + overlapArea(grown, a.name);
        }
        // Nodes first, then other labels, then the nearest to the usual spot.
        const double node_cost = (on_nodes > 0 ? 1e9 + on_nodes * 1e3 : 0) + away;
        if (node_cost >= best_cost) continue;  // cannot win whatever labels it covers
        // Labels are summed only as far as the spot could still win: in a
        // crowd, where no spot is free, that was most of a frame.
        const double on_labels = placed.overlap(grown, (best_cost - node_cost - 1e6) / 10);
        const bool free = on_nodes == 0 && on_labels == 0;
        const double cost = node_cost + (on_labels > 0 ? 1e6 + on_labels * 10 : 0);
        if ((free && !best_free) || (free == best_free && cost < best_cost)) {
          best = r;
          best_cost = cost;
          best_free = free;
        }
      }
    }
    m.label_rect = best;
    placed.add(best);
  }
}

}  // namespace radeau::gui

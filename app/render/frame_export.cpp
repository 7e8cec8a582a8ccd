#include "app/render/frame_export.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "app/render/cluster_picture.h"
#include "app/render/cluster_paint.h"
#include "app/render/language.h"
#include "app/render/log_paint.h"
#include "app/render/theme.h"
#include "core/format.h"

namespace radeau::gui {

namespace {
// The slide's words and the export's errors, in the window's (or radeau-cli's
// --lang) language: the context lupdate gives a free function of radeau::gui.
QString tr(const char* text) { return QCoreApplication::translate("radeau::gui", text); }

// Canvas units (kExportCanvasLeast): sizes chosen to be read from the back of a room.
constexpr double kMargin = 28;
constexpr double kHeaderHeight = 70;
constexpr double kBannerHeight = 60;
constexpr double kGap = 12;

QString timeText(Time us) { return QString::number(double(us) / 1e6, 'f', 3) + QStringLiteral(" s"); }

void paintHeader(QPainter& p, const QRectF& box, const Frame& frame, const FrameLabels& labels, const Theme& theme) {
  QFont time_font = Theme::font(TextRole::FrameTime, true);
  const QString time = QStringLiteral("t = ") + timeText(frame.time_us);
  const double time_w = QFontMetricsF(time_font).horizontalAdvance(time) + 8;
  p.setFont(time_font);
  p.setPen(theme.ink());
  p.drawText(QRectF(box.right() - time_w, box.top(), time_w, box.height()), Qt::AlignRight | Qt::AlignVCenter, time);
  double right = box.right() - time_w - 24;
  if (!labels.branch.isEmpty()) {
    QFont branch_font = Theme::font(TextRole::FrameBranch);
    const QString branch = tr("branch %1").arg(labels.branch);
    const double w = std::min(QFontMetricsF(branch_font).horizontalAdvance(branch) + 8, box.width() / 3);
    p.setFont(branch_font);
    p.setPen(theme.mutedInk());
    p.drawText(QRectF(right - w, box.top(), w, box.height()), Qt::AlignRight | Qt::AlignVCenter,
               QFontMetricsF(branch_font).elidedText(branch, Qt::ElideRight, w));
    right -= w + 24;
  }
  if (!labels.title.isEmpty()) {
    QFont title_font = Theme::font(TextRole::FrameTitle, true);
    const double w = std::max(0.0, right - box.left());
    p.setFont(title_font);
    p.setPen(theme.ink());
    p.drawText(QRectF(box.left(), box.top(), w, box.height()), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(title_font).elidedText(labels.title, Qt::ElideRight, w));
  }
}

// The checker's latest finding, worded and coloured as the window's banner.
// A band of colour with its text: one line across a wide band (elided), or
// wrapped in a band beside the logs, its box as tall as the text.
void paintBand(QPainter& p, const QRectF& area, const QColor& fill, const QColor& ink, const QString& text, double k) {
  const QFont font = Theme::font(TextRole::Banner, true, k);
  const QFontMetricsF fm(font);
  const double pad = 20 * k;
  QRectF box = area;
  const bool wrap = area.height() >= 2.5 * fm.height();
  if (wrap) {
    const QRectF need = fm.boundingRect(QRectF(0, 0, area.width() - 2 * pad, area.height()), Qt::TextWordWrap, text);
    box.setHeight(std::min(area.height(), need.height() + 2 * pad));
  }
  p.setPen(Qt::NoPen);
  p.setBrush(fill);
  p.drawRoundedRect(box, 12 * k, 12 * k);
  p.setFont(font);
  p.setPen(ink);
  const QRectF inner = box.adjusted(pad, wrap ? pad : 0, -pad, wrap ? -pad : 0);
  if (wrap) p.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, text);
  else p.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideRight, inner.width()));
}

void paintFinding(QPainter& p, const QRectF& box, const Frame& frame, const Event& f, double k, const Theme& theme) {
  EventFormatter fmt(*frame.config, *frame.journal, language());  // the window's language
  QString text = QStringLiteral("⚠  ") + QString::fromStdString(fmt.finding(f));
  const size_t earlier = frame.state.findings.size() - 1;
  // The banner's own words (and translations).
  if (earlier > 0) text += QCoreApplication::translate("radeau::gui::MainWindow", "   (+%1 earlier)").arg(earlier);
  text += QCoreApplication::translate("radeau::gui::MainWindow", "   at %1").arg(timeText(f.time_us));
  const bool safety = isSafetyFinding(f.findingKind());
  paintBand(p, box, safety ? theme.danger() : theme.warning(), safety ? theme.onDanger() : theme.onWarning(), text, k);
}

// The positive end of a run with no safety finding, in the finding banner's place and shape.
void paintPassed(QPainter& p, const QRectF& box, const Frame& frame, double k, const Theme& theme) {
  QString text = QCoreApplication::translate("radeau::gui::MainWindow", "✓  no violation");
  if (!frame.lesson.empty()) text += QStringLiteral(": ") + QString::fromStdString(frame.lesson);
  paintBand(p, box, theme.passed(), theme.onPassed(), text, k);
}
}  // namespace

SentCount sentCount(const Frame& frame) {
  SentCount c;
  if (!frame.valid()) return c;
  const Journal& j = *frame.journal;
  for (Seq i = 0; i < frame.position() && i < j.size(); ++i) {
    const Event& e = j[i];
    if (e.kind != EventKind::MessageSent) continue;
    if (e.msgType() == MsgType::LogRequest) c.entries += e.carriedCount();
    else if (e.msgType() == MsgType::InstallSnapshot) ++c.snapshots;
  }
  return c;
}

QString sentCountText(const SentCount& c) {
  QString text = QCoreApplication::translate("radeau::gui::MainWindow", "entries sent: %1").arg(c.entries);
  if (c.snapshots > 0)
    text += QCoreApplication::translate("radeau::gui::MainWindow", " + %n snapshot(s)", nullptr, int(c.snapshots));
  return text;
}

namespace {
// The running count, large, in the cluster area's top left corner (no node there).
void paintSentCounter(QPainter& p, const QRectF& area, const Frame& frame, double k, const Theme& theme) {
  const QString text = sentCountText(sentCount(frame));
  const QFont font = Theme::font(TextRole::Caption, true, k);
  const double w = QFontMetricsF(font).horizontalAdvance(text) + 28 * k, h = 48 * k;
  const QRectF box(area.left(), area.top(), w, h);
  p.setPen(QPen(theme.message(MsgType::LogRequest, false), 3 * k));
  p.setBrush(theme.panel());
  p.drawRoundedRect(box, 10 * k, 10 * k);
  p.setFont(font);
  p.setPen(theme.ink());
  p.drawText(box, Qt::AlignCenter, text);
}
}  // namespace

QPointF FrameLayout::toImage(QPointF scene) const {
  const QPointF d = scene - scene_source.topLeft();
  return cluster.topLeft() +
         QPointF(d.x() * cluster.width() / scene_source.width(), d.y() * cluster.height() / scene_source.height());
}

namespace {
// The nodes with their badges, rings, names and vote counts (messages fly
// between them), but never so small a part that one node fills the slide.
// `boost` grows the badges and names (drawCluster's name_boost); `least` is
// the smallest part of the scene shown, as a fraction of it.
QRectF sceneSource(int count, double boost, double least_fraction, NodeEllipse ellipse) {
  QRectF box;
  const double half_w = std::max(160.0, 150 * std::min(boost, 1.4) + 10);
  for (int n = 0; n < count; ++n) {
    const QPointF c = nodeCentre(n, count, ellipse);
    const double above = kNodeRadius + std::max(50.0, 28 * roleBadgeScale(boost) + 12), below = kNodeRadius + std::max(100.0, 14 + 80 * boost);
    box |= QRectF(c.x() - half_w, c.y() - above, 2 * half_w, above + below);
  }
  const QSizeF least(kSceneWidth * least_fraction, kSceneHeight * least_fraction);
  box = box.marginsAdded(QMarginsF(std::max(0.0, least.width() - box.width()) / 2,
                                   std::max(0.0, least.height() - box.height()) / 2,
                                   std::max(0.0, least.width() - box.width()) / 2,
                                   std::max(0.0, least.height() - box.height()) / 2));
  return box.intersected(QRectF(0, 0, kSceneWidth, kSceneHeight));
}
}  // namespace

namespace {
constexpr double kClusterUnitLeast = 0.6;
// How a stage layout is tried: where the nodes sit, the cluster's scale the
// candidates are scored against (1080 p px per scene unit, stageScore), and
// whether the finding's band goes beside the logs (in their unused columns)
// instead of across the top.
struct StageShape {
  NodeEllipse ellipse;
  double cluster_unit = kClusterUnitLeast;
  bool banner_by_logs = false;
};

FrameLayout layoutWith(const QSize& size, const Frame& frame, const FrameHints& hints, double boost,
                       const StageShape& shape) {
  // Laid out on a canvas of about the same size whatever the size asked, then scaled.
  FrameLayout l;
  l.name_boost = boost;
  l.ellipse = shape.ellipse;
  const NodeEllipse ellipse = shape.ellipse;
  const double cluster_unit = shape.cluster_unit;
  const bool stage = hints.floor_scale > 0;
  l.log_geometry = stage ? LogGeometry::stage(hints.entry_text_width) : LogGeometry::window();
  const LogGeometry& geo = l.log_geometry;
  l.scale = std::min(double(std::max(1, size.height())) / kExportCanvasLeast.height(),
                     double(std::max(1, size.width())) / kExportCanvasLeast.width());
  const double width = size.width() / l.scale, height = size.height() / l.scale;
  auto px = [&l](const QRectF& r) { return QRectF(r.topLeft() * l.scale, r.size() * l.scale); };
  double y = kMargin / 2;
  if (hints.header) {
    l.header = px(QRectF(kMargin, y, width - 2 * kMargin, kHeaderHeight));
    y += kHeaderHeight + kGap / 2;
  }
  // On stage the band keeps its size on screen whatever room the stage has (a table under it).
  if (hints.floor_scale > 0) l.banner_scale = 0.9 * hints.floor_scale / l.scale;
  const bool banner = hints.reserve_banner || (frame.valid() && (frame.latestFinding() || frame.no_violation));
  const bool banner_by_logs = banner && stage && shape.banner_by_logs;
  if (banner && !banner_by_logs) {
    const double banner_h = kBannerHeight * l.banner_scale;
    l.banner = px(QRectF(kMargin, y, width - 2 * kMargin, banner_h));
    y += banner_h + kGap;
  }
  const int count = frame.valid() ? frame.state.node_count : 0;
  l.scene_source = count > 0 ? sceneSource(count, boost, stage ? 0.35 : 0.55, ellipse) : QRectF(0, 0, kSceneWidth, kSceneHeight);
  const QSizeF src = l.scene_source.size();
  const double rows_h = logRowsHeight(count, geo);
  // An entry's text at full size, in panel units (beside its term, as on stage).
  const double entry_units = double(Theme::px(TextRole::EntryTextBesideTerm)) * geo.boxHeight() / 40;
  // Ghosts past a log's end count: a lost entry keeps its column.
  const uint32_t longest = std::max(hints.longest_log, frame.valid() ? frame.longestIndex() : 0u);

  // Two candidates; the one that draws the cluster larger wins.
  struct Candidate {
    QRectF logs, area;
    double logs_scale = 1;
    int columns = 1;
  };
  auto fitOf = [&src](const QRectF& area) { return std::min(area.width() / src.width(), area.height() / src.height()); };
  // Along the bottom, across the slide, up to a third of its height (more on stage: entries must be read).
  // With the band beside them, the logs show only the columns a step needs.
  const bool crowded = cluster_unit < kClusterUnitLeast;
  const int needed_columns = geo.free_slot ? std::max(4, int(longest) + 1) : std::max(crowded ? 1 : 3, int(longest));
  auto bottomWith = [&](double logs_scale) {
    Candidate bottom;
    bottom.logs_scale = logs_scale;
    const double bottom_h = rows_h * bottom.logs_scale;
    const double logs_w = banner_by_logs ? std::min(width, logWidthFor(needed_columns, geo) * logs_scale) : width;
    bottom.logs = QRectF(0, height - bottom_h, logs_w, bottom_h);
    bottom.area = QRectF(kMargin, y, width - 2 * kMargin, std::max(1.0, height - bottom_h - kGap - y));
    bottom.columns = banner_by_logs ? needed_columns : logColumnsFor(int(width / bottom.logs_scale), geo);
    return bottom;
  };
  // On stage, the candidate whose worse half (cluster or entries) is nearer
  // its floor; both as 1080 p px, against 40 px entries and the cluster's unit.
  auto score = [&](const Candidate& cand) {
    const double cluster = fitOf(cand.area) * l.scale / hints.floor_scale / cluster_unit;
    return std::min(cluster, cand.logs_scale * l.scale * entry_units / (40 * hints.floor_scale));
  };
  Candidate chosen = bottomWith(std::clamp(height * 0.33 / rows_h, 0.8, hints.logs_scale_max));
  if (stage) {
    // Entries large enough to be read (40 px on a 1080 p screen), taking up to half the height.
    const double entries = 40 * hints.floor_scale / (entry_units * l.scale);
    chosen = bottomWith(std::clamp(std::max(height * 0.33 / rows_h, entries), 0.8,
                                   std::min(hints.logs_scale_max, height * 0.4 / rows_h)));
    // A crowded stage (a lower cluster unit) lets the rows take more of the height.
    const std::vector<double> shares = crowded ? std::vector<double>{0.45, 0.5, 0.55, 0.6}
                                                                          : std::vector<double>{0.45, 0.5};
    for (double share : shares) {
      const Candidate taller = bottomWith(std::clamp(std::min(entries, height * share / rows_h), 0.8, hints.logs_scale_max));
      if (score(taller) > score(chosen)) chosen = taller;
    }
  }
  // Beside the cluster, as tall as the slide allows, when every entry fits in a few columns.
  constexpr int kBesideColumns = 10;
  const double band_h = kBannerHeight * l.banner_scale;  // one line of the finding's band
  if (longest + 1 <= kBesideColumns && count > 0) {
    // The slide gives the logs up to 42 % of the width; the stage tries a few shares.
    const std::vector<double> shares = stage ? std::vector<double>{0.36, 0.42, 0.5, 0.58, 0.66, 0.72} : std::vector<double>{0.42};
    for (double share : shares) {
      Candidate beside;
      // At least three columns, as the window shows them; a crowded stage only those the step fills.
      beside.columns = geo.free_slot ? std::max(4, int(longest) + 1) : std::max(crowded ? 1 : 3, int(longest));
      const double panel_w = logWidthFor(beside.columns, geo);
      const double room_h = height - y - kMargin / 2;
      // With the band under them, the logs leave it room for two lines.
      const double logs_room_h = banner_by_logs ? room_h - kGap - 2 * band_h : room_h;
      beside.logs_scale = std::clamp(std::min(logs_room_h / rows_h, width * share / panel_w), 0.8, hints.logs_scale_max);
      const QSizeF logs(panel_w * beside.logs_scale, rows_h * beside.logs_scale);
      beside.logs = QRectF(width - kMargin - logs.width(), banner_by_logs ? y : y + (room_h - logs.height()) / 2,
                           logs.width(), logs.height());
      beside.area = QRectF(kMargin, y, std::max(1.0, beside.logs.left() - 2 * kGap - kMargin), room_h);
      if (stage ? score(beside) > score(chosen) : fitOf(beside.area) > fitOf(chosen.area)) {
        chosen = beside;
        l.logs_beside = true;
      }
    }
  }
  if (banner_by_logs && l.logs_beside) {
    // The band under the logs beside the cluster.
    const double top = chosen.logs.bottom() + kGap;
    l.banner = px(QRectF(chosen.logs.left(), top, chosen.logs.width(), std::max(1.0, height - kMargin / 2 - top)));
  } else if (banner_by_logs) {
    // The band in the unused columns of the logs along the bottom, below their index header.
    const double top = chosen.logs.top() + geo.header_height * chosen.logs_scale;
    l.banner = px(QRectF(chosen.logs.right() + kGap, top, std::max(1.0, width - kMargin - chosen.logs.right() - kGap),
                         std::max(1.0, height - kMargin / 2 - top)));
  }
  l.logs = px(chosen.logs);
  l.logs_scale = chosen.logs_scale;
  l.log_columns = chosen.columns;
  const double fit = fitOf(chosen.area);
  const QPointF c = chosen.area.center();
  l.cluster = px(QRectF(c.x() - src.width() * fit / 2, c.y() - src.height() * fit / 2, src.width() * fit,
                        src.height() * fit));
  return l;
}
}  // namespace

namespace {
// The cluster's scale on stage, in 1080 p px per scene unit: 0.6 keeps the
// term in a disc (TextRole::TermNumber) well above its 24 px floor with names at a
// moderate boost; 0.46 is the least that still holds every floor (the term
// at 25 px, names at the largest boost), for a crowded stage.
constexpr double kClusterUnit = kClusterUnitLeast, kCrowdedClusterUnit = 0.46;
// Shapes a crowded stage tries: flatter for logs along the bottom, narrower for logs beside.
constexpr NodeEllipse kCrowdedEllipses[] = {{500, 315}, {500, 270}, {460, 315}, {440, 315}, {420, 320}, {400, 330}, {380, 315}, {340, 330}};

// On stage, how near its floors the layout's worse half is (as layoutWith's
// candidates are scored): the cluster's scale against `cluster_unit`, the
// entries against 40 px at 1080 p. Below 1, something is under its floor.
double stageScore(const FrameLayout& l, const FrameHints& hints, double cluster_unit) {
  const double entry_units = double(Theme::px(TextRole::EntryTextBesideTerm)) * l.log_geometry.boxHeight() / 40;
  const double cluster = l.clusterScale() / hints.floor_scale / cluster_unit;
  return std::min(cluster, l.logs_scale * l.scale * entry_units / (40 * hints.floor_scale));
}

// Whether the nodes' badges, discs and names keep clear of one another on
// `ellipse` at `boost`. Judged for candidates (the widest badge, with the
// votes), whatever the frame shows: the choice must not change within a step.
bool nodesApart(const Frame& frame, double boost, NodeEllipse ellipse) {
  const int count = frame.state.node_count;
  std::vector<std::array<QRectF, 3>> areas;
  for (int n = 0; n < count; ++n) {
    NodeGlyph g;
    g.centre = nodeCentre(n, count, ellipse);
    g.name = n < int(frame.config->names.size()) ? QString::fromStdString(frame.config->names[size_t(n)]) : QString();
    g.role = Role::Candidate;
    g.votes = g.majority = frame.state.majority();
    const NodeArea a = nodeArea(g, boost);
    const double r = a.disc_radius;
    areas.push_back({QRectF(a.centre.x() - r, a.centre.y() - r, 2 * r, 2 * r), a.badge, a.name});
  }
  for (int i = 0; i < count; ++i)
    for (int j = i + 1; j < count; ++j)
      for (const QRectF& x : areas[size_t(i)])
        for (const QRectF& y : areas[size_t(j)])
          if (x.intersects(y)) return false;
  return true;
}

FrameLayout boostedLayout(const QSize& size, const Frame& frame, const FrameHints& hints, const StageShape& shape) {
  FrameLayout l = layoutWith(size, frame, hints, 1, shape);
  if (hints.floor_scale <= 0) return l;
  // On stage the picture's texts grow until they reach their floors at the
  // cluster's scale (names 36, badges 24 and labels 24 px at 1080 p); the
  // larger names need a larger part of the scene, so a few rounds.
  for (int round = 0; round < 4; ++round) {
    const double u = l.clusterScale() / hints.floor_scale;  // 1080 p px per scene unit
    if (u <= 0) break;
    // Names 34 px at boost 1; badges 17 px, growing by roleBadgeScale (1 + 1.4 (boost - 1)).
    const double name_px = Theme::px(TextRole::NodeName), badge_px = Theme::px(TextRole::RoleBadge);
    const double want = std::max(36.0 / (name_px * u), 1 + (24.0 / (badge_px * u) - 1) / 1.4);
    const double boost = std::clamp(want * 1.02, 1.0, 2.6);
    if (std::abs(boost - l.name_boost) < 0.01) break;
    l = layoutWith(size, frame, hints, boost, shape);
  }
  // Labels grow at 0.6 the boost (messageLabelPx): their own boost, to 24 px.
  const double u = l.clusterScale() / hints.floor_scale;
  const double label_px = Theme::px(TextRole::MessageLabel);
  l.label_boost = u > 0 ? std::clamp(1.02 * (1 + (24.0 / (label_px * u) - 1) / 0.6), 1.0, 4.0) : 1;
  return l;
}
}  // namespace

namespace {
// The search below is a few dozen layouts: the stage repaints often, so the
// shape chosen is kept per what decides it (none of it changes within a step).
struct CrowdedKey {
  int width = 0, height = 0;
  double floor_scale = 0, logs_scale_max = 0, entry_text_width = 0;
  bool header = false, banner = false;
  uint32_t longest = 0;
  std::vector<std::string> names;
  bool operator==(const CrowdedKey&) const = default;
};

StageShape crowdedShape(const QSize& size, const Frame& frame, const FrameHints& hints, const FrameLayout& usual) {
  CrowdedKey key{size.width(), size.height(), hints.floor_scale, hints.logs_scale_max, hints.entry_text_width,
                 hints.header, hints.reserve_banner || frame.latestFinding() || frame.no_violation,
                 std::max(hints.longest_log, frame.longestIndex()), frame.config->names};
  key.names.resize(size_t(frame.state.node_count));
  thread_local std::vector<std::pair<CrowdedKey, StageShape>> cache;
  for (const auto& [k, shape] : cache)
    if (k == key) return shape;
  // The cluster may give up its margin, the ellipse change shape, the
  // finding's band move beside the logs, as long as the nodes keep apart and
  // the band keeps room for its words.
  StageShape chosen;
  double best = stageScore(usual, hints, kCrowdedClusterUnit);
  for (const NodeEllipse& ellipse : kCrowdedEllipses)
    for (double unit : {kClusterUnit, kCrowdedClusterUnit})
      for (bool banner_by_logs : {false, true}) {
        const StageShape shape{ellipse, unit, banner_by_logs};
        const FrameLayout l = boostedLayout(size, frame, hints, shape);
        const double score = stageScore(l, hints, kCrowdedClusterUnit);
        // The cluster never under its own floors; the entries as near theirs as they get.
        if (l.clusterScale() / hints.floor_scale < kCrowdedClusterUnit) continue;
        if (score <= best * 1.01 || !nodesApart(frame, l.name_boost, ellipse)) continue;
        if (banner_by_logs && l.banner.width() < 0.3 * size.width()) continue;
        chosen = shape;
        best = score;
      }
  if (cache.size() >= 16) cache.erase(cache.begin());
  cache.emplace_back(std::move(key), chosen);
  return chosen;
}
}  // namespace

FrameLayout frameLayout(const QSize& size, const Frame& frame, const FrameHints& hints) {
  const FrameLayout usual = boostedLayout(size, frame, hints, StageShape{});
  if (hints.floor_scale <= 0 || !frame.valid() || frame.state.node_count < 3 ||
      stageScore(usual, hints, kClusterUnit) >= 1)
    return usual;
  // Five log rows and a pentagon do not both reach their floors on a 4:3
  // screen, nor with the node table on stage: another shape may.
  const StageShape shape = crowdedShape(size, frame, hints, usual);
  return shape.cluster_unit == kClusterUnit && !shape.banner_by_logs && shape.ellipse == NodeEllipse{}
             ? usual
             : boostedLayout(size, frame, hints, shape);
}

std::vector<GhostBox> frameGhostBoxes(const QSize& size, const Frame& frame, const FrameHints& hints) {
  std::vector<GhostBox> out;
  if (!frame.valid() || size.isEmpty()) return out;
  const FrameLayout l = frameLayout(size, frame, hints);
  const LogRows rows = logRowsFollowing(frame, l.log_columns, l.log_geometry);
  const double s = l.logs_scale * l.scale;  // log panel units to image pixels
  for (size_t row = 0; row < rows.cells.size(); ++row) {
    for (size_t k = 0; k < rows.cells[row].size(); ++k) {
      const LogCell& c = rows.cells[row][k];
      if (!c.ghost) continue;
      const QRectF g = logGhostRect(c, QRectF(logCellBox(int(row), int(k), l.log_geometry)));
      out.push_back({QRectF(l.logs.topLeft() + g.topLeft() * s, g.size() * s), NodeId(row), rows.first + uint32_t(k),
                     c.ghost_acked});
    }
  }
  return out;
}

void paintFrame(QPainter& p, const QSize& size, const Frame& frame, const FrameLabels& labels, const Theme& theme,
                const FrameHints& hints) {
  if (size.isEmpty()) return;
  const FrameLayout l = frameLayout(size, frame, hints);
  auto canvas = [&l](const QRectF& r) { return QRectF(r.topLeft() / l.scale, r.size() / l.scale); };
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  p.setRenderHint(QPainter::TextAntialiasing);
  p.scale(l.scale, l.scale);
  const double width = size.width() / l.scale;
  p.fillRect(QRectF(0, 0, width, size.height() / l.scale), theme.background());
  if (!frame.valid()) {
    p.restore();
    return;
  }
  if (hints.header) paintHeader(p, canvas(l.header), frame, labels, theme);
  if (const Event* f = frame.latestFinding()) paintFinding(p, canvas(l.banner), frame, *f, l.banner_scale, theme);
  else if (frame.no_violation) paintPassed(p, canvas(l.banner), frame, l.banner_scale, theme);

  // The logs at the panel's own layout, scaled.
  const QRectF logs = canvas(l.logs);
  p.save();
  p.translate(logs.topLeft());
  p.scale(l.logs_scale, l.logs_scale);
  const LogGeometry& geo = l.log_geometry;
  const QSize logs_size(int(std::lround(logs.width() / l.logs_scale)), logRowsHeight(frame.state.node_count, geo));
  paintLogRows(
      p, logs_size, logRowsFollowing(frame, l.log_columns, l.log_geometry),
      [&geo, &theme](QPainter& q, const LogCell& c, const QRect& box) { paintLogCell(q, c, QRectF(box), theme, geo); },
      theme, geo);
  p.setPen(QPen(theme.faint(), 2));
  p.setBrush(Qt::NoBrush);
  if (l.logs_beside) p.drawRoundedRect(QRectF(QPointF(0, 0), QSizeF(logs_size)).adjusted(1, 1, -1, -1), 6, 6);
  else p.drawLine(QPointF(0, 0), QPointF(logs_size.width(), 0));
  p.restore();

  // The cluster, its scene fitted and centred in what is left.
  const QRectF cluster = canvas(l.cluster);
  p.save();
  p.translate(cluster.topLeft());
  p.scale(cluster.width() / l.scene_source.width(), cluster.height() / l.scene_source.height());
  p.translate(-l.scene_source.topLeft());
  paintClusterPicture(p, drawCluster(frame, l.label_boost, l.ellipse), theme, l.name_boost);
  p.restore();
  // At the slide's left edge, level with the cluster's top: clear of the top node's badge.
  if (hints.sent_counter) paintSentCounter(p, QRectF(kMargin, cluster.top(), cluster.right() - kMargin, cluster.height()), frame, l.banner_scale, theme);
  p.restore();
}

namespace {
QByteArray paintedPng(const QSize& size, const Theme& theme, const Painting& paint) {
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(theme.background());
  QPainter p(&image);
  paint(p);
  p.end();
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return bytes;
}

QByteArray paintedSvg(const QSize& size, const QString& title, const QString& description, const Painting& paint) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator svg;
  svg.setOutputDevice(&buffer);
  svg.setSize(size);
  svg.setViewBox(QRect(QPoint(0, 0), size));
  svg.setTitle(title);
  svg.setDescription(description);
  QPainter p(&svg);
  paint(p);
  p.end();
  // QSvgGenerator states the size in millimetres at its resolution; a slide
  // wants the pixels asked for (unitless SVG lengths are pixels).
  const qsizetype end = bytes.indexOf("viewBox");
  if (end > 0) {
    QString head = QString::fromUtf8(bytes.left(end));
    head.replace(QRegularExpression(QStringLiteral("width=\"[0-9.]+mm\" height=\"[0-9.]+mm\"")),
                 QStringLiteral("width=\"%1\" height=\"%2\"").arg(size.width()).arg(size.height()));
    bytes.replace(0, end, head.toUtf8());
  }
  return bytes;
}

QString svgTitle(const FrameLabels& labels) { return labels.title.isEmpty() ? QStringLiteral("Radeau") : labels.title; }
}  // namespace

QImage frameImage(const Frame& frame, const FrameLabels& labels, const Theme& theme, const QSize& size) {
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(theme.background());
  QPainter p(&image);
  paintFrame(p, size, frame, labels, theme);
  p.end();
  return image;
}

QByteArray framePng(const Frame& frame, const FrameLabels& labels, const Theme& theme, const QSize& size) {
  return paintedPng(size, theme, [&](QPainter& p) { paintFrame(p, size, frame, labels, theme); });
}

QByteArray frameSvg(const Frame& frame, const FrameLabels& labels, const Theme& theme, const QSize& size) {
  return paintedSvg(size, svgTitle(labels), QStringLiteral("Radeau, t = ") + timeText(frame.time_us),
                    [&](QPainter& p) { paintFrame(p, size, frame, labels, theme); });
}

std::optional<ExportFormat> exportFormatOf(const QString& path) {
  const QString ext = QFileInfo(path).suffix().toLower();
  if (ext == QLatin1String("png")) return ExportFormat::Png;
  if (ext == QLatin1String("svg")) return ExportFormat::Svg;
  return std::nullopt;
}

bool exportPainting(const QString& path, const QSize& size, const QString& title, const QString& description,
                    const Theme& theme, const Painting& paint, QString& error) {
  auto format = exportFormatOf(path);
  if (!format) {
    const QString ext = QFileInfo(path).suffix();
    error = ext.isEmpty() ? tr("%1: no extension (use .png or .svg)").arg(path)
                          : tr("%1: unknown extension %2 (use .png or .svg)").arg(path, QLatin1Char('.') + ext);
    return false;
  }
  if (size.width() < 1 || size.height() < 1) {
    error = tr("%1: empty size %2x%3").arg(path).arg(size.width()).arg(size.height());
    return false;
  }
  const QByteArray bytes =
      *format == ExportFormat::Png ? paintedPng(size, theme, paint) : paintedSvg(size, title, description, paint);
  if (bytes.isEmpty()) {
    error = tr("%1: the image could not be encoded").arg(path);
    return false;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    error = tr("cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  file.write(bytes);
  if (!file.commit()) {
    error = tr("cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

bool exportFrame(const Frame& frame, const FrameLabels& labels, const Theme& theme, const QString& path,
                 const QSize& size, QString& error) {
  return exportPainting(path, size, svgTitle(labels), QStringLiteral("Radeau, t = ") + timeText(frame.time_us), theme,
                        [&](QPainter& p) { paintFrame(p, size, frame, labels, theme); }, error);
}

}  // namespace radeau::gui

#include "app/gui/stage_view.h"

#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>

#include "app/render/cluster_picture.h"
#include "app/gui/log_view.h"
#include "app/render/theme.h"
#include "replay/run.h"

namespace radeau::gui {

FrameHints stageHints(const QSize& size, uint32_t longest_log, int screen_height, bool sent_counter,
                      double entry_text_width) {
  FrameHints h;
  h.entry_text_width = entry_text_width;
  h.sent_counter = sent_counter;
  h.header = false;  // the caption band says the step; the time is the timeline's
  h.reserve_banner = true;
  h.longest_log = longest_log;
  h.logs_scale_max = 2.8;  // short logs grow to be read from the back
  h.floor_scale = std::max({1, size.height(), screen_height}) / 1080.0;
  return h;
}

StageMetrics stageMetrics(const QSize& size, const Frame& frame, uint32_t longest_log, int screen_height,
                          double entry_text_width) {
  StageMetrics m;
  if (size.isEmpty() || !frame.valid()) return m;
  const FrameLayout l = frameLayout(size, frame, stageHints(size, longest_log, screen_height, false, entry_text_width));
  m.layout = l;
  const double s = l.clusterScale(), k = l.name_boost;
  const ClusterPicture picture = drawCluster(frame, l.label_boost, l.ellipse);
  m.message_px = messageLabelPx(l.label_boost) * s;
  for (const MessageGlyph& g : picture.messages) m.message_px = std::min(m.message_px, g.label_px * s);
  m.name_px = nameFont(k).pixelSize() * s;
  m.role_px = roleBadgeFont(k).pixelSize() * s;
  const bool terms = !picture.nodes.empty() && picture.nodes.front().show_terms;
  // As NodeItem::paintStatic (cluster_view.cpp).
  m.term_px = Theme::px(terms ? TextRole::TermNumber : TextRole::RoleLetter) * s;
  m.term_caption_px = terms ? Theme::px(TextRole::TermWord) * s : 0;
  m.banner_px = Theme::px(TextRole::Banner, l.banner_scale) * l.scale;  // as paintBand (frame_export.cpp)
  const QRectF image(QPointF(0, 0), QSizeF(size));
  auto inside = [&image](const QRectF& r) { return image.adjusted(-0.5, -0.5, 0.5, 0.5).contains(r); };
  auto toImage = [&l](const QRectF& r) { return QRectF(l.toImage(r.topLeft()), l.toImage(r.bottomRight())); };
  std::vector<std::array<QRectF, 3>> parts;  // each node's disc, badge and name, in image px
  for (const NodeGlyph& g : picture.nodes) {
    const NodeArea a = nodeArea(g, k);
    m.node_centres.push_back(l.toImage(g.centre));
    const QRectF disc(a.centre.x() - kNodeRadius, a.centre.y() - kNodeRadius, 2 * kNodeRadius, 2 * kNodeRadius);
    if (!inside(toImage(disc)) || !inside(toImage(a.badge)) || !inside(toImage(a.name))) m.nodes_inside = false;
    parts.push_back({toImage(disc), toImage(a.badge), toImage(a.name)});
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    for (size_t j = i + 1; j < parts.size(); ++j)
      for (const QRectF& x : parts[i])
        for (const QRectF& y : parts[j])
          if (x.intersects(y)) m.nodes_apart = false;
    for (const QRectF& x : parts[i])
      if (x.intersects(l.banner)) m.banner_clear = false;
  }
  if (l.banner.intersects(l.logs)) m.banner_clear = false;
  m.rows_inside = inside(l.logs);
  // The entries as the painter lays them out: a box of the panel's size, at the logs' scale.
  const LogGeometry& geo = l.log_geometry;
  const QRectF box(0, 0, geo.box_width, geo.boxHeight());
  const double logs_px = l.scale * l.logs_scale;
  const LogRows rows = logRowsFollowing(frame, l.log_columns, geo);
  for (const auto& row : rows.cells)
    for (const LogCell& c : row) {
      if (!c.present || c.noop || c.text.isEmpty()) continue;  // no-op marks are not read
      const LogCellLayout cl = logCellLayout(c, box, geo);
      const double px = cl.text_font.pixelSize() * logs_px;
      m.entry_px = m.entry_px > 0 ? std::min(m.entry_px, px) : px;
      if (!cl.term.isEmpty()) {
        const double t = cl.term_font.pixelSize() * logs_px;
        m.entry_term_px = m.entry_term_px > 0 ? std::min(m.entry_term_px, t) : t;
      }
    }
  return m;
}

uint32_t longestLog(const Run& run, int branch, const std::vector<Time>& instants) {
  uint32_t longest = 0;
  for (Time t : instants) {
    const Frame f = frameAt(run, branch, t);
    for (int i = 0; i < f.state.node_count; ++i) longest = std::max(longest, f.state.nodes[size_t(i)].lastIndex());
  }
  return longest;
}

uint32_t stepLongestLog(const Run& run) {
  const Time end = run.endTime(0);
  std::vector<Time> instants;
  constexpr int kSamples = 64;
  for (int i = 0; i <= kSamples; ++i) instants.push_back(end * i / kSamples);
  return longestLog(run, 0, instants);
}

double stepEntryTextWidth(const Run& run) {
  std::vector<QString> texts;
  const auto& writes = run.journal(0).writes();
  // Write 0 is the journal's no-op placeholder: a no-op's box says "no-op" small.
  for (size_t w = 1; w < writes.size(); ++w) texts.push_back(QString::fromStdString(writes[w].text));
  return stageEntryTextWidth(texts);
}

StageView::StageView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("stageView"));
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setMinimumSize(320, 200);
}

void StageView::showFrame(const Frame& frame) {
  frame_ = frame;
  update();
}

void StageView::setLongestLog(uint32_t entries) {
  if (entries == longest_) return;
  longest_ = entries;
  update();
}

void StageView::setEntryTextWidth(double width) {
  if (width == entry_text_width_) return;
  entry_text_width_ = width;
  update();
}

void StageView::setSentCounter(bool on) {
  if (on == sent_counter_) return;
  sent_counter_ = on;
  update();
}

void StageView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Theme::current().background());
  paintFrame(p, size(), frame_, FrameLabels{}, Theme::current(), stageHints(size(), longest_, screenHeight(), sent_counter_, entry_text_width_));
}

int StageView::screenHeight() const { return window() ? window()->height() : height(); }

}  // namespace radeau::gui

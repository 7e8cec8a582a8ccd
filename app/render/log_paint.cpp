#include "app/render/log_paint.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <bit>
#include <cmath>

#include "app/render/theme.h"

namespace radeau::gui {

namespace {
const LogGeometry kWindow = LogGeometry::window();  // the window's panel (LogView)
}  // namespace

namespace {
// An entry's text at full size in a stage box (logCellLayout: 26 units of a 40-unit box) is
// TextRole::StageEntryText.
constexpr int kStageBoxHeight = 50;
}  // namespace

double stageEntryTextWidth(const std::vector<QString>& texts) {
  const QFontMetricsF metrics(Theme::font(TextRole::StageEntryText, true));
  double widest = 0;
  for (const QString& t : texts) widest = std::max(widest, metrics.horizontalAdvance(t));
  return widest;
}

LogGeometry LogGeometry::stage(double widest_text) {
  LogGeometry g;
  g.name_width = 190;   // "Jean-Pierre" and no length column: the index header says it
  g.lengths = false;
  g.row_height = 56;
  g.box_inset = 3;       // boxes 50 high: the text 68 % of the row (52 % in the window)
  g.term_beside = true;
  g.free_slot = false;
  // As wide as the step's widest text needs at full size, with "t12" beside it
  // (a step's constant: nothing moves while it plays); room for "x=40" by default.
  const double text = widest_text > 0 ? widest_text : stageEntryTextWidth({QStringLiteral("x=40")});
  const double term =
      QFontMetricsF(Theme::font(TextRole::StageEntryTerm, true)).horizontalAdvance(QStringLiteral("t12")) + 6;
  g.box_width = std::clamp(int(std::ceil(text + term + 12)), kStageBoxHeight + 10, 180);
  static_assert(kStageBoxHeight == 56 - 2 * 3);
  return g;
}

namespace {
QString entryText(const Journal& journal, uint32_t write) {
  if (write == 0) return QStringLiteral("no-op");
  // A configuration entry (rung 16): how many nodes it has; the picture says which.
  if (isConfigWrite(write))
    return QCoreApplication::translate("radeau::gui::LogView", "cfg %1", "a configuration entry of N nodes")
        .arg(std::popcount(configMembers(write)));
  return write < journal.writes().size() ? QString::fromStdString(journal.writes()[write].text) : QString();
}
}  // namespace

std::vector<std::vector<LogCell>> logCells(const ClusterState& s, const Journal& journal, uint32_t first,
                                           uint32_t count, const std::vector<Ghost>* ghosts) {
  const int n = s.node_count;
  auto rows = std::vector<std::vector<LogCell>>(static_cast<size_t>(n), std::vector<LogCell>(count));
  for (uint32_t k = 0; k < count; ++k) {
    uint32_t index = first + k;
    // The entry most nodes hold at this index.
    Entry mode{};
    int mode_count = 0, holders = 0;
    bool differ = false;
    const Entry* seen = nullptr;
    for (int i = 0; i < n; ++i) {
      const auto& log = s.nodes[size_t(i)].log;
      if (log.size() < index) continue;
      const Entry& e = log[index - 1];
      ++holders;
      if (seen && !(*seen == e)) differ = true;
      seen = &e;
      int c = 0;
      for (int j = 0; j < n; ++j) {
        const auto& lj = s.nodes[size_t(j)].log;
        if (lj.size() >= index && lj[index - 1] == e) ++c;
      }
      if (c > mode_count) {
        mode_count = c;
        mode = e;
      }
    }
    (void)holders;
    for (int i = 0; i < n; ++i) {
      const NodeState& ns = s.nodes[size_t(i)];
      if (ns.log.size() < index) continue;
      const Entry& e = ns.log[index - 1];
      LogCell& c = rows[size_t(i)][k];
      c.present = true;
      c.term = e.term;
      // Before the commit concept the audience knows only "acknowledged": an
      // entry whose write the client was told is saved is drawn as such.
      if (s.concepts.has(Concept::Commit)) {
        c.committed = index <= ns.commit;
      } else {
        c.acked = e.write != 0 && e.write < s.writes.size() && s.writes[e.write] == WriteStatus::Acked;
        c.committed = c.acked;
      }
      c.divergent = differ && !(e == mode);
      c.compacted = index <= ns.snapshot_index;
      c.show_term = s.concepts.has(Concept::EntryTerms);
      c.noop = e.write == 0;
      c.text = entryText(journal, e.write);
    }
  }
  if (ghosts) {
    for (const Ghost& g : *ghosts) {
      if (int(g.node) >= n || g.index < first || g.index >= first + count) continue;
      LogCell& c = rows[g.node][g.index - first];
      c.ghost = true;
      c.ghost_term = g.entry.term;
      c.ghost_text = entryText(journal, g.entry.write);
      c.ghost_acked = g.acked;
    }
  }
  return rows;
}


QRectF logGhostRect(const LogCell& c, const QRectF& r) {
  if (!c.ghost) return {};
  return c.present ? QRectF(r.left(), r.top(), r.width(), r.height() * 0.5) : r;
}

namespace {
// A lost entry: neutral, hatched, its text still readable but struck through,
// with a ✗; an acknowledged write's ghost outlined in the finding colour.
void paintGhost(QPainter& p, const LogCell& c, const QRectF& r, const Theme& theme) {
  const QRectF box = r.adjusted(1.5, 1.5, -1.5, -1.5);
  p.setPen(Qt::NoPen);
  p.setBrush(theme.stripe());
  p.drawRoundedRect(box, 5, 5);
  QColor hatch = theme.mutedInk();
  hatch.setAlpha(110);
  p.setBrush(QBrush(hatch, Qt::BDiagPattern));
  p.drawRoundedRect(box, 5, 5);
  p.setBrush(Qt::NoBrush);
  if (c.ghost_acked) p.setPen(QPen(theme.danger(), 4));
  else p.setPen(QPen(theme.mutedInk(), 2, Qt::DashLine));
  p.drawRoundedRect(box, 5, 5);
  const bool small = c.present;  // a strip above the entry that replaced it
  // Sizes are the window's (a 40-unit box) times this box's height: the stage's are larger.
  const double k = (small ? 2 * r.height() : r.height()) / 40.0;
  QFont font = Theme::font(small ? TextRole::GhostTextStrip : TextRole::GhostText, true, k);
  const double mark_w = (small ? 15 : 20) * k;
  QRectF text_rect = box.adjusted(mark_w + 2, 0, -2, 0);
  for (int px = font.pixelSize(); px > 10 && QFontMetricsF(font).horizontalAdvance(c.ghost_text) > text_rect.width(); px -= 2)
    font = Theme::fittedFont(px - 2, true);
  const QString text = QFontMetricsF(font).elidedText(c.ghost_text, Qt::ElideRight, text_rect.width());
  p.setFont(font);
  p.setPen(theme.ink());
  p.drawText(text_rect, Qt::AlignCenter, text);
  const double w = QFontMetricsF(font).horizontalAdvance(text);
  const double y = text_rect.center().y();
  p.setPen(QPen(theme.ink(), small ? 1.5 : 2.5));
  p.drawLine(QPointF(text_rect.center().x() - w / 2 - 2, y), QPointF(text_rect.center().x() + w / 2 + 2, y));
  p.setFont(Theme::font(small ? TextRole::GhostMarkStrip : TextRole::GhostMark, true, k));
  p.setPen(c.ghost_acked ? theme.danger() : theme.mutedInk());
  p.drawText(QRectF(box.left() + 2, box.top(), mark_w, box.height()), Qt::AlignCenter, QStringLiteral("✗"));
}
}  // namespace

void paintLogCell(QPainter& p, const LogCell& c, const QRectF& box, const Theme& theme, const LogGeometry& geometry) {
  QRectF r = box;
  if (c.ghost) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF g = logGhostRect(c, box);
    paintGhost(p, c, g, theme);
    p.restore();
    if (!c.present) return;
    r = QRectF(box.left(), g.bottom() + 1, box.width(), box.bottom() - g.bottom() - 1);
  }
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  QColor fill = theme.term(c.term);
  if (c.committed) {
    p.setPen(QPen(theme.ink(), 2));
    p.setBrush(fill);
  } else {
    QColor light = fill;
    light.setAlpha(theme.dark() ? 170 : 110);  // on the dark panel the term stays readable
    p.setPen(QPen(fill.darker(170), 3, Qt::DashLine));
    p.setBrush(light);
  }
  p.drawRoundedRect(r.adjusted(1.5, 1.5, -1.5, -1.5), 6, 6);
  if (c.compacted) {  // in the snapshot: hatched
    p.setPen(Qt::NoPen);
    p.setBrush(QBrush(QColor(0x30, 0x30, 0x30, 90), Qt::BDiagPattern));
    p.drawRoundedRect(r.adjusted(1.5, 1.5, -1.5, -1.5), 6, 6);
  }
  if (c.divergent) {  // neutral: a lagging node's stale entry is expected; a real fault has its banner
    p.setPen(QPen(theme.stale(), 4, Qt::DotLine, Qt::RoundCap));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r.adjusted(-1, -1, 1, 1), 7, 7);
  }
  LogCellLayout l = logCellLayout(c, r, geometry);
  // Under a ghost the box is half as tall: the text shrinks to fit it.
  if (c.ghost && l.text_font.pixelSize() > int(r.height()))
    l.text_font = Theme::fittedFont(std::max(10, int(r.height())), true);
  p.setPen(theme.termInk());
  if (!l.term.isEmpty()) {
    p.setFont(l.term_font);
    p.drawText(l.term_rect, Qt::AlignLeft | (geometry.term_beside ? Qt::AlignVCenter : Qt::AlignTop), l.term);
  }
  p.setFont(l.text_font);
  p.drawText(l.text_rect, Qt::AlignCenter, l.text);
  if (c.acked) {  // the client was told "saved"
    p.setFont(Theme::fittedFont(std::max(10, int(r.height() * 0.32)), true));
    p.drawText(r.adjusted(2, 0, -4, 0), Qt::AlignRight | Qt::AlignTop, QStringLiteral("✓"));
  }
  p.restore();
}

LogCellLayout logCellLayout(const LogCell& c, const QRectF& r, const LogGeometry& g) {
  LogCellLayout l;
  // Sizes are the window's (a 40-unit box) times the geometry's box height.
  const double k = g.boxHeight() / 40.0;
  QRectF inner = r.adjusted(4, 1, -4, -1);
  int largest = Theme::px(TextRole::EntryText, k);
  if (c.show_term && g.term_beside) {  // the term left of the text, the text at nearly full height
    l.term = QStringLiteral("t%1").arg(c.term);
    l.term_font = Theme::font(TextRole::EntryTerm, true, k);
    const double term_w = QFontMetricsF(l.term_font).horizontalAdvance(l.term) + 6;
    l.term_rect = QRectF(r.left() + 5, r.top() + 2, term_w, r.height() - 4);
    // An acknowledged write's ✓ (top right) keeps its own room.
    inner = r.adjusted(5 + term_w, 1, c.acked ? -0.3 * r.height() : -4, -1);
    largest = Theme::px(TextRole::EntryTextBesideTerm, k);
  } else if (c.show_term) {  // the term, small in the top left corner; the text below it
    l.term = QStringLiteral("t%1").arg(c.term);
    l.term_font = Theme::font(TextRole::EntryTermCorner, true, k);
    l.term_rect = QRectF(r.left() + 6, r.top() + 2, r.width() - 12, 17 * k);
    inner = r.adjusted(4, 14 * k, -4, -1);
    largest = Theme::px(TextRole::EntryTextUnderTerm, k);
  }
  l.text_rect = inner;
  if (c.noop || c.text.isEmpty()) {  // nothing a client wrote: a small mark
    l.text = c.noop ? QCoreApplication::translate("radeau::gui::LogView", "no-op") : QStringLiteral("·");
    l.text_font = Theme::fittedFont(c.noop ? Theme::px(TextRole::EntryNoop, k) : largest, c.text.isEmpty());
    l.text = QFontMetricsF(l.text_font).elidedText(l.text, Qt::ElideRight, inner.width());
    return l;
  }
  // Large and bold; a long text first shrinks a little, then is cut with "…".
  const int smallest = Theme::px(TextRole::EntryTextSmallest, k);
  for (int size = largest; size >= smallest; size -= 2) {
    l.text_font = Theme::fittedFont(size, true);
    if (QFontMetricsF(l.text_font).horizontalAdvance(c.text) <= inner.width()) break;
  }
  l.text = QFontMetricsF(l.text_font).elidedText(c.text, Qt::ElideRight, inner.width());
  return l;
}

// Entry boxes are drawn once per distinct look and then blitted: a frame of
// 9 rows x 30 boxes costs a few pixmap copies instead of dashed strokes and text.

QRect logCellBox(int row, int column, const LogGeometry& g) {
  return QRect(g.margin + g.name_width + column * (g.box_width + g.box_gap),
               g.margin + g.header_height + row * g.row_height + g.box_inset, g.box_width, g.boxHeight());
}

int logColumnsFor(int width, const LogGeometry& g) {
  return std::max(1, (width - g.name_width - 2 * g.margin) / (g.box_width + g.box_gap));
}

int logWidthFor(int columns, const LogGeometry& g) { return g.name_width + 2 * g.margin + columns * (g.box_width + g.box_gap); }

int logRowsHeight(int nodes, const LogGeometry& g) { return g.header_height + nodes * g.row_height + 2 * g.margin; }

LogRows logRowsFollowing(const Frame& frame, int columns, const LogGeometry& g) {
  LogRows rows;
  const ClusterState& s = frame.state;
  const uint32_t max_len = frame.longestIndex();
  for (int i = 0; i < s.node_count; ++i) {
    const NodeState& n = s.nodes[size_t(i)];
    rows.names.push_back(i < int(frame.config->names.size()) ? QString::fromStdString(frame.config->names[size_t(i)])
                                                              : QString::number(i));
    rows.alive.push_back(n.alive);
    rows.lengths.push_back(n.lastIndex());
  }
  // As the panel: one free slot after the last (the stage keeps its width for entries).
  rows.first = uint32_t(std::max(0, int(max_len) - columns + (g.free_slot ? 1 : 0))) + 1;
  rows.cells = logCells(s, *frame.journal, rows.first, uint32_t(columns), &frame.ghosts);
  return rows;
}

void paintLogRows(QPainter& p, const QSize& size, const LogRows& rows, const LogCellPainter& draw_cell,
                  const Theme& theme, const LogGeometry& g) {
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(QRect(QPoint(0, 0), size), theme.panel());
  const auto& cells = rows.cells;
  const int cols = int(cells.empty() ? 0 : cells[0].size());
  const int x0 = g.margin + g.name_width;
  // Index header.
  p.setFont(Theme::font(TextRole::Secondary, true));
  p.setPen(theme.mutedInk());
  p.drawText(QRect(g.margin, g.margin, g.name_width - 10, g.header_height), Qt::AlignLeft | Qt::AlignVCenter,
             QCoreApplication::translate("radeau::gui::LogView", "log index"));
  for (int k = 0; k < cols; ++k) {
    QRect r(x0 + k * (g.box_width + g.box_gap), g.margin, g.box_width, g.header_height);
    p.drawText(r, Qt::AlignCenter, QString::number(rows.first + uint32_t(k)));
  }
  QFont name_font = Theme::font(TextRole::LogName, true);
  for (size_t row = 0; row < cells.size(); ++row) {
    int y = g.margin + g.header_height + int(row) * g.row_height;
    if (row % 2 == 1) p.fillRect(QRect(0, y, size.width(), g.row_height), theme.stripe());
    p.setFont(name_font);
    p.setPen(rows.alive[row] ? theme.ink() : theme.mutedInk());
    const int name_w = g.lengths ? g.name_width - 60 : g.name_width - 10;
    QString label = QFontMetrics(name_font).elidedText(rows.names[row], Qt::ElideRight, name_w);
    p.drawText(QRect(g.margin, y, name_w, g.row_height), Qt::AlignLeft | Qt::AlignVCenter, label);
    if (g.lengths) {
      p.setFont(Theme::font(TextRole::Secondary));
      p.setPen(theme.mutedInk());
      p.drawText(QRect(g.margin + g.name_width - 60, y, 50, g.row_height), Qt::AlignRight | Qt::AlignVCenter,
                 QString::number(rows.lengths[row]));
    }
    for (int k = 0; k < cols; ++k) {
      const LogCell& c = cells[row][size_t(k)];
      if (!c.present && !c.ghost) continue;
      draw_cell(p, c, logCellBox(int(row), k, g));
    }
  }
}


}  // namespace radeau::gui

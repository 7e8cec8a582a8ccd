#include "app/gui/log_view.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "app/gui/calm_scroll_bar.h"
#include "app/render/theme.h"

namespace radeau::gui {

namespace {
// The window's panel (LogView).
const LogGeometry kWindow = LogGeometry::window();
const int kNameWidth = kWindow.name_width;
const int kHeaderHeight = kWindow.header_height;
const int kRowHeight = kWindow.row_height;
const int kBoxWidth = kWindow.box_width;
const int kBoxGap = kWindow.box_gap;
const int kMargin = kWindow.margin;
}  // namespace

LogView::LogView(QWidget* parent) : QWidget(parent), bar_(new CalmScrollBar(Qt::Horizontal, this)) {
  setAttribute(Qt::WA_OpaquePaintEvent);  // paintEvent covers every pixel
  bar_->setFocusPolicy(Qt::NoFocus);
  connect(bar_, &QScrollBar::valueChanged, this, [this](int v) {
    if (updating_) return;
    follow_ = v >= bar_->maximum();
    first_ = uint32_t(v) + 1;
    if (has_frame_) {
      cells_ = logCells(frame_.state, *frame_.journal, first_, uint32_t(visibleColumns()), &frame_.ghosts);
      shown_first_ = first_;
      markStale(contentRect());
    }
  });
}

QSize LogView::sizeHint() const {
  int rows = has_frame_ ? frame_.state.node_count : 5;
  return QSize(900, kHeaderHeight + rows * kRowHeight + bar_->sizeHint().height() + 2 * kMargin);
}

int LogView::heightFor(int nodes) const {
  return kHeaderHeight + nodes * kRowHeight + bar_->sizeHint().height() + 2 * kMargin;
}

int LogView::visibleColumns() const {
  return std::max(1, (width() - kNameWidth - 2 * kMargin) / (kBoxWidth + kBoxGap));
}

void LogView::resizeEvent(QResizeEvent*) {
  int h = bar_->sizeHint().height();
  bar_->setGeometry(0, height() - h, width(), h);
  relayout();
}

void LogView::wheelEvent(QWheelEvent* e) {
  int delta = e->angleDelta().y() != 0 ? e->angleDelta().y() : e->angleDelta().x();
  bar_->setValue(bar_->value() - delta / 40);
  e->accept();
}

void LogView::showFrame(const Frame& frame) {
  frame_ = frame;
  has_frame_ = frame.valid();
  relayout();
}

void LogView::relayout() {
  if (!has_frame_) return;
  const ClusterState& s = frame_.state;
  const uint32_t max_len = frame_.longestIndex();  // ghosts beyond the logs' ends stay in view
  names_.clear();
  alive_.clear();
  lengths_.clear();
  for (int i = 0; i < s.node_count; ++i) {
    names_.push_back(i < int(frame_.config->names.size()) ? QString::fromStdString(frame_.config->names[size_t(i)])
                                                           : QString::number(i));
    alive_.push_back(s.nodes[size_t(i)].alive);
    lengths_.push_back(s.nodes[size_t(i)].lastIndex());
  }
  int cols = visibleColumns();
  int maximum = std::max(0, int(max_len) - cols + 1);  // one free slot after the last entry
  updating_ = true;
  bar_->setRange(0, maximum);
  bar_->setPageStep(cols);
  if (follow_) bar_->setValue(maximum);
  else bar_->setValue(std::min(bar_->value(), maximum));
  updating_ = false;
  first_ = uint32_t(bar_->value()) + 1;
  follow_ = bar_->value() >= maximum;
  auto cells = logCells(s, *frame_.journal, first_, uint32_t(cols), &frame_.ghosts);
  if (cells == cells_ && names_ == shown_names_ && alive_ == shown_alive_ && lengths_ == shown_lengths_ &&
      first_ == shown_first_)
    return;
  // An entry appended or acknowledged changes a box or two and a length: only
  // those are redrawn (issue 19: a calm window). Anything else moves the whole picture.
  QRegion changed;
  const bool same_layout = names_ == shown_names_ && alive_ == shown_alive_ && first_ == shown_first_ &&
                           cells.size() == cells_.size() && lengths_.size() == shown_lengths_.size();
  if (!same_layout) changed = contentRect();
  for (size_t row = 0; same_layout && row < cells.size(); ++row) {
    if (cells[row].size() != cells_[row].size()) {
      changed = contentRect();
      break;
    }
    if (lengths_[row] != shown_lengths_[row])
      changed += QRect(0, kMargin + kHeaderHeight + int(row) * kRowHeight, kMargin + kNameWidth, kRowHeight);
    for (size_t k = 0; k < cells[row].size(); ++k)
      if (!(cells[row][k] == cells_[row][k])) changed += cellRect(int(row), int(k));
  }
  cells_ = std::move(cells);
  shown_names_ = names_;
  shown_alive_ = alive_;
  shown_lengths_ = lengths_;
  shown_first_ = first_;
  markStale(changed);
}

QRect LogView::contentRect() const { return QRect(0, 0, width(), bar_->isVisible() ? bar_->y() : height()); }

// Where a cell's picture lands: its box with cellPixmap's margin around it.
QRect LogView::cellRect(int row, int column) const {
  const QRect box = logCellBox(row, column, kWindow);
  return QRect(box.topLeft() - QPoint(4, 4), QSize(kBoxWidth + 8, kRowHeight - 2));
}

void LogView::markStale(const QRegion& region) {
  stale_ += region;
  update(region);  // not the scroll bar's strip: the bar repaints itself when it moves
}


const QPixmap& LogView::cellPixmap(const LogCell& c) {
  QString key = QStringLiteral("%1|%2%3%4%5%6%7|").arg(c.term).arg(int(c.committed)).arg(int(c.acked)).arg(int(c.divergent)).arg(int(c.compacted))
                    .arg(int(c.noop)).arg(int(c.show_term)) + c.text;
  if (c.ghost) key += QStringLiteral("|ghost%1|%2|").arg(c.ghost_term).arg(int(c.ghost_acked)) + c.ghost_text;
  auto it = cell_cache_.find(key);
  if (it != cell_cache_.end()) return *it;
  if (cell_cache_.size() > 4000) cell_cache_.clear();
  const qreal dpr = devicePixelRatioF();
  QPixmap pm(QSize(kBoxWidth + 8, kRowHeight - 2) * dpr);
  pm.setDevicePixelRatio(dpr);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  paintLogCell(p, c, QRectF(4, 4, kBoxWidth, kRowHeight - 10), Theme::current());
  p.end();
  return *cell_cache_.insert(key, pm);
}

void LogView::paintEvent(QPaintEvent* e) {
  const qreal dpr = devicePixelRatioF();
  if (composed_.size() != size() * dpr) {
    composed_ = QPixmap(size() * dpr);
    composed_.setDevicePixelRatio(dpr);
    stale_ = rect();
  }
  if (!stale_.isEmpty()) {
    // Kept from paint to paint: the stale part alone is drawn again.
    QPainter q(&composed_);
    q.setClipRegion(stale_);
    paintContent(q);
    stale_ = QRegion();
  }
  QPainter p(this);
  for (const QRect& r : e->region()) p.drawPixmap(r, composed_, QRectF(QPointF(r.topLeft()) * dpr, QSizeF(r.size()) * dpr));
}

void LogView::paintContent(QPainter& p) {
  if (!has_frame_) {
    p.fillRect(rect(), Theme::current().panel());
    return;
  }
  LogRows rows{names_, alive_, lengths_, first_, cells_};
  paintLogRows(p, size(), rows, [this](QPainter& q, const LogCell& c, const QRect& box) {
    q.drawPixmap(box.topLeft() - QPoint(4, 4), cellPixmap(c));
  }, Theme::current());
}


}  // namespace radeau::gui

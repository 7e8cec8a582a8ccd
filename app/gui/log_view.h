// The window's log panel: the rows of app/render/log_paint.h, with a scroll
// bar. Long logs scroll; unless the presenter scrolled back, the last entries stay in view.
#pragma once

#include <QHash>
#include <QPixmap>
#include <QRegion>
#include <QWidget>
#include <vector>

#include "app/render/log_paint.h"

class QScrollBar;

namespace radeau::gui {

class LogView : public QWidget {
  Q_OBJECT
 public:
  explicit LogView(QWidget* parent = nullptr);
  void showFrame(const Frame& frame);

  uint32_t firstIndex() const { return first_; }  // first index shown (1-based)
  int visibleColumns() const;
  bool following() const { return follow_; }
  const std::vector<std::vector<LogCell>>& cells() const { return cells_; }
  QSize sizeHint() const override;
  int heightFor(int nodes) const;  // the height that shows every row
  // The colour scheme changed (Theme::setCurrent): boxes and picture are redrawn.
  void restyle() {
    cell_cache_.clear();
    markStale(rect());
  }

 protected:
  void paintEvent(QPaintEvent*) override;
  void resizeEvent(QResizeEvent*) override;
  void wheelEvent(QWheelEvent*) override;

 private:
  void relayout();
  QRect contentRect() const;                // all but the scroll bar
  QRect cellRect(int row, int column) const;  // a cell's picture
  void markStale(const QRegion& region);    // to be drawn again into composed_, and repainted
  const QPixmap& cellPixmap(const LogCell& c);
  QHash<QString, QPixmap> cell_cache_;  // one picture per distinct cell look
  void paintContent(QPainter& p);
  QPixmap composed_;      // the whole view, redrawn only when what it shows changed
  QRegion stale_;         // the part of composed_ that no longer shows what it should
  std::vector<QString> shown_names_;
  std::vector<bool> shown_alive_;
  std::vector<uint32_t> shown_lengths_;
  uint32_t shown_first_ = 0;
  QScrollBar* bar_;
  Frame frame_;
  bool has_frame_ = false;
  std::vector<std::vector<LogCell>> cells_;
  std::vector<QString> names_;
  std::vector<bool> alive_;
  std::vector<uint32_t> lengths_;
  uint32_t first_ = 1;
  bool follow_ = true;
  bool updating_ = false;
};

}  // namespace radeau::gui

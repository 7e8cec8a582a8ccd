#include "app/gui/calm_scroll_bar.h"

#include <QStyle>
#include <QStyleOptionSlider>

namespace radeau::gui {

CalmScrollBar::CalmScrollBar(Qt::Orientation orientation, QWidget* parent) : QScrollBar(orientation, parent) {
  shown_ = look();
}

// What the style draws that a range or value can change: the handle, the
// arrows (greyed at either end) and an empty groove.
CalmScrollBar::Look CalmScrollBar::look() const {
  QStyleOptionSlider option;
  initStyleOption(&option);
  Look l;
  l.handle = style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider, this);
  l.at_minimum = value() <= minimum();
  l.at_maximum = value() >= maximum();
  l.empty = minimum() >= maximum();
  return l;
}

void CalmScrollBar::sliderChange(SliderChange change) {
  if (change != SliderRangeChange && change != SliderValueChange) {
    shown_ = look();
    QScrollBar::sliderChange(change);
    return;
  }
  // A new row changes the range, then the value: its look is compared once
  // both are done (the handle at the end leaves it and comes back between them).
  if (check_pending_) return;
  check_pending_ = true;
  QMetaObject::invokeMethod(this, &CalmScrollBar::repaintIfChanged, Qt::QueuedConnection);
}

void CalmScrollBar::repaintIfChanged() {
  check_pending_ = false;
  const Look now = look();
  if (now == shown_) return;  // the same picture: no repaint
  shown_ = now;
  update();
}

void CalmScrollBar::resizeEvent(QResizeEvent* event) {
  QScrollBar::resizeEvent(event);
  shown_ = look();
}

}  // namespace radeau::gui

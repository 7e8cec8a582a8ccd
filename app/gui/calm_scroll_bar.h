// A scroll bar repainted only when its picture changes. The journal's is told
// of a new row at every event shown, and QScrollBar repaints at any change of
// range or value, even one that moves its handle by less than a pixel (a
// window of 20,000 rows); its gradient fills went through Qt's painting
// threads, about a tenth of a playing window's CPU (issue 19: a calm window).
#pragma once

#include <QRect>
#include <QScrollBar>

namespace radeau::gui {

class CalmScrollBar : public QScrollBar {
  Q_OBJECT
 public:
  explicit CalmScrollBar(Qt::Orientation orientation, QWidget* parent = nullptr);

 protected:
  void sliderChange(SliderChange change) override;
  void resizeEvent(QResizeEvent* event) override;  // repainted whole: the handle is where it now is

 private:
  struct Look {
    QRect handle;
    bool at_minimum = false, at_maximum = false, empty = false;
    bool operator==(const Look&) const = default;
  };
  Look look() const;
  void repaintIfChanged();
  Look shown_;
  bool check_pending_ = false;
};

}  // namespace radeau::gui

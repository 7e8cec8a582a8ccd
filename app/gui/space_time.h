// The space-time view in the window (app/render/space_time_paint.h draws it).
#pragma once

#include <QWidget>

#include "app/render/space_time_paint.h"

namespace radeau::gui {

// The view in the window: follows the playhead (which stays at 85 % of the
// width), the wheel zooms in time around the mouse, a click seeks to that
// instant, or to a message's send when the click is on its arrow.
class SpaceTimeView : public QWidget {
  Q_OBJECT
 public:
  explicit SpaceTimeView(QWidget* parent = nullptr);
  void showRun(const Run* run, int branch, Time now_us);  // not QWidget::show: the run at the playhead
  Time span() const { return span_us_; }
  void setSpan(Time span_us);
  const SpaceTimeScene& scene() const { return scene_; }
  // Where a time falls horizontally, and the lane of a node (for tests).
  QRectF plotArea() const;
  double xOf(Time t) const;
  double yOf(NodeId node) const;

 signals:
  void seekRequested(Time time_us);

 protected:
  void paintEvent(QPaintEvent*) override;
  void wheelEvent(QWheelEvent*) override;
  void mousePressEvent(QMouseEvent*) override;

 private:
  void rebuild();
  const Run* run_ = nullptr;
  int branch_ = 0;
  Time now_us_ = 0;
  Time span_us_ = 1'000'000;  // a second: heartbeats stay apart
  SpaceTimeScene scene_;
};

}  // namespace radeau::gui

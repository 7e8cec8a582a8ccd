#include "app/gui/space_time.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "app/render/theme.h"
#include "replay/run.h"

// --- the view --------------------------------------------------------------

namespace radeau::gui {

namespace {
double distanceToSegment(QPointF p, QPointF a, QPointF b) {
  const QPointF d = b - a;
  const double len2 = d.x() * d.x() + d.y() * d.y();
  const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, d) / len2, 0.0, 1.0) : 0.0;
  const QPointF q = a + d * t;
  return std::hypot(p.x() - q.x(), p.y() - q.y());
}
}  // namespace

SpaceTimeView::SpaceTimeView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("spaceTime"));
  setToolTip(tr("Space-time view: one lane per node, an arrow per message. Wheel: zoom in time; click: go there."));
}

void SpaceTimeView::showRun(const Run* run, int branch, Time now_us) {
  run_ = run;
  branch_ = branch;
  now_us_ = now_us;
  rebuild();
  update();
}

void SpaceTimeView::setSpan(Time span_us) {
  span_us_ = std::clamp<Time>(span_us, 1'000, Time(600) * 1'000'000);
  rebuild();
  update();
}

void SpaceTimeView::rebuild() {
  if (!run_ || branch_ < 0 || branch_ >= run_->branchCount()) {
    scene_ = {};
    return;
  }
  // The playhead stays at 85 % of the width, or where it is near the start.
  Time from = std::max<Time>(0, now_us_ - span_us_ * 85 / 100);
  const Time to = from + span_us_;
  const ClusterState at_from = run_->projection(branch_).stateAt(from);
  scene_ = buildSpaceTime(run_->config(), run_->journal(branch_), at_from, from, to, now_us_);
}

QRectF SpaceTimeView::plotArea() const { return spaceTimePlot(QRectF(rect())); }
double SpaceTimeView::xOf(Time t) const { return spaceTimeX(plotArea(), scene_, t); }
double SpaceTimeView::yOf(NodeId node) const { return spaceTimeY(plotArea(), scene_, node); }

void SpaceTimeView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  if (!run_) {
    p.fillRect(rect(), Theme::current().panel());
    return;
  }
  paintSpaceTime(p, QRectF(rect()), scene_, run_->config(), Theme::current());
}

void SpaceTimeView::wheelEvent(QWheelEvent* e) {
  const int steps = e->angleDelta().y() / 120;
  if (steps == 0) return;
  setSpan(Time(double(span_us_) * std::pow(0.8, steps)));
  e->accept();
}

void SpaceTimeView::mousePressEvent(QMouseEvent* e) {
  if (!run_ || e->button() != Qt::LeftButton) return;
  const QRectF plot = plotArea();
  const QPointF at = e->position();
  // On an arrow: its send; elsewhere in the plot: that instant.
  const SpaceTimeScene::Arrow* best = nullptr;
  double best_d = 7;
  for (const auto& a : scene_.arrows) {
    const double d = distanceToSegment(at, QPointF(xOf(a.sent_us), yOf(a.from)), spaceTimeArrowEnd(plot, scene_, a));
    if (d < best_d) best_d = d, best = &a;
  }
  if (best) {
    emit seekRequested(best->sent_us);
  } else if (plot.contains(at)) {
    const double f = (at.x() - plot.left()) / plot.width();
    emit seekRequested(scene_.from_us + Time(f * double(scene_.to_us - scene_.from_us)));
  }
}

}  // namespace radeau::gui

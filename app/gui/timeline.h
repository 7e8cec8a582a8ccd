// The timeline track: virtual time from 0 to the end of the branch, marks for
// leader changes, crashes, partitions and checker findings, the instants where
// other branches fork off, and the playhead. Click or drag to seek; the
// mapping between time and pixels is a TimeMap.
#pragma once

#include <QWidget>

class QPainter;
#include <vector>

#include "app/gui/time_map.h"
#include "core/journal.h"

namespace radeau::gui {

enum class MarkKind { LeaderElected, Crash, Restart, NetworkFault, Heal, Finding, Fork };

struct TimelineMark {
  Time time_us = 0;
  MarkKind kind = MarkKind::Finding;
  NodeId node = kNoNode;
  bool operator==(const TimelineMark&) const = default;
};

// The marks of a journal's events [from, journal.size()), appended to `out`.
void collectMarks(const Journal& journal, Seq from, std::vector<TimelineMark>& out);

// One mark at `x`, above a track whose top is `track_y` (a fork: on the
// track): what the timeline draws, and the help's legend.
void paintTimelineMark(QPainter& p, MarkKind kind, double x, double track_y, double track_h = 12);

class Timeline : public QWidget {
  Q_OBJECT
 public:
  explicit Timeline(QWidget* parent = nullptr);

  // The journal shown (re-scanned only for what was appended since last time).
  void setJournal(const Journal* journal, Time end_us);
  void setForks(std::vector<Time> fork_times);  // where other branches leave this one
  void setTime(Time t);
  // Talk mode: marks after the playhead are not drawn (no spoilers).
  void setHideFuture(bool on);
  bool hidesFuture() const { return hide_future_; }
  // The marks drawn now: marks(), less those after the playhead when hidden.
  std::vector<TimelineMark> visibleMarks() const;
  Time time() const { return time_us_; }
  Time end() const { return end_us_; }
  TimeMap map() const;
  const std::vector<TimelineMark>& marks() const { return marks_; }
  QSize sizeHint() const override { return {800, 80}; }

 signals:
  void seekRequested(qint64 time_us);

 protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent*) override;
  void mouseMoveEvent(QMouseEvent*) override;

 private:
  const Journal* journal_ = nullptr;
  Seq scanned_ = 0;
  std::vector<TimelineMark> marks_;
  std::vector<Time> forks_;
  Time end_us_ = 1;
  Time time_us_ = 0;
  bool hide_future_ = false;
};

}  // namespace radeau::gui

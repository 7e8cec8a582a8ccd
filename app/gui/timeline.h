// The timeline track: virtual time from 0 to the end of the branch, marks for
// leader changes, crashes, partitions and checker findings, the instants where
// other branches fork off, and the playhead. Click or drag to seek; the
// mapping between time and pixels is a TimeMap.
#pragma once

#include <QPixmap>
#include <QWidget>

class QPainter;
#include <array>
#include <vector>

#include "app/gui/time_map.h"
#include "core/journal.h"
#include "replay/projection.h"

namespace radeau::gui {

enum class MarkKind { LeaderElected, Crash, Restart, NetworkFault, Heal, Finding, Fork };
constexpr int kMarkKinds = 7;

struct TimelineMark {
  Time time_us = 0;
  MarkKind kind = MarkKind::Finding;
  NodeId node = kNoNode;
  bool operator==(const TimelineMark&) const = default;
};

// The marks of a journal's events [from, journal.size()), appended to `out`.
// With `notable` (Projection::notableUpTo: the journal's notable events, in
// order), the marks come from those, and the journal is not read.
void collectMarks(const Journal& journal, Seq from, std::vector<TimelineMark>& out,
                  const std::vector<Projection::Notable>* notable = nullptr);

// The marks of a track indexed once, for drawing: all of them in time order,
// and per kind the positions of that kind's marks. A paint asks, for each
// pixel column and kind, "is there a mark of this kind here?" with a binary
// search, so it costs O(columns x kinds x log marks) whatever the number of
// events (issue 19: ten million events, a 38,000 s recording with tens of
// thousands of leader changes on a 1,900-pixel track).
class MarkIndex {
 public:
  void clear();
  // Marks appended to the list; out-of-order ones are sorted in (a journal is in time order).
  void append(const std::vector<TimelineMark>& marks);
  void append(std::vector<TimelineMark>&& marks);  // taken whole when the index is empty
  const std::vector<TimelineMark>& marks() const { return marks_; }
  // How many marks fall in [from, to] (two binary searches).
  size_t count(Time from, Time to) const;
  // The marks to draw in pixels [x_from, x_to] of `map`, none after `until`:
  // every one of them when the whole track [map.t0, until] holds at most
  // `exact_limit` marks (what a scan of every mark draws), else per pixel
  // column and kind the first mark there, in time order. `probes`, if given,
  // receives the number of binary searches made (what the test bounds).
  std::vector<TimelineMark> select(const TimeMap& map, double x_from, double x_to, Time until, size_t exact_limit,
                                   size_t* probes = nullptr) const;

 private:
  std::vector<TimelineMark> marks_;
  std::array<std::vector<uint32_t>, kMarkKinds> by_kind_;  // indices into marks_, in time order
  void indexKinds(size_t from);  // marks_ from `from` on, into by_kind_
};

// One mark at `x`, above a track whose top is `track_y` (a fork: on the
// track): what the timeline draws, and the help's legend.
void paintTimelineMark(QPainter& p, MarkKind kind, double x, double track_y, double track_h = 12);

class Timeline : public QWidget {
  Q_OBJECT
 public:
  explicit Timeline(QWidget* parent = nullptr);

  // The journal shown (re-scanned only for what was appended since last time).
  // `notable`: as collectMarks's, for `journal` (else its kinds are scanned).
  void setJournal(const Journal* journal, Time end_us, const std::vector<Projection::Notable>* notable = nullptr);
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
  const std::vector<TimelineMark>& marks() const { return index_.marks(); }
  // The marks a paint of pixels [x_from, x_to] draws now (MarkIndex::select,
  // every mark while there are no more than pixels), and for tests the
  // binary searches the last paint made and the marks it drew.
  std::vector<TimelineMark> marksToDraw(double x_from, double x_to, size_t* probes = nullptr) const;
  size_t lastPaintProbes() const { return last_probes_; }
  size_t lastPaintMarks() const { return last_drawn_; }
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
  MarkIndex index_;
  std::vector<Time> forks_;
  Time end_us_ = 1;
  Time time_us_ = 0;
  bool hide_future_ = false;
  size_t last_probes_ = 0, last_drawn_ = 0;
  double playhead_x_ = 0;  // where the playhead was last drawn (setTime repaints from there)
  // Dense tracks: each kind's mark drawn once into a pixmap, then stamped
  // (thousands of marks a paint); rebuilt when the colours, the scale or the
  // track's place change.
  std::array<QPixmap, kMarkKinds> stamps_;
  QString stamps_key_;
};

}  // namespace radeau::gui

// Item models of the window: the node state table and the journal. They live
// in the GUI library and are checked with QAbstractItemModelTester.
#pragma once

#include <algorithm>
#include <QAbstractTableModel>
#include <QAbstractProxyModel>
#include <array>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "app/render/frame.h"

namespace radeau::gui {

// One row per node: the author's wish list of state, at the playhead instant.
// Values that changed within kRecentUs are highlighted (BackgroundRole).
class NodeTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Name, RoleCol, Term, VotedFor, Votes, LogLength, Commit, ElectionTimer, HeartbeatTimer, ColumnCount };
  explicit NodeTableModel(QObject* parent = nullptr);

  void showFrame(const Frame& frame);
  // The same events at a later instant: only the timer columns change.
  void showTime(const Frame& frame);
  bool changed(int row, int column) const;  // "just changed" at this instant

 signals:
  // A column's text is longer than any it showed since the last reset (and
  // after a reset): a view sized to its contents fits its columns again.
  void widerText();

 public:

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

 private:
  QString text(const ClusterState& s, int row, int column) const;
  void checkWidths(int first_column, int last_column, bool reset);
  QString look(int row, int column) const;  // what a cell shows: its text, highlight and colours
  std::array<qsizetype, ColumnCount> longest_{};  // per column, the longest text shown since the reset
  std::vector<std::string> names_;
  ClusterState state_, before_;
  Time time_us_ = 0;
};

// Kinds of events the journal panel can filter on.
enum class EventCategory { All, Messages, Timers, Roles, Log, Clients, Faults, Findings };
EventCategory categoryOf(EventKind k);
QString categoryName(EventCategory c);

// The journal of the branch at the playhead: one row per event (time, node,
// text from the shared EventFormatter). Rows after the playhead are greyed,
// the last event at or before it is highlighted.
class JournalModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { TimeCol, NodeCol, TextCol, ColumnCount };
  static constexpr int kSeqRole = Qt::UserRole + 1;
  static constexpr int kKindRole = Qt::UserRole + 2;
  static constexpr int kNodeRole = Qt::UserRole + 3;
  explicit JournalModel(QObject* parent = nullptr);

  // The journal to show. The same journal grown since: rows are appended;
  // another journal: the model resets. `names` and `journal` must outlive
  // the next call. `start`: the run's configured flags, which (with the
  // journal's changes) decide the words of each row (core/vocabulary.h).
  void setJournal(const std::vector<std::string>* names, const Journal* journal, Concepts start = Concepts::full());
  // Events [0, position) have happened. A jump across more than kRowsTold
  // rows (scrubbing ten million events) tells dataChanged for the rows around
  // both ends only, then jumped(): views repaint, and a filter proxy is not
  // made to visit millions of rows whose filtering did not change.
  void setPosition(Seq position);
  static constexpr Seq kRowsTold = 512;
  Seq position() const { return position_; }
  const Journal* journal() const { return journal_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

 signals:
  void jumped();  // setPosition moved across many rows: every row's look may have changed

 private:
  const std::vector<std::string>* names_ = nullptr;
  const Journal* journal_ = nullptr;
  Concepts start_ = Concepts::full();
  int rows_ = 0;
  Seq position_ = 0;
};

// The journal panel's rows, filtered by node and kind and cut at a position.
// Not a QSortFilterProxyModel: that one maps every source row at once, two
// int tables and a filter call per row (1.5 s and 87 MB when a ten-million-
// event recording opens, issue 19). Unfiltered, rows map to themselves; a
// node or kind filter keeps the sorted list of the rows it accepts, built
// when it is chosen; the limit only cuts the count.
//
// It shows a window of at most `window_rows` of those rows, which follow()
// moves to keep the playhead's row well inside: a table view's header keeps
// an item per row, and ten million rows cost 250 ms and 175 MB at every open
// (issue 19). Past the window, the timeline is the way to move.
class JournalFilter : public QAbstractProxyModel {
  Q_OBJECT
 public:
  static constexpr int kWindowRows = 20'000;
  explicit JournalFilter(QObject* parent = nullptr, int window_rows = kWindowRows);
  void setSourceModel(QAbstractItemModel* source) override;
  void setNode(int node);  // -1: every node
  void setCategory(EventCategory c);
  // Rows from `position` on are left out (talk mode: no spoilers); max: none.
  void setLimit(Seq position);
  int node() const { return node_; }
  EventCategory category() const { return category_; }
  // Moves the window so the rows around `position` are shown, the last
  // accepted event before it a quarter of the window or more from either edge
  // (unless the journal's own ends are that near).
  void follow(Seq position);
  // The proxy row of the last accepted event before `position`, or -1 (also
  // when that row is before the window; the window's last row when after it).
  int rowAtOrBefore(Seq position) const;
  int windowStart() const { return first_; }  // the accepted rows before the window

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex&) const override { return {}; }
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  bool hasChildren(const QModelIndex& parent = {}) const override;
  QModelIndex mapToSource(const QModelIndex& proxy) const override;
  QModelIndex mapFromSource(const QModelIndex& source) const override;

 private:
  bool filtered() const { return node_ >= 0 || category_ != EventCategory::All; }
  const Journal* journal() const;  // the source JournalModel's
  bool accepts(const Journal* j, int source_row) const;
  int sourceRow(int row) const { return filtered() ? int(rows_[size_t(first_ + row)]) : first_ + row; }
  // The first accepted row (of all, not only the window's) whose source row
  // is >= source_row (their count if none).
  int acceptedLower(int source_row) const;
  // The same as a proxy row: clamped to the window, [0, count_].
  int lowerRow(int source_row) const { return std::clamp(acceptedLower(source_row) - first_, 0, count_); }
  int visibleCount() const;  // accepted rows under the limit, the window's or not
  int windowCount() const { return std::min(visibleCount() - first_, window_rows_); }
  void moveWindow(int first);  // as a layout change
  void rebuild();  // rows_ and count_ from the source, inside a reset
  void refilter(const std::function<void()>& change);  // a new filter, as a layout change
  void relayout(const std::function<void()>& change);  // rows shown change, persistent indexes follow
  void sourceRowsInserted(int first, int last);
  void sourceDataChanged(const QModelIndex& tl, const QModelIndex& br, const QList<int>& roles);

  int node_ = -1;
  EventCategory category_ = EventCategory::All;
  Seq limit_ = std::numeric_limits<Seq>::max();
  std::vector<Seq> rows_;  // the accepted source rows, ascending (only when filtered)
  int source_rows_ = 0;    // source rows taken into account
  int count_ = 0;          // rows shown: the window's
  int first_ = 0;          // accepted rows before the window
  int window_rows_;
  std::vector<QMetaObject::Connection> connections_;
};

}  // namespace radeau::gui

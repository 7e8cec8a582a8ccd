#include "app/gui/models.h"

#include <QBrush>
#include <QCoreApplication>
#include <QFont>

#include "app/render/language.h"
#include "app/render/theme.h"
#include "core/format.h"

namespace radeau::gui {

// --- NodeTableModel ---------------------------------------------------------

NodeTableModel::NodeTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void NodeTableModel::showFrame(const Frame& f) {
  int old_rows = state_.node_count;
  int new_rows = f.valid() ? f.state.node_count : 0;
  if (old_rows != new_rows || (f.valid() && f.config->names != names_)) {
    beginResetModel();
    names_ = f.valid() ? f.config->names : std::vector<std::string>{};
    state_ = f.state;
    before_ = f.before;
    state_.node_count = new_rows;
    time_us_ = f.time_us;
    endResetModel();
    checkWidths(0, ColumnCount - 1, true);
    return;
  }
  // Only the cells whose look changed: a view repaints those, not the whole
  // table, at every event of a playing cluster (issue 19: a calm window).
  std::vector<QString> was;
  was.reserve(size_t(new_rows) * ColumnCount);
  for (int row = 0; row < new_rows; ++row)
    for (int column = 0; column < ColumnCount; ++column) was.push_back(look(row, column));
  state_ = f.state;
  before_ = f.before;
  time_us_ = f.time_us;
  for (int row = 0; row < new_rows; ++row)
    for (int column = 0; column < ColumnCount; ++column)
      if (look(row, column) != was[size_t(row * ColumnCount + column)]) emit dataChanged(index(row, column), index(row, column));
  checkWidths(0, ColumnCount - 1, false);
}

QString NodeTableModel::look(int row, int column) const {
  const NodeState& n = state_.nodes[size_t(row)];
  return text(state_, row, column) + QChar(changed(row, column) ? u'*' : u' ') + QChar(n.alive ? u'a' : u'x') +
         QChar(u'0' + int(n.role));
}

void NodeTableModel::checkWidths(int first, int last, bool reset) {
  if (reset) longest_.fill(0);
  bool wider = reset;
  for (int column = first; column <= last; ++column)
    for (int row = 0; row < state_.node_count; ++row) {
      const qsizetype n = text(state_, row, column).size();
      if (n > longest_[size_t(column)]) {
        longest_[size_t(column)] = n;
        wider = true;
      }
    }
  if (wider) emit widerText();
}


void NodeTableModel::showTime(const Frame& f) {
  if (!f.valid() || f.state.node_count != state_.node_count) return showFrame(f);
  // Only the timer cells whose text changed: a view repaints those cells, not
  // the whole table, ten times a second (issue 19: a calm window).
  const Time was = state_.now_us;
  time_us_ = f.time_us;
  for (int row = 0; row < state_.node_count; ++row)
    for (int column : {int(ElectionTimer), int(HeartbeatTimer)}) {
      state_.now_us = was;
      const QString before = text(state_, row, column);
      state_.now_us = f.state.now_us;
      if (text(state_, row, column) != before) emit dataChanged(index(row, column), index(row, column));
    }
  state_.now_us = f.state.now_us;
  checkWidths(ElectionTimer, HeartbeatTimer, false);
}

int NodeTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : state_.node_count;
}
int NodeTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

namespace {
QString nameOf(const std::vector<std::string>& names, NodeId n) {
  if (n == kNoNode) return QStringLiteral("—");
  return n < names.size() ? QString::fromStdString(names[n]) : QString::number(n);
}
QString remaining(const TimerState& t, Time now) {
  if (!t.running()) return QStringLiteral("—");
  Time left = std::max<Time>(0, t.deadline_us - now);
  return QStringLiteral("%1 ms").arg(double(left) / 1000.0, 0, 'f', 0);
}
}  // namespace

QString NodeTableModel::text(const ClusterState& s, int row, int column) const {
  const NodeState& n = s.nodes[size_t(row)];
  switch (Column(column)) {
    case Name: return nameOf(names_, NodeId(row));
    case RoleCol: {
      if (!n.alive) return QCoreApplication::translate("radeau::gui::NodeTableModel", "crashed");
      if (n.pre_candidate) return QCoreApplication::translate("radeau::gui::NodeTableModel", "pre-candidate");
      const std::string_view role = roleName(n.role, language());
      return QString::fromUtf8(role.data(), int(role.size()));
    }
    case Term: return QString::number(n.term);
    case VotedFor: return nameOf(names_, n.voted_for);
    case Votes: {
      if (n.role != Role::Candidate) return QStringLiteral("—");
      QStringList voters;
      for (int v = 0; v < s.node_count; ++v)
        if ((n.votes & (1u << v)) || (n.pre_candidate && v == row)) voters << nameOf(names_, NodeId(v));
      return QStringLiteral("%1/%2 %3").arg(n.yesCount()).arg(n.majority()).arg(voters.join(", "));
    }
    case LogLength: return QString::number(n.lastIndex());
    case Commit: return QString::number(n.commit);
    case ElectionTimer: return remaining(n.election, s.now_us);
    case HeartbeatTimer: return remaining(n.heartbeat, s.now_us);
    case ColumnCount: break;
  }
  return {};
}

bool NodeTableModel::changed(int row, int column) const {
  if (row < 0 || row >= state_.node_count) return false;
  if (column == ElectionTimer || column == HeartbeatTimer) {
    const NodeState& a = state_.nodes[size_t(row)];
    const NodeState& b = before_.nodes[size_t(row)];
    // A timer restarted (a new start) counts as a change, not its countdown.
    return column == ElectionTimer ? a.election.started != b.election.started && a.election.running()
                                   : a.heartbeat.started != b.heartbeat.started && a.heartbeat.running();
  }
  if (column == Name) return false;
  if (before_.node_count != state_.node_count) return false;
  return text(state_, row, column) != text(before_, row, column);
}

QVariant NodeTableModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const int row = index.row(), col = index.column();
  const NodeState& n = state_.nodes[size_t(row)];
  switch (role) {
    case Qt::DisplayRole: return text(state_, row, col);
    case Qt::BackgroundRole:
      // The role cell keeps its role colour when it changes (its ink is chosen
      // for that fill; on the highlight white "leader" would vanish).
      if (changed(row, col) && col != ElectionTimer && col != HeartbeatTimer && col != RoleCol)
        return QBrush(Theme::current().changed());
      if (col == RoleCol) return QBrush(n.alive ? Theme::current().role(n.role) : Theme::current().crashed());
      return {};
    case Qt::ForegroundRole:
      // On the crashed grey, muted ink would fade: the role cell keeps full ink.
      if (col == RoleCol) return QBrush(n.alive ? Theme::current().roleInk(n.role) : Theme::current().ink());
      if (!n.alive) return QBrush(Theme::current().mutedInk());
      return QBrush(Theme::current().ink());
    case Qt::FontRole: {
      if (col == Name || col == RoleCol || changed(row, col)) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return {};
    }
    case Qt::TextAlignmentRole:
      return col == Name || col == Votes || col == VotedFor ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                                                            : QVariant(int(Qt::AlignCenter));
    default: return {};
  }
}

QVariant NodeTableModel::headerData(int section, Qt::Orientation o, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (o == Qt::Vertical) return section + 1;
  static const char* kHeaders[] = {
      QT_TR_NOOP("Node"), QT_TR_NOOP("Role"),   QT_TR_NOOP("Term"),     QT_TR_NOOP("Voted for"), QT_TR_NOOP("Votes"),
      QT_TR_NOOP("Log"),  QT_TR_NOOP("Commit"), QT_TR_NOOP("Election"), QT_TR_NOOP("Heartbeat")};
  return section >= 0 && section < ColumnCount ? tr(kHeaders[section]) : QVariant();
}

// --- categories -------------------------------------------------------------

EventCategory categoryOf(EventKind k) {
  switch (k) {
    case EventKind::MessageSent:
    case EventKind::MessageDelivered:
    case EventKind::MessageDropped: return EventCategory::Messages;
    case EventKind::TimerStarted:
    case EventKind::TimerCancelled:
    case EventKind::TimerFired: return EventCategory::Timers;
    case EventKind::RoleChanged:
    case EventKind::TermChanged:
    case EventKind::Voted:
    case EventKind::VoteCounted:
    case EventKind::LeaderHeard: return EventCategory::Roles;
    case EventKind::LogAppended:
    case EventKind::LogTruncated:
    case EventKind::CommitAdvanced:
    case EventKind::ProgressUpdated:
    case EventKind::SnapshotTaken:
    case EventKind::DuplicateRecognised: return EventCategory::Log;
    case EventKind::ClientWrite:
    case EventKind::WriteForwarded:
    case EventKind::WriteAcked:
    case EventKind::WriteFailed:
    case EventKind::ClientRead:
    case EventKind::ReadAnswered:
    case EventKind::ReadFailed: return EventCategory::Clients;
    case EventKind::Finding: return EventCategory::Findings;
    default: break;
  }
  return isFaultOrAction(k) ? EventCategory::Faults : EventCategory::All;
}

QString categoryName(EventCategory c) {
  switch (c) {
    case EventCategory::All: return QCoreApplication::translate("radeau::gui::JournalModel", "All events");
    case EventCategory::Messages: return QCoreApplication::translate("radeau::gui::JournalModel", "Messages");
    case EventCategory::Timers: return QCoreApplication::translate("radeau::gui::JournalModel", "Timers");
    case EventCategory::Roles: return QCoreApplication::translate("radeau::gui::JournalModel", "Roles and votes");
    case EventCategory::Log: return QCoreApplication::translate("radeau::gui::JournalModel", "Logs and commit");
    case EventCategory::Clients: return QCoreApplication::translate("radeau::gui::JournalModel", "Client writes");
    case EventCategory::Faults: return QCoreApplication::translate("radeau::gui::JournalModel", "Faults and actions");
    case EventCategory::Findings: return QCoreApplication::translate("radeau::gui::JournalModel", "Checker findings");
  }
  return {};
}

// --- JournalModel -----------------------------------------------------------

JournalModel::JournalModel(QObject* parent) : QAbstractTableModel(parent) {}

void JournalModel::setJournal(const std::vector<std::string>* names, const Journal* journal, Concepts start) {
  int size = journal ? int(journal->size()) : 0;
  if (journal != journal_ || names != names_ || size < rows_ || start != start_) {
    beginResetModel();
    names_ = names;
    start_ = start;
    journal_ = journal;
    rows_ = size;
    position_ = std::min<Seq>(position_, Seq(size));
    endResetModel();
    return;
  }
  if (size > rows_) {
    beginInsertRows({}, rows_, size - 1);
    rows_ = size;
    endInsertRows();
  }
}

void JournalModel::setPosition(Seq position) {
  position = std::min<Seq>(position, Seq(rows_));
  if (position == position_) return;
  Seq lo = std::min(position, position_), hi = std::max(position, position_);
  position_ = position;
  // Rows whose "happened" look changed, plus the highlighted current rows.
  int first = std::max(0, int(lo) - 1), last = std::min(rows_ - 1, int(hi));
  if (hi - lo > kRowsTold) {
    emit dataChanged(index(first, 0), index(std::min(last, first + 2), ColumnCount - 1));
    emit dataChanged(index(std::max(first, last - 2), 0), index(last, ColumnCount - 1));
    emit jumped();
    return;
  }
  if (first <= last) emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

int JournalModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : rows_; }
int JournalModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant JournalModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  if (!journal_ || !names_) return {};
  const Seq seq = Seq(index.row());
  const Event& e = (*journal_)[seq];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case TimeCol: return QString::number(double(e.time_us) / 1000.0, 'f', 3);
        case NodeCol:
          return e.node < names_->size() ? QString::fromStdString((*names_)[e.node]) : QString();
        case TextCol: return QString::fromStdString(EventFormatter(*names_, *journal_, language(), start_).text(e));
      }
      return {};
    case Qt::ToolTipRole:
      return QString::fromStdString(EventFormatter(*names_, *journal_, language(), start_).line(e, seq));
    case Qt::ForegroundRole:
      if (seq >= position_) return QBrush(Theme::current().dark() ? Theme::current().mutedInk().darker(150) : Theme::current().faint().darker(130));
      if (e.kind == EventKind::Finding) return QBrush(Theme::current().dark() ? Theme::current().problemInk() : Theme::current().danger().darker(140));
      return QBrush(Theme::current().ink());
    case Qt::BackgroundRole:
      if (position_ > 0 && seq == position_ - 1) return QBrush(Theme::current().changed());
      if (e.kind == EventKind::Finding) return QBrush(Theme::current().findingRow());
      return {};
    case Qt::TextAlignmentRole:
      return index.column() == TimeCol ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case kSeqRole: return qulonglong(seq);
    case kKindRole: return int(e.kind);
    case kNodeRole: return int(e.node);
    default: return {};
  }
}

QVariant JournalModel::headerData(int section, Qt::Orientation o, int role) const {
  if (role != Qt::DisplayRole || o != Qt::Horizontal) return {};
  switch (section) {
    case TimeCol: return tr("ms");
    case NodeCol: return tr("Node");
    case TextCol: return tr("Event");
  }
  return {};
}

// --- JournalFilter ----------------------------------------------------------

JournalFilter::JournalFilter(QObject* parent, int window_rows)
    : QAbstractProxyModel(parent), window_rows_(std::max(1, window_rows)) {}

void JournalFilter::setSourceModel(QAbstractItemModel* source) {
  beginResetModel();
  for (const auto& c : connections_) disconnect(c);
  connections_.clear();
  QAbstractProxyModel::setSourceModel(source);
  if (source) {
    // JournalModel appends rows, changes data, or resets; anything else is taken as a reset.
    connections_ = {
        connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); }),
        connect(source, &QAbstractItemModel::modelReset, this, [this] { rebuild(), endResetModel(); }),
        connect(source, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex&, int first, int last) { sourceRowsInserted(first, last); }),
        connect(source, &QAbstractItemModel::dataChanged, this, &JournalFilter::sourceDataChanged),
        connect(source, &QAbstractItemModel::headerDataChanged, this, &JournalFilter::headerDataChanged),
        connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { beginResetModel(); }),
        connect(source, &QAbstractItemModel::rowsRemoved, this, [this] { rebuild(), endResetModel(); }),
        connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this, [this] { beginResetModel(); }),
        connect(source, &QAbstractItemModel::layoutChanged, this, [this] { rebuild(), endResetModel(); }),
    };
  }
  rebuild();
  endResetModel();
}

const Journal* JournalFilter::journal() const {
  auto* m = qobject_cast<JournalModel*>(sourceModel());
  return m ? m->journal() : nullptr;
}

bool JournalFilter::accepts(const Journal* j, int source_row) const {
  if (!j) return true;
  const Event& e = (*j)[Seq(source_row)];
  if (category_ != EventCategory::All && categoryOf(e.kind) != category_) return false;
  if (node_ >= 0 && e.node != node_ && e.peer != node_) return false;
  return true;
}

int JournalFilter::visibleCount() const {
  if (!filtered()) return int(std::min<int64_t>(source_rows_, int64_t(limit_)));
  return int(std::lower_bound(rows_.begin(), rows_.end(), limit_) - rows_.begin());
}

void JournalFilter::rebuild() {
  rows_.clear();
  source_rows_ = sourceModel() ? sourceModel()->rowCount() : 0;
  if (filtered()) {
    const Journal* j = journal();
    for (int r = 0; r < source_rows_; ++r)
      if (accepts(j, r)) rows_.push_back(Seq(r));
  }
  first_ = std::clamp(first_, 0, std::max(0, visibleCount() - window_rows_));
  count_ = windowCount();
}

void JournalFilter::setNode(int node) {
  if (node == node_) return;
  refilter([&] { node_ = node; });
}

void JournalFilter::setCategory(EventCategory c) {
  if (c == category_) return;
  refilter([&] { category_ = c; });
}

// A new filter is a new layout, not a reset: the view keeps its place and the
// selected row (a reset sent it to the top, and the scroll to the playhead's
// row that follows waited for a relayout that came after it).
void JournalFilter::refilter(const std::function<void()>& change) {
  relayout([&] {
    change();
    first_ = 0;  // the rows are others: follow() places the window again
    rebuild();
  });
}

// Rows shown change under `change`: persistent indexes (the selection) keep
// their event where it is still shown.
void JournalFilter::relayout(const std::function<void()>& change) {
  emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
  const QModelIndexList before = persistentIndexList();
  std::vector<int> sources;
  sources.reserve(size_t(before.size()));
  for (const QModelIndex& i : before) sources.push_back(i.row() < count_ ? sourceRow(i.row()) : -1);
  change();
  QModelIndexList after;
  after.reserve(before.size());
  for (qsizetype k = 0; k < before.size(); ++k) {
    const int src = sources[size_t(k)];
    const int row = src < 0 ? count_ : lowerRow(src);
    after.append(row < count_ && sourceRow(row) == src ? index(row, before[k].column()) : QModelIndex());
  }
  changePersistentIndexList(before, after);
  emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void JournalFilter::setLimit(Seq position) {
  if (position == limit_) return;
  limit_ = position;
  if (first_ > 0 && first_ + count_ > visibleCount()) {  // cut inside the window: it slides back
    moveWindow(std::max(0, visibleCount() - window_rows_));
    return;
  }
  const int count = windowCount();
  if (count > count_) {
    beginInsertRows({}, count_, count - 1);
    count_ = count;
    endInsertRows();
  } else if (count < count_) {
    beginRemoveRows({}, count, count_ - 1);
    count_ = count;
    endRemoveRows();
  }
}

void JournalFilter::sourceRowsInserted(int first, int last) {
  if (first != source_rows_) {  // not an append: start again
    beginResetModel();
    rebuild();
    endResetModel();
    return;
  }
  if (filtered())
    for (int r = first; r <= last; ++r)
      if (accepts(journal(), r)) rows_.push_back(Seq(r));
  source_rows_ = last + 1;
  const int count = windowCount();
  if (count > count_) {
    beginInsertRows({}, count_, count - 1);
    count_ = count;
    endInsertRows();
  }
}

int JournalFilter::acceptedLower(int source_row) const {
  const int all = visibleCount();
  if (!filtered()) return std::clamp(source_row, 0, all);
  const auto it = std::lower_bound(rows_.begin(), rows_.begin() + all, Seq(std::max(0, source_row)));
  return int(it - rows_.begin());
}

void JournalFilter::follow(Seq position) {
  const int all = visibleCount();
  if (all <= window_rows_) {
    if (first_ != 0) moveWindow(0);
    return;
  }
  const int row = acceptedLower(int(std::min<Seq>(position, Seq(std::numeric_limits<int>::max())))) - 1;
  const int margin = window_rows_ / 4;
  const bool low_ok = row - first_ >= margin || first_ == 0;
  const bool high_ok = first_ + count_ - 1 - row >= margin || first_ + count_ == all;
  if (row >= first_ && row < first_ + count_ && low_ok && high_ok) return;
  moveWindow(std::clamp(row - window_rows_ / 2, 0, all - window_rows_));
}

// A new window is a new layout, as a new filter is (refilter): the view keeps
// the selected row when it is still shown.
void JournalFilter::moveWindow(int first) {
  if (first == first_ && count_ == windowCount()) return;
  relayout([&] {
    first_ = first;
    count_ = windowCount();
  });
}

void JournalFilter::sourceDataChanged(const QModelIndex& tl, const QModelIndex& br, const QList<int>& roles) {
  const int first = lowerRow(tl.row());
  const int last = lowerRow(br.row() + 1) - 1;  // the last shown row at or before br
  if (first > last || first >= count_) return;
  emit dataChanged(index(first, tl.column()), index(std::min(last, count_ - 1), br.column()), roles);
}

int JournalFilter::rowAtOrBefore(Seq position) const {
  if (position == 0) return -1;
  return lowerRow(int(std::min<Seq>(position, Seq(std::numeric_limits<int>::max())))) - 1;
}

QModelIndex JournalFilter::index(int row, int column, const QModelIndex& parent) const {
  if (parent.isValid() || row < 0 || row >= count_ || column < 0 || column >= columnCount()) return {};
  return createIndex(row, column);
}

int JournalFilter::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : count_; }

int JournalFilter::columnCount(const QModelIndex& parent) const {
  return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool JournalFilter::hasChildren(const QModelIndex& parent) const { return !parent.isValid() && count_ > 0; }

QModelIndex JournalFilter::mapToSource(const QModelIndex& proxy) const {
  if (!proxy.isValid() || !sourceModel() || proxy.model() != this || proxy.row() >= count_) return {};
  return sourceModel()->index(sourceRow(proxy.row()), proxy.column());
}

QModelIndex JournalFilter::mapFromSource(const QModelIndex& source) const {
  if (!source.isValid() || source.model() != sourceModel()) return {};
  const int row = lowerRow(source.row());
  if (row >= count_ || sourceRow(row) != source.row()) return {};
  return index(row, source.column());
}

}  // namespace radeau::gui

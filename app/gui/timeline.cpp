#include "app/gui/timeline.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "app/render/theme.h"
#include "core/format.h"

namespace radeau::gui {

namespace {
// The mark of an event of kind `kind` (a role change: to leader), if any.
bool markKind(EventKind kind, MarkKind& mark) {
  switch (kind) {
    case EventKind::RoleChanged: mark = MarkKind::LeaderElected; return true;
    case EventKind::Crashed: mark = MarkKind::Crash; return true;
    case EventKind::Restarted: mark = MarkKind::Restart; return true;
    case EventKind::LinkCut:
    case EventKind::Isolated:
    case EventKind::Partitioned: mark = MarkKind::NetworkFault; return true;
    case EventKind::LinkHealed:
    case EventKind::HealedAll: mark = MarkKind::Heal; return true;
    case EventKind::Finding: mark = MarkKind::Finding; return true;
    default: return false;
  }
}
// Every kind marked is among the notable ones (Projection::notableUpTo's).
static_assert(isNotableKind(EventKind::RoleChanged) && isNotableKind(EventKind::Crashed) &&
              isNotableKind(EventKind::Restarted) && isNotableKind(EventKind::LinkCut) &&
              isNotableKind(EventKind::Isolated) && isNotableKind(EventKind::Partitioned) &&
              isNotableKind(EventKind::LinkHealed) && isNotableKind(EventKind::HealedAll) &&
              isNotableKind(EventKind::Finding));
}  // namespace

void collectMarks(const Journal& j, Seq from, std::vector<TimelineMark>& out,
                  const std::vector<Projection::Notable>* notable) {
  MarkKind mark;
  if (notable) {
    const auto first = std::lower_bound(notable->begin(), notable->end(), from,
                                        [](const Projection::Notable& n, Seq s) { return n.seq < s; });
    out.reserve(out.size() + size_t(notable->end() - first));  // at most one mark each
    for (auto it = first; it != notable->end() && it->seq < j.size(); ++it)
      if (markKind(it->kind, mark)) out.push_back({it->time_us, mark, it->node});  // notable: a role change is to leader
    return;
  }
  // Room for more marks than a run has (one event in fifty at ten million):
  // pages never written cost nothing, and growing by copies faulted in twice
  // the pages (a third of the scan at ten million events).
  if (j.size() > from) out.reserve(out.size() + (j.size() - from) / 16 + 16);
  for (Seq i = from; i < j.size(); ++i) {
    // The kind first: only the events that mark something are unpacked.
    if (!markKind(j.kindAt(i), mark)) continue;
    const Event e = j[i];
    if (isNotable(e)) out.push_back({e.time_us, mark, e.node});  // a role change: to leader
  }
}

void MarkIndex::clear() {
  marks_.clear();
  for (auto& k : by_kind_) k.clear();
}

namespace {
bool inTimeOrder(const std::vector<TimelineMark>& marks) {
  return std::is_sorted(marks.begin(), marks.end(),
                        [](const TimelineMark& a, const TimelineMark& b) { return a.time_us < b.time_us; });
}
}  // namespace

void MarkIndex::append(const std::vector<TimelineMark>& more) {
  if (more.empty()) return;
  const bool in_order = (marks_.empty() || marks_.back().time_us <= more.front().time_us) && inTimeOrder(more);
  const size_t from = in_order ? marks_.size() : 0;
  marks_.insert(marks_.end(), more.begin(), more.end());
  if (!in_order) {
    std::stable_sort(marks_.begin(), marks_.end(),
                     [](const TimelineMark& a, const TimelineMark& b) { return a.time_us < b.time_us; });
    for (auto& k : by_kind_) k.clear();
  }
  indexKinds(from);
}

void MarkIndex::append(std::vector<TimelineMark>&& more) {
  if (!marks_.empty() || !inTimeOrder(more)) return append(std::as_const(more));
  marks_ = std::move(more);  // a whole journal's marks, not copied
  for (auto& k : by_kind_) k.clear();
  indexKinds(0);
}

void MarkIndex::indexKinds(size_t from) {
  std::array<size_t, kMarkKinds> count{};
  for (size_t i = from; i < marks_.size(); ++i) ++count[size_t(marks_[i].kind)];
  for (size_t k = 0; k < kMarkKinds; ++k) by_kind_[k].reserve(by_kind_[k].size() + count[k]);
  for (size_t i = from; i < marks_.size(); ++i) by_kind_[size_t(marks_[i].kind)].push_back(uint32_t(i));
}

namespace {
bool markBefore(const TimelineMark& m, Time t) { return m.time_us < t; }
bool timeBefore(Time t, const TimelineMark& m) { return t < m.time_us; }
}  // namespace

size_t MarkIndex::count(Time from, Time to) const {
  if (to < from) return 0;
  auto a = std::lower_bound(marks_.begin(), marks_.end(), from, markBefore);
  auto b = std::upper_bound(a, marks_.end(), to, timeBefore);
  return size_t(b - a);
}

std::vector<TimelineMark> MarkIndex::select(const TimeMap& m, double x_from, double x_to, Time until,
                                            size_t exact_limit, size_t* probes) const {
  std::vector<TimelineMark> out;
  size_t searches = 2;
  const Time last = std::min(until, m.t1);
  const Time from = m.t(x_from), to = std::min(last, m.t(x_to));
  if (count(m.t0, last) <= exact_limit) {
    // Sparse: every mark there, as a scan of every mark would draw them.
    auto a = std::lower_bound(marks_.begin(), marks_.end(), from, markBefore);
    for (auto it = a; it != marks_.end() && it->time_us <= to; ++it) out.push_back(*it);
    if (probes) *probes = searches + 1;
    return out;
  }
  // Dense: per kind, jump from pixel column to pixel column with a binary
  // search each, keeping the first mark of the kind in each column.
  const double w = m.x1 - m.x0;
  // The first instant drawn in column c or right of it.
  auto columnStart = [&](double c) {
    if (w <= 0) return m.t1 + 1;
    return m.t0 + Time(std::ceil((c - m.x0) / w * m.span()));
  };
  std::vector<uint32_t> chosen;
  for (const std::vector<uint32_t>& kind : by_kind_) {
    Time t = from;
    auto it = kind.begin();
    while (true) {
      it = std::lower_bound(it, kind.end(), t, [&](uint32_t i, Time v) { return marks_[i].time_us < v; });
      ++searches;
      if (it == kind.end() || marks_[*it].time_us > to) break;
      chosen.push_back(*it);
      const double column = std::floor(m.x(marks_[*it].time_us));
      t = std::max(marks_[*it].time_us + 1, columnStart(column + 1));
    }
  }
  std::sort(chosen.begin(), chosen.end());  // time order: the later mark on top, as a scan draws them
  out.reserve(chosen.size());
  for (uint32_t i : chosen) out.push_back(marks_[i]);
  if (probes) *probes = searches;
  return out;
}

namespace {
constexpr int kSide = 16;
constexpr double kMarkReach = 12;  // pixels a mark reaches either side of its instant (a finding's diamond: 9 + pen)
}

Timeline::Timeline(QWidget* parent) : QWidget(parent) {
  // paintEvent fills every pixel: the window under it is not painted again at
  // every tick of a playing window (issue 19: a calm window).
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumHeight(80);
  setFocusPolicy(Qt::NoFocus);
  setCursor(Qt::PointingHandCursor);
  setToolTip(tr("Click or drag to move the playhead"));
}

void Timeline::setJournal(const Journal* journal, Time end_us, const std::vector<Projection::Notable>* notable) {
  const bool other = journal != journal_ || (journal && journal->size() < scanned_);
  if (other) {
    journal_ = journal;
    scanned_ = 0;
    index_.clear();
  }
  std::vector<TimelineMark> more;
  if (journal_ && scanned_ < journal_->size()) {
    collectMarks(*journal_, scanned_, more, notable);
    scanned_ = Seq(journal_->size());
  }
  const Time end = std::max<Time>(1, end_us);
  // A live run's end grows with every event, and a new end moves every tick
  // and mark: the whole track is redrawn only once that has moved something by
  // half a pixel, else the new marks' columns alone (issue 19: a calm window;
  // at 1x the track was redrawn whole some fifteen times a second).
  const TimeMap m = map();
  const double shift = (m.x1 - m.x0) * (1.0 - double(end_us_) / double(end));
  if (other || end < end_us_ || shift >= 0.5 || width() <= 2 * kSide) {
    end_us_ = end;
    index_.append(std::move(more));
    update();
    return;
  }
  index_.append(more);
  for (const TimelineMark& k : more) {
    const double x = m.x(k.time_us);
    update(QRect(int(std::floor(x - kMarkReach)) - 1, 0, int(2 * kMarkReach) + 3, height()));
  }
}

void Timeline::setForks(std::vector<Time> fork_times) {
  if (fork_times == forks_) return;  // told at every event shown
  forks_ = std::move(fork_times);
  update();
}

void Timeline::setTime(Time t) {
  if (t == time_us_) return;
  time_us_ = t;
  // Only the strip between the drawn and the new playhead changes (the played
  // track, the playhead's knob, marks it uncovers in talk mode): repaint that
  // strip, not the whole track, and only once the playhead has moved by half
  // a pixel: on a long run a tick moves it by a tenth of one (issue 19).
  const double x = map().x(t);
  if (std::abs(x - playhead_x_) < 0.5) return;
  const int left = int(std::floor(std::min(x, playhead_x_))) - 14, right = int(std::ceil(std::max(x, playhead_x_))) + 14;
  playhead_x_ = x;
  update(QRect(left, 0, right - left, height()));
}

void Timeline::setHideFuture(bool on) {
  if (on == hide_future_) return;
  hide_future_ = on;
  update();
}

std::vector<TimelineMark> Timeline::visibleMarks() const {
  std::vector<TimelineMark> out;
  for (const TimelineMark& k : index_.marks())
    if (!hide_future_ || k.time_us <= time_us_) out.push_back(k);
  return out;
}

std::vector<TimelineMark> Timeline::marksToDraw(double x_from, double x_to, size_t* probes) const {
  const TimeMap m = map();
  // No more marks than pixels: each one drawn; more: one per column and kind.
  const size_t exact_limit = size_t(std::max(0.0, m.x1 - m.x0));
  return index_.select(m, x_from - kMarkReach, x_to + kMarkReach, hide_future_ ? time_us_ : m.t1, exact_limit, probes);
}

void paintTimelineMark(QPainter& p, MarkKind kind, double x, double track_y, double track_h) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  switch (kind) {
    case MarkKind::LeaderElected: {
      p.setPen(QPen(Theme::current().ink(), 1));
      p.setBrush(Theme::current().role(Role::Leader));
      QPointF tri[3] = {{x, track_y - 4.0}, {x - 7, track_y - 18.0}, {x + 7, track_y - 18.0}};
      p.drawPolygon(tri, 3);
      break;
    }
    case MarkKind::Crash:
    case MarkKind::Restart: {
      p.setPen(QPen(kind == MarkKind::Crash ? Theme::current().ink() : Theme::current().mutedInk(), 3, Qt::SolidLine, Qt::RoundCap));
      double y = track_y - 12;
      if (kind == MarkKind::Crash) {
        p.drawLine(QPointF(x - 6, y - 6), QPointF(x + 6, y + 6));
        p.drawLine(QPointF(x - 6, y + 6), QPointF(x + 6, y - 6));
      } else {
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(x, y), 6, 6);
      }
      break;
    }
    case MarkKind::NetworkFault:
    case MarkKind::Heal:
      p.setPen(QPen(kind == MarkKind::NetworkFault ? Theme::current().cut() : Theme::current().heal(), 4,
                    kind == MarkKind::NetworkFault ? Qt::DashLine : Qt::SolidLine));
      p.drawLine(QPointF(x, track_y - 22), QPointF(x, track_y - 3));
      break;
    case MarkKind::Finding: {
      p.setPen(QPen(Theme::current().panel(), 1.5));
      p.setBrush(Theme::current().danger());
      QPointF d[4] = {{x, track_y - 26.0}, {x + 9, track_y - 15.0}, {x, track_y - 4.0}, {x - 9, track_y - 15.0}};
      p.drawPolygon(d, 4);
      break;
    }
    case MarkKind::Fork:  // on the track itself
      p.setPen(QPen(Theme::current().fork(), 3));
      p.drawLine(QPointF(x, track_y), QPointF(x, track_y + track_h + 2));
      p.setBrush(Theme::current().fork());
      p.drawEllipse(QPointF(x, track_y + track_h / 2.0), 6, 6);
      break;
  }
  p.restore();
}

TimeMap Timeline::map() const { return TimeMap{0, end_us_, double(kSide), double(width() - kSide)}; }

void Timeline::mousePressEvent(QMouseEvent* e) {
  if (e->button() == Qt::LeftButton) emit seekRequested(map().t(e->position().x()));
}

void Timeline::mouseMoveEvent(QMouseEvent* e) {
  if (e->buttons() & Qt::LeftButton) emit seekRequested(map().t(e->position().x()));
}

void Timeline::paintEvent(QPaintEvent* e) {
  const QRect exposed = e->rect();
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Theme::current().panel());
  const TimeMap m = map();
  // The track near the bottom with room for the marks above it, also in the stage's thin band.
  const int track_h = 12, track_y = std::min(40, height() - track_h - 4);
  // Ticks every "nice" interval, labelled in seconds.
  static const Time kSteps[] = {1'000, 2'000, 5'000, 10'000, 20'000, 50'000, 100'000, 200'000, 500'000,
                                1'000'000, 2'000'000, 5'000'000, 10'000'000, 30'000'000, 60'000'000,
                                120'000'000, 300'000'000, 600'000'000, 1'800'000'000, 3'600'000'000,
                                7'200'000'000, 18'000'000'000, 36'000'000'000, 86'400'000'000};
  Time step = kSteps[std::size(kSteps) - 1];
  for (Time s : kSteps)
    if (m.x(s) - m.x(0) >= 90) {
      step = s;
      break;
    }
  p.setFont(Theme::font(TextRole::TimelineTick));
  // Only the ticks whose label reaches the exposed strip.
  const Time first_tick = std::max<Time>(0, m.t(exposed.left() - 46) / step * step);
  for (Time t = first_tick; t <= end_us_; t += step) {
    double x = m.x(t);
    if (x > exposed.right() + 46) break;
    p.setPen(Theme::current().faint());
    p.drawLine(QPointF(x, track_y - 4), QPointF(x, track_y + track_h + 4));
    p.setPen(Theme::current().mutedInk());
    p.drawText(QRectF(x - 45, track_y + track_h + 4, 90, 16), Qt::AlignCenter,
               QString::number(double(t) / 1e6, 'g', 6) + QStringLiteral(" s"));
  }
  // Track: played part in ink, the rest faint.
  QRectF track(m.x0, track_y, m.x1 - m.x0, track_h);
  p.setPen(Qt::NoPen);
  p.setBrush(Theme::current().faint());
  p.drawRoundedRect(track, 6, 6);
  p.setBrush(Theme::current().played());
  p.drawRoundedRect(QRectF(m.x0, track_y, m.x(time_us_) - m.x0, track_h), 6, 6);

  // Marks above the track, from the index: the exposed columns only, one mark
  // per column and kind when there are more marks than pixels; none after the
  // playhead in talk mode (no spoilers).
  const std::vector<TimelineMark> drawn = marksToDraw(exposed.left(), exposed.right() + 1, &last_probes_);
  last_drawn_ = drawn.size();
  if (drawn.size() <= size_t(std::max(0, exposed.width())) / 4) {
    for (const TimelineMark& k : drawn) paintTimelineMark(p, k.kind, m.x(k.time_us), track_y, track_h);
  } else {
    // Many marks: stamped from pixmaps drawn once, a few times cheaper than
    // drawing each one's antialiased shape (on whole pixels: a crowd anyway).
    constexpr int kStampW = 26, kStampH = 32, kStampX = 13, kStampBase = 30;
    const qreal dpr = devicePixelRatioF();
    const QString key = QStringLiteral("%1|%2|%3|%4").arg(track_y).arg(dpr).arg(Theme::current().ink().rgba())
                            .arg(Theme::current().panel().rgba());
    if (key != stamps_key_) {
      stamps_key_ = key;
      for (int kind = 0; kind < kMarkKinds; ++kind) {
        QPixmap stamp(QSize(kStampW, kStampH) * dpr);
        stamp.setDevicePixelRatio(dpr);
        stamp.fill(Qt::transparent);
        QPainter q(&stamp);
        paintTimelineMark(q, MarkKind(kind), kStampX, kStampBase, track_h);
        stamps_[size_t(kind)] = stamp;
      }
    }
    for (const TimelineMark& k : drawn)
      p.drawPixmap(QPointF(std::round(m.x(k.time_us)) - kStampX, track_y - kStampBase), stamps_[size_t(k.kind)]);
  }
  // Forks: where other branches leave this timeline.
  for (Time f : forks_) {
    if (hide_future_ && f > time_us_) continue;
    paintTimelineMark(p, MarkKind::Fork, m.x(f), track_y, track_h);
  }
  // The playhead.
  const double x = m.x(time_us_);
  if (exposed.left() <= x - 12 && x + 12 <= exposed.right()) playhead_x_ = x;  // drawn here, knob and all
  p.setPen(QPen(Theme::current().ink(), 3));
  p.drawLine(QPointF(x, 4), QPointF(x, height() - 20));
  p.setBrush(Theme::current().ink());
  p.drawEllipse(QPointF(x, track_y + track_h / 2.0), 9, 9);
}

}  // namespace radeau::gui

#include "replay/playhead.h"

#include <algorithm>
#include <iterator>

#include "core/limits.h"
#include "core/time_index.h"

namespace radeau {

Playhead::Playhead(Run* run, QObject* parent) : QObject(parent), run_(run) {
  timer_.setInterval(kTickMs);
  timer_.setTimerType(Qt::PreciseTimer);
  connect(&timer_, &QTimer::timeout, this, &Playhead::tick);
}

void Playhead::setRun(Run* run) {
  pause();
  run_ = run;
  branch_ = 0;
  time_us_ = 0;
  emit branchesChanged();
  emit moved(branch_, time_us_);
}

const Journal& Playhead::journal() const { return run_->journal(branch_); }
Time Playhead::endTime() const { return run_ ? run_->endTime(branch_) : 0; }

Seq Playhead::position() const { return run_ ? run_->projection(branch_).positionAt(time_us_) : 0; }

ClusterState Playhead::state() const {
  if (!run_) return {};
  return run_->projection(branch_).stateAt(time_us_);
}

void Playhead::moveTo(Time t) {
  t = std::clamp<Time>(t, 0, endTime());
  if (t == time_us_) return;
  time_us_ = t;
  emit moved(branch_, time_us_);
}

void Playhead::setBranch(int id) {
  if (!run_ || id < 0 || id >= run_->branchCount() || id == branch_) return;
  branch_ = id;
  time_us_ = std::min(time_us_, endTime());  // the same instant on the other timeline
  emit moved(branch_, time_us_);
}

void Playhead::seek(Time t) {
  if (run_) moveTo(t);
}

void Playhead::seekToEvent(Seq seq) {
  if (run_ && seq < journal().size()) moveTo(journal()[seq].time_us);
}

void Playhead::play() {
  if (!run_ || playing_) return;
  if (time_us_ >= endTime() && !live_) return;  // nothing to play
  playing_ = true;
  carry_us_ = 0;
  clock_.start();
  timer_.start();
  emit playingChanged(true);
}

void Playhead::pause() {
  timer_.stop();
  if (!playing_) return;
  playing_ = false;
  emit playingChanged(false);
}

void Playhead::togglePlay() { playing_ ? pause() : play(); }

void Playhead::setSpeed(double factor) {
  factor = std::clamp(factor, kMinSpeed, kMaxSpeed);
  if (factor == speed_) return;
  speed_ = factor;
  emit speedChanged(speed_);
}

void Playhead::setLive(bool live) { live_ = live; }
void Playhead::setTimeScale(Time us) { scale_us_ = std::max<Time>(1, us); }

void Playhead::tick() {
  qint64 wall_ns = clock_.nsecsElapsed();
  clock_.restart();
  advanceWall(double(wall_ns) * 1e-9);
}

void Playhead::advanceWall(double wall_s) {
  if (!playing_) return;
  double dt = 0;
  if (pacer_) {
    const double from = double(time_us_) + carry_us_;
    dt = pacer_(from, wall_s * speed_) - double(time_us_);
  } else {
    dt = wall_s * double(scale_us_) * speed_ + carry_us_;
  }
  Time step = Time(dt);
  carry_us_ = dt - double(step);
  advance(step);
}

void Playhead::advance(Time dt_us) {
  if (!run_) return;
  Time target = time_us_ + dt_us;
  if (target > endTime()) {
    if (live_) {
      try {
        run_->extend(branch_, target);
      } catch (const limits::Exceeded& e) {
        setLive(false);
        moveTo(endTime());
        pause();
        emit limitReached(QString::fromStdString(e.what()));
        return;
      }
    } else {
      moveTo(endTime());
      pause();
      return;
    }
  }
  moveTo(target);
}

void Playhead::stepForward() {
  if (!run_) return;
  Seq p = position();
  if (p < journal().size()) return moveTo(journal()[p].time_us);
  // At the edge: simulate the next occurrence, live or not (nothing to do for a followed cluster).
  if (time_us_ >= endTime() && run_->stepOne(branch_)) return moveTo(endTime());
  moveTo(endTime());
}

void Playhead::stepBackward() {
  if (!run_) return;
  const Seq at = eventsBefore(journal(), time_us_);
  if (at == 0) moveTo(0);
  else moveTo(journal()[at - 1].time_us);
}

// The projection keeps the notable events (the timeline's marks): a jump
// looks them up instead of unpacking every event between here and there
// (ten million events of a quiet stretch: the whole journal).
void Playhead::nextNotable() {
  if (!run_) return;
  const Seq end = Seq(journal().size());
  const auto& notable = run_->projection(branch_).notableUpTo(end);
  auto it = std::lower_bound(notable.begin(), notable.end(), position(),
                             [](const Projection::Notable& n, Seq s) { return n.seq < s; });
  if (it != notable.end() && it->seq < end) moveTo(it->time_us);
}

void Playhead::previousNotable() {
  if (!run_) return;
  const Seq before = eventsBefore(journal(), time_us_);
  const auto& notable = run_->projection(branch_).notableUpTo(before);
  auto it = std::lower_bound(notable.begin(), notable.end(), before,
                             [](const Projection::Notable& n, Seq s) { return n.seq < s; });
  if (it != notable.begin()) moveTo(std::prev(it)->time_us);
}

void Playhead::toStart() { seek(0); }
void Playhead::toEnd() { seek(endTime()); }

int Playhead::act(const Action& action) {
  if (!run_) return branch_;
  int before = run_->branchCount();
  int id = branch_;
  try {
    id = run_->act(branch_, time_us_, action);
  } catch (const limits::Exceeded& e) {
    emit limitReached(QString::fromStdString(e.what()));
    if (run_->branchCount() != before) emit branchesChanged();
    return branch_;
  }
  if (run_->branchCount() != before) emit branchesChanged();
  if (id != branch_) {
    branch_ = id;
    emit moved(branch_, time_us_);
  }
  return id;
}

}  // namespace radeau

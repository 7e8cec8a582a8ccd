// The presenter's playhead: which branch, which instant, playing or paused,
// at what speed. It only advances the instant; everything drawn is a function
// of (journal, instant). While playing at the end of a branch it extends the
// branch live through Run::extend when live() is true, else it pauses there.
//
// Speed: 1x plays 100 ms of virtual time per wall-clock second (a Raft
// heartbeat of 50 ms takes half a second on screen); the factor is clamped to
// [0.05, 4]. While playing, a ~60 Hz QTimer advances the instant by the wall
// time elapsed times the speed; paused (or idle), no timer runs at all.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>

#include "replay/projection.h"  // the notable events, isNotable
#include "replay/run.h"

namespace radeau {

class Playhead : public QObject {
  Q_OBJECT
 public:
  static constexpr double kMinSpeed = 0.05;
  static constexpr double kMaxSpeed = 4.0;
  static constexpr Time kVirtualUsPerWallSecond = 100'000;  // at 1x
  static constexpr int kTickMs = 16;

  explicit Playhead(Run* run, QObject* parent = nullptr);

  Run* run() const { return run_; }
  void setRun(Run* run);  // resets to branch 0, time 0, paused
  int branch() const { return branch_; }
  Time time() const { return time_us_; }
  Seq position() const;   // events of the branch with time <= time()
  ClusterState state() const;  // projection at time()
  bool playing() const { return playing_; }
  double speed() const { return speed_; }
  bool live() const { return live_; }  // extends the branch past its end while playing
  Time timeScale() const { return scale_us_; }
  bool timerActive() const { return timer_.isActive(); }  // for tests: idle means no timer

  // A pace (a talk step's PaceProfile::advance): the virtual instant reached
  // after some wall seconds from an instant. It replaces the constant rate
  // (still multiplied by speed()); empty to go back to it.
  using Pacer = std::function<double(double from_us, double wall_s)>;
  void setPacer(Pacer pacer) { pacer_ = std::move(pacer); }

  // Acts at the current instant (Run::act): in the past this forks a branch,
  // which becomes the current one (branchesChanged, then moved). Returns the branch.
  int act(const Action& action);

 public slots:
  void setBranch(int id);
  void seek(Time t);
  void seekToEvent(Seq seq);            // the instant of event seq, that event included
  void play();
  void pause();
  void togglePlay();
  void setSpeed(double factor);         // clamped to [0.05, 4]
  void setLive(bool live);
  // Virtual time per wall second at 1x: kVirtualUsPerWallSecond for a
  // simulation, 1'000'000 for a live cluster (real time).
  void setTimeScale(Time virtual_us_per_wall_second);
  void stepForward();                   // to the next event's instant
  void stepBackward();                  // to the previous event's instant
  void nextNotable();                   // leader change, fault, checker finding
  void previousNotable();
  void toStart();
  void toEnd();
  // What a timer tick does after wall_s seconds of playing; public so that a
  // test can play with a fake clock.
  void advanceWall(double wall_s);

 signals:
  void moved(int branch, qint64 time_us);
  void playingChanged(bool playing);
  void speedChanged(double speed);
  void branchesChanged();
  // Playing on or acting hit one of core/limits.h's bounds: the run stays as it
  // was (paused, live off) and the message says which bound.
  void limitReached(const QString& message);

 private:
  void tick();
  void advance(Time dt_us);  // what a tick does, with the wall time converted
  void moveTo(Time t);       // clamps, sets and signals when it changed
  Time endTime() const;
  const Journal& journal() const;
  Run* run_;
  int branch_ = 0;
  Time time_us_ = 0;
  bool playing_ = false;
  bool live_ = false;
  double speed_ = 1.0;
  Time scale_us_ = kVirtualUsPerWallSecond;
  double carry_us_ = 0;  // sub-microsecond remainder between ticks
  Pacer pacer_;
  QTimer timer_;
  QElapsedTimer clock_;
};

}  // namespace radeau

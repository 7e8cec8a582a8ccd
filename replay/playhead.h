// The presenter's playhead: which branch, which instant, playing or paused,
// at what speed. It only advances the instant; everything drawn is a function
// of (journal, instant). While playing at the end of a branch it extends the
// branch live through Run::extend.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include "replay/run.h"

namespace radeau {

class Playhead : public QObject {
  Q_OBJECT
 public:
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

 public slots:
  void setBranch(int id);
  void seek(Time t);
  void seekToEvent(Seq seq);            // the instant of event seq, that event included
  void play();
  void pause();
  void togglePlay();
  void setSpeed(double factor);         // clamped to [0.05, 4]
  void setLive(bool live);
  void stepForward();                   // to the next event's instant
  void stepBackward();                  // to the previous event's instant
  void nextNotable();                   // leader change, fault, checker finding
  void previousNotable();
  void toStart();
  void toEnd();

 signals:
  void moved(int branch, qint64 time_us);
  void playingChanged(bool playing);
  void speedChanged(double speed);
  void branchesChanged();

 private:
  void tick();
  Run* run_;
  int branch_ = 0;
  Time time_us_ = 0;
  bool playing_ = false;
  bool live_ = false;
  double speed_ = 1.0;
  QTimer timer_;
  QElapsedTimer clock_;
};

bool isNotable(const Event& e);  // leader changes, faults, findings

}  // namespace radeau

// Plays a talk (core/talk.h) on a playhead: opens each step's recording or
// script, stops playback at the step's scheduled pauses, and moves between
// steps on the presenter's "next" and "previous". It owns the current step's
// run; the window only follows the playhead.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/talk.h"
#include "core/talk_pace.h"
#include "replay/playhead.h"
#include "replay/run.h"

namespace radeau {

class TalkPlayer : public QObject {
  Q_OBJECT
 public:
  // With `adopt`, each step's run is handed to it (a window that owns its
  // run) and the player keeps only a pointer; without, the player owns it.
  using Adopt = std::function<void(std::unique_ptr<Run>)>;
  explicit TalkPlayer(Playhead* playhead, QObject* parent = nullptr, Adopt adopt = {});
  ~TalkPlayer() override;

  // Reads a talk file and opens its first step. False with a message naming
  // the file and line (or the step's source) on error; nothing changes then.
  bool load(const QString& path, QString& error);

  const Talk& talk() const { return talk_; }
  int stepCount() const { return int(talk_.steps.size()); }
  int current() const { return current_; }
  const TalkStep* step() const { return current_ >= 0 ? &talk_.steps[size_t(current_)] : nullptr; }
  Run* run() const { return run_ptr_; }
  // The instants (virtual time) of the current step's pauses, in order.
  const std::vector<Time>& pauseTimes() const { return pause_times_; }
  int nextPause() const { return next_pause_; }  // index into pauseTimes()
  // The step's pause (index into step()->pauses) that pause time k comes from.
  int pauseSource(int k) const { return pause_sources_[size_t(k)]; }
  // The pause the playhead stands at (index into pauseTimes()), or -1.
  int pauseAt() const;
  // Off script: the presenter acted live, the playhead is on a branch of its
  // own. Prepared labels and finding pauses do not apply there.
  bool offScript() const;
  // A second "previous" within this many ms goes to the previous step (0: never).
  void setDoublePressMs(int ms) { double_press_ms_ = ms; }

  // Opens step `index` at its start, paused. False with a message on error.
  bool open(int index, QString& error);

  // The current step's pace (core/talk_pace.h), which drives the playhead.
  const PaceProfile& paceProfile() const { return profile_; }
  double pace() const;     // the rate now: 8 while fast-forwarding, 1 at 1x
  QString paceText() const;  // "⏩ 8×" while playing fast, empty at 1x or paused

 public slots:
  // The clicker's "next": play on to the next pause, or, when the step has
  // been played to its end, open the next step. While playing, jump to the
  // next pause (or the end): an impatient presenter is never ignored.
  void next();
  // The clicker's "previous": back to the previous pause of the step (the
  // step's start before its first); at the step's start, or pressed again
  // within setDoublePressMs, the previous step. One mis-click costs nothing.
  void previous();
  void replay();    // the current step, from its start

 signals:
  void stepChanged(int index);
  void paused(int pause_index);  // stopped at a scheduled pause (also when "previous" returns to it)
  void rewound();  // "previous" went back to the step's start
  void failed(const QString& message);
  void paceChanged(const QString& text);  // paceText() changed

 private:
  void onMoved(int branch, qint64 time_us);
  QString sourcePath(const TalkStep& s) const;
  void updatePace();

  QPointer<Playhead> playhead_;
  Talk talk_;
  QString dir_;
  int current_ = -1;
  Adopt adopt_;
  std::unique_ptr<Run> run_;  // when not adopted
  Run* run_ptr_ = nullptr;
  std::vector<Time> pause_times_;
  std::vector<int> pause_sources_;
  int next_pause_ = 0;
  PaceProfile profile_;
  QString pace_text_;
  QElapsedTimer last_previous_;  // when "previous" was last pressed
  int double_press_ms_ = 1500;
};

}  // namespace radeau

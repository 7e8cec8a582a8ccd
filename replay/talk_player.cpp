#include "replay/talk_player.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>

#include "core/file_read.h"
#include "core/script.h"
#include "replay/recording_file.h"

namespace radeau {

TalkPlayer::TalkPlayer(Playhead* playhead, QObject* parent, Adopt adopt)
    : QObject(parent), playhead_(playhead), adopt_(std::move(adopt)) {
  connect(playhead_, &Playhead::moved, this, &TalkPlayer::onMoved);
  connect(playhead_, &Playhead::playingChanged, this, &TalkPlayer::updatePace);
}

TalkPlayer::~TalkPlayer() {
  // The playhead may outlive us: never leave it pointing at a run we own.
  // (It may also be gone already, when both belong to one window.)
  if (run_ && playhead_ && playhead_->run() == run_.get()) playhead_->setRun(nullptr);
  if (playhead_) playhead_->setPacer({});  // it points at our profile
}

bool TalkPlayer::load(const QString& path, QString& error) {
  std::string text, why;
  if (!readBoundedFile(path.toStdString(), text, why)) {
    error = QString::fromStdString(why);
    return false;
  }
  TalkError terr;
  auto talk = parseTalk(text, path.toStdString(), terr);
  if (!talk) {
    error = QString::fromStdString(terr.toString());
    return false;
  }
  Talk previous = std::move(talk_);
  QString previous_dir = dir_;
  talk_ = std::move(*talk);
  dir_ = QFileInfo(path).absolutePath();
  if (!open(0, error)) {
    talk_ = std::move(previous);
    dir_ = previous_dir;
    return false;
  }
  return true;
}

QString TalkPlayer::sourcePath(const TalkStep& s) const {
  return QDir(dir_).filePath(QString::fromStdString(s.source));
}

bool TalkPlayer::open(int index, QString& error) {
  if (index < 0 || index >= stepCount()) {
    error = QStringLiteral("no step %1 (the talk has %2)").arg(index + 1).arg(stepCount());
    return false;
  }
  const TalkStep& s = talk_.steps[size_t(index)];
  const QString path = sourcePath(s);
  std::unique_ptr<Run> run;
  std::string err;
  if (path.endsWith(QStringLiteral(".radeau"))) {
    run = loadRun(path, err);
  } else {
    std::string text;
    if (!readBoundedFile(path.toStdString(), text, err)) {
      // err says why
    } else {
      ScriptError serr;
      auto scenario = parseScenario(text, path.toStdString(), serr);
      if (scenario) run = std::make_unique<Run>(scenario->config, scenario->actions, scenario->until_us);
      else err = serr.toString();
    }
  }
  if (!run) {
    error = QStringLiteral("step '%1' (line %2): %3")
                .arg(QString::fromStdString(s.id)).arg(s.line).arg(QString::fromStdString(err));
    return false;
  }
  // The pauses as instants of this run: "finding" is the first checker
  // finding (of its kind, when it names one).
  std::vector<std::pair<Time, int>> at;  // (instant, index of the pause in the step)
  const Journal& j = run->journal(0);
  for (size_t k = 0; k < s.pauses.size(); ++k) {
    const TalkPause& p = s.pauses[k];
    if (p.kind == TalkPause::Kind::At) {
      at.push_back({p.at_us, int(k)});
    } else if (p.kind == TalkPause::Kind::End) {
      at.push_back({run->endTime(0), int(k)});
    } else {
      auto it = std::find_if(j.events().begin(), j.events().end(), [&p](const Event& e) {
        return e.kind == EventKind::Finding && (!p.finding || e.findingKind() == *p.finding);
      });
      if (it != j.events().end()) at.push_back({it->time_us, int(k)});
    }
  }
  std::stable_sort(at.begin(), at.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Time> times;
  std::vector<int> sources;
  for (const auto& [t, k] : at)
    if (times.empty() || times.back() != t) {
      times.push_back(t);
      sources.push_back(k);
    }

  // The pace follows the prepared run (branch 0), its pauses and speed lines.
  PaceProfile profile = PaceProfile::build(j.events(), run->endTime(0), times, s.speeds);

  playhead_->pause();
  run_ptr_ = run.get();
  std::unique_ptr<Run> old = std::move(run_);
  // The step is current before the run is handed over: the window's title
  // (the adopt callback) reads it.
  pause_times_ = std::move(times);
  pause_sources_ = std::move(sources);
  next_pause_ = 0;
  current_ = index;
  profile_ = std::move(profile);
  if (adopt_) adopt_(std::move(run));
  else run_ = std::move(run);
  playhead_->setPacer([this](double from_us, double wall_s) { return profile_.advance(from_us, wall_s); });
  playhead_->setRun(run_ptr_);
  old.reset();
  emit stepChanged(index);
  return true;
}

int TalkPlayer::pauseAt() const {
  if (!playhead_) return -1;
  for (size_t k = 0; k < pause_times_.size(); ++k)
    if (pause_times_[k] == playhead_->time()) return int(k);
  return -1;
}

bool TalkPlayer::offScript() const { return playhead_ && run_ptr_ && playhead_->branch() != 0; }

void TalkPlayer::next() {
  last_previous_.invalidate();  // "previous" after "next" is a first press again
  if (!run_ptr_) return;
  const Time end = run_ptr_->endTime(playhead_->branch());
  if (playhead_->playing()) {
    // Already going: straight to the next pause, where onMoved stops, or to the end.
    if (next_pause_ < int(pause_times_.size())) {
      playhead_->seek(pause_times_[size_t(next_pause_)]);
    } else {
      playhead_->pause();
      playhead_->seek(end);
    }
    return;
  }
  if (playhead_->time() < end) {
    playhead_->play();
    return;
  }
  if (current_ + 1 < stepCount()) {
    QString error;
    if (!open(current_ + 1, error)) emit failed(error);
  }
}

void TalkPlayer::previous() {
  const bool again = last_previous_.isValid() && last_previous_.elapsed() < double_press_ms_;
  last_previous_.start();
  if (!run_ptr_) return;
  const Time now = playhead_->time();
  if (!again && now > 0) {
    // The last pause before the playhead (the one it stands at is behind us
    // already), or the step's start.
    playhead_->pause();
    int k = int(pause_times_.size()) - 1;
    while (k >= 0 && pause_times_[size_t(k)] >= now) --k;
    playhead_->seek(k >= 0 ? pause_times_[size_t(k)] : 0);
    if (k >= 0) emit paused(k);
    else emit rewound();
    return;
  }
  if (current_ <= 0) return replay();
  QString error;
  if (!open(current_ - 1, error)) emit failed(error);
}

void TalkPlayer::replay() {
  if (current_ < 0) return;
  QString error;
  if (!open(current_, error)) emit failed(error);
}

double TalkPlayer::pace() const {
  if (!playhead_) return 1;
  return profile_.rateAt(playhead_->time());
}

QString TalkPlayer::paceText() const {
  if (!playhead_ || !playhead_->playing()) return {};
  return QString::fromStdString(radeau::paceText(pace()));
}

void TalkPlayer::updatePace() {
  const QString text = paceText();
  if (text == pace_text_) return;
  pace_text_ = text;
  emit paceChanged(text);
}

void TalkPlayer::onMoved(int, qint64 time_us) {
  // Pauses at or behind the playhead are done (a seek backward re-arms them).
  int k = 0;
  while (k < int(pause_times_.size()) && pause_times_[size_t(k)] <= time_us) ++k;
  if (!playhead_->playing()) {
    next_pause_ = k;
    return;
  }
  // Off script, the prepared run's findings are not this branch's: no stop there.
  while (offScript() && next_pause_ < int(pause_times_.size()) &&
         talk_.steps[size_t(current_)].pauses[size_t(pause_sources_[size_t(next_pause_)])].kind ==
             TalkPause::Kind::FirstFinding &&
         time_us >= pause_times_[size_t(next_pause_)])
    ++next_pause_;
  if (next_pause_ < int(pause_times_.size()) && time_us >= pause_times_[size_t(next_pause_)]) {
    const int hit = next_pause_++;
    playhead_->pause();
    playhead_->seek(pause_times_[size_t(hit)]);
    emit paused(hit);
  }
  updatePace();
}

}  // namespace radeau

#include "recorder.h"

namespace radeau {

void Recorder::fold(const Journal& j, ClusterState& s, const Event& e, Seq seq, std::vector<Event>& found) {
  checker_.before(s, e, found);
  apply(s, e, seq);
  checker_.after(j, s, e, found);
}

Seq Recorder::record(Journal& j, ClusterState& s, const Event& e) {
  scratch_.clear();
  // Appending first changes nothing the checker sees (it reads the state only).
  const Seq seq = j.append(e);
  fold(j, s, e, seq, scratch_);
  if (!scratch_.empty()) {
    std::vector<Event> found;
    found.swap(scratch_);  // recording a finding reuses scratch_
    for (Event f : found) {
      f.time_us = e.time_us;
      record(j, s, f);
    }
  }
  return seq;
}

Seq Recorder::replay(Journal& j, ClusterState& s, const Event& e) {
  scratch_.clear();
  const Seq seq = j.append(e);
  fold(j, s, e, seq, scratch_);
  scratch_.clear();
  return seq;
}

void Recorder::replayShared(const Journal& j, ClusterState& s, Seq seq) {
  scratch_.clear();
  fold(j, s, j[seq], seq, scratch_);
  scratch_.clear();
}

void Recorder::finish(const ClusterState& s, std::vector<Event>& found) {
  const size_t first = found.size();
  checker_.finish(s, found);
  for (size_t i = first; i < found.size(); ++i) found[i].time_us = s.now_us;
}

std::vector<Event> Recorder::check(const ClusterConfig& config, const Journal& j) {
  Recorder r;
  ClusterState s = ClusterState::initial(config);
  std::vector<Event> found;
  for (Seq i = 0; i < j.size(); ++i) {
    const size_t first = found.size();
    r.fold(j, s, j[i], i, found);
    for (size_t k = first; k < found.size(); ++k) found[k].time_us = j[i].time_us;
  }
  r.finish(s, found);
  return found;
}

}  // namespace radeau

// The cluster at any instant of one journal, through periodic checkpoints:
// seeking costs at most one checkpoint copy plus `interval` applies, whatever
// the position or the journal's length. Qt-free on purpose (used by tests,
// the CLI and the GUI alike).
#pragma once

#include <vector>

#include "core/config.h"
#include "core/journal.h"
#include "core/state.h"

namespace radeau {

class Projection {
 public:
  Projection(const ClusterConfig& config, const Journal& journal, Seq checkpoint_interval = 4096);

  // Extends the checkpoints after the journal grew (appends only).
  void sync();

  // State after the first `end` events (end = 0: the initial state).
  ClusterState stateAfter(Seq end) const;
  // State at virtual time t: every event with time <= t applied; now_us = t.
  ClusterState stateAt(Time t) const;
  // Number of events with time <= t (the position of instant t).
  Seq positionAt(Time t) const;

  Time endTime() const;  // time of the last event (0 if empty)
  const Journal& journal() const { return journal_; }
  const ClusterConfig& config() const { return config_; }
  size_t checkpointBytes() const;

 private:
  const ClusterConfig& config_;
  const Journal& journal_;
  Seq interval_;
  std::vector<ClusterState> checkpoints_;  // checkpoints_[k] = state after k*interval_ events
};

}  // namespace radeau

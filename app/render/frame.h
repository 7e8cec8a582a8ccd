// One instant of one journal, as every view draws it: the state at the
// playhead time, the state a moment before (to highlight what just changed),
// and the journal and configuration it comes from. Views are functions of a
// Frame; none of them keeps an animation clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/ghosts.h"
#include "core/journal.h"
#include "core/state.h"

namespace radeau {
class Run;
}

namespace radeau::gui {

// How long before the playhead a value counts as "just changed".
inline constexpr Time kRecentUs = 60'000;
// How long a dropped message stays visible, fading, where it died.
inline constexpr Time kDropFadeUs = 60'000;

struct Frame {
  const ClusterConfig* config = nullptr;
  const Journal* journal = nullptr;
  ClusterState state;   // every event with time <= time_us applied
  ClusterState before;  // the same at time_us - kRecentUs
  Time time_us = 0;
  // Entries lost so far on this branch, drawn at their index (core/ghosts.h).
  std::vector<Ghost> ghosts;
  // The playhead is at the end of the run and the checker found no safety
  // violation: the slide ends on a green "✓ no violation" banner.
  bool no_violation = false;
  // What that banner says after "✓ no violation" (a talk step's lesson, its
  // `pause end` label); empty: the banner says only "✓ no violation".
  std::string lesson;

  Seq position() const { return state.applied; }
  bool valid() const { return config && journal; }
  // The latest checker finding at this instant, or nullptr. The journal hands
  // out event values (packed storage): the pointer is to this frame's copy,
  // valid until the next call.
  const Event* latestFinding() const;
  // The longest log or ghost index: how many columns the logs need.
  uint32_t longestIndex() const;

 private:
  mutable std::optional<Event> latest_finding_;  // what latestFinding() points to
};

// The frame of branch `branch` at instant t through the projection's
// checkpoints, as the window and the slides build it. It points into `run`.
Frame frameAt(const Run& run, int branch, Time t);

// A frame by folding the journal from the start (tests and benchmarks; the
// window uses the projection's checkpoints instead).
Frame foldFrame(const ClusterConfig& config, const Journal& journal, Time t);

// Number of events with time <= t (binary search: journals are time-ordered).
Seq positionAt(const Journal& journal, Time t);

}  // namespace radeau::gui

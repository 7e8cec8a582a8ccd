// Every bound Radeau puts on what an input may ask for, in one place (the
// README's "Limits" lists them). An input beyond one is refused with a clear
// error; nothing here is ever an abort or a bad_alloc.
#pragma once

#include <cstdint>
#include <stdexcept>

#include "event.h"

namespace radeau::limits {

// Simulated time: a run, a branch end or a script's `until` (24 hours).
inline constexpr Time kMaxDurationUs = Time(24) * 3600 * 1'000'000;
// A timing value (election, heartbeat, latency): 1 hour, so that every timer
// and delivery delay fits the 32-bit Event::dt_us.
inline constexpr Time kMaxTimingUs = Time(3600) * 1'000'000;
static_assert(kMaxTimingUs <= Time(UINT32_MAX), "timing values must fit Event::dt_us");

inline constexpr uint64_t kMaxEventsPerBranch = 16'000'000;  // ~0.85 GB in memory at 53 B/event (issue 19: a 10 M-event recording fits)
inline constexpr uint64_t kMaxEventsPerRun = 25'000'000;     // all branches of a recording together
// Messages in flight at once in a simulation (a 1us heartbeat with 10ms of
// latency would hold 20,000 per follower): past it the run stops with an error.
inline constexpr uint64_t kMaxInFlight = 10'000;
inline constexpr int kMaxBranches = 10'000;
inline constexpr int kMaxNodes = radeau::kMaxNodes;           // 9
inline constexpr uint32_t kMaxWriteId = radeau::kMaxWriteId;  // 2^24 writes per run (peers, files)
inline constexpr uint32_t kMaxTerm = radeau::kMaxTerm;        // 2^30 (peers, WAL records)
inline constexpr uint64_t kMaxEntriesPerMessage = 1'000'000;  // carried by one logRequest/snapshot
inline constexpr uint64_t kMaxWriteTextBytes = 64 * 1024;     // one client write's text
inline constexpr uint64_t kMaxFileBytes = uint64_t(512) << 20;  // any file read (regular files only)
inline constexpr uint64_t kMaxTalkSteps = 10'000;

// Thrown where work grows with the input and there is no error path (the
// simulator producing events); main()'s guard (top_level.h) prints it.
struct Exceeded : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace radeau::limits

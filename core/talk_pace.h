// The pace of a talk step: how fast virtual time runs on the projector at each
// instant. A presenter must never stand waiting for a quiet stretch, and the
// audience must never miss a vote, an overwrite or a finding: the profile
// fast-forwards through stretches with no notable event, slows down so that
// each held event stays on screen for at least hold_wall_s, and obeys the
// step's own `speed` lines above all (the author knows best).
//
// Rates are factors of the playhead's 1x (options.virtual_us_per_wall_s of
// virtual time per wall second). Pure: the same journal, pauses and speed
// lines give the same profile.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "event.h"
#include "journal.h"
#include "talk.h"

namespace radeau {

// Events that deserve real time on screen (Notable: played at 1x at least):
// role changes (a leader elected), crashes and restarts, cuts, partitions and
// heals, forced timeouts, writes acknowledged or failed. Held (slowed down
// until they last hold_wall_s): votes (replies, granted or refused), entries
// overwritten or removed, findings. A truncation counts only when it removes
// entries, and the same overwrite again (a log flipping between two leaders)
// is only notable, so classify a journal in order with one PaceNotability.
enum class Notability : uint8_t { None, Notable, Held };

class PaceNotability {
 public:
  // Feed every event in journal order.
  Notability classify(const Event& e);

 private:
  uint32_t last_index_[kMaxNodes] = {};
  std::vector<uint64_t> overwrites_;  // (node, length after) already held
};

// A held event and the virtual instants during which it is on screen: a
// vote reply while it flies, an instant (overwrite, finding) for
// hold_span_us after it.
struct HeldItem {
  enum class Kind : uint8_t { Vote, Overwrite, Finding } kind;
  Seq seq = 0;
  Time from_us = 0, to_us = 0;
};
const char* heldKindName(HeldItem::Kind k);

struct PaceOptions {
  Time virtual_us_per_wall_s = 100'000;  // the playhead's 1x
  double fast_rate = 8.0;                // through stretches with nothing notable...
  double quiet_max_wall_s = 1.5;         // ...faster (up to max_rate) when that would take longer
  Time margin_us = 15'000;               // kept at 1x before and after a notable event or pause
  Time quiet_min_us = 40'000;            // shorter quiet stretches are not worth a change of pace
  double hold_wall_s = 1.5;              // a held event stays on screen at least this long
  Time hold_span_us = 10'000;            // what "on screen" means for an instant
  double min_rate = 0.01, max_rate = 32;  // the talk file's range
};

struct PaceSegment {
  Time from_us = 0;  // up to the next segment's from_us (the last runs on forever)
  double rate = 1;
  enum class Why : uint8_t { Normal, FastForward, Hold, Speed } why = Why::Normal;
};

class PaceProfile {
 public:
  PaceProfile() = default;  // 1x everywhere
  // events: the step's journal (branch 0); end_us: its end; pauses_us: where
  // the player stops; speeds: the step's `speed` lines (later lines win).
  static PaceProfile build(const EventLog& events, Time end_us, const std::vector<Time>& pauses_us,
                           const std::vector<TalkSpeed>& speeds, const PaceOptions& options = {});
  // The same over events not in a journal (tests).
  static PaceProfile build(const std::vector<Event>& events, Time end_us, const std::vector<Time>& pauses_us,
                           const std::vector<TalkSpeed>& speeds, const PaceOptions& options = {}) {
    EventLog log;
    for (const Event& e : events) log.push_back(e);
    return build(log, end_us, pauses_us, speeds, options);
  }

  double rateAt(Time t_us) const;
  const PaceSegment& segmentAt(Time t_us) const;
  // Wall seconds to play from `from_us` to `to_us` (to >= from).
  double wallSeconds(Time from_us, Time to_us) const;
  // The virtual instant reached after playing wall_s seconds from from_us
  // (fractional microseconds, so that slow rates do not round to a stop).
  double advance(double from_us, double wall_s) const;

  const std::vector<PaceSegment>& segments() const { return segments_; }
  const std::vector<HeldItem>& held() const { return held_; }
  const PaceOptions& options() const { return options_; }

 private:
  size_t indexAt(double t_us) const;
  double us_per_s(double rate) const { return rate * double(options_.virtual_us_per_wall_s); }
  std::vector<PaceSegment> segments_{PaceSegment{}};
  std::vector<HeldItem> held_;
  PaceOptions options_;
};

// "⏩ 8×" while fast-forwarding, "🐢 0.1×" in slow motion, empty at 1x.
std::string paceText(double rate);

}  // namespace radeau

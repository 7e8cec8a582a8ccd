#include "app/render/frame.h"

#include <algorithm>

#include "core/time_index.h"
#include "replay/run.h"

namespace radeau::gui {

namespace {
bool anySafetyFinding(const Frame& f) {
  for (Seq s : f.state.findings)
    if (s < f.journal->size() && isSafetyFinding((*f.journal)[s].findingKind())) return true;
  return false;
}

// What a frame derives from its journal beyond the fold: the end signal (the
// ghosts are set by the caller: from the projection's index, or read afresh).
void derive(Frame& f, bool at_end) { f.no_violation = at_end && !anySafetyFinding(f); }
}  // namespace

Frame frameAt(const Run& run, int branch, Time t) {
  const Projection& proj = run.projection(branch);
  Frame f;
  f.config = &run.config();
  f.journal = &run.journal(branch);
  f.time_us = t;
  f.state = proj.stateAt(t);
  f.before = t >= kRecentUs ? proj.stateAt(t - kRecentUs) : proj.stateAfter(0);
  f.ghosts = proj.ghostsAfter(f.position());
  derive(f, t >= run.endTime(branch));
  return f;
}

const Event* Frame::latestFinding() const {
  if (!journal || state.findings.empty()) return nullptr;
  Seq s = state.findings.back();
  if (s >= journal->size()) return nullptr;
  latest_finding_ = (*journal)[s];
  return &*latest_finding_;
}

uint32_t Frame::longestIndex() const {
  uint32_t longest = 0;
  for (int i = 0; i < state.node_count; ++i) longest = std::max(longest, state.nodes[size_t(i)].lastIndex());
  for (const Ghost& g : ghosts) longest = std::max(longest, g.index);
  return longest;
}

Seq positionAt(const Journal& journal, Time t) {
  return eventsUpTo(journal, t);
}

Frame foldFrame(const ClusterConfig& config, const Journal& journal, Time t) {
  Frame f;
  f.config = &config;
  f.journal = &journal;
  f.time_us = t;
  f.before = fold(config, journal, positionAt(journal, t - kRecentUs));
  f.before.now_us = t - kRecentUs;
  f.state = f.before;
  Seq end = positionAt(journal, t);
  for (Seq i = f.state.applied; i < end; ++i) apply(f.state, journal[i], i);
  f.state.applied = std::max(f.state.applied, end);
  f.state.now_us = t;
  f.ghosts = ghostsAt(journal, f.position());
  derive(f, end >= journal.size());
  return f;
}

}  // namespace radeau::gui

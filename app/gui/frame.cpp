#include "app/gui/frame.h"

#include <algorithm>

#include "replay/run.h"

namespace radeau::gui {

Frame frameAt(const Run& run, int branch, Time t) {
  const Projection& proj = run.projection(branch);
  Frame f;
  f.config = &run.config();
  f.journal = &run.journal(branch);
  f.time_us = t;
  f.state = proj.stateAt(t);
  f.before = t >= kRecentUs ? proj.stateAt(t - kRecentUs) : proj.stateAfter(0);
  return f;
}

const Event* Frame::latestFinding() const {
  if (!journal || state.findings.empty()) return nullptr;
  Seq s = state.findings.back();
  return s < journal->size() ? &(*journal)[s] : nullptr;
}

Seq positionAt(const Journal& journal, Time t) {
  const auto& ev = journal.events();
  auto it = std::upper_bound(ev.begin(), ev.end(), t, [](Time x, const Event& e) { return x < e.time_us; });
  return Seq(it - ev.begin());
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
  return f;
}

}  // namespace radeau::gui

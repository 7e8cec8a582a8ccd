// History grows by one path: the checker sees the state before an event, the
// journal takes it, apply() folds it, the checker sees the state after, and
// each finding is recorded the same way at the same time. The simulator, the
// live merger and every check of a written journal (CLI, tests, fuzzing) go
// through here, so none can skip a step or take them in another order.
#pragma once

#include <vector>

#include "checker.h"
#include "config.h"
#include "journal.h"
#include "state.h"

namespace radeau {

class Recorder {
 public:
  // Appends `e` (at its own time) to `j`, folds it into `s`, then records the
  // findings it causes. Returns e's seq. `j` and `s` stay the caller's: the
  // simulator and the merger own them and read them everywhere.
  Seq record(Journal& j, ClusterState& s, const Event& e);
  // Appends an event of a journal being continued (Simulator::resume): its
  // findings are in that journal already, so only the checker's memory follows.
  Seq replay(Journal& j, ClusterState& s, const Event& e);
  // The same for an event already in the journal at `seq` (a prefix shared
  // with the journal being continued: Journal::sharePrefix).
  void replayShared(const Journal& j, ClusterState& s, Seq seq);
  // End of run: what the checker finds on `s` as it is (writes never
  // answered), at s.now_us. Not recorded: the caller decides.
  void finish(const ClusterState& s, std::vector<Event>& found);

  // The checker over a written journal from scratch, recording nothing: each
  // finding at the time of the event that caused it, then finish()'s.
  static std::vector<Event> check(const ClusterConfig& config, const Journal& j);

 private:
  // The path without the journal: checker before, apply, checker after.
  void fold(const Journal& j, ClusterState& s, const Event& e, Seq seq, std::vector<Event>& found);

  Checker checker_;
  std::vector<Event> scratch_;
};

}  // namespace radeau

// A run is a tree of branches. Branch 0 is the original timeline; acting in
// the past forks a new branch that shares the prefix up to that instant and
// continues in simulation from the projected state. Old futures stay.
//
// Every branch is a function of (config, scheduled inputs, its ancestry, its
// own actions, how far it was simulated): the scenario's scheduled inputs
// happen on every branch; a branch's own actions (Branch::actions) happen only
// on it and on branches forked from it after them. A branch's journal holds
// its prefix too, shared with its parent's (Journal::sharePrefix: the
// simulator continuing it owns its journal, not a copy of the prefix), so
// journal(id) is always complete; recording files store only what follows
// the fork. Branches are never "finished" (Simulator::finish is not called):
// they stay extendable; `radeau-cli check` adds the end-of-run findings.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/action.h"
#include "core/config.h"
#include "core/journal.h"
#include "core/simulator.h"
#include "replay/projection.h"

namespace radeau {

struct Branch {
  int id = 0;
  std::string name;              // automatic ("main", "branch 1"), renamable
  int parent = -1;               // -1 for the root
  Seq fork_seq = 0;              // events shared with the parent
  Time fork_time_us = 0;
  std::vector<Action> actions;   // inputs acted on this branch after the fork (time = when)
  Time end_us = 0;               // how far the branch has been simulated
};

class Run {
 public:
  // A new run from a configuration and scheduled inputs; simulated up to `until_us`.
  Run(ClusterConfig config, std::vector<Action> inputs, Time until_us);
  // The same, calling `progress` with the journal every `every` events or so
  // while it simulates (record packs the events already made meanwhile).
  using Progress = std::function<void(const Journal&)>;
  Run(ClusterConfig config, std::vector<Action> inputs, Time until_us, const Progress& progress, size_t every);
  // A run rebuilt by simulation from branch descriptions (id, parent, fork,
  // actions, end): what `verify` compares a recording with. Parents must come
  // before their children.
  Run(ClusterConfig config, std::vector<Action> inputs, Time until_us, std::vector<Branch> branches);
  // A run rebuilt from stored branches and their complete journals (recording
  // files): nothing is re-simulated. journals[i] belongs to branches[i].
  Run(ClusterConfig config, std::vector<Action> inputs, Time until_us, std::vector<Branch> branches,
      std::vector<Journal> journals);
  ~Run();
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  const ClusterConfig& config() const { return config_; }
  const std::vector<Action>& inputs() const { return inputs_; }
  Time until() const { return until_us_; }

  int branchCount() const { return int(slots_.size()); }
  const Branch& branch(int id) const;
  const Journal& journal(int id) const;    // the branch's whole journal, prefix included
  // Gives branch `id` checkpoints built beforehand from a prefix of its
  // journal and an equal configuration (loadRun): brought up to its end.
  void adoptProjection(int id, std::unique_ptr<Projection> projection);
  void renameBranch(int id, std::string name);
  const Projection& projection(int id) const;

  // Simulates branch `id` further up to time t (live running).
  void extend(int id, Time t);
  Time endTime(int id) const;  // how far branch `id` has been simulated
  // Simulates branch `id` by its next occurrence (a delivery, a timer, an
  // input): Step ▶ at the edge. False when nothing is pending, or the branch
  // follows an outside journal.
  bool stepOne(int id);
  // Acts on branch `id` at instant t. If t is before the branch's end, forks
  // a new branch at t and returns its id, unless the branch itself was made
  // at t by acting (or forking): then the action joins it, the branch is
  // re-simulated with both, and `id` is returned. Otherwise acts on `id`
  // itself (simulating up to t first) and returns id.
  int act(int id, Time t, const Action& action);
  // Forks branch `id` at instant t without acting: the new branch continues
  // the same inputs up to the parent's end (and so repeats its future).
  int fork(int id, Time t);

  // A stored branch that mirrors a journal growing elsewhere (a live cluster):
  // appends what `source` has beyond the branch's journal (whose prefix it must
  // be) and moves the branch's end to at least `end_us`. While followed,
  // extend() only moves the end (no simulation: the events come from outside).
  void follow(int id, const Journal& source, Time end_us);
  // Stops following: from now on the branch continues in simulation.
  void unfollow(int id);
  bool followed(int id) const;

  // Bytes held by the journals' storage, what branches share counted once.
  size_t journalBytes() const;
  // Bytes held in memory: journals plus the checkpoints built so far (on the first seek).
  size_t memoryBytes() const;

 private:
  struct Slot;
  Slot& slot(int id);
  const Slot& slot(int id) const;
  // Builds s.sim from its description and runs it to end_us (calling
  // `progress` every `every` events, when given).
  void simulate(Slot& s, const Progress* progress = nullptr, size_t every = 0);
  void ensureSimulator(Slot& s);     // a stored branch gets a simulator to continue
  int newBranch(int parent, Time t, const Action* action);
  std::string autoName() const;

  ClusterConfig config_;
  std::vector<Action> inputs_;
  Time until_us_ = 0;
  std::vector<std::unique_ptr<Slot>> slots_;
  int forks_named_ = 0;
};

}  // namespace radeau

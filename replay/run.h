// A run is a tree of branches. Branch 0 is the original timeline; acting in
// the past forks a new branch that shares the prefix up to that instant and
// continues in simulation from the projected state. Old futures stay.
#pragma once

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
  std::string name;              // automatic ("main", "branch 2"), renamable
  int parent = -1;               // -1 for the root
  Seq fork_seq = 0;              // events shared with the parent
  Time fork_time_us = 0;
  std::vector<Action> actions;   // inputs acted on this branch after the fork
};

class Run {
 public:
  // A new run from a configuration and scheduled inputs; simulated up to `until_us`.
  Run(ClusterConfig config, std::vector<Action> inputs, Time until_us);
  // A run rebuilt from stored branches (recording files); nothing is re-simulated.
  Run(ClusterConfig config, std::vector<Action> inputs, Time until_us, std::vector<Branch> branches);

  const ClusterConfig& config() const { return config_; }
  const std::vector<Action>& inputs() const { return inputs_; }
  Time until() const { return until_us_; }

  int branchCount() const { return int(branches_.size()); }
  const Branch& branch(int id) const;
  const Journal& journal(int id) const;    // the branch's whole journal, prefix included
  void renameBranch(int id, std::string name);
  const Projection& projection(int id) const;

  // Simulates branch `id` further up to time t (live running).
  void extend(int id, Time t);
  Time endTime(int id) const;  // how far branch `id` has been simulated
  // Acts on branch `id` at instant t. If t is before the branch's end, forks
  // a new branch at t and returns its id; otherwise acts on `id` itself.
  int act(int id, Time t, const Action& action);

 private:
  // Private members are the implementer's choice.
};

}  // namespace radeau

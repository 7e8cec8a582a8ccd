// Random fault schedules: one seed gives one scenario (network, crashes,
// restarts, partitions, writes), run with the checker on. Used by
// `radeau-cli soak`, the soak test and the ladder mutation test.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "action.h"
#include "config.h"

namespace radeau {

struct SoakOptions {
  int nodes = 5;
  Concepts concepts = Concepts::full();
  Time duration_us = 4'000'000;
  // Clients also read the keys just written (rung 15). Off by default: the
  // reads' events shift every later draw, and the seeds other flags' searches
  // were measured on would change.
  bool reads = false;
  // Membership changes (rung 16): up to two spare nodes beside `nodes` (at
  // most 9 in all), and random adds and removes asked of the leader, one node
  // or two at once, from a stream of their own. Off by default, like reads.
  bool membership = false;
};

struct SoakRun {
  ClusterConfig config;
  std::vector<Action> actions;
  Time until_us = 0;
};

struct SoakResult {
  uint64_t seed = 0;
  size_t events = 0;
  std::vector<std::string> violations;  // safety findings, formatted
};

SoakRun soakSchedule(uint64_t seed, const SoakOptions& options);
SoakResult runSoak(uint64_t seed, const SoakOptions& options);
// The schedule as a scenario script that reproduces the run.
std::string soakScript(const SoakRun& run);

}  // namespace radeau

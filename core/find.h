// `radeau-cli find`: search random fault schedules (the soak's) until a
// safety finding appears, then shrink the failing schedule until removing
// or simplifying any single element makes the failure disappear. Qt-free and
// deterministic, with a progress callback and a cancel flag so the window
// can run it from a worker thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "event.h"
#include "soak.h"

namespace radeau {

struct FindOptions {
  SoakOptions soak;                       // nodes, rules, duration
  uint64_t seed = 1;                      // the first seed tried; attempt i uses seed+i
  uint64_t max_attempts = 1000;           // budget in attempts (deterministic)
  double max_seconds = 30.0;              // budget in wall time (0: none)
  std::optional<FindingKind> kind;        // the finding wanted; none: any safety finding
  // Called after each attempt of the search and each step of the shrinker.
  std::function<void(const std::string& phase, uint64_t done, uint64_t total)> progress;
  const std::atomic<bool>* cancel = nullptr;  // set to stop early
};

struct FindResult {
  bool found = false;
  bool cancelled = false;
  uint64_t seed = 0;          // the seed of the failing schedule
  uint64_t attempts = 0;
  FindingKind kind{};
  SoakRun run;                // the shrunk schedule
  size_t original_actions = 0;
  double search_seconds = 0;  // wall time to the first failure
  double shrink_seconds = 0;
};

// Does this schedule produce the wanted finding? (the oracle of the shrinker)
bool scheduleFails(const SoakRun& run, std::optional<FindingKind> kind, FindingKind* found = nullptr);
// Greedy delta debugging: the result still fails, and no single action removal keeps it failing.
SoakRun shrinkSchedule(SoakRun run, std::optional<FindingKind> kind, const FindOptions& options);
FindResult findFailure(const FindOptions& options);
// The result as a demonstration script with title, `expect finding KIND`, the rules and the seed.
std::string findScript(const FindResult& result, const std::string& rulesSpec);

}  // namespace radeau

// `radeau-cli find`: search random fault schedules (the soak's) until a
// safety finding appears, then shrink the failing schedule until removing
// or simplifying any single element makes the failure disappear: a simpler
// network, fewer actions (delta debugging), fewer nodes (any node, the ones
// after it renamed), writes named A, B, C, rounder and earlier times, a
// shorter run, and a final check that no single action can go. Qt-free and
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
  size_t original_nodes = 0;
  bool minimal = false;       // checked: removing any single action of `run` makes the failure disappear
  Time finding_us = 0;        // when `run` shows the finding
  std::string finding;        // the checker's words for it ("1.2s Michel and Sophie both lead term 3")
  double search_seconds = 0;  // wall time to the first failure
  double shrink_seconds = 0;
};

// Does this schedule produce the wanted finding (any safety finding when no
// kind)? The oracle of the shrinker; the run stops at the first such finding,
// whose kind, time and text it gives when asked.
bool scheduleFails(const SoakRun& run, std::optional<FindingKind> kind, FindingKind* found = nullptr,
                   Time* at_us = nullptr, std::string* text = nullptr);
// The schedule without node `gone`: its actions go, partitions lose it, and
// the nodes after it take the ids (and default names) before. Empty for one node.
std::optional<SoakRun> withoutNode(const SoakRun& run, NodeId gone);
// Shrinks a failing schedule: the result still fails (unless cancelled), and
// no single action removal keeps it failing.
SoakRun shrinkSchedule(const SoakRun& run, std::optional<FindingKind> kind, const FindOptions& options);
// Whether removing any single action of `run` makes the failure disappear.
bool isOneMinimal(const SoakRun& run, FindingKind kind);
FindResult findFailure(const FindOptions& options);
// The rules as the presenter says them: "full -entry-terms -current-term-commit"
// when they are full Raft less some flags, else the general spelling.
std::string rulesSpec(Concepts concepts);
// The flags of full Raft that `concepts` lacks: "entry-terms, current-term-commit".
std::string removedRules(Concepts concepts);
// The result as a demonstration script with title, `expect finding KIND`, the rules and the seed.
std::string findScript(const FindResult& result, const std::string& rulesSpec);

}  // namespace radeau

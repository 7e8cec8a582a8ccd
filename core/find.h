// `radeau-cli find`: search schedules until a safety finding appears, then
// shrink the failing schedule until removing
// or simplifying any single element makes the failure disappear: a simpler
// network, fewer actions (delta debugging), fewer nodes (any node, the ones
// after it renamed), writes named A, B, C, rounder and earlier times, a
// shorter run, and a final check that no single action can go. Qt-free and
// deterministic, with a progress callback and a cancel flag so the window
// can run it from a worker thread.
//
// Two searches, alone or interleaved (`--strategy`):
// - random: the soak's fault schedules, seed S, S+1, ...;
// - systematic: every small schedule up to a bound, by iterative deepening
//   over the number of choices. 3 nodes (fewer if asked), no loss, one
//   latency; a choice is one action at one instant after the previous
//   choice: just after one of the next messages is sent (`drop A B` drops
//   it in flight), or a while later; the actions are a write to a node, a
//   forced election timeout (which timer fires first), a crash or restart,
//   a link cut or healed (what is sent meanwhile is lost, then resent: held
//   back). The instants come from running the schedule so far, which the
//   core makes deterministic, and each candidate is an ordinary action list,
//   so the shrinker and the script are the same for both searches.
// Clients of rungs 14 and 15, where the rules let them break something:
// without client-sessions a client resends its latest write (the random
// schedules always resend a quarter of their writes, as the soak does);
// without read-index (with commit) clients read the key just written
// (systematic: every node is asked 100 and 400 ms after the last choice,
// probes the shrinker removes but for the one that shows the stale read),
// and a node can be isolated in one choice (a deposed leader that does not
// know it is the stale read's story). Clocks never drift: the lease's own
// failure (15d) is not searched for.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "event.h"
#include "language.h"
#include "soak.h"

namespace radeau {

enum class FindStrategy { Both, Systematic, Random };
// "both", "systematic", "random"; none for another word.
std::optional<FindStrategy> findStrategyFromName(const std::string& name);
const char* findStrategyName(FindStrategy strategy);

struct FindOptions {
  SoakOptions soak;                       // nodes, rules, duration
  uint64_t seed = 1;                      // random: attempt i uses seed+i; systematic: the timers' seed
  uint64_t max_attempts = 1000;           // budget in schedules run, both searches together (deterministic)
  double max_seconds = 30.0;              // budget in wall time (0: none)
  std::optional<FindingKind> kind;        // the finding wanted; none: any safety finding
  FindStrategy strategy = FindStrategy::Both;
  // Systematic: at most this many choices (the bound), and this many nodes at most.
  int systematic_depth = 4;
  int systematic_nodes = 3;
  // Both: first every schedule of up to this many choices (a few thousand
  // runs, a fraction of a second: their stories are the shortest), then this
  // many deeper ones for each random schedule (a random schedule of 5 nodes
  // and 6 s costs about as much as these small ones), in turn.
  int systematic_first_depth = 2;
  int systematic_per_random = 8;
  // Called after each attempt of the search and each step of the shrinker;
  // phase is "random", "systematic depth D" or "shrink".
  std::function<void(const std::string& phase, uint64_t done, uint64_t total)> progress;
  const std::atomic<bool>* cancel = nullptr;  // set to stop early
};

struct FindResult {
  bool found = false;
  bool cancelled = false;
  uint64_t seed = 0;          // the seed of the failing schedule (systematic: the timers' seed)
  uint64_t attempts = 0;      // schedules run, both searches together
  FindStrategy strategy = FindStrategy::Random;  // the search that found it
  int depth = 0;              // systematic: the number of choices of the failing schedule
  uint64_t candidate = 0;     // systematic: its rank in the enumeration (1 = the first)
  bool exhausted = false;     // not found: the systematic space up to its bound was explored in full
  int systematic_depth = 0;   // not found: the deepest bound explored in full
  int nodes_option = 5;       // the nodes asked for (for the command that finds it again)
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

// Which client actions the search generates for these options: reads (and
// an isolated leader) when the rules lack read-index but have commit, or a
// stale read is asked for; resends when they lack client-sessions or an
// applied-twice is asked for. Elsewhere they cannot break what the checker
// sees (full Raft's soak stays clean with them), and the trees stay small.
bool searchReads(const FindOptions& options);
bool searchResends(const FindOptions& options);
// The random search's schedule `seed`: the soak's, with reads when
// searchReads.
SoakRun findRandomSchedule(uint64_t seed, const FindOptions& options);
// Does this schedule produce the wanted finding (any safety finding when no
// kind)? The oracle of the shrinker; the run stops at the first such finding,
// whose kind, time and text it gives when asked.
bool scheduleFails(const SoakRun& run, std::optional<FindingKind> kind, FindingKind* found = nullptr,
                   Time* at_us = nullptr, std::string* text = nullptr, Language language = Language::English);
// The systematic search's schedules, in the order it runs them: depth 1,
// then 2, ... up to `max_depth` choices. Deterministic; resumable, so the
// window and `--strategy both` can interleave it with the random search.
class SystematicSchedules {
 public:
  explicit SystematicSchedules(const FindOptions& options);
  // The next candidate, or none when the bound is reached (or nothing is left).
  std::optional<SoakRun> next();
  int depth() const { return depth_; }
  uint64_t rank() const { return rank_; }
  int exploredDepth() const { return explored_; }  // the deepest bound explored in full
  const ClusterConfig& config() const { return base_; }
  // The choices after the schedule `prefix` (public for the tests).
  std::vector<Action> choices(const std::vector<Action>& prefix) const;

 private:
  struct Level {
    std::vector<Action> choices;
    size_t index = 0;
  };
  bool fillDown();
  SoakRun candidate() const;

  ClusterConfig base_;
  int max_depth_;
  bool reads_ = false, resends_ = false;
  int depth_ = 0, explored_ = 0;
  uint64_t rank_ = 0, leaves_ = 0;
  bool started_ = false, done_ = false;
  std::vector<Level> levels_;
  std::vector<Action> prefix_;
};
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
// The result as a demonstration script with title, `expect finding KIND`, the
// rules, the seed and the command that finds it again; its comments and title
// in `language` (the window's), the script's keywords always in English.
std::string findScript(const FindResult& result, const std::string& rulesSpec,
                       Language language = Language::English);

}  // namespace radeau

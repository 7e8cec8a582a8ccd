// The demonstrations of the concept ladder (../shared/CHAPTERS.md): one
// scenario script per demonstration under recordings/scenarios/, with its
// rung, whether it shows the algorithm failing (❌), working (✅) or working at
// a visible cost (⚠️), and what the audience sees. `radeau-cli chapters` prints
// this table; tests/test_ladder.cpp checks it against the folder and runs
// every script.
//
// Also: for every flag of full Raft, what removing it does (the ladder
// mutation test, tests/test_mutation.cpp, checks the safety claims).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "concepts.h"

namespace radeau {

enum class Outcome : uint8_t {
  Fails,  // ❌ the checker flags what the audience should see
  Works,  // ✅ the checker finds nothing
  Costs,  // ⚠️ it works (no finding), but a cost shows (e.g. entries per logRequest)
  // ✅ for the rung's own problem, while the checker still flags one that a
  // later rung solves (09c: the logs agree, but the old leader's acknowledged
  // writes go; `commit` fixes that). The script names that finding with
  // `expect finding`, the talk stops at it and says which rung fixes it.
  Leaves,
};

std::string_view outcomeMark(Outcome o);  // "❌", "✅", "⚠️", "✅❌"
std::string_view outcomeName(Outcome o);  // "fails", "works", "costs", "leaves" (the scripts' `# outcome:` line)
std::optional<Outcome> outcomeFromName(std::string_view name);

struct Demonstration {
  int chapter;                // rung of CHAPTERS.md (chapters() in concepts.h)
  std::string_view file;      // under recordings/scenarios/
  Outcome outcome;
  std::string_view summary;   // one line: what the audience sees
};

// In ladder order.
const std::vector<Demonstration>& demonstrations();

// The folder of the scripts, relative to the repository root.
inline constexpr std::string_view kScenarioFolder = "recordings/scenarios";

enum class FlagRole : uint8_t {
  Safety,    // full Raft without it violates safety (soak finds it)
  Liveness,  // only availability suffers
  Cost,      // only the cost (messages, entries) grows
  None,      // no effect on full Raft (another flag takes its place)
};

struct FlagMutation {
  Concept flag;
  std::string_view spec;     // what to soak: "full -FLAG" plus what validation requires
  FlagRole role;
  std::string_view without;  // how its absence shows, in the presenter's words
  std::string_view soak_options = {};  // the soak's faults it needs: "--reads", "--membership"
};

// Every flag of full Raft.
const std::vector<FlagMutation>& flagMutations();
std::string_view flagRoleName(FlagRole r);  // "safety", "liveness", "cost", "none"

}  // namespace radeau

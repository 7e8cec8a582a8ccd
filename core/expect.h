// Expectations a demonstration script states about its outcome (`expect ...`
// lines), checked against the finished run: this is how `radeau-cli run`
// says whether the demonstrated outcome happened, and how the ladder tests
// assert the author's ❌ and ✅.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "journal.h"
#include "state.h"

namespace radeau {

struct ExpectationResult {
  std::string text;    // the expectation as written
  bool met = false;
  std::string detail;  // what was observed, in the presenter's words
  size_t at = std::string::npos;  // "cannot check": the byte of the text where reading failed
};

// Why `text` cannot be read as an expectation on `config`'s cluster, and the
// byte of `text` where; nullopt when it reads. parseScenario calls this.
struct ExpectationProblem {
  size_t byte = 0;
  std::string message;
};
std::optional<ExpectationProblem> expectationProblem(std::string_view text, const ClusterConfig& config);

// Errors in an expectation's syntax are reported as unmet with the reason in detail.
std::vector<ExpectationResult> checkExpectations(const std::vector<std::string>& expectations,
                                                 const ClusterConfig& config, const Journal& journal,
                                                 const ClusterState& final_state);

}  // namespace radeau

// `--branch B` for every command that takes one (radeau-cli state, render):
// one lookup, so they cannot disagree on what B means.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "replay/run.h"

namespace radeau {

// The branch named `spec`, else the branch numbered `spec` (a name wins: a
// branch may be renamed "2"). nullopt when neither.
std::optional<int> findBranch(const std::vector<std::string>& names, const std::string& spec);
// `0 "main", 1 "branch 1"`, names sanitized: for "no branch 'x' (branches: ...)".
std::string branchesList(const std::vector<std::string>& names);

std::vector<std::string> branchNames(const Run& run);
std::vector<std::string> branchNames(const std::vector<Branch>& branches);

}  // namespace radeau

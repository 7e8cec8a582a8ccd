#include "replay/branch_lookup.h"

#include "core/sanitize.h"

namespace radeau {

std::optional<int> findBranch(const std::vector<std::string>& names, const std::string& spec) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == spec) return int(i);
  // At most 5 digits: stoi cannot overflow, and no run has 100000 branches.
  if (!spec.empty() && spec.size() < 6 && spec.find_first_not_of("0123456789") == std::string::npos) {
    const int id = std::stoi(spec);
    if (id < int(names.size())) return id;
  }
  return std::nullopt;
}

std::string branchesList(const std::vector<std::string>& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + std::to_string(i) + " \"" + sanitizeText(names[i]) + "\"";
  return s;
}

std::vector<std::string> branchNames(const Run& run) {
  std::vector<std::string> names;
  for (int i = 0; i < run.branchCount(); ++i) names.push_back(run.branch(i).name);
  return names;
}

std::vector<std::string> branchNames(const std::vector<Branch>& branches) {
  std::vector<std::string> names;
  for (const Branch& b : branches) names.push_back(b.name);
  return names;
}

}  // namespace radeau

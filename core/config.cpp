#include "config.h"

namespace radeau {

std::optional<NodeId> ClusterConfig::nodeByName(std::string_view name) const {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return NodeId(i);
  return std::nullopt;
}

const std::vector<std::string>& defaultNodeNames() {
  static const std::vector<std::string> names = {"Michel", "Jean-Pierre", "Sophie", "Paul", "Luc",
                                                 "Chantal", "Bernard", "Nathalie", "Thierry"};
  return names;
}

std::vector<std::string> defaultNames(int count) {
  const auto& all = defaultNodeNames();
  return std::vector<std::string>(all.begin(), all.begin() + count);
}

}  // namespace radeau

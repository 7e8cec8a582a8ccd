#include "config.h"

#include <algorithm>

#include "format.h"
#include "limits.h"

namespace radeau {

std::optional<NodeId> ClusterConfig::nodeByName(std::string_view name) const {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return NodeId(i);
  return std::nullopt;
}

std::string timingValueProblem(Time us) {
  if (us < 0) return "a timing value cannot be negative, got " + formatTime(us);
  // Timers and delivery delays are stored in 32 bits (Event::dt_us): a larger
  // value would silently wrap, e.g. 4296s into a 131ms timer.
  if (us > limits::kMaxTimingUs)
    return "timing value " + formatTime(us) + " is too long (at most " + formatTime(limits::kMaxTimingUs) + ")";
  return {};
}

std::string timingProblem(const Timing& t) {
  for (Time v : {t.election_min_us, t.election_max_us, t.heartbeat_us, t.latency_min_us, t.latency_max_us})
    if (std::string why = timingValueProblem(v); !why.empty()) return why;
  if (t.election_min_us > t.election_max_us || t.latency_min_us > t.latency_max_us || t.heartbeat_us <= 0)
    return "inconsistent timing (a minimum above its maximum or no heartbeat)";
  return {};
}

std::string durationProblem(Time until_us) {
  if (until_us < 0) return "a run cannot end before it starts, got " + formatTime(until_us);
  if (until_us > limits::kMaxDurationUs)
    return "a run of " + formatTime(until_us) + " is too long (at most " + formatTime(limits::kMaxDurationUs) + ")";
  return {};
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

namespace radeau {

std::vector<std::string> initWriteTexts(const ClusterConfig& c) {
  std::vector<std::string> out;
  for (const auto& init : c.init) {
    if (!init) continue;
    for (const std::string& t : init->log_texts)
      if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return out;
}

uint32_t initWriteId(const ClusterConfig& c, const std::string& text) {
  if (text.empty()) return 0;
  const auto texts = initWriteTexts(c);
  auto it = std::find(texts.begin(), texts.end(), text);
  return it == texts.end() ? 0 : uint32_t(it - texts.begin()) + 1;
}

}  // namespace radeau

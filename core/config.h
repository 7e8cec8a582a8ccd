// What a run starts from: the cluster, its rules, its timing, its network and
// the seed. Together with the list of scheduled actions this fixes the
// journal byte for byte.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "concepts.h"
#include "event.h"

namespace radeau {

struct Timing {
  Time election_min_us = 150'000;
  Time election_max_us = 300'000;
  Time heartbeat_us = 50'000;
  Time latency_min_us = 10'000;
  Time latency_max_us = 20'000;
  uint32_t snapshot_entries = 8;  // with `snapshots`: compact once this many applied entries are not yet in a snapshot
  // Each node's clock rate, per mille of real time: 1000 keeps time, 1500
  // runs 1.5 times fast (its timeouts end sooner). Only a lease cares (rung 15).
  std::array<uint16_t, kMaxNodes> clock_permille = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
  bool clocksDrift() const {
    for (uint16_t p : clock_permille)
      if (p != 1000) return true;
    return false;
  }
};
inline constexpr uint16_t kMinClockPermille = 100, kMaxClockPermille = 10'000;

// A duration `us` measured by node n's clock, in real (simulated) time.
inline Time localToReal(Time us, const Timing& t, NodeId n) {
  const uint16_t rate = n < kMaxNodes && t.clock_permille[n] > 0 ? t.clock_permille[n] : 1000;
  return rate == 1000 ? us : us * 1000 / rate;
}

struct NetworkFaults {
  double loss = 0.0;       // probability that a message is lost
  double duplicate = 0.0;  // probability that a message is delivered twice
};

// Persisted state a node has at time 0 (the script's `init` line).
struct InitialNodeState {
  uint32_t term = 0;
  NodeId voted_for = kNoNode;
  std::vector<uint32_t> log_terms;  // one entry per term given
  // The client text of each entry ("x=1"), "" for none (a no-op); empty when
  // no entry has one. Figure 8 and rung 9 show values, not "no-op" (issue 12).
  std::vector<std::string> log_texts;
};

struct ClusterConfig {
  std::vector<std::string> names;  // 1..9 unique names
  Concepts concepts = Concepts::full();
  uint64_t seed = 1;
  Timing timing;
  NetworkFaults network;
  std::vector<std::optional<InitialNodeState>> init;  // per node, or empty
  // The initial configuration (rung 16), a bit per node; 0: every node. The
  // others are spares: running, empty, outside it until a change adds them.
  uint16_t members = 0;

  int nodeCount() const { return int(names.size()); }
  uint16_t initialMembers() const {
    const uint16_t all = uint16_t((1u << names.size()) - 1);
    return members != 0 ? uint16_t(members & all) : all;
  }
  std::optional<NodeId> nodeByName(std::string_view name) const;
};

// The distinct texts of the `init` entries, in order of first appearance
// (node by node, then index): they take write ids 1..size() before any client
// write. Such a write was never asked for nor answered (WriteStatus::Given).
std::vector<std::string> initWriteTexts(const ClusterConfig& c);
// The write id of an init entry's text (0 for none: a no-op).
uint32_t initWriteId(const ClusterConfig& c, const std::string& text);

// Bounds on time from an input (limits.h), one place for the script parser,
// the CLI and the recording reader. Each returns empty when the value is fine,
// otherwise the reason, ready to follow a location.
std::string timingValueProblem(Time us);      // one election/heartbeat/latency value
std::string timingProblem(const Timing& t);   // all of them, and their order
std::string durationProblem(Time until_us);   // a run's length or end

// The default French first names, the author's idea: Michel and Jean-Pierre first.
const std::vector<std::string>& defaultNodeNames();  // 9 names
std::vector<std::string> defaultNames(int count);

}  // namespace radeau

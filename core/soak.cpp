#include "soak.h"

#include <algorithm>

#include "format.h"
#include "rng.h"
#include "script.h"
#include "simulator.h"

namespace radeau {

SoakRun soakSchedule(uint64_t seed, const SoakOptions& o) {
  Prng r(seed);
  SoakRun run;
  ClusterConfig& c = run.config;
  c.names = defaultNames(o.nodes);
  c.concepts = o.concepts;
  c.seed = seed;
  c.timing.election_min_us = 150'000;
  c.timing.election_max_us = 300'000;
  c.timing.heartbeat_us = 50'000;
  c.timing.latency_min_us = r.range(1'000, 10'000);
  // Some runs have latency spikes: messages slower than the election timeout.
  c.timing.latency_max_us = c.timing.latency_min_us + (r.chance(0.3) ? r.range(100'000, 400'000) : r.range(0, 20'000));
  c.network.loss = r.chance(0.5) ? double(r.range(0, 150)) / 1000.0 : 0.0;
  c.network.duplicate = r.chance(0.3) ? double(r.range(0, 100)) / 1000.0 : 0.0;

  std::vector<bool> down(size_t(o.nodes), false);
  int writes = 0;
  Time t = r.range(100'000, 400'000);
  auto node = [&] { return NodeId(r.range(0, o.nodes - 1)); };
  while (t < o.duration_us) {
    Action a;
    a.time_us = t;
    int pick = int(r.range(0, 99));
    if (pick < 45) {
      a.kind = ActionKind::Write;
      a.node = node();
      a.text = "w";  // appended: GCC 12 warns (-Wrestrict, falsely) about "w" + std::string
      a.text += std::to_string(++writes);
    } else if (pick < 57) {
      a.kind = ActionKind::Crash;
      a.node = node();
      down[a.node] = true;
    } else if (pick < 70) {
      a.kind = ActionKind::Restart;
      a.node = node();
      down[a.node] = false;
    } else if (pick < 76) {
      a.kind = ActionKind::Partition;
      std::vector<NodeId> left, right;
      for (int i = 0; i < o.nodes; ++i) (r.chance(0.5) ? left : right).push_back(NodeId(i));
      if (left.empty() || right.empty()) continue;
      a.groups = {left, right};
    } else if (pick < 84) {
      a.kind = ActionKind::HealAll;
    } else if (pick < 89) {
      a.kind = ActionKind::Cut;
      a.node = node();
      a.peer = node();
      if (a.node == a.peer) continue;
    } else if (pick < 92) {
      a.kind = ActionKind::Isolate;
      a.node = node();
    } else {
      a.kind = ActionKind::Timeout;
      a.node = node();
    }
    run.actions.push_back(a);
    t += r.range(20'000, 250'000);
  }
  // Clients that resend (rung 14): a quarter of the writes are sent again,
  // soon enough that the first copy may still be on its way or uncommitted,
  // to any node. An independent draw, so the rest of each seed's schedule is
  // what it was before resends existed.
  Prng rr(seed ^ 0x5E55'1045'C0FF'EE00ull);
  std::vector<Action> resends;
  for (const Action& w : run.actions) {
    if (w.kind != ActionKind::Write || !rr.chance(0.25)) continue;
    Action a;
    a.kind = ActionKind::Resend;
    a.time_us = w.time_us + rr.range(5'000, 300'000);
    a.node = NodeId(rr.range(0, o.nodes - 1));
    a.text = w.text;
    resends.push_back(a);
  }
  for (Action& a : resends) {
    auto it = std::upper_bound(run.actions.begin(), run.actions.end(), a.time_us,
                               [](Time t, const Action& x) { return t < x.time_us; });
    run.actions.insert(it, std::move(a));
  }
  // Clients also read the keys just written (rung 15), drawn from a stream of
  // their own so the faults and writes above stay what they were.
  Prng rd(seed ^ 0x5EAD5EAD5EAD5EADull);
  std::vector<Action> reads;
  size_t seen = 0;
  int written = 0;
  for (Time rt = rd.range(200'000, 500'000); o.reads && rt < o.duration_us; rt += rd.range(30'000, 300'000)) {
    for (; seen < run.actions.size() && run.actions[seen].time_us <= rt; ++seen)
      written += run.actions[seen].kind == ActionKind::Write;
    Action a;
    a.time_us = rt;
    a.kind = ActionKind::Read;
    a.node = NodeId(rd.range(0, o.nodes - 1));
    const int w = int(rd.range(std::max(1, written - 3), std::max(1, written)));
    a.text = "w";
    a.text += std::to_string(w);
    reads.push_back(a);
  }
  run.actions.insert(run.actions.end(), reads.begin(), reads.end());
  // Membership changes (rung 16): the faults above only touch the first
  // `nodes` nodes; the spares wait outside the configuration until a change
  // adds them. A change names one node, or two at once (what `membership`
  // forbids), to add or to remove, and is asked of the leader.
  if (o.membership) {
    const int total = std::min(kMaxNodes, o.nodes + 2);
    c.names = defaultNames(total);
    c.members = uint16_t((1u << o.nodes) - 1);
    Prng rm(seed ^ 0xC0F1'6C0F'16C0'F16Cull);
    for (Time mt = rm.range(300'000, 900'000); mt < o.duration_us; mt += rm.range(100'000, 700'000)) {
      Action a;
      a.time_us = mt;
      a.kind = rm.chance(0.55) ? ActionKind::AddNodes : ActionKind::RemoveNodes;
      const NodeId first = NodeId(rm.range(0, total - 1));
      a.groups = {{first}};
      if (rm.chance(0.35)) {
        const NodeId second = NodeId(rm.range(0, total - 1));
        if (second != first) a.groups[0].push_back(second);
      }
      run.actions.push_back(a);
    }
  }
  std::stable_sort(run.actions.begin(), run.actions.end(),
                   [](const Action& x, const Action& y) { return x.time_us < y.time_us; });
  // Let the cluster settle at the end: everything healed and up.
  Action heal;
  heal.time_us = o.duration_us;
  heal.kind = ActionKind::HealAll;
  run.actions.push_back(heal);
  for (int i = 0; i < c.nodeCount(); ++i) {
    Action up;
    up.time_us = o.duration_us;
    up.kind = ActionKind::Restart;
    up.node = NodeId(i);
    run.actions.push_back(up);
  }
  // A resend drawn late can fall after the settling: keep the list in time
  // order as a recording stores it (the simulator's order, which is a stable
  // sort by time, so the run itself is unchanged).
  std::stable_sort(run.actions.begin(), run.actions.end(),
                   [](const Action& x, const Action& y) { return x.time_us < y.time_us; });
  run.until_us = o.duration_us + 2'000'000;
  return run;
}

SoakResult runSoak(uint64_t seed, const SoakOptions& o) {
  SoakRun run = soakSchedule(seed, o);
  Simulator sim(run.config);
  sim.schedule(run.actions);
  sim.runUntil(run.until_us);
  SoakResult result;
  result.seed = seed;
  result.events = sim.journal().size();
  EventFormatter fmt(run.config, sim.journal());
  for (Seq f : sim.state().findings) {
    const Event& e = sim.journal()[f];
    if (isSafetyFinding(e.findingKind()))
      result.violations.push_back(formatTime(e.time_us) + " " + fmt.finding(e));
  }
  return result;
}

std::string soakScript(const SoakRun& run) {
  const ClusterConfig& c = run.config;
  std::string s = "# soak schedule, seed " + std::to_string(c.seed) + "\nnodes";
  for (const auto& n : c.names) s += " " + n;
  if (c.members != 0) {
    s += "\nmembers";
    for (size_t i = 0; i < c.names.size(); ++i)
      if (c.members & (1u << i)) s += " " + c.names[i];
  }
  s += "\nconcepts " + describeConcepts(c.concepts) + "\nseed " + std::to_string(c.seed) + "\n";
  s += "timing election " + formatDuration(c.timing.election_min_us) + ".." + formatDuration(c.timing.election_max_us) +
       " heartbeat " + formatDuration(c.timing.heartbeat_us) + " latency " + formatDuration(c.timing.latency_min_us) +
       ".." + formatDuration(c.timing.latency_max_us) + "\n";
  s += "network loss " + decimalText(c.network.loss, 3) + " duplicate " + decimalText(c.network.duplicate, 3) + "\n";
  for (const Action& a : run.actions) {
    // A single message has no script form: it only exists inside one run.
    if (a.kind != ActionKind::DropMessage) s += formatAction(a, c.names) + "\n";
  }
  s += "until " + formatDuration(run.until_us) + "\n";
  return s;
}

}  // namespace radeau

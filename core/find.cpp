#include "find.h"

#include <algorithm>
#include <chrono>

#include "concepts.h"
#include "finding_names.h"
#include "simulator.h"

namespace radeau {

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
bool cancelled(const FindOptions& o) { return o.cancel && o.cancel->load(); }

// The schedule without its last node: its actions go, partitions lose it.
std::optional<SoakRun> withoutLastNode(const SoakRun& run) {
  int n = int(run.config.names.size());
  if (n <= 1) return std::nullopt;
  NodeId last = NodeId(n - 1);
  SoakRun t = run;
  t.config.names.pop_back();
  t.actions.clear();
  for (Action a : run.actions) {
    if (a.node == last || a.peer == last) continue;
    if (a.kind == ActionKind::Partition) {
      for (auto& g : a.groups) g.erase(std::remove(g.begin(), g.end(), last), g.end());
      a.groups.erase(std::remove_if(a.groups.begin(), a.groups.end(), [](const auto& g) { return g.empty(); }), a.groups.end());
      if (a.groups.size() < 2) continue;
    }
    t.actions.push_back(a);
  }
  return t;
}
}  // namespace

bool scheduleFails(const SoakRun& run, std::optional<FindingKind> kind, FindingKind* found) {
  Simulator sim(run.config);
  sim.schedule(run.actions);
  sim.runUntil(run.until_us);
  for (Seq f : sim.state().findings) {
    FindingKind k = sim.journal()[f].findingKind();
    if (kind ? k == *kind : isSafetyFinding(k)) {
      if (found) *found = k;
      return true;
    }
  }
  return false;
}

SoakRun shrinkSchedule(SoakRun run, std::optional<FindingKind> kind, const FindOptions& o) {
  uint64_t steps = 0;
  auto fails = [&](const SoakRun& r) {
    ++steps;
    if (o.progress) o.progress("shrink", steps, 0);
    return scheduleFails(r, kind);
  };
  // Fewer nodes first: every later step is cheaper and the story shorter.
  while (!cancelled(o)) {
    auto t = withoutLastNode(run);
    if (!t || !fails(*t)) break;
    run = std::move(*t);
  }
  bool changed = true;
  while (changed && !cancelled(o)) {
    changed = false;
    // Delta debugging over actions: remove chunks, halving their size down to one action.
    for (size_t chunk = std::max<size_t>(1, run.actions.size() / 2); chunk >= 1 && !cancelled(o); chunk /= 2) {
      for (size_t i = 0; i < run.actions.size() && !cancelled(o);) {
        SoakRun t = run;
        size_t n = std::min(chunk, t.actions.size() - i);
        t.actions.erase(t.actions.begin() + long(i), t.actions.begin() + long(i + n));
        if (fails(t)) {
          run = std::move(t);
          changed = true;
        } else {
          i += n;
        }
      }
      if (chunk == 1) break;
    }
    // Simpler network: no loss, no duplication, no latency spread.
    auto tryConfig = [&](auto edit) {
      SoakRun t = run;
      edit(t.config);
      if (t.config.timing.latency_max_us == run.config.timing.latency_max_us && t.config.network.loss == run.config.network.loss &&
          t.config.network.duplicate == run.config.network.duplicate && t.config.timing.latency_min_us == run.config.timing.latency_min_us)
        return;
      if (fails(t)) { run = std::move(t); changed = true; }
    };
    tryConfig([](ClusterConfig& c) { c.network.loss = 0; });
    tryConfig([](ClusterConfig& c) { c.network.duplicate = 0; });
    tryConfig([](ClusterConfig& c) { c.timing.latency_max_us = c.timing.latency_min_us; });
    tryConfig([](ClusterConfig& c) { c.timing.latency_min_us = 5'000; c.timing.latency_max_us = std::max<Time>(c.timing.latency_max_us, 5'000); });
    // Rounder times: each action at a multiple of 100 ms (then of 1 s), earlier.
    for (Time grain : {Time(1'000'000), Time(100'000)}) {
      for (size_t i = 0; i < run.actions.size() && !cancelled(o); ++i) {
        Time r = run.actions[i].time_us / grain * grain;
        if (r == run.actions[i].time_us) continue;
        SoakRun t = run;
        t.actions[i].time_us = r;
        std::stable_sort(t.actions.begin(), t.actions.end(), [](const Action& a, const Action& b) { return a.time_us < b.time_us; });
        if (fails(t)) { run = std::move(t); changed = true; }
      }
    }
    // A shorter run: stop one second after the last action, if the finding is there by then.
    Time last = 0;
    for (const Action& a : run.actions) last = std::max(last, a.time_us);
    Time shorter = (last / 1'000'000 + 2) * 1'000'000;
    if (shorter < run.until_us) {
      SoakRun t = run;
      t.until_us = shorter;
      if (fails(t)) { run = std::move(t); changed = true; }
    }
  }
  return run;
}

FindResult findFailure(const FindOptions& o) {
  FindResult result;
  auto start = Clock::now();
  for (uint64_t i = 0; i < o.max_attempts; ++i) {
    if (cancelled(o) || (o.max_seconds > 0 && since(start) > o.max_seconds)) {
      result.cancelled = cancelled(o);
      break;
    }
    uint64_t seed = o.seed + i;
    result.attempts = i + 1;
    if (o.progress) o.progress("search", i + 1, o.max_attempts);
    SoakRun run = soakSchedule(seed, o.soak);
    FindingKind k{};
    if (!scheduleFails(run, o.kind, &k)) continue;
    result.found = true;
    result.seed = seed;
    result.kind = k;
    result.original_actions = run.actions.size();
    result.search_seconds = since(start);
    auto shrinkStart = Clock::now();
    // Shrink towards the kind first found, so the story keeps one finding.
    result.run = shrinkSchedule(std::move(run), k, o);
    result.cancelled = cancelled(o);
    result.shrink_seconds = since(shrinkStart);
    return result;
  }
  result.search_seconds = since(start);
  return result;
}

std::string findScript(const FindResult& r, const std::string& rulesSpec) {
  std::string kind(findingKindName(r.kind));
  std::string s = "# Found by: radeau-cli find --concepts \"" + rulesSpec + "\" --seed " + std::to_string(r.seed) +
                  " --budget 1\n# The schedule of seed " + std::to_string(r.seed) + ", shrunk from " +
                  std::to_string(r.original_actions) + " to " + std::to_string(r.run.actions.size()) +
                  " actions: without the rules \"" + rulesSpec + "\" takes away, it shows " + kind + ".\n";
  s += "title " + rulesSpec + ": " + kind + " (found by search, seed " + std::to_string(r.seed) + ")\n";
  s += "expect finding " + kind + "\n";
  std::string body = soakScript(r.run);
  s += body.substr(body.find('\n') + 1);  // soakScript's own header comment replaced by the above
  return s;
}

}  // namespace radeau

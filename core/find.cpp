#include "find.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "concepts.h"
#include "finding_names.h"
#include "format.h"
#include "simulator.h"

namespace radeau {

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
bool cancelled(const FindOptions& o) { return o.cancel && o.cancel->load(); }

constexpr Time kMs = 1'000;
constexpr Time kStep = 100 * kMs;  // a run is checked for the finding every 100 ms of simulated time

void sortByTime(std::vector<Action>& actions) {
  std::stable_sort(actions.begin(), actions.end(),
                   [](const Action& a, const Action& b) { return a.time_us < b.time_us; });
}

// A resend whose write is gone does nothing in a run, and has no script form
// (`resend` names an earlier write): it goes with its write.
void dropOrphanResends(std::vector<Action>& actions) {
  std::set<std::string> written;
  std::erase_if(actions, [&](const Action& a) {
    if (a.kind == ActionKind::Write) written.insert(a.text);
    return a.kind == ActionKind::Resend && !written.count(a.text);
  });
}

SoakRun without(const SoakRun& run, size_t begin, size_t end) {
  SoakRun t = run;
  t.actions.erase(t.actions.begin() + std::ptrdiff_t(begin), t.actions.begin() + std::ptrdiff_t(end));
  dropOrphanResends(t.actions);
  return t;
}

// The shrinker's steps over one failing schedule; each keeps a change only
// when the run still shows the same kind of finding.
class Shrinker {
 public:
  Shrinker(std::optional<FindingKind> kind, const FindOptions& o) : kind_(kind), o_(o) {}

  // Each step only removes or simplifies, so the order decides which local
  // minimum is reached: two orders are tried and the smaller result kept
  // (fewer actions, then fewer nodes, then a shorter run).
  SoakRun shrink(const SoakRun& run) {
    // A simpler network first: without loss, duplication and latency spread
    // there are fewer random draws, so removing an action shifts less of
    // what follows and more actions can go.
    SoakRun a = run;
    simplerNetwork(a);
    ddmin(a);  // the other steps run faster on fewer actions
    fewerNodes(a);
    fixpoint(a);
    // Fewer nodes first: the cluster's own elections may carry the story.
    SoakRun b = run;
    fewerNodes(b);
    fixpoint(b);
    const auto size = [](const SoakRun& r) { return std::tuple(r.actions.size(), r.config.names.size(), r.until_us); };
    return size(b) < size(a) ? b : a;
  }

 private:
  // Every step again, until none changes anything: then no single action can go.
  void fixpoint(SoakRun& run) {
    bool changed = true;
    while (changed && !cancelled(o_)) {
      changed = false;
      changed |= ddmin(run);
      changed |= fewerNodes(run);
      changed |= simplerNetwork(run);
      changed |= plainWrites(run);
      changed |= roundTimes(run);
      changed |= shorterRun(run);
    }
  }

  bool fails(const SoakRun& r) {
    if (cancelled(o_)) return false;
    ++steps_;
    if (o_.progress) o_.progress("shrink", steps_, 0);
    return scheduleFails(r, kind_);
  }
  bool keep(SoakRun& run, SoakRun t) {
    if (!fails(t)) return false;
    run = std::move(t);
    return true;
  }

  // Delta debugging over the actions: remove chunks, halving their size,
  // down to single actions, until no single action can go.
  bool ddmin(SoakRun& run) {
    bool any = false;
    size_t chunk = std::max<size_t>(1, run.actions.size() / 2);
    while (!run.actions.empty() && !cancelled(o_)) {
      bool removed = false;
      for (size_t begin = 0; begin < run.actions.size() && !cancelled(o_);) {
        size_t end = std::min(run.actions.size(), begin + chunk);
        if (keep(run, without(run, begin, end)))
          removed = true;
        else
          begin = end;
      }
      any |= removed;
      if (chunk == 1 && !removed) break;
      if (!removed) chunk = std::max<size_t>(1, chunk / 2);
    }
    return any;
  }

  // Fewer nodes: any node may go (the last first), the ones after it renamed.
  bool fewerNodes(SoakRun& run) {
    bool any = false;
    for (bool removed = true; removed && run.config.names.size() > 1 && !cancelled(o_);) {
      removed = false;
      for (size_t k = run.config.names.size(); k-- > 0 && !removed;) {
        auto t = withoutNode(run, NodeId(k));
        removed = t && keep(run, std::move(*t));
      }
      any |= removed;
    }
    return any;
  }

  // No loss, no duplication, one short latency, round latencies, where not needed.
  bool simplerNetwork(SoakRun& run) {
    const auto key = [](const ClusterConfig& c) {
      return std::tuple(c.network.loss, c.network.duplicate, c.timing.latency_min_us, c.timing.latency_max_us);
    };
    bool any = false;
    auto attempt = [&](auto edit) {
      SoakRun t = run;
      edit(t.config);
      if (key(t.config) != key(run.config)) any |= keep(run, std::move(t));
    };
    attempt([](ClusterConfig& c) { c.network.loss = 0; });
    attempt([](ClusterConfig& c) { c.network.duplicate = 0; });
    attempt([](ClusterConfig& c) { c.timing.latency_min_us = c.timing.latency_max_us = 10 * kMs; });
    attempt([](ClusterConfig& c) { c.timing.latency_max_us = c.timing.latency_min_us; });
    attempt([](ClusterConfig& c) {
      c.timing.latency_min_us = std::max<Time>(kMs, c.timing.latency_min_us / kMs * kMs);
      c.timing.latency_max_us = std::max(c.timing.latency_min_us, c.timing.latency_max_us / (10 * kMs) * (10 * kMs));
    });
    return any;
  }

  // Client writes named A, B, C... in order of time, as the talk names them.
  bool plainWrites(SoakRun& run) {
    SoakRun t = run;
    int n = 0;
    std::map<std::string, std::string> renamed;  // a resend follows its write's new name
    for (Action& a : t.actions)
      if (a.kind == ActionKind::Write) {
        int i = n++;
        std::string text = std::string(1, char('A' + i % 26));
        if (i >= 26) text += std::to_string(i / 26);  // A1, B1...
        renamed[a.text] = text;
        a.text = text;
      } else if (a.kind == ActionKind::Resend && renamed.count(a.text)) {
        a.text = renamed[a.text];
      }
    return t.actions != run.actions && keep(run, std::move(t));
  }

  // Earlier and rounder times: each action, in order, takes the roundest time
  // no later than its own that keeps the failure (multiples of 1 s, 500, 100,
  // 50 and 10 ms, just after the previous action or just before its own).
  bool roundTimes(SoakRun& run) {
    bool any = false;
    for (size_t i = 0; i < run.actions.size() && !cancelled(o_); ++i) {
      const Time t = run.actions[i].time_us;
      const Time prev = i ? run.actions[i - 1].time_us : 0;
      std::vector<Time> candidates;
      for (Time g : {1'000 * kMs, 500 * kMs, 100 * kMs, 50 * kMs, 10 * kMs}) {
        Time up = (prev + g - 1) / g * g;  // the first multiple at or after the previous action
        if (up < t) candidates.push_back(up);
        Time down = t / g * g;
        if (down >= prev && down < t) candidates.push_back(down);
      }
      for (Time c : candidates) {
        SoakRun s = run;
        s.actions[i].time_us = c;
        sortByTime(s.actions);
        if (keep(run, std::move(s))) {
          any = true;
          break;
        }
      }
    }
    return any;
  }

  // The run ends a little after the finding (and the last action), on a round time.
  bool shorterRun(SoakRun& run) {
    Time at = 0;
    if (cancelled(o_) || !scheduleFails(run, kind_, nullptr, &at)) return false;
    Time last = run.actions.empty() ? 0 : run.actions.back().time_us;
    if (kind_ && !isSafetyFinding(*kind_)) at = last;  // found when the run ends: any end after the last action
    Time until = (std::max(at, last) + 500 * kMs) / (500 * kMs) * (500 * kMs) + 500 * kMs;
    if (until >= run.until_us) return false;
    SoakRun t = run;
    t.until_us = until;
    return keep(run, std::move(t));
  }

  std::optional<FindingKind> kind_;
  const FindOptions& o_;
  uint64_t steps_ = 0;
};
}  // namespace

bool scheduleFails(const SoakRun& run, std::optional<FindingKind> kind, FindingKind* found, Time* at_us,
                   std::string* text) {
  Simulator sim(run.config);
  sim.schedule(run.actions);
  size_t seen = 0;
  auto look = [&] {
    const auto& findings = sim.state().findings;
    for (; seen < findings.size(); ++seen) {
      const Event& e = sim.journal()[findings[seen]];
      FindingKind k = e.findingKind();
      if (!(kind ? k == *kind : isSafetyFinding(k))) continue;
      if (found) *found = k;
      if (at_us) *at_us = e.time_us;
      if (text) *text = formatTime(e.time_us) + " " + EventFormatter(run.config, sim.journal()).finding(e);
      return true;
    }
    return false;
  };
  // Stops at the first finding: a shrink step's run is mostly a failing prefix.
  for (Time t = std::min(run.until_us, kStep);; t = std::min(run.until_us, t + kStep)) {
    sim.runUntil(t);
    if (look()) return true;
    if (t >= run.until_us) break;
  }
  // Writes never answered are found when the run ends (as `radeau-cli run` does).
  if (kind && !isSafetyFinding(*kind)) {
    sim.finish();
    return look();
  }
  return false;
}

std::optional<SoakRun> withoutNode(const SoakRun& run, NodeId gone) {
  const int n = run.config.nodeCount();
  if (n <= 1 || gone >= NodeId(n)) return std::nullopt;
  SoakRun t = run;
  // Default names stay the default ones (Michel, Jean-Pierre, Sophie...).
  if (run.config.names == defaultNames(n))
    t.config.names = defaultNames(n - 1);
  else
    t.config.names.erase(t.config.names.begin() + gone);
  if (size_t(gone) < t.config.init.size()) t.config.init.erase(t.config.init.begin() + gone);
  auto renumber = [gone](NodeId id) { return id != kNoNode && id > gone ? NodeId(id - 1) : id; };
  t.actions.clear();
  for (Action a : run.actions) {
    if (a.node == gone || a.peer == gone) continue;
    a.node = renumber(a.node);
    a.peer = renumber(a.peer);
    if (a.kind == ActionKind::Partition) {
      for (auto& g : a.groups) {
        g.erase(std::remove(g.begin(), g.end(), gone), g.end());
        for (NodeId& id : g) id = renumber(id);
      }
      a.groups.erase(std::remove_if(a.groups.begin(), a.groups.end(), [](const auto& g) { return g.empty(); }),
                     a.groups.end());
      if (a.groups.size() < 2) continue;
    }
    t.actions.push_back(a);
  }
  dropOrphanResends(t.actions);
  return t;
}

SoakRun shrinkSchedule(const SoakRun& run, std::optional<FindingKind> kind, const FindOptions& o) {
  return Shrinker(kind, o).shrink(run);
}

bool isOneMinimal(const SoakRun& run, FindingKind kind) {
  for (size_t i = 0; i < run.actions.size(); ++i)
    if (scheduleFails(without(run, i, i + 1), kind)) return false;
  return true;
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
    result.original_nodes = size_t(run.config.nodeCount());
    result.run = shrinkSchedule(std::move(run), k, o);
    result.cancelled = cancelled(o);
    // The re-check: the shrunk run still fails, and no single action can go.
    if (!result.cancelled)
      result.minimal =
          scheduleFails(result.run, k, nullptr, &result.finding_us, &result.finding) && isOneMinimal(result.run, k);
    result.shrink_seconds = since(shrinkStart);
    return result;
  }
  result.search_seconds = since(start);
  return result;
}

std::string rulesSpec(Concepts c) {
  std::string spec = "full", error;
  const Concepts full = Concepts::full();
  for (int i = 0; i < kConceptCount; ++i)
    if (full.has(Concept(i)) && !c.has(Concept(i))) spec += " -" + std::string(conceptName(Concept(i)));
  auto back = parseConcepts(spec, full, error);
  return back && *back == c ? spec : describeConcepts(c);
}

std::string removedRules(Concepts c) {
  std::string s;
  const Concepts full = Concepts::full();
  for (int i = 0; i < kConceptCount; ++i)
    if (full.has(Concept(i)) && !c.has(Concept(i))) s += (s.empty() ? "" : ", ") + std::string(conceptName(Concept(i)));
  return s;
}

std::string findScript(const FindResult& r, const std::string& spec) {
  std::string kind(findingKindName(r.kind));
  std::string s = "# Found by: radeau-cli find --concepts \"" + spec + "\"" +
                  (r.original_nodes != 5 ? " --nodes " + std::to_string(r.original_nodes) : std::string()) +
                  " --finding " + kind + " --seed " + std::to_string(r.seed) + " --budget 1\n# The schedule of seed " +
                  std::to_string(r.seed) + ", shrunk from " + std::to_string(r.original_actions) + " to " +
                  std::to_string(r.run.actions.size()) + " actions: without the rules \"" + spec +
                  "\" takes away, it shows " + kind + ".\n";
  if (r.minimal) s += "# Removing any one of its actions makes the failure disappear.\n";
  if (!r.finding.empty()) s += "# The checker: " + r.finding + "\n";
  s += "title " + spec + ": " + kind + " (found by search, seed " + std::to_string(r.seed) + ")\n";
  s += "expect finding " + kind + "\n";
  std::string body = soakScript(r.run);
  s += body.substr(body.find('\n') + 1);  // soakScript's own header comment replaced by the above
  return s;
}

}  // namespace radeau

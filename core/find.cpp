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
#include "script.h"
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
  // A resend follows its write's new name, and a read its key's (a write's
  // key is its text up to '=': the soak's and the search's writes have none).
  bool plainWrites(SoakRun& run) {
    SoakRun t = run;
    int n = 0;
    std::map<std::string, std::string> renamed;
    for (Action& a : t.actions)
      if (a.kind == ActionKind::Write && !renamed.count(a.text)) {
        int i = n++;
        std::string text = std::string(1, char('A' + i % 26));
        if (i >= 26) text += std::to_string(i / 26);  // A1, B1...
        renamed[a.text] = text;
        a.text = text;
      } else if (a.kind == ActionKind::Write || a.kind == ActionKind::Resend || a.kind == ActionKind::Read) {
        if (renamed.count(a.text)) a.text = renamed[a.text];
      }
    return t.actions != run.actions && keep(run, std::move(t));
  }

  // Earlier and rounder times: each action, in order, takes the roundest time
  // no later than its own that keeps the failure (multiples of 1 s, 500, 100,
  // 50 and 10 ms, just after the previous action or just before its own);
  // failing that, an odd time takes the next multiple of 100, 50 or 10 ms
  // before the next action.
  bool roundTimes(SoakRun& run) {
    bool any = false;
    for (size_t i = 0; i < run.actions.size() && !cancelled(o_); ++i) {
      const Time t = run.actions[i].time_us;
      Time prev = i ? run.actions[i - 1].time_us : 0;
      // A resend stays after its write, so the script can say `retry after T`.
      if (run.actions[i].kind == ActionKind::Resend)
        for (size_t w = 0; w < i; ++w)
          if (run.actions[w].kind == ActionKind::Write && run.actions[w].text == run.actions[i].text)
            prev = std::max(prev, run.actions[w].time_us + 1);
      std::vector<Time> candidates;
      for (Time g : {1'000 * kMs, 500 * kMs, 100 * kMs, 50 * kMs, 10 * kMs}) {
        Time up = (prev + g - 1) / g * g;  // the first multiple at or after the previous action
        if (up < t) candidates.push_back(up);
        Time down = t / g * g;
        if (down >= prev && down < t) candidates.push_back(down);
      }
      // A resend just after its write (the search's instants are a message
      // send + 1 us) may also wait a round delay: `retry after 1us` is no story.
      if (run.actions[i].kind == ActionKind::Resend && prev > 0 && (t - (prev - 1)) % (10 * kMs) != 0)
        for (Time d : {50 * kMs, 20 * kMs, 10 * kMs})
          if (prev - 1 + d > t) candidates.push_back(prev - 1 + d);
      // Else an odd time (just after a message is sent) may be a little
      // later but round, before the next action: a message still in flight.
      const Time next = i + 1 < run.actions.size() ? run.actions[i + 1].time_us : run.until_us;
      if (t % (10 * kMs) != 0)
        for (Time g : {100 * kMs, 50 * kMs, 10 * kMs})
          if (Time up = (t + g - 1) / g * g; up < next) candidates.push_back(up);
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
                   std::string* text, Language language) {
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
      if (text) *text = formatTime(e.time_us) + " " + EventFormatter(run.config, sim.journal(), language).finding(e);
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

bool searchReads(const FindOptions& o) {
  // Without commit (`replication`, `commit` removed) a read answers from a
  // commit index that never moves: a stale read there would hide the story
  // of the rule taken away (rung 15 comes after rung 11), as the mutation
  // soak's reads do only for read-index and lease.
  const Concepts& c = o.soak.concepts;
  return (!c.has(Concept::ReadIndex) && c.has(Concept::Commit)) || o.kind == FindingKind::StaleRead;
}

bool searchResends(const FindOptions& o) {
  return !o.soak.concepts.has(Concept::ClientSessions) || o.kind == FindingKind::AppliedTwice;
}

SoakRun findRandomSchedule(uint64_t seed, const FindOptions& o) {
  SoakOptions so = o.soak;
  so.reads = so.reads || searchReads(o);
  // Without `membership` the failure needs configuration changes (rung 16).
  so.membership = so.membership || !o.soak.concepts.has(Concept::Membership);
  return soakSchedule(seed, so);
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
  auto& clocks = t.config.timing.clock_permille;  // the nodes after it keep their clocks
  std::copy(clocks.begin() + gone + 1, clocks.end(), clocks.begin() + gone);
  clocks.back() = 1000;
  auto renumber = [gone](NodeId id) { return id != kNoNode && id > gone ? NodeId(id - 1) : id; };
  if (const uint16_t m = run.config.members) {  // the initial configuration, without it
    const uint16_t low = uint16_t(m & ((1u << gone) - 1)), high = uint16_t((m >> (gone + 1)) << gone);
    t.config.members = uint16_t(low | high);
    if (t.config.members == 0) return std::nullopt;
    if (t.config.members == uint16_t((1u << (n - 1)) - 1)) t.config.members = 0;  // everyone: no spare left
  }
  t.actions.clear();
  for (Action a : run.actions) {
    if (a.node == gone || a.peer == gone) continue;
    a.node = renumber(a.node);
    a.peer = renumber(a.peer);
    if (a.kind == ActionKind::AddNodes || a.kind == ActionKind::RemoveNodes) {
      auto& g = a.groups.empty() ? a.groups.emplace_back() : a.groups.front();
      g.erase(std::remove(g.begin(), g.end(), gone), g.end());
      for (NodeId& id : g) id = renumber(id);
      if (g.empty()) continue;
    }
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

std::optional<FindStrategy> findStrategyFromName(const std::string& name) {
  if (name == "both") return FindStrategy::Both;
  if (name == "systematic") return FindStrategy::Systematic;
  if (name == "random") return FindStrategy::Random;
  return std::nullopt;
}

const char* findStrategyName(FindStrategy s) {
  switch (s) {
    case FindStrategy::Both: return "both";
    case FindStrategy::Systematic: return "systematic";
    case FindStrategy::Random: return "random";
  }
  return "both";
}

// ---------------------------------------------------------------------------
// The systematic search

namespace {
constexpr size_t kMessageInstants = 4;                   // the next messages sent, each a choice of instant
constexpr Time kWaits[] = {100 * kMs, 400 * kMs};        // and a while later: settled, a new election over
constexpr Time kAfterLast = 1'000 * kMs;                 // a candidate runs this long after its last action
}  // namespace

SystematicSchedules::SystematicSchedules(const FindOptions& o)
    : max_depth_(std::max(0, o.systematic_depth)), reads_(searchReads(o)), resends_(searchResends(o)) {
  const int n = std::clamp(std::min(o.soak.nodes, o.systematic_nodes), 1, 9);
  base_.names = defaultNames(n);
  base_.concepts = o.soak.concepts;
  base_.seed = o.seed;  // the election timers' draws
  base_.timing.election_min_us = 150 * kMs;
  base_.timing.election_max_us = 300 * kMs;
  base_.timing.heartbeat_us = 50 * kMs;
  base_.timing.latency_min_us = base_.timing.latency_max_us = 10 * kMs;  // one latency: messages keep their order
  base_.network.loss = 0;
  base_.network.duplicate = 0;
}

std::vector<Action> SystematicSchedules::choices(const std::vector<Action>& prefix) const {
  const int n = base_.nodeCount();
  const Time t0 = prefix.empty() ? 0 : prefix.back().time_us;
  // What the prefix did: the nodes it crashed, the links it cut, its writes.
  std::vector<bool> up(size_t(n), true);
  std::set<std::pair<NodeId, NodeId>> cut;
  std::vector<bool> isolated(size_t(n), false);
  int writes = 0;
  std::string last;  // the latest write: what a client resends
  for (const Action& a : prefix) {
    if (a.kind == ActionKind::Crash) up[a.node] = false;
    if (a.kind == ActionKind::Restart) up[a.node] = true;
    if (a.kind == ActionKind::Cut) cut.insert({a.node, a.peer});
    if (a.kind == ActionKind::Heal) cut.erase({a.node, a.peer});
    if (a.kind == ActionKind::Isolate) isolated[a.node] = true;
    if (a.kind == ActionKind::Write) {
      ++writes;
      last = a.text;
    }
  }
  // The instants: just after each of the next messages is sent (while it is
  // in flight), then the waits. The run of the prefix gives the send times.
  Simulator sim(base_);
  sim.schedule(prefix);
  sim.runUntil(t0 + kWaits[std::size(kWaits) - 1]);
  std::vector<std::pair<Time, std::set<std::pair<NodeId, NodeId>>>> instants;  // time, links with a message in flight
  const Journal& j = sim.journal();
  for (Seq s = 0; s < j.size(); ++s) {
    const Event& e = j[s];
    if (e.kind != EventKind::MessageSent || e.time_us < t0) continue;
    const Time at = e.time_us + 1;
    if (at <= t0) continue;
    if (instants.empty() || instants.back().first != at) {
      if (instants.size() == kMessageInstants) break;
      instants.push_back({at, {}});
    }
    instants.back().second.insert({std::min(e.node, e.peer), std::max(e.node, e.peer)});
  }
  for (Time w : kWaits)
    if (std::none_of(instants.begin(), instants.end(), [&](const auto& i) { return i.first == t0 + w; }))
      instants.push_back({t0 + w, {}});
  std::stable_sort(instants.begin(), instants.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  std::vector<Action> out;
  auto add = [&](Time at, ActionKind k, NodeId node, NodeId peer = kNoNode) {
    Action a;
    a.time_us = at;
    a.kind = k;
    a.node = node;
    a.peer = peer;
    if (k == ActionKind::Write) a.text = std::string(1, char('A' + writes % 26));
    if (k == ActionKind::Resend) a.text = last;
    out.push_back(a);
  };
  for (const auto& [at, inFlight] : instants) {
    for (const auto& [a, b] : inFlight) add(at, ActionKind::Drop, a, b);
    for (NodeId i = 0; i < n; ++i) add(at, ActionKind::Write, i);
    if (!last.empty() && resends_)
      for (NodeId i = 0; i < n; ++i) add(at, ActionKind::Resend, i);
    for (NodeId i = 0; i < n; ++i)
      if (up[i]) add(at, ActionKind::Timeout, i);
    for (NodeId i = 0; i < n; ++i) add(at, up[i] ? ActionKind::Crash : ActionKind::Restart, i);
    for (NodeId a = 0; a < n; ++a)
      for (NodeId b = NodeId(a + 1); b < n; ++b) add(at, cut.count({a, b}) ? ActionKind::Heal : ActionKind::Cut, a, b);
    // A leader cut off from everyone in one choice, not n-1 cuts: with reads,
    // a deposed leader that does not know it is the story to find.
    if (reads_ && n > 2)
      for (NodeId i = 0; i < n; ++i)
        if (!isolated[i]) add(at, ActionKind::Isolate, i);
  }
  return out;
}

SoakRun SystematicSchedules::candidate() const {
  SoakRun r;
  r.config = base_;
  r.actions = prefix_;
  // On a round time, as a hand-written script would end.
  const Time half = 500 * kMs;
  r.until_us = ((prefix_.empty() ? 0 : prefix_.back().time_us) + kAfterLast + half - 1) / half * half;
  // Reads are probes, not choices: after the last choice, at the waits, a
  // client asks every node for the key last written. A stale read is then
  // found one choice earlier (an isolated leader and a write: 2 choices, not
  // 3), and the shrinker keeps only the read that shows it.
  if (reads_ && !prefix_.empty()) {
    const auto w = std::find_if(prefix_.rbegin(), prefix_.rend(), [](const Action& a) { return a.kind == ActionKind::Write; });
    if (w != prefix_.rend())
      for (Time wait : kWaits)
        for (NodeId i = 0; i < base_.nodeCount(); ++i) {
          Action a;
          a.time_us = prefix_.back().time_us + wait;
          a.kind = ActionKind::Read;
          a.node = i;
          a.text = w->text;
          r.actions.push_back(a);
        }
  }
  return r;
}

// Down the tree to the next schedule of `depth_` choices; false when this depth is done.
bool SystematicSchedules::fillDown() {
  while (!levels_.empty()) {
    Level& l = levels_.back();
    if (l.index >= l.choices.size()) {
      levels_.pop_back();
      if (levels_.empty()) return false;
      prefix_.pop_back();
      ++levels_.back().index;
      continue;
    }
    prefix_.push_back(l.choices[l.index]);
    if (int(prefix_.size()) == depth_) return true;
    levels_.push_back({choices(prefix_), 0});
  }
  return false;
}

std::optional<SoakRun> SystematicSchedules::next() {
  while (!done_) {
    if (!started_) {
      if (depth_ >= max_depth_ || (depth_ > 0 && leaves_ == 0)) {
        done_ = true;
        break;
      }
      ++depth_;
      leaves_ = 0;
      prefix_.clear();
      levels_.assign(1, {choices({}), 0});
      started_ = true;
    } else {
      prefix_.pop_back();
      ++levels_.back().index;
    }
    if (fillDown()) {
      ++rank_;
      ++leaves_;
      return candidate();
    }
    started_ = false;
    explored_ = depth_;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// The search

FindResult findFailure(const FindOptions& o) {
  FindResult result;
  result.nodes_option = o.soak.nodes;
  auto start = Clock::now();
  const bool useRandom = o.strategy != FindStrategy::Systematic;
  const bool useSystematic = o.strategy != FindStrategy::Random;
  SystematicSchedules systematic(o);
  bool systematicLeft = useSystematic;
  uint64_t randomDone = 0;
  int turn = 0;  // both: systematic_per_random systematic candidates, then one random schedule
  for (;;) {
    if (cancelled(o) || result.attempts >= o.max_attempts || (o.max_seconds > 0 && since(start) > o.max_seconds)) {
      result.cancelled = cancelled(o);
      break;
    }
    const bool takeSystematic =
        systematicLeft && (!useRandom || systematic.exploredDepth() < o.systematic_first_depth ||
                           turn < std::max(1, o.systematic_per_random));
    std::optional<SoakRun> run;
    if (takeSystematic) {
      run = systematic.next();
      if (!run) {
        systematicLeft = false;
        if (!useRandom) break;  // the bounded space is explored: nothing there
        continue;
      }
      ++turn;
    } else {
      if (!useRandom) break;
      run = findRandomSchedule(o.seed + randomDone++, o);
      turn = 0;
    }
    ++result.attempts;
    if (o.progress) {
      if (takeSystematic)
        o.progress("systematic depth " + std::to_string(systematic.depth()), result.attempts, o.max_attempts);
      else
        o.progress("random", result.attempts, o.max_attempts);
    }
    FindingKind k{};
    if (!scheduleFails(*run, o.kind, &k)) continue;
    result.found = true;
    result.strategy = takeSystematic ? FindStrategy::Systematic : FindStrategy::Random;
    result.seed = run->config.seed;
    result.depth = takeSystematic ? systematic.depth() : 0;
    result.candidate = takeSystematic ? systematic.rank() : 0;
    result.kind = k;
    result.original_actions = run->actions.size();
    result.original_nodes = size_t(run->config.nodeCount());
    result.search_seconds = since(start);
    auto shrinkStart = Clock::now();
    // Shrink towards the kind first found, so the story keeps one finding.
    result.run = shrinkSchedule(std::move(*run), k, o);
    result.cancelled = cancelled(o);
    // The re-check: the shrunk run still fails, and no single action can go.
    if (!result.cancelled)
      result.minimal =
          scheduleFails(result.run, k, nullptr, &result.finding_us, &result.finding) && isOneMinimal(result.run, k);
    result.shrink_seconds = since(shrinkStart);
    return result;
  }
  result.exhausted = useSystematic && !systematicLeft && systematic.exploredDepth() >= 1;
  result.systematic_depth = systematic.exploredDepth();
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

std::string findScript(const FindResult& r, const std::string& spec, Language language) {
  const bool fr = language == Language::French;
  const std::string nbsp = "\u00a0";  // French: before : ; ? ! and inside « »
  const std::string colon = fr ? nbsp + ":" : ":";
  const std::string kind(findingKindName(r.kind));
  const std::string seed = std::to_string(r.seed);
  const bool systematic = r.strategy == FindStrategy::Systematic;
  // The command that finds the same schedule again: a random schedule is its
  // seed; a systematic one its rank in the enumeration, which is the same
  // for the same seed, rules and nodes.
  std::string command = "radeau-cli find --concepts \"" + spec + "\"" +
                        (r.nodes_option != 5 ? " --nodes " + std::to_string(r.nodes_option) : std::string()) +
                        " --finding " + kind + " --strategy " + findStrategyName(r.strategy) + " --seed " + seed +
                        " --budget " + (systematic ? std::to_string(r.candidate) : std::string("1"));
  const std::string from = std::to_string(r.original_actions), to = std::to_string(r.run.actions.size());
  const std::string rules = fr ? "\u00ab" + nbsp + spec + nbsp + "\u00bb" : "\"" + spec + "\"";
  const bool full = spec == "full";
  const std::string shows =
      fr ? (full ? "sous Raft complet, il montre " : "sans ce que retirent les r\u00e8gles " + rules + ", il montre ") + kind
         : (full ? "under full Raft, it shows " : "without what the rules " + rules + " take away, it shows ") + kind;
  std::string s = "# " + std::string(fr ? "Trouv\u00e9 par" : "Found by") + colon + " " + command + "\n# ";
  if (systematic)
    s += fr ? "Recherche syst\u00e9matique, d\u00e9roul\u00e9 " + std::to_string(r.candidate) + " des petits (" +
                  std::to_string(r.original_nodes) + " n\u0153uds, " + std::to_string(r.depth) + " choix), r\u00e9duit de " +
                  from + " \u00e0 " + to + " actions" + colon + " " + shows + ".\n"
            : "Systematic search, small schedule " + std::to_string(r.candidate) + " (" +
                  std::to_string(r.original_nodes) + " nodes, " + std::to_string(r.depth) +
                  (r.depth == 1 ? " choice" : " choices") + "), shrunk from " + from + " to " + to + " actions" +
                  colon + " " + shows + ".\n";
  else
    s += fr ? "Le d\u00e9roul\u00e9 de la graine " + seed + ", r\u00e9duit de " + from + " \u00e0 " + to + " actions" +
                  colon + " " + shows + ".\n"
            : "The schedule of seed " + seed + ", shrunk from " + from + " to " + to +
                  " actions" + colon + " " + shows + ".\n";
  if (r.minimal)
    s += fr ? "# Retirer n'importe laquelle de ses actions fait dispara\u00eetre la panne.\n"
            : "# Removing any one of its actions makes the failure disappear.\n";
  std::string checker = r.finding;
  if (fr && !checker.empty()) scheduleFails(r.run, r.kind, nullptr, nullptr, &checker, language);
  if (!checker.empty()) s += "# " + std::string(fr ? "Le v\u00e9rificateur" : "The checker") + colon + " " + checker + "\n";
  std::string found = systematic ? (fr ? "trouv\u00e9 par recherche syst\u00e9matique" : "found by systematic search")
                                 : (fr ? "trouv\u00e9 par recherche, graine " + seed : "found by search, seed " + seed);
  s += "title " + spec + colon + " " + kind + " (" + found + ")\n";
  s += "expect finding " + kind + "\n";
  // A write resent once, later, reads as the client says it: `write Michel
  // "A" retry after 40ms to Jean-Pierre` (the resend is dropped from the
  // copy given to soakScript, and the write's line gets the rest).
  SoakRun shown = r.run;
  std::map<std::string, std::pair<Time, std::string>> retries;  // write text: delay, " to NODE" or ""
  for (const Action& w : r.run.actions) {
    if (w.kind != ActionKind::Write) continue;
    const Action* resend = nullptr;
    int resends = 0, writes = 0;
    for (const Action& a : r.run.actions) {
      writes += a.kind == ActionKind::Write && a.text == w.text;
      if (a.kind == ActionKind::Resend && a.text == w.text && ++resends == 1) resend = &a;
    }
    if (writes != 1 || resends != 1 || resend->time_us <= w.time_us) continue;
    retries[w.text] = {resend->time_us - w.time_us, resend->node == w.node ? "" : " to " + r.run.config.names[resend->node]};
  }
  std::erase_if(shown.actions, [&](const Action& a) { return a.kind == ActionKind::Resend && retries.count(a.text); });
  std::string body = soakScript(shown);
  body = body.substr(body.find('\n') + 1);  // soakScript's own header comment replaced by the above
  for (const Action& w : shown.actions) {
    if (w.kind != ActionKind::Write || !retries.count(w.text)) continue;
    const std::string line = formatAction(w, shown.config.names) + "\n";
    const auto& [after, to] = retries[w.text];
    if (const size_t at = body.find(line); at != std::string::npos)
      body.insert(at + line.size() - 1, " retry after " + formatDuration(after) + to);
  }
  s += body;
  return s;
}

}  // namespace radeau

#include <ostream>

#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "core/expect.h"
#include "core/format.h"
#include "core/sanitize.h"
#include "core/script.h"
#include "core/simulator.h"
#include "core/state_json.h"

namespace radeau::cli {

int run(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {"--seed", "--until", "--state-json"}, {"--transcript", "--check", "--check-availability", "--default", "--quiet"}, p, error)) {
    err << "radeau-cli run: " << error << "\n";
    return 2;
  }
  auto scenario = scenarioFromArgs("run", p, err);
  if (!scenario) return 2;
  const std::string file = p.has("--default") ? "(built-in default)" : p.positional[0];
  Simulator sim(scenario->config);
  sim.schedule(scenario->actions);
  sim.runUntil(scenario->until_us);
  sim.finish();
  const Journal& j = sim.journal();
  EventFormatter fmt(scenario->config, j);
  if (p.has("--transcript"))
    for (Seq i = 0; i < j.size(); ++i) out << fmt.line(j[i], i) << "\n";

  const ClusterState& s = sim.state();
  if (!p.has("--quiet")) {
    out << "== " << (scenario->title.empty() ? file : scenario->title) << "\n";
    out << "seed " << scenario->config.seed << ", concepts " << describeConcepts(scenario->config.concepts)
        << ", " << j.size() << " events up to " << formatTime(s.now_us) << "\n";
    for (int i = 0; i < s.node_count; ++i) {
      const NodeState& n = s.nodes[size_t(i)];
      // Only the words the run's flags have introduced (core/vocabulary.h).
      out << "  " << sanitizeText(scenario->config.names[size_t(i)]) << ": " << (n.alive ? roleName(n.role) : "down");
      if (shows(s.concepts, Mark::Term)) out << ", term " << n.term;
      out << ", log " << n.log.size();
      if (shows(s.concepts, Mark::Commit)) out << ", commit " << n.commit;
      out << "\n";
    }
    if (s.findings.empty()) out << "checker: no finding\n";
    for (Seq f : s.findings) out << "checker: " << formatTime(j[f].time_us) << " " << fmt.finding(j[f]) << "\n";
  }
  bool expectations_met = true;
  if (!scenario->expectations.empty()) {
    auto results = checkExpectations(scenario->expectations, scenario->config, j, s);
    for (const auto& r : results) {
      out << (r.met ? "outcome ✓ " : "outcome ✗ ") << sanitizeText(r.text);
      if (!r.detail.empty()) out << " — " << r.detail;
      out << "\n";
      expectations_met &= r.met;
    }
    out << (expectations_met ? "the demonstrated outcome happened\n" : "the demonstrated outcome did NOT happen\n");
  }
  if (auto path = p.get("--state-json")) {
    if (!writeFileAtomic(*path, stateToJson(scenario->config, j, s), error)) {
      err << "radeau-cli run: " << error << "\n";
      return 2;
    }
  }
  if (!expectations_met) {
    err << "radeau-cli run: expectation not met (seed " << scenario->config.seed << ")\n";
    return 1;
  }
  // A write that never got an answer is Raft being unavailable, not unsafe: a
  // minority-side write fails in full Raft too. --check fails on safety only.
  size_t safety = 0;
  for (Seq f : s.findings) safety += isSafetyFinding(j[f].findingKind());
  if (p.has("--check") && safety) {
    err << "radeau-cli run: the checker found " << safety << " safety problem(s) (seed " << scenario->config.seed
        << ")\n";
    return 1;
  }
  if (p.has("--check-availability") && !s.findings.empty()) {
    err << "radeau-cli run: the checker found " << s.findings.size() << " problem(s), " << safety
        << " of them safety (seed " << scenario->config.seed << ")\n";
    return 1;
  }
  return 0;
}

}  // namespace radeau::cli

#include <chrono>
#include <ostream>

#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "core/concepts.h"
#include "core/find.h"
#include "core/finding_names.h"
#include "core/script.h"

namespace radeau::cli {

// Thin: options in, core/find.h does the search and the shrinking.
int find(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  auto usage = [&](const std::string& e) {
    err << "radeau-cli find: " << e << "\n";
    return 2;
  };
  if (!parseArgs(args, {"--concepts", "--nodes", "--finding", "--budget", "--seed", "--strategy", "-o"}, {"--quiet"}, p, error)) return usage(error);
  if (!p.positional.empty())
    return usage(tr("unexpected argument '%1'").arg(QString::fromStdString(p.positional[0])).toStdString());
  FindOptions o;
  o.max_attempts = UINT64_MAX;
  uint64_t nodes = 5;
  if (auto v = p.get("--seed"); v && !parseUnsigned("--seed", *v, o.seed, error)) return usage(error);
  if (auto v = p.get("--nodes"); v && !parseUnsigned("--nodes", *v, nodes, error)) return usage(error);
  if (nodes < 1 || nodes > 9) return usage(tr("--nodes must be between 1 and 9, got %1").arg(nodes).toStdString());
  o.soak.nodes = int(nodes);
  std::string spec = "full";
  if (auto v = p.get("--concepts")) {
    auto c = parseConcepts(*v, Concepts::full(), error);
    if (!c) return usage("--concepts: " + error);
    o.soak.concepts = *c;
    spec = *v;
  }
  if (auto v = p.get("--finding")) {
    o.kind = findingKindFromName(*v);
    if (!o.kind)
      return usage(tr("--finding: unknown kind '%1', expected one of: %2")
                       .arg(QString::fromStdString(*v), QString::fromStdString(findingKindNames()))
                       .toStdString());
  }
  if (auto v = p.get("--strategy")) {
    auto st = findStrategyFromName(*v);
    if (!st)
      return usage(tr("--strategy: expected systematic, random or both, got '%1'").arg(QString::fromStdString(*v)).toStdString());
    o.strategy = *st;
  }
  if (auto v = p.get("--budget")) {
    // A bare number is a count of schedules (deterministic); with a unit, wall time.
    uint64_t n = 0;
    std::string ignored;
    if (parseUnsigned("--budget", *v, n, ignored)) {
      o.max_attempts = n;
      o.max_seconds = 0;
    } else if (auto d = parseDuration(*v); d && *d > 0) {
      o.max_seconds = double(*d) / 1e6;
    } else {
      return usage(tr("--budget: expected a duration such as 30s or a number of schedules, got '%1'")
                       .arg(QString::fromStdString(*v))
                       .toStdString());
    }
  }
  auto outPath = p.get("-o");
  bool quiet = p.has("--quiet");
  // About once a second (a fast search tries thousands of schedules a
  // second), and whenever the phase changes (systematic depth 2, random...).
  auto last_shown = std::chrono::steady_clock::now();
  std::string last_phase;
  o.progress = [&](const std::string& phase, uint64_t done, uint64_t) {
    const auto now = std::chrono::steady_clock::now();
    if (quiet || (phase == last_phase && now - last_shown < std::chrono::seconds(1))) return;
    last_shown = now;
    last_phase = phase;
    err << "  " << phase << ": " << done << (phase == "shrink" ? " runs" : " schedules") << "\n";
  };
  FindResult r = findFailure(o);
  if (!r.found) {
    out << "no failure found: " << r.attempts << " schedules under \"" << spec << "\" (strategy "
        << findStrategyName(o.strategy) << ", seed " << o.seed << "), " << r.search_seconds << " s";
    if (r.exhausted)
      out << "; every small schedule explored, up to the bound of " << r.systematic_depth << " choices";
    else if (r.systematic_depth > 0)
      out << "; every small schedule of up to " << r.systematic_depth
          << (r.systematic_depth == 1 ? " choice explored" : " choices explored");
    out << "\n";
    return 0;
  }
  std::string script = findScript(r, spec);
  out << "failure found: " << findingKindName(r.kind) << " with seed " << r.seed << " after " << r.attempts
      << " schedule(s), " << r.search_seconds << " s, by the " << findStrategyName(r.strategy) << " search";
  if (r.strategy == FindStrategy::Systematic) out << " (" << r.depth << (r.depth == 1 ? " choice)" : " choices)");
  out << "; shrunk from " << r.original_actions << " actions, "
      << r.original_nodes << " nodes to " << r.run.actions.size() << " actions, " << r.run.config.names.size()
      << " nodes in " << r.shrink_seconds << " s\n";
  if (outPath) {
    if (!writeFileAtomic(*outPath, script, error)) {
      err << "radeau-cli find: " << error << "\n";
      return 2;
    }
    out << "written to " << *outPath << "\n";
  } else {
    out << script;
  }
  return 1;
}

}  // namespace radeau::cli

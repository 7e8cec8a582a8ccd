#include <chrono>
#include <ostream>

#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "core/soak.h"

namespace radeau::cli {

int soak(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {"--runs", "--seed", "--nodes", "--concepts", "--duration"}, {"--quiet", "--script", "--reads", "--membership"}, p, error)) {
    err << "radeau-cli soak: " << error << "\n";
    return 2;
  }
  uint64_t runs = 100, seed = 1, nodes = 5;
  if (auto v = p.get("--runs"); v && !parseUnsigned("--runs", *v, runs, error)) { err << "radeau-cli soak: " << error << "\n"; return 2; }
  if (auto v = p.get("--seed"); v && !parseUnsigned("--seed", *v, seed, error)) { err << "radeau-cli soak: " << error << "\n"; return 2; }
  if (auto v = p.get("--nodes"); v && !parseUnsigned("--nodes", *v, nodes, error)) { err << "radeau-cli soak: " << error << "\n"; return 2; }
  if (nodes < 1 || nodes > 9) {
    err << "radeau-cli soak: " << tr("--nodes must be between 1 and 9, got %1").arg(nodes).toStdString() << "\n";
    return 2;
  }
  SoakOptions o;
  o.nodes = int(nodes);
  o.reads = p.has("--reads");
  o.membership = p.has("--membership");
  if (auto spec = p.get("--concepts")) {
    auto c = parseConcepts(*spec, Concepts::full(), error);
    if (!c) {
      err << "radeau-cli soak: --concepts: " << error << "\n";
      return 2;
    }
    o.concepts = *c;
  }
  if (!p.positional.empty()) {
    err << "radeau-cli soak: " << tr("unexpected argument '%1'").arg(QString::fromStdString(p.positional[0])).toStdString()
        << "\n";
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  uint64_t failed = 0;
  size_t events = 0;
  for (uint64_t i = 0; i < runs; ++i) {
    SoakResult r = runSoak(seed + i, o);
    events += r.events;
    if (r.violations.empty()) continue;
    ++failed;
    out << "seed " << r.seed << ": " << r.violations.size() << " violation(s), reproduce with: radeau-cli soak --runs 1 --seed "
        << r.seed << " --nodes " << nodes << (o.reads ? " --reads" : "") << (o.membership ? " --membership" : "") << " --concepts \"" << describeConcepts(o.concepts)
        << "\"\n";
    for (const auto& v : r.violations) out << "  " << v << "\n";
    if (p.has("--script")) out << soakScript(soakSchedule(r.seed, o));
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out << runs << " runs (seeds " << seed << ".." << seed + runs - 1 << "), " << events << " events, "
      << failed << " with violations, " << secs << " s\n";
  return failed ? 1 : 0;
}

}  // namespace radeau::cli

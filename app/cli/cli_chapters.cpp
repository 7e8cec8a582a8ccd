#include <ostream>

#include <QFileInfo>

#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "core/concepts.h"
#include "core/demonstrations.h"
#include "replay/shipped_files.h"

namespace radeau::cli {

namespace {
// Relative when run from the source tree, else where the scripts are installed.
std::string scenarioFolder() {
  const std::string relative(kScenarioFolder);
  if (QFileInfo::exists(QString::fromStdString(relative))) return relative;
  const QString shipped = shippedRecordingsDir();
  return shipped.isEmpty() ? relative : (shipped + QStringLiteral("/scenarios")).toStdString();
}
}  // namespace

int chapters(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {}, {}, p, error)) {
    err << "radeau-cli chapters: " << error << "\n";
    return 2;
  }
  if (!p.positional.empty()) {
    err << "radeau-cli chapters: " << tr("takes no argument").toStdString() << "\n";
    return 2;
  }
  const std::string folder = scenarioFolder();
  Concepts seen;  // the flags of the earlier rungs: a rung's new rules are the others
  for (const Chapter& ch : radeau::chapters()) {
    out << ch.number << ". " << ch.title << " (" << ch.name << "), " << ch.node_count
        << (ch.node_count == 1 ? " node" : " nodes") << "\n   adds: " << ch.adds << "\n";
    for (int i = 0; i < kConceptCount; ++i) {
      const Concept c = Concept(i);
      if (ch.concepts.has(c) && !seen.has(c)) out << "      " << conceptName(c) << ": " << conceptDescription(c) << "\n";
    }
    seen = Concepts(seen.bits() | ch.concepts.bits());
    out << "   flags: " << listConcepts(ch.concepts) << "\n";
    for (const Demonstration& d : demonstrations()) {
      if (d.chapter != ch.number) continue;
      out << "   " << outcomeMark(d.outcome) << " " << d.summary << "\n      " << folder << "/"
          << d.file << "\n";
    }
  }
  out << "\nFull Raft without one flag (radeau-cli soak --concepts SPEC):\n";
  for (const FlagMutation& m : flagMutations()) {
    out << "   " << conceptName(m.flag) << " (" << flagRoleName(m.role) << "): " << m.without
        << "\n      soak: \"" << m.spec << "\"" << (m.soak_options.empty() ? "" : " ") << m.soak_options << "\n";
  }
  out << "Run a demonstration: radeau-cli run " << folder << "/FILE (its expect lines say whether "
      << "the outcome happened).\n";
  return 0;
}

}  // namespace radeau::cli

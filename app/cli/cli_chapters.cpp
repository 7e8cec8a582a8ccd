#include <ostream>

#include "app/cli/cli.h"
#include "core/concepts.h"

namespace radeau::cli {

int chapters(const Args& args, std::ostream& out, std::ostream& err) {
  if (!args.empty()) {
    err << "radeau-cli chapters: takes no argument\n";
    return 2;
  }
  for (const Chapter& ch : radeau::chapters()) {
    out << ch.number << ". " << ch.title << " (" << ch.name << "), " << ch.node_count
        << (ch.node_count == 1 ? " node" : " nodes") << "\n   adds: " << ch.adds
        << "\n   flags: " << listConcepts(ch.concepts) << "\n";
  }
  return 0;
}

}  // namespace radeau::cli

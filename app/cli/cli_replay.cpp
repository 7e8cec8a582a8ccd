// Recording commands: filled in by the replay layer.
#include <ostream>

#include "app/cli/cli.h"

namespace radeau::cli {

namespace {
int notYet(const char* name, std::ostream& err) {
  err << "radeau-cli " << name << ": recordings are not available in this build yet\n";
  return 2;
}
}  // namespace

int record(const Args&, std::ostream&, std::ostream& err) { return notYet("record", err); }
int info(const Args&, std::ostream&, std::ostream& err) { return notYet("info", err); }
int state(const Args&, std::ostream&, std::ostream& err) { return notYet("state", err); }
int exportJournal(const Args&, std::ostream&, std::ostream& err) { return notYet("export", err); }
int check(const Args&, std::ostream&, std::ostream& err) { return notYet("check", err); }
int verify(const Args&, std::ostream&, std::ostream& err) { return notYet("verify", err); }

}  // namespace radeau::cli

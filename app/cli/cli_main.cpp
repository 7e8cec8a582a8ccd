#include <QSaveFile>

#include <iostream>
#include <sstream>

#include "app/cli/cli.h"
#include "core/file_read.h"
#include "core/sanitize.h"
#include "core/version.h"

namespace radeau::cli {

namespace {
const char* kUsage = R"(radeau-cli: run and inspect Radeau Raft simulations

usage:
  radeau-cli run SCRIPT|--default [--seed N] [--until T] [--transcript] [--state-json FILE] [--check] [--check-availability]
  radeau-cli soak --runs N [--seed S] [--nodes K] [--concepts SPEC] [--quiet]
  radeau-cli chapters
  radeau-cli record SCRIPT -o FILE.radeau
  radeau-cli info FILE.radeau
  radeau-cli state FILE.radeau (--at T | --event N) [--branch B] [--json]
  radeau-cli export FILE.radeau
  radeau-cli check FILE.radeau
  radeau-cli verify FILE.radeau
  radeau-cli render FILE.radeau|SCRIPT --at T [--branch B] [--size WxH] [--title TEXT]
                    [--theme light|dark] [--space-time SPAN] -o OUT.png|OUT.svg
  radeau-cli --help | --version

Options take their value after a space or after '=' (--seed=7).
Times take us, ms or s (e.g. 1.5s). Exit status: 0 success, 1 the checker or a
verification found something, 2 usage or input error.
)";
}  // namespace

bool readFile(const std::string& path, std::string& content, std::string& error) {
  return readBoundedFile(path, content, error);  // regular files only, size bounded (core/limits.h)
}

bool writeFileAtomic(const std::string& path, const std::string& content, std::string& error) {
  // QSaveFile, as the recording writer and the window: the old file stays whole until the new one is.
  QSaveFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::WriteOnly) || file.write(content.data(), qint64(content.size())) != qint64(content.size()) ||
      !file.commit()) {
    error = "cannot write " + path + ": " + file.errorString().toStdString();
    file.cancelWriting();
    return false;
  }
  return true;
}

int main(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return 2;
  }
  const std::string& cmd = args[0];
  Args rest(args.begin() + 1, args.end());
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    out << kUsage;
    return 0;
  }
  if (cmd == "--version" || cmd == "-v" || cmd == "version") {
    out << "radeau-cli " << radeau::version() << "\n";
    return 0;
  }
  if (cmd == "run") return run(rest, out, err);
  if (cmd == "soak") return soak(rest, out, err);
  if (cmd == "chapters") return chapters(rest, out, err);
  if (cmd == "record") return record(rest, out, err);
  if (cmd == "info") return info(rest, out, err);
  if (cmd == "state") return state(rest, out, err);
  if (cmd == "export") return exportJournal(rest, out, err);
  if (cmd == "check") return check(rest, out, err);
  if (cmd == "verify") return verify(rest, out, err);
  if (cmd == "render") return render(rest, out, err);
  err << "radeau-cli: unknown command '" << sanitizeText(cmd, 60) << "'\n\n" << kUsage;
  return 2;
}

}  // namespace radeau::cli

// Runs radeau-cli in process, as the command line would, for the CLI tests.
#pragma once

#include <sstream>
#include <string>

#include "app/cli/cli.h"

namespace radeau::test {

struct CliResult {
  int code = -1;
  std::string out, err;
};

inline CliResult cliRun(const cli::Args& args) {
  std::ostringstream out, err;
  CliResult r;
  r.code = cli::main(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace radeau::test

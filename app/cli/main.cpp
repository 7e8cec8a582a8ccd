#include <iostream>

#include "app/cli/cli.h"
#include "core/top_level.h"

int main(int argc, char** argv) {
  return radeau::guarded("radeau-cli", [&] {
    radeau::cli::Args args(argv + 1, argv + argc);
    return radeau::cli::main(args, std::cout, std::cerr);
  });
}

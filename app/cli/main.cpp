#include <iostream>

#include "app/cli/cli.h"

int main(int argc, char** argv) {
  radeau::cli::Args args(argv + 1, argv + argc);
  return radeau::cli::main(args, std::cout, std::cerr);
}

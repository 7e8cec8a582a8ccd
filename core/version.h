// The program's version, from the project's CMake version. Only version.cpp
// sees the number, so a version bump recompiles one file, not the tree.
#pragma once

namespace radeau {
const char* version();  // "0.1.0"
}  // namespace radeau

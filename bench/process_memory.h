// This process's memory, from /proc/self: the benches' peaks per phase
// (issue 19: a peak within 1.5x of the steady in-memory size).
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>

namespace radeau::bench {

// A "Key: N kB" line of /proc/self/status, in bytes (0 when absent).
inline size_t statusBytes(const std::string& key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind(key, 0) == 0) return size_t(std::strtoull(line.c_str() + key.size(), nullptr, 10)) * 1024;
  return 0;
}
// Peak resident memory (VmHWM) since the last resetPeak(), in bytes: each phase's own peak.
inline size_t peakBytes() { return statusBytes("VmHWM:"); }
inline size_t residentBytes() { return statusBytes("VmRSS:"); }
inline void resetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace radeau::bench

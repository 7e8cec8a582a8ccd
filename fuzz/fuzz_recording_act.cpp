// fuzz-recording-act: the recording reader followed by the window's paths
// into a recording: acting in the past (Run::act, a new branch re-simulated
// from the fold of the prefix) and playing on past the end (Run::extend),
// both bounded in simulated time.
#include <QByteArray>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/limits.h"
#include "fuzz/fuzz_bounds.h"
#include "replay/recording_file.h"

using namespace radeau;

namespace {
// The action to take comes from the input's bytes (not from more bytes after
// it, which would make the seeds unreadable as recordings).
uint32_t hashOf(const uint8_t* data, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 16777619u;
  return h;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
  std::string error;
  auto rec = decodeRecording(bytes, error);
  if (!rec) return 0;
  const uint32_t h = hashOf(data, size);
  try {
    auto run = runFromRecording(std::move(*rec));
    const int branch = int(h % uint32_t(run->branchCount()));
    const Time end = run->endTime(branch);
    const int nodes = int(run->config().names.size());
    Action a;
    a.time_us = end > 0 ? Time((h >> 8) % uint64_t(end)) : 0;
    a.node = NodeId((h >> 4) % uint32_t(std::max(nodes, 1)));
    a.peer = NodeId((a.node + 1) % std::max(nodes, 1));
    switch ((h >> 16) % 5) {
      case 0: a.kind = ActionKind::Write; a.text = "fuzz"; break;
      case 1: a.kind = ActionKind::Crash; break;
      case 2: a.kind = ActionKind::Restart; break;
      case 3: a.kind = ActionKind::Timeout; break;
      default: a.kind = nodes > 1 ? ActionKind::Cut : ActionKind::HealAll; break;
    }
    const int fork = run->act(branch, a.time_us, a);
    // Play on, a little past the old end: the simulated span is bounded.
    run->extend(fork, a.time_us + std::min<Time>(fuzz::kMaxSimulatedUs, std::max<Time>(end - a.time_us, 0) + 2'000'000));
    run->extend(branch, end + 1'000'000);
  } catch (const limits::Exceeded&) {
  }
  return 0;
}

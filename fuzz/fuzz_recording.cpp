// fuzz-recording: the recording reader (replay/recording_file.*), then what
// opening a file does with it: the fold, the checker over every branch, and
// seeks through the projection (replay/projection.*). The reader's two ways
// through the top-level map (indexed, in order) must give one answer.
#include <QByteArray>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/recorder.h"
#include "core/limits.h"
#include "core/state.h"
#include "replay/recording_file.h"

using namespace radeau;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
  std::string error;
  auto rec = decodeRecording(bytes, error);
  // The map read value by value from its index, or item by item: one answer.
  std::string in_order_error;
  auto in_order = decodeRecordingInOrder(bytes, in_order_error);
  if (error != in_order_error || rec.has_value() != in_order.has_value() ||
      (rec && encodeRecording(*rec) != encodeRecording(*in_order))) {
    std::fprintf(stderr, "indexed: \"%s\"\nin order: \"%s\"\n", error.c_str(), in_order_error.c_str());
    std::abort();
  }
  if (!rec) return 0;
  try {
    auto run = runFromRecording(std::move(*rec));
    for (int b = 0; b < run->branchCount(); ++b) {
      const Journal& j = run->journal(b);
      fold(run->config(), j, j.size());
      Recorder::check(run->config(), j);
      const Projection& p = run->projection(b);
      const Time end = p.endTime();
      for (Time t : {Time(0), end / 3, end / 2, end, end + 1}) p.stateAt(t);
      p.stateAfter(j.size() / 2);
    }
  } catch (const limits::Exceeded&) {
  }
  return 0;
}

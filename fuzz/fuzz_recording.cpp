// fuzz-recording: the recording reader (replay/recording_file.*), then what
// opening a file does with it: the fold, the checker over every branch, and
// seeks through the projection (replay/projection.*).
#include <QByteArray>
#include <cstddef>
#include <cstdint>
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

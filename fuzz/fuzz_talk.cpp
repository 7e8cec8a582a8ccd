// fuzz-talk: the talk file parser (core/talk.*).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/talk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  radeau::TalkError error;
  radeau::parseTalk(text, "fuzz.radeau-talk", error);
  return 0;
}

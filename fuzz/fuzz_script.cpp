// fuzz-script: a scenario script (core/script.*) and, when it parses, its
// simulation for a bounded time and its `expect` lines (core/expect.*).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/expect.h"
#include "core/limits.h"
#include "core/script.h"
#include "core/simulator.h"
#include "fuzz/fuzz_bounds.h"

using namespace radeau;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ScriptError error;
  auto scenario = parseScenario(text, "fuzz.radeau-script", error);
  if (!scenario) return 0;
  try {
    Simulator sim(scenario->config);
    sim.schedule(scenario->actions);
    const Time horizon = fuzz::bounded(scenario->until_us);
    while (sim.journal().size() < fuzz::kMaxEvents && sim.step(horizon)) {
    }
    sim.finish();
    checkExpectations(scenario->expectations, scenario->config, sim.journal(), sim.state());
  } catch (const limits::Exceeded&) {
    // A limit reached is a clear error in the programs, not a crash.
  }
  return 0;
}

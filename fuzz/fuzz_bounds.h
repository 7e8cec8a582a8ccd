// Bounds shared by the fuzz targets: each input must finish well inside
// libFuzzer's -timeout, so simulated work is capped here, below the limits
// the programs themselves enforce (core/limits.h), which are sized for people.
#pragma once

#include <algorithm>

#include "core/event.h"

namespace radeau::fuzz {

inline constexpr Time kMaxSimulatedUs = 20'000'000;  // 20 s of virtual time per run
inline constexpr Seq kMaxEvents = 200'000;           // events one input may make a simulator produce

inline Time bounded(Time t) { return std::clamp<Time>(t, 0, kMaxSimulatedUs); }

}  // namespace radeau::fuzz

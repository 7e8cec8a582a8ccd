// The state as JSON, one shape for `run --state-json`, `state` and tests:
// {"time_us", "nodes":[{"name","alive","role","term","votedFor","commitIndex",
//  "log":[{"term","value"}]}], "violations":[{"kind","time_us","detail"}]}
// plus, with `detailed`, "messages" in flight and "timers".
#pragma once

#include <string>

#include "config.h"
#include "finding_names.h"
#include "journal.h"
#include "state.h"

namespace radeau {

std::string jsonEscape(std::string_view s);  // with the quotes

std::string stateToJson(const ClusterConfig& config, const Journal& journal, const ClusterState& state,
                        bool detailed = false);

}  // namespace radeau

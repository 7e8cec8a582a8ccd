// The finding kinds by name: one table for the JSON export, scripts
// (`expect finding`), talks (`pause finding`) and every message that lists
// them, so the spellings cannot drift apart again.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "event.h"

namespace radeau {

// The name of a kind ("two-leaders", "acked-write-lost", ...).
std::string_view findingKindName(FindingKind k);
// A kind by its name, or by an older spelling still read (the JSON export said
// "acknowledged-write-lost" and "write-never-acknowledged" before).
std::optional<FindingKind> findingKindFromName(std::string_view name);
// "two-leaders, log-divergence, ...": every name, for error messages.
std::string findingKindNames();

}  // namespace radeau

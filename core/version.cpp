#include "core/version.h"

namespace radeau {
const char* version() { return RADEAU_VERSION; }
}  // namespace radeau

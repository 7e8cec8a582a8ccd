// Where the prepared recordings, the author's talk and the scenario scripts
// are: PREFIX/share/radeau/recordings beside an installed program, else the
// source tree's recordings/ (a build run from its tree). Empty if neither.
#pragma once

#include <QString>

namespace radeau {

QString shippedRecordingsDir();

}  // namespace radeau

// Reading a whole input file, bounded: only regular files (a device or a FIFO
// could feed bytes for ever) and at most limits::kMaxFileBytes.
#pragma once

#include <string>

#include "large_memory.h"

namespace radeau {

// False with a message naming the (sanitised) path when the file cannot be
// read, is not a regular file, or is larger than the limit.
bool readBoundedFile(const std::string& path, std::string& content, std::string& error);
// The same into an uninitialised buffer in huge pages: a recording of ten
// million events is 110 MB, which std::string zeroes before reading over it.
bool readBoundedFile(const std::string& path, LargeBuffer& content, std::string& error);

}  // namespace radeau

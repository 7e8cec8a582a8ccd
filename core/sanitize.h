#pragma once
// Text from files and peers is hostile: before a name, a label or an error
// detail reaches a terminal, a log or a message box, control characters are
// escaped so that nothing can fake an output line or move the cursor.
#include <string>
#include <string_view>

namespace radeau {

// Escapes C0 controls and DEL as \r, \n, \t, \\ and \xHH; bytes >= 0x80 are
// kept when they form valid UTF-8 and escaped as \xHH otherwise. The result
// is printable and round-trips nothing: it is for reading, not parsing.
std::string sanitizeText(std::string_view text);

// The same, cut to at most max_bytes of input (then "…" appended), for
// echoing pieces of untrusted input in an error.
std::string sanitizeText(std::string_view text, std::size_t max_bytes);

}  // namespace radeau

// Where each entry of a recording's top-level CBOR map lies, found without
// decoding the values (issue 19: a ten-million-event load).
//
// Why: the reader decodes the file through QCborStreamReader, which can only
// go forward item by item; skipping its 315,000 inputs costs more than
// decoding them (Qt 6.4 reads every skipped string into a QString). With the
// entries' byte ranges known, each value is read by a reader of its own over
// its bytes, and the inputs can be decoded on a second thread while the
// branches are.
//
// The walk is strict on purpose: it accepts only definite-length items whose
// boundaries every CBOR decoder agrees on, and a map that ends exactly where
// the file does. Anything else (indefinite lengths, tags inside, reserved
// encodings, non-text or non-UTF-8 keys, truncation, nesting past
// kMaxCborIndexDepth) gives no index, and the reader goes item by item as
// before: its error messages are the same either way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace radeau {

struct CborMapEntry {
  std::string key;         // valid UTF-8
  size_t key_at = 0;       // where the key's header starts
  size_t value_at = 0;     // where the value's header starts
  size_t value_end = 0;    // one past its last byte
};

inline constexpr int kMaxCborIndexDepth = 64;

// The entries of the map `data` holds (after an optional self-describe tag
// 55799), in file order; nullopt when the walk above refuses the bytes.
std::optional<std::vector<CborMapEntry>> indexCborMap(const uint8_t* data, size_t size);

}  // namespace radeau

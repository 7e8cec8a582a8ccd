#include "replay/cbor_index.h"

#include <QByteArrayView>

#include <algorithm>

namespace radeau {

namespace {

// One item's head: major type and argument (a length, count or value).
// readHead reads it at `pos` and leaves `pos` where the content starts;
// false for what the index does not accept.
struct Head {
  int major = 0;
  uint64_t arg = 0;
};

bool readHead(const uint8_t* p, size_t n, size_t& pos, Head& h) {
  if (pos >= n) return false;
  const uint8_t b = p[pos++];
  h.major = b >> 5;
  const int info = b & 0x1f;
  if (h.major == 6) return false;  // tags: not in a recording's values
  if (info < 24) {
    h.arg = uint64_t(info);
    return true;
  }
  if (info > 27) return false;  // reserved (28-30) or indefinite (31)
  if (h.major == 7 && info == 24) return false;  // two-byte simple values: decoders differ on small ones
  const size_t width = size_t(1) << (info - 24);
  if (n - pos < width) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v = (v << 8) | p[pos + i];
  pos += width;
  h.arg = h.major == 7 ? 0 : v;  // a float's bits are its content, not a length
  return true;
}

// Steps over one whole item from `pos`; false if it is not acceptable.
bool skipItem(const uint8_t* p, size_t n, size_t& pos) {
  // Items still to step over, per open container (a map counts keys and values).
  uint64_t pending[kMaxCborIndexDepth];
  int depth = 0;
  pending[depth++] = 1;
  while (depth > 0) {
    if (pending[depth - 1] == 0) {
      --depth;
      continue;
    }
    --pending[depth - 1];
    Head h;
    if (!readHead(p, n, pos, h)) return false;
    switch (h.major) {
      case 2:
      case 3:
        if (h.arg > n - pos) return false;  // truncated
        pos += size_t(h.arg);
        break;
      case 4:
      case 5: {
        // Each item takes a byte at least: a count past the bytes left is truncated.
        const uint64_t items = h.major == 5 ? h.arg * 2 : h.arg;
        if (h.arg > n - pos || items > n - pos) return false;
        if (items == 0) break;
        if (depth == kMaxCborIndexDepth) return false;
        pending[depth++] = items;
        break;
      }
      default: break;  // integers and simple values: the head is the item
    }
  }
  return true;
}

}  // namespace

std::optional<std::vector<CborMapEntry>> indexCborMap(const uint8_t* data, size_t size) {
  size_t pos = 0;
  if (size >= 3 && data[0] == 0xd9 && data[1] == 0xd9 && data[2] == 0xf7) pos = 3;  // self-describe tag
  Head map;
  if (!readHead(data, size, pos, map) || map.major != 5) return std::nullopt;
  if (map.arg > size - pos) return std::nullopt;  // each entry takes two bytes at least
  std::vector<CborMapEntry> entries;
  entries.reserve(size_t(std::min<uint64_t>(map.arg, 16)));  // a hostile count reserves nothing large
  for (uint64_t i = 0; i < map.arg; ++i) {
    CborMapEntry e;
    e.key_at = pos;
    Head key;
    if (!readHead(data, size, pos, key) || key.major != 3 || key.arg > size - pos) return std::nullopt;
    const char* text = reinterpret_cast<const char*>(data + pos);
    if (!QByteArrayView(text, qsizetype(key.arg)).isValidUtf8()) return std::nullopt;
    e.key.assign(text, size_t(key.arg));
    pos += size_t(key.arg);
    e.value_at = pos;
    if (!skipItem(data, size, pos)) return std::nullopt;
    e.value_end = pos;
    entries.push_back(std::move(e));
  }
  if (pos != size) return std::nullopt;  // bytes after the map: left to the item-by-item reader
  return entries;
}

}  // namespace radeau

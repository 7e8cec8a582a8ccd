#include "event.h"

namespace radeau {

uint64_t fieldBits(const Event& e, EventField f) {
  switch (f) {
    case EventField::Time: return uint64_t(e.time_us);
    case EventField::Delay: return e.dt_us;
    case EventField::Ref: return e.ref;
    case EventField::Term: return e.term;
    case EventField::S0: return e.slot[0];
    case EventField::S1: return e.slot[1];
    case EventField::S2: return e.slot[2];
    case EventField::S3: return e.slot[3];
    case EventField::S4: return e.slot[4];
    case EventField::Kind: return uint8_t(e.kind);
    case EventField::Node: return e.node;
    case EventField::Peer: return e.peer;
    case EventField::Sub: return e.sub;
    case EventField::Flags: return e.flags;
  }
  return 0;
}

std::string describeFields(const Event& e) {
  std::string out;
  for (const EventFieldInfo& f : kEventFields) {
    if (!out.empty()) out += ' ';
    const uint64_t bits = fieldBits(e, f.field);
    out += std::string(f.name) + " " + (f.field == EventField::Time ? std::to_string(int64_t(bits)) : std::to_string(bits));
  }
  return out;
}

bool operator==(const Event& x, const Event& y) {
  for (const EventFieldInfo& f : kEventFields)
    if (fieldBits(x, f.field) != fieldBits(y, f.field)) return false;
  return true;
}

}  // namespace radeau

namespace radeau {

std::string Event::readKey() const {
  std::string key;
  for (size_t i = 0; i < kMaxReadKeyBytes; ++i) {
    const char c = char((slot[i / 4] >> (8 * (i % 4))) & 0xFFu);
    if (c == 0) break;
    key += c;
  }
  return key;
}

namespace make {
Event clientRead(NodeId n, std::string_view key) {
  Event e{.kind = EventKind::ClientRead, .node = n};
  for (size_t i = 0; i < key.size() && i < kMaxReadKeyBytes; ++i)
    e.slot[i / 4] |= uint32_t(uint8_t(key[i])) << (8 * (i % 4));
  return e;
}
}  // namespace make

}  // namespace radeau

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

bool setFieldBits(Event& e, EventField f, uint64_t bits) {
  const uint8_t bytes = kEventFields[int(f)].bytes;
  if (bytes < 8 && bits >> (8 * bytes)) return false;
  switch (f) {
    case EventField::Time: e.time_us = Time(bits); break;
    case EventField::Delay: e.dt_us = uint32_t(bits); break;
    case EventField::Ref: e.ref = Seq(bits); break;
    case EventField::Term: e.term = uint32_t(bits); break;
    case EventField::S0: e.slot[0] = uint32_t(bits); break;
    case EventField::S1: e.slot[1] = uint32_t(bits); break;
    case EventField::S2: e.slot[2] = uint32_t(bits); break;
    case EventField::S3: e.slot[3] = uint32_t(bits); break;
    case EventField::S4: e.slot[4] = uint32_t(bits); break;
    case EventField::Kind:
      if (bits >= uint64_t(kEventKindCount)) return false;
      e.kind = EventKind(bits);
      break;
    case EventField::Node: e.node = NodeId(bits); break;
    case EventField::Peer: e.peer = NodeId(bits); break;
    case EventField::Sub: e.sub = uint8_t(bits); break;
    case EventField::Flags: e.flags = uint8_t(bits); break;
  }
  return true;
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

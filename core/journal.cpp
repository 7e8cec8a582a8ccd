#include "journal.h"

#include <algorithm>
#include <cstring>

namespace radeau {

namespace {
template <typename T>
void put(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out.append(buf, sizeof(T));
}
}  // namespace

size_t Journal::contentBytes() const {
  size_t bytes = events_.size() * sizeof(Event) + carried_.size() * sizeof(Entry);
  for (const auto& w : writes_) bytes += sizeof(ClientWriteInfo) + w.text.size();
  return bytes;
}

size_t Journal::allocatedBytes() const {
  size_t bytes = events_.capacity() * sizeof(Event) + carried_.capacity() * sizeof(Entry) +
                 writes_.capacity() * sizeof(ClientWriteInfo);
  for (const auto& w : writes_)
    if (w.text.size() > 15) bytes += w.text.capacity() + 1;  // beyond the small-string buffer
  return bytes;
}

std::string Journal::canonicalBytes() const {
  std::string out;
  out.reserve(events_.size() * 44 + carried_.size() * 8);
  for (const Event& e : events_)
    for (const EventFieldInfo& f : kEventFields) {
      const uint64_t bits = fieldBits(e, f.field);
      for (int i = 0; i < f.bytes; ++i) out += char(uint8_t(bits >> (8 * i)));  // little-endian
    }
  for (const Entry& en : carried_) { put(out, en.term); put(out, en.write); }
  for (const auto& w : writes_) {
    put(out, uint32_t(w.text.size())); out += w.text; put(out, w.origin); put(out, w.time_us);
  }
  return out;
}

}  // namespace radeau

namespace radeau {

Concepts Journal::conceptsAt(Seq seq, Concepts start) const {
  auto it = std::upper_bound(concept_changes_.begin(), concept_changes_.end(), seq);
  if (it == concept_changes_.begin()) return start;
  return Concepts(events_[*(it - 1)].conceptBits());
}

}  // namespace radeau

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
  for (const Event& e : events_) {
    put(out, e.time_us); put(out, e.dt_us); put(out, e.ref); put(out, e.term);
    put(out, e.a); put(out, e.b); put(out, e.c); put(out, e.d); put(out, e.e);
    put(out, uint8_t(e.kind)); put(out, e.node); put(out, e.peer); put(out, e.sub); put(out, e.flags);
  }
  for (const Entry& en : carried_) { put(out, en.term); put(out, en.write); }
  for (const auto& w : writes_) {
    put(out, uint32_t(w.text.size())); out += w.text; put(out, w.origin); put(out, w.time_us);
  }
  return out;
}

bool operator==(const Event& x, const Event& y) {
  return x.time_us == y.time_us && x.dt_us == y.dt_us && x.ref == y.ref && x.term == y.term &&
         x.a == y.a && x.b == y.b && x.c == y.c && x.d == y.d && x.e == y.e && x.kind == y.kind &&
         x.node == y.node && x.peer == y.peer && x.sub == y.sub && x.flags == y.flags;
}

}  // namespace radeau

namespace radeau {

Concepts Journal::conceptsAt(Seq seq, Concepts start) const {
  auto it = std::upper_bound(concept_changes_.begin(), concept_changes_.end(), seq);
  if (it == concept_changes_.begin()) return start;
  return Concepts(events_[*(it - 1)].a);
}

}  // namespace radeau

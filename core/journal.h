// The append-only journal: events plus the side tables they reference.
// Nothing appended can be changed or removed; readers get const access only.
#pragma once

#include <string>
#include <vector>

#include "config.h"
#include "event.h"

namespace radeau {

struct Entry {
  uint32_t term = 0;
  uint32_t write = 0;  // client write id; 0 = a leader's no-op
  bool operator==(const Entry&) const = default;
};

struct ClientWriteInfo {
  std::string text;
  NodeId origin = kNoNode;  // the node the client wrote to
  Time time_us = 0;
};

class Journal {
 public:
  Journal() { writes_.push_back({"(no-op)", kNoNode, 0}); }

  Seq append(const Event& e) {
    events_.push_back(e);
    if (e.kind == EventKind::ConceptsChanged) concept_changes_.push_back(Seq(events_.size() - 1));
    return Seq(events_.size() - 1);
  }
  // Entries a logRequest carries; returns the offset to store in the event.
  uint32_t appendCarried(const Entry* first, size_t count) {
    uint32_t offset = uint32_t(carried_.size());
    carried_.insert(carried_.end(), first, first + count);
    return offset;
  }
  uint32_t addWrite(ClientWriteInfo w) {
    writes_.push_back(std::move(w));
    return uint32_t(writes_.size() - 1);
  }
  void reserve(size_t events) { events_.reserve(events); }

  size_t size() const { return events_.size(); }
  bool empty() const { return events_.empty(); }
  const Event& operator[](Seq s) const { return events_[s]; }
  const Event& back() const { return events_.back(); }
  const std::vector<Event>& events() const { return events_; }
  const std::vector<Entry>& carried() const { return carried_; }
  const std::vector<ClientWriteInfo>& writes() const { return writes_; }
  const Entry* carriedEntries(const Event& log_request) const { return carried_.data() + log_request.carriedOffset(); }
  // The flags in force at `seq`: `start` (the run's configuration) changed by
  // the last ConceptsChanged at or before it. Found by bisection: the
  // formatter asks for every row of the journal panel.
  Concepts conceptsAt(Seq seq, Concepts start) const;

  // Bytes of memory the journal's content occupies (not counting spare capacity).
  size_t contentBytes() const;
  // Bytes actually allocated, spare vector capacity included.
  size_t allocatedBytes() const;
  // A canonical byte serialization, for determinism comparisons and hashing.
  std::string canonicalBytes() const;

 private:
  std::vector<Event> events_;
  std::vector<Entry> carried_;
  std::vector<ClientWriteInfo> writes_;
  std::vector<Seq> concept_changes_;  // seqs of the ConceptsChanged events (an index, not content)
};

}  // namespace radeau

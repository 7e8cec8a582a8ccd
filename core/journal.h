// The append-only journal: events plus the side tables they reference.
// Nothing appended can be changed or removed; readers get const access only.
//
// Storage (issue 19): events are kept packed, 28 bytes each plus an overflow
// row for the few with payload beyond two slots (packed_events.h), and read as
// Event values. Events, writes and the carried table live in shared
// chunks (shared_chunks.h), so a copy of a journal, or a journal made of
// another's prefix (sharePrefix: a forked branch), shares what it has in
// common instead of copying it. The carried table is logical: events keep the
// offsets they always had (so the canonical bytes do not change), and each
// range appended maps to physical entries that an identical earlier range may
// already hold (an installSnapshot re-sent every heartbeat, a whole log sent
// to every follower): identical payloads are stored once.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config.h"
#include "event.h"
#include "packed_events.h"
#include "shared_chunks.h"

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

// The events, packed (packed_events.h): 28 bytes each, plus 12 for the few
// whose slots 2..4 are not all zero. They are read as Event values.
using EventLog = PackedEvents;

// A hash of a run of carried entries: the journal's dedup of identical
// payloads and the recording writer's back-references use the same one.
uint64_t hashEntries(const Entry* first, size_t count);

class Journal;

// The carried table as its callers read it: size() logical entries, indexed
// by the offsets events hold.
class CarriedView {
 public:
  explicit CarriedView(const Journal& j) : j_(&j) {}
  size_t size() const;
  bool empty() const { return size() == 0; }
  Entry operator[](size_t i) const;
  std::vector<Entry> toVector(size_t from = 0) const;

 private:
  const Journal* j_;
};

class Journal {
 public:
  Journal() { writes_.push_back({"(no-op)", kNoNode, 0}); }
  // The journal made of `source`'s first `events` events, `carried` logical
  // carried entries and `writes` writes (the no-op included), sharing them.
  static Journal sharePrefix(const Journal& source, size_t events, size_t carried, size_t writes);

  Seq append(const Event& e) {
    events_.push_back(e);
    if (e.kind == EventKind::ConceptsChanged) concept_changes_.push_back(Seq(events_.size() - 1));
    return Seq(events_.size() - 1);
  }
  // Entries a logRequest carries; returns the offset to store in the event.
  // An identical range appended earlier is reused instead of stored again.
  uint32_t appendCarried(const Entry* first, size_t count);
  // Appends `count` entries equal to the logical ones at [from, from + count),
  // which must lie within the table: shares their storage when one range
  // holds them (a recording's back-reference to an identical payload), else
  // copies them. Returns the offset to store in the event.
  uint32_t appendCarriedCopyOf(size_t from, size_t count);
  // Appends `source`'s logical carried entries from `from` on, keeping its ranges.
  void appendCarriedFrom(const Journal& source, size_t from);
  // Splits the carried entries from logical offset `from` on at the ranges the
  // events from `first_event` on refer to, and stores identical ones once (a
  // recording file holds the table as one block). Does nothing where an event
  // would refer across two ranges. Same logical table, same canonical bytes.
  void splitCarried(size_t from, Seq first_event);
  uint32_t addWrite(ClientWriteInfo w) {
    writes_.push_back(std::move(w));
    return uint32_t(writes_.size() - 1);
  }
  void reserve(size_t events) { events_.reserve(events); }

  size_t size() const { return events_.size(); }
  bool empty() const { return events_.empty(); }
  // Events are stored packed: these return a value, not a reference into the journal.
  Event operator[](Seq s) const { return events_[s]; }
  EventKind kindAt(Seq s) const { return events_.kind(s); }  // without unpacking the event
  Event back() const { return events_.back(); }
  const EventLog& events() const { return events_; }
  CarriedView carried() const { return CarriedView(*this); }
  size_t carriedSize() const { return carried_size_; }
  const SharedChunks<ClientWriteInfo, 10>& writes() const { return writes_; }
  // The entries an event carries (contiguous for its count), or nullptr when
  // its offset is outside the table.
  const Entry* carriedEntries(const Event& log_request) const { return carriedAt(log_request.carriedOffset()); }
  const Entry* carriedAt(size_t offset) const;
  // How many entries from `offset` on are contiguous at carriedAt(offset) (0 outside the table).
  size_t carriedContiguous(size_t offset) const {
    return offset < carried_size_ ? rangeEnd(rangeIndex(offset)) - offset : 0;
  }
  // Where an event equal to `e` first sits among the events of its time, or -1
  // when none is equal (events are values: a journal hands out copies).
  int64_t indexOf(const Event& e) const;
  // The flags in force at `seq`: `start` (the run's configuration) changed by
  // the last ConceptsChanged at or before it. Found by bisection: the
  // formatter asks for every row of the journal panel.
  Concepts conceptsAt(Seq seq, Concepts start) const;

  // Carried entries actually stored (identical ranges once) that this journal refers to.
  size_t carriedStored() const;
  // Bytes of memory the journal's content occupies (not counting spare capacity).
  size_t contentBytes() const;
  // Bytes actually allocated, spare vector capacity included.
  size_t allocatedBytes() const;
  // f(identity, bytes) for every block of storage: blocks a copy or a forked
  // branch shares have one identity, so a run counts them once (Run::journalBytes).
  void forEachBlock(const std::function<void(const void*, size_t)>& f) const;
  // A canonical byte serialization, for determinism comparisons and hashing.
  std::string canonicalBytes() const;
  // Its length, without making it.
  size_t canonicalSize() const;
  // canonicalBytes() == other.canonicalBytes(), without making either: a
  // ten-million-event journal's serialization is 3 GB (verify, bench-replay).
  bool sameCanonicalBytes(const Journal& other) const;

 private:
  friend class CarriedView;
  struct Range {
    uint32_t logical;  // first logical offset
    uint32_t phys;     // where its entries are stored
  };
  // Physical carried entries: blocks of kBlock entries that never move; a
  // range larger than a block gets consecutive slots of one allocation.
  static constexpr unsigned kBlockShift = 11;
  static constexpr size_t kBlock = size_t{1} << kBlockShift;
  struct CacheSlot {
    uint64_t hash = 0;
    uint32_t phys = 0;
    uint32_t count = 0;
  };
  static constexpr size_t kCacheSlots = 1024;
  // Runs that grow: an installSnapshot or a whole log re-sent while the log
  // grows is the previous payload with new entries after it. A range whose
  // first entries are a recent run's and that extends it is written after the
  // run in place, when the run ends its block's entries, the block has room
  // and this journal writes it (a copy shares it and writes its own): the
  // growing payload is stored about once, not once per size.
  struct Owned {
    bool v = false;
    Owned() = default;
    Owned(const Owned&) {}
    Owned(Owned&& o) noexcept : v(std::exchange(o.v, false)) {}
    Owned& operator=(const Owned&) { v = false; return *this; }
    Owned& operator=(Owned&& o) noexcept { v = std::exchange(o.v, false); return *this; }
  };
  using Block = std::vector<Entry, LargeAllocator<Entry>>;  // kBlock entries: 16 KiB, pooled
  struct Run {
    uint64_t head = 0;      // hashEntries of its first kRunHead entries
    uint32_t phys = 0;      // where its entries are stored
    uint32_t count = 0;     // 0: no run
    Block* block = nullptr; // the block holding it (alive while blocks_ holds it)
    uint32_t block_phys = 0;
    Owned writable;         // this journal may append to the block
  };
  static constexpr size_t kRunMin = 256, kRunHead = 4, kRunSlots = 64;
  uint32_t storeCarried(const Entry* first, size_t count);
  bool extendRun(Run& run, const Entry* more, size_t count);
  // Stores `count` entries in a new block of `capacity` (>= count) starting
  // at the next slot; returns their physical offset.
  uint32_t storeInNewBlock(const Entry* first, size_t count, size_t capacity);
  const Entry* phys(uint32_t p) const { return slots_[p >> kBlockShift] + (p & (kBlock - 1)); }
  size_t rangeIndex(size_t offset) const;  // the range holding a logical offset
  size_t rangeEnd(size_t r) const { return r + 1 < ranges_.size() ? ranges_[r + 1].logical : carried_size_; }

  EventLog events_;
  SharedChunks<ClientWriteInfo, 10> writes_;
  std::vector<Seq> concept_changes_;  // seqs of the ConceptsChanged events (an index, not content)
  // The carried table.
  SharedChunks<Range, 12> ranges_;
  size_t carried_size_ = 0;                        // logical entries
  std::vector<std::shared_ptr<Block>> blocks_;
  std::vector<const Entry*> slots_;                // slot k: physical [k * kBlock, (k + 1) * kBlock)
  uint32_t phys_size_ = 0;                         // next physical offset
  // Whether the block of the last slot may be written: a copy shares the
  // blocks but writes its own from a new one.
  Owned tail_owned_;
  std::vector<CacheSlot> cache_;  // recent ranges by hash (allocated on the first range)
  std::vector<Run> runs_;         // recent long ranges by their first entries (with cache_)
};

}  // namespace radeau

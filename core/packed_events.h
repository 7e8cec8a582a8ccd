// The journal's event storage (issue 19): every Event, a 48-byte value, kept
// as a packed 28-byte record.
//
// The record holds the time as an offset from the first event of its block of
// 64 (the block's rank keeps that time), dt_us, ref, term, slot[0], slot[1],
// kind, node, peer, and sub (5 bits) with flags (3 bits) in one byte. Slots
// 2..4 are zero for most kinds; an event whose slots 2..4 are not all zero
// puts them in an overflow row, found in O(1) by a bitmap per 64 events and
// the number of rows before them (a rank). The rare event whose sub or flags
// do not fit (a forged file: every enum and flag of event.h fits, see the
// static_asserts), or whose time is not within 2^32 - 1 us after its block's
// first (a file's, or an hour and more with nothing happening), keeps them
// exactly in a small side table, so every Event round-trips to the same bytes.
// Records, ranks and overflow rows live in shared chunks: a copy, or a prefix
// (a forked branch), shares them.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "event.h"
#include "shared_chunks.h"

namespace radeau {

static_assert(int(kLastMsgType) < 32 && int(kLastFindingKind) < 32 && int(kLastConfigRefusal) < 32 &&
                  int(Role::Leader) < 32 && int(TimerKind::Heartbeat) < 32 && int(DropReason::Manual) < 32 &&
                  int(FailReason::Undelivered) < 32,
              "every enum stored in Event::sub must fit in 5 bits (packed_events.h)");
static_assert((kFlagLost | kFlagDuplicate | kFlagPreCandidate) < 8,
              "every Event flag must fit in 3 bits (packed_events.h)");

class PackedEvents {
 public:
  struct Record {
    uint32_t time_offset;  // after the block's first event; kTimeEscaped: see the side table
    uint32_t dt_us, ref, term, s0, s1;
    EventKind kind;
    NodeId node, peer;
    uint8_t sub_flags;  // sub | flags << 5; kEscaped: see the side table
  };
  static_assert(sizeof(Record) == 28);
  struct Overflow {
    uint32_t s2, s3, s4;
  };
  struct Rank {
    uint64_t bits = 0;  // which of the 64 events have an overflow row
    uint64_t base = 0;  // overflow rows before them
    Time time_base = 0;  // the time of the block's first event
  };
  struct Escaped {  // an event's sub, flags and time as they are
    Seq seq;
    uint8_t sub, flags;
    Time time_us;
  };
  static constexpr uint8_t kEscaped = 0xFF;
  static constexpr uint32_t kTimeEscaped = 0xFFFFFFFFu;
  static constexpr size_t kChunk = size_t{1} << 12;

  class const_iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using iterator_concept = std::random_access_iterator_tag;
    using value_type = Event;
    using difference_type = std::ptrdiff_t;
    using reference = Event;
    struct pointer {
      Event e;
      const Event* operator->() const { return &e; }
    };
    const_iterator() = default;
    const_iterator(const PackedEvents* s, size_t i) : s_(s), i_(i) {}
    Event operator*() const { return (*s_)[i_]; }
    pointer operator->() const { return {(*s_)[i_]}; }
    Event operator[](difference_type d) const { return (*s_)[size_t(difference_type(i_) + d)]; }
    const_iterator& operator++() { ++i_; return *this; }
    const_iterator operator++(int) { const_iterator t = *this; ++i_; return t; }
    const_iterator& operator--() { --i_; return *this; }
    const_iterator operator--(int) { const_iterator t = *this; --i_; return t; }
    const_iterator& operator+=(difference_type d) { i_ = size_t(difference_type(i_) + d); return *this; }
    const_iterator& operator-=(difference_type d) { i_ = size_t(difference_type(i_) - d); return *this; }
    friend const_iterator operator+(const_iterator it, difference_type d) { return it += d; }
    friend const_iterator operator+(difference_type d, const_iterator it) { return it += d; }
    friend const_iterator operator-(const_iterator it, difference_type d) { return it -= d; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return difference_type(a.i_) - difference_type(b.i_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.i_ <=> b.i_; }
    size_t index() const { return i_; }

   private:
    const PackedEvents* s_ = nullptr;
    size_t i_ = 0;
  };
  using iterator = const_iterator;
  using value_type = Event;
  using size_type = size_t;

  size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }
  Event back() const { return (*this)[size() - 1]; }
  Event front() const { return (*this)[0]; }

  Event operator[](size_t i) const {
    const Rank& k = rank(i >> 6);
    const uint64_t below = (uint64_t{1} << (i & 63)) - 1;
    const bool overflows = (k.bits >> (i & 63)) & 1u;
    return unpack(i, k.time_base, overflows ? &overflow_[size_t(k.base) + size_t(std::popcount(k.bits & below))] : nullptr);
  }

  // The kind of event i, without unpacking it (a scan for a few kinds).
  EventKind kind(size_t i) const { return records_[i].kind; }

  // Reads events in order from `from`: keeps the block's bitmap and its
  // overflow row, so a fold over the journal pays no rank per event.
  class Reader {
   public:
    Reader(const PackedEvents& s, size_t from) : s_(&s), i_(from) { seekBlock(); }
    Event next() {
      if ((i_ & 63) == 0) seekBlock();
      const bool overflows = (bits_ >> (i_ & 63)) & 1u;
      const Event e = s_->unpack(i_, time_base_, overflows ? &s_->overflow_[row_++] : nullptr);
      ++i_;
      return e;
    }

   private:
    void seekBlock() {
      if (i_ >= s_->size()) return;
      const Rank& k = s_->rank(i_ >> 6);
      bits_ = k.bits;
      time_base_ = k.time_base;
      row_ = size_t(k.base) + size_t(std::popcount(k.bits & ((uint64_t{1} << (i_ & 63)) - 1)));
    }
    const PackedEvents* s_;
    size_t i_;
    uint64_t bits_ = 0;
    Time time_base_ = 0;
    size_t row_ = 0;
  };
  Reader reader(size_t from = 0) const { return Reader(*this, from); }

  void push_back(const Event& e) {
    const size_t i = size();
    const bool fits = e.sub < 32 && e.flags < 8 && !(e.sub == 31 && e.flags == 7);
    if ((i & 63) == 0) current_.time_base = e.time_us;
    // The offset in unsigned arithmetic: a time before the block's first, or
    // 2^32 - 1 us and more after it, is escaped.
    const uint64_t offset = uint64_t(e.time_us) - uint64_t(current_.time_base);
    const bool time_fits = e.time_us >= current_.time_base && offset < kTimeEscaped;
    records_.push_back({time_fits ? uint32_t(offset) : kTimeEscaped, e.dt_us, e.ref, e.term, e.slot[0], e.slot[1],
                        e.kind, e.node, e.peer, fits ? uint8_t(e.sub | e.flags << 5) : kEscaped});
    if (!fits || !time_fits) escaped_.push_back({Seq(i), e.sub, e.flags, e.time_us});
    if (e.slot[2] | e.slot[3] | e.slot[4]) {
      overflow_.push_back({e.slot[2], e.slot[3], e.slot[4]});
      current_.bits |= uint64_t{1} << (i & 63);
    }
    if ((i & 63) == 63) {  // the block of 64 is complete: its rank never changes again
      ranks_.push_back(current_);
      current_ = {0, current_.base + uint64_t(std::popcount(current_.bits)), 0};
    }
  }
  void reserve(size_t n) {
    records_.reserve(n);
    ranks_.reserve(n / 64);
  }

  // Becomes the first n events of o, sharing its full chunks.
  void sharePrefix(const PackedEvents& o, size_t n) {
    n = std::min(n, o.size());
    records_.sharePrefix(o.records_, n);
    ranks_.sharePrefix(o.ranks_, n >> 6);
    if (n & 63) {
      current_ = o.rank(n >> 6);
      current_.bits &= (uint64_t{1} << (n & 63)) - 1;
    } else {
      current_ = {0, n == 0 ? 0 : lastBase(o, n), 0};
    }
    overflow_.sharePrefix(o.overflow_, size_t(current_.base) + size_t(std::popcount(current_.bits)));
    size_t escaped = 0;
    while (escaped < o.escaped_.size() && o.escaped_[escaped].seq < n) ++escaped;
    escaped_.sharePrefix(o.escaped_, escaped);
  }

  // Overflow rows stored (the events whose slots 2..4 are not all zero).
  size_t overflowRows() const { return overflow_.size(); }
  size_t contentBytes() const {
    return records_.contentBytes() + overflow_.contentBytes() + ranks_.contentBytes() + sizeof(Rank) +
           escaped_.contentBytes();
  }
  size_t allocatedBytes() const {
    return records_.allocatedBytes() + overflow_.allocatedBytes() + ranks_.allocatedBytes() +
           escaped_.allocatedBytes();
  }
  template <typename F>
  void forEachChunk(F&& f) const {
    records_.forEachChunk(f);
    overflow_.forEachChunk(f);
    ranks_.forEachChunk(f);
    escaped_.forEachChunk(f);
  }

 private:
  // Event i from its record and its overflow row (nullptr: slots 2..4 are zero).
  Event unpack(size_t i, Time time_base, const Overflow* o) const {
    const Record& r = records_[i];
    Event e;
    e.time_us = Time(uint64_t(time_base) + r.time_offset);
    e.dt_us = r.dt_us;
    e.ref = r.ref;
    e.term = r.term;
    e.slot[0] = r.s0;
    e.slot[1] = r.s1;
    e.kind = r.kind;
    e.node = r.node;
    e.peer = r.peer;
    e.sub = r.sub_flags & 31u;
    e.flags = uint8_t(r.sub_flags >> 5);
    if (o) {
      e.slot[2] = o->s2;
      e.slot[3] = o->s3;
      e.slot[4] = o->s4;
    }
    if (r.sub_flags == kEscaped || r.time_offset == kTimeEscaped) [[unlikely]] {
      const Escaped& x = escapedOf(Seq(i));
      e.sub = x.sub;
      e.flags = x.flags;
      e.time_us = x.time_us;
    }
    return e;
  }

  const Rank& rank(size_t block) const { return block < ranks_.size() ? ranks_[block] : current_; }
  static uint64_t lastBase(const PackedEvents& o, size_t n) {
    const Rank& k = o.rank((n >> 6) - 1);
    return k.base + uint64_t(std::popcount(k.bits));
  }
  const Escaped& escapedOf(Seq s) const {
    auto it = std::lower_bound(escaped_.begin(), escaped_.end(), s,
                               [](const Escaped& x, Seq v) { return x.seq < v; });
    return *it;
  }

  SharedChunks<Record, 12> records_;
  SharedChunks<Overflow, 12> overflow_;
  SharedChunks<Rank, 8> ranks_;  // one per complete block of 64 events
  Rank current_;                 // the block being filled
  SharedChunks<Escaped, 6> escaped_;
};

}  // namespace radeau

#include "journal.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace radeau {

namespace {
template <typename T>
void put(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out.append(buf, sizeof(T));
}

// What carriedAt answers for an offset outside the table: a count of zero
// may be read from it; anything else was checked against the table first.
const Entry kNoEntry{};
}  // namespace

uint64_t hashEntries(const Entry* first, size_t count) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ count;
  for (size_t i = 0; i < count; ++i) {
    h ^= (uint64_t(first[i].term) << 32) | first[i].write;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
  }
  return h;
}

// --- carried view ------------------------------------------------------------

size_t CarriedView::size() const { return j_->carried_size_; }
Entry CarriedView::operator[](size_t i) const { return *j_->carriedAt(i); }
std::vector<Entry> CarriedView::toVector(size_t from) const {
  std::vector<Entry> out;
  if (from >= j_->carried_size_) return out;
  out.reserve(j_->carried_size_ - from);
  for (size_t r = j_->rangeIndex(from); r < j_->ranges_.size(); ++r) {
    const size_t begin = std::max<size_t>(from, j_->ranges_[r].logical), end = j_->rangeEnd(r);
    const Entry* p = j_->carriedAt(begin);
    out.insert(out.end(), p, p + (end - begin));
  }
  return out;
}

// --- carried table -------------------------------------------------------------

size_t Journal::rangeIndex(size_t offset) const {
  const size_t last = ranges_.size() - 1;
  if (offset >= ranges_[last].logical) return last;
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), offset,
                             [](size_t o, const Range& r) { return o < r.logical; });
  return size_t(it - ranges_.begin()) - 1;
}

const Entry* Journal::carriedAt(size_t offset) const {
  if (offset >= carried_size_) return &kNoEntry;
  const Range& r = ranges_[rangeIndex(offset)];
  return phys(r.phys) + (offset - r.logical);
}

uint32_t Journal::storeInNewBlock(const Entry* first, size_t count, size_t capacity) {
  // A block from the next slot: one allocation spanning as many slots as its capacity needs.
  auto block = std::make_shared<Block>();
  block->reserve(capacity);
  block->insert(block->end(), first, first + count);
  const uint32_t p = uint32_t(slots_.size() << kBlockShift);
  for (size_t k = 0; k < std::max<size_t>(1, (capacity + kBlock - 1) >> kBlockShift); ++k)
    slots_.push_back(block->data() + (k << kBlockShift));
  blocks_.push_back(std::move(block));
  return p;
}

bool Journal::extendRun(Run& run, const Entry* more, size_t count) {
  Block& b = *run.block;
  if (!run.writable.v || run.phys + run.count != run.block_phys + b.size() || b.size() + count > b.capacity()) return false;
  b.insert(b.end(), more, more + count);  // within the capacity reserved: never moves
  run.count += uint32_t(count);
  if (&b == blocks_.back().get() && tail_owned_.v) phys_size_ = uint32_t(run.block_phys + b.size());
  return true;
}

uint32_t Journal::storeCarried(const Entry* first, size_t count) {
  if (cache_.empty()) cache_.resize(kCacheSlots);
  if (runs_.empty()) runs_.resize(kRunSlots);
  Run* run = nullptr;
  bool grows = false;
  uint64_t head = 0;
  if (count >= kRunMin) {
    head = hashEntries(first, kRunHead);
    run = &runs_[head & (kRunSlots - 1)];
    if (run->count > 0 && run->head == head) {
      const Entry* p = phys(run->phys);
      const size_t common = std::min<size_t>(count, run->count);
      const size_t same = size_t(std::mismatch(first, first + common, p).first - first);
      if (same == count) return run->phys;  // a prefix of the run: already stored
      if (same == run->count) {
        if (extendRun(*run, first + same, count - same)) return run->phys;
        grows = true;
      }
    }
  }
  const uint64_t h = hashEntries(first, count);
  CacheSlot& c = cache_[h & (kCacheSlots - 1)];
  if (c.count == count && c.hash == h && std::equal(first, first + count, phys(c.phys))) return c.phys;
  uint32_t p;
  Block* block;
  uint32_t block_phys;
  if (grows && slots_.size() < (size_t{1} << 20)) {
    // A payload that grows: its own block with room to grow in place by half
    // again (a copy when it is full: geometric, so about three times the last
    // size in all). Small ranges go on in a new shared block.
    p = storeInNewBlock(first, count, count + count / 2);
    block = blocks_.back().get();
    block_phys = p;
    phys_size_ = uint32_t(slots_.size() << kBlockShift);
    tail_owned_.v = false;
  } else {
    const size_t used = phys_size_ & (kBlock - 1);
    if (!tail_owned_.v || used == 0 || used + count > kBlock) {
      // A new block from the next slot: kBlock entries, or one allocation
      // spanning several slots for a larger range.
      p = storeInNewBlock(first, count, std::max(kBlock, count));
      phys_size_ = count >= kBlock ? uint32_t(slots_.size() << kBlockShift) : uint32_t(p + count);
      tail_owned_.v = count < kBlock;
    } else {
      Block& tail = *blocks_.back();
      tail.insert(tail.end(), first, first + count);  // within the capacity reserved: never moves
      p = phys_size_;
      phys_size_ = uint32_t(phys_size_ + count);
    }
    block = blocks_.back().get();
    block_phys = uint32_t(p & ~uint32_t(kBlock - 1));  // a block starts at a slot
  }
  c = {h, p, uint32_t(count)};
  if (run) {
    run->head = head;
    run->phys = p;
    run->count = uint32_t(count);
    run->block = block;
    run->block_phys = block_phys;
    run->writable.v = true;
  }
  return p;
}

uint32_t Journal::appendCarried(const Entry* first, size_t count) {
  const uint32_t offset = uint32_t(carried_size_);
  if (count == 0) return offset;
  ranges_.push_back({offset, storeCarried(first, count)});
  carried_size_ += count;
  return offset;
}

uint32_t Journal::appendCarriedCopyOf(size_t from, size_t count) {
  const uint32_t offset = uint32_t(carried_size_);
  if (count == 0 || from + count > carried_size_) return offset;
  const size_t r = rangeIndex(from);
  if (from + count <= rangeEnd(r)) {  // within one range: the same physical entries
    ranges_.push_back({offset, uint32_t(ranges_[r].phys + (from - ranges_[r].logical))});
    carried_size_ += count;
    return offset;
  }
  std::vector<Entry> copy;
  copy.reserve(count);
  for (size_t k = r; copy.size() < count; ++k) {
    const size_t begin = std::max<size_t>(from, ranges_[k].logical);
    const size_t end = std::min(rangeEnd(k), from + count);
    const Entry* p = carriedAt(begin);
    copy.insert(copy.end(), p, p + (end - begin));
  }
  return appendCarried(copy.data(), copy.size());
}

void Journal::appendCarriedFrom(const Journal& source, size_t from) {
  if (from >= source.carried_size_) return;
  for (size_t r = source.rangeIndex(from); r < source.ranges_.size(); ++r) {
    const size_t begin = std::max<size_t>(from, source.ranges_[r].logical), end = source.rangeEnd(r);
    appendCarried(source.carriedAt(begin), end - begin);
  }
}

void Journal::splitCarried(size_t from, Seq first_event) {
  if (from >= carried_size_) return;
  struct Cut {
    size_t begin, count;
  };
  std::vector<Cut> cuts;
  size_t cursor = from;
  for (Seq s = first_event; s < events_.size(); ++s) {
    const Event& e = events_[s];
    if (!carriesEntries(e) || e.carriedCount() == 0) continue;
    const size_t o = e.carriedOffset(), c = e.carriedCount();
    if (o + c > carried_size_) return;  // outside the table: left as it is
    if (o < from) {
      if (o + c > from) return;
      continue;
    }
    if (o >= cursor) {
      if (o > cursor) cuts.push_back({cursor, o - cursor});
      cuts.push_back({o, c});
      cursor = o + c;
      continue;
    }
    // An earlier range again (a duplicated message): it must be one of the cuts.
    auto it = std::upper_bound(cuts.begin(), cuts.end(), o, [](size_t x, const Cut& k) { return x < k.begin; });
    if (it == cuts.begin() || o + c > (it - 1)->begin + (it - 1)->count) return;
  }
  if (cursor < carried_size_) cuts.push_back({cursor, carried_size_ - cursor});
  // The entries from `from` on: read in place when one range holds them (a
  // recording's block, alive until released below), else gathered.
  std::vector<Entry> gathered;
  const size_t first_range = rangeIndex(from);
  const Entry* own = carriedAt(from);
  if (rangeEnd(first_range) < carried_size_ || tail_owned_.v) {  // not from the block being written
    gathered = carried().toVector(from);
    own = gathered.data();
  }
  // Drop the ranges from `from` on, then append the cuts (identical ones stored once).
  const size_t keep = from == 0 ? 0 : rangeIndex(from - 1) + 1;
  if (keep > 0 && rangeEnd(keep - 1) != from) return;  // `from` inside a range: left as it is
  {
    SharedChunks<Range, 12> kept;
    kept.sharePrefix(ranges_, keep);
    ranges_ = std::move(kept);
  }
  carried_size_ = from;
  std::fill(cache_.begin(), cache_.end(), CacheSlot{});
  runs_.clear();  // they point into blocks about to be released
  for (const Cut& k : cuts) appendCarried(own + (k.begin - from), k.count);
  // Release the blocks no range refers to any more (the one-block table).
  std::vector<char> used_slot(slots_.size(), 0);
  for (size_t r = 0; r < ranges_.size(); ++r) {
    const size_t count = rangeEnd(r) - ranges_[r].logical;
    const size_t first = ranges_[r].phys >> kBlockShift, last = (ranges_[r].phys + count - 1) >> kBlockShift;
    for (size_t k = first; k <= last; ++k) used_slot[k] = 1;
  }
  // Slots of one block are consecutive and the first points at its data.
  std::unordered_map<const Entry*, size_t> first_slot_of;
  for (size_t b = 0; b < blocks_.size(); ++b) first_slot_of[blocks_[b]->data()] = b;
  std::vector<char> used_block(blocks_.size(), 0);
  std::vector<size_t> block_of(slots_.size(), SIZE_MAX);
  for (size_t k = 0, b = SIZE_MAX; k < slots_.size(); ++k) {
    if (!slots_[k]) continue;
    if (auto it = first_slot_of.find(slots_[k]); it != first_slot_of.end()) b = it->second;
    block_of[k] = b;
    if (used_slot[k] && b != SIZE_MAX) used_block[b] = 1;
  }
  for (size_t k = 0; k < slots_.size(); ++k)
    if (block_of[k] != SIZE_MAX && !used_block[block_of[k]] && block_of[k] + 1 != blocks_.size()) slots_[k] = nullptr;
  for (size_t b = 0; b + 1 < blocks_.size(); ++b)
    if (!used_block[b]) blocks_[b].reset();
  std::erase(blocks_, nullptr);
}

size_t Journal::carriedStored() const {
  size_t n = 0;
  for (const auto& b : blocks_) n += b->size();
  return n;
}

// --- sharing -------------------------------------------------------------------

Journal Journal::sharePrefix(const Journal& source, size_t events, size_t carried, size_t writes) {
  Journal j;
  j.events_.sharePrefix(source.events_, events);
  j.writes_.sharePrefix(source.writes_, std::max<size_t>(1, writes));
  for (Seq s : source.concept_changes_)
    if (s < j.events_.size()) j.concept_changes_.push_back(s);
  j.carried_size_ = std::min(carried, source.carried_size_);
  j.ranges_.sharePrefix(source.ranges_, j.carried_size_ == 0 ? 0 : source.rangeIndex(j.carried_size_ - 1) + 1);
  j.blocks_ = source.blocks_;
  j.slots_ = source.slots_;
  j.phys_size_ = source.phys_size_;
  j.cache_ = source.cache_;
  j.runs_ = source.runs_;  // read, not written: the source owns their blocks
  return j;
}

int64_t Journal::indexOf(const Event& e) const {
  // The journal is ordered by time: bisect to e's instant, then compare.
  auto lo = std::lower_bound(events_.begin(), events_.end(), e.time_us,
                             [](const Event& x, Time t) { return x.time_us < t; });
  for (; lo != events_.end(); ++lo) {
    const Event x = *lo;
    if (x.time_us != e.time_us) break;
    if (x == e) return int64_t(lo.index());
  }
  return -1;
}

// --- accounting ------------------------------------------------------------------

size_t Journal::contentBytes() const {
  size_t bytes = events_.contentBytes() + ranges_.contentBytes() + carriedStored() * sizeof(Entry);
  for (const auto& w : writes_) bytes += sizeof(ClientWriteInfo) + w.text.size();
  return bytes;
}

size_t Journal::allocatedBytes() const {
  size_t bytes = events_.allocatedBytes() + ranges_.allocatedBytes() + writes_.allocatedBytes() +
                 slots_.capacity() * sizeof(slots_[0]) + cache_.capacity() * sizeof(CacheSlot) +
                 runs_.capacity() * sizeof(Run);
  for (const auto& b : blocks_) bytes += b->capacity() * sizeof(Entry);
  for (const auto& w : writes_)
    if (w.text.size() > 15) bytes += w.text.capacity() + 1;  // beyond the small-string buffer
  return bytes;
}

void Journal::forEachBlock(const std::function<void(const void*, size_t)>& f) const {
  events_.forEachChunk(f);
  ranges_.forEachChunk(f);
  for (const auto& b : blocks_) f(b.get(), b->size() * sizeof(Entry));
  writes_.forEachChunk([&](const void* chunk, size_t bytes) {
    for (const auto& w : *static_cast<const std::vector<ClientWriteInfo>*>(chunk)) bytes += w.text.size();
    f(chunk, bytes);
  });
  // Not shared: the index of concept changes and the cache of recent ranges.
  f(this, concept_changes_.size() * sizeof(Seq) + cache_.size() * sizeof(CacheSlot) + runs_.size() * sizeof(Run));
}

namespace {
constexpr size_t canonicalEventBytes() {
  size_t n = 0;
  for (const EventFieldInfo& f : kEventFields) n += size_t(f.bytes);
  return n;
}
}  // namespace

size_t Journal::canonicalSize() const {
  size_t bytes = events_.size() * canonicalEventBytes() + carried_size_ * (sizeof(uint32_t) * 2);
  for (const auto& w : writes_) bytes += sizeof(uint32_t) + w.text.size() + sizeof(w.origin) + sizeof(w.time_us);
  return bytes;
}

bool Journal::sameCanonicalBytes(const Journal& o) const {
  if (canonicalSize() != o.canonicalSize()) return false;
  // Same length but the sections split differently: only in contrived cases, compared whole.
  if (size() != o.size() || carried_size_ != o.carried_size_) return canonicalBytes() == o.canonicalBytes();
  // Same section lengths: equal bytes is equal fields (each section is fixed-width or length-prefixed).
  for (size_t i = 0; i < events_.size(); ++i) {
    const Event &a = events_[i], &b = o.events_[i];
    for (const EventFieldInfo& f : kEventFields)
      if (fieldBits(a, f.field) != fieldBits(b, f.field)) return false;
  }
  for (size_t off = 0; off < carried_size_;) {
    const size_t n = std::min(carriedContiguous(off), o.carriedContiguous(off));
    if (!std::equal(carriedAt(off), carriedAt(off) + n, o.carriedAt(off))) return false;
    off += n;
  }
  // Length-prefixed records read back one way: equal bytes, equal counts.
  if (writes_.size() != o.writes_.size()) return false;
  for (size_t w = 0; w < writes_.size(); ++w) {
    const ClientWriteInfo &a = writes_[w], &b = o.writes_[w];
    if (a.text != b.text || a.origin != b.origin || a.time_us != b.time_us) return false;
  }
  return true;
}

std::string Journal::canonicalBytes() const {
  std::string out;
  out.reserve(canonicalSize());  // exact: no doubling of a 3 GB string at ten million events
  for (const Event& e : events_)
    for (const EventFieldInfo& f : kEventFields) {
      const uint64_t bits = fieldBits(e, f.field);
      for (int i = 0; i < f.bytes; ++i) out += char(uint8_t(bits >> (8 * i)));  // little-endian
    }
  for (size_t r = 0; r < ranges_.size(); ++r) {
    const Entry* p = phys(ranges_[r].phys);
    for (size_t i = 0, n = rangeEnd(r) - ranges_[r].logical; i < n; ++i) {
      put(out, p[i].term);
      put(out, p[i].write);
    }
  }
  for (const auto& w : writes_) {
    put(out, uint32_t(w.text.size())); out += w.text; put(out, w.origin); put(out, w.time_us);
  }
  return out;
}

Concepts Journal::conceptsAt(Seq seq, Concepts start) const {
  auto it = std::upper_bound(concept_changes_.begin(), concept_changes_.end(), seq);
  if (it == concept_changes_.begin()) return start;
  return Concepts(events_[*(it - 1)].conceptBits());
}

}  // namespace radeau

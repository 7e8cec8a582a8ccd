#include "replay/projection.h"

#include <algorithm>
#include <array>
#include <type_traits>
#include <unordered_set>

#include "core/time_index.h"

namespace radeau {

Projection::Projection(const ClusterConfig& config, const Journal& journal, Seq checkpoint_interval)
    : config_(&config), journal_(&journal), interval_(std::max<Seq>(1, checkpoint_interval)) {
  running_ = ClusterState::initial(config);
  addCheckpoint();
  sync();
  prime();
}

void Projection::prime() {
  // The answer cache sized once, at the last checkpoint (logs, write statuses
  // and write index only grow, but for truncations): otherwise the first seeks
  // after a load grow it from nothing, touching fresh memory (issue 19: 3.5
  // and 5.9 ms at ten million events, every later seek under 0.7 ms).
  if (checkpoints_.size() > 1) {
    restore(checkpoints_.size() - 1, cache_);
    cache_valid_ = true;
  }
}

void Projection::Untouched::after(const Event& e) {
  if (e.kind == EventKind::LogTruncated && e.node < kMaxNodes)
    log[e.node] = std::min(log[e.node], e.length());
  else if (e.kind == EventKind::WriteAcked || e.kind == EventKind::WriteFailed ||
           (e.kind == EventKind::ClientWrite && e.attempt() > 0))  // a resend: Failed back to Pending
    writes = std::min(writes, e.write());
  else if (e.kind == EventKind::LogAppended && e.write() != 0)  // a no-op leaves write_index alone
    write_index = std::min(write_index, e.write());
}

void Projection::sync() {
  const Journal& j = *journal_;
  while (running_.applied + interval_ <= j.size()) {
    Seq end = running_.applied + interval_;
    auto events = j.events().reader(running_.applied);
    for (Seq i = running_.applied; i < end; ++i) {
      const Event e = events.next();
      apply(running_, e, i);
      stable_.after(e);
      if (i >= notable_read_ && isNotable(e)) notable_.push_back({i, e.kind, e.node, e.time_us});
    }
    notable_read_ = std::max(notable_read_, end);
    addCheckpoint();
  }
}

template <typename T, uint32_t N>
void Projection::ChunkPool<T, N>::split(const std::vector<T>& live, const Ids* prev, uint32_t prev_len,
                                        uint32_t stable, Ids& ids) {
  uint32_t len = uint32_t(live.size());
  uint32_t count = (len + N - 1) / N;
  uint32_t reusable = prev ? std::min(std::min(stable, prev_len) / N, count) : 0;
  if (prev)
    ids.sharePrefix(*prev, reusable);  // the previous list's full chunks of ids, shared
  else
    ids.clear();
  for (uint32_t c = reusable; c < count; ++c) {
    uint32_t from = c * N, to = std::min(len, from + N);
    chunks.emplace_back(live.begin() + from, live.begin() + to);
    chunks.back().shrink_to_fit();
    ids.push_back(uint32_t(chunks.size() - 1));
  }
  ids.shrink_to_fit();  // a checkpoint's list never grows again
}

template <typename T, uint32_t N>
void Projection::ChunkPool<T, N>::join(const Ids& ids, uint32_t len, std::vector<T>& out,
                                       uint32_t keep) const {
  // The first `keep` elements of `out` are already those of `ids`: only the rest is copied.
  keep = std::min<uint32_t>({keep, len, uint32_t(out.size())});
  out.resize(keep);
  if (out.capacity() < len) out.reserve(len + N);
  const uint32_t first = keep / N;
  if (first < ids.size()) out.insert(out.end(), chunks[ids[first]].begin() + (keep % N), chunks[ids[first]].end());
  for (size_t c = size_t(first) + 1; c < ids.size(); ++c) out.insert(out.end(), chunks[ids[c]].begin(), chunks[ids[c]].end());
}

namespace {
// How many leading elements two chunk lists share (same ids: same immutable chunks).
template <uint32_t N, typename Ids>
uint32_t sharedPrefix(const Ids& a, const Ids& b) {
  return uint32_t(a.commonPrefix(b)) * N;
}
}  // namespace

template <typename T, uint32_t N>
size_t Projection::ChunkPool<T, N>::bytes() const {
  size_t b = chunks.capacity() * sizeof(std::vector<T>);
  for (const auto& c : chunks) b += c.capacity() * sizeof(T);
  return b;
}

void Projection::addCheckpoint() {
  const Checkpoint* prev = checkpoints_.empty() ? nullptr : &checkpoints_.back();
  Checkpoint cp;
  // The fixed part is copied without the logs, write statuses and findings
  // (they go to the chunk pools): swapped aside and back, so the checkpoint
  // does not share the running state's buffers (which would make the next
  // apply copy them whole).
  std::array<CowVector<Entry>, kMaxNodes> logs;
  for (int n = 0; n < kMaxNodes; ++n) std::swap(logs[size_t(n)], running_.nodes[size_t(n)].log);
  CowVector<WriteStatus> writes;
  CowVector<Seq> findings;
  CowVector<uint32_t> write_index;
  std::swap(writes, running_.writes);
  std::swap(findings, running_.findings);
  std::swap(write_index, running_.write_index);
  cp.fixed = running_;
  for (int n = 0; n < kMaxNodes; ++n) std::swap(logs[size_t(n)], running_.nodes[size_t(n)].log);
  std::swap(writes, running_.writes);
  std::swap(findings, running_.findings);
  std::swap(write_index, running_.write_index);
  for (int n = 0; n < kMaxNodes; ++n) {
    const std::vector<Entry>& live = running_.nodes[size_t(n)].log;
    cp.log_length[n] = uint32_t(live.size());
    logs_.split(live, prev ? &prev->chunks[n] : nullptr, prev ? prev->log_length[n] : 0, stable_.log[n], cp.chunks[n]);
    stable_.log[n] = uint32_t(live.size());
  }
  cp.write_count = uint32_t(running_.writes.size());
  writes_.split(running_.writes, prev ? &prev->write_chunks : nullptr, prev ? prev->write_count : 0, stable_.writes,
                cp.write_chunks);
  stable_.writes = cp.write_count;
  cp.write_index_count = uint32_t(running_.write_index.size());
  write_index_.split(running_.write_index, prev ? &prev->write_index_chunks : nullptr,
                     prev ? prev->write_index_count : 0, stable_.write_index, cp.write_index_chunks);
  stable_.write_index = cp.write_index_count;
  cp.finding_count = uint32_t(running_.findings.size());
  findings_.split(running_.findings, prev ? &prev->finding_chunks : nullptr, prev ? prev->finding_count : 0,
                  prev ? prev->finding_count : 0, cp.finding_chunks);  // findings only grow
  cp.fixed.in_flight.shrink_to_fit();
  checkpoints_.push_back(std::move(cp));
}

void Projection::restore(size_t k, ClusterState& s) const {
  const Checkpoint& cp = checkpoints_[k];
  // What the cache holds that checkpoint k holds too (its logs, write
  // statuses and write index were checkpoint `cache_cp_`'s, then changed
  // only past cache_kept_): kept, so a seek copies the difference, not whole
  // logs (issue 19: 129,000-entry logs at ten million events).
  const Checkpoint* was = cache_cp_ < checkpoints_.size() ? &checkpoints_[cache_cp_] : nullptr;
  auto keep = [&](const Ids& a, const Ids& b, uint32_t kept, auto n_tag) {
    return was ? std::min(kept, sharedPrefix<decltype(n_tag)::value>(a, b)) : 0u;
  };
  // Taken out as plain vectors: moved when the cache is their only holder,
  // else (an answer handed out still shares them) only the kept prefix copied.
  std::array<std::vector<Entry>, kMaxNodes> logs;
  for (int n = 0; n < kMaxNodes; ++n) logs[size_t(n)] = s.nodes[size_t(n)].log.take(cache_kept_.log[n]);
  std::vector<WriteStatus> writes = s.writes.take(cache_kept_.writes);
  std::vector<Seq> findings = s.findings.take(was ? std::min(was->finding_count, cp.finding_count) : 0u);
  std::vector<uint32_t> write_index = s.write_index.take(cache_kept_.write_index);
  s = cp.fixed;  // its logs, statuses, findings and index are empty
  for (int n = 0; n < kMaxNodes; ++n) {
    const uint32_t kept = keep(was ? was->chunks[n] : cp.chunks[n], cp.chunks[n], cache_kept_.log[n],
                               std::integral_constant<uint32_t, kChunkEntries>{});
    logs_.join(cp.chunks[n], cp.log_length[n], logs[size_t(n)], kept);
    s.nodes[size_t(n)].log = std::move(logs[size_t(n)]);
  }
  writes_.join(cp.write_chunks, cp.write_count, writes,
               keep(was ? was->write_chunks : cp.write_chunks, cp.write_chunks, cache_kept_.writes,
                    std::integral_constant<uint32_t, kWriteChunk>{}));
  write_index_.join(cp.write_index_chunks, cp.write_index_count, write_index,
                    keep(was ? was->write_index_chunks : cp.write_index_chunks, cp.write_index_chunks,
                         cache_kept_.write_index, std::integral_constant<uint32_t, kWriteChunk>{}));
  // Findings only grow: the shorter of the two lists is common to both.
  findings_.join(cp.finding_chunks, cp.finding_count, findings,
                 was ? std::min(was->finding_count, cp.finding_count) : 0u);
  s.writes = std::move(writes);
  s.write_index = std::move(write_index);
  s.findings = std::move(findings);
  cache_cp_ = k;
  for (int n = 0; n < kMaxNodes; ++n) cache_kept_.log[n] = cp.log_length[n];
  cache_kept_.writes = cp.write_count;
  cache_kept_.write_index = cp.write_index_count;
}

ClusterState Projection::stateAfter(Seq end) const {
  const Journal& j = *journal_;
  end = std::min<Seq>(end, Seq(j.size()));
  size_t k = std::min<size_t>(end / interval_, checkpoints_.size() - 1);
  Seq cp_seq = Seq(k) * interval_;
  // Reuse the last answer when it lies between the checkpoint and the target.
  if (!(cache_valid_ && cache_.applied <= end && cache_.applied >= cp_seq)) {
    restore(k, cache_);
    cache_valid_ = true;
  }
  auto events = j.events().reader(cache_.applied);
  for (Seq i = cache_.applied; i < end; ++i) {
    const Event e = events.next();
    apply(cache_, e, i);
    cache_kept_.after(e);
  }
  return cache_;
}

Seq Projection::positionAt(Time t) const {
  return eventsUpTo(*journal_, t);
}

ClusterState Projection::stateAt(Time t) const {
  ClusterState s = stateAfter(positionAt(t));
  s.now_us = t;
  return s;
}

Time Projection::endTime() const { return journal_->empty() ? 0 : journal_->back().time_us; }

size_t Projection::checkpointBytes() const {
  size_t bytes = checkpoints_.capacity() * sizeof(Checkpoint) + logs_.bytes() + writes_.bytes() + findings_.bytes() +
                 write_index_.bytes() + notable_.capacity() * sizeof(Notable);  // the notable events gathered with them
  // A chunk of ids the checkpoints share counts once, with its allocation
  // (the shared_ptr's control block and the vector beside it).
  std::unordered_set<const void*> seen;
  auto ids = [&](const Ids& l) {
    size_t b = l.tableBytes();
    l.forEachChunk([&](const void* chunk, size_t n) {
      if (seen.insert(chunk).second) b += n + sizeof(std::vector<uint32_t>) + 2 * sizeof(void*);
    });
    return b;
  };
  for (const Checkpoint& cp : checkpoints_) {
    bytes += cp.fixed.in_flight.capacity() * sizeof(InFlight) + ids(cp.write_chunks) + ids(cp.finding_chunks) +
             ids(cp.write_index_chunks);
    // Whatever the fixed part still holds (it should hold no log, write, finding or write index).
    bytes += cp.fixed.writes.capacity() * sizeof(WriteStatus) + cp.fixed.findings.capacity() * sizeof(Seq) +
             cp.fixed.write_index.capacity() * sizeof(uint32_t);
    for (const NodeState& n : cp.fixed.nodes) bytes += n.log.capacity() * sizeof(Entry);
    for (const auto& c : cp.chunks) bytes += ids(c);
  }
  return bytes;
}

const std::vector<Projection::Notable>& Projection::notableUpTo(Seq end) const {
  end = Seq(std::min<size_t>(end, journal_->size()));
  for (; notable_read_ < end; ++notable_read_) {
    if (!isNotableKind(journal_->kindAt(notable_read_))) continue;  // the kind first, the event only then
    const Event e = (*journal_)[notable_read_];
    if (isNotable(e)) notable_.push_back({notable_read_, e.kind, e.node, e.time_us});
  }
  return notable_;
}

std::vector<Ghost> Projection::ghostsAfter(Seq end) const {
  end = Seq(std::min<size_t>(end, journal_->size()));
  // Read as far as asked only: opening ten million events at their start no
  // longer reads them all for ghosts (25 ms); a later seek reads on from there.
  if (ghosts_.eventsRead() < end) ghosts_.sync(*journal_, end);
  return ghosts_.at(end);
}

}  // namespace radeau

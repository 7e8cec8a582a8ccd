#include "replay/projection.h"

#include <algorithm>
#include <array>

#include "core/time_index.h"

namespace radeau {

Projection::Projection(const ClusterConfig& config, const Journal& journal, Seq checkpoint_interval)
    : config_(&config), journal_(&journal), interval_(std::max<Seq>(1, checkpoint_interval)) {
  running_ = ClusterState::initial(config);
  addCheckpoint();
  sync();
}

void Projection::sync() {
  const Journal& j = *journal_;
  while (running_.applied + interval_ <= j.size()) {
    Seq end = running_.applied + interval_;
    for (Seq i = running_.applied; i < end; ++i) {
      const Event& e = j[i];
      apply(running_, e, i);
      if (e.kind == EventKind::LogTruncated && e.node < kMaxNodes)
        stable_[e.node] = std::min(stable_[e.node], e.length());
      else if (e.kind == EventKind::WriteAcked || e.kind == EventKind::WriteFailed)
        stable_writes_ = std::min(stable_writes_, e.write());
    }
    addCheckpoint();
  }
}

template <typename T, uint32_t N>
void Projection::ChunkPool<T, N>::split(const std::vector<T>& live, const std::vector<uint32_t>* prev,
                                        uint32_t prev_len, uint32_t stable, std::vector<uint32_t>& ids) {
  uint32_t len = uint32_t(live.size());
  uint32_t reusable = prev ? std::min(stable, prev_len) / N : 0;
  uint32_t count = (len + N - 1) / N;
  ids.reserve(count);
  for (uint32_t c = 0; c < count; ++c) {
    if (c < reusable) {
      ids.push_back((*prev)[c]);
    } else {
      uint32_t from = c * N, to = std::min(len, from + N);
      chunks.emplace_back(live.begin() + from, live.begin() + to);
      chunks.back().shrink_to_fit();
      ids.push_back(uint32_t(chunks.size() - 1));
    }
  }
}

template <typename T, uint32_t N>
void Projection::ChunkPool<T, N>::join(const std::vector<uint32_t>& ids, uint32_t len, std::vector<T>& out) const {
  out.clear();
  out.reserve(len + N);
  for (uint32_t id : ids) out.insert(out.end(), chunks[id].begin(), chunks[id].end());
}

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
  // (they go to the chunk pools): moved aside and back, so no transient copy,
  // and no copied capacity kept by an emptied vector (`v = {}` keeps it).
  std::array<std::vector<Entry>, kMaxNodes> logs;
  for (int n = 0; n < kMaxNodes; ++n) logs[size_t(n)] = std::move(running_.nodes[size_t(n)].log);
  std::vector<WriteStatus> writes = std::move(running_.writes);
  std::vector<Seq> findings = std::move(running_.findings);
  running_.writes.clear();
  running_.findings.clear();
  for (auto& node : running_.nodes) node.log.clear();
  cp.fixed = running_;
  for (int n = 0; n < kMaxNodes; ++n) running_.nodes[size_t(n)].log = std::move(logs[size_t(n)]);
  running_.writes = std::move(writes);
  running_.findings = std::move(findings);
  for (int n = 0; n < kMaxNodes; ++n) {
    const std::vector<Entry>& live = running_.nodes[size_t(n)].log;
    cp.log_length[n] = uint32_t(live.size());
    logs_.split(live, prev ? &prev->chunks[n] : nullptr, prev ? prev->log_length[n] : 0, stable_[n], cp.chunks[n]);
    stable_[n] = uint32_t(live.size());
  }
  cp.write_count = uint32_t(running_.writes.size());
  writes_.split(running_.writes, prev ? &prev->write_chunks : nullptr, prev ? prev->write_count : 0, stable_writes_,
                cp.write_chunks);
  stable_writes_ = cp.write_count;
  cp.finding_count = uint32_t(running_.findings.size());
  findings_.split(running_.findings, prev ? &prev->finding_chunks : nullptr, prev ? prev->finding_count : 0,
                  prev ? prev->finding_count : 0, cp.finding_chunks);  // findings only grow
  cp.fixed.in_flight.shrink_to_fit();
  checkpoints_.push_back(std::move(cp));
}

void Projection::restore(const Checkpoint& cp, ClusterState& s) const {
  s = cp.fixed;
  for (int n = 0; n < kMaxNodes; ++n) logs_.join(cp.chunks[n], cp.log_length[n], s.nodes[size_t(n)].log);
  writes_.join(cp.write_chunks, cp.write_count, s.writes);
  findings_.join(cp.finding_chunks, cp.finding_count, s.findings);
}

ClusterState Projection::stateAfter(Seq end) const {
  const Journal& j = *journal_;
  end = std::min<Seq>(end, Seq(j.size()));
  size_t k = std::min<size_t>(end / interval_, checkpoints_.size() - 1);
  Seq cp_seq = Seq(k) * interval_;
  // Reuse the last answer when it lies between the checkpoint and the target.
  if (!(cache_valid_ && cache_.applied <= end && cache_.applied >= cp_seq)) {
    restore(checkpoints_[k], cache_);
    cache_valid_ = true;
  }
  for (Seq i = cache_.applied; i < end; ++i) apply(cache_, j[i], i);
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
  size_t bytes = checkpoints_.capacity() * sizeof(Checkpoint) + logs_.bytes() + writes_.bytes() + findings_.bytes();
  for (const Checkpoint& cp : checkpoints_) {
    bytes += cp.fixed.in_flight.capacity() * sizeof(InFlight) +
             (cp.write_chunks.capacity() + cp.finding_chunks.capacity()) * sizeof(uint32_t);
    // Whatever the fixed part still holds (it should hold no log, write or finding).
    bytes += cp.fixed.writes.capacity() * sizeof(WriteStatus) + cp.fixed.findings.capacity() * sizeof(Seq);
    for (const NodeState& n : cp.fixed.nodes) bytes += n.log.capacity() * sizeof(Entry);
    for (const auto& c : cp.chunks) bytes += c.capacity() * sizeof(uint32_t);
  }
  return bytes;
}

}  // namespace radeau

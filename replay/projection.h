// The cluster at any instant of one journal, through periodic checkpoints:
// seeking costs at most one checkpoint restore plus `interval` applies, whatever
// the position or the journal's length. Qt-free on purpose (used by tests,
// the CLI and the GUI alike).
//
// Memory: a checkpoint keeps the small fixed part of the ClusterState (roles,
// terms, timers, messages in flight, write statuses) but not the nodes' logs.
// Logs are stored as lists of ids of immutable chunks of kChunkEntries entries
// in a pool shared by every checkpoint: a chunk that did not change since the
// previous checkpoint (nothing truncated below its end) is reused, so a log
// that only grows costs one chunk id per chunk per checkpoint plus its new
// entries, instead of a whole copy per checkpoint.
#pragma once

#include <cstdint>
#include <vector>

#include "core/config.h"
#include "core/ghosts.h"
#include "core/journal.h"
#include "core/shared_chunks.h"
#include "core/state.h"

namespace radeau {

class Projection {
 public:
  // 2,048: a seek folds 1,024 events on average. At ten million events
  // (5 December 2026) 4,096 gave a median seek of 50-52 us and 2.34 B/event of
  // checkpoints, 2,048 gives 30-34 us and 4.49 B/event, within the 40 B/event
  // of the whole once the events were packed in 28 bytes.
  static constexpr Seq kDefaultInterval = 2048;
  static constexpr uint32_t kChunkEntries = 64;
  static constexpr uint32_t kWriteChunk = 256;  // write statuses and write ids per pooled chunk

  Projection(const ClusterConfig& config, const Journal& journal, Seq checkpoint_interval = kDefaultInterval);

  // Extends the checkpoints after the journal grew (appends only).
  void sync();

  // State after the first `end` events (end = 0: the initial state). `end`
  // past the journal's size is clamped.
  ClusterState stateAfter(Seq end) const;
  // State at virtual time t: every event with time <= t applied; now_us = t.
  ClusterState stateAt(Time t) const;
  // Number of events with time <= t (the position of instant t).
  Seq positionAt(Time t) const;

  // The ghosts after the first `end` events (ghostsAt), from an index read
  // once and extended as the journal grows.
  std::vector<Ghost> ghostsAfter(Seq end) const;

  // The notable events (isNotable: leaders elected, faults and actions,
  // findings) of the first `end` events at least (more when more was read
  // before: callers stop at `end`), in order, with what a timeline mark
  // shows of them. sync() gathers them as it folds (a recording loaded:
  // while it is decoded); past that they are found by kind when asked. Read
  // from the journal instead, ten million events' kinds cost the window's
  // opening 25-30 ms.
  struct Notable {
    Seq seq = 0;
    EventKind kind = EventKind::Finding;
    NodeId node = kNoNode;
    Time time_us = 0;
  };
  const std::vector<Notable>& notableUpTo(Seq end) const;

  Time endTime() const;  // time of the last event (0 if empty)
  const Journal& journal() const { return *journal_; }
  const ClusterConfig& config() const { return *config_; }
  Seq interval() const { return interval_; }
  size_t checkpointCount() const { return checkpoints_.size(); }
  // Bytes the checkpoints occupy (fixed parts, chunk lists and the chunk pool).
  size_t checkpointBytes() const;

  // The same journal content now lives in another Journal object (a branch's
  // stored journal replaced by its simulator's copy): checkpoints stay valid.
  void rebind(const Journal& journal) { journal_ = &journal; }
  // And the configuration, an equal one in another object (a projection
  // built while a file was decoded, handed to the run made from it).
  void rebind(const ClusterConfig& config, const Journal& journal) {
    config_ = &config;
    journal_ = &journal;
  }
  // The answer cache at the last checkpoint, as the constructor leaves it.
  void prime();

 private:
  // A list of chunk ids. Consecutive checkpoints' lists mostly agree, so
  // they share their full chunks of 64 ids instead of each holding a copy:
  // the lists were most of a checkpoint's bytes (4 bytes per 64 entries,
  // 256 writes or 256 write ids, per checkpoint), which kept the interval long.
  using Ids = SharedChunks<uint32_t, 6>;
  // Immutable chunks of a growing vector, shared between checkpoints.
  template <typename T, uint32_t N>
  struct ChunkPool {
    std::vector<std::vector<T>> chunks;
    // Ids of `live` split in chunks, reusing `prev` below `stable` (unchanged since).
    void split(const std::vector<T>& live, const Ids* prev, uint32_t prev_len, uint32_t stable, Ids& ids);
    // `out` becomes the elements of `ids`, its first `keep` elements (equal to theirs) kept.
    void join(const Ids& ids, uint32_t len, std::vector<T>& out, uint32_t keep = 0) const;
    size_t bytes() const;
  };
  struct Checkpoint {
    ClusterState fixed;  // logs, write statuses and findings empty
    Ids chunks[kMaxNodes];  // chunk ids of each node's log
    uint32_t log_length[kMaxNodes] = {};
    Ids write_chunks, finding_chunks, write_index_chunks;
    uint32_t write_count = 0, finding_count = 0, write_index_count = 0;
  };
  // How much of each pooled vector is unchanged since a checkpoint: the
  // prefix events have not touched (a truncation, an acknowledgement...).
  struct Untouched {
    uint32_t log[kMaxNodes] = {};
    uint32_t writes = 0, write_index = 0;
    void after(const Event& e);
  };
  void addCheckpoint();
  void restore(size_t k, ClusterState& s) const;

  const ClusterConfig* config_;
  const Journal* journal_;
  Seq interval_;
  std::vector<Checkpoint> checkpoints_;  // checkpoints_[k] = state after k*interval_ events
  ChunkPool<Entry, kChunkEntries> logs_;
  ChunkPool<WriteStatus, kWriteChunk> writes_;
  ChunkPool<Seq, 64> findings_;
  // ClusterState::write_index (by write id), chunked like the write statuses:
  // copied whole into each checkpoint, it cost 4 bytes per write per
  // checkpoint (690 MB at ten million events, uncounted).
  ChunkPool<uint32_t, kWriteChunk> write_index_;
  // The running fold sync() extends, and what changed since the last checkpoint.
  ClusterState running_;
  Untouched stable_;  // since the last checkpoint

  // Last answer, to make small forward moves (playing) cost only the new events.
  mutable ClusterState cache_;
  mutable bool cache_valid_ = false;
  // The checkpoint the cache was last restored from, and how much of it the
  // cache still holds unchanged: a restore copies only past that.
  mutable size_t cache_cp_ = SIZE_MAX;
  mutable Untouched cache_kept_;
  mutable GhostIndex ghosts_;
  mutable std::vector<Notable> notable_;  // the notable events among the first notable_read_
  mutable Seq notable_read_ = 0;
};

// The kinds whose events may be notable: all of theirs are but role changes,
// which are when the role is leader (isNotable).
inline constexpr bool isNotableKind(EventKind k) {
  return k == EventKind::RoleChanged || k == EventKind::Finding || isFaultOrAction(k);
}
// Where "next notable" stops and what the timeline marks: leader changes, faults and actions, findings.
inline bool isNotable(const Event& e) {
  return isNotableKind(e.kind) && (e.kind != EventKind::RoleChanged || e.role() == Role::Leader);
}

}  // namespace radeau

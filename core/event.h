// The one record of everything that happens in a Radeau run.
// An Event is a fixed 48-byte value; its meaning per kind is documented on
// EventKind. Variable-size payloads (entries carried by a logRequest, client
// write texts) live in side tables of the Journal and are referenced by index.
#pragma once

#include <cstdint>

namespace radeau {

using Time = int64_t;      // virtual time, microseconds
using Seq = uint32_t;      // index of an event in its journal
using NodeId = uint8_t;    // 0..8
inline constexpr NodeId kNoNode = 0xFF;
inline constexpr Seq kNoSeq = 0xFFFFFFFFu;
inline constexpr int kMaxNodes = 9;
// Bounds on ids and terms that arrive from peers and files (issue 14), listed
// with the others in core/limits.h: a write id indexes a vector (a forged
// 0xFFFFFFFF made `w + 1` wrap), and a term this high would wrap at the next
// election long before any real run gets there.
inline constexpr uint32_t kMaxWriteId = 1u << 24;
inline constexpr uint32_t kMaxTerm = 1u << 30;

enum class Role : uint8_t { Follower, Candidate, Leader };

enum class MsgType : uint8_t {
  VoteRequest,   // a = lastLogIndex, b = lastLogTerm
  VoteResponse,  // a = granted (0/1)
  LogRequest,    // a = prevLogIndex, b = prevLogTerm, c = leaderCommit,
                 // d = offset of the carried entries in Journal::carried, e = count
  LogResponse,   // a = success (0/1), b = matchIndex (follower's last index on success,
                 // its log length on failure)
  ClientWrite,   // a forwarded client write: a = write id
  InstallSnapshot,  // a = last included index, b = its term, c = leaderCommit,
                    // d, e = the compacted entries (offset, count), carried so the
                    // follower's log stays comparable; on the wire it is one snapshot
};
inline constexpr MsgType kLastMsgType = MsgType::InstallSnapshot;

enum class TimerKind : uint8_t { Election, Heartbeat };

enum class DropReason : uint8_t {
  Loss,           // the network lost it (random draw)
  LinkCut,        // the link was cut while it flew, or when it was sent
  ReceiverDown,   // arrived at a crashed node
  Manual,         // the presenter dropped it
};

enum class FailReason : uint8_t {
  NodeDown,       // the client wrote to a crashed node
  NoLeader,       // a follower that forwards knows no leader
  NotLeader,      // a forwarded write reached a node that is not leader
  Undelivered,    // the forwarded write was dropped on the way
};

enum class FindingKind : uint8_t {
  TwoLeaders,          // node, peer = the two leaders; term
  LogDivergence,       // node, peer differ at index a
  AckedWriteLost,      // write id b (entry index a) acknowledged, now held by no node
  CommittedEntryLost,  // node removed committed entry at index a (term)
  CommitMismatch,      // node committed a different entry than peer at index a
  WriteFailed,         // write id b failed at node (availability, not safety)
  WriteNeverAcked,     // write id b was still unanswered when the run ended (availability)
};
inline constexpr FindingKind kLastFindingKind = FindingKind::WriteNeverAcked;

inline constexpr bool isSafetyFinding(FindingKind k) {
  return k != FindingKind::WriteFailed && k != FindingKind::WriteNeverAcked;
}

enum class EventKind : uint8_t {
  // --- network -----------------------------------------------------------
  MessageSent,       // node = from, peer = to, sub = MsgType, term, at_us() = delivery time,
                     // ref = seq of the original if this is a duplicate (else kNoSeq),
                     // flags: kFlagLost when the loss draw lost it; fields per MsgType
  MessageDelivered,  // node = receiver, peer = sender, ref = seq of MessageSent
  MessageDropped,    // node = receiver, peer = sender, ref = seq of MessageSent, sub = DropReason
  // --- timers ------------------------------------------------------------
  TimerStarted,      // node, sub = TimerKind, at_us() = deadline (dt_us is the draw)
  TimerCancelled,    // node, sub = TimerKind, ref = seq of TimerStarted
  TimerFired,        // node, sub = TimerKind, ref = seq of TimerStarted
  // --- node state --------------------------------------------------------
  RoleChanged,       // node, sub = new Role, term
  TermChanged,       // node, term = new term
  Voted,             // node, peer = candidate voted for (kNoNode = vote cleared), term
  VoteCounted,       // node = candidate, peer = voter, a = votes now
  LeaderHeard,       // node learnt that peer is the leader (kNoNode = forgets)
  LogAppended,       // node, a = index (1-based), term = entry term, b = write id (0 = no-op)
  LogTruncated,      // node, a = new length (entries after it removed)
  CommitAdvanced,    // node, a = new commit index
  ProgressUpdated,   // node = leader, peer = follower, a = nextIndex, b = matchIndex
  // --- clients -----------------------------------------------------------
  ClientWrite,       // node = where the client wrote, b = write id (text in Journal::writes)
  WriteForwarded,    // node = follower, peer = leader it forwards to, b = write id
  WriteAcked,        // node = who answered, a = index, term, b = write id
  WriteFailed,       // node, sub = FailReason, b = write id
  // --- faults and presenter actions --------------------------------------
  Crashed,           // node
  Restarted,         // node
  LinkCut,           // node, peer
  LinkHealed,        // node, peer
  Isolated,          // node: every link of node cut
  Partitioned,       // a = bits 0..8: nodes of group 0... see partitionGroup()
  HealedAll,         // every link up, partitions gone
  TimeoutForced,     // node: its election timer ends now
  ConceptsChanged,   // a = concept bit set
  // --- checker -----------------------------------------------------------
  Finding,           // sub = FindingKind, node, peer, term, a = index, b = write id
  // --- added later: new kinds go last, recordings store kinds by number ----
  SnapshotTaken,     // node compacted its log up to index a (entry term in term)
};
inline constexpr int kEventKindCount = int(EventKind::SnapshotTaken) + 1;

inline constexpr uint8_t kFlagLost = 0x01;       // MessageSent: will be dropped (loss)
inline constexpr uint8_t kFlagDuplicate = 0x02;  // MessageSent: a duplicate copy

struct Event {
  Time time_us = 0;
  uint32_t dt_us = 0;        // a second instant, as a delay: delivery or deadline = time_us + dt_us
  Seq ref = kNoSeq;          // a referenced earlier event
  uint32_t term = 0;
  uint32_t a = 0, b = 0, c = 0, d = 0, e = 0;
  EventKind kind = EventKind::Finding;
  NodeId node = kNoNode;
  NodeId peer = kNoNode;
  uint8_t sub = 0;
  uint8_t flags = 0;

  Time at_us() const { return time_us + Time(dt_us); }
  MsgType msgType() const { return MsgType(sub); }
  TimerKind timerKind() const { return TimerKind(sub); }
  Role role() const { return Role(sub); }
  DropReason dropReason() const { return DropReason(sub); }
  FailReason failReason() const { return FailReason(sub); }
  FindingKind findingKind() const { return FindingKind(sub); }
};
static_assert(sizeof(Event) == 48, "events must stay small: see the memory target");

// Faults and presenter actions: what the user did to the cluster (contiguous in EventKind).
inline constexpr bool isFaultOrAction(EventKind k) {
  return k >= EventKind::Crashed && k <= EventKind::ConceptsChanged;
}

// MessageSent events whose d, e fields reference entries in Journal::carried.
inline bool carriesEntries(const Event& e) {
  return e.kind == EventKind::MessageSent &&
         (e.msgType() == MsgType::LogRequest || e.msgType() == MsgType::InstallSnapshot);
}

// Partition events store the group (0..7) of each node in 3 bits: a holds nodes 0..8.
inline uint32_t partitionGroup(const Event& e, NodeId n) { return (e.a >> (3 * n)) & 7u; }

bool operator==(const Event& x, const Event& y);

}  // namespace radeau

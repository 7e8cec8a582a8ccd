// The one record of everything that happens in a Radeau run.
// An Event is a fixed 48-byte value; its meaning per kind is documented on
// EventKind. The journal does not keep it as such: it stores a packed 28-byte
// record per event, plus a 12-byte overflow row for the few whose slots 2..4
// are not all zero (core/packed_events.h), and hands out Event values. Variable-size payloads (entries carried by a logRequest, client
// write texts) live in side tables of the Journal and are referenced by index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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

// A configuration change is a log entry (rung 16, membership): its write id is
// kConfigWriteBase plus the new configuration, a bit per member node. Client
// write ids stay below kMaxWriteId, so these never index the write table, and
// entries of earlier recordings keep their bytes.
inline constexpr uint32_t kConfigWriteBase = 0x4000'0000u;
inline constexpr uint16_t kAllNodesMask = (1u << kMaxNodes) - 1;
inline constexpr bool isConfigWrite(uint32_t w) { return w > kConfigWriteBase && w <= kConfigWriteBase + kAllNodesMask; }
inline constexpr uint16_t configMembers(uint32_t w) { return isConfigWrite(w) ? uint16_t(w - kConfigWriteBase) : 0; }
inline constexpr uint32_t configWrite(uint16_t members) { return kConfigWriteBase + (members & kAllNodesMask); }
// A client's write (not a no-op, not a configuration).
inline constexpr bool isClientWrite(uint32_t w) { return w != 0 && !isConfigWrite(w); }

enum class Role : uint8_t { Follower, Candidate, Leader };

enum class MsgType : uint8_t {
  // The payload of each, by accessor (see Event below):
  VoteRequest,   // lastLogIndex, lastLogTerm
  VoteResponse,  // granted (0/1)
  LogRequest,    // prevLogIndex, prevLogTerm, leaderCommit, carried entries (offset, count)
  LogResponse,   // success (0/1), matchIndex (follower's last index on success,
                 // its log length on failure)
  ClientWrite,   // a forwarded client write: write
  InstallSnapshot,  // snapshotIndex, snapshotTerm, leaderCommit, and the compacted
                    // entries carried so the follower's log stays comparable;
                    // on the wire it is one snapshot
  // --- added later: new types go last, recordings store types by number ----
  PreVoteRequest,   // lastLogIndex, lastLogTerm; term = the term the sender would take
  PreVoteResponse,  // granted (0/1); term = the request's term if granted, else the voter's
};
inline constexpr MsgType kLastMsgType = MsgType::PreVoteResponse;

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

// Why a leader (or nobody) refused a configuration change (rung 16).
enum class ConfigRefusal : uint8_t {
  NoLeader,       // the change was asked of nobody: no leader known
  NotLeader,      // the node asked is not leader
  NodeDown,       // the node asked is down
  Pending,        // membership: the previous change (or the leader's no-op) is not committed yet
  OneAtATime,     // membership: more than one node at once
  NoChange,       // the configuration would stay the same, or be empty
};
inline constexpr ConfigRefusal kLastConfigRefusal = ConfigRefusal::NoChange;

enum class FindingKind : uint8_t {
  TwoLeaders,          // node, peer = the two leaders; term
  LogDivergence,       // node, peer differ at index
  AckedWriteLost,      // write (entry index) acknowledged, now held by no node
  CommittedEntryLost,  // node removed committed entry at index (term)
  CommitMismatch,      // node committed a different entry than peer at index
  WriteFailed,         // write failed at node (availability, not safety)
  WriteNeverAcked,     // write was still unanswered when the run ended (availability)
  // --- added later: new kinds go last, recordings store kinds by number ----
  AppliedTwice,        // node's state machine applied write a second time, at index
  StaleRead,           // node answered a read (term: its term) with a value older than
                       // write, at index, acknowledged before the read began
};
inline constexpr FindingKind kLastFindingKind = FindingKind::StaleRead;

inline constexpr bool isSafetyFinding(FindingKind k) {
  return k != FindingKind::WriteFailed && k != FindingKind::WriteNeverAcked;
}

enum class EventKind : uint8_t {
  // The payload of each, by accessor (see Event below):
  // --- network -----------------------------------------------------------
  MessageSent,       // node = from, peer = to, sub = MsgType, term, at_us() = delivery time,
                     // ref = seq of the original if this is a duplicate (else kNoSeq),
                     // flags: kFlagLost when the loss draw lost it; payload per MsgType
  MessageDelivered,  // node = receiver, peer = sender, ref = seq of MessageSent
  MessageDropped,    // node = receiver, peer = sender, ref = seq of MessageSent, sub = DropReason
  // --- timers ------------------------------------------------------------
  TimerStarted,      // node, sub = TimerKind, at_us() = deadline (dt_us is the draw)
  TimerCancelled,    // node, sub = TimerKind, ref = seq of TimerStarted
  TimerFired,        // node, sub = TimerKind, ref = seq of TimerStarted
  // --- node state --------------------------------------------------------
  RoleChanged,       // node, sub = new Role, term; flags: kFlagPreCandidate for a pre-vote candidacy
  TermChanged,       // node, term = new term
  Voted,             // node, peer = candidate voted for (kNoNode = vote cleared), term
  VoteCounted,       // node = candidate, peer = voter, votes (now); flags: kFlagPreCandidate for a pre-vote
  LeaderHeard,       // node learnt that peer is the leader (kNoNode = forgets)
  LogAppended,       // node, index (1-based), term = entry term, write (0 = no-op)
  LogTruncated,      // node, length (entries after it removed)
  CommitAdvanced,    // node, index = the new commit index
  ProgressUpdated,   // node = leader, peer = follower, nextIndex, matchIndex
  // --- clients -----------------------------------------------------------
  ClientWrite,       // node = where the client wrote, write (text in Journal::writes);
                     // attempt: 0 the first time, 1 and up when the client resends it
  WriteForwarded,    // node = follower, peer = leader it forwards to, write
  WriteAcked,        // node = who answered, index, term, write
  WriteFailed,       // node, sub = FailReason, write
  // --- faults and presenter actions --------------------------------------
  Crashed,           // node
  Restarted,         // node
  LinkCut,           // node, peer
  LinkHealed,        // node, peer
  Isolated,          // node: every link of node cut
  Partitioned,       // partitionGroup(n) of each node
  HealedAll,         // every link up, partitions gone
  TimeoutForced,     // node: its election timer ends now
  ConceptsChanged,   // conceptBits
  // --- checker -----------------------------------------------------------
  Finding,           // sub = FindingKind, node, peer, term, index, write
  // --- added later: new kinds go last, recordings store kinds by number ----
  SnapshotTaken,     // node compacted its log up to index (entry term in term)
  DuplicateRecognised,  // client-sessions: node's state machine does not apply the entry at
                        // index, write, again: its session table answered it at firstIndex
  ClientRead,        // node = where a client reads, readKey() (the key, packed in the slots)
  ReadAnswered,      // node = who answered, ref = seq of the ClientRead, term = its term,
                     // index = the entry whose value it returned and write = its
                     // write (0, 0: the key was never written), readAt = its commit index
  ReadFailed,        // node, ref = seq of the ClientRead, sub = FailReason
  ConfigChangeAsked,    // node = the node asked (kNoNode: nobody, no leader known);
                        // added() and removed(): the nodes to add and remove, a bit each
  ConfigChangeRefused,  // node = who refused (kNoNode: nobody asked), ref = seq of the
                        // ConfigChangeAsked, sub = ConfigRefusal
};
inline constexpr int kEventKindCount = int(EventKind::ConfigChangeRefused) + 1;
// A read's key: letters, digits and '_', packed in the slots of a ClientRead.
inline constexpr size_t kMaxReadKeyBytes = 16;

inline constexpr uint8_t kFlagLost = 0x01;       // MessageSent: will be dropped (loss)
inline constexpr uint8_t kFlagDuplicate = 0x02;  // MessageSent: a duplicate copy
// RoleChanged to Candidate: a pre-vote candidacy, which asks for term+1 and
// keeps its term and vote (rung 13). VoteCounted: a pre-vote's yes.
inline constexpr uint8_t kFlagPreCandidate = 0x04;

// The schema. An event is a fixed record: the named fields every kind shares
// (time, node, peer, term, ref, sub, flags) and five payload slots whose
// meaning depends on the kind (the table on EventKind and MsgType above).
// Only this file reads or writes the slots: everywhere else they are reached
// through the named accessors and makers below, and code that walks every
// field (canonical bytes, equality, the file packing, the wire) walks
// kEventFields.
struct Event {
  Time time_us = 0;
  uint32_t dt_us = 0;        // a second instant, as a delay: delivery or deadline = time_us + dt_us
  Seq ref = kNoSeq;          // a referenced earlier event
  uint32_t term = 0;
  uint32_t slot[5] = {};     // the payload: see the accessors
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
  ConfigRefusal configRefusal() const { return ConfigRefusal(sub); }
  FindingKind findingKind() const { return FindingKind(sub); }
  bool isMessage(MsgType t) const { return kind == EventKind::MessageSent && msgType() == t; }

  // --- the payload, by meaning ---------------------------------------------
  // voteRequest and preVoteRequest: the candidate's last log entry.
  uint32_t lastLogIndex() const { return slot[0]; }
  uint32_t lastLogTerm() const { return slot[1]; }
  // voteResponse and preVoteResponse: 1 = granted (a peer may send anything: compare, do not cast).
  uint32_t granted() const { return slot[0]; }
  // logRequest: the entry before the carried ones.
  uint32_t prevLogIndex() const { return slot[0]; }
  uint32_t prevLogTerm() const { return slot[1]; }
  // installSnapshot: the last entry the snapshot includes.
  uint32_t snapshotIndex() const { return slot[0]; }
  uint32_t snapshotTerm() const { return slot[1]; }
  // logRequest and installSnapshot: the leader's commit index (0 without `commit`).
  uint32_t leaderCommit() const { return slot[2]; }
  // logRequest and installSnapshot: the entries carried, in Journal::carried.
  uint32_t carriedOffset() const { return slot[3]; }
  uint32_t carriedCount() const { return slot[4]; }
  // logResponse: 1 = success; matchIndex is the follower's last index on
  // success, its log length on failure. ProgressUpdated: the leader's matchIndex.
  uint32_t success() const { return slot[0]; }
  uint32_t matchIndex() const { return slot[1]; }
  // ProgressUpdated: the leader's nextIndex for the follower (peer).
  uint32_t nextIndex() const { return slot[0]; }
  // VoteCounted: the candidate's votes now, its own included.
  uint32_t votes() const { return slot[0]; }
  // A log index: LogAppended (the new entry), CommitAdvanced (the new commit
  // index), WriteAcked (the write's entry), SnapshotTaken (the last compacted
  // entry), Finding (where it was found; 0 when not about an index).
  uint32_t index() const { return slot[0]; }
  // LogTruncated: the log's length after it (entries after it removed).
  uint32_t length() const { return slot[0]; }
  // The client write the event is about (0 = a leader's no-op, or none):
  // ClientWrite, WriteForwarded, WriteAcked, WriteFailed, LogAppended,
  // Finding, and a forwarded clientWrite message.
  uint32_t write() const { return isMessage(MsgType::ClientWrite) ? slot[0] : slot[1]; }
  // ClientWrite: 0 for the client's first try, n for its n-th resend of the same write.
  uint32_t attempt() const { return slot[0]; }
  // DuplicateRecognised: the index at which the state machine applied the write first.
  uint32_t firstIndex() const { return slot[2]; }
  // Partitioned: the group (0..7) of node n.
  uint32_t partitionGroup(NodeId n) const { return (slot[0] >> (3 * n)) & 7u; }
  // ConceptsChanged: the concept bit set now in force.
  uint32_t conceptBits() const { return slot[0]; }
  // ClientRead: the key read (up to kMaxReadKeyBytes bytes in slots 0..3).
  std::string readKey() const;
  // ReadAnswered: the commit index of the node when it answered.
  uint32_t readAt() const { return slot[2]; }
  // ConfigChangeAsked: the nodes to add and to remove, a bit per node.
  uint32_t added() const { return slot[0]; }
  uint32_t removed() const { return slot[2]; }

  // Where a carrying message's entries start: set once they are stored.
  void setCarried(uint32_t offset, uint32_t count) { slot[3] = offset; slot[4] = count; }
  void setWrite(uint32_t w) { (isMessage(MsgType::ClientWrite) ? slot[0] : slot[1]) = w; }
  void setPartitionGroup(NodeId n, uint32_t group) {
    slot[0] = (slot[0] & ~(7u << (3 * n))) | (group & 7u) << (3 * n);
  }
};
static_assert(sizeof(Event) == 48, "events must stay small: see the memory target");

// The makers: one per kind or message that has a payload, so that the slot
// each value goes to is written down once, here. A message's sender fills its
// time, node, peer and term; record() fills the time of the others.
namespace make {
inline Event message(MsgType t, uint32_t s0 = 0, uint32_t s1 = 0, uint32_t s2 = 0, uint32_t s3 = 0, uint32_t s4 = 0) {
  return Event{.slot = {s0, s1, s2, s3, s4}, .kind = EventKind::MessageSent, .sub = uint8_t(t)};
}
inline Event voteRequest(uint32_t last_log_index, uint32_t last_log_term) {
  return message(MsgType::VoteRequest, last_log_index, last_log_term);
}
inline Event voteResponse(bool granted) { return message(MsgType::VoteResponse, granted ? 1u : 0u); }
inline Event preVoteRequest(uint32_t last_log_index, uint32_t last_log_term) {
  return message(MsgType::PreVoteRequest, last_log_index, last_log_term);
}
inline Event preVoteResponse(bool granted) { return message(MsgType::PreVoteResponse, granted ? 1u : 0u); }
inline Event logRequest(uint32_t prev_log_index, uint32_t prev_log_term, uint32_t leader_commit,
                        uint32_t carried_offset, uint32_t carried_count) {
  return message(MsgType::LogRequest, prev_log_index, prev_log_term, leader_commit, carried_offset, carried_count);
}
inline Event logResponse(bool success, uint32_t match_index) {
  return message(MsgType::LogResponse, success ? 1u : 0u, match_index);
}
inline Event forwardedWrite(uint32_t write) { return message(MsgType::ClientWrite, write); }
inline Event installSnapshot(uint32_t snapshot_index, uint32_t snapshot_term, uint32_t leader_commit,
                             uint32_t carried_offset, uint32_t carried_count) {
  return message(MsgType::InstallSnapshot, snapshot_index, snapshot_term, leader_commit, carried_offset, carried_count);
}

inline Event voteCounted(NodeId candidate, NodeId voter, uint32_t votes) {
  return Event{.slot = {votes}, .kind = EventKind::VoteCounted, .node = candidate, .peer = voter};
}
inline Event logAppended(NodeId n, uint32_t index, uint32_t term, uint32_t write) {
  return Event{.term = term, .slot = {index, write}, .kind = EventKind::LogAppended, .node = n};
}
inline Event logTruncated(NodeId n, uint32_t length) {
  return Event{.slot = {length}, .kind = EventKind::LogTruncated, .node = n};
}
inline Event commitAdvanced(NodeId n, uint32_t index) {
  return Event{.slot = {index}, .kind = EventKind::CommitAdvanced, .node = n};
}
inline Event progressUpdated(NodeId leader, NodeId follower, uint32_t next_index, uint32_t match_index) {
  return Event{.slot = {next_index, match_index}, .kind = EventKind::ProgressUpdated, .node = leader, .peer = follower};
}
inline Event clientWrite(NodeId n, uint32_t write, uint32_t attempt = 0) {
  return Event{.slot = {attempt, write}, .kind = EventKind::ClientWrite, .node = n};
}
inline Event duplicateRecognised(NodeId n, uint32_t index, uint32_t write, uint32_t first_index) {
  return Event{.slot = {index, write, first_index}, .kind = EventKind::DuplicateRecognised, .node = n};
}
inline Event writeForwarded(NodeId follower, NodeId leader, uint32_t write) {
  return Event{.slot = {0, write}, .kind = EventKind::WriteForwarded, .node = follower, .peer = leader};
}
inline Event writeAcked(NodeId n, uint32_t index, uint32_t term, uint32_t write) {
  return Event{.term = term, .slot = {index, write}, .kind = EventKind::WriteAcked, .node = n};
}
inline Event writeFailed(NodeId n, FailReason why, uint32_t write) {
  return Event{.slot = {0, write}, .kind = EventKind::WriteFailed, .node = n, .sub = uint8_t(why)};
}
inline Event partitioned() { return Event{.kind = EventKind::Partitioned}; }  // every node in group 0
inline Event conceptsChanged(uint32_t bits) { return Event{.slot = {bits}, .kind = EventKind::ConceptsChanged}; }
inline Event finding(FindingKind k, NodeId n, NodeId peer, uint32_t term, uint32_t index, uint32_t write) {
  return Event{.term = term, .slot = {index, write}, .kind = EventKind::Finding, .node = n, .peer = peer,
               .sub = uint8_t(k)};
}
// A client read of `key` at node n; a key longer than kMaxReadKeyBytes is cut.
Event clientRead(NodeId n, std::string_view key);
inline Event readAnswered(NodeId n, Seq read, uint32_t term, uint32_t index, uint32_t write, uint32_t read_at) {
  return Event{.ref = read, .term = term, .slot = {index, write, read_at}, .kind = EventKind::ReadAnswered, .node = n};
}
inline Event readFailed(NodeId n, Seq read, FailReason why) {
  return Event{.ref = read, .kind = EventKind::ReadFailed, .node = n, .sub = uint8_t(why)};
}
inline Event configChangeAsked(NodeId asked, uint16_t added, uint16_t removed) {
  return Event{.slot = {added, 0, removed}, .kind = EventKind::ConfigChangeAsked, .node = asked};
}
inline Event configChangeRefused(NodeId n, Seq ask, ConfigRefusal why) {
  return Event{.ref = ask, .kind = EventKind::ConfigChangeRefused, .node = n, .sub = uint8_t(why)};
}
inline Event snapshotTaken(NodeId n, uint32_t index, uint32_t term) {
  return Event{.term = term, .slot = {index}, .kind = EventKind::SnapshotTaken, .node = n};
}
// The same event at time t (tests and hand-built journals).
inline Event at(Time t, Event e) {
  e.time_us = t;
  return e;
}
}  // namespace make

// Faults and presenter actions: what the user did to the cluster (contiguous in EventKind).
inline constexpr bool isFaultOrAction(EventKind k) {
  return (k >= EventKind::Crashed && k <= EventKind::ConceptsChanged) || k == EventKind::ConfigChangeAsked;
}

// MessageSent events that carry entries in Journal::carried.
inline bool carriesEntries(const Event& e) {
  return e.isMessage(MsgType::LogRequest) || e.isMessage(MsgType::InstallSnapshot);
}

// --- the field table -------------------------------------------------------
// Every stored field of an event, in canonical order (the struct's). The
// canonical bytes, equality, the wire encoding and the recording file's
// packing all walk this list, so a field added here reaches all of them.
enum class EventField : uint8_t { Time, Delay, Ref, Term, S0, S1, S2, S3, S4, Kind, Node, Peer, Sub, Flags };
inline constexpr int kEventFieldCount = int(EventField::Flags) + 1;

struct EventFieldInfo {
  EventField field;
  const char* name;  // as error messages name it
  uint8_t bytes;     // its width: 8 (signed), 4 or 1
};
inline constexpr EventFieldInfo kEventFields[kEventFieldCount] = {
    {EventField::Time, "time", 8},  {EventField::Delay, "dt", 4},   {EventField::Ref, "ref", 4},
    {EventField::Term, "term", 4},  {EventField::S0, "slot0", 4},  {EventField::S1, "slot1", 4},
    {EventField::S2, "slot2", 4},  {EventField::S3, "slot3", 4},  {EventField::S4, "slot4", 4},
    {EventField::Kind, "kind", 1},  {EventField::Node, "node", 1},  {EventField::Peer, "peer", 1},
    {EventField::Sub, "sub", 1},    {EventField::Flags, "flags", 1},
};

// A field's bits, zero-extended (the time as its two's complement).
uint64_t fieldBits(const Event& e, EventField f);
// Sets a field from its bits; false when they do not fit its width (or name
// no event kind). The time takes any 64 bits. Inline: a decoder that names the
// field as a constant pays one comparison and one store.
inline bool setFieldBits(Event& e, EventField f, uint64_t bits) {
  const uint8_t bytes = kEventFields[int(f)].bytes;
  if (bytes < 8 && bits >> (8 * bytes)) return false;
  switch (f) {
    case EventField::Time: e.time_us = Time(bits); break;
    case EventField::Delay: e.dt_us = uint32_t(bits); break;
    case EventField::Ref: e.ref = Seq(bits); break;
    case EventField::Term: e.term = uint32_t(bits); break;
    case EventField::S0: e.slot[0] = uint32_t(bits); break;
    case EventField::S1: e.slot[1] = uint32_t(bits); break;
    case EventField::S2: e.slot[2] = uint32_t(bits); break;
    case EventField::S3: e.slot[3] = uint32_t(bits); break;
    case EventField::S4: e.slot[4] = uint32_t(bits); break;
    case EventField::Kind:
      if (bits >= uint64_t(kEventKindCount)) return false;
      e.kind = EventKind(bits);
      break;
    case EventField::Node: e.node = NodeId(bits); break;
    case EventField::Peer: e.peer = NodeId(bits); break;
    case EventField::Sub: e.sub = uint8_t(bits); break;
    case EventField::Flags: e.flags = uint8_t(bits); break;
  }
  return true;
}
// Every field by name, "time 5 dt 0 ref 3 …": what a diff of two journals shows.
std::string describeFields(const Event& e);

bool operator==(const Event& x, const Event& y);

}  // namespace radeau

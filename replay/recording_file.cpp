#include "replay/recording_file.h"

#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QFile>
#include <QSaveFile>
#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <queue>
#include <system_error>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "core/file_read.h"
#include "core/format.h"
#include "core/large_memory.h"
#include "core/sanitize.h"
#include "core/limits.h"
#include "core/validate.h"
#include "core/version.h"
#include "replay/cbor_index.h"
#include "replay/prefix_worker.h"

namespace radeau {

namespace {

// A branch's event count against its bytes (each event takes at least
// `min_bytes` of them) and the most a branch may hold; empty when it fits.
std::string eventCountProblem(uint64_t count, uint64_t min_bytes, uint64_t bytes, uint64_t fork) {
  if (count > bytes / min_bytes)
    return "eventCount " + std::to_string(count) + " does not fit in " + std::to_string(bytes) + " bytes";
  if (count > limits::kMaxEventsPerBranch || fork + count > limits::kMaxEventsPerBranch)
    return std::to_string(fork + count) + " events, more than the " + std::to_string(limits::kMaxEventsPerBranch) +
           " a branch may hold";
  return {};
}

// One LEB128 varint at p[pos] (pos advances); false when truncated or longer than 64 bits.
bool readVarint(const uint8_t* p, size_t n, size_t& pos, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= n) return false;
    uint8_t byte = p[pos++];
    v |= uint64_t(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

// --- packed events -----------------------------------------------------------

// How each field of the event schema (core/event.h) is packed. An event is its
// kind byte, a varint mask of the fields that differ from their default, then
// those fields in mask-bit order. The order below is the file format: a new
// field goes last.
enum class Packing : uint8_t {
  Byte,           // one byte, default kNoNode (node, peer) or 0
  Varint,         // LEB128, default 0
  TimeDelta,      // zigzag LEB128 of the step from the previous event's time, default 0
  RefBack,        // LEB128 of how many events back the referenced one is, default kNoSeq
  CarriedOffset,  // LEB128, default: where the next carried entries start (0 when it carries none)
};
struct PackedField {
  EventField field;
  Packing packing;
};
constexpr PackedField kPacked[] = {
    {EventField::Node, Packing::Byte},    {EventField::Peer, Packing::Byte},   {EventField::Time, Packing::TimeDelta},
    {EventField::Delay, Packing::Varint}, {EventField::Ref, Packing::RefBack}, {EventField::Term, Packing::Varint},
    {EventField::S0, Packing::Varint},    {EventField::S1, Packing::Varint},   {EventField::S2, Packing::Varint},
    {EventField::S3, Packing::CarriedOffset}, {EventField::S4, Packing::Varint},
    {EventField::Sub, Packing::Byte},     {EventField::Flags, Packing::Byte},
};
constexpr unsigned kPackedCount = sizeof(kPacked) / sizeof(kPacked[0]);
// Every field of the schema but the kind (written first) is packed exactly once.
template <size_t N>
constexpr bool packsEveryField(const PackedField (&packing)[N]) {
  for (const EventFieldInfo& f : kEventFields) {
    int n = 0;
    for (const PackedField& p : packing) n += p.field == f.field;
    if (n != (f.field == EventField::Kind ? 0 : 1)) return false;
  }
  return true;
}
static_assert(packsEveryField(kPacked), "a field of core/event.h is missing from the file packing");
static_assert(uint8_t(EventField::S3) == uint8_t(EventField::S0) + 3, "the carried offset is slot 3");

void putVarint(QByteArray& out, uint64_t v) {
  while (v >= 0x80) {
    out.append(char(uint8_t(v) | 0x80));
    v >>= 7;
  }
  out.append(char(uint8_t(v)));
}
uint64_t zigzag(int64_t v) { return (uint64_t(v) << 1) ^ uint64_t(v >> 63); }
int64_t unzigzag(uint64_t v) { return int64_t(v >> 1) ^ -int64_t(v & 1); }

// MessageSent events whose d, e reference Journal::carried (logRequest, installSnapshot).
bool isLogRequest(const Event& e) { return carriesEntries(e); }

// What a branch's prefix [0, fork) holds of the side tables.
uint32_t prefixCarried(const Journal& j, Seq fork) {
  uint32_t end = 0;
  for (Seq i = 0; i < fork && i < j.size(); ++i)
    if (isLogRequest(j[i]) && j[i].carriedCount() > 0) end = std::max(end, j[i].carriedOffset() + j[i].carriedCount());
  return end;
}
uint32_t prefixWrites(const Journal& j, Seq fork) {
  uint32_t w = 0;
  for (Seq i = 0; i < fork && i < j.size(); ++i)
    if (j[i].kind == EventKind::ClientWrite) w = std::max(w, j[i].write());
  return w;
}

// A field's value when the mask leaves it out.
uint64_t packedDefault(const PackedField& f, Time prev, uint32_t expected_carried) {
  switch (f.packing) {
    case Packing::Byte: return f.field == EventField::Node || f.field == EventField::Peer ? kNoNode : 0;
    case Packing::TimeDelta: return uint64_t(prev);
    case Packing::RefBack: return kNoSeq;
    case Packing::CarriedOffset: return expected_carried;
    case Packing::Varint: return 0;
  }
  return 0;
}

QByteArray packEvents(const Journal& j, Seq from, uint32_t carried_cursor) {
  QByteArray out;
  out.reserve(int((j.size() - from) * 12));
  Time prev = from > 0 ? j[from - 1].time_us : 0;
  for (Seq s = from; s < j.size(); ++s) {
    const Event& e = j[s];
    const uint32_t expected_carried = isLogRequest(e) ? carried_cursor : 0;
    unsigned mask = 0;
    for (unsigned b = 0; b < kPackedCount; ++b)
      if (fieldBits(e, kPacked[b].field) != packedDefault(kPacked[b], prev, expected_carried)) mask |= 1u << b;
    out.append(char(uint8_t(e.kind)));
    putVarint(out, mask);
    for (unsigned b = 0; b < kPackedCount; ++b) {
      if (!(mask & (1u << b))) continue;
      const uint64_t bits = fieldBits(e, kPacked[b].field);
      switch (kPacked[b].packing) {
        case Packing::Byte: out.append(char(uint8_t(bits))); break;
        case Packing::TimeDelta: putVarint(out, zigzag(e.time_us - prev)); break;
        case Packing::RefBack: putVarint(out, uint64_t(s) - bits); break;  // wraps if ref >= s: rejected on read
        case Packing::Varint:
        case Packing::CarriedOffset: putVarint(out, bits); break;
      }
    }
    prev = e.time_us;
    if (isLogRequest(e) && e.carriedCount() > 0)
      carried_cursor = std::max(carried_cursor, e.carriedOffset() + e.carriedCount());
  }
  return out;
}

// --- format 2: fields predicted from the events before ------------------------
//
// An event is a varint header, kind * 2 + 1 when its field mask is the last
// mask used for that kind (else kind * 2, then the mask as a varint), then the
// fields the mask names, in the order of kPacked2. A field left out takes the
// value the events before it predict (Model::predict), so that most events are
// a byte or two:
//  - a delivery, drop or timer firing refers by default to the occurrence due
//    first (the simulator's own queue: messages in flight and running timers,
//    by time then seq); its node, peer and time follow from what it refers to;
//  - a cancelled timer refers to the node's running timer of its kind;
//  - a term is the node's current term, a LogAppended's index the next one;
//  - a message goes to the peer after the one the sender's last message of the
//    same kind went to;
//  - the other fields repeat the last event of the same kind, sub, node and peer.
// Any EventKind is packed the same way: new kinds need no change here.
// Carried entries are pieces: varint count * 2 + 1 then the varint distance
// back (in logical entries) to an identical earlier payload of the branch, or
// count * 2 then the entries as zigzag varint deltas of term and write.
constexpr PackedField kPacked2[] = {
    {EventField::Sub, Packing::Byte},     {EventField::Node, Packing::Byte},   {EventField::Ref, Packing::RefBack},
    {EventField::Peer, Packing::Byte},    {EventField::Time, Packing::TimeDelta}, {EventField::Delay, Packing::Varint},
    {EventField::Term, Packing::Varint},  {EventField::S0, Packing::Varint},   {EventField::S1, Packing::Varint},
    {EventField::S2, Packing::Varint},    {EventField::S3, Packing::Varint},   {EventField::S4, Packing::Varint},
    {EventField::Flags, Packing::Byte},
};
constexpr unsigned kPacked2Count = sizeof(kPacked2) / sizeof(kPacked2[0]);
static_assert(packsEveryField(kPacked2), "a field of core/event.h is missing from the format 2 packing");

// What the writer and the reader both know of the events before the next one.
class Model {
 public:
  Model(const Journal& j, int nodes, Seq from, uint32_t carried_cursor, uint32_t writes, uint64_t carried_total)
      : ctx(nodes, writes, carried_total), j_(&j), nodes_(nodes) {
    for (Seq s = 0; s < from; ++s) noteEvent(s, j[s], ctx);
    // The occurrences pending at the fork: messages in flight, running timers.
    for (Seq s = 0; s < from; ++s)
      if (const Pending p = pendingOf(s, j[s]); live(p)) queue_.push(p);
    ctx.carried_cursor = carried_cursor;
    prev = from > 0 ? j[from - 1].time_us : 0;
    std::fill(std::begin(last_mask), std::end(last_mask), 0);
    std::fill(std::begin(last_sub), std::end(last_sub), 0);
    std::fill(std::begin(last_node), std::end(last_node), kNoNode);
    for (auto& row : last_peer) std::fill(std::begin(row), std::end(row), kNoNode);
  }

  EventContext ctx;
  Time prev = 0;
  uint64_t last_mask[256];

  static bool refersToDue(EventKind k) {
    return k == EventKind::MessageDelivered || k == EventKind::MessageDropped || k == EventKind::TimerFired;
  }
  // The occurrence due first (kNoSeq when none).
  Seq due() {
    while (!queue_.empty() && !live(queue_.top())) queue_.pop();
    if (queue_.empty()) return kNoSeq;
    due_ = queue_.top();
    return due_.seq;
  }
  // The value a field takes when the mask leaves it out. `e` holds the fields
  // before it (kPacked2's order); `seq` is the event's own, `due` what due() said.
  uint64_t predict(EventField f, const Event& e, Seq seq, Seq due_seq) const {
    const bool node_known = e.node < kMaxNodes;
    switch (f) {
      case EventField::Sub: return last_sub[uint8_t(e.kind)];
      case EventField::Node:
        if (due_seq != kNoSeq) {
          const Pending d = brief(due_seq);
          return d.kind == EventKind::MessageSent ? d.peer : d.node;
        }
        return last_node[uint8_t(e.kind)];
      case EventField::Ref:
        if (refersToDue(e.kind)) return due_seq;
        if (e.kind == EventKind::TimerCancelled && node_known) return ctx.timer[e.node][e.sub & 1];
        return kNoSeq;
      case EventField::Peer: {
        if ((e.kind == EventKind::MessageDelivered || e.kind == EventKind::MessageDropped) && e.ref < seq) {
          const Pending r = brief(e.ref);
          if (r.kind == EventKind::MessageSent) return r.node;
        }
        const NodeId lp = last_peer[uint8_t(e.kind)][nodeSlot(e.node)];
        if (e.kind != EventKind::MessageSent || !node_known) return lp;
        uint32_t q = lp == kNoNode ? 0 : uint32_t(lp) + 1;
        for (int k = 0; k < 2; ++k) {
          if (q >= uint32_t(nodes_)) q = 0;
          if (q == e.node) ++q;
        }
        return q >= uint32_t(nodes_) ? 0 : q;
      }
      case EventField::Time:
        if ((e.kind == EventKind::MessageDelivered || e.kind == EventKind::TimerFired) && e.ref < seq) {
          const Pending r = brief(e.ref);
          if ((r.kind == EventKind::MessageSent || r.kind == EventKind::TimerStarted) && r.at_us >= prev &&
              r.at_us <= limits::kMaxDurationUs)
            return uint64_t(r.at_us);
        }
        return uint64_t(prev);
      case EventField::Term:
        if (node_known) return ctx.term[e.node] + (e.kind == EventKind::TermChanged ? 1u : 0u);
        return lastOnce(e, seq).term;
      case EventField::Delay: return lastOnce(e, seq).dt;
      case EventField::S0:
        if (e.kind == EventKind::LogAppended && node_known) return uint64_t(ctx.log_len[e.node]) + 1;
        return lastOnce(e, seq).slot[0];
      case EventField::S3:
        if (carriesEntries(e)) return ctx.carried_cursor;
        return lastOnce(e, seq).slot[3];
      case EventField::S1: return lastOnce(e, seq).slot[1];
      case EventField::S2: return lastOnce(e, seq).slot[2];
      case EventField::S4: return lastOnce(e, seq).slot[4];
      default: return 0;  // flags
    }
  }
  // The writer's mask: bit b set when kPacked2[b]'s field of `e` differs from
  // predict(), computed all at once (one lastOf, no dispatch per field). Each
  // prediction reads only the fields before it, which `e` holds as they are.
  uint64_t maskOf(const Event& e, Seq seq, Seq due_seq) const {
    static_assert(kPacked2[0].field == EventField::Sub && kPacked2[1].field == EventField::Node &&
                      kPacked2[2].field == EventField::Ref && kPacked2[3].field == EventField::Peer &&
                      kPacked2[4].field == EventField::Time && kPacked2[5].field == EventField::Delay &&
                      kPacked2[6].field == EventField::Term && kPacked2[7].field == EventField::S0 &&
                      kPacked2[8].field == EventField::S1 && kPacked2[9].field == EventField::S2 &&
                      kPacked2[10].field == EventField::S3 && kPacked2[11].field == EventField::S4 &&
                      kPacked2[12].field == EventField::Flags,
                  "maskOf follows kPacked2's order");
    const uint8_t k = uint8_t(e.kind);
    const bool node_known = e.node < kMaxNodes;
    const Last& last = lastOf(e);
    uint64_t mask = 0;
    auto differs = [&mask](unsigned b, uint64_t actual, uint64_t predicted) {
      mask |= uint64_t(actual != predicted) << b;
    };
    differs(0, e.sub, last_sub[k]);
    differs(1, e.node, predict(EventField::Node, e, seq, due_seq));
    differs(2, e.ref,
            refersToDue(e.kind)                                  ? due_seq
            : e.kind == EventKind::TimerCancelled && node_known ? ctx.timer[e.node][e.sub & 1]
                                                                 : kNoSeq);
    differs(3, e.peer, predict(EventField::Peer, e, seq, due_seq));
    differs(4, uint64_t(e.time_us), predict(EventField::Time, e, seq, due_seq));
    differs(5, e.dt_us, last.dt);
    differs(6, e.term, node_known ? ctx.term[e.node] + (e.kind == EventKind::TermChanged ? 1u : 0u) : last.term);
    differs(7, e.slot[0],
            e.kind == EventKind::LogAppended && node_known ? uint64_t(ctx.log_len[e.node]) + 1 : last.slot[0]);
    differs(8, e.slot[1], last.slot[1]);
    differs(9, e.slot[2], last.slot[2]);
    differs(10, e.slot[3], carriesEntries(e) ? ctx.carried_cursor : last.slot[3]);
    differs(11, e.slot[4], last.slot[4]);
    differs(12, e.flags, 0);
    return mask;
  }
  // Reads `j` from now on: the same events as before, and more (a longer
  // prefix of the journal being simulated).
  void rebind(const Journal& j) { j_ = &j; }
  // Takes in the event at `seq` once it is in the journal (ctx is the caller's: validateEvent or noteEvent).
  void after(Seq seq, const Event& e, uint64_t mask) {
    const uint8_t k = uint8_t(e.kind);
    last_mask[k] = mask;
    last_sub[k] = e.sub;
    last_node[k] = e.node;
    last_peer[k][nodeSlot(e.node)] = e.peer;
    if (size_t i = keyOf(e); i < kKeys) {
      std::unique_ptr<Last[]>& row = last_[k];
      if (!row) row = std::make_unique<Last[]>(kKeysPerKind);
      row[i] = {e.dt_us, e.term, {e.slot[0], e.slot[1], e.slot[2], e.slot[3], e.slot[4]}};
    }
    if (e.kind == EventKind::MessageSent || e.kind == EventKind::TimerStarted) queue_.push(pendingOf(seq, e));
    prev = e.time_us;
  }

 private:
  struct Last {
    uint32_t dt = 0, term = 0;
    uint32_t slot[5] = {};
  };
  // Within a kind: sub < 16, node and peer (9 = none or other). A table per
  // kind, made when the kind first occurs: one table for every kind (2.8 MB,
  // zeroed) cost each small file, and each fuzz input, more than its decoding.
  static constexpr size_t kKinds = 64, kKeysPerKind = 16 * 10 * 10, kKeys = kKeysPerKind;
  static size_t nodeSlot(NodeId n) { return n < kMaxNodes ? n : kMaxNodes; }
  static size_t keyOf(const Event& e) {
    if (uint8_t(e.kind) >= kKinds || e.sub >= 16) return kKeys;
    return (size_t(e.sub) * 10 + nodeSlot(e.node)) * 10 + nodeSlot(e.peer);
  }
  const Last& lastOf(const Event& e) const {
    static const Last kNone;
    const size_t i = keyOf(e);
    return i < kKeys && last_[uint8_t(e.kind)] ? last_[uint8_t(e.kind)][i] : kNone;
  }
  // lastOf the event at `seq`, looked up once: the reader predicts up to six
  // of its fields from it, one call each. Asked only for the fields after the
  // peer, when the key's fields (kind, sub, node, peer) are known.
  const Last& lastOnce(const Event& e, Seq seq) const {
    if (last_seq_ != seq) {
      last_memo_ = &lastOf(e);
      last_seq_ = seq;
    }
    return *last_memo_;
  }
  // A pending occurrence (a message in flight, a running timer) with what the
  // predictions read of it: the queue's top is due() and the event it is for
  // refers to it, so neither needs the journal's event unpacked.
  struct Pending {
    Time at_us = 0;
    Seq seq = kNoSeq;
    EventKind kind = EventKind::MessageSent;
    NodeId node = kNoNode, peer = kNoNode;
    uint8_t sub = 0;
    bool operator>(const Pending& o) const { return at_us != o.at_us ? at_us > o.at_us : seq > o.seq; }
  };
  static Pending pendingOf(Seq s, const Event& e) { return {e.at_us(), s, e.kind, e.node, e.peer, e.sub}; }
  // The event at s as a Pending: the last due() without unpacking.
  Pending brief(Seq s) const { return s == due_.seq ? due_ : pendingOf(s, at(s)); }
  bool live(const Pending& p) const {
    if (p.kind == EventKind::MessageSent) return p.seq < ctx.sent.size() && ctx.sent[p.seq];
    return p.kind == EventKind::TimerStarted && p.node < kMaxNodes && ctx.timer[p.node][p.sub & 1] == p.seq;
  }

  // The event at s, unpacked once: a delivery's prediction reads its message
  // up to eight times (due, node, ref, peer, time), each a full unpack.
  const Event& at(Seq s) const {
    if (s != memo_seq_) {
      memo_ = (*j_)[s];
      memo_seq_ = s;
    }
    return memo_;
  }

  const Journal* j_;
  mutable Seq last_seq_ = kNoSeq;
  mutable const Last* last_memo_ = nullptr;
  mutable Seq memo_seq_ = kNoSeq;  // the journal only grows: an event once unpacked stays true
  mutable Event memo_;
  int nodes_;
  std::unique_ptr<Last[]> last_[kKinds];
  uint8_t last_sub[256];
  NodeId last_node[256];
  NodeId last_peer[256][kMaxNodes + 1];
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> queue_;
  Pending due_;  // the last due(): the journal's events never change, so it stays true
};

// One LEB128 varint at p (advances p): the writer's buffer always has room for it.
inline void putVarintRaw(char*& p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = char(uint8_t(v) | 0x80);
    v >>= 7;
  }
  *p++ = char(uint8_t(v));
}

// The carried entries from logical offset `from` on, as pieces: cut where the
// events' payloads start and end, each payload identical to an earlier one of
// the branch written as a reference to it. In pieces too: pack() takes the
// payloads a longer prefix of the journal adds (record, while it simulates),
// finish() the rest and the entries no event refers to.
class CarriedPacker {
 public:
  explicit CarriedPacker(size_t from) : from_(from), cursor_(from) {}

  // `payloads`: the (offset, count) of the branch's events' carried entries
  // from its first event on, in order. Takes those that lie within `j`'s table.
  void pack(const Journal& j, const std::vector<std::pair<uint32_t, uint32_t>>& payloads) {
    cut(j, payloads, j.carriedSize(), false);
  }
  QByteArray finish(const Journal& j, const std::vector<std::pair<uint32_t, uint32_t>>& payloads) {
    if (from_ >= j.carriedSize()) return {};
    cut(j, payloads, j.carriedSize(), true);
    if (cursor_ < j.carriedSize()) piece(j, cursor_, j.carriedSize() - cursor_);
    return std::move(out_);
  }

 private:
  void cut(const Journal& j, const std::vector<std::pair<uint32_t, uint32_t>>& payloads, size_t total, bool last) {
    for (; next_ < payloads.size(); ++next_) {
      const size_t o = payloads[next_].first, count = payloads[next_].second;
      // Before the end, only a payload wholly within this prefix's table: the
      // cuts are then those the whole journal makes.
      if (!last && o + count > total) return;
      const size_t end = std::min(total, o + count);
      if (end <= cursor_) continue;  // an earlier payload again (a duplicate), or outside the branch
      if (o > cursor_) {
        if (o >= total) continue;
        piece(j, cursor_, o - cursor_);
        cursor_ = o;
      }
      piece(j, cursor_, end - cursor_);
      cursor_ = end;
    }
  }
  void gather(const Journal& j, size_t begin, size_t count, std::vector<Entry>& v) {
    v.clear();
    while (v.size() < count) {
      const size_t at = begin + v.size();
      const size_t run = std::min(count - v.size(), j.carriedContiguous(at));
      const Entry* p = j.carriedAt(at);
      v.insert(v.end(), p, p + run);
    }
  }
  void piece(const Journal& j, size_t begin, size_t count) {
    // The journal stores identical payloads once: a piece at the same stored
    // entries as an earlier one has its content, so its hash and the payload
    // `seen` names for it; its reference is the earlier piece's, without
    // gathering, hashing or comparing again. (Stored entries -> the payload
    // referred to; a prefix of the journal shares the storage.)
    // Only a piece contiguous in storage is known by where it is stored.
    const Entry* at = j.carriedContiguous(begin) >= count ? j.carriedAt(begin) : nullptr;
    if (at) {
      if (auto known = stored_.find({at, count}); known != stored_.end()) {
        putVarint(out_, uint64_t(count) * 2 + 1);
        putVarint(out_, begin - known->second);
        return;
      }
    }
    gather(j, begin, count, a_);
    const uint64_t h = hashEntries(a_.data(), a_.size());
    auto [it, fresh] = seen_.try_emplace(h, begin);
    if (fresh && at) stored_.emplace(std::pair{at, count}, begin);
    if (!fresh) {
      gather(j, it->second, count, b_);
      if (a_ == b_) {
        if (at) stored_.emplace(std::pair{at, count}, it->second);
        putVarint(out_, uint64_t(count) * 2 + 1);
        putVarint(out_, begin - it->second);
        return;
      }
    }
    putVarint(out_, uint64_t(count) * 2);
    for (const Entry& x : a_) {
      putVarint(out_, zigzag(int64_t(x.term) - int64_t(prev_term_)));
      putVarint(out_, zigzag(int64_t(x.write) - int64_t(prev_write_)));
      prev_term_ = x.term;
      prev_write_ = x.write;
    }
  }
  struct StoredHash {
    size_t operator()(const std::pair<const Entry*, size_t>& k) const {
      return std::hash<const void*>()(k.first) ^ (k.second * 0x9E3779B97F4A7C15ull);
    }
  };

  const size_t from_;
  size_t cursor_;
  size_t next_ = 0;  // the next payload to cut at
  QByteArray out_;
  std::unordered_map<uint64_t, size_t> seen_;  // hash of a payload -> where it was first
  std::unordered_map<std::pair<const Entry*, size_t>, size_t, StoredHash> stored_;
  std::vector<Entry> a_, b_;
  uint32_t prev_term_ = 0, prev_write_ = 0;
};

// Packs a branch's events from `from` on, in pieces: each pack() takes the
// events a longer prefix of the journal adds (record packs the events made so
// far while the simulation goes on). It gathers the (offset, count) of every
// event's carried entries, in order, for its CarriedPacker: one pass over the
// journal instead of two.
class EventPacker {
 public:
  EventPacker(const Journal& j, Seq from, uint32_t carried_cursor, int nodes)
      : m_(j, nodes, from, carried_cursor, 0, j.carriedSize()), next_(from), carried_(carried_cursor) {}

  void pack(const Journal& j) {
    if (j.size() <= next_) return;
    m_.rebind(j);
    // Written straight into a buffer grown ahead of each event (an event takes at
    // most kEventMax bytes: two header varints, 3 bytes and 10 varints of at most 10).
    grow(size_ + std::min<size_t>((j.size() - next_) * 6, size_t(1) << 30) + kEventMax);
    auto events = j.events().reader(next_);  // in order: no rank lookup per event
    for (Seq s = next_; s < j.size(); ++s) {
      const Event e = events.next();
      const Seq due = Model::refersToDue(e.kind) ? m_.due() : kNoSeq;
      const uint64_t mask = m_.maskOf(e, s, due);
      if (size_ + kEventMax > size_t(out_.size())) grow(size_ + kEventMax);
      char* const begin = out_.data() + size_;
      char* p = begin;
      const uint8_t k = uint8_t(e.kind);
      if (mask == m_.last_mask[k]) {
        putVarintRaw(p, uint64_t(k) * 2 + 1);
      } else {
        putVarintRaw(p, uint64_t(k) * 2);
        putVarintRaw(p, mask);
      }
      if (mask) {  // kPacked2's order (maskOf asserts it)
        if (mask & (1u << 0)) *p++ = char(e.sub);
        if (mask & (1u << 1)) *p++ = char(e.node);
        if (mask & (1u << 2)) putVarintRaw(p, uint64_t(s) - uint64_t(e.ref));  // wraps if ref >= s: rejected on read
        if (mask & (1u << 3)) *p++ = char(e.peer);
        if (mask & (1u << 4)) putVarintRaw(p, zigzag(e.time_us - m_.prev));
        if (mask & (1u << 5)) putVarintRaw(p, e.dt_us);
        if (mask & (1u << 6)) putVarintRaw(p, e.term);
        for (unsigned i = 0; i < 5; ++i)
          if (mask & (1u << (7 + i))) putVarintRaw(p, e.slot[i]);
        if (mask & (1u << 12)) *p++ = char(e.flags);
      }
      size_ += size_t(p - begin);
      if (carriesEntries(e) && e.carriedCount() > 0) payloads.push_back({e.carriedOffset(), e.carriedCount()});
      noteEvent(s, e, m_.ctx);
      m_.after(s, e, mask);
    }
    next_ = Seq(j.size());
  }
  // Packs the events up to j's end, and the carried entries their payloads cut
  // so far (the table's end only with finishCarried).
  void packWithCarried(const Journal& j) {
    pack(j);
    carried_.pack(j, payloads);
  }
  QByteArray finishCarried(const Journal& j) { return carried_.finish(j, payloads); }
  QByteArray take() {
    out_.truncate(qsizetype(size_));
    return std::move(out_);
  }

 private:
  static constexpr size_t kEventMax = 2 * 10 + 3 + 10 * 10;
  void grow(size_t need) {
    if (need > size_t(out_.size())) out_.resize(qsizetype(std::max(need, size_t(out_.size()) * 2)));
  }
  Model m_;
  Seq next_;
  CarriedPacker carried_;
  std::vector<std::pair<uint32_t, uint32_t>> payloads;  // the events' carried entries so far
  QByteArray out_;
  size_t size_ = 0;
};

// --- writer helpers ----------------------------------------------------------

void key(QCborStreamWriter& w, const char* k) { w.append(QLatin1StringView(k)); }
void text(QCborStreamWriter& w, const std::string& s) { w.appendTextString(s.data(), qsizetype(s.size())); }

void writeAction(QCborStreamWriter& w, const Action& a) {
  int n = 2 + (a.node != kNoNode) + (a.peer != kNoNode) + !a.text.empty() + !a.groups.empty() +
          (a.message != kNoSeq) + (a.kind == ActionKind::SetConcepts) + (a.line != 0);
  w.startMap(n);
  key(w, "t"); w.append(qint64(a.time_us));
  key(w, "kind"); w.append(quint64(a.kind));
  if (a.node != kNoNode) { key(w, "node"); w.append(quint64(a.node)); }
  if (a.peer != kNoNode) { key(w, "peer"); w.append(quint64(a.peer)); }
  if (!a.text.empty()) { key(w, "text"); text(w, a.text); }
  if (!a.groups.empty()) {
    key(w, "groups");
    w.startArray(quint64(a.groups.size()));
    for (const auto& g : a.groups) {
      w.startArray(quint64(g.size()));
      for (NodeId x : g) w.append(quint64(x));
      w.endArray();
    }
    w.endArray();
  }
  if (a.message != kNoSeq) { key(w, "message"); w.append(quint64(a.message)); }
  if (a.kind == ActionKind::SetConcepts) { key(w, "concepts"); w.append(quint64(a.concepts.bits())); }
  if (a.line != 0) { key(w, "line"); w.append(qint64(a.line)); }
  w.endMap();
}

void writeActions(QCborStreamWriter& w, const std::vector<Action>& actions) {
  w.startArray(quint64(actions.size()));
  for (const Action& a : actions) writeAction(w, a);
  w.endArray();
}

void writeConfig(QCborStreamWriter& w, const ClusterConfig& c) {
  // The initial configuration only when some node is a spare (rung 16): older recordings keep their bytes.
  const bool spares = c.initialMembers() != uint16_t((1u << c.names.size()) - 1);
  w.startMap(spares ? 7 : 6);
  key(w, "names");
  w.startArray(quint64(c.names.size()));
  for (const auto& n : c.names) text(w, n);
  w.endArray();
  key(w, "concepts"); w.append(quint64(c.concepts.bits()));
  key(w, "seed"); w.append(quint64(c.seed));
  key(w, "timing");
  // The clock rates only when some node's clock drifts: older recordings stay the same bytes.
  w.startMap(6 + (c.timing.clocksDrift() ? 1 : 0));
  key(w, "electionMinUs"); w.append(qint64(c.timing.election_min_us));
  key(w, "electionMaxUs"); w.append(qint64(c.timing.election_max_us));
  key(w, "heartbeatUs"); w.append(qint64(c.timing.heartbeat_us));
  key(w, "latencyMinUs"); w.append(qint64(c.timing.latency_min_us));
  key(w, "latencyMaxUs"); w.append(qint64(c.timing.latency_max_us));
  key(w, "snapshotEntries"); w.append(quint64(c.timing.snapshot_entries));
  if (c.timing.clocksDrift()) {
    key(w, "clockPermille");
    w.startArray(quint64(kMaxNodes));
    for (uint16_t r : c.timing.clock_permille) w.append(quint64(r));
    w.endArray();
  }
  w.endMap();
  key(w, "network");
  w.startMap(2);
  key(w, "loss"); w.append(c.network.loss);
  key(w, "duplicate"); w.append(c.network.duplicate);
  w.endMap();
  key(w, "init");
  w.startArray(quint64(c.init.size()));
  for (const auto& i : c.init) {
    if (!i) {
      w.append(nullptr);
      continue;
    }
    // Entry texts only when there are any: files without them stay byte for byte.
    const bool texts = std::any_of(i->log_texts.begin(), i->log_texts.end(), [](const std::string& t) { return !t.empty(); });
    w.startMap(texts ? 4 : 3);
    key(w, "term"); w.append(quint64(i->term));
    key(w, "votedFor");
    if (i->voted_for == kNoNode) w.append(nullptr);
    else w.append(quint64(i->voted_for));
    key(w, "log");
    w.startArray(quint64(i->log_terms.size()));
    for (uint32_t t : i->log_terms) w.append(quint64(t));
    w.endArray();
    if (texts) {
      key(w, "logTexts");
      w.startArray(quint64(i->log_terms.size()));
      for (size_t k = 0; k < i->log_terms.size(); ++k) text(w, k < i->log_texts.size() ? i->log_texts[k] : std::string());
      w.endArray();
    }
    w.endMap();
  }
  w.endArray();
  if (spares) { key(w, "members"); w.append(quint64(c.initialMembers())); }
  w.endMap();
}

// `init_writes`: the texts of the configuration's init entries, every branch's first writes.
// A branch's map up to its actions: what its description says, before its journal.
void writeBranchHead(QCborStreamWriter& w, const Branch& b) {
  w.startMap(11);
  key(w, "name"); text(w, b.name);
  key(w, "parent"); w.append(qint64(b.parent));
  key(w, "forkSeq"); w.append(quint64(b.parent < 0 ? 0 : b.fork_seq));
  key(w, "forkTime"); w.append(qint64(b.fork_time_us));
  key(w, "end"); w.append(qint64(b.end_us));
  key(w, "actions"); writeActions(w, b.actions);
}

// The rest of the branch's map: its writes, carried entries and events.
// `packed` (format 2): a packer that has already packed some of the branch's events.
void writeBranchBody(QCborStreamWriter& w, const Branch& b, const Journal& j, const Journal* parent,
                     uint32_t init_writes, int format, int nodes, EventPacker* packed = nullptr) {
  Seq fork = b.parent < 0 ? 0 : b.fork_seq;
  const Seq from = std::min<Seq>(fork, Seq(j.size()));  // (a nonsense fork is written as is, for tests)
  uint32_t carried_from = parent ? prefixCarried(*parent, fork) : 0;
  uint32_t writes_from = parent ? std::max(init_writes, prefixWrites(*parent, fork)) : 0;
  key(w, "writes");
  size_t nw = j.writes().size() > writes_from + 1 ? j.writes().size() - writes_from - 1 : 0;
  w.startArray(quint64(nw));
  for (size_t i = writes_from + 1; i < j.writes().size(); ++i) {
    const ClientWriteInfo& x = j.writes()[i];
    w.startArray(3);
    text(w, x.text);
    w.append(x.origin == kNoNode ? qint64(-1) : qint64(x.origin));
    w.append(qint64(x.time_us));
    w.endArray();
  }
  w.endArray();
  QByteArray carried, events;
  if (format == 1) {
    for (const Entry& e : j.carried().toVector(carried_from)) {
      putVarint(carried, e.term);
      putVarint(carried, e.write);
    }
    events = packEvents(j, from, carried_from);
  } else {
    std::optional<EventPacker> own;  // made only when none was given: it reads the prefix before `from`
    EventPacker& packer = packed ? *packed : own.emplace(j, from, carried_from, nodes);
    packer.pack(j);
    carried = packer.finishCarried(j);
    events = packer.take();
  }
  key(w, "carriedCount"); w.append(quint64(j.carriedSize() > carried_from ? j.carriedSize() - carried_from : 0));
  key(w, "carried"); w.append(carried);
  key(w, "eventCount"); w.append(quint64(j.size() - from));
  key(w, "events"); w.append(events);
  w.endMap();
}

// --- reader ------------------------------------------------------------------

std::string num(uint64_t v) { return std::to_string(v); }

// The name of what is read, for error messages: a string, or a callable that
// makes it only when an error needs it (the inputs' 315,000 actions at ten
// million events made four names each, the most of their decoding).
template <typename N>
std::string nameOf(const N& name) {
  if constexpr (std::is_invocable_v<const N&>) return name();
  else return std::string(name);
}

class Reader {
 public:
  explicit Reader(const QByteArray& data) : data_(data), r_(std::make_unique<QCborStreamReader>(data)) {}
  ~Reader() {
    if (inputs_job_) inputs_job_->thread.join();  // read() joined it, unless it threw first
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  // Called with the first branch's journal every `every` events while it is
  // decoded (loadRun builds its checkpoints meanwhile): every event in it
  // valid; and the offset in the data before which nothing is read again.
  using Progress = std::function<void(const ClusterConfig&, const Journal&, size_t consumed)>;
  void onProgress(Progress progress, size_t every) {
    progress_ = std::move(progress);
    progress_every_ = std::max<size_t>(1, every);
  }

  void withoutIndex() { use_index_ = false; }

  std::optional<Recording> read(std::string& error) {
    bool ok = joinInputs(readAll());
    if (!ok) {
      error = error_.empty() ? "byte " + num(uint64_t(offset())) + ": unreadable file" : error_;
      return std::nullopt;
    }
    return std::move(rec_);
  }

 private:
  // Errors: the first one wins.
  bool failAt(qint64 offset, const std::string& msg) {
    if (error_.empty()) error_ = "byte " + num(uint64_t(std::max<qint64>(0, offset))) + ": " + msg;
    return false;
  }
  bool fail(const std::string& msg) { return failAt(offset(), msg); }
  bool streamOk() {
    if (r_->lastError() == QCborError::NoError) return true;
    if (r_->lastError() == QCborError::EndOfFile)
      return failAt(data_.size(), "truncated: the file ends in the middle of the data (" + num(uint64_t(data_.size())) +
                                      " bytes)");
    return fail("corrupt CBOR: " + r_->lastError().toString().toStdString());
  }
  qint64 remaining() const { return data_.size() - offset(); }
  // Where the stream is in the file: a value read by a stream of its own
  // (an indexed map, see readAll) counts from where it starts.
  qint64 offset() const { return base_ + r_->currentOffset(); }
  // Reads [begin, end) of the file from now on, with a stream of its own.
  void focus(size_t begin, size_t end) {
    r_ = std::make_unique<QCborStreamReader>(
        QByteArray::fromRawData(data_.constData() + begin, qsizetype(end - begin)));
    base_ = qint64(begin);
  }

  bool next() {
    r_->next();
    return streamOk();
  }
  template <typename N>
  bool readText(std::string& out, const N& what) {
    if (!streamOk()) return false;
    if (!r_->isString()) return fail(nameOf(what) + ": expected text");
    if (!r_->isLengthKnown()) return fail(nameOf(what) + ": text of unknown length");
    if (r_->length() > quint64(std::max<qint64>(0, remaining())))  // unsigned: a length past 2^63 is not negative
      return failAt(data_.size(), "truncated: " + nameOf(what) + " declares " + num(r_->length()) + " bytes, only " +
                                      num(uint64_t(remaining())) + " left");
    // Read as bytes straight into `out`, then checked: through a QString it
    // cost two allocations and two conversions per text, and the keys of the
    // inputs' maps alone made a tenth of a ten-million-event load.
    const qint64 len = qint64(r_->length());
    out.resize(size_t(len));
    qint64 got = 0;
    auto res = r_->readStringChunk(out.data(), len);
    while (res.status == QCborStreamReader::Ok) {
      got += res.data;
      res = r_->readStringChunk(out.data() + got, len - got);
    }
    if (res.status == QCborStreamReader::Error) return streamOk() && fail(nameOf(what) + ": unreadable text");
    out.resize(size_t(got));
    if (!QByteArrayView(out.data(), got).isValidUtf8()) return fail(nameOf(what) + ": text that is not UTF-8");
    return true;
  }
  // `out` views the file's bytes (valid while the file's data is); `start`: where they begin.
  bool readBytes(QByteArray& out, const std::string& what, qint64* start = nullptr) {
    if (!streamOk()) return false;
    if (!r_->isByteArray()) return fail(nameOf(what) + ": expected a byte string");
    if (!r_->isLengthKnown()) return fail(nameOf(what) + ": byte string of unknown length");
    if (r_->length() > quint64(std::max<qint64>(0, remaining())))  // unsigned: a length past 2^63 is not negative
      return failAt(data_.size(), "truncated: " + nameOf(what) + " declares " + num(r_->length()) + " bytes, only " +
                                      num(uint64_t(remaining())) + " left");
    // Read in place: the file is in memory, and a copy of a 100 MB event
    // block cost more than decoding it (issue 19). The content ends where the
    // next item starts, whatever the header's width.
    const qint64 len = qint64(r_->length());
    if (!next()) return false;
    const qint64 end = offset();
    if (end < len || end > data_.size()) return fail(nameOf(what) + ": unreadable bytes");
    out = QByteArray::fromRawData(data_.constData() + (end - len), len);
    if (start) *start = end - len;
    return true;
  }
  template <typename N>
  bool readUInt(uint64_t& v, const N& what, uint64_t max = std::numeric_limits<uint64_t>::max()) {
    if (!streamOk()) return false;
    if (!r_->isUnsignedInteger()) return fail(nameOf(what) + ": expected an unsigned integer");
    v = r_->toUnsignedInteger();
    if (v > max) return fail(nameOf(what) + ": " + num(v) + " is out of range (at most " + num(max) + ")");
    return next();
  }
  template <typename N>
  bool readInt(int64_t& v, const N& what, int64_t min, int64_t max) {
    if (!streamOk()) return false;
    qint64 at = offset();
    if (r_->isUnsignedInteger()) {
      uint64_t u = r_->toUnsignedInteger();
      if (u > uint64_t(std::numeric_limits<int64_t>::max())) return fail(nameOf(what) + ": out of range");
      v = int64_t(u);
    } else if (r_->isNegativeInteger()) {
      uint64_t n = uint64_t(r_->toNegativeInteger());  // the value is -n
      if (n > uint64_t(std::numeric_limits<int64_t>::max())) return fail(nameOf(what) + ": out of range");
      v = -int64_t(n);
    } else {
      return fail(nameOf(what) + ": expected an integer");
    }
    if (v < min || v > max)
      return failAt(at, nameOf(what) + ": " + std::to_string(v) + " is out of range [" + std::to_string(min) + ", " +
                            std::to_string(max) + "]");
    return next();
  }
  bool readDouble(double& v, const std::string& what) {
    if (!streamOk()) return false;
    if (r_->isDouble()) v = r_->toDouble();
    else if (r_->isFloat()) v = double(r_->toFloat());
    else if (r_->isFloat16()) v = double(r_->toFloat16());
    else return fail(nameOf(what) + ": expected a number");
    return next();
  }
  // Iterates a map: `body(key)` must consume the value (or skip it).
  template <typename N, typename F>
  bool readMap(const N& what, F body) {
    if (!streamOk()) return false;
    if (!r_->isMap()) return fail(nameOf(what) + ": expected a map");
    if (!r_->enterContainer()) return streamOk() && fail(nameOf(what) + ": unreadable map");
    while (error_.empty() && streamOk() && r_->hasNext()) {
      std::string k;
      if (!r_->isString()) {
        if (!next()) return false;  // a key that is not text: skip it and its value
        if (!next()) return false;
        continue;
      }
      if (!readText(k, [&] { return nameOf(what) + " key"; })) return false;
      if (!body(k)) return false;
    }
    if (!error_.empty() || !streamOk()) return false;
    if (!r_->leaveContainer()) return streamOk() && fail(nameOf(what) + ": unreadable map end");
    return streamOk();
  }
  template <typename N, typename F>
  bool readArray(const N& what, F body) {
    if (!streamOk()) return false;
    if (!r_->isArray()) return fail(nameOf(what) + ": expected an array");
    if (!r_->enterContainer()) return streamOk() && fail(nameOf(what) + ": unreadable array");
    size_t i = 0;
    while (error_.empty() && streamOk() && r_->hasNext())
      if (!body(i++)) return false;
    if (!error_.empty() || !streamOk()) return false;
    if (!r_->leaveContainer()) return streamOk() && fail(nameOf(what) + ": unreadable array end");
    return streamOk();
  }
  bool skip() { return next(); }
  // Room to reserve for the array about to be read: its declared count, as
  // far as the bytes left can hold at `min_bytes` an element, and a million
  // at most, so a hostile count costs no more than the elements it would take
  // to fill (0 when the count is not declared).
  size_t declaredCount(uint64_t min_bytes) {
    if (!r_->isArray() || !r_->isLengthKnown()) return 0;
    return size_t(std::min<quint64>({r_->length(), quint64(std::max<qint64>(0, remaining())) / min_bytes, 1u << 20}));
  }

  template <typename N>
  bool nodeRef(uint64_t v, const N& what, qint64 at) {
    if (v >= rec_.config.names.size())
      return failAt(at, nameOf(what) + ": unknown node " + num(v) + " (the cluster has " + num(rec_.config.names.size()) +
                            " nodes)");
    return true;
  }

  bool readAll();
  bool readEntry(const std::string& k, qint64 at, const CborMapEntry* indexed, bool& have_until, bool& have_branches);
  // Inputs this large are decoded on a thread of their own while the
  // branches are (315,000 actions at ten million events: a tenth of a load).
  static constexpr size_t kInputsOnThreadBytes = size_t{256} << 10;
  bool startInputs(const CborMapEntry& e);
  // Waits for the inputs' thread, if any: false (its error kept) if it failed, else `ok`.
  bool joinInputs(bool ok);
  // What the loader may give back of the file: not the inputs while their thread reads them.
  size_t consumedUpTo(size_t consumed) const {
    if (inputs_job_ && !inputs_job_->done.load(std::memory_order_acquire)) return std::min(consumed, inputs_job_->begin);
    return consumed;
  }
  bool readConfig();
  bool readTiming(Timing& t);
  bool readInit();
  template <typename N>
  bool readAction(Action& a, const N& what);
  bool readActions(std::vector<Action>& out, const std::string& what);
  bool readBranch(size_t index);
  bool buildBranch(size_t index, Branch& b, std::vector<ClientWriteInfo>& writes, qint64 writes_at,
                   uint64_t carried_count, const QByteArray& carried, qint64 carried_at, uint64_t event_count,
                   const QByteArray& events, qint64 events_at, qint64 parent_at, qint64 branch_at);
  bool buildBranch2(const std::string& what, Branch& b, Journal j, uint32_t prefix_carried, uint32_t max_write,
                    uint64_t carried_count, const QByteArray& carried, qint64 carried_at, uint64_t event_count,
                    const QByteArray& events, qint64 events_at, qint64 branch_at);
  bool finishBranch(const std::string& what, Branch& b, Journal j, qint64 branch_at);

  const QByteArray& data_;
  qint64 base_ = 0;  // where r_'s bytes start in data_
  bool use_index_ = true;
  Progress progress_;
  size_t progress_every_ = 0;
  uint64_t events_total_ = 0;  // over all branches read so far
  std::unique_ptr<QCborStreamReader> r_;
  std::string error_;
  Recording rec_;
  bool have_config_ = false;
  std::vector<std::pair<uint64_t, qint64>> voted_refs_;
  struct InputsJob {
    std::unique_ptr<Reader> reader;  // over the inputs' bytes alone
    std::thread thread;
    std::atomic<bool> done{false};
    bool ok = false;
    std::exception_ptr failure;
    size_t begin = 0;  // where the inputs start in the file
  };
  std::unique_ptr<InputsJob> inputs_job_;
};

bool Reader::readAll() {
  if (data_.isEmpty()) return failAt(0, "empty file: not a Radeau recording");
  auto wrongMagic = [&] { return failAt(0, "not a Radeau recording (wrong magic at byte 0)"); };
  if (r_->lastError() != QCborError::NoError) return wrongMagic();
  if (r_->isTag() && r_->toTag() == QCborKnownTags::Signature) r_->next();
  if (r_->lastError() != QCborError::NoError || !r_->isMap()) return wrongMagic();
  if (!r_->enterContainer() || !r_->hasNext() || !r_->isString()) return wrongMagic();
  std::string k, magic;
  {
    auto res = r_->readString();
    QString s;
    while (res.status == QCborStreamReader::Ok && s.size() < 64) {
      s += res.data;
      res = r_->readString();
    }
    if (res.status != QCborStreamReader::EndOfString) return wrongMagic();
    k = s.toStdString();
  }
  if (k != "magic" || !r_->isString() || !r_->isLengthKnown() || r_->length() > 64) return wrongMagic();
  if (!readText(magic, "magic") || magic != kRecordingMagic) {
    error_.clear();
    return wrongMagic();
  }
  // The format version comes second, so that nothing else is read by a reader too old for it.
  std::string fk;
  if (!r_->hasNext()) return streamOk() && fail("missing \"format\" after the magic");
  qint64 format_at = offset();
  if (!readText(fk, "format key")) return false;
  if (fk != "format") return failAt(format_at, "expected \"format\" after the magic, found \"" + sanitizeText(fk, 40) + "\"");
  format_at = offset();
  uint64_t format = 0;
  if (!readUInt(format, "format")) return false;
  if (format > uint64_t(kRecordingFormat))
    return failAt(format_at, "format version " + num(format) + " is newer than this Radeau reads (" +
                                 num(kRecordingFormat) + "): open it with a newer Radeau");
  if (format == 0) return failAt(format_at, "format version 0 does not exist");
  rec_.format = int(format);
  bool have_until = false, have_branches = false;
  // The rest, value by value: each read by a stream over its own bytes when
  // the map could be indexed (see replay/cbor_index.h), else item by item.
  std::optional<std::vector<CborMapEntry>> index;
  if (use_index_) index = indexCborMap(reinterpret_cast<const uint8_t*>(data_.constData()), size_t(data_.size()));
  const bool indexed = index && index->size() >= 2 && (*index)[0].key == "magic" && (*index)[1].key == "format" &&
                       offset() == qint64(index->size() > 2 ? (*index)[2].key_at : size_t(data_.size()));
  if (indexed) {
    for (size_t i = 2; i < index->size(); ++i) {
      const CborMapEntry& e = (*index)[i];
      focus(e.value_at, e.value_end);
      if (!readEntry(e.key, qint64(e.key_at), &e, have_until, have_branches)) return false;
    }
  } else {
    std::string k;
    while (error_.empty() && streamOk() && r_->hasNext()) {
      qint64 at = offset();
      if (!r_->isString()) {
        if (!next() || !next()) return false;
        continue;
      }
      if (!readText(k, "key")) return false;
      if (!readEntry(k, at, nullptr, have_until, have_branches)) return false;
    }
  }
  if (!error_.empty() || !streamOk()) return false;
  if (!have_config_) return fail("missing \"config\"");
  if (!have_until) return fail("missing \"until\"");
  if (!have_branches || rec_.branches.empty()) return fail("missing \"branches\": a recording has at least one");
  if (indexed) return true;  // the index ends where the map and the file do
  r_->leaveContainer();
  return streamOk();
}

// One entry of the top-level map, its value under the stream; `indexed`:
// where it lies, when the map was indexed.
bool Reader::readEntry(const std::string& k, qint64 at, const CborMapEntry* indexed, bool& have_until,
                       bool& have_branches) {
  auto needConfig = [&] {
    if (have_config_) return true;
    // Appended, not `"\"" + ...`: GCC 12 warns falsely (-Wrestrict) about that form once inlined here.
    std::string msg = "\"";
    msg += sanitizeText(k, 40);
    msg += "\" comes before \"config\"";
    return failAt(at, msg);
  };
  if (k == "app") return readText(rec_.app_version, "app");
  if (k == "config") {
    if (!readConfig()) return false;
    have_config_ = true;
    return true;
  }
  if (k == "inputs") {
    if (!needConfig() || !joinInputs(true)) return false;  // a second "inputs" replaces the first, as read in order
    if (indexed && indexed->value_end - indexed->value_at >= kInputsOnThreadBytes && startInputs(*indexed)) return true;
    return readActions(rec_.inputs, "inputs");
  }
  if (k == "until") {
    int64_t u;
    if (!readInt(u, "until", 0, limits::kMaxDurationUs)) return false;
    rec_.until_us = u;
    have_until = true;
    return true;
  }
  if (k == "branches") {
    if (!needConfig()) return false;
    if (!readArray("branches", [&](size_t i) { return readBranch(i); })) return false;
    have_branches = true;
    return true;
  }
  return skip();  // a newer writer's key
}

bool Reader::startInputs(const CborMapEntry& e) {
  auto job = std::make_unique<InputsJob>();
  job->reader = std::make_unique<Reader>(data_);
  job->reader->rec_.config = rec_.config;  // the node names the actions refer to
  job->reader->have_config_ = true;
  job->reader->focus(e.value_at, e.value_end);
  job->begin = e.value_at;
  InputsJob* j = job.get();
  try {
    job->thread = std::thread([j] {
      try {
        j->ok = j->reader->readActions(j->reader->rec_.inputs, "inputs");
      } catch (...) {
        j->failure = std::current_exception();  // rethrown by joinInputs, where a read here would have thrown it
      }
      j->done.store(true, std::memory_order_release);
    });
  } catch (const std::system_error&) {
    return false;  // no thread to be had: read here
  }
  inputs_job_ = std::move(job);
  return true;
}

bool Reader::joinInputs(bool ok) {
  if (!inputs_job_) return ok;
  std::unique_ptr<InputsJob> job = std::move(inputs_job_);
  job->thread.join();
  if (job->failure) std::rethrow_exception(job->failure);
  // The inputs come before anything read meanwhile: their error is the one
  // a read in order stops at.
  if (!job->ok) {
    Reader& r = *job->reader;
    error_ = r.error_.empty() ? "byte " + num(uint64_t(r.offset())) + ": unreadable file" : r.error_;
    return false;
  }
  rec_.inputs = std::move(job->reader->rec_.inputs);
  return ok;
}

bool Reader::readTiming(Timing& t) {
  return readMap("config.timing", [&](const std::string& k) {
    int64_t v;
    if (k == "clockPermille")
      return readArray("config.timing.clockPermille", [&](size_t i) {
        if (i >= size_t(kMaxNodes)) return fail("config.timing.clockPermille: more rates than nodes");
        uint64_t r;
        if (!readUInt(r, "config.timing.clockPermille[" + num(i) + "]", kMaxClockPermille)) return false;
        if (r < kMinClockPermille) return fail("config.timing.clockPermille[" + num(i) + "]: below " + num(kMinClockPermille));
        t.clock_permille[i] = uint16_t(r);
        return true;
      });
    if (k == "snapshotEntries") {
      if (!readInt(v, "config.timing.snapshotEntries", 1, 0xFFFFFFFFll)) return false;
      t.snapshot_entries = uint32_t(v);
      return true;
    }
    Time* target = k == "electionMinUs"   ? &t.election_min_us
                   : k == "electionMaxUs" ? &t.election_max_us
                   : k == "heartbeatUs"   ? &t.heartbeat_us
                   : k == "latencyMinUs"  ? &t.latency_min_us
                   : k == "latencyMaxUs"  ? &t.latency_max_us
                                          : nullptr;
    if (!target) return skip();
    if (!readInt(v, "config.timing." + k, 0, limits::kMaxTimingUs)) return false;
    *target = v;
    return true;
  });
}

bool Reader::readInit() {
  ClusterConfig& c = rec_.config;
  return readArray("config.init", [&](size_t i) {
    std::string what = "config.init[" + num(i) + "]";
    if (i >= size_t(kMaxNodes)) return fail(what + ": more entries than nodes");
    if (r_->isNull()) {
      c.init.emplace_back();
      return next();
    }
    InitialNodeState s;
    uint64_t voted = kNoNode;
    qint64 voted_at = 0;
    if (!readMap(what, [&](const std::string& k) {
          uint64_t v;
          if (k == "term") {
            if (!readUInt(v, what + ".term", 0xFFFFFFFFu)) return false;
            s.term = uint32_t(v);
            return true;
          }
          if (k == "votedFor") {
            voted_at = offset();
            if (r_->isNull()) return next();
            return readUInt(voted, what + ".votedFor", 255);
          }
          if (k == "log")
            return readArray(what + ".log", [&](size_t) {
              if (!readUInt(v, what + ".log", 0xFFFFFFFFu)) return false;
              s.log_terms.push_back(uint32_t(v));
              return true;
            });
          if (k == "logTexts")
            return readArray(what + ".logTexts", [&](size_t) {
              qint64 text_at = offset();
              std::string t;
              if (!readText(t, what + ".logTexts")) return false;
              if (t.size() > limits::kMaxWriteTextBytes)
                return failAt(text_at, what + ".logTexts: a text of " + num(t.size()) + " bytes (at most " +
                                           num(limits::kMaxWriteTextBytes) + ")");
              s.log_texts.push_back(std::move(t));
              return true;
            });
          return skip();
        }))
      return false;
    if (s.log_texts.size() > s.log_terms.size())
      return fail(what + ": " + num(s.log_texts.size()) + " entry texts for " + num(s.log_terms.size()) + " entries");
    s.voted_for = NodeId(voted);
    c.init.emplace_back(std::move(s));
    // Node references are checked once the names are known (after the map).
    if (voted != kNoNode) voted_refs_.push_back({voted, voted_at});
    return true;
  });
}

bool Reader::readConfig() {
  ClusterConfig& c = rec_.config;
  c = ClusterConfig();
  qint64 names_at = offset(), members_at = 0;
  bool have_names = false;
  if (!readMap("config", [&](const std::string& k) {
        uint64_t v;
        if (k == "names") {
          names_at = offset();
          have_names = true;
          return readArray("config.names", [&](size_t i) {
            if (i >= size_t(kMaxNodes)) return fail("config.names: more than " + num(kMaxNodes) + " nodes");
            std::string n;
            if (!readText(n, "config.names[" + num(i) + "]")) return false;
            c.names.push_back(std::move(n));
            return true;
          });
        }
        if (k == "concepts") {
          if (!readUInt(v, "config.concepts", (1u << kConceptCount) - 1)) return false;
          c.concepts = Concepts(uint32_t(v));
          return true;
        }
        if (k == "seed") return readUInt(c.seed, "config.seed");
        if (k == "timing") return readTiming(c.timing);
        if (k == "network")
          return readMap("config.network", [&](const std::string& nk) {
            double* target = nk == "loss" ? &c.network.loss : nk == "duplicate" ? &c.network.duplicate : nullptr;
            if (!target) return skip();
            qint64 at = offset();
            if (!readDouble(*target, "config.network." + nk)) return false;
            if (!(*target >= 0.0 && *target <= 1.0))
              return failAt(at, "config.network." + nk + ": a probability must be within [0, 1]");
            return true;
          });
        if (k == "init") return readInit();
        if (k == "members") {
          members_at = offset();
          if (!readUInt(v, "config.members", kAllNodesMask)) return false;
          c.members = uint16_t(v);
          return true;
        }
        return skip();
      }))
    return false;
  if (!have_names || c.names.empty()) return failAt(names_at, "config.names: a cluster has 1 to 9 nodes");
  for (size_t i = 0; i < c.names.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (c.names[i] == c.names[j]) return failAt(names_at, "config.names: \"" + sanitizeText(c.names[i], 80) + "\" appears twice");
  if (c.init.size() > c.names.size()) return failAt(names_at, "config.init: more entries than nodes");
  if (members_at && (c.members == 0 || (c.members >> c.names.size()) != 0))
    return failAt(members_at, "config.members: names no node, or a node beyond the " + num(c.names.size()) + " nodes");
  for (auto [v, at] : voted_refs_)
    if (!nodeRef(v, "config.init votedFor", at)) return false;
  const Timing& t = c.timing;
  if (std::string why = timingProblem(t); !why.empty()) return failAt(names_at, "config.timing: " + why);
  return true;
}

template <typename N>
bool Reader::readAction(Action& a, const N& what) {
  auto field = [&what](const char* name) { return [&what, name] { return nameOf(what) + name; }; };
  qint64 at = offset();
  bool have_kind = false;
  uint64_t node = kNoNode, peer = kNoNode;
  qint64 node_at = at, peer_at = at;
  if (!readMap(what, [&](const std::string& k) {
        uint64_t v;
        int64_t i;
        if (k == "t") {
          if (!readInt(i, field(".t"), 0, int64_t(1) << 50)) return false;
          a.time_us = i;
          return true;
        }
        if (k == "kind") {
          if (!readUInt(v, field(".kind"), uint64_t(kLastActionKind))) return false;
          a.kind = ActionKind(v);
          have_kind = true;
          return true;
        }
        if (k == "node") {
          node_at = offset();
          return readUInt(node, field(".node"), 255);
        }
        if (k == "peer") {
          peer_at = offset();
          return readUInt(peer, field(".peer"), 255);
        }
        if (k == "text") return readText(a.text, field(".text"));
        if (k == "groups")
          return readArray(field(".groups"), [&](size_t g) {
            if (g >= 8) return fail(nameOf(what) + ".groups: at most 8 groups");
            a.groups.emplace_back();
            return readArray(field(".groups"), [&](size_t m) {
              qint64 x_at = offset();
              if (m >= size_t(kMaxNodes)) return fail(nameOf(what) + ".groups: too many nodes in a group");
              if (!readUInt(v, field(".groups"), 255)) return false;
              if (!nodeRef(v, field(".groups"), x_at)) return false;
              a.groups.back().push_back(NodeId(v));
              return true;
            });
          });
        if (k == "message") {
          if (!readUInt(v, field(".message"), 0xFFFFFFFFu)) return false;
          a.message = Seq(v);
          return true;
        }
        if (k == "concepts") {
          if (!readUInt(v, field(".concepts"), (1u << kConceptCount) - 1)) return false;
          a.concepts = Concepts(uint32_t(v));
          return true;
        }
        if (k == "line") {
          if (!readInt(i, field(".line"), 0, std::numeric_limits<int>::max())) return false;
          a.line = int(i);
          return true;
        }
        return skip();
      }))
    return false;
  if (!have_kind) return failAt(at, nameOf(what) + ": missing \"kind\"");
  if (node != kNoNode && !nodeRef(node, field(".node"), node_at)) return false;
  if (peer != kNoNode && !nodeRef(peer, field(".peer"), peer_at)) return false;
  a.node = NodeId(node);
  a.peer = NodeId(peer);
  return true;
}

bool Reader::readActions(std::vector<Action>& out, const std::string& what) {
  out.clear();
  out.reserve(declaredCount(7));  // an action takes at least 7 bytes: a map with its kind
  return readArray(what, [&](size_t i) {
    Action a;
    if (!readAction(a, [&] { return what + "[" + num(i) + "]"; })) return false;
    if (!out.empty() && a.time_us < out.back().time_us)
      return fail(what + "[" + num(i) + "]: times go backwards");
    out.push_back(std::move(a));
    return true;
  });
}

bool Reader::readBranch(size_t index) {
  std::string what = "branch " + num(index);
  qint64 branch_at = offset();
  if (index >= size_t(limits::kMaxBranches))
    return fail("branches: more than " + num(uint64_t(limits::kMaxBranches)) + " branches");
  Branch b;
  b.id = int(index);
  bool have_parent = false, have_end = false;
  std::vector<ClientWriteInfo> writes;
  QByteArray carried, events;
  uint64_t carried_count = 0, event_count = 0, fork = 0;
  qint64 carried_at = branch_at, events_at = branch_at, parent_at = branch_at, writes_at = branch_at;
  if (!readMap(what, [&](const std::string& k) {
        int64_t i;
        if (k == "name") return readText(b.name, what + ".name");
        if (k == "parent") {
          parent_at = offset();
          if (!readInt(i, what + ".parent", -1, std::numeric_limits<int>::max())) return false;
          b.parent = int(i);
          have_parent = true;
          return true;
        }
        if (k == "forkSeq") return readUInt(fork, what + ".forkSeq", 0xFFFFFFFEu);
        if (k == "forkTime") {
          if (!readInt(i, what + ".forkTime", 0, limits::kMaxDurationUs)) return false;
          b.fork_time_us = i;
          return true;
        }
        if (k == "end") {
          if (!readInt(i, what + ".end", 0, limits::kMaxDurationUs)) return false;
          b.end_us = i;
          have_end = true;
          return true;
        }
        if (k == "actions") return readActions(b.actions, what + ".actions");
        if (k == "writes") {
          writes_at = offset();
          writes.reserve(declaredCount(4));  // a write takes at least 4 bytes: an array with its text
          return readArray(what + ".writes", [&](size_t w) {
            // Named only for an error (one per write, see nameOf).
            auto name = [&](const char* part) { return [&, part] { return what + ".writes[" + num(w) + "]" + part; }; };
            ClientWriteInfo info;
            int64_t origin = -1, t = 0;
            qint64 origin_at = 0;
            if (!readArray(name(""), [&](size_t f) {
                  if (f == 0) {
                    qint64 text_at = offset();
                    if (!readText(info.text, name(" text"))) return false;
                    if (info.text.size() > limits::kMaxWriteTextBytes)
                      return failAt(text_at, name("")() + ": a write text of " + num(info.text.size()) +
                                                 " bytes (at most " + num(limits::kMaxWriteTextBytes) + ")");
                    return true;
                  }
                  if (f == 1) {
                    origin_at = offset();
                    return readInt(origin, name(" origin"), -1, 255);
                  }
                  if (f == 2) return readInt(t, name(" time"), 0, limits::kMaxDurationUs);
                  return skip();
                }))
              return false;
            if (origin >= 0 && !nodeRef(uint64_t(origin), name(" origin"), origin_at)) return false;
            info.origin = origin < 0 ? kNoNode : NodeId(origin);
            info.time_us = t;
            writes.push_back(std::move(info));
            return true;
          });
        }
        if (k == "carriedCount") return readUInt(carried_count, what + ".carriedCount");
        if (k == "carried") {
          return readBytes(carried, what + ".carried", &carried_at);
        }
        if (k == "eventCount") return readUInt(event_count, what + ".eventCount");
        if (k == "events") {
          return readBytes(events, what + ".events", &events_at);
        }
        return skip();
      }))
    return false;
  if (!have_parent) return failAt(branch_at, what + ": missing \"parent\"");
  if (!have_end) return failAt(branch_at, what + ": missing \"end\"");
  b.fork_seq = Seq(fork);
  return buildBranch(index, b, writes, writes_at, carried_count, carried, carried_at, event_count, events,
                     events_at, parent_at, branch_at);
}


bool Reader::buildBranch(size_t index, Branch& b, std::vector<ClientWriteInfo>& writes, qint64 writes_at,
                         uint64_t carried_count, const QByteArray& carried, qint64 carried_at,
                         uint64_t event_count, const QByteArray& events, qint64 events_at, qint64 parent_at,
                         qint64 branch_at) {
  std::string what = "branch " + num(index) + " (\"" + sanitizeText(b.name, 80) + "\")";
  const int nodes = int(rec_.config.names.size());
  // The tree: the root first, every other branch after its parent.
  if (index == 0 && b.parent != -1)
    return failAt(parent_at, what + ": the first branch must be the root (parent -1), not a child of " +
                                 std::to_string(b.parent));
  if (index > 0 && (b.parent < 0 || size_t(b.parent) >= index))
    return failAt(parent_at, what + ": unknown parent branch " + std::to_string(b.parent));
  const Journal* parent = b.parent >= 0 ? &rec_.journals[size_t(b.parent)] : nullptr;
  Seq fork = parent ? b.fork_seq : 0;
  if (!parent && b.fork_seq != 0) return failAt(branch_at, what + ": the root cannot fork at event " + num(b.fork_seq));
  if (parent) {
    if (fork > parent->size())
      return failAt(branch_at, what + ": forks at event " + num(fork) + " but its parent has only " +
                                   num(parent->size()) + " events");
    if ((fork > 0 && (*parent)[fork - 1].time_us > b.fork_time_us) ||
        (fork < parent->size() && (*parent)[fork].time_us <= b.fork_time_us))
      return failAt(branch_at, what + ": fork instant " + formatTime(b.fork_time_us) + " does not match fork event " +
                                   num(fork));
  }
  if (b.end_us < b.fork_time_us) return failAt(branch_at, what + ": ends before it forks");

  // Prefix: what the parent had at the fork, shared with it (not copied).
  uint32_t prefix_carried = parent ? prefixCarried(*parent, fork) : 0;
  // The init entries' texts are known from the start (config.h).
  const uint32_t init_writes = uint32_t(initWriteTexts(rec_.config).size());
  uint32_t prefix_writes = parent ? std::max(init_writes, prefixWrites(*parent, fork)) : 0;
  EventContext ctx(nodes, 0, 0);
  Journal j = parent ? Journal::sharePrefix(*parent, fork, prefix_carried, size_t(prefix_writes) + 1) : Journal();
  j.reserve(fork + std::min<uint64_t>(event_count, uint64_t(events.size())));
  for (ClientWriteInfo& w : writes) j.addWrite(std::move(w));
  if (j.writes().size() - 1 < init_writes)
    return failAt(writes_at, what + ": " + num(j.writes().size() - 1) + " write texts, fewer than the " +
                                 num(init_writes) + " of the init entries");

  if (rec_.format >= 2)
    return buildBranch2(what, b, std::move(j), prefix_carried, std::max(prefix_writes, init_writes), carried_count,
                        carried, carried_at, event_count, events, events_at, branch_at);

  for (Seq s = 0; s < fork; ++s) noteEvent(s, j[s], ctx);

  // Carried entries: two varints each, so at least two bytes each.
  const qint64 carried_base = carried_at;
  if (carried_count > uint64_t(carried.size()) / 2)
    return failAt(carried_at, what + ": carriedCount " + num(carried_count) + " does not fit in " +
                                  num(uint64_t(carried.size())) + " bytes");
  {
    const uint8_t* p = reinterpret_cast<const uint8_t*>(carried.constData());
    size_t n = size_t(carried.size()), pos = 0;
    auto varint = [&](uint64_t& v) { return readVarint(p, n, pos, v); };
    std::vector<Entry> entries;
    entries.reserve(size_t(carried_count));
    for (uint64_t i = 0; i < carried_count; ++i) {
      uint64_t t, w;
      size_t start = pos;
      if (!varint(t) || !varint(w) || t > 0xFFFFFFFFu || w > 0xFFFFFFFFu)
        return failAt(carried_base + qint64(start), what + ": carried entry " + num(i) + " is corrupt");
      entries.push_back({uint32_t(t), uint32_t(w)});
    }
    if (!entries.empty()) j.appendCarried(entries.data(), entries.size());
  }

  // Events: at least two bytes each (kind and mask).
  const qint64 base = events_at;
  if (const std::string problem = eventCountProblem(event_count, 2, uint64_t(events.size()), fork); !problem.empty())
    return failAt(events_at, what + ": " + problem);
  const uint8_t* p = reinterpret_cast<const uint8_t*>(events.constData());
  const size_t n = size_t(events.size());
  size_t pos = 0;
  Time prev = fork > 0 ? j[fork - 1].time_us : 0;
  ctx.carried_cursor = prefix_carried;
  ctx.max_write = std::max(prefix_writes, init_writes);
  ctx.writes_known = uint32_t(j.writes().size() - 1);
  ctx.carried_total = j.carriedSize();
  ctx.sent.reserve(size_t(fork + event_count));  // bounded: event_count was checked against the bytes
  const bool report = progress_ && b.parent < 0 && rec_.branches.empty();
  size_t report_in = progress_every_;
  for (uint64_t i = 0; i < event_count; ++i) {
    if (report && --report_in == 0) {
      progress_(rec_.config, j, consumedUpTo(size_t(events_at) + pos));
      report_in = progress_every_;
    }
    const size_t start = pos;
    const Seq seq = Seq(fork + i);
    auto bad = [&](const std::string& msg) {
      return failAt(base + qint64(start), what + " event " + num(i) + " (seq " + num(seq) + "): " + msg);
    };
    auto varint = [&](uint64_t& v) { return readVarint(p, n, pos, v); };
    if (pos >= n) return bad("truncated: the event data ends early");
    Event e;
    uint8_t kind = p[pos++];
    if (kind >= kEventKindCount) return bad("unknown event kind " + num(kind));
    e.kind = EventKind(kind);
    uint64_t mask;
    if (!varint(mask)) return bad("truncated or corrupt field mask");
    if (mask >> kPackedCount) return bad("corrupt field mask");
    bool carried_offset_given = false;
    for (unsigned f = 0; f < kPackedCount; ++f) {
      const PackedField& field = kPacked[f];
      const char* name = kEventFields[int(field.field)].name;
      uint64_t bits = packedDefault(field, prev, 0);
      if ((mask >> f) & 1u) {
        uint64_t v = 0;
        if (field.packing == Packing::Byte) {
          if (pos >= n) return bad(std::string("truncated ") + name);
          v = p[pos++];
        } else if (!varint(v)) {
          return bad(std::string("truncated or corrupt ") + name);
        }
        switch (field.packing) {
          case Packing::TimeDelta: {
            const int64_t delta = unzigzag(v);
            if (delta < 0)
              return bad("time goes backwards (" + formatTime(prev + delta) + " after " + formatTime(prev) + ")");
            // prev is within [0, the limit]: the subtraction cannot overflow.
            if (delta > limits::kMaxDurationUs - prev)
              return bad("time beyond " + formatTime(limits::kMaxDurationUs) + ", the longest run Radeau simulates");
            bits = uint64_t(prev + delta);
            break;
          }
          case Packing::RefBack:
            if (v == 0 || v > seq) return bad("refers to an event that does not precede it");
            bits = seq - v;
            break;
          case Packing::CarriedOffset: carried_offset_given = true; bits = v; break;
          case Packing::Byte:
          case Packing::Varint: bits = v; break;
        }
      }
      if (!setFieldBits(e, field.field, bits)) return bad(std::string(name) + " out of range");
    }
    // The next carried offset, once the sub says whether the event carries any.
    if (!carried_offset_given) e.setCarried(isLogRequest(e) ? ctx.carried_cursor : 0, e.carriedCount());
    if (e.time_us < b.fork_time_us && parent) return bad("time before the fork instant");

    // References and protocol sense, so that nothing downstream (fold, checker,
    // formatter, the simulator playing on) can go out of bounds.
    if (std::string why = validateEvent(j, e, ctx); !why.empty()) return bad(why);
    prev = e.time_us;
    j.append(e);
  }
  if (pos != n) return failAt(base + qint64(pos), what + ": " + num(uint64_t(n - pos)) + " bytes after the last event");
  // The file holds the branch's carried entries as one block: split it at the
  // events' ranges so identical payloads are stored once, as in the simulation.
  j.splitCarried(prefix_carried, fork);
  return finishBranch(what, b, std::move(j), branch_at);
}

bool Reader::buildBranch2(const std::string& what, Branch& b, Journal j, uint32_t prefix_carried, uint32_t max_write,
                          uint64_t carried_count, const QByteArray& carried, qint64 carried_at, uint64_t event_count,
                          const QByteArray& events, qint64 events_at, qint64 branch_at) {
  const int nodes = int(rec_.config.names.size());
  const Seq fork = Seq(j.size());
  // Carried entries: pieces of at least one byte, each a payload written out or
  // a reference back to an identical one; every count and distance is checked
  // against what is left and what precedes before anything is stored.
  {
    const uint8_t* p = reinterpret_cast<const uint8_t*>(carried.constData());
    const size_t n = size_t(carried.size());
    size_t pos = 0;
    if (carried_count > 0xFFFFFFFFull - prefix_carried)
      return failAt(carried_at, what + ": carriedCount " + num(carried_count) + " is beyond the 2^32 entries a branch may carry");
    uint64_t left = carried_count, piece = 0;
    int64_t prev_term = 0, prev_write = 0;
    std::vector<Entry> entries;
    while (left > 0) {
      const size_t start = pos;
      auto bad = [&](const std::string& msg) {
        return failAt(carried_at + qint64(start), what + ": carried piece " + num(piece) + ": " + msg);
      };
      uint64_t h, d;
      if (!readVarint(p, n, pos, h)) return bad("truncated: the carried entries end early");
      const uint64_t count = h >> 1;
      if (count == 0 || count > left)
        return bad(num(count) + " entries, but " + num(left) + " of the declared carriedCount are left");
      const uint64_t cursor = j.carriedSize();
      if (h & 1) {
        if (!readVarint(p, n, pos, d)) return bad("truncated back-reference");
        if (d < count || d > cursor - prefix_carried)
          return bad("refers back " + num(d) + " entries for " + num(count) + ", but the branch's carried entries before it are " +
                     num(cursor - prefix_carried));
        const size_t from = size_t(cursor - d);
        if (j.carriedContiguous(from) < count)
          return bad("refers back to entries that are not one earlier payload");
        j.appendCarriedCopyOf(from, size_t(count));
      } else {
        if (count > (n - pos) / 2) return bad(num(count) + " entries do not fit in the " + num(n - pos) + " bytes left");
        entries.clear();
        for (uint64_t i = 0; i < count; ++i) {
          uint64_t t, w;
          if (!readVarint(p, n, pos, t) || !readVarint(p, n, pos, w)) return bad("truncated entry " + num(i));
          const int64_t term = prev_term + unzigzag(t), write = prev_write + unzigzag(w);
          if (term < 0 || term > 0xFFFFFFFFll || write < 0 || write > 0xFFFFFFFFll)
            return bad("entry " + num(i) + " is corrupt");
          entries.push_back({uint32_t(term), uint32_t(write)});
          prev_term = term;
          prev_write = write;
        }
        j.appendCarried(entries.data(), entries.size());
      }
      left -= count;
      ++piece;
    }
    if (pos != n)
      return failAt(carried_at + qint64(pos), what + ": " + num(uint64_t(n - pos)) + " bytes after the last carried entry");
  }

  // Events: at least one byte each (the header).
  if (const std::string problem = eventCountProblem(event_count, 1, uint64_t(events.size()), fork); !problem.empty())
    return failAt(events_at, what + ": " + problem);
  const uint8_t* p = reinterpret_cast<const uint8_t*>(events.constData());
  const size_t n = size_t(events.size());
  size_t pos = 0;
  j.reserve(fork + event_count);
  Model m(j, nodes, fork, prefix_carried, 0, j.carriedSize());
  EventContext& ctx = m.ctx;
  ctx.max_write = max_write;
  ctx.writes_known = uint32_t(j.writes().size() - 1);
  ctx.carried_total = j.carriedSize();
  ctx.sent.reserve(size_t(fork + event_count));  // bounded: event_count was checked against the bytes
  const bool report = progress_ && b.parent < 0 && rec_.branches.empty();
  size_t report_in = progress_every_;
  for (uint64_t i = 0; i < event_count; ++i) {
    if (report && --report_in == 0) {
      progress_(rec_.config, j, consumedUpTo(size_t(events_at) + pos));
      report_in = progress_every_;
    }
    const size_t start = pos;
    const Seq seq = Seq(fork + i);
    auto bad = [&](const std::string& msg) {
      return failAt(events_at + qint64(start), what + " event " + num(i) + " (seq " + num(seq) + "): " + msg);
    };
    uint64_t h, mask;
    if (!readVarint(p, n, pos, h)) return bad(pos >= n ? "truncated: the event data ends early" : "corrupt header");
    if ((h >> 1) >= uint64_t(kEventKindCount)) return bad("unknown event kind " + num(h >> 1));
    Event e;
    e.kind = EventKind(h >> 1);
    if (h & 1) {
      mask = m.last_mask[h >> 1];
    } else {
      if (!readVarint(p, n, pos, mask)) return bad("truncated or corrupt field mask");
      if (mask >> kPacked2Count) return bad("corrupt field mask");
    }
    const Seq due = Model::refersToDue(e.kind) ? m.due() : kNoSeq;
    // One field of kPacked2, its field and packing known at compile time: the
    // fields unrolled, each prediction and store without a dispatch (the
    // loop over a table cost a quarter of a ten-million-event load).
    auto field = [&]<unsigned F>(std::integral_constant<unsigned, F>) {
      constexpr PackedField kField = kPacked2[F];
      constexpr const char* kName = kEventFields[int(kField.field)].name;
      uint64_t bits;
      if (!((mask >> F) & 1u)) {
        bits = m.predict(kField.field, e, seq, due);
      } else {
        uint64_t v = 0;
        if constexpr (kField.packing == Packing::Byte) {
          if (pos >= n) return bad(std::string("truncated ") + kName);
          v = p[pos++];
        } else if (!readVarint(p, n, pos, v)) {
          return bad(std::string("truncated or corrupt ") + kName);
        }
        if constexpr (kField.packing == Packing::TimeDelta) {
          const int64_t delta = unzigzag(v);
          if (delta < 0)
            return bad("time goes backwards (" + formatTime(m.prev + delta) + " after " + formatTime(m.prev) + ")");
          if (delta > limits::kMaxDurationUs - m.prev)
            return bad("time beyond " + formatTime(limits::kMaxDurationUs) + ", the longest run Radeau simulates");
          bits = uint64_t(m.prev + delta);
        } else if constexpr (kField.packing == Packing::RefBack) {
          if (v == 0 || v > seq) return bad("refers to an event that does not precede it");
          bits = seq - v;
        } else {
          bits = v;
        }
      }
      if (!setFieldBits(e, kField.field, bits)) return bad(std::string(kName) + " out of range");
      return true;
    };
    const bool fields_ok = [&]<unsigned... F>(std::integer_sequence<unsigned, F...>) {
      return (field(std::integral_constant<unsigned, F>{}) && ...);
    }(std::make_integer_sequence<unsigned, kPacked2Count>{});
    if (!fields_ok) return false;
    if (e.time_us < b.fork_time_us && b.parent >= 0) return bad("time before the fork instant");
    if (std::string why = validateEvent(j, e, ctx); !why.empty()) return bad(why);
    j.append(e);
    m.after(seq, e, mask);
  }
  if (pos != n) return failAt(events_at + qint64(pos), what + ": " + num(uint64_t(n - pos)) + " bytes after the last event");
  return finishBranch(what, b, std::move(j), branch_at);
}

bool Reader::finishBranch(const std::string& what, Branch& b, Journal j, qint64 branch_at) {
  if (j.size() > 0 && b.end_us < j.back().time_us)
    return failAt(branch_at, what + ": ends at " + formatTime(b.end_us) + ", before its last event (" +
                                 formatTime(j.back().time_us) + ")");
  events_total_ += j.size();
  if (events_total_ > limits::kMaxEventsPerRun)
    return failAt(branch_at, what + ": the branches hold more than " + num(limits::kMaxEventsPerRun) +
                                 " events together");
  rec_.branches.push_back(std::move(b));
  rec_.journals.push_back(std::move(j));
  return true;
}

}  // namespace

// --- public API ----------------------------------------------------------------

Recording recordingOf(const Run& run) {
  Recording rec;
  rec.app_version = radeau::version();
  rec.config = run.config();
  rec.inputs = run.inputs();
  rec.until_us = run.until();
  for (int i = 0; i < run.branchCount(); ++i) {
    rec.branches.push_back(run.branch(i));
    rec.journals.push_back(run.journal(i));
  }
  return rec;
}

namespace {
// What a file holds, read in place: a Recording's or a Run's own journals, never a copy.
struct RecordingParts {
  const ClusterConfig& config;
  const std::vector<Action>& inputs;
  Time until_us;
  size_t branch_count;
  std::function<const Branch&(size_t)> branch;
  std::function<const Journal&(size_t)> journal;
  EventPacker* main_packed = nullptr;  // branch 0's events, partly packed already (record)
};

// Everything before the branches: the header, the configuration, the inputs,
// and the start of the branches' array.
void encodeHead(QCborStreamWriter& w, const ClusterConfig& config, const std::vector<Action>& inputs, Time until_us,
                size_t branch_count, const RecordingWriteOptions& options) {
  w.append(QCborKnownTags::Signature);
  w.startMap(quint64(7 + options.extra_keys.size()));
  key(w, "magic"); w.append(QLatin1StringView(kRecordingMagic));
  key(w, "format"); w.append(quint64(options.format));
  key(w, "app"); w.append(QLatin1StringView(radeau::version()));
  for (const auto& [k, v] : options.extra_keys) {
    w.append(k);
    w.append(v);
  }
  key(w, "config"); writeConfig(w, config);
  key(w, "inputs"); writeActions(w, inputs);
  key(w, "until"); w.append(qint64(until_us));
  key(w, "branches");
  w.startArray(quint64(branch_count));
}

// The branches (the head of the first written already when `head_written`),
// and the end of the file.
void encodeBranches(QCborStreamWriter& w, const RecordingParts& p, const RecordingWriteOptions& options,
                    bool head_written = false) {
  for (size_t i = 0; i < p.branch_count; ++i) {
    const Branch& b = p.branch(i);
    const Journal* parent = b.parent >= 0 && size_t(b.parent) < p.branch_count ? &p.journal(size_t(b.parent)) : nullptr;
    if (!(i == 0 && head_written)) writeBranchHead(w, b);
    writeBranchBody(w, b, p.journal(i), parent, uint32_t(initWriteTexts(p.config).size()), options.format,
                    int(p.config.names.size()), i == 0 && options.format >= 2 ? p.main_packed : nullptr);
  }
  w.endArray();
  w.endMap();
}

void encodeParts(QCborStreamWriter& w, const RecordingParts& p, const RecordingWriteOptions& options) {
  encodeHead(w, p.config, p.inputs, p.until_us, p.branch_count, options);
  encodeBranches(w, p, options);
}

RecordingParts partsOf(const Run& run) {
  return {run.config(), run.inputs(), run.until(), size_t(run.branchCount()),
          [&run](size_t i) -> const Branch& { return run.branch(int(i)); },
          [&run](size_t i) -> const Journal& { return run.journal(int(i)); }};
}
}  // namespace

QByteArray encodeRecording(const Recording& rec, const RecordingWriteOptions& options) {
  QByteArray out;
  QCborStreamWriter w(&out);
  encodeParts(w,
              {rec.config, rec.inputs, rec.until_us, rec.branches.size(),
               [&rec](size_t i) -> const Branch& { return rec.branches[i]; },
               [&rec](size_t i) -> const Journal& { return rec.journals[i]; }},
              options);
  return out;
}

QByteArray encodeRecording(const Run& run) {
  QByteArray out;
  QCborStreamWriter w(&out);
  encodeParts(w, partsOf(run), {});
  return out;
}

std::optional<Recording> decodeRecording(const QByteArray& data, std::string& error) {
  Reader reader(data);
  return reader.read(error);
}

std::optional<Recording> decodeRecordingInOrder(const QByteArray& data, std::string& error) {
  Reader reader(data);
  reader.withoutIndex();
  return reader.read(error);
}

namespace {
bool openSave(QSaveFile& file, const QString& path, std::string& error) {
  if (file.open(QIODevice::WriteOnly)) return true;
  error = "cannot write " + path.toStdString() + ": " + file.errorString().toStdString();
  return false;
}
bool commitSave(QSaveFile& file, const QString& path, std::string& error, qint64* bytes_written) {
  const qint64 size = file.size();
  if (file.error() != QFileDevice::NoError || !file.commit()) {
    error = "cannot write " + path.toStdString() + ": " + file.errorString().toStdString();
    file.cancelWriting();
    return false;
  }
  if (bytes_written) *bytes_written = size;
  return true;
}
}  // namespace

bool saveRecording(const Run& run, const QString& path, std::string& error, qint64* bytes_written) {
  // Encoded straight into the save file: no copy of the journals, no whole-file buffer.
  QSaveFile file(path);
  if (!openSave(file, path, error)) return false;
  {
    QCborStreamWriter w(&file);
    encodeParts(w, partsOf(run), {});
  }
  return commitSave(file, path, error, bytes_written);
}

std::unique_ptr<Run> recordScenario(const ClusterConfig& config, const std::vector<Action>& inputs, Time until_us,
                                    const QString& path, std::string& error, qint64* bytes_written,
                                    size_t pack_every) {
  QSaveFile file(path);
  if (!openSave(file, path, error)) return nullptr;  // before simulating
  // The simulation runs on this thread. A second one writes what the file
  // holds before the journal (configuration, inputs), then packs the events
  // made so far, from a prefix of the journal that shares its full chunks
  // (nothing it reads is written again). The rest is written once the
  // simulation ends: the same bytes as saveRecording, in about the time of
  // the simulation alone on two cores.
  QCborStreamWriter w(&file);
  Branch main;  // as Run names its first branch
  main.name = "main";
  main.end_us = until_us;
  const Journal empty;
  EventPacker packer(empty, 0, 0, int(config.names.size()));
  bool head_written = false;
  auto writeHead = [&] {
    encodeHead(w, config, inputs, until_us, 1, {});
    writeBranchHead(w, main);
    head_written = true;
  };
  std::unique_ptr<Run> run;
  {
    PrefixWorker worker([&](std::shared_ptr<const Journal> j) {
      if (!head_written) writeHead();
      packer.packWithCarried(*j);
    });
    run = std::make_unique<Run>(
        config, inputs, until_us, [&worker](const Journal& j) { worker.offer(j); }, pack_every);
    worker.finish();
  }
  if (!head_written) writeHead();  // a run shorter than one handover
  RecordingParts parts = partsOf(*run);
  parts.main_packed = &packer;
  encodeBranches(w, parts, {}, true);
  if (!commitSave(file, path, error, bytes_written)) return nullptr;
  return run;
}

std::optional<Recording> loadRecordingFile(const QString& path, std::string& error) {
  LargeBuffer bytes;  // uninitialised, in huge pages: see core/large_memory.h
  if (!readBoundedFile(path.toStdString(), bytes, error)) return std::nullopt;
  // Read in place, not copied (`bytes` outlives the decoding; nothing decoded refers to it).
  const QByteArray data = QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size()));
  std::string e;
  auto rec = decodeRecording(data, e);
  if (!rec) error = sanitizeText(path.toStdString()) + ": " + e;
  return rec;
}

std::unique_ptr<Run> runFromRecording(Recording rec) {
  return std::make_unique<Run>(std::move(rec.config), std::move(rec.inputs), rec.until_us, std::move(rec.branches),
                               std::move(rec.journals));
}

std::unique_ptr<Run> loadRun(const QString& path, std::string& error, size_t checkpoint_every) {
  LargeBuffer bytes;  // uninitialised, in huge pages: see core/large_memory.h
  if (!readBoundedFile(path.toStdString(), bytes, error)) return nullptr;
  const QByteArray data = QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size()));
  // The first branch's checkpoints (what the first seek would build) are
  // built on a second thread while it is decoded, from prefixes of its
  // journal that share their full chunks: a ten-million-event file opens in
  // about its decoding time on two cores.
  std::unique_ptr<Projection> projection;
  std::shared_ptr<const Journal> bound;  // the prefix the projection reads, alive while it does
  ClusterConfig config;                  // the projection's, until the run's own replaces it
  std::optional<Recording> rec;
  {
    PrefixWorker worker([&](std::shared_ptr<const Journal> j) {
      if (!projection) {
        projection = std::make_unique<Projection>(config, *j);
      } else {
        projection->rebind(config, *j);
        projection->sync();
      }
      bound = std::move(j);
    });
    Reader reader(data);
    bool configured = false;
    reader.onProgress(
        [&](const ClusterConfig& c, const Journal& j, size_t consumed) {
          bytes.discardBefore(consumed);  // the file's bytes decoded so far: a load's peak holds less of it
          if (!configured) config = c;  // before the first offer: the worker reads it after
          configured = true;
          worker.offer(j);
        },
        checkpoint_every);
    std::string e;
    rec = reader.read(e);
    if (!rec) error = sanitizeText(path.toStdString()) + ": " + e;
    worker.finish();
  }
  if (!rec) return nullptr;
  auto run = runFromRecording(std::move(*rec));
  if (projection && run->branchCount() > 0) run->adoptProjection(0, std::move(projection));
  return run;
}

}  // namespace radeau

// Merges the event streams of live node processes into one Journal that folds
// with core's apply() and is watched by core's Checker, exactly like a
// simulated run.
//
// - Global sequence in arrival order, except that an event waits until what it
//   references is merged: a MessageDelivered/Dropped names its MessageSent by
//   (sender, sender incarnation, sender seq), mapped here to the merged seq.
//   Each node's stream stays in its own order.
// - Times are the nodes' clocks minus the run's epoch, kept non-decreasing.
// - Write ids are the nodes' cluster-unique ids mapped to dense merged ids in
//   order of their ClientWrite; entries and messages carrying them are mapped.
//   A resend (ClientWrite with attempt >= 1) is the same write, not a new one.
// - A read's answer (ReadAnswered/ReadFailed) names its ClientRead by the
//   node's seq, mapped to the merged seq like a delivery's send; so does a
//   refused configuration change (ConfigChangeRefused) its ConfigChangeAsked.
//   Configuration entries keep their write id (kConfigWriteBase + members).
// - Node-side Findings are dropped: the merged journal has its own checker.
// - A node's event must make sense after the merged journal (core's
//   validateEvent, on merged ids and refs) or its stream is broken until its
//   next hello; a delivery without arrow (its send unknown) is merged as is.
// - A node's stream ending is its crash (Crashed; messages in flight to it are
//   dropped as ReceiverDown). A new stream's hello carries the state the
//   process recovered from its files; differences with the merged view are
//   recorded (term, vote, log) before its Restarted.
#pragma once

#include <array>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/live/wire.h"
#include "core/config.h"
#include "core/journal.h"
#include "core/recorder.h"
#include "core/state.h"
#include "core/validate.h"

namespace radeau::live {

struct NodeHello {
  uint32_t inc = 0;  // incarnation: random per process start
  uint32_t term = 0;
  NodeId voted_for = kNoNode;
  std::vector<Entry> log;  // write ids as the node knows them
  std::map<uint32_t, std::string> texts;  // write id -> text, as the node kept them in its files
};

class JournalMerger {
 public:
  JournalMerger(ClusterConfig config, Time epoch_us);

  void hello(NodeId n, NodeHello h);
  void events(NodeId n, std::vector<WireEvent> events);
  void ended(NodeId n);
  // Merges whatever can be merged now. Returns false if a node's stream was
  // inconsistent (`error` says why; that stream is then ignored until its next hello).
  bool pump(std::string& error);
  // Records an event the observer itself causes (faults), at wall time `now_us`.
  Seq record(Event e, Time now_us);
  // Messages in flight longer than `max_flight_us` were lost (a connection
  // broke under them): recorded as dropped. A delivery that has waited that
  // long for its send is merged without one at the next pump().
  void sweep(Time now_us, Time max_flight_us);

  const Journal& journal() const { return journal_; }
  const ClusterState& state() const { return state_; }
  const ClusterConfig& config() const { return config_; }
  size_t waiting() const;  // queued events not yet merged

 private:
  struct Item {
    enum class Kind { Hello, Event, End } kind = Kind::Event;
    NodeHello hello;
    WireEvent event;
  };
  enum class Outcome { Merged, Blocked, Invalid };

  // The merge's own events (hello, end, sweep, placeholder writes): trusted.
  Seq append(Event e, Time node_time_us);
  // The one way into the journal, for those and for a node's validated events.
  Seq commit(Event e, Time node_time_us);
  Outcome process(NodeId n, Item& item, std::string& error);
  Outcome mergeEvent(NodeId n, WireEvent& w, std::string& error);
  void mergeHello(NodeId n, const NodeHello& h);
  void mergeEnd(NodeId n);
  uint32_t mapWrite(uint32_t node_write, NodeId n, Time t, const std::string* text = nullptr);
  static uint64_t key(uint32_t inc, Seq seq) { return (uint64_t(inc) << 32) | seq; }

  ClusterConfig config_;
  Time epoch_us_;
  Time last_us_ = 0;
  Journal journal_;
  ClusterState state_;
  Recorder recorder_;
  EventContext ctx_;  // validateEvent's memory of the merged journal
  std::array<std::deque<Item>, kMaxNodes> queues_;
  std::array<uint32_t, kMaxNodes> inc_{};
  std::array<bool, kMaxNodes> broken_{};
  std::set<std::pair<NodeId, uint32_t>> ended_;
  std::array<std::unordered_map<uint64_t, Seq>, kMaxNodes> seqs_;  // (inc, node seq) -> merged seq
  std::unordered_map<uint32_t, uint32_t> writes_;                   // node write id -> merged
  // A delivery waiting for its send: since when (merged time, -1 = not waiting).
  // One that waits longer than a message may fly names a send that will never
  // come (a forged incarnation or seq from a hostile peer): merged without arrow.
  std::array<Time, kMaxNodes> blocked_since_us_ = filledTimes(-1);
  std::array<bool, kMaxNodes> blocked_{};
  std::array<bool, kMaxNodes> give_up_{};
  static std::array<Time, kMaxNodes> filledTimes(Time t) {
    std::array<Time, kMaxNodes> a;
    a.fill(t);
    return a;
  }
};

}  // namespace radeau::live

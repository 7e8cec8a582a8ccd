// The deterministic discrete-event simulator: the clock, the network and the
// journal around N nodes, each running the same Raft rules (RaftNode).
// Single-threaded; occurrences are processed in (time, class, seq) order;
// every state change goes through record(): append to the journal, apply to
// the state, show to the checker.
#pragma once

#include <functional>
#include <optional>
#include <queue>
#include <unordered_map>
#include <string>
#include <vector>

#include "action.h"
#include "config.h"
#include "journal.h"
#include "raft_node.h"
#include "recorder.h"
#include "state.h"

namespace radeau {

class Simulator : private NodeHost {
 public:
  explicit Simulator(ClusterConfig config);

  // Rebuilds a simulator that continues `journal` after its first `end`
  // events, as if it had produced them: state, checker, pending deliveries and
  // timers all come from the fold of that prefix.
  static Simulator resume(ClusterConfig config, const Journal& journal, Seq end);

  // Inputs: kept ordered by time, stable for equal times.
  void schedule(Action action);
  void schedule(const std::vector<Action>& actions);
  // Acts now (at the current time), before anything else pending at this time.
  void act(const Action& action);

  // Processes every occurrence with time <= t, then sets the clock to t.
  void runUntil(Time t);
  // Processes the next occurrence if its time is <= horizon. False if none.
  bool step(Time horizon);
  // End of the run: the checker reports writes never answered.
  void finish();

  const Journal& journal() const override { return journal_; }
  const ClusterState& state() const override { return state_; }
  const ClusterConfig& config() const override { return config_; }
  Time now() const { return state_.now_us; }
  size_t pendingActions() const { return actions_.size() - next_action_; }

  // --- Live mode: one real node in its own process (app/node) -------------
  // The same node logic, for the local node only. Time is whatever runUntil()
  // is given (the process's clock); the other nodes are idle placeholders.
  // Each message the local node sends is handed to the transport instead of
  // being scheduled; the transport returns a reason when it could not go out
  // (the message is then recorded as dropped). It must not call back.
  using Transport = std::function<std::optional<DropReason>(Seq sent, const Event& m, const Entry* carried)>;
  static Simulator live(ClusterConfig config, NodeId local, Transport transport);
  // Before liveBoot(): the persisted state the process recovered from its files.
  void liveRestore(uint32_t term, NodeId voted_for, const std::vector<Entry>& log);
  void liveBoot();
  // A message from a peer arrives now (`m`: the sender's MessageSent, its
  // carried entries): records its delivery, or its drop when `drop` is set,
  // and runs the node's handler. The recorded event's ref is kNoSeq here (the
  // MessageSent is in the sender's journal). Returns the seq of that event.
  Seq liveReceive(const Event& m, const Entry* carried, std::optional<DropReason> drop);
  // A client wrote to the local node; `write` is a cluster-unique id.
  void liveClientWrite(uint32_t write, const std::string& text);
  // A client resends write `write`, which this node already knows (the same
  // client and serial number: client sessions recognise it); `attempt` >= 1.
  void liveClientResend(uint32_t write, uint32_t attempt);
  // A client reads `key` at the local node; returns the seq of its ClientRead.
  Seq liveClientRead(const std::string& key);
  // Where a live node keeps the texts of its peers' writes (they travel with
  // the entries, not in this journal): reads look keys up there too.
  using TextLookup = std::function<const std::string*(uint32_t write)>;
  void liveTexts(TextLookup lookup) { live_texts_ = std::move(lookup); }
  // The local leader sends its followers the entries they miss (RaftNode::replicateNow).
  void liveReplicate();
  NodeId liveNode() const { return local_; }

 private:
  struct Occurrence {
    Time time_us;
    Seq seq;    // the event that scheduled it (MessageSent / TimerStarted)
    bool operator>(const Occurrence& o) const { return time_us != o.time_us ? time_us > o.time_us : seq > o.seq; }
  };
  Simulator() = default;

  // NodeHost: what the nodes do becomes history here; what they send goes
  // through the network (latency, loss, duplicates, cut links) or the transport.
  Seq record(Event e) override;
  uint32_t carry(const Entry* entries, uint32_t count) override { return journal_.appendCarried(entries, count); }
  Seq send(Event m) override;
  std::string_view writeText(uint32_t w) const override;
  // A node's rules over this simulator's state (cheap: made on each use, so a moved simulator stays whole).
  RaftNode node(NodeId n) { return RaftNode(n, *this); }

  void start();
  void rebuildQueue();

  // Actions and the clock.
  void perform(const Action& a);
  void clientWrite(NodeId n, const std::string& text);
  void resend(NodeId n, const std::string& text);
  void clientRead(NodeId n, const std::string& key);
  void changeConfig(const Action& a);
  void crash(NodeId n);
  void restart(NodeId n);
  void dropInFlight(bool (*match)(const ClusterState&, const InFlight&, NodeId, NodeId), NodeId a,
                    NodeId b, DropReason reason);
  void dropMessage(Seq sent, DropReason reason);
  void changeConcepts(Concepts c);
  void deliver(Seq sent);
  void timerFired(Seq started);

  ClusterConfig config_;
  Journal journal_;
  ClusterState state_;
  Recorder recorder_;  // the checker, and the one path by which events become history
  std::vector<Action> actions_;
  size_t next_action_ = 0;
  std::priority_queue<Occurrence, std::vector<Occurrence>, std::greater<>> queue_;
  NodeId local_ = kNoNode;  // live mode: the one node this process runs
  // resend's indexes over the journal, extended on each resend (journal and writes only grow).
  size_t resend_events_scanned_ = 0, resend_writes_scanned_ = 0;
  std::unordered_map<std::string, uint32_t> last_write_of_text_;
  std::vector<uint32_t> next_attempt_;  // by write id: 1 + the highest attempt recorded
  Transport transport_;
  TextLookup live_texts_;
};

}  // namespace radeau

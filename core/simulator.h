// The deterministic discrete-event simulator. Single-threaded; occurrences are
// processed in (time, class, seq) order; every state change goes through
// record(): append to the journal, apply to the state, show to the checker.
#pragma once

#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "action.h"
#include "config.h"
#include "journal.h"
#include "recorder.h"
#include "state.h"

namespace radeau {

class Simulator {
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

  const Journal& journal() const { return journal_; }
  const ClusterState& state() const { return state_; }
  const ClusterConfig& config() const { return config_; }
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
  NodeId liveNode() const { return local_; }

 private:
  static uint32_t dtOf(Time us);
  struct Occurrence {
    Time time_us;
    Seq seq;    // the event that scheduled it (MessageSent / TimerStarted)
    bool operator>(const Occurrence& o) const { return time_us != o.time_us ? time_us > o.time_us : seq > o.seq; }
  };
  Simulator() = default;

  Seq record(Event e);
  void start();
  void rebuildQueue();

  // Actions.
  void perform(const Action& a);
  void clientWrite(NodeId n, const std::string& text);
  void crash(NodeId n);
  void restart(NodeId n);
  void dropInFlight(bool (*match)(const ClusterState&, const InFlight&, NodeId, NodeId), NodeId a,
                    NodeId b, DropReason reason);
  void dropMessage(Seq sent, DropReason reason);
  void changeConcepts(Concepts c);

  // Node logic (Raft with concept flags).
  bool has(Concept c) const { return state_.concepts.has(c); }
  bool usesElectionTimer() const { return has(Concept::LeaderTimeout) || has(Concept::Election); }
  void bootNode(NodeId n);
  void startElectionTimer(NodeId n);
  void startHeartbeatTimer(NodeId n);
  void cancelTimer(NodeId n, TimerKind k);
  void electionTimeout(NodeId n);
  void becomeLeader(NodeId n);
  void becomeFollower(NodeId n);
  bool observeTerm(NodeId n, uint32_t term);  // true if it stepped down
  void setTerm(NodeId n, uint32_t term);
  void vote(NodeId n, NodeId candidate);
  void hearLeader(NodeId n, NodeId leader);
  void broadcastLogRequests(NodeId n);
  void sendLogRequest(NodeId n, NodeId peer);
  Seq send(NodeId from, NodeId to, MsgType type, Event fields);
  void deliver(Seq sent);
  void onVoteRequest(NodeId n, const Event& m);
  void onVoteResponse(NodeId n, const Event& m);
  void onLogRequest(NodeId n, const Event& m);
  void onInstallSnapshot(NodeId n, const Event& m);
  bool followLeader(NodeId n, const Event& m);  // false: refused (answered)
  void sendSnapshot(NodeId n, NodeId peer);
  void maybeSnapshot(NodeId n);
  void onLogResponse(NodeId n, const Event& m);
  void handleWrite(NodeId n, uint32_t write, bool forwarded);
  void appendEntry(NodeId n, Entry entry);
  void truncate(NodeId n, uint32_t length);
  void advanceCommit(NodeId n);
  void commitTo(NodeId n, uint32_t index);
  void timerFired(Seq started);

  ClusterConfig config_;
  Journal journal_;
  ClusterState state_;
  Recorder recorder_;  // the checker, and the one path by which events become history
  std::vector<Action> actions_;
  size_t next_action_ = 0;
  std::priority_queue<Occurrence, std::vector<Occurrence>, std::greater<>> queue_;
  NodeId local_ = kNoNode;  // live mode: the one node this process runs
  Transport transport_;
};

}  // namespace radeau

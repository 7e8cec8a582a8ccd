// One Raft node's rules, as a unit (in the manner of etcd's raft.Step): it is
// given a delivered message, a fired timer or a client's write, reads its own
// state from the cluster's fold, and changes only by the events it records
// through its host. What it sends goes to the host as a MessageSent to be:
// the simulator's network gives it a latency and perhaps loses it, a live
// node's transport carries it to another process. Each concept flag's rule
// lives here once; the simulator and radeau-node both run it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "event.h"
#include "journal.h"
#include "state.h"

namespace radeau {

// A delay as stored in Event::dt_us. Timing values are bounded by the parsers
// (limits::kMaxTimingUs < 2^32), so this only guards a config built in code.
uint32_t storedDelay(Time us);

// What a node needs from around it.
class NodeHost {
 public:
  virtual ~NodeHost() = default;
  virtual const ClusterConfig& config() const = 0;
  virtual const ClusterState& state() const = 0;
  virtual const Journal& journal() const = 0;
  // Appends `e` (at the current time) to the history and folds it into state().
  virtual Seq record(Event e) = 0;
  // Stores a message's carried entries; returns their offset (Event::d).
  virtual uint32_t carry(const Entry* entries, uint32_t count) = 0;
  // `m` is a complete MessageSent; the host records it and sends it on.
  virtual Seq send(Event m) = 0;
  // The text of write `w` ("x=2"; empty if unknown): reads find keys by it.
  virtual std::string_view writeText(uint32_t w) const {
    return w < journal().writes().size() ? std::string_view(journal().writes()[w].text) : std::string_view();
  }
};

class RaftNode {
 public:
  RaftNode(NodeId id, NodeHost& host) : id_(id), host_(&host) {}
  NodeId id() const { return id_; }

  // The role a node takes when it starts or restarts.
  void boot();
  // The persisted state a node starts from (init lines, a live node's files).
  void restore(uint32_t term, NodeId voted_for, const std::vector<Entry>& log);
  // The process stops: its timers stop, and without persistence its term,
  // vote and log are lost. The host has recorded nothing yet.
  void crash();
  // The rules changed (ConceptsChanged is recorded): start the timers the new
  // rules need, stop the ones they no longer have.
  void rulesChanged();
  // A message addressed to this node was delivered (its MessageDelivered is recorded).
  void receive(const Event& m);
  // This node's timer `started` fired (its TimerFired is recorded).
  void timerFired(TimerKind kind);
  // A client gave this node write `w` (its ClientWrite is recorded).
  void clientWrite(uint32_t w) { handleWrite(w, false); }
  // A leader sends its followers what they miss now, not at its next
  // heartbeat: live nodes call it once per batch of client writes (etcd's
  // leader broadcasts on propose). The simulation's rungs keep the heartbeat.
  void replicateNow();
  // A client asks this node to read a key (its ClientRead, seq `read`, is
  // recorded). Answered now, or held until a majority confirms this leader
  // (read-index, lease), or refused.
  void clientRead(Seq read);

 private:
  const NodeState& self() const { return host_->state().nodes[id_]; }
  bool has(Concept c) const { return host_->state().concepts.has(c); }
  bool usesElectionTimer() const { return has(Concept::LeaderTimeout) || has(Concept::Election); }
  Seq record(const Event& e) { return host_->record(e); }
  Seq send(NodeId to, Event message);  // a make:: message; fills sender, receiver and term
  Seq send(NodeId to, Event message, uint32_t term);  // pre-votes carry the term asked for, not mine

  void startElectionTimer();
  void startHeartbeatTimer();
  void cancelTimer(TimerKind k);
  void electionTimeout();
  void campaign();  // a real candidacy: a new term, my vote, voteRequests
  void checkQuorum();
  void becomeLeader();
  void becomeFollower();
  bool observeTerm(uint32_t term);  // true if it stepped down
  void setTerm(uint32_t term);
  void vote(NodeId candidate);
  void hearLeader(NodeId leader);
  void broadcastLogRequests();
  void sendLogRequest(NodeId peer);
  void sendSnapshot(NodeId peer);
  void onVoteRequest(const Event& m);
  void onVoteResponse(const Event& m);
  void onPreVoteRequest(const Event& m);
  void onPreVoteResponse(const Event& m);
  bool upToDate(const Event& request) const;
  void onLogRequest(const Event& m);
  void onInstallSnapshot(const Event& m);
  void onLogResponse(const Event& m);
  bool followLeader(const Event& m);  // false: refused (answered)
  void handleWrite(uint32_t w, bool forwarded);
  void appendEntry(Entry entry);
  void truncate(uint32_t length);
  void advanceCommit();
  void commitTo(uint32_t index);
  void maybeSnapshot();
  // Linearizable reads (rung 15).
  std::vector<Seq> readsWaiting() const;  // my ClientReads not answered yet, oldest first
  bool readConfirmed(Seq read) const;     // a majority answered me after the read began
  bool leaseHolds() const;
  bool committedInMyTerm() const;
  void serveReads();
  void failReads(FailReason why);
  void answerRead(Seq read);

  NodeId id_;
  NodeHost* host_;
};

}  // namespace radeau

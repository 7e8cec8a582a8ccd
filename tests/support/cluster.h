// Helpers for tests that drive a simulated cluster: parse a script, run it,
// query the journal by kind and node, and describe state for failure messages.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/format.h"
#include "core/script.h"
#include "core/simulator.h"

namespace radeau::test {

// A parsed script and a simulator that has it scheduled (not yet run).
struct Cluster {
  Scenario scenario;
  std::unique_ptr<Simulator> sim;

  const Journal& journal() const { return sim->journal(); }
  const ClusterState& state() const { return sim->state(); }
  const NodeState& node(std::string_view name) const { return state().nodes[id(name)]; }
  NodeId id(std::string_view name) const;  // aborts the test binary on an unknown name
  void runUntil(Time t) { sim->runUntil(t); }
  void run() { sim->runUntil(scenario.until_us); }
  void act(const Action& a) { sim->act(a); }

  // "Michel: leader term 2 log [1 1 2] commit 3" for every node, one per line.
  std::string describe() const;
  // The transcript lines of events [from, to) (to = end by default).
  std::string transcript(Seq from = 0, Seq to = kNoSeq) const;
  // Every checker finding so far, formatted, one per line ("" when none).
  std::string findings() const;
};

// Parses `text` (file name "test.radeau"); on error returns nullopt and sets `error`.
std::optional<Cluster> makeCluster(std::string_view text, std::string& error);

// The built-in default scenario (core/script.h), parsed; aborts the test binary if it does not parse.
Scenario defaultScenario();

// Runs a whole script (to its `until`), then finish(). Returns nullopt on a script error.
std::optional<Cluster> runScript(std::string_view text, std::string& error);

using EventPredicate = std::function<bool(const Event&)>;

// Seqs of the events matching `pred` in [from, end).
std::vector<Seq> findEvents(const Journal& j, const EventPredicate& pred, Seq from = 0);
// First matching event at or after `from`, or kNoSeq.
Seq firstEvent(const Journal& j, const EventPredicate& pred, Seq from = 0);
size_t countEvents(const Journal& j, const EventPredicate& pred, Seq from = 0);

// Common predicates.
EventPredicate kindIs(EventKind k);
EventPredicate kindOn(EventKind k, NodeId node);
EventPredicate roleChange(NodeId node, Role role);
EventPredicate sentMessage(MsgType type, NodeId from, NodeId to = kNoNode);  // to = any
EventPredicate findingOf(FindingKind k);

// A node's log as entry terms, "1 1 4 4" ("" when empty).
std::string logTerms(const NodeState& n);
// A node's log with write texts, "1:x=1 1:no-op".
std::string logText(const NodeState& n, const Journal& j);
// Entry terms from "1 1 4" (for comparisons with init lines).
std::vector<uint32_t> terms(std::string_view spaced);

// The message a LogRequest carried, as "term:write" pairs.
std::vector<Entry> carried(const Journal& j, const Event& log_request);

// Field-by-field differences of two states ("" when equal), for fold tests.
std::string stateDiff(const ClusterState& expected, const ClusterState& actual);

// Leaders among the live nodes.
std::vector<NodeId> liveLeaders(const ClusterState& s);

}  // namespace radeau::test

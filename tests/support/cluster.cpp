#include "support/cluster.h"

#include <QtGlobal>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace radeau::test {

NodeId Cluster::id(std::string_view name) const {
  auto n = scenario.config.nodeByName(name);
  if (!n) {
    std::fprintf(stderr, "test bug: unknown node '%.*s'\n", int(name.size()), name.data());
    std::abort();
  }
  return *n;
}

std::string Cluster::describe() const {
  std::string out;
  const ClusterState& s = state();
  for (int i = 0; i < s.node_count; ++i) {
    const NodeState& n = s.nodes[size_t(i)];
    out += scenario.config.names[size_t(i)] + ": " + (n.alive ? std::string(roleName(n.role)) : "down") +
           " term " + std::to_string(n.term) + " log [" + logTerms(n) + "] commit " + std::to_string(n.commit) +
           "\n";
  }
  return out;
}

std::string Cluster::transcript(Seq from, Seq to) const {
  const Journal& j = journal();
  EventFormatter fmt(scenario.config, j);
  std::string out;
  for (Seq i = from; i < j.size() && i < to; ++i) out += fmt.line(j[i], i) + "\n";
  return out;
}

std::string Cluster::findings() const {
  const Journal& j = journal();
  EventFormatter fmt(scenario.config, j);
  std::string out;
  for (Seq f : state().findings) out += formatTime(j[f].time_us) + " " + fmt.finding(j[f]) + "\n";
  return out;
}

std::optional<Cluster> makeCluster(std::string_view text, std::string& error) {
  ScriptError e;
  auto sc = parseScenario(text, "test.radeau", e);
  if (!sc) {
    error = e.toString();
    return std::nullopt;
  }
  Cluster c;
  c.scenario = std::move(*sc);
  c.sim = std::make_unique<Simulator>(c.scenario.config);
  c.sim->schedule(c.scenario.actions);
  return c;
}

std::optional<Cluster> runScript(std::string_view text, std::string& error) {
  auto c = makeCluster(text, error);
  if (!c) return c;
  c->run();
  c->sim->finish();
  return c;
}

std::vector<Seq> findEvents(const Journal& j, const EventPredicate& pred, Seq from) {
  std::vector<Seq> out;
  for (Seq i = from; i < j.size(); ++i)
    if (pred(j[i])) out.push_back(i);
  return out;
}

Seq firstEvent(const Journal& j, const EventPredicate& pred, Seq from) {
  for (Seq i = from; i < j.size(); ++i)
    if (pred(j[i])) return i;
  return kNoSeq;
}

size_t countEvents(const Journal& j, const EventPredicate& pred, Seq from) {
  return findEvents(j, pred, from).size();
}

EventPredicate kindIs(EventKind k) {
  return [k](const Event& e) { return e.kind == k; };
}

EventPredicate kindOn(EventKind k, NodeId node) {
  return [k, node](const Event& e) { return e.kind == k && e.node == node; };
}

EventPredicate roleChange(NodeId node, Role role) {
  return [node, role](const Event& e) {
    return e.kind == EventKind::RoleChanged && e.node == node && e.role() == role;
  };
}

EventPredicate sentMessage(MsgType type, NodeId from, NodeId to) {
  return [type, from, to](const Event& e) {
    return e.kind == EventKind::MessageSent && e.msgType() == type && e.node == from &&
           (to == kNoNode || e.peer == to) && !(e.flags & kFlagDuplicate);
  };
}

EventPredicate findingOf(FindingKind k) {
  return [k](const Event& e) { return e.kind == EventKind::Finding && e.findingKind() == k; };
}

std::string logTerms(const NodeState& n) {
  std::string out;
  for (const Entry& e : n.log) {
    if (!out.empty()) out += ' ';
    out += std::to_string(e.term);
  }
  return out;
}

std::string logText(const NodeState& n, const Journal& j) {
  std::string out;
  for (const Entry& e : n.log) {
    if (!out.empty()) out += ' ';
    out += std::to_string(e.term) + ":" + (e.write == 0 ? std::string("no-op") : j.writes()[e.write].text);
  }
  return out;
}

std::vector<uint32_t> terms(std::string_view spaced) {
  std::vector<uint32_t> out;
  std::istringstream in{std::string(spaced)};
  uint32_t t;
  while (in >> t) out.push_back(t);
  return out;
}

std::vector<Entry> carried(const Journal& j, const Event& m) {
  const Entry* first = j.carriedEntries(m);
  return std::vector<Entry>(first, first + m.carriedCount());
}

namespace {
template <typename T>
void diffField(std::string& out, const std::string& what, const T& x, const T& y) {
  if (x == y) return;
  std::ostringstream s;
  if constexpr (std::is_integral_v<T> || std::is_enum_v<T>)
    s << what << ": expected " << int64_t(x) << ", got " << int64_t(y) << "\n";
  else
    s << what << " differs\n";
  out += s.str();
}
}  // namespace

std::string stateDiff(const ClusterState& x, const ClusterState& y) {
  std::string out;
  diffField(out, "now_us", x.now_us, y.now_us);
  diffField(out, "applied", x.applied, y.applied);
  diffField(out, "concepts", x.concepts.bits(), y.concepts.bits());
  diffField(out, "node_count", x.node_count, y.node_count);
  for (int i = 0; i < kMaxNodes; ++i) {
    const NodeState& a = x.nodes[size_t(i)];
    const NodeState& b = y.nodes[size_t(i)];
    const std::string n = "node " + std::to_string(i) + " ";
    diffField(out, n + "alive", a.alive, b.alive);
    diffField(out, n + "role", a.role, b.role);
    diffField(out, n + "term", a.term, b.term);
    diffField(out, n + "voted_for", a.voted_for, b.voted_for);
    diffField(out, n + "votes", a.votes, b.votes);
    diffField(out, n + "leader", a.leader, b.leader);
    diffField(out, n + "log length", a.log.size(), b.log.size());
    diffField(out, n + "log", a.log, b.log);
    diffField(out, n + "commit", a.commit, b.commit);
    diffField(out, n + "next_index", a.next_index, b.next_index);
    diffField(out, n + "match_index", a.match_index, b.match_index);
    diffField(out, n + "election timer", a.election, b.election);
    diffField(out, n + "heartbeat timer", a.heartbeat, b.heartbeat);
  }
  diffField(out, "cut", x.cut, y.cut);
  diffField(out, "group", x.group, y.group);
  diffField(out, "in_flight count", x.in_flight.size(), y.in_flight.size());
  diffField(out, "in_flight", x.in_flight, y.in_flight);
  diffField(out, "writes", x.writes, y.writes);
  diffField(out, "findings", x.findings, y.findings);
  return out;
}

std::vector<NodeId> liveLeaders(const ClusterState& s) {
  std::vector<NodeId> out;
  for (int i = 0; i < s.node_count; ++i)
    if (s.nodes[size_t(i)].alive && s.nodes[size_t(i)].role == Role::Leader) out.push_back(NodeId(i));
  return out;
}

Scenario defaultScenario() {
  ScriptError err;
  auto s = parseScenario(defaultScenarioText(), "default", err);
  if (!s) qFatal("default scenario: %s", err.toString().c_str());
  return *s;
}

}  // namespace radeau::test

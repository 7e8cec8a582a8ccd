// The expectation language of demonstration scripts (`expect ...` lines),
// evaluated on a finished run: its journal, its final state and its config.
// Documented for script authors in recordings/scenarios/README.md.
//
//   expect [WHEN] CHECK
//
// WHEN (optional):
//   at T       state checks look at the state at time T (every event with a
//              time <= T folded); journal checks look at events up to T
//   before T   same as `at T`
//   after T    journal checks only look at events at or after T (state
//              checks refuse it: a state is at one instant)
// T is a duration as in `at` lines (1.2s, 350ms).
//
// State checks (the final state unless WHEN says otherwise); "live" = not down:
//   leaders N                 N live leaders
//   leader NODE               NODE is up and leader
//   role NODE R               R = leader | follower | candidate | down
//   term NODE N               NODE's current term
//   log NODE ENTRY...         NODE's log is exactly these entries: "text" for a
//                             client write, no-op for an entry without one;
//                             no ENTRY = an empty log
//   log-terms NODE T...       the terms of NODE's entries
//   log-length NODE N
//   commit NODE N             NODE's commit index
//   holds NODE "x"            NODE's log holds write "x"
//   lacks NODE "x"            NODE's log does not hold write "x"
//   replicated "x"            every live node holds "x"
//   lost "x"                  no node, up or down, holds "x" any more
//   logs-equal [NODE...]      the live nodes (or the named ones) have equal logs
//   logs-differ-at I [NODE...]
//                             two of the live (or named) nodes hold different
//                             entries at index I
//   leaders-at T N            the same as `at T leaders N`
//   configuration NODE NODE...
//                             the configuration NODE goes by (rung 16) is
//                             exactly the nodes named after it
//   majority NODE N           NODE's majority is N (of its configuration)
//
// Journal checks (the whole run unless WHEN narrows it):
//   finding KIND [NODE...] ["x"] [index I]
//                             a checker finding of KIND (two-leaders,
//                             log-divergence, acked-write-lost,
//                             committed-entry-lost, commit-mismatch,
//                             write-failed, write-never-acked) involving the
//                             named nodes, write and index when given
//   no-finding [KIND]         no finding at all (or none of KIND)
//   no-safety-finding         only availability findings, if any
//   elected NODE              NODE became leader
//   stepped-down NODE         NODE, leader, became follower without crashing
//   vote-granted VOTER CANDIDATE / vote-refused VOTER CANDIDATE
//                             VOTER sent CANDIDATE a voteResponse granting /
//                             refusing its vote
//   ignored-stale NODE        NODE refused a logRequest whose term was lower
//                             than its own
//   accepted-stale NODE       NODE accepted such a stale logRequest
//   delivered MSG FROM TO     a message of type MSG (voteRequest, voteResponse,
//                             logRequest, logResponse, clientWrite) from FROM
//                             reached TO
//   acked "x" / write-failed "x" / never-acked "x"
//                             the client's write "x" was acknowledged / failed /
//                             still unanswered at the end of the run
//   config-refused NODE [REASON]
//                             NODE refused a configuration change (for
//                             REASON: pending, one-at-a-time, not-leader,
//                             no-change)
//   entries-per-logrequest [max N] [min N]
//                             every logRequest sent carried at most / at least
//                             N entries (the detail gives the observed range)
//   entries-sent [max N] [min N]
//                             total entries carried by all logRequests sent
#include "expect.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>

#include "finding_names.h"
#include "format.h"
#include "sanitize.h"
#include "script.h"
#include "time_index.h"

namespace radeau {

namespace {

std::string quote(const std::string& s) { return "\"" + s + "\""; }

std::optional<MsgType> msgTypeFromName(std::string_view n) {
  for (MsgType t : {MsgType::VoteRequest, MsgType::VoteResponse, MsgType::LogRequest, MsgType::LogResponse,
                    MsgType::ClientWrite, MsgType::InstallSnapshot, MsgType::PreVoteRequest,
                    MsgType::PreVoteResponse})
    if (messageName(t) == n) return t;
  return std::nullopt;
}

class Evaluator {
 public:
  Evaluator(const ClusterConfig& c, const Journal& j, const ClusterState& s)
      : config_(c), journal_(j), final_(s), fmt_(c.names, j) {}

  ExpectationResult evaluate(const std::string& text) {
    ExpectationResult r;
    r.text = text;
    std::string error;
    toks_.clear();
    pos_ = 0;
    size_t error_byte = 0;
    if (!splitScriptWords(text, toks_, error_byte, error)) {
      r.at = error_byte;
      return bad(r, error);
    }
    // WHEN
    from_us_ = std::numeric_limits<Time>::min();
    to_us_ = std::numeric_limits<Time>::max();
    bool has_at = false, has_after = false;
    while (pos_ < toks_.size() && !toks_[pos_].quoted &&
           (toks_[pos_].text == "at" || toks_[pos_].text == "before" || toks_[pos_].text == "after")) {
      std::string w = toks_[pos_].text;
      ++pos_;
      Time t = 0;
      if (!duration(t, error)) return bad(r, "'" + w + "' " + error);
      if (w == "after") {
        from_us_ = t;
        has_after = true;
      } else {
        to_us_ = t;
        has_at = true;
      }
    }
    if (pos_ >= toks_.size()) return bad(r, "missing check after the time");
    check_pos_ = pos_;
    std::string check = toks_[pos_++].text;
    if (check == "leaders-at") {
      Time t = 0;
      if (!duration(t, error)) return bad(r, "'leaders-at' " + error);
      to_us_ = t;
      has_at = true;
      check = "leaders";
    }
    state_ = nullptr;
    const Check* ch = findCheck(check);
    if (!ch) {
      pos_ = check_pos_;  // the check's own word is the typo
      return bad(r, "unknown check '" + sanitizeText(check, 40) + "' (see recordings/scenarios/README.md)");
    }
    if (ch->state) {
      if (has_after) {
        pos_ = check_pos_;
        return bad(r, "'after' does not apply to '" + check + "' (a state is at one instant: use 'at')");
      }
      if (has_at) {
        at_state_ = fold(config_, journal_, eventsUpTo(journal_, to_us_));
        state_ = &at_state_;
      } else {
        state_ = &final_;
      }
    }
    bool ok = false;
    std::string detail;
    if (!(this->*ch->handler)(check, ok, detail, error)) return bad(r, error);
    if (pos_ < toks_.size()) return bad(r, "unexpected '" + sanitizeText(toks_[pos_].text, 40) + "' after '" + check + "'");
    r.met = ok;
    r.detail = detail;
    return r;
  }

 private:
  // `r.at` is the word being read when it failed (or the end of the text).
  ExpectationResult bad(ExpectationResult& r, const std::string& why) const {
    if (r.at == std::string::npos) r.at = pos_ < toks_.size() ? toks_[pos_].begin : r.text.size();
    r.met = false;
    r.detail = "cannot check: " + why;
    return r;
  }

  // --- argument readers ----------------------------------------------------
  bool more() const { return pos_ < toks_.size(); }
  bool duration(Time& t, std::string& error) {
    if (!more()) {
      error = "needs a time, e.g. 1.5s";
      return false;
    }
    auto d = parseDuration(toks_[pos_].text);
    if (!d) {
      error = "malformed time '" + sanitizeText(toks_[pos_].text, 40) + "' (e.g. 1.5s or 350ms)";
      return false;
    }
    ++pos_;
    t = *d;
    return true;
  }
  bool number(uint64_t& v, std::string& error, const char* what) {
    if (!more() || toks_[pos_].quoted || toks_[pos_].text.empty() ||
        toks_[pos_].text.find_first_not_of("0123456789") != std::string::npos) {
      error = std::string("needs ") + what;
      return false;
    }
    // from_chars, not stoull: a number too large is an error here, not an exception.
    const std::string& text = toks_[pos_].text;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
      error = std::string("needs ") + what + ", got '" + sanitizeText(text, 40) + "' (too large)";
      return false;
    }
    ++pos_;
    return true;
  }
  bool node(NodeId& n, std::string& error) {
    if (!more() || toks_[pos_].quoted) {
      error = "needs a node name";
      return false;
    }
    auto id = config_.nodeByName(toks_[pos_].text);
    if (!id) {
      error = "unknown node '" + sanitizeText(toks_[pos_].text, 40) + "'";
      return false;
    }
    ++pos_;
    n = *id;
    return true;
  }
  bool isNodeNext() const { return more() && !toks_[pos_].quoted && config_.nodeByName(toks_[pos_].text); }
  bool writeText(std::string& w, std::string& error) {
    if (!more() || !toks_[pos_].quoted) {
      error = "needs a quoted write text, e.g. \"x\"";
      return false;
    }
    w = toks_[pos_++].text;
    return true;
  }

  // --- helpers ---------------------------------------------------------------
  std::string name(NodeId n) const { return fmt_.name(n); }
  std::string entryText(const Entry& e) const {
    if (isConfigWrite(e.write)) return "config";
    if (e.write >= journal_.writes().size()) return "write#" + std::to_string(e.write);
    return e.write == 0 ? "no-op" : quote(journal_.writes()[e.write].text);
  }
  std::string logText(const std::vector<Entry>& log) const {
    if (log.empty()) return "[]";
    std::string s = "[";
    for (size_t i = 0; i < log.size(); ++i) {
      if (i) s += ' ';
      s += std::to_string(i + 1) + ":" + (isConfigWrite(log[i].write) ? fmt_.writeText(log[i].write) : entryText(log[i])) +
           "/t" + std::to_string(log[i].term);
    }
    return s + "]";
  }
  bool holds(const NodeState& x, const std::string& text) const {
    for (const Entry& e : x.log)
      if (isClientWrite(e.write) && e.write < journal_.writes().size() && journal_.writes()[e.write].text == text)
        return true;
    return false;
  }
  bool inWindow(const Event& e) const { return e.time_us >= from_us_ && e.time_us <= to_us_; }
  std::vector<uint32_t> writesWithText(const std::string& text) const {
    std::vector<uint32_t> ids;
    for (uint32_t w = 1; w < journal_.writes().size(); ++w)
      if (journal_.writes()[w].text == text) ids.push_back(w);
    return ids;
  }
  std::string roleText(const NodeState& x) const { return x.alive ? std::string(roleName(x.role)) : "down"; }
  std::string leadersText(const ClusterState& s) const {
    std::string names;
    int count = 0;
    for (int i = 0; i < s.node_count; ++i)
      if (s.nodes[i].alive && s.nodes[i].role == Role::Leader) {
        names += (count++ ? ", " : "") + name(NodeId(i));
      }
    return std::to_string(count) + (count == 1 ? " leader" : " leaders") + (count ? ": " + names : "");
  }
  int leaderCount(const ClusterState& s) const {
    int c = 0;
    for (int i = 0; i < s.node_count; ++i) c += s.nodes[i].alive && s.nodes[i].role == Role::Leader;
    return c;
  }
  // The nodes named next, or every live node.
  bool nodeList(std::vector<NodeId>& out, std::string& error) {
    while (isNodeNext()) {
      NodeId n;
      if (!node(n, error)) return false;
      out.push_back(n);
    }
    if (more() && !toks_[pos_].quoted) {
      error = "unknown node '" + sanitizeText(toks_[pos_].text, 40) + "'";
      return false;
    }
    if (out.empty())
      for (int i = 0; i < state_->node_count; ++i)
        if (state_->nodes[i].alive) out.push_back(NodeId(i));
    return true;
  }

  // --- the checks: one handler per check word -----------------------------------
  using Handler = bool (Evaluator::*)(const std::string& c, bool& ok, std::string& d, std::string& error);
  struct Check {
    std::string_view word;
    Handler handler;
    bool state;  // asks the cluster's state at one instant (the end, or `at T`), not its history
  };
  static const Check* findCheck(std::string_view word) {
    static const Check kChecks[] = {
        {"leaders", &Evaluator::leaders, true},
        {"leader", &Evaluator::nodeState, true},
        {"role", &Evaluator::nodeState, true},
        {"term", &Evaluator::nodeState, true},
        {"log", &Evaluator::nodeState, true},
        {"log-terms", &Evaluator::nodeState, true},
        {"log-length", &Evaluator::nodeState, true},
        {"commit", &Evaluator::nodeState, true},
        {"configuration", &Evaluator::nodeState, true},
        {"majority", &Evaluator::nodeState, true},
        {"holds", &Evaluator::nodeState, true},
        {"lacks", &Evaluator::nodeState, true},
        {"replicated", &Evaluator::replication, true},
        {"lost", &Evaluator::replication, true},
        {"logs-equal", &Evaluator::logsEqual, true},
        {"logs-differ-at", &Evaluator::logsDifferAt, true},
        {"finding", &Evaluator::findings, false},
        {"no-finding", &Evaluator::findings, false},
        {"no-safety-finding", &Evaluator::noSafetyFinding, false},
        {"elected", &Evaluator::roleChanges, false},
        {"stepped-down", &Evaluator::roleChanges, false},
        {"vote-granted", &Evaluator::votes, false},
        {"vote-refused", &Evaluator::votes, false},
        {"ignored-stale", &Evaluator::staleRequests, false},
        {"accepted-stale", &Evaluator::staleRequests, false},
        {"delivered", &Evaluator::delivered, false},
        {"acked", &Evaluator::writes, false},
        {"write-failed", &Evaluator::writes, false},
        {"never-acked", &Evaluator::writes, false},
        {"resent", &Evaluator::duplicates, false},
        {"recognised", &Evaluator::duplicates, false},
        {"read", &Evaluator::reads, false},
        {"read-failed", &Evaluator::reads, false},
        {"config-refused", &Evaluator::configRefused, false},
        {"entries-per-logrequest", &Evaluator::entries, false},
        {"entries-sent", &Evaluator::entries, false},
    };
    for (const Check& c : kChecks)
      if (c.word == word) return &c;
    return nullptr;
  }

  bool leaders(const std::string&, bool& ok, std::string& d, std::string& error) {
    const ClusterState* s = state_;
    uint64_t n;
    if (!number(n, error, "a number of leaders")) return false;
    ok = uint64_t(leaderCount(*s)) == n;
    d = leadersText(*s);
    return true;
  }

  bool nodeState(const std::string& c, bool& ok, std::string& d, std::string& error) {
    const ClusterState* s = state_;
    NodeId n;
    if (!node(n, error)) return false;
    const NodeState& x = s->nodes[n];
    const std::string who = name(n);
    if (c == "leader") {
      ok = x.alive && x.role == Role::Leader;
      d = who + " is " + roleText(x) + "; " + leadersText(*s);
    } else if (c == "role") {
      if (!more()) {
        error = "needs a role: leader, follower, candidate or down";
        return false;
      }
      std::string want = toks_[pos_++].text;
      if (want != "leader" && want != "follower" && want != "candidate" && want != "down") {
        error = "unknown role '" + want + "' (leader, follower, candidate or down)";
        return false;
      }
      ok = roleText(x) == want;
      d = who + " is " + roleText(x);
    } else if (c == "term") {
      uint64_t t;
      if (!number(t, error, "a term")) return false;
      ok = x.term == t;
      d = who + " is in term " + std::to_string(x.term);
    } else if (c == "log") {
      std::vector<std::string> want;
      while (more()) {
        if (toks_[pos_].quoted) want.push_back(quote(toks_[pos_].text));
        else if (toks_[pos_].text == "no-op" || toks_[pos_].text == "config") want.push_back(toks_[pos_].text);
        else {
          error = "log entries are quoted write texts, no-op or config, got '" + sanitizeText(toks_[pos_].text, 40) + "'";
          return false;
        }
        ++pos_;
      }
      ok = want.size() == x.log.size();
      for (size_t i = 0; ok && i < want.size(); ++i) ok = entryText(x.log[i]) == want[i];
      d = who + "'s log: " + logText(x.log);
    } else if (c == "log-terms") {
      std::vector<uint32_t> want;
      while (more()) {
        uint64_t t;
        if (!number(t, error, "terms")) return false;
        want.push_back(uint32_t(t));
      }
      ok = want.size() == x.log.size();
      for (size_t i = 0; ok && i < want.size(); ++i) ok = x.log[i].term == want[i];
      d = who + "'s log: " + logText(x.log);
    } else if (c == "log-length") {
      uint64_t len;
      if (!number(len, error, "a length")) return false;
      ok = x.log.size() == len;
      d = who + "'s log: " + logText(x.log);
    } else if (c == "configuration") {
      // The configuration NODE goes by (rung 16): exactly these nodes.
      uint32_t want = 0;
      while (more()) {
        NodeId m;
        if (!node(m, error)) return false;
        want |= 1u << m;
      }
      if (want == 0) {
        error = "needs the nodes of the configuration";
        return false;
      }
      ok = x.members == want;
      d = who;
      d += "'s configuration: {";
      d += fmt_.memberList(x.members);
      d += "}, majority ";
      d += std::to_string(x.majority());
      d += x.config_index ? " (entry " + std::to_string(x.config_index) + ")" : std::string(" (the initial one)");
    } else if (c == "majority") {
      uint64_t m;
      if (!number(m, error, "a number of nodes")) return false;
      ok = uint64_t(x.majority()) == m;
      d = who;
      d += " counts a majority of ";
      d += std::to_string(x.majority());
      d += " of ";
      d += std::to_string(x.memberCount());
      d += " {";
      d += fmt_.memberList(x.members);
      d += "}";
    } else if (c == "commit") {
      uint64_t ci;
      if (!number(ci, error, "a commit index")) return false;
      ok = x.commit == ci;
      d = who + " has committed up to " + std::to_string(x.commit);
    } else {
      std::string w;
      if (!writeText(w, error)) return false;
      bool h = holds(x, w);
      ok = c == "holds" ? h : !h;
      d = who + (h ? " holds " : " does not hold ") + quote(w) + ": " + logText(x.log);
    }
    return true;
  }

  bool replication(const std::string& c, bool& ok, std::string& d, std::string& error) {
    const ClusterState* s = state_;
    std::string w;
    if (!writeText(w, error)) return false;
    std::string with, without;
    for (int i = 0; i < s->node_count; ++i) {
      const NodeState& x = s->nodes[i];
      if (c == "replicated" && !x.alive) continue;
      std::string& list = holds(x, w) ? with : without;
      list += (list.empty() ? "" : ", ") + name(NodeId(i)) + (x.alive ? "" : " (down)");
    }
    ok = c == "replicated" ? without.empty() : with.empty();
    d = quote(w) + " held by " + (with.empty() ? "nobody" : with) + "; missing on " +
        (without.empty() ? "nobody" : without);
    return true;
  }

  bool logsEqual(const std::string&, bool& ok, std::string& d, std::string& error) {
    const ClusterState* s = state_;
    std::vector<NodeId> ns;
    if (!nodeList(ns, error)) return false;
    ok = true;
    for (NodeId n : ns) ok &= s->nodes[n].log == s->nodes[ns[0]].log;
    for (NodeId n : ns) d += (d.empty() ? "" : "; ") + name(n) + " " + logText(s->nodes[n].log);
    return true;
  }

  bool logsDifferAt(const std::string&, bool& ok, std::string& d, std::string& error) {
    const ClusterState* s = state_;
    uint64_t index;
    if (!number(index, error, "an index (1-based)")) return false;
    if (index == 0) {
      error = "indexes start at 1";
      return false;
    }
    std::vector<NodeId> ns;
    if (!nodeList(ns, error)) return false;
    ok = false;
    const Entry* first = nullptr;
    for (NodeId n : ns) {
      const auto& log = s->nodes[n].log;
      std::string at = index <= log.size() ? entryText(log[index - 1]) + "/t" + std::to_string(log[index - 1].term)
                                           : "nothing";
      d += (d.empty() ? "at index " + std::to_string(index) + ": " : ", ") + name(n) + " " + at;
      if (index > log.size()) continue;
      if (!first) first = &log[index - 1];
      else if (!(*first == log[index - 1])) ok = true;
    }
    return true;
  }

  bool noSafetyFinding(const std::string&, bool& ok, std::string& d, std::string&) {
    ok = true;
    for (Seq f : final_.findings) {
      const Event& e = journal_[f];
      if (!inWindow(e) || !isSafetyFinding(e.findingKind())) continue;
      ok = false;
      d += (d.empty() ? "" : "; ") + formatTime(e.time_us) + " " + fmt_.finding(e);
    }
    if (ok) d = "no safety finding";
    return true;
  }

  bool roleChanges(const std::string& c, bool& ok, std::string& d, std::string& error) {
    NodeId n;
    if (!node(n, error)) return false;
    std::vector<Role> role(size_t(config_.nodeCount()), Role::Follower);
    std::vector<Time> when;
    for (Seq i = 0; i < journal_.size(); ++i) {
      const Event& e = journal_[i];
      if (e.kind == EventKind::Crashed) role[e.node] = Role::Follower;
      if (e.kind != EventKind::RoleChanged) continue;
      bool hit = e.node == n && (c == "elected" ? e.role() == Role::Leader
                                                 : role[e.node] == Role::Leader && e.role() != Role::Leader);
      if (hit && inWindow(e)) when.push_back(e.time_us);
      role[e.node] = e.role();
    }
    ok = !when.empty();
    std::string verb = c == "elected" ? " became leader" : " stepped down";
    d = ok ? name(n) + verb + " at " + formatTime(when[0]) + (when.size() > 1 ? " (and " + std::to_string(when.size() - 1) + " more time(s))" : "")
           : name(n) + " never" + (c == "elected" ? " became leader" : " stepped down");
    return true;
  }

  bool votes(const std::string& c, bool& ok, std::string& d, std::string& error) {
    NodeId voter, cand;
    if (!node(voter, error) || !node(cand, error)) return false;
    bool want = c == "vote-granted";
    int yes = 0, no = 0;
    Time first = 0;
    for (Seq i = 0; i < journal_.size(); ++i) {
      const Event& e = journal_[i];
      if (e.kind != EventKind::MessageSent || e.msgType() != MsgType::VoteResponse || e.node != voter ||
          e.peer != cand || (e.flags & kFlagDuplicate) || !inWindow(e))
        continue;
      if ((e.granted() != 0) == want && (want ? yes : no) == 0) first = e.time_us;
      (e.granted() ? yes : no)++;
    }
    ok = want ? yes > 0 : no > 0;
    d = name(voter) + " granted " + name(cand) + " " + std::to_string(yes) + " vote(s) and refused " +
        std::to_string(no) + (ok ? " (first at " + formatTime(first) + ")" : "");
    return true;
  }

  bool staleRequests(const std::string& c, bool& ok, std::string& d, std::string& error) {
    NodeId n;
    if (!node(n, error)) return false;
    std::vector<uint32_t> term(size_t(config_.nodeCount()), 0);
    int ignored = 0, accepted = 0;
    Time first_ignored = -1, first_accepted = -1;
    NodeId waiting_for = kNoNode;  // sender of a stale logRequest n is handling
    Time stale_at = 0;
    uint32_t stale_term = 0, own_term = 0;
    std::string example;
    for (Seq i = 0; i < journal_.size(); ++i) {
      const Event& e = journal_[i];
      if (e.kind == EventKind::TermChanged) term[e.node] = e.term;
      if (e.kind == EventKind::MessageDelivered && e.node == n && journal_[e.ref].msgType() == MsgType::LogRequest &&
          journal_[e.ref].term < term[n]) {
        waiting_for = e.peer;
        stale_at = e.time_us;
        stale_term = journal_[e.ref].term;
        own_term = term[n];
      }
      if (waiting_for != kNoNode && e.kind == EventKind::MessageSent && e.node == n && e.peer == waiting_for &&
          e.msgType() == MsgType::LogResponse && !(e.flags & kFlagDuplicate)) {
        if (stale_at >= from_us_ && stale_at <= to_us_) {
          bool acc = e.success() != 0;
          (acc ? accepted : ignored)++;
          Time& first = acc ? first_accepted : first_ignored;
          if (first < 0) {
            first = stale_at;
            if ((c == "accepted-stale") == acc)
              example = " (first at " + formatTime(stale_at) + ": a logRequest of term " + std::to_string(stale_term) +
                        " from " + name(waiting_for) + " while in term " + std::to_string(own_term) + ")";
          }
        }
        waiting_for = kNoNode;
      }
    }
    ok = c == "ignored-stale" ? ignored > 0 : accepted > 0;
    d = name(n) + " ignored " + std::to_string(ignored) + " and accepted " + std::to_string(accepted) +
        " stale logRequest(s)" + example;
    return true;
  }

  bool delivered(const std::string&, bool& ok, std::string& d, std::string& error) {
    if (!more()) {
      error = "needs a message type (voteRequest, voteResponse, logRequest, logResponse, clientWrite, installSnapshot, preVoteRequest, preVoteResponse)";
      return false;
    }
    auto type = msgTypeFromName(toks_[pos_].text);
    if (!type) {
      error = "unknown message type '" + sanitizeText(toks_[pos_].text, 40) + "'";
      return false;
    }
    ++pos_;
    NodeId from, to;
    if (!node(from, error) || !node(to, error)) return false;
    int count = 0;
    Time first = 0;
    for (Seq i = 0; i < journal_.size(); ++i) {
      const Event& e = journal_[i];
      if (e.kind != EventKind::MessageDelivered || e.peer != from || e.node != to || !inWindow(e) ||
          journal_[e.ref].msgType() != *type)
        continue;
      if (!count++) first = e.time_us;
    }
    ok = count > 0;
    d = std::to_string(count) + " " + std::string(messageName(*type)) + "(s) from " + name(from) + " reached " +
        name(to) + (ok ? " (first at " + formatTime(first) + ")" : "");
    return true;
  }

  bool writes(const std::string& c, bool& ok, std::string& d, std::string& error) {
    std::string w;
    if (!writeText(w, error)) return false;
    auto ids = writesWithText(w);
    if (ids.empty()) {
      ok = false;
      d = "no client wrote " + quote(w);
      return true;
    }
    ok = false;
    for (uint32_t id : ids) {
      Time at = -1;
      std::string by;
      for (Seq i = 0; i < journal_.size(); ++i) {
        const Event& e = journal_[i];
        if ((e.kind != EventKind::WriteAcked && e.kind != EventKind::WriteFailed) || e.write() != id || !inWindow(e)) continue;
        if ((c == "acked" && e.kind == EventKind::WriteAcked) || (c == "write-failed" && e.kind == EventKind::WriteFailed)) {
          at = e.time_us;
          by = e.kind == EventKind::WriteAcked ? " by " + name(e.node) + " at index " + std::to_string(e.index())
                                               : " on " + name(e.node) + " (" + std::string(failReasonText(e.failReason())) + ")";
          break;
        }
      }
      if (c == "never-acked") {
        bool pending = id < final_.writes.size() && final_.writes[id] == WriteStatus::Pending;
        ok |= pending;
        d += (d.empty() ? "" : "; ") + quote(w) + (pending ? " is still unanswered" : " was answered");
        continue;
      }
      if (at >= 0) {
        ok = true;
        d += (d.empty() ? "" : "; ") + quote(w) + (c == "acked" ? " acknowledged" : " failed") + by + " at " + formatTime(at);
      }
    }
    if (!ok && c != "never-acked") {
      WriteStatus st = final_.writes[ids.back()];
      d = quote(w) + " was " + (st == WriteStatus::Acked ? "acknowledged" : st == WriteStatus::Failed ? "refused (failed)" : "never answered");
    }
    return true;
  }

  // `resent "x"`: the client sent "x" again (a retry); `recognised NODE "x"`:
  // NODE's state machine met "x" a second time and did not apply it (client-sessions).
  bool duplicates(const std::string& c, bool& ok, std::string& d, std::string& error) {
    NodeId n = kNoNode;
    if (c == "recognised" && !node(n, error)) return false;
    std::string w;
    if (!writeText(w, error)) return false;
    auto ids = writesWithText(w);
    int count = 0;
    Time first = 0;
    for (Seq i = 0; i < journal_.size(); ++i) {
      const Event& e = journal_[i];
      const bool match = c == "resent" ? e.kind == EventKind::ClientWrite && e.attempt() > 0
                                       : e.kind == EventKind::DuplicateRecognised && e.node == n;
      if (!match || !inWindow(e) || std::find(ids.begin(), ids.end(), e.write()) == ids.end()) continue;
      if (!count++) first = e.time_us;
    }
    ok = count > 0;
    d = c == "resent" ? "the client resent " + quote(w) + " " + std::to_string(count) + " time(s)"
                      : name(n) + " recognised " + quote(w) + " as a duplicate " + std::to_string(count) + " time(s)";
    if (ok) d += " (first at " + formatTime(first) + ")";
    return true;
  }

  // read NODE KEY "x=2": a read of KEY at NODE was answered with that write
  // ("" for a key never written); read-failed NODE KEY: it was refused.
  bool reads(const std::string& c, bool& ok, std::string& d, std::string& error) {
    NodeId n;
    if (!node(n, error)) return false;
    if (!more() || toks_[pos_].quoted) {
      error = "needs a key, e.g. x";
      return false;
    }
    const std::string key = toks_[pos_++].text;
    std::string want;
    if (c == "read" && !writeText(want, error)) return false;
    ok = false;
    int reads = 0;
    for (Seq i = 0; i < journal_.size() && !ok; ++i) {
      const Event& e = journal_[i];
      if ((e.kind != EventKind::ReadAnswered && e.kind != EventKind::ReadFailed) || e.node != n || !inWindow(e) ||
          e.ref >= journal_.size() || journal_[e.ref].readKey() != key)
        continue;
      ++reads;
      if (e.kind == EventKind::ReadFailed) {
        ok = c == "read-failed";
        d = "the read of " + key + " on " + name(n) + " failed (" + std::string(failReasonText(e.failReason())) +
            ") at " + formatTime(e.time_us);
        continue;
      }
      const std::string got = e.write() == 0 ? "" : journal_.writes()[e.write()].text;
      ok = c == "read" && got == want;
      d = name(n) + " answered the read of " + key + " with " + (got.empty() ? "nothing" : quote(got)) + " at " +
          formatTime(e.time_us);
    }
    if (reads == 0) d = "no read of " + key + " on " + name(n) + " was answered or refused";
    return true;
  }

  // config-refused NODE [REASON]: NODE refused a configuration change (rung 16),
  // for REASON when given: pending, one-at-a-time, not-leader, no-change.
  bool configRefused(const std::string&, bool& ok, std::string& d, std::string& error) {
    NodeId n;
    if (!node(n, error)) return false;
    std::optional<ConfigRefusal> want;
    if (more()) {
      const std::string r = toks_[pos_++].text;
      if (r == "pending") want = ConfigRefusal::Pending;
      else if (r == "one-at-a-time") want = ConfigRefusal::OneAtATime;
      else if (r == "not-leader") want = ConfigRefusal::NotLeader;
      else if (r == "no-change") want = ConfigRefusal::NoChange;
      else {
        error = "unknown reason '" + sanitizeText(r, 40) + "' (pending, one-at-a-time, not-leader or no-change)";
        return false;
      }
    }
    ok = false;
    d = name(n) + " refused no configuration change";
    for (Seq i = 0; i < journal_.size() && !ok; ++i) {
      const Event& e = journal_[i];
      if (e.kind != EventKind::ConfigChangeRefused || e.node != n || !inWindow(e)) continue;
      d = fmt_.text(e) + " at " + formatTime(e.time_us);
      ok = !want || e.configRefusal() == *want;
    }
    return true;
  }

  bool entries(const std::string& c, bool& ok, std::string& d, std::string& error) {
    std::optional<uint64_t> mx, mn;
    while (more()) {
      std::string k = toks_[pos_].text;
      if (k != "max" && k != "min") break;
      ++pos_;
      uint64_t v;
      if (!number(v, error, "a number after max/min")) return false;
      (k == "max" ? mx : mn) = v;
    }
    if (!mx && !mn) {
      error = "needs 'max N' and/or 'min N'";
      return false;
    }
    uint64_t count = 0, total = 0, lo = UINT64_MAX, hi = 0;
    for (Seq i = 0; i < journal_.size(); ++i) {
      const Event& e = journal_[i];
      if (e.kind != EventKind::MessageSent || e.msgType() != MsgType::LogRequest || (e.flags & kFlagDuplicate) ||
          !inWindow(e))
        continue;
      ++count;
      total += e.carriedCount();
      lo = std::min<uint64_t>(lo, e.carriedCount());
      hi = std::max<uint64_t>(hi, e.carriedCount());
    }
    if (c == "entries-sent") {
      ok = (!mx || total <= *mx) && (!mn || total >= *mn);
      d = std::to_string(count) + " logRequests carried " + std::to_string(total) + " entries in all";
    } else {
      ok = count > 0 && (!mx || hi <= *mx) && (!mn || lo >= *mn);
      d = count == 0 ? "no logRequest was sent"
                     : std::to_string(count) + " logRequests carried " + std::to_string(lo) + " to " +
                           std::to_string(hi) + " entries each (" + std::to_string(total) + " in all)";
    }
    return true;
  }

  bool findings(const std::string& c, bool& ok, std::string& d, std::string& error) {
    std::optional<FindingKind> kind;
    if (more() && !toks_[pos_].quoted && !isNodeNext() && toks_[pos_].text != "index") {
      kind = findingKindFromName(toks_[pos_].text);
      if (!kind) {
        error = "unknown finding '" + toks_[pos_].text + "' (" + findingKindNames() + ")";
        return false;
      }
      ++pos_;
    } else if (c == "finding") {
      error = "needs a finding kind, e.g. two-leaders";
      return false;
    }
    std::vector<NodeId> nodes;
    std::optional<std::string> write;
    std::optional<uint64_t> index;
    while (more()) {
      if (toks_[pos_].quoted) {
        write = toks_[pos_++].text;
      } else if (toks_[pos_].text == "index") {
        ++pos_;
        uint64_t v;
        if (!number(v, error, "an index after 'index'")) return false;
        index = v;
      } else {
        NodeId n;
        if (!node(n, error)) return false;
        nodes.push_back(n);
      }
    }
    std::vector<std::string> seen;
    for (Seq f : final_.findings) {
      const Event& e = journal_[f];
      if (!inWindow(e) || (kind && e.findingKind() != *kind)) continue;
      bool match = true;
      for (NodeId n : nodes) match &= e.node == n || e.peer == n;
      if (write) match &= e.write() != 0 && e.write() < journal_.writes().size() && journal_.writes()[e.write()].text == *write;
      if (index) match &= e.index() == *index;
      if (match) seen.push_back(formatTime(e.time_us) + " " + fmt_.finding(e));
    }
    ok = c == "finding" ? !seen.empty() : seen.empty();
    if (seen.empty()) {
      d = !kind && nodes.empty() && !write && !index ? "the checker found nothing" : "no such finding";
      size_t others = 0;
      for (Seq f : final_.findings) others += inWindow(journal_[f]);
      if (others) d += " (" + std::to_string(others) + " other finding(s))";
    } else {
      d = seen[0];
      if (seen.size() > 1) d += " (and " + std::to_string(seen.size() - 1) + " more)";
    }
    return true;
  }

  const ClusterConfig& config_;
  const Journal& journal_;
  const ClusterState& final_;
  EventFormatter fmt_;
  std::vector<ScriptWord> toks_;
  size_t pos_ = 0;
  size_t check_pos_ = 0;
  Time from_us_ = 0, to_us_ = 0;
  const ClusterState* state_ = nullptr;
  ClusterState at_state_;
};

}  // namespace

std::optional<ExpectationProblem> expectationProblem(std::string_view text, const ClusterConfig& config) {
  // The same reading as the real check, on an empty run: what it cannot read
  // there, it cannot read on any run.
  const Journal empty;
  const ClusterState start = ClusterState::initial(config);
  Evaluator ev(config, empty, start);
  ExpectationResult r = ev.evaluate(std::string(text));
  static constexpr std::string_view kPrefix = "cannot check: ";
  if (!r.detail.starts_with(kPrefix)) return std::nullopt;
  return ExpectationProblem{std::min(r.at, text.size()), r.detail.substr(kPrefix.size())};
}

std::vector<ExpectationResult> checkExpectations(const std::vector<std::string>& expectations,
                                                 const ClusterConfig& config, const Journal& journal,
                                                 const ClusterState& final_state) {
  std::vector<ExpectationResult> out;
  Evaluator ev(config, journal, final_state);
  for (const auto& e : expectations) out.push_back(ev.evaluate(e));
  return out;
}

}  // namespace radeau

#include "state_json.h"

#include <cstdio>

#include "format.h"

namespace radeau {

std::string jsonEscape(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  return out + "\"";
}

std::string stateToJson(const ClusterConfig& config, const Journal& journal, const ClusterState& s,
                        bool detailed) {
  EventFormatter fmt(config, journal);
  auto value = [&](uint32_t write) -> std::string {
    if (write == 0) return "null";
    return jsonEscape(write < journal.writes().size() ? journal.writes()[write].text : "");
  };
  std::string o = "{\n  \"time_us\": " + std::to_string(s.now_us) + ",\n  \"nodes\": [";
  for (int i = 0; i < s.node_count; ++i) {
    const NodeState& n = s.nodes[size_t(i)];
    o += i ? ",\n    {" : "\n    {";
    o += "\"name\": " + jsonEscape(config.names[size_t(i)]);
    o += ", \"alive\": " + std::string(n.alive ? "true" : "false");
    o += ", \"role\": \"" + std::string(roleName(n.role)) + "\"";
    o += ", \"term\": " + std::to_string(n.term);
    o += ", \"votedFor\": " + (n.voted_for == kNoNode ? std::string("null") : jsonEscape(config.names[n.voted_for]));
    o += ", \"commitIndex\": " + std::to_string(n.commit);
    if (detailed) {
      o += ", \"votes\": " + std::to_string(n.voteCount());
      o += ", \"leader\": " + (n.leader == kNoNode ? std::string("null") : jsonEscape(config.names[n.leader]));
    }
    o += ", \"log\": [";
    for (size_t k = 0; k < n.log.size(); ++k) {
      if (k) o += ", ";
      o += "{\"term\": " + std::to_string(n.log[k].term) + ", \"value\": " + value(n.log[k].write) + "}";
    }
    o += "]}";
  }
  o += "\n  ],\n  \"violations\": [";
  bool first = true;
  for (Seq f : s.findings) {
    const Event& e = journal[f];
    o += first ? "\n    " : ",\n    ";
    first = false;
    o += "{\"kind\": \"" + std::string(findingKindName(e.findingKind())) + "\", \"time_us\": " +
         std::to_string(e.time_us) + ", \"safety\": " + (isSafetyFinding(e.findingKind()) ? "true" : "false") +
         ", \"detail\": " + jsonEscape(fmt.finding(e)) + "}";
  }
  o += first ? "]" : "\n  ]";
  if (detailed) {
    o += ",\n  \"messages\": [";
    for (size_t k = 0; k < s.in_flight.size(); ++k) {
      const InFlight& m = s.in_flight[k];
      const Event& e = journal[m.sent];
      o += k ? ",\n    " : "\n    ";
      o += "{\"seq\": " + std::to_string(m.sent) + ", \"type\": \"" + std::string(messageName(e.msgType())) +
           "\", \"from\": " + jsonEscape(config.names[m.from]) + ", \"to\": " + jsonEscape(config.names[m.to]) +
           ", \"sent_us\": " + std::to_string(m.sent_us) + ", \"deliver_us\": " + std::to_string(m.deliver_us) +
           ", \"content\": " + jsonEscape(fmt.message(e)) + "}";
    }
    o += s.in_flight.empty() ? "]" : "\n  ]";
    o += ",\n  \"timers\": [";
    bool firstTimer = true;
    for (int i = 0; i < s.node_count; ++i)
      for (TimerKind k : {TimerKind::Election, TimerKind::Heartbeat}) {
        const TimerState& t = s.nodes[size_t(i)].timer(k);
        if (!t.running()) continue;
        o += firstTimer ? "\n    " : ",\n    ";
        firstTimer = false;
        o += "{\"node\": " + jsonEscape(config.names[size_t(i)]) + ", \"kind\": \"" + std::string(timerName(k)) +
             "\", \"start_us\": " + std::to_string(t.start_us) + ", \"deadline_us\": " + std::to_string(t.deadline_us) + "}";
      }
    o += firstTimer ? "]" : "\n  ]";
  }
  o += "\n}\n";
  return o;
}

}  // namespace radeau

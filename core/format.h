// The one formatter of event text: the CLI transcript, the tests, the GUI's
// journal panel and the checker banner all print events through it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "event.h"
#include "journal.h"

namespace radeau {

std::string_view roleName(Role r);            // "follower", "candidate", "leader"
std::string_view messageName(MsgType t);      // "voteRequest", "logRequest", ...
std::string_view timerName(TimerKind k);      // "election", "heartbeat"
std::string_view dropReasonText(DropReason r);
std::string_view failReasonText(FailReason r);
std::string_view eventKindName(EventKind k);  // "MessageSent", ... (stable, used in JSON)
std::string formatTime(Time us);              // "1.234567s"
// Keys of the key-value state machine that `count` entries leave ("x=1", "x=2": 1 key).
size_t snapshotKeys(const Journal& journal, const Entry* entries, size_t count);

class EventFormatter {
 public:
  EventFormatter(const std::vector<std::string>& names, const Journal& journal)
      : names_(names), journal_(journal) {}

  // What happened, without time: "Michel → Jean-Pierre: logRequest term 2, 1 entry".
  std::string text(const Event& e) const;
  // One transcript line: "  1.234567s #42   text".
  std::string line(const Event& e, Seq seq) const;
  // A checker finding in the presenter's words: "2 leaders in term 3: Michel and Sophie".
  std::string finding(const Event& e) const;
  // A message's content: "logRequest term 2 prev 3/1 commit 2 entries [2:x=1]".
  std::string message(const Event& sent) const;
  std::string name(NodeId n) const;
  std::string writeText(uint32_t write) const;  // "\"x=1\"" or "no-op"

 private:
  const std::vector<std::string>& names_;
  const Journal& journal_;
};

}  // namespace radeau

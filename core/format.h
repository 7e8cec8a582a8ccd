// The one formatter of event text: the CLI transcript, the tests, the GUI's
// journal panel and the checker banner all print events through it.
//
// Every sentence exists in English and French as a template with %1..%9
// holes (format.cpp's word table); the logic that picks the values is written
// once. English is the default and the only language of the CLI, the golden
// transcripts and the JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "event.h"
#include "journal.h"
#include "language.h"
#include "vocabulary.h"

namespace radeau {

// Stable identifiers in English by default ("follower", "election"); in French
// the words a French developer says (resources/glossary.tsv: "follower", "élection").
std::string_view roleName(Role r, Language l = Language::English);  // "follower", "candidate", "leader"
std::string_view messageName(MsgType t);      // "voteRequest", "logRequest", ... (protocol names, every language)
std::string_view timerName(TimerKind k, Language l = Language::English);  // "election", "heartbeat"
std::string_view dropReasonText(DropReason r, Language l = Language::English);
std::string_view failReasonText(FailReason r, Language l = Language::English);
std::string_view eventKindName(EventKind k);  // "MessageSent", ... (stable, used in JSON)
std::string formatTime(Time us);              // "1.234567s"
// A decimal number with a point whatever the C locale (the window sets the
// user's, where printf's %f would write "0,100"): `decimals` digits after it,
// or as few as the value needs when `trim` ("0.25", "8").
std::string decimalText(double v, int decimals, bool trim = false);
// Every sentence template of the formatter in one language (for the glossary test).
std::vector<std::string_view> formatterPhrases(Language l);
// Keys of the key-value state machine that `count` entries leave ("x=1", "x=2": 1 key).
size_t snapshotKeys(const Journal& journal, const Entry* entries, size_t count);
// Clients in the session table that `count` entries leave (client-sessions): a
// client is the node its writes were given to.
size_t snapshotSessions(const Journal& journal, const Entry* entries, size_t count);
// The few words drawn on a message in flight (a MessageSent event), with the
// marks `concepts` brings (vocabulary.h): "vote?", "vote ✓", "♥", "log +2",
// from `terms` on "log t1 +1", "♥ t2"; "snapshot · 3 keys", "ack", "write x=1".
std::string messageLabelText(const Event& sent, const Journal& journal, Concepts concepts,
                         Language l = Language::English);

// Words follow the concepts in force at each event (vocabulary.h): the
// run's configured flags, changed by the journal's ConceptsChanged events.
class EventFormatter {
 public:
  // The run's names and starting flags come from its configuration.
  EventFormatter(const ClusterConfig& config, const Journal& journal, Language language = Language::English)
      : names_(config.names), journal_(journal), language_(language), start_(config.concepts) {}
  // Without a configuration: every mark of full Raft (tests, tools).
  EventFormatter(const std::vector<std::string>& names, const Journal& journal,
                 Language language = Language::English, Concepts start = Concepts::full())
      : names_(names), journal_(journal), language_(language), start_(start) {}

  // What happened, without time: "Michel → Jean-Pierre: logRequest term 2, 1 entry".
  std::string text(const Event& e) const;
  // One transcript line: "  1.234567s #42   text".
  std::string line(const Event& e, Seq seq) const;
  // A checker finding in the presenter's words: "2 leaders in term 3: Michel and Sophie".
  std::string finding(const Event& e) const;
  // A message's content: "logRequest term 2 prev 3/1 commit 2 entries [2:x=1]".
  std::string message(const Event& sent) const;
  std::string name(NodeId n) const;  // node names stay as written in every language
  std::string writeText(uint32_t write) const;  // "\"x=1\"", "no-op" or "configuration {A, B, C}"
  std::string memberList(uint32_t members) const;  // "Michel, Jean-Pierre, Sophie"
  // The label of a message in flight (messageLabelText with the flags of its time).
  std::string label(const Event& sent) const;
  Language language() const { return language_; }
  // The flags in force when `e` happened (an event of the journal, or a copy:
  // then the last change at or before its time).
  Concepts conceptsOf(const Event& e) const;

 private:
  bool shows(const Event& e, Mark m) const { return radeau::shows(conceptsOf(e), m); }

  const std::vector<std::string>& names_;
  const Journal& journal_;
  Language language_;
  Concepts start_;
};

}  // namespace radeau

// The line-oriented scenario script (documented in README.md, "Scenario scripts").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "action.h"
#include "config.h"

namespace radeau {

struct Scenario {
  ClusterConfig config;
  std::vector<Action> actions;  // sorted by time, stable in script order
  Time until_us = 10'000'000;
  // Optional metadata a demonstration script declares about itself.
  std::string title;            // `title ...`
  std::vector<std::string> expectations;  // `expect ...` lines, read when parsed, checked after the run
};

struct ScriptError {
  std::string file;
  int line = 0;
  int column = 0;  // 0 when not useful
  std::string message;
  std::string toString() const;  // "file:line:column: message"
};

// Parses a whole script. `file` names it in error messages.
std::optional<Scenario> parseScenario(std::string_view text, std::string_view file, ScriptError& error);

// Parses "500ms", "1.5s", "20us", "3" (seconds not allowed without unit). Returns nullopt on error.
std::optional<Time> parseDuration(std::string_view text);
std::string formatDuration(Time us);  // "1.5s", "500ms", "20us"

// An action as the script line that parses back to it ("at 1.5s cut Michel
// Sophie"): the one text of an action for scripts, soak schedules and the
// CLI's export. A partition lists every group. DropMessage (one message of
// one run) has no script form: it comes out as a comment.
// Why `key` cannot be read (a `read` line, the window's Read), or "": 1 to
// kMaxReadKeyBytes printable ASCII characters, no '=', quote or space (the
// key of a write "x=1" is what comes before '=').
std::string readKeyProblem(std::string_view key);
std::string formatAction(const Action& a, const std::vector<std::string>& names);
// A text as a script string: quoted, with \" and \\ escaped.
std::string quoteScriptText(std::string_view text);

// The script's words: one tokenizer for scripts and the expectations in them.
struct ScriptWord {
  std::string text;  // unquoted and unescaped
  size_t begin = 0;  // byte offset in the line
  bool quoted = false;
};
// Splits `line` (up to a '#' comment); on a malformed string, the byte and why.
bool splitScriptWords(std::string_view line, std::vector<ScriptWord>& out, size_t& error_byte, std::string& error);

// The built-in default: 5 nodes elect a leader, take writes, lose the leader, elect another.
std::string_view defaultScenarioText();

}  // namespace radeau

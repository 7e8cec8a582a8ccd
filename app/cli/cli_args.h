// A small option reader shared by the commands: flags, options with a value,
// positionals, and a clear message for anything unknown or missing.
#pragma once

#include <QString>

#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace radeau {
struct Scenario;
}

namespace radeau::cli {

// The help and the usage errors in the user's language (issue 17): `tr` in
// this namespace is what lupdate reads, with the context "radeau::cli" of
// resources/radeau_fr.ts; the process's main installs the translation
// (--lang, else the environment's locale). The results of the commands stay
// English (transcripts, JSON, golden files).
QString tr(const char* text);

struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // --name value
  std::set<std::string> flags;                 // --name
  bool has(const std::string& f) const { return flags.count(f) || options.count(f); }
  std::optional<std::string> get(const std::string& o) const {
    auto it = options.find(o);
    if (it == options.end()) return std::nullopt;
    return it->second;
  }
};

// `with_value` lists options that take a value, `flags` those that do not;
// --lang LANG (the language, chosen by main) is accepted by every command.
// Returns false and sets `error` on an unknown option or a missing value.
bool parseArgs(const std::vector<std::string>& args, const std::set<std::string>& with_value,
               const std::set<std::string>& flags, ParsedArgs& out, std::string& error);

// The scenario a command runs: one SCRIPT or --default, with --seed and
// --until applied. On error prints "radeau-cli CMD: ..." (or the script's
// located error) to err and returns nullopt; the exit code is then 2.
std::optional<Scenario> scenarioFromArgs(const char* cmd, const ParsedArgs& p, std::ostream& err);

// The message for a duration option (--until, --at) that does not parse,
// with the user's text cut and cleaned (it goes back to their terminal).
std::string malformedDuration(const char* option, const std::string& text);

// Unsigned integer option; false with error when malformed.
bool parseUnsigned(const std::string& name, const std::string& text, uint64_t& value, std::string& error);

}  // namespace radeau::cli

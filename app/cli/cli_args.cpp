#include "app/cli/cli_args.h"

#include "core/sanitize.h"

#include <cerrno>
#include <cstdlib>
#include <ostream>

#include "app/cli/cli.h"
#include "core/script.h"

namespace radeau::cli {

bool parseArgs(const std::vector<std::string>& args, const std::set<std::string>& with_value,
               const std::set<std::string>& flags, ParsedArgs& out, std::string& error) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() > 1 && a[0] == '-' && !(a.size() > 1 && std::isdigit(static_cast<unsigned char>(a[1])))) {
      // --opt=value, as QCommandLineParser (radeau, radeau-node) also accepts.
      if (const size_t eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
        const std::string name = a.substr(0, eq);
        if (!with_value.count(name)) {
          error = flags.count(name) ? "option " + name + " takes no value" : "unknown option '" + sanitizeText(name, 60) + "'";
          return false;
        }
        out.options[name] = a.substr(eq + 1);
      } else if (with_value.count(a)) {
        if (i + 1 >= args.size()) {
          error = "option " + a + " needs a value";
          return false;
        }
        out.options[a] = args[++i];
      } else if (flags.count(a)) {
        out.flags.insert(a);
      } else {
        error = "unknown option '" + sanitizeText(a, 60) + "'";
        return false;
      }
    } else {
      out.positional.push_back(a);
    }
  }
  return true;
}

std::optional<Scenario> scenarioFromArgs(const char* cmd, const ParsedArgs& p, std::ostream& err) {
  auto fail = [&](const std::string& msg) -> std::optional<Scenario> {
    err << "radeau-cli " << cmd << ": " << msg << "\n";
    return std::nullopt;
  };
  std::string text, file, error;
  if (p.has("--default")) {
    if (!p.positional.empty()) return fail("give a SCRIPT or --default, not both");
    text = std::string(defaultScenarioText());
    file = "(built-in default)";
  } else if (p.positional.size() == 1) {
    file = p.positional[0];
    if (!readFile(file, text, error)) return fail(error);
  } else {
    return fail("expected one SCRIPT (or --default)");
  }
  ScriptError serr;
  auto scenario = parseScenario(text, file, serr);
  if (!scenario) {
    err << serr.toString() << "\n";
    return std::nullopt;
  }
  if (auto s = p.get("--seed")) {
    uint64_t seed;
    if (!parseUnsigned("--seed", *s, seed, error)) return fail(error);
    scenario->config.seed = seed;
  }
  if (auto u = p.get("--until")) {
    auto t = parseDuration(*u);
    if (!t) return fail("malformed duration '" + sanitizeText(*u, 40) + "' for --until (use us, ms or s, e.g. 2.5s)");
    if (std::string why = durationProblem(*t); !why.empty()) return fail("--until: " + why);
    scenario->until_us = *t;
  }
  return scenario;
}

bool parseUnsigned(const std::string& name, const std::string& text, uint64_t& value, std::string& error) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    error = name + " expects a non-negative integer, got '" + text + "'";
    return false;
  }
  errno = 0;
  value = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE) {
    error = name + " is too large: '" + text + "'";
    return false;
  }
  return true;
}

}  // namespace radeau::cli

#include "app/cli/cli_args.h"

#include <QCommandLineParser>
#include <QStringList>

#include "core/sanitize.h"

#include <cerrno>
#include <cstdlib>
#include <ostream>

#include "app/cli/cli.h"
#include "core/script.h"

namespace radeau::cli {

namespace {
// The option as the user wrote it: "--name", or "-o" for one letter.
std::string dashed(const QString& name) {
  return (name.size() == 1 ? "-" : "--") + name.toStdString();
}
QString bare(const std::string& option) {  // "--at" -> "at", "-o" -> "o"
  return QString::fromStdString(option.substr(option.find_first_not_of('-')));
}
}  // namespace

// The same parser as radeau and radeau-node (QCommandLineParser: --opt value,
// --opt=value, -- before positionals that start with "-"), with messages in
// the CLI's own words.
bool parseArgs(const std::vector<std::string>& args, const std::set<std::string>& with_value,
               const std::set<std::string>& flags, ParsedArgs& out, std::string& error) {
  QCommandLineParser parser;
  parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);  // "-o", as the usage says
  for (const std::string& o : with_value) parser.addOption(QCommandLineOption(bare(o), QString(), QStringLiteral("value")));
  for (const std::string& f : flags) parser.addOption(QCommandLineOption(bare(f)));
  QStringList argv{QStringLiteral("radeau-cli")};
  // An option's value is the next argument, whatever it starts with: "--event -3" reaches the command.
  for (const std::string& a : args) argv << QString::fromStdString(a);
  if (!parser.parse(argv)) {
    const QStringList unknown = parser.unknownOptionNames();
    const QString text = parser.errorText();
    // Which option the error is about: the one Qt quotes.
    const qsizetype q1 = text.indexOf(QLatin1Char('\'')), q2 = text.indexOf(QLatin1Char('\''), q1 + 1);
    const std::string quoted = q1 >= 0 && q2 > q1 ? text.mid(q1 + 1, q2 - q1 - 1).toStdString() : std::string();
    if (!unknown.isEmpty()) error = "unknown option '" + sanitizeText(dashed(unknown.front()), 60) + "'";
    else if (text.startsWith(QStringLiteral("Missing value"))) error = "option " + quoted + " needs a value";
    else if (text.startsWith(QStringLiteral("Unexpected value"))) error = "option " + quoted + " takes no value";
    else error = sanitizeText(text.toStdString(), 200);
    return false;
  }
  for (const std::string& o : with_value)
    if (parser.isSet(bare(o))) out.options[o] = parser.value(bare(o)).toStdString();
  for (const std::string& f : flags)
    if (parser.isSet(bare(f))) out.flags.insert(f);
  for (const QString& a : parser.positionalArguments()) out.positional.push_back(a.toStdString());
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

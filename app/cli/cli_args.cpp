#include "app/cli/cli_args.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

#include "core/sanitize.h"

#include <cerrno>
#include <cstdlib>
#include <ostream>

#include "app/cli/cli.h"
#include "core/script.h"

namespace radeau::cli {

QString tr(const char* text) { return QCoreApplication::translate("radeau::cli", text); }  // the context lupdate gives

std::string malformedDuration(const char* option, const std::string& text) {
  // The context spelled out: lupdate would take the return type's namespace for tr's.
  return QCoreApplication::translate("radeau::cli", "malformed duration '%1' for %2 (use us, ms or s, e.g. 2.5s)")
      .arg(QString::fromStdString(sanitizeText(text, 40)), QString::fromLatin1(option))
      .toStdString();
}

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
  std::set<std::string> values = with_value;
  values.insert("--lang");
  for (const std::string& o : values) parser.addOption(QCommandLineOption(bare(o), QString(), QStringLiteral("value")));
  for (const std::string& f : flags) parser.addOption(QCommandLineOption(bare(f)));
  QStringList argv{QStringLiteral("radeau-cli")};
  // An option's value is the next argument, whatever it starts with: "--event -3" reaches the command.
  for (const std::string& a : args) argv << QString::fromStdString(a);
  if (!parser.parse(argv)) {
    auto say = [&](const QString& text, const std::string& option) {
      error = text.arg(QString::fromStdString(sanitizeText(option, 60))).toStdString();
    };
    const QStringList unknown = parser.unknownOptionNames();
    if (!unknown.isEmpty()) {
      say(tr("unknown option '%1'"), dashed(unknown.front()));
      return false;
    }
    // Which option the error is about, from the arguments (Qt's own text may be translated).
    for (size_t i = 0; i < args.size() && args[i] != "--"; ++i) {
      const std::string& a = args[i];
      const std::string name = a.substr(0, a.find('='));
      if (flags.count(name) && name.size() < a.size()) {
        say(tr("option %1 takes no value"), name);
        return false;
      }
      if (values.count(name) && name.size() == a.size() && i + 1 == args.size()) {
        say(tr("option %1 needs a value"), name);
        return false;
      }
      if (values.count(name) && name.size() == a.size()) ++i;  // its value, whatever it looks like
    }
    error = sanitizeText(parser.errorText().toStdString(), 200);
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
    if (!p.positional.empty()) return fail(tr("give a SCRIPT or --default, not both").toStdString());
    text = std::string(defaultScenarioText());
    file = "(built-in default)";
  } else if (p.positional.size() == 1) {
    file = p.positional[0];
    if (!readFile(file, text, error)) return fail(error);
  } else {
    return fail(tr("expected one SCRIPT (or --default)").toStdString());
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
    if (!t)
      return fail(malformedDuration("--until", *u));
    if (std::string why = durationProblem(*t); !why.empty()) return fail("--until: " + why);
    scenario->until_us = *t;
  }
  return scenario;
}

bool parseUnsigned(const std::string& name, const std::string& text, uint64_t& value, std::string& error) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    error = tr("%1 expects a non-negative integer, got '%2'")
                .arg(QString::fromStdString(name), QString::fromStdString(text))
                .toStdString();
    return false;
  }
  errno = 0;
  value = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE) {
    error = tr("%1 is too large: '%2'").arg(QString::fromStdString(name), QString::fromStdString(text)).toStdString();
    return false;
  }
  return true;
}

}  // namespace radeau::cli

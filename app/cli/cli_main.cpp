#include <QSaveFile>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "core/file_read.h"
#include "core/sanitize.h"
#include "core/version.h"

namespace radeau::cli {

namespace {
// The syntax of each command, as typed (not translated).
const char* kRunUsage =
    "radeau-cli run SCRIPT|--default [--seed N] [--until T] [--transcript] [--state-json FILE] [--check] [--check-availability] [--quiet]";
const char* kSoakUsage = "radeau-cli soak --runs N [--seed S] [--nodes K] [--concepts SPEC] [--reads] [--script] [--quiet]";
const char* kFindUsage =
    "radeau-cli find --concepts SPEC [--nodes N] [--finding KIND] [--strategy both|systematic|random] [--budget 30s|N] [--seed S] [-o FILE] [--quiet]";
const char* kChaptersUsage = "radeau-cli chapters";
const char* kRecordUsage = "radeau-cli record SCRIPT|--default -o FILE.radeau [--seed N] [--until T]";
const char* kInfoUsage = "radeau-cli info FILE.radeau";
const char* kStateUsage = "radeau-cli state FILE.radeau (--at T | --event N) [--branch B] [--json]";
const char* kExportUsage = "radeau-cli export FILE.radeau";
const char* kCheckUsage = "radeau-cli check FILE.radeau";
const char* kVerifyUsage = "radeau-cli verify FILE.radeau";
const char* kRenderUsage =
    "radeau-cli render FILE.radeau|SCRIPT --at T [--branch B] [--size WxH] [--title TEXT]\n"
    "                  [--theme light|dark] [--space-time SPAN] -o OUT.png|OUT.svg";

struct Command {
  const char* name;
  int (*run)(const Args&, std::ostream&, std::ostream&);
  const char* usage;
};

const Command kCommands[] = {
    {"run", run, kRunUsage},           {"soak", soak, kSoakUsage},       {"find", find, kFindUsage},       {"chapters", chapters, kChaptersUsage},
    {"record", record, kRecordUsage},  {"info", info, kInfoUsage},       {"state", state, kStateUsage},
    {"export", exportJournal, kExportUsage}, {"check", check, kCheckUsage}, {"verify", verify, kVerifyUsage},
    {"render", render, kRenderUsage},
};

const Command* findCommand(const std::string& name) {
  for (const Command& c : kCommands)
    if (name == c.name) return &c;
  return nullptr;
}

// What a command does and its options, in the installed language (one text
// a command, so the translator sees the columns whole).
QString commandHelp(const std::string& name) {
  if (name == "run")
    return tr("Simulates a scenario script (or the built-in default cluster) and prints\n"
              "each node's final state, the checker's findings and whether the outcome\n"
              "the script expects happened.\n"
              "\n"
              "  --default             the built-in default scenario instead of a SCRIPT\n"
              "  --seed N              the seed of every random draw (default: the script's)\n"
              "  --until T             simulate up to T, e.g. 10s (default: the script's)\n"
              "  --transcript          print every event of the journal\n"
              "  --state-json FILE     write the final state as JSON into FILE\n"
              "  --check               exit 1 when the checker finds a safety problem\n"
              "  --check-availability  exit 1 on any finding (writes never answered too)\n"
              "  --quiet               no summary\n");
  if (name == "soak")
    return tr("Runs many random schedules of crashes, cuts and writes, checks each run\n"
              "and prints how to reproduce every run that broke an invariant.\n"
              "\n"
              "  --runs N          how many runs (default 100)\n"
              "  --seed S          the seed of the first run; run i uses S+i (default 1)\n"
              "  --nodes K         nodes in the cluster, 1 to 9 (default 5)\n"
              "  --concepts SPEC   the rules, e.g. \"full -terms\" (default: full Raft)\n"
              "  --script          print each failing run as a scenario script\n"
              "  --reads           clients also read the keys just written (rung 15)\n");
  if (name == "find")
    return tr("Searches schedules of crashes, cuts and writes under the given rules\n"
              "until the checker finds a safety problem, then shrinks the failing schedule\n"
              "until removing or simplifying any single action makes the problem disappear,\n"
              "and writes it as a demonstration script that run and the window open.\n"
              "Two searches: random schedules as the soak's, and a systematic one that\n"
              "tries every small schedule of 3 nodes, 1 choice, then 2, up to 4: an action\n"
              "(write, forced timeout, crash, restart, cut, heal, or dropping a message in\n"
              "flight) just after one of the next messages is sent or a while later.\n"
              "Without client-sessions clients also resend their writes; without\n"
              "read-index they read the key just written, and a node can be isolated.\n"
              "Exit status: 1 when a failure is found, 0 when none within the budget.\n"
              "\n"
              "  --concepts SPEC   the rules, e.g. \"full -terms\" (default: full Raft)\n"
              "  --nodes N         nodes in the cluster, 1 to 9 (default 5; systematic: 3 at most)\n"
              "  --finding KIND    look for this finding only (default: any safety finding)\n"
              "  --strategy S      both (default: the small schedules of 1 and 2 choices, then\n"
              "                    8 deeper ones and a random one in turn), systematic or random\n"
              "  --budget B        30s: stop the search after that time (default);\n"
              "                    200: after that many schedules (same result every time)\n"
              "  --seed S          random: the seed of the first schedule, schedule i uses S+i;\n"
              "                    systematic: the seed of the election timers (default 1)\n"
              "  -o FILE           write the script into FILE (default: print it)\n"
              "  --quiet           no progress on the error stream\n");
  if (name == "chapters")
    return tr("Lists the chapters of the talk: what each one adds, its rules and its\n"
              "demonstration scripts, then what full Raft does without each rule.\n");
  if (name == "record")
    return tr("Simulates a scenario script and saves the run as a recording, which the\n"
              "window opens and the other commands read.\n"
              "\n"
              "  -o, --output FILE  the recording to write (.radeau)\n"
              "  --default          the built-in default scenario instead of a SCRIPT\n"
              "  --seed N           the seed of every random draw (default: the script's)\n"
              "  --until T          simulate up to T (default: the script's)\n");
  if (name == "info")
    return tr("Describes a recording: its cluster, rules, seed and timing, then each\n"
              "branch with its actions and findings.\n");
  if (name == "state")
    return tr("Prints every node's state, the messages in flight and the running timers\n"
              "at one instant of a recording.\n"
              "\n"
              "  --at T       the instant, as a time (e.g. 2.5s)\n"
              "  --event N    the instant just after event N\n"
              "  --branch B   the branch, by number or name (default 0, the first run)\n"
              "  --json       as JSON\n");
  if (name == "export")
    return tr("Writes a recording's journal as JSON: a header, then each branch with one\n"
              "event per line.\n");
  if (name == "check")
    return tr("Runs the invariant checker again over every branch of a recording; exits 1\n"
              "when it finds a safety problem.\n");
  if (name == "verify")
    return tr("Simulates a recording's inputs again and compares the journal with the\n"
              "stored one, byte for byte; exits 1 when they differ.\n");
  if (name == "render")
    return tr("Draws one instant of a recording or of a scenario script as a slide, with\n"
              "the window's own drawing code; needs no display.\n"
              "\n"
              "  --at T              the instant (e.g. 2.5s)\n"
              "  -o, --output OUT    the image to write: .png or .svg\n"
              "  --branch B          the branch, by number or name (default 0)\n"
              "  --size WxH          the image's size in pixels (default 1920x1080)\n"
              "  --title TEXT        the title (default: the script's or the file's name)\n"
              "  --theme light|dark  the colours (default light)\n"
              "  --space-time SPAN   the space-time diagram of the SPAN before --at\n"
              "  --default, --seed N, --until T   as for run, with a script\n");
  return {};
}

// The notes shared by every help: option syntax, times, exit codes, language.
QString commonNotes() {
  return tr("Options take their value after a space or after '=' (--seed=7).\n"
            "Times take us, ms or s (e.g. 1.5s). Exit status: 0 success, 1 the checker or a\n"
            "verification found something, 2 usage or input error.\n"
            "--lang en|fr: help and messages in English or French (default: the\n"
            "environment's language, from LANGUAGE, LC_ALL, LC_MESSAGES or LANG).\n");
}

// (QString, not std::string: lupdate would take "std" for the context.)
QString usageText() {
  QString text = QStringLiteral("radeau-cli: ") + tr("run and inspect Radeau Raft simulations") + QStringLiteral("\n\n") +
                 tr("usage:") + QStringLiteral("\n");
  for (const Command& c : kCommands) text += QStringLiteral("  ") + QString::fromUtf8(c.usage) + QStringLiteral("\n");
  text += QStringLiteral("  radeau-cli COMMAND --help\n  radeau-cli --help | --version\n\n");
  return text + commonNotes();
}

QString usageTextOf(const Command& c) {
  return tr("usage:") + QStringLiteral(" ") + QString::fromUtf8(c.usage) + QStringLiteral("\n\n") + commandHelp(c.name) +
         QStringLiteral("\n") + commonNotes();
}

std::string usage() { return usageText().toStdString(); }
std::string usageOf(const Command& c) { return usageTextOf(c).toStdString(); }

bool isHelp(const std::string& a) { return a == "--help" || a == "-h"; }

// `--lang LANG` (or --lang=LANG) before the command: main has chosen the language already.
Args withoutLeadingLang(const Args& args) {
  size_t i = 0;
  while (i < args.size()) {
    if (args[i] == "--lang") i += 2;
    else if (args[i].rfind("--lang=", 0) == 0) i += 1;
    else break;
  }
  return Args(args.begin() + std::ptrdiff_t(std::min(i, args.size())), args.end());
}
}  // namespace

bool readFile(const std::string& path, std::string& content, std::string& error) {
  return readBoundedFile(path, content, error);  // regular files only, size bounded (core/limits.h)
}

bool writeFileAtomic(const std::string& path, const std::string& content, std::string& error) {
  // QSaveFile, as the recording writer and the window: the old file stays whole until the new one is.
  QSaveFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::WriteOnly) || file.write(content.data(), qint64(content.size())) != qint64(content.size()) ||
      !file.commit()) {
    error = "cannot write " + path + ": " + file.errorString().toStdString();
    file.cancelWriting();
    return false;
  }
  return true;
}

std::string commandOf(const Args& args) {
  const Args a = withoutLeadingLang(args);
  return a.empty() ? std::string() : a[0];
}

int main(const Args& all_args, std::ostream& out, std::ostream& err) {
  const Args args = withoutLeadingLang(all_args);
  if (args.empty()) {
    err << usage();
    return 2;
  }
  const std::string& cmd = args[0];
  Args rest(args.begin() + 1, args.end());
  if (isHelp(cmd) || cmd == "help") {
    // `radeau-cli help run` is `radeau-cli run --help`.
    const Command* c = cmd == "help" && !rest.empty() ? findCommand(rest[0]) : nullptr;
    out << (c ? usageOf(*c) : usage());
    return 0;
  }
  if (cmd == "--version" || cmd == "-v" || cmd == "version") {
    out << "radeau-cli " << radeau::version() << "\n";
    return 0;
  }
  if (const Command* c = findCommand(cmd)) {
    // `radeau-cli COMMAND --help`: options before a "--" only (after it, "--help" is a file name).
    for (const std::string& a : rest) {
      if (a == "--") break;
      if (isHelp(a)) {
        out << usageOf(*c);
        return 0;
      }
    }
    return c->run(rest, out, err);
  }
  err << "radeau-cli: " << tr("unknown command '%1'").arg(QString::fromStdString(sanitizeText(cmd, 60))).toStdString()
      << "\n\n"
      << usage();
  return 2;
}

}  // namespace radeau::cli

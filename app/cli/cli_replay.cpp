// Recording commands: record, info, state, export, check, verify.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <ostream>

#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "core/format.h"
#include "core/recorder.h"
#include "core/sanitize.h"
#include "core/script.h"
#include "core/state_json.h"
#include "replay/branch_lookup.h"
#include "replay/recording_file.h"
#include "replay/run.h"

namespace radeau::cli {

namespace {

int usage(const char* cmd, const std::string& msg, std::ostream& err) {
  err << "radeau-cli " << cmd << ": " << msg << "\n";
  return 2;
}

// Loads FILE (the single positional argument) or explains why not.
std::optional<Recording> loadOne(const char* cmd, const ParsedArgs& p, std::ostream& err) {
  if (p.positional.size() != 1) {
    usage(cmd, (p.positional.empty() ? tr("expected a recording FILE") : tr("expected one recording FILE")).toStdString(), err);
    return std::nullopt;
  }
  std::string error;
  auto rec = loadRecordingFile(QString::fromStdString(p.positional[0]), error);
  if (!rec) err << "radeau-cli " << cmd << ": " << error << "\n";
  return rec;
}

}  // namespace

int record(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {"-o", "--output", "--seed", "--until"}, {"--default"}, p, error)) return usage("record", error, err);
  std::optional<std::string> path = p.get("-o");
  if (!path) path = p.get("--output");
  if (!path) return usage("record", tr("expected -o FILE.radeau").toStdString(), err);
  auto scenario = scenarioFromArgs("record", p, err);
  if (!scenario) return 2;
  qint64 bytes = 0;
  auto run = recordScenario(scenario->config, scenario->actions, scenario->until_us, QString::fromStdString(*path), error,
                            &bytes);
  if (!run) {
    err << "radeau-cli record: " << error << "\n";
    return 2;
  }
  const Journal& j = run->journal(0);
  out << "recorded " << j.size() << " events up to " << formatTime(run->endTime(0)) << " (seed "
      << scenario->config.seed << ") to " << *path << ": " << bytes << " bytes, "
      << (j.size() ? double(bytes) / double(j.size()) : 0.0) << " bytes/event\n";
  return 0;
}

int info(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {}, {}, p, error)) return usage("info", error, err);
  auto rec = loadOne("info", p, err);
  if (!rec) return 2;
  const ClusterConfig& c = rec->config;
  out << "Radeau recording, format " << rec->format << ", written by Radeau " << sanitizeText(rec->app_version) << "\n";
  out << "cluster: " << c.nodeCount() << " nodes (";
  for (size_t i = 0; i < c.names.size(); ++i) out << (i ? ", " : "") << sanitizeText(c.names[i]);
  out << ")\n";
  out << "concepts: " << describeConcepts(c.concepts) << "\n";
  out << "seed: " << c.seed << "\n";
  out << "timing: election " << formatDuration(c.timing.election_min_us) << ".." << formatDuration(c.timing.election_max_us)
      << ", heartbeat " << formatDuration(c.timing.heartbeat_us) << ", latency "
      << formatDuration(c.timing.latency_min_us) << ".." << formatDuration(c.timing.latency_max_us) << "\n";
  out << "network: loss " << c.network.loss << ", duplicate " << c.network.duplicate << "\n";
  out << "inputs: " << rec->inputs.size() << " scheduled actions, until " << formatTime(rec->until_us) << "\n";
  out << "branches: " << rec->branches.size() << "\n";
  for (size_t i = 0; i < rec->branches.size(); ++i) {
    const Branch& b = rec->branches[i];
    const Journal& j = rec->journals[i];
    size_t findings = 0, safety = 0;
    for (const Event& e : j.events())
      if (e.kind == EventKind::Finding) {
        ++findings;
        safety += isSafetyFinding(e.findingKind());
      }
    out << "  " << i << " \"" << sanitizeText(b.name) << "\": ";
    if (b.parent >= 0)
      out << "forked from " << b.parent << " \"" << sanitizeText(rec->branches[size_t(b.parent)].name) << "\" at "
          << formatTime(b.fork_time_us) << " (event " << b.fork_seq << "), ";
    out << j.size() << " events (" << (j.size() - (b.parent >= 0 ? b.fork_seq : 0)) << " its own), up to "
        << formatTime(b.end_us) << ", " << b.actions.size() << " actions, " << findings << " findings (" << safety
        << " safety)\n";
    for (const Action& a : b.actions) out << "      " << sanitizeText(formatAction(a, c.names)) << "\n";
  }
  return 0;
}

int state(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {"--at", "--event", "--branch"}, {"--json"}, p, error)) return usage("state", error, err);
  if (p.has("--at") == p.has("--event")) return usage("state", tr("give exactly one of --at T or --event N").toStdString(), err);
  std::optional<Time> at;
  uint64_t event = 0;
  if (auto t = p.get("--at")) {
    at = parseDuration(*t);
    if (!at)
      return usage("state", malformedDuration("--at", *t), err);
  } else if (!parseUnsigned("--event", *p.get("--event"), event, error)) {
    return usage("state", error, err);
  }
  auto rec = loadOne("state", p, err);
  if (!rec) return 2;
  int branch = 0;
  if (auto b = p.get("--branch")) {
    const std::vector<std::string> names = branchNames(rec->branches);
    auto id = findBranch(names, *b);
    if (!id) return usage("state", "no branch '" + *b + "' (branches: " + branchesList(names) + ")", err);
    branch = *id;
  }
  auto run = runFromRecording(std::move(*rec));
  const Journal& j = run->journal(branch);
  const Projection& proj = run->projection(branch);
  ClusterState s;
  if (at) {
    s = proj.stateAt(*at);
  } else {
    if (event >= j.size())
      return usage("state", "--event " + std::to_string(event) + " is past the branch's last event (" +
                                std::to_string(j.size() ? j.size() - 1 : 0) + ")", err);
    s = proj.stateAfter(Seq(event + 1));
  }
  const ClusterConfig& c = run->config();
  if (p.has("--json")) {
    out << stateToJson(c, j, s, true);
    return 0;
  }
  EventFormatter fmt(c, j);
  out << "branch " << branch << " \"" << sanitizeText(run->branch(branch).name) << "\" at " << formatTime(s.now_us) << ", after "
      << s.applied << " events\n";
  for (int i = 0; i < s.node_count; ++i) {
    const NodeState& n = s.nodes[size_t(i)];
    out << "  " << sanitizeText(c.names[size_t(i)]) << ": " << (n.alive ? roleName(n.role) : "down") << ", term " << n.term
        << ", voted " << fmt.name(n.voted_for) << ", log " << n.log.size() << ", commit " << n.commit << "\n";
  }
  out << "messages in flight: " << s.in_flight.size() << "\n";
  for (const InFlight& m : s.in_flight)
    out << "  #" << m.sent << " " << fmt.name(m.from) << " → " << fmt.name(m.to) << ": " << fmt.message(j[m.sent])
        << " (sent " << formatTime(m.sent_us) << ", arrives " << formatTime(m.deliver_us) << ")\n";
  out << "timers:\n";
  for (int i = 0; i < s.node_count; ++i)
    for (TimerKind k : {TimerKind::Election, TimerKind::Heartbeat}) {
      const TimerState& t = s.nodes[size_t(i)].timer(k);
      if (t.running())
        out << "  " << sanitizeText(c.names[size_t(i)]) << " " << timerName(k) << ": " << formatTime(t.start_us) << " → "
            << formatTime(t.deadline_us) << "\n";
    }
  if (s.findings.empty()) out << "checker: no finding\n";
  for (Seq f : s.findings) out << "checker: " << formatTime(j[f].time_us) << " " << fmt.finding(j[f]) << "\n";
  return 0;
}

namespace {
// One JSON value as compact text, escaped by Qt's own writer.
std::string jsonText(const QJsonValue& v) {
  const QJsonDocument doc = v.isObject() ? QJsonDocument(v.toObject()) : QJsonDocument(v.toArray());
  return doc.toJson(QJsonDocument::Compact).toStdString();
}
QString qs(const std::string& s) { return QString::fromStdString(s); }
QJsonArray actionLines(const std::vector<Action>& actions, const std::vector<std::string>& names) {
  QJsonArray a;
  for (const Action& x : actions) a.append(qs(formatAction(x, names)));
  return a;
}
}  // namespace

// JSON (the only format, so the default; --json kept for old command lines):
// one key style (snake_case, units last), values escaped by QJsonDocument, and
// streamed a branch header and one event per line, so a million-event
// recording is never a million objects in memory (and diffs line by line).
int exportJournal(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {}, {"--json"}, p, error)) return usage("export", error, err);
  auto rec = loadOne("export", p, err);
  if (!rec) return 2;
  const ClusterConfig& c = rec->config;
  QJsonArray nodes;
  for (const std::string& n : c.names) nodes.append(qs(n));
  QJsonObject head{{"format", qint64(rec->format)},
                   {"app", qs(rec->app_version)},
                   {"nodes", nodes},
                   {"concepts", qs(describeConcepts(c.concepts))},
                   {"seed", qint64(c.seed)},
                   {"until_us", qint64(rec->until_us)},
                   {"inputs", actionLines(rec->inputs, c.names)}};
  // The document's head without its closing brace, then "branches".
  std::string text = jsonText(head);
  text.pop_back();
  out << text << ",\n\"branches\": [";
  for (size_t bi = 0; bi < rec->branches.size(); ++bi) {
    const Branch& b = rec->branches[bi];
    const Journal& j = rec->journals[bi];
    EventFormatter fmt(c, j);
    QJsonObject branch{{"id", qint64(bi)},
                       {"name", qs(b.name)},
                       {"parent", b.parent},
                       {"fork_seq", qint64(b.fork_seq)},
                       {"fork_time_us", qint64(b.fork_time_us)},
                       {"end_us", qint64(b.end_us)},
                       {"actions", actionLines(b.actions, c.names)}};
    text = jsonText(branch);
    text.pop_back();
    out << (bi ? ",\n" : "\n") << text << ",\n \"events\": [";
    const Seq from = b.parent >= 0 ? b.fork_seq : 0;
    for (Seq s = from; s < j.size(); ++s) {
      const Event& e = j[s];
      const QJsonObject event{{"seq", qint64(s)},
                              {"time_us", qint64(e.time_us)},
                              {"kind", QString::fromLatin1(eventKindName(e.kind))},
                              {"text", qs(fmt.text(e))}};
      out << (s > from ? ",\n  " : "\n  ") << jsonText(event);
    }
    out << "\n ]}";
  }
  out << "\n]}\n";
  return 0;
}

int check(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {}, {}, p, error)) return usage("check", error, err);
  auto rec = loadOne("check", p, err);
  if (!rec) return 2;
  size_t safety_total = 0;
  for (size_t bi = 0; bi < rec->branches.size(); ++bi) {
    const Journal& j = rec->journals[bi];
    EventFormatter fmt(rec->config, j);
    std::vector<Event> found = Recorder::check(rec->config, j);
    size_t recorded = 0, safety = 0;
    for (const Event& e : j.events()) recorded += e.kind == EventKind::Finding;
    for (const Event& f : found) safety += isSafetyFinding(f.findingKind());
    safety_total += safety;
    out << "branch " << bi << " \"" << sanitizeText(rec->branches[bi].name) << "\": " << j.size() << " events, " << found.size()
        << " findings (" << safety << " safety)\n";
    for (const Event& f : found)
      out << "  " << (isSafetyFinding(f.findingKind()) ? "SAFETY " : "       ") << formatTime(f.time_us) << " "
          << findingKindName(f.findingKind()) << ": " << fmt.finding(f) << "\n";
    // The run's end (writes never answered) is the checker's, not the journal's.
    size_t during = 0;
    for (const Event& f : found) during += f.findingKind() != FindingKind::WriteNeverAcked;
    if (during != recorded)
      out << "  note: the recording holds " << recorded << " findings, the checker now finds " << during
          << " before the end\n";
  }
  if (safety_total) {
    err << "radeau-cli check: " << safety_total << " safety finding(s) (seed " << rec->config.seed << ")\n";
    return 1;
  }
  out << "no safety finding\n";
  return 0;
}

int verify(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {}, {}, p, error)) return usage("verify", error, err);
  auto rec = loadOne("verify", p, err);
  if (!rec) return 2;
  std::unique_ptr<Run> again;
  try {
    again = std::make_unique<Run>(rec->config, rec->inputs, rec->until_us, rec->branches);
  } catch (const std::exception& e) {
    err << "radeau-cli verify: cannot re-simulate: " << e.what() << "\n";
    return 2;
  }
  bool all = true;
  for (size_t bi = 0; bi < rec->branches.size(); ++bi) {
    const Journal& stored = rec->journals[bi];
    const Journal& now = again->journal(int(bi));
    out << "branch " << bi << " \"" << sanitizeText(rec->branches[bi].name) << "\": ";
    if (stored.sameCanonicalBytes(now)) {
      out << "identical (" << stored.size() << " events)\n";
      continue;
    }
    all = false;
    Seq i = 0;
    while (i < stored.size() && i < now.size() && stored[i] == now[i]) ++i;
    EventFormatter fs(rec->config, stored), fn(rec->config, now);
    out << "DIFFERS";
    if (i < stored.size() || i < now.size()) {
      out << " from event #" << i << "\n";
      out << "    recorded: " << (i < stored.size() ? fs.line(stored[i], i) : std::string("(end)")) << "\n";
      out << "    now:      " << (i < now.size() ? fn.line(now[i], i) : std::string("(end)")) << "\n";
    } else {
      out << " in the carried entries or write texts (" << stored.size() << " events)\n";
    }
  }
  if (!all) {
    err << "radeau-cli verify: the re-simulated journal differs from the recording (seed " << rec->config.seed
        << ")\n";
    return 1;
  }
  out << "the recording is reproduced byte for byte\n";
  return 0;
}

}  // namespace radeau::cli

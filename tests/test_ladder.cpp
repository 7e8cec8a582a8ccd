// The concept ladder (../shared/CHAPTERS.md, issue 3): every demonstration
// script under recordings/scenarios/ runs, meets all its `expect` lines, and
// the checker flags exactly the ❌ ones; then, independently of the
// expectation language, the key outcome of each demonstration is asserted in
// C++ on the journal and the state.
#include <QtTest>

#include <algorithm>
#include <bit>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "app/cli/cli.h"
#include "core/demonstrations.h"
#include "core/expect.h"
#include "core/finding_names.h"
#include "core/format.h"
#include "core/script.h"
#include "core/simulator.h"
#include "support/test_support.h"

using namespace radeau;

namespace {

constexpr std::string_view kExtension = ".radeau-script";

struct Run {
  Scenario scenario;
  Journal journal;
  ClusterState state;
  std::string error;  // parse error, empty when the script ran

  const ClusterConfig& config() const { return scenario.config; }
  NodeId id(std::string_view name) const {
    auto n = scenario.config.nodeByName(name);
    if (!n) qFatal("no node named %s", std::string(name).c_str());
    return *n;
  }
  // The state at time t (every event with time <= t folded).
  ClusterState at(Time t) const {
    Seq end = 0;
    while (end < journal.size() && journal[end].time_us <= t) ++end;
    return fold(scenario.config, journal, end);
  }
  bool holds(const NodeState& x, std::string_view text) const {
    for (const Entry& e : x.log)
      if (isClientWrite(e.write) && e.write < journal.writes().size() && journal.writes()[e.write].text == text)
        return true;
    return false;
  }
  bool heldAnywhere(const ClusterState& s, std::string_view text) const {
    for (int i = 0; i < s.node_count; ++i)
      if (holds(s.nodes[i], text)) return true;
    return false;
  }
  std::vector<Event> findings(std::optional<FindingKind> kind = std::nullopt) const {
    std::vector<Event> out;
    for (Seq f : state.findings)
      if (!kind || journal[f].findingKind() == *kind) out.push_back(journal[f]);
    return out;
  }
  uint32_t writeId(std::string_view text) const {
    for (uint32_t w = 1; w < journal.writes().size(); ++w)
      if (journal.writes()[w].text == text) return w;
    return 0;
  }
  // Seqs of the MessageSent events of one type.
  std::vector<Seq> sent(MsgType t) const {
    std::vector<Seq> out;
    for (Seq i = 0; i < journal.size(); ++i)
      if (journal[i].kind == EventKind::MessageSent && journal[i].msgType() == t &&
          !(journal[i].flags & kFlagDuplicate))
        out.push_back(i);
    return out;
  }
  int leaders(const ClusterState& s) const {
    int c = 0;
    for (int i = 0; i < s.node_count; ++i) c += s.nodes[i].alive && s.nodes[i].role == Role::Leader;
    return c;
  }
  bool isLeader(const ClusterState& s, std::string_view name) const {
    const NodeState& x = s.nodes[id(name)];
    return x.alive && x.role == Role::Leader;
  }
  // Times at which `name` became leader.
  std::vector<Time> electedAt(std::string_view name) const {
    std::vector<Time> out;
    for (Seq i = 0; i < journal.size(); ++i)
      if (journal[i].kind == EventKind::RoleChanged && journal[i].node == id(name) &&
          journal[i].role() == Role::Leader)
        out.push_back(journal[i].time_us);
    return out;
  }
};

std::string scenarioPath(std::string_view file) {
  return std::string(kScenarioFolder) + "/" + std::string(file);
}

Run runScript(std::string_view file) {
  Run r;
  std::string text = test::readSourceFile(scenarioPath(file));
  if (text.empty()) {
    r.error = "missing or empty script " + scenarioPath(file);
    return r;
  }
  ScriptError err;
  auto sc = parseScenario(text, file, err);
  if (!sc) {
    r.error = err.toString();
    return r;
  }
  r.scenario = std::move(*sc);
  Simulator sim(r.scenario.config);
  sim.schedule(r.scenario.actions);
  sim.runUntil(r.scenario.until_us);
  sim.finish();
  r.journal = sim.journal();
  r.state = sim.state();
  return r;
}

// One run per script, shared by the tests below.
const Run& run(std::string_view file) {
  static std::map<std::string, Run, std::less<>> cache;
  auto it = cache.find(file);
  if (it == cache.end()) it = cache.emplace(std::string(file), runScript(file)).first;
  return it->second;
}

// The `# outcome: ...` header line of a script.
std::string outcomeHeader(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# outcome:", 0) == 0) {
      std::string v = line.substr(10);
      v.erase(0, v.find_first_not_of(' '));
      v.erase(v.find_last_not_of(" \r") + 1);
      return v;
    }
    if (!line.empty() && line[0] != '#') break;
  }
  return {};
}

std::set<std::string> folderScripts(std::vector<std::string>& strays) {
  std::set<std::string> files;
  std::filesystem::path dir = std::filesystem::path(RADEAU_SOURCE_DIR) / std::string(kScenarioFolder);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.size() > kExtension.size() && name.ends_with(kExtension)) files.insert(name);
    else if (name != "README.md") strays.push_back(name);
  }
  return files;
}

const Demonstration* findDemo(std::string_view file) {
  for (const Demonstration& d : demonstrations())
    if (d.file == file) return &d;
  return nullptr;
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

#define RUN(var, file)                                                  \
  const Run& var = run(file);                                           \
  QVERIFY2(var.error.empty(), var.error.c_str())

}  // namespace

class TestLadder : public QObject {
  Q_OBJECT

 private slots:
  // --- the folder, the table, the scripts ---------------------------------
  void folderMatchesTable();
  void everyRungHasItsDemonstrations();
  void everyScript_data();
  void everyScript();
  void scriptsAreDeterministic();
  void cliListsAndRunsDemonstrations();
  void expectationLanguage();

  // --- the key outcome of each demonstration, asserted in C++ -------------
  void oneNodePersistence();
  void everyoneLeaderTwoLeadersAndLogsDifferAtIndex1();
  void writeOnFollowerAbsentFromLeaderThenLost();
  void forwardedWritePresentOnEveryLiveNode();
  void leaderDownNoWriteSucceeds();
  void leaderTimeoutTwoLeadersAndDivergence();
  void exactlyOneLeaderOnTheMajoritySide();
  void isolatedFollowerLeadsAloneThenOnlyStands();
  void laggingNodeElectedAndEarlierWriteLost();
  void laggingNodeVoteRefused();
  void reconnectedOldLeaderTwoLeadersThenStepsDown();
  void staleLogRequestAcceptedThenIgnored();
  void staleLogWinsOnlyWhileTheNewLeaderIsAway();
  void unsharedEntriesDeleted();
  void entriesPerLogRequestBeforeAndAfterIncrementalReplication();
  void figure8();
  void returningNodeDeposesLeaderUntilPreVote();
  void deposedLeaderServesStaleReadsUntilReadIndex();
  void cutLeaderTakesWritesUntilCheckQuorum();
  void resentWriteAppliedTwiceUntilClientSessions();
  void duplicatedForwardAppliedTwiceUntilClientSessions();
  void sessionTableTravelsInTheSnapshot();
  void twoConfigurationsTwoLeadersUntilOneAtATime();
  void oldLeaderOverwritesCommittedEntryUntilNoopFirst();
};

// ---------------------------------------------------------------------------

void TestLadder::folderMatchesTable() {
  std::vector<std::string> strays;
  std::set<std::string> files = folderScripts(strays);
  if (!strays.empty())
    QFAIL(("unexpected file in recordings/scenarios (scripts end in .radeau-script): " + strays.front()).c_str());
  std::set<std::string> table;
  for (const Demonstration& d : demonstrations()) {
    QVERIFY2(table.insert(std::string(d.file)).second, ("listed twice: " + std::string(d.file)).c_str());
    QVERIFY2(files.count(std::string(d.file)), ("missing script " + scenarioPath(d.file)).c_str());
    // The file name starts with its rung, two digits.
    char prefix[3];
    std::snprintf(prefix, sizeof prefix, "%02d", d.chapter);
    QVERIFY2(d.file.substr(0, 2) == prefix, std::string(d.file).c_str());
    // The script's own header says the same outcome.
    std::string text = test::readSourceFile(scenarioPath(d.file));
    QCOMPARE(qs(outcomeHeader(text)), qs(std::string(outcomeName(d.outcome))));
  }
  for (const std::string& f : files)
    QVERIFY2(table.count(f), ("script not listed in core/demonstrations.cpp: " + f).c_str());
}

void TestLadder::everyRungHasItsDemonstrations() {
  // Every rung of CHAPTERS.md.
  for (const Chapter& ch : chapters()) {
    int works = 0, fails = 0;
    for (const Demonstration& d : demonstrations())
      if (d.chapter == ch.number) (d.outcome == Outcome::Fails ? fails : works)++;
    QVERIFY2(works + fails > 0, ("no demonstration for rung " + std::to_string(ch.number)).c_str());
    // Every rung from 3 on shows its concept working. Every rung shows
    // something failing but 8 (its failure is 07b, the rung before), 10 and
    // 12 (costs, not failures).
    if (ch.number >= 3) QVERIFY2(works > 0, std::to_string(ch.number).c_str());
    QVERIFY2((fails > 0) == (ch.number != 8 && ch.number != 10 && ch.number != 12), std::to_string(ch.number).c_str());
  }
  QCOMPARE(int(chapters().size()), 16);
}

void TestLadder::everyScript_data() {
  QTest::addColumn<QString>("file");
  std::vector<std::string> strays;
  std::set<std::string> files = folderScripts(strays);
  for (const Demonstration& d : demonstrations()) files.insert(std::string(d.file));
  for (const std::string& f : files) QTest::newRow(f.c_str()) << qs(f);
}

void TestLadder::everyScript() {
  QFETCH(QString, file);
  const std::string f = file.toStdString();
  const Demonstration* demo = findDemo(f);
  QVERIFY2(demo, ("not in the demonstrations table: " + f).c_str());
  RUN(r, f);
  QVERIFY2(!r.scenario.title.empty(), "a demonstration has a title");
  QVERIFY2(!r.scenario.expectations.empty(), "a demonstration states its outcome with expect lines");

  // All expectations met.
  auto results = checkExpectations(r.scenario.expectations, r.config(), r.journal, r.state);
  std::string unmet;
  for (const auto& e : results)
    if (!e.met) unmet += "\n  expect " + e.text + " — " + e.detail;
  QVERIFY2(unmet.empty(), ("seed " + std::to_string(r.config().seed) + ":" + unmet).c_str());

  // The checker flags exactly the ❌ demonstrations, and the script names the
  // finding the audience should see.
  EventFormatter fmt(r.config().names, r.journal);
  std::string found;
  for (const Event& e : r.findings()) found += "\n  " + fmt.finding(e);
  bool names_finding = false, says_none = false;
  for (const std::string& e : r.scenario.expectations) {
    names_finding |= e.rfind("finding ", 0) == 0;
    says_none |= e == "no-finding";
  }
  if (demo->outcome == Outcome::Fails) {
    QVERIFY2(!r.findings().empty(), "a ❌ demonstration must make the checker flag something");
    QVERIFY2(names_finding, "a ❌ demonstration names its finding (expect finding KIND ...)");
  } else if (demo->outcome == Outcome::Leaves) {
    // ✅ for its rung, with a problem a later rung solves: flagged, named, and
    // nothing else (every finding is of a kind its expect lines name).
    QVERIFY2(!r.findings().empty() && names_finding, "a 'leaves' demonstration names the finding it leaves");
    std::set<FindingKind> named;
    for (const std::string& e : r.scenario.expectations)
      if (e.rfind("finding ", 0) == 0)
        if (auto k = findingKindFromName(e.substr(8, e.find(' ', 8) - 8))) named.insert(*k);
    for (const Event& e : r.findings())
      QVERIFY2(named.count(e.findingKind()), ("a finding the script does not leave to a later rung:" + found).c_str());
  } else {
    // A ✅ may show an availability finding (a write failing safely, 05c),
    // never a safety one, and says which it expects.
    bool safety = false;
    for (const Event& e : r.findings()) safety |= isSafetyFinding(e.findingKind());
    const bool says_safe = std::find(r.scenario.expectations.begin(), r.scenario.expectations.end(),
                                     "no-safety-finding") != r.scenario.expectations.end();
    QVERIFY2(!safety && (r.findings().empty() || says_safe),
             ("a ✅ demonstration must leave the checker silent on safety:" + found).c_str());
    QVERIFY2(says_none || says_safe, "a ✅ demonstration says so (expect no-finding or no-safety-finding)");
  }
  // It runs its rung's preset (with +/- for the "before" of the rung).
  QVERIFY(conceptsProblem(r.config().concepts).empty());
  const std::string text = test::readSourceFile(scenarioPath(f));
  const std::string preset = "\nconcepts chapter " + std::to_string(demo->chapter);
  const size_t at = text.find(preset);
  QVERIFY2(at != std::string::npos && (text[at + preset.size()] == ' ' || text[at + preset.size()] == '\n'),
           ("expected a line 'concepts chapter " + std::to_string(demo->chapter) + " ...'").c_str());
}

void TestLadder::scriptsAreDeterministic() {
  for (const Demonstration& d : demonstrations()) {
    const Run& a = run(d.file);
    QVERIFY2(a.error.empty(), a.error.c_str());
    Run b = runScript(d.file);
    QVERIFY2(a.journal.canonicalBytes() == b.journal.canonicalBytes(), std::string(d.file).c_str());
  }
}

void TestLadder::cliListsAndRunsDemonstrations() {
  std::ostringstream out, err;
  QCOMPARE(cli::main({"chapters"}, out, err), 0);
  const std::string listing = out.str();
  for (const Demonstration& d : demonstrations()) {
    QVERIFY2(listing.find(std::string(d.file)) != std::string::npos, std::string(d.file).c_str());
    QVERIFY(listing.find(std::string(d.summary)) != std::string::npos);
  }
  for (const FlagMutation& m : flagMutations())
    QVERIFY(listing.find(std::string(m.spec)) != std::string::npos);
  // `run` says at the end whether the demonstrated outcome happened, for a ❌
  // script too (the failure is the outcome).
  std::ostringstream out2, err2;
  std::string path = std::string(RADEAU_SOURCE_DIR) + "/" + scenarioPath("05b-candidate-lagging-node-elected.radeau-script");
  QCOMPARE(cli::main({"run", path}, out2, err2), 0);
  QVERIFY(out2.str().ends_with("the demonstrated outcome happened\n"));
  QVERIFY(out2.str().find("outcome ✓ finding acked-write-lost \"A\"") != std::string::npos);
}

void TestLadder::expectationLanguage() {
  RUN(r, "03b-write-on-follower-lost.radeau-script");
  auto check = [&](const std::string& e) {
    return checkExpectations({e}, r.config(), r.journal, r.state).front();
  };
  QVERIFY(check("at 1s holds Jean-Pierre \"X\"").met);
  QVERIFY(!check("holds Jean-Pierre \"X\"").met);
  QVERIFY(check("leaders-at 1s 1").met);
  QVERIFY(!check("leaders 2").met);
  QCOMPARE(qs(check("leaders 2").detail), QString("1 leader: Michel"));
  QVERIFY(check("no-finding two-leaders").met);
  QVERIFY(!check("no-finding").met);
  QVERIFY(check("after 1s entries-per-logrequest min 1").met);
  QVERIFY(check("before 900ms entries-per-logrequest max 1").met);
  // Errors are unmet, with the reason.
  for (const char* bad : {"frobnicate 3", "leader Bob", "leaders", "after 1s leaders 1", "holds Michel X",
                          "finding two-leader", "at soon leaders 1", "logs-differ-at 0",
                          "entries-per-logrequest"}) {
    auto res = check(bad);
    QVERIFY2(!res.met, bad);
    QVERIFY2(res.detail.rfind("cannot check: ", 0) == 0, (std::string(bad) + " → " + res.detail).c_str());
  }
}

// ---------------------------------------------------------------------------
// Rung 1

void TestLadder::oneNodePersistence() {
  RUN(lost, "01b-one-node-no-persistence-log-lost.radeau-script");
  QVERIFY(lost.holds(lost.at(900'000).nodes[0], "A"));
  QVERIFY(lost.state.nodes[0].log.empty());
  QCOMPARE(int(lost.findings(FindingKind::AckedWriteLost).size()), 1);
  RUN(kept, "01c-one-node-persistence-log-back.radeau-script");
  QVERIFY(kept.holds(kept.state.nodes[0], "A"));
  RUN(down, "01d-one-node-down-write-fails.radeau-script");
  auto failed = down.findings(FindingKind::WriteFailed);
  QCOMPARE(int(failed.size()), 1);
  QCOMPARE(failed[0].write(), down.writeId("B"));
}

// Rung 2: two (three) leaders at once; logs different at index 1.
void TestLadder::everyoneLeaderTwoLeadersAndLogsDifferAtIndex1() {
  RUN(r, "02a-everyone-leader-no-synchronisation.radeau-script");
  QCOMPARE(r.leaders(r.at(0)), 3);
  QVERIFY(!r.findings(FindingKind::TwoLeaders).empty());
  const auto& m = r.state.nodes[r.id("Michel")].log;
  const auto& jp = r.state.nodes[r.id("Jean-Pierre")].log;
  QVERIFY(!m.empty() && !jp.empty());
  QVERIFY(!(m[0] == jp[0]));
  auto div = r.findings(FindingKind::LogDivergence);
  QVERIFY(!div.empty());
  QCOMPARE(div[0].index(), 1u);
}

// Rung 3: the write on a follower is absent from the leader, then lost.
void TestLadder::writeOnFollowerAbsentFromLeaderThenLost() {
  RUN(r, "03b-write-on-follower-lost.radeau-script");
  ClusterState when = r.at(1'000'000);
  QVERIFY(r.holds(when.nodes[r.id("Jean-Pierre")], "X"));
  QVERIFY(!r.holds(when.nodes[r.id("Michel")], "X"));
  QVERIFY(r.isLeader(r.state, "Michel"));
  QVERIFY(!r.heldAnywhere(r.state, "X"));
  auto lost = r.findings(FindingKind::AckedWriteLost);
  QCOMPARE(int(lost.size()), 1);
  QCOMPARE(lost[0].write(), r.writeId("X"));
  QCOMPARE(lost[0].node, r.id("Jean-Pierre"));
}

// Rung 3 + forwarding: the write present on every live node.
void TestLadder::forwardedWritePresentOnEveryLiveNode() {
  for (auto [file, text] : {std::pair{"03c-forwarding-write-on-follower-replicated.radeau-script", "X"},
                            std::pair{"03d-forwarding-follower-down-still-works.radeau-script", "C"}}) {
    RUN(r, file);
    int live = 0;
    for (int i = 0; i < r.state.node_count; ++i) {
      if (!r.state.nodes[i].alive) continue;
      ++live;
      QVERIFY2(r.holds(r.state.nodes[i], text), file);
    }
    QVERIFY(live >= 2);
    QVERIFY(r.state.writes[r.writeId(text)] == WriteStatus::Acked);
  }
}

void TestLadder::leaderDownNoWriteSucceeds() {
  RUN(r, "03e-forwarding-leader-down-nothing-works.radeau-script");
  for (const char* w : {"B", "C"}) QVERIFY(r.state.writes[r.writeId(w)] == WriteStatus::Failed);
  QCOMPARE(r.leaders(r.state), 0);
}

// Rung 4: two leaders at once (after the cut); the logs diverge.
void TestLadder::leaderTimeoutTwoLeadersAndDivergence() {
  RUN(r, "04b-leader-timeout-cut-two-leaders.radeau-script");
  ClusterState cut = r.at(1'900'000);
  QVERIFY(r.isLeader(cut, "Michel") && r.isLeader(cut, "Jean-Pierre"));
  auto two = r.findings(FindingKind::TwoLeaders);
  QVERIFY(!two.empty());
  QCOMPARE(two[0].time_us, Time(2'000'000));  // flagged when they can talk again
  QCOMPARE(r.leaders(r.state), 2);
  RUN(d, "04c-leader-timeout-two-leaders-diverge.radeau-script");
  auto div = d.findings(FindingKind::LogDivergence);
  QVERIFY(!div.empty());
  QCOMPARE(div[0].index(), 1u);
  QVERIFY((std::set<NodeId>{div[0].node, div[0].peer}) == (std::set<NodeId>{d.id("Michel"), d.id("Jean-Pierre")}));
  RUN(ok, "04a-leader-timeout-leader-down-takeover.radeau-script");
  QCOMPARE(ok.leaders(ok.state), 1);
  QVERIFY(ok.isLeader(ok.state, "Jean-Pierre"));
}

// What `election` fixes (04d/05c): the same cut follower. Without it Sophie
// makes herself leader with no vote at all and diverges; with it she only
// stands, counts her own vote, never leads, and the write on her fails.
void TestLadder::isolatedFollowerLeadsAloneThenOnlyStands() {
  RUN(r, "04d-leader-timeout-cut-follower-leads-alone.radeau-script");
  bool sophie_led = false, any_vote = false;
  for (Seq i = 0; i < r.journal.size(); ++i) {
    const Event& e = r.journal[i];
    sophie_led |= e.kind == EventKind::RoleChanged && e.node == r.id("Sophie") && e.role() == Role::Leader;
    any_vote |= e.kind == EventKind::Voted || e.kind == EventKind::VoteCounted;
  }
  QVERIFY(sophie_led);
  QVERIFY(!any_vote);  // the cause: leader alone, nobody was asked
  QVERIFY(!r.findings(FindingKind::LogDivergence).empty());
  RUN(c, "05c-candidate-cut-follower-stays-candidate.radeau-script");
  int stood = 0;
  bool led = false, other_vote = false;
  for (Seq i = 0; i < c.journal.size(); ++i) {
    const Event& e = c.journal[i];
    if (e.kind == EventKind::RoleChanged && e.node == c.id("Sophie") && e.time_us > 1'000'000) {
      stood += e.role() == Role::Candidate;
      led |= e.role() == Role::Leader;
    }
    other_vote |= e.kind == EventKind::VoteCounted && e.node == c.id("Sophie") && e.peer != c.id("Sophie");
  }
  QVERIFY(stood >= 2);  // stands again and again
  QVERIFY(!led && !other_vote);
  QVERIFY(c.findings(FindingKind::LogDivergence).empty());
  QVERIFY(!c.findings(FindingKind::WriteFailed).empty());
}

// Rung 5: exactly one leader on the majority side (+ the isolated old one).
void TestLadder::exactlyOneLeaderOnTheMajoritySide() {
  RUN(r, "05a-candidate-cut-one-new-leader.radeau-script");
  int majority_leaders = 0;
  for (const char* n : {"Jean-Pierre", "Sophie"}) majority_leaders += r.isLeader(r.state, n);
  QCOMPARE(majority_leaders, 1);
  QVERIFY(r.isLeader(r.state, "Michel"));  // the isolated old leader
  // Elected by votes: Jean-Pierre counted Sophie's.
  bool counted = false;
  for (Seq i = 0; i < r.journal.size(); ++i) {
    const Event& e = r.journal[i];
    counted |= e.kind == EventKind::VoteCounted && e.node == r.id("Jean-Pierre") && e.peer == r.id("Sophie");
  }
  QVERIFY(counted);
  QVERIFY(r.holds(r.state.nodes[r.id("Sophie")], "B"));
  QVERIFY(!r.holds(r.state.nodes[r.id("Michel")], "B"));
}

// Rung 5: the lagging node elected and the earlier write lost.
void TestLadder::laggingNodeElectedAndEarlierWriteLost() {
  RUN(r, "05b-candidate-lagging-node-elected.radeau-script");
  ClusterState before = r.at(2'700'000);
  QVERIFY(r.holds(before.nodes[r.id("Jean-Pierre")], "A"));
  QVERIFY(!r.holds(before.nodes[r.id("Sophie")], "A"));
  auto elected = r.electedAt("Sophie");
  QVERIFY(!elected.empty());
  QVERIFY(elected.front() >= 2'900'000);  // after her forced timeout
  bool granted = false;
  for (Seq s : r.sent(MsgType::VoteResponse))
    granted |= r.journal[s].node == r.id("Jean-Pierre") && r.journal[s].peer == r.id("Sophie") && r.journal[s].granted();
  QVERIFY(granted);
  QVERIFY(!r.heldAnywhere(r.state, "A"));
  auto lost = r.findings(FindingKind::AckedWriteLost);
  QCOMPARE(int(lost.size()), 1);
  QCOMPARE(lost[0].write(), r.writeId("A"));
}

// Rung 6: the vote refused; the write survives.
void TestLadder::laggingNodeVoteRefused() {
  RUN(r, "06a-log-length-vote-lagging-node-refused.radeau-script");
  bool refused = false, granted = false;
  for (Seq s : r.sent(MsgType::VoteResponse)) {
    const Event& e = r.journal[s];
    if (e.node != r.id("Jean-Pierre") || e.peer != r.id("Sophie")) continue;
    (e.granted() ? granted : refused) = true;
  }
  QVERIFY(refused);
  QVERIFY(!granted);
  QVERIFY(r.electedAt("Sophie").empty());
  QVERIFY(!r.electedAt("Jean-Pierre").empty());
  for (int i = 0; i < r.state.node_count; ++i) QVERIFY(r.holds(r.state.nodes[i], "A"));
}

// Rungs 6 and 7: two leaders after reconnecting; with terms the old leader steps down.
void TestLadder::reconnectedOldLeaderTwoLeadersThenStepsDown() {
  RUN(two, "06b-log-length-vote-reconnect-two-leaders.radeau-script");
  QVERIFY(two.isLeader(two.state, "Michel") && two.isLeader(two.state, "Jean-Pierre"));
  QVERIFY(!two.findings(FindingKind::TwoLeaders).empty());
  // Both send logRequests after the reconnection.
  std::set<NodeId> senders;
  for (Seq s : two.sent(MsgType::LogRequest))
    if (two.journal[s].time_us > 2'600'000) senders.insert(two.journal[s].node);
  QVERIFY((senders == std::set<NodeId>{two.id("Michel"), two.id("Jean-Pierre")}));

  RUN(one, "07a-terms-reconnect-old-leader-steps-down.radeau-script");
  const NodeId michel = one.id("Michel");
  QVERIFY(one.at(2'400'000).nodes[michel].role == Role::Leader);
  bool stepped_down = false;
  for (Seq i = 0; i < one.journal.size(); ++i) {
    const Event& e = one.journal[i];
    if (e.kind == EventKind::RoleChanged && e.node == michel && e.role() == Role::Follower && e.time_us >= 2'500'000) {
      stepped_down = true;
      QCOMPARE(e.term, 2u);
      break;
    }
  }
  QVERIFY(stepped_down);
  QCOMPARE(one.leaders(one.state), 1);
  QVERIFY(one.findings().empty());
}

// Rungs 7 and 8: the stale logRequest accepted (its false log spreads), then ignored.
// 07b's crash is part of the story, not a rig: told on stage ("nobody will
// give "Y" back to Sophie"), and this is why. The same run with Jean-Pierre
// alive: Sophie still takes the stale log for a moment, but his next
// heartbeat gives "Y" back and nothing is lost.
void TestLadder::staleLogWinsOnlyWhileTheNewLeaderIsAway() {
  std::istringstream in(test::readSourceFile(scenarioPath("07b-terms-stale-logrequest-spreads-false-log.radeau-script")));
  std::string text, line;
  int removed = 0;
  while (std::getline(in, line)) {
    const bool jp_away = line.find("crash Jean-Pierre") != std::string::npos ||
                         line.find("restart Jean-Pierre") != std::string::npos;
    if (jp_away || line.rfind("expect", 0) == 0) {
      removed += jp_away;
      continue;
    }
    text += line + "\n";
  }
  QCOMPARE(removed, 2);
  ScriptError err;
  auto sc = parseScenario(text, "07b-with-jean-pierre", err);
  QVERIFY2(sc, err.toString().c_str());
  Simulator sim(sc->config);
  sim.schedule(sc->actions);
  sim.runUntil(sc->until_us);
  sim.finish();
  const NodeId sophie = 2;
  bool wiped = false;  // Sophie took the stale log at some point
  Journal j = sim.journal();
  for (Seq i = 0; i < j.size() && !wiped; ++i)
    wiped = j[i].kind == EventKind::LogTruncated && j[i].node == sophie && j[i].time_us >= 2'500'000;
  QVERIFY2(wiped, "with Jean-Pierre alive, Sophie still accepts Michel's stale logRequest");
  for (Seq i = 0; i < j.size(); ++i)
    QVERIFY2(!(j[i].kind == EventKind::Finding && j[i].findingKind() == FindingKind::AckedWriteLost),
             "with Jean-Pierre alive, \"Y\" must come back");
}

void TestLadder::staleLogRequestAcceptedThenIgnored() {
  for (bool rejection : {false, true}) {
    const char* file = rejection ? "08a-stale-term-rejection-new-log-stands.radeau-script"
                                 : "07b-terms-stale-logrequest-spreads-false-log.radeau-script";
    RUN(r, file);
    const NodeId sophie = r.id("Sophie"), michel = r.id("Michel");
    // Find the first logRequest of term 1 from Michel delivered to Sophie after
    // the reconnection, and her answer.
    Seq delivered = kNoSeq;
    for (Seq i = 0; i < r.journal.size() && delivered == kNoSeq; ++i) {
      const Event& e = r.journal[i];
      if (e.kind == EventKind::MessageDelivered && e.node == sophie && e.peer == michel && e.time_us >= 2'500'000 &&
          r.journal[e.ref].msgType() == MsgType::LogRequest && r.journal[e.ref].term == 1)
        delivered = i;
    }
    QVERIFY2(delivered != kNoSeq, file);
    QCOMPARE(r.at(r.journal[delivered].time_us - 1).nodes[sophie].term, 2u);
    Seq answer = kNoSeq;
    for (Seq i = delivered; i < r.journal.size() && answer == kNoSeq; ++i)
      if (r.journal[i].kind == EventKind::MessageSent && r.journal[i].node == sophie &&
          r.journal[i].msgType() == MsgType::LogResponse)
        answer = i;
    QVERIFY(answer != kNoSeq);
    QCOMPARE(r.journal[answer].success() != 0, !rejection);
    ClusterState after = r.at(r.journal[delivered].time_us);
    QCOMPARE(r.holds(after.nodes[sophie], "Y"), rejection);
    QCOMPARE(r.heldAnywhere(r.state, "Y"), rejection);
    QCOMPARE(r.findings(FindingKind::AckedWriteLost).empty(), rejection);
  }
}

// Rung 9: the unshared entries deleted (and, before, the longer log winning).
void TestLadder::unsharedEntriesDeleted() {
  RUN(before, "09a-entry-terms-before-longer-old-log-wins.radeau-script");
  QVERIFY(!before.electedAt("Michel").empty());
  QCOMPARE(before.state.nodes[before.id("Jean-Pierre")].log.size(), size_t(3));
  QVERIFY(!before.heldAnywhere(before.state, "Y"));

  RUN(r, "09c-entry-terms-unshared-entries-deleted.radeau-script");
  const NodeId michel = r.id("Michel");
  ClusterState cut = r.at(1'900'000);
  QCOMPARE(cut.nodes[michel].log.size(), size_t(3));
  for (const Entry& e : cut.nodes[michel].log) QCOMPARE(e.term, 1u);
  // The old leader was really elected in this run (not an `init` line), and
  // his unshared entries are writes his clients were told were saved.
  QVERIFY(!r.electedAt("Michel").empty() && r.electedAt("Michel").front() < 1'000'000);
  QVERIFY(r.holds(cut.nodes[michel], "M1") && r.holds(cut.nodes[michel], "M2"));
  QCOMPARE(EventFormatter(r.config(), r.journal).writeText(cut.nodes[michel].log[1].write), std::string("\"M1\""));
  bool truncated = false;
  for (Seq i = 0; i < r.journal.size(); ++i) {
    const Event& e = r.journal[i];
    if (e.kind == EventKind::LogTruncated && e.node == michel) {
      QCOMPARE(e.length(), 1u);  // keeps the shared prefix, deletes the two unshared entries
      truncated = true;
    }
  }
  QVERIFY(truncated);
  for (Time t : r.electedAt("Michel")) QVERIFY2(t < 1'000'000, "Michel is not elected again after the heal");
  const auto& log = r.state.nodes[michel].log;
  QCOMPARE(log.size(), size_t(2));
  QCOMPARE(log[0].term, 1u);
  QCOMPARE(log[1].term, 2u);
  QCOMPARE(log[1].write, r.writeId("Y"));
  // What entry terms leave to `commit`: exactly the old leader's two
  // acknowledged, unshared writes are lost, and nothing else is flagged.
  std::set<uint32_t> lost;
  for (const Event& f : r.findings()) {
    QCOMPARE(f.findingKind(), FindingKind::AckedWriteLost);
    lost.insert(f.write());
  }
  QCOMPARE(lost, (std::set<uint32_t>{r.writeId("M1"), r.writeId("M2")}));
}

// Rung 10: entries per logRequest before and after incremental replication.
void TestLadder::entriesPerLogRequestBeforeAndAfterIncrementalReplication() {
  auto stats = [](const Run& r, Time from) {
    uint32_t max = 0, min = UINT32_MAX, total = 0;
    for (Seq s : r.sent(MsgType::LogRequest)) {
      const Event& e = r.journal[s];
      total += e.carriedCount();
      if (e.time_us < from) continue;
      max = std::max(max, e.carriedCount());
      min = std::min(min, e.carriedCount());
    }
    return std::tuple{min, max, total};
  };
  RUN(whole, "10a-whole-log-every-heartbeat.radeau-script");
  RUN(incr, "10b-incremental-only-missing-entries.radeau-script");
  auto [wmin, wmax, wtotal] = stats(whole, 1'500'000);
  auto [imin, imax, itotal] = stats(incr, 1'500'000);
  Q_UNUSED(imin);
  QCOMPARE(wmin, 8u);  // the whole log, every heartbeat
  QCOMPARE(wmax, 8u);
  QCOMPARE(imax, 0u);  // nothing missing: empty heartbeats
  QCOMPARE(std::get<1>(stats(incr, 0)), 1u);  // at most one entry at a time
  QCOMPARE(itotal, 16u);  // each of the 8 entries sent once to each of 2 followers
  QVERIFY(wtotal > 20 * itotal);
  QVERIFY(whole.state.nodes[0].log == incr.state.nodes[0].log);
}

// Rung 11: Figure 8 overwrites a committed entry without current-term-commit, not with it.
void TestLadder::figure8() {
  RUN(bad, "11a-commit-figure8-committed-entry-overwritten.radeau-script");
  ClusterState c = bad.at(700'000);
  const NodeId michel = bad.id("Michel"), luc = bad.id("Luc");
  QCOMPARE(c.nodes[michel].term, 4u);
  QCOMPARE(c.nodes[michel].commit, 2u);
  QCOMPARE(c.nodes[michel].log[1].term, 2u);
  auto lost = bad.findings(FindingKind::CommittedEntryLost);
  QVERIFY(!lost.empty());
  QCOMPARE(lost[0].index(), 2u);
  QCOMPARE(lost[0].term, 2u);
  QVERIFY(!bad.electedAt("Luc").empty());
  QCOMPARE(bad.state.nodes[luc].term, 5u);
  for (int i = 0; i < bad.state.node_count; ++i)
    if (bad.state.nodes[i].alive) QCOMPARE(bad.state.nodes[i].log[1].term, 3u);

  RUN(safe, "11b-current-term-commit-figure8-safe.radeau-script");
  QCOMPARE(safe.at(700'000).nodes[michel].commit, 0u);  // entry 2 is of term 2, not 4
  QCOMPARE(safe.at(700'000).nodes[michel].log.size(), size_t(2));
  QVERIFY(!safe.electedAt("Luc").empty());
  QVERIFY(safe.findings().empty());

  RUN(noop, "11c-leader-noop-figure8-committed.radeau-script");
  QCOMPARE(noop.at(700'000).nodes[michel].commit, 3u);
  QVERIFY(noop.electedAt("Luc").empty());
  QVERIFY(noop.findings().empty());
  for (int i = 0; i < noop.state.node_count; ++i)
    if (noop.state.nodes[i].alive) QCOMPARE(noop.state.nodes[i].log[1].term, 2u);
}

// Rung 13: the cause, not only the outcome. Without pre-vote the term Sophie
// raised alone is what deposes the leader; with it her term never moves and
// her preVoteRequests are what she sends instead of voteRequests.
void TestLadder::returningNodeDeposesLeaderUntilPreVote() {
  RUN(bad, "13a-without-pre-vote-returning-node-deposes-leader.radeau-script");
  const NodeId jp = bad.id("Jean-Pierre"), sophie = bad.id("Sophie");
  const ClusterState before = bad.at(2'900'000);
  QVERIFY(bad.isLeader(before, "Jean-Pierre"));
  QCOMPARE(before.nodes[jp].term, 1u);
  QVERIFY(before.nodes[sophie].term > 5u);
  QVERIFY(bad.sent(MsgType::PreVoteRequest).empty());
  bool deposed = false;
  for (Seq i = 0; i < bad.journal.size() && !deposed; ++i) {
    const Event& e = bad.journal[i];
    if (e.kind == EventKind::RoleChanged && e.node == jp && e.role() == Role::Follower && e.time_us >= 3'000'000) {
      QVERIFY(e.term > before.nodes[sophie].term);  // Sophie's term, not one of a real failure
      deposed = true;
    }
  }
  QVERIFY(deposed);
  auto failed = bad.findings(FindingKind::WriteFailed);
  QCOMPARE(failed.size(), size_t(1));
  QCOMPARE(failed[0].write(), bad.writeId("x=3"));

  RUN(good, "13b-pre-vote-returning-node-cannot-win-leader-stays.radeau-script");
  QVERIFY(!good.sent(MsgType::PreVoteRequest).empty());
  for (Seq s : good.sent(MsgType::VoteRequest)) QVERIFY(good.journal[s].time_us < 1'000'000);  // the first election only
  for (Seq s : good.sent(MsgType::PreVoteResponse))
    if (good.journal[s].peer == sophie) QCOMPARE(good.journal[s].granted(), 0u);
  QCOMPARE(good.state.nodes[sophie].term, 1u);
  QCOMPARE(good.electedAt("Jean-Pierre").size(), size_t(1));
  QVERIFY(good.isLeader(good.state, "Jean-Pierre"));
  QVERIFY(good.findings().empty());
}

void TestLadder::cutLeaderTakesWritesUntilCheckQuorum() {
  RUN(bad, "13c-without-check-quorum-cut-leader-writes-hang.radeau-script");
  const NodeId jp = bad.id("Jean-Pierre");
  QCOMPARE(bad.leaders(bad.state), 2);
  QVERIFY(bad.isLeader(bad.state, "Jean-Pierre"));
  QVERIFY(bad.holds(bad.state.nodes[jp], "x=2"));
  auto hung = bad.findings(FindingKind::WriteNeverAcked);
  QCOMPARE(hung.size(), size_t(1));
  QCOMPARE(hung[0].write(), bad.writeId("x=2"));

  RUN(good, "13d-check-quorum-cut-leader-steps-down.radeau-script");
  // Jean-Pierre steps down on his own, before anyone of a higher term reaches
  // him (he stays cut off), within two election timeouts of the cut.
  Time stepped = -1;
  for (Seq i = 0; i < good.journal.size() && stepped < 0; ++i) {
    const Event& e = good.journal[i];
    if (e.kind == EventKind::RoleChanged && e.node == jp && e.role() == Role::Follower) {
      QCOMPARE(e.term, 1u);
      stepped = e.time_us;
    }
  }
  QVERIFY(stepped > 1'000'000 && stepped <= 1'000'000 + 2 * good.config().timing.election_max_us);
  QCOMPARE(good.leaders(good.state), 1);
  QVERIFY(!good.holds(good.state.nodes[jp], "x=2"));
  auto failed = good.findings(FindingKind::WriteFailed);
  QCOMPARE(failed.size(), size_t(1));
  QCOMPARE(failed[0].write(), good.writeId("x=2"));
  QVERIFY(good.findings(FindingKind::WriteNeverAcked).empty());
}

// Rung 14: the cause. Without sessions the one write is in the log twice
// because the client resent it (attempt 1, the same write id), and the state
// machine applies both; with sessions the log is the same, but each node
// recognises the second copy as the first one's client and serial number.
namespace {
std::vector<Event> kindOf(const Run& r, EventKind k) {
  std::vector<Event> out;
  for (Seq i = 0; i < r.journal.size(); ++i)
    if (r.journal[i].kind == k) out.push_back(r.journal[i]);
  return out;
}
}  // namespace

void TestLadder::resentWriteAppliedTwiceUntilClientSessions() {
  RUN(bad, "14a-without-sessions-retried-write-applied-twice.radeau-script");
  const uint32_t w = bad.writeId("x+=1");
  auto writes = kindOf(bad, EventKind::ClientWrite);
  QCOMPARE(writes.size(), size_t(2));
  QCOMPARE(writes[0].attempt(), 0u);
  QCOMPARE(writes[1].attempt(), 1u);
  QCOMPARE(writes[1].write(), w);                             // the same write, not a new one
  QCOMPARE(writes[1].time_us - writes[0].time_us, Time(40'000));
  QCOMPARE(writes[1].node, bad.id("Jean-Pierre"));           // resent to the leader
  for (int n = 0; n < 3; ++n) {
    const NodeState& x = bad.state.nodes[n];
    QCOMPARE(x.commit, 3u);
    QCOMPARE(x.log[1].write, w);
    QCOMPARE(x.log[2].write, w);
  }
  auto twice = bad.findings(FindingKind::AppliedTwice);
  QCOMPARE(twice.size(), size_t(1));
  QCOMPARE(twice[0].write(), w);
  QCOMPARE(twice[0].index(), 3u);
  QVERIFY(kindOf(bad, EventKind::DuplicateRecognised).empty());
  QCOMPARE(bad.findings().size(), size_t(1));

  RUN(good, "14b-sessions-retried-write-applied-once.radeau-script");
  QCOMPARE(kindOf(good, EventKind::ClientWrite).size(), size_t(2));
  auto recognised = kindOf(good, EventKind::DuplicateRecognised);
  QCOMPARE(recognised.size(), size_t(3));  // every state machine, once
  for (const Event& e : recognised) {
    QCOMPARE(e.write(), w);
    QCOMPARE(e.index(), 3u);
    QCOMPARE(e.firstIndex(), 2u);
  }
  auto acks = kindOf(good, EventKind::WriteAcked);
  QCOMPARE(acks.size(), size_t(1));
  QCOMPARE(acks[0].index(), 2u);
  QVERIFY(good.findings().empty());
}

void TestLadder::duplicatedForwardAppliedTwiceUntilClientSessions() {
  RUN(bad, "14c-without-sessions-network-duplicate-applied-twice.radeau-script");
  const uint32_t w = bad.writeId("x+=1");
  // One client write, no resend: the network's copy of the forward is the second entry.
  auto writes = kindOf(bad, EventKind::ClientWrite);
  QCOMPARE(writes.size(), size_t(1));
  int forwards_delivered = 0;
  for (Seq i = 0; i < bad.journal.size(); ++i) {
    const Event& e = bad.journal[i];
    if (e.kind == EventKind::MessageDelivered && bad.journal[e.ref].isMessage(MsgType::ClientWrite)) ++forwards_delivered;
  }
  QCOMPARE(forwards_delivered, 2);
  auto twice = bad.findings(FindingKind::AppliedTwice);
  QCOMPARE(twice.size(), size_t(1));
  QCOMPARE(twice[0].write(), w);

  // The same run with client sessions: recognised, nothing found.
  ClusterConfig config = bad.config();
  config.concepts = Concepts::full();
  Simulator sim(config);
  sim.schedule(bad.scenario.actions);
  sim.runUntil(bad.scenario.until_us);
  sim.finish();
  bool recognised = false;
  for (Seq i = 0; i < sim.journal().size(); ++i) {
    const Event& e = sim.journal()[i];
    QVERIFY(e.kind != EventKind::Finding);
    recognised |= e.kind == EventKind::DuplicateRecognised && e.write() == w;
  }
  QVERIFY(recognised);
}

// Sophie was down when the copy was recognised elsewhere; what she misses is
// compacted. The installSnapshot carries both copies (the state and the
// session table), and applying it she recognises the second one herself.
void TestLadder::sessionTableTravelsInTheSnapshot() {
  RUN(r, "14d-sessions-kept-in-snapshot.radeau-script");
  const NodeId sophie = r.id("Sophie");
  const uint32_t w = r.writeId("x+=1");
  Seq snapshot = kNoSeq, recognised = kNoSeq;
  for (Seq i = 0; i < r.journal.size(); ++i) {
    const Event& e = r.journal[i];
    if (e.kind == EventKind::MessageDelivered && e.node == sophie && r.journal[e.ref].isMessage(MsgType::InstallSnapshot) &&
        snapshot == kNoSeq)
      snapshot = e.ref;
    if (e.kind == EventKind::DuplicateRecognised && e.node == sophie) {
      QCOMPARE(e.write(), w);
      QCOMPARE(recognised, kNoSeq);  // once
      recognised = i;
    }
  }
  QVERIFY(snapshot != kNoSeq && recognised != kNoSeq);
  const Event& m = r.journal[snapshot];
  QVERIFY(m.snapshotIndex() >= 3);  // both copies are in it
  QVERIFY(recognised > snapshot);
  QCOMPARE(r.journal[recognised].time_us, r.journal[snapshot].at_us());  // while applying the snapshot
  QCOMPARE(snapshotSessions(r.journal, r.journal.carriedEntries(m), m.carriedCount()), size_t(2));
  EventFormatter f(r.config(), r.journal);
  QVERIFY(f.message(m).find("session table of 2 clients") != std::string::npos);
  QVERIFY(r.findings().empty());
}

// Rung 15: the cause. Without read-index the cut-off leader answers at once,
// from a commit index behind the write the new leader acknowledged; with it
// the same read waits for answers that cannot come, and is refused when he
// steps down, while the new leader's read is confirmed by an answer sent after
// the read began.
void TestLadder::deposedLeaderServesStaleReadsUntilReadIndex() {
  RUN(bad, "15a-without-read-index-deposed-leader-stale-read.radeau-script");
  const NodeId jp = bad.id("Jean-Pierre");
  auto answered = kindOf(bad, EventKind::ReadAnswered);
  QCOMPARE(answered.size(), size_t(1));
  QCOMPARE(answered[0].node, jp);
  QCOMPARE(answered[0].write(), bad.writeId("x=1"));
  QCOMPARE(answered[0].time_us, bad.journal[answered[0].ref].time_us);  // at once, no round of heartbeats
  auto stale = bad.findings(FindingKind::StaleRead);
  QCOMPARE(stale.size(), size_t(1));
  QCOMPARE(stale[0].write(), bad.writeId("x=2"));
  QVERIFY(bad.isLeader(bad.at(answered[0].time_us), "Jean-Pierre"));
  QVERIFY(bad.isLeader(bad.at(answered[0].time_us), "Michel"));

  RUN(good, "15b-read-index-deposed-leader-cannot-confirm.radeau-script");
  auto failed = kindOf(good, EventKind::ReadFailed);
  QCOMPARE(failed.size(), size_t(1));
  QCOMPARE(failed[0].node, jp);
  QCOMPARE(failed[0].failReason(), FailReason::NotLeader);
  QVERIFY(failed[0].time_us > good.journal[failed[0].ref].time_us);  // held first, refused on stepping down
  auto ok = kindOf(good, EventKind::ReadAnswered);
  QCOMPARE(ok.size(), size_t(1));
  QCOMPARE(ok[0].node, good.id("Michel"));
  QCOMPARE(ok[0].write(), good.writeId("x=2"));
  // Confirmed by Sophie's logResponse sent after the read began.
  bool confirmed = false;
  for (Seq i = ok[0].ref + 1; i < good.journal.size() && good.journal[i].time_us <= ok[0].time_us; ++i) {
    const Event& e = good.journal[i];
    confirmed |= e.kind == EventKind::MessageDelivered && e.node == good.id("Michel") && e.ref > ok[0].ref &&
                 good.journal[e.ref].isMessage(MsgType::LogResponse);
  }
  QVERIFY(confirmed);
  QVERIFY(good.findings(FindingKind::StaleRead).empty());

  // The lease: safe while the clocks agree (15c), a stale read when the
  // followers' run fast (15d); the same 15d with clocks that keep time is safe.
  RUN(lease, "15c-lease-within-bound-safe.radeau-script");
  QVERIFY(lease.findings(FindingKind::StaleRead).empty());
  RUN(drift, "15d-lease-clock-drift-stale-read.radeau-script");
  QCOMPARE(drift.config().timing.clock_permille[drift.id("Michel")], uint16_t(3000));
  QCOMPARE(drift.findings(FindingKind::StaleRead).size(), size_t(1));
  const std::string text = test::readSourceFile(scenarioPath("15d-lease-clock-drift-stale-read.radeau-script"));
  std::string kept;
  for (size_t at = 0, end; at < text.size(); at = end + 1) {
    end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(at, end - at);
    if (!line.starts_with("timing drift") && !line.starts_with("expect")) kept += line + "\n";
  }
  ScriptError error;
  auto sc = parseScenario(kept, "15d without drift", error);
  QVERIFY2(sc, error.toString().c_str());
  Simulator sim(sc->config);
  sim.schedule(sc->actions);
  sim.runUntil(sc->until_us);
  for (Seq f : sim.state().findings) QVERIFY(sim.journal()[f].findingKind() != FindingKind::StaleRead);
}

// Rung 16: the cause. Three nodes to five at once: each of the two leaders
// of term 2 was elected by a majority of the configuration it went by, and
// those voters are disjoint. One node at a time, the second change is refused
// while the first is not committed, and only one leader stands.
void TestLadder::twoConfigurationsTwoLeadersUntilOneAtATime() {
  RUN(bad, "16a-without-membership-three-to-five-two-leaders.radeau-script");
  auto two = bad.findings(FindingKind::TwoLeaders);
  QCOMPARE(two.size(), size_t(1));
  QCOMPARE(two[0].term, 2u);
  // The state just before each became leader (becoming leader clears the votes).
  auto beforeLeading = [](const Run& r, NodeId n, uint32_t term) {
    for (Seq i = 0; i < r.journal.size(); ++i) {
      const Event& e = r.journal[i];
      if (e.kind == EventKind::RoleChanged && e.role() == Role::Leader && e.node == n && e.term == term)
        return fold(r.config(), r.journal, i);
    }
    return ClusterState{};
  };
  uint16_t voters[2] = {0, 0};
  int k = 0;
  for (NodeId leader : {two[0].node, two[0].peer}) {
    const ClusterState then = beforeLeading(bad, leader, 2);
    const NodeState& x = then.nodes[leader];
    QVERIFY(x.role == Role::Candidate && x.term == 2);
    // Its votes are a majority of its own configuration, not of the other's.
    QVERIFY(__builtin_popcount(x.votes & x.members) >= x.majority());
    voters[k++] = x.votes;
  }
  const ClusterState when = bad.at(two[0].time_us);
  QCOMPARE(uint16_t(voters[0] & voters[1]), uint16_t(0));  // disjoint majorities
  QCOMPARE(when.nodes[bad.id("Jean-Pierre")].memberCount(), 3);
  QCOMPARE(when.nodes[bad.id("Paul")].memberCount(), 5);
  // The one entry that changed two nodes at once.
  bool both = false;
  for (Seq i = 0; i < bad.journal.size(); ++i) {
    const Event& e = bad.journal[i];
    if (e.kind == EventKind::LogAppended && isConfigWrite(e.write()) && e.node == bad.id("Michel"))
      both |= std::popcount(configMembers(e.write())) == 5;
  }
  QVERIFY(both);

  RUN(good, "16b-membership-one-at-a-time-one-leader.radeau-script");
  auto refused = kindOf(good, EventKind::ConfigChangeRefused);
  QCOMPARE(refused.size(), size_t(1));
  QCOMPARE(refused[0].configRefusal(), ConfigRefusal::Pending);
  QVERIFY(good.findings(FindingKind::TwoLeaders).empty());
  // Paul, in the four-node configuration, got no majority of it.
  const ClusterState later = good.at(1'300'000);
  const NodeState& paul = later.nodes[good.id("Paul")];
  QCOMPARE(paul.memberCount(), 4);
  QVERIFY(paul.role == Role::Candidate && __builtin_popcount(paul.votes & paul.members) < paul.majority());
  // Without membership the same two lines switch one at a time too, but the
  // second is taken before the first commits: the majorities no longer meet.
  const std::string text = test::readSourceFile(scenarioPath("16b-membership-one-at-a-time-one-leader.radeau-script"));
  std::string kept;
  for (size_t at = 0, end; at < text.size(); at = end + 1) {
    end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    if (line.starts_with("expect")) continue;
    if (line.starts_with("concepts ")) line += " -membership";
    kept += line + "\n";
  }
  ScriptError error;
  auto sc = parseScenario(kept, "16b without membership", error);
  QVERIFY2(sc, error.toString().c_str());
  Simulator sim(sc->config);
  sim.schedule(sc->actions);
  sim.runUntil(sc->until_us);
  bool two_leaders = false;
  for (Seq f : sim.state().findings) two_leaders |= sim.journal()[f].findingKind() == FindingKind::TwoLeaders;
  QVERIFY(two_leaders);
}

// Ongaro's 2015 bug: without a committed entry of his own term, Jean-Pierre
// removes Michel while Paul still ends his log in term 1; Michel, whose
// configuration has five nodes, wins Paul's and Luc's votes in term 3 and
// overwrites what Jean-Pierre committed. With the no-op first, Paul holds an
// entry of term 2 before the change and refuses Michel.
void TestLadder::oldLeaderOverwritesCommittedEntryUntilNoopFirst() {
  RUN(bad, "16c-membership-without-noop-committed-entry-lost.radeau-script");
  QVERIFY(!bad.findings(FindingKind::CommittedEntryLost).empty());
  QCOMPARE(bad.findings(FindingKind::AckedWriteLost).size(), size_t(1));
  Seq elected = kNoSeq;
  for (Seq i = 0; i < bad.journal.size(); ++i) {
    const Event& e = bad.journal[i];
    if (e.kind == EventKind::RoleChanged && e.role() == Role::Leader && e.node == bad.id("Michel") && e.term == 3)
      elected = i;
  }
  QVERIFY(elected != kNoSeq);
  const ClusterState then = fold(bad.config(), bad.journal, elected);  // before leading: the votes still counted
  const NodeState& michel = then.nodes[bad.id("Michel")];
  QCOMPARE(michel.memberCount(), 5);
  QCOMPARE(uint16_t(michel.votes), uint16_t((1u << bad.id("Michel")) | (1u << bad.id("Paul")) | (1u << bad.id("Luc"))));
  // Paul's log ended in term 1 when he voted: no entry of Jean-Pierre's term.
  QCOMPARE(then.nodes[bad.id("Paul")].lastTerm(), 1u);
  // Jean-Pierre, who had committed in a three-node configuration.
  QCOMPARE(bad.at(1'600'000).nodes[bad.id("Jean-Pierre")].memberCount(), 3);

  RUN(good, "16d-membership-noop-first-safe.radeau-script");
  QVERIFY(good.findings(FindingKind::CommittedEntryLost).empty());
  QVERIFY(good.findings(FindingKind::AckedWriteLost).empty());
  QCOMPARE(good.at(1'300'000).nodes[good.id("Paul")].lastTerm(), 2u);
  for (Seq i = 0; i < good.journal.size(); ++i) {
    const Event& e = good.journal[i];
    QVERIFY(!(e.kind == EventKind::RoleChanged && e.role() == Role::Leader && e.node == good.id("Michel") && e.term >= 3));
  }
}

QTEST_APPLESS_MAIN(TestLadder)
#include "test_ladder.moc"

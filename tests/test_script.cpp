// The scenario script parser (core/script.h): every command, every action,
// durations, and the exact text, line and column of every error.
#include <QtTest>

#include <algorithm>
#include <set>
#include <limits>

#include "core/script.h"

using namespace radeau;

namespace {

constexpr const char* kFile = "test.radeau";

Action makeAction(Time t, ActionKind kind, int line, NodeId node = kNoNode, NodeId peer = kNoNode,
                  std::string text = {}) {
  Action a;
  a.time_us = t;
  a.kind = kind;
  a.line = line;
  a.node = node;
  a.peer = peer;
  a.text = std::move(text);
  return a;
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

// Parses `text` into `var` (a const Scenario&), failing the test with the error otherwise.
#define PARSE(var, text)                                                       \
  ScriptError var##_error;                                                     \
  auto var##_opt = parseScenario((text), kFile, var##_error);                  \
  QVERIFY2(var##_opt.has_value(), var##_error.toString().c_str());             \
  const Scenario& var = *var##_opt

class TestScript : public QObject {
  Q_OBJECT

 private slots:
  void fullExample();
  void emptyScriptHasDefaults();
  void commentsBlankLinesAndLineEndings();
  void nodesByCount();
  void nodesByName();
  void nodesMayFollowLinesThatNameNoNode();
  void conceptsChainOnWhatCameBefore();
  void atConceptsIsRelativeToConceptsInForce();
  void nearestChapterNamesWhatDiffers();
  void seed();
  void timingSubsetsOrderAndSingleValues();
  void network();
  void initLines();
  void actionsOfEveryKind();
  void actionsKeepScriptOrderAndLines();
  void writeTexts();
  void retryBecomesAResendAtItsTime();
  void partitionGroups();
  void titleAndExpectations();
  void until();
  void parseDurationValues_data();
  void parseDurationValues();
  void parseDurationRejects_data();
  void parseDurationRejects();
  void formatDurationValues_data();
  void formatDurationValues();
  void formatParseRoundTrip();
  void everyActionFormatsAsALineThatParsesBack();
  void errorToString();
  void errors_data();
  void errors();
  void firstErrorWins();
  void defaultScenarioParses();
};

// formatAction is the one text of an action (soak schedules, radeau-cli
// info/export): parse(format(a)) == a for every kind that has a script form.
void TestScript::everyActionFormatsAsALineThatParsesBack() {
  const std::vector<std::string> names = {"Michel", "Jean-Pierre", "Sophie"};
  std::vector<Action> actions;
  auto add = [&](ActionKind k, NodeId n = kNoNode, NodeId p = kNoNode, std::string text = {}) {
    Action a = makeAction(1'234'567, k, 3, n, p, std::move(text));
    actions.push_back(a);
    return &actions.back();
  };
  add(ActionKind::Write, 1, kNoNode, "say \"hi\" \\ x = 1");
  add(ActionKind::Crash, 0);
  add(ActionKind::Restart, 2);
  add(ActionKind::Cut, 0, 2);
  add(ActionKind::Heal, 2, 1);
  add(ActionKind::Isolate, 1);
  add(ActionKind::Partition)->groups = {{0, 2}, {1}};
  add(ActionKind::HealAll);
  add(ActionKind::Timeout, 2);
  add(ActionKind::Drop, 1, 0);
  add(ActionKind::SetConcepts)->concepts = Concepts::full().without(Concept::Persistence);
  add(ActionKind::SetConcepts)->concepts = Concepts::none();
  add(ActionKind::Resend, 2, kNoNode, "say \"hi\" \\ x = 1");
  add(ActionKind::Read, 1, kNoNode, "x");
  add(ActionKind::AddNodes)->groups = {{1, 2}};
  add(ActionKind::RemoveNodes, 0)->groups = {{2}};
  // Every kind but DropMessage is covered.
  std::set<ActionKind> kinds;
  for (const Action& a : actions) kinds.insert(a.kind);
  QCOMPARE(kinds.size(), size_t(kLastActionKind));
  for (const Action& a : actions) {
    const std::string line = formatAction(a, names);
    // A resend names the text of an earlier write.
    const std::string before = a.kind == ActionKind::Resend ? "at 1s write Michel " + quoteScriptText(a.text) + "\n" : "";
    PARSE(s, "nodes Michel Jean-Pierre Sophie\nconcepts full\n" + before + line + "\n");
    QVERIFY2(s.actions.size() == (before.empty() ? 1u : 2u), line.c_str());
    Action expected = a;
    if (!before.empty()) expected.line = 4;
    QVERIFY2(s.actions.back() == expected, line.c_str());
  }
  // A single message has no script form: a comment says so, and parses as nothing.
  Action m = makeAction(2'000'000, ActionKind::DropMessage, 3);
  m.message = 41;
  const std::string line = formatAction(m, names);
  QVERIFY2(line.starts_with("# at 2s drop message 41"), line.c_str());
  PARSE(c, "nodes 3\n" + line + "\n");
  QVERIFY(c.actions.empty());
}

void TestScript::fullExample() {
  const char* text = R"(# a comment
title Chapter 5 - the lagging node        # free text to end of line (optional metadata)
nodes Michel Jean-Pierre Sophie Paul Luc  # or: nodes 5
concepts full -current-term-commit        # or: concepts +terms -persistence
seed 42                                   # unsigned 64-bit decimal
timing election 150ms..300ms heartbeat 50ms latency 10ms..20ms
network loss 0.05 duplicate 0.01          # any subset; probabilities in [0,1]
init Michel term 7 voted Michel log 1 1 1 4 4 5 5 6 6 6
at 500ms write Michel "x=1"
at 1s crash Michel
at 1.5s restart Michel
at 2s cut Michel Jean-Pierre
at 2s heal Michel Jean-Pierre
at 2s isolate Michel
at 2s partition Michel Jean-Pierre | Sophie Paul Luc
at 3s heal                                # heal with no nodes = HealAll
at 3s timeout Sophie
at 3s drop Michel Sophie
at 4s concepts +current-term-commit -leader-noop
expect leaders 1                          # kept verbatim
until 10s
)";
  PARSE(s, text);
  QCOMPARE(qs(s.title), QStringLiteral("Chapter 5 - the lagging node"));
  const std::vector<std::string> names = {"Michel", "Jean-Pierre", "Sophie", "Paul", "Luc"};
  QVERIFY(s.config.names == names);
  QVERIFY(s.config.concepts == Concepts::full().without(Concept::CurrentTermCommit));
  QCOMPARE(s.config.seed, uint64_t(42));
  QCOMPARE(s.config.timing.election_min_us, Time(150'000));
  QCOMPARE(s.config.timing.election_max_us, Time(300'000));
  QCOMPARE(s.config.timing.heartbeat_us, Time(50'000));
  QCOMPARE(s.config.timing.latency_min_us, Time(10'000));
  QCOMPARE(s.config.timing.latency_max_us, Time(20'000));
  QCOMPARE(s.config.network.loss, 0.05);
  QCOMPARE(s.config.network.duplicate, 0.01);

  QCOMPARE(s.config.init.size(), size_t(5));
  QVERIFY(s.config.init[0].has_value());
  QCOMPARE(s.config.init[0]->term, 7u);
  QCOMPARE(s.config.init[0]->voted_for, NodeId(0));
  const std::vector<uint32_t> log = {1, 1, 1, 4, 4, 5, 5, 6, 6, 6};
  QVERIFY(s.config.init[0]->log_terms == log);
  for (size_t i = 1; i < 5; ++i) QVERIFY(!s.config.init[i].has_value());

  QCOMPARE(s.actions.size(), size_t(11));
  QVERIFY(s.actions[0] == makeAction(500'000, ActionKind::Write, 9, 0, kNoNode, "x=1"));
  QVERIFY(s.actions[1] == makeAction(1'000'000, ActionKind::Crash, 10, 0));
  QVERIFY(s.actions[2] == makeAction(1'500'000, ActionKind::Restart, 11, 0));
  QVERIFY(s.actions[3] == makeAction(2'000'000, ActionKind::Cut, 12, 0, 1));
  QVERIFY(s.actions[4] == makeAction(2'000'000, ActionKind::Heal, 13, 0, 1));
  QVERIFY(s.actions[5] == makeAction(2'000'000, ActionKind::Isolate, 14, 0));
  Action partition = makeAction(2'000'000, ActionKind::Partition, 15);
  partition.groups = {{0, 1}, {2, 3, 4}};
  QVERIFY(s.actions[6] == partition);
  QVERIFY(s.actions[7] == makeAction(3'000'000, ActionKind::HealAll, 16));
  QVERIFY(s.actions[8] == makeAction(3'000'000, ActionKind::Timeout, 17, 2));
  QVERIFY(s.actions[9] == makeAction(3'000'000, ActionKind::Drop, 18, 0, 2));
  Action concepts = makeAction(4'000'000, ActionKind::SetConcepts, 19);
  concepts.concepts = Concepts::full().without(Concept::LeaderNoop);
  QVERIFY(s.actions[10] == concepts);

  QCOMPARE(s.expectations.size(), size_t(1));
  QCOMPARE(qs(s.expectations[0]), QStringLiteral("leaders 1"));
  QCOMPARE(s.until_us, Time(10'000'000));
}

void TestScript::emptyScriptHasDefaults() {
  for (const char* text : {"", "\n\n", "# only a comment\n   \t\n# another\n"}) {
    PARSE(s, text);
    QVERIFY(s.config.names == defaultNames(5));
    QVERIFY(s.config.concepts == Concepts::full());
    QCOMPARE(s.config.seed, ClusterConfig().seed);
    QCOMPARE(s.config.timing.election_min_us, Timing().election_min_us);
    QCOMPARE(s.config.network.loss, 0.0);
    QVERIFY(s.config.init.empty());
    QVERIFY(s.actions.empty());
    QVERIFY(s.expectations.empty());
    QVERIFY(s.title.empty());
    QCOMPARE(s.until_us, Time(10'000'000));
  }
}

void TestScript::commentsBlankLinesAndLineEndings() {
  // CRLF, a byte order mark, tabs as separators, a comment glued to a word.
  PARSE(s, "\xEF\xBB\xBFnodes 3\r\n\r\n# comment\r\nseed\t\t7#no space before the comment\r\n"
           "\tat\t1s crash\tSophie   # trailing\r\n");
  QVERIFY(s.config.names == defaultNames(3));
  QCOMPARE(s.config.seed, uint64_t(7));
  QCOMPARE(s.actions.size(), size_t(1));
  QVERIFY(s.actions[0] == makeAction(1'000'000, ActionKind::Crash, 5, 2));
}

void TestScript::nodesByCount() {
  for (int n = 1; n <= 9; ++n) {
    PARSE(s, "nodes " + std::to_string(n));
    QVERIFY(s.config.names == defaultNames(n));
  }
  PARSE(s, "nodes 3\nat 1s crash Sophie");
  QCOMPARE(s.actions[0].node, NodeId(2));
}

void TestScript::nodesByName() {
  // UTF-8 letters, digits after the first character, '-' and '_', a combining accent.
  PARSE(s, "nodes Zoé Émile Ольга a-b_9 _x Zoe\xCC\x81\nat 1s crash Ольга\nat 2s cut Zoé Zoe\xCC\x81");
  const std::vector<std::string> names = {"Zoé", "Émile", "Ольга", "a-b_9", "_x", "Zoe\xCC\x81"};
  QVERIFY(s.config.names == names);
  QCOMPARE(s.actions[0].node, NodeId(2));
  QCOMPARE(s.actions[1].node, NodeId(0));
  QCOMPARE(s.actions[1].peer, NodeId(5));

  PARSE(one, "nodes Solo");
  QCOMPARE(one.config.nodeCount(), 1);
  PARSE(nine, "nodes A B C D E F G H I");
  QCOMPARE(nine.config.nodeCount(), 9);
}

void TestScript::nodesMayFollowLinesThatNameNoNode() {
  // Settings, a heal-all and a concept change name no node: 'nodes' may still follow.
  PARSE(s, "seed 3\nat 1s heal\nat 1s concepts -leader-noop\nnodes 2\nat 2s crash Jean-Pierre");
  QVERIFY(s.config.names == defaultNames(2));
  QCOMPARE(s.actions.size(), size_t(3));
  QCOMPARE(s.actions[2].node, NodeId(1));
}

void TestScript::conceptsChainOnWhatCameBefore() {
  {
    PARSE(s, "concepts -leader-noop");  // base: full
    QVERIFY(s.config.concepts == Concepts::full().without(Concept::LeaderNoop));
  }
  {
    PARSE(s, "concepts none\nconcepts +persistence\nconcepts +replication +forwarding");
    QVERIFY(s.config.concepts ==
            Concepts::none().with(Concept::Persistence).with(Concept::Replication).with(Concept::Forwarding));
  }
  {
    PARSE(s, "concepts chapter 5 +log-length-vote");
    QVERIFY(s.config.concepts == findChapter("5")->concepts.with(Concept::LogLengthVote));
    QVERIFY(s.config.concepts == findChapter("6")->concepts);
  }
  {
    PARSE(s, "concepts chapter candidate   # by name\nconcepts full");
    QVERIFY(s.config.concepts == Concepts::full());
  }
}

void TestScript::atConceptsIsRelativeToConceptsInForce() {
  PARSE(s, "concepts chapter 5\nat 1s concepts +log-length-vote\nat 2s concepts +terms\nat 3s concepts chapter 3");
  const Concepts ch5 = findChapter("5")->concepts;
  QVERIFY(s.config.concepts == ch5);  // the start is not changed by the actions
  QCOMPARE(s.actions.size(), size_t(3));
  QVERIFY(s.actions[0].kind == ActionKind::SetConcepts);
  QVERIFY(s.actions[0].concepts == ch5.with(Concept::LogLengthVote));
  QVERIFY(s.actions[1].concepts == ch5.with(Concept::LogLengthVote).with(Concept::Terms));
  QVERIFY(s.actions[2].concepts == findChapter("3")->concepts);
  QCOMPARE(s.actions[2].line, 4);
}

void TestScript::nearestChapterNamesWhatDiffers() {
  std::string delta;
  const Concepts ch1 = findChapter("1")->concepts;
  const Chapter* c = nearestChapter(ch1, delta);
  QVERIFY(c);
  QCOMPARE(c->number, 1);
  QCOMPARE(delta, std::string());
  // The demonstration without persistence is chapter 1 less one flag.
  c = nearestChapter(ch1.without(Concept::Persistence), delta);
  QVERIFY(c);
  QCOMPARE(c->number, 1);
  QCOMPARE(delta, std::string(" -persistence"));
  c = nearestChapter(findChapter("5")->concepts.with(Concept::LogLengthVote).with(Concept::Terms), delta);
  QVERIFY(c);
  QCOMPARE(c->number, 7);  // chapter 6 + terms is chapter 7 exactly
  QCOMPARE(delta, std::string());
  // Too far from every chapter: nothing.
  QVERIFY(!nearestChapter(Concepts::none().with(Concept::Snapshots).with(Concept::Commit).with(Concept::EveryoneLeader), delta, 1));
}

void TestScript::seed() {
  PARSE(zero, "seed 0");
  QCOMPARE(zero.config.seed, uint64_t(0));
  PARSE(max, "seed 18446744073709551615");
  QCOMPARE(max.config.seed, std::numeric_limits<uint64_t>::max());
  PARSE(twice, "seed 1\nseed 99");
  QCOMPARE(twice.config.seed, uint64_t(99));
}

void TestScript::timingSubsetsOrderAndSingleValues() {
  {
    PARSE(s, "timing heartbeat 20ms");
    QCOMPARE(s.config.timing.heartbeat_us, Time(20'000));
    QCOMPARE(s.config.timing.snapshot_entries, Timing().snapshot_entries);
    QCOMPARE(s.config.timing.election_min_us, Timing().election_min_us);
    QCOMPARE(s.config.timing.election_max_us, Timing().election_max_us);
    QCOMPARE(s.config.timing.latency_min_us, Timing().latency_min_us);
    QCOMPARE(s.config.timing.latency_max_us, Timing().latency_max_us);
  }
  {
    PARSE(s, "timing latency 1.5ms..2ms election 1s..2.5s snapshot 20");
    QCOMPARE(s.config.timing.snapshot_entries, uint32_t(20));
    QCOMPARE(s.config.timing.latency_min_us, Time(1'500));
    QCOMPARE(s.config.timing.latency_max_us, Time(2'000));
    QCOMPARE(s.config.timing.election_min_us, Time(1'000'000));
    QCOMPARE(s.config.timing.election_max_us, Time(2'500'000));
    QCOMPARE(s.config.timing.heartbeat_us, Timing().heartbeat_us);
  }
  {
    // A single value is a range of one; zero latency is allowed; lines combine.
    PARSE(s, "timing latency 10ms election 200ms\ntiming latency 0us heartbeat 1us");
    QCOMPARE(s.config.timing.latency_min_us, Time(0));
    QCOMPARE(s.config.timing.latency_max_us, Time(0));
    QCOMPARE(s.config.timing.election_min_us, Time(200'000));
    QCOMPARE(s.config.timing.election_max_us, Time(200'000));
    QCOMPARE(s.config.timing.heartbeat_us, Time(1));
  }
  {
    PARSE(s, "timing latency 10ms");
    QCOMPARE(s.config.timing.latency_min_us, Time(10'000));
    QCOMPARE(s.config.timing.latency_max_us, Time(10'000));
  }
}

void TestScript::network() {
  {
    PARSE(s, "network duplicate 0.25");
    QCOMPARE(s.config.network.duplicate, 0.25);
    QCOMPARE(s.config.network.loss, 0.0);
  }
  {
    PARSE(s, "network duplicate 0 loss 1");
    QCOMPARE(s.config.network.duplicate, 0.0);
    QCOMPARE(s.config.network.loss, 1.0);
  }
  {
    PARSE(s, "network loss 0.5\nnetwork duplicate 0.125");
    QCOMPARE(s.config.network.loss, 0.5);
    QCOMPARE(s.config.network.duplicate, 0.125);
  }
}

void TestScript::initLines() {
  PARSE(s, "nodes 4\n"
           "init Paul log 1 2\n"
           "init Sophie voted Paul term 3\n"
           "init Michel term 2 voted none\n"
           "init Jean-Pierre log 3 1 2   # need not be non-decreasing\n");
  QCOMPARE(s.config.init.size(), size_t(4));
  const auto& paul = s.config.init[3];
  QVERIFY(paul.has_value());
  QCOMPARE(paul->term, 0u);
  QCOMPARE(paul->voted_for, kNoNode);
  QVERIFY(paul->log_terms == (std::vector<uint32_t>{1, 2}));
  const auto& sophie = s.config.init[2];
  QVERIFY(sophie.has_value());
  QCOMPARE(sophie->term, 3u);
  QCOMPARE(sophie->voted_for, NodeId(3));
  QVERIFY(sophie->log_terms.empty());
  const auto& michel = s.config.init[0];
  QVERIFY(michel.has_value());
  QCOMPARE(michel->term, 2u);
  QCOMPARE(michel->voted_for, kNoNode);
  QVERIFY(s.config.init[1]->log_terms == (std::vector<uint32_t>{3, 1, 2}));

  PARSE(bare, "nodes 3\ninit Sophie\ninit Michel log");
  QCOMPARE(bare.config.init.size(), size_t(3));
  QVERIFY(!bare.config.init[1].has_value());
  QVERIFY(bare.config.init[2].has_value());
  QCOMPARE(bare.config.init[2]->term, 0u);
  QVERIFY(bare.config.init[0].has_value());
  QVERIFY(bare.config.init[0]->log_terms.empty());

  PARSE(big, "init Luc term 4294967295 log 4294967295");
  QCOMPARE(big.config.init.size(), size_t(5));
  QCOMPARE(big.config.init[4]->term, 4294967295u);

  // Entry texts (issue 12): a quoted text after an entry's term; none is a no-op.
  PARSE(texts, "nodes 3\ninit Michel log 1 \"x=1\" 2 3 \"y = 2\"\ninit Sophie log 1 \"x=1\"\ninit Jean-Pierre log 1 2");
  QVERIFY(texts.config.init[0]->log_terms == (std::vector<uint32_t>{1, 2, 3}));
  QVERIFY(texts.config.init[0]->log_texts == (std::vector<std::string>{"x=1", "", "y = 2"}));
  QVERIFY(texts.config.init[1]->log_texts.empty());
  QVERIFY(initWriteTexts(texts.config) == (std::vector<std::string>{"x=1", "y = 2"}));
  QCOMPARE(initWriteId(texts.config, "y = 2"), 2u);
}

void TestScript::actionsOfEveryKind() {
  PARSE(s, "nodes 3\n"
           "at 1s write Sophie hello\n"
           "at 1s crash Jean-Pierre\n"
           "at 1s restart Jean-Pierre\n"
           "at 1s cut Sophie Michel\n"
           "at 1s heal Sophie Michel\n"
           "at 1s heal\n"
           "at 1s isolate Sophie\n"
           "at 1s timeout Michel\n"
           "at 1s drop Jean-Pierre Sophie\n");
  const std::vector<Action> expected = {
      makeAction(1'000'000, ActionKind::Write, 2, 2, kNoNode, "hello"),
      makeAction(1'000'000, ActionKind::Crash, 3, 1),
      makeAction(1'000'000, ActionKind::Restart, 4, 1),
      makeAction(1'000'000, ActionKind::Cut, 5, 2, 0),
      makeAction(1'000'000, ActionKind::Heal, 6, 2, 0),
      makeAction(1'000'000, ActionKind::HealAll, 7),
      makeAction(1'000'000, ActionKind::Isolate, 8, 2),
      makeAction(1'000'000, ActionKind::Timeout, 9, 0),
      makeAction(1'000'000, ActionKind::Drop, 10, 1, 2),
  };
  QCOMPARE(s.actions.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) QVERIFY2(s.actions[i] == expected[i], qPrintable(QString::number(i)));
}

void TestScript::actionsKeepScriptOrderAndLines() {
  PARSE(s, "# header\n\nat 0s crash Luc\nat 250us restart Luc\n\n# gap\nat 250us crash Paul\nat 1.25ms timeout Sophie\n");
  QCOMPARE(s.actions.size(), size_t(4));
  QCOMPARE(s.actions[0].time_us, Time(0));
  QCOMPARE(s.actions[0].line, 3);
  QCOMPARE(s.actions[1].time_us, Time(250));
  QVERIFY(s.actions[1].kind == ActionKind::Restart);
  QCOMPARE(s.actions[1].line, 4);
  QCOMPARE(s.actions[2].time_us, Time(250));  // equal times keep script order
  QCOMPARE(s.actions[2].node, NodeId(3));
  QCOMPARE(s.actions[2].line, 7);
  QCOMPARE(s.actions[3].time_us, Time(1'250));
  QCOMPARE(s.actions[3].line, 8);
}

void TestScript::writeTexts() {
  PARSE(s, "at 1s write Michel \"say \\\"hi\\\" \\\\ ok\"\n"
           "at 1s write Michel \"a # not a comment\"   # a comment\n"
           "at 1s write Michel x=1#comment\n"
           "at 1s write Michel \"\"\n"
           "at 1s write Michel \"café\"\n"
           "at 1s write Michel \"two  spaces\"\n");
  QCOMPARE(s.actions.size(), size_t(6));
  QCOMPARE(qs(s.actions[0].text), QStringLiteral("say \"hi\" \\ ok"));
  QCOMPARE(qs(s.actions[1].text), QStringLiteral("a # not a comment"));
  QCOMPARE(qs(s.actions[2].text), QStringLiteral("x=1"));
  QVERIFY(s.actions[3].text.empty());
  QCOMPARE(s.actions[4].text, std::string("café"));
  QCOMPARE(qs(s.actions[5].text), QStringLiteral("two  spaces"));
}

// `write … retry after T [to NODE]` is a write and a resend of the same text
// T later (to NODE, else the same node), placed among the later lines.
void TestScript::retryBecomesAResendAtItsTime() {
  PARSE(s, "at 1s write Michel \"x+=1\" retry after 300ms to Sophie\n"
           "at 1.2s crash Luc\n"
           "at 1.3s write Paul y retry after 1s\n"
           "at 1.5s restart Luc\n");
  QCOMPARE(s.actions.size(), size_t(6));
  QVERIFY(s.actions[0] == makeAction(1'000'000, ActionKind::Write, 1, 0, kNoNode, "x+=1"));
  QVERIFY(s.actions[1] == makeAction(1'200'000, ActionKind::Crash, 2, 4));
  QVERIFY(s.actions[2] == makeAction(1'300'000, ActionKind::Resend, 1, 2, kNoNode, "x+=1"));  // equal times: script order
  QVERIFY(s.actions[3] == makeAction(1'300'000, ActionKind::Write, 3, 3, kNoNode, "y"));
  QVERIFY(s.actions[4] == makeAction(1'500'000, ActionKind::Restart, 4, 4));
  QVERIFY(s.actions[5] == makeAction(2'300'000, ActionKind::Resend, 3, 3, kNoNode, "y"));
  // A resend on its own line names an earlier write's text.
  PARSE(r, "at 1s write Michel x\nat 2s resend Sophie x\n");
  QVERIFY(r.actions[1] == makeAction(2'000'000, ActionKind::Resend, 2, 2, kNoNode, "x"));
}

void TestScript::partitionGroups() {
  {
    // The nodes not named form one more group, appended last.
    PARSE(s, "at 1s partition Luc | Jean-Pierre Sophie");
    const std::vector<std::vector<NodeId>> groups = {{4}, {1, 2}, {0, 3}};
    QVERIFY(s.actions[0].groups == groups);
  }
  {
    // '|' may touch the names; three groups covering every node: no extra group.
    PARSE(s, "nodes 3\nat 1s partition Sophie|Michel |Jean-Pierre");
    const std::vector<std::vector<NodeId>> groups = {{2}, {0}, {1}};
    QVERIFY(s.actions[0].kind == ActionKind::Partition);
    QVERIFY(s.actions[0].groups == groups);
    QCOMPARE(s.actions[0].node, kNoNode);
  }
}

void TestScript::titleAndExpectations() {
  PARSE(s, "title   Chapter 5: \"the\" lagging node   # comment\n"
           "expect leaders 1\n"
           "expect   holds Michel \"a # b\"   # comment   \n"
           "expect no-finding\n");
  QCOMPARE(qs(s.title), QStringLiteral("Chapter 5: \"the\" lagging node"));
  QCOMPARE(s.expectations.size(), size_t(3));
  QCOMPARE(qs(s.expectations[0]), QStringLiteral("leaders 1"));
  QCOMPARE(qs(s.expectations[1]), QStringLiteral("holds Michel \"a # b\""));
  QCOMPARE(qs(s.expectations[2]), QStringLiteral("no-finding"));
}

void TestScript::until() {
  PARSE(set, "until 2.5s");
  QCOMPARE(set.until_us, Time(2'500'000));
  PARSE(equal, "at 3s crash Michel\nuntil 3s");
  QCOMPARE(equal.until_us, Time(3'000'000));
  PARSE(before, "until 20s\nat 15s crash Michel");  // 'until' may come first
  QCOMPARE(before.until_us, Time(20'000'000));
  PARSE(atDefault, "at 10s crash Michel");  // exactly the default end
  QCOMPARE(atDefault.until_us, Time(10'000'000));
}

void TestScript::parseDurationValues_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<qint64>("us");
  QTest::newRow("seconds") << "1.5s" << qint64(1'500'000);
  QTest::newRow("whole seconds") << "10s" << qint64(10'000'000);
  QTest::newRow("zero") << "0s" << qint64(0);
  QTest::newRow("milliseconds") << "500ms" << qint64(500'000);
  QTest::newRow("fractional ms") << "0.25ms" << qint64(250);
  QTest::newRow("microseconds") << "20us" << qint64(20);
  QTest::newRow("leading zeros") << "007ms" << qint64(7'000);
  QTest::newRow("round half up s") << "1.0000005s" << qint64(1'000'001);
  QTest::newRow("round down s") << "1.0000004999s" << qint64(1'000'000);
  QTest::newRow("round ms to 0") << "0.0004ms" << qint64(0);
  QTest::newRow("round ms up") << "0.0005ms" << qint64(1);
  QTest::newRow("round us") << "2.5us" << qint64(3);
  QTest::newRow("round us down") << "2.49us" << qint64(2);
  QTest::newRow("trailing zeros") << "1.500000000s" << qint64(1'500'000);
  QTest::newRow("largest") << "9223372036854775807us" << qint64(9'223'372'036'854'775'807LL);
}

void TestScript::parseDurationValues() {
  QFETCH(QString, text);
  QFETCH(qint64, us);
  auto d = parseDuration(text.toStdString());
  QVERIFY(d.has_value());
  QCOMPARE(qint64(*d), us);
}

void TestScript::parseDurationRejects_data() {
  QTest::addColumn<QString>("text");
  for (const char* bad : {"", "3", "1.5", "ms", "s", "us", "1.s", ".5s", "-5ms", "+5ms", "5xs", "1,5s", "5 ms",
                          "5Ms", "5m", "5sec", "1.2.3s", "abc", "9223372036854775808us", "99999999999999999999s",
                          "9223372036854776s"})
    QTest::newRow(bad[0] ? bad : "(empty)") << QString::fromUtf8(bad);
}

void TestScript::parseDurationRejects() {
  QFETCH(QString, text);
  QVERIFY(!parseDuration(text.toStdString()).has_value());
}

void TestScript::formatDurationValues_data() {
  QTest::addColumn<qint64>("us");
  QTest::addColumn<QString>("text");
  QTest::newRow("1.5s") << qint64(1'500'000) << "1.5s";
  QTest::newRow("500ms") << qint64(500'000) << "500ms";
  QTest::newRow("20us") << qint64(20) << "20us";
  QTest::newRow("1.25ms") << qint64(1'250) << "1.25ms";
  QTest::newRow("0s") << qint64(0) << "0s";
  QTest::newRow("2s") << qint64(2'000'000) << "2s";
  QTest::newRow("1ms") << qint64(1'000) << "1ms";
  QTest::newRow("1us") << qint64(1) << "1us";
  QTest::newRow("999us") << qint64(999) << "999us";
  QTest::newRow("1.000001s") << qint64(1'000'001) << "1.000001s";
  QTest::newRow("1.001ms") << qint64(1'001) << "1.001ms";
  QTest::newRow("120s") << qint64(120'000'000) << "120s";
  QTest::newRow("negative") << qint64(-1'500) << "-1.5ms";
}

void TestScript::formatDurationValues() {
  QFETCH(qint64, us);
  QFETCH(QString, text);
  QCOMPARE(qs(formatDuration(us)), text);
}

void TestScript::formatParseRoundTrip() {
  for (Time v : {Time(0), Time(1), Time(7), Time(999), Time(1'000), Time(1'001), Time(12'345), Time(999'999),
                 Time(1'000'000), Time(1'234'567), Time(3'600'000'000), Time(9'223'372'036'854'775'807LL)}) {
    auto back = parseDuration(formatDuration(v));
    QVERIFY2(back.has_value(), formatDuration(v).c_str());
    QCOMPARE(*back, v);
  }
}

void TestScript::errorToString() {
  QCOMPARE(qs(ScriptError{"a.radeau", 3, 7, "boom"}.toString()), QStringLiteral("a.radeau:3:7: boom"));
  QCOMPARE(qs(ScriptError{"a.radeau", 3, 0, "boom"}.toString()), QStringLiteral("a.radeau:3: boom"));

  ScriptError e;
  QVERIFY(!parseScenario("nodes Michel Jean-Pierre Sophie\n\nat 1s crash Bob\n", "demo.radeau", e));
  QCOMPARE(qs(e.file), QStringLiteral("demo.radeau"));
  QCOMPARE(qs(e.toString()),
           QStringLiteral("demo.radeau:3:13: unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie)"));
}

void TestScript::errors_data() {
  QTest::addColumn<QByteArray>("script");
  QTest::addColumn<int>("line");
  QTest::addColumn<int>("column");
  QTest::addColumn<QString>("message");
  auto row = [](const char* name, const char* script, int line, int column, const char* message) {
    QTest::newRow(name) << QByteArray(script) << line << column << QString::fromUtf8(message);
  };
  const char* durationHint = " (use us, ms or s, e.g. 150ms)";
  const std::string malformed5xs = std::string("malformed duration '5xs'") + durationHint;
  const std::string malformed150 = std::string("malformed duration '150'") + durationHint;
  const std::string malformed3x = std::string("malformed duration '3x'") + durationHint;
  const std::string malformed10 = std::string("malformed duration '10'") + durationHint;

  // --- the examples of the brief ---
  row("unknown command", "frobnicate 3", 1, 1, "unknown command 'frobnicate'");
  row("unknown node", "nodes Michel Jean-Pierre Sophie\nat 1s crash Bob", 2, 13,
      "unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie)");
  row("unknown concept", "concepts full -teleport", 1, 15, "unknown concept 'teleport'");
  row("malformed duration", "at 5xs crash Michel", 1, 4, malformed5xs.c_str());
  row("time backwards", "at 2s crash Michel\nat 1s restart Michel", 2, 4, "time goes backwards: 1s is before 2s");
  row("malformed number", "seed abc", 1, 6, "malformed number 'abc'");
  row("too many nodes", "nodes 12", 1, 7, "expected 1 to 9 nodes, got 12");
  row("duplicate name", "nodes Michel Paul Michel", 1, 19, "duplicate node name 'Michel'");
  row("unterminated string", "at 1s write Michel \"x=1", 1, 20, "unterminated string");
  row("write without text", "at 1s write Michel", 1, 7, "'write' needs a node and a text");
  row("read without key", "nodes 3\nat 1s read Michel", 2, 7, "'read' needs a node and a key, e.g. read Michel x");
  row("read two keys", "nodes 3\nat 1s read Michel x y", 2, 21, "unexpected 'y' ('read' takes a node and one key)");
  row("read unknown node", "nodes 3\nat 1s read Bob x", 2, 12, "unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie)");
  row("read key with =", "nodes 3\nat 1s read Michel x=1", 2, 19,
      "the key 'x=1' may hold letters, digits and signs, not '=', quotes or spaces");
  row("drift unknown node", "nodes 3\ntiming drift Bob 2", 2, 14, "unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie)");
  row("drift bad rate", "nodes 3\ntiming drift Sophie 20", 2, 21, "a clock rate is a number from 0.1 to 10, got '20'");
  row("drift without rate", "nodes 3\ntiming drift Sophie", 2, 8, "'drift' needs a node and a clock rate, e.g. timing drift Sophie 1.5");
  row("read key too long", "nodes 3\nat 1s read Michel abcdefghijklmnopq", 2, 19,
      "the key 'abcdefghijklmnopq' is longer than 16 bytes");
  row("add nobody", "nodes 3\nat 1s add", 2, 7, "'add' needs at least one node, e.g. add Paul");
  row("add twice", "nodes 3\nat 1s add Sophie Sophie", 2, 18, "node 'Sophie' is named twice");
  row("remove to nobody", "nodes 3\nat 1s remove Sophie to", 2, 21, "'to' needs the node asked to make the change");
  row("members unknown", "nodes 3\nmembers Michel Bob", 2, 16, "unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie)");
  row("members after at", "nodes 3\nat 1s crash Michel\nmembers Michel", 3, 1, "'members' must come before the first 'at' line");
  row("probability", "network loss 1.5", 1, 14, "probability must be between 0 and 1, got 1.5");
  row("until before last action", "at 6s crash Michel\nuntil 5s", 2, 7, "until 5s is before the last action at 6s");

  // --- general ---
  row("leading blanks", "  \tfrobnicate", 1, 4, "unknown command 'frobnicate'");
  row("utf-8 column", "nodes Zoé Zoé", 1, 11, "duplicate node name 'Zoé'");
  row("line after comments", "# c\n\n   # c\nseed x", 4, 6, "malformed number 'x'");
  row("crlf", "nodes 3\r\nseed x\r\n", 2, 6, "malformed number 'x'");
  row("unknown escape", "at 1s write Michel \"a\\nb\"", 1, 22,
      "unknown escape '\\n' in string (use \\\" for a quote, \\\\ for a backslash)");
  row("backslash at end", "at 1s write Michel \"a\\", 1, 20, "unterminated string");
  row("text after quote", "at 1s write Michel \"x\"y", 1, 23, "expected a space after the closing quote");
  row("quote inside word", "at 1s write Michel x\"y", 1, 21,
      "unexpected '\"' inside a word (quote the whole text, e.g. \"x=1\")");

  // --- title / expect ---
  row("title empty", "title   # nothing", 1, 1, "'title' needs a text");
  row("title twice", "title A\ntitle B", 2, 1, "only one 'title' line is allowed");
  row("expect empty", "expect", 1, 1, "'expect' needs a text, e.g. expect leaders 1");
  // An expectation is read with the script, located: a typo is not an outcome.
  row("expect unknown check", "nodes Michel Sophie\nexpect   leadrs 1", 2, 10,
      "in 'expect': unknown check 'leadrs' (see recordings/scenarios/README.md)");
  row("expect unknown node", "nodes Michel Sophie\nexpect at 1s leader Bob", 2, 21, "in 'expect': unknown node 'Bob'");
  row("expect bad time", "nodes 2\nexpect at 1x leaders 1", 2, 11,
      "in 'expect': 'at' malformed time '1x' (e.g. 1.5s or 350ms)");
  row("expect missing number", "nodes 2\nexpect leaders", 2, 15, "in 'expect': needs a number of leaders");
  row("expect unknown finding", "nodes 2\nexpect finding acked-write-lots", 2, 16,
      "in 'expect': unknown finding 'acked-write-lots' (two-leaders, log-divergence, acked-write-lost, "
      "committed-entry-lost, commit-mismatch, write-failed, write-never-acked, applied-twice, stale-read)");

  // --- nodes ---
  row("nodes empty", "nodes", 1, 1, "'nodes' needs a count (1 to 9) or the node names");
  row("zero nodes", "nodes 0", 1, 7, "expected 1 to 9 nodes, got 0");
  row("ten names", "nodes A B C D E F G H I J", 1, 25, "expected 1 to 9 nodes, got 10");
  row("huge count", "nodes 99999999999999999999999", 1, 7, "expected 1 to 9 nodes, got 99999999999999999999999");
  row("name starts with digit", "nodes Paul 3abc", 1, 12,
      "invalid node name '3abc' (use letters, digits, '-' and '_', not starting with a digit)");
  row("name with dot", "nodes Mi.chel", 1, 7,
      "invalid node name 'Mi.chel' (use letters, digits, '-' and '_', not starting with a digit)");
  row("name with symbol", "nodes Ana ☃", 1, 11,
      "invalid node name '☃' (use letters, digits, '-' and '_', not starting with a digit)");
  row("name bad utf-8", "nodes Ana B\xC3", 1, 11,
      "invalid node name 'B\\xc3' (use letters, digits, '-' and '_', not starting with a digit)");
  row("name none", "nodes none Paul", 1, 7, "'none' cannot be a node name (it means no node after 'voted')");
  row("nodes twice", "nodes 3\nnodes 4", 2, 1, "only one 'nodes' line is allowed");
  row("nodes after init", "init Michel term 2\nnodes 3", 2, 1, "'nodes' must come before any line that names a node");
  row("nodes after at", "at 1s crash Michel\nnodes 3", 2, 1, "'nodes' must come before any line that names a node");
  row("names are case-sensitive", "at 1s crash michel", 1, 13,
      "unknown node 'michel' (nodes: Michel, Jean-Pierre, Sophie, Paul, Luc)");

  // --- concepts ---
  row("concepts empty", "concepts   # none", 1, 1, "'concepts' needs a spec, e.g. full, chapter 5 or +terms");
  row("concepts problem", "concepts full -terms", 1, 10, "stale-term-rejection needs terms");
  row("concepts unknown chapter", "concepts chapter 42", 1, 18,
      "unknown chapter '42' (1-16 or a name such as 'candidate')");
  row("concepts after at", "at 1s heal\nconcepts full", 2, 1,
      "'concepts' must come before the first 'at' line (use 'at TIME concepts ...' to change them during the run)");

  // --- seed ---
  row("seed empty", "seed", 1, 1, "'seed' needs a number");
  row("seed extra", "seed 1 2", 1, 8, "unexpected '2' ('seed' takes one number)");
  row("seed too large", "seed 18446744073709551616", 1, 6,
      "number '18446744073709551616' is too large (at most 18446744073709551615)");
  row("seed negative", "seed -1", 1, 6, "malformed number '-1'");

  // --- timing ---
  row("timing empty", "timing", 1, 1,
      "'timing' needs election, heartbeat or latency, e.g. timing election 150ms..300ms");
  row("timing unknown key", "timing speed 5ms", 1, 8, "unknown timing key 'speed' (election, heartbeat, latency or snapshot)");
  row("timing snapshot zero", "timing snapshot 0", 1, 17, "'snapshot' needs at least 1 entry");
  row("timing snapshot duration", "timing snapshot 5ms", 1, 17, "malformed number '5ms'");
  row("timing duplicate key", "timing election 1ms heartbeat 5ms election 2ms", 1, 35,
      "duplicate timing key 'election'");
  row("election no value", "timing election", 1, 8, "'election' needs a duration or a range, e.g. 150ms..300ms");
  row("heartbeat no value", "timing heartbeat", 1, 8, "'heartbeat' needs a duration, e.g. 50ms");
  row("latency no value", "timing heartbeat 5ms latency", 1, 22,
      "'latency' needs a duration or a range, e.g. 10ms..20ms");
  row("range backwards", "timing election 300ms..150ms", 1, 17,
      "range 300ms..150ms has its minimum above its maximum");
  row("election zero", "timing election 0ms..150ms", 1, 17, "the election timeout must be greater than 0");
  row("heartbeat zero", "timing heartbeat 0ms", 1, 18, "the heartbeat must be greater than 0");
  row("heartbeat range", "timing heartbeat 50ms..60ms", 1, 18, "'heartbeat' takes one duration, not a range");
  row("range right malformed", "timing election 150ms..3x", 1, 24, malformed3x.c_str());
  row("range half", "timing latency 10ms..", 1, 16, "malformed range '10ms..' (e.g. 150ms..300ms)");
  row("duration without unit", "timing election 150", 1, 17, malformed150.c_str());

  // --- network ---
  row("network empty", "network", 1, 1, "'network' needs loss or duplicate, e.g. network loss 0.05");
  row("network unknown key", "network jitter 0.1", 1, 9, "unknown network key 'jitter' (loss or duplicate)");
  row("network duplicate key", "network loss 0.1 loss 0.2", 1, 18, "duplicate network key 'loss'");
  row("network no value", "network duplicate", 1, 9, "'duplicate' needs a probability between 0 and 1");
  row("network malformed", "network loss abc", 1, 14, "malformed number 'abc'");
  row("network malformed dot", "network loss .5", 1, 14, "malformed number '.5'");
  row("network negative", "network duplicate -0.5", 1, 19, "probability must be between 0 and 1, got -0.5");

  // --- init ---
  row("init empty", "init", 1, 1, "'init' needs a node, e.g. init Michel term 2 voted Michel log 1 \"x=1\" 2 \"x=2\"");
  row("init unknown node", "init Bob term 1", 1, 6,
      "unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie, Paul, Luc)");
  row("init twice", "init Michel term 1\ninit Michel log 1", 2, 6, "duplicate 'init' for node 'Michel'");
  row("init term missing", "init Michel term", 1, 13, "'term' needs a number");
  row("init term malformed", "init Michel term x", 1, 18, "malformed number 'x'");
  row("init term too large", "init Michel term 4294967296", 1, 18,
      "number '4294967296' is too large (at most 4294967295)");
  row("init term twice", "init Michel term 1 term 2", 1, 20, "duplicate 'term'");
  row("init voted missing", "init Michel voted", 1, 13, "'voted' needs a node or none");
  row("init voted unknown", "nodes 2\ninit Michel voted Sophie", 2, 19,
      "unknown node 'Sophie' (nodes: Michel, Jean-Pierre)");
  row("init voted twice", "init Michel voted none voted Paul", 1, 24, "duplicate 'voted'");
  row("init log not last", "init Michel log 1 2 term 3", 1, 21, "'log' must come last on an 'init' line");
  row("init text first", "init Michel log \"x=1\" 1", 1, 17, "an entry text follows its term, e.g. log 1 \"x=1\" 2 \"x=2\"");
  row("init two texts", "init Michel log 1 \"x=1\" \"x=2\"", 1, 25, "an entry text follows its term, e.g. log 1 \"x=1\" 2 \"x=2\"");
  row("init log malformed", "init Michel log 1 x", 1, 19, "malformed number 'x'");
  row("init unknown key", "init Michel color red", 1, 13, "unknown init key 'color' (term, voted or log)");

  // --- at ---
  row("at empty", "at", 1, 1, "'at' needs a time and an action, e.g. at 1s crash Michel");
  row("at no action", "at 1s", 1, 1, "'at' needs a time and an action, e.g. at 1s crash Michel");
  row("at negative", "at -5ms crash Michel", 1, 4, "a duration cannot be negative, got '-5ms'");
  row("at no unit", "at 10 crash Michel", 1, 4, malformed10.c_str());
  row("unknown action", "at 1s fly Michel", 1, 7,
      "unknown action 'fly' (write, resend, read, crash, restart, cut, heal, isolate, partition, timeout, drop, add, remove or concepts)");
  row("write extra", "at 1s write Michel x y", 1, 22,
      "unexpected 'y' ('write' takes a node and one text, then optionally 'retry after T [to NODE]'; quote a text "
      "with spaces, e.g. \"x = 1\")");
  row("write quoted retry", "at 1s write Michel x \"retry\" after 1s", 1, 22,
      "unexpected 'retry' ('write' takes a node and one text, then optionally 'retry after T [to NODE]'; quote a "
      "text with spaces, e.g. \"x = 1\")");
  row("retry no after", "at 1s write Michel x retry", 1, 22, "'retry' needs 'after' and a time, e.g. retry after 200ms");
  row("retry before", "at 1s write Michel x retry before 1s", 1, 28,
      "'retry' needs 'after' and a time, e.g. retry after 200ms");
  row("retry no time", "at 1s write Michel x retry after", 1, 28,
      "'retry' needs 'after' and a time, e.g. retry after 200ms");
  row("retry bad time", "at 1s write Michel x retry after soon", 1, 34,
      "malformed duration 'soon' (use us, ms or s, e.g. 150ms)");
  row("retry zero", "at 1s write Michel x retry after 0ms", 1, 34, "'retry after' needs a time above 0, got '0ms'");
  row("retry to nobody", "at 1s write Michel x retry after 1s to", 1, 37, "'to' needs the node the client resends to");
  row("retry to unknown", "at 1s write Michel x retry after 1s to Bob", 1, 40,
      "unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie, Paul, Luc)");
  row("retry not to", "at 1s write Michel x retry after 1s at Paul", 1, 37,
      "unexpected 'at' (after 'retry after T' only 'to NODE')");
  row("retry extra", "at 1s write Michel x retry after 1s to Paul now", 1, 45,
      "unexpected 'now' ('retry after T to NODE' ends the line)");
  row("resend unwritten", "at 1s resend Michel x", 1, 21,
      "'resend' needs the text of an earlier write, no write wrote 'x'");
  row("resend nothing", "at 1s resend Michel", 1, 7, "'resend' needs a node and the text of an earlier write");
  row("write nothing", "at 1s write", 1, 7, "'write' needs a node and a text");
  row("write unknown node", "at 1s write Bob x", 1, 13,
      "unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie, Paul, Luc)");
  row("crash no node", "at 1s crash", 1, 7, "'crash' needs a node");
  row("restart extra", "at 1s restart Michel Paul", 1, 22, "unexpected 'Paul' ('restart' takes one node)");
  row("isolate no node", "at 1s isolate", 1, 7, "'isolate' needs a node");
  row("timeout no node", "at 1s timeout  # c", 1, 7, "'timeout' needs a node");
  row("cut one node", "at 1s cut Michel", 1, 7, "'cut' needs two nodes");
  row("cut same node", "at 1s cut Michel Michel", 1, 18, "'cut' needs two different nodes, got 'Michel' twice");
  row("cut extra", "at 1s cut Michel Paul Luc", 1, 23, "unexpected 'Luc' ('cut' takes two nodes)");
  row("heal same node", "at 1s heal Michel Michel", 1, 19, "'heal' needs two different nodes, got 'Michel' twice");
  row("heal one node", "at 1s heal Michel", 1, 7, "'heal' needs two nodes, or none to heal every link");
  row("drop same node", "at 1s drop Paul Paul", 1, 17, "'drop' needs two different nodes, got 'Paul' twice");
  row("drop one node", "at 1s drop Paul", 1, 7, "'drop' needs two nodes");
  row("partition one group", "at 1s partition Michel Paul", 1, 7,
      "'partition' needs at least two groups separated by '|', e.g. partition Michel | Jean-Pierre Sophie");
  row("partition nothing", "at 1s partition", 1, 7,
      "'partition' needs at least two groups separated by '|', e.g. partition Michel | Jean-Pierre Sophie");
  row("partition empty middle", "at 1s partition Michel | | Paul", 1, 26,
      "empty group in 'partition' (groups are separated by '|')");
  row("partition empty first", "at 1s partition | Michel Paul", 1, 17,
      "empty group in 'partition' (groups are separated by '|')");
  row("partition empty last", "at 1s partition Michel | Paul |", 1, 31,
      "empty group in 'partition' (groups are separated by '|')");
  row("partition node twice", "at 1s partition Michel | Paul Michel", 1, 31,
      "node 'Michel' appears twice in 'partition'");
  row("partition unknown glued", "at 1s partition Michel|Bob", 1, 24,
      "unknown node 'Bob' (nodes: Michel, Jean-Pierre, Sophie, Paul, Luc)");
  row("at concepts empty", "at 1s concepts", 1, 7, "'concepts' needs a spec, e.g. +terms or chapter 5");
  row("at concepts unknown", "at 1s concepts +teleport", 1, 16, "unknown concept 'teleport'");
  row("at concepts problem", "concepts chapter 4\nat 1s concepts +terms", 2, 16, "terms needs election");

  // --- until ---
  row("until empty", "until", 1, 1, "'until' needs a time, e.g. until 10s");
  row("until extra", "until 5s 6s", 1, 10, "unexpected '6s' ('until' takes one time)");
  row("until twice", "until 5s\nuntil 6s", 2, 1, "only one 'until' line is allowed");
  row("until no unit", "until 10", 1, 7, malformed10.c_str());
  row("until before later at", "until 5s\nat 6s crash Michel", 1, 7, "until 5s is before the last action at 6s");
  row("past default end", "at 1s crash Michel\nat 12s restart Michel", 2, 4,
      "the last action at 12s is after the end of the run at 10s (add an 'until' line)");
}

void TestScript::errors() {
  QFETCH(QByteArray, script);
  QFETCH(int, line);
  QFETCH(int, column);
  QFETCH(QString, message);
  ScriptError e;
  auto s = parseScenario(std::string_view(script.constData(), size_t(script.size())), kFile, e);
  QVERIFY(!s.has_value());
  QCOMPARE(qs(e.file), QString::fromUtf8(kFile));
  QCOMPARE(qs(e.message), message);
  QCOMPARE(e.line, line);
  QCOMPARE(e.column, column);
}

void TestScript::firstErrorWins() {
  ScriptError e;
  QVERIFY(!parseScenario("seed 1\nseed x\nfrobnicate\nat 9s crash Bob\nuntil 1s\n", kFile, e));
  QCOMPARE(e.line, 2);
  QCOMPARE(qs(e.message), QStringLiteral("malformed number 'x'"));
}

void TestScript::defaultScenarioParses() {
  const std::string_view text = defaultScenarioText();
  QVERIFY(text.starts_with("#"));  // a comment header says what it shows
  PARSE(s, text);
  QVERIFY(s.config.names == defaultNames(5));
  QVERIFY(s.config.concepts == Concepts::full());
  QCOMPARE(s.config.seed, uint64_t(42));
  QCOMPARE(s.config.timing.election_min_us, Time(150'000));
  QCOMPARE(s.config.timing.election_max_us, Time(300'000));
  QCOMPARE(s.config.timing.heartbeat_us, Time(50'000));
  QCOMPARE(s.config.timing.latency_min_us, Time(10'000));
  QCOMPARE(s.config.timing.latency_max_us, Time(20'000));
  QCOMPARE(s.until_us, Time(4'000'000));

  // Writes on several nodes before the crash, Michel crashes at 1.5s, more
  // writes while he is down, and he restarts at 3s.
  std::vector<NodeId> writers_before;
  int writes_while_down = 0, crashes = 0, restarts = 0;
  Time previous = 0;
  for (const Action& a : s.actions) {
    QVERIFY(a.time_us >= previous);
    previous = a.time_us;
    if (a.kind == ActionKind::Write && a.time_us < 1'500'000) {
      QVERIFY(a.time_us >= 500'000);
      QVERIFY(!a.text.empty());
      writers_before.push_back(a.node);
    } else if (a.kind == ActionKind::Write) {
      QVERIFY(a.time_us > 1'500'000 && a.time_us < 3'000'000);
      QVERIFY(a.node != 0);  // not on the crashed node
      ++writes_while_down;
    } else if (a.kind == ActionKind::Crash) {
      QCOMPARE(a.time_us, Time(1'500'000));
      QCOMPARE(a.node, NodeId(0));
      ++crashes;
    } else if (a.kind == ActionKind::Restart) {
      QCOMPARE(a.time_us, Time(3'000'000));
      QCOMPARE(a.node, NodeId(0));
      ++restarts;
    } else {
      QFAIL("unexpected action kind in the default scenario");
    }
  }
  QVERIFY(writers_before.size() >= 3);
  std::sort(writers_before.begin(), writers_before.end());
  QVERIFY(std::unique(writers_before.begin(), writers_before.end()) - writers_before.begin() >= 3);
  QVERIFY(writes_while_down >= 2);
  QCOMPARE(crashes, 1);
  QCOMPARE(restarts, 1);
}

QTEST_APPLESS_MAIN(TestScript)
#include "test_script.moc"

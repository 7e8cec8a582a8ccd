// The window's pure parts: the timeline's time-to-pixel map, the cluster
// picture (message positions interpolated from the journal and the instant),
// log cells with divergence, timeline marks, and the item models under
// QAbstractItemModelTester. No Run or Playhead here: frames come from a
// Simulator and core's fold().
#include <QtTest>

#include <QAbstractItemModelTester>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QStandardItemModel>
#include <QHeaderView>
#include <QTableView>
#include <cmath>
#include <set>

#include "app/render/cluster_picture.h"
#include "app/gui/calm_scroll_bar.h"
#include "app/gui/cluster_view.h"
#include "app/render/cluster_paint.h"
#include "app/render/language.h"
#include "app/gui/log_view.h"
#include "app/gui/models.h"
#include "app/gui/text_cell_delegate.h"
#include "app/render/theme.h"
#include "app/gui/time_map.h"
#include "app/gui/timeline.h"
#include "core/format.h"
#include "core/script.h"
#include "core/simulator.h"
#include "replay/projection.h"

using namespace radeau;
using namespace radeau::gui;

namespace {

Simulator simulate(const char* script) {
  ScriptError error;
  auto sc = parseScenario(script, "test", error);
  if (!sc) qFatal("%s", error.toString().c_str());
  Simulator sim(sc->config);
  sim.schedule(sc->actions);
  sim.runUntil(sc->until_us);
  return sim;
}

constexpr const char* kThree = R"(nodes 3
concepts full
seed 5
at 500ms write Michel "x=1"
at 700ms crash Michel
until 1s
)";

}  // namespace

class TestGuiParts : public QObject {
  Q_OBJECT

 private slots:
  void timeMap_data();
  void timeMap();
  void timeMapRoundTrips();
  void nodesSitOnACircle();
  void messagePositionFollowsTime_data();
  void messagePositionFollowsTime();
  void droppedMessagesFadeWhereTheyDied();
  void droppedRemnantsAreCappedPerLink();
  void aCrashedNodeShowsNoRoleLetter();
  void aPreCandidateCountsItsOwnYes();
  void labelsByMessageType();
  void timersEmpty();
  void logCellsMarkDivergence();
  void logCellsCommittedAndText();
  void marksOfAJournal();
  void timelineDrawsFromItsIndex();
  void nodeTableHighlightsChanges();
  void modelsPassTheTester();
  void journalPanelShowsAWindowAroundThePlayhead();
  void viewPaintsAFrame();
  void aTimerRingRepaintedInPiecesIsTheWholeRing();
  void tableTextLooksAsTheStyleDrawsIt();
  void aScrollBarRepaintsOnlyWhenItsPictureChanges();
};

void TestGuiParts::timeMap_data() {
  QTest::addColumn<qint64>("t0");
  QTest::addColumn<qint64>("t1");
  QTest::addColumn<double>("x0");
  QTest::addColumn<double>("x1");
  QTest::addColumn<qint64>("t");
  QTest::addColumn<double>("x");
  QTest::newRow("start") << qint64(0) << qint64(1000) << 10.0 << 110.0 << qint64(0) << 10.0;
  QTest::newRow("end") << qint64(0) << qint64(1000) << 10.0 << 110.0 << qint64(1000) << 110.0;
  QTest::newRow("middle") << qint64(0) << qint64(1000) << 10.0 << 110.0 << qint64(500) << 60.0;
  QTest::newRow("before clamps") << qint64(0) << qint64(1000) << 10.0 << 110.0 << qint64(-50) << 10.0;
  QTest::newRow("after clamps") << qint64(0) << qint64(1000) << 10.0 << 110.0 << qint64(5000) << 110.0;
  QTest::newRow("offset range") << qint64(2'000'000) << qint64(4'000'000) << 0.0 << 1000.0 << qint64(3'000'000) << 500.0;
  QTest::newRow("empty range") << qint64(0) << qint64(0) << 0.0 << 100.0 << qint64(0) << 0.0;
}

void TestGuiParts::timeMap() {
  QFETCH(qint64, t0);
  QFETCH(qint64, t1);
  QFETCH(double, x0);
  QFETCH(double, x1);
  QFETCH(qint64, t);
  QFETCH(double, x);
  TimeMap m{t0, t1, x0, x1};
  QCOMPARE(m.x(t), x);
}

void TestGuiParts::timeMapRoundTrips() {
  TimeMap m{0, 4'000'000, 16, 1616};
  QCOMPARE(m.usPerPixel(), 2500.0);
  for (double x : {16.0, 100.0, 815.5, 1616.0}) QVERIFY(std::abs(m.x(m.t(x)) - x) < 0.001);
  QCOMPARE(m.t(-100), Time(0));
  QCOMPARE(m.t(5000), Time(4'000'000));
}

void TestGuiParts::nodesSitOnACircle() {
  // Distinct positions, inside the scene, first node on top.
  for (int count = 1; count <= kMaxNodes; ++count) {
    for (int i = 0; i < count; ++i) {
      QPointF p = nodeCentre(i, count);
      QVERIFY(p.x() - kNodeRadius > 0 && p.x() + kNodeRadius < kSceneWidth);
      QVERIFY(p.y() - kNodeRadius - 40 > 0 && p.y() + kNodeRadius + 60 < kSceneHeight);
      for (int k = 0; k < i; ++k) {
        QPointF d = p - nodeCentre(k, count);
        QVERIFY2(std::hypot(d.x(), d.y()) > 2 * kNodeRadius + 40, "nodes do not overlap");
      }
    }
    if (count >= 3)
      for (int i = 1; i < count; ++i) QVERIFY(nodeCentre(0, count).y() < nodeCentre(i, count).y());
  }
}

void TestGuiParts::messagePositionFollowsTime_data() {
  QTest::addColumn<double>("fraction");
  QTest::newRow("just sent") << 0.0;
  QTest::newRow("a quarter") << 0.25;
  QTest::newRow("half way") << 0.5;
  QTest::newRow("almost there") << 0.9;
}

void TestGuiParts::messagePositionFollowsTime() {
  QFETCH(double, fraction);
  Simulator sim = simulate(kThree);
  const Journal& j = sim.journal();
  Seq s = kNoSeq;
  for (Seq i = 0; i < j.size(); ++i)
    if (j[i].kind == EventKind::MessageSent && j[i].time_us > 100'000 && j[i].dt_us > 1000) {
      s = i;
      break;
    }
  QVERIFY(s != kNoSeq);
  const Event& m = j[s];
  Time t = m.time_us + Time(fraction * double(m.dt_us));
  Frame f = foldFrame(sim.config(), j, t);
  ClusterPicture p = drawCluster(f);
  const MessageGlyph* g = nullptr;
  for (const auto& x : p.messages)
    if (x.sent == s) g = &x;
  QVERIFY(g);
  QVERIFY(std::abs(g->progress - fraction) < 0.001);
  QPointF a, b;
  messagePath(m.node, m.peer, 3, a, b);
  QPointF expected = a + (b - a) * g->progress;
  QVERIFY(std::abs(g->head.x() - expected.x()) < 0.01 && std::abs(g->head.y() - expected.y()) < 0.01);
  QVERIFY(!g->dead);
  QCOMPARE(g->opacity, 1.0);
  // Pure: the same instant draws the same picture.
  ClusterPicture again = drawCluster(foldFrame(sim.config(), j, t));
  QCOMPARE(again.messages.size(), p.messages.size());
}

void TestGuiParts::droppedMessagesFadeWhereTheyDied() {
  // Michel crashes at 700ms: messages arriving at him are dropped there.
  Simulator sim = simulate(kThree);
  const Journal& j = sim.journal();
  Seq d = kNoSeq;
  for (Seq i = 0; i < j.size(); ++i)
    if (j[i].kind == EventKind::MessageDropped) {
      d = i;
      break;
    }
  QVERIFY(d != kNoSeq);
  const Event& drop = j[d];
  const Event& sent = j[drop.ref];
  auto find = [&](Time t) -> std::optional<MessageGlyph> {
    for (const auto& g : drawCluster(foldFrame(sim.config(), j, t)).messages)
      if (g.sent == drop.ref && g.dead) return g;
    return std::nullopt;
  };
  auto at = find(drop.time_us);
  QVERIFY(at);
  double died = double(drop.time_us - sent.time_us) / double(sent.at_us() - sent.time_us);
  QVERIFY(std::abs(at->progress - std::clamp(died, 0.0, 1.0)) < 0.001);
  QCOMPARE(at->opacity, 1.0);
  auto later = find(drop.time_us + kRemnantFadeUs / 2);
  QVERIFY(later && later->opacity < 0.6 && later->opacity > 0.4);
  QCOMPARE(later->head, at->head);  // it does not move any more
  QVERIFY(!find(drop.time_us + kRemnantFadeUs + 1));
  QVERIFY(!find(drop.time_us - 1));
}

// A node cut off keeps sending: only the latest few of its dropped messages
// per link stay on the picture, not a pile of faded labels.
void TestGuiParts::droppedRemnantsAreCappedPerLink() {
  ClusterConfig config;
  config.names = {"Michel", "Paul", "Sophie"};
  config.concepts = Concepts::full();
  Journal j;
  auto sendAndDrop = [&](Time at, NodeId from, NodeId to) {
    Event sent;
    sent.kind = EventKind::MessageSent;
    sent.sub = uint8_t(MsgType::LogRequest);
    sent.time_us = at;
    sent.dt_us = 8'000;
    sent.node = from;
    sent.peer = to;
    sent.term = 1;
    const Seq s = j.append(sent);
    Event drop;
    drop.kind = EventKind::MessageDropped;
    drop.sub = uint8_t(DropReason::LinkCut);
    drop.time_us = at + 1'000;
    drop.node = to;
    drop.peer = from;
    drop.ref = s;
    j.append(drop);
    return s;
  };
  std::vector<Seq> on_link;
  for (int i = 0; i < 10; ++i) on_link.push_back(sendAndDrop(Time(i) * 2'000, NodeId(i % 2), NodeId(1 - i % 2)));  // both ways
  const Seq other = sendAndDrop(20'000, 0, 2);
  const Time t = 22'000;
  const ClusterPicture p = drawCluster(foldFrame(config, j, t));
  std::vector<Seq> dead;
  for (const MessageGlyph& g : p.messages)
    if (g.dead) dead.push_back(g.sent);
  std::sort(dead.begin(), dead.end());
  // The latest kRemnantsPerLink of link Michel–Paul (either way), and Michel–Sophie's one.
  std::vector<Seq> want(on_link.end() - kRemnantsPerLink, on_link.end());
  want.push_back(other);
  QCOMPARE(dead, want);
  // They fade out sooner than the frame forgets drops.
  for (const MessageGlyph& g : p.messages) {
    const Time died = j[g.sent].time_us + 1'000;
    QCOMPARE(g.opacity, std::clamp(1.0 - double(t - died) / double(kRemnantFadeUs), 0.15, 1.0));
  }
  QVERIFY(drawCluster(foldFrame(config, j, 21'000 + kRemnantFadeUs + 1)).messages.empty());
  QVERIFY(kRemnantFadeUs < kDropFadeUs);
}

// A crashed node shows its cross, not the role it had: its picture is the
// same whatever that role was (before any terms, where the letter is drawn).
void TestGuiParts::aCrashedNodeShowsNoRoleLetter() {
  auto picture = [](Role role, bool alive) {
    ClusterPicture pic;
    NodeGlyph g;
    g.centre = QPointF(150, 150);
    g.role = role;
    g.alive = alive;
    g.show_terms = false;
    pic.nodes.push_back(g);
    QImage img(300, 300, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::white);
    QPainter p(&img);
    paintClusterPicture(p, pic, Theme());
    p.end();
    return img;
  };
  QCOMPARE(picture(Role::Leader, false), picture(Role::Follower, false));
  QCOMPARE(picture(Role::Candidate, false), picture(Role::Follower, false));
  // A live node does show its letter: leader and follower differ (L / F and the fill).
  QVERIFY(picture(Role::Leader, true) != picture(Role::Follower, true));
  QVERIFY(picture(Role::Follower, false) != picture(Role::Follower, true));
}

// Rung 13: a node asking pre-votes is a pre-candidate in the picture and the
// node table, its own yes counted (it gives it, though no Voted event says so).
void TestGuiParts::aPreCandidateCountsItsOwnYes() {
  const Simulator sim = simulate("nodes 3\nconcepts full\nseed 3\nuntil 2s\n");
  const Journal& j = sim.journal();
  Seq pre = kNoSeq, counted = kNoSeq;
  for (Seq s = 0; s < Seq(j.size()); ++s) {
    if (pre == kNoSeq && j[s].kind == EventKind::RoleChanged && (j[s].flags & kFlagPreCandidate)) pre = s;
    if (pre != kNoSeq && j[s].kind == EventKind::VoteCounted && j[s].node == j[pre].node) {
      counted = s;
      break;
    }
  }
  QVERIFY2(pre != kNoSeq && counted != kNoSeq, "the first election of full Raft starts with a pre-vote (seed 3)");
  const NodeId who = j[pre].node;
  ClusterState at_pre = fold(sim.config(), j, pre + 1);
  QVERIFY(at_pre.nodes[who].pre_candidate);
  QCOMPARE(at_pre.nodes[who].yesCount(), 1);
  NodeGlyph g;
  g.role = Role::Candidate;
  g.pre_candidate = true;
  g.votes = at_pre.nodes[who].yesCount();
  g.majority = at_pre.majority();
  QCOMPARE(roleBadge(g), QStringLiteral("PRE-CANDIDATE 1/2"));
  ClusterState at_yes = fold(sim.config(), j, counted + 1);
  QCOMPARE(at_yes.nodes[who].yesCount(), 2);
  QCOMPARE(int(j[counted].votes()), 2);  // the event and the picture say the same
  g.pre_candidate = false;
  QCOMPARE(roleBadge(g), QStringLiteral("CANDIDATE 1/2"));
  // Once a majority said yes it is a candidate of the next term, its own vote counted.
  ClusterState after = fold(sim.config(), j, counted + 4);
  QVERIFY(!after.nodes[who].pre_candidate);
  QCOMPARE(after.nodes[who].term, at_pre.nodes[who].term + 1);
}

void TestGuiParts::labelsByMessageType() {
  Journal j;
  // A message of term 2 as the sender would have made it.
  auto sent = [](Event m) {
    m.term = 2;
    return m;
  };
  // Before `terms` (rung 3): no term on any label.
  const Concepts early = findChapter("3")->concepts;
  Event e = sent(make::voteRequest(0, 0));
  QCOMPARE(messageLabel(e, j, early), QStringLiteral("vote?"));
  QCOMPARE(messageLabel(e, j), QStringLiteral("vote? t2"));  // full Raft
  e = sent(make::voteResponse(true));
  QCOMPARE(messageLabel(e, j), QStringLiteral("vote ✓"));
  QVERIFY(!messageRefused(e));
  e = sent(make::voteResponse(false));
  QCOMPARE(messageLabel(e, j), QStringLiteral("vote ✗"));
  QVERIFY(messageRefused(e));
  // A logRequest: the entries it carries; empty, the leader's heartbeat.
  const Entry carried[] = {{2, 0}, {2, 0}, {2, 0}};
  e = sent(make::logRequest(0, 0, 0, j.appendCarried(carried, 3), 3));
  QCOMPARE(messageLabel(e, j, early), QStringLiteral("log +3"));
  QCOMPARE(messageLabel(e, j, findChapter("terms")->concepts), QStringLiteral("log t2 +3"));
  e = sent(make::logRequest(0, 0, 0, 0, 0));
  QCOMPARE(messageLabel(e, j, early), QStringLiteral("♥"));
  QCOMPARE(messageLabel(e, j), QStringLiteral("♥ t2"));
  e = sent(make::logResponse(true, 0));
  QCOMPARE(messageLabel(e, j), QStringLiteral("ack"));
  e = sent(make::logResponse(false, 0));
  QCOMPARE(messageLabel(e, j), QStringLiteral("nack"));
  uint32_t w = j.addWrite({"x=1", 0, 0});
  e = sent(make::forwardedWrite(w));
  QCOMPARE(messageLabel(e, j), QStringLiteral("write x=1"));
  // A snapshot counts the keys it leaves: x=1, x=2 and y=1 are 2 keys.
  const uint32_t x2 = j.addWrite({"x=2", 0, 0}), y1 = j.addWrite({"y=1", 0, 0});
  const Entry snap[] = {{1, w}, {1, x2}, {2, y1}};
  e = sent(make::installSnapshot(3, 2, 0, j.appendCarried(snap, 3), 3));
  QCOMPARE(messageLabel(e, j, findChapter("snapshots")->concepts), QStringLiteral("snapshot · 2 keys"));
  // With client sessions (rung 14) the session table travels too: one client wrote them all.
  QCOMPARE(messageLabel(e, j), QStringLiteral("snapshot · 2 keys · 1 session"));
  // The window's language: core's French words.
  installLanguage(Language::French);
  QCOMPARE(messageLabel(e, j, findChapter("snapshots")->concepts), QStringLiteral("snapshot · 2 clés"));
  QCOMPARE(messageLabel(e, j), QStringLiteral("snapshot · 2 clés · 1 session"));
  QCOMPARE(messageLabel(sent(make::voteRequest(0, 0)), j, early), QStringLiteral("vote\u00a0?"));
  QCOMPARE(messageLabel(sent(make::logResponse(true, 0)), j), QStringLiteral("ok"));
  installLanguage(Language::English);
}

void TestGuiParts::timersEmpty() {
  Simulator sim = simulate(kThree);
  const Journal& j = sim.journal();
  // The first election timer: full when started, half way, empty at its deadline.
  Seq s = kNoSeq;
  for (Seq i = 0; i < j.size(); ++i)
    if (j[i].kind == EventKind::TimerStarted && j[i].timerKind() == TimerKind::Election) {
      s = i;
      break;
    }
  QVERIFY(s != kNoSeq);
  const Event& e = j[s];
  NodeId n = e.node;
  auto left = [&](Time t) { return drawCluster(foldFrame(sim.config(), j, t)).nodes[n].election_left; };
  QCOMPARE(left(e.time_us), 1.0);
  Time half = e.time_us + Time(e.dt_us / 2);
  if (foldFrame(sim.config(), j, half).state.nodes[n].election.started == s) QVERIFY(std::abs(left(half) - 0.5) < 0.01);
}

void TestGuiParts::logCellsMarkDivergence() {
  ClusterState s;
  s.node_count = 5;
  auto log = [&](int n, std::vector<Entry> e) { s.nodes[size_t(n)].log = std::move(e); };
  log(0, {{1, 1}, {1, 2}, {2, 3}});
  log(1, {{1, 1}, {1, 2}, {2, 3}});
  log(2, {{1, 1}, {1, 2}, {3, 4}});  // differs from the majority at 3
  log(3, {{1, 1}, {1, 5}});          // differs at 2
  log(4, {});
  Journal j;
  auto cells = logCells(s, j, 1, 4);
  QCOMPARE(cells.size(), size_t(5));
  struct Row { int node; std::vector<int> present, divergent; };
  const Row table[] = {
      {0, {1, 1, 1, 0}, {0, 0, 0, 0}},
      {1, {1, 1, 1, 0}, {0, 0, 0, 0}},
      {2, {1, 1, 1, 0}, {0, 0, 1, 0}},
      {3, {1, 1, 0, 0}, {0, 1, 0, 0}},
      {4, {0, 0, 0, 0}, {0, 0, 0, 0}},
  };
  for (const Row& r : table)
    for (size_t k = 0; k < 4; ++k) {
      QCOMPARE(int(cells[size_t(r.node)][k].present), r.present[k]);
      QCOMPARE(int(cells[size_t(r.node)][k].divergent), r.divergent[k]);
    }
  // A window further on.
  auto tail = logCells(s, j, 3, 2);
  QVERIFY(tail[2][0].divergent);
  QCOMPARE(tail[2][0].term, 3u);
}

void TestGuiParts::logCellsCommittedAndText() {
  ClusterState s;
  s.node_count = 2;
  Journal j;
  uint32_t w = j.addWrite({"x=1", 0, 0});
  s.nodes[0].log = {{1, 0}, {1, w}};
  s.nodes[0].commit = 1;
  s.nodes[1].log = {{1, 0}};
  s.concepts = Concepts::full();
  auto cells = logCells(s, j, 1, 2);
  QVERIFY(cells[0][0].committed);
  QVERIFY(!cells[0][1].committed);
  QCOMPARE(cells[0][0].text, QStringLiteral("no-op"));
  QCOMPARE(cells[0][1].text, QStringLiteral("x=1"));
  QVERIFY(!cells[1][0].committed);
  // Before the commit concept: an acknowledged write is drawn solid with a ✓, not as uncommitted.
  s.concepts = Concepts::full().without(Concept::Commit);
  s.writes.assign(w + 1, WriteStatus::Pending);
  QVERIFY(!logCells(s, j, 1, 2)[0][1].committed);
  s.writes[w] = WriteStatus::Acked;
  auto acked = logCells(s, j, 1, 2);
  QVERIFY(acked[0][1].acked && acked[0][1].committed);
  QVERIFY(!acked[0][0].acked);  // a no-op was never a client's write
}

void TestGuiParts::marksOfAJournal() {
  Simulator sim = simulate(kThree);
  std::vector<TimelineMark> marks;
  collectMarks(sim.journal(), 0, marks);
  int leaders = 0, crashes = 0;
  for (const auto& m : marks) {
    leaders += m.kind == MarkKind::LeaderElected;
    crashes += m.kind == MarkKind::Crash;
  }
  QVERIFY(leaders >= 1);
  QCOMPARE(crashes, 1);
  // Collected in two halves, the same marks.
  std::vector<TimelineMark> parts;
  const Seq half = Seq(sim.journal().size() / 2);
  const Journal prefix = Journal::sharePrefix(sim.journal(), half, sim.journal().carriedSize(), sim.journal().writes().size());
  collectMarks(prefix, 0, parts);
  collectMarks(sim.journal(), half, parts);
  QCOMPARE(parts, marks);
  // From the projection's notable events (gathered as it folds up to its last
  // checkpoint, found by kind past it), the same marks, also from the half on.
  const Projection projection(sim.config(), sim.journal(), 64);
  const std::vector<Projection::Notable>& notable = projection.notableUpTo(Seq(sim.journal().size()));
  QVERIFY(!notable.empty() && notable.size() < sim.journal().size());
  QVERIFY(std::is_sorted(notable.begin(), notable.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; }));
  std::vector<Seq> want_seqs, got_seqs;
  for (Seq i = 0; i < sim.journal().size(); ++i)
    if (isNotable(sim.journal()[i])) want_seqs.push_back(i);
  for (const auto& n : notable) got_seqs.push_back(n.seq);
  QVERIFY(sim.journal().size() % 64 != 0);  // events past the last checkpoint: read by kind when asked
  QCOMPARE(got_seqs, want_seqs);
  std::vector<TimelineMark> from_notable;
  collectMarks(sim.journal(), 0, from_notable, &notable);
  QCOMPARE(from_notable, marks);
  std::vector<TimelineMark> second_half, want_second_half;
  collectMarks(sim.journal(), half, second_half, &notable);
  collectMarks(sim.journal(), half, want_second_half);
  QCOMPARE(second_half, want_second_half);
}

// The timeline draws its marks from an index (issue 19: ten million events):
// on a small run it draws exactly the marks a scan of every mark draws; on a
// dense track it draws one mark per pixel column and kind, the same columns
// and kinds as a scan, and a paint costs O(width) binary searches, not O(marks).
void TestGuiParts::timelineDrawsFromItsIndex() {
  Simulator sim = simulate(kThree);
  std::vector<TimelineMark> all;
  collectMarks(sim.journal(), 0, all);
  Timeline small;
  small.resize(600, 80);
  small.setJournal(&sim.journal(), sim.journal().back().time_us);
  QCOMPARE(small.marksToDraw(0, 600), all);
  // Talk mode: none after the playhead.
  small.setHideFuture(true);
  small.setTime(all.back().time_us - 1);
  QCOMPARE(small.marksToDraw(0, 600), small.visibleMarks());
  QCOMPARE(small.visibleMarks().size(), all.size() - 1);

  // 120,000 marks over 20 minutes: leader changes every 10 ms, a crash and a
  // restart every 70 ms, a finding every second.
  Journal j;
  for (int i = 0; i < 120'000; ++i) {
    Event e;
    e.time_us = Time(i) * 10'000;
    e.node = NodeId(i % 5);
    if (i % 7 == 3) {
      e.kind = i % 14 == 3 ? EventKind::Crashed : EventKind::Restarted;
    } else if (i % 100 == 50) {
      e.kind = EventKind::Finding;
    } else {
      e.kind = EventKind::RoleChanged;
      e.sub = uint8_t(Role::Leader);
    }
    j.append(e);
  }
  all.clear();
  collectMarks(j, 0, all);
  QCOMPARE(all.size(), size_t(120'000));
  Timeline dense;
  const int width = 700;
  dense.resize(width, 80);
  dense.setJournal(&j, j.back().time_us);
  size_t probes = 0;
  const std::vector<TimelineMark> drawn = dense.marksToDraw(0, width, &probes);
  // Bounded by the columns, not the marks.
  const size_t columns = size_t(width) + 2 * 12 + 2;
  QVERIFY2(probes <= 2 * size_t(kMarkKinds) * columns, qPrintable(QString::number(probes)));
  QVERIFY(drawn.size() <= size_t(kMarkKinds) * columns);
  QVERIFY(std::is_sorted(drawn.begin(), drawn.end(),
                         [](const TimelineMark& a, const TimelineMark& b) { return a.time_us < b.time_us; }));
  // The same (column, kind) pairs as every mark.
  const TimeMap m = dense.map();
  std::set<std::pair<int, int>> scanned, indexed;
  for (const TimelineMark& k : all) scanned.insert({int(std::floor(m.x(k.time_us))), int(k.kind)});
  for (const TimelineMark& k : drawn) indexed.insert({int(std::floor(m.x(k.time_us))), int(k.kind)});
  QCOMPARE(indexed, scanned);
  // A paint uses the index too.
  const QPixmap picture = dense.grab();
  QVERIFY(!picture.isNull());
  QVERIFY(dense.lastPaintMarks() > 0);
  QVERIFY(dense.lastPaintMarks() <= size_t(kMarkKinds) * columns);
  QVERIFY(dense.lastPaintProbes() <= 2 * size_t(kMarkKinds) * columns);
  // A strip repainted (the playhead moved): only the columns of the strip.
  dense.setTime(j[60'000].time_us);
  QPixmap strip(dense.size());
  dense.render(&strip, QPoint(), QRegion(300, 0, 20, 80));
  QVERIFY2(dense.lastPaintMarks() <= size_t(kMarkKinds) * (20 + 2 * 12 + 2), qPrintable(QString::number(dense.lastPaintMarks())));
}

void TestGuiParts::nodeTableHighlightsChanges() {
  Simulator sim = simulate(kThree);
  const Journal& j = sim.journal();
  Seq s = kNoSeq;
  for (Seq i = 0; i < j.size(); ++i)
    if (j[i].kind == EventKind::RoleChanged && j[i].role() == Role::Leader) {
      s = i;
      break;
    }
  QVERIFY(s != kNoSeq);
  NodeTableModel m;
  m.showFrame(foldFrame(sim.config(), j, j[s].time_us));
  QVERIFY(m.changed(j[s].node, NodeTableModel::RoleCol));
  QCOMPARE(m.index(j[s].node, NodeTableModel::RoleCol).data().toString(), QStringLiteral("leader"));
  QVERIFY(m.index(j[s].node, NodeTableModel::RoleCol).data(Qt::BackgroundRole).isValid());
  // A role that just changed keeps its role fill, the one its ink is chosen for.
  QCOMPARE(m.index(j[s].node, NodeTableModel::RoleCol).data(Qt::BackgroundRole).value<QBrush>().color(),
           Theme::current().role(Role::Leader));
  QCOMPARE(m.index(j[s].node, NodeTableModel::RoleCol).data(Qt::ForegroundRole).value<QBrush>().color(),
           Theme::current().roleInk(Role::Leader));
  m.showFrame(foldFrame(sim.config(), j, j[s].time_us + kRecentUs + 1));
  QVERIFY(!m.changed(j[s].node, NodeTableModel::RoleCol));
  QVERIFY(m.index(j[s].node, NodeTableModel::ElectionTimer).data().toString().size() > 0);
}

void TestGuiParts::modelsPassTheTester() {
  Simulator sim = simulate(kThree);
  const Journal& j = sim.journal();
  NodeTableModel nodes;
  JournalModel journal;
  JournalFilter filter;
  filter.setSourceModel(&journal);
  QAbstractItemModelTester t1(&nodes, QAbstractItemModelTester::FailureReportingMode::QtTest);
  QAbstractItemModelTester t2(&journal, QAbstractItemModelTester::FailureReportingMode::QtTest);
  QAbstractItemModelTester t3(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
  const auto& names = sim.config().names;
  // Growing journal: a simulator extended step by step.
  Simulator live = simulate("nodes 3\nuntil 0s\n");
  journal.setJournal(&names, &live.journal());
  for (Time t = 50'000; t <= 400'000; t += 50'000) {
    live.runUntil(t);
    journal.setJournal(&names, &live.journal());
    journal.setPosition(Seq(live.journal().size()));
    nodes.showFrame(foldFrame(live.config(), live.journal(), t));
    QCOMPARE(journal.rowCount(), int(live.journal().size()));
  }
  journal.setJournal(&names, &j);
  for (Time t : {Time(0), Time(300'000), Time(100'000), Time(1'000'000)}) {
    Frame f = foldFrame(sim.config(), j, t);
    nodes.showFrame(f);
    journal.setPosition(f.position());
  }
  filter.setCategory(EventCategory::Faults);
  QCOMPARE(filter.rowCount(), 1);  // the crash
  QCOMPARE(filter.rowAtOrBefore(Seq(j.size())), 0);
  QCOMPARE(filter.rowAtOrBefore(0), -1);
  filter.setNode(1);
  QCOMPARE(filter.rowCount(), 0);
  filter.setNode(-1);
  filter.setCategory(EventCategory::All);
  QCOMPARE(filter.rowCount(), int(j.size()));
  QCOMPARE(filter.rowAtOrBefore(10), 9);
  // Text through the shared formatter; greyed rows after the position.
  journal.setPosition(5);
  EventFormatter fmt(names, j);
  QCOMPARE(journal.index(7, JournalModel::TextCol).data().toString(), QString::fromStdString(fmt.text(j[7])));
  QVERIFY(journal.index(7, 0).data(Qt::ForegroundRole) != journal.index(2, 0).data(Qt::ForegroundRole));
  QVERIFY(journal.index(4, 0).data(Qt::BackgroundRole).isValid());
  nodes.showFrame(Frame{});
  QCOMPARE(nodes.rowCount(), 0);
}

// The journal panel holds a window of rows around the playhead, not every
// event (a table's header keeps an item per row): follow() keeps the
// playhead's row inside it, with and without a filter and a talk's limit.
void TestGuiParts::journalPanelShowsAWindowAroundThePlayhead() {
  Simulator sim = simulate(kThree);
  const Journal& j = sim.journal();
  QVERIFY(j.size() > 200);
  JournalModel journal;
  JournalFilter filter(nullptr, 40);
  filter.setSourceModel(&journal);
  QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
  journal.setJournal(&sim.config().names, &j);
  QCOMPARE(filter.rowCount(), 40);
  auto seqAt = [&](int row) { return Seq(filter.index(row, 0).data(JournalModel::kSeqRole).toULongLong()); };
  for (Seq position : {Seq(5), Seq(j.size() / 2), Seq(j.size() / 2 + 3), Seq(j.size()), Seq(100), Seq(1)}) {
    filter.follow(position);
    QCOMPARE(filter.rowCount(), 40);
    const int row = filter.rowAtOrBefore(position);
    QVERIFY2(row >= 0 && row < 40, qPrintable(QString::number(position)));
    QCOMPARE(seqAt(row), position - 1);  // the playhead's row, shown
    if (position > 20 && position + 20 < j.size()) QVERIFY(row >= 10 && row < 30);  // not at an edge
  }
  filter.follow(Seq(j.size() / 2));
  const int start = filter.windowStart();
  filter.follow(Seq(j.size() / 2 + 3));  // a step: the window stays
  QCOMPARE(filter.windowStart(), start);
  // A filter: its rows only, windowed the same way.
  filter.setNode(1);
  filter.follow(Seq(j.size()));
  const int last = filter.rowAtOrBefore(Seq(j.size()));
  QVERIFY(last >= 0);
  const Event& e = j[seqAt(last)];
  QVERIFY(e.node == 1 || e.peer == 1);
  for (Seq s = seqAt(last) + 1; s < j.size(); ++s) QVERIFY(j[s].node != 1 && j[s].peer != 1);
  filter.setNode(-1);
  // A talk's limit cut inside the window: the window slides back before it.
  filter.follow(Seq(j.size()));
  filter.setLimit(Seq(j.size() / 3));
  QVERIFY(filter.rowCount() <= 40);
  QCOMPARE(seqAt(filter.rowCount() - 1), Seq(j.size() / 3 - 1));
  filter.follow(Seq(j.size() / 3));
  QCOMPARE(seqAt(filter.rowAtOrBefore(Seq(j.size() / 3))), Seq(j.size() / 3 - 1));
}

void TestGuiParts::viewPaintsAFrame() {
  Simulator sim = simulate(kThree);
  Frame f = foldFrame(sim.config(), sim.journal(), 760'000);
  ClusterView view;
  view.resize(1000, 700);
  view.showFrame(f);
  QCOMPARE(view.picture().nodes.size(), size_t(3));
  QVERIFY(!view.picture().nodes[0].alive);  // Michel crashed at 700ms
  QImage img(1000, 700, QImage::Format_ARGB32_Premultiplied);
  QPainter p(&img);
  view.render(&p);
  p.end();
  LogView logs;
  logs.resize(900, 260);
  logs.showFrame(f);
  QVERIFY(logs.following());
  QCOMPARE(logs.cells().size(), size_t(3));
  QVERIFY(!logs.grab().isNull());
}

QTEST_MAIN(TestGuiParts)
// Pixels of `a` and `b` inside `r` whose colours differ by more than
// antialiasing does (a few levels where an edge is stroked in pieces).
static int differingPixels(const QImage& a, const QImage& b, const QRect& r) {
  int n = 0;
  for (int y = r.top(); y <= r.bottom(); ++y)
    for (int x = r.left(); x <= r.right(); ++x) {
      const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
      if (std::max({std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))}) > 40) ++n;
    }
  return n;
}

// A tick repaints only the part of a node under what moved (issue 19: a calm
// window): the stretches of timer ring that part reaches, also when it holds
// the node's centre (a message leaving it). The view fills such a part with
// its background and paints the node over it: the node must look as painted whole.
void TestGuiParts::aTimerRingRepaintedInPiecesIsTheWholeRing() {
  const Theme& theme = Theme::current();
  const QSize size(400, 400);
  const QPointF centre(200, 200);
  for (double left : {0.03, 0.4, 0.77, 1.0}) {
    NodeGlyph g;
    g.name = QStringLiteral("Michel");
    g.term = 3;
    g.election_left = left;
    QImage whole(size, QImage::Format_RGB32);
    whole.fill(theme.background());
    {
      QPainter p(&whole);
      p.translate(centre);
      paintNode(p, g, 1, false, PaintMode::Pixmaps, theme, nullptr);
    }
    // Rectangles in the node's coordinates: across the top (where the arc
    // starts), over 3 o'clock, inside the disc, holding the centre (thin and
    // wide), and a corner of the ring.
    const QRectF parts[] = {{-20, -90, 40, 30}, {50, -10, 40, 20}, {-20, -20, 40, 40}, {-100, -6, 200, 12},
                            {-6, -100, 12, 200}, {-90, -90, 120, 120},  {40, 40, 40, 40}, {-80, 20, 60, 90}};
    for (const QRectF& part : parts) {
      QImage pieces = whole;
      const QRect device = part.translated(centre).toAlignedRect();
      QPainter p(&pieces);
      p.setClipRect(device);
      p.fillRect(device, theme.background());
      p.translate(centre);
      paintNode(p, g, 1, false, PaintMode::Pixmaps, theme, &part);
      p.end();
      const int n = differingPixels(whole, pieces, device);
      if (n > 24) {
        whole.save(QDir::temp().filePath(QStringLiteral("radeau-ring-whole.png")));
        pieces.save(QDir::temp().filePath(QStringLiteral("radeau-ring-pieces.png")));
      }
      // Stroked in pieces, a thick arc's edges fall a fraction of a pixel
      // apart from the whole ring's (18 pixels at most here); a stretch not
      // repainted differs by hundreds.
      QVERIFY2(n <= 24, qPrintable(QStringLiteral("%1 pixels differ in (%2,%3 %4x%5), %6 of the timer left")
                                      .arg(n).arg(part.x()).arg(part.y()).arg(part.width()).arg(part.height()).arg(left)));
    }
  }
}

// The tables' cells are painted from text laid out once (TextCellDelegate):
// the same picture as the style's own painting, elision and alignment included.
void TestGuiParts::tableTextLooksAsTheStyleDrawsIt() {
  QStandardItemModel model(3, 3);
  const QString texts[3][3] = {{"685.674", "Sophie", "Sophie: election timer started, 257ms, ends at 0.943046s and more"},
                               {"686.594", "Jean-Pierre", "Michel → Paul: logRequest #378 delivered <b>not bold</b>"},
                               {"700.000", "", "client writes \"y=2\" to Jean-Pierre"}};
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) {
      auto* item = new QStandardItem(texts[r][c]);
      if (c == 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      if (c == 1 && r == 0) item->setTextAlignment(Qt::AlignCenter);  // the node table's numbers
      if (c == 1 && r == 1) item->setFont([] { QFont f; f.setBold(true); return f; }());
      if (r == 1) item->setBackground(Theme::current().changed());
      if (r == 2 && c == 1) item->setForeground(Theme::current().danger());
      model.setItem(r, c, item);
    }
  auto picture = [&](bool cached) {
    QTableView view;
    view.setModel(&model);
    if (cached) view.setItemDelegate(new TextCellDelegate(&view));
    view.setWordWrap(false);
    view.resize(520, 140);
    view.setColumnWidth(0, 80);
    view.setColumnWidth(1, 90);
    view.horizontalHeader()->setStretchLastSection(true);
    view.selectRow(2);
    return view.grab().toImage().convertToFormat(QImage::Format_RGB32);
  };
  const QImage style = picture(false), cached = picture(true);
  QCOMPARE(cached.size(), style.size());
  const int n = differingPixels(style, cached, cached.rect());
  if (n > 4) {
    style.save(QDir::temp().filePath(QStringLiteral("radeau-table-style.png")));
    cached.save(QDir::temp().filePath(QStringLiteral("radeau-table-cached.png")));
  }
  QVERIFY2(n <= 4, qPrintable(QStringLiteral("%1 pixels differ").arg(n)));
}

// Counts the paint events a widget receives.
class PaintCounter : public QObject {
 public:
  int paints = 0;
  bool eventFilter(QObject*, QEvent* e) override {
    if (e->type() == QEvent::Paint) ++paints;
    return false;
  }
};

// The journal's scroll bar is told of a new row at every event shown: a row
// that moves its handle by less than a pixel must not repaint it (issue 19:
// a calm window), a change that moves the handle or greys an arrow must.
void TestGuiParts::aScrollBarRepaintsOnlyWhenItsPictureChanges() {
  CalmScrollBar bar(Qt::Vertical);
  bar.resize(16, 250);
  bar.setPageStep(9);
  bar.setRange(0, 20'000);
  bar.setValue(20'000);  // following the last row
  bar.show();
  QVERIFY(QTest::qWaitForWindowExposed(&bar));
  PaintCounter counter;
  bar.installEventFilter(&counter);
  auto settle = [] {
    for (int i = 0; i < 3; ++i) QCoreApplication::processEvents();
  };
  settle();
  counter.paints = 0;
  for (int row = 1; row <= 30; ++row) {  // as the journal grows: range, then value
    bar.setMaximum(20'000 + row);
    bar.setValue(20'000 + row);
    settle();
  }
  QCOMPARE(counter.paints, 0);
  bar.setValue(10'000);  // the handle moves to the middle, the end arrow is no longer grey
  settle();
  QCOMPARE(counter.paints, 1);
  bar.setRange(0, 20);  // a short list: a long handle
  settle();
  QCOMPARE(counter.paints, 2);
  bar.setValue(bar.value());
  settle();
  QCOMPARE(counter.paints, 2);
}

#include "test_gui_parts.moc"

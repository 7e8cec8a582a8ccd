// The live merger in process (no node processes): what a node's stream may
// say is core's validateEvent, on merged ids and refs, and a refusal names the
// node and its event; the merged journal goes through the one Recorder path.
#include <QtTest>

#include "app/live/merge.h"
#include "core/recorder.h"

using namespace radeau;
using namespace radeau::live;

namespace {

ClusterConfig threeNodes() {
  ClusterConfig c;
  c.names = defaultNames(3);
  return c;
}

NodeHello helloOf(uint32_t inc) {
  NodeHello h;
  h.inc = inc;
  return h;
}

WireEvent wire(Seq local, Event e) {
  WireEvent w;
  w.local = local;
  w.event = e;
  return w;
}

Event voteRequest(NodeId from, NodeId to) {
  return Event{.time_us = 10, .dt_us = 5, .term = 1, .kind = EventKind::MessageSent, .node = from, .peer = to,
               .sub = uint8_t(MsgType::VoteRequest)};
}

}  // namespace

class TestLiveMerge : public QObject {
  Q_OBJECT

  // A merger where every node said hello (incarnation 7 + n, empty state).
  static JournalMerger started() {
    JournalMerger m(threeNodes(), 0);
    for (NodeId n = 0; n < 3; ++n) m.hello(n, helloOf(7u + n));
    std::string error;
    if (!m.pump(error)) qFatal("hello refused: %s", error.c_str());
    return m;
  }

  // Feeds node `n` one event; the error of pump(), empty if merged.
  static std::string feed(JournalMerger& m, NodeId n, WireEvent w) {
    m.events(n, {std::move(w)});
    std::string error;
    return m.pump(error) ? std::string() : error;
  }

 private slots:
  void aSendAndItsDeliveryMergeWithAnArrow() {
    JournalMerger m = started();
    QCOMPARE(feed(m, 0, wire(4, voteRequest(0, 1))), std::string());
    WireEvent d = wire(2, Event{.time_us = 15, .ref = 4, .kind = EventKind::MessageDelivered, .node = 1, .peer = 0});
    d.src_inc = 7;
    QCOMPARE(feed(m, 1, d), std::string());
    const Journal& j = m.journal();
    QCOMPARE(j.back().kind, EventKind::MessageDelivered);
    QVERIFY(j.back().ref < j.size());
    QCOMPARE(j[j.back().ref].kind, EventKind::MessageSent);
    QVERIFY(m.state().in_flight.empty());
  }

  void aLogGapIsRefusedWithTheNodeAndItsEvent() {
    JournalMerger m = started();
    std::string error =
        feed(m, 0, wire(3, make::at(10, make::logAppended(0, 5, 1, 0))));
    QCOMPARE(error, std::string("Michel: event 3: appends index 5 to a log of 0 entries"));
  }

  // Checks the merger did not have before validateEvent guarded it.
  void aCommitBeyondTheLogIsRefused() {
    JournalMerger m = started();
    std::string error = feed(m, 1, wire(9, make::at(10, make::commitAdvanced(1, 2))));
    QVERIFY2(error.starts_with("Jean-Pierre: event 9: commits index 2 beyond a log of 0"), error.c_str());
  }

  void aDeliveryOfAnotherNodesMessageIsRefused() {
    JournalMerger m = started();
    QCOMPARE(feed(m, 0, wire(4, voteRequest(0, 1))), std::string());
    // Sophie claims the message Michel sent to Jean-Pierre.
    WireEvent d = wire(1, Event{.time_us = 15, .ref = 4, .kind = EventKind::MessageDelivered, .node = 2, .peer = 0});
    d.src_inc = 7;
    std::string error = feed(m, 2, d);
    QVERIFY2(error.starts_with("Sophie: event 1: message ") && error.find("reaches node 2") != std::string::npos,
             error.c_str());
  }

  void anUnknownKindIsRefused() {
    JournalMerger m = started();
    std::string error = feed(m, 0, wire(1, Event{.time_us = 10, .kind = EventKind(200), .node = 0}));
    QCOMPARE(error, std::string("Michel: event 1: unknown event kind 200"));
  }

  void aRefusedStreamIsIgnoredUntilItsNextHello() {
    JournalMerger m = started();
    QVERIFY(!feed(m, 0, wire(3, make::at(10, make::logAppended(0, 5, 1, 0))))
                 .empty());
    const size_t before = m.journal().size();
    QCOMPARE(feed(m, 0, wire(4, voteRequest(0, 1))), std::string());
    QCOMPARE(m.journal().size(), before);
    m.hello(0, helloOf(70));
    QCOMPARE(feed(m, 0, wire(1, voteRequest(0, 1))), std::string());
    QCOMPARE(m.journal().back().kind, EventKind::MessageSent);
  }

  // The merged journal is what a fresh checker over it would record.
  void theMergedJournalFoldsLikeTheRecorder() {
    JournalMerger m = started();
    QCOMPARE(feed(m, 0, wire(1, Event{.time_us = 10, .term = 1, .kind = EventKind::TermChanged, .node = 0})),
             std::string());
    QCOMPARE(feed(m, 0, wire(2, Event{.time_us = 11, .term = 1, .kind = EventKind::RoleChanged, .node = 0,
                                      .sub = uint8_t(Role::Leader)})),
             std::string());
    QCOMPARE(feed(m, 1, wire(1, Event{.time_us = 12, .term = 1, .kind = EventKind::TermChanged, .node = 1})),
             std::string());
    QCOMPARE(feed(m, 1, wire(2, Event{.time_us = 13, .term = 1, .kind = EventKind::RoleChanged, .node = 1,
                                      .sub = uint8_t(Role::Leader)})),
             std::string());
    // Two leaders of term 1: the merger recorded the checker's finding in the journal.
    int recorded = 0;
    for (const Event& e : m.journal().events())
      recorded += e.kind == EventKind::Finding && e.findingKind() == FindingKind::TwoLeaders;
    QCOMPARE(recorded, 1);
    int found = 0;
    for (const Event& f : Recorder::check(m.config(), m.journal())) found += f.findingKind() == FindingKind::TwoLeaders;
    QCOMPARE(found, 1);
  }
};

QTEST_GUILESS_MAIN(TestLiveMerge)
#include "test_live_merge.moc"

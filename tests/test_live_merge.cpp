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

  // Rung 15 live: a read's answer names its ClientRead by the node's seq;
  // merged, it names the merged seq, and the write it returns is the merged id.
  void aReadAndItsAnswerMergeWithTheirRefAndWriteRemapped() {
    JournalMerger m = started();
    // Node 1 (Jean-Pierre) writes x=1 as its write 2 (ids 1 + node + 9k), appends it, commits it.
    WireEvent cw = wire(5, make::at(10, make::clientWrite(1, 2)));
    cw.text = "x=1";
    QCOMPARE(feed(m, 1, cw), std::string());
    QCOMPARE(feed(m, 1, wire(6, make::at(11, make::logAppended(1, 1, 1, 2)))), std::string());
    QCOMPARE(feed(m, 1, wire(7, make::at(12, make::commitAdvanced(1, 1)))), std::string());
    // Another node's events come between: the merged seqs differ from the node's.
    QCOMPARE(feed(m, 0, wire(3, voteRequest(0, 2))), std::string());
    QCOMPARE(feed(m, 1, wire(9, make::at(20, make::clientRead(1, "x")))), std::string());
    const Seq read = Seq(m.journal().size() - 1);
    QCOMPARE(m.journal()[read].kind, EventKind::ClientRead);
    QCOMPARE(m.journal()[read].readKey(), std::string("x"));
    QVERIFY(read != 9);
    QCOMPARE(feed(m, 1, wire(10, make::at(21, make::readAnswered(1, 9, 1, 1, 2, 1)))), std::string());
    const Event& a = m.journal().back();
    QCOMPARE(a.kind, EventKind::ReadAnswered);
    QCOMPARE(a.ref, read);
    QCOMPARE(m.journal().writes()[a.write()].text, std::string("x=1"));
    // A refused read, and one that never was: the latter breaks the stream with a reason.
    QCOMPARE(feed(m, 1, wire(11, make::at(22, make::clientRead(1, "y")))), std::string());
    QCOMPARE(feed(m, 1, wire(12, make::at(23, make::readFailed(1, 11, FailReason::NotLeader)))), std::string());
    QCOMPARE(m.journal().back().ref, Seq(m.journal().size() - 2));
    QCOMPARE(feed(m, 1, wire(13, make::at(24, make::readFailed(1, 400, FailReason::NotLeader)))),
             std::string("Jean-Pierre: event 13: answers a read it was not given (event 400)"));
  }

  // Rung 16 live: a configuration change asked of a node, its entry (which
  // keeps its id), and a refusal naming its ask by the merged seq.
  void aConfigurationChangeAndItsRefusalMergeWithTheirRef() {
    JournalMerger m = started();
    QCOMPARE(feed(m, 0, wire(4, make::at(10, make::configChangeAsked(0, 0, 0b100)))), std::string());
    const Seq ask = Seq(m.journal().size() - 1);
    QCOMPARE(feed(m, 0, wire(5, make::at(11, make::logAppended(0, 1, 0, configWrite(0b011))))), std::string());
    QCOMPARE(m.journal().back().write(), configWrite(0b011));
    QCOMPARE(m.state().nodes[0].members, uint16_t(0b011));
    QCOMPARE(feed(m, 1, wire(3, voteRequest(1, 2))), std::string());  // another node's event between
    QCOMPARE(feed(m, 0, wire(6, make::at(12, make::configChangeAsked(0, 0b100, 0)))), std::string());
    QCOMPARE(feed(m, 0, wire(7, make::at(13, make::configChangeRefused(0, 6, ConfigRefusal::Pending)))), std::string());
    QCOMPARE(m.journal().back().kind, EventKind::ConfigChangeRefused);
    QCOMPARE(m.journal().back().ref, Seq(m.journal().size() - 2));
    QVERIFY(m.journal().back().ref != ask);
    QCOMPARE(feed(m, 0, wire(8, make::at(14, make::configChangeRefused(0, 300, ConfigRefusal::Pending)))),
             std::string("Michel: event 8: refuses a configuration change it was not asked (event 300)"));
  }

  // Rung 14 live: a client's resend is the same write (attempt 1), not a new
  // one, and the state machine's recognition names the merged write.
  void aResendAndItsRecognitionKeepTheWrite() {
    JournalMerger m = started();
    WireEvent cw = wire(1, make::at(10, make::clientWrite(0, 10)));
    cw.text = "x+=1";
    QCOMPARE(feed(m, 0, cw), std::string());
    const uint32_t merged = m.journal().back().write();
    QCOMPARE(feed(m, 0, wire(2, make::at(11, make::logAppended(0, 1, 1, 10)))), std::string());
    WireEvent again = wire(3, make::at(12, make::clientWrite(0, 10, 1)));
    again.text = "x+=1";
    QCOMPARE(feed(m, 0, again), std::string());
    QCOMPARE(m.journal().back().write(), merged);
    QCOMPARE(m.journal().back().attempt(), 1u);
    QCOMPARE(m.journal().writes().size(), size_t(merged) + 1);  // no second write text
    QCOMPARE(feed(m, 0, wire(4, make::at(13, make::logAppended(0, 2, 1, 10)))), std::string());
    QCOMPARE(feed(m, 0, wire(5, make::at(14, make::duplicateRecognised(0, 2, 10, 1)))), std::string());
    QCOMPARE(m.journal().back().kind, EventKind::DuplicateRecognised);
    QCOMPARE(m.journal().back().write(), merged);
    QCOMPARE(m.journal().back().firstIndex(), 1u);
    // A resend of a write the merge never saw is known by its id (as an old data directory's).
    WireEvent unknown = wire(6, make::at(15, make::clientWrite(0, 19, 1)));
    unknown.text = "y=2";
    QCOMPARE(feed(m, 0, unknown), std::string());
    QCOMPARE(m.journal().writes()[m.journal().back().write()].text, std::string("y=2"));
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

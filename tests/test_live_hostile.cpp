// Hostile peers and hostile strangers against live nodes (issue 14): a peer
// holding the token sends forged messages, which are dropped and logged while
// the node keeps its log; strangers without the token get small frames, few
// connections, and no way to write raw text into a node's log; the token
// never appears on a node's command line.
#include <QCborArray>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>
#include <QtTest>

#include <sys/stat.h>

#include "support/live_support.h"
#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"
#include "app/live/wire.h"
#include "app/node/peer_check.h"
#include "app/node/wal.h"
#include "core/validate.h"

using namespace radeau;
using namespace radeau::live;

namespace {
const QString kNode = test::kNodeBinary;

using test::hello;

QCborMap message(MsgType type, std::initializer_list<qint64> fields, const QCborArray& entries = {}) {
  QCborMap m;
  m.insert(QStringLiteral("t"), QStringLiteral("msg"));
  m.insert(QStringLiteral("seq"), 1000000);
  QCborArray a{qint64(type)};
  for (qint64 f : fields) a.append(f);
  m.insert(QStringLiteral("m"), a);
  if (!entries.isEmpty()) m.insert(QStringLiteral("en"), entries);
  return m;
}

// A peer's message as it arrives, payload slots as on the wire (forged at will).
Event msg(MsgType type, uint32_t term, uint32_t s0, uint32_t s1 = 0, uint32_t s2 = 0, size_t entries = 0,
          NodeId from = 0) {
  Event m = make::message(type, s0, s1, s2, 0, uint32_t(entries));
  m.term = term;
  m.node = from;
  m.peer = 1;
  return m;
}

// A follower at term 3 with log [1,1,3] and the first two entries committed.
NodeState follower() {
  NodeState x;
  x.term = 3;
  x.log = {{1, 0}, {1, 10}, {3, 19}};
  x.commit = 2;
  return x;
}

std::string check(const Event& m, const std::vector<Entry>& entries, const NodeState& self = follower()) {
  return node::checkPeerMessage(m, entries, self, Concepts::full(), 3);
}
}  // namespace

class TestLiveHostile : public QObject {
  Q_OBJECT
  LiveCluster cluster_;

  // Waits for a line of `node`'s log after line `from` that contains every piece.
  bool logged(int node, qsizetype from, const QStringList& pieces, int timeout_ms = 5000) {
    bool ok = QTest::qWaitFor([&] {
      const QStringList log = cluster_.nodeLog(node);
      for (qsizetype i = from; i < log.size(); ++i)
        if (std::all_of(pieces.begin(), pieces.end(), [&](const QString& p) { return log[i].contains(p); })) return true;
      return false;
    }, timeout_ms);
    if (!ok) qWarning() << "no log line with" << pieces << cluster_.nodeLog(node).mid(from);
    return ok;
  }

  bool clusterStillCommits(const QString& text) { return test::clusterCommits(cluster_, text); }

  // Connects to `node`'s peer port as peer `as`, with the right token (its
  // hello saying it listens on `port`, 0: not said), and sends `frames`.
  std::unique_ptr<QTcpSocket> connectAs(int node, int as, quint16 port, const QByteArray& frames = {}) {
    auto s = std::make_unique<QTcpSocket>();
    s->connectToHost(QHostAddress::LocalHost, cluster_.peerPort(node));
    if (!s->waitForConnected(2000)) return nullptr;
    QString name = QString::fromStdString(cluster_.config().names[size_t(as)]);
    QCborMap h = hello(cluster_.token(), name, as);
    if (port) h.insert(QStringLiteral("port"), port);
    s->write(encodeFrame(h) + frames);
    s->flush();
    return s;
  }

  // The compromised node: its process is down and the tests hold its name on
  // a connection to each running node (a running node's name is held by its
  // own connection: see aPeersNameIsTakenOnlyOnceItsConnectionCloses).
  int compromised_ = -1;
  std::map<int, std::unique_ptr<QTcpSocket>> as_compromised_;

  // Sends `frames` to `node` from the compromised node.
  bool forge(int node, const QByteArray& frames) {
    auto it = as_compromised_.find(node);
    if (it == as_compromised_.end() || it->second->state() != QAbstractSocket::ConnectedState) return false;
    it->second->write(frames);
    it->second->flush();
    return true;
  }

  // The running node that is neither `leader` nor the compromised one.
  int follower(int leader) const {
    for (int i = 0; i < cluster_.nodeCount(); ++i)
      if (i != leader && i != compromised_) return i;
    return -1;
  }

 private slots:
  // --- The check itself, without processes ---------------------------------

  void forgedSnapshotsAreRefused() {
    // The forgery: index 1000, no entries (it wiped the log, set commit 1000, over-read the heap).
    QVERIFY(!check(msg(MsgType::InstallSnapshot, 3, 1000, 3), {}).empty());
    // Fewer entries than the index says, or more.
    QVERIFY(!check(msg(MsgType::InstallSnapshot, 3, 3, 3, 0, 2), {{1, 0}, {1, 10}}).empty());
    QVERIFY(!check(msg(MsgType::InstallSnapshot, 3, 1, 1, 0, 2), {{1, 0}, {1, 10}}).empty());
    // The last entry's term is not the snapshot's term.
    // That rule is core's (validateMessage, as for a recording): same words.
    QCOMPARE(check(msg(MsgType::InstallSnapshot, 3, 2, 3, 0, 2), {{1, 0}, {1, 10}}),
             std::string("installSnapshot's last included term 3 is not its entry's term 1"));
    const std::vector<Entry> two{{1, 0}, {1, 10}};
    QCOMPARE(validateMessage(msg(MsgType::InstallSnapshot, 3, 2, 3, 0, 2), two.data(), 3),
             check(msg(MsgType::InstallSnapshot, 3, 2, 3, 0, 2), two));
    // So are a sender outside the cluster and an unknown type.
    QCOMPARE(check(msg(MsgType::VoteRequest, 3, 0, 0, 0, 0, 7), {}),
             std::string("unknown node 7 as sender (the cluster has 3 nodes)"));
    Event unknown_type = msg(MsgType::VoteRequest, 3, 0);
    unknown_type.sub = uint8_t(kLastMsgType) + 1;
    QCOMPARE(check(unknown_type, {}), validateMessage(unknown_type, nullptr, 3));
    QVERIFY(!check(unknown_type, {}).empty());
    // It contradicts an entry this node has committed.
    QCOMPARE(check(msg(MsgType::InstallSnapshot, 3, 2, 2, 0, 2), {{1, 0}, {2, 10}}),
             std::string("snapshot entry 2 contradicts this node's committed entry 2"));
    // Entries from a term above the message's.
    QVERIFY(!check(msg(MsgType::InstallSnapshot, 3, 2, 5, 0, 2), {{1, 0}, {5, 10}}).empty());
    // A true snapshot passes.
    QCOMPARE(check(msg(MsgType::InstallSnapshot, 3, 3, 3, 3, 3), {{1, 0}, {1, 10}, {3, 19}}), std::string());
  }

  void forgedWriteIdsAreRefused() {
    // 0xFFFFFFFF made `resize(w + 1)` wrap to 0, then apply() wrote past the end.
    QVERIFY(!check(msg(MsgType::ClientWrite, 3, 0xFFFFFFFFu), {}).empty());
    QVERIFY(!check(msg(MsgType::ClientWrite, 3, 0), {}).empty());
    QVERIFY(!check(msg(MsgType::ClientWrite, 3, kMaxWriteId + 1), {}).empty());
    // Ids are 1 + origin + kMaxNodes * k: node 0 cannot forward node 1's write.
    QCOMPARE(check(msg(MsgType::ClientWrite, 3, 2), {}), std::string("write id 2 belongs to node 1, not to its sender"));
    QCOMPARE(check(msg(MsgType::ClientWrite, 3, 1 + kMaxNodes * 5), {}), std::string());
    // The same ids carried in entries.
    QVERIFY(!check(msg(MsgType::LogRequest, 3, 3, 3, 0, 1), {{3, 0xFFFFFFFFu}}).empty());
  }

  // A configuration entry (rung 16) is a leader's to send: it passes when it
  // names nodes of this cluster, and is refused when it names others or is no
  // configuration at all (ids between the client writes and the configurations).
  void configurationEntriesFromPeers() {
    QCOMPARE(check(msg(MsgType::LogRequest, 3, 3, 3, 2, 1), {{3, configWrite(0b011)}}), std::string());
    QCOMPARE(check(msg(MsgType::LogRequest, 3, 3, 3, 2, 1), {{3, configWrite(0b1011)}}),
             std::string("entry 1 is a configuration of nodes beyond the 3 of the cluster"));
    QVERIFY(!check(msg(MsgType::LogRequest, 3, 3, 3, 2, 1), {{3, kConfigWriteBase}}).empty());
    QVERIFY(!check(msg(MsgType::LogRequest, 3, 3, 3, 2, 1), {{3, kMaxWriteId + 1}}).empty());
    // A forwarded client write is never a configuration.
    QVERIFY(!check(msg(MsgType::ClientWrite, 3, configWrite(0b011)), {}).empty());
  }

  void otherNonsenseIsRefused() {
    QVERIFY(!check(msg(MsgType::VoteRequest, kMaxTerm + 1, 0), {}).empty());
    QVERIFY(!check(msg(MsgType::VoteResponse, 3, 2), {}).empty());
    QVERIFY(!check(msg(MsgType::LogRequest, 3, 0xFFFFFFF0u, 3, 0, 1), {{3, 0}}).empty());
    QCOMPARE(check(msg(MsgType::LogRequest, 3, 1, 1, 0, 1), {{2, 5}}),
             std::string("entry 2 contradicts this node's committed entry 2"));
    NodeState leader = ::follower();
    leader.role = Role::Leader;
    QCOMPARE(check(msg(MsgType::LogResponse, 3, 1, 50), {}, leader),
             std::string("claims to match index 50, beyond this leader's log of 3"));
    QVERIFY(!check(msg(MsgType::VoteRequest, 3, 0, 0, 0, 0, 1), {}).empty());  // "from" this very node
    // Ordinary traffic passes.
    QCOMPARE(check(msg(MsgType::LogRequest, 3, 3, 3, 2, 1), {{3, 28}}), std::string());
    QCOMPARE(check(msg(MsgType::LogResponse, 3, 1, 3), {}, leader), std::string());
    // In a teaching configuration where committed entries may be lost, that is not refused.
    QCOMPARE(node::checkPeerMessage(msg(MsgType::LogRequest, 3, 1, 1, 0, 1), {{2, 5}}, ::follower(),
                                    Concepts::full().without(Concept::CurrentTermCommit), 3),
             std::string());
  }

  // --- Real nodes ------------------------------------------------------------

  void initTestCase() {
    LiveCluster::Options o;
    o.nodes = 3;
    o.node_binary = kNode;
    QString error;
    QVERIFY2(cluster_.start(o, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.isUp(0) && cluster_.isUp(1) && cluster_.isUp(2), 15000);
    QVERIFY(clusterStillCommits(QStringLiteral("before")));
  }

  void tokenIsInAFileNotOnTheCommandLine() {
    struct stat st {};
    QVERIFY(::stat(QFile::encodeName(cluster_.tokenFile()).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
    for (int i = 0; i < cluster_.nodeCount(); ++i) {
      QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(cluster_.processId(i)));
      QVERIFY(cmdline.open(QIODevice::ReadOnly));
      QByteArray args = cmdline.readAll();
      QVERIFY(args.contains("--token-file"));
      QVERIFY2(!args.contains(cluster_.token().toUtf8()), args.constData());
    }
  }

  // A second hello under a running peer's name is refused and cannot
  // redirect the node's traffic to that peer; once the peer's connection has
  // closed (its process died), a new hello takes the name and its port.
  void aPeersNameIsTakenOnlyOnceItsConnectionCloses() {
    const int leader = *agreedLeader(cluster_.state());
    const int victim = follower(leader);
    QTcpServer trap;  // where a redirected node would connect
    QVERIFY(trap.listen(QHostAddress::LocalHost, 0));
    qsizetype lines = cluster_.nodeLog(victim).size();
    auto second = connectAs(victim, leader, trap.serverPort());
    QVERIFY(second);
    QVERIFY(logged(victim, lines, {QStringLiteral("closed connection"), QStringLiteral("already connected")}));
    QTRY_VERIFY_WITH_TIMEOUT(second->state() == QAbstractSocket::UnconnectedState, 3000);
    // The leader's traffic still reaches the leader (a write commits through
    // the victim's links), and nothing was sent our way.
    QVERIFY(clusterStillCommits(QStringLiteral("after-second-hello")));
    QVERIFY(!trap.hasPendingConnections());
    for (const QString& line : cluster_.nodeLog(victim).mid(lines))
      QVERIFY2(!line.contains(QStringLiteral(" listens on ")), qPrintable(line));

    // The third node goes down: its connections close, its name is free.
    compromised_ = 3 - leader - victim;
    QVERIFY(cluster_.crash(compromised_));
    QTRY_VERIFY_WITH_TIMEOUT(live::agreedLeader(cluster_.state()).has_value(), 10000);
    std::vector<std::unique_ptr<QTcpServer>> traps;  // one per node: who connects where is unambiguous
    for (int node : {leader, victim}) {
      auto& here = traps.emplace_back(std::make_unique<QTcpServer>());
      QVERIFY(here->listen(QHostAddress::LocalHost, 0));
      // A node may read our hello before it has seen the old connection
      // close (then it refuses it): try again until it connects to the trap.
      bool in = QTest::qWaitFor([&] {
        auto s = connectAs(node, compromised_, here->serverPort());
        if (!s) return false;
        const bool answered = QTest::qWaitFor(
            [&] { return here->hasPendingConnections() || s->state() != QAbstractSocket::ConnectedState; }, 2000);
        if (!answered || !here->hasPendingConnections() || s->state() != QAbstractSocket::ConnectedState) return false;
        as_compromised_[node] = std::move(s);
        return true;
      }, 10000);
      QVERIFY2(in, qPrintable(cluster_.nodeLog(node).join('\n')));
    }
  }

  void forgedSnapshotIsDroppedAndTheLogKept() {
    int leader = *agreedLeader(cluster_.state());
    int victim = follower(leader);
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.state().nodes[size_t(victim)].commit >= 1, 5000);
    const std::vector<Entry> log_before = cluster_.state().nodes[size_t(victim)].log;
    uint32_t term = cluster_.state().nodes[size_t(victim)].term;
    qsizetype lines = cluster_.nodeLog(victim).size();
    // From the compromised node, with the token: a snapshot of index 1000 carrying nothing.
    QVERIFY(forge(victim, encodeFrame(message(MsgType::InstallSnapshot, {term, 1000, term, 1000, 0}))));
    QVERIFY(logged(victim, lines, {QStringLiteral("dropped a installSnapshot"), QStringLiteral("installSnapshot claims 1000 entries but carries 0")}));
    QVERIFY(cluster_.isUp(victim));
    QVERIFY(clusterStillCommits(QStringLiteral("after-snapshot")));
    // The victim's stream still flows (the refused message blocks nothing) and
    // shows its log as it was, grown by the new write, never wiped.
    QVERIFY2(QTest::qWaitFor([&] { return cluster_.state().nodes[size_t(victim)].log.size() > log_before.size(); }, 5000),
             qPrintable(test::describeCluster(cluster_)));
    const NodeState& after = cluster_.state().nodes[size_t(victim)];
    QVERIFY(std::equal(log_before.begin(), log_before.end(), after.log.begin()));
    QVERIFY(after.commit <= after.log.size());
  }

  void forgedWriteIdIsDropped() {
    int leader = *agreedLeader(cluster_.state());
    uint32_t term = cluster_.state().nodes[size_t(leader)].term;
    qsizetype lines = cluster_.nodeLog(leader).size();
    QVERIFY(forge(leader, encodeFrame(message(MsgType::ClientWrite, {term, 0xFFFFFFFFll, 0, 0, 0}))));
    QVERIFY(logged(leader, lines, {QStringLiteral("dropped a clientWrite"), QStringLiteral("write id 4294967295")}));
    QVERIFY(cluster_.isUp(leader));
    size_t before = cluster_.state().nodes[size_t(leader)].log.size();
    QVERIFY(clusterStillCommits(QStringLiteral("after-write-id")));
    QVERIFY(QTest::qWaitFor([&] { return cluster_.state().nodes[size_t(leader)].log.size() > before; }, 5000));
  }

  // A well-formed message under a made-up incarnation (7) names a send the
  // observer will never see: after a message's longest flight it stops
  // waiting for it, and the receiver's stream flows again.
  void forgedIncarnationDoesNotStallTheObserver() {
    int leader = *agreedLeader(cluster_.state());
    int victim = follower(leader);
    uint32_t term = cluster_.state().nodes[size_t(victim)].term;
    QVERIFY(forge(victim, encodeFrame(message(MsgType::VoteResponse, {term, 0, 0, 0, 0}))));
    size_t before = cluster_.state().nodes[size_t(victim)].log.size();
    QVERIFY(clusterStillCommits(QStringLiteral("after-incarnation")));
    QVERIFY2(QTest::qWaitFor([&] { return cluster_.state().nodes[size_t(victim)].log.size() > before; }, 8000),
             qPrintable(test::describeCluster(cluster_)));
  }

  // Our connections close: the compromised node's process takes its name back.
  void theCompromisedNodeComesBack() {
    as_compromised_.clear();
    QVERIFY(cluster_.restart(compromised_));
    QTRY_VERIFY2_WITH_TIMEOUT(cluster_.isUp(compromised_), qPrintable(test::describeCluster(cluster_)), 10000);
    const int node = compromised_;
    compromised_ = -1;
    size_t before = cluster_.state().nodes[size_t(node)].log.size();
    QVERIFY(clusterStillCommits(QStringLiteral("after-comeback")));
    // Its peers reach it at its new port: it receives the new entry.
    QVERIFY2(QTest::qWaitFor([&] { return cluster_.state().nodes[size_t(node)].log.size() > before; }, 8000),
             qPrintable(test::describeCluster(cluster_)));
  }

  void oversizedFrameBeforeTheHelloIsRefused() {
    qsizetype lines = cluster_.nodeLog(1).size();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, cluster_.peerPort(1));
    QVERIFY(s.waitForConnected(2000));
    QByteArray header(4, 0);
    qToBigEndian<quint32>(quint32(kMaxHelloBytes + 1), header.data());
    s.write(header);  // the length alone: a stranger may not announce more than a hello
    QVERIFY(s.waitForDisconnected(3000) || s.state() == QAbstractSocket::UnconnectedState);
    QVERIFY(logged(1, lines, {QStringLiteral("closed connection"), QStringLiteral("before the hello")}));
  }

  void peerTextCannotFakeLogLines() {
    qsizetype lines = cluster_.nodeLog(2).size();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, cluster_.peerPort(2));
    QVERIFY(s.waitForConnected(2000));
    QCborMap f;
    f.insert(QStringLiteral("t"), QStringLiteral("x\nradeau-node fake: elected\x1b[2J"));
    s.write(encodeFrame(f));
    QVERIFY(s.waitForDisconnected(3000) || s.state() == QAbstractSocket::UnconnectedState);
    QVERIFY(logged(2, lines, {QStringLiteral("expected a hello frame, got 'x\\nradeau-node fake: elected\\x1b[2J'")}));
    for (const QString& line : cluster_.nodeLog(2).mid(lines)) {
      QVERIFY2(!line.startsWith(QStringLiteral("radeau-node fake")), qPrintable(line));
      QVERIFY2(!line.contains(QChar(0x1b)), qPrintable(line));
    }
  }

  void unauthenticatedConnectionsAreCapped() {
    // Connections that never say hello, up to the per-address cap (2 × 9)...
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    qsizetype lines = cluster_.nodeLog(0).size();
    for (int i = 0; i < 2 * kMaxNodes; ++i) {
      silent.push_back(std::make_unique<QTcpSocket>());
      silent.back()->connectToHost(QHostAddress::LocalHost, cluster_.peerPort(0));
      QVERIFY(silent.back()->waitForConnected(2000));
    }
    // ...then one more is closed at once (the node accepts in order, so the
    // earlier ones are counted by then).
    QTcpSocket extra;
    extra.connectToHost(QHostAddress::LocalHost, cluster_.peerPort(0));
    QVERIFY(extra.waitForConnected(2000));
    QVERIFY(extra.waitForDisconnected(3000) || extra.state() == QAbstractSocket::UnconnectedState);
    QVERIFY(logged(0, lines, {QStringLiteral("refused connection"), QStringLiteral("connections without a hello")}));
    for (auto& s : silent) s->abort();
    // Once they are gone, a peer with the token is welcome again.
    QVERIFY(clusterStillCommits(QStringLiteral("after-cap")));
  }

  // The observer takes a node's stream only from the process it started for
  // that node: a hello with the token from elsewhere cannot take the stream
  // or redirect the client writes (its ports) meant for the node.
  void anObserverHelloFromAnotherProcessIsRefused() {
    QSignalSpy problems(&cluster_, &LiveCluster::problem);
    const quint16 client_port = cluster_.clientPort(0), peer_port = cluster_.peerPort(0);
    QCborMap h = hello(cluster_.token(), QString::fromStdString(cluster_.config().names[0]), 0);
    QCborArray names;
    for (const std::string& n : cluster_.config().names) names.append(QString::fromStdString(n));
    h.insert(QStringLiteral("names"), names);
    h.insert(QStringLiteral("pid"), 1);
    h.insert(QStringLiteral("port"), 9);
    h.insert(QStringLiteral("client_port"), 9);
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, cluster_.observerPort());
    QVERIFY(s.waitForConnected(2000));
    s.write(encodeFrame(h));
    QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, 3000);
    QVERIFY(std::any_of(problems.begin(), problems.end(), [](const QList<QVariant>& args) {
      return args.at(0).toString().contains(QStringLiteral("not the one started for it"));
    }));
    QCOMPARE(cluster_.clientPort(0), client_port);
    QCOMPARE(cluster_.peerPort(0), peer_port);
    QVERIFY(cluster_.isUp(0));
    QVERIFY(clusterStillCommits(QStringLiteral("after-observer-hello")));
  }

  // Texts travel with the entries and are in every node's WAL.
  // A client holds the token too: its resends cannot put another text under
  // a write's id, nor name a write nobody gave (which could later be another
  // node's), and its reads are answered on its own connection only.
  void aClientCannotForgeAResend() {
    QTRY_VERIFY_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), 10000);
    const int leader = *agreedLeader(cluster_.state());
    QSignalSpy spy(&cluster_, &LiveCluster::writeAnswered);
    const qint64 request = cluster_.clientWrite(leader, QStringLiteral("z=1"));
    QVERIFY(request >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty(), 5000);
    QVERIFY(spy.first().at(1).toBool());
    const uint32_t w = cluster_.writeId(request);
    QVERIFY(w != 0);
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, cluster_.clientPort(leader));
    QVERIFY(s.waitForConnected(2000));
    auto ask = [](qint64 id, std::initializer_list<std::pair<const char*, QCborValue>> fields) {
      QCborMap f;
      f.insert(QStringLiteral("id"), id);
      for (const auto& [k, v] : fields) f.insert(QString::fromLatin1(k), v);
      return encodeFrame(f);
    };
    s.write(encodeFrame(hello(cluster_.token(), QStringLiteral("client"), 0)) +
            ask(1, {{"t", "write"}, {"text", "z=666"}, {"write", qint64(w)}}) +
            ask(2, {{"t", "write"}, {"text", "z=2"}, {"write", qint64(w) + 9 * 1000}}) +
            ask(3, {{"t", "read"}, {"key", "z"}}));
    FrameReader reader;
    std::vector<QCborMap> answers;
    QVERIFY(QTest::qWaitFor([&] {
      if (s.bytesAvailable()) reader.feed(s.readAll(), answers);
      return answers.size() >= 3 || s.state() != QAbstractSocket::ConnectedState;
    }, 5000));
    QCOMPARE(answers.size(), size_t(3));
    std::map<qint64, QCborMap> by_id;
    for (const QCborMap& a : answers) by_id[a.value(QStringLiteral("id")).toInteger()] = a;
    QCOMPARE(by_id[1].value(QStringLiteral("t")).toString(), QStringLiteral("fail"));
    QVERIFY(by_id[1].value(QStringLiteral("reason")).toString().contains(QStringLiteral("a resend repeats the same write")));
    QCOMPARE(by_id[2].value(QStringLiteral("t")).toString(), QStringLiteral("fail"));
    QVERIFY(by_id[2].value(QStringLiteral("reason")).toString().contains(QStringLiteral("unknown at this node")));
    QCOMPARE(by_id[3].value(QStringLiteral("t")).toString(), QStringLiteral("value"));
    QCOMPARE(by_id[3].value(QStringLiteral("text")).toString(), QStringLiteral("z=1"));
    // Nothing of the forgeries reached a log or the journal's texts.
    for (const ClientWriteInfo& info : cluster_.journal().writes()) QVERIFY(info.text != "z=666" && info.text != "z=2");
    QVERIFY(clusterStillCommits(QStringLiteral("after-forged-resends")));
  }

  void textsAreReplicatedAndPersisted() {
    QVERIFY(clusterStillCommits(QStringLiteral("text-on-every-disk")));
    for (int i = 0; i < cluster_.nodeCount(); ++i) {
      QVERIFY2(QTest::qWaitFor([&] {
        QFile f(cluster_.dataDir(i) + QStringLiteral("/wal"));
        if (!f.open(QIODevice::ReadOnly)) return false;
        node::Persisted p;
        size_t valid = 0;
        std::string note, error;
        if (!node::readWal(f.readAll().toStdString(), p, valid, note, error, 3)) return false;
        for (const auto& [w, text] : p.texts)
          if (text == "text-on-every-disk") return true;
        return false;
      }, 5000), qPrintable(QStringLiteral("node %1's WAL has no text-on-every-disk").arg(i)));
    }
  }

  void everyNodeStillRunsAndTheJournalIsClean() {
    for (int i = 0; i < 3; ++i) QVERIFY(cluster_.isUp(i));
    QCOMPARE(safetyFindings(cluster_.state(), cluster_.journal()), 0);
  }

  // A new observer on the same data directories learns the texts from the nodes' files.
  void textsSurviveWithoutTheObserver() {
    QTemporaryDir root;
    LiveCluster::Options o;
    o.nodes = 3;
    o.node_binary = kNode;
    o.data_root = root.path();
    {
      LiveCluster first;
      QString error;
      QVERIFY2(first.start(o, &error), qPrintable(error));
      QTRY_VERIFY_WITH_TIMEOUT(agreedLeader(first.state()).has_value(), 10000);
      QSignalSpy spy(&first, &LiveCluster::writeAnswered);
      QVERIFY(first.clientWrite(*agreedLeader(first.state()), QStringLiteral("kept-on-disk")) >= 0);
      QTRY_VERIFY_WITH_TIMEOUT(spy.count() > 0, 5000);
      QVERIFY(spy.first().at(1).toBool());
      first.stop();
    }
    LiveCluster second;
    QString error;
    QVERIFY2(second.start(o, &error), qPrintable(error));
    auto knows = [&] {
      for (const ClientWriteInfo& w : second.journal().writes())
        if (w.text == "kept-on-disk") return true;
      return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(knows(), 10000);
    second.stop();
  }

  void cleanupTestCase() { cluster_.stop(); }
};

QTEST_GUILESS_MAIN(TestLiveHostile)
#include "test_live_hostile.moc"

// Hostile bytes on a live node's ports: each bad connection is closed with a
// logged reason, and the cluster keeps electing and committing.
#include <QCborArray>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtEndian>
#include <QtTest>

#include "support/live_support.h"
#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"
#include "app/live/wire.h"

using namespace radeau;
using namespace radeau::live;

namespace {
const QString kNode = test::kNodeBinary;

using test::hello;
}  // namespace

class TestLiveWire : public QObject {
  Q_OBJECT
  LiveCluster cluster_;

  // Sends `bytes` to a node's port; true if the node closes the connection and
  // logs a line containing `reason`.
  bool rejected(int node, quint16 port, const QByteArray& bytes, const QString& reason) {
    qsizetype lines = cluster_.nodeLog(node).size();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(2000)) return false;
    s.write(bytes);
    s.flush();
    if (!QTest::qWaitFor([&] { return s.state() == QAbstractSocket::UnconnectedState; }, 3000)) {
      qWarning() << "connection still open after" << bytes.left(16).toHex();
      return false;
    }
    bool logged = QTest::qWaitFor([&] {
      const QStringList log = cluster_.nodeLog(node);
      for (qsizetype i = lines; i < log.size(); ++i)
        if (log[i].contains(QStringLiteral("closed connection")) && log[i].contains(reason)) return true;
      return false;
    }, 2000);
    if (!logged) qWarning() << "no log line with" << reason << cluster_.nodeLog(node).mid(lines);
    return logged;
  }

  bool clusterStillCommits(const QString& text) { return test::clusterCommits(cluster_, text); }

 private slots:
  void initTestCase() {
    LiveCluster::Options o;
    o.nodes = 3;
    o.node_binary = kNode;
    QString error;
    QVERIFY2(cluster_.start(o, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(agreedLeader(cluster_.state()).has_value(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.isUp(0) && cluster_.isUp(1) && cluster_.isUp(2), 5000);
  }

  // The observer's event frame, written straight as CBOR, says what the
  // QCbor-built frame says (decoded by the observer's own reader).
  void eventFrameMatchesTheCborMap() {
    std::vector<WireEvent> events;
    Event sent = make::logRequest(4, 2, 3, 0, 2);
    sent.kind = EventKind::MessageSent;
    sent.node = 0;
    sent.peer = 2;
    sent.time_us = 5'000'000'000;  // beyond 32 bits
    events.push_back({sent, 7, 0, {{2, 10}, {2, 19}}, {}});
    Event delivered{.kind = EventKind::MessageDelivered, .node = 1, .peer = 0};
    delivered.ref = 70000;
    events.push_back({delivered, 300, 0xDEADBEEF, {}, {}});
    events.push_back({make::clientWrite(0, 19), 65536, 0, {}, "x=é\xff"});  // not UTF-8 at the end
    events.push_back({make::commitAdvanced(2, 3), 8, 0, {}, {}});
    QCborArray arr;
    for (const WireEvent& w : events) arr.append(encodeEvent(w));
    QCborMap f;
    f.insert(QStringLiteral("t"), QStringLiteral("ev"));
    f.insert(QStringLiteral("ev"), arr);
    std::vector<QCborMap> direct, built;
    FrameReader a, b;
    QVERIFY(a.feed(encodeEventFrame(events), direct));
    QVERIFY(b.feed(encodeFrame(f), built));
    QCOMPARE(direct.size(), size_t(1));
    QCOMPARE(built.size(), size_t(1));
    QCOMPARE(direct[0], built[0]);
    QString err;
    const QCborArray got = direct[0].value(QStringLiteral("ev")).toArray();
    QCOMPARE(got.size(), qsizetype(events.size()));
    for (qsizetype i = 0; i < got.size(); ++i) QVERIFY2(decodeEvent(got.at(i), err).has_value(), qPrintable(err));
  }

  void garbageBytes() {
    QByteArray junk("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(rejected(0, cluster_.peerPort(0), junk, QStringLiteral("declares")));
    QByteArray bad_cbor(4, 0);
    qToBigEndian<quint32>(5, bad_cbor.data());
    bad_cbor += QByteArray("\xff\xff\xff\xff\xff", 5);
    QVERIFY(rejected(0, cluster_.peerPort(0), bad_cbor, QStringLiteral("malformed CBOR")));
    QVERIFY(rejected(1, cluster_.clientPort(1), junk, QStringLiteral("declares")));
    QVERIFY(clusterStillCommits(QStringLiteral("after-garbage")));
  }

  void oversizedFrame() {
    // Only the length is sent: the node refuses before allocating anything.
    QByteArray header(4, 0);
    qToBigEndian<quint32>(quint32(kMaxFrameBytes + 1), header.data());
    QVERIFY(rejected(1, cluster_.peerPort(1), header, QStringLiteral("declares")));
    QVERIFY(rejected(1, cluster_.clientPort(1), header, QStringLiteral("declares")));
    QVERIFY(clusterStillCommits(QStringLiteral("after-oversized")));
  }

  void wrongTokenUnknownPeerWrongVersion() {
    QString peer0 = QString::fromStdString(cluster_.config().names[0]);
    QVERIFY(rejected(2, cluster_.peerPort(2), encodeFrame(hello(QStringLiteral("not-the-token"), peer0, 0)),
                     QStringLiteral("wrong cluster token")));
    QVERIFY(rejected(2, cluster_.clientPort(2), encodeFrame(hello(QStringLiteral("not-the-token"), peer0, 0)),
                     QStringLiteral("wrong cluster token")));
    QVERIFY(rejected(2, cluster_.peerPort(2), encodeFrame(hello(cluster_.token(), QStringLiteral("Mallory"), 5)),
                     QStringLiteral("unknown peer")));
    // The right token, but a message before any hello.
    QCborMap msg;
    msg.insert(QStringLiteral("t"), QStringLiteral("msg"));
    QVERIFY(rejected(2, cluster_.peerPort(2), encodeFrame(msg), QStringLiteral("expected a hello")));
    // A frame of another protocol version.
    QCborMap other = hello(cluster_.token(), peer0, 0);
    other.insert(QStringLiteral("v"), kProtocolVersion + 1);
    QByteArray payload = other.toCborValue().toCbor(), frame(4, 0);
    qToBigEndian<quint32>(quint32(payload.size()), frame.data());
    QVERIFY(rejected(2, cluster_.peerPort(2), frame + payload,
                     QStringLiteral("protocol version %1").arg(kProtocolVersion + 1)));
    // The right token under the name of a peer already connected: its first connection stays.
    QVERIFY(rejected(2, cluster_.peerPort(2), encodeFrame(hello(cluster_.token(), peer0, 0)),
                     QStringLiteral("already connected")));
    // A well-introduced peer that then sends a malformed message: node 0 is
    // down (its connection gone), so its name is free to be taken.
    QVERIFY(cluster_.crash(0));
    QCborMap bad;
    bad.insert(QStringLiteral("t"), QStringLiteral("msg"));
    bad.insert(QStringLiteral("seq"), 1);
    bad.insert(QStringLiteral("m"), QCborArray{9, 1, 0, 0, 0, 0});
    const QByteArray forged = encodeFrame(hello(cluster_.token(), peer0, 0)) + encodeFrame(bad);
    // Node 2 may read the forged hello before it has seen node 0's connection close: then try again.
    QVERIFY(QTest::qWaitFor([&] {
      return rejected(2, cluster_.peerPort(2), forged, QStringLiteral("unknown message type"));
    }, 10000));
    QVERIFY(cluster_.restart(0));
    QTRY_VERIFY_WITH_TIMEOUT(cluster_.isUp(0), 10000);
    QVERIFY(clusterStillCommits(QStringLiteral("after-tokens")));
  }

  // Client frames, decoded without a process: every field from the wire in
  // range, and each refusal says which field and why.
  void clientRequests_data() {
    QTest::addColumn<QCborMap>("frame");
    QTest::addColumn<QString>("error");  // empty: accepted
    auto f = [](std::initializer_list<std::pair<const char*, QCborValue>> fields) {
      QCborMap m;
      for (const auto& [k, v] : fields) m.insert(QString::fromLatin1(k), v);
      return m;
    };
    QTest::newRow("write") << f({{"t", "write"}, {"id", 3}, {"text", "x=1"}}) << QString();
    QTest::newRow("write without id") << f({{"t", "write"}, {"text", "x=1"}}) << QString();
    QTest::newRow("resend") << f({{"t", "write"}, {"id", 4}, {"text", "x=1"}, {"write", 10}}) << QString();
    QTest::newRow("read") << f({{"t", "read"}, {"id", 5}, {"key", "x"}}) << QString();
    QTest::newRow("read, 16 bytes") << f({{"t", "read"}, {"key", "k_2345678901234_"}}) << QString();
    QTest::newRow("other type") << f({{"t", "snapshot"}}) << u"unexpected 'snapshot' frame from a client"_qs;
    QTest::newRow("negative id") << f({{"t", "read"}, {"id", -1}, {"key", "x"}}) << u"read frame: 'id' must be an integer"_qs;
    QTest::newRow("id as double") << f({{"t", "write"}, {"id", 1.5}, {"text", "x"}}) << u"write frame: 'id' must be an integer"_qs;
    QTest::newRow("id too large") << f({{"t", "write"}, {"id", qint64(1) << 60}}) << u"'id' must be an integer from 0 to"_qs;
    QTest::newRow("key missing") << f({{"t", "read"}, {"id", 1}}) << u"read frame: 'key' must be a string"_qs;
    QTest::newRow("key as number") << f({{"t", "read"}, {"key", 7}}) << u"read frame: 'key' must be a string"_qs;
    QTest::newRow("key empty") << f({{"t", "read"}, {"key", ""}}) << u"read frame: a read needs a key"_qs;
    QTest::newRow("key too long") << f({{"t", "read"}, {"key", "k_2345678901234_7"}}) << u"longer than 16 bytes"_qs;
    QTest::newRow("key with =") << f({{"t", "read"}, {"key", "x=1"}}) << u"not '=', quotes or spaces"_qs;
    QTest::newRow("key with space") << f({{"t", "read"}, {"key", "a b"}}) << u"not '=', quotes or spaces"_qs;
    QTest::newRow("key with NUL") << f({{"t", "read"}, {"key", QString(QChar(0))}}) << u"not '=', quotes or spaces"_qs;
    QTest::newRow("key not ASCII") << f({{"t", "read"}, {"key", u"clé"_qs}}) << u"not '=', quotes or spaces"_qs;
    QTest::newRow("text as array") << f({{"t", "write"}, {"text", QCborArray{1}}}) << u"'text' must be a string"_qs;
    QTest::newRow("text too long") << f({{"t", "write"}, {"text", QString(1025, u'a')}}) << u"longer than 1024 characters"_qs;
    QTest::newRow("resend of 0") << f({{"t", "write"}, {"text", "x"}, {"write", 0}}) << u"'write' (the write resent) must be an integer from 1 to"_qs;
    QTest::newRow("resend beyond ids") << f({{"t", "write"}, {"text", "x"}, {"write", qint64(kMaxWriteId) + 1}})
                                       << u"'write' (the write resent) must be an integer from 1 to"_qs;
    QTest::newRow("resend as text") << f({{"t", "write"}, {"text", "x"}, {"write", "10"}}) << u"'write' (the write resent)"_qs;
  }
  void clientRequests() {
    QFETCH(QCborMap, frame);
    QFETCH(QString, error);
    ClientRequest r;
    QString why;
    const bool ok = decodeClientRequest(frame, r, why);
    if (error.isEmpty()) {
      QVERIFY2(ok, qPrintable(why));
    } else {
      QVERIFY(!ok);
      QVERIFY2(why.contains(error), qPrintable(why));
    }
  }

  // The same refusals from a running node: the connection closes with the
  // reason logged, and the node keeps serving.
  void badClientFramesCloseTheConnection() {
    const int node = 1;
    auto client = [&](QCborMap f) { return encodeFrame(hello(cluster_.token(), u"client"_qs, 0)) + encodeFrame(std::move(f)); };
    QCborMap longKey, equals, zero, negative;
    longKey.insert(u"t"_qs, u"read"_qs);
    longKey.insert(u"key"_qs, QString(40, u'k'));
    QVERIFY(rejected(node, cluster_.clientPort(node), client(longKey), u"read frame: the key is longer than 16 bytes"_qs));
    equals.insert(u"t"_qs, u"read"_qs);
    equals.insert(u"key"_qs, u"x=2"_qs);
    QVERIFY(rejected(node, cluster_.clientPort(node), client(equals), u"not '=', quotes or spaces"_qs));
    zero.insert(u"t"_qs, u"write"_qs);
    zero.insert(u"text"_qs, u"x=1"_qs);
    zero.insert(u"write"_qs, 0);
    QVERIFY(rejected(node, cluster_.clientPort(node), client(zero), u"'write' (the write resent) must be"_qs));
    negative.insert(u"t"_qs, u"read"_qs);
    negative.insert(u"id"_qs, -5);
    negative.insert(u"key"_qs, u"x"_qs);
    QVERIFY(rejected(node, cluster_.clientPort(node), client(negative), u"'id' must be an integer"_qs));
    // Well formed, but a write nobody gave: answered fail, the connection stays.
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, cluster_.clientPort(node));
    QVERIFY(s.waitForConnected(2000));
    QCborMap unknown;
    unknown.insert(u"t"_qs, u"write"_qs);
    unknown.insert(u"id"_qs, 77);
    unknown.insert(u"text"_qs, u"x=1"_qs);
    unknown.insert(u"write"_qs, qint64(kMaxWriteId));
    s.write(client(unknown));
    FrameReader reader;
    std::vector<QCborMap> answers;
    QVERIFY(QTest::qWaitFor([&] {
      if (s.bytesAvailable()) reader.feed(s.readAll(), answers);
      return !answers.empty() || s.state() != QAbstractSocket::ConnectedState;
    }, 5000));
    QCOMPARE_GE(answers.size(), size_t(1));
    QCOMPARE(answers[0].value(u"t"_qs).toString(), u"fail"_qs);
    QCOMPARE(answers[0].value(u"id"_qs).toInteger(), 77);
    QVERIFY(answers[0].value(u"reason"_qs).toString().contains(u"unknown at this node"_qs));
    QCOMPARE(s.state(), QAbstractSocket::ConnectedState);
    QVERIFY(clusterStillCommits(u"after-client-frames"_qs));
  }

  void everyNodeStillRunsAndTheJournalIsClean() {
    for (int i = 0; i < 3; ++i) QVERIFY(cluster_.isUp(i));
    QCOMPARE(safetyFindings(cluster_.state(), cluster_.journal()), 0);
  }

  void cleanupTestCase() { cluster_.stop(); }
};

QTEST_GUILESS_MAIN(TestLiveWire)
#include "test_live_wire.moc"

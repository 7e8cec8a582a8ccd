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

  void everyNodeStillRunsAndTheJournalIsClean() {
    for (int i = 0; i < 3; ++i) QVERIFY(cluster_.isUp(i));
    QCOMPARE(safetyFindings(cluster_.state(), cluster_.journal()), 0);
  }

  void cleanupTestCase() { cluster_.stop(); }
};

QTEST_GUILESS_MAIN(TestLiveWire)
#include "test_live_wire.moc"

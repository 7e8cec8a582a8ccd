// The node's write-ahead log (torn tails, checksums, locking) and the frame
// reader, without a cluster; plus one real radeau-node recovering a torn file.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include "support/live_support.h"
#include "app/live/wire.h"
#include "app/node/wal.h"

using namespace radeau;
using namespace radeau::node;

namespace {
const QString kNode = test::kNodeBinary;

std::string dirOf(const QTemporaryDir& d) { return d.path().toStdString(); }

// A WAL with term 3, vote for node 1 and log [1:w10, 3:w20].
void writeSample(const std::string& dir) {
  Wal wal;
  Persisted p;
  std::vector<std::string> notes;
  std::string error;
  QVERIFY2(wal.open(dir, p, notes, error), error.c_str());
  wal.term(2);
  wal.vote(1);
  wal.append(1, {2, 10});
  wal.append(2, {2, 11});
  wal.truncate(1);
  wal.term(3);
  wal.append(2, {3, 20});
  QVERIFY(wal.sync(error));
}

Persisted reopen(const std::string& dir, std::vector<std::string>& notes, bool expect_ok = true) {
  Wal wal;
  Persisted p;
  std::string error;
  bool ok = wal.open(dir, p, notes, error);
  if (ok != expect_ok) qWarning() << "open:" << error.c_str();
  return p;
}

}  // namespace

class TestLiveWal : public QObject {
  Q_OBJECT
 private slots:
  void roundTrip() {
    QTemporaryDir d;
    writeSample(dirOf(d));
    std::vector<std::string> notes;
    Persisted p = reopen(dirOf(d), notes);
    QCOMPARE(p.term, 3u);
    QCOMPARE(p.voted_for, NodeId(1));
    QCOMPARE(p.log, (std::vector<Entry>{{2, 10}, {3, 20}}));
    QVERIFY(notes.empty());
    QVERIFY(p.write_ids_reserved == 0);
  }

  void tornTailIsDroppedWithAMessage_data() {
    QTest::addColumn<int>("cut");
    // Bytes removed from the end of the last record: within its payload, or
    // so many that only part of its header is left.
    QTest::newRow("payload") << 3;
    QTest::newRow("header") << 15;
  }
  void tornTailIsDroppedWithAMessage() {
    QFETCH(int, cut);
    QTemporaryDir d;
    std::string dir = dirOf(d);
    writeSample(dir);
    QFile f(QString::fromStdString(Wal::path(dir)));
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray bytes = f.readAll();
    QVERIFY(f.resize(bytes.size() - cut));
    f.close();
    std::vector<std::string> notes;
    Persisted p = reopen(dir, notes);
    QCOMPARE(notes.size(), size_t(1));
    QVERIFY2(QString::fromStdString(notes[0]).contains(QStringLiteral("torn")), notes[0].c_str());
    QVERIFY(QString::fromStdString(notes[0]).contains(QStringLiteral("dropped the last")));
    // The last record (append 2) is gone, everything before it stays.
    QCOMPARE(p.term, 3u);
    QCOMPARE(p.log, (std::vector<Entry>{{2, 10}}));
    // The file was rewritten whole: the next open has nothing to say.
    notes.clear();
    Persisted again = reopen(dir, notes);
    QVERIFY(notes.empty());
    QCOMPARE(again.log, p.log);
  }

  void checksumMismatchInLastRecord() {
    QTemporaryDir d;
    std::string dir = dirOf(d);
    writeSample(dir);
    QFile f(QString::fromStdString(Wal::path(dir)));
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray bytes = f.readAll();
    bytes[bytes.size() - 1] = char(bytes[bytes.size() - 1] ^ 0x40);
    f.seek(0);
    f.write(bytes);
    f.close();
    std::vector<std::string> notes;
    Persisted p = reopen(dir, notes);
    QCOMPARE(notes.size(), size_t(1));
    QVERIFY(QString::fromStdString(notes[0]).contains(QStringLiteral("checksum mismatch")));
    QCOMPARE(p.log.size(), size_t(1));
  }

  void impossibleRecordIsAnError() {
    QTemporaryDir d;
    std::string dir = dirOf(d);
    {
      Wal wal;
      Persisted p;
      std::vector<std::string> notes;
      std::string error;
      QVERIFY(wal.open(dir, p, notes, error));
      wal.append(5, {1, 0});  // index 5 on an empty log
      QVERIFY(wal.sync(error));
    }
    Wal wal;
    Persisted p;
    std::vector<std::string> notes;
    std::string error;
    QVERIFY(!wal.open(dir, p, notes, error));
    QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("appends index 5")), error.c_str());
  }

  void dataDirectoryIsLocked() {
    QTemporaryDir d;
    Wal first;
    Persisted p;
    std::vector<std::string> notes;
    std::string error;
    QVERIFY(first.open(dirOf(d), p, notes, error));
    Wal second;
    QVERIFY(!second.open(dirOf(d), p, notes, error));
    QVERIFY(QString::fromStdString(error).contains(QStringLiteral("in use")));
  }

  void nodeProcessRecoversFromATornFile() {
    QTemporaryDir d;
    std::string dir = dirOf(d);
    writeSample(dir);
    QFile f(QString::fromStdString(Wal::path(dir)));
    QVERIFY(f.open(QIODevice::Append));
    f.write(QByteArray("\x0d\x00\x00\x00\x12\x34", 6));  // a record whose write never completed
    f.close();
    QProcess node;
    node.setProcessChannelMode(QProcess::MergedChannels);
    node.start(kNode, {"--name", "A", "--peers", "A=127.0.0.1:0,B=127.0.0.1:9,C=127.0.0.1:9",
                       "--data-dir", d.path(), "--token", "0123456789abcdef"});
    QVERIFY(node.waitForStarted(5000));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += node.readAll()).contains("listening"), 5000);
    node.kill();
    node.waitForFinished(3000);
    QVERIFY2(out.contains("torn record header") || out.contains("torn record"), out.constData());
    QVERIFY2(out.contains("recovered term 3, 2 log entries"), out.constData());
  }

  void badCommandLinesAreExplained() {
    QProcess node;
    node.setProcessChannelMode(QProcess::MergedChannels);
    node.start(kNode, {"--name", "A", "--peers", "A=127.0.0.1:1,B=nowhere", "--data-dir", "/tmp/x", "--token", "0123456789"});
    QVERIFY(node.waitForFinished(5000));
    QCOMPARE(node.exitCode(), 64);
    QVERIFY(node.readAll().contains("'B=nowhere' is not name=host:port"));
  }

  void frameReader() {
    using namespace radeau::live;
    QCborMap m;
    m.insert(QStringLiteral("t"), QStringLiteral("x"));
    QByteArray two = encodeFrame(m) + encodeFrame(m);
    FrameReader r;
    std::vector<QCborMap> out;
    for (char c : two) QVERIFY(r.feed(QByteArray(1, c), out));  // byte by byte
    QCOMPARE(out.size(), size_t(2));
    QCOMPARE(out[1].value(QStringLiteral("t")).toString(), QStringLiteral("x"));
    FrameReader zero;
    QVERIFY(!zero.feed(QByteArray(4, 0), out));
    QVERIFY(zero.error().contains(QStringLiteral("byte 0")));
    FrameReader later;
    QByteArray big(4, 0);
    qToBigEndian<quint32>(quint32(kMaxFrameBytes + 1), big.data());
    QVERIFY(!later.feed(encodeFrame(m) + big, out));
    QVERIFY2(later.error().contains(QStringLiteral("at byte %1").arg(encodeFrame(m).size())), qPrintable(later.error()));
  }
};

QTEST_GUILESS_MAIN(TestLiveWal)
#include "test_live_wal.moc"

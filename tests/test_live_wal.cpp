// The node's write-ahead log (torn tails, checksums, locking) and the frame
// reader, without a cluster; plus one real radeau-node recovering a torn file.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
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

QByteArray fileBytes(const std::string& dir) {
  QFile f(QString::fromStdString(Wal::path(dir)));
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void setFileBytes(const std::string& dir, const QByteArray& bytes) {
  QFile f(QString::fromStdString(Wal::path(dir)));
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  QCOMPARE(f.write(bytes), bytes.size());
}

// One record with a correct checksum: length, CRC-32C, payload.
QByteArray record(const QByteArray& payload) {
  QByteArray r(8, 0);
  qToLittleEndian<quint32>(quint32(payload.size()), r.data());
  qToLittleEndian<quint32>(crc32c(payload.constData(), size_t(payload.size())), r.data() + 4);
  return r + payload;
}
QByteArray payload(uint8_t type, std::initializer_list<quint32> fields) {
  QByteArray p(1, char(type));
  for (quint32 f : fields) {
    char b[4];
    qToLittleEndian<quint32>(f, b);
    p.append(b, 4);
  }
  return p;
}

// writeSample's records and their offsets: term 2 @0, vote 1 @13, append 1 @26,
// append 2 @47, truncate 1 @68, term 3 @81, append 2 @94; 115 bytes.
constexpr int kAppend1At = 26;
constexpr int kSampleBytes = 115;

QStringList nodeArgs(const QTemporaryDir& d) {
  return {"--name", "A", "--peers", "A=127.0.0.1:0,B=127.0.0.1:9,C=127.0.0.1:9", "--data-dir", d.path(),
          "--token", "0123456789abcdef"};
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

  // A configuration entry (rung 16) is kept and recovered like any entry:
  // a node restarted goes by the configuration in its log.
  void configurationEntryRoundTrip() {
    QTemporaryDir d;
    {
      Wal wal;
      Persisted p;
      std::vector<std::string> notes;
      std::string error;
      QVERIFY2(wal.open(dirOf(d), p, notes, error, 4), error.c_str());
      wal.term(2);
      wal.append(1, {2, configWrite(0b1111)});
      QVERIFY(wal.sync(error));
    }
    Wal wal;
    Persisted p;
    std::vector<std::string> notes;
    std::string error;
    QVERIFY2(wal.open(dirOf(d), p, notes, error, 4), error.c_str());
    QCOMPARE(p.log, (std::vector<Entry>{{2, configWrite(0b1111)}}));
  }

  // Client texts are kept for the writes in the log, so that a node restarted
  // without the observer still knows them; texts of writes gone from the log
  // are forgotten when the file is rewritten.
  void textsRoundTrip() {
    QTemporaryDir d;
    std::string dir = dirOf(d);
    {
      Wal wal;
      Persisted p;
      std::vector<std::string> notes;
      std::string error;
      QVERIFY(wal.open(dir, p, notes, error));
      wal.term(1);
      wal.text(10, "x=1 \xc3\xa9t\xc3\xa9");
      wal.append(1, {1, 10});
      wal.text(19, "never in the log");
      QVERIFY(wal.sync(error));
    }
    std::vector<std::string> notes;
    Persisted p = reopen(dir, notes);
    QCOMPARE(p.texts.size(), size_t(1));
    QCOMPARE(p.texts[10], std::string("x=1 \xc3\xa9t\xc3\xa9"));
    Persisted again = reopen(dir, notes);
    QCOMPARE(again.texts, p.texts);
    QVERIFY(notes.empty());
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

  // A checksum failure with records after it is not a torn write: the node
  // refuses to open the log and leaves every byte of it as it was.
  void midFileCorruptionIsRefusedAndTheFileUntouched() {
    QTemporaryDir d;
    std::string dir = dirOf(d);
    writeSample(dir);
    QByteArray bytes = fileBytes(dir);
    QCOMPARE(bytes.size(), kSampleBytes);
    bytes[kAppend1At + 8 + 5] = char(bytes[kAppend1At + 8 + 5] ^ 0x01);  // the entry's term
    setFileBytes(dir, bytes);
    Wal wal;
    Persisted p;
    std::vector<std::string> notes;
    std::string error;
    QVERIFY(!wal.open(dir, p, notes, error));
    QVERIFY(wal.corrupt());
    QVERIFY2(QString::fromStdString(error).contains(u"checksum mismatch in record at byte 26"_qs), error.c_str());
    QVERIFY2(QString::fromStdString(error).contains(u"--repair"_qs), error.c_str());
    QCOMPARE(fileBytes(dir), bytes);
  }

  void nodeProcessRefusesACorruptLog() {
    QTemporaryDir d;
    std::string dir = dirOf(d);
    writeSample(dir);
    QByteArray bytes = fileBytes(dir);
    bytes[kAppend1At + 8 + 5] = char(bytes[kAppend1At + 8 + 5] ^ 0x01);
    setFileBytes(dir, bytes);
    QProcess node;
    node.setProcessChannelMode(QProcess::MergedChannels);
    node.start(kNode, nodeArgs(d));
    QVERIFY(node.waitForFinished(10000));
    QByteArray out = node.readAll();
    QCOMPARE(node.exitCode(), 2);
    QVERIFY2(out.contains("checksum mismatch in record at byte 26"), out.constData());
    QVERIFY2(!out.contains("listening"), out.constData());
    QCOMPARE(fileBytes(dir), bytes);  // byte-identical: nothing dropped, nothing rewritten
  }

  void repairTruncatesToTheLastGoodRecordAndSaysWhat() {
    QTemporaryDir d;
    std::string dir = dirOf(d);
    writeSample(dir);
    QByteArray bytes = fileBytes(dir);
    bytes[kAppend1At + 8 + 5] = char(bytes[kAppend1At + 8 + 5] ^ 0x01);
    setFileBytes(dir, bytes);
    QProcess repair;
    repair.setProcessChannelMode(QProcess::MergedChannels);
    repair.start(kNode, {"--repair", "--data-dir", d.path()});
    QVERIFY(repair.waitForFinished(10000));
    QByteArray out = repair.readAll();
    QCOMPARE(repair.exitCode(), 0);
    QVERIFY2(out.contains("checksum mismatch in record at byte 26"), out.constData());
    QVERIFY2(out.contains("truncated to byte 26: dropped 89 bytes"), out.constData());
    // What came after the damaged record is named, so a person knows what was lost.
    QVERIFY2(out.contains("4 readable records after the damaged one (2 append, 1 term, 1 truncate)"), out.constData());
    QVERIFY2(out.contains("appends of indexes 2..2"), out.constData());
    QVERIFY2(out.contains("kept term 2, 0 log entries"), out.constData());
    QCOMPARE(fileBytes(dir), bytes.left(kAppend1At));
    // The node starts on the repaired log.
    std::vector<std::string> notes;
    Persisted p = reopen(dir, notes);
    QCOMPARE(p.term, 2u);
    QCOMPARE(p.voted_for, NodeId(1));
    QVERIFY(p.log.empty());
    QVERIFY(notes.empty());
    // A second repair has nothing to do (--opt=value, as every option takes).
    repair.start(kNode, {"--repair", "--data-dir=" + d.path()});
    QVERIFY(repair.waitForFinished(10000));
    QCOMPARE(repair.exitCode(), 0);
    QVERIFY(repair.readAll().contains("nothing to repair"));
    // A misspelt option is refused (exit 2), not ignored, and the file is left alone.
    const QByteArray repaired = fileBytes(dir);
    repair.start(kNode, {"--repair", "--data-dir", d.path(), "--peer", "a,b"});
    QVERIFY(repair.waitForFinished(10000));
    QCOMPARE(repair.exitCode(), 2);
    QVERIFY2(repair.readAll().contains("peer"), "the refusal names the option");
    QCOMPARE(fileBytes(dir), repaired);
  }

  // Records whose checksum is right but whose content is impossible are
  // refused with their offset, not applied.
  void recordsAreValidatedAfterTheChecksum_data() {
    QTest::addColumn<QByteArray>("bad");
    QTest::addColumn<QString>("reason");
    QTest::newRow("vote for node 200") << record(payload(2, {200})) << u"vote for node 200 in a cluster of 3"_qs;
    QTest::newRow("term without its field") << record(payload(1, {})) << u"1 payload bytes, expected 5"_qs;
    QTest::newRow("append without write id") << record(payload(3, {1, 1})) << u"9 payload bytes, expected 13"_qs;
    QTest::newRow("entry above the term") << record(payload(3, {1, 9, 0})) << u"entry term 9 above the node's term 3"_qs;
    QTest::newRow("write id out of range") << record(payload(3, {1, 3, 0xFFFFFFFFu})) << u"write id 4294967295"_qs;
    QTest::newRow("configuration of unknown nodes") << record(payload(3, {1, 3, configWrite(0b1001)}))
                                                    << u"write id %1 is out of range"_qs.arg(configWrite(0b1001));
    QTest::newRow("truncate beyond the log") << record(payload(4, {7})) << u"truncates to 7 entries a log of 0"_qs;
    QTest::newRow("unknown type") << record(payload(9, {1})) << u"unknown record type 9"_qs;
    QTest::newRow("text without a write id") << record(payload(6, {0}) + "x") << u"write id 0 is out of range"_qs;
  }
  void recordsAreValidatedAfterTheChecksum() {
    QFETCH(QByteArray, bad);
    QFETCH(QString, reason);
    QTemporaryDir d;
    std::string dir = dirOf(d);
    QByteArray bytes = record(payload(1, {3})) + bad + record(payload(2, {1}));
    setFileBytes(dir, bytes);
    Wal wal;
    Persisted p;
    std::vector<std::string> notes;
    std::string error;
    QVERIFY(!wal.open(dir, p, notes, error, 3));
    QVERIFY2(QString::fromStdString(error).contains(reason), error.c_str());
    QVERIFY2(QString::fromStdString(error).contains(u"at byte 13"_qs), error.c_str());
    QCOMPARE(fileBytes(dir), bytes);
  }

  // A file extended but never written (a crash before the data reached the disk).
  void zeroFilledTailIsATornWrite() {
    QTemporaryDir d;
    std::string dir = dirOf(d);
    writeSample(dir);
    setFileBytes(dir, fileBytes(dir) + QByteArray(40, 0));
    std::vector<std::string> notes;
    Persisted p = reopen(dir, notes);
    QCOMPARE(notes.size(), size_t(1));
    QVERIFY2(QString::fromStdString(notes[0]).contains(u"zero-filled tail at byte 115"_qs), notes[0].c_str());
    QCOMPARE(p.log, (std::vector<Entry>{{2, 10}, {3, 20}}));
    QVERIFY(!fileBytes(dir).contains(QByteArray(8, 0)));  // rewritten without the zeros
    notes.clear();
    QCOMPARE(reopen(dir, notes).log, p.log);
    QVERIFY(notes.empty());
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

  // Port 0: the node binds free ports itself and says which, on standard
  // output and in --port-file (what LiveCluster and scripts read).
  void nodeReportsThePortsItBound() {
    QTemporaryDir d;
    const QString port_file = d.filePath(QStringLiteral("ports"));
    QProcess node;
    node.start(kNode, {"--name", "A", "--peers", "A=127.0.0.1:0,B=127.0.0.1:9,C=127.0.0.1:9", "--client-port", "0",
                       "--data-dir", d.filePath(QStringLiteral("data")), "--token", "0123456789abcdef",
                       "--port-file", port_file});
    QVERIFY(node.waitForStarted(5000));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += node.readAllStandardOutput()).contains("listening on"), 5000);
    const QRegularExpression lines(QStringLiteral("^clients on 127\\.0\\.0\\.1:(\\d+)\nlistening on 127\\.0\\.0\\.1:(\\d+)\n"));
    const QRegularExpressionMatch m = lines.match(QString::fromUtf8(out));
    QVERIFY2(m.hasMatch(), out.constData());
    const uint client = m.captured(1).toUInt(), peer = m.captured(2).toUInt();
    QVERIFY(client > 0 && peer > 0 && client != peer);
    QFile f(port_file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()), m.captured(0));
    // Something listens there: the node's peer port takes a connection.
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, quint16(peer));
    QVERIFY(s.waitForConnected(2000));
    node.kill();
    node.waitForFinished(3000);
  }

  void badCommandLinesAreExplained() {
    QProcess node;
    node.setProcessChannelMode(QProcess::MergedChannels);
    node.start(kNode, {"--name", "A", "--peers", "A=127.0.0.1:1,B=nowhere", "--data-dir", "/tmp/x", "--token", "0123456789"});
    QVERIFY(node.waitForFinished(5000));
    QCOMPARE(node.exitCode(), 2);
    QVERIFY(node.readAll().contains("'B=nowhere' is not name=host:port"));
    // The initial configuration names nodes of --peers, each once.
    for (const auto& [members, says] : {std::pair{"A,Z", "--members: 'Z' is not in --peers"},
                                        std::pair{"A,A", "--members: 'A' is listed twice"},
                                        std::pair{",", "--members: expected at least one name of --peers"}}) {
      QProcess bad;
      bad.setProcessChannelMode(QProcess::MergedChannels);
      bad.start(kNode, {"--name", "A", "--peers", "A=127.0.0.1:0,B=127.0.0.1:0", "--data-dir", "/tmp/x", "--token",
                        "0123456789", "--members", members});
      QVERIFY(bad.waitForFinished(5000));
      QCOMPARE(bad.exitCode(), 2);
      const QByteArray out = bad.readAll();
      QVERIFY2(out.contains(says), out.constData());
    }
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
    // Before the hello: the first frame may not exceed kMaxHelloBytes; the next ones may.
    FrameReader stranger(kMaxHelloBytes);
    QByteArray header(4, 0);
    qToBigEndian<quint32>(quint32(kMaxHelloBytes + 1), header.data());
    QVERIFY(!stranger.feed(header, out));
    QVERIFY2(stranger.error().contains(QStringLiteral("before the hello")), qPrintable(stranger.error()));
    QCborMap large = m;
    large.insert(QStringLiteral("pad"), QString(int(kMaxHelloBytes), u'x'));
    FrameReader introduced(kMaxHelloBytes);
    out.clear();
    QVERIFY(introduced.feed(encodeFrame(m) + encodeFrame(large), out));
    QCOMPARE(out.size(), size_t(2));
  }
};

QTEST_GUILESS_MAIN(TestLiveWal)
#include "test_live_wal.moc"

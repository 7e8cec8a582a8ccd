// Integer fields of wire frames from a peer (issue 14, found by fuzz-wire):
// a CBOR double where an integer is expected was converted by
// QCborValue::toInteger() without a range check (-3.8e22 into a qint64:
// undefined behaviour, reported by UBSan). Every integer field now has to be
// a CBOR integer; anything else is malformed.
#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QtTest>

#include "app/live/wire.h"

using namespace radeau;
using namespace radeau::live;

class TestWireFields : public QObject {
  Q_OBJECT
 private slots:
  void aDoubleIsNotAnInteger() {
    QCOMPARE(integerOf(QCborValue(-3.77816e22), -1), qint64(-1));
    QCOMPARE(integerOf(QCborValue(1.0), -1), qint64(-1));
    QCOMPARE(integerOf(QCborValue(qint64(7)), -1), qint64(7));
  }

  void entriesWithADoubleAreMalformed() {
    std::vector<Entry> out;
    QVERIFY(decodeEntries(QCborArray{1, 2}, out, 10));
    QVERIFY(!decodeEntries(QCborArray{1.0, 2}, out, 10));
    QVERIFY(!decodeEntries(QCborArray{1, -3.77816e22}, out, 10));
    // Write ids up to kMaxWriteId, or a configuration entry (rung 16), nothing between.
    QVERIFY(decodeEntries(QCborArray{1, qint64(configWrite(0b111))}, out, 10));
    QCOMPARE(out.size(), size_t(1));
    QVERIFY(isConfigWrite(out[0].write));
    QVERIFY(!decodeEntries(QCborArray{1, qint64(kMaxWriteId) + 1}, out, 10));
    QVERIFY(!decodeEntries(QCborArray{1, qint64(kConfigWriteBase)}, out, 10));
  }

  // The input fuzz-wire found, kept as it was but for its protocol version
  // (now 2): its message field 4 (the leader's commit) is a huge float; the
  // node must see it as out of range.
  void theFuzzedFrameReadsAsOutOfRange() {
    QFile f(QStringLiteral(RADEAU_SOURCE_DIR "/tests/data/fuzz/wire-double-field.frame"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    FrameReader r;
    std::vector<QCborMap> frames;
    r.feed(f.readAll(), frames);
    QCOMPARE(frames.size(), size_t(1));
    const QCborArray m = frames[0].value(QStringLiteral("m")).toArray();
    QCOMPARE(m.size(), qsizetype(6));
    QVERIFY(m.at(4).isDouble());
    QVERIFY(m.at(4).toDouble() < -1e22);
    QCOMPARE(integerOf(m.at(4), -1), qint64(-1));
  }
};

QTEST_GUILESS_MAIN(TestWireFields)
#include "test_wire_fields.moc"

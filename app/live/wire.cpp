#include "wire.h"

#include <QCborValue>
#include <QRandomGenerator>
#include <QtEndian>

namespace radeau::live {

QByteArray encodeFrame(QCborMap map) {
  map.insert(QStringLiteral("v"), kProtocolVersion);
  QByteArray payload = map.toCborValue().toCbor();
  if (payload.size() > kMaxFrameBytes) return {};
  QByteArray frame(4, Qt::Uninitialized);
  qToBigEndian<quint32>(quint32(payload.size()), frame.data());
  frame += payload;
  return frame;
}

bool FrameReader::feed(const QByteArray& bytes, std::vector<QCborMap>& out) {
  if (!error_.isEmpty()) return false;
  buffer_ += bytes;
  qsizetype pos = 0;
  bool ok = true;
  while (buffer_.size() - pos >= 4) {
    quint32 length = qFromBigEndian<quint32>(buffer_.constData() + pos);
    qint64 at = consumed_ + pos;
    qsizetype max = first_done_ ? kMaxFrameBytes : first_max_;
    if (length == 0 || qint64(length) > max) {
      error_ = QStringLiteral("frame at byte %1 declares %2 bytes (allowed 1..%3%4)")
                   .arg(at).arg(length).arg(max).arg(first_done_ || max == kMaxFrameBytes ? QString() : QStringLiteral(" before the hello"));
      ok = false;
      break;
    }
    if (buffer_.size() - pos - 4 < qsizetype(length)) break;
    QCborParserError perr;
    QCborValue value = QCborValue::fromCbor(buffer_.mid(pos + 4, length), &perr);
    if (perr.error != QCborError::NoError) {
      error_ = QStringLiteral("malformed CBOR in frame at byte %1 (+%2): %3")
                   .arg(at).arg(perr.offset).arg(perr.errorString());
      ok = false;
      break;
    }
    if (!value.isMap()) {
      error_ = QStringLiteral("frame at byte %1 is not a CBOR map").arg(at);
      ok = false;
      break;
    }
    QCborMap map = value.toMap();
    qint64 version = map.value(QStringLiteral("v")).toInteger(-1);
    if (version != kProtocolVersion) {
      error_ = QStringLiteral("frame at byte %1 has protocol version %2, this node speaks %3")
                   .arg(at).arg(version).arg(kProtocolVersion);
      ok = false;
      break;
    }
    out.push_back(std::move(map));
    first_done_ = true;
    pos += 4 + qsizetype(length);
  }
  buffer_.remove(0, pos);
  consumed_ += pos;
  return ok;
}

QCborArray encodeEntries(const Entry* entries, size_t count) {
  QCborArray a;
  for (size_t i = 0; i < count; ++i) {
    a.append(qint64(entries[i].term));
    a.append(qint64(entries[i].write));
  }
  return a;
}

bool decodeEntries(const QCborValue& v, std::vector<Entry>& out, size_t max_count) {
  out.clear();
  if (v.isUndefined()) return true;
  if (!v.isArray()) return false;
  QCborArray a = v.toArray();
  if (a.size() % 2 != 0 || size_t(a.size() / 2) > max_count) return false;
  out.reserve(size_t(a.size() / 2));
  for (qsizetype i = 0; i < a.size(); i += 2) {
    qint64 t = a.at(i).toInteger(-1), w = a.at(i + 1).toInteger(-1);
    if (t < 0 || t > 0xFFFFFFFFll || w < 0 || w > 0xFFFFFFFFll) return false;
    out.push_back({uint32_t(t), uint32_t(w)});
  }
  return true;
}

QCborArray encodeTexts(const std::map<uint32_t, std::string>& texts) {
  QCborArray a;
  for (const auto& [id, text] : texts) {
    a.append(qint64(id));
    a.append(QString::fromStdString(text));
  }
  return a;
}

bool decodeTexts(const QCborValue& v, std::map<uint32_t, std::string>& out, size_t max_bytes) {
  out.clear();
  if (v.isUndefined()) return true;
  if (!v.isArray()) return false;
  QCborArray a = v.toArray();
  if (a.size() % 2 != 0) return false;
  for (qsizetype i = 0; i < a.size(); i += 2) {
    qint64 id = a.at(i).toInteger(-1);
    if (id <= 0 || id > qint64(kMaxWriteId) || !a.at(i + 1).isString()) return false;
    QByteArray text = a.at(i + 1).toString().toUtf8();
    if (size_t(text.size()) > max_bytes) return false;
    out[uint32_t(id)] = text.toStdString();
  }
  return true;
}

QCborArray encodeEvent(const WireEvent& w) {
  const Event& e = w.event;
  QCborArray a{qint64(w.local), qint64(e.kind), qint64(e.time_us), qint64(e.dt_us), qint64(e.ref),
               qint64(e.term), qint64(e.a), qint64(e.b), qint64(e.c), qint64(e.d), qint64(e.e),
               qint64(e.node), qint64(e.peer), qint64(e.sub), qint64(e.flags)};
  QCborMap extra;
  if (w.src_inc) extra.insert(QStringLiteral("inc"), qint64(w.src_inc));
  if (!w.carried.empty()) extra.insert(QStringLiteral("en"), encodeEntries(w.carried.data(), w.carried.size()));
  if (e.kind == EventKind::ClientWrite) extra.insert(QStringLiteral("text"), QString::fromStdString(w.text));
  if (!extra.isEmpty()) a.append(extra);
  return a;
}

std::optional<WireEvent> decodeEvent(const QCborValue& v, QString& error) {
  if (!v.isArray()) {
    error = QStringLiteral("event is not an array");
    return std::nullopt;
  }
  QCborArray a = v.toArray();
  if (a.size() != 15 && a.size() != 16) {
    error = QStringLiteral("event has %1 fields").arg(a.size());
    return std::nullopt;
  }
  qint64 f[15];
  for (int i = 0; i < 15; ++i) {
    if (!a.at(i).isInteger()) {
      error = QStringLiteral("event field %1 is not an integer").arg(i);
      return std::nullopt;
    }
    f[i] = a.at(i).toInteger();
  }
  auto u32 = [](qint64 x) { return x >= 0 && x <= 0xFFFFFFFFll; };
  auto u8 = [](qint64 x) { return x >= 0 && x <= 0xFF; };
  bool ok = u32(f[0]) && f[1] >= 0 && f[1] < kEventKindCount && u32(f[3]) && u32(f[4]) && u32(f[5]) &&
            u32(f[6]) && u32(f[7]) && u32(f[8]) && u32(f[9]) && u32(f[10]) && u8(f[11]) && u8(f[12]) &&
            u8(f[13]) && u8(f[14]);
  if (!ok) {
    error = QStringLiteral("event field out of range");
    return std::nullopt;
  }
  WireEvent w;
  w.local = Seq(f[0]);
  Event& e = w.event;
  e.kind = EventKind(f[1]);
  e.time_us = f[2];
  e.dt_us = uint32_t(f[3]);
  e.ref = Seq(f[4]);
  e.term = uint32_t(f[5]);
  e.a = uint32_t(f[6]);
  e.b = uint32_t(f[7]);
  e.c = uint32_t(f[8]);
  e.d = uint32_t(f[9]);
  e.e = uint32_t(f[10]);
  e.node = NodeId(f[11]);
  e.peer = NodeId(f[12]);
  e.sub = uint8_t(f[13]);
  e.flags = uint8_t(f[14]);
  if (a.size() == 16) {
    QCborMap extra = a.at(15).toMap();
    w.src_inc = uint32_t(extra.value(QStringLiteral("inc")).toInteger(0));
    if (!decodeEntries(extra.value(QStringLiteral("en")), w.carried, 1u << 20)) {
      error = QStringLiteral("malformed carried entries");
      return std::nullopt;
    }
    w.text = extra.value(QStringLiteral("text")).toString().toStdString();
  }
  if (carriesEntries(e) && w.carried.size() != e.e) {
    error = QStringLiteral("message declares %1 entries, carries %2").arg(e.e).arg(w.carried.size());
    return std::nullopt;
  }
  return w;
}

bool sameToken(const QString& a, const QString& b) {
  QByteArray x = a.toUtf8(), y = b.toUtf8();
  if (x.size() != y.size() || x.isEmpty()) return false;
  unsigned char diff = 0;
  for (qsizetype i = 0; i < x.size(); ++i) diff |= uchar(x[i]) ^ uchar(y[i]);
  return diff == 0;
}

QString randomToken() {
  QByteArray bytes(16, Qt::Uninitialized);
  QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), 4);
  return QString::fromLatin1(bytes.toHex());
}

}  // namespace radeau::live

#include "wire.h"

#include <QCborValue>
#include <QRandomGenerator>
#include <QtEndian>

#include "core/script.h"

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
    qint64 version = integerOf(map.value(QStringLiteral("v")), -1);
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
    qint64 t = integerOf(a.at(i), -1), w = integerOf(a.at(i + 1), -1);
    if (t < 0 || t > 0xFFFFFFFFll || w < 0 || w > 0xFFFFFFFFll) return false;
    // A client write id, or a configuration entry (rung 16): nothing between.
    if (w > qint64(kMaxWriteId) && !isConfigWrite(uint32_t(w))) return false;
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
    qint64 id = integerOf(a.at(i), -1);
    if (id <= 0 || id > qint64(kMaxWriteId) || !a.at(i + 1).isString()) return false;
    QByteArray text = a.at(i + 1).toString().toUtf8();
    if (size_t(text.size()) > max_bytes) return false;
    out[uint32_t(id)] = text.toStdString();
  }
  return true;
}

QCborArray encodeEvent(const WireEvent& w) {
  const Event& e = w.event;
  QCborArray a{qint64(w.local)};
  for (const EventFieldInfo& f : kEventFields) a.append(qint64(fieldBits(e, f.field)));  // the time is signed
  QCborMap extra;
  if (w.src_inc) extra.insert(QStringLiteral("inc"), qint64(w.src_inc));
  if (!w.carried.empty()) extra.insert(QStringLiteral("en"), encodeEntries(w.carried.data(), w.carried.size()));
  if (e.kind == EventKind::ClientWrite) extra.insert(QStringLiteral("text"), QString::fromStdString(w.text));
  if (!extra.isEmpty()) a.append(extra);
  return a;
}

namespace {
// Minimal CBOR writing (RFC 8949 3.1): a major type and its argument in the
// shortest form, as QCborStreamWriter writes them.
void cborHead(QByteArray& out, uint8_t major, uint64_t arg) {
  const char m = char(major << 5);
  if (arg < 24) {
    out += char(m | char(arg));
  } else if (arg <= 0xFF) {
    out += char(m | 24);
    out += char(arg);
  } else if (arg <= 0xFFFF) {
    out += char(m | 25);
    for (int s = 8; s >= 0; s -= 8) out += char(arg >> s);
  } else if (arg <= 0xFFFFFFFFull) {
    out += char(m | 26);
    for (int s = 24; s >= 0; s -= 8) out += char(arg >> s);
  } else {
    out += char(m | 27);
    for (int s = 56; s >= 0; s -= 8) out += char(arg >> s);
  }
}
void cborInt(QByteArray& out, qint64 v) {
  if (v >= 0) cborHead(out, 0, uint64_t(v));
  else cborHead(out, 1, uint64_t(-1 - v));
}
void cborText(QByteArray& out, const QByteArray& utf8) {
  cborHead(out, 3, uint64_t(utf8.size()));
  out += utf8;
}
void cborEntries(QByteArray& out, const std::vector<Entry>& entries) {
  cborHead(out, 4, 2 * uint64_t(entries.size()));
  for (const Entry& e : entries) {
    cborInt(out, qint64(e.term));
    cborInt(out, qint64(e.write));
  }
}
}  // namespace

QByteArray encodeEventFrame(const std::vector<WireEvent>& events) {
  QByteArray out(4, Qt::Uninitialized);
  out.reserve(4 + 16 + qsizetype(events.size()) * (8 + 3 * kEventFieldCount));
  cborHead(out, 5, 3);
  cborText(out, QByteArrayLiteral("t"));
  cborText(out, QByteArrayLiteral("ev"));
  cborText(out, QByteArrayLiteral("ev"));
  cborHead(out, 4, events.size());
  for (const WireEvent& w : events) {
    const Event& e = w.event;
    // As encodeEvent(): the local seq, the fields, then a map of what else there is.
    const bool text = e.kind == EventKind::ClientWrite;
    const int extra = (w.src_inc != 0) + !w.carried.empty() + text;
    cborHead(out, 4, uint64_t(1 + kEventFieldCount + (extra > 0)));
    cborInt(out, qint64(w.local));
    for (const EventFieldInfo& f : kEventFields) cborInt(out, qint64(fieldBits(e, f.field)));
    if (extra == 0) continue;
    cborHead(out, 5, uint64_t(extra));
    if (w.src_inc) {
      cborText(out, QByteArrayLiteral("inc"));
      cborInt(out, qint64(w.src_inc));
    }
    if (!w.carried.empty()) {
      cborText(out, QByteArrayLiteral("en"));
      cborEntries(out, w.carried);
    }
    if (text) {
      cborText(out, QByteArrayLiteral("text"));
      cborText(out, QString::fromStdString(w.text).toUtf8());  // valid UTF-8, as QCbor would write it
    }
  }
  cborText(out, QByteArrayLiteral("v"));
  cborInt(out, kProtocolVersion);
  const qsizetype payload = out.size() - 4;
  if (payload > kMaxFrameBytes) return {};
  qToBigEndian<quint32>(quint32(payload), out.data());
  return out;
}

std::optional<WireEvent> decodeEvent(const QCborValue& v, QString& error) {
  if (!v.isArray()) {
    error = QStringLiteral("event is not an array");
    return std::nullopt;
  }
  QCborArray a = v.toArray();
  if (a.size() != 1 + kEventFieldCount && a.size() != 2 + kEventFieldCount) {
    error = QStringLiteral("event has %1 fields").arg(a.size());
    return std::nullopt;
  }
  WireEvent w;
  const qint64 local = integerOf(a.at(0), -1);
  if (!a.at(0).isInteger() || local < 0 || local > 0xFFFFFFFFll) {
    error = QStringLiteral("event field 'local' out of range");
    return std::nullopt;
  }
  w.local = Seq(local);
  for (int i = 0; i < kEventFieldCount; ++i) {
    const EventFieldInfo& f = kEventFields[i];
    const QCborValue x = a.at(1 + i);
    // Only the time may be negative; every other field is unsigned.
    const qint64 bits = integerOf(x, -1);
    if (!x.isInteger() || (f.field != EventField::Time && bits < 0) ||
        !setFieldBits(w.event, f.field, uint64_t(bits))) {
      error = QStringLiteral("event field '%1' out of range").arg(QString::fromLatin1(f.name));
      return std::nullopt;
    }
  }
  const Event& e = w.event;
  if (a.size() == 2 + kEventFieldCount) {
    QCborMap extra = a.at(1 + kEventFieldCount).toMap();
    w.src_inc = uint32_t(integerOf(extra.value(QStringLiteral("inc")), 0));
    if (!decodeEntries(extra.value(QStringLiteral("en")), w.carried, 1u << 20)) {
      error = QStringLiteral("malformed carried entries");
      return std::nullopt;
    }
    w.text = extra.value(QStringLiteral("text")).toString().toStdString();
  }
  if (carriesEntries(e) && w.carried.size() != e.carriedCount()) {
    error = QStringLiteral("message declares %1 entries, carries %2").arg(e.carriedCount()).arg(w.carried.size());
    return std::nullopt;
  }
  return w;
}

// A message between peers carries these fields; the sender, receiver and
// carried entries travel around them (the connection and "en").
constexpr EventField kPeerMessageFields[] = {EventField::Sub, EventField::Term, EventField::S0,
                                             EventField::S1,  EventField::S2,   EventField::Delay};
constexpr int kPeerMessageFieldCount = int(sizeof(kPeerMessageFields) / sizeof(kPeerMessageFields[0]));

QCborArray encodePeerMessage(const Event& m) {
  QCborArray a;
  for (EventField f : kPeerMessageFields) a.append(qint64(fieldBits(m, f)));
  return a;
}

bool decodePeerMessage(const QCborArray& a, Event& m, QString& error) {
  if (a.size() != kPeerMessageFieldCount) return error = QStringLiteral("malformed message frame"), false;
  m.kind = EventKind::MessageSent;
  for (int i = 0; i < kPeerMessageFieldCount; ++i) {
    const qint64 bits = integerOf(a.at(i), -1);
    if (bits < 0 || bits > 0xFFFFFFFFll || !setFieldBits(m, kPeerMessageFields[i], uint64_t(bits)))
      return error = QStringLiteral("message field %1 out of range").arg(i), false;
  }
  if (m.sub > uint8_t(kLastMsgType)) return error = QStringLiteral("unknown message type %1").arg(m.sub), false;
  return true;
}

bool decodeClientRequest(const QCborMap& f, ClientRequest& out, QString& error) {
  const QString t = f.value(QStringLiteral("t")).toString();
  if (t != QStringLiteral("write") && t != QStringLiteral("read")) {
    error = QStringLiteral("unexpected '%1' frame from a client").arg(t.size() > 64 ? t.left(64) + QStringLiteral("…") : t);
    return false;
  }
  out = ClientRequest{};
  const QCborValue id = f.value(QStringLiteral("id"));
  if (!id.isUndefined()) {
    out.id = integerOf(id, -1);
    if (out.id < 0 || out.id > kMaxRequestId) {
      error = QStringLiteral("%1 frame: 'id' must be an integer from 0 to %2").arg(t).arg(kMaxRequestId);
      return false;
    }
  }
  if (t == QStringLiteral("read")) {
    out.kind = ClientRequest::Kind::Read;
    const QCborValue key = f.value(QStringLiteral("key"));
    if (!key.isString()) return error = QStringLiteral("read frame: 'key' must be a string"), false;
    out.key = key.toString();
    if (out.key.size() > qsizetype(kMaxReadKeyBytes))
      return error = QStringLiteral("read frame: the key is longer than %1 bytes").arg(kMaxReadKeyBytes), false;
    if (std::string why = readKeyProblem(out.key.toStdString()); !why.empty())
      return error = QStringLiteral("read frame: %1").arg(QString::fromStdString(why)), false;
    return true;
  }
  const QCborValue text = f.value(QStringLiteral("text"));
  if (!text.isUndefined() && !text.isString()) return error = QStringLiteral("write frame: 'text' must be a string"), false;
  out.text = text.toString();
  if (out.text.size() > kMaxClientTextChars)
    return error = QStringLiteral("write text longer than %1 characters").arg(kMaxClientTextChars), false;
  const QCborValue write = f.value(QStringLiteral("write"));
  if (!write.isUndefined()) {
    const qint64 w = integerOf(write, -1);
    if (w <= 0 || w > qint64(kMaxWriteId))
      return error = QStringLiteral("write frame: 'write' (the write resent) must be an integer from 1 to %1").arg(kMaxWriteId), false;
    out.kind = ClientRequest::Kind::Resend;
    out.write = uint32_t(w);
  }
  return true;
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

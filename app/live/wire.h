// The live cluster's wire protocol, shared by radeau-node and the observer.
//
// A frame is a 4-byte big-endian payload length followed by that many bytes
// of CBOR: a map with "v" (protocol version) and "t" (frame type). Frames
// larger than kMaxFrameBytes are refused before anything is allocated. The
// first frame on every connection is a "hello" carrying the cluster token.
//
// Connections and their frames:
//   peer   (node -> node, one way)   hello{token,name,id,inc}, msg{seq,m,en}
//   client (client -> node)          hello{token,name:"client"}, then any of
//                                      write{id,text}        a new write
//                                      write{id,text,write}  a resend of write `write` (an id
//                                                            from an earlier accepted, ack or
//                                                            fail): the same client and serial number
//                                      read{id,key}          read a key (letters, digits, signs;
//                                                            1..kMaxReadKeyBytes, no '=')
//                                    node answers a new write at once accepted{id,write} (the id
//                                    it gave the write: a client may resend it before its answer),
//                                    then ack{id,write,index,term} / fail{id,reason}
//                                    for writes (one answer to the first try and its resends),
//                                    value{id,key,index,term,commit,text} / fail{id,reason} for
//                                    reads (text: the last committed write of the key, "x=2",
//                                    at log index `index`; "" and index 0 if never written)
//   observer (node -> observer)      hello{token,name,id,inc,names,term,vote,log}, ev{ev:[...]}
//                                    observer answers welcome{token}, cmd{op,...} (op: cut, heal,
//                                    partition, healall, timeout, freeze, thaw, config{add|remove})
#pragma once

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QString>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/journal.h"

namespace radeau::live {

inline constexpr int kProtocolVersion = 2;  // 2: events in the order of core/event.h's field table
inline constexpr qsizetype kMaxFrameBytes = 4 * 1024 * 1024;
inline constexpr int kHandshakeTimeoutMs = 5000;
// Before its hello is accepted a connection is anyone's: its first frame (the
// hello: token, name, two numbers) may not exceed this, so that an
// unauthenticated connection holds kilobytes, not megabytes.
inline constexpr qsizetype kMaxHelloBytes = 4096;
// A write text on the wire, in bytes of UTF-8 (as node::kMaxTextBytes in the WAL).
inline constexpr size_t kMaxTextBytes = 4096;
// A client's request id ("id" of write and read frames), echoed in the answer:
// 0 up to this (exact in a double, for clients that parse CBOR as JSON).
inline constexpr qint64 kMaxRequestId = (qint64(1) << 53) - 1;

// Encodes one frame (length prefix included). Returns empty if it would exceed the maximum.
QByteArray encodeFrame(QCborMap map);

// Cuts a byte stream into frames. Any error is final: the connection must close.
class FrameReader {
 public:
  // The first frame may be held to a smaller limit (kMaxHelloBytes where the
  // first frame must be a hello); the next ones to kMaxFrameBytes.
  explicit FrameReader(qsizetype first_frame_max = kMaxFrameBytes) : first_max_(first_frame_max) {}
  // Appends bytes; decodes every complete frame into `out`. Returns false on
  // error (error() says what and at which byte offset of the stream).
  bool feed(const QByteArray& bytes, std::vector<QCborMap>& out);
  const QString& error() const { return error_; }
  qint64 offset() const { return consumed_; }

 private:
  QByteArray buffer_;
  qint64 consumed_ = 0;  // stream offset of buffer_[0]
  QString error_;
  qsizetype first_max_ = kMaxFrameBytes;
  bool first_done_ = false;
};

// One event as it travels from a node to the observer: the event, its seq in
// the node's journal, and what the 48 bytes cannot hold.
struct WireEvent {
  Event event;
  Seq local = kNoSeq;
  uint32_t src_inc = 0;          // MessageDelivered/Dropped: incarnation of the sender
  std::vector<Entry> carried;    // MessageSent logRequest: its entries
  std::string text;              // ClientWrite: the text
};
// An integer field of a frame; anything else (a double above all) gives
// `fallback`. QCborValue::toInteger() converts a double such as -3.8e22
// without a range check, undefined behaviour on a peer's forged frame.
inline qint64 integerOf(const QCborValue& v, qint64 fallback = 0) { return v.isInteger() ? v.toInteger() : fallback; }

// A client's request (a frame on the client port after its hello), decoded
// and checked: every field from the wire in range, the key a key.
struct ClientRequest {
  enum class Kind { Write, Resend, Read } kind = Kind::Write;
  qint64 id = 0;        // echoed in the answer (0 when absent)
  QString text;         // Write, Resend: the write's text
  uint32_t write = 0;   // Resend: the write sent again (1..kMaxWriteId)
  QString key;          // Read
};
// A write's text, in characters (as radeau-node has always refused longer ones).
inline constexpr qsizetype kMaxClientTextChars = 1024;
// False with `error` ("read frame: 'key' must be a string") when the frame is
// not a well-formed request; the node then closes the connection.
bool decodeClientRequest(const QCborMap& frame, ClientRequest& out, QString& error);

QCborArray encodeEvent(const WireEvent& e);
// The observer's "ev" frame {t:"ev", ev:[encodeEvent(e)...], v}, length prefix
// included, written straight as CBOR instead of through QCbor containers (a
// node sends every event it records: building a QCborArray per event was a
// tenth of a busy leader's time). The same values as encodeFrame() of that
// map; empty if it would exceed kMaxFrameBytes.
QByteArray encodeEventFrame(const std::vector<WireEvent>& events);
// Validates ranges; returns nullopt with `error` set when malformed.
std::optional<WireEvent> decodeEvent(const QCborValue& v, QString& error);

// A message from one node to another: its type, term, payload and delay (the
// "m" of a msg frame). Decoding sets the kind and those fields of `m`, checks
// their ranges, and says why not in `error`.
QCborArray encodePeerMessage(const Event& m);
bool decodePeerMessage(const QCborArray& a, Event& m, QString& error);

QCborArray encodeEntries(const Entry* entries, size_t count);
bool decodeEntries(const QCborValue& v, std::vector<Entry>& out, size_t max_count);
// Write texts travelling with entries ("tx" on peer messages, "texts" in the
// observer hello): [id, text, id, text, ...]. Decoding keeps ids in 1..kMaxWriteId
// and texts up to max_bytes of UTF-8; false if the shape is wrong.
QCborArray encodeTexts(const std::map<uint32_t, std::string>& texts);
bool decodeTexts(const QCborValue& v, std::map<uint32_t, std::string>& out, size_t max_bytes);

// Constant-time comparison for tokens.
bool sameToken(const QString& a, const QString& b);
QString randomToken();

}  // namespace radeau::live

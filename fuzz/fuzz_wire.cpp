// fuzz-wire: a byte stream from a peer that holds the token, as radeau-node
// reads it: the frame reader and decoders (app/live/wire.*), then for every
// "msg" frame the steps of Node::handlePeerFrame (app/node/node.cpp) without
// the sockets: the protocol check (checkPeerMessage) and the node's simulator
// receiving it (Simulator::live + liveReceive). "ev" frames go through the
// observer's event decoder. Node::handlePeerFrame itself needs a connection,
// so its decoding is mirrored here (keep the two in step). "write" and "read"
// frames are a client's: decodeClientRequest, then what Node::handleClientFrame
// does with a valid one (a new write, a resend of a write the node knows, a read).
#include <QCborArray>
#include <QCborMap>
#include <QDir>
#include <QFile>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <vector>

#include "app/live/wire.h"
#include "app/node/peer_check.h"
#include "core/simulator.h"

using namespace radeau;

namespace {
constexpr NodeId kSelf = 0, kPeer = 1;

ClusterConfig config() {
  ClusterConfig c;
  c.names = {"a", "b", "c"};
  return c;
}
QCborMap msg(MsgType type, uint32_t term, uint32_t a, uint32_t b, uint32_t c, std::vector<Entry> en = {}) {
  QCborMap f;
  f.insert(QStringLiteral("t"), QStringLiteral("msg"));
  f.insert(QStringLiteral("seq"), 7);
  f.insert(QStringLiteral("m"), QCborArray{qint64(type), term, a, b, c, 150000});
  if (!en.empty()) {
    f.insert(QStringLiteral("en"), live::encodeEntries(en.data(), en.size()));
    f.insert(QStringLiteral("tx"), live::encodeTexts({{1, "x=1"}}));
  }
  return f;
}

// Seeds written with the real encoder (build.sh sets RADEAU_FUZZ_WIRE_SEEDS):
// a peer's conversation, from vote request to snapshot, and an observer event.
void writeSeeds(const char* dir) {
  auto save = [&](const char* name, const std::vector<QCborMap>& frames) {
    QByteArray bytes;
    for (const QCborMap& f : frames) bytes += live::encodeFrame(f);
    QFile file(QDir(QString::fromLocal8Bit(dir)).filePath(QString::fromLatin1(name)));
    if (file.open(QIODevice::WriteOnly)) file.write(bytes);
  };
  save("vote", {msg(MsgType::VoteRequest, 1, 0, 0, 0), msg(MsgType::VoteResponse, 1, 1, 0, 0)});
  save("log", {msg(MsgType::LogRequest, 1, 0, 0, 0, {{1, 1}, {1, 0}}), msg(MsgType::LogRequest, 1, 2, 1, 2),
               msg(MsgType::LogResponse, 1, 1, 2, 0)});
  save("forward", {msg(MsgType::ClientWrite, 1, 10, 0, 0)});
  save("snapshot", {msg(MsgType::InstallSnapshot, 2, 2, 1, 2, {{1, 1}, {1, 0}})});
  live::WireEvent w;
  w.event = make::clientWrite(kPeer, 1);
  w.text = "x=1";
  QCborMap ev;
  ev.insert(QStringLiteral("t"), QStringLiteral("ev"));
  ev.insert(QStringLiteral("ev"), QCborArray{live::encodeEvent(w)});
  save("event", {ev});
  QCborMap write, resend, read;
  write.insert(QStringLiteral("t"), QStringLiteral("write"));
  write.insert(QStringLiteral("id"), 1);
  write.insert(QStringLiteral("text"), QStringLiteral("x=1"));
  resend = write;
  resend.insert(QStringLiteral("id"), 2);
  resend.insert(QStringLiteral("write"), 1);
  read.insert(QStringLiteral("t"), QStringLiteral("read"));
  read.insert(QStringLiteral("id"), 3);
  read.insert(QStringLiteral("key"), QStringLiteral("x"));
  save("client", {write, resend, read, msg(MsgType::VoteRequest, 1, 0, 0, 0)});
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("RADEAU_FUZZ_WIRE_SEEDS")) writeSeeds(dir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ClusterConfig kConfig = config();
  live::FrameReader reader;
  std::vector<QCborMap> frames;
  reader.feed(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), frames);
  if (frames.empty()) return 0;

  Simulator sim = Simulator::live(kConfig, kSelf, [](Seq, const Event&, const Entry*) { return std::nullopt; });
  sim.liveRestore(0, kNoNode, {});
  sim.liveBoot();
  Time now = 0;
  uint32_t next_write = 0;
  std::set<uint32_t> known;
  for (const QCborMap& f : frames) {
    now += 1000;
    const QString type = f.value(QStringLiteral("t")).toString();
    if (type == QStringLiteral("write") || type == QStringLiteral("read")) {
      // As Node::handleClientFrame serves it.
      live::ClientRequest r;
      QString error;
      if (!live::decodeClientRequest(f, r, error)) continue;
      sim.runUntil(now);
      if (r.kind == live::ClientRequest::Kind::Read) {
        sim.liveClientRead(r.key.toStdString());
      } else if (r.kind == live::ClientRequest::Kind::Resend) {
        if (known.count(r.write)) sim.liveClientResend(r.write, 1);  // the node resends only writes it knows
      } else if (next_write < 1000) {
        const uint32_t id = 1 + kSelf + uint32_t(kMaxNodes) * next_write++;
        sim.liveClientWrite(id, r.text.toStdString());
        known.insert(id);
      }
      continue;
    }
    if (type == QStringLiteral("ev")) {
      for (const QCborValue& v : f.value(QStringLiteral("ev")).toArray()) {
        QString err;
        live::decodeEvent(v, err);
      }
      continue;
    }
    if (type != QStringLiteral("msg")) continue;
    // As Node::handlePeerFrame decodes it.
    Event e{.node = kPeer, .peer = kSelf};
    QString error;
    if (!live::decodePeerMessage(f.value(QStringLiteral("m")).toArray(), e, error)) continue;
    std::vector<Entry> entries;
    if (!live::decodeEntries(f.value(QStringLiteral("en")), entries, 1u << 20)) continue;
    e.setCarried(0, uint32_t(entries.size()));
    if (!entries.empty() && !carriesEntries(e)) continue;
    sim.runUntil(now);
    std::optional<DropReason> drop;
    if (!node::checkPeerMessage(e, entries, sim.state().nodes[kSelf], kConfig.concepts, kConfig.nodeCount()).empty()) {
      entries.clear();
      e.setCarried(0, 0);
      drop = DropReason::Loss;
    }
    std::map<uint32_t, std::string> texts;
    live::decodeTexts(f.value(QStringLiteral("tx")), texts, live::kMaxTextBytes);
    sim.liveReceive(e, entries.data(), drop);
  }
  return 0;
}

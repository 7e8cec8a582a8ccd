// radeau-node: one Raft node as an operating-system process. The node logic
// is core's Simulator in live mode (the same code and concept flags as in
// simulation); this class gives it a wall clock, TCP peers, a write-ahead log,
// a client port and an observer stream.
#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QCborMap>

#include <array>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "app/live/wire.h"
#include "core/simulator.h"
#include "wal.h"

class QTcpServer;
class QTcpSocket;

namespace radeau::node {

struct Address {
  QString host;
  quint16 port = 0;
};

struct NodeOptions {
  std::vector<QString> names;          // the cluster, in node-id order
  std::vector<Address> addresses;      // peer addresses by node id (own entry unused)
  NodeId self = kNoNode;
  // --members: the initial configuration (rung 16), a bit per node; 0: every
  // node. The others are spares, outside it until a change through the leader
  // adds them: the roster gives every node every name and so every peer's
  // address (port 0: learnt from the spare's hello when it starts).
  uint16_t members = 0;
  Address listen;                      // peer port; port 0: the system picks one
  bool client = false;                 // --client-port given
  quint16 client_port = 0;             // 0 (with `client`): the system picks one
  QString port_file;                   // --port-file: the ports bound, written atomically
  Address observer;                    // port 0: no observer
  QString data_dir;
  Concepts concepts = Concepts::full();
  QString token;
  Timing timing;
  // --delay-ms: each message waits its own latency draw (timing.latency_*,
  // the event's dt_us from the node's seeded PRNG) before it is sent, so that
  // arrows are visible at human pace. Off: sent at once (loopback speed).
  bool delay_sends = false;
  // A leader sends new entries once per batch of client writes instead of at
  // its next heartbeat (writes answered in about a round trip, not a
  // heartbeat). On unless --delay-ms (presentation pace) or --heartbeat-paced.
  bool replicate_on_append = true;
  // --seed: the node's draws (election timeouts, latencies); default random per process.
  bool seeded = false;
  uint64_t seed = 0;
};

// Parses the command line (arguments after the program name). On error
// returns false with a message naming the offending option.
bool parseNodeOptions(const QStringList& args, NodeOptions& out, QString& error);
bool parseAddress(const QString& text, Address& out, const QString& default_host);

class Node : public QObject {
  Q_OBJECT
 public:
  explicit Node(NodeOptions options, QObject* parent = nullptr);
  ~Node() override;
  // Opens the data directory and the listening ports; false with `error` if impossible.
  bool start(QString& error);
  // After a failed start(): the write-ahead log is damaged (exit 2, not 1).
  bool dataDamaged() const { return wal_.corrupt(); }

 private:
  struct Outbound {
    QTcpSocket* socket = nullptr;
    bool ready = false;
    QByteArray pending;
  };
  struct Inbound {
    live::FrameReader reader{live::kMaxHelloBytes};  // until the hello, frames are small
    enum class Kind { Unknown, Peer, Client } kind = Kind::Unknown;
    NodeId peer = kNoNode;
    uint32_t inc = 0;
    QString address;
    std::vector<QCborMap> held;  // peer frames that arrived while paused
  };
  struct DelayedSend {
    NodeId peer = kNoNode;
    int delay_ms = 0;
    QByteArray bytes;
  };
  struct PendingWrite {
    QPointer<QTcpSocket> socket;
    qint64 request = 0;
  };

  Time nowUs() const;
  void log(const QString& text) const;
  bool linkUp(NodeId peer) const;
  std::optional<DropReason> transmit(Seq seq, const Event& m, const Entry* carried);

  void boot();
  void afterSim();
  void flushSoon();
  void scheduleTick();
  void tick();

  void connectPeer(NodeId p);
  void learnAddress(NodeId p, const Address& a);
  bool reportPorts(QString& error);
  Inbound& track(QTcpSocket* socket, const QString& address);
  bool admit(QTcpSocket* socket);
  void acceptPeerConnection();
  void acceptClientConnection();
  void readInbound(QTcpSocket* socket);
  void resumeInbound();
  void reject(QTcpSocket* socket, const QString& reason);
  bool handleHello(QTcpSocket* socket, Inbound& in, const QCborMap& f, bool client_port, QString& reason);
  bool handlePeerFrame(Inbound& in, const QCborMap& f, QString& reason);
  bool handleClientFrame(QTcpSocket* socket, const QCborMap& f, QString& reason);
  void answer(QTcpSocket* socket, QCborMap frame);
  void learnText(uint32_t write, std::string text);

  void connectObserver();
  void readObserver();
  void handleCommand(const QCborMap& f);
  void setFrozen(bool frozen);
  bool paused() const { return frozen_ || !booted_; }

  NodeOptions opt_;
  std::unique_ptr<Simulator> sim_;
  Wal wal_;
  bool persist_ = true;
  Persisted recovered_;
  uint32_t inc_ = 0;

  QTcpServer* peer_server_ = nullptr;
  QTcpServer* client_server_ = nullptr;
  std::array<Outbound, kMaxNodes> out_{};
  std::vector<DelayedSend> delayed_;  // --delay-ms: sent by timers after afterSim()
  std::map<QTcpSocket*, Inbound> in_;

  QTcpSocket* observer_ = nullptr;
  live::FrameReader observer_reader_{live::kMaxHelloBytes};  // its first frame is a small welcome
  bool welcomed_ = false;
  bool booted_ = false;

  uint16_t cut_ = 0;
  std::array<uint8_t, kMaxNodes> group_{};
  bool frozen_ = false;
  Time frozen_since_us_ = 0;
  Time frozen_total_us_ = 0;

  Seq scanned_ = 0;
  std::unordered_map<Seq, std::pair<Seq, uint32_t>> received_;  // local seq -> (sender seq, sender inc)
  // Clients waiting for a write's answer: a write's first try and its resends.
  std::unordered_multimap<uint32_t, PendingWrite> pending_writes_;
  std::set<uint32_t> resends_;                     // resent writes still pending
  std::unordered_map<uint32_t, uint32_t> attempts_;  // write id -> resends given here
  std::unordered_map<Seq, PendingWrite> pending_reads_;  // ClientRead seq -> client
  uint32_t commit_seen_ = 0;
  uint32_t next_write_ = 0;      // counter k: write id = 1 + self + kMaxNodes * k
  uint32_t reserved_writes_ = 0;
  // Client texts by write id, this node's and its peers' (persisted, and sent
  // with the entries that carry them), so that a node restarted without the
  // observer still knows what its log says.
  std::map<uint32_t, std::string> texts_;

  // Connections refused by the unauthenticated caps: logged at most once a second.
  uint64_t refused_ = 0;
  QElapsedTimer refused_logged_;

  QTimer tick_;
  bool trace_ = false;           // RADEAU_NODE_TRACE set: log the loop's steps
  bool flush_pending_ = false;   // an afterSim() is queued for this event-loop turn
  bool replicate_soon_ = false;  // client writes came this turn: replicate before flushing
};

}  // namespace radeau::node

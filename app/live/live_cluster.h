// A live cluster: N radeau-node processes on loopback, started with QProcess,
// whose event streams are merged into one Journal (see merge.h). Faults are
// real: crash is SIGKILL, restart recovers from the node's files, cut / heal /
// partition are enforced by the nodes' transports on command, client writes,
// resends and reads go through each node's client port.
//
// The journal only grows; eventsAppended(first, end) says which events are new.
// The merged journal folds with apply() and has the checker's findings in it,
// so the window, replay and recording files use it like a simulated run's.
#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>

#include <map>
#include <memory>
#include <set>
#include <optional>
#include <vector>

#include "app/live/merge.h"
#include "app/live/wire.h"
#include "replay/recording_file.h"

class QTcpServer;
class QTcpSocket;

namespace radeau::live {

class LiveCluster : public QObject {
  Q_OBJECT
 public:
  struct Options {
    int nodes = 3;
    QStringList names;           // default: the default names
    Concepts concepts = Concepts::full();
    QString node_binary;         // default: radeau-node next to this program
    QString data_root;           // default: a temporary directory, removed by stop()
    QStringList extra_node_args; // e.g. {"--election-ms", "300-600"}
    // Set: every node gets --election-ms, --heartbeat-ms and --delay-ms from
    // it (latency = transport delay), and the journal's config says so.
    std::optional<Timing> timing;
    // Room for node processes added while the cluster runs (rung 16): the
    // roster has `nodes + spares` names, the first `nodes` are the initial
    // configuration and start now; a spare starts (empty) when addNode()
    // asks for it. Every node knows every name, so spares need no new
    // address on the wire: a spare's port is learnt from its hello.
    int spares = 0;
  };
  // A pace a person can follow at real time: heartbeat 500 ms, election
  // timeout 1.5–3 s, every message delayed 150–300 ms.
  static Timing presentationPace();

  explicit LiveCluster(QObject* parent = nullptr);
  ~LiveCluster() override;

  // Starts every node; false (with `error`) if something cannot be set up.
  bool start(const Options& options, QString* error = nullptr);
  // Kills every node (SIGKILL) and forgets the processes; the journal stays.
  void stop();
  bool running() const { return started_; }

  int nodeCount() const { return int(nodes_.size()); }
  bool isUp(int node) const;  // process running and its stream connected

  // --- Control --------------------------------------------------------------
  // SIGKILL; returns once its stream has ended and Crashed is recorded.
  bool crash(int node);
  // Starts the process again on the same files (and new ports: see launch()).
  bool restart(int node);
  void cut(int a, int b);
  void heal(int a, int b);
  void isolate(int node);
  void partition(const std::vector<std::vector<NodeId>>& groups);
  void healAll();
  void forceTimeout(int node);
  // Pauses every node's clock (timers stop, messages wait); false resumes.
  void setFrozen(bool frozen);
  bool frozen() const { return frozen_; }
  // Writes through the node's client port. Returns a request id (answered by
  // writeAnswered), or -1 if that node's client port is not connected.
  // `resend` non-zero: the client sends write `resend` again (an id from an
  // earlier answer, writeId()), the same client and serial number, which
  // client sessions recognise; `text` must be that write's.
  qint64 clientWrite(int node, const QString& text, uint32_t resend = 0);
  // The cluster's id for the write of `request`, once the node took it (its
  // accepted frame, before the answer) or answered it; 0 before.
  uint32_t writeId(qint64 request) const;
  // Reads `key` through the node's client port (served by RaftNode::clientRead:
  // read-index and lease apply). Returns a request id (answered by
  // readAnswered), or -1 if that port is not connected or the key is not one
  // (core's readKeyProblem).
  qint64 clientRead(int node, const QString& key);
  // Membership (rung 16), a node at a time, through the leader: addNode
  // starts the node's process if it is not running (a spare starts empty, a
  // removed node on its files), then asks the leader to add it; it catches up
  // from the leader and counts in the majority from the entry on. removeNode
  // asks the leader to remove it; once the change commits, the process is
  // stopped (SIGKILL, recorded as a crash). Answered by membershipAnswered.
  // False (answered at once) if the node is unknown or already asked about.
  bool addNode(int node);
  bool removeNode(int node);
  // The configuration the cluster goes by now: the highest-term live
  // leader's, else the initial one (a bit per node).
  uint16_t members() const;

  // --- What happened --------------------------------------------------------
  const Journal& journal() const { return merger_->journal(); }
  const ClusterState& state() const { return merger_->state(); }
  const ClusterConfig& config() const { return merger_->config(); }
  QString token() const { return token_; }
  // The file (mode 0600) the nodes read the token from: never on their command
  // line, which any local user can read in /proc/PID/cmdline.
  QString tokenFile() const { return token_file_; }
  // Where the nodes send their event streams (127.0.0.1).
  quint16 observerPort() const;
  quint16 peerPort(int node) const { return nodes_.at(size_t(node)).peer_port; }
  quint16 clientPort(int node) const { return nodes_.at(size_t(node)).client_port; }
  QString dataDir(int node) const { return nodes_.at(size_t(node)).data_dir; }
  QStringList nodeLog(int node) const { return nodes_.at(size_t(node)).log; }
  // The node's operating-system process id, 0 when it is not running.
  qint64 processId(int node) const;
  // Merged time now (microseconds since the start, frozen time excluded).
  Time nowUs() const;
  // The run so far as a recording (one branch, "live"): saved with
  // encodeRecording(), reopened as a normal recording, branched in simulation.
  Recording recording() const;
  bool save(const QString& path, std::string& error) const;

 signals:
  void eventsAppended(quint32 first, quint32 end);
  void nodeStarted(int node);
  void nodeExited(int node, int exit_code, bool crashed);
  void writeAnswered(qint64 request, bool ok, QString detail);
  // ok: `value` is the key's last committed write ("x=2"; empty: never
  // written) and `detail` its index and term; not ok: `detail` is the reason.
  void readAnswered(qint64 request, bool ok, QString value, QString detail);
  // A membership change of `node` (added or removed) committed (ok), or was
  // refused: `event` is then the merged ConfigChangeRefused (its text through
  // EventFormatter, in any language), or kNoSeq when the process did not start.
  void membershipAnswered(int node, bool add, bool ok, quint32 event);
  void nodeLogLine(int node, QString line);
  void problem(QString text);

 private:
  // Sends a client-port frame to node n with the next request id; -1 when its port is not connected.
  qint64 sendClientRequest(int n, QCborMap request);
  struct NodeProc {
    QString name;
    quint16 peer_port = 0;
    quint16 client_port = 0;
    QString data_dir;
    QProcess* process = nullptr;
    QTcpSocket* stream = nullptr;   // its observer connection, after hello
    QTcpSocket* client = nullptr;   // our connection to its client port
    FrameReader client_reader;
    QStringList log;
    QByteArray stderr_tail;
    QByteArray stdout_tail;
  };
  struct Conn {
    FrameReader reader;
    int node = -1;
  };

  Time wallUs() const;
  void launch(int node);
  void launchNext();
  void spawn(int node);
  void readPorts(int node);
  void acceptStream();
  void readStream(QTcpSocket* socket);
  void streamEnded(QTcpSocket* socket);
  void connectClient(int node);
  void readClient(int node);
  void command(int node, QCborMap cmd);
  void pump(Seq before);
  // Membership: sends the change to the leader (or records that there is none).
  void askConfigChange(int node, bool add);
  void settleConfigChanges(Seq before);

  Options options_;
  bool started_ = false;
  QString token_;
  QString token_file_;
  std::unique_ptr<QTemporaryDir> temp_;
  QTcpServer* server_ = nullptr;
  std::vector<NodeProc> nodes_;
  // One node starts at a time, so that each is given its peers' current ports
  // (launch()); launching_ is the one whose "listening on" line is awaited.
  std::vector<int> launch_queue_;
  int launching_ = -1;
  std::map<QTcpSocket*, Conn> conns_;
  std::unique_ptr<JournalMerger> merger_;
  std::map<qint64, int> requests_;  // request id -> node
  std::set<qint64> read_requests_;  // those of requests_ that are reads
  std::map<qint64, uint32_t> write_ids_;  // request id -> the write id its answer gave
  qint64 next_request_ = 1;
  struct ConfigChange {
    bool add = true;
    bool asked = false;      // sent to a leader (an add waits for its process first)
    Seq since = 0;           // merged journal size when asked: its refusal comes after
    bool stopping = false;   // a removal committed: the process is being stopped
    int leader = -1;         // the node asked
    uint32_t entry_index = 0;  // the leader's entry for it, once appended
    Entry entry{};
    Seq entry_seq = kNoSeq;
  };
  std::map<int, ConfigChange> config_changes_;  // node -> its pending change
  Time epoch_us_ = 0;
  bool frozen_ = false;
  Time frozen_since_us_ = 0;
  Time frozen_total_us_ = 0;
  QTimer sweeper_;
  bool verbose_ = false;  // RADEAU_LIVE_VERBOSE set: node logs go to stderr
};

}  // namespace radeau::live

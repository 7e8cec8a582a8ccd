#include "live_cluster.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <tuple>
#include <chrono>
#include <cstdio>
#include <csignal>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "core/concepts.h"
#include "core/script.h"
#include "core/version.h"

namespace radeau::live {

namespace {
// Created 0600 from the start (no window where others may read it), and
// forced to 0600 if it was already there.
bool writeTokenFile(const QString& path, const QString& token) {
  QByteArray name = QFile::encodeName(path), bytes = token.toUtf8() + '\n';
  int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return false;
  bool ok = ::fchmod(fd, 0600) == 0 && ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
  return ::close(fd) == 0 && ok;
}
constexpr Time kMaxFlightUs = 2'000'000;  // longer in flight: the connection lost it
constexpr int kMaxLogLines = 400;

QCborMap frame(const char* type) {
  QCborMap m;
  m.insert(QStringLiteral("t"), QString::fromLatin1(type));
  return m;
}

}  // namespace

LiveCluster::LiveCluster(QObject* parent) : QObject(parent) {
  verbose_ = qEnvironmentVariableIsSet("RADEAU_LIVE_VERBOSE");
  sweeper_.setInterval(500);
  connect(&sweeper_, &QTimer::timeout, this, [this] {
    if (!merger_ || frozen_) return;
    Seq before = Seq(merger_->journal().size());
    merger_->sweep(wallUs(), kMaxFlightUs);
    pump(before);
  });
}

LiveCluster::~LiveCluster() { stop(); }

Timing LiveCluster::presentationPace() {
  Timing t;
  t.heartbeat_us = 500'000;
  t.election_min_us = 1'500'000;
  t.election_max_us = 3'000'000;
  t.latency_min_us = 150'000;
  t.latency_max_us = 300'000;
  return t;
}

Time LiveCluster::wallUs() const {
  using namespace std::chrono;
  Time wall = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  return (frozen_ ? frozen_since_us_ : wall) - frozen_total_us_;
}

Time LiveCluster::nowUs() const { return merger_ ? wallUs() - epoch_us_ : 0; }

bool LiveCluster::start(const Options& o, QString* error) {
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    stop();
    return false;
  };
  if (started_) return fail(tr("already running"));
  options_ = o;
  if (o.nodes < 1 || o.spares < 0 || o.nodes + o.spares > kMaxNodes)
    return fail(tr("a live cluster has 1 to 9 nodes, spares included"));
  const int total = o.nodes + o.spares;
  QStringList names = o.names;
  if (names.isEmpty())
    for (const std::string& n : defaultNames(total)) names << QString::fromStdString(n);
  if (names.size() != total) return fail(tr("%1 names for %2 nodes").arg(names.size()).arg(total));
  if (options_.node_binary.isEmpty())
    options_.node_binary = QCoreApplication::applicationDirPath() + QStringLiteral("/radeau-node");
  if (!QFileInfo::exists(options_.node_binary))
    return fail(tr("node program not found: %1").arg(options_.node_binary));
  QString root = o.data_root;
  if (root.isEmpty()) {
    temp_ = std::make_unique<QTemporaryDir>();
    if (!temp_->isValid()) return fail(tr("cannot create a temporary directory"));
    root = temp_->path();
  }
  token_ = randomToken();
  token_file_ = root + QStringLiteral("/token");
  if (!writeTokenFile(token_file_, token_)) return fail(tr("cannot write %1").arg(token_file_));
  server_ = new QTcpServer(this);
  if (!server_->listen(QHostAddress::LocalHost, 0))
    return fail(tr("observer cannot listen: %1").arg(server_->errorString()));
  connect(server_, &QTcpServer::newConnection, this, &LiveCluster::acceptStream);

  ClusterConfig config;
  for (const QString& n : names) config.names.push_back(n.toStdString());
  config.concepts = o.concepts;
  config.seed = 0;  // a live run draws nothing itself: every draw is in its events
  if (o.timing) config.timing = *o.timing;
  if (o.spares > 0) config.members = uint16_t((1u << o.nodes) - 1);  // the spares are outside it
  epoch_us_ = wallUs();
  merger_ = std::make_unique<JournalMerger>(config, epoch_us_);
  nodes_.clear();
  nodes_.resize(size_t(total));
  config_changes_.clear();
  for (int i = 0; i < total; ++i) {
    NodeProc& p = nodes_[size_t(i)];
    p.name = names[i];
    p.data_dir = root + QLatin1Char('/') + QString::number(i) + QLatin1Char('-') + p.name;
    QDir().mkpath(p.data_dir);
  }
  started_ = true;
  for (int i = 0; i < o.nodes; ++i) launch(i);
  // A spare has no process until it is added: down in the picture, as it is.
  for (int i = o.nodes; i < total; ++i) merger_->record(Event{.kind = EventKind::Crashed, .node = NodeId(i)}, epoch_us_);
  sweeper_.start();
  return true;
}

// Nodes bind port 0 (the system picks free ports: nothing to collide with
// when tests run in parallel) and print the ports they got ("listening on
// HOST:PORT", radeau-node's README). A node is given the ports of the nodes
// already running; those learn its port from its hello when it connects to
// them. So nodes start one at a time, each once the previous one has said
// where it listens, and a restart (on new ports) waits its turn the same way.
void LiveCluster::launch(int i) {
  if (launching_ == i || std::find(launch_queue_.begin(), launch_queue_.end(), i) != launch_queue_.end()) return;
  launch_queue_.push_back(i);
  launchNext();
}

void LiveCluster::launchNext() {
  if (launching_ >= 0 || launch_queue_.empty() || !started_) return;
  launching_ = launch_queue_.front();
  launch_queue_.erase(launch_queue_.begin());
  spawn(launching_);
}

void LiveCluster::readPorts(int i) {
  NodeProc& p = nodes_[size_t(i)];
  p.stdout_tail += p.process->readAllStandardOutput();
  bool listening = false;
  for (qsizetype nl; (nl = p.stdout_tail.indexOf('\n')) >= 0;) {
    QByteArray line = p.stdout_tail.left(nl);
    p.stdout_tail.remove(0, nl + 1);
    bool ok = false;
    quint16 port = quint16(line.mid(line.lastIndexOf(':') + 1).toUInt(&ok));
    if (!ok || port == 0) continue;
    if (line.startsWith("clients on ")) p.client_port = port;
    else if (line.startsWith("listening on ")) p.peer_port = port, listening = true;
  }
  if (p.stdout_tail.size() > 4096) p.stdout_tail.clear();  // not a line of ours
  if (listening && launching_ == i) {
    launching_ = -1;
    launchNext();
  }
}

void LiveCluster::spawn(int i) {
  NodeProc& p = nodes_[size_t(i)];
  p.stdout_tail.clear();
  QStringList peers;
  for (const NodeProc& q : nodes_)
    peers << QStringLiteral("%1=127.0.0.1:%2").arg(q.name).arg(&q == &p ? 0 : q.peer_port);
  QStringList args{QStringLiteral("--name"), p.name,
                   QStringLiteral("--peers"), peers.join(QLatin1Char(',')),
                   QStringLiteral("--data-dir"), p.data_dir,
                   QStringLiteral("--token-file"), token_file_,
                   QStringLiteral("--observer"), QStringLiteral("127.0.0.1:%1").arg(server_->serverPort()),
                   QStringLiteral("--client-port"), QStringLiteral("0"),
                   QStringLiteral("--concepts"), QString::fromStdString(describeConcepts(options_.concepts))};
  if (options_.spares > 0) {  // the initial configuration, the same on every node, spares included
    QStringList members;
    for (int k = 0; k < options_.nodes; ++k) members << nodes_[size_t(k)].name;
    args << QStringLiteral("--members") << members.join(QLatin1Char(','));
  }
  if (const auto& t = options_.timing) {
    auto ms = [](Time us) { return QString::number(us / 1000); };
    args << QStringLiteral("--election-ms") << ms(t->election_min_us) + QLatin1Char('-') + ms(t->election_max_us)
         << QStringLiteral("--heartbeat-ms") << ms(t->heartbeat_us)
         << QStringLiteral("--delay-ms") << ms(t->latency_min_us) + QLatin1Char('-') + ms(t->latency_max_us);
  }
  args += options_.extra_node_args;
  if (!p.process) {
    p.process = new QProcess(this);
    // Children die with us, whatever happens to this process.
    p.process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    connect(p.process, &QProcess::readyReadStandardError, this, [this, i] {
      NodeProc& p = nodes_[size_t(i)];
      p.stderr_tail += p.process->readAllStandardError();
      for (qsizetype nl; (nl = p.stderr_tail.indexOf('\n')) >= 0;) {
        QString line = QString::fromUtf8(p.stderr_tail.left(nl));
        p.stderr_tail.remove(0, nl + 1);
        p.log << line;
        if (verbose_) std::fprintf(stderr, "[%lld] %s\n", (long long)nowUs(), qPrintable(line));
        if (p.log.size() > kMaxLogLines) p.log.removeFirst();
        emit nodeLogLine(i, line);
      }
    });
    connect(p.process, &QProcess::readyReadStandardOutput, this, [this, i] { readPorts(i); });
    connect(p.process, &QProcess::finished, this, [this, i](int code, QProcess::ExitStatus status) {
      if (launching_ == i) {  // gone before saying where it listens: the next one starts anyway
        launching_ = -1;
        launchNext();
      }
      // An addition waiting for this process to start: it never will.
      if (auto c = config_changes_.find(i); c != config_changes_.end() && c->second.add && !c->second.asked) {
        config_changes_.erase(c);
        emit membershipAnswered(i, true, false, kNoSeq);
      }
      emit nodeExited(i, code, status == QProcess::CrashExit);
    });
    connect(p.process, &QProcess::errorOccurred, this, [this, i](QProcess::ProcessError e) {
      if (e != QProcess::FailedToStart) return;
      emit problem(QStringLiteral("%1: cannot start %2").arg(nodes_[size_t(i)].name, options_.node_binary));
      if (launching_ == i) {
        launching_ = -1;
        launchNext();
      }
      if (auto c = config_changes_.find(i); c != config_changes_.end() && c->second.add && !c->second.asked) {
        config_changes_.erase(c);
        emit membershipAnswered(i, true, false, kNoSeq);
      }
    });
  }
  p.process->start(options_.node_binary, args);
}

void LiveCluster::stop() {
  sweeper_.stop();
  config_changes_.clear();
  launch_queue_.clear();
  launching_ = -1;
  for (NodeProc& p : nodes_) {
    if (p.process) {
      p.process->disconnect(this);
      if (p.process->state() != QProcess::NotRunning) {
        p.process->kill();
        p.process->waitForFinished(3000);
      }
    }
  }
  for (auto& [s, c] : conns_) {
    s->disconnect(this);
    s->abort();
    s->deleteLater();
  }
  conns_.clear();
  if (!token_file_.isEmpty()) QFile::remove(token_file_);  // the nodes are gone: nobody needs it
  token_file_.clear();
  for (NodeProc& p : nodes_) {
    p.stream = nullptr;
    if (p.client) {
      p.client->disconnect(this);
      p.client->abort();
      p.client->deleteLater();
      p.client = nullptr;
    }
    if (p.process) p.process->deleteLater();
    p.process = nullptr;
  }
  if (server_) {
    server_->close();
    server_->deleteLater();
    server_ = nullptr;
  }
  started_ = false;
  temp_.reset();
}

bool LiveCluster::isUp(int n) const {
  if (n < 0 || n >= nodeCount()) return false;
  const NodeProc& p = nodes_[size_t(n)];
  return p.process && p.process->state() == QProcess::Running && p.stream;
}

// ---------------------------------------------------------------------------
// Streams from the nodes

void LiveCluster::acceptStream() {
  while (QTcpSocket* s = server_->nextPendingConnection()) {
    s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    conns_[s];
    connect(s, &QTcpSocket::readyRead, this, [this, s] { readStream(s); });
    connect(s, &QTcpSocket::disconnected, this, [this, s] { streamEnded(s); });
    QTimer::singleShot(kHandshakeTimeoutMs, s, [this, s] {
      auto it = conns_.find(s);
      if (it != conns_.end() && it->second.node < 0) s->abort();
    });
  }
}

void LiveCluster::readStream(QTcpSocket* s) {
  auto it = conns_.find(s);
  if (it == conns_.end()) return;
  std::vector<QCborMap> frames;
  bool ok = it->second.reader.feed(s->readAll(), frames);
  Seq before = Seq(merger_->journal().size());
  for (const QCborMap& f : frames) {
    Conn& c = conns_[s];
    QString t = f.value(QStringLiteral("t")).toString();
    if (c.node < 0) {
      qint64 id = live::integerOf(f.value(QStringLiteral("id")), -1);
      QCborArray names = f.value(QStringLiteral("names")).toArray();
      bool names_ok = names.size() == nodeCount();
      for (int i = 0; names_ok && i < nodeCount(); ++i) names_ok = names.at(i).toString() == nodes_[size_t(i)].name;
      if (t != QStringLiteral("hello") || !sameToken(f.value(QStringLiteral("token")).toString(), token_) ||
          id < 0 || id >= nodeCount() || !names_ok) {
        emit problem(tr("refused an observer connection: bad hello"));
        s->abort();
        return;
      }
      NodeProc& p = nodes_[size_t(id)];
      // Only the process started for that node speaks for it: a hello from
      // another (the token is not enough) could take its stream and, with the
      // ports in it, redirect the client writes meant for it.
      const qint64 pid = live::integerOf(f.value(QStringLiteral("pid")), 0);
      if (!p.process || p.process->state() == QProcess::NotRunning || pid != p.process->processId()) {
        emit problem(tr("refused an observer connection: a hello for %1 from process %2, not the one started for it")
                         .arg(p.name).arg(pid));
        s->abort();
        return;
      }
      if (p.stream && p.stream != s) streamEnded(p.stream);  // its previous life is over
      c.node = int(id);
      p.stream = s;
      // Its ports, as on its standard output (whichever is read first).
      if (qint64 port = live::integerOf(f.value(QStringLiteral("port")), 0); port > 0 && port <= 65535)
        p.peer_port = quint16(port);
      if (qint64 port = live::integerOf(f.value(QStringLiteral("client_port")), 0); port > 0 && port <= 65535)
        p.client_port = quint16(port);
      NodeHello h;
      h.inc = uint32_t(live::integerOf(f.value(QStringLiteral("inc")), 0));
      h.term = uint32_t(live::integerOf(f.value(QStringLiteral("term")), 0));
      h.voted_for = NodeId(live::integerOf(f.value(QStringLiteral("vote")), kNoNode));
      if (h.voted_for >= nodeCount()) h.voted_for = kNoNode;
      decodeEntries(f.value(QStringLiteral("log")), h.log, 1u << 24);
      decodeTexts(f.value(QStringLiteral("texts")), h.texts, kMaxTextBytes);  // labels only: a bad list is ignored
      merger_->hello(NodeId(id), std::move(h));
      QCborMap w = frame("welcome");
      w.insert(QStringLiteral("token"), token_);
      s->write(encodeFrame(w));
      // Partitions and cuts in force apply to a restarted node too.
      const ClusterState& st = merger_->state();
      QCborArray groups;
      for (int i = 0; i < nodeCount(); ++i) groups.append(qint64(st.group[size_t(i)]));
      QCborMap part = frame("cmd");
      part.insert(QStringLiteral("op"), QStringLiteral("partition"));
      part.insert(QStringLiteral("groups"), groups);
      s->write(encodeFrame(part));
      for (int q = 0; q < nodeCount(); ++q) {
        if (!(st.cut[size_t(id)] & (1u << q))) continue;
        QCborMap cut = frame("cmd");
        cut.insert(QStringLiteral("op"), QStringLiteral("cut"));
        cut.insert(QStringLiteral("peer"), q);
        s->write(encodeFrame(cut));
      }
      if (frozen_) {
        QCborMap fr = frame("cmd");
        fr.insert(QStringLiteral("op"), QStringLiteral("freeze"));
        s->write(encodeFrame(fr));
      }
      pump(before);
      before = Seq(merger_->journal().size());
      connectClient(int(id));
      // A node being added is asked for once its process runs and streams.
      if (auto ch = config_changes_.find(int(id)); ch != config_changes_.end() && ch->second.add && !ch->second.asked)
        askConfigChange(int(id), true);
      emit nodeStarted(int(id));
      continue;
    }
    if (t != QStringLiteral("ev")) continue;
    std::vector<WireEvent> events;
    const QCborArray arr = f.value(QStringLiteral("ev")).toArray();
    events.reserve(size_t(arr.size()));
    for (const QCborValue& v : arr) {
      QString err;
      auto w = decodeEvent(v, err);
      if (!w) {
        emit problem(QStringLiteral("%1: malformed event: %2").arg(nodes_[size_t(c.node)].name, err));
        s->abort();
        return;
      }
      events.push_back(std::move(*w));
    }
    merger_->events(NodeId(c.node), std::move(events));
  }
  pump(before);
  if (!ok) {
    emit problem(tr("observer stream: %1").arg(it->second.reader.error()));
    s->abort();
  }
}

void LiveCluster::streamEnded(QTcpSocket* s) {
  auto it = conns_.find(s);
  if (it == conns_.end()) return;
  // Whatever is still buffered was sent before the end.
  if (s->bytesAvailable() > 0 && it->second.node >= 0) readStream(s);
  it = conns_.find(s);
  if (it == conns_.end()) return;
  int n = it->second.node;
  conns_.erase(it);
  s->disconnect(this);
  s->deleteLater();
  if (n < 0) return;
  if (nodes_[size_t(n)].stream == s) nodes_[size_t(n)].stream = nullptr;
  Seq before = Seq(merger_->journal().size());
  merger_->ended(NodeId(n));
  pump(before);
}

void LiveCluster::pump(Seq before) {
  std::string err;
  if (!merger_->pump(err)) emit problem(QString::fromStdString(err));
  Seq end = Seq(merger_->journal().size());
  if (end > before) emit eventsAppended(before, end);
  if (end > before && !config_changes_.empty()) settleConfigChanges(before);
}

// ---------------------------------------------------------------------------
// Control

bool LiveCluster::crash(int n) {
  if (n < 0 || n >= nodeCount()) return false;
  NodeProc& p = nodes_[size_t(n)];
  if (!p.process || p.process->state() == QProcess::NotRunning) return false;
  QTcpSocket* stream = p.stream;
  p.process->kill();  // SIGKILL
  p.process->waitForFinished(3000);
  // Its stream ends once the kernel has closed the process's sockets.
  if (stream && conns_.count(stream) && stream->state() != QAbstractSocket::UnconnectedState)
    stream->waitForDisconnected(2000);
  if (conns_.count(stream)) streamEnded(stream);
  return true;
}

quint16 LiveCluster::observerPort() const { return server_ ? server_->serverPort() : 0; }

qint64 LiveCluster::processId(int n) const {
  if (n < 0 || n >= nodeCount()) return 0;
  const QProcess* p = nodes_[size_t(n)].process;
  return p && p->state() != QProcess::NotRunning ? p->processId() : 0;
}

bool LiveCluster::restart(int n) {
  if (n < 0 || n >= nodeCount() || !started_) return false;
  NodeProc& p = nodes_[size_t(n)];
  if (p.process && p.process->state() != QProcess::NotRunning) return false;
  if (launching_ == n || std::find(launch_queue_.begin(), launch_queue_.end(), n) != launch_queue_.end()) return false;
  launch(n);
  return true;
}

void LiveCluster::command(int n, QCborMap cmd) {
  if (n < 0 || n >= nodeCount()) return;
  QTcpSocket* s = nodes_[size_t(n)].stream;
  if (s) s->write(encodeFrame(std::move(cmd)));
}

static QCborMap op(const char* name) {
  QCborMap m = frame("cmd");
  m.insert(QStringLiteral("op"), QString::fromLatin1(name));
  return m;
}

void LiveCluster::cut(int a, int b) {
  if (a == b || a < 0 || b < 0 || a >= nodeCount() || b >= nodeCount()) return;
  Seq before = Seq(merger_->journal().size());
  merger_->record(Event{.kind = EventKind::LinkCut, .node = NodeId(a), .peer = NodeId(b)}, wallUs());
  QCborMap m = op("cut");
  m.insert(QStringLiteral("peer"), b);
  command(a, m);
  m.insert(QStringLiteral("peer"), a);
  command(b, m);
  pump(before);
}

void LiveCluster::heal(int a, int b) {
  if (a == b || a < 0 || b < 0 || a >= nodeCount() || b >= nodeCount()) return;
  Seq before = Seq(merger_->journal().size());
  merger_->record(Event{.kind = EventKind::LinkHealed, .node = NodeId(a), .peer = NodeId(b)}, wallUs());
  QCborMap m = op("heal");
  m.insert(QStringLiteral("peer"), b);
  command(a, m);
  m.insert(QStringLiteral("peer"), a);
  command(b, m);
  pump(before);
}

void LiveCluster::isolate(int n) {
  if (n < 0 || n >= nodeCount()) return;
  Seq before = Seq(merger_->journal().size());
  merger_->record(Event{.kind = EventKind::Isolated, .node = NodeId(n)}, wallUs());
  for (int q = 0; q < nodeCount(); ++q) {
    if (q == n) continue;
    QCborMap m = op("cut");
    m.insert(QStringLiteral("peer"), q);
    command(n, m);
    m.insert(QStringLiteral("peer"), n);
    command(q, m);
  }
  pump(before);
}

void LiveCluster::partition(const std::vector<std::vector<NodeId>>& groups) {
  // The same grouping as the simulator: unnamed nodes share a group of their own.
  std::vector<uint8_t> group(size_t(nodeCount()), uint8_t(std::min<size_t>(groups.size(), 7)));
  for (size_t g = 0; g < groups.size() && g < 8; ++g)
    for (NodeId x : groups[g])
      if (x < nodeCount()) group[x] = uint8_t(g);
  Event e = make::partitioned();
  QCborArray arr;
  for (int i = 0; i < nodeCount(); ++i) {
    e.setPartitionGroup(NodeId(i), group[size_t(i)]);
    arr.append(qint64(group[size_t(i)]));
  }
  Seq before = Seq(merger_->journal().size());
  merger_->record(e, wallUs());
  QCborMap m = op("partition");
  m.insert(QStringLiteral("groups"), arr);
  for (int i = 0; i < nodeCount(); ++i) command(i, m);
  pump(before);
}

void LiveCluster::healAll() {
  Seq before = Seq(merger_->journal().size());
  merger_->record(Event{.kind = EventKind::HealedAll}, wallUs());
  for (int i = 0; i < nodeCount(); ++i) command(i, op("healall"));
  pump(before);
}

void LiveCluster::forceTimeout(int n) { command(n, op("timeout")); }

// ---------------------------------------------------------------------------
// Membership (rung 16): the leader decides (RaftNode::changeConfig, the same
// rules as in simulation); the observer only starts and stops processes.

uint16_t LiveCluster::members() const {
  if (!merger_) return 0;
  const ClusterState& st = merger_->state();
  uint16_t members = st.initial_members;
  uint32_t term = 0;
  for (int k = 0; k < st.node_count; ++k) {
    const NodeState& x = st.nodes[size_t(k)];
    if (x.alive && x.role == Role::Leader && x.term >= term) members = x.members, term = x.term;
  }
  return members;
}

bool LiveCluster::addNode(int n) {
  if (n < 0 || n >= nodeCount() || !started_) return false;
  ConfigChange& c = config_changes_[n];  // asking again replaces what was asked
  c = ConfigChange{};
  c.add = true;
  const NodeProc& p = nodes_[size_t(n)];
  if (isUp(n)) askConfigChange(n, true);
  else if (!p.process || p.process->state() == QProcess::NotRunning) launch(n);  // asked once its hello is in
  return true;
}

bool LiveCluster::removeNode(int n) {
  if (n < 0 || n >= nodeCount() || !started_) return false;
  ConfigChange& c = config_changes_[n];
  c = ConfigChange{};
  c.add = false;
  askConfigChange(n, false);
  return true;
}

void LiveCluster::askConfigChange(int n, bool add) {
  auto it = config_changes_.find(n);
  if (it == config_changes_.end()) return;
  ConfigChange& c = it->second;
  const ClusterState& st = merger_->state();
  // The live leader of the highest term, as the simulator asks (Simulator::changeConfig).
  int leader = -1;
  for (int k = 0; k < nodeCount(); ++k) {
    const NodeState& x = st.nodes[size_t(k)];
    if (isUp(k) && x.alive && x.role == Role::Leader && (leader < 0 || x.term > st.nodes[size_t(leader)].term)) leader = k;
  }
  const uint16_t bit = uint16_t(1u << n);
  c.asked = true;
  c.since = Seq(merger_->journal().size());
  c.leader = leader;
  if (leader < 0) {  // nobody to ask: recorded as the simulator records it
    const Seq before = c.since;
    const Seq ask = merger_->record(make::configChangeAsked(kNoNode, add ? bit : 0, add ? 0 : bit), wallUs());
    merger_->record(make::configChangeRefused(kNoNode, ask, ConfigRefusal::NoLeader), wallUs());
    pump(before);
    return;
  }
  QCborMap m = op("config");
  m.insert(add ? QStringLiteral("add") : QStringLiteral("remove"), n);
  command(leader, m);
}

// After new merged events: a change refused, or committed (a removed node's
// process is then stopped).
void LiveCluster::settleConfigChanges(Seq before) {
  const Journal& j = merger_->journal();
  const ClusterState& st = merger_->state();
  std::vector<std::tuple<int, bool, bool, Seq>> answers;  // node, add, ok, event
  for (Seq s = before; s < j.size(); ++s) {
    const Event& e = j[s];
    if (e.kind == EventKind::ConfigChangeRefused && e.ref < s) {
      const Event& ask = j[e.ref];
      for (auto it = config_changes_.begin(); it != config_changes_.end();) {
        const auto& [n, c] = *it;
        const bool about = ((c.add ? ask.added() : ask.removed()) >> n) & 1u;
        if (c.asked && !c.stopping && e.ref >= c.since && about) {
          answers.emplace_back(n, c.add, false, s);
          it = config_changes_.erase(it);
        } else {
          ++it;
        }
      }
    } else if (e.kind == EventKind::LogAppended && isConfigWrite(e.write())) {
      // The leader's own entry for the change: committed once any node's
      // commit index covers that entry (same index, same term and members).
      for (auto& [n, c] : config_changes_) {
        const bool in = (configMembers(e.write()) >> n) & 1u;
        if (c.asked && c.entry_index == 0 && s >= c.since && int(e.node) == c.leader && in == c.add) {
          c.entry_index = e.index();
          c.entry = Entry{e.term, e.write()};
          c.entry_seq = s;
        }
      }
    }
  }
  for (auto it = config_changes_.begin(); it != config_changes_.end();) {
    auto& [n, c] = *it;
    bool committed = false;
    for (int k = 0; c.entry_index && !committed && k < st.node_count; ++k) {
      const NodeState& y = st.nodes[size_t(k)];
      committed = y.commit >= c.entry_index && c.entry_index <= y.lastIndex() && y.log[c.entry_index - 1] == c.entry;
    }
    if (!committed || c.stopping) {
      ++it;
      continue;
    }
    if (c.add) {
      answers.emplace_back(n, true, true, c.entry_seq);
      it = config_changes_.erase(it);
      continue;
    }
    // Outside the configuration for good: its process stops (not from
    // inside this stream's reading, which crash() would re-enter).
    c.stopping = true;
    QTimer::singleShot(0, this, [this, n = n] {
      auto ch = config_changes_.find(n);
      if (ch == config_changes_.end() || !ch->second.stopping) return;
      const Seq entry = ch->second.entry_seq;
      config_changes_.erase(ch);
      crash(n);
      emit membershipAnswered(n, false, true, quint32(entry));
    });
    ++it;
  }
  for (const auto& [n, add, ok, event] : answers) emit membershipAnswered(n, add, ok, quint32(event));
}

void LiveCluster::setFrozen(bool frozen) {
  if (frozen == frozen_) return;
  using namespace std::chrono;
  Time wall = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  if (frozen) {
    frozen_since_us_ = wall;
  } else {
    frozen_total_us_ += wall - frozen_since_us_;
  }
  frozen_ = frozen;
  for (int i = 0; i < nodeCount(); ++i) command(i, op(frozen ? "freeze" : "thaw"));
}

// ---------------------------------------------------------------------------
// Recording

Recording LiveCluster::recording() const {
  Recording rec;
  rec.app_version = radeau::version();
  rec.config = config();
  const Journal& j = journal();
  rec.until_us = j.empty() ? 0 : j.back().time_us;
  Branch live;
  live.id = 0;
  live.name = "live";
  live.end_us = rec.until_us;
  rec.branches.push_back(live);
  rec.journals.push_back(j);
  return rec;
}

bool LiveCluster::save(const QString& path, std::string& error) const {
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return error = path.toStdString() + ": " + f.errorString().toStdString(), false;
  f.write(encodeRecording(recording()));
  if (!f.commit()) return error = path.toStdString() + ": " + f.errorString().toStdString(), false;
  return true;
}

// ---------------------------------------------------------------------------
// Clients

void LiveCluster::connectClient(int n) {
  NodeProc& p = nodes_[size_t(n)];
  if (p.client) {
    p.client->disconnect(this);
    p.client->abort();
    p.client->deleteLater();
  }
  p.client_reader = FrameReader();
  p.client = new QTcpSocket(this);
  QTcpSocket* s = p.client;
  connect(s, &QTcpSocket::connected, this, [this, s] {
    // Only a connected socket takes options (Qt ignores them before): no Nagle
    // wait between a write and the next.
    s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QCborMap h = frame("hello");
    h.insert(QStringLiteral("token"), token_);
    h.insert(QStringLiteral("name"), QStringLiteral("radeau"));
    s->write(encodeFrame(h));
  });
  connect(s, &QTcpSocket::readyRead, this, [this, n] { readClient(n); });
  connect(s, &QTcpSocket::disconnected, this, [this, n, s] {
    std::vector<qint64> lost;
    for (auto& [id, node] : requests_)
      if (node == n) lost.push_back(id);
    for (qint64 id : lost) {
      requests_.erase(id);
      if (read_requests_.erase(id)) emit readAnswered(id, false, QString(), tr("connection to the node lost"));
      else emit writeAnswered(id, false, tr("connection to the node lost"));
    }
    if (nodes_[size_t(n)].client == s) nodes_[size_t(n)].client = nullptr;
    s->deleteLater();
  });
  s->connectToHost(QHostAddress::LocalHost, p.client_port);
}

void LiveCluster::readClient(int n) {
  NodeProc& p = nodes_[size_t(n)];
  if (!p.client) return;
  std::vector<QCborMap> frames;
  p.client_reader.feed(p.client->readAll(), frames);
  for (const QCborMap& f : frames) {
    qint64 id = live::integerOf(f.value(QStringLiteral("id")), -1);
    QString t = f.value(QStringLiteral("t")).toString();
    if (t == QStringLiteral("accepted")) {  // a write's id before its answer: resendable from now on
      const qint64 write = live::integerOf(f.value(QStringLiteral("write")), 0);
      if (requests_.count(id) && !read_requests_.count(id) && write > 0 && write <= qint64(kMaxWriteId))
        write_ids_[id] = uint32_t(write);
      continue;
    }
    if (!requests_.erase(id)) continue;
    if (read_requests_.erase(id)) {
      if (t == QStringLiteral("value"))
        emit readAnswered(id, true, f.value(QStringLiteral("text")).toString(),
                          QStringLiteral("index %1 term %2")
                              .arg(live::integerOf(f.value(QStringLiteral("index"))))
                              .arg(live::integerOf(f.value(QStringLiteral("term")))));
      else
        emit readAnswered(id, false, QString(), f.value(QStringLiteral("reason")).toString());
      continue;
    }
    const qint64 write = live::integerOf(f.value(QStringLiteral("write")), 0);
    if (write > 0 && write <= qint64(kMaxWriteId)) write_ids_[id] = uint32_t(write);
    if (t == QStringLiteral("ack"))
      emit writeAnswered(id, true, QStringLiteral("index %1 term %2")
                                       .arg(live::integerOf(f.value(QStringLiteral("index"))))
                                       .arg(live::integerOf(f.value(QStringLiteral("term")))));
    else
      emit writeAnswered(id, false, f.value(QStringLiteral("reason")).toString());
  }
}

qint64 LiveCluster::clientWrite(int n, const QString& text, uint32_t resend) {
  if (n < 0 || n >= nodeCount()) return -1;
  QCborMap w = frame("write");
  w.insert(QStringLiteral("text"), text);
  if (resend) w.insert(QStringLiteral("write"), qint64(resend));
  return sendClientRequest(n, std::move(w));
}

qint64 LiveCluster::sendClientRequest(int n, QCborMap request) {
  NodeProc& p = nodes_[size_t(n)];
  if (!p.client || p.client->state() != QAbstractSocket::ConnectedState) return -1;
  qint64 id = next_request_++;
  request.insert(QStringLiteral("id"), id);
  p.client->write(encodeFrame(request));
  requests_[id] = n;
  return id;
}

uint32_t LiveCluster::writeId(qint64 request) const {
  auto it = write_ids_.find(request);
  return it == write_ids_.end() ? 0 : it->second;
}

qint64 LiveCluster::clientRead(int n, const QString& key) {
  if (n < 0 || n >= nodeCount() || !readKeyProblem(key.toStdString()).empty()) return -1;
  QCborMap r = frame("read");
  r.insert(QStringLiteral("key"), key);
  const qint64 id = sendClientRequest(n, std::move(r));
  if (id >= 0) read_requests_.insert(id);
  return id;
}

}  // namespace radeau::live

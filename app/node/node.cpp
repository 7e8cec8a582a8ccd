#include "node.h"

#include <QCborArray>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTcpServer>
#include <QTcpSocket>

#include <chrono>
#include <cstdio>

#include "core/format.h"
#include "core/sanitize.h"
#include "peer_check.h"

namespace radeau::node {

using live::encodeFrame;

namespace {
constexpr uint32_t kWriteIdBlock = 1024;
// Reads a leader holds until a majority confirms it (read-index): bounded, so
// that a client cannot grow the node's tables while no majority answers.
constexpr size_t kMaxPendingReads = 4096;
constexpr int kReconnectMs = 100;
// Connections that have not yet presented the token: few in all and from any
// one address (a cluster's peers, all on one machine at most, reconnect at
// once after a restart: kMaxNodes each way, plus clients).
constexpr int kMaxUnauthenticated = 64;
constexpr int kMaxUnauthenticatedPerSource = 2 * kMaxNodes;
// Text from a peer in a log line: cut short (log() escapes control characters).
// The usage errors in the user's language (radeau-node installs it; the node's log stays English).
QString tr(const char* text) { return QCoreApplication::translate("radeau::node", text); }  // the context lupdate gives
QString clip(const QString& text) { return text.size() > 64 ? text.left(64) + u"…"_qs : text; }

QCborMap frame(const char* type) {
  QCborMap m;
  m.insert(QStringLiteral("t"), QString::fromLatin1(type));
  return m;
}
QString type(const QCborMap& f) { return f.value(QStringLiteral("t")).toString(); }
qint64 integer(const QCborMap& f, const char* key, qint64 fallback = -1) {
  return live::integerOf(f.value(QString::fromLatin1(key)), fallback);
}
}  // namespace

// ---------------------------------------------------------------------------
// Options

bool parseAddress(const QString& text, Address& out, const QString& default_host) {
  QString t = text.trimmed();
  int colon = t.lastIndexOf(u':');
  QString host = colon < 0 ? QString() : t.left(colon);
  QString port = colon < 0 ? t : t.mid(colon + 1);
  if (host.startsWith(u'[') && host.endsWith(u']')) host = host.mid(1, host.size() - 2);
  bool ok = false;
  uint p = port.toUInt(&ok);
  if (!ok || p > 65535) return false;
  out.host = host.isEmpty() ? default_host : host;
  out.port = quint16(p);
  return true;
}

bool parseNodeOptions(const QStringList& args, NodeOptions& o, QString& error) {
  QCommandLineParser p;
  p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
  QCommandLineOption name(u"name"_qs, u"node name"_qs, u"name"_qs);
  QCommandLineOption listen(u"listen"_qs, u"peer address"_qs, u"host:port"_qs);
  QCommandLineOption peers(u"peers"_qs, u"cluster"_qs, u"list"_qs);
  QCommandLineOption data(u"data-dir"_qs, u"data directory"_qs, u"dir"_qs);
  QCommandLineOption concepts(u"concepts"_qs, u"concepts"_qs, u"spec"_qs);
  QCommandLineOption token(u"token"_qs, u"cluster token"_qs, u"token"_qs);
  QCommandLineOption token_file(u"token-file"_qs, u"cluster token file"_qs, u"file"_qs);
  QCommandLineOption observer(u"observer"_qs, u"observer address"_qs, u"host:port"_qs);
  QCommandLineOption client_port(u"client-port"_qs, u"client port"_qs, u"port"_qs);
  QCommandLineOption election(u"election-ms"_qs, u"election timeout range"_qs, u"min-max"_qs);
  QCommandLineOption heartbeat(u"heartbeat-ms"_qs, u"heartbeat period"_qs, u"ms"_qs);
  QCommandLineOption delay(u"delay-ms"_qs, u"transport delay range"_qs, u"min-max"_qs);
  QCommandLineOption seed(u"seed"_qs, u"seed of the node's draws"_qs, u"n"_qs);
  QCommandLineOption lang(u"lang"_qs, u"language of the messages (chosen by main)"_qs, u"lang"_qs);
  QCommandLineOption port_file(u"port-file"_qs, u"where to write the ports bound"_qs, u"file"_qs);
  QCommandLineOption heartbeat_paced(u"heartbeat-paced"_qs, u"replicate only on heartbeats"_qs);
  QCommandLineOption snapshot_entries(u"snapshot-entries"_qs, u"applied entries between two snapshots"_qs, u"n"_qs);
  QCommandLineOption members(u"members"_qs, u"initial configuration (names)"_qs, u"list"_qs);
  p.addOptions({name, listen, peers, data, concepts, token, token_file, observer, client_port, election, heartbeat, delay,
                seed, lang, port_file, heartbeat_paced, snapshot_entries, members});
  if (!p.parse(QStringList{u"radeau-node"_qs} + args)) return error = p.errorText(), false;
  if (!p.positionalArguments().isEmpty())
    return error = tr("unexpected argument: %1").arg(p.positionalArguments().first()), false;
  if (!p.isSet(name)) return error = tr("--name is required"), false;
  if (!p.isSet(peers)) return error = tr("--peers is required (name=host:port,...)"), false;
  if (!p.isSet(data)) return error = tr("--data-dir is required"), false;
  QString self = p.value(name);
  std::vector<std::pair<QString, Address>> list;
  bool self_listed = false;
  for (const QString& item : p.value(peers).split(u',', Qt::SkipEmptyParts)) {
    int eq = item.indexOf(u'=');
    Address a;
    if (eq <= 0 || !parseAddress(item.mid(eq + 1), a, u"127.0.0.1"_qs))
      return error = u"--peers: '%1' is not name=host:port"_qs.arg(item), false;
    QString n = item.left(eq).trimmed();
    for (const auto& [other, _] : list)
      if (other == n) return error = u"--peers: '%1' is listed twice"_qs.arg(n), false;
    if (n == self) self_listed = true;
    list.push_back({n, a});
  }
  if (!self_listed) {
    // Without our own entry, node ids follow the sorted names (the same on every node).
    list.push_back({self, Address{}});
    std::sort(list.begin(), list.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  }
  if (list.size() < 1 || list.size() > size_t(kMaxNodes))
    return error = u"--peers: a cluster has 1 to %1 nodes"_qs.arg(kMaxNodes), false;
  o.names.clear();
  o.addresses.clear();
  for (size_t i = 0; i < list.size(); ++i) {
    o.names.push_back(list[i].first);
    o.addresses.push_back(list[i].second);
    if (list[i].first == self) o.self = NodeId(i);
  }
  o.members = 0;
  if (p.isSet(members)) {
    // Names of --peers, each once; the rest are spares.
    for (const QString& item : p.value(members).split(u',', Qt::SkipEmptyParts)) {
      const QString n = item.trimmed();
      auto at = std::find(o.names.begin(), o.names.end(), n);
      if (at == o.names.end()) return error = u"--members: '%1' is not in --peers"_qs.arg(clip(n)), false;
      const uint16_t b = uint16_t(1u << (at - o.names.begin()));
      if (o.members & b) return error = u"--members: '%1' is listed twice"_qs.arg(clip(n)), false;
      o.members |= b;
    }
    if (o.members == 0) return error = u"--members: expected at least one name of --peers"_qs, false;
  }
  o.listen = o.addresses[o.self];
  if (o.listen.host.isEmpty()) o.listen.host = u"127.0.0.1"_qs;
  if (p.isSet(listen) && !parseAddress(p.value(listen), o.listen, u"127.0.0.1"_qs))
    return error = u"--listen: '%1' is not host:port"_qs.arg(p.value(listen)), false;
  if (!self_listed && !p.isSet(listen)) return error = tr("--listen is required when --peers does not list this node"), false;
  o.data_dir = p.value(data);
  if (p.isSet(concepts)) {
    std::string err;
    auto c = parseConcepts(p.value(concepts).toStdString(), Concepts::full(), err);
    if (!c) return error = u"--concepts: "_qs + QString::fromStdString(err), false;
    o.concepts = *c;
  }
  if (p.isSet(token)) {
    o.token = p.value(token);
  } else if (p.isSet(token_file)) {
    QFile f(p.value(token_file));
    if (!f.open(QIODevice::ReadOnly)) return error = u"--token-file: cannot read "_qs + f.fileName(), false;
    o.token = QString::fromUtf8(f.readAll()).trimmed();
  }
  if (o.token.size() < 8)
    return error = tr("a cluster token of at least 8 characters is required (--token or --token-file)"), false;
  if (p.isSet(observer) && !parseAddress(p.value(observer), o.observer, u"127.0.0.1"_qs))
    return error = u"--observer: '%1' is not host:port"_qs.arg(p.value(observer)), false;
  if (p.isSet(client_port)) {
    bool ok = false;
    uint port = p.value(client_port).toUInt(&ok);
    if (!ok || port > 65535) return error = u"--client-port: '%1' is not a port"_qs.arg(p.value(client_port)), false;
    o.client = true;
    o.client_port = quint16(port);  // 0: the system picks a free one
  }
  if (p.isSet(port_file)) o.port_file = p.value(port_file);
  if (p.isSet(election)) {
    QStringList r = p.value(election).split(u'-');
    bool ok1 = false, ok2 = false;
    int lo = r.value(0).toInt(&ok1), hi = r.value(1).toInt(&ok2);
    if (r.size() != 2 || !ok1 || !ok2 || lo <= 0 || hi < lo) return error = u"--election-ms: expected min-max, e.g. 150-300"_qs, false;
    o.timing.election_min_us = Time(lo) * 1000;
    o.timing.election_max_us = Time(hi) * 1000;
  }
  if (p.isSet(heartbeat)) {
    bool ok = false;
    int ms = p.value(heartbeat).toInt(&ok);
    if (!ok || ms <= 0) return error = u"--heartbeat-ms: expected a positive number"_qs, false;
    o.timing.heartbeat_us = Time(ms) * 1000;
  }
  if (p.isSet(delay)) {
    QStringList r = p.value(delay).split(u'-');
    bool ok1 = false, ok2 = false;
    int lo = r.value(0).toInt(&ok1), hi = r.value(1).toInt(&ok2);
    if (r.size() != 2 || !ok1 || !ok2 || lo < 0 || hi < lo || hi > 10000)
      return error = u"--delay-ms: expected min-max in milliseconds (0 to 10000), e.g. 150-300"_qs, false;
    o.timing.latency_min_us = Time(lo) * 1000;
    o.timing.latency_max_us = Time(hi) * 1000;
    o.delay_sends = true;
    o.replicate_on_append = false;  // presentation pace: entries travel with the heartbeats, as in the talk
  }
  if (p.isSet(heartbeat_paced)) o.replicate_on_append = false;
  if (p.isSet(snapshot_entries)) {
    // The talk's 8 shows compaction; a snapshot carries the whole compacted
    // prefix, so a busy live cluster wants them rarer (etcd: every 10,000).
    bool ok = false;
    const uint n = p.value(snapshot_entries).toUInt(&ok);
    if (!ok || n == 0 || n > 1'000'000)
      return error = u"--snapshot-entries: expected a number of entries from 1 to 1000000"_qs, false;
    o.timing.snapshot_entries = uint32_t(n);
  }
  if (p.isSet(seed)) {
    bool ok = false;
    o.seed = p.value(seed).toULongLong(&ok);
    if (!ok) return error = u"--seed: expected a non-negative integer"_qs, false;
    o.seeded = true;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Start-up

Node::Node(NodeOptions options, QObject* parent) : QObject(parent), opt_(std::move(options)) {
  tick_.setSingleShot(true);
  tick_.setTimerType(Qt::PreciseTimer);
  connect(&tick_, &QTimer::timeout, this, &Node::tick);
  inc_ = QRandomGenerator::system()->generate() | 1u;
  trace_ = qEnvironmentVariableIsSet("RADEAU_NODE_TRACE");
}

Node::~Node() = default;

Time Node::nowUs() const {
  using namespace std::chrono;
  Time wall = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  return (frozen_ ? frozen_since_us_ : wall) - frozen_total_us_;
}

void Node::log(const QString& text) const {
  // Every line is escaped whole: peers' text (frame types, names, reasons) is
  // in some of them, and must not be able to fake a line of its own.
  std::string line = opt_.names[opt_.self].toStdString() + ": " + text.toStdString();
  std::fprintf(stderr, "radeau-node %s\n", sanitizeText(line).c_str());
  std::fflush(stderr);
}

bool Node::start(QString& error) {
  persist_ = opt_.concepts.has(Concept::Persistence);
  std::vector<std::string> notes;
  std::string err;
  Persisted disk;
  if (!wal_.open(opt_.data_dir.toStdString(), disk, notes, err, int(opt_.names.size()))) return error = QString::fromStdString(err), false;
  for (const auto& n : notes) log(QString::fromStdString(n));
  if (persist_) {
    recovered_ = disk;
    texts_ = disk.texts;
    log(u"recovered term %1, %2 log entries from %3"_qs.arg(disk.term).arg(disk.log.size()).arg(opt_.data_dir));
  } else if (disk.term || !disk.log.empty()) {
    log(u"persistence is off: ignoring term %1 and %2 entries on disk"_qs.arg(disk.term).arg(disk.log.size()));
  }
  // Write ids are unique across restarts: skip whatever the last run may have used.
  next_write_ = disk.write_ids_reserved;
  reserved_writes_ = next_write_ + kWriteIdBlock;
  wal_.reserveWriteIds(reserved_writes_);
  if (!wal_.sync(err)) return error = QString::fromStdString(err), false;

  ClusterConfig config;
  for (const QString& n : opt_.names) config.names.push_back(n.toStdString());
  config.concepts = opt_.concepts;
  config.timing = opt_.timing;
  config.members = opt_.members;
  // Election timeouts and --delay-ms latencies are drawn from this seed.
  config.seed = opt_.seeded ? opt_.seed : QRandomGenerator::system()->generate64();
  sim_ = std::make_unique<Simulator>(Simulator::live(
      config, opt_.self, [this](Seq s, const Event& m, const Entry* c) { return transmit(s, m, c); }));
  sim_->liveTexts([this](uint32_t w) -> const std::string* {
    auto it = texts_.find(w);
    return it == texts_.end() ? nullptr : &it->second;
  });
  sim_->runUntil(nowUs());
  sim_->liveRestore(recovered_.term, recovered_.voted_for, recovered_.log);
  scanned_ = Seq(sim_->journal().size());  // the restore is in the hello, not the stream
  commit_seen_ = 0;

  peer_server_ = new QTcpServer(this);
  if (!peer_server_->listen(QHostAddress(opt_.listen.host), opt_.listen.port))
    return error = u"cannot listen on %1:%2: %3"_qs.arg(opt_.listen.host).arg(opt_.listen.port).arg(peer_server_->errorString()), false;
  connect(peer_server_, &QTcpServer::newConnection, this, &Node::acceptPeerConnection);
  if (opt_.client) {
    client_server_ = new QTcpServer(this);
    if (!client_server_->listen(QHostAddress(opt_.listen.host), opt_.client_port))
      return error = u"cannot listen on %1:%2 (client port): %3"_qs.arg(opt_.listen.host).arg(opt_.client_port).arg(client_server_->errorString()), false;
    connect(client_server_, &QTcpServer::newConnection, this, &Node::acceptClientConnection);
  }
  if (!reportPorts(error)) return false;
  log(u"listening on %1:%2%3, node %4 of %5, concepts %6"_qs.arg(opt_.listen.host).arg(peer_server_->serverPort())
          .arg(client_server_ ? u", clients on %1"_qs.arg(client_server_->serverPort()) : QString())
          .arg(opt_.self).arg(opt_.names.size()).arg(QString::fromStdString(describeConcepts(opt_.concepts))));
  for (int p = 0; p < int(opt_.names.size()); ++p)
    if (p != opt_.self) connectPeer(NodeId(p));
  if (opt_.observer.port) connectObserver();
  else boot();
  return true;
}

// The ports actually bound (port 0 asks the system for a free one), for
// whoever started the node: on standard output, "clients on HOST:PORT" (with a
// client port) then "listening on HOST:PORT", the last line of the two; and
// the same lines in --port-file, written whole or not at all (QSaveFile).
bool Node::reportPorts(QString& error) {
  QByteArray text;
  if (client_server_) text += u"clients on %1:%2\n"_qs.arg(opt_.listen.host).arg(client_server_->serverPort()).toUtf8();
  text += u"listening on %1:%2\n"_qs.arg(opt_.listen.host).arg(peer_server_->serverPort()).toUtf8();
  if (!opt_.port_file.isEmpty()) {
    QSaveFile f(opt_.port_file);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit())
      return error = u"--port-file: cannot write %1: %2"_qs.arg(opt_.port_file, f.errorString()), false;
  }
  std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
  std::fflush(stdout);
  return true;
}

void Node::boot() {
  if (booted_) return;
  booted_ = true;
  sim_->runUntil(nowUs());
  sim_->liveBoot();
  afterSim();
  resumeInbound();  // frames that arrived while we were not running yet
}

void Node::resumeInbound() {
  std::vector<QTcpSocket*> sockets;
  for (auto& [s, _] : in_) sockets.push_back(s);
  for (QTcpSocket* s : sockets) {
    auto it = in_.find(s);
    if (it == in_.end()) continue;
    std::vector<QCborMap> held;
    held.swap(it->second.held);
    for (const QCborMap& f : held) {
      auto cur = in_.find(s);
      if (cur == in_.end() || paused()) break;
      QString reason;
      if (!handlePeerFrame(cur->second, f, reason)) {
        reject(s, reason);
        break;
      }
    }
    if (in_.count(s)) readInbound(s);
  }
}

// ---------------------------------------------------------------------------
// The loop: after every input, persist, stream, send, answer, rearm the timer

void Node::tick() {
  if (trace_) log(u"tick at %1, paused %2"_qs.arg(nowUs()).arg(paused()));
  if (paused()) return;
  sim_->runUntil(nowUs());
  afterSim();
}

void Node::scheduleTick() {
  if (paused()) return;
  const NodeState& x = sim_->state().nodes[opt_.self];
  Time next = -1;
  for (const TimerState* t : {&x.election, &x.heartbeat})
    if (t->running() && (next < 0 || t->deadline_us < next)) next = t->deadline_us;
  if (next < 0) {
    tick_.stop();
    return;
  }
  Time wait_us = std::max<Time>(0, next - nowUs());
  if (trace_) log(u"next tick in %1 us"_qs.arg(wait_us));
  tick_.start(int((wait_us + 999) / 1000));
}

// Inputs that arrive together share one fsync (group commit): nothing they
// caused leaves the process before afterSim() has made it durable.
void Node::flushSoon() {
  if (flush_pending_) return;
  flush_pending_ = true;
  QTimer::singleShot(0, this, [this] {
    flush_pending_ = false;
    if (replicate_soon_) {  // one logRequest per follower for every write of this turn
      replicate_soon_ = false;
      sim_->runUntil(nowUs());
      sim_->liveReplicate();
    }
    afterSim();
  });
}

void Node::afterSim() {
  const Journal& j = sim_->journal();
  const NodeId self = opt_.self;
  std::vector<live::WireEvent> events;
  std::vector<std::pair<uint32_t, QCborMap>> answers;
  std::vector<std::pair<QPointer<QTcpSocket>, QCborMap>> read_answers;
  bool only_appends = true;  // the records queued this turn are entries (and their texts) only
  for (Seq s = scanned_; s < j.size(); ++s) {
    const Event& e = j[s];
    if (persist_ && e.node == self) {
      switch (e.kind) {
        case EventKind::TermChanged: wal_.term(e.term), only_appends = false; break;
        case EventKind::Voted: wal_.vote(e.peer), only_appends = false; break;
        case EventKind::LogAppended: wal_.append(e.index(), {e.term, e.write()}); break;
        case EventKind::LogTruncated: wal_.truncate(e.length()), only_appends = false; break;
        default: break;
      }
    }
    if ((e.kind == EventKind::ReadAnswered || e.kind == EventKind::ReadFailed) && e.node == self &&
        pending_reads_.count(e.ref)) {
      const auto r = pending_reads_.find(e.ref);
      QCborMap a = frame(e.kind == EventKind::ReadAnswered ? "value" : "fail");
      a.insert(u"id"_qs, r->second.request);
      if (e.kind == EventKind::ReadAnswered) {
        auto text = texts_.find(e.write());
        a.insert(u"key"_qs, QString::fromStdString(j[e.ref].readKey()));
        a.insert(u"index"_qs, qint64(e.index()));
        a.insert(u"term"_qs, qint64(e.term));
        a.insert(u"commit"_qs, qint64(e.readAt()));
        a.insert(u"text"_qs, text == texts_.end() ? QString() : QString::fromStdString(text->second));
      } else {
        a.insert(u"reason"_qs, QString::fromUtf8(failReasonText(e.failReason())));
      }
      read_answers.push_back({r->second.socket, a});
      pending_reads_.erase(r);
    }
    if ((e.kind == EventKind::WriteFailed || e.kind == EventKind::WriteAcked) && e.node == self &&
        pending_writes_.count(e.write())) {
      QCborMap a = frame(e.kind == EventKind::WriteAcked ? "ack" : "fail");
      a.insert(u"write"_qs, qint64(e.write()));
      if (e.kind == EventKind::WriteAcked) {
        a.insert(u"index"_qs, qint64(e.index()));
        a.insert(u"term"_qs, qint64(e.term));
      } else {
        a.insert(u"reason"_qs, QString::fromUtf8(failReasonText(e.failReason())));
      }
      answers.push_back({e.write(), a});
    }
    if (e.kind == EventKind::Finding || !welcomed_) continue;
    live::WireEvent w{e, s, 0, {}, {}};
    if ((e.kind == EventKind::MessageDelivered || e.kind == EventKind::MessageDropped) && e.node == self &&
        e.ref == kNoSeq) {
      auto it = received_.find(s);
      if (it != received_.end()) {
        w.event.ref = it->second.first;
        w.src_inc = it->second.second;
        received_.erase(it);
      }
    } else if (e.kind == EventKind::MessageDropped && e.peer == self) {
      w.src_inc = inc_;
    } else if (carriesEntries(e)) {
      w.carried.assign(j.carriedEntries(e), j.carriedEntries(e) + e.carriedCount());
    } else if (e.kind == EventKind::ClientWrite) {
      // A resend may name a peer's write, known here by its entry: its text is in texts_.
      auto text = texts_.find(e.write());
      if (text != texts_.end()) w.text = text->second;
      else if (e.write() < j.writes().size()) w.text = j.writes()[e.write()].text;
    }
    events.push_back(std::move(w));
  }
  scanned_ = Seq(j.size());
  received_.clear();
  // 1. Durable before anything that depends on it leaves the process.
  // A leader's new entries are the exception (Raft dissertation 10.2.1: the
  // leader writes to its disk in parallel with replicating): when this turn
  // queued nothing but entries, its messages and answers go first and the
  // fsync runs while the followers write theirs. Nothing they say depends on
  // the unsynced entries: a follower can only acknowledge entries sent by an
  // earlier turn, whose fsync ended before that turn returned, so the commit
  // index (in the messages, and behind the client acks) covers durable
  // entries only. Not with one node (it commits its own entries at once), nor
  // after a term, vote or truncation (a vote must be durable before anyone
  // hears of it).
  const bool leader_first = only_appends && wal_.pending() && opt_.names.size() > 1 &&
                            sim_->state().nodes[self].role == Role::Leader;
  std::string err;
  auto sync = [&] {
    if (!wal_.sync(err)) {
      log(u"fatal: %1"_qs.arg(QString::fromStdString(err)));
      std::_Exit(2);
    }
  };
  if (!leader_first) sync();
  // 2. The observer hears of a send before the receiver can deliver it.
  if (!events.empty() && observer_ && welcomed_) observer_->write(live::encodeEventFrame(events));
  // 3. Messages to peers (after their own delay with --delay-ms).
  for (Outbound& o : out_) {
    if (o.pending.isEmpty()) continue;
    if (o.socket && o.ready) o.socket->write(o.pending);
    o.pending.clear();
  }
  for (DelayedSend& d : delayed_) {
    QTimer::singleShot(d.delay_ms, Qt::PreciseTimer, this, [this, p = d.peer, bytes = std::move(d.bytes)] {
      // Written even if the link was cut meanwhile: the receiver drops it,
      // as a simulated message cut in flight is dropped at delivery.
      Outbound& o = out_[p];
      if (o.socket && o.ready) o.socket->write(bytes);
    });
  }
  delayed_.clear();
  // 4. Clients: failures and acks recorded here, and writes now committed.
  const NodeState& x = sim_->state().nodes[self];
  if (x.commit < commit_seen_) commit_seen_ = x.commit;
  for (uint32_t i = commit_seen_; i < x.commit && i < x.lastIndex(); ++i) {
    uint32_t w = x.log[i].write;
    if (w == 0 || !pending_writes_.count(w)) continue;
    QCborMap a = frame("ack");
    a.insert(u"write"_qs, qint64(w));
    a.insert(u"index"_qs, qint64(i + 1));
    a.insert(u"term"_qs, qint64(x.log[i].term));
    answers.push_back({w, a});
  }
  commit_seen_ = x.commit;
  // A resent write this node has committed: with client sessions the state
  // machine's session table answers it (where it was applied first), even
  // when nothing new is appended; without them the copy is appended and
  // answered when it commits (above), applied twice.
  if (sim_->state().concepts.has(Concept::ClientSessions)) {
    for (auto r = resends_.begin(); r != resends_.end();) {
      const uint32_t w = *r;
      const uint32_t first = pending_writes_.count(w) ? sim_->state().firstIndexOf(self, w, x.commit) : 0;
      if (first == 0) {
        r = pending_writes_.count(w) ? std::next(r) : resends_.erase(r);
        continue;
      }
      QCborMap a = frame("ack");
      a.insert(u"write"_qs, qint64(w));
      a.insert(u"index"_qs, qint64(first));
      a.insert(u"term"_qs, qint64(x.log[first - 1].term));
      answers.push_back({w, a});
      r = resends_.erase(r);
    }
  }
  for (auto& [w, a] : answers) {
    auto [first, last] = pending_writes_.equal_range(w);
    if (first == last) continue;
    for (auto it = first; it != last; ++it) {  // the first try and its resends: one answer
      QCborMap each = a;
      each.insert(u"id"_qs, it->second.request);
      if (it->second.socket) answer(it->second.socket, each);
    }
    pending_writes_.erase(w);
  }
  for (auto& [socket, a] : read_answers)
    if (socket) answer(socket, a);
  if (leader_first) {
    // QTcpSocket::write() only buffers: hand the frames to the kernel before
    // the fsync blocks this thread.
    if (observer_ && welcomed_) observer_->flush();
    for (Outbound& o : out_)
      if (o.socket && o.ready) o.socket->flush();
    sync();
  }
  scheduleTick();
}

// ---------------------------------------------------------------------------
// Transport

bool Node::linkUp(NodeId p) const {
  return !(cut_ & (1u << p)) && group_[p] == group_[opt_.self];
}

std::optional<DropReason> Node::transmit(Seq seq, const Event& m, const Entry* carried) {
  NodeId p = m.peer;
  if (p >= opt_.names.size() || p == opt_.self) return DropReason::ReceiverDown;
  if (!linkUp(p)) return DropReason::LinkCut;
  Outbound& o = out_[p];
  if (!o.socket || !o.ready) return DropReason::ReceiverDown;
  QCborMap f = frame("msg");
  f.insert(u"seq"_qs, qint64(seq));
  f.insert(u"m"_qs, live::encodePeerMessage(m));
  if (carried && m.carriedCount()) {
    f.insert(u"en"_qs, live::encodeEntries(carried, m.carriedCount()));
    // The texts this node knows for them, within a budget so the frame stays far below its maximum.
    std::map<uint32_t, std::string> texts;
    size_t budget = size_t(live::kMaxFrameBytes / 4);
    for (uint32_t i = 0; i < m.carriedCount(); ++i) {
      auto it = texts_.find(carried[i].write);
      if (it == texts_.end() || it->second.size() > budget) continue;
      budget -= it->second.size();
      texts.insert(*it);
    }
    if (!texts.empty()) f.insert(u"tx"_qs, live::encodeTexts(texts));
  } else if (m.msgType() == MsgType::ClientWrite) {
    // A forwarded write's text goes with it: the leader's reads look keys up by text.
    auto it = texts_.find(m.write());
    if (it != texts_.end()) f.insert(u"tx"_qs, live::encodeTexts({*it}));
  }
  QByteArray bytes = encodeFrame(f);
  if (bytes.isEmpty()) {
    log(u"a %1 to %2 exceeds the maximum frame size; dropped"_qs.arg(QString::fromUtf8(messageName(m.msgType()))).arg(opt_.names[p]));
    return DropReason::Loss;
  }
  if (opt_.delay_sends && m.dt_us >= 1000) delayed_.push_back({p, int(m.dt_us / 1000), std::move(bytes)});
  else o.pending += bytes;
  return std::nullopt;
}

void Node::connectPeer(NodeId p) {
  Outbound& o = out_[p];
  if (!o.socket) {
    o.socket = new QTcpSocket(this);
    connect(o.socket, &QTcpSocket::connected, this, [this, p] {
      Outbound& o = out_[p];
      o.socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
      QCborMap h = frame("hello");
      h.insert(u"token"_qs, opt_.token);
      h.insert(u"name"_qs, opt_.names[opt_.self]);
      h.insert(u"id"_qs, qint64(opt_.self));
      h.insert(u"inc"_qs, qint64(inc_));
      h.insert(u"port"_qs, qint64(peer_server_->serverPort()));  // where to reach us (we may have bound port 0)
      o.socket->write(encodeFrame(h));
      o.ready = true;
    });
    connect(o.socket, &QTcpSocket::disconnected, this, [this, p] {
      out_[p].ready = false;
      QTimer::singleShot(kReconnectMs, this, [this, p] { connectPeer(p); });
    });
    connect(o.socket, &QTcpSocket::errorOccurred, this, [this, p](QAbstractSocket::SocketError) {
      Outbound& o = out_[p];
      if (o.socket->state() == QAbstractSocket::UnconnectedState) {
        o.ready = false;
        QTimer::singleShot(kReconnectMs, this, [this, p] { connectPeer(p); });
      }
    });
    // Nothing is expected back on an outbound connection: discard.
    connect(o.socket, &QTcpSocket::readyRead, this, [this, p] { out_[p].socket->readAll(); });
  }
  if (o.socket->state() != QAbstractSocket::UnconnectedState) return;
  const Address& a = opt_.addresses[p];
  if (a.port == 0) return;  // not known yet: learnt from the peer's hello when it connects to us
  o.socket->connectToHost(a.host, a.port);
}

// A peer's hello says on which port it listens (it may have bound port 0, or
// been restarted on another port): we reach it there from now on.
void Node::learnAddress(NodeId p, const Address& a) {
  Address& known = opt_.addresses[p];
  if (known.host == a.host && known.port == a.port) return;
  log(u"%1 listens on %2:%3"_qs.arg(opt_.names[p], a.host).arg(a.port));
  known = a;
  Outbound& o = out_[p];
  if (o.socket) {
    o.ready = false;
    o.socket->abort();  // a connection to the old address, or an attempt: start again at the new one
  }
  connectPeer(p);
}

// Every inbound connection, peer or client: unknown until its hello, which
// must come within the handshake timeout.
bool Node::admit(QTcpSocket* s) {
  QString source = s->peerAddress().toString();
  int total = 0, same = 0;
  for (const auto& [socket, in] : in_) {
    if (in.kind != Inbound::Kind::Unknown) continue;
    ++total;
    if (socket->peerAddress().toString() == source) ++same;
  }
  if (total < kMaxUnauthenticated && same < kMaxUnauthenticatedPerSource) return true;
  ++refused_;
  if (!refused_logged_.isValid() || refused_logged_.elapsed() >= 1000) {
    log(u"refused connection from %1: %2 connections without a hello (at most %3, %4 from one address); %5 refused so far"_qs
            .arg(source).arg(total).arg(kMaxUnauthenticated).arg(kMaxUnauthenticatedPerSource).arg(refused_));
    refused_logged_.start();
  }
  s->abort();
  s->deleteLater();
  return false;
}

Node::Inbound& Node::track(QTcpSocket* s, const QString& address) {
  s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
  // Qt buffers what the kernel has without bound: before the hello, only a hello's worth.
  s->setReadBufferSize(live::kMaxHelloBytes + 4);
  Inbound& in = in_[s];
  in.address = address;
  connect(s, &QTcpSocket::readyRead, this, [this, s] { readInbound(s); });
  connect(s, &QTcpSocket::disconnected, this, [this, s] {
    in_.erase(s);
    s->deleteLater();
  });
  QTimer::singleShot(live::kHandshakeTimeoutMs, s, [this, s] {
    auto it = in_.find(s);
    if (it != in_.end() && it->second.kind == Inbound::Kind::Unknown) reject(s, u"no hello within 5 s"_qs);
  });
  return in;
}

void Node::acceptPeerConnection() {
  while (QTcpSocket* s = peer_server_->nextPendingConnection())
    if (admit(s)) track(s, u"%1:%2"_qs.arg(s->peerAddress().toString()).arg(s->peerPort()));
}

void Node::acceptClientConnection() {
  while (QTcpSocket* s = client_server_->nextPendingConnection()) {
    if (!admit(s)) continue;
    Inbound& in = track(s, u"%1:%2 (client port)"_qs.arg(s->peerAddress().toString()).arg(s->peerPort()));
    in.kind = Inbound::Kind::Unknown;
    in.peer = kMaxNodes;  // marks a client-port connection until its hello
  }
}

void Node::reject(QTcpSocket* s, const QString& reason) {
  auto it = in_.find(s);
  QString who = it != in_.end() ? it->second.address : u"?"_qs;
  log(u"closed connection from %1: %2"_qs.arg(who, reason));
  if (it != in_.end()) in_.erase(it);
  s->disconnect(this);
  s->abort();
  s->deleteLater();
}

void Node::readInbound(QTcpSocket* s) {
  auto it = in_.find(s);
  if (it == in_.end()) return;
  // Peers wait while the node is frozen or not yet running: the bytes stay in
  // the socket (TCP pushes back) and are read when it runs again.
  if (paused() && it->second.kind == Inbound::Kind::Peer) return;
  std::vector<QCborMap> frames;
  Inbound& in = it->second;
  if (trace_) log(u"read from %1: %2 bytes"_qs.arg(in.address).arg(s->bytesAvailable()));
  bool ok = in.reader.feed(s->readAll(), frames);
  bool client_port = in.peer == kMaxNodes || in.kind == Inbound::Kind::Client;
  for (const QCborMap& f : frames) {
    QString reason;
    auto cur = in_.find(s);
    if (cur == in_.end()) return;
    Inbound& c = cur->second;
    if (c.kind == Inbound::Kind::Peer && paused()) {
      c.held.push_back(f);
      continue;
    }
    bool fine = c.kind == Inbound::Kind::Unknown ? handleHello(s, c, f, client_port, reason)
                : c.kind == Inbound::Kind::Peer  ? handlePeerFrame(c, f, reason)
                                                 : handleClientFrame(s, f, reason);
    if (!fine) return reject(s, reason);
  }
  if (!ok) reject(s, in.reader.error());
}

bool Node::handleHello(QTcpSocket* s, Inbound& in, const QCborMap& f, bool client_port, QString& reason) {
  if (type(f) != u"hello"_qs) return reason = u"expected a hello frame, got '%1'"_qs.arg(clip(type(f))), false;
  if (!live::sameToken(f.value(u"token"_qs).toString(), opt_.token)) return reason = u"wrong cluster token"_qs, false;
  s->setReadBufferSize(0);  // authenticated: frames up to kMaxFrameBytes
  if (client_port) {
    in.kind = Inbound::Kind::Client;
    return true;
  }
  QString name = f.value(u"name"_qs).toString();
  qint64 id = integer(f, "id");
  auto known = std::find(opt_.names.begin(), opt_.names.end(), name);
  if (known == opt_.names.end() || NodeId(known - opt_.names.begin()) == opt_.self)
    return reason = u"unknown peer '%1'"_qs.arg(clip(name)), false;
  if (id != known - opt_.names.begin())
    return reason = u"peer '%1' says it is node %2, here it is node %3 (different --peers lists?)"_qs.arg(clip(name)).arg(id).arg(known - opt_.names.begin()), false;
  // One connection per peer: the first authenticated one stays until it
  // closes; another hello under the same name is refused meanwhile, so it
  // cannot redirect (learnAddress below) the traffic meant for the first.
  // A restarted peer's old connection closes when its process dies, and the
  // new process retries every kReconnectMs until it is let in.
  for (const auto& [other, o] : in_)
    if (other != s && o.kind == Inbound::Kind::Peer && o.peer == NodeId(id))
      return reason = u"peer '%1' is already connected from %2; its first connection stays until it closes"_qs
                          .arg(clip(name), o.address), false;
  in.kind = Inbound::Kind::Peer;
  in.peer = NodeId(id);
  in.inc = uint32_t(integer(f, "inc", 0));
  qint64 port = integer(f, "port", 0);
  if (port > 0 && port <= 65535) {
    QHostAddress host = s->peerAddress();
    bool v4 = false;
    quint32 ip4 = host.toIPv4Address(&v4);  // "127.0.0.1", not "::ffff:127.0.0.1"
    learnAddress(in.peer, Address{v4 ? QHostAddress(ip4).toString() : host.toString(), quint16(port)});
  }
  return true;
}

bool Node::handlePeerFrame(Inbound& in, const QCborMap& f, QString& reason) {
  if (type(f) != u"msg"_qs) return reason = u"unexpected '%1' frame from a peer"_qs.arg(clip(type(f))), false;
  qint64 seq = integer(f, "seq");
  if (seq < 0 || seq >= qint64(kNoSeq)) return reason = u"malformed message frame"_qs, false;
  Event e{.node = in.peer, .peer = opt_.self};
  if (!live::decodePeerMessage(f.value(u"m"_qs).toArray(), e, reason)) return false;
  std::vector<Entry> entries;
  if (!live::decodeEntries(f.value(u"en"_qs), entries, 1u << 20)) return reason = u"malformed entries"_qs, false;
  e.setCarried(0, uint32_t(entries.size()));
  if (!entries.empty() && !carriesEntries(e)) return reason = u"entries on a message that carries none"_qs, false;
  std::optional<DropReason> drop;
  if (!linkUp(in.peer)) drop = DropReason::LinkCut;
  sim_->runUntil(nowUs());
  // Checked against the protocol and this node's state before the node logic
  // sees it; a message that fails is dropped (as the network may drop any),
  // logged, and the connection stays: the peer's other messages may be fine.
  std::string bad = checkPeerMessage(e, entries, sim_->state().nodes[opt_.self], opt_.concepts, int(opt_.names.size()));
  if (!bad.empty() && !drop) {
    log(u"dropped a %1 from %2: %3"_qs.arg(QString::fromUtf8(messageName(e.msgType())), opt_.names[in.peer],
                                             QString::fromStdString(bad)));
    entries.clear();  // nothing of it reaches the node's state
    e.setCarried(0, 0);
    drop = DropReason::Loss;
  }
  if (!drop) {
    std::map<uint32_t, std::string> texts;
    if (!live::decodeTexts(f.value(u"tx"_qs), texts, live::kMaxTextBytes)) return reason = u"malformed texts"_qs, false;
    for (const Entry& en : entries) {
      auto it = texts.find(en.write);
      if (it != texts.end()) learnText(en.write, std::move(it->second));
    }
    if (e.msgType() == MsgType::ClientWrite)
      if (auto it = texts.find(e.write()); it != texts.end()) learnText(e.write(), std::move(it->second));
  }
  Seq s = sim_->liveReceive(e, entries.data(), drop);
  // A refused message is not tied to the sender's send: a forged seq or
  // incarnation would make the observer wait for a send that never comes.
  if (bad.empty()) received_[s] = {Seq(seq), in.inc};
  flushSoon();
  return true;
}

// A client's frames: write{id, text} (a new write, answered accepted{id,
// write} at once, then ack or fail), write{id, text, write}
// (a resend of write `write`: the same client and serial number, which client
// sessions recognise), read{id, key}. A malformed frame closes the
// connection (with the reason logged); a well-formed request this node cannot
// serve is answered fail{id, reason}.
bool Node::handleClientFrame(QTcpSocket* s, const QCborMap& f, QString& reason) {
  live::ClientRequest r;
  if (!live::decodeClientRequest(f, r, reason)) return false;
  const qint64 request = r.id;
  auto fail = [&](const QString& why) {
    QCborMap a = frame("fail");
    a.insert(u"id"_qs, request);
    a.insert(u"reason"_qs, why);
    answer(s, a);
    return true;
  };
  const QString& text = r.text;
  if (r.kind == live::ClientRequest::Kind::Read) {
    if (!booted_ || frozen_) return fail(booted_ ? u"the node is frozen"_qs : u"the node is starting"_qs);
    if (pending_reads_.size() >= kMaxPendingReads) return fail(u"too many reads waiting"_qs);
    sim_->runUntil(nowUs());
    const Seq read = sim_->liveClientRead(r.key.toStdString());
    pending_reads_[read] = {s, request};
    flushSoon();
    return true;
  }
  if (r.kind == live::ClientRequest::Kind::Resend) {
    const uint32_t w = r.write;
    if (!booted_ || frozen_) return fail(booted_ ? u"the node is frozen"_qs : u"the node is starting"_qs);
    sim_->runUntil(nowUs());
    // Only a write this node knows, with its text (its own, or a peer's that
    // came with an entry): an id nobody gave yet could later be another
    // node's write, and a different text would be another write.
    auto known = texts_.find(w);
    if (known == texts_.end()) return fail(u"write %1 is unknown at this node"_qs.arg(w));
    if (known->second != text.toStdString())
      return fail(u"write %1 is not “%2”: a resend repeats the same write"_qs.arg(w).arg(clip(text)));
    uint32_t& attempts = attempts_[w];
    attempts = std::min<uint32_t>(attempts + 1, kMaxWriteId);
    pending_writes_.insert({w, {s, request}});
    resends_.insert(w);
    sim_->liveClientResend(w, attempts);
    replicate_soon_ = opt_.replicate_on_append;
    flushSoon();
    return true;
  }
  if (!booted_ || frozen_) return fail(booted_ ? u"the node is frozen"_qs : u"the node is starting"_qs);
  uint64_t id = 1 + uint64_t(opt_.self) + uint64_t(kMaxNodes) * next_write_;
  if (id > kMaxWriteId) return reason = u"write ids exhausted"_qs, false;
  if (++next_write_ >= reserved_writes_) {
    reserved_writes_ += kWriteIdBlock;
    wal_.reserveWriteIds(reserved_writes_);
  }
  pending_writes_.insert({uint32_t(id), {s, request}});
  learnText(uint32_t(id), text.toStdString());
  // The write's id now, before its answer: a client whose answer is late or
  // lost can send it again (write{id,text,write}) and be recognised.
  QCborMap accepted = frame("accepted");
  accepted.insert(u"id"_qs, request);
  accepted.insert(u"write"_qs, qint64(id));
  answer(s, accepted);
  sim_->runUntil(nowUs());
  sim_->liveClientWrite(uint32_t(id), text.toStdString());
  replicate_soon_ = opt_.replicate_on_append;
  flushSoon();
  return true;
}

void Node::learnText(uint32_t write, std::string text) {
  if (write == 0 || texts_.count(write)) return;
  if (persist_) wal_.text(write, text);  // durable with the entry that names it (same sync)
  texts_.emplace(write, std::move(text));
}

void Node::answer(QTcpSocket* s, QCborMap f) {
  if (s->state() == QAbstractSocket::ConnectedState) s->write(encodeFrame(std::move(f)));
}

// ---------------------------------------------------------------------------
// Observer: hello with the recovered state, then the event stream; commands back

void Node::connectObserver() {
  observer_ = new QTcpSocket(this);
  connect(observer_, &QTcpSocket::connected, this, [this] {
    observer_->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QCborMap h = frame("hello");
    h.insert(u"token"_qs, opt_.token);
    h.insert(u"name"_qs, opt_.names[opt_.self]);
    h.insert(u"id"_qs, qint64(opt_.self));
    h.insert(u"inc"_qs, qint64(inc_));
    h.insert(u"pid"_qs, qint64(QCoreApplication::applicationPid()));
    h.insert(u"port"_qs, qint64(peer_server_->serverPort()));
    if (client_server_) h.insert(u"client_port"_qs, qint64(client_server_->serverPort()));
    QCborArray names;
    for (const QString& n : opt_.names) names.append(n);
    h.insert(u"names"_qs, names);
    h.insert(u"term"_qs, qint64(recovered_.term));
    h.insert(u"vote"_qs, qint64(recovered_.voted_for));
    h.insert(u"log"_qs, live::encodeEntries(recovered_.log.data(), recovered_.log.size()));
    std::map<uint32_t, std::string> texts;
    size_t budget = size_t(live::kMaxFrameBytes / 4);  // the log itself must fit too
    for (const Entry& e : recovered_.log)
      if (auto it = texts_.find(e.write); it != texts_.end() && it->second.size() <= budget) {
        budget -= it->second.size();
        texts.insert(*it);
      }
    if (!texts.empty()) h.insert(u"texts"_qs, live::encodeTexts(texts));
    observer_->write(encodeFrame(h));
  });
  connect(observer_, &QTcpSocket::readyRead, this, &Node::readObserver);
  connect(observer_, &QTcpSocket::disconnected, this, [this] {
    if (welcomed_) log(u"observer went away; running on without it"_qs);
    welcomed_ = false;
  });
  connect(observer_, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
    if (!booted_ && observer_->state() == QAbstractSocket::UnconnectedState)
      QTimer::singleShot(200, this, [this] { observer_->connectToHost(opt_.observer.host, opt_.observer.port); });
  });
  observer_->connectToHost(opt_.observer.host, opt_.observer.port);
}

void Node::readObserver() {
  std::vector<QCborMap> frames;
  bool ok = observer_reader_.feed(observer_->readAll(), frames);
  for (const QCborMap& f : frames) {
    if (!welcomed_) {
      if (type(f) != u"welcome"_qs || !live::sameToken(f.value(u"token"_qs).toString(), opt_.token)) {
        log(u"observer did not answer with the cluster token; closing"_qs);
        observer_->abort();
        return;
      }
      welcomed_ = true;
      boot();
      continue;
    }
    if (type(f) == u"cmd"_qs) handleCommand(f);
  }
  if (!ok) {
    log(u"closed observer connection: %1"_qs.arg(observer_reader_.error()));
    observer_->abort();
  }
}

void Node::handleCommand(const QCborMap& f) {
  QString op = f.value(u"op"_qs).toString();
  qint64 peer = integer(f, "peer");
  bool valid_peer = peer >= 0 && peer < qint64(opt_.names.size());
  if (op == u"cut"_qs && valid_peer) {
    cut_ |= uint16_t(1u << peer);
  } else if (op == u"heal"_qs && valid_peer) {
    cut_ &= uint16_t(~(1u << peer));
  } else if (op == u"partition"_qs) {
    QCborArray g = f.value(u"groups"_qs).toArray();
    for (int i = 0; i < int(opt_.names.size()); ++i) group_[i] = uint8_t(live::integerOf(g.at(i), 0) & 7);
  } else if (op == u"healall"_qs) {
    cut_ = 0;
    group_.fill(0);
  } else if (op == u"timeout"_qs) {
    if (paused()) return;
    sim_->runUntil(nowUs());
    Action a;
    a.kind = ActionKind::Timeout;
    a.node = opt_.self;
    sim_->act(a);
    afterSim();
  } else if (op == u"config"_qs) {
    // A configuration change asked of this node (the observer asks the
    // leader): add or remove one node, by id. RaftNode::changeConfig decides
    // (appended, or refused with a reason); both are in the event stream.
    const qint64 add = integer(f, "add"), remove = integer(f, "remove");
    const bool adding = add >= 0 && add < qint64(opt_.names.size());
    const bool removing = remove >= 0 && remove < qint64(opt_.names.size());
    if (adding == removing) return log(u"ignored a configuration change that names no node or two"_qs);
    if (paused()) return log(u"ignored a configuration change while frozen or starting"_qs);
    sim_->runUntil(nowUs());
    Action a;
    a.kind = adding ? ActionKind::AddNodes : ActionKind::RemoveNodes;
    a.node = opt_.self;
    a.groups = {{NodeId(adding ? add : remove)}};
    sim_->act(a);
    // A node added catches up from now, not from the next heartbeat.
    if (opt_.replicate_on_append) sim_->liveReplicate();
    afterSim();
  } else if (op == u"freeze"_qs) {
    setFrozen(true);
  } else if (op == u"thaw"_qs) {
    setFrozen(false);
  } else {
    log(u"ignored unknown command '%1'"_qs.arg(clip(op)));
  }
}

void Node::setFrozen(bool frozen) {
  if (frozen == frozen_) return;
  using namespace std::chrono;
  Time wall = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  if (frozen) {
    frozen_since_us_ = wall;
    frozen_ = true;
    tick_.stop();
    return;
  }
  frozen_total_us_ += wall - frozen_since_us_;
  frozen_ = false;
  tick();
  resumeInbound();
}

}  // namespace radeau::node

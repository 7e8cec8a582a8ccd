// bench-live: the live path on loopback (not a test).
//   1. client writes per second acknowledged by a 3-node live cluster, with a
//      window of writes outstanding at the leader's client port;
//   2. time from a leader's kill -9 to a new agreed leader, default timeouts.
// Usage: bench-live [seconds-of-writes=3] [failovers=10] [window=256] [heartbeat-paced] [no-fsync]
//   heartbeat-paced: leaders replicate only on heartbeats (the nodes' old
//   behaviour, and presentation pace's), for comparison.
//   no-fsync: full Raft without persistence, so no write-ahead log and no
//   fsync: what the disk costs is the difference with the default.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <sys/resource.h>
#include <unistd.h>
#include <cstdio>
#include <string>
#include <vector>

#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"

using namespace radeau;
using namespace radeau::live;

namespace {
// Not QTest::qWaitFor: it sleeps 10 ms between two looks, which was most of
// the measured write latency. A real event loop wakes on the socket.
bool waitFor(const std::function<bool()>& pred, int ms) {
  QElapsedTimer clock;
  clock.start();
  QEventLoop loop;
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    if (pred() || clock.elapsed() >= ms) loop.quit();
  });
  if (pred()) return true;
  poll.start(1);
  loop.exec();
  return pred();
}

// CPU time (user + system) a process has used so far, in microseconds: from
// /proc/PID/stat for a node, getrusage for this process (observer and client).
double cpuUs(qint64 pid) {
  if (pid == 0) {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
  }
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (!f) return 0;
  char buf[1024] = {};
  const size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  const char* p = std::strrchr(buf, ')');  // the name may hold spaces: fields counted after it
  if (n == 0 || !p) return 0;
  unsigned long long utime = 0, stime = 0;
  // Fields 3..13 skipped, 14 utime, 15 stime (proc(5)).
  if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) return 0;
  return double(utime + stime) * 1e6 / double(sysconf(_SC_CLK_TCK));
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}
}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  int failovers = argc > 2 ? std::atoi(argv[2]) : 10;
  int window = argc > 3 ? std::atoi(argv[3]) : 256;

  LiveCluster cluster;
  LiveCluster::Options o;
  o.nodes = 3;
  bool heartbeat_paced = false, no_fsync = false;
  for (int i = 4; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "heartbeat-paced") heartbeat_paced = true;
    else if (flag == "no-fsync") no_fsync = true;
    else return std::fprintf(stderr, "bench-live: unknown flag '%s' (heartbeat-paced, no-fsync)\n", argv[i]), 2;
  }
  if (heartbeat_paced) o.extra_node_args << QStringLiteral("--heartbeat-paced");
  if (no_fsync) o.concepts = Concepts::full().without(Concept::Persistence);
  // A snapshot carries the whole compacted prefix: at the talk's 8 entries a
  // follower a batch behind gets one every few writes. etcd compacts every 10,000.
  o.extra_node_args << QStringLiteral("--snapshot-entries") << QStringLiteral("10000");
  QString error;
  if (!cluster.start(o, &error)) {
    std::fprintf(stderr, "bench-live: %s\n", qPrintable(error));
    return 1;
  }
  if (!waitFor([&] { return agreedLeader(cluster.state()).has_value() && cluster.isUp(0) && cluster.isUp(1) && cluster.isUp(2); }, 10000)) {
    std::fprintf(stderr, "bench-live: no leader\n");
    return 1;
  }

  // --- 1. Throughput --------------------------------------------------------
  NodeId leader = *agreedLeader(cluster.state());
  long acked = 0, failed = 0, sent = 0;
  std::map<qint64, qint64> started_ns;
  std::vector<double> latency_ms;
  QElapsedTimer clock;
  clock.start();
  bool sending = true;
  auto send_one = [&] {
    qint64 id = cluster.clientWrite(leader, QStringLiteral("k%1=v").arg(sent));
    if (id < 0) return false;
    started_ns[id] = clock.nsecsElapsed();
    ++sent;
    return true;
  };
  QObject::connect(&cluster, &LiveCluster::writeAnswered, [&](qint64 id, bool ok, const QString&) {
    auto it = started_ns.find(id);
    if (it != started_ns.end()) {
      latency_ms.push_back(double(clock.nsecsElapsed() - it->second) / 1e6);
      started_ns.erase(it);
    }
    ok ? ++acked : ++failed;
    if (sending) send_one();
  });
  std::vector<double> cpu_before;
  for (int i = 0; i < 3; ++i) cpu_before.push_back(cpuUs(cluster.processId(i)));
  cpu_before.push_back(cpuUs(0));
  for (int i = 0; i < window; ++i) send_one();
  waitFor([&] { return clock.elapsed() >= qint64(seconds * 1000); }, int(seconds * 1000) + 1000);
  sending = false;
  double elapsed = double(clock.nsecsElapsed()) / 1e9;
  long acked_in_time = acked;
  std::vector<double> cpu_used;
  for (int i = 0; i < 3; ++i) cpu_used.push_back(cpuUs(cluster.processId(i)) - cpu_before[size_t(i)]);
  cpu_used.push_back(cpuUs(0) - cpu_before[3]);
  waitFor([&] { return started_ns.empty(); }, 5000);
  std::printf("snapshots: every 10000 applied entries; replication: %s; disk: %s\n", heartbeat_paced ? "on heartbeats (--heartbeat-paced)" : "on append (default)",
              no_fsync ? "no write-ahead log (full -persistence)" : "write-ahead log, fdatasync before answers");
  std::printf("throughput: %ld writes acknowledged in %.2f s = %.0f writes/s (window %d, %ld failed)%s\n",
              acked_in_time, elapsed, double(acked_in_time) / elapsed, window, failed,
              window == 64 ? "; target >= 20000 writes/s with 64 outstanding" : "");
  std::printf("latency: median %.2f ms, p99 %.2f ms%s\n", percentile(latency_ms, 0.5), percentile(latency_ms, 0.99),
              window == 1 ? "; target median <= 2 ms, p99 <= 10 ms with 1 outstanding" : "");
  // Where the time goes, independent of how loaded the machine is: the CPU
  // each process used per acknowledged write (clock ticks: 10 ms grain).
  if (acked_in_time > 0) {
    std::printf("cpu per acknowledged write:");
    for (int i = 0; i < 3; ++i)
      std::printf(" %s%d %.1f us,", i == leader ? "leader " : "node ", i, cpu_used[size_t(i)] / double(acked_in_time));
    std::printf(" observer+client (this process) %.1f us; total %.1f us\n", cpu_used[3] / double(acked_in_time),
                (cpu_used[0] + cpu_used[1] + cpu_used[2] + cpu_used[3]) / double(acked_in_time));
  }
  std::fflush(stdout);

  // --- 2. Failover ----------------------------------------------------------
  std::vector<double> failover_ms;
  for (int round = 0; round < failovers; ++round) {
    if (!waitFor([&] { return agreedLeader(cluster.state()).has_value() && cluster.isUp(0) && cluster.isUp(1) && cluster.isUp(2); }, 10000)) break;
    QTest::qWait(300);  // a settled cluster, heartbeats flowing
    NodeId old = *agreedLeader(cluster.state());
    QElapsedTimer t;
    t.start();
    cluster.crash(old);
    if (!waitFor([&] { auto l = agreedLeader(cluster.state()); return l && *l != old; }, 10000)) {
      std::printf("failover %d: no new leader within 10 s\n", round);
      continue;
    }
    failover_ms.push_back(double(t.nsecsElapsed()) / 1e6);
    cluster.restart(old);
  }
  if (!failover_ms.empty())
    std::printf("failover (kill -9 of the leader -> new agreed leader, election 150-300 ms, heartbeat 50 ms): "
                "%zu rounds, min %.0f ms, median %.0f ms, max %.0f ms\n",
                failover_ms.size(), *std::min_element(failover_ms.begin(), failover_ms.end()),
                percentile(failover_ms, 0.5), *std::max_element(failover_ms.begin(), failover_ms.end()));
  std::printf("merged journal: %zu events, %d safety findings\n", cluster.journal().size(),
              safetyFindings(cluster.state(), cluster.journal()));
  cluster.stop();
  return 0;
}

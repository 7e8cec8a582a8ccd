// What the live-cluster tests share: where radeau-node is, and a readable
// picture of the cluster for failure messages.
#pragma once

#include <QCborMap>
#include <QSignalSpy>
#include <QTest>
#include <QString>
#include <algorithm>

#include "app/live/live_cluster.h"
#include "app/live/live_probe.h"

namespace radeau::test {

inline const QString kNodeBinary = QStringLiteral(RADEAU_BINARY_DIR "/bin/radeau-node");

// A peer's first frame, as a node or the observer sends it (incarnation 7).
inline QCborMap hello(const QString& token, const QString& name, qint64 id) {
  QCborMap h;
  h.insert(QStringLiteral("t"), QStringLiteral("hello"));
  h.insert(QStringLiteral("token"), token);
  h.insert(QStringLiteral("name"), name);
  h.insert(QStringLiteral("id"), id);
  h.insert(QStringLiteral("inc"), 7);
  return h;
}

// The cluster elects one leader within 10 s and commits a write on it within 5 s.
inline bool clusterCommits(live::LiveCluster& cluster, const QString& text) {
  if (!QTest::qWaitFor([&] { return live::agreedLeader(cluster.state()).has_value(); }, 10000)) return false;
  QSignalSpy spy(&cluster, &live::LiveCluster::writeAnswered);
  const qint64 id = cluster.clientWrite(*live::agreedLeader(cluster.state()), text);
  return id >= 0 && QTest::qWaitFor([&] { return spy.count() > 0; }, 5000) && spy.first().at(1).toBool();
}

// The signal `spy` recorded for `id` (its first argument: a client request, or a node),
// waited for up to `timeout_ms`; nullptr when none came.
inline const QList<QVariant>* answerTo(QSignalSpy& spy, qint64 id, int timeout_ms) {
  auto mine = [&]() -> const QList<QVariant>* {
    for (const QList<QVariant>& a : spy)
      if (a.at(0).toLongLong() == id) return &a;
    return nullptr;
  };
  return QTest::qWaitFor([&] { return mine() != nullptr; }, timeout_ms) ? mine() : nullptr;
}

// Every node's role, term, leader, log and commit, with its last log lines.
inline QString describeCluster(const live::LiveCluster& c) {
  QString s;
  for (int i = 0; i < c.nodeCount(); ++i) {
    const NodeState& x = c.state().nodes[size_t(i)];
    s += QStringLiteral("\n  %1: %2 term %3 role %4 leader %5 log %6 commit %7")
             .arg(i).arg(x.alive ? "up" : "down").arg(x.term).arg(int(x.role)).arg(int(x.leader))
             .arg(x.log.size()).arg(x.commit);
    for (const QString& l : c.nodeLog(i).mid(std::max<qsizetype>(0, c.nodeLog(i).size() - 3))) s += "\n    " + l;
  }
  return s;
}

}  // namespace radeau::test

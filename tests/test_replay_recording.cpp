// .radeau recording files: round trips (every branch, byte for byte), the
// size on disk, atomic writes, unknown keys, and the damaged-file corpus in
// tests/data/damaged/ (each FILE.radeau with its expected message in
// FILE.expected). Regenerate the corpus with RADEAU_REGENERATE_DAMAGED=1.
#include <QtTest>
#include <random>

#include "core/file_read.h"
#include "core/script.h"
#include "core/soak.h"
#include "core/state_json.h"
#include "support/cluster.h"
#include "replay/recording_file.h"
#include "replay/run.h"
#include "core/version.h"

using namespace radeau;

namespace {

using test::defaultScenario;

Action action(ActionKind k, NodeId n = kNoNode, NodeId p = kNoNode) {
  Action a;
  a.kind = k;
  a.node = n;
  a.peer = p;
  return a;
}

// A small run with three branches: a fork with a crash, a continued fork, a fork of a fork.
std::unique_ptr<Run> threeBranches(Time until = 2'000'000) {
  Scenario s = defaultScenario();
  s.config.init = {InitialNodeState{2, 1, {1, 2}, {}}, std::nullopt, InitialNodeState{2, kNoNode, {1}, {}}};
  auto run = std::make_unique<Run>(s.config, s.actions, until);
  int b1 = run->act(0, 900'000, action(ActionKind::Crash, 0));
  Action w = action(ActionKind::Write, 2);
  w.text = "après \"la\" panne ✓";
  run->act(b1, run->endTime(b1) + 100'000, w);
  Action p = action(ActionKind::Partition);
  p.groups = {{0, 1}, {2, 3, 4}};
  int b2 = run->act(b1, 950'000, p);
  if (b2 != 2) qFatal("expected a third branch");
  run->renameBranch(b2, "partition « 2 | 3 »");
  return run;
}

// A copy of a journal where `edit` may change each event (and drop it by returning false).
template <typename F>
Journal rewrite(const Journal& j, F edit) {
  Journal out;
  for (size_t w = 1; w < j.writes().size(); ++w) out.addWrite(j.writes()[w]);
  const std::vector<Entry> carried = j.carried().toVector();
  if (!carried.empty()) out.appendCarried(carried.data(), carried.size());
  for (Seq i = 0; i < j.size(); ++i) {
    Event e = j[i];
    if (edit(i, e)) out.append(e);
  }
  return out;
}

struct Damaged {
  QString name;
  QByteArray bytes;
  QString expected;  // a part of the message
};

QByteArray patchAfter(QByteArray bytes, const QByteArray& marker, int offset, char value) {
  int at = bytes.indexOf(marker);
  if (at < 0) qFatal("marker not found");
  bytes[at + marker.size() + offset] = value;
  return bytes;
}

std::vector<Damaged> damagedCorpus() {
  std::vector<Damaged> out;
  auto run = threeBranches();
  const Recording good = recordingOf(*run);
  const QByteArray bytes = encodeRecording(good);
  auto with = [&](auto edit) {
    Recording r = good;
    edit(r);
    return encodeRecording(r);
  };

  out.push_back({"empty", QByteArray(), "empty file"});
  out.push_back({"text-file", QByteArray("nodes 5\nconcepts full\nuntil 4s\n"), "wrong magic at byte 0"});
  out.push_back({"png-header", QByteArray::fromHex("89504e470d0a1a0a0000000d49484452"), "wrong magic at byte 0"});
  {
    QByteArray b = bytes;
    int at = b.indexOf("radeau-recording");
    b.replace(at, 16, "radeau-talk-file");
    out.push_back({"other-magic", b, "wrong magic"});
  }
  {
    RecordingWriteOptions o;
    o.format = 3;
    out.push_back({"newer-format", encodeRecording(good, o), "format version 3 is newer than this Radeau reads (2)"});
  }
  out.push_back({"truncated-header", bytes.left(40), "truncated"});
  out.push_back({"truncated-events", bytes.left(bytes.size() * 2 / 3), "truncated"});
  out.push_back({"truncated-last-byte", bytes.left(bytes.size() - 1), "truncated"});
  // "until" holds an unsigned integer (0x1a + 4 bytes): make its header say text.
  out.push_back({"corrupt-until", patchAfter(bytes, "\x65until", 0, char(0x64)), "until: expected an integer"});
  {
    // Text is UTF-8 (read as bytes, then checked): a write's text and an input's.
    QByteArray b = with([](Recording& r) {
      for (Action& a : r.inputs)
        if (a.kind == ActionKind::Write) {
          a.text = "zzzzzz";
          break;
        }
    });
    out.push_back({"input-text-not-utf8", patchAfter(b, "zzz", 0, char(0xFF)), "].text: text that is not UTF-8"});
  }
  out.push_back({"corrupt-names", with([](Recording& r) { r.config.names.clear(); }),
                 "config.names: a cluster has 1 to 9 nodes"});
  out.push_back({"duplicate-names", with([](Recording& r) { r.config.names[1] = r.config.names[0]; }),
                 "appears twice"});
  out.push_back({"corrupt-probability", with([](Recording& r) { r.config.network.loss = 1.5; }),
                 "config.network.loss: a probability must be within [0, 1]"});
  out.push_back({"unknown-event-kind", with([](Recording& r) {
                   r.journals[0] = rewrite(r.journals[0], [](Seq i, Event& e) {
                     if (i == 20) e.kind = EventKind(200);
                     return true;
                   });
                 }),
                 "branch 0 (\"main\") event 20 (seq 20): unknown event kind 200"});
  out.push_back({"unknown-node-in-event", with([](Recording& r) {
                   r.journals[0] = rewrite(r.journals[0], [](Seq i, Event& e) {
                     if (i == 30) e.node = 7;
                     return true;
                   });
                 }),
                 "event 30 (seq 30): unknown node 7"});
  out.push_back({"unknown-node-in-input", with([](Recording& r) { r.inputs[2].node = 12; }),
                 "inputs[2].node: unknown node 12 (the cluster has 5 nodes)"});
  out.push_back({"unknown-node-in-init", with([](Recording& r) { r.config.init[0]->voted_for = 6; }),
                 "votedFor: unknown node 6"});
  out.push_back({"unknown-parent", with([](Recording& r) { r.branches[2].parent = 5; }),
                 "branch 2 (\"partition « 2 | 3 »\"): unknown parent branch 5"});
  out.push_back({"parent-after-child", with([](Recording& r) { r.branches[1].parent = 2; }),
                 "unknown parent branch 2"});
  out.push_back({"time-backwards", with([](Recording& r) {
                   r.journals[0] = rewrite(r.journals[0], [](Seq i, Event& e) {
                     if (i == 100) e.time_us -= 50'000;
                     return true;
                   });
                 }),
                 "event 100 (seq 100): time goes backwards"});
  out.push_back({"ref-to-wrong-event", with([](Recording& r) {
                   const Journal& j = r.journals[0];
                   Seq target = 0;
                   for (Seq i = 0; i < j.size(); ++i)
                     if (j[i].kind == EventKind::MessageDelivered) { target = i; break; }
                   r.journals[0] = rewrite(j, [target](Seq i, Event& e) {
                     if (i == target) e.ref = 0;  // a TimerStarted
                     return true;
                   });
                 }),
                 "ref does not point to a MessageSent"});
  out.push_back({"log-index-gap", with([](Recording& r) {
                   const Journal& j = r.journals[0];
                   Seq target = 0;
                   for (Seq i = 0; i < j.size(); ++i)
                     if (j[i].kind == EventKind::LogAppended && j[i].index() > 3) { target = i; break; }
                   r.journals[0] = rewrite(j, [target](Seq i, Event& e) {
                     if (i == target)
                       e = make::at(e.time_us, make::logAppended(e.node, e.index() + 1000, e.term, e.write()));
                     return true;
                   });
                 }),
                 "to a log of"});
  out.push_back({"unknown-write", with([](Recording& r) {
                   const Journal& j = r.journals[0];
                   Seq target = 0;
                   for (Seq i = 0; i < j.size(); ++i)
                     if (j[i].kind == EventKind::WriteAcked) { target = i; break; }
                   r.journals[0] = rewrite(j, [target](Seq i, Event& e) {
                     if (i == target) e = make::at(e.time_us, make::writeAcked(e.node, e.index(), e.term, 999));
                     return true;
                   });
                 }),
                 "unknown client write 999"});
  out.push_back({"carried-out-of-range", with([](Recording& r) {
                   const Journal& j = r.journals[0];
                   r.journals[0] = rewrite(j, [](Seq, Event& e) {
                     if (e.kind == EventKind::MessageSent && e.msgType() == MsgType::LogRequest)
                       e.setCarried(e.carriedOffset(), e.carriedCount() + 100'000);
                     return true;
                   });
                 }),
                 "carries entries beyond the carried table"});
  out.push_back({"fork-beyond-parent", with([](Recording& r) { r.branches[1].fork_seq = 1'000'000; }),
                 "forks at event 1000000 but its parent has only"});
  out.push_back({"end-before-last-event", with([](Recording& r) { r.branches[0].end_us = 1'000; }),
                 "before its last event"});
  // Protocol sense (issue 14): well-formed but nonsensical journals, each of
  // which passed the reader before and crashed or misled what came after.
  auto firstOf = [](const Journal& j, auto pred) {
    for (Seq i = 0; i < j.size(); ++i)
      if (pred(j[i])) return i;
    qFatal("no such event");
    return Seq(0);
  };
  auto editAt = [&](Seq target, auto edit) {
    return with([&](Recording& r) {
      r.journals[0] = rewrite(r.journals[0], [&](Seq i, Event& e) {
        if (i == target) edit(e);
        return true;
      });
    });
  };
  const Journal& j0 = good.journals[0];
  {
    Seq d = firstOf(j0, [](const Event& e) { return e.kind == EventKind::MessageDelivered; });
    out.push_back({"delivered-to-wrong-node", editAt(d, [](Event& e) { e.node = NodeId((e.node + 1) % 5 == e.peer ? (e.node + 2) % 5 : (e.node + 1) % 5); }),
                   "reaches node"});
    // The same delivery twice: the second copy replaces the next event.
    out.push_back({"delivered-twice", with([&](Recording& r) {
                     Event dup = j0[d];
                     r.journals[0] = rewrite(j0, [&](Seq i, Event& e) {
                       if (i == d + 1) {
                         Time t = e.time_us;
                         e = dup;
                         e.time_us = t;
                       }
                       return true;
                     });
                   }),
                   "was already delivered or dropped"});
  }
  {
    Seq f = firstOf(j0, [](const Event& e) { return e.kind == EventKind::TimerFired; });
    out.push_back({"timer-of-another-node", editAt(f, [](Event& e) { e.node = NodeId((e.node + 1) % 5); }),
                   "stops a timer of node"});
  }
  {
    Seq t = firstOf(j0, [](const Event& e) { return e.kind == EventKind::TermChanged && e.term >= 2; });
    out.push_back({"term-goes-down", with([&](Recording& r) {
                     // A second TermChanged back to 0 right after the first, in place of the next event.
                     Event down = j0[t];
                     down.term = 0;
                     r.journals[0] = rewrite(j0, [&](Seq i, Event& e) {
                       if (i == t + 1) {
                         Time when = e.time_us;
                         e = down;
                         e.time_us = when;
                       }
                       return true;
                     });
                   }),
                   "'s term goes down from"});
  }
  {
    Seq c = firstOf(j0, [](const Event& e) { return e.kind == EventKind::Crashed; });
    out.push_back({"leader-while-crashed", with([&](Recording& r) {
                     r.journals[0] = rewrite(j0, [&](Seq i, Event& e) {
                       if (i == c + 1) {
                         Time when = e.time_us;
                         e = Event{};
                         e.time_us = when;
                         e.kind = EventKind::RoleChanged;
                         e.node = j0[c].node;
                         e.sub = uint8_t(Role::Leader);
                       }
                       return true;
                     });
                   }),
                   "leads while crashed"});
  }
  {
    Seq v = firstOf(j0, [](const Event& e) { return e.kind == EventKind::VoteCounted; });
    out.push_back({"vote-count-overflow", editAt(v, [](Event& e) { e = make::at(e.time_us, make::voteCounted(e.node, e.peer, 0xFFFFFFFFu)); }),
                   "counts 4294967295 votes in a cluster of 5 nodes"});
  }
  // Crashed Checker::before (SEGV) when the window acted in the past.
  out.push_back({"carried-unknown-write", with([&](Recording& r) {
                   Journal& j = r.journals[0];
                   std::vector<Entry> carried = j.carried().toVector();
                   if (carried.empty()) qFatal("no carried entries");
                   for (Entry& e : carried) e.write = 999;
                   Journal out;
                   for (size_t w = 1; w < j.writes().size(); ++w) out.addWrite(j.writes()[w]);
                   out.appendCarried(carried.data(), carried.size());
                   for (Seq i = 0; i < j.size(); ++i) out.append(j[i]);
                   j = out;
                 }),
                 "carries an entry of unknown client write 999"});
  // Overflowed the heap in Simulator::sendSnapshot (ASan), or grew memory without end.
  {
    Seq m = firstOf(j0, [](const Event& e) { return e.kind == EventKind::MessageSent && e.msgType() == MsgType::LogRequest; });
    out.push_back({"snapshot-claims-more-than-it-carries", editAt(m, [](Event& e) {
                     e.sub = uint8_t(MsgType::InstallSnapshot);
                     setFieldBits(e, EventField::S0, e.carriedCount() + 1000);  // its snapshot index
                   }),
                   "installSnapshot claims"});
  }
  // Time steps of 2^50us, one after the other, overflowed a signed 64-bit sum.
  out.push_back({"time-overflow", editAt(40, [](Event& e) { e.time_us += Time(25) * 3600 * 1'000'000; }),
                 "time beyond 86400.000000s"});
  out.push_back({"until-too-long", with([](Recording& r) { r.until_us = Time(1) << 50; }),
                 "until: 1125899906842624 is out of range [0, 86400000000]"});
  out.push_back({"timing-too-long", with([](Recording& r) { r.config.timing.election_max_us = 4'296'000'000; }),
                 "config.timing.electionMaxUs: 4296000000 is out of range [0, 3600000000]"});
  // A branch name that would move the terminal's cursor: escaped in the message.
  out.push_back({"control-characters-in-name", with([](Recording& r) {
                   r.branches[2].name = "evil\x1b[2J\rname";
                   r.branches[2].parent = 7;
                 }),
                 "branch 2 (\"evil\\x1b[2J\\rname\"): unknown parent branch 7"});
  // eventCount lies: rejected before anything is allocated for it.
  // (format 2 packs an event in a byte or two: a 16-bit count of 65,280 and up is too many for these bytes)
  out.push_back({"event-count-lies", patchAfter(patchAfter(bytes, "\x6a" "eventCount", 0, char(0x19)),
                                                "\x6a" "eventCount", 1, char(0xFF)),
                 "does not fit"});
  return out;
}

QString corpusDir() { return QStringLiteral(RADEAU_SOURCE_DIR "/tests/data/damaged"); }

}  // namespace

class TestReplayRecording : public QObject {
  Q_OBJECT
 private slots:
  void roundTripKeepsEveryBranch() {
    auto run = threeBranches();
    QTemporaryDir dir;
    QString path = dir.filePath("three.radeau");
    std::string error;
    QVERIFY2(saveRecording(*run, path, error), error.c_str());
    auto rec = loadRecordingFile(path, error);
    QVERIFY2(rec.has_value(), error.c_str());
    QCOMPARE(rec->app_version, std::string(radeau::version()));
    QCOMPARE(rec->format, kRecordingFormat);
    const ClusterConfig& a = rec->config;
    const ClusterConfig& b = run->config();
    QCOMPARE(a.names, b.names);
    QCOMPARE(a.concepts.bits(), b.concepts.bits());
    QCOMPARE(a.seed, b.seed);
    QCOMPARE(a.timing.election_min_us, b.timing.election_min_us);
    QCOMPARE(a.timing.election_max_us, b.timing.election_max_us);
    QCOMPARE(a.timing.heartbeat_us, b.timing.heartbeat_us);
    QCOMPARE(a.timing.latency_min_us, b.timing.latency_min_us);
    QCOMPARE(a.timing.latency_max_us, b.timing.latency_max_us);
    QCOMPARE(a.network.loss, b.network.loss);
    QCOMPARE(a.init.size(), b.init.size());
    for (size_t i = 0; i < a.init.size(); ++i) {
      QCOMPARE(a.init[i].has_value(), b.init[i].has_value());
      if (a.init[i]) {
        QCOMPARE(a.init[i]->term, b.init[i]->term);
        QCOMPARE(a.init[i]->voted_for, b.init[i]->voted_for);
        QCOMPARE(a.init[i]->log_terms, b.init[i]->log_terms);
        QCOMPARE(a.init[i]->log_texts, b.init[i]->log_texts);
      }
    }
    QVERIFY(rec->inputs == run->inputs());
    QCOMPARE(rec->until_us, run->until());
    QCOMPARE(int(rec->branches.size()), run->branchCount());
    auto loaded = runFromRecording(std::move(*rec));
    for (int i = 0; i < run->branchCount(); ++i) {
      const Branch& x = loaded->branch(i);
      const Branch& y = run->branch(i);
      QCOMPARE(x.name, y.name);
      QCOMPARE(x.parent, y.parent);
      QCOMPARE(x.fork_seq, y.fork_seq);
      QCOMPARE(x.fork_time_us, y.fork_time_us);
      QCOMPARE(x.end_us, y.end_us);
      QVERIFY(x.actions == y.actions);
      QVERIFY2(loaded->journal(i).canonicalBytes() == run->journal(i).canonicalBytes(), qPrintable(QString::number(i)));
      // It replays exactly as recorded.
      for (Time t = 0; t <= y.end_us; t += 97'000)
        QVERIFY(loaded->projection(i).stateAt(t) == run->projection(i).stateAt(t));
    }
  }

  void compactOnDisk() {
    SoakOptions o;
    o.duration_us = 60'000'000;
    SoakRun sr = soakSchedule(17, o);
    Run run(sr.config, sr.actions, sr.until_us);
    QByteArray bytes = encodeRecording(recordingOf(run));
    double per_event = double(bytes.size()) / double(run.journal(0).size());
    qInfo("%zu events, %.2f bytes/event", run.journal(0).size(), per_event);
    QVERIFY2(per_event <= 32.0, QByteArray::number(per_event).constData());
  }

  // The run is written in place (no copy of its journals): the same bytes as
  // the copying path, in memory and in the file, for a run with branches.
  void writesARunInPlace() {
    auto run = threeBranches(1'000'000);
    const QByteArray copied = encodeRecording(recordingOf(*run));
    QCOMPARE(encodeRecording(*run), copied);
    QTemporaryDir dir;
    const QString path = dir.filePath("r.radeau");
    std::string error;
    qint64 written = -1;
    QVERIFY2(saveRecording(*run, path, error, &written), error.c_str());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), copied);
    QCOMPARE(written, qint64(copied.size()));
  }

  // record packs the events on a second thread while the simulation goes
  // on: the same run, the same bytes as saving the finished run, however
  // often the packer takes the new events; and the same error for a file that
  // cannot be written.
  void recordingWhileSimulatingWritesTheSameBytes() {
    SoakOptions o;
    o.duration_us = 300'000'000;
    SoakRun sr = soakSchedule(11, o);
    Run run(sr.config, sr.actions, sr.until_us);
    const QByteArray expected = encodeRecording(run);
    QVERIFY(run.journal(0).size() > 20000);
    QTemporaryDir dir;
    for (size_t every : {size_t(1), size_t(997), size_t(65536), size_t(1) << 40}) {
      const QString path = dir.filePath(QString("r%1.radeau").arg(every));
      std::string error;
      qint64 written = -1;
      auto recorded = recordScenario(sr.config, sr.actions, sr.until_us, path, error, &written, every);
      QVERIFY2(recorded, error.c_str());
      QVERIFY(recorded->journal(0).sameCanonicalBytes(run.journal(0)));
      QFile f(path);
      QVERIFY(f.open(QIODevice::ReadOnly));
      QVERIFY2(f.readAll() == expected, qPrintable(QString("packing every %1 events").arg(every)));
      QCOMPARE(written, qint64(expected.size()));
    }
    std::string error;
    QVERIFY(!recordScenario(sr.config, sr.actions, sr.until_us, dir.filePath("missing-dir/r.radeau"), error));
    QVERIFY2(error.find("missing-dir/r.radeau") != std::string::npos, error.c_str());
  }

  // loadRun builds the first branch's checkpoints on a second thread while
  // it decodes: the run it gives answers as one whose checkpoints are built
  // after loading, however often the builder takes the new events.
  void loadingBuildsTheSameCheckpointsMeanwhile() {
    SoakOptions o;
    o.duration_us = 300'000'000;
    SoakRun sr = soakSchedule(13, o);
    Run run(sr.config, sr.actions, sr.until_us);
    QTemporaryDir dir;
    const QString path = dir.filePath("r.radeau");
    std::string error;
    QVERIFY2(saveRecording(run, path, error), error.c_str());
    const Journal& j = run.journal(0);
    const Projection fresh(run.config(), j);
    QVERIFY(j.size() > 20000);
    for (size_t every : {size_t(97), size_t(4095), size_t(65536), size_t(1) << 40}) {
      auto loaded = loadRun(path, error, every);
      QVERIFY2(loaded, error.c_str());
      const Projection& p = loaded->projection(0);
      QCOMPARE(p.checkpointCount(), fresh.checkpointCount());
      QCOMPARE(p.checkpointBytes(), fresh.checkpointBytes());
      QCOMPARE(&p.journal(), &loaded->journal(0));
      QCOMPARE(&p.config(), &loaded->config());
      for (Seq at : {Seq(0), Seq(1), Seq(4096), Seq(j.size() / 3), Seq(j.size() - 1), Seq(j.size())})
        QVERIFY2(stateToJson(run.config(), j, p.stateAfter(at), true) ==
                     stateToJson(run.config(), j, fresh.stateAfter(at), true),
                 qPrintable(QString("after %1 events, taking them every %2").arg(at).arg(every)));
    }
    // A damaged file: the builder stops with the decoding, and the error is the decoder's.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray bytes = f.readAll();
    bytes.truncate(bytes.size() - 100);
    f.resize(0);
    f.write(bytes);
    f.close();
    QVERIFY(!loadRun(path, error, 1000));
    QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
  }

  // A recording is read into an uninitialised buffer (core/large_memory.h):
  // the same bytes as the plain read, and the same errors.
  void readsIntoALargeBuffer() {
    SoakOptions o;
    o.duration_us = 900'000'000;  // a file past 512 KiB: a mapping of its own
    SoakRun sr = soakSchedule(5, o);
    Run run(sr.config, sr.actions, sr.until_us);
    QTemporaryDir dir;
    const std::string path = dir.filePath("r.radeau").toStdString();
    std::string error;
    QVERIFY2(saveRecording(run, QString::fromStdString(path), error), error.c_str());
    std::string plain;
    LargeBuffer large;
    QVERIFY2(readBoundedFile(path, plain, error), error.c_str());
    QVERIFY2(readBoundedFile(path, large, error), error.c_str());
    QVERIFY2(plain.size() > 512 * 1024, QByteArray::number(qulonglong(plain.size())).constData());
    QCOMPARE(std::string(large.data(), large.size()), plain);
    QVERIFY(!readBoundedFile(dir.path().toStdString(), large, error));
    QVERIFY2(error.find("not a regular file") != std::string::npos, error.c_str());
    QVERIFY(!readBoundedFile(path + ".missing", large, error));
    QVERIFY2(error.find("r.radeau.missing") != std::string::npos, error.c_str());
  }

  void writesAtomically() {
    auto run = threeBranches(1'000'000);
    QTemporaryDir dir;
    QString path = dir.filePath("r.radeau");
    std::string error;
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("previous content");
    old.close();
    QVERIFY2(saveRecording(*run, path, error), error.c_str());
    QVERIFY(loadRecordingFile(path, error).has_value());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"r.radeau"});  // no temporary left
    // A write that cannot happen leaves the file as it was, and says why.
    QString bad = dir.filePath("missing-dir/r.radeau");
    QVERIFY(!saveRecording(*run, bad, error));
    QVERIFY2(error.find("missing-dir/r.radeau") != std::string::npos, error.c_str());
  }

  void unknownKeysAreSkipped() {
    auto run = threeBranches(1'000'000);
    RecordingWriteOptions o;
    o.extra_keys = {{"annotations", "from a newer Radeau"}, {"zzz", ""}};
    std::string error;
    auto rec = decodeRecording(encodeRecording(recordingOf(*run), o), error);
    QVERIFY2(rec.has_value(), error.c_str());
    QVERIFY(rec->journals[2].canonicalBytes() == run->journal(2).canonicalBytes());
  }

  void damagedFilesGetTheirMessage() {
    const bool regenerate = qEnvironmentVariableIsSet("RADEAU_REGENERATE_DAMAGED");
    auto corpus = damagedCorpus();
    QDir dir(corpusDir());
    if (regenerate) {
      QVERIFY(QDir().mkpath(dir.path()));
      for (const Damaged& d : corpus) {
        QFile f(dir.filePath(d.name + ".radeau"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(d.bytes);
        QFile e(dir.filePath(d.name + ".expected"));
        QVERIFY(e.open(QIODevice::WriteOnly));
        e.write(d.expected.toUtf8() + "\n");
      }
    }
    // The corpus generated now: every case gets its message.
    for (const Damaged& d : corpus) {
      std::string error;
      auto rec = decodeRecording(d.bytes, error);
      QVERIFY2(!rec.has_value(), qPrintable(d.name));
      QVERIFY2(QString::fromStdString(error).contains(d.expected),
               qPrintable(d.name + ": got \"" + QString::fromStdString(error) + "\""));
      QVERIFY2(error.rfind("byte ", 0) == 0, qPrintable(d.name + ": no byte offset: " + QString::fromStdString(error)));
    }
    // The committed corpus: every file gets the message beside it, through the file API (which names the file).
    QStringList files = dir.entryList({"*.radeau"}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 20, qPrintable(dir.path()));
    for (const QString& name : files) {
      QFile e(dir.filePath(QFileInfo(name).completeBaseName() + ".expected"));
      QVERIFY2(e.open(QIODevice::ReadOnly), qPrintable(name + ": no .expected"));
      QString expected = QString::fromUtf8(e.readAll()).trimmed();
      std::string error;
      auto rec = loadRecordingFile(dir.filePath(name), error);
      QVERIFY2(!rec.has_value(), qPrintable(name));
      QString msg = QString::fromStdString(error);
      QVERIFY2(msg.contains(expected) && msg.contains(name), qPrintable(name + ": got \"" + msg + "\""));
      qInfo("%s", error.c_str());
    }
  }

  // Format 1 files (prepared recordings before format 2, kept in tests/data/format1)
  // still load, as format 1, and hold what a re-simulation produces byte for byte.
  void formatOneStillLoads() {
    QDir dir(QStringLiteral(RADEAU_SOURCE_DIR "/tests/data/format1"));
    const QStringList files = dir.entryList({"*.radeau"}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 5);
    for (const QString& name : files) {
      std::string error;
      auto rec = loadRecordingFile(dir.filePath(name), error);
      QVERIFY2(rec.has_value(), error.c_str());
      QCOMPARE(rec->format, 1);
      Run again(rec->config, rec->inputs, rec->until_us, rec->branches);
      for (size_t b = 0; b < rec->branches.size(); ++b)
        QVERIFY2(rec->journals[b].canonicalBytes() == again.journal(int(b)).canonicalBytes(), qPrintable(name));
      // Written again as format 2, it reads back the same.
      auto back = decodeRecording(encodeRecording(*rec), error);
      QVERIFY2(back.has_value(), error.c_str());
      for (size_t b = 0; b < rec->branches.size(); ++b)
        QVERIFY(back->journals[b].canonicalBytes() == rec->journals[b].canonicalBytes());
    }
  }

  // Malformed back-references in format 2's carried pieces get a message with the byte offset.
  void malformedBackReferences() {
    auto run = threeBranches(1'000'000);
    QByteArray good = encodeRecording(*run);
    const int at = good.indexOf("\x67" "carried");
    QVERIFY(at > 0);
    // The carried byte string's header, then its first piece: make it a reference back from nothing.
    const int content = at + 8 + (uint8_t(good[at + 8]) == 0x58 ? 2 : uint8_t(good[at + 8]) == 0x59 ? 3 : 1);
    QByteArray b = good;
    b[content] = char(uint8_t(b[content]) | 1);
    std::string error;
    QVERIFY(!decodeRecording(b, error).has_value());
    QVERIFY2(error.rfind("byte ", 0) == 0 && error.find("carried piece 0") != std::string::npos, error.c_str());
  }

  void randomDamageNeverCrashes() {
    auto run = threeBranches(1'500'000);
    const QByteArray good = encodeRecording(recordingOf(*run));
    const uint32_t seed = 20261126;
    std::mt19937 rng{seed};
    int rejected = 0;
    for (int k = 0; k < 1500; ++k) {
      QByteArray b = good;
      int mode = k % 3;
      if (mode == 0) {
        b.truncate(int(rng() % uint32_t(b.size())));
      } else {
        int flips = 1 + int(rng() % 4);
        for (int f = 0; f < flips; ++f) b[int(rng() % uint32_t(b.size()))] = char(rng());
      }
      std::string error;
      auto rec = decodeRecording(b, error);
      // Read value by value (the map indexed) or item by item: the same answer.
      std::string in_order_error;
      auto in_order = decodeRecordingInOrder(b, in_order_error);
      QVERIFY2(error == in_order_error && rec.has_value() == in_order.has_value() &&
                   (!rec || encodeRecording(*rec) == encodeRecording(*in_order)),
               qPrintable(QString("seed %1, case %2: \"%3\" read in order: \"%4\"")
                              .arg(seed)
                              .arg(k)
                              .arg(QString::fromStdString(error), QString::fromStdString(in_order_error))));
      if (!rec) {
        ++rejected;
        QVERIFY2(!error.empty(), qPrintable(QString("seed %1, case %2").arg(seed).arg(k)));
        continue;
      }
      // Whatever is accepted can be folded and checked without going out of bounds.
      auto loaded = runFromRecording(std::move(*rec));
      for (int i = 0; i < loaded->branchCount(); ++i) (void)loaded->projection(i).stateAfter(Seq(loaded->journal(i).size()));
    }
    QVERIFY(rejected > 1000);
  }

  // Inputs past 256 KiB are decoded on a thread of their own while the
  // branches are: the same recording as read in order, and when both the
  // inputs and a branch are damaged, the inputs' error (the first in the file).
  void largeInputsReadMeanwhile() {
    Recording rec = recordingOf(*threeBranches(1'000'000));
    const Time after = rec.inputs.empty() ? 0 : rec.inputs.back().time_us;
    for (int i = 0; i < 40'000; ++i) {
      Action w = action(ActionKind::Write, NodeId(i % 5));
      w.time_us = after + Time(i) * 1'000;
      w.text = "x=" + std::to_string(i);
      rec.inputs.push_back(w);
    }
    const QByteArray good = encodeRecording(rec);
    QVERIFY(good.size() > 512 * 1024);
    std::string error;
    auto back = decodeRecording(good, error);
    QVERIFY2(back.has_value(), error.c_str());
    QCOMPARE(back->inputs.size(), rec.inputs.size());
    QVERIFY(back->inputs == rec.inputs);
    QVERIFY(encodeRecording(*back) == good);

    // An action naming node 7 of 5, deep in the inputs; and a branch's events cut short.
    QByteArray bad = good;
    const QByteArray text = "x=30000";
    const int at = bad.indexOf(text);
    QVERIFY(at > 0);
    const int node = bad.lastIndexOf("\x64" "node", at);  // this action's "node" key, then its value
    QVERIFY(node > 0 && node < at);
    bad[node + 5] = char(0x07);
    const int events = bad.lastIndexOf("\x66" "events");
    QVERIFY(events > at);
    // Bytes of the last branch's events overwritten: the file's structure intact, its events not.
    for (int i = 0; i < 16; ++i) bad[events + 12 + i] = char(0xff);
    std::string alone_error;
    {
      QByteArray branch_only = good;
      for (int i = 0; i < 16; ++i) branch_only[events + 12 + i] = char(0xff);
      QVERIFY(!decodeRecording(branch_only, alone_error).has_value());  // an error of its own
      QVERIFY2(alone_error.find("inputs[") == std::string::npos, alone_error.c_str());
    }
    std::string in_order_error;
    QVERIFY(!decodeRecording(bad, error).has_value());
    QVERIFY(!decodeRecordingInOrder(bad, in_order_error).has_value());
    QCOMPARE(QString::fromStdString(error), QString::fromStdString(in_order_error));
    QVERIFY2(error.find("inputs[") != std::string::npos && error.find("unknown node 7") != std::string::npos,
             error.c_str());
  }
};

QTEST_GUILESS_MAIN(TestReplayRecording)
#include "test_replay_recording.moc"

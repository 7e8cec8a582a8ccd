// Projection: the state at any position or instant equals the fold from
// scratch, whatever the order of seeks and the checkpoint interval.
#include <QtTest>
#include <cstdio>
#include <cstring>
#include <random>

#include "core/script.h"
#include "core/shared_chunks.h"
#include "core/soak.h"
#include "support/cluster.h"
#include "replay/projection.h"
#include "replay/run.h"

using namespace radeau;

namespace {

using test::defaultScenario;

// Reference states after each prefix, built incrementally.
std::vector<ClusterState> referenceStates(const ClusterConfig& c, const Journal& j) {
  std::vector<ClusterState> out;
  out.reserve(j.size() + 1);
  ClusterState s = ClusterState::initial(c);
  out.push_back(s);
  for (Seq i = 0; i < j.size(); ++i) {
    apply(s, j[i], i);
    out.push_back(s);
  }
  return out;
}

QByteArray where(uint64_t seed, Seq interval, Seq i) {
  return QStringLiteral("seed %1, interval %2, position %3").arg(seed).arg(interval).arg(i).toUtf8();
}

// Every position, forward, backward and in random order.
void checkEveryPosition(const ClusterConfig& c, const Journal& j, Seq interval, uint64_t seed) {
  Projection p(c, j, interval);
  auto ref = referenceStates(c, j);
  for (Seq i = 0; i <= j.size(); ++i) QVERIFY2(p.stateAfter(i) == ref[i], where(seed, interval, i).constData());
  for (Seq i = Seq(j.size()) + 1; i-- > 0;) QVERIFY2(p.stateAfter(i) == ref[i], where(seed, interval, i).constData());
  std::mt19937 rng{uint32_t(seed)};
  std::uniform_int_distribution<Seq> any(0, Seq(j.size()));
  for (int k = 0; k < 3000; ++k) {
    Seq i = any(rng);
    QVERIFY2(p.stateAfter(i) == ref[i], where(seed, interval, i).constData());
  }
  // Past the end: clamped.
  QVERIFY(p.stateAfter(Seq(j.size()) + 10) == ref.back());
}

}  // namespace

class TestReplayProjection : public QObject {
  Q_OBJECT
 private slots:
  void everyPositionDefaultScenario() {
    Scenario s = defaultScenario();
    Run run(s.config, s.actions, s.until_us);
    for (Seq interval : {1u, 7u, 64u, 2048u, 4096u}) {
      checkEveryPosition(s.config, run.journal(0), interval, s.config.seed);
      if (QTest::currentTestFailed()) return;
    }
  }

  void everyPositionSoakRuns() {
    // Faults, loss, duplicates, truncations (crashes without persistence too).
    for (uint64_t seed : {3ull, 11ull, 29ull}) {
      SoakOptions o;
      o.duration_us = 3'000'000;
      if (seed == 29) o.concepts = Concepts::full().without(Concept::Persistence);
      SoakRun sr = soakSchedule(seed, o);
      Run run(sr.config, sr.actions, sr.until_us);
      QVERIFY2(run.journal(0).size() > 500, QByteArray::number(qulonglong(seed)).constData());
      checkEveryPosition(sr.config, run.journal(0), 37, seed);
      if (QTest::currentTestFailed()) return;
    }
  }

  // The checkpoints' chunk-id lists share their full chunks: a copy (or a
  // prefix) shares them, a push to it leaves the original alone, and
  // commonPrefix counts what two lists agree on (a restore copies only past it).
  void sharedIdListsShareAndStayIndependent() {
    using Ids = SharedChunks<uint32_t, 6>;
    Ids a;
    for (uint32_t i = 0; i < 200; ++i) a.push_back(i);
    a.shrink_to_fit();
    Ids b;
    b.sharePrefix(a, 150);
    std::vector<const void*> ca, cb;
    a.forEachChunk([&](const void* c, size_t) { ca.push_back(c); });
    b.forEachChunk([&](const void* c, size_t) { cb.push_back(c); });
    QCOMPARE(cb.size(), size_t(3));
    QCOMPARE(cb[0], ca[0]);  // 0..63 and 64..127: shared
    QCOMPARE(cb[1], ca[1]);
    QVERIFY(cb[2] != ca[2]);  // 128..149: b's own copy
    QCOMPARE(b.commonPrefix(a), size_t(150));
    QCOMPARE(a.commonPrefix(b), size_t(150));
    b.push_back(999);  // a[150] is 150
    QCOMPARE(a.size(), size_t(200));
    QCOMPARE(a[150], 150u);
    QCOMPARE(b[150], 999u);
    QCOMPARE(b.commonPrefix(a), size_t(150));
    for (uint32_t i = 151; i < 300; ++i) b.push_back(i);
    for (uint32_t i = 0; i < 150; ++i) QCOMPARE(b[i], i);
    Ids c = a;  // a copy shares every full chunk
    std::vector<const void*> cc;
    c.forEachChunk([&](const void* ch, size_t) { cc.push_back(ch); });
    QCOMPARE(cc[0], ca[0]);
    QCOMPARE(cc[2], ca[2]);
    QVERIFY(cc[3] != ca[3]);
    QCOMPARE(c.commonPrefix(a), size_t(200));
    Ids empty;
    QCOMPARE(empty.commonPrefix(a), size_t(0));
  }

  // The journal's full chunks share 2 MiB regions (core/large_memory.h): a
  // region is mapped when the first block needs it and given back with its
  // last block, and every block keeps its own bytes.
  void largeChunksShareRegionsAndAreGivenBack() {
    if (!largeMemoryPooled()) QSKIP("huge-page regions: Linux only, and not under AddressSanitizer");
    const LargeMemoryStats before = largeMemoryStats();
    {
      SharedChunks<uint64_t, 14> big;  // chunks of 16,384 x 8 bytes = 128 KiB: 16 per region
      const uint64_t n = 40 * (uint64_t{1} << 14) + 5;
      for (uint64_t i = 0; i < n; ++i) big.push_back(i * 2654435761u);
      std::vector<const void*> chunks;
      big.forEachChunk([&](const void* c, size_t) { chunks.push_back(c); });
      QCOMPARE(chunks.size(), size_t(41));
      const LargeMemoryStats during = largeMemoryStats();
      // 40 full chunks and the growing last one (its capacities of 16 KiB and more
      // are pooled too, one region per size): at least 3 regions for the full ones.
      QVERIFY2(during.shared_regions >= before.shared_regions + 3,
               qPrintable(QStringLiteral("%1 -> %2").arg(before.shared_regions).arg(during.shared_regions)));
      QVERIFY(during.shared_regions <= before.shared_regions + 3 + 8);
      for (uint64_t i = 0; i < n; i += 997) QCOMPARE(big[i], i * 2654435761u);
      QCOMPARE(big[n - 1], (n - 1) * 2654435761u);
      SharedChunks<uint64_t, 14> copy = big;  // shares the full chunks, frees nothing
      QCOMPARE(largeMemoryStats().shared_regions, during.shared_regions);
    }
    QCOMPARE(largeMemoryStats().shared_regions, before.shared_regions);
    QCOMPARE(largeMemoryStats().bytes, before.bytes);
    {
      // Sizes that are not a multiple of 16 KiB (a carried payload of any
      // length) open no region: a file cannot make thousands of them.
      std::vector<std::pair<void*, size_t>> odd;
      for (size_t kib = 21; kib < 500; kib += 32) odd.push_back({allocateLarge(kib << 10), kib << 10});
      QCOMPARE(largeMemoryStats().shared_regions, before.shared_regions);
      for (auto [p, bytes] : odd) freeLarge(p, bytes);
      // A chunk of 4,096 packed events (112 KiB, not a power of two) is pooled.
      void* chunk = allocateLarge(4096 * sizeof(PackedEvents::Record));
      QCOMPARE(largeMemoryStats().shared_regions, before.shared_regions + 1);
      freeLarge(chunk, 4096 * sizeof(PackedEvents::Record));
      QCOMPARE(largeMemoryStats().shared_regions, before.shared_regions);
    }
    {
      // A size in heavy use (past four regions) keeps one more region mapped,
      // ready for its next blocks; it is given back with the others.
      constexpr size_t kBlock = size_t{256} << 10, kRegionBytes = size_t{2} << 20;  // 8 blocks per region
      std::vector<void*> blocks;
      for (int i = 0; i < 8 * 4; ++i) blocks.push_back(allocateLarge(kBlock));
      QCOMPARE(largeMemoryStats().shared_regions, before.shared_regions + 4);
      QCOMPARE(largeMemoryStats().bytes, before.bytes + 4 * kRegionBytes);
      blocks.push_back(allocateLarge(kBlock));  // the fifth region, and a spare
      QCOMPARE(largeMemoryStats().shared_regions, before.shared_regions + 5);
      QCOMPARE(largeMemoryStats().bytes, before.bytes + 6 * kRegionBytes);
      for (int i = 0; i < 8; ++i) blocks.push_back(allocateLarge(kBlock));  // the sixth is the spare
      QCOMPARE(largeMemoryStats().shared_regions, before.shared_regions + 6);
      QCOMPARE(largeMemoryStats().bytes, before.bytes + 7 * kRegionBytes);
      for (size_t i = 0; i < blocks.size(); ++i) std::memset(blocks[i], int(i), kBlock);
      for (size_t i = 0; i < blocks.size(); ++i) QCOMPARE(static_cast<unsigned char*>(blocks[i])[kBlock - 1], (unsigned char)i);
      for (void* p : blocks) freeLarge(p, kBlock);
      QCOMPARE(largeMemoryStats().shared_regions, before.shared_regions);
      QCOMPARE(largeMemoryStats().bytes, before.bytes);
    }
    {
      LargeBuffer b;  // a large block: a mapping of its own
      std::string pattern;
      for (int i = 0; i < 300'000; ++i) pattern += char('a' + i % 26);
      for (int i = 0; i < 20; ++i) b.append(pattern.data(), pattern.size());
      QCOMPARE(b.size(), pattern.size() * 20);
      QVERIFY(largeMemoryStats().bytes >= before.bytes + b.size());
      QCOMPARE(std::string(b.data() + pattern.size() * 19, pattern.size()), pattern);
      QCOMPARE(std::string(b.data(), pattern.size()), pattern);
      // Bytes consumed (a recording decoded so far) are given back by whole
      // pages: those read as zeros, the page they end in and all after stay.
      const size_t consumed = pattern.size() * 3 + 123;
      b.discardBefore(consumed);
      const size_t page_start = consumed / 4096 * 4096;
      std::string all;
      for (int i = 0; i < 20; ++i) all += pattern;
      QVERIFY(std::string(b.data() + page_start, b.size() - page_start) == all.substr(page_start));
      QCOMPARE(b.data()[0], char(0));
      QCOMPARE(b.data()[page_start - 1], char(0));
    }
    QCOMPARE(largeMemoryStats().bytes, before.bytes);
  }

  void instantsAndPositions() {
    Scenario s = defaultScenario();
    Run run(s.config, s.actions, s.until_us);
    const Journal& j = run.journal(0);
    const Projection& p = run.projection(0);
    QCOMPARE(p.endTime(), j.back().time_us);
    for (Time t = 0; t <= s.until_us + 1000; t += 7'919) {
      Seq pos = p.positionAt(t);
      // Every event before pos is at or before t, the one at pos after it.
      QVERIFY(pos == 0 || j[pos - 1].time_us <= t);
      QVERIFY(pos == j.size() || j[pos].time_us > t);
      ClusterState expected = fold(s.config, j, pos);
      expected.now_us = t;
      QVERIFY2(p.stateAt(t) == expected, QByteArray::number(qlonglong(t)).constData());
    }
    // At an event's instant, that event and its simultaneous ones are included.
    Seq k = 1234;
    Seq pos = p.positionAt(j[k].time_us);
    QVERIFY(pos > k);
  }

  void sampledPositionsOnALargeRun() {
    const uint64_t seed = 5;
    SoakOptions o;
    o.duration_us = 600'000'000;
    SoakRun sr = soakSchedule(seed, o);
    Run run(sr.config, sr.actions, sr.until_us);
    const Journal& j = run.journal(0);
    QVERIFY2(j.size() > 40'000, QByteArray::number(qulonglong(j.size())).constData());
    const Projection& p = run.projection(0);
    std::mt19937 rng{uint32_t(seed)};
    std::uniform_int_distribution<Seq> any(0, Seq(j.size()));
    std::vector<Seq> positions;
    // Many random jumps: a restore keeps what the cache shares with the
    // checkpoint it jumps to (logs, write statuses, write index) and copies the rest.
    for (int k = 0; k < 300; ++k) positions.push_back(any(rng));
    positions.push_back(0);
    positions.push_back(Seq(j.size()));
    positions.push_back(Seq(j.size() / p.interval() * p.interval()));  // exactly on a checkpoint
    for (Seq i : positions) QVERIFY2(p.stateAfter(i) == fold(sr.config, j, i), where(seed, p.interval(), i).constData());
    // Forward in small steps (what playing does: served from the last answer).
    Seq start = positions[0];
    ClusterState ref = fold(sr.config, j, start);
    for (Seq i = start; i < std::min<Seq>(start + 3000, Seq(j.size())); ++i) {
      QVERIFY2(p.stateAfter(i) == ref, where(seed, p.interval(), i).constData());
      apply(ref, j[i], i);
    }
  }

  void answersShareTheCacheUntilItChanges() {
    // A seek hands out a copy of its cached state: the copy shares the long
    // vectors (a reference count, not ~1 MB of logs at ten million events),
    // and whatever is changed later, the cache or the copy, the other keeps
    // its content.
    const uint64_t seed = 9;
    SoakOptions o;
    o.duration_us = 60'000'000;
    SoakRun sr = soakSchedule(seed, o);
    Run run(sr.config, sr.actions, sr.until_us);
    const Journal& j = run.journal(0);
    const Projection& p = run.projection(0);
    const Seq at = Seq(j.size() * 2 / 3);
    const ClusterState held = p.stateAfter(at);
    const ClusterState again = p.stateAfter(at);
    int shared = 0;
    for (int n = 0; n < sr.config.nodeCount(); ++n) {
      if (held.nodes[size_t(n)].log.empty()) continue;
      QVERIFY2(held.nodes[size_t(n)].log.sharesWith(again.nodes[size_t(n)].log), where(seed, p.interval(), at).constData());
      ++shared;
    }
    QVERIFY2(shared >= 3, where(seed, p.interval(), at).constData());
    QVERIFY(held.write_index.sharesWith(again.write_index));
    // The cache moves on (forward from the answer, and jumps) while both are held.
    std::mt19937 rng{uint32_t(seed)};
    std::uniform_int_distribution<Seq> any(0, Seq(j.size()));
    for (int k = 0; k < 50; ++k) {
      const Seq i = k % 2 ? any(rng) : at + Seq(k);
      QVERIFY2(p.stateAfter(i) == fold(sr.config, j, i), where(seed, p.interval(), i).constData());
    }
    const ClusterState expected = fold(sr.config, j, at);
    QVERIFY2(held == expected, where(seed, p.interval(), at).constData());
    // A holder that changes its copy leaves the others as they were.
    ClusterState changed = again;
    for (Seq i = at; i < std::min<Seq>(at + 2000, Seq(j.size())); ++i) apply(changed, j[i], i);
    QVERIFY(!(changed == expected));
    QVERIFY2(again == expected && held == expected, where(seed, p.interval(), at).constData());
    QVERIFY(p.stateAfter(at) == expected);
  }

  void checkpointsShareLogChunks() {
    // Long logs: a write every 5 ms for 20 s on a healthy cluster.
    Scenario s = defaultScenario();
    std::vector<Action> writes;
    for (int k = 0; k < 4000; ++k) {
      Action a;
      a.time_us = 500'000 + Time(k) * 5'000;
      a.node = NodeId(k % 5);
      // Built in a buffer: GCC 12 warns (-Wrestrict, falsely) about "w" + std::string
      // and about appending to one, depending on the build's optimisation.
      char name[16];
      std::snprintf(name, sizeof name, "w%d", k);
      a.text = std::string(name);
      writes.push_back(a);
    }
    Run run(s.config, writes, 21'000'000);
    const Journal& j = run.journal(0);
    Projection p(s.config, j, 1024);
    size_t naive_logs = 0;
    for (size_t k = 0; k < p.checkpointCount(); ++k) {
      ClusterState cs = p.stateAfter(Seq(k) * p.interval());
      for (int n = 0; n < cs.node_count; ++n) naive_logs += cs.nodes[size_t(n)].log.size() * sizeof(Entry);
    }
    qInfo("%zu events, %zu checkpoints: %zu bytes (full log copies alone would take %zu)", j.size(),
          p.checkpointCount(), p.checkpointBytes(), naive_logs);
    QVERIFY2(p.checkpointBytes() < naive_logs / 2, QByteArray::number(qulonglong(p.checkpointBytes())).constData());
    QVERIFY2(double(p.checkpointBytes()) / double(j.size()) < 16.0,
             QByteArray::number(double(p.checkpointBytes()) / double(j.size())).constData());
    for (Seq i = 0; i <= j.size(); i += 997) QVERIFY(p.stateAfter(i) == fold(s.config, j, i));
  }

  void syncAfterTheJournalGrows() {
    Scenario s = defaultScenario();
    Run run(s.config, s.actions, 1'000'000);
    const Projection& p = run.projection(0);
    size_t before = p.checkpointCount();
    (void)p.stateAfter(100);  // leaves a cached answer behind
    run.extend(0, 4'000'000);
    const Journal& j = run.journal(0);
    QVERIFY(p.checkpointCount() >= before);
    for (Seq i : {Seq(0), Seq(100), Seq(j.size() / 2), Seq(j.size())})
      QVERIFY2(p.stateAfter(i) == fold(s.config, j, i), where(s.config.seed, p.interval(), i).constData());
    Projection fine(s.config, j, 16);
    Seq old_size = Seq(j.size());
    run.extend(0, 5'000'000);
    fine.sync();
    QVERIFY(j.size() > old_size);
    QVERIFY(fine.checkpointCount() >= j.size() / 16);
    for (Seq i = old_size - 50; i <= j.size(); i += 13) QVERIFY(fine.stateAfter(i) == fold(s.config, j, i));
  }
};

QTEST_GUILESS_MAIN(TestReplayProjection)
#include "test_replay_projection.moc"

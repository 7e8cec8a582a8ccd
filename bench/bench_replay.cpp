// The replay layer's figures on a generated 1,000,000-event recording
// (5 nodes, full Raft, a soak schedule of faults and writes): load time,
// bytes per event on disk and in memory (checkpoints included), seek latency
// at random positions, and a seek against a from-scratch fold.
//
//   bench-replay [EVENTS] [SEED] [FILE]   (defaults: 1000000 events, seed 7; FILE keeps the recording)
//   bench-replay --file FILE              (load, seek and fold FILE, made before: no simulation)
//
// Targets (issue 4, tightened by issue 19): load <= 0.5 s, <= 16 B/event on
// disk, <= 40 B/event in memory (identical carried payloads stored once),
// seek median <= 1 ms and max <= 5 ms. With 5 million events or more (issue
// 19's ten-million-event recording: `bench-replay 10000000`): load <= 1.5 s,
// seek median <= 0.05 ms and max <= 1 ms. Each target is printed beside the
// measured value.
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <random>
#include <vector>

#include "bench/long_run.h"
#include "bench/process_memory.h"
#include "core/soak.h"
#include "replay/recording_file.h"
#include "replay/run.h"

using namespace radeau;
using bench::peakBytes;
using bench::residentBytes;
using bench::resetPeak;
using Clock = std::chrono::steady_clock;

namespace {
// CPU time of this thread: a seek is not charged for the time another process held the core.
double cpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}
double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  // `bench-replay --file FILE`: load, seek and fold an existing recording
  // (issue 19's ten-million-event one) without simulating it again.
  const bool from_file = argc > 2 && std::string(argv[1]) == "--file";
  const size_t target = argc > 1 && !from_file ? size_t(std::strtoull(argv[1], nullptr, 10)) : 1'000'000;
  const uint64_t seed = argc > 2 && !from_file ? std::strtoull(argv[2], nullptr, 10) : 7;

  QTemporaryDir dir;
  // A third argument keeps the recording there (to profile a load: `radeau-cli info FILE`).
  QString path = from_file ? QString::fromLocal8Bit(argv[2])
                           : argc > 3 ? QString::fromLocal8Bit(argv[3]) : dir.filePath("bench.radeau");
  std::string error;
  auto t0 = Clock::now();
  bench::LongRun made;
  size_t peak_simulate = 0, rss_after_save = 0, peak_save = 0;
  double save_ms = 0;
  if (!from_file) {
    resetPeak();
    const size_t base_rss = residentBytes();
    made = bench::makeLongRun(target, seed);
    peak_simulate = peakBytes() - std::min(peakBytes(), base_rss);
    resetPeak();
    const SoakRun& soak = made.schedule;
    const Journal& j = made.run->journal(0);
    std::printf("recording: seed %llu, 5 nodes, full Raft, %zu scheduled actions, %.1f s of virtual time, %zu events, "
                "%zu carried entries, %zu writes (simulated in %.0f ms)\n",
                (unsigned long long)seed, soak.actions.size(), double(soak.until_us) / 1e6, j.size(), j.carriedSize(),
                j.writes().size() - 1, made.simulate_ms);
    std::printf("carried entries: %zu referred to by events, %zu stored (identical payloads once)\n", j.carriedSize(),
                j.carriedStored());
    t0 = Clock::now();
    if (!saveRecording(*made.run, path, error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 2;
    }
    save_ms = msSince(t0);
    rss_after_save = residentBytes();
    peak_save = peakBytes();
  }
  qint64 file_bytes = QFileInfo(path).size();

  // Load: read, decode, validate, build the projection's checkpoints (best of 3).
  std::unique_ptr<Run> loaded;
  double load_ms = 1e9, load_read_ms = 0, first_load_ms = 0;
  size_t peak_load = 0;
  for (int k = 0; k < 3; ++k) {
    loaded.reset();
    const size_t before = residentBytes();
    resetPeak();
    t0 = Clock::now();
    loaded = loadRun(path, error);
    const double read_ms = msSince(t0);
    if (loaded) (void)loaded->projection(0);  // the checkpoints loadRun did not build meanwhile: counted here
    if (k == 0) first_load_ms = msSince(t0);  // with --file: a fresh process's, as when a user opens the file
    if (msSince(t0) < load_ms) {
      load_ms = msSince(t0);
      load_read_ms = read_ms;
    }
    peak_load = std::max(peak_load, peakBytes() - std::min(peakBytes(), before));
    if (!loaded) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 2;
    }
  }
  const Journal& lj = loaded->journal(0);
  const Projection& proj = loaded->projection(0);
  const size_t n = lj.size();
  if (from_file)
    std::printf("recording: %s, %zu events, %zu carried entries referred to, %zu stored, %zu writes\n",
                argv[2], n, lj.carriedSize(), lj.carriedStored(), lj.writes().size() - 1);
  if (!from_file && !lj.sameCanonicalBytes(made.run->journal(0))) {
    std::fprintf(stderr, "the loaded journal differs from the recorded one\n");
    return 1;
  }
  size_t journal_bytes = loaded->journalBytes();
  size_t checkpoint_bytes = proj.checkpointBytes();
  const size_t loaded_rss = residentBytes();
  resetPeak();

  // Seeks at random positions.
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<Seq> pos(0, Seq(n));
  std::vector<double> seeks;
  std::vector<Seq> positions;
  for (int k = 0; k < 2000; ++k) positions.push_back(pos(rng));
  volatile size_t sink = 0;
  std::vector<double> seeks_cpu;
  for (Seq p : positions) {
    t0 = Clock::now();
    double c0 = cpuMs();
    ClusterState s = proj.stateAfter(p);
    seeks_cpu.push_back(cpuMs() - c0);
    seeks.push_back(msSince(t0));
    sink = sink + s.applied;
  }
  // Seeks by time (what the slider does), same positions.
  std::vector<double> time_seeks;
  for (Seq p : positions) {
    Time t = p < n ? lj[p].time_us : lj.back().time_us;
    t0 = Clock::now();
    ClusterState s = proj.stateAt(t);
    time_seeks.push_back(msSince(t0));
    sink = sink + s.applied;
  }
  // From-scratch folds of the same positions (fewer: each costs up to a whole fold).
  std::vector<double> folds, ratios;
  for (int k = 0; k < 30; ++k) {
    Seq p = positions[size_t(k)];
    t0 = Clock::now();
    ClusterState s = fold(loaded->config(), lj, p);
    double f = msSince(t0);
    sink = sink + s.applied;
    folds.push_back(f);
    ratios.push_back(seeks[size_t(k)] / std::max(1e-6, f));
  }
  const size_t peak_seek = peakBytes();
  double seek_med = median(seeks), seek_max = *std::max_element(seeks.begin(), seeks.end());
  double tseek_med = median(time_seeks), tseek_max = *std::max_element(time_seeks.begin(), time_seeks.end());

  auto verdict = [](bool ok) { return ok ? "ok" : "MISSED"; };
  const bool ten_million = n >= 5'000'000;
  const double load_target = ten_million ? 1500 : 500, seek_med_target = ten_million ? 0.05 : 1,
               seek_max_target = ten_million ? 1 : 5;
  if (!from_file) std::printf("save:            %.0f ms, %lld bytes\n", save_ms, (long long)file_bytes);
  // loadRun builds the first branch's checkpoints while it decodes (on a
  // second thread): what is left after it returns is their last stretch.
  std::printf("load:            %.0f ms (target <= %.0f ms) %s: read, decode and checkpoints meanwhile %.0f ms, the "
              "last checkpoints after %.0f ms; best of 3, the first %.0f ms\n",
              load_ms, load_target, verdict(load_ms <= load_target), load_read_ms, load_ms - load_read_ms, first_load_ms);
  std::printf("on disk:         %.2f bytes/event (target <= 16) %s\n", double(file_bytes) / double(n),
              verdict(double(file_bytes) / double(n) <= 16));
  std::printf("in memory:       %.2f bytes/event: journal %.2f (of which events %.2f packed, %zu as a value) + checkpoints %.2f (%zu "
              "checkpoints every %u events) (target <= 40) %s\n",
              double(journal_bytes + checkpoint_bytes) / double(n), double(journal_bytes) / double(n),
              double(lj.events().contentBytes()) / double(lj.size()), sizeof(Event),
              double(checkpoint_bytes) / double(n), proj.checkpointCount(), proj.interval(),
              verdict(double(journal_bytes + checkpoint_bytes) / double(n) <= 40));
  {
    // What each phase adds to the process at its peak, against the steady
    // in-memory size of the run (journal + checkpoints): target 1.5x.
    const double steady = double(journal_bytes + checkpoint_bytes), mb = 1024.0 * 1024.0;
    if (!from_file)
      std::printf("peak resident:   simulate +%.0f MB (%.2fx the steady %.0f MB; target <= 1.5x) %s; save %.0f MB "
                "(resident %.0f MB after); load +%.0f MB (%.2fx) %s; seeks %.0f MB (resident %.0f MB before)\n",
                  double(peak_simulate) / mb, double(peak_simulate) / steady, steady / mb,
                  verdict(double(peak_simulate) <= 1.5 * steady), double(peak_save) / mb, double(rss_after_save) / mb,
                  double(peak_load) / mb, double(peak_load) / steady, verdict(double(peak_load) <= 1.5 * steady),
                  double(peak_seek) / mb, double(loaded_rss) / mb);
    else
      std::printf("peak resident:   load +%.0f MB (%.2fx the steady %.0f MB; target <= 1.5x) %s; seeks %.0f MB "
                  "(resident %.0f MB before)\n",
                  double(peak_load) / mb, double(peak_load) / steady, steady / mb,
                  verdict(double(peak_load) <= 1.5 * steady), double(peak_seek) / mb, double(loaded_rss) / mb);
  }
  std::printf("seek (event):    median %.3f ms, max %.3f ms over %zu random positions (target %g / %g ms) %s\n",
              seek_med, seek_max, seeks.size(), seek_med_target, seek_max_target,
              verdict(seek_med <= seek_med_target && seek_max <= seek_max_target));
  {
    std::vector<double> w = seeks, c = seeks_cpu;
    std::sort(w.begin(), w.end());
    std::sort(c.begin(), c.end());
    std::printf("seek (event):    wall p99 %.3f ms, p99.9 %.3f ms; thread CPU time median %.3f ms, p99 %.3f ms, max %.3f ms\n",
                w[w.size() * 99 / 100], w[w.size() * 999 / 1000], c[c.size() / 2], c[c.size() * 99 / 100], c.back());
    // Where the slowest seek was: the first one (cold pages) or a costly position.
    const size_t slowest = size_t(std::max_element(seeks.begin(), seeks.end()) - seeks.begin());
    std::printf("seek (event):    slowest was seek %zu of %zu, at event %llu (%llu past its checkpoint)\n", slowest + 1,
                seeks.size(), (unsigned long long)positions[slowest],
                (unsigned long long)(positions[slowest] % proj.interval()));
  }
  std::printf("seek (time):     median %.3f ms, max %.3f ms\n", tseek_med, tseek_max);
  std::printf("fold from scratch of the same positions: median %.2f ms, max %.2f ms; seek/fold ratio: median %.4f "
              "(a seek costs %.2f%% of a fold)\n",
              median(folds), *std::max_element(folds.begin(), folds.end()), median(ratios), 100 * median(ratios));
  return sink == 0 ? 3 : 0;
}

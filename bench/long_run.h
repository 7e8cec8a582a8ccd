// The long run the replay and space-time benchmarks share: a 5-node full-Raft
// soak schedule (faults and writes) whose duration is calibrated so that the
// run has at least `target` events.
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>

#include "core/soak.h"
#include "replay/run.h"

namespace radeau::bench {

struct LongRun {
  SoakRun schedule;
  std::unique_ptr<Run> run;
  double simulate_ms = 0;  // the last simulation's wall time
};

inline LongRun makeLongRun(size_t target, uint64_t seed) {
  using Clock = std::chrono::steady_clock;
  SoakOptions o;
  o.nodes = 5;
  o.duration_us = 20'000'000;
  const SoakRun trial = soakSchedule(seed, o);
  size_t events = Run(trial.config, trial.actions, trial.until_us).journal(0).size();
  LongRun r;
  // The event rate varies along a schedule: scale the duration, up to three tries.
  for (int tries = 0; tries < 3 && (!r.run || r.run->journal(0).size() < target); ++tries) {
    o.duration_us = Time(double(o.duration_us) * double(target) / double(std::max<size_t>(1, events)) * 1.02);
    r.schedule = soakSchedule(seed, o);
    // A resend drawn within 300 ms of a write near the end can fall after the
    // final heal and restarts, which soakSchedule appends after sorting: the
    // simulator orders its inputs anyway, but a recording's inputs must be in
    // order to be read back. Sorted stably here, as the simulator would.
    std::stable_sort(r.schedule.actions.begin(), r.schedule.actions.end(),
                     [](const Action& x, const Action& y) { return x.time_us < y.time_us; });
    r.run.reset();  // not two long runs alive at once (a transient twice the run's size)
    const auto t0 = Clock::now();
    r.run = std::make_unique<Run>(r.schedule.config, r.schedule.actions, r.schedule.until_us);
    r.simulate_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    events = r.run->journal(0).size();
  }
  return r;
}

}  // namespace radeau::bench

// Journal events per second and bytes per event for a 5-node full-Raft
// cluster under steady client writes. Not a test: run `./build.sh bench` or
// `build/bin/bench-core [virtual-seconds]`.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/simulator.h"

using namespace radeau;

int main(int argc, char** argv) {
  const double virtual_s = argc > 1 ? std::atof(argv[1]) : 120.0;
  ClusterConfig config;
  config.names = defaultNames(5);
  config.seed = 7;
  Simulator sim(config);
  // A client write every 2 ms, spread over the nodes (followers forward).
  const Time until = Time(virtual_s * 1e6);
  for (Time t = 500'000; t < until; t += 2'000) {
    Action w;
    w.time_us = t;
    w.kind = ActionKind::Write;
    w.node = NodeId((t / 2'000) % 5);
    w.text = "v";
    sim.schedule(w);
  }
  auto start = std::chrono::steady_clock::now();
  sim.runUntil(until);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const Journal& j = sim.journal();
  double events = double(j.size());
  std::printf("bench-core: 5 nodes, full Raft, a write every 2 ms, %.0f s of virtual time\n", virtual_s);
  std::printf("  events            %.0f\n", events);
  std::printf("  events/s          %.2f million (%.3f s)\n", events / secs / 1e6, secs);
  std::printf("  sizeof(Event)     %zu bytes (stored packed: %.1f bytes/event)\n", sizeof(Event),
              double(j.events().contentBytes()) / events);
  std::printf("  bytes/event       %.1f (events, carried entries and write texts)\n", double(j.contentBytes()) / events);
  std::printf("  allocated/event   %.1f (spare vector capacity included)\n", double(j.allocatedBytes()) / events);
  std::printf("  targets           >= 2 million events/s, <= 64 bytes/event\n");
  return 0;
}

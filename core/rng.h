// Deterministic randomness without hidden state: a draw is a pure function of
// (seed, seq of the event that uses it, salt). Rebuilding a simulator at any
// point of a journal therefore needs no generator state beyond the seed, and a
// branch that adds nothing reproduces the original future exactly.
#pragma once

#include <cstdint>

namespace radeau {

inline uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

enum class DrawSalt : uint64_t { ElectionTimeout = 1, Latency = 2, Loss = 3, Duplicate = 4, DupLatency = 5 };

inline uint64_t draw(uint64_t seed, uint32_t seq, DrawSalt salt) {
  return splitmix64(splitmix64(seed ^ (uint64_t(salt) << 56)) ^ (uint64_t(seq) * 0xD1B54A32D192ED03ull));
}

// Uniform integer in [lo, hi] (inclusive). Multiply-shift: no modulo bias worth noting.
inline int64_t drawRange(uint64_t seed, uint32_t seq, DrawSalt salt, int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  uint64_t span = uint64_t(hi - lo) + 1;
  unsigned __int128 m = (unsigned __int128)draw(seed, seq, salt) * span;
  return lo + int64_t(uint64_t(m >> 64));
}

// True with probability p (p in [0,1]), exact to 2^-53.
inline bool drawChance(uint64_t seed, uint32_t seq, DrawSalt salt, double p) {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return double(draw(seed, seq, salt) >> 11) * 0x1.0p-53 < p;
}

// A general-purpose seeded generator for tools (soak schedules), not for the simulation.
class Prng {
 public:
  explicit Prng(uint64_t seed) : state_(seed) {}
  uint64_t next() { return splitmix64(state_++ * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull); }
  int64_t range(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    unsigned __int128 m = (unsigned __int128)next() * (uint64_t(hi - lo) + 1);
    return lo + int64_t(uint64_t(m >> 64));
  }
  bool chance(double p) { return double(next() >> 11) * 0x1.0p-53 < p; }

 private:
  uint64_t state_;
};

}  // namespace radeau

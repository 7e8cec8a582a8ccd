#include "large_memory.h"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define RADEAU_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RADEAU_ASAN 1
#endif
#endif

namespace radeau {

#if defined(__linux__) && !defined(RADEAU_ASAN)
namespace {

constexpr size_t kRegion = size_t{2} << 20;  // a huge page
constexpr size_t kMinPooled = size_t{16} << 10, kMaxPooled = kRegion / 4;
constexpr size_t kPage = 4096;

size_t roundUp(size_t n, size_t to) { return (n + to - 1) / to * to; }

// A region of fresh memory aligned on kRegion, advised for huge pages when
// `huge`; nullptr if the system refuses.
char* mapRegion(bool huge) {
  void* p = mmap(nullptr, 2 * kRegion, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  const uintptr_t start = uintptr_t(p), aligned = roundUp(start, kRegion);
  if (aligned > start) munmap(p, aligned - start);
  munmap(reinterpret_cast<void*>(aligned + kRegion), start + kRegion - aligned);
  if (huge) madvise(reinterpret_cast<void*>(aligned), kRegion, MADV_HUGEPAGE);  // a hint: fine if refused
  return reinterpret_cast<char*>(aligned);
}

// Faults regions in on a thread of its own. A fresh region's first write
// stops the writing thread while the kernel zeroes 2 MiB: at ten million
// events that was 14 % of a load's decoding thread (issue 19). A size in heavy
// use keeps its next region ready, populated here meanwhile. Populating
// changes no byte, so a region handed out (even freed) before it is done is
// still right.
class Populater {
 public:
  void populate(char* region) {
    {
      std::lock_guard lock(mutex_);
      if (!started_) {
        started_ = true;
        try {
          std::thread([this] { run(); }).detach();  // lives as long as the process
        } catch (const std::system_error&) {
          return;  // no thread (a limit reached): regions fault in where they are written, as before
        }
        running_ = true;
      }
      if (!running_) return;
      queue_.push_back(region);
    }
    wake_.notify_one();
  }

 private:
  void run() {
    for (;;) {
      char* region;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return !queue_.empty(); });
        region = queue_.front();
        queue_.erase(queue_.begin());
      }
#ifdef MADV_POPULATE_WRITE
      madvise(region, kRegion, MADV_POPULATE_WRITE);  // Linux 5.14 and later; a hint before that
#endif
    }
  }
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<char*> queue_;
  bool started_ = false, running_ = false;
};

// Regions shared by blocks of one size; a block's region is its address
// rounded down to kRegion.
struct Region {
  uint32_t used = 0;
  std::vector<uint32_t> free;  // block indices
};
struct Pools {
  std::mutex mutex;
  std::unordered_map<uintptr_t, Region> regions;                 // by base address
  std::unordered_map<size_t, std::vector<uintptr_t>> with_room;  // by block size
  std::unordered_map<size_t, size_t> region_count;              // by block size
  std::unordered_map<size_t, char*> spare;                      // by block size: the next region, populated
  size_t mapped = 0;
  Populater populater;
};
Pools& pools() {
  static Pools* p = new Pools;  // never destroyed: blocks may be freed during static destruction
  return *p;
}

// A size's first regions in small pages: a huge page is faulted in whole, so
// the last, partly used region of each size costs up to 2 MiB of resident
// memory; past 8 MiB of a size that is noise, below it is not (one million
// events: peak 1.54x the journal's size with huge pages from the first
// region, 1.41x without any). Past them a size is in heavy use, and keeps a
// spare region.
constexpr size_t kSmallPageRegions = 4;

void* allocatePooled(size_t block) {
  Pools& ps = pools();
  std::lock_guard lock(ps.mutex);
  std::vector<uintptr_t>& room = ps.with_room[block];
  if (room.empty()) {
    size_t& regions = ps.region_count[block];
    const bool heavy = regions >= kSmallPageRegions;
    char* base = nullptr;
    if (auto it = ps.spare.find(block); it != ps.spare.end()) {
      base = it->second;
      ps.spare.erase(it);
    } else {
      base = mapRegion(heavy);
      if (!base) throw std::bad_alloc();
      ps.mapped += kRegion;
    }
    if (heavy) {
      if (char* next = mapRegion(true)) {  // none is fine: the next region is mapped when needed
        ps.spare[block] = next;
        ps.mapped += kRegion;
        ps.populater.populate(next);
      }
    }
    ++regions;
    Region r;
    const uint32_t count = uint32_t(kRegion / block);
    for (uint32_t i = count; i-- > 0;) r.free.push_back(i);
    ps.regions.emplace(uintptr_t(base), std::move(r));
    room.push_back(uintptr_t(base));
  }
  const uintptr_t base = room.back();
  Region& r = ps.regions.at(base);
  const uint32_t i = r.free.back();
  r.free.pop_back();
  ++r.used;
  if (r.free.empty()) room.pop_back();
  return reinterpret_cast<char*>(base) + size_t(i) * block;
}

void freePooled(void* p, size_t block) noexcept {
  Pools& ps = pools();
  std::lock_guard lock(ps.mutex);
  const uintptr_t base = uintptr_t(p) / kRegion * kRegion;
  auto it = ps.regions.find(base);
  if (it == ps.regions.end()) return;  // cannot happen: every pooled block comes from a region
  Region& r = it->second;
  std::vector<uintptr_t>& room = ps.with_room[block];
  if (r.free.empty()) room.push_back(base);
  r.free.push_back(uint32_t((uintptr_t(p) - base) / block));
  if (--r.used == 0) {
    room.erase(std::find(room.begin(), room.end(), base));
    ps.regions.erase(it);
    munmap(reinterpret_cast<void*>(base), kRegion);
    ps.mapped -= kRegion;
    // A size no longer in heavy use gives its spare back too.
    if (--ps.region_count[block] < kSmallPageRegions) {
      if (auto spare = ps.spare.find(block); spare != ps.spare.end()) {
        munmap(spare->second, kRegion);
        ps.mapped -= kRegion;
        ps.spare.erase(spare);
      }
    }
  }
}

// Only multiples of 16 KiB from 16 to 512 KiB are pooled: the chunks' sizes
// (a chunk of 4,096 packed events is 112 KiB: 18 to a region, 1.6 % of it
// left over). A block of any other size (a large carried payload of some
// length) would open a region of its own size, and a file could ask for
// thousands of sizes; these are 32 at most.
bool pooled(size_t bytes) {
  return bytes >= kMinPooled && bytes <= kMaxPooled && roundUp(bytes, kPage) % kMinPooled == 0;
}

}  // namespace

// A large block is a mapping of its own, advised for huge pages: the kernel
// uses them for the whole 2 MiB ranges inside it, small pages at its ends (so
// a block of 1 MiB costs no more memory than before).
void* allocateLarge(size_t bytes) {
  if (bytes <= kMaxPooled && !pooled(bytes)) return ::operator new(bytes);
  if (bytes <= kMaxPooled) return allocatePooled(roundUp(bytes, kPage));
  const size_t mapped = roundUp(bytes, kPage);
  void* p = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  madvise(p, mapped, MADV_HUGEPAGE);
  std::lock_guard lock(pools().mutex);
  pools().mapped += mapped;
  return p;
}

void freeLarge(void* p, size_t bytes) noexcept {
  if (!p) return;
  if (bytes <= kMaxPooled && !pooled(bytes)) return ::operator delete(p);
  if (bytes <= kMaxPooled) return freePooled(p, roundUp(bytes, kPage));
  const size_t mapped = roundUp(bytes, kPage);
  munmap(p, mapped);
  std::lock_guard lock(pools().mutex);
  pools().mapped -= mapped;
}

void discardLargePrefix(void* p, size_t bytes, size_t prefix) noexcept {
  if (!p || bytes <= kMaxPooled) return;  // pooled or from operator new: not ours to give back in part
  const size_t whole = std::min(prefix, bytes) / kPage * kPage;
  if (whole > 0) madvise(p, whole, MADV_DONTNEED);
}

LargeMemoryStats largeMemoryStats() {
  std::lock_guard lock(pools().mutex);
  return {pools().regions.size(), pools().mapped};
}

bool largeMemoryPooled() { return true; }

#else

void* allocateLarge(size_t bytes) { return ::operator new(bytes); }
void freeLarge(void* p, size_t) noexcept { ::operator delete(p); }
void discardLargePrefix(void*, size_t, size_t) noexcept {}
LargeMemoryStats largeMemoryStats() { return {}; }
bool largeMemoryPooled() { return false; }

#endif

}  // namespace radeau

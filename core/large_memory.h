// Memory for the journal's chunks and for whole files read at once, in 2 MiB
// regions the kernel may back with huge pages (issue 19).
//
// Why: at ten million events a load writes ~600 MB of fresh memory. Touched
// 4 KiB page by 4 KiB page, that cost more than the decoding on this machine
// (a 110 MB file read into fresh memory: ~290 ms; into huge pages: ~25 ms).
// Blocks of 16 KiB to 512 KiB whose size divides 2 MiB (the chunks of
// SharedChunks and of the carried entries) share regions of their size;
// blocks past 512 KiB get mappings of their own; the others come from
// operator new. A region is given back as soon as its last block is freed.
// A size with more than four regions keeps its next one ready, faulted in
// on a thread of its own (the kernel zeroing fresh memory was 14 % of a
// ten-million-event load), and gives it back once fewer than four remain.
// Outside Linux, and under AddressSanitizer (which checks only what operator
// new hands out), everything comes from operator new.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

namespace radeau {

void* allocateLarge(size_t bytes);
void freeLarge(void* p, size_t bytes) noexcept;
// Gives the memory of a large block's first `prefix` bytes (whole pages) back
// to the system when the block is a mapping of its own; they read as zeros
// afterwards. For input already consumed: a recording's bytes once decoded
// (the peak of a load). Otherwise does nothing.
void discardLargePrefix(void* p, size_t bytes, size_t prefix) noexcept;
// The regions blocks share, and every byte mapped (shared and own regions).
struct LargeMemoryStats {
  size_t shared_regions = 0, bytes = 0;
};
LargeMemoryStats largeMemoryStats();
// Whether large blocks come from huge-page regions (false: operator new).
bool largeMemoryPooled();

// A std allocator over allocateLarge, for the containers that hold the bulk
// of a long run: each allocation of a given element count always has the same
// size, so its blocks pack regions exactly.
template <typename T>
struct LargeAllocator {
  using value_type = T;
  LargeAllocator() = default;
  template <typename U>
  LargeAllocator(const LargeAllocator<U>&) noexcept {}
  T* allocate(size_t n) { return static_cast<T*>(allocateLarge(n * sizeof(T))); }
  void deallocate(T* p, size_t n) noexcept { freeLarge(p, n * sizeof(T)); }
  using is_always_equal = std::true_type;
  friend bool operator==(const LargeAllocator&, const LargeAllocator&) noexcept { return true; }
};

// An uninitialised byte buffer from allocateLarge: a whole file read at once
// (std::string would zero it first, then read over it).
class LargeBuffer {
 public:
  LargeBuffer() = default;
  ~LargeBuffer() { freeLarge(data_, capacity_); }
  LargeBuffer(const LargeBuffer&) = delete;
  LargeBuffer& operator=(const LargeBuffer&) = delete;
  LargeBuffer(LargeBuffer&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)),
        capacity_(std::exchange(o.capacity_, 0)) {}
  LargeBuffer& operator=(LargeBuffer&& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
    return *this;
  }

  char* data() { return data_; }
  const char* data() const { return data_; }
  size_t size() const { return size_; }
  void clear() { size_ = 0; }
  void reserve(size_t n) {
    if (n <= capacity_) return;
    char* p = static_cast<char*>(allocateLarge(n));
    if (size_) std::memcpy(p, data_, size_);
    freeLarge(data_, capacity_);
    data_ = p;
    capacity_ = n;
  }
  // New bytes are left uninitialised.
  void resize(size_t n) {
    reserve(n);
    size_ = n;
  }
  // The bytes before `offset` will not be read again: their memory may be
  // given back (see discardLargePrefix), and then they read as zeros.
  void discardBefore(size_t offset) { discardLargePrefix(data_, capacity_, std::min(offset, size_)); }
  void append(const char* p, size_t n) {
    if (size_ + n > capacity_) reserve(std::max(size_ + n, 2 * capacity_));
    std::memcpy(data_ + size_, p, n);
    size_ += n;
  }

 private:
  char* data_ = nullptr;
  size_t size_ = 0, capacity_ = 0;
};

}  // namespace radeau

// An append-only sequence stored in fixed-size chunks that copies share.
//
// Every chunk but the last is full, and a full chunk is never written again,
// so a copy (or a prefix of this sequence: sharePrefix) shares the full chunks
// by reference and copies only the partly filled last one. Forked branches
// keep their parent's prefix this way instead of a copy of it (issue 19).
// The last chunk grows geometrically up to the chunk size, so a small
// sequence costs little; its data pointer is cached for O(1) indexing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

#include "large_memory.h"

namespace radeau {

template <typename T, unsigned Shift>
class SharedChunks {
 public:
  static constexpr size_t kChunk = size_t{1} << Shift;
  static constexpr size_t kMask = kChunk - 1;

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using iterator_concept = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator() = default;
    const_iterator(const SharedChunks* s, size_t i) : s_(s), i_(i) {}
    reference operator*() const { return (*s_)[i_]; }
    pointer operator->() const { return &(*s_)[i_]; }
    reference operator[](difference_type d) const { return (*s_)[size_t(difference_type(i_) + d)]; }
    const_iterator& operator++() { ++i_; return *this; }
    const_iterator operator++(int) { const_iterator t = *this; ++i_; return t; }
    const_iterator& operator--() { --i_; return *this; }
    const_iterator operator--(int) { const_iterator t = *this; --i_; return t; }
    const_iterator& operator+=(difference_type d) { i_ = size_t(difference_type(i_) + d); return *this; }
    const_iterator& operator-=(difference_type d) { i_ = size_t(difference_type(i_) - d); return *this; }
    friend const_iterator operator+(const_iterator it, difference_type d) { return it += d; }
    friend const_iterator operator+(difference_type d, const_iterator it) { return it += d; }
    friend const_iterator operator-(const_iterator it, difference_type d) { return it -= d; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return difference_type(a.i_) - difference_type(b.i_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.i_ <=> b.i_; }
    size_t index() const { return i_; }

   private:
    const SharedChunks* s_ = nullptr;
    size_t i_ = 0;
  };
  using iterator = const_iterator;
  using value_type = T;
  using size_type = size_t;

  SharedChunks() = default;
  SharedChunks(const SharedChunks& o) { sharePrefix(o, o.size_); }
  SharedChunks& operator=(const SharedChunks& o) {
    if (this != &o) {
      SharedChunks copy(o);
      *this = std::move(copy);
    }
    return *this;
  }
  SharedChunks(SharedChunks&& o) noexcept
      : chunks_(std::move(o.chunks_)), ptrs_(std::move(o.ptrs_)), size_(std::exchange(o.size_, 0)) {}
  SharedChunks& operator=(SharedChunks&& o) noexcept {
    chunks_ = std::move(o.chunks_);
    ptrs_ = std::move(o.ptrs_);
    size_ = std::exchange(o.size_, 0);
    o.chunks_.clear();
    o.ptrs_.clear();
    return *this;
  }

  // Becomes the first n elements of o: its full chunks shared, the rest copied.
  void sharePrefix(const SharedChunks& o, size_t n) {
    clear();
    n = std::min(n, o.size_);
    const size_t full = n >> Shift;
    chunks_.assign(o.chunks_.begin(), o.chunks_.begin() + std::ptrdiff_t(full));
    ptrs_.assign(o.ptrs_.begin(), o.ptrs_.begin() + std::ptrdiff_t(full));
    size_ = full << Shift;
    if (n > size_) {
      auto c = std::make_shared<Chunk>();
      c->reserve(kChunk);
      for (size_t i = size_; i < n; ++i) c->push_back(o[i]);
      ptrs_.push_back(c->data());
      chunks_.push_back(std::move(c));
      size_ = n;
    }
  }
  void clear() {
    chunks_.clear();
    ptrs_.clear();
    size_ = 0;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return ptrs_[i >> Shift][i & kMask]; }
  const T& back() const { return (*this)[size_ - 1]; }
  const T& front() const { return (*this)[0]; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

  void push_back(T v) {
    if ((size_ >> Shift) == chunks_.size()) {  // the last chunk is full (or there is none)
      auto c = std::make_shared<Chunk>();
      c->reserve(chunks_.empty() ? std::min<size_t>(kChunk, 16) : kChunk);
      ptrs_.push_back(c->data());
      chunks_.push_back(std::move(c));
    }
    Chunk& c = *chunks_.back();  // not full, so not shared
    if (c.size() == c.capacity()) c.reserve(std::min(kChunk, c.capacity() * 2));
    c.push_back(std::move(v));
    ptrs_.back() = c.data();
    ++size_;
  }
  // Room for n elements without reallocating the chunk table.
  void reserve(size_t n) {
    chunks_.reserve((n + kMask) >> Shift);
    ptrs_.reserve((n + kMask) >> Shift);
  }

  // Gives back the last chunk's spare room (a sequence that will not grow again).
  void shrink_to_fit() {
    chunks_.shrink_to_fit();
    ptrs_.shrink_to_fit();
    if (chunks_.empty()) return;
    Chunk& c = *chunks_.back();  // full (no spare room) or not shared
    c.shrink_to_fit();
    ptrs_.back() = c.data();
  }

  // Bytes of the elements themselves.
  size_t contentBytes() const { return size_ * sizeof(T); }
  // Bytes allocated, spare capacity and the chunk table included.
  size_t allocatedBytes() const {
    size_t bytes = chunks_.capacity() * sizeof(chunks_[0]) + ptrs_.capacity() * sizeof(ptrs_[0]);
    for (const auto& c : chunks_) bytes += c->capacity() * sizeof(T);
    return bytes;
  }
  // How many leading elements this and o have in common: a chunk both share
  // counts whole without reading it.
  size_t commonPrefix(const SharedChunks& o) const {
    const size_t chunks = std::min(chunks_.size(), o.chunks_.size());
    size_t i = 0;
    for (size_t c = 0; c < chunks; ++c) {
      if (chunks_[c] == o.chunks_[c]) {
        i = std::min({(c + 1) << Shift, size_, o.size_});
        continue;
      }
      const size_t end = std::min({(c + 1) << Shift, size_, o.size_});
      while (i < end && ptrs_[c][i & kMask] == o.ptrs_[c][i & kMask]) ++i;
      return i;
    }
    return i;
  }
  // Bytes of the chunk table alone (the chunks are counted by forEachChunk).
  size_t tableBytes() const { return chunks_.capacity() * sizeof(chunks_[0]) + ptrs_.capacity() * sizeof(ptrs_[0]); }

  // f(identity, content bytes) for every chunk: what copies share has one identity.
  template <typename F>
  void forEachChunk(F&& f) const {
    for (const auto& c : chunks_) f(static_cast<const void*>(c.get()), c->size() * sizeof(T));
  }

 private:
  // Full chunks are large and all of one size: LargeAllocator packs them in
  // huge-page regions.
  using Chunk = std::vector<T, LargeAllocator<T>>;
  std::vector<std::shared_ptr<Chunk>> chunks_;
  std::vector<T*> ptrs_;  // chunks_[k]->data(), for indexing without a double indirection
  size_t size_ = 0;
};

}  // namespace radeau

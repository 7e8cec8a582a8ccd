// A vector whose copies share one buffer until one of them changes (copy on
// write). ClusterState keeps its long vectors (logs, write statuses, the write
// index, findings) in these: a seek hands out a copy of the projection's
// cached state, and copying ten million events' worth of logs (~1 MB) was a
// third of a seek (issue 19). A copy is now a reference count; whichever side
// changes first pays for its own buffer, once.
//
// Reading never copies: const access reads the shared buffer, and
// `const std::vector<T>&` is available for code that takes one. Any non-const
// access (operator[], back(), begin(), data(), push_back, ...) first makes the
// buffer this object's own. So a reference obtained from a non-const
// CowVector must not outlive a copy of it being made.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace radeau {

template <typename T>
class CowVector {
 public:
  using value_type = T;
  using size_type = size_t;
  using iterator = typename std::vector<T>::iterator;
  using const_iterator = typename std::vector<T>::const_iterator;

  CowVector() = default;
  CowVector(std::initializer_list<T> init) : p_(std::make_shared<std::vector<T>>(init)) {}
  explicit CowVector(std::vector<T> v) : p_(std::make_shared<std::vector<T>>(std::move(v))) {}
  CowVector& operator=(std::vector<T> v) {
    if (p_ && p_.use_count() == 1) *p_ = std::move(v);
    else p_ = std::make_shared<std::vector<T>>(std::move(v));
    return *this;
  }

  CowVector& operator=(std::initializer_list<T> init) { return *this = std::vector<T>(init); }

  // Reading.
  const std::vector<T>& vec() const { return p_ ? *p_ : none(); }
  operator const std::vector<T>&() const { return vec(); }  // NOLINT: reads like the vector it was
  size_t size() const { return p_ ? p_->size() : 0; }
  bool empty() const { return size() == 0; }
  size_t capacity() const { return p_ ? p_->capacity() : 0; }
  const T& operator[](size_t i) const { return (*p_)[i]; }
  const T& back() const { return p_->back(); }
  const T& front() const { return p_->front(); }
  const T* data() const { return p_ ? p_->data() : nullptr; }
  const_iterator begin() const { return vec().begin(); }
  const_iterator end() const { return vec().end(); }
  const_iterator cbegin() const { return vec().begin(); }
  const_iterator cend() const { return vec().end(); }
  // Whether two copies still share one buffer (the test of this file).
  bool sharesWith(const CowVector& o) const { return p_ && p_ == o.p_; }

  // Changing: the buffer becomes this object's own first.
  std::vector<T>& mut() {
    if (!p_) p_ = std::make_shared<std::vector<T>>();
    else if (p_.use_count() != 1) p_ = std::make_shared<std::vector<T>>(*p_);
    return *p_;
  }
  // The contents as a plain vector, this one left empty: moved out when not
  // shared, else its first `prefix` elements copied (all by default).
  std::vector<T> take(size_t prefix = size_t(-1)) {
    if (!p_) return {};
    std::vector<T> v;
    if (p_.use_count() == 1) v = std::move(*p_);
    else v.assign(p_->begin(), p_->begin() + std::min(prefix, p_->size()));
    p_.reset();
    return v;
  }
  T& operator[](size_t i) { return mut()[i]; }
  T& back() { return mut().back(); }
  T& front() { return mut().front(); }
  T* data() { return mut().data(); }
  iterator begin() { return mut().begin(); }
  iterator end() { return mut().end(); }
  void push_back(const T& v) { mut().push_back(v); }
  void push_back(T&& v) { mut().push_back(std::move(v)); }
  template <typename... A>
  T& emplace_back(A&&... a) { return mut().emplace_back(std::forward<A>(a)...); }
  void pop_back() { mut().pop_back(); }
  void resize(size_t n) {
    if (n != size()) mut().resize(n);
  }
  void resize(size_t n, const T& v) {
    if (n != size()) mut().resize(n, v);
  }
  void reserve(size_t n) {
    if (n > capacity()) mut().reserve(n);
  }
  void clear() {
    if (p_ && p_.use_count() == 1) p_->clear();
    else p_.reset();
  }
  template <typename It>
  void assign(It first, It last) { mut().assign(first, last); }
  void assign(size_t n, const T& v) { mut().assign(n, v); }
  template <typename... A>
  iterator insert(A&&... a) { return mut().insert(std::forward<A>(a)...); }
  template <typename... A>
  iterator erase(A&&... a) { return mut().erase(std::forward<A>(a)...); }

  bool operator==(const CowVector& o) const { return p_ == o.p_ || vec() == o.vec(); }
  bool operator==(const std::vector<T>& o) const { return vec() == o; }

 private:
  static const std::vector<T>& none() {
    static const std::vector<T> e;
    return e;
  }
  std::shared_ptr<std::vector<T>> p_;
};

}  // namespace radeau

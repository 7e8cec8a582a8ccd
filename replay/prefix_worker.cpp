#include "replay/prefix_worker.h"

#include <utility>

namespace radeau {

PrefixWorker::PrefixWorker(Work work) : work_(std::move(work)), thread_([this] { loop(); }) {}

PrefixWorker::~PrefixWorker() { stop(); }

void PrefixWorker::offer(const Journal& j) {
  auto prefix = std::make_shared<const Journal>(Journal::sharePrefix(j, j.size(), j.carriedSize(), j.writes().size()));
  {
    std::lock_guard lock(mutex_);
    latest_ = std::move(prefix);
  }
  wake_.notify_one();
}

void PrefixWorker::finish() {
  stop();
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void PrefixWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void PrefixWorker::loop() {
  try {
    for (;;) {
      std::shared_ptr<const Journal> j;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return latest_ || done_; });
        if (!latest_) return;  // done, and nothing left
        j = std::move(latest_);
      }
      work_(std::move(j));
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    failure_ = std::current_exception();
  }
}

}  // namespace radeau

// A second thread that works on a journal while this one is still building
// it (record packs the events simulated so far, loadRun builds the
// checkpoints of the events decoded so far). It is handed prefixes of the
// journal that share its full chunks: nothing it reads is written again,
// and a prefix costs the copy of the last, partly filled chunks only.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/journal.h"

namespace radeau {

class PrefixWorker {
 public:
  // `work` runs on the second thread, once per prefix it takes, in order.
  using Work = std::function<void(std::shared_ptr<const Journal>)>;
  explicit PrefixWorker(Work work);
  ~PrefixWorker();  // as finish(), but what work threw is dropped
  PrefixWorker(const PrefixWorker&) = delete;
  PrefixWorker& operator=(const PrefixWorker&) = delete;

  // Hands over `j` as it is now; a longer prefix replaces one not taken yet.
  void offer(const Journal& j);
  // Waits until the last prefix offered has been worked on; rethrows what work threw.
  void finish();

 private:
  void loop();
  void stop();

  Work work_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::shared_ptr<const Journal> latest_;
  bool done_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace radeau

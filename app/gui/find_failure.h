// "Find a failure for these rules…" (issue 16): the window's face of
// core/find.h. It searches under the concepts at the playhead and the run's
// node count in a worker QThread (both searches, as the command line's
// default: the small schedules first, then random ones), with a progress
// dialog and Cancel, then opens the shrunk run as a new document, titled and
// commented in the window's language, paused just before the finding, with
// a caption naming it. Cancelling (or finding nothing) leaves the document
// untouched.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <memory>

#include "core/find.h"

class QProgressDialog;
class QThread;
class QTimer;

namespace radeau {
class Run;
}

namespace radeau::gui {

class MainWindow;

class FindFailure : public QObject {
  Q_OBJECT
 public:
  explicit FindFailure(MainWindow* window);
  ~FindFailure() override;  // cancels and waits for a search under way

  // Wall-time budget of one search (the command line's default: 30 s).
  void setBudgetSeconds(double seconds) { budget_s_ = seconds; }
  bool running() const { return thread_ != nullptr; }
  QProgressDialog* progressDialog() const;  // while running
  uint64_t attemptsSoFar() const { return attempts_.load(); }

 public slots:
  // Asks to keep unsaved work first (the result replaces the document).
  void start();
  void cancel();

 signals:
  // The search ended: found (and opened), nothing found, or cancelled.
  void finished(bool found);

 private:
  void poll();
  void done();
  void open(const FindResult& result, const std::string& spec);

  MainWindow* window_;
  double budget_s_ = 30.0;
  QThread* thread_ = nullptr;
  QPointer<QProgressDialog> dialog_;
  QTimer* poll_timer_;
  QElapsedTimer started_;
  std::atomic<bool> cancel_{false};
  std::atomic<uint64_t> attempts_{0};
  std::atomic<uint64_t> shrink_steps_{0};
  std::atomic<bool> shrinking_{false};
  std::atomic<int> systematic_depth_{0};  // the depth of the small schedules tried last
  std::atomic<bool> random_{false};       // random schedules tried too
  std::unique_ptr<FindResult> result_;  // written by the worker, read after it ended
  std::string spec_;
  const Run* shown_ = nullptr;  // the run this caption belongs to
};

}  // namespace radeau::gui

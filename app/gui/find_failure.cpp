#include "app/gui/find_failure.h"

#include <QProgressBar>
#include <QProgressDialog>
#include <QStatusBar>
#include <QThread>
#include <QTimer>
#include <cstdlib>
#include <limits>

#include "app/gui/main_window.h"
#include "app/render/language.h"
#include "core/finding_names.h"
#include "core/format.h"
#include "replay/playhead.h"
#include "replay/run.h"

namespace radeau::gui {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
constexpr int kPollMs = 100;
}  // namespace

FindFailure::FindFailure(MainWindow* window) : QObject(window), window_(window), poll_timer_(new QTimer(this)) {
  poll_timer_->setInterval(kPollMs);
  connect(poll_timer_, &QTimer::timeout, this, &FindFailure::poll);
  // The caption names the finding of the run it opened: another document takes it away.
  connect(window_->playhead(), &Playhead::branchesChanged, this, [this] {
    if (shown_ && window_->run() != shown_) {
      shown_ = nullptr;
      window_->setCaption(QString());
    }
  });
}

FindFailure::~FindFailure() {
  if (thread_) {
    cancel_ = true;
    thread_->wait();
    delete thread_;
  }
}

QProgressDialog* FindFailure::progressDialog() const { return dialog_; }

void FindFailure::start() {
  if (thread_) return;
  window_->playhead()->pause();
  if (!window_->maybeDiscard()) return;  // the result replaces the document
  // The rules at the playhead (a flag just unticked counts) and the run's nodes.
  const Frame& f = window_->frame();
  Concepts concepts = Concepts::full();
  int nodes = 5;
  if (f.valid()) {
    concepts = f.state.concepts;
    nodes = f.state.node_count;
  } else if (window_->run()) {
    concepts = window_->run()->config().concepts;
    nodes = window_->run()->config().nodeCount();
  }
  spec_ = rulesSpec(concepts);
  FindOptions o;
  o.soak.nodes = nodes;
  o.soak.concepts = concepts;
  o.seed = 1;  // the same rules give the same story: rehearsed, it is the one shown
  o.max_attempts = std::numeric_limits<uint64_t>::max();
  o.max_seconds = budget_s_;
  o.cancel = &cancel_;
  o.progress = [this](const std::string& phase, uint64_t done, uint64_t) {
    static const std::string systematic = "systematic depth ";
    if (phase == "shrink") {
      shrinking_ = true;
      shrink_steps_ = done;
      return;
    }
    attempts_ = done;
    if (phase.rfind(systematic, 0) == 0)
      systematic_depth_ = std::atoi(phase.c_str() + systematic.size());
    else
      random_ = true;
  };
  cancel_ = false;
  attempts_ = 0;
  shrink_steps_ = 0;
  shrinking_ = false;
  systematic_depth_ = 0;
  random_ = false;
  result_.reset();

  const QString rules =
      removedRules(concepts).empty() ? tr("full Raft") : tr("without %1").arg(qs(removedRules(concepts)));
  // The bar counts the budget's seconds: the presenter sees how long at most.
  dialog_ = new QProgressDialog(tr("Searching for a failure (%1)…").arg(rules), tr("Cancel"), 0,
                                std::max(1, int(budget_s_ + 0.5)), window_);
  auto* bar = new QProgressBar(dialog_);
  bar->setFormat(tr("%v s of %m s"));
  dialog_->setBar(bar);  // a new bar: the range again
  dialog_->setRange(0, std::max(1, int(budget_s_ + 0.5)));
  dialog_->setObjectName(QStringLiteral("findFailureProgress"));
  dialog_->setWindowTitle(tr("Find a failure"));
  dialog_->setWindowModality(Qt::WindowModal);
  dialog_->setAutoClose(false);
  dialog_->setAutoReset(false);
  dialog_->setMinimumDuration(0);
  dialog_->setValue(0);
  connect(dialog_, &QProgressDialog::canceled, this, &FindFailure::cancel);
  dialog_->show();

  thread_ = QThread::create([this, o] { result_ = std::make_unique<FindResult>(findFailure(o)); });
  thread_->setObjectName(QStringLiteral("findFailure"));
  connect(thread_, &QThread::finished, this, &FindFailure::done);  // queued: the thread object lives here
  started_.start();
  poll_timer_->start();
  thread_->start();
}

void FindFailure::cancel() {
  cancel_ = true;
  if (dialog_) dialog_->setLabelText(tr("Cancelling…"));
}

void FindFailure::poll() {
  if (!dialog_ || cancel_) return;
  if (shrinking_) {
    dialog_->setLabelText(tr("Failure found: shortening it (%n run(s))…", nullptr, int(shrink_steps_.load())));
    dialog_->setRange(0, 0);  // busy: the shrinker has no known end
    return;
  }
  // Which search: every small schedule first, then random ones in turn with deeper small ones.
  const QString phase = random_ ? tr("small schedules of up to %n choice(s) and random ones", nullptr,
                                     systematic_depth_.load())
                                : tr("every small schedule of %n choice(s)", nullptr, systematic_depth_.load());
  dialog_->setLabelText(tr("Searching for a failure: %n schedule(s) tried…", nullptr, int(attempts_.load())) +
                        QStringLiteral("\n") + phase);
  dialog_->setValue(std::min(dialog_->maximum(), int(started_.elapsed() / 1000)));
}

void FindFailure::done() {
  poll_timer_->stop();
  thread_->wait();
  thread_->deleteLater();
  thread_ = nullptr;
  if (dialog_) {
    dialog_->hide();
    dialog_->deleteLater();
  }
  std::unique_ptr<FindResult> r = std::move(result_);
  const bool cancelled = cancel_ || !r || r->cancelled;
  if (cancelled) {
    window_->statusBar()->showMessage(tr("Search cancelled: the run is unchanged."), 6000);
    emit finished(false);
    return;
  }
  if (!r->found) {
    window_->statusBar()->showMessage(
        tr("No failure found under these rules: %n schedule(s) in %1 s.", nullptr, int(r->attempts))
            .arg(r->search_seconds, 0, 'f', 1));
    emit finished(false);
    return;
  }
  open(*r, spec_);
  emit finished(true);
}

void FindFailure::open(const FindResult& r, const std::string& spec) {
  // Title and comments in the window's language (the script's keywords stay English).
  if (!window_->loadScenarioText(qs(findScript(r, spec, language())), QStringLiteral("found.radeau-script"))) return;
  const Run* run = window_->run();
  const Journal& journal = run->journal(0);
  for (Seq s = 0; s < journal.size(); ++s) {
    const Event& e = journal[s];
    if (e.kind != EventKind::Finding || e.findingKind() != r.kind) continue;
    // Just before the finding: Space (or Step) shows it happen.
    window_->playhead()->pause();
    window_->playhead()->seek(std::max<Time>(0, e.time_us - 1));
    const std::string rules = removedRules(run->config().concepts);
    const QString words = qs(EventFormatter(run->config(), journal, language()).finding(e));
    window_->setCaption(tr("<b>Without %1: %2</b> — %3")
                            .arg(rules.empty() ? tr("no rule") : qs(rules).toHtmlEscaped(),
                                 qs(std::string(findingKindName(r.kind))), words.toHtmlEscaped()));
    shown_ = run;
    break;
  }
  const QString by = r.strategy == FindStrategy::Systematic
                         ? tr("Found by the systematic search after %n schedule(s)", nullptr, int(r.attempts))
                         : tr("Found by the random search after %n schedule(s)", nullptr, int(r.attempts));
  window_->statusBar()->showMessage(
      tr("%1, shortened from %2 to %3 actions (%4 nodes); paused just before the finding (Space plays).")
          .arg(by)
          .arg(r.original_actions)
          .arg(r.run.actions.size())
          .arg(r.run.config.nodeCount()));
}

}  // namespace radeau::gui

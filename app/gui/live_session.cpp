#include "app/gui/live_session.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

#include "app/gui/document.h"
#include "app/gui/main_window.h"
#include "app/render/language.h"
#include "app/render/theme.h"
#include "app/live/live_cluster.h"
#include "core/format.h"

namespace radeau::gui {

namespace {
// Closer to the cluster's now than this, the playhead is "at the head": acting
// there goes to the processes.
constexpr Time kHeadSlackUs = 500'000;
constexpr Time kRealTimeUsPerWallSecond = 1'000'000;
constexpr int kPulseMs = 200;

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }
}  // namespace

LiveSession::LiveSession(MainWindow* window) : QObject(window), w_(window) {
  start_action_ = new QAction(tr("&Live cluster (real processes)…"), w_);
  start_action_->setObjectName(QStringLiteral("liveCluster"));
  start_action_->setToolTip(tr("Start radeau-node processes on this computer and watch them"));
  connect(start_action_, &QAction::triggered, this, [this] {
    if (!w_->maybeDiscard()) return;
    LiveClusterDialog d(w_);
    if (d.exec() == QDialog::Accepted) start(d.choice());
  });
  w_->addAction(start_action_);

  freeze_action_ = new QAction(tr("&Freeze the live cluster"), w_);
  freeze_action_->setObjectName(QStringLiteral("freeze"));
  freeze_action_->setCheckable(true);
  freeze_action_->setEnabled(false);
  freeze_action_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F));  // F alone is the talk's full screen
  freeze_action_->setShortcutContext(Qt::WindowShortcut);
  freeze_action_->setIconText(tr("Freeze (Shift+F)"));
  freeze_action_->setToolTip(tr("Pause every node's clock: timers stop, messages wait"));
  connect(freeze_action_, &QAction::toggled, this, &LiveSession::setFrozen);
  w_->addAction(freeze_action_);

  badge_ = new QLabel;
  badge_->setObjectName(QStringLiteral("liveBadge"));
  badge_->setFont(Theme::font(TextRole::Body, true));
  badge_->setContentsMargins(12, 2, 12, 2);
  if (auto* tb = w_->findChild<QToolBar*>(QStringLiteral("mainToolBar"))) {
    tb->addSeparator();
    tb->addAction(freeze_action_);
    badge_action_ = tb->addWidget(badge_);
    badge_action_->setVisible(false);
  }

  // End ▶| on a live cluster: back to now, following the head again.
  if (QAction* end = w_->action(QStringLiteral("toEnd")))
    connect(end, &QAction::triggered, this, [this] {
      if (!active() || cluster_->frozen()) return;
      w_->run()->follow(0, cluster_->journal(), cluster_->nowUs());
      w_->playhead()->seek(cluster_->nowUs());
      w_->playhead()->play();
      updateBadge();
    });

  pulse_ = new QTimer(this);
  pulse_->setInterval(kPulseMs);
  connect(pulse_, &QTimer::timeout, this, [this] {
    if (!active()) return;
    // The run's end is the cluster's now even while the view is paused.
    w_->run()->follow(0, cluster_->journal(), cluster_->nowUs());
    if (!w_->playhead()->playing()) w_->refresh();
    updateBadge();
  });
}

LiveSession::~LiveSession() {
  // The window is being destroyed: only the processes matter now.
  if (cluster_) {
    cluster_->disconnect(this);
    cluster_->stop();
  }
}

bool LiveSession::active() const { return cluster_ && cluster_->running() && w_->run() && w_->run()->followed(0); }

bool LiveSession::atHead() const {
  return active() && w_->playhead()->branch() == 0 && w_->playhead()->time() >= cluster_->nowUs() - kHeadSlackUs;
}

void LiveSession::status(const QString& text, int ms) { w_->statusBar()->showMessage(text, ms); }

bool LiveSession::start(const Choice& choice) {
  documentReplaced();
  auto cluster = std::make_unique<live::LiveCluster>();
  live::LiveCluster::Options o;
  o.nodes = choice.nodes;
  o.spares = choice.spares;
  o.concepts = choice.concepts;
  if (choice.presentation_pace) o.timing = live::LiveCluster::presentationPace();
  QString error;
  if (!cluster->start(o, &error)) {
    w_->fail(tr("Cannot start the live cluster"), error);
    return false;
  }
  cluster_ = std::move(cluster);
  connect(cluster_.get(), &live::LiveCluster::eventsAppended, this, &LiveSession::appended);
  connect(cluster_.get(), &live::LiveCluster::nodeStarted, this, &LiveSession::updateBadge);
  connect(cluster_.get(), &live::LiveCluster::nodeExited, this, &LiveSession::updateBadge);
  connect(cluster_.get(), &live::LiveCluster::problem, this, [this](const QString& text) { status(text, 8000); });
  // What a restarted process found in its files, in its own words.
  connect(cluster_.get(), &live::LiveCluster::nodeLogLine, this, [this](int node, const QString& line) {
    if (line.contains(QStringLiteral("recovered term")) && restarting_.erase(node))
      status(tr("%1 restarted: %2").arg(w_->nodeName(NodeId(node)), line.section(QStringLiteral(": "), 1)), 6000);
  });
  connect(cluster_.get(), &live::LiveCluster::writeAnswered, this, [this](qint64 id, bool ok, const QString& detail) {
    auto it = writes_.find(id);
    if (it == writes_.end()) return;
    const auto [node, text] = it->second;
    writes_.erase(it);
    last_answer_ = ok ? tr("Write “%1” to %2: acknowledged (%3)").arg(text, w_->nodeName(NodeId(node)), detail)
                      : tr("Write “%1” to %2: refused (%3)").arg(text, w_->nodeName(NodeId(node)), detail);
    status(last_answer_, 8000);
    emit writeAnswered(ok, last_answer_);
  });
  connect(cluster_.get(), &live::LiveCluster::membershipAnswered, this,
          [this](int node, bool add, bool ok, quint32 event) {
            const QString name = w_->nodeName(NodeId(node));
            const Journal& j = cluster_->journal();
            if (ok)
              last_answer_ = add ? tr("%1 is in the configuration (committed): it catches up from the leader and counts in its majority").arg(name)
                                 : tr("%1 is out of the configuration (committed): its process is stopped").arg(name);
            else if (event < j.size())  // the refusal in the window's language, as the journal panel says it
              last_answer_ = QString::fromStdString(EventFormatter(cluster_->config(), j, language()).text(j[event]));
            else
              last_answer_ = tr("%1: its process did not start").arg(name);
            status(last_answer_, 8000);
          });
  connect(cluster_.get(), &live::LiveCluster::readAnswered, this,
          [this](qint64 id, bool ok, const QString& value, const QString& detail) {
            auto it = reads_.find(id);
            if (it == reads_.end()) return;
            const auto [node, key] = it->second;
            reads_.erase(it);
            if (!ok)
              last_answer_ = tr("Read “%1” at %2: refused (%3)").arg(key, w_->nodeName(NodeId(node)), detail);
            else if (value.isEmpty())
              last_answer_ = tr("Read “%1” at %2: never written (%3)").arg(key, w_->nodeName(NodeId(node)), detail);
            else
              last_answer_ = tr("Read “%1” at %2: “%3” (%4)").arg(key, w_->nodeName(NodeId(node)), value, detail);
            status(last_answer_, 8000);
            emit readAnswered(ok, last_answer_);
          });

  // A run of one stored branch that mirrors the merged journal as it grows.
  Branch live;
  live.name = "live";
  std::vector<Journal> journals(1);
  auto run = std::make_unique<Run>(cluster_->config(), std::vector<Action>{}, 0, std::vector<Branch>{live},
                                   std::move(journals));
  run->follow(0, cluster_->journal(), cluster_->nowUs());
  installing_ = true;
  w_->setRun(std::move(run), true, QString(), choice.title.isEmpty() ? tr("Live cluster") : choice.title);
  installing_ = false;
  w_->document()->setDirty(true);  // what the processes do is unsaved work
  w_->playhead()->setTimeScale(kRealTimeUsPerWallSecond);
  w_->playhead()->setSpeed(1.0);
  w_->playhead()->play();
  freeze_action_->setEnabled(true);
  pulse_->start();
  updateBadge();
  status(tr("Live cluster: %1 radeau-node processes on 127.0.0.1, shown at real time").arg(choice.nodes), 8000);
  return true;
}

void LiveSession::stop() {
  pulse_->stop();
  if (cluster_) {
    if (w_->run() && cluster_->running() && w_->run()->followed(0)) {
      w_->run()->follow(0, cluster_->journal(), cluster_->nowUs());
      w_->run()->unfollow(0);
    }
    cluster_->disconnect(this);
    cluster_->stop();
  }
  writes_.clear();
  restarting_.clear();
  QSignalBlocker block(freeze_action_);
  freeze_action_->setChecked(false);
  freeze_action_->setEnabled(false);
  updateBadge();
}

void LiveSession::documentReplaced() {
  if (installing_ || !cluster_) return;
  stop();
  cluster_.reset();
  w_->playhead()->setTimeScale(Playhead::kVirtualUsPerWallSecond);
  updateBadge();
}

void LiveSession::continueInSimulation() {
  if (!active()) return;
  stop();
  status(tr("The live cluster is stopped: from here on the run continues in simulation"), 8000);
  updateBadge();
}

void LiveSession::appended() {
  if (!active()) return;
  w_->run()->follow(0, cluster_->journal(), 0);
  w_->document()->setDirty(true);  // recorded since the last save: unsaved again
}

void LiveSession::setFrozen(bool on) {
  if (!active()) return;
  bool following = atHead();
  cluster_->setFrozen(on);
  if (on) {
    w_->playhead()->pause();
    status(tr("Frozen: every node's clock is paused (Shift+F again to resume)"));
  } else {
    if (following) w_->playhead()->play();
    status(tr("Resumed"));
  }
  updateBadge();
}

void LiveSession::updateBadge() {
  if (!badge_action_) return;
  if (!cluster_) {
    badge_action_->setVisible(false);
    return;
  }
  QString text;
  QColor bg = Theme::current().danger(), fg = Qt::white;
  if (!active()) {
    text = tr("recorded live · processes stopped");
    bg = QColor(0x5A, 0x60, 0x6B);
  } else {
    // Out of the configuration and stopped (a spare, a removed node): not missing.
    int up = 0, expected = 0;
    const uint16_t members = cluster_->members();
    for (int i = 0; i < cluster_->nodeCount(); ++i) {
      up += cluster_->isUp(i) ? 1 : 0;
      expected += cluster_->isUp(i) || ((members >> i) & 1u) ? 1 : 0;
    }
    text = up == expected ? tr("● LIVE · %1 processes").arg(up)
                          : tr("● LIVE · %1 of %2 processes up").arg(up).arg(expected);
    if (cluster_->frozen()) {
      text += tr(" · FROZEN");
      bg = QColor(0x00, 0x72, 0xB2);
    } else if (!atHead()) {
      text += tr(" · view in the past, still recording");
      bg = Theme::current().warning();
      fg = Theme::current().onWarning();  // dark on orange in both schemes
    }
  }
  badge_->setText(text);
  badge_->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 6px; }")
                            .arg(bg.name(), fg.name()));
  badge_action_->setVisible(true);
}

bool LiveSession::intercept(const Action& a) {
  if (!active()) return false;
  if (!atHead()) {
    const QString why = tr("This instant is in the past of a real cluster: its processes cannot go back in time.");
    bool go = true;
    if (w_->interactive()) {
      go = QMessageBox::question(w_, tr("Live cluster"),
                                 why + QStringLiteral("\n\n") +
                                     tr("Continue in simulation from here? The processes are stopped; the live run "
                                        "stays, and a simulated branch starts at this instant."),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    }
    if (!go) {
      status(why + tr(" Press End to act on the live cluster."), 8000);
      return true;
    }
    continueInSimulation();
    return false;  // the window forks a simulated branch at the playhead
  }
  auto& c = *cluster_;
  const int n = int(a.node);
  switch (a.kind) {
    case ActionKind::Write: {
      QString text = QString::fromStdString(a.text);
      qint64 id = c.clientWrite(n, text);
      if (id < 0) {
        last_answer_ = tr("Write “%1” to %2: refused (its client port is not connected)").arg(text, w_->nodeName(a.node));
        status(last_answer_);
        emit writeAnswered(false, last_answer_);
      } else {
        writes_[id] = {n, text};
        status(tr("Write “%1” sent to %2…").arg(text, w_->nodeName(a.node)));
      }
      break;
    }
    case ActionKind::Read: {
      QString key = QString::fromStdString(a.text);
      qint64 id = c.clientRead(n, key);
      if (id < 0) {
        last_answer_ = tr("Read “%1” at %2: refused (its client port is not connected)").arg(key, w_->nodeName(a.node));
        status(last_answer_);
        emit readAnswered(false, last_answer_);
      } else {
        reads_[id] = {n, key};
        status(tr("Read “%1” sent to %2…").arg(key, w_->nodeName(a.node)));
      }
      break;
    }
    case ActionKind::Crash:
      if (c.crash(n)) status(tr("%1: process killed (SIGKILL)").arg(w_->nodeName(a.node)));
      break;
    case ActionKind::Restart:
      if (c.restart(n)) {
        restarting_.insert(n);
        status(tr("%1: process restarted on its files").arg(w_->nodeName(a.node)));
      }
      break;
    case ActionKind::Cut: c.cut(n, int(a.peer)); break;
    case ActionKind::Heal: c.heal(n, int(a.peer)); break;
    case ActionKind::Isolate: c.isolate(n); break;
    case ActionKind::Partition: c.partition(a.groups); break;
    case ActionKind::HealAll: c.healAll(); break;
    case ActionKind::Timeout: c.forceTimeout(n); break;
    case ActionKind::AddNodes:
    case ActionKind::RemoveNodes: {
      // One node at a time from the window's menu; the leader decides.
      const bool add = a.kind == ActionKind::AddNodes;
      for (const auto& g : a.groups)
        for (NodeId x : g) {
          if (!(add ? c.addNode(int(x)) : c.removeNode(int(x)))) continue;
          status(add ? tr("Adding %1: its process starts, then the leader is asked to add it…").arg(w_->nodeName(x))
                     : tr("Removing %1: the leader is asked; its process stops once the change commits…").arg(w_->nodeName(x)));
        }
      break;
    }
    default:
      status(tr("Not possible on a live cluster (real processes): only in simulation"));
      return true;
  }
  w_->document()->setDirty(true);
  // What was just done happened now: the view jumps there (it was within the slack).
  w_->run()->follow(0, c.journal(), c.nowUs());
  w_->playhead()->seek(c.nowUs());
  w_->refresh();
  updateBadge();
  return true;
}

// --- dialog ----------------------------------------------------------------------

LiveClusterDialog::LiveClusterDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Live cluster"));
  setFont(Theme::font(TextRole::Body));
  auto* form = new QFormLayout(this);
  auto* intro = new QLabel(tr("Starts one radeau-node process per node on this computer (127.0.0.1).\n"
                              "Crashes are real (SIGKILL), restarts recover from the node's files."));
  intro->setWordWrap(true);
  form->addRow(intro);
  nodes_ = new QSpinBox;
  nodes_->setObjectName(QStringLiteral("nodes"));
  nodes_->setRange(3, 7);
  nodes_->setValue(3);
  form->addRow(tr("&Nodes:"), nodes_);
  // Spares (rung 16): named now, started when Cluster › Add to the configuration asks.
  spares_ = new QSpinBox;
  spares_->setObjectName(QStringLiteral("spares"));
  spares_->setRange(0, 2);
  spares_->setValue(0);
  spares_->setToolTip(tr("Nodes outside the configuration, without a process until you add them (Cluster menu)"));
  form->addRow(tr("S&pare nodes:"), spares_);
  rules_ = new QComboBox;
  rules_->addItem(tr("Full Raft"), -1);
  for (const Chapter& ch : chapters())
    rules_->addItem(tr("Chapter %1: %2").arg(ch.number).arg(qs(ch.title)), ch.number);
  form->addRow(tr("&Rules:"), rules_);
  // A chapter suggests its own cluster size (within what a live cluster allows).
  connect(rules_, &QComboBox::currentIndexChanged, this, [this](int) {
    for (const Chapter& ch : chapters())
      if (ch.number == rules_->currentData().toInt()) nodes_->setValue(std::clamp(ch.node_count, 3, 7));
  });
  pace_ = new QCheckBox(tr("Presentation pace: heartbeat 0.5 s, election timeout 1.5–3 s, messages 150–300 ms"));
  pace_->setChecked(true);
  form->addRow(pace_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

LiveSession::Choice LiveClusterDialog::choice() const {
  LiveSession::Choice c;
  c.nodes = nodes_->value();
  c.spares = spares_->value();
  c.presentation_pace = pace_->isChecked();
  int number = rules_->currentData().toInt();
  for (const Chapter& ch : chapters())
    if (ch.number == number) c.concepts = ch.concepts;
  return c;
}

}  // namespace radeau::gui

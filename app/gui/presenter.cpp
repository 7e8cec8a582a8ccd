#include "app/gui/presenter.h"

#include <QAction>
#include <QGuiApplication>
#include <QLabel>
#include <QScreen>
#include <QMenu>
#include <QMenuBar>
#include <QVBoxLayout>
#include <QWidget>

#include "app/gui/main_window.h"
#include "app/gui/stage_view.h"
#include "app/render/theme.h"

namespace radeau::gui {

namespace {
// The window's own keys that a clicker sends: in a talk they drive the talk.
const char* kTakenOver[] = {"play", "stepBack", "stepForward", "previousNotable", "nextNotable", "read"};  // R: replay
}  // namespace

PresenterMode::PresenterMode(MainWindow* window, Language language)
    : QObject(window), window_(window), language_(language) {
  player_ = new TalkPlayer(window->playhead(), this, [this](std::unique_ptr<Run> run) {
    const TalkStep* s = player_->current() >= 0 ? player_->step() : nullptr;
    window_->showTalkStep(std::move(run), s ? text(s->title) : QString());
  });
  connect(player_, &TalkPlayer::stepChanged, this, &PresenterMode::showStep);
  connect(player_, &TalkPlayer::paused, this, &PresenterMode::showPause);
  connect(player_, &TalkPlayer::paceChanged, this, &PresenterMode::showPace);
  connect(player_, &TalkPlayer::rewound, this, [this] { showStep(player_->current()); });
  connect(window->playhead(), &Playhead::moved, this, &PresenterMode::updateLive);

  for (const char* name : kTakenOver)
    if (QAction* a = window->action(QString::fromLatin1(name))) {
      taken_over_.push_back({a, a->shortcuts()});  // given back if the talk is closed
      a->setShortcuts({});
    }
  auto add = [this](const QString& name, QList<QKeySequence> keys, auto slot) {
    auto* a = new QAction(name, window_);
    a->setObjectName(name);
    a->setShortcuts(keys);
    a->setShortcutContext(Qt::ApplicationShortcut);  // from the notes window too
    connect(a, &QAction::triggered, this, slot);
    window_->addAction(a);
    return a;
  };
  add(QStringLiteral("talkNext"), {Qt::Key_PageDown, Qt::Key_Right, Qt::Key_Space}, [this] { player_->next(); });
  add(QStringLiteral("talkPrevious"), {Qt::Key_PageUp, Qt::Key_Left}, [this] { player_->previous(); });
  add(QStringLiteral("talkReplay"), {Qt::Key_R}, [this] { player_->replay(); });
  add(QStringLiteral("talkBlack"), {Qt::Key_B, Qt::Key_Period}, [this] { toggleBlack(); });
  add(QStringLiteral("talkFullScreen"), {Qt::Key_F}, [this] { toggleFullScreen(); });
  add(QStringLiteral("talkLeaveFullScreen"), {Qt::Key_Escape}, [this] { leaveFullScreen(); });
  back_to_prepared_ = add(QStringLiteral("talkBackToPrepared"), {Qt::Key_Backspace}, [this] { backToPreparedRun(); });
  back_to_prepared_->setText(tr("Back to the prepared run"));

  black_ = new QWidget(window_);
  black_->setObjectName(QStringLiteral("blackScreen"));
  black_->setStyleSheet(QStringLiteral("background: black;"));
  black_->hide();

  // The pace, over the scene's top right corner: the room must know when
  // time runs faster (or slower) than it looks.
  pace_ = new QLabel(window_);
  pace_->setObjectName(QStringLiteral("talkPace"));
  pace_->setFont(Theme::font(TextRole::Banner, true));
  pace_->setStyleSheet(QStringLiteral("background: rgba(0, 0, 0, 150); color: white; border-radius: 8px; padding: 4px 14px;"));
  pace_->setAttribute(Qt::WA_TransparentForMouseEvents);
  pace_->hide();

  // Off script: the room must know the screen no longer follows the prepared story.
  live_ = new QLabel(tr("●  LIVE — off script"), window_);
  live_->setObjectName(QStringLiteral("talkLive"));
  live_->setFont(Theme::font(TextRole::Banner, true));
  live_->setStyleSheet(QStringLiteral("background: #c62828; color: white; border-radius: 8px; padding: 4px 14px;"));
  live_->setAttribute(Qt::WA_TransparentForMouseEvents);
  live_->hide();

  notes_ = new QWidget(nullptr, Qt::Window);
  notes_->setObjectName(QStringLiteral("presenterNotes"));
  // A window of its own: it takes the scheme's palette itself, now and on every switch.
  notes_->setPalette(Theme::current().palette());
  connect(window_, &MainWindow::schemeChanged, notes_, [this] { notes_->setPalette(Theme::current().palette()); });
  notes_->setWindowTitle(tr("Radeau — presenter notes"));
  auto* layout = new QVBoxLayout(notes_);
  notes_step_ = new QLabel;
  notes_step_->setFont(Theme::font(TextRole::Clock, true));
  notes_step_->setWordWrap(true);
  notes_text_ = new QLabel;
  notes_text_->setFont(Theme::font(TextRole::DialogChoice));
  notes_text_->setWordWrap(true);
  notes_text_->setAlignment(Qt::AlignLeft | Qt::AlignTop);  // read from the top, under the title
  notes_pause_ = new QLabel;
  notes_pause_->setObjectName(QStringLiteral("notesPause"));
  notes_pause_->setFont(Theme::font(TextRole::DialogChoice, true));
  notes_pause_->setWordWrap(true);
  notes_next_ = new QLabel;
  notes_next_->setFont(Theme::font(TextRole::Dialog));
  notes_next_->setWordWrap(true);
  notes_clock_ = new QLabel;
  notes_clock_->setFont(Theme::font(TextRole::Caption, true));
  layout->addWidget(notes_step_);
  layout->addWidget(notes_text_, 1);
  layout->addWidget(notes_pause_);
  layout->addWidget(notes_next_);
  layout->addWidget(notes_clock_);
  notes_->resize(800, 500);
  // The elapsed time ticks once a second, only while a talk is open.
  clock_.setInterval(1000);
  connect(&clock_, &QTimer::timeout, this, &PresenterMode::updateNotes);
}

PresenterMode::~PresenterMode() {
  delete notes_;
  delete steps_menu_.data();
  for (auto& [action, keys] : taken_over_)
    if (action) action->setShortcuts(keys);
}

bool PresenterMode::load(const QString& path, QString& error) {
  if (!player_->load(path, error)) return false;
  steps_menu_ = window_->menuBar()->addMenu(tr("&Talk"));
  steps_menu_->addAction(back_to_prepared_);
  steps_menu_->addSeparator();
  for (int i = 0; i < player_->stepCount(); ++i) {
    const TalkStep& s = player_->talk().steps[size_t(i)];
    QAction* a = steps_menu_->addAction(QStringLiteral("%1. %2").arg(i + 1).arg(text(s.title)));
    connect(a, &QAction::triggered, this, [this, i] {
      QString err;
      player_->open(i, err);
    });
  }
  elapsed_.start();
  clock_.start();
  window_->setTalkMode(true);
  window_->setStageLayout(true);
  placeNotes();
  notes_->show();
  showStep(player_->current());
  return true;
}

void PresenterMode::showPace(const QString& text) {
  pace_->setText(text);
  if (text.isEmpty()) return pace_->hide();
  pace_->adjustSize();
  const QWidget* c = window_->stageLayout() ? static_cast<QWidget*>(window_->stageView()) : window_->centralWidget();
  const QRect area = c ? QRect(c->mapTo(window_, QPoint(0, 0)), c->size()) : window_->rect();
  pace_->move(area.right() - pace_->width() - 16, area.top() + 16);
  pace_->show();
  if (black_->isVisible()) black_->raise();
  else pace_->raise();
}

void PresenterMode::placeNotes() {
  const QList<QScreen*> screens = QGuiApplication::screens();
  if (screens.size() < 2) return;
  // The audience's screen is the window's; the notes go on another one.
  QScreen* audience = window_->screen();
  for (QScreen* s : screens)
    if (s != audience) {
      notes_->move(s->availableGeometry().topLeft() + QPoint(40, 40));
      notes_->resize(s->availableGeometry().size() * 0.8);
      return;
    }
}

void PresenterMode::updateLive() {
  const bool off = player_->offScript();
  if (off == off_script_) return;
  off_script_ = off;
  live_->setVisible(off);
  if (off) {
    live_->adjustSize();
    const QWidget* area = window_->stageLayout() ? static_cast<QWidget*>(window_->stageView()) : window_->centralWidget();
    const QPoint at = area ? area->mapTo(window_, QPoint(0, 0)) : QPoint(0, 0);
    live_->move(at + QPoint(16, 16));
    live_->raise();
    if (black_->isVisible()) black_->raise();
  }
  showStep(player_->current());  // the prepared pause's label no longer applies
}

bool PresenterMode::blackScreen() const { return black_->isVisible(); }

void PresenterMode::toggleBlack() {
  black_->setGeometry(window_->rect());
  black_->setVisible(!black_->isVisible());
  if (black_->isVisible()) black_->raise();
}

void PresenterMode::toggleFullScreen() {
  if (window_->isFullScreen()) window_->showMaximized();
  else window_->showFullScreen();
}

void PresenterMode::leaveFullScreen() {
  if (window_->isFullScreen()) window_->showMaximized();
}

void PresenterMode::backToPreparedRun() {
  Playhead* playhead = window_->playhead();
  if (!player_->run() || playhead->branch() == 0) return;
  playhead->pause();
  playhead->setBranch(0);  // keeps the instant (within the prepared run)
}

void PresenterMode::showStep(int index) {
  const TalkStep* s = player_->step();
  if (!s) return;
  window_->setStageTable(s->stage_table);
  window_->setStageSent(s->stage_sent);
  // The step's last pause says its lesson; the green end banner repeats it.
  QString lesson;
  for (const TalkPause& p : s->pauses)
    if (p.kind == TalkPause::Kind::End && !player_->offScript()) lesson = text(p.label);  // prepared words only
  window_->setLesson(lesson);
  window_->setCaption(QStringLiteral("<b>%1/%2 · %3</b> — %4")
                          .arg(index + 1)
                          .arg(player_->stepCount())
                          .arg(text(s->title).toHtmlEscaped(), text(s->caption).toHtmlEscaped()));
  updateNotes();
}

void PresenterMode::showPause(int index) {
  const TalkStep* s = player_->step();
  if (!s) return;
  // The label of the pause that stopped playback, when it has one (and the
  // screen still shows the prepared run: off script it would lie).
  const QString label = player_->offScript() ? QString() : text(s->pauses[size_t(player_->pauseSource(index))].label);
  showStep(player_->current());
  if (!label.isEmpty()) window_->setCaption(window_->captionLabel()->text() + QStringLiteral("<br><i>%1</i>").arg(label.toHtmlEscaped()));
}

void PresenterMode::updateNotes() {
  const TalkStep* s = player_->step();
  if (!s) return;
  const int i = player_->current();
  notes_step_->setText(QStringLiteral("%1/%2 · %3").arg(i + 1).arg(player_->stepCount()).arg(text(s->title)));
  // A blank line between the talk's notes paragraphs (one per notes line).
  notes_text_->setText(text(s->notes).replace(QLatin1Char('\n'), QStringLiteral("\n\n")));
  // Where the presenter is in the step, and what the next click shows.
  const int n = int(player_->pauseTimes().size()), done = player_->nextPause();
  QString pause = tr("pause %1/%2").arg(done).arg(n);
  if (player_->offScript()) pause += tr(" · LIVE — off script (Backspace: back to the prepared run)");
  else if (done < n) {
    const QString label = text(s->pauses[size_t(player_->pauseSource(done))].label);
    pause += QStringLiteral(" · ") + (label.isEmpty() ? tr("next: pause at %1 s").arg(double(player_->pauseTimes()[size_t(done)]) / 1e6, 0, 'f', 2)
                                                       : tr("next: %1").arg(label));
  } else {
    pause += QStringLiteral(" · ") + tr("next: the next step");
  }
  notes_pause_->setText(pause);
  if (i + 1 < player_->stepCount())
    notes_next_->setText(tr("Next: %1").arg(text(player_->talk().steps[size_t(i + 1)].title)));
  else
    notes_next_->setText(tr("Last step"));
  const qint64 secs = elapsed_.isValid() ? elapsed_.elapsed() / 1000 : 0;
  notes_clock_->setText(QStringLiteral("%1:%2").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0')));
}

}  // namespace radeau::gui

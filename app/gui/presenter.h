// Presentation mode: a talk (core/talk.h) played in the main window with a
// clicker, on the stage layout (S toggles it). PageDown / Right / Space go on
// to the next pause or step, PageUp / Left go back to the previous pause (at
// the step's start, or pressed twice quickly, the previous step), R replays the step, B or "." blacks the screen, F
// toggles full screen, Escape leaves it, Backspace comes back to the prepared
// run after acting live. A second window shows the presenter
// the step's notes, the next step and the time elapsed.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QKeySequence>
#include <QList>

#include <utility>
#include <vector>

#include "core/talk.h"
#include "replay/talk_player.h"

class QAction;
class QLabel;
class QWidget;
class QMenu;

namespace radeau::gui {

class MainWindow;

class PresenterMode : public QObject {
  Q_OBJECT
 public:
  PresenterMode(MainWindow* window, Language language);
  ~PresenterMode() override;

  // Opens the talk at its first step; false with a message naming the file and line.
  bool load(const QString& path, QString& error);

  TalkPlayer* player() const { return player_; }
  QWidget* notesWindow() const { return notes_; }
  QLabel* paceLabel() const { return pace_; }  // "⏩ 8×" while fast-forwarding
  QLabel* liveBadge() const { return live_; }  // "LIVE — off script" after acting live
  QLabel* notesPause() const { return notes_pause_; }  // "pause 2/5 · next: …"
  bool blackScreen() const;
  Language language() const { return language_; }

 public slots:
  void toggleBlack();
  void toggleFullScreen();
  void leaveFullScreen();
  // After acting live at a pause (a new branch): the step's prepared run
  // (branch 0) at the same instant, so the talk goes on as prepared.
  void backToPreparedRun();

 private:
  void showStep(int index);
  void showPause(int index);
  void updateNotes();
  void showPace(const QString& text);
  void updateLive();
  void placeNotes();  // on the other screen when there are two
  QString text(const BilingualText& t) const { return QString::fromStdString(t.in(language_)); }

  MainWindow* window_;
  Language language_;
  TalkPlayer* player_;
  QWidget* black_;
  QLabel* pace_;
  QLabel* live_;
  bool off_script_ = false;
  QLabel* notes_pause_;
  QWidget* notes_;
  QLabel* notes_step_;
  QLabel* notes_text_;
  QLabel* notes_next_;
  QLabel* notes_clock_;
  QPointer<QMenu> steps_menu_;  // the menu bar may go first when the window closes
  QAction* back_to_prepared_ = nullptr;
  std::vector<std::pair<QPointer<QAction>, QList<QKeySequence>>> taken_over_;
  QElapsedTimer elapsed_;
  QTimer clock_;
};

}  // namespace radeau::gui

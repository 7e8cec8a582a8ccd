// The window's live cluster (issue 7): radeau-node processes on loopback shown
// in the same views as a simulated run. The merged journal is mirrored into a
// followed branch of the window's Run (Run::follow), the playhead plays it at
// real time (1 virtual second per second), and acting at the head goes to the
// real processes. The journal only grows: pausing or scrubbing the view keeps
// recording; acting in the past cannot change real processes, so it offers to
// continue in simulation from there (the live run becomes a normal run).
#pragma once

#include <QDialog>
#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <set>

#include "core/action.h"
#include "core/concepts.h"

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QTimer;

namespace radeau::live {
class LiveCluster;
}

namespace radeau::gui {

class MainWindow;

class LiveSession : public QObject {
  Q_OBJECT
 public:
  struct Choice {
    int nodes = 3;
    int spares = 0;  // live::LiveCluster::Options::spares: nodes that can be added while it runs
    Concepts concepts = Concepts::full();
    bool presentation_pace = true;  // LiveCluster::presentationPace(); off: radeau-node's own timing
    QString title;                  // default: "Live cluster"
  };
  // Creates the actions `liveCluster` and `freeze` on the window.
  explicit LiveSession(MainWindow* window);
  ~LiveSession() override;

  // Starts the processes and shows them in the window; false with the
  // window's lastError() set if they cannot start.
  bool start(const Choice& choice);
  // Kills every process. The window keeps the run (a recording of what happened).
  void stop();
  bool active() const;  // processes running and shown
  live::LiveCluster* cluster() const { return cluster_.get(); }
  // The playhead is at (or within a short slack of) the real cluster's now.
  bool atHead() const;

  // MainWindow::act asks first. True: handled here (sent to the processes or
  // refused with a message); false: the window acts as in a simulation.
  bool intercept(const Action& action);
  // Stops the processes and lets the run continue in simulation from the
  // live journal (a fork at the playhead when acting in the past).
  void continueInSimulation();
  // MainWindow::setRun calls this: another document replaces the live one.
  void documentReplaced();

  QString lastAnswer() const { return last_answer_; }  // the last client write's or read's answer, as shown

 signals:
  void writeAnswered(bool ok, QString text);
  void readAnswered(bool ok, QString text);

 private:
  void appended();
  void updateBadge();
  void setFrozen(bool on);
  void status(const QString& text, int ms = 6000);

  MainWindow* w_;
  std::unique_ptr<live::LiveCluster> cluster_;
  bool installing_ = false;
  QAction* start_action_ = nullptr;
  QAction* freeze_action_ = nullptr;
  QLabel* badge_ = nullptr;
  QAction* badge_action_ = nullptr;
  QTimer* pulse_ = nullptr;  // keeps the end and the badge current while the view is paused
  std::map<qint64, std::pair<int, QString>> writes_;  // request -> (node, text)
  std::map<qint64, std::pair<int, QString>> reads_;   // request -> (node, key)
  std::set<int> restarting_;                          // restarted from the window, until its recovery line
  QString last_answer_;
};

// The "Live cluster" dialog: node count and rules.
class LiveClusterDialog : public QDialog {
  Q_OBJECT
 public:
  explicit LiveClusterDialog(QWidget* parent = nullptr);
  LiveSession::Choice choice() const;

 private:
  QSpinBox* nodes_;
  QSpinBox* spares_;
  QComboBox* rules_;
  QCheckBox* pace_;
};

}  // namespace radeau::gui

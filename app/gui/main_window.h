// The window the presenter drives and the audience sees. It owns the run (a
// tree of branches) and the playhead; every view is refreshed from one Frame
// built at the playhead instant, so scrubbing is exact and an idle window
// does nothing.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <functional>
#include <memory>

#include "app/render/frame.h"
#include "app/render/theme.h"
#include "core/action.h"
#include "core/script.h"
#include "replay/playhead.h"
#include "replay/run.h"

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QTableView;
class QTabWidget;
class QVBoxLayout;
class QSplitter;
class QToolBar;
class QToolButton;

namespace radeau::gui {

class ClusterView;
class ConceptsPanel;
class Document;
class FindFailure;
class JournalFilter;
class JournalModel;
class LiveSession;
class LogView;
class SpaceTimeView;
class NodeTableModel;
class StageView;
class Timeline;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // --- documents (each returns false with lastError() set on failure) -------
  // The built-in default: 5 nodes, full Raft, the default scenario, live.
  void startDefault();
  // A fresh live cluster.
  void newCluster(const ClusterConfig& config);
  bool openScenario(const QString& path);
  bool loadScenarioText(const QString& text, const QString& file_name, bool live = false);
  bool openRecording(const QString& path);
  bool saveRecording(const QString& path);
  bool openFile(const QString& path);  // by extension: recordings, scenario scripts or talks
  bool openTalk(const QString& path);  // in presentation mode (app/gui/presenter.h)
  QString lastError() const { return last_error_; }
  QString filePath() const;
  bool isDirty() const;
  Document* document() const { return doc_; }

  // Dialogs are skipped when not interactive (tests): errors only set lastError(),
  // and unsaved work is kept (the operation is refused) unless discardAllowed.
  void setInteractive(bool on) { interactive_ = on; }
  bool interactive() const { return interactive_; }
  // Shows `run` as the document (views rebuilt, clean, the playhead at its start).
  void setRun(std::unique_ptr<Run> run, bool live, const QString& path, const QString& title);
  bool maybeDiscard();  // true if the current work may be replaced (asks to save it when interactive)
  void fail(const QString& title, const QString& message);  // a dialog, or lastError() when not interactive
  QString nodeName(NodeId n) const;
  void setDiscardAllowed(bool on) { discard_allowed_ = on; }

  // --- acting ------------------------------------------------------------
  // Acts at the playhead instant on the current branch; in the past this
  // starts a branch (the playhead follows it). Returns the branch acted on.
  int act(Action action);
  void writeTo(NodeId node, const QString& text = {});  // empty: the next letter
  // A client reads `key` at `node` (a live cluster: through its client port);
  // the answer is in the journal. A key that is not one is refused in the
  // status bar (core's readKeyProblem). Empty: asks for the key.
  void readAt(NodeId node, const QString& key = {});
  void toggleCrash(NodeId node);
  void toggleLink(NodeId a, NodeId b);
  void isolate(NodeId node);
  void forceTimeout(NodeId node);
  // Rung 16: ask the leader to add a node to its configuration, or remove one.
  void addNode(NodeId node);
  void removeNode(NodeId node);
  void healAll();
  void partition(std::vector<std::vector<NodeId>> groups);
  void dropMessage(Seq sent);
  void setConcepts(Concepts c);

  // --- what is shown -----------------------------------------------------
  Run* run() const;
  Playhead* playhead() const { return playhead_; }
  const Frame& frame() const { return frame_; }
  ClusterView* clusterView() const { return view_; }
  LogView* logView() const { return logs_; }
  SpaceTimeView* spaceTimeView() const { return space_time_; }
  Timeline* timeline() const { return timeline_; }
  QLabel* findingBanner() const { return banner_; }
  QLabel* captionLabel() const { return caption_; }
  // Presentation mode: shows `run` (a talk step) as the current document.
  void showTalkStep(std::unique_ptr<Run> run, const QString& title);
  void setCaption(const QString& rich_text);  // empty hides it
  // The stage (app/gui/stage_view.h): the cluster and logs fill the screen;
  // menus, toolbar, journal, node table and transport hidden; the caption
  // and a thin timeline stay. The default in a talk; S or View > Stage layout.
  void setStageLayout(bool on);
  bool stageLayout() const { return stage_on_; }
  StageView* stageView() const { return stage_; }
  // The node table on stage, under the picture (a talk step's `stage table`).
  void setStageTable(bool on);
  void setStageSent(bool on);  // the "entries sent" counter on stage (a step's `stage sent`)
  // What the green "no violation" banner adds at the end of a run that has no
  // safety finding: the talk step's lesson (its `pause end` label); "" for none.
  void setLesson(const QString& lesson);
  // Talk mode: nothing after the playhead is shown (journal rows, timeline
  // marks): the room must not read the ending before it happens.
  void setTalkMode(bool on);
  bool talkMode() const { return talk_mode_; }
  NodeTableModel* nodeModel() const { return node_model_; }
  JournalModel* journalModel() const { return journal_model_; }
  JournalFilter* journalFilter() const { return journal_filter_; }
  QTableView* journalView() const { return journal_view_; }
  ConceptsPanel* conceptsPanel() const { return concepts_; }
  QComboBox* branchBox() const { return branch_box_; }
  // The node context menu the view opens (built fresh, caller owns it).
  QMenu* nodeMenu(NodeId node);
  QAction* action(const QString& object_name) const;  // toolbar/menu actions by name
  LiveSession* liveSession() const { return live_session_; }  // real radeau-node processes (app/gui/live_session.h)
  FindFailure* findFailure() const { return find_failure_; }  // "Find a failure for these rules…" (app/gui/find_failure.h)
  void refresh();  // rebuilds every view from the playhead (after acting, loading)
  // Light or dark presentation: every view repaints in the new colours (View >
  // Dark theme saves the choice in QSettings "theme"; main.cpp reads it).
  void setScheme(Scheme scheme);

 signals:
  void schemeChanged(radeau::gui::Scheme scheme);

 protected:
  void closeEvent(QCloseEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;

 private:
  void buildActions();
  template <typename Slot>
  QAction* makeAction(const QString& name, const QString& text, const QKeySequence& key, Slot slot);
  void buildFileActions();
  void buildPlaybackActions();
  void buildActingActions();
  void buildViewActions();
  void buildToolbar();
  void buildTransportButtons();
  void buildMenus();
  void buildLayout();
  void buildTopBands(QVBoxLayout* outer);
  void buildClusterView();
  void buildNodeTables();
  QWidget* buildJournalPage();
  void buildConceptsPanel();
  void buildSideTabs(QWidget* journal_page);
  void buildTransport(QVBoxLayout* outer);
  QString askRecordingPath();  // the Save dialog; ".radeau" added when the name has none
  void onMoved();
  void refreshBranches();
  void showClock();  // the time beside the transport, without a relayout
  void showFrame();
  void scrollJournal();
  // The journal's time column as wide as the run's last time needs
  // (21,830,270.123 ms at ten million events), never below its default.
  void fitJournalTimeColumn(Time end_us);
  void addRecent(const QString& path);
  void updateRecentMenu();
  void updateTitle();
  void updatePlayAction();
  void layOutStage();  // the caption band's font and height follow the screen
  void showMessageDetails(Seq sent);
  void fillClusterMenu(QMenu* menu);
  NodeId selectedOrAsk() const;

  Document* doc_ = nullptr;       // the run, the playhead, the file and unsaved work
  Playhead* playhead_ = nullptr;  // doc_'s
  Frame frame_;
  // What the event-driven parts last showed (showFrame): a tick that changes
  // none of it only moves time.
  struct Shown {
    const Journal* journal = nullptr;
    Seq position = 0;
    int branch = -1, branches = 0;
    bool stage = false, talk = false;
    bool operator==(const Shown&) const = default;
  };
  Shown shown_;
  bool moving_ = false;  // inside onMoved: only the playhead moved
  QElapsedTimer timers_shown_;  // when the node table's timers were last updated
  QString last_error_;
  bool interactive_ = true;
  bool discard_allowed_ = false;

  ClusterView* view_ = nullptr;
  QLabel* banner_ = nullptr;
  QLabel* caption_ = nullptr;
  StageView* stage_ = nullptr;
  QTableView* stage_table_view_ = nullptr;  // the node table, large, on stage
  bool stage_on_ = false;
  bool stage_table_ = false;
  std::string lesson_;
  bool talk_mode_ = false;
  QWidget* transport_widget_ = nullptr;
  QToolBar* toolbar_ = nullptr;
  LogView* logs_ = nullptr;
  SpaceTimeView* space_time_ = nullptr;
  Timeline* timeline_ = nullptr;
  NodeTableModel* node_model_ = nullptr;
  JournalModel* journal_model_ = nullptr;
  JournalFilter* journal_filter_ = nullptr;
  QTableView* node_table_ = nullptr;
  QTableView* journal_view_ = nullptr;
  qsizetype journal_time_chars_ = 0;  // the length of the time text the column was fitted to
  QComboBox* journal_node_box_ = nullptr;
  QComboBox* journal_kind_box_ = nullptr;
  QTabWidget* side_tabs_ = nullptr;
  ConceptsPanel* concepts_ = nullptr;
  QComboBox* branch_box_ = nullptr;
  QComboBox* speed_box_ = nullptr;
  QLabel* time_label_ = nullptr;
  int clock_chars_ = -1;
  QString start_hint_;  // the status bar's "Paused at 0 s" of the default cluster, cleared when it plays  // the clock text's length when its width was last measured (showClock)
  QLabel* chapter_label_ = nullptr;
  QAction* play_action_ = nullptr;
  QAction* live_action_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QMenu* cluster_menu_ = nullptr;
  bool updating_branches_ = false;
  QSplitter* vertical_ = nullptr;
  LiveSession* live_session_ = nullptr;
  FindFailure* find_failure_ = nullptr;
};

}  // namespace radeau::gui

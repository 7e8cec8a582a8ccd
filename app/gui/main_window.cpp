#include "app/gui/main_window.h"

#include <QAction>
#include <algorithm>
#include <QApplication>
#include <QStyle>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextEdit>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <limits>

#include "app/gui/calm_scroll_bar.h"
#include "app/gui/cluster_view.h"
#include "app/gui/concepts_panel.h"
#include "app/gui/dialogs.h"
#include "app/gui/document.h"
#include "app/gui/file_types.h"
#include "app/gui/find_failure.h"
#include "app/render/frame_export.h"
#include "app/gui/help.h"
#include "app/render/language.h"
#include "app/gui/live_session.h"
#include "app/gui/log_view.h"
#include "app/gui/models.h"
#include "app/gui/presenter.h"
#include "app/render/recording_io.h"
#include "app/gui/settings.h"
#include "app/gui/space_time.h"
#include "app/gui/stage_view.h"
#include "app/gui/text_cell_delegate.h"
#include "replay/projection.h"
#include "replay/shipped_files.h"
#include "app/render/theme.h"
#include "app/gui/timeline.h"
#include "core/format.h"
#include "core/script.h"

namespace radeau::gui {

namespace {
constexpr int kJournalTimeColumnPx = 100;  // the journal's time column, unless its times need more
QString qs(const std::string& s) { return QString::fromStdString(s); }
const double kSpeeds[] = {0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0};

// A no-break space: a wrapped banner never leaves the unit alone on a line.
QString seconds(Time us) { return QString::number(double(us) / 1e6, 'f', 3) + QStringLiteral("\u00A0s"); }
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("RadeauMainWindow"));
  QFont base = Theme::font(TextRole::Body);
  setFont(base);

  doc_ = new Document(this);
  playhead_ = doc_->playhead();
  connect(doc_, &Document::dirtyChanged, this, &MainWindow::updateTitle);
  connect(playhead_, &Playhead::moved, this, &MainWindow::onMoved);
  connect(playhead_, &Playhead::playingChanged, this, &MainWindow::updatePlayAction);
  connect(playhead_, &Playhead::branchesChanged, this, &MainWindow::refreshBranches);
  connect(playhead_, &Playhead::limitReached, this, [this](const QString& why) {
    statusBar()->showMessage(tr("Stopped: %1").arg(why));
  });
  find_failure_ = new FindFailure(this);
  connect(playhead_, &Playhead::speedChanged, this, [this](double s) {
    for (int i = 0; i < speed_box_->count(); ++i)
      if (std::abs(speed_box_->itemData(i).toDouble() - s) < 1e-9) speed_box_->setCurrentIndex(i);
  });

  buildLayout();
  buildActions();
  live_session_ = new LiveSession(this);  // its actions go in the menus
  buildMenus();
  updateRecentMenu();
  resize(1600, 960);
  updateTitle();
  setScheme(Theme::current().scheme());
}

MainWindow::~MainWindow() {
  playhead_->pause();
  // Views hold pointers into the run: drop them before it goes.
  journal_model_->setJournal(nullptr, nullptr);
  timeline_->setJournal(nullptr, 0);
}

// --- layout -------------------------------------------------------------------

void MainWindow::buildLayout() {
  auto* central = new QWidget;
  auto* outer = new QVBoxLayout(central);
  outer->setContentsMargins(8, 4, 8, 4);
  outer->setSpacing(4);

  buildTopBands(outer);
  buildClusterView();
  // Right side: node table above, journal, rules and space-time below.
  buildNodeTables();
  buildConceptsPanel();
  buildSideTabs(buildJournalPage());

  auto* right = new QSplitter(Qt::Vertical);
  right->addWidget(node_table_);
  right->addWidget(side_tabs_);
  right->setStretchFactor(0, 0);
  right->setStretchFactor(1, 1);
  right->setChildrenCollapsible(false);

  auto* top = new QSplitter(Qt::Horizontal);
  top->addWidget(view_);
  top->addWidget(right);
  top->setStretchFactor(0, 3);
  top->setStretchFactor(1, 2);
  top->setSizes({950, 650});

  logs_ = new LogView;

  auto* vertical = new QSplitter(Qt::Vertical);
  vertical->addWidget(top);
  vertical->addWidget(logs_);
  vertical->setStretchFactor(0, 1);
  vertical->setStretchFactor(1, 0);
  vertical->setChildrenCollapsible(false);
  vertical_ = vertical;
  outer->addWidget(vertical, 1);
  outer->addWidget(stage_table_view_);

  buildTransport(outer);
  setCentralWidget(central);
  statusBar()->setFont(Theme::font(TextRole::Secondary));
}

// The finding banner, the talk's caption and the stage, above everything.
void MainWindow::buildTopBands(QVBoxLayout* outer) {
  banner_ = new QLabel;
  banner_->setObjectName(QStringLiteral("findingBanner"));
  banner_->setWordWrap(true);
  banner_->setFont(Theme::font(TextRole::Banner, true));
  banner_->setContentsMargins(16, 4, 16, 4);  // two lines of it still fit a 720 px window
  banner_->setAutoFillBackground(true);
  banner_->hide();
  outer->addWidget(banner_);
  // The talk's caption (presentation mode), hidden otherwise.
  caption_ = new QLabel;
  caption_->setObjectName(QStringLiteral("talkCaption"));
  caption_->setWordWrap(true);
  caption_->setFont(Theme::font(TextRole::Caption));
  caption_->setContentsMargins(16, 6, 16, 6);
  caption_->setTextFormat(Qt::RichText);
  caption_->hide();
  outer->addWidget(caption_);
  stage_ = new StageView;
  stage_->hide();
  outer->addWidget(stage_, 1);
}

// The cluster picture and what clicking on it does.
void MainWindow::buildClusterView() {
  view_ = new ClusterView;
  connect(view_, &ClusterView::nodeClicked, this, [this](int n) {
    view_->setSelectedNode(n);
    statusBar()->showMessage(tr("%1 selected: W write, R read, C crash/restart, I isolate, T timeout").arg(nodeName(NodeId(n))), 4000);
  });
  connect(view_, &ClusterView::selectionChanged, this, [this] {
    QStringList names;
    for (int n : view_->selectedNodes()) names << nodeName(NodeId(n));
    if (!names.isEmpty())
      statusBar()->showMessage(tr("%1 selected: P cuts them off from the rest").arg(names.join(QStringLiteral(", "))), 4000);
  });
  connect(view_, &ClusterView::nodeMenuRequested, this, [this](int n, QPoint at) {
    view_->setSelectedNode(n);
    std::unique_ptr<QMenu> m(nodeMenu(NodeId(n)));
    m->exec(at);
  });
  connect(view_, &ClusterView::backgroundMenuRequested, this, [this](QPoint at) {
    QMenu m;
    fillClusterMenu(&m);
    m.exec(at);
  });
  connect(view_, &ClusterView::linkClicked, this, [this](int a, int b) { toggleLink(NodeId(a), NodeId(b)); });
  connect(view_, &ClusterView::messageClicked, this, [this](quint32 seq) { showMessageDetails(Seq(seq)); });
}

// The node table beside the cluster, and its larger twin for the stage.
namespace {
// A node table's columns fitted to their texts, with room for a value that
// turns bold when it has just changed (the same length, a little wider).
void fitColumns(QTableView* t) {
  t->resizeColumnsToContents();
  const int room = t->fontMetrics().averageCharWidth();
  for (int c = 0; c + 1 < t->model()->columnCount(); ++c) t->setColumnWidth(c, t->columnWidth(c) + room);
}
}  // namespace

void MainWindow::buildNodeTables() {
  node_model_ = new NodeTableModel(this);
  // The node table, read-only; `text` sets its size (the header a little smaller).
  auto nodeTable = [this](TextRole text, TextRole header, int row_px) {
    auto* t = new QTableView;
    t->setModel(node_model_);
    t->setItemDelegate(new TextCellDelegate(t));
    t->setWordWrap(false);  // one line per cell, as the row height allows
    t->setFont(Theme::font(text));
    t->verticalHeader()->hide();
    t->horizontalHeader()->setFont(Theme::font(header, true));
    // Sized to the contents when a column's text grows longer than any shown
    // (widerText), not by ResizeToContents: that measured every cell again at
    // each dataChanged, ten times a second while playing (issue 19: a calm window).
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    t->horizontalHeader()->setStretchLastSection(true);
    connect(node_model_, &NodeTableModel::widerText, t, [t] { fitColumns(t); });
    t->verticalHeader()->setDefaultSectionSize(row_px);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->setFocusPolicy(Qt::NoFocus);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return t;
  };
  node_table_ = nodeTable(TextRole::Control, TextRole::Panel, 34);
  // The same table on stage, when a talk step asks for it: large enough for the room.
  stage_table_view_ = nodeTable(TextRole::StageTable, TextRole::StageTableHeader, 40);
  stage_table_view_->setObjectName(QStringLiteral("stageTable"));
  stage_table_view_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  stage_table_view_->hide();
}

void MainWindow::fitJournalTimeColumn(Time end_us) {
  const QString widest = QString::number(double(end_us) / 1000.0, 'f', 3);
  if (widest.size() == journal_time_chars_) return;  // the same digits: the user's width stays
  journal_time_chars_ = widest.size();
  // The text as TextCellDelegate draws it: within the style's margin on each side, and a grid line.
  const int margin = journal_view_->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, journal_view_) + 1;
  const int w = QFontMetrics(journal_view_->font()).horizontalAdvance(QString(widest.size(), QLatin1Char('8'))) +
                2 * margin + 2;
  journal_view_->setColumnWidth(JournalModel::TimeCol, std::max(kJournalTimeColumnPx, w));
}

// The journal tab: the event list and its filters.
QWidget* MainWindow::buildJournalPage() {
  journal_model_ = new JournalModel(this);
  journal_filter_ = new JournalFilter(this);
  journal_filter_->setSourceModel(journal_model_);
  journal_view_ = new QTableView;
  journal_view_->setObjectName(QStringLiteral("journalView"));
  journal_view_->setModel(journal_filter_);
  journal_view_->setItemDelegate(new TextCellDelegate(journal_view_));
  journal_view_->setVerticalScrollBar(new CalmScrollBar(Qt::Vertical));
  connect(journal_model_, &JournalModel::jumped, journal_view_->viewport(), qOverload<>(&QWidget::update));
  journal_view_->setFont(Theme::font(TextRole::Panel));
  journal_view_->verticalHeader()->hide();
  journal_view_->verticalHeader()->setDefaultSectionSize(26);
  journal_view_->horizontalHeader()->setStretchLastSection(true);
  journal_view_->setColumnWidth(JournalModel::TimeCol, kJournalTimeColumnPx);
  journal_view_->setColumnWidth(JournalModel::NodeCol, 120);
  journal_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  journal_view_->setSelectionMode(QAbstractItemView::SingleSelection);
  journal_view_->setWordWrap(false);
  journal_view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  journal_view_->setFocusPolicy(Qt::ClickFocus);
  journal_view_->setMinimumHeight(16);  // may shrink to its header when the window is 720 px high
  connect(journal_view_, &QTableView::clicked, this, [this](const QModelIndex& i) {
    if (!i.isValid()) return;
    Seq seq = Seq(i.data(JournalModel::kSeqRole).toULongLong());
    playhead_->pause();
    playhead_->seekToEvent(seq);
  });
  journal_node_box_ = new QComboBox;
  journal_kind_box_ = new QComboBox;
  for (int c = int(EventCategory::All); c <= int(EventCategory::Findings); ++c)
    journal_kind_box_->addItem(categoryName(EventCategory(c)), c);
  // A new filter changes the rows: the view lays them out now, so the
  // playhead's row can be scrolled to (its delayed layout would come after).
  connect(journal_node_box_, &QComboBox::currentIndexChanged, this, [this](int) {
    journal_filter_->setNode(journal_node_box_->currentData().toInt());
    journal_view_->doItemsLayout();
    scrollJournal();
  });
  connect(journal_kind_box_, &QComboBox::currentIndexChanged, this, [this](int) {
    journal_filter_->setCategory(EventCategory(journal_kind_box_->currentData().toInt()));
    journal_view_->doItemsLayout();
    scrollJournal();
  });
  auto* journal_page = new QWidget;
  auto* jl = new QVBoxLayout(journal_page);
  jl->setContentsMargins(0, 4, 0, 0);
  auto* filters = new QHBoxLayout;
  auto* fl = new QLabel(tr("&Show:"));
  fl->setBuddy(journal_kind_box_);
  filters->addWidget(fl);
  filters->addWidget(journal_kind_box_, 1);
  auto* nl = new QLabel(tr("n&ode:"));
  nl->setBuddy(journal_node_box_);
  filters->addWidget(nl);
  filters->addWidget(journal_node_box_, 1);
  jl->addLayout(filters);
  jl->addWidget(journal_view_);
  return journal_page;
}

// The rules tab.
void MainWindow::buildConceptsPanel() {
  concepts_ = new ConceptsPanel;
  concepts_->setFont(Theme::font(TextRole::Panel));
  connect(concepts_, &ConceptsPanel::conceptsRequested, this, &MainWindow::setConcepts);
  connect(concepts_, &ConceptsPanel::findFailureRequested, find_failure_, &FindFailure::start);
  connect(concepts_, &ConceptsPanel::newClusterForChapterRequested, this, [this](int number) {
    ClusterConfig c;
    c.concepts = Concepts::full();
    int nodes = 5;
    for (const Chapter& ch : chapters())
      if (ch.number == number) {
        c.concepts = ch.concepts;
        nodes = ch.node_count;
      }
    c.names = defaultNames(nodes);
    if (maybeDiscard()) newCluster(c);
  });
}

// Journal, rules and space-time, as tabs.
void MainWindow::buildSideTabs(QWidget* journal_page) {
  side_tabs_ = new QTabWidget;
  side_tabs_->setFont(Theme::font(TextRole::Panel, true));
  side_tabs_->addTab(journal_page, tr("&Journal"));
  auto* concepts_scroll = new QScrollArea;
  concepts_scroll->setWidget(concepts_);
  concepts_scroll->setWidgetResizable(true);
  concepts_scroll->setFrameShape(QFrame::NoFrame);
  side_tabs_->addTab(concepts_scroll, tr("&Rules"));
  // The space-time view: who sent what to whom, and when (a Lamport diagram).
  space_time_ = new SpaceTimeView;
  side_tabs_->addTab(space_time_, tr("&Space-time"));
  connect(space_time_, &SpaceTimeView::seekRequested, this, [this](Time t) {
    playhead_->pause();
    playhead_->seek(t);
  });
  connect(side_tabs_, &QTabWidget::currentChanged, this, [this] { refresh(); });  // it draws only when shown
}

// Transport (time, speed, branch, chapter) and the timeline track under everything.
void MainWindow::buildTransport(QVBoxLayout* outer) {
  // Transport and the timeline track.
  timeline_ = new Timeline;
  connect(timeline_, &Timeline::seekRequested, this, [this](qint64 t) {
    playhead_->pause();
    playhead_->seek(t);
  });
  auto* transport = new QHBoxLayout;
  transport->setSpacing(6);
  time_label_ = new QLabel;
  time_label_->setFont(Theme::font(TextRole::Clock, true));
  // Room for "88.888 s" so the row does not jitter, no more: the transport must fit 1280 px.
  time_label_->setMinimumWidth(QFontMetrics(time_label_->font()).horizontalAdvance(QStringLiteral("88.888 s")) + 8);
  time_label_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  // A fixed size: setText then repaints the label without laying the window out
  // again at every tick (issue 19); showClock widens it when a time needs more.
  time_label_->setText(seconds(0));
  time_label_->setFixedSize(time_label_->minimumWidth(), time_label_->sizeHint().height());
  // Its own background: the row under it is not painted again with it.
  time_label_->setAutoFillBackground(true);
  speed_box_ = new QComboBox;
  speed_box_->setFocusPolicy(Qt::NoFocus);
  for (double s : kSpeeds) speed_box_->addItem(QStringLiteral("%1×").arg(s), s);
  speed_box_->setCurrentIndex(4);
  connect(speed_box_, &QComboBox::activated, this,
          [this](int i) { playhead_->setSpeed(speed_box_->itemData(i).toDouble()); });
  branch_box_ = new QComboBox;
  branch_box_->setObjectName(QStringLiteral("branchBox"));
  branch_box_->setFocusPolicy(Qt::NoFocus);
  branch_box_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  branch_box_->setMinimumContentsLength(12);  // long names elide: the row fits a 1280 px projector
  connect(branch_box_, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (updating_branches_ || i < 0) return;
    playhead_->setBranch(branch_box_->itemData(i).toInt());
    refresh();
  });
  chapter_label_ = new QLabel;
  chapter_label_->setFont(Theme::font(TextRole::Panel, true));
  auto* transport_widget = new QWidget;
  transport_widget->setLayout(transport);
  transport->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(transport_widget);
  outer->addWidget(timeline_);
  // The buttons are added in buildActions (they share the actions).
  transport_widget->setObjectName(QStringLiteral("transport"));
  transport_widget_ = transport_widget;
}

// --- actions --------------------------------------------------------------------

QAction* MainWindow::action(const QString& name) const { return findChild<QAction*>(name); }

void MainWindow::buildActions() {
  buildFileActions();
  buildPlaybackActions();
  buildActingActions();
  buildViewActions();
  buildToolbar();
  buildTransportButtons();
}

// A window-wide action, found by its name (action()) and listed in the keys dialog.
template <typename Slot>
QAction* MainWindow::makeAction(const QString& name, const QString& text, const QKeySequence& key, Slot slot) {
  auto* a = new QAction(text, this);
  a->setObjectName(name);
  if (!key.isEmpty()) a->setShortcut(key);
  a->setShortcutContext(Qt::WindowShortcut);
  connect(a, &QAction::triggered, this, slot);
  addAction(a);
  return a;
}

// Files, help and export for slides.
void MainWindow::buildFileActions() {
  makeAction("newCluster", tr("&New cluster…"), QKeySequence::New, [this] {
    if (!maybeDiscard()) return;
    NewClusterDialog d(this);
    if (d.exec() == QDialog::Accepted) newCluster(d.config());
  });
  makeAction("defaultCluster", tr("&Default cluster"), QKeySequence(), [this] {
    if (maybeDiscard()) startDefault();
  });
  makeAction("open", tr("&Open a recording, script or talk…"), QKeySequence::Open, [this] {
    if (!maybeDiscard()) return;
    QString path = QFileDialog::getOpenFileName(this, tr("Open"), shippedRecordingsDir(), openFileFilter());
    if (!path.isEmpty()) openFile(path);
  });
  makeAction("save", tr("&Save recording"), QKeySequence::Save, [this] {
    QString path = doc_->path();
    if (path.isEmpty() || !path.endsWith(QStringLiteral(".radeau")))
      path = askRecordingPath();
    if (!path.isEmpty()) saveRecording(path);
  });
  makeAction("saveAs", tr("Save recording &as…"), QKeySequence::SaveAs, [this] {
    QString path = askRecordingPath();
    if (!path.isEmpty()) saveRecording(path);
  });
  makeAction("quit", tr("&Quit"), QKeySequence::Quit, [this] { close(); });
  makeAction("findFailure", tr("Find a &failure for these rules…"), QKeySequence(), [this] { find_failure_->start(); });
  // Help: the keys (read from these actions) and an orientation.
  auto* keys = makeAction("keys", tr("&Keys and legend…"), QKeySequence(Qt::Key_Question), [this] { keysDialog(this)->show(); });
  keys->setShortcuts({QKeySequence(Qt::Key_Question), QKeySequence(QKeySequence::HelpContents)});
  makeAction("whatIsRaft", tr("&What is Raft?"), QKeySequence(), [this] {
    QMessageBox box(QMessageBox::Information, tr("What is Raft?"), whatIsRaft(), QMessageBox::Close, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
  });
  // Export for slides: the current instant of the current branch.
  auto export_frame = [this](ExportFormat format) {
    if (!doc_->run() || !frame_.valid()) return;
    const QString path = askExportPath(this, format, doc_->title());
    if (path.isEmpty()) return;
    FrameLabels labels{doc_->title(), doc_->run()->branchCount() > 1 ? qs(doc_->run()->branch(playhead_->branch()).name) : QString()};
    QString error;
    if (!exportFrame(frame_, labels, Theme::current(), path, kDefaultExportSize, error)) fail(tr("Cannot export the frame"), error);
  };
  makeAction("exportPng", tr("Export frame as &PNG…"), QKeySequence(), [export_frame] { export_frame(ExportFormat::Png); });
  makeAction("exportSvg", tr("Export frame as S&VG…"), QKeySequence(), [export_frame] { export_frame(ExportFormat::Svg); });

}

void MainWindow::buildPlaybackActions() {
  play_action_ = makeAction("play", tr("▶  Play"), QKeySequence(Qt::Key_Space), [this] { playhead_->togglePlay(); });
  makeAction("stepBack", tr("◀ Step"), QKeySequence(Qt::Key_Left), [this] { playhead_->pause(); playhead_->stepBackward(); });
  makeAction("stepForward", tr("Step ▶"), QKeySequence(Qt::Key_Right), [this] { playhead_->pause(); playhead_->stepForward(); });
  auto* prev = makeAction("previousNotable", tr("◀◀ Previous"), QKeySequence(Qt::CTRL | Qt::Key_Left),
                    [this] { playhead_->pause(); playhead_->previousNotable(); });
  prev->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
  auto* next = makeAction("nextNotable", tr("Next ▶▶"), QKeySequence(Qt::CTRL | Qt::Key_Right),
                    [this] { playhead_->pause(); playhead_->nextNotable(); });
  next->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
  makeAction("toStart", tr("|◀ Start"), QKeySequence(Qt::Key_Home), [this] { playhead_->pause(); playhead_->toStart(); });
  makeAction("toEnd", tr("End ▶|"), QKeySequence(Qt::Key_End), [this] { playhead_->pause(); playhead_->toEnd(); });
  makeAction("slower", tr("Slower"), QKeySequence(Qt::Key_BracketLeft), [this] {
    int i = std::max(0, speed_box_->currentIndex() - 1);
    playhead_->setSpeed(speed_box_->itemData(i).toDouble());
  });
  makeAction("faster", tr("Faster"), QKeySequence(Qt::Key_BracketRight), [this] {
    int i = std::min(speed_box_->count() - 1, speed_box_->currentIndex() + 1);
    playhead_->setSpeed(speed_box_->itemData(i).toDouble());
  });
  live_action_ = makeAction("live", tr("Live"), QKeySequence(Qt::Key_L), [this](bool on) { playhead_->setLive(on); });
  live_action_->setCheckable(true);
  live_action_->setToolTip(tr("Live: playing past the end keeps simulating (L)"));
}

void MainWindow::buildActingActions() {
  // Acting on the selected node (1–9 select).
  for (int i = 0; i < kMaxNodes; ++i)
    makeAction(QStringLiteral("select%1").arg(i + 1), tr("Select node %1").arg(i + 1), QKeySequence(Qt::Key_1 + i), [this, i] {
      if (i < frame_.state.node_count) {
        view_->setSelectedNode(i);
        statusBar()->showMessage(tr("%1 selected: W write, R read, C crash/restart, I isolate, T timeout").arg(nodeName(NodeId(i))), 4000);
      }
    });
  makeAction("write", tr("&Write to the selected node"), QKeySequence(Qt::Key_W), [this] {
    NodeId n = selectedOrAsk();
    if (n != kNoNode) writeTo(n);
  });
  makeAction("writeText", tr("Write a &text to the selected node…"), QKeySequence(Qt::SHIFT | Qt::Key_W), [this] {
    NodeId n = selectedOrAsk();
    if (n == kNoNode) return;
    bool ok = false;
    QString text = QInputDialog::getText(this, tr("Client write"), tr("Write to %1:").arg(nodeName(n)), QLineEdit::Normal,
                                         QString(), &ok);
    if (ok && !text.trimmed().isEmpty()) writeTo(n, text.trimmed());
  });
  makeAction("read", tr("&Read a key at the selected node…"), QKeySequence(Qt::Key_R), [this] {
    NodeId n = selectedOrAsk();
    if (n != kNoNode) readAt(n);
  });
  makeAction("crash", tr("&Crash or restart the selected node"), QKeySequence(Qt::Key_C), [this] {
    NodeId n = selectedOrAsk();
    if (n != kNoNode) toggleCrash(n);
  });
  makeAction("isolate", tr("&Isolate the selected node"), QKeySequence(Qt::Key_I), [this] {
    NodeId n = selectedOrAsk();
    if (n != kNoNode) isolate(n);
  });
  makeAction("timeout", tr("Force the selected node's &timeout"), QKeySequence(Qt::Key_T), [this] {
    NodeId n = selectedOrAsk();
    if (n != kNoNode) forceTimeout(n);
  });
  makeAction("healAll", tr("&Heal every link"), QKeySequence(Qt::Key_H), [this] { healAll(); });
  // P cuts the selected nodes (click, Shift+click, a rubber band) off from
  // the rest; with none selected, or all of them, it asks which, as Shift+P does.
  auto partitionDialog = [this] {
    PartitionDialog d(doc_->run() ? doc_->run()->config().names : std::vector<std::string>{}, this);
    if (d.exec() == QDialog::Accepted && d.groups().size() > 1) partition(d.groups());
  };
  makeAction("partition", tr("&Partition the selected nodes off"), QKeySequence(Qt::Key_P), [this, partitionDialog] {
    const std::vector<int> selected = view_->selectedNodes();
    const int n = frame_.state.node_count;
    if (selected.empty() || int(selected.size()) >= n) return partitionDialog();
    std::vector<NodeId> side, rest;
    for (int i = 0; i < n; ++i)
      (std::find(selected.begin(), selected.end(), i) != selected.end() ? side : rest).push_back(NodeId(i));
    partition({side, rest});
  });
  makeAction("partitionDialog", tr("Partition &by choosing the nodes…"), QKeySequence(Qt::SHIFT | Qt::Key_P), partitionDialog);
}

// Which side tab shows, the theme, the stage layout.
void MainWindow::buildViewActions() {
  makeAction("showRules", tr("Show the &rules"), QKeySequence(Qt::Key_F2), [this] {
    side_tabs_->setCurrentIndex(1);
  });
  makeAction("showJournal", tr("Show the &journal"), QKeySequence(Qt::Key_F3), [this] {
    side_tabs_->setCurrentIndex(0);
    journal_view_->setFocus();
  });
  makeAction("showSpaceTime", tr("Show the s&pace-time view"), QKeySequence(Qt::Key_F4), [this] {
    side_tabs_->setCurrentWidget(space_time_);
  });
  makeAction("darkTheme", tr("&Dark theme"), QKeySequence(), [this](bool on) {
    setScheme(on ? Scheme::Dark : Scheme::Light);
    UserSettings settings = UserSettings::load();
    settings.theme = Theme::schemeName(Theme::current().scheme());
    settings.save();
  })->setCheckable(true);
  makeAction("stageLayout", tr("&Stage layout"), QKeySequence(Qt::Key_S), [this](bool on) { setStageLayout(on); })
      ->setCheckable(true);

}

void MainWindow::buildToolbar() {
  // Files and acting.
  auto* tb = addToolBar(tr("Main"));
  toolbar_ = tb;
  tb->setObjectName(QStringLiteral("mainToolBar"));
  tb->setMovable(false);
  tb->setFont(Theme::font(TextRole::Panel, true));
  tb->setToolButtonStyle(Qt::ToolButtonTextOnly);
  for (const char* name : {"newCluster", "open", "save"}) tb->addAction(action(QString::fromLatin1(name)));
  tb->addSeparator();
  for (const char* name : {"write", "crash", "isolate", "timeout", "partition", "healAll"})
    tb->addAction(action(QString::fromLatin1(name)));
  action("write")->setIconText(tr("Write (W)"));
  action("crash")->setIconText(tr("Crash/restart (C)"));
  action("isolate")->setIconText(tr("Isolate (I)"));
  action("timeout")->setIconText(tr("Timeout (T)"));
  action("partition")->setIconText(tr("Partition (P)"));
  action("healAll")->setIconText(tr("Heal all (H)"));
  action("newCluster")->setIconText(tr("New"));
  action("open")->setIconText(tr("Open"));
  action("save")->setIconText(tr("Save"));
  tb->addSeparator();
  tb->addWidget(chapter_label_);

}

// The transport row's buttons (the row itself is built by buildTransport).
void MainWindow::buildTransportButtons() {
  auto* transport = qobject_cast<QHBoxLayout*>(centralWidget()->findChild<QWidget*>(QStringLiteral("transport"))->layout());
  auto button = [&](const char* name) {
    auto* b = new QToolButton;
    b->setDefaultAction(action(QString::fromLatin1(name)));
    b->setFont(Theme::font(TextRole::Control, true));
    b->setFocusPolicy(Qt::NoFocus);
    b->setMinimumHeight(40);
    transport->addWidget(b);
    return b;
  };
  // The jumps show their symbol only (menus and tooltips keep the words): the
  // row then fits a 1280 px projector in either language.
  for (const char* name : {"toStart", "previousNotable", "nextNotable", "toEnd"}) {
    QAction* jump = action(QString::fromLatin1(name));
    jump->setIconText(jump->text().remove(QRegularExpression(QStringLiteral("[^◀▶|]"))));
  }
  button("toStart");
  button("previousNotable");
  button("stepBack");
  button("play")->setMinimumWidth(120);
  button("stepForward");
  button("nextNotable");
  button("toEnd");
  transport->addSpacing(12);
  transport->addWidget(new QLabel(tr("Speed")));
  transport->addWidget(speed_box_);
  button("live");
  transport->addSpacing(12);
  transport->addWidget(new QLabel(tr("Branch")));
  transport->addWidget(branch_box_);
  transport->addStretch(1);
  transport->addWidget(time_label_);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  for (const char* name : {"newCluster", "liveCluster", "defaultCluster", "open"}) file->addAction(action(QString::fromLatin1(name)));
  recent_menu_ = file->addMenu(tr("Open &recent"));
  file->addSeparator();
  file->addAction(action("save"));
  file->addAction(action("saveAs"));
  file->addSeparator();
  file->addAction(action("exportPng"));
  file->addAction(action("exportSvg"));
  file->addSeparator();
  file->addAction(action("quit"));

  QMenu* play = menuBar()->addMenu(tr("&Playback"));
  for (const char* name : {"play", "stepBack", "stepForward", "previousNotable", "nextNotable", "toStart", "toEnd",
                           "slower", "faster", "live"})
    play->addAction(action(QString::fromLatin1(name)));

  cluster_menu_ = menuBar()->addMenu(tr("&Cluster"));
  connect(cluster_menu_, &QMenu::aboutToShow, this, [this] {
    cluster_menu_->clear();
    fillClusterMenu(cluster_menu_);
  });
  fillClusterMenu(cluster_menu_);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(action("showRules"));
  view->addAction(action("showJournal"));
  view->addAction(action("showSpaceTime"));
  view->addSeparator();
  view->addAction(action("stageLayout"));
  view->addAction(action("darkTheme"));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(action("keys"));
  help->addAction(action("whatIsRaft"));
}

void MainWindow::fillClusterMenu(QMenu* menu) {
  const int n = frame_.state.node_count;
  auto perNode = [&](const QString& title, auto fn, auto enabled) {
    QMenu* sub = menu->addMenu(title);
    for (int i = 0; i < n; ++i) {
      QAction* a = sub->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(nodeName(NodeId(i))));
      a->setEnabled(enabled(NodeId(i)));
      connect(a, &QAction::triggered, this, [this, fn, i] { (this->*fn)(NodeId(i)); });
    }
  };
  auto always = [](NodeId) { return true; };
  QMenu* write = menu->addMenu(tr("&Write to"));
  for (int i = 0; i < n; ++i) {
    QAction* a = write->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(nodeName(NodeId(i))));
    connect(a, &QAction::triggered, this, [this, i] { writeTo(NodeId(i)); });
  }
  QMenu* read = menu->addMenu(tr("&Read a key at"));
  for (int i = 0; i < n; ++i) {
    QAction* a = read->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(nodeName(NodeId(i))));
    connect(a, &QAction::triggered, this, [this, i] { readAt(NodeId(i)); });
  }
  perNode(tr("&Crash or restart"), &MainWindow::toggleCrash, always);
  perNode(tr("&Isolate"), &MainWindow::isolate, always);
  perNode(tr("Force &timeout"), &MainWindow::forceTimeout,
          [this](NodeId i) { return frame_.state.nodes[i].alive; });
  // Membership (rung 16): asked of the leader; who is in is what the leader goes by.
  auto inConfiguration = [this](NodeId i) {
    const ClusterState& st = frame_.state;
    uint16_t members = st.initial_members;
    uint32_t term = 0;
    for (int k = 0; k < st.node_count; ++k) {
      const NodeState& x = st.nodes[size_t(k)];
      if (x.alive && x.role == Role::Leader && x.term >= term) members = x.members, term = x.term;
    }
    return (members & (1u << i)) != 0;
  };
  perNode(tr("&Add to the configuration"), &MainWindow::addNode, [&](NodeId i) { return !inConfiguration(i); });
  perNode(tr("Re&move from the configuration"), &MainWindow::removeNode, [&](NodeId i) { return inConfiguration(i); });
  QMenu* links = menu->addMenu(tr("Cut or heal a &link"));
  for (int a = 0; a < n; ++a)
    for (int b = a + 1; b < n; ++b) {
      bool up = !(frame_.state.cut[size_t(a)] & (1u << b));
      QAction* act = links->addAction((up ? tr("Cut %1 – %2") : tr("Heal %1 – %2")).arg(nodeName(NodeId(a)), nodeName(NodeId(b))));
      connect(act, &QAction::triggered, this, [this, a, b] { toggleLink(NodeId(a), NodeId(b)); });
    }
  menu->addAction(action("partition"));
  menu->addAction(action("partitionDialog"));
  menu->addAction(action("healAll"));
  menu->addAction(action("freeze"));
  QMenu* drop = menu->addMenu(tr("&Drop a message in flight"));
  if (frame_.valid()) {
    EventFormatter fmt(doc_->run()->config(), *frame_.journal, language());
    int shown = 0;
    for (const InFlight& m : frame_.state.in_flight) {
      if (++shown > 30) break;
      const Event& e = (*frame_.journal)[m.sent];
      QAction* a = drop->addAction(QStringLiteral("%1 → %2: %3")
                                       .arg(nodeName(m.from), nodeName(m.to), qs(fmt.message(e))));
      Seq seq = m.sent;
      connect(a, &QAction::triggered, this, [this, seq] { dropMessage(seq); });
    }
  }
  drop->setEnabled(!drop->isEmpty());
  menu->addSeparator();
  menu->addAction(action("findFailure"));
}

QMenu* MainWindow::nodeMenu(NodeId n) {
  auto* m = new QMenu(this);
  m->setFont(Theme::font(TextRole::Body));
  const NodeState& ns = frame_.state.nodes[n];
  m->addSection(nodeName(n));
  QAction* w = m->addAction(tr("&Write"));
  w->setObjectName(QStringLiteral("nodeWrite"));
  connect(w, &QAction::triggered, this, [this, n] { writeTo(n); });
  QAction* wt = m->addAction(tr("Write a te&xt…"));
  connect(wt, &QAction::triggered, this, [this, n] {
    bool ok = false;
    QString text = QInputDialog::getText(this, tr("Client write"), tr("Write to %1:").arg(nodeName(n)),
                                         QLineEdit::Normal, QString(), &ok);
    if (ok && !text.trimmed().isEmpty()) writeTo(n, text.trimmed());
  });
  QAction* r = m->addAction(tr("Rea&d a key…"));
  r->setObjectName(QStringLiteral("nodeRead"));
  connect(r, &QAction::triggered, this, [this, n] { readAt(n); });
  QAction* c = m->addAction(ns.alive ? tr("&Crash") : tr("&Restart"));
  c->setObjectName(QStringLiteral("nodeCrash"));
  connect(c, &QAction::triggered, this, [this, n] { toggleCrash(n); });
  QAction* i = m->addAction(tr("&Isolate"));
  i->setObjectName(QStringLiteral("nodeIsolate"));
  connect(i, &QAction::triggered, this, [this, n] { isolate(n); });
  QAction* t = m->addAction(tr("Force election &timeout"));
  t->setObjectName(QStringLiteral("nodeTimeout"));
  t->setEnabled(ns.alive);
  connect(t, &QAction::triggered, this, [this, n] { forceTimeout(n); });
  QMenu* links = m->addMenu(tr("Cut or heal &link to"));
  for (int p = 0; p < frame_.state.node_count; ++p) {
    if (p == n) continue;
    bool up = !(frame_.state.cut[n] & (1u << p));
    QAction* a = links->addAction((up ? tr("Cut %1") : tr("Heal %1")).arg(nodeName(NodeId(p))));
    connect(a, &QAction::triggered, this, [this, n, p] { toggleLink(n, NodeId(p)); });
  }
  m->addSeparator();
  QAction* f = m->addAction(tr("Show only its events in the journal"));
  connect(f, &QAction::triggered, this, [this, n] {
    journal_node_box_->setCurrentIndex(journal_node_box_->findData(int(n)));
    side_tabs_->setCurrentIndex(0);
  });
  return m;
}

QString MainWindow::nodeName(NodeId n) const {
  if (!doc_->run() || n >= doc_->run()->config().names.size()) return QStringLiteral("?");
  return qs(doc_->run()->config().names[n]);
}

NodeId MainWindow::selectedOrAsk() const {
  int s = view_->selectedNode();
  if (s >= 0) return NodeId(s);
  const_cast<MainWindow*>(this)->statusBar()->showMessage(tr("Select a node first: click it or press its number (1–9)"), 4000);
  return kNoNode;
}

// --- acting -------------------------------------------------------------------

int MainWindow::act(Action a) {
  if (!doc_->run()) return -1;
  if (live_session_->intercept(a)) return playhead_->branch();  // real processes
  int before = playhead_->branch();
  bool was_past = playhead_->time() < doc_->run()->endTime(before);
  a.time_us = playhead_->time();
  int id = playhead_->act(a);
  doc_->setDirty(true);
  if (id != before) {
    statusBar()->showMessage(tr("Acting in the past: new branch “%1” from %2")
                                 .arg(qs(doc_->run()->branch(id).name), seconds(doc_->run()->branch(id).fork_time_us)), 6000);
  } else if (was_past) {  // another action at the instant this branch was made joins it
    statusBar()->showMessage(tr("Added to branch “%1” at %2").arg(qs(doc_->run()->branch(id).name), seconds(a.time_us)), 6000);
  }
  refreshBranches();
  refresh();  // the title follows the document's dirtyChanged
  return id;
}

void MainWindow::writeTo(NodeId node, const QString& text) {
  Action a;
  a.kind = ActionKind::Write;
  a.node = node;
  if (text.isEmpty()) {
    // The next letter of the talk: A, B, C… (counting this branch's writes).
    size_t k = frame_.valid() ? frame_.journal->writes().size() - 1 : 0;
    std::string t(1, char('A' + k % 26));
    if (k >= 26) t += std::to_string(k / 26 + 1);
    a.text = t;
  } else {
    a.text = text.toStdString();
  }
  act(a);
}

void MainWindow::readAt(NodeId node, const QString& key_given) {
  QString key = key_given;
  if (key.isEmpty()) {
    if (!interactive()) return;
    // The key of the last write, as a suggestion ("x" of "x=2").
    QString last = QStringLiteral("x");
    if (frame_.valid() && frame_.journal->writes().size() > 1) {
      const std::string& t = frame_.journal->writes().back().text;
      if (size_t eq = t.find('='); eq != std::string::npos && eq > 0 && readKeyProblem(t.substr(0, eq)).empty())
        last = QString::fromStdString(t.substr(0, eq));
    }
    bool ok = false;
    key = QInputDialog::getText(this, tr("Client read"), tr("Key to read at %1:").arg(nodeName(node)), QLineEdit::Normal,
                                last, &ok).trimmed();
    if (!ok || key.isEmpty()) return;
  }
  if (!readKeyProblem(key.toStdString()).empty()) {
    // core's readKeyProblem() decides, in English; the window says why in its language.
    const QString shown = key.size() > 24 ? key.left(24) + QStringLiteral("…") : key;
    const QString why = key.toUtf8().size() > qsizetype(kMaxReadKeyBytes)
                            ? tr("the key “%1” is longer than %2 bytes").arg(shown).arg(kMaxReadKeyBytes)
                            : tr("the key “%1” may hold letters, digits and signs, not “=”, quotes or spaces").arg(shown);
    statusBar()->showMessage(tr("Cannot read: %1").arg(why), 6000);
    return;
  }
  Action a;
  a.kind = ActionKind::Read;
  a.node = node;
  a.text = key.toStdString();
  act(a);
}

void MainWindow::toggleCrash(NodeId node) {
  act({.kind = frame_.state.nodes[node].alive ? ActionKind::Crash : ActionKind::Restart, .node = node});
}

void MainWindow::toggleLink(NodeId x, NodeId y) {
  if (x == y) return;
  act({.kind = (frame_.state.cut[x] & (1u << y)) ? ActionKind::Heal : ActionKind::Cut, .node = x, .peer = y});
}

void MainWindow::isolate(NodeId node) { act({.kind = ActionKind::Isolate, .node = node}); }

void MainWindow::forceTimeout(NodeId node) { act({.kind = ActionKind::Timeout, .node = node}); }

void MainWindow::addNode(NodeId node) { act({.kind = ActionKind::AddNodes, .groups = {{node}}}); }

void MainWindow::removeNode(NodeId node) { act({.kind = ActionKind::RemoveNodes, .groups = {{node}}}); }

void MainWindow::healAll() { act({.kind = ActionKind::HealAll}); }

void MainWindow::partition(std::vector<std::vector<NodeId>> groups) {
  act({.kind = ActionKind::Partition, .groups = std::move(groups)});
}

void MainWindow::dropMessage(Seq sent) { act({.kind = ActionKind::DropMessage, .message = sent}); }

void MainWindow::setConcepts(Concepts c) {
  if (!doc_->run() || c == frame_.state.concepts) return;
  std::string problem = conceptsProblem(c, language());
  if (!problem.empty()) {
    statusBar()->showMessage(tr("Not applied: %1").arg(qs(problem)), 6000);
    concepts_->showConcepts(frame_.state.concepts);
    return;
  }
  Action a;
  a.kind = ActionKind::SetConcepts;
  a.concepts = c;
  act(a);
}

void MainWindow::showMessageDetails(Seq sent) {
  if (!frame_.valid() || sent >= frame_.journal->size()) return;
  const Event& e = (*frame_.journal)[sent];
  EventFormatter fmt(doc_->run()->config(), *frame_.journal, language());
  auto* box = new QMessageBox(this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setWindowTitle(tr("Message"));
  box->setFont(Theme::font(TextRole::Control));
  box->setText(tr("<b>%1 → %2</b><br>%3<br>sent at %4, arrives at %5")
                   .arg(nodeName(e.node).toHtmlEscaped(), nodeName(e.peer).toHtmlEscaped(),
                        qs(fmt.message(e)).toHtmlEscaped(), seconds(e.time_us), seconds(e.at_us())));
  bool in_flight = frame_.state.findInFlight(sent) != nullptr;
  QPushButton* drop = in_flight ? box->addButton(tr("&Drop it"), QMessageBox::DestructiveRole) : nullptr;
  box->addButton(QMessageBox::Close);
  connect(box, &QMessageBox::buttonClicked, this, [this, drop, sent](QAbstractButton* b) {
    if (drop && b == drop) dropMessage(sent);
  });
  box->open();
}

// --- documents --------------------------------------------------------------------

Run* MainWindow::run() const { return doc_->run(); }
QString MainWindow::filePath() const { return doc_->path(); }
bool MainWindow::isDirty() const { return doc_->dirty(); }

void MainWindow::setRun(std::unique_ptr<Run> run, bool live, const QString& path, const QString& title) {
  playhead_->pause();
  live_session_->documentReplaced();  // stops a live cluster's processes
  // Views point into the old run: detach them first.
  journal_model_->setJournal(nullptr, nullptr);
  timeline_->setJournal(nullptr, 0);
  frame_ = Frame{};
  view_->setSelectedNode(-1);
  doc_->replace(std::move(run), live, path, title);  // the playhead owns the live flag
  live_action_->setChecked(live);
  journal_node_box_->blockSignals(true);
  journal_node_box_->clear();
  journal_node_box_->addItem(tr("every node"), -1);
  for (int i = 0; i < doc_->run()->config().nodeCount(); ++i) journal_node_box_->addItem(nodeName(NodeId(i)), i);
  journal_node_box_->blockSignals(false);
  journal_filter_->setNode(-1);
  const int nodes = doc_->run()->config().nodeCount();
  node_table_->setMinimumHeight(node_table_->horizontalHeader()->sizeHint().height() + nodes * 34 + 4);
  logs_->setMinimumHeight(logs_->heightFor(nodes));
  vertical_->setSizes({std::max(300, vertical_->height() - logs_->heightFor(nodes)), logs_->heightFor(nodes)});
  refreshBranches();
  refresh();
  updateTitle();
}

void MainWindow::showTalkStep(std::unique_ptr<Run> run, const QString& title) {
  // The stage is laid out for the step's longest log, so nodes stay put
  // while the step plays (sampled: logs grow and shrink by whole entries).
  stage_->setLongestLog(stepLongestLog(*run));
  stage_->setEntryTextWidth(stepEntryTextWidth(*run));  // boxes as wide as its widest write
  setRun(std::move(run), false, QString(), title);
}

void MainWindow::setCaption(const QString& rich_text) {
  caption_->setText(rich_text);
  caption_->setVisible(!rich_text.isEmpty() || stage_on_);  // on stage its band stays
}

void MainWindow::setStageLayout(bool on) {
  stage_on_ = on;
  if (QAction* a = action(QStringLiteral("stageLayout"))) {
    QSignalBlocker block(a);
    a->setChecked(on);
  }
  menuBar()->setVisible(!on);
  toolbar_->setVisible(!on);
  statusBar()->setVisible(!on);
  transport_widget_->setVisible(!on);
  vertical_->setVisible(!on);
  stage_->setVisible(on);
  stage_table_view_->setVisible(on && stage_table_);
  if (on) banner_->hide();  // the stage paints the finding in its own band
  caption_->setVisible(on || !caption_->text().isEmpty());
  layOutStage();
  showFrame();
}

void MainWindow::setStageSent(bool on) { stage_->setSentCounter(on); }

void MainWindow::setStageTable(bool on) {
  stage_table_ = on;
  stage_table_view_->setVisible(stage_on_ && on);
  layOutStage();
}

void MainWindow::setLesson(const QString& lesson) {
  lesson_ = lesson.toStdString();
  refresh();
}

void MainWindow::setTalkMode(bool on) {
  talk_mode_ = on;
  timeline_->setHideFuture(on);
  journal_filter_->setLimit(on ? frame_.position() : std::numeric_limits<Seq>::max());
}

void MainWindow::layOutStage() {
  if (!stage_on_) {
    caption_->setFont(Theme::font(TextRole::Caption));
    caption_->setMinimumHeight(0);
    caption_->setMaximumHeight(QWIDGETSIZE_MAX);
    timeline_->setMaximumHeight(QWIDGETSIZE_MAX);
    timeline_->setMinimumHeight(80);
    return;
  }
  // Proportional to the screen: 30 px at 1080 p. The band holds three lines
  // (title and caption, the pause's label) whatever the step says: fixed, so
  // the picture never moves between clicks.
  const double k = std::max(1, height()) / 1080.0;
  const QFont font = Theme::fittedFont(std::max(Theme::px(TextRole::Legible), Theme::px(TextRole::Caption, k)));
  caption_->setFont(font);
  const int band = 3 * QFontMetrics(font).lineSpacing() + caption_->contentsMargins().top() +
                   caption_->contentsMargins().bottom() + 4;
  caption_->setFixedHeight(band);
  timeline_->setMinimumHeight(std::max(44, int(std::lround(52 * k))));  // thin: the track and its marks
  timeline_->setMaximumHeight(timeline_->minimumHeight());
  if (stage_table_view_->isVisible()) {
    stage_table_view_->setFont(
        Theme::fittedFont(std::max(Theme::px(TextRole::Legible), Theme::px(TextRole::StageTable, k))));
    stage_table_view_->verticalHeader()->setDefaultSectionSize(std::max(20, int(std::lround(34 * k))));
    fitColumns(stage_table_view_);  // in the new font
    const int rows = node_model_->rowCount();
    stage_table_view_->setFixedHeight(stage_table_view_->horizontalHeader()->sizeHint().height() +
                                      rows * stage_table_view_->verticalHeader()->defaultSectionSize() + 4);
  }
}

void MainWindow::resizeEvent(QResizeEvent* e) {
  QMainWindow::resizeEvent(e);
  if (stage_on_) layOutStage();
}

void MainWindow::startDefault() {
  ScriptError error;
  auto sc = parseScenario(defaultScenarioText(), "default", error);
  if (!sc) {
    fail(tr("Default cluster"), qs(error.toString()));
    return;
  }
  // Live from time 0: the script's actions happen as the run is extended, so
  // acting at the head continues the same branch.
  setRun(std::make_unique<Run>(sc->config, sc->actions, 0), true, QString(), qs(sc->title));
  // Paused at 0: the first election would otherwise be over before one looks.
  start_hint_ = tr("Paused at 0 s — Space to start, ? for the keys");
  statusBar()->showMessage(start_hint_);
}

void MainWindow::newCluster(const ClusterConfig& config) {
  setRun(std::make_unique<Run>(config, std::vector<Action>{}, 0), true, QString(), tr("New cluster"));
}

bool MainWindow::loadScenarioText(const QString& text, const QString& file_name, bool live) {
  ScriptError error;
  std::string bytes = text.toStdString();
  auto sc = parseScenario(bytes, file_name.toStdString(), error);
  if (!sc) {
    fail(tr("Cannot open the scenario"), qs(error.toString()));
    return false;
  }
  QString title = sc->title.empty() ? QFileInfo(file_name).fileName() : qs(sc->title);
  setRun(std::make_unique<Run>(sc->config, sc->actions, sc->until_us), live, QString(), title);
  return true;
}

bool MainWindow::openScenario(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    fail(tr("Cannot open the scenario"), tr("%1: %2").arg(path, f.errorString()));
    return false;
  }
  if (!loadScenarioText(QString::fromUtf8(f.readAll()), path)) return false;
  addRecent(path);
  return true;
}

bool MainWindow::openRecording(const QString& path) {
  QString error;
  std::unique_ptr<Run> run = loadRecording(path, error);
  if (!run) {
    fail(tr("Cannot open the recording"), error);
    return false;
  }
  setRun(std::move(run), false, path, QFileInfo(path).fileName());
  addRecent(path);
  return true;
}

bool MainWindow::saveRecording(const QString& path) {
  if (!doc_->run()) return false;
  QString error;
  if (!radeau::gui::saveRecording(*doc_->run(), path, error)) {
    fail(tr("Cannot save the recording"), error);
    return false;
  }
  doc_->saved(path, QFileInfo(path).fileName());
  addRecent(path);
  updateTitle();
  statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
  return true;
}

bool MainWindow::openFile(const QString& path) {
  if (fileTypeOf(path) == FileType::Talk) return openTalk(path);
  if (fileTypeOf(path) == FileType::Recording && looksLikeRecording(path)) return openRecording(path);
  return openScenario(path);
}

bool MainWindow::openTalk(const QString& path) {
  // A window presents one talk: its clicker keys and Talk menu stay with it.
  if (findChild<PresenterMode*>()) {
    fail(tr("Cannot open the talk"), tr("This window already presents a talk; start another Radeau for %1.").arg(path));
    return false;
  }
  auto* presenter = new PresenterMode(this, language());
  QString error;
  if (!presenter->load(path, error)) {
    delete presenter;
    fail(tr("Cannot open the talk"), error);
    return false;
  }
  addRecent(path);
  return true;
}

QString MainWindow::askRecordingPath() {
  return withRecordingSuffix(QFileDialog::getSaveFileName(this, tr("Save recording"), QString(), saveRecordingFilter()));
}

bool MainWindow::maybeDiscard() {
  if (!doc_->dirty() || !doc_->run()) return true;
  if (!interactive_) return discard_allowed_;
  auto answer = QMessageBox::question(this, tr("Unsaved work"),
                                      tr("You acted on this run since it was saved. Save it as a recording first?"),
                                      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Discard) return true;
  QString path = doc_->path().endsWith(QStringLiteral(".radeau")) ? doc_->path() : QString();
  if (path.isEmpty())
    path = askRecordingPath();
  return !path.isEmpty() && saveRecording(path);
}

void MainWindow::closeEvent(QCloseEvent* e) {
  if (maybeDiscard()) {
    playhead_->pause();
    live_session_->stop();
    e->accept();
  } else {
    e->ignore();
  }
}

void MainWindow::fail(const QString& title, const QString& message) {
  last_error_ = message;
  if (interactive_) QMessageBox::warning(this, title, message);
  else statusBar()->showMessage(message);
}

void MainWindow::addRecent(const QString& path) {
  UserSettings settings = UserSettings::load();
  settings.addRecent(path);
  settings.save();
  updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
  if (!recent_menu_) return;
  recent_menu_->clear();
  const QStringList list = UserSettings::load().recent_files;
  for (int i = 0; i < list.size(); ++i) {
    QString path = list[i];
    QAction* a = recent_menu_->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(QFileInfo(path).fileName()));
    a->setToolTip(path);
    connect(a, &QAction::triggered, this, [this, path] {
      if (maybeDiscard()) openFile(path);
    });
  }
  recent_menu_->setEnabled(!list.isEmpty());
}

void MainWindow::updateTitle() {
  QString name = doc_->title().isEmpty() ? tr("untitled") : doc_->title();
  setWindowTitle(tr("%1[*] — Radeau").arg(name));
  setWindowModified(doc_->dirty());
}

void MainWindow::updatePlayAction() {
  play_action_->setText(playhead_->playing() ? tr("❚❚  Pause") : tr("▶  Play"));
  // The start hint says "Paused at 0 s": once playing, it is no longer true.
  if (playhead_->playing() && !start_hint_.isEmpty() && statusBar()->currentMessage() == start_hint_) statusBar()->clearMessage();
}

// --- showing ------------------------------------------------------------------------

void MainWindow::refreshBranches() {
  updating_branches_ = true;
  branch_box_->clear();
  if (doc_->run()) {
    for (int i = 0; i < doc_->run()->branchCount(); ++i) {
      const Branch& b = doc_->run()->branch(i);
      QString label = qs(b.name);
      if (b.parent >= 0) label += tr("  (from %1 at %2)").arg(qs(doc_->run()->branch(b.parent).name), seconds(b.fork_time_us));
      branch_box_->addItem(label, i);
    }
    branch_box_->setCurrentIndex(playhead_->branch());
  }
  updating_branches_ = false;
}

void MainWindow::onMoved() {
  if (doc_->run() && branch_box_->currentIndex() != playhead_->branch()) {
    updating_branches_ = true;
    branch_box_->setCurrentIndex(playhead_->branch());
    updating_branches_ = false;
  }
  moving_ = true;  // the playhead moved: event-driven parts may stay (showFrame)
  refresh();
  moving_ = false;
}

void MainWindow::refresh() {
  if (!doc_->run()) return;
  frame_ = frameAt(*doc_->run(), playhead_->branch(), playhead_->time());
  if (frame_.no_violation) frame_.lesson = lesson_;
  showFrame();
}

void MainWindow::showClock() {
  const QString text = seconds(frame_.time_us);
  // Measured when its length changes, not at every tick: the clock's digits are
  // as wide as each other, and the label only ever widens.
  if (text.size() != clock_chars_) {
    clock_chars_ = int(text.size());
    const int need = time_label_->fontMetrics().horizontalAdvance(text) + 8;
    if (need > time_label_->width()) time_label_->setFixedWidth(need);
  }
  time_label_->setText(text);
}

// The journal panel centred on the last event shown at or before the playhead.
void MainWindow::scrollJournal() {
  journal_filter_->follow(frame_.position());
  const int row = journal_filter_->rowAtOrBefore(frame_.position());
  if (row >= 0 && journal_view_->isVisible())
    journal_view_->scrollTo(journal_filter_->index(row, 0), QAbstractItemView::PositionAtCenter);
}

void MainWindow::showFrame() {
  if (!frame_.valid()) return;
  if (stage_on_) stage_->showFrame(frame_);
  view_->showFrame(frame_);
  // Between two events only time moves (messages fly, timers run down): the
  // logs, journal, rules, banner and timeline marks stay as they are. Most
  // ticks of a playing window are such ticks (issue 19: a calm window).
  const int b = playhead_->branch();
  const Shown shown{frame_.journal, frame_.position(), b, doc_->run()->branchCount(), stage_on_, talk_mode_};
  if (moving_ && shown == shown_) {
    // The timers' milliseconds, ten times a second: read by people, not at 60 Hz.
    if (!timers_shown_.isValid() || timers_shown_.elapsed() >= 100) {
      node_model_->showTime(frame_);
      timers_shown_.start();
    }
    if (space_time_->isVisible()) space_time_->showRun(doc_->run(), b, frame_.time_us);
    timeline_->setTime(frame_.time_us);
    showClock();
    return;
  }
  shown_ = shown;
  timers_shown_.start();
  if (talk_mode_) journal_filter_->setLimit(frame_.position());
  logs_->showFrame(frame_);
  node_model_->showFrame(frame_);
  journal_model_->setJournal(&doc_->run()->config().names, frame_.journal, doc_->run()->config().concepts);
  journal_model_->setPosition(frame_.position());
  scrollJournal();
  if (space_time_->isVisible()) space_time_->showRun(doc_->run(), b, frame_.time_us);
  Time end = std::max(doc_->run()->endTime(b), frame_.time_us);
  fitJournalTimeColumn(end);
  // The marks from the projection's notable events: not every event's kind read again.
  const Projection& projection = doc_->run()->projection(b);
  timeline_->setJournal(frame_.journal, end,
                        &projection.journal() == frame_.journal ? &projection.notableUpTo(Seq(frame_.journal->size())) : nullptr);
  std::vector<Time> forks;
  for (int i = 0; i < doc_->run()->branchCount(); ++i)
    if (doc_->run()->branch(i).parent == b) forks.push_back(doc_->run()->branch(i).fork_time_us);
  timeline_->setForks(std::move(forks));
  timeline_->setTime(frame_.time_us);
  showClock();
  concepts_->showConcepts(frame_.state.concepts);
  // The rung in words ("Chapter 5: The candidate"), else the spec scripts use ("full -commit").
  QString rules = qs(describeConcepts(frame_.state.concepts));
  // A demonstration's "chapter 1 -persistence" reads as its chapter and the flag it lacks.
  std::string delta;
  if (frame_.state.concepts == Concepts::full()) {
    rules = tr("Full Raft");  // also chapter 12's
  } else if (const Chapter* ch = nearestChapter(frame_.state.concepts, delta)) {
    const std::string_view title = chapterTitle(*ch, language());
    rules = tr("Chapter %1: %2").arg(ch->number).arg(QString::fromUtf8(title.data(), int(title.size()))) + qs(delta).replace(QStringLiteral(" -"), QStringLiteral(" −"));
  }
  chapter_label_->setText(rules);

  // The checker's latest finding, in the presenter's words.
  if (const Event* f = frame_.latestFinding()) {
    EventFormatter fmt(doc_->run()->config(), *frame_.journal, language());
    QString text = QStringLiteral("⚠  ") + qs(fmt.finding(*f));
    size_t earlier = frame_.state.findings.size() - 1;
    if (earlier > 0) text += tr("   (+%1 earlier)").arg(earlier);
    text += QStringLiteral("   ") + tr("at %1").arg(seconds(f->time_us)).replace(QLatin1Char(' '), QChar(0x00A0));
    banner_->setText(text);
    QPalette pal = banner_->palette();
    pal.setColor(QPalette::Window, isSafetyFinding(f->findingKind()) ? Theme::current().danger() : Theme::current().warning());
    pal.setColor(QPalette::WindowText, isSafetyFinding(f->findingKind()) ? Theme::current().onDanger() : Theme::current().onWarning());
    banner_->setPalette(pal);
    banner_->show();
  } else {
    banner_->hide();
  }
  if (stage_on_) banner_->hide();  // painted in the stage's own band
}

void MainWindow::setScheme(Scheme scheme) {
  Theme::setCurrent(scheme);
  // The application's palette reaches every window (notes, dialogs, menus);
  // the window's own keeps it when something else sets the application's.
  QApplication::setPalette(Theme::current().palette());
  setPalette(Theme::current().palette());
  QPalette muted = chapter_label_->palette();
  muted.setColor(QPalette::WindowText, Theme::current().mutedInk());
  chapter_label_->setPalette(muted);
  view_->setBackgroundBrush(Theme::current().background());
  view_->scene()->update();
  logs_->restyle();
  timeline_->update();
  if (QAction* dark = action(QStringLiteral("darkTheme"))) {
    const QSignalBlocker block(dark);
    dark->setChecked(scheme == Scheme::Dark);
  }
  showFrame();  // the banner's colours
  node_table_->viewport()->update();
  journal_view_->viewport()->update();
  emit schemeChanged(scheme);
}

}  // namespace radeau::gui

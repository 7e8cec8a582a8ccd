#include "app/gui/help.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <QFontMetricsF>
#include <QGridLayout>
#include <QPainter>
#include <QRegularExpression>
#include <algorithm>

#include "app/render/cluster_picture.h"
#include "app/gui/cluster_view.h"
#include "app/render/cluster_paint.h"
#include "app/gui/log_view.h"
#include "app/gui/main_window.h"
#include "app/render/theme.h"
#include "app/gui/timeline.h"

namespace radeau::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("radeau::gui", text); }  // the context lupdate gives

// One legend item, painted live (the scheme can change while it is open).
class LegendIcon : public QWidget {
 public:
  LegendIcon(LegendItem item, QWidget* parent) : QWidget(parent), item_(item) {
    setObjectName(QStringLiteral("legend-") + legendKey(item));
    setFixedSize(kLegendIconWidth, kLegendIconHeight);
    setToolTip(legendCaption(item));
  }
  static constexpr int kLegendIconWidth = 134, kLegendIconHeight = 62;

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.fillRect(rect(), Theme::current().background());
    paintLegendItem(p, item_, QRectF(rect()).adjusted(3, 3, -3, -3));
  }

 private:
  LegendItem item_;
};

// Paints a piece of cluster picture (scene coordinates around `scene`) into `box`, as the view does.
void paintScene(QPainter& p, const ClusterPicture& picture, const QRectF& scene, const QRectF& box) {
  const double k = std::min(box.width() / scene.width(), box.height() / scene.height());
  p.save();
  p.translate(box.center());
  p.scale(k, k);
  p.translate(-scene.center());
  paintClusterPicture(p, picture, Theme::current());
  p.restore();
}

NodeGlyph legendNode(Role role) {
  NodeGlyph g;
  g.role = role;
  g.term = 2;
  g.majority = 2;
  return g;
}

MessageGlyph legendMessage(bool dead) {
  Journal journal;
  Event sent;
  sent.kind = EventKind::MessageSent;
  sent.sub = uint8_t(MsgType::VoteRequest);
  sent.term = 2;
  MessageGlyph m;
  m.type = MsgType::VoteRequest;
  m.from = m.to = kNoNode;  // no path: the label stays where it is put
  m.tail = QPointF(0, 0);
  m.head = QPointF(dead ? 150 : 190, 0);
  m.progress = dead ? 0.6 : 0.8;
  m.label = messageLabel(sent, journal);  // core's words, as on the arrows
  m.dead = dead;
  const QSizeF size = messageLabelSize(m.label);
  m.label_px = messageLabelPx(1);
  m.label_rect = QRectF(QPointF(95 - size.width() / 2, -14 - size.height()), size);
  return m;
}

QString plain(QString text) {  // "&Write to…" as a list shows it
  text.remove(QLatin1Char('&'));
  return text.trimmed();
}
}  // namespace

QStringList keyLines(const QWidget& window) {
  QStringList lines;
  // "Select node 1" … "Select node 9" make one line: "1–9 — Select a node by its number".
  QStringList select_keys;
  static const QRegularExpression select(QStringLiteral("^select[1-9]$"));
  for (QAction* a : window.actions()) {
    if (a->shortcuts().isEmpty() || a->text().isEmpty()) continue;
    if (select.match(a->objectName()).hasMatch()) {
      if (select_keys.isEmpty()) lines << QString();  // its place in the list
      select_keys << a->shortcut().toString(QKeySequence::NativeText);
      continue;
    }
    QStringList keys;
    for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
    lines << keys.join(QStringLiteral(" / ")) + QStringLiteral(" — ") + plain(a->text());
  }
  if (!select_keys.isEmpty()) {
    const QString keys = select_keys.size() == 1 ? select_keys.front() : select_keys.front() + QStringLiteral("–") + select_keys.back();
    lines[lines.indexOf(QString())] = keys + QStringLiteral(" — ") + tr("Select a node by its number");
  }
  return lines;
}

static QWidget* legendWidget(QWidget* parent) {
  auto* legend = new QWidget(parent);
  legend->setObjectName(QStringLiteral("legend"));
  auto* grid = new QGridLayout(legend);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setHorizontalSpacing(8);
  grid->setVerticalSpacing(4);
  const auto& items = legendItems();
  const int rows = int(items.size() + 1) / 2;
  for (int i = 0; i < int(items.size()); ++i) {
    const int row = i % rows, column = (i / rows) * 2;
    grid->addWidget(new LegendIcon(items[size_t(i)], legend), row, column);
    auto* caption = new QLabel(legendCaption(items[size_t(i)]), legend);
    caption->setObjectName(QStringLiteral("caption-") + legendKey(items[size_t(i)]));
    caption->setWordWrap(true);
    caption->setFont(Theme::font(TextRole::Secondary));
    caption->setFixedWidth(200);
    grid->addWidget(caption, row, column + 1);
  }
  return legend;
}

QDialog* keysDialog(MainWindow* window) {
  auto* d = new QDialog(window);
  d->setObjectName(QStringLiteral("keysDialog"));
  d->setWindowTitle(tr("Keys and legend"));
  d->setAttribute(Qt::WA_DeleteOnClose);
  auto* layout = new QVBoxLayout(d);
  auto* sides = new QHBoxLayout;
  sides->setSpacing(24);
  // The keys on the left, the legend on the right: the whole
  // fits a 1280×720 screen. The hidden label holds the whole list (what tests
  // and screen readers read).
  auto* keys_side = new QVBoxLayout;
  auto* intro = new QLabel(tr("Every key of the window (the menus show the same):"), d);
  intro->setFont(Theme::font(TextRole::Secondary, true));
  intro->setWordWrap(true);
  keys_side->addWidget(intro);
  const QStringList lines = keyLines(*window);
  auto* column = new QLabel(lines.join(QLatin1Char('\n')), d);
  column->setFont(Theme::font(TextRole::Secondary));
  column->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  column->setTextInteractionFlags(Qt::TextSelectableByMouse);
  keys_side->addWidget(column);
  keys_side->addStretch(1);
  sides->addLayout(keys_side);
  auto* legend_side = new QVBoxLayout;
  auto* legend_title = new QLabel(tr("What the pictures mean:"), d);
  legend_title->setFont(Theme::font(TextRole::Secondary, true));
  legend_side->addWidget(legend_title);
  legend_side->addWidget(legendWidget(d));
  legend_side->addStretch(1);
  sides->addLayout(legend_side);
  layout->addLayout(sides);
  auto* list = new QLabel(lines.join(QLatin1Char('\n')), d);
  list->setObjectName(QStringLiteral("keysList"));
  list->hide();
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, d);
  QObject::connect(buttons, &QDialogButtonBox::rejected, d, &QDialog::close);
  layout->addWidget(buttons);
  return d;
}

const std::vector<LegendItem>& legendItems() {
  static const std::vector<LegendItem> items = {
      LegendItem::ElectionTimer, LegendItem::HeartbeatTimer, LegendItem::CandidateVotes, LegendItem::CrashedNode,
      LegendItem::Message,       LegendItem::DroppedMessage, LegendItem::CutLink,        LegendItem::PartitionedLink,
      LegendItem::Committed,     LegendItem::Uncommitted,    LegendItem::EntryTerms,     LegendItem::LeaderMark,
      LegendItem::CrashMark,     LegendItem::RestartMark,    LegendItem::FaultMark,      LegendItem::HealMark,
      LegendItem::FindingMark,   LegendItem::ForkMark};
  return items;
}

QString legendKey(LegendItem item) {
  switch (item) {
    case LegendItem::ElectionTimer: return QStringLiteral("election-timer");
    case LegendItem::HeartbeatTimer: return QStringLiteral("heartbeat-timer");
    case LegendItem::CandidateVotes: return QStringLiteral("candidate-votes");
    case LegendItem::CrashedNode: return QStringLiteral("crashed-node");
    case LegendItem::Message: return QStringLiteral("message");
    case LegendItem::DroppedMessage: return QStringLiteral("dropped-message");
    case LegendItem::CutLink: return QStringLiteral("cut-link");
    case LegendItem::PartitionedLink: return QStringLiteral("partitioned-link");
    case LegendItem::Committed: return QStringLiteral("committed");
    case LegendItem::Uncommitted: return QStringLiteral("uncommitted");
    case LegendItem::EntryTerms: return QStringLiteral("entry-terms");
    case LegendItem::LeaderMark: return QStringLiteral("leader-mark");
    case LegendItem::CrashMark: return QStringLiteral("crash-mark");
    case LegendItem::RestartMark: return QStringLiteral("restart-mark");
    case LegendItem::FaultMark: return QStringLiteral("fault-mark");
    case LegendItem::HealMark: return QStringLiteral("heal-mark");
    case LegendItem::FindingMark: return QStringLiteral("finding-mark");
    case LegendItem::ForkMark: return QStringLiteral("fork-mark");
  }
  return {};
}

QString legendCaption(LegendItem item) {
  switch (item) {
    case LegendItem::ElectionTimer: return tr("Election timer: when the ring runs out, the follower stands as candidate");
    case LegendItem::HeartbeatTimer: return tr("Heartbeat timer: at zero the leader sends its heartbeats");
    case LegendItem::CandidateVotes: return tr("A candidate: the votes it holds and the majority it needs");
    case LegendItem::CrashedNode: return tr("A crashed node: it neither sends nor receives");
    case LegendItem::Message: return tr("A message in flight, from sender to receiver (t2: its term)");
    case LegendItem::DroppedMessage: return tr("A dropped message: it dies at the cross, then fades");
    case LegendItem::CutLink: return tr("A cut link: no message passes either way");
    case LegendItem::PartitionedLink: return tr("A link down because of a partition");
    case LegendItem::Committed: return tr("A committed entry (solid): on a majority, never lost");
    case LegendItem::Uncommitted: return tr("An entry not committed yet (dashed): it can still be lost");
    case LegendItem::EntryTerms: return tr("An entry's colour and \"t2\": the term it was written in");
    case LegendItem::LeaderMark: return tr("Timeline: a leader is elected");
    case LegendItem::CrashMark: return tr("Timeline: a node crashes");
    case LegendItem::RestartMark: return tr("Timeline: a node restarts");
    case LegendItem::FaultMark: return tr("Timeline: a link is cut or a partition made");
    case LegendItem::HealMark: return tr("Timeline: links healed");
    case LegendItem::FindingMark: return tr("Timeline: the checker found a fault");
    case LegendItem::ForkMark: return tr("Timeline: another branch leaves here");
  }
  return {};
}

void paintLegendItem(QPainter& p, LegendItem item, const QRectF& box) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  p.setRenderHint(QPainter::TextAntialiasing);
  const QRectF node_scene(-95, -100, 190, 178);  // disc, ring and badge (legend nodes have no name)
  auto timelineMark = [&](MarkKind kind) {
    // A stretch of track and the mark, at the timeline's own size.
    const double track_h = 12, track_y = box.center().y() + 4;
    p.setPen(Qt::NoPen);
    p.setBrush(Theme::current().faint());
    p.drawRoundedRect(QRectF(box.left() + 8, track_y, box.width() - 16, track_h), 6, 6);
    paintTimelineMark(p, kind, box.center().x(), track_y, track_h);
  };
  auto cell = [](uint32_t term, bool committed, bool show_term, const QString& text) {
    LogCell c;
    c.present = true;
    c.term = term;
    c.committed = committed;
    c.show_term = show_term;
    c.text = text;
    return c;
  };
  // A log box as the panel draws it: its size there, centred.
  const QSizeF cell_size = QSizeF(logCellBox(0, 0).size());
  auto cellAt = [&](double dx) { return QRectF(box.center() + QPointF(dx - cell_size.width() / 2, -cell_size.height() / 2), cell_size); };
  switch (item) {
    case LegendItem::ElectionTimer:
    case LegendItem::HeartbeatTimer: {
      ClusterPicture pic;
      NodeGlyph g = legendNode(item == LegendItem::ElectionTimer ? Role::Follower : Role::Leader);
      (item == LegendItem::ElectionTimer ? g.election_left : g.heartbeat_left) = 0.65;
      pic.nodes.push_back(g);
      paintScene(p, pic, node_scene, box);
      break;
    }
    case LegendItem::CandidateVotes: {
      ClusterPicture pic;
      NodeGlyph g = legendNode(Role::Candidate);
      g.votes = 1;
      g.election_left = 0.4;
      pic.nodes.push_back(g);
      paintScene(p, pic, QRectF(-150, -100, 300, 250), box);
      break;
    }
    case LegendItem::CrashedNode: {
      ClusterPicture pic;
      NodeGlyph g = legendNode(Role::Follower);
      g.alive = false;
      pic.nodes.push_back(g);
      paintScene(p, pic, node_scene, box);
      break;
    }
    case LegendItem::Message:
    case LegendItem::DroppedMessage: {
      ClusterPicture pic;
      pic.messages.push_back(legendMessage(item == LegendItem::DroppedMessage));
      paintScene(p, pic, QRectF(-10, -60, 220, 80), box);
      break;
    }
    case LegendItem::CutLink:
    case LegendItem::PartitionedLink: {
      ClusterPicture pic;
      LinkGlyph l;
      l.p1 = QPointF(0, 0);
      l.p2 = QPointF(120, 0);
      l.up = false;
      l.partitioned = item == LegendItem::PartitionedLink;
      pic.links.push_back(l);
      paintScene(p, pic, QRectF(-5, -28, 130, 56), box);
      break;
    }
    case LegendItem::Committed: paintLogCell(p, cell(1, true, false, QStringLiteral("x=1")), cellAt(0), Theme::current()); break;
    case LegendItem::Uncommitted: paintLogCell(p, cell(2, false, false, QStringLiteral("x=2")), cellAt(0), Theme::current()); break;
    case LegendItem::EntryTerms:
      paintLogCell(p, cell(1, true, true, QStringLiteral("x=1")), cellAt(-cell_size.width() / 2 - 2), Theme::current());
      paintLogCell(p, cell(2, true, true, QStringLiteral("x=2")), cellAt(cell_size.width() / 2 + 2), Theme::current());
      break;
    case LegendItem::LeaderMark: timelineMark(MarkKind::LeaderElected); break;
    case LegendItem::CrashMark: timelineMark(MarkKind::Crash); break;
    case LegendItem::RestartMark: timelineMark(MarkKind::Restart); break;
    case LegendItem::FaultMark: timelineMark(MarkKind::NetworkFault); break;
    case LegendItem::HealMark: timelineMark(MarkKind::Heal); break;
    case LegendItem::FindingMark: timelineMark(MarkKind::Finding); break;
    case LegendItem::ForkMark: timelineMark(MarkKind::Fork); break;
  }
  p.restore();
}

QString whatIsRaft() {
  return tr("<p><b>Raft</b> keeps a log of writes identical on several machines (nodes), so that the cluster "
            "goes on answering when some of them crash or are cut off. One node is the <i>leader</i>: it "
            "takes the writes and copies them to the others (the <i>followers</i>); a write is "
            "<i>committed</i> once a majority holds it, and then it is never lost.</p>"
            "<p>When the leader stops sending heartbeats, a follower's election timer (the ring around it) "
            "runs out: it becomes a <i>candidate</i> and asks for votes; a majority makes it the leader of a "
            "new <i>term</i>. Radeau builds these rules one at a time: the author's talk (File › Open, "
            "talk.radeau-talk) shows each missing rule failing, then fixed.</p>");
}

}  // namespace radeau::gui

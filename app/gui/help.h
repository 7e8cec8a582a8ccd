// Help inside the window (issue 18): the keys, read from the window's own
// actions (so the list cannot drift from what the keys do), and a short
// orientation on Raft that points at the talk.
#pragma once

#include <QRectF>
#include <QString>
#include <QStringList>
#include <vector>

class QDialog;
class QPainter;
class QWidget;

namespace radeau::gui {

class MainWindow;

// "Space — ▶ Play" lines for every action of the window that has a key, in
// the window's language, in the order the actions were made.
QStringList keyLines(const QWidget& window);
// The keys and the legend side by side (objectName "keysDialog").
QDialog* keysDialog(MainWindow* window);

// What the legend explains: each item is painted by the code that paints it
// in the cluster view, the log panel or the timeline, never a picture.
enum class LegendItem {
  ElectionTimer, HeartbeatTimer, CandidateVotes, CrashedNode,
  Message, DroppedMessage, CutLink, PartitionedLink,
  Committed, Uncommitted, EntryTerms,
  LeaderMark, CrashMark, RestartMark, FaultMark, HealMark, FindingMark, ForkMark,
};
const std::vector<LegendItem>& legendItems();
QString legendKey(LegendItem item);      // "election-timer": the icon's objectName is "legend-" + key
QString legendCaption(LegendItem item);  // translated
// Paints the item inside `box` with the view's, log panel's or timeline's own painting function.
void paintLegendItem(QPainter& p, LegendItem item, const QRectF& box);
QString whatIsRaft();  // two paragraphs, translated

}  // namespace radeau::gui

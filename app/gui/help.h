// Help inside the window (issue 18): the keys, read from the window's own
// actions (so the list cannot drift from what the keys do), and a short
// orientation on Raft that points at the talk.
#pragma once

#include <QString>
#include <QStringList>

class QDialog;
class QWidget;

namespace radeau::gui {

class MainWindow;

// "Space — ▶ Play" lines for every action of the window that has a key, in
// the window's language, in the order the actions were made.
QStringList keyLines(const QWidget& window);
QDialog* keysDialog(MainWindow* window);
QString whatIsRaft();  // two paragraphs, translated

}  // namespace radeau::gui

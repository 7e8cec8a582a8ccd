// The rules in force: the chapter presets of the talk and each concept flag.
// The panel shows the concepts of the state at the playhead and asks for a
// change through `conceptsRequested`; the window turns it into an action
// (a branch when in the past).
#pragma once

#include <QWidget>
#include <vector>

#include "core/concepts.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace radeau::gui {

class ConceptsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ConceptsPanel(QWidget* parent = nullptr);
  void showConcepts(Concepts c);
  Concepts concepts() const { return shown_; }
  QCheckBox* flagBox(Concept c) const { return boxes_[size_t(c)]; }
  QLabel* flagDescription(Concept c) const { return descriptions_[size_t(c)]; }  // the rule in words
  QComboBox* chapterBox() const { return chapter_; }
  QPushButton* findFailureButton() const { return find_; }

 signals:
  void conceptsRequested(radeau::Concepts c);
  void newClusterForChapterRequested(int chapter_number);
  void findFailureRequested();  // "Find a failure for these rules…" (app/gui/find_failure.h)

 protected:
  void changeEvent(QEvent* e) override;  // the scheme changed: the problem's colour follows

 private:
  QComboBox* chapter_;
  QLabel* problem_;
  QPushButton* find_;
  std::vector<QCheckBox*> boxes_;
  std::vector<QLabel*> descriptions_;
  Concepts shown_;
  bool updating_ = false;
};

}  // namespace radeau::gui

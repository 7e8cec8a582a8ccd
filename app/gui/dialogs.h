// Small dialogs of the window: a new cluster (1 to 9 named nodes and the
// rules), a partition (which nodes go to the other side), and the content of
// a message in flight with a button to drop it.
#pragma once

#include <QDialog>
#include <vector>

#include "app/render/frame_export.h"
#include "core/config.h"

class QSpinBox;
class QLineEdit;
class QComboBox;
class QCheckBox;
class QVBoxLayout;

namespace radeau::gui {

class NewClusterDialog : public QDialog {
  Q_OBJECT
 public:
  explicit NewClusterDialog(QWidget* parent = nullptr);
  ClusterConfig config() const;  // names as typed (blank: default), rules of the chosen preset

 private:
  void updateRows(int count);
  QSpinBox* count_;
  QComboBox* preset_;
  std::vector<QLineEdit*> names_;
};

class PartitionDialog : public QDialog {
  Q_OBJECT
 public:
  PartitionDialog(const std::vector<std::string>& names, QWidget* parent = nullptr);
  std::vector<std::vector<NodeId>> groups() const;  // checked nodes, then the others
  QCheckBox* nodeBox(int n) const { return boxes_[size_t(n)]; }

 protected:
  void keyPressEvent(QKeyEvent* e) override;  // 1–9 tick a node's box

 private:
  std::vector<QCheckBox*> boxes_;
};

// The window's File > Export: asks where to save (a .png or .svg name
// suggested from `title`); empty when the presenter cancelled.
QString askExportPath(QWidget* parent, ExportFormat format, const QString& title);

}  // namespace radeau::gui

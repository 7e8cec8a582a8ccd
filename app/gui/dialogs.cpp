#include "app/gui/dialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QRegularExpression>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/render/language.h"
#include "app/render/theme.h"
#include "core/concepts.h"

namespace radeau::gui {

NewClusterDialog::NewClusterDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("New cluster"));
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  count_ = new QSpinBox;
  count_->setRange(1, kMaxNodes);
  count_->setValue(5);
  form->addRow(tr("&Nodes:"), count_);
  preset_ = new QComboBox;
  preset_->addItem(tr("Full Raft"), QVariant(Concepts::full().bits()));
  for (const Chapter& ch : chapters())
    preset_->addItem(tr("Chapter %1: %2").arg(ch.number).arg(QString::fromUtf8(chapterTitle(ch, language()).data(), int(chapterTitle(ch, language()).size()))),
                     QVariant(ch.concepts.bits()));
  form->addRow(tr("&Rules:"), preset_);
  layout->addLayout(form);
  auto* names_box = new QFormLayout;
  const auto& defaults = defaultNodeNames();
  for (int i = 0; i < kMaxNodes; ++i) {
    auto* edit = new QLineEdit(QString::fromStdString(defaults[size_t(i)]));
    edit->setMaxLength(24);
    names_.push_back(edit);
    names_box->addRow(tr("Node %1:").arg(i + 1), edit);
  }
  layout->addLayout(names_box);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  connect(count_, &QSpinBox::valueChanged, this, &NewClusterDialog::updateRows);
  connect(preset_, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (i > 0) count_->setValue(chapters()[size_t(i - 1)].node_count);
  });
  updateRows(count_->value());
}

void NewClusterDialog::updateRows(int count) {
  for (int i = 0; i < kMaxNodes; ++i) names_[size_t(i)]->setEnabled(i < count);
}

ClusterConfig NewClusterDialog::config() const {
  ClusterConfig c;
  const auto& defaults = defaultNodeNames();
  for (int i = 0; i < count_->value(); ++i) {
    std::string name = names_[size_t(i)]->text().trimmed().toStdString();
    if (name.empty()) name = defaults[size_t(i)];
    // Names must be unique: a repeated one gets its number.
    for (const auto& other : c.names)
      if (other == name) name.append(1, '-').append(std::to_string(i + 1));  // not "-" + …: GCC 12's false -Wrestrict
    c.names.push_back(name);
  }
  c.concepts = Concepts(preset_->currentData().toUInt());
  c.seed = 1;
  return c;
}

PartitionDialog::PartitionDialog(const std::vector<std::string>& names, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Partition the network"));
  setFont(Theme::font(TextRole::Dialog));  // read from the back of the room, as the window
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("Nodes on one side (the others form the other side).\nKeys 1–9 tick a node, Enter cuts:")));
  for (size_t i = 0; i < names.size(); ++i) {
    auto* box = new QCheckBox(QStringLiteral("&%1  %2").arg(i + 1).arg(QString::fromStdString(names[i])));
    box->setFont(Theme::font(TextRole::DialogChoice, true));
    box->setStyleSheet(QStringLiteral("QCheckBox::indicator { width: 22px; height: 22px; }"));
    boxes_.push_back(box);
    layout->addWidget(box);
  }
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

void PartitionDialog::keyPressEvent(QKeyEvent* e) {
  const int n = e->key() - Qt::Key_1;
  if (n >= 0 && n < int(boxes_.size()) && n < 9 && !(e->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
    boxes_[size_t(n)]->toggle();
    boxes_[size_t(n)]->setFocus();
    return;
  }
  QDialog::keyPressEvent(e);
}

std::vector<std::vector<NodeId>> PartitionDialog::groups() const {
  std::vector<NodeId> a, b;
  for (size_t i = 0; i < boxes_.size(); ++i) (boxes_[i]->isChecked() ? a : b).push_back(NodeId(i));
  std::vector<std::vector<NodeId>> g;
  if (!a.empty()) g.push_back(a);
  if (!b.empty()) g.push_back(b);
  return g;
}

QString askExportPath(QWidget* parent, ExportFormat format, const QString& title) {
  const bool png = format == ExportFormat::Png;
  QString base = title.isEmpty() ? QStringLiteral("radeau-frame") : title;
  base.replace(QRegularExpression(QStringLiteral("[^\\w.-]+")), QStringLiteral("-"));
  const QString suggested = base + (png ? QStringLiteral(".png") : QStringLiteral(".svg"));
  QString path = QFileDialog::getSaveFileName(parent, png ? QObject::tr("Export frame as PNG") : QObject::tr("Export frame as SVG"),
                                              suggested, png ? QObject::tr("PNG images (*.png)") : QObject::tr("SVG drawings (*.svg)"));
  if (!path.isEmpty() && !exportFormatOf(path)) path += png ? QStringLiteral(".png") : QStringLiteral(".svg");
  return path;
}

}  // namespace radeau::gui

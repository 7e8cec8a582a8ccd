#include "app/gui/concepts_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "app/render/language.h"
#include "app/render/theme.h"

namespace radeau::gui {

namespace {
QString qs(std::string_view s) { return QString::fromUtf8(s.data(), int(s.size())); }
}  // namespace

ConceptsPanel::ConceptsPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setSpacing(4);
  auto* label = new QLabel(tr("&Chapter (rules of the talk):"));
  chapter_ = new QComboBox;
  label->setBuddy(chapter_);
  chapter_->addItem(tr("Custom"), QVariant(-1));
  for (const Chapter& ch : chapters())
    chapter_->addItem(tr("%1. %2  (+%3)").arg(ch.number).arg(qs(chapterTitle(ch, language())), qs(ch.adds)), QVariant(ch.number));
  chapter_->addItem(tr("Full Raft"), QVariant(0));
  layout->addWidget(label);
  layout->addWidget(chapter_);
  auto* fresh = new QPushButton(tr("&New cluster for this chapter"));
  layout->addWidget(fresh);
  // "And what if we drop this rule?": untick a flag, then ask for a failure
  // (at the top: the tab scrolls, the flags are long).
  find_ = new QPushButton(tr("Find a fail&ure for these rules…"));
  find_->setObjectName(QStringLiteral("findFailureButton"));
  find_->setToolTip(tr("Search random fault schedules under the rules ticked below, shorten the first failure and open "
                       "it, paused just before the finding"));
  connect(find_, &QPushButton::clicked, this, &ConceptsPanel::findFailureRequested);
  layout->addWidget(find_);
  for (int i = 0; i < kConceptCount; ++i) {
    auto* box = new QCheckBox(qs(conceptName(Concept(i))));
    const QString rule = qs(conceptDescription(Concept(i), language()));
    box->setToolTip(rule);
    boxes_.push_back(box);
    layout->addWidget(box);
    // The rule in words under its flag, indented to the box's text, quieter.
    auto* words = new QLabel(rule);
    words->setObjectName(QStringLiteral("rule-") + qs(conceptName(Concept(i))));
    words->setWordWrap(true);
    words->setToolTip(rule);
    words->setForegroundRole(QPalette::PlaceholderText);
    words->setContentsMargins(24, 0, 0, 6);
    descriptions_.push_back(words);
    layout->addWidget(words);
    connect(box, &QCheckBox::toggled, this, [this, i](bool on) {
      if (updating_) return;
      Concepts c = on ? shown_.with(Concept(i)) : shown_.without(Concept(i));
      emit conceptsRequested(c);
    });
  }
  problem_ = new QLabel;
  problem_->setWordWrap(true);
  QFont bold = problem_->font();
  bold.setBold(true);
  problem_->setFont(bold);
  QPalette pal = problem_->palette();
  pal.setColor(QPalette::WindowText, Theme::current().problemInk());
  problem_->setPalette(pal);
  layout->addWidget(problem_);
  layout->addStretch(1);
  connect(chapter_, &QComboBox::activated, this, [this](int index) {
    int number = chapter_->itemData(index).toInt();
    if (number < 0) return;
    Concepts c = Concepts::full();
    if (number > 0)
      for (const Chapter& ch : chapters())
        if (ch.number == number) c = ch.concepts;
    emit conceptsRequested(c);
  });
  connect(fresh, &QPushButton::clicked, this, [this] {
    int number = chapter_->currentData().toInt();
    emit newClusterForChapterRequested(number < 0 ? 0 : number);
  });
}

void ConceptsPanel::showConcepts(Concepts c) {
  updating_ = true;
  shown_ = c;
  for (int i = 0; i < kConceptCount; ++i) boxes_[size_t(i)]->setChecked(c.has(Concept(i)));
  int index = 0;
  if (c == Concepts::full()) index = chapter_->count() - 1;
  for (int i = 1; i + 1 < chapter_->count(); ++i)
    if (chapters()[size_t(i - 1)].concepts == c) index = i;
  chapter_->setCurrentIndex(index);
  problem_->setText(QString::fromStdString(conceptsProblem(c, language())));
  updating_ = false;
}

void ConceptsPanel::changeEvent(QEvent* e) {
  QWidget::changeEvent(e);
  if (e->type() == QEvent::PaletteChange && problem_ && problem_->palette().color(QPalette::WindowText) != Theme::current().problemInk()) {
    QPalette pal = problem_->palette();
    pal.setColor(QPalette::WindowText, Theme::current().problemInk());
    problem_->setPalette(pal);
  }
}

}  // namespace radeau::gui

// Paints a table's plain text cells as the style does, from text laid out
// once: a table repainted while the window plays (the journal at every event,
// the node table's timers ten times a second) shaped every cell's text again
// at every paint, the largest part of their cost (issue 19: a calm window).
#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QString>
#include <QStyledItemDelegate>

namespace radeau::gui {

class TextCellDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

 private:
  struct Key {
    QString text;
    QFont font;
    int width = 0;
    int elide = 0;
    bool operator==(const Key&) const = default;
  };
  friend size_t qHash(const Key& k, size_t seed) { return qHashMulti(seed, k.text, k.font, k.width, k.elide); }
  const QStaticText& laidOut(const QString& text, const QFont& font, int width, Qt::TextElideMode elide) const;
  mutable QHash<Key, QStaticText> texts_;  // bounded: emptied when it holds kMaxTexts
  static constexpr qsizetype kMaxTexts = 4096;
};

}  // namespace radeau::gui

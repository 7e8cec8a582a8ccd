#include "app/gui/text_cell_delegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>

namespace radeau::gui {

const QStaticText& TextCellDelegate::laidOut(const QString& text, const QFont& font, int width,
                                             Qt::TextElideMode elide) const {
  Key key{text, font, width, int(elide)};
  auto it = texts_.find(key);
  if (it != texts_.end()) return *it;
  if (texts_.size() >= kMaxTexts) texts_.clear();
  // As the style shows a cell's text: one line, elided to the cell's width.
  QString shown = text;
  shown.replace(QLatin1Char('\n'), QChar::LineSeparator);
  shown = QFontMetrics(font).elidedText(shown, elide, width);
  QStaticText laid(shown);
  laid.setTextFormat(Qt::PlainText);  // an event's text with "<" is not markup
  laid.setPerformanceHint(QStaticText::AggressiveCaching);
  laid.prepare(QTransform(), font);
  return *texts_.insert(key, laid);
}

void TextCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  // Icons, check boxes and wrapped text are the style's to lay out.
  if (opt.features & (QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDecoration |
                      QStyleOptionViewItem::WrapText)) {
    QStyledItemDelegate::paint(painter, option, index);
    return;
  }
  const QWidget* widget = opt.widget;
  QStyle* style = widget ? widget->style() : QApplication::style();
  painter->save();
  painter->setClipRect(opt.rect);
  style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);  // background, selection
  if (!opt.text.isEmpty()) {
    // The style's text margin and colours (QCommonStyle's item view text).
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect box = opt.rect.adjusted(margin, 0, -margin, 0);
    QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    if (group == QPalette::Normal && !(opt.state & QStyle::State_Active)) group = QPalette::Inactive;
    painter->setPen(opt.palette.color(group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(opt.font);
    const QStaticText& text = laidOut(opt.text, opt.font, box.width(), opt.textElideMode);
    // Placed as the style's text layout places its line: across, at the exact
    // (fractional) offset its alignment gives; down, centred by whole pixels.
    const QSizeF size = text.size();
    const Qt::Alignment across = QStyle::visualAlignment(opt.direction, opt.displayAlignment) & Qt::AlignHorizontal_Mask;
    double x = box.x();
    if (across & Qt::AlignRight) x += box.width() - size.width();
    else if (across & Qt::AlignHCenter) x += (box.width() - size.width()) / 2;
    const QRect down = QStyle::alignedRect(opt.direction, opt.displayAlignment, size.toSize(), box);
    painter->drawStaticText(QPointF(x, down.y()), text);
  }
  if (opt.state & QStyle::State_HasFocus) {
    QStyleOptionFocusRect focus;
    focus.QStyleOption::operator=(opt);
    focus.rect = style->subElementRect(QStyle::SE_ItemViewItemFocusRect, &opt, widget);
    focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
    focus.backgroundColor = opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::Highlight : QPalette::Window);
    style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
  }
  painter->restore();
}

}  // namespace radeau::gui

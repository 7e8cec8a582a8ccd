#include "app/gui/help.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "app/gui/main_window.h"
#include "app/gui/theme.h"

namespace radeau::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("radeau::gui", text); }  // the context lupdate gives

QString plain(QString text) {  // "&Write to…" as a list shows it
  text.remove(QLatin1Char('&'));
  return text.trimmed();
}
}  // namespace

QStringList keyLines(const QWidget& window) {
  QStringList lines;
  for (QAction* a : window.actions()) {
    if (a->shortcuts().isEmpty() || a->text().isEmpty()) continue;
    QStringList keys;
    for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
    lines << keys.join(QStringLiteral(" / ")) + QStringLiteral(" — ") + plain(a->text());
  }
  return lines;
}

QDialog* keysDialog(MainWindow* window) {
  auto* d = new QDialog(window);
  d->setObjectName(QStringLiteral("keysDialog"));
  d->setWindowTitle(tr("Keys"));
  d->setAttribute(Qt::WA_DeleteOnClose);
  auto* layout = new QVBoxLayout(d);
  auto* intro = new QLabel(tr("Every key of the window (the menus show the same):"), d);
  layout->addWidget(intro);
  // Two columns, so that the list fits a 1280×720 screen; the hidden label
  // holds the whole list (what tests and screen readers read).
  const QStringList lines = keyLines(*window);
  auto* columns = new QHBoxLayout;
  const qsizetype half = (lines.size() + 1) / 2;
  for (const QStringList& part : {lines.mid(0, half), lines.mid(half)}) {
    auto* column = new QLabel(part.join(QLatin1Char('\n')), d);
    column->setFont(Theme::font(17, false));
    column->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    column->setTextInteractionFlags(Qt::TextSelectableByMouse);
    columns->addWidget(column);
  }
  layout->addLayout(columns);
  auto* list = new QLabel(lines.join(QLatin1Char('\n')), d);
  list->setObjectName(QStringLiteral("keysList"));
  list->hide();
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, d);
  QObject::connect(buttons, &QDialogButtonBox::rejected, d, &QDialog::close);
  layout->addWidget(buttons);
  return d;
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

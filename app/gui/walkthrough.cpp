#include "app/gui/walkthrough.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QPixmap>
#include <QSaveFile>

#include "app/gui/main_window.h"
#include "app/gui/presenter.h"

namespace radeau::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("radeau::gui", text); }  // the context lupdate gives

// Whole or not at all, as every file Radeau writes (QSaveFile).
bool savePng(const QPixmap& picture, const QString& path) {
  QSaveFile f(path);
  return f.open(QIODevice::WriteOnly) && picture.save(&f, "PNG") && f.commit();
}
}  // namespace

int walkThrough(MainWindow& window, PresenterMode& presenter, const QString& dir, QString& error, const QSize& size) {
  if (!QDir().mkpath(dir)) {
    error = tr("cannot create the directory %1").arg(dir);
    return -1;
  }
  TalkPlayer* player = presenter.player();
  Playhead* playhead = window.playhead();
  window.showNormal();
  window.resize(size);
  int saved = 0;
  for (int i = 0; i < player->stepCount(); ++i) {
    if (!player->open(i, error)) return -1;
    const std::string& id = player->talk().steps[size_t(i)].id;
    const std::vector<Time> pauses = player->pauseTimes();
    const QString stem = QStringLiteral("%1-%2").arg(i + 1, 2, 10, QLatin1Char('0')).arg(QString::fromStdString(id));
    // The presenter's notes window too: to check the notes fit on the laptop.
    if (QWidget* notes = presenter.notesWindow()) {
      QApplication::processEvents();
      const QString path = QDir(dir).filePath(stem + QStringLiteral("-notes.png"));
      if (!savePng(notes->grab(), path)) {
        error = tr("cannot write %1").arg(path);
        return -1;
      }
    }
    for (size_t k = 0; k < pauses.size(); ++k) {
      // As the clicker does: "next" plays on, and the pause stops playback.
      // Moving the playhead to the pause's instant stands in for the wall
      // clock, so the walk takes seconds, not the talk's length.
      player->next();
      playhead->seek(pauses[k]);
      if (playhead->playing() || playhead->time() != pauses[k]) {
        error = tr("step %1 '%2': playback did not stop at pause %3 (%4 us)")
                    .arg(i + 1).arg(QString::fromStdString(id)).arg(k + 1).arg(pauses[k]);
        return -1;
      }
      QApplication::processEvents();  // the layout follows the new caption
      QPixmap shot = window.grab();
      if (shot.size() != size) shot = shot.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
      const QString path = QDir(dir).filePath(stem + QStringLiteral("-p%1.png").arg(k + 1));
      if (!savePng(shot, path)) {
        error = tr("cannot write %1").arg(path);
        return -1;
      }
      ++saved;
    }
  }
  return saved;
}

}  // namespace radeau::gui

#include "app/gui/file_types.h"

#include <QCoreApplication>

namespace radeau::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("radeau::gui", text); }  // the context lupdate gives
}  // namespace

FileType fileTypeOf(const QString& path) {
  if (path.endsWith(QStringLiteral(".radeau"), Qt::CaseInsensitive)) return FileType::Recording;
  if (path.endsWith(QStringLiteral(".radeau-script"), Qt::CaseInsensitive)) return FileType::Script;
  if (path.endsWith(QStringLiteral(".radeau-talk"), Qt::CaseInsensitive)) return FileType::Talk;
  return FileType::Other;
}

QString openFileFilter() {
  return tr("Radeau files (*.radeau *.radeau-script *.radeau-talk)") + QStringLiteral(";;") +
         tr("Recordings (*.radeau)") + QStringLiteral(";;") + tr("Scenario scripts (*.radeau-script)") +
         QStringLiteral(";;") + tr("Talks (*.radeau-talk)") + QStringLiteral(";;") + tr("All files (*)");
}

QString saveRecordingFilter() { return tr("Recordings (*.radeau)"); }

QString withRecordingSuffix(const QString& path) {
  if (path.isEmpty() || fileTypeOf(path) == FileType::Recording) return path;
  return path + QStringLiteral(".radeau");
}

}  // namespace radeau::gui

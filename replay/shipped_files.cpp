#include "replay/shipped_files.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace radeau {

namespace {
// The running program's folder, also without a QCoreApplication (radeau-cli has none).
QString programDir() {
  if (QCoreApplication::instance()) return QCoreApplication::applicationDirPath();
  return QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath().section(QLatin1Char('/'), 0, -2);
}

bool holdsTalk(const QString& dir) { return QFileInfo::exists(dir + QStringLiteral("/talk.radeau-talk")); }
}  // namespace

QString shippedRecordingsDir() {
  const QString installed = QDir::cleanPath(programDir() + QStringLiteral("/../share/radeau/recordings"));
  if (holdsTalk(installed)) return installed;
  const QString tree = QStringLiteral(RADEAU_SOURCE_RECORDINGS);
  if (holdsTalk(tree)) return tree;
  return {};
}

}  // namespace radeau

#include "app/gui/settings.h"

#include <QFileInfo>
#include <QSettings>

namespace radeau::gui {

namespace {
// Today's keys.
const QString kTheme = QStringLiteral("view/theme");
const QString kRecent = QStringLiteral("files/recent");
// Keys written before the settings were typed (December 2026).
const QString kOldTheme = QStringLiteral("theme");
const QString kOldRecent = QStringLiteral("recentFiles");

void migrate(QSettings& store, const QString& old_key, const QString& key) {
  if (!store.contains(old_key)) return;
  if (!store.contains(key)) store.setValue(key, store.value(old_key));
  store.remove(old_key);
}
}  // namespace

UserSettings UserSettings::load() {
  QSettings store;
  return load(store);
}

UserSettings UserSettings::load(QSettings& store) {
  migrate(store, kOldTheme, kTheme);
  migrate(store, kOldRecent, kRecent);
  UserSettings s;
  const QString theme = store.value(kTheme).toString();
  if (theme == QStringLiteral("light") || theme == QStringLiteral("dark")) s.theme = theme;
  for (const QString& path : store.value(kRecent).toStringList()) {
    if (s.recent_files.size() >= kMaxRecent) break;
    if (!path.isEmpty() && !s.recent_files.contains(path)) s.recent_files.append(path);
  }
  return s;
}

void UserSettings::save() const {
  QSettings store;
  save(store);
}

void UserSettings::save(QSettings& store) const {
  store.setValue(kTheme, theme);
  store.setValue(kRecent, recent_files);
}

void UserSettings::addRecent(const QString& path) {
  const QString abs = QFileInfo(path).absoluteFilePath();
  recent_files.removeAll(abs);
  recent_files.prepend(abs);
  while (recent_files.size() > kMaxRecent) recent_files.removeLast();
}

}  // namespace radeau::gui

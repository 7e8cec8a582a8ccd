// What Radeau remembers between sessions, typed, in one place: the keys,
// their defaults, their bounds and the migration of keys older versions
// wrote. Stored through QSettings (tests point it at a private folder:
// tests/support sets XDG_CONFIG_HOME).
#pragma once

#include <QString>
#include <QStringList>

class QSettings;

namespace radeau::gui {

struct UserSettings {
  static constexpr int kMaxRecent = 8;
  QString theme = QStringLiteral("light");  // Theme::schemeName
  QStringList recent_files;                 // absolute paths, newest first, at most kMaxRecent

  // Reads the stored settings (defaults where nothing or nonsense is stored),
  // moving keys of older versions to today's names on the way.
  static UserSettings load();
  static UserSettings load(QSettings& store);
  void save() const;
  void save(QSettings& store) const;
  // Puts `path` first in the recent files (once), keeping at most kMaxRecent.
  void addRecent(const QString& path);
};

}  // namespace radeau::gui

// Radeau's three file types as the window's dialogs show them: recordings
// (.radeau), scenario scripts (.radeau-script) and talks (.radeau-talk). The
// same suffixes are declared to the desktop in resources/desktop/radeau-mime.xml.
#pragma once

#include <QString>

namespace radeau::gui {

enum class FileType { Recording, Script, Talk, Other };

FileType fileTypeOf(const QString& path);  // by suffix (case-insensitive)

// The Open dialog's filter: all three types first, then each alone.
QString openFileFilter();
// The Save dialog's filter, and the path with ".radeau" added when the name
// typed has no suffix of ours, so "demo" saves as "demo.radeau".
QString saveRecordingFilter();
QString withRecordingSuffix(const QString& path);

}  // namespace radeau::gui

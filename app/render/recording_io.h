// Recording files (.radeau) for the window: a thin layer over
// replay/recording_file.h that turns its errors into a message for a dialog.
#pragma once

#include <QString>
#include <memory>

#include "replay/run.h"

namespace radeau::gui {

std::unique_ptr<Run> loadRecording(const QString& path, QString& error);
bool saveRecording(const Run& run, const QString& path, QString& error);
bool looksLikeRecording(const QString& path);  // a recording rather than a scenario script

}  // namespace radeau::gui

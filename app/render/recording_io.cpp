#include "app/render/recording_io.h"

#include <QFile>

#include "replay/recording_file.h"

namespace radeau::gui {

std::unique_ptr<Run> loadRecording(const QString& path, QString& error) {
  std::string why;
  std::unique_ptr<Run> run = loadRun(path, why);
  if (!run) error = QString::fromStdString(why);
  return run;
}

bool saveRecording(const Run& run, const QString& path, QString& error) {
  std::string why;
  if (radeau::saveRecording(run, path, why)) return true;
  error = QString::fromStdString(why);
  return false;
}

bool looksLikeRecording(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return true;  // let the reader name the error
  QByteArray head = f.read(64);
  return head.contains(kRecordingMagic) || head.startsWith("\xd9\xd9\xf7");  // CBOR self-describe tag
}

}  // namespace radeau::gui

// The open document: the run (a tree of branches), the playhead over it, the
// file it came from and whether it holds unsaved work. The window shows it
// and the live session feeds it; both act on it here, and the window hears
// of unsaved work by a signal, not by the live session writing its fields.
#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "replay/playhead.h"
#include "replay/run.h"

namespace radeau::gui {

class Document : public QObject {
  Q_OBJECT
 public:
  explicit Document(QObject* parent = nullptr);
  ~Document() override;

  Run* run() const { return run_.get(); }
  Playhead* playhead() const { return playhead_; }
  const QString& path() const { return path_; }    // "" for a run never saved or opened from a file
  const QString& title() const { return title_; }  // what the window's title shows
  bool dirty() const { return dirty_; }            // acted on (or recorded live) since opened or saved

  // A new run (a file opened, a cluster started): clean, the playhead on it.
  void replace(std::unique_ptr<Run> run, bool live, const QString& path, const QString& title);
  // Saved as `path`: clean, named after it.
  void saved(const QString& path, const QString& title);
  void setDirty(bool dirty);

 signals:
  void dirtyChanged(bool dirty);

 private:
  std::unique_ptr<Run> run_;
  Playhead* playhead_;
  QString path_, title_;
  bool dirty_ = false;
};

}  // namespace radeau::gui

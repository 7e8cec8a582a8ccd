#include "app/gui/document.h"

namespace radeau::gui {

Document::Document(QObject* parent) : QObject(parent), playhead_(new Playhead(nullptr, this)) {}

// The playhead (a child) goes with the QObject after the run: it never reads the run when destroyed.
Document::~Document() = default;

void Document::replace(std::unique_ptr<Run> run, bool live, const QString& path, const QString& title) {
  run_ = std::move(run);
  path_ = path;
  title_ = title;
  playhead_->setRun(run_.get());
  playhead_->setLive(live);
  setDirty(false);
}

void Document::saved(const QString& path, const QString& title) {
  path_ = path;
  title_ = title;
  setDirty(false);
}

void Document::setDirty(bool dirty) {
  if (dirty == dirty_) return;
  dirty_ = dirty;
  emit dirtyChanged(dirty);
}

}  // namespace radeau::gui

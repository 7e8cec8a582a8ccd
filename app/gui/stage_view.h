// The stage: the talk as the back row sees it. The slide export's layout
// (frame_export.h) painted at the widget's size, with the finding's band
// always reserved (nothing jumps between clicks), the logs laid out for the
// step's longest (nodes stay put within a step) and the picture's texts grown
// to legibility floors: message labels 24 px, node names 36 px, role badges
// 24 px, entry text 40 px at 1080 p, proportionally on smaller screens.
#pragma once

#include <QWidget>
#include <vector>

#include "app/render/frame.h"
#include "app/render/frame_export.h"

namespace radeau::gui {

// The floors at 1080 p (px); a screen of height h gets them times h / 1080.
struct StageFloors {
  static constexpr double message = 24, name = 36, entry = 40, role = 24;
};

// The text sizes the stage painter used for a frame, in image px (0: none drawn).
struct StageMetrics {
  double message_px = 0;    // message labels (what a label is drawn at, even with none in flight)
  double name_px = 0;       // node names
  double role_px = 0;       // role badges
  double term_px = 0;       // the term number in the node (with the terms concept), else the role letter
  double term_caption_px = 0;  // the small "term" word above it
  double entry_px = 0;      // the smallest entry text in the log boxes (0: no entry)
  double entry_term_px = 0; // the "t2" in the boxes' corner (0: entries without terms)
  double banner_px = 0;     // the finding's text in its band
  bool nodes_inside = true; // every node's disc, badge and name within the image
  bool rows_inside = true;  // every log row within the image
  bool nodes_apart = true;  // no node's disc, badge or name runs into another node's
  bool banner_clear = true; // the finding's band covers neither the logs nor a node
  std::vector<QPointF> node_centres;  // in image px
  FrameLayout layout;
};

// The stage's hints for an image of `size` and logs up to `longest_log` entries.
// `screen_height`: the floors follow the screen (the window), not the stage's own height.
// `entry_text_width`: the step's widest entry (stepEntryTextWidth), 0 for the default.
FrameHints stageHints(const QSize& size, uint32_t longest_log, int screen_height, bool sent_counter = false,
                      double entry_text_width = 0);
StageMetrics stageMetrics(const QSize& size, const Frame& frame, uint32_t longest_log, int screen_height,
                          double entry_text_width = 0);
// The longest log any node holds at any of `instants` of branch `branch`.
uint32_t longestLog(const Run& run, int branch, const std::vector<Time>& instants);
// A talk step's longest log, on its prepared run (branch 0), sampled: the
// stage lays the step out for it so nodes stay put while the step plays.
uint32_t stepLongestLog(const Run& run);
// The widest text any client wrote in the step's prepared run (branch 0), in
// stage panel units: the stage's boxes are made that wide for the whole step.
double stepEntryTextWidth(const Run& run);

class StageView : public QWidget {
  Q_OBJECT
 public:
  explicit StageView(QWidget* parent = nullptr);
  void showFrame(const Frame& frame);  // the frame must outlive the next paint (the window's own)
  void setLongestLog(uint32_t entries);
  void setEntryTextWidth(double width);  // stepEntryTextWidth
  void setSentCounter(bool on);  // a talk step's `stage sent`
  bool sentCounter() const { return sent_counter_; }
  uint32_t longestLog() const { return longest_; }
  StageMetrics metrics() const { return stageMetrics(size(), frame_, longest_, screenHeight(), entry_text_width_); }
  int screenHeight() const;  // the window's

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  Frame frame_;
  uint32_t longest_ = 0;
  double entry_text_width_ = 0;
  bool sent_counter_ = false;
};

}  // namespace radeau::gui

// Export for slides: one instant of one branch as the audience needs it on a
// slide (the cluster, the nodes' logs, the time and the checker's finding),
// painted by the window's own drawing code (paintClusterPicture,
// paintLogRows) on any painter: a QImage for PNG, a QSvgGenerator for SVG
// with real vector text. Needs a QGuiApplication (fonts), not a display.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

#include "app/render/cluster_picture.h"
#include "app/render/frame.h"
#include "app/render/log_paint.h"
#include "replay/run.h"

class QPainter;

namespace radeau::gui {

inline constexpr QSize kDefaultExportSize{1920, 1080};
// The slide is laid out on a canvas at least this large in canvas units
// (the other side grows with the aspect), then scaled to the size asked.
inline constexpr QSize kExportCanvasLeast{1440, 1080};

enum class ExportFormat { Png, Svg };

// What the frame itself does not know: shown in the slide's header.
struct FrameLabels {
  QString title;   // the run's title, top left; empty: none
  QString branch;  // the branch's name; empty: not shown (a run with one branch)
};

// How the stage (app/gui/stage_view.h) bends the slide's layout; the
// defaults are the slide's own.
struct FrameHints {
  bool header = true;           // the title and time line on top
  bool reserve_banner = false;  // the finding's band kept even without a finding: nothing jumps
  uint32_t longest_log = 0;     // lay out for logs at least this long (a step's longest): nothing moves
  double logs_scale_max = 1.4;  // how far short logs may grow
  double floor_scale = 0;       // >0: grow texts to the stage's floors, in px per 1080 p px (the screen's height / 1080)
  bool sent_counter = false;    // the "entries sent: N" counter over the cluster (a talk step's `stage sent`)
  double entry_text_width = 0;  // the stage's boxes hold texts this wide (LogGeometry::stage); 0: "x=40"
};

// What the leaders have sent so far on the frame's branch: log entries in
// logRequests, and snapshots (the cost 10a/10b and 12a/12b compare).
struct SentCount {
  uint64_t entries = 0;
  uint64_t snapshots = 0;
};
SentCount sentCount(const Frame& frame);
QString sentCountText(const SentCount& c);  // "entries sent: 120", "+ 1 snapshot" when any

// Where the parts of the slide go for an image of `size`, in its pixels.
struct FrameLayout {
  double scale = 1;       // image pixels per canvas unit
  QRectF header, banner;  // banner empty without a finding or a "no violation" end
  QRectF scene_source;    // the part of the cluster scene shown: the nodes with their labels
  QRectF cluster;         // where scene_source goes (aspect kept)
  QRectF logs;
  double logs_scale = 1;  // image pixels per log panel unit, over `scale`: larger when few nodes
  int log_columns = 1;
  LogGeometry log_geometry;  // the stage's wider boxes, or the window's
  bool logs_beside = false;  // short logs go beside the cluster, long ones along the bottom
  double name_boost = 1;     // names and badges enlarged in the picture (paintClusterPicture)
  double label_boost = 1;    // message labels enlarged (drawCluster): they grow slower than names
  double banner_scale = 1;   // the finding's band and text, over `scale`: on stage they follow the screen
  NodeEllipse ellipse;       // where the nodes sit (nodeCentre): another shape on a crowded stage
  QPointF toImage(QPointF scene) const;  // a point of the cluster scene in the image
  double clusterScale() const { return cluster.width() / scene_source.width(); }  // image px per scene unit
};
FrameLayout frameLayout(const QSize& size, const Frame& frame, const FrameHints& hints = {});

// Where paintFrame draws the ghosts of `frame` (core/ghosts.h) in an image of
// `size`, in its pixels, with whether each is an acknowledged write's.
struct GhostBox {
  QRectF box;
  NodeId node = kNoNode;
  uint32_t index = 0;
  bool acked = false;
};
std::vector<GhostBox> frameGhostBoxes(const QSize& size, const Frame& frame, const FrameHints& hints = {});

// Paints the slide filling (0, 0, size) on `p`.
// The theme is passed in: exporting in one scheme switches nothing global.
void paintFrame(QPainter& p, const QSize& size, const Frame& frame, const FrameLabels& labels, const Theme& theme,
                const FrameHints& hints = {});

QImage frameImage(const Frame& frame, const FrameLabels& labels, const Theme& theme,
                  const QSize& size = kDefaultExportSize);
QByteArray framePng(const Frame& frame, const FrameLabels& labels, const Theme& theme,
                    const QSize& size = kDefaultExportSize);
QByteArray frameSvg(const Frame& frame, const FrameLabels& labels, const Theme& theme,
                    const QSize& size = kDefaultExportSize);

// By the path's extension (.png, .svg, any case); nullopt for anything else.
std::optional<ExportFormat> exportFormatOf(const QString& path);

// Writes the slide to `path` atomically (QSaveFile), in the format its
// extension names. On failure returns false with `error` naming the file.
// What a slide draws on (0, 0, size).
using Painting = std::function<void(QPainter&)>;
// PNG or SVG by the path's extension (SVG with real text, sized in pixels),
// written atomically; false with a reason naming the file.
bool exportPainting(const QString& path, const QSize& size, const QString& title, const QString& description,
                    const Theme& theme, const Painting& paint, QString& error);
bool exportFrame(const Frame& frame, const FrameLabels& labels, const Theme& theme, const QString& path,
                 const QSize& size, QString& error);

}  // namespace radeau::gui

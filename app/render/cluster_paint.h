// How the cluster picture (cluster_picture.h) is painted, on any painter: the
// window's items (app/gui/cluster_view) call these with pixmap caching, slides,
// the stage and `radeau-cli render` paint the whole picture as vectors.
#pragma once

#include <QPainterPath>
#include <QRectF>

#include "app/render/cluster_picture.h"
#include "app/render/theme.h"

class QPainter;

namespace radeau::gui {

// Pixmaps: static parts drawn once per look at the device's scale and blitted
// (the window repaints often); Vectors: drawn every time (SVG, slides).
enum class PaintMode { Pixmaps, Vectors };

// A node, its centre at the origin; names and badges enlarged by `boost`.
QRectF nodeBounds(const NodeGlyph& g, double boost);
QPainterPath nodeShape(double boost);  // what a click hits: the disc and the name
// `exposed` (in the node's coordinates), when given: the part being repainted;
// the timer ring is then stroked over the angles that part covers only (a
// tick repaints a few pixels of the ring, issue 19: a calm window).
void paintNode(QPainter& p, const NodeGlyph& g, double boost, bool selected, PaintMode mode, const Theme& theme,
               const QRectF* exposed = nullptr);

QRectF linkBounds(const LinkGlyph& g);
QPainterPath linkShape(const LinkGlyph& g);
void paintLink(QPainter& p, const LinkGlyph& g, const Theme& theme);

// A message in scene coordinates (its arrow, chips, label and a cross where a dropped one died).
QRectF messageBounds(const MessageGlyph& g);
void paintMessage(QPainter& p, const MessageGlyph& g, PaintMode mode, const Theme& theme);

// Paints `picture` in scene coordinates (kSceneWidth x kSceneHeight) as
// vectors, in the window's stacking order: export for slides and the stage.
// Names and badges enlarged by `name_boost`, as drawCluster's (the stage's legibility floors).
void paintClusterPicture(QPainter& p, const ClusterPicture& picture, const Theme& theme, double name_boost = 1);

}  // namespace radeau::gui

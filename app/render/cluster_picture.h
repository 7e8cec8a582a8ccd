// What the cluster view draws at one instant, computed purely from a Frame:
// node glyphs on a circle, links, and message arrows whose positions are
// interpolated between send and delivery time. No Qt widgets here, so tests
// can check positions directly and the view only copies glyphs into items.
#pragma once

#include <QColor>
#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <vector>

#include "app/render/frame.h"

namespace radeau::gui {

// Scene geometry (scene units; the view scales the scene to fit).
inline constexpr double kSceneWidth = 1400;
inline constexpr double kSceneHeight = 900;
// The nodes sit on an ellipse of half-width rx and half-height ry, wider
// than tall as the view; a crowded stage may flatten or narrow it (frameLayout).
struct NodeEllipse {
  double rx = 500, ry = 315;
  bool operator==(const NodeEllipse&) const = default;
};
inline constexpr double kNodeRadius = 58;

struct NodeGlyph {
  NodeId id = 0;
  QPointF centre;
  QString name;
  Role role = Role::Follower;
  bool alive = true;
  uint32_t term = 0;
  int votes = 0;          // votes received (its own included), while candidate
  bool pre_candidate = false;  // asking pre-votes (rung 13): its term has not grown yet
  int majority = 1;
  double election_left = -1;   // fraction of the election timer left, -1 if not running
  double heartbeat_left = -1;  // same for the heartbeat timer
  bool in_finding = false;     // involved in the latest checker finding
  bool show_terms = true;      // the terms concept is on
  // The boost up to which its name's line widens with the name: no further
  // where neighbours are close, more with three nodes or fewer, which stand
  // far apart ("Jean-Pierre" whole on a small stage, not "Jean-Pie…").
  double name_room = 1.4;
};

struct LinkGlyph {
  NodeId a = 0, b = 0;
  QPointF p1, p2;
  bool up = true;        // messages pass
  bool partitioned = false;  // down only because of a partition (no cut of its own)
};

struct MessageGlyph {
  Seq sent = kNoSeq;      // seq of its MessageSent
  MsgType type = MsgType::VoteRequest;
  NodeId from = kNoNode, to = kNoNode;
  double progress = 0;    // 0 at the sender's edge, 1 at the receiver's
  QPointF head, tail;     // arrow from tail to head (head = current position)
  bool refused = false;   // a refused vote or logRequest: its colour says so
  QString label;          // short: "vote?", "vote ✓", "log t2 +3", "♥", "ack", "write x=1"
  bool dead = false;      // dropped: drawn fading with a cross
  double opacity = 1.0;
  QRectF label_rect;      // where its label sits (placeMessageLabels), scene coordinates
  int label_px = 20;      // its text size (messageLabelPx), grown with the names in a small view
  // A logRequest's entries, one chip each trailing its head (by term), so a
  // whole log and one entry differ at a glance; at most kMaxChips drawn.
  std::vector<uint32_t> chip_terms;
  uint32_t entries = 0;   // how many it carries (chips beyond kMaxChips: a "+N" tag)
  QPointF start;          // where its path leaves the sender: chips stay between it and the head
};
inline constexpr int kMaxChips = 10;
// A dropped message stays where it died, fading out over kRemnantFadeUs
// (within the frame's kDropFadeUs); only the latest kRemnantsPerLink of each
// link are drawn.
inline constexpr Time kRemnantFadeUs = 40'000;
inline constexpr int kRemnantsPerLink = 2;
static_assert(kRemnantFadeUs <= kDropFadeUs);
inline constexpr double kChipSide = 26, kChipGap = 6;  // scene units

struct ClusterPicture {
  NodeEllipse ellipse;  // where the nodes sit (nodeCentre)
  std::vector<NodeGlyph> nodes;
  std::vector<LinkGlyph> links;
  std::vector<MessageGlyph> messages;
};

// Centre of node n of `count` in scene coordinates (first node at the top,
// clockwise).
QPointF nodeCentre(int n, int count, NodeEllipse ellipse = {});
// The path a message from `from` to `to` follows (offset to its right so the
// two directions of a link do not overlap), trimmed at the node circles.
void messagePath(int from, int to, int count, QPointF& start, QPointF& end, NodeEllipse ellipse = {});
// Short label of a message, from its MessageSent event, with the marks the
// run's flags bring (core's messageLabelText, in the window's language).
QString messageLabel(const Event& sent, const Journal& journal, Concepts concepts = Concepts::full());
bool messageRefused(const Event& sent);

// `name_boost`: how much the view enlarges node names (ClusterView::resizeEvent), 1 for slides;
// `ellipse`: where the nodes sit (nodeCentre).
ClusterPicture drawCluster(const Frame& frame, double name_boost = 1, NodeEllipse ellipse = {});

// What a node covers on the picture, as plain data: labels must keep off it.
struct NodeArea {
  QPointF centre;
  double disc_radius = 0;  // the disc with its timer ring (and the finding ring)
  QRectF badge;            // the role badge on top
  QRectF name;             // the name under it
};
NodeArea nodeArea(const NodeGlyph& g, double name_boost = 1);
QString roleBadge(const NodeGlyph& g);   // "FOLLOWER", "♛ LEADER", "DOWN"...
QFont nameFont(double name_boost);        // the node's name, large
double nameLine(const NodeGlyph& g, double name_boost);  // the width its name may take
// "♛ LEADER" on top of the node: it grows faster than the name (a small word
// the room must still read), by roleBadgeScale.
double roleBadgeScale(double name_boost);
QFont roleBadgeFont(double name_boost);
int messageLabelPx(double name_boost);  // 20 on slides, more in a small window
QFont messageLabelFont(double name_boost);
QSizeF messageLabelSize(const QString& label, double name_boost = 1);
bool rectTouchesDisc(const QRectF& r, const QPointF& centre, double radius);
// Gives every message its label_rect: beside its arrow, slid along the arrow's
// path and to either side until it covers no node's disc, badge or name and
// no label placed before it (or, when nothing is free, the least covering spot).
void placeMessageLabels(ClusterPicture& picture, double name_boost = 1);

}  // namespace radeau::gui

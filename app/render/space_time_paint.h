// The space-time view (issue 18): one lane per node along time, each message
// an arrow from its send to its delivery (a dropped one ends in a cross where
// it died), roles and crashes along the lanes, term changes and findings
// marked: a Lamport diagram of the run, as ShiViz draws traces.
//
// buildSpaceTime() reads only the visible time range of the journal (the
// messages in flight at its start come from the folded state), so the cost is
// that of what is shown, whatever the recording's length. Nothing after `now`
// is shown: the view never tells the future.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QString>
#include <vector>

#include "app/render/theme.h"
#include "core/config.h"
#include "core/journal.h"
#include "core/state.h"

class QPainter;

namespace radeau {
class Run;
}

namespace radeau::gui {

struct SpaceTimeScene {
  struct Arrow {
    Seq sent = kNoSeq;  // the MessageSent
    MsgType type = MsgType::VoteRequest;
    bool refused = false;
    NodeId from = kNoNode, to = kNoNode;
    Time sent_us = 0, deliver_us = 0;  // its whole flight, as planned when sent
    Time end_us = 0;                   // where it is drawn to: delivery, drop, or `now` while it flies
    bool dropped = false;
    bool arrived = false;  // delivered by `now`
  };
  struct Segment {  // a stretch of one lane in one state
    NodeId node = kNoNode;
    Role role = Role::Follower;
    bool alive = true;
    Time from_us = 0, to_us = 0;
  };
  struct Mark {  // a term change (value = the term) or a finding (value = FindingKind)
    NodeId node = kNoNode;
    Time time_us = 0;
    uint32_t value = 0;
    Seq seq = kNoSeq;
  };
  Time from_us = 0, to_us = 0, now_us = 0;
  int node_count = 0;
  std::vector<Arrow> arrows;
  std::vector<Segment> segments;
  std::vector<Mark> terms, findings;
};

// `at_from` is the state at `from_us` (every event with time <= from_us folded;
// its messages in flight are drawn from their send). Events after `now_us` are
// left out.
SpaceTimeScene buildSpaceTime(const ClusterConfig& config, const Journal& journal, const ClusterState& at_from,
                              Time from_us, Time to_us, Time now_us);

// Paints `scene` into `area` with the names of `config` in the left margin;
// `scale` multiplies texts, margins and strokes (2 on a 1080 p slide).
void paintSpaceTime(QPainter& p, const QRectF& area, const SpaceTimeScene& scene, const ClusterConfig& config,
                    const Theme& theme, double scale = 1);

// A slide of the space-time view: branch `branch` from `from_us` to `to_us`
// (the playhead at `to_us`), PNG or SVG by the path's extension, with `title`
// on top. False with a reason.
bool exportSpaceTime(const Run& run, int branch, Time from_us, Time to_us, const QString& title, const QString& path,
                     const QSize& size, const Theme& theme, QString& error);

// Where things fall in `area` (as paintSpaceTime lays it out, texts times `k`):
// the plot without the names' margin, a time's x, a node's lane, and where
// an arrow is drawn to (its end, or where it died).
QRectF spaceTimePlot(const QRectF& area, double k = 1);
double spaceTimeX(const QRectF& plot, const SpaceTimeScene& s, Time t);
double spaceTimeY(const QRectF& plot, const SpaceTimeScene& s, NodeId node);
QPointF spaceTimeArrowEnd(const QRectF& plot, const SpaceTimeScene& s, const SpaceTimeScene::Arrow& a);

}  // namespace radeau::gui

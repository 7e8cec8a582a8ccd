// The logs: one row per node, one box per entry coloured by its term with the
// write's text large (and the term small when entries carry one), committed entries solid and the others dashed
// (before the commit concept: acknowledged writes solid with a ✓), entries that
// diverge from the majority outlined in a neutral dotted line (findings have the banner).
// What to draw and how, on any painter: the window's LogView (app/gui) blits it,
// slides and the stage draw it as vectors.
#pragma once

#include <QFont>
#include <QRect>
#include <QRectF>
#include <QSize>
#include <QString>
#include <functional>
#include <vector>

#include "app/render/frame.h"
#include "app/render/theme.h"

class QPainter;

namespace radeau::gui {

struct LogCell {
  bool present = false;
  uint32_t term = 0;
  QString text;        // the write's text, "no-op" for a leader's empty entry
  bool noop = false;   // no client write: a leader's no-op or an entry given by `init`
  bool show_term = false;  // entries carry a term (the entry-terms concept)
  bool committed = false;  // drawn solid (before the commit concept: the write was acknowledged)
  bool acked = false;      // before the commit concept: a ✓, the client was told "saved"
  bool divergent = false;  // differs from most nodes' entry: a neutral dotted outline, not a finding
  bool compacted = false;  // folded into the node's snapshot
  // A ghost: the entry this node lost at this index (truncated or overwritten),
  // drawn struck through and hatched; alone when the index is now empty, as a
  // strip above the entry that replaced it otherwise.
  bool ghost = false;
  uint32_t ghost_term = 0;
  QString ghost_text;
  bool ghost_acked = false;  // an acknowledged write: outlined in the finding colour
  bool operator==(const LogCell&) const = default;
};

// For indexes [first, first + count) (1-based) of every node: what to draw.
// An entry is divergent when nodes hold different entries at its index and
// it is not the one most nodes hold.
// `ghosts` (optional, core/ghosts.h) adds the entries nodes lost.
std::vector<std::vector<LogCell>> logCells(const ClusterState& state, const Journal& journal,
                                           uint32_t first, uint32_t count, const std::vector<Ghost>* ghosts = nullptr);

// What the panel shows for one frame, painted on any painter by paintLogRows:
// the panel blits cached entry boxes, the slide export draws them as vectors.
struct LogRows {
  std::vector<QString> names;
  std::vector<bool> alive;
  std::vector<uint32_t> lengths;
  uint32_t first = 1;  // index of the first column (1-based)
  std::vector<std::vector<LogCell>> cells;
};
// The panel's proportions, in panel units. The window's are compact; the
// stage's boxes are wider and fill more of their row, with the term beside
// the text instead of above it, so that at the same height on screen the
// entries are read from the back row (StageFloors::entry).
struct LogGeometry {
  int name_width = 240;  // room for "Jean-Pierre" in the large name font, and the log's length
  bool lengths = true;   // each log's length beside its name (the stage has the index header only)
  int header_height = 24;
  int row_height = 50;
  int box_width = 62;
  int box_inset = 5;     // above and below the box in its row
  int box_gap = 6;
  int margin = 10;
  bool term_beside = false;  // the entry's "t2" left of the text (else small, above it)
  bool free_slot = true;     // an empty column after the last entry (where the next one lands)
  int boxHeight() const { return row_height - 2 * box_inset; }
  static LogGeometry window() { return {}; }
  // `widest_text`: the widest entry text the boxes must hold at full size
  // (stageEntryTextWidth), 0 for room for "x=40".
  static LogGeometry stage(double widest_text = 0);
};
// The width, in stage panel units, of the widest of `texts` at the stage's full entry size.
double stageEntryTextWidth(const std::vector<QString>& texts);

// Draws one entry box in `box` (the panel's layout gives every box its rectangle).
using LogCellPainter = std::function<void(QPainter&, const LogCell&, const QRect& box)>;
void paintLogCell(QPainter& p, const LogCell& c, const QRectF& box, const Theme& theme,
                  const LogGeometry& g = LogGeometry::window());
// Where paintLogCell draws a cell's ghost in `box` (empty without one).
QRectF logGhostRect(const LogCell& c, const QRectF& box);
// What paintLogCell writes in a box: the write's text large and bold (shrunk,
// then elided, to fit), the term small in the corner only with entry-terms.
struct LogCellLayout {
  QString text;
  QFont text_font;
  QRectF text_rect;
  QString term;  // "t2", or empty
  QFont term_font;
  QRectF term_rect;
};
// Text sizes follow the geometry's box height (26 px text, 15 px term in the window's 40).
LogCellLayout logCellLayout(const LogCell& c, const QRectF& box, const LogGeometry& g = LogGeometry::window());
// Paints the panel's content (header, names, lengths, boxes) in (0, 0, size).
void paintLogRows(QPainter& p, const QSize& size, const LogRows& rows, const LogCellPainter& draw_cell,
                  const Theme& theme, const LogGeometry& g = LogGeometry::window());
// The box of the cell at `row`, `column` (0-based, column 0 is rows.first) in paintLogRows' layout.
QRect logCellBox(int row, int column, const LogGeometry& g = LogGeometry::window());
int logColumnsFor(int width, const LogGeometry& g = LogGeometry::window());  // boxes that fit in a panel this wide
int logWidthFor(int columns, const LogGeometry& g = LogGeometry::window());  // the width that shows that many boxes
int logRowsHeight(int nodes, const LogGeometry& g = LogGeometry::window());  // every row shown (no scroll bar)
// The rows of `frame` with its last entries in view, as the panel following the end.
LogRows logRowsFollowing(const Frame& frame, int columns, const LogGeometry& g = LogGeometry::window());

}  // namespace radeau::gui

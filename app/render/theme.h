// Colours and fonts of the window, chosen to be read from the back of a room
// on a projector: strong contrast in a light and a dark scheme, the
// Okabe–Ito colour-blind-safe hues for roles and messages (deepened in the
// light scheme so every role fill keeps 3:1 against the background), Paul
// Tol's "light" scheme for entry terms. A Theme is a value: painting code
// takes one as a parameter (a frame exported in the dark scheme while the
// window shows the light one switches nothing); the window's widgets use
// Theme::current(), which MainWindow::setScheme switches at runtime.
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QString>

#include "core/event.h"

namespace radeau::gui {

namespace okabe_ito {
inline const QColor kOrange{0xE6, 0x9F, 0x00};
inline const QColor kSkyBlue{0x56, 0xB4, 0xE9};
inline const QColor kGreen{0x00, 0x9E, 0x73};
inline const QColor kYellow{0xF0, 0xE4, 0x42};
inline const QColor kBlue{0x00, 0x72, 0xB2};
inline const QColor kVermillion{0xD5, 0x5E, 0x00};
inline const QColor kPurple{0xCC, 0x79, 0xA7};
}  // namespace okabe_ito

enum class Scheme { Light, Dark };

// What a text is for; Theme::font gives its size. The sizes (pixels at the
// default base, 17) are in one table, theme.cpp's kTextScale.
enum class TextRole {
  // The window's widgets.
  Body,              // 17: the window's text, menus, the live cluster's dialog and badge
  Secondary,         // 15: the status bar, the keys and legend page, the log's index and lengths
  Panel,             // 16: the journal, concepts, side tabs, toolbar, chapter, table headers
  TimelineTick,      // 13: the timeline's times
  Control,           // 18: transport buttons, the node table, message details
  Dialog,            // 20: dialogs, the presenter's "next"
  DialogChoice,      // 22: a dialog's choices; the presenter's notes and pause
  Clock,             // 26: the playhead's time; the notes' step
  Banner,            // 28: the finding banner, the pace and "live" badges; a slide's band
  Caption,           // 30: the talk's caption; the notes' clock; a slide's message count
  StageTable,        // 26: the node table on the stage (at 1080 p)
  StageTableHeader,  // 22: its header
  Legible,           // 14: the smallest a stage text shrinks to on a small screen
  // The cluster picture, in scene units (the view scales the scene).
  NodeName,          // 34
  RoleBadge,         // 17: "♛ LEADER" above the disc
  RoleLetter,        // 50: L, C, F in the disc
  TermWord,          // 16: "term" in the disc; the smallest "+N" of a message's entries
  TermNumber,        // 54: the term in the disc
  MessageLabel,      // 20
  LinkCut,           // 26: ✂ on a cut link
  // The logs, in units of the window's 40-unit entry box (the stage's are larger).
  LogName,           // 24: a node's name before its row
  EntryText,         // 26: an entry's text, alone in its box
  EntryTextBesideTerm,  // 25: with the term beside it (the stage)
  EntryTextUnderTerm,   // 22: under the term (the window)
  EntryTextSmallest,    // 16: a long text shrinks to this, then is cut with "…"
  EntryTerm,         // 16: "t3" beside the text
  EntryTermCorner,   // 15: "t3" in the corner
  EntryNoop,         // 14: "no-op"
  GhostText,         // 22: a ghost's crossed-out text
  GhostTextStrip,    // 18: the same in a strip above the entry that replaced it
  GhostMark,         // 18: its ✗
  GhostMarkStrip,    // 15
  StageEntryText,    // 33: what sizes the stage's boxes
  StageEntryTerm,    // 20: "t12" beside it
  // The space-time diagram (window units, times the slide's scale).
  SpaceTimeTick,     // 14
  SpaceTimeName,     // 18
  SpaceTimeTerm,     // 14
  // Exported frames (slides at 1080 p).
  FrameTime,         // 44: "t = 2.500 s"
  FrameBranch,       // 26
  FrameTitle,        // 34
};
inline constexpr int kTextRoleCount = int(TextRole::FrameTitle) + 1;

class Theme {
 public:
  using Scheme = gui::Scheme;
  explicit Theme(Scheme s = Scheme::Light) : scheme_(s) {}
  Scheme scheme() const { return scheme_; }
  bool dark() const { return scheme_ == Scheme::Dark; }

  // The window's theme (Light until set): for widgets, never for the render library.
  static const Theme& current();
  static void setCurrent(Scheme s);

  // "light" / "dark" (command line, settings); false for any other name.
  static QString schemeName(Scheme s);
  static bool schemeFromName(const QString& name, Scheme* out);

  QColor background() const;
  QColor panel() const;
  QColor ink() const;
  QColor mutedInk() const;
  QColor faint() const;
  QColor link() const;
  QColor danger() const;
  QColor warning() const;
  QColor onDanger() const;   // text on a danger() fill: the safety banner
  QColor onWarning() const;  // text on a warning() fill
  QColor passed() const;     // the "✓ no violation" banner: a deep green, never used for findings
  QColor onPassed() const;   // text on a passed() fill
  QColor crashed() const;
  QColor changed() const;    // "just changed" highlight
  QColor stripe() const;     // every other row of the log panel
  QColor findingRow() const; // journal row of a checker finding
  QColor played() const;     // the played part of the timeline track
  QColor fork() const;       // where a branch leaves the timeline
  QColor heal() const;       // timeline mark of a healed link
  // A cut link, a dropped message, a network fault on the timeline: a neutral
  // slate, never the findings' colours (danger, warning), so orange and
  // vermillion on screen always mean "the checker found something".
  QColor cut() const;
  // Expected staleness (a lagging follower's old entry, harmless): neutral.
  QColor stale() const;
  QColor electionTimer() const;
  QColor heartbeatTimer() const;
  QColor labelFill() const;  // behind a message label
  QColor problemInk() const; // "these rules make no sense" text

  QColor role(Role r) const;
  QColor roleInk(Role r) const;  // text drawn on a role-coloured fill
  QColor message(MsgType t, bool refused) const;
  QColor term(uint32_t term) const;  // entry box fill by term
  QColor termInk() const;            // text on a term fill (the fills are light in both schemes)

  // The widget palette of the scheme (window, base, text, buttons, highlight, disabled).
  QPalette palette() const;
  // WCAG 2 contrast ratio of two colours (1 to 21).
  static double contrast(const QColor& a, const QColor& b);

  // The type scale: one family, one base size, and every text a role whose
  // size is a share of the base (see TextRole). Sizes are in pixels so that
  // scene and widget sizes are predictable. Changing the base (before the
  // window is built) makes all text larger or smaller together; at the default
  // base every role has the size the window and the slides were tuned with.
  static constexpr int kDefaultTextBasePx = 17;
  static QString fontFamily();
  static int textBasePx();
  static void setTextBasePx(int px);  // clamped to 8..64
  static int nominalPx(TextRole r);   // the role's size at the default base
  // The role's size at the current base, times `k` (a view's or a slide's
  // scale), rounded; at least 1.
  static int px(TextRole r, double k = 1);
  static QFont font(TextRole r, bool bold = false, double k = 1);
  // A size computed from a box (shrunk until the text fits it, a slide's band):
  // geometry, not a role. Never called with a literal.
  static QFont fittedFont(int pixel_size, bool bold = false);

 private:
  // One colour per scheme: light first.
  QColor pick(QColor light, QColor dark_colour) const { return dark() ? dark_colour : light; }
  Scheme scheme_;
};

}  // namespace radeau::gui

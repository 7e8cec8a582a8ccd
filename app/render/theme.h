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

  // Fonts in pixels so that scene and widget sizes are predictable.
  static QFont font(int pixel_size, bool bold = false);

 private:
  // One colour per scheme: light first.
  QColor pick(QColor light, QColor dark_colour) const { return dark() ? dark_colour : light; }
  Scheme scheme_;
};

}  // namespace radeau::gui

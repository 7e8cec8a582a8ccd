// Colours and fonts of the window, chosen to be read from the back of a room
// on a projector: strong contrast in a light and a dark scheme, the
// Okabe–Ito colour-blind-safe hues for roles and messages (deepened in the
// light scheme so every role fill keeps 3:1 against the background), Paul
// Tol's "light" scheme for entry terms. Every widget takes its colours from
// here; MainWindow::setScheme switches them at runtime.
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

struct Theme {
  using Scheme = gui::Scheme;
  // The scheme every colour below answers for (Light until set).
  static void setScheme(Scheme s);
  static Scheme scheme();
  static bool dark() { return scheme() == Scheme::Dark; }
  // "light" / "dark" (command line, settings); false for any other name.
  static QString schemeName(Scheme s);
  static bool schemeFromName(const QString& name, Scheme* out);

  static QColor background();
  static QColor panel();
  static QColor ink();
  static QColor mutedInk();
  static QColor faint();
  static QColor link();
  static QColor danger();
  static QColor warning();
  static QColor onDanger();   // text on a danger() fill: the safety banner
  static QColor onWarning();  // text on a warning() fill
  static QColor passed();     // the "✓ no violation" banner: a deep green, never used for findings
  static QColor onPassed();   // text on a passed() fill
  static QColor crashed();
  static QColor changed();    // "just changed" highlight
  static QColor stripe();     // every other row of the log panel
  static QColor findingRow(); // journal row of a checker finding
  static QColor played();     // the played part of the timeline track
  static QColor fork();       // where a branch leaves the timeline
  static QColor heal();       // timeline mark of a healed link
  // A cut link, a dropped message, a network fault on the timeline: a neutral
  // slate, never the findings' colours (danger, warning), so orange and
  // vermillion on screen always mean "the checker found something".
  static QColor cut();
  // Expected staleness (a lagging follower's old entry, harmless): neutral.
  static QColor stale();
  static QColor electionTimer();
  static QColor heartbeatTimer();
  static QColor labelFill();  // behind a message label
  static QColor problemInk(); // "these rules make no sense" text

  static QColor role(Role r);
  static QColor roleInk(Role r);  // text drawn on a role-coloured fill
  static QColor message(MsgType t, bool refused);
  static QColor term(uint32_t term);  // entry box fill by term
  static QColor termInk();            // text on a term fill (the fills are light in both schemes)

  // The widget palette of the scheme (window, base, text, buttons, highlight, disabled).
  static QPalette palette();
  // WCAG 2 contrast ratio of two colours (1 to 21).
  static double contrast(const QColor& a, const QColor& b);

  // Fonts in pixels so that scene and widget sizes are predictable.
  static QFont font(int pixel_size, bool bold = false);
};

}  // namespace radeau::gui

// Colours and fonts of the window, chosen to be read from the back of a room
// on a projector: strong contrast on a light background, the Okabe–Ito
// colour-blind-safe palette for roles and messages, Paul Tol's "light" scheme
// for entry terms. Every widget takes its colours from here.
#pragma once

#include <QColor>
#include <QFont>

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

struct Theme {
  static QColor background() { return QColor(0xFB, 0xFA, 0xF7); }
  static QColor panel() { return QColor(0xFF, 0xFF, 0xFF); }
  static QColor ink() { return QColor(0x16, 0x18, 0x1D); }
  static QColor mutedInk() { return QColor(0x5A, 0x60, 0x6B); }
  static QColor faint() { return QColor(0xC9, 0xCD, 0xD4); }
  static QColor link() { return QColor(0xB4, 0xBA, 0xC4); }
  static QColor danger() { return okabe_ito::kVermillion; }
  static QColor warning() { return okabe_ito::kOrange; }
  static QColor crashed() { return QColor(0xA9, 0xAD, 0xB4); }
  static QColor changed() { return QColor(0xFF, 0xE9, 0x8A); }  // "just changed" highlight

  static QColor role(Role r);
  static QColor roleInk(Role r);  // text drawn on a role-coloured fill
  static QColor message(MsgType t, bool refused);
  static QColor term(uint32_t term);  // entry box fill by term

  // Fonts in pixels so that scene and widget sizes are predictable.
  static QFont font(int pixel_size, bool bold = false);
};

}  // namespace radeau::gui

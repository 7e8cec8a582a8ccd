#include "app/gui/theme.h"

namespace radeau::gui {

QColor Theme::role(Role r) {
  switch (r) {
    case Role::Follower: return okabe_ito::kSkyBlue;
    case Role::Candidate: return okabe_ito::kOrange;
    case Role::Leader: return okabe_ito::kGreen;
  }
  return ink();
}

QColor Theme::roleInk(Role r) {
  return r == Role::Leader ? QColor(Qt::white) : ink();
}

QColor Theme::message(MsgType t, bool refused) {
  switch (t) {
    case MsgType::VoteRequest: return okabe_ito::kOrange;
    case MsgType::VoteResponse: return refused ? okabe_ito::kVermillion : okabe_ito::kGreen;
    case MsgType::LogRequest: return okabe_ito::kBlue;
    case MsgType::LogResponse: return refused ? okabe_ito::kVermillion : okabe_ito::kSkyBlue;
    case MsgType::ClientWrite: return okabe_ito::kPurple;
    case MsgType::InstallSnapshot: return QColor(0x44, 0x48, 0x50);
    default: break;
  }
  return ink();
}

QColor Theme::term(uint32_t term) {
  // Paul Tol's light scheme: distinguishable with every common colour blindness.
  static const QColor kTerms[] = {
      QColor(0xDD, 0xDD, 0xDD), QColor(0x77, 0xAA, 0xDD), QColor(0xEE, 0x88, 0x66),
      QColor(0xEE, 0xDD, 0x88), QColor(0x44, 0xBB, 0x99), QColor(0xFF, 0xAA, 0xBB),
      QColor(0x99, 0xDD, 0xFF), QColor(0xBB, 0xCC, 0x33), QColor(0xAA, 0xAA, 0x00)};
  if (term == 0) return kTerms[0];
  return kTerms[1 + (term - 1) % 8];
}

QFont Theme::font(int pixel_size, bool bold) {
  QFont f(QStringLiteral("DejaVu Sans"));
  f.setPixelSize(pixel_size);
  f.setBold(bold);
  return f;
}

}  // namespace radeau::gui

#include "app/render/theme.h"

#include <algorithm>
#include <cmath>

namespace radeau::gui {

namespace {
Theme g_current;
}  // namespace

const Theme& Theme::current() { return g_current; }
void Theme::setCurrent(Scheme s) { g_current = Theme(s); }

QString Theme::schemeName(Scheme s) { return s == Scheme::Dark ? QStringLiteral("dark") : QStringLiteral("light"); }

bool Theme::schemeFromName(const QString& name, Scheme* out) {
  if (name == QLatin1String("light") || name == QLatin1String("dark")) {
    if (out) *out = name == QLatin1String("dark") ? Scheme::Dark : Scheme::Light;
    return true;
  }
  return false;
}

QColor Theme::background() const { return pick(QColor(0xFB, 0xFA, 0xF7), QColor(0x15, 0x18, 0x1D)); }
QColor Theme::panel() const { return pick(QColor(0xFF, 0xFF, 0xFF), QColor(0x1E, 0x22, 0x28)); }
QColor Theme::ink() const { return pick(QColor(0x16, 0x18, 0x1D), QColor(0xF1, 0xF3, 0xF6)); }
QColor Theme::mutedInk() const { return pick(QColor(0x5A, 0x60, 0x6B), QColor(0xA7, 0xAE, 0xB9)); }
QColor Theme::faint() const { return pick(QColor(0xC9, 0xCD, 0xD4), QColor(0x3B, 0x41, 0x4B)); }
QColor Theme::link() const { return pick(QColor(0xB4, 0xBA, 0xC4), QColor(0x5A, 0x62, 0x70)); }
QColor Theme::danger() const { return okabe_ito::kVermillion; }
QColor Theme::warning() const { return okabe_ito::kOrange; }
QColor Theme::onDanger() const { return QColor(Qt::white); }
// Deep enough for white text (≥ 6:1) and distinct from the leader's green fill.
QColor Theme::passed() const { return pick(QColor(0x00, 0x6B, 0x4E), QColor(0x00, 0x75, 0x55)); }
QColor Theme::onPassed() const { return QColor(Qt::white); }
QColor Theme::onWarning() const { return QColor(0x16, 0x18, 0x1D); }
QColor Theme::crashed() const { return pick(QColor(0xA9, 0xAD, 0xB4), QColor(0x4A, 0x50, 0x5A)); }
QColor Theme::changed() const { return pick(QColor(0xFF, 0xE9, 0x8A), QColor(0x6B, 0x55, 0x00)); }
QColor Theme::stripe() const { return pick(QColor(0xF3, 0xF4, 0xF6), QColor(0x25, 0x2A, 0x31)); }
QColor Theme::findingRow() const { return pick(QColor(0xFB, 0xE3, 0xD6), QColor(0x4A, 0x22, 0x0C)); }
QColor Theme::played() const { return pick(QColor(0x4A, 0x50, 0x5A), QColor(0xC9, 0xCD, 0xD4)); }
QColor Theme::fork() const { return okabe_ito::kPurple; }
QColor Theme::heal() const { return okabe_ito::kSkyBlue; }
QColor Theme::cut() const { return pick(QColor(0x47, 0x4F, 0x5C), QColor(0xB8, 0xC0, 0xCC)); }
QColor Theme::stale() const { return pick(QColor(0x6E, 0x75, 0x80), QColor(0x9A, 0xA2, 0xAE)); }
QColor Theme::electionTimer() const { return pick(QColor(0x2B, 0x2F, 0x36), QColor(0xE8, 0xEB, 0xF0)); }
QColor Theme::heartbeatTimer() const { return pick(QColor(0x00, 0x6B, 0x4E), QColor(0x3F, 0xD0, 0xA4)); }
QColor Theme::labelFill() const { return pick(QColor(255, 255, 255, 235), QColor(0x1E, 0x22, 0x28, 235)); }
QColor Theme::problemInk() const { return pick(QColor(0xB3, 0x47, 0x00), QColor(0xFF, 0x9A, 0x57)); }

QColor Theme::role(Role r) const {
  // Light: the Okabe–Ito hues deepened to 3:1 on the background; dark: as published.
  switch (r) {
    case Role::Follower: return pick(QColor(0x1C, 0x91, 0xD4), okabe_ito::kSkyBlue);
    case Role::Candidate: return pick(QColor(0xB8, 0x7F, 0x00), okabe_ito::kOrange);
    case Role::Leader: return okabe_ito::kGreen;
  }
  return ink();
}

QColor Theme::roleInk(Role r) const {
  // Near-black reads best on every dark-scheme fill; white on the light leader green.
  if (dark()) return QColor(0x10, 0x12, 0x16);
  return r == Role::Leader ? QColor(Qt::white) : ink();
}

QColor Theme::message(MsgType t, bool refused) const {
  switch (t) {
    case MsgType::VoteRequest:
    case MsgType::PreVoteRequest: return okabe_ito::kOrange;
    case MsgType::VoteResponse:
    case MsgType::PreVoteResponse: return refused ? okabe_ito::kVermillion : okabe_ito::kGreen;
    case MsgType::LogRequest: return pick(okabe_ito::kBlue, QColor(0x2F, 0x8E, 0xD8));
    case MsgType::LogResponse: return refused ? okabe_ito::kVermillion : okabe_ito::kSkyBlue;
    case MsgType::ClientWrite: return okabe_ito::kPurple;
    case MsgType::InstallSnapshot: return pick(QColor(0x44, 0x48, 0x50), QColor(0xC9, 0xCD, 0xD4));
    default: break;
  }
  return ink();
}

QColor Theme::term(uint32_t term) const {
  // Paul Tol's light scheme: distinguishable with every common colour blindness.
  static const QColor kTerms[] = {
      QColor(0xDD, 0xDD, 0xDD), QColor(0x77, 0xAA, 0xDD), QColor(0xEE, 0x88, 0x66),
      QColor(0xEE, 0xDD, 0x88), QColor(0x44, 0xBB, 0x99), QColor(0xFF, 0xAA, 0xBB),
      QColor(0x99, 0xDD, 0xFF), QColor(0xBB, 0xCC, 0x33), QColor(0xAA, 0xAA, 0x00)};
  if (term == 0) return kTerms[0];
  return kTerms[1 + (term - 1) % 8];
}

QColor Theme::termInk() const { return QColor(0x16, 0x18, 0x1D); }

QPalette Theme::palette() const {
  QPalette p;
  const QColor window = background(), base = panel(), text = ink(), muted = mutedInk();
  const QColor button = pick(QColor(0xEE, 0xEF, 0xF2), QColor(0x2A, 0x2F, 0x37));
  for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
    const bool off = g == QPalette::Disabled;
    p.setColor(g, QPalette::Window, window);
    p.setColor(g, QPalette::WindowText, off ? muted : text);
    p.setColor(g, QPalette::Base, base);
    p.setColor(g, QPalette::AlternateBase, stripe());
    p.setColor(g, QPalette::Text, off ? muted : text);
    p.setColor(g, QPalette::PlaceholderText, muted);
    p.setColor(g, QPalette::Button, button);
    p.setColor(g, QPalette::ButtonText, off ? muted : text);
    p.setColor(g, QPalette::BrightText, pick(QColor(Qt::white), QColor(Qt::black)));
    p.setColor(g, QPalette::ToolTipBase, base);
    p.setColor(g, QPalette::ToolTipText, text);
    p.setColor(g, QPalette::Highlight, pick(okabe_ito::kBlue, QColor(0x2F, 0x8E, 0xD8)));
    p.setColor(g, QPalette::HighlightedText, QColor(Qt::white));
    p.setColor(g, QPalette::Link, pick(okabe_ito::kBlue, okabe_ito::kSkyBlue));
    p.setColor(g, QPalette::Light, button.lighter(130));
    p.setColor(g, QPalette::Midlight, button.lighter(115));
    p.setColor(g, QPalette::Mid, faint());
    p.setColor(g, QPalette::Dark, pick(QColor(0x9A, 0x9F, 0xA8), QColor(0x10, 0x12, 0x16)));
    p.setColor(g, QPalette::Shadow, pick(QColor(0x70, 0x74, 0x7C), QColor(0x00, 0x00, 0x00)));
  }
  return p;
}

double Theme::contrast(const QColor& a, const QColor& b) {
  auto luminance = [](const QColor& c) {
    auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
  };
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

namespace {
// The type scale: each role's size in pixels at the default base (17 px, the
// window's text). The only font sizes in the program.
constexpr int textScalePx(TextRole r) {
  switch (r) {
    case TextRole::Body: return 17;
    case TextRole::Secondary: return 15;
    case TextRole::Panel: return 16;
    case TextRole::TimelineTick: return 13;
    case TextRole::Control: return 18;
    case TextRole::Dialog: return 20;
    case TextRole::DialogChoice: return 22;
    case TextRole::Clock: return 26;
    case TextRole::Banner: return 28;
    case TextRole::Caption: return 30;
    case TextRole::StageTable: return 26;
    case TextRole::StageTableHeader: return 22;
    case TextRole::Legible: return 14;
    case TextRole::NodeName: return 34;
    case TextRole::RoleBadge: return 17;
    case TextRole::RoleLetter: return 50;
    case TextRole::TermWord: return 16;
    case TextRole::TermNumber: return 54;
    case TextRole::MessageLabel: return 20;
    case TextRole::LinkCut: return 26;
    case TextRole::LogName: return 24;
    case TextRole::EntryText: return 26;
    case TextRole::EntryTextBesideTerm: return 25;
    case TextRole::EntryTextUnderTerm: return 22;
    case TextRole::EntryTextSmallest: return 16;
    case TextRole::EntryTerm: return 16;
    case TextRole::EntryTermCorner: return 15;
    case TextRole::EntryNoop: return 14;
    case TextRole::GhostText: return 22;
    case TextRole::GhostTextStrip: return 18;
    case TextRole::GhostMark: return 18;
    case TextRole::GhostMarkStrip: return 15;
    case TextRole::StageEntryText: return 33;
    case TextRole::StageEntryTerm: return 20;
    case TextRole::SpaceTimeTick: return 14;
    case TextRole::SpaceTimeName: return 18;
    case TextRole::SpaceTimeTerm: return 14;
    case TextRole::FrameTime: return 44;
    case TextRole::FrameBranch: return 26;
    case TextRole::FrameTitle: return 34;
  }
  return Theme::kDefaultTextBasePx;
}
static_assert(textScalePx(TextRole::Body) == Theme::kDefaultTextBasePx, "the base is the window's text");
int text_base_px = Theme::kDefaultTextBasePx;
}  // namespace

QString Theme::fontFamily() { return QStringLiteral("DejaVu Sans"); }

int Theme::textBasePx() { return text_base_px; }

void Theme::setTextBasePx(int px) { text_base_px = std::clamp(px, 8, 64); }

int Theme::nominalPx(TextRole r) { return textScalePx(r); }

int Theme::px(TextRole r, double k) {
  // At the default base the factor is exactly 1: the tuned sizes, bit for bit.
  const double base = double(text_base_px) / kDefaultTextBasePx;
  return std::max(1, int(std::lround(nominalPx(r) * base * k)));
}

QFont Theme::font(TextRole r, bool bold, double k) { return fittedFont(px(r, k), bold); }

QFont Theme::fittedFont(int pixel_size, bool bold) {
  QFont f(fontFamily());
  f.setPixelSize(std::max(1, pixel_size));
  f.setBold(bold);
  return f;
}

}  // namespace radeau::gui

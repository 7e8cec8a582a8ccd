// The talk walked through as the audience sees it: for every step, playback
// goes on to each scheduled pause as the clicker would ("next"), and the
// window is saved at that instant as DIR/NN-STEPID-pK.png, at a fixed size,
// so a presenter can review the whole talk (or make slides) without a screen;
// the notes window of each step goes beside, as DIR/NN-STEPID-notes.png.
#pragma once

#include <QSize>
#include <QString>

namespace radeau::gui {

class MainWindow;
class PresenterMode;

// The projector's size: every screenshot has it, whatever the screen.
inline constexpr QSize kWalkthroughSize{1920, 1080};

// Walks `presenter`'s loaded talk in `window` and writes one PNG per pause
// into `dir` (created if needed). Returns the number of pause screenshots, or -1
// with `error` set (a step that fails to open, a file that cannot be written).
int walkThrough(MainWindow& window, PresenterMode& presenter, const QString& dir, QString& error,
                const QSize& size = kWalkthroughSize);

}  // namespace radeau::gui

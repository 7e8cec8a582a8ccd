// The timeline's mapping between virtual time and pixels, a plain value so it
// can be tested with a table (as hotspot does for its time axis).
#pragma once

#include <algorithm>
#include <cmath>

#include "core/event.h"

namespace radeau::gui {

struct TimeMap {
  Time t0 = 0, t1 = 1;       // visible time range
  double x0 = 0, x1 = 100;   // pixel range it maps onto

  double span() const { return double(std::max<Time>(1, t1 - t0)); }
  // Pixel of instant t (clamped to the range).
  double x(Time t) const {
    t = std::clamp(t, t0, std::max(t0, t1));
    return x0 + (x1 - x0) * double(t - t0) / span();
  }
  // Instant under pixel x (clamped), rounded to the nearest microsecond.
  Time t(double x) const {
    if (x1 <= x0) return t0;
    double f = std::clamp((x - x0) / (x1 - x0), 0.0, 1.0);
    return t0 + Time(std::llround(f * span()));
  }
  // Microseconds one pixel stands for.
  double usPerPixel() const { return x1 > x0 ? span() / (x1 - x0) : 0.0; }
};

}  // namespace radeau::gui

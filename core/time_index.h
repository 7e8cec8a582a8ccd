// Time -> position in a journal. A journal is ordered by time, so the events
// of any instant are a prefix; every "where is time t" asks here.
#pragma once

#include <algorithm>

#include "journal.h"

namespace radeau {

// How many events have a time <= t: the prefix the state "at t" folds.
inline Seq eventsUpTo(const Journal& j, Time t_us) {
  const auto& ev = j.events();
  return Seq(std::upper_bound(ev.begin(), ev.end(), t_us, [](Time x, const Event& e) { return x < e.time_us; }) -
             ev.begin());
}

// How many events have a time < t: the first event at t or later.
inline Seq eventsBefore(const Journal& j, Time t_us) {
  const auto& ev = j.events();
  return Seq(std::lower_bound(ev.begin(), ev.end(), t_us, [](const Event& e, Time x) { return e.time_us < x; }) -
             ev.begin());
}

}  // namespace radeau

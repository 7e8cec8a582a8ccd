#include "talk_pace.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "format.h"

namespace radeau {

Notability PaceNotability::classify(const Event& e) {
  switch (e.kind) {
    case EventKind::MessageSent:
      // A vote reply, granted or refused, is the vote the audience must see.
      return e.msgType() == MsgType::VoteResponse ? Notability::Held : Notability::None;
    case EventKind::RoleChanged: return Notability::Notable;  // lasts: the vote that made it is held
    case EventKind::LogAppended:
      if (e.node < kMaxNodes) last_index_[e.node] = e.index();
      return Notability::None;
    case EventKind::LogTruncated: {
      if (e.node >= kMaxNodes) return Notability::None;
      // Only a truncation that removes entries overwrites anything.
      const bool removes = e.length() < last_index_[e.node];
      last_index_[e.node] = e.length();
      if (!removes) return Notability::None;
      // A log that flips back and forth (two leaders) shows the same
      // overwrite again and again: held the first time, then notable.
      const uint64_t key = uint64_t(e.node) << 32 | e.length();
      if (std::find(overwrites_.begin(), overwrites_.end(), key) != overwrites_.end()) return Notability::Notable;
      overwrites_.push_back(key);
      return Notability::Held;
    }
    case EventKind::Finding: return Notability::Held;
    case EventKind::WriteAcked:
    case EventKind::WriteFailed:
    case EventKind::ReadAnswered:
    case EventKind::ReadFailed: return Notability::Notable;
    case EventKind::ConceptsChanged: return Notability::None;  // drawn nowhere on stage
    default: return isFaultOrAction(e.kind) ? Notability::Notable : Notability::None;
  }
}

const char* heldKindName(HeldItem::Kind k) {
  switch (k) {
    case HeldItem::Kind::Vote: return "vote";
    case HeldItem::Kind::Overwrite: return "overwrite";
    case HeldItem::Kind::Finding: return "finding";
  }
  return "?";
}

namespace {
struct Span {
  Time from_us, to_us;
};
}  // namespace

PaceProfile PaceProfile::build(const EventLog& events, Time end_us, const std::vector<Time>& pauses_us,
                               const std::vector<TalkSpeed>& speeds, const PaceOptions& options) {
  PaceProfile p;
  p.options_ = options;
  // 1. What the audience must see: notable instants (kept at 1x around
  // them) and held items (slowed down until they last hold_wall_s).
  std::vector<Span> protect;
  PaceNotability notability;
  for (Seq i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const Notability n = notability.classify(e);
    if (n == Notability::None) continue;
    Time to = e.kind == EventKind::MessageSent ? e.at_us() : e.time_us;
    protect.push_back({e.time_us - options.margin_us, to + options.margin_us});
    if (n != Notability::Held) continue;
    HeldItem h;
    h.seq = i;
    h.kind = e.kind == EventKind::MessageSent ? HeldItem::Kind::Vote
             : e.kind == EventKind::Finding     ? HeldItem::Kind::Finding
                                                : HeldItem::Kind::Overwrite;
    h.from_us = e.time_us;
    h.to_us = std::max(to, e.time_us + options.hold_span_us);
    p.held_.push_back(h);
  }
  // A pause is where the presenter speaks: arrive there at 1x.
  for (Time t : pauses_us) protect.push_back({t - options.margin_us, t + options.margin_us});

  // 2. The elementary stretches between every boundary.
  std::vector<Time> cuts{0, end_us};
  for (const Span& s : protect) cuts.insert(cuts.end(), {std::max<Time>(0, s.from_us), s.to_us});
  for (const HeldItem& h : p.held_) cuts.insert(cuts.end(), {h.from_us, h.to_us});
  for (const TalkSpeed& s : speeds) cuts.insert(cuts.end(), {s.from_us, s.to_us < 0 ? end_us : s.to_us});
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<PaceSegment> seg(cuts.size());
  for (size_t k = 0; k < cuts.size(); ++k) seg[k].from_us = cuts[k];
  auto range = [&](Time from, Time to) {  // the elementary stretches inside [from, to)
    auto a = std::lower_bound(cuts.begin(), cuts.end(), from) - cuts.begin();
    auto b = std::lower_bound(cuts.begin(), cuts.end(), to) - cuts.begin();
    return std::pair<size_t, size_t>{size_t(a), size_t(b)};
  };

  // 3. Fast-forward: quiet stretches (outside every protected span) long
  // enough to matter, within the step.
  std::vector<char> quiet(cuts.size(), 1);
  for (const Span& s : protect) {
    auto [a, b] = range(std::max<Time>(0, s.from_us), s.to_us);
    for (size_t k = a; k < b; ++k) quiet[k] = 0;
  }
  for (size_t k = 0; k + 1 < cuts.size();) {
    if (!quiet[k] || cuts[k] >= end_us) {
      ++k;
      continue;
    }
    size_t j = k;
    while (j + 1 < cuts.size() && quiet[j] && cuts[j] < end_us) ++j;
    // A long stretch goes faster still: it never takes more than quiet_max_wall_s.
    const Time length_us = std::min(cuts[j], end_us) - cuts[k];
    const double rate = std::clamp(double(length_us) / (options.quiet_max_wall_s * double(options.virtual_us_per_wall_s)),
                                   options.fast_rate, options.max_rate);
    if (length_us >= options.quiet_min_us)
      for (size_t q = k; q < j; ++q) seg[q] = {cuts[q], rate, PaceSegment::Why::FastForward};
    k = j;
  }

  // 4. Slow motion: each held item takes hold_wall_s over its span (where
  // several overlap, the slowest wins, so each still gets its time).
  for (const HeldItem& h : p.held_) {
    const double rate = std::max(options.min_rate, double(h.to_us - h.from_us) /
                                                       (options.hold_wall_s * double(options.virtual_us_per_wall_s)));
    auto [a, b] = range(h.from_us, h.to_us);
    for (size_t k = a; k < b; ++k) {
      const bool fast = seg[k].why == PaceSegment::Why::FastForward;
      if (fast || rate < seg[k].rate) seg[k] = {cuts[k], fast ? rate : std::min(rate, seg[k].rate), PaceSegment::Why::Hold};
    }
  }

  // 5. The author's speed lines override all of it, later lines last.
  for (const TalkSpeed& s : speeds) {
    auto [a, b] = range(s.from_us, s.to_us < 0 ? end_us : s.to_us);
    for (size_t k = a; k < b; ++k)
      seg[k] = {cuts[k], std::clamp(s.factor, options.min_rate, options.max_rate), PaceSegment::Why::Speed};
  }
  // Past the end (a live extension): 1x.
  for (PaceSegment& s : seg)
    if (s.from_us >= end_us) s = {s.from_us, 1.0, PaceSegment::Why::Normal};

  // Merge neighbours with the same pace; the first starts at 0.
  p.segments_.clear();
  for (const PaceSegment& s : seg) {
    if (!p.segments_.empty() && p.segments_.back().rate == s.rate && p.segments_.back().why == s.why) continue;
    p.segments_.push_back(s);
  }
  if (p.segments_.empty()) p.segments_.push_back({});
  p.segments_.front().from_us = 0;
  return p;
}

size_t PaceProfile::indexAt(double t_us) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), t_us,
                             [](double t, const PaceSegment& s) { return t < double(s.from_us); });
  return it == segments_.begin() ? 0 : size_t(it - segments_.begin()) - 1;
}

const PaceSegment& PaceProfile::segmentAt(Time t_us) const { return segments_[indexAt(double(t_us))]; }
double PaceProfile::rateAt(Time t_us) const { return segmentAt(t_us).rate; }

double PaceProfile::wallSeconds(Time from_us, Time to_us) const {
  double wall = 0;
  double t = double(from_us);
  for (size_t k = indexAt(t); t < double(to_us); ++k) {
    const double stop = k + 1 < segments_.size() ? std::min(double(to_us), double(segments_[k + 1].from_us)) : double(to_us);
    wall += (stop - t) / us_per_s(segments_[k].rate);
    t = stop;
  }
  return wall;
}

double PaceProfile::advance(double from_us, double wall_s) const {
  double t = from_us;
  for (size_t k = indexAt(t); wall_s > 0; ++k) {
    const double speed = us_per_s(segments_[k].rate);
    if (k + 1 >= segments_.size()) return t + wall_s * speed;
    const double stop = double(segments_[k + 1].from_us);
    const double need = (stop - t) / speed;
    if (wall_s <= need) return t + wall_s * speed;
    wall_s -= need;
    t = stop;
  }
  return t;
}

std::string paceText(double rate) {
  if (std::abs(rate - 1.0) < 1e-9) return {};
  // "8×", "0.25×", "0.1×": as few digits as the factor needs, a point in every locale.
  const std::string factor = rate >= 1 ? decimalText(rate, 1, true) : decimalText(rate, 2, true);
  return std::string(rate > 1 ? "\u23e9 " : "\U0001F422 ") + factor + "\u00d7";
}

}  // namespace radeau

#include "talk.h"

#include <algorithm>
#include <charconv>

#include "finding_names.h"
#include "limits.h"
#include "sanitize.h"
#include "script.h"

namespace radeau {

std::string TalkError::toString() const {
  if (line == 0) return file + ": " + message;
  if (column > 0) return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

BilingualText bilingual(std::string_view s) {
  size_t bar = s.find(" | ");
  if (bar == std::string_view::npos) return {std::string(trim(s)), std::string(trim(s))};
  return {std::string(trim(s.substr(0, bar))), std::string(trim(s.substr(bar + 3)))};
}

// Splits a value into words, each still pointing into the line (for columns).
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// "0.25x", "8x": a factor, without locale (std::from_chars, unlike strtod).
std::optional<double> parseFactor(std::string_view w) {
  if (w.size() < 2 || w.back() != 'x') return std::nullopt;
  w.remove_suffix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v, std::chars_format::fixed);
  if (ec != std::errc() || end != w.data() + w.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<Talk> parseTalk(std::string_view text, std::string_view file, TalkError& error) {
  Talk talk;
  int line_no = 0;
  size_t pos = 0;
  auto fail = [&](std::string msg) -> std::optional<Talk> {
    error = {std::string(file), line_no, 0, std::move(msg)};
    return std::nullopt;
  };
  std::string_view raw;
  // An error at a word of the line: its column too.
  auto failAt = [&](std::string_view word, std::string msg) -> std::optional<Talk> {
    error = {std::string(file), line_no, int(word.data() - raw.data()) + 1, std::move(msg)};
    return std::nullopt;
  };
  // A step's missing parts are reported at the step's own line.
  auto checkStep = [&](const TalkStep& s) -> std::optional<Talk> {
    std::string missing = s.source.empty() ? "open" : s.title.empty() ? "title" : "";
    if (missing.empty()) return Talk{};
    line_no = s.line;
    return fail("step '" + s.id + "' has no '" + missing + "' line");
  };
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    // A '#' starts a comment only at the start of a line or after a space,
    // so captions can still say "#1".
    std::string_view line = raw;
    for (size_t i = 0; i < line.size(); ++i)
      if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line = line.substr(0, i);
        break;
      }
    line = trim(line);
    if (line.empty()) continue;
    size_t sp = line.find_first_of(" \t");
    std::string_view key = line.substr(0, sp);
    std::string_view rest = sp == std::string_view::npos ? std::string_view() : trim(line.substr(sp));
    if (key == "talk") {
      if (rest.empty()) return fail("'talk' needs a title");
      talk.title = bilingual(rest);
      continue;
    }
    if (key == "step") {
      if (!talk.steps.empty() && !checkStep(talk.steps.back())) return std::nullopt;
      if (rest.empty() || rest.find_first_of(" \t") != std::string_view::npos)
        return fail("'step' needs one identifier without spaces, e.g. 'step one-node'");
      if (talk.steps.size() >= limits::kMaxTalkSteps)
        return fail("more than " + std::to_string(limits::kMaxTalkSteps) + " steps");
      for (const TalkStep& s : talk.steps)
        if (s.id == rest)
          return fail("duplicate step '" + sanitizeText(rest, 80) + "' (first at line " + std::to_string(s.line) + ")");
      TalkStep s;
      s.id = std::string(rest);
      s.line = line_no;
      talk.steps.push_back(std::move(s));
      continue;
    }
    if (talk.steps.empty()) return fail("'" + std::string(key) + "' must follow a 'step' line");
    TalkStep& s = talk.steps.back();
    if (rest.empty()) return fail("'" + std::string(key) + "' needs a value");
    if (key == "title") s.title = bilingual(rest);
    else if (key == "concept") s.adds = bilingual(rest);
    else if (key == "caption") s.caption = bilingual(rest);
    else if (key == "notes") {
      BilingualText more = bilingual(rest);
      // Several notes lines make paragraphs.
      if (!s.notes.empty()) {
        s.notes.en += "\n" + more.en;
        s.notes.fr += "\n" + more.fr;
      } else {
        s.notes = more;
      }
    } else if (key == "open") {
      if (!s.source.empty()) return fail("step '" + s.id + "' already opens " + s.source);
      s.source = std::string(rest);
    } else if (key == "pause") {
      size_t sp2 = rest.find_first_of(" \t");
      std::string_view when = rest.substr(0, sp2);
      TalkPause p;
      if (sp2 != std::string_view::npos) p.label = bilingual(trim(rest.substr(sp2)));
      if (when == "finding") {
        p.kind = TalkPause::Kind::FirstFinding;
        // An optional finding kind before the label.
        std::string_view after = sp2 == std::string_view::npos ? std::string_view() : trim(rest.substr(sp2));
        size_t sp3 = after.find_first_of(" \t");
        const std::string_view word = after.substr(0, sp3);
        if (auto kind = findingKindFromName(word)) {
          p.finding = kind;
          p.label = sp3 == std::string_view::npos ? BilingualText{} : bilingual(trim(after.substr(sp3)));
        } else if (word.find('-') != std::string_view::npos &&
                   std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; })) {
          // Looks like a kind, is none: a typo would otherwise become a label.
          return fail("unknown finding kind '" + sanitizeText(word, 40) + "' (" + findingKindNames() + ")");
        }
      }
      else if (when == "end") p.kind = TalkPause::Kind::End;
      else if (auto t = parseDuration(when)) {
        if (std::string why = durationProblem(*t); !why.empty()) return fail("pause " + why);
        p.at_us = *t;
      } else {
        return fail("malformed pause '" + sanitizeText(when, 40) + "' (a time such as 600ms, 'finding' or 'end')");
      }
      s.pauses.push_back(std::move(p));
    } else if (key == "speed") {
      // speed FACTORx [from TIME to TIME]
      const auto w = words(rest);
      const std::string usage = " (speed FACTORx [from TIME to TIME], e.g. 'speed 0.25x from 2.85s to 3s')";
      TalkSpeed sp;
      sp.line = line_no;
      auto factor = parseFactor(w[0]);
      if (!factor) return failAt(w[0], "malformed speed '" + sanitizeText(w[0], 40) + "'" + usage);
      if (!(*factor >= 0.01 && *factor <= 32))
        return failAt(w[0], "speed " + sanitizeText(w[0], 40) + " is out of range (0.01x to 32x)");
      sp.factor = *factor;
      if (w.size() > 1) {
        if (w[1] != "from") return failAt(w[1], "expected 'from' after the factor, got '" + sanitizeText(w[1], 40) + "'" + usage);
        if (w.size() < 3) return failAt(w[1], "'from' needs a time" + usage);
        auto from = parseDuration(w[2]);
        if (!from) return failAt(w[2], "malformed time '" + sanitizeText(w[2], 40) + "' (e.g. 2.85s or 600ms)");
        if (w.size() < 4 || w[3] != "to")
          return failAt(w.size() < 4 ? w[2] : w[3], "expected 'to TIME' after the start time" + usage);
        if (w.size() < 5) return failAt(w[3], "'to' needs a time" + usage);
        auto to = parseDuration(w[4]);
        if (!to) return failAt(w[4], "malformed time '" + sanitizeText(w[4], 40) + "' (e.g. 2.85s or 600ms)");
        if (*to <= *from) return failAt(w[4], "the stretch must end after it starts (" + sanitizeText(w[2], 40) + " to " + sanitizeText(w[4], 40) + ")");
        if (w.size() > 5) return failAt(w[5], "unexpected '" + sanitizeText(w[5], 40) + "' after the stretch" + usage);
        sp.from_us = *from;
        sp.to_us = *to;
      }
      s.speeds.push_back(sp);
    } else if (key == "stage") {
      // stage table: the node state table shown on stage for this step;
      // stage sent: the running count of log entries sent
      const auto w = words(rest);
      const std::string usage = " (stage table, stage sent)";
      if (w.empty() || w[0].empty()) return fail("'stage' needs what to show" + usage);
      if (w[0] == "table") s.stage_table = true;
      else if (w[0] == "sent") s.stage_sent = true;
      else return failAt(w[0], "unknown stage option '" + sanitizeText(w[0], 40) + "'" + usage);
      if (w.size() > 1)
        return failAt(w[1], "unexpected '" + sanitizeText(w[1], 40) + "' after 'stage " + std::string(w[0]) + "'");
    } else {
      return fail("unknown key '" + sanitizeText(key, 40) + "' (talk, step, title, concept, open, caption, notes, pause, speed, stage)");
    }
  }
  if (talk.steps.empty()) {
    line_no = 0;
    return fail("a talk needs at least one 'step'");
  }
  if (!checkStep(talk.steps.back())) return std::nullopt;
  for (TalkStep& s : talk.steps)
    std::stable_sort(s.pauses.begin(), s.pauses.end(), [](const TalkPause& a, const TalkPause& b) {
      auto rank = [](const TalkPause& p) { return p.kind == TalkPause::Kind::At ? 0 : p.kind == TalkPause::Kind::FirstFinding ? 1 : 2; };
      if (rank(a) != rank(b)) return rank(a) < rank(b);
      return a.at_us < b.at_us;
    });
  return talk;
}

}  // namespace radeau

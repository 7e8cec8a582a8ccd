// The scenario script parser. One pass over the lines; the first error stops
// it and is reported with its line and the column of the offending token.
#include "script.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <utility>

#include "expect.h"
#include "limits.h"
#include "sanitize.h"

namespace radeau {

std::string ScriptError::toString() const {
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    if (column > 0) {
      out += ':';
      out += std::to_string(column);
    }
  }
  out += ": ";
  out += message;
  return out;
}

namespace {

constexpr size_t kNoColumn = std::string_view::npos;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool allDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!isDigit(c)) return false;
  return true;
}

// "12", "0.05": digits, optionally a dot and more digits (as in durations).
bool isDecimal(std::string_view s) {
  size_t dot = s.find('.');
  if (dot == std::string_view::npos) return allDigits(s);
  return allDigits(s.substr(0, dot)) && allDigits(s.substr(dot + 1));
}

// Echoed input is sanitised: 'Mi\rchel' must not print as 'Michel'.
// Built by appending: GCC 12 warns (-Wrestrict, falsely) about "'" + std::string here.
std::string quoted(std::string_view s) {
  std::string out = "'";
  out += sanitizeText(s, 80);
  out += '\'';
  return out;
}

// Decodes the UTF-8 code point at s[i] into cp; returns its length, 0 when malformed.
size_t decodeUtf8(std::string_view s, size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t len;
  char32_t v;
  if (b < 0x80) {
    cp = b;
    return 1;
  } else if ((b & 0xE0) == 0xC0) {
    len = 2;
    v = b & 0x1F;
  } else if ((b & 0xF0) == 0xE0) {
    len = 3;
    v = b & 0x0F;
  } else if ((b & 0xF8) == 0xF0) {
    len = 4;
    v = b & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    v = (v << 6) | (c & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  cp = v;
  return len;
}

// Letters outside ASCII, by block: enough for the names people give their nodes
// (accented Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, kana, CJK, Hangul).
bool isNonAsciiLetter(char32_t c) {
  struct Range {
    char32_t lo, hi;
  };
  static constexpr Range kLetters[] = {
      {0xC0, 0xD6},     {0xD8, 0xF6},     {0xF8, 0x2AF},    {0x386, 0x386},   {0x388, 0x3FF},
      {0x400, 0x52F},   {0x531, 0x556},   {0x561, 0x587},   {0x5D0, 0x5EA},   {0x620, 0x64A},
      {0x1E00, 0x1FBC}, {0x1FC2, 0x1FCC}, {0x1FD0, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FFC},
      {0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3},
  };
  for (const Range& r : kLetters)
    if (c >= r.lo && c <= r.hi) return true;
  return false;
}

bool isCombiningMark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

// Letters (UTF-8 letters included), digits, '-' and '_'; not starting with a digit.
bool validNodeName(std::string_view s) {
  if (s.empty() || isDigit(s[0])) return false;
  bool first = true;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t n = decodeUtf8(s, i, cp);
    if (n == 0) return false;
    bool ok;
    if (cp < 0x80) {
      ok = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || isDigit(char(cp)) || cp == '-' ||
           cp == '_';
    } else {
      ok = isNonAsciiLetter(cp) || (!first && isCombiningMark(cp));
    }
    if (!ok) return false;
    first = false;
    i += n;
  }
  return true;
}

// 1-based column of byte offset `byte` in `line`, counting UTF-8 code points.
int columnAt(std::string_view line, size_t byte) {
  int col = 1;
  for (size_t i = 0; i < byte && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  return col;
}

struct Token {
  std::string text;  // unquoted and unescaped
  size_t begin = 0;  // byte offsets in the line
  size_t end = 0;
  bool quoted = false;
};

struct TokenizeError {
  size_t byte = 0;
  std::string message;
};

bool isSpace(char c) { return c == ' ' || c == '\t'; }

// Splits a line into tokens; `content_end` is where the comment (or the line)
// starts, trailing blanks excluded.
std::optional<TokenizeError> tokenize(std::string_view line, std::vector<Token>& out,
                                      size_t& content_end) {
  content_end = line.size();
  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (isSpace(c)) {
      ++i;
      continue;
    }
    if (c == '#') {
      content_end = i;
      break;
    }
    Token t;
    t.begin = i;
    if (c == '"') {
      t.quoted = true;
      ++i;
      bool closed = false;
      while (i < line.size()) {
        char d = line[i];
        if (d == '"') {
          closed = true;
          ++i;
          break;
        }
        if (d == '\\') {
          if (i + 1 >= line.size()) break;  // unterminated
          char e = line[i + 1];
          if (e != '"' && e != '\\')
            return TokenizeError{i, "unknown escape '\\" + std::string(1, e) +
                                        "' in string (use \\\" for a quote, \\\\ for a backslash)"};
          t.text += e;
          i += 2;
          continue;
        }
        t.text += d;
        ++i;
      }
      if (!closed) return TokenizeError{t.begin, "unterminated string"};
      if (i < line.size() && !isSpace(line[i]) && line[i] != '#')
        return TokenizeError{i, "expected a space after the closing quote"};
    } else {
      while (i < line.size() && !isSpace(line[i]) && line[i] != '#') {
        if (line[i] == '"')
          return TokenizeError{i, "unexpected '\"' inside a word (quote the whole text, e.g. \"x=1\")"};
        ++i;
      }
      t.text = std::string(line.substr(t.begin, i - t.begin));
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  while (content_end > 0 && isSpace(line[content_end - 1])) --content_end;
  return std::nullopt;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

constexpr Time kDefaultUntil = 10'000'000;

class Parser {
 public:
  Parser(std::string_view file, ScriptError& error) : file_(file), error_(error) {
    sc_.config.names = defaultNames(5);
    sc_.until_us = kDefaultUntil;
    current_ = sc_.config.concepts;
  }

  std::optional<Scenario> run(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
    size_t pos = 0;
    int number = 0;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++number;
      if (!parseLine(line, number)) return std::nullopt;
      pos = nl + 1;
    }
    if (!finish()) return std::nullopt;
    return std::move(sc_);
  }

 private:
  // --- errors --------------------------------------------------------------
  bool failAt(size_t byte, std::string message) {
    error_.file = std::string(file_);
    error_.line = line_no_;
    error_.column = byte == kNoColumn ? 0 : columnAt(line_, byte);
    error_.message = std::move(message);
    return false;
  }
  bool fail(const Token& t, std::string message) { return failAt(t.begin, std::move(message)); }
  bool unexpected(const Token& t, std::string_view usage) {
    return fail(t, "unexpected " + quoted(t.text) + " (" + std::string(usage) + ")");
  }

  // --- line helpers ----------------------------------------------------------
  // The raw text from token k to the comment, e.g. a title or a concept spec.
  std::string_view rest(size_t k) const {
    if (k >= tok_.size()) return {};
    return line_.substr(tok_[k].begin, content_end_ - tok_[k].begin);
  }

  bool duration(std::string_view text, size_t byte, Time& out) {
    if (auto d = parseDuration(text)) {
      out = *d;
      return true;
    }
    if (!text.empty() && text[0] == '-' && parseDuration(text.substr(1)))
      return failAt(byte, "a duration cannot be negative, got " + quoted(text));
    return failAt(byte, "malformed duration " + quoted(text) + " (use us, ms or s, e.g. 150ms)");
  }
  bool duration(const Token& t, Time& out) { return duration(t.text, t.begin, out); }

  // "150ms..300ms" or a single "10ms" (min = max).
  bool range(const Token& t, Time& lo, Time& hi, bool& is_range) {
    size_t sep = t.text.find("..");
    is_range = sep != std::string::npos;
    if (!is_range) {
      if (!duration(t, lo)) return false;
      hi = lo;
      return true;
    }
    std::string_view text = t.text;
    std::string_view left = text.substr(0, sep), right = text.substr(sep + 2);
    if (left.empty() || right.empty())
      return fail(t, "malformed range " + quoted(text) + " (e.g. 150ms..300ms)");
    if (!duration(left, t.begin, lo)) return false;
    if (!duration(right, t.begin + sep + 2, hi)) return false;
    if (lo > hi)
      return fail(t, "range " + t.text + " has its minimum above its maximum");
    return true;
  }

  bool number(const Token& t, uint64_t max, uint64_t& out) {
    if (!allDigits(t.text)) return fail(t, "malformed number " + quoted(t.text));
    uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (ec == std::errc::result_out_of_range || v > max)
      return fail(t, "number " + quoted(t.text) + " is too large (at most " + std::to_string(max) + ")");
    out = v;
    return true;
  }

  bool probability(const Token& t, double& out) {
    std::string_view text = t.text;
    bool negative = !text.empty() && text[0] == '-';
    if (negative) text.remove_prefix(1);
    if (!isDecimal(text)) return fail(t, "malformed number " + quoted(t.text));
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size())
      return fail(t, "malformed number " + quoted(t.text));
    if (negative && v != 0) v = -v;
    if (!(v >= 0.0 && v <= 1.0))
      return fail(t, "probability must be between 0 and 1, got " + t.text);
    out = v;
    return true;
  }

  bool node(const Token& t, NodeId& out) {
    auto id = sc_.config.nodeByName(t.text);
    if (!id)
      return fail(t, "unknown node " + quoted(t.text) + " (nodes: " + joinNames(sc_.config.names) + ")");
    names_fixed_ = true;
    out = *id;
    return true;
  }

  // --- commands --------------------------------------------------------------
  bool parseLine(std::string_view line, int number) {
    line_ = line;
    line_no_ = number;
    tok_.clear();
    if (auto err = tokenize(line, tok_, content_end_)) return failAt(err->byte, err->message);
    if (tok_.empty()) return true;
    const std::string& cmd = tok_[0].text;
    if (cmd == "title") return title();
    if (cmd == "nodes") return nodes();
    if (cmd == "concepts") return concepts();
    if (cmd == "seed") return seed();
    if (cmd == "timing") return timing();
    if (cmd == "network") return network();
    if (cmd == "init") return init();
    if (cmd == "members") return members();
    if (cmd == "at") return at();
    if (cmd == "expect") return expect();
    if (cmd == "until") return until();
    return fail(tok_[0], "unknown command " + quoted(cmd));
  }

  bool title() {
    if (title_set_) return fail(tok_[0], "only one 'title' line is allowed");
    if (tok_.size() < 2) return fail(tok_[0], "'title' needs a text");
    sc_.title = std::string(rest(1));
    title_set_ = true;
    return true;
  }

  bool nodes() {
    if (nodes_set_) return fail(tok_[0], "only one 'nodes' line is allowed");
    if (names_fixed_) return fail(tok_[0], "'nodes' must come before any line that names a node");
    if (tok_.size() < 2) return fail(tok_[0], "'nodes' needs a count (1 to 9) or the node names");
    nodes_set_ = true;
    if (tok_.size() == 2 && !tok_[1].quoted && allDigits(tok_[1].text)) {
      int count = 0;
      for (char c : tok_[1].text) count = std::min(count * 10 + (c - '0'), 1000);
      if (count < 1 || count > kMaxNodes)
        return fail(tok_[1], "expected 1 to 9 nodes, got " + tok_[1].text);
      sc_.config.names = defaultNames(count);
      return true;
    }
    size_t count = tok_.size() - 1;
    if (count > size_t(kMaxNodes))
      return fail(tok_[1 + kMaxNodes], "expected 1 to 9 nodes, got " + std::to_string(count));
    std::vector<std::string> names;
    for (size_t i = 1; i < tok_.size(); ++i) {
      const Token& t = tok_[i];
      if (!validNodeName(t.text))
        return fail(t, "invalid node name " + quoted(t.text) +
                           " (use letters, digits, '-' and '_', not starting with a digit)");
      if (t.text == "none") return fail(t, "'none' cannot be a node name (it means no node after 'voted')");
      for (const std::string& n : names)
        if (n == t.text) return fail(t, "duplicate node name " + quoted(t.text));
      names.push_back(t.text);
    }
    sc_.config.names = std::move(names);
    return true;
  }

  // The initial configuration (rung 16): the other nodes are spares.
  bool members() {
    if (members_set_) return fail(tok_[0], "only one 'members' line is allowed");
    if (any_at_) return fail(tok_[0], "'members' must come before the first 'at' line");
    if (tok_.size() < 2) return fail(tok_[0], "'members' needs the nodes of the initial configuration");
    uint16_t mask = 0;
    for (size_t i = 1; i < tok_.size(); ++i) {
      NodeId n = kNoNode;
      if (!node(tok_[i], n)) return false;
      if (mask & (1u << n)) return fail(tok_[i], "node " + quoted(tok_[i].text) + " is named twice");
      mask = uint16_t(mask | (1u << n));
    }
    members_set_ = true;
    sc_.config.members = mask;
    return true;
  }

  // Parses the concept spec from token k on, relative to `base`.
  bool conceptSpec(size_t k, Concepts base, Concepts& out) {
    std::string_view spec = rest(k);
    std::string message;
    int col = 0;
    auto c = parseConcepts(spec, base, message, &col);
    if (!c) {
      size_t byte = tok_[k].begin + size_t(col > 0 ? col - 1 : 0);
      return failAt(byte, message);
    }
    out = *c;
    return true;
  }

  bool concepts() {
    if (any_at_)
      return fail(tok_[0],
                  "'concepts' must come before the first 'at' line "
                  "(use 'at TIME concepts ...' to change them during the run)");
    if (tok_.size() < 2) return fail(tok_[0], "'concepts' needs a spec, e.g. full, chapter 5 or +terms");
    Concepts c;
    if (!conceptSpec(1, current_, c)) return false;
    sc_.config.concepts = current_ = c;
    return true;
  }

  bool seed() {
    if (tok_.size() < 2) return fail(tok_[0], "'seed' needs a number");
    if (tok_.size() > 2) return unexpected(tok_[2], "'seed' takes one number");
    return number(tok_[1], std::numeric_limits<uint64_t>::max(), sc_.config.seed);
  }

  bool timing() {
    if (tok_.size() < 2)
      return fail(tok_[0], "'timing' needs election, heartbeat or latency, e.g. timing election 150ms..300ms");
    Timing& tm = sc_.config.timing;
    if (tok_[1].text == "drift") return drift(tm);
    bool seen[4] = {false, false, false, false};
    for (size_t i = 1; i < tok_.size(); i += 2) {
      const Token& key = tok_[i];
      int which = key.text == "election"    ? 0
                  : key.text == "heartbeat" ? 1
                  : key.text == "latency"   ? 2
                  : key.text == "snapshot"  ? 3
                                            : -1;
      if (which < 0)
        return fail(key, "unknown timing key " + quoted(key.text) + " (election, heartbeat, latency or snapshot)");
      if (seen[which]) return fail(key, "duplicate timing key " + quoted(key.text));
      seen[which] = true;
      if (which == 3) {
        // Not a time: how many applied entries a node gathers before compacting.
        if (i + 1 >= tok_.size()) return fail(key, "'snapshot' needs a number of entries, e.g. snapshot 8");
        uint64_t entries = 0;
        if (!number(tok_[i + 1], 1'000'000, entries)) return false;
        if (entries == 0) return fail(tok_[i + 1], "'snapshot' needs at least 1 entry");
        tm.snapshot_entries = uint32_t(entries);
        continue;
      }
      if (i + 1 >= tok_.size())
        return fail(key, which == 1 ? "'heartbeat' needs a duration, e.g. 50ms"
                                    : "'" + key.text + "' needs a duration or a range, e.g. " +
                                          (which == 0 ? "150ms..300ms" : "10ms..20ms"));
      const Token& value = tok_[i + 1];
      Time lo = 0, hi = 0;
      bool is_range = false;
      if (!range(value, lo, hi, is_range)) return false;
      for (Time v : {lo, hi})
        if (std::string why = timingValueProblem(v); !why.empty()) return fail(value, why);
      if (which == 0) {
        if (lo <= 0) return fail(value, "the election timeout must be greater than 0");
        tm.election_min_us = lo;
        tm.election_max_us = hi;
      } else if (which == 1) {
        if (is_range) return fail(value, "'heartbeat' takes one duration, not a range");
        if (lo <= 0) return fail(value, "the heartbeat must be greater than 0");
        tm.heartbeat_us = lo;
      } else {
        tm.latency_min_us = lo;
        tm.latency_max_us = hi;
      }
    }
    return true;
  }

  // "timing drift Sophie 1.5": Sophie's clock runs 1.5 times fast, her
  // timeouts end sooner (rung 15's lease assumes the clocks agree).
  bool drift(Timing& tm) {
    if (tok_.size() < 4) return fail(tok_[1], "'drift' needs a node and a clock rate, e.g. timing drift Sophie 1.5");
    if (tok_.size() > 4) return unexpected(tok_[4], "'drift' takes a node and one rate");
    NodeId n;
    if (!node(tok_[2], n)) return false;
    const std::string& v = tok_[3].text;
    double rate = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), rate);
    if (ec != std::errc() || end != v.data() + v.size() || !(rate >= 0.1 && rate <= 10.0))
      return fail(tok_[3], "a clock rate is a number from 0.1 to 10, got " + quoted(v));
    tm.clock_permille[n] = uint16_t(rate * 1000 + 0.5);
    return true;
  }

  bool network() {
    if (tok_.size() < 2) return fail(tok_[0], "'network' needs loss or duplicate, e.g. network loss 0.05");
    bool seen[2] = {false, false};
    for (size_t i = 1; i < tok_.size(); i += 2) {
      const Token& key = tok_[i];
      int which = key.text == "loss" ? 0 : key.text == "duplicate" ? 1 : -1;
      if (which < 0) return fail(key, "unknown network key " + quoted(key.text) + " (loss or duplicate)");
      if (seen[which]) return fail(key, "duplicate network key " + quoted(key.text));
      seen[which] = true;
      if (i + 1 >= tok_.size()) return fail(key, "'" + key.text + "' needs a probability between 0 and 1");
      double p = 0;
      if (!probability(tok_[i + 1], p)) return false;
      (which == 0 ? sc_.config.network.loss : sc_.config.network.duplicate) = p;
    }
    return true;
  }

  bool init() {
    if (tok_.size() < 2)
      return fail(tok_[0], "'init' needs a node, e.g. init Michel term 2 voted Michel log 1 \"x=1\" 2 \"x=2\"");
    NodeId id = kNoNode;
    if (!node(tok_[1], id)) return false;
    auto& init = sc_.config.init;
    init.resize(size_t(sc_.config.nodeCount()));
    if (init[id]) return fail(tok_[1], "duplicate 'init' for node " + quoted(tok_[1].text));
    InitialNodeState st;
    bool seen_term = false, seen_voted = false;
    for (size_t i = 2; i < tok_.size();) {
      const Token& key = tok_[i];
      if (key.text == "term") {
        if (seen_term) return fail(key, "duplicate 'term'");
        seen_term = true;
        if (i + 1 >= tok_.size()) return fail(key, "'term' needs a number");
        uint64_t v = 0;
        if (!number(tok_[i + 1], std::numeric_limits<uint32_t>::max(), v)) return false;
        st.term = uint32_t(v);
        i += 2;
      } else if (key.text == "voted") {
        if (seen_voted) return fail(key, "duplicate 'voted'");
        seen_voted = true;
        if (i + 1 >= tok_.size()) return fail(key, "'voted' needs a node or none");
        if (tok_[i + 1].text == "none") {
          st.voted_for = kNoNode;
        } else if (!node(tok_[i + 1], st.voted_for)) {
          return false;
        }
        i += 2;
      } else if (key.text == "log") {
        // Each entry: its term, then optionally its client text ("log 1 \"x=1\" 2").
        bool texts = false;
        for (size_t j = i + 1; j < tok_.size(); ++j) {
          const Token& t = tok_[j];
          if (t.quoted) {
            if (st.log_terms.empty() || st.log_texts.size() == st.log_terms.size())
              return fail(t, "an entry text follows its term, e.g. log 1 \"x=1\" 2 \"x=2\"");
            if (t.text.empty()) return fail(t, "an entry text cannot be empty (give only the term for a no-op)");
            if (t.text.size() > limits::kMaxWriteTextBytes) return fail(t, "entry text too long");
            st.log_texts.push_back(t.text);
            texts = true;
            continue;
          }
          if (t.text == "term" || t.text == "voted" || t.text == "log")
            return fail(t, "'log' must come last on an 'init' line");
          uint64_t v = 0;
          if (!number(t, std::numeric_limits<uint32_t>::max(), v)) return false;
          st.log_texts.resize(st.log_terms.size());  // the previous entry had no text
          st.log_terms.push_back(uint32_t(v));
        }
        if (texts) st.log_texts.resize(st.log_terms.size());
        else st.log_texts.clear();
        i = tok_.size();
      } else {
        return fail(key, "unknown init key " + quoted(key.text) + " (term, voted or log)");
      }
    }
    init[id] = std::move(st);
    return true;
  }

  bool at() {
    static constexpr std::string_view kUsage = "'at' needs a time and an action, e.g. at 1s crash Michel";
    if (tok_.size() < 2) return fail(tok_[0], std::string(kUsage));
    Action a;
    a.line = line_no_;
    if (!duration(tok_[1], a.time_us)) return false;
    if (tok_.size() < 3) return fail(tok_[0], std::string(kUsage));
    if (any_at_ && a.time_us < last_at_)
      return fail(tok_[1], "time goes backwards: " + formatDuration(a.time_us) + " is before " +
                               formatDuration(last_at_));
    const Token& verb = tok_[2];
    const std::string& v = verb.text;
    std::vector<const Token*> args;
    for (size_t i = 3; i < tok_.size(); ++i) args.push_back(&tok_[i]);
    auto needNodes = [&](size_t n, std::string_view usage_missing, std::string_view usage_extra) {
      if (args.size() < n) return fail(verb, std::string(usage_missing));
      if (args.size() > n) return unexpected(*args[n], usage_extra);
      return true;
    };
    auto twoNodes = [&]() {
      if (!node(*args[0], a.node) || !node(*args[1], a.peer)) return false;
      if (a.node == a.peer)
        return fail(*args[1], "'" + v + "' needs two different nodes, got " + quoted(args[0]->text) + " twice");
      return true;
    };
    std::optional<Action> resend;  // `write … retry after T [to NODE]`
    if (v == "write") {
      a.kind = ActionKind::Write;
      static constexpr std::string_view kExtra =
          "'write' takes a node and one text, then optionally 'retry after T [to NODE]'; quote a text with "
          "spaces, e.g. \"x = 1\"";
      if (args.size() < 2) return fail(verb, "'write' needs a node and a text");
      if (args.size() > 2 && (args[2]->quoted || args[2]->text != "retry")) return unexpected(*args[2], kExtra);
      if (!node(*args[0], a.node)) return false;
      a.text = args[1]->text;
      if (args.size() > 2) {
        // The client resends the same write (same client, same serial
        // number) if no answer came after T: a `resend` action at t + T.
        static constexpr std::string_view kRetry = "'retry' needs 'after' and a time, e.g. retry after 200ms";
        if (args.size() < 5 || args[3]->text != "after" || args[3]->quoted)
          return fail(args.size() > 3 ? *args[3] : *args[2], std::string(kRetry));
        Time after = 0;
        if (!duration(*args[4], after)) return false;
        if (after <= 0) return fail(*args[4], "'retry after' needs a time above 0, got " + quoted(args[4]->text));
        Action r;
        r.kind = ActionKind::Resend;
        r.line = line_no_;
        r.time_us = a.time_us + after;
        r.text = a.text;
        r.node = a.node;
        if (args.size() > 5) {
          if (args[5]->text != "to" || args[5]->quoted) return unexpected(*args[5], "after 'retry after T' only 'to NODE'");
          if (args.size() < 7) return fail(*args[5], "'to' needs the node the client resends to");
          if (args.size() > 7) return unexpected(*args[7], "'retry after T to NODE' ends the line");
          if (!node(*args[6], r.node)) return false;
        }
        resend = std::move(r);
      }
    } else if (v == "resend") {
      a.kind = ActionKind::Resend;
      if (!needNodes(2, "'resend' needs a node and the text of an earlier write",
                     "'resend' takes a node and one text"))
        return false;
      if (!node(*args[0], a.node)) return false;
      a.text = args[1]->text;
      if (!written_.count(a.text))
        return fail(*args[1], "'resend' needs the text of an earlier write, no write wrote " + quoted(a.text));
    } else if (v == "read") {
      a.kind = ActionKind::Read;
      if (!needNodes(2, "'read' needs a node and a key, e.g. read Michel x", "'read' takes a node and one key"))
        return false;
      if (!node(*args[0], a.node)) return false;
      if (std::string why = readKeyProblem(args[1]->text); !why.empty()) return fail(*args[1], why);
      a.text = args[1]->text;
    } else if (v == "crash" || v == "restart" || v == "isolate" || v == "timeout") {
      a.kind = v == "crash"     ? ActionKind::Crash
               : v == "restart" ? ActionKind::Restart
               : v == "isolate" ? ActionKind::Isolate
                                : ActionKind::Timeout;
      if (!needNodes(1, "'" + v + "' needs a node", "'" + v + "' takes one node")) return false;
      if (!node(*args[0], a.node)) return false;
    } else if (v == "cut" || v == "drop") {
      a.kind = v == "cut" ? ActionKind::Cut : ActionKind::Drop;
      if (!needNodes(2, "'" + v + "' needs two nodes", "'" + v + "' takes two nodes")) return false;
      if (!twoNodes()) return false;
    } else if (v == "heal") {
      if (args.empty()) {
        a.kind = ActionKind::HealAll;
      } else {
        a.kind = ActionKind::Heal;
        if (!needNodes(2, "'heal' needs two nodes, or none to heal every link", "'heal' takes two nodes"))
          return false;
        if (!twoNodes()) return false;
      }
    } else if (v == "partition") {
      a.kind = ActionKind::Partition;
      if (!partition(verb, args, a.groups)) return false;
    } else if (v == "add" || v == "remove") {
      // `add NODE... [to NODE]`: a configuration change asked of the leader,
      // or of the node after `to`.
      a.kind = v == "add" ? ActionKind::AddNodes : ActionKind::RemoveNodes;
      std::vector<NodeId> list;
      size_t i = 0;
      for (; i < args.size() && !(args[i]->text == "to" && !args[i]->quoted); ++i) {
        NodeId n = kNoNode;
        if (!node(*args[i], n)) return false;
        if (std::find(list.begin(), list.end(), n) != list.end())
          return fail(*args[i], "node " + quoted(args[i]->text) + " is named twice");
        list.push_back(n);
      }
      if (list.empty()) return fail(verb, "'" + v + "' needs at least one node, e.g. " + v + " Paul");
      if (i < args.size()) {
        if (i + 1 >= args.size()) return fail(*args[i], "'to' needs the node asked to make the change");
        if (i + 2 < args.size()) return unexpected(*args[i + 2], "'to NODE' ends the line");
        if (!node(*args[i + 1], a.node)) return false;
      }
      a.groups.push_back(std::move(list));
    } else if (v == "concepts") {
      a.kind = ActionKind::SetConcepts;
      if (args.empty()) return fail(verb, "'concepts' needs a spec, e.g. +terms or chapter 5");
      if (!conceptSpec(3, current_, a.concepts)) return false;
      current_ = a.concepts;
    } else {
      return fail(verb, "unknown action " + quoted(v) + kActionList);
    }
    any_at_ = true;
    last_at_ = a.time_us;
    last_at_line_ = line_no_;
    last_at_line_text_ = std::string(line_);
    last_at_byte_ = tok_[1].begin;
    if (a.kind == ActionKind::Write) written_.insert(a.text);
    insertByTime(std::move(a));
    if (resend) insertByTime(std::move(*resend));
    return true;
  }

  // After every action of the same time or earlier: a retry's resend lands
  // among the later lines.
  void insertByTime(Action a) {
    auto it = std::upper_bound(sc_.actions.begin(), sc_.actions.end(), a.time_us,
                               [](Time t, const Action& x) { return t < x.time_us; });
    sc_.actions.insert(it, std::move(a));
  }

  static constexpr const char* kActionList =
      " (write, resend, read, crash, restart, cut, heal, isolate, partition, timeout, drop, add, remove or concepts)";


  // "A B | C D": groups separated by '|' (alone or attached to a name); the
  // nodes not named form one more group, last.
  bool partition(const Token& verb, const std::vector<const Token*>& args,
                 std::vector<std::vector<NodeId>>& groups) {
    struct Piece {
      std::string text;
      size_t begin;
      bool bar;
    };
    std::vector<Piece> pieces;
    for (const Token* t : args) {
      if (t->quoted) {
        pieces.push_back({t->text, t->begin, false});
        continue;
      }
      size_t start = 0;
      const std::string& s = t->text;
      for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '|') {
          if (i > start) pieces.push_back({s.substr(start, i - start), t->begin + start, false});
          if (i < s.size()) pieces.push_back({"|", t->begin + i, true});
          start = i + 1;
        }
      }
    }
    std::vector<bool> used(size_t(sc_.config.nodeCount()), false);
    std::vector<NodeId> current;
    for (size_t i = 0; i <= pieces.size(); ++i) {
      if (i == pieces.size() || pieces[i].bar) {
        if (current.empty()) {
          if (pieces.empty()) break;
          size_t at = i < pieces.size() ? pieces[i].begin : pieces.back().begin;
          return failAt(at, "empty group in 'partition' (groups are separated by '|')");
        }
        groups.push_back(std::move(current));
        current.clear();
        continue;
      }
      Token t;
      t.text = pieces[i].text;
      t.begin = pieces[i].begin;
      NodeId id = kNoNode;
      if (!node(t, id)) return false;
      if (used[id]) return fail(t, "node " + quoted(t.text) + " appears twice in 'partition'");
      used[id] = true;
      current.push_back(id);
    }
    if (groups.size() < 2) {
      groups.clear();
      return fail(verb, "'partition' needs at least two groups separated by '|', e.g. partition Michel | Jean-Pierre Sophie");
    }
    std::vector<NodeId> others;
    for (size_t i = 0; i < used.size(); ++i)
      if (!used[i]) others.push_back(NodeId(i));
    if (!others.empty()) groups.push_back(std::move(others));
    return true;
  }

  bool expect() {
    if (tok_.size() < 2) return fail(tok_[0], "'expect' needs a text, e.g. expect leaders 1");
    // Expectations are checked after the run; a number too large for any
    // count is already an error here, where its line and column are known.
    uint64_t ignored = 0;
    for (size_t i = 2; i < tok_.size(); ++i)
      if (!tok_[i].quoted && allDigits(tok_[i].text) && !number(tok_[i], std::numeric_limits<uint32_t>::max(), ignored)) return false;
    sc_.expectations.emplace_back(rest(1));
    expect_at_.push_back({line_no_, std::string(line_), tok_[1].begin});
    return true;
  }

  // Expectations are read once the whole script is (they name its nodes):
  // a typo is a located script error, not an outcome that did not happen.
  bool checkExpectationLines() {
    for (size_t i = 0; i < sc_.expectations.size(); ++i)
      if (auto problem = expectationProblem(sc_.expectations[i], sc_.config)) {
        line_ = expect_at_[i].text;
        line_no_ = expect_at_[i].line;
        return failAt(expect_at_[i].byte + problem->byte, "in 'expect': " + problem->message);
      }
    return true;
  }

  bool until() {
    if (until_set_) return fail(tok_[0], "only one 'until' line is allowed");
    if (tok_.size() < 2) return fail(tok_[0], "'until' needs a time, e.g. until 10s");
    if (tok_.size() > 2) return unexpected(tok_[2], "'until' takes one time");
    if (!duration(tok_[1], sc_.until_us)) return false;
    if (std::string why = durationProblem(sc_.until_us); !why.empty()) return fail(tok_[1], why);
    until_set_ = true;
    until_line_ = line_no_;
    until_line_text_ = std::string(line_);
    until_byte_ = tok_[1].begin;
    return true;
  }

  bool finish() {
    if (!checkExpectationLines()) return false;
    if (!any_at_ || last_at_ <= sc_.until_us) return true;
    if (until_set_) {
      line_ = until_line_text_;
      line_no_ = until_line_;
      return failAt(until_byte_, "until " + formatDuration(sc_.until_us) + " is before the last action at " +
                                     formatDuration(last_at_));
    }
    line_ = last_at_line_text_;
    line_no_ = last_at_line_;
    return failAt(last_at_byte_, "the last action at " + formatDuration(last_at_) +
                                     " is after the end of the run at " + formatDuration(sc_.until_us) +
                                     " (add an 'until' line)");
  }

  std::string_view file_;
  ScriptError& error_;
  Scenario sc_;
  struct LineAt {
    int line;
    std::string text;
    size_t byte;
  };
  std::vector<LineAt> expect_at_;  // where each expectation was written

  // The line being parsed.
  std::string_view line_;
  int line_no_ = 0;
  std::vector<Token> tok_;
  size_t content_end_ = 0;

  Concepts current_;          // the concepts in force at this point of the script
  bool title_set_ = false;
  bool nodes_set_ = false;
  bool members_set_ = false;
  bool names_fixed_ = false;  // a line has named a node: the names can no longer change
  bool any_at_ = false;
  Time last_at_ = 0;
  int last_at_line_ = 0;
  std::string last_at_line_text_;
  std::set<std::string> written_;  // the texts of the writes so far (what `resend` may name)
  size_t last_at_byte_ = 0;
  bool until_set_ = false;
  int until_line_ = 0;
  std::string until_line_text_;
  size_t until_byte_ = 0;
};

}  // namespace

bool splitScriptWords(std::string_view line, std::vector<ScriptWord>& out, size_t& error_byte, std::string& error) {
  std::vector<Token> tokens;
  size_t content_end = 0;
  if (auto e = tokenize(line, tokens, content_end)) {
    error_byte = e->byte;
    error = e->message;
    return false;
  }
  for (Token& t : tokens) out.push_back({std::move(t.text), t.begin, t.quoted});
  return true;
}

std::optional<Scenario> parseScenario(std::string_view text, std::string_view file, ScriptError& error) {
  return Parser(file, error).run(text);
}

std::optional<Time> parseDuration(std::string_view text) {
  int digits;  // decimal digits of the unit in microseconds
  size_t unit_len;
  if (text.ends_with("us")) {
    digits = 0;
    unit_len = 2;
  } else if (text.ends_with("ms")) {
    digits = 3;
    unit_len = 2;
  } else if (text.ends_with("s")) {
    digits = 6;
    unit_len = 1;
  } else {
    return std::nullopt;
  }
  std::string_view num = text.substr(0, text.size() - unit_len);
  size_t dot = num.find('.');
  std::string_view ip = num.substr(0, dot);
  std::string_view fp = dot == std::string_view::npos ? std::string_view() : num.substr(dot + 1);
  if (!allDigits(ip)) return std::nullopt;
  if (dot != std::string_view::npos && !allDigits(fp)) return std::nullopt;

  constexpr Time kMax = std::numeric_limits<Time>::max();
  Time unit = 1;
  for (int i = 0; i < digits; ++i) unit *= 10;
  Time value = 0;
  for (char c : ip) {
    if (value > (kMax - (c - '0')) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > kMax / unit) return std::nullopt;
  value *= unit;
  // The first `digits` decimals are whole microseconds; the next one rounds (half up).
  Time frac = 0;
  for (int i = 0; i < digits; ++i) frac = frac * 10 + (size_t(i) < fp.size() ? fp[size_t(i)] - '0' : 0);
  if (fp.size() > size_t(digits) && fp[size_t(digits)] >= '5') ++frac;
  if (value > kMax - frac) return std::nullopt;
  return value + frac;
}

std::string formatDuration(Time us) {
  uint64_t v = us < 0 ? uint64_t(0) - uint64_t(us) : uint64_t(us);
  std::string sign = us < 0 ? "-" : "";
  if (v == 0) return "0s";
  auto format = [&](uint64_t unit, size_t width, std::string_view suffix) {
    std::string s = sign + std::to_string(v / unit);
    if (uint64_t frac = v % unit) {
      std::string f = std::to_string(frac);
      f.insert(0, width - f.size(), '0');
      while (f.back() == '0') f.pop_back();
      s += '.';
      s += f;
    }
    s += suffix;
    return s;
  };
  if (v >= 1'000'000) return format(1'000'000, 6, "s");
  if (v >= 1'000) return format(1'000, 3, "ms");
  return format(1, 0, "us");
}

std::string quoteScriptText(std::string_view text) {
  std::string q = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') q += '\\';
    q += ch;
  }
  return q + "\"";
}

std::string readKeyProblem(std::string_view key) {
  if (key.empty()) return "a read needs a key, e.g. x";
  std::string why;
  if (key.size() > kMaxReadKeyBytes) {
    why = "the key ";
    why += quoted(key);
    why += " is longer than ";
    why += std::to_string(kMaxReadKeyBytes);
    why += " bytes";
    return why;
  }
  for (char c : key)
    if (c <= ' ' || c > '~' || c == '=' || c == '"') {
      why = "the key ";
      why += quoted(key);
      why += " may hold letters, digits and signs, not '=', quotes or spaces";
      return why;
    }
  return why;
}

std::string formatAction(const Action& a, const std::vector<std::string>& names) {
  auto nm = [&](NodeId n) { return n < names.size() ? names[n] : std::string("?"); };
  std::string s = "at " + formatDuration(a.time_us) + " ";
  switch (a.kind) {
    case ActionKind::Write: return s + "write " + nm(a.node) + " " + quoteScriptText(a.text);
    case ActionKind::Resend: return s + "resend " + nm(a.node) + " " + quoteScriptText(a.text);
    case ActionKind::Crash: return s + "crash " + nm(a.node);
    case ActionKind::Restart: return s + "restart " + nm(a.node);
    case ActionKind::Cut: return s + "cut " + nm(a.node) + " " + nm(a.peer);
    case ActionKind::Heal: return s + "heal " + nm(a.node) + " " + nm(a.peer);
    case ActionKind::Isolate: return s + "isolate " + nm(a.node);
    case ActionKind::HealAll: return s + "heal";
    case ActionKind::Timeout: return s + "timeout " + nm(a.node);
    case ActionKind::Drop: return s + "drop " + nm(a.node) + " " + nm(a.peer);
    case ActionKind::Partition:
      s += "partition";
      for (size_t g = 0; g < a.groups.size(); ++g) {
        if (g) s += " |";
        for (NodeId n : a.groups[g]) {
          s += ' ';
          s += nm(n);
        }
      }
      return s;
    case ActionKind::DropMessage:
      return "# " + s + "drop message " + std::to_string(a.message) + " (one message of this run: no script form)";
    case ActionKind::SetConcepts: return s + "concepts " + describeConcepts(a.concepts);
    case ActionKind::Read:
      s += "read ";
      s += nm(a.node);
      s += ' ';
      s += a.text;
      return s;
    case ActionKind::AddNodes:
    case ActionKind::RemoveNodes:
      s += a.kind == ActionKind::AddNodes ? "add" : "remove";
      for (const auto& g : a.groups)
        for (NodeId n : g) {
          s += ' ';  // appended: GCC 12 warns (-Wrestrict, falsely) about " " + std::string
          s += nm(n);
        }
      if (a.node != kNoNode) {
        s += " to ";
        s += nm(a.node);
      }
      return s;
  }
  return "# " + s + "?";
}

std::string_view defaultScenarioText() {
  return R"(# Radeau's default run: full Raft on five nodes.
# They elect a leader, take client writes on several nodes (followers
# forward them to the leader), then Michel crashes: if he led, the others
# elect a new leader and writes go on. Michel restarts at 3s and catches up.
title Elect, write, crash, recover
nodes 5
concepts full
seed 42
timing election 150ms..300ms heartbeat 50ms latency 10ms..20ms

at 600ms write Michel "x=1"
at 700ms write Jean-Pierre "y=2"
at 800ms write Sophie "x=3"
at 1s write Paul "z=4"

at 1.5s crash Michel

at 2s write Jean-Pierre "y=5"
at 2.25s write Luc "x=6"
at 2.5s write Sophie "z=7"

at 3s restart Michel
until 4s
)";
}

}  // namespace radeau

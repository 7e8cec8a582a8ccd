// Concept flags: each switches exactly one rule of the node on or off
// (../shared/CHAPTERS.md). Chapter presets give the flag set of each rung.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "language.h"

namespace radeau {

enum class Concept : uint8_t {
  Persistence,
  EveryoneLeader,
  Replication,
  Forwarding,
  LeaderTimeout,
  Election,
  LogLengthVote,
  Terms,
  StaleTermRejection,
  EntryTerms,
  IncrementalReplication,
  Commit,
  CurrentTermCommit,
  LeaderNoop,
  Snapshots,
  // Added later: new flags go last, recordings store the flags by bit.
  PreVote,
  CheckQuorum,
  ClientSessions,
  ReadIndex,
  Lease,
  Membership,
};
inline constexpr int kConceptCount = int(Concept::Membership) + 1;

class Concepts {
 public:
  constexpr Concepts() = default;
  constexpr explicit Concepts(uint32_t bits) : bits_(bits) {}
  constexpr bool has(Concept c) const { return bits_ & (1u << unsigned(c)); }
  constexpr Concepts with(Concept c) const { return Concepts(bits_ | (1u << unsigned(c))); }
  constexpr Concepts without(Concept c) const { return Concepts(bits_ & ~(1u << unsigned(c))); }
  constexpr uint32_t bits() const { return bits_; }
  bool operator==(const Concepts&) const = default;

  static Concepts full();
  static Concepts none() { return Concepts(); }

 private:
  uint32_t bits_ = 0;
};

std::string_view conceptName(Concept c);
// The rule a flag adds, in one line for a student ("A candidate asks for votes
// and needs a strict majority"): the Rules tab's text and tooltip and
// `radeau-cli chapters`. French follows resources/glossary.tsv.
std::string_view conceptDescription(Concept c, Language l = Language::English);
std::optional<Concept> conceptFromName(std::string_view name);
// A spec parseConcepts reads back: "full", "full -commit", "chapter 5" or "none +a +b".
std::string describeConcepts(Concepts c);
std::string listConcepts(Concepts c);  // always the flag list

// Why this combination makes no sense (e.g. log-length-vote without election), or "".
// Flag names stay as written in every language.
std::string conceptsProblem(Concepts c, Language l = Language::English);

struct Chapter {
  int number;
  std::string_view name;       // short name usable in scripts ("candidate")
  std::string_view title;      // as in CHAPTERS.md
  std::string_view adds;       // the concept(s) the rung adds, for humans
  int node_count;
  Concepts concepts;
};
const std::vector<Chapter>& chapters();
// The chapter's title in a language (`title` is the English one).
std::string_view chapterTitle(const Chapter& ch, Language l);
const Chapter* findChapter(std::string_view number_or_name);
// The chapter whose flags differ least from `c` (the latest on a tie), and
// those differences as " -persistence +snapshots" in `delta` ("" when exact).
// Null when no chapter is within `max_differences`.
const Chapter* nearestChapter(Concepts c, std::string& delta, int max_differences = 2);

// Parses a concept spec: "full", "none", "chapter 5", "chapter candidate",
// then any number of "+flag" / "-flag" (a bare "flag" adds it). Tokens are
// separated by spaces. `base` is what a spec starting with +/- modifies.
// On error returns nullopt and sets `error` (naming the offending token and
// its column, 1-based, within `spec`).
std::optional<Concepts> parseConcepts(std::string_view spec, Concepts base, std::string& error,
                                      int* error_column = nullptr);

}  // namespace radeau

#include "finding_names.h"

#include <iterator>

namespace radeau {

namespace {

struct Name {
  FindingKind kind;
  std::string_view name;
};

// In FindingKind order; the round-trip test walks every kind.
constexpr Name kNames[] = {
    {FindingKind::TwoLeaders, "two-leaders"},
    {FindingKind::LogDivergence, "log-divergence"},
    {FindingKind::AckedWriteLost, "acked-write-lost"},
    {FindingKind::CommittedEntryLost, "committed-entry-lost"},
    {FindingKind::CommitMismatch, "commit-mismatch"},
    {FindingKind::WriteFailed, "write-failed"},
    {FindingKind::WriteNeverAcked, "write-never-acked"},
    {FindingKind::AppliedTwice, "applied-twice"},
};

static_assert(std::size(kNames) == size_t(kLastFindingKind) + 1, "a finding kind without a name");

constexpr Name kOldNames[] = {
    {FindingKind::AckedWriteLost, "acknowledged-write-lost"},
    {FindingKind::WriteNeverAcked, "write-never-acknowledged"},
};

}  // namespace

std::string_view findingKindName(FindingKind k) {
  for (const Name& n : kNames)
    if (n.kind == k) return n.name;
  return "?";
}

std::optional<FindingKind> findingKindFromName(std::string_view name) {
  for (const Name& n : kNames)
    if (n.name == name) return n.kind;
  for (const Name& n : kOldNames)
    if (n.name == name) return n.kind;
  return std::nullopt;
}

std::string findingKindNames() {
  std::string out;
  for (const Name& n : kNames) out += (out.empty() ? "" : ", ") + std::string(n.name);
  return out;
}

}  // namespace radeau

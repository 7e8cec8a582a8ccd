#include "vocabulary.h"

namespace radeau {

const std::vector<VocabularyRow>& vocabulary() {
  static const std::vector<VocabularyRow> rows = {
      {Concept::LogLengthVote, Mark::LogLength, "a voteRequest's \"last entry 3\""},
      {Concept::Terms, Mark::Term,
       "\"term 2\" on messages, roles and votes; labels \"vote? t2\", \"log t2 +1\", \"♥ t2\""},
      {Concept::EntryTerms, Mark::EntryTerm, "an entry's term: \"appends 2 (term 1, \"x=1\")\", \"(term 2)\" after an index"},
      {Concept::IncrementalReplication, Mark::Progress,
       "nextIndex/matchIndex \"next 4, match 3\" and prevLogIndex \"after 3\""},
      {Concept::Commit, Mark::Commit, "\"commit 2\", \"commits up to 2\""},
  };
  return rows;
}

bool shows(Concepts c, Mark m) {
  for (const VocabularyRow& r : vocabulary())
    if (r.mark == m) return c.has(r.brought_by);
  return true;  // a mark the table does not list belongs to every rung
}

}  // namespace radeau

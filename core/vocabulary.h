// What each concept flag brings to the words and marks on screen (issue 12):
// a rung shows only what it has introduced, so the audience of rung 3 never
// reads "term 0" or "next 2, match 1". One table (vocabulary.cpp) names, for
// each mark, the one flag that brings it; the event formatter (format.cpp),
// hence the transcript, the journal panel and the message labels, asks
// shows() and never tests the flags itself.
#pragma once

#include <string_view>
#include <vector>

#include "concepts.h"

namespace radeau {

enum class Mark : uint8_t {
  Term,       // node and message terms: "logRequest term 2", "becomes leader (term 2)", labels "log t2 +1", "♥ t2"
  LogLength,  // what a voteRequest says of the candidate's log: "last entry 3"
  EntryTerm,  // the term of an entry: "appends 2 (term 1, "x=1")", "last entry 3 (term 2)"
  Progress,   // nextIndex/matchIndex and prevLogIndex: "next 4, match 3", "after 3 (term 1)"
  Commit,     // commit indexes: "commit 2", "commits up to 2"
};
inline constexpr int kMarkCount = int(Mark::Commit) + 1;

struct VocabularyRow {
  Concept brought_by;     // the only flag that shows the mark
  Mark mark;
  std::string_view what;  // the words, for humans (`radeau-cli chapters`, the README)
};
// One row per mark, in the ladder's order.
const std::vector<VocabularyRow>& vocabulary();

// Whether a run with these flags shows the mark.
bool shows(Concepts c, Mark m);

}  // namespace radeau

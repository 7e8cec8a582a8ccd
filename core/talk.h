// The talk file: the ordered steps of a presentation. Each step opens a
// scenario script or a recording, says which concept it adds, carries a
// caption and presenter notes in English and French, and pauses playback at
// the instants that matter. Line-oriented like scenario scripts:
//
//   talk   Raft, one concept at a time | Raft, un concept à la fois
//   step   one-node-write
//   title  One node | Un seul nœud
//   concept persistence
//   open   scenarios/01a-one-node-write.radeau-script
//   caption A write is appended and acknowledged. | On écrit, ça marche.
//   notes  Start here. | Commencer ici.
//   pause  600ms The write is acknowledged | L'écriture est acquittée
//   pause  finding
//   pause  finding acked-write-lost The write is gone | L'écriture a disparu
//   speed  0.25x from 2.85s to 3s
//   speed  4x
//   stage  table
//   stage  sent
//
// "pause finding" stops at the run's first checker finding; followed by a
// finding kind (the names of a script's `expect finding`), at the first
// finding of that kind, for runs whose first finding is not the one to show.
// Texts are "English | Français"; without a '|' both languages share one text.
// "speed FACTORx [from TIME to TIME]" sets the playback rate (0.01x to 32x)
// of a stretch of the step, or of all of it; it overrides the automatic pace
// (core/talk_pace.h: fast-forward through quiet stretches, slow motion on
// votes, overwrites and findings). Later lines win where they overlap.
// "stage table" shows the node state table on stage for the step (the stage
// shows only the cluster and the logs otherwise); "stage sent" a running
// "entries sent: N" counter (the cost of whole-log replication and replay).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event.h"
#include "language.h"

namespace radeau {

struct BilingualText {
  std::string en, fr;
  const std::string& in(Language l) const { return l == Language::French && !fr.empty() ? fr : en; }
  bool empty() const { return en.empty() && fr.empty(); }
};

struct TalkPause {
  enum class Kind { At, FirstFinding, End } kind = Kind::At;
  Time at_us = 0;  // Kind::At
  std::optional<FindingKind> finding;  // Kind::FirstFinding: only findings of this kind
  BilingualText label;
};

struct TalkSpeed {
  double factor = 1;
  Time from_us = 0;
  Time to_us = -1;  // -1: to the end of the step
  int line = 0;
};

struct TalkStep {
  std::string id;
  BilingualText title, adds, caption, notes;  // adds: the concept the step adds
  std::string source;  // as written: relative to the talk file
  std::vector<TalkPause> pauses;  // At pauses sorted by time, then the others
  std::vector<TalkSpeed> speeds;  // in file order
  bool stage_table = false;  // "stage table": the node state table on stage (term, vote, timers)
  bool stage_sent = false;   // "stage sent": the "entries sent: N" counter on stage
  int line = 0;
};

struct Talk {
  BilingualText title;
  std::vector<TalkStep> steps;
};

struct TalkError {
  std::string file;
  int line = 0;
  int column = 0;  // 1-based, 0 when the whole line is at fault
  std::string message;
  std::string toString() const;
};

std::optional<Talk> parseTalk(std::string_view text, std::string_view file, TalkError& error);

}  // namespace radeau

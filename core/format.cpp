#include "format.h"

#include <charconv>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <string_view>
#include <unordered_set>

#include "sanitize.h"

namespace radeau {

namespace {

// Every word and sentence of the formatter, in English and French. The
// templates' holes %1..%9 take the values the formatter computes once.
enum class W {
  Follower, Candidate, Leader,
  Election, Heartbeat,
  Loss, LinkCutReason, ReceiverDown, ManualDrop,
  NodeDown, NoLeader, NotLeader, Undelivered,
  Nobody,
  // message()
  MsgTerm, LastEntry, Granted, Refused, After, OneEntry, Entries, CommitUpTo, Success, RefusedHas,
  SnapshotOneKey, SnapshotKeys,
  LastEntryLength, AfterIndex, SnapshotOneKeyIndex, SnapshotKeysIndex,
  // label()
  LabelVote, LabelVoteTerm, LabelGranted, LabelRefused, LabelHeartbeat, LabelHeartbeatTerm, LabelLog, LabelLogTerm,
  LabelAck, LabelNack, LabelWrite, LabelWriteBare, LabelSnapshotOneKey, LabelSnapshotKeys,
  // finding()
  TwoLeadersAtOnce, TwoLeadersInTerm, LogsDiverge, AckedLost, CommittedLost, CommitMismatch, WriteFailedOn,
  NeverAcked, CommittedLostNoTerm, CommitMismatchNoTerm,
  // text()
  Sent, Duplicate, WillBeLost, ArrivesAt, Delivered, Dropped, TimerStarted, TimerCancelled, TimerFired,
  Becomes, TermIs, VoteCleared, VotesFor, OneVoteFrom, VotesFrom, KnowsNoLeader, LeaderIs, Appends, Truncated,
  Commits, Progress, ClientWrites, Forwards, Acknowledges, WriteFails, Crashes, Restarts, LinkCut, LinkHealed,
  Isolated, Partition, PartitionSeparator, NetworkHealed, TimeoutForced, ConceptsChanged, Checker, Snapshot,
  BecomesNoTerm, VotesForNoTerm, AppendsNoTerm, HoldsOneEntry, HoldsEntries, SnapshotNoTerm,
  // rung 13
  LabelPreVoteTerm, LabelPreGranted, LabelPreRefused, BecomesPreCandidate, PreVoteFrom,
  // rung 14
  AppliedTwice, ClientResends, DuplicateRecognised, SnapshotSessions, LabelSessions, SnapshotOneSession, LabelOneSession,
  // rung 15
  ClientReads, ReadAnswers, ReadAnswersNothing, ReadFails, StaleRead,
  // rung 16
  ConfigEntry, AddAsked, RemoveAsked, AddAskedNobody, RemoveAskedNobody, ConfigRefused, ConfigRefusedNobody,
  ChangePending, OneAtATime, NoChange,
  Count
};

struct Words {
  std::string_view en, fr;
};

constexpr Words kWords[] = {
    {"follower", "follower"},
    {"candidate", "candidate"},
    {"leader", "leader"},
    {"election", "d'élection"},
    {"heartbeat", "de heartbeat"},
    {"lost by the network", "perdu par le réseau"},
    {"link cut", "lien coupé"},
    {"receiver is down", "le destinataire est en panne"},
    {"dropped by the presenter", "supprimé par l'orateur"},
    {"the node is down", "le nœud est en panne"},
    {"no leader known", "aucun leader connu"},
    {"not the leader", "ce n'est pas le leader"},
    {"the forwarded write never reached the leader", "l'écriture transmise n'a jamais atteint le leader"},
    {"nobody", "personne"},
    // message()
    {"%1 term %2", "%1 term %2"},
    {", last entry %1 (term %2)", ", dernière entrée %1 (term %2)"},
    {", granted", ", accordé"},
    {", refused", ", refusé"},
    {", after %1 (term %2)", ", après %1 (term %2)"},
    {", %1 entry", ", %1 entrée"},
    {", %1 entries", ", %1 entrées"},
    {", commit %1", ", commit %1"},
    {", success, has %1", ", succès, en a %1"},
    {", refused, has %1", ", refusé, en a %1"},
    {", up to %1 (term %2), %3 key instead of %4 entries", ", jusqu'à %1 (term %2), %3 clé au lieu de %4 entrées"},
    {", up to %1 (term %2), %3 keys instead of %4 entries", ", jusqu'à %1 (term %2), %3 clés au lieu de %4 entrées"},
    // ... the same before the mark they need exists (vocabulary.h)
    {", last entry %1", ", dernière entrée %1"},
    {", after %1", ", après %1"},
    {", up to %1, %2 key instead of %3 entries", ", jusqu'à %1, %2 clé au lieu de %3 entrées"},
    {", up to %1, %2 keys instead of %3 entries", ", jusqu'à %1, %2 clés au lieu de %3 entrées"},
    // label(): the few words drawn on a message in flight
    {"vote?", "vote\u00a0?"},
    {"vote? t%1", "vote\u00a0? t%1"},
    {"vote ✓", "vote ✓"},
    {"vote ✗", "vote ✗"},
    {"♥", "♥"},
    {"♥ t%1", "♥ t%1"},
    {"log +%1", "log +%1"},
    {"log t%1 +%2", "log t%1 +%2"},
    {"ack", "ok"},
    {"nack", "refus"},
    {"write %1", "écrit %1"},
    {"write", "écrit"},
    {"snapshot · %1 key", "snapshot · %1 clé"},
    {"snapshot · %1 keys", "snapshot · %1 clés"},
    // finding()
    {"2 leaders at once: %1 and %2", "2 leaders à la fois\u00a0: %1 et %2"},
    {"2 leaders in term %1: %2 and %3", "2 leaders au term %1\u00a0: %2 et %3"},
    {"logs diverge at index %1: %2 and %3 hold different entries",
     "les logs divergent à l'index %1\u00a0: %2 et %3 ont des entrées différentes"},
    {"acknowledged write %1 lost: no node holds it any more (last removed from %2 at index %3)",
     "écriture acquittée %1 perdue\u00a0: plus aucun nœud ne l'a (dernière copie retirée de %2 à l'index %3)"},
    {"committed entry %1 (term %2, %3) overwritten on %4", "entrée commitée %1 (term %2, %3) écrasée sur %4"},
    {"%1 committed a different entry at index %2 (term %3, %4)",
     "%1 a commité une autre entrée à l'index %2 (term %3, %4)"},
    {"write %1 failed on %2", "l'écriture %1 a échoué sur %2"},
    {"write %1 to %2 was never acknowledged", "l'écriture %1 envoyée à %2 n'a jamais été acquittée"},
    {"committed entry %1 (%2) overwritten on %3", "entrée commitée %1 (%2) écrasée sur %3"},
    {"%1 committed a different entry at index %2 (%3)", "%1 a commité une autre entrée à l'index %2 (%3)"},
    // text()
    {"%1 → %2: %3", "%1 → %2\u00a0: %3"},
    {" (duplicate)", " (doublon)"},
    {" (will be lost)", " (sera perdu)"},
    {", arrives at %1", ", arrive à %1"},
    {"%1 → %2: %3 #%4 delivered", "%1 → %2\u00a0: %3 #%4 livré"},
    {"%1 → %2: %3 #%4 dropped (%5)", "%1 → %2\u00a0: %3 #%4 perdu (%5)"},
    {"%1: %2 timer started, %3ms, ends at %4", "%1\u00a0: minuteur %2 lancé, %3 ms, fin à %4"},
    {"%1: %2 timer cancelled", "%1\u00a0: minuteur %2 annulé"},
    {"%1: %2 timer fired", "%1\u00a0: minuteur %2 écoulé"},
    {"%1 becomes %2 (term %3)", "%1 devient %2 (term %3)"},
    {"%1: term %2", "%1\u00a0: term %2"},
    {"%1: vote cleared", "%1\u00a0: vote effacé"},
    {"%1 votes for %2 (term %3)", "%1 vote pour %2 (term %3)"},
    {"%1: vote from %2, %3 vote", "%1\u00a0: vote de %2, %3 voix"},
    {"%1: vote from %2, %3 votes", "%1\u00a0: vote de %2, %3 voix"},
    {"%1: knows no leader", "%1\u00a0: ne connaît aucun leader"},
    {"%1: leader is %2", "%1\u00a0: le leader est %2"},
    {"%1: appends %2 (term %3, %4)", "%1\u00a0: ajoute %2 (term %3, %4)"},
    {"%1: log truncated to %2", "%1\u00a0: log tronqué à %2"},
    {"%1: commits up to %2", "%1\u00a0: commite jusqu'à %2"},
    {"%1: %2 next %3, match %4", "%1\u00a0: %2 suivant %3, acquis %4"},
    {"client writes %1 to %2", "un client écrit %1 sur %2"},
    {"%1 forwards %2 to %3", "%1 transmet %2 à %3"},
    {"%1 acknowledges %2 at index %3", "%1 acquitte %2 à l'index %3"},
    {"write %1 fails on %2 (%3)", "l'écriture %1 échoue sur %2 (%3)"},
    {"%1 crashes", "%1 tombe en panne"},
    {"%1 restarts", "%1 redémarre"},
    {"link %1 - %2 cut", "lien %1 - %2 coupé"},
    {"link %1 - %2 healed", "lien %1 - %2 rétabli"},
    {"%1 isolated", "%1 isolé"},
    {"partition:", "partition\u00a0:"},
    {" |", " |"},
    {"network healed", "réseau rétabli"},
    {"%1: election timer forced to end", "%1\u00a0: fin du minuteur d'élection forcée"},
    {"concepts: %1", "concepts\u00a0: %1"},
    {"CHECKER: %1", "VÉRIFICATEUR\u00a0: %1"},
    {"%1: snapshot up to %2 (term %3)", "%1\u00a0: snapshot jusqu'à %2 (term %3)"},
    // ... the same before the mark they need exists (vocabulary.h)
    {"%1 becomes %2", "%1 devient %2"},
    {"%1 votes for %2", "%1 vote pour %2"},
    {"%1: appends %2 (%3)", "%1\u00a0: ajoute %2 (%3)"},
    {"%1: %2 holds %3 entry", "%1\u00a0: %2 a %3 entrée"},
    {"%1: %2 holds %3 entries", "%1\u00a0: %2 a %3 entrées"},
    {"%1: snapshot up to %2", "%1\u00a0: snapshot jusqu'à %2"},
    {"pre-vote? t%1", "pre-vote\u00a0? t%1"},
    {"pre-vote ✓", "pre-vote ✓"},
    {"pre-vote ✗", "pre-vote ✗"},
    {"%1 becomes pre-candidate: asks for pre-votes for term %2, its term stays %3",
     "%1 devient pre-candidate\u00a0: demande des pre-votes pour le term %2, son term reste %3"},
    {"%1: pre-vote from %2, %3 yes with its own", "%1\u00a0: pre-vote de %2, %3 oui avec le sien"},
    {"write %1 applied twice by %2's state machine (again at index %3)",
     "l'écriture %1 appliquée deux fois par la machine à états de %2 (de nouveau à l'index %3)"},
    {"the client resends %1 to %2 (attempt %3)", "le client renvoie %1 à %2 (essai %3)"},
    {"%1: %2 at index %3 is a duplicate (its session table has it, applied at index %4): not applied again",
     "%1\u00a0: %2 à l'index %3 est un doublon (sa table de sessions l'a, appliqué à l'index %4)\u00a0: pas appliqué de nouveau"},
    {", session table of %1 clients", ", table de sessions de %1 clients"},
    {" · %1 sessions", " · %1 sessions"},
    {", session table of %1 client", ", table de sessions de %1 client"},
    {" · %1 session", " · %1 session"},
    {"client reads %1 on %2", "un client lit %1 sur %2"},
    {"%1 answers the read of %2 with %3 (commit index %4)", "%1 répond à la lecture de %2 par %3 (index de commit %4)"},
    {"%1 answers the read of %2: never written (commit index %3)",
     "%1 répond à la lecture de %2 : jamais écrite (index de commit %3)"},
    {"read of %1 fails on %2 (%3)", "la lecture de %1 échoue sur %2 (%3)"},
    {"stale read: %1's answer is older than %2, acknowledged before the read (index %3)",
     "lecture périmée\u00a0: la réponse de %1 précède %2, acquittée avant la lecture (index %3)"},
    {"configuration {%1}", "configuration {%1}"},
    {"%1 is asked to add %2 to the configuration", "on demande à %1 d'ajouter %2 à la configuration"},
    {"%1 is asked to remove %2 from the configuration", "on demande à %1 de retirer %2 de la configuration"},
    {"adding %1 to the configuration is asked of nobody", "l'ajout de %1 à la configuration n'est demandé à personne"},
    {"removing %1 from the configuration is asked of nobody", "le retrait de %1 de la configuration n'est demandé à personne"},
    {"%1 refuses the configuration change (%2)", "%1 refuse le changement de configuration (%2)"},
    {"nobody takes the configuration change (%1)", "personne ne prend le changement de configuration (%1)"},
    {"the previous change, or its own no-op, is not committed yet",
     "le changement précédent, ou sa propre entrée vide, n'est pas encore commité"},
    {"one node at a time", "un nœud à la fois"},
    {"nothing would change", "rien ne changerait"},
};
static_assert(std::size(kWords) == size_t(W::Count), "one entry of kWords per W");

std::string_view word(W w, Language l) {
  const Words& x = kWords[size_t(w)];
  return l == Language::French ? x.fr : x.en;
}

}  // namespace

std::vector<std::string_view> formatterPhrases(Language l) {
  std::vector<std::string_view> out;
  for (const Words& x : kWords) out.push_back(l == Language::French ? x.fr : x.en);
  return out;
}

namespace {

// The template with %1..%9 replaced by `args` (the values are not scanned).
std::string fill(std::string_view tmpl, std::initializer_list<std::string> args) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '%' && i + 1 < tmpl.size() && tmpl[i + 1] >= '1' && tmpl[i + 1] <= '9') {
      size_t k = size_t(tmpl[i + 1] - '1');
      if (k < args.size()) out += *(args.begin() + k);
      ++i;
    } else {
      out += tmpl[i];
    }
  }
  return out;
}

std::string num(uint64_t v) { return std::to_string(v); }

}  // namespace

std::string_view roleName(Role r, Language l) {
  switch (r) {
    case Role::Follower: return word(W::Follower, l);
    case Role::Candidate: return word(W::Candidate, l);
    case Role::Leader: return word(W::Leader, l);
  }
  return "?";
}

std::string_view messageName(MsgType t) {
  switch (t) {
    case MsgType::VoteRequest: return "voteRequest";
    case MsgType::VoteResponse: return "voteResponse";
    case MsgType::LogRequest: return "logRequest";
    case MsgType::LogResponse: return "logResponse";
    case MsgType::ClientWrite: return "clientWrite";
    case MsgType::InstallSnapshot: return "installSnapshot";
    case MsgType::PreVoteRequest: return "preVoteRequest";
    case MsgType::PreVoteResponse: return "preVoteResponse";
  }
  return "?";
}

std::string_view timerName(TimerKind k, Language l) {
  return word(k == TimerKind::Election ? W::Election : W::Heartbeat, l);
}

std::string_view dropReasonText(DropReason r, Language l) {
  switch (r) {
    case DropReason::Loss: return word(W::Loss, l);
    case DropReason::LinkCut: return word(W::LinkCutReason, l);
    case DropReason::ReceiverDown: return word(W::ReceiverDown, l);
    case DropReason::Manual: return word(W::ManualDrop, l);
  }
  return "?";
}

std::string_view failReasonText(FailReason r, Language l) {
  switch (r) {
    case FailReason::NodeDown: return word(W::NodeDown, l);
    case FailReason::NoLeader: return word(W::NoLeader, l);
    case FailReason::NotLeader: return word(W::NotLeader, l);
    case FailReason::Undelivered: return word(W::Undelivered, l);
  }
  return "?";
}

std::string_view eventKindName(EventKind k) {
  static constexpr std::string_view names[] = {
      "MessageSent", "MessageDelivered", "MessageDropped", "TimerStarted", "TimerCancelled",
      "TimerFired", "RoleChanged", "TermChanged", "Voted", "VoteCounted", "LeaderHeard",
      "LogAppended", "LogTruncated", "CommitAdvanced", "ProgressUpdated", "ClientWrite",
      "WriteForwarded", "WriteAcked", "WriteFailed", "Crashed", "Restarted", "LinkCut",
      "LinkHealed", "Isolated", "Partitioned", "HealedAll", "TimeoutForced", "ConceptsChanged",
      "Finding", "SnapshotTaken", "DuplicateRecognised", "ClientRead", "ReadAnswered", "ReadFailed",
      "ConfigChangeAsked", "ConfigChangeRefused"};
  static_assert(std::size(names) == kEventKindCount);
  return names[size_t(k)];
}

namespace {

// A write's key in the state machine's key-value store: "x=1" sets x, so
// does "x+=1".
std::string_view writeKey(const std::string& text) {
  std::string_view key(text.data(), std::min(text.size(), text.find('=')));
  while (!key.empty() && (key.back() == '+' || key.back() == '-')) key.remove_suffix(1);
  return key;
}

// The keys of the longest prefix of a snapshot counted so far. A snapshot
// re-sent while the log grows is the same entries and a few more (the journal
// stores them once: Journal's runs), so a longer one counts only its new
// entries. Counting 129,000 entries each time made a label ~8 ms, several per
// frame of a scrub at ten million events (issue 19). The first and last
// entries and the last one's text are checked, so another journal's payload
// at the same address is counted afresh.
struct CountedKeys {
  const Entry* entries = nullptr;
  size_t count = 0;
  Entry first{}, last{};
  std::string last_text;
  std::unordered_set<std::string> keys;
};

const std::string* writeText(const Journal& journal, const Entry& e) {
  return e.write != 0 && e.write < journal.writes().size() ? &journal.writes()[e.write].text : nullptr;
}

}  // namespace

size_t snapshotKeys(const Journal& journal, const Entry* entries, size_t count) {
  constexpr size_t kRemembered = 4, kMaxKeysRemembered = 65'536;  // bounded: a file may hold any keys
  thread_local std::array<CountedKeys, kRemembered> remembered;
  thread_local size_t next_slot = 0;
  if (count == 0) return 0;
  auto same = [&](const CountedKeys& c) {
    if (c.entries != entries || c.count == 0 || c.count > count || !(entries[0] == c.first) ||
        !(entries[c.count - 1] == c.last))
      return false;
    const std::string* text = writeText(journal, c.last);
    return text ? *text == c.last_text : c.last_text.empty();
  };
  CountedKeys* memo = nullptr;
  for (CountedKeys& c : remembered)
    if (same(c) && (!memo || c.count > memo->count)) memo = &c;
  CountedKeys fresh;
  CountedKeys& counted = memo ? *memo : fresh;
  if (!memo) {
    counted.entries = entries;
    counted.first = entries[0];
  }
  for (size_t i = counted.count; i < count; ++i)
    if (const std::string* text = writeText(journal, entries[i]))
      if (const std::string_view key = writeKey(*text); !counted.keys.contains(std::string(key)))
        counted.keys.emplace(key);
  counted.count = count;
  counted.last = entries[count - 1];
  const std::string* last_text = writeText(journal, counted.last);
  counted.last_text = last_text ? *last_text : std::string();
  const size_t keys = counted.keys.size();
  if (!memo && keys <= kMaxKeysRemembered) {
    remembered[next_slot] = std::move(fresh);
    next_slot = (next_slot + 1) % kRemembered;
  } else if (memo && keys > kMaxKeysRemembered) {
    *memo = CountedKeys{};
  }
  return keys;
}

size_t snapshotSessions(const Journal& journal, const Entry* entries, size_t count) {
  // One session per client: the node each write was first given to.
  std::vector<NodeId> clients;
  for (size_t i = 0; i < count; ++i) {
    if (entries[i].write == 0 || entries[i].write >= journal.writes().size()) continue;
    const NodeId c = journal.writes()[entries[i].write].origin;
    if (c != kNoNode && std::find(clients.begin(), clients.end(), c) == clients.end()) clients.push_back(c);
  }
  return clients.size();
}

std::string formatTime(Time us) {
  char buf[40];
  // The sign once, in front: -500000us is -0.500000s, not 0.-500000s.
  const char* sign = us < 0 ? "-" : "";
  const uint64_t mag = us < 0 ? uint64_t(0) - uint64_t(us) : uint64_t(us);
  std::snprintf(buf, sizeof buf, "%s%llu.%06llus", sign, (unsigned long long)(mag / 1'000'000),
                (unsigned long long)(mag % 1'000'000));
  return buf;
}

std::string EventFormatter::name(NodeId n) const {
  if (n == kNoNode) return std::string(word(W::Nobody, language_));
  if (n < names_.size()) return sanitizeText(names_[n]);
  return "node" + std::to_string(int(n));
}

std::string decimalText(double v, int decimals, bool trim) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (ec != std::errc()) return "?";
  std::string out(buf, end);
  if (trim && out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}

std::string EventFormatter::writeText(uint32_t write) const {
  if (write == 0) return "no-op";
  if (isConfigWrite(write)) return fill(word(W::ConfigEntry, language_), {memberList(configMembers(write))});
  if (write >= journal_.writes().size()) return "write#" + std::to_string(write);
  // Built by appending: GCC 12 warns (-Wrestrict, falsely) about "\"" + std::string here.
  std::string out = "\"";
  out += sanitizeText(journal_.writes()[write].text);
  out += '"';
  return out;
}

Concepts EventFormatter::conceptsOf(const Event& e) const {
  const EventLog& all = journal_.events();
  if (const int64_t seq = journal_.indexOf(e); seq >= 0) return journal_.conceptsAt(Seq(seq), start_);
  // A copy: the last change at or before its time.
  Concepts c = start_;
  for (const Event& x : all) {
    if (x.time_us > e.time_us) break;
    if (x.kind == EventKind::ConceptsChanged) c = Concepts(x.conceptBits());
  }
  return c;
}

std::string messageLabelText(const Event& m, const Journal& journal, Concepts concepts, Language l) {
  const bool terms = shows(concepts, Mark::Term);
  switch (m.msgType()) {
    case MsgType::VoteRequest: return terms ? fill(word(W::LabelVoteTerm, l), {num(m.term)}) : std::string(word(W::LabelVote, l));
    case MsgType::VoteResponse: return std::string(word(m.granted() ? W::LabelGranted : W::LabelRefused, l));
    case MsgType::PreVoteRequest: return fill(word(W::LabelPreVoteTerm, l), {num(m.term)});
    case MsgType::PreVoteResponse: return std::string(word(m.granted() ? W::LabelPreGranted : W::LabelPreRefused, l));
    case MsgType::LogRequest: {
      const uint32_t count = m.carriedCount();
      // An empty logRequest is the leader's heartbeat: "log 0" read like an index.
      if (count == 0)
        return terms ? fill(word(W::LabelHeartbeatTerm, l), {num(m.term)}) : std::string(word(W::LabelHeartbeat, l));
      return terms ? fill(word(W::LabelLogTerm, l), {num(m.term), num(count)}) : fill(word(W::LabelLog, l), {num(count)});
    }
    case MsgType::LogResponse: return std::string(word(m.success() ? W::LabelAck : W::LabelNack, l));
    case MsgType::ClientWrite:
      if (m.write() < journal.writes().size())
        return fill(word(W::LabelWrite, l), {sanitizeText(journal.writes()[m.write()].text)});
      return std::string(word(W::LabelWriteBare, l));
    case MsgType::InstallSnapshot: {
      const size_t keys = snapshotKeys(journal, journal.carriedEntries(m), m.carriedCount());
      std::string label = fill(word(keys == 1 ? W::LabelSnapshotOneKey : W::LabelSnapshotKeys, l), {num(keys)});
      if (concepts.has(Concept::ClientSessions)) {
        const size_t sessions = snapshotSessions(journal, journal.carriedEntries(m), m.carriedCount());
        label += fill(word(sessions == 1 ? W::LabelOneSession : W::LabelSessions, l), {num(sessions)});
      }
      return label;
    }
  }
  return "?";
}

std::string EventFormatter::label(const Event& sent) const {
  return messageLabelText(sent, journal_, conceptsOf(sent), language_);
}

std::string EventFormatter::message(const Event& m) const {
  const Language l = language_;
  const Concepts c = conceptsOf(m);
  const bool terms = radeau::shows(c, Mark::Term), entry_terms = radeau::shows(c, Mark::EntryTerm);
  std::string s = terms ? fill(word(W::MsgTerm, l), {std::string(messageName(m.msgType())), num(m.term)})
                        : std::string(messageName(m.msgType()));
  const bool commit = radeau::shows(c, Mark::Commit) && carriesEntries(m) && m.leaderCommit();
  switch (m.msgType()) {
    case MsgType::VoteRequest:
    case MsgType::PreVoteRequest:
      if (entry_terms) s += fill(word(W::LastEntry, l), {num(m.lastLogIndex()), num(m.lastLogTerm())});
      else if (radeau::shows(c, Mark::LogLength)) s += fill(word(W::LastEntryLength, l), {num(m.lastLogIndex())});
      break;
    case MsgType::VoteResponse:
    case MsgType::PreVoteResponse: s += word(m.granted() ? W::Granted : W::Refused, l); break;
    case MsgType::LogRequest: {
      const uint32_t prev = m.prevLogIndex(), count = m.carriedCount();
      if (prev && radeau::shows(c, Mark::Progress))
        s += entry_terms ? fill(word(W::After, l), {num(prev), num(m.prevLogTerm())}) : fill(word(W::AfterIndex, l), {num(prev)});
      s += fill(word(count == 1 ? W::OneEntry : W::Entries, l), {num(count)});
      if (commit) s += fill(word(W::CommitUpTo, l), {num(m.leaderCommit())});
      if (count) {
        s += " [";
        const Entry* en = journal_.carriedEntries(m);
        uint32_t shown = count > 4 ? 4 : count;
        for (uint32_t i = 0; i < shown; ++i) {
          if (i) s += ' ';
          s += std::to_string(prev + 1 + i) + ":" + writeText(en[i].write);
        }
        if (shown < count) s += " …";
        s += "]";
      }
      break;
    }
    case MsgType::LogResponse: s += fill(word(m.success() ? W::Success : W::RefusedHas, l), {num(m.matchIndex())}); break;
    case MsgType::ClientWrite: s += ", " + writeText(m.write()); break;
    case MsgType::InstallSnapshot: {
      const uint32_t index = m.snapshotIndex(), count = m.carriedCount();
      size_t keys = snapshotKeys(journal_, journal_.carriedEntries(m), count);
      if (entry_terms)
        s += fill(word(keys == 1 ? W::SnapshotOneKey : W::SnapshotKeys, l),
                  {num(index), num(m.snapshotTerm()), num(keys), num(count)});
      else
        s += fill(word(keys == 1 ? W::SnapshotOneKeyIndex : W::SnapshotKeysIndex, l), {num(index), num(keys), num(count)});
      if (commit) s += fill(word(W::CommitUpTo, l), {num(m.leaderCommit())});
      // The session table travels in the snapshot: the clients it answered.
      if (conceptsOf(m).has(Concept::ClientSessions)) {
        const size_t sessions = snapshotSessions(journal_, journal_.carriedEntries(m), count);
        s += fill(word(sessions == 1 ? W::SnapshotOneSession : W::SnapshotSessions, l), {num(sessions)});
      }
      break;
    }
  }
  return s;
}

std::string EventFormatter::finding(const Event& e) const {
  const Language l = language_;
  const std::string idx = num(e.index()), n = name(e.node), p = name(e.peer);
  switch (e.findingKind()) {
    case FindingKind::TwoLeaders:
      if (e.term == 0 || !shows(e, Mark::Term)) return fill(word(W::TwoLeadersAtOnce, l), {n, p});
      return fill(word(W::TwoLeadersInTerm, l), {num(e.term), n, p});
    case FindingKind::LogDivergence: return fill(word(W::LogsDiverge, l), {idx, n, p});
    case FindingKind::AckedWriteLost: return fill(word(W::AckedLost, l), {writeText(e.write()), n, idx});
    case FindingKind::CommittedEntryLost:
      if (!shows(e, Mark::EntryTerm)) return fill(word(W::CommittedLostNoTerm, l), {idx, writeText(e.write()), n});
      return fill(word(W::CommittedLost, l), {idx, num(e.term), writeText(e.write()), n});
    case FindingKind::CommitMismatch:
      if (!shows(e, Mark::EntryTerm)) return fill(word(W::CommitMismatchNoTerm, l), {n, idx, writeText(e.write())});
      return fill(word(W::CommitMismatch, l), {n, idx, num(e.term), writeText(e.write())});
    case FindingKind::WriteFailed: return fill(word(W::WriteFailedOn, l), {writeText(e.write()), n});
    case FindingKind::WriteNeverAcked: {
      NodeId origin = e.write() < journal_.writes().size() ? journal_.writes()[e.write()].origin : kNoNode;
      return fill(word(W::NeverAcked, l), {writeText(e.write()), name(origin)});
    }
    case FindingKind::AppliedTwice: return fill(word(W::AppliedTwice, l), {writeText(e.write()), n, idx});
    case FindingKind::StaleRead: return fill(word(W::StaleRead, l), {n, writeText(e.write()), idx});
  }
  return "?";
}

std::string EventFormatter::text(const Event& e) const {
  const Language l = language_;
  const std::string n = name(e.node), p = name(e.peer);
  auto timer = [&] { return std::string(timerName(e.timerKind(), l)); };
  switch (e.kind) {
    case EventKind::MessageSent: {
      std::string s = fill(word(W::Sent, l), {n, p, message(e)});
      if (e.flags & kFlagDuplicate) s += word(W::Duplicate, l);
      if (e.flags & kFlagLost) s += word(W::WillBeLost, l);
      return s + fill(word(W::ArrivesAt, l), {formatTime(e.at_us())});
    }
    case EventKind::MessageDelivered:
      return fill(word(W::Delivered, l), {p, n, std::string(messageName(journal_[e.ref].msgType())), num(e.ref)});
    case EventKind::MessageDropped:
      return fill(word(W::Dropped, l), {p, n, std::string(messageName(journal_[e.ref].msgType())), num(e.ref),
                                        std::string(dropReasonText(e.dropReason(), l))});
    case EventKind::TimerStarted:
      return fill(word(W::TimerStarted, l), {n, timer(), std::to_string(e.dt_us / 1000), formatTime(e.at_us())});
    case EventKind::TimerCancelled: return fill(word(W::TimerCancelled, l), {n, timer()});
    case EventKind::TimerFired: return fill(word(W::TimerFired, l), {n, timer()});
    case EventKind::RoleChanged:
      if (e.flags & kFlagPreCandidate) return fill(word(W::BecomesPreCandidate, l), {n, num(e.term + 1), num(e.term)});
      if (!shows(e, Mark::Term)) return fill(word(W::BecomesNoTerm, l), {n, std::string(roleName(e.role(), l))});
      return fill(word(W::Becomes, l), {n, std::string(roleName(e.role(), l)), num(e.term)});
    case EventKind::TermChanged: return fill(word(W::TermIs, l), {n, num(e.term)});
    case EventKind::Voted:
      if (e.peer == kNoNode) return fill(word(W::VoteCleared, l), {n});
      if (!shows(e, Mark::Term)) return fill(word(W::VotesForNoTerm, l), {n, p});
      return fill(word(W::VotesFor, l), {n, p, num(e.term)});
    case EventKind::VoteCounted:
      if (e.flags & kFlagPreCandidate) return fill(word(W::PreVoteFrom, l), {n, p, num(e.votes())});
      return fill(word(e.votes() == 1 ? W::OneVoteFrom : W::VotesFrom, l), {n, p, num(e.votes())});
    case EventKind::LeaderHeard:
      if (e.peer == kNoNode) return fill(word(W::KnowsNoLeader, l), {n});
      return fill(word(W::LeaderIs, l), {n, p});
    case EventKind::LogAppended:
      if (!shows(e, Mark::EntryTerm)) return fill(word(W::AppendsNoTerm, l), {n, num(e.index()), writeText(e.write())});
      return fill(word(W::Appends, l), {n, num(e.index()), num(e.term), writeText(e.write())});
    case EventKind::LogTruncated: return fill(word(W::Truncated, l), {n, num(e.length())});
    case EventKind::CommitAdvanced: return fill(word(W::Commits, l), {n, num(e.index())});
    case EventKind::ProgressUpdated:
      // Before nextIndex/matchIndex exist, what the leader learnt is how much the follower holds.
      if (!shows(e, Mark::Progress)) return fill(word(e.matchIndex() == 1 ? W::HoldsOneEntry : W::HoldsEntries, l), {n, p, num(e.matchIndex())});
      return fill(word(W::Progress, l), {n, p, num(e.nextIndex()), num(e.matchIndex())});
    case EventKind::ClientWrite:
      if (e.attempt() > 0) return fill(word(W::ClientResends, l), {writeText(e.write()), n, num(e.attempt() + 1)});
      return fill(word(W::ClientWrites, l), {writeText(e.write()), n});
    case EventKind::WriteForwarded: return fill(word(W::Forwards, l), {n, writeText(e.write()), p});
    case EventKind::WriteAcked: return fill(word(W::Acknowledges, l), {n, writeText(e.write()), num(e.index())});
    case EventKind::WriteFailed:
      return fill(word(W::WriteFails, l), {writeText(e.write()), n, std::string(failReasonText(e.failReason(), l))});
    case EventKind::Crashed: return fill(word(W::Crashes, l), {n});
    case EventKind::Restarted: return fill(word(W::Restarts, l), {n});
    case EventKind::LinkCut: return fill(word(W::LinkCut, l), {n, p});
    case EventKind::LinkHealed: return fill(word(W::LinkHealed, l), {n, p});
    case EventKind::Isolated: return fill(word(W::Isolated, l), {n});
    case EventKind::Partitioned: {
      std::string s(word(W::Partition, l));
      bool first_group = true;
      for (uint32_t g = 0; g < 8; ++g) {
        std::string group;
        for (size_t i = 0; i < names_.size(); ++i)
          if (e.partitionGroup(NodeId(i)) == g) group += (group.empty() ? " " : ", ") + sanitizeText(names_[i]);
        if (group.empty()) continue;
        if (!first_group) s += word(W::PartitionSeparator, l);
        first_group = false;
        s += group;
      }
      return s;
    }
    case EventKind::HealedAll: return std::string(word(W::NetworkHealed, l));
    case EventKind::TimeoutForced: return fill(word(W::TimeoutForced, l), {n});
    case EventKind::ConceptsChanged: return fill(word(W::ConceptsChanged, l), {describeConcepts(Concepts(e.conceptBits()))});
    case EventKind::Finding: return fill(word(W::Checker, l), {finding(e)});
    case EventKind::SnapshotTaken:
      if (!shows(e, Mark::EntryTerm)) return fill(word(W::SnapshotNoTerm, l), {n, num(e.index())});
      return fill(word(W::Snapshot, l), {n, num(e.index()), num(e.term)});
    case EventKind::DuplicateRecognised:
      return fill(word(W::DuplicateRecognised, l), {n, writeText(e.write()), num(e.index()), num(e.firstIndex())});
    case EventKind::ClientRead: return fill(word(W::ClientReads, l), {sanitizeText(e.readKey()), n});
    case EventKind::ReadAnswered: {
      const std::string key = e.ref < journal_.size() ? sanitizeText(journal_[e.ref].readKey()) : "?";
      if (e.write() == 0) return fill(word(W::ReadAnswersNothing, l), {n, key, num(e.readAt())});
      return fill(word(W::ReadAnswers, l), {n, key, writeText(e.write()), num(e.readAt())});
    }
    case EventKind::ReadFailed: {
      const std::string key = e.ref < journal_.size() ? sanitizeText(journal_[e.ref].readKey()) : "?";
      return fill(word(W::ReadFails, l), {key, n, std::string(failReasonText(e.failReason(), l))});
    }
    case EventKind::ConfigChangeAsked: {
      const bool add = e.added() != 0;
      const std::string who = memberList(add ? e.added() : e.removed());
      if (e.node == kNoNode) return fill(word(add ? W::AddAskedNobody : W::RemoveAskedNobody, l), {who});
      return fill(word(add ? W::AddAsked : W::RemoveAsked, l), {n, who});
    }
    case EventKind::ConfigChangeRefused: {
      W why = W::NoChange;
      switch (e.configRefusal()) {
        case ConfigRefusal::NoLeader: why = W::NoLeader; break;
        case ConfigRefusal::NotLeader: why = W::NotLeader; break;
        case ConfigRefusal::NodeDown: why = W::NodeDown; break;
        case ConfigRefusal::Pending: why = W::ChangePending; break;
        case ConfigRefusal::OneAtATime: why = W::OneAtATime; break;
        case ConfigRefusal::NoChange: why = W::NoChange; break;
      }
      if (e.node == kNoNode) return fill(word(W::ConfigRefusedNobody, l), {std::string(word(why, l))});
      return fill(word(W::ConfigRefused, l), {n, std::string(word(why, l))});
    }
  }
  return "?";
}

// "Michel, Jean-Pierre, Sophie": the nodes of a bit set, in order.
std::string EventFormatter::memberList(uint32_t members) const {
  std::string out;
  for (int i = 0; i < kMaxNodes; ++i) {
    if (!(members & (1u << i))) continue;
    if (!out.empty()) out += ", ";
    out += name(NodeId(i));
  }
  return out;
}

std::string EventFormatter::line(const Event& e, Seq seq) const {
  char head[48];
  std::snprintf(head, sizeof head, "%12s #%-6u ", formatTime(e.time_us).c_str(), seq);
  return head + text(e);
}

}  // namespace radeau

#include "concepts.h"

#include <array>
#include <bit>

namespace radeau {

namespace {
constexpr std::array<std::string_view, kConceptCount> kNames = {
    "persistence", "everyone-leader", "replication", "forwarding", "leader-timeout",
    "election", "log-length-vote", "terms", "stale-term-rejection", "entry-terms",
    "incremental-replication", "commit", "current-term-commit", "leader-noop", "snapshots",
    "pre-vote", "check-quorum", "client-sessions", "read-index", "lease", "membership"};

constexpr Concepts set(std::initializer_list<Concept> cs) {
  Concepts r;
  for (Concept c : cs) r = r.with(c);
  return r;
}
using C = Concept;
}  // namespace

std::string_view conceptName(Concept c) { return kNames[size_t(c)]; }

namespace {
struct Description {
  std::string_view english, french;
};
// One row per flag, in the enum's order (test-format-french checks none is empty).
constexpr std::array<Description, kConceptCount> kDescriptions = {{
    {"A node's term, vote and log survive a crash and restart; the rest is lost.",
     "Le term, le vote et le log d'un nœud survivent à une panne et au redémarrage\u00a0; le reste est perdu."},
    {"Every node is leader from the start and takes writes alone.",
     "Chaque nœud est leader dès le départ et prend les écritures seul."},
    {"The leader sends its whole log to every follower at each heartbeat; a follower takes it as its own.",
     "Le leader envoie tout son log à chaque follower à chaque heartbeat\u00a0; le follower le prend pour le sien."},
    {"A follower passes a client's write on to the leader it last heard from.",
     "Un follower transmet l'écriture d'un client au dernier leader entendu."},
    {"A follower that hears nothing from the leader for a random timeout becomes leader itself, without a vote.",
     "Un follower qui n'entend plus le leader pendant un délai aléatoire devient leader lui-même, sans vote."},
    {"A node whose timer fires becomes candidate and asks for votes; each node votes once, a strict majority makes a leader.",
     "Un nœud dont le minuteur d'élection arrive à zéro devient candidate et demande des votes\u00a0; chaque nœud vote une fois, une majorité stricte fait un leader."},
    {"A node refuses its vote to a candidate whose log is shorter than its own.",
     "Un nœud refuse son vote à une candidate dont le log est plus court que le sien."},
    {"Each election has a number, the term; a message with a higher term makes its receiver a follower of that term.",
     "Chaque élection a un numéro, le term\u00a0; un message d'un term plus grand fait de son destinataire un follower de ce term."},
    {"A node ignores any request from an older term and answers with its own term.",
     "Un nœud ignore toute requête d'un term plus ancien et répond avec son term."},
    {"Each entry keeps the term it was written in; votes compare the last entry's term first, and a follower deletes entries that conflict.",
     "Chaque entrée garde le term où elle a été écrite\u00a0; le vote compare d'abord le term de la dernière entrée, et un follower efface les entrées en conflit."},
    {"The leader sends each follower only the entries it lacks, tracking next and match indexes per follower.",
     "Le leader n'envoie à chaque follower que les entrées qui lui manquent, en suivant next et match pour chacun."},
    {"An entry is committed once a majority has it; only then is the client answered and the entry applied.",
     "Une entrée est commitée dès qu'une majorité l'a\u00a0; alors seulement le client reçoit sa réponse et l'entrée est appliquée."},
    {"A leader counts replicas only for entries of its own term (Figure 8 of the Raft paper).",
     "Un leader ne compte les réplicas que pour les entrées de son propre term (figure 8 de l'article Raft)."},
    {"A new leader first appends an empty entry of its term.",
     "Un nouveau leader ajoute d'abord une entrée vide de son term."},
    {"A node compacts its applied entries into a snapshot; a follower too far behind receives the snapshot.",
     "Un nœud compacte ses entrées appliquées en un snapshot\u00a0; un follower trop en retard reçoit le snapshot."},
    {"Before raising its term, a node asks whether it could win; a node that still hears its leader says no.",
     "Avant d'augmenter son term, un nœud demande s'il pourrait gagner\u00a0; un nœud qui entend encore son leader répond non."},
    {"A leader that has not heard from a majority for an election timeout steps down and sends clients elsewhere.",
     "Un leader qui n'a pas eu de réponse d'une majorité pendant un délai d'élection se retire et renvoie les clients ailleurs."},
    {"Each write carries its client and serial number; the state machine applies a retried write once and answers it again from its session table.",
     "Chaque écriture porte son client et son numéro de série\u00a0; la machine à états n'applique qu'une fois une écriture renvoyée et y répond de nouveau depuis sa table de sessions."},
    {"Before answering a read, a leader confirms with a majority that it still leads, then reads at its commit index.",
     "Avant de répondre à une lecture, un leader vérifie auprès d'une majorité qu'il mène encore, puis lit à son index de commit."},
    {"A leader answers reads alone while a majority answered its heartbeats less than a lease ago (clocks must agree).",
     "Un leader répond seul aux lectures tant qu'une majorité a répondu à ses heartbeats depuis moins d'un bail (les horloges doivent s'accorder)."},
    {"A leader adds or removes one node at a time, and takes a change only once the previous one (and its no-op) is committed.",
     "Un leader ajoute ou retire un nœud à la fois, et n'accepte un changement qu'une fois le précédent (et son entrée vide) commité."},
}};
}  // namespace

std::string_view conceptDescription(Concept c, Language l) {
  const Description& d = kDescriptions[size_t(c)];
  return l == Language::French ? d.french : d.english;
}

std::optional<Concept> conceptFromName(std::string_view name) {
  for (int i = 0; i < kConceptCount; ++i)
    if (kNames[size_t(i)] == name) return Concept(i);
  return std::nullopt;
}

Concepts Concepts::full() {
  Concepts r;
  for (int i = 0; i < kConceptCount; ++i) r = r.with(Concept(i));
  return r.without(C::EveryoneLeader);
}

std::string listConcepts(Concepts c) {
  std::string out;
  for (int i = 0; i < kConceptCount; ++i) {
    if (!c.has(Concept(i))) continue;
    if (!out.empty()) out += ' ';
    out += kNames[size_t(i)];
  }
  return out.empty() ? "none" : out;
}

std::string describeConcepts(Concepts c) {
  if (c == Concepts::full()) return "full";
  for (const Chapter& ch : chapters())
    if (ch.concepts == c) return "chapter " + std::to_string(ch.number);
  // Relative to full Raft when that is short, else the flags from nothing.
  Concepts f = Concepts::full();
  std::string minus;
  int diff = 0;
  for (int i = 0; i < kConceptCount; ++i) {
    Concept k = Concept(i);
    if (c.has(k) != f.has(k)) {
      ++diff;
      minus += c.has(k) ? " +" : " -";
      minus += kNames[size_t(i)];
    }
  }
  if (diff <= 3) return "full" + minus;
  std::string out = "none";
  for (int i = 0; i < kConceptCount; ++i)
    if (c.has(Concept(i))) out += " +" + std::string(kNames[size_t(i)]);
  return out;
}

const Chapter* nearestChapter(Concepts c, std::string& delta, int max_differences) {
  const Chapter* best = nullptr;
  int best_diff = max_differences + 1;
  for (const Chapter& ch : chapters()) {
    int diff = std::popcount(ch.concepts.bits() ^ c.bits());
    if (diff <= best_diff) {  // <=: the latest chapter wins a tie
      best = &ch;
      best_diff = diff;
    }
  }
  delta.clear();
  if (!best || best_diff > max_differences) return nullptr;
  for (int i = 0; i < kConceptCount; ++i) {
    Concept k = Concept(i);
    if (c.has(k) != best->concepts.has(k)) delta += std::string(c.has(k) ? " +" : " -") + std::string(kNames[size_t(i)]);
  }
  return best;
}

std::string conceptsProblem(Concepts c, Language l) {
  const bool fr = l == Language::French;
  struct Need { Concept flag; Concept needs; };
  static const Need needs[] = {
      {C::LogLengthVote, C::Election},       {C::Terms, C::Election},
      {C::StaleTermRejection, C::Terms},     {C::EntryTerms, C::Terms},
      {C::IncrementalReplication, C::Replication},
      {C::Forwarding, C::Replication},       {C::Commit, C::Replication},
      {C::CurrentTermCommit, C::Commit},     {C::CurrentTermCommit, C::EntryTerms},
      {C::Snapshots, C::Commit},             {C::Snapshots, C::IncrementalReplication},
      {C::PreVote, C::Terms},                {C::CheckQuorum, C::Election},
      {C::CheckQuorum, C::Replication},     {C::ClientSessions, C::Commit},
      {C::ReadIndex, C::Commit},            {C::Lease, C::Commit},
      {C::Lease, C::Election},
  };
  for (const Need& n : needs)
    if (c.has(n.flag) && !c.has(n.needs))
      return std::string(conceptName(n.flag)) + (fr ? " a besoin de " : " needs ") + std::string(conceptName(n.needs));
  if (c.has(C::EveryoneLeader) && (c.has(C::LeaderTimeout) || c.has(C::Election)))
    return fr ? "everyone-leader n'a pas de sens avec leader-timeout ou election"
              : "everyone-leader makes no sense with leader-timeout or election";
  if (c.has(C::EveryoneLeader) && c.has(C::Replication))
    return fr ? "everyone-leader n'a pas de sens avec replication (chaque nœud écraserait les autres)"
              : "everyone-leader makes no sense with replication (every node would overwrite the others)";
  return {};
}

std::string_view chapterTitle(const Chapter& ch, Language l) {
  static constexpr std::string_view kFrench[] = {
      "Un seul nœud", "Tout le monde est leader", "Leader par décret", "Le leader qui ne répond plus",
      "La candidate", "Le plus à jour", "Les terms", "Ignorer le passé", "Le term de chaque entrée",
      "N'envoyer que ce qui manque", "Le commit", "Les snapshots",
      "Pre-vote et check-quorum", "Les sessions client", "Lectures linéarisables",
      "Changer les membres"};
  if (l == Language::French && ch.number >= 1 && ch.number <= int(std::size(kFrench))) return kFrench[ch.number - 1];
  return ch.title;
}

const std::vector<Chapter>& chapters() {
  static const std::vector<Chapter> list = [] {
    std::vector<Chapter> v;
    Concepts c = set({C::Persistence});
    v.push_back({1, "one-node", "One node", "persistence", 1, c});
    v.push_back({2, "everyone-leader", "Everyone is leader", "everyone-leader", 3, c.with(C::EveryoneLeader)});
    c = c.with(C::Replication).with(C::Forwarding);
    v.push_back({3, "leader-by-decree", "Leader by decree", "replication, forwarding", 3, c});
    c = c.with(C::LeaderTimeout);
    v.push_back({4, "leader-timeout", "The leader that stops answering", "leader-timeout", 3, c});
    c = c.with(C::Election);
    v.push_back({5, "candidate", "The candidate", "election", 3, c});
    c = c.with(C::LogLengthVote);
    v.push_back({6, "most-up-to-date", "The most up-to-date", "log-length-vote", 3, c});
    c = c.with(C::Terms);
    v.push_back({7, "terms", "Terms", "terms", 3, c});
    c = c.with(C::StaleTermRejection);
    v.push_back({8, "ignore-the-past", "Ignore the past", "stale-term-rejection", 3, c});
    c = c.with(C::EntryTerms);
    v.push_back({9, "entry-terms", "The term of each entry", "entry-terms", 3, c});
    c = c.with(C::IncrementalReplication);
    v.push_back({10, "send-only-what-is-missing", "Send only what is missing", "incremental-replication", 3, c});
    c = c.with(C::Commit).with(C::LeaderNoop).with(C::CurrentTermCommit);
    v.push_back({11, "commit", "Commit", "commit, leader-noop, current-term-commit", 5, c});
    c = c.with(C::Snapshots);
    v.push_back({12, "snapshots", "Snapshots", "snapshots", 3, c});
    c = c.with(C::PreVote).with(C::CheckQuorum);
    v.push_back({13, "pre-vote", "Pre-vote and check-quorum", "pre-vote, check-quorum", 3, c});
    c = c.with(C::ClientSessions);
    v.push_back({14, "client-sessions", "Client sessions", "client-sessions", 3, c});
    // Rung 15: a read at a leader that may be deposed.
    c = c.with(C::ReadIndex).with(C::Lease);
    v.push_back({15, "linearizable-reads", "Linearizable reads", "read-index, lease", 3, c});
    // Rung 16: nodes join and leave the configuration.
    c = c.with(C::Membership);
    v.push_back({16, "membership", "Membership changes", "membership", 5, c});
    return v;
  }();
  return list;
}

const Chapter* findChapter(std::string_view key) {
  for (const Chapter& ch : chapters()) {
    if (ch.name == key || std::to_string(ch.number) == key) return &ch;
  }
  return nullptr;
}

std::optional<Concepts> parseConcepts(std::string_view spec, Concepts base, std::string& error,
                                      int* error_column) {
  Concepts result = base;
  size_t pos = 0;
  bool first = true;
  auto fail = [&](size_t col, std::string msg) -> std::optional<Concepts> {
    error = std::move(msg);
    if (error_column) *error_column = int(col) + 1;
    return std::nullopt;
  };
  while (true) {
    while (pos < spec.size() && (spec[pos] == ' ' || spec[pos] == '\t' || spec[pos] == ',')) ++pos;
    if (pos >= spec.size()) break;
    size_t start = pos;
    while (pos < spec.size() && spec[pos] != ' ' && spec[pos] != '\t' && spec[pos] != ',') ++pos;
    std::string_view tok = spec.substr(start, pos - start);
    if (first && (tok == "full" || tok == "none")) {
      result = tok == "full" ? Concepts::full() : Concepts::none();
    } else if (first && tok == "chapter") {
      while (pos < spec.size() && (spec[pos] == ' ' || spec[pos] == '\t')) ++pos;
      size_t s2 = pos;
      while (pos < spec.size() && spec[pos] != ' ' && spec[pos] != '\t') ++pos;
      std::string_view key = spec.substr(s2, pos - s2);
      // The range from the chapter list itself: it grows with the ladder.
      const std::string range = "1-" + std::to_string(chapters().back().number);
      if (key.empty()) return fail(s2, "'chapter' needs a number (" + range + ") or a name");
      const Chapter* ch = findChapter(key);
      if (!ch) return fail(s2, "unknown chapter '" + std::string(key) + "' (" + range + " or a name such as 'candidate')");
      result = ch->concepts;
    } else {
      bool add = true;
      std::string_view name = tok;
      if (tok[0] == '+' || tok[0] == '-') {
        add = tok[0] == '+';
        name = tok.substr(1);
      }
      auto c = conceptFromName(name);
      if (!c) return fail(start, "unknown concept '" + std::string(name) + "'");
      result = add ? result.with(*c) : result.without(*c);
    }
    first = false;
  }
  std::string problem = conceptsProblem(result);
  if (!problem.empty()) return fail(0, problem);
  return result;
}

}  // namespace radeau

#include "replay/run.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "core/limits.h"

namespace radeau {

struct Run::Slot {
  Branch meta;
  std::unique_ptr<Simulator> sim;   // continues the branch (owns its journal)
  std::unique_ptr<Journal> stored;  // a loaded branch not continued yet
  // Built on the first seek (Run::projection): record, info and check never
  // seek, so they never pay for checkpoints.
  mutable std::unique_ptr<Projection> projection;
  bool followed = false;            // grows from an outside journal (follow())
  const Journal& journal() const { return sim ? sim->journal() : *stored; }
};

Run::Run(ClusterConfig config, std::vector<Action> inputs, Time until_us)
    : Run(std::move(config), std::move(inputs), until_us, Progress{}, 0) {}

Run::Run(ClusterConfig config, std::vector<Action> inputs, Time until_us, const Progress& progress, size_t every)
    : config_(std::move(config)), inputs_(std::move(inputs)), until_us_(until_us) {
  auto s = std::make_unique<Slot>();
  s->meta.name = "main";
  s->meta.end_us = until_us_;
  slots_.push_back(std::move(s));
  simulate(*slots_.back(), &progress, every);
}

Run::Run(ClusterConfig config, std::vector<Action> inputs, Time until_us, std::vector<Branch> branches)
    : config_(std::move(config)), inputs_(std::move(inputs)), until_us_(until_us) {
  for (size_t i = 0; i < branches.size(); ++i) {
    Branch& b = branches[i];
    if (b.parent >= int(i) || (i == 0) != (b.parent < 0)) throw std::invalid_argument("branch parents must come first");
    auto s = std::make_unique<Slot>();
    s->meta = std::move(b);
    s->meta.id = int(i);
    slots_.push_back(std::move(s));
    simulate(*slots_.back());
  }
  forks_named_ = int(slots_.size()) - 1;
}

Run::Run(ClusterConfig config, std::vector<Action> inputs, Time until_us, std::vector<Branch> branches,
         std::vector<Journal> journals)
    : config_(std::move(config)), inputs_(std::move(inputs)), until_us_(until_us) {
  if (branches.size() != journals.size() || branches.empty()) throw std::invalid_argument("one journal per branch");
  for (size_t i = 0; i < branches.size(); ++i) {
    auto s = std::make_unique<Slot>();
    s->meta = std::move(branches[i]);
    s->meta.id = int(i);
    s->stored = std::make_unique<Journal>(std::move(journals[i]));
    slots_.push_back(std::move(s));
  }
  forks_named_ = int(slots_.size()) - 1;
}

Run::~Run() = default;

Run::Slot& Run::slot(int id) {
  if (id < 0 || id >= int(slots_.size())) throw std::out_of_range("no branch " + std::to_string(id));
  return *slots_[size_t(id)];
}
const Run::Slot& Run::slot(int id) const {
  if (id < 0 || id >= int(slots_.size())) throw std::out_of_range("no branch " + std::to_string(id));
  return *slots_[size_t(id)];
}

const Branch& Run::branch(int id) const { return slot(id).meta; }
const Journal& Run::journal(int id) const { return slot(id).journal(); }
const Projection& Run::projection(int id) const {
  const Slot& s = slot(id);
  if (!s.projection) s.projection = std::make_unique<Projection>(config_, s.journal());
  return *s.projection;
}
void Run::adoptProjection(int id, std::unique_ptr<Projection> projection) {
  Slot& s = slot(id);
  projection->rebind(config_, s.journal());
  projection->sync();
  projection->prime();
  s.projection = std::move(projection);
}

Time Run::endTime(int id) const { return slot(id).meta.end_us; }
void Run::renameBranch(int id, std::string name) { slot(id).meta.name = std::move(name); }

void Run::simulate(Slot& s, const Progress* progress, size_t every) {
  const Branch& b = s.meta;
  if (b.parent < 0) {
    s.sim = std::make_unique<Simulator>(config_);
    s.sim->schedule(inputs_);
  } else {
    s.sim = std::make_unique<Simulator>(Simulator::resume(config_, journal(b.parent), b.fork_seq));
    for (const Action& a : inputs_)
      if (a.time_us > b.fork_time_us) s.sim->schedule(a);
  }
  for (const Action& a : b.actions) {
    s.sim->runUntil(a.time_us);
    s.sim->act(a);
  }
  if (progress && *progress) {
    // runUntil's own steps, with a look at the journal between them.
    const Journal& j = s.sim->journal();
    size_t next = j.size() + std::max<size_t>(1, every);
    while (s.sim->step(b.end_us))
      if (j.size() >= next) {
        (*progress)(j);
        next = j.size() + std::max<size_t>(1, every);
      }
  }
  s.sim->runUntil(b.end_us);
  s.projection.reset();
}

void Run::ensureSimulator(Slot& s) {
  if (s.sim) return;
  s.sim = std::make_unique<Simulator>(Simulator::resume(config_, *s.stored, Seq(s.stored->size())));
  for (const Action& a : inputs_)
    if (a.time_us > s.meta.end_us) s.sim->schedule(a);
  s.sim->runUntil(s.meta.end_us);
  if (s.projection) s.projection->rebind(s.sim->journal());
  s.stored.reset();
}

void Run::extend(int id, Time t) {
  Slot& s = slot(id);
  if (t <= s.meta.end_us) return;
  if (s.followed) {
    s.meta.end_us = t;
    return;
  }
  ensureSimulator(s);
  s.sim->runUntil(t);
  s.meta.end_us = t;
  if (s.projection) s.projection->sync();
}

std::string Run::autoName() const { return "branch " + std::to_string(forks_named_ + 1); }

int Run::newBranch(int parent, Time t, const Action* action) {
  const Slot& p = slot(parent);
  auto s = std::make_unique<Slot>();
  s->meta.id = int(slots_.size());
  s->meta.name = autoName();
  s->meta.parent = parent;
  s->meta.fork_seq = projection(parent).positionAt(t);
  s->meta.fork_time_us = t;
  s->meta.end_us = std::max(t, p.meta.end_us);
  if (action) {
    Action a = *action;
    a.time_us = t;
    s->meta.actions.push_back(std::move(a));
  }
  slots_.push_back(std::move(s));
  ++forks_named_;
  simulate(*slots_.back());
  return int(slots_.size()) - 1;
}

int Run::fork(int id, Time t) { return newBranch(id, t, nullptr); }

bool Run::stepOne(int id) {
  Slot& s = slot(id);
  if (s.followed) return false;
  ensureSimulator(s);
  const size_t before = s.sim->journal().size();
  while (s.sim->journal().size() == before)  // an occurrence that turns out stale appends nothing
    if (!s.sim->step(s.meta.end_us + limits::kMaxDurationUs)) return false;
  s.meta.end_us = std::max(s.meta.end_us, s.sim->journal().back().time_us);
  if (s.projection) s.projection->sync();
  return true;
}

int Run::act(int id, Time t, const Action& action) {
  Slot& s = slot(id);
  const bool made_at_t = s.meta.parent >= 0 && !s.followed && t == s.meta.fork_time_us &&
                         std::all_of(s.meta.actions.begin(), s.meta.actions.end(),
                                     [t](const Action& a) { return a.time_us == t; }) &&
                         std::none_of(slots_.begin(), slots_.end(), [id](const auto& o) { return o->meta.parent == id; });
  if (t < s.meta.end_us && made_at_t) {
    // Crash, cut and timeout at one pause make one alternative, not three.
    Action a = action;
    a.time_us = t;
    s.meta.actions.push_back(std::move(a));
    simulate(s);
    return id;
  }
  if (t < s.meta.end_us) return newBranch(id, t, &action);
  ensureSimulator(s);
  s.sim->runUntil(t);
  Action a = action;
  a.time_us = t;
  s.sim->act(a);
  s.meta.actions.push_back(std::move(a));
  s.meta.end_us = t;
  if (s.projection) s.projection->sync();
  return id;
}

void Run::follow(int id, const Journal& source, Time end_us) {
  Slot& s = slot(id);
  if (!s.stored) throw std::logic_error("only a stored branch can follow an outside journal");
  s.followed = true;
  Journal& j = *s.stored;
  // Side tables first: the events index them with the source's offsets.
  j.appendCarriedFrom(source, j.carriedSize());
  for (size_t w = j.writes().size(); w < source.writes().size(); ++w) j.addWrite(source.writes()[w]);
  for (size_t i = j.size(); i < source.size(); ++i) j.append(source[Seq(i)]);
  if (!j.empty()) end_us = std::max(end_us, j.back().time_us);
  s.meta.end_us = std::max(s.meta.end_us, end_us);
  if (s.projection) s.projection->sync();
}

void Run::unfollow(int id) { slot(id).followed = false; }
bool Run::followed(int id) const { return slot(id).followed; }

size_t Run::journalBytes() const {
  // What branches share (their common prefix, identical carried entries) counts once.
  std::unordered_set<const void*> seen;
  size_t bytes = 0;
  for (const auto& s : slots_)
    s->journal().forEachBlock([&](const void* block, size_t n) {
      if (seen.insert(block).second) bytes += n;
    });
  return bytes;
}

size_t Run::memoryBytes() const {
  size_t bytes = journalBytes();
  for (const auto& s : slots_) bytes += s->projection ? s->projection->checkpointBytes() : 0;
  return bytes;
}

}  // namespace radeau

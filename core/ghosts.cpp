#include "core/ghosts.h"

#include <algorithm>
#include <array>
#include <map>

namespace radeau {

std::vector<Ghost> ghostsAt(const Journal& journal, Seq end) {
  end = Seq(std::min<size_t>(end, journal.size()));
  GhostIndex index;
  index.sync(journal, end);
  return index.at(end);
}

void GhostIndex::sync(const Journal& journal, Seq end) {
  end = Seq(std::min<size_t>(end, journal.size()));
  for (Seq s = read_; s < end; ++s) {
    // Three kinds matter, a few events in a hundred: the kind is read first
    // and only those are unpacked (31 ms at ten million events when each was).
    const EventKind kind = journal.kindAt(s);
    if (kind != EventKind::LogAppended && kind != EventKind::LogTruncated && kind != EventKind::WriteAcked) continue;
    const Event e = journal[s];
    if (e.node >= kMaxNodes) continue;
    auto& log = logs_[e.node];
    switch (e.kind) {
      case EventKind::LogAppended: {
        const Entry entry{e.term, e.write()};
        log.push_back(entry);
        auto it = open_.find({e.node, uint32_t(log.size())});
        if (it != open_.end() && lives_[it->second].ghost.entry == entry) {  // it came back
          lives_[it->second].until = s;
          open_.erase(it);
        }
        break;
      }
      case EventKind::LogTruncated:
        for (uint32_t i = e.length(); i < log.size(); ++i) {
          auto [it, fresh] = open_.try_emplace({e.node, i + 1}, lives_.size());
          if (!fresh) lives_[it->second].until = s, it->second = lives_.size();  // the latest loss replaces it
          lives_.push_back({Ghost{e.node, i + 1, log[i], e.time_us, s, false}, kNoSeq});
        }
        if (e.length() < log.size()) log.resize(e.length());
        break;
      case EventKind::WriteAcked: {
        const uint32_t w = e.write();
        if (w >= journal.writes().size()) break;  // as ghostsAt: only writes the journal holds
        if (w >= first_ack_.size()) first_ack_.resize(size_t(w) + 1, kNoSeq);
        if (first_ack_[w] == kNoSeq) first_ack_[w] = s;
        break;
      }
      default: break;
    }
  }
  read_ = std::max(read_, end);
}

std::vector<Ghost> GhostIndex::at(Seq end) const {
  std::vector<Ghost> out;
  // A life is visible from just after its removal up to and including its ending event.
  for (const Life& l : lives_) {
    if (l.ghost.removed >= end) break;
    if (l.until != kNoSeq && l.until < end) continue;
    Ghost g = l.ghost;
    const uint32_t w = g.entry.write;
    g.acked = w != 0 && w < first_ack_.size() && first_ack_[w] < end;
    out.push_back(g);
  }
  std::sort(out.begin(), out.end(),
            [](const Ghost& x, const Ghost& y) { return std::pair{x.node, x.index} < std::pair{y.node, y.index}; });
  return out;
}

const Ghost* findGhost(const std::vector<Ghost>& ghosts, NodeId node, uint32_t index) {
  auto it = std::lower_bound(ghosts.begin(), ghosts.end(), std::pair{node, index}, [](const Ghost& g, auto key) {
    return std::pair{g.node, g.index} < key;
  });
  return it != ghosts.end() && it->node == node && it->index == index ? &*it : nullptr;
}

}  // namespace radeau

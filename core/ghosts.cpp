#include "core/ghosts.h"

#include <algorithm>
#include <array>
#include <map>

namespace radeau {

std::vector<Ghost> ghostsAt(const Journal& journal, Seq end) {
  end = Seq(std::min<size_t>(end, journal.size()));
  std::array<std::vector<Entry>, kMaxNodes> logs;
  std::map<std::pair<NodeId, uint32_t>, Ghost> ghosts;  // ordered by node, index
  std::vector<bool> acked(journal.writes().size(), false);
  for (Seq s = 0; s < end; ++s) {
    const Event& e = journal[s];
    if (e.node >= kMaxNodes) continue;
    auto& log = logs[e.node];
    switch (e.kind) {
      case EventKind::LogAppended: {
        const Entry entry{e.term, e.write()};
        log.push_back(entry);
        auto it = ghosts.find({e.node, uint32_t(log.size())});
        if (it != ghosts.end() && it->second.entry == entry) ghosts.erase(it);  // it came back
        break;
      }
      case EventKind::LogTruncated:
        for (uint32_t i = e.length(); i < log.size(); ++i)
          ghosts[{e.node, i + 1}] = Ghost{e.node, i + 1, log[i], e.time_us, s, false};
        if (e.length() < log.size()) log.resize(e.length());
        break;
      case EventKind::WriteAcked:
        if (e.write() < acked.size()) acked[e.write()] = true;
        break;
      default: break;
    }
  }
  std::vector<Ghost> out;
  out.reserve(ghosts.size());
  for (auto& [key, g] : ghosts) {
    g.acked = g.entry.write != 0 && g.entry.write < acked.size() && acked[g.entry.write];
    out.push_back(g);
  }
  return out;
}

const Ghost* findGhost(const std::vector<Ghost>& ghosts, NodeId node, uint32_t index) {
  auto it = std::lower_bound(ghosts.begin(), ghosts.end(), std::pair{node, index}, [](const Ghost& g, auto key) {
    return std::pair{g.node, g.index} < key;
  });
  return it != ghosts.end() && it->node == node && it->index == index ? &*it : nullptr;
}

}  // namespace radeau

// A node's persistent state (term, vote, log) as a write-ahead log of
// checksummed records, fsync'ed before anything that depends on them leaves
// the process. Each record: u32 payload length, u32 CRC-32C of the payload,
// payload (a type byte and little-endian u32 fields; a text record: the write
// id, then the client's text as UTF-8). A torn last record
// (short, or with a wrong checksum, or a zero-filled tail) is dropped on open,
// with a message, and opening rewrites the file compactly (temporary file,
// fsync, rename). Damage anywhere else, or a record whose checksum is right
// but whose content is impossible, refuses to open and leaves the file as it
// is: acknowledged entries may follow it. Wal::repair() (radeau-node
// --repair) truncates such a file to its last good record, on request only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/journal.h"

namespace radeau::node {

struct Persisted {
  uint32_t term = 0;
  NodeId voted_for = kNoNode;
  std::vector<Entry> log;
  uint32_t write_ids_reserved = 0;  // client write counters below this may have been used
  std::map<uint32_t, std::string> texts;  // write id -> the client's text, for writes this node has seen
};

// Longest write text kept (bytes of UTF-8); a text record holds one.
inline constexpr size_t kMaxTextBytes = 4096;

uint32_t crc32c(const void* data, size_t size);

class Wal {
 public:
  Wal() = default;
  ~Wal();
  Wal(const Wal&) = delete;
  Wal& operator=(const Wal&) = delete;

  // Opens (creating) `dir`/wal, reads it into `state`, drops a torn tail
  // (explaining it in `notes`), rewrites it compactly and locks the directory.
  // False with `error` set if the directory cannot be used.
  // Damage that is not a torn tail: false, the file untouched, and corrupt() true.
  bool open(const std::string& dir, Persisted& state, std::vector<std::string>& notes, std::string& error,
            int node_count = kMaxNodes);
  bool corrupt() const { return corrupt_; }

  // Truncates `dir`/wal to its last good record (the data directory must not
  // be in use); `report` says what was found, kept and dropped.
  static bool repair(const std::string& dir, int node_count, std::string& report, std::string& error);

  // Queue records; sync() writes and fsyncs them. Nothing is durable before sync().
  void term(uint32_t term);
  void vote(NodeId candidate);
  void append(uint32_t index, Entry e);
  void truncate(uint32_t length);
  void reserveWriteIds(uint32_t upto);
  void text(uint32_t write, const std::string& text);
  bool pending() const { return !buffer_.empty(); }
  bool sync(std::string& error);

  // The file name inside a data directory.
  static std::string path(const std::string& dir) { return dir + "/wal"; }

 private:
  void record(uint8_t type, std::initializer_list<uint32_t> fields, const std::string& tail = {});
  int fd_ = -1;
  int lock_fd_ = -1;
  std::string buffer_;
  bool corrupt_ = false;
};

// Reads the records of a WAL image. A torn final record: true, its offset in
// `valid_bytes` and a `note`. Damage before the end, or a record that passes
// its checksum but is impossible (index gap, vote for a node outside the
// cluster, a missing field): false, `error` naming the byte offset, and that
// record's offset in `valid_bytes`.
bool readWal(const std::string& bytes, Persisted& state, size_t& valid_bytes, std::string& note, std::string& error,
             int node_count = kMaxNodes);
// What lies from the damaged record at `from` on, for --repair's report.
std::string describeRecords(const std::string& bytes, size_t from);

}  // namespace radeau::node

// A node's persistent state (term, vote, log) as a write-ahead log of
// checksummed records, fsync'ed before anything that depends on them leaves
// the process. Each record: u32 payload length, u32 CRC-32C of the payload,
// payload (a type byte and little-endian u32 fields). A torn last record
// (short, or with a wrong checksum) is dropped on open, with a message.
// Opening rewrites the file compactly (temporary file, fsync, rename).
#pragma once

#include <cstdint>
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
};

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
  bool open(const std::string& dir, Persisted& state, std::vector<std::string>& notes, std::string& error);

  // Queue records; sync() writes and fsyncs them. Nothing is durable before sync().
  void term(uint32_t term);
  void vote(NodeId candidate);
  void append(uint32_t index, Entry e);
  void truncate(uint32_t length);
  void reserveWriteIds(uint32_t upto);
  bool pending() const { return !buffer_.empty(); }
  bool sync(std::string& error);

  // The file name inside a data directory.
  static std::string path(const std::string& dir) { return dir + "/wal"; }

 private:
  void record(uint8_t type, std::initializer_list<uint32_t> fields);
  int fd_ = -1;
  int lock_fd_ = -1;
  std::string buffer_;
};

// Reads the records of a WAL image. Stops at the first bad record: returns its
// offset in `valid_bytes` and explains it in `note` (empty if the image is whole).
// False (with `error`) if a record is well formed but impossible (index gap).
bool readWal(const std::string& bytes, Persisted& state, size_t& valid_bytes, std::string& note, std::string& error);

}  // namespace radeau::node

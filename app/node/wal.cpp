#include "wal.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace radeau::node {

namespace {

enum Type : uint8_t { kTerm = 1, kVote = 2, kAppend = 3, kTruncate = 4, kWriteIds = 5, kText = 6 };
constexpr size_t kMaxPayload = 1 + 4 + kMaxTextBytes;  // the largest record: a text

const std::array<uint32_t, 256>& crcTable() {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return table;
}

void putU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(char((v >> (8 * i)) & 0xFF));
}
uint32_t getU32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(uint8_t(p[i])) << (8 * i);
  return v;
}

std::string sysError(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

bool writeAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

}  // namespace

uint32_t crc32c(const void* data, size_t size) {
  const auto& t = crcTable();
  uint32_t c = 0xFFFFFFFFu;
  const auto* p = static_cast<const uint8_t*>(data);
  for (size_t i = 0; i < size; ++i) c = t[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

namespace {

const char* typeName(uint8_t type) {
  switch (type) {
    case kTerm: return "term";
    case kVote: return "vote";
    case kAppend: return "append";
    case kTruncate: return "truncate";
    case kWriteIds: return "write-id reservation";
    case kText: return "text";
    default: return "unknown";
  }
}

// Payload size of each record type: a type byte and its u32 fields.
size_t expectedLength(uint8_t type) {
  switch (type) {
    case kTerm: case kVote: case kTruncate: case kWriteIds: return 1 + 4;
    case kAppend: return 1 + 3 * 4;
    case kText: return 1 + 4;  // at least: the write id, then the text
    default: return 0;
  }
}

}  // namespace

bool readWal(const std::string& bytes, Persisted& s, size_t& valid, std::string& note, std::string& error,
             int node_count) {
  size_t pos = 0;
  note.clear();
  error.clear();
  auto at = [&] { return " at byte " + std::to_string(pos); };
  // Damage that ends the file is a write that never completed (the process or
  // the machine died during it): dropped with a note. Damage followed by more
  // bytes is not: acknowledged records may follow, so it is an error.
  while (pos < bytes.size()) {
    size_t left = bytes.size() - pos;
    if (left < 8) {
      note = "torn record header" + at() + " (" + std::to_string(left) + " bytes)";
      break;
    }
    uint32_t length = getU32(bytes.data() + pos), crc = getU32(bytes.data() + pos + 4);
    if (length == 0 || length > kMaxPayload) {
      // A file extended but never written reads as zeros to its end.
      if (bytes.find_first_not_of('\0', pos) == std::string::npos) {
        note = "zero-filled tail" + at() + " (" + std::to_string(left) + " bytes)";
        break;
      }
      error = "bad record length " + std::to_string(length) + at();
      valid = pos;
      return false;
    }
    if (left - 8 < length) {
      note = "torn record" + at() + " (" + std::to_string(left - 8) + " of " + std::to_string(length) +
             " payload bytes)";
      break;
    }
    const char* p = bytes.data() + pos + 8;
    if (crc32c(p, length) != crc) {
      size_t after = left - 8 - length;
      if (after == 0) {
        note = "checksum mismatch in the last record" + at();
        break;
      }
      error = "checksum mismatch in record" + at() + ", followed by " + std::to_string(after) +
              " more bytes (not a torn final record)";
      valid = pos;
      return false;
    }
    // The checksum says the bytes are as written; now they must make sense.
    uint8_t type = uint8_t(p[0]);
    auto refuse = [&](const std::string& why) {
      error = std::string(typeName(type)) + " record" + at() + ": " + why;
      valid = pos;
      return false;
    };
    if (expectedLength(type) == 0) {
      error = "unknown record type " + std::to_string(type) + at();
      valid = pos;
      return false;
    }
    if (type == kText ? length < expectedLength(type) : length != expectedLength(type))
      return refuse(std::to_string(length) + " payload bytes, expected " + std::to_string(expectedLength(type)));
    auto field = [&](int i) { return getU32(p + 1 + 4 * i); };
    switch (type) {
      case kTerm:
        if (field(0) > kMaxTerm) return refuse("term " + std::to_string(field(0)) + " is out of range");
        s.term = field(0);
        break;
      case kVote:
        if (field(0) != kNoNode && field(0) >= uint32_t(node_count))
          return refuse("vote for node " + std::to_string(field(0)) + " in a cluster of " +
                        std::to_string(node_count));
        s.voted_for = NodeId(field(0));
        break;
      case kAppend: {
        uint32_t index = field(0);
        if (index != s.log.size() + 1)
          return refuse("appends index " + std::to_string(index) + " to a log of " + std::to_string(s.log.size()) +
                        " entries");
        if (field(1) > s.term)
          return refuse("entry term " + std::to_string(field(1)) + " above the node's term " + std::to_string(s.term));
        // A client write, or a configuration entry (rung 16) of this cluster's nodes.
        if (isConfigWrite(field(2)) ? (configMembers(field(2)) >> node_count) != 0 : field(2) > kMaxWriteId)
          return refuse("write id " + std::to_string(field(2)) + " is out of range");
        s.log.push_back({field(1), field(2)});
        break;
      }
      case kTruncate:
        if (field(0) > s.log.size())
          return refuse("truncates to " + std::to_string(field(0)) + " entries a log of " +
                        std::to_string(s.log.size()));
        s.log.resize(field(0));
        break;
      case kWriteIds: s.write_ids_reserved = std::max(s.write_ids_reserved, field(0)); break;
      case kText:
        if (field(0) == 0 || field(0) > kMaxWriteId) return refuse("write id " + std::to_string(field(0)) + " is out of range");
        s.texts[field(0)] = std::string(p + 5, length - 5);
        break;
    }
    pos += 8 + length;
  }
  valid = pos;
  return true;
}

std::string describeRecords(const std::string& bytes, size_t from) {
  // The damaged record itself is skipped by its length when that is plausible;
  // what follows is counted while it still reads well.
  size_t pos = from;
  std::string out;
  if (bytes.size() - pos >= 8) {
    uint32_t length = getU32(bytes.data() + pos);
    if (length > 0 && length <= kMaxPayload && bytes.size() - pos - 8 >= length) pos += 8 + length;
    else return "the rest does not read as records";
  }
  std::map<std::string, int> counts;
  uint32_t first_index = 0, last_index = 0;
  int records = 0;
  while (bytes.size() - pos >= 8) {
    uint32_t length = getU32(bytes.data() + pos), crc = getU32(bytes.data() + pos + 4);
    if (length == 0 || length > kMaxPayload || bytes.size() - pos - 8 < length) break;
    const char* p = bytes.data() + pos + 8;
    if (crc32c(p, length) != crc) break;
    uint8_t type = uint8_t(p[0]);
    ++counts[typeName(type)];
    ++records;
    if (type == kAppend && length == expectedLength(kAppend)) {
      if (!first_index) first_index = getU32(p + 1);
      last_index = getU32(p + 1);
    }
    pos += 8 + length;
  }
  out = std::to_string(records) + " readable record" + (records == 1 ? "" : "s") + " after the damaged one";
  if (records) {
    out += " (";
    bool first = true;
    for (const auto& [name, n] : counts) {
      out += (first ? "" : ", ") + std::to_string(n) + " " + name;
      first = false;
    }
    out += ")";
  }
  if (first_index) out += ", appends of indexes " + std::to_string(first_index) + ".." + std::to_string(last_index);
  return out;
}

Wal::~Wal() {
  if (fd_ >= 0) ::close(fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

namespace {
// Takes the directory's lock and reads the whole file (empty if absent).
bool lockAndRead(const std::string& dir, int& lock_fd, std::string& bytes, std::string& error) {
  std::string lock_path = dir + "/lock";
  lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0) return error = sysError("cannot open", lock_path), false;
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    error = "data directory " + dir + " is in use by another radeau-node";
    return false;
  }
  std::string file = Wal::path(dir);
  int in = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    if (errno == ENOENT) return true;
    return error = sysError("cannot open", file), false;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(in, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(in);
      return error = sysError("cannot read", file), false;
    }
    if (n == 0) break;
    bytes.append(buf, size_t(n));
  }
  ::close(in);
  return true;
}
}  // namespace

bool Wal::open(const std::string& dir, Persisted& state, std::vector<std::string>& notes, std::string& error,
               int node_count) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return error = "cannot create " + dir + ": " + ec.message(), false;
  std::string file = path(dir);
  std::string bytes;
  if (!lockAndRead(dir, lock_fd_, bytes, error)) return false;
  size_t valid = 0;
  std::string note;
  if (!readWal(bytes, state, valid, note, error, node_count)) {
    // Not rewritten, not truncated: what follows the damage may be
    // acknowledged entries, and only a person can decide to give them up.
    error = file + ": " + error + "; the file is left as it is (" + std::to_string(bytes.size()) +
            " bytes). To keep only the records before byte " + std::to_string(valid) +
            ", run: radeau-node --repair --data-dir " + dir;
    corrupt_ = true;
    return false;
  }
  if (!note.empty())
    notes.push_back(file + ": " + note + "; dropped the last " + std::to_string(bytes.size() - valid) +
                    " bytes (a write that never completed)");
  // Rewrite compactly: temporary file, fsync, rename, fsync the directory.
  buffer_.clear();
  if (state.term) term(state.term);
  if (state.voted_for != kNoNode) vote(state.voted_for);
  for (size_t i = 0; i < state.log.size(); ++i) append(uint32_t(i + 1), state.log[i]);
  if (state.write_ids_reserved) reserveWriteIds(state.write_ids_reserved);
  // Texts of writes that left the log are forgotten here, so the file stays
  // proportional to the log.
  std::map<uint32_t, std::string> kept;
  for (const Entry& e : state.log) {
    auto it = state.texts.find(e.write);
    if (it != state.texts.end()) kept.insert(*it);
  }
  state.texts.swap(kept);
  for (const auto& [w, t] : state.texts) text(w, t);
  std::string tmp = file + ".tmp";
  int out = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0) return error = sysError("cannot create", tmp), false;
  if (!writeAll(out, buffer_) || ::fsync(out) != 0) {
    ::close(out);
    return error = sysError("cannot write", tmp), false;
  }
  ::close(out);
  buffer_.clear();
  if (::rename(tmp.c_str(), file.c_str()) != 0) return error = sysError("cannot rename", tmp), false;
  int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d >= 0) {
    ::fsync(d);
    ::close(d);
  }
  fd_ = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd_ < 0) return error = sysError("cannot open", file), false;
  return true;
}

bool Wal::repair(const std::string& dir, int node_count, std::string& report, std::string& error) {
  std::string file = path(dir);
  std::string bytes;
  int lock_fd = -1;
  bool ok = lockAndRead(dir, lock_fd, bytes, error);
  struct Closer {
    int fd;
    ~Closer() { if (fd >= 0) ::close(fd); }
  } closer{lock_fd};
  if (!ok) return false;
  Persisted state;
  size_t valid = 0;
  std::string note, problem;
  if (readWal(bytes, state, valid, note, problem, node_count) && note.empty()) {
    report = file + ": " + std::to_string(bytes.size()) + " bytes, every record reads well: nothing to repair";
    return true;
  }
  std::string what = problem.empty() ? note : problem;
  std::string dropped = problem.empty() ? std::string("a write that never completed")
                                        : describeRecords(bytes, valid);
  int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return error = sysError("cannot open", file), false;
  bool cut = ::ftruncate(fd, off_t(valid)) == 0 && ::fsync(fd) == 0;
  ::close(fd);
  if (!cut) return error = sysError("cannot truncate", file), false;
  Persisted kept;
  readWal(bytes.substr(0, valid), kept, valid, note, problem, node_count);
  report = file + ": " + what + "\n  truncated to byte " + std::to_string(valid) + ": dropped " +
           std::to_string(bytes.size() - valid) + " bytes (" + dropped + ")\n  kept term " +
           std::to_string(kept.term) + ", " + std::to_string(kept.log.size()) + " log entries";
  return true;
}

void Wal::record(uint8_t type, std::initializer_list<uint32_t> fields, const std::string& tail) {
  std::string payload(1, char(type));
  for (uint32_t f : fields) putU32(payload, f);
  payload += tail;
  putU32(buffer_, uint32_t(payload.size()));
  putU32(buffer_, crc32c(payload.data(), payload.size()));
  buffer_ += payload;
}

void Wal::term(uint32_t t) { record(kTerm, {t}); }
void Wal::vote(NodeId candidate) { record(kVote, {candidate}); }
void Wal::append(uint32_t index, Entry e) { record(kAppend, {index, e.term, e.write}); }
void Wal::truncate(uint32_t length) { record(kTruncate, {length}); }
void Wal::reserveWriteIds(uint32_t upto) { record(kWriteIds, {upto}); }
void Wal::text(uint32_t write, const std::string& t) { record(kText, {write}, t.substr(0, kMaxTextBytes)); }

bool Wal::sync(std::string& error) {
  if (buffer_.empty()) return true;
  if (fd_ < 0) return error = "write-ahead log is not open", false;
  if (!writeAll(fd_, buffer_) || ::fdatasync(fd_) != 0) return error = sysError("cannot write", "wal"), false;
  buffer_.clear();
  return true;
}

}  // namespace radeau::node

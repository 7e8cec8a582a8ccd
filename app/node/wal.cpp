#include "wal.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace radeau::node {

namespace {

enum Type : uint8_t { kTerm = 1, kVote = 2, kAppend = 3, kTruncate = 4, kWriteIds = 5 };
constexpr size_t kMaxPayload = 64;

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

bool readWal(const std::string& bytes, Persisted& s, size_t& valid, std::string& note, std::string& error) {
  size_t pos = 0;
  note.clear();
  while (pos < bytes.size()) {
    size_t left = bytes.size() - pos;
    if (left < 8) {
      note = "torn record header at byte " + std::to_string(pos) + " (" + std::to_string(left) + " bytes)";
      break;
    }
    uint32_t length = getU32(bytes.data() + pos), crc = getU32(bytes.data() + pos + 4);
    if (length == 0 || length > kMaxPayload) {
      note = "bad record length " + std::to_string(length) + " at byte " + std::to_string(pos);
      break;
    }
    if (left - 8 < length) {
      note = "torn record at byte " + std::to_string(pos) + " (" + std::to_string(left - 8) + " of " +
             std::to_string(length) + " payload bytes)";
      break;
    }
    const char* p = bytes.data() + pos + 8;
    if (crc32c(p, length) != crc) {
      note = "checksum mismatch in record at byte " + std::to_string(pos);
      break;
    }
    uint8_t type = uint8_t(p[0]);
    auto field = [&](int i) { return 1 + 4 * size_t(i + 1) <= length ? getU32(p + 1 + 4 * i) : 0u; };
    switch (type) {
      case kTerm: s.term = field(0); break;
      case kVote: s.voted_for = NodeId(field(0)); break;
      case kAppend: {
        uint32_t index = field(0);
        if (index != s.log.size() + 1) {
          error = "record at byte " + std::to_string(pos) + " appends index " + std::to_string(index) +
                  " to a log of " + std::to_string(s.log.size()) + " entries";
          return false;
        }
        s.log.push_back({field(1), field(2)});
        break;
      }
      case kTruncate:
        if (field(0) < s.log.size()) s.log.resize(field(0));
        break;
      case kWriteIds: s.write_ids_reserved = std::max(s.write_ids_reserved, field(0)); break;
      default:
        error = "unknown record type " + std::to_string(type) + " at byte " + std::to_string(pos);
        return false;
    }
    pos += 8 + length;
  }
  valid = pos;
  return true;
}

Wal::~Wal() {
  if (fd_ >= 0) ::close(fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

bool Wal::open(const std::string& dir, Persisted& state, std::vector<std::string>& notes, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return error = "cannot create " + dir + ": " + ec.message(), false;
  std::string lock_path = dir + "/lock";
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0) return error = sysError("cannot open", lock_path), false;
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    error = "data directory " + dir + " is in use by another radeau-node";
    return false;
  }
  std::string file = path(dir);
  std::string bytes;
  int in = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (in >= 0) {
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
  } else if (errno != ENOENT) {
    return error = sysError("cannot open", file), false;
  }
  size_t valid = 0;
  std::string note;
  if (!readWal(bytes, state, valid, note, error)) {
    error = file + ": " + error;
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

void Wal::record(uint8_t type, std::initializer_list<uint32_t> fields) {
  std::string payload(1, char(type));
  for (uint32_t f : fields) putU32(payload, f);
  putU32(buffer_, uint32_t(payload.size()));
  putU32(buffer_, crc32c(payload.data(), payload.size()));
  buffer_ += payload;
}

void Wal::term(uint32_t t) { record(kTerm, {t}); }
void Wal::vote(NodeId candidate) { record(kVote, {candidate}); }
void Wal::append(uint32_t index, Entry e) { record(kAppend, {index, e.term, e.write}); }
void Wal::truncate(uint32_t length) { record(kTruncate, {length}); }
void Wal::reserveWriteIds(uint32_t upto) { record(kWriteIds, {upto}); }

bool Wal::sync(std::string& error) {
  if (buffer_.empty()) return true;
  if (fd_ < 0) return error = "write-ahead log is not open", false;
  if (!writeAll(fd_, buffer_) || ::fdatasync(fd_) != 0) return error = sysError("cannot write", "wal"), false;
  buffer_.clear();
  return true;
}

}  // namespace radeau::node

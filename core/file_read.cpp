#include "file_read.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "limits.h"
#include "sanitize.h"

namespace radeau {

namespace {

// Bytes: std::string or LargeBuffer (resize, reserve, append, clear, data).
template <typename Bytes>
bool readInto(const std::string& path, Bytes& content, std::string& error) {
  const std::string shown = sanitizeText(path);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec) {
    error = "cannot read " + shown + ": " + ec.message();
    return false;
  }
  if (!std::filesystem::is_regular_file(status)) {
    error = "cannot read " + shown + ": not a regular file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + shown + ": " + std::strerror(errno);
    return false;
  }
  // Read at most one byte past the limit: the size may change while we read.
  content.clear();
  // The size it has now, plus the one byte that tells it grew: no doubling
  // copies of a 110 MB recording (issue 19).
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size <= limits::kMaxFileBytes) {
    content.reserve(size_t(size) + 1);
    content.resize(size_t(size));
    in.read(content.data(), std::streamsize(size));  // straight into place; what follows reads any growth
    content.resize(size_t(in.gcount()));
    if (in.bad()) {
      error = "cannot read " + shown + ": read error";
      return false;
    }
    if (!in) return true;  // shorter than it was: all of it read
  }
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    content.append(buf, size_t(in.gcount()));
    if (content.size() > limits::kMaxFileBytes) {
      error = "cannot read " + shown + ": larger than " + std::to_string(limits::kMaxFileBytes >> 20) +
              " MiB, the largest file Radeau reads";
      content.clear();
      return false;
    }
  }
  if (in.bad()) {
    error = "cannot read " + shown + ": read error";
    return false;
  }
  return true;
}

}  // namespace

bool readBoundedFile(const std::string& path, std::string& content, std::string& error) {
  return readInto(path, content, error);
}

bool readBoundedFile(const std::string& path, LargeBuffer& content, std::string& error) {
  return readInto(path, content, error);
}

}  // namespace radeau

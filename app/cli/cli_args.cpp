#include "app/cli/cli_args.h"

#include <cerrno>
#include <cstdlib>

namespace radeau::cli {

bool parseArgs(const std::vector<std::string>& args, const std::set<std::string>& with_value,
               const std::set<std::string>& flags, ParsedArgs& out, std::string& error) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() > 1 && a[0] == '-' && !(a.size() > 1 && std::isdigit(static_cast<unsigned char>(a[1])))) {
      if (with_value.count(a)) {
        if (i + 1 >= args.size()) {
          error = "option " + a + " needs a value";
          return false;
        }
        out.options[a] = args[++i];
      } else if (flags.count(a)) {
        out.flags.insert(a);
      } else {
        error = "unknown option '" + a + "'";
        return false;
      }
    } else {
      out.positional.push_back(a);
    }
  }
  return true;
}

bool parseUnsigned(const std::string& name, const std::string& text, uint64_t& value, std::string& error) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    error = name + " expects a non-negative integer, got '" + text + "'";
    return false;
  }
  errno = 0;
  value = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE) {
    error = name + " is too large: '" + text + "'";
    return false;
  }
  return true;
}

}  // namespace radeau::cli

// radeau-cli: every command is a function from arguments to an exit code,
// writing to the given streams, so tests call them without a process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace radeau::cli {

using Args = std::vector<std::string>;

int main(const Args& args, std::ostream& out, std::ostream& err);

// Commands (args exclude the command name).
int run(const Args& args, std::ostream& out, std::ostream& err);
int soak(const Args& args, std::ostream& out, std::ostream& err);
int chapters(const Args& args, std::ostream& out, std::ostream& err);
// Recording commands (replay layer).
int record(const Args& args, std::ostream& out, std::ostream& err);
int info(const Args& args, std::ostream& out, std::ostream& err);
int state(const Args& args, std::ostream& out, std::ostream& err);
int exportJournal(const Args& args, std::ostream& out, std::ostream& err);
int check(const Args& args, std::ostream& out, std::ostream& err);
int verify(const Args& args, std::ostream& out, std::ostream& err);
// One instant as a slide, PNG or SVG (GUI library, offscreen: no display needed).
int render(const Args& args, std::ostream& out, std::ostream& err);

// Shared helpers.
bool readFile(const std::string& path, std::string& content, std::string& error);
// Atomic write: a temporary file renamed over the target.
bool writeFileAtomic(const std::string& path, const std::string& content, std::string& error);

}  // namespace radeau::cli

// radeau-cli: every command is a function from arguments to an exit code,
// writing to the given streams, so tests call them without a process.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

class QCoreApplication;

namespace radeau::cli {

using Args = std::vector<std::string>;

// `radeau-cli [--lang LANG] COMMAND ...`: the language is chosen by the
// process's main (cli/main.cpp), which installs its translation.
int main(const Args& args, std::ostream& out, std::ostream& err);
// The command of a command line ("" when none): the first argument after a leading --lang.
std::string commandOf(const Args& args);
// The application object a radeau-cli process needs (translations need one):
// for render a QGuiApplication on the offscreen platform (painting needs
// fonts, not a display), else a QCoreApplication, so the other commands stay Core-only.
std::unique_ptr<QCoreApplication> makeApplication(const std::string& command);

// Commands (args exclude the command name).
int run(const Args& args, std::ostream& out, std::ostream& err);
int soak(const Args& args, std::ostream& out, std::ostream& err);
// Searches schedules for a safety finding and shrinks the failing one to a short script.
int find(const Args& args, std::ostream& out, std::ostream& err);
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

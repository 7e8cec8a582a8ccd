// Helpers shared by the tests: run a script text, find nodes by name.
#pragma once

#include <QByteArray>
#include <QString>
#include <string>
#include <string_view>

namespace radeau::test {

// Reads a file of the source tree (path relative to the repository root).
std::string readSourceFile(std::string_view relative_path);

// Writes a test fixture (a script, a talk); the calling test fails if it cannot.
void writeFile(const QString& path, const QByteArray& text);

}  // namespace radeau::test

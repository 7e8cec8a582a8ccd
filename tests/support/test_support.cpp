#include "support/test_support.h"

#include <QFile>
#include <QTest>
#include <fstream>
#include <sstream>

namespace radeau::test {

std::string readSourceFile(std::string_view relative_path) {
  std::ifstream in(std::string(RADEAU_SOURCE_DIR) + "/" + std::string(relative_path), std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void writeFile(const QString& path, const QByteArray& text) {
  QFile f(path);
  QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path + QStringLiteral(": ") + f.errorString()));
  f.write(text);
}

}  // namespace radeau::test

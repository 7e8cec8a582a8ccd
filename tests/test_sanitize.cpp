// Hostile text (issue 14): names and texts from files and peers are escaped
// before they reach a terminal, a log or an error message.
#include <QtTest>

#include "core/sanitize.h"

using namespace radeau;

class TestSanitize : public QObject {
  Q_OBJECT
 private slots:
  void plainTextIsKept() {
    QCOMPARE(sanitizeText("Jean-Pierre x=1"), std::string("Jean-Pierre x=1"));
    QCOMPARE(sanitizeText("Hélène « A »"), std::string("Hélène « A »"));
  }
  void controlsAreEscaped() {
    QCOMPARE(sanitizeText("Mi\rchel"), std::string("Mi\\rchel"));
    QCOMPARE(sanitizeText("a\nb\tc"), std::string("a\\nb\\tc"));
    QCOMPARE(sanitizeText("\x1b[2J"), std::string("\\x1b[2J"));
    QCOMPARE(sanitizeText(std::string("a\0b", 3)), std::string("a\\x00b"));
    QCOMPARE(sanitizeText("\x7f"), std::string("\\x7f"));
    QCOMPARE(sanitizeText("back\\slash"), std::string("back\\\\slash"));
  }
  void invalidUtf8AndC1AreEscaped() {
    QCOMPARE(sanitizeText("\xff\xfe"), std::string("\\xff\\xfe"));
    QCOMPARE(sanitizeText("\xc3"), std::string("\\xc3"));            // truncated sequence
    QCOMPARE(sanitizeText("\xc2\x9b" "31m"), std::string("\\xc2\\x9b31m"));  // C1 CSI
    QCOMPARE(sanitizeText("\xed\xa0\x80"), std::string("\\xed\\xa0\\x80"));  // surrogate
  }
  void cutKeepsWholeCharacters() {
    QCOMPARE(sanitizeText("abcdef", 3), std::string("abc…"));
    QCOMPARE(sanitizeText("aé", 2), std::string("a…"));
    QCOMPARE(sanitizeText("abc", 3), std::string("abc"));
  }
};

QTEST_APPLESS_MAIN(TestSanitize)
#include "test_sanitize.moc"

// radeau-cli's process: the language first (--lang, else the environment's
// locale), then the command, as radeau and radeau-node do.
#include <QCoreApplication>
#include <QStringList>

#include <clocale>
#include <iostream>

#include "app/cli/cli.h"
#include "app/i18n/i18n.h"
#include "app/render/language.h"
#include "core/top_level.h"

int main(int argc, char** argv) {
  return radeau::guarded("radeau-cli", [&] {
    radeau::cli::Args args(argv + 1, argv + argc);
    const auto app = radeau::cli::makeApplication(radeau::cli::commandOf(args));
    std::setlocale(LC_NUMERIC, "C");  // Qt set the user's locale: numbers stay as the formats want them
    QStringList words;
    for (const std::string& a : args) words << QString::fromLocal8Bit(a.c_str());
    QString error;
    const auto language = radeau::i18n::languageFromArgs(radeau::i18n::langOption(words),
                                                         radeau::i18n::environmentLocale(), &error);
    if (!language) {
      std::cerr << "radeau-cli: " << error.toStdString() << "\n";
      return 2;
    }
    // The render library's too: a slide's finding banner and labels are core's words in that language.
    if (!radeau::gui::installLanguage(*language))
      std::cerr << "radeau-cli: the " << radeau::i18n::languageCode(*language).toStdString()
                << " translation did not load; messages stay in English\n";
    return radeau::cli::main(args, std::cout, std::cerr);
  });
}

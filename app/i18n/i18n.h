// The programs' language (issue 6, issue 17): Qt Linguist translations
// (resources/radeau_fr.ts, built into :/i18n/radeau_fr.qm inside this Qt
// Core library, so radeau-node has them without Qt Widgets), and the choice
// of language shared by radeau, radeau-cli and radeau-node: --lang, else the
// environment's locale, else English.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

#include "core/language.h"

namespace radeau::i18n {

// `--lang` when given ("en" or "fr"), else the system locale name ("fr_CA"
// gives French, anything not French gives English). An unknown --lang value
// gives nullopt and `error` says which values exist.
std::optional<Language> languageFromArgs(const QString& lang_option, const QString& system_locale,
                                         QString* error = nullptr);

// The locale the environment asks messages in, in gettext's order: the first
// entry of LANGUAGE, else LC_ALL, else LC_MESSAGES, else LANG; when none is
// set, Qt's system locale. "fr_FR.UTF-8", "fr", "C"...
QString environmentLocale();

// The value of --lang in a command line (`--lang fr` or `--lang=fr`, before
// a "--"; the last one given), or an empty string: the first pass that chooses the language before
// the real parser describes its options and reports its errors in it.
QString langOption(const QStringList& args);

// Installs the translations of `l` (ours and Qt's own) in the application,
// replacing the previous language's; true when ours loaded (English is the
// source language: always true). Needs a QCoreApplication.
bool installTranslations(Language l);

QString languageCode(Language l);  // "en", "fr"

}  // namespace radeau::i18n

// The window's language. Qt Linguist translations of the GUI
// (resources/radeau_fr.ts, built into :/i18n/radeau_fr.qm inside the
// radeau_i18n library, app/i18n/) plus the words of the core formatter, which
// the window asks for in language(). Node names stay as written.
#pragma once

#include <QString>
#include <optional>

#include "core/language.h"

namespace radeau::gui {

// `--lang` when given ("en" or "fr"), else the system locale name ("fr_CA"
// gives French, anything not French gives English). An unknown --lang value
// gives nullopt and `error` says which values exist.
std::optional<Language> languageFromArgs(const QString& lang_option, const QString& system_locale,
                                         QString* error = nullptr);
// Installs the translations of `l` in the application, replacing the previous
// language's; true when they loaded (English is the source language: always true).
// Widgets built afterwards show it.
bool installLanguage(Language l);
// The language installed last (English before any call).
Language language();
QString languageCode(Language l);  // "en", "fr"

}  // namespace radeau::gui

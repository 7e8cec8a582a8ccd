#include "app/render/language.h"

#include "app/i18n/i18n.h"

namespace radeau::gui {

namespace {
Language g_language = Language::English;
}  // namespace

std::optional<Language> languageFromArgs(const QString& lang_option, const QString& system_locale, QString* error) {
  return i18n::languageFromArgs(lang_option, system_locale, error);
}

QString languageCode(Language l) { return i18n::languageCode(l); }

bool installLanguage(Language l) {
  g_language = l;
  return i18n::installTranslations(l);
}

Language language() { return g_language; }

}  // namespace radeau::gui

#include "app/gui/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

// Outside any namespace: Q_INIT_RESOURCE declares the resource's initialiser.
static void initTranslationResources() { Q_INIT_RESOURCE(radeau_gui_translations); }

namespace radeau::gui {

namespace {
Language g_language = Language::English;
QTranslator* g_ours = nullptr;  // radeau_xx.qm
QTranslator* g_qt = nullptr;    // Qt's own (standard buttons of dialogs)
}  // namespace

std::optional<Language> languageFromArgs(const QString& lang_option, const QString& system_locale, QString* error) {
  if (!lang_option.isEmpty()) {
    const QString code = lang_option.trimmed().toLower();
    if (code == QLatin1String("en")) return Language::English;
    if (code == QLatin1String("fr")) return Language::French;
    if (error)
      *error = QCoreApplication::translate("radeau::gui::Language", "unknown language '%1' for --lang: use en or fr")
                   .arg(lang_option);
    return std::nullopt;
  }
  return system_locale.startsWith(QLatin1String("fr"), Qt::CaseInsensitive) ? Language::French : Language::English;
}

QString languageCode(Language l) { return l == Language::French ? QStringLiteral("fr") : QStringLiteral("en"); }

bool installLanguage(Language l) {
  for (QTranslator** t : {&g_ours, &g_qt}) {
    if (*t) {
      QCoreApplication::removeTranslator(*t);
      delete *t;
      *t = nullptr;
    }
  }
  g_language = l;
  if (l == Language::English) return true;
  initTranslationResources();  // the .qm files live in the static GUI library
  const QString code = languageCode(l);
  g_ours = new QTranslator;
  const bool ok = g_ours->load(QStringLiteral(":/i18n/radeau_%1.qm").arg(code));
  if (ok) QCoreApplication::installTranslator(g_ours);
  g_qt = new QTranslator;
  if (g_qt->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(g_qt);
  return ok;
}

Language language() { return g_language; }

}  // namespace radeau::gui

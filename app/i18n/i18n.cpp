#include "app/i18n/i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

// Outside any namespace: Q_INIT_RESOURCE declares the resource's initialiser.
static void initTranslationResources() { Q_INIT_RESOURCE(radeau_translations); }

namespace radeau::i18n {

namespace {
QTranslator* g_ours = nullptr;  // radeau_xx.qm
QTranslator* g_qt = nullptr;    // Qt's own (standard buttons of dialogs, QCommandLineParser's texts)
}  // namespace

std::optional<Language> languageFromArgs(const QString& lang_option, const QString& system_locale, QString* error) {
  if (!lang_option.isEmpty()) {
    const QString code = lang_option.trimmed().toLower();
    if (code == QLatin1String("en")) return Language::English;
    if (code == QLatin1String("fr")) return Language::French;
    if (error)
      *error = QCoreApplication::translate("radeau::i18n", "unknown language '%1' for --lang: use en or fr")
                   .arg(lang_option);
    return std::nullopt;
  }
  return system_locale.startsWith(QLatin1String("fr"), Qt::CaseInsensitive) ? Language::French : Language::English;
}

QString environmentLocale() {
  const QString language = qEnvironmentVariable("LANGUAGE").section(QLatin1Char(':'), 0, 0);
  if (!language.isEmpty()) return language;
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const QString value = qEnvironmentVariable(name);
    if (!value.isEmpty()) return value;
  }
  return QLocale::system().name();
}

QString langOption(const QStringList& args) {
  const QString option = QStringLiteral("--lang");
  QString value;  // the last one given wins, as with QCommandLineParser
  for (qsizetype i = 0; i < args.size(); ++i) {
    const QString& a = args[i];
    if (a == QLatin1String("--")) break;
    if (a == option && i + 1 < args.size()) value = args[++i];
    else if (a.startsWith(option + QLatin1Char('='))) value = a.mid(option.size() + 1);
  }
  return value;
}

QString languageCode(Language l) { return l == Language::French ? QStringLiteral("fr") : QStringLiteral("en"); }

bool installTranslations(Language l) {
  for (QTranslator** t : {&g_ours, &g_qt}) {
    if (*t) {
      QCoreApplication::removeTranslator(*t);
      delete *t;
      *t = nullptr;
    }
  }
  if (l == Language::English) return true;
  initTranslationResources();  // the .qm files live in this static library
  const QString code = languageCode(l);
  g_ours = new QTranslator;
  const bool ok = g_ours->load(QStringLiteral(":/i18n/radeau_%1.qm").arg(code));
  if (ok) QCoreApplication::installTranslator(g_ours);
  g_qt = new QTranslator;
  if (g_qt->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(g_qt);
  return ok;
}

}  // namespace radeau::i18n

// The interface in English and French (issue 6): Qt Linguist translations of
// the window, the core formatter's words, and the completeness of
// resources/radeau_fr.ts. Node names stay as written.
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolBar>
#include <QXmlStreamReader>
#include <QtTest>

#include "app/gui/concepts_panel.h"
#include "app/render/frame_export.h"
#include "app/render/language.h"
#include "app/render/theme.h"
#include "app/gui/main_window.h"
#include "app/gui/models.h"
#include "app/gui/presenter.h"
#include "replay/playhead.h"

#include "support/test_support.h"

using namespace radeau;
using namespace radeau::gui;

namespace {
const QString kFindingRecording =
    QStringLiteral(RADEAU_SOURCE_DIR "/recordings/05b-candidate-lagging-node-elected.radeau");

QStringList menuTitles(MainWindow& w) {
  QStringList titles;
  for (QAction* a : w.menuBar()->actions()) titles << a->text();
  return titles;
}

QStringList toolbarTexts(MainWindow& w) {
  QStringList texts;
  for (QAction* a : w.findChild<QToolBar*>(QStringLiteral("mainToolBar"))->actions())
    if (!a->isSeparator() && !a->iconText().isEmpty()) texts << a->iconText();
  return texts;
}

// The banner of 05b at its end: the lagging node's election lost a write.
QString bannerAtFinding(MainWindow& w) {
  if (!w.openRecording(kFindingRecording)) return QStringLiteral("cannot open: ") + w.lastError();
  w.playhead()->toEnd();
  w.refresh();
  return w.findingBanner()->isVisibleTo(&w) ? w.findingBanner()->text() : QString();
}

using radeau::test::writeFile;
}  // namespace

class TestGuiI18n : public QObject {
  Q_OBJECT
 private slots:
  void cleanup() { installLanguage(Language::English); }

  void languageFromArgsOrTheSystem() {
    QString error;
    QCOMPARE(languageFromArgs("fr", "en_US", &error), std::optional(Language::French));
    QCOMPARE(languageFromArgs("en", "fr_FR", &error), std::optional(Language::English));
    QCOMPARE(languageFromArgs("", "fr_CA", &error), std::optional(Language::French));
    QCOMPARE(languageFromArgs("", "de_DE", &error), std::optional(Language::English));
    QCOMPARE(languageFromArgs("", "C", &error), std::optional(Language::English));
    QVERIFY(!languageFromArgs("klingon", "fr_FR", &error));
    QVERIFY2(error.contains("klingon") && error.contains("en") && error.contains("fr"), qPrintable(error));
  }

  void theFrenchWindowShowsFrench() {
    QVERIFY(installLanguage(Language::French));
    QCOMPARE(language(), Language::French);
    MainWindow w;
    w.setInteractive(false);
    const QStringList menus = menuTitles(w);
    QVERIFY2(menus.mid(0, 4) == QStringList({"&Fichier", "&Lecture", "&Cluster", "&Affichage"}), qPrintable(menus.join(" | ")));
    const QStringList tools = toolbarTexts(w);
    for (const char* french : {"Nouveau", "Ouvrir", "Écrire (W)", "Tout rétablir (H)"})
      QVERIFY2(tools.contains(QString::fromUtf8(french)), qPrintable(tools.join(" | ")));
    QCOMPARE(w.action("darkTheme")->text(), QStringLiteral("Thème &sombre"));
    QCOMPARE(w.nodeModel()->headerData(NodeTableModel::RoleCol, Qt::Horizontal).toString(), QStringLiteral("Rôle"));

    const QString banner = bannerAtFinding(w);
    QVERIFY2(banner.contains(QStringLiteral("écriture acquittée")) && banner.contains(QStringLiteral("à\u00A0")),
             qPrintable(banner));
    QVERIFY2(!banner.contains("acknowledged") && !banner.contains(QStringLiteral("at\u00A0")), qPrintable(banner));
    // Node names stay as written; roles are French in the table, events in the journal.
    QVERIFY2(banner.contains("Paul") || banner.contains("Michel") || banner.contains("Sophie") ||
                 banner.contains("Luc") || banner.contains("Jean-Pierre"),
             qPrintable(banner));
    const QString role = w.nodeModel()->index(0, NodeTableModel::RoleCol).data().toString();
    QVERIFY2(QStringList({"follower", "candidate", "leader", "en panne"}).contains(role), qPrintable(role));
    bool french_event = false;
    for (int r = 0; r < w.journalModel()->rowCount() && !french_event; ++r)
      french_event = w.journalModel()->index(r, JournalModel::TextCol).data().toString().contains(" devient ");
    QVERIFY(french_event);
    // The longer French words still fit a 1280x720 projector.
    const QSize least = w.minimumSizeHint();
    QVERIFY2(least.width() <= 1280 && least.height() <= 720,
             qPrintable(QString("%1x%2").arg(least.width()).arg(least.height())));
  }

  // A key that is not one: core's readKeyProblem() decides, the window says
  // why in its own language (it used to show core's English sentence).
  void aRefusedReadKeyIsExplainedInTheWindowsLanguage() {
    for (Language l : {Language::French, Language::English}) {
      QVERIFY(installLanguage(l));
      MainWindow w;
      w.setInteractive(false);
      w.readAt(0, QStringLiteral("x=1"));
      const QString shown = w.statusBar()->currentMessage();
      QCOMPARE(shown, l == Language::French
                          ? QStringLiteral("Lecture impossible\u00a0: la clé «\u00a0x=1\u00a0» peut contenir lettres, "
                                           "chiffres et signes, mais ni «\u00a0=\u00a0», ni guillemets, ni espaces")
                          : QStringLiteral("Cannot read: the key “x=1” may hold letters, digits and signs, not “=”, "
                                           "quotes or spaces"));
      w.readAt(0, QStringLiteral("abcdefghijklmnopq"));
      QVERIFY2(w.statusBar()->currentMessage().contains(l == Language::French ? QStringLiteral("dépasse 16 octets")
                                                                              : QStringLiteral("is longer than 16 bytes")),
               qPrintable(w.statusBar()->currentMessage()));
    }
  }

  void theEnglishWindowShowsEnglish() {
    QVERIFY(installLanguage(Language::English));
    MainWindow w;
    w.setInteractive(false);
    const QStringList menus = menuTitles(w);
    QVERIFY2(menus.mid(0, 4) == QStringList({"&File", "&Playback", "&Cluster", "&View"}), qPrintable(menus.join(" | ")));
    const QStringList tools = toolbarTexts(w);
    for (const char* english : {"New", "Open", "Write (W)", "Heal all (H)"})
      QVERIFY2(tools.contains(QString::fromUtf8(english)), qPrintable(tools.join(" | ")));
    const QString banner = bannerAtFinding(w);
    QVERIFY2(banner.contains("acknowledged write") && banner.contains(QStringLiteral("at\u00A0")), qPrintable(banner));
  }

  // The Rules tab says what each flag does, in the window's language: the
  // flag's tooltip and a line under it, both core's words; the presets name
  // their chapter.
  void theRulesTabExplainsEachFlag() {
    for (Language l : {Language::French, Language::English}) {
      installLanguage(l);
      ConceptsPanel panel;
      panel.resize(400, 1400);
      panel.show();
      QVERIFY(QTest::qWaitForWindowExposed(&panel));
      for (int i = 0; i < kConceptCount; ++i) {
        const Concept c = Concept(i);
        const QString rule = QString::fromUtf8(conceptDescription(c, l).data(), qsizetype(conceptDescription(c, l).size()));
        QVERIFY(!rule.isEmpty());
        QCOMPARE(panel.flagBox(c)->toolTip(), rule);
        QCOMPARE(panel.flagDescription(c)->text(), rule);
        QVERIFY(panel.flagDescription(c)->isVisible());
        QVERIFY(panel.flagDescription(c)->height() > 0);
      }
      const QString candidate = l == Language::French ? QStringLiteral("La candidate") : QStringLiteral("The candidate");
      QVERIFY2(panel.chapterBox()->itemText(5).contains(candidate), qPrintable(panel.chapterBox()->itemText(5)));
    }
  }

  void thePresenterNotesSayWhatComesNextInFrench() {
    QTemporaryDir dir;
    writeFile(dir.filePath("quiet.radeau-script"), "nodes 3\nconcepts full\nseed 2\nuntil 300ms\n");
    writeFile(dir.filePath("talk.radeau-talk"),
              "talk Test | Essai\n"
              "step one\ntitle One | Un\nopen quiet.radeau-script\n"
              "step two\ntitle Three nodes | Trois nœuds\nopen quiet.radeau-script\n");
    for (Language l : {Language::French, Language::English}) {
      installLanguage(l);
      MainWindow w;
      w.setInteractive(false);
      auto* presenter = new PresenterMode(&w, l);
      QString error;
      QVERIFY2(presenter->load(dir.filePath("talk.radeau-talk"), error), qPrintable(error));
      QStringList labels;
      for (QLabel* label : presenter->notesWindow()->findChildren<QLabel*>()) labels << label->text();
      const QString expected = l == Language::French ? QStringLiteral("Ensuite\u00a0: Trois nœuds") : QStringLiteral("Next: Three nodes");
      QVERIFY2(labels.contains(expected), qPrintable(labels.join(" | ")));
      QCOMPARE(presenter->notesWindow()->windowTitle(), l == Language::French ? QStringLiteral("Radeau — notes de l'orateur")
                                                                              : QStringLiteral("Radeau — presenter notes"));
    }
  }

  // Issue 17: the rarer errors of the render library (a slide that cannot be
  // written) and of the walk-through follow the language too, with French
  // typography (a no-break space before the colon).
  void exportErrorsAreInTheWindowsLanguage() {
    QTemporaryDir dir;
    const auto nothing = [](QPainter&) {};
    const QString jpg = dir.filePath(QStringLiteral("slide.jpg"));
    const QString unwritable = QStringLiteral("/nonexistent-dir/slide.png");
    for (Language l : {Language::English, Language::French}) {
      QVERIFY(installLanguage(l));
      const bool fr = l == Language::French;
      QString error;
      QVERIFY(!exportPainting(jpg, QSize(64, 36), {}, {}, Theme(), nothing, error));
      QVERIFY2(error.contains(fr ? QStringLiteral("slide.jpg\u00A0: extension inconnue .jpg (utilisez .png ou .svg)")
                                 : QStringLiteral("slide.jpg: unknown extension .jpg (use .png or .svg)")),
               qPrintable(error));
      QVERIFY(!exportPainting(dir.filePath(QStringLiteral("slide")), QSize(64, 36), {}, {}, Theme(), nothing, error));
      QVERIFY2(error.contains(fr ? QStringLiteral("\u00A0: sans extension") : QStringLiteral(": no extension")),
               qPrintable(error));
      QVERIFY(!exportPainting(dir.filePath(QStringLiteral("e.png")), QSize(0, 36), {}, {}, Theme(), nothing, error));
      QVERIFY2(error.contains(fr ? QStringLiteral("\u00A0: taille vide 0x36") : QStringLiteral(": empty size 0x36")),
               qPrintable(error));
      QVERIFY(!exportPainting(unwritable, QSize(64, 36), {}, {}, Theme(), nothing, error));
      QVERIFY2(error.startsWith(fr ? QStringLiteral("impossible d'écrire /nonexistent-dir/slide.png\u00A0: ")
                                   : QStringLiteral("cannot write /nonexistent-dir/slide.png: ")),
               qPrintable(error));
      // The slide's own word and the walk-through's messages.
      QCOMPARE(QCoreApplication::translate("radeau::gui", "branch %1"),
               fr ? QStringLiteral("branche %1") : QStringLiteral("branch %1"));
      QCOMPARE(QCoreApplication::translate("radeau::gui", "cannot create the directory %1"),
               fr ? QStringLiteral("impossible de créer le dossier %1")
                  : QStringLiteral("cannot create the directory %1"));
    }
  }

  void everyMessageOfTheFrenchFileIsTranslated() {
    QFile f(QStringLiteral(RADEAU_SOURCE_DIR "/resources/radeau_fr.ts"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int messages = 0;
    QString source;
    QStringList untranslated;
    while (!xml.atEnd()) {
      xml.readNext();
      if (!xml.isStartElement()) continue;
      if (xml.name() == QLatin1String("message")) ++messages;
      if (xml.name() == QLatin1String("source")) source = xml.readElementText();
      if (xml.name() == QLatin1String("translation")) {
        const QString type = xml.attributes().value("type").toString();
        const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        if (type == QLatin1String("unfinished") || type == QLatin1String("vanished") || text.trimmed().isEmpty())
          untranslated << source;
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(messages > 150, qPrintable(QString::number(messages)));
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join("\n")));
  }
};

QTEST_MAIN(TestGuiI18n)
#include "test_gui_i18n.moc"

// The prepared recordings of the talk are what their scripts produce today:
// each recordings/NAME.radeau equals a fresh recording of
// recordings/scenarios/NAME.radeau-script, byte for byte.
#include <QtTest>

#include <filesystem>

#include "core/script.h"
#include "replay/recording_file.h"
#include "replay/run.h"
#include "support/test_support.h"

using namespace radeau;
namespace fs = std::filesystem;

class TestPreparedRecordings : public QObject {
  Q_OBJECT
 private slots:
  void everyScriptHasAnUpToDateRecording_data() {
    QTest::addColumn<QString>("stem");
    const fs::path dir = fs::path(RADEAU_SOURCE_DIR) / "recordings" / "scenarios";
    std::vector<std::string> stems;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".radeau-script") stems.push_back(entry.path().stem().string());
    std::sort(stems.begin(), stems.end());
    QVERIFY(stems.size() >= 30);
    for (const auto& s : stems) QTest::newRow(s.c_str()) << QString::fromStdString(s);
  }

  void everyScriptHasAnUpToDateRecording() {
    QFETCH(QString, stem);
    const std::string script_path = "recordings/scenarios/" + stem.toStdString() + ".radeau-script";
    ScriptError err;
    auto scenario = parseScenario(test::readSourceFile(script_path), script_path, err);
    QVERIFY2(scenario, err.toString().c_str());
    Run run(scenario->config, scenario->actions, scenario->until_us);
    const QByteArray fresh = encodeRecording(recordingOf(run));

    const QString stored_path = QStringLiteral(RADEAU_SOURCE_DIR "/recordings/") + stem + ".radeau";
    QFile stored(stored_path);
    const QString regenerate = " (regenerate with: cmake --build build --target recordings; seed " +
                               QString::number(scenario->config.seed) + ")";
    QVERIFY2(stored.open(QIODevice::ReadOnly), qPrintable(stored_path + " is missing" + regenerate));
    const QByteArray bytes = stored.readAll();
    QVERIFY2(bytes == fresh, qPrintable(stored_path + " is stale or the run is not deterministic" + regenerate));

    // And the stored file opens and replays the same journal.
    std::string error;
    auto loaded = loadRun(stored_path, error);
    QVERIFY2(loaded, error.c_str());
    QCOMPARE(loaded->journal(0).canonicalBytes(), run.journal(0).canonicalBytes());
  }
};

QTEST_GUILESS_MAIN(TestPreparedRecordings)
#include "test_prepared_recordings.moc"

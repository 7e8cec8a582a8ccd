// radeau-cli render: one instant of a recording or a scenario script as a
// slide (PNG or SVG), headless, through the window's own drawing code.
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <memory>
#include <ostream>

#include "app/cli/cli.h"
#include "app/cli/cli_args.h"
#include "app/render/frame_export.h"
#include "app/render/space_time_paint.h"
#include "app/render/recording_io.h"
#include "app/render/theme.h"
#include "core/format.h"
#include "core/sanitize.h"
#include "core/script.h"
#include "replay/branch_lookup.h"
#include "replay/recording_file.h"
#include "replay/run.h"

namespace radeau::cli {

namespace {

int usage(const std::string& msg, std::ostream& err) {
  err << "radeau-cli render: " << msg << "\n";
  return 2;
}

// Painting needs fonts, so a QGuiApplication; on the offscreen platform it
// needs no display. Only render creates one: the other commands stay Core-only.
std::unique_ptr<QGuiApplication> guiApplication(std::string& error) {
  if (qobject_cast<QGuiApplication*>(QCoreApplication::instance())) return nullptr;
  if (QCoreApplication::instance()) {
    error = "needs a GUI application, but a QCoreApplication is running";
    return nullptr;
  }
  static int argc = 3;
  static char arg0[] = "radeau-cli", arg1[] = "-platform", arg2[] = "offscreen";
  static char* argv[] = {arg0, arg1, arg2, nullptr};
  return std::make_unique<QGuiApplication>(argc, argv);
}

}  // namespace

std::unique_ptr<QCoreApplication> makeApplication(const std::string& command) {
  static int argc = 1;
  static char arg0[] = "radeau-cli";
  static char* argv[] = {arg0, nullptr};
  if (command != "render") return std::make_unique<QCoreApplication>(argc, argv);
  std::string error;
  return guiApplication(error);
}

namespace {

// --size WxH, each side from 16 to 16384 pixels.
bool parseSize(const std::string& text, QSize& size, std::string& error) {
  error = "--size expects WIDTHxHEIGHT in pixels (e.g. 1920x1080), got '" + text + "'";
  auto x = text.find('x');
  if (x == std::string::npos) return false;
  uint64_t w = 0, h = 0;
  std::string ignored;
  if (!parseUnsigned("--size", text.substr(0, x), w, ignored) || !parseUnsigned("--size", text.substr(x + 1), h, ignored))
    return false;
  if (w < 16 || h < 16 || w > 16384 || h > 16384) {
    error = "--size " + text + " is out of range (each side 16 to 16384 pixels)";
    return false;
  }
  size = QSize(int(w), int(h));
  return true;
}

bool isRecording(const std::string& path) {
  const QString file = QString::fromStdString(path);
  if (QFileInfo(file).suffix().compare(QLatin1String("radeau"), Qt::CaseInsensitive) == 0) return true;
  return QFileInfo::exists(file) && gui::looksLikeRecording(file);
}

}  // namespace

int render(const Args& args, std::ostream& out, std::ostream& err) {
  ParsedArgs p;
  std::string error;
  if (!parseArgs(args, {"--at", "--branch", "--size", "--title", "--theme", "-o", "--output", "--seed", "--until", "--space-time"},
                 {"--default"}, p, error))
    return usage(error, err);
  std::optional<std::string> output = p.get("-o");
  if (!output) output = p.get("--output");
  if (!output) return usage(tr("expected -o OUT.png or -o OUT.svg").toStdString(), err);
  const QString out_path = QString::fromStdString(*output);
  if (!gui::exportFormatOf(out_path)) {
    const std::string ext = QFileInfo(out_path).suffix().toStdString();
    return usage("-o " + *output + ": " +
                     (ext.empty() ? tr("unknown extension (none) (use .png or .svg)")
                                  : tr("unknown extension '.%1' (use .png or .svg)").arg(QString::fromStdString(ext)))
                         .toStdString(),
                 err);
  }
  auto at_text = p.get("--at");
  if (!at_text) return usage(tr("expected --at T (e.g. --at 2.5s)").toStdString(), err);
  auto at = parseDuration(*at_text);
  if (!at)
    return usage(malformedDuration("--at", *at_text), err);
  QSize size = gui::kDefaultExportSize;
  if (auto s = p.get("--size"); s && !parseSize(*s, size, error)) return usage(error, err);
  gui::Scheme scheme = gui::Scheme::Light;
  if (auto s = p.get("--theme"); s && !gui::Theme::schemeFromName(QString::fromStdString(*s), &scheme))
    return usage(tr("--theme expects light or dark, got '%1'").arg(QString::fromStdString(*s)).toStdString(), err);

  // The run: a recording as stored, or a scenario script simulated.
  std::unique_ptr<Run> run;
  std::string title;
  if (!p.has("--default") && p.positional.size() == 1 && isRecording(p.positional[0])) {
    if (p.has("--seed") || p.has("--until")) return usage("--seed and --until apply to scenario scripts, not recordings", err);
    auto rec = loadRecordingFile(QString::fromStdString(p.positional[0]), error);
    if (!rec) return usage(error, err);
    run = runFromRecording(std::move(*rec));
    title = QFileInfo(QString::fromStdString(p.positional[0])).completeBaseName().toStdString();
  } else {
    auto scenario = scenarioFromArgs("render", p, err);
    if (!scenario) return 2;
    run = std::make_unique<Run>(scenario->config, scenario->actions, scenario->until_us);
    title = scenario->title;
  }
  int branch = 0;
  if (auto b = p.get("--branch")) {
    const std::vector<std::string> names = branchNames(*run);
    auto id = findBranch(names, *b);
    if (!id) return usage("--branch: no branch '" + *b + "' (branches: " + branchesList(names) + ")", err);
    branch = *id;
  }
  const Time end = run->endTime(branch);
  if (*at > end)
    return usage("--at " + *at_text + " is past the end of branch " + std::to_string(branch) + " \"" +
                     sanitizeText(run->branch(branch).name) + "\" (" + formatTime(end) + ")", err);

  auto app = guiApplication(error);
  if (!app && !qobject_cast<QGuiApplication*>(QCoreApplication::instance())) return usage(error, err);
  gui::FrameLabels labels;
  labels.title = QString::fromStdString(p.get("--title").value_or(title));
  if (run->branchCount() > 1 || p.has("--branch")) labels.branch = QString::fromStdString(run->branch(branch).name);
  std::optional<Time> space_time;
  if (auto s = p.get("--space-time")) {
    space_time = parseDuration(*s);
    if (!space_time || *space_time <= 0)
      return usage("malformed duration '" + sanitizeText(*s, 40) + "' for --space-time (the span before --at, e.g. 2s)", err);
  }
  QString why;
  const gui::Theme theme(scheme);  // passed in: nothing global changes
  bool written = false;
  if (space_time) {  // the space-time diagram of the span that ends at --at
    written = gui::exportSpaceTime(*run, branch, std::max<Time>(0, *at - *space_time), *at, labels.title, out_path, size,
                                   theme, why);
  } else {
    const gui::Frame frame = gui::frameAt(*run, branch, *at);
    written = gui::exportFrame(frame, labels, theme, out_path, size, why);
  }
  if (!written) return usage(why.toStdString(), err);
  out << "rendered branch " << branch << " \"" << sanitizeText(run->branch(branch).name) << "\" at " << formatTime(*at) << " ("
      << size.width() << "x" << size.height() << ") to " << *output << "\n";
  return 0;
}

}  // namespace radeau::cli

#include "app/gui/frame_export.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QPainter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

#include "app/gui/cluster_picture.h"
#include "app/gui/cluster_view.h"
#include "app/gui/language.h"
#include "app/gui/log_view.h"
#include "app/gui/theme.h"
#include "core/format.h"

namespace radeau::gui {

namespace {
// Canvas units (kExportCanvasLeast): sizes chosen to be read from the back of a room.
constexpr double kMargin = 28;
constexpr double kHeaderHeight = 70;
constexpr double kBannerHeight = 60;
constexpr double kGap = 12;

QString timeText(Time us) { return QString::number(double(us) / 1e6, 'f', 3) + QStringLiteral(" s"); }

void paintHeader(QPainter& p, const QRectF& box, const Frame& frame, const FrameLabels& labels) {
  QFont time_font = Theme::font(44, true);
  const QString time = QStringLiteral("t = ") + timeText(frame.time_us);
  const double time_w = QFontMetricsF(time_font).horizontalAdvance(time) + 8;
  p.setFont(time_font);
  p.setPen(Theme::ink());
  p.drawText(QRectF(box.right() - time_w, box.top(), time_w, box.height()), Qt::AlignRight | Qt::AlignVCenter, time);
  double right = box.right() - time_w - 24;
  if (!labels.branch.isEmpty()) {
    QFont branch_font = Theme::font(26, false);
    const QString branch = QStringLiteral("branch ") + labels.branch;
    const double w = std::min(QFontMetricsF(branch_font).horizontalAdvance(branch) + 8, box.width() / 3);
    p.setFont(branch_font);
    p.setPen(Theme::mutedInk());
    p.drawText(QRectF(right - w, box.top(), w, box.height()), Qt::AlignRight | Qt::AlignVCenter,
               QFontMetricsF(branch_font).elidedText(branch, Qt::ElideRight, w));
    right -= w + 24;
  }
  if (!labels.title.isEmpty()) {
    QFont title_font = Theme::font(34, true);
    const double w = std::max(0.0, right - box.left());
    p.setFont(title_font);
    p.setPen(Theme::ink());
    p.drawText(QRectF(box.left(), box.top(), w, box.height()), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(title_font).elidedText(labels.title, Qt::ElideRight, w));
  }
}

// The checker's latest finding, worded and coloured as the window's banner.
void paintFinding(QPainter& p, const QRectF& box, const Frame& frame, const Event& f) {
  EventFormatter fmt(frame.config->names, *frame.journal, language());  // the window's language
  QString text = QStringLiteral("⚠  ") + QString::fromStdString(fmt.finding(f));
  const size_t earlier = frame.state.findings.size() - 1;
  // The banner's own words (and translations).
  if (earlier > 0) text += QCoreApplication::translate("radeau::gui::MainWindow", "   (+%1 earlier)").arg(earlier);
  text += QCoreApplication::translate("radeau::gui::MainWindow", "   at %1").arg(timeText(f.time_us));
  const bool safety = isSafetyFinding(f.findingKind());
  p.setPen(Qt::NoPen);
  p.setBrush(safety ? Theme::danger() : Theme::warning());
  p.drawRoundedRect(box, 12, 12);
  QFont font = Theme::font(28, true);
  p.setFont(font);
  p.setPen(safety ? Theme::onDanger() : Theme::onWarning());
  const QRectF inner = box.adjusted(20, 0, -20, 0);
  p.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter,
             QFontMetricsF(font).elidedText(text, Qt::ElideRight, inner.width()));
}

// The positive end of a run with no safety finding, in the finding banner's place and shape.
void paintPassed(QPainter& p, const QRectF& box, const Frame& frame) {
  QString text = QCoreApplication::translate("radeau::gui::MainWindow", "✓  no violation");
  if (!frame.lesson.empty()) text += QStringLiteral(": ") + QString::fromStdString(frame.lesson);
  p.setPen(Qt::NoPen);
  p.setBrush(Theme::passed());
  p.drawRoundedRect(box, 12, 12);
  QFont font = Theme::font(28, true);
  p.setFont(font);
  p.setPen(Theme::onPassed());
  const QRectF inner = box.adjusted(20, 0, -20, 0);
  p.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter,
             QFontMetricsF(font).elidedText(text, Qt::ElideRight, inner.width()));
}
}  // namespace

QPointF FrameLayout::toImage(QPointF scene) const {
  const QPointF d = scene - scene_source.topLeft();
  return cluster.topLeft() +
         QPointF(d.x() * cluster.width() / scene_source.width(), d.y() * cluster.height() / scene_source.height());
}

namespace {
// The nodes with their badges, rings, names and vote counts (messages fly
// between them), but never so small a part that one node fills the slide.
QRectF sceneSource(int count) {
  QRectF box;
  for (int n = 0; n < count; ++n) {
    const QPointF c = nodeCentre(n, count);
    box |= QRectF(c.x() - 160, c.y() - kNodeRadius - 50, 320, 2 * kNodeRadius + 150);
  }
  const QSizeF least(kSceneWidth * 0.55, kSceneHeight * 0.55);
  box = box.marginsAdded(QMarginsF(std::max(0.0, least.width() - box.width()) / 2,
                                   std::max(0.0, least.height() - box.height()) / 2,
                                   std::max(0.0, least.width() - box.width()) / 2,
                                   std::max(0.0, least.height() - box.height()) / 2));
  return box.intersected(QRectF(0, 0, kSceneWidth, kSceneHeight));
}
}  // namespace

FrameLayout frameLayout(const QSize& size, const Frame& frame) {
  // Laid out on a canvas of about the same size whatever the size asked, then scaled.
  FrameLayout l;
  l.scale = std::min(double(std::max(1, size.height())) / kExportCanvasLeast.height(),
                     double(std::max(1, size.width())) / kExportCanvasLeast.width());
  const double width = size.width() / l.scale, height = size.height() / l.scale;
  auto px = [&l](const QRectF& r) { return QRectF(r.topLeft() * l.scale, r.size() * l.scale); };
  double y = kMargin / 2;
  l.header = px(QRectF(kMargin, y, width - 2 * kMargin, kHeaderHeight));
  y += kHeaderHeight + kGap / 2;
  if (frame.valid() && (frame.latestFinding() || frame.no_violation)) {
    l.banner = px(QRectF(kMargin, y, width - 2 * kMargin, kBannerHeight));
    y += kBannerHeight + kGap;
  }
  const int count = frame.valid() ? frame.state.node_count : 0;
  l.scene_source = count > 0 ? sceneSource(count) : QRectF(0, 0, kSceneWidth, kSceneHeight);
  const QSizeF src = l.scene_source.size();
  const double rows_h = logRowsHeight(count);
  const uint32_t longest = frame.valid() ? frame.longestIndex() : 0;

  // Two candidates; the one that draws the cluster larger wins.
  struct Candidate {
    QRectF logs, area;
    double logs_scale = 1;
    int columns = 1;
  };
  auto fitOf = [&src](const QRectF& area) { return std::min(area.width() / src.width(), area.height() / src.height()); };
  // Along the bottom, across the slide, up to a third of its height.
  Candidate bottom;
  bottom.logs_scale = std::clamp(height * 0.33 / rows_h, 0.8, 1.4);
  const double bottom_h = rows_h * bottom.logs_scale;
  bottom.logs = QRectF(0, height - bottom_h, width, bottom_h);
  bottom.area = QRectF(kMargin, y, width - 2 * kMargin, std::max(1.0, height - bottom_h - kGap - y));
  bottom.columns = logColumnsFor(int(width / bottom.logs_scale));
  Candidate chosen = bottom;
  // Beside the cluster, as tall as the slide allows, when every entry fits in a few columns.
  constexpr int kBesideColumns = 10;
  if (longest + 1 <= kBesideColumns && count > 0) {
    Candidate beside;
    beside.columns = std::max(4, int(longest) + 1);
    const double panel_w = logWidthFor(beside.columns);
    const double room_h = height - y - kMargin / 2;
    beside.logs_scale = std::clamp(std::min(room_h / rows_h, width * 0.42 / panel_w), 0.8, 1.4);
    const QSizeF logs(panel_w * beside.logs_scale, rows_h * beside.logs_scale);
    beside.logs = QRectF(width - kMargin - logs.width(), y + (room_h - logs.height()) / 2, logs.width(), logs.height());
    beside.area = QRectF(kMargin, y, std::max(1.0, beside.logs.left() - 2 * kGap - kMargin), room_h);
    if (fitOf(beside.area) > fitOf(bottom.area)) {
      chosen = beside;
      l.logs_beside = true;
    }
  }
  l.logs = px(chosen.logs);
  l.logs_scale = chosen.logs_scale;
  l.log_columns = chosen.columns;
  const double fit = fitOf(chosen.area);
  const QPointF c = chosen.area.center();
  l.cluster = px(QRectF(c.x() - src.width() * fit / 2, c.y() - src.height() * fit / 2, src.width() * fit,
                        src.height() * fit));
  return l;
}

std::vector<GhostBox> frameGhostBoxes(const QSize& size, const Frame& frame) {
  std::vector<GhostBox> out;
  if (!frame.valid() || size.isEmpty()) return out;
  const FrameLayout l = frameLayout(size, frame);
  const LogRows rows = logRowsFollowing(frame, l.log_columns);
  const double s = l.logs_scale * l.scale;  // log panel units to image pixels
  for (size_t row = 0; row < rows.cells.size(); ++row) {
    for (size_t k = 0; k < rows.cells[row].size(); ++k) {
      const LogCell& c = rows.cells[row][k];
      if (!c.ghost) continue;
      const QRectF g = logGhostRect(c, QRectF(logCellBox(int(row), int(k))));
      out.push_back({QRectF(l.logs.topLeft() + g.topLeft() * s, g.size() * s), NodeId(row), rows.first + uint32_t(k),
                     c.ghost_acked});
    }
  }
  return out;
}

void paintFrame(QPainter& p, const QSize& size, const Frame& frame, const FrameLabels& labels) {
  if (size.isEmpty()) return;
  const FrameLayout l = frameLayout(size, frame);
  auto canvas = [&l](const QRectF& r) { return QRectF(r.topLeft() / l.scale, r.size() / l.scale); };
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  p.setRenderHint(QPainter::TextAntialiasing);
  p.scale(l.scale, l.scale);
  const double width = size.width() / l.scale;
  p.fillRect(QRectF(0, 0, width, size.height() / l.scale), Theme::background());
  if (!frame.valid()) {
    p.restore();
    return;
  }
  paintHeader(p, canvas(l.header), frame, labels);
  if (const Event* f = frame.latestFinding()) paintFinding(p, canvas(l.banner), frame, *f);
  else if (frame.no_violation) paintPassed(p, canvas(l.banner), frame);

  // The logs at the panel's own layout, scaled.
  const QRectF logs = canvas(l.logs);
  p.save();
  p.translate(logs.topLeft());
  p.scale(l.logs_scale, l.logs_scale);
  const QSize logs_size(int(std::lround(logs.width() / l.logs_scale)), logRowsHeight(frame.state.node_count));
  paintLogRows(p, logs_size, logRowsFollowing(frame, l.log_columns),
               [](QPainter& q, const LogCell& c, const QRect& box) { paintLogCell(q, c, QRectF(box)); });
  p.setPen(QPen(Theme::faint(), 2));
  p.setBrush(Qt::NoBrush);
  if (l.logs_beside) p.drawRoundedRect(QRectF(QPointF(0, 0), QSizeF(logs_size)).adjusted(1, 1, -1, -1), 6, 6);
  else p.drawLine(QPointF(0, 0), QPointF(logs_size.width(), 0));
  p.restore();

  // The cluster, its scene fitted and centred in what is left.
  const QRectF cluster = canvas(l.cluster);
  p.save();
  p.translate(cluster.topLeft());
  p.scale(cluster.width() / l.scene_source.width(), cluster.height() / l.scene_source.height());
  p.translate(-l.scene_source.topLeft());
  paintClusterPicture(p, drawCluster(frame));
  p.restore();
  p.restore();
}

QImage frameImage(const Frame& frame, const FrameLabels& labels, const QSize& size) {
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Theme::background());
  QPainter p(&image);
  paintFrame(p, size, frame, labels);
  p.end();
  return image;
}

QByteArray framePng(const Frame& frame, const FrameLabels& labels, const QSize& size) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  frameImage(frame, labels, size).save(&buffer, "PNG");
  return bytes;
}

QByteArray frameSvg(const Frame& frame, const FrameLabels& labels, const QSize& size) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator svg;
  svg.setOutputDevice(&buffer);
  svg.setSize(size);
  svg.setViewBox(QRect(QPoint(0, 0), size));
  svg.setTitle(labels.title.isEmpty() ? QStringLiteral("Radeau") : labels.title);
  svg.setDescription(QStringLiteral("Radeau, t = ") + timeText(frame.time_us));
  QPainter p(&svg);
  paintFrame(p, size, frame, labels);
  p.end();
  // QSvgGenerator states the size in millimetres at its resolution; a slide
  // wants the pixels asked for (unitless SVG lengths are pixels).
  const qsizetype end = bytes.indexOf("viewBox");
  if (end > 0) {
    QString head = QString::fromUtf8(bytes.left(end));
    head.replace(QRegularExpression(QStringLiteral("width=\"[0-9.]+mm\" height=\"[0-9.]+mm\"")),
                 QStringLiteral("width=\"%1\" height=\"%2\"").arg(size.width()).arg(size.height()));
    bytes.replace(0, end, head.toUtf8());
  }
  return bytes;
}

std::optional<ExportFormat> exportFormatOf(const QString& path) {
  const QString ext = QFileInfo(path).suffix().toLower();
  if (ext == QLatin1String("png")) return ExportFormat::Png;
  if (ext == QLatin1String("svg")) return ExportFormat::Svg;
  return std::nullopt;
}

bool exportFrame(const Frame& frame, const FrameLabels& labels, const QString& path, const QSize& size,
                 QString& error) {
  auto format = exportFormatOf(path);
  if (!format) {
    const QString ext = QFileInfo(path).suffix();
    error = QStringLiteral("%1: unknown extension %2 (use .png or .svg)")
                .arg(path, ext.isEmpty() ? QStringLiteral("(none)") : QLatin1Char('.') + ext);
    return false;
  }
  if (size.width() < 1 || size.height() < 1) {
    error = QStringLiteral("%1: empty size %2x%3").arg(path).arg(size.width()).arg(size.height());
    return false;
  }
  const QByteArray bytes = *format == ExportFormat::Png ? framePng(frame, labels, size) : frameSvg(frame, labels, size);
  if (bytes.isEmpty()) {
    error = QStringLiteral("%1: the image could not be encoded").arg(path);
    return false;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  file.write(bytes);
  if (!file.commit()) {
    error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

QString askExportPath(QWidget* parent, ExportFormat format, const QString& title) {
  const bool png = format == ExportFormat::Png;
  QString base = title.isEmpty() ? QStringLiteral("radeau-frame") : title;
  base.replace(QRegularExpression(QStringLiteral("[^\\w.-]+")), QStringLiteral("-"));
  const QString suggested = base + (png ? QStringLiteral(".png") : QStringLiteral(".svg"));
  QString path = QFileDialog::getSaveFileName(parent, png ? QObject::tr("Export frame as PNG") : QObject::tr("Export frame as SVG"),
                                              suggested, png ? QObject::tr("PNG images (*.png)") : QObject::tr("SVG drawings (*.svg)"));
  if (!path.isEmpty() && !exportFormatOf(path)) path += png ? QStringLiteral(".png") : QStringLiteral(".svg");
  return path;
}

}  // namespace radeau::gui

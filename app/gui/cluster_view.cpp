#include "app/gui/cluster_view.h"

#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QHash>
#include <QPixmap>
#include <QGraphicsItem>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>
#include <utility>

#include "app/render/cluster_paint.h"
#include "app/render/theme.h"

namespace radeau::gui {

namespace {
enum ItemKind { kNodeKind = 1, kLinkKind = 2, kMessageKind = 3 };
constexpr int kKindKey = 0, kIdKey = 1, kPeerKey = 2;
}  // namespace

// The view's items: where they are and what a click hits; the painting is
// app/render/cluster_paint's, with pixmap caching (the window repaints often).
class NodeItem : public QGraphicsItem {
 public:
  NodeItem() {
    setZValue(2);
    setFlag(ItemUsesExtendedStyleOption);  // paint() learns the exposed part: a tick strokes a few degrees of the ring
    setData(kKindKey, kNodeKind);
  }
  void set(const NodeGlyph& g, bool selected) {
    // Between two events only the timer ring moves: repaint the ring alone, and
    // only when its arc changed by a step drawArc can show (issue 19: a calm window).
    const bool same = shown_ && selected == selected_ && g.id == g_.id && g.centre == g_.centre && g.name == g_.name &&
                      g.role == g_.role && g.alive == g_.alive && g.term == g_.term && g.votes == g_.votes &&
                      g.majority == g_.majority && g.in_finding == g_.in_finding && g.show_terms == g_.show_terms &&
                      g.pre_candidate == g_.pre_candidate && g.name_room == g_.name_room;
    const std::pair<int, int> arc_was = arcOf(g_), arc = arcOf(g);
    if (g.name_room != g_.name_room) prepareGeometryChange();  // the name's line is part of the bounds
    g_ = g;
    selected_ = selected;
    if (same) {
      // Only the stretch of ring between the old and the new end moved.
      if (arc != arc_was) update(arc.first == arc_was.first ? ringSegment(arc_was.second, arc.second) : ringRect());
      return;
    }
    shown_ = true;
    setData(kIdKey, int(g.id));
    setPos(g.centre);
    update();
  }
  // Names grow when the view is small (1280x720): see ClusterView::resizeEvent.
  void setLabelBoost(double boost) {
    if (boost == boost_) return;
    prepareGeometryChange();
    boost_ = boost;
    update();
  }
  // What paintNode's timer ring shows: which timer, and its arc in drawArc's 1/16 degrees.
  static std::pair<int, int> arcOf(const NodeGlyph& g) {
    if (g.alive && g.election_left >= 0) return {1, int(std::lround(g.election_left * 360 * 16))};
    if (g.alive && g.heartbeat_left >= 0) return {2, int(std::lround(g.heartbeat_left * 360 * 16))};
    return {0, 0};
  }
  // The ring with its 9-unit pen (paintNode), and a margin for antialiasing.
  static QRectF ringRect() {
    const double r = kNodeRadius + 13 + 4.5 + 2;
    return {-r, -r, 2 * r, 2 * r};
  }
  // The box around the ring between two ends (drawArc's 1/16 degrees of arc
  // drawn clockwise from the top): what a tick repaints of a running timer,
  // a few pixels rather than the whole node.
  static QRectF ringSegment(int arc_a, int arc_b) {
    const double r = kNodeRadius + 13, inner = r - 4.5, outer = r + 4.5;
    // Qt's angles: counterclockwise from 3 o'clock, y down on screen.
    const double a = 90.0 - arc_a / 16.0, b = 90.0 - arc_b / 16.0;
    const double lo = std::min(a, b), hi = std::max(a, b);
    double x0 = outer, x1 = -outer, y0 = outer, y1 = -outer;
    auto add = [&](double deg) {
      const double rad = deg * std::numbers::pi / 180;
      for (double radius : {inner, outer}) {
        const double x = radius * std::cos(rad), y = -radius * std::sin(rad);
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
      }
    };
    add(lo);
    add(hi);
    for (double q = std::ceil(lo / 90) * 90; q < hi; q += 90) add(q);  // the ring's extremes in between
    return QRectF(x0 - 3, y0 - 3, x1 - x0 + 6, y1 - y0 + 6);
  }
  QRectF boundingRect() const override { return nodeBounds(g_, boost_); }
  QPainterPath shape() const override { return nodeShape(boost_); }
  void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) override {
    paintNode(*p, g_, boost_, selected_, PaintMode::Pixmaps, Theme::current(), &option->exposedRect);
  }

 private:
  NodeGlyph g_;
  bool selected_ = false;
  bool shown_ = false;  // set() ran once: g_ is what was painted
  double boost_ = 1;
};

class LinkItem : public QGraphicsItem {
 public:
  LinkItem() {
    setZValue(1);
    setData(kKindKey, kLinkKind);
  }
  void set(const LinkGlyph& g) {
    bool moved = g.p1 != g_.p1 || g.p2 != g_.p2;
    if (!moved && g.up == g_.up && g.partitioned == g_.partitioned && g.a == g_.a && g.b == g_.b) return;
    if (moved) prepareGeometryChange();
    g_ = g;
    setData(kIdKey, int(g.a));
    setData(kPeerKey, int(g.b));
    update();
  }
  QRectF boundingRect() const override { return linkBounds(g_); }
  QPainterPath shape() const override { return linkShape(g_); }
  void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override { paintLink(*p, g_, Theme::current()); }

 private:
  LinkGlyph g_;
};

class MessageItem : public QGraphicsItem {
 public:
  MessageItem() {
    setZValue(3);
    setData(kKindKey, kMessageKind);
  }
  void set(const MessageGlyph& g) {
    prepareGeometryChange();
    g_ = g;
    setData(kIdKey, qulonglong(g.sent));
    setOpacity(g.opacity);
    update();
  }
  const MessageGlyph& glyph() const { return g_; }
  QRectF boundingRect() const override { return messageBounds(g_); }
  void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
    paintMessage(*p, g_, PaintMode::Pixmaps, Theme::current());
  }

 private:
  MessageGlyph g_;
};

ClusterView::ClusterView(QWidget* parent) : QGraphicsView(parent) {
  scene_.setItemIndexMethod(QGraphicsScene::NoIndex);
  scene_.setSceneRect(0, 0, kSceneWidth, kSceneHeight);
  setScene(&scene_);
  setRenderHint(QPainter::Antialiasing);
  setRenderHint(QPainter::TextAntialiasing);
  setBackgroundBrush(Theme::current().background());
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setFrameShape(QFrame::NoFrame);
  setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
  // The view's background brush fills every exposed pixel: the viewport's own
  // fill under it, at every tick, was wasted (issue 19: a calm window).
  viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(400, 220);  // with the other panels, the window fits 1280x720
}

ClusterView::~ClusterView() = default;  // the scene deletes its items

void ClusterView::rebuild(int count) {
  scene_.clear();
  nodes_.clear();
  links_.clear();
  messages_.clear();
  message_count_ = 0;
  node_count_ = count;
  for (int i = 0; i < count; ++i) {
    nodes_.push_back(new NodeItem);
    scene_.addItem(nodes_.back());
  }
  for (int a = 0; a < count; ++a)
    for (int b = a + 1; b < count; ++b) {
      links_.push_back(new LinkItem);
      scene_.addItem(links_.back());
    }
}

void ClusterView::showFrame(const Frame& frame) {
  picture_ = drawCluster(frame, label_boost_);
  int count = int(picture_.nodes.size());
  if (count != node_count_) rebuild(count);
  if (selected_ >= count) selected_ = -1;
  selection_ &= count >= 32 ? ~0u : (1u << count) - 1;
  for (int i = 0; i < count; ++i) {
    nodes_[size_t(i)]->setLabelBoost(label_boost_);
    nodes_[size_t(i)]->set(picture_.nodes[size_t(i)], selection_ & (1u << i));
  }
  for (size_t i = 0; i < picture_.links.size() && i < links_.size(); ++i) links_[i]->set(picture_.links[i]);
  size_t need = picture_.messages.size();
  while (messages_.size() < need) {
    messages_.push_back(new MessageItem);
    scene_.addItem(messages_.back());
  }
  for (size_t i = 0; i < messages_.size(); ++i) {
    if (i < need) {
      messages_[i]->set(picture_.messages[i]);
      messages_[i]->setVisible(true);
    } else if (messages_[i]->isVisible()) {
      messages_[i]->setVisible(false);
    }
  }
  message_count_ = int(need);
}

void ClusterView::setSelectedNode(int n) {
  selected_ = n;
  selection_ = n >= 0 && n < 32 ? 1u << n : 0;
  showSelection();
}

std::vector<int> ClusterView::selectedNodes() const {
  std::vector<int> out;
  for (int i = 0; i < 32; ++i)
    if (selection_ & (1u << i)) out.push_back(i);
  return out;
}

void ClusterView::setSelectedNodes(const std::vector<int>& nodes) {
  selection_ = 0;
  selected_ = -1;
  for (int n : nodes)
    if (n >= 0 && n < int(picture_.nodes.size()) && n < 32) {
      selection_ |= 1u << n;
      selected_ = n;
    }
  showSelection();
}

void ClusterView::showSelection() {
  for (int i = 0; i < int(nodes_.size()) && i < int(picture_.nodes.size()); ++i)
    nodes_[size_t(i)]->set(picture_.nodes[size_t(i)], selection_ & (1u << i));
}

QGraphicsItem* ClusterView::nodeItem(int n) const {
  return n >= 0 && n < int(nodes_.size()) ? nodes_[size_t(n)] : nullptr;
}

QGraphicsItem* ClusterView::linkItem(int a, int b) const {
  if (a > b) std::swap(a, b);
  for (LinkItem* l : links_)
    if (l->data(kIdKey).toInt() == a && l->data(kPeerKey).toInt() == b) return l;
  return nullptr;
}

QGraphicsItem* ClusterView::messageItem(Seq sent) const {
  for (int i = 0; i < message_count_; ++i)
    if (messages_[size_t(i)]->glyph().sent == sent) return messages_[size_t(i)];
  return nullptr;
}

int ClusterView::visibleMessageCount() const { return message_count_; }

void ClusterView::resizeEvent(QResizeEvent* e) {
  QGraphicsView::resizeEvent(e);
  fitInView(scene_.sceneRect(), Qt::KeepAspectRatio);
  // Below about half size (a 1280x720 window) the names would be too small to
  // read from the back of the room: they grow, up to 1.8 times, as the picture shrinks.
  const double boost = std::clamp(0.5 / std::max(0.05, transform().m11()), 1.0, 1.8);
  if (std::abs(boost - label_boost_) > 0.01) {
    label_boost_ = boost;
    for (NodeItem* n : nodes_) n->setLabelBoost(boost);
  }
}

void ClusterView::mousePressEvent(QMouseEvent* e) {
  if (e->button() != Qt::LeftButton) {
    QGraphicsView::mousePressEvent(e);
    return;
  }
  const bool shift = e->modifiers() & Qt::ShiftModifier;
  const auto hits = items(e->position().toPoint());
  for (QGraphicsItem* it : hits) {
    switch (it->data(kKindKey).toInt()) {
      case kMessageKind: emit messageClicked(quint32(it->data(kIdKey).toULongLong())); return;
      case kNodeKind: {
        const int n = it->data(kIdKey).toInt();
        if (!shift) {
          emit nodeClicked(n);
          return;
        }
        // Shift+click: one more node in the selection, or one less.
        if (n < 32) selection_ ^= 1u << n;
        selected_ = (selection_ & (1u << n)) ? n : (selection_ ? std::countr_zero(selection_) : -1);
        showSelection();
        emit selectionChanged();
        return;
      }
      case kLinkKind: emit linkClicked(it->data(kIdKey).toInt(), it->data(kPeerKey).toInt()); return;
      default: break;
    }
  }
  // An empty spot: a rubber band selects the nodes it encloses.
  band_origin_ = e->position().toPoint();
  band_adds_ = shift;
  if (!band_) band_ = new QRubberBand(QRubberBand::Rectangle, viewport());
  band_->setGeometry(QRect(band_origin_, QSize()));
  band_->show();
  banding_ = true;
  QGraphicsView::mousePressEvent(e);
}

void ClusterView::mouseMoveEvent(QMouseEvent* e) {
  if (banding_) band_->setGeometry(QRect(band_origin_, e->position().toPoint()).normalized());
  QGraphicsView::mouseMoveEvent(e);
}

void ClusterView::mouseReleaseEvent(QMouseEvent* e) {
  if (e->button() == Qt::LeftButton && banding_) {
    banding_ = false;
    band_->hide();
    const QRect r = QRect(band_origin_, e->position().toPoint()).normalized();
    if (r.width() > 6 || r.height() > 6) {  // a click on the background is no band
      const QRectF scene = mapToScene(r).boundingRect();
      uint32_t inside = 0;
      for (const NodeGlyph& g : picture_.nodes)
        if (scene.contains(g.centre) && g.id < 32) inside |= 1u << g.id;
      selection_ = band_adds_ ? selection_ | inside : inside;
      selected_ = selection_ ? std::countr_zero(selection_) : -1;
      showSelection();
      emit selectionChanged();
    }
  }
  QGraphicsView::mouseReleaseEvent(e);
}

void ClusterView::contextMenuEvent(QContextMenuEvent* e) {
  const auto hits = items(e->pos());
  for (QGraphicsItem* it : hits) {
    if (it->data(kKindKey).toInt() == kNodeKind) {
      emit nodeMenuRequested(it->data(kIdKey).toInt(), e->globalPos());
      return;
    }
  }
  emit backgroundMenuRequested(e->globalPos());
}

}  // namespace radeau::gui

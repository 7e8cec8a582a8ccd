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

#include "app/gui/theme.h"

namespace radeau::gui {

namespace {
enum ItemKind { kNodeKind = 1, kLinkKind = 2, kMessageKind = 3 };
constexpr int kKindKey = 0, kIdKey = 1, kPeerKey = 2;
// Set while paintClusterPicture runs: an exported slide gets vectors and
// real text (SVG), not blitted pixmaps.
bool g_draw_direct = false;

// A picture drawn once at the painter's device scale and then blitted 1:1:
// labels and the static parts of nodes do not change between most frames.
// `draw` paints in item coordinates inside `box`.
template <typename Draw>
void drawCached(QPainter* p, const QString& key, const QRectF& box, Draw draw) {
  static QHash<QString, QPixmap> cache;
  const QTransform& t = p->worldTransform();
  const qreal scale = std::max(0.05, std::sqrt(std::abs(t.determinant()))) * p->device()->devicePixelRatioF();
  if (t.isRotating() || g_draw_direct) {  // no cache for rotated views and exports: draw directly
    draw(p);
    return;
  }
  // The scheme is part of the key: switching it redraws every picture.
  const QString full = key + QStringLiteral("@%1%2").arg(scale, 0, 'f', 3).arg(Theme::dark() ? 'd' : 'l');
  auto it = cache.find(full);
  if (it == cache.end()) {
    if (cache.size() > 3000) cache.clear();
    QPixmap pm((box.size() * scale).toSize() + QSize(2, 2));
    pm.fill(Qt::transparent);
    QPainter q(&pm);
    q.setRenderHint(QPainter::Antialiasing);
    q.setRenderHint(QPainter::TextAntialiasing);
    q.scale(scale, scale);
    q.translate(-box.topLeft());
    draw(&q);
    q.end();
    pm.setDevicePixelRatio(p->device()->devicePixelRatioF());
    it = cache.insert(full, pm);
  }
  // Blit at whole device pixels.
  QPointF device = t.map(box.topLeft());
  p->save();
  p->resetTransform();
  p->drawPixmap(QPointF(std::round(device.x()), std::round(device.y())), *it);
  p->restore();
}
}  // namespace

class NodeItem : public QGraphicsItem {
 public:
  NodeItem() {
    setZValue(2);
    setData(kKindKey, kNodeKind);
  }
  void set(const NodeGlyph& g, bool selected) {
    g_ = g;
    selected_ = selected;
    setData(kIdKey, int(g.id));
    setPos(g.centre);
    update();
  }
  // Names and vote counts grow when the view is small (1280x720): see ClusterView::resizeEvent.
  void setLabelBoost(double boost) {
    if (boost == boost_) return;
    prepareGeometryChange();
    boost_ = boost;
    update();
  }
  double nameWidth() const { return 300 * std::min(boost_, 1.4); }
  QRectF boundingRect() const override {
    const double R = kNodeRadius;
    const double bh = 28 * roleBadgeScale(boost_);
    return QRectF(-nameWidth() / 2, -R - 12 - bh, nameWidth(), 2 * R + 36 + bh + 76 * boost_);
  }
  void paintStatic(QPainter* p) const {
    const double R = kNodeRadius;
    QColor fill = g_.alive ? Theme::role(g_.role) : Theme::crashed();
    p->setPen(QPen(Theme::ink(), g_.role == Role::Leader && g_.alive ? 6 : 3));
    p->setBrush(fill);
    p->drawEllipse(QPointF(0, 0), R, R);

    QColor ink = g_.alive ? Theme::roleInk(g_.role) : Theme::ink();
    p->setPen(ink);
    if (g_.show_terms) {
      p->setFont(Theme::font(16, true));
      p->drawText(QRectF(-R, -R + 12, 2 * R, 22), Qt::AlignCenter, QCoreApplication::translate("radeau::gui::ClusterView", "term"));
      p->setFont(Theme::font(kTermNumberPx, true));  // "12" still fits the disc
      p->drawText(QRectF(-R, -R + 28, 2 * R, 70), Qt::AlignCenter, QString::number(g_.term));
    } else if (g_.alive) {  // a crashed node has no role: its cross alone
      p->setFont(Theme::font(50, true));
      // The role's initial in the window's language: L, C, F / L, C, S.
      QString letter = g_.role == Role::Leader      ? QCoreApplication::translate("radeau::gui::ClusterView", "L", "leader's initial")
                       : g_.role == Role::Candidate ? QCoreApplication::translate("radeau::gui::ClusterView", "C", "candidate's initial")
                                                    : QCoreApplication::translate("radeau::gui::ClusterView", "F", "follower's initial");
      p->drawText(QRectF(-R, -R, 2 * R, 2 * R), Qt::AlignCenter, letter);
    }
    if (!g_.alive) {
      p->setPen(QPen(Theme::ink(), 8, Qt::SolidLine, Qt::RoundCap));
      const double k = R * 0.62;
      p->drawLine(QPointF(-k, -k), QPointF(k, k));
      p->drawLine(QPointF(-k, k), QPointF(k, -k));
    }

    // Role badge on the top of the circle.
    QString badge = roleBadge(g_);
    QFont bf = roleBadgeFont(boost_);  // grows with the names on stage
    QFontMetricsF bm(bf);
    double bw = bm.horizontalAdvance(badge) + 20;
    const double bh = 28 * roleBadgeScale(boost_);
    QRectF br(-bw / 2, -R - 2 - bh, bw, bh);
    p->setPen(QPen(g_.alive ? Theme::ink() : Theme::mutedInk(), 2));
    p->setBrush(g_.alive ? (g_.role == Role::Follower ? Theme::panel() : Theme::role(g_.role))
                         : Theme::crashed());
    p->drawRoundedRect(br, 14, 14);
    p->setFont(bf);
    p->setPen(g_.alive ? Theme::roleInk(g_.role) : Theme::ink());
    if (g_.alive && g_.role == Role::Follower) p->setPen(Theme::ink());
    p->drawText(br, Qt::AlignCenter, badge);

    // The name, large, under the node.
    const double k = boost_, w = nameWidth();
    QFont nf = nameFont(k);  // as nodeArea measures it
    p->setFont(nf);
    p->setPen(g_.alive ? Theme::ink() : Theme::mutedInk());
    QString name = QFontMetricsF(nf).elidedText(g_.name, Qt::ElideRight, w - 10);
    p->drawText(QRectF(-w / 2, R + 14, w, 46 * k), Qt::AlignCenter, name);
  }
  QPainterPath shape() const override {
    QPainterPath p;
    p.addEllipse(QPointF(0, 0), kNodeRadius + 20, kNodeRadius + 20);
    p.addRect(-120, kNodeRadius + 14, 240, 46 * boost_);  // the name
    return p;
  }
  void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
    const double R = kNodeRadius;
    p->setRenderHint(QPainter::Antialiasing);
    if (g_.in_finding) {
      QColor ring = Theme::danger();
      ring.setAlpha(200);
      p->setPen(QPen(ring, 10));
      p->setBrush(Qt::NoBrush);
      p->drawEllipse(QPointF(0, 0), R + 27, R + 27);
    }
    if (selected_) {
      QPen pen(Theme::ink(), 3, Qt::DashLine);
      p->setPen(pen);
      p->setBrush(Qt::NoBrush);
      p->drawEllipse(QPointF(0, 0), R + 36, R + 36);
    }
    // Timers: a ring that empties clockwise from the top.
    auto arc = [&](double left, const QColor& colour) {
      const double r = R + 13;
      QRectF box(-r, -r, 2 * r, 2 * r);
      p->setPen(QPen(Theme::faint(), 9, Qt::SolidLine, Qt::FlatCap));
      p->setBrush(Qt::NoBrush);
      p->drawEllipse(box);
      p->setPen(QPen(colour, 9, Qt::SolidLine, Qt::FlatCap));
      p->drawArc(box, 90 * 16, -int(std::lround(left * 360 * 16)));
    };
    if (g_.alive && g_.election_left >= 0) arc(g_.election_left, Theme::electionTimer());
    else if (g_.alive && g_.heartbeat_left >= 0) arc(g_.heartbeat_left, Theme::heartbeatTimer());

    const QString key = QStringLiteral("node|%1|%2|%3|%4|%5|%6|%7").arg(g_.name).arg(int(g_.role)).arg(int(g_.alive))
                            .arg(g_.term).arg(int(g_.show_terms)).arg(g_.votes).arg(g_.majority) +
                            QStringLiteral("|%1").arg(boost_, 0, 'f', 2);
    const double bh = 28 * roleBadgeScale(boost_);
    drawCached(p, key, QRectF(-nameWidth() / 2, -R - 6 - bh, nameWidth(), 2 * R + 26 + bh + 76 * boost_),
               [this](QPainter* p) { paintStatic(p); });
  }

 private:
  NodeGlyph g_;
  bool selected_ = false;
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
  QRectF boundingRect() const override {
    return QRectF(g_.p1, g_.p2).normalized().adjusted(-24, -24, 24, 24);
  }
  QPainterPath shape() const override {
    QPainterPath path(g_.p1);
    path.lineTo(g_.p2);
    QPainterPathStroker s;
    s.setWidth(24);
    return s.createStroke(path);
  }
  void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
    p->setRenderHint(QPainter::Antialiasing);
    if (g_.up) {
      p->setPen(QPen(Theme::link(), 3));
      p->drawLine(g_.p1, g_.p2);
      return;
    }
    // Cut links have their own style (slate, dashed, scissors): the finding
    // colours stay for findings.
    p->setPen(QPen(Theme::cut(), g_.partitioned ? 3 : 5, Qt::DashLine, Qt::FlatCap));
    p->drawLine(g_.p1, g_.p2);
    if (g_.partitioned) return;  // the partition is drawn by the dashes alone: fewer marks
    QPointF m = (g_.p1 + g_.p2) / 2;
    p->setPen(QPen(Theme::cut(), 4));
    p->setBrush(Theme::panel());
    p->drawEllipse(m, 20, 20);
    p->setPen(Theme::cut());
    p->setFont(Theme::font(26, true));
    p->drawText(QRectF(m.x() - 20, m.y() - 20, 40, 40), Qt::AlignCenter, QStringLiteral("✂"));
  }

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
  // Placed off the nodes by placeMessageLabels (cluster_picture.cpp).
  QRectF labelRect() const { return g_.label_rect; }
  QRectF boundingRect() const override {
    QRectF r = QRectF(g_.tail, g_.head).normalized().adjusted(-16, -16, 16, 16).united(labelRect().adjusted(-2, -2, 2, 2));
    if (!g_.chip_terms.empty()) r |= chipTrain().adjusted(-kChipSide, -kChipSide, kChipSide, kChipSide);
    return r;
  }
  // The box the chips span: they trail the arrow's head along its path.
  QRectF chipTrain() const {
    const QPointF u = unit();
    const double n = double(g_.chip_terms.size()) + (g_.entries > g_.chip_terms.size() ? 1.5 : 0);
    return QRectF(g_.head, g_.head - u * (24 + n * (kChipSide + kChipGap))).normalized();
  }
  QPointF unit() const {
    const QPointF d = g_.head - g_.tail;
    const double len = std::hypot(d.x(), d.y());
    return len > 0 ? d / len : QPointF(1, 0);
  }
  // One chip per carried entry, in its term's colour: 10a's whole log and
  // 10b's single entry differ from the back row, not in a 24 px word.
  void paintChips(QPainter* p) const {
    const QPointF u = unit();
    const double step = kChipSide + kChipGap;
    // Chips trail the head along the path flown so far, never over the sender
    // (its disc, term and name): the ones that do not fit yet join the "+N".
    // The path's first stretch passes the sender's name: chips keep off it.
    const double flown = std::hypot(g_.head.x() - g_.start.x(), g_.head.y() - g_.start.y()) - 1.6 * kNodeRadius;
    const size_t fit = flown < 24 + kChipSide ? 0 : size_t((flown - 24 - kChipSide) / step) + 1;
    size_t drawn = std::min(fit, g_.chip_terms.size());
    if (g_.entries > drawn && drawn > 0) --drawn;  // room for the "+N" within the same stretch
    if (g_.progress < 0.4) return;  // just left: the train would sit on the sender's name; the label says "log N"
    for (size_t i = 0; i < drawn; ++i) {
      const QPointF c = g_.head - u * (24 + kChipSide / 2 + double(i) * step);
      p->setPen(QPen(g_.colour, 3));
      p->setBrush(Theme::term(g_.chip_terms[i]));
      p->drawRoundedRect(QRectF(c.x() - kChipSide / 2, c.y() - kChipSide / 2, kChipSide, kChipSide), 4, 4);
    }
    if (g_.entries > drawn && fit > 0) {  // "+N" after the last chip, once there is room
      const QPointF c = g_.head - u * (24 + kChipSide / 2 + double(drawn) * step + step * 0.6);
      const QString more = QStringLiteral("+%1").arg(g_.entries - uint32_t(drawn));
      const QFont f = Theme::font(std::max(16, g_.label_px - 4), true);
      const double w = QFontMetricsF(f).horizontalAdvance(more) + 10, h = f.pixelSize() * 1.3;
      const QRectF box(c.x() - w / 2, c.y() - h / 2, w, h);
      p->setPen(QPen(g_.colour, 2));
      p->setBrush(Theme::labelFill());
      p->drawRoundedRect(box, 6, 6);
      p->setFont(f);
      p->setPen(Theme::ink());
      p->drawText(box, Qt::AlignCenter, more);
    }
  }
  void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
    p->setRenderHint(QPainter::Antialiasing);
    QPointF d = g_.head - g_.tail;
    double len = std::hypot(d.x(), d.y());
    QPointF u = len > 0 ? d / len : QPointF(1, 0);
    QPointF n(-u.y(), u.x());
    QPointF base = g_.head - u * 18;
    if (!g_.chip_terms.empty()) paintChips(p);
    p->setPen(QPen(g_.colour, 6, Qt::SolidLine, Qt::RoundCap));
    p->drawLine(g_.tail, base);
    QPointF tri[3] = {g_.head, base + n * 10, base - n * 10};
    p->setPen(Qt::NoPen);
    p->setBrush(g_.colour);
    p->drawPolygon(tri, 3);
    QRectF lr = labelRect();
    // A label slid away from its arrow (off a node) keeps a thin line to it.
    const QPointF mid = (g_.head + g_.tail) / 2;
    const QPointF near(std::clamp(mid.x(), lr.left(), lr.right()), std::clamp(mid.y(), lr.top(), lr.bottom()));
    if (std::hypot(near.x() - mid.x(), near.y() - mid.y()) > 24) {
      p->setPen(QPen(g_.colour, 2, Qt::DotLine, Qt::RoundCap));
      p->drawLine(mid, near);
    }
    const MessageGlyph& g = g_;
    drawCached(p, QStringLiteral("msg|%1|%2|%3").arg(g.colour.rgb()).arg(g.label_px).arg(g.label), lr.adjusted(-2, -2, 2, 2),
               [&g, lr](QPainter* q) {
                 q->setPen(QPen(g.colour, 2));
                 q->setBrush(Theme::labelFill());
                 q->drawRoundedRect(lr, 8, 8);
                 q->setPen(Theme::ink());
                 q->setFont(Theme::font(g.label_px, true));
                 q->drawText(lr, Qt::AlignCenter, g.label);
               });
    if (g_.dead) {  // lost on the network: the network's colour, not a finding's
      p->setPen(QPen(Theme::cut(), 6, Qt::SolidLine, Qt::RoundCap));
      const QPointF c = g_.head;
      p->drawLine(c + QPointF(-12, -12), c + QPointF(12, 12));
      p->drawLine(c + QPointF(-12, 12), c + QPointF(12, -12));
    }
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
  setBackgroundBrush(Theme::background());
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setFrameShape(QFrame::NoFrame);
  setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
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

void paintClusterPicture(QPainter& p, const ClusterPicture& picture, double name_boost) {
  g_draw_direct = true;
  // The view's own items, outside any scene, in its stacking order.
  auto paint = [&p](QGraphicsItem& item) {
    p.save();
    p.translate(item.pos());
    p.setOpacity(p.opacity() * item.opacity());
    item.paint(&p, nullptr, nullptr);
    p.restore();
  };
  for (const LinkGlyph& g : picture.links) {
    LinkItem item;
    item.set(g);
    paint(item);
  }
  for (const NodeGlyph& g : picture.nodes) {
    NodeItem item;
    item.set(g, false);
    item.setLabelBoost(name_boost);
    paint(item);
  }
  for (const MessageGlyph& g : picture.messages) {
    MessageItem item;
    item.set(g);
    paint(item);
  }
  g_draw_direct = false;
}

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

// The cluster as the audience sees it: a QGraphicsView whose items are filled
// from a ClusterPicture at each playhead move. Items have no clocks of their
// own; the whole scene is a function of the frame.
#pragma once

#include <QGraphicsView>
#include <QRubberBand>
#include <memory>
#include <vector>

#include "app/render/cluster_picture.h"

namespace radeau::gui {

class NodeItem;
class LinkItem;
class MessageItem;

class ClusterView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit ClusterView(QWidget* parent = nullptr);
  ~ClusterView() override;

  void showFrame(const Frame& frame);
  const ClusterPicture& picture() const { return picture_; }

  // Scene items, for tests: the item drawing node n, link a-b, message sent at seq.
  QGraphicsItem* nodeItem(int n) const;
  QGraphicsItem* linkItem(int a, int b) const;
  QGraphicsItem* messageItem(Seq sent) const;
  int visibleMessageCount() const;

  // Selected node for keyboard actions (-1: none); drawn with a focus ring.
  // The last node clicked or numbered; setSelectedNode makes it the only one.
  int selectedNode() const { return selected_; }
  void setSelectedNode(int n);
  // Every selected node, in node order (Shift+click adds or removes one, a
  // rubber band drawn from an empty spot selects the nodes inside it): what
  // P cuts off from the rest.
  std::vector<int> selectedNodes() const;
  void setSelectedNodes(const std::vector<int>& nodes);

 signals:
  void nodeClicked(int node);
  void nodeMenuRequested(int node, QPoint global_pos);
  void linkClicked(int a, int b);
  void selectionChanged();  // by Shift+click or the rubber band
  void messageClicked(quint32 sent_seq);
  void backgroundMenuRequested(QPoint global_pos);

 protected:
  void resizeEvent(QResizeEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void contextMenuEvent(QContextMenuEvent* e) override;

 private:
  void rebuild(int node_count);
  void showSelection();
  QGraphicsScene scene_;
  ClusterPicture picture_;
  int node_count_ = -1;
  int selected_ = -1;
  uint32_t selection_ = 0;  // bit n: node n selected (selected_ is one of them)
  QRubberBand* band_ = nullptr;
  QPoint band_origin_;
  bool banding_ = false;
  bool band_adds_ = false;  // Shift held: the band adds to the selection
  std::vector<NodeItem*> nodes_;
  std::vector<LinkItem*> links_;
  std::vector<MessageItem*> messages_;  // a pool; items beyond the count are hidden
  int message_count_ = 0;
  double label_boost_ = 1;  // node names grow in a small view (resizeEvent)
};

}  // namespace radeau::gui

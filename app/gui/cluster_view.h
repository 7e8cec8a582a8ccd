// The cluster as the audience sees it: a QGraphicsView whose items are filled
// from a ClusterPicture at each playhead move. Items have no clocks of their
// own; the whole scene is a function of the frame.
#pragma once

#include <QGraphicsView>
#include <memory>
#include <vector>

#include "app/gui/cluster_picture.h"

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
  int selectedNode() const { return selected_; }
  void setSelectedNode(int n);

 signals:
  void nodeClicked(int node);
  void nodeMenuRequested(int node, QPoint global_pos);
  void linkClicked(int a, int b);
  void messageClicked(quint32 sent_seq);
  void backgroundMenuRequested(QPoint global_pos);

 protected:
  void resizeEvent(QResizeEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void contextMenuEvent(QContextMenuEvent* e) override;

 private:
  void rebuild(int node_count);
  QGraphicsScene scene_;
  ClusterPicture picture_;
  int node_count_ = -1;
  int selected_ = -1;
  std::vector<NodeItem*> nodes_;
  std::vector<LinkItem*> links_;
  std::vector<MessageItem*> messages_;  // a pool; items beyond the count are hidden
  int message_count_ = 0;
  double label_boost_ = 1;  // node names grow in a small view (resizeEvent)
};

// Paints `picture` in scene coordinates (kSceneWidth x kSceneHeight) on any
// painter with the view's own items, as vectors: export for slides. Names and
// badges enlarged by `name_boost`, as drawCluster's (the stage's legibility floors).
void paintClusterPicture(QPainter& p, const ClusterPicture& picture, double name_boost = 1);

}  // namespace radeau::gui

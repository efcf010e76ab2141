// The fleet as a picture (Fleet page): the cloud on top, edge sites under it when devices name
// one, and the devices at the bottom, each coloured by its live delay (green -> amber -> red,
// offline grey), like the DDNN paper's cloud - edge - devices figure. Past ~60 devices they are
// drawn as a grid of cells. GUI thread only; reports clicks, holds no fleet logic.
#pragma once

#include <QHash>
#include <QRectF>
#include <QWidget>
#include <string>
#include <vector>

namespace cleave::studio {

struct TopologyNode {
  std::string name;
  std::string group;     // edge site / gateway it hangs under; empty = directly under the cloud
  double delay_ms = -1;  // last step or round delay; < 0 = not measured yet
  bool online = true;
};

class TopologyView : public QWidget {
  Q_OBJECT
 public:
  explicit TopologyView(QWidget* parent = nullptr);

  void setNodes(std::vector<TopologyNode> nodes);
  const std::vector<TopologyNode>& nodes() const { return m_nodes; }
  // Absolute colour scale: <= good_ms green, >= bad_ms red. Without it the scale is relative
  // to the fleet's median delay (median green, twice the median red).
  void setDelayScale(double good_ms, double bad_ms);
  void clearDelayScale();

  bool isGridMode() const { return m_grid; }
  QRectF nodeRect(const QString& device) const;  // empty when unknown
  QString deviceAt(QPointF pos) const;           // empty when none
  QColor colorFor(const TopologyNode& node) const;
  QSize sizeHint() const override { return {640, 360}; }

 signals:
  void deviceClicked(const QString& device);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Group {
    QString name;
    QRectF rect;  // the site's node (empty when there are no sites)
    QRectF area;  // where its devices are drawn
    std::vector<size_t> devices;
  };
  void layoutNodes();
  std::pair<double, double> scale() const;

  std::vector<TopologyNode> m_nodes;
  std::vector<QRectF> m_rects;  // per node
  std::vector<Group> m_groups;
  QHash<QString, size_t> m_byName;
  QRectF m_cloud;
  bool m_grid = false;
  bool m_hasSites = false;
  double m_good = -1, m_bad = -1;
  double m_median = 0;
};

}  // namespace cleave::studio

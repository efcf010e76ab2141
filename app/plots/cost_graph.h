// The per-layer cost graph with the draggable split line (Model page). GUI thread only. It draws
// what it is given (CostGraphData) and reports what the operator does with the split line;
// a controller (SplitController) decides what a cut means and calls setData/setCurrentCut back.
#pragma once

#include <QWidget>

#include "app/plots/cost_graph_data.h"

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPItemRect;
class QLabel;
class QMouseEvent;

namespace cleave::studio {

class CostGraph : public QWidget {
  Q_OBJECT
 public:
  explicit CostGraph(QWidget* parent = nullptr);

  // Replaces everything drawn. Throws std::invalid_argument when the vectors disagree in size
  // (layer vectors L long, cut vectors L+1 long). The split line goes to data.current_cut.
  void setData(const CostGraphData& data);
  const CostGraphData& data() const { return m_data; }

  // Moves the split line without emitting anything (the controller echoing the applied cut).
  // -1 hides the line.
  void setCurrentCut(int cut);
  int currentCut() const { return m_cut; }
  bool isDragging() const { return m_dragging; }

  // The nearest feasible cut to a fractional cut position (x axis units); -1 if none.
  int nearestFeasibleCut(double cutPosition) const;
  // Pixel x (in this widget's coordinates) where the split line for `cut` is drawn.
  int cutToWidgetX(int cut) const;
  // Text shown next to the line while dragging, for a cut.
  QString predictionText(int cut) const;

  QCustomPlot* plot() const { return m_plot; }

 signals:
  void splitDragged(int cut);   // while the mouse moves the line (snapped, feasible)
  void splitReleased(int cut);  // mouse released or arrow keys: the operator's choice

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void onMousePress(QMouseEvent* event);
  void onMouseMove(QMouseEvent* event);
  void onMouseRelease(QMouseEvent* event);
  int snapAtPixel(double pixelX) const;
  void moveLine(int cut);
  void updateStatus();
  void rebuild();
  void applyPalette();

  QCustomPlot* m_plot = nullptr;
  QLabel* m_status = nullptr;
  QCPBars* m_edgeBars = nullptr;
  QCPBars* m_cloudBars = nullptr;
  QCPGraph* m_bytes = nullptr;
  QCPGraph* m_round = nullptr;
  QCPGraph* m_infeasible = nullptr;
  QCPGraph* m_best = nullptr;
  QCPAxisRect* m_top = nullptr;     // step time and bytes per cut
  QCPAxisRect* m_layers = nullptr;  // per-layer bars
  QCPAxis* m_layersX = nullptr;
  QCPAxis* m_layersY = nullptr;
  QList<QCPItemStraightLine*> m_lines;  // the split line, one per axis rect
  QCPItemStraightLine* m_line = nullptr;
  QCPItemText* m_dragLabel = nullptr;
  QCPItemText* m_bestLabel = nullptr;
  QList<QCPItemRect*> m_bands;
  CostGraphData m_data;
  int m_cut = -1;
  int m_pressCut = -1;
  bool m_dragging = false;
};

}  // namespace cleave::studio

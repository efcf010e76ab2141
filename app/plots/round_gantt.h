// One round at a glance (Rounds page): a row per device with its consecutive phases edge / up /
// cloud / down / waiting as coloured bars, stragglers outlined in red. GUI thread only; it draws
// what setRound gives it and reports clicks on a device's row.
#pragma once

#include <QWidget>
#include <string>
#include <vector>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPTextElement;
class QCPAbstractItem;

namespace cleave::studio {

struct GanttRow {
  std::string device;
  double edge_ms = 0, up_ms = 0, cloud_ms = 0, down_ms = 0, wait_ms = 0;
  bool straggler = false;
  double total() const { return edge_ms + up_ms + cloud_ms + down_ms + wait_ms; }
};

class RoundGantt : public QWidget {
  Q_OBJECT
 public:
  explicit RoundGantt(QWidget* parent = nullptr);

  // Throws std::invalid_argument on a negative or non-finite phase time (names the device).
  void setRound(int round, std::vector<GanttRow> rows);
  int round() const { return m_round; }
  const std::vector<GanttRow>& rows() const { return m_rows; }

  // Widget coordinates of the middle of a row's bar; the row under a widget point (-1: none).
  QPoint rowCenter(int row) const;
  int rowAt(QPoint widgetPos) const;
  QCustomPlot* plot() const { return m_plot; }

 signals:
  void deviceClicked(const QString& device);

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void rebuild();
  void updateDecorations();  // straggler marks and row labels, for the laid-out height
  void updateTicks();
  void applyPalette();

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  std::vector<QCPBars*> m_phases;        // edge, up, cloud, down, wait
  QCPGraph* m_stragglerMarks = nullptr;  // legend key; markers on thin rows
  std::vector<QCPAbstractItem*> m_marks;
  std::vector<GanttRow> m_rows;
  int m_round = -1;
  int m_tickHeight = -1;  // axis height the row labels were chosen for
};

}  // namespace cleave::studio

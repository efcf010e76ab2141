// Model page: the per-layer cost graph with the draggable split line, the layer table, the device
// the costs are for, and the buttons that apply a cut or a planning mode. Widgets only; a
// SplitController decides what a drag means. GUI thread.
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace cleave::studio {

class CostGraph;
struct CostGraphData;

class ModelView : public QWidget {
  Q_OBJECT
 public:
  explicit ModelView(QWidget* parent = nullptr);

  void setLayerModel(QAbstractItemModel* model);
  void setDevices(const QStringList& devices);  // keeps the selection when still present
  void setGraph(const CostGraphData& graph_data);
  void setPlanSummary(const QString& text);  // the applied mode/cut, as the cloud reports it
  void setCommandsEnabled(bool enabled);
  QString selectedDevice() const;

  CostGraph* graph() const { return m_graph; }

 signals:
  void deviceSelected(const QString& device);
  void splitDragged(int cut);
  // The operator released the line (or pressed apply): apply `cut` to the device or to all.
  void cutChosen(int cut, bool all_devices);
  void fastestChosen();
  void inStepChosen();

 private:
  QComboBox* m_device = nullptr;
  CostGraph* m_graph = nullptr;
  QTableView* m_layers = nullptr;
  QLabel* m_summary = nullptr;
  QPushButton* m_apply_all = nullptr;
  QPushButton* m_fastest = nullptr;
  QPushButton* m_in_step = nullptr;
  bool m_commands = true;
};

}  // namespace cleave::studio

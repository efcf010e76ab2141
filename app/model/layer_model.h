// Per trunk layer of the session's model, for the table beside the cost graph: name, kind, output
// shape, parameters, FLOPs, activation bytes, edge ms on the selected device and cloud ms (the
// same per-step figures the graph draws, from setTimes). A view on SessionState; GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "app/model/session_state.h"
#include "core/model/cost_model.h"

namespace cleave::studio {

class LayerModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Name, Kind, OutputShape, Params, Flops, ActivationBytes, EdgeMs, CloudMs, Count };
  enum Roles { SortRole = Qt::UserRole + 1 };

  explicit LayerModel(const SessionState* state, QObject* parent = nullptr);

  // Per-layer edge / cloud ms per training step (CostGraphData::edge_ms / cloud_ms); empty or
  // non-finite entries show as blank.
  void setTimes(std::vector<double> edge_ms, std::vector<double> cloud_ms);
  const CostTable& costs() const { return m_costs; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  void rebuild();

  const SessionState* m_state;
  QString m_specJson;  // the spec m_costs was computed from
  CostTable m_costs;
  std::vector<double> m_edge_ms, m_cloud_ms;
};

}  // namespace cleave::studio

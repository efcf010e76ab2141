#include "app/model/layer_model.h"

#include <QLocale>

namespace cleave::studio {

namespace {

QString shapeText(const Shape& shape) {
  QStringList dims;
  for (const int64_t d : shape)
    dims << QString::number(d);
  return dims.join(QStringLiteral(" × "));
}

QVariant ms(const std::vector<double>& v, int row) {
  if (row < 0 || row >= static_cast<int>(v.size()) || !std::isfinite(v[size_t(row)])) return {};
  return QStringLiteral("%1").arg(v[size_t(row)], 0, 'f', 2);
}

}  // namespace

LayerModel::LayerModel(const SessionState* state, QObject* parent)
    : QAbstractTableModel(parent), m_state(state) {
  connect(state, &SessionState::sessionChanged, this, &LayerModel::rebuild);
  connect(state, &SessionState::stateReset, this, &LayerModel::rebuild);
  rebuild();
}

void LayerModel::rebuild() {
  const SessionInfoState& s = m_state->session();
  if (s.spec_json == m_specJson) return;  // sessionChanged also fires for settings and pauses
  beginResetModel();
  m_specJson = s.spec_json;
  m_costs = CostTable{};
  if (s.spec) {
    try {
      m_costs = computeCosts(*s.spec);
    } catch (const std::exception&) {
      m_costs = CostTable{};  // the spec parsed but has no cost: an empty table, not a crash
    }
  }
  m_edge_ms.clear();
  m_cloud_ms.clear();
  endResetModel();
}

void LayerModel::setTimes(std::vector<double> edge_ms, std::vector<double> cloud_ms) {
  m_edge_ms = std::move(edge_ms);
  m_cloud_ms = std::move(cloud_ms);
  if (rowCount() > 0) emit dataChanged(index(0, EdgeMs), index(rowCount() - 1, CloudMs));
}

int LayerModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_costs.layers.size());
}

int LayerModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : Count;
}

QVariant LayerModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const LayerCost& l = m_costs.layers[static_cast<size_t>(index.row())];
  if (role == SortRole) {
    switch (index.column()) {
      case Params:
        return qint64(l.params);
      case Flops:
        return qint64(l.flops);
      case ActivationBytes:
        return qint64(l.activation_bytes);
      case EdgeMs:
      case CloudMs: {
        const auto& v = index.column() == EdgeMs ? m_edge_ms : m_cloud_ms;
        const auto row = static_cast<size_t>(index.row());
        return row < v.size() && std::isfinite(v[row]) ? v[row] : -1.0;
      }
      default:
        return data(index, Qt::DisplayRole);
    }
  }
  if (role == Qt::TextAlignmentRole && index.column() >= Params) {
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  }
  if (role != Qt::DisplayRole) return {};
  const QLocale locale;
  switch (index.column()) {
    case Name:
      return QString::fromStdString(l.name);
    case Kind:
      return QString::fromStdString(l.type);
    case OutputShape:
      return shapeText(l.output_shape);
    case Params:
      return locale.toString(qint64(l.params));
    case Flops:
      return locale.toString(qint64(l.flops));
    case ActivationBytes:
      return locale.formattedDataSize(l.activation_bytes);
    case EdgeMs:
      return ms(m_edge_ms, index.row());
    case CloudMs:
      return ms(m_cloud_ms, index.row());
    default:
      return {};
  }
}

QVariant LayerModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) return section + 1;  // layer 1..L, as cuts count them
  switch (section) {
    case Name:
      return tr("Layer");
    case Kind:
      return tr("Kind");
    case OutputShape:
      return tr("Output shape");
    case Params:
      return tr("Parameters");
    case Flops:
      return tr("FLOPs");
    case ActivationBytes:
      return tr("Activation");
    case EdgeMs:
      return tr("Edge ms");
    case CloudMs:
      return tr("Cloud ms");
    default:
      return {};
  }
}

}  // namespace cleave::studio

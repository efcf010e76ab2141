#include "app/model/fleet_model.h"

#include <QLocale>

namespace cleave::studio {

namespace {

QString formatNumber(double value, int decimals, const QString& unit) {
  if (!std::isfinite(value)) return {};
  return QStringLiteral("%1 %2").arg(value, 0, 'f', decimals).arg(unit);
}

QString formatRate(double mbps) {
  if (!std::isfinite(mbps)) return QStringLiteral("?");
  return mbps >= 100 ? QString::number(mbps, 'f', 0) : QString::number(mbps, 'g', 3);
}

}  // namespace

FleetModel::FleetModel(const SessionState* state, QObject* parent)
    : QAbstractTableModel(parent), m_state(state) {
  m_rows = static_cast<int>(state->deviceOrder().size());
  connect(state, &SessionState::devicesChanged, this, &FleetModel::onDevicesChanged);
  connect(state, &SessionState::stateReset, this, &FleetModel::onReset);
}

int FleetModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_rows;
}

int FleetModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : Count;
}

void FleetModel::onReset() {
  beginResetModel();
  m_rows = static_cast<int>(m_state->deviceOrder().size());
  endResetModel();
}

void FleetModel::onDevicesChanged() {
  const int now = static_cast<int>(m_state->deviceOrder().size());
  if (now > m_rows) {
    beginInsertRows({}, m_rows, now - 1);
    m_rows = now;
    endInsertRows();
  }
  if (m_rows > 0) emit dataChanged(index(0, 0), index(m_rows - 1, Count - 1));
}

const DeviceState* FleetModel::deviceAt(int row) const {
  if (row < 0 || row >= m_rows) return nullptr;
  return m_state->device(m_state->deviceOrder().at(row));
}

QColor FleetModel::statusColor(const QString& status) {
  // Mid-saturation colours: legible as a dot on both light and dark backgrounds.
  if (status == QLatin1String("online")) return QColor(0x2e, 0xa0, 0x4f);
  if (status == QLatin1String("approved")) return QColor(0x1f, 0x9e, 0x9e);
  if (status == QLatin1String("straggler")) return QColor(0xe0, 0x9a, 0x00);
  if (status == QLatin1String("pending")) return QColor(0x3b, 0x82, 0xd4);
  if (status == QLatin1String("rejected")) return QColor(0xd0, 0x3b, 0x3b);
  return QColor(0x8a, 0x8a, 0x8a);  // offline / unknown
}

QVariant FleetModel::data(const QModelIndex& index, int role) const {
  const DeviceState* d = index.isValid() ? deviceAt(index.row()) : nullptr;
  if (!d) return {};
  if (role == NameRole) return d->name;
  if (role == PendingRole) return d->pending;
  if (role == FingerprintRole) return d->fingerprint;
  const double last_delay = d->last_phase ? d->last_phase->round_ms : kNoValue;
  if (role == SortRole) {
    switch (index.column()) {
      case Cores:
        return d->cores;
      case Memory:
        return d->memory_bytes;
      case Link:
        return d->link ? d->link->up_mbps : -1.0;
      case Measured:
        return std::isfinite(d->measured_up_mbps) ? d->measured_up_mbps : -1.0;
      case Cut:
        return d->cut;
      case LastDelay:
        return std::isfinite(last_delay) ? last_delay : -1.0;
      case ExitRate:
        return std::isfinite(d->exit_rate) ? d->exit_rate : -1.0;
      default:
        return data(index, Qt::DisplayRole);
    }
  }
  if (role == Qt::DecorationRole && index.column() == Status) return statusColor(d->status);
  if (role == Qt::TextAlignmentRole && index.column() >= Cores) {
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  }
  if (role == Qt::ToolTipRole) {
    if (index.column() == Status && !d->detail.isEmpty()) return d->detail;
    if (index.column() == Name && !d->fingerprint.isEmpty()) {
      return tr("key %1 from %2").arg(d->fingerprint, d->address);
    }
    if (index.column() == Measured) {
      return tr("effective rate of the last round: bytes over the measured up/down time");
    }
    return {};
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Name:
      return d->name;
    case Role:
      return d->pending ? tr("pending approval") : d->role;
    case Status:
      return d->status;
    case Cores:
      return d->cores > 0 ? QVariant(d->cores) : QVariant();
    case Memory:
      return d->memory_bytes > 0 ? QLocale().formattedDataSize(d->memory_bytes) : QString();
    case Link:
      if (!d->link) return {};
      return tr("%1/%2 Mbit/s, %3 ms")
          .arg(formatRate(d->link->up_mbps), formatRate(d->link->down_mbps))
          .arg(d->link->latency_ms, 0, 'g', 3);
    case Measured:
      if (!std::isfinite(d->measured_up_mbps) && !std::isfinite(d->measured_down_mbps)) return {};
      return tr("%1/%2 Mbit/s")
          .arg(formatRate(d->measured_up_mbps), formatRate(d->measured_down_mbps));
    case Cut:
      return d->cut >= 0 ? QVariant(d->cut) : QVariant();
    case LastDelay:
      return formatNumber(last_delay, 1, QStringLiteral("ms"));
    case ExitRate:
      return std::isfinite(d->exit_rate) ? QStringLiteral("%1 %").arg(100 * d->exit_rate, 0, 'f', 1)
                                         : QString();
    default:
      return {};
  }
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Name:
      return tr("Device");
    case Role:
      return tr("Role");
    case Status:
      return tr("Status");
    case Cores:
      return tr("CPU cores");
    case Memory:
      return tr("Memory");
    case Link:
      return tr("Link (emulated)");
    case Measured:
      return tr("Measured up/down");
    case Cut:
      return tr("Cut");
    case LastDelay:
      return tr("Last delay");
    case ExitRate:
      return tr("Exit rate");
    default:
      return {};
  }
}

}  // namespace cleave::studio

#include "app/model/log_model.h"

#include <QBrush>
#include <QColor>

namespace cleave::studio {

LogModel::LogModel(const SessionState* state, QObject* parent)
    : QAbstractTableModel(parent), m_state(state) {
  m_rows = static_cast<int>(state->log().size());
  connect(state, &SessionState::logAppended, this, &LogModel::onAppended);
  connect(state, &SessionState::stateReset, this, &LogModel::onReset);
}

int LogModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_rows;
}

int LogModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : Count;
}

void LogModel::onReset() {
  beginResetModel();
  m_rows = static_cast<int>(m_state->log().size());
  m_gone = 0;
  endResetModel();
}

void LogModel::onAppended(int /*added: the state's log size says it*/, int dropped) {
  dropped = std::min(dropped, m_rows);
  if (dropped > 0) {
    m_gone = dropped;  // rows [0, dropped) are no longer in the state's log
    beginRemoveRows({}, 0, dropped - 1);
    m_rows -= dropped;
    m_gone = 0;
    endRemoveRows();
  }
  const int target = static_cast<int>(m_state->log().size());
  if (target > m_rows) {
    beginInsertRows({}, m_rows, target - 1);
    m_rows = target;
    endInsertRows();
  }
}

const LogEntry* LogModel::entryAt(int row) const {
  const int at = row - m_gone;
  if (row < m_gone || row >= m_rows || at >= static_cast<int>(m_state->log().size())) {
    return nullptr;
  }
  return &m_state->log()[static_cast<size_t>(at)];
}

QVariant LogModel::data(const QModelIndex& index, int role) const {
  const LogEntry* e = index.isValid() ? entryAt(index.row()) : nullptr;
  if (!e) return {};
  if (role == LevelRole) return e->level;
  if (role == Qt::ForegroundRole && index.column() == Level) {
    if (e->level == QLatin1String("error")) return QBrush(QColor(0xd0, 0x3b, 0x3b));
    if (e->level == QLatin1String("warning")) return QBrush(QColor(0xe0, 0x9a, 0x00));
    return {};
  }
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  switch (index.column()) {
    case Time:
      return QStringLiteral("%1 s").arg(static_cast<double>(e->t_us) / 1e6, 0, 'f', 3);
    case Level:
      return e->level;
    case Device:
      return e->device;
    case Message:
      return e->message;
    default:
      return {};
  }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Time:
      return tr("Time");
    case Level:
      return tr("Level");
    case Device:
      return tr("Device");
    case Message:
      return tr("Message");
    default:
      return {};
  }
}

}  // namespace cleave::studio

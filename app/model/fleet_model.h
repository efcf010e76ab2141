// Table of the session's devices, pending ones included, for the Fleet page: name, role, status
// (with a status colour), CPU cores, memory, emulated link, measured up/down, cut, last delay, exit
// rate. A view on SessionState; GUI thread only. Rows are never removed (a device that left shows
// as offline); a reset of the state resets the model.
#pragma once

#include <QAbstractTableModel>
#include <QColor>

#include "app/model/session_state.h"

namespace cleave::studio {

class FleetModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    Name,
    Role,
    Status,
    Cores,
    Memory,
    Link,
    Measured,
    Cut,
    LastDelay,
    ExitRate,
    Count
  };
  enum Roles {
    NameRole = Qt::UserRole + 1,  // device name (any column)
    PendingRole,                  // bool: an unknown key waiting for Approve / Reject
    FingerprintRole,              // the key's fingerprint, for Approve / Reject
    SortRole,                     // raw number or text for sorting
  };

  explicit FleetModel(const SessionState* state, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

  static QColor statusColor(const QString& status);  // readable on light and dark palettes

 private:
  void onDevicesChanged();
  void onReset();
  const DeviceState* deviceAt(int row) const;

  const SessionState* m_state;
  int m_rows = 0;
};

}  // namespace cleave::studio

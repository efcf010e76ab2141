// The session's log (log events) as a table: time, level, device, message; capped at
// SessionState::kMaxLogEntries rows (oldest dropped). A view on SessionState; GUI thread only.
#pragma once

#include <QAbstractTableModel>

#include "app/model/session_state.h"

namespace cleave::studio {

class LogModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Time, Level, Device, Message, Count };
  enum Roles { LevelRole = Qt::UserRole + 1 };  // "info", "warning", ... (untranslated)

  explicit LogModel(const SessionState* state, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  void onAppended(int added, int dropped);
  void onReset();
  const LogEntry* entryAt(int row) const;

  const SessionState* m_state;
  int m_rows = 0;
  int m_gone = 0;  // leading rows already dropped from the state while their removal is announced
};

}  // namespace cleave::studio

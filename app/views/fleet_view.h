// Fleet page: the device table, devices waiting for approval (Approve / Reject), the link and
// CPU emulation editor, and the topology picture coloured by live delay. Widgets only: it shows
// what it is given and emits what the operator asked for. GUI thread.
#pragma once

#include <QWidget>

#include "core/net/message.h"

class QAbstractItemModel;
class QListWidget;
class QPushButton;
class QTableView;

namespace cleave::studio {

class LinkEditor;
class TopologyView;

struct PendingDevice {
  QString name;  // "unnamed-<hex>" until approved
  QString fingerprint;
  QString address;
};

class FleetView : public QWidget {
  Q_OBJECT
 public:
  explicit FleetView(QWidget* parent = nullptr);

  void setFleetModel(QAbstractItemModel* model);
  void setPending(const QVector<PendingDevice>& pending);
  void setCommandsEnabled(bool enabled);

  QTableView* table() const { return m_table; }
  LinkEditor* linkEditor() const { return m_link; }
  TopologyView* topology() const { return m_topology; }

 signals:
  void commandRequested(const cleave::net::Command& command);
  void deviceSelected(const QString& device);

 private:
  void decide(bool approve);

  QTableView* m_table = nullptr;
  QListWidget* m_pending = nullptr;
  QPushButton* m_approve = nullptr;
  QPushButton* m_reject = nullptr;
  LinkEditor* m_link = nullptr;
  TopologyView* m_topology = nullptr;
  bool m_commands = true;
};

}  // namespace cleave::studio

// Per-device link emulation and CPU slowdown editor: the operator rehearses a worse network or a
// weaker box; Apply sends SetLink (one device or all). GUI thread.
#pragma once

#include <QWidget>

#include "core/net/message.h"

class QComboBox;
class QDoubleSpinBox;
class QPushButton;

namespace cleave::studio {

class LinkEditor : public QWidget {
  Q_OBJECT
 public:
  explicit LinkEditor(QWidget* parent = nullptr);

  void setDevices(const QStringList& devices);  // keeps the selection when still present
  // Shows a device's current emulation (from its device_joined / device_settings events).
  void showLink(const QString& device, const LinkProfile& link, double slowdown);
  void setCommandsEnabled(bool enabled);
  QString selectedDevice() const;  // "" = every device

 signals:
  void commandRequested(const cleave::net::Command& command);
  void deviceSelected(const QString& device);

 private:
  QComboBox* m_device = nullptr;
  QDoubleSpinBox* m_up = nullptr;
  QDoubleSpinBox* m_down = nullptr;
  QDoubleSpinBox* m_latency = nullptr;
  QDoubleSpinBox* m_jitter = nullptr;
  QDoubleSpinBox* m_loss = nullptr;
  QDoubleSpinBox* m_slowdown = nullptr;
  QPushButton* m_apply = nullptr;
};

}  // namespace cleave::studio

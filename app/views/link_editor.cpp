#include "app/views/link_editor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QPushButton>
#include <QSignalBlocker>

#include "app/views/device_combo.h"

namespace cleave::studio {

namespace {

QDoubleSpinBox* number(double lo, double hi, int decimals, const QString& suffix, QWidget* parent) {
  auto* s = new QDoubleSpinBox(parent);
  s->setRange(lo, hi);
  s->setDecimals(decimals);
  s->setSuffix(suffix);
  return s;
}

}  // namespace

LinkEditor::LinkEditor(QWidget* parent) : QWidget(parent) {
  m_device = new QComboBox(this);
  m_device->addItem(tr("All devices"), QString());
  m_up = number(0.01, 100000, 2, tr(" Mbit/s"), this);
  m_down = number(0.01, 100000, 2, tr(" Mbit/s"), this);
  m_latency = number(0, 10000, 1, tr(" ms"), this);
  m_jitter = number(0, 10000, 1, tr(" ms"), this);
  m_loss = number(0, 50, 2, tr(" %"), this);
  m_slowdown = number(1, 1000, 1, tr(" ×"), this);
  m_up->setValue(20);
  m_down->setValue(20);
  m_latency->setValue(10);
  m_slowdown->setValue(1);
  m_slowdown->setToolTip(tr("How many times slower than this CPU the device computes"));
  m_apply = new QPushButton(tr("Apply link"), this);
  auto* form = new QFormLayout(this);
  form->addRow(tr("Device:"), m_device);
  form->addRow(tr("Uplink:"), m_up);
  form->addRow(tr("Downlink:"), m_down);
  form->addRow(tr("Latency:"), m_latency);
  form->addRow(tr("Jitter:"), m_jitter);
  form->addRow(tr("Loss:"), m_loss);
  form->addRow(tr("CPU slowdown:"), m_slowdown);
  form->addRow(m_apply);
  connect(m_device, &QComboBox::currentIndexChanged, this,
          [this] { emit deviceSelected(selectedDevice()); });
  connect(m_apply, &QPushButton::clicked, this, [this] {
    net::Command c;
    c.kind = net::CommandKind::SetLink;
    c.device = selectedDevice().toStdString();
    c.link = {m_up->value(), m_down->value(), m_latency->value(), m_jitter->value(),
              m_loss->value() / 100.0};
    c.slowdown = m_slowdown->value();
    emit commandRequested(c);
  });
}

QString LinkEditor::selectedDevice() const {
  return m_device->currentData().toString();
}

void LinkEditor::setDevices(const QStringList& devices) {
  replaceDeviceItems(m_device, devices);
}

void LinkEditor::showLink(const QString& device, const LinkProfile& link, double slowdown) {
  if (device != selectedDevice()) return;
  if (link.up_mbps > 0) m_up->setValue(link.up_mbps);
  if (link.down_mbps > 0) m_down->setValue(link.down_mbps);
  m_latency->setValue(link.latency_ms);
  m_jitter->setValue(link.jitter_ms);
  m_loss->setValue(link.loss * 100.0);
  if (slowdown >= 1) m_slowdown->setValue(slowdown);
}

void LinkEditor::setCommandsEnabled(bool enabled) {
  m_apply->setEnabled(enabled);
}

}  // namespace cleave::studio

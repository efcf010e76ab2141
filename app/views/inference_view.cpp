#include "app/views/inference_view.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include "app/plots/frame_preview.h"
#include "app/plots/time_series_plot.h"
#include "app/views/device_combo.h"

namespace cleave::studio {

namespace {
constexpr int kSliderSteps = 100;  // threshold resolution 0.01
}

InferenceView::InferenceView(QWidget* parent) : QWidget(parent) {
  auto* controls = new QGroupBox(tr("Early-exit inference"), this);
  m_device = new QComboBox(controls);
  m_device->addItem(tr("All devices"), QString());
  m_threshold = new QSlider(Qt::Horizontal, controls);
  m_threshold->setRange(1, kSliderSteps);
  m_threshold->setValue(50);
  m_threshold->setToolTip(
      tr("A device answers locally when the exit's normalised entropy is at "
         "or below this threshold; higher = more local answers"));
  m_threshold_label = new QLabel(controls);
  m_inference = new QPushButton(tr("Run inference"), controls);
  m_training = new QPushButton(tr("Back to training"), controls);
  auto* threshold_row = new QHBoxLayout;
  threshold_row->addWidget(m_threshold, 1);
  threshold_row->addWidget(m_threshold_label);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_inference);
  buttons->addWidget(m_training);
  auto* form = new QFormLayout(controls);
  form->addRow(tr("Device:"), m_device);
  form->addRow(tr("Exit threshold:"), threshold_row);
  form->addRow(buttons);

  m_preview = new FramePreview(this);
  m_preview_caption = new QLabel(tr("No frame yet: put a camera device into inference."), this);
  m_preview_caption->setWordWrap(true);
  auto* preview_box = new QGroupBox(tr("Live frame"), this);
  auto* preview_layout = new QVBoxLayout(preview_box);
  preview_layout->addWidget(m_preview, 1);
  preview_layout->addWidget(m_preview_caption);

  auto* left = new QVBoxLayout;
  left->addWidget(controls);
  left->addWidget(preview_box, 1);

  m_exit_rate = new TimeSeriesPlot(this);
  m_exit_rate->setTitle(tr("Early-exit rate per device"));
  m_exit_rate->setAxisTitles(tr("time (s)"), tr("answered on the edge (%)"));
  m_latency = new TimeSeriesPlot(this);
  m_latency->setTitle(tr("Latency per device"));
  m_latency->setAxisTitles(tr("time (s)"), tr("mean latency (ms)"));
  auto* plots = new QVBoxLayout;
  plots->addWidget(m_exit_rate, 1);
  plots->addWidget(m_latency, 1);

  auto* layout = new QHBoxLayout(this);
  layout->addLayout(left, 1);
  layout->addLayout(plots, 2);

  auto show_value = [this] { m_threshold_label->setText(QString::number(threshold(), 'f', 2)); };
  show_value();
  connect(m_threshold, &QSlider::valueChanged, this, show_value);
  connect(m_threshold, &QSlider::sliderReleased, this,
          [this] { emit commandRequested(setInference(net::AgentMode::Keep)); });
  connect(m_inference, &QPushButton::clicked, this,
          [this] { emit commandRequested(setInference(net::AgentMode::Inference)); });
  connect(m_training, &QPushButton::clicked, this,
          [this] { emit commandRequested(setInference(net::AgentMode::Training)); });
}

double InferenceView::threshold() const {
  return double(m_threshold->value()) / kSliderSteps;
}

net::Command InferenceView::setInference(net::AgentMode mode) const {
  net::Command c;
  c.kind = net::CommandKind::SetInference;
  c.device = m_device->currentData().toString().toStdString();
  c.mode = mode;
  c.threshold = threshold();
  return c;
}

void InferenceView::setDevices(const QStringList& devices) {
  replaceDeviceItems(m_device, devices);
}

void InferenceView::setCommandsEnabled(bool enabled) {
  for (QWidget* w : std::initializer_list<QWidget*>{m_threshold, m_inference, m_training})
    w->setEnabled(enabled);
}

void InferenceView::showThreshold(double t) {
  if (m_threshold->isSliderDown()) return;
  const QSignalBlocker block(m_threshold);
  m_threshold->setValue(qBound(1, int(std::lround(t * kSliderSteps)), kSliderSteps));
  m_threshold_label->setText(QString::number(threshold(), 'f', 2));
}

}  // namespace cleave::studio

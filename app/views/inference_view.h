// Inference page: switch devices between training and early-exit inference, the exit-threshold
// slider, live exit rate and latency per device, and (camera) one device's latest frame with the
// exit decision drawn on it. Widgets only. GUI thread.
#pragma once

#include <QWidget>

#include "core/net/message.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace cleave::studio {

class FramePreview;
class TimeSeriesPlot;

class InferenceView : public QWidget {
  Q_OBJECT
 public:
  explicit InferenceView(QWidget* parent = nullptr);

  void setDevices(const QStringList& devices);
  void setCommandsEnabled(bool enabled);
  void showThreshold(double threshold);  // as the cloud reports it; does not emit

  TimeSeriesPlot* exitRatePlot() const { return m_exit_rate; }
  TimeSeriesPlot* latencyPlot() const { return m_latency; }
  FramePreview* preview() const { return m_preview; }
  QLabel* previewCaption() const { return m_preview_caption; }
  double threshold() const;

 signals:
  void commandRequested(const cleave::net::Command& command);

 private:
  net::Command setInference(net::AgentMode mode) const;

  QComboBox* m_device = nullptr;
  QSlider* m_threshold = nullptr;
  QLabel* m_threshold_label = nullptr;
  QPushButton* m_inference = nullptr;
  QPushButton* m_training = nullptr;
  TimeSeriesPlot* m_exit_rate = nullptr;
  TimeSeriesPlot* m_latency = nullptr;
  FramePreview* m_preview = nullptr;
  QLabel* m_preview_caption = nullptr;
};

}  // namespace cleave::studio

// Binds the session state (built from events) and its view-models to the workspace views: events
// in, redraws out, and the operator's actions out as commands. Knows nothing of where events come
// from (live or replay). GUI thread only.
#pragma once

#include <QObject>
#include <QVector>
#include <memory>

#include "core/net/message.h"
#include "core/session/event.h"

class QCustomPlot;

namespace cleave::studio {

class FleetView;
class InferenceView;
class LogPanel;
class ModelView;
class RoundsView;
class SessionView;

class ViewBinder : public QObject {
  Q_OBJECT
 public:
  struct Views {
    FleetView* fleet = nullptr;
    ModelView* model = nullptr;
    RoundsView* rounds = nullptr;
    InferenceView* inference = nullptr;
    SessionView* session = nullptr;
    LogPanel* log = nullptr;
  };
  explicit ViewBinder(Views views, QObject* parent = nullptr);
  ~ViewBinder() override;

  void applyEvents(const QVector<cleave::Event>& events);
  void reset();  // a new source, or a seek backwards: forget everything
  void setCommandsEnabled(bool enabled);
  // A line for the status bar: round, devices, accuracy.
  QString summary() const;
  // Every plot on every page with a file-friendly name, for export.
  QList<QPair<QString, QCustomPlot*>> plots() const;
  // Appends a line to the log panel from the studio itself (command replies, source changes).
  void logLocal(const QString& level, const QString& message);

 signals:
  void commandRequested(const cleave::net::Command& command);
  void summaryChanged(const QString& summary);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cleave::studio

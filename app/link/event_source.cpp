#include "app/link/event_source.h"

namespace cleave::studio {

QString sourceStateName(SourceState state) {
  switch (state) {
    case SourceState::Idle:
      return QStringLiteral("idle");
    case SourceState::Connecting:
      return QStringLiteral("connecting");
    case SourceState::Connected:
      return QStringLiteral("connected");
    case SourceState::Disconnected:
      return QStringLiteral("disconnected");
    case SourceState::Playing:
      return QStringLiteral("playing");
    case SourceState::Paused:
      return QStringLiteral("paused");
    case SourceState::Finished:
      return QStringLiteral("finished");
    case SourceState::Failed:
      return QStringLiteral("failed");
  }
  return QStringLiteral("unknown");
}

void registerStudioMetaTypes() {
  qRegisterMetaType<cleave::Event>("cleave::Event");
  qRegisterMetaType<QVector<cleave::Event>>("QVector<cleave::Event>");
  qRegisterMetaType<SourceState>("cleave::studio::SourceState");
}

EventSource::EventSource(QObject* parent) : QObject(parent) {
  registerStudioMetaTypes();
  m_batchTimer.setSingleShot(true);
  m_batchTimer.setInterval(kBatchIntervalMs);
  connect(&m_batchTimer, &QTimer::timeout, this, &EventSource::flushEvents);
}

EventSource::~EventSource() = default;

void EventSource::queueEvents(const QVector<cleave::Event>& events) {
  if (events.isEmpty()) return;
  m_pending += events;
  if (!m_batchTimer.isActive()) m_batchTimer.start();
}

void EventSource::requestReset() {
  m_pending.clear();
  m_batchTimer.stop();
  emit resetRequested();
}

void EventSource::flushEvents() {
  m_batchTimer.stop();
  if (m_pending.isEmpty()) return;
  QVector<cleave::Event> batch;
  batch.swap(m_pending);
  emit eventsArrived(batch);
}

void EventSource::setState(SourceState state, const QString& detail) {
  if (state == m_state && detail == m_detail) return;
  m_state = state;
  m_detail = detail;
  emit stateChanged(state, detail);
}

}  // namespace cleave::studio

// The one stream every studio view is fed from: batches of session events, live (CloudLink) or
// replayed (SessionPlayer), so nothing downstream knows the difference. Lives on the GUI thread;
// subclasses hand events over with queueEvents() on that thread and signals are emitted there.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVector>

#include "core/session/event.h"

namespace cleave::studio {

// Where a source is. Live: Connecting -> Connected <-> Disconnected. Replay: Idle -> Playing <->
// Paused -> Finished. Failed: the source cannot go on (bad file, cloud not startable).
enum class SourceState {
  Idle,
  Connecting,
  Connected,
  Disconnected,
  Playing,
  Paused,
  Finished,
  Failed
};

QString sourceStateName(SourceState state);  // "connected", "disconnected", ... (untranslated)

// Registers cleave::Event, QVector<cleave::Event> and SourceState for queued connections.
// Idempotent.
void registerStudioMetaTypes();

class EventSource : public QObject {
  Q_OBJECT
 public:
  static constexpr int kBatchIntervalMs = 33;  // <= 30 batches a second: views redraw at most that

  explicit EventSource(QObject* parent = nullptr);
  ~EventSource() override;

  SourceState state() const { return m_state; }
  QString stateDetail() const { return m_detail; }

 signals:
  // Events in the order they happened; at most one batch every kBatchIntervalMs.
  void eventsArrived(const QVector<cleave::Event>& events);
  // Forget everything received so far (a seek backwards); the events up to the new position follow.
  void resetRequested();
  // `detail` says why (a disconnect reason, a file error), may be empty.
  void stateChanged(cleave::studio::SourceState state, const QString& detail);

 protected:
  // GUI thread only. Buffers events; the batch goes out on the next timer tick.
  void queueEvents(const QVector<cleave::Event>& events);
  // Drops the buffered batch and emits resetRequested() at once.
  void requestReset();
  // Emits anything buffered now (before a state change that views must see after the events).
  void flushEvents();
  void setState(SourceState state, const QString& detail = {});

 private:
  QVector<cleave::Event> m_pending;
  QTimer m_batchTimer;
  SourceState m_state = SourceState::Idle;
  QString m_detail;
};

}  // namespace cleave::studio

Q_DECLARE_METATYPE(cleave::Event)
Q_DECLARE_METATYPE(cleave::studio::SourceState)

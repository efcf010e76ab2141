// Replays a recorded session file as an EventSource: play / pause / seek / speed, events in time
// order at the chosen speed, exactly like a live cloud would have sent them. The file is read by a
// worker on the "cleave-replay" QThread. Create, control and destroy from the GUI thread; every
// signal is emitted on the GUI thread.
#pragma once

#include <QString>
#include <QThread>

#include "app/link/event_source.h"

namespace cleave::studio {

class SessionPlayerWorker;

// What the file says about itself (SessionInfo), for views that need the model before any event.
struct SessionFileInfo {
  QString path;
  QString use_case;
  QString model_spec_json;
  QString settings_json;
  qint64 start_us = 0;  // first event
  qint64 end_us = 0;    // last event (grows while the file is still being recorded)
};

class SessionPlayer : public EventSource {
  Q_OBJECT
 public:
  static constexpr double kMinSpeed = 0.25;
  static constexpr double kMaxSpeed = 100.0;

  explicit SessionPlayer(QObject* parent = nullptr);
  ~SessionPlayer() override;  // quit() + wait()

  // Opens `path` on the worker: opened(info) then state Paused at the first event, or state Failed
  // with the reason (missing file, not a session, newer schema). Replaces any open file.
  void open(const QString& path);
  void play();  // from the current position; at the end: from the start again
  void pause();
  void seek(qint64 t_us);       // clamped to the file's range; backwards = resetRequested + re-emit
  void setSpeed(double speed);  // clamped to [kMinSpeed, kMaxSpeed]

  double speed() const { return m_speed; }
  qint64 position() const { return m_position; }
  const SessionFileInfo& info() const { return m_info; }

 signals:
  void opened(const cleave::studio::SessionFileInfo& info);
  void positionChanged(qint64 t_us);
  void durationChanged(qint64 start_us, qint64 end_us);

 private:
  QThread m_thread;
  SessionPlayerWorker* m_worker = nullptr;
  double m_speed = 1.0;
  qint64 m_position = 0;
  SessionFileInfo m_info;
};

}  // namespace cleave::studio

Q_DECLARE_METATYPE(cleave::studio::SessionFileInfo)

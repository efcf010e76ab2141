// SessionPlayer's file side (private to app/link): owns the SessionReader and the ReplayClock and
// runs on the "cleave-replay" thread. Driven by queued invocations from SessionPlayer; answers with
// queued signals.
#pragma once

#include <QObject>
#include <QTimer>
#include <QVector>
#include <memory>
#include <optional>

#include "app/link/session_player.h"
#include "core/session/replay_clock.h"
#include "core/session/session_reader.h"

namespace cleave::studio {

class SessionPlayerWorker : public QObject {
  Q_OBJECT
 public:
  static constexpr int kTickMs = 15;           // how often due events are looked up while playing
  static constexpr int kChunkEvents = 20'000;  // a fast re-emit goes out in chunks of this many

  SessionPlayerWorker();
  ~SessionPlayerWorker() override;

  void open(const QString& path);
  void play();
  void pause();
  void seek(qint64 t_us);
  void setSpeed(double speed);

 signals:
  void opened(const cleave::studio::SessionFileInfo& info);
  void eventsReady(const QVector<cleave::Event>& events);
  void resetNeeded();
  void positionChanged(qint64 t_us);
  void durationChanged(qint64 start_us, qint64 end_us);
  void playerStateChanged(cleave::studio::SourceState state, const QString& detail);

 private:
  void tick();
  void emitUpTo(int64_t t_us);  // every event in [m_cursor, t_us]; m_cursor = t_us + 1
  bool refreshRange();          // true if the file grew
  void ensureTimer();

  std::unique_ptr<SessionReader> m_reader;
  ReplayClock m_clock;
  QTimer* m_timer = nullptr;
  int64_t m_start = 0;
  int64_t m_end = 0;
  int64_t m_cursor = 0;  // events before this t_us have been emitted
  double m_speed = 1.0;
  bool m_finished = false;
};

}  // namespace cleave::studio

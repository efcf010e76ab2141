#include "app/link/session_player.h"

#include <QLoggingCategory>
#include <algorithm>

#include "app/link/session_player_worker.h"
#include "core/session/session_error.h"

namespace cleave::studio {

// ---------------------------------------------------------------- SessionPlayer (GUI thread)

SessionPlayer::SessionPlayer(QObject* parent) : EventSource(parent) {
  qRegisterMetaType<SessionFileInfo>("cleave::studio::SessionFileInfo");
  m_thread.setObjectName(QStringLiteral("cleave-replay"));
  m_worker = new SessionPlayerWorker;
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(m_worker, &SessionPlayerWorker::eventsReady, this, &SessionPlayer::queueEvents,
          Qt::QueuedConnection);
  connect(m_worker, &SessionPlayerWorker::resetNeeded, this, &SessionPlayer::requestReset,
          Qt::QueuedConnection);
  connect(
      m_worker, &SessionPlayerWorker::opened, this,
      [this](const SessionFileInfo& info) {
        m_info = info;
        m_position = info.start_us;
        emit opened(info);
      },
      Qt::QueuedConnection);
  connect(
      m_worker, &SessionPlayerWorker::positionChanged, this,
      [this](qint64 t) {
        m_position = t;
        emit positionChanged(t);
      },
      Qt::QueuedConnection);
  connect(
      m_worker, &SessionPlayerWorker::durationChanged, this,
      [this](qint64 start, qint64 end) {
        m_info.start_us = start;
        m_info.end_us = end;
        emit durationChanged(start, end);
      },
      Qt::QueuedConnection);
  connect(
      m_worker, &SessionPlayerWorker::playerStateChanged, this,
      [this](SourceState state, const QString& detail) {
        flushEvents();  // "finished" comes after the last events, never before
        setState(state, detail);
      },
      Qt::QueuedConnection);
  m_thread.start();
}

SessionPlayer::~SessionPlayer() {
  m_thread.quit();
  m_thread.wait();
}

void SessionPlayer::open(const QString& path) {
  auto* w = m_worker;
  QMetaObject::invokeMethod(
      w, [w, path] { w->open(path); }, Qt::QueuedConnection);
}

void SessionPlayer::play() {
  auto* w = m_worker;
  QMetaObject::invokeMethod(
      w, [w] { w->play(); }, Qt::QueuedConnection);
}

void SessionPlayer::pause() {
  auto* w = m_worker;
  QMetaObject::invokeMethod(
      w, [w] { w->pause(); }, Qt::QueuedConnection);
}

void SessionPlayer::seek(qint64 t_us) {
  auto* w = m_worker;
  QMetaObject::invokeMethod(
      w, [w, t_us] { w->seek(t_us); }, Qt::QueuedConnection);
}

void SessionPlayer::setSpeed(double speed) {
  m_speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
  auto* w = m_worker;
  const double s = m_speed;
  QMetaObject::invokeMethod(
      w, [w, s] { w->setSpeed(s); }, Qt::QueuedConnection);
}

// ---------------------------------------------------------------- worker (replay thread)

SessionPlayerWorker::SessionPlayerWorker() = default;
SessionPlayerWorker::~SessionPlayerWorker() = default;

void SessionPlayerWorker::ensureTimer() {
  if (m_timer) return;
  m_timer = new QTimer(this);  // created on this thread, on first use
  m_timer->setInterval(kTickMs);
  connect(m_timer, &QTimer::timeout, this, &SessionPlayerWorker::tick);
}

void SessionPlayerWorker::open(const QString& path) {
  ensureTimer();
  m_timer->stop();
  m_reader.reset();
  try {
    m_reader = std::make_unique<SessionReader>(path.toStdString());
  } catch (const std::exception& e) {
    emit playerStateChanged(SourceState::Failed, QString::fromStdString(e.what()));
    return;
  }
  const auto range = m_reader->eventTimeRange();
  m_start = range ? range->first : 0;
  m_end = range ? range->second : 0;
  m_cursor = m_start;
  m_finished = false;
  m_clock = ReplayClock(m_speed);
  m_clock.start(m_start);
  m_clock.pause();
  const SessionInfo& info = m_reader->info();
  emit resetNeeded();
  emit opened(SessionFileInfo{path, QString::fromStdString(info.use_case),
                              QString::fromStdString(info.model_spec_json),
                              QString::fromStdString(info.settings_json), m_start, m_end});
  emit positionChanged(m_start);
  emit playerStateChanged(SourceState::Paused, path);
}

void SessionPlayerWorker::play() {
  if (!m_reader) return;
  if (m_finished) {  // play at the end starts over
    seek(m_start);
    m_finished = false;
  }
  m_clock.resume();
  m_timer->start();
  emit playerStateChanged(SourceState::Playing, {});
  tick();
}

void SessionPlayerWorker::pause() {
  if (!m_reader) return;
  m_clock.pause();
  m_timer->stop();
  emit playerStateChanged(SourceState::Paused, {});
}

void SessionPlayerWorker::seek(qint64 t_us) {
  if (!m_reader) return;
  refreshRange();
  const int64_t t = std::clamp<int64_t>(t_us, m_start, m_end);
  if (t < m_cursor - 1) {  // something after t was shown: start over and replay up to t
    emit resetNeeded();
    m_cursor = m_start;
  }
  emitUpTo(t);
  m_clock.seek(t);
  m_finished = false;
  emit positionChanged(t);
  if (!m_clock.paused()) emit playerStateChanged(SourceState::Playing, {});
}

void SessionPlayerWorker::setSpeed(double speed) {
  m_speed = speed;
  m_clock.setSpeed(speed);
}

bool SessionPlayerWorker::refreshRange() {
  const auto range = m_reader->eventTimeRange();
  if (!range || range->second <= m_end) return false;
  m_end = range->second;
  emit durationChanged(m_start, m_end);
  return true;
}

void SessionPlayerWorker::emitUpTo(int64_t t_us) {
  if (t_us < m_cursor) return;
  EventQuery query;
  query.from_us = m_cursor;
  query.to_us = t_us + 1;
  QVector<cleave::Event> chunk;
  try {
    m_reader->forEachEvent(query, [&](const cleave::Event& e) {
      chunk.push_back(e);
      if (chunk.size() >= kChunkEvents) {
        emit eventsReady(chunk);
        chunk.clear();
      }
      return true;
    });
  } catch (const std::exception& e) {
    m_timer->stop();
    emit playerStateChanged(SourceState::Failed, QString::fromStdString(e.what()));
    return;
  }
  if (!chunk.isEmpty()) emit eventsReady(chunk);
  m_cursor = t_us + 1;
}

void SessionPlayerWorker::tick() {
  if (!m_reader || m_clock.paused()) return;
  int64_t position = m_clock.position();
  if (position >= m_end && !refreshRange()) {
    emitUpTo(m_end);
    m_clock.seek(m_end);
    m_clock.pause();
    m_timer->stop();
    m_finished = true;
    emit positionChanged(m_end);
    emit playerStateChanged(SourceState::Finished, {});
    return;
  }
  position = std::min(position, m_end);
  emitUpTo(position);
  emit positionChanged(position);
}

}  // namespace cleave::studio

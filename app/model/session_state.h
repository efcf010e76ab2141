// Everything the studio knows about one session, as plain data built from its events (live or
// replayed): session info and model, devices, rounds, time series, log, the latest preview frame.
// GUI thread only: apply() batches from an EventSource, reset() on resetRequested. Signals are per
// area so each view redraws only what changed. Unknown kinds and fields are skipped (forward
// compatible); a malformed event is counted in skippedEvents() and otherwise ignored.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <cmath>
#include <deque>
#include <map>
#include <optional>
#include <vector>

#include "core/model/model_spec.h"
#include "core/plan/device_profile.h"
#include "core/session/event.h"

namespace cleave::studio {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// A device's measured delay split for one round (phase_timing), milliseconds for the whole round.
struct PhaseSample {
  double edge_ms = 0, up_ms = 0, cloud_ms = 0, down_ms = 0, wait_ms = 0;
  double round_ms = kNoValue, jitter_ms = kNoValue;
  qint64 bytes_up = 0, bytes_down = 0;
  int steps = 0;
  int cut = -1;
  bool straggler = false;
};

struct DeviceState {
  QString name;
  QString role;          // "edge", "operator", ... ; "" until device_joined
  QString status;        // pending | approved | rejected | online | straggler | offline
  QString detail;        // status detail or why it left
  bool pending = false;  // an unknown key waiting for approval
  QString fingerprint;   // pending / joined: the key's fingerprint (never the key)
  QString address;
  QString cpu;
  int cores = 0;
  qint64 memory_bytes = 0;       // 0: unknown / unlimited
  std::vector<double> layer_ms;  // measured fwd+bwd per trunk layer at profile_batch; empty: none
  int profile_batch = 1;
  bool profiled = false;
  std::optional<LinkProfile> link;  // the emulated link (device_joined / device_settings)
  double slowdown = 1.0;
  int cut = -1;  // in the latest plan; -1 unknown
  int planned_steps = 0;
  std::optional<PhaseSample> last_phase;
  int last_phase_round = -1;
  double jitter_ms = kNoValue;
  double measured_up_mbps = kNoValue;  // bytes_up over up_ms of the last round (incl. latency)
  double measured_down_mbps = kNoValue;
  double exit_rate = kNoValue;
  double latency_ms = kNoValue;  // exit_stats latency_ms_mean
  qint64 last_seen_us = 0;
};

struct PlannedDevice {
  int cut = -1;
  int steps = 0;
  double predicted_step_ms = kNoValue;
};

struct RoundState {
  int round = -1;
  qint64 start_us = -1, end_us = -1;
  QString plan_mode;
  std::map<QString, PlannedDevice> plan;
  std::map<QString, PhaseSample> phases;
  QStringList devices;  // round_start
  double deadline_ms = kNoValue;
  double round_ms = kNoValue;
  QStringList completed, stragglers;
  QString end_reason;
  bool evaluated = false;
  double accuracy_final = kNoValue, loss = kNoValue, exit_rate = kNoValue;
  std::map<QString, double> accuracy_exits;
  qint64 samples = 0;
};

struct RoundSettingsState {
  int rounds = 0, steps = 0, batch = 0, fedavg_every = 0;
  double lr = 0, deadline_ms = 0;
  QString codec;  // fp32 | fp16 | int8
};

struct SessionInfoState {
  bool started = false;
  bool resumed = false;
  bool ended = false;
  QString end_reason;
  bool paused = false;
  QString pause_reason;
  QString use_case;
  QString spec_json;
  std::optional<ModelSpec> spec;  // parsed spec_json; nullopt with spec_error when unusable
  QString spec_error;
  RoundSettingsState settings;
  QString split_mode;  // manual | fastest | in-step
  int split_cut = -1;
  std::map<QString, std::pair<QString, int>> device_splits;  // per-device overrides (settings)
};

struct LogEntry {
  qint64 t_us = 0;
  QString level;  // debug | info | warning | error
  QString device;
  QString message;
};

struct PreviewFrame {
  qint64 t_us = 0;
  QString device;
  QByteArray png;  // decoded from png_base64
  QString exit;    // exit name or "cloud"
  int prediction = -1;
  int label = -1;  // -1: unknown
  double latency_ms = kNoValue;
};

// The time series the Rounds and Inference pages plot; x = session seconds.
enum class SeriesKind {
  DelayPerDevice,     // round_ms per device (phase_timing)
  JitterPerDevice,    // jitter_ms per device
  AccuracyPerExit,    // evaluation: "final" and each exit
  ExitRate,           // "fleet" (evaluation) and per device (exit_stats)
  BytesPerRound,      // "up" and "down", summed over the round's devices
  StragglersPerRound  // "stragglers": count per round
};
inline constexpr int kSeriesKindCount = 6;

struct SeriesAppend {
  SeriesKind kind;
  QString name;
  QVector<QPointF> points;
};

class SessionState : public QObject {
  Q_OBJECT
 public:
  static constexpr int kMaxLogEntries = 10'000;

  explicit SessionState(QObject* parent = nullptr);

  void apply(const QVector<cleave::Event>& events);
  void reset();
  // A recorded file's own info (SessionPlayer::opened): the model before any event names it.
  void setFileInfo(const QString& use_case, const QString& spec_json, const QString& settings_json);

  const SessionInfoState& session() const { return m_session; }
  const std::map<QString, DeviceState>& devices() const { return m_devices; }
  const QStringList& deviceOrder() const { return m_deviceOrder; }  // first-seen order
  const DeviceState* device(const QString& name) const;
  const std::map<int, RoundState>& rounds() const { return m_rounds; }
  int latestRound() const { return m_rounds.empty() ? -1 : m_rounds.rbegin()->first; }
  const std::map<QString, QVector<QPointF>>& series(SeriesKind kind) const {
    return m_series[static_cast<int>(kind)];
  }
  const std::deque<LogEntry>& log() const { return m_log; }
  qint64 logDropped() const { return m_logDropped; }  // oldest entries dropped beyond the cap
  const std::optional<PreviewFrame>& preview() const { return m_preview; }
  qint64 lastEventUs() const { return m_lastEventUs; }
  qint64 skippedEvents() const { return m_skipped; }

 signals:
  void stateReset();
  void sessionChanged();                 // info, model, settings, split, paused/ended
  void devicesChanged();                 // any device field (rows may have been added)
  void roundsChanged(int latest_round);  // a round's plan, phases, end or evaluation
  void seriesAppended(const QVector<cleave::studio::SeriesAppend>& appended);
  void logAppended(int added, int dropped);  // `dropped` oldest entries left before `added` came
  void previewChanged();

 private:
  struct Dirty;
  void applyOne(const cleave::Event& e, Dirty& dirty);
  DeviceState& deviceRef(const QString& name, Dirty& dirty);
  RoundState& roundRef(int round);
  void appendPoint(SeriesKind kind, const QString& name, double t_s, double value, Dirty& dirty);
  void addLog(const LogEntry& entry, Dirty& dirty);
  // Joins, departures, approvals and closed rounds also go to the log: it tells the session.
  void narrate(const cleave::Event& e, const QString& level, const QString& message, Dirty& dirty);
  void parseSpec();

  SessionInfoState m_session;
  std::map<QString, DeviceState> m_devices;
  QStringList m_deviceOrder;
  std::map<int, RoundState> m_rounds;
  std::map<QString, QVector<QPointF>> m_series[kSeriesKindCount];
  std::deque<LogEntry> m_log;
  qint64 m_logDropped = 0;
  std::optional<PreviewFrame> m_preview;
  qint64 m_lastEventUs = 0;
  qint64 m_skipped = 0;
};

}  // namespace cleave::studio

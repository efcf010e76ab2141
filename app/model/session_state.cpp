#include "app/model/session_state.h"

#include <QHash>
#include <QLoggingCategory>
#include <nlohmann/json.hpp>

Q_LOGGING_CATEGORY(lcState, "cleave.studio.state")

namespace cleave::studio {

namespace {

using Json = nlohmann::json;

QString str(const Json& j, const char* key, const QString& fallback = {}) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return fallback;
  return QString::fromStdString(it->get<std::string>());
}

double num(const Json& j, const char* key, double fallback = kNoValue) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return fallback;
  return it->get<double>();
}

qint64 integer(const Json& j, const char* key, qint64 fallback = 0) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return fallback;
  return it->is_number_float() ? static_cast<qint64>(it->get<double>()) : it->get<qint64>();
}

bool flag(const Json& j, const char* key, bool fallback = false) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) return fallback;
  return it->get<bool>();
}

QStringList names(const Json& j, const char* key) {
  QStringList out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out << QString::fromStdString(v.get<std::string>());
  return out;
}

std::optional<LinkProfile> linkFrom(const Json& j) {
  const auto it = j.find("link");
  if (it == j.end() || !it->is_object()) return std::nullopt;
  LinkProfile l;
  l.up_mbps = num(*it, "up_mbps", 0);
  l.down_mbps = num(*it, "down_mbps", 0);
  l.latency_ms = num(*it, "latency_ms", 0);
  l.jitter_ms = num(*it, "jitter_ms", 0);
  l.loss = num(*it, "loss", 0);
  return l;
}

void readSettings(const Json& j, RoundSettingsState& s) {
  if (!j.is_object()) return;
  s.rounds = static_cast<int>(integer(j, "rounds", s.rounds));
  s.steps = static_cast<int>(integer(j, "steps", s.steps));
  s.batch = static_cast<int>(integer(j, "batch", s.batch));
  s.fedavg_every = static_cast<int>(integer(j, "fedavg_every", s.fedavg_every));
  s.lr = num(j, "lr", s.lr);
  s.deadline_ms = num(j, "deadline_ms", s.deadline_ms);
  s.codec = str(j, "codec", s.codec);
}

double mbps(qint64 bytes, double ms) {
  return ms > 0 ? static_cast<double>(bytes) * 8.0 / (ms * 1000.0) : kNoValue;
}

}  // namespace

struct SessionState::Dirty {
  bool session = false;
  bool devices = false;
  int round = -1;
  bool rounds = false;
  QVector<SeriesAppend> series;
  QHash<QString, int> series_index;  // "<kind>/<name>" -> index in `series`
  int log_added = 0;
  int log_dropped = 0;
  bool preview = false;
};

SessionState::SessionState(QObject* parent) : QObject(parent) {}

const DeviceState* SessionState::device(const QString& name) const {
  const auto it = m_devices.find(name);
  return it == m_devices.end() ? nullptr : &it->second;
}

void SessionState::reset() {
  m_session = {};
  m_devices.clear();
  m_deviceOrder.clear();
  m_rounds.clear();
  for (auto& s : m_series)
    s.clear();
  m_log.clear();
  m_logDropped = 0;
  m_preview.reset();
  m_lastEventUs = 0;
  m_skipped = 0;
  emit stateReset();
}

void SessionState::setFileInfo(const QString& use_case, const QString& spec_json,
                               const QString& settings_json) {
  if (m_session.use_case.isEmpty()) m_session.use_case = use_case;
  if (m_session.spec_json.isEmpty() && !spec_json.isEmpty()) {
    m_session.spec_json = spec_json;
    parseSpec();
  }
  try {
    if (!settings_json.isEmpty())
      readSettings(Json::parse(settings_json.toStdString()), m_session.settings);
  } catch (const Json::exception&) {
    // A file whose settings are not JSON still replays; the settings panel stays empty.
  }
  emit sessionChanged();
}

void SessionState::parseSpec() {
  m_session.spec.reset();
  m_session.spec_error.clear();
  try {
    m_session.spec = parseModelSpec(m_session.spec_json.toStdString(), "session model");
  } catch (const std::exception& e) {
    m_session.spec_error = QString::fromStdString(e.what());
  }
}

DeviceState& SessionState::deviceRef(const QString& name, Dirty& dirty) {
  dirty.devices = true;
  auto [it, inserted] = m_devices.try_emplace(name);
  if (inserted) {
    it->second.name = name;
    m_deviceOrder << name;
  }
  return it->second;
}

RoundState& SessionState::roundRef(int round) {
  auto [it, inserted] = m_rounds.try_emplace(round);
  if (inserted) it->second.round = round;
  return it->second;
}

void SessionState::appendPoint(SeriesKind kind, const QString& name, double t_s, double value,
                               Dirty& dirty) {
  if (!std::isfinite(value)) return;
  const QPointF p(t_s, value);
  m_series[static_cast<int>(kind)][name].push_back(p);
  const QString key = QString::number(static_cast<int>(kind)) + QLatin1Char('/') + name;
  const auto it = dirty.series_index.constFind(key);
  if (it != dirty.series_index.constEnd()) {
    dirty.series[*it].points.push_back(p);
    return;
  }
  dirty.series_index.insert(key, static_cast<int>(dirty.series.size()));
  dirty.series.push_back({kind, name, {p}});
}

void SessionState::narrate(const cleave::Event& e, const QString& level, const QString& message,
                           Dirty& dirty) {
  addLog({e.t_us, level, QString::fromStdString(e.device), message}, dirty);
}

void SessionState::addLog(const LogEntry& entry, Dirty& dirty) {
  m_log.push_back(entry);
  ++dirty.log_added;
  while (static_cast<int>(m_log.size()) > kMaxLogEntries) {
    const bool shown_before = static_cast<int>(m_log.size()) - dirty.log_added > 0;
    m_log.pop_front();
    ++m_logDropped;
    if (shown_before) {
      ++dirty.log_dropped;
    } else {
      --dirty.log_added;  // an entry of this batch that never got shown
    }
  }
}

void SessionState::apply(const QVector<cleave::Event>& events) {
  Dirty dirty;
  for (const cleave::Event& e : events) {
    try {
      applyOne(e, dirty);
    } catch (const std::exception& ex) {
      ++m_skipped;
      qCDebug(lcState) << "skipped" << QString::fromStdString(e.kind) << "event:" << ex.what();
    }
    m_lastEventUs = std::max<qint64>(m_lastEventUs, e.t_us);
  }
  if (dirty.session) emit sessionChanged();
  if (dirty.devices) emit devicesChanged();
  if (dirty.rounds) emit roundsChanged(latestRound());
  if (!dirty.series.isEmpty()) emit seriesAppended(dirty.series);
  if (dirty.log_added > 0 || dirty.log_dropped > 0)
    emit logAppended(dirty.log_added, dirty.log_dropped);
  if (dirty.preview) emit previewChanged();
}

void SessionState::applyOne(const cleave::Event& e, Dirty& dirty) {
  const Json data = e.data_json.empty() ? Json::object() : Json::parse(e.data_json);
  if (!data.is_object()) throw std::invalid_argument("data is not a JSON object");
  const QString dev = QString::fromStdString(e.device);
  const double t_s = static_cast<double>(e.t_us) / 1e6;
  namespace k = event_kind;

  if (e.kind == k::kSessionStart) {
    SessionInfoState& s = m_session;
    s.started = true;
    s.ended = false;
    s.resumed = flag(data, "resumed", false);
    s.use_case = str(data, "use_case", s.use_case);
    const QString spec = str(data, "spec_json");
    if (!spec.isEmpty() && spec != s.spec_json) {
      s.spec_json = spec;
      parseSpec();
    }
    if (const auto it = data.find("settings"); it != data.end()) readSettings(*it, s.settings);
    if (const auto it = data.find("split"); it != data.end() && it->is_object()) {
      s.split_mode = str(*it, "mode", s.split_mode);
      s.split_cut = static_cast<int>(integer(*it, "cut", -1));
    }
    dirty.session = true;
  } else if (e.kind == k::kSessionEnd) {
    m_session.ended = true;
    m_session.end_reason = str(data, "reason");
    narrate(e, QStringLiteral("info"), tr("session ended: %1").arg(m_session.end_reason), dirty);
    dirty.session = true;
  } else if (e.kind == k::kPaused || e.kind == k::kResumed) {
    m_session.paused = e.kind == k::kPaused;
    m_session.pause_reason = str(data, "reason");
    narrate(e, QStringLiteral("info"),
            m_session.paused ? tr("rounds paused: %1").arg(m_session.pause_reason)
                             : tr("rounds resumed"),
            dirty);
    dirty.session = true;
  } else if (e.kind == k::kSettings) {
    if (const auto it = data.find("settings"); it != data.end()) {
      readSettings(*it, m_session.settings);
    }
    if (const auto it = data.find("split"); it != data.end() && it->is_object()) {
      m_session.split_mode = str(*it, "mode", m_session.split_mode);
      m_session.split_cut = static_cast<int>(integer(*it, "cut", -1));
    }
    if (const auto it = data.find("device_splits"); it != data.end() && it->is_object()) {
      m_session.device_splits.clear();
      for (const auto& [name, v] : it->items()) {
        if (!v.is_object()) continue;
        m_session.device_splits[QString::fromStdString(name)] = {
            str(v, "mode"), static_cast<int>(integer(v, "cut", -1))};
      }
    }
    dirty.session = true;
  } else if (e.kind == k::kDeviceJoined) {
    if (dev.isEmpty()) throw std::invalid_argument("device_joined without a device");
    DeviceState& d = deviceRef(dev, dirty);
    if (d.role.isEmpty() || d.status == QLatin1String("offline")) {
      narrate(e, QStringLiteral("info"),
              tr("joined (%1, %2 cores)").arg(str(data, "cpu")).arg(integer(data, "cores", 0)),
              dirty);
    }
    d.role = str(data, "role", d.role);
    d.cpu = str(data, "cpu", d.cpu);
    d.cores = static_cast<int>(integer(data, "cores", d.cores));
    d.memory_bytes = integer(data, "memory_bytes", d.memory_bytes);
    d.fingerprint = str(data, "fingerprint", d.fingerprint);
    d.address = str(data, "address", d.address);
    if (const auto it = data.find("layer_ms"); it != data.end() && it->is_array()) {
      std::vector<double> ms;
      for (const auto& v : *it)
        if (v.is_number()) ms.push_back(v.get<double>());
      if (!ms.empty() || d.layer_ms.empty()) d.layer_ms = std::move(ms);
    }
    d.profile_batch = static_cast<int>(integer(data, "profile_batch", d.profile_batch));
    d.profiled = flag(data, "profiled", !d.layer_ms.empty());
    if (auto link = linkFrom(data)) d.link = link;
    const double slowdown = num(data, "slowdown");
    if (std::isfinite(slowdown) && slowdown > 0) d.slowdown = slowdown;
    d.pending = false;
    if (d.status.isEmpty() || d.status == QLatin1String("pending") ||
        d.status == QLatin1String("offline")) {
      d.status = QStringLiteral("online");
    }
    d.last_seen_us = e.t_us;
  } else if (e.kind == k::kDeviceLeft) {
    DeviceState& d = deviceRef(dev, dirty);
    d.status = QStringLiteral("offline");
    d.detail = str(data, "reason");
    narrate(e, QStringLiteral("warning"), tr("left: %1").arg(d.detail), dirty);
    d.last_seen_us = e.t_us;
  } else if (e.kind == k::kDeviceStatus) {
    DeviceState& d = deviceRef(dev, dirty);
    d.status = str(data, "status", d.status);
    d.detail = str(data, "detail");
    d.pending = d.status == QLatin1String("pending");
    d.fingerprint = str(data, "fingerprint", d.fingerprint);
    d.address = str(data, "address", d.address);
    if (d.pending) {
      narrate(e, QStringLiteral("warning"),
              tr("unknown key %1 from %2 is waiting for approval").arg(d.fingerprint, d.address),
              dirty);
    } else if (d.status == QLatin1String("approved") || d.status == QLatin1String("rejected")) {
      narrate(e, QStringLiteral("info"), d.status, dirty);
    }
    d.last_seen_us = e.t_us;
  } else if (e.kind == k::kDeviceSettings) {
    DeviceState& d = deviceRef(dev, dirty);
    if (auto link = linkFrom(data)) d.link = link;
    const double slowdown = num(data, "slowdown");
    if (std::isfinite(slowdown) && slowdown > 0) d.slowdown = slowdown;
  } else if (e.kind == k::kPlan) {
    RoundState& r = roundRef(e.round);
    r.plan_mode = str(data, "mode", r.plan_mode);
    r.plan.clear();
    if (const auto it = data.find("devices"); it != data.end() && it->is_array()) {
      for (const auto& pd : *it) {
        QString name = str(pd, "device");
        if (name.isEmpty()) name = str(pd, "name");
        if (name.isEmpty()) continue;
        PlannedDevice p;
        p.cut = static_cast<int>(integer(pd, "cut", -1));
        p.steps = static_cast<int>(integer(pd, "steps", 0));
        if (const auto step = pd.find("step"); step != pd.end() && step->is_object()) {
          p.predicted_step_ms = num(*step, "total_ms");
        }
        r.plan[name] = p;
        DeviceState& d = deviceRef(name, dirty);
        d.cut = p.cut;
        d.planned_steps = p.steps;
      }
    }
    dirty.rounds = true;
  } else if (e.kind == k::kRoundStart) {
    RoundState& r = roundRef(e.round);
    r.start_us = e.t_us;
    r.devices = names(data, "devices");
    r.deadline_ms = num(data, "deadline_ms");
    dirty.rounds = true;
  } else if (e.kind == k::kPhaseTiming) {
    if (dev.isEmpty()) throw std::invalid_argument("phase_timing without a device");
    PhaseSample p;
    p.edge_ms = num(data, "edge_ms", 0);
    p.up_ms = num(data, "up_ms", 0);
    p.cloud_ms = num(data, "cloud_ms", 0);
    p.down_ms = num(data, "down_ms", 0);
    p.wait_ms = num(data, "wait_ms", 0);
    p.round_ms = num(data, "round_ms");
    p.jitter_ms = num(data, "jitter_ms");
    p.bytes_up = integer(data, "bytes_up");
    p.bytes_down = integer(data, "bytes_down");
    p.steps = static_cast<int>(integer(data, "steps"));
    p.cut = static_cast<int>(integer(data, "cut", -1));
    p.straggler = flag(data, "straggler");
    roundRef(e.round).phases[dev] = p;
    DeviceState& d = deviceRef(dev, dirty);
    d.last_phase = p;
    d.last_phase_round = e.round;
    if (p.cut >= 0) d.cut = p.cut;
    if (std::isfinite(p.jitter_ms)) d.jitter_ms = p.jitter_ms;
    if (p.up_ms > 0) d.measured_up_mbps = mbps(p.bytes_up, p.up_ms);
    if (p.down_ms > 0) d.measured_down_mbps = mbps(p.bytes_down, p.down_ms);
    d.last_seen_us = e.t_us;
    appendPoint(SeriesKind::DelayPerDevice, dev, t_s, p.round_ms, dirty);
    appendPoint(SeriesKind::JitterPerDevice, dev, t_s, p.jitter_ms, dirty);
    dirty.rounds = true;
  } else if (e.kind == k::kRoundEnd) {
    RoundState& r = roundRef(e.round);
    r.end_us = e.t_us;
    r.round_ms = num(data, "round_ms");
    r.completed = names(data, "completed");
    r.stragglers = names(data, "stragglers");
    r.end_reason = str(data, "reason");
    qint64 up = 0, down = 0;
    for (const auto& [name, p] : r.phases) {
      up += p.bytes_up;
      down += p.bytes_down;
    }
    appendPoint(SeriesKind::BytesPerRound, QStringLiteral("up"), t_s, double(up), dirty);
    appendPoint(SeriesKind::BytesPerRound, QStringLiteral("down"), t_s, double(down), dirty);
    appendPoint(SeriesKind::StragglersPerRound, QStringLiteral("stragglers"), t_s,
                double(r.stragglers.size()), dirty);
    QString closed = tr("round %1 closed in %2 ms (%3)")
                         .arg(e.round)
                         .arg(r.round_ms, 0, 'f', 0)
                         .arg(r.end_reason.isEmpty() ? tr("completed") : r.end_reason);
    if (!r.stragglers.isEmpty()) closed += tr("; stragglers: %1").arg(r.stragglers.join(", "));
    narrate(e, r.stragglers.isEmpty() ? QStringLiteral("info") : QStringLiteral("warning"), closed,
            dirty);
    for (const QString& name : r.stragglers) {
      if (m_devices.count(name))
        deviceRef(name, dirty).detail = tr("straggler in round %1").arg(e.round);
    }
    dirty.rounds = true;
  } else if (e.kind == k::kEvaluation) {
    RoundState& r = roundRef(e.round);
    r.evaluated = true;
    r.accuracy_final = num(data, "accuracy_final");
    r.loss = num(data, "loss");
    r.exit_rate = num(data, "exit_rate");
    r.samples = integer(data, "samples");
    r.accuracy_exits.clear();
    if (const auto it = data.find("accuracy_exits"); it != data.end() && it->is_object()) {
      for (const auto& [name, v] : it->items()) {
        if (!v.is_number()) continue;
        r.accuracy_exits[QString::fromStdString(name)] = v.get<double>();
        appendPoint(SeriesKind::AccuracyPerExit, QString::fromStdString(name), t_s, v.get<double>(),
                    dirty);
      }
    }
    appendPoint(SeriesKind::AccuracyPerExit, QStringLiteral("final"), t_s, r.accuracy_final, dirty);
    appendPoint(SeriesKind::ExitRate, QStringLiteral("fleet"), t_s, r.exit_rate, dirty);
    dirty.rounds = true;
  } else if (e.kind == k::kExitStats) {
    DeviceState& d = deviceRef(dev, dirty);
    const double rate = num(data, "exit_rate");
    if (std::isfinite(rate)) d.exit_rate = rate;
    const double latency = num(data, "latency_ms_mean");
    if (std::isfinite(latency)) d.latency_ms = latency;
    appendPoint(SeriesKind::ExitRate, dev, t_s, rate, dirty);
  } else if (e.kind == k::kPreview) {
    PreviewFrame f;
    f.t_us = e.t_us;
    f.device = dev;
    f.png = QByteArray::fromBase64(str(data, "png_base64").toLatin1());
    f.exit = str(data, "exit");
    f.prediction = static_cast<int>(integer(data, "prediction", -1));
    f.label = static_cast<int>(integer(data, "label", -1));
    f.latency_ms = num(data, "latency_ms");
    m_preview = std::move(f);
    dirty.preview = true;
  } else if (e.kind == k::kLog) {
    addLog({e.t_us, str(data, "level", QStringLiteral("info")), dev, str(data, "message")}, dirty);
    return;
  } else {
    return;  // a kind this studio does not know: skipped (newer cloud)
  }
}

}  // namespace cleave::studio

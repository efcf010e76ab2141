// Replay reproduces a recorded session exactly: a short session is recorded (by the real
// cleave-cloud with real agents, and by the simulator's recorder), then `cleave replay --print`,
// the replay API and `cleave export --csv` are compared with what the session file holds. Every
// metric they report must equal the recorded one bit for bit.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <bit>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "core/session/event.h"
#include "core/session/metric_names.h"
#include "core/session/replay.h"
#include "core/session/replay_clock.h"
#include "core/session/session_reader.h"

using namespace cleave;

namespace {

QByteArray run(const QString& program, const QStringList& args, int ms) {
  QProcess p;
  p.setProcessChannelMode(QProcess::SeparateChannels);
  p.start(program, args);
  const bool done = p.waitForFinished(ms);
  const QByteArray out = p.readAllStandardOutput();
  if (!done) p.kill();
  if (!done || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
    qWarning("%s failed:\n%s\n%s", qPrintable(program), out.constData(),
             p.readAllStandardError().constData());
    return {};
  }
  return out;
}

bool sameBits(double a, double b) {
  return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
}

// One line of `cleave replay --print`:
// "[%10.3f s] KIND round N  DEVICE DATA_JSON" (DEVICE absent for session-wide events).
struct PrintedEvent {
  double t_s = 0;
  Event event;
};

std::optional<PrintedEvent> parsePrinted(const std::string& line) {
  if (line.size() < 3 || line[0] != '[') return std::nullopt;
  const size_t close = line.find(" s] ");
  if (close == std::string::npos) return std::nullopt;
  PrintedEvent p;
  p.t_s = std::stod(line.substr(1, close - 1));
  std::istringstream in(line.substr(close + 4));
  std::string word;
  in >> p.event.kind >> word >> p.event.round;
  if (word != "round" || !in) return std::nullopt;
  std::string rest;
  std::getline(in, rest);
  rest.erase(0, rest.find_first_not_of(' '));
  if (!rest.empty() && rest[0] != '{') {  // a device name, then the data
    const size_t space = rest.find(' ');
    p.event.device = rest.substr(0, space);
    rest = space == std::string::npos ? "" : rest.substr(rest.find_first_not_of(' ', space));
  }
  p.event.data_json = rest;
  return p;
}

// Where a recorded metric is reported in the event stream: the event kind and its field (null:
// the field named like the metric). Per-device metrics are the device's phase_timing fields.
struct Source {
  const char* kind;
  const char* field;
};
std::optional<Source> sourceOf(const MetricRecord& m) {
  using namespace metric_name;
  const std::string n = m.name;
  if (m.device.empty()) {
    if (n == kAccuracyFinal) return Source{event_kind::kEvaluation, "accuracy_final"};
    if (n == kLoss) return Source{event_kind::kEvaluation, "loss"};
    if (n == kRoundMs) return Source{event_kind::kRoundEnd, "round_ms"};
    return std::nullopt;
  }
  return Source{event_kind::kPhaseTiming, nullptr};  // the field of the metric's name
}

// The early-exit rate lives in `evaluation` (cloud) or `exit_stats` (simulator).
std::optional<double> reportedExitRate(const std::vector<Event>& events, int round) {
  for (const Event& e : events) {
    if (e.round != round || !e.device.empty()) continue;
    if (e.kind != event_kind::kEvaluation && e.kind != event_kind::kExitStats) continue;
    const auto data = nlohmann::json::parse(e.data_json);
    if (data.contains("exit_rate")) return data["exit_rate"].get<double>();
  }
  return std::nullopt;
}

// Compares every recorded metric the events report; returns how many were compared.
int compareMetricsWithEvents(const std::vector<MetricRecord>& metrics,
                             const std::vector<Event>& events) {
  int compared = 0;
  for (const MetricRecord& m : metrics) {
    std::optional<double> reported;
    if (m.device.empty() && m.name == metric_name::kExitRate) {
      reported = reportedExitRate(events, m.round);
    } else if (const auto source = sourceOf(m)) {
      int found = 0;
      for (const Event& e : events) {
        if (e.kind != source->kind || e.round != m.round || e.device != m.device) continue;
        const auto data = nlohmann::json::parse(e.data_json);
        const std::string field = source->field ? source->field : m.name;
        if (!data.contains(field) || !data[field].is_number()) continue;
        reported = data[field].get<double>();
        ++found;
      }
      if (found > 1) {
        qWarning("metric %s round %d '%s' reported %d times", m.name.c_str(), m.round,
                 m.device.c_str(), found);
        return -1;
      }
    } else {
      continue;  // not carried by any event
    }
    if (!reported && !m.device.empty()) continue;  // this recorder's timing event lacks it
    if (!reported) {
      qWarning("metric %s round %d '%s' is in no event", m.name.c_str(), m.round, m.device.c_str());
      return -1;
    }
    if (!sameBits(*reported, m.value)) {
      qWarning("metric %s round %d '%s': recorded %.17g, replayed %.17g", m.name.c_str(), m.round,
               m.device.c_str(), m.value, *reported);
      return -1;
    }
    ++compared;
  }
  return compared;
}

// metrics.csv: round,device,name,value,t_us (header first, CRLF line ends).
std::vector<MetricRecord> readMetricsCsv(const std::string& file) {
  std::ifstream in(file);
  std::vector<MetricRecord> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream s(line);
    for (std::string field; std::getline(s, field, ',');)
      f.push_back(field);
    if (f.size() != 5) return {};  // names and devices here never need quoting
    MetricRecord m;
    m.round = std::stoi(f[0]);
    m.device = f[1];
    m.name = f[2];
    m.value = std::strtod(f[3].c_str(), nullptr);
    m.t_us = std::stoll(f[4]);
    rows.push_back(m);
  }
  return rows;
}

// The whole comparison for one recorded session.
void checkSession(const QString& session, const QString& csv_dir, int rounds) {
  const SessionReader reader(session.toStdString());
  const std::vector<Event> recorded = reader.events();
  const std::vector<MetricRecord> metrics = reader.metrics();
  QVERIFY(!recorded.empty());

  // 1. The replay API, as fast as possible: every event, in time order, unchanged.
  std::vector<Event> replayed;
  const int64_t emitted = replayEvents(
      reader, kReplayAsFastAsPossible, [&](const Event& e) { replayed.push_back(e); },
      [] { return false; });
  QCOMPARE(emitted, int64_t(recorded.size()));
  QVERIFY(replayed == recorded);
  for (size_t i = 1; i < replayed.size(); ++i)
    QVERIFY(replayed[i - 1].t_us <= replayed[i].t_us);

  // 2. `cleave replay --print`: the same events, in time order, and the metrics they carry equal
  //    the recorded metrics bit for bit.
  const QByteArray printed =
      run(CLEAVE_CLI_BINARY, {"replay", session, "--print", "--speed", "max"}, 60'000);
  QVERIFY(!printed.isEmpty());
  std::vector<Event> from_print;
  double last_t = -std::numeric_limits<double>::infinity();
  for (const QByteArray& line : printed.split('\n')) {
    const auto p = parsePrinted(line.toStdString());
    if (!p) continue;
    QVERIFY2(p->t_s >= last_t, line.constData());
    last_t = p->t_s;
    from_print.push_back(p->event);
  }
  QVERIFY2(printed.contains(QByteArray::number(qlonglong(recorded.size())) + " events"),
           printed.constData());
  QCOMPARE(from_print.size(), recorded.size());
  for (size_t i = 0; i < recorded.size(); ++i) {
    const Event& a = recorded[i];
    const Event& b = from_print[i];
    QVERIFY2(std::tie(a.kind, a.round, a.device, a.data_json) ==
                 std::tie(b.kind, b.round, b.device, b.data_json),
             (a.kind + " " + a.data_json + "\n  vs " + b.kind + " " + b.data_json).c_str());
  }
  const int compared = compareMetricsWithEvents(metrics, from_print);
  QVERIFY(compared > 0);
  qInfo("%d recorded metrics equal the replayed ones bit for bit", compared);
  // At least accuracy, loss, exit rate and round time of every round were compared.
  QVERIFY2(compared >= 4 * rounds, QByteArray::number(compared).constData());
  for (int r = 1; r <= rounds; ++r) {
    MetricQuery q;
    q.round = r;
    q.device = "";
    q.name = metric_name::kAccuracyFinal;
    QCOMPARE(reader.metrics(q).size(), size_t(1));
  }

  // 3. `cleave export --csv`: every metric row, values bit for bit.
  QVERIFY(!run(CLEAVE_CLI_BINARY, {"export", session, "--csv", csv_dir}, 60'000).isEmpty());
  const auto rows = readMetricsCsv((csv_dir + "/metrics.csv").toStdString());
  QCOMPARE(rows.size(), metrics.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    QCOMPARE(rows[i].round, metrics[i].round);
    QCOMPARE(rows[i].device, metrics[i].device);
    QCOMPARE(rows[i].name, metrics[i].name);
    QCOMPARE(rows[i].t_us, metrics[i].t_us);
    QVERIFY2(sameBits(rows[i].value, metrics[i].value),
             (rows[i].name + " " + std::to_string(rows[i].value)).c_str());
  }
}

}  // namespace

class TstReplayExact : public QObject {
  Q_OBJECT

 private slots:
  void realCloudSessionReplaysExactly() {
    QTemporaryDir dir;
    const QString session = dir.filePath("cloud.cleave");
    QVERIFY(
        !run(CLEAVE_CLOUD_BINARY,
             {"--demo", "2", "--use-case", "factory", "--rounds", "2", "--steps", "4", "--batch",
              "16", "--keys", dir.filePath("keys"), "--session", session, "--test-limit", "100"},
             90'000)
             .isEmpty());
    checkSession(session, dir.filePath("csv"), 2);
  }

  void simulatedSessionReplaysExactly() {
    QTemporaryDir dir;
    const QString session = dir.filePath("sim.cleave");
    QVERIFY(!run(CLEAVE_CLI_BINARY,
                 {"simulate", "--use-case", "factory", "--devices", "2", "--rounds", "2", "--steps",
                  "4", "--batch", "16", "--fedavg-every", "1", "--test-limit", "100",
                  "--train-limit", "400", "--session", session},
                 90'000)
                 .isEmpty());
    checkSession(session, dir.filePath("csv"), 2);
  }
};

QTEST_GUILESS_MAIN(TstReplayExact)
#include "tst_replay_exact.moc"

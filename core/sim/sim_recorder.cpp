#include "core/sim/sim_recorder.h"

#include <nlohmann/json.hpp>

#include "core/plan/plan_report.h"
#include "core/session/event.h"
#include "core/session/metric_names.h"
#include "core/session/session_writer.h"

namespace cleave {

SimRecorder::SimRecorder(const std::string& path, const std::string& model_spec_json,
                         const std::string& use_case, const std::string& settings_json)
    : m_writer(std::make_unique<SessionWriter>(
          path, SessionInfo{"", model_spec_json, use_case, settings_json, 0})) {
  const int64_t t0 = m_writer->resumeTimeUs();
  m_writer->appendEvent({t0, event_kind::kSessionStart, -1, "",
                         nlohmann::json{{"resumed", m_writer->resumed()}}.dump()});
  m_writer->flush();
}

SimRecorder::~SimRecorder() = default;

void SimRecorder::recordRound(const RoundReport& r, const Plan& plan, const Weights& global,
                              int64_t t_us) {
  const int64_t t = m_writer->resumeTimeUs() + t_us;
  const std::string plan_json = planToJson(plan).dump();
  m_writer->recordPlan({r.round, t, plan_json});
  nlohmann::json names = nlohmann::json::array();
  nlohmann::json completed = nlohmann::json::array();
  nlohmann::json stragglers = nlohmann::json::array();
  for (const auto& d : r.devices) {
    names.push_back(d.device);
    (d.straggler ? stragglers : completed).push_back(d.device);
  }
  m_writer->appendEvent(
      {t, event_kind::kRoundStart, r.round, "",
       nlohmann::json{{"devices", names}, {"deadline_ms", r.deadline_ms}}.dump()});
  for (const auto& d : r.devices) {
    m_writer->appendEvent({t, event_kind::kPhaseTiming, r.round, d.device,
                           nlohmann::json{{"edge_ms", d.delay.edge_ms},
                                          {"up_ms", d.delay.up_ms},
                                          {"cloud_ms", d.delay.cloud_ms},
                                          {"down_ms", d.delay.down_ms},
                                          {"bytes_up", d.bytes_up},
                                          {"bytes_down", d.bytes_down},
                                          {"jitter_ms", d.jitter_ms},
                                          {"steps", d.steps},
                                          {"cut", d.cut}}
                               .dump()});
    m_writer->recordMetric({r.round, d.device, metric_name::kRoundMs, d.round_ms, t});
    m_writer->recordMetric({r.round, d.device, "jitter_ms", d.jitter_ms, t});
  }
  m_writer->appendEvent(
      {t, event_kind::kRoundEnd, r.round, "",
       nlohmann::json{
           {"round_ms", r.round_ms}, {"completed", completed}, {"stragglers", stragglers}}
           .dump()});
  nlohmann::json exits = nlohmann::json::object();
  nlohmann::json exit_rates = nlohmann::json::object();
  for (const auto& e : r.evaluation.exits) {
    exits[e.name] = e.accuracy;
    exit_rates[e.name] = e.exit_rate;
  }
  m_writer->appendEvent({t, event_kind::kEvaluation, r.round, "",
                         nlohmann::json{{"accuracy_final", r.evaluation.final_accuracy},
                                        {"accuracy_exits", exits},
                                        {"loss", r.evaluation.loss},
                                        {"samples", r.evaluation.samples}}
                             .dump()});
  m_writer->appendEvent({t, event_kind::kExitStats, r.round, "",
                         nlohmann::json{{"exit_rate", r.evaluation.early_exit_rate},
                                        {"samples", r.evaluation.samples},
                                        {"rate_per_exit", exit_rates}}
                             .dump()});
  const std::pair<const char*, double> summary[] = {
      {metric_name::kAccuracyFinal, r.evaluation.final_accuracy},
      {metric_name::kExitRate, r.evaluation.early_exit_rate},
      {metric_name::kLoss, r.evaluation.loss},
      {metric_name::kBytesUp, static_cast<double>(r.bytes_up)},
      {metric_name::kBytesDown, static_cast<double>(r.bytes_down)},
      {metric_name::kRoundMs, r.round_ms},
      {metric_name::kStragglers, static_cast<double>(stragglers.size())},
  };
  for (const auto& [name, value] : summary)
    m_writer->recordMetric({r.round, "", name, value, t});
  if (r.averaged) {
    m_writer->writeCheckpoint(r.round, t, global, plan_json);  // commits the round with it
  } else {
    m_writer->commitRound(r.round);
  }
}

void SimRecorder::finish(const std::string& reason, int64_t t_us) {
  m_writer->appendEvent({m_writer->resumeTimeUs() + t_us, event_kind::kSessionEnd, -1, "",
                         nlohmann::json{{"reason", reason}}.dump()});
  m_writer->flush();
}

}  // namespace cleave

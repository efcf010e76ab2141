// Records a simulated session into a session file (core/session), so `cleave replay` and
// `cleave export` work on simulations exactly as on live sessions. One writer thread.
#pragma once

#include <memory>
#include <string>

#include "core/plan/planner.h"
#include "core/sim/round_report.h"
#include "core/train/weights.h"

namespace cleave {

class SessionWriter;

class SimRecorder {
 public:
  // Creates (or resumes) the file. Throws SessionError with the file name on failure.
  SimRecorder(const std::string& path, const std::string& model_spec_json,
              const std::string& use_case, const std::string& settings_json);
  ~SimRecorder();

  // One transaction per round: plan, phase timings, round end, evaluation, exit rates, metrics,
  // and a checkpoint of the global model after an averaging round.
  void recordRound(const RoundReport& round, const Plan& plan, const Weights& global, int64_t t_us);
  void finish(const std::string& reason, int64_t t_us);

 private:
  std::unique_ptr<SessionWriter> m_writer;
};

}  // namespace cleave

#include "core/agent/agent_session.h"

#include <algorithm>
#include <utility>

#include "core/net/wire_tensor.h"

namespace cleave::agent {
namespace {

using Clock = std::chrono::steady_clock;

// "L3.weight" -> 3; other names (exit heads) -> 0: only the name matters for loading.
int layerOfName(const std::string& name) {
  if (name.size() < 2 || name[0] != 'L') return 0;
  int layer = 0;
  for (size_t i = 1; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) {
    layer = layer * 10 + (name[i] - '0');
  }
  return layer;
}

}  // namespace

AgentSession::AgentSession(AgentConfig config, AgentData data)
    : m_config(std::move(config)),
      m_data(std::move(data)),
      m_sampler(m_data.shard, m_config.seed),
      m_slowdown(std::max(1.0, m_config.slowdown)) {}

AgentSession::~AgentSession() = default;
AgentSession::AgentSession(AgentSession&&) noexcept = default;
AgentSession& AgentSession::operator=(AgentSession&&) noexcept = default;

net::Hello AgentSession::hello() const {
  net::Hello h;
  h.device_name = m_config.name;
  h.role = "edge";
  h.cpu_model = m_config.host.cpu_model;
  h.cores = m_config.host.cores;
  h.memory_bytes = m_config.host.memory_bytes;
  h.link = m_config.link;
  h.agent_version = kAgentVersion;
  return h;
}

std::vector<net::Body> AgentSession::connect() {
  if (m_round) finishRound(true);
  m_heartbeat_echo_us = 0;  // a new connection may reach a new cloud
  m_phase = Phase::AwaitingWelcome;
  m_refused.reset();
  return {hello()};
}

std::vector<net::Body> AgentSession::handle(const net::Body& body) {
  if (const auto* welcome = std::get_if<net::Welcome>(&body)) return onWelcome(*welcome);
  if (const auto* refused = std::get_if<net::Refused>(&body)) {
    if (m_round) finishRound(true);
    m_refused = *refused;
    m_phase = Phase::Refused;
    return {};
  }
  if (const auto* plan = std::get_if<net::RoundPlan>(&body)) return onPlan(*plan);
  if (const auto* gradients = std::get_if<net::Gradients>(&body)) return onGradients(*gradients);
  if (const auto* down = std::get_if<net::WeightsDown>(&body)) return onWeightsDown(*down);
  if (const auto* beat = std::get_if<net::Heartbeat>(&body)) {
    // Echoed in our next heartbeat: the cloud estimates our clock offset from it.
    m_heartbeat_echo_us = beat->echo_us;
    m_heartbeat_at = Clock::now();
  }
  return {};  // Heartbeat (liveness is the transport's business) and what an agent never gets
}

std::vector<net::Body> AgentSession::onWelcome(const net::Welcome& welcome) {
  ModelSpec spec = parseModelSpec(welcome.model_spec_json, "the cloud's model spec");
  if (spec.input_shape != m_data.data.sample_shape) {
    throw AgentError("the cloud's model '" + spec.name + "' expects inputs " +
                     shapeToString(spec.input_shape) + " but this agent's data '" +
                     m_data.data.name + "' is " + shapeToString(m_data.data.sample_shape));
  }
  if (m_data.data.classCount() > spec.num_classes) {
    throw AgentError("the cloud's model '" + spec.name + "' has " +
                     std::to_string(spec.num_classes) + " classes but this agent's data has " +
                     std::to_string(m_data.data.classCount()));
  }
  if (m_round) finishRound(true);
  m_spec = std::move(spec);
  m_device_id = welcome.device_id;
  m_global.clear();
  mergeGlobal(welcome.weights);
  m_network.reset();  // rebuilt from the global model by the next plan
  m_cut = -1;
  m_phase = Phase::Ready;
  if (m_config.profile_repetitions <= 0) return {};
  Network whole(*m_spec, 0, m_spec->layerCount(), TrainOptions{.seed = m_config.seed});
  net::Hello profiled = hello();
  profiled.layer_ms = whole.profileLayers(m_config.profile_batch, m_config.profile_repetitions);
  for (double& ms : profiled.layer_ms)
    ms *= m_slowdown;
  profiled.profile_batch = static_cast<uint32_t>(m_config.profile_batch);
  return {profiled};
}

std::vector<net::Body> AgentSession::onPlan(const net::RoundPlan& plan) {
  const bool usable = m_spec && plan.cut <= static_cast<uint32_t>(m_spec->layerCount()) &&
                      plan.steps > 0 && plan.batch > 0 &&
                      plan.codec != net::TensorCodec::TopKInt8 && !m_data.shard.empty();
  if (m_phase == Phase::AwaitingWelcome || m_phase == Phase::Refused || !usable) {
    ++m_counters.dropped_plans;
    return {};
  }
  if (m_round) finishRound(true);  // the round closed without us
  received();
  const int cut = static_cast<int>(plan.cut);
  if (cut != m_cut || m_reload_global) m_compressor.reset();  // restarts from the global model
  if (cut != m_cut) {
    m_network.reset();
    if (cut > 0) {
      m_network = std::make_unique<Network>(
          *m_spec, 0, cut,
          TrainOptions{.learning_rate = plan.learning_rate, .seed = m_config.seed});
      m_network->loadWeights(m_global);
    }
    m_cut = cut;
  }
  if (m_network && m_reload_global && cut == m_cut) m_network->loadWeights(m_global);
  m_reload_global = false;
  if (m_network) m_network->setLearningRate(plan.learning_rate);
  m_plan = plan;
  m_step = 0;
  m_loss_sum = 0;
  m_round = RoundSummary{
      .round = plan.round, .cut = plan.cut, .steps_planned = plan.steps, .fedavg = plan.fedavg};
  m_phase = Phase::Stepping;
  return {nextActivations()};
}

net::Activations AgentSession::nextActivations() {
  const auto start = Clock::now();
  // Kept until edgeBackward: the forward graph's exit losses read the labels in place.
  m_batch = m_sampler.next(m_data.data, static_cast<int>(m_plan.batch));
  Tensor activation = m_network ? m_network->edgeForward(m_batch).activation : m_batch.inputs;
  const double forward_ms = padded(start);
  m_round->edge_ms += forward_ms;
  m_step_edge_ms += forward_ms;
  m_activation_shape = activation.shape;
  net::Activations out;
  out.round = m_plan.round;
  out.step = m_step;
  out.labels = m_batch.labels;
  out.activation = net::encodeTensor("activation", activation, m_plan.codec);
  m_round->tensor_bytes_up += out.activation.bytes.size();
  m_round->samples += out.labels.size();
  out.edge_ms = m_step_edge_ms;
  out.hold_ms = heldMs();  // last: the transport stamps sent_us right after
  return out;
}

std::vector<net::Body> AgentSession::onGradients(const net::Gradients& gradients) {
  if (m_phase != Phase::Stepping || gradients.round != m_plan.round || gradients.step != m_step) {
    ++m_counters.dropped_gradients;
    return {};
  }
  if (m_network && gradients.gradient.shape != m_activation_shape) {
    ++m_counters.dropped_gradients;  // not for the activation we sent; keep waiting
    return {};
  }
  received();
  if (m_network) {
    const Tensor grad = net::decodeTensor(gradients.gradient);
    const auto start = Clock::now();
    m_network->edgeBackward(grad);
    const double backward_ms = padded(start);
    m_round->edge_ms += backward_ms;
    m_step_edge_ms += backward_ms;
  }
  m_loss_sum += gradients.loss;
  ++m_step;
  m_round->steps_done = m_step;
  m_round->mean_loss = m_loss_sum / m_step;
  if (m_step < m_plan.steps) return {nextActivations()};
  if (!m_plan.fedavg) {
    finishRound(false);
    return {};
  }
  m_phase = Phase::AwaitingWeights;
  return {weightsUp()};
}

net::WeightsUp AgentSession::weightsUp() {
  net::WeightsUp up;
  up.round = m_plan.round;
  up.samples = m_round->samples;
  up.compressed = false;
  const Weights edge = edgeWeights();
  if (m_plan.update_keep <= 0 || !compressedUpload(edge, up)) {
    for (const WeightEntry& entry : edge)
      up.weights.push_back(net::encodeTensor(entry.name, entry.value, net::TensorCodec::Fp32));
  }
  for (const auto& t : up.weights)
    m_round->tensor_bytes_up += t.bytes.size();
  up.edge_ms = m_step_edge_ms;
  up.hold_ms = heldMs();
  return up;
}

// The parameters' delta against the global model (what the cloud holds as this device's base)
// through the two-step compressor, as one TopKInt8 tensor; statistics dense. false: the global
// model lacks an entry of the edge (then the upload goes dense).
bool AgentSession::compressedUpload(const Weights& edge, net::WeightsUp& up) {
  Weights base;
  for (const WeightEntry& e : edge) {
    const auto it = std::find_if(m_global.begin(), m_global.end(),
                                 [&](const WeightEntry& g) { return g.name == e.name; });
    if (it == m_global.end() || it->value.shape != e.value.shape) return false;
    base.push_back({e.name, e.layer, it->value, e.statistic});
  }
  const std::vector<float> now = flattenWeights(edge, WeightSelection::Parameters);
  std::vector<float> delta = flattenWeights(base, WeightSelection::Parameters);
  for (size_t k = 0; k < delta.size(); ++k)
    delta[k] = now[k] - delta[k];
  const auto elements = static_cast<int64_t>(delta.size());
  if (elements == 0) return false;
  if (!m_compressor || m_compressor->elements() != elements ||
      m_compressor->keepFraction() != m_plan.update_keep) {
    // Threshold 0: the cloud waits for this upload, so it is sent every averaging round.
    m_compressor.emplace(elements, 0.0, std::min(1.0, m_plan.update_keep));
  }
  m_compressor->accumulate(delta);
  up.compressed = true;
  up.weights.push_back(net::updateTensor("update", Shape{elements}, m_compressor->flush()));
  for (const WeightEntry& e : edge) {
    if (e.statistic)
      up.weights.push_back(net::encodeTensor(e.name, e.value, net::TensorCodec::Fp32));
  }
  return true;
}

std::vector<net::Body> AgentSession::onWeightsDown(const net::WeightsDown& down) {
  if (m_phase == Phase::AwaitingWelcome || m_phase == Phase::Refused) {
    ++m_counters.dropped_weights;
    return {};
  }
  if (m_phase != Phase::AwaitingWeights || down.round != m_plan.round) {
    if (down.round < m_plan.round) {  // older than the plan in hand: superseded
      ++m_counters.dropped_weights;
      return {};
    }
    // The global model, sent to a straggler or for a new cut: the edge restarts from it at the
    // next plan (not now: a step in flight still needs its graph).
    mergeGlobal(down.weights);
    m_reload_global = true;
    return {};
  }
  mergeGlobal(down.weights);
  if (m_network) m_network->loadWeights(m_global);
  finishRound(false);
  return {};
}

void AgentSession::mergeGlobal(const std::vector<net::WireTensor>& tensors) {
  for (const net::WireTensor& t : tensors) {
    WeightEntry entry{t.name, layerOfName(t.name), net::decodeTensor(t), false};
    auto it = std::find_if(m_global.begin(), m_global.end(),
                           [&](const WeightEntry& e) { return e.name == t.name; });
    if (it != m_global.end()) {
      *it = std::move(entry);
    } else {
      m_global.push_back(std::move(entry));
    }
  }
}

void AgentSession::finishRound(bool abandoned) {
  m_round->abandoned = abandoned;
  m_finished = m_round;
  m_round.reset();
  ++m_counters.rounds;
  if (m_phase == Phase::Stepping || m_phase == Phase::AwaitingWeights) m_phase = Phase::Ready;
}

double AgentSession::padded(Clock::time_point start) const {
  const auto elapsed = Clock::now() - start;
  const auto extra =
      CpuSlowdown(m_slowdown).pad(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed));
  return std::chrono::duration<double, std::milli>(elapsed + extra).count();
}

void AgentSession::received() {
  m_received = Clock::now();
  m_step_edge_ms = 0;
}

double AgentSession::heldMs() const {
  return std::chrono::duration<double, std::milli>(Clock::now() - m_received).count();
}

std::optional<RoundSummary> AgentSession::takeRoundSummary() {
  return std::exchange(m_finished, std::nullopt);
}

Weights AgentSession::edgeWeights() const {
  return m_network ? m_network->weights() : Weights{};
}

net::Heartbeat AgentSession::heartbeat(double cpu_load) const {
  net::Heartbeat hb;
  hb.round = m_round ? m_round->round : m_plan.round;
  hb.state = m_round ? net::AgentState::Training : net::AgentState::Idle;
  hb.cpu_load = cpu_load;
  if (m_heartbeat_echo_us > 0) {
    hb.echo_us = m_heartbeat_echo_us;
    hb.hold_ms = std::chrono::duration<double, std::milli>(Clock::now() - m_heartbeat_at).count();
  }
  return hb;
}

}  // namespace cleave::agent

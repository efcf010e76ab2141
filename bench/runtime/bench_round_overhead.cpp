// Round overhead beyond compute and emulated transfer, per device: a real cleave-cloud process
// trains a tiny model (known below) with N in-process agents over CURVE on loopback. Each agent is
// core/agent's AgentSession behind a DEALER, driven like cleave-agent drives it, with the same
// link emulation; the benchmark times, per device and round (from the plan's arrival to the last
// gradient's arrival):
//   wall      the round as the device saw it
//   edge      the agent's compute inside that window (AgentSession::handle)
//   cloud     the cloud's compute for the device's steps (phase_timing.cloud_ms in the session)
//   emulated  the link emulation's modelled delays inside the window (LinkShaper, both ways)
//   overhead  wall - edge - cloud - emulated: protocol, encryption, sockets, scheduling.
// Round 1 (warm-up) and the last round (FedAvg upload) are left out. Prints JSON.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "bench/common/machine_info.h"
#include "bench/runtime/process_util.h"
#include "core/agent/agent_session.h"
#include "core/agent/data_spec.h"
#include "core/agent/host_info.h"
#include "core/net/curve_socket.h"
#include "core/net/key_store.h"
#include "core/net/keys.h"
#include "core/net/link_shaper.h"
#include "core/net/wire_codec.h"
#include "core/plan/link_spec.h"
#include "core/session/session_reader.h"

using namespace cleave;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

namespace {

// 3x1024 vibration windows -> conv(8, k7, s4) -> relu -> global average -> 5 classes. Cut 3
// sends 8 floats per sample: the step is nearly all protocol, which is what is measured.
constexpr const char* kTinyModel = R"({
  "name": "tiny_factory",
  "description": "Benchmark model: the smallest network the factory data fits.",
  "input_shape": [3, 1024],
  "num_classes": 5,
  "layers": [
    {"name": "conv", "type": "conv1d", "out_channels": 8, "kernel": 7, "stride": 4, "padding": 3},
    {"name": "relu", "type": "relu"},
    {"name": "gap", "type": "adaptive_avgpool1d", "output_size": 1},
    {"name": "flatten", "type": "flatten"},
    {"name": "fc", "type": "linear", "out_features": 5}
  ]
})";
constexpr int kCut = 3;
constexpr int kRounds = 12;
constexpr int kSteps = 20;
constexpr int kBatch = 16;

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct RoundWindow {
  int round = 0;
  double wall_ms = 0, edge_ms = 0, emulated_ms = 0;
};

// One agent: the loop of agents/edge/agent_loop.cpp, instrumented.
class Agent {
 public:
  Agent(std::string name, const CurveKeyPair& keys, const std::string& server_key,
        const std::string& endpoint, const LinkProfile& link, uint64_t seed)
      : m_name(std::move(name)),
        m_session(
            config(m_name, link, seed),
            agent::loadAgentData(agent::parseDataSpec("factory:seed=" + std::to_string(seed)))),
        m_shaper(link, seed) {
    m_socket.set(zmq::sockopt::routing_id, m_name);
    m_socket.set(zmq::sockopt::linger, 0);
    configureCurveClient(m_socket, keys, server_key);
    m_socket.connect(endpoint);
  }

  void run(const std::atomic<bool>& stop) {
    for (auto& body : m_session.connect())
      send(std::move(body));
    auto next_heartbeat = Clock::now() + std::chrono::seconds(1);
    while (!stop) {
      if (Clock::now() >= next_heartbeat) {
        send(m_session.heartbeat(agent::readLoadAverage()));
        next_heartbeat = Clock::now() + std::chrono::seconds(1);
      }
      zmq::pollitem_t item{m_socket.handle(), 0, ZMQ_POLLIN, 0};
      if (zmq::poll(&item, 1, std::chrono::milliseconds(50)) == 0) continue;
      std::vector<zmq::message_t> frames;
      if (!zmq::recv_multipart(m_socket, std::back_inserter(frames), zmq::recv_flags::dontwait))
        continue;
      const auto arrived = Clock::now();
      size_t bytes = 0;
      for (const auto& f : frames)
        bytes += f.size();
      net::DecodeResult decoded = net::decodeMessage(std::move(frames));
      if (!decoded.ok()) continue;
      const net::Body& body = decoded.message().body;
      if (const auto* plan = std::get_if<net::RoundPlan>(&body)) {
        m_open = {static_cast<int>(plan->round), arrived, m_edge_ms, m_emulated_ms,
                  static_cast<uint32_t>(plan->steps)};
      } else if (const auto* g = std::get_if<net::Gradients>(&body)) {
        if (m_open && g->round == static_cast<uint32_t>(m_open->round) &&
            g->step + 1 == m_open->steps) {  // the round's last gradient: the window closes
          std::lock_guard lock(m_mutex);
          m_windows.push_back({m_open->round, ms(arrived - m_open->start),
                               m_edge_ms - m_open->edge_ms, m_emulated_ms - m_open->emulated_ms});
          m_open.reset();
        }
      }
      shape(LinkDirection::Down, bytes);
      const auto t0 = Clock::now();
      std::vector<net::Body> replies = m_session.handle(body);
      m_edge_ms += ms(Clock::now() - t0);
      for (auto& r : replies)
        send(std::move(r));
    }
  }

  const std::string& name() const { return m_name; }
  std::vector<RoundWindow> windows() {
    std::lock_guard lock(m_mutex);
    return m_windows;
  }

 private:
  static agent::AgentConfig config(const std::string& name, const LinkProfile& link,
                                   uint64_t seed) {
    agent::AgentConfig c;
    c.name = name;
    c.link = link;
    c.seed = seed;
    c.host = agent::readHostInfo();
    return c;
  }
  // Sleeps what the emulated link says this message takes, and counts the modelled delay.
  void shape(LinkDirection direction, size_t bytes) {
    const auto sent = m_shaper.now();
    const auto d = m_shaper.schedule(direction, bytes, sent);
    m_emulated_ms += ms(d.delivered - sent);
    std::this_thread::sleep_until(d.delivered);
  }
  void send(net::Body body) {
    std::vector<zmq::message_t> frames = net::encodeMessage({++m_seq, 0, std::move(body)});
    size_t bytes = 0;
    for (const auto& f : frames)
      bytes += f.size();
    shape(LinkDirection::Up, bytes);
    (void)zmq::send_multipart(m_socket, frames, zmq::send_flags::dontwait);
  }

  struct Open {
    int round;
    Clock::time_point start;
    double edge_ms, emulated_ms;
    uint32_t steps;
  };

  std::string m_name;
  agent::AgentSession m_session;
  LinkShaper m_shaper;
  zmq::context_t m_context;
  zmq::socket_t m_socket{m_context, zmq::socket_type::dealer};
  uint64_t m_seq = 0;
  double m_edge_ms = 0, m_emulated_ms = 0;
  std::optional<Open> m_open;
  std::mutex m_mutex;
  std::vector<RoundWindow> m_windows;
};

Json runOnce(int devices, const std::string& link_text) {
  const auto dir = bench::makeTempDir("overhead");
  const std::string keys = (dir / "keys").string();
  const std::string session = (dir / "s.cleave").string();
  const std::string model = (dir / "tiny_factory.json").string();
  std::ofstream(model) << kTinyModel;
  std::string server_key;
  std::vector<CurveKeyPair> agent_keys;
  {
    KeyStore store(keys);
    server_key = store.serverKeys().public_z85;
    for (int i = 0; i < devices; ++i) {
      agent_keys.push_back(generateCurveKeyPair());
      store.approveKey("dev-" + std::to_string(i + 1), agent_keys.back().public_z85,
                       PeerRole::Device);
    }
  }
  bench::Child cloud({(bench::binDir() / "cleave-cloud").string(),
                      "--use-case",
                      "factory",
                      "--model",
                      model,
                      "--keys",
                      keys,
                      "--session",
                      session,
                      "--listen",
                      "tcp://127.0.0.1:*",
                      "--control",
                      "tcp://127.0.0.1:*",
                      "--events",
                      "tcp://127.0.0.1:*",
                      "--rounds",
                      std::to_string(kRounds),
                      "--steps",
                      std::to_string(kSteps),
                      "--batch",
                      std::to_string(kBatch),
                      "--split",
                      std::to_string(kCut),
                      "--fedavg-every",
                      "1000",
                      "--min-devices",
                      std::to_string(devices),
                      "--test-limit",
                      "200"});
  const std::string marker = "listening for agents on ";
  if (!cloud.waitFor(marker, 60))
    throw std::runtime_error("cloud did not start: " + cloud.output());
  const auto at = cloud.output().find(marker) + marker.size();
  const std::string endpoint = cloud.output().substr(at, cloud.output().find('\n', at) - at);

  const LinkProfile link = link_text.empty() ? LinkProfile{} : parseLinkSpec(link_text);
  std::vector<std::unique_ptr<Agent>> agents;
  for (int i = 0; i < devices; ++i) {
    agents.push_back(std::make_unique<Agent>("dev-" + std::to_string(i + 1), agent_keys[i],
                                             server_key, endpoint, link, uint64_t(i + 1)));
  }
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (auto& a : agents)
    threads.emplace_back([&a, &stop] { a->run(stop); });
  const bool finished = cloud.wait(150);
  stop = true;
  for (auto& t : threads)
    t.join();
  if (!finished) throw std::runtime_error("the cloud did not finish: " + cloud.output());

  // The cloud's compute per device and round, from the session it recorded.
  std::map<std::pair<int, std::string>, double> cloud_ms;
  const SessionReader reader(session);
  EventQuery q;
  q.kind = event_kind::kPhaseTiming;
  for (const Event& e : reader.events(q)) {
    const Json data = Json::parse(e.data_json);
    if (data.value("steps", 0) == kSteps) cloud_ms[{e.round, e.device}] = data["cloud_ms"];
  }
  Json per_device = Json::array();
  for (auto& a : agents) {
    std::vector<double> wall, edge, cloud_v, emulated, overhead;
    for (const RoundWindow& w : a->windows()) {
      const auto c = cloud_ms.find({w.round, a->name()});
      if (w.round <= 1 || w.round >= kRounds || c == cloud_ms.end()) continue;
      wall.push_back(w.wall_ms);
      edge.push_back(w.edge_ms);
      cloud_v.push_back(c->second);
      emulated.push_back(w.emulated_ms);
      overhead.push_back(w.wall_ms - w.edge_ms - c->second - w.emulated_ms);
    }
    per_device.push_back(
        {{"device", a->name()},
         {"rounds_measured", overhead.size()},
         {"round_wall_ms_median", bench::percentile(wall, 50)},
         {"edge_compute_ms_median", bench::percentile(edge, 50)},
         {"cloud_compute_ms_median", bench::percentile(cloud_v, 50)},
         {"emulated_transfer_ms_median", bench::percentile(emulated, 50)},
         {"overhead_ms_median", bench::percentile(overhead, 50)},
         {"overhead_ms_min", bench::percentile(overhead, 0)},
         {"overhead_ms_p90", bench::percentile(overhead, 90)},
         {"overhead_us_per_step_median", 1000 * bench::percentile(overhead, 50) / kSteps}});
  }
  std::filesystem::remove_all(dir);
  return {{"devices", devices},
          {"link", link_text.empty() ? "none (loopback)" : link_text},
          {"per_device", per_device}};
}

// The floor under the overhead on this machine at this moment: raw ZeroMQ DEALER -> ROUTER
// echo over CURVE on loopback, one thread each side, messages of a step's size. Median ms.
double rawCurveRoundTripMs(size_t bytes, int count) {
  zmq::context_t ctx;
  const CurveKeyPair server = generateCurveKeyPair(), client = generateCurveKeyPair();
  zmq::socket_t router(ctx, zmq::socket_type::router);
  router.set(zmq::sockopt::curve_server, 1);
  router.set(zmq::sockopt::curve_secretkey, server.secret_z85);
  router.bind("tcp://127.0.0.1:*");
  zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
  configureCurveClient(dealer, client, server.public_z85);
  dealer.connect(router.get(zmq::sockopt::last_endpoint));
  std::thread echo([&] {
    for (int i = 0; i < count + 20; ++i) {
      std::vector<zmq::message_t> frames;
      if (!zmq::recv_multipart(router, std::back_inserter(frames))) return;
      (void)zmq::send_multipart(router, frames);
    }
  });
  std::vector<double> rtt;
  const std::vector<uint8_t> payload(bytes, 1);
  for (int i = 0; i < count + 20; ++i) {
    const auto t0 = Clock::now();
    dealer.send(zmq::buffer(payload));
    zmq::message_t back;
    (void)dealer.recv(back);
    if (i >= 20) rtt.push_back(ms(Clock::now() - t0));  // the first ones include the handshake
  }
  echo.join();
  return bench::percentile(rtt, 50);
}

}  // namespace

int main() {
  try {
    Json runs = Json::array();
    for (const int devices : {1, 2}) {
      for (const std::string link : {"", "bw=100mbit,lat=2ms"}) {
        std::fprintf(stderr, "bench_round_overhead: %d device(s), link '%s'\n", devices,
                     link.c_str());
        runs.push_back(runOnce(devices, link));
      }
    }
    // An activation message of cut 3 is ~600 B (16 x 8 floats + labels + envelope).
    const double raw_rtt_ms = rawCurveRoundTripMs(600, 500);
    const Json out{{"benchmark", "round_overhead"},
                   {"machine", bench::machineInfo()},
                   {"raw_curve_round_trip_ms_median", raw_rtt_ms},
                   {"raw_curve_round_trips_per_round_ms", raw_rtt_ms * kSteps},
                   {"model", Json::parse(kTinyModel)["name"]},
                   {"cut", kCut},
                   {"rounds", kRounds},
                   {"steps_per_round", kSteps},
                   {"batch", kBatch},
                   {"curve", true},
                   {"runs", runs}};
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_round_overhead: %s\n", e.what());
    return 1;
  }
}

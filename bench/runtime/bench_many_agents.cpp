// One real cleave-cloud process against 1,000 protocol-level simulated agents (one process of
// this benchmark, one CURVE DEALER each, approved keys). Every agent says Hello, receives its
// Welcome, sends a profiled Hello, sends a heartbeat every second and echoes the cloud's, and
// waits for its round plan. Measured:
//   - time from the last profiled Hello to every agent holding its plan (planning 1,000 devices
//     and sending the plans), and to all Welcomes before that;
//   - the cloud's CPU time (user + system, /proc) and memory (VmRSS, VmHWM) per phase;
//   - heartbeat round trip through the cloud's loop: a probe peer sends heartbeats the cloud
//     answers at once (it has not said Hello, so the answer is a refusal) while the 1,000 agents
//     keep theirs going; p50/p99;
//   - the fan-out of the cloud's own heartbeat tick: how long after the first agent the others
//     receive the same tick (no clocks to align), p50/p99.
// Usage: bench_many_agents [--agents N] [--steady-seconds S]. Prints JSON.
#include <zmq.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "bench/common/machine_info.h"
#include "bench/runtime/process_util.h"
#include "core/net/curve_socket.h"
#include "core/net/key_store.h"
#include "core/net/keys.h"
#include "core/net/wire_codec.h"

using namespace cleave;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

namespace {

double msSince(Clock::time_point t0, Clock::time_point t1 = Clock::now()) {
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

struct SimAgent {
  std::string name;
  zmq::socket_t socket;
  bool welcomed = false;
  bool profiled = false;
  bool planned = false;
  int layers = 0;
  Clock::time_point next_heartbeat;
  uint64_t seq = 0;
};

void send(zmq::socket_t& socket, uint64_t seq, net::Body body) {
  auto frames = net::encodeMessage({seq, 0, std::move(body)});
  (void)zmq::send_multipart(socket, frames, zmq::send_flags::dontwait);
}

net::Hello hello(const std::string& name, int layers) {
  net::Hello h;
  h.device_name = name;
  h.role = "edge";
  h.cpu_model = "simulated";
  h.cores = 1;
  h.memory_bytes = 1ull << 30;
  h.link = {50, 50, 5, 1, 0};
  h.layer_ms.assign(static_cast<size_t>(layers), 0.5);
  h.profile_batch = 32;
  return h;
}

// Trunk layers of the model spec a Welcome carries: what a profiled Hello must list.
int trunkLayers(const std::string& spec_json) {
  const Json spec = Json::parse(spec_json);
  return static_cast<int>(spec.at("layers").size());
}

struct Sample {
  double cpu_s;
  double rss_mib;
  double hwm_mib;
};
Sample sample(pid_t pid) {
  return {bench::cpuSeconds(pid), bench::memoryMiB(pid, "VmRSS"), bench::memoryMiB(pid, "VmHWM")};
}

}  // namespace

int main(int argc, char** argv) {
  int count = 1000;
  double steady_s = 15;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--agents") count = std::stoi(argv[i + 1]);
    if (a == "--steady-seconds") steady_s = std::stod(argv[i + 1]);
  }
  try {
    bench::raiseFileLimit();
    const auto dir = bench::makeTempDir("many-agents");
    const std::string keys = (dir / "keys").string();
    std::string server_key;
    std::vector<CurveKeyPair> pairs(static_cast<size_t>(count));
    const auto t_keys = Clock::now();
    {
      KeyStore store(keys);
      server_key = store.serverKeys().public_z85;
      for (int i = 0; i < count; ++i) {
        pairs[size_t(i)] = generateCurveKeyPair();
        store.approveKey("sim-" + std::to_string(i), pairs[size_t(i)].public_z85, PeerRole::Device);
      }
    }
    const double keys_ms = msSince(t_keys);
    const CurveKeyPair probe_keys = generateCurveKeyPair();
    {
      KeyStore store(keys);
      store.approveKey("probe", probe_keys.public_z85, PeerRole::Device);
    }

    // Two rounds with a long deadline: the first stays open while heartbeats are measured.
    bench::Child cloud({(bench::binDir() / "cleave-cloud").string(),
                        "--use-case",
                        "factory",
                        "--keys",
                        keys,
                        "--listen",
                        "tcp://127.0.0.1:*",
                        "--control",
                        "tcp://127.0.0.1:*",
                        "--events",
                        "tcp://127.0.0.1:*",
                        "--rounds",
                        "2",
                        "--steps",
                        "1",
                        "--split",
                        "fastest",
                        "--deadline-ms",
                        "600000",
                        "--min-devices",
                        std::to_string(count),
                        "--test-limit",
                        "100"});
    const std::string marker = "listening for agents on ";
    if (!cloud.waitFor(marker, 60)) throw std::runtime_error("cloud: " + cloud.output());
    const auto at = cloud.output().find(marker) + marker.size();
    const std::string endpoint = cloud.output().substr(at, cloud.output().find('\n', at) - at);
    const Sample idle = sample(cloud.pid());

    zmq::context_t ctx(2);
    ctx.set(zmq::ctxopt::max_sockets, count + 64);
    std::vector<SimAgent> agents;
    agents.reserve(static_cast<size_t>(count));
    const auto t_connect = Clock::now();
    for (int i = 0; i < count; ++i) {
      SimAgent a{"sim-" + std::to_string(i),
                 zmq::socket_t(ctx, zmq::socket_type::dealer),
                 false,
                 false,
                 false,
                 0,
                 Clock::now(),
                 0};
      a.socket.set(zmq::sockopt::routing_id, a.name);
      a.socket.set(zmq::sockopt::linger, 0);
      a.socket.set(zmq::sockopt::rcvhwm, 10000);
      configureCurveClient(a.socket, pairs[size_t(i)], server_key);
      a.socket.connect(endpoint);
      send(a.socket, ++a.seq, hello(a.name, 0));
      a.next_heartbeat = Clock::now() + std::chrono::milliseconds(1000 + (i * 997) % 1000);
      agents.push_back(std::move(a));
    }
    zmq::socket_t probe(ctx, zmq::socket_type::dealer);
    probe.set(zmq::sockopt::routing_id, std::string("probe"));
    probe.set(zmq::sockopt::linger, 0);
    configureCurveClient(probe, probe_keys, server_key);
    probe.connect(endpoint);

    std::vector<zmq::pollitem_t> items;
    for (auto& a : agents)
      items.push_back({a.socket.handle(), 0, ZMQ_POLLIN, 0});
    items.push_back({probe.handle(), 0, ZMQ_POLLIN, 0});

    int welcomed = 0, profiled = 0, planned = 0;
    Clock::time_point t_all_welcomed{}, t_last_profile{}, t_all_planned{};
    Sample at_welcomed{}, at_planned{}, steady_start{}, steady_end{};
    Clock::time_point steady_t0{}, steady_t1{};
    std::vector<double> probe_rtt_ms;
    std::vector<Clock::time_point> tick_arrivals;  // of the cloud's heartbeats, in order
    Clock::time_point next_probe{};
    std::optional<Clock::time_point> probe_sent;
    uint64_t probe_seq = 0;
    int64_t messages_in = 0, heartbeats_out = 0;
    bool steady = false;
    const auto give_up = Clock::now() + std::chrono::seconds(170);

    while (Clock::now() < give_up) {
      if (cloud.exited()) throw std::runtime_error("the cloud exited: " + cloud.pump());
      cloud.pump();
      zmq::poll(items, std::chrono::milliseconds(5));
      const auto now = Clock::now();
      for (size_t i = 0; i < agents.size(); ++i) {
        SimAgent& a = agents[i];
        while (items[i].revents & ZMQ_POLLIN) {
          std::vector<zmq::message_t> frames;
          if (!zmq::recv_multipart(a.socket, std::back_inserter(frames), zmq::recv_flags::dontwait))
            break;
          const auto arrived = Clock::now();
          ++messages_in;
          net::DecodeResult d = net::decodeMessage(std::move(frames));
          if (!d.ok()) continue;
          const net::Body& body = d.message().body;
          if (const auto* w = std::get_if<net::Welcome>(&body)) {
            if (!a.welcomed) {
              a.welcomed = true;
              a.layers = trunkLayers(w->model_spec_json);
              if (++welcomed == count) {
                t_all_welcomed = arrived;
                at_welcomed = sample(cloud.pid());
              }
            }
          } else if (std::holds_alternative<net::Heartbeat>(body)) {
            if (steady) tick_arrivals.push_back(arrived);
          } else if (std::holds_alternative<net::RoundPlan>(body)) {
            if (!a.planned) {
              a.planned = true;
              if (++planned == count) {
                t_all_planned = arrived;
                at_planned = sample(cloud.pid());
              }
            }
          }
        }
      }
      // Profiles go out once every agent is welcomed, all at once: planning starts from a full
      // fleet, so the plan time is not hidden behind registration.
      if (welcomed == count && profiled < count) {
        for (auto& a : agents) {
          send(a.socket, ++a.seq, hello(a.name, a.layers));
          a.profiled = true;
        }
        profiled = count;
        t_last_profile = Clock::now();
      }
      for (auto& a : agents) {
        if (now < a.next_heartbeat) continue;
        net::Heartbeat hb;
        hb.state = a.planned ? net::AgentState::Training : net::AgentState::Idle;
        send(a.socket, ++a.seq, hb);
        ++heartbeats_out;
        a.next_heartbeat = now + std::chrono::seconds(1);
      }
      if (planned == count && !steady) {
        steady = true;
        steady_t0 = Clock::now();
        steady_start = sample(cloud.pid());
      }
      if (steady) {
        if (items.back().revents & ZMQ_POLLIN) {
          std::vector<zmq::message_t> frames;
          while (
              zmq::recv_multipart(probe, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
            if (probe_sent) probe_rtt_ms.push_back(msSince(*probe_sent));
            probe_sent.reset();
            frames.clear();
          }
        }
        if (!probe_sent && now >= next_probe) {
          probe_sent = Clock::now();
          send(probe, ++probe_seq, net::Heartbeat{});
          next_probe = now + std::chrono::milliseconds(50);
        }
        if (msSince(steady_t0) > steady_s * 1000) {
          steady_t1 = Clock::now();
          steady_end = sample(cloud.pid());
          break;
        }
      }
    }
    if (planned < count) {
      throw std::runtime_error("only " + std::to_string(planned) + " of " + std::to_string(count) +
                               " agents got a plan (welcomed " + std::to_string(welcomed) + ")");
    }
    cloud.signal(SIGTERM);
    cloud.wait(30);

    // The cloud sends every agent a heartbeat in one tick a second: arrivals come in bursts.
    // A burst ends at a gap of 300 ms; bursts cut by the window's edges are left out.
    std::vector<double> fanout_ms;
    std::vector<Clock::time_point> burst;
    auto closeBurst = [&] {
      if (burst.size() >= size_t(count) * 9 / 10) {
        for (const auto& t : burst)
          fanout_ms.push_back(msSince(burst.front(), t));
      }
      burst.clear();
    };
    for (const auto& t : tick_arrivals) {
      if (!burst.empty() && msSince(burst.back(), t) > 300) closeBurst();
      burst.push_back(t);
    }
    closeBurst();
    const double steady_wall = std::chrono::duration<double>(steady_t1 - steady_t0).count();
    const Json out{{"benchmark", "many_agents"},
                   {"machine", bench::machineInfo()},
                   {"agents", count},
                   {"curve", true},
                   {"model", "factory_cnn1d"},
                   {"approve_keys_ms", keys_ms},
                   {"registration",
                    {{"all_welcomed_ms", msSince(t_connect, t_all_welcomed)},
                     {"plan_all_ms", msSince(t_last_profile, t_all_planned)},
                     {"cloud_cpu_s", at_welcomed.cpu_s - idle.cpu_s},
                     {"cloud_cpu_s_planning", at_planned.cpu_s - at_welcomed.cpu_s}}},
                   {"steady_heartbeats",
                    {{"seconds", steady_wall},
                     {"cloud_cpu_s", steady_end.cpu_s - steady_start.cpu_s},
                     {"cloud_cpu_percent_of_one_core",
                      100 * (steady_end.cpu_s - steady_start.cpu_s) / steady_wall},
                     {"probe_round_trips", probe_rtt_ms.size()},
                     {"probe_rtt_ms_p50", bench::percentile(probe_rtt_ms, 50)},
                     {"probe_rtt_ms_p99", bench::percentile(probe_rtt_ms, 99)},
                     {"tick_fanout_ms_p50", bench::percentile(fanout_ms, 50)},
                     {"tick_fanout_ms_p99", bench::percentile(fanout_ms, 99)},
                     {"tick_fanout_ms_max", bench::percentile(fanout_ms, 100)}}},
                   {"cloud_memory_mib",
                    {{"idle_rss", idle.rss_mib},
                     {"rss_after_welcomes", at_welcomed.rss_mib},
                     {"rss_after_plans", at_planned.rss_mib},
                     {"rss_end", steady_end.rss_mib},
                     {"peak", steady_end.hwm_mib}}},
                   {"cloud_cpu_s_total", steady_end.cpu_s},
                   {"messages_received_by_agents", messages_in},
                   {"heartbeats_sent_by_agents", heartbeats_out}};
    std::printf("%s\n", out.dump(2).c_str());
    std::filesystem::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_many_agents: %s\n", e.what());
    return 1;
  }
}

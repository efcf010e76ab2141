// Early-exit inference without sockets: the agent's InferenceLoop against the cloud's
// InferenceServer. Exit decisions follow the threshold, the cloud's answer equals the whole
// model's prediction, reports become exit_stats events and metrics, previews are real PNGs and
// the server refuses bad ones.
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <sstream>

#include "core/agent/inference_loop.h"
#include "core/coordinator/inference_server.h"
#include "core/data/vibration_generator.h"
#include "core/net/activation_name.h"
#include "core/net/weights_wire.h"
#include "core/net/wire_tensor.h"

using namespace cleave;
using Json = nlohmann::json;
using Clock = agent::InferenceLoop::Clock;

namespace {

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Model {
  std::string json;
  ModelSpec spec;
  Weights weights;
  explicit Model(const char* file) {
    json = readFile(std::filesystem::path(CLEAVE_SOURCE_DIR) / "resources/models" / file);
    spec = parseModelSpec(json, file);
    weights = Network(spec, 0, spec.layerCount(), TrainOptions{.seed = 7}).weights();
  }
  net::Welcome welcome() const {
    return net::Welcome{1, json, Standardisation{}, net::weightsToWire(weights)};
  }
};

agent::AgentData factoryData(int64_t per_class) {
  agent::AgentData d;
  d.data = generateVibration(VibrationConfig{}, per_class, 11);
  for (int64_t i = 0; i < d.data.size(); ++i)
    d.shard.push_back(i);
  return d;
}

// Drives `loop` with a simulated clock: one frame per ms for `frames` frames, then one report.
struct Run {
  std::vector<net::Body> sent;
  Clock::time_point t;
};
Run drive(agent::InferenceLoop& loop, int frames, Clock::time_point start) {
  Run run{{}, start};
  for (int i = 0; i < frames; ++i) {
    for (auto& b : loop.tick(run.t))
      run.sent.push_back(std::move(b));
    run.t += std::chrono::milliseconds(1);
  }
  return run;
}

template <typename T>
std::vector<T> only(const std::vector<net::Body>& bodies) {
  std::vector<T> out;
  for (const auto& b : bodies) {
    if (const auto* x = std::get_if<T>(&b)) out.push_back(*x);
  }
  return out;
}

}  // namespace

class TstInferenceLoop : public QObject {
  Q_OBJECT

 private slots:
  void activationNames() {
    QCOMPARE(net::activationName(4), std::string("act@4"));
    QCOMPARE(net::parseActivationName("act@12"), std::optional<int>(12));
    QVERIFY(!net::parseActivationName("act@"));
    QVERIFY(!net::parseActivationName("act@1x"));
    QVERIFY(!net::parseActivationName("activation"));
    QCOMPARE(agent::base64Encode({'M', 'a', 'n'}), std::string("TWFu"));
    QCOMPARE(agent::base64Encode({'M', 'a'}), std::string("TWE="));
    QCOMPARE(agent::base64Encode({'M'}), std::string("TQ=="));
  }

  void thresholdOneExitsEverythingLocally() {
    const Model model("factory_cnn1d.json");
    agent::InferenceLoop loop(agent::InferenceConfig{.threshold = 1.0, .rate_hz = 1000},
                              agent::shardFrameSource(factoryData(4), 20, 1000));
    loop.observe(model.welcome());
    const auto start = Clock::now();
    loop.setActive(true, -1, start);
    QCOMPARE(loop.cut(), 4);  // right after the factory model's only exit (after pool1)
    Run run = drive(loop, 30, start);
    QVERIFY(only<net::InferenceRequest>(run.sent).empty());
    QVERIFY(loop.totals().local >= 25);
    QCOMPARE(loop.totals().cloud, uint64_t{0});
    auto report = loop.tick(start + std::chrono::milliseconds(1100));
    const auto stats = only<net::ExitStats>(report);
    QCOMPARE(stats.size(), size_t{1});
    QCOMPARE(stats[0].exits.size(), size_t{2});
    QCOMPARE(stats[0].exits[0].name, std::string("local"));
    QCOMPARE(stats[0].exits[0].count, loop.totals().local);
    QCOMPARE(stats[0].exits[1].name, std::string("cloud"));
    QCOMPARE(stats[0].exits[1].count, uint64_t{0});
  }

  void tinyThresholdSendsEverythingToTheCloud() {
    const Model model("factory_cnn1d.json");
    const agent::AgentData data = factoryData(4);
    agent::InferenceLoop loop(agent::InferenceConfig{.threshold = 1e-9, .rate_hz = 1000},
                              agent::shardFrameSource(data, 20, 1000));
    loop.observe(model.welcome());
    const auto start = Clock::now();
    loop.setActive(true, -1, start);
    Run run = drive(loop, 10, start);
    const auto requests = only<net::InferenceRequest>(run.sent);
    QCOMPARE(requests.size(), size_t{10});
    QCOMPARE(requests[0].activation.name, std::string("act@4"));
    QCOMPARE(requests[0].activation.shape[0], int64_t{1});

    InferenceServer server(model.spec, model.weights);
    Network whole(model.spec, 0, model.spec.layerCount(), TrainOptions{});
    whole.loadWeights(model.weights);
    const std::vector<int64_t> first10{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const auto expected = whole.inferFrom(0, data.data.gather(first10).inputs);
    for (size_t i = 0; i < requests.size(); ++i) {
      server.onMessage("edge-1", net::Message{0, 0, requests[i]}, 1000, 0);
      auto replies = server.takeReplies();
      QCOMPARE(replies.size(), size_t{1});
      QCOMPARE(replies[0].device, std::string("edge-1"));
      const auto& answer = std::get<net::InferenceAnswer>(replies[0].message.body);
      QCOMPARE(answer.sample_id, requests[i].sample_id);
      QCOMPARE(answer.exit_index, net::kCloudExit);
      // The cloud's half from the cut gives exactly the whole model's answer.
      QCOMPARE(int64_t{answer.prediction}, expected[i]);
      QVERIFY(answer.latency_us >= 0);
      QVERIFY(loop.onAnswer(answer, run.t).empty());
    }
    QCOMPARE(loop.totals().cloud, uint64_t{10});
    QCOMPARE(server.served(), uint64_t{10});

    auto report = loop.tick(start + std::chrono::milliseconds(1100));  // also takes a frame
    QCOMPARE(only<net::Event>(report).size(), size_t{1});              // the latency report ...
    QCOMPARE(only<net::ExitStats>(report).size(), size_t{1});          // ... then the exit counts
    for (const auto& body : report) {
      if (!std::holds_alternative<net::InferenceRequest>(body))
        server.onMessage("edge-1", net::Message{0, 0, body}, 2000, 3);
    }
    const auto events = server.takeEvents();
    QCOMPARE(events.size(), size_t{1});
    QCOMPARE(events[0].kind, std::string("exit_stats"));
    QCOMPARE(events[0].device, std::string("edge-1"));
    QCOMPARE(events[0].round, 3);
    const Json j = Json::parse(events[0].data_json);
    QCOMPARE(j["exit_rate"].get<double>(), 0.0);
    QCOMPARE(j["samples"].get<int>(), 10);
    QCOMPARE(j["exits"]["cloud"].get<int>(), 10);
    QCOMPARE(j["mode"].get<std::string>(), std::string("inference"));
    QVERIFY(j["accuracy_per_exit"].contains("cloud"));
    QVERIFY(j["latency_ms_p95"].get<double>() >= j["latency_ms_mean"].get<double>());
    QCOMPARE(server.takeMetrics().size(), size_t{4});
    QCOMPARE(server.figures().at("edge-1").samples, uint64_t{10});
  }

  void unansweredRequestsTimeOut() {
    const Model model("factory_cnn1d.json");
    agent::InferenceLoop loop(
        agent::InferenceConfig{
            .threshold = 1e-9, .rate_hz = 1000, .answer_timeout = std::chrono::milliseconds(50)},
        agent::shardFrameSource(factoryData(2), 10, 1000));
    loop.observe(model.welcome());
    const auto start = Clock::now();
    loop.setActive(true, -1, start);
    drive(loop, 5, start);
    QCOMPARE(loop.totals().requests, uint64_t{5});
    loop.tick(start + std::chrono::milliseconds(500));
    QCOMPARE(loop.totals().timeouts, uint64_t{5});
    QCOMPARE(loop.totals().samples, uint64_t{0});
  }

  void cameraPreviewsArePngsTheServerAccepts() {
    const Model model("camera_cnn.json");
    agent::AgentData data;
    data.data.name = "frames";
    data.data.sample_shape = {1, 28, 28};
    data.data.class_names = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    std::mt19937 rng(3);
    std::normal_distribution<float> noise;
    for (int i = 0; i < 8; ++i) {
      for (int k = 0; k < 28 * 28; ++k)
        data.data.values.push_back(noise(rng));
      data.data.labels.push_back(i % 10);
      data.shard.push_back(i);
    }
    agent::InferenceLoop loop(
        agent::InferenceConfig{
            .threshold = 1.0, .rate_hz = 1000, .preview_every = std::chrono::milliseconds(2)},
        agent::shardFrameSource(data, 8, 1000));
    loop.observe(model.welcome());
    const auto start = Clock::now();
    loop.setActive(true, -1, start);
    QCOMPARE(loop.cut(), 8);  // after the camera model's deepest exit ("edge", after pool2)
    Run run = drive(loop, 10, start);
    const auto previews = only<net::Event>(run.sent);
    QVERIFY(previews.size() >= 3);
    InferenceServer server(model.spec, model.weights);
    for (const auto& p : previews) {
      QCOMPARE(p.kind, std::string("preview"));
      const Json j = Json::parse(p.data_json);
      QVERIFY(j["exit"] == "local" || j["exit"] == "edge");
      QVERIFY(j.contains("label"));
    }
    server.onMessage("cam-1", net::Message{0, 0, previews[0]}, 1'000'000, 0);
    auto published = server.takePreviews();
    QCOMPARE(published.size(), size_t{1});
    QCOMPARE(published[0].device, std::string("cam-1"));
    QVERIFY(server.takeEvents().empty());  // previews never go to the recorded stream

    // Too soon after the last one: dropped quietly (rate cap), not an error.
    server.onMessage("cam-1", net::Message{0, 0, previews[1]}, 1'000'100, 0);
    QVERIFY(server.takePreviews().empty());
    // Not a PNG, or not base64: refused and logged once.
    net::Event fake = previews[1];
    fake.data_json =
        Json{{"png_base64", "aGVsbG8gd29ybGQh"}, {"exit", "local"}, {"prediction", 1}}.dump();
    server.onMessage("cam-1", net::Message{0, 0, fake}, 5'000'000, 0);
    fake.data_json = Json{{"png_base64", "***"}, {"exit", "local"}, {"prediction", 1}}.dump();
    server.onMessage("cam-1", net::Message{0, 0, fake}, 6'000'000, 0);
    QVERIFY(server.takePreviews().empty());
    QCOMPARE(server.rejected(), uint64_t{2});
    QCOMPARE(server.takeEvents().size(), size_t{1});  // one warning per device per 10 s
  }

  void badRequestsAreDroppedNotAnswered() {
    const Model model("factory_cnn1d.json");
    InferenceServer server(model.spec, model.weights);
    net::InferenceRequest r;
    r.sample_id = 1;
    r.activation = net::encodeTensor("act@99", Tensor(Shape{1, 16, 256}), net::TensorCodec::Fp32);
    server.onMessage("edge-1", net::Message{0, 0, r}, 0, 0);
    r.activation = net::encodeTensor("act@4", Tensor(Shape{1, 3, 3}), net::TensorCodec::Fp32);
    server.onMessage("edge-1", net::Message{0, 0, r}, 20'000'000, 0);
    r.activation = net::encodeTensor("act@4", Tensor(Shape{2, 16, 256}), net::TensorCodec::Fp32);
    server.onMessage("edge-1", net::Message{0, 0, r}, 40'000'000, 0);
    QVERIFY(server.takeReplies().empty());
    QCOMPARE(server.rejected(), uint64_t{3});
    QCOMPARE(server.takeEvents().size(), size_t{3});
  }
};

QTEST_GUILESS_MAIN(TstInferenceLoop)
#include "tst_inference_loop.moc"

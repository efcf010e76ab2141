// The coordinator's operator API (cleave-cloud's control commands) driven by scripted agents:
// a per-device split next to the fleet-wide mode, settings and the fleet-wide split from the next
// round on, pause/resume, stop, and out-of-range values refused with the valid range.
#include <QtTest>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/coordinator/round_coordinator.h"
#include "core/net/wire_codec.h"
#include "tests/train/test_specs.h"

using namespace cleave;
using Json = nlohmann::json;

namespace {

constexpr int64_t kSecond = 1'000'000;

CoordinatorConfig config() {
  CoordinatorConfig c;
  c.spec = test::tinyConvSpec();
  c.spec_json = R"({"name":"tiny"})";
  c.test.name = "tiny";
  c.test.sample_shape = {1, 12, 12};
  c.test.class_names = {"a", "b", "c", "d"};
  for (int i = 0; i < 8; ++i) {
    for (int k = 0; k < 144; ++k)
      c.test.values.push_back(float((i * 7 + k) % 13) / 13.0f);
    c.test.labels.push_back(i % 4);
  }
  c.mode = PlanMode::Fastest;
  c.rounds = 10;
  c.steps = 3;
  c.batch = 4;
  return c;
}

net::Message msg(net::Body body) {
  return net::Message{0, 0, std::move(body)};
}

net::Hello hello(const std::string& name, bool profiled) {
  net::Hello h;
  h.device_name = name;
  h.role = "edge";
  h.cores = 4;
  h.memory_bytes = 1ull << 30;
  h.link = {100, 100, 1, 0, 0};
  if (profiled) h.layer_ms.assign(9, 1.0);
  return h;
}

std::map<std::string, net::RoundPlan> plans(const std::vector<Outgoing>& out) {
  std::map<std::string, net::RoundPlan> found;
  for (const auto& o : out)
    if (auto* p = std::get_if<net::RoundPlan>(&o.message.body)) found[o.device] = *p;
  return found;
}

std::vector<Event> ofKind(const std::vector<Event>& events, const std::string& kind) {
  std::vector<Event> found;
  for (const auto& e : events)
    if (e.kind == kind) found.push_back(e);
  return found;
}

// The message of the exception `f` throws ("" when it does not throw).
template <typename F>
std::string thrown(F&& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

struct Agents {
  RoundCoordinator rc{config()};
  std::vector<std::string> names{"a", "b"};
  int64_t now = 0;

  std::vector<Outgoing> start() {
    for (const auto& n : names) {
      rc.onMessage(n, msg(hello(n, false)), now);
      rc.onMessage(n, msg(hello(n, true)), now);
    }
    return rc.onTick(now);
  }
  // Everyone alive, the round in flight past its deadline: the next tick closes it and (unless
  // paused) starts the next one.
  std::vector<Outgoing> nextRound() {
    now += 100 * kSecond;
    for (const auto& n : names)
      rc.onMessage(n, msg(net::Heartbeat{}), now);
    return rc.onTick(now);
  }
};

}  // namespace

class TstCoordinatorControl : public QObject {
  Q_OBJECT

 private slots:
  void deviceJoinedCarriesTheProfile() {
    Agents f;
    f.start();
    const auto joined = ofKind(f.rc.takeEvents(), event_kind::kDeviceJoined);
    QCOMPARE(joined.size(), size_t(4));  // registered, then profiled, for each device
    const Json first = Json::parse(joined[0].data_json);
    QCOMPARE(first["profiled"].get<bool>(), false);
    const Json profiled = Json::parse(joined[1].data_json);
    QCOMPARE(profiled["profiled"].get<bool>(), true);
    QCOMPARE(profiled["layer_ms"].size(), size_t(9));
    QCOMPARE(profiled["cores"].get<int>(), 4);
    QCOMPARE(profiled["link"]["up_mbps"].get<double>(), 100.0);
  }

  void outOfRangeIsRefusedWithTheValidRange() {
    Agents f;
    f.start();
    QVERIFY(thrown([&] { f.rc.setSplit("", PlanMode::Manual, 9, 0); }).find("0..8") !=
            std::string::npos);
    QVERIFY(thrown([&] { f.rc.setSplit("", PlanMode::Manual, -1, 0); }).find("0..8") !=
            std::string::npos);
    QVERIFY(thrown([&] { f.rc.setSplit("zz", PlanMode::Fastest, -1, 0); }).find("zz") !=
            std::string::npos);
    QVERIFY(!thrown([&] { f.rc.applySettings({0, 0, 0, -1, 0, 0, std::nullopt}, 0); }).empty());
    QVERIFY(!thrown([&] {
               f.rc.applySettings({0, 0, 0, 0, 0, 0, net::TensorCodec::TopKInt8}, 0);
             }).empty());
    QVERIFY(!thrown([&] { f.rc.setDeviceLink("zz", {1, 1, 1, 0, 0}, 0); }).empty());
    QVERIFY(ofKind(f.rc.takeEvents(), event_kind::kSettings).empty());  // nothing changed
  }

  void deviceSplitAndSettingsApplyFromTheNextRound() {
    Agents f;
    const auto first = plans(f.start());
    QCOMPARE(first.size(), size_t(2));
    f.rc.setSplit("a", PlanMode::Manual, 2, f.now);
    f.rc.applySettings({0, 5, 8, 0.01, 0, 0, net::TensorCodec::Fp16}, f.now);
    const auto events = f.rc.takeEvents();
    const auto settings = ofKind(events, event_kind::kSettings);
    QCOMPARE(settings.size(), size_t(2));
    QCOMPARE(settings[0].device, std::string("a"));
    const Json last = Json::parse(settings[1].data_json);
    QCOMPARE(last["device_splits"]["a"]["cut"].get<int>(), 2);
    QCOMPARE(last["settings"]["steps"].get<int>(), 5);
    QCOMPARE(last["settings"]["codec"].get<std::string>(), std::string("fp16"));
    QCOMPARE(last["from_round"].get<int>(), 2);

    const auto second = plans(f.nextRound());
    QCOMPARE(second.size(), size_t(2));
    QCOMPARE(second.at("a").round, 2u);
    QCOMPARE(second.at("a").cut, 2u);
    QCOMPARE(second.at("b").cut, first.at("b").cut);  // b still follows the fleet's fastest
    for (const auto& [name, p] : second) {
      QCOMPARE(p.steps, 5u);
      QCOMPARE(p.batch, 8u);
      QCOMPARE(p.codec, net::TensorCodec::Fp16);
      QCOMPARE(p.learning_rate, 0.01);
    }
    const auto plan_events = ofKind(f.rc.takeEvents(), event_kind::kPlan);
    QCOMPARE(plan_events.size(), size_t(1));
    QVERIFY(plan_events[0].data_json.find("\"cut\":2") != std::string::npos);

    // The fleet-wide split replaces every per-device choice.
    f.rc.setSplit("", PlanMode::Manual, 4, f.now);
    QCOMPARE(Json::parse(f.rc.splitJson())["cut"].get<int>(), 4);
    const auto third = plans(f.nextRound());
    QCOMPARE(third.at("a").cut, 4u);
    QCOMPARE(third.at("b").cut, 4u);
  }

  void pauseResumeAndStop() {
    Agents f;
    f.start();
    f.rc.setPaused(true, "operator", f.now);
    QVERIFY(f.rc.paused());
    QVERIFY(plans(f.nextRound()).empty());  // round 1 closes, round 2 does not start
    QVERIFY(!f.rc.roundActive());
    QCOMPARE(f.rc.round(), 1);
    auto events = f.rc.takeEvents();
    const auto paused = ofKind(events, event_kind::kPaused);
    QCOMPARE(paused.size(), size_t(1));
    QCOMPARE(Json::parse(paused[0].data_json)["reason"].get<std::string>(),
             std::string("operator"));
    QCOMPARE(ofKind(events, event_kind::kRoundEnd).size(), size_t(1));

    f.rc.setPaused(false, "", f.now);
    QCOMPARE(plans(f.rc.onTick(f.now)).size(), size_t(2));
    QCOMPARE(f.rc.round(), 2);
    QCOMPARE(ofKind(f.rc.takeEvents(), event_kind::kResumed).size(), size_t(1));

    f.rc.takeClosedRounds();
    f.rc.stopRounds(f.now + 1);
    QVERIFY(!f.rc.roundActive());
    QVERIFY(f.rc.paused());
    const auto closed = f.rc.takeClosedRounds();
    QCOMPARE(closed.size(), size_t(1));
    QCOMPARE(closed[0].reason, std::string("stopped"));
    for (const auto& d : closed[0].devices)
      QVERIFY(d.straggler);  // nobody finished its steps
    QVERIFY(plans(f.nextRound()).empty());
  }
};

QTEST_GUILESS_MAIN(TstCoordinatorControl)
#include "tst_coordinator_control.moc"

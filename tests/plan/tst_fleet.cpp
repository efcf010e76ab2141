// Fleet files (the shipped examples and every error case) and the link spec parser.
#include <QtTest>
#include <set>

#include "core/plan/device_profile.h"
#include "core/plan/link_spec.h"
#include "core/plan/planner.h"
#include "tests/plan/plan_fixture.h"

using namespace cleave;

namespace {

constexpr int64_t kMiB = 1024 * 1024;

QString fleetPath(const QString& file) {
  return QStringLiteral(CLEAVE_SOURCE_DIR) + "/resources/fleets/" + file;
}

// A valid one-device fleet with `device` spliced in as the device's JSON body.
QByteArray fleetWithDevice(const QByteArray& device) {
  return R"({"cloud": {"gflops": 100}, "devices": [)" + device + "]}";
}

constexpr char kGoodLink[] = R"("link": {"up_mbps": 10, "down_mbps": 50, "latency_ms": 40})";

}  // namespace

class TstFleet : public QObject {
  Q_OBJECT

 private slots:
  void shippedFleets_data();
  void shippedFleets();
  void minimalFleetDefaults();
  void linkAsSpecString();
  void fleetErrorsNameTheField_data();
  void fleetErrorsNameTheField();
  void missingFile();
  void linkSpecGood_data();
  void linkSpecGood();
  void linkSpecBad_data();
  void linkSpecBad();
  void linkSpecRoundTrip_data();
  void linkSpecRoundTrip();
};

void TstFleet::shippedFleets_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<int>("devices");
  QTest::addColumn<QString>("weakest");
  QTest::addColumn<qint64>("weakest_memory");
  QTest::addRow("traffic") << "traffic_cameras.json" << 6 << "cam-bridge-soc-1"
                           << qint64{256 * kMiB};
  QTest::addRow("factory") << "factory_floor.json" << 7 << "conveyor-gw-1" << qint64{512 * kMiB};
}

void TstFleet::shippedFleets() {
  QFETCH(QString, file);
  QFETCH(int, devices);
  QFETCH(QString, weakest);
  QFETCH(qint64, weakest_memory);
  const Fleet fleet = loadFleet(fleetPath(file).toStdString());
  QCOMPARE(static_cast<int>(fleet.devices.size()), devices);
  QVERIFY(fleet.cloud.flops_per_s >= 1e11);
  QVERIFY(fleet.cloud.load >= 1.0);

  std::set<std::string> names;
  const DeviceProfile* slowest = &fleet.devices.front();
  for (const DeviceProfile& d : fleet.devices) {
    QVERIFY2(names.insert(d.name).second, d.name.c_str());
    QVERIFY(!d.role.empty());
    // Effective training rates: above 0.5 GFLOP/s, below any edge board's fp32 peak.
    QVERIFY2(d.flops_per_s > 0.5e9 && d.flops_per_s < 300e9, d.name.c_str());
    QVERIFY(d.flops_per_s < fleet.cloud.flops_per_s);
    QVERIFY(d.memory_bytes > 0);
    QVERIFY(d.link.up_mbps > 0 && d.link.down_mbps > 0 && d.link.latency_ms > 0);
    QVERIFY(d.link.loss >= 0 && d.link.loss < 0.1);
    if (d.flops_per_s < slowest->flops_per_s) slowest = &d;
  }
  QCOMPARE(QString::fromStdString(slowest->name), weakest);
  QCOMPARE(slowest->memory_bytes, weakest_memory);

  // Every device can be planned against a small model.
  PlanRequest request;
  request.mode = PlanMode::InStep;
  request.batch = 16;
  request.steps = 5;
  const Plan plan = planSplit(test::handTable(), fleet, request);
  for (const DevicePlan& d : plan.devices)
    QVERIFY2(d.feasible, d.reason.c_str());
}

void TstFleet::minimalFleetDefaults() {
  const Fleet fleet =
      parseFleet(fleetWithDevice(R"({"name": "a", "flops_per_s": 2e9, "memory_mb": 1.5, )" +
                                 QByteArray(kGoodLink) + "}")
                     .toStdString(),
                 "min.json");
  QCOMPARE(fleet.cloud.flops_per_s, 100e9);
  QCOMPARE(fleet.cloud.load, 1.0);
  const DeviceProfile& d = fleet.devices.at(0);
  QCOMPARE(d.flops_per_s, 2e9);
  QCOMPARE(d.memory_bytes, int64_t{3 * kMiB / 2});
  QCOMPARE(d.link.up_mbps, 10.0);
  QCOMPARE(d.link.down_mbps, 50.0);
  QCOMPARE(d.link.latency_ms, 40.0);
  QCOMPARE(d.link.jitter_ms, 0.0);
  QCOMPARE(d.link.loss, 0.0);
  QVERIFY(d.layer_ms.empty());
}

void TstFleet::linkAsSpecString() {
  const Fleet fleet = parseFleet(
      fleetWithDevice(R"({"name": "a", "gflops": 5, "memory_mb": 64, "layer_ms": [1, 2.5],
                          "profile_batch": 8, "link": "bw=20mbit,lat=30ms,loss=1%"})")
          .toStdString(),
      "spec.json");
  const DeviceProfile& d = fleet.devices.at(0);
  QCOMPARE(d.flops_per_s, 5e9);
  QCOMPARE(d.link.up_mbps, 20.0);
  QCOMPARE(d.link.latency_ms, 30.0);
  QCOMPARE(d.link.loss, 0.01);
  QCOMPARE(d.layer_ms, (std::vector<double>{1, 2.5}));
  QCOMPARE(d.profile_batch, 8);
}

void TstFleet::fleetErrorsNameTheField_data() {
  QTest::addColumn<QByteArray>("json");
  QTest::addColumn<QString>("message");
  const QByteArray link(kGoodLink);
  auto device = [&](const QByteArray& fields) { return fleetWithDevice("{" + fields + "}"); };
  QTest::addRow("not json") << QByteArray("{\"cloud\": ") << "bad.json: not valid JSON";
  QTest::addRow("no cloud") << QByteArray(R"({"devices": []})") << "bad.json: cloud: is required";
  QTest::addRow("cloud speed") << QByteArray(R"({"cloud": {"gflops": -1}, "devices": []})")
                               << "bad.json: cloud: gflops: must be > 0, got -1";
  QTest::addRow("cloud typo") << QByteArray(R"({"cloud": {"gflops": 1, "lod": 2}, "devices": []})")
                              << "bad.json: cloud: lod: unknown field";
  QTest::addRow("devices not array") << QByteArray(R"({"cloud": {"gflops": 1}, "devices": {}})")
                                     << "bad.json: devices: must be an array";
  QTest::addRow("no name") << device(R"("gflops": 1, "memory_mb": 64, )" + link)
                           << "bad.json: devices[0]: name: is required";
  QTest::addRow("no speed") << device(R"("name": "a", "memory_mb": 64, )" + link)
                            << "bad.json: devices[0] 'a': flops_per_s: is required";
  QTest::addRow("two speeds") << device(R"("name": "a", "gflops": 1, "flops_per_s": 1e9,
                                           "memory_mb": 64, )" +
                                        link)
                              << "devices[0] 'a': gflops: give flops_per_s or gflops";
  QTest::addRow("memory text") << device(R"("name": "a", "gflops": 1, "memory_mb": "64", )" + link)
                               << "devices[0] 'a': memory_mb: must be a number, got \"64\"";
  QTest::addRow("no memory") << device(R"("name": "a", "gflops": 1, )" + link)
                             << "devices[0] 'a': memory_mb: is required";
  QTest::addRow("memory typo") << device(R"("name": "a", "gflops": 1, "memroy_mb": 64, )" + link)
                               << "devices[0] 'a': memroy_mb: unknown field";
  QTest::addRow("no link") << device(R"("name": "a", "gflops": 1, "memory_mb": 64)")
                           << "devices[0] 'a': link: is required";
  QTest::addRow("uplink") << device(R"("name": "a", "gflops": 1, "memory_mb": 64,
                             "link": {"up_mbps": -3, "down_mbps": 5, "latency_ms": 1})")
                          << "devices[0] 'a': link: up_mbps: must be > 0, got -3";
  QTest::addRow("latency") << device(R"("name": "a", "gflops": 1, "memory_mb": 64,
                              "link": {"up_mbps": 3, "down_mbps": 5})")
                           << "devices[0] 'a': link: latency_ms: is required";
  QTest::addRow("loss percent") << device(R"("name": "a", "gflops": 1, "memory_mb": 64,
                                   "link": {"up_mbps": 3, "down_mbps": 5, "latency_ms": 1,
                                            "loss": 5})")
                                << "devices[0] 'a': link: loss: is a fraction";
  QTest::addRow("link spec") << device(R"("name": "a", "gflops": 1, "memory_mb": 64,
                                "link": "bw=20mbps,lat=3ms")")
                             << "devices[0] 'a': link: link spec 'bw=20mbps,lat=3ms': token "
                                "'bw=20mbps'";
  QTest::addRow("layer_ms entry") << device(R"("name": "a", "gflops": 1, "memory_mb": 64,
                                     "layer_ms": [1, -2], )" +
                                            link)
                                  << "devices[0] 'a': layer_ms[1]: must be a number >= 0";
  QTest::addRow("profile_batch alone") << device(R"("name": "a", "gflops": 1, "memory_mb": 64,
                                          "profile_batch": 4, )" +
                                                 link)
                                       << "devices[0] 'a': profile_batch: only meaningful";
  const QByteArray a = R"({"name": "a", "gflops": 1, "memory_mb": 64, )" + link + "}";
  QTest::addRow("duplicate") << fleetWithDevice(a + "," + a)
                             << "bad.json: devices[1] 'a': name: duplicate device name";
}

void TstFleet::fleetErrorsNameTheField() {
  QFETCH(QByteArray, json);
  QFETCH(QString, message);
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString path = dir.filePath("bad.json");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(json);
  file.close();
  try {
    loadFleet(path.toStdString());
    QFAIL("expected FleetError");
  } catch (const FleetError& error) {
    QVERIFY2(QString(error.what()).contains(message), error.what());
  }
}

void TstFleet::missingFile() {
  QTemporaryDir dir;
  const QString path = dir.filePath("absent.json");
  try {
    loadFleet(path.toStdString());
    QFAIL("expected FleetError");
  } catch (const FleetError& error) {
    QVERIFY2(QString(error.what()).contains(path + ": cannot open"), error.what());
  }
}

void TstFleet::linkSpecGood_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<double>("up");
  QTest::addColumn<double>("down");
  QTest::addColumn<double>("latency");
  QTest::addColumn<double>("jitter");
  QTest::addColumn<double>("loss");
  QTest::addRow("brief example") << "bw=20mbit,lat=30ms,jitter=5ms,loss=0.1%" << 20.0 << 20.0
                                 << 30.0 << 5.0 << 0.001;
  QTest::addRow("asymmetric units")
      << "up=512kbit,down=1.5gbit,latency=0.2s" << 0.512 << 1500.0 << 200.0 << 0.0 << 0.0;
  QTest::addRow("microseconds") << "bw=100mbit,lat=250us" << 100.0 << 100.0 << 0.25 << 0.0 << 0.0;
  QTest::addRow("any order") << "loss=0%,lat=1ms,bw=1gbit" << 1000.0 << 1000.0 << 1.0 << 0.0 << 0.0;
  QTest::addRow("override one way")
      << "bw=50mbit,up=10mbit,lat=40ms" << 10.0 << 50.0 << 40.0 << 0.0 << 0.0;
}

void TstFleet::linkSpecGood() {
  QFETCH(QString, text);
  QFETCH(double, up);
  QFETCH(double, down);
  QFETCH(double, latency);
  QFETCH(double, jitter);
  QFETCH(double, loss);
  const LinkProfile link = parseLinkSpec(text.toStdString());
  QCOMPARE(link.up_mbps, up);
  QCOMPARE(link.down_mbps, down);
  QCOMPARE(link.latency_ms, latency);
  QCOMPARE(link.jitter_ms, jitter);
  QCOMPARE(link.loss, loss);
}

void TstFleet::linkSpecBad_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("message");
  QTest::addRow("no unit") << "bw=20,lat=3ms"
                           << "token 'bw=20'";
  QTest::addRow("wrong rate unit") << "bw=20mbps"
                                   << "token 'bw=20mbps'";
  QTest::addRow("time without unit") << "bw=20mbit,lat=30"
                                     << "token 'lat=30'";
  QTest::addRow("time with rate unit") << "bw=20mbit,jitter=5mbit"
                                       << "token 'jitter=5mbit'";
  QTest::addRow("loss without percent") << "bw=20mbit,loss=0.1"
                                        << "token 'loss=0.1'";
  QTest::addRow("loss over 100") << "bw=20mbit,loss=150%"
                                 << "token 'loss=150%'";
  QTest::addRow("unknown key") << "bw=20mbit,delay=3ms"
                               << "token 'delay=3ms': unknown key";
  QTest::addRow("no equals") << "bw=20mbit,fast"
                             << "token 'fast': expected key=value";
  QTest::addRow("empty token") << "bw=20mbit,,lat=3ms"
                               << "token '': expected key=value";
  QTest::addRow("negative") << "bw=-5mbit"
                            << "token 'bw=-5mbit'";
  QTest::addRow("zero rate") << "bw=0mbit"
                             << "token 'bw=0mbit'";
  QTest::addRow("garbage number") << "bw=2x0mbit"
                                  << "token 'bw=2x0mbit'";
  QTest::addRow("no rate") << "lat=30ms"
                           << "needs bw=";
  QTest::addRow("only up") << "up=5mbit"
                           << "needs bw=";
  QTest::addRow("empty") << ""
                         << "empty";
}

void TstFleet::linkSpecBad() {
  QFETCH(QString, text);
  QFETCH(QString, message);
  try {
    parseLinkSpec(text.toStdString());
    QFAIL("expected LinkSpecError");
  } catch (const LinkSpecError& error) {
    QVERIFY2(QString(error.what()).contains(message), error.what());
  }
}

void TstFleet::linkSpecRoundTrip_data() {
  QTest::addColumn<QString>("text");
  QTest::addRow("symmetric") << "bw=20mbit,lat=30ms,jitter=5ms,loss=0.1%";
  QTest::addRow("asymmetric") << "up=10mbit,down=50mbit,lat=40ms";
  QTest::addRow("fast") << "bw=1gbit,lat=250us";
}

void TstFleet::linkSpecRoundTrip() {
  QFETCH(QString, text);
  const LinkProfile link = parseLinkSpec(text.toStdString());
  const LinkProfile again = parseLinkSpec(formatLinkSpec(link));
  QCOMPARE(again.up_mbps, link.up_mbps);
  QCOMPARE(again.down_mbps, link.down_mbps);
  QCOMPARE(again.latency_ms, link.latency_ms);
  QCOMPARE(again.jitter_ms, link.jitter_ms);
  QCOMPARE(again.loss, link.loss);
}

QTEST_APPLESS_MAIN(TstFleet)
#include "tst_fleet.moc"

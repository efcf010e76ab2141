// Plan as JSON (fields, round trip, decode errors) and as an aligned text table.
#include <QtTest>

#include "core/plan/plan_report.h"
#include "tests/plan/plan_fixture.h"

using namespace cleave;
using namespace cleave::test;

namespace {

// In-step over the hand fleet, 10 steps: jetson cut 4 x 23, pi cut 2 x 10, cam cut 0 x 41
// (derived in tst_planner.cpp).
Plan inStepPlan(bool curves) {
  PlanRequest request;
  request.mode = PlanMode::InStep;
  request.batch = kBatch;
  request.steps = 10;
  request.keep_curves = curves;
  return planSplit(handTable(), handFleet(), request);
}

QStringList tableRows(const std::string& text) {
  QStringList lines = QString::fromStdString(text).split('\n', Qt::SkipEmptyParts);
  lines.removeLast();  // the summary line
  return lines;
}

}  // namespace

class TstPlanReport : public QObject {
  Q_OBJECT

 private slots:
  void jsonFields();
  void jsonCurvesOnlyWhenKept();
  void jsonRoundTrip();
  void jsonDecodeErrors_data();
  void jsonDecodeErrors();
  void tableLabelsCutsWithLayerNames();
  void tableColumnsAlign();
  void tableShowsInfeasible();
};

void TstPlanReport::jsonFields() {
  const nlohmann::json json = planToJson(inStepPlan(false));
  QCOMPARE(json["mode"].get<std::string>(), std::string("in-step"));
  QCOMPARE(json["batch"].get<int>(), kBatch);
  QVERIFY(std::abs(json["deadline_ms"].get<double>() - 1461.8) < 1e-9);
  QCOMPARE(json["devices"].size(), size_t{3});
  const auto& jetson = json["devices"][0];
  QCOMPARE(jetson["device"].get<std::string>(), std::string("jetson"));
  QCOMPARE(jetson["cut"].get<int>(), 4);
  QCOMPARE(jetson["steps"].get<int>(), 23);
  QVERIFY(std::abs(jetson["step"]["total_ms"].get<double>() - 63.18) < 1e-9);
  QVERIFY(std::abs(jetson["step"]["edge_ms"].get<double>() - 9.0) < 1e-9);
  QCOMPARE(jetson["up_bytes_per_step"].get<int64_t>(), int64_t{40080});
  QCOMPARE(jetson["down_bytes_per_step"].get<int64_t>(), int64_t{40000});
  QCOMPARE(jetson["edge_memory_bytes"].get<int64_t>(), int64_t{770400});
  QCOMPARE(jetson["feasible"].get<bool>(), true);
  QCOMPARE(jetson["reason"].get<std::string>(), std::string());
}

void TstPlanReport::jsonCurvesOnlyWhenKept() {
  QVERIFY(!planToJson(inStepPlan(false)).contains("step_ms_by_cut"));
  const nlohmann::json json = planToJson(inStepPlan(true));
  QCOMPARE(json["step_ms_by_cut"].size(), size_t{3});
  QCOMPARE(json["step_ms_by_cut"][2].size(), size_t{5});
  QVERIFY(std::abs(json["step_ms_by_cut"][2][0].get<double>() - 35.108) < 1e-9);
}

void TstPlanReport::jsonRoundTrip() {
  Fleet fleet = handFleet();
  fleet.devices[0].memory_bytes = 100000;  // jetson: infeasible, with a reason to carry
  PlanRequest request;
  request.batch = kBatch;
  request.keep_curves = true;
  const Plan plan = planSplit(handTable(), fleet, request);
  const Plan back = planFromJson(nlohmann::json::parse(planToJson(plan).dump()));
  QCOMPARE(back.mode, plan.mode);
  QCOMPARE(back.batch, plan.batch);
  QCOMPARE(back.round_ms, plan.round_ms);
  QCOMPARE(back.spread_ms, plan.spread_ms);
  QCOMPARE(back.step_ms_by_cut, plan.step_ms_by_cut);
  QCOMPARE(back.devices.size(), plan.devices.size());
  for (size_t i = 0; i < plan.devices.size(); ++i) {
    const DevicePlan& a = plan.devices[i];
    const DevicePlan& b = back.devices[i];
    QCOMPARE(b.device, a.device);
    QCOMPARE(b.cut, a.cut);
    QCOMPARE(b.steps, a.steps);
    QCOMPARE(b.step.edge_ms, a.step.edge_ms);
    QCOMPARE(b.step.up_ms, a.step.up_ms);
    QCOMPARE(b.step.cloud_ms, a.step.cloud_ms);
    QCOMPARE(b.step.down_ms, a.step.down_ms);
    QCOMPARE(b.round_ms, a.round_ms);
    QCOMPARE(b.up_bytes_per_step, a.up_bytes_per_step);
    QCOMPARE(b.down_bytes_per_step, a.down_bytes_per_step);
    QCOMPARE(b.edge_memory_bytes, a.edge_memory_bytes);
    QCOMPARE(b.feasible, a.feasible);
    QCOMPARE(b.reason, a.reason);
  }
  QVERIFY(!back.devices[0].feasible);
}

void TstPlanReport::jsonDecodeErrors_data() {
  QTest::addColumn<QString>("pointer");
  QTest::addColumn<QString>("value");  // JSON text, or empty to remove the field
  QTest::addColumn<QString>("message");
  QTest::addRow("mode") << "/mode"
                        << "\"quickest\""
                        << "mode: unknown mode 'quickest'";
  QTest::addRow("missing steps") << "/devices/1/steps"
                                 << ""
                                 << "devices[1].steps: missing";
  QTest::addRow("cut text") << "/devices/2/cut"
                            << "\"two\""
                            << "devices[2].cut:";
  QTest::addRow("step field") << "/devices/0/step/up_ms"
                              << ""
                              << "devices[0].step.up_ms: missing";
  QTest::addRow("devices") << "/devices"
                           << "{}"
                           << "devices: must be an array";
}

void TstPlanReport::jsonDecodeErrors() {
  QFETCH(QString, pointer);
  QFETCH(QString, value);
  QFETCH(QString, message);
  nlohmann::json json = planToJson(inStepPlan(false));
  const nlohmann::json::json_pointer ptr(pointer.toStdString());
  if (value.isEmpty()) {
    json.at(ptr.parent_pointer()).erase(ptr.back());
  } else {
    json[ptr] = nlohmann::json::parse(value.toStdString());
  }
  try {
    planFromJson(json);
    QFAIL("expected PlanError");
  } catch (const PlanError& error) {
    QVERIFY2(QString(error.what()).contains(message), error.what());
  }
}

void TstPlanReport::tableLabelsCutsWithLayerNames() {
  const Plan plan = inStepPlan(false);
  const QStringList rows = tableRows(formatPlan(plan, handTable()));
  QCOMPARE(rows.size(), 4);
  QVERIFY(rows[0].startsWith("device"));
  // Cut k is labelled by the last layer on the edge, layers[k-1].
  QVERIFY2(rows[1].startsWith("jetson") && rows[1].contains("4 after pool2"), qPrintable(rows[1]));
  QVERIFY2(rows[2].startsWith("pi") && rows[2].contains("2 after pool1"), qPrintable(rows[2]));
  QVERIFY2(rows[3].startsWith("cam") && rows[3].contains("0 input"), qPrintable(rows[3]));
  QVERIFY(!QString::fromStdString(formatPlan(plan)).contains("after"));
  const QString summary = QString::fromStdString(formatPlan(plan)).trimmed().split('\n').last();
  QVERIFY2(summary.contains("mode in-step") && summary.contains("deadline 1461.8 ms") &&
               summary.contains("spread 22.4 ms"),
           qPrintable(summary));
}

void TstPlanReport::tableColumnsAlign() {
  const QStringList rows = tableRows(formatPlan(inStepPlan(false), handTable()));
  // Numeric columns are right-aligned: each header's last character sits over each value's.
  for (const QString header : {"steps", "round ms", "memory MB"}) {
    const qsizetype end = rows[0].indexOf(header) + header.size() - 1;
    for (const QString& row : rows) {
      QVERIFY2(row.size() > end + 1 && row[end] != ' ' && row[end + 1] == ' ',
               qPrintable(header + " | " + row));
    }
  }
  QVERIFY(rows[1].contains(" 23 "));      // jetson's steps
  QVERIFY(rows[1].contains(" 1453.1 "));  // 23 x 63.18
}

void TstPlanReport::tableShowsInfeasible() {
  Fleet fleet = handFleet();
  fleet.devices[2].memory_bytes = 1000;  // cam: nothing fits
  PlanRequest request;
  request.batch = kBatch;
  const std::string text = formatPlan(planSplit(handTable(), fleet, request));
  QVERIFY2(QString::fromStdString(text).contains("INFEASIBLE: no cut fits memory"), text.c_str());
  QVERIFY2(QString::fromStdString(text).contains(", 1 infeasible"), text.c_str());
}

QTEST_APPLESS_MAIN(TstPlanReport)
#include "tst_plan_report.moc"

// Cost reports: the JSON keys other programs rely on, number formatting, and the text table.
#include <QRegularExpression>
#include <QStringList>
#include <QTest>
#include <cmath>
#include <set>

#include "core/model/cost_report.h"

namespace {

cleave::CostTable costsOf(const char* file) {
  const auto path = std::filesystem::path(CLEAVE_SOURCE_DIR) / "resources" / "models" / file;
  return cleave::computeCosts(cleave::loadModelSpec(path));
}

std::set<std::string> keysOf(const nlohmann::json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items())
    keys.insert(item.key());
  return keys;
}

}  // namespace

class TstCostReport : public QObject {
  Q_OBJECT

 private slots:
  void jsonHasDocumentedKeys();
  void formatBytes_data();
  void formatBytes();
  void formatCount_data();
  void formatCount();
  void textTable_data();
  void textTable();
};

void TstCostReport::jsonHasDocumentedKeys() {
  const auto table = costsOf("camera_cnn.json");
  const auto json = cleave::costTableToJson(table);
  QVERIFY(json.is_object());
  QCOMPARE(keysOf(json),
           (std::set<std::string>{"model", "input_bytes", "layers", "exits", "total"}));
  QCOMPARE(json["model"].get<std::string>(), std::string("camera_cnn"));
  QCOMPARE(json["input_bytes"].get<int64_t>(), int64_t{4 * 28 * 28});
  QCOMPARE(json["layers"].size(), table.layers.size());
  const std::set<std::string> layer_keys{
      "index", "name", "type", "output_shape", "activation_bytes", "params", "macs", "flops"};
  for (size_t i = 0; i < table.layers.size(); ++i) {
    const auto& row = json["layers"][i];
    QCOMPARE(keysOf(row), layer_keys);
    QCOMPARE(row["index"].get<int>(), int(i));
    QCOMPARE(row["name"].get<std::string>(), table.layers[i].name);
    QCOMPARE(row["type"].get<std::string>(), table.layers[i].type);
    QCOMPARE(row["output_shape"].get<cleave::Shape>(), table.layers[i].output_shape);
    QCOMPARE(row["activation_bytes"].get<int64_t>(), table.layers[i].activation_bytes);
    QCOMPARE(row["params"].get<int64_t>(), table.layers[i].params);
    QCOMPARE(row["macs"].get<int64_t>(), table.layers[i].macs);
    QCOMPARE(row["flops"].get<int64_t>(), table.layers[i].flops);
  }
  QCOMPARE(json["layers"][4]["type"].get<std::string>(), std::string("conv2d"));
  QCOMPARE(keysOf(json["total"]), (std::set<std::string>{"params", "macs", "flops"}));
  QCOMPARE(json["total"]["params"].get<int64_t>(), table.total_params);
  QCOMPARE(json["total"]["macs"].get<int64_t>(), table.total_macs);
  QCOMPARE(json["total"]["flops"].get<int64_t>(), table.total_flops);
  QCOMPARE(json["exits"].size(), size_t{2});
  QCOMPARE(keysOf(json["exits"][0]),
           (std::set<std::string>{"name", "after_index", "after", "params", "macs", "flops"}));
  QCOMPARE(json["exits"][0]["after"].get<std::string>(), std::string("pool1"));
  QCOMPARE(json["exits"][1]["after_index"].get<int>(), 7);
}

void TstCostReport::formatBytes_data() {
  QTest::addColumn<qint64>("bytes");
  QTest::addColumn<QString>("expected");
  QTest::addRow("zero") << qint64{0} << "0 B";
  QTest::addRow("just below KiB") << qint64{1023} << "1023 B";
  QTest::addRow("one KiB") << qint64{1024} << "1.0 KiB";
  QTest::addRow("12.3 KiB") << qint64{12 * 1024 + 307} << "12.3 KiB";
  QTest::addRow("1.5 MiB") << qint64{3 * 512 * 1024} << "1.5 MiB";
  QTest::addRow("3 GiB") << qint64{3} * 1024 * 1024 * 1024 << "3.0 GiB";
}

void TstCostReport::formatBytes() {
  QFETCH(qint64, bytes);
  QFETCH(QString, expected);
  QCOMPARE(QString::fromStdString(cleave::formatBytes(bytes)), expected);
}

void TstCostReport::formatCount_data() {
  QTest::addColumn<qint64>("count");
  QTest::addColumn<QString>("expected");
  QTest::addRow("zero") << qint64{0} << "0";
  QTest::addRow("three digits") << qint64{999} << "999";
  QTest::addRow("thousand") << qint64{1000} << "1,000";
  QTest::addRow("alexnet") << qint64{61100840} << "61,100,840";
  QTest::addRow("negative") << qint64{-1234567} << "-1,234,567";
}

void TstCostReport::formatCount() {
  QFETCH(qint64, count);
  QFETCH(QString, expected);
  QCOMPARE(QString::fromStdString(cleave::formatCount(count)), expected);
}

void TstCostReport::textTable_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QString>("unit");
  QTest::addColumn<double>("scale");
  QTest::addRow("camera in MFLOPs") << "camera_cnn.json"
                                    << "MFLOPs" << 1e6;
  QTest::addRow("vgg16 in GFLOPs") << "vgg16.json"
                                   << "GFLOPs" << 1e9;
}

void TstCostReport::textTable() {
  QFETCH(QString, file);
  QFETCH(QString, unit);
  QFETCH(double, scale);
  const auto table = costsOf(file.toUtf8().constData());
  const QString text = QString::fromStdString(cleave::formatCostTable(table));
  const QStringList lines = text.split('\n');
  QVERIFY2(lines[0].contains("FLOPs = 2 x MACs, per sample, forward"), qPrintable(lines[0]));
  // The column block: a header row, one row per layer, a totals row.
  const qsizetype header = lines.indexOf(QRegularExpression("^\\s*#\\s+name\\s+type.*"));
  QVERIFY2(header > 0, qPrintable(text));
  QVERIFY(lines[header].endsWith(unit));
  const auto rows = static_cast<qsizetype>(table.layers.size());
  for (qsizetype i = 0; i < rows; ++i) {
    const QString& row = lines[header + 1 + i];
    const auto& layer = table.layers[static_cast<size_t>(i)];
    const QStringList cells = row.split(' ', Qt::SkipEmptyParts);
    QCOMPARE(cells[0], QString::number(i));
    QCOMPARE(cells[1], QString::fromStdString(layer.name));
    QCOMPARE(cells[2], QString::fromStdString(layer.type));
    QVERIFY2(row.contains(QString::fromStdString(cleave::shapeToString(layer.output_shape))),
             qPrintable(row));
    QCOMPARE(cells[cells.size() - 2], QString::fromStdString(cleave::formatCount(layer.params)));
    QCOMPARE(cells.back().toDouble(), std::round(double(layer.flops) / scale * 1000) / 1000);
    // Right-aligned last column: every row of the block ends at the same column.
    QCOMPARE(row.size(), lines[header].size());
  }
  const QString& total = lines[header + 1 + rows];
  QVERIFY2(total.contains("total"), qPrintable(total));
  QVERIFY(total.contains(QString::fromStdString(cleave::formatCount(table.total_params))));
  QCOMPARE(total.size(), lines[header].size());
  QCOMPARE(text.contains("exit heads"), !table.exits.empty());
}

QTEST_APPLESS_MAIN(TstCostReport)
#include "tst_cost_report.moc"

// Tests for the sensor CSV reader: windowing, label vocabularies, and every error message.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/data/sensor_csv.h"
#include "core/data/vibration_generator.h"

using namespace cleave;

namespace {

QString writeText(const QTemporaryDir& dir, const QString& name, const QString& text) {
  const QString path = dir.filePath(name);
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write fixture %s", qPrintable(path));
  f.write(text.toUtf8());
  return path;
}

// Rows t = 0..9: ax = t, ay = 100 + t; labels a x6 then b x4.
QString goodLog(const QString& label_a = "a", const QString& label_b = "b") {
  QString text = "time,ax,ay,label\n";
  for (int t = 0; t < 10; ++t) {
    text +=
        QString("%1,%2,%3,%4\n").arg(t * 0.01).arg(t).arg(100 + t).arg(t < 6 ? label_a : label_b);
  }
  return text;
}

SensorCsvOptions smallWindows() {
  SensorCsvOptions options;
  options.ignore_columns = {"time"};
  options.window = 3;
  options.stride = 2;
  options.standardise = false;
  return options;
}

}  // namespace

class TstSensorCsv : public QObject {
  Q_OBJECT

 private slots:
  void windowsFollowLabelRuns() {
    QTemporaryDir dir;
    const Dataset d =
        readSensorCsv(writeText(dir, "log.csv", goodLog()).toStdString(), smallWindows());
    // Run a = rows 0..5 -> windows at 0, 2 (4 + 3 > 6); run b = rows 6..9 -> window at 6 only.
    QCOMPARE(d.size(), 3);
    QCOMPARE(d.name, std::string("log"));
    QCOMPARE(d.sample_shape, (Shape{2, 3}));
    QCOMPARE(d.class_names, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(d.labels, (std::vector<int64_t>{0, 0, 1}));
    const std::vector<int> starts = {0, 2, 6};
    for (int w = 0; w < 3; ++w) {
      for (int t = 0; t < 3; ++t) {
        QCOMPARE(d.values[size_t(w * 6 + t)], float(starts[size_t(w)] + t));            // ax
        QCOMPARE(d.values[size_t(w * 6 + 3 + t)], float(100 + starts[size_t(w)] + t));  // ay
      }
    }
  }

  void labelVocabularies_data() {
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QStringList>("given");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<int>("first_label");
    QTest::addColumn<int>("last_label");
    QTest::addRow("names sorted") << "zeta"
                                  << "alpha" << QStringList{} << QStringList{"alpha", "zeta"} << 1
                                  << 0;
    QTest::addRow("integers") << "2"
                              << "0" << QStringList{} << QStringList{"0", "1", "2"} << 2 << 0;
    QTest::addRow("given names") << "fault"
                                 << "ok" << QStringList{"ok", "fault"} << QStringList{"ok", "fault"}
                                 << 1 << 0;
    QTest::addRow("given, indices used")
        << "1"
        << "0" << QStringList{"ok", "fault"} << QStringList{"ok", "fault"} << 1 << 0;
  }
  void labelVocabularies() {
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QStringList, given);
    QFETCH(QStringList, names);
    QFETCH(int, first_label);
    QFETCH(int, last_label);
    QTemporaryDir dir;
    SensorCsvOptions options = smallWindows();
    for (const QString& n : given)
      options.class_names.push_back(n.toStdString());
    const Dataset d =
        readSensorCsv(writeText(dir, "log.csv", goodLog(a, b)).toStdString(), options);
    std::vector<std::string> expected;
    for (const QString& n : names)
      expected.push_back(n.toStdString());
    QCOMPARE(d.class_names, expected);
    QCOMPARE(d.labels.front(), first_label);
    QCOMPARE(d.labels.back(), last_label);
  }

  void explicitChannelsCommentsAndCrlf() {
    QTemporaryDir dir;
    QString text = "# exported by the line PLC\r\nlabel;ay;ax;temp\r\n\r\n";
    for (int t = 0; t < 4; ++t)
      text += QString("0; %1 ;\"%2\";20\r\n").arg(10 * t).arg(t);
    SensorCsvOptions options;
    options.delimiter = ';';
    options.channel_columns = {"ax", "ay"};  // model order differs from file order
    options.window = 4;
    options.stride = 4;
    options.standardise = false;
    const Dataset d = readSensorCsv(writeText(dir, "plc.csv", text).toStdString(), options);
    QCOMPARE(d.size(), 1);
    QCOMPARE(d.values, (std::vector<float>{0, 1, 2, 3, 0, 10, 20, 30}));
  }

  void standardisesEachWindowAndChannel() {
    QTemporaryDir dir;
    SensorCsvOptions options = smallWindows();
    options.standardise = true;
    const Dataset d = readSensorCsv(writeText(dir, "log.csv", goodLog()).toStdString(), options);
    // Each channel of a window is t, t+1, t+2 (+ offset): standardised to -sqrt(1.5), 0, sqrt(1.5).
    const float s = float(std::sqrt(1.5));
    for (size_t c = 0; c < d.values.size(); c += 3) {
      QVERIFY(std::abs(d.values[c] + s) < 1e-5f);
      QVERIFY(std::abs(d.values[c + 1]) < 1e-5f);
      QVERIFY(std::abs(d.values[c + 2] - s) < 1e-5f);
    }
  }

  void errors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("fragments");
    QString bad_number = "ax,ay,label\n";
    for (int line = 2; line <= 16; ++line)
      bad_number += "1,2,a\n";
    bad_number += "abc,2,a\n";  // line 17
    QTest::addRow("not a number") << bad_number
                                  << QStringList{
                                         "bad.csv line 17: column 'ax': 'abc' is not a number"};
    QTest::addRow("nan") << "ax,ay,label\n1,nan,a\n"
                         << QStringList{"line 2: column 'ay': 'nan' is not a number"};
    QTest::addRow("no label column") << "ax,ay,class\n1,2,a\n"
                                     << QStringList{"no column 'label'", "ax, ay, class"};
    QTest::addRow("field count") << "ax,ay,label\n1,2,a\n1,2\n"
                                 << QStringList{"bad.csv line 3: expected 3 fields, found 2"};
    QTest::addRow("empty label") << "ax,ay,label\n1,2,\n"
                                 << QStringList{"line 2: column 'label' is empty"};
    QTest::addRow("negative index") << "ax,ay,label\n1,2,0\n1,2,-1\n"
                                    << QStringList{"line 3", "'-1' is a negative class index"};
    QTest::addRow("no window") << "ax,ay,label\n1,2,a\n1,2,a\n1,2,b\n1,2,b\n"
                               << QStringList{"no complete window of 3 rows", "4 data rows",
                                              "has 2"};
    QTest::addRow("empty file") << "\n# nothing\n" << QStringList{"empty file"};
  }
  void errors() {
    QFETCH(QString, text);
    QFETCH(QStringList, fragments);
    QTemporaryDir dir;
    SensorCsvOptions options;
    options.window = 3;
    options.stride = 1;
    try {
      readSensorCsv(writeText(dir, "bad.csv", text).toStdString(), options);
      QFAIL("no exception");
    } catch (const std::runtime_error& e) {
      for (const QString& fragment : fragments)
        QVERIFY2(QString(e.what()).contains(fragment), e.what());
    }
  }

  void unknownClassAndMissingChannel() {
    QTemporaryDir dir;
    const auto path = writeText(dir, "log.csv", goodLog("a", "c")).toStdString();
    SensorCsvOptions options = smallWindows();
    options.class_names = {"a", "b"};
    try {
      readSensorCsv(path, options);
      QFAIL("no exception");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains(
                   "line 8: column 'label': 'c' is not one of the classes (a, b)"),
               e.what());
    }
    options = smallWindows();
    options.channel_columns = {"ax", "az"};
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readSensorCsv(path, options));
    try {
      readSensorCsv(dir.filePath("missing.csv").toStdString(), options);
      QFAIL("no exception");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains("missing.csv: cannot open"), e.what());
    }
    options.window = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, readSensorCsv(path, options));
  }

  void vibrationExportRoundTrips() {
    QTemporaryDir dir;
    const Dataset original = generateVibration(VibrationConfig{}, 2, 17);
    const QString path = dir.filePath("vibration.csv");
    writeVibrationCsv(original, path.toStdString());
    SensorCsvOptions options;
    options.channel_columns = {"ch0", "ch1", "ch2"};
    options.class_names = vibrationClassNames();
    options.standardise = false;  // already standardised; must come back bit for bit
    const Dataset back = readSensorCsv(path.toStdString(), options);
    QCOMPARE(back.sample_shape, original.sample_shape);
    QCOMPARE(back.labels, original.labels);
    QVERIFY(back.values == original.values);
  }
};

QTEST_APPLESS_MAIN(TstSensorCsv)
#include "tst_sensor_csv.moc"

// CSV export: every file parsed back with an RFC 4180 reader written here and compared with what
// was recorded; quoting of commas, quotes and newlines; the per-round pivot.
#include <QTemporaryDir>
#include <QtTest>
#include <charconv>

#include "core/session/csv_export.h"
#include "core/session/session_error.h"
#include "core/session/session_reader.h"
#include "core/session/session_writer.h"
#include "session_fixture.h"

using namespace cleave;
using namespace cleave::test;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// RFC 4180: fields split by commas, records by CRLF, quoted fields may hold anything ("" = ").
Rows parseCsv(const std::string& text) {
  Rows rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    auto& field = rows.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();  // after the last CRLF
  return rows;
}

std::string readFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll().toStdString();
}

double toDouble(const std::string& text) {
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

class TstCsvExport : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::string m_path;
  QString m_out;

 private slots:
  void initTestCase() {
    m_path = m_dir.filePath("export.cleave").toStdString();
    m_out = m_dir.filePath("csv/nested");
    SessionWriter writer(m_path, sampleInfo());
    for (int r = 0; r < 3; ++r)
      recordRound(writer, r);
    // A session-wide metric only in round 1, a per-device one in round 3 only, a round-less one.
    writer.recordMetric({1, "", "bytes_up", 123456789.0, 1'000'960});
    writer.recordMetric({3, "cam, \"two\"", "exit_rate", 0.1, 3'000'100});
    writer.recordMetric({-1, "", "setup_ms", 12.5, 5});
    writer.flush();
  }

  void csvFieldQuoting_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addRow("plain") << "abc"
                           << "abc";
    QTest::addRow("empty") << ""
                           << "";
    QTest::addRow("comma") << "a,b"
                           << "\"a,b\"";
    QTest::addRow("quote") << "say \"hi\""
                           << "\"say \"\"hi\"\"\"";
    QTest::addRow("newline") << "a\nb"
                             << "\"a\nb\"";
    QTest::addRow("cr") << "a\rb"
                        << "\"a\rb\"";
    QTest::addRow("spaces kept") << " a "
                                 << " a ";
  }
  void csvFieldQuoting() {
    QFETCH(QString, text);
    QFETCH(QString, field);
    QCOMPARE(QString::fromStdString(csvField(text.toStdString())), field);
  }

  void exportsEveryFile() {
    SessionReader reader(m_path);
    const auto summary = exportMetricsCsv(reader, m_out.toStdString());

    const auto metrics = parseCsv(readFile(m_out + "/metrics.csv"));
    const auto recorded = reader.metrics();
    QCOMPARE(summary.metric_rows, static_cast<int64_t>(recorded.size()));
    QCOMPARE(metrics.size(), recorded.size() + 1);
    QCOMPARE(metrics[0], (std::vector<std::string>{"round", "device", "name", "value", "t_us"}));
    for (size_t i = 0; i < recorded.size(); ++i) {
      const auto& row = metrics[i + 1];
      QCOMPARE(row.size(), size_t{5});
      QCOMPARE(std::stoi(row[0]), recorded[i].round);
      QCOMPARE(row[1], recorded[i].device);
      QCOMPARE(row[2], recorded[i].name);
      QCOMPARE(toDouble(row[3]), recorded[i].value);  // exact: shortest round-trip form
      QCOMPARE(std::stoll(row[4]), recorded[i].t_us);
    }

    const auto events = parseCsv(readFile(m_out + "/events.csv"));
    const auto expected = expectedEvents(0, 2);
    QCOMPARE(summary.event_rows, static_cast<int64_t>(expected.size()));
    QCOMPARE(events.size(), expected.size() + 1);
    QCOMPARE(events[0], (std::vector<std::string>{"t_us", "kind", "round", "device", "data_json"}));
    bool sawAwkward = false;
    for (size_t i = 0; i < expected.size(); ++i) {
      const auto& row = events[i + 1];
      QCOMPARE(row, (std::vector<std::string>{std::to_string(expected[i].t_us), expected[i].kind,
                                              std::to_string(expected[i].round), expected[i].device,
                                              expected[i].data_json}));
      const auto& json = expected[i].data_json;
      sawAwkward |= json.find(',') != std::string::npos && json.find('"') != std::string::npos &&
                    json.find('\n') != std::string::npos;
    }
    QVERIFY(sawAwkward);
    QVERIFY(readFile(m_out + "/events.csv").find("\r\n") != std::string::npos);
  }

  void roundsArePivoted() {
    SessionReader reader(m_path);
    const auto summary = exportMetricsCsv(reader, m_out.toStdString());
    const auto rounds = parseCsv(readFile(m_out + "/rounds.csv"));
    // Session-wide names in first-recorded order; per-device names are not columns.
    const std::vector<std::string> header{"round", "accuracy_final", "loss", "round_ms",
                                          "bytes_up"};
    QCOMPARE(rounds.at(0), header);
    QCOMPARE(summary.round_rows, int64_t{4});  // rounds 0..3; round 3 has a device metric only
    QCOMPARE(rounds.size(), size_t{5});
    for (int r = 0; r < 3; ++r) {
      const auto& row = rounds[size_t(r) + 1];
      QCOMPARE(row.size(), header.size());
      QCOMPARE(std::stoi(row[0]), r);
      QCOMPARE(toDouble(row[1]), 0.5 + 0.1 * r);
      QCOMPARE(toDouble(row[2]), 1.0 / (r + 3));
      QCOMPARE(toDouble(row[3]), 800.0 + r);
      QCOMPARE(row[4], r == 1 ? std::string("123456789") : std::string());
    }
    QCOMPARE(rounds[4], (std::vector<std::string>{"3", "", "", "", ""}));
  }

  void unwritableDirectoryIsReported() {
    SessionReader reader(m_path);
    const auto blocker = m_dir.filePath("a-file");
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    try {
      exportMetricsCsv(reader, (blocker + "/sub").toStdString());
      QFAIL("exporting under a regular file succeeded");
    } catch (const SessionError& e) {
      QVERIFY2(QString(e.what()).contains("a-file"), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TstCsvExport)
#include "tst_csv_export.moc"

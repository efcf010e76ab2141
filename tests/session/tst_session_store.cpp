// SessionWriter/SessionReader: full round trip, resume, version refusal, crash and kill safety,
// disk-full handling, reading while recording.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <QtTest>

#include "core/session/session_error.h"
#include "core/session/session_reader.h"
#include "core/session/session_writer.h"
#include "session_fixture.h"

using namespace cleave;
using namespace cleave::test;

namespace {

// Runs SQL on a raw connection, as an independent check of what is in the file.
int64_t scalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_stmt* statement = nullptr;
  int64_t value = -999;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW)
    value = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

void execRaw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  QCOMPARE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

std::vector<int> roundsOf(const std::vector<MetricRecord>& metrics) {
  std::vector<int> rounds;
  for (const auto& m : metrics)
    if (rounds.empty() || rounds.back() != m.round) rounds.push_back(m.round);
  return rounds;
}

template <typename F>
QString sessionErrorOf(F&& f) {
  try {
    f();
  } catch (const SessionError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace

class TstSessionStore : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::string file(const char* name) { return m_dir.filePath(name).toStdString(); }

 private slots:
  void writeThenReadEverything() {
    const auto path = file("all.cleave");
    {
      SessionWriter writer(path, sampleInfo());
      QVERIFY(!writer.resumed());
      for (const auto& d : sampleDevices())
        writer.upsertDevice(d);
      writer.flush();
      for (int r = 0; r < 3; ++r)
        recordRound(writer, r);
      // A later sighting updates status and last_seen but keeps first_seen.
      auto seen = sampleDevices()[0];
      seen.first_seen_us = 5'000'000;
      seen.last_seen_us = 2'500'000;
      seen.status = "offline";
      writer.upsertDevice(seen);
      writer.flush();
    }
    SessionReader reader(path);
    auto info = sampleInfo();
    info.schema_version = 1;
    QVERIFY(reader.info() == info);

    auto devices = sampleDevices();
    devices[0].last_seen_us = 2'500'000;
    devices[0].status = "offline";
    const auto readDevices = reader.devices();
    QCOMPARE(readDevices.size(), devices.size());
    for (size_t i = 0; i < devices.size(); ++i)
      QVERIFY(readDevices[i] == devices[i]);

    const auto events = reader.events();
    const auto expected = expectedEvents(0, 2);
    QCOMPARE(events.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
      QVERIFY2(events[i] == expected[i], qPrintable(QString::number(i)));

    std::vector<MetricRecord> metrics;
    std::vector<PlanRecord> plans;
    for (int r = 0; r < 3; ++r) {
      const auto c = sampleRound(r);
      metrics.insert(metrics.end(), c.metrics.begin(), c.metrics.end());
      plans.push_back(c.plan);
    }
    QVERIFY(reader.metrics() == metrics);
    QVERIFY(reader.plans() == plans);

    const auto checkpoints = reader.checkpoints();
    QCOMPARE(checkpoints.size(), size_t{3});
    for (int r = 0; r < 3; ++r) {
      QCOMPARE(checkpoints[size_t(r)].round, r);
      QVERIFY(checkpoints[size_t(r)].weights_bytes > 0);
      const auto loaded = reader.loadCheckpoint(r);
      QVERIFY(loaded.has_value());
      QVERIFY(loaded->weights == sampleRound(r).weights);
      QCOMPARE(loaded->plan_json, sampleRound(r).plan.plan_json);
    }
    QCOMPARE(reader.latestCheckpoint()->round, 2);
    QVERIFY(!reader.loadCheckpoint(7).has_value());
  }

  void queriesFilter() {
    const auto path = file("query.cleave");
    {
      SessionWriter writer(path, sampleInfo());
      for (int r = 0; r < 3; ++r)
        recordRound(writer, r, Finish::Commit);
    }
    SessionReader reader(path);
    const auto range = reader.eventTimeRange();
    QVERIFY(range.has_value());
    QCOMPARE(range->first, int64_t{100});
    QCOMPARE(range->second, int64_t{2'000'900});

    EventQuery fromRound1;
    fromRound1.from_us = 1'000'200;
    const auto later = reader.events(fromRound1);
    const auto all = expectedEvents(0, 2);
    std::vector<Event> expected;
    std::copy_if(all.begin(), all.end(), std::back_inserter(expected),
                 [](const Event& e) { return e.t_us >= 1'000'200; });
    QVERIFY(later == expected);

    EventQuery kindRound;
    kindRound.kind = event_kind::kRoundEnd;
    kindRound.round = 1;
    const auto ends = reader.events(kindRound);
    QCOMPARE(ends.size(), size_t{1});
    QCOMPARE(ends[0].t_us, int64_t{1'000'900});

    MetricQuery loss;
    loss.name = "loss";
    const auto losses = reader.metrics(loss);
    QCOMPARE(losses.size(), size_t{3});
    for (int r = 0; r < 3; ++r)
      QCOMPARE(losses[size_t(r)].value, 1.0 / (r + 3));
    MetricQuery device;
    device.device = "cam-1";
    device.round = 2;
    const auto own = reader.metrics(device);
    QCOMPARE(own.size(), size_t{1});
    QCOMPARE(own[0].value, 0.25 + 2 / 100.0);

    int visited = 0;
    reader.forEachEvent({}, [&](const Event&) { return ++visited < 4; });
    QCOMPARE(visited, 4);
  }

  void resumeAppends() {
    const auto path = file("resume.cleave");
    {
      SessionWriter writer(path, sampleInfo());
      recordRound(writer, 0);
      recordRound(writer, 1);
    }
    auto otherInfo = sampleInfo();
    otherInfo.use_case = "factory";
    SessionWriter writer(path, otherInfo);
    QVERIFY(writer.resumed());
    QCOMPARE(writer.info().use_case, std::string("camera"));  // the original is kept
    QCOMPARE(writer.resumeTimeUs(), int64_t{1'000'990});
    QCOMPARE(writer.lastSafeRound(), 1);
    const auto latest = writer.latestCheckpoint();
    QVERIFY(latest.has_value());
    QCOMPARE(latest->round, 1);
    QVERIFY(latest->weights == sampleRound(1).weights);
    recordRound(writer, 2);
    SessionReader reader(path);
    QVERIFY(reader.events() == expectedEvents(0, 2));
    QCOMPARE(reader.checkpoints().size(), size_t{3});
    QCOMPARE(scalar(path, "SELECT count(*) FROM meta"), int64_t{5});
  }

  void refusesForeignFiles_data() {
    QTest::addColumn<QString>("setupSql");
    QTest::addColumn<QString>("message");
    QTest::addRow("newer version") << "PRAGMA user_version = 2"
                                   << "schema version 2; this build reads up to version 1";
    QTest::addRow("meta disagrees") << "UPDATE meta SET value = '7' WHERE key = 'schema_version'"
                                    << "inconsistent";
  }
  void refusesForeignFiles() {
    QFETCH(QString, setupSql);
    QFETCH(QString, message);
    const auto path = file("foreign.cleave");
    std::remove(path.c_str());
    { SessionWriter writer(path, sampleInfo()); }
    execRaw(path, setupSql.toStdString());
    const auto asWriter = sessionErrorOf([&] { SessionWriter writer(path, sampleInfo()); });
    QVERIFY2(asWriter.contains(message) && asWriter.contains(QString::fromStdString(path)),
             qPrintable(asWriter));
    const auto asReader = sessionErrorOf([&] { SessionReader reader(path); });
    QVERIFY2(asReader.contains(message), qPrintable(asReader));
  }

  void refusesNonSessions() {
    const auto other = file("other.db");
    execRaw(other, "CREATE TABLE t(x)");
    QVERIFY(sessionErrorOf([&] {
              SessionWriter w(other, sampleInfo());
            }).contains("is not a Cleave session file"));
    const auto text = file("notes.txt");
    QFile f(QString::fromStdString(text));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    QVERIFY(!sessionErrorOf([&] { SessionReader r(text); }).isEmpty());
    QVERIFY(sessionErrorOf([&] {
              SessionReader r(file("missing.cleave"));
            }).contains("does not exist"));
  }

  void invalidJsonIsRefusedBeforeWriting() {
    const auto path = file("json.cleave");
    SessionWriter writer(path, sampleInfo());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             writer.appendEvent({1, event_kind::kLog, -1, "", "{not json"}));
    QVERIFY(!writer.hasPending());
    writer.appendEvent({1, event_kind::kLog, -1, "", ""});  // "" stands for {}
    writer.flush();
    QCOMPARE(SessionReader(path).events().at(0).data_json, std::string("{}"));
  }

  void uncommittedRoundIsLostOnDestruction() {
    const auto path = file("crash.cleave");
    {
      SessionWriter writer(path, sampleInfo());
      recordRound(writer, 0);
      recordRound(writer, 1, Finish::Commit);
      const auto c = sampleRound(2);
      for (const auto& e : c.events)
        writer.appendEvent(e);
      for (const auto& m : c.metrics)
        writer.recordMetric(m);
      QVERIFY(writer.hasPending());
    }  // no commit: gone like a crash
    SessionReader reader(path);
    QCOMPARE(roundsOf(reader.metrics()), (std::vector<int>{0, 1}));
    QVERIFY(reader.events() == expectedEvents(0, 1));
  }

  void killedProcessKeepsCommittedRounds() {
    const auto path = file("killed.cleave");
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
      SessionWriter writer(path, sampleInfo());
      recordRound(writer, 0);
      recordRound(writer, 1);
      const auto c = sampleRound(2);
      for (const auto& e : c.events)
        writer.appendEvent(e);
      writer.recordPlan(c.plan);
      raise(SIGKILL);  // mid-round, no destructor, no rollback
      _exit(0);
    }
    int status = 0;
    QCOMPARE(waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    {
      SessionReader reader(path);
      QVERIFY(reader.events() == expectedEvents(0, 1));
      QCOMPARE(reader.plans().size(), size_t{2});
      QCOMPARE(reader.latestCheckpoint()->round, 1);
    }
    SessionWriter resumed(path, sampleInfo());  // recovery from the WAL, then carry on
    QCOMPARE(resumed.lastSafeRound(), 1);
    recordRound(resumed, 2);
    QVERIFY(SessionReader(path).events() == expectedEvents(0, 2));
  }

  void diskFullLosesOnlyTheRoundInFlight() {
    const auto path = file("full.cleave");
    SessionWriterOptions options;
    options.size_limit_bytes = 256 * 1024;
    SessionWriter writer(path, sampleInfo(), options);
    const std::string bulk = "{\"pad\":\"" + std::string(3000, 'p') + "\"}";
    int failedRound = -1;
    QString message;
    for (int r = 0; r < 100 && failedRound < 0; ++r) {
      try {
        recordRound(writer, r, Finish::Leave);
        for (int i = 0; i < 4; ++i)
          writer.appendEvent({int64_t{r} * 1'000'000 + 999, event_kind::kLog, r, "", bulk});
        writer.commitRound(r);
      } catch (const SessionError& e) {
        failedRound = r;
        message = e.what();
      }
    }
    QVERIFY2(failedRound > 1, "the size limit never triggered");
    qDebug("size limit hit in round %d: %s", failedRound, qPrintable(message));
    const auto expected = QString(
                              "disk full while writing %1: round %2 not recorded; rounds up to "
                              "%3 are safe")
                              .arg(QString::fromStdString(path))
                              .arg(failedRound)
                              .arg(failedRound - 1);
    QVERIFY2(message.startsWith(expected), qPrintable(message));
    QVERIFY(!writer.hasPending());
    QCOMPARE(writer.lastSafeRound(), failedRound - 1);

    std::vector<int> safe(static_cast<size_t>(failedRound));
    std::iota(safe.begin(), safe.end(), 0);
    QCOMPARE(roundsOf(SessionReader(path).metrics()), safe);

    // Space freed: the same writer carries on with the next round.
    writer.setSizeLimit(0);
    recordRound(writer, failedRound + 1);
    SessionReader reader(path);
    auto rounds = safe;
    rounds.push_back(failedRound + 1);
    QCOMPARE(roundsOf(reader.metrics()), rounds);
    QCOMPARE(reader.latestCheckpoint()->round, failedRound + 1);
  }

  void readerSeesOnlyCommittedWhileWriting() {
    const auto path = file("live.cleave");
    SessionWriter writer(path, sampleInfo());
    recordRound(writer, 0);
    SessionReader reader(path);
    QCOMPARE(roundsOf(reader.metrics()), std::vector<int>{0});
    const auto c = sampleRound(1);
    for (const auto& e : c.events)
      writer.appendEvent(e);
    for (const auto& m : c.metrics)
      writer.recordMetric(m);
    QCOMPARE(roundsOf(reader.metrics()), std::vector<int>{0});  // round 1 is in flight
    QVERIFY(reader.events() == expectedEvents(0, 0));
    writer.commitRound(1);
    QCOMPARE(roundsOf(reader.metrics()), (std::vector<int>{0, 1}));
    QVERIFY(reader.events() == expectedEvents(0, 1));
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr);
    QCOMPARE(sqlite3_step(statement), SQLITE_ROW);
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))),
             QByteArray("wal"));
    sqlite3_finalize(statement);
    sqlite3_close(db);
  }
};

QTEST_APPLESS_MAIN(TstSessionStore)
#include "tst_session_store.moc"

// SessionState: events -> plain state (session, devices, rounds, series, log, preview); unknown
// kinds and fields are skipped, malformed events counted; reset clears everything.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

#include "app/model/session_state.h"
#include "tests/studio/studio_events.h"

using namespace cleave;
using namespace cleave::studio;

class TstSessionState : public QObject {
  Q_OBJECT

 private slots:
  void appliesAFactorySession() {
    SessionState state;
    QSignalSpy session(&state, &SessionState::sessionChanged);
    QSignalSpy devices(&state, &SessionState::devicesChanged);
    QSignalSpy rounds(&state, &SessionState::roundsChanged);
    QSignalSpy series(&state, &SessionState::seriesAppended);
    QSignalSpy log(&state, &SessionState::logAppended);
    state.apply(test::factorySession());
    QCOMPARE(session.size(), 1);  // one batch: one signal per area
    QCOMPARE(devices.size(), 1);
    QCOMPARE(rounds.size(), 1);
    QCOMPARE(rounds.at(0).at(0).toInt(), 1);
    QCOMPARE(series.size(), 1);
    QCOMPARE(log.size(), 1);

    const SessionInfoState& s = state.session();
    QVERIFY(s.started);
    QCOMPARE(s.use_case, QStringLiteral("factory"));
    QVERIFY2(s.spec.has_value(), qPrintable(s.spec_error));
    QCOMPARE(s.spec->layerCount(), test::kFactoryLayers);
    QCOMPARE(s.settings.batch, 16);
    QCOMPARE(s.settings.codec, QStringLiteral("fp32"));
    QCOMPARE(s.split_mode, QStringLiteral("fastest"));

    QCOMPARE(state.deviceOrder(), (QStringList{"plc-1", "ipc-1", "unnamed-1a2b3c4d"}));
    const DeviceState* plc = state.device("plc-1");
    QVERIFY(plc);
    QCOMPARE(plc->cores, 4);
    QCOMPARE(plc->layer_ms.size(), size_t(test::kFactoryLayers));
    QVERIFY(plc->link.has_value());
    QCOMPARE(plc->link->up_mbps, 20.0);
    QCOMPARE(plc->cut, 2);
    QVERIFY(plc->last_phase.has_value());
    QCOMPARE(plc->last_phase->round_ms, 150.0);
    QCOMPARE(plc->jitter_ms, 2.5);
    // 100 kB in 30 ms of uplink = 26.7 Mbit/s.
    QVERIFY(std::abs(plc->measured_up_mbps - 100000 * 8 / 30e3) < 1e-9);
    QVERIFY(plc->detail.contains("straggler"));
    const DeviceState* pend = state.device("unnamed-1a2b3c4d");
    QVERIFY(pend && pend->pending);
    QCOMPARE(pend->address, QStringLiteral("127.0.0.1"));

    const RoundState& r = state.rounds().at(1);
    QCOMPARE(r.plan.at("ipc-1").cut, 8);
    QCOMPARE(r.phases.size(), size_t(2));
    QCOMPARE(r.stragglers, QStringList{"plc-1"});
    QVERIFY(r.evaluated);
    QCOMPARE(r.accuracy_final, 0.8);
    QCOMPARE(r.accuracy_exits.at("local"), 0.8 - 0.1);
    QCOMPARE(r.exit_rate, 0.3);

    QCOMPARE(state.series(SeriesKind::DelayPerDevice).at("plc-1").size(), 1);
    QCOMPARE(state.series(SeriesKind::AccuracyPerExit).at("final").first().y(), 0.8);
    QCOMPARE(state.series(SeriesKind::AccuracyPerExit).at("local").size(), 1);
    QCOMPARE(state.series(SeriesKind::BytesPerRound).at("up").first().y(), 200000.0);
    QCOMPARE(state.series(SeriesKind::StragglersPerRound).at("stragglers").first().y(), 1.0);
    QCOMPARE(state.series(SeriesKind::ExitRate).at("fleet").first().y(), 0.3);
    // The cloud's own line, plus the studio's narration of joins, the pending key and the round.
    const auto& entries = state.log();
    const auto cloud_line = std::find_if(entries.begin(), entries.end(), [](const auto& l) {
      return l.message == QStringLiteral("plc-1 missed the deadline");
    });
    QVERIFY(cloud_line != entries.end());
    QCOMPARE(cloud_line->level, QStringLiteral("warning"));
    QCOMPARE(cloud_line->device, QStringLiteral("plc-1"));
    QCOMPARE(std::count_if(entries.begin(), entries.end(),
                           [](const auto& l) { return l.message.startsWith("joined"); }),
             2);
    QVERIFY(std::any_of(entries.begin(), entries.end(), [](const auto& l) {
      return l.level == QStringLiteral("warning") && l.message.contains("stragglers: plc-1");
    }));
    QCOMPARE(state.skippedEvents(), 0);
  }

  void skipsUnknownKindsAndFields() {
    SessionState state;
    QSignalSpy devices(&state, &SessionState::devicesChanged);
    state.apply({Event{1, "teleport", 1, "x", R"({"to":"mars"})"},
                 Event{2, "device_joined", -1, "cam", R"({"role":"edge","colour":"blue"})"},
                 Event{3, "log", -1, "", "not json"},
                 Event{4, "phase_timing", 1, "", "{}"}});  // phase_timing needs a device
    QCOMPARE(state.deviceOrder(), QStringList{"cam"});
    QCOMPARE(state.device("cam")->role, QStringLiteral("edge"));
    QCOMPARE(state.skippedEvents(), 2);
    QCOMPARE(devices.size(), 1);
    QCOMPARE(state.lastEventUs(), 4);
  }

  void statusPreviewExitStatsAndSettings() {
    SessionState state;
    QSignalSpy preview(&state, &SessionState::previewChanged);
    state.apply(test::factorySession());
    state.apply({Event{200, "device_status", -1, "plc-1", R"({"status":"offline"})"},
                 Event{210, "exit_stats", 2, "ipc-1",
                       R"({"exit_rate":0.6,"samples":50,"latency_ms_mean":3.5})"},
                 Event{220, "preview", -1, "ipc-1",
                       R"({"png_base64":"iVBORw0K","exit":"local","prediction":3,)"
                       R"("latency_ms":2.0})"},
                 Event{230, "settings", -1, "",
                       R"({"settings":{"batch":64},"split":{"mode":"manual","cut":5},)"
                       R"("device_splits":{"ipc-1":{"mode":"manual","cut":7}}})"},
                 Event{240, "paused", -1, "", R"({"reason":"operator","round":1})"},
                 Event{250, "device_settings", -1, "plc-1",
                       R"({"link":{"up_mbps":5,"down_mbps":10,"latency_ms":50,)"
                       R"("jitter_ms":0,"loss":0},"slowdown":2})"}});
    QCOMPARE(state.device("plc-1")->status, QStringLiteral("offline"));
    QCOMPARE(state.device("plc-1")->link->up_mbps, 5.0);
    QCOMPARE(state.device("plc-1")->slowdown, 2.0);
    QCOMPARE(state.device("ipc-1")->exit_rate, 0.6);
    QCOMPARE(state.device("ipc-1")->latency_ms, 3.5);
    QCOMPARE(preview.size(), 1);
    QVERIFY(state.preview().has_value());
    QCOMPARE(state.preview()->prediction, 3);
    QCOMPARE(state.preview()->png, QByteArray::fromBase64("iVBORw0K"));
    QCOMPARE(state.session().settings.batch, 64);
    QCOMPARE(state.session().settings.steps, 4);  // untouched fields keep their value
    QCOMPARE(state.session().split_mode, QStringLiteral("manual"));
    QCOMPARE(state.session().split_cut, 5);
    QCOMPARE(state.session().device_splits.at("ipc-1").second, 7);
    QVERIFY(state.session().paused);
    QCOMPARE(state.series(SeriesKind::ExitRate).at("ipc-1").size(), 1);
  }

  void logIsCapped() {
    SessionState state;
    QSignalSpy log(&state, &SessionState::logAppended);
    QVector<Event> batch;
    for (int i = 0; i < SessionState::kMaxLogEntries + 25; ++i)
      batch << test::logLine(i, "info", "line " + std::to_string(i));
    state.apply(batch);
    QCOMPARE(state.log().size(), size_t(SessionState::kMaxLogEntries));
    QCOMPARE(state.logDropped(), 25);
    QCOMPARE(state.log().front().message, QStringLiteral("line 25"));
    QCOMPARE(log.at(0).at(0).toInt(), SessionState::kMaxLogEntries);  // never shown ones not added
    QCOMPARE(log.at(0).at(1).toInt(), 0);
    state.apply({test::logLine(1'000'000, "error", "late")});
    QCOMPARE(log.at(1).at(0).toInt(), 1);
    QCOMPARE(log.at(1).at(1).toInt(), 1);
  }

  void resetClearsEverything() {
    SessionState state;
    QSignalSpy reset(&state, &SessionState::stateReset);
    state.apply(test::factorySession());
    state.reset();
    QCOMPARE(reset.size(), 1);
    QVERIFY(state.deviceOrder().isEmpty());
    QVERIFY(state.rounds().empty());
    QVERIFY(state.log().empty());
    QVERIFY(state.series(SeriesKind::DelayPerDevice).empty());
    QVERIFY(!state.session().spec.has_value());
  }

  void fileInfoGivesTheModelBeforeEvents() {
    SessionState state;
    state.setFileInfo("factory", QString::fromStdString(test::factorySpecJson()),
                      R"({"batch":8,"codec":"fp16"})");
    QVERIFY(state.session().spec.has_value());
    QCOMPARE(state.session().settings.batch, 8);
    QCOMPARE(state.session().settings.codec, QStringLiteral("fp16"));
    state.setFileInfo("factory", "{not a spec", "");
    QVERIFY(state.session().spec.has_value());  // an event-given spec is not replaced
  }

  void throughput() {
    // 1000 devices x 100 rounds of phase_timing: what hours of a big fleet's replay feed in.
    QVector<Event> events{test::sessionStart(0)};
    for (int d = 0; d < 1000; ++d)
      events << test::deviceJoined(d + 1, "dev-" + std::to_string(d), 0.1);
    for (int r = 1; r <= 100; ++r) {
      for (int d = 0; d < 1000; ++d)
        events << test::phaseTiming(r * 1'000'000 + d, r, "dev-" + std::to_string(d), 100 + d % 7);
      events << test::roundEnd(r * 1'000'000 + 5000, r, {}, {});
    }
    SessionState state;
    QElapsedTimer timer;
    timer.start();
    state.apply(events);
    const qint64 ms = std::max<qint64>(1, timer.elapsed());
    qInfo("SessionState applied %lld events in %lld ms (%.0f events/s)",
          static_cast<long long>(events.size()), ms, events.size() * 1000.0 / ms);
    QCOMPARE(state.skippedEvents(), 0);
    QCOMPARE(state.series(SeriesKind::DelayPerDevice).at("dev-7").size(), 100);
  }
};

QTEST_GUILESS_MAIN(TstSessionState)
#include "tst_session_state.moc"

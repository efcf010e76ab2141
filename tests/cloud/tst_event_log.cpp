// cleave-cloud's event log behind SYNC: time order, pages that never split one time and together
// return every event once, the bound that keeps membership events, and odd data kept readable.
#include <QtTest>
#include <nlohmann/json.hpp>

#include "agents/cloud/event_log.h"

using namespace cleave;
using cleave::cloud::EventLog;
using Json = nlohmann::json;

namespace {

// Every event from `since`, paging while "more"; `pages` counts the replies.
std::vector<Json> syncAll(const EventLog& log, int64_t since, int* pages, size_t* largest) {
  std::vector<Json> out;
  for (*pages = 1;; ++*pages) {
    const std::string text = log.sync(since);
    *largest = std::max(*largest, text.size());
    const Json reply = Json::parse(text);
    for (const auto& e : reply["events"])
      out.push_back(e);
    since = reply["next_since_us"].get<int64_t>();
    if (!reply["more"].get<bool>() || *pages > 10000) break;
  }
  return out;
}

}  // namespace

class TstEventLog : public QObject {
  Q_OBJECT

 private slots:
  void emptyLogKeepsSince() {
    const EventLog log;
    const Json reply = Json::parse(log.sync(42));
    QVERIFY(reply["events"].empty());
    QCOMPARE(reply["next_since_us"].get<int64_t>(), int64_t(42));
    QCOMPARE(reply["more"].get<bool>(), false);
  }

  void pagesCoverEveryEventOnceInTimeOrder() {
    EventLog log(100'000, 2000);
    const std::string pad(100, 'x');
    for (int i = 0; i < 300; ++i) {  // three events per microsecond
      log.add({i / 3, event_kind::kLog, i, "d", Json{{"i", i}, {"pad", pad}}.dump()});
    }
    int pages = 0;
    size_t largest = 0;
    const auto all = syncAll(log, 0, &pages, &largest);
    QCOMPARE(all.size(), size_t(300));
    for (int i = 0; i < 300; ++i)
      QCOMPARE(all[i]["data"]["i"].get<int>(), i);
    QVERIFY(pages > 5);
    QVERIFY2(largest < 2000 + 3 * 200, "a page is at most the limit plus one time's events");
    // Asking from the middle of the stream returns that time onwards.
    const Json from = Json::parse(log.sync(50));
    QCOMPARE(from["events"][0]["t_us"].get<int64_t>(), int64_t(50));
    QCOMPARE(from["events"][0]["data"]["i"].get<int>(), 150);
  }

  void lateEventsAreSortedIn() {
    EventLog log;
    log.add({5, event_kind::kLog, -1, "", R"({"n":5})"});
    log.add({3, event_kind::kLog, -1, "", R"({"n":3})"});
    log.add({4, event_kind::kDeviceStatus, -1, "x", R"({"n":4})"});
    const Json reply = Json::parse(log.sync(0));
    QCOMPARE(reply["events"].size(), size_t(3));
    for (int i = 0; i < 3; ++i)
      QCOMPARE(reply["events"][i]["data"]["n"].get<int>(), i + 3);
    QCOMPARE(reply["next_since_us"].get<int64_t>(), int64_t(6));
  }

  void boundKeepsMembershipEvents() {
    EventLog log(10);
    log.add({0, event_kind::kSessionStart, -1, "", "{}"});
    for (int i = 1; i <= 5; ++i)
      log.add({i, event_kind::kDeviceJoined, -1, "d" + std::to_string(i), "{}"});
    for (int i = 6; i < 106; ++i)
      log.add({i, event_kind::kRoundEnd, i, "", "{}"});
    QCOMPARE(log.size(), size_t(16));
    QCOMPARE(log.dropped(), uint64_t(90));
    const Json reply = Json::parse(log.sync(0));
    QCOMPARE(reply["events"].size(), size_t(16));
    QCOMPARE(reply["events"][0]["kind"].get<std::string>(), std::string("session_start"));
    QCOMPARE(reply["events"][5]["device"].get<std::string>(), std::string("d5"));
    QCOMPARE(reply["events"][6]["round"].get<int>(), 96);  // the newest ten others
  }

  void dataThatIsNoObjectStaysReadable() {
    EventLog log;
    log.add({1, event_kind::kLog, -1, "", "not json"});
    log.add({2, event_kind::kLog, -1, "", ""});
    const Json reply = Json::parse(log.sync(0));
    QCOMPARE(reply["events"][0]["data"]["text"].get<std::string>(), std::string("not json"));
    QVERIFY(reply["events"][1]["data"].is_object());
    QVERIFY(reply["events"][1]["data"].empty());
  }
};

QTEST_GUILESS_MAIN(TstEventLog)
#include "tst_event_log.moc"

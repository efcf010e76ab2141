// BadMessageLog: counts per peer and reason, one line per peer per minute (fake clock), no keys.
#include <QtTest>

#include "core/net/bad_message_log.h"

using namespace cleave::net;
using namespace std::chrono_literals;
using Time = std::chrono::steady_clock::time_point;

class TstWireBadMessageLog : public QObject {
  Q_OBJECT

  Time m_now{};
  BadMessageLog makeLog(size_t max_peers = 4096) {
    return BadMessageLog(
        60s, [this] { return m_now; }, max_peers);
  }
  static DecodeError err(DecodeErrorReason r) { return {r, "detail"}; }

 private slots:
  void init() { m_now = Time{} + 1000s; }

  void oneLinePerPeerPerMinute() {
    BadMessageLog log = makeLog();
    QVERIFY(log.record("a", err(DecodeErrorReason::BadShape)).has_value());
    m_now += 10s;
    QVERIFY(!log.record("a", err(DecodeErrorReason::BadShape)));
    QVERIFY(log.record("b", err(DecodeErrorReason::BadShape)).has_value());  // peers independent
    m_now += 49s;                                                            // 59 s after a's line
    QVERIFY(!log.record("a", err(DecodeErrorReason::Unparseable)));
    m_now += 1s;  // 60 s
    const auto line = log.record("a", err(DecodeErrorReason::BadEnum));
    QVERIFY(line.has_value());
    QVERIFY2(line->find("2 not logged") != std::string::npos, line->c_str());
    QVERIFY2(line->find("4 from this peer") != std::string::npos, line->c_str());
    QVERIFY(line->find("bad-enum") != std::string::npos);
    QVERIFY(!log.record("a", err(DecodeErrorReason::BadEnum)));  // window restarts at 60 s
  }

  void counts() {
    BadMessageLog log = makeLog();
    for (int i = 0; i < 3; ++i)
      log.record("a", err(DecodeErrorReason::BadShape));
    log.record("a", err(DecodeErrorReason::FrameUnused));
    log.record("b", err(DecodeErrorReason::BadShape));
    QCOMPARE(log.count("a", DecodeErrorReason::BadShape), uint64_t(3));
    QCOMPARE(log.count("a", DecodeErrorReason::FrameUnused), uint64_t(1));
    QCOMPARE(log.count("a"), uint64_t(4));
    QCOMPARE(log.count("b"), uint64_t(1));
    QCOMPARE(log.count("c"), uint64_t(0));
    QCOMPARE(log.total(), uint64_t(5));
  }

  // A CURVE key used as the peer id never shows up; the display name does once set.
  void neverPrintsKeys() {
    BadMessageLog log = makeLog();
    const std::string key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    const auto first = log.record(key, err(DecodeErrorReason::BadValue));
    QVERIFY(first && first->find(key) == std::string::npos);
    QVERIFY(first->find(BadMessageLog::anonymousLabel(key)) != std::string::npos);
    log.setPeerName(key, "cam-east-1");
    m_now += 61s;
    const auto second = log.record(key, err(DecodeErrorReason::BadValue));
    QVERIFY(second && second->find("cam-east-1") != std::string::npos);
    QVERIFY(second->find(key) == std::string::npos);
    QVERIFY(BadMessageLog::anonymousLabel("x") != BadMessageLog::anonymousLabel("y"));
  }

  // Past max_peers, newcomers share one bucket: memory stays bounded, totals stay right.
  void peerCap() {
    BadMessageLog log = makeLog(2);
    log.record("a", err(DecodeErrorReason::BadValue));
    log.record("b", err(DecodeErrorReason::BadValue));
    const auto line = log.record("c", err(DecodeErrorReason::BadValue));
    QVERIFY(line && line->find("other peers") != std::string::npos);
    QVERIFY(!log.record("d", err(DecodeErrorReason::BadValue)));  // same bucket, same minute
    QCOMPARE(log.count("c"), uint64_t(0));
    QCOMPARE(log.total(), uint64_t(4));
  }
};

QTEST_APPLESS_MAIN(TstWireBadMessageLog)
#include "tst_wire_bad_message_log.moc"

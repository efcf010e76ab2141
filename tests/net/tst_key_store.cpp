// The cloud's allow-list: pending knocks, approve/reject/revoke, persistence, a corrupt file.
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/net/key_store.h"

using namespace cleave;
namespace fs = std::filesystem;

namespace {

// A settable clock: the store's times and flush throttling become exact.
struct FakeClock {
  std::shared_ptr<std::atomic<int64_t>> ms =
      std::make_shared<std::atomic<int64_t>>(1'700'000'000'000);
  KeyStore::NowMs fn() const {
    return [p = ms] { return p->load(); };
  }
  void advance(int64_t d) { *ms += d; }
};

nlohmann::json readJson(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

std::string readAll(const fs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

class TstKeyStore : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void layoutAndServerKeys();
  void pendingIsDeduplicatedByKey();
  void repeatKnocksAreFlushedLazily();
  void pendingSurvivesRestart();
  void approveByNameMovesToApproved_data();
  void approveByNameMovesToApproved();
  void approveByFingerprintAndRename();
  void rejectedKeyIsIgnoredForTheSession();
  void ambiguousAndMissingMatchesAreErrors();
  void nameCollisionIsRefused();
  void invalidNameGetsAStandIn();
  void approvedFilesAddedByAnotherProcessAreSeen();
  void revokeRemovesTheKey();
  void corruptPendingFileIsMovedAside_data();
  void corruptPendingFileIsMovedAside();
  void pendingListIsCapped();
  void concurrentKnocksAndReads();

 private:
  std::unique_ptr<QTemporaryDir> m_tmp;
  fs::path m_dir;
};

void TstKeyStore::init() {
  m_tmp = std::make_unique<QTemporaryDir>();
  m_dir = fs::path(m_tmp->path().toStdString()) / "keys";
}

void TstKeyStore::layoutAndServerKeys() {
  CurveKeyPair first;
  {
    KeyStore store(m_dir);
    QVERIFY(fs::is_directory(m_dir / "approved" / "devices"));
    QVERIFY(fs::is_directory(m_dir / "approved" / "operators"));
    first = store.serverKeys();
    QCOMPARE(store.serverKeys().public_z85, first.public_z85);
  }
  QCOMPARE(readPublicKey(m_dir / "cloud.key"), first.public_z85);
  KeyStore reopened(m_dir);
  QCOMPARE(reopened.serverKeys().secret_z85, first.secret_z85);
  QCOMPARE(curvePublicFromSecret(first.secret_z85), first.public_z85);
}

void TstKeyStore::pendingIsDeduplicatedByKey() {
  FakeClock clock;
  KeyStore store(m_dir, clock.fn());
  const std::string key = generateCurveKeyPair().public_z85;
  const int64_t t0 = *clock.ms;
  QVERIFY(store.recordPending("cam-1", key, "10.0.0.7"));
  clock.advance(1500);
  QVERIFY(!store.recordPending("cam-1", key, "10.0.0.8"));
  clock.advance(1500);
  QVERIFY(!store.recordPending("cam-1", key, "10.0.0.8"));
  QVERIFY(store.recordPending("cam-2", generateCurveKeyPair().public_z85, "10.0.0.9"));
  const auto pending = store.pending();
  QCOMPARE(pending.size(), std::size_t{2});
  QCOMPARE(pending[0].name, std::string("cam-1"));
  QCOMPARE(pending[0].public_z85, key);
  QCOMPARE(pending[0].attempts, int64_t{3});
  QCOMPARE(pending[0].first_seen_ms, t0);
  QCOMPARE(pending[0].last_seen_ms, t0 + 3000);
  QCOMPARE(pending[0].address, std::string("10.0.0.8"));
  QVERIFY(!store.isApproved(key));
}

void TstKeyStore::repeatKnocksAreFlushedLazily() {
  FakeClock clock;
  KeyStore store(m_dir, clock.fn());
  const std::string key = generateCurveKeyPair().public_z85;
  store.recordPending("cam-1", key, "10.0.0.7");
  const auto attemptsOnDisk = [&] {
    return readJson(m_dir / "pending.json")["pending"][0]["attempts"].get<int64_t>();
  };
  QCOMPARE(attemptsOnDisk(), int64_t{1});
  clock.advance(KeyStore::kPendingFlushMs / 2);
  store.recordPending("cam-1", key, "10.0.0.7");
  QCOMPARE(attemptsOnDisk(), int64_t{1});  // not yet: a knocking client must not hammer the disk
  clock.advance(KeyStore::kPendingFlushMs);
  store.recordPending("cam-1", key, "10.0.0.7");
  QCOMPARE(attemptsOnDisk(), int64_t{3});
  store.recordPending("cam-1", key, "10.0.0.7");
  store.flush();
  QCOMPARE(attemptsOnDisk(), int64_t{4});
}

void TstKeyStore::pendingSurvivesRestart() {
  FakeClock clock;
  const std::string key = generateCurveKeyPair().public_z85;
  {
    KeyStore store(m_dir, clock.fn());
    store.recordPending("cam-1", key, "10.0.0.7");
    clock.advance(10);
    store.recordPending("cam-1", key, "10.0.0.7");  // only in memory until the destructor
  }
  KeyStore store(m_dir, clock.fn());
  QVERIFY(store.loadWarnings().empty());
  const auto pending = store.pending();
  QCOMPARE(pending.size(), std::size_t{1});
  QCOMPARE(pending[0].public_z85, key);
  QCOMPARE(pending[0].attempts, int64_t{2});
  QCOMPARE(pending[0].last_seen_ms - pending[0].first_seen_ms, int64_t{10});
  const auto j = readJson(m_dir / "pending.json");
  QCOMPARE(j["version"].get<int>(), 1);
}

void TstKeyStore::approveByNameMovesToApproved_data() {
  QTest::addColumn<int>("role");
  QTest::addColumn<QString>("folder");
  QTest::addRow("device") << int(PeerRole::Device) << "devices";
  QTest::addRow("operator") << int(PeerRole::Operator) << "operators";
}

void TstKeyStore::approveByNameMovesToApproved() {
  QFETCH(int, role);
  QFETCH(QString, folder);
  const std::string key = generateCurveKeyPair().public_z85;
  {
    KeyStore store(m_dir);
    store.recordPending("cam-1", key, "10.0.0.7");
    const ApprovedPeer peer = store.approve("cam-1", PeerRole(role));
    QCOMPARE(peer.name, std::string("cam-1"));
    QVERIFY(store.pending().empty());
    const auto found = store.isApproved(key);
    QVERIFY(found);
    QCOMPARE(int(found->role), role);
    QCOMPARE(found->name, std::string("cam-1"));
    // Approving again with the same name and role is harmless; nothing is pending any more.
    QVERIFY_THROWS_EXCEPTION(KeyError, store.approve("cam-1", PeerRole(role)));
    QCOMPARE(store.approveKey("cam-1", key, PeerRole(role)).name, std::string("cam-1"));
  }
  const fs::path file = m_dir / "approved" / folder.toStdString() / "cam-1.key";
  QCOMPARE(readPublicKey(file), key);
  QVERIFY(readJson(m_dir / "pending.json")["pending"].empty());
  KeyStore reopened(m_dir);
  QVERIFY(reopened.isApproved(key));
  QCOMPARE(reopened.approved().size(), std::size_t{1});
  // An approved key knocking again is not pending.
  QVERIFY(!reopened.recordPending("cam-1", key, "10.0.0.7"));
  QVERIFY(reopened.pending().empty());
}

void TstKeyStore::approveByFingerprintAndRename() {
  KeyStore store(m_dir);
  const std::string key = generateCurveKeyPair().public_z85;
  store.recordPending("", key, "10.0.0.7");
  const std::string shown = keyFingerprint(key);  // what a listing shows, pasted back
  const ApprovedPeer peer = store.approve(shown, PeerRole::Device, "gate-cam");
  QCOMPARE(peer.name, std::string("gate-cam"));
  QCOMPARE(readPublicKey(m_dir / "approved" / "devices" / "gate-cam.key"), key);
  QCOMPARE(store.isApproved(key)->name, std::string("gate-cam"));
}

void TstKeyStore::rejectedKeyIsIgnoredForTheSession() {
  const std::string key = generateCurveKeyPair().public_z85;
  {
    KeyStore store(m_dir);
    store.recordPending("intruder", key, "10.0.0.66");
    const PendingPeer gone = store.reject(key);
    QCOMPARE(gone.name, std::string("intruder"));
    QVERIFY(store.pending().empty());
    QVERIFY(!store.recordPending("intruder", key, "10.0.0.66"));
    QVERIFY(store.pending().empty());
    QVERIFY(!store.isApproved(key));
  }
  KeyStore next_session(m_dir);
  QVERIFY(next_session.pending().empty());
  QVERIFY(next_session.recordPending("intruder", key, "10.0.0.66"));
}

void TstKeyStore::ambiguousAndMissingMatchesAreErrors() {
  KeyStore store(m_dir);
  const std::string a = generateCurveKeyPair().public_z85;
  const std::string b = generateCurveKeyPair().public_z85;
  store.recordPending("cam", a, "10.0.0.1");
  store.recordPending("cam", b, "10.0.0.2");
  try {
    store.approve("cam", PeerRole::Device);
    QFAIL("an ambiguous name was approved");
  } catch (const KeyError& e) {
    QVERIFY2(std::string(e.what()).find("2") != std::string::npos, e.what());
  }
  QVERIFY_THROWS_EXCEPTION(KeyError, store.approve("nobody", PeerRole::Device));
  QVERIFY_THROWS_EXCEPTION(KeyError, store.reject("nobody"));
  QVERIFY_THROWS_EXCEPTION(KeyError, store.approve(a.substr(0, 4), PeerRole::Device));  // too short
  QCOMPARE(store.approve(b, PeerRole::Device, "cam-b").public_z85, b);
  QCOMPARE(store.approve("cam", PeerRole::Device).public_z85, a);  // now unique
}

void TstKeyStore::nameCollisionIsRefused() {
  KeyStore store(m_dir);
  const std::string a = generateCurveKeyPair().public_z85;
  const std::string b = generateCurveKeyPair().public_z85;
  store.approveKey("cam-1", a, PeerRole::Device);
  store.recordPending("cam-1", b, "10.0.0.2");
  QVERIFY_THROWS_EXCEPTION(KeyError, store.approve("cam-1", PeerRole::Device));
  QCOMPARE(readPublicKey(m_dir / "approved" / "devices" / "cam-1.key"), a);  // untouched
  QCOMPARE(store.pending().size(), std::size_t{1});
  // The same key cannot hold two roles at once either.
  QVERIFY_THROWS_EXCEPTION(KeyError, store.approveKey("op", a, PeerRole::Operator));
  QCOMPARE(store.approve(b, PeerRole::Device, "cam-2").name, std::string("cam-2"));
}

void TstKeyStore::invalidNameGetsAStandIn() {
  KeyStore store(m_dir);
  const std::string key = generateCurveKeyPair().public_z85;
  store.recordPending("../../etc/passwd", key, "10.0.0.1");
  const std::string name = store.pending().at(0).name;
  QVERIFY2(isValidKeyName(name), name.c_str());
  QVERIFY(name.rfind("unnamed-", 0) == 0);
  QCOMPARE(name.size(), std::string("unnamed-").size() + 8);
  QVERIFY_THROWS_EXCEPTION(KeyError, store.recordPending("x", "not-a-key", "10.0.0.1"));
}

void TstKeyStore::approvedFilesAddedByAnotherProcessAreSeen() {
  KeyStore store(m_dir);
  const std::string key = generateCurveKeyPair().public_z85;
  QVERIFY(!store.isApproved(key));
  writePublicKey(m_dir / "approved" / "operators", "studio-1", key);
  const auto found = store.isApproved(key);
  QVERIFY(found);
  QCOMPARE(found->role, PeerRole::Operator);
  QCOMPARE(found->name, std::string("studio-1"));
  // A broken file is reported, not fatal.
  std::ofstream(m_dir / "approved" / "devices" / "broken.key") << "garbage\n";
  KeyStore reopened(m_dir);
  QVERIFY(reopened.isApproved(key));
  QCOMPARE(reopened.loadWarnings().size(), std::size_t{1});
  QVERIFY(reopened.loadWarnings()[0].find("broken.key") != std::string::npos);
}

void TstKeyStore::revokeRemovesTheKey() {
  KeyStore store(m_dir);
  const std::string key = generateCurveKeyPair().public_z85;
  store.approveKey("cam-1", key, PeerRole::Device);
  QCOMPARE(store.revoke("cam-1").public_z85, key);
  QVERIFY(!store.isApproved(key));
  QVERIFY(!fs::exists(m_dir / "approved" / "devices" / "cam-1.key"));
  QVERIFY_THROWS_EXCEPTION(KeyError, store.revoke("cam-1"));
  QVERIFY(store.recordPending("cam-1", key, "10.0.0.1"));  // knocks again as unknown
}

void TstKeyStore::corruptPendingFileIsMovedAside_data() {
  QTest::addColumn<QByteArray>("content");
  QTest::addColumn<QString>("mentions");
  QTest::addRow("not json") << QByteArray("{\"version\": 1, \"pending\": [") << "JSON";
  QTest::addRow("wrong shape") << QByteArray("[1, 2, 3]") << "expected";
  QTest::addRow("future version") << QByteArray(R"({"version": 7, "pending": []})") << "version 7";
  QTest::addRow("bad key") << QByteArray(R"({"version": 1, "pending": [{"name": "a",
      "public_key": "xyz", "address": "", "first_seen_ms": 0, "last_seen_ms": 0,
      "attempts": 1}]})") << "pending[0]";
  QTest::addRow("missing field") << QByteArray(R"({"version": 1, "pending": [{"name": "a"}]})")
                                 << "public_key";
}

void TstKeyStore::corruptPendingFileIsMovedAside() {
  QFETCH(QByteArray, content);
  QFETCH(QString, mentions);
  FakeClock clock;
  fs::create_directories(m_dir);
  std::ofstream(m_dir / "pending.json") << content.toStdString();
  KeyStore store(m_dir, clock.fn());
  QVERIFY(store.pending().empty());
  const auto warnings = store.loadWarnings();
  QCOMPARE(warnings.size(), std::size_t{1});
  QVERIFY2(warnings[0].find(mentions.toStdString()) != std::string::npos, warnings[0].c_str());
  QVERIFY2(warnings[0].find("pending.json") != std::string::npos, warnings[0].c_str());
  // The bad file is kept byte for byte next to a fresh start.
  std::vector<fs::path> aside;
  for (const auto& e : fs::directory_iterator(m_dir))
    if (e.path().filename().string().rfind("pending.json.corrupt-", 0) == 0)
      aside.push_back(e.path());
  QCOMPARE(aside.size(), std::size_t{1});
  QCOMPARE(QByteArray::fromStdString(readAll(aside[0])), content);
  QVERIFY2(warnings[0].find(aside[0].string()) != std::string::npos, warnings[0].c_str());
  QVERIFY(!fs::exists(m_dir / "pending.json"));
  QVERIFY(store.recordPending("cam-1", generateCurveKeyPair().public_z85, "10.0.0.1"));
  QCOMPARE(readJson(m_dir / "pending.json")["pending"].size(), std::size_t{1});
}

void TstKeyStore::pendingListIsCapped() {
  FakeClock clock;
  KeyStore store(m_dir, clock.fn());
  std::string first;
  for (std::size_t i = 0; i < KeyStore::kMaxPending + 10; ++i) {
    const std::string key = generateCurveKeyPair().public_z85;
    if (i == 0) first = key;
    store.recordPending("k" + std::to_string(i), key, "10.0.0.1");
    clock.advance(1);
  }
  const auto pending = store.pending();
  QCOMPARE(pending.size(), KeyStore::kMaxPending);
  for (const PendingPeer& p : pending)
    QVERIFY(p.public_z85 != first);  // the stalest went first
  QCOMPARE(pending.back().name, "k" + std::to_string(KeyStore::kMaxPending + 9));
}

void TstKeyStore::concurrentKnocksAndReads() {
  KeyStore store(m_dir);
  constexpr int kWriters = 2;
  constexpr int kKeysEach = 20;
  std::vector<std::vector<std::string>> keys(kWriters);
  for (auto& list : keys)
    for (int i = 0; i < kKeysEach; ++i)
      list.push_back(generateCurveKeyPair().public_z85);
  std::atomic<bool> done{false};
  std::atomic<int> bad_reads{0};
  std::thread reader([&] {
    while (!done) {
      const auto p = store.pending();
      if (p.size() > kWriters * kKeysEach) ++bad_reads;
      for (const auto& e : p)
        if (!isCurveKeyZ85(e.public_z85)) ++bad_reads;
      store.isApproved(keys[0][0]);
    }
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      for (int round = 0; round < 3; ++round)
        for (const auto& k : keys[w])
          store.recordPending("w" + std::to_string(w), k, "127.0.0.1");
    });
  for (auto& t : writers)
    t.join();
  store.approve(keys[1][3], PeerRole::Device, "approved-one");
  done = true;
  reader.join();
  QCOMPARE(bad_reads.load(), 0);
  const auto pending = store.pending();
  QCOMPARE(pending.size(), std::size_t{kWriters * kKeysEach - 1});
  for (const auto& p : pending)
    QCOMPARE(p.attempts, int64_t{3});
  store.flush();
  KeyStore reopened(m_dir);
  QCOMPARE(reopened.pending().size(), pending.size());
}

QTEST_APPLESS_MAIN(TstKeyStore)
#include "tst_key_store.moc"

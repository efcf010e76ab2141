// CURVE key pairs and key files: generation, round trip, the secret file's permissions.
#include <sys/stat.h>
#include <zmq.h>

#include <QTemporaryDir>
#include <QtTest>
#include <array>
#include <filesystem>
#include <fstream>

#include "core/net/keys.h"

using namespace cleave;
namespace fs = std::filesystem;

namespace {

unsigned modeOf(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0xffff;
  return static_cast<unsigned>(st.st_mode & 07777);
}

void writeText(const fs::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

// Independent check that a Z85 public key is the public half of a secret: libzmq's own CURVE
// handshake would fail otherwise; here via zmq_curve_public on the decoded bytes' Z85 round trip.
bool decodes(const std::string& z85) {
  std::array<uint8_t, 32> bytes{};
  return zmq_z85_decode(bytes.data(), z85.c_str()) != nullptr;
}

}  // namespace

class TstKeys : public QObject {
  Q_OBJECT

 private slots:
  void generatedPairsAreDistinctAndConsistent();
  void roundTripThroughFiles();
  void secretFileIsOwnerOnly();
  void refusesSecretReadableByOthers_data();
  void refusesSecretReadableByOthers();
  void refusesToOverwrite();
  void mismatchedPublicFileIsRefused();
  void malformedPublicFileNamesTheFile();
  void fingerprintShowsOnlyAPrefix();
  void keyNames_data();
  void keyNames();
  void atomicWriteReplacesContent();
};

void TstKeys::generatedPairsAreDistinctAndConsistent() {
  const CurveKeyPair a = generateCurveKeyPair();
  const CurveKeyPair b = generateCurveKeyPair();
  QVERIFY(isCurveKeyZ85(a.public_z85));
  QVERIFY(isCurveKeyZ85(a.secret_z85));
  QVERIFY(decodes(a.public_z85));
  QVERIFY(a.public_z85 != b.public_z85);
  QVERIFY(a.secret_z85 != b.secret_z85);
  QVERIFY(a.public_z85 != a.secret_z85);
  QCOMPARE(curvePublicFromSecret(a.secret_z85), a.public_z85);
  QCOMPARE(curvePublicFromSecret(b.secret_z85), b.public_z85);
}

void TstKeys::roundTripThroughFiles() {
  QTemporaryDir tmp;
  const fs::path dir = fs::path(tmp.path().toStdString()) / "keys" / "nested";
  const CurveKeyPair pair = generateCurveKeyPair();
  const KeyFilePaths paths = writeKeyPair(dir, "cam-1", pair);
  QCOMPARE(paths.public_file, dir / "cam-1.key");
  QCOMPARE(paths.secret_file, dir / "cam-1.key_secret");
  QCOMPARE(readPublicKey(paths.public_file), pair.public_z85);
  QCOMPARE(readSecretKey(paths.secret_file), pair.secret_z85);
  const CurveKeyPair back = readKeyPair(dir, "cam-1");
  QCOMPARE(back.public_z85, pair.public_z85);
  QCOMPARE(back.secret_z85, pair.secret_z85);
  // One line of text each, so the files can be copied by hand.
  std::ifstream in(paths.public_file);
  std::string line;
  std::getline(in, line);
  QCOMPARE(line, pair.public_z85);
  QVERIFY(!std::getline(in, line));
  // Public files read with surrounding blanks (hand-edited) still work.
  writeText(dir / "edited.key", "  " + pair.public_z85 + " \r\n");
  QCOMPARE(readPublicKey(dir / "edited.key"), pair.public_z85);
}

void TstKeys::secretFileIsOwnerOnly() {
  QTemporaryDir tmp;
  const mode_t old_umask = ::umask(0);  // the most permissive umask must not leak into the file
  const KeyFilePaths paths = writeKeyPair(tmp.path().toStdString(), "edge", generateCurveKeyPair());
  ::umask(old_umask);
  QCOMPARE(modeOf(paths.secret_file), 0600u);
  QCOMPARE(modeOf(paths.public_file), 0644u);
}

void TstKeys::refusesSecretReadableByOthers_data() {
  QTest::addColumn<unsigned>("mode");
  QTest::addColumn<bool>("accepted");
  QTest::addRow("0600") << 0600u << true;
  QTest::addRow("0400") << 0400u << true;
  QTest::addRow("0640 group") << 0640u << false;
  QTest::addRow("0604 others") << 0604u << false;
  QTest::addRow("0644") << 0644u << false;
  QTest::addRow("0620 group write") << 0620u << false;
}

void TstKeys::refusesSecretReadableByOthers() {
  QFETCH(unsigned, mode);
  QFETCH(bool, accepted);
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  const CurveKeyPair pair = generateCurveKeyPair();
  const KeyFilePaths paths = writeKeyPair(dir, "edge", pair);
  QCOMPARE(::chmod(paths.secret_file.c_str(), static_cast<mode_t>(mode)), 0);
  if (accepted) {
    QCOMPARE(readKeyPair(dir, "edge").secret_z85, pair.secret_z85);
    return;
  }
  try {
    readKeyPair(dir, "edge");
    QFAIL("a secret key readable by others was accepted");
  } catch (const KeyError& e) {
    const std::string what = e.what();
    QVERIFY2(what.find(paths.secret_file.string()) != std::string::npos, e.what());
    QVERIFY2(what.find("chmod 600") != std::string::npos, e.what());
    QVERIFY2(what.find(pair.secret_z85) == std::string::npos, "the secret key leaked");
  }
}

void TstKeys::refusesToOverwrite() {
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  const CurveKeyPair first = generateCurveKeyPair();
  writeKeyPair(dir, "edge", first);
  QVERIFY_THROWS_EXCEPTION(KeyError, writeKeyPair(dir, "edge", generateCurveKeyPair()));
  QCOMPARE(readKeyPair(dir, "edge").public_z85, first.public_z85);
  const CurveKeyPair second = generateCurveKeyPair();
  writeKeyPair(dir, "edge", second, /*overwrite=*/true);
  QCOMPARE(readKeyPair(dir, "edge").public_z85, second.public_z85);
  // No temporary files are left behind.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    Q_UNUSED(entry);
    ++files;
  }
  QCOMPARE(files, 2);
}

void TstKeys::mismatchedPublicFileIsRefused() {
  QTemporaryDir tmp;
  const fs::path dir = tmp.path().toStdString();
  writeKeyPair(dir, "edge", generateCurveKeyPair());
  writeText(dir / "edge.key", generateCurveKeyPair().public_z85 + "\n");
  QVERIFY_THROWS_EXCEPTION(KeyError, readKeyPair(dir, "edge"));
  // A pair whose halves do not belong together is never written.
  CurveKeyPair mixed = generateCurveKeyPair();
  mixed.public_z85 = generateCurveKeyPair().public_z85;
  QVERIFY_THROWS_EXCEPTION(KeyError, writeKeyPair(dir, "mixed", mixed));
}

void TstKeys::malformedPublicFileNamesTheFile() {
  QTemporaryDir tmp;
  const fs::path file = fs::path(tmp.path().toStdString()) / "bad.key";
  writeText(file, "not a key\n");
  try {
    readPublicKey(file);
    QFAIL("a malformed key was accepted");
  } catch (const KeyError& e) {
    QVERIFY2(std::string(e.what()).find(file.string()) != std::string::npos, e.what());
  }
  QVERIFY_THROWS_EXCEPTION(KeyError, readPublicKey(file.string() + ".missing"));
  // 40 characters but outside the Z85 alphabet.
  writeText(file, std::string(40, '"') + "\n");
  QVERIFY_THROWS_EXCEPTION(KeyError, readPublicKey(file));
}

void TstKeys::fingerprintShowsOnlyAPrefix() {
  const CurveKeyPair pair = generateCurveKeyPair();
  const std::string fp = keyFingerprint(pair.public_z85);
  QCOMPARE(fp, pair.public_z85.substr(0, 8) + "\u2026");
  QVERIFY(fp.find(pair.public_z85.substr(8)) == std::string::npos);
}

void TstKeys::keyNames_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<bool>("valid");
  QTest::addRow("plain") << "cam-east-1" << true;
  QTest::addRow("dots and underscores") << "line_3.gw" << true;
  QTest::addRow("64 chars") << QString(64, 'a') << true;
  QTest::addRow("65 chars") << QString(65, 'a') << false;
  QTest::addRow("empty") << "" << false;
  QTest::addRow("hidden") << ".ssh" << false;
  QTest::addRow("parent") << ".." << false;
  QTest::addRow("slash") << "a/b" << false;
  QTest::addRow("space") << "a b" << false;
  QTest::addRow("non-ascii") << QString::fromUtf8("kamera-\u00fc") << false;
}

void TstKeys::keyNames() {
  QFETCH(QString, name);
  QFETCH(bool, valid);
  const std::string n = name.toStdString();
  QCOMPARE(isValidKeyName(n), valid);
  if (!valid) QVERIFY_THROWS_EXCEPTION(KeyError, keyFilePaths("/tmp", n));
}

void TstKeys::atomicWriteReplacesContent() {
  QTemporaryDir tmp;
  const fs::path file = fs::path(tmp.path().toStdString()) / "state.json";
  writeFileAtomically(file, "one", 0600);
  writeFileAtomically(file, "two", 0600);
  std::ifstream in(file);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  QCOMPARE(content, std::string("two"));
  QCOMPARE(modeOf(file), 0600u);
}

QTEST_APPLESS_MAIN(TstKeys)
#include "tst_keys.moc"

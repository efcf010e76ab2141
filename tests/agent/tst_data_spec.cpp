// --data parsing: every accepted spelling and a clear error (naming the value) for each bad one.
#include <QtTest>
#include <algorithm>
#include <filesystem>

#include "core/agent/data_spec.h"
#include "core/data/fashion_mnist.h"

using namespace cleave;
using namespace cleave::agent;

class TstDataSpec : public QObject {
  Q_OBJECT

 private slots:
  void parses_data();
  void parses();
  void rejects_data();
  void rejects();
  void factoryShardIsEverySample();
  void fashionShardsAreDisjointAndCover();
};

void TstDataSpec::parses_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<int>("kind");
  QTest::addColumn<int>("index");
  QTest::addColumn<int>("count");
  QTest::addColumn<double>("alpha");  // 0: none
  QTest::addColumn<qulonglong>("seed");
  QTest::addColumn<QString>("file");
  QTest::addRow("fashion") << "fashion-mnist" << int(DataKind::FashionMnist) << 0 << 1 << 0.0
                           << 1ull << "";
  QTest::addRow("shard") << "fashion-mnist:shard=3/5" << int(DataKind::FashionMnist) << 2 << 5
                         << 0.0 << 1ull << "";
  QTest::addRow("alpha") << "fashion-mnist:shard=1/3,alpha=0.5" << int(DataKind::FashionMnist) << 0
                         << 3 << 0.5 << 1ull << "";
  QTest::addRow("alpha first") << "fashion-mnist:alpha=100,shard=2/2" << int(DataKind::FashionMnist)
                               << 1 << 2 << 100.0 << 1ull << "";
  QTest::addRow("factory") << "factory" << int(DataKind::Factory) << 0 << 1 << 0.0 << 1ull << "";
  QTest::addRow("seed") << "factory:seed=42" << int(DataKind::Factory) << 0 << 1 << 0.0 << 42ull
                        << "";
  QTest::addRow("csv") << "csv:/tmp/a,b.csv" << int(DataKind::Csv) << 0 << 1 << 0.0 << 1ull
                       << "/tmp/a,b.csv";
}

void TstDataSpec::parses() {
  QFETCH(QString, text);
  QFETCH(int, kind);
  QFETCH(int, index);
  QFETCH(int, count);
  QFETCH(double, alpha);
  QFETCH(qulonglong, seed);
  QFETCH(QString, file);
  const DataSpec spec = parseDataSpec(text.toStdString());
  QCOMPARE(int(spec.kind), kind);
  QCOMPARE(spec.shard_index, index);
  QCOMPARE(spec.shard_count, count);
  QCOMPARE(spec.alpha.has_value(), alpha > 0);
  if (alpha > 0) QCOMPARE(*spec.alpha, alpha);
  QCOMPARE(qulonglong(spec.seed), seed);
  QCOMPARE(QString::fromStdString(spec.file.string()), file);
}

void TstDataSpec::rejects_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("mentions");  // besides the whole value, what the message must say
  QTest::addRow("unknown kind") << "imagenet"
                                << "unknown data kind 'imagenet'";
  QTest::addRow("empty") << ""
                         << "unknown data kind";
  QTest::addRow("csv without file") << "csv:"
                                    << "csv needs a file";
  QTest::addRow("shard too big") << "fashion-mnist:shard=4/3"
                                 << "shard 4 must be in 1..3";
  QTest::addRow("shard zero") << "fashion-mnist:shard=0/3"
                              << "shard 0 must be in 1..3";
  QTest::addRow("shard zero count") << "fashion-mnist:shard=0/0"
                                    << "shard count 0";
  QTest::addRow("shard no slash") << "fashion-mnist:shard=2"
                                  << "must be I/N";
  QTest::addRow("shard negative") << "fashion-mnist:shard=-1/4"
                                  << "must be I/N";
  QTest::addRow("alpha zero") << "fashion-mnist:alpha=0"
                              << "alpha '0' must be a number > 0";
  QTest::addRow("alpha text") << "fashion-mnist:alpha=lots"
                              << "alpha 'lots'";
  QTest::addRow("unknown option") << "fashion-mnist:shards=1/2"
                                  << "unknown fashion-mnist option 'shards'";
  QTest::addRow("not key=value") << "fashion-mnist:shard"
                                 << "'shard' is not key=value";
  QTest::addRow("trailing comma") << "factory:seed=1,"
                                  << "'' is not key=value";
  QTest::addRow("seed text") << "factory:seed=abc"
                             << "seed 'abc'";
  QTest::addRow("factory option") << "factory:shard=0/2"
                                  << "unknown factory option 'shard'";
}

void TstDataSpec::rejects() {
  QFETCH(QString, text);
  QFETCH(QString, mentions);
  try {
    parseDataSpec(text.toStdString());
    QFAIL("accepted a bad --data value");
  } catch (const DataSpecError& e) {
    const QString what = QString::fromUtf8(e.what());
    QVERIFY2(what.startsWith("--data '" + text + "'"), qPrintable(what));
    QVERIFY2(what.contains(mentions), qPrintable(what));
  }
}

void TstDataSpec::factoryShardIsEverySample() {
  const AgentData data = loadAgentData(parseDataSpec("factory:seed=3"));
  QCOMPARE(data.data.size(), 5 * kFactorySamplesPerClass);
  QCOMPARE(int64_t(data.shard.size()), data.data.size());
  for (size_t i = 0; i < data.shard.size(); ++i)
    QCOMPARE(data.shard[i], int64_t(i));
}

void TstDataSpec::fashionShardsAreDisjointAndCover() {
  if (!std::filesystem::exists(defaultFashionMnistDir())) {
    QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
  }
  std::vector<int64_t> all;
  int64_t total = 0;
  for (int i = 1; i <= 3; ++i) {
    const AgentData part =
        loadAgentData(parseDataSpec("fashion-mnist:shard=" + std::to_string(i) + "/3"));
    total = part.data.size();
    QVERIFY(std::abs(int64_t(part.shard.size()) - total / 3) <= 1);
    all.insert(all.end(), part.shard.begin(), part.shard.end());
  }
  std::sort(all.begin(), all.end());
  QCOMPARE(int64_t(all.size()), total);
  for (size_t i = 0; i < all.size(); ++i)
    QCOMPARE(all[i], int64_t(i));
}

QTEST_APPLESS_MAIN(TstDataSpec)
#include "tst_data_spec.moc"

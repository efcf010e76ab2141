// Tests for the IDX reader and the Fashion-MNIST loader, on IDX files written here byte by byte.
#include <zlib.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>

#include "core/data/fashion_mnist.h"

using namespace cleave;

namespace {

// Big-endian IDX bytes, built independently of the library's writer.
QByteArray idxBytes(uint8_t rank, const std::vector<uint32_t>& dims, const QByteArray& payload,
                    uint8_t first_byte = 0) {
  QByteArray bytes;
  bytes.append(static_cast<char>(first_byte));
  bytes.append('\0');
  bytes.append('\x08');
  bytes.append(static_cast<char>(rank));
  for (uint32_t d : dims) {
    for (int shift = 24; shift >= 0; shift -= 8)
      bytes.append(static_cast<char>((d >> shift) & 0xff));
  }
  return bytes + payload;
}

void writeFile(const QString& path, const QByteArray& bytes, bool gzip) {
  if (gzip) {
    gzFile f = gzopen(path.toLocal8Bit().constData(), "wb");
    QVERIFY(f != nullptr);
    QCOMPARE(gzwrite(f, bytes.constData(), static_cast<unsigned>(bytes.size())), bytes.size());
    gzclose(f);
  } else {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
  }
}

uint8_t pixel(int item, int row, int col) {
  return static_cast<uint8_t>((item * 37 + row * 5 + col * 3) % 256);
}

QByteArray imagePayload(int count, int rows = 28, int cols = 28) {
  QByteArray out;
  for (int i = 0; i < count; ++i)
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c)
        out.append(static_cast<char>(pixel(i, r, c)));
  return out;
}

QByteArray labelPayload(int count) {
  QByteArray out;
  for (int i = 0; i < count; ++i)
    out.append(static_cast<char>((i * 3) % 10));
  return out;
}

// A well-formed pair of `count` train images and labels in `dir`.
void writePair(const QString& dir, const QString& prefix, int count, bool gzip) {
  const QString ext = gzip ? ".gz" : "";
  writeFile(dir + "/" + prefix + "-images-idx3-ubyte" + ext,
            idxBytes(3, {uint32_t(count), 28, 28}, imagePayload(count)), gzip);
  writeFile(dir + "/" + prefix + "-labels-idx1-ubyte" + ext,
            idxBytes(1, {uint32_t(count)}, labelPayload(count)), gzip);
}

}  // namespace

class TstFashionMnist : public QObject {
  Q_OBJECT

 private slots:
  void readsBack_data() {
    QTest::addColumn<bool>("gzip");
    QTest::addColumn<int>("split");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<int>("expected");
    QTest::addRow("gzip train all") << true << int(Split::Train) << qint64(-1) << 7;
    QTest::addRow("plain train all") << false << int(Split::Train) << qint64(-1) << 7;
    QTest::addRow("gzip test limit 3") << true << int(Split::Test) << qint64(3) << 3;
    QTest::addRow("plain limit above size") << false << int(Split::Train) << qint64(100) << 7;
    QTest::addRow("limit 0") << true << int(Split::Train) << qint64(0) << 0;
  }
  void readsBack() {
    QFETCH(bool, gzip);
    QFETCH(int, split);
    QFETCH(qint64, limit);
    QFETCH(int, expected);
    QTemporaryDir dir;
    writePair(dir.path(), split == int(Split::Train) ? "train" : "t10k", 7, gzip);
    const Dataset d = loadFashionMnist(dir.path().toStdString(), Split(split), limit);
    QCOMPARE(d.size(), expected);
    QCOMPARE(d.sample_shape, (Shape{1, 28, 28}));
    QCOMPARE(d.values.size(), size_t(expected) * 784);
    QCOMPARE(d.classCount(), 10);
    QCOMPARE(d.class_names.front(), std::string("T-shirt/top"));
    QCOMPARE(d.class_names.back(), std::string("Ankle boot"));
    for (int i = 0; i < expected; ++i) {
      QCOMPARE(d.labels[size_t(i)], (i * 3) % 10);
      for (int r = 0; r < 28; r += 9) {
        for (int c = 0; c < 28; c += 5) {
          const double want = (pixel(i, r, c) / 255.0 - 0.2860) / 0.3530;
          QVERIFY(std::abs(d.values[size_t(i * 784 + r * 28 + c)] - want) < 1e-5);
        }
      }
    }
  }

  void plainFileWithoutGzSuffixIsFound() {
    // Only the .gz name for images, only the plain name for labels: both must be found.
    QTemporaryDir dir;
    writeFile(dir.path() + "/train-images-idx3-ubyte.gz", idxBytes(3, {2, 28, 28}, imagePayload(2)),
              true);
    writeFile(dir.path() + "/train-labels-idx1-ubyte", idxBytes(1, {2}, labelPayload(2)), false);
    QCOMPARE(loadFashionMnist(dir.path().toStdString(), Split::Train).size(), 2);
  }

  void errors_data() {
    QTest::addColumn<QByteArray>("images");
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<bool>("gzip");
    QTest::addColumn<QStringList>("fragments");
    const QByteArray good_labels = idxBytes(1, {4}, labelPayload(4));
    const QByteArray good_images = idxBytes(3, {4, 28, 28}, imagePayload(4));
    QTest::addRow("bad magic") << idxBytes(3, {4, 28, 28}, imagePayload(4), 0x1f) << good_labels
                               << false << QStringList{"train-images-idx3-ubyte", "magic"};
    QTest::addRow("truncated plain")
        << good_images.left(good_images.size() - 100) << good_labels << false
        << QStringList{"train-images-idx3-ubyte", "truncated", "3 complete items"};
    QTest::addRow("truncated gzip payload")
        << good_images.left(good_images.size() - 100) << good_labels << true
        << QStringList{"train-images-idx3-ubyte.gz", "truncated"};
    QTest::addRow("truncated header") << good_images.left(9) << good_labels << false
                                      << QStringList{"train-images-idx3-ubyte", "truncated header"};
    QTest::addRow("count mismatch") << good_images << idxBytes(1, {5}, labelPayload(5)) << false
                                    << QStringList{"4 images", "5 labels"};
    QTest::addRow("wrong image size")
        << idxBytes(3, {4, 27, 28}, imagePayload(4, 27, 28)) << good_labels << false
        << QStringList{"[N, 28, 28]", "[4, 27, 28]"};
    QTest::addRow("labels not 1-D") << good_images << idxBytes(2, {4, 1}, labelPayload(4)) << false
                                    << QStringList{"train-labels-idx1-ubyte", "1-D"};
    QTest::addRow("label out of range")
        << good_images << idxBytes(1, {4}, QByteArray("\x01\x02\x0a\x03", 4)) << false
        << QStringList{"label 10", "item 2"};
  }
  void errors() {
    QFETCH(QByteArray, images);
    QFETCH(QByteArray, labels);
    QFETCH(bool, gzip);
    QFETCH(QStringList, fragments);
    QTemporaryDir dir;
    const QString ext = gzip ? ".gz" : "";
    writeFile(dir.path() + "/train-images-idx3-ubyte" + ext, images, gzip);
    writeFile(dir.path() + "/train-labels-idx1-ubyte" + ext, labels, gzip);
    try {
      loadFashionMnist(dir.path().toStdString(), Split::Train);
      QFAIL("no exception");
    } catch (const std::runtime_error& e) {
      for (const QString& fragment : fragments) {
        QVERIFY2(QString(e.what()).contains(fragment), e.what());
      }
    }
  }

  void truncatedGzipStream() {
    QTemporaryDir dir;
    writePair(dir.path(), "train", 50, true);
    const QString images = dir.path() + "/train-images-idx3-ubyte.gz";
    QFile f(images);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.resize(f.size() / 2));  // cut the compressed stream itself
    f.close();
    try {
      loadFashionMnist(dir.path().toStdString(), Split::Train);
      QFAIL("no exception");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains(images), e.what());
      QVERIFY2(QString(e.what()).contains("truncated"), e.what());
    }
  }

  void missingFilesAreNamed() {
    QTemporaryDir dir;
    try {
      loadFashionMnist(dir.path().toStdString(), Split::Test);
      QFAIL("no exception");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains("t10k-"), e.what());
      QVERIFY2(QString(e.what()).contains(dir.path()), e.what());
    }
  }

  void defaultDirFollowsEnvironment() {
    const QByteArray saved = qgetenv("CLEAVE_FASHION_MNIST");
    qputenv("CLEAVE_FASHION_MNIST", "/somewhere/else");
    QCOMPARE(defaultFashionMnistDir(), std::filesystem::path("/somewhere/else"));
    qunsetenv("CLEAVE_FASHION_MNIST");
    QCOMPARE(defaultFashionMnistDir(), std::filesystem::path("/usr/share/datasets/fashion-mnist"));
    if (!saved.isEmpty()) qputenv("CLEAVE_FASHION_MNIST", saved);
  }

  void realDataset_data() {
    QTest::addColumn<int>("split");
    QTest::addColumn<qint64>("size");
    QTest::addRow("train") << int(Split::Train) << qint64(60000);
    QTest::addRow("test") << int(Split::Test) << qint64(10000);
  }
  void realDataset() {
    QFETCH(int, split);
    QFETCH(qint64, size);
    const auto dir = defaultFashionMnistDir();
    if (!std::filesystem::exists(dir / "train-labels-idx1-ubyte.gz") &&
        !std::filesystem::exists(dir / "train-labels-idx1-ubyte")) {
      QSKIP(
          "Fashion-MNIST not installed (apt install dataset-fashion-mnist, or set "
          "CLEAVE_FASHION_MNIST)");
    }
    const Dataset d = loadFashionMnist(dir, Split(split));
    QCOMPARE(d.size(), size);
    // The published dataset is balanced: every class has exactly a tenth of the samples.
    std::vector<int64_t> counts(10);
    for (int64_t label : d.labels) {
      QVERIFY(label >= 0 && label < 10);
      ++counts[size_t(label)];
    }
    for (int64_t count : counts)
      QCOMPARE(count, size / 10);
    if (Split(split) == Split::Train) {
      // Standardised with the training set's own statistics: mean ~0 and std ~1 over all pixels.
      double sum = 0, sq = 0;
      for (float v : d.values) {
        sum += v;
        sq += double(v) * v;
      }
      const double n = double(d.values.size());
      const double mean = sum / n;
      QVERIFY2(std::abs(mean) < 0.01, qPrintable(QString::number(mean)));
      QVERIFY2(std::abs(std::sqrt(sq / n - mean * mean) - 1.0) < 0.01, "std not ~1");
    }
  }
};

QTEST_APPLESS_MAIN(TstFashionMnist)
#include "tst_fashion_mnist.moc"

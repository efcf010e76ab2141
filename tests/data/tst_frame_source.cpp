// Tests for image standardisation, the OpenCV frame source (near-duplicate dropping) and dataset
// replay. The video fixture is written with cv::VideoWriter (MJPG in .avi) into a QTemporaryDir.
#include <QTemporaryDir>
#include <QtTest>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "core/data/dataset_frame_source.h"
#include "core/data/frame_source.h"
#include "core/data/image_standardise.h"

using namespace cleave;

namespace {

constexpr int kWidth = 64;
constexpr int kHeight = 48;

// A flat BGR frame of one grey level, with a small marker so frames are not blank.
cv::Mat flatFrame(int level) {
  cv::Mat frame(kHeight, kWidth, CV_8UC3, cv::Scalar(level, level, level));
  return frame;
}

// Writes frames with the given grey levels; returns false if no MJPG writer is available.
bool writeVideo(const QString& path, const std::vector<int>& levels) {
  cv::VideoWriter writer(path.toStdString(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0,
                         cv::Size(kWidth, kHeight));
  if (!writer.isOpened()) return false;
  for (int level : levels)
    writer.write(flatFrame(level));
  return true;
}

}  // namespace

class TstFrameSource : public QObject {
  Q_OBJECT

 private slots:
  void standardiseResizesAndNormalises() {
    // 4x2 grey image; INTER_AREA halving averages 2x2 blocks exactly.
    cv::Mat image = (cv::Mat_<uint8_t>(2, 4) << 0, 50, 100, 200, 100, 150, 0, 100);
    const Standardisation s{.width = 2, .height = 1, .grey = true, .mean = 0.5f, .std = 0.25f};
    const Tensor t = standardiseImage(image, s);
    QCOMPARE(t.shape, (Shape{1, 1, 2}));
    const double left = (0 + 50 + 100 + 150) / 4.0 / 255.0;
    const double right = (100 + 200 + 0 + 100) / 4.0 / 255.0;
    QVERIFY(std::abs(t.data[0] - (left - 0.5) / 0.25) < 1e-5);
    QVERIFY(std::abs(t.data[1] - (right - 0.5) / 0.25) < 1e-5);
  }

  void standardiseColourIsPlanarRgb() {
    cv::Mat image(3, 3, CV_8UC3, cv::Scalar(200, 100, 50));  // B, G, R
    const Standardisation s{.width = 3, .height = 3, .grey = false, .mean = 0.0f, .std = 1.0f};
    const cv::Mat before = image.clone();
    const Tensor t = standardiseImage(image, s);
    QCOMPARE(cv::norm(image, before, cv::NORM_INF), 0.0);  // the caller's pixels are untouched
    QCOMPARE(t.shape, (Shape{3, 3, 3}));
    for (int i = 0; i < 9; ++i) {
      QVERIFY(std::abs(t.data[size_t(i)] - 50 / 255.0) < 1e-6);        // R plane
      QVERIFY(std::abs(t.data[size_t(9 + i)] - 100 / 255.0) < 1e-6);   // G plane
      QVERIFY(std::abs(t.data[size_t(18 + i)] - 200 / 255.0) < 1e-6);  // B plane
    }
    // Grey from colour uses the ITU-R BT.601 luma weights.
    const Tensor g = standardiseImage(image, {.width = 1, .height = 1, .grey = true});
    QVERIFY2(std::abs(g.data[0] - (0.299 * 50 + 0.587 * 100 + 0.114 * 200) / 255.0) < 2.5e-3,
             qPrintable(QString::number(g.data[0] * 255)));
  }

  void standardiseRejectsBadInput() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, standardiseImage(cv::Mat(), Standardisation{}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             standardiseImage(cv::Mat(2, 2, CV_8UC1), {.width = 0}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             standardiseImage(cv::Mat(2, 2, CV_8UC1), {.std = 0.0f}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, standardiseImage(cv::Mat(2, 2, CV_64FC1), {}));
  }

  void dropsNearDuplicates_data() {
    QTest::addColumn<bool>("drop");
    QTest::addColumn<qint64>("kept");
    QTest::addColumn<QList<qint64>>("indices");
    QTest::addRow("dropping") << true << qint64(3) << QList<qint64>{0, 3, 5};
    QTest::addRow("keeping all") << false << qint64(6) << QList<qint64>{0, 1, 2, 3, 4, 5};
  }
  void dropsNearDuplicates() {
    QFETCH(bool, drop);
    QFETCH(qint64, kept);
    QFETCH(QList<qint64>, indices);
    QTemporaryDir dir;
    const QString path = dir.filePath("clip.avi");
    const std::vector<int> levels = {40, 40, 40, 120, 120, 200};
    if (!writeVideo(path, levels)) QSKIP("this OpenCV build has no MJPG/AVI writer");

    const Standardisation s{.width = 28, .height = 28, .grey = true, .mean = 0.25f, .std = 0.5f};
    FrameSource source(path.toStdString(), s, {.drop_duplicates = drop});
    QList<qint64> seen;
    double last_timestamp = -1;
    while (auto frame = source.next()) {
      seen.append(frame->index);
      QCOMPARE(frame->tensor.shape, (Shape{1, 28, 28}));
      QCOMPARE(frame->image.cols, kWidth);
      QCOMPARE(frame->image.rows, kHeight);
      QVERIFY(frame->timestamp_ms > last_timestamp);
      last_timestamp = frame->timestamp_ms;
      // A flat frame standardises to one value; JPEG may move a flat level by a grey level or two.
      const double expected = (levels[size_t(frame->index)] / 255.0 - 0.25) / 0.5;
      for (float v : frame->tensor.data)
        QVERIFY(std::abs(v - expected) < 3 / 255.0 / 0.5);
    }
    QCOMPARE(seen, indices);
    const FrameStats stats = source.stats();
    QCOMPARE(stats.read, qint64(levels.size()));
    QCOMPARE(stats.kept, kept);
    QCOMPARE(stats.dropped, stats.read - stats.kept);
  }

  void openFailuresQuoteTheSource() {
    QTemporaryDir dir;
    const std::string missing = dir.filePath("nope.avi").toStdString();
    try {
      FrameSource source(missing, Standardisation{});
      QFAIL("no exception");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains(QString::fromStdString("'" + missing + "'")), e.what());
      QVERIFY2(QString(e.what()).contains("no such file"), e.what());
    }
    // A file that exists but is no video.
    const QString junk = dir.filePath("junk.avi");
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("definitely not a video");
    f.close();
    try {
      FrameSource source(junk.toStdString(), Standardisation{});
      QVERIFY2(!source.next().has_value(), "junk decoded as a frame");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains(junk), e.what());
    }
  }

  void datasetReplay() {
    auto dataset = std::make_shared<Dataset>();
    dataset->sample_shape = {1, 2, 2};
    dataset->values = {0, 1, 2, 3, 10, 10, 10, 10, -1, 0, 0, 1};
    dataset->labels = {4, 5, 6};
    dataset->class_names = {"a", "b", "c", "d", "e", "f", "g"};
    DatasetFrameSource source(dataset, {.fps = 20.0, .loop = true, .limit = 5});
    std::vector<int64_t> labels;
    while (auto frame = source.next()) {
      labels.push_back(*frame->label);
      const int64_t sample = frame->index % 3;
      QCOMPARE(frame->tensor.shape, dataset->sample_shape);
      QCOMPARE(frame->tensor.data, std::vector<float>(dataset->values.begin() + sample * 4,
                                                      dataset->values.begin() + sample * 4 + 4));
      QCOMPARE(frame->timestamp_ms, frame->index * 50.0);
      QCOMPARE(frame->image.type(), CV_8UC1);
      QCOMPARE(frame->image.rows, 2);
    }
    QCOMPARE(labels, (std::vector<int64_t>{4, 5, 6, 4, 5}));
    QCOMPARE(source.stats().kept, 5);
    QCOMPARE(source.stats().dropped, 0);
    // Sample 0 is a ramp 0..3, so its preview stretches to 0..255.
    DatasetFrameSource once(dataset);
    const auto first = once.next();
    QCOMPARE(int(first->image.at<uint8_t>(0, 0)), 0);
    QCOMPARE(int(first->image.at<uint8_t>(1, 1)), 255);
    once.next();
    once.next();
    QVERIFY(!once.next().has_value());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             DatasetFrameSource(std::make_shared<Dataset>()));
  }
};

QTEST_APPLESS_MAIN(TstFrameSource)
#include "tst_frame_source.moc"

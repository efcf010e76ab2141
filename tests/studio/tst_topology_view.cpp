// TopologyView and FramePreview: named nodes for a small fleet, a grid of cells for 1,000
// devices, clicks report the device, colours follow delay and offline state; the frame preview
// scales small frames by whole pixels and captions the decision. Offscreen.
#include <QSignalSpy>
#include <QTest>

#include "app/plots/frame_preview.h"
#include "app/plots/plot_style.h"
#include "app/plots/topology_view.h"
#include "tests/studio/plot_samples.h"

using cleave::studio::FrameDecision;
using cleave::studio::FramePreview;
using cleave::studio::TopologyNode;
using cleave::studio::TopologyView;

class TestTopologyView : public QObject {
  Q_OBJECT

 private:
  static void show(QWidget& w, QSize size) {
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
  }

 private slots:
  void smallFleetDrawsNamedNodesAndReportsClicks() {
    TopologyView view;
    show(view, {800, 420});
    const auto nodes = cleave::studio::samples::topology(8, false);
    view.setNodes(nodes);
    QVERIFY(!view.isGridMode());
    QSignalSpy clicked(&view, &TopologyView::deviceClicked);
    for (const TopologyNode& n : nodes) {
      const QRectF r = view.nodeRect(QString::fromStdString(n.name));
      QVERIFY2(!r.isEmpty() && view.rect().contains(r.toRect()), n.name.c_str());
    }
    const QString target = QString::fromStdString(nodes[5].name);
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.nodeRect(target).center().toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toString(), target);
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(3, 3));  // background
    QCOMPARE(clicked.count(), 1);
    QVERIFY(!view.grab().toImage().isNull());
  }

  void thousandDevicesBecomeAGridThatStillClicks() {
    TopologyView view;
    show(view, {900, 520});
    const auto nodes = cleave::studio::samples::topology(1000, true);
    view.setNodes(nodes);
    QVERIFY(view.isGridMode());
    QSignalSpy clicked(&view, &TopologyView::deviceClicked);
    // No two cells overlap and all lie inside the widget.
    QRectF bounds;
    for (const TopologyNode& n : nodes) {
      const QRectF r = view.nodeRect(QString::fromStdString(n.name));
      QVERIFY(r.width() >= 2);
      bounds = bounds.united(r);
    }
    QVERIFY(QRectF(view.rect()).contains(bounds));
    for (int i : {0, 499, 999}) {
      const QString name = QString::fromStdString(nodes[static_cast<size_t>(i)].name);
      QCOMPARE(view.deviceAt(view.nodeRect(name).center()), name);
      QTest::mouseClick(&view, Qt::LeftButton, {}, view.nodeRect(name).center().toPoint());
    }
    QCOMPARE(clicked.count(), 3);
    QCOMPARE(clicked.at(2).at(0).toString(), QString::fromStdString(nodes[999].name));
  }

  void coloursFollowDelayAndState() {
    TopologyView view;
    std::vector<TopologyNode> nodes(4);
    nodes[0] = {"fast", "", 10, true};
    nodes[1] = {"slow", "", 50, true};
    nodes[2] = {"gone", "", 10, false};
    nodes[3] = {"new", "", -1, true};
    view.setNodes(nodes);
    view.setDelayScale(10, 40);
    QCOMPARE(view.colorFor(nodes[0]), cleave::studio::plotstyle::delayColor(0));
    QCOMPARE(view.colorFor(nodes[1]), cleave::studio::plotstyle::delayColor(1));
    QCOMPARE(view.colorFor(nodes[2]), cleave::studio::plotstyle::offlineColor(view.palette()));
    QCOMPARE(view.colorFor(nodes[3]), view.palette().color(QPalette::Mid));
    // Relative scale: the median is green, twice the median red.
    view.clearDelayScale();
    nodes = {{"a", "", 20, true}, {"b", "", 20, true}, {"c", "", 40, true}};
    view.setNodes(nodes);
    QCOMPARE(view.colorFor(nodes[0]), cleave::studio::plotstyle::delayColor(0));
    QCOMPARE(view.colorFor(nodes[2]), cleave::studio::plotstyle::delayColor(1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setDelayScale(40, 10));
  }

  void framePreviewScalesByWholePixelsAndCaptions() {
    FramePreview preview;
    show(preview, {260, 300});
    QCOMPARE(preview.caption(), QStringLiteral("No frame yet"));
    QImage digit(28, 28, QImage::Format_Grayscale8);
    digit.fill(0);
    for (int i = 4; i < 24; ++i)
      digit.setPixel(i, i, qRgb(255, 255, 255));
    FrameDecision early;
    early.exit = 1;
    early.prediction = 7;
    early.latency_ms = 3.24;
    preview.setFrame(digit, early);
    QCOMPARE(preview.caption(), QStringLiteral("exit 1 · class 7 · 3.2 ms"));
    const QRect r = preview.imageRect();
    QCOMPARE(r.width() % 28, 0);
    QCOMPARE(r.width(), r.height());
    QVERIFY(r.width() >= 28 * 5);
    FrameDecision cloud;
    cloud.cloud = true;
    cloud.prediction = 3;
    cloud.class_name = QStringLiteral("dress");
    cloud.latency_ms = 9.8;
    preview.setFrame(digit, cloud);
    QCOMPARE(preview.caption(), QStringLiteral("cloud · class 3 (dress) · 9.8 ms"));
    QVERIFY(preview.borderColor() != cleave::studio::plotstyle::seriesColor(1));
    // Nearest-neighbour: a scaled pixel is one flat colour.
    const QImage shot = preview.grab().toImage();
    const int f = r.width() / 28;
    const QPoint onDiagonal = r.topLeft() + QPoint(10 * f + 1, 10 * f + 1);
    QCOMPARE(shot.pixelColor(onDiagonal), shot.pixelColor(onDiagonal + QPoint(f - 3, f - 3)));
  }
};

QTEST_MAIN(TestTopologyView)
#include "tst_topology_view.moc"

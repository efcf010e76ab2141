// TimeSeriesPlot: buffered appends reach the graph after the batching timer, redraws stay at or
// under ~30 Hz, decimation bounds the drawn points but keeps spikes, following vs the user's
// zoom, the legend with many series; plot export to PNG and SVG. Offscreen.
#include <qcustomplot.h>

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "app/plots/plot_export.h"
#include "app/plots/time_series_plot.h"

using cleave::studio::TimeSeriesPlot;

namespace {

QVector<QPointF> ramp(double from, double to, int n, double offset = 0) {
  QVector<QPointF> points;
  points.reserve(n);
  for (int i = 0; i < n; ++i) {
    const double x = from + (to - from) * i / std::max(1, n - 1);
    points << QPointF(x, offset + 10 + 5 * std::sin(x * 0.05) + (i % 7) * 0.3);
  }
  return points;
}

void showPlot(TimeSeriesPlot& plot) {
  plot.resize(900, 420);
  plot.show();
  QVERIFY(QTest::qWaitForWindowExposed(&plot));
}

QCPRange graphValueRange(QCPGraph* graph) {
  bool found = false;
  return graph->getValueRange(found);
}

}  // namespace

class TestTimeSeriesPlot : public QObject {
  Q_OBJECT

 private slots:
  void appendedPointsArriveAfterTheBatchTimer() {
    TimeSeriesPlot plot;
    showPlot(plot);
    plot.append(QStringLiteral("cam-1"), ramp(0, 99, 100));
    // Buffered: nothing drawn until the timer fires.
    QCOMPARE(plot.drawnPointCount(QStringLiteral("cam-1")), 0);
    QVERIFY(plot.hasPendingRedraw());
    QTRY_COMPARE_WITH_TIMEOUT(plot.drawnPointCount(QStringLiteral("cam-1")), 100, 2000);
    QCOMPARE(plot.storedPointCount(QStringLiteral("cam-1")), 100);
    QCOMPARE(plot.seriesNames(), QStringList{QStringLiteral("cam-1")});
  }

  void redrawsAreBatchedAtMost30PerSecond() {
    TimeSeriesPlot plot;
    showPlot(plot);
    QSignalSpy replots(plot.plot(), &QCustomPlot::afterReplot);
    QElapsedTimer clock;
    clock.start();
    int appends = 0;
    double x = 0;
    while (clock.elapsed() < 600) {
      plot.append(QStringLiteral("delay"), {QPointF(x, std::sin(x))});
      x += 1;
      ++appends;
      QCoreApplication::processEvents();
    }
    const qint64 elapsed = clock.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(!plot.hasPendingRedraw(), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(plot.storedPointCount(QStringLiteral("delay")), appends, 2000);
    // One redraw per 33 ms window at most, plus the final one and slack for the first.
    const qint64 allowed = elapsed / 33 + 3;
    QVERIFY2(replots.count() <= allowed,
             qPrintable(QStringLiteral("%1 replots for %2 appends in %3 ms")
                            .arg(replots.count())
                            .arg(appends)
                            .arg(elapsed)));
    QVERIFY(appends > replots.count());
    QVERIFY(replots.count() >= 1);
  }

  void decimationBoundsPointsAndKeepsSpikes() {
    TimeSeriesPlot plot;
    showPlot(plot);
    const int n = 200000;
    for (int s = 0; s < 5; ++s) {
      QVector<QPointF> points = ramp(0, 3600, n, s * 20);
      if (s == 2) points[n / 3].setY(1000);  // a single spike must survive decimation
      if (s == 3) points[n / 2].setY(-500);
      plot.append(QStringLiteral("s%1").arg(s), points);
    }
    plot.flushNow();
    const int pixels = plot.plot()->axisRect()->width();
    QVERIFY(pixels > 100);
    for (int s = 0; s < 5; ++s) {
      const QString name = QStringLiteral("s%1").arg(s);
      QCOMPARE(plot.storedPointCount(name), n);
      const int drawn = plot.drawnPointCount(name);
      QVERIFY2(drawn <= 2 * pixels + 2,
               qPrintable(QStringLiteral("%1 drawn for %2 px").arg(drawn).arg(pixels)));
      QVERIFY(drawn >= pixels);  // still one column at least per pixel
    }
    QCPGraph* spiky = nullptr;
    QCPGraph* dip = nullptr;
    for (int i = 0; i < plot.plot()->graphCount(); ++i) {
      if (plot.plot()->graph(i)->name() == QStringLiteral("s2")) spiky = plot.plot()->graph(i);
      if (plot.plot()->graph(i)->name() == QStringLiteral("s3")) dip = plot.plot()->graph(i);
    }
    QVERIFY(spiky && dip);
    QCOMPARE(graphValueRange(spiky).upper, 1000.0);
    QCOMPARE(graphValueRange(dip).lower, -500.0);
    // Zoomed in far enough, every point is drawn as it is.
    plot.plot()->xAxis->setRange(100, 101);
    plot.flushNow();
    QVERIFY(plot.drawnPointCount(QStringLiteral("s0")) < 200);
    QVERIFY(!plot.isFollowing());
  }

  void followsNewestUntilTheUserDrags() {
    TimeSeriesPlot plot;
    showPlot(plot);
    QSignalSpy following(&plot, &TimeSeriesPlot::followingChanged);
    plot.append(QStringLiteral("a"), ramp(0, 100, 101));
    plot.flushNow();
    QVERIFY(plot.isFollowing());
    // Following: everything, with the right edge a step (5%) ahead of the newest point.
    QCOMPARE(plot.plot()->xAxis->range().lower, 0.0);
    QVERIFY(plot.plot()->xAxis->range().upper >= 100.0);
    QVERIFY(plot.plot()->xAxis->range().upper <= 105.0);

    // The user drags the x axis with the mouse (QCustomPlot's own range drag).
    const QPoint mid = plot.plot()->axisRect()->center();
    QTest::mousePress(plot.plot(), Qt::LeftButton, {}, mid);
    QTest::mouseMove(plot.plot(), mid + QPoint(120, 0));
    QTest::mouseRelease(plot.plot(), Qt::LeftButton, {}, mid + QPoint(120, 0));
    QVERIFY(!plot.isFollowing());
    QCOMPARE(following.count(), 1);
    const QCPRange userRange = plot.plot()->xAxis->range();
    QVERIFY(userRange.upper < 100);

    plot.append(QStringLiteral("a"), ramp(101, 300, 200));
    plot.flushNow();
    QCOMPARE(plot.plot()->xAxis->range().lower, userRange.lower);
    QCOMPARE(plot.plot()->xAxis->range().upper, userRange.upper);

    // Double-click goes back to following.
    QTest::mouseDClick(plot.plot(), Qt::LeftButton, {}, mid);
    plot.flushNow();
    QVERIFY(plot.isFollowing());
    QVERIFY(plot.plot()->xAxis->range().upper >= 300.0);
    QVERIFY(plot.plot()->xAxis->range().upper <= 315.0);
  }

  void followWindowShowsTheNewestSpan() {
    TimeSeriesPlot plot;
    showPlot(plot);
    plot.setFollowWindow(50);
    plot.append(QStringLiteral("a"), ramp(0, 500, 501));
    plot.flushNow();
    const QCPRange range = plot.plot()->xAxis->range();
    QCOMPARE(range.size(), 50.0);
    QVERIFY(range.upper >= 500.0 && range.upper <= 502.5);
    // Only the window (plus one point beyond its left edge) is handed to QCustomPlot.
    const int inside = static_cast<int>(std::floor(500.0 - std::ceil(range.lower))) + 1;
    QCOMPARE(plot.drawnPointCount(QStringLiteral("a")), inside + 1);
    // Points inside the step ahead do not move the window.
    plot.append(QStringLiteral("a"), {QPointF(501, 1)});
    plot.flushNow();
    QCOMPARE(plot.plot()->xAxis->range(), range);
  }

  void appendedPointsUpdateTheDecimationIncrementally() {
    // Appending to a decimated series while the view stays put must give exactly what a full
    // decimation of the same data gives.
    TimeSeriesPlot live, whole;
    showPlot(live);
    showPlot(whole);
    // A fixed view, as after the user zoomed out.
    live.plot()->xAxis->setRange(-100, 12000);
    whole.plot()->xAxis->setRange(-100, 12000);
    const QVector<QPointF> all = ramp(0, 9999, 10000);
    live.append(QStringLiteral("a"), all.mid(0, 9000));
    live.flushNow();
    for (int i = 9000; i < 10000; i += 37) {
      live.append(QStringLiteral("a"), all.mid(i, 37));
      live.flushNow();
    }
    whole.append(QStringLiteral("a"), all);
    whole.flushNow();
    QCOMPARE(live.plot()->xAxis->range(), whole.plot()->xAxis->range());
    QCPGraph* a = live.plot()->graph(live.plot()->graphCount() - 1);
    QCPGraph* b = whole.plot()->graph(whole.plot()->graphCount() - 1);
    QVERIFY(a->dataCount() > 0);
    QVERIFY(a->dataCount() < 10000);  // decimated at all
    QCOMPARE(a->dataCount(), b->dataCount());
    for (int i = 0; i < a->dataCount(); ++i) {
      QCOMPARE(a->data()->at(i)->key, b->data()->at(i)->key);
      QCOMPARE(a->data()->at(i)->value, b->data()->at(i)->value);
    }
  }

  void latePointsAreMergedInOrder() {
    TimeSeriesPlot plot;
    showPlot(plot);
    plot.append(QStringLiteral("a"), {QPointF(0, 1), QPointF(2, 3), QPointF(4, 5)});
    plot.flushNow();
    plot.append(QStringLiteral("a"), {QPointF(3, 4), QPointF(1, 2)});
    plot.flushNow();
    QCPGraph* g = nullptr;
    for (int i = 0; i < plot.plot()->graphCount(); ++i)
      if (plot.plot()->graph(i)->name() == QStringLiteral("a")) g = plot.plot()->graph(i);
    QVERIFY(g);
    QCOMPARE(g->dataCount(), 5);
    for (int i = 0; i < 5; ++i) {
      QCOMPARE(g->data()->at(i)->key, double(i));
      QCOMPARE(g->data()->at(i)->value, double(i + 1));
    }
  }

  void logAxisIgnoresNonPositiveValues() {
    TimeSeriesPlot plot;
    showPlot(plot);
    plot.setLogY(true);
    plot.append(QStringLiteral("bytes"),
                {QPointF(0, 0), QPointF(1, 1e3), QPointF(2, 1e6), QPointF(3, -5)});
    plot.flushNow();
    QCOMPARE(plot.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(plot.plot()->yAxis->range().lower > 0);
    QVERIFY(plot.plot()->yAxis->range().lower < 1e3);
    QVERIFY(plot.plot()->yAxis->range().upper > 1e6);
  }

  void legendListsTopSeriesAndOthers() {
    TimeSeriesPlot plot;
    showPlot(plot);
    plot.setLegendLimit(5);
    for (int s = 0; s < 30; ++s)
      plot.append(QStringLiteral("dev-%1").arg(s), {QPointF(0, 1), QPointF(1, s)});
    plot.flushNow();
    QCOMPARE(plot.plot()->legend->itemCount(), 6);
    QStringList listed;
    for (int i = 0; i < plot.plot()->legend->itemCount(); ++i) {
      auto* item = qobject_cast<QCPPlottableLegendItem*>(plot.plot()->legend->item(i));
      QVERIFY(item);
      listed << item->plottable()->name();
    }
    // The slowest five by latest value, then the aggregate entry.
    QCOMPARE(listed.mid(0, 5), (QStringList{"dev-29", "dev-28", "dev-27", "dev-26", "dev-25"}));
    QVERIFY2(listed.last().contains(QStringLiteral("25")), qPrintable(listed.last()));
    // The 25 others are hidden and drawn as one min-max band instead.
    auto* othersHigh = qobject_cast<QCPGraph*>(
        qobject_cast<QCPPlottableLegendItem*>(plot.plot()->legend->item(5))->plottable());
    QVERIFY(othersHigh && othersHigh->visible() && othersHigh->channelFillGraph());
    QCOMPARE(graphValueRange(othersHigh).upper, 24.0);                     // dev-24 at x = 1
    QCOMPARE(graphValueRange(othersHigh->channelFillGraph()).lower, 0.0);  // dev-0 at x = 1
    int visible = 0;
    for (int i = 0; i < plot.plot()->graphCount(); ++i)
      visible += plot.plot()->graph(i)->visible() ? 1 : 0;
    QCOMPARE(visible, 5 + 2);
    // Few series: everyone in the legend, no aggregate.
    TimeSeriesPlot few;
    showPlot(few);
    few.append(QStringLiteral("exit 1"), {QPointF(0, 1)});
    few.append(QStringLiteral("exit 2"), {QPointF(0, 2)});
    few.flushNow();
    QCOMPARE(few.plot()->legend->itemCount(), 2);
  }

  void exportWritesPngAndValidSvg() {
    TimeSeriesPlot plot;
    showPlot(plot);
    plot.setAxisTitles(QStringLiteral("time (s)"), QStringLiteral("delay (ms)"));
    for (int s = 0; s < 4; ++s)
      plot.append(QStringLiteral("cam-%1").arg(s), ramp(0, 600, 600, s * 3));
    plot.flushNow();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("delay.png"));
    const QString svg = dir.filePath(QStringLiteral("delay.svg"));
    cleave::studio::exportWidget(&plot, png);
    cleave::studio::exportWidget(&plot, svg);
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), plot.plot()->size());
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    bool sawSvg = false;
    int paths = 0;
    while (!xml.atEnd()) {
      if (xml.readNext() == QXmlStreamReader::StartElement) {
        if (xml.name() == QLatin1String("svg")) sawSvg = true;
        if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline")) ++paths;
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(sawSvg);
    QVERIFY(paths > 4);  // the four series at least, as vector paths
    // Bad names and unwritable places are errors, not silent no-ops.
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        cleave::studio::exportWidget(&plot, dir.filePath(QStringLiteral("x.jpg"))));
    QVERIFY_THROWS_EXCEPTION(
        std::runtime_error,
        cleave::studio::exportWidget(&plot, QStringLiteral("/nonexistent-dir/x.png")));
  }

  void removeAndClear() {
    TimeSeriesPlot plot;
    showPlot(plot);
    plot.append(QStringLiteral("a"), {QPointF(0, 1)});
    plot.append(QStringLiteral("b"), {QPointF(0, 2)});
    plot.flushNow();
    plot.removeSeries(QStringLiteral("a"));
    plot.flushNow();
    QCOMPARE(plot.seriesNames(), QStringList{QStringLiteral("b")});
    QCOMPARE(plot.drawnPointCount(QStringLiteral("b")), 1);
    plot.clear();
    plot.flushNow();
    QVERIFY(plot.seriesNames().isEmpty());
    QCOMPARE(plot.totalDrawnPointCount(), 0);
  }
};

QTEST_MAIN(TestTimeSeriesPlot)
#include "tst_time_series_plot.moc"

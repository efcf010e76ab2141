// RoundGantt: one row per device with stacked phases, stragglers outlined, clicks reported,
// labels thinned for a 1,000-device round, bad input refused. Offscreen.
#include <qcustomplot.h>

#include <QSignalSpy>
#include <QTest>

#include "app/plots/round_gantt.h"
#include "tests/studio/plot_samples.h"

using cleave::studio::GanttRow;
using cleave::studio::RoundGantt;

class TestRoundGantt : public QObject {
  Q_OBJECT

 private:
  static void show(RoundGantt& g) {
    g.resize(900, 420);
    g.show();
    QVERIFY(QTest::qWaitForWindowExposed(&g));
    g.plot()->replot(QCustomPlot::rpImmediateRefresh);
  }
  static int countItems(QCustomPlot* plot, const char* type) {
    int n = 0;
    for (int i = 0; i < plot->itemCount(); ++i)
      n += plot->item(i)->inherits(type) ? 1 : 0;
    return n;
  }

 private slots:
  void rowsStackPhasesInOrder() {
    RoundGantt g;
    show(g);
    const std::vector<GanttRow> rows = cleave::studio::samples::gantt(6);
    g.setRound(12, rows);
    QCOMPARE(g.round(), 12);
    // Five phase bars (plus the straggler legend key) with one value per device.
    QList<QCPBars*> bars;
    for (int i = 0; i < g.plot()->plottableCount(); ++i)
      if (auto* b = qobject_cast<QCPBars*>(g.plot()->plottable(i)); b && b->data()->size() > 0)
        bars << b;
    QCOMPARE(bars.size(), 5);
    for (QCPBars* b : bars)
      QCOMPARE(b->data()->size(), 6);
    // Stacked: each phase starts where the previous one ended (edge, up, cloud, down, wait).
    QCOMPARE(bars[1]->barBelow(), bars[0]);
    QCOMPARE(bars[4]->barBelow(), bars[3]);
    QCOMPARE(bars[2]->data()->at(3)->value, rows[3].cloud_ms);
    QCOMPARE(g.plot()->yAxis->range().lower, -0.6);
    QVERIFY(g.plot()->xAxis->range().upper >= rows[0].total());
  }

  void stragglersAreOutlinedAndLabelled() {
    RoundGantt g;
    show(g);
    std::vector<GanttRow> rows = cleave::studio::samples::gantt(8);
    int stragglers = 0;
    for (const GanttRow& r : rows)
      stragglers += r.straggler ? 1 : 0;
    QVERIFY(stragglers > 0);
    g.setRound(3, rows);
    QCOMPARE(countItems(g.plot(), "QCPItemRect"), stragglers);
    QCOMPARE(countItems(g.plot(), "QCPItemText"), stragglers);
    for (GanttRow& r : rows)
      r.straggler = false;
    g.setRound(4, rows);
    QCOMPARE(countItems(g.plot(), "QCPItemRect"), 0);
  }

  void clickOnARowReportsItsDevice() {
    RoundGantt g;
    show(g);
    const std::vector<GanttRow> rows = cleave::studio::samples::gantt(5);
    g.setRound(1, rows);
    g.plot()->replot(QCustomPlot::rpImmediateRefresh);
    QSignalSpy clicked(&g, &RoundGantt::deviceClicked);
    for (int row : {0, 3}) {
      const QPoint p = g.plot()->mapFrom(&g, g.rowCenter(row));
      QCOMPARE(g.rowAt(g.rowCenter(row)), row);
      QTest::mouseClick(g.plot(), Qt::LeftButton, {}, p);
    }
    QCOMPARE(clicked.count(), 2);
    QCOMPARE(clicked.at(0).at(0).toString(), QString::fromStdString(rows[0].device));
    QCOMPARE(clicked.at(1).at(0).toString(), QString::fromStdString(rows[3].device));
    // Outside the axes: nothing.
    QTest::mouseClick(g.plot(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(clicked.count(), 2);
  }

  void thousandDevicesThinTheLabels() {
    RoundGantt g;
    show(g);
    g.setRound(40, cleave::studio::samples::gantt(1000));
    g.plot()->replot(QCustomPlot::rpImmediateRefresh);
    auto ticker = g.plot()->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    const int rowsThatFit = g.plot()->axisRect()->height() /
                            (QFontMetrics(g.plot()->yAxis->tickLabelFont()).height() + 2);
    int stragglers = 0;
    for (const GanttRow& r : g.rows())
      stragglers += r.straggler ? 1 : 0;
    QVERIFY2(ticker->ticks().size() <= rowsThatFit + stragglers + 1,
             qPrintable(QStringLiteral("%1 labels").arg(ticker->ticks().size())));
    // Rows a pixel tall: stragglers become markers at the end of their bars, not outlines.
    QCOMPARE(countItems(g.plot(), "QCPItemRect"), 0);
    QCPGraph* marks = nullptr;
    for (int i = 0; i < g.plot()->graphCount(); ++i)
      if (g.plot()->graph(i)->name() == QStringLiteral("straggler")) marks = g.plot()->graph(i);
    QVERIFY(marks);
    QCOMPARE(marks->dataCount(), stragglers);
    const QImage image = g.grab().toImage();
    QVERIFY(!image.isNull());
  }

  void badTimesAreRefused() {
    RoundGantt g;
    std::vector<GanttRow> rows = cleave::studio::samples::gantt(2);
    rows[1].up_ms = -1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, g.setRound(1, rows));
    rows[1].up_ms = std::numeric_limits<double>::quiet_NaN();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, g.setRound(1, rows));
    g.setRound(2, {});  // an empty round is fine
    QCOMPARE(g.rows().size(), size_t(0));
  }
};

QTEST_MAIN(TestRoundGantt)
#include "tst_round_gantt.moc"

// CostGraph: dragging the split line with the mouse snaps to feasible cuts and reports them;
// arrows move it; bad data is refused. Offscreen.
#include <qcustomplot.h>

#include <QSignalSpy>
#include <QTest>

#include "app/plots/cost_graph.h"
#include "tests/studio/plot_samples.h"

using cleave::studio::CostGraph;
using cleave::studio::CostGraphData;

class TestCostGraph : public QObject {
  Q_OBJECT

 private:
  // Pixel in the plot widget where cut `cut` sits, at mid height of the axes; plus dx pixels.
  static QPoint cutPoint(CostGraph& g, int cut, int dx = 0) {
    const double x = g.plot()->xAxis->coordToPixel(cut + 0.5);
    return QPoint(static_cast<int>(std::lround(x)) + dx, g.plot()->axisRect()->center().y());
  }
  static void show(CostGraph& g) {
    g.resize(900, 520);
    g.show();
    QVERIFY(QTest::qWaitForWindowExposed(&g));
    g.plot()->replot(QCustomPlot::rpImmediateRefresh);  // lays out the axes
  }
  static int firstInfeasible(const CostGraphData& d) {
    for (size_t c = 0; c < d.per_cut.size(); ++c)
      if (!d.per_cut[c].feasible) return static_cast<int>(c);
    return -1;
  }

 private slots:
  void sampleHasFeasibleAndInfeasibleCuts() {
    const CostGraphData d = cleave::studio::samples::costGraph();
    QVERIFY(firstInfeasible(d) > 0);
    QVERIFY(d.best_cut >= 0);
  }

  void dragMovesLineAndEmitsSnappedCuts() {
    CostGraph g;
    const CostGraphData d = cleave::studio::samples::costGraph();
    g.setData(d);
    show(g);
    QCOMPARE(g.currentCut(), d.current_cut);
    QSignalSpy dragged(&g, &CostGraph::splitDragged);
    QSignalSpy released(&g, &CostGraph::splitReleased);

    const int from = 1, to = 3;
    QVERIFY(d.per_cut[from].feasible && d.per_cut[to].feasible);
    g.setCurrentCut(from);
    QCOMPARE(dragged.count(), 0);  // setCurrentCut never emits
    QTest::mousePress(g.plot(), Qt::LeftButton, {}, cutPoint(g, from));
    QVERIFY(g.isDragging());
    // Slightly off the cut position: it must snap.
    QTest::mouseMove(g.plot(), cutPoint(g, 2, 7));
    QCOMPARE(g.currentCut(), 2);
    QTest::mouseMove(g.plot(), cutPoint(g, to, -9));
    QCOMPARE(g.currentCut(), to);
    QTest::mouseRelease(g.plot(), Qt::LeftButton, {}, cutPoint(g, to, -9));
    QVERIFY(!g.isDragging());

    QCOMPARE(dragged.count(), 2);
    QCOMPARE(dragged.at(0).at(0).toInt(), 2);
    QCOMPARE(dragged.at(1).at(0).toInt(), to);
    QCOMPARE(released.count(), 1);
    QCOMPARE(released.at(0).at(0).toInt(), to);
    QCOMPARE(g.currentCut(), to);
  }

  void labelShowsPredictedSplitWhileDragging() {
    CostGraph g;
    const CostGraphData d = cleave::studio::samples::costGraph();
    g.setData(d);
    show(g);
    const auto& p = d.per_cut[2];
    const QString text = g.predictionText(2);
    QVERIFY2(text.contains(QString::number(p.total(), 'f', 1)), qPrintable(text));
    QVERIFY2(text.startsWith(QStringLiteral("edge ") + QString::number(p.edge_ms, 'f', 1)),
             qPrintable(text));
    QCPItemText* label = nullptr;
    for (int i = 0; i < g.plot()->itemCount(); ++i) {
      auto* t = qobject_cast<QCPItemText*>(g.plot()->item(i));
      if (t && t->text().startsWith(QStringLiteral("cut "))) label = t;
    }
    QTest::mousePress(g.plot(), Qt::LeftButton, {}, cutPoint(g, 2));
    QVERIFY(label != nullptr);
    QVERIFY(label->visible());
    QVERIFY2(label->text().contains(text), qPrintable(label->text()));
    QTest::mouseRelease(g.plot(), Qt::LeftButton, {}, cutPoint(g, 2));
    QVERIFY(!label->visible());
  }

  void infeasibleCutIsNeverReleased() {
    CostGraph g;
    const CostGraphData d = cleave::studio::samples::costGraph();
    g.setData(d);
    show(g);
    const int bad = firstInfeasible(d);
    QVERIFY(bad > 0);
    QSignalSpy dragged(&g, &CostGraph::splitDragged);
    QSignalSpy released(&g, &CostGraph::splitReleased);
    g.setCurrentCut(0);
    QTest::mousePress(g.plot(), Qt::LeftButton, {}, cutPoint(g, 0));
    // Sweep across every cut, including all the infeasible ones, and release at the far end.
    for (int c = 0; c < static_cast<int>(d.per_cut.size()); ++c) {
      QTest::mouseMove(g.plot(), cutPoint(g, c));
      QVERIFY2(d.per_cut[static_cast<size_t>(g.currentCut())].feasible,
               qPrintable(QStringLiteral("line sits on infeasible cut %1").arg(g.currentCut())));
    }
    QTest::mouseRelease(g.plot(), Qt::LeftButton, {},
                        cutPoint(g, static_cast<int>(d.per_cut.size()) - 1));
    for (const auto& args : dragged)
      QVERIFY(d.per_cut[static_cast<size_t>(args.at(0).toInt())].feasible);
    QCOMPARE(released.count(), 1);
    // Nearest feasible cut to the right end: the last feasible one.
    QCOMPARE(released.at(0).at(0).toInt(), bad - 1);
  }

  void arrowsMoveTheLineAndSkipInfeasibleCuts() {
    CostGraph g;
    CostGraphData d = cleave::studio::samples::costGraph();
    d.per_cut[2].feasible = false;  // a hole in the middle as well
    g.setData(d);
    show(g);
    g.setFocus();
    g.setCurrentCut(1);
    QSignalSpy released(&g, &CostGraph::splitReleased);
    QTest::keyClick(&g, Qt::Key_Right);
    QCOMPARE(g.currentCut(), 3);
    QTest::keyClick(&g, Qt::Key_Left);
    QCOMPARE(g.currentCut(), 1);
    QTest::keyClick(&g, Qt::Key_Left);
    QTest::keyClick(&g, Qt::Key_Left);  // at cut 0 already: stays, no signal
    QCOMPARE(g.currentCut(), 0);
    QCOMPARE(released.count(), 3);
    QCOMPARE(released.at(0).at(0).toInt(), 3);
    QCOMPARE(released.at(1).at(0).toInt(), 1);
    QCOMPARE(released.at(2).at(0).toInt(), 0);
  }

  void dragWorksInTheLayerBarsToo() {
    CostGraph g;
    const CostGraphData d = cleave::studio::samples::costGraph();
    g.setData(d);
    show(g);
    g.setCurrentCut(1);
    QSignalSpy released(&g, &CostGraph::splitReleased);
    QCPAxisRect* bars = g.plot()->axisRects().last();
    const int y = bars->center().y();
    QTest::mousePress(g.plot(), Qt::LeftButton, {}, QPoint(cutPoint(g, 1).x(), y));
    QTest::mouseMove(g.plot(), QPoint(cutPoint(g, 5).x(), y));
    QTest::mouseRelease(g.plot(), Qt::LeftButton, {}, QPoint(cutPoint(g, 5).x(), y));
    QCOMPARE(released.count(), 1);
    QCOMPARE(released.at(0).at(0).toInt(), 5);
    // Outside both axes (the legend row): no drag.
    QTest::mouseClick(g.plot(), Qt::LeftButton, {},
                      QPoint(cutPoint(g, 2).x(), g.plot()->height() - 3));
    QCOMPARE(released.count(), 1);
  }

  void clickAwayFromTheLineJumpsThere() {
    CostGraph g;
    const CostGraphData d = cleave::studio::samples::costGraph();
    g.setData(d);
    show(g);
    g.setCurrentCut(0);
    QSignalSpy released(&g, &CostGraph::splitReleased);
    QTest::mouseClick(g.plot(), Qt::LeftButton, {}, cutPoint(g, 4, 3));
    QCOMPARE(released.count(), 1);
    QCOMPARE(released.at(0).at(0).toInt(), 4);
  }

  void infeasibleCutsAreGreyedInBothAxes() {
    CostGraph g;
    const CostGraphData d = cleave::studio::samples::costGraph();
    g.setData(d);
    show(g);
    const QImage image = g.plot()->toPixmap().toImage();
    const int bad = firstInfeasible(d);
    const int x = cutPoint(g, bad).x();
    const QColor base = g.palette().color(QPalette::Base);
    QList<QCPAxisRect*> rects = g.plot()->axisRects();
    QCOMPARE(rects.size(), 2);
    for (QCPAxisRect* rect : rects) {
      // A quarter of the way down each axis rect: background unless greyed.
      const QColor px = image.pixelColor(x, rect->top() + rect->height() / 4);
      QVERIFY2(px != base,
               qPrintable(QStringLiteral("(%1,%2) %3").arg(x).arg(rect->top()).arg(px.name())));
      const QColor feasible =
          image.pixelColor(cutPoint(g, 1).x() + 20, rect->top() + rect->height() / 4);
      QCOMPARE(feasible, base);
    }
  }

  void badDataIsRefused_data() {
    QTest::addColumn<int>("which");
    QTest::addRow("edge_ms short") << 0;
    QTest::addRow("per_cut short") << 1;
    QTest::addRow("current cut beyond L") << 2;
  }
  void badDataIsRefused() {
    QFETCH(int, which);
    CostGraphData d = cleave::studio::samples::costGraph();
    if (which == 0) d.edge_ms.pop_back();
    if (which == 1) d.per_cut.pop_back();
    if (which == 2) d.current_cut = static_cast<int>(d.per_cut.size());
    CostGraph g;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, g.setData(d));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, g.setCurrentCut(42));
  }

  void emptyDataShowsNoLine() {
    CostGraph g;
    g.setData(CostGraphData{});
    show(g);
    QSignalSpy released(&g, &CostGraph::splitReleased);
    QTest::mouseClick(g.plot(), Qt::LeftButton, {}, g.plot()->axisRect()->center());
    QTest::keyClick(&g, Qt::Key_Right);
    QCOMPARE(released.count(), 0);
    QCOMPARE(g.currentCut(), -1);
  }
};

QTEST_MAIN(TestCostGraph)
#include "tst_cost_graph.moc"

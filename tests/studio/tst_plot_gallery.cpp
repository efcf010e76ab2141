// Every plot widget rendered with sample data in a light and a dark palette: the background
// follows the palette, text is not lost on it, and the renders (and SVG exports) are written to
// $CLEAVE_PLOT_GALLERY_DIR when set, for a person to look at. Offscreen.
#include <qcustomplot.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "app/plots/cost_graph.h"
#include "app/plots/frame_preview.h"
#include "app/plots/plot_export.h"
#include "app/plots/round_gantt.h"
#include "app/plots/time_series_plot.h"
#include "app/plots/topology_view.h"
#include "tests/studio/plot_samples.h"

using namespace cleave::studio;

class TestPlotGallery : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_temp;
  QString m_dir;

  // Renders, saves and checks that the widget's corner is the palette's base colour and that a
  // good share of pixels has text-like contrast against it (axes, labels, data).
  void render(QWidget& w, const QString& name, const QPalette& palette, QSize size) {
    w.setPalette(palette);
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    if (auto* plot = findPlot(&w)) plot->replot(QCustomPlot::rpImmediateRefresh);
    const QImage image = w.grab().toImage();
    QVERIFY(!image.isNull());
    const QString base = QDir(m_dir).filePath(name);
    QVERIFY(image.save(base + QStringLiteral(".png")));
    exportWidget(&w, base + QStringLiteral(".svg"));
    const QColor corner = image.pixelColor(2, 2);
    const QColor expected = palette.color(QPalette::Base);
    QVERIFY2(std::abs(corner.lightness() - expected.lightness()) < 12,
             qPrintable(QStringLiteral("%1: corner %2, palette base %3")
                            .arg(name, corner.name(), expected.name())));
    int contrasting = 0;
    for (int y = 0; y < image.height(); y += 2)
      for (int x = 0; x < image.width(); x += 2)
        contrasting += std::abs(image.pixelColor(x, y).lightness() - expected.lightness()) > 90;
    QVERIFY2(
        contrasting > 150,
        qPrintable(QStringLiteral("%1: only %2 contrasting pixels").arg(name).arg(contrasting)));
  }

  QPalette paletteFor(bool dark) { return dark ? samples::darkPalette() : samples::lightPalette(); }

 private slots:
  void initTestCase() {
    m_dir = qEnvironmentVariable("CLEAVE_PLOT_GALLERY_DIR");
    if (m_dir.isEmpty()) {
      QVERIFY(m_temp.isValid());
      m_dir = m_temp.path();
    }
    QVERIFY(QDir().mkpath(m_dir));
  }

  void widgets_data() {
    QTest::addColumn<bool>("dark");
    QTest::addRow("light") << false;
    QTest::addRow("dark") << true;
  }

  void widgets() {
    QFETCH(bool, dark);
    const QString suffix = dark ? QStringLiteral("_dark") : QStringLiteral("_light");
    const QPalette pal = paletteFor(dark);

    CostGraph cost;
    CostGraphData data = samples::costGraph();
    data.current_cut = 3;
    cost.setData(data);
    render(cost, QStringLiteral("cost_graph") + suffix, pal, {960, 560});

    TimeSeriesPlot delays;
    delays.setTitle(QStringLiteral("Step delay per device"));
    delays.setAxisTitles(QStringLiteral("time (s)"), QStringLiteral("delay (ms)"));
    for (int d = 0; d < 6; ++d) {
      QVector<QPointF> points;
      for (int t = 0; t < 3600; t += 5)
        points << QPointF(t, 60 + d * 12 + 15 * std::sin(t / (200.0 + d * 40)) + (t % 35) * 0.2);
      delays.append(QStringLiteral("cam-%1").arg(d + 1), points);
    }
    delays.flushNow();
    render(delays, QStringLiteral("time_series") + suffix, pal, {900, 420});

    TimeSeriesPlot crowd;
    crowd.setTitle(QStringLiteral("1,000 devices, one hour"));
    crowd.setAxisTitles(QStringLiteral("time (s)"), QStringLiteral("delay (ms)"));
    crowd.setLegendLimit(8);
    for (int d = 0; d < 1000; ++d) {
      QVector<QPointF> points;
      for (int t = 0; t < 3600; t += 10)
        points << QPointF(t, 50 + (d % 97) * 0.8 + 10 * std::sin(t / 300.0 + d));
      crowd.append(QStringLiteral("dev-%1").arg(d), points);
    }
    crowd.flushNow();
    render(crowd, QStringLiteral("time_series_1000") + suffix, pal, {900, 420});

    RoundGantt gantt;
    gantt.setRound(17, samples::gantt(9));
    render(gantt, QStringLiteral("round_gantt") + suffix, pal, {900, 420});

    RoundGantt big;
    big.setRound(17, samples::gantt(1000));
    render(big, QStringLiteral("round_gantt_1000") + suffix, pal, {900, 520});

    TopologyView topo;
    topo.setNodes(samples::topology(9, false));
    render(topo, QStringLiteral("topology") + suffix, pal, {900, 400});

    TopologyView sites;
    sites.setNodes(samples::topology(24, true));
    render(sites, QStringLiteral("topology_sites") + suffix, pal, {1100, 460});

    TopologyView fleet;
    fleet.setNodes(samples::topology(1000, true));
    render(fleet, QStringLiteral("topology_1000") + suffix, pal, {900, 520});

    FramePreview preview;
    QImage digit(28, 28, QImage::Format_Grayscale8);
    for (int y = 0; y < 28; ++y)
      for (int x = 0; x < 28; ++x) {
        const double r = std::hypot(x - 13.5, y - 13.5);
        digit.setPixel(x, y, qRgb(0, 0, 0) | (r > 6 && r < 10 ? 0xFFFFFF : 0));
      }
    FrameDecision decision;
    decision.exit = 1;
    decision.prediction = 0;
    decision.class_name = QStringLiteral("T-shirt");
    decision.latency_ms = 3.2;
    preview.setFrame(digit, decision);
    render(preview, QStringLiteral("frame_preview") + suffix, pal, {260, 300});
  }
};

QTEST_MAIN(TestPlotGallery)
#include "tst_plot_gallery.moc"

// The whole studio window against a fake cloud and a recorded file: dragging the split line with
// the mouse sends the plan (SetSplit) to the cloud, a replay drives the plots to the recorded
// values, and the window survives a cloud that disappears and comes back on the same port.
#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/plots/cost_graph.h"
#include "app/plots/time_series_plot.h"
#include "app/shell/main_window.h"
#include "app/views/model_view.h"
#include "app/views/rounds_view.h"
#include "core/net/keys.h"
#include "core/session/session_writer.h"
#include "studio_events.h"
#include "tests/doubles/fake_control_cloud.h"

using cleave::studio::CostGraph;
using cleave::studio::MainWindow;
using cleave::studio::ModelView;
using cleave::studio::RoundsView;
using cleave::studio::StudioOptions;
using cleave::test::FakeControlCloud;

namespace {

constexpr int kTimeoutMs = 20'000;

// A studio key folder: the operator pair "studio" and the cloud's public key.
StudioOptions connectOptions(const QString& dir, FakeControlCloud& cloud) {
  const auto keys = cleave::generateCurveKeyPair();
  cleave::writeKeyPair(dir.toStdString(), "studio", keys);
  cleave::writePublicKey(dir.toStdString(), "cloud", cloud.publicKey());
  cloud.approveOperator("studio", keys.public_z85);
  StudioOptions o;
  o.connect = QString::fromStdString(cloud.controlEndpoint());
  o.events = QString::fromStdString(cloud.eventsEndpoint());
  o.keys = dir;
  o.quit_after_s = 3600;  // unattended: no modal dialogs (the test closes the window itself)
  return o;
}

QString connectionText(MainWindow& w) {
  return w.findChild<QLabel*>("connectionState")->text();
}

// The y values of the named series as drawn.
QVector<double> drawn(QCustomPlot* plot, const QString& name) {
  QVector<double> ys;
  for (int i = 0; i < plot->graphCount(); ++i) {
    if (plot->graph(i)->name() != name) continue;
    for (auto it = plot->graph(i)->data()->constBegin(); it != plot->graph(i)->data()->constEnd();
         ++it)
      ys.push_back(it->value);
  }
  return ys;
}

}  // namespace

class TstStudioWindow : public QObject {
  Q_OBJECT

 private slots:
  void draggingTheSplitSendsThePlan() {
    QTemporaryDir dir;
    std::vector<cleave::Event> history;
    for (const auto& e : cleave::test::factorySession())
      history.push_back(e);
    FakeControlCloud cloud((dir.path() + "/cloud").toStdString(), "tcp://127.0.0.1:*",
                           "tcp://127.0.0.1:*", history);
    MainWindow w(connectOptions(dir.path() + "/studio", cloud));
    w.resize(1400, 860);
    w.show();
    w.showPage("model");
    QTRY_VERIFY_WITH_TIMEOUT(connectionText(w).startsWith("connected"), kTimeoutMs);

    auto* view = w.findChild<ModelView*>();
    auto* device = view->findChild<QComboBox*>();
    QTRY_VERIFY_WITH_TIMEOUT(device->findData("plc-1") >= 0, kTimeoutMs);
    device->setCurrentIndex(device->findData("plc-1"));
    CostGraph* graph = view->graph();
    QTRY_VERIFY_WITH_TIMEOUT(!graph->data().per_cut.empty(), kTimeoutMs);

    // Drag from the current cut to another feasible one and let go.
    int from = graph->currentCut() >= 0 ? graph->currentCut() : 0;
    graph->setCurrentCut(from);
    int to = -1;
    for (int c = int(graph->data().per_cut.size()) - 1; c >= 0; --c) {
      if (c != from && graph->data().per_cut[size_t(c)].feasible) {
        to = c;
        break;
      }
    }
    QVERIFY2(to >= 0, "the factory model has a second feasible cut");
    auto at = [&](int cut) {
      const int y = graph->plot()->axisRect()->center().y();
      return QPoint(graph->plot()->mapFrom(graph, QPoint(graph->cutToWidgetX(cut), 0)).x(), y);
    };
    QSignalSpy released(graph, &CostGraph::splitReleased);
    QTest::mousePress(graph->plot(), Qt::LeftButton, {}, at(from));
    QTest::mouseMove(graph->plot(), at((from + to) / 2));
    QTest::mouseMove(graph->plot(), at(to));
    QTest::mouseRelease(graph->plot(), Qt::LeftButton, {}, at(to));
    QCOMPARE(released.count(), 1);
    QCOMPARE(released.first().first().toInt(), to);

    QTRY_VERIFY_WITH_TIMEOUT(!cloud.commands().empty(), kTimeoutMs);
    const cleave::net::Command c = cloud.commands().back();
    QCOMPARE(c.kind, cleave::net::CommandKind::SetSplit);
    QCOMPARE(c.split_mode, cleave::net::SplitMode::Manual);
    QCOMPARE(c.cut, to);
    QCOMPARE(c.device, std::string("plc-1"));
  }

  void replayDrivesThePlotsToTheRecordedValues() {
    QTemporaryDir dir;
    const QString file = dir.filePath("recorded.cleave");
    const std::vector<double> accuracy{0.61, 0.74, 0.82};
    {
      cleave::SessionWriter writer(file.toStdString(),
                                   {"", cleave::test::factorySpecJson(), "factory", "{}", 0});
      for (const auto& e : cleave::test::factorySession())
        if (e.round < 0) writer.appendEvent(e);
      for (int r = 1; r <= 3; ++r) {
        const int64_t t = r * 1'000'000;
        writer.appendEvent(cleave::test::phaseTiming(t, r, "plc-1", 100.0 * r));
        writer.appendEvent(cleave::test::roundEnd(t + 1, r, {"plc-1"}, {}));
        writer.appendEvent(cleave::test::evaluation(t + 2, r, accuracy[size_t(r - 1)]));
      }
      writer.flush();
    }
    StudioOptions o;
    o.replay = file;
    o.quit_after_s = 3600;
    MainWindow w(o);
    w.show();
    auto* rounds = w.findChild<RoundsView*>();
    QCustomPlot* acc = rounds->plot(RoundsView::Plot::Accuracy)->plot();
    QCustomPlot* delay = rounds->plot(RoundsView::Plot::Delay)->plot();
    QTRY_COMPARE_WITH_TIMEOUT(drawn(acc, "final").size(), qsizetype(3), kTimeoutMs);
    const QVector<double> a = drawn(acc, "final");
    for (int i = 0; i < 3; ++i)
      QCOMPARE(a[i], 100.0 * accuracy[size_t(i)]);  // fractions are shown as percentages
    QTRY_COMPARE_WITH_TIMEOUT(drawn(delay, "plc-1"), (QVector<double>{100.0, 200.0, 300.0}),
                              kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(connectionText(w).startsWith("finished"), kTimeoutMs);
  }

  void survivesACloudThatDisappears() {
    QTemporaryDir dir;
    const std::string cloud_dir = (dir.path() + "/cloud").toStdString();
    auto cloud = std::make_unique<FakeControlCloud>(cloud_dir);
    const std::string control = cloud->controlEndpoint(), events = cloud->eventsEndpoint();
    StudioOptions o = connectOptions(dir.path() + "/studio", *cloud);
    const std::string studio_key =
        cleave::readPublicKey((dir.path() + "/studio/studio.key").toStdString());
    MainWindow w(o);
    w.show();
    QTRY_VERIFY_WITH_TIMEOUT(connectionText(w).startsWith("connected"), kTimeoutMs);

    cloud.reset();  // the cloud is gone: the window says so and stays responsive
    QTRY_VERIFY_WITH_TIMEOUT(connectionText(w).startsWith("disconnected"), kTimeoutMs);
    w.showPage("fleet");
    QApplication::processEvents();

    cloud = std::make_unique<FakeControlCloud>(cloud_dir, control, events);  // back, same ports
    cloud->approveOperator("studio", studio_key);
    QTRY_VERIFY_WITH_TIMEOUT(connectionText(w).startsWith("connected"), 3 * kTimeoutMs);
  }
};

QTEST_MAIN(TstStudioWindow)
#include "tst_studio_window.moc"

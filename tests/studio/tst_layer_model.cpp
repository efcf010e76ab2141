// LayerModel under QAbstractItemModelTester: one row per trunk layer of the session's model with
// its cost figures (checked against core/model's cost table), times from setTimes, reset.
#include <QAbstractItemModelTester>
#include <QTest>

#include "app/model/layer_model.h"
#include "core/model/cost_model.h"
#include "tests/studio/studio_events.h"

using namespace cleave;
using namespace cleave::studio;

class TstLayerModel : public QObject {
  Q_OBJECT

 private slots:
  void showsTheModelsLayers() {
    SessionState state;
    LayerModel model(&state);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    state.apply({test::sessionStart(0)});
    QCOMPARE(model.rowCount(), test::kFactoryLayers);
    const CostTable costs = computeCosts(parseModelSpec(test::factorySpecJson(), "factory"));
    auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
      return model.data(model.index(row, column), role);
    };
    QCOMPARE(cell(0, LayerModel::Name).toString(), QStringLiteral("conv1"));
    QCOMPARE(cell(0, LayerModel::Kind).toString(), QString::fromStdString(costs.layers[0].type));
    QCOMPARE(cell(0, LayerModel::Params, LayerModel::SortRole).toLongLong(),
             costs.layers[0].params);
    QCOMPARE(cell(0, LayerModel::Flops, LayerModel::SortRole).toLongLong(), costs.layers[0].flops);
    QCOMPARE(cell(4, LayerModel::ActivationBytes, LayerModel::SortRole).toLongLong(),
             costs.layers[4].activation_bytes);
    QVERIFY(cell(0, LayerModel::OutputShape).toString().contains(QStringLiteral("×")));
    QVERIFY(!cell(0, LayerModel::EdgeMs).isValid());  // no times yet: blank, not zero
    QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 1);

    std::vector<double> edge(test::kFactoryLayers, 1.25), cloud(test::kFactoryLayers, 0.5);
    model.setTimes(edge, cloud);
    QCOMPARE(cell(3, LayerModel::EdgeMs).toString(), QStringLiteral("1.25"));
    QCOMPARE(cell(3, LayerModel::CloudMs, LayerModel::SortRole).toDouble(), 0.5);

    state.apply({test::logLine(5, "info", "not a model change")});  // no reset for that
    QCOMPARE(cell(3, LayerModel::EdgeMs).toString(), QStringLiteral("1.25"));
    state.reset();
    QCOMPARE(model.rowCount(), 0);
  }
};

QTEST_MAIN(TstLayerModel)
#include "tst_layer_model.moc"

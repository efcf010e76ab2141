// FleetModel under QAbstractItemModelTester: rows appear as devices join (pending included),
// columns show what the state knows, status carries a colour, a reset empties the table.
#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

#include "app/model/fleet_model.h"
#include "tests/studio/studio_events.h"

using namespace cleave;
using namespace cleave::studio;

class TstFleetModel : public QObject {
  Q_OBJECT

 private slots:
  void followsTheState() {
    SessionState state;
    FleetModel model(&state);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &FleetModel::rowsInserted);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(FleetModel::Count));

    state.apply(test::factorySession());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.size(), 1);
    auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
      return model.data(model.index(row, column), role);
    };
    QCOMPARE(cell(0, FleetModel::Name).toString(), QStringLiteral("plc-1"));
    QCOMPARE(cell(0, FleetModel::Role).toString(), QStringLiteral("edge"));
    QCOMPARE(cell(0, FleetModel::Status).toString(), QStringLiteral("online"));
    QCOMPARE(cell(0, FleetModel::Status, Qt::DecorationRole).value<QColor>(),
             FleetModel::statusColor("online"));
    QCOMPARE(cell(0, FleetModel::Cores).toInt(), 4);
    QVERIFY(!cell(0, FleetModel::Memory).toString().isEmpty());
    QVERIFY(cell(0, FleetModel::Link).toString().contains("20/40 Mbit/s"));
    QVERIFY(cell(0, FleetModel::Measured).toString().contains("Mbit/s"));
    QCOMPARE(cell(0, FleetModel::Cut).toInt(), 2);
    QCOMPARE(cell(0, FleetModel::LastDelay).toString(), QStringLiteral("150.0 ms"));
    QCOMPARE(cell(0, FleetModel::LastDelay, FleetModel::SortRole).toDouble(), 150.0);
    QCOMPARE(cell(1, FleetModel::Cut).toInt(), 8);
    // The pending key is a row with Approve / Reject data.
    QVERIFY(cell(2, 0, FleetModel::PendingRole).toBool());
    QCOMPARE(cell(2, 0, FleetModel::NameRole).toString(), QStringLiteral("unnamed-1a2b3c4d"));
    QCOMPARE(cell(2, FleetModel::Status, Qt::DecorationRole).value<QColor>(),
             FleetModel::statusColor("pending"));
    QVERIFY(FleetModel::statusColor("pending") != FleetModel::statusColor("online"));
    QVERIFY(!model.headerData(FleetModel::ExitRate, Qt::Horizontal).toString().isEmpty());

    QSignalSpy changed(&model, &FleetModel::dataChanged);
    state.apply({Event{300, "exit_stats", 2, "ipc-1", R"({"exit_rate":0.25,"samples":4})"},
                 test::deviceJoined(310, "gw-1", 1.0)});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(cell(1, FleetModel::ExitRate).toString(), QStringLiteral("25.0 %"));

    state.reset();
    QCOMPARE(model.rowCount(), 0);
  }
};

QTEST_MAIN(TstFleetModel)
#include "tst_fleet_model.moc"

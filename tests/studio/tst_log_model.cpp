// LogModel under QAbstractItemModelTester: appends, the cap dropping the oldest rows (with the
// tester checking the removal is announced consistently), reset.
#include <QAbstractItemModelTester>
#include <QTest>

#include "app/model/log_model.h"
#include "tests/studio/studio_events.h"

using namespace cleave;
using namespace cleave::studio;

class TstLogModel : public QObject {
  Q_OBJECT

 private slots:
  void appendsCapsAndResets() {
    SessionState state;
    LogModel model(&state);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    state.apply({test::logLine(1'500'000, "warning", "slow link", "cam-1"),
                 test::logLine(2'000'000, "info", "round 1 done")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(0, LogModel::Time)).toString(), QStringLiteral("1.500 s"));
    QCOMPARE(model.data(model.index(0, LogModel::Level)).toString(), QStringLiteral("warning"));
    QCOMPARE(model.data(model.index(0, LogModel::Device)).toString(), QStringLiteral("cam-1"));
    QCOMPARE(model.data(model.index(1, LogModel::Message)).toString(),
             QStringLiteral("round 1 done"));
    QVERIFY(model.data(model.index(0, LogModel::Level), Qt::ForegroundRole).isValid());

    QVector<cleave::Event> many;
    for (int i = 0; i < SessionState::kMaxLogEntries; ++i)
      many << test::logLine(3'000'000 + i, "info", "line " + std::to_string(i));
    state.apply(many);  // 2 old rows dropped, the batch fills the cap
    QCOMPARE(model.rowCount(), SessionState::kMaxLogEntries);
    QCOMPARE(model.data(model.index(0, LogModel::Message)).toString(), QStringLiteral("line 0"));
    state.apply({test::logLine(9'000'000, "error", "last")});
    QCOMPARE(model.rowCount(), SessionState::kMaxLogEntries);
    QCOMPARE(model.data(model.index(0, LogModel::Message)).toString(), QStringLiteral("line 1"));
    QCOMPARE(model.data(model.index(model.rowCount() - 1, LogModel::Message)).toString(),
             QStringLiteral("last"));
    state.reset();
    QCOMPARE(model.rowCount(), 0);
  }
};

QTEST_MAIN(TstLogModel)
#include "tst_log_model.moc"

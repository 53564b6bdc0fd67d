#include "core/metrics/metricsformat.h"
#include "core/metrics/snapshot.h"
#include "tests/common/testsupport.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace Tenantry;

class TestSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedExample()
    {
        const SnapshotMetrics m = computeSnapshot({50000, 1000, 15000, 50, 20});
        QCOMPARE(m.arpu, 50.0);
        QCOMPARE(m.cac, 300.0);
        QCOMPARE(m.churnRate, 0.02);
        QCOMPARE(m.ltv, 2500.0);
        QCOMPARE(m.paybackPeriodMonths, 6.0);
        // The seed prints LTV:CAC 8.33 and payback 6.0 months.
        QCOMPARE(formatRatio(m.ltvCacRatio).substr(0, 4), std::string("8.33"));
        const std::string table = TestSupport::squeezeSpaces(snapshotTable(m));
        QVERIFY(table.find("LTV:CAC 8.33\n") != std::string::npos);
        QVERIFY(table.find("Payback period (months) 6.0\n") != std::string::npos);
    }

    void seedGuards_data()
    {
        QTest::addColumn<double>("mrr");
        QTest::addColumn<qint64>("users");
        QTest::addColumn<double>("cost");
        QTest::addColumn<qint64>("newUsers");
        QTest::addColumn<qint64>("churned");
        QTest::addColumn<double>("arpu");
        QTest::addColumn<double>("cac");
        QTest::addColumn<double>("churnRate");
        QTest::addColumn<double>("ltv");
        QTest::addColumn<double>("ratio");
        QTest::addColumn<double>("payback");

        // No users: arpu and churn divide by 1.
        QTest::newRow("no users") << 500.0 << qint64(0) << 100.0 << qint64(4) << qint64(0) << 500.0
                                  << 25.0 << 0.0 << 50000.0 << 2000.0 << 0.05;
        // No new users: cac divides by 1.
        QTest::newRow("no new users") << 1000.0 << qint64(10) << 300.0 << qint64(0) << qint64(1)
                                      << 100.0 << 300.0 << 0.1 << 1000.0 << (1000.0 / 300.0) << 3.0;
        // No churn: ltv divides by 0.01.
        QTest::newRow("no churn") << 1000.0 << qint64(10) << 200.0 << qint64(2) << qint64(0)
                                  << 100.0 << 100.0 << 0.0 << 10000.0 << 100.0 << 1.0;
        // No cost: the ratio divides by 1, the payback is 0.
        QTest::newRow("no cost") << 1000.0 << qint64(10) << 0.0 << qint64(2) << qint64(5) << 100.0
                                 << 0.0 << 0.5 << 200.0 << 200.0 << 0.0;
        // No revenue: arpu 0, payback divides by 1.
        QTest::newRow("no revenue") << 0.0 << qint64(10) << 50.0 << qint64(5) << qint64(1) << 0.0
                                    << 10.0 << 0.1 << 0.0 << 0.0 << 10.0;
    }

    void seedGuards()
    {
        QFETCH(double, mrr);
        QFETCH(qint64, users);
        QFETCH(double, cost);
        QFETCH(qint64, newUsers);
        QFETCH(qint64, churned);
        const SnapshotMetrics m = computeSnapshot({mrr, users, cost, newUsers, churned});
        QTEST(m.arpu, "arpu");
        QTEST(m.cac, "cac");
        QTEST(m.churnRate, "churnRate");
        QTEST(m.ltv, "ltv");
        QTEST(m.ltvCacRatio, "ratio");
        QTEST(m.paybackPeriodMonths, "payback");
    }

    void jsonKeys()
    {
        const auto json = nlohmann::json::parse(
            snapshotJson(computeSnapshot({50000, 1000, 15000, 50, 20})));
        QCOMPARE(json.size(), std::size_t(6));
        QCOMPARE(json.at("arpu").get<double>(), 50.0);
        QCOMPARE(json.at("cac").get<double>(), 300.0);
        QCOMPARE(json.at("churn_rate").get<double>(), 0.02);
        QCOMPARE(json.at("ltv").get<double>(), 2500.0);
        QCOMPARE(json.at("payback_period_months").get<double>(), 6.0);
        QVERIFY(std::abs(json.at("ltv_cac_ratio").get<double>() - 25.0 / 3.0) < 1e-12);
    }
};

QTEST_APPLESS_MAIN(TestSnapshot)
#include "testsnapshot.moc"

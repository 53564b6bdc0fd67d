#include "core/demo/demodatagenerator.h"
#include "core/metrics/series.h"

#include <QtTest>

#include <set>

using namespace Tenantry;

namespace {

DemoDataSet generate(std::uint64_t seed, int customers = 400, int months = 24)
{
    DemoDataOptions options;
    options.seed = seed;
    options.customers = customers;
    options.months = months;
    return DemoDataGenerator(options).generate();
}

} // namespace

class TestDemoDataGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameData()
    {
        const DemoDataSet a = generate(3);
        const DemoDataSet b = generate(3);
        QVERIFY(a.events == b.events);
        QVERIFY(a.tenants == b.tenants);
        QVERIFY(a.spend == b.spend);
        QVERIFY(a.plans == b.plans);
        const DemoDataSet c = generate(4);
        QVERIFY(!(a.events == c.events));
    }

    void shapeOfTheData()
    {
        const DemoDataSet data = generate(1);
        QCOMPARE(data.tenants.size(), std::size_t(400));

        std::set<std::string> ids;
        std::set<std::string> slugs;
        for (const Tenant &tenant : data.tenants) {
            ids.insert(tenant.id);
            slugs.insert(tenant.slug);
            QVERIFY(tenant.id.starts_with("ten_"));
        }
        QCOMPARE(ids.size(), data.tenants.size());
        QCOMPARE(slugs.size(), data.tenants.size());

        // The seed's plans plus a yearly one, in two currencies.
        std::set<std::string> keys;
        bool yearly = false;
        for (const Plan &plan : data.plans) {
            keys.insert(plan.key);
            yearly = yearly || plan.interval == BillingInterval::Year;
        }
        QVERIFY(keys.contains("free") && keys.contains("pro") && keys.contains("enterprise"));
        QVERIFY(yearly);

        // Ordered by time, within the months asked for.
        const DemoDataOptions defaults;
        for (std::size_t i = 1; i < data.events.size(); ++i)
            QVERIFY(data.events[i - 1].at <= data.events[i].at);
        QVERIFY(data.events.front().at >= defaults.start.start());
        QVERIFY(data.events.back().at < defaults.start.plusMonths(24).start());

        // Spend for every month and both currencies.
        QCOMPARE(data.spend.size(), std::size_t(48));
    }

    void everyMovementTypeOccurs()
    {
        const DemoDataSet data = generate(1);
        const Currency usd = *Currency::fromCode("usd");
        const auto series = computeSeries(MrrLedger::build(data.events, usd).value(), data.spend)
                                .value();
        std::int64_t totals[5] = {};
        for (const PeriodMetrics &m : series) {
            totals[0] += m.newMrr;
            totals[1] += m.expansionMrr;
            totals[2] += m.contractionMrr;
            totals[3] += m.churnedMrr;
            totals[4] += m.reactivationMrr;
        }
        for (const std::int64_t total : totals)
            QVERIFY(total > 0);
        QVERIFY(series.back().endMrr > 0);
    }
};

QTEST_APPLESS_MAIN(TestDemoDataGenerator)
#include "testdemodatagenerator.moc"

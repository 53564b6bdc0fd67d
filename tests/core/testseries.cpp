#include "core/demo/demodatagenerator.h"
#include "core/metrics/metricsformat.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/series.h"
#include "tests/common/testsupport.h"

#include <QtTest>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

namespace {

const Currency usd = *Currency::fromCode("usd");
const Currency eur = *Currency::fromCode("eur");

Timestamp at(const char *text)
{
    return parseRfc3339(text).value();
}

MrrEvent mrrEvent(const char *tenant,
                  const char *subscription,
                  const char *time,
                  std::int64_t mrr,
                  Currency currency = usd)
{
    return MrrEvent{tenant, subscription, at(time), mrr, currency, std::nullopt};
}

std::vector<PeriodMetrics> compute(const std::vector<MrrEvent> &events,
                                   const std::vector<AcquisitionSpend> &spend = {},
                                   const SeriesOptions &options = {})
{
    const MrrLedger ledger = MrrLedger::build(events, usd).value();
    return computeSeries(ledger, spend, options).value();
}

bool identityHolds(const PeriodMetrics &m)
{
    return m.endMrr
           == m.startMrr + m.newMrr + m.expansionMrr + m.reactivationMrr - m.contractionMrr
                  - m.churnedMrr;
}

} // namespace

class TestSeries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The hand-checked data set (tests/data/handchecked/README.md) against its expected tables.
    void handChecked_data()
    {
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("interval");
        QTest::addColumn<QString>("expected");
        QTest::newRow("usd monthly") << QStringLiteral("usd") << QStringLiteral("month")
                                     << QStringLiteral("expected-usd-month.csv");
        QTest::newRow("usd quarterly") << QStringLiteral("usd") << QStringLiteral("quarter")
                                       << QStringLiteral("expected-usd-quarter.csv");
        QTest::newRow("eur monthly") << QStringLiteral("eur") << QStringLiteral("month")
                                     << QStringLiteral("expected-eur-month.csv");
    }

    void handChecked()
    {
        QFETCH(QString, currency);
        QFETCH(QString, interval);
        QFETCH(QString, expected);
        const auto events = loadEvents(dataPath("handchecked/events.jsonl"));
        const auto spend = loadSpend(dataPath("handchecked/spend.json"));
        const Result<Currency> chosen = selectCurrency(events,
                                                       spend,
                                                       Currency::fromCode(currency.toStdString()));
        QVERIFY(chosen.hasValue());
        const MrrLedger ledger = MrrLedger::build(events, *chosen).value();
        SeriesOptions options;
        options.interval = *intervalFromString(interval.toStdString());
        const auto series = computeSeries(ledger, spend, options);
        QVERIFY(series.hasValue());
        for (const PeriodMetrics &m : *series)
            QVERIFY2(identityHolds(m), m.period.label().c_str());

        std::string mismatch;
        QVERIFY2(compareCsv(seriesCsv(*series),
                            readText(dataPath("handchecked/" + expected.toStdString())),
                            mismatch),
                 mismatch.c_str());
    }

    // Equal timestamps apply in input order: 4900 then 9800 is new + expansion, the reverse
    // is new + contraction.
    void sameTimestampKeepsInputOrder()
    {
        auto series = compute({mrrEvent("t", "s", "2025-02-14T12:00:00Z", 4900),
                               mrrEvent("t", "s", "2025-02-14T12:00:00Z", 9800)});
        QCOMPARE(series.size(), std::size_t(1));
        QCOMPARE(series[0].newMrr, 4900);
        QCOMPARE(series[0].expansionMrr, 4900);
        QCOMPARE(series[0].contractionMrr, 0);

        series = compute({mrrEvent("t", "s", "2025-02-14T12:00:00Z", 9800),
                          mrrEvent("t", "s", "2025-02-14T12:00:00Z", 4900)});
        QCOMPARE(series[0].newMrr, 9800);
        QCOMPARE(series[0].expansionMrr, 0);
        QCOMPARE(series[0].contractionMrr, 4900);
    }

    // An event at 00:00:00 of the 1st belongs to the new month; one second earlier does not.
    void boundaryEventBelongsToNewPeriod()
    {
        const auto series = compute({mrrEvent("a", "s", "2025-01-10T00:00:00Z", 1000),
                                     mrrEvent("a", "s", "2025-02-01T00:00:00Z", 3000),
                                     mrrEvent("b", "s", "2025-02-28T23:59:59Z", 500)});
        QCOMPARE(series.size(), std::size_t(2));
        QCOMPARE(series[0].period.label(), std::string("2025-01"));
        QCOMPARE(series[0].endMrr, 1000);
        QCOMPARE(series[0].expansionMrr, 0);
        QCOMPARE(series[1].expansionMrr, 2000);
        QCOMPARE(series[1].newMrr, 500);
    }

    void quarterBoundaries()
    {
        SeriesOptions options;
        options.interval = Interval::Quarter;
        const auto series = compute({mrrEvent("a", "s", "2024-12-31T23:59:59Z", 1000),
                                     mrrEvent("a", "s", "2025-01-01T00:00:00Z", 0),
                                     mrrEvent("b", "s", "2025-07-01T00:00:00Z", 700)},
                                    {},
                                    options);
        QCOMPARE(series.size(), std::size_t(4));
        QCOMPARE(series[0].period.label(), std::string("2024-Q4"));
        QCOMPARE(series[1].period.label(), std::string("2025-Q1"));
        QCOMPARE(series[1].churnedMrr, 1000);
        QCOMPARE(series[2].period.label(), std::string("2025-Q2"));
        QCOMPARE(series[2].startMrr, 0);
        QCOMPARE(series[2].endMrr, 0);
        QCOMPARE(series[3].period.label(), std::string("2025-Q3"));
        QCOMPARE(series[3].newMrr, 700);
    }

    // A customer is a tenant: its MRR is the sum of its subscriptions.
    void customerIsTenantAcrossSubscriptions()
    {
        const auto series = compute({mrrEvent("a", "s1", "2025-01-02T00:00:00Z", 1000),
                                     mrrEvent("a", "s2", "2025-01-03T00:00:00Z", 500),
                                     mrrEvent("a", "s1", "2025-01-04T00:00:00Z", 0),
                                     mrrEvent("a", "s2", "2025-01-05T00:00:00Z", 0),
                                     mrrEvent("a", "s3", "2025-01-06T00:00:00Z", 800)});
        const PeriodMetrics &m = series.at(0);
        QCOMPARE(m.newMrr, 1000);
        QCOMPARE(m.expansionMrr, 500);
        QCOMPARE(m.contractionMrr, 1000);
        QCOMPARE(m.churnedMrr, 500);
        QCOMPARE(m.reactivationMrr, 800);
        QCOMPARE(m.newCustomers, 1);
        QCOMPARE(m.reactivatedCustomers, 1);
        QCOMPARE(m.customersEnd, 1);
        QVERIFY(identityHolds(m));
    }

    // The same subscription id under two tenants is two subscriptions.
    void subscriptionIdsAreScopedByTenant()
    {
        const auto series = compute({mrrEvent("a", "s", "2025-01-02T00:00:00Z", 1000),
                                     mrrEvent("b", "s", "2025-01-03T00:00:00Z", 2000)});
        QCOMPARE(series.at(0).newMrr, 3000);
        QCOMPARE(series.at(0).customersEnd, 2);
    }

    void ratiosAreEmptyWithoutDenominator()
    {
        const auto series = compute({mrrEvent("a", "s", "2025-01-02T00:00:00Z", 1000)});
        const PeriodMetrics &m = series.at(0);
        QVERIFY(!m.customerChurnRate); // no customers at the start
        QVERIFY(!m.nrr);
        QVERIFY(!m.grr);
        QVERIFY(!m.quickRatio); // nothing lost
        QVERIFY(!m.spend);      // no spend recorded: unknown, not zero
        QVERIFY(!m.cac);
        QVERIFY(!m.ltv); // churn undefined
        QCOMPARE(m.arpa.value(), 1000);
    }

    void zeroSpendGivesZeroCacAndNoRatio()
    {
        const auto series = compute({mrrEvent("a", "s", "2025-01-02T00:00:00Z", 1000),
                                     mrrEvent("b", "s", "2025-02-02T00:00:00Z", 1000)},
                                    {AcquisitionSpend{YearMonth(2025, 2), Money(0, usd)}});
        const PeriodMetrics &m = series.at(1);
        QCOMPARE(m.cac.value(), 0);
        QCOMPARE(m.paybackMonths.value(), 0.0);
        QVERIFY(m.ltv.has_value());
        QVERIFY(!m.ltvCacRatio);
    }

    void churnFloorAndGrossMargin()
    {
        std::vector<MrrEvent> events;
        // 10 customers at 1000 in January; February brings 2 new ones for 6000 of spend.
        const std::vector<std::string> ids = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
        events.reserve(ids.size() + 3);
        for (const std::string &id : ids)
            events.push_back(MrrEvent{id, "s", at("2025-01-05T00:00:00Z"), 1000, usd, {}});
        events.push_back(mrrEvent("k", "s", "2025-02-05T00:00:00Z", 1000));
        events.push_back(mrrEvent("l", "s", "2025-02-06T00:00:00Z", 1000));
        const std::vector<AcquisitionSpend> spend = {
            AcquisitionSpend{YearMonth(2025, 2), Money(6000, usd)}};

        SeriesOptions options;
        auto m = compute(events, spend, options).at(1);
        QCOMPARE(m.customerChurnRate.value(), 0.0);
        QCOMPARE(m.ltv.value(), 100000); // 1000 / 0.01
        QCOMPARE(m.cac.value(), 3000);
        QCOMPARE(m.paybackMonths.value(), 3.0);
        QCOMPARE(m.ltvCacRatio.value(), 100000.0 / 3000.0);

        options.churnFloor = 0.05;
        options.grossMargin = 0.75;
        m = compute(events, spend, options).at(1);
        QCOMPARE(m.ltv.value(), 20000);         // 1000 / 0.05
        QCOMPARE(m.paybackMonths.value(), 4.0); // 3000 / (1000 * 0.75)

        // Above the floor the real churn counts: 1 of 10 leaves in March.
        events.push_back(mrrEvent("a", "s", "2025-03-01T00:00:00Z", 0));
        m = compute(events, spend, options).at(2);
        QCOMPARE(m.customerChurnRate.value(), 1.0 / 12.0);
        QCOMPARE(m.ltv.value(), 12000); // 1000 * 12 / 1
    }

    void invalidOptionsAreErrors()
    {
        const MrrLedger ledger = MrrLedger::build({}, usd).value();
        SeriesOptions options;
        options.churnFloor = 0;
        QCOMPARE(computeSeries(ledger, {}, options).error().code, std::string("invalid_value"));
        options.churnFloor = 0.01;
        options.grossMargin = 1.5;
        QCOMPARE(computeSeries(ledger, {}, options).error().code, std::string("invalid_value"));
        options.grossMargin = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(!computeSeries(ledger, {}, options).hasValue());
    }

    void emptyInputGivesNoPeriods()
    {
        const MrrLedger ledger = MrrLedger::build({}, usd).value();
        QVERIFY(computeSeries(ledger, {}).value().empty());
    }

    void spendExtendsTheRangeAndOtherCurrenciesAreIgnored()
    {
        const auto series = compute({mrrEvent("a", "s", "2025-03-02T00:00:00Z", 1000)},
                                    {AcquisitionSpend{YearMonth(2025, 1), Money(500, usd)},
                                     AcquisitionSpend{YearMonth(2024, 6), Money(500, eur)}});
        QCOMPARE(series.size(), std::size_t(3));
        QCOMPARE(series[0].period.label(), std::string("2025-01"));
        QCOMPARE(series[0].spend.value(), 500);
        QVERIFY(!series[1].spend);
        QCOMPARE(series[1].startMrr, 0);
    }

    void overflowIsAnError()
    {
        std::vector<MrrEvent> events;
        events.reserve(10'000);
        for (int i = 0; i < 10'000; ++i)
            events.push_back(MrrEvent{"t" + std::to_string(i),
                                      "s",
                                      at("2025-01-02T00:00:00Z"),
                                      MrrLedger::maxEventMrr,
                                      usd,
                                      {}});
        const MrrLedger ledger = MrrLedger::build(events, usd).value();
        const auto series = computeSeries(ledger, {});
        QVERIFY(!series.hasValue());
        QCOMPARE(series.error().code, std::string("overflow"));
    }

    // The identity on every period of a large generated data set, monthly and quarterly.
    void identityOnGeneratedData()
    {
        DemoDataOptions demo;
        demo.seed = 7;
        demo.customers = 5000;
        demo.months = 60;
        const DemoDataSet data = DemoDataGenerator(demo).generate();
        for (const Interval interval : {Interval::Month, Interval::Quarter}) {
            const MrrLedger ledger = MrrLedger::build(data.events, usd).value();
            SeriesOptions options;
            options.interval = interval;
            const auto series = computeSeries(ledger, data.spend, options).value();
            QCOMPARE(series.size(), interval == Interval::Month ? std::size_t(60) : std::size_t(20));
            std::int64_t previousEnd = 0;
            for (const PeriodMetrics &m : series) {
                QVERIFY2(identityHolds(m), m.period.label().c_str());
                QCOMPARE(m.startMrr, previousEnd);
                QVERIFY(m.churnedCustomers <= m.customersStart);
                QVERIFY(m.grr.value_or(0) <= m.nrr.value_or(0) + 1e-12);
                QVERIFY(m.grr.value_or(0) <= 1.0);
                previousEnd = m.endMrr;
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestSeries)
#include "testseries.moc"

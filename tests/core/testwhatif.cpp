// computeWhatIf on the hand-checked usd months: unchanged, it gives the engine's LTV exactly and
// its LTV:CAC and payback to six decimals; each lever moves the figures as the formulas say; and
// a figure the engine leaves empty stays empty.

#include "core/metrics/metricsformat.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/series.h"
#include "core/metrics/whatif.h"
#include "tests/common/testsupport.h"

#include <QtTest>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

class TestWhatIf : public QObject
{
    Q_OBJECT

private:
    std::vector<PeriodMetrics> m_series;

private Q_SLOTS:
    void initTestCase()
    {
        const auto events = loadEvents(dataPath("handchecked/events.jsonl"));
        const auto spend = loadSpend(dataPath("handchecked/spend.json"));
        const Result<MrrLedger> ledger = MrrLedger::build(events, *Currency::fromCode("usd"));
        QVERIFY(ledger);
        Result<std::vector<PeriodMetrics>> series = computeSeries(*ledger, spend);
        QVERIFY(series);
        m_series = std::move(series).value();
    }

    void unchangedEqualsTheEngine()
    {
        for (const PeriodMetrics &m : m_series) {
            const WhatIfResult same = computeWhatIf(m, {});
            const std::string label = m.period.label();
            QVERIFY2(same.ltv == m.ltv, label.c_str());
            QVERIFY2(same.ltvCacRatio.has_value() == m.ltvCacRatio.has_value(), label.c_str());
            if (m.ltvCacRatio)
                QCOMPARE(formatRatio(*same.ltvCacRatio), formatRatio(*m.ltvCacRatio));
            QVERIFY2(same.paybackMonths.has_value() == m.paybackMonths.has_value(), label.c_str());
            if (m.paybackMonths)
                QCOMPARE(formatRatio(*same.paybackMonths), formatRatio(*m.paybackMonths));
        }
    }

    void leversMoveTheFigures()
    {
        // June 2025: ARPA 51383/8, churn 1/8, CAC 250000, payback 38.923379 months.
        const PeriodMetrics &june = m_series.back();
        QCOMPARE(june.period.label(), std::string("2025-06"));
        WhatIfChange change;
        change.arpaFactor = 2.0;
        WhatIfResult result = computeWhatIf(june, change);
        QCOMPARE(*result.ltv, std::int64_t(102766)); // 2 x 51383
        QCOMPARE(formatRatio(*result.paybackMonths), formatRatio(*june.paybackMonths / 2.0));

        change = {};
        change.churnFactor = 0.5; // 6.25 % churn: LTV doubles
        result = computeWhatIf(june, change);
        QCOMPARE(*result.ltv, std::int64_t(102766));

        change = {};
        change.churnFactor = 0.0; // no churn: the floor (1 %) applies
        result = computeWhatIf(june, change);
        QCOMPARE(*result.ltv, std::int64_t(642288)); // 51383 / 8 / 0.01 = 642287.5, half up

        change = {};
        change.cacFactor = 0.5;
        change.grossMargin = 0.5;
        result = computeWhatIf(june, change);
        QCOMPARE(formatRatio(*result.ltvCacRatio), formatRatio(*june.ltvCacRatio * 2.0));
        QCOMPARE(formatRatio(*result.paybackMonths), formatRatio(*june.paybackMonths));
    }

    void emptyStaysEmpty()
    {
        // May 2025: no new customers and no spend.
        const PeriodMetrics &may = m_series.at(m_series.size() - 2);
        QCOMPARE(may.period.label(), std::string("2025-05"));
        WhatIfChange change;
        change.cacFactor = 0.1;
        const WhatIfResult result = computeWhatIf(may, change);
        QVERIFY(!result.cac && !result.ltvCacRatio && !result.paybackMonths);
        QVERIFY(result.ltv == may.ltv);
    }
};

QTEST_APPLESS_MAIN(TestWhatIf)
#include "testwhatif.moc"

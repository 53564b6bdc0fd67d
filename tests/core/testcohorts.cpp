#include "core/demo/demodatagenerator.h"
#include "core/metrics/cohorts.h"
#include "core/metrics/metricsformat.h"
#include "tests/common/testsupport.h"

#include <QtTest>

#include <set>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

namespace {

const Currency usd = *Currency::fromCode("usd");

MrrEvent mrrEvent(const char *tenant, const char *time, std::int64_t mrr)
{
    return MrrEvent{tenant, "sub", parseRfc3339(time).value(), mrr, usd, std::nullopt};
}

} // namespace

class TestCohorts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handChecked()
    {
        const auto events = loadEvents(dataPath("handchecked/events.jsonl"));
        const MrrLedger ledger = MrrLedger::build(events, usd).value();
        const auto cohorts = computeCohorts(ledger);
        QVERIFY(cohorts.hasValue());
        std::string mismatch;
        QVERIFY2(compareCsv(cohortsCsv(*cohorts),
                            readText(dataPath("handchecked/expected-usd-cohorts.csv")),
                            mismatch),
                 mismatch.c_str());
    }

    // A customer who pays and leaves within its first month belongs to that month's cohort;
    // a cohort whose MRR is all gone by the end of its month has no MRR retention.
    void cohortThatLeavesInItsFirstMonth()
    {
        const std::vector<MrrEvent> events = {mrrEvent("a", "2025-01-03T00:00:00Z", 500),
                                              mrrEvent("a", "2025-01-20T00:00:00Z", 0),
                                              mrrEvent("b", "2025-02-03T00:00:00Z", 700)};
        const MrrLedger ledger = MrrLedger::build(events, usd).value();
        const auto cohorts = computeCohorts(ledger).value();
        QCOMPARE(cohorts.size(), std::size_t(2));
        QCOMPARE(cohorts[0].month, YearMonth(2025, 1));
        QCOMPARE(cohorts[0].customers, 1);
        QCOMPARE(cohorts[0].cells.size(), std::size_t(2));
        QCOMPARE(cohorts[0].cells[0].mrr, 0);
        QVERIFY(!cohorts[0].cells[0].mrrRetention);
        QCOMPARE(cohorts[0].cells[0].logoRetention, 0.0);
        QCOMPARE(cohorts[1].cells.size(), std::size_t(1));
        QCOMPARE(cohorts[1].cells[0].mrrRetention.value(), 1.0);
    }

    // Reactivation keeps the customer in its first cohort.
    void reactivationStaysInFirstCohort()
    {
        const std::vector<MrrEvent> events = {mrrEvent("a", "2025-01-03T00:00:00Z", 500),
                                              mrrEvent("a", "2025-02-03T00:00:00Z", 0),
                                              mrrEvent("a", "2025-03-03T00:00:00Z", 1000)};
        const MrrLedger ledger = MrrLedger::build(events, usd).value();
        const auto cohorts = computeCohorts(ledger).value();
        QCOMPARE(cohorts.size(), std::size_t(1));
        QCOMPARE(cohorts[0].cells[1].logoRetention, 0.0);
        QCOMPARE(cohorts[0].cells[2].mrrRetention.value(), 2.0);
        QCOMPARE(cohorts[0].cells[2].logoRetention, 1.0);
    }

    void invariantsOnGeneratedData()
    {
        DemoDataOptions demo;
        demo.seed = 11;
        demo.customers = 3000;
        demo.months = 36;
        const DemoDataSet data = DemoDataGenerator(demo).generate();
        const MrrLedger ledger = MrrLedger::build(data.events, usd).value();
        const auto cohorts = computeCohorts(ledger).value();

        std::int64_t members = 0;
        const YearMonth last = YearMonth::containing(data.events.back().at);
        for (const CohortRow &row : cohorts) {
            members += row.customers;
            QCOMPARE(static_cast<int>(row.cells.size()), row.month.monthsUntil(last) + 1);
            for (const CohortCell &cell : row.cells) {
                QVERIFY(cell.activeCustomers <= row.customers);
                QVERIFY(cell.logoRetention >= 0 && cell.logoRetention <= 1);
            }
        }
        // Every customer that ever paid in usd is in exactly one cohort.
        std::set<std::string> payers;
        for (const MrrEvent &e : data.events) {
            if (e.currency == usd && e.mrr > 0)
                payers.insert(e.tenantId);
        }
        QCOMPARE(members, static_cast<std::int64_t>(payers.size()));
    }
};

QTEST_APPLESS_MAIN(TestCohorts)
#include "testcohorts.moc"

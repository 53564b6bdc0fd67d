#include "core/metrics/metricsformat.h"
#include "tests/common/testsupport.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

namespace {

const Currency usd = *Currency::fromCode("usd");

std::vector<PeriodMetrics> handCheckedSeries(Interval interval = Interval::Month)
{
    const auto events = loadEvents(dataPath("handchecked/events.jsonl"));
    const auto spend = loadSpend(dataPath("handchecked/spend.json"));
    SeriesOptions options;
    options.interval = interval;
    return computeSeries(MrrLedger::build(events, usd).value(), spend, options).value();
}

} // namespace

class TestMetricsFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldNamesAreTheDocumentedOnes()
    {
        const std::vector<std::string_view> expected = {"start_mrr",
                                                        "new_mrr",
                                                        "expansion_mrr",
                                                        "contraction_mrr",
                                                        "churned_mrr",
                                                        "reactivation_mrr",
                                                        "end_mrr",
                                                        "customers_start",
                                                        "customers_end",
                                                        "new_customers",
                                                        "churned_customers",
                                                        "reactivated_customers",
                                                        "customer_churn_rate",
                                                        "arpa",
                                                        "nrr",
                                                        "grr",
                                                        "quick_ratio",
                                                        "cac",
                                                        "ltv",
                                                        "ltv_cac_ratio",
                                                        "payback_months"};
        QCOMPARE(seriesFieldNames(), expected);
        const CsvTable csv = parseCsv(seriesCsv(handCheckedSeries()));
        QCOMPARE(csv.front().front(), std::string("period"));
        QCOMPARE(csv.front().size(), expected.size() + 1);
    }

    void jsonCarriesTheSameNumbersAsCsv()
    {
        const auto series = handCheckedSeries();
        const CsvTable csv = parseCsv(seriesCsv(series));
        const auto json = nlohmann::json::parse(seriesJson(series, usd, SeriesOptions{}));
        QCOMPARE(json.at("currency").get<std::string>(), std::string("usd"));
        QCOMPARE(json.at("interval").get<std::string>(), std::string("month"));
        const auto &periods = json.at("periods");
        QCOMPARE(periods.size() + 1, csv.size());
        for (std::size_t r = 1; r < csv.size(); ++r) {
            const auto &row = periods.at(r - 1);
            QCOMPARE(row.at("period").get<std::string>(), csv[r][0]);
            for (std::size_t c = 1; c < csv[0].size(); ++c) {
                const auto &value = row.at(csv[0][c]);
                const std::string &cell = csv[r][c];
                if (cell.empty()) {
                    QVERIFY2(value.is_null(), (csv[r][0] + " " + csv[0][c]).c_str());
                } else if (value.is_number_integer()) {
                    QCOMPARE(std::to_string(value.get<std::int64_t>()), cell);
                } else {
                    QCOMPARE(formatRatio(value.get<double>()), cell);
                }
            }
        }
    }

    void tableIsForPeople()
    {
        const std::string table = seriesTable(handCheckedSeries(), usd);
        // Money in major units, rates in percent, "-" for an undefined ratio.
        QVERIFY(table.find("436.83") != std::string::npos); // January's end MRR
        QVERIFY(table.find("20.0%") != std::string::npos);  // February's churn
        QVERIFY(table.find(" -") != std::string::npos);
        QVERIFY(table.find("2025-06") != std::string::npos);
    }

    void quarterLabels()
    {
        const CsvTable csv = parseCsv(seriesCsv(handCheckedSeries(Interval::Quarter)));
        QCOMPARE(csv[1][0], std::string("2024-Q4"));
        QCOMPARE(csv[2][0], std::string("2025-Q1"));
        QCOMPARE(csv[3][0], std::string("2025-Q2"));
    }

    void cohortRenderings()
    {
        const auto events = loadEvents(dataPath("handchecked/events.jsonl"));
        const auto cohorts = computeCohorts(MrrLedger::build(events, usd).value()).value();
        const std::string table = squeezeSpaces(cohortsTable(cohorts));
        QVERIFY(table.find("2025-01 5 100.0% 77.3% 88.6% 99.8% 77.3% 54.7%\n") != std::string::npos);
        const auto json = nlohmann::json::parse(cohortsJson(cohorts, usd));
        QCOMPARE(json.at("cohorts").size(), cohorts.size());
        QCOMPARE(json.at("cohorts").at(0).at("cells").at(1).at("mrr").get<std::int64_t>(), 33783);
    }

    void ratioFormatting()
    {
        QCOMPARE(formatRatio(1.0 / 3.0), std::string("0.333333"));
        QCOMPARE(formatRatio(2.0 / 3.0), std::string("0.666667"));
        QCOMPARE(formatRatio(0), std::string("0.000000"));
    }
};

QTEST_APPLESS_MAIN(TestMetricsFormat)
#include "testmetricsformat.moc"

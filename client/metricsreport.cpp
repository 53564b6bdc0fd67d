#include "client/metricsreport.h"

#include "core/metrics/mrrledger.h"

#include <algorithm>
#include <map>

namespace Tenantry {

MetricsReport MetricsReport::compute(const MetricsData &data,
                                     std::optional<Currency> requested,
                                     const SeriesOptions &options)
{
    std::shared_ptr<const MrrLedger> ledger;
    return compute(data, requested, options, ledger);
}

MetricsReport MetricsReport::compute(const MetricsData &data,
                                     std::optional<Currency> requested,
                                     const SeriesOptions &options,
                                     std::shared_ptr<const MrrLedger> &ledger)
{
    MetricsReport report;
    std::map<Currency, std::size_t> uses;
    for (const MrrEvent &event : data.events)
        ++uses[event.currency];
    for (const AcquisitionSpend &spend : data.spend)
        uses.try_emplace(spend.amount.currency(), 0);
    for (const auto &entry : uses)
        report.currencies.push_back(entry.first);
    std::stable_sort(report.currencies.begin(),
                     report.currencies.end(),
                     [&uses](const Currency &a, const Currency &b) { return uses[a] > uses[b]; });
    if (report.currencies.empty())
        return report;
    report.currency = requested && uses.count(*requested) ? *requested : report.currencies.front();

    if (!ledger || ledger->currency() != *report.currency) {
        ledger.reset();
        Result<MrrLedger> built = MrrLedger::build(data.events, *report.currency);
        if (!built) {
            report.error = tr("The cached MRR events cannot be used: %1")
                               .arg(QString::fromStdString(built.error().toString()));
            return report;
        }
        ledger = std::make_shared<const MrrLedger>(std::move(built).value());
    }
    Result<std::vector<PeriodMetrics>> series = computeSeries(*ledger, data.spend, options);
    if (!series) {
        report.error = tr("The metrics cannot be computed: %1")
                           .arg(QString::fromStdString(series.error().toString()));
        return report;
    }
    Result<std::vector<CohortRow>> cohorts = computeCohorts(*ledger);
    if (!cohorts) {
        report.error = tr("The metrics cannot be computed: %1")
                           .arg(QString::fromStdString(cohorts.error().toString()));
        return report;
    }
    report.series = std::move(series).value();
    report.cohorts = std::move(cohorts).value();
    return report;
}

} // namespace Tenantry

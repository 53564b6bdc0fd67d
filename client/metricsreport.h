#pragma once

// The finance dashboard's figures: core's engine (MrrLedger + computeSeries) over the data of a
// MetricsCache, in one currency, exactly as tenantry-metrics computes them, by month or by quarter
// (SeriesOptions::interval), for all plans or one. Pure and thread-safe: the dashboard runs
// compute() on a worker thread.
//
// One plan's figures are the engine's over that plan's revenue only (MrrLedger::ofPlan): the
// plan's events; a subscription that moves to another plan leaves this one at the move (MRR 0
// there: churn or contraction here, new business on the other plan); an event without a plan
// counts for the plan its subscription is on. Acquisition spend is not recorded per plan, so a
// plan's report has none (CAC, LTV:CAC and payback are undefined).

#include "client/metricsdata.h"
#include "core/currency.h"
#include "core/metrics/cohorts.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/periodmetrics.h"
#include "core/metrics/series.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace Tenantry {

class MetricsReport
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::MetricsReport)

public:
    // The currencies of the data's events and spend, most events first (the default report).
    std::vector<Currency> currencies;
    // The report's currency: the requested one if the data has it, otherwise the first of
    // `currencies`; empty when there is no data at all.
    std::optional<Currency> currency;
    // One entry per month from the first event or spend record to the last, without gaps.
    std::vector<PeriodMetrics> series;
    // Monthly cohorts by first paid month (core's computeCohorts over the same ledger).
    std::vector<CohortRow> cohorts;
    // Per cohort (same order), its customers: their names where the cache has them, otherwise
    // their ids, sorted. Not in the snapshot (empty when read from one).
    std::vector<std::vector<QString>> cohortCustomers;
    // The plan the figures are limited to; nullopt: all plans.
    std::optional<std::string> planId;
    // For people, when the engine refused the data; the series is empty then.
    QString error;

    bool isEmpty() const { return series.empty(); }

    // The report as bytes and back, exactly (doubles bit for bit), for MetricsCache's report
    // snapshot; nullopt for bytes of another format version or damaged ones.
    QByteArray toSnapshot() const;
    static std::optional<MetricsReport> fromSnapshot(const QByteArray &bytes);
    // What a snapshot depends on besides the data: the requested currency and the engine's
    // settings. A snapshot is used only for the same key (and the same data version).
    static QByteArray snapshotKey(std::optional<Currency> requested,
                                  const SeriesOptions &options,
                                  const std::optional<std::string> &planId = std::nullopt);

    // The ledgers built, for the next compute() to reuse: all plans' in the report's currency
    // and the filtered plan's, derived from it in milliseconds.
    struct LedgerCache
    {
        std::shared_ptr<const MrrLedger> ledger;
        std::shared_ptr<const MrrLedger> planLedger;
        std::optional<std::string> planId; // of planLedger
    };

    static MetricsReport compute(const MetricsData &data,
                                 std::optional<Currency> requested,
                                 const SeriesOptions &options = {},
                                 const std::optional<std::string> &planId = std::nullopt);
    // The same, reusing `cache` when its ledger was built from this `data` in the report's
    // currency: building the ledger is most of the work (interning a million events' ids), a
    // plan's ledger, the series and cohorts over it take milliseconds. Otherwise `cache` is
    // replaced by the one built here, for the next call (the engine's settings or the plan
    // changed, not the data or the currency).
    static MetricsReport compute(const MetricsData &data,
                                 std::optional<Currency> requested,
                                 const SeriesOptions &options,
                                 const std::optional<std::string> &planId,
                                 LedgerCache &cache);
};

} // namespace Tenantry

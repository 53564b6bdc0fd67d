#pragma once

// The finance dashboard's figures: core's engine (MrrLedger + computeSeries) over the data of a
// MetricsCache, in one currency, exactly as tenantry-metrics computes them. Pure and
// thread-safe: the dashboard runs compute() on a worker thread.

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
    // For people, when the engine refused the data; the series is empty then.
    QString error;

    bool isEmpty() const { return series.empty(); }

    // The report as bytes and back, exactly (doubles bit for bit), for MetricsCache's report
    // snapshot; nullopt for bytes of another format version or damaged ones.
    QByteArray toSnapshot() const;
    static std::optional<MetricsReport> fromSnapshot(const QByteArray &bytes);
    // What a snapshot depends on besides the data: the requested currency and the engine's
    // settings. A snapshot is used only for the same key (and the same data version).
    static QByteArray snapshotKey(std::optional<Currency> requested, const SeriesOptions &options);

    static MetricsReport compute(const MetricsData &data,
                                 std::optional<Currency> requested,
                                 const SeriesOptions &options = {});
    // The same, reusing `ledger` when it was built from this `data` in the report's currency:
    // building the ledger is most of the work (interning a million events' ids), the series and
    // cohorts over it take milliseconds. Otherwise `ledger` is replaced by the one built here,
    // for the next call (the engine's settings changed, not the data or the currency).
    static MetricsReport compute(const MetricsData &data,
                                 std::optional<Currency> requested,
                                 const SeriesOptions &options,
                                 std::shared_ptr<const MrrLedger> &ledger);
};

} // namespace Tenantry

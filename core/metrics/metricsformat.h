#pragma once

#include "core/currency.h"
#include "core/metrics/cohorts.h"
#include "core/metrics/periodmetrics.h"
#include "core/metrics/series.h"
#include "core/metrics/snapshot.h"

#include <string>
#include <string_view>
#include <vector>

namespace Tenantry {

// Text renderings of computed metrics, shared by tenantry-metrics and the tests.
// CSV and JSON carry money as integer minor units and ratios rounded to 6 decimals; an empty
// ratio is an empty CSV cell and JSON null. The table is for people: money in major units,
// rates in percent, "-" for an empty ratio.

// The series' field names, in column order, after "period".
const std::vector<std::string_view> &seriesFieldNames();

std::string seriesCsv(const std::vector<PeriodMetrics> &series);
std::string seriesJson(const std::vector<PeriodMetrics> &series,
                       Currency currency,
                       const SeriesOptions &options);
std::string seriesTable(const std::vector<PeriodMetrics> &series, Currency currency);

// Cohorts in long form: cohort,offset,customers,active_customers,mrr,mrr_retention,logo_retention.
std::string cohortsCsv(const std::vector<CohortRow> &cohorts);
std::string cohortsJson(const std::vector<CohortRow> &cohorts, Currency currency);
// A triangle: one row per cohort, one column per month offset, net MRR retention in percent.
std::string cohortsTable(const std::vector<CohortRow> &cohorts);

std::string snapshotJson(const SnapshotMetrics &metrics);
std::string snapshotTable(const SnapshotMetrics &metrics);

// "0.083333": a ratio rounded to 6 decimals, as CSV and JSON carry it.
std::string formatRatio(double value);

} // namespace Tenantry

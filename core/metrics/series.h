#pragma once

#include "core/acquisitionspend.h"
#include "core/metrics/mrrledger.h"
#include "core/metrics/periodmetrics.h"
#include "core/result.h"

#include <span>
#include <vector>

namespace Tenantry {

struct SeriesOptions
{
    Interval interval = Interval::Month;
    // Both are taken to six decimal places (parts per million), so that ratios stay exact.
    double churnFloor = 0.01; // the smallest churn rate LTV divides by (the seed's 0.01)
    double grossMargin = 1.0; // share of revenue kept, in (0, 1], for CAC payback
};

// One PeriodMetrics per month or quarter, from the period of the earliest event or spend record
// to the period of the latest, with no gaps. Spend in other currencies than the ledger's is
// ignored (selectCurrency() has already refused to mix them). Ratios follow docs/metrics.md.
// Errors: "invalid_value" for a churn floor or gross margin outside (0, 1], "overflow" if a sum
// leaves int64.
Result<std::vector<PeriodMetrics>> computeSeries(const MrrLedger &ledger,
                                                 std::span<const AcquisitionSpend> spend,
                                                 const SeriesOptions &options = {});

} // namespace Tenantry

#pragma once

#include "core/metrics/periodmetrics.h"
#include "core/metrics/series.h"

#include <cstdint>
#include <optional>

namespace Tenantry {

// A scenario against one period's actual figures: ARPA, churn rate and CAC scaled by factors
// (1.0 = as they were), and a gross margin in (0, 1].
struct WhatIfChange
{
    double arpaFactor = 1.0;
    double churnFactor = 1.0;
    double cacFactor = 1.0;
    double grossMargin = 1.0;
};

// What the scenario makes of LTV, LTV:CAC and CAC payback, by the engine's formulas
// (docs/metrics.md) from the period's exact ARPA (end MRR / customers at the end), churn rate
// and CAC (spend / new customers): LTV = ARPA / max(churn, floor) in minor units rounded half
// up, LTV:CAC = LTV / CAC, payback = CAC / (ARPA x margin) months. A figure is empty where the
// engine's is (no customers, no spend, no new customers). With factors of 1 and the margin of
// `options`, LTV equals the engine's and the ratios agree to rounding. These are projections,
// not stored money: they are computed in double and LTV is rounded once, at the end.
struct WhatIfResult
{
    std::optional<double> arpa; // minor units, not rounded
    std::optional<double> churnRate;
    std::optional<double> cac; // minor units, not rounded
    std::optional<std::int64_t> ltv;
    std::optional<double> ltvCacRatio;
    std::optional<double> paybackMonths;
};

WhatIfResult computeWhatIf(const PeriodMetrics &actual,
                           const WhatIfChange &change,
                           const SeriesOptions &options = {});

} // namespace Tenantry

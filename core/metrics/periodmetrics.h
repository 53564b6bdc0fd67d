#pragma once

#include "core/metrics/period.h"

#include <cstdint>
#include <optional>

namespace Tenantry {

// Everything the engine knows about one period. MRR fields are minor units of the report's
// currency; movement fields are magnitudes (never negative) and satisfy exactly
//   endMrr = startMrr + newMrr + expansionMrr + reactivationMrr - contractionMrr - churnedMrr.
// Ratios are empty when their denominator is zero: no made-up numbers.
struct PeriodMetrics
{
    explicit PeriodMetrics(Period p)
        : period(p)
    {}

    Period period;

    std::int64_t startMrr = 0;
    std::int64_t newMrr = 0;
    std::int64_t expansionMrr = 0;
    std::int64_t contractionMrr = 0;
    std::int64_t churnedMrr = 0;
    std::int64_t reactivationMrr = 0;
    std::int64_t endMrr = 0;

    std::int64_t customersStart = 0;       // MRR > 0 at the start
    std::int64_t customersEnd = 0;         // MRR > 0 at the end
    std::int64_t newCustomers = 0;         // first MRR > 0 ever, in this period
    std::int64_t churnedCustomers = 0;     // MRR > 0 at the start, 0 at the end
    std::int64_t reactivatedCustomers = 0; // back from 0 after paying before, in this period

    // Acquisition spend of the period's months; empty when no spend was recorded for any of
    // them (unknown spend gives no CAC, where recorded zero spend gives a CAC of 0).
    std::optional<std::int64_t> spend;

    std::optional<double> customerChurnRate; // churnedCustomers / customersStart
    std::optional<std::int64_t> arpa;        // endMrr / customersEnd, rounded to minor units
    std::optional<double> nrr;               // end MRR of start customers / startMrr
    std::optional<double> grr;               // sum of min(end, start) of start customers / startMrr
    std::optional<double> quickRatio;  // (new + expansion + reactivation) / (contraction + churned)
    std::optional<std::int64_t> cac;   // spend / newCustomers, rounded to minor units
    std::optional<std::int64_t> ltv;   // arpa / max(churn, floor), rounded to minor units
    std::optional<double> ltvCacRatio; // ltv / cac
    std::optional<double> paybackMonths; // cac / (arpa * gross margin)

    bool operator==(const PeriodMetrics &other) const = default;
};

} // namespace Tenantry

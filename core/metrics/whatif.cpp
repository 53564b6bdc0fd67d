#include "core/metrics/whatif.h"

#include <algorithm>
#include <cmath>

namespace Tenantry {

WhatIfResult computeWhatIf(const PeriodMetrics &actual,
                           const WhatIfChange &change,
                           const SeriesOptions &options)
{
    WhatIfResult result;
    if (actual.customersEnd > 0) {
        result.arpa = static_cast<double>(actual.endMrr) / static_cast<double>(actual.customersEnd)
                      * change.arpaFactor;
    }
    if (actual.customersStart > 0) {
        result.churnRate = static_cast<double>(actual.churnedCustomers)
                           / static_cast<double>(actual.customersStart) * change.churnFactor;
    }
    if (actual.spend && actual.newCustomers > 0) {
        result.cac = static_cast<double>(*actual.spend) / static_cast<double>(actual.newCustomers)
                     * change.cacFactor;
    }
    std::optional<double> ltv;
    if (result.arpa && result.churnRate) {
        ltv = *result.arpa / std::max(*result.churnRate, options.churnFloor);
        result.ltv = static_cast<std::int64_t>(std::floor(*ltv + 0.5));
    }
    if (result.cac && *result.cac > 0) {
        if (ltv)
            result.ltvCacRatio = *ltv / *result.cac;
        if (result.arpa && *result.arpa > 0 && change.grossMargin > 0)
            result.paybackMonths = *result.cac / (*result.arpa * change.grossMargin);
    }
    return result;
}

} // namespace Tenantry

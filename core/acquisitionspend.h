#pragma once

#include "core/money.h"
#include "core/yearmonth.h"

namespace Tenantry {

// Sales and marketing spend of one calendar month, the numerator of CAC.
// JSON: {"month":"2025-01","amount":1500000,"currency":"usd"} (amount in minor units).
struct AcquisitionSpend
{
    YearMonth month;
    Money amount;

    bool operator==(const AcquisitionSpend &other) const = default;
};

} // namespace Tenantry

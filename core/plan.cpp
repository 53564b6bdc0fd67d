#include "core/plan.h"

namespace Tenantry {

std::string_view toString(BillingInterval interval)
{
    switch (interval) {
    case BillingInterval::Month:
        return "month";
    case BillingInterval::Year:
        return "year";
    }
    return {};
}

std::optional<BillingInterval> billingIntervalFromString(std::string_view text)
{
    if (text == "month")
        return BillingInterval::Month;
    if (text == "year")
        return BillingInterval::Year;
    return std::nullopt;
}

std::int64_t Plan::monthlyRecurringRevenue(std::int64_t quantity) const
{
    const std::int64_t amount = price.amount() * quantity;
    switch (interval) {
    case BillingInterval::Month:
        return amount;
    case BillingInterval::Year:
        break;
    }

    // amount / 12 rounded to the nearest minor unit, halves away from zero (4083.5 -> 4084,
    // -4083.5 -> -4084). Quotient and remainder never overflow, unlike (amount + 6) / 12.
    std::int64_t monthly = amount / 12;
    const std::int64_t remainder = amount % 12;
    if (remainder >= 6)
        ++monthly;
    else if (remainder <= -6)
        --monthly;
    return monthly;
}

} // namespace Tenantry

#pragma once

#include "core/money.h"
#include "core/timestamp.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry {

enum class BillingInterval { Month, Year };

std::string_view toString(BillingInterval interval); // "month", "year"
std::optional<BillingInterval> billingIntervalFromString(std::string_view text);

// What a tenant can buy: a price per interval and the features it grants.
// JSON: {"id":"pln_…","key":"pro","name":"Pro","price":{"amount":4900,"currency":"usd"},
//        "interval":"month","features":["blog",…],"active":true,"trial_days":14,
//        "created_at","updated_at","version"}.
struct Plan
{
    std::string id;
    std::string key;
    std::string name;
    Money price;
    BillingInterval interval;
    std::vector<std::string> features; // feature keys
    bool active = true;
    std::int64_t trialDays = 0;
    Timestamp createdAt{};
    Timestamp updatedAt{};
    std::int64_t version = 1;

    // The monthly recurring revenue of `quantity` units (seats) of the plan, in minor units:
    // price × quantity for monthly plans; for yearly ones that total divided by 12 and rounded
    // half up (49000/12 = 4083.33 -> 4083). The caller keeps price × quantity within int64.
    std::int64_t monthlyRecurringRevenue(std::int64_t quantity = 1) const;

    bool operator==(const Plan &other) const = default;
};

} // namespace Tenantry

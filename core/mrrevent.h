#pragma once

#include "core/currency.h"
#include "core/timestamp.h"

#include <cstdint>
#include <optional>
#include <string>

namespace Tenantry {

// One change of a subscription's monthly recurring revenue: after `at`, subscription
// `subscriptionId` of tenant `tenantId` brings in `mrr` minor units of `currency` a month
// (0 = the subscription ended). Yearly prices arrive here already divided by 12.
// JSON: {"tenant_id","subscription_id","at","mrr","currency","plan_id"?}.
struct MrrEvent
{
    std::string tenantId;
    std::string subscriptionId;
    Timestamp at;
    std::int64_t mrr;
    Currency currency;
    std::optional<std::string> planId;

    bool operator==(const MrrEvent &other) const = default;
};

} // namespace Tenantry

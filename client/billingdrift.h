#pragma once

#include "core/timestamp.h"

#include <QJsonObject>

#include <optional>
#include <string>

namespace Tenantry {

// One difference a reconciliation found between a local subscription and the billing
// provider's (GET /v1/billing/drift). `local` and `provider` hold what each side says (status,
// price or plan, quantity: whatever the kind concerns); an empty object where a side has none.
struct BillingDrift
{
    std::string id; // "drf_…"
    std::string jobId;
    // "missing_locally", "missing_at_provider", "status_mismatch", "price_mismatch",
    // "quantity_mismatch"
    std::string kind;
    std::optional<std::string> tenantId;
    std::optional<std::string> subscriptionId;
    std::string stripeSubscriptionId;
    QJsonObject local;
    QJsonObject provider;
    std::optional<Timestamp> appliedAt;
    std::optional<std::string> appliedBy;

    bool isApplied() const { return appliedAt.has_value(); }
};

} // namespace Tenantry

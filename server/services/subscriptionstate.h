#pragma once

#include "core/plan.h"
#include "core/result.h"
#include "core/subscription.h"
#include "server/api/principal.h"
#include "server/store/storetransaction.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace Tenantry::Server {

// A subscription with the plan it is on.
struct SubscriptionState
{
    Subscription subscription;
    Plan plan;
};

// One change of a subscription's state, whoever makes it (staff through the API, or Stripe
// through a webhook event).
struct SubscriptionChange
{
    const Principal &actor;
    std::string requestId; // the request, or the Stripe event id for webhook changes
    Timestamp now;         // when the change is recorded
    Timestamp effectiveAt; // when the MRR changed: now, or the Stripe event's `created`
    std::string action;    // the audit action: "subscription.canceled", ...
    // Added to the audit entry's "after" (for example {"stripe_event_id": "evt_…"}); may be null.
    const nlohmann::json *auditContext = nullptr;
};

// Applies a change of state inside `store` (the caller commits): writes `after` (inserted when
// `before` is empty; otherwise its version is bumped and updated_at set), the MRR event when
// the MRR the subscription brings in changed, the tenant's plan (which follows its live
// subscription) and the audit entry. A subscription brings in its plan's MRR for its quantity
// while countsTowardsMrr(status), nothing otherwise. Returns the subscription as written.
Result<Subscription> applySubscriptionState(StoreTransaction &store,
                                            const SubscriptionChange &change,
                                            const std::optional<SubscriptionState> &before,
                                            Subscription after,
                                            const Plan &afterPlan);

// The MRR `subscription` brings in on `plan` (minor units of the plan's currency).
std::int64_t mrrOf(const Subscription &subscription, const Plan &plan);

} // namespace Tenantry::Server

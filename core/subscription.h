#pragma once

#include "core/timestamp.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Tenantry {

// Stripe's eight subscription statuses, spelled as Stripe spells them.
enum class SubscriptionStatus {
    Incomplete,
    IncompleteExpired,
    Trialing,
    Active,
    PastDue,
    Canceled,
    Unpaid,
    Paused,
};
std::string_view toString(SubscriptionStatus status); // "incomplete_expired", "past_due", ...
std::optional<SubscriptionStatus> subscriptionStatusFromString(std::string_view text);

// A tenant's subscription to a plan. The status is always the billing provider's, never the
// client's. JSON: {"id":"sub_…","tenant_id","plan_id","status","current_period_start",
// "current_period_end","trial_end"?,"cancel_at_period_end","canceled_at"?,"created_at",
// "updated_at","version","stripe_subscription_id"?}.
struct Subscription
{
    std::string id;
    std::string tenantId;
    std::string planId;
    SubscriptionStatus status = SubscriptionStatus::Incomplete;
    Timestamp currentPeriodStart;
    Timestamp currentPeriodEnd;
    std::optional<Timestamp> trialEnd;
    bool cancelAtPeriodEnd = false;
    std::optional<Timestamp> canceledAt;
    Timestamp createdAt;
    Timestamp updatedAt;
    std::int64_t version = 1;
    std::optional<std::string> stripeSubscriptionId;

    bool operator==(const Subscription &other) const = default;
};

} // namespace Tenantry

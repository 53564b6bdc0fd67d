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

// Whether a subscription in `status` brings in its plan's MRR (active and past_due: the
// customer is billed; a trial, a pause or an unpaid or ended subscription brings nothing).
bool countsTowardsMrr(SubscriptionStatus status);
// Whether a subscription in `status` grants its plan's features (trialing, active, past_due).
bool grantsAccess(SubscriptionStatus status);
// Whether the subscription can still change (every status but canceled and incomplete_expired).
// A tenant has at most one live subscription.
bool isLive(SubscriptionStatus status);

// A tenant's subscription to a plan. The status is always the billing provider's, never the
// client's. JSON: {"id":"sub_…","tenant_id","plan_id","status","current_period_start",
// "current_period_end","trial_end"?,"quantity","cancel_at_period_end","canceled_at"?,"created_at",
// "updated_at","version","stripe_subscription_id"?}.
struct Subscription
{
    std::string id;
    std::string tenantId;
    std::string planId;
    std::int64_t quantity = 1; // seats; the MRR is the plan's for this quantity
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

#include "core/subscription.h"

namespace Tenantry {

std::string_view toString(SubscriptionStatus status)
{
    // Spelled exactly as Stripe's Subscription.status.
    switch (status) {
    case SubscriptionStatus::Incomplete:
        return "incomplete";
    case SubscriptionStatus::IncompleteExpired:
        return "incomplete_expired";
    case SubscriptionStatus::Trialing:
        return "trialing";
    case SubscriptionStatus::Active:
        return "active";
    case SubscriptionStatus::PastDue:
        return "past_due";
    case SubscriptionStatus::Canceled:
        return "canceled";
    case SubscriptionStatus::Unpaid:
        return "unpaid";
    case SubscriptionStatus::Paused:
        return "paused";
    }
    return {};
}

std::optional<SubscriptionStatus> subscriptionStatusFromString(std::string_view text)
{
    for (const SubscriptionStatus status : {SubscriptionStatus::Incomplete,
                                            SubscriptionStatus::IncompleteExpired,
                                            SubscriptionStatus::Trialing,
                                            SubscriptionStatus::Active,
                                            SubscriptionStatus::PastDue,
                                            SubscriptionStatus::Canceled,
                                            SubscriptionStatus::Unpaid,
                                            SubscriptionStatus::Paused}) {
        if (toString(status) == text)
            return status;
    }
    return std::nullopt;
}

bool countsTowardsMrr(SubscriptionStatus status)
{
    return status == SubscriptionStatus::Active || status == SubscriptionStatus::PastDue;
}

bool grantsAccess(SubscriptionStatus status)
{
    return status == SubscriptionStatus::Trialing || countsTowardsMrr(status);
}

bool isLive(SubscriptionStatus status)
{
    return status != SubscriptionStatus::Canceled
           && status != SubscriptionStatus::IncompleteExpired;
}

} // namespace Tenantry

#include "server/services/subscriptionstate.h"

#include "server/api/apihelpers.h"
#include "server/auth/sessiontoken.h"
#include "server/services/auditwriter.h"

#include <nlohmann/json.hpp>

namespace Tenantry::Server {

std::int64_t mrrOf(const Subscription &subscription, const Plan &plan)
{
    return countsTowardsMrr(subscription.status)
               ? plan.monthlyRecurringRevenue(subscription.quantity)
               : 0;
}

Result<Subscription> applySubscriptionState(StoreTransaction &store,
                                            const SubscriptionChange &change,
                                            const std::optional<SubscriptionState> &before,
                                            Subscription after,
                                            const Plan &afterPlan)
{
    if (before) {
        after.version = before->subscription.version + 1;
        after.updatedAt = change.now;
        if (Status updated = store.updateSubscription(after); !updated)
            return updated.error();
    } else if (Status inserted = store.insertSubscription(after); !inserted) {
        return inserted.error();
    }

    const std::int64_t oldMrr = before ? mrrOf(before->subscription, before->plan) : 0;
    const std::int64_t newMrr = mrrOf(after, afterPlan);
    if (oldMrr != newMrr) {
        const MrrEventRecord event{SessionToken::newId("mrr_"),
                                   MrrEvent{after.tenantId,
                                            after.id,
                                            change.effectiveAt,
                                            newMrr,
                                            afterPlan.price.currency(),
                                            afterPlan.id},
                                   change.now};
        if (Status recorded = store.insertMrrEvent(event); !recorded)
            return recorded.error();
    }

    // The tenant's plan follows its live subscription; an ended one leaves it on no plan.
    Result<std::optional<Tenant>> tenant = store.tenantById(after.tenantId);
    if (!tenant)
        return tenant.error();
    if (*tenant) {
        Tenant changed = **tenant;
        changed.planId = isLive(after.status) ? std::optional(after.planId) : std::nullopt;
        if (changed.planId != (*tenant)->planId) {
            changed.version += 1;
            changed.updatedAt = change.now;
            if (Status updated = store.updateTenant(changed); !updated)
                return updated.error();
        }
    }

    const nlohmann::json beforeJson = before ? subscriptionJson(before->subscription)
                                             : nlohmann::json(nullptr);
    nlohmann::json afterJson = subscriptionJson(after);
    afterJson["mrr"] = {{"amount", newMrr}, {"currency", afterPlan.price.currency().toString()}};
    if (change.auditContext && change.auditContext->is_object()) {
        for (const auto &[key, value] : change.auditContext->items())
            afterJson[key] = value;
    }
    if (Status audited = writeAudit(store,
                                    change.actor,
                                    change.requestId,
                                    change.now,
                                    {change.action,
                                     "subscription",
                                     after.id,
                                     after.tenantId,
                                     before ? &beforeJson : nullptr,
                                     &afterJson});
        !audited) {
        return audited.error();
    }
    return after;
}

} // namespace Tenantry::Server

#include "core/entitlements.h"

#include <algorithm>

namespace Tenantry {

std::string_view toString(EntitlementSource source)
{
    switch (source) {
    case EntitlementSource::Plan:
        return "plan";
    case EntitlementSource::Override:
        return "override";
    case EntitlementSource::TenantStatus:
        return "tenant_status";
    case EntitlementSource::None:
        return "none";
    }
    return {};
}

std::vector<Entitlement> resolveEntitlements(const EntitlementInput &input)
{
    const bool planApplies = input.plan
                             && (!input.subscriptionStatus
                                 || grantsAccess(*input.subscriptionStatus));
    const auto planGrants = [&](const std::string &key) {
        return planApplies
               && std::find(input.plan->features.begin(), input.plan->features.end(), key)
                      != input.plan->features.end();
    };
    const bool tenantUsable = input.tenantStatus == TenantStatus::Active;

    std::vector<Entitlement> entitlements;
    entitlements.reserve(input.catalog.size());
    for (const Feature &feature : input.catalog) {
        Entitlement entitlement;
        entitlement.featureKey = feature.key;
        const auto override = std::find_if(input.overrides.begin(),
                                           input.overrides.end(),
                                           [&](const FeatureOverride &candidate) {
                                               return candidate.featureKey == feature.key
                                                      && candidate.isActiveAt(input.now);
                                           });
        if (!tenantUsable) {
            entitlement.enabled = false;
            entitlement.source = EntitlementSource::TenantStatus;
        } else if (override != input.overrides.end()) {
            entitlement.enabled = override->enabled;
            entitlement.source = EntitlementSource::Override;
            entitlement.reason = override->reason;
            entitlement.expiresAt = override->expiresAt;
            entitlement.planWouldGrant = planGrants(feature.key);
        } else if (planGrants(feature.key)) {
            entitlement.enabled = true;
            entitlement.source = EntitlementSource::Plan;
            entitlement.planId = input.plan->id;
        } else {
            entitlement.enabled = false;
            entitlement.source = EntitlementSource::None;
        }
        entitlements.push_back(std::move(entitlement));
    }
    return entitlements;
}

} // namespace Tenantry

#pragma once

#include "core/feature.h"
#include "core/featureoverride.h"
#include "core/plan.h"
#include "core/subscription.h"
#include "core/tenant.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry {

// Why a feature is on or off for a tenant.
enum class EntitlementSource {
    Plan,         // the tenant's plan grants it
    Override,     // a feature override decides it
    TenantStatus, // the tenant is suspended or deleted: everything is off
    None,         // no plan grants it and no override applies
};
std::string_view toString(EntitlementSource source); // "plan", "override", "tenant_status", "none"

struct Entitlement
{
    std::string featureKey;
    bool enabled = false;
    EntitlementSource source = EntitlementSource::None;
    std::optional<std::string> planId;  // source Plan: the plan that grants it
    std::optional<std::string> reason;  // source Override: support's reason
    std::optional<Timestamp> expiresAt; // source Override: when it lapses
    std::optional<bool> planWouldGrant; // source Override: what the plan alone says

    bool operator==(const Entitlement &other) const = default;
};

// What the rule reads.
struct EntitlementInput
{
    TenantStatus tenantStatus = TenantStatus::Active;
    // The tenant's plan (tenant.planId) or none.
    std::optional<Plan> plan;
    // The tenant's live subscription, if it has one. A plan grants its features only while the
    // subscription grants access (grantsAccess(status)); a tenant on a plan without any
    // subscription (the free plan) gets the plan's features.
    std::optional<SubscriptionStatus> subscriptionStatus;
    std::vector<FeatureOverride> overrides;
    std::vector<Feature> catalog; // every feature, in the order to report them
    Timestamp now{};
};

// The one rule for "may this tenant use this feature", shared by the server (GET
// /v1/tenants/{id}/entitlements) and the console:
//   1. a suspended or deleted tenant has no feature (source tenant_status);
//   2. an override that has not expired decides (source override);
//   3. otherwise the plan decides (source plan when it grants the feature, none when not).
// One entry per catalog feature, in catalog order; an override or plan feature that names no
// catalog feature is ignored (the catalog is the list of things the application checks).
std::vector<Entitlement> resolveEntitlements(const EntitlementInput &input);

} // namespace Tenantry

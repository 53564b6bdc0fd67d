#pragma once

#include "core/entitlements.h"
#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"

#include <optional>
#include <string>
#include <vector>

namespace Tenantry::Server {

struct OverrideDraft
{
    std::string featureKey;
    bool enabled = true;
    std::string reason;
    std::optional<Timestamp> expiresAt;
};

// Per-tenant feature overrides and the tenant's effective features (core's
// resolveEntitlements: the one rule the console uses too). Every change is audited.
class EntitlementService
{
public:
    explicit EntitlementService(ApiContext &context)
        : m_context(context)
    {}

    // Sets (creates or replaces) the override of one feature. `expectedVersion`, when given,
    // must be the existing override's version. Returns the override and whether it was new.
    Outcome<std::pair<FeatureOverride, bool>> setOverride(const Principal &actor,
                                                          const std::string &requestId,
                                                          const std::string &tenantId,
                                                          std::optional<std::int64_t> expectedVersion,
                                                          OverrideDraft draft) const;
    Outcome<FeatureOverride> clearOverride(const Principal &actor,
                                           const std::string &requestId,
                                           const std::string &tenantId,
                                           const std::string &featureKey,
                                           std::int64_t expectedVersion) const;
    Outcome<std::vector<FeatureOverride>> overrides(const std::string &tenantId,
                                                    const std::string &requestId) const;
    Outcome<std::vector<Entitlement>> entitlements(const std::string &tenantId,
                                                   const std::string &requestId) const;
    // The same, in a transaction the caller began (a tenant's own, for tenant API keys).
    Outcome<std::vector<Entitlement>> entitlementsIn(StoreTransaction &store,
                                                     const std::string &tenantId,
                                                     const std::string &requestId) const;

private:
    ApiError storeError(const Error &error, const std::string &requestId) const;
    // 404 unless the tenant exists; 409 for a change of a deleted one.
    std::optional<ApiError> requireTenant(StoreTransaction &store,
                                          const std::string &tenantId,
                                          const std::string &requestId,
                                          bool forChange = false) const;

    ApiContext &m_context;
};

} // namespace Tenantry::Server

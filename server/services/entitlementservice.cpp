#include "server/services/entitlementservice.h"

#include "server/services/auditwriter.h"

#include <algorithm>

namespace Tenantry::Server {

ApiError EntitlementService::storeError(const Error &error, const std::string &requestId) const
{
    return m_context.storageFailure(error, requestId);
}

std::optional<ApiError> EntitlementService::requireTenant(StoreTransaction &store,
                                                          const std::string &tenantId,
                                                          const std::string &requestId,
                                                          bool forChange) const
{
    Result<std::optional<Tenant>> tenant = store.tenantById(tenantId);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return ApiError::notFound("No tenant " + tenantId, "id");
    if (forChange && (*tenant)->status == TenantStatus::Deleted)
        return ApiError::conflict("tenant_deleted",
                                  "This tenant was deleted; a deleted tenant cannot be changed");
    return std::nullopt;
}

Outcome<std::pair<FeatureOverride, bool>> EntitlementService::setOverride(
    const Principal &actor,
    const std::string &requestId,
    const std::string &tenantId,
    std::optional<std::int64_t> expectedVersion,
    OverrideDraft draft) const
{
    if (draft.reason.empty() || draft.reason.size() > 1000)
        return ApiError::unprocessable("parameter_invalid",
                                       "reason must be 1 to 1000 characters: say why, for the "
                                       "next person who looks",
                                       "reason");
    const Timestamp now = m_context.now();
    if (draft.expiresAt && *draft.expiresAt <= now)
        return ApiError::unprocessable("parameter_invalid",
                                       "expires_at must be in the future",
                                       "expires_at");

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    if (auto missing = requireTenant(store, tenantId, requestId, true))
        return *missing;
    Result<std::optional<Feature>> feature = store.featureByKey(draft.featureKey);
    if (!feature)
        return storeError(feature.error(), requestId);
    if (!*feature)
        return ApiError::unprocessable("resource_missing",
                                       "No feature " + draft.featureKey,
                                       "feature_key");
    Result<std::optional<FeatureOverride>> existing = store.featureOverride(tenantId,
                                                                            draft.featureKey);
    if (!existing)
        return storeError(existing.error(), requestId);
    if (expectedVersion && (!*existing || (*existing)->version != *expectedVersion))
        return ApiError::preconditionFailed(
            *existing ? "The override changed since you read it (version "
                            + std::to_string((*existing)->version) + " now)"
                      : std::string("The override was removed since you read it"));

    FeatureOverride override;
    override.tenantId = tenantId;
    override.featureKey = std::move(draft.featureKey);
    override.enabled = draft.enabled;
    override.reason = std::move(draft.reason);
    override.expiresAt = draft.expiresAt;
    override.createdBy = *existing ? (*existing)->createdBy : actor.user.id; // the audit log
                                                                             // names each change
    override.createdAt = *existing ? (*existing)->createdAt : now;
    override.updatedAt = now;
    override.version = *existing ? (*existing)->version + 1 : 1;
    if (*existing && (*existing)->enabled == override.enabled
        && (*existing)->reason == override.reason && (*existing)->expiresAt == override.expiresAt)
        return std::pair(**existing, false); // the same decision again: nothing changes

    if (Status written = store.upsertOverride(override); !written)
        return storeError(written.error(), requestId);
    const nlohmann::json before = *existing ? overrideJson(**existing) : nlohmann::json(nullptr);
    const nlohmann::json after = overrideJson(override);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    now,
                                    {"feature_override.set",
                                     "feature_override",
                                     tenantId + "/" + override.featureKey,
                                     tenantId,
                                     *existing ? &before : nullptr,
                                     &after});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return std::pair(std::move(override), !*existing);
}

Outcome<FeatureOverride> EntitlementService::clearOverride(const Principal &actor,
                                                           const std::string &requestId,
                                                           const std::string &tenantId,
                                                           const std::string &featureKey,
                                                           std::int64_t expectedVersion) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    if (auto missing = requireTenant(store, tenantId, requestId, true))
        return *missing;
    Result<std::optional<FeatureOverride>> existing = store.featureOverride(tenantId, featureKey);
    if (!existing)
        return storeError(existing.error(), requestId);
    if (!*existing)
        return ApiError::notFound("Tenant " + tenantId + " has no override of " + featureKey,
                                  "feature_key");
    if ((*existing)->version != expectedVersion)
        return ApiError::preconditionFailed("The override changed since you read it (version "
                                            + std::to_string((*existing)->version) + " now)");
    if (Status removed = store.deleteOverride(tenantId, featureKey); !removed)
        return storeError(removed.error(), requestId);
    const nlohmann::json before = overrideJson(**existing);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    m_context.now(),
                                    {"feature_override.cleared",
                                     "feature_override",
                                     tenantId + "/" + featureKey,
                                     tenantId,
                                     &before,
                                     nullptr});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return std::move(**existing);
}

Outcome<std::vector<FeatureOverride>> EntitlementService::overrides(
    const std::string &tenantId, const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    if (auto missing = requireTenant(**transaction, tenantId, requestId))
        return *missing;
    Result<std::vector<FeatureOverride>> overrides = (*transaction)->overridesOf(tenantId);
    if (!overrides)
        return storeError(overrides.error(), requestId);
    return std::move(overrides).value();
}

Outcome<std::vector<Entitlement>> EntitlementService::entitlements(
    const std::string &tenantId, const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    return entitlementsIn(**transaction, tenantId, requestId);
}

Outcome<std::vector<Entitlement>> EntitlementService::entitlementsIn(
    StoreTransaction &store, const std::string &tenantId, const std::string &requestId) const
{
    Result<std::optional<Tenant>> tenant = store.tenantById(tenantId);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return ApiError::notFound("No tenant " + tenantId, "id");

    EntitlementInput input;
    input.tenantStatus = (*tenant)->status;
    input.now = m_context.now();
    if ((*tenant)->planId) {
        Result<std::optional<Plan>> plan = store.planById(*(*tenant)->planId);
        if (!plan)
            return storeError(plan.error(), requestId);
        input.plan = std::move(*plan);
    }
    Result<std::optional<Subscription>> live = store.liveSubscriptionOf(tenantId);
    if (!live)
        return storeError(live.error(), requestId);
    if (*live)
        input.subscriptionStatus = (*live)->status;
    Result<std::vector<FeatureOverride>> overrides = store.overridesOf(tenantId);
    if (!overrides)
        return storeError(overrides.error(), requestId);
    input.overrides = std::move(overrides).value();
    PageRequest page{100, std::nullopt};
    for (;;) {
        Result<Page<Feature>> features = store.listFeatures(page);
        if (!features)
            return storeError(features.error(), requestId);
        input.catalog.insert(input.catalog.end(), features->items.begin(), features->items.end());
        if (!features->hasMore || features->items.empty())
            break;
        page.startingAfter = features->items.back().key;
    }
    std::reverse(input.catalog.begin(), input.catalog.end()); // oldest feature first
    return resolveEntitlements(input);
}

} // namespace Tenantry::Server

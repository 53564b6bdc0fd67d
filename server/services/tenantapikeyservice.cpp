#include "server/services/tenantapikeyservice.h"

#include "server/auth/sessiontoken.h"
#include "server/auth/tenantapikey.h"
#include "server/services/auditwriter.h"
#include "server/services/entitlementservice.h"

namespace Tenantry::Server {

namespace {

ApiError tenantNotFound(const std::string &id)
{
    return ApiError::notFound("No tenant " + id, "id");
}

} // namespace

ApiError TenantApiKeyService::storeError(const Error &error, const std::string &requestId) const
{
    if (error.code == "cursor_not_found")
        return ApiError::badRequest("parameter_invalid",
                                    "starting_after names no API key of this tenant",
                                    "starting_after");
    return m_context.storageFailure(error, requestId);
}

Outcome<TenantApiKeyService::Created> TenantApiKeyService::create(const Principal &actor,
                                                                  const std::string &requestId,
                                                                  const std::string &tenantId,
                                                                  const std::string &name) const
{
    if (name.empty() || name.size() > 200)
        return ApiError::unprocessable("parameter_invalid",
                                       "name must be 1 to 200 characters",
                                       "name");
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Result<std::optional<Tenant>> tenant = store.tenantById(tenantId);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return tenantNotFound(tenantId);
    if ((*tenant)->status == TenantStatus::Deleted)
        return ApiError::conflict("tenant_deleted",
                                  "This tenant was deleted; a deleted tenant gets no API keys");

    Created created;
    created.secret = TenantApiKey::generate();
    created.key.tenantId = tenantId;
    created.key.id = SessionToken::newId("tak_");
    created.key.name = name;
    created.key.keyHash = SessionToken::hash(created.secret);
    created.key.createdAt = m_context.now();
    created.key.createdBy = actor.user.id;
    if (Status inserted = store.insertTenantApiKey(created.key); !inserted)
        return storeError(inserted.error(), requestId);
    const nlohmann::json after = tenantApiKeyJson(created.key); // no secret, no hash
    if (Status audited = writeAudit(
            store,
            actor,
            requestId,
            created.key.createdAt,
            {"tenant_api_key.created", "tenant_api_key", created.key.id, tenantId, nullptr, &after});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return created;
}

Outcome<Page<TenantApiKeyRecord>> TenantApiKeyService::list(const std::string &tenantId,
                                                            const PageRequest &page,
                                                            const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    Result<std::optional<Tenant>> tenant = (*transaction)->tenantById(tenantId);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return tenantNotFound(tenantId);
    Result<Page<TenantApiKeyRecord>> keys = (*transaction)->listTenantApiKeys(tenantId, page);
    if (!keys)
        return storeError(keys.error(), requestId);
    return std::move(keys).value();
}

Outcome<TenantApiKeyRecord> TenantApiKeyService::revoke(const Principal &actor,
                                                        const std::string &requestId,
                                                        const std::string &tenantId,
                                                        const std::string &keyId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Result<std::optional<TenantApiKeyRecord>> key = store.tenantApiKey(tenantId, keyId);
    if (!key)
        return storeError(key.error(), requestId);
    if (!*key)
        return ApiError::notFound("No API key " + keyId + " of tenant " + tenantId, "key_id");
    if ((*key)->revokedAt)
        return std::move(**key);
    const nlohmann::json before = tenantApiKeyJson(**key);
    TenantApiKeyRecord revoked = std::move(**key);
    revoked.revokedAt = m_context.now();
    if (Status changed = store.revokeTenantApiKey(tenantId, keyId, *revoked.revokedAt); !changed)
        return storeError(changed.error(), requestId);
    const nlohmann::json after = tenantApiKeyJson(revoked);
    if (Status audited = writeAudit(
            store,
            actor,
            requestId,
            *revoked.revokedAt,
            {"tenant_api_key.revoked", "tenant_api_key", keyId, tenantId, &before, &after});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return revoked;
}

Outcome<std::unique_ptr<StoreTransaction>> TenantApiKeyService::tenantRead(
    const TenantPrincipal &key, const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().beginForTenant(
        Store::Mode::Read, key.tenantId);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    return std::move(transaction).value();
}

Outcome<Tenant> TenantApiKeyService::ownTenant(const TenantPrincipal &key,
                                               const std::string &requestId) const
{
    Outcome<std::unique_ptr<StoreTransaction>> transaction = tenantRead(key, requestId);
    if (failed(transaction))
        return std::get<ApiError>(transaction);
    Result<std::optional<Tenant>> tenant = std::get<0>(transaction)->tenantById(key.tenantId);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return tenantNotFound(key.tenantId);
    return std::move(**tenant);
}

Outcome<std::vector<Entitlement>> TenantApiKeyService::ownEntitlements(
    const TenantPrincipal &key, const std::string &requestId) const
{
    Outcome<std::unique_ptr<StoreTransaction>> transaction = tenantRead(key, requestId);
    if (failed(transaction))
        return std::get<ApiError>(transaction);
    return m_entitlements.entitlementsIn(*std::get<0>(transaction), key.tenantId, requestId);
}

Outcome<Subscription> TenantApiKeyService::ownSubscription(const TenantPrincipal &key,
                                                           const std::string &requestId) const
{
    Outcome<std::unique_ptr<StoreTransaction>> transaction = tenantRead(key, requestId);
    if (failed(transaction))
        return std::get<ApiError>(transaction);
    Result<std::optional<Subscription>> live = std::get<0>(transaction)
                                                   ->liveSubscriptionOf(key.tenantId);
    if (!live)
        return storeError(live.error(), requestId);
    if (!*live)
        return ApiError::notFound("This tenant has no live subscription");
    return std::move(**live);
}

} // namespace Tenantry::Server

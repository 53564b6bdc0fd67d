#pragma once

#include "core/entitlements.h"
#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"

#include <optional>
#include <string>
#include <vector>

namespace Tenantry::Server {

class EntitlementService;

// Tenant-scoped API keys: staff create, list and revoke them (audited, the secret never in the
// audit log); a key reads its own tenant, entitlements and subscription.
//
// The reads for a key run in a transaction begun for the key's tenant
// (Store::beginForTenant): on PostgreSQL row-level security limits every query in it to that
// tenant, WHERE clause or not. On SQLite (no row-level security) the tenant is the key's, never
// a request parameter: these functions take nothing else that could name one.
class TenantApiKeyService
{
public:
    struct Created
    {
        TenantApiKeyRecord key;
        std::string secret; // shown once, in the 201 answer; never stored or logged
    };

    TenantApiKeyService(ApiContext &context, const EntitlementService &entitlements)
        : m_context(context)
        , m_entitlements(entitlements)
    {}

    Outcome<Created> create(const Principal &actor,
                            const std::string &requestId,
                            const std::string &tenantId,
                            const std::string &name) const;
    Outcome<Page<TenantApiKeyRecord>> list(const std::string &tenantId,
                                           const PageRequest &page,
                                           const std::string &requestId) const;
    // Revoked already: the key as it is (nothing changes, nothing is audited).
    Outcome<TenantApiKeyRecord> revoke(const Principal &actor,
                                       const std::string &requestId,
                                       const std::string &tenantId,
                                       const std::string &keyId) const;

    Outcome<Tenant> ownTenant(const TenantPrincipal &key, const std::string &requestId) const;
    Outcome<std::vector<Entitlement>> ownEntitlements(const TenantPrincipal &key,
                                                      const std::string &requestId) const;
    // 404 when the tenant has no live subscription.
    Outcome<Subscription> ownSubscription(const TenantPrincipal &key,
                                          const std::string &requestId) const;

    // The one way the reads above reach the store: a read transaction begun for the key's
    // tenant (public for the test that runs a WHERE-less query through it).
    Outcome<std::unique_ptr<StoreTransaction>> tenantRead(const TenantPrincipal &key,
                                                          const std::string &requestId) const;

private:
    ApiError storeError(const Error &error, const std::string &requestId) const;

    ApiContext &m_context;
    const EntitlementService &m_entitlements;
};

} // namespace Tenantry::Server

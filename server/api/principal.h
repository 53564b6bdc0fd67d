#pragma once

#include "server/store/records.h"

#include <string>

namespace Tenantry::Server {

// Who is making an authenticated request: the user behind the bearer token.
struct Principal
{
    UserRecord user;
    std::string tokenHash; // the session's key, for signing out
};

// Who is making a tenant-scoped request: a tenant API key ("tk_live_…"). Only the handlers of
// /v1/tenant/… receive one (RequestGuard::protectTenant), and they reach the store only through
// a transaction begun for `tenantId` (Store::beginForTenant): no request parameter names the
// tenant.
struct TenantPrincipal
{
    std::string tenantId;
    std::string keyId; // tak_…
};

} // namespace Tenantry::Server

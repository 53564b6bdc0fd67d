#pragma once

#include "core/timestamp.h"

#include <cstdint>
#include <string>

namespace Tenantry {

// An end user of a tenant (one of the customer's people, not Tenantry staff), with the tenant's
// own role. JSON: {"object":"tenant_user","id":"tus_…","tenant_id","email","name","role",
// "created_at","version"}. `version` is the If-Match of a removal.
struct TenantUser
{
    std::string id;
    std::string tenantId;
    std::string email;
    std::string name;
    std::string role; // "owner", "admin", "member"
    Timestamp createdAt{};
    std::int64_t version = 1;

    bool operator==(const TenantUser &other) const = default;
};

} // namespace Tenantry

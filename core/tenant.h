#pragma once

#include "core/timestamp.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Tenantry {

enum class TenantStatus { Active, Suspended, Archived };
std::string_view toString(TenantStatus status); // "active", "suspended", "archived"
std::optional<TenantStatus> tenantStatusFromString(std::string_view text);

// Where a tenant's data lives: in the shared pool (rows with its tenant_id) or in a silo of its
// own. A deployment with both is "hybrid"; placement is decided per tenant.
enum class Isolation { Pool, Silo };
std::string_view toString(Isolation isolation); // "pool", "silo"
std::optional<Isolation> isolationFromString(std::string_view text);

// A customer of the SaaS company. JSON: {"id":"ten_…","slug","name","status","isolation",
// "region","plan_id"?,"created_at","updated_at","version"}.
struct Tenant
{
    std::string id;
    std::string slug;
    std::string name;
    TenantStatus status = TenantStatus::Active;
    Isolation isolation = Isolation::Pool;
    std::string region;
    std::optional<std::string> planId;
    Timestamp createdAt;
    Timestamp updatedAt;
    std::int64_t version = 1;

    bool operator==(const Tenant &other) const = default;
};

} // namespace Tenantry

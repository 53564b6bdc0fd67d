#pragma once

#include "core/timestamp.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Tenantry {

enum class TenantStatus { Active, Suspended, Deleted };
std::string_view toString(TenantStatus status); // "active", "suspended", "deleted"
std::optional<TenantStatus> tenantStatusFromString(std::string_view text);

// Where a tenant's data lives: in the shared pool (rows with its tenant_id, isolated by row-level
// security), in a silo of its own (a schema or database), or hybrid: pooled rows with dedicated
// resources for the tenant's heaviest data.
enum class Isolation { Pool, Silo, Hybrid };
std::string_view toString(Isolation isolation); // "pool", "silo", "hybrid"
std::optional<Isolation> isolationFromString(std::string_view text);

// A customer of the SaaS company. JSON: {"id":"ten_…","slug","name","status","isolation",
// "region","plan_id"?,"contact_email"?,"notes"?,"created_at","updated_at","deleted_at"?,
// "version"}. A deleted tenant is kept (soft delete) with status "deleted" and deleted_at.
struct Tenant
{
    std::string id;
    std::string slug;
    std::string name;
    TenantStatus status = TenantStatus::Active;
    Isolation isolation = Isolation::Pool;
    std::string region;
    std::optional<std::string> planId;
    std::optional<std::string> contactEmail;
    std::optional<std::string> notes;
    Timestamp createdAt;
    Timestamp updatedAt;
    std::optional<Timestamp> deletedAt;
    std::int64_t version = 1;

    bool operator==(const Tenant &other) const = default;
};

} // namespace Tenantry

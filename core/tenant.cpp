#include "core/tenant.h"

namespace Tenantry {

std::string_view toString(TenantStatus status)
{
    switch (status) {
    case TenantStatus::Active:
        return "active";
    case TenantStatus::Suspended:
        return "suspended";
    case TenantStatus::Deleted:
        return "deleted";
    }
    return {};
}

std::optional<TenantStatus> tenantStatusFromString(std::string_view text)
{
    for (const TenantStatus status :
         {TenantStatus::Active, TenantStatus::Suspended, TenantStatus::Deleted}) {
        if (toString(status) == text)
            return status;
    }
    return std::nullopt;
}

std::string_view toString(Isolation isolation)
{
    switch (isolation) {
    case Isolation::Pool:
        return "pool";
    case Isolation::Silo:
        return "silo";
    case Isolation::Hybrid:
        return "hybrid";
    }
    return {};
}

std::optional<Isolation> isolationFromString(std::string_view text)
{
    for (const Isolation isolation : {Isolation::Pool, Isolation::Silo, Isolation::Hybrid}) {
        if (toString(isolation) == text)
            return isolation;
    }
    return std::nullopt;
}

} // namespace Tenantry

#pragma once

#include "core/timestamp.h"

#include <string>

namespace Tenantry {

// An internal note a staff member left on a tenant.
// JSON: {"object":"note","id":"note_…","tenant_id","author_id","body","created_at"}.
struct Note
{
    std::string id;
    std::string tenantId;
    std::string authorId;
    std::string body;
    Timestamp createdAt{};

    bool operator==(const Note &other) const = default;
};

} // namespace Tenantry

#pragma once

#include "core/timestamp.h"

#include <string>

namespace Tenantry {

// A person who signs in to the control plane (staff, not a tenant's end user).
// JSON: {"object":"user","id":"usr_…","email","name","role","created_at"}.
struct User
{
    std::string id;
    std::string email;
    std::string name; // empty when none was given
    std::string role; // "owner", "admin", "support", "finance", "viewer"
    Timestamp createdAt{};

    bool operator==(const User &other) const = default;
};

} // namespace Tenantry

#pragma once

#include "core/timestamp.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry {

// A person who signs in to the control plane (staff, not a tenant's end user).
// JSON: {"object":"user","id":"usr_…","email","name","role","created_at","permissions"?}.
// `permissions` comes only with GET /v1/me ("tenants.write", ...); elsewhere it is empty.
struct User
{
    std::string id;
    std::string email;
    std::string name; // empty when none was given
    std::string role; // "owner", "admin", "support", "finance", "viewer"
    Timestamp createdAt{};
    std::vector<std::string> permissions;

    // Whether the permissions are known (the user came from GET /v1/me).
    bool hasPermissionList() const { return !permissions.empty(); }
    bool hasPermission(std::string_view permission) const
    {
        return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
    }

    bool operator==(const User &other) const = default;
};

} // namespace Tenantry

#pragma once

#include "server/auth/role.h"

#include <optional>
#include <string_view>
#include <vector>

namespace Tenantry::Server {

// One capability checked by a handler before it acts. A refusal is answered with 403
// permission_error / permission_denied and a message naming the permission (toString).
enum class Permission {
    TenantsRead,
    TenantsWrite,
    TenantsDelete,
    PlansRead,
    PlansWrite,
    UsersRead,
    UsersWrite,
    AuditRead,
    SpendRead,
    SpendWrite,
    SubscriptionsRead,
    SubscriptionsWrite,
    MetricsRead,
    BillingRead,
    BillingWrite,
};

std::string_view toString(Permission permission); // "tenants.read", "tenants.write", ...
std::optional<Permission> permissionFromString(std::string_view text);

// The role × permission table (the single source of truth: permissions.cpp).
bool allows(Role role, Permission permission);

// What `role` may do, in the order of the Permission enum.
std::vector<Permission> permissionsOf(Role role);

// Every permission, in the order of the Permission enum.
const std::vector<Permission> &allPermissions();

// Whether `actor` may create a user with, or change a user to, the role `target`: owners may
// assign any role, admins any role but owner, everyone else none.
bool canAssignRole(Role actor, Role target);

} // namespace Tenantry::Server

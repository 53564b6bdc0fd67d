#include "server/auth/permissions.h"

#include <array>
#include <cstddef>

namespace Tenantry::Server {

namespace {

constexpr std::size_t RoleCount = 5;
constexpr std::size_t PermissionCount = 15;

struct PermissionRow
{
    Permission permission;
    std::string_view name;
    // Indexed by Role: owner, admin, support, finance, viewer.
    std::array<bool, RoleCount> allowed;
};

constexpr bool x = true;
constexpr bool _ = false;

// The table of /tmp/api-spec.md ("Permissions"), extended for the billing resources:
//   subscriptions.read  every role (like tenants.read: a tenant's plan is not sensitive);
//   subscriptions.write owner, admin, support (support changes plans for customers);
//   spend.read          owner, admin, finance (acquisition spend is financial data);
//   spend.write         owner, admin, finance;
//   metrics.read        owner, admin, finance (the MRR event feed is revenue per customer);
//   billing.read        owner, admin, finance (the Stripe webhook inbox: payments, failures);
//   billing.write       owner, admin (replaying a Stripe event changes subscriptions).
// Feature overrides and tenant users are part of managing a tenant: tenants.read/write.
// users.write carries a further rule: canAssignRole() (admins cannot create owners).
// clang-format off
constexpr std::array<PermissionRow, PermissionCount> Table = {{
    //                                                       owner admin support finance viewer
    {Permission::TenantsRead,        "tenants.read",        {x,    x,    x,      x,      x}},
    {Permission::TenantsWrite,       "tenants.write",       {x,    x,    x,      _,      _}},
    {Permission::TenantsDelete,      "tenants.delete",      {x,    x,    _,      _,      _}},
    {Permission::PlansRead,          "plans.read",          {x,    x,    x,      x,      x}},
    {Permission::PlansWrite,         "plans.write",         {x,    x,    _,      _,      _}},
    {Permission::UsersRead,          "users.read",          {x,    x,    _,      _,      _}},
    {Permission::UsersWrite,         "users.write",         {x,    x,    _,      _,      _}},
    {Permission::AuditRead,          "audit.read",          {x,    x,    x,      x,      _}},
    {Permission::SpendRead,          "spend.read",          {x,    x,    _,      x,      _}},
    {Permission::SpendWrite,         "spend.write",         {x,    x,    _,      x,      _}},
    {Permission::SubscriptionsRead,  "subscriptions.read",  {x,    x,    x,      x,      x}},
    {Permission::SubscriptionsWrite, "subscriptions.write", {x,    x,    x,      _,      _}},
    {Permission::MetricsRead,        "metrics.read",        {x,    x,    _,      x,      _}},
    {Permission::BillingRead,        "billing.read",        {x,    x,    _,      x,      _}},
    {Permission::BillingWrite,       "billing.write",       {x,    x,    _,      _,      _}},
}};
// clang-format on

constexpr std::size_t indexOf(Role role)
{
    return static_cast<std::size_t>(role);
}

constexpr std::size_t indexOf(Permission permission)
{
    return static_cast<std::size_t>(permission);
}

constexpr bool rowsFollowTheEnum()
{
    for (std::size_t i = 0; i < Table.size(); ++i) {
        if (indexOf(Table[i].permission) != i)
            return false;
    }
    return true;
}

constexpr bool ownerMayDoEverything()
{
    for (const PermissionRow &row : Table) {
        if (!row.allowed[indexOf(Role::Owner)])
            return false;
    }
    return true;
}

static_assert(indexOf(Role::Viewer) + 1 == RoleCount, "RoleCount must match enum Role");
static_assert(indexOf(Permission::BillingWrite) + 1 == PermissionCount,
              "PermissionCount must match enum Permission");
static_assert(rowsFollowTheEnum(), "the table must list the permissions in enum order");
static_assert(ownerMayDoEverything(), "owners hold every permission");

} // namespace

std::string_view toString(Permission permission)
{
    return Table[indexOf(permission)].name;
}

std::optional<Permission> permissionFromString(std::string_view text)
{
    for (const PermissionRow &row : Table) {
        if (row.name == text)
            return row.permission;
    }
    return std::nullopt;
}

bool allows(Role role, Permission permission)
{
    return Table[indexOf(permission)].allowed[indexOf(role)];
}

std::vector<Permission> permissionsOf(Role role)
{
    std::vector<Permission> permissions;
    for (const PermissionRow &row : Table) {
        if (row.allowed[indexOf(role)])
            permissions.push_back(row.permission);
    }
    return permissions;
}

const std::vector<Permission> &allPermissions()
{
    static const std::vector<Permission> permissions = [] {
        std::vector<Permission> all;
        all.reserve(Table.size());
        for (const PermissionRow &row : Table)
            all.push_back(row.permission);
        return all;
    }();
    return permissions;
}

bool canAssignRole(Role actor, Role target)
{
    switch (actor) {
    case Role::Owner:
        return true;
    case Role::Admin:
        return target != Role::Owner;
    case Role::Support:
    case Role::Finance:
    case Role::Viewer:
        return false;
    }
    return false;
}

} // namespace Tenantry::Server

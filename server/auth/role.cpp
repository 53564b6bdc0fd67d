#include "server/auth/role.h"

namespace Tenantry::Server {

std::string_view toString(Role role)
{
    switch (role) {
    case Role::Owner:
        return "owner";
    case Role::Admin:
        return "admin";
    case Role::Support:
        return "support";
    case Role::Finance:
        return "finance";
    case Role::Viewer:
        return "viewer";
    }
    return "viewer"; // unreachable: every enumerator is handled above
}

std::optional<Role> roleFromString(std::string_view text)
{
    for (const Role role : allRoles()) {
        if (toString(role) == text)
            return role;
    }
    return std::nullopt;
}

const std::vector<Role> &allRoles()
{
    static const std::vector<Role> roles = {Role::Owner,
                                            Role::Admin,
                                            Role::Support,
                                            Role::Finance,
                                            Role::Viewer};
    return roles;
}

} // namespace Tenantry::Server

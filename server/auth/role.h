#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace Tenantry::Server {

// What a control-plane user may do is decided by their one role (see permissions.h for the
// table). Stored and sent as the lowercase name.
enum class Role { Owner, Admin, Support, Finance, Viewer };

std::string_view toString(Role role); // "owner", "admin", "support", "finance", "viewer"
std::optional<Role> roleFromString(std::string_view text); // exact lowercase names only

// Every role, most privileged first.
const std::vector<Role> &allRoles();

} // namespace Tenantry::Server

#pragma once

#include "server/store/records.h"

#include <string>

namespace Tenantry::Server {

// Who is making an authenticated request: the user behind the bearer token.
struct Principal
{
    UserRecord user;
    std::string tokenHash; // the session's key, for signing out
};

} // namespace Tenantry::Server

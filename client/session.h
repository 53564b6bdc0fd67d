#pragma once

#include "client/user.h"
#include "core/timestamp.h"

#include <QString>

namespace Tenantry {

// A signed-in session: its bearer token (a secret: keep it in memory or in the keychain, never
// in settings or logs), when it expires and who signed in.
struct Session
{
    QString token;
    Timestamp expiresAt{};
    User user;
};

} // namespace Tenantry

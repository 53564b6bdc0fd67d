#include "server/auth/tenantapikey.h"

#include "server/auth/sessiontoken.h"

namespace Tenantry::Server {

std::string TenantApiKey::generate()
{
    // The same 32 random bytes and encoding as a session token, under another prefix.
    return std::string(Prefix) + SessionToken::generate().substr(SessionToken::Prefix.size());
}

bool TenantApiKey::looksValid(std::string_view token)
{
    if (token.size() != Length || !hasPrefix(token))
        return false;
    return SessionToken::looksValid(std::string(SessionToken::Prefix)
                                    + std::string(token.substr(Prefix.size())));
}

} // namespace Tenantry::Server

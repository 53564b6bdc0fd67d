#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace Tenantry::Server {

// The secrets of tenant-scoped API keys: "tk_live_" followed by 32 random bytes in unpadded
// base64url (43 characters, 51 in all), made like session tokens (SessionToken). The server
// keeps only SessionToken::hash(secret) and shows the secret once, when the key is created.
class TenantApiKey
{
public:
    static constexpr std::string_view Prefix = "tk_live_";
    static constexpr std::size_t Length = 51;

    static std::string generate();

    // The prefix: a bearer token that means to be a tenant key (valid or not). The request
    // guard refuses such a token on staff routes without looking it up.
    static bool hasPrefix(std::string_view token) { return token.starts_with(Prefix); }

    // The prefix, the length and the base64url alphabet (as SessionToken::looksValid). True
    // does not mean the key exists.
    static bool looksValid(std::string_view token);
};

} // namespace Tenantry::Server

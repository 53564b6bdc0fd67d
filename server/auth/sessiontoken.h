#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace Tenantry::Server {

// Bearer tokens for sessions, and random object ids.
//
// A token is "tnt_" followed by 32 random bytes (OpenSSL RAND_bytes) in unpadded base64url:
// 43 characters, 47 in all. The server keeps only hash(token), so a copy of the database does
// not hold usable credentials; looking a token up means hashing it and finding that hash.
//
// If the system random number generator fails (it cannot on a working Linux: RAND_bytes reads
// getrandom()), generate() and randomId() stop the process rather than hand out a guessable
// credential or id.
class SessionToken
{
public:
    static constexpr std::string_view Prefix = "tnt_";
    static constexpr std::size_t RandomBytes = 32;
    static constexpr std::size_t Length = 47; // Prefix + 43 base64url characters

    static std::string generate();

    // Lowercase hex SHA-256 of the token (64 characters): what the session store keeps.
    static std::string hash(std::string_view token);

    // A cheap check before any lookup: the prefix, the length and the base64url alphabet, and
    // a last character that 32 bytes can produce. True does not mean the session exists.
    static bool looksValid(std::string_view token);

    // `prefix` followed by 16 random characters of lowercase Crockford base32
    // ("0123456789abcdefghjkmnpqrstvwxyz": no i, l, o, u), i.e. 80 random bits:
    // randomId("ten_") → "ten_3k9x0q4m2d7r8a1b". Used for "ten_", "usr_", "aud_", "note_", ...
    static std::string randomId(std::string_view prefix);
};

} // namespace Tenantry::Server

#pragma once

#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace Tenantry::Server {

// Argon2id password hashing (libargon2) for the users' login passwords. The result is the
// standard encoded string "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>" (unpadded base64),
// which carries its own parameters and salt, so verify() needs nothing else and stored hashes
// stay valid when the defaults change. Neither function logs, copies or returns the password.
class PasswordHasher
{
public:
    struct Parameters
    {
        // OWASP's argon2id minimum for interactive logins: 19 MiB, 2 passes, 1 lane. One hash
        // takes a few tens of milliseconds of one core, so a 2-core server keeps serving while
        // logins run; raise memoryKiB before raising iterations.
        std::uint32_t memoryKiB = 19 * 1024;
        std::uint32_t iterations = 2;
        std::uint32_t parallelism = 1;
    };

    static constexpr std::size_t SaltBytes = 16;
    static constexpr std::size_t HashBytes = 32;

    // A fresh hash of `password` with a random 16-byte salt (OpenSSL RAND_bytes) and the
    // default Parameters. Fails only if the random source or libargon2 fails, or the password
    // exceeds libargon2's length limit (4 GiB).
    static Result<std::string> hash(std::string_view password);
    // The same with explicit parameters (tests use cheap ones). Parameters libargon2 refuses
    // (memoryKiB < 8 × parallelism, iterations 0, ...) give an Error.
    static Result<std::string> hash(std::string_view password, const Parameters &parameters);

    // Whether `password` matches `encoded`, compared in constant time by argon2id_verify.
    // False for a wrong password and for anything that is not an argon2id encoded string.
    static bool verify(std::string_view password, std::string_view encoded);
};

} // namespace Tenantry::Server

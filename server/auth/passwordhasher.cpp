#include "server/auth/passwordhasher.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <limits>

namespace Tenantry::Server {

namespace {

Error hashError(std::string message)
{
    return Error{"password_hash_failed", std::move(message), {}, 0};
}

} // namespace

Result<std::string> PasswordHasher::hash(std::string_view password)
{
    return hash(password, Parameters{});
}

Result<std::string> PasswordHasher::hash(std::string_view password, const Parameters &parameters)
{
    if (password.size() > ARGON2_MAX_PWD_LENGTH)
        return hashError("the password is longer than argon2 accepts");

    std::array<unsigned char, SaltBytes> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
        return hashError("the system random number generator failed");

    const std::size_t encodedLength = argon2_encodedlen(parameters.iterations,
                                                        parameters.memoryKiB,
                                                        parameters.parallelism,
                                                        static_cast<std::uint32_t>(salt.size()),
                                                        static_cast<std::uint32_t>(HashBytes),
                                                        Argon2_id);
    std::string encoded(encodedLength, '\0'); // argon2_encodedlen counts the terminating NUL
    const int status = argon2id_hash_encoded(parameters.iterations,
                                             parameters.memoryKiB,
                                             parameters.parallelism,
                                             password.data(),
                                             password.size(),
                                             salt.data(),
                                             salt.size(),
                                             HashBytes,
                                             encoded.data(),
                                             encoded.size());
    if (status != ARGON2_OK)
        return hashError(std::string("argon2id failed: ") + argon2_error_message(status));

    if (const std::size_t end = encoded.find('\0'); end != std::string::npos)
        encoded.resize(end);
    return encoded;
}

bool PasswordHasher::verify(std::string_view password, std::string_view encoded)
{
    if (password.size() > ARGON2_MAX_PWD_LENGTH || encoded.find('\0') != std::string_view::npos)
        return false;
    const std::string terminated(encoded); // libargon2 wants a C string
    return argon2id_verify(terminated.c_str(), password.data(), password.size()) == ARGON2_OK;
}

} // namespace Tenantry::Server

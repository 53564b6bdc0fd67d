#pragma once

#include "core/result.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace Tenantry::Server {

// Seals secrets for storage (the Stripe API key in the store's `secrets` table) with
// AES-256-GCM under a 32-byte master key that lives in a file outside the database.
//
// A sealed blob is: version (1 byte, 0x01) | nonce (12 random bytes) | ciphertext | tag (16
// bytes). The secret's name is the additional authenticated data: a blob moved to another name
// does not open. open() fails (code "secret_unreadable") on a wrong key, a changed byte, a
// wrong name or an unknown version, without saying which: GCM cannot tell them apart.
//
// The master key file holds exactly 32 raw bytes. fromKeyFile() creates it (mode 0600, from
// the OpenSSL CSPRNG, parent folders 0700) when missing, and refuses one that is unreadable, of
// another size, not a regular file, or readable or writable by group or others (code
// "invalid_master_key"; the message names the file and what to do). A symbolic link is
// followed (mounted secrets are often links) and the file it names is checked. The key never
// appears in a message.
class SecretBox
{
public:
    static constexpr std::size_t KeySize = 32;
    static constexpr std::size_t NonceSize = 12;
    static constexpr std::size_t TagSize = 16;
    static constexpr unsigned char Version = 0x01;

    static Result<SecretBox> fromKeyFile(const std::string &path);
    // `key` must hold KeySize bytes.
    static Result<SecretBox> fromKey(std::string_view key);

    SecretBox(const SecretBox &other) = default;
    SecretBox &operator=(const SecretBox &other) = default;
    ~SecretBox();

    // A fresh nonce on every call: sealing the same secret twice gives different blobs.
    Result<std::string> seal(std::string_view name, std::string_view plaintext) const;
    Result<std::string> open(std::string_view name, std::string_view blob) const;

private:
    SecretBox() = default;

    std::array<unsigned char, KeySize> m_key{};
};

} // namespace Tenantry::Server

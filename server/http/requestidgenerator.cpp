#include "server/http/requestidgenerator.h"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <random>

namespace Tenantry::Server {

std::string RequestIdGenerator::next()
{
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    std::array<unsigned char, 10> bytes{}; // 80 bits = 16 base32 characters
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        // Only when OpenSSL cannot seed itself; the kernel's generator is still a CSPRNG.
        std::random_device device;
        for (auto &byte : bytes)
            byte = static_cast<unsigned char>(device() & 0xffU);
    }

    std::string id = "req_";
    id.reserve(4 + 16);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const auto byte : bytes) {
        buffer = (buffer << 8U) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            id.push_back(alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1fU]);
        }
    }
    return id;
}

} // namespace Tenantry::Server

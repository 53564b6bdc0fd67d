#include "server/auth/sessiontoken.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace Tenantry::Server {

namespace {

constexpr std::string_view Base64Url
    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view Crockford = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr std::size_t RandomIdChars = 16;
constexpr std::size_t RandomIdBytes = RandomIdChars * 5 / 8; // 80 bits
constexpr std::size_t TimeChars = 9;                         // milliseconds since 1970: 45 bits

static_assert(SessionToken::Length
              == SessionToken::Prefix.size() + (SessionToken::RandomBytes * 8 + 5) / 6);

template<std::size_t N>
std::array<unsigned char, N> randomBytes()
{
    std::array<unsigned char, N> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        std::fputs("tenantryd: the system random number generator failed; stopping\n", stderr);
        std::abort();
    }
    return bytes;
}

int base64UrlValue(char c)
{
    const std::size_t position = Base64Url.find(c);
    return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

} // namespace

std::string SessionToken::generate()
{
    const std::array<unsigned char, RandomBytes> bytes = randomBytes<RandomBytes>();
    std::string token(Prefix);
    token.reserve(Length);
    unsigned int buffer = 0;
    int bits = 0;
    for (const unsigned char byte : bytes) {
        buffer = ((buffer << 8U) | byte) & 0xFFFFU; // at most 13 bits are pending
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            token += Base64Url[(buffer >> static_cast<unsigned int>(bits)) & 0x3FU];
        }
    }
    if (bits > 0) // 256 = 42 × 6 + 4: the last character holds 4 bits, padded with zeros
        token += Base64Url[(buffer << static_cast<unsigned int>(6 - bits)) & 0x3FU];
    return token;
}

std::string SessionToken::hash(std::string_view token)
{
    // Every authenticated request hashes its token. OpenSSL 3's one-shot SHA256() looks the
    // algorithm up again on each call, which cost more than the hashing; the lookup is done once
    // and each thread keeps its digest context.
    static EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(
        EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    const auto *bytes = reinterpret_cast<const unsigned char *>(token.data());
    if (sha256 == nullptr || !context || EVP_DigestInit_ex2(context.get(), sha256, nullptr) != 1
        || EVP_DigestUpdate(context.get(), bytes, token.size()) != 1
        || EVP_DigestFinal_ex(context.get(), digest.data(), nullptr) != 1)
        SHA256(bytes, token.size(), digest.data());
    static constexpr std::string_view Hex = "0123456789abcdef";
    std::string text;
    text.reserve(digest.size() * 2);
    for (const unsigned char byte : digest) {
        text += Hex[static_cast<std::size_t>(byte >> 4U)];
        text += Hex[static_cast<std::size_t>(byte & 0x0FU)];
    }
    return text;
}

bool SessionToken::looksValid(std::string_view token)
{
    if (token.size() != Length || !token.starts_with(Prefix))
        return false;
    const std::string_view body = token.substr(Prefix.size());
    for (const char c : body) {
        if (base64UrlValue(c) < 0)
            return false;
    }
    // The last character carries 4 data bits and 2 zero bits of padding.
    return (base64UrlValue(body.back()) & 0x3) == 0;
}

std::string SessionToken::newId(std::string_view prefix)
{
    const std::array<unsigned char, RandomIdBytes> bytes = randomBytes<RandomIdBytes>();
    std::string id(prefix);
    id.reserve(prefix.size() + TimeChars + RandomIdChars);
    const auto sinceEpoch = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    const auto milliseconds = static_cast<std::uint64_t>(
        std::max<std::int64_t>(0, sinceEpoch.count()));
    for (std::size_t i = TimeChars; i-- > 0;)
        id += Crockford[(milliseconds >> (5U * i)) & 0x1FU];
    unsigned int buffer = 0;
    int bits = 0;
    for (const unsigned char byte : bytes) {
        buffer = ((buffer << 8U) | byte) & 0xFFFFU; // at most 13 bits are pending
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            id += Crockford[(buffer >> static_cast<unsigned int>(bits)) & 0x1FU];
        }
    }
    return id;
}

} // namespace Tenantry::Server

#include "server/billing/stripe/stripesignature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <charconv>
#include <optional>

namespace Tenantry::Server {

namespace {

using Digest = std::array<unsigned char, 32>;

Digest hmacSha256(std::string_view key, std::string_view message)
{
    Digest digest{};
    unsigned int length = 0;
    HMAC(EVP_sha256(),
         key.data(),
         static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char *>(message.data()),
         message.size(),
         digest.data(),
         &length);
    return digest;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The 32 bytes of a 64-digit hex string; false for anything else.
bool decodeHex(std::string_view text, Digest &out)
{
    if (text.size() != out.size() * 2)
        return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int high = hexValue(text[2 * i]);
        const int low = hexValue(text[2 * i + 1]);
        if (high < 0 || low < 0)
            return false;
        out[i] = static_cast<unsigned char>(high * 16 + low);
    }
    return true;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

Error failure(std::string code, std::string message)
{
    return Error{std::move(code), std::move(message), "Stripe-Signature"};
}

} // namespace

std::string StripeSignature::sign(std::string_view secret,
                                  std::int64_t timestamp,
                                  std::string_view body)
{
    const std::string signedPayload = std::to_string(timestamp) + "." + std::string(body);
    const Digest digest = hmacSha256(secret, signedPayload);
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(digest.size() * 2);
    for (const unsigned char byte : digest) {
        hex.push_back(digits[byte >> 4]);
        hex.push_back(digits[byte & 0x0f]);
    }
    return hex;
}

Status StripeSignature::verify(std::string_view header,
                               std::string_view body,
                               std::chrono::system_clock::time_point now) const
{
    if (trimmed(header).empty())
        return failure("signature_missing", "The Stripe-Signature header is missing");

    std::optional<std::int64_t> timestamp;
    std::vector<std::string_view> candidates;
    while (!header.empty()) {
        const std::size_t comma = header.find(',');
        const std::string_view item = trimmed(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        const std::size_t equals = item.find('=');
        if (equals == std::string_view::npos)
            continue;
        const std::string_view key = item.substr(0, equals);
        const std::string_view value = item.substr(equals + 1);
        if (key == "t") {
            std::int64_t seconds = 0;
            const auto [end, ec] = std::from_chars(value.data(),
                                                   value.data() + value.size(),
                                                   seconds);
            if (ec != std::errc() || end != value.data() + value.size())
                return failure("signature_malformed",
                               "The Stripe-Signature timestamp t is not a number");
            timestamp = seconds;
        } else if (key == "v1") {
            candidates.push_back(value);
        }
    }
    if (!timestamp || candidates.empty())
        return failure("signature_malformed",
                       "The Stripe-Signature header needs a timestamp t and a v1 signature");

    const auto age = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()
                     - *timestamp;
    if (age > m_options.tolerance.count() || -age > m_options.tolerance.count())
        return failure("timestamp_out_of_range",
                       "The Stripe-Signature timestamp is more than "
                           + std::to_string(m_options.tolerance.count())
                           + " seconds away from the server's clock");

    const std::string signedPayload = std::to_string(*timestamp) + "." + std::string(body);
    bool matched = false;
    for (const std::string &secret : m_options.secrets) {
        const Digest expected = hmacSha256(secret, signedPayload);
        for (const std::string_view candidate : candidates) {
            Digest given{};
            // Every candidate is compared, matching or not, so that the time taken does not
            // depend on which one (if any) matches.
            if (decodeHex(candidate, given)
                && CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0)
                matched = true;
        }
    }
    if (!matched)
        return failure("signature_mismatch",
                       "No v1 signature matches the body under the configured webhook secrets");
    return Ok{};
}

} // namespace Tenantry::Server

#pragma once

#include "core/result.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Tenantry::Server {

// One webhook delivery: the Stripe-Signature header and the raw body it signs.
struct SignedPayload
{
    std::string signatureHeader;
    std::string body;
};

// Verifies the Stripe-Signature header of a webhook delivery as Stripe specifies it:
// "t=<unix seconds>,v1=<hex>[,v1=<hex>…]" (other schemes such as v0 are ignored), where v1 is
// HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint secret. The delivery is genuine when
// any v1 matches under any configured secret (two during a rotation), compared in constant
// time, and t lies within the tolerance of now, in the past or the future.
class StripeSignature
{
public:
    struct Options
    {
        std::vector<std::string> secrets; // "whsec_…"; at least one
        std::chrono::seconds tolerance{300};
    };

    explicit StripeSignature(Options options)
        : m_options(std::move(options))
    {}

    // Ok, or an Error whose code says why: "signature_missing" (no header),
    // "signature_malformed" (no t, a t that is not a number, or no v1), "timestamp_out_of_range"
    // (t outside the tolerance), "signature_mismatch" (no v1 matches).
    Status verify(std::string_view header,
                  std::string_view body,
                  std::chrono::system_clock::time_point now) const;

    // The v1 value Stripe sends for this body and time (hex), for the simulator and tests.
    static std::string sign(std::string_view secret, std::int64_t timestamp, std::string_view body);

private:
    Options m_options;
};

} // namespace Tenantry::Server

#pragma once

#include "core/result.h"

#include <nlohmann/json.hpp>

#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Tenantry::Server {

// A small synchronous client of Stripe's REST API (https://docs.stripe.com/api), one connection
// per request, on Boost.Beast and OpenSSL.
//
// Requests carry `Authorization: Bearer <key>`, the pinned `Stripe-Version` (ApiVersion) and,
// for POST and DELETE, an `Idempotency-Key`: the caller's, else a random one, the same on every
// retry of the call. Bodies and queries use Stripe's form encoding: a Form is an ordered list of
// (name, value) pairs whose names carry the brackets ("items[0][price]", "expand[]").
//
// Each attempt has `timeout` for everything (resolve, connect, TLS, write, read). Network
// errors, timeouts, 409 lock_timeout, 429 and 5xx are retried up to maxAttempts in all, after
// retryBase × 2^(n-1) (at most retryMax) with jitter (between half and all of it), or after
// Retry-After seconds when the answer asks for longer (up to a minute); a `Stripe-Should-Retry`
// header overrides the choice to retry either way.
//
// Errors (Error::code):
//   "provider_unavailable"  no answer, or 429/5xx after the retries; the message says what
//                           happened last
//   "not_found"             404 (Stripe's resource_missing); the message is Stripe's
//   "provider_rejected"     any other 4xx; the message is Stripe's error.message, Error::path
//                           Stripe's error.param
// The secret key is in no message and in no log line (this class logs nothing).
//
// Thread-safe: calls share only the immutable options and the TLS context.
class StripeClient
{
public:
    // The Stripe API version every request pins. 2026-04-22.dahlia: a released version later
    // than basil (2025-03-31), whose shapes StripeSubscription/StripeInvoice read (periods on
    // the subscription items, an invoice's subscription under parent.subscription_details) and
    // which the fixtures in /work/shared/fixtures/stripe (fixtures3.json of 2026-08) show for
    // the fields read here. Moving it is a deliberate change: read Stripe's changelog first.
    static constexpr std::string_view ApiVersion = "2026-04-22.dahlia";

    struct Options
    {
        std::string apiKey; // "sk_live_…", "sk_test_…" or "rk_…"; required
        // "https://host[:port][/prefix]"; "http://" only for loopback hosts (tests).
        std::string baseUrl = "https://api.stripe.com";
        std::chrono::milliseconds timeout{30'000}; // per attempt, everything included
        int maxAttempts = 3;                       // 1: no retry
        std::chrono::milliseconds retryBase{500};
        std::chrono::milliseconds retryMax{8'000};
        // Extra CA certificates (PEM) trusted besides the system's; empty: only the system's.
        std::string caFile;
    };

    using Form = std::vector<std::pair<std::string, std::string>>;

    // Error "invalid_config" for a missing key, a malformed base URL or http:// to a host that
    // is not loopback.
    static Result<std::unique_ptr<StripeClient>> create(Options options);

    StripeClient(const StripeClient &) = delete;
    StripeClient &operator=(const StripeClient &) = delete;

    // The parsed JSON object of a 2xx answer, or an Error as above.
    Result<nlohmann::json> get(const std::string &path, const Form &query = {});
    Result<nlohmann::json> post(const std::string &path,
                                const Form &form,
                                const std::string &idempotencyKey);
    Result<nlohmann::json> del(const std::string &path, const std::string &idempotencyKey);

    // RFC 3986 percent-encoding of everything but unreserved characters (A-Z a-z 0-9 - . _ ~),
    // "a b&c" -> "a%20b%26c", UTF-8 byte by byte ("é" -> "%C3%A9").
    static std::string percentEncode(std::string_view text);
    // "name=value&name=value", both sides percent-encoded except the brackets of names, which
    // stay literal as Stripe's libraries send them: "items[0][price]=price_1&expand[]=…".
    static std::string encodeForm(const Form &form);

    const Options &options() const { return m_options; }

private:
    struct Endpoint
    {
        bool tls = true;
        std::string host;
        std::string port;
        std::string prefix; // path prefix without a trailing slash, or empty
    };
    struct Reply
    {
        int status = 0; // 0: no HTTP answer (network error or timeout)
        std::string body;
        std::string shouldRetry; // Stripe-Should-Retry, or empty
        std::string retryAfter;  // Retry-After, or empty
        std::string failure;     // what went wrong when status is 0
    };

    StripeClient(Options options, Endpoint endpoint, std::shared_ptr<boost::asio::ssl::context> tls);

    Result<nlohmann::json> call(std::string_view method,
                                const std::string &target,
                                const std::string &body,
                                const std::string &idempotencyKey);
    Reply attempt(std::string_view method,
                  const std::string &target,
                  const std::string &body,
                  const std::string &idempotencyKey) const;
    std::chrono::milliseconds backoff(int failedAttempts, const Reply &reply) const;

    Options m_options;
    Endpoint m_endpoint;
    std::shared_ptr<boost::asio::ssl::context> m_tls; // null for http://
};

} // namespace Tenantry::Server

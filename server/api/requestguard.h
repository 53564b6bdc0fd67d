#pragma once

#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"
#include "server/http/router.h"

#include <functional>

namespace Tenantry::Server {

using AuthenticatedHandler = std::function<HttpResponse(HttpRequest &request,
                                                        const Principal &principal)>;

// What stands in front of every authenticated handler, in this order:
// 1. the bearer token: a valid, unexpired session, or 401. What the store said about a token is
//    kept in the context's SessionCache for a few seconds (session_cache_ttl_ms), so that most
//    requests skip the read transaction for it; the session's expiry is still checked on every
//    request, and a sign-out in this process takes effect at once;
// 2. the per-credential rate limit: 429 with Retry-After, RateLimit-* headers on every answer;
// 3. for POST, the Idempotency-Key: required; the first response is stored for 24 hours and
//    replayed for the same key and body (Idempotent-Replayed: true); the same key with another
//    body is 409 idempotency_key_reused; a key whose first request is still running is 409
//    idempotency_key_in_use, so two requests with one key never both execute. A 5xx answer is
//    not stored: the key can be retried.
class RequestGuard
{
public:
    static constexpr std::chrono::hours IdempotencyLifetime{24};
    // A key still "in progress" after this is taken to be abandoned (the server stopped while
    // handling it) and may be used again.
    static constexpr std::chrono::seconds AbandonedAfter{60};

    explicit RequestGuard(ApiContext &context)
        : m_context(context)
    {}

    Handler protect(AuthenticatedHandler handler) const;

private:
    Outcome<Principal> authenticate(const HttpRequest &request) const;
    HttpResponse idempotent(HttpRequest &request,
                            const Principal &principal,
                            const AuthenticatedHandler &handler) const;

    ApiContext &m_context;
};

} // namespace Tenantry::Server

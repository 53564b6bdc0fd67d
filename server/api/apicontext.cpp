#include "server/api/apicontext.h"

namespace Tenantry::Server {

ApiContext::ApiContext(Store &store,
                       RateLimiter &rateLimiter,
                       LoginThrottle &loginThrottle,
                       std::chrono::hours sessionLifetime,
                       Log errorLog,
                       std::chrono::milliseconds sessionCacheTtl)
    : m_store(store)
    , m_rateLimiter(rateLimiter)
    , m_loginThrottle(loginThrottle)
    , m_sessionLifetime(sessionLifetime)
    , m_errorLog(std::move(errorLog))
    , m_sessionCache(sessionCacheTtl, SessionCacheCapacity)
{}

Timestamp ApiContext::now() const
{
    if (m_clock)
        return m_clock();
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

ApiError ApiContext::storageFailure(const Error &error, const std::string &requestId) const
{
    // A write to a tenant that a move has paused (the trigger tenant_moving on PostgreSQL): no
    // failure, the client retries (answered with Retry-After, see errorResponse()).
    if (error.code == "tenant_moving")
        return ApiError{503,
                        "api_error",
                        "tenant_moving",
                        "This tenant is moving between the pool and a silo: writes to it are "
                        "paused until the move switches its placement. Retry with the same "
                        "Idempotency-Key after the time in Retry-After",
                        {}};
    // PostgreSQL chose this transaction as a deadlock's victim or found its snapshot stale
    // (40P01, 40001): nothing was written; the same request succeeds when retried.
    if (error.code == "serialization_failure") {
        logError("request " + requestId
                 + ": store conflict, answered lock_timeout: " + error.message);
        return ApiError{503,
                        "api_error",
                        "lock_timeout",
                        "Another change to the same objects was being made at the same moment; "
                        "nothing was changed. Retry with the same Idempotency-Key after the time "
                        "in Retry-After",
                        {}};
    }
    if (error.code != "superseded")
        logError("request " + requestId + ": store error " + error.code + ": " + error.message);
    return ApiError::internal();
}

void ApiContext::logError(const std::string &message) const
{
    if (m_errorLog)
        m_errorLog(message);
}

} // namespace Tenantry::Server

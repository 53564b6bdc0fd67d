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

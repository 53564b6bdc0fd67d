#pragma once

#include "core/timestamp.h"
#include "server/auth/sessioncache.h"
#include "server/http/apierror.h"
#include "server/ratelimit/loginthrottle.h"
#include "server/ratelimit/ratelimiter.h"
#include "server/store/ambientstore.h"

#include <chrono>
#include <functional>
#include <string>

namespace Tenantry::Server {

class BillingProvider;
class BillingSimulator;

// What the API handlers share: the store, the limiters, the session lifetime, the session
// cache, the clock and the error log. Owned by ServerApplication; handlers hold a reference.
class ApiContext
{
public:
    using Log = std::function<void(const std::string &message)>;
    // Bearer tokens the session cache holds at most (about 1 KiB each).
    static constexpr std::size_t SessionCacheCapacity = 10'000;

    ApiContext(Store &store,
               RateLimiter &rateLimiter,
               LoginThrottle &loginThrottle,
               std::chrono::hours sessionLifetime,
               Log errorLog,
               std::chrono::milliseconds sessionCacheTtl = std::chrono::milliseconds(0));

    // The store, through which every begin() joins the request's AmbientTransaction if there is
    // one (see RequestGuard); underlying() is the store itself.
    AmbientStore &store() const { return m_store; }
    RateLimiter &rateLimiter() const { return m_rateLimiter; }
    LoginThrottle &loginThrottle() const { return m_loginThrottle; }
    std::chrono::hours sessionLifetime() const { return m_sessionLifetime; }
    // Bearer tokens the request guard checked recently (see SessionCache). Whatever ends a
    // session or changes a user must erase it here once its transaction has committed.
    SessionCache &sessionCache() const { return m_sessionCache; }

    Timestamp now() const; // UTC, microseconds
    // Tests only: replaces the wall clock behind now(). Call before serving requests.
    void setClock(std::function<Timestamp()> clock) { m_clock = std::move(clock); }

    // A store failure as the client sees it: 500 with a fixed message. The detail goes to the
    // error log with the request id, never to the client; except for an Error with the code
    // "superseded" (the request gave way to another one with its Idempotency-Key, and the guard
    // answers it otherwise), which is no failure and not logged.
    // The billing provider subscriptions live at (nullptr: none, staff actions decide the
    // status locally) and, when it is the simulator, the simulator (for its test clock). Set by
    // ServerApplication before serving; owned there.
    BillingProvider *billingProvider() const { return m_billingProvider; }
    BillingSimulator *billingSimulator() const { return m_billingSimulator; }
    void setBillingProvider(BillingProvider *provider, BillingSimulator *simulator)
    {
        m_billingProvider = provider;
        m_billingSimulator = simulator;
    }

    ApiError storageFailure(const Error &error, const std::string &requestId) const;
    void logError(const std::string &message) const;

private:
    mutable AmbientStore m_store;
    RateLimiter &m_rateLimiter;
    LoginThrottle &m_loginThrottle;
    std::chrono::hours m_sessionLifetime;
    Log m_errorLog;
    mutable SessionCache m_sessionCache;
    std::function<Timestamp()> m_clock; // empty: the system clock
    BillingProvider *m_billingProvider = nullptr;
    BillingSimulator *m_billingSimulator = nullptr;
};

} // namespace Tenantry::Server

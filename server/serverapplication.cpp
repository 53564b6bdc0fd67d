#include "server/serverapplication.h"

#include "server/api/routes.h"
#include "server/store/sqlite/sqlitestore.h"

#include <cmath>

namespace Tenantry::Server {

Result<std::unique_ptr<ServerApplication>> ServerApplication::create(const ServerConfig &config,
                                                                     ApiContext::Log errorLog)
{
    std::unique_ptr<ServerApplication> app(new ServerApplication());
    SqliteStoreOptions storeOptions;
    storeOptions.path = config.dataDir + "/tenantry.db";
    storeOptions.synchronousFull = config.synchronous != "normal";
    storeOptions.groupCommit = config.groupCommit != "off";
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(storeOptions);
    if (!store)
        return store.error();
    app->m_store = std::move(store).value();
    app->m_rateLimiter = std::make_unique<TokenBucketRateLimiter>(config.rateLimitPerSecond,
                                                                  config.rateLimitBurst);
    app->m_context = std::make_unique<ApiContext>(*app->m_store,
                                                  *app->m_rateLimiter,
                                                  app->m_loginThrottle,
                                                  std::chrono::hours(config.sessionTtlHours),
                                                  std::move(errorLog),
                                                  std::chrono::milliseconds(
                                                      config.sessionCacheTtlMs));
    app->m_guard = std::make_unique<RequestGuard>(*app->m_context);

    Router &router = app->m_router;
    registerHealthRoutes(router, *app->m_store, app->m_draining);
    registerSessionRoutes(router, *app->m_context, *app->m_guard);
    registerUserRoutes(router, *app->m_context, *app->m_guard);
    registerTenantRoutes(router, *app->m_context, *app->m_guard);
    registerCatalogRoutes(router, *app->m_context, *app->m_guard);
    registerAuditRoutes(router, *app->m_context, *app->m_guard);
    registerSubscriptionRoutes(router, *app->m_context, *app->m_guard);
    registerEntitlementRoutes(router, *app->m_context, *app->m_guard);
    registerTenantUserRoutes(router, *app->m_context, *app->m_guard);
    registerMetricsRoutes(router, *app->m_context, *app->m_guard);
    return app;
}

HttpResponse ServerApplication::handle(HttpRequest &request)
{
    // Health checks are not rate limited: a probe must never be refused.
    if (request.path == "/healthz" || request.path == "/readyz")
        return m_router.dispatch(request);

    const RateLimiter::Decision decision = m_rateLimiter->take("ip:" + request.remoteAddress);
    if (!decision.allowed) {
        HttpResponse response = ApiError::rateLimited("Too many requests from this address; "
                                                      "retry after the time in Retry-After")
                                    .toResponse(request.requestId);
        response.setHeader("Retry-After",
                           std::to_string((decision.retryAfter.count() + 999) / 1000));
        response.setHeader("RateLimit-Limit",
                           std::to_string(static_cast<long long>(std::floor(decision.limit))));
        response.setHeader("RateLimit-Remaining", "0");
        response.setHeader("RateLimit-Reset", std::to_string((decision.reset.count() + 999) / 1000));
        return response;
    }
    return m_router.dispatch(request);
}

} // namespace Tenantry::Server

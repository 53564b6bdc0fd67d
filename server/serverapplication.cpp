#include "server/serverapplication.h"

#include "server/api/routes.h"
#include "server/auth/sessiontoken.h"
#include "server/billing/simulator/billingsimulator.h"
#include "server/store/ambienttransaction.h"
#include "server/store/postgres/postgresstore.h"
#include "server/store/sqlite/sqlitestore.h"

#include <algorithm>
#include <cmath>

namespace Tenantry::Server {

Result<std::unique_ptr<ServerApplication>> ServerApplication::create(const ServerConfig &config,
                                                                     ApiContext::Log errorLog)
{
    std::unique_ptr<ServerApplication> app(new ServerApplication());
    if (!config.database.empty()) {
        PostgresStoreOptions storeOptions;
        storeOptions.uri = config.database;
        storeOptions.ownerUri = config.databaseOwner;
        storeOptions.poolSize = static_cast<std::size_t>(config.databasePoolSize);
        Result<std::unique_ptr<PostgresStore>> store = PostgresStore::open(storeOptions);
        if (!store)
            return store.error();
        app->m_store = std::move(store).value();
    } else {
        SqliteStoreOptions storeOptions;
        storeOptions.path = config.dataDir + "/tenantry.db";
        storeOptions.synchronousFull = config.synchronous != "normal";
        storeOptions.groupCommit = config.groupCommit != "off";
        Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(storeOptions);
        if (!store)
            return store.error();
        app->m_store = std::move(store).value();
    }
    app->m_rateLimiter = std::make_unique<TokenBucketRateLimiter>(config.rateLimitPerSecond,
                                                                  config.rateLimitBurst);
    app->m_context = std::make_unique<ApiContext>(*app->m_store,
                                                  *app->m_rateLimiter,
                                                  app->m_loginThrottle,
                                                  std::chrono::hours(config.sessionTtlHours),
                                                  std::move(errorLog),
                                                  std::chrono::milliseconds(
                                                      config.sessionCacheTtlMs));
    if (config.writeLane == "on" && app->m_store->defersCommits())
        app->m_writeLane = std::make_unique<WriteLane>(*app->m_store);
    app->m_guard = std::make_unique<RequestGuard>(*app->m_context, app->m_writeLane.get());

    app->m_webhookWorkerEnabled = config.webhookWorker == "on";
    WebhookRetryPolicy retry;
    retry.maxAttempts = config.webhookMaxAttempts;
    retry.base = std::chrono::milliseconds(config.webhookRetryBaseMs);
    app->m_webhookProcessor = std::make_unique<StripeWebhookProcessor>(*app->m_context, retry);
    app->m_webhookWorker = std::make_unique<WebhookWorker>(*app->m_webhookProcessor,
                                                           *app->m_context);
    std::vector<std::string> webhookSecrets = config.stripeWebhookSecrets;
    // The simulator signs its events like Stripe: without a configured secret, a random one
    // for this run (never logged; a restart makes another, and delivers anything left then).
    if (webhookSecrets.empty() && config.billing == "simulator")
        webhookSecrets.push_back("whsec_" + SessionToken::generate().substr(4));
    std::optional<StripeSignature> verifier;
    if (!webhookSecrets.empty())
        verifier.emplace(
            StripeSignature::Options{webhookSecrets,
                                     std::chrono::seconds(config.stripeWebhookToleranceSeconds)});
    WebhookWorker *worker = app->m_webhookWorker.get();
    app->m_webhookService = std::make_unique<WebhookService>(*app->m_context,
                                                             std::move(verifier),
                                                             [worker] { worker->wake(); });

    ServerApplication *self = app.get();
    Result<BillingSetup> billing = createBillingProvider(
        config,
        *app->m_store,
        webhookSecrets.empty() ? std::string() : webhookSecrets.front(),
        [self] {
            // After the request's transaction has ended: the events go to the inbox in their
            // own transactions, and a request that fails does not take them with it.
            AmbientTransaction::afterEnd([self] { self->deliverBillingEvents(); });
        });
    if (!billing)
        return billing.error();
    app->m_billing = std::move(billing).value();
    app->m_context->setBillingProvider(app->m_billing.provider.get(), app->m_billing.simulator);

    // Background jobs; one that a dead process left running is queued again once its heartbeat
    // is stale (JobRunner::Options).
    JobRunner::Options jobOptions;
    jobOptions.staleAfter = std::chrono::milliseconds(config.jobStaleAfterMs);
    jobOptions.heartbeatInterval = std::min(std::chrono::milliseconds(5000),
                                            jobOptions.staleAfter / 4);
    app->m_jobRunner = std::make_unique<JobRunner>(*app->m_context, jobOptions);
    app->m_reconciliation = std::make_unique<Reconciliation>(*app->m_context,
                                                             app->m_billing.provider.get());
    app->m_jobRunner->registerHandler(std::string(Reconciliation::JobType),
                                      app->m_reconciliation->jobHandler());
    JobRunner *jobRunner = app->m_jobRunner.get();
    app->m_jobService = std::make_unique<JobService>(*app->m_context,
                                                     [jobRunner] { jobRunner->wake(); });
    app->m_tenantMoves = std::make_unique<TenantMoveService>(
        *app->m_context,
        *app->m_jobService,
        [jobRunner] { jobRunner->wake(); },
        jobOptions.staleAfter);
    app->m_jobRunner->registerHandler(std::string(TenantMoveService::JobType),
                                      app->m_tenantMoves->jobHandler());
    if (TenantMover *mover = app->m_store->tenantMover())
        mover->setStepDelay(std::chrono::milliseconds(config.moveStepDelayMs));

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
    registerTenantApiKeyRoutes(router, *app->m_context, *app->m_guard);
    registerMetricsRoutes(router, *app->m_context, *app->m_guard);
    registerWebhookRoutes(router, *app->m_guard, *app->m_webhookService);
    registerJobRoutes(router, *app->m_guard, *app->m_jobService);
    registerReconciliationRoutes(router, *app->m_guard, *app->m_jobService, *app->m_reconciliation);
    registerTenantMoveRoutes(router, *app->m_guard, *app->m_tenantMoves);
    registerBillingRoutes(router, *app->m_context, *app->m_guard);
    return app;
}

int ServerApplication::deliverBillingEvents()
{
    if (!m_billing.simulator)
        return 0;
    const WebhookService &service = *m_webhookService;
    const ApiContext &context = *m_context;
    return m_billing.simulator->deliverPendingBatches(
        [&service](const std::vector<SignedPayload> &events) {
            return service.receiveAll(events, "req_billing_simulator");
        },
        [&context] { return context.now(); });
}

Status ServerApplication::drainBillingEvents()
{
    deliverBillingEvents();
    const std::atomic<bool> stop = false;
    for (;;) {
        Result<int> taken = m_webhookProcessor->processDue(1000, stop);
        if (!taken)
            return taken.error();
        if (*taken == 0)
            return Ok{};
    }
}

void ServerApplication::startBackgroundWork()
{
    // Events of the simulator that a previous run emitted but did not deliver (not done by the
    // command-line tools, which create the application too).
    deliverBillingEvents();
    if (m_writeLane)
        m_writeLane->start();
    if (m_webhookWorkerEnabled)
        m_webhookWorker->start();
    m_jobRunner->start();
}

void ServerApplication::stopBackgroundWork()
{
    // Requests have drained by now (their answers waited for the lane): this only joins it.
    if (m_writeLane)
        m_writeLane->stop();
    // Deliveries still queued (only after a drain that timed out) are committed; their clients
    // are gone.
    m_webhookService->stopIntake();
    m_webhookWorker->stop();
    m_jobRunner->stop();
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

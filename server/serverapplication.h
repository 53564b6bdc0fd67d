#pragma once

#include "server/api/apicontext.h"
#include "server/api/requestguard.h"
#include "server/billing/billingfactory.h"
#include "server/billing/billingprovider.h"
#include "server/billing/reconciliation.h"
#include "server/billing/stripe/stripewebhookprocessor.h"
#include "server/billing/stripe/webhookworker.h"
#include "server/config/serverconfig.h"
#include "server/http/router.h"
#include "server/jobs/jobrunner.h"
#include "server/jobs/jobservice.h"
#include "server/ratelimit/loginthrottle.h"
#include "server/ratelimit/tokenbucketratelimiter.h"
#include "server/services/tenantmoveservice.h"
#include "server/services/webhookservice.h"
#include "server/store/store.h"
#include "server/store/writelane.h"

#include <atomic>
#include <memory>

namespace Tenantry::Server {

// tenantryd without its network front: the store, the limiters, the routes and the request
// pipeline (per-address rate limit, then the router). Wires things together; the logic lives
// in services/ and api/.
class ServerApplication
{
public:
    static Result<std::unique_ptr<ServerApplication>> create(const ServerConfig &config,
                                                             ApiContext::Log errorLog);

    HttpResponse handle(HttpRequest &request);

    const Router &router() const { return m_router; }
    Store &store() { return *m_store; }
    ApiContext &context() { return *m_context; }
    JobRunner &jobRunner() { return *m_jobRunner; }
    Reconciliation &reconciliation() { return *m_reconciliation; }

    // While draining, /readyz answers 503 so that load balancers stop sending traffic.
    void setDraining(bool draining) { m_draining = draining; }

    // The threads that run the write lane, apply Stripe webhook events and run background jobs
    // (serve() runs them; the command-line tools do not). stopBackgroundWork() runs what the
    // lane still holds, lets the event in progress finish, asks the job in progress to stop (it
    // is queued again) and joins them.
    void startBackgroundWork();
    void stopBackgroundWork();

    // The billing provider (nullptr for --billing none) and the simulator when it is that one.
    BillingProvider *billingProvider() { return m_billing.provider.get(); }
    BillingSimulator *billingSimulator() { return m_billing.simulator; }
    // Hands the simulator's pending events to the webhook inbox (signed, as Stripe would, at
    // the context's now); returns how many were taken.
    int deliverBillingEvents();
    // Delivers the simulator's pending events and applies every due event of the inbox, on the
    // calling thread (before the background work starts: the demo's history).
    Status drainBillingEvents();

private:
    ServerApplication() = default;

    std::unique_ptr<Store> m_store;
    std::unique_ptr<TokenBucketRateLimiter> m_rateLimiter;
    LoginThrottle m_loginThrottle;
    std::unique_ptr<ApiContext> m_context;
    std::unique_ptr<RequestGuard> m_guard;
    // After the guard, whose requests its tasks run: stopped and destroyed before it. Null when
    // off or when the store does not defer commits (PostgreSQL, SQLite without group commit).
    std::unique_ptr<WriteLane> m_writeLane;
    std::unique_ptr<StripeWebhookProcessor> m_webhookProcessor;
    std::unique_ptr<WebhookWorker> m_webhookWorker;
    std::unique_ptr<WebhookService> m_webhookService;
    BillingSetup m_billing; // before the jobs that use its provider: destroyed after them
    std::unique_ptr<Reconciliation> m_reconciliation;
    std::unique_ptr<JobRunner> m_jobRunner;
    std::unique_ptr<JobService> m_jobService;
    std::unique_ptr<TenantMoveService> m_tenantMoves;
    Router m_router;
    std::atomic<bool> m_draining = false;
    bool m_webhookWorkerEnabled = true;
};

} // namespace Tenantry::Server

#pragma once

#include "server/api/apicontext.h"
#include "server/api/requestguard.h"
#include "server/http/router.h"

#include <atomic>

namespace Tenantry::Server {

class WebhookService;
class JobService;
class Reconciliation;
class TenantMoveService;

// One registration function per resource (one file each in server/api/).
void registerHealthRoutes(Router &router, const Store &store, const std::atomic<bool> &draining);
void registerSessionRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerUserRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerTenantRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerCatalogRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerAuditRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerSubscriptionRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerEntitlementRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerTenantUserRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerTenantApiKeyRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerMetricsRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerBillingRoutes(Router &router, ApiContext &context, const RequestGuard &guard);
void registerWebhookRoutes(Router &router, const RequestGuard &guard, const WebhookService &service);
void registerJobRoutes(Router &router, const RequestGuard &guard, const JobService &jobs);
void registerReconciliationRoutes(Router &router,
                                  const RequestGuard &guard,
                                  const JobService &jobs,
                                  const Reconciliation &reconciliation);
void registerTenantMoveRoutes(Router &router,
                              const RequestGuard &guard,
                              const TenantMoveService &moves);

} // namespace Tenantry::Server

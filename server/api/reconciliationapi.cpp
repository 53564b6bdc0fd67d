// Billing reconciliation: POST /v1/billing/reconcile (queues a billing.reconcile job),
// GET /v1/billing/drift (what a job found) and POST /v1/billing/drift/{id}/apply (the
// provider's state for one row, audited).

#include "server/api/routes.h"
#include "server/billing/reconciliation.h"
#include "server/jobs/jobservice.h"

namespace Tenantry::Server {

void registerReconciliationRoutes(Router &router,
                                  const RequestGuard &guard,
                                  const JobService &jobs,
                                  const Reconciliation &reconciliation)
{
    router.add(HttpMethod::Post,
               "/v1/billing/reconcile",
               guard.protect([&jobs, &reconciliation](HttpRequest &request,
                                                      const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::BillingWrite))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> body = parseObjectBody(request, {});
                   if (failed(body))
                       return errorResponse(request, std::get<ApiError>(body));
                   if (!reconciliation.hasProvider())
                       return errorResponse(request,
                                            ApiError::conflict("billing_provider_unavailable",
                                                               "No billing provider is configured "
                                                               "on this server: there is nothing "
                                                               "to reconcile with"));
                   Outcome<JobRecord> job = jobs.enqueue(principal,
                                                         request.requestId,
                                                         std::string(Reconciliation::JobType),
                                                         nlohmann::json::object());
                   if (failed(job))
                       return errorResponse(request, std::get<ApiError>(job));
                   const JobRecord &queued = std::get<JobRecord>(job);
                   HttpResponse response = HttpResponse::json(202, jobJson(queued));
                   response.setHeader("Location", "/v1/jobs/" + queued.id);
                   return response;
               }));

    router.add(HttpMethod::Get,
               "/v1/billing/drift",
               guard.protect([&reconciliation](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::BillingRead))
                       return errorResponse(request, *denied);
                   DriftFilter filter;
                   filter.jobId = request.queryValue("job_id");
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<DriftRecord>> found = reconciliation.list(filter,
                                                                          std::get<0>(page),
                                                                          request.requestId);
                   if (failed(found))
                       return errorResponse(request, std::get<ApiError>(found));
                   return listResponse(std::get<0>(found), driftJson, [](const DriftRecord &drift) {
                       return drift.id;
                   });
               }));

    router.add(HttpMethod::Post,
               "/v1/billing/drift/{id}/apply",
               guard.protect([&reconciliation](HttpRequest &request, const Principal &principal) {
                   if (auto denied = requirePermission(principal, Permission::BillingWrite))
                       return errorResponse(request, *denied);
                   Outcome<nlohmann::json> body = parseObjectBody(request, {});
                   if (failed(body))
                       return errorResponse(request, std::get<ApiError>(body));
                   Outcome<DriftRecord> applied = reconciliation.apply(principal,
                                                                       request.requestId,
                                                                       request.pathParameter("id"));
                   if (failed(applied))
                       return errorResponse(request, std::get<ApiError>(applied));
                   return HttpResponse::json(200, driftJson(std::get<DriftRecord>(applied)));
               }));
}

} // namespace Tenantry::Server

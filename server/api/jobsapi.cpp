// GET /v1/jobs and GET /v1/jobs/{id}: background jobs (reconciliations, tenant moves) and their
// progress. Who may read a job follows its type (JobService::readPermission).

#include "server/api/routes.h"
#include "server/jobs/jobservice.h"

namespace Tenantry::Server {

void registerJobRoutes(Router &router, const RequestGuard &guard, const JobService &jobs)
{
    router.add(HttpMethod::Get,
               "/v1/jobs",
               guard.protect([&jobs](HttpRequest &request, const Principal &principal) {
                   JobFilter filter;
                   filter.type = request.queryValue("type");
                   filter.tenantId = request.queryValue("tenant_id");
                   if (filter.tenantId && filter.tenantId->empty())
                       return errorResponse(request,
                                            ApiError::badRequest("parameter_invalid",
                                                                 "tenant_id must not be empty",
                                                                 "tenant_id"));
                   if (const auto status = request.queryValue("status")) {
                       filter.status = jobStatusFromString(*status);
                       if (!filter.status)
                           return errorResponse(
                               request,
                               ApiError::badRequest("parameter_invalid",
                                                    "status must be queued, running, succeeded, "
                                                    "failed or canceled",
                                                    "status"));
                   }
                   Outcome<PageRequest> page = pageRequest(request);
                   if (failed(page))
                       return errorResponse(request, std::get<ApiError>(page));
                   Outcome<Page<JobRecord>> found = jobs.list(principal,
                                                              request.requestId,
                                                              std::move(filter),
                                                              std::get<0>(page));
                   if (failed(found))
                       return errorResponse(request, std::get<ApiError>(found));
                   return listResponse(std::get<0>(found), jobJson, [](const JobRecord &job) {
                       return job.id;
                   });
               }));

    router.add(HttpMethod::Get,
               "/v1/jobs/{id}",
               guard.protect([&jobs](HttpRequest &request, const Principal &principal) {
                   Outcome<JobRecord> job = jobs.get(principal,
                                                     request.requestId,
                                                     request.pathParameter("id"));
                   if (failed(job))
                       return errorResponse(request, std::get<ApiError>(job));
                   return HttpResponse::json(200, jobJson(std::get<JobRecord>(job)));
               }));
}

} // namespace Tenantry::Server
